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
from typing import Any

from ownergraph.graph.ids import normalize_name
from ownergraph.loaders import parse_path
from ownergraph.loaders.sec_entities import _ENDS_WITH_FORM
from ownergraph.loaders.sec_short_forms import _COMMON_FIRST, first_word_form
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
                where = "at its end" if s.endswith(" " + n) else "in its middle"
                best = (f"inside a labelled spelling ({where})", len(s.split()) - len(n.split()))
    return best


_GENERIC_TERMS = (
    "Funds",
    "Fund",
    "Partnership",
    "Partnerships",
    "Company",
    "Parent",
    "Sponsor",
    "Holdings",
    "Trust",
    "Trustee",
    "Manager",
    "Adviser",
    "Advisor",
    "General Partner",
    "Investment Manager",
    "Reporting Person",
    "Reporting Persons",
    "Accounts",
    "Account",
    "Entities",
    "Filer",
    "Purchaser",
    "Buyer",
    "Investor",
    "Investors",
    "Member",
    "Members",
    "LLC",
    "GP",
    "LP",
)


def _unspelled(
    quote: str,
    spells: set[str],
    kind: str | None,
    text: str,
    raw_names: list[str] = (),  # type: ignore[assignment]
    others: list[str] = (),  # type: ignore[assignment]
    books_now: list[Any] = (),  # type: ignore[assignment]
) -> list[str]:
    """Categories of how a quote may name a labelled end none of whose spellings it holds."""
    out = [f"kind {kind}"]
    caps = set(re.findall(r"\b[A-Z][\w\-&]*", quote))
    words = {w for s in spells for w in s.split()}
    low = {w.lower() for w in caps}
    if low & words:
        first = {s.split()[0] for s in spells if s}
        out.append("a capitalised quote word is a word of its name")
        if low & first:
            out.append("... its first word")
            w = next(x for x in caps if x.lower() in first)
            out.append(f"...... shorter than 4={len(w) < 4}")
            out.append(f"...... all caps={w.isupper()}")
            out.append(f"...... a common first word={w.lower() in _COMMON_FIRST}")
            out.append(
                f"...... first_word_form gives it={any(first_word_form(x) == w for x in raw_names)}"
            )
            out.append(
                f"...... in other parsed names={sum(w.lower() in n.split() for n in others)}"
            )
            holders = max((len(b._word_keys.get(w.lower(), ())) for b in books_now), default=-1)
            out.append(f"...... parties of the book whose spellings hold it={holders}")
            cap_after = re.search(r"\b" + re.escape(w) + r"\s+[A-Z]", quote) is not None
            poss_after = re.search(r"\b" + re.escape(w) + "[\u2019']s\\b", quote) is not None
            out.append(f"...... followed in the quote by a capitalised word={cap_after}")
            out.append(f"...... followed in the quote by a possessive={poss_after}")
    initials = {"".join(w[0] for w in s.split() if w not in ("of", "and", "the")) for s in spells}
    if any(w.lower() in initials for w in caps if w.isupper() and len(w) >= 2):
        out.append("an acronym of its initials")
    for g in _GENERIC_TERMS:
        if re.search(rf"\bthe\s+{g}\b", quote):
            out.append(f"'the {g}'")
            if normalize_name(g) in words:
                out.append(f"... '{g}' is a word of its name")
            if re.search(rf"[\"“]{g}[\"”]", text):
                out.append(f"... '{g}' is quoted in the document")
    if re.search(r"\b(?:it|its|they|their|he|his|she|her)\b", quote):
        out.append("a pronoun")
    if re.search(r"\b(?:Mr|Ms|Mrs|Dr)\.", quote):
        out.append("a title (Mr./Ms.)")
    if re.search(r"\b(?:each|all|certain|various|affiliated|managed)\b", quote, re.I):
        out.append("a quantifier or 'managed/affiliated'")
    return out


def _capture_books() -> list[Any]:
    """Capture the name books the legacy loader builds."""
    from ownergraph.loaders import sec_legacy_links as links

    books: list[Any] = []
    base = links.NameBook

    class Capturing(base):  # type: ignore[misc, valid-type]
        def __init__(self, *a: Any, **k: Any) -> None:
            super().__init__(*a, **k)
            books.append(self)

    links.NameBook = Capturing
    return books


