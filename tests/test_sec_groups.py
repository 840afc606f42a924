"""Family groups as parties (loaders/sec_groups.py through the relation grammar).

Each test is on a sentence quoted from a development filing; the expected links are read
from the sentence by hand.
"""

from __future__ import annotations

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_terms import NameBook
from tests.grammar_links import links_in


def _links(book: NameBook, text: str) -> set[tuple[str, str, Role]]:
    return links_in(text, book)


def test_family_group_owns_class_b_shares_of_a_company() -> None:
    """Quoted (2005 SC 13G/A, FMR): 'Members of the Edward C. Johnson 3d family are the
    predominant owners of Class B shares of common stock of FMR Corp., representing
    approximately 49% of the voting power of FMR Corp.': the family group -> FMR Corp.,
    parent (a controlling owner)."""
    book = NameBook()
    book.add_party("ecj", "Edward C. Johnson 3d", person=True)
    book.add_party("fmr", "FMR Corp.")
    got = _links(
        book,
        "Members of the Edward C. Johnson 3d family are the predominant owners of Class B "
        "shares of common stock of FMR Corp., representing approximately 49% of the voting "
        "power of FMR Corp.",
    )
    assert got == {("Members of the Edward C. Johnson 3d family", "FMR Corp.", Role.PARENT)}


def test_family_group_with_an_interjection_before_of() -> None:
    """Quoted (2017 SC 13G, FMR LLC): 'Members of the Johnson family, including Abigail P.
    Johnson, are the predominant owners, directly or through trusts, of Series B voting
    common shares of FMR LLC'."""
    book = NameBook()
    book.add_party("apj", "Abigail P. Johnson", person=True)
    book.add_party("fmr", "FMR LLC")
    got = _links(
        book,
        "Members of the Johnson family, including Abigail P. Johnson, are the predominant "
        "owners, directly or through trusts, of Series B voting common shares of FMR LLC, "
        "representing 49% of the voting power of FMR LLC.",
    )
    assert got == {("Members of the Johnson family", "FMR LLC", Role.PARENT)}


def test_co_executor_of_an_estate() -> None:
    """Quoted (2010 SC 13D/A, Delta Apparel, shortened): 'As described above, as Co-Executor
    of the estate of the Decedent, Mrs. Shaw has shared power to vote ...': Shaw -> the
    estate, other (convention 14: an executor); synthetic: 'John Smith is the executor of the
    Estate of Robert Smith.'"""
    book = NameBook()
    book.add_party("shaw", "Minor M. Shaw", person=True)
    got = _links(
        book,
        "As described above, as Co-Executor of the estate of the Decedent, Mrs. Shaw has "
        "shared power to vote the shares.",
    )
    assert got == {("Minor M. Shaw", "estate of the Decedent", Role.OTHER)}
    book = NameBook()
    book.add_party("js", "John Smith", person=True)
    got = _links(book, "John Smith is the executor of the Estate of Robert Smith.")
    assert got == {("John Smith", "Estate of Robert Smith", Role.OTHER)}
