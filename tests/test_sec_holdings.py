"""Holdings of legacy Schedule 13D/G filers, read by construction (loaders/sec_holdings.py).

Expected values are worked out by hand from the synthetic pages and sentences written here;
the filings are small made-up 13Gs in the layout of the legacy corpus.
"""

from __future__ import annotations

import io

import pytest

from ownergraph.graph.model import ParsedDocument
from ownergraph.loaders import sec13dg_legacy as legacy
from ownergraph.loaders.sec_holdings import (
    breakdowns,
    disjoint_own_shares,
    filers_beneath,
    leaves_and_rest,
    nested_own_shares,
    sole_partition,
)
from ownergraph.loaders.sec_terms import NameBook
from tests.synthetic_13g import cover_page


def _page(name: str, agg: str, typ: str = "PN", sole: str = "0") -> str:
    return cover_page(name, sole=sole, shared=agg, agg=agg, typ=typ)


def _filing(pages: list[str], items: str = "", cls: str = "Common Stock") -> ParsedDocument:
    text = f"""SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549

SCHEDULE 13G

Example Issuer Corp.
(Name of Issuer)

{cls}
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


def test_pages_with_no_stated_link_nest_by_their_numbers() -> None:
    """No sentence links the filers, but the person's 1,000,000 (shared power) is the sum
    of the two funds' pages: the funds hold their pages and the person nothing (the
    group's shares counted once; loaders.sec_holdings.leaves_by_numbers). Until session 7
    the lowest page alone held."""
    parsed = _filing(
        [
            _page("Alpha Fund LP", "600,000"),
            _page("Alpha Offshore Fund Ltd.", "400,000"),
            _page("John Q. Smith", "1,000,000", "IN"),
        ],
        "Item 2(a). Name of Person Filing: the persons named above.\n",
    )
    assert _held(parsed) == {"Alpha Fund LP": 600_000, "Alpha Offshore Fund Ltd.": 400_000}


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


# ----------------------------------------------------------------- counts stated in parts


def _book() -> NameBook:
    b = NameBook(issuer_key="issuer")
    b.add_party("issuer", "Example Issuer Corp.")
    b.add_party("roe", "Jane Roe", person=True)
    return b


def _parts(
    text: str,
) -> list[tuple[float | None, bool, list[tuple[float, str | None, str, str, bool]]]]:
    return [
        (
            bd.total,
            bd.whole,
            [
                (p.shares, p.holder_name, p.title, p.instrument, p.right_to_acquire)
                for p in bd.parts
            ],
        )
        for bd in breakdowns(text, _book())
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # Item 4(a) "which includes (i) options ... and (ii) ... held by a trust" (a date
        # in between is no count)
        (
            "Amount beneficially owned: 1,500,000 shares which includes (i) options to purchase "
            "100,000 shares of Common Stock that are exercisable within 60 days of December 31, "
            "2011 and (ii) 900,000 shares of Common Stock held by the Roe Family Trust dated "
            "July 22, 2003.",
            [
                (
                    1_500_000,
                    False,
                    [
                        (100_000, None, "options to purchase Common Stock", "option", True),
                        (900_000, "Roe Family Trust", "Common Stock", "common", False),
                    ],
                )
            ],
        ),
        # "consisting of": the filer's own count held directly, the rest by a trust
        (
            "Ms. Roe beneficially owns 1,200,000 shares, consisting of 700,000 shares held "
            "directly and 500,000 shares owned by the Roe Children's Trust.",
            [
                (
                    1_200_000,
                    True,
                    [
                        (700_000, None, "Common Stock", "common", False),
                        (500_000, "Roe Children's Trust", "Common Stock", "common", False),
                    ],
                )
            ],
        ),
        # a footnote: counts of two classes before one "owned by", a second holder, an
        # initial in its name, a relative named by a party's name
        (
            "(1)  Includes 1,950 Class A shares and 43,587 Class B shares\n"
            "     owned by the Celine Example Trust and 450 Class A shares owned by the "
            "Marguerite G. Example Trust, of which Jane Roe is trustee.",
            [
                (
                    None,
                    False,
                    [
                        (1_950, "Celine Example Trust", "Class A Common Stock", "common", False),
                        (43_587, "Celine Example Trust", "Class B Common Stock", "common", False),
                        (
                            450,
                            "Marguerite G. Example Trust",
                            "Class A Common Stock",
                            "common",
                            False,
                        ),
                    ],
                )
            ],
        ),
        (
            "(5) Includes 11,303 shares held of record by Jane Roe's spouse.",
            [(None, False, [(11_303, "Jane Roe's spouse", "Common Stock", "common", False)])],
        ),
        # an account for a person's benefit is named with it; options written "N options"
        (
            "(1) Consists of 2,615,153 shares of Class B Common Stock held by Jane Roe, 3,911,937 "
            "shares of Class B Common Stock held by PENSCO Trust Company FBO Jane Roe and "
            "1,040,110 options exercisable within 60 days of the date hereof.",
            [
                (
                    None,
                    True,
                    [
                        (2_615_153, "Jane Roe", "Class B Common Stock", "common", False),
                        (
                            3_911_937,
                            "PENSCO Trust Company FBO Jane Roe",
                            "Class B Common Stock",
                            "common",
                            False,
                        ),
                        (1_040_110, None, "options (Common Stock)", "option", True),
                    ],
                )
            ],
        ),
        # a numbered note "1." with "This amount includes": shares issuable on exercise
        # keep the class as printed, counted in: a right to acquire
        (
            "1.\n   This amount includes 9,333 shares of Common Stock (as defined herein) "
            "issuable upon the exercise of the Stock Option (as defined herein).",
            [(None, False, [(9_333, None, "Common Stock", "option", True)])],
        ),
    ],
)
def test_breakdowns(text: str, want: list) -> None:
    assert _parts(text) == want


@pytest.mark.parametrize(
    "text",
    [
        # one count for several holders: whose is which is not said
        "Amount beneficially owned: 67,626 shares, which includes 11,800 shares owned by the "
        "Andrew Example Trust and the Timothy Example Trust, of which Jane Roe is trustee.",
        # a holder the text names by words no rule reads
        "Amount beneficially owned: 50,000 shares, which includes 10,000 shares held by "
        "certain persons.",
        # "consisting of (i) N owned directly by him and (ii) M owned directly by his wife":
        # the wife is not read, so neither is his own count (never given to her)
        "Mr. Roe beneficially owns 2,050,000 shares of Common Stock, consisting of (i) "
        "950,000 shares owned directly by him and (ii) 1,100,000 shares owned directly by "
        "his wife, as to which shares he disclaims any beneficial ownership.",
        # prices, percentages, dates: no part
        "The 1,000,000 shares include shares bought at $12.50 per share on March 3, 2020, "
        "representing 5.1% of the class.",
        # no breakdown word
        "Jane Roe holds 1,000 shares and the Roe Family Trust holds 2,000 shares.",
    ],
)
def test_no_breakdown(text: str) -> None:
    assert _parts(text) == []


_ITEM4 = (
    "Item 4. Ownership.\n\n"
    "(a) Amount beneficially owned: 1,500,000 shares which includes (i) options to purchase "
    "100,000 shares of Common Stock that are exercisable within 60 days of December 31, 2011 "
    "and (ii) 900,000 shares of Common Stock held by the Roe Family Trust dated July 22, "
    "2003.\n"
)


def test_a_filer_holding_split_into_its_stated_parts() -> None:
    """One filer, 1,500,000 shares, of which the text says 100,000 are options
    exercisable within 60 days and 900,000 are held by a trust: the trust holds 900,000,
    the filer the options and the other 500,000 (1,500,000 - 100,000 - 900,000); the
    filer -> trust link is "other" (held through it, role not stated); who-controls
    gives the filer the whole 1,500,000."""
    from ownergraph.graph.store import build_graph
    from ownergraph.graph.vocab import Instrument, Role
    from ownergraph.queries.control import who_controls

    parsed = _filing([_page("Jane Roe", "1,500,000", "IN")], _ITEM4)
    names = {p.id: p.name for p in parsed.parties}
    got = sorted(
        (names[h.holder_id], h.instrument, h.shares, h.right_to_acquire) for h in parsed.holdings
    )
    assert got == [
        ("Jane Roe", Instrument.COMMON, 500_000, False),
        ("Jane Roe", Instrument.OPTION, 100_000, True),
        ("Roe Family Trust", Instrument.COMMON, 900_000, False),
    ]
    links = {(names[lk.controller_id], names[lk.controlled_id], lk.role) for lk in parsed.links}
    assert links == {("Jane Roe", "Roe Family Trust", Role.OTHER)}
    G = build_graph(
        parsed.parties,
        parsed.securities,
        parsed.holdings,
        parsed.links,
        [parsed.document],
        positions=parsed.positions,
    )
    ans = who_controls(G, parsed.document.security_id, max_paths=0)
    assert {c.name: c.shares for c in ans.ultimate} == {"Jane Roe": 1_500_000}


def test_parts_that_do_not_fit_the_count_are_not_read() -> None:
    """The parts (100,000 + 1,900,000) exceed the filer's 1,500,000: another date or class;
    the filer keeps its page."""
    parsed = _filing(
        [_page("Jane Roe", "1,500,000", "IN")],
        _ITEM4.replace("900,000 shares of Common", "1,900,000 shares of Common").replace(
            "1,500,000 shares which", "2,000,000 shares which"
        ),
    )
    assert _held(parsed) == {"Jane Roe": 1_500_000}


def test_a_footnote_on_the_power_rows_states_the_power_over_the_parts() -> None:
    """The cover rows read "1,500,000 (1)" (shared voting and dispositive) and the
    footnote "(1) Consists of 600,000 shares held by Jane Roe and 900,000 shares held by the
    Roe Family Trust": each holds its part, and the filer has the rows' shared power over
    the trust's shares (stated_power, shared/shared)."""
    from ownergraph.graph.vocab import Power, Role

    page = _page("Jane Roe", "1,500,000 (1)", "IN") + (
        "\n(1) Consists of 600,000 shares held by Jane Roe and 900,000 shares held by the Roe\n"
        "Family Trust.\n"
    )
    parsed = _filing([page], "Item 4. Ownership. See the cover page.\n")
    assert _held(parsed) == {"Jane Roe": 600_000, "Roe Family Trust": 900_000}
    names = {p.id: p.name for p in parsed.parties}
    links = [
        (names[lk.controller_id], names[lk.controlled_id], lk.role, lk.voting, lk.investment)
        for lk in parsed.links
    ]
    assert links == [
        ("Jane Roe", "Roe Family Trust", Role.STATED_POWER, Power.SHARED, Power.SHARED)
    ]


