"""Room GRAMMAR (session 8): constructions of the legacy 13D/G prose (issue 11). Each test
quotes a short synthetic text written in the shape of the filings' sentences; the expected
links are read from that text."""

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


def test_colon_list_after_the_following_persons_who_are() -> None:
    """Quoted construction: 'the following persons who are managing members of Y, with
    respect to the shares held by F: A, B and C' -- a relative 'who are' after 'the
    following persons' introduces the role; the holders are listed after the colon."""
    text = (
        "The following persons who are managing members of Kite GP LLC, with respect to the "
        "shares held by Kite Fund LP: Amy Kite, Bo Lam and Cal Moe."
    )
    got = _links(text, PERSONS, ("Kite GP LLC", "Kite Fund LP"))
    assert {(p, "Kite GP LLC", Role.MANAGING_MEMBER) for p in PERSONS} <= got
    assert not any(c in PERSONS and d == "Kite Fund LP" for c, d, _ in got)


def test_colon_list_after_a_defined_term_in_parentheses() -> None:
    """Quoted construction: 'Voting and dispositive power is shared by the following persons
    who are managing members of Y, with respect to the shares held by F (the "Fund"): A, B
    and C' -- a defined term in parentheses before the colon does not end the aside."""
    text = (
        "Voting and dispositive power is shared by the following persons who are managing "
        "members of Kite GP LLC, with respect to the shares held by Kite Fund LP (the "
        '"Fund"): Amy Kite, Bo Lam and Cal Moe.'
    )
    got = _links(text, PERSONS, ("Kite GP LLC", "Kite Fund LP"))
    assert {(p, "Kite GP LLC", Role.MANAGING_MEMBER) for p in PERSONS} <= got


def test_colon_after_a_sentence_lists_no_holders() -> None:
    """Guard: 'X is a managing member of Y. The Fund holds: ...' -- a colon in a later
    sentence opens no list of the role's holders (no link from the names after it)."""
    text = (
        "Amy Kite is a managing member of Kite GP LLC. The shares are held as follows: "
        "Bo Lam and Cal Moe."
    )
    got = _links(text, PERSONS, ("Kite GP LLC",))
    assert ("Amy Kite", "Kite GP LLC", Role.MANAGING_MEMBER) in got
    assert not any(c in ("Bo Lam", "Cal Moe") for c, _, _ in got)
