"""SEC business days for Forms 3/4/5 deadlines: weekends and the federal holidays the
Commission is closed on (5 U.S.C. 6103: New Year's Day, Martin Luther King Jr. Day,
Washington's Birthday, Memorial Day, Juneteenth from 2021, Independence Day, Labor Day,
Columbus Day, Veterans Day, Thanksgiving, Christmas; a Saturday holiday is observed on the
Friday before, a Sunday one on the Monday after). A deadline that falls on a day the
Commission is closed moves to the next business day (Exchange Act Rule 0-3(a)).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th ``weekday`` (Monday 0) of the month; n = -1 is the last one."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _observed(d: dt.date) -> dt.date:
    return (
        d - dt.timedelta(days=1) if d.weekday() == 5 else d + dt.timedelta(days=(d.weekday() == 6))
    )


@lru_cache(maxsize=64)
def federal_holidays(year: int) -> frozenset[dt.date]:
    """The days of ``year`` the Commission is closed for a federal holiday (observed dates).

    >>> sorted(d.isoformat() for d in federal_holidays(2022))[:4]
    ['2022-01-17', '2022-02-21', '2022-05-30', '2022-06-20']
    """
    fixed = [(1, 1), (7, 4), (11, 11), (12, 25)] + ([(6, 19)] if year >= 2021 else [])
    days = {_observed(dt.date(year, m, d)) for m, d in fixed}
    days |= {
        _nth_weekday(year, 1, 0, 3),  # Martin Luther King Jr. Day
        _nth_weekday(year, 2, 0, 3),  # Washington's Birthday
        _nth_weekday(year, 5, 0, -1),  # Memorial Day
        _nth_weekday(year, 9, 0, 1),  # Labor Day
        _nth_weekday(year, 10, 0, 2),  # Columbus Day
        _nth_weekday(year, 11, 3, 4),  # Thanksgiving
    }
    # New Year's Day of the next year observed on this year's December 31
    days.add(_observed(dt.date(year + 1, 1, 1)))
    return frozenset(d for d in days if d.year == year)


def is_business_day(d: dt.date) -> bool:
    """Neither a weekend nor a federal holiday."""
    return d.weekday() < 5 and d not in federal_holidays(d.year)


def add_business_days(d: dt.date, n: int) -> dt.date:
    """``n`` business days after ``d`` (Form 4: two business days after the transaction).

    >>> add_business_days(dt.date(2022, 7, 1), 2)  # Friday; Monday July 4 is a holiday
    datetime.date(2022, 7, 6)
    """
    while n > 0:
        d += dt.timedelta(days=1)
        if is_business_day(d):
            n -= 1
    return d


def next_business_day(d: dt.date) -> dt.date:
    """``d`` itself when the Commission is open, else the next day it is (Rule 0-3(a))."""
    while not is_business_day(d):
        d += dt.timedelta(days=1)
    return d
