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
