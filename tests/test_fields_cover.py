"""Cover-page fields of legacy Schedule 13D/G filings read by the layout rules of the cover
page (loaders/sec_cover_rows.py, sec_cover.py, sec_cover_amounts.py): synthetic pages in
the layouts the legacy corpus prints, the expected values written by hand."""

from __future__ import annotations

import pytest

from ownergraph.graph.model import ParsedDocument
from ownergraph.loaders.sec_cover_rows import _group_box
from tests.synthetic_13g import legacy_13g

_ROWS_3_ON = """
3    SEC USE ONLY

4    CITIZENSHIP OR PLACE OF ORGANIZATION
     Delaware

               5    SOLE VOTING POWER
 NUMBER OF          1,000
  SHARES       6    SHARED VOTING POWER
BENEFICIALLY        0
 OWNED BY      7    SOLE DISPOSITIVE POWER
   EACH             1,000
 REPORTING     8    SHARED DISPOSITIVE POWER
PERSON WITH         0

9    AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON
     1,000

10   CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (9) EXCLUDES CERTAIN SHARES [ ]

11   PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9)
     5.1%

12   TYPE OF REPORTING PERSON
     IN
"""


def _filing(row1_2: str) -> ParsedDocument:
    return legacy_13g(f"\nCUSIP No. 123456789\n{row1_2}{_ROWS_3_ON}")


def _group_of(parsed: ParsedDocument) -> str | None:
    (pos,) = parsed.positions
    return pos.member_of_group


@pytest.mark.parametrize(
    ("a", "b", "want"),
    [("__X__", "______", "a"), ("______", "__X__", "b"), ("______", "______", None)],
)
def test_an_x_written_on_the_blank_of_a_box(a: str, b: str, want: str | None) -> None:
    """Row 2 printed with blanks for boxes, the checked one with an X on its blank
    ("(a) __X__"): the X is a check, a bare blank is none."""
    row = f"\n\n (a) {a}\n\n (b) {b}\n\n 3. "
    assert _group_box(row) == want


def test_the_a_box_on_the_first_line_of_row_2_before_the_rest_of_its_label() -> None:
    """Row 2's label broken over two lines with the (a) box after its first words:
    "2. Check the Appropriate Box (a) [X]" / "if a Member of a Group (b) [_]"; the box
    is (a) although it stands before the words "Member of a Group"."""
    rows = """
1.   Names of Reporting Persons.
     John Q. Example
- ------------------------------------------------------------------------------
2.   Check the Appropriate Box                                   (a) [X]
     if a Member of a Group                                      (b) [_]
     (See Instructions)
- ------------------------------------------------------------------------------"""
    assert _group_of(_filing(rows)) == "a"
    # the same layout with box (b) checked, and none checked
    assert _group_of(_filing(rows.replace("[X]", "[_]").replace("(b) [_]", "(b) [X]"))) == "b"
    assert _group_of(_filing(rows.replace("[X]", "[_]"))) is None


def test_the_usual_row_2_is_read_as_before() -> None:
    """Control: row 2's label on one line, the boxes after it."""
    rows = """
1    NAME OF REPORTING PERSON
     John Q. Example

2    CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP          (a) [ ]
                                                               (b) [X]"""
    assert _group_of(_filing(rows)) == "b"


# ----------------------------------------------------------------- rows 7-11: amounts


def _amount(text: str) -> float | None:
    from ownergraph.loaders.sec_cover import _Row
    from ownergraph.loaders.sec_cover_amounts import _read_amount

    return _read_amount(_Row("shared_voting", text, 0, len(text))).total


@pytest.mark.parametrize(
    ("row", "want"),
    [
        # a footnote mark that lost its superscript, glued to the count
        ("\n 12,345,6781\n\n 8.\n", 12_345_678),
        ("\n 1,0002 (see Item 5)\n", 1_000),
        # control: a count grouped right, and a decimal, are left alone
        ("\n 12,345,678\n\n 8.\n", 12_345_678),
        # control: a count after a reference is the count ("Item 2, 1,500 shares")
        ("\n See Item 2, 1,500 shares\n", 1_500),
    ],
)
def test_a_last_group_of_four_digits_is_a_count_and_a_mark(row: str, want: float) -> None:
    assert _amount(row) == want


@pytest.mark.parametrize(
    "row",
    [
        # the value a reference to another row; the next rows' numbers and labels follow
        " of such shares. \n 8 SHARED VOTING POWER\n See response to row 7. \n 9 ",
        "\n See Item 5.\n",
        "\n See footnote (1) and Row 11.\n",
        "\n See rows 7 and 9.\n",
        "\n See Items 4, 5 and 6 (a).\n",
        "\n See Rows 7-10 above.\n",
    ],
)
def test_a_reference_to_a_row_item_or_note_is_no_value(row: str) -> None:
    """A number that names a row, an Item or a note is no count: the row says no number."""
    assert _amount(row) is None


def test_a_row_number_before_its_label_in_title_case_is_no_value() -> None:
    """ "-" for the value, then the next rows' numbers before their labels ("(9) Aggregate",
    "(10) Check Box if ..."): the value is the dash, 0, not the 10 of "(10)"."""
    row = "\n -\n- ------\n(9) Aggregate\n -\n- ------\n(10) Check Box if the Aggregate Amount"
    assert _amount(row) == 0


