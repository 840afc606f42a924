"""Forms 3/4/5 footnote rules beyond the shared grammar (loaders/form345_rules.py): text
tests on the sentences quoted from the filings named (values read by hand)."""

from __future__ import annotations

from ownergraph.graph.vocab import Power, Role
from tests.test_form345_fidelity import form, names, nd_row, owner


def links(pd):  # type: ignore[no-untyped-def]
    n = names(pd)
    return {
        (n[lk.controller_id], n[lk.controlled_id], lk.role, lk.voting, lk.investment)
        for lk in pd.links
    }


def test_director_and_stockholder_of_a_gp_is_a_director_link() -> None:
    """Quoted (Square, Form 4 of Roelof Botha, F3): "The Reporting Person is a Director of SC
    US (TTGP), Ltd."; (Unity, F2): "... is a director and stockholder of SC US (TTGP), Ltd." """
    for sentence in (
        "The Reporting Person is a Director of SC US (TTGP), Ltd.",
        "The Reporting Person is a director (and stockholder) of SC US (TTGP), Ltd.",
        "The Reporting Person is a director and stockholder of SC US (TTGP), Ltd.",
    ):
        pd = form(
            owner("Botha Roelof", "0001219480", ten=False),
            nd_row(100, "I", "See footnote", "F1"),
            {"F1": sentence},
        )
        got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
        assert ("Roelof Botha", "SC US (TTGP), Ltd.", Role.DIRECTOR) in got, sentence


def test_a_director_of_the_issuer_is_not_a_link() -> None:
    """Quoted (Fractyl, Form 3 of Mithril LP, F2): "Mr. Royan is a director of the Issuer and
    files separate Section 16 reports." """
    pd = form(
        owner("Ajay Royan", "0001234567", ten=False),
        nd_row(100),
        {"F1": "Mr. Royan is a director of the Issuer and files separate Section 16 reports."},
    )
    assert not [lk for lk in pd.links if lk.role is Role.DIRECTOR]


def test_shared_power_over_the_shares_held_by_each_of_a_list() -> None:
    """Quoted (Affirm, Form 4 of Keith Rabois, 2022-01-03, F8)."""
    pd = form(
        owner("Rabois Keith", "0001200457", ten=False),
        nd_row(500, "I", "See footnote", "F8"),
        {
            "F8": "The Reporting Person has shared voting and investment power over the shares"
            " held by each of The Founders Fund VI, LP, The Founders Fund VI Principals Fund,"
            " LP, The Founders Fund VI Entrepreneurs Fund, LP, The Founders Fund Growth, LP,"
            " The Founders Fund Growth Principals Fund, LP and FF Affirm Growth, LLC. The"
            " Reporting Person disclaims beneficial ownership of these securities."
        },
    )
    held = {
        "Founders Fund VI, LP",
        "Founders Fund VI Principals Fund, LP",
        "Founders Fund VI Entrepreneurs Fund, LP",
        "Founders Fund Growth, LP",
        "Founders Fund Growth Principals Fund, LP",
        "FF Affirm Growth, LLC",
    }
    sp = Role.STATED_POWER
    assert {(c, d) for c, d, r, v, i in links(pd) if r is sp and v is i is Power.SHARED} == {
        ("Keith Rabois", h) for h in held
    }


def test_retains_sole_power_goes_onto_the_trustee_link() -> None:
    """Quoted (LinkedIn, Form 4 of Reid Hoffman, F4): the trust named after two persons is
    one party, its defined term ("Living Trust") is that party, and the powers Mr. Hoffman
    retains are on his trustee link."""
    pd = form(
        owner("Hoffman Reid", "0001294304", ten=False),
        nd_row(1000, "I", "See footnote", "F4"),
        {
            "F4": "Shares held directly by the Reid Hoffman and Michelle Yee Living Trust dated"
            " October 27, 2009 for which Mr. Hoffman and his spouse serve as trustees (the"
            " &quot;Living Trust&quot;). Mr. Hoffman retains sole voting and dispositive power"
            " with respect to the shares held by the Living Trust."
        },
    )
    trust = "Reid Hoffman and Michelle Yee Living Trust"
    assert ("Reid Hoffman", trust, Role.TRUSTEE, Power.SOLE, Power.SOLE) in links(pd)
    assert "Living Trust" not in names(pd).values()
    assert [names(pd)[h.holder_id] for h in pd.holdings] == [trust]