def test_parts_held_in_accounts_the_text_does_not_name() -> None:
    """'The shares reported include N shares held in customer accounts over which ..., M
    shares held in accounts owned by the partners ... and K shares held in the account of
    the profit-sharing plan of the Reporting Person': each group of accounts is an unnamed
    party named by the document's words (convention 1) holding its count, linked to the
    filer; who-controls gives the filer 1,000 + 200 + 30 = 1,230."""
    from ownergraph.graph.model import NodeKind
    from ownergraph.graph.store import build_graph
    from ownergraph.queries.control import who_controls

    parsed = _filing(
        [_page("Example Brokers LLC", "1,230", "BD")],
        "Item 4. Ownership.\n\nThe shares reported include 1,000 shares held in customer "
        "accounts over which partners of the Reporting Person have discretionary authority, "
        "200 shares held in accounts owned by the partners of the Reporting Person and their "
        "families, and 30 shares held in the account of the profit-sharing plan of the "
        "Reporting Person.\n",
    )
    assert _held(parsed) == {
        "customer accounts": 1_000,
        "accounts owned by the partners of the Reporting Person and their families": 200,
        "the profit-sharing plan of the Reporting Person": 30,
    }
    assert {p.kind for p in parsed.parties if "account" in p.name or "plan" in p.name} == {
        NodeKind.UNKNOWN
    }
    assert len(parsed.links) == 3
    G = build_graph(
        parsed.parties,
        parsed.securities,
        parsed.holdings,
        parsed.links,
        [parsed.document],
        positions=parsed.positions,
    )
    ans = who_controls(G, parsed.document.security_id, max_paths=0)
    assert {c.name: c.shares for c in ans.ultimate} == {"Example Brokers LLC": 1_230}