_TITLE_CASE_PAGE = """
(1) Names of Reporting Persons.
    John Q. Example
(2) Check the Appropriate Box if a Member of a Group (See Instructions)
    (a) [ ]
    (b) [X]
(3) SEC Use Only
(4) Citizenship or Place of Organization
    United States
Number of      (5) Sole Voting Power
Shares             1,000
Beneficially   (6) Shared Voting Power
Owned by           -
Each           (7) Sole Dispositive Power
Reporting          1,000
Person With    (8) Shared Dispositive Power
                   -
(9) {agg_label}
    1,000
(10) Check Box if the Aggregate Amount in Row (9) Excludes Certain Shares [ ]
(11) Percent of Class Represented by Amount in Row (9)
    5.1%
(12) Type of Reporting Person (See Instructions)
    {type_code}
"""


@pytest.mark.parametrize(
    "agg_label", ["Aggregate", "Aggregate Amount Beneficially Owned by Each Reporting Person"]
)
def test_row_9_label_cut_to_its_first_word(agg_label: str) -> None:
    """ "(9) Aggregate" alone on its line is row 9's label (the rest of it lost): the
    aggregate is read below it and row 8 keeps its dash (0)."""
    doc = _TITLE_CASE_PAGE.format(agg_label=agg_label, type_code="IN")
    (pos,) = _filing_pages(doc).positions
    assert (pos.aggregate, pos.shared_dispositive, pos.sole_voting) == (1000, 0, 1000)


@pytest.mark.parametrize(("code", "want"), [("I.N.", ["IN"]), ("P. N.", ["PN"]), ("IN", ["IN"])])
def test_a_type_code_printed_with_dots(code: str, want: list[str]) -> None:
    """Row 12 "I.N." is the code IN."""
    doc = _TITLE_CASE_PAGE.format(agg_label="Aggregate", type_code=code)
    (pos,) = _filing_pages(doc).positions
    assert sorted(pos.type_codes) == want


def _filing_pages(pages: str) -> ParsedDocument:
    return legacy_13g(f"\nCUSIP No. 123456789\n{pages}")


@pytest.mark.parametrize(
    ("printed", "want"), [("12,3456**", 12.3456), ("4,5%", 4.5), ("5.1%", 5.1)]
)
def test_row_11_percent_with_a_decimal_comma(printed: str, want: float) -> None:
    """Row 11 "12,3456**" (a decimal comma, a footnote mark, no % sign) is 12.3456 %."""
    doc = _TITLE_CASE_PAGE.format(agg_label="Aggregate", type_code="IN").replace("5.1%", printed)
    (pos,) = _filing_pages(doc).positions
    assert pos.percent_of_class == pytest.approx(want)


# ----------------------------------------------------------------- row 1: the name


@pytest.mark.parametrize(
    ("row", "want"),
    [
        # the legal form or a person's suffix on a line of its own
        ("\n     Public Storage,\n     Inc.\n", "Public Storage, Inc."),
        ("\n     Towle &\n     Co.\n", "Towle & Co."),
        ("\n     Cornwall Master\n     LP\n", "Cornwall Master LP"),
        ("\n     JoMei Chang,\n     Ph.D.\n", "JoMei Chang, Ph.D."),
        # the initials on a line of their own
        ("\n     J. P.\n     MORGAN & CO., INCORPORATED\n", "J. P. MORGAN & CO., INCORPORATED"),
        # control: two names on two lines stay apart (the first is the page's)
        ("\n     John Q. Example\n     Jane R. Example\n", "John Q. Example"),
    ],
)
def test_a_row_1_name_over_two_lines(row: str, want: str) -> None:
    """Row 1's name broken before its legal form ("Inc.", "LP", "Co.") or suffix
    ("Ph.D."), or after its initials ("J. P."), is read whole."""
    from ownergraph.loaders.sec_cover import _Row
    from ownergraph.loaders.sec_names import _name_from_row

    name, _irs, _span = _name_from_row(_Row("name", row, 0, len(row)))
    assert name == want


@pytest.mark.parametrize(
    ("printed", "want"),
    [
        ("NONE", 0),
        ("None", 0),
        ("Nil", 0),
        ("-0-", 0),
        ("0-", 0),
        ("0", 0),
        ("-", 0),
        ("--", 0),
        ("-0- (see Item 5)", 0),
        ("None (1)", 0),
        ("", None),
        ("____", None),
        ("N/A", None),
        ("n/a", None),
        ("See row 7", None),
        ("See Row 7 above", None),
        ("Not applicable", None),
    ],
)
def test_convention_6_zero_and_unknown_rows(printed: str, want: float | None) -> None:
    """Labelling convention 6 (tests/fixtures/corpus/README.md): "NONE", "None", "-0-",
    "0-", "0" and a lone dash are 0; a blank row, underscores, "N/A" or "See row 7" with
    no number are unknown; the next row's number after it ("8.") is no value."""
    assert _amount(f"\n      {printed}\n\n 8.  ") == want


def test_a_date_in_row_11_is_no_decimal_comma() -> None:
    """ "December 31,2005" in row 11 with no percent is no 31.2005 %: row 11 is unknown."""
    doc = _TITLE_CASE_PAGE.format(agg_label="Aggregate", type_code="IN").replace(
        "5.1%", "See Item 4, as of December 31,2005."
    )
    (pos,) = _filing_pages(doc).positions
    assert pos.percent_of_class is None
