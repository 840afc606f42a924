"""Forms 3/4/5: an intermediary named only by its role toward a named party.

"The Reporting Person is a managing member of the general partner of Heron Fund, L.P.";
"Birch Capital LLC, which is the general partner of the general partner of Birch Growth
Fund, L.P."; "X is the sole member of the manager of Y LLC". The middle party (the general
partner of Heron Fund) exists and is stated, but not named: it is a party of kind unknown
named by the document's words ("the general partner of Heron Fund, L.P.", convention 1 of
tests/fixtures/corpus/README.md), with the two stated links: subject -> it (the first
role) and it -> the named party (the second role). One such party per (role, named party)
in a filing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ownergraph.graph.vocab import Role
from ownergraph.loaders.form345_rules import _role_from, _sentences
from ownergraph.loaders.sec_terms import NameBook

#: the unnamed middle: "of the general partner of (each of) (the) "
_MIDDLE = re.compile(
    r"\bof\s+the\s+(?P<mid>general\s+partner|managing\s+member|manager|sole\s+member"
    r"|investment\s+manager|investment\s+adviser)\s+of\s+(?:each\s+of\s+)?(?:the\s+)?",
    re.I,
)
#: the subject's role right before it: "(X) is a managing member", ", which is the GP",
#: "(X) is one of the managers"
_ROLE_BEFORE = re.compile(
    r"(?P<verb>\b(?:is|are|serves\s+as|acts\s+as))\s+(?:a|an|the|one\s+of\s+the)\s+"
    r"(?P<role>(?:sole\s+|co-)?(?:managing\s+members?|general\s+partners?|members?|managers?"
    r"|directors?|officers?|trustees?))\s*$",
    re.I,
)
_MID_ROLES = {
    "general partner": Role.GENERAL_PARTNER,
    "managing member": Role.MANAGING_MEMBER,
    "manager": Role.MANAGING_MEMBER,
    "sole member": Role.SOLE_MEMBER,
    "investment manager": Role.INVESTMENT_MANAGER,
    "investment adviser": Role.INVESTMENT_ADVISER,
}


@dataclass(frozen=True)
class MiddleStep:
    """subject -[role]-> middle -[mid_role]-> each of ``objs``, the middle named by
    ``words``."""

    subject: str
    role: Role
    words: str
    mid_role: Role
    objs: tuple[str, ...]
    sentence: str


def middle_steps(text: str, book: NameBook) -> list[MiddleStep]:
    """The unnamed middles ``text`` states (module rule): the role before "of the <role>
    of" needs a subject (a party the book knows, "the Reporting Person", or the antecedent
    of ", which is"), and a named party must follow.

    >>> b = NameBook(issuer_key="i"); b.add_party("r", "Jane Roe", person=True)
    >>> b.add_alias("Reporting Person", ("r",)); b.add_party("f", "Heron Fund, L.P.")
    >>> [(s.subject, s.role.value, s.words, s.mid_role.value, s.objs) for s in middle_steps(
    ...     "The Reporting Person is a managing member of the general partner of Heron Fund,"
    ...     " L.P.", b)]
    [('r', 'managing_member', 'the general partner of Heron Fund, L.P.', 'general_partner', ('f',))]
    """
    out: list[MiddleStep] = []
    for a, z in _sentences(text):
        sent = text[a:z]
        if not _MIDDLE.search(sent):
            continue
        ments = book.mentions(sent)
        for m in _MIDDLE.finditer(sent):
            obj = next((x for x in ments if x.start == m.end()), None)
            rb = _ROLE_BEFORE.search(sent, 0, m.start())
            if obj is None or rb is None or len(obj.keys) != 1:
                continue
            objs = [obj]  # "of the general partner of each of A, B and C"
            for x in ments:
                if x.start > objs[-1].end and re.fullmatch(
                    r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?", sent[objs[-1].end : x.start]
                ):
                    objs.append(x)
            # the subject: the party right before the verb, or the antecedent of ", which"
            head = sent[: rb.start("verb")]
            w = re.search(r",\s*which\s*$", head)
            end = w.start() if w else len(head.rstrip())
            subj = next((x for x in reversed(ments) if x.end == end), None)
            keys = tuple(dict.fromkeys(k for x in objs for k in x.keys))
            if subj is None or len(subj.keys) != 1 or subj.keys[0] in keys:
                continue
            mid = " ".join(m.group("mid").lower().split())
            out.append(
                MiddleStep(
                    subject=subj.keys[0],
                    role=_role_from(rb.group("role")),
                    words=f"the {mid} of {' '.join(sent[obj.start : objs[-1].end].split())}",
                    mid_role=_MID_ROLES[mid],
                    objs=keys,
                    sentence=" ".join(sent.split()),
                )
            )
    return out


def add_middle_steps(
    read: dict[str, tuple[str, object]],
    book: NameBook,
    new_party: Callable[[str], str],
    add: Callable[[str, str, Role, str, object], None],
) -> None:
    """Read every footnote's unnamed middles: ``new_party(words)`` gives the middle's key
    (one per words in a filing); ``add(controller, controlled, role, sentence, element)``
    states each link."""
    for _fid, (t, el) in read.items():
        for st in middle_steps(t, book):
            mid = new_party(st.words)
            add(st.subject, mid, st.role, st.sentence, el)
            for obj in st.objs:
                add(mid, obj, st.mid_role, st.sentence, el)
