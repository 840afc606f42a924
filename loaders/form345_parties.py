"""Forms 3/4/5: parties a footnote names only by words or by a count, used by
:mod:`loaders.form345` and :mod:`loaders.form345_rules` (each construction general, checked
over the 453 Forms 3/4/5 of ../shared/corpus):

- :func:`each_holds`: "Includes 33,270 shares ... held by each of A, the B and C" on a row
  of 3 x 33,270 -- one holding per named holder (convention 7).
- :func:`relative_trustees`: "for which Mr. Hoffman and his spouse serve as trustees" -- the
  spouse is a co-trustee (kind unknown); without power when the owner retains sole power.
- :func:`possessive_relative`: "the Reporting Person's wife serves as trustee" -- the wife,
  not the owner.
- :func:`unnamed_role`: "a grantor retained annuity trust for which the Reporting Person
  serves as trustee" -- the owner's role toward an intermediary the footnote does not name.
"""

from __future__ import annotations

import re
from typing import Any

from ownergraph.graph.clean import parse_number
from ownergraph.graph.model import Provenance
from ownergraph.graph.vocab import EdgeKind, Power, Role
from ownergraph.loaders.form345_rules import _ROLE_WORDS, _role_from, _sentences
from ownergraph.loaders.form345_text import NOT_FIRST
from ownergraph.loaders.sec_terms import NameBook

#: "Includes 33,270 shares of Class A Common Stock held by each of the A, the B and C"
_EACH_HOLDS = re.compile(
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s+shares\b[^.;]{0,80}?\bheld\s+(?:directly\s+|of\s+record\s+)?"
    r"by\s+each\s+of\s+(?:the\s+)?(?P<list>.+?)(?:\.\s+(?=[A-Z])|\.?$)",
    re.I,
)


_EACH_OF = re.compile(r"\bheld\s+(?:directly\s+|of\s+record\s+)?by\s+each\s+of\b", re.I)


def each_holds(text: str, shares: float | None) -> tuple[float, list[str]] | None:
    """(count, names) when a footnote gives the same count for each named holder and they
    add up to the row: "Includes 33,270 shares ... held by each of the Sacks Family 2021
    Irrevocable Trust fbo Leighton Natalee Sacks, the ... and ..." (3 x 33,270 = 99,810);
    convention 7 of tests/fixtures/corpus/README.md: one holding per named holder.

    >>> each_holds("Includes 5 shares held by each of the A Trust, the B Trust and C Trust.", 15)
    (5.0, ['A Trust', 'B Trust', 'C Trust'])
    """
    if shares is None or not _EACH_OF.search(text):
        return None
    m = _EACH_HOLDS.search(text)
    if m is None:
        return None
    n = parse_number(m.group("n"))
    items = [
        i.strip(" ,")
        for i in re.split(r",\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?", m.group("list"))
    ]
    if (
        n is None
        or len(items) < 2
        or not all(re.match(r"[A-Z0-9]", i) and len(i) > 3 for i in items)
        or abs(n * len(items) - shares) >= 0.5
    ):
        return None
    return n, items


#: "for which Mr. Hoffman and his spouse serve as trustees": a relative named only by words
_RELATIVE_TRUSTEE = re.compile(
    r"\band\s+(?P<who>(?:his|her)\s+(?:spouse|wife|husband))\s*,?\s+(?:serve\s+as|act\s+as|are|as)"
    r"\s+(?:the\s+)?(?:co-?)?trustees\b",
    re.I,
)
#: ... "serves as co-trustee with her spouse"; "The Reporting Person's spouse and the
#: Reporting Person are the trustees"
_RELATIVE_CO_TRUSTEE = (
    re.compile(
        r"\bco-?trustees?\s+(?:together\s+)?with\s+(?P<who>(?:his|her)\s+(?:spouse|wife|husband))\b",
        re.I,
    ),
    re.compile(
        r"\b(?:the\s+)?(?P<who>(?:reporting\s+person['’]s|his|her)\s+(?:spouse|wife|husband))\s+and\s+"
        r"(?:the\s+reporting\s+person|he|she)\s+(?:serve\s+as|act\s+as|are)\s+(?:the\s+)?(?:co-?)?"
        r"trustees\b",
        re.I,
    ),
)


