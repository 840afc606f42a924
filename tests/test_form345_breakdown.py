"""Forms 3/4/5: a row broken down by named holder with a count each (convention 7 of
tests/fixtures/corpus/README.md: one holding per named holder with its stated count).
Synthetic footnotes in the shapes of real ones; the holdings are read by hand."""

from __future__ import annotations

from tests.test_form345_fidelity import form, names, nd_row, owner


def _holdings(footnote: str, row: float = 3000) -> list[tuple[str, float]]:
    pd = form(
        owner("Doe John", "0000000011"), nd_row(row, "I", "See Footnote", "F1"), {"F1": footnote}
    )
    n = names(pd)
    return sorted((n[h.holder_id], h.shares) for h in pd.holdings)


def test_counts_per_named_holder_split_the_row() -> None:
    assert _holdings(
        "Consists of 1,000 shares held by the Doe 2012 Trust and 2,000 shares held by the"
        " Doe 2014 Trust."
    ) == [("Doe 2012 Trust", 1000), ("Doe 2014 Trust", 2000)]
    assert _holdings(
        "Of these shares, 1,000 are held by Alpha Holdings LLC and 2,000 are held by Beta"
        " Holdings LLC."
    ) == [("Alpha Holdings LLC", 1000), ("Beta Holdings LLC", 2000)]
    assert _holdings(
        "Represents 1,000 shares held directly by Alpha Partners, L.P. and 2,000 shares held of"
        " record by Beta Partners, L.P."
    ) == [("Alpha Partners, L.P.", 1000), ("Beta Partners, L.P.", 2000)]


def test_counts_that_do_not_add_up_to_the_row_do_not_split_it() -> None:
    """1,000 + 500 is not the row's 3,000: the footnote tells part of the story only."""
    got = _holdings(
        "Includes 1,000 shares held by Alpha Partners, L.P. and 500 shares held by Beta"
        " Partners, L.P."
    )
    assert [s for _n, s in got] == [3000]


def _parsed(footnote: str):  # type: ignore[no-untyped-def]
    pd = form(
        owner("Doe John", "0000000011"), nd_row(3000, "I", "See Footnote", "F1"), {"F1": footnote}
    )
    n = names(pd)
    return (
        [(n[h.holder_id], h.shares) for h in pd.holdings],
        {(n[lk.controller_id], n[lk.controlled_id], lk.role.value) for lk in pd.links},
    )


def test_the_holder_named_before_which_holds_the_shares() -> None:
    """Synthetic footnotes: the holder is named before a relative clause that says it holds
    the row ('Doe Corp, which holds the shares'), not an unnamed intermediary; a clause about
    the shares of another company names no holder of this row."""
    h, lk = _parsed(
        "The reporting person is the President and sole shareholder of Doe Corp, which holds"
        " the shares."
    )
    assert h == [("Doe Corp", 3000)]
    assert ("John Doe", "Doe Corp", "parent") in lk
    h, lk = _parsed(
        "The Reporting Person is a co-trustee of the Doe 2015 Trust, which holds these shares."
    )
    assert h == [("Doe 2015 Trust", 3000)] and ("John Doe", "Doe 2015 Trust", "trustee") in lk
    h, _lk = _parsed(
        "The reporting person is the managing member of Doe Ventures LLC, which is the record"
        " holder of the securities reported herein."
    )
    assert h == [("Doe Ventures LLC", 3000)]
    h, _lk = _parsed(
        "Doe Corp, which holds the shares of Alpha LLC, is the sole member of Alpha LLC. The"
        " shares are held by Alpha LLC."
    )
    assert h == [("Alpha LLC", 3000)]


def test_the_holder_named_after_held_through() -> None:
    """Synthetic: 'Held through Acme Sub LLC, a wholly owned subsidiary of the reporting
    person.' -> Acme Sub LLC holds the row (parent link); 'held indirectly through X' too."""
    h, lk = _parsed("Held through Acme Sub LLC, a wholly owned subsidiary of the reporting person.")
    assert h == [("Acme Sub LLC", 3000)]
    assert ("John Doe", "Acme Sub LLC", "parent") in lk
    h, _lk = _parsed(
        "Held indirectly through Doe Family Partners, L.P., of which the Reporting Person is a"
        " limited partner."
    )
    assert h == [("Doe Family Partners, L.P.", 3000)]
