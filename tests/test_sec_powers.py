"""Stated powers over another party's shares (loaders/sec_powers.py): the kinds of power and
the verbs SEC filings use, on synthetic sentences whose links are written by hand."""

from __future__ import annotations

import pytest

from ownergraph.graph.vocab import Power, Role
from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_terms import NameBook, define_terms

P1, P2 = "John A. Smith", "Mary B. Jones"
Y, Z = "Beta Fund, L.P.", "Gamma Partners, L.P."


def powers(text: str) -> set[tuple[str, str, Role, Power | None, Power | None]]:
    """(controller, controlled, role, voting, investment) of every link in ``text``."""
    book = NameBook()
    for p in (P1, P2):
        book.add_party(p, p, person=True)
    for p in (Y, Z):
        book.add_party(p, p)
    define_terms(text, book)
    return {
        (book.names[x.controller], book.names[x.controlled], x.role, x.voting, x.investment)
        for x in extract_links(text, book)
    }


SP, SOLE, SHARED = Role.STATED_POWER, Power.SOLE, Power.SHARED


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the verb "share" without an adjective: shared power (synthetic)
        (
            f"{P1} shares voting and investment power over the shares held by {Y}.",
            {(P1, Y, SP, SHARED, SHARED)},
        ),
        (
            f"{P1} and {P2} may be deemed to share voting and dispositive power over the "
            f"securities held of record by {Z}.",
            {(P1, Z, SP, SHARED, SHARED), (P2, Z, SP, SHARED, SHARED)},
        ),
        # "deemed to have" + an adjective, "with respect to", three kinds of power
        (
            f"{P2} may be deemed to have shared voting, investment and dispositive power with "
            f"respect to the 1,250,000 shares beneficially owned by {Y}.",
            {(P2, Y, SP, SHARED, SHARED)},
        ),
        (
            f"{P1} has sole voting power and investment power over all of the shares of the "
            f"Issuer that are held directly by {Y} and {Z}.",
            {(P1, Y, SP, SOLE, SOLE), (P1, Z, SP, SOLE, SOLE)},
        ),
        # "and/or", the power not qualified (not stated)
        (
            f"{P1} possesses voting and/or investment power over the securities owned by {Z}.",
            {(P1, Z, SP, None, None)},
        ),
        # one kind of power only
        (
            f"{P2} exercises sole dispositive power over the shares held by {Y}.",
            {(P2, Y, SP, None, SOLE)},
        ),
    ],
)
def test_power_over_the_shares_another_party_holds(text: str, want: set) -> None:
    assert powers(text) == want


@pytest.mark.parametrize(
    "text",
    [
        # the shares of the subject itself, a power it does not have, a number of shares
        f"{P1} has no voting power over the shares held by {Y}.",
        f"The shares held by {Y} are voted by its board; {P1} shares an office with {P2}.",
        f"{P1} has the right to share in the profits of {Y}.",
    ],
)
def test_no_power_stated(text: str) -> None:
    assert {x for x in powers(text) if x[2] is SP} == set()


def test_a_role_explains_the_power() -> None:
    """The general partner's power over its fund's shares is its role's (convention 10): one
    link, the role, with the powers the clause gives."""
    text = (
        f"{Z} is the general partner of {Y} and may be deemed to share voting and "
        f"investment power over the shares held by {Y}."
    )
    assert powers(text) == {(Z, Y, Role.GENERAL_PARTNER, SHARED, SHARED)}
