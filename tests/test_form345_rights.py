"""Forms 3/4/5: rights to acquire within 60 days (Rule 13d-3(d)(1)(i), conventions 4 and 15
of tests/fixtures/corpus/README.md) stated in the words real footnotes use."""

from __future__ import annotations

from ownergraph.loaders.form345_positions import NOW


def test_a_conversion_stated_after_the_ipo_closing_is_a_right_to_acquire() -> None:
    """Quoted (MongoDB, Form 3 of Roelof Botha, 2017-10-18, F1): the closing comes first,
    the conversion after it -- a right to acquire like "will be converted ... immediately
    prior to the completion of the IPO" (convention 15)."""
    assert NOW.search(
        "Immediately prior to the completion of the Issuer's initial public offering, all"
        " shares of Series C Redeemable Convertible Preferred Stock will be converted into"
        " shares of Class B Common Stock."
    )
    # synthetic, same order: "Upon the closing of the IPO, ... shall automatically convert"
    assert NOW.search(
        "Upon the closing of the Issuer's IPO, each share of Series A Preferred Stock shall"
        " automatically convert into one share of Common Stock."
    )


def test_a_conversion_at_a_later_event_after_the_ipo_is_not() -> None:
    """Quoted (MongoDB, Form 3 of Roelof Botha, 2017-10-18, F2, its second sentence): the
    Class B converts "upon the earlier of: (i) any transfer ..." after the IPO, an event
    with no date -- not a right to acquire by itself."""
    assert not NOW.search(
        "Upon the closing of the Issuer's sale of its Class A Common Stock in its firm"
        " commitment underwritten initial public offering pursuant to a registration statement"
        " on Form S-1 (File No. 333-220557) under the Securities Act of 1933, as amended, the"
        " Class B Common Stock will convert automatically into Class A Common Stock on the"
        " same basis upon the earlier of: (i) any transfer, whether or not for value"
    )


def test_a_basis_with_a_decimal_ratio_and_no_expiration_date_is_a_right_to_acquire() -> None:
    """Quoted (MongoDB, Form 3 of Roelof Botha, 2017-10-18, F1, first sentence): "on a
    1:0.75 basis" (the '.' of the ratio ends no sentence) -- as "on a 1-for-1 basis and has
    no expiration date" (convention 4: a convertible class with no condition and no date)."""
    assert NOW.search(
        "The Series C Redeemable Convertible Preferred Stock is convertible into Class B Common"
        " Stock on a 1:0.75 basis and has no expiration date."
    )
    assert not NOW.search("The note is convertible into Class B Common Stock. It has no basis.")


def test_the_ipo_in_other_words_is_the_same_event() -> None:
    """Synthetic sentences in the shapes of IPO-time Forms 3 (convention 15): 'its'
    offering, an 'underwritten' offering, 'upon the Issuer's initial public offering', 'in
    connection with (the closing of) the IPO' -- a right to acquire; a conversion seven years
    after the IPO's effective date and one at a business combination are not."""
    yes = [
        "Each share of Series A Preferred Stock will automatically convert into one share of"
        " Common Stock upon the closing of its initial public offering.",
        "The Series B Preferred Stock will automatically convert into Class B Common Stock upon"
        " the Issuer's initial public offering.",
        "The Series B Preferred Stock will automatically convert immediately prior to the"
        " closing of the Issuer's underwritten initial public offering.",
        "In connection with the closing of the IPO, each share of Series A Preferred Stock will"
        " be converted into one share of Common Stock.",
    ]
    for s in yes:
        assert NOW.search(s), s
    assert not NOW.search(
        "All Class A Common Stock and Class B Common Stock will convert automatically into"
        " Common Stock on the earlier of (i) the date on which the number of outstanding shares"
        " of Class B Common Stock represents less than 10% of the aggregate combined number of"
        " outstanding shares and (ii) seven years following the effective date of the issuer's"
        " initial public offering."
    )
    assert not NOW.search(
        "The Class B ordinary shares will automatically convert into Class A ordinary shares at"
        " the time of the issuer's initial business combination."
    )


