"""Forms 3/4/5 fidelity: the Form 4 examples quoted in issue 11's "Why", as text tests.

The documents are not in the repository; each test builds a minimal ownershipDocument
around the quoted sentence or the quoted figures (named as such) and checks what the
loader makes of it.
"""

from __future__ import annotations

from ownergraph.graph.store import build_graph
from ownergraph.graph.vocab import NodeKind, Power, Role
from ownergraph.loaders import parse_bytes
from ownergraph.queries.control import who_controls


def owner(name: str, cik: str, *, ten: bool = True) -> str:
    return (
        f"<reportingOwner><reportingOwnerId><rptOwnerCik>{cik}</rptOwnerCik>"
        f"<rptOwnerName>{name}</rptOwnerName></reportingOwnerId><reportingOwnerRelationship>"
        f"<isDirector>0</isDirector><isOfficer>0</isOfficer>"
        f"<isTenPercentOwner>{int(ten)}</isTenPercentOwner><isOther>0</isOther>"
        f"</reportingOwnerRelationship></reportingOwner>"
    )


def nd_row(
    post: float,
    di: str = "D",
    nature: str | None = None,
    fn: str | None = None,
    *,
    title: str = "Common Stock",
    date: str = "2021-08-10",
    code: str = "S",
    amount: float = 1,
) -> str:
    nat = f"<natureOfOwnership><value>{nature}</value></natureOfOwnership>" if nature else ""
    fref = f'<footnoteId id="{fn}"/>' if fn else ""
    return (
        f"<nonDerivativeTransaction><securityTitle><value>{title}</value></securityTitle>"
        f"<transactionDate><value>{date}</value></transactionDate>"
        f"<transactionCoding><transactionFormType>4</transactionFormType>"
        f"<transactionCode>{code}</transactionCode><equitySwapInvolved>0</equitySwapInvolved>"
        f"</transactionCoding><transactionAmounts><transactionShares><value>{amount}</value>"
        f"</transactionShares><transactionAcquiredDisposedCode><value>D</value>"
        f"</transactionAcquiredDisposedCode></transactionAmounts><postTransactionAmounts>"
        f"<sharesOwnedFollowingTransaction><value>{post}</value>"
        f"</sharesOwnedFollowingTransaction></postTransactionAmounts><ownershipNature>"
        f"<directOrIndirectOwnership><value>{di}</value></directOrIndirectOwnership>{nat}{fref}"
        f"</ownershipNature></nonDerivativeTransaction>"
    )


def form(
    owners: str,
    rows: str,
    footnotes: dict[str, str],
    deriv: str = "",
    typ: str = "4",
    remarks: str = "",
):
    fns = "".join(f'<footnote id="{k}">{v}</footnote>' for k, v in footnotes.items())
    fns += f"</footnotes><remarks>{remarks}</remarks><footnotes>" if remarks else ""
    xml = (
        f'<?xml version="1.0"?><ownershipDocument><schemaVersion>X0306</schemaVersion>'
        f"<documentType>{typ}</documentType><periodOfReport>2021-08-10</periodOfReport>"
        f"<issuer><issuerCik>0001832038</issuerCik><issuerName>Example Issuer, Inc.</issuerName>"
        f"<issuerTradingSymbol>EXI</issuerTradingSymbol></issuer>{owners}"
        f"<nonDerivativeTable>{rows}</nonDerivativeTable>"
        f"<derivativeTable>{deriv}</derivativeTable><footnotes>{fns}</footnotes>"
        f"</ownershipDocument>"
    )
    return parse_bytes(xml.encode(), path="why.xml")


def names(pd) -> dict[str, str]:
    return {p.id: p.name for p in pd.parties}


def test_why_sole_voting_and_investment_power_over_shares_held_by_2012_mrl() -> None:
    """Quoted: "The Reporting Person has sole voting and investment power over the shares
    held by 2012 MRL Investments LLC" (missed; a finding claimed no relation stated)."""
    pd = form(
        owner("Levchin Max R", "0001539853"),
        nd_row(10714287, "I", "By 2012 MRL Investments LLC", "F3"),
        {
            "F3": "The Reporting Person has sole voting and investment power over the shares"
            " held by 2012 MRL Investments LLC."
        },
    )
    n = names(pd)
    got = [
        (n[lk.controller_id], n[lk.controlled_id], lk.role, lk.voting, lk.investment)
        for lk in pd.links
    ]
    assert got == [
        ("Max R Levchin", "2012 MRL Investments LLC", Role.STATED_POWER, Power.SOLE, Power.SOLE)
    ]
    assert [n[h.holder_id] for h in pd.holdings] == ["2012 MRL Investments LLC"]
    assert not [f for f in pd.findings if f.kind == "intermediary_not_linked"]


