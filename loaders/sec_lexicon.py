"""Words the SEC prose readers share: how a party's name is spelt in the text (legal-form
variants, :func:`name_pattern`), the case fold the fast scans compare with (:func:`_fold`),
persons' display names, the entity words and the separator of a list of names.
"""

from __future__ import annotations

import functools
import re

from ownergraph.graph.ids import normalize_name

_FORM_VARIANTS = {
    "lp": r"L\.?\s?P\.?",
    "llc": r"L\.?\s?L\.?\s?C\.?",
    "llp": r"L\.?\s?L\.?\s?P\.?",
    "inc": r"Inc(?:orporated)?\.?",
    "ltd": r"(?:Ltd\.?|Limited)",
    "corp": r"(?:Corp\.?|Corporation)",
    "co": r"(?:Co\.?|Company)",
    "na": r"N\.?\s?A\.?",
    "sa": r"S\.?\s?A\.?",
}


#: "and" in a normalised name: the word or an ampersand in the text.
_AND = "(?:and|&)"


#: A roman numeral right after a name: the name goes on ("Alpha Fund II").
_NO_NUMERAL = r"(?!\s+(?:[iI]{1,3}|[iI][vV]|[vV][iI]{0,3}|[iI][xX]|[xX])(?![\w\-]))"


def name_pattern(name: str) -> str:
    """A regex matching a name in text despite punctuation and legal-form spelling.

    >>> bool(re.fullmatch(name_pattern("Hospitality Headquarters Inc"),
    ...                   "Hospitality Headquarters, Inc.", re.I))
    True
    >>> bool(re.fullmatch(name_pattern("SLTA SPV-2 (GP), L.L.C."), "SLTA SPV-2 (GP), L.L.C", re.I))
    True
    """
    tokens = normalize_name(name).split()
    # "&" is normalised to "and": either is written ("Millé & O'Mill", "Smith and Jones")
    parts = [_AND if t == "and" else _FORM_VARIANTS.get(t, re.escape(t)) for t in tokens]
    sep = r"[\s,()\[\]\-./'\u2019]*"  # ASCII source: "\u2019" is the apostrophe ’
    n_forms = 0
    while n_forms < len(tokens) and tokens[len(tokens) - 1 - n_forms] in _FORM_VARIANTS:
        n_forms += 1
    if n_forms and len(tokens) - n_forms >= 3:
        # "Strategic Value Master Fund" names "Strategic Value Master Fund, Ltd."
        base, forms = parts[: len(parts) - n_forms], parts[len(parts) - n_forms :]
        core = sep.join(base) + "(?:" + sep + sep.join(forms) + ")?"
    else:
        core = sep.join(parts)
    # "Keeley-Teton" is not "Teton"; "Alpha Fund II, L.P." is not "Alpha Fund, L.P." (a
    # roman numeral after the name makes it another one)
    return rf"(?<![\w\-]){core}(?:\))?(?![\w\-]){_NO_NUMERAL}"


@functools.lru_cache(maxsize=4096)
def _name_regex(name: str) -> tuple[re.Pattern[str], str | None]:
    """:func:`name_pattern` compiled (case-insensitive), with the literal every match starts with.

    The literal is the name's first word when it is plain ASCII (not a legal-form word,
    whose spellings vary): a match can only start where :func:`_fold` of the text has it.

    >>> _name_regex("NCCS New Circle Holdings, LLC")[1]
    'nccs'
    """
    return re.compile(name_pattern(name), re.I), _first_literal(name)


@functools.lru_cache(maxsize=4096)
def _first_literal(name: str) -> str | None:
    """The literal every match of :func:`_name_regex` starts with (see there), or None."""
    tokens = normalize_name(name).split()
    first = tokens[0] if tokens else None
    if first is not None and (first in _FORM_VARIANTS or first == "and" or not first.isascii()):
        first = None  # a legal form or "and" ("&" in the text): spellings vary
    return first


