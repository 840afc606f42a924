"""Forms 3/4/5: trustees named beside their trust, in the shapes footnotes use:

- "held by John Doe and Jane Doe, Trustees of the Doe Family Trust dated June 1, 2001",
  "held by the Reporting Person as trustee of the Doe 2012 Irrevocable Trust": the trust
  holds the row (not the persons), each person is its trustee;
- "Held by The Doe Revocable Trust u/a/d 1/1/2000, John Doe, trustee": the person after the
  trust's name is its trustee.

A person the form names nowhere else becomes a person party (convention 1 names parties by
the document's own words; a co-trustee is a party like the one who signs, convention 2).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ownergraph.graph.model import Party, Provenance
from ownergraph.graph.vocab import EdgeKind, NodeKind, Power, Role

#: a person as footnotes write one: "the Reporting Person", "John Doe", "John A. Doe", or the
#: owner's relative by a pronoun ("her husband as co-trustee of X": an unnamed party)
_PERSON = (
    r"(?:the\s+[Rr]eporting\s+[Pp]erson|(?:[Hh]is|[Hh]er)\s+(?:spouse|wife|husband)"
    r"|[A-Z][a-z]+(?:\s+[A-Z]\.?)*(?:\s+[A-Z][a-z'’-]+)+)"
)
_LIST = rf"(?P<list>{_PERSON}(?:\s*,\s*(?:and\s+)?{_PERSON}|\s+and\s+{_PERSON})*)"
#: "<persons>, Trustees of the" / "<persons> as trustee of" (right before the trust)
_BEFORE = re.compile(
    rf"{_LIST}(?:\s*,?\s+as\s+(?:the\s+)?(?:sole\s+)?|\s*,\s*|\s+)(?i:co-?)?(?i:trustees?)\s+(?:of|for)\s+"
    r"(?:the\s+)?$"
)
#: "<trust> u/a/d 1/1/2000, <persons>, trustee(s)" (right after the trust)
_AFTER = re.compile(
    r"(?:\s+(?:u/a/d|u/t/a|u/a|dtd|dated)\s+[^,;]{1,30})?\s*,\s*" + _LIST + r",?\s+(?:as\s+)?"
    r"(?i:co-?)?(?i:trustees?)\b",
)
_ITEM = re.compile(_PERSON)
_TRUST = re.compile(r"\b(?:Trust|GRAT)\b")


class _Mention(Protocol):
    start: int
    end: int
    keys: tuple[str, ...]


@dataclass(frozen=True)
class TrusteeStatement:
    """Persons (as written) that a footnote names trustees of one trust (a mention)."""

    trust: _Mention
    persons: tuple[str, ...]
    start: int  # where the persons' list begins in the text

    @property
    def before(self) -> bool:
        """The persons come before the trust ("held by X, Trustee of T")."""
        return self.start < self.trust.start


def trustee_statements(text: str, mentions: Sequence[_Mention]) -> list[TrusteeStatement]:
    """The trustee statements of ``text`` (module rule).

    >>> from types import SimpleNamespace as M
    >>> t = "Held by John Doe and Jane Doe, Trustees of the Doe Family Trust dated 2001."
    >>> [s.persons for s in trustee_statements(t, [M(start=47, end=63, keys=("t",))])]
    [('John Doe', 'Jane Doe')]
    """
    out: list[TrusteeStatement] = []
    for m in mentions:
        surface = text[m.start : m.end]
        if len(m.keys) != 1 or not _TRUST.search(surface):
            continue
        head = text[max(0, m.start - 160) : m.start]
        b = _BEFORE.search(head)
        if b:
            start = m.start - len(head) + b.start("list")
            out.append(TrusteeStatement(m, _items(b.group("list")), start))
            continue
        a = _AFTER.match(text, m.end)
        if a:
            out.append(TrusteeStatement(m, _items(a.group("list")), a.start("list")))
    return out


def _items(words: str) -> tuple[str, ...]:
    return tuple(" ".join(x.group(0).split()) for x in _ITEM.finditer(words))


#: the end of a bare trustee role: the sentence ends, or goes on with another clause ("...
#: serves as trustee thereof and disclaims beneficial ownership", "is a co-trustee of the
#: trust, with shared voting power")
_BARE_END = (
    r"(?=\s*(?:[.;,]|\band\b(?!\s+(?:the\s+|a\s+|an\s+|sole\s+)*(?:beneficiary|settlor|grantor"
    r"|member|director|officer|manager|president)\s+of\b)|\bwith\b|$))"
)
#: "the Reporting Person is the sole trustee." / "he serves as trustee thereof" (no trust named
#: after the role: the sentence's trust is the one the footnote says holds the row)
_BARE = re.compile(
    r"\b(?:the\s+reporting\s+person|he|she)\s+(?:is|serves\s+as|acts\s+as)\s+(?:the\s+|a\s+)?"
    r"(?:sole\s+|co-?)?trustee(?:\s+thereof|\s+of\s+(?:such|that|this|the)\s+trust)?"
    + _BARE_END
    # "The Reporting Person, as trustee, has sole voting ..."; "The Reporting Person and
    # her spouse are co-trustees" (the spouse: :data:`_BARE_RELATIVE`)
    + r"|\b(?:the\s+reporting\s+person|he|she)\s*,\s*as\s+(?:the\s+|a\s+)?(?:sole\s+|co-?)?"
    r"trustee(?:\s+thereof|\s+of\s+(?:such|that|this|the)\s+trust)?\s*,"
    r"|\b(?:the\s+reporting\s+person|he|she)\s+and\s+(?:his|her)\s+(?:spouse|wife|husband)\s+"
    r"(?:are|serve\s+as|act\s+as)\s+(?:the\s+)?(?:co-?)?trustees(?:\s+thereof|\s+of\s+(?:such|that|this"
    r"|the)\s+trust)?" + _BARE_END,
    re.I,
)


def _as_reporting_person(text: str, owner: str) -> str:
    """``text`` with the owner's own name ("John Doe", "Mr. Doe") written "the Reporting
    Person", so that the bare-trustee shapes read it as they read those words."""
    words = [w for w in owner.split() if w.strip(".,").lower() not in _SUFFIX_WORDS]
    if len(words) < 2 or len(words[-1]) < 3:
        return text
    last = re.escape(words[-1].strip(".,"))
    full = re.escape(words[0]) + r"(?:\s+[A-Z]\.?)*\s+" + last
    return re.sub(rf"\b(?:(?:Mr|Ms|Mrs|Dr)\.?\s+{last}|{full})\b", "the Reporting Person", text)