MITHRIL_F2 = (
    'These shares are held of record by Mithril II LP ("II LP"). Mithril II UGP LLC'
    ' ("UGP II") is the general partner of Mithril II GP LP ("GP II") and GP II is the'
    " general partner of II LP."
)


def test_why_held_of_record_by_mithril_ii_lp_alias_is_not_a_second_party() -> None:
    """Quoted: "held of record by Mithril II LP ("II LP")" (the alias became a party)."""
    pd = form(
        owner("MITHRIL II LP", "0001669609") + owner("Mithril II GP LP", "0001878232"),
        nd_row(11241580, "D", None, "F2"),
        {"F2": MITHRIL_F2},
    )
    n = names(pd)
    assert sorted(v for v in n.values() if "II LP" in v.upper()) == ["MITHRIL II LP"]
    assert [n[h.holder_id] for h in pd.holdings] == ["MITHRIL II LP"]


ROYAN_F1 = (
    'Mithril GP LP ("GP LP") is the general partner of Mithril LP. Ajay Royan ("Royan") and'
    " Peter Thiel are the members of the investment committee of GP LP."
)


def _royan_links() -> set[tuple[str, str, Role]]:
    pd = form(
        owner("Mithril GP LP", "0001700001") + owner("THIEL PETER", "0001211060"),
        nd_row(500000, "D", None, "F1"),
        {"F1": ROYAN_F1},
    )
    n = names(pd)
    return {(n[lk.controller_id], n[lk.controlled_id], lk.role) for lk in pd.links}


def test_why_royan_and_peter_thiel_members_of_the_investment_committee_of_gp_lp() -> None:
    """Quoted: "Royan and Peter Thiel are the members of the investment committee of GP
    LP" (missed): a member link from the reporting owner Thiel to GP LP."""
    assert ("Peter Thiel", "Mithril GP LP", Role.MEMBER) in _royan_links()


def test_why_royan_member_of_the_investment_committee_named_only_in_the_text() -> None:
    """Same sentence: Royan, who files no Form 4 here, is a member of GP LP too."""
    assert any(c.startswith("Ajay Royan") and d == "Mithril GP LP" for c, d, _r in _royan_links())


def test_why_consecutive_rows_41060_36573_34573_are_not_summed() -> None:
    """Quoted figures: "consecutive rows 41,060 -> 36,573 -> 34,573 became 112,206"."""
    pd = form(
        owner("DOE JANE", "0001000001", ten=False),
        nd_row(41060) + nd_row(36573) + nd_row(34573),
        {},
    )
    assert [h.shares for h in pd.holdings] == [34573]
    assert [r["owned_following"] for r in pd.extra["rows"]] == [41060, 36573, 34573]
    G = build_graph(pd.parties, pd.securities, pd.holdings, pd.links, [pd.document])
    ans = who_controls(G, pd.document.security_id, max_paths=0)
    assert [(c.name, c.shares) for c in ans.ultimate] == [("Jane Doe", 34573)]


def test_why_a_distribution_that_left_an_llc_at_0_leaves_0() -> None:
    """Quoted: "a distribution that left an LLC at 0 still counted 361,759"."""
    pd = form(
        owner("DOE JANE", "0001000001", ten=False),
        nd_row(100, "D")
        + nd_row(361759, "I", "By Example Holdings LLC", code="J", date="2021-08-09")
        + nd_row(0, "I", "By Example Holdings LLC", code="J", amount=361759),
        {},
    )
    n = names(pd)
    assert sorted((n[h.holder_id], h.shares) for h in pd.holdings) == [
        ("Example Holdings LLC", 0),
        ("Jane Doe", 100),
    ]
    G = build_graph(pd.parties, pd.securities, pd.holdings, pd.links, [pd.document])
    ans = who_controls(G, pd.document.security_id, max_paths=0)
    assert [(c.name, c.shares) for c in ans.ultimate] == [("Jane Doe", 100)]


def dv_holding(under: float, di: str, nature: str | None, ex_fn: str) -> str:
    nat = f"<natureOfOwnership><value>{nature}</value></natureOfOwnership>" if nature else ""
    return (
        "<derivativeHolding><securityTitle><value>Class B Common Stock</value></securityTitle>"
        '<conversionOrExercisePrice><footnoteId id="F2"/></conversionOrExercisePrice>'
        f'<exerciseDate><footnoteId id="{ex_fn}"/></exerciseDate>'
        '<expirationDate><footnoteId id="F2"/></expirationDate><underlyingSecurity>'
        "<underlyingSecurityTitle><value>Class A Common Stock</value></underlyingSecurityTitle>"
        f"<underlyingSecurityShares><value>{under}</value></underlyingSecurityShares>"
        "</underlyingSecurity><postTransactionAmounts/><ownershipNature>"
        f"<directOrIndirectOwnership><value>{di}</value></directOrIndirectOwnership>{nat}"
        "</ownershipNature></derivativeHolding>"
    )


