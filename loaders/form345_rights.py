"""Forms 3/4/5: whether a derivative row is a right to acquire within 60 days of the period
of report (Rule 13d-3(d)(1)(i); convention 4 of tests/fixtures/corpus/README.md), from its
printed exercise and expiration dates, else from the footnotes on its exercise date, title,
price or expiration (:data:`loaders.form345_positions.NOW`: exercisable now;
:func:`loaders.form345_vesting.dated_right`: dated within 60 days). A written call ("obligation
to sell") or a put is never one; a row that holds 0 has nothing to acquire.
"""

from __future__ import annotations

import datetime as dt
import re

from ownergraph.graph.vocab import Instrument
from ownergraph.loaders.form345_positions import NOW
from ownergraph.loaders.form345_vesting import dated_right

#: the instruments that can be rights to acquire (not common stock or units)
_RIGHTS = (
    Instrument.OPTION,
    Instrument.WARRANT,
    Instrument.CONVERTIBLE,
    Instrument.PREFERRED,
    Instrument.OTHER,
)


#: "Shares of Class B Common Stock ... are convertible into shares of Class A Common Stock on
#: a share-for-share basis." -- a conversion stated with its ratio and nothing else: no
#: condition, no date, no event (convention 4: convertible now)
_PLAIN_CONVERSION = re.compile(
    r"\b(?:is|are)\s+convertible\s+into\b(?:[^.;]|\.(?=\d)){0,120}?\bon\s+an?\s+"
    r"(?:one[\s-]for[\s-]one|share[\s-]for[\s-]share|\d+(?:\.\d+)?(?:[\s-]for[\s-]|:)\d+(?:\.\d+)?)"
    r"\s+basis\s*(?:\.|$)",
    re.I,
)
_CONDITION = re.compile(
    r"\b(?:upon|after|following|if|when|whenever|event|only|until|unless|subject|beginning"
    r"|commencing|within|prior|vest\w*|lock-?up|approval|effective|anniversary|expir\w*"
    r"|offering|combination|closing|redemption|termination|not\s+convertible)\b",
    re.I,
)


def plain_conversion(text: str) -> bool:
    """A sentence of ``text`` states a conversion by its ratio alone, with no condition,
    date or event anywhere in it: convertible now (module rule, ``_PLAIN_CONVERSION``).

    >>> plain_conversion("Shares of Class B Common Stock, which are not registered under the"
    ...     " Exchange Act, are convertible into shares of Class A Common Stock on a"
    ...     " share-for-share basis.")
    True
    >>> plain_conversion("Following the lock-up period, the Class B shares are convertible"
    ...     " into Class A shares on a one-for-one basis.")
    False
    >>> plain_conversion("The notes are convertible into common stock on a 1:1 basis upon"
    ...     " a qualified financing.")
    False
    """
    for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z(])", text):
        if _PLAIN_CONVERSION.search(sentence) and not _CONDITION.search(sentence):
            return True
    return False


def right_to_acquire(
    *,
    title: str,
    instrument: Instrument,
    derivative: bool,
    period: dt.date | None,
    as_of: dt.date | None,
    ex_date: dt.date | None,
    exp_date: dt.date | None,
    ex_fids: list[str],
    footnotes: dict[str, tuple[str, object]],
    shares: float | None,
) -> tuple[bool, list[str]]:
    """(right to acquire, the notes saying why) for one table row (module rule).

    >>> right_to_acquire(title="Stock Option (right to buy)", instrument=Instrument.OPTION,
    ...     derivative=True, period=dt.date(2021, 8, 10), as_of=None, ex_date=None,
    ...     exp_date=None, ex_fids=["F1"], footnotes={"F1": ("Immediately exercisable.", None)},
    ...     shares=10.0)
    (True, ['exercisable now per F1'])
    """
    notes: list[str] = []
    rta = False
    if derivative:
        written = bool(re.search(r"obligation to sell|\bput\b|written", title, re.I))
        if written:
            notes.append("written option (an obligation to sell): not a right to acquire")
        elif instrument in _RIGHTS:
            ref = period or as_of
            alive = exp_date is None or ref is None or exp_date >= ref
            if ex_date is not None and ref is not None:
                rta = alive and ex_date <= ref + dt.timedelta(days=60)
            elif ex_fids:
                ftxt = " ".join(footnotes.get(f, ("", None))[0] for f in ex_fids)
                if NOW.search(ftxt) or plain_conversion(ftxt):
                    rta = alive
                    notes.append(f"exercisable now per {', '.join(ex_fids)}")
                elif dated_right(
                    ftxt,
                    ref,
                    option_like=instrument in (Instrument.OPTION, Instrument.WARRANT),
                ):
                    rta = alive
                    notes.append(f"exercisable within 60 days per {', '.join(ex_fids)}")
                else:
                    notes.append(
                        f"exercise date given only by {', '.join(ex_fids)};"
                        " a right to acquire within 60 days is not established"
                    )

    if rta and shares == 0:  # nothing held: nothing to acquire (convention 4)
        rta = False
        notes.append("0 held: not a right to acquire")
    return rta, notes
