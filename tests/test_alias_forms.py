"""Room ALIAS: a party named in a sentence by a short form or a defined term resolves to
that party (and to no other) when the relation grammar reads the sentence.

Sentences are synthetic, in the forms legacy 13D/G filings use (issue 11).
"""

from __future__ import annotations

import pytest

from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_terms import NameBook, define_terms


def _book() -> NameBook:
    book = NameBook(issuer_key="iss")
    book.add_party("iss", "Acme Widgets, Inc.")
    book.add_party("awm", "AWM Investment Company, Inc.")
    book.add_party("mgp", "MGP Advisers Limited Partnership")
    book.add_party("qp", "Special Situations Fund III QP, L.P.")
    book.add_party("cay", "Special Situations Cayman Fund, L.P.")
    book.add_party("bw", "The Blue Whale Fund LLC")
    book.add_party("onshore", "LionEye Onshore Fund LP")
    book.add_party("marxe", "Austin W. Marxe", person=True)
    book.add_party("green", "David M. Greenhouse", person=True)
    return book


def _keys(book: NameBook, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(m.surface, m.keys) for m in book.mentions(text, discover=False)]


def _links(book: NameBook, text: str) -> set[tuple[str, str, str]]:
    return {(x.controller, x.controlled, x.role.value) for x in extract_links(text, book)}


@pytest.mark.parametrize(
    ("text", "surface", "key"),
    [
        # the name without its legal form, one word at a time
        ("AWM Investment Company is the adviser.", "AWM Investment Company", "awm"),
        ("AWM Investment is the adviser.", "AWM Investment", "awm"),
        # "Limited Partnership" is one legal form
        ("MGP Advisers is the general partner.", "MGP Advisers", "mgp"),
        # without a leading "The", with or without the legal form
        ("Blue Whale Fund is a fund.", "Blue Whale Fund", "bw"),
        ("Blue Whale Fund, LLC is a fund.", "Blue Whale Fund, LLC", "bw"),
        # the leading words: the name without its legal form
        ("Special Situations Fund III QP is a fund.", "Special Situations Fund III QP", "qp"),
        # all capitals
        ("MGP ADVISERS is the general partner.", "MGP ADVISERS", "mgp"),
        # a fund without "Fund" and its legal form
        ("LionEye Onshore beneficially owned 71,268 Shares.", "LionEye Onshore", "onshore"),
    ],
)
def test_short_form_names_its_party(text: str, surface: str, key: str) -> None:
    assert (surface, (key,)) in _keys(_book(), text)


@pytest.mark.parametrize(
    "text",
    [
        "MGP Advisers Offshore is a fund.",  # a longer name goes on
        "MGP Advisers, L.P. is a fund.",  # another legal form: another entity
        "MGP Advisers L.P. is a fund.",
        "MGP is a fund.",  # one word is no short form
    ],
)
def test_short_form_not_inside_another_name(text: str) -> None:
    assert not any(k == ("mgp",) for _s, k in _keys(_book(), text))


def test_short_form_of_two_parties_names_neither() -> None:
    book = _book()
    book.add_party("f1", "Lotus Partners, L.P.")
    book.add_party("f2", "Lotus Partners LLC")
    assert _keys(book, "Lotus Partners is the general partner.") == []
    # each full name still names its party
    assert _keys(book, "Lotus Partners LLC is the general partner of Lotus Partners, L.P.") == [
        ("Lotus Partners LLC", ("f2",)),
        ("Lotus Partners, L.P.", ("f1",)),
    ]


def test_short_form_that_is_another_partys_name_names_that_party() -> None:
    book = _book()
    book.add_party("f1", "Lotus Capital LLC")
    book.add_party("f2", "Lotus Capital")  # the book knows a party by exactly this name
    assert _keys(book, "Lotus Capital is the manager.") == [("Lotus Capital", ("f2",))]


