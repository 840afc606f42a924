"""Forms 3/4/5: who holds an indirect row, as its footnote names it ("owned by X" beside
"held by X"); synthetic footnotes in shapes real filings use, expected values by hand."""

from __future__ import annotations

from tests.test_form345_fidelity import form, names, nd_row, owner


def _holders(footnote: str) -> list[str]:
    pd = form(
        owner("Doe John", "0000000011"), nd_row(1000, "I", "See footnote", "F1"), {"F1": footnote}
    )
    n = names(pd)
    return [n[h.holder_id] for h in pd.holdings]


def test_the_shares_are_owned_by_names_the_holder() -> None:
    """Synthetic: "The shares are owned by Zeta Holdings, Inc., a corporation of which the
    Reporting Person is the controlling shareholder." -- Zeta holds the row (before: an
    unnamed intermediary beside Zeta)."""
    assert _holders(
        "The shares are owned by Zeta Holdings, Inc., a corporation of which the Reporting"
        " Person is the controlling shareholder."
    ) == ["Zeta Holdings, Inc."]


def test_beneficially_owned_and_owned_of_record_by() -> None:
    """Synthetic variants: "These shares are beneficially owned by Zeta Holdings, Inc., which
    is wholly owned by the Reporting Person"; "The securities are owned of record by Zeta
    Holdings, Inc."."""
    assert _holders(
        "These shares are beneficially owned by Zeta Holdings, Inc., which is wholly owned by"
        " the Reporting Person."
    ) == ["Zeta Holdings, Inc."]
    assert _holders(
        "The securities are owned of record by Zeta Holdings, Inc. The Reporting Person is the"
        " sole shareholder of Zeta Holdings, Inc."
    ) == ["Zeta Holdings, Inc."]


def test_an_entity_owned_by_its_parent_is_still_the_holder() -> None:
    """Synthetic: "Shares held by Alpha LLC, which is owned by Beta Corp. The Reporting Person
    is the sole shareholder of Beta Corp." -- Alpha LLC holds the row ("which is owned by" is
    a relation between entities, not a holder)."""
    assert _holders(
        "Shares held by Alpha LLC, which is owned by Beta Corp. The Reporting Person is the sole"
        " shareholder of Beta Corp."
    ) == ["Alpha LLC"]
