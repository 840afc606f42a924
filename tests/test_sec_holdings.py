"""Holdings of legacy Schedule 13D/G filers, read by construction (loaders/sec_holdings.py).

Expected values are worked out by hand from the synthetic pages and sentences written here;
the filings are small made-up 13Gs in the layout of the legacy corpus.
"""

from __future__ import annotations

import io

import pytest

from ownergraph.graph.model import ParsedDocument
from ownergraph.loaders import sec13dg_legacy as legacy
from ownergraph.loaders.sec_holdings import disjoint_own_shares, filers_beneath, nested_own_shares


def _page(name: str, agg: str, typ: str = "PN") -> str:
    return f"""
CUSIP No. 123456789

1    NAME OF REPORTING PERSON
     {name}

2    CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP          (a) [ ]
                                                               (b) [X]
3    SEC USE ONLY

4    CITIZENSHIP OR PLACE OF ORGANIZATION
     Delaware

               5    SOLE VOTING POWER
 NUMBER OF          0
  SHARES       6    SHARED VOTING POWER
BENEFICIALLY        {agg}
 OWNED BY      7    SOLE DISPOSITIVE POWER
   EACH             0
 REPORTING     8    SHARED DISPOSITIVE POWER
PERSON WITH         {agg}

9    AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON
     {agg}

10   CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (9) EXCLUDES CERTAIN SHARES [ ]

11   PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9)
     5.1%

12   TYPE OF REPORTING PERSON
     {typ}
"""


def _filing(pages: list[str], items: str = "") -> ParsedDocument:
    text = f"""SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549

SCHEDULE 13G

Example Issuer Corp.
(Name of Issuer)

Common Stock
(Title of Class of Securities)

123456789
(CUSIP Number)
{"".join(pages)}
Item 1(a).  Name of Issuer: Example Issuer Corp.

{items}

Item 10. Certification. Not applicable.
"""
    return legacy.parse(io.BytesIO(text.encode()), path="synthetic-13g.txt")


def _held(parsed: ParsedDocument) -> dict[str, float]:
    names = {p.id: p.name for p in parsed.parties}
    return {names[h.holder_id]: h.shares for h in parsed.holdings}


# ----------------------------------------------------------------- nesting cover pages


def test_filers_beneath_through_a_party_that_files_no_page() -> None:
    links = [
        ("person", "gp", "managing_member"),  # gp files no page
        ("gp", "fund", "general_partner"),
        ("owner", "fund", "shareholder"),  # a stake passes nothing
    ]
    assert filers_beneath({"person", "fund", "owner"}, links) == {
        "fund": set(),
        "owner": set(),
        "person": {"fund"},
    }
    assert filers_beneath({"a", "b"}, [("a", "b", "parent"), ("b", "a", "parent")]) is None


@pytest.mark.parametrize(
    ("aggs", "beneath", "want"),
    [
        # two funds under one person: each fund its own, the person nothing of its own
        (
            {"p": 27_807_410, "f1": 11_551_785, "f2": 16_255_625},
            {"p": {"f1", "f2"}},
            {"p": 0, "f1": 11_551_785, "f2": 16_255_625},
        ),
        # a general partner and an adviser over the same two funds, the adviser with a
        # managed account of its own (4,433,993 - 3,025,745 - 418,800 = 989,448)
        (
            {"ia": 4_433_993, "gp": 3_444_545, "f1": 3_025_745, "f2": 418_800, "m": 4_433_993},
            {"ia": {"f1", "f2"}, "gp": {"f1", "f2"}, "m": {"ia", "gp", "f1", "f2"}},
            {"ia": 989_448, "gp": 0, "f1": 3_025_745, "f2": 418_800, "m": 0},
        ),
        # a count off by one share on the top page (rounding) still nests
        ({"p": 1_001, "f1": 600, "f2": 400}, {"p": {"f1", "f2"}}, {"p": 1, "f1": 600, "f2": 400}),
    ],
)
def test_nested_own_shares(
    aggs: dict[str, float], beneath: dict[str, set[str]], want: dict[str, float]
) -> None:
    assert nested_own_shares(aggs, beneath) == pytest.approx(want)


@pytest.mark.parametrize(
    ("aggs", "beneath"),
    [
        # the same shares on two pages with no stated link between them
        ({"gp": 1_000, "f": 1_000}, {}),
        # a manager whose page is smaller than the fund it runs: its page is not the union
        ({"m": 35_368, "f": 279_060, "g": 123_796}, {"m": {"f"}}),
        # a person over two funds whose pages exceed the person's (an unstated overlap)
        ({"p": 1_082_570, "a": 1_082_570, "f1": 686_997, "f2": 71_268}, {"p": {"a", "f1", "f2"}}),
        ({}, {}),
    ],
)
def test_pages_that_do_not_nest(aggs: dict[str, float], beneath: dict[str, set[str]]) -> None:
    assert nested_own_shares(aggs, beneath) is None


_ITEM2 = (
    "Item 2(a). Name of Person Filing:\n\n"
    "Alpha Capital GP LLC is the general partner of Alpha Fund LP. "
    "Alpha Capital GP LLC is the general partner of Alpha Offshore Fund Ltd. "
    "John Q. Smith is the managing member of Alpha Capital GP LLC.\n"
)


