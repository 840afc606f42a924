"""Count-only diagnosis of missed legacy 13D/G general-partner / investment-adviser links
whose two parties are parsed (room TERMS, session 9).

Run: ``.venv/bin/python tests/terms9_heldout_counts.py [heldout|dev]``. It prints numbers
and category names only, never a document's text, names, labels, sentences or file names
(held-out discipline, /work/team/TEAM.md). For each such missed link it finds the grammar
chunk holding the label quote's opening and says, by category: whether each end is
mentioned in the quote's sentence (by a name or by a defined term, and how many parties the
term stands for), whether the sentence has an "as" aside, and what the grammar reads in
that sentence alone with the document's name book; for each capitalised "the X" phrase of
the sentence: whether the document defines it in quotes, whether the book knows it, how
names start with its words, and the shape of each of its uses over a fixed vocabulary (any
other word masked as C / w / N, as in tests/links9_heldout_counts.py).
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections import Counter
from pathlib import Path

from ownergraph.graph.ids import normalize_name
from ownergraph.loaders import parse_path
from ownergraph.loaders import sec_legacy_links as sll
from ownergraph.queries import eval as ev

ROOT = Path(__file__).parent / "fixtures" / "corpus" / "sec13dg-legacy"
_LINK = re.compile(r"(\S+) -> (\S+) \((\w+)\) not found")
_ASIDE = re.compile(r",\s+as\s")
_SEEN: list = []  # (flat chunk, book) of every grammar call of the last parse


def _spy(real):  # type: ignore[no-untyped-def]
    def wrapped(text, book):  # type: ignore[no-untyped-def]
        _SEEN.append((text, book))
        return real(text, book)

    return wrapped


def _how(ments: list, key: str, book: object) -> str:
    hits = [m for m in ments if key in m.keys]
    if not hits:
        return "absent"
    m = hits[0]
    if m.surface in book.aliases:  # type: ignore[attr-defined]
        return f"term({min(len(m.keys), 5)} keys)"
    return "name" if len(m.keys) == 1 else f"multi({min(len(m.keys), 5)})"


#: words kept as themselves in a definition's shape (a fixed vocabulary); any other word is
#: C (capitalised), w (lower case) or N (a number): names never appear
KEEP = set(
    "the of and or to as by is are its each which who together collectively herein "
    "hereinafter referred jointly with a an fund funds account accounts adviser advisers "
    "general partner partners llc l.p. lp ltd inc".split()
)


def _shape(q: str) -> str:
    out = []
    for t in re.findall(r"[A-Za-z][\w'.-]*|\d[\d,.]*|[^\sA-Za-z\d]", q)[-24:]:
        lo = t.lower().rstrip(".") if t.lower() not in KEEP else t.lower()
        if lo in KEEP:
            out.append(lo)
        elif t[0].isdigit():
            out.append("N")
        elif t[0].isalpha():
            out.append("C" if t[0].isupper() else "w")
        else:
            out.append(t if t in "():;,./" else ("Q" if t in '"“”' else "p"))
    return " ".join(out)


_CAPS = re.compile(r"\b(?:the|The)\s+((?:[A-Z][\w&.-]*\s+){0,4}[A-Z][\w&.-]*)")


def _term_categories(c: Counter[str], role: str, sent: str, text: str, seen, book, doc) -> None:  # type: ignore[no-untyped-def]
    """Categories of the capitalised 'the X' phrases of a sentence that names neither end."""
    raw = doc.read_text(errors="replace")
    raw = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())
    chunks = " ".join(" ".join(t.split()) for t, _b in seen)
    folded = {a.casefold() for a in book.aliases}
    for pm in list(_CAPS.finditer(sent))[:4]:
        term = pm.group(1)
        q = re.compile(r"[\"“]\s*(?:the\s+)?" + re.escape(term) + r"\s*[\"”]", re.I)
        dm = q.search(raw)
        c[
            f"  [{role}] phrase: words={min(len(term.split()), 5)} quoted in doc={bool(dm)}"
            f" quoted in chunk={bool(q.search(chunks))} alias={term.casefold() in folded}"
        ] += 1
        odd = re.search(r"[^\w\s(]\s*(?:the\s+)?" + re.escape(term) + r"\s*[^\w\s)]", raw)
        mark = f"U+{ord(odd.group(0)[0]):04X}" if odd else ""
        c[f"  [{role}] phrase between odd marks: {bool(odd)} {mark}"] += 1
        bad = chr(0xFFFD) in raw
        c[f"  [{role}] doc has U+FFFD: {bad} byte 0x93: {bytes([0x93]) in doc.read_bytes()}"] += 1
        uses = list(re.finditer(r"\b" + re.escape(term) + r"\b", raw))
        c[f"  [{role}] phrase uses in doc: {min(len(uses), 20)}"] += 1
        for u in uses[:20]:
            ctx = _shape(raw[max(0, u.start() - 40) : u.start()]).split()[-6:]
            aft = _shape(raw[u.end() : u.end() + 20]).split()[:4]
            c[f"  [{role}] use: {' '.join(ctx)} [T] {' '.join(aft)}"] += 1
        first = re.search(r"\b" + re.escape(term) + r"\b", raw)
        if not dm and first:
            after = _shape(raw[first.end() : first.end() + 12])
            before = _shape(raw[max(0, first.start() - 120) : first.start()])
            c[f"  [{role}] first use: {before} [T] {after}"] += 1
        tail = re.search(
            r"\s*\b(?:general\s+partners?|advis[eo]rs?|funds?|accounts?|managers?)$", term, re.I
        )
        stem = term[: tail.start()] if tail else term
        if tail and stem:
            st = normalize_name(stem)
            hits = [k for k, n in book.names.items() if normalize_name(n).startswith(st + " ")]
            kin = [k for k in hits if tail.group(0).strip().lower()[:5] in book.names[k].lower()]
            sw = set(st.split())
            allw = [k for k, n in book.names.items() if sw <= set(normalize_name(n).split())]
            anyw = [k for k, n in book.names.items() if sw & set(normalize_name(n).split())]
            c[
                f"  [{role}] stem words: parties with all={min(len(allw), 5)} any={min(len(anyw), 5)}"
            ] += 1
            c[
                f"  [{role}] stem+tail phrase: parties starting with stem={min(len(hits), 5)}"
                f" of which naming tail word={min(len(kin), 5)}"
            ] += 1
        if dm and term.casefold() not in folded:
            c[
                f"  [{role}] definition shape: {_shape(raw[max(0, dm.start() - 200) : dm.end()])}"
            ] += 1


def main(split: str = "heldout") -> None:
    """Print the counts for one split."""
    real = sll.extract_links
    sll.extract_links = _spy(real)
    c: Counter[str] = Counter()
    try:
        for ep in sorted(ROOT.glob("*.expected.json")):
            exp = json.loads(ep.read_text())
            if exp.get("split") != split:
                continue
            doc = ep.with_name(ep.name[: -len(".expected.json")])
            report = ev.Report()
            ev.evaluate_one(ep, report)
            _SEEN.clear()
            pd = parse_path(doc)
            seen = list(_SEEN)
            key_of = ev.match_parties(exp.get("parties") or [], pd.parties)
            pid_of: dict[str, list[str]] = {}
            for pid, k in key_of.items():
                pid_of.setdefault(k, []).append(pid)
            links = {(lk["controller"], lk["controlled"]): lk for lk in exp.get("links") or []}
            for m in report.misses:
                mm = _LINK.search(m.detail) if m.kind == "link" else None
                if not mm:
                    continue
                a, b, role = mm.groups()
                if role not in ("investment_adviser", "general_partner"):
                    continue
                if a not in key_of.values() or b not in key_of.values():
                    continue
                c[f"missed [{role}] both parsed"] += 1
                q = links.get((a, b), {}).get("quote") or ""
                head = " ".join(q.split("...")[0].split("/")[0].split())[:50].lower()
                where = [
                    (t, bk, t.lower().find(head)) for t, bk in seen if head and head in t.lower()
                ]
                if not where:
                    c[f"  [{role}] quote opening in a grammar chunk: no"] += 1
                    continue
                text, book, at = where[0]
                end = text.find(". ", at + len(head))
                sent = text[at : end + 1 if end > 0 else at + 600]
                ments = book.mentions(sent)
                ca = {_how(ments, p, book) for p in pid_of[a]}
                cb = {_how(ments, p, book) for p in pid_of[b]}
                c[f"  [{role}] controller in sentence: {'/'.join(sorted(ca))}"] += 1
                c[f"  [{role}] controlled in sentence: {'/'.join(sorted(cb))}"] += 1
                terms = [x for x in ments if x.surface in book.aliases]
                c[f"  [{role}] terms in sentence: {min(len(terms), 5)}"] += 1
                aside = bool(_ASIDE.search(sent))
                c[f"  [{role}] ', as' aside: {aside}"] += 1
                c[f"  [{role}] 'respectively': {'respectively' in sent.lower()}"] += 1
                _term_categories(c, role, sent, text, seen, book, doc)
                spell = {
                    p["key"]: {
                        normalize_name(x)
                        for x in [p.get("name") or "", *(p.get("names") or [])]
                        if x
                    }
                    for p in exp.get("parties") or []
                }
                for end, k in (("controller", a), ("controlled", b)):
                    inside = [x for x in spell.get(k, ()) if x and x in normalize_name(sent)]
                    c[
                        f"  [{role}] a label spelling of the {end} is in the sentence: {bool(inside)}"
                    ] += 1
                    c[
                        f"  [{role}] label spellings of the {end}: {min(len(spell.get(k, ())), 5)}"
                    ] += 1
                got = real(sent, book)
                pa, pb = set(pid_of[a]), set(pid_of[b])
                c[
                    f"  [{role}] sentence alone reads: pair={any(x.controller in pa and x.controlled in pb for x in got)}"
                    f" from-controller={sum(x.controller in pa for x in got)}"
                    f" to-controlled={sum(x.controlled in pb for x in got)} all={min(len(got), 9)}"
                ] += 1
    finally:
        sll.extract_links = real
    for k, v in sorted(c.items()):
        print(f"{v:5d}  {k}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "heldout")
