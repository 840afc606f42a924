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


# Dimensional Fund Advisors / Ashworth 2003 13G/A (dev): row 2 as extracted, box (b)
# checked; the boxes re-spelled as HTML filings print them (synthetic).
_DIMENSIONAL_ROW2 = "\n\n \t (a) {a}\n\n \t (b) {b}\n\n 3.\n  \t "


@pytest.mark.parametrize(
    ("empty", "checked"),
    [
        ("[ ]", "[X]"),
        ("\u00a8", "\u00fe"),  # Wingdings: empty box, box with a check
        ("\u00a8", "\u00fd"),  # Wingdings: empty box, box with an X
        ("\u2610", "\u2612"),
        ("\u2610", "\u2611"),
        ("\u25a1", "\u25a0"),
        ("o", "x"),
    ],
)
def test_the_checked_group_box_in_every_spelling(empty: str, checked: str) -> None:
    """Row 2's checked box is read whatever glyph prints it; an empty box is no check."""
    from ownergraph.loaders.sec_cover_rows import _group_box

    assert _group_box(_DIMENSIONAL_ROW2.format(a=empty, b=checked)) == "b"
    assert _group_box(_DIMENSIONAL_ROW2.format(a=checked, b=empty)) == "a"
    assert _group_box(_DIMENSIONAL_ROW2.format(a=empty, b=empty)) is None


@pytest.mark.parametrize(
    ("codes", "percent"),
    [
        ("IA", "5.87%"),
        ("IA*", "5.87%"),
        ("IA (1)", "5.87%(1)"),
        ("IA, HC", "5.87%"),
        ("IA - Investment Adviser", "5.87 per cent"),
        ("IA", "5.87%\u00b9"),
        ("IA", "5.87% [1]"),
    ],
)
def test_values_above_labels_with_a_marked_code_or_percent(codes: str, percent: str) -> None:
    """EquiTrust / Matrix Service 1998 13G/A (dev copy): each value stands on the line above
    its label, the layout told by a code line and a percentage line; row 14's code and row
    13's percent re-spelled with footnote marks, a second code, the code's words, "per cent"
    (synthetic). The page keeps its name, rows and codes."""
    from pathlib import Path

    from ownergraph.loaders import sec13dg_legacy as legacy

    path = (
        Path(__file__).resolve().parent
        / "fixtures/corpus/sec13dg-legacy"
        / "1998-sc13ga-728974_matrix-service-co_equitrust-investment-management-services-inc.txt"
    )
    text = path.read_text(encoding="latin-1")
    assert "\n5.87%\n" in text and "\n\nIA\n(12) " in text
    text = text.replace("\n5.87%\n", f"\n{percent}\n").replace(
        "\n\nIA\n(12) ", f"\n\n{codes}\n(12) "
    )
    (pos,) = legacy.parse_text(text).positions
    assert (pos.name, pos.sole_voting, pos.aggregate, pos.percent_of_class) == (
        "EquiTrust Investment Management Services, Inc.",
        565750,
        565750,
        5.87,
    )
    assert pos.type_codes[0] == "IA"


def _fitzgerald_text() -> str:
    from pathlib import Path

    path = (
        Path(__file__).resolve().parent
        / "fixtures/corpus/sec13dg-legacy"
        / "1994-sc13d-356981_suburban-bancorp-inc-de_fitzgerald-thomas-g.txt"
    )
    return path.read_text(encoding="latin-1")


@pytest.mark.parametrize("mark", [" (1)", "*", "\u00b9"])
def test_a_listed_name_with_a_footnote_mark_keeps_its_lines(mark: str) -> None:
    """Fitzgerald / Suburban Bancorp 1994 13D (dev copy): one combined cover page lists the
    ten persons under row 1 and gives each a line under rows 7-11 ("Gerald F. Fitzgerald
    . . . 7,950  110,872"). A footnote mark after a name in row 1 (synthetic) is no part
    of the name: the page is still read per person (before: the filing was refused)."""
    from ownergraph.loaders import sec13dg_legacy as legacy

    text = _fitzgerald_text()
    line = "     (i)       Gerald F. Fitzgerald\n"
    assert line in text
    text = text.replace(line, line.rstrip("\n") + mark + "\n", 1)
    pos = legacy.parse_text(text).positions
    assert len(pos) == 10
    assert (pos[0].name, pos[0].shared_voting, pos[0].aggregate) == (
        "Gerald F. Fitzgerald",
        7950,
        7950,
    )


