"""Numbers of the cover pages as graph.clean reads them (the fields room): synthetic values,
the expected figures written by hand."""

from __future__ import annotations

import pytest

from ownergraph.graph.clean import parse_percent


@pytest.mark.parametrize(
    ("text", "want"),
    [("12,3456", 12.3456), ("4,5%", 4.5), ("0,87", 0.87), (",75%", 0.75), ("100,0", 100.0)],
)
def test_a_comma_in_a_percent_is_a_decimal_comma(text: str, want: float) -> None:
    """A percent of a class has no thousands (it is at most 100): its comma is decimal."""
    assert parse_percent(text) == want


@pytest.mark.parametrize("bad", ["1,234,5", "123,4", "1,2,3"])
def test_a_comma_percent_out_of_range_or_malformed_is_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_percent(bad)