def test_an_account_held_for_someone_is_named_whole() -> None:
    """Quoted (Yelp, Form 4 of Max Levchin, 2013-05-06, F4)."""
    pd = form(
        owner("Levchin Max R", "0001539853", ten=False),
        nd_row(3466102, "I", "See Footnote", "F4"),
        {
            "F4": "Shares are held by PENSCO Trust Company FBO Max Levchin Roth IRA. The"
            " Reporting Person holds voting and dispositive power over the shares."
        },
    )
    acct = "PENSCO Trust Company FBO Max Levchin Roth IRA"
    assert [names(pd)[h.holder_id] for h in pd.holdings] == [acct]
    assert {(c, d, r) for c, d, r, _v, _i in links(pd)} == {
        ("Max R Levchin", acct, Role.STATED_POWER)
    }


def test_no_stated_power_link_past_a_named_chain() -> None:
    """A power the reporting owner states over shares that a chain of stated links already
    leads him to adds no link that skips the intermediate."""
    pd = form(
        owner("Jane Roe", "0001000001", ten=False),
        nd_row(100, "I", "By Alpha Fund, L.P.", "F1"),
        {
            "F1": "Alpha GP, LLC is the general partner of Alpha Fund, L.P. The Reporting Person"
            " is the sole managing member of Alpha GP, LLC. The Reporting Person has shared"
            " voting and dispositive power over the shares held by Alpha Fund, L.P."
        },
    )
    assert not [lk for lk in pd.links if lk.role is Role.STATED_POWER]


def test_the_object_of_a_capitalised_title_is_the_name_after_of() -> None:
    """Quoted (Facebook, Form 4 of Peter Thiel, 2019-08-22, F1): not a party named
    "Managers of The Founders Fund IV Management, LLC" nor "General Partner of ..."."""
    pd = form(
        owner("Thiel Peter", "0001211060", ten=False),
        nd_row(0, "I", "By The Founders Fund IV, LP", "F1"),
        {
            "F1": "The reporting person is one of the Managers of The Founders Fund IV"
            " Management, LLC (&quot;FF IV Management&quot;), which is the General Partner of"
            " The Founders Fund IV, LP (&quot;FF IV&quot;), although he disclaims voting and"
            " investment power over the securities held by FF IV."
        },
    )
    got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
    mgmt, fund = "The Founders Fund IV Management, LLC", "The Founders Fund IV, LP"
    assert ("Peter Thiel", mgmt, Role.MANAGING_MEMBER) in got
    assert (mgmt, fund, Role.GENERAL_PARTNER) in got
    assert not [n for n in names(pd).values() if " of " in n]


def test_president_of_a_gp_is_an_officer_link() -> None:
    """Quoted (Palantir, Form 4 of Peter Thiel, 2021-05-05)."""
    pd = form(
        owner("Thiel Peter", "0001211060", ten=False),
        nd_row(100, "I", "By Clarium L.P.", "F1"),
        {
            "F1": "Shares held by Clarium L.P. (&quot;Clarium&quot;). The Reporting Person is"
            " the President of Clarium Capital Management, LLC, which is the general partner"
            " of Clarium."
        },
    )
    got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
    assert ("Peter Thiel", "Clarium Capital Management, LLC", Role.OFFICER) in got
    assert ("Clarium Capital Management, LLC", "Clarium L.P.", Role.GENERAL_PARTNER) in got


def test_no_link_past_the_committee_of_a_named_gp() -> None:
    """Quoted (Palantir, Form 3 of Peter Thiel, 2020-09-22, F16): "The Reporting Person is
    the Chairman of the Investment Committee of Mithril GP LLC, the General Partner of
    Mithril LP, which, in turn, owns Mithril." -- Thiel -> Mithril GP LLC (member of its
    investment committee) -> Mithril LP, never Thiel -> Mithril LP."""
    pd = form(
        owner("Thiel Peter", "0001211060", ten=False),
        nd_row(100, "I", "See footnote", "F16"),
        {
            "F16": "These shares are held of record by Mithril PAL-SPV 1, LLC"
            " (&quot;Mithril&quot;). The Reporting Person is the Chairman of the Investment"
            " Committee of Mithril GP LLC, the General Partner of Mithril LP, which, in turn,"
            " owns Mithril."
        },
    )
    got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
    assert ("Peter Thiel", "Mithril GP LLC", Role.MEMBER) in got
    assert ("Mithril GP LLC", "Mithril LP", Role.GENERAL_PARTNER) in got
    assert not [x for x in got if x[:2] == ("Peter Thiel", "Mithril LP")]


