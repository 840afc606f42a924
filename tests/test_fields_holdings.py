"""Who holds the shares of a legacy 13D/G with several cover pages and no stated link among
the filers (loaders.sec_holdings.leaves_by_numbers): synthetic 13Gs in the layout of the
legacy corpus; the expected holders worked out by hand from the pages' numbers."""

from __future__ import annotations

import io

import pytest

from ownergraph.graph.model import ParsedDocument
from ownergraph.loaders import sec13dg_legacy as legacy
from ownergraph.loaders.sec_holdings import leaves_by_numbers


def _page(name: str, agg: str, typ: str = "PN", sole: str = "0", shared: str | None = None) -> str:
    shared = agg if shared is None else shared
    return f"""
CUSIP No. 123456789

1    NAME OF REPORTING PERSON
     {name}

2    CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP          (a) [ ]
                                                               (b) [X]
3    SEC USE ONLY

4    CITIZENSHIP OR PLACE OF ORGANIZATION
     Delaware

               5    SOLE VOTING POWER
 NUMBER OF          {sole}
  SHARES       6    SHARED VOTING POWER
BENEFICIALLY        {shared}
 OWNED BY      7    SOLE DISPOSITIVE POWER
   EACH             {sole}
 REPORTING     8    SHARED DISPOSITIVE POWER
PERSON WITH         {shared}

9    AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON
     {agg}

10   CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (9) EXCLUDES CERTAIN SHARES [ ]

11   PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9)
     5.1%

12   TYPE OF REPORTING PERSON
     {typ}
"""


def _filing(pages: list[str]) -> ParsedDocument:
    text = f"""SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549

SCHEDULE 13G

Example Issuer Corp.
(Name of Issuer)

Common Stock
(Title of Class of Securities)

123456789
(CUSIP Number)
{"".join(pages)}
Item 1(a).  Name of Issuer: Example Issuer Corp.

Item 10. Certification. Not applicable.
"""
    return legacy.parse(io.BytesIO(text.encode()), path="synthetic-13g.txt")


def _held(parsed: ParsedDocument) -> dict[str, float]:
    names = {p.id: p.name for p in parsed.parties}
    return {names[h.holder_id]: h.shares for h in parsed.holdings}


def test_funds_hold_when_the_other_pages_are_sums_of_theirs() -> None:
    """Two funds (600,000 and 400,000), their general partner and its manager (1,000,000
    each, shared power), no link stated: the funds hold their pages, the others nothing."""
    parsed = _filing(
        [
            _page("Example Management LLC", "1,000,000", "OO"),
            _page("Example GP LLC", "1,000,000", "OO"),
            _page("Example Fund A, L.P.", "600,000"),
            _page("Example Fund B, L.P.", "400,000"),
        ]
    )
    assert _held(parsed) == {"Example Fund A, L.P.": 600_000, "Example Fund B, L.P.": 400_000}


def test_pages_that_do_not_nest_keep_one_holder() -> None:
    """Control: 1,000,000 / 700,000 / 700,000: the two funds' pages are no partition of
    the group's shares; nothing is read by numbers (the lowest reporting person holds)."""
    parsed = _filing(
        [
            _page("Example Management LLC", "1,000,000", "OO"),
            _page("Example Fund A, L.P.", "700,000"),
            _page("Example Fund B, L.P.", "700,000"),
        ]
    )
    assert len(_held(parsed)) == 1


@pytest.mark.parametrize(
    ("aggs", "shared"),
    [
        # each filing for itself with sole power: 300 = 100 + 200 by chance, no shared power
        ({"a": 100.0, "b": 200.0, "c": 300.0}, {}),
        # two funds of the same count: which page is whose is not said
        ({"m": 1000.0, "f1": 500.0, "f2": 500.0}, {"m": 1000.0}),
        # the funds do not make up the group's shares
        ({"m": 1500.0, "g": 1000.0, "f1": 600.0, "f2": 400.0}, {"m": 1500.0, "g": 1000.0}),
    ],
)
def test_no_reading_by_numbers(aggs: dict[str, float], shared: dict[str, float]) -> None:
    assert leaves_by_numbers(aggs, shared) is None
