"""Room GRAMMAR2: powers a sentence states, put onto the links it states (issue 11, link
fields). Synthetic sentences written for these tests, in the shape of the filings'."""

from __future__ import annotations

from ownergraph.graph.vocab import Power, Role
from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_terms import NameBook, define_terms


def _powers(text: str, persons: tuple[str, ...], parties: tuple[str, ...]) -> dict:
    book = NameBook()
    for p in persons:
        book.add_party(p, p, person=True)
    for p in parties:
        book.add_party(p, p)
    define_terms(text, book)
    return {
        (book.names[x.controller], book.names[x.controlled], x.role): (x.voting, x.investment)
        for x in extract_links(text, book)
    }


def test_several_officers_may_be_deemed_to_have_voting_and_dispositive_power() -> None:
    """'Mr. A, Mr. B and Mr. C are all shareholders, officers and directors of Y and may be
    deemed to have voting and dispositive power over the shares indirectly owned by Y':
    three persons holding one power over the same shares share it."""
    text = (
        "Mr. Carl Dunmore, Mr. Paul Dunmore and Mr. Eric Dunmore are all shareholders, "
        "officers and directors of Dunmore Holdings, Inc. and may be deemed to have voting "
        "and dispositive power over the shares indirectly owned by Dunmore Holdings, Inc."
    )
    persons = ("Carl Dunmore", "Paul Dunmore", "Eric Dunmore")
    got = _powers(text, persons, ("Dunmore Holdings, Inc.",))
    for p in persons:
        assert got[(p, "Dunmore Holdings, Inc.", Role.OFFICER)] == (Power.SHARED, Power.SHARED)


def test_one_officer_with_unqualified_power_stays_unknown() -> None:
    """One person 'may be deemed to have voting and dispositive power': the sentence says
    not whether it is sole or shared (unknown is None)."""
    text = (
        "Mr. Carl Dunmore is the President of Dunmore Holdings, Inc. and may be deemed to "
        "have voting and dispositive power over the shares owned by Dunmore Holdings, Inc."
    )
    got = _powers(text, ("Carl Dunmore",), ("Dunmore Holdings, Inc.",))
    assert got[("Carl Dunmore", "Dunmore Holdings, Inc.", Role.OFFICER)] == (None, None)


def test_several_subjects_with_sole_power_are_not_made_shared() -> None:
    """'each has sole voting power': the clause names sole, no joint power is read."""
    text = (
        "Ann Rook and Ben Rook are the managing members of Rook Capital LLC and each has "
        "sole voting power and has voting and dispositive power over the shares."
    )
    got = _powers(text, ("Ann Rook", "Ben Rook"), ("Rook Capital LLC",))
    for p in ("Ann Rook", "Ben Rook"):
        assert Power.SHARED not in got[(p, "Rook Capital LLC", Role.MANAGING_MEMBER)]


def _subject_powers(text: str, parties: tuple[str, ...]) -> dict:
    from ownergraph.loaders.sec_clauses import clauses
    from ownergraph.loaders.sec_powers import subject_powers

    book = NameBook()
    for p in parties:
        book.add_party(p, p)
    define_terms(text, book)
    return {book.names[k]: v for k, v in subject_powers(text, book, clauses(text)).items()}


def test_a_subject_may_be_deemed_to_share_power_over_the_shares() -> None:
    """'X may be deemed to share voting and dispositive power over the Shares' (no holder
    named): X's stated powers, which the legacy loader puts on X's structural links."""
    text = (
        "Wren GP LLC is the general partner of Wren Fund LP. Wren GP LLC may be deemed to "
        "share voting and dispositive power over the Shares."
    )
    got = _subject_powers(text, ("Wren GP LLC", "Wren Fund LP"))
    assert got == {"Wren GP LLC": (Power.SHARED, Power.SHARED)}


def test_shared_voting_power_and_shared_dispositive_power_of_each_subject() -> None:
    """'Each of A, B and C has shared voting power and shared dispositive power with regard
    to such Shares': both powers, for every subject of the list."""
    text = (
        "Each of Wren GP LLC, Wren Holdings LLC and Wren Capital Inc. has shared voting power "
        "and shared dispositive power with regard to such Shares."
    )
    got = _subject_powers(text, ("Wren GP LLC", "Wren Holdings LLC", "Wren Capital Inc."))
    assert got == {
        k: (Power.SHARED, Power.SHARED)
        for k in ("Wren GP LLC", "Wren Holdings LLC", "Wren Capital Inc.")
    }


def test_no_subject_power_when_unqualified_clashing_or_with_a_holder() -> None:
    """A power neither sole nor shared, a subject stated with two different powers, and a
    sentence naming the holder (read by the stated-power rule instead) give nothing."""
    parties = ("Wren GP LLC", "Wren Fund LP")
    assert _subject_powers("Wren GP LLC has voting power over the Shares.", parties) == {}
    clash = (
        "Wren GP LLC has sole voting power over 100 Shares. Wren GP LLC has shared voting "
        "power over 200 Shares."
    )
    assert _subject_powers(clash, parties) == {}
    held = "Wren GP LLC has shared voting power over the Shares held by Wren Fund LP."
    assert _subject_powers(held, parties) == {}