def test_by_virtue_of_being_a_managing_member_and_no_skip_of_the_gp() -> None:
    """Quoted (Aurora, Form 4 of Reid Hoffman, 2024-11-04, F2): Hoffman -> Greylock LLC
    (managing member) -> the funds; no Hoffman -> fund link past Greylock LLC."""
    pd = form(
        owner("Hoffman Reid", "0001294304", ten=False),
        nd_row(100, "I", "See footnote", "F2"),
        {
            "F2": "Greylock 15 GP LLC (&quot;Greylock LLC&quot;) is the general partner of each"
            " of Greylock 15 Limited Partnership (&quot;Greylock 15&quot;) and Greylock 15-A"
            " Limited Partnership (&quot;Greylock 15-A&quot;). By virtue of being a managing"
            " member of Greylock LLC, the reporting person may be deemed a beneficial owner of"
            " the securities held by Greylock 15 and Greylock 15-A."
        },
    )
    got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
    assert ("Reid Hoffman", "Greylock 15 GP LLC", Role.MANAGING_MEMBER) in got
    funds = {"Greylock 15 Limited Partnership", "Greylock 15-A Limited Partnership"}
    assert not [x for x in got if x[0] == "Reid Hoffman" and x[1] in funds]


def test_deemed_beneficial_owner_by_virtue_of_his_power_is_a_stated_power() -> None:
    """Quoted (Aurora, Form 4 of Reid Hoffman, 2024-11-04, F10)."""
    pd = form(
        owner("Hoffman Reid", "0001294304", ten=False),
        nd_row(100, "I", "See footnote", "F10"),
        {
            "F10": "Reflects securities held by Programmable Exchange LLC"
            " (&quot;Programmable&quot;). The reporting person may be deemed a beneficial"
            " owner of securities held by Programmable by virtue of his voting and investment"
            " power over such securities."
        },
    )
    got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
    assert got == {("Reid Hoffman", "Programmable Exchange LLC", Role.STATED_POWER)}


def test_enumerated_chains_of_a_gp_each_read() -> None:
    """Quoted (Unity, Form 4 of Roelof Botha, 2022-06-02, F2), shortened to its chains."""
    pd = form(
        owner("Botha Roelof", "0001219480", ten=False),
        nd_row(100, "I", "See footnote", "F2"),
        {
            "F2": "The Reporting Person is a director and stockholder of SC US (TTGP), Ltd. SC US"
            " (TTGP), Ltd. is (i) the general partner of SC U.S. Growth VI Management, L.P.,"
            " which is the general partner of each of Sequoia Capital U.S. Growth Fund VI, L.P."
            " (GFVI) and Sequoia Capital U.S. Growth VI Principals Fund, L.P. (GFVI PF)"
            " (collectively, the GFVI Funds); (ii) the general partner of SCGGF Management,"
            " L.P., which is the general partner of each of Sequoia Capital Global Growth Fund,"
            " LP (GGF) and Sequoia Capital Global Growth Principals Fund, LP (GGF PF)"
            " (collectively, the GGF Funds); and (iii) the general partner of SCGGF III -"
            " Endurance Partners Management, L.P., which is the general partner of Sequoia"
            " Capital Global Growth Fund III - Endurance Partners, L.P. (GGF III)."
        },
    )
    got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
    gp = Role.GENERAL_PARTNER
    ttgp = "SC US (TTGP), Ltd."
    m3 = "SCGGF III - Endurance Partners Management, L.P."
    for pair in [
        (ttgp, "SC U.S. Growth VI Management, L.P."),
        (ttgp, "SCGGF Management, L.P."),
        (ttgp, m3),
        ("SC U.S. Growth VI Management, L.P.", "Sequoia Capital U.S. Growth Fund VI, L.P."),
        ("SCGGF Management, L.P.", "Sequoia Capital Global Growth Principals Fund, LP"),
        (m3, "Sequoia Capital Global Growth Fund III - Endurance Partners, L.P."),
    ]:
        assert (*pair, gp) in got, pair
    assert ("Roelof Botha", ttgp, Role.DIRECTOR) in got


