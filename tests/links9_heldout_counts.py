"""Count-only diagnosis of the legacy 13D/G link-field misses (room LINKS, session 9).

Run: ``.venv/bin/python tests/links9_heldout_counts.py [heldout|dev]``. It prints numbers
and category names only, never a document's text, names, labels, sentences or file names
(held-out discipline, /work/team/TEAM.md). Per labelled link that was found with a wrong
role or power, and per labelled link not found: the expected and parsed roles (vocabulary
values), the power field and how it is wrong, a fixed list of cue words in the label's
quote, what the controller's cover page says (all shared, all sole, mixed, no page), and
whether candidate general rules would have given the expected power:

- ``page``: a controller whose page reports only shared (only sole) power of a kind passes
  that power over every link below it;
- ``count``: the controlled party's parsed count equals exactly one of the controller's
  page rows of that kind (sole or shared);
- ``note``: the controlled party is named in a cover-row footnote of the controller's page
  whose mark stands on the shared (sole) row of that kind.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from ownergraph.loaders import parse_path
from ownergraph.queries import eval as ev

ROOT = Path(__file__).parent / "fixtures" / "corpus" / "sec13dg-legacy"

#: fixed cue words looked for in a label's quote (their presence only is printed)
CUES = (
    "shared",
    "sole",
    "deemed",
    "power",
    "includes",
    "held by",
    "for the benefit of",
    "trustee",
    "general partner",
    "managing member",
    "investment manager",
    "investment advis",
    "by:",
    "owned by",
    "subsidiary",
    "director",
    "officer",
    "president",
    "ira",
    "account",
    "cover",
    "row",
    "footnote",
    "signature",
    "capacity",
    "discretion",
)

_POWER = re.compile(r"(\S+) -> (\S+) (voting|investment): expected (\w+), got \[(.*)\]$")
_ROLE = re.compile(r"(\S+) -> (\S+): role expected (\w+), got \[(.*)\]$")
_LINK = re.compile(r"(\S+) -> (\S+) \((\w+)\) not found")


#: words kept as themselves in a quote's shape (a fixed vocabulary); any other word is C
#: (capitalised), w (lower case) or N (a number): names never appear
KEEP = set(
    "the of and or to as by is are its their his her each which who whose may be deemed "
    "general partner partners investment adviser advisers advisor manager managers managing "
    "member fund funds account accounts owned held owns holds beneficially beneficial owner "
    "shares power voting dispositive sole shared with respect over in for serves act acts "
    "respectively capacity such an a certain other client clients discretion".split()
)


def _shape(q: str) -> str:
    out = []
    for t in re.findall(r"[A-Za-z][\w'-]*|\d[\d,.]*|[^\sA-Za-z\d]", q)[:30]:
        lo = t.lower()
        if lo in KEEP:
            out.append(lo)
        elif t[0].isdigit():
            out.append("N")
        elif t[0].isalpha():
            out.append("C" if t[0].isupper() else "w")
        else:
            out.append(t if t in "():;,./" else "p")
    return " ".join(out)


def _page_says(pos: dict | None, which: str) -> str:
    """What a cover page's rows say of one kind of power (category)."""
    if not pos:
        return "no page"
    sole_f, shared_f = (
        ("sole_voting", "shared_voting")
        if which == "voting"
        else ("sole_dispositive", "shared_dispositive")
    )
    so, sh = pos.get(sole_f), pos.get(shared_f)
    if so is None and sh is None:
        return "rows blank"
    if (so or 0) == 0 and (sh or 0) > 0:
        return "only shared"
    if (sh or 0) == 0 and (so or 0) > 0:
        return "only sole"
    if (so or 0) == 0 and (sh or 0) == 0:
        return "all zero"
    return "mixed"


def _count_rule(pos: dict | None, which: str, counts: list[float]) -> str | None:
    if not pos or not counts:
        return None
    sole_f, shared_f = (
        ("sole_voting", "shared_voting")
        if which == "voting"
        else ("sole_dispositive", "shared_dispositive")
    )
    total = sum(counts)
    hits = [
        p
        for p, f in (("sole", sole_f), ("shared", shared_f))
        if pos.get(f) and any(ev._num_eq(pos.get(f), x) for x in [*counts, total])
    ]
    return hits[0] if len(hits) == 1 else None


_MARK = re.compile(r"\(([a-z0-9]{1,2})\)|(\*+)")


