"""Room HOLDINGS (session 9, issue 11): a count's breakdown opened after a percentage with
a decimal point ("N shares of Common Stock or 7.3% of the Issuer's common stock
outstanding, which include ..."): the point inside a number is no sentence end, so the
parts (the common shares and the shares issuable upon exercise of warrants) are read.
Constructed sentence (plain English grammar of Item 5 statements; the expected values are
read from it)."""

from __future__ import annotations

from ownergraph.graph.vocab import Instrument
from ownergraph.loaders.sec_holdings import breakdowns
from ownergraph.loaders.sec_terms import NameBook
from tests.synthetic_13g import cover_page, legacy_13g

CONSTRUCTED = (
    "Item 4. Ownership.\n\n(a) Alpha Fund, L.P. is the beneficial owner of 1,100,000 shares of"
    " Common Stock or 7.3% of the Issuer's common stock outstanding, which include 1,000,000"
    " shares of the Common Stock and 100,000 shares of the Common Stock issuable upon the"
    " exercise of the Warrants.\n"
)


def test_percent_with_decimal_point_before_which_include() -> None:
    book = NameBook(issuer_key="i")
    book.add_party("f", "Alpha Fund, L.P.")
    [bd] = breakdowns(CONSTRUCTED, book)
    assert bd.total == 1_100_000 and not bd.whole
    assert [(p.shares, p.instrument, p.right_to_acquire) for p in bd.parts] == [
        (100_000.0, "warrant", True)
    ]


def test_filers_count_split_into_common_and_warrants() -> None:
    pd = legacy_13g(
        cover_page("Alpha Fund, L.P.", sole="1,100,000", agg="1,100,000", typ="PN"), CONSTRUCTED
    )
    got = sorted((h.shares, h.instrument, h.right_to_acquire) for h in pd.holdings)
    assert got == [(100_000.0, Instrument.WARRANT, True), (1_000_000.0, Instrument.COMMON, False)]


def test_a_full_stop_after_a_number_still_ends_the_sentence() -> None:
    # "... 1,100,000 shares of Common Stock. The 7.3% ..." : the opening stays in its sentence
    book = NameBook(issuer_key="i")
    text = (
        "Alpha owns 1,100,000 shares of Common Stock. 2. Its partners, which include 5,000"
        " shares held by Beta, vote them."
    )
    assert all(bd.total != 1_100_000 for bd in breakdowns(text, book))