def test_decisions_over_the_shares_held_by_x_do_not_make_x_the_holder_of_the_row() -> None:
    """Quoted (23andMe, Form 3 of Roelof Botha, F3): "Voting and disposition decisions at SC
    US (TTGP), Ltd. with respect to the shares held by the GGF II Funds are made by an
    investment committee" -- the row's nature names its holder."""
    pd = form(
        owner("Botha Roelof", "0001219480", ten=False),
        nd_row(504692, "I", "Sequoia Capital U.S. Growth VII Principals Fund, L.P.", "F3"),
        {
            "F3": "Sequoia Capital Global Growth Fund II, L.P. (GGF II) is a fund. Voting and"
            " disposition decisions at SC US (TTGP), Ltd. with respect to the shares held by the"
            " GGF II are made by an investment committee that includes the Reporting Person."
        },
    )
    held = {names(pd)[h.holder_id] for h in pd.holdings}
    assert held == {"Sequoia Capital U.S. Growth VII Principals Fund, L.P."}


def test_hyphenated_and_slashed_fund_names_are_whole() -> None:
    """Quoted (Bird, Form 4 of David Sacks, 2022-02-25): "Represents shares held by Craft
    Ventures I-A, L.P."; (Block, Form 4 of Roelof Botha, 2024-01-02): "SC US (TTGP), Ltd. is
    the general partner of SC US/E Expansion Fund I Management, L.P., which is the general
    partner of Sequoia Capital US/E Expansion Fund I, L.P. The Reporting Person disclaims
    beneficial ownership of the securities held by SC US/E Expansion Fund I Management, L.P."
    """
    pd = form(
        owner("Sacks David O.", "0001298640", ten=False),
        nd_row(3888286, "I", "See Footnote", "F1"),
        {"F1": "Represents shares held by Craft Ventures I-A, L.P. (&quot;Craft I-A&quot;)."},
    )
    assert [names(pd)[h.holder_id] for h in pd.holdings] == ["Craft Ventures I-A, L.P."]
    pd = form(
        owner("Botha Roelof", "0001219480", ten=False),
        nd_row(540646, "I", "By Sequoia Capital US/E Expansion Fund I, L.P.", "F4"),
        {
            "F4": "SC US (TTGP), Ltd. is the general partner of SC US/E Expansion Fund I"
            " Management, L.P., which is the general partner of Sequoia Capital US/E Expansion"
            " Fund I, L.P. The Reporting Person disclaims beneficial ownership of the securities"
            " held by SC US/E Expansion Fund I Management, L.P."
        },
    )
    got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
    mgmt, fund = (
        "SC US/E Expansion Fund I Management, L.P.",
        "Sequoia Capital US/E Expansion Fund I, L.P.",
    )
    assert ("SC US (TTGP), Ltd.", mgmt, Role.GENERAL_PARTNER) in got
    assert (mgmt, fund, Role.GENERAL_PARTNER) in got
    assert [names(pd)[h.holder_id] for h in pd.holdings] == [fund]


def test_one_of_the_managing_members_and_of_which_the_manager() -> None:
    """Quoted (Palantir, Form 4 of Peter Thiel, 2021-05-05, F3 and F19)."""
    pd = form(
        owner("Thiel Peter", "0001211060", ten=False),
        nd_row(100, "I", "See Footnote", "F3") + nd_row(200, "I", "By Thiel Capital LLC", "F19"),
        {
            "F3": "These shares are held of record by FF Pathfinder VI, LLC (&quot;FF"
            " Pathfinder&quot;). The Reporting Person is one of the managing members of The"
            " Founders Fund VI Management, LLC, which is the managing member of FF Pathfinder.",
            "F19": "These shares are held of record by Thiel Capital LLC, of which the Reporting"
            " Person is the Manager.",
        },
    )
    got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
    mm = Role.MANAGING_MEMBER
    assert ("Peter Thiel", "Thiel Capital LLC", mm) in got
    assert {("Peter Thiel", d, mm) for d in names(pd).values() if "Founders Fund VI" in d} <= got


def test_an_indirect_non_managing_member_is_a_member() -> None:
    """Quoted (Xoom, Form 4 of Roelof Botha, 2013-02-21, F2): the filer named with his middle
    name in the text."""
    pd = form(
        owner("Botha Roelof", "0001219480", ten=False),
        nd_row(100, "I", "See footnote", "F2"),
        {
            "F2": "Roelof Frederik Botha is an indirect non-managing member of SC XI Management,"
            " LLC (&quot;SC XI Management&quot;). SC XI Management is the general partner of"
            " Sequoia Capital XI, LP."
        },
    )
    got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
    assert ("Roelof Botha", "SC XI Management, LLC", Role.MEMBER) in got
    assert not [x for x in got if x[2] is Role.MANAGING_MEMBER]


