"""Count-only diagnosis of the legacy 13D/G field misses (room FIELDS, issue 11).

Run: ``.venv/bin/python tests/fields3_heldout_counts.py [heldout|dev]``. It prints numbers
and categories only, never a document's text, names, labels or file names (held-out
discipline, /work/team/TEAM.md): per missed holding (none found, or a field wrong), the
expected holder's kind and whether it was parsed, whether the expected count is printed
in the document (with commas or without), the layout of the line that prints it (a table
row with other numbers, prose) and a fixed list of cue words around it; per wrong cover
row, the field and how the value is wrong; and how the misses spread over documents.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from ownergraph.loaders import parse_path
from ownergraph.loaders import sec13dg_legacy as _legacy
from ownergraph.queries import eval as ev

ROOT = Path(__file__).parent / "fixtures" / "corpus" / "sec13dg-legacy"
#: cue words looked for within 200 characters before / 80 after the printed count
CUES = (
    "held of record",
    "includes",
    "including",
    "spouse",
    "wife",
    "husband",
    "trust",
    "custodian",
    "minor",
    "child",
    "ira",
    "plan",
    "estate",
    "foundation",
    "directly",
    "indirectly",
    "owns",
    "holds",
    "held by",
    "beneficially owns",
    "class a",
    "class b",
    "preferred",
    "warrant",
    "option",
    "convert",
    "aggregate",
    "item 5",
    "sole",
    "shared",
    "partnership",
    "fund",
    "account",
)


VERBS = (
    ("beneficially own(s)", r"beneficially\s+own"),
    ("may be deemed", r"may\s+be\s+deemed"),
    ("owns/holds", r"\b(?:owns|holds)\b"),
    ("is the owner of", r"owner\s+of"),
    ("has/had", r"\b(?:has|had)\b"),
    ("held", r"\bheld\b"),
    ("consisting of / includes", r"consist|includ"),
    ("amount beneficially owned", r"amount\s+beneficially"),
    ("colon", r":"),
    ("parenthesis", r"\("),
)


AFTER = (
    ("held by", r"held\s+(?:\w+\s+)?by"),
    ("owned by", r"owned\s+(?:\w+\s+)?by"),
    ("held of record", r"of\s+record"),
    ("for the account of", r"account"),
    ("in the name of", r"name\s+of"),
    ("through", r"through"),
    ("comprised/represents", r"compris|represent"),
)


#: words kept as themselves in a shape (a fixed vocabulary); others become C (capitalised),
#: w (lower case), N (a number), p (punctuation)
KEEP = {
    "the",
    "owns",
    "own",
    "owned",
    "beneficially",
    "holds",
    "held",
    "hold",
    "directly",
    "of",
    "by",
    "record",
    "may",
    "be",
    "deemed",
    "to",
    "has",
    "had",
    "shares",
    "aggregate",
    "an",
    "which",
    "and",
    "including",
    "includes",
    "include",
    "is",
    "are",
    "a",
    "total",
    "its",
    "his",
    "her",
    "their",
    "each",
    "as",
    "for",
    "in",
    "with",
    "respect",
    "power",
    "sole",
    "shared",
    "voting",
    "dispositive",
    "vote",
    "dispose",
    "over",
    "consisting",
    "comprised",
    "approximately",
    "common",
    "stock",
    "units",
    "reporting",
    "person",
    "persons",
    "fund",
    "funds",
    "partnership",
    "account",
    "accounts",
    "trust",
    "owner",
}


def _shape(toks: list[str]) -> str:
    out = []
    for t in toks:
        if t.lower() in KEEP:
            out.append(t.lower())
        elif t[0].isdigit():
            out.append("N")
        elif t[0].isalpha():
            out.append("C" if t[0].isupper() else "w")
        else:
            out.append(t if t in "():;,." else "p")
    return " ".join(out)


def _num(x: str) -> float | None:
    try:
        return float(x.rstrip(","))
    except ValueError:
        return None


def _in_text(x: str, text: str) -> bool:
    n = _num(x)
    return n is not None and any(s in text for s in _printed(n))


def _relation(w: str, g: str, exp: dict, key: str) -> str:
    a, b = _num(w), _num(g)
    if a is None or b is None:
        return "not numbers"
    pos = next((q for q in exp.get("positions") or [] if q["party"] == key), {})
    others = [f for f in ev.POSITION_FIELDS[:5] if ev._num_eq(pos.get(f), b)]
    if others:
        return "got = the page's " + "/".join(others)
    pages = [q["party"] for q in exp.get("positions") or [] if q["party"] != key]
    for q in exp.get("positions") or []:
        if q["party"] != key and any(ev._num_eq(q.get(f), b) for f in ev.POSITION_FIELDS[:5]):
            return "got = a value of another page"
    if a and b and (b / a in (10, 100, 1000) or a / b in (10, 100, 1000)):
        return "power of ten"
    sa, sb = str(int(a)), str(int(b))
    if sa.startswith(sb) or sa.endswith(sb) or sb.startswith(sa) or sb.endswith(sa):
        return "digits cut or added"
    return f"other (got {'more' if b > a else 'less'}; pages {len(pages) + 1})"


def _accounting(stated: list, pages: list) -> list[str]:
    """Why counts read for the right holder did not become holdings (categories)."""
    out = []
    aggs = [v.get("aggregate") or 0 for _pid, v in pages]
    top = max(aggs, default=0)
    filers = {pid for pid, _v in pages}
    per: dict = {}
    for pid, v, _ph in stated:
        if v is not None:
            per.setdefault(pid, set()).add(v)
    one = sum(min(v) for v in per.values())
    out.append(f"pages={min(len(pages), 4)} holders stated={min(len(per), 4)}")
    out.append(f"holders that are filers={len(set(per) & filers)}")
    out.append(
        "sum of one count per holder vs top: "
        + ("equal" if abs(one - top) <= len(per) else "less" if one < top else "more")
    )
    out.append(f"some holder has several counts={any(len(v) > 1 for v in per.values())}")
    out.append(f"a count exceeds top={any(x > top + 1 for v in per.values() for x in v)}")
    for _pid, v in pages:
        sole = {v.get("sole_voting"), v.get("sole_dispositive")} - {None}
        shared = {v.get("shared_voting"), v.get("shared_dispositive")} - {None}
        for x in (y for vs in per.values() for y in vs):
            if any(abs(x - z) <= 1 for z in sole) and x:
                out.append("a count equals a page's sole rows")
            if any(abs(x - z) <= 1 for z in shared) and x:
                out.append("a count equals a page's shared rows")
            if abs(x - (v.get("aggregate") or -9)) <= 1:
                out.append("a count equals a page's aggregate")
    return out


def _cls_rel(mm0: re.Match[str] | None, title: str | None, pd: object) -> str:
    """How the label's class relates to a parsed holding's title (categories)."""
    if mm0 is None:
        return "?"
    want = ev.normalize_name(mm0.group(1))
    sec = {ev.normalize_name(s.title) for s in pd.securities}  # type: ignore[attr-defined]
    got = ev.normalize_name(title or "")
    if want == got:
        return "same"
    if want in sec:
        return "label class = the security's title"
    if want in {ev.normalize_name(ev._class_name(s.title)) for s in pd.securities}:  # type: ignore[attr-defined]
        return "label class = the security's class name"
    stitles = [ev.normalize_name(s.title) for s in pd.securities]  # type: ignore[attr-defined]
    ws = set(want.split())
    best = max((len(ws & set(t.split())) for t in stitles), default=0)
    cues = [
        w
        for w in (
            "class",
            "a",
            "b",
            "ordinary",
            "common",
            "stock",
            "shares",
            "units",
            "par",
            "value",
            "per",
            "share",
            "preferred",
            "american",
            "depositary",
            "limited",
            "partnership",
            "interests",
            "beneficial",
            "interest",
        )
        if w in ws
    ]
    return (
        f"other (label words {len(want.split())}, security titles {len(stitles)}, "
        f"shared words with the best {best}, label cue words {cues})"
    )


def _printed(n: float) -> list[str]:
    i = int(round(n))
    return [f"{i:,}", str(i)] if i >= 1000 else [str(i)]


_SEEN: list = []
_orig_text_holdings = _legacy._text_holdings


def _capture(ctx, pages, page_pid, sec_id, as_of):  # type: ignore[no-untyped-def]
    """Keep the stated counts and the pages' rows the loader saw (to class the misses)."""
    from ownergraph.loaders import sec_legacy_holdings as lh

    aggregates = {
        page_pid[pg.index]: pg.values["aggregate"] for pg in pages if pg.values.get("aggregate")
    }
    steps = {
        pid: (
            "owned through a page below"
            if lh._holder_owns_through(ctx, aggregates, pid, v, pr)
            else "kept"
        )
        for pid, v, pr in ctx.stated
    }
    got = _orig_text_holdings(ctx, pages, page_pid, sec_id, as_of)
    _SEEN.append(
        (
            [(pid, v, (pr.phrase or "")) for pid, v, pr in ctx.stated],
            [(page_pid[pg.index], dict(pg.values)) for pg in pages],
            steps,
            bool(got),
            set(ctx.type_codes),
        )
    )
    return got


