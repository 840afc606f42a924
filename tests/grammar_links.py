"""The links the relation grammar reads in a sentence, as names: the helper the grammar
tests share."""

from __future__ import annotations

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_terms import NameBook, define_terms


def links_in(
    text: str,
    book: NameBook | None = None,
    *,
    persons: tuple[str, ...] = (),
    parties: tuple[str, ...] = (),
) -> set[tuple[str, str, Role]]:
    """(controller name, controlled name, role) of every link stated in ``text``, read with
    ``book`` (a new one by default) knowing ``persons`` and ``parties`` (the cover pages)."""
    book = NameBook() if book is None else book
    for p in persons:
        book.add_party(p, p, person=True)
    for p in parties:
        book.add_party(p, p)
    define_terms(text, book)
    return {
        (book.names[x.controller], book.names[x.controlled], x.role)
        for x in extract_links(text, book)
    }