def _capture_spans() -> list[tuple[str, list[tuple[int, int]], int]]:
    """Record the text and the spans the relation grammar reads, per parse."""
    seen: list[tuple[str, list[tuple[int, int]], int]] = []
    from ownergraph.loaders import sec_legacy_links as links

    base = links.grammar_spans

    def spying(text: str, start: int, end: int | None = None) -> list[tuple[int, int]]:
        spans = base(text, start, end)
        seen.append((text, spans, start))
        return spans

    links.grammar_spans = spying
    return seen


def _where(quote: str, seen: list[tuple[str, list[tuple[int, int]], int]]) -> str:
    """Where a label's quote stands in the text the loader read: a category."""
    if not seen:
        return "no grammar pass"
    text, spans, start = seen[-1]
    frags = [f.strip(" .") for f in re.split(r"\.\.\.|…| / ", quote)]
    frag = max(frags, key=len)
    words = [re.escape(w) for w in frag.split()[:12]]
    m = re.search(r"\s+".join(words), text) if words else None
    if m is None:
        return "not found verbatim"
    if m.start() < start:
        return "before the cover pages"
    if any(a <= m.start() < b for a, b in spans):
        return "in a part the grammar reads"
    return "in a part the grammar skips (signature / long exhibit)"


def main(split: str = "heldout") -> None:
    """Print the counts for one split."""
    c: Counter[str] = Counter()
    seen = _capture_spans()
    books = _capture_books()
    inv: Counter[str] = Counter()
    extra: Counter[int] = Counter()
    inside: Counter[int] = Counter()
    inside_words: Counter[str] = Counter()
    tail: Counter[str] = Counter()
    per_doc_missing: Counter[int] = Counter()
    per_doc_both: Counter[int] = Counter()
    runon_docs = 0
    for ep in sorted(ROOT.glob("*.expected.json")):
        exp = json.loads(ep.read_text())
        if exp.get("split") != split:
            continue
        doc = ep.with_name(ep.name[: -len(".expected.json")])
        seen.clear()
        books.clear()
        pd = parse_path(doc)
        parties = exp.get("parties") or []
        key_of = match_parties(parties, pd.parties)
        names = {p.id: p.name for p in pd.parties}
        parsed_keys = set(key_of.values())
        spell = {p["key"]: _spellings(p) for p in parties}
        kind = {p["key"]: p.get("kind") or "?" for p in parties}
        raw_spell = {p["key"]: [p.get("name") or "", *(p.get("names") or [])] for p in parties}
        raw_spell_all = [x for v in raw_spell.values() for x in v if x]
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
                if inq == 2:
                    c[f"    where the quote stands: {_where(quote_of[pair], seen)}"] += 1
                for k in pair:
                    if inq == 1 and not any(
                        re.search(rf"\b{re.escape(s)}\b", nq) for s in spell.get(k, ())
                    ):
                        for cat in _unspelled(
                            quote_of[pair],
                            spell.get(k, set()),
                            kind.get(k),
                            text,
                            [x for x in raw_spell.get(k, []) if x],
                            [_norm(p.name) for p in pd.parties if key_of.get(p.id) != k],
                            books,
                        ):
                            c[f"    unspelled end: {cat}"] += 1
            c[f"missed links with {len(absent)} end(s) not parsed"] += 1
            for k in absent:
                missing_ends.add(k)
        for k in missing_ends:
            c["distinct missed ends not parsed"] += 1
            c[f"  kind {kind.get(k)}"] += 1
            ss = spell.get(k, set())
            in_text = any(re.search(rf"\b{re.escape(s)}\b", ntext) for s in ss)
            c[f"  a spelling in the text={in_text}"] += 1
            known = any(
                _norm(v) in ss for b in books for v in [*b.names.values(), *b.aliases.keys()]
            )
            c[f"  known to the name book (a spelling is a book name or term)={known}"] += 1
            c[f"  {kind.get(k)}: known to the name book={known}"] += 1
            c[f"  a spelling quoted as a defined term={bool(ss & quoted)}"] += 1
            ron = any(any(pn.startswith(s + " ") for pn in parsed_norms) for s in ss)
            tru = any(any(s.startswith(pn + " ") for pn in parsed_norms if pn) for s in ss)
            c[f"  a parsed name runs on past a spelling={ron}"] += 1
            c[f"  a parsed name is cut short of a spelling={tru}"] += 1
            one_word = all(len(_words(s)) == 1 for s in ss)
            c[f"  every spelling one word={one_word}"] += 1
            kd = kind.get(k)
            raw = [x for x in raw_spell.get(k, []) if x]
            if kd in ("entity", "fund"):
                form = any(_ENDS_WITH_FORM.search(x) for x in raw)
                c[f"  {kd}: a spelling ends with a legal form={form}"] += 1
                tail_word = {x.split()[-1].strip(".,").lower() for x in raw}
                for w in ("fund", "trust", "foundation", "partners", "capital", "bank"):
                    if w in tail_word:
                        c[f"  {kd}: a spelling ends with '{w}'"] += 1
            if kd == "person":
                c[
                    f"  person: words in the longest spelling={max(len(x.split()) for x in raw)}"
                ] += 1
                ini = any(re.search(r"\b[A-Z]\.\s", x) for x in raw)
                c[f"  person: a middle initial={ini}"] += 1
                titled = any(
                    re.search(rf"\b(?:Mr|Ms|Mrs|Dr)\.\s+{re.escape(x.split()[-1])}\b", text)
                    for x in raw
                )
                c[f"  person: 'Mr./Ms. Surname' in the text={titled}"] += 1
            if kd == "unknown":
                for x in raw:
                    for qm in re.finditer(rf"\(\s*(?:the\s+)?[\"“]{re.escape(x)}[\"”]", text):
                        before = text[max(0, qm.start() - 80) : qm.start()].lower()
                        cats = [
                            w
                            for w in (
                                "account",
                                "fund",
                                "client",
                                "entit",
                                "vehicle",
                                "partnership",
                                "trust",
                                "compan",
                                "affiliate",
                            )
                            if w in before
                        ]
                        c[f"  unknown: words before its definition={cats or ['none']}"] += 1
                        break
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
                if cat.startswith("inside"):
                    inside[n] += 1
                    pn = _norm(names.get(pid, ""))
                    full = next(
                        (t for sp in spell.values() for t in sp if t.endswith(" " + pn)), ""
                    )
                    lost = full[: -len(pn)].split()
                    for w in (
                        "of",
                        "the",
                        "trust",
                        "estate",
                        "plan",
                        "fbo",
                        "and",
                        "for",
                        "under",
                        "dated",
                        "as",
                        "by",
                        "custodian",
                        "account",
                    ):
                        if w in lost:
                            inside_words[w] += 1
                    party = next(p for p in pd.parties if p.id == pid)
                    inside_words[f"kind {party.kind.value}"] += 1
                    inside_words[f"parsed words {len(pn.split())}"] += 1
                    rawp = names.get(pid, "")
                    rawl = [x for x in raw_spell_all if _norm(x).endswith(" " + pn)]
                    for mark, rx in (
                        ("paren", r"\("),
                        ("comma", ","),
                        ("hyphen", "-"),
                        ("non-ascii", r"[^\x00-\x7f]"),
                        ("ampersand", "&"),
                        ("digit", r"\d"),
                        ("all caps", r"^[^a-z]+$"),
                        ("period", r"\."),
                        ("quote", "[\"“”']"),
                    ):
                        inside_words[f"parsed has {mark}={bool(re.search(rx, rawp))}"] += 1
                        inside_words[
                            f"labelled has {mark}={any(re.search(rx, x) for x in rawl)}"
                        ] += 1
                    # where the labelled spelling's lost words stand in the text
                    for x in rawl:
                        head = x[: len(x) - len(rawp)] if len(x) > len(rawp) else ""
                        if head.strip():
                            ws = [re.escape(w) for w in head.split()]
                            hm = re.search(r"\s+".join(ws), text)
                            inside_words[f"lost words found verbatim={hm is not None}"] += 1
                            if hm:
                                gap = text[hm.end() : hm.end() + 3]
                                inside_words[
                                    f"newline right after lost words={chr(10) in gap}"
                                ] += 1
                        break
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
    print("inside a labelled spelling, words lost:", sorted(inside.items()), dict(inside_words))
    print("run-on extra words:", sorted(extra.items()), "last word:", dict(tail))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "heldout")
