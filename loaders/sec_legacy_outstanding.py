"""Legacy Schedule 13D/G: the shares outstanding a filing states ("... of the 9,600,000
shares of Common Stock outstanding as of March 1, 2005").

The statement's pattern starts with a number (``\\d``): searched over a whole filing it is
tried at every digit of every table. :func:`_statement` tries it only just before the
words "shares" / "Shares" it needs (the number, then blanks, then the word).
"""

from __future__ import annotations

import re
from typing import Any

from ownergraph.graph.clean import parse_date, parse_number

__all__ = ["_outstanding"]

_OUTSTANDING = re.compile(
    r"(?P<n>\d{1,3}(?:,\d{3}){2,})\s+(?:shares|Shares)\s+of\s+(?:the\s+)?(?:[\w']+\s+){0,3}?"
    r"(?:common\s+stock|Common\s+Stock|common\s+shares|Shares)(?:\s+of\s+the\s+\w+)?[\s,]*"
    r"(?:(?:issued\s+and\s+)?outstanding)(?:\s+as\s+of\s+(?P<d>[A-Z][a-z]+\s+\d{1,2},\s+\d{4}))?"
)


def _word_places(text: str, start: int) -> list[int]:
    """Where "shares" or "Shares" starts in ``text[start:]``, in order (the two never
    overlap)."""
    out = []
    for word in ("shares", "Shares"):
        i = text.find(word, start)
        while i != -1:
            out.append(i)
            i = text.find(word, i + 6)
    return sorted(out)


def _statement(text: str, start: int) -> re.Match[str] | None:
    """``_OUTSTANDING.search(text, start)``, tried only where a match can start: a match is
    a number (decimal digits and commas), blanks, then "shares"/"Shares", so it starts in
    the run of digits and commas before the blanks before one of those words.

    >>> t = "Table 1,000,000 2,000 shares; 12,345,678 Shares of the Common Stock outstanding"
    >>> _statement(t, 0).group("n")
    '12,345,678'
    >>> _statement(t, 31).group("n") == _OUTSTANDING.search(t, 31).group("n") == "2,345,678"
    True
    >>> _statement("1,000,000 SHARES of Common Stock outstanding", 0) is None
    True
    """
    for p in _word_places(text, start):
        e = p
        while e > start and text[e - 1].isspace():
            e -= 1
        if e == p:
            continue  # no blank before the word
        q = e
        while q > start and (text[q - 1].isdecimal() or text[q - 1] == ","):
            q -= 1
        for r in range(q, e):
            if text[r].isdecimal():
                m = _OUTSTANDING.match(text, r)
                if m is not None:
                    return m
    return None


def _outstanding(text: str, body_start: int) -> tuple[float | None, Any]:
    """Shares outstanding when the filing states them ("... of the 9,600,000 shares ... outstanding")."""
    m = _statement(text, body_start)
    if not m:
        return None, None
    d = None
    if m.group("d"):
        try:
            d = parse_date(m.group("d"))
        except ValueError:
            d = None
    return parse_number(m.group("n")), d
