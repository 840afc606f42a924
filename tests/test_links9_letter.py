"""A letter's signature states no link (room LINKS, session 9, convention 2).

A letter bound into a filing ("Very truly yours," / "ALPHA HOLDINGS, INC." / "By: /s/ Jane
Q. Doe" / "Title: President") is signed by its writer for the letter's own purpose: the
signer's title is no statement that she is an officer of a filer, unless the filing's own
signature blocks state that entity's signer. ``sec_legacy_links._signature_links`` had a
``pass`` where the guard meant ``continue``. Texts are synthetic (named as such); the same
block under a SIGNATURE heading is the control that states the link.
"""

from __future__ import annotations

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_legacy_ctx import _Ctx
from ownergraph.loaders.sec_legacy_links import _signature_links
from ownergraph.loaders.sec_page_names import _NameIndex
from ownergraph.loaders.sec_signatures import _signature_blocks

#: synthetic: a letter in an exhibit, signed by an officer of a company
LETTER = """Please call me with any questions.

Very truly yours,

ALPHA HOLDINGS, INC.

By: /s/ Jane Q. Doe
Title: President
"""

#: synthetic: the same block as the filing's signature
SIGNATURE = LETTER.replace("Please call me with any questions.\n\nVery truly yours,", "SIGNATURE")


def _links(text: str) -> set[tuple[str, str, Role]]:
    ctx = _Ctx(path="synthetic.txt", text=text, doc_id="doc", accession=None)
    blocks = _signature_blocks(text, 0)
    _signature_links(ctx, blocks, _NameIndex(ctx), {}, [])
    name = {pid: sp[0] for pid, sp in ctx.spellings.items()}
    return {(name[c], name[d], role) for c, d, role in ctx.links}


def test_synthetic_letter_signer_title_states_no_link() -> None:
    (b,) = _signature_blocks(LETTER, 0)
    assert b.context == "letter" and b.capacity == "President"
    assert _links(LETTER) == set()


def test_synthetic_same_block_under_signature_heading_states_the_officer_link() -> None:
    assert _links(SIGNATURE) == {("Jane Q. Doe", "Alpha Holdings, Inc.", Role.OFFICER)}
