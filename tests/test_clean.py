"""graph.clean (contract C3): every number and name rule, with the values read by hand."""

from __future__ import annotations

import pytest

from ownergraph.graph.clean import (
    MAX_SHARES,
    clean_name,
    clean_text,
    parse_date,
    parse_number,
    parse_percent,
    parse_shares,
)
from ownergraph.graph.errors import NumberError


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NONE", 0.0),
        ("None", 0.0),
        ("nil", 0.0),
        ("-0-", 0.0),
        ("0-", 0.0),
        ("0", 0.0),
        ("1,019,531", 1019531.0),
        ("5'274'370", 5274370.0),  # Swiss grouping
        ("5\u2019274\u2019370", 5274370.0),  # typographic apostrophe
        ("1\u2009234\u2009567", 1234567.0),  # thin space
        ("1\u202f234", 1234.0),  # narrow no-break space
        ("1\u00a0234", 1234.0),  # no-break space
        ("10092431.00", 10092431.0),
        ("4987103.5", 4987103.5),  # fractional units exist
        ("-3,416,000-", 3416000.0),  # dashes around are decoration
        ("1.234.567", 1234567.0),  # the number's own grouping says dots group
        ("1.234.567,5", 1234567.5),
        ("１２３,４５６", 123456.0),  # fullwidth digits: NFKC
        ("1e20", 1e20),
        ("1.5E+6", 1500000.0),
        ("3,731,323*", 3731323.0),
        ("  42  ", 42.0),
        ("", None),
        ("n/a", None),
        ("-", None),
    ],
)
def test_share_counts_in_a_structured_field(text: str, value: float | None) -> None:
    assert parse_shares(text) == value


def test_the_document_grouping_turns_the_dot_into_a_separator() -> None:
    assert parse_shares("1.234") == 1.234
    assert parse_shares("1.234", grouping=".") == 1234.0
    assert parse_shares("2.500,75", grouping=".") == 2500.75


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("(1000)", "negative"),  # accounting negative
        ("( 1,000 )", "negative"),
        ("-5", "negative"),
        ("\u0663\u0660\u0660", "NFKC"),  # Arabic-Indic 300
        ("\u0969", "NFKC"),  # Devanagari 3
        ("1e21", "implausible"),
        ("9" * 25, "implausible"),
        ("1,5", "three a group"),
        ("12,34,567", "three a group"),
        ("1,234'567", "mixed"),
        ("abc", "not a number"),
        ("1.2.3,4,5", "not a number"),
        ("nan", "not a number"),
        ("inf", "not a number"),
        ("0x10", "not a number"),
    ],
)
def test_bad_share_counts_are_typed_errors(text: str, why: str) -> None:
    with pytest.raises(NumberError, match=why):
        parse_shares(text)
    assert isinstance(NumberError("x"), ValueError)  # loaders catch ValueError too


def test_booleans_and_non_finite_values_are_not_counts() -> None:
    for bad in (True, float("nan"), float("inf"), -1, MAX_SHARES):
        with pytest.raises(NumberError):
            parse_shares(bad)
    assert parse_shares(12) == 12.0


def test_in_prose_an_unreadable_number_is_unknown_with_a_note() -> None:
    notes: list[str] = []
    assert parse_shares("approximately half", prose=True, notes=notes) is None
    assert parse_shares("(1000)", prose=True, notes=notes) is None
    assert parse_shares("1,019,531", prose=True, notes=notes) == 1019531.0
    assert len(notes) == 2
    assert "'approximately half'" in notes[0] and "unknown" in notes[0]
    assert "negative" in notes[1]


def test_a_comma_of_the_sentence_is_not_part_of_the_number() -> None:
    assert parse_shares("1,000,000,") == 1000000.0
    assert parse_number("3,731,323,") == 3731323.0


def test_parse_number_stays_lenient_about_commas_for_its_prose_callers() -> None:
    assert parse_number("3,7313,23") == 3731323.0  # as before the rules; parse_shares refuses
    with pytest.raises(NumberError):
        parse_shares("3,7313,23")


