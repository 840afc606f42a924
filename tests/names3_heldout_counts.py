"""Count-only diagnosis of the legacy 13D/G names behind missed and invented links (room
NAMES3, issue 11).

Run: ``.venv/bin/python tests/names3_heldout_counts.py [heldout|dev]``. It prints numbers and
closed-list categories only, never a document's text, names, quotes or file names (held-out
discipline, /work/team/TEAM.md).

Missed link ends that are no parsed party are classed by where their labelled spellings
stand: in the document text at all, in a quoted definition ("X") of the document, inside a
longer parsed name (the parsed name ran on), as the start of a parsed name's longer spelling
(the parsed name was cut short), and by the label's kind. Invented links (parsed links whose
pair is no labelled link) are classed per end: a labelled party, a run-on of a labelled
spelling (a parsed name that starts with one and goes on: how many extra words, whether the
extra is one letter or a capitalised word), a truncation (a labelled spelling starts with
the parsed name), a name holding a labelled spelling elsewhere, or nothing labelled.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from ownergraph.graph.ids import normalize_name
from ownergraph.loaders import parse_path
from ownergraph.queries.eval import _norm, _scored_links, _spellings, match_parties

ROOT = Path(__file__).parent / "fixtures" / "corpus" / "sec13dg-legacy"
#: Fixed vocabularies (categories).
FUNCTION = {
    "with",
    "each",
    "the",
    "as",
    "by",
    "in",
    "on",
    "for",
    "its",
    "their",
    "such",
    "this",
    "item",
    "both",
    "all",
    "and",
    "or",
    "of",
    "to",
    "which",
    "who",
    "is",
}
SUFFIX = {
    "ltd",
    "limited",
    "inc",
    "llc",
    "lp",
    "l.p",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "sa",
    "ag",
    "gmbh",
    "nv",
    "bv",
    "trust",
    "fund",
    "partners",
}
QUOTES = '"“('


def _words(s: str) -> list[str]:
    return s.split()


def _end_class(name: str, labelled: dict[str, set[str]]) -> tuple[str, int]:
    """Category of a parsed end that matched no labelled party, with the extra word count."""
    n = _norm(name)
    best = ("nothing labelled", 0)
    for spells in labelled.values():
        for s in spells:
            if not s:
                continue
            if n.startswith(s + " "):
                return ("run-on (labelled spelling + more)", len(_words(n)) - len(_words(s)))
            if n.endswith(" " + s):
                best = ("run-back (more + labelled spelling)", len(_words(n)) - len(_words(s)))
            if s.startswith(n + " "):
                best = ("truncation (labelled spelling starts with it)", 0)
            elif re.search(rf"\b{re.escape(s)}\b", n) and best[0] == "nothing labelled":
                best = ("holds a labelled spelling elsewhere", 0)
            elif re.search(rf"\b{re.escape(n)}\b", s) and best[0] == "nothing labelled":
                best = ("inside a labelled spelling", 0)
    return best


def main(split: str = "heldout") -> None:
    """Print the counts for one split."""
    c: Counter[str] = Counter()
    inv: Counter[str] = Counter()
    extra: Counter[int] = Counter()
    tail: Counter[str] = Counter()
    per_doc_missing: Counter[int] = Counter()
    per_doc_both: Counter[int] = Counter()
    runon_docs = 0
    for ep in sorted(ROOT.glob("*.expected.json")):
        exp = json.loads(ep.read_text())
        if exp.get("split") != split:
            continue
        doc = ep.with_name(ep.name[: -len(".expected.json")])
        pd = parse_path(doc)
        parties = exp.get("parties") or []
        key_of = match_parties(parties, pd.parties)
        names = {p.id: p.name for p in pd.parties}
        parsed_keys = set(key_of.values())
        spell = {p["key"]: _spellings(p) for p in parties}
        kind = {p["key"]: p.get("kind") or "?" for p in parties}
        text = doc.read_text(errors="replace")
        ntext = normalize_name(text[:2_000_000])
        quoted = {
            _norm(m.group(1)) for m in re.finditer(r"[\"“]([^\"“”\n]{2,80}?)[,.]?[\"”]", text)
        }
        parsed_norms = [_norm(p.name) for p in pd.parties] + [
            _norm(n) for p in pd.parties for n in p.names
        ]
        got = {
            (key_of.get(lk.controller_id), key_of.get(lk.controlled_id)) for lk in _scored_links(pd)
        }
        want = {(w["controller"], w["controlled"]) for w in exp.get("links") or []}
        missing_ends: set[str] = set()
        quote_of = {
            (w["controller"], w["controlled"]): w.get("quote") or "" for w in exp.get("links") or []
        }
        both_parsed = 0
        for pair in want - got:
            c["missed links"] += 1
            absent = [k for k in pair if k not in parsed_keys]
            if not absent:
                both_parsed += 1
                nq = normalize_name(quote_of[pair])
                inq = sum(
                    any(re.search(rf"\b{re.escape(s)}\b", nq) for s in spell.get(k, ()))
                    for k in pair
                )
                c[f"both parsed: ends spelled in the quote={inq}"] += 1
            c[f"missed links with {len(absent)} end(s) not parsed"] += 1
            for k in absent:
                missing_ends.add(k)
        for k in missing_ends:
            c["distinct missed ends not parsed"] += 1
            c[f"  kind {kind.get(k)}"] += 1
            ss = spell.get(k, set())
            in_text = any(re.search(rf"\b{re.escape(s)}\b", ntext) for s in ss)
            c[f"  a spelling in the text={in_text}"] += 1
            c[f"  a spelling quoted as a defined term={bool(ss & quoted)}"] += 1
            ron = any(any(pn.startswith(s + " ") for pn in parsed_norms) for s in ss)
            tru = any(any(s.startswith(pn + " ") for pn in parsed_norms if pn) for s in ss)
            c[f"  a parsed name runs on past a spelling={ron}"] += 1
            c[f"  a parsed name is cut short of a spelling={tru}"] += 1
            one_word = all(len(_words(s)) == 1 for s in ss)
            c[f"  every spelling one word={one_word}"] += 1
        per_doc_missing[len(missing_ends)] += 1
        per_doc_both[both_parsed] += 1
        runon_docs += any(
            _end_class(names.get(e, ""), spell)[0].startswith("run-on")
            for lk in _scored_links(pd)
            for e in (lk.controller_id, lk.controlled_id)
            if not key_of.get(e)
        )
        # Invented links.
        for lk in _scored_links(pd):
            pair = (key_of.get(lk.controller_id), key_of.get(lk.controlled_id))
            if pair in want:
                continue
            inv["invented links"] += 1
            if pair[0] and pair[1]:
                inv["both ends labelled (pair not labelled)"] += 1
                if (pair[1], pair[0]) in want:
                    inv["  reversed of a labelled link"] += 1
                elif pair[0] == pair[1]:
                    inv["  self link after matching"] += 1
                continue
            for end, pid in (("controller", lk.controller_id), ("controlled", lk.controlled_id)):
                if key_of.get(pid):
                    continue
                cat, n = _end_class(names.get(pid, ""), spell)
                inv[f"{end} end: {cat}"] += 1
                if cat.startswith("run-on"):
                    extra[n] += 1
                    raw = names.get(pid) or ""
                    first_extra = raw.split()[-n] if n <= len(raw.split()) else ""
                    fx = first_extra.strip(".,;:()").lower()
                    tail[f"first extra word a function word={fx in FUNCTION}"] += 1
                    tail[f"first extra word a legal suffix={fx in SUFFIX}"] += 1
                    words = [re.escape(w) for w in raw.split()]
                    m = re.search(r"\s+".join(words), text) if words else None
                    if m is None:
                        tail["name not found verbatim"] += 1
                    else:
                        tail[f"a line break inside the name={chr(10) in m.group(0)}"] += 1
                        tail[
                            f"preceded by a quote mark={text[max(0, m.start() - 1)] in QUOTES}"
                        ] += 1
                    rest = " ".join(_norm(raw).split()[-n:])
                    other = any(
                        rest == t or rest.startswith(t + " ") or t.startswith(rest)
                        for sp in spell.values()
                        for t in sp
                    )
                    tail[f"extra words start/are another labelled spelling={other}"] += 1
                    base_key = next(
                        (
                            k
                            for k, sp in spell.items()
                            if any(_norm(raw).startswith(t + " ") for t in sp)
                        ),
                        None,
                    )
                    tail[f"the labelled party also parsed={base_key in parsed_keys}"] += 1
                    bs = max(
                        (t for t in spell.get(base_key, ()) if _norm(raw).startswith(t + " ")),
                        key=len,
                    )
                    tail[f"labelled spelling words={len(bs.split())}"] += 1
                    tail[
                        f"labelled spelling ends with a legal suffix={bs.split()[-1] in SUFFIX}"
                    ] += 1
                    tail[
                        f"extra holds a legal suffix={any(w in SUFFIX for w in rest.split())}"
                    ] += 1
                    tail[f"name all caps={raw.upper() == raw}"] += 1
                    tail[
                        f"every extra word capitalised={all(w[:1].isupper() for w in raw.split()[-n:])}"
                    ] += 1
                    if m is not None:
                        nxt = text[m.end() : m.end() + 1]
                        tail[
                            f"next char class={'newline' if nxt == chr(10) else 'space' if nxt.isspace() else 'punct' if nxt and not nxt.isalnum() else 'alnum'}"
                        ] += 1
                    party = next(p for p in pd.parties if p.id == pid)
                    tail[f"party names count: {len(party.names)}"] += 1
                    tail[f"party kind: {party.kind.value}"] += 1
                    last = raw.split()[-1:] or [""]
                    w = last[0].strip(".,")
                    tail[
                        "one letter"
                        if len(w) == 1
                        else "capitalised word"
                        if w[:1].isupper()
                        else "other"
                    ] += 1
    print(f"split {split}")
    for k, v in c.items():
        print(f"  {k}: {v}")
    print(
        "documents by number of distinct missed ends not parsed:", sorted(per_doc_missing.items())
    )
    print("documents by missed links with both ends parsed:", sorted(per_doc_both.items()))
    print("documents with a run-on end in a link:", runon_docs)
    print("invented links:")
    for k, v in inv.items():
        print(f"  {k}: {v}")
    print("run-on extra words:", sorted(extra.items()), "last word:", dict(tail))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "heldout")