def test_which_in_turn_owns_is_a_parent_link() -> None:
    """Quoted (Palantir, Form 3 of Peter Thiel, 2020-09-22, F16): "... Mithril GP LLC, the
    General Partner of Mithril LP, which, in turn, owns Mithril." """
    pd = form(
        owner("Thiel Peter", "0001211060", ten=False),
        nd_row(100, "I", "See footnote", "F16"),
        {
            "F16": "These shares are held of record by Mithril PAL-SPV 1, LLC"
            " (&quot;Mithril&quot;). The Reporting Person is the Chairman of the Investment"
            " Committee of Mithril GP LLC, the General Partner of Mithril LP, which, in turn,"
            " owns Mithril."
        },
    )
    got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
    assert ("Mithril LP", "Mithril PAL-SPV 1, LLC", Role.PARENT) in got
    assert not [x for x in got if x[:2] == ("Peter Thiel", "Mithril PAL-SPV 1, LLC")]


def test_a_derivative_row_holding_0_is_no_right_to_acquire() -> None:
    """Convention 4: 'False: a row with 0 held' (Facebook, Form 4 of Peter Thiel, 2019:
    Class B Common Stock, convertible at any time, 0 owned after the conversion)."""
    deriv = (
        "<derivativeHolding><securityTitle><value>Class B Common Stock</value></securityTitle>"
        "<conversionOrExercisePrice><footnoteId id='F1'/></conversionOrExercisePrice>"
        "<exerciseDate><footnoteId id='F1'/></exerciseDate><expirationDate>"
        "<footnoteId id='F1'/></expirationDate><underlyingSecurity><underlyingSecurityTitle>"
        "<value>Class A Common Stock</value></underlyingSecurityTitle><underlyingSecurityShares>"
        "<value>{n}</value></underlyingSecurityShares></underlyingSecurity>"
        "<postTransactionAmounts><sharesOwnedFollowingTransaction><value>{n}</value>"
        "</sharesOwnedFollowingTransaction></postTransactionAmounts><ownershipNature>"
        "<directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>"
        "</ownershipNature></derivativeHolding>"
    )
    fn = {
        "F1": "Each share of Class B Common Stock is convertible at any time at the option"
        " of the holder into one share of Class A Common Stock and has no expiration date."
    }
    for n, rta in ((0, False), (1000, True)):
        pd = form(owner("Thiel Peter", "0001211060"), "", fn, deriv=deriv.format(n=n))
        assert [h.right_to_acquire for h in pd.holdings if h.derivative] == [rta], n


def test_a_shortened_fund_name_on_the_row_is_the_fund_its_footnote_names() -> None:
    """Quoted (Eventbrite, Form 4 of Roelof Botha, 2022-01-12): nature "US Venture 2010
    Seed", footnote "... the sole general partner of each of Sequoia Capital U.S. Venture
    2010 Fund, LP, ... and Sequoia Capital U.S. Venture 2010-Seed Fund, L.P." """
    pd = form(
        owner("Botha Roelof", "0001219480", ten=False),
        nd_row(32746, "I", "US Venture 2010 Seed", "F4"),
        {
            "F4": "SC U.S. Venture 2010 Management, L.P. is the sole general partner of each of"
            " Sequoia Capital U.S. Venture 2010 Fund, LP, Sequoia Capital U.S. Venture 2010"
            " Partners Fund, LP, and Sequoia Capital U.S. Venture 2010-Seed Fund, L.P."
        },
    )
    held = [names(pd)[h.holder_id] for h in pd.holdings]
    assert held == ["Sequoia Capital U.S. Venture 2010-Seed Fund, L.P."]


