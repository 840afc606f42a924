"""Which party holds the reported shares of a legacy 13D/G when the text states a count or
a holder for a parent (loaders/sec_holders.py); synthetic filings, expected read by hand."""

from __future__ import annotations

from ownergraph.graph.model import ParsedDocument
from tests.test_sec_grammar import _filing, _page


def _held(pd: ParsedDocument) -> list[tuple[str, float | None]]:
    names = {p.id: p.name for p in pd.parties}
    return sorted((names[h.holder_id], h.shares) for h in pd.holdings)


PAGES = [
    _page("PARENT HOLDINGS PLC", shared="1,000,000", agg="1,000,000", typ="HC"),
    _page("PARENT CANADA INC.", shared="1,000,000", agg="1,000,000", typ="CO"),
]
SUB = "Item 2. Parent Canada Inc. is a wholly-owned subsidiary of Parent Holdings plc.\n\n"


def test_parent_beneficially_owns_what_its_subsidiary_holds() -> None:
    """Synthetic, after Rio Tinto / Western Copper 2022: 'Parent Holdings plc beneficially
    owns 1,000,000 Shares ... Such Shares are held by Parent Holdings plc indirectly through
    Parent Canada Inc.': the count is the parent's 13d-3 beneficial ownership, and the
    subsidiary (a filer reporting the same count) holds the shares."""
    pd = _filing(
        PAGES,
        SUB + "Item 5. Parent Holdings plc beneficially owns 1,000,000 Shares, representing"
        " 5.1 percent of the outstanding Shares. Such Shares are held by Parent Holdings plc"
        " indirectly through Parent Canada Inc.\n",
    )
    assert _held(pd) == [("Parent Canada Inc.", 1_000_000.0)]


def test_a_count_a_filer_holds_itself_is_kept() -> None:
    """Synthetic: 'Parent Canada Inc. owns 1,000,000 Shares' (no 'beneficially', the
    holder named by the text) stays the subsidiary's; and a parent with no filer below it
    reporting that count keeps its stated count."""
    pd = _filing(PAGES, SUB + "Item 5. Parent Canada Inc. owns 1,000,000 Shares.\n")
    assert _held(pd) == [("Parent Canada Inc.", 1_000_000.0)]


def test_all_shares_held_by_two_holders_names_no_one_holder() -> None:
    """Synthetic, after Rio Tinto / Western Copper 2022 (Item 4): 'All of the Shares that
    are held of record by Parent Holdings plc and Parent Canada Inc. ... were acquired for
    investment purposes': not all held by the parent; the lowest filer holds (the
    subsidiary, controlled by the other)."""
    pd = _filing(
        PAGES,
        SUB + "Item 4. All of the Shares that are held of record by Parent Holdings plc and"
        " Parent Canada Inc. as reported herein were acquired for investment purposes.\n",
    )
    assert _held(pd) == [("Parent Canada Inc.", 1_000_000.0)]


CHAIN = [
    _page("ALPHA GP LLC", shared="1,000,000", agg="1,000,000", typ="OO"),
    _page("ALPHA HOLDCO LP", shared="1,000,000", agg="1,000,000", typ="PN"),
]
GP = "Item 2. Alpha GP LLC is the general partner of Alpha Holdco LP.\n\n"
SPONSOR = (
    'Item 5. Beta Sponsor LLC ("Sponsor") is a Delaware limited liability company. The'
    " 1,000,000 shares of Common Stock reported herein are held directly by Sponsor.\n"
)


def test_a_holder_no_stated_link_joins_to_the_filers_does_not_hold_their_shares() -> None:
    """Synthetic, after Fortress / ATI Physical Therapy 2024: the shares are held by a
    sponsor whose relation to the filers this filing does not state ('The 1,000,000 shares
    of Common Stock reported herein are held directly by Sponsor'): the lowest filer (the partnership, below its general partner)
    holds the reported shares, so who controls them climbs the stated chain (Alpha GP LLC),
    not the unlinked sponsor."""
    pd = _filing(CHAIN, GP + SPONSOR)
    assert _held(pd) == [("Alpha Holdco LP", 1_000_000.0)]


