"""Room HOLDINGS (session 9, issue 11): a footnote that breaks a filer's count into parts
of two classes, each part printing its class ("Includes 1,950 Class A shares and 43,587
Class B shares owned by the X Trust"): the parts of the cover's class are held by their
holders, the rest stays the filer's; a co-trustee's part another filer also counts is left
in the filer's count. Quoted constructions of a real filing (a 1994 SC 13D on Suburban
Bancorp, Inc., filed by the Fitzgerald family), expected values read from the quoted text.
"""

from __future__ import annotations

import io
from pathlib import Path

from ownergraph.graph.vocab import Role
from ownergraph.loaders import parse_path
from ownergraph.loaders import sec13dg_legacy as legacy
from tests.synthetic_13g import cover_page

#: quoted from the filing's cover page footnotes (rows 8, 9 and 11)
QUOTED_NOTE_1 = (
    "(1)  Includes 1,950 Class A shares and 43,587 Class B shares\n"
    "     owned by the Celine McMahon Fitzgerald Trust and 450\n"
    "     Class A shares owned by the Marguerite G. Schauer Trust,\n"
    "     of which Gerald F. Fitzgerald, Jr.  is trustee.\n"
)
QUOTED_NOTE_5 = (
    "(5)  Includes 11,303 Class A shares and 52,308 Class B shares\n"
    "     held of record by Julie F. Schauer's spouse and 3,981\n"
    "     Class A shares and 18,069 Class B shares owned by the\n"
    "     Elyse Ives Schauer Trust, of which Julie F. Schauer is\n"
    "     trustee.\n"
)
#: quoted from another footnote of the same filing: the Elyse Ives Schauer Trust counted
#: with two other trusts in a second filer's count (Peter G. Fitzgerald, co-trustee)
QUOTED_NOTE_3 = (
    "(3)  Includes 1,356 Class A shares and 14,730 Class B shares\n"
    "     owned by the Shannon McMahon Fitzgerald Exclusion Trust,\n"
    "     the Shannon McMahon Fitzgerald Primary Trust and the\n"
    "     Elyse Ives Schauer Trust, of which Peter G. Fitzgerald is\n"
    "     trustee.\n"
)


#: the title page of a combined cover of two classes (as in the filing)
TWO_CLASSES = (
    "Class A Common Stock, $1.00 par value per share\n"
    "Class B Common Stock, $1.00 par value per share\n"
)


def _class_a_13d(pages: str, notes: str, classes: str = TWO_CLASSES):
    text = f"""SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549

SCHEDULE 13D

Example Bancorp, Inc.
(Name of Issuer)

{classes}(Title of Class of Securities)

123456789
(CUSIP Number)
{pages}
{notes}
Item 1.  Security and Issuer. Class A Common Stock of Example Bancorp, Inc.

Item 10. Certification. Not applicable.
"""
    pd = legacy.parse(io.BytesIO(text.encode()), path="synthetic-13d.txt")
    names = {p.id: p.name for p in pd.parties}
    holdings = sorted((names[h.holder_id], h.shares) for h in pd.holdings)
    links = {(names[lk.controller_id], names[lk.controlled_id], lk.role) for lk in pd.links}
    return holdings, links


def test_two_class_footnote_parts_of_the_covers_class_are_held_by_their_holders() -> None:
    page = cover_page("Gerald F. Fitzgerald, Jr.", shared="46,063 (1)", agg="46,063 (1)", typ="IN")
    holdings, links = _class_a_13d(page, QUOTED_NOTE_1)
    # the Class B part (43,587) is not in the Class A count; 46,063 - 1,950 - 450 = 43,663
    assert holdings == [
        ("Celine McMahon Fitzgerald Trust", 1950.0),
        ("Gerald F. Fitzgerald, Jr.", 43663.0),
        ("Marguerite G. Schauer Trust", 450.0),
    ]
    assert ("Gerald F. Fitzgerald, Jr.", "Celine McMahon Fitzgerald Trust", Role.TRUSTEE) in links


def test_two_class_footnote_unnamed_spouse_part() -> None:
    page = cover_page("Julie F. Schauer", shared="42,306 (5)", agg="42,306 (5)", typ="IN")
    holdings, _links = _class_a_13d(page, QUOTED_NOTE_5)
    assert holdings == [
        ("Elyse Ives Schauer Trust", 3981.0),
        ("Julie F. Schauer", 27022.0),
        ("Julie F. Schauer's spouse", 11303.0),
    ]


def test_co_trustees_part_counted_by_another_filer_stays_in_the_filers_count() -> None:
    # Peter G. Fitzgerald is trustee of the Elyse Ives Schauer Trust too, and his count
    # includes its shares with two other trusts' (no count of its own): taking its 3,981
    # out of Julie's holding alone would count them twice under Peter
    pages = cover_page(
        "Peter G. Fitzgerald", shared="39,402 (3)", agg="39,402 (3)", typ="IN"
    ) + cover_page("Julie F. Schauer", shared="42,306 (5)", agg="42,306 (5)", typ="IN")
    holdings, links = _class_a_13d(pages, QUOTED_NOTE_3 + "\n" + QUOTED_NOTE_5)
    assert ("Peter G. Fitzgerald", "Elyse Ives Schauer Trust", Role.TRUSTEE) in links
    assert ("Julie F. Schauer's spouse", 11303.0) in holdings
    assert ("Julie F. Schauer", 42306.0 - 11303.0) in holdings
    assert not any(n == "Elyse Ives Schauer Trust" for n, _s in holdings)


def test_one_class_title_page_leaves_two_class_parts_unread() -> None:
    # a title page of one class (Class A only, or "Common Stock"): the cover does not report
    # the classes apart, which class its count is is not said (tests/test_sec_holdings.py
    # test_parts_of_two_classes_do_not_split_a_count_of_one)
    page = cover_page("Gerald F. Fitzgerald, Jr.", shared="46,063 (1)", agg="46,063 (1)", typ="IN")
    for classes in ("Class A Common Stock, $1.00 par value per share\n", "Common Stock\n"):
        holdings, _links = _class_a_13d(page, QUOTED_NOTE_1, classes)
        assert holdings == [("Gerald F. Fitzgerald, Jr.", 46063.0)]


FIXTURE = (
    Path(__file__).parent
    / "fixtures/corpus/sec13dg-legacy/1994-sc13d-356981_suburban-bancorp-inc-de_fitzgerald-thomas-g.txt"
)


def test_suburban_bancorp_1994_trust_and_spouse_holdings() -> None:
    pd = parse_path(FIXTURE)
    names = {p.id: p.name for p in pd.parties}
    got = {(names[h.holder_id], h.shares) for h in pd.holdings}
    assert {
        ("Celine McMahon Fitzgerald Trust", 1950.0),
        ("Marguerite G. Schauer Trust", 450.0),
        ("Julie F. Schauer's spouse", 11303.0),
        ("Gerald F. Fitzgerald, Jr.", 46063.0 - 2400.0),
        ("Julie F. Schauer", 42306.0 - 11303.0),
    } <= got
