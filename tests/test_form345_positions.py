"""Forms 3/4/5: one position per holder, class, D/I and nature (the amount after the last
row), on the row shapes real forms use; the expected values are read by hand."""

from __future__ import annotations

from tests.test_form345_fidelity import form, nd_row, owner


def dv_row(
    title: str,
    under: str,
    amount: float,
    post: float,
    *,
    price: str = "",
    ad: str = "A",
    code: str = "A",
    date: str = "2021-08-10",
    expires: str = "",
) -> str:
    """A Table II transaction row (no footnotes)."""
    px = f"<value>{price}</value>" if price else ""
    exp = f"<value>{expires}</value>" if expires else ""
    return (
        f"<derivativeTransaction><securityTitle><value>{title}</value></securityTitle>"
        f"<conversionOrExercisePrice>{px}</conversionOrExercisePrice>"
        f"<transactionDate><value>{date}</value></transactionDate>"
        f"<transactionCoding><transactionFormType>4</transactionFormType>"
        f"<transactionCode>{code}</transactionCode><equitySwapInvolved>0</equitySwapInvolved>"
        f"</transactionCoding><transactionAmounts><transactionShares><value>{amount}</value>"
        f"</transactionShares><transactionPricePerShare><value>0</value></transactionPricePerShare>"
        f"<transactionAcquiredDisposedCode><value>{ad}</value></transactionAcquiredDisposedCode>"
        f"</transactionAmounts><exerciseDate></exerciseDate><expirationDate>{exp}</expirationDate>"
        f"<underlyingSecurity><underlyingSecurityTitle><value>{under}</value>"
        f"</underlyingSecurityTitle><underlyingSecurityShares><value>{amount}</value>"
        f"</underlyingSecurityShares></underlyingSecurity><postTransactionAmounts>"
        f"<sharesOwnedFollowingTransaction><value>{post}</value>"
        f"</sharesOwnedFollowingTransaction></postTransactionAmounts><ownershipNature>"
        f"<directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>"
        f"</ownershipNature></derivativeTransaction>"
    )


def test_an_underlying_printed_common_is_the_common_stock_class() -> None:
    """Row shapes of Microsoft, Form 4 of Reid Hoffman, 2023-09-13 (amounts as filed): RSUs
    267.809 -> 14,242.084 on "Common Stock", then dividend equivalents 28.593 -> 14,270.678
    on "Common". One class, one position: 14,270.678 RSUs (the last row), not two."""
    pd = form(
        owner("Doe John", "0000000011"),
        nd_row(15905, "I", "By Living Trust"),
        {},
        deriv=dv_row("Restricted Stock Units", "Common Stock", 267.809, 14242.084)
        + dv_row("Restricted Stock Units", "Common", 28.593, 14270.678),
    )
    rsu = [h for h in pd.holdings if h.derivative]
    assert [h.shares for h in rsu] == [14270.678]
    (common,) = [h for h in pd.holdings if not h.derivative]
    assert rsu[0].security_id == common.security_id
    assert len(pd.securities) == 1


def test_two_classes_stay_two() -> None:
    """Synthetic: options on "Class A Common Stock" and on "Class B Common Stock" with the
    same title are two positions (the class words differ)."""
    pd = form(
        owner("Doe John", "0000000011"),
        "",
        {},
        deriv=dv_row("Stock Option", "Class A Common Stock", 10, 10, price="5")
        + dv_row("Stock Option", "Class B Common Stock", 20, 20, price="5"),
    )
    assert sorted(h.shares for h in pd.holdings) == [10, 20]
    assert len(pd.securities) == 2


def test_a_row_that_leaves_the_dates_out_continues_the_dated_grant() -> None:
    """Row shapes of Zynga, Form 4 of Reid Hoffman, 2011-12-15 (amounts as filed): RSUs
    granted 1,474,432 (expiring 2017-04-15), then 1,412,997 settled (M) on a row whose dates
    are "Not applicable", 61,435 after it: 1,474,432 - 1,412,997 = 61,435, one grant, one
    position of 61,435 (not a second position of 1,474,432)."""
    rsu = "Restricted Stock Unit"
    pd = form(
        owner("Doe John", "0000000011"),
        "",
        {},
        deriv=dv_row(rsu, "Class B Common Stock", 1474432, 1474432, price="0", expires="2017-04-15")
        + dv_row(rsu, "Class B Common Stock", 1412997, 61435, price="0", ad="D", code="M"),
    )
    assert [h.shares for h in pd.holdings] == [61435]


def test_an_undated_row_that_does_not_carry_the_total_is_its_own_position() -> None:
    """Synthetic: an option grant of 1,000 expiring 2030-01-01, then an undated option row
    at the same price acquiring 500 with 500 after it (1,000 + 500 is not 500): two
    positions, 1,000 and 500."""
    pd = form(
        owner("Doe John", "0000000011"),
        "",
        {},
        deriv=dv_row("Stock Option", "Common Stock", 1000, 1000, price="5", expires="2030-01-01")
        + dv_row("Stock Option", "Common Stock", 500, 500, price="5"),
    )
    assert sorted(h.shares for h in pd.holdings) == [500, 1000]


def test_a_nature_printed_with_and_without_its_final_point_is_one_position() -> None:
    """Row shapes of MongoDB, Form 4 of Roelof Botha, 2019-06-10 (amounts as filed): the
    fund converts 846,821 Class B (846,821 after, nature "By Sequoia Capital U.S. Growth
    Fund IV, L.P") then distributes them (0 after, nature "... IV, L.P."): one position of
    0, not a second one of 846,821."""
    pd = form(
        owner("Doe John", "0000000011"),
        nd_row(846821, "I", "By Example Growth Fund IV, L.P", code="C", amount=846821)
        + nd_row(0, "I", "By Example Growth Fund IV, L.P.", code="J", amount=846821),
        {},
    )
    assert [h.shares for h in pd.holdings] == [0]


def test_an_unnamed_intermediary_printed_two_ways_is_one_party() -> None:
    """Synthetic variant: "By Trust" then "By trust." (no footnote): one unnamed
    intermediary, one position (the last row, 500)."""
    pd = form(
        owner("Doe John", "0000000011"),
        nd_row(700, "I", "By Trust") + nd_row(500, "I", "By trust."),
        {},
    )
    assert [h.shares for h in pd.holdings] == [500]
    assert len({h.holder_id for h in pd.holdings}) == 1


def test_natures_that_differ_in_words_stay_two_positions() -> None:
    """Synthetic variant: "By Fund IV, L.P." and "By Fund V, L.P." (and "By LP" / "By LLC")
    are other holders: two positions each."""
    pd = form(
        owner("Doe John", "0000000011"),
        nd_row(10, "I", "By Example Fund IV, L.P.") + nd_row(20, "I", "By Example Fund V, L.P."),
        {},
    )
    assert sorted(h.shares for h in pd.holdings) == [10, 20]
    pd = form(
        owner("Doe John", "0000000011"), nd_row(1, "I", "By LP") + nd_row(2, "I", "By LLC"), {}
    )
    assert sorted(h.shares for h in pd.holdings) == [1, 2]
