"""Forms 3/4/5 constructions read since session 7 (room other-sources), on synthetic forms.

Every sentence is synthetic (names invented), in the shapes filers write:

- coordinated subjects of a power sentence: "John Doe and Jane Roe may be deemed to have
  shared voting and investment power over the shares held by the Fund" names both;
- a reporting person written without the middle initial the form lists ("John Doe" for the
  owner "DOE JOHN A");
- a conversion stated by its ratio alone ("are convertible into shares of Class A Common
  Stock on a share-for-share basis."): convertible now (convention 4);
- an automatic conversion "upon the closing the Issuer's initial public offering" (the
  "of" dropped): dated at the IPO (convention 15).

Expected links and rights were read from each sentence under the conventions of
tests/fixtures/corpus/README.md, not from the loader's output.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ownergraph.graph.vocab import Instrument, Power, Role
from ownergraph.loaders.form345_owners import given_and_surname
from ownergraph.loaders.form345_rights import plain_conversion, right_to_acquire
from ownergraph.loaders.form345_rules import power_statements
from ownergraph.loaders.sec_terms import NameBook
from tests.test_form345_fidelity import form, names, nd_row, owner

FUND = "Redwood Growth Fund III, L.P."
POWER = (
    'The shares are held directly by {fund} (the "Fund"). {subjects} may be deemed to have'
    " shared voting and investment power over the shares held by the Fund and may be deemed"
    " to beneficially own such shares."
)


def _links(pd) -> set[tuple[str, str, Role]]:
    n = names(pd)
    return {(n[lk.controller_id], n[lk.controlled_id], lk.role) for lk in pd.links}


def test_both_coordinated_owners_state_their_power_over_the_fund() -> None:
    pd = form(
        owner("Doe John", "0001000001") + owner("Roe Jane", "0001000002"),
        nd_row(5000, "I", "See footnote", "F1"),
        {"F1": POWER.format(fund=FUND, subjects="John Doe and Jane Roe")},
    )
    got = _links(pd)
    assert ("John Doe", FUND, Role.STATED_POWER) in got
    assert ("Jane Roe", FUND, Role.STATED_POWER) in got
    powers = {
        (names(pd)[lk.controller_id], lk.voting, lk.investment)
        for lk in pd.links
        if lk.role is Role.STATED_POWER
    }
    assert ("John Doe", Power.SHARED, Power.SHARED) in powers


def test_an_owner_written_without_the_middle_initial_is_the_owner() -> None:
    pd = form(
        owner("Doe John A", "0001000001") + owner("Roe Jane", "0001000002"),
        nd_row(5000, "I", "See footnote", "F1"),
        {"F1": POWER.format(fund=FUND, subjects="Jane Roe and John Doe")},
    )
    got = _links(pd)
    assert ("John A Doe", FUND, Role.STATED_POWER) in got
    assert ("Jane Roe", FUND, Role.STATED_POWER) in got
    assert "John Doe" not in {p.name for p in pd.parties}  # no second party for the owner


def test_a_list_of_three_subjects() -> None:
    book = NameBook(issuer_key="i")
    for key, name in (("a", "John Doe"), ("b", "Jane Roe"), ("c", "Max Moe")):
        book.add_party(key, name, person=True)
    book.add_party("f", FUND)
    text = (
        f"John Doe, Jane Roe and Max Moe have shared voting and dispositive power over the"
        f" shares held by {FUND}."
    )
    got = {
        (book.names[x.controller], book.names[x.controlled]) for x in power_statements(text, book)
    }
    assert got == {("John Doe", FUND), ("Jane Roe", FUND), ("Max Moe", FUND)}


def test_a_subject_of_another_clause_is_not_coordinated() -> None:
    book = NameBook(issuer_key="i")
    book.add_party("a", "Max Moe", person=True)
    book.add_party("b", "Jane Roe", person=True)
    book.add_party("f", FUND)
    text = (
        f"Max Moe is the manager of {FUND}, and Jane Roe has shared voting and investment"
        f" power over the shares held by {FUND}."
    )
    got = {
        (book.names[x.controller], book.names[x.controlled]) for x in power_statements(text, book)
    }
    assert got == {("Jane Roe", FUND)}


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("John A Doe", "John Doe"),
        ("John A. Doe", "John Doe"),
        ("John Albert Smith Jr", "John Smith Jr"),
        ("Jane Roe", None),
        ("J. Paul Getty", None),
    ],
)
def test_given_and_surname(name: str, short: str | None) -> None:
    assert given_and_surname(name) == short


def test_two_owners_with_one_short_name_are_not_written_short() -> None:
    pd = form(
        owner("Doe John A", "0001000001") + owner("Doe John B", "0001000002"),
        nd_row(5000, "I", "See footnote", "F1"),
        {"F1": POWER.format(fund=FUND, subjects="John Doe")},
    )
    assert not any(lk.role is Role.STATED_POWER for lk in pd.links)


PERIOD = dt.date(2021, 8, 10)


def _right(title: str, instrument: Instrument, footnote: str) -> bool:
    got, _ = right_to_acquire(
        title=title,
        instrument=instrument,
        derivative=True,
        period=PERIOD,
        as_of=None,
        ex_date=None,
        exp_date=None,
        ex_fids=["F1"],
        footnotes={"F1": (footnote, None)},
        shares=1000.0,
    )
    return got


@pytest.mark.parametrize(
    ("footnote", "expected"),
    [
        (
            "Shares of Class B Common Stock, which are not registered under the Securities"
            " Exchange Act of 1934, as amended, are convertible into shares of Class A Common"
            " Stock on a share-for-share basis.",
            True,
        ),
        ("The Class B Common Stock is convertible into Class A Common Stock on a 1:1 basis.", True),
        (
            "The Class B Common Stock is convertible into Class A Common Stock on a one-for-one"
            " basis following the expiration of the lock-up period.",
            False,
        ),
        (
            "Upon the closing of a qualified financing, the notes are convertible into common"
            " stock on a 1-for-1 basis.",
            False,
        ),
        (
            "The Class B Common Stock is convertible into Class A Common Stock on a one-for-one"
            " basis upon approval of the stockholders.",
            False,
        ),
    ],
)
def test_a_conversion_by_its_ratio_alone(footnote: str, expected: bool) -> None:
    assert plain_conversion(footnote) is expected
    assert _right("Class B Common Stock", Instrument.OTHER, footnote) is expected


@pytest.mark.parametrize(
    ("footnote", "expected"),
    [
        (
            "Each share of Series B Preferred Stock will automatically convert into one share"
            " of Common Stock upon the closing the Issuer's initial public offering and has no"
            " expiration date.",
            True,
        ),
        (
            "Each share of Series B Preferred Stock will automatically convert into one share"
            " of Common Stock upon the closing of the Issuer's initial public offering.",
            True,
        ),
        (
            "Each share of Series B Preferred Stock will automatically convert into one share"
            " of Common Stock upon the closing of the Issuer's initial business combination.",
            False,
        ),
    ],
)
def test_an_automatic_conversion_at_the_ipo(footnote: str, expected: bool) -> None:
    assert _right("Series B Preferred Stock", Instrument.PREFERRED, footnote) is expected


@pytest.mark.parametrize(("how", "power"), [("shared", Power.SHARED), ("sole", Power.SOLE)])
def test_sole_or_shared_control_as_the_reason_gives_both_powers(how: str, power: Power) -> None:
    pd = form(
        owner("Halvorsen Brita K", "0001000001"),
        nd_row(5000, "I", "See footnote", "F1"),
        {
            "F1": 'The securities are directly held by Alpha Sponsor LLC (the "Sponsor"). The'
            " reporting person may be deemed a beneficial owner of securities held by the"
            f" Sponsor by virtue of his {how} control over and indirect pecuniary interest in"
            " the Sponsor."
        },
    )
    n = names(pd)
    got = [
        (n[lk.controller_id], n[lk.controlled_id], lk.role, lk.voting, lk.investment)
        for lk in pd.links
    ]
    assert got == [("Brita K Halvorsen", "Alpha Sponsor LLC", Role.STATED_POWER, power, power)]


def test_power_as_the_reason_without_sole_or_shared_states_none() -> None:
    pd = form(
        owner("Halvorsen Brita K", "0001000001"),
        nd_row(5000, "I", "See footnote", "F1"),
        {
            "F1": "The reporting person may be deemed a beneficial owner of securities held by"
            " Beta Holdings LLC by virtue of his voting and investment power over such"
            " securities."
        },
    )
    (lk,) = pd.links
    assert (lk.role, lk.voting, lk.investment) == (Role.STATED_POWER, None, None)


COMMITTEE = (
    'These shares are held of record by Birch Fund II, L.P. ("Fund II"). Birch GP II, L.P.'
    ' ("GP II") is the general partner of Fund II. John Doe and Jane Roe are the members of'
    " the investment committee of GP II. The investment committee makes all investment"
    " decisions with respect to shares held by Fund II and may be deemed to have {power}"
    " with respect to such shares."
)


@pytest.mark.parametrize(
    ("power", "voting", "investment"),
    [
        ("shared voting, investment and dispositive power", Power.SHARED, Power.SHARED),
        ("sole voting and dispositive power", Power.SOLE, Power.SOLE),
    ],
)
def test_the_committee_s_powers_are_its_members(
    power: str, voting: Power, investment: Power
) -> None:
    pd = form(
        owner("Doe John", "0001000001"),
        nd_row(5000, "I", "See footnote", "F1"),
        {"F1": COMMITTEE.format(power=power)},
    )
    n = names(pd)
    members = {
        (n[lk.controller_id], lk.voting, lk.investment)
        for lk in pd.links
        if lk.role is Role.MEMBER and n[lk.controlled_id] == "Birch GP II, L.P."
    }
    assert members == {("John Doe", voting, investment), ("Jane Roe", voting, investment)}
    gp = next(lk for lk in pd.links if lk.role is Role.GENERAL_PARTNER)
    assert (gp.voting, gp.investment) == (None, None)  # the committee's, not the chain's


def test_a_committee_without_stated_powers_gives_none() -> None:
    text = COMMITTEE.split(" The investment committee")[0]
    pd = form(
        owner("Doe John", "0001000001"), nd_row(5000, "I", "See footnote", "F1"), {"F1": text}
    )
    members = [lk for lk in pd.links if lk.role is Role.MEMBER]
    assert len(members) == 2
    assert all(lk.voting is None and lk.investment is None for lk in members)


def test_a_title_cut_short_in_print_is_the_same_class() -> None:
    pd = form(
        owner("Halvorsen Brita K", "0001000001"),
        nd_row(1000, "D", title="Class A Common Stock")
        + nd_row(250, "I", "By Trust", title="Class A Common Stoc"),
        {},
    )
    assert len(pd.securities) == 1
    assert {h.security_id for h in pd.holdings} == {pd.document.security_id}


def test_the_document_class_is_the_one_beneficially_owned() -> None:
    from types import SimpleNamespace as H

    from ownergraph.loaders.form345_positions import document_class

    rows = [
        H(security_id="common", derivative=False, right_to_acquire=False, shares=0.0),
        H(security_id="class-b", derivative=False, right_to_acquire=False, shares=0.0),
        H(security_id="class-b", derivative=True, right_to_acquire=True, shares=900.0),
        H(security_id="common", derivative=True, right_to_acquire=False, shares=5000.0),
    ]
    assert document_class(rows) == "class-b"  # a right to acquire counts, an RSU does not
    assert document_class(rows[:2]) == "common"  # every row 0: the first printed
    assert document_class(rows[2:3]) is None  # no non-derivative row


@pytest.mark.parametrize(
    ("power", "spouse_kind", "owner_voting"),
    [
        (
            " Mr. Halvorsen has sole voting and investment power over the shares.",
            "owns",
            Power.SOLE,
        ),
        ("", "controls", None),
    ],
)
def test_the_owner_by_name_and_his_spouse_serve_as_trustees(
    power: str, spouse_kind: str, owner_voting: Power | None
) -> None:
    pd = form(
        owner("Halvorsen Carl", "0001000001"),
        nd_row(5000, "I", "By Trust", "F1"),
        {
            "F1": "The shares are held directly by the Halvorsen Family Trust. Mr. Halvorsen and"
            " his spouse serve as trustees." + power
        },
    )
    n = names(pd)
    got = {
        (n[lk.controller_id], lk.role, lk.kind.value)
        for lk in pd.links
        if n[lk.controlled_id] == "Halvorsen Family Trust"
    }
    assert ("Carl Halvorsen", Role.TRUSTEE, "controls") in got
    assert ("his spouse", Role.TRUSTEE, spouse_kind) in got  # convention 13: sole power kept
    trustee = next(
        lk for lk in pd.links if lk.role is Role.TRUSTEE and n[lk.controller_id] == "Carl Halvorsen"
    )
    assert trustee.voting is owner_voting


def test_another_person_by_name_is_not_the_owner_trustee() -> None:
    pd = form(
        owner("Halvorsen Carl", "0001000001"),
        nd_row(5000, "I", "By Trust", "F1"),
        {
            "F1": "The shares are held directly by the Halvorsen Family Trust. Mr. Moe is the sole trustee."
        },
    )
    assert not [
        lk
        for lk in pd.links
        if lk.role is Role.TRUSTEE and names(pd)[lk.controller_id] == "Carl Halvorsen"
    ]


def test_the_verb_share_gives_shared_powers() -> None:
    book = NameBook(issuer_key="i")
    book.add_party("a", "John Doe", person=True)
    book.add_party("b", "Jane Roe", person=True)
    book.add_party("f", FUND)
    text = (
        f"John Doe and Jane Roe share voting and investment power over the shares held by {FUND}."
    )
    got = {(book.names[x.controller], x.voting, x.investment) for x in power_statements(text, book)}
    assert got == {
        ("John Doe", Power.SHARED, Power.SHARED),
        ("Jane Roe", Power.SHARED, Power.SHARED),
    }


def test_a_relation_stated_in_the_remarks_is_read() -> None:
    pd = form(
        owner("Halvorsen Brita K", "0001000001"),
        nd_row(5000, "I", "By LLC", "F1"),
        {"F1": "Shares held by Redwood Ventures LLC."},
        remarks="The reporting person is a managing member of Redwood Ventures LLC and disclaims"
        " beneficial ownership.",
    )
    n = names(pd)
    got = [(n[lk.controller_id], n[lk.controlled_id], lk.role) for lk in pd.links]
    assert got == [("Brita K Halvorsen", "Redwood Ventures LLC", Role.MANAGING_MEMBER)]
    assert pd.links[0].provenance[0].xpath == "/ownershipDocument/remarks"


@pytest.mark.parametrize(
    "sentence",
    [
        "The general partner of Redwood Fund LP is Redwood GP LLC, whose members include the"
        " reporting person and Jane Roe.",
        "Redwood GP LLC is the general partner of Redwood Fund LP. The members of Redwood GP LLC,"
        " including the reporting person and Jane Roe, may be deemed to share voting power.",
    ],
)
def test_members_listed_after_the_entity(sentence: str) -> None:
    pd = form(
        owner("Halvorsen Brita K", "0001000001"),
        nd_row(5000, "I", "By LP", "F1"),
        {"F1": "Shares held by Redwood Fund LP. " + sentence},
    )
    n = names(pd)
    got = {(n[lk.controller_id], n[lk.controlled_id], lk.role) for lk in pd.links}
    assert got == {
        ("Redwood GP LLC", "Redwood Fund LP", Role.GENERAL_PARTNER),
        ("Brita K Halvorsen", "Redwood GP LLC", Role.MEMBER),
        ("Jane Roe", "Redwood GP LLC", Role.MEMBER),
    }
