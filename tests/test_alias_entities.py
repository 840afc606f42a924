"""Room ALIAS: entities named only in the prose by their legal form become parties, and their
defined terms resolve to them (issue 11). Synthetic sentences in the forms of 13D filings.
"""

from __future__ import annotations

from ownergraph.loaders.sec_entities import ENTITY_RE, _entities
from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_terms import NameBook, define_terms


def test_initial_joined_to_a_lower_case_word_is_one_name_word() -> None:
    text = 'Morgan Group Holding Co. ("MGH"), G.research, LLC ("G.research") and U.S. Bancorp Inc.'
    names = [m.group(0) for m in ENTITY_RE.finditer(text)]
    assert names == ["Morgan Group Holding Co.", "G.research, LLC", "U.S. Bancorp Inc."]
    assert [m.group(0) for m in _entities(text)] == names


def test_defined_term_of_such_an_entity_resolves() -> None:
    book = NameBook()
    define_terms(
        'The filers are Morgan Group Holding Co. ("MGH") and G.research, LLC ("G.research").',
        book,
    )
    links = {
        (book.names[x.controller], book.names[x.controlled], x.role.value)
        for x in extract_links("G.research is a wholly owned subsidiary of MGH.", book)
    }
    assert links == {("Morgan Group Holding Co.", "G.research, LLC", "parent")}