@pytest.mark.parametrize(
    ("definition", "held_by_term"),
    [
        ('These investment companies, trusts and accounts are the "Funds".', True),
        ('It advises certain separate accounts (the "Accounts").', True),
        # a term defined by names: those parties, not an unnamed collective
        ('Alpha Fund LP and Beta Fund LP (together, the "Funds").', False),
    ],
)
def test_all_reported_shares_held_by_a_defined_collective(
    definition: str, held_by_term: bool
) -> None:
    """'All securities reported in this schedule are owned by the Funds', the Funds defined
    by description: the filer's shares are the Funds' (an unnamed party), the adviser linked
    to them with the role it states ('In its role as investment adviser')."""
    from ownergraph.graph.vocab import Role

    term = "Accounts" if "Accounts" in definition else "Funds"
    parsed = _filing(
        [_page("Example Advisors Inc.", "2,542,287", "IA")],
        f"Item 4. Ownership.\n\nExample Advisors Inc. is an investment adviser. {definition} "
        "In its role as investment adviser, it possesses voting and/or investment power over "
        f"the securities of the Issuer owned by the {term}. All securities reported in this "
        f"schedule are owned by the {term}.\n",
    )
    if held_by_term:
        assert _held(parsed) == {f"the {term}": 2_542_287}
        names = {p.id: p.name for p in parsed.parties}
        assert [
            (names[lk.controller_id], names[lk.controlled_id], lk.role) for lk in parsed.links
        ] == [("Example Advisors Inc.", f"the {term}", Role.INVESTMENT_ADVISER)]
    else:
        assert "the Funds" not in _held(parsed)


