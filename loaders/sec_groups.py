"""Groups the text names without naming a party: "Members of the Edward C. Johnson 3d family",
"the estate of the Decedent".

A family group that owns or controls an entity is a party of its own in the labels
(convention 1: an unnamed party, named by the document's own words). The relation grammar
(:mod:`loaders.sec_grammar`) then reads its role like any subject's ("Members of the Johnson
family ... are the predominant owners of ... FMR LLC").
"""

from __future__ import annotations

import re

from ownergraph.loaders.sec_terms import NameBook

#: "Members of the Edward C. Johnson 3d family", "members of the Johnson family".
_FAMILY = re.compile(
    r"\b[Mm]embers\s+of\s+the\s+(?P<who>[A-Z][\w.'\-]*(?:\s+[A-Z0-9][\w.'\-]*){0,4})\s+family\b"
)


#: An estate the text names: "the estate of the Decedent", "the Estate of Buck A. Mickel".
_ESTATE = re.compile(
    r"\b[Ee]state\s+of\s+(?:the\s+[Dd]ecedent|(?:the\s+late\s+)?[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,4})"
)


def discover_groups(text: str, book: NameBook) -> None:
    """Register each family group that ``text`` names as a party ("Members of the X family").

    >>> book = NameBook()
    >>> discover_groups("Members of the Johnson family are the owners of Y.", book)
    >>> list(book.names.values())
    ['Members of the Johnson family']
    """
    if "family" in text:
        for m in _FAMILY.finditer(text):
            name = " ".join(m.group(0).split())
            book.key_for_text_name(name[0].upper() + name[1:])
    if "state of" in text:  # an estate named by the text (convention 1)
        for m in _ESTATE.finditer(text):
            name = " ".join(m.group(0).split()).rstrip(".")
            if not book.mentions(name, discover=False):
                book.key_for_text_name(name)