_SUFFIX_WORDS = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})


def bare_trustee(text: str, holder_name: str, owner: str = "") -> bool:
    """Whether ``text`` makes the reporting person (by these words, or by ``owner``'s own
    name: "Mr. Doe and his spouse serve as trustees") trustee without naming the trust, and
    the row's holder is a trust (module rule).

    >>> bare_trustee("Shares held by the Doe Trust; the Reporting Person is the sole trustee.",
    ...              "Doe Trust")
    True
    >>> bare_trustee("The Reporting Person is the sole trustee.", "Doe Holdings LLC")
    False
    >>> bare_trustee("Held by the Doe Trust. Mr. Doe and his spouse serve as trustees.",
    ...              "Doe Trust", owner="John A Doe")
    True
    """
    if not _TRUST.search(holder_name):
        return False
    if owner:
        text = _as_reporting_person(text, owner)
    m = _BARE.search(text)
    if m is None:
        return False
    # "a trustee of the trust" points back to one trust: not when the text names several
    # ("held by the Smith Family Trust and the Jones Family Trust")
    return not (m.group(0).lower().endswith(" the trust") and len(_trust_names(text)) > 1)


#: a trust's name: capitalised words before "Trust" ("the Smith Family Trust")
_TRUST_NAME = re.compile(r"\b[A-Z][\w'’.&-]*(?:\s+(?:[A-Z0-9][\w'’.&-]*|of|for))*\s+Trust\b")


