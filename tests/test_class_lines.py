"""A combined cover of two classes: the filing's class is the first printed
(loaders/sec_class_lines.py, room SCHEDULES2). The text is quoted from a corpus filing; the
expected title and CUSIP are read from it by hand."""

from __future__ import annotations

from ownergraph.loaders.sec13dg_legacy import _before_caption
from ownergraph.loaders.sec_class_lines import cusip_line_for, first_class_title

# Suburban Bancorp, SC 13D of Thomas G. Fitzgerald et al. (1994), title page
SUBURBAN_TITLE_PAGE = """                    SUBURBAN BANCORP, INC.
                       (Name of Issuer)


        Class A Common Stock, $1.00 par value per share
        Class B Common Stock, $1.00 par value per share
                (Title of Class of Securities)


                Class A Common Stock: 864346200
                Class B Common Stock: 864346900
                        (CUSIP Number)
"""


def test_suburban_two_classes_the_first_title_and_its_cusip() -> None:
    t = SUBURBAN_TITLE_PAGE
    found = _before_caption(t, r"\(\s*Title\s+of\s+Class\s+of\s+Securities\s*\)", 0, len(t))
    title = first_class_title(t, found)
    assert title is not None
    assert title[0] == "Class A Common Stock, $1.00 par value per share"
    assert t[title[1] :].lstrip().startswith("Class A Common Stock")
    cusip = _before_caption(t, r"\(\s*CUSIP\s+Number\s*\)", 0, len(t))
    line = cusip_line_for(t, cusip, title[0])
    assert line is not None and line[0] == "Class A Common Stock: 864346200"


def test_one_class_line_is_kept_as_found() -> None:
    t = "        Class A Common Stock, $.01 par value\n        (Title of Class of Securities)\n"
    found = _before_caption(t, r"\(\s*Title\s+of\s+Class\s+of\s+Securities\s*\)", 0, len(t))
    assert first_class_title(t, found) == found
    cusip = ("Class A Common Stock: 123456789", 0)
    assert cusip_line_for(t, cusip, "Class A Common Stock") == cusip