def test_each_page_notes_belong_to_the_page_above_them() -> None:
    """Two pages both mark their rows "(1)", each followed by its own note "1. This amount
    includes 9,333 shares of Common Stock issuable upon the exercise of the Stock Option":
    the note under the fund's page splits the fund's holding (9,142,557 = 9,133,224 shares
    + 9,333 under the option, a right to acquire); the GP's note splits nothing (the GP
    holds nothing itself: the pages nest)."""
    from ownergraph.graph.vocab import Instrument

    note = (
        "\n1.\n   This amount includes 9,333 shares of Common Stock issuable upon the exercise "
        "of the Stock Option.\n"
    )
    parsed = _filing(
        [
            _page("Alpha Capital GP LLC", "14,351,182 (1)", "OO") + note,
            _page("Alpha Fund LP", "9,142,557 (1)") + note,
            _page("Alpha Offshore Fund Ltd.", "5,208,625"),
        ],
        _ITEM2.replace("John Q. Smith is the managing member of Alpha Capital GP LLC.", ""),
    )
    names = {p.id: p.name for p in parsed.parties}
    got = sorted(
        (names[h.holder_id], h.instrument, h.shares, h.right_to_acquire) for h in parsed.holdings
    )
    assert got == [
        ("Alpha Fund LP", Instrument.COMMON, 9_133_224, False),
        ("Alpha Fund LP", Instrument.OPTION, 9_333, True),
        ("Alpha Offshore Fund Ltd.", Instrument.COMMON, 5_208_625, False),
    ]


def test_a_count_the_text_states_does_not_hide_the_other_pages() -> None:
    """Three disjoint pages (a manager's own 35,368 below the 279,060 of the fund it runs,
    an offshore fund's 123,796) and Item 5 saying the fund holds its 279,060: the text's
    count agrees with the pages, so every page holds its own (not the fund alone)."""
    parsed = _filing(
        [
            _page("Alpha Management LP", "35,368", "IA"),
            _page("Alpha Fund LP", "279,060"),
            _page("Alpha Offshore Fund Ltd.", "123,796", "CO"),
        ],
        "Item 2. Alpha Management LP is the general partner of Alpha Fund LP.\n\n"
        "Item 5. Alpha Fund LP holds 279,060 shares of Common Stock.\n",
    )
    assert _held(parsed) == {
        "Alpha Management LP": 35_368,
        "Alpha Fund LP": 279_060,
        "Alpha Offshore Fund Ltd.": 123_796,
    }


