"""Stakes stated owner by owner after "owned": "Y is owned 60% by A and 40% by B".

Each owner gets a ``SHAREHOLDER`` link with its percentage (convention 9: a percentage in
prose is a stake, whatever its size). The subject is the clause's name right before the
verb ("Y (the "JV") is owned ..."); a past tense ("was owned") states nothing current.
"""

from __future__ import annotations

import re

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_roles import _CLAUSE_OPENING, StatedLink
from ownergraph.loaders.sec_terms import Mention, NameBook

_PCT = r"(?:approximately\s+|about\s+)?(?P<pct>\d{1,3}(?:\.\d+)?)\s*(?:%|percent)"
#: "is owned 60% by", "are owned, respectively, 50% by": the first stake after the verb.
_OWNED_PCT_BY = re.compile(
    rf"\s*(?:\([^()]*\)\s*)?,?\s*(?:is|are)\s+(?:(?:directly|indirectly|currently)\s+)?owned\s+"
    rf"{_PCT}\s+by\s+(?:the\s+)?",
    re.I,
)
#: The next stake: "and 40% by", ", 30% by".
_NEXT_PCT_BY = re.compile(rf"\s*(?:,\s*(?:and\s+)?|and\s+){_PCT}\s+by\s+(?:the\s+)?", re.I)


def owned_percent_by(
    text: str, a: int, b: int, ments: list[Mention], book: NameBook
) -> list[StatedLink]:
    """Links of "Y is owned 60% by A and 40% by B" in the clause ``text[a:b]``.

    >>> book = NameBook()
    >>> for n in ("Corbel Holdings LLC", "Dana Corbel", "Ray Corbel"):
    ...     book.add_party(n, n, person=n != "Corbel Holdings LLC")
    >>> t = "Corbel Holdings LLC is owned 60% by Ms. Dana Corbel and 40% by Mr. Ray Corbel."
    >>> [(x.controller, x.controlled, x.share) for x in owned_percent_by(t, 0, len(t), book.mentions(t), book)]
    [('Dana Corbel', 'Corbel Holdings LLC', 60.0), ('Ray Corbel', 'Corbel Holdings LLC', 40.0)]
    """
    if "owned" not in text[a:b].lower():
        return []
    out: list[StatedLink] = []
    phrase = " ".join(text[a:b].split())
    for i, subj in enumerate(ments):
        m = _OWNED_PCT_BY.match(text, subj.end, b)
        if m is None or not _CLAUSE_OPENING.fullmatch(text, a, subj.start):
            continue  # the clause's subject only: "Y is owned ..."
        pos, pct, k = m.end(), m.group("pct"), i + 1
        while k < len(ments):
            owner = ments[k]
            if not re.fullmatch(r"\s*(?:(?:Mr|Ms|Mrs|Dr)\.\s*)?", text[pos : owner.start]):
                break
            for c in owner.keys:
                for d in subj.keys:
                    if c != d and book.issuer_key not in (c, d):
                        out.append(
                            StatedLink(
                                c,
                                d,
                                Role.SHAREHOLDER,
                                None,
                                False,
                                f"owned {pct}% by",
                                phrase,
                                (a, b),
                                share=float(pct),
                            )
                        )
            nxt = _NEXT_PCT_BY.match(text, owner.end, b)
            if nxt is None:
                break
            pos, pct, k = nxt.end(), nxt.group("pct"), k + 1
    return out
