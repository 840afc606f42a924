"""Count-only diagnosis of the legacy 13D/G link misses and wrong link fields (room
GRAMMAR, session 8, issue 11).

Run: ``.venv/bin/python tests/grammar3_heldout_gaps.py [heldout|dev]``. It prints numbers
and closed-list categories only, never a document's text, names, quotes or file names
(held-out discipline, /work/team/TEAM.md).

Each missed link is classed by
- ``ends parsed``: whether the parse has a party matching each labelled end (a names gap
  when not);
- ``doc oracle``: whether the grammar reads the pair over the whole document's text when it
  knows every labelled party's spellings (``reads``: the miss is in finding the names;
  ``no``: a construction gap);
- the quote's shape: a list after a colon, "following", "respectively", a table (runs of
  spaces or bars), an elided quote, sole and shared powers together;
- missed links per document (buckets).
Each wrong link field (role, voting, investment of a found link) is classed by expected
and got value and by the same cues.
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
from ownergraph.queries.eval import _power_of, _scored_links, match_parties

ROOT = Path(__file__).parent / "fixtures" / "corpus" / "sec13dg-legacy"

SHAPES = {
    "colon-list": r":\s*(?:\(?[a-z0-9]\)\s*)?[A-Z][^.:]{0,200}(?:,| and )",
    "following": r"\bfollowing\b",
    "respectively": r"\brespectively\b",
    "table": r"\S {4,}\S|\|",
    "elided": r"\.\.\.|…",
    "sole+shared": r"(?is)\bsole\b.*\bshared?\b|\bshared?\b.*\bsole\b",
    "power-word": r"(?i)\bpower\b",
    "proxy": r"(?i)\bproxy\b",
    "advises/advised": r"(?i)\badvis(?:es|ed)\b",
    "sub-advis": r"(?i)\bsub-?advis",
    "including": r"(?i)\bincluding\b",
    "of-which/whose": r"(?i)\bof which\b|\bwhose\b",
    "is-the-role-of": r"(?i)\bis (?:the|a|an) [a-z\- ]{0,40}\bof\b",
    "its-role": r"(?i)\bits (?:sole )?(?:general partner|managing member|investment)",
    "controlled-by": r"(?i)\bcontrolled by\b",
    "owned": r"(?i)\bowned\b|\bowns\b",
    "each-of": r"(?i)\beach of\b",
    "semicolon": r";",
    "subadvised-by": r"(?i)\bsub-?\s?advised\s+by\b",
    "sub-adviser-to/for/of": r"(?i)\bsub-?\s?advis[eo]rs?\s+(?:to|for|of)\b",
    "adviser-to/for/of": r"(?i)(?<!sub-)(?<!sub)\badvis[eo]rs?\s+(?:to|for|of)\b",
    "advisory-services": r"(?i)\badvisory\s+services\b",
    "serves/acts-as": r"(?i)\b(?:serves?|acts?)\s+as\b",
    "managing-members-plural": r"(?i)\bmanaging\s+members\b",
    "general-partners-plural": r"(?i)\bgeneral\s+partners\b",
    "with-respect-to": r"(?i)\bwith\s+respect\s+to\b",
    "percent": r"%|(?i:\bpercent)",
    "enum-mark": r"\(\s*(?:[a-h]|i{1,3}|iv|v|\d)\s*\)",
    "each-of-which": r"(?i)\beach\s+of\s+which\b",
    "which-is/are": r"(?i)\bwhich\s+(?:is|are)\b",
    "who-is/are": r"(?i)\bwho\s+(?:is|are)\b",
    "its/their-role": r"(?i)\b(?:its|their)\s+(?:sole\s+)?(?:general|managing|investment|sole|trustee)",
    "role-of-role": r"(?i)\b(?:partner|member|manager|adviser|advisor)\s+of\s+(?:the\s+)?(?:general|managing|investment)",
    "shareholders/stockholders": r"(?i)\b(?:share|stock)holders?\b",
    "interest": r"(?i)\binterests?\b",
    "trustees": r"(?i)\btrustees?\b",
    "parenthesis": r"\(",
    "colon": r":",
    "newline-ish": r"\s{3,}",
}


def _book(parties: list[dict]) -> NameBook:
    book = NameBook()
    for p in parties:
        if p["kind"] == "issuer":
            continue
        spellings = [n for n in p.get("names", []) if n != p["name"]]
        book.add_party(p["key"], p["name"], person=p["kind"] == "person", spellings=spellings)
    return book


def _doc_pairs(path: Path, parties: list[dict]) -> set[tuple[str, str]]:
    """The pairs the grammar reads over the document knowing the labelled parties."""
    text = item_colon_covers(_working_text(decode_filing(path.read_bytes())))
    book = _book(parties)
    spans = grammar_spans(text, 0)
    chunks = [_LINE_BREAK.sub(" ", text[a:b]).replace("\t", " ") for a, b in spans]
    for ch in chunks:
        define_terms(ch, book)
    out = set()
    for ch in chunks:
        flat, _ = _one_space(ch)
        out |= {(x.controller, x.controlled) for x in extract_links(flat, book)}
    return out


def _bucket(n: int) -> str:
    return "1" if n == 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8+"


def main(split: str) -> None:
    by: dict[str, Counter[str]] = {}

    def count(title: str, value: str, n: int = 1) -> None:
        by.setdefault(title, Counter())[value] += n

    for ep in sorted(ROOT.glob("*.expected.json")):
        exp = json.loads(ep.read_text())
        if exp["split"] != split:
            continue
        doc = ep.with_name(ep.name[: -len(".expected.json")])
        pd = parse_path(doc)
        key_of = match_parties(exp["parties"], pd.parties)
        matched = set(key_of.values())
        found: dict[tuple, list] = {}
        for x in _scored_links(pd):
            found.setdefault((key_of.get(x.controller_id), key_of.get(x.controlled_id)), []).append(
                x
            )
        missed = [w for w in exp["links"] if (w["controller"], w["controlled"]) not in found]
        count("links", "expected", len(exp["links"]))
        count("links", "missed", len(missed))
        if missed:
            count("missed per document", _bucket(len(missed)))
        oracle = _doc_pairs(doc, exp["parties"]) if missed else set()
        if missed:  # one anonymous line per document (an ordinal, no name)
            per = Counter(w["role"] for w in missed)
            nos = sum((w["controller"], w["controlled"]) not in oracle for w in missed)
            shp = Counter(
                n for w in missed for n, rx in SHAPES.items() if re.search(rx, w.get("quote") or "")
            )
            ends = Counter(
                "both" if {w["controller"], w["controlled"]} <= matched else "not-both"
                for w in missed
            )
            count(
                "per document",
                f"missed={len(missed)} oracle-no={nos} ends={dict(ends)} {dict(per)} {dict(shp)}",
            )
        for w in missed:
            pair = (w["controller"], w["controlled"])
            count("missed role", w["role"])
            count(
                "ends parsed",
                "both"
                if set(pair) <= matched
                else "controller-only"
                if pair[0] in matched
                else "controlled-only"
                if pair[1] in matched
                else "neither",
            )
            o = "reads" if pair in oracle else "reversed" if pair[::-1] in oracle else "no"
            count("doc oracle", o)
            q = w.get("quote") or ""
            for name, rx in SHAPES.items():
                if re.search(rx, q):
                    count(f"missed shape (oracle {o})", name)
        for w in exp["links"]:
            got = found.get((w["controller"], w["controlled"]))
            if not got:
                continue
            roles = {lk.role.value for lk in got}
            if w["role"] not in roles:
                count("wrong role: expected/got", f"{w['role']}/{'+'.join(sorted(roles))}")
            for which in ("voting", "investment"):
                if w.get(which) is None:
                    continue
                have = {_power_of(lk, which) for lk in got}
                if w[which] not in have:
                    count(
                        "wrong power: field expected/got",
                        f"{which} {w[which]}/{'+'.join(sorted(map(str, have)))}",
                    )
                    q = w.get("quote") or ""
                    for name, rx in SHAPES.items():
                        if re.search(rx, q):
                            count("wrong power shape", name)
                    count("wrong power role", w["role"])
    for title, cnt in by.items():
        print(title, sorted(cnt.items(), key=lambda x: -x[1]))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "heldout")