def relative_trustees(
    link_acc: dict[tuple[str, str, Role, EdgeKind], dict[str, Any]], owner_keys: list[str]
) -> list[tuple[str, str, Provenance, EdgeKind]]:
    """The unnamed co-trustee of a reporting owner's trustee link: "the ... Living Trust
    ... for which Mr. Hoffman and his spouse serve as trustees" states that the spouse is a
    trustee of the same trust too -- (the words "his spouse", the trust, the provenance,
    the kind of link). The spouse stays anonymous (convention 1: named by the document's
    own words). When the owner "retains sole voting and dispositive power" over the trust's
    shares, the co-trustee holds the title without power (convention 13): the link is not a
    ``controls`` link (attribution does not climb it) but ``owns`` (legal title; the model
    has no kind for a trustee that passes no power); else both trustees control it."""
    out: list[tuple[str, str, Provenance, EdgeKind]] = []
    for (c, d, role, _kind), acc in link_acc.items():
        if role is not Role.TRUSTEE or c not in owner_keys:
            continue
        for prov in acc["prov"]:
            m = next(
                (
                    x
                    for rx in (_RELATIVE_TRUSTEE, *_RELATIVE_CO_TRUSTEE)
                    if (x := rx.search(prov.phrase or ""))
                ),
                None,
            )
            if m:
                sole = Power.SOLE in (acc["voting"], acc["investment"], acc["power"])
                kind = EdgeKind.OWNS if sole else EdgeKind.CONTROLS
                out.append((" ".join(m.group("who").lower().split()), d, prov, kind))
                break
    return out


_RELATIVE = re.compile(
    r"['’]s\s+(?P<rel>spouse|wife|husband|son|daughter|children|child|father|mother|brother|sister"
    r"|sons|daughters)\b",
    re.I,
)


def possessive_relative(
    text: str,
    span: tuple[int, int],
    controller: str,
    book: NameBook,
    role_text: str | None = None,
):
    """The words naming a relative when every mention of ``controller`` in the sentence is
    a possessive of one ("the Reporting Person's wife"): the grammar read the name, the
    sentence speaks of the relative. With ``role_text`` (the role words the grammar read),
    only the last mention before the role counts (the role's subject): "The Reporting
    Person's spouse is the trustee of the trust and the Reporting Person disclaims ..."
    speaks of the spouse as trustee; "of which the Reporting Person is trustee and the
    Reporting Person's spouse is a beneficiary" of the spouse as beneficiary.
    ``None`` otherwise.

    >>> b = NameBook(issuer_key="i"); b.add_party("r", "John Doe", person=True)
    >>> b.add_alias("Reporting Person", ("r",))
    >>> t = "Held by the Doe Trust, for which the Reporting Person's wife serves as trustee."
    >>> possessive_relative(t, (0, len(t)), "r", b)
    "Reporting Person's wife"
    >>> t = ("The Reporting Person's spouse is the trustee of the trust and the Reporting Person"
    ...      " disclaims beneficial ownership.")
    >>> possessive_relative(t, (0, len(t)), "r", b, "trustee")
    "Reporting Person's spouse"
    """
    a, b = span
    seg = text[a:b]
    if not _RELATIVE.search(seg):  # most sentences speak of no relative: no name reading
        return None
    ments = [m for m in book.mentions(seg, discover=False) if controller in m.keys]
    at = re.search(re.escape(role_text), seg, re.I) if role_text else None
    if at is not None and any(m.end <= at.start() for m in ments):
        # the role's subject: the last mention before the role words, not another clause's
        ments = [[m for m in ments if m.end <= at.start()][-1]]
    if not ments:
        return None
    rels = [_RELATIVE.match(seg, m.end) for m in ments]
    if not all(rels):
        return None
    m, r = ments[0], rels[0]
    return " ".join(f"{seg[m.start : m.end]}{seg[m.end : r.end()]}".split())


#: a full personal name right before ", (the) <relative words>,": "Erik Olsen, the
#: reporting person's brother, is the trustee"
_NAME_BEFORE = re.compile(
    r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2})\s*,\s*(?:the\s+)?$"
)


