"""Room HOLDINGS (session 9, issue 11): shares the text says are owned by "the Decedent"
(a holder who has died) are held by his estate when the filing names it ("the estate of
the Decedent"): a dead person holds nothing. Quoted from a real filing (a 2010 SC 13D/A on
Delta Apparel, Inc., filed by Minor M. Shaw, co-executor), values read from the quote."""

from __future__ import annotations

from pathlib import Path

from ownergraph.loaders import parse_path
from ownergraph.loaders.sec_stated_holdings import stated_holdings
from ownergraph.loaders.sec_terms import NameBook, define_terms

#: quoted from Items 4 and 5 of the filing
QUOTED = (
    'On May 3, 2010, Buck A. Mickel (the "Decedent") died. Mrs. Shaw, as co-executor of the'
    " estate of the Decedent, has shared power to vote and to dispose of 189,664 shares of"
    " Common Stock owned by the Decedent directly."
)

FIXTURE = (
    Path(__file__).parent
    / "fixtures/corpus/sec13dg-legacy/2010-sc13da-914189_delta-apparel-inc_shaw-minor-m.txt"
)


def test_decedents_shares_are_held_by_the_estate_named_in_the_filing() -> None:
    book = NameBook(issuer_key="i")
    book.add_party("b", "Buck A. Mickel", person=True)
    book.add_party("s", "Minor M. Shaw", person=True)
    define_terms(QUOTED, book)
    estate = book.key_for_text_name("estate of the Decedent")
    got = [(h.holder, h.shares) for h in stated_holdings(QUOTED, book)]
    assert got == [(estate, 189_664.0)]


def test_without_an_estate_named_the_decedent_keeps_the_count() -> None:
    book = NameBook(issuer_key="i")
    book.add_party("b", "Buck A. Mickel", person=True)
    text = QUOTED.replace("as co-executor of the estate of the Decedent, ", "")
    define_terms(text, book)
    assert [(h.holder, h.shares) for h in stated_holdings(text, book)] == [("b", 189_664.0)]


def test_delta_apparel_2010_estate_holding() -> None:
    pd = parse_path(FIXTURE)
    names = {p.id: p.name for p in pd.parties}
    got = {(names[h.holder_id], h.shares) for h in pd.holdings}
    assert ("estate of the Decedent", 189_664.0) in got
    assert not any(s == 189_664.0 and n != "estate of the Decedent" for n, s in got)
