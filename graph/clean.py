"""Clean at the boundary: the one place that parses share counts, percents and dates.

Past this module values are typed. Unknown stays ``None``; ``0`` means zero.

>>> parse_number("1,019,531")
1019531.0
>>> parse_number("-3,416,000-")
3416000.0
>>> parse_number("-0-")
0.0
>>> parse_number("None") is None
True
>>> parse_number("-5")
-5.0
>>> parse_percent("2.28%")
2.28
>>> parse_date("September 30, 2008")
datetime.date(2008, 9, 30)
>>> parse_date("09/23/2026")
datetime.date(2026, 9, 23)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re

from ownergraph.graph.ids import normalize_cik, normalize_cusip

__all__ = [
    "normalize_cik",
    "normalize_cusip",
    "parse_date",
    "parse_number",
    "parse_percent",
    "sha256_bytes",
]

#: No class of securities has more shares than this (a trillion trillion); beyond it a
#: "number" in a filing is garbage, not a count.
MAX_SHARES = 1e21

_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_EMPTY = {"", "none", "n/a", "na", "-", "--", "nil", "not applicable"}


def parse_number(text: str | float | int | None) -> float | None:
    """Parse a share count as filed ("1,019,531", "-0-", "10092431.00"); ``None`` if absent.

    Dashes around a number are decoration ("-3,416,000-"), not a sign. Raises
    ``ValueError`` for text that is not a number.
    """
    if text is None:
        return None
    if isinstance(text, int | float):
        return float(text)
    s = text.strip()
    if s.casefold() in _EMPTY:
        return None
    sign = 1.0
    if s[:1] in "-–" and s[-1:] not in "-–":  # a leading minus alone is a sign
        sign, s = -1.0, s[1:].strip()
    core = s.strip("-–— \t()*").strip()  # "-3,416,000-": dashes around are decoration
    if not _NUM.fullmatch(core):
        raise ValueError(f"not a number: {text!r}")
    value = sign * float(core.replace(",", ""))
    if not math.isfinite(value) or abs(value) > MAX_SHARES:
        raise ValueError(f"implausible number: {text!r}")
    return value


def parse_percent(text: str | float | int | None) -> float | None:
    """Parse a percent ("2.28%", "5.54 %", "13.5") into percent units; ``None`` if absent.

    A percent of a class (or a stake) lies in [0, 100]; anything else raises ``ValueError``.
    """
    if text is None:
        return None
    if isinstance(text, int | float):
        if not math.isfinite(text) or not 0 <= text <= 100:
            raise ValueError(f"a percent of a class cannot be {text!r}")
        return float(text)
    s = text.strip().rstrip("%").strip()
    if s.casefold() in _EMPTY:
        return None
    if s.startswith("<"):
        s = s[1:].strip()
    if not re.fullmatch(r"\d+(?:\.\d+)?|\.\d+", s):
        raise ValueError(f"not a percent: {text!r}")
    value = float(s)
    if not math.isfinite(value) or value > 100:
        raise ValueError(f"a percent of a class cannot be {text!r}")
    return value


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%Y%m%d",
    "%d %B %Y",
    "%m-%d-%Y",
)


def parse_date(text: str | dt.date | None) -> dt.date | None:
    """Parse a date in the formats filings use; ``None`` if absent; ``ValueError`` if bad."""
    if text is None:
        return None
    if isinstance(text, dt.date):
        return text
    s = re.sub(r"\s+", " ", text.strip())
    if not s:
        return None
    s = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", s)
    if "T" in s and re.match(r"\d{4}-\d{2}-\d{2}T", s):
        s = s[:10]
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")


def sha256_bytes(data: bytes) -> str:
    """The hex sha256 of some bytes."""
    return hashlib.sha256(data).hexdigest()
