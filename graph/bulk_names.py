"""Name normalisation for a large load: :func:`graph.ids.normalize_name`, equal result,
less work per spelling.

A bulk load normalises every spelling once (a million at L); most spellings are ASCII and
carry at most one legal form, yet :func:`graph.ids.normalize_name` runs NFKC and all its
legal-form patterns on each. :func:`normalize` skips the steps that cannot change the
text: NFKC of ASCII text, the initials pattern without a dot, a legal form whose first
word is no token of the text, and a form that maps to itself. After punctuation and
spaces are folded the text is word characters separated by single spaces, so a form (its
words joined by single spaces, bounded by non-word characters) can match only where its
first word is a whole token. ``tests/test_bulk_names.py`` compares the two on the corpus'
names and on crafted ones.

>>> normalize("Wynnefield Partners Small Cap Value, L.L.P. I")
'wynnefield partners small cap value l lp i'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from ownergraph.graph.ids import _LEGAL_RES, _PUNCT, _SPACE, normalize_cik
from ownergraph.queries.resolve import _strip_legal

_INITIALS = re.compile(r"\b([a-z])\.(?=[a-z]\.)")
#: The legal-form patterns in order, with the first word each needs (no-op forms left out).
_FORMS = [
    (pattern, short, pattern.pattern.split(")", 1)[1].split("(", 1)[0].split(" ", 1)[0])
    for pattern, short in _LEGAL_RES
    if pattern.pattern != rf"(?<!\w){short}(?!\w)"
]


def normalize(name: str) -> str:
    """:func:`graph.ids.normalize_name` of ``name`` (see the module docstring)."""
    s = name.casefold() if name.isascii() else unicodedata.normalize("NFKC", name).casefold()
    s = s.replace("&", " and ")
    if "." in s:
        s = _INITIALS.sub(r"\1 ", s)
    words = _PUNCT.sub(" ", s).split()  # str.split's whitespace is the pattern's \s
    s = " ".join(words)
    tokens: set[str] | None = set(words)
    changed = False
    for pattern, short, first in _FORMS:
        if tokens is None:
            tokens = set(s.split(" "))
        if first in tokens:
            out = pattern.sub(short, s)
            if out != s:
                s, tokens, changed = out, None, True
    return _SPACE.sub(" ", s).strip() if changed else s


def index_keys(
    names: tuple[str, ...], identifiers: tuple[tuple[str, str], ...], norm: Callable[[str], str]
) -> set[str]:
    """:func:`queries.resolve.index_keys` of a party with these spellings (its name among
    them) and identifiers (``norm``: :func:`graph.ids.normalize_name` or a memo of it)."""
    keys: set[str] = set()
    for s in names:
        n = norm(s)
        keys.add("n:" + n)
        keys.add("s:" + _strip_legal(n))
    for scheme, value in identifiers:
        keys.add("i:" + value.strip())
        if scheme == "cik":
            if value.isascii() and value.isdigit():  # normalize_cik, directly
                keys.add(f"c:{value.zfill(10) if int(value) else None}")
            else:
                keys.add(f"c:{normalize_cik(value)}")
        if scheme == "lei":
            keys.add("l:" + value.upper())
    return keys