def test_parse_number_keeps_the_sign_and_none_as_absent() -> None:
    assert parse_number("(250)") == -250.0
    assert parse_number("-5") == -5.0
    assert parse_number("None") is None  # only a share count reads NONE as zero
    assert parse_number("-0-") == 0.0


def test_percent_rules() -> None:
    assert parse_percent("2.28%") == 2.28
    assert parse_percent("１３.５％") == 13.5
    assert parse_percent("<1%") == 1.0
    for bad in ("(5)", "101", "\u0665%", "-3"):
        with pytest.raises(ValueError):
            parse_percent(bad)


@pytest.mark.parametrize("bad", ["2024-02-30", "2017-13-01", "0000-01-01", "2018-02-30"])
def test_impossible_dates_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="not a date"):
        parse_date(bad)


@pytest.mark.parametrize(
    ("raw", "name", "which"),
    [
        ("JENEX\u0000LIMITED\u001b[31m", "JENEX LIMITED", ["NUL", "ANSI escape"]),
        ("Bob\x00Example", "Bob Example", ["NUL (U+0000)"]),
        ("Evil\u202eCorp", "EvilCorp", ["RIGHT-TO-LEFT OVERRIDE (U+202E)"]),
        ("Apple\u200b Inc.", "Apple Inc.", ["ZERO WIDTH SPACE (U+200B)"]),
        ("Acme\ufeff Ltd", "Acme Ltd", ["BOM"]),
        ("A\u0085B", "A B", ["C1 control (U+0085)"]),
        ("A\u2066B\u2069", "AB", ["LEFT-TO-RIGHT ISOLATE", "POP DIRECTIONAL ISOLATE"]),
        ("Tab\there", "Tab here", []),  # a tab in a name is whitespace
    ],
)
def test_names_lose_controls_bidi_and_zero_width_with_a_note(
    raw: str, name: str, which: list[str]
) -> None:
    out, notes = clean_name(raw)
    assert out == name
    for w in which:
        assert any(w in n for n in notes), (w, notes)
    if not which:
        assert notes == []


def test_two_names_that_look_the_same_become_the_same() -> None:
    a, _ = clean_name("Wynnefield\u200b Capital")
    b, _ = clean_name("Wynnefield Capital")
    c, _ = clean_name("Cafe\u0301 Holdings")  # decomposed e + acute
    d, _ = clean_name("Caf\u00e9 Holdings")
    assert a == b and c == d


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (
            "Wynnefield Partners Small Cap Value, L.P. I.R.S. Identification No. 13-3688497",
            "Wynnefield Partners Small Cap Value, L.P.",
        ),
        ("Channel Partnership II, L.P. (EIN No. 65-117893)", "Channel Partnership II, L.P."),
        ("Nelson Obus EIN 65-1178932", "Nelson Obus"),
        ("Acme Fund LP, IRS No. 13-3688497", "Acme Fund LP"),
        ("Wynnefield Capital, Inc. **", "Wynnefield Capital, Inc."),
        ("Nelson Obus (1)", "Nelson Obus"),
        ("Joshua Landes*", "Joshua Landes"),
        ("Vanguard Group Inc.\u00b9", "Vanguard Group Inc."),
        ("Wynnefield Capital\nManagement, LLC", "Wynnefield Capital Management, LLC"),
        ("Fund II (Series A)", "Fund II (Series A)"),  # not a footnote
        ("3M Company", "3M Company"),
    ],
)
def test_tax_numbers_footnotes_and_line_breaks(raw: str, name: str) -> None:
    assert clean_name(raw)[0] == name


def test_text_keeps_tab_and_newline_when_allowed() -> None:
    assert clean_text("a\tb\nc\x00", multiline=True)[0] == "a\tb\nc "
    assert clean_text("a\tb", multiline=False)[0] == "a b"