def test_generic_short_form_names_no_one() -> None:
    book = NameBook()
    book.add_party("cm", "Capital Management LLC")
    assert _keys(book, "Capital Management is the manager.") == []


def test_short_forms_in_a_stated_link() -> None:
    book = _book()
    sentence = "MGP Advisers is the general partner of Special Situations Cayman Fund."
    assert _links(book, sentence) == {("mgp", "cay", "general_partner")}
    assert _links(book, "Blue Whale Fund is managed by AWM Investment Company.") == {
        ("awm", "bw", "investment_manager")
    }


@pytest.mark.parametrize(
    "definition",
    [
        'AWM Investment Company, Inc. ("AWM") and MGP Advisers Limited Partnership ("MGP").',
        'AWM Investment Company, Inc. (the "AWM") and MGP Advisers Limited Partnership (the "MGP").',
        'AWM Investment Company, Inc. (hereinafter "AWM") and MGP Advisers Limited Partnership'
        ' (referred to herein as "MGP").',
        'AWM Investment Company, Inc., hereinafter referred to as "AWM", and MGP Advisers'
        ' Limited Partnership, referred to as "MGP", are Delaware entities.',
    ],
)
def test_defined_terms(definition: str) -> None:
    book = _book()
    define_terms(definition, book)
    assert _links(book, "AWM is the general partner of MGP.") == {("awm", "mgp", "general_partner")}


@pytest.mark.parametrize(
    "definition",
    [
        "Special Situations Fund III QP, L.P. and Special Situations Cayman Fund, L.P."
        ' (collectively, the "Funds").',
        "Special Situations Fund III QP, L.P. and Special Situations Cayman Fund, L.P."
        ' (hereinafter collectively referred to as the "Funds").',
        "Special Situations Fund III QP, L.P. and Special Situations Cayman Fund, L.P. are"
        ' sometimes collectively referred to herein as the "Funds."',
    ],
)
def test_plural_defined_term_is_each_member(definition: str) -> None:
    book = _book()
    define_terms(definition, book)
    assert book.aliases["Funds"] == ("qp", "cay")
    # as the subject and as the object of the role
    assert _links(book, "The Funds are managed by AWM Investment Company, Inc.") == {
        ("awm", "qp", "investment_manager"),
        ("awm", "cay", "investment_manager"),
    }
    assert _links(book, "AWM Investment Company, Inc. is the investment adviser to the Funds.") == {
        ("awm", "qp", "investment_adviser"),
        ("awm", "cay", "investment_adviser"),
    }


def test_referred_sentence_needs_names_for_subject() -> None:
    book = _book()
    define_terms(
        'The general partner of Special Situations Cayman Fund, L.P. is referred to as the "GP".'
        ' The foregoing entities are collectively referred to as the "Partnerships."',
        book,
    )
    assert "GP" not in book.aliases and "Partnerships" not in book.aliases


def test_surname_with_title() -> None:
    book = _book()
    sentence = (
        "Messrs. Marxe and Greenhouse are the controlling principals of"
        " AWM Investment Company, Inc."
    )
    assert _links(book, sentence) == {("marxe", "awm", "parent"), ("green", "awm", "parent")}
    assert ("Mr. Marxe", ("marxe",)) in _keys(book, "Mr. Marxe is a director.")


def test_shared_surname_names_no_one() -> None:
    book = _book()
    book.add_party("amarxe", "Anne Marxe", person=True)
    assert not [k for _s, k in _keys(book, "Marxe is the general partner.")]


def test_name_broken_across_lines() -> None:
    book = _book()
    sentence = "AWM Investment\n   Company, Inc. is the general partner of MGP Advisers Limited Partnership."
    assert _links(book, sentence) == {("awm", "mgp", "general_partner")}


def _altria_book() -> NameBook:
    book = NameBook(issuer_key="iss")
    book.add_party("iss", "Cronos Group Inc.")
    book.add_party("alt", "Altria Group, Inc.")
    book.add_party("pm", "Philip Morris USA Inc.")
    return book


