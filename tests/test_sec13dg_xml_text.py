"""The XML 13D/G text rules beyond the shared grammar (loaders/sec13dg_xml_text.py), on
quoted sentences and on real submissions of the labelled corpus (values read by hand)."""

from __future__ import annotations

from pathlib import Path

from ownergraph.loaders import parse_path
from ownergraph.loaders.sec13dg_xml_text import item7_subsidiaries, respectively_holdings
from ownergraph.loaders.sec_terms import NameBook

SUB = Path(__file__).parent / "fixtures" / "corpus" / "sec13dg-submission"


def _links(pd):  # type: ignore[no-untyped-def]
    names = {p.id: p.name for p in pd.parties}
    return {(names[lk.controller_id], names[lk.controlled_id], lk.role.value) for lk in pd.links}


def test_item7_exhibit_list_quoted() -> None:
    # BlackRock's EX-99 "ITEM7.txt", as filed (leading spaces and the footnote included)
    text = (
        "BlackRock Advisors, LLC\n Aperio Group, LLC\n BlackRock (Netherlands) B.V.\n"
        " BlackRock Asset Management Schweiz AG\n\n*Entity beneficially owns 5% or greater"
        " of the outstanding\nshares of the security class being reported on this\nSchedule 13G."
    )
    got = item7_subsidiaries(
        {"subsidiaryIdentificationAndClassification": "See Exhibit 99"},
        [
            {"type": "EX-24", "description": "EXHIBIT 24: POWER OF ATTORNEY", "text": "x"},
            {"type": "EX-99", "description": "EXHIBIT 99: ITEM 7", "text": text},
        ],
    )
    assert [n for n, _w in got] == [
        "BlackRock Advisors, LLC",
        "Aperio Group, LLC",
        "BlackRock (Netherlands) B.V.",
        "BlackRock Asset Management Schweiz AG",
    ]


def test_item7_of_a_13d_lists_exhibits_not_subsidiaries() -> None:
    # a 13D's Item 7 is "Material to be filed as exhibits" (field filedExhibits)
    item7 = {"filedExhibits": "99.1\tJoint Filing Agreement\n99.2\tPower of Attorney"}
    exhibits = [{"type": "EX-99.1", "description": None, "text": "Bank of America Corporation"}]
    assert item7_subsidiaries(item7, exhibits) == []


def test_respectively_quoted() -> None:
    book = NameBook(issuer_key="i")
    book.add_party("a", "AP Fresco Aggregator, L.P.", spellings=["AP Fresco"])
    book.add_party("m", "MAPS Equity Holdings, LLC", spellings=["MAPS Equity"])
    s = (
        "on August 20, 2025 the Issuer issued 6,606,805.7 Common Shares and 600,618.7 Common"
        " Shares to AP Fresco and MAPS Equity, respectively."
    )
    assert [(h.holder, h.shares) for h in respectively_holdings(s, book)] == [
        ("a", 6606805.7),
        ("m", 600618.7),
    ]
    # counts and holders that do not pair up state nothing
    s2 = "issued 10 Common Shares and 20 Common Shares to AP Fresco, respectively."
    assert respectively_holdings(s2, book) == []


def test_blackrock_submission_item7_subsidiaries_are_linked() -> None:
    pd = parse_path(SUB / "2025-schedule13g-1826457_monte-rosa-therapeutics-inc_blackrock-inc.txt")
    parent = {(c, d) for c, d, r in _links(pd) if r == "parent"}
    # the nine names of EX-99 (ITEM7.txt), read by hand
    subs = {
        "Aperio Group, LLC",
        "BlackRock Advisors, LLC",
        "SpiderRock Advisors, LLC",
        "BlackRock Asset Management Canada Limited",
        "BlackRock Fund Advisors",
        "BlackRock Asset Management Ireland Limited",
        "BlackRock Institutional Trust Company, National Association",
        "BlackRock Financial Management, Inc.",
        "BlackRock Investment Management, LLC",
    }
    assert parent == {("BlackRock, Inc.", s) for s in subs}
    # the filer still holds its row 11 (the list does not say who holds how many)
    assert [p.name for p in pd.parties if p.id in {h.holder_id for h in pd.holdings}] == [
        "BlackRock, Inc."
    ]


def test_item7_sentence_over_two_lines_and_surname_first_filer() -> None:
    # Item 7: "Armon Real Estate Agency Ltd., an Israeli company wholly-owned\nby Eli Polatov";
    # the filer is named "Polatov Eli" on the cover page
    pd = parse_path(SUB / "2023-schedule13ga-1998813_clearmind-medicine-inc_polatov-eli.txt")
    assert ("Polatov Eli", "Armon Real Estate Agency Ltd.", "parent") in _links(pd)
    held = {h.holder_id: h.shares for h in pd.holdings}
    assert held == {next(p.id for p in pd.parties if p.name == "Polatov Eli"): 0.0}


def test_hilton_maps_equity_holding_from_respectively() -> None:
    pd = parse_path(
        SUB
        / "2025-schedule13d-1674168_hilton-grand-vacations-inc_apollo-management-holdings-gp-llc.txt"
    )
    names = {p.id: p.name for p in pd.parties}
    held = {names[h.holder_id]: h.shares for h in pd.holdings}
    assert held["MAPS Equity Holdings, LLC"] == 600618.7


