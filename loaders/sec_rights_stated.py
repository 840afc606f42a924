"""A holder's count the prose states as shares it may acquire by converting another
security it owns ("Alpha Fund, L.P. owns shares of Series A Preferred Stock which are
currently convertible into 1,000,000 shares of Common Stock"): the holding of that count is
a right to acquire (Rule 13d-3(d)(1)(i)), a derivative of the common stock, not common
shares it owns.

Used by the legacy 13D/G loader after the holdings are read (:mod:`loaders.sec_holders`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from ownergraph.graph.ids import normalize_name
from ownergraph.graph.model import Holding
from ownergraph.graph.vocab import Instrument

#: "X owns shares of Series A Preferred Stock which are currently convertible into N
#: shares of Common Stock"; "X holds 5% Convertible Notes that are convertible into an
#: aggregate of N shares of the Issuer's Common Stock"
_CONVERTIBLE_INTO = re.compile(
    r"\s(?:directly\s+|beneficially\s+|also\s+)?(?:owns|holds)\s+"
    r"(?P<what>(?:[^.;:]|(?<=\d)\.(?=\d)){0,100}?"
    r"\b(?:Preferred|Notes?|Debentures?)\b[^.;:]{0,40}?)\s*,?\s+(?:which|that)\s+(?:are|is)\s+"
    r"(?:currently\s+|presently\s+|immediately\s+|now\s+)?convertible\s+(?:in)?to\s+"
    r"(?:an\s+aggregate\s+of\s+)?(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s+shares\s+of\s+(?:the\s+)?"
    r"(?:Issuer['’]s\s+|Company['’]s\s+)?Common\s+Stock\b",
    re.I,
)


def convertible_counts(text: str) -> list[tuple[str, float, tuple[int, int]]]:
    """(the 160 characters before the verb, the count, the span) of each "X owns <a preferred stock,
    notes or debentures> which are convertible into N shares of Common Stock".

    >>> [(s[-16:], n) for s, n, _sp in convertible_counts(
    ...     "(a) Alpha Fund, L.P. owns shares of Series A Preferred Stock which are currently "
    ...     "convertible into 1,000,000 shares of Common Stock, and Beta Fund, L.P. owns "
    ...     "shares of Series A Preferred Stock which are currently convertible into 500,000 "
    ...     "shares of Common Stock.")]
    [('Alpha Fund, L.P.', 1000000.0), (' Beta Fund, L.P.', 500000.0)]
    """
    if "onvertible" not in text:
        return []
    out = []
    for m in _CONVERTIBLE_INTO.finditer(text):
        subj = " ".join(text[max(0, m.start() - 160) : m.start()].split()).strip(" ,")
        out.append((subj, float(m.group("n").replace(",", "")), (m.start(), m.end())))
    return out


def _names_end(subj: str, spellings: Iterable[str]) -> bool:
    """True when the subject's words end with one of the spellings (its last words name
    the holder: "and Beta Fund, L.P." ends with "Beta Fund, L.P.")."""
    ns = normalize_name(subj)
    return any(
        (n := normalize_name(s)) and (ns == n or ns.endswith(" " + n)) for s in spellings if s
    )


def convertible_holdings(
    text: str, holdings: list[Holding], spellings: dict[str, list[str]]
) -> list[Holding]:
    """``holdings`` with each common holding whose holder the text says owns a convertible
    security "convertible into" exactly its count restated as that right to acquire
    (instrument convertible, derivative, right to acquire; the class title kept). A count
    that names no holder among them, or several, changes nothing."""
    found = convertible_counts(text)
    if not found:
        return holdings
    out = list(holdings)
    for subj, n, _span in found:
        hits = [
            i
            for i, h in enumerate(out)
            if h.instrument is Instrument.COMMON
            and abs(h.shares - n) <= 0.5
            and _names_end(subj, spellings.get(h.holder_id, ()))
        ]
        if len(hits) != 1:
            continue
        h = out[hits[0]]
        out[hits[0]] = dataclasses.replace(
            h, instrument=Instrument.CONVERTIBLE, right_to_acquire=True, derivative=True
        )
    return out
