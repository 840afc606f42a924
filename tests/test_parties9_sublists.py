"""A second subsidiary coordinated inside a long list's item (room PARTIES, session 9).

"X's wholly owned subsidiaries include, among others, A, which ...; B, which ...; C, which
operates in ..., and D and its subsidiaries, which operate ...": D, joined to C's relative
clause by ", and", is listed too (plain coordination). Quoted from Cronos Group 2022 (dev,
Altria's Schedule 13D/A, Item 2)."""

from __future__ import annotations

from ownergraph.loaders.sec_sublists import subsidiary_lists
from ownergraph.loaders.sec_terms import NameBook

QUOTE = (
    "As of the date of Amendment No. 1 to the Schedule 13D, Altria's wholly owned subsidiaries"
    ' include, among others, Philip Morris USA Inc. ("PM USA"), which is engaged in the'
    " manufacture and sale of cigarettes in the United States; John Middleton Co., which is"
    " engaged in the manufacture and sale of machine-made large cigars and pipe tobacco and is"
    " a wholly owned subsidiary of PM USA; UST LLC, which through its wholly owned subsidiary"
    " U.S. Smokeless Tobacco Company LLC, is engaged in the manufacture and sale of moist"
    " smokeless tobacco products and snus products; Helix Innovations LLC, which operates in"
    " the United States and Canada, and Helix Innovations GmbH and its subsidiaries, which"
    " operate internationally in the rest-of-world, are engaged in the manufacture and sale of"
    " oral nicotine pouches."
)


def _pairs(text: str, book: NameBook) -> set[tuple[str, str]]:
    return {
        (book.names[x.controller], book.names[x.controlled])
        for x in subsidiary_lists(text, book.mentions(text), book)
    }


def test_sublist_item_clause_then_and_lists_a_second_subsidiary() -> None:
    book = NameBook()
    book.add_party("altria", "Altria Group, Inc.", spellings=("Altria",))
    pairs = _pairs(QUOTE, book)
    assert ("Altria Group, Inc.", "Helix Innovations GmbH") in pairs
    assert ("Altria Group, Inc.", "Helix Innovations LLC") in pairs
    # a name inside an item's clause is no item ("UST LLC, which through its wholly owned
    # subsidiary U.S. Smokeless Tobacco Company LLC, is engaged ...")
    assert ("Altria Group, Inc.", "U.S. Smokeless Tobacco Company LLC") not in pairs


def test_clause_and_outside_a_subsidiary_list_lists_nothing() -> None:
    book = NameBook()
    book.add_party("alpha", "Alpha Corp.")
    text = (
        "Alpha Corp., which operates in the United States and Canada, and Beta LLC, which"
        " operates in Europe, entered into an agreement."
    )
    assert _pairs(text, book) == set()
