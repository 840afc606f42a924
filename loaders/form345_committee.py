"""Forms 3/4/5: the members of an entity's investment committee (convention 3: a member of
an investment committee is a ``member`` of the entity), in the shapes footnotes use beside
"X is a member of the investment committee of Y" (which the shared grammar reads):

- the members listed after the committee: "the investment committee of Y, consisting of A,
  B and C"; "The investment committee of Y consists of / is composed of / is comprised of /
  includes A and B"; "Y's investment committee, which is made up of A and B" -- each listed
  party -> Y;
- a subject that serves on it: "The Reporting Person serves on / sits on the investment
  committee of Y"; "X is a member of Y's investment committee" -- X -> Y.

The powers a footnote gives the committee itself ("The investment committee makes all
investment decisions with respect to shares held by II LP and may be deemed to have shared
voting, investment and dispositive power with respect to such shares") are the powers of
each membership that footnote states (:func:`committee_link_powers`), as a chain's powers
stated in its sentence are its links' (DOMAIN.md 2: attribution follows control).

Only an investment committee: a committee of the issuer's board (audit, compensation) is a
relation to the issuer, not a link (convention 12), and the issuer is never Y.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from ownergraph.graph.vocab import Power, Role
from ownergraph.loaders.form345_text import LISTED_PERSON, NOT_FIRST, listed_party
from ownergraph.loaders.sec_terms import Mention, NameBook

#: "... investment committee of (the) " right before Y
_COMMITTEE_OF = re.compile(r"\binvestment\s+committee\s+of\s+(?:the\s+)?$", re.I)
#: "Y's investment committee" right after Y
_POSSESSIVE = re.compile(r"['’]s?\s+investment\s+committee\b", re.I)
#: the verb or participle that opens the list of members
_LISTED = re.compile(
    r"\s*,?\s*(?:(?:which|that)\s+)?(?:(?:is|are)\s+)?(?:consisting\s+of|consists\s+of"
    r"|composed\s+of|comprised\s+of|made\s+up\s+of|includes|including)\s+(?:the\s+)?",
    re.I,
)
#: the subject's verb before "... investment committee of Y" / "... of Y's investment committee"
_SERVES = re.compile(
    r"\s+(?:(?:serves?|sits?)\s+on\s+(?:the\s+|an?\s+)?|(?:is|are)\s+(?:a\s+|one\s+of\s+the\s+)?"
    r"members?\s+of\s+(?:the\s+)?)$",
    re.I,
)
_SEP = re.compile(r"\s*,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?")
_END = re.compile(r"\s*(?:[.;]|,\s+(?:each|both|who|which|has|have|and\s+(?:each|both))\b|,|$)")


def _members(text: str, pos: int, ments: Sequence[Mention], book: NameBook) -> list[str]:
    """The parties listed from ``pos`` ("A, B and C"): known mentions, or full personal
    names the form names nowhere else (new person parties)."""
    keys: list[str] = []
    while True:
        got = listed_party(text, pos, ments, book)
        if got is None:
            break
        keys.append(got[0])
        pos = got[1]
        sep = _SEP.match(text, pos)
        if sep is None:
            break
        nxt = sep.end()
        q = LISTED_PERSON.match(text, nxt)
        if not any(x.start == nxt for x in ments) and (
            q is None or q.group(0).split()[0] in NOT_FIRST
        ):
            break
        pos = nxt
    return keys if keys and _END.match(text, pos) else []


def committee_members(
    text: str, book: NameBook, mentions: Sequence[Mention] | None = None
) -> list[tuple[str, str, str]]:
    """(member key, entity key, sentence) for each investment committee membership ``text``
    states in the module's shapes.

    >>> b = NameBook(issuer_key="i"); b.add_party("o", "John Doe", person=True)
    >>> b.add_alias("Reporting Person", ("o",)); b.add_party("g", "Acme GP LP")
    >>> [(c, d) for c, d, _ in committee_members(
    ...     "The Reporting Person serves on the investment committee of Acme GP LP.", b)]
    [('o', 'g')]
    """
    ments = sorted(mentions if mentions is not None else book.mentions(text), key=lambda m: m.start)
    out: list[tuple[str, str, str]] = []
    for y in ments:
        if len(y.keys) != 1 or y.keys[0] == book.issuer_key:
            continue
        head = text[max(0, y.start - 80) : y.start]
        of = _COMMITTEE_OF.search(head)
        poss = _POSSESSIVE.match(text, y.end)
        if of is None and poss is None:
            continue
        members: list[str] = []
        after = y.end if of is not None else poss.end()  # type: ignore[union-attr]
        listed = _LISTED.match(text, after)
        if listed is not None:
            members = _members(text, listed.end(), ments, book)
        # the subject that serves on the committee, right before its words
        lead = head[: of.start()] if of is not None else head
        serves = _SERVES.search(lead)
        if serves is not None:
            base = max(0, y.start - 80)
            subj = next(
                (x for x in reversed(ments) if x.end == base + serves.start() and len(x.keys) == 1),
                None,
            )
            if subj is not None:
                members.append(subj.keys[0])
        if not members:
            continue
        a = text.rfind(".", 0, y.start) + 1
        b = text.find(".", y.end)
        sentence = " ".join(text[a : b if b > 0 else len(text)].split())
        out += [(k, y.keys[0], sentence) for k in dict.fromkeys(members) if k != y.keys[0]]
    return out


def add_committee_members(
    read: dict[str, tuple[str, object]],
    book: NameBook,
    add: Callable[[str, str, Role, str, object], None],
) -> None:
    """Every footnote's investment committee members, through ``add(c, d, role, sentence,
    el)`` with the role ``member``."""
    for _fid, (t, el) in read.items():
        for c, d, sentence in committee_members(t, book):
            add(c, d, Role.MEMBER, sentence, el)


#: the committee as the subject of its sentence: "The investment committee makes ... and may
#: be deemed to have shared voting ... power"
_COMMITTEE_SUBJECT = re.compile(
    r"(?:^|(?<=[.;]\s))(?:the|such|this|that)\s+investment\s+committee\b", re.I
)


def committee_powers(text: str) -> tuple[Power | None, Power | None] | None:
    """(voting, investment) a footnote states its investment committee has over the shares,
    or ``None`` (module rule).

    >>> committee_powers("The investment committee makes all investment decisions with respect"
    ...     " to shares held by II LP and may be deemed to have shared voting, investment and"
    ...     " dispositive power with respect to such shares.")
    (<Power.SHARED: 'shared'>, <Power.SHARED: 'shared'>)
    >>> committee_powers("Doe is a member of the investment committee of GP LP.") is None
    True
    """
    from ownergraph.loaders.form345_rules import _POWER, _powers

    for m in _COMMITTEE_SUBJECT.finditer(text):
        end = min(
            (i for i in (text.find(". ", m.end()), text.find(";", m.end())) if i > 0),
            default=len(text),
        )
        pm = _POWER.search(text, m.end(), end)
        if pm is not None:
            voting, investment = _powers(pm.group("powers"), text[pm.start() : pm.start("powers")])
            if voting is not None or investment is not None:
                return voting, investment
    return None


def committee_link_powers(
    read: dict[str, tuple[str, Any]],
    link_acc: dict[tuple[Any, ...], dict[str, Any]],
    add_link: Callable[..., None],
) -> None:
    """Give each investment committee membership (a ``member`` link stated in a sentence
    about the committee) the powers its footnote gives the committee, where the link has
    none yet (module rule)."""
    for t, _el in read.values():
        powers = committee_powers(t)
        if powers is None:
            continue
        for key, acc in list(link_acc.items()):
            if (
                key[2] is not Role.MEMBER
                or acc["voting"] is not None
                or acc["investment"] is not None
            ):
                continue
            provs = [
                p
                for p in acc["prov"]
                if p.phrase
                and re.search(r"investment\s+committee", p.phrase, re.I)
                and p.phrase in t
            ]
            if not provs:
                continue
            add_link(
                key[0],
                key[1],
                key[2],
                None,
                acc["indirect"],
                provs[0],
                kind=key[3],
                voting=powers[0],
                investment=powers[1],
            )