def test_mill_road_management_committee_directors_of_the_gp() -> None:
    # Item 2: "Mr. Lynch, Deven Petito and Eric Yanagi are the Management Committee Directors
    # of the GP" (the GP defined as Mill Road Capital III GP LLC)
    pd = parse_path(
        SUB / "2024-schedule13d-1767199_landsea-homes-corp_mill-road-capital-iii-l-p.txt"
    )
    gp = "Mill Road Capital III GP LLC"
    directors = {c for c, d, r in _links(pd) if r == "director" and d == gp}
    assert directors == {"Thomas E. Lynch", "Deven Petito", "Eric Yanagi"}
    assert ("Mill Road Capital III GP LLC", "Mill Road Capital III, L.P.", "general_partner") in (
        _links(pd)
    )


def test_regal_nutra_signer_president_is_an_officer_link() -> None:
    # signature: Regal Nutra LLC / Steve Alexander / President (convention 2)
    pd = parse_path(SUB / "2023-schedule13g-1854583_collective-audience-inc_regal-nutra-llc.txt")
    assert _links(pd) == {("Steve Alexander", "Regal Nutra LLC", "officer")}


def test_signer_titles_that_state_no_control() -> None:
    from ownergraph.loaders.sec13dg_xml_text import signer_role

    # read from the corpus submissions' signatures
    for signer, title in [
        ("/s/ Thomas E. Lynch", "Thomas E. Lynch, Chairman and Management Committee Director"),
        ("Spencer Fleming", "Managing Director"),
        ("Grayson Linyard", "Attorney in Fact"),
        ("/s/ William B. Kuesel", "William B. Kuesel, Vice President"),
        ("/s/ Jessica Lomm", "Jessica Lomm, Secretary"),
        ("Eli Polatov", "Individual"),
    ]:
        assert signer_role(signer, title) is None, title
    assert signer_role("Martin Friedman", "Managing Member").value == "managing_member"


def test_signer_entity_named_only_in_the_signature_and_its_misspelling() -> None:
    """Signatures as the Hilton 2025 XML files them: 'AP Fresco Aggregator, L.P.' signed by
    'Apollo Fresco Aggregator GP, LLC' as General Partner -- a misspelling of the general
    partner the Items name, so no second general partner; 'MAPS Equity Holdings, LLC'
    signed by 'MAPS TopCo Holdings, LLC' as Sole Member when the text names no controller:
    the signer becomes a party with that link."""
    from ownergraph.graph.vocab import Role
    from ownergraph.loaders.sec13dg_xml_text import director_and_signer_links

    book = NameBook(issuer_key="i")
    book.add_party("fresco", "AP Fresco Aggregator, L.P.")
    book.add_party("frescogp", "AP Fresco Aggregator GP, LLC")
    book.add_party("maps", "MAPS Equity Holdings, LLC")
    acc: dict = {("frescogp", "fresco", Role.GENERAL_PARTNER): {}}
    added: list = []

    def add_link(c, d, role, *_a, **_k):  # type: ignore[no-untyped-def]
        added.append((c, book.names.get(d, d), role))
        acc[(c, d, role)] = {}

    sigs = [
        ("AP Fresco Aggregator, L.P.", "Apollo Fresco Aggregator GP, LLC", "General Partner", None),
        ("MAPS Equity Holdings, LLC", "MAPS TopCo Holdings, LLC", "Sole Member", None),
    ]
    director_and_signer_links([], sigs, book, acc, add_link, lambda *a, **k: None)
    assert [(book.names[c], d, r) for c, d, r in added] == [
        ("MAPS TopCo Holdings, LLC", "MAPS Equity Holdings, LLC", Role.SOLE_MEMBER)
    ]


def test_exhibit_texts_the_grammar_reads() -> None:
    from ownergraph.loaders.sec13dg_xml_text import exhibit_texts

    exhibits = [
        {"type": "EX-24", "text": "POWER OF ATTORNEY\nX is the general partner of Y."},
        {"type": "EX-99.2", "text": "LIMITED POWER OF ATTORNEY\nappoint each of A and B"},
        # BoA 2025 EX-99.6 (convention 8: an officer list is not a link)
        {"type": "EX-99.6", "text": "SCHEDULE I\nEXECUTIVE OFFICERS AND DIRECTORS OF\nX"},
        {"type": "EX-99.1", "text": "Alpha GP LLC is the general partner of Alpha Fund, L.P."},
        {"type": "EX-99.9", "text": "Beta GP LLC is the general partner of Beta LP. " * 400},
    ]
    got = exhibit_texts(exhibits)
    assert [(t.strip(), w) for t, w in got] == [
        ("Alpha GP LLC is the general partner of Alpha Fund, L.P.", "EX-99.1")
    ]


def test_item_power_sentence_puts_powers_on_the_pairs_link() -> None:
    from ownergraph.graph.vocab import Power, Role
    from ownergraph.loaders.sec13dg_xml_text import director_and_signer_links

    book = NameBook(issuer_key="i")
    book.add_party("gp", "Mill Road Capital III GP LLC")
    book.add_party("fund", "Mill Road Capital III, L.P.")
    acc: dict = {("gp", "fund", Role.GENERAL_PARTNER): {"voting": None, "investment": None}}
    added: list = []

    def add_link(c, d, role, *_a, voting=None, investment=None, **_k):  # type: ignore[no-untyped-def]
        added.append((c, d, role, voting, investment))

    text = (
        "Mill Road Capital III GP LLC may be deemed to have shared voting and dispositive"
        " power over the shares held by Mill Road Capital III, L.P."
    )
    director_and_signer_links([(text, None)], [], book, acc, add_link, lambda *a, **k: None)
    assert added == [("gp", "fund", Role.GENERAL_PARTNER, Power.SHARED, Power.SHARED)]