_legacy._text_holdings = _capture


def main(split: str = "heldout") -> None:
    """Print the counts for one split."""
    c: Counter[str] = Counter()
    cues: Counter[str] = Counter()
    per_doc: Counter[int] = Counter()
    for ep in sorted(ROOT.glob("*.expected.json")):
        exp = json.loads(ep.read_text())
        if exp.get("split") != split:
            continue
        doc = ep.with_name(ep.name[: -len(".expected.json")])
        _SEEN.clear()
        pd = parse_path(doc)
        seen_stated, seen_pages, steps, kept, filers = (
            _SEEN[-1] if _SEEN else ([], [], {}, False, set())
        )
        key_of = ev.match_parties(exp.get("parties") or [], pd.parties)
        parsed = set(key_of.values())
        kinds = {p["key"]: p.get("kind") for p in exp.get("parties") or []}
        text = doc.read_text(errors="replace")
        report = ev.Report()
        ev.evaluate_one(ep, report)
        misses = [m for m in report.misses if m.kind in ("holding", "position", "party")]
        per_doc[len(misses)] += 1
        n_hold = len(exp.get("holdings") or [])
        c["documents"] += 1
        c["documents with labelled holdings"] += n_hold > 0
        c["labelled holdings"] += n_hold
        for m in misses:
            if m.kind == "party":
                key = m.detail.split(" ", 1)[0]
                holds = any(h["holder"] == key for h in exp.get("holdings") or [])
                c[f"party missed: kind={kinds.get(key)} has labelled holding={holds}"] += 1
            elif m.kind == "position":
                f = next((f for f in ev.POSITION_FIELDS if f" {f}:" in m.detail), "whole page")
                key = m.detail.split(" ", 1)[0]
                mm = re.search(r"expected (\S+), got (\S+)", m.detail)
                how = "?"
                if mm:
                    w, g = mm.group(1), mm.group(2)
                    how = (
                        "expected None"
                        if w == "None"
                        else "got None"
                        if g == "None"
                        else "both numbers/lists"
                    )
                c[f"position wrong: {f} ({how})"] += 1
                if mm and how == "both numbers/lists":
                    c[f"  position {f}: {_relation(mm.group(1), mm.group(2), exp, key)}"] += 1
                if mm and how == "got None":
                    pos = next((q for q in exp.get("positions") or [] if q["party"] == key), {})
                    c[
                        f"  position {f} got None; printed in text={_in_text(mm.group(1), text)}"
                    ] += 1
                    c[
                        f"  position {f} got None; same as another row of its page="
                        f"{any(ev._num_eq(pos.get(g), _num(mm.group(1))) for g in ev.POSITION_FIELDS[:5] if g != f)}"
                    ] += 1
        # holdings: re-derive which expected holdings missed, with their numbers (not printed)
        for m in misses:
            if m.kind != "holding":
                continue
            nohold = m.detail.startswith("no holding")
            key = m.detail.split(" by ", 1)[1].split(" ", 1)[0] if nohold else m.detail.split()[0]
            c[f"holding {'missing' if nohold else 'field wrong'}"] += 1
            c[f"  holder kind={kinds.get(key)} parsed={key in parsed}"] += 1
            if not nohold:
                f = next((f for f in ev.HOLDING_FIELDS if f") {f}:" in m.detail), "?")
                c[f"  wrong field={f}"] += 1
                mm = re.search(r"expected (\S+), got (\S+)", m.detail)
                if mm and f == "shares":
                    try:
                        w, g = float(mm.group(1).rstrip(",")), float(mm.group(2).rstrip(","))
                        c[f"  shares got {'more' if g > w else 'less'} than expected"] += 1
                        c[f"  got printed in text={any(s in text for s in _printed(g))}"] += 1
                    except ValueError:
                        c["  shares not numbers"] += 1
            mm = re.search(r"expected (\S+)$", m.detail)
            mm0 = re.search(r"no holding of '([^']*)'", m.detail)
            if not (nohold and mm):
                continue
            try:
                want = float(mm.group(1))
            except ValueError:
                c["  expected not a number"] += 1
                continue
            spots = [
                x.start()
                for s in _printed(want)
                for x in re.finditer(rf"(?<![\d,.]){re.escape(s)}(?![\d,]|\.\d)", text)
            ]
            c[f"  expected count printed={bool(spots)}"] += 1
            aggs = {q["party"]: q.get("aggregate") for q in exp.get("positions") or []}
            c[f"  holder has a cover page={key in aggs}"] += 1
            if key not in aggs:
                hdr = text[: text.find("</SEC-HEADER>")] if "</SEC-HEADER>" in text else ""
                nh = ev.normalize_name(" ".join(hdr.split()))
                names_ = [
                    ev.normalize_name(x)
                    for p in exp.get("parties") or []
                    if p["key"] == key
                    for x in [p.get("name") or "", *(p.get("names") or [])]
                    if x
                ]
                in_hdr = any(n and n in nh for n in names_)
                c[f"  no cover page: named in the SGML header={in_hdr} kind={kinds.get(key)}"] += 1
            c[f"  count is its own cover aggregate={ev._num_eq(aggs.get(key), want)}"] += 1
            c[
                "  count is another cover's aggregate="
                f"{any(ev._num_eq(a, want) for k, a in aggs.items() if k != key)}"
            ] += 1
            inv = {v: k for k, v in key_of.items()}
            same_holder = [h for h in pd.holdings if key_of.get(h.holder_id) == key]
            c[f"  parsed holdings of that holder (other class title)={len(same_holder)}"] += 1
            for h in same_holder:
                c[f"    its count equals the expected={ev._num_eq(h.shares, want)}"] += 1
                c[f"    label class words in parsed title={_cls_rel(mm0, h.title, pd)}"] += 1
            st = [(pid, v) for pid, v, _ph in seen_stated if v is not None and ev._num_eq(v, want)]
            c[f"  count read as stated={bool(st)}"] += 1
            if st:
                right = any(pid == inv.get(key) for pid, _v in st)
                c[f"  read for the right holder={right}"] += 1
                if not right:
                    links = exp.get("links") or []
                    for pid, _v in st:
                        wk = key_of.get(pid)
                        rel = (
                            "unmatched (not a labelled party)"
                            if wk is None
                            else "controls the holder"
                            if any(
                                lk["controller"] == wk and lk["controlled"] == key for lk in links
                            )
                            else "controlled by the holder"
                            if any(
                                lk["controller"] == key and lk["controlled"] == wk for lk in links
                            )
                            else f"labelled party, kind {kinds.get(wk)}, no direct link"
                        )
                        c[f"  wrong holder: {rel} (a filer={pid in filers})"] += 1
                    spell_ = [
                        ev.normalize_name(x)
                        for p in exp.get("parties") or []
                        if p["key"] == key
                        for x in [p.get("name") or "", *(p.get("names") or [])]
                        if x
                    ]
                    for _pid, v, ph in seen_stated:
                        if v is not None and ev._num_eq(v, want):
                            c[
                                "  right holder named in the phrase read="
                                f"{any(x and x in ev.normalize_name(ph) for x in spell_)}"
                            ] += 1
                if right:
                    for cat in _accounting(seen_stated, seen_pages):
                        c[f"  rejected: {cat}"] += 1
                    c[f"  rejected: text holdings kept in document={kept}"] += 1
                    for pid, step in steps.items():
                        c[f"  rejected: a stated holder {step} (filer={pid in filers})"] += 1
            c[f"  stated counts read in document={min(len(seen_stated), 4)}"] += 1
            pos = next((q for q in exp.get("positions") or [] if q["party"] == key), {})
            for f in ("sole_voting", "shared_voting", "sole_dispositive", "shared_dispositive"):
                if ev._num_eq(pos.get(f), want):
                    c[f"  count is its own cover {f}"] += 1
            links = exp.get("links") or []
            c[
                f"  holder controls a labelled party={any(lk['controller'] == key for lk in links)}"
            ] += 1
            ups = {lk["controller"] for lk in links if lk["controlled"] == key}
            c[f"  holder has a labelled controller={bool(ups)}"] += 1
            got_by = {key_of.get(h.holder_id) for h in pd.holdings}
            c[f"  a controller of it got a holding={bool(ups & got_by)}"] += 1
            c[
                "  a parsed holding has this count="
                f"{any(ev._num_eq(h.shares, want) for h in pd.holdings)}"
            ] += 1
            c[f"  parsed holdings in document={min(len(pd.holdings), 3)}"] += 1
            if not spots:
                continue
            spell = [
                s
                for p in exp.get("parties") or []
                if p["key"] == key
                for s in [p.get("name") or "", *(p.get("names") or [])]
                if s
            ]
            c[f"  printed times={min(len(spots), 3)}{'+' if len(spots) >= 3 else ''}"] += 1
            for at in spots[:3]:
                ls = text.rfind("\n", 0, at) + 1
                le = text.find("\n", at)
                line = text[ls : le if le >= 0 else len(text)]
                nums = re.findall(r"\d{1,3}(?:,\d{3})+", line)
                head = line.strip()[:40].lower()
                for hname, hrx in (
                    ("(a)/(b)/(i) item letter", r"^\(?[a-z0-9ivx]{1,4}\)"),
                    ("amount beneficially owned", r"amount\s+beneficially"),
                    ("sole/shared power line", r"(?:sole|shared)\s+(?:voting|dispositive|power)"),
                    ("number of shares", r"number\s+of\s+shares"),
                ):
                    if re.search(hrx, head):
                        c[f"  line starts with: {hname}"] += 1
                c[f"  line numbers={min(len(nums), 4)}"] += 1
                before = " ".join(text[max(0, at - 300) : at].split())
                hits = [before.rfind(s) for s in spell if s in before]
                if hits:
                    gap = before[max(hits) :]
                    c[
                        f"  holder named before (300 chars), words between={min(len(gap.split()), 12)}"
                    ] += 1
                    for v, rx in VERBS:
                        if re.search(rx, gap, re.I):
                            c[f"  verb between holder and count: {v}"] += 1
                else:
                    c["  holder not named in the 300 chars before"] += 1
                    after = " ".join(text[at : at + 300].split())
                    hits = [after.find(s) for s in spell if s in after]
                    if hits:
                        gap = after[: min(hits)]
                        c[f"  holder named after, words between={min(len(gap.split()), 12)}"] += 1
                        for v, rx in AFTER:
                            if re.search(rx, gap, re.I):
                                c[f"  words between count and holder: {v}"] += 1
                    else:
                        c["  holder named neither 300 before nor after"] += 1
                toks = re.findall(r"[A-Za-z]+|\d[\d,.]*|[^\sA-Za-z\d]", text[max(0, at - 120) : at])
                c[f"  shape before: {_shape(toks[-7:])}"] += 1
                toks2 = re.findall(r"[A-Za-z]+|\d[\d,.]*|[^\sA-Za-z\d]", text[at : at + 120])
                c[f"  shape after: {_shape(toks2[:8])} (read={bool(st)})"] += 1
                around = text[max(0, at - 200) : at + 80].lower()
                for w in CUES:
                    if re.search(rf"\b{re.escape(w)}\b", around):
                        cues[w] += 1
    print(f"split {split}")
    for k, v in sorted(c.items()):
        print(f"  {k}: {v}")
    print("cue words around the printed counts of missing holdings:")
    for k, v in cues.most_common():
        print(f"  {k}: {v}")
    print("documents by number of field misses:", sorted(per_doc.items()))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "heldout")
