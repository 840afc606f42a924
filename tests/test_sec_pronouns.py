"""A personal pronoun as the subject of a role (loaders/sec_pronouns.py through the grammar).

Each test is on sentences quoted from a development filing (named as such) or synthetic
ones (named as such); the expected links are read by hand.
"""

from __future__ import annotations

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_terms import NameBook
from tests.grammar_links import links_in


def _links(book: NameBook, text: str) -> set[tuple[str, str, Role]]:
    return links_in(text, book)


def test_he_is_the_subject_of_the_paragraph() -> None:
    """Quoted (2024 SC 13D/A, GAMCO; names completed): 'Mario Gabelli is the controlling
    shareholder of MGH ... He is the Executive Chairman of AC.': Mario Gabelli -> AC, officer
    (convention 14: Executive Chairman)."""
    book = NameBook()
    book.add_party("mario", "Mario Gabelli", person=True)
    book.add_party("mgh", "MGH")
    book.add_party("ac", "AC")
    got = _links(
        book,
        "Mario Gabelli is the controlling shareholder of MGH. He is the Executive Chairman of AC.",
    )
    assert ("Mario Gabelli", "AC", Role.OFFICER) in got


def test_two_persons_before_the_pronoun_name_nobody() -> None:
    """Synthetic: 'John Smith is the President of Gamma Inc. Mary Jones is a director of
    Gamma Inc. She is also the managing member of Alpha Capital LLC.': two persons open the
    sentences before: the pronoun is not resolved (no managing-member link)."""
    book = NameBook()
    book.add_party("js", "John Smith", person=True)
    book.add_party("mj", "Mary Jones", person=True)
    got = _links(
        book,
        "John Smith is the President of Gamma Inc. Mary Jones is a director of Gamma Inc. "
        "She is also the managing member of Alpha Capital LLC.",
    )
    assert not [g for g in got if g[1] == "Alpha Capital LLC"]
