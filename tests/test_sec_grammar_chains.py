"""The relation grammar on chains of control stated in one sentence (loaders/sec_grammar.py,
loaders/sec_inverse.py): a relative clause "which (in turn) is ..." hangs the next link on
the name before it; a plural subject with "each". Synthetic sentences, links read by hand."""

from __future__ import annotations

import pytest

from ownergraph.graph.vocab import Role
from tests.test_sec_grammar_matrix import P1, P2, W, X, Y, Z, links

GP, MM, SM, IM, PA = (
    Role.GENERAL_PARTNER,
    Role.MANAGING_MEMBER,
    Role.SOLE_MEMBER,
    Role.INVESTMENT_MANAGER,
    Role.PARENT,
)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            f"{P1} is the sole member of {X}, which in turn is the general partner of {Y}.",
            {(P1, X, SM), (X, Y, GP)},
        ),
        (
            f"{P2} is the managing member of {Z}, which, in turn, serves as the investment "
            f"manager of {W}.",
            {(P2, Z, MM), (Z, W, IM)},
        ),
        (
            f"{X} and {Z} are the general partners of {Y}, which in turn is the general "
            f"partner of {W}.",
            {(X, Y, GP), (Z, Y, GP), (Y, W, GP)},
        ),
        (
            f"{Y} is a direct wholly owned subsidiary of {X}, which is in turn a wholly owned "
            f"subsidiary of {Z}.",
            {(X, Y, PA), (Z, X, PA)},
        ),
        (
            f"{W} is a subsidiary of {Z}, which, in turn, is an indirect wholly-owned "
            f"subsidiary of {X}.",
            {(Z, W, PA), (X, Z, PA)},
        ),
    ],
)
def test_which_in_turn(text: str, want: set) -> None:
    assert links(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            f"{Y} and {Z} are each wholly-owned subsidiaries of {X}.",
            {(X, Y, PA), (X, Z, PA)},
        ),
        (
            f"{X}, {Y} and {Z} are each wholly owned subsidiaries of {W}.",
            {(W, X, PA), (W, Y, PA), (W, Z, PA)},
        ),
        (
            f"{W} and {Y} are each subsidiaries of {Z}.",
            {(Z, W, PA), (Z, Y, PA)},
        ),
    ],
)
def test_a_plural_subject_with_each(text: str, want: set) -> None:
    assert links(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (f"{X} is also the investment adviser to {Y}.", {(X, Y, Role.INVESTMENT_ADVISER)}),
        (f"{P1} also serves as the general partner of {Z}.", {(P1, Z, GP)}),
        (f"{P1} and {P2} are each managing members of {X}.", {(P1, X, MM), (P2, X, MM)}),
        (f"{W} is currently the investment manager of {Y}.", {(W, Y, IM)}),
    ],
)
def test_an_adverb_between_subject_and_role(text: str, want: set) -> None:
    """'also', 'currently', 'each' between the verb and the role (synthetic)."""
    assert links(text) == want


@pytest.mark.parametrize(
    "text",
    [
        f"{P1}, who serves as a director of the Issuer, also serves as a Co-Chief Executive"
        f" Officer and Managing Member of {X}.",
        f"{P1}, who is a director of the Issuer, also serves as the managing member of {X}.",
        f"{P1}, who is a director of the Issuer, is also the managing member of {X}.",
        f"{P1}, who is a director of {Y}, is the managing member of {X}.",
    ],
)
def test_an_adverb_after_an_inserted_clause_belongs_to_the_subject(text: str) -> None:
    """'X, who is a director of the Issuer, also serves as ... of Y': the main verb's
    subject is X, not the issuer named last in the inserted clause (synthetic, after a
    Form 4 footnote of a private-equity sponsor)."""
    from ownergraph.loaders.sec_terms import NameBook
    from tests.grammar_links import links_in

    book = NameBook(issuer_key="issuer")
    book.add_party("issuer", "Orbit Devices Inc.")
    book.add_alias("Issuer", ("issuer",))
    got = links_in(text, book, persons=(P1,), parties=(X, Y))
    assert (P1, X, MM) in got, got
    assert {s for s, x, _r in got if x == X} == {P1}, got


def test_names_a_clause_discovers_are_known_to_the_next_clauses() -> None:
    """A client list names funds the book did not know; a later sentence of the same text
    states another link to one of them (synthetic, after a fund family's Item 2)."""
    from ownergraph.loaders.sec_grammar import extract_links
    from ownergraph.loaders.sec_terms import NameBook

    book = NameBook()
    for p in ("Alpha Advisers LLC", "Birch Capital LLC"):
        book.add_party(p, p)
    text = (
        "Alpha Advisers LLC provides advisory services for The Orchard Income Fund and The "
        "Orchard Value Fund. The Orchard Value Fund is sub-advised by Birch Capital LLC."
    )
    got = {(book.names[x.controller], book.names[x.controlled]) for x in extract_links(text, book)}
    assert got == {
        ("Alpha Advisers LLC", "The Orchard Income Fund"),
        ("Alpha Advisers LLC", "The Orchard Value Fund"),
        ("Birch Capital LLC", "The Orchard Value Fund"),
    }


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the inverse phrase's subject is the head of the apposition before it
        (
            f"{X}, the general partner of {Y}, is controlled by {P1}.",
            {(X, Y, GP), (P1, X, PA)},
        ),
        (
            f"{Z}, which is the investment manager of {W}, is wholly owned by {X}.",
            {(Z, W, IM), (X, Z, PA)},
        ),
        (
            f"{Y}, a wholly owned subsidiary of {Z}, is managed by {X}.",
            {(Z, Y, PA), (X, Y, IM)},
        ),
        # a second verb of the clause's subject
        (
            f"{X} is the general partner of {Y} and is controlled by {P1}.",
            {(X, Y, GP), (P1, X, PA)},
        ),
        (
            f"{Z} and {W} are the general partners of {Y} and are wholly owned by {X}.",
            {(Z, Y, GP), (W, Y, GP), (X, Z, PA), (X, W, PA)},
        ),
    ],
)
def test_an_inverse_phrase_after_an_apposition_or_a_second_verb(text: str, want: set) -> None:
    assert links(text) == want