def _note_rule(text: str, names: list[str], which: str) -> str:
    """Category: is a controlled party's name within 400 characters after a line that
    opens with a footnote mark, and which cover-row kind carries that mark nearby."""
    low = " ".join(text.split()).lower()
    hits = set()
    for n in names:
        n = " ".join(n.split()).lower()
        if len(n) < 4:
            continue
        for m in re.finditer(re.escape(n), low):
            before = low[max(0, m.start() - 400) : m.start()]
            nm = list(re.finditer(r"(?:^|\s)\(([a-z0-9]{1,2})\)\s+includes\b", before))
            if not nm:
                continue
            mark = nm[-1].group(1)
            rows = low[max(0, m.start() - 4000) : m.start() - len(before) + nm[-1].start()]
            row_rx = (
                r"(sole|shared)\s+voting\s+power[^a-z()]{0,40}?[\d,]+\s*(?:\([a-z0-9]{1,2}\))*"
                if which == "voting"
                else r"(sole|shared)\s+dispositive\s+power[^a-z()]{0,40}?[\d,]+\s*(?:\([a-z0-9]{1,2}\))*"
            )
            for rm in re.finditer(row_rx, rows):
                if f"({mark})" in rm.group(0):
                    hits.add(rm.group(1))
    if not hits:
        return "no marked note names it"
    return "marked on " + "+".join(sorted(hits))


def _who_categories(c: Counter[str], exp: dict, pd: object, key_of: dict, report: object) -> None:
    """Categories of a who-controls verdict that is not right: which expected ultimate
    controllers are missing or extra, and what the parse knows of each (numbers only)."""
    from ownergraph.queries.eval import _num_eq

    doc = report.documents[-1]  # type: ignore[attr-defined]
    if doc.get("who") in (None, "right"):
        return
    c[f"who {doc['who']}"] += 1
    detail = next((m.detail for m in report.misses if m.kind == "who_controls"), "")  # type: ignore[attr-defined]
    mm = re.search(r"expected \[(.*)\], got \[(.*)\]$", detail)
    if not mm:
        return
    want = dict(re.findall(r"\('([^']*)', ([\d.]+|None)\)", mm.group(1)))
    got = dict(re.findall(r"\('([^']*)', ([\d.]+|None)\)", mm.group(2)))
    pos = {q["party"]: q for q in exp.get("positions") or []}
    links = exp.get("links") or []
    parsed = set(key_of.values())
    plinks = {(key_of.get(lk.controller_id), key_of.get(lk.controlled_id)) for lk in pd.links}  # type: ignore[attr-defined]
    held = {key_of.get(h.holder_id) for h in pd.holdings}  # type: ignore[attr-defined]
    kinds = {p["key"]: p.get("kind") for p in exp.get("parties") or []}
    c[f"  who: expected ultimates={min(len(want), 5)} got={min(len(got), 5)}"] += 1
    for k in want:
        if k in got:
            same = want[k] == "None" or _num_eq(float(want[k]), float(got[k]))
            c[f"  who: ultimate found, aggregate right={same}"] += 1
            if not same:
                c[f"    aggregate got {'less' if float(got[k]) < float(want[k]) else 'more'}"] += 1
            continue
        ups = [lk for lk in links if lk["controlled"] == k]
        downs = [lk for lk in links if lk["controller"] == k]
        c[
            f"  who: ultimate missing: kind={kinds.get(k)} parsed={k in parsed} page={k in pos} "
            f"labelled links down={min(len(downs), 3)} up={min(len(ups), 3)}"
        ] += 1
        if k in parsed:
            found_down = sum((lk["controller"], lk["controlled"]) in plinks for lk in downs)
            c[f"    its labelled links down found={found_down}/{len(downs)}"] += 1
            c[f"    it holds in the parse={k in held}"] += 1
            for lk in downs:
                c[f"    labelled link down role={lk['role']}"] += 1
    for k in got:
        if k in want:
            continue
        unmatched = k.startswith("?")
        c[
            f"  who: extra ultimate: unmatched={unmatched} page={k in pos} "
            f"labelled as controlled={any(lk['controlled'] == k for lk in links)}"
        ] += 1


