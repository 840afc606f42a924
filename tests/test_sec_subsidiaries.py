"""Item 7 subsidiary exhibits of legacy Schedule 13G parent holding companies
(loaders/sec_subsidiaries.py): the layouts read, and what the loader makes of them on the
dev copies (expected values read by hand from the quoted text)."""

from __future__ import annotations

from pathlib import Path

from ownergraph.graph.vocab import Role
from ownergraph.loaders import parse_path
from ownergraph.loaders.sec_subsidiaries import exhibit_subsidiaries, item7_exhibit

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus" / "sec13dg-legacy"

ITEM7 = (
    "Item 7.\tIdentification and Classification of the Subsidiary Which\n"
    "Acquired the Security Being Reported on By the Parent Holding Company.\n"
    "\t\tSee attached Exhibit A.\n"
    "Item 8.\tIdentification and Classification of Members of the Group.\n"
    "\t\tNot applicable.\n\n"
)

# FMR LLC / Northstar 2017, Exhibit A (quoted)
TABLE = (
    ITEM7 + "Exhibit A\n"
    "                 Pursuant to the instructions in Item 7 of Schedule 13G,\n"
    "the following table lists the identity and Item 3 classification, if\n"
    "applicable, of each relevant entity that beneficially owns shares of the\n"
    "security class being reported on this Schedule 13G.\n\n"
    "Entity \tITEM 3 Classification\n\n"
    "FIAM LLC \tIA\n\n"
    "Fidelity Institutional Asset Management Trust Company \tBK\n\n"
    "FMR CO., INC * \tIA\n\n"
    "STRATEGIC ADVISERS, INC. \tIA\n\n"
    "* Entity beneficially owns 5% or greater of the outstanding shares of the\n"
    "security class being reported on this Schedule 13G.\n"
)

# Carl Marks / Piper Jaffray 1996, Item 7 and Exhibit 99.2 (quoted)
PARAGRAPHS = (
    " ITEM 7          IDENTIFICATION AND CLASSIFICATION OF THE SUBSIDIARY WHICH\n"
    " ------          ---------------------------------------------------------\n"
    "                 ACQUIRED THE SECURITY BEING REPORTED ON BY THE PARENT HOLDING\n"
    "                 COMPANY.\n\n"
    "               Messrs. Boas, Ruocco and Whitman are filing this Schedule as\n"
    '               individuals each eligible to be treated as a "parent holding\n'
    '               company" under Rule 13d-1(b)(ii)(G).  See Exhibit 99.2 to this\n'
    "               Schedule for a list of their respective subsidiaries.\n\n"
    " ITEM 8          IDENTIFICATION AND CLASSIFICATION OF MEMBERS OF THE GROUP.\n\n"
    "                                   EXHIBIT 99.2\n"
    "                                   ------------\n\n"
    "                    SUBSIDIARIES OF PARENT HOLDING COMPANIES\n"
    "                    ----------------------------------------\n\n"
    '          The following are the respective "subsidiaries" of the individual\n'
    ' reporting persons treated as "parent holding companies":\n\n'
    "          BOAS, RUOCCO AND WHITMAN\n"
    "          ------------------------\n\n"
    "          Carl Marks Management Company, L.P., a registered investment adviser\n"
    " (902,600 shares).\n\n"
    "          Carl Marks Offshore Management, Inc., an unregistered investment\n"
    " adviser holding less than 1% (0.9%) of the outstanding shares in accordance\n"
    " with Rule 13d-1(b)(ii)(G).\n\n"
    "          WHITMAN\n"
    "          -------\n\n"
    "          EQSF Advisers, Inc., a registered investment adviser, 362,100 shares\n"
    " (owned by Third Avenue Value Fund, Inc., a registered investment company).\n\n"
    "          M.J. Whitman Advisers, Inc., a registered investment adviser,\n"
    " 326,500 shares.\n\n"
    "</TEXT>\n"
)


def test_item7_points_to_its_exhibit() -> None:
    a, b, see = item7_exhibit(TABLE)
    assert see == "See attached Exhibit A"
    assert TABLE[a:b].lstrip().startswith("Pursuant to the instructions in Item 7")
    assert item7_exhibit(ITEM7.replace("See attached Exhibit A.", "Not applicable.")) is None


def test_table_of_names_and_item3_classifications() -> None:
    got = [(x.name, x.parents, x.shares) for x in exhibit_subsidiaries(TABLE)]
    assert got == [
        ("FIAM LLC", (), None),
        ("Fidelity Institutional Asset Management Trust Company", (), None),
        ("FMR CO., INC", (), None),
        ("STRATEGIC ADVISERS, INC.", (), None),
    ]


def test_table_rows_with_one_space_before_the_code() -> None:
    """The same table with its columns re-spaced to one space (PDF or HTML extraction,
    synthetic from the quoted table): a code that is no word of a name still ends its row;
    a legal form ("SA", "Co") is no code."""
    import re

    one = re.sub(r"[ \t]+", " ", TABLE)
    got = [x.name for x in exhibit_subsidiaries(one)]
    assert got == [
        "FIAM LLC",
        "Fidelity Institutional Asset Management Trust Company",
        "FMR CO., INC",
        "STRATEGIC ADVISERS, INC.",
    ]
    other = one.replace("FIAM LLC IA", "Orchard Capital SA IA").replace(
        "STRATEGIC ADVISERS, INC. IA", "Birch Trust Company HC"
    )
    assert [x.name for x in exhibit_subsidiaries(other)][::3] == [
        "Orchard Capital SA",
        "Birch Trust Company",
    ]


