"""Forms 3/4/5: a right to acquire dated by a footnote (Rule 13d-3(d)(1)(i), convention 4 of
tests/fixtures/corpus/README.md: exercisable "now or within 60 days of the period of
report"): "The option vested in full on January 1, 2021"; "becomes exercisable on September
1, 2021"; "vests in four equal annual installments beginning on March 1, 2020" (the first
installment dates it); "on the earlier of (i) June 7, 2020 or (ii) the next annual meeting"
(no later than the date); an option or warrant that "is fully vested" or vested when granted
("vested immediately upon grant", "vested in full on the date of grant"); "vested on March
1, 2008 ..., monthly thereafter" (an installment every month once the date is past). A date
after "the later of", a grant date ("the date of grant (April 12, 2019)") or an expiration
date dates nothing.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
_DATE = (
    r"(?P<date>(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+\d{1,2},\s*\d{4}|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})"
)
_WHEN = re.compile(
    r"\b(?:vest(?:s|ed)?|(?:become|becomes|became)\s+(?:(?:fully\s+)?vested\s+and\s+)?exercisable"
    r"|(?:is|are|was|were|will\s+be)\s+(?:first\s+)?exercisable)\b[^.;]{0,60}?\b"
    r"(?:(?:on|as\s+of)\s+(?:the\s+earlier\s+of\s+(?:\(\w+\)\s+)?)?|(?:beginning|commencing|starting)"
    r"(?:\s+on)?\s+)" + _DATE,
    re.I,
)
_FULLY_VESTED = re.compile(
    r"\b(?:is|are|was|were|has|have)\s+(?:been\s+)?fully\s+vested\b(?!\s+(?:upon|on|in\s+the\s+event|if))",
    re.I,
)


#: vested when granted: "The shares subject to the option vested immediately upon grant";
#: "vested in full on the date of grant"; "was immediately vested"; "vests immediately." --
#: not "vests immediately prior to a change in control", "vests immediately upon a merger"
_GRANT = r"(?:the\s+)?(?:date\s+of\s+(?:the\s+)?(?:grant|issuance)|grant(?:\s+date)?|issuance)"
_VESTED_AT_GRANT = re.compile(
    rf"\bvest(?:ed|s)?\s+(?:in\s+full\s+|fully\s+)?(?:immediately\s+)?(?:(?:up)?on|as\s+of|at)\s+{_GRANT}\b"
    r"|\bvest(?:ed|s)?\s+(?:in\s+full\s+)?immediately\s*(?:[.;,]|$)"
    rf"|\b(?:is|are|was|were)\s+immediately\s+vested\b(?!\s+(?:upon|on|in\s+the\s+event|if)\s+(?!{_GRANT}))",
    re.I,
)


#: "... vested on March 1, 2020, and the remaining shares vest in equal monthly installments
#: thereafter": once the first date is past, an installment vests every month (within 60
#: days); not after a cliff ("... on the first anniversary ..., monthly thereafter")
_MONTHLY_AFTER = re.compile(
    r"\b(?:monthly|each\s+(?:calendar\s+)?month|every\s+month)(?:\s+installments)?\s+thereafter\b",
    re.I,
)
_ANY_DATE = re.compile(_DATE, re.I)


def _date(words: str) -> dt.date | None:
    try:
        if "-" in words:
            return dt.date.fromisoformat(words)
        if "/" in words:
            mo, d, y = (int(x) for x in words.split("/"))
            return dt.date(y, mo, d)
        mon, rest = words.split(None, 1)
        d, y = (int(x) for x in rest.replace(",", " ").split())
        return dt.date(y, _MONTHS[mon.lower()], d)
    except (ValueError, KeyError):
        return None


def dated_right(text: str, period: dt.date | None, *, option_like: bool) -> bool:
    """Whether the footnote ``text`` dates the row exercisable (or vested, for an option
    or warrant) on or before ``period`` + 60 days (module rule).

    >>> p = dt.date(2021, 8, 10)
    >>> dated_right("The option vested in full on January 1, 2021.", p, option_like=True)
    True
    >>> dated_right("The option becomes exercisable on September 1, 2022.", p, option_like=True)
    False
    >>> dated_right("The RSUs vest on the earlier of (i) September 1, 2021 or (ii) the next"
    ...             " annual meeting.", p, option_like=False)
    True
    >>> dated_right("The option vested immediately upon grant.", p, option_like=True)
    True
    >>> dated_right("1/48th vested on March 1, 2008. The remaining shares vest in equal monthly"
    ...             " installments thereafter.", p, option_like=False)
    True
    """
    if period is None:
        return False
    limit = period + dt.timedelta(days=60)
    for m in _WHEN.finditer(text):
        d = _date(m.group("date"))
        if d is not None and d <= limit:
            return True
    monthly = _MONTHLY_AFTER.search(text)
    if monthly and not re.search(r"\banniversary\b", text, re.I):
        before = [_date(m.group("date")) for m in _ANY_DATE.finditer(text, 0, monthly.start())]
        if any(d is not None and d <= limit for d in before):
            return True
    return option_like and (
        _FULLY_VESTED.search(text) is not None or _VESTED_AT_GRANT.search(text) is not None
    )
