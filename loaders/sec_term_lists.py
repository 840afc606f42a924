"""Lists of names around a defined term: the list a plural term stands for ("A, B and C
(collectively, the "Funds")", :func:`_listed_before`) and the nested parentheses hidden
before the definitions are read (:func:`_flatten_parens`); used by
:func:`loaders.sec_terms.define_terms` (moved out of :mod:`loaders.sec_terms` to keep it one
concern under 800 lines).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ownergraph.loaders.sec_lexicon import _LIST_SEP

if TYPE_CHECKING:
    from ownergraph.loaders.sec_terms import Mention, NameBook


#: Between the names of a list, a member's description in apposition with no term after it:
#: "A, a Delaware limited partnership, B, a Cayman Islands exempted company, and C" (the
#: description ends with the kind of entity, or is a person's citizenship).
_DESCRIBED_SEP = re.compile(
    r"^\s*,\s*an?\s+(?:[^,;()\"“”]{0,60}?\s)?"
    r"(?:(?:limited\s+)?partnership|corporation|(?:limited\s+liability\s+|exempted\s+)?company"
    r"|trust|fund|citizen\s+of\s+(?:the\s+)?[A-Z][\w.]*(?:\s+(?:of\s+)?[A-Z][\w.]*){0,3})"
    r"\s*,\s*(?:and\s+)?(?:the\s+)?$"
)


def _list_gap(gap: str) -> bool:
    """True when ``gap`` stands between two names of one list.

    >>> _list_gap(", a Delaware limited partnership, and "), _list_gap(", a citizen of the United States, ")
    (True, True)
    >>> _list_gap(", a subsidiary of which is "), _list_gap(" and ")
    (False, True)
    """
    return bool(_LIST_SEP.match(gap) or _DESCRIBED_SEP.match(gap))


def _listed_before(window: str, last: Mention, book: NameBook) -> tuple[str, ...]:
    """The keys of the list of names that ends with ``last`` ("A, B and C"; "A, a Delaware
    limited partnership, B, a Delaware corporation, and C": :func:`_list_gap`)."""
    ms = [x for x in book.mentions(window) if x.end <= last.end]
    i = next((j for j, x in enumerate(ms) if x.start == last.start), None)
    if i is None:
        return last.keys
    while i > 0 and _list_gap(window[ms[i - 1].end : ms[i].start]):
        i -= 1
    return tuple(dict.fromkeys(k for x in ms[i:] for k in x.keys if x.end <= last.end))


def _flatten_parens(text: str) -> str:
    """Hide nested "(QP)" inside "(together with Pantheon Infrastructure (QP), the "Funds")".

    >>> _flatten_parens('(together with Alpha (QP), the "Funds")')
    '(together with Alpha [QP], the "Funds")'
    """
    return re.sub(r"\(([A-Z][\w\- ]{0,20})\)", lambda m: "[" + m.group(1) + "]", text)
