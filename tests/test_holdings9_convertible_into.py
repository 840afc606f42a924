"""Room HOLDINGS (session 9, issue 11): a holder's count stated as the common shares its
convertible preferred stock converts into ("X owns shares of Series A Preferred Stock
which are currently convertible into N shares of Common Stock") is a right to acquire
(Rule 13d-3(d)(1)(i)), a derivative holding, not common shares it owns. Constructed
sentences (plain English grammar of Item 5 statements); values read from them."""

from __future__ import annotations

from ownergraph.graph.vocab import Instrument
from ownergraph.loaders.sec_rights_stated import convertible_counts
from tests.synthetic_13g import cover_page, legacy_13g

CONSTRUCTED = (
    "Item 4. Ownership.\n\n(a) None of the Reporting Persons directly owns any Common Stock."
    " Alpha Fund, L.P. owns shares of Series A Preferred Stock which are currently"
    " convertible into 1,000,000 shares of Common Stock, and Beta Fund, L.P. owns shares of"
    " Series A Preferred Stock which are currently convertible into 500,000 shares of Common"
    " Stock, in each case subject to adjustment.\n"
)


def _held(items: str, beta_agg: str = "500,000"):
    pd = legacy_13g(
        cover_page("Alpha Fund, L.P.", shared="1,000,000", agg="1,000,000", typ="PN")
        + cover_page("Beta Fund, L.P.", shared=beta_agg, agg=beta_agg, typ="PN"),
        items,
    )
    names = {p.id: p.name for p in pd.parties}
    return sorted(
        (names[h.holder_id], h.shares, h.instrument, h.right_to_acquire, h.derivative)
        for h in pd.holdings
    )


def test_preferred_convertible_into_common_is_a_right_to_acquire() -> None:
    assert _held(CONSTRUCTED) == [
        ("Alpha Fund, L.P.", 1_000_000.0, Instrument.CONVERTIBLE, True, True),
        ("Beta Fund, L.P.", 500_000.0, Instrument.CONVERTIBLE, True, True),
    ]


def test_a_count_other_than_the_holding_changes_nothing() -> None:
    # Beta's page reports 600,000: its holding is not the 500,000 it may convert into
    got = _held(CONSTRUCTED, beta_agg="600,000")
    assert ("Beta Fund, L.P.", 600_000.0, Instrument.COMMON, False, False) in got
    assert ("Alpha Fund, L.P.", 1_000_000.0, Instrument.CONVERTIBLE, True, True) in got


def test_common_stock_owned_outright_is_not_read() -> None:
    assert convertible_counts("Alpha Fund, L.P. owns 1,000,000 shares of Common Stock.") == []
