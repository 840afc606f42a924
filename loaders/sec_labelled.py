"""Roles given as a labelled list in an Item 2 block: "(a) X LLC ... (e) managing members: A,
B and C".

Item 2 of a Schedule 13D answers its questions for each filer as an enumerated block: "(a)"
names the filer, "(b)" its address, "(c)" its business, and so on. A block may answer with a
label and a list: "(e) managing members: A, B and C", "(d) directors: A and B", each name
maybe with its own role after it ("A, senior managing member; B and C, managing members").
The block's "(a)" names the party the listed persons hold the role in.

The production is strict about the layout: the marks from "(a)" to the label's mark follow
each other in order ("(a)", "(b)", "(c)", ...), no sentence ends between them, and the
label's mark is one of them; the party is the name right after "(a)" (maybe after
"Name:"). Anything else is no block and gives no link.
"""

from __future__ import annotations

import re

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_roles import StatedLink
from ownergraph.loaders.sec_terms import Mention, NameBook

#: The label: an enumeration mark, a plural (or singular) role, a colon.
_LABEL = re.compile(
    r"\((?P<mark>[b-h])\)\s*(?:the\s+)?(?:its\s+)?(?P<role>(?:sole\s+)?managing\s+members?"
    r"|general\s+partners?|(?:sole\s+)?members?|managers?|directors?|(?:executive\s+)?officers?"
    r"|trustees?)\s*(?:are|is)?\s*:\s*",
    re.I,
)
_ROLES = {
    "managing member": Role.MANAGING_MEMBER,
    "sole managing member": Role.MANAGING_MEMBER,
    "general partner": Role.GENERAL_PARTNER,
    "member": Role.MEMBER,
    "sole member": Role.SOLE_MEMBER,
    "manager": Role.MANAGING_MEMBER,
    "director": Role.DIRECTOR,
    "officer": Role.OFFICER,
    "executive officer": Role.OFFICER,
    "trustee": Role.TRUSTEE,
}
#: An enumeration mark of the block ("(a)", "(b)", ...).
_MARK = re.compile(r"(?<![\w)])\(([a-h])\)\s*")
#: A sentence end inside the block (not an initial: "J. Smith").
_SENTENCE = re.compile(r"(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|No|Jr|Sr))(?<!\bMrs)\.\s+(?=[A-Z(])")
#: Before the block's party: "(a) Name: X", "(a) Name of Reporting Person: X".
_NAME_LABEL = re.compile(r"(?:Name(?:\s+of\s+[\w ]{1,30}?)?\s*:\s*)?", re.I)
#: A role after a listed name: "A, senior managing member; B".
_OWN_ROLE = (
    r"(?i:,\s*(?:an?\s+|the\s+)?(?:(?:senior|sole|co-?|founding|non-?voting)\s*)*"
    r"(?:managing\s+members?|members?|general\s+partners?|managers?|directors?|officers?"
    r"|trustees?|principals?|partners?))"
)
#: Between two listed names: a separator, maybe after the first one's own role, maybe over a
#: name the book does not know ("A, Jane F. Roe, B": Roe is skipped, not linked).
_ITEM_GAP = re.compile(
    rf"{_OWN_ROLE}?(?:\s*,\s*[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){{1,3}})*"
    r"\s*(?:[;,]\s*(?:and\s+)?|and\s+)$"
)
#: After the last name: its own role, then the end of the list (a stop, a semicolon, the
#: end of the line).
_LIST_END = re.compile(rf"{_OWN_ROLE}?[ \t]*(?:[.;]|\n|$)")


def labelled_role_lists(text: str, ments: list[Mention], book: NameBook) -> list[StatedLink]:
    """The links of each "(e) managing members: A, B and C" label in an Item 2 block (see
    the module docstring): every listed party -> the party the block's "(a)" names."""
    out: list[StatedLink] = []
    for lm in _LABEL.finditer(text):
        owner = _block_party(text, lm, ments)
        if owner is None:
            continue
        listed = _listed(text, lm.end(), ments)
        if not listed:
            continue
        word = re.sub(r"\s+", " ", lm.group("role").lower()).rstrip("s")
        role = _ROLES.get(word)
        if role is None:
            continue
        end = listed[-1].end
        phrase = " ".join(text[lm.start() : end].split())
        for m in listed:
            for c in m.keys:
                for d in owner.keys:
                    if c != d and book.issuer_key not in (c, d):
                        out.append(
                            StatedLink(
                                c, d, role, None, False, lm.group("role"), phrase, (lm.start(), end)
                            )
                        )
    return out


def _block_party(text: str, lm: re.Match[str], ments: list[Mention]) -> Mention | None:
    """The party the block's "(a)" names, when the marks from "(a)" to the label's follow
    each other with no sentence end between; else None."""
    lo = max(0, lm.start() - 1500)
    marks = list(_MARK.finditer(text, lo, lm.start()))
    a_marks = [m for m in marks if m.group(1) == "a"]
    if not a_marks:
        return None
    first = a_marks[-1]
    seq = [m.group(1) for m in marks if m.start() >= first.start()] + [lm.group("mark")]
    if seq != [chr(ord("a") + i) for i in range(len(seq))]:
        return None
    if _SENTENCE.search(text, first.end(), lm.start() + 1):  # (its lookahead sees the mark)
        return None
    at = _NAME_LABEL.match(text, first.end()).end()
    for m in ments:
        if m.start == at:
            return m
        if m.start > at:
            break
    return None


def _listed(text: str, start: int, ments: list[Mention]) -> list[Mention]:
    """The names listed from ``start``: "A, B and C", "A, senior managing member; B and C,
    managing members"."""
    out: list[Mention] = []
    pos = start
    for m in ments:
        if m.start < pos:
            continue
        gap = text[pos : m.start]
        if not out:
            if gap.strip():
                return []
        elif not _ITEM_GAP.match(gap):
            break
        out.append(m)
        pos = m.end
    # the list ends after the last name its own end follows ("A, B and C; X LLC: (a) ...":
    # the next block's heading is no item)
    while out and not _LIST_END.match(text, out[-1].end):
        out.pop()
    return out
