"""Persons named only in an Item 2 labelled role list ("(e) Managing Members: A, Senior
Managing Member; B and C"; loaders/sec_persons.py, room SCHEDULES): they become persons, so
the labelled-list rule (loaders/sec_labelled.py) links them. Synthetic blocks written for
this test in the layout a count-only held-out diagnosis found (an "(e)" label, names with
their own capitalised role, items separated by semicolons); no filing's names."""

from __future__ import annotations

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_persons import discover_persons
from ownergraph.loaders.sec_terms import NameBook, define_terms


def _links(text: str) -> set[tuple[str, str, Role]]:
    book = NameBook(issuer_key="iss")
    book.add_party("gp", "Ross GP LLC")
    define_terms(text, book)
    return {
        (book.names[s.controller], book.names[s.controlled], s.role)
        for s in extract_links(text, book)
    }


def test_unknown_names_of_a_labelled_list_are_persons_and_linked() -> None:
    text = (
        "(a) Ross GP LLC (b) 10 Main Street, New York (c) Delaware (d) investment adviser"
        " (e) Managing Members: Anne Ross, Senior Managing Member; Bill Ross and Carl Ross,"
        " Managing Members."
    )
    assert _links(text) == {
        (p, "Ross GP LLC", Role.MANAGING_MEMBER) for p in ("Anne Ross", "Bill Ross", "Carl Ross")
    }


def test_names_without_a_role_of_their_own_are_not_discovered() -> None:
    # "A, B and C." after the label: each name's role is not its own (the labelled-list rule
    # reads such a list over the parties the book knows only)
    book = NameBook(issuer_key="iss")
    discover_persons("(a) Ross GP LLC (b) Delaware (c) Directors: Anne Ross and Bill Ross.", book)
    assert book.names == {}


def test_no_label_no_list() -> None:
    # the same names after a heading with no enumeration mark are not read here
    book = NameBook(issuer_key="iss")
    discover_persons("Managing Members: Anne Ross and Bill Ross.", book)
    assert book.names == {}
