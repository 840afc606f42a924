"""Roles given as a labelled list in an Item 2 block ("(a) X LLC ... (e) managing members: A,
B and C"; loaders/sec_labelled.py), on synthetic blocks written for this test (no filing's
names), each read by hand."""

from __future__ import annotations

from ownergraph.graph.vocab import Role
from tests.grammar_links import links_in

PERSONS = ("Anne Ross", "Bill Ross", "Carl Ross")
ENTITIES = ("Ross GP LLC", "Ross Advisors LLC")
MM = Role.MANAGING_MEMBER


def _links(text: str) -> set[tuple[str, str, Role]]:
    return links_in(text, persons=PERSONS, parties=ENTITIES)


def test_two_blocks_each_with_its_members() -> None:
    text = (
        "Ross GP LLC: (a) Ross GP LLC (b) 10 Main Street, New York, New York (c) Delaware "
        "limited liability company (d) general partner of private funds (e) managing members: "
        "Anne Ross, Bill Ross and Carl Ross; Ross Advisors LLC: (a) Ross Advisors LLC (b) 10 "
        "Main Street (c) Delaware (d) investment adviser (e) managing members: Anne Ross, "
        "Senior Managing Member; Bill Ross and Carl Ross, Managing Members."
    )
    assert _links(text) == {(p, e, MM) for p in PERSONS for e in ENTITIES}


def test_list_ends_at_the_line_end_and_name_label() -> None:
    text = (
        "(a) Name: Ross GP LLC\n(b) Address: 10 Main Street\n(c) Directors: Anne Ross and "
        "Bill Ross\n\n2. Other matters"
    )
    assert _links(text) == {
        ("Anne Ross", "Ross GP LLC", Role.DIRECTOR),
        ("Bill Ross", "Ross GP LLC", Role.DIRECTOR),
    }


def test_a_name_the_book_does_not_know_is_skipped_not_linked() -> None:
    text = (
        "(a) Ross GP LLC (b) Delaware (c) managing members: Anne Ross, Dana Q. Lee, Bill "
        "Ross and Carl Ross."
    )
    assert _links(text) == {(p, "Ross GP LLC", MM) for p in PERSONS}


def test_no_block_without_every_mark_in_order() -> None:
    # "(b)" missing: no block
    assert _links("(a) Ross GP LLC (c) managing members: Anne Ross.") == set()


def test_no_block_across_a_sentence_end() -> None:
    text = "(a) Ross GP LLC. The firm was founded in 1990. (b) managing members: Anne Ross."
    assert _links(text) == set()


def test_a_list_that_runs_into_a_description_is_no_list() -> None:
    text = (
        "(a) Ross GP LLC (b) managing members: Anne Ross, a partner in the law firm of Ross & Co."
    )
    assert _links(text) == set()
