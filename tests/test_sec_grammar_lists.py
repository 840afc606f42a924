"""The relation grammar on lists of objects (loaders/sec_grammar.py): a counted description
before the list, and defined terms that end a longer name.

Each test is on a sentence quoted from a development filing (named as such) or a synthetic
one (named as such); the expected links are read from the sentence by hand.
"""

from __future__ import annotations

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_grammar import NameBook, define_terms, extract_links


def _links(text: str, *, parties: tuple[str, ...] = ()) -> set[tuple[str, str, Role]]:
    book = NameBook()
    for p in parties:
        book.add_party(p, p)
    define_terms(text, book)
    return {
        (book.names[x.controller], book.names[x.controlled], x.role)
        for x in extract_links(text, book)
    }


def test_counted_description_before_the_list() -> None:
    """Quoted (2020 SC 13G, TIAA-CREF): 'Teachers Advisors, LLC (“TAL”) is the investment
    adviser to three registered investment companies, TIAA-CREF Funds (“Funds”), TIAA-CREF
    Life Funds (“Life Funds”), and TIAA Separate Account VA-1 (“VA-1”)': three links; the
    term "Funds" does not swallow "TIAA-CREF Life Funds" nor "(“Life Funds”)"."""
    tal = "Teachers Advisors, LLC"
    got = _links(
        "Teachers Advisors, LLC (“TAL”) is the investment adviser to three registered "
        "investment companies, TIAA-CREF Funds (“Funds”), TIAA-CREF Life Funds (“Life "
        "Funds”), and TIAA Separate Account VA-1 (“VA-1”).",
        parties=(tal,),
    )
    assert got == {
        (tal, "TIAA-CREF Funds", Role.INVESTMENT_ADVISER),
        (tal, "TIAA-CREF Life Funds", Role.INVESTMENT_ADVISER),
        (tal, "TIAA Separate Account VA-1", Role.INVESTMENT_ADVISER),
    }


def test_counted_description_general_partner() -> None:
    """Synthetic: 'X Capital LP is the general partner of two private investment funds,
    Alpha Fund LP and Beta Fund LP.'"""
    got = _links(
        "X Capital LP is the general partner of two private investment funds, Alpha Fund LP "
        "and Beta Fund LP."
    )
    assert got == {
        ("X Capital LP", "Alpha Fund LP", Role.GENERAL_PARTNER),
        ("X Capital LP", "Beta Fund LP", Role.GENERAL_PARTNER),
    }


def test_no_description_no_change() -> None:
    """Synthetic: 'X Capital LP is the general partner of certain funds managed by others,
    and Alpha Fund LP holds shares': no counted description, no list: no link."""
    got = _links(
        "X Capital LP is the general partner of certain funds managed by others, and Alpha "
        "Fund LP holds shares."
    )
    assert got == set()
