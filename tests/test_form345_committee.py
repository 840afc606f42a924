"""Forms 3/4/5: the members of an entity's investment committee (loaders/form345_committee.py),
on synthetic footnotes in the shapes real filings use; expected links read by hand
(convention 3: a member of an investment committee is a ``member`` of the entity)."""

from __future__ import annotations

from ownergraph.graph.vocab import Role
from tests.test_form345_fidelity import form, names, nd_row, owner

GP = "Shares held by Beta Fund LP. Fund GP LP is the general partner of Beta Fund LP. "


def _links(footnote: str) -> set[tuple[str, str, Role]]:
    pd = form(
        owner("Doe John", "0000000011"), nd_row(1000, "I", "See footnote", "F1"), {"F1": footnote}
    )
    n = names(pd)
    return {(n[lk.controller_id], n[lk.controlled_id], lk.role) for lk in pd.links}


MEMBERS = {
    ("John Doe", "Fund GP LP", Role.MEMBER),
    ("Jane Roe", "Fund GP LP", Role.MEMBER),
    ("Jim Poe", "Fund GP LP", Role.MEMBER),
}


def test_committee_consisting_of_a_list() -> None:
    """Synthetic: "... are made by the investment committee of Fund GP LP, consisting of
    John Doe, Jane Roe and Jim Poe." -- three members of Fund GP LP (John Doe is the
    reporting owner), beside the GP link."""
    got = _links(
        GP + "Voting and dispositive decisions with respect to the shares held by Beta Fund LP"
        " are made by the investment committee of Fund GP LP, consisting of John Doe, Jane Roe"
        " and Jim Poe."
    )
    assert got == {("Fund GP LP", "Beta Fund LP", Role.GENERAL_PARTNER), *MEMBERS}


def test_committee_consists_of_and_is_comprised_of() -> None:
    """Synthetic variants: "The investment committee of Fund GP LP consists of ..."; "The
    investment committee of Fund GP LP, which is comprised of ..., has voting and
    dispositive power over the shares"; "Fund GP LP's investment committee is composed of
    John Doe and Jane Roe"."""
    gp = ("Fund GP LP", "Beta Fund LP", Role.GENERAL_PARTNER)
    assert _links(
        GP + "The investment committee of Fund GP LP consists of John Doe, Jane Roe and Jim Poe."
    ) == {gp, *MEMBERS}
    assert _links(
        GP + "The investment committee of Fund GP LP, which is comprised of John Doe, Jane Roe"
        " and Jim Poe, has voting and dispositive power over the shares."
    ) == {gp, *MEMBERS}
    assert _links(
        GP + "Fund GP LP's investment committee is composed of John Doe and Jane Roe."
    ) == {
        gp,
        ("John Doe", "Fund GP LP", Role.MEMBER),
        ("Jane Roe", "Fund GP LP", Role.MEMBER),
    }


def test_the_reporting_person_serves_on_the_committee() -> None:
    """Synthetic: "The Reporting Person serves on (sits on) the investment committee of Fund
    GP LP"; "The Reporting Person is a member of Fund GP LP's investment committee" -- a
    member link (not the 'other' link of an indirect row whose role is not stated)."""
    want = {
        ("Fund GP LP", "Beta Fund LP", Role.GENERAL_PARTNER),
        ("John Doe", "Fund GP LP", Role.MEMBER),
    }
    assert (
        _links(GP + "The Reporting Person serves on the investment committee of Fund GP LP.")
        == want
    )
    assert (
        _links(GP + "The Reporting Person sits on the investment committee of Fund GP LP.") == want
    )
    assert (
        _links(GP + "The Reporting Person is a member of Fund GP LP's investment committee.")
        == want
    )


def test_a_committee_of_the_issuer_board_is_no_link() -> None:
    """Synthetic: "The Reporting Person serves on the compensation committee of Example
    Issuer, Inc." (a relation to the issuer, convention 12) and "the audit committee of Fund
    GP LP" (not an investment committee) add no member link."""
    got = _links(
        GP + "The Reporting Person serves on the compensation committee of Example Issuer, Inc."
        " and on the audit committee of Fund GP LP."
    )
    assert not {lk for lk in got if lk[2] is Role.MEMBER}
