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
            elif m.kind == "invented_link":
                mm = re.search(r"\(([\w, ]+)\) not stated$", m.detail)
                pair = m.detail.split(" (", 1)[0]
                unmatched = pair.count("?")
                c[
                    f"invented: roles {mm.group(1) if mm else '?'} unmatched ends={unmatched}"
                ] += 1
    for k, v in sorted(c.items()):
        print(f"{v:5d}  {k}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "heldout")
