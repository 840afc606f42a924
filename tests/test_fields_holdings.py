"""Who holds the shares of a legacy 13D/G with several cover pages and no stated link among
the filers (loaders.sec_holdings.leaves_by_numbers): synthetic 13Gs in the layout of the
legacy corpus; the expected holders worked out by hand from the pages' numbers."""

from __future__ import annotations

import pytest

from ownergraph.graph.model import ParsedDocument
from ownergraph.loaders.sec_holdings import leaves_by_numbers
from tests.synthetic_13g import cover_page, legacy_13g


def _page(name: str, agg: str, typ: str = "PN", sole: str = "0", shared: str | None = None) -> str:
    return cover_page(name, sole=sole, shared=agg if shared is None else shared, agg=agg, typ=typ)


def _filing(pages: list[str]) -> ParsedDocument:
    return legacy_13g("".join(pages))


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


def test_pages_that_do_not_nest_and_no_stated_link_each_hold_their_own() -> None:
    """Control: 1,000,000 / 700,000 / 700,000: the two funds' pages are no partition of
    the group's shares, so nothing is read by numbers; and no text links the three filers,
    so each is its own group and holds what its own page reports (session 9,
    ``loaders/sec_unlinked_filers``; corpus README convention 13: a filer with no stated
    controller above it is ultimate for its own reported shares). Before session 9 the one
    lowest reporting person of the whole filing held."""
    parsed = _filing(
        [
            _page("Example Management LLC", "1,000,000", "OO"),
            _page("Example Fund A, L.P.", "700,000"),
            _page("Example Fund B, L.P.", "700,000"),
        ]
    )
    assert _held(parsed) == {
        "Example Management LLC": 1_000_000,
        "Example Fund A, L.P.": 700_000,
        "Example Fund B, L.P.": 700_000,
    }


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