def test_a_footnote_date_within_60_days_makes_a_right_to_acquire() -> None:
    """Synthetic exercise-date footnotes (period of report 2021-08-10 in these tests):
    vested or exercisable on or before 2021-10-09 -> a right to acquire (convention 4); a
    later date, a business combination, a grant date inside 'the earlier of' wording that
    names no vesting date, a fully vested RSU (settling later) -> not."""
    import datetime as dt

    from ownergraph.loaders.form345_vesting import dated_right

    p = dt.date(2021, 8, 10)
    yes = [
        "The option vested in full on January 1, 2021.",
        "The option becomes exercisable on September 1, 2021.",
        "The option vests in four equal annual installments beginning on March 1, 2020.",
        "25% of the shares subject to the option vested on January 1, 2021 and the remainder"
        " vest in 36 equal monthly installments thereafter.",
        "The RSUs vest on the earlier of (i) September 1, 2021 or (ii) the next annual meeting.",
    ]
    for s in yes:
        assert dated_right(s, p, option_like=True), s
    assert dated_right("The option is fully vested.", p, option_like=True)
    no = [
        "The option becomes exercisable on September 1, 2022.",
        "The warrants become exercisable 30 days after the completion of the Issuer's initial"
        " business combination.",
        "The RSUs will vest and become exercisable in full on the earlier of (x) the date that"
        " is 12 months following the date of grant (April 12, 2019) or (y) the date of the"
        " annual stockholder meeting next following the grant.",
        "The option expires on January 1, 2021.",
    ]
    for s in no:
        assert not dated_right(s, p, option_like=True), s
    assert not dated_right("The restricted stock units are fully vested.", p, option_like=False)


def test_the_form_reads_the_dated_footnote_on_the_exercise_date() -> None:
    """Synthetic Form 4 (period 2021-08-10): an option whose exercise date is a footnote
    'The option vested in full on January 1, 2021.' is a right to acquire; 'becomes
    exercisable on September 1, 2022' is not."""
    from tests.test_form345_fidelity import form, owner

    def option(note: str):  # type: ignore[no-untyped-def]
        row = (
            "<derivativeHolding><securityTitle><value>Stock Option (right to buy)</value>"
            "</securityTitle><conversionOrExercisePrice><value>10</value>"
            '</conversionOrExercisePrice><exerciseDate><footnoteId id="F1"/></exerciseDate>'
            "<expirationDate><value>2030-01-01</value></expirationDate><underlyingSecurity>"
            "<underlyingSecurityTitle><value>Common Stock</value></underlyingSecurityTitle>"
            "<underlyingSecurityShares><value>1000</value></underlyingSecurityShares>"
            "</underlyingSecurity><postTransactionAmounts><sharesOwnedFollowingTransaction>"
            "<value>1000</value></sharesOwnedFollowingTransaction></postTransactionAmounts>"
            "<ownershipNature><directOrIndirectOwnership><value>D</value>"
            "</directOrIndirectOwnership></ownershipNature></derivativeHolding>"
        )
        return form(owner("Doe John", "0000000011"), "", {"F1": note}, deriv=row).holdings[0]

    assert option("The option vested in full on January 1, 2021.").right_to_acquire
    assert not option("The option becomes exercisable on September 1, 2022.").right_to_acquire


def test_an_option_exercisable_now_in_other_words() -> None:
    """Synthetic sentences in the shapes of option footnotes: "The option is fully
    exercisable."; "Currently exercisable."; "This option is presently exercisable as to
    2,500 shares" (partly: convention 4 follows the vested part); "exercisable in full as of
    the date of grant" -- rights to acquire now."""
    for t in (
        "The option is fully exercisable.",
        "Currently exercisable.",
        "This option is presently exercisable as to 2,500 shares.",
        "This option is exercisable in full as of the date of grant.",
        "The warrants are currently exercisable and expire on June 1, 2027.",
    ):
        assert NOW.search(t), t


