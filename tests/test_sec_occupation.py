"""Item 2(c) principal occupations (loaders/sec_occupation.py through the relation grammar).

Each test is on a sentence quoted from a development filing (named as such) or a synthetic
one (named as such); the expected links are read from the sentence by hand.
"""

from __future__ import annotations

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_terms import NameBook
from tests.grammar_links import links_in


def _links(book: NameBook, text: str) -> set[tuple[str, str, Role]]:
    return links_in(text, book)


def test_enumerated_occupations_after_the_persons_name() -> None:
    """Quoted (2021 SC 13D, Bausch Health / Icahn, shortened; legal forms completed):
    'Carl C. Icahn's present principal occupation or employment is serving as (i) Chief
    Executive Officer of Icahn Capital LP, a wholly owned subsidiary of Icahn Enterprises
    L.P., through which Mr. Icahn manages various private investment funds, ..., and (iii)
    Chairman of the Board and a director of Starfire Holding Corporation': Icahn is officer
    of Icahn Capital LP and director of Starfire."""
    book = NameBook()
    book.add_party("icahn", "Carl C. Icahn", person=True)
    got = _links(
        book,
        "Carl C. Icahn's present principal occupation or employment is serving as (i) Chief "
        "Executive Officer of Icahn Capital LP, a wholly owned subsidiary of Icahn "
        "Enterprises L.P., through which Mr. Icahn manages various private investment "
        "funds, including Icahn Partners LP, and (iii) Chairman of the Board and a director "
        "of Starfire Holding Corporation, a holding company.",
    )
    assert ("Carl C. Icahn", "Icahn Capital LP", Role.OFFICER) in got
    assert ("Carl C. Icahn", "Starfire Holding Corporation", Role.DIRECTOR) in got


def test_bare_title_in_item_2c_of_a_single_reporting_person() -> None:
    """Quoted (2011 SC 13D/A, Sprott, Item 2(c), shortened): '(c) Chief Executive Officer
    of Sprott Asset Management LP, Suite 2700, ..., which serves as manager of the Trust':
    the one reporting person (Eric S. Sprott) is its officer."""
    book = NameBook()
    book.add_party("sprott", "Eric S. Sprott", person=True)
    book.add_alias("Reporting Person", ("sprott",))
    got = _links(
        book,
        "(c) Chief Executive Officer of Sprott Asset Management LP, Suite 2700, South Tower, "
        "Toronto, which serves as manager of the Trust",
    )
    assert got == {("Eric S. Sprott", "Sprott Asset Management LP", Role.OFFICER)}


def test_bare_title_with_several_reporting_persons_names_nobody() -> None:
    """Synthetic: the same answer where the document has two reporting persons: whose
    occupation it is stays unread (no link)."""
    book = NameBook()
    book.add_party("a", "Ann Roe", person=True)
    book.add_party("b", "Bob Roe", person=True)
    got = _links(book, "(c) Chief Executive Officer of Alpha Asset Management LP")
    assert got == set()


def test_principal_occupation_of_a_named_person() -> None:
    """Synthetic: 'The principal occupation of John Smith is serving as President of Gamma
    Holdings Inc.': Smith -> Gamma, officer."""
    book = NameBook()
    book.add_party("js", "John Smith", person=True)
    got = _links(
        book,
        "The principal occupation of John Smith is serving as President of Gamma Holdings Inc.",
    )
    assert got == {("John Smith", "Gamma Holdings Inc.", Role.OFFICER)}