def _trust_names(text: str) -> set[str]:
    return {" ".join(m.group(0).split()) for m in _TRUST_NAME.finditer(text)}


#: "The Reporting Person's wife serves as trustee." / "his spouse is the sole trustee thereof"
#: (a relative of the owner as the trustee, no trust named after the role)
_BARE_RELATIVE = re.compile(
    r"\b(?P<who>(?:the\s+)?reporting\s+person['’]s\s+(?:spouse|wife|husband|son|daughter|brother"
    r"|sister|father|mother)|(?:his|her)\s+(?:spouse|wife|husband))\s+(?:is|serves\s+as|acts\s+as)"
    r"\s+(?:the\s+|a\s+)?(?:sole\s+|co-?)?trustee(?:\s+thereof|\s+of\s+(?:such|that|this|the)\s+trust)?"
    + _BARE_END,
    re.I,
)


def bare_relative_trustee(text: str, holder_name: str) -> str | None:
    """The words naming the owner's relative when ``text`` makes that relative trustee
    without naming the trust and the row's holder is a trust (module rule, as
    :func:`bare_trustee` for the owner himself); ``None`` otherwise.

    >>> bare_relative_trustee("Held by the Doe Trust. The Reporting Person's wife serves as"
    ...                       " trustee.", "Doe Trust")
    "Reporting Person's wife"
    >>> bare_relative_trustee("The Reporting Person's wife serves as trustee.", "Doe LLC")
    """
    m = _BARE_RELATIVE.search(text)
    if m is None or not _TRUST.search(holder_name):
        return None
    if m.group(0).lower().endswith(" the trust") and len(_trust_names(text)) > 1:
        return None  # which trust is not stated (as in :func:`bare_trustee`)
    return " ".join(re.sub(r"^the\s+", "", m.group("who"), flags=re.I).split())


#: "Richard Doe is the sole trustee."; "The Reporting Person's brother, Richard Doe, is the
#: sole trustee."; "Richard Doe, the Reporting Person's brother, serves as trustee." (a
#: person named as trustee, no trust named after the role)
_BARE_NAMED = re.compile(
    r"(?P<who>[A-Z][a-z]+(?:\s+[A-Z]\.?)*(?:\s+[A-Z][a-z'’-]+)+)(?:\s*,\s*[^,.;]{1,60}?,)?\s*,?"
    r"\s+(?:is|serves\s+as|acts\s+as)\s+(?:the\s+|a\s+)?(?:sole\s+|co-?)?trustee"
    r"(?:\s+thereof|\s+of\s+(?:such|that|this)\s+trust)?\s*(?:[.;]|$)"
)


def bare_named_trustees(text: str, holder_name: str, not_first: frozenset[str]) -> list[str]:
    """The persons ``text`` names as trustee without naming the trust, when the row's
    holder is a trust (module rule); names whose first word is in ``not_first`` ("The
    Reporting Person") are not persons.

    >>> bare_named_trustees("Held by the Doe 2012 Trust. Richard Doe is the sole trustee.",
    ...                     "Doe 2012 Trust", frozenset({"The"}))
    ['Richard Doe']
    """
    if not _TRUST.search(holder_name):
        return []
    return [
        m.group("who")
        for m in _BARE_NAMED.finditer(text)
        if m.group("who").split()[0] not in not_first and not _TRUST.search(m.group("who"))
    ]


def co_trustee_relative(text: str) -> str | None:
    """The words naming the owner's relative that ``text`` makes a co-trustee beside the
    owner without naming the trust ("The reporting person and her spouse are co-trustees";
    "... serves as co-trustee with his wife"), else ``None`` (module rule, as
    :func:`bare_relative_trustee`; the trust is the row's, as for :func:`bare_trustee`).

    >>> co_trustee_relative("Shares held by the Ames Family Trust. The reporting person and her"
    ...                     " spouse are co-trustees and share voting and investment power.")
    'her spouse'
    >>> co_trustee_relative("The reporting person is the sole trustee.") is None
    True
    """
    from ownergraph.loaders.form345_parties import _RELATIVE_CO_TRUSTEE, _RELATIVE_TRUSTEE

    for rx in (_RELATIVE_TRUSTEE, *_RELATIVE_CO_TRUSTEE):
        m = rx.search(text)
        if m:
            return " ".join(re.sub(r"^the\s+", "", m.group("who"), flags=re.I).lower().split())
    return None