def test_a_holder_joined_to_the_filers_holds_their_shares() -> None:
    """Synthetic: the same with 'Alpha Holdco LP is the sole member of Beta Sponsor LLC.'
    stated: the sponsor holds the 1,000,000 shares."""
    pd = _filing(
        CHAIN,
        GP + "Alpha Holdco LP is the sole member of Beta Sponsor LLC.\n\n" + SPONSOR,
    )
    assert _held(pd) == [("Beta Sponsor LLC", 1_000_000.0)]


def test_a_signer_without_his_degree_is_the_filer() -> None:
    """Synthetic, after Chang / Vitria 2006: the cover page names 'JANE ROE, PH.D.', the
    signature block 'By: /s/ Jane Roe  Name: Jane Roe  Title: General Partner' of a
    partnership: one person (her degree dropped), so her link to the partnership and her
    cover page are the same party's; 'Dr. Roe' likewise."""
    from ownergraph.loaders.sec_page_names import _bare_person

    assert _bare_person("JoMei Chang, Ph.D.") == _bare_person("JoMei Chang")
    assert _bare_person("Dr. Jane Roe") == _bare_person("Jane Roe, M.D.")
    assert _bare_person("John Doe, Jr.") != _bare_person("John Doe")
    pd = _filing(
        [
            _page("JANE ROE, PH.D.", shared="1,000,000", agg="1,000,000", typ="IN"),
            _page("ROE FAMILY PARTNERS, L.P.", shared="1,000,000", agg="1,000,000", typ="PN"),
        ],
        "Item 5. Roe Family Partners, L.P. holds 1,000,000 shares.\n\nSIGNATURE\n\n"
        "ROE FAMILY PARTNERS, L.P.\n\nBy: /s/ Jane Roe\nName: Jane Roe\n"
        "Title: General Partner\n",
    )
    people = [
        p for p in pd.parties if "roe" in p.name.casefold() and "partners" not in p.name.casefold()
    ]
    assert len(people) == 1
    names = {p.id: p.name for p in pd.parties}
    assert {(names[lk.controller_id], names[lk.controlled_id]) for lk in pd.links} == {
        (people[0].name, "Roe Family Partners, L.P.")
    }


def test_accounts_over_which_the_filer_has_discretion_state_its_power() -> None:
    """Gilder Gagnon Howe / Insulet 2010 Item 4 (quoted, counts shortened): 'The shares
    reported include 2,517,911 shares held in customer accounts over which partners and/or
    employees of the Reporting Person have discretionary authority to dispose of or direct
    the disposition of the shares': the filer's link to the unnamed customer accounts is a
    stated power, investment shared (the authority is its partners' and employees'), voting
    not stated."""
    from ownergraph.graph.vocab import Power, Role

    pd = _filing(
        [_page("GILDER, GAGNON, HOWE & CO. LLC", shared="2,517,911", agg="2,517,911", typ="BD")],
        "Item 4. Ownership. The shares reported include 2,517,911 shares held in customer"
        " accounts over which partners and/or employees of the Reporting Person have"
        " discretionary authority to dispose of or direct the disposition of the shares.\n",
    )
    names = {p.id: p.name for p in pd.parties}
    got = {
        (names[lk.controlled_id], lk.role, lk.voting, lk.investment)
        for lk in pd.links
        if names[lk.controller_id].startswith("Gilder")
    }
    assert got == {("customer accounts", Role.STATED_POWER, None, Power.SHARED)}
    assert _held(pd) == [("customer accounts", 2_517_911.0)]


def test_a_short_name_alike_two_filers_is_neither_one() -> None:
    """Vieco / Virgin Galactic 2019 (dev copy): an agreement 'by and among ... V10, Vieco US
    and Chamath Palihapitiya' read as the joint filing list, the cover pages 'VIECO USA,
    INC.' and 'VIECO 10 LIMITED': 'Vieco US' is as close to both (token set 77 each), so it
    is no spelling of either (it had become one of Vieco 10, whose cover page then matched
    Vieco USA's labels)."""
    from pathlib import Path

    from ownergraph.loaders import parse_path

    doc = (
        Path(__file__).resolve().parent
        / "fixtures/corpus/sec13dg-legacy/2019-sc13d-1791281_virgin-galactic-holdings-inc_vieco-usa-inc.txt"
    )
    pd = parse_path(doc)
    ten = next(p for p in pd.parties if p.name == "Vieco 10 Limited")
    assert "Vieco US" not in ten.names


