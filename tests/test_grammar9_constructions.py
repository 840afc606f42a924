"""Room GRAMMAR (session 9): constructions of the legacy 13D/G prose (issue 11). Each test
quotes a short text written in the shape of the filings' sentences (plain English grammar
or a construction seen in several filings); the expected links are read from that text."""

from __future__ import annotations

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_terms import NameBook, define_terms

PERSONS = ("Amy Kite", "Bo Lam", "Cal Moe")


def _links(text: str, persons: tuple[str, ...], parties: tuple[str, ...]) -> set[tuple]:
    book = NameBook()
    for p in persons:
        book.add_party(p, p, person=True)
    for p in parties:
        book.add_party(p, p)
    define_terms(text, book)
    return {
        (book.names[x.controller], book.names[x.controlled], x.role)
        for x in extract_links(text, book)
    }


def test_stake_with_an_adverbial_between_subject_and_verb() -> None:
    """Quoted construction: 'X, through its subsidiaries, owns approximately 45% of Y' -- an
    adverbial set off by commas between the subject and its verb (plain English grammar)."""
    text = "Kite Holdings Inc., through its subsidiaries, owns approximately 45% of Kite Fund LP."
    got = _links(text, (), ("Kite Holdings Inc.", "Kite Fund LP"))
    assert got == {("Kite Holdings Inc.", "Kite Fund LP", Role.SHAREHOLDER)}


def test_stake_with_an_adverbial_between_verb_and_object() -> None:
    """Quoted construction: 'X holds, through its subsidiaries, approximately 45% of the
    outstanding common stock of Y' / 'X owns, directly or indirectly, 60% of ...' -- the
    adverbial after the verb; 'and' inside it is no 'owns and controls'."""
    text = (
        "Kite Holdings Inc. holds, through its subsidiaries, approximately 45% of the "
        "outstanding common stock of Kite Fund LP."
    )
    got = _links(text, (), ("Kite Holdings Inc.", "Kite Fund LP"))
    assert got == {("Kite Holdings Inc.", "Kite Fund LP", Role.SHAREHOLDER)}
    text = "Amy Kite owns, directly or indirectly, 60% of the outstanding shares of Kite GP LLC."
    got = _links(text, ("Amy Kite",), ("Kite GP LLC",))
    assert got == {("Amy Kite", "Kite GP LLC", Role.SHAREHOLDER)}
    # no stake, no link: "owns, through its subsidiaries and affiliates, Kite GP LLC shares"
    text = "Amy Kite owns, through her subsidiaries and affiliates, 1,000 shares of Kite GP LLC."
    assert _links(text, ("Amy Kite",), ("Kite GP LLC",)) == set()


def test_stake_of_voting_securities_or_voting_power() -> None:
    """Quoted construction: 'X beneficially owns approximately 45% of the outstanding voting
    securities of Y', 'X owns 45% of the combined voting power of Y'."""
    for text in (
        "Kite Holdings Inc. beneficially owns approximately 45% of the outstanding voting "
        "securities of Kite Fund LP.",
        "Kite Holdings Inc. owns 45% of the combined voting power of Kite Fund LP.",
    ):
        got = _links(text, (), ("Kite Holdings Inc.", "Kite Fund LP"))
        assert got == {("Kite Holdings Inc.", "Kite Fund LP", Role.SHAREHOLDER)}, text


def test_stake_of_the_issued_share_capital_in_per_cent() -> None:
    """Quoted construction: 'X owns approximately 45% of the issued share capital of Y',
    'X owns 45.5 per cent. of the issued share capital of Y' (a stake in a company limited
    by shares, the percentage spelt 'per cent.')."""
    for text in (
        "Kite Holdings Inc. owns approximately 45% of the issued share capital of Kite Fund LP.",
        "Kite Holdings Inc. owns 45.5 per cent. of the issued share capital of Kite Fund LP.",
    ):
        got = _links(text, (), ("Kite Holdings Inc.", "Kite Fund LP"))
        assert got == {("Kite Holdings Inc.", "Kite Fund LP", Role.SHAREHOLDER)}, text


def test_stake_named_as_a_stake_or_shareholding() -> None:
    """Quoted construction: 'X has a 45% shareholding in Y', 'X holds a 45 percent equity
    stake in Y', 'X holds its 45% interest in Y through a wholly owned subsidiary'."""
    for text in (
        "Kite Holdings Inc. has a 45% shareholding in Kite Fund LP.",
        "Kite Holdings Inc. holds a 45 percent equity stake in Kite Fund LP.",
        "Kite Holdings Inc. holds its 45% interest in Kite Fund LP through a wholly owned "
        "subsidiary.",
    ):
        got = _links(text, (), ("Kite Holdings Inc.", "Kite Fund LP"))
        assert got == {("Kite Holdings Inc.", "Kite Fund LP", Role.SHAREHOLDER)}, text
