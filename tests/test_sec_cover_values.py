"""How a cover page's rows 7-11 spell their values (loaders.sec_cover_amounts): every
spelling real filings use for the same figure reads as that figure. The row texts are
quoted from dev copies' cover pages (named) with the value re-spelled (synthetic), the
expected figures read by hand (labelling convention 6: a lone dash is 0)."""

from __future__ import annotations

import pytest

from ownergraph.loaders.sec_cover import _Row
from ownergraph.loaders.sec_cover_amounts import _read_amount


def _value(key: str, text: str) -> float | None:
    return _read_amount(_Row(key, text, 0, len(text))).total


# THORN Americas / Advantage Companies 1995 13D (dev): row 8 between the stub column's
# words, the next row's number "9)" below; the filing prints "-0-", re-spelled as dashes.
_THORN_ROW8 = (
    " \n  Owned By\n    Each                       {v}\n"
    "  Reporting                ----------------------------------------  \n"
    "  Person With\n                           9)  "
)
# Dominion Capital Fund / Voxcom 1999 13G/A (dev): row 5 prints "0 (see Note A)".
_DOMINION_ROW5 = (
    "\n\n                        {v} (see Note A)\n"
    "                  --------------------------------------------------------------\n"
    "  NUMBER OF       6     "
)
# Rubin Investment Group / Cetalon 2001 13D (dev): row 8 prints "0" above "(9)".
_RUBIN_ROW8 = (
    "\n    Beneficially Owned                                      {v}\n"
    "    by Each Reporting                   --------------------------------------\n"
    "    Person with                        (9)        "
)


@pytest.mark.parametrize("dash", ["-", "--", "\u2014", "---"])
@pytest.mark.parametrize("row", [_THORN_ROW8, _DOMINION_ROW5, _RUBIN_ROW8])
def test_a_dash_printed_for_the_value_beside_stub_words_or_a_note_is_zero(
    row: str, dash: str
) -> None:
    """Synthetic re-spellings of quoted rows: the value "-0-" / "0" printed as a dash
    (convention 6: 0) beside the stub column's words, before a note, above the next row's
    number; the long rules between rows stay rules."""
    assert _value("shared_voting", row.format(v=dash)) == 0.0
    assert _value("shared_voting", row.format(v="0")) == 0.0


def test_a_rule_or_a_blank_row_is_not_a_dash_value() -> None:
    """A row that prints nothing but the rule under it and the next row's number stays
    blank (None): the rule ("- -----") is no lone dash (synthetic, the Rubin layout)."""
    blank = (
        "\n    Beneficially Owned\n"
        "- ------------------------------------------------------------------------------\n"
        "(11) "
    )
    assert _value("shared_dispositive", blank) is None
    assert _value("shared_voting", _RUBIN_ROW8.format(v="")) is None


@pytest.mark.parametrize("mark", ["\u00b9", "\u00b2", "\u00b9\u207e", "\u2074"])
def test_a_superscript_footnote_mark_after_a_count_is_not_a_digit(mark: str) -> None:
    """THORN 1995 13D (dev) row 7 "3,768,922" with a superscript footnote mark after it
    (synthetic): the count stays 3,768,922, the next row's number "8)" is not read."""
    row = (
        "\n  Number of                    3,768,922{m}\n"
        "   Shares                  ----------------------------------------\n"
        "  Beneficially             8)  "
    ).format(m=mark.replace("\u207e", ""))
    assert _value("sole_voting", row) == 3_768_922
