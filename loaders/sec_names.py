"""Names of the parties of an SEC filing: the row-1 name as filed (IRS numbers and labels
removed), title case for all-capitals names, the best spelling among several."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator

from ownergraph.graph.clean import clean_name
from ownergraph.graph.ids import (
    normalize_name,
)
from ownergraph.loaders.sec_cover import (
    _Row,
)

_norm = functools.lru_cache(maxsize=8192)(normalize_name)

# --------------------------------------------------------------------------- names

_NAME_NOISE = [
    re.compile(
        r"(?:S\.?\s?S\.?\s+OR\s+)?I\.?\s?R\.?\s?S\.?\s+IDENTIFICATION\s+NOS?\.?\s+OF\s+ABOVE\s+PERSONS?"
        r"(?:\s*\(ENTITIES\s+ONLY\))?",
        re.I,
    ),
    re.compile(
        r"(?:PERSON\s+)?\S*CATION\s+NOS?\.?\s+OF\s+ABOVE\s+PERSONS?(?:\s*\(ENTITIES\s+ONLY\))?",
        re.I,
    ),
    re.compile(r"S\.\s?S\.\s+OR\s+I\.\s?R\.\s?S\.", re.I),
    re.compile(r"\bPERSON\b(?=\s+CATION)", re.I),
    re.compile(r"TAX\s+ID\s*#?\s*:?\s*(?:N/A|[\d\-\s]*\d-?)?", re.I),
    re.compile(r"\(?\b\d{2}-\d{7}\b\)?"),
    re.compile(r"\((?:ENTITIES\s+ONLY|See Instructions)\)", re.I),
    re.compile(r"^\W*OF\s+ABOVE\s+PERSONS?", re.I | re.M),
]


def _name_from_row(row: _Row) -> tuple[str, str | None, tuple[int, int] | None]:
    """The name on row 1 (label text removed), its IRS number, and its span.

    The name is cleaned by :func:`graph.clean.clean_name` (EIN / IRS number and trailing
    footnote marker cut off) and a defined term after it ("(“SM VI”)") is left out; a
    name split over two lines is joined (:func:`_continues`).
    """
    text = row.text
    irs = None
    m = re.search(r"\b(\d{2})-\s*(\d{6,7})\b", text)
    if m:
        irs = f"{m.group(1)}-{m.group(2)}"
    else:
        m = re.search(r"TAX\s+ID\s*#?\s*:?\s*(\d{2})-[\d\s]*?\s(\d{7})\b", text)
        if m:
            irs = f"{m.group(1)}-{m.group(2)}"
    cleaned = text
    for rx in _NAME_NOISE:
        cleaned = rx.sub(lambda mm: " " * len(mm.group(0)), cleaned)
    offset = 0
    lines = cleaned.split("\n")
    initials = None  # (text, offset) of a line of initials only ("J. P." / "MORGAN & CO.")
    for k, line in enumerate(lines):
        frags = _frags(line)
        if not frags and _INITIALS_LINE.match(line):
            initials = (line.strip(), offset + len(line) - len(line.lstrip()))
            offset += len(line) + 1
            continue
        if frags:
            name = re.sub(r"\s+", " ", " ".join(frags)).strip(" ;_-")
            first = line.find(frags[0][:5]) if frags[0][:5] else 0
            span = (row.start + offset + max(first, 0), row.start + offset + len(line))
            if initials is not None and offset - initials[1] <= len(initials[0]) + 2:
                name, span = f"{initials[0]} {name}", (row.start + initials[1], span[1])
            end = span[1]
            for nxt in lines[k + 1 :]:
                more = _frags(nxt) or ([nxt.strip()] if _SUFFIX_LINE.match(nxt) else [])
                if not more and not nxt.strip():
                    end += len(nxt) + 1
                    continue
                nxt_name = re.sub(r"\s+", " ", " ".join(more)).strip(" ,;_-")
                if not more or not (
                    _continues(name.rstrip(","), nxt_name) or _SUFFIX_LINE.match(nxt)
                ):
                    break
                name = f"{name.rstrip('/ ')} {nxt_name}"
                end += len(nxt) + 1
                span = (span[0], end)
            return _clean_row_name(name.rstrip(",")), irs, span
        initials = None
        offset += len(line) + 1
    return "", irs, None


#: A line of a name's initials only ("J. P." before "MORGAN & CO., INCORPORATED").
_INITIALS_LINE = re.compile(r"^[ \t]*(?:[A-Z]\.[ \t]?){1,3}[ \t]*$")
#: A line that is only a legal form or a person's suffix ("Inc.", "LP", "Co.", "Ph.D.",
#: "Jr."): the end of the name on the line before.
_SUFFIX_LINE = re.compile(
    r"^[ \t]*(?:L\.?\s?L\.?\s?C\.?|L\.?\s?P\.?|L\.?\s?L\.?\s?P\.?|Inc\.?|INC\.?|Ltd\.?|LTD\.?|Co\.|CO\."
    r"|Corp\.?|CORP\.?|N\.A\.|S\.A\.|plc|PLC|AG|GmbH|Ph\.\s?D\.|M\.\s?D\.|Jr\.|JR\.|Sr\.|SR\.|II|III|IV)"
    r"[ \t]*$"
)


def _frags(line: str) -> list[str]:
    frags = [f.strip() for f in re.split(r"\t+|\s{3,}", line)]
    frags = [f for f in frags if f and len(re.findall(r"[A-Za-z]", f)) >= 3]
    return [re.sub(r"^\d{1,2}\s+", "", f) for f in frags]


_ENDS_LEGAL = re.compile(
    r"(?:\b(?:L\.?\s?L\.?\s?C|L\.?\s?P|INC|LTD|LIMITED|CORP|CORPORATION|COMPANY|CO|N\.A|S\.A|PLC"
    r"|TRUST|FUND|PARTNERSHIP|AG|GMBH)\.?|\bL\.P\.\s+[IVX]+)\s*(?:\*+|\(\d\))?$",
    re.I,
)


def _continues(name: str, nxt: str) -> bool:
    """True when the next line of a row-1 value goes on with the name: the name ends with
    a joining word or mark ("/", "&", "and", "of"), or it has no legal form while the
    next line, a few words long, ends with one ("AMERICAN" + "STANDARD ENERGY CORP.").

    >>> _continues("AMERICAN", "STANDARD ENERGY CORP."), _continues("Nelson Obus", "Delaware")
    (True, False)
    """
    if re.search(r"(?:[/&\-,]|\b(?:and|of|the))$", name.strip(), re.I):
        return True
    if _ENDS_LEGAL.search(name) or re.search(r"\d", nxt):
        return False
    return bool(_ENDS_LEGAL.search(nxt)) and len(nxt.split()) <= 6 and len(name.split()) <= 4


def _clean_row_name(name: str) -> str:
    """A row-1 name through :func:`graph.clean.clean_name`, without a defined term.

    >>> _clean_row_name("NICUSA CAPITAL PARTNERS, L.P., EIN No. 65-117893")
    'NICUSA CAPITAL PARTNERS, L.P.'
    >>> _clean_row_name("Capital Research Global Investors **")
    'Capital Research Global Investors'
    >>> _clean_row_name("Sofinnova Management VI, L.L.C. (“SM VI”)")
    'Sofinnova Management VI, L.L.C.'
    """
    name = _DEFINED_TERM.sub("", name)
    out, _notes = clean_name(name)
    return out.strip(" ,;-\u2013\u2014") or name


#: A defined term after a name: ``("SM VI")``, ``(the “Fund”)``.
_DEFINED_TERM = re.compile(r"\s*\((?:the\s+)?[\"“][^\"”]{1,40}[\"”]\)")


_LEGAL = r"(?:L\.?\s?L\.?\s?C\.?|L\.?\s?P\.?|L\.?\s?L\.?\s?P\.?|INC\.?|INCORPORATED|LTD\.?|LIMITED|CORP\.?|CORPORATION|CO\.|N\.A\.|S\.A\.|PLC)"
_LEGAL_RX = re.compile(rf"\b{_LEGAL}(?=\W|$)", re.I)


#: A word of two to five capitals without a vowel: an acronym ("FMR", "GGCP", "BLR").
_ACRONYM = re.compile(r"[B-DF-HJ-NP-TV-XZ&]{2,5}")
#: Vowel-less abbreviations in a person's or place's name, title-cased like words.
_NAME_ABBREVIATIONS = frozenset({"JR", "SR", "ST", "MR", "MRS", "MS", "DR", "MT", "FT"})


def _smart_title(name: str) -> str:
    """Title-case an all-capitals name, keeping legal forms and roman numerals right.

    >>> _smart_title("WYNNEFIELD PARTNERS SMALL CAP VALUE, L.P. I")
    'Wynnefield Partners Small Cap Value, L.P. I'
    >>> _smart_title("THE VANGUARD GROUP, INC.")
    'The Vanguard Group, Inc.'

    A word without a vowel is an acronym ("FMR LLC", "BLR PARTNERS LP"), except the
    abbreviations of a person's name ("JOHN SMITH, JR." is "John Smith, Jr.").

    >>> _smart_title("FMR LLC"), _smart_title("SVP SPECIAL SITUATIONS LLC")
    ('FMR LLC', 'SVP Special Situations LLC')
    >>> _smart_title("JOHN SMITH JR."), _smart_title("DR. MARY ST. CLAIR")
    ('John Smith Jr.', 'Dr. Mary St. Clair')
    """
    if name != name.upper():
        return name
    keep = {
        "LLC",
        "LP",
        "L.P.",
        "L.L.C.",
        "LLP",
        "N.A.",
        "S.A.",
        "PLC",
        "II",
        "III",
        "IV",
        "I",
        "USA",
        "U.S.",
        "HBK",
        "RS",
    }
    out = []
    for w in name.split(" "):
        core = w.strip(",;")
        if (
            core in keep
            or re.fullmatch(r"(?:[A-Z]\.){2,}", core)
            or (_ACRONYM.fullmatch(core) and core.rstrip(".") not in _NAME_ABBREVIATIONS)
        ):
            out.append(w)
        elif core in ("INC.", "LTD.", "CORP.", "CO."):
            out.append(w.replace(core, core.capitalize()))
        else:
            out.append(
                "-".join(
                    re.sub(r"[a-z]", lambda m: m.group(0).upper(), p, count=1)
                    for p in w.lower().split("-")
                )
            )
    return " ".join(out)


def _format_score(s: str, originals: list[str]) -> tuple[int, int, int]:
    mixed = int(s in originals and s != s.upper())
    punct = len(re.findall(r"[,.]", s))
    return (punct, mixed, len(s))


def _best_spelling(spellings: list[str], primary: str | None = None) -> str:
    """The display name: the primary (cover page) or most frequent normalised form, best formatted.

    >>> _best_spelling(["WYNNEFIELD CAPITAL, INC.", "Wynnefield Capital Inc."])
    'Wynnefield Capital, Inc.'
    """
    spellings = [re.sub(r"\s+", " ", s).strip() for s in spellings if s and s.strip()]
    counts = Counter(_norm(s) for s in spellings)
    top = _norm(primary) if primary else None
    if top not in counts:
        top = max(counts, key=lambda k: (counts[k], len(k)))
    forms = [s for s in spellings if _norm(s) == top]
    return max((_smart_title(s) for s in forms), key=lambda t: _format_score(t, forms))


def name_finditer(name: str, text: str, folded: str, pos: int = 0) -> Iterator[re.Match[str]]:
    """``_name_regex(name).finditer(text, pos)``, trying only where a match can start.

    ``folded`` is ``sec_lexicon._fold(text)``. The pattern starts with a lookbehind, which
    makes the plain scan try every position; when the name's first word is a plain
    lower-case ASCII word (not a legal form, whose spellings vary), a match starts only
    where ``folded`` holds it.
    """
    rx = _name_regex(name)
    toks = _norm(name).split()
    first = toks[0] if toks else ""
    if not first or not first.isascii() or first != first.lower() or first in _FORM_TOKENS:
        yield from rx.finditer(text, pos)
        return
    i = folded.find(first, pos)
    while i != -1:
        m = rx.match(text, i)
        if m is not None:  # not empty: it holds the first word
            yield m
            pos = m.end()
        i = folded.find(first, max(i + 1, pos))


_FORM_TOKENS = frozenset({"lp", "llc", "inc", "ltd", "corp"})


@functools.lru_cache(maxsize=4096)
def _name_regex(name: str) -> re.Pattern[str]:
    """A case-insensitive pattern for a name allowing punctuation/legal-form variants."""
    toks = _norm(name).split()
    parts = []
    for t in toks:
        if t == "lp":
            parts.append(r"L\.?\s?P\.?")
        elif t == "llc":
            parts.append(r"L\.?\s?L\.?\s?C\.?")
        elif t == "inc":
            parts.append(r"Inc(?:\.|orporated)?")
        elif t == "ltd":
            parts.append(r"(?:Ltd\.?|Limited)")
        elif t == "corp":
            parts.append(r"Corp(?:\.|oration)?")
        else:
            parts.append(re.escape(t))
    body = r"[\s,()]*".join(parts)
    return re.compile(rf"(?<![\w]){body}(?![\w])(?!\s+I\b)", re.I)
