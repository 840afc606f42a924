"""Count-only diagnosis of the legacy 13D/G misses of room SCHEDULES (issue 11).

Run: ``.venv/bin/python tests/schedules_heldout_counts.py [heldout|dev]``. It prints numbers
and closed-list categories only, never a document's text, names, quotes or file names
(held-out discipline, /work/team/TEAM.md). Counted: the missed parties by kind and by
whether they are filers (a cover page) or signers; the missed holdings by holder kind and
by whether the holder is a filer; the missed links by role and by the shape of their
quote (a "Name:/Title:" schedule, a table, a list introduced by "the following", family
words); the who-controls verdicts.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from ownergraph.loaders import parse_path
from ownergraph.queries.eval import evaluate, match_parties

ROOT = Path(__file__).parent / "fixtures" / "corpus" / "sec13dg-legacy"
SHAPES = {
    "name:/title:": r"\bName\s*:.*\bTitle\s*:",
    "tab-or-wide-gap": r"\t| {3,}",
    "the-following": r"\bthe following\b",
    "schedule/annex": r"\b(?:Schedule|Annex|Appendix)\s+[A-Z1-9]\b",
    "directors/officers": r"\b(?:directors?|executive officers?)\b",
    "family": r"\b(?:spouse|wife|husband|son|daughter|child|children|minor|estate|executor"
    r"|executrix|custodian)\b",
    "shares-number": r"\b\d{1,3}(?:,\d{3})+\b",
    "by/title-sig": r"\bBy\s*:",
    "Capitalised-role": r"\b(?:Managing Member|General Partner|Director|Manager|President)\b",
    "plural-role": r"\b(?:managing members|general partners|directors|managers|members)\b",
    "occupation": r"\b(?:occupation|employment)\b",
    "position-word": r"\bPosition\b",
    "colon": r":",
    "ellipsis": r"\.\.\.|…",
    "each-of": r"\beach of\b",
    "are-the": r"\bare (?:the |also )?(?:managing|general|directors|members|managers)",
    "short-quote": r"^.{0,80}$",
}


def main(split: str) -> None:
    paths = [
        p
        for p in sorted(ROOT.glob("*.expected.json"))
        if (json.loads(p.read_text())["split"] == "heldout") == (split == "heldout")
    ]
    report = evaluate(paths)
    exp_of = {}
    for p in paths:
        e = json.loads(p.read_text())
        exp_of[e.get("document") or p.name[: -len(".expected.json")]] = e
    c: Counter[str] = Counter()
    parsed_keys: dict[str, set[str]] = {}
    for m in report.misses:
        if m.split != split:
            continue
        e = exp_of.get(m.document)
        if e is None:
            continue
        parties = {q["key"]: q for q in e.get("parties") or []}
        filers = {q["party"] for q in e.get("positions") or []}
        c[f"miss:{m.kind}"] += 1
        if m.kind == "party":
            key = m.detail.split(" ", 1)[0]
            q = parties.get(key, {})
            c[f"party:{q.get('kind')}:{'filer' if key in filers else 'not-filer'}"] += 1
        elif m.kind == "holding" and m.detail.startswith("no holding"):
            key = re.search(r" by (\S+) \(", m.detail)
            key = key.group(1) if key else ""
            q = parties.get(key, {})
            c[f"holding-missing:{q.get('kind')}:{'filer' if key in filers else 'not-filer'}"] += 1
        elif m.kind == "holding":
            f = re.search(r"\) (\w+): expected", m.detail)
            c[f"holding-field:{f.group(1) if f else '?'}"] += 1
        elif m.kind == "link":
            mm = re.match(r"(\S+) -> (\S+) \((\w+)\)", m.detail)
            if not mm:
                continue
            a, b, role = mm.groups()
            ka, kb = parties.get(a, {}).get("kind"), parties.get(b, {}).get("kind")
            c[f"link-missing:{role}:{ka}->{kb}"] += 1
            if m.document not in parsed_keys:
                pd = parse_path(ROOT / m.document)
                parsed_keys[m.document] = set(
                    match_parties(e.get("parties") or [], pd.parties).values()
                )
            got = parsed_keys[m.document]
            ends = "both" if {a, b} <= got else ("none" if not {a, b} & got else "one")
            c[f"link-missing-ends-parsed:{role}:{ends}"] += 1
            quote = next(
                (
                    lk.get("quote") or ""
                    for lk in e.get("links") or []
                    if lk["controller"] == a and lk["controlled"] == b
                ),
                "",
            )
            for shape, rx in SHAPES.items():
                if re.search(rx, quote, re.S):
                    c[f"link-missing-shape:{shape}"] += 1
                    c[f"link-missing-shape-by-role:{role}:{shape}"] += 1
    for d in report.documents:
        if d["split"] == split:
            c[f"who:{d['who']}"] += 1
    for k, v in sorted(c.items()):
        print(f"{v:5d}  {k}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "heldout")