_RELATIVE_WORDS = re.compile(r"(?:his|her)\s+(?:spouse|wife|husband)", re.I)


def trustee_relative(who: str) -> str | None:
    """The words of a listed trustee that is the owner's relative named only so ("her
    husband"), lower case; ``None`` for a named person (module rule: an unnamed party,
    convention 1).

    >>> trustee_relative("her husband"), trustee_relative("John Doe")
    ('her husband', None)
    """
    return " ".join(who.lower().split()) if _RELATIVE_WORDS.fullmatch(who.strip()) else None


def trustee_key(
    who: str, book: Any, relatives: dict[str, str], person_key: Callable[[str, Any], str]
) -> str:
    """The party key of a listed trustee: an owner's relative named only so ("her husband")
    is an unnamed party, recorded in ``relatives`` (key -> words); anyone else the person
    ``person_key`` finds or makes (module rule)."""
    rel = trustee_relative(who)
    if rel is None:
        return person_key(re.sub(r"^the\s+", "", who), book)
    key = book.key_for_text_name(rel)
    relatives[key] = rel
    return key


def _owner_powers(text: str) -> tuple[Power | None, Power | None]:
    """The powers ``text`` says the Reporting Person has ("Mr. Doe has sole voting and
    investment power over the shares", the name written as those words first).

    >>> _owner_powers("The trust holds them. The Reporting Person has sole voting and"
    ...               " investment power over the shares held by the trust.")
    (<Power.SOLE: 'sole'>, <Power.SOLE: 'sole'>)
    """
    from ownergraph.loaders.form345_rules import _POWER, _powers

    for m in re.finditer(r"\bthe\s+reporting\s+person\s+", text, re.I):
        pm = _POWER.match(text, m.end())
        if pm is not None:
            return _powers(pm.group("powers"), text[pm.start() : pm.start("powers")])
    return None, None


def add_bare_trustees(
    text: str,
    holder: tuple[str, str],
    owner: tuple[str, str],
    prov: Provenance,
    acc: tuple[dict[Any, dict[str, Any]], Callable[..., None], dict[str, Party]],
    unnamed_key: Callable[[str], str],
) -> bool:
    """When ``text`` makes the (lone) owner trustee of the row's trust without naming it
    (:func:`bare_trustee`): the owner's trustee link, and the relative it names co-trustee
    (:func:`co_trustee_relative`) as an unnamed party -- holding the title without power
    (an ``owns`` link, convention 13) when the owner has sole power over the trust's
    shares. ``holder`` and ``owner`` are (key, name); ``acc`` is (the links so far,
    add_link, the extra parties). Whether the text made the owner trustee."""
    link_acc, add_link, parties_extra = acc
    if not bare_trustee(text, holder[1], owner[1]):
        return False
    voting, investment = _owner_powers(_as_reporting_person(text, owner[1]))
    add_link(
        owner[0], holder[0], Role.TRUSTEE, None, False, prov, voting=voting, investment=investment
    )
    co = co_trustee_relative(text)  # "The reporting person and her spouse are co-trustees"
    if co is not None:
        key = unnamed_key(co)
        parties_extra.setdefault(
            key, Party(id=key, name=co, kind=NodeKind.UNKNOWN, provenance=(prov,))
        )
        sole = Power.SOLE in (voting, investment) or any(
            Power.SOLE in (a["voting"], a["investment"], a["power"])
            for k, a in link_acc.items()
            if k[:2] == (owner[0], holder[0])
        )
        kind = EdgeKind.OWNS if sole else EdgeKind.CONTROLS
        add_link(key, holder[0], Role.TRUSTEE, None, False, prov, kind=kind)
    return True
