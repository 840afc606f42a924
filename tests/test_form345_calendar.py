"""Forms 3/4/5 deadlines count SEC business days: weekends and federal holidays out (the
dates below are read off the calendar by hand)."""

from __future__ import annotations

import datetime as dt

from ownergraph.loaders import parse_bytes
from ownergraph.loaders.form345_calendar import (
    add_business_days,
    federal_holidays,
    next_business_day,
)


def test_federal_holidays_observed() -> None:
    h21 = federal_holidays(2021)
    assert dt.date(2021, 1, 18) in h21  # Martin Luther King Jr. Day, third Monday
    assert dt.date(2021, 6, 18) in h21  # Juneteenth (Saturday) observed Friday
    assert dt.date(2021, 12, 24) in h21  # Christmas (Saturday) observed Friday
    assert dt.date(2021, 12, 31) in h21  # New Year's Day 2022 (Saturday) observed Friday
    assert dt.date(2020, 6, 19) not in federal_holidays(2020)  # Juneteenth from 2021
    assert dt.date(2023, 10, 9) in federal_holidays(2023)  # Columbus Day, second Monday
    assert dt.date(2023, 11, 10) in federal_holidays(2023)  # Veterans Day (Sat) on Friday
    assert dt.date(2024, 11, 28) in federal_holidays(2024)  # Thanksgiving, fourth Thursday
    assert dt.date(2024, 5, 27) in federal_holidays(2024)  # Memorial Day, last Monday


def test_two_business_days_skip_the_holidays() -> None:
    """Form 4 dates of the corpus that the weekday-only count called late: a Thursday before
    Columbus Day (Eventbrite 2020-10-08, signed 10-13), a Friday before a Monday July 4
    (Block 2022-07-01, signed 07-06), a Friday before Martin Luther King Jr. Day (Affirm
    2021-01-15, signed 01-20): each deadline is the signing day."""
    assert add_business_days(dt.date(2020, 10, 8), 2) == dt.date(2020, 10, 13)
    assert add_business_days(dt.date(2022, 7, 1), 2) == dt.date(2022, 7, 6)
    assert add_business_days(dt.date(2021, 1, 15), 2) == dt.date(2021, 1, 20)
    assert next_business_day(dt.date(2024, 2, 17)) == dt.date(2024, 2, 20)  # Sat, Presidents Day


def _form4(period: str, signed: str, tx: str) -> bytes:
    return (
        '<?xml version="1.0"?><ownershipDocument><schemaVersion>X0306</schemaVersion>'
        f"<documentType>4</documentType><periodOfReport>{period}</periodOfReport>"
        "<issuer><issuerCik>0001832038</issuerCik><issuerName>Example Issuer, Inc.</issuerName>"
        "</issuer><reportingOwner><reportingOwnerId><rptOwnerCik>0000000011</rptOwnerCik>"
        "<rptOwnerName>Doe John</rptOwnerName></reportingOwnerId></reportingOwner>"
        "<nonDerivativeTable><nonDerivativeTransaction><securityTitle><value>Common Stock"
        f"</value></securityTitle><transactionDate><value>{tx}</value></transactionDate>"
        "<transactionCoding><transactionFormType>4</transactionFormType><transactionCode>S"
        "</transactionCode></transactionCoding><transactionAmounts><transactionShares><value>10"
        "</value></transactionShares><transactionAcquiredDisposedCode><value>D</value>"
        "</transactionAcquiredDisposedCode></transactionAmounts><postTransactionAmounts>"
        "<sharesOwnedFollowingTransaction><value>90</value></sharesOwnedFollowingTransaction>"
        "</postTransactionAmounts><ownershipNature><directOrIndirectOwnership><value>D</value>"
        "</directOrIndirectOwnership></ownershipNature></nonDerivativeTransaction>"
        "</nonDerivativeTable><ownerSignature><signatureName>/s/ John Doe</signatureName>"
        f"<signatureDate>{signed}</signatureDate></ownerSignature></ownershipDocument>"
    ).encode()


def test_a_form4_signed_on_the_day_after_a_holiday_weekend_is_not_late() -> None:
    pd = parse_bytes(_form4("2022-07-01", "2022-07-06", "2022-07-01"), path="x.xml")
    assert not [f for f in pd.findings if f.kind == "late_filing"]
    pd = parse_bytes(_form4("2022-07-01", "2022-07-07", "2022-07-01"), path="x.xml")
    (late,) = [f for f in pd.findings if f.kind == "late_filing"]
    assert (late.expected, late.found) == ("2022-07-06", "2022-07-07")


def test_the_deadline_runs_from_the_latest_of_the_period_and_the_rows() -> None:
    """Synthetic: a row dated before the period of report (reported late) does not pull the
    deadline before the period: period 2020-12-15 (Tuesday), a row of 2020-12-11, signed
    2020-12-17 (two business days after the period): not late."""
    pd = parse_bytes(_form4("2020-12-15", "2020-12-17", "2020-12-11"), path="x.xml")
    assert not [f for f in pd.findings if f.kind == "late_filing"]
