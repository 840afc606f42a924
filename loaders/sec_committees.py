"""Members of an entity's investment committee named after "consists of": "Y's investment
committee consists of A, B and C", "the investment committee of Y, which is composed of A
and B", "decisions of Y are made by its investment committee, consisting of A, B and C".

Each member gets a ``MEMBER`` link to the entity (convention 3: a member of an investment
committee -> member). The entity is the committee's owner as the words give it: a
possessive, "of Y", or "its" standing for the nearest name before it in the clause.
"""

from __future__ import annotations

import re

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_roles import StatedLink, _mention_list
from ownergraph.loaders.sec_terms import Mention, NameBook

#: "investment committee" and the words that name its members.
_COMMITTEE = re.compile(
    r"(?P<own>['’]s?\s+|\b(?:its|their)\s+|\bthe\s+)investment\s+committee"
    r"(?P<of>\s+of\s+(?:the\s+)?)?",
    re.I,
)
_CONSISTS = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,?\s*(?:which\s+|that\s+)?(?:currently\s+|presently\s+)?"
    r"(?:consists|consisting|is\s+composed|composed|is\s+comprised|comprised|comprising"
    r"|is\s+made\s+up)\s+of\s+(?:(?:Messrs|Mses)\.\s*)?",
    re.I,
)


def committee_links(
    text: str, a: int, b: int, ments: list[Mention], book: NameBook
) -> list[StatedLink]:
    """The members of an investment committee named in the clause ``text[a:b]``.

    >>> book = NameBook()
    >>> book.add_party("g", "Granite Peak Advisors LLC")
    >>> for n in ("Laura Chen", "Mark Ortiz"):
    ...     book.add_party(n, n, person=True)
    >>> t = "Granite Peak Advisors LLC's investment committee consists of Laura Chen and Mark Ortiz."
    >>> sorted((x.controller, x.controlled) for x in committee_links(t, 0, len(t), book.mentions(t), book))
    [('Laura Chen', 'g'), ('Mark Ortiz', 'g')]
    """
    if "committee" not in text[a:b].lower():
        return []
    out: list[StatedLink] = []
    phrase = " ".join(text[a:b].split())
    for cm in _COMMITTEE.finditer(text, a, b):
        own = cm.group("own").strip().lower()
        owner: tuple[str, ...] = ()
        end = cm.end()
        if cm.group("of"):
            objs = [m for m in ments if m.start == cm.end()]
            if objs:
                owner, end = objs[0].keys, objs[0].end
        elif own.startswith(("'", "’")):
            before = [m for m in ments if m.end == cm.start()]
            owner = before[-1].keys if before else ()
        elif own in ("its", "their"):
            before = [m for m in ments if a <= m.start and m.end <= cm.start()]
            owner = before[-1].keys if before else ()
        if not owner:
            continue
        cs = _CONSISTS.match(text, end, b)
        if cs is None:
            continue
        members = _mention_list(ments, cs.end(), text)
        for m in members:
            for c in m.keys:
                for d in owner:
                    if c != d and book.issuer_key not in (c, d):
                        out.append(
                            StatedLink(
                                c,
                                d,
                                Role.MEMBER,
                                None,
                                False,
                                "member of the investment committee",
                                phrase,
                                (a, b),
                            )
                        )
    return out
