"""Forms 3/4/5: positions from table rows, and the rights to acquire they carry.

- **One position per (holder, class, D/I, nature and its footnotes)**, the nature compared
  by its words (:func:`nature_words`: "L.P" = "L.P."): the amount owned
  following the LAST transaction in document order (column 5 of Table I, column 9 of
  Table II is the total after the transaction): earlier rows of the same position are its
  history, never added up (41,060 -> 36,573 -> 34,573 is 34,573; a distribution to 0
  leaves 0). A derivative
  row is a new lot, not the same position, when it was acquired and its amount after the
  transaction is its own amount (two grants of 1,021 and 204 options on the same terms
  the same day).
- **Right to acquire within 60 days** (Rule 13d-3(d)(1)(i)) stated by a footnote: see
  :data:`NOW`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ownergraph.graph.model import Holding

#: A footnote saying the right can be used now (Rule 13d-3(d)(1)(i): within 60 days):
#: "immediately exercisable", "convertible at any time into one share of Class A", "is
#: convertible into 0.466 shares of common stock at the holder's election", "convertible
#: ... at the option of the holder", "is convertible into Class A Common Stock on a 1-for-1
#: basis and has no expiration date"; not "convertible at any time after June 1, 2030".
#: the Issuer's IPO as a conversion event: "the closing of the Issuer's initial public
#: offering", "the completion of its underwritten initial public offering", "upon the
#: Issuer's IPO", "in connection with the closing of the IPO" (not "seven years following
#: the effective date of the issuer's initial public offering", nor a business combination)
_AT_IPO = (
    # ("upon the closing the Issuer's initial public offering": the "of" dropped)
    r"(?:(?:closing|completion|consummation)\s+(?:of\s+|(?=(?:the|its)\s))|(?<=upon\s)|(?<=upon\sthe\s)"
    r"|(?<=connection\swith\s)|(?<=connection\swith\sthe\s))(?:the\s+|its\s+)?"
    r"(?:Issuer['’]s\s+|Company['’]s\s+)?(?:(?:proposed|firm[\s-]commitment|underwritten)\s+)*"
    r"(?:initial\s+public\s+offering|IPO)\b"
)

NOW = re.compile(
    r"immediately\s+(?:exercisable|convertible|exchangeable)|(?:exercisable|convertible|exchangeable)\s+(?:immediately"
    r"|at\s+any\s+time(?!\s+(?:after|following|on\s+or|beginning))|at\s+the\s+(?:option|election)\s+of\s+the\s+holder)"
    r"|may\s+be\s+(?:converted|exercised|exchanged|redeemed)\s+at\s+any\s+time"
    r"(?!\s+(?:after|following|on\s+or|beginning))"
    r"|(?:convertible|exercisable|exchangeable)\b(?:[^.;]|\.(?=\d)){0,120}?\bat\s+(?:the\s+(?:holder|reporting"
    r"\s+person|owner)['’]s\s+(?:election|option)|the\s+(?:option|election)\s+of\s+the\s+"
    r"(?:holder|reporting\s+person|owner)|any\s+time(?!\s+(?:after|following|on\s+or|beginning)))"
    # ("... into Class B Common Stock on a 1:0.75 basis and has no expiration date")
    r"|\bis\s+convertible\s+into\b(?:[^.;]|\.(?=\d)){0,80}?\bbasis\s+and\s+has\s+no\s+expiration\s+date"
    # "Each share of Series A Preferred Stock is convertible into one share of Common Stock
    # and has no expiration date" (convention 4: no condition, no date; not "convertible into
    # Common Stock upon a qualified IPO and has no expiration date")
    r"|\b(?:is|are)\s+convertible\s+into\s+(?:one|an?\s+equal\s+number\s+of)\s+shares?\b"
    r"(?:(?!\b(?:upon|after|following|if|when|event|only|until|subject|beginning)\b)(?:[^.;]|\.(?=\d)))"
    r"{0,80}?\s+and\s+(?:has|have)\s+no\s+expiration\s+date"
    # an automatic conversion at the closing of the Issuer's IPO: a form filed for the IPO
    # registration precedes that closing by days (convention 15)
    r"|(?:automatically\s+conver\w*|will\s+convert|(?:will\s+be|is|are)\s+(?:automatically\s+)?"
    rf"(?:reclassified|converted))\b[^;]{{0,200}}?\b{_AT_IPO}"
    # the same with the closing first: "Immediately prior to the completion of the Issuer's
    # initial public offering, all shares of Series C ... will be converted into ..."
    rf"|\b(?:prior\s+to|upon|at|in\s+connection\s+with)\s+(?:the\s+)?{_AT_IPO}[^.;]{{0,200}}?"
    r"\b(?:will|shall)\s+(?:automatically\s+)?(?:be\s+)?(?:automatically\s+)?"
    r"(?:convert(?:ed)?|reclassified)\b"
    # "will automatically convert into Class A ordinary shares ... at the time of the
    # issuer's initial business combination, or earlier at the option of the holder"
    # (also "..., or at any time prior thereto at the option of the holder")
    r"|\bconvert\b(?:[^.;]|\.(?=\d)){0,200}?\bor\s+(?:earlier\s+|sooner\s+|at\s+any\s+time\s+"
    r"(?:prior|before)\s+(?:thereto\s+|to\s+(?:such|that|the)\s+\w+\s+))?,?\s*at\s+the\s+"
    r"(?:option|election)\s+of\s+the\s+(?:holder|reporting\s+person|owner)\b"
    # "All of the shares underlying the warrant are fully vested and exercisable as of the
    # date hereof"; "the option is fully vested and exercisable."; "exercisable as of the
    # grant date" (not "... vested and exercisable each time ..." nor "... on June 1")
    r"|\b(?:is|are|was|were)\s+(?:fully\s+|currently\s+|now\s+)?vested\s+and\s+(?:immediately\s+|"
    r"currently\s+)?exercisable(?=\s*[.;,]|\s*$|\s+(?:in\s+full|now|currently)\b"
    r"|\s+(?:as\s+of|on)\s+the\s+(?:date|grant\s+date)\b)"
    r"|\bexercisable\s+as\s+of\s+the\s+(?:date\s+(?:hereof|of\s+(?:this\s+)?(?:filing|report))|grant\s+date)"
    # "The option is fully exercisable."; "Currently exercisable."; "is presently exercisable
    # as to 2,500 shares" (partly: convention 4 follows the vested part); "exercisable in
    # full as of the date of grant" -- not "fully exercisable on June 1, 2023", "exercisable
    # in full upon a change in control", "currently exercisable if ..."
    r"|(?:\b(?:is|are)\s+(?:fully|currently|presently)\s+|\b(?<!not\s)(?:currently|presently)\s+)"
    r"exercisable\b(?!\s+(?:on|upon|after|beginning|commencing|starting|following|if|when|unless"
    r"|in\s+the\s+event)\b)"
    r"|\bexercisable\s+in\s+full\b(?!\s+(?:on|upon|after|beginning|commencing|starting|following"
    r"|if|when|unless|in\s+the\s+event)\b)(?!\s+(?:as\s+of|at)\s+(?!the\s+(?:date\s+of\s+)?grant)"
    r"[^.;]{0,20}\d)"
    # partly vested (convention 4: the row follows its vested part): "As of the date of this
    # filing, 23,737,050 of the shares subject to this option have vested and ..."
    r"|\bas\s+of\s+the\s+date\s+(?:of\s+this\s+(?:filing|report)|hereof),\s*(?=[\d,]*[1-9])\d[\d,]*\s+of\s+the\s+"
    r"shares\b[^.;]{0,60}?\b(?:have|are)\s+(?:vested|exercisable)",
    re.I,
)


#: the word that ends a class title and names no class: "Common" = "Common Stock" =
#: "Common Shares" (a derivative's underlying is often printed short)
#: (a title cut short in print, "Class A Common Stoc", is the same class)
_CLASS_NOUN = re.compile(r"\s+(?:sto(?:ck?)?|sha(?:r(?:es?)?)?)$", re.I)


def class_words(title: str) -> str:
    """The words that name a class, to tell two printings of one class apart from two
    classes: case, spacing and a final "Stock" / "Shares" do not count.

    >>> class_words("Common") == class_words("Common  Stock") == class_words("common shares")
    True
    >>> class_words("Class A Common Stock") == class_words("Class B Common Stock")
    False
    >>> class_words("Class A Common Stoc") == class_words("Class A Common Stock")
    True
    """
    words = " ".join(title.split()).casefold()
    return _CLASS_NOUN.sub("", words) or words


#: the punctuation that two printings of one nature of ownership differ by ("L.P" / "L.P."
#: / "LP", "Inc" / "Inc.", "Trust," / "Trust")
_NATURE_PUNCT = re.compile(r"[.,;:]")


def nature_words(nature: str | None) -> str:
    """The words of a nature of ownership, to tell two printings of one holder's nature
    from two natures: case, spacing and the points and commas of abbreviations do not count
    (MongoDB 2019-06-10 prints "By Sequoia Capital U.S. Growth Fund IV, L.P" on the
    conversion row and "... IV, L.P." on the distribution row of the same fund).

    >>> nature_words("By Fund IV, L.P") == nature_words("by fund iv,  l.p.") == nature_words("By Fund IV LP")
    True
    >>> nature_words("By Fund IV, L.P.") == nature_words("By Fund V, L.P.")
    False
    """
    return " ".join(_NATURE_PUNCT.sub("", nature or "").split()).casefold()


def position_key(h: Holding) -> tuple[Any, ...]:
    """One position of a Form 3/4/5: holder, class (and derivative terms), D/I, nature."""
    return (
        h.holder_id,
        h.security_id,
        " ".join((h.title or "").split()).casefold(),
        h.direct_or_indirect,
        nature_words(h.nature_of_ownership),
        h.derivative,
        h.exercise_price,
        h.exercise_date,
        h.expiration_date,
    )


def last_positions(
    holdings: list[Holding], rows: list[int], rows_extra: Iterable[dict[str, Any]]
) -> tuple[list[Holding], int]:
    """The holdings left when each position keeps its last row (module rule), and how many
    rows were superseded. ``rows[i]`` is the table row of ``holdings[i]``; ``rows_extra``
    the rows as read (``row``, ``acquired_disposed``, ``shares`` = the transaction amount).
    """
    tx_of = {r["row"]: r for r in rows_extra}
    last: dict[tuple[Any, ...], Holding] = {}
    for h, index in zip(holdings, rows, strict=True):
        r = tx_of.get(index, {})
        # indirect rows whose nature of ownership cites other footnotes are other
        # positions, even when their holder could not be told apart
        fids = r.get("nature_footnotes") or () if h.direct_or_indirect.value == "indirect" else ()
        k = (*position_key(h), tuple(fids))
        if h.derivative and k not in last:
            k2 = _undated_continuation(k, last, r, h.shares)
            if k2 is not None:
                k = k2
                h = _with_dates_of(h, last[k2])
        if (
            h.derivative
            and k in last
            and r.get("acquired_disposed") == "A"
            and r.get("shares") is not None
            and h.shares == r["shares"]
            and last[k].shares
        ):
            k = (*k, index)
        last[k] = h
    return list(last.values()), len(holdings) - len(last)


#: where the exercise and expiration dates sit in a position key (:func:`position_key`)
_DATES = (7, 8)


def _undated_continuation(
    k: tuple[Any, ...],
    last: dict[tuple[Any, ...], Holding],
    row: dict[str, Any],
    after: float | None,
) -> tuple[Any, ...] | None:
    """The earlier position a derivative row continues when the row leaves a date out that
    the earlier row printed (or the other way round) and its amount carries the earlier
    total to its own: Zynga 2011-12-15, RSUs granted 1,474,432 "expiring 2017-04-15", then
    1,412,997 settled, dates "Not applicable", 61,435 left -- one grant, one position."""
    amount, sign = row.get("shares"), {"A": 1, "D": -1}.get(row.get("acquired_disposed") or "")
    if amount is None or sign is None or after is None:
        return None
    for k2, h2 in reversed(last.items()):
        same = all(
            a == b or (i in _DATES and (a is None or b is None))
            for i, (a, b) in enumerate(zip(k, k2, strict=True))
        )
        if same and h2.shares is not None and abs(h2.shares + sign * amount - after) < 0.5:
            return k2
    return None


def _with_dates_of(h: Holding, earlier: Holding) -> Holding:
    """A continuation row that prints no dates ("Not applicable") keeps the dates of the
    grant it continues, and with them its right to acquire: what was exercisable (or
    vesting within 60 days) before the row is so after it, while some of it is left."""
    rta = h.right_to_acquire or (earlier.right_to_acquire and bool(h.shares))
    return replace(
        h,
        exercise_date=h.exercise_date or earlier.exercise_date,
        expiration_date=h.expiration_date or earlier.expiration_date,
        right_to_acquire=rta,
    )


def reach(down: dict[str, set[str]], src: str) -> set[str]:
    """Every node reachable from ``src`` over ``down`` (``src`` itself only on a cycle)."""
    seen: set[str] = set()
    stack = [src]
    while stack:
        for n in down.get(stack.pop(), ()):
            if n not in seen:
                seen.add(n)
                stack.append(n)
    return seen


def document_class(holdings: list[Any]) -> str | None:
    """The class a Form 3/4/5 reports: of the classes its non-derivative rows hold, the one
    with the most shares beneficially owned (its non-derivative rows plus the rights to
    acquire it, 13d-3(d)(1)(i)); the first printed on a tie (every row 0: the first
    non-derivative class); ``None`` without a non-derivative row.

    >>> from types import SimpleNamespace as H
    >>> document_class([H(security_id="common", derivative=False, right_to_acquire=False,
    ...     shares=0.0), H(security_id="class-a", derivative=False, right_to_acquire=False,
    ...     shares=0.0), H(security_id="class-a", derivative=True, right_to_acquire=True,
    ...     shares=500.0)])
    'class-a'
    """
    order: dict[str, float] = {}
    for h in holdings:
        if not h.derivative:
            order.setdefault(h.security_id, 0.0)
    for h in holdings:
        if h.security_id in order and (not h.derivative or h.right_to_acquire):
            order[h.security_id] += h.shares or 0.0
    if not order:
        return None
    best = max(order.values())
    return next(sid for sid, n in order.items() if n == best)