def test_paragraphs_under_headings_of_reporting_persons() -> None:
    got = [
        (x.name, x.parents, x.shares, x.owner, x.adviser) for x in exhibit_subsidiaries(PARAGRAPHS)
    ]
    both = ("BOAS", "RUOCCO", "WHITMAN")
    assert got == [
        ("Carl Marks Management Company, L.P.", both, 902_600.0, None, True),
        ("Carl Marks Offshore Management, Inc.", both, None, None, True),
        ("EQSF Advisers, Inc.", ("WHITMAN",), 362_100.0, "Third Avenue Value Fund, Inc.", True),
        ("M.J. Whitman Advisers, Inc.", ("WHITMAN",), 326_500.0, None, True),
    ]


def test_no_list_without_a_pointer_from_item7() -> None:
    assert exhibit_subsidiaries(PARAGRAPHS.replace("See Exhibit 99.2", "See below")) == []


def _names(pd):  # type: ignore[no-untyped-def]
    return {p.id: p.name for p in pd.parties}


def test_piper_jaffray_parents_links_and_holdings() -> None:
    """The dev copy: each heading's persons -> each subsidiary (parent); EQSF -> the fund
    whose shares it advises; the counts are holdings (tavf 362,100, M.J. Whitman Advisers
    326,500, CMMC 902,600) and the one subsidiary without a count holds the rest of the
    parents' pages: 1,077,500 - 902,600 = 174,900 (Boas, Ruocco) = 1,766,100 - 902,600 -
    362,100 - 326,500 (Whitman)."""
    pd = parse_path(CORPUS / "piper-jaffray_carl-marks-management_sc13g_1996-02-14.txt")
    nm = _names(pd)
    links = {(nm[lk.controller_id], nm[lk.controlled_id], lk.role) for lk in pd.links}
    for person in ("Andrew M. Boas", "Robert C. Ruocco", "Martin J. Whitman"):
        assert (person, "Carl Marks Offshore Management, Inc.", Role.PARENT) in links
    assert ("Martin J. Whitman", "EQSF Advisers, Inc.", Role.PARENT) in links
    assert ("Andrew M. Boas", "EQSF Advisers, Inc.", Role.PARENT) not in links
    assert (
        "EQSF Advisers, Inc.",
        "Third Avenue Value Fund, Inc.",
        Role.INVESTMENT_ADVISER,
    ) in links
    held = sorted((nm[h.holder_id], h.shares) for h in pd.holdings)
    assert held == [
        ("Carl Marks Management Company, L.P.", 902_600.0),
        ("Carl Marks Offshore Management, Inc.", 174_900.0),
        ("M.J. Whitman Advisers, Inc.", 326_500.0),
        ("Third Avenue Value Fund, Inc.", 362_100.0),
    ]


def test_counts_that_do_not_explain_the_pages_are_no_holdings() -> None:
    """Vanguard / Starwood Waypoint 2015 (dev copy): 'VFTC ... is the beneficial owner of
    51,487 shares' and VIA of 5,180 in Appendix A, the filer's page 5,141,796: the counts
    are not the reported shares' holders (the filer keeps its holding)."""
    pd = parse_path(
        CORPUS / "2015-sc13ga-1579471_starwood-waypoint-residential-trust_vanguard-group-inc.txt"
    )
    assert [h.shares for h in pd.holdings] == [5_141_796.0]


def test_a_13d_item7_of_exhibits_is_no_subsidiary_list() -> None:
    """Synthetic: a Schedule 13D's 'Item 7. Material to be Filed as Exhibits' whose exhibit
    concerns subsidiaries ('Exhibit A - Agreement among the Issuer and its subsidiaries.' /
    'See Exhibit A.') lists no subsidiaries of a parent holding company."""
    text = (
        "Item 7. Material to be Filed as Exhibits.\n"
        "  Exhibit A - Agreement among the Issuer and its subsidiaries.\n"
        "  See Exhibit A.\n\n"
        "SIGNATURE\n\n" + "After reasonable inquiry and to the best of my knowledge and belief,"
        " I certify that the information set forth in this statement is true.\n"
        * 8
        + "\nExhibit A\n\n"
        "Alpha Holdings, Inc., a Delaware corporation, 1,000,000 shares.\n"
    )
    assert item7_exhibit(text) is None
    assert exhibit_subsidiaries(text) == []


def test_item7_lines_with_one_space_before_the_code() -> None:
    """Item 7 lines read in place ("NAME - 3(b) BANK"): one space before a code that ends
    the line, a footnote star after the name (synthetic)."""
    from ownergraph.loaders.sec_subsidiaries import _CLASSIFIED

    def name(line: str) -> str | None:
        m = _CLASSIFIED.match(line)
        return m.group("name") if m else None

    assert name("FIAM LLC IA") == "FIAM LLC"
    assert name("Orchard Advisers, Inc. * IA") == "Orchard Advisers, Inc."
    assert name("Birch Bank, N.A. BK") == "Birch Bank, N.A."
    assert name("Gabelli & Co") is None
    assert name("The Reporting Person is a bank holding company") is None
