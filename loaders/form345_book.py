"""Forms 3/4/5: the names the remarks and footnotes add to a form's name book, before any
relation is read (split from :mod:`loaders.form345`).

In order: the defined terms of every text; persons with their short forms ('Ajay Royan
("Royan")', "Mr. Royan"); an owner's spellings with a middle name; then per text: long
names ("Reid Hoffman and Michelle Yee Living Trust"), holders named before an apposition of
their kind, collective terms ('A, L.P. and B, L.P. ("The GF VII Funds")'), defined terms,
bare terms ('(GGF)' after a name).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ownergraph.loaders.form345_names import register_appositions
from ownergraph.loaders.form345_text import (
    bare_terms,
    collective_terms,
    defined_terms,
    middle_name_spellings,
    register_long_names,
    register_persons,
)
from ownergraph.loaders.sec_terms import NameBook, define_terms


def prepare_book(book: NameBook, texts: Sequence[str], owners: Sequence[dict[str, Any]]) -> None:
    """Add to ``book`` every name ``texts`` (remarks first, then footnotes) give (module
    rule)."""
    terms = defined_terms(list(texts))
    register_persons(list(texts), book)  # 'Ajay Royan ("Royan")', "Ajay Royan ... Mr. Royan"
    middle_name_spellings(list(texts), book, [(o["key"], o["name"]) for o in owners if o["person"]])
    for t in texts:
        register_long_names(t, book, terms)  # "Reid Hoffman and Michelle Yee Living Trust"
        register_appositions(t, book)  # "held by Hawthorne Partners, a general partnership"
        collective_terms(t, book)  # 'A, L.P. and B, L.P. ("The GF VII Funds")': both
        define_terms(t, book)
        bare_terms(t, book)  # '(GGF)' after a name: its alias in every footnote