def test_an_option_exercisable_later_or_on_an_event_is_not() -> None:
    """Synthetic variants that date or condition the exercise: "fully exercisable on June 1,
    2023", "exercisable in full upon a change in control", "is not currently exercisable",
    "exercisable in full as of March 1, 2025" (a date: the dating rule judges it), "currently
    exercisable if the Issuer's stock price exceeds $20"."""
    for t in (
        "The option becomes fully exercisable on June 1, 2023.",
        "The option is fully exercisable on June 1, 2023.",
        "The option will be exercisable in full upon a change in control of the Issuer.",
        "The option is not currently exercisable.",
        "The option is exercisable in full as of March 1, 2025.",
        "The warrant is currently exercisable if the Issuer's stock price exceeds $20.",
    ):
        assert not NOW.search(t), t


def test_an_option_vested_when_granted_is_a_right_to_acquire() -> None:
    """Synthetic option footnotes: vested at grant, so exercisable now (convention 4);
    the same words about a later event, or about RSUs (which settle, not exercise), are
    not."""
    import datetime as dt

    from ownergraph.loaders.form345_vesting import dated_right

    p = dt.date(2021, 8, 10)
    for t in (
        "The shares subject to the option vested immediately upon grant.",
        "The option vested in full on the date of grant.",
        "The option was immediately vested.",
        "This option vests immediately.",
        "The warrant vested on the grant date.",
    ):
        assert dated_right(t, p, option_like=True), t
    for t in (
        "The option vests immediately prior to a change in control of the Issuer.",
        "The option will be immediately vested upon a merger of the Issuer.",
        "The option vests in four equal annual installments beginning on August 10, 2022.",
    ):
        assert not dated_right(t, p, option_like=True), t
    assert not dated_right("The RSUs vested immediately upon grant.", p, option_like=False)


def test_monthly_installments_after_a_past_date_vest_within_60_days() -> None:
    """Quoted (Zynga, Form 4 of Reid Hoffman, 2011-12-15, F2): "The service-based vesting
    condition was satisfied as to 1/48th of the total shares underlying the RSU on March 1,
    2008. The remaining shares vest, in equal monthly installments thereafter" -- an
    installment every month: within 60 days of 2011-12-15. Synthetic variants: a grant
    date then monthly thereafter (true); the first date after the 60 days, or a cliff at an
    anniversary (false)."""
    import datetime as dt

    from ownergraph.loaders.form345_vesting import dated_right

    p = dt.date(2011, 12, 15)
    assert dated_right(
        "The service-based vesting condition was satisfied as to 1/48th of the total shares"
        " underlying the RSU on March 1, 2008. The remaining shares vest, in equal monthly"
        " installments thereafter, subject to continued service to the Issuer through each"
        " vesting date.",
        p,
        option_like=False,
    )
    assert dated_right(
        "The option was granted on March 1, 2011 and vests each month thereafter.",
        p,
        option_like=True,
    )
    assert not dated_right(
        "The option vests as to 25% on March 1, 2012 and in equal monthly installments thereafter.",
        p,
        option_like=True,
    )
    assert not dated_right(
        "The option was granted on December 1, 2011; 25% vests on the first anniversary of the"
        " grant date and the rest in equal monthly installments thereafter.",
        p,
        option_like=True,
    )


def test_a_share_for_share_conversion_without_condition_or_date() -> None:
    """Synthetic preferred-stock footnotes (convention 4: a share-for-share convertible class
    with no condition and no date is a right to acquire): "is convertible into one share of
    Common Stock and has no expiration date", "into an equal number of shares"; not with a
    condition ("upon the closing of a qualified IPO", "only after June 1, 2030") or when the
    words are two sentences apart."""
    assert NOW.search(
        "Each share of Series A Preferred Stock is convertible into one share of Common Stock and"
        " has no expiration date."
    )
    assert NOW.search(
        "The Series B Preferred Stock is convertible into an equal number of shares of Common"
        " Stock and has no expiration date."
    )
    for t in (
        "Each share of Series A Preferred Stock is convertible into one share of Common Stock"
        " upon the closing of a qualified IPO and has no expiration date.",
        "Each share is convertible into one share of Common Stock only after June 1, 2030 and has"
        " no expiration date.",
        "The note is convertible into one share per $10 of principal. It has no expiration date.",
    ):
        assert not NOW.search(t), t