#: The only non-ASCII characters that match an ASCII letter under ``re.I`` (checked over all
#: of Unicode in tests/test_parse_speed.py), and the one whose ``lower()`` is two characters.
_IGNORECASE_ODD = re.compile("[\u0130\u0131\u017f\u212a]")
_IGNORECASE_ASCII = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


def _fold(text: str) -> str:
    """Lower-case ``text`` keeping its length, so that an ASCII word matches ``text`` under
    ``re.I`` at ``p`` only if it equals ``_fold(text)[p : p + len(word)]``.

    >>> _fold("NCCS Holdings")
    'nccs holdings'
    """
    if not text.isascii() and any(c in text for c in _IGNORECASE_ASCII):  # str.find: fast
        text = _IGNORECASE_ODD.sub(lambda m: _IGNORECASE_ASCII[m.group(0)], text)
    return text.lower()


def person_display(name: str) -> str:
    """A person's name in reading order from SEC order ("FERTITTA TILMAN J").

    Reporting-owner names are filed "Last First Middle": the last word moves... no, the
    *first* word (the surname) moves to the end; an all-capitals name is title-cased.

    >>> person_display("FERTITTA TILMAN J")
    'Tilman J Fertitta'
    >>> person_display("Durban Egon")
    'Egon Durban'
    >>> person_display("SMITH JOHN A JR")
    'John A Smith Jr'
    """
    words = name.replace(",", " ").split()
    if len(words) < 2:
        return name.strip()
    suffix = []
    if words[-1].rstrip(".").upper() in {"JR", "SR", "II", "III", "IV"}:
        suffix = [words.pop()]
    out = words[1:] + words[:1] + suffix
    s = " ".join(out)
    if s.isupper():
        s = " ".join(w if w in {"II", "III", "IV"} else w.capitalize() for w in s.split())
    return s


def looks_like_entity(name: str) -> bool:
    """True when a name carries an entity word (legal form, trust, fund, partners ...).

    >>> looks_like_entity("SLTA IV (GP), L.L.C."), looks_like_entity("GARRETT MARK")
    (True, False)
    """
    n = f" {normalize_name(name)} "
    words = (
        " llc ",
        " lp ",
        " llp ",
        " inc ",
        " ltd ",
        " corp ",
        " co ",
        " na ",
        " sa ",
        " plc ",
        " trust ",
        " fund ",
        " funds ",  # "TIAA-CREF Funds (“Funds”)"
        " account ",  # "TIAA Separate Account VA-1 (“VA-1”)"
        " partners ",
        " partnership ",
        " holdings ",
        " group ",
        " capital ",
        " management ",
        " associates ",
        " bank ",
        " foundation ",
        " gmbh ",
        " ulc ",
        " lllp ",
        " sarl ",
        " sicav ",
        " ag ",
        " nv ",
        " bv ",
        " advisors ",
        " advisers ",
        " investments ",
        " series ",
    )
    return any(w in n for w in words)


#: Between the names of a list; a defined term may follow a name ("X ("X1") and Y").
_LIST_SEP = re.compile(
    r"^\s*(?:,\s*an?\s+[^,;()\"“]{1,80}?\s*(?=\())?"  # ", a Cayman Islands exempted company"
    r"(?:\((?:the\s+)?[\"“][^\"”()]{1,60}[\"”]\)\s*)?"
    r"(?:\(\s*(?:approximately\s+)?\d{1,3}(?:\.\d+)?\s*%\s*\)\s*)?"  # "A (60%) and B (40%)"
    r"(?:,\s*(?:and\s+)?|and\s+|,?\s*as\s+well\s+as\s+"
    # "Mr. Victor Hale and his wife, Maria Hale": a relative in apposition
    r"|,?\s*and\s+(?:his|her)\s+(?:wife|husband|spouse|son|daughter|brother|sister|father"
    r"|mother),?\s+)"
    # "(i) A, (ii) B and (iii) C": an enumerated list
    r"(?:\((?:[b-h]|ii|iii|iv|v|vi|vii|viii|[2-9])\)\s*)?"
    r"(?:the\s+)?$"
)
