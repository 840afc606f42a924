"""Count-only diagnosis of the legacy 13D/G construction gaps by construction (room GRAMMAR,
session 9, issue 11).

Run: ``.venv/bin/python tests/grammar9_heldout_gaps.py [heldout|dev]``. It prints numbers
and closed-list category names only, never a document's text, names, quotes or file names
(held-out discipline, /work/team/TEAM.md). A missed link is a ``GAP`` when the grammar
does not read its label's quote even with every labelled party's spellings known (as in
``tests/grammar2_heldout_gaps.py``); each gap is then tagged with the constructions of a
fixed list that its quote shows, and each gap's tag set is printed as one anonymous row
(sorted, no order of documents).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from ownergraph.loaders import parse_path
from ownergraph.loaders.sec_cover import item_colon_covers
from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_legacy_links import _LINE_BREAK, _one_space
from ownergraph.loaders.sec_sections import _working_text, decode_filing, grammar_spans
from ownergraph.loaders.sec_terms import NameBook, define_terms
from ownergraph.queries.eval import _scored_links, match_parties

ROOT = Path(__file__).parent / "fixtures" / "corpus" / "sec13dg-legacy"
_ROLE = (
    r"(?:sole\s+|co-?|managing\s+|general\s+)?(?:general\s+partner|managing\s+(?:member|partner)"
    r"|sole\s+member|member|investment\s+(?:manager|advis[eo]r)|sub-?advis[eo]r|trustee|manager"
    r"|parent|(?:controlling\s+)?(?:share|stock)holder|owner|director|officer|president)s?"
)
#: Constructions (a fixed vocabulary: categories).
TAGS = {
    "X,-its-ROLE": rf"(?i),\s*(?:its|their)\s+{_ROLE}",
    "Its-ROLE-opens": rf"(?:^|[.;]\s+)(?:Its|Their)\s+{_ROLE}",
    "its-ROLE-is": rf"(?i)\b(?:its|their)\s+{_ROLE}\s+(?:is|are)\b",
    "X-is-its-ROLE": rf"(?i)\b(?:is|are|serves?\s+as|acts?\s+as)\s+(?:its|their)\s+{_ROLE}",
    "as-its-ROLE": rf"(?i)\bas\s+(?:its|their)\s+{_ROLE}",
    "who-is/serves": r"(?i)\bwho\s+(?:is|are|serves?|acts?)\b",
    "which-is/serves": r"(?i)\bwhich(?:,?\s+in\s+turn,?)?\s+(?:is|are|serves?|acts?)\b",
    "which-owns/controls": r"(?i)\bwhich\s+(?:\w+\s+)?(?:owns?|holds?|controls?)\b",
    "ROLE-of-which-is": rf"(?i)\b{_ROLE}\s+of\s+which\s+(?:is|are)\b",
    "of-which-X-is": r"(?i)\bof\s+which\s+(?!is\b|are\b)",
    "whose": r"(?i)\bwhose\b",
    "in-its-capacity": r"(?i)\bcapacity\b",
    "by-virtue/as-a-result/because": r"(?i)\bby\s+virtue\s+of|\bas\s+a\s+result\s+of|\bbecause\b",
    "as-ROLE-of": rf"(?i)\bas\s+(?:the\s+|a\s+|an\s+)?{_ROLE}\s+(?:of|to|for)\b",
    "is-the-ROLE-of": rf"(?i)\b(?:is|are)\s+(?:the\s+|a\s+|an\s+)?{_ROLE}\s+(?:of|to|for)\b",
    "serves/acts-as": r"(?i)\b(?:serves?|acts?)\s+as\b",
    "the-ROLE-of-Y-is": rf"(?i)\bthe\s+{_ROLE}\s+of\s+[^.;]{{1,80}}?\s+(?:is|are)\b",
    "ROLE-of-ROLE": rf"(?i)\b{_ROLE}\s+(?:of|to)\s+(?:the\s+|its\s+)?{_ROLE}",
    "through": r"(?i)\bthrough\b",
    "through-its-sub": r"(?i)\bthrough\s+(?:\w+\s+){0,3}(?:its|their)\s+(?:[\w-]+\s+){0,3}subsidiar",
    "power-to-direct": r"(?i)\bpower\s+to\s+direct\b",
    "power-over-held-by": r"(?i)\bpower\b[^.;]{0,120}\bheld\s+(?:of\s+record\s+)?by\b",
    "power-exercised-by": r"(?i)\b(?:exercised|shared|held)\s+by\b[^.;]{0,40}$|\bpower[^.;]{0,80}\b(?:is|are)\s+(?:exercised|held|shared)\s+by\b",
    "owned-by-passive": r"(?i)\b(?:is|are|were|was)\s+(?:\w+\s+){0,2}owned\b",
    "owns-active": r"(?i)\b(?:owns|holds)\b",
    "percent": r"%|(?i:\bpercent)",
    "interest-in/of": r"(?i)\binterests?\s+(?:in|of)\b",
    "capital-stock/units/shares-of": r"(?i)\b(?:capital\s+stock|membership\s+interests|units|shares|equity)\s+(?:\w+\s+){0,2}of\b",
    "controls-verb": r"(?i)\bcontrols?\b|\bcontrolling\b",
    "controlled-by": r"(?i)\bcontrolled\s+by\b",
    "managed/advised-by": r"(?i)\b(?:managed|advised|sub-?advised)\s+by\b",
    "wholly-owned": r"(?i)\bwholly",
    "subsidiary": r"(?i)\bsubsidiar",
    "deemed": r"(?i)\bdeemed\b",
    "two-sentences": r"[a-z)\"”]\.\s+[A-Z]",
    "semicolon": r";",
    "colon": r":",
    "respectively": r"(?i)\brespectively\b",
    "each-of": r"(?i)\beach\s+of\b",
    "defined-term": r"\(\s*(?:the\s+)?[\"“]",
    "elided": r"\.\.\.|…",
    "enum-mark": r"\(\s*(?:[a-h]|i{1,3}|iv|v|\d)\s*\)",
    "quote-opens-lowercase": r"^\s*[a-z]",
    "quote-opens-role": rf"(?i)^\s*(?:the\s+|a\s+|an\s+)?{_ROLE}",
    "person-title-Mr/Ms": r"\b(?:Mr|Ms|Mrs|Dr)\.",
    "the-Reporting-Person(s)": r"(?i)\breporting\s+persons?\b",
    "pronoun-he/she/it": r"\b(?:he|she|it|He|She|It)\b",
    "his/her": r"(?i)\b(?:his|her)\b",
    "together-with": r"(?i)\btogether\s+with\b",
    "and-X-ROLE-list": rf"(?i)\band\s+(?:the\s+)?{_ROLE}\s+of\b",
    "bare-Title-of": r"(?<!\b[Tt]he)(?<!\b[Aa]n)(?<!\b[Aa]),\s*(?:[A-Z][a-z]+,?\s+(?:and\s+)?){0,5}"
    r"(?:Officer|President|Chairman|Director|Partner|Member|Manager|Trustee|Principal|Owner)s?"
    r"\s+(?:of|to)\b",
    "Title-comma-Org": r",\s*(?:[A-Z][a-z]+\s+){0,4}(?:Officer|President|Chairman|Director"
    r"|Partner|Member|Manager|Trustee|Principal)\s*,\s*[A-Z]",
    "role-in-parentheses": rf"(?i)\((?:its\s+|the\s+|an?\s+)?(?:[a-z]+\s+){{0,2}}{_ROLE}",
    "signed/By:": r"(?i)\bsigned\b|\bby:",
    "said/stated": r"(?i)\b(?:said|stated|announced)\b",
    "capitals-run": r"\b[A-Z]{3,}\s+[A-Z]{3,}\s+[A-Z]{3,}",
    "lowercase-role-of": r"\b(?:general partner|managing member|sole member|investment manager"
    r"|investment advis[eo]r|trustee|president|chief executive officer)\s+of\b",
    "Capital-Role-of": r"\b(?:General Partner|Managing Member|Sole Member|Investment Manager"
    r"|Investment Advis[eo]r|Trustee|President|Chief Executive Officer|Chairman)\s+of\b",
    "newline": r"\n",
    "ends-without-period": r"[^.\s]\s*$",
    "the-Company/Partnership/Fund-term": r"\bthe\s+(?:Company|Partnership|Fund|Trust|Issuer)\b",
}


def _book(parties: list[dict]) -> NameBook:
    book = NameBook()
    for p in parties:
        if p["kind"] == "issuer":
            continue
        spellings = [n for n in p.get("names", []) if n != p["name"]]
        book.add_party(p["key"], p["name"], person=p["kind"] == "person", spellings=spellings)
    return book


def _doc_pairs(path: Path, parties: list[dict]) -> tuple[set[tuple[str, str]], NameBook]:
    """The pairs the grammar reads over the whole document knowing the labelled parties."""
    text = item_colon_covers(_working_text(decode_filing(path.read_bytes())))
    book = _book(parties)
    chunks = [_LINE_BREAK.sub(" ", text[a:b]).replace("\t", " ") for a, b in grammar_spans(text, 0)]
    for ch in chunks:
        define_terms(ch, book)
    out = set()
    for ch in chunks:
        flat, _ = _one_space(ch)
        out |= {(x.controller, x.controlled) for x in extract_links(flat, book)}
    return out, book


#: How an end the quote does not name by a labelled spelling is referred to (categories).
REFS = {
    "its/their": r"(?i)\b(?:its|their)\b",
    "he/she/his/her": r"(?i)\b(?:he|she|his|her)\b",
    "which/who/whose": r"(?i)\b(?:which|who|whose)\b",
    "the-Fund/Partnership/...": r"\bthe\s+(?:Fund|Funds|Partnership|Partnerships|Company|Trust|"
    r"General\s+Partner|Manager|Adviser|Advisor|Investment\s+Manager|Issuer|LLC|LP)\b",
    "Reporting-Person(s)": r"(?i)\breporting\s+persons?\b",
    "Mr/Ms-surname": r"\b(?:Mr|Ms|Mrs|Dr)\.\s+[A-Z]",
    "elided": r"\.\.\.|…",
    "By:": r"(?i)\bby:",
}


def doc_main(split: str) -> None:
    """Missed links the grammar does not read over the whole document (labelled names
    known): counted by whether the quote names both ends, and tagged by construction."""
    kinds: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    rows: list[str] = []
    for ep in sorted(ROOT.glob("*.expected.json")):
        exp = json.loads(ep.read_text())
        if exp["split"] != split:
            continue
        doc = ep.with_name(ep.name[: -len(".expected.json")])
        pd = parse_path(doc)
        key_of = match_parties(exp["parties"], pd.parties)
        matched = set(key_of.values())
        found = {
            (key_of.get(x.controller_id), key_of.get(x.controlled_id)) for x in _scored_links(pd)
        }
        missed = [w for w in exp["links"] if (w["controller"], w["controlled"]) not in found]
        if not missed:
            continue
        oracle, dbook = _doc_pairs(doc, exp["parties"])
        for w in missed:
            pair = (w["controller"], w["controlled"])
            if pair in oracle:
                kinds["doc-oracle-reads"] += 1
                continue
            ends = "both-parsed" if set(pair) <= matched else "end-unparsed"
            book = _book(exp["parties"])
            q = re.sub(r"\s*(?:\.\.\.|…)\s*", " ", w["quote"])
            define_terms(q, book)
            named = {k for m in book.mentions(q) for k in m.keys}
            inq = "both-in-quote" if set(pair) <= named else "end-not-in-quote"
            kinds[f"doc-oracle-no {ends} {inq}"] += 1
            mine = sorted(n for n, rx in TAGS.items() if re.search(rx, w["quote"]))
            if inq == "end-not-in-quote":
                mine += sorted("ref:" + n for n, rx in REFS.items() if re.search(rx, w["quote"]))
                # the document's terms for the end the quote does not name (categories)
                for k in (k for k in pair if k not in named):
                    terms = [t for t, ks in dbook.aliases.items() if k in ks]
                    if not terms:
                        mine.append("end:no-term")
                    elif any(re.search(rf"\b{re.escape(t)}\b", q) for t in terms):
                        mine.append("end:term-in-quote")
                    else:
                        mine.append("end:term-not-in-quote")
            tags.update(mine)
            rows.append(f"{w['role']} {ends} {inq} words={len(q.split())}: {' '.join(mine)}")
    print(split, dict(kinds))
    print(" tags", sorted(tags.items(), key=lambda x: -x[1]))
    for r in sorted(rows):
        print(" ", r)


def main(split: str) -> None:
    kinds: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    rows: list[str] = []
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
                continue
            book = _book(exp["parties"])
            q = re.sub(r"\s*(?:\.\.\.|…)\s*", " ", w["quote"])
            define_terms(q, book)
            read = {(x.controller, x.controlled) for x in extract_links(q, book)}
            named = {k for m in book.mentions(q) for k in m.keys}
            if pair[0] not in named or pair[1] not in named or pair in read:
                continue
            kinds["GAP"] += 1
            got = "nothing" if not read else "reversed" if pair[::-1] in read else "other"
            mine = sorted(n for n, rx in TAGS.items() if re.search(rx, w["quote"]))
            tags.update(mine)
            rows.append(f"{w['role']} read={got} words={len(q.split())}: {' '.join(mine)}")
    print(split, dict(kinds))
    print(" tags", sorted(tags.items(), key=lambda x: -x[1]))
    for r in sorted(rows):
        print(" ", r)


if __name__ == "__main__":
    if sys.argv[2:] == ["doc"]:
        doc_main(sys.argv[1])
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else "heldout")