def main(split: str = "heldout") -> None:
    """Print the counts for one split."""
    c: Counter[str] = Counter()
    for ep in sorted(ROOT.glob("*.expected.json")):
        exp = json.loads(ep.read_text())
        if exp.get("split") != split:
            continue
        doc = ep.with_name(ep.name[: -len(".expected.json")])
        report = ev.Report()
        ev.evaluate_one(ep, report)
        pd = parse_path(doc)
        key_of = ev.match_parties(exp.get("parties") or [], pd.parties)
        kinds = {p["key"]: p.get("kind") for p in exp.get("parties") or []}
        spell = {
            p["key"]: [x for x in [p.get("name") or "", *(p.get("names") or [])] if x]
            for p in exp.get("parties") or []
        }
        pos = {q["party"]: q for q in exp.get("positions") or []}
        links = {(lk["controller"], lk["controlled"]): lk for lk in exp.get("links") or []}
        counts: dict[str, list[float]] = {}
        for h in pd.holdings:
            k = key_of.get(h.holder_id)
            if k and h.shares is not None:
                counts.setdefault(k, []).append(h.shares)
        text = doc.read_text(errors="replace")
        text = re.sub(r"<[^>]+>", " ", text)
        text = re.sub(r"&nbsp;|&#160;", " ", text)
        c["documents"] += 1
        per_doc_missed = 0
        for (a, b), lk in links.items():
            c["labelled links"] += 1
            for which in ("voting", "investment"):
                if lk.get(which):
                    c[f"labelled links with {which} power"] += 1
                pr = {"only shared": "shared", "only sole": "sole"}.get(
                    _page_says(pos.get(a), which)
                )
                if pr is not None:
                    # every labelled link whose controller's page has one power of a kind:
                    # does the label agree (the rule's precision beyond the misses)?
                    label = lk.get(which) or "null"
                    c[f"all links, rule page {which}: label {label} vs rule {pr}"] += 1
                elif _page_says(pos.get(a), which) == "mixed":
                    cr = _count_rule(pos.get(a), which, counts.get(b, []))
                    if cr is not None:
                        label = lk.get(which) or "null"
                        c[f"all links, rule count {which}: label {label} vs rule {cr}"] += 1
        for m in report.misses:
            if m.kind == "link_power":
                mm = _POWER.search(m.detail)
                if not mm:
                    continue
                a, b, which, want, got = mm.groups()
                lk = links.get((a, b), {})
                got = got.replace("'", "") or "none"
                c[f"power miss: {which} expected {want} got {got} role={lk.get('role')}"] += 1
                page = _page_says(pos.get(a), which)
                c[f"  power miss: controller page {page}"] += 1
                pr = {"only shared": "shared", "only sole": "sole"}.get(page)
                c[f"  rule page -> {'none' if pr is None else pr == want}"] += 1
                cr = _count_rule(pos.get(a), which, counts.get(b, []))
                c[f"  rule count -> {'none' if cr is None else cr == want}"] += 1
                c[f"  controlled has a parsed count={b in counts}"] += 1
                c[f"  controlled has a page={b in pos}"] += 1
                nr = _note_rule(text, spell.get(b, []), which)
                c[f"  rule note: {nr} (expected {want})"] += 1
                q = (lk.get("quote") or "").lower()
                for w in CUES:
                    if w in q:
                        c[f"  power miss cue: {w}"] += 1
                c[f"  controller kind={kinds.get(a)} controlled kind={kinds.get(b)}"] += 1
            elif m.kind == "link_role":
                mm = _ROLE.search(m.detail)
                if not mm:
                    continue
                a, b, want, got = mm.groups()
                got = ",".join(sorted(x.strip(" '") for x in got.split(",")))
                c[f"role miss: expected {want} got {got}"] += 1
                lk = links.get((a, b), {})
                q = (lk.get("quote") or "").lower()
                for w in CUES:
                    if w in q:
                        c[f"  role miss cue: {w}"] += 1
            elif m.kind == "link":
                mm = _LINK.search(m.detail)
                if not mm:
                    continue
                a, b, role = mm.groups()
                lk = links.get((a, b), {})
                c[f"link missed: role {role}"] += 1
                c[
                    f"  missed: controller parsed={a in key_of.values()} "
                    f"controlled parsed={b in key_of.values()}"
                ] += 1
                q = (lk.get("quote") or "").lower()
                for w in CUES:
                    if w in q:
                        c[f"  missed cue: {w}"] += 1
                if a in key_of.values() and b in key_of.values():
                    c[
                        f"  missed, both parsed: role {role} controller page={a in pos} "
                        f"controlled page={b in pos}"
                    ] += 1
                    flat = " ".join(text.split()).lower()
                    head = " ".join(q.split("...")[0].split("/")[0].split())[:60]
                    c[f"  missed, both parsed: quote's opening found in text={head in flat}"] += 1
                    per_doc_missed += 1
                    if role in ("investment_adviser", "general_partner"):
                        c[f"  missed shape [{role}]: {_shape(q)}"] += 1
            elif m.kind == "invented_link":
                mm = re.search(r"\(([\w, ]+)\) not stated$", m.detail)
                pair = m.detail.split(" (", 1)[0]
                unmatched = pair.count("?")
                c[f"invented: roles {mm.group(1) if mm else '?'} unmatched ends={unmatched}"] += 1
        if per_doc_missed:
            c[
                f"documents with N missed links (both parties parsed): N={min(per_doc_missed, 10)}"
            ] += 1
        _who_categories(c, exp, pd, key_of, report)
    for k, v in sorted(c.items()):
        print(f"{v:5d}  {k}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "heldout")
