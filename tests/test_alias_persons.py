"""Room ALIAS: persons named only in the prose become parties where the sentence gives
them a role, and a mention of them resolves to them (issue 11). Synthetic sentences in the
forms of legacy 13D/G filings.
"""

from __future__ import annotations

from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_terms import NameBook, define_terms


def _read(text: str) -> tuple[NameBook, set[tuple[str, str, str]]]:
    book = NameBook(issuer_key="iss")
    book.add_party("iss", "Acme Widgets, Inc.")
    define_terms(text, book)
    links = {
        (book.names[x.controller], book.names[x.controlled], x.role.value)
        for x in extract_links(text, book)
    }
    return book, links


def _persons(book: NameBook) -> set[str]:
    return {book.names[k] for k in book.persons}


def test_list_of_titled_persons_are_all_role_holders() -> None:
    # "are all shareholders, officers and directors of": a plural role after "all"
    book, links = _read(
        "Mr. C.H. Snyder, Jr., Mr. Dennis C. Snyder and Mr. Thomas C. Snyder are all"
        " shareholders, officers and directors of Snyder Associated Companies, Inc."
    )
    assert _persons(book) == {"C.H. Snyder, Jr.", "Dennis C. Snyder", "Thomas C. Snyder"}
    for who in ("C.H. Snyder, Jr.", "Dennis C. Snyder", "Thomas C. Snyder"):
        assert (who, "Snyder Associated Companies, Inc.", "officer") in links


def test_person_with_description_in_apposition() -> None:
    book, links = _read(
        "John Wilson, an employee of Energy Growth Momentum LLP and shareholder of"
        " EGM II GP Ltd, has no power over the shares."
    )
    assert _persons(book) == {"John Wilson"}
    assert ("John Wilson", "EGM II GP Ltd", "shareholder") in links


def test_description_after_a_phrase_takes_only_the_name() -> None:
    book, _links = _read(
        "Prior to the Business Combination, John Wilson, an employee of Energy Growth"
        " Momentum LLP, served as a director."
    )
    assert _persons(book) == {"John Wilson"}  # not "Business Combination"


def test_person_with_titles_in_parentheses() -> None:
    book, _links = _read(
        "The other executive officer and director of Micco Corporation is as follows:"
        " Charles C. Mickel (Vice President, Secretary and Director)"
    )
    assert _persons(book) == {"Charles C. Mickel"}


def test_nickname_is_not_part_of_the_name() -> None:
    text = (
        'The merger was announced, said Walter E. "Bud" Gates, Chairman and Chief'
        " Executive Officer of THORN Americas."
    )
    book, _links = _read(text)
    assert _persons(book) == {"Walter E. Gates"}
    (key,) = book.persons
    assert any(m.keys == (key,) for m in book.mentions(text, discover=False))


def test_company_words_are_no_person() -> None:
    book, _links = _read("Acme Capital Partners, an affiliate of Beta Holdings LLC, is a member.")
    assert _persons(book) == set()


def test_subject_with_relation_in_apposition() -> None:
    book, links = _read(
        "The shares are held in the Doe Family Trust, and John Doe, the son of Mr. and"
        " Mrs. Doe, is the sole trustee of the Doe Family Trust."
    )
    assert _persons(book) == {"John Doe"}
    assert ("John Doe", "Doe Family Trust", "trustee") in links


def test_role_in_apposition_before_its_defined_term() -> None:
    book, _links = _read(
        'Jane Roe and Richard Poe, managing members (the "Managers"), control Alpha'
        " Capital Management LLC."
    )
    assert _persons(book) == {"Jane Roe", "Richard Poe"}


def test_other_holder_of_a_shared_power_far_after_the_word_power() -> None:
    book, links = _read(
        "Mr. Kecseg shares the power to vote and dispose of 1,000 shares beneficially owned"
        " by him with L.J. Moser.  Mr. Moser is the President of Moser Foods, Inc., a"
        " restaurant company."
    )
    assert "L.J. Moser" in _persons(book)
    assert ("L.J. Moser", "Moser Foods, Inc.", "officer") in links