def test_reporting_person_in_lower_case_and_a_possessive_holder() -> None:
    """'the reporting person is the managing member of X' (lower case, as many footnotes
    write it: Facebook, Form 4 of Peter Thiel: 'The reporting person is the beneficial owner
    of Rivendell One LLC'); 'Shares held by the Reporting Person's spouse' names the spouse
    (an unnamed intermediary, convention 1), not the reporting person."""
    pd = form(
        owner("Smith John", "0001000009", ten=False),
        nd_row(1000, "I", "See footnote", "F1"),
        {
            "F1": "The securities are held directly by ABC Capital Partners, L.P. ABC Capital"
            " Management, LLC is the general partner of ABC Capital Partners, L.P., and the"
            " reporting person is the managing member of ABC Capital Management, LLC."
        },
    )
    got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
    assert ("John Smith", "ABC Capital Management, LLC", Role.MANAGING_MEMBER) in got
    pd = form(
        owner("Smith John", "0001000009", ten=False),
        nd_row(1000, "I", "By Spouse", "F1"),
        {"F1": "Shares held by the Reporting Person's spouse."},
    )
    held = [names(pd)[h.holder_id] for h in pd.holdings]
    assert len(held) == 1 and "Spouse" in held[0] and held[0] != "John Smith"


def test_a_person_named_with_the_reporting_person_in_a_subject_list() -> None:
    """'The reporting person and Jane Roe are the managing members of Omega GP LLC': Jane
    Roe, named only there, is a person and a managing member too; 'a managing director of
    the GP' (lower case) is no Management Committee Director."""
    pd = form(
        owner("Smith John", "0001000009", ten=False),
        nd_row(1000, "I", "See footnote", "F1"),
        {
            "F1": "The reported securities are held by Omega Partners LP. Omega GP LLC is the"
            " general partner of Omega Partners LP. The reporting person and Jane Roe are the"
            " managing members of Omega GP LLC. The reporting person is a managing director of"
            " Omega GP LLC."
        },
    )
    got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
    assert ("Jane Roe", "Omega GP LLC", Role.MANAGING_MEMBER) in got
    assert ("John Smith", "Omega GP LLC", Role.MANAGING_MEMBER) in got
    assert not [x for x in got if x[2] is Role.DIRECTOR]


def test_a_foundation_named_as_holder_and_its_director() -> None:
    """'The shares are owned directly by the Smith Foundation, a charitable foundation of
    which the reporting person is a director.' (a foundation the entity pattern misses)."""
    pd = form(
        owner("Smith John", "0001000009", ten=False),
        nd_row(1000, "I", "By Foundation", "F1"),
        {
            "F1": "The shares are owned directly by the Smith Foundation, a charitable"
            " foundation of which the reporting person is a director."
        },
    )
    assert [names(pd)[h.holder_id] for h in pd.holdings] == ["Smith Foundation"]
    got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
    assert got == {("John Smith", "Smith Foundation", Role.DIRECTOR)}


def test_deemed_beneficial_owner_on_the_basis_of_a_relationship_is_no_parent() -> None:
    """Quoted (Joby Aviation, Form 4 of Reid Hoffman, 2021-08-10, F1): a claim on the
    securities Y holds with no role or power given is the row's link 'other' (convention 1),
    not a parent (Y's owner)."""
    pd = form(
        owner("Hoffman Reid", "0001519339", ten=False),
        nd_row(2000000, "I", "See Footnote", "F1"),
        {
            "F1": "These securities are directly held by Reprogrammed Interchange LLC"
            " (&quot;Reprogrammed&quot;). On the basis of the reporting person's relationship"
            " with Reprogrammed, the reporting person may be deemed a beneficial owner of the"
            " securities held by Reprogrammed."
        },
    )
    got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
    assert got == {("Reid Hoffman", "Reprogrammed Interchange LLC", Role.OTHER)}


def test_a_trust_named_by_the_rows_transaction_footnote_holds_a_by_trust_row() -> None:
    """Quoted (Tesla Motors, Form 4 of Elon Musk, 2012-10-03, F1 on the transaction code;
    the nature "by Trust" cites no footnote): the trust the footnote names holds the row,
    its trustee is the reporting person; no anonymous "by Trust" party."""
    row = nd_row(27203237, "I", "by Trust", code="P").replace(
        "<transactionCode>P</transactionCode>",
        '<transactionCode>P</transactionCode><footnoteId id="F1"/>',
    )
    pd = form(
        owner("Musk Elon", "0001494730"),
        row,
        {
            "F1": "The Elon Musk Revocable Trust dated July 22, 2003, for which the reporting"
            " person is trustee, purchased 35,398 shares of the issuer's common stock in a"
            " registered common stock offering by the issuer that closed on October 3, 2012."
        },
    )
    n = names(pd)
    (h,) = pd.holdings
    assert "Elon Musk Revocable Trust" in n[h.holder_id]
    assert h.shares == 27203237
    got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
    assert got == {("Elon Musk", n[h.holder_id], Role.TRUSTEE)}