def appositive_person(text: str, span: tuple[int, int], rel: str) -> str | None:
    """The person a relative's words stand in apposition to, when the sentence names him
    first ("Erik Olsen, the reporting person's brother, is the trustee of ..."): the
    named person is the subject, not the relative's words; ``None`` otherwise.

    >>> t = "Erik Olsen, the reporting person's brother, is the trustee of the Olsen Trust."
    >>> appositive_person(t, (0, len(t)), "reporting person's brother")
    'Erik Olsen'
    >>> t = "The reporting person's brother, Erik Olsen, is the trustee of the Olsen Trust."
    >>> appositive_person(t, (0, len(t)), "reporting person's brother") is None
    True
    """
    a, b = span
    at = text.lower().find(rel.lower(), a, b)
    if at < 0 or not re.match(r"\s*,", text[at + len(rel) : at + len(rel) + 3]):
        return None
    m = _NAME_BEFORE.search(text, max(a, at - 60), at)
    if m is None or m.group("name").split()[0] in NOT_FIRST:
        return None
    return " ".join(m.group("name").split())


#: "a grantor retained annuity trust for which the Reporting Person serves as trustee"
_WHICH_ROLE = re.compile(
    rf"\b(?:for|of)\s+which\s+(?P<subj>[^,.;]{{2,60}}?)\s+(?:is|serves\s+as|acts\s+as)\s+"
    rf"(?:(?:a|an|the|one\s+of\s+the)\s+)?(?P<role>{_ROLE_WORDS})\b",
    re.I,
)


def unnamed_role(text: str, book: NameBook, owner: str) -> tuple[Role, str] | None:
    """The role a footnote states for the owner toward an intermediary it does not name
    ("held in a grantor retained annuity trust for which the Reporting Person serves as
    trustee", "a trust for the benefit of his children, of which the Reporting Person is
    the sole trustee"): (role, the sentence); ``None`` when the "which" follows a name (that
    party is the grammar's) or the subject is not the owner.

    >>> b = NameBook(issuer_key="i"); b.add_party("r", "John Doe", person=True)
    >>> b.add_alias("Reporting Person", ("r",))
    >>> unnamed_role("These shares are held in a grantor retained annuity trust for which"
    ...              " the Reporting Person serves as trustee.", b, "r")[0]
    <Role.TRUSTEE: 'trustee'>
    """
    ments = book.mentions(text)
    for m in _WHICH_ROLE.finditer(text):
        head = text[: m.start()].rstrip(" ,")
        if any(x.end >= len(head) - 1 for x in ments if x.end <= m.start()):
            continue  # "X LLC, of which ...": a named party
        subj = [x for x in ments if m.start("subj") <= x.start and x.end <= m.end("subj")]
        # "for which the reporting person's wife is trustee": the wife is, not the owner
        possessive = subj and re.match(r"['’]s\b", text[subj[-1].end : subj[-1].end + 3])
        if subj and owner in subj[-1].keys and not possessive:
            a, b = next(((a, b) for a, b in _sentences(text) if a <= m.start() < b), (0, len(text)))
            return _role_from(m.group("role")), " ".join(text[a:b].split())
    return None


#: a nature of ownership that states the owner's role toward an intermediary it does not
#: name: "By Self as Trustee", "As Trustee", "By Reporting Person as Co-Trustee"
_NATURE_TRUSTEE = re.compile(
    r"^\s*(?:by\s+(?:self|(?:the\s+)?reporting\s+person|him|her)\s+)?as\s+(?:the\s+|a\s+)?(?:sole\s+)?"
    r"(?:co-?\s*)?trustee\b",
    re.I,
)


def nature_role(nature: str | None) -> tuple[Role, str] | None:
    """(role, the words) when the nature of ownership itself states the owner's role toward
    the unnamed intermediary ("By Self as Trustee": trustee); ``None`` otherwise ("By
    Trust", "By Spouse as Trustee" -- the spouse is, not the owner).

    >>> nature_role("By Self as Trustee")
    (<Role.TRUSTEE: 'trustee'>, 'By Self as Trustee')
    >>> nature_role("By Spouse as Trustee") is None, nature_role("By Trust") is None
    (True, True)
    """
    if nature and _NATURE_TRUSTEE.search(nature):
        return Role.TRUSTEE, " ".join(nature.split())
    return None
