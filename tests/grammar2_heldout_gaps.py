"""Count-only diagnosis of the legacy 13D/G construction gaps (room GRAMMAR2, issue 11).

Run: ``.venv/bin/python tests/grammar2_heldout_gaps.py [heldout|dev]``. It prints numbers and
closed-list categories only, never a document's text, names, quotes or file names (held-out
discipline, /work/team/TEAM.md). Each missed link is classed by reading its label's quote
alone with every labelled party's spellings known: ``end-not-in-quote`` (an end is not
named in the quote), ``oracle-reads`` (the grammar reads the quote: the miss is in finding
the names or the sentence in the document) or ``GAP`` (a construction the grammar does not
read). The gaps are then counted by shape: role, what the grammar read instead, the order
and distance of the two ends, where the printed role word stands, the opening before the
clause's first name, and which cue words of a fixed list stand in the quote and between
the ends.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from ownergraph.loaders import parse_path
from ownergraph.loaders.sec_clauses import clauses
from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_roles import _CLAUSE_OPENING
from ownergraph.loaders.sec_terms import NameBook, define_terms
from ownergraph.queries.eval import _scored_links, match_parties

ROOT = Path(__file__).parent / "fixtures" / "corpus" / "sec13dg-legacy"
#: Cue words (a fixed vocabulary: categories).
CUES = {
    "of-which": r"\bof which\b",
    "which/who": r"\b(?:which|who)\b",
    "whose": r"\bwhose\b",
    "respectively": r"\brespectively\b",
    "each-of": r"\beach of\b",
    "wholly": r"\bwholly",
    "subsidiary": r"\bsubsidiar",
    "owned-by": r"\bowned by\b",
    "advised/managed-by": r"\b(?:advised|managed) by\b",
    "controlled-by": r"\bcontrolled by\b",
    "through": r"\bthrough\b",
    "deemed": r"\bdeemed\b",
    "power": r"\bpower\b",
    "its/their": r"\b(?:its|their)\b",
    "serves/acts": r"\b(?:serves?|acts?)\b",
    "defined-term": r"\(\s*(?:the\s+)?[\"“]",
    "semicolon": r";",
    "member": r"\bmembers?\b",
    "director/officer": r"\b(?:director|officer|president|chairman|chief)",
    "general-partner": r"\bgeneral partner",
    "adviser/manager": r"\b(?:advis[eo]r|manager)\b",
    "trustee": r"\btrustee",
    "owns/holds": r"\b(?:owns|holds|owned|held)\b",
    "percent": r"%|\bpercent",
    "control-verb": r"\bcontrol(?:s|led|ling)?\b",
    "enumeration-mark": r"\(\s*(?:[a-h]|i{1,3}|iv|v)\s*\)",
}


def _book(parties: list[dict]) -> NameBook:
    book = NameBook()
    for p in parties:
        if p["kind"] == "issuer":
            continue
        spellings = [n for n in p.get("names", []) if n != p["name"]]
        book.add_party(p["key"], p["name"], person=p["kind"] == "person", spellings=spellings)
    return book


def _opening(q: str, start: int) -> str:
    """The class of what stands before a clause's first name."""
    op = q[:start]
    if _CLAUSE_OPENING.fullmatch(op):
        return "opening-ok"
    if re.fullmatch(r"\s*\d+\.?\s*", op):
        return "bare-number"
    return "words" if op.strip()[:1].isalpha() else "other"


def main(split: str) -> None:
    kinds: Counter[str] = Counter()
    by: dict[str, Counter[str]] = {}

    def count(title: str, value: str) -> None:
        by.setdefault(title, Counter())[value] += 1

    for ep in sorted(ROOT.glob("*.expected.json")):
        exp = json.loads(ep.read_text())
        if exp["split"] != split:
            continue
        pd = parse_path(ep.with_name(ep.name[: -len(".expected.json")]))
        key_of = match_parties(exp["parties"], pd.parties)
        found = {
            (key_of.get(x.controller_id), key_of.get(x.controlled_id)) for x in _scored_links(pd)
        }
        for w in exp["links"]:
            pair = (w["controller"], w["controlled"])
            if pair in found:
                kinds["found"] += 1
                continue
            book = _book(exp["parties"])
            q = re.sub(r"\s*(?:\.\.\.|…)\s*", " ", w["quote"])
            define_terms(q, book)
            read = {(x.controller, x.controlled) for x in extract_links(q, book)}
            ments = book.mentions(q)
            named = {k for m in ments for k in m.keys}
            if pair[0] not in named or pair[1] not in named:
                kinds["end-not-in-quote"] += 1
                continue
            if pair in read:
                kinds["oracle-reads"] += 1
                continue
            kinds["GAP"] += 1
            count("role", w["role"])
            count(
                "grammar read instead",
                "nothing"
                if not read
                else "reversed"
                if pair[::-1] in read
                else "same-controlled"
                if any(d == pair[1] for _, d in read)
                else "other-links",
            )
            c, d = min(
                (
                    (m1, m2)
                    for m1 in ments
                    if pair[0] in m1.keys
                    for m2 in ments
                    if pair[1] in m2.keys
                ),
                key=lambda x: abs(x[0].start - x[1].start),
            )
            lo, hi = (c, d) if c.start < d.start else (d, c)
            between = q[lo.end : hi.start]
            n = len(between.split())
            count("order", "controller-first" if c.start < d.start else "controlled-first")
            count(
                "words between",
                "<=3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else ">20",
            )
            rw = (w.get("role_as_printed") or "").lower().split(";")[0].strip()
            pos = q.lower().find(rw) if rw else -2
            count(
                "printed role",
                "none"
                if pos == -2
                else "not-in-quote"
                if pos < 0
                else "between"
                if lo.end <= pos < hi.start
                else "before"
                if pos < lo.start
                else "after",
            )
            first = [cl for cl in clauses(q) if cl[0] <= lo.start < cl[1]]
            if first and (ms := [m for m in ments if first[0][0] <= m.start]):
                count("clause opening", _opening(q[first[0][0] :], ms[0].start - first[0][0]))
            for name, rx in CUES.items():
                if re.search(rx, q, re.I):
                    count("cue in quote", name)
                if re.search(rx, between, re.I):
                    count("cue between the ends", name)
    print(split, dict(kinds))
    for title, cnt in by.items():
        print(" ", title, sorted(cnt.items(), key=lambda x: -x[1]))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "heldout")