def test_an_inverse_phrase_about_the_name_before_it_stays() -> None:
    """No apposition: the subject is the nearest name ("Y is a subsidiary of Z, which is
    controlled by X")."""
    text = f"{Y} is a subsidiary of {Z}, which is controlled by {X}."
    assert links(text) == {(Z, Y, PA), (X, Z, PA)}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (f"{X} is the manager and a member of {Y}.", {(X, Y, MM), (X, Y, Role.MEMBER)}),
        (
            f"{P1} is the manager, sole member and President of {X}.",
            {(P1, X, MM), (P1, X, SM), (P1, X, Role.OFFICER)},
        ),
        (
            f"{P1} and {P2} are the managers and members of {Z}.",
            {(P1, Z, MM), (P1, Z, Role.MEMBER), (P2, Z, MM), (P2, Z, Role.MEMBER)},
        ),
        # a portfolio manager manages no company
        (f"{P1} is the portfolio manager and a member of {X}.", {(P1, X, Role.MEMBER)}),
    ],
)
def test_manager_joined_to_another_role(text: str, want: set) -> None:
    """'the manager and a member of Y': both roles share the object (convention 3: the
    Manager of an LLC is its managing member; convention 10 keeps the first when merged)."""
    assert links(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (f"{P1} is the sole limited partner of {Y}.", {(P1, Y, Role.SHAREHOLDER)}),
        (
            f"{P1} and {P2} are the limited partners of {W}.",
            {(P1, W, Role.SHAREHOLDER), (P2, W, Role.SHAREHOLDER)},
        ),
        (
            f"{X} is the general partner of {Y}, and {Z} is the sole limited partner of {Y}.",
            {(X, Y, GP), (Z, Y, Role.SHAREHOLDER)},
        ),
        (f"{P2} is the grantor of {Z}.", {(P2, Z, Role.SETTLOR)}),
        (f"{P1} and {P2} are the grantors of {W}.", {(P1, W, Role.SETTLOR), (P2, W, Role.SETTLOR)}),
    ],
)
def test_limited_partner_and_grantor(text: str, want: set) -> None:
    """A limited partner holds a partnership interest: a stake, no control (convention 3:
    shareholder); the grantor of a trust is its settlor."""
    assert links(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (f'{X} is the investment manager for {Y} and {Z} (the "Funds").', {(X, Y, IM), (X, Z, IM)}),
        (
            f'{X} is the general partner of {Y}, {Z} and {W} (collectively, the "Partnerships").',
            {(X, Y, GP), (X, Z, GP), (X, W, GP)},
        ),
        (
            f'{P1} is the managing member of {X} and {Z} (together, the "Advisers"), each a '
            "Delaware limited liability company.",
            {(P1, X, MM), (P1, Z, MM)},
        ),
        # a singular term after the last name still starts a new subject
        (
            f'{Y} is wholly owned by {X}, and {Z} ("Acquisition"), a Delaware corporation, '
            "holds the shares.",
            {(X, Y, PA)},
        ),
    ],
)
def test_a_list_closed_by_the_term_that_names_it(text: str, want: set) -> None:
    assert links(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (f"{X} is owned and controlled by {P1}.", {(P1, X, PA)}),
        (
            f"{Y} and {Z} are owned and controlled by {P1} and {P2}.",
            {(P1, Y, PA), (P2, Y, PA), (P1, Z, PA), (P2, Z, PA)},
        ),
        (f"{W} is wholly owned and controlled by {Z}.", {(Z, W, PA)}),
    ],
)
def test_owned_and_controlled_by(text: str, want: set) -> None:
    assert links(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (f"{Y} is a Delaware limited partnership. Its general partner is {X}.", {(X, Y, GP)}),
        (f"{Y} is a Delaware limited partnership. {X} is its general partner.", {(X, Y, GP)}),
        (
            f"{X} is a Delaware limited liability company. Its principal business is serving as "
            f"an adviser. Its managing members are {P1} and {P2}.",
            {(P1, X, MM), (P2, X, MM)},
        ),
        (
            f"{Z} is a Cayman Islands exempted company. {W} is its investment manager.",
            {(W, Z, IM)},
        ),
    ],
)
def test_its_role_in_the_next_sentence(text: str, want: set) -> None:
    """'Its' opening a sentence stands for the subject of the sentences before it."""
    assert links(text) == want


def test_its_after_a_new_paragraph_stands_for_nothing() -> None:
    from ownergraph.loaders.sec_grammar import extract_links
    from ownergraph.loaders.sec_terms import NameBook

    book = NameBook()
    for p in (X, Y):
        book.add_party(p, p)
    text = f"{Y} is a Delaware limited partnership.\n\nIts general partner is {X}."
    assert extract_links(text, book) == []  # (the matrix helper joins lines)
    assert extract_links(text.replace("\n\n", " "), book) != []