def test_class_b_convertible_at_any_time_is_a_right_to_acquire() -> None:
    """Class B "is convertible at any time into one share of the Issuer's Class A common
    stock": a right to acquire within 60 days (Rule 13d-3(d)(1)(i))."""
    pd = form(
        owner("Levchin Max R", "0001539853"),
        "",
        {
            "F2": "Each share of the Issuer's Class B common stock is convertible at any time"
            " into one share of the Issuer's Class A common stock. The Class B Common Stock has"
            " no expiration date."
        },
        deriv=dv_holding(15397650, "D", None, "F2"),
        typ="3",
    )
    assert [(h.shares, h.right_to_acquire, h.derivative) for h in pd.holdings] == [
        (15397650, True, True)
    ]


def test_the_same_by_trust_on_eight_rows_is_one_trust() -> None:
    """One party per intermediary per filing: "By Trust" (no name given) on eight rows."""
    rows = "".join(nd_row(1000 - i, "I", "By Trust", "F1") for i in range(8))
    pd = form(
        owner("DOE JANE", "0001000001", ten=False),
        rows,
        {
            "F1": "The shares are held by a trust for the benefit of the reporting person's"
            " children."
        },
    )
    anon = [p for p in pd.parties if p.kind is NodeKind.UNKNOWN]
    assert len(anon) == 1 and "By Trust" in anon[0].name
    assert "row" not in anon[0].name  # no "unnamed holder of row N"
    assert [h.shares for h in pd.holdings] == [993]


def test_a_footnote_that_is_only_the_trust_name_names_the_holder() -> None:
    """Corpus shape (Tesla Forms 4): "by Trust" + footnote "The Elon Musk Revocable Trust
    dated July 22, 2003." -- the trust is the holder, not an anonymous one."""
    pd = form(
        owner("Musk Elon", "0001494730", ten=False),
        nd_row(33000000, "I", "by Trust", "F1"),
        {"F1": "The Elon Musk Revocable Trust dated July 22, 2003."},
    )
    n = names(pd)
    assert [n[h.holder_id] for h in pd.holdings] == ["Elon Musk Revocable Trust"]
    assert not [p for p in pd.parties if p.kind is NodeKind.UNKNOWN]


def test_a_trust_named_after_its_settlors_is_one_holder_not_a_list() -> None:
    """Corpus shape (Zynga, Hoffman): "Shares held directly by Reid Hoffman and Michelle Yee
    Living Trust dated October 27, 2009 for which Mr. Hoffman and his spouse serve as
    trustees." -- the trust holds the row; "Reid Hoffman and ..." is not a list of holders."""
    pd = form(
        owner("Hoffman Reid", "0001519339", ten=False),
        nd_row(2422118, "I", "See footnote", "F2"),
        {
            "F2": "Shares held directly by Reid Hoffman and Michelle Yee Living Trust dated"
            " October 27, 2009 for which Mr. Hoffman and his spouse serve as trustees."
        },
    )
    n = names(pd)
    assert [n[h.holder_id] for h in pd.holdings] == ["Reid Hoffman and Michelle Yee Living Trust"]
    # no anonymous holder; the only unnamed party is the co-trustee "his spouse"
    assert [p.name for p in pd.parties if p.kind is NodeKind.UNKNOWN] == ["his spouse"]


def test_a_term_the_remarks_define_holds_in_the_footnotes() -> None:
    """Corpus shape (Adagio, Mithril, March 2022): the Remarks define 'Mithril II LP ("II
    LP")'; footnote 1 says only "These shares are held of record by II LP."."""
    pd = form(
        owner("MITHRIL II LP", "0001669609") + owner("Mithril II GP LP", "0001878232"),
        nd_row(11241580, "D", None, "F1"),
        {
            "F1": "These shares are held of record by II LP. Mithril II GP LP is the general"
            " partner of II LP."
        },
        remarks='As disclosed by the Reporting Persons, Mithril II LP ("II LP") and others'
        " entered into an agreement.",
    )
    n = names(pd)
    assert [n[h.holder_id] for h in pd.holdings] == ["MITHRIL II LP"]
    assert {(n[lk.controller_id], n[lk.controlled_id]) for lk in pd.links} == {
        ("Mithril II GP LP", "MITHRIL II LP")
    }