def test_a_fund_the_text_names_holds_in_its_advisers_place() -> None:
    """Three advisers each report their own shares (disjoint pages); the text says the
    4,368,525 of one are held by a fund it advises: the fund holds them in the adviser's
    place, the two other advisers hold their own pages."""
    parsed = _filing(
        [
            _page("Nuveen Example Management, LLC", "209,705", "IA"),
            _page("Example Investment Management, LLC", "4,368,525", "IA"),
            _page("Example Advisors, LLC", "1,270,996", "IA"),
        ],
        "Item 4. Ownership.\n\nExample Investment Management, LLC (\u201cEIM\u201d) is the "
        "investment adviser to the College Example Equities Fund (\u201cCEEF\u201d), a "
        "registered investment company, and may be deemed to be a beneficial owner of "
        "4,368,525 shares of Issuer\u2019s common stock owned by CEEF.\n",
    )
    assert _held(parsed) == {
        "Nuveen Example Management, LLC": 209_705,
        "College Example Equities Fund": 4_368_525,
        "Example Advisors, LLC": 1_270_996,
    }


@pytest.mark.parametrize(
    ("aggs", "beneath", "want"),
    [
        # a manager's page (1,082,570) counts a fund (onshore) the text links only to
        # another GP: the funds hold their pages, the manager the rest (1,082,570 -
        # 686,997 - 71,268 = 324,305)
        (
            {"master": 686_997, "onshore": 71_268, "adv": 71_268, "lcm": 1_082_570, "p": 1_082_570},
            {"adv": {"onshore"}, "lcm": {"master"}, "p": {"adv", "lcm", "master", "onshore"}},
            {"master": 686_997, "onshore": 71_268, "lcm": 324_305},
        ),
        # the funds' pages make the group's total: nothing left over
        ({"f1": 600, "f2": 400, "m": 1_000}, {"m": {"f1"}}, None),  # m does not reach f2
        ({"f1": 600, "f2": 400, "m": 500}, {"m": {"f1", "f2"}}, None),  # m below its funds
    ],
)
def test_leaves_and_rest(
    aggs: dict[str, float], beneath: dict[str, set[str]], want: dict[str, float] | None
) -> None:
    assert leaves_and_rest(aggs, beneath) == want


def test_parts_of_two_classes_do_not_split_a_count_of_one() -> None:
    """'(1) Includes 1,950 Class A shares and 43,587 Class B shares owned by the Celine
    Example Trust' under a row '46,063 (1)': which class the row counts is not said, so
    nothing is split (43,587 Class B shares are not part of a Class A count)."""
    page = _page("Gerald Example, Jr.", "46,063 (1)", "IN") + (
        "\n(1) Includes 1,950 Class A shares and 43,587 Class B shares owned by the Celine\n"
        "Example Trust, of which Gerald Example, Jr. is trustee.\n"
    )
    parsed = _filing([page], "Item 4. Ownership. See the cover page.\n", "Class A Common Stock")
    assert parsed.securities[0].title == "Class A Common Stock"
    assert _held(parsed) == {"Gerald Example, Jr.": 46_063}


def test_sole_counts_that_split_the_group_total() -> None:
    """Each page reports the group's 576,927 in row 9 and its own shares as sole power
    (24,900 + 402,027 + 150,000 = 576,927): each filer holds its sole count."""
    parsed = _filing(
        [
            _page("AMH Example, LLC", "576,927", "OO", sole="24,900"),
            _page("Leviticus Example, L.P.", "576,927", "PN", sole="402,027"),
            _page("Adam Example", "576,927", "IN", sole="150,000"),
        ],
        "Item 4. Ownership. See the cover pages.\n",
    )
    assert _held(parsed) == {
        "AMH Example, LLC": 24_900,
        "Leviticus Example, L.P.": 402_027,
        "Adam Example": 150_000,
    }


@pytest.mark.parametrize(
    ("aggs", "soles"),
    [
        ({"a": 1_000, "b": 1_000}, {"a": 600, "b": 300}),  # soles short of the total
        ({"a": 1_000, "b": 900}, {"a": 600, "b": 400}),  # pages of different totals
        ({"a": 1_000, "b": 1_000}, {"a": 1_000, "b": 0}),  # one sole count only
    ],
)
def test_sole_counts_that_do_not_split_it(aggs: dict, soles: dict) -> None:
    assert sole_partition(aggs, soles) is None