@pytest.mark.parametrize("sep", ["\u2009", "\u202f", "\u00a0"])
def test_a_listed_count_grouped_by_a_thin_space(sep: str) -> None:
    """The same filing with its counts grouped by a thin / narrow / no-break space
    ("7 950", synthetic): the person's count is 7,950, not 7."""
    from ownergraph.loaders import sec13dg_legacy as legacy

    text = _fitzgerald_text().replace("7,950", f"7{sep}950")
    pos = legacy.parse_text(text).positions
    assert (pos[0].name, pos[0].shared_voting) == ("Gerald F. Fitzgerald", 7950)


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("Gabelli Funds, LLC I.D. No. 13-4044523\u00b9", "Gabelli Funds, LLC"),
        ("The Vanguard Group, Inc. - 23-1945930\u00b2", "The Vanguard Group, Inc."),
    ],
)
def test_a_superscript_mark_after_the_tax_number_of_a_name(printed: str, name: str) -> None:
    """Row 1 quoted from GAMCO / Strattec 2024 and Vanguard / Coeur d'Alene 2012 (dev), a
    superscript footnote mark added after the tax number (synthetic): the number and its
    label are still cut off the name."""
    from ownergraph.loaders.sec_cover import _Page
    from ownergraph.loaders.sec_cover_rows import _read_page
    from ownergraph.loaders.sec_legacy_ctx import _Ctx

    row = f"\n\n{printed}\n\n"
    page = _Page(index=0, start=0, end=len(row))
    page.rows["name"] = _Row("name", row, 0, len(row))
    _read_page(_Ctx(path="<t>", text=row, doc_id="d", accession=None), page)
    assert page.name_raw == name


@pytest.mark.parametrize(
    ("row", "name"),
    [
        # Musk / SolarCity 2012 13G/A (dev copy) row 1, the name typed over two lines
        ("\n\n Elon R.\nMusk\n\n   2.\t  \t ", "Elon R. Musk"),
        # Dupuy / Moore Benjamin 1997 13D (dev copy) row 1, likewise
        ("\n\n\n\n       Yvan\nDupuy\n- ---------------------------------\n   ", "Yvan Dupuy"),
        # Harvard / AIM Eastern Europe Fund 1999 13G (dev copy), broken before "of"
        (
            "\n\n   President and Fellows\n   of Harvard College\n\n",
            "President and Fellows of Harvard College",
        ),
        # not a continuation: the row's next line is an "N/A" tax number or a place
        ("\n\n Max\nN/A\n\n", "Max"),
        ("\n\n Elon R. Musk\nUnited States\n\n", "Elon R. Musk"),
        ("\n\n Elon R. Musk\nDelaware\n\n", "Elon R. Musk"),
    ],
)
def test_a_name_typed_over_two_lines(row: str, name: str) -> None:
    """Row 1 as the dev copies print it, the name broken over two lines (synthetic): the
    lines are one name; a tax number or a place below a whole name is not part of it."""
    from ownergraph.loaders.sec_cover import _Page
    from ownergraph.loaders.sec_cover_rows import _read_page
    from ownergraph.loaders.sec_legacy_ctx import _Ctx

    page = _Page(index=0, start=0, end=len(row))
    page.rows["name"] = _Row("name", row, 0, len(row))
    _read_page(_Ctx(path="<t>", text=row, doc_id="d", accession=None), page)
    assert page.name_raw == name


# Capital Group / Pyramid Technology 1994 13G/A (dev): row 11 (the percent) as extracted,
# the next row's number above its value; the filing prints "0.0%", re-spelled (synthetic).
_CAPITAL_ROW11 = "\n  11      \n       {v}\n\n       "


def _percent(row: str) -> float | None:
    from ownergraph.loaders.sec_cover import _Page
    from ownergraph.loaders.sec_cover_rows import _read_page
    from ownergraph.loaders.sec_legacy_ctx import _Ctx

    page = _Page(index=0, start=0, end=len(row))
    page.rows["percent"] = _Row("percent", row, 0, len(row))
    _read_page(_Ctx(path="<t>", text=row, doc_id="d", accession=None), page)
    return page.percent


@pytest.mark.parametrize("zero", ["0.0%", "-0-", "-0-%", "NONE", "None", "Nil", "0", "- 0 -%", "-"])
def test_a_zero_percent_in_every_spelling(zero: str) -> None:
    """Row 13 (11 on a 13G) printed as zero in the words and marks rows 7-11 use for it
    (convention 6): 0, not unknown; the row number beside it is no value."""
    assert _percent(_CAPITAL_ROW11.format(v=zero)) == 0.0


@pytest.mark.parametrize(("printed", "value"), [(".75", 0.75), ("5.87", 5.87), ("0.75", 0.75)])
def test_a_percent_printed_without_its_sign(printed: str, value: float) -> None:
    """Kanarellis 1997 (dev) prints ".75%" and EquiTrust 1998 "5.87%"; without the sign
    (synthetic) the decimal is still the percent."""
    assert _percent(_CAPITAL_ROW11.format(v=printed)) == value


def test_a_blank_or_bounded_percent_stays_unknown() -> None:
    """Synthetic: a blank row 13, "N/A" and "Less than 1%" are null (conventions 6, 14)."""
    assert _percent(_CAPITAL_ROW11.format(v="")) is None
    assert _percent(_CAPITAL_ROW11.format(v="N/A")) is None
    assert _percent(_CAPITAL_ROW11.format(v="Less than 1%")) is None


