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
from collections.abc import Sequence
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