def test_first_word_names_its_party() -> None:
    book = _altria_book()
    sentence = "Philip Morris USA Inc. is a wholly owned subsidiary of Altria."
    assert _links(book, sentence) == {("alt", "pm", "parent")}
    assert ("ALTRIA", ("alt",)) in _keys(book, "ALTRIA owns it.")


def test_first_word_not_inside_another_name() -> None:
    book = _altria_book()
    book.add_party("dcs", "Dennis C. Altria", person=True)  # another name holds the word
    assert not [k for _s, k in _keys(book, "Altria owns it.") if k == ("alt",)]
    book = _altria_book()
    for text in ("Mr. Dennis C. Altria owns it.", "The Altria Foundation owns it."):
        assert not [k for _s, k in _keys(book, text) if k == ("alt",)], text


def test_first_word_of_the_issuer_or_a_common_word_names_no_one() -> None:
    book = _altria_book()
    book.add_party("nb", "National Bank of Canada")
    assert _keys(book, "Cronos owns it. National owns it.") == []


def test_short_form_without_a_trailing_word_many_names_end_with() -> None:
    book = NameBook()
    book.add_party("mo", "Mayura One Holdings LLC")
    assert _keys(book, "Mayura One is the trustee.") == [("Mayura One", ("mo",))]


def test_short_form_that_starts_another_name_names_no_one() -> None:
    book = NameBook()
    book.add_party("ieh", "Icahn Enterprises Holdings L.P.")
    book.add_party("iee", "Icahn Enterprises Europe Ltd")
    # "Icahn Enterprises" shortens the first and starts the second: no one
    assert _keys(book, "Icahn Enterprises is the parent.") == []
    assert _keys(book, "Icahn Enterprises Holdings is the parent.") == [
        ("Icahn Enterprises Holdings", ("ieh",))
    ]


def _funds_book() -> NameBook:
    book = NameBook(issuer_key="iss")
    book.add_party("iss", "Acme Widgets, Inc.")
    book.add_party("a", "Alpha Fund, L.P.")
    book.add_party("c", "Gamma Fund, L.P.")
    book.add_party("g", "Beta Capital LLC")
    return book


def test_the_inside_the_quotes_of_a_defined_term() -> None:
    book = _funds_book()
    define_terms('Alpha Fund, L.P. ("the Fund") is a Delaware limited partnership.', book)
    assert _links(book, "The Fund is managed by Beta Capital LLC.") == {
        ("g", "a", "investment_manager")
    }


def test_member_term_then_collective_term() -> None:
    book = _funds_book()
    define_terms(
        'Alpha Fund, L.P. and Gamma Fund, L.P. (each a "Fund" and collectively the "Funds")'
        " are Delaware limited partnerships.",
        book,
    )
    assert book.aliases["Funds"] == ("a", "c")
    assert _links(book, "Beta Capital LLC is the general partner of the Funds.") == {
        ("g", "a", "general_partner"),
        ("g", "c", "general_partner"),
    }


def test_described_plural_party_named_only_by_its_term() -> None:
    book = NameBook(issuer_key="iss")
    book.add_party("iss", "Acme Widgets, Inc.")
    book.add_party("fmr", "FMR LLC")
    define_terms(
        "FMR LLC acts as investment adviser to the various investment companies registered"
        ' under the Investment Company Act ("Fidelity Funds").',
        book,
    )
    (key,) = book.aliases["Fidelity Funds"]
    assert book.names[key] == "Fidelity Funds"  # a party of its own, not FMR LLC


def test_together_with_term_keeps_its_group() -> None:
    # the referring words are taken out of the parenthesis, "together with" is not
    book = _funds_book()
    define_terms(
        'Alpha Fund, L.P. (together with Gamma Fund, L.P., the "Funds") is a limited partnership.',
        book,
    )
    assert set(book.aliases["Funds"]) == {"a", "c"}