def test_each_fund_holds_its_own_page_when_the_pages_nest() -> None:
    """A person over a general partner over two funds, each fund's page its own shares and
    the upper pages their sum (600,000 + 400,000 = 1,000,000): each fund holds its page,
    the person and the GP hold nothing directly, and who-controls gives the person the
    union."""
    parsed = _filing(
        [
            _page("Alpha Fund LP", "600,000"),
            _page("Alpha Offshore Fund Ltd.", "400,000"),
            _page("Alpha Capital GP LLC", "1,000,000", "OO"),
            _page("John Q. Smith", "1,000,000", "IN"),
        ],
        _ITEM2,
    )
    assert _held(parsed) == {"Alpha Fund LP": 600_000, "Alpha Offshore Fund Ltd.": 400_000}


def test_a_manager_holds_what_its_page_has_beyond_the_funds_below_it() -> None:
    """The GP's page (1,250,000) is more than its two funds' (600,000 + 400,000): the
    250,000 left are its own (a managed account the text does not name) and the group's
    shares are the GP's page."""
    parsed = _filing(
        [
            _page("Alpha Fund LP", "600,000"),
            _page("Alpha Offshore Fund Ltd.", "400,000"),
            _page("Alpha Capital GP LLC", "1,250,000", "OO"),
            _page("John Q. Smith", "1,250,000", "IN"),
        ],
        _ITEM2,
    )
    assert _held(parsed) == {
        "Alpha Fund LP": 600_000,
        "Alpha Offshore Fund Ltd.": 400_000,
        "Alpha Capital GP LLC": 250_000,
    }


def test_pages_with_no_stated_link_keep_the_lowest_page_as_holder() -> None:
    """No sentence links the filers: the pages 600,000 + 400,000 + 1,000,000 do not nest
    (the group's shares would be counted twice), so the lowest page holds, as before."""
    parsed = _filing(
        [
            _page("Alpha Fund LP", "600,000"),
            _page("Alpha Offshore Fund Ltd.", "400,000"),
            _page("John Q. Smith", "1,000,000", "IN"),
        ],
        "Item 2(a). Name of Person Filing: the persons named above.\n",
    )
    assert _held(parsed) == {"Alpha Offshore Fund Ltd.": 400_000}


# ----------------------------------------------------------------- disjoint cover pages


@pytest.mark.parametrize(
    ("aggs", "beneath", "want"),
    [
        # a family, each filing for itself (one member with nothing takes no part)
        (
            {"gerald": 7_950, "marjorie": 51_062, "denise": 0, "nina": 4_215},
            {},
            {"gerald": 7_950, "marjorie": 51_062, "nina": 4_215},
        ),
        # a manager's page smaller than the fund it runs cannot include the fund's
        (
            {"m": 35_368, "f": 279_060, "g": 123_796},
            {"m": {"f"}},
            {"m": 35_368, "f": 279_060, "g": 123_796},
        ),
    ],
)
def test_disjoint_own_shares(
    aggs: dict[str, float], beneath: dict[str, set[str]], want: dict[str, float]
) -> None:
    assert disjoint_own_shares(aggs, beneath) == want


@pytest.mark.parametrize(
    ("aggs", "beneath"),
    [
        ({"gp": 1_000, "f": 1_000, "p": 2_500}, {}),  # two pages alike: the same shares
        ({"gp": 1_001, "f": 1_000, "p": 2_500}, {}),  # alike within one share
        ({"a": 600, "b": 400, "c": 1_000}, {}),  # a page is the sum of two others
        ({"a": 600, "b": 400, "c": 300, "d": 1_300}, {}),  # ... of three others
        ({"m": 2_000, "f": 1_500}, {"m": {"f"}}),  # a controller's page can include the fund's
        ({"a": 5_000, "b": 0}, {}),  # one page holding
    ],
)
def test_pages_that_may_overlap_are_not_disjoint(
    aggs: dict[str, float], beneath: dict[str, set[str]]
) -> None:
    assert disjoint_own_shares(aggs, beneath) is None


def test_each_filer_of_a_family_holds_its_own_page() -> None:
    """Three relatives file one 13G, each page only the filer's own shares (7,950,
    51,062, 4,215), no page the sum of others, no link among them: each holds its own,
    and who-controls lists each with its own count."""
    from ownergraph.graph.store import build_graph
    from ownergraph.queries.control import who_controls

    parsed = _filing(
        [
            _page("Gerald F. Example", "7,950", "IN"),
            _page("Marjorie G. Example", "51,062", "IN"),
            _page("C. Nina Example", "4,215", "IN"),
        ],
        "Item 2(a). Name of Person Filing: the persons named above, each for himself or herself.\n",
    )
    want = {"Gerald F. Example": 7_950, "Marjorie G. Example": 51_062, "C. Nina Example": 4_215}
    assert _held(parsed) == want
    G = build_graph(
        parsed.parties,
        parsed.securities,
        parsed.holdings,
        parsed.links,
        [parsed.document],
        positions=parsed.positions,
    )
    ans = who_controls(G, parsed.document.security_id, max_paths=0)
    assert {c.name: c.shares for c in ans.ultimate} == want
