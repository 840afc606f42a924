"""Forms 3/4/5: a row's amount broken down by named holder, each with its own count
(convention 7 of tests/fixtures/corpus/README.md: one holding per named holder with its
stated count): "Consists of 1,000 shares held by the Doe 2012 Trust and 2,000 shares held
by the Doe 2014 Trust"; "Of these shares, 1,000 are held by A LLC and 2,000 are held by B
LLC"; "Includes 1,000 shares held directly by A and 2,000 shares held of record by B". The
counts must add up to the row (else the footnote describes something else: a part of the
row, a transfer, a price).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol

from ownergraph.graph.clean import parse_number

#: "1,000 shares held by", "2,000 shares of Common Stock are held directly by", "1,000 are
#: held of record by" (the count, then the holder right after "by")
_PAIR = re.compile(
    r"(?<![\d,.$])(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s+(?:shares\s+"
    r"(?:of\s+[A-Z][\w.,\s]{0,60}?\s+)?)?(?:(?:are|were|is)\s+)?(?:held|owned)\s+"
    r"(?:directly\s+|indirectly\s+|of\s+record\s+)?by\s+(?:the\s+)?",
)


class _Mention(Protocol):
    start: int
    end: int
    keys: tuple[str, ...]


def paired_breakdown(
    text: str, mentions: Sequence[_Mention], shares: float | None
) -> list[tuple[_Mention, float]] | None:
    """(the holder's mention, its count) for each "N shares held by X" of ``text`` when
    there are two or more, each names one party, and the counts add up to ``shares``;
    ``None`` otherwise (module rule)."""
    if shares is None:
        return None
    out: list[tuple[_Mention, float]] = []
    for m in _PAIR.finditer(text):
        n = parse_number(m.group("n"))
        who = next((x for x in mentions if m.end() <= x.start <= m.end() + 1), None)
        if n is None or who is None or len(who.keys) != 1:
            return None
        out.append((who, n))
    if len(out) < 2 or len({w.keys[0] for w, _ in out}) != len(out):
        return None
    if abs(sum(n for _, n in out) - shares) >= 0.5:
        return None
    return out


#: right after a holder's name: "holds 3,681,872 shares of Series C Preferred Stock", "owns
#: of record 1,000 shares of Common Stock" (the count, then the class up to the clause end)
_HOLDS = re.compile(
    r"\s+(?:directly\s+)?(?:holds|owns|held|owned)\s+(?:of\s+record\s+)?"
    r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s+shares\s+of\s+(?:the\s+Issuer['’]s\s+)?"
    r"(?P<cls>[A-Z][\w\s-]{0,80}?)(?=\s*(?:,|;|\.(?:\s|$)|\s+and\s|$))",
)


def holds_breakdown(
    text: str,
    mentions: Sequence[_Mention],
    shares: float | None,
    *,
    title_class: str,
    class_words: Callable[[str], str],
    own_units: bool,
) -> list[tuple[_Mention, float]] | None:
    """(the holder's mention, its count) for each "X holds N shares of <class>" of
    ``text`` when there are two or more, each names one party, every class is the row's
    own (``class_words`` equal to ``title_class``), and the counts add up to ``shares`` --
    or, with ``own_units`` (a derivative row whose amount is given in its underlying
    class), are counts of the row's own security ("Series C Preferred Stock" on a row of
    the Class B it converts into: convention 5 of tests/fixtures/corpus/README.md);
    ``None`` otherwise (module rule, convention 7).

    >>> from types import SimpleNamespace as M
    >>> t = ("A LP holds 3,000 shares of Series C Preferred Stock and B LP holds 1,000 shares"
    ...      " of Series C Preferred Stock.")
    >>> ms = [M(start=0, end=4, keys=("a",)), M(start=56, end=60, keys=("b",))]
    >>> cw = lambda s: " ".join(s.lower().split())
    >>> [(m.keys[0], n) for m, n in holds_breakdown(t, ms, 3000.0,
    ...     title_class="series c preferred stock", class_words=cw, own_units=True)]
    [('a', 3000.0), ('b', 1000.0)]
    >>> holds_breakdown(t, ms, 3000.0, title_class="series c preferred stock",
    ...                 class_words=cw, own_units=False) is None
    True
    """
    if shares is None:
        return None
    out: list[tuple[_Mention, float]] = []
    for m in mentions:
        h = _HOLDS.match(text, m.end)
        if h is None:
            continue
        n = parse_number(h.group("n"))
        if n is None or len(m.keys) != 1 or class_words(h.group("cls")) != title_class:
            return None
        out.append((m, n))
    if len(out) < 2 or len({w.keys[0] for w, _ in out}) != len(out):
        return None
    if abs(sum(n for _, n in out) - shares) >= 0.5 and not own_units:
        return None
    return out
