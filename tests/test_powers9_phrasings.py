"""Stated powers over another party's shares (loaders/sec_powers.py, room POWERS2, session 9):
plain-English variants of the stated power that room GRAMMAR's probes found unread. The
sentences are synthetic, named for the construction; the expected links are written by hand.
"""

from __future__ import annotations

import pytest

from ownergraph.graph.vocab import Power, Role
from tests.test_sec_powers import P1, P2, Y, Z
from tests.test_sec_powers import powers as all_links


def powers(text: str) -> set[tuple[str, str, Role, Power | None, Power | None]]:
    """(controller, controlled, role, voting, investment) of every stated-power link (the
    parties and reading of :mod:`tests.test_sec_powers`)."""
    return {x for x in all_links(text) if x[2] is Role.STATED_POWER}


SP, SOLE, SHARED = Role.STATED_POWER, Power.SOLE, Power.SHARED


def test_enumeration_mark_before_the_counted_shares() -> None:
    """(synthetic) "(i) 100 shares ... held by Y and (ii) 200 shares held by Z": beneficial
    ownership only, no power stated."""
    t = (
        f"{P1} may be deemed to beneficially own (i) 100 shares of Common Stock held by {Y} "
        f"and (ii) 200 shares held by {Z}."
    )
    assert powers(t) == {(P1, Y, SP, None, None), (P1, Z, SP, None, None)}


def test_letter_enumeration_mark_before_the_shares() -> None:
    """(synthetic) "(a) the shares held by Y": a lettered mark, no count."""
    t = f"{P2} may be deemed to beneficially own (a) the shares held by {Y}."
    assert powers(t) == {(P2, Y, SP, None, None)}


def test_adverb_between_to_and_beneficially_own() -> None:
    """(synthetic) "may be deemed to indirectly beneficially own": ownership only."""
    t = f"{P1} may be deemed to indirectly beneficially own the shares directly owned by {Y}."
    assert powers(t) == {(P1, Y, SP, None, None)}


def test_have_shared_power_to_vote_and_dispose_of() -> None:
    """(synthetic) "shared power to vote and dispose of": both powers, shared."""
    t = f"{P1} may be deemed to have shared power to vote and dispose of the shares held by {Y}."
    assert powers(t) == {(P1, Y, SP, SHARED, SHARED)}


def test_has_sole_power_to_direct_the_disposition_of() -> None:
    """(synthetic) "sole power to dispose or to direct the disposition of": investment only."""
    t = (
        f"{P2} has the sole power to dispose or to direct the disposition of the shares held "
        f"by {Z}."
    )
    assert powers(t) == {(P2, Z, SP, None, SOLE)}


def test_share_the_power_to_vote_or_direct_the_vote() -> None:
    """(synthetic) "share the power to vote or to direct the vote ... of": voting, shared."""
    t = (
        f"{P1} may be deemed to share the power to vote or to direct the vote of the shares "
        f"held by {Y}."
    )
    assert powers(t) == {(P1, Y, SP, SHARED, None)}


def test_share_the_power_to_vote_and_to_dispose() -> None:
    """(synthetic) "share the power to vote or direct the vote and to dispose or direct the
    disposition of": both powers, shared."""
    t = (
        f"{P1} and {P2} may be deemed to share the power to vote or to direct the vote and "
        f"to dispose or to direct the disposition of the shares held by {Z}."
    )
    assert powers(t) == {(P1, Z, SP, SHARED, SHARED), (P2, Z, SP, SHARED, SHARED)}


@pytest.mark.parametrize(
    "text",
    [
        # the power over one's own shares; a power stated as absent
        f"{P1} has the sole power to vote the shares held by him; {Y} is a fund.",
        f"{P1} has no power to vote or dispose of the shares held by {Y}.",
    ],
)
def test_no_stated_power(text: str) -> None:
    assert powers(text) == set()
