"""Item 7 of a Schedule 13G listing each subsidiary as "NAME - Item 3 category" (room PARTIES,
session 9). The form asks a parent holding company to state "the identity and the Item 3
classification of the relevant subsidiary"; filings print it as one entry per subsidiary,
the category in words after a dash, the entries run together over lines and page breaks.
Constructed texts (the layout, not any one filing's words)."""

from __future__ import annotations

from ownergraph.loaders.sec_subsidiaries import _classified_lines, dash_entries

HEAD = (
    "Item 7. Identification and Classification of the Subsidiary Which Acquired the Security\n"
    "Being Reported on by the Parent Holding Company or Control Person:\n\n"
)


def _names(text: str) -> list[str]:
    return [n for n, _s, _e in dash_entries(text)]


def test_item7_dash_entries_holding_company_and_adviser() -> None:
    text = HEAD + (
        "Alpha Group Holdings Inc. - Holding Company\n"
        "Alpha Asset Management Co., Ltd. - Investment Adviser registered under Section 203\n"
        "of the Investment Advisers Act of 1940\n"
        "Alpha Capital LLC - investment adviser\n\nItem 8. Not applicable.\n"
    )
    assert _names(text) == [
        "Alpha Group Holdings Inc.",
        "Alpha Asset Management Co., Ltd.",
        "Alpha Capital LLC",
    ]


def test_item7_dash_entries_category_broken_over_lines_and_lettered() -> None:
    # "Holding\nCompany", an item letter before a name, punctuation before the category
    text = HEAD + (
        "A Beta Holdings Corp. - Holding\nCompany B Beta Advisors LLC - -- investment adviser\n"
        "\nItem 8. Not applicable.\n"
    )
    assert _names(text) == ["Beta Holdings Corp.", "Beta Advisors LLC"]


def test_item7_dash_entries_page_furniture_is_no_name() -> None:
    # a page break between two entries: "Page 9 of 12 Pages" does not start the next name
    text = HEAD + (
        "Gamma Holdings Inc. - Holding Company\nPage 9 of 12 Pages\n"
        "Gamma Investments Ltd. - Investment Adviser\n\nItem 8. Not applicable.\n"
    )
    assert _names(text) == ["Gamma Holdings Inc.", "Gamma Investments Ltd."]


def test_item7_without_entries_lists_nothing() -> None:
    assert _names(HEAD + "Not applicable.\n\nItem 8. Not applicable.\n") == []
    assert _names(HEAD + "See Exhibit A - attached.\n\nItem 8. None.\n") == []
    # a 13D's Item 7 (exhibits to be filed) is no subsidiary list
    text = "Item 7. Material to Be Filed as Exhibits\n\nExhibit 1 - Joint Filing Agreement\n"
    assert _names(text) == []


def test_item7_classified_lines_heading_over_two_lines() -> None:
    text = (
        "ITEM 7 IDENTIFICATION AND CLASSIFICATION OF THE SUBSIDIARY WHICH ACQUIRED\n"
        "THE SECURITY BEING REPORTED ON BY THE PARENT HOLDING COMPANY:\n\n"
        "DELTA TRUST COMPANY OF NEW YORK - 3(b) BANK\n"
        "DELTA INVESTMENT MANAGEMENT INC. - Holding Company\n\nITEM 8\n"
    )
    assert [n for n, _s, _l in _classified_lines(text, 0)] == [
        "DELTA TRUST COMPANY OF NEW YORK",
        "DELTA INVESTMENT MANAGEMENT INC.",
    ]
