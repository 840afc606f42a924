"""Lists of subsidiaries named in prose: "X's wholly owned subsidiaries include A, B and C",
"The subsidiaries of X are A and B", and the long form whose items each carry a relative
clause and end with a semicolon ("X's wholly owned subsidiaries include, among others, A,
which makes cigarettes; B, which ...; and C, which ..."). Each listed name is a parent
link X -> item (convention 3: a wholly owned subsidiary), except an item whose own part of
the list names another parent ("B, which ... is a wholly owned subsidiary of A"): only
that chain is stated (convention 14).
"""

from __future__ import annotations

import re

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_lexicon import _LIST_SEP
from ownergraph.loaders.sec_roles import StatedLink
from ownergraph.loaders.sec_terms import Mention, NameBook

#: "'s wholly owned subsidiaries include, among others, " after the owner's name.
_OWNERS_LIST = re.compile(
    r"['’]s?\s+(?:(?:wholly[\s-]*owned|direct|indirect|principal|operating|significant"
    r"|consolidated|other)\s+)*subsidiaries\s+(?:include|are|consist\s+of)"
    r"(?:\s*,?\s*(?:among\s+others|without\s+limitation|in\s+particular)\s*,)?\s+(?:the\s+)?",
    re.I,
)
#: "The (wholly owned) subsidiaries of " before the owner's name.
_SUBSIDIARIES_OF = re.compile(
    r"\bsubsidiaries\s+of\s+(?:the\s+)?$",
    re.I,
)
_INCLUDE = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,?\s*(?:include|are|consist\s+of)"
    r"(?:\s*,?\s*(?:among\s+others|without\s+limitation|in\s+particular)\s*,)?\s+(?:the\s+)?",
    re.I,
)
#: The end of the sentence that holds the list.
_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z(“\"])|\.\s*$")
#: Between two items of a long list: the rest of one item's clause, "; (and) ".
_NEXT_ITEM = re.compile(r"[^;]*;\s*(?:and\s+)?(?:the\s+)?$")
#: Inside an item's part of a long list, a second name coordinated after the item's
#: relative clause: "B, which operates in the United States and Canada, and C and its
#: subsidiaries, which operate ...": C is listed too.
_CLAUSE_AND = re.compile(r"^\s*,\s+which\s+[^;,]{1,120},\s+and\s+(?:the\s+)?$")
#: An item's own part of the list that names its parent: "... is a wholly owned subsidiary of".
_OWN_PARENT = re.compile(r"\bsubsidiary\s+of\s+(?:the\s+)?$", re.I)


def subsidiary_lists(text: str, ments: list[Mention], book: NameBook) -> list[StatedLink]:
    """Parent links of the subsidiary lists in ``text`` (``ments``: its mentions, in order).

    >>> b = NameBook()
    >>> for n in ("Alpha Corp.", "Beta LLC", "Gamma Inc."):
    ...     b.add_party(n, n)
    >>> t = "Alpha Corp.'s subsidiaries include Beta LLC and Gamma Inc."
    >>> sorted((x.controller, x.controlled) for x in subsidiary_lists(t, b.mentions(t), b))
    [('Alpha Corp.', 'Beta LLC'), ('Alpha Corp.', 'Gamma Inc.')]
    """
    if "subsidiaries" not in text.lower():
        return []
    out: list[StatedLink] = []
    for i, owner in enumerate(ments):
        start = None
        lm = _OWNERS_LIST.match(text, owner.end)
        if lm:
            start = lm.end()
        elif _SUBSIDIARIES_OF.search(text, max(0, owner.start - 40), owner.start):
            im = _INCLUDE.match(text, owner.end)
            if im:
                start = im.end()
        if start is None or len(owner.keys) != 1:
            continue
        end = len(text)
        for em in _SENTENCE_END.finditer(text, start):
            if not any(x.start <= em.start() < x.end for x in ments):  # not "Inc."
                end = em.start()
                break
        items: list[Mention] = []
        pos = start
        for m in ments[i + 1 :]:
            if m.start < pos:
                continue
            if m.end > end:
                break
            gap = text[pos : m.start]
            if items and not (
                _LIST_SEP.match(gap) or _NEXT_ITEM.match(gap) or _CLAUSE_AND.match(gap)
            ):
                if ";" not in text[pos:end]:
                    break
                continue  # a name inside an item's clause ("..., which makes X's cigars")
            if not items and gap.strip(" ,"):
                break
            if _OWN_PARENT.search(text, max(start, m.start - 40), m.start):
                continue
            # the item's own part (to its semicolon) names another parent: the chain only
            semi = text.find(";", m.end, end)
            part_end = semi if semi >= 0 else end
            own = [x for x in ments if m.end <= x.start and x.end <= part_end]
            if any(_OWN_PARENT.search(text, max(m.end, x.start - 40), x.start) for x in own):
                pos = m.end
                items.append(m)
                continue
            items.append(m)
            pos = m.end
            for d in m.keys:
                c = owner.keys[0]
                if c != d and book.issuer_key not in (c, d):
                    out.append(
                        StatedLink(
                            c,
                            d,
                            Role.PARENT,
                            None,
                            False,
                            "subsidiaries include",
                            " ".join(text[owner.start : end].split()),
                            (owner.start, end),
                        )
                    )
    return out
