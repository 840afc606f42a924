"""Names inside lists of the relation grammar: "U.S." inside a fund's name does not end the
sentence, and a known name followed by a roman numeral is another party ("Alpha Fund II,
L.P." is not "Alpha Fund, L.P."). Synthetic sentences, links read by hand."""

from __future__ import annotations

import re

import pytest

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_grammar import clauses
from ownergraph.loaders.sec_lexicon import name_pattern
from tests.grammar_links import links_in

IA, GP = Role.INVESTMENT_ADVISER, Role.GENERAL_PARTNER


def links(text: str, *parties: str) -> set[tuple[str, str, Role]]:
    return links_in(text, parties=parties)


@pytest.mark.parametrize(
    "text",
    [
        "Alpha Advisers LLC provides advisory services for The Orchard Fund, The Orchard U.S. "
        "Treasury Money Market Fund, Birch Fund Ltd. and Cedar Growth ETF.",
        "Alpha Advisers LLC provides advisory services for The Orchard U.S. Treasury Money "
        "Market Fund, The Orchard Fund, Cedar Growth ETF and Birch Fund Ltd.",
    ],
)
def test_us_inside_a_fund_name_in_a_client_list(text: str) -> None:
    got = links(text, "Alpha Advisers LLC")
    assert got == {
        ("Alpha Advisers LLC", name, IA)
        for name in (
            "The Orchard Fund",
            "The Orchard U.S. Treasury Money Market Fund",
            "Birch Fund Ltd.",
            "Cedar Growth ETF",
        )
    }


def test_us_and_uk_do_not_end_a_sentence() -> None:
    text = "Beta Ltd. is organized in the U.K. and holds U.S. Treasury bills. Gamma LLC is here."
    assert [text[a:b].strip() for a, b in clauses(text)] == [
        "Beta Ltd. is organized in the U.K. and holds U.S. Treasury bills.",
        "Gamma LLC is here.",
    ]


@pytest.mark.parametrize(
    ("known", "text", "hit"),
    [
        ("Alpha Fund, L.P.", "Alpha Fund II, L.P.", False),
        ("Alpha Fund, L.P.", "Alpha Fund, L.P. and Beta", True),
        ("Gabelli Associates Limited", "Gabelli Associates Limited II E", False),
        ("Orchard Partners", "Orchard Partners IV, LLC", False),
        ("Orchard Partners", "Orchard Partners in 2020", True),
        ("John Smith", "John Smith III", False),
    ],
)
def test_a_roman_numeral_after_a_name_makes_another_name(known: str, text: str, hit: bool) -> None:
    assert bool(re.match(name_pattern(known), text, re.I)) is hit


def test_a_list_of_numbered_funds_is_a_list() -> None:
    """The book knows the first fund of a family: the next ones, numbered, are their own
    parties and the list goes on."""
    text = (
        "Orchard GP LLC is the general partner of each of Orchard Fund, L.P., Orchard Fund II, "
        "L.P. and Orchard Fund III, L.P."
    )
    assert links(text, "Orchard GP LLC", "Orchard Fund, L.P.") == {
        ("Orchard GP LLC", f, GP)
        for f in ("Orchard Fund, L.P.", "Orchard Fund II, L.P.", "Orchard Fund III, L.P.")
    }