def test_a_conformed_person_name_renames_no_other_page() -> None:
    """Icahn / Bausch Health 2021 (dev copy): the SGML header's filer 'ICAHN CARL C' is the
    cover page 'CARL C. ICAHN' written last name first; it had renamed the intact cover
    page 'Icahn Capital LP' to 'Icahn Carl C'."""
    from pathlib import Path

    from ownergraph.loaders import parse_path

    doc = (
        Path(__file__).resolve().parent
        / "fixtures/corpus/sec13dg-legacy/2021-sc13d-921669_bausch-health-companies-inc_icahn-carl-c.txt"
    )
    pd = parse_path(doc)
    names = {p.name: p.names for p in pd.parties}
    assert "Icahn Capital LP" in names
    assert not any("carl" in n.casefold() for n in names["Icahn Capital LP"])
    assert "Carl C. Icahn" in names


def test_beneficial_ownership_listed_after_a_colon() -> None:
    """DeMare / Tumi Resources 2004 Item 5 (quoted, prices shortened): "Mr. DeMare's
    beneficial ownership includes: / Individually, 658,575 shares of the Issuer's common
    stock, options to acquire an additional 166,000 common shares, ... / Through DNG
    Capital, 145,150 shares of the Issuer's common stock, warrants to acquire an additional
    200,000 common shares ..." (paragraphs): 658,575 + 166,000 + 145,150 + 200,000 =
    1,169,725, the cover page: DeMare holds 658,575 and the options, DNG Capital 145,150,
    and DeMare's power over DNG's shares is stated (stated_power)."""
    from ownergraph.graph.vocab import Role

    pd = _filing(
        [_page("NICK DEMARE", sole="1,169,725", agg="1,169,725", typ="IN")],
        "Item 2. Mr. DeMare beneficially owns shares in his own name and through DNG Capital"
        ' Corp. ("DNG Capital").\n\n'
        "Item 5. Mr. DeMare's beneficial ownership includes:\n\n"
        "     Individually,  658,575  shares of the  Issuer's  common  stock,  options to\n"
        "     acquire an additional 166,000 common shares, including 41,000 at a price of\n"
        "     CDN$0.23/share.\n\n"
        "     Through DNG Capital,  145,150 shares of the Issuer's common stock, warrants\n"
        "     to acquire an additional 200,000 common shares at CDN$0.40/share.\n\n"
        "(b) Mr. DeMare has sole power to vote.\n",
    )
    names = {p.id: p.name for p in pd.parties}
    held = sorted(
        (names[h.holder_id].casefold(), h.title, h.shares, h.right_to_acquire) for h in pd.holdings
    )
    assert held == [
        ("dng capital corp.", "Common Stock", 145_150.0, False),
        ("nick demare", "Common Stock", 658_575.0, False),
        ("nick demare", "options (Common Stock)", 166_000.0, True),
        ("nick demare", "warrants (Common Stock)", 200_000.0, True),
    ]
    assert {(names[lk.controlled_id], lk.role) for lk in pd.links} == {
        ("DNG Capital Corp.", Role.STATED_POWER)
    }


def test_title_of_class_over_two_lines() -> None:
    """Sphinx / Performance Shipping 2025 and Otkritie / QIWI 2017 title pages (quoted):
    'Common shares, $0.01 par value' / '(including the associated Preferred stock purchase
    rights)' and 'American Depositary Shares, each representing one Class B Ordinary
    Share,' / 'having a nominal value of €0.0005 per share' above '(Title of Class of
    Securities)': the class is both lines, not the last one alone."""
    from ownergraph.loaders.sec13dg_legacy import _before_caption

    cap = r"\(\s*Title\s+of\s+Class\s+of\s+Securities\s*\)"
    for lines, want in (
        (
            [
                "Common shares, $0.01 par value",
                "(including the associated Preferred stock purchase rights)",
            ],
            "Common shares, $0.01 par value (including the associated Preferred stock"
            " purchase rights)",
        ),
        (
            [
                "American Depositary Shares, each representing one Class B Ordinary Share,",
                "having a nominal value of €0.0005 per share",
            ],
            "American Depositary Shares, each representing one Class B Ordinary Share,"
            " having a nominal value of €0.0005 per share",
        ),
        (
            ["(Name of Issuer)", "", "Common Stock, $0.01 par value"],
            "Common Stock, $0.01 par value",
        ),
    ):
        text = "\n".join([*lines, "(Title of Class of Securities)", ""])
        got = _before_caption(text, cap, 0, len(text), joined=True)
        assert got is not None and got[0] == want
        assert text[got[1] :].lstrip().startswith(want.split()[0])


