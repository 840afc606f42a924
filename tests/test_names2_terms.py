"""Room NAMES2: defined terms as legacy 13D/G filings print them (issue 11).

Sentences are synthetic, in the forms the filings use.
"""

from __future__ import annotations

from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_terms import NameBook, _alias_regex, define_terms


def _book() -> NameBook:
    book = NameBook(issuer_key="iss")
    book.add_party("iss", "Acme Widgets, Inc.")
    book.add_party("f1", "Kestrel Capital Partners, LP")
    book.add_party("f2", "Kestrel Capital QP Partners, LP")
    book.add_party("gp", "Kestrel Partners, LLC")
    return book


def test_term_printed_across_a_line_is_one_term() -> None:
    # '("Kestrel\n   QP")': the loader makes the line break a blank and keeps the
    # indentation, so the term holds two blanks; it is used as "Kestrel QP"
    book = _book()
    define_terms(
        'Kestrel Capital QP Partners, LP, a Delaware limited partnership ("Kestrel  QP"), '
        "with respect to the Shares directly owned by it.",
        book,
    )
    assert book.aliases.get("Kestrel QP") == ("f2",)
    text = "Kestrel Partners, LLC is the general partner of Kestrel QP."
    assert [(m.surface, m.keys) for m in book.mentions(text, discover=False)][-1] == (
        "Kestrel QP",
        ("f2",),
    )
    assert {(x.controller, x.controlled, x.role.value) for x in extract_links(text, book)} == {
        ("gp", "f2", "general_partner")
    }


def test_alias_pattern_allows_any_blank_between_words() -> None:
    rx = _alias_regex("Kestrel QP")
    assert rx.search("held by Kestrel\n     QP, which") is not None
    assert rx.search("held by Kestrel QPX") is None  # still whole words only
    assert rx.search("held by Kestrel Capital QP") is None


def test_blank_term_binds_nothing() -> None:
    book = _book()
    book.add_alias("  ", ("f1",))
    assert book.aliases == {}
    assert book.mentions("Kestrel Partners, LLC and  Kestrel", discover=False)


def _links(book: NameBook, text: str) -> set[tuple[str, str, str]]:
    return {(x.controller, x.controlled, x.role.value) for x in extract_links(text, book)}


_FUNDS = (
    "This statement is filed by (i) Kestrel Capital Partners, LP, a Delaware limited partnership "
    '("Kestrel"), with respect to the Shares directly owned by it; (ii) Kestrel Capital QP '
    'Partners, LP, a Delaware limited partnership ("Kestrel QP"), with respect to the Shares '
    "directly owned by it. Kestrel and Kestrel QP are together referred to herein as the "
    '"Kestrel Funds." '
)


def test_referred_sentence_over_terms_defined_just_before() -> None:
    # the sentence's subject is terms the parentheses before it define
    book = _book()
    define_terms(_FUNDS, book)
    assert book.aliases.get("Kestrel Funds") == ("f1", "f2")
    text = "Kestrel Partners, LLC is the general partner of each of the Kestrel Funds."
    assert _links(book, text) == {("gp", "f1", "general_partner"), ("gp", "f2", "general_partner")}


def test_term_after_relative_clause_description() -> None:
    # 'X, a Delaware LLC which is the general partner of each of the Funds ("... General
    # Partner")': the term names X, and it is used for X
    book = _book()
    text = (
        _FUNDS + "(iii) Kestrel Partners, LLC, a Delaware limited liability company which is "
        'the general partner of each of the Kestrel Funds ("Kestrel Funds General Partner"), '
        "with respect to the Shares directly owned by each of the Kestrel Funds."
    )
    define_terms(text, book)
    assert book.aliases.get("Kestrel Funds General Partner") == ("gp",)
    assert _links(book, text) == {("gp", "f1", "general_partner"), ("gp", "f2", "general_partner")}


def test_group_owned_by_itself_is_no_link() -> None:
    # a plural term on both sides of "owned by" relates no member to another
    book = _book()
    define_terms(_FUNDS, book)
    assert (
        _links(
            book,
            "The Shares reported for the Kestrel Funds are owned directly by the Kestrel Funds.",
        )
        == set()
    )
