"""The holder of an Item 2 block's occupation (loaders/sec_occupation.block_holder, room
SCHEDULES): "(a) Name: X ... (c) Present Principal Occupation or Employment: <titles> of Y".

Quoted from Suburban Bancorp, Inc., SC 13D of the Fitzgerald family (1994), Item 2 (v); the
link James G. Fitzgerald -> Suburban National Bank of Barrington (officer, "President") is
read from the document (its Treasurer/CFO title is of the Issuer: no link, convention 12).
The bank has no legal form; the book is given it as a party of the filing.
"""

from __future__ import annotations

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_terms import NameBook

SUBURBAN = (
    "(v) James G. Fitzgerald (a) Name: James G. Fitzgerald (b) Business Address: 333 North"
    " Northwest Highway, Barrington, Illinois 60010 (c) Present Principal Occupation or"
    " Employment: Treasurer and Chief Financial Officer of the Issuer and President of the"
    " Suburban National Bank of Barrington. (d) Convictions in Criminal Proceedings in the"
    " Last Five Years: None. (e) Securities Law Related Proceedings Resulting in a Judgement,"
    " Decree or Final Order in the Last Five Years: None. (f) Citizenship: U.S.A. (vi) Jane M."
    " Fitzgerald"
)


def _links(text: str, persons: tuple[str, ...]) -> set[tuple[str, str, Role]]:
    book = NameBook(issuer_key="iss")
    book.add_party("iss", "Suburban Bancorp, Inc.")
    book.add_alias("Issuer", ("iss",))
    book.add_party("snbb", "Suburban National Bank of Barrington")
    for p in persons:
        book.add_party(p, p, person=True)
    return {
        (book.names[s.controller], book.names[s.controlled], s.role)
        for s in extract_links(text, book)
    }


def test_suburban_item2_block_occupation_is_the_named_persons() -> None:
    got = _links(SUBURBAN, ("James G. Fitzgerald", "Jane M. Fitzgerald"))
    assert got == {("James G. Fitzgerald", "Suburban National Bank of Barrington", Role.OFFICER)}


def test_a_name_first_seen_in_the_text_gives_no_link() -> None:
    # an Instruction C schedule's person (not a party of the filing) is no link (convention 8)
    assert _links(SUBURBAN, ()) == set()


def test_no_block_across_a_sentence_end() -> None:
    text = SUBURBAN.replace("Illinois 60010 (c)", "Illinois 60010. He is retired. (c)")
    assert _links(text, ("James G. Fitzgerald", "Jane M. Fitzgerald")) == set()