def test_percent_printed_beside_a_bound() -> None:
    """Synthetic row 13 layouts: 'Less than 1% (0.9%)' prints the figure (0.9, convention
    6: a printed number is that number); 'Less than 1%' alone is a bound, null
    (convention 14); '5.1% (1)' is 5.1."""
    got = []
    for pct in ("Less than 1% (0.9%)", "Less than 1%", "5.1% (1)"):
        page = _page("ALPHA FUND LP", sole="100", agg="100", typ="PN").replace("5.1%", pct)
        got.append(_filing([page]).positions[0].percent_of_class)
    assert got == [0.9, None, 5.1]


def test_signer_capacity_written_out_in_words() -> None:
    """Synthetic signature blocks, common in 13Ds: '/s/ John Doe' / 'John Doe, as Managing
    Member of Alpha GP, LLC, for itself and as the General Partner of Alpha Fund, L.P.'
    states Doe -> Alpha GP (managing member) and Alpha GP -> Alpha Fund (general partner);
    'John Doe, individually and as Managing Member of Alpha GP, LLC' states Doe -> Alpha GP;
    'as Vice President of' or 'as attorney-in-fact for' state nothing (convention 2)."""
    pages = [
        _page("ALPHA FUND, L.P.", shared="1,000", agg="1,000", typ="PN"),
        _page("ALPHA GP, LLC", shared="1,000", agg="1,000", typ="OO"),
        _page("JOHN DOE", shared="1,000", agg="1,000", typ="IN"),
    ]
    head = "Item 4. Purpose. None.\n\nSIGNATURE\n\nAfter reasonable inquiry, I certify.\n\n"

    def links(sig: str) -> set[tuple[str, str, str]]:
        pd = _filing(pages, head + sig)
        nm = {p.id: p.name.casefold() for p in pd.parties}
        return {(nm[lk.controller_id], nm[lk.controlled_id], lk.role.value) for lk in pd.links}

    assert links(
        "/s/ John Doe\nJohn Doe, as Managing Member of Alpha GP, LLC, for itself and as the"
        " General Partner of Alpha Fund, L.P.\n"
    ) == {
        ("john doe", "alpha gp, llc", "managing_member"),
        ("alpha gp, llc", "alpha fund, l.p.", "general_partner"),
    }
    assert links(
        "/s/ John Doe\nJohn Doe, individually and as Managing Member of Alpha GP, LLC\n"
    ) == {("john doe", "alpha gp, llc", "managing_member")}
    assert links("/s/ John Doe\nJohn Doe, as Vice President of Alpha GP, LLC\n") == set()
    assert links("/s/ John Doe\nJohn Doe, as attorney-in-fact for Alpha GP, LLC\n") == set()


def test_entity_line_acting_for_another_entity() -> None:
    """Synthetic signature block: 'ALPHA GP, LLC, for itself and as general partner of ALPHA
    FUND, L.P.' / 'By: /s/ John Doe' / 'Name: John Doe' / 'Title: Managing Member' is read as
    'ALPHA FUND, L.P.' / 'By: ALPHA GP, LLC, its general partner' and Doe's title: Alpha GP
    -> Alpha Fund (general partner), Doe -> Alpha GP (managing member)."""
    pages = [
        _page("ALPHA FUND, L.P.", shared="1,000", agg="1,000", typ="PN"),
        _page("ALPHA GP, LLC", shared="1,000", agg="1,000", typ="OO"),
        _page("JOHN DOE", shared="1,000", agg="1,000", typ="IN"),
    ]
    pd = _filing(
        pages,
        "Item 4. Purpose. None.\n\nSIGNATURE\n\nAfter reasonable inquiry, I certify.\n\n"
        "ALPHA GP, LLC, for itself and as general partner of ALPHA FUND, L.P.\n\n"
        "By: /s/ John Doe\nName: John Doe\nTitle: Managing Member\n\n/s/ John Doe\nJohn Doe\n",
    )
    nm = {p.id: p.name.casefold() for p in pd.parties}
    assert {(nm[lk.controller_id], nm[lk.controlled_id], lk.role.value) for lk in pd.links} == {
        ("alpha gp, llc", "alpha fund, l.p.", "general_partner"),
        ("john doe", "alpha gp, llc", "managing_member"),
    }
