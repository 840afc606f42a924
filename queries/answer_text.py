"""Sentences about one row of the answer object (:mod:`queries.answer`) that every view
prints the same way: the four powers, the percent with its denominator, and the filed
row 13 beside the computed percent, flagged when they differ beyond the filed precision.

Nothing is recomputed: the figures are the row's; the flag compares the computed percent,
rounded to the decimals the filer used, with the filed one.

>>> from ownergraph.queries.answer import ControllerRow, Denominator, FiledFigures
>>> row = ControllerRow("p", "Nelson Obus", "person", True, False, 0.0, 3731324.0, 0.0,
...     3731324.0, 3731324.0, 2657770.0, 8.0355,
...     denominator=Denominator(46435324.0, "implied", "43,777,554 outstanding + 2,657,770 own"
...                             " rights to acquire = 46,435,324 (Rule 13d-3(d)(1)(i); implied)"),
...     filed=FiledFigures("d", "r", 0.0, 3731323.0, 0.0, 3731323.0, 3731323.0, 8.34, "8.34%"))
>>> powers_text(row)
'voting: sole 0, shared 3,731,324 · dispositive: sole 0, shared 3,731,324'
>>> print(percent_flag(row))
computed 8.04%, filed 8.34% (they differ beyond the 2 decimals filed); the computed one is over 43,777,554 outstanding + 2,657,770 own rights to acquire = 46,435,324 (Rule 13d-3(d)(1)(i); implied)
"""

from __future__ import annotations

import re
from typing import Any

from ownergraph.queries.answer import format_percent


def _get(row: Any, key: str) -> Any:
    return row.get(key) if isinstance(row, dict) else getattr(row, key, None)


def _n(x: float | None) -> str:
    if x is None:
        return "unknown"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def powers_text(row: Any) -> str:
    """The four Rule 13d-3 figures of a row (an object or its ``to_dict()``)."""
    return (
        f"voting: sole {_n(_get(row, 'sole_voting'))}, shared {_n(_get(row, 'shared_voting'))}"
        f" · dispositive: sole {_n(_get(row, 'sole_dispositive'))},"
        f" shared {_n(_get(row, 'shared_dispositive'))}"
    )


def percent_text(row: Any) -> str:
    """The row's percent, 2 decimals (a range as a range), as every view prints it."""
    rng = _get(row, "percent_range")
    return format_percent(_get(row, "percent"), tuple(rng) if rng else None)


def _decimals(filed: Any) -> int:
    text = _get(filed, "percent_text")
    m = re.search(r"\d+(?:\.(\d+))?\s*%?", str(text or ""))
    if m and text:
        return len(m.group(1) or "")
    value = _get(filed, "percent_of_class")
    s = f"{value}".rstrip("0")
    return len(s.split(".")[1]) if "." in s else 0


def percent_flag(row: Any) -> str | None:
    """When the computed percent and the filed row 13 differ beyond the filed precision:
    both, and why (the denominator the computed one rests on); else ``None``."""
    filed = _get(row, "filed")
    pct = _get(row, "percent")
    fp = _get(filed, "percent_of_class") if filed else None
    if pct is None or fp is None:
        return None
    d = _decimals(filed)
    if round(float(pct), d) == round(float(fp), d):
        return None
    den = _get(row, "denominator")
    label = _get(den, "label") if den else None
    why = f"the computed one is over {label}" if label else "the denominator is not known"
    return (
        f"computed {format_percent(pct)}, filed {fp:.{d}f}% (they differ beyond the {d}"
        f" decimal{'s' if d != 1 else ''} filed); {why}"
    )


__all__ = ["percent_flag", "percent_text", "powers_text"]
