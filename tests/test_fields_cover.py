"""Cover-page fields of legacy Schedule 13D/G filings read by the layout rules of the cover
page (loaders/sec_cover_rows.py, sec_cover.py, sec_cover_amounts.py): synthetic pages in
the layouts the legacy corpus prints, the expected values written by hand."""

from __future__ import annotations

import io

import pytest

from ownergraph.graph.model import ParsedDocument
from ownergraph.loaders import sec13dg_legacy as legacy
from ownergraph.loaders.sec_cover_rows import _group_box

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
    text = f"""SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549

SCHEDULE 13G

Example Issuer Corp.
(Name of Issuer)

Common Stock
(Title of Class of Securities)

123456789
(CUSIP Number)

CUSIP No. 123456789
{row1_2}{_ROWS_3_ON}
Item 1(a).  Name of Issuer: Example Issuer Corp.

Item 10. Certification. Not applicable.
"""
    return legacy.parse(io.BytesIO(text.encode()), path="synthetic-13g.txt")


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