def test_a_comma_glued_to_the_entity_suffix_still_names_the_gp() -> None:
    """Quoted (Block, Form 4 of Roelof Botha, 2024-10-01, F2): "SCGF IV Management,L.P."
    (no space after the comma) is the GP in the chain; no link skips it."""
    pd = form(
        owner("BOTHA ROELOF", "0001222287", ten=False),
        nd_row(1862, "I", "Sequoia Capital U.S. Growth Fund IV, L.P.", "F2"),
        {
            "F2": "The Reporting Person is a director and stockholder of SC US (TTGP), Ltd. SC US"
            " (TTGP), Ltd. is the general partner of SCGF IV Management,L.P., which is the"
            " general partner of Sequoia Capital U.S. Growth Fund IV, L.P. and Sequoia Capital"
            " USGF Principals Fund IV, L.P., or collectively, the SC GFIV Funds."
        },
    )
    got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
    assert ("SC US (TTGP), Ltd.", "SCGF IV Management, L.P.", Role.GENERAL_PARTNER) in got
    assert (
        "SCGF IV Management, L.P.",
        "Sequoia Capital U.S. Growth Fund IV, L.P.",
        Role.GENERAL_PARTNER,
    ) in got
    assert not [g for g in got if g[0] == "SC US (TTGP), Ltd." and "Fund IV" in g[1]]


def test_may_be_deemed_a_beneficial_owners_typo_is_the_same_claim() -> None:
    """Quoted (Joby Aviation, Form 4 of Reid Hoffman, 2022-04-05, F3): "may be deemed a
    beneficial owners of the securities held by Reprogrammed" -- the same claim as "a
    beneficial owner of": the row's link 'other', not a parent."""
    pd = form(
        owner("Hoffman Reid", "0001519339", ten=False),
        nd_row(2000000, "I", "See Footnote", "F3"),
        {
            "F3": "These securities are directly held by Reprogrammed Interchange LLC"
            " (&quot;Reprogrammed&quot;). On the basis of the reporting person's relationship"
            " with Reprogrammed, the reporting person may be deemed a beneficial owners of the"
            " securities held by Reprogrammed."
        },
    )
    got = {(c, d, r) for c, d, r, _v, _i in links(pd)}
    assert got == {("Reid Hoffman", "Reprogrammed Interchange LLC", Role.OTHER)}


def test_a_relative_holding_a_see_footnote_row_is_named_by_the_footnotes_words() -> None:
    """Synthetic (the construction as Forms 4 print it): "Shares held by the reporting
    person's spouse." on a "See footnote" row -- the anonymous holder carries the
    document's words (convention 1), so a label "the reporting person's spouse" finds it."""
    pd = form(
        owner("Musk Elon", "0001494730"),
        nd_row(100, "I", "See footnote", "F1"),
        {
            "F1": "Shares held by the reporting person's spouse. The reporting person disclaims"
            " beneficial ownership of these shares."
        },
    )
    n = names(pd)
    (h,) = pd.holdings
    assert "the reporting person's spouse" in n[h.holder_id]


def test_a_par_value_in_the_title_names_the_same_class() -> None:
    """Synthetic (Rumble prints "Class A Common Stock, par value $0.0001 per share" in Table
    I; a Class B row's underlying says "Class A Common Stock"): one security, so the Class A
    holdings and the right to acquire add up in one who-controls answer (1,000 + 2,500)."""
    from ownergraph.graph.store import build_graph
    from ownergraph.queries.control import who_controls
    from tests.test_form345_fidelity import dv_holding

    pd = form(
        owner("Levchin Max R", "0001539853"),
        nd_row(1000, title="Class A Common Stock, par value $0.0001 per share"),
        {
            "F2": "Each share of Class B Common Stock is convertible at any time into one share of"
            " Class A Common Stock and has no expiration date."
        },
        deriv=dv_holding(2500, "D", None, "F2"),
        typ="3",
    )
    assert len({h.security_id for h in pd.holdings}) == 1
    (sid,) = {h.security_id for h in pd.holdings}
    g = build_graph(pd.parties, pd.securities, pd.holdings, pd.links, [pd.document])
    ans = who_controls(g, sid, max_paths=0)
    assert [c.shares for c in ans.ultimate] == [3500]