_OUT_OF_ORDER = """
1   NAME OF REPORTING PERSON
    Jane Q. Holder
2   CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP      (a) [ ]  (b) [ ]
3   SEC USE ONLY
4   CITIZENSHIP OR PLACE OF ORGANIZATION
    United States
{rows}
9   AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON
    484,296
10  CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (9) EXCLUDES CERTAIN SHARES   [ ]
11  PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9)
    5.4%
12  TYPE OF REPORTING PERSON
    IN

Item 1(a).  Name of Issuer:
"""
_POWERS = {
    "sole_voting": "SOLE VOTING POWER\n    4,740",
    "shared_voting": "SHARED VOTING POWER\n    479,556",
    "sole_dispositive": "SOLE DISPOSITIVE POWER\n    -0-",
    "shared_dispositive": "SHARED DISPOSITIVE POWER\n    484,296",
}


@pytest.mark.parametrize(
    "order",
    [
        ("sole_voting", "shared_voting", "sole_dispositive", "shared_dispositive"),
        ("sole_voting", "sole_dispositive", "shared_voting", "shared_dispositive"),
        ("shared_voting", "sole_voting", "shared_dispositive", "sole_dispositive"),
        ("sole_dispositive", "shared_dispositive", "sole_voting", "shared_voting"),
    ],
)
def test_power_rows_in_any_order(order: tuple[str, ...]) -> None:
    """A synthetic 13G cover page (figures from the Dupuy 1997 dev copy) with rows 5-8
    printed in another order: each power keeps its own value (before, a label out of the
    form's order was dropped and its value lost)."""
    from ownergraph.loaders.sec_cover import _split_pages
    from ownergraph.loaders.sec_cover_rows import _read_page
    from ownergraph.loaders.sec_legacy_ctx import _Ctx

    rows = "\n".join(f"{5 + i}   {_POWERS[k]}" for i, k in enumerate(order))
    text = _OUT_OF_ORDER.format(rows=rows)
    (page,) = _split_pages(text, 0, text.index("Item 1(a)"))
    _read_page(_Ctx(path="<t>", text=text, doc_id="d", accession=None), page)
    assert [page.values.get(k) for k in _POWERS] == [4740, 479556, 0, 484296]
    assert (page.values.get("aggregate"), page.percent) == (484296, 5.4)


# THORN 1995 13D (dev): row 10 as extracted; a page ends inside it (synthetic), its
# page number on the line before the break.
_THORN_ROW10 = (
    "             \n{brk}                               {v}                           \n"
    "- -------------------------------------------------------------------\n11)  "
)


@pytest.mark.parametrize(
    "brk",
    [
        "\n                                   -4-\n<PAGE>\n",
        "\n                                  - 4 -\n<PAGE>\n\n",
        "\n                                   -12-\n\x0c\n",
        "\n                                 Page 4\n<PAGE>\n",
        "\n<PAGE>\nCUSIP No. 007517102             13D          Page 4 of 9\n\n",
    ],
)
def test_a_page_number_before_a_break_inside_a_row_is_no_value(brk: str) -> None:
    """The page number printed before a page break that falls inside a row ("-4-", "- 4 -",
    "Page 4", then "<PAGE>" or a form feed) is furniture: the row's value is the figure
    after the break (before: 4 was read)."""
    assert _value("shared_dispositive", _THORN_ROW10.format(brk=brk, v="-0-")) == 0.0
    assert _value("shared_dispositive", _THORN_ROW10.format(brk=brk, v="3,768,922")) == 3768922


def test_a_value_before_a_page_break_stays_a_value() -> None:
    """Synthetic: a row whose own value ends the page ("-0-", "100") keeps it."""
    row = "\n                               {v}\n<PAGE>\n\n11)  "
    assert _value("shared_dispositive", row.format(v="-0-")) == 0.0
    assert _value("shared_dispositive", row.format(v="100")) == 100


@pytest.mark.parametrize(
    ("row", "value"),
    [
        # THORN 1995 13D (dev) row 7, the count grouped by plain spaces (synthetic)
        (_THORN_ROW8.replace("{v}", "3 768 922").replace("9)", "8)"), 3768922),
        ("\n  Number of                    3 768 922\n   Shares       ---------\n  8)  ", 3768922),
        ("\n\n     27 500 shares (1)\n\n 9.  ", 27500),
        ("\n\n     27 500\n\n 9.  ", 27500),
    ],
)
def test_a_count_grouped_by_plain_spaces(row: str, value: float) -> None:
    """A count grouped by single spaces (a no-break space that HTML rendering turned into a
    space, synthetic re-spellings of dev rows) standing apart on its line is one count."""
    assert _value("sole_voting", row) == value


def test_single_spaced_numbers_in_prose_are_not_joined() -> None:
    """Synthetic: "(i) 1 000 shares" inside a sentence is no column value; the total that
    stands apart is read, the breakdown by its markers."""
    row = "\n     2,000 shares, consisting of (i) 1,000 shares and (ii) 1,000 shares\n 9. "
    assert _value("sole_voting", row) == 2000
