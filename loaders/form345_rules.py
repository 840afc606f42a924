"""Forms 3/4/5 footnote rules beyond the shared relation grammar (:mod:`loaders.sec_grammar`),
used by :mod:`loaders.form345`. Each is general (checked over the 453 Forms 3/4/5 of
../shared/corpus, see the commit messages for what each changes):

- (the footnote text is first made readable by :mod:`loaders.form345_text`)
- :func:`director_links`: "The Reporting Person is a director (and stockholder) of SC US
  (TTGP), Ltd." -- Role.DIRECTOR (a director of the issuer is not a link: the issuer is
  the subject of the form, not an intermediary).
- "beneficial owner" words: :mod:`loaders.form345_beneficial`.
- :func:`power_statements`: "X has shared voting and investment power over the shares held
  by each of A, B ... and F", "Mr. Hoffman retains sole voting and dispositive power with
  respect to the shares held by the Living Trust", "GP LP ... may be deemed to have shared
  voting and dispositive power with respect to the securities held by LP", "The Reporting
  Person holds voting and dispositive power over the shares" (the shares the footnote
  says who holds): one (subject, holder, voting, investment) per listed holder.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ownergraph.graph.model import Provenance
from ownergraph.graph.vocab import DirectOrIndirect, EdgeKind, Power, Role
from ownergraph.loaders.form345_beneficial import _reaches, _weak, beneficial_owner_links
from ownergraph.loaders.form345_positions import reach as reach_from
from ownergraph.loaders.form345_text import HELD_BY, NOT_FIRST
from ownergraph.loaders.sec_terms import Mention, NameBook

#: A sentence's full stop: not after a title or an initial. The dot is found first and the
#: look-behinds run only there (not at every character of the text: 14x faster).
_STOP = re.compile(r"\.(?<!\b(?:Mr|Ms|Dr|Jr|Sr|No|Co|St)\.)(?<!\b[A-Z]\.)\s+(?=[A-Z(])")


def _sentences(text: str) -> list[tuple[int, int]]:
    out, a = [], 0
    for m in _STOP.finditer(text):
        out.append((a, m.start() + 1))
        a = m.end()
    out.append((a, len(text)))
    return out


def _subjects(text: str, ments: list[Mention], a: int, verb: int) -> list[Mention]:
    """The mentions that are the subject of a verb: in the sentence before it, not the
    object of a preposition ("the general partner of LP" names LP as an object)."""
    out = []
    for m in ments:
        if a <= m.start and m.end <= verb:
            before = text[a : m.start].rstrip()
            if re.search(r"\b(?:of|to|by|for|with|in|than)$", before, re.I):
                continue
            out.append(m)
    return out


#: What joins two coordinated subjects: ", ", " and ", ", and ", " & " (a title may follow).
_AND = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?", re.I)


def _coordinated(text: str, subj: list[Mention]) -> list[Mention]:
    """The last subject with the subjects coordinated with it: "John Doe and Jane Roe may be
    deemed to have ..." names both (``A, B and C`` all three), not only the nearest.

    >>> ms = [Mention(0, 8, ("a",), "John Doe"), Mention(13, 21, ("b",), "Jane Roe")]
    >>> [m.keys for m in _coordinated("John Doe and Jane Roe may", ms)]
    [('a',), ('b',)]
    """
    if not subj:
        return []
    out = [subj[-1]]
    for m in reversed(subj[:-1]):
        if m.end > out[0].start or not _AND.fullmatch(text, m.end, out[0].start):
            break
        out.insert(0, m)
    return out


@dataclass(frozen=True)
class FootnoteLink:
    """A relation a footnote rule reads: controller, controlled, powers, the phrase."""

    controller: str
    controlled: str
    phrase: str
    span: tuple[int, int]
    voting: Power | None = None
    investment: Power | None = None


_DIRECTOR = re.compile(
    r"\b(?P<verb>is|are|serves?\s+as)\s+(?:a|an|the|one\s+of\s+the)\s+"
    r"(?:member\s+of\s+the\s+board\s+of\s+|(?-i:(?:[A-Z][a-z]+\s+){1,3}(?=Directors?\b)))?"
    r"directors?\s+(?:\((?:and|as\s+well\s+as)\s+(?:a\s+)?(?:stockholder|shareholder)\)\s+"
    r"|and\s+(?:a\s+)?(?:stockholder|shareholder)\s+)?of\s+(?:the\s+)?$",
    re.I,
)


def director_links(text: str, book: NameBook) -> list[FootnoteLink]:
    """ "X is a director (and stockholder) of Y": X -> Y (Role.DIRECTOR); Y not the issuer.

    >>> b = NameBook(issuer_key="i"); b.add_party("b", "Roelof Botha", person=True)
    >>> b.add_alias("Reporting Person", ("b",))
    >>> [(x.controller, b.names[x.controlled]) for x in director_links(
    ...     "The Reporting Person is a director (and stockholder) of SC US (TTGP), Ltd.", b)]
    [('b', 'SC US (TTGP), Ltd.')]
    """
    ments = book.mentions(text)
    out: list[FootnoteLink] = []
    for a, b in _sentences(text):
        for m in ments:
            if not (a <= m.start < b) or book.issuer_key in m.keys:
                continue
            lead = _DIRECTOR.search(text[max(a, m.start - 120) : m.start])
            if not lead:
                continue
            verb = m.start - (len(text[max(a, m.start - 120) : m.start]) - lead.start())
            subj = _subjects(text, ments, a, verb)
            keys = list(subj[-1].keys) if subj else []
            if lead.group("verb").lower() in ("are", "serve as"):  # "A, B and C are the ..."
                keys = _person_list(text[a:verb], ments, a, book) or keys
            for c in keys:
                for d in m.keys:
                    if c != d:
                        out.append(FootnoteLink(c, d, " ".join(text[a:b].split()), (a, b)))
    return out


_PERSON_NAME = re.compile(r"[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+){1,2}")


def _person_list(head: str, ments: list[Mention], a: int, book: NameBook) -> list[str]:
    """The parties of a subject list ("Mr. Lynch, Deven Petito and Eric Yanagi"): the known
    ones by their mention, a full personal name the book does not know as a new person."""
    from ownergraph.graph.ids import party_id

    m = re.search(
        r"(?:^|(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)[.;:][\"”']?\s+)(?P<list>(?:[^.;:]|(?<=\bMr|\bMs|\bDr)\.)*?)\s*$",
        head,
    )
    if not m:
        return []
    items = re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group("list").strip())
    if len(items) < 2:
        return []
    out: list[str] = []
    pos = a + m.start("list")
    for item in items:
        item = item.strip()
        at = head.find(item, pos - a) + a
        known = next((x for x in ments if x.start == at and x.end == at + len(item)), None)
        if known is not None:
            out += [k for k in known.keys if k not in out]
        elif _PERSON_NAME.fullmatch(item) and item.split()[0] not in NOT_FIRST:
            key = party_id(name=item)
            book.add_party(key, item, person=True)
            out.append(key)
        else:
            return []  # not a list of parties
        pos = at + len(item)
    return out


_POWER = re.compile(
    r"\b(?:has|have|retains?|holds?|exercises?|shares?|possess(?:es)?|"
    r"(?:may|might)\s+be\s+deemed\s+to\s+(?:have|share|hold)|is\s+deemed\s+to\s+have)\s+"
    r"(?:the\s+)?(?P<powers>(?:(?:sole|shared|joint)\s+)?(?:power\s+to\s+vote|voting|"
    r"(?:dispositive|investment)(?:\s+power)?)"
    r"(?:\s*(?:,|and/or|and|or)\s*(?:(?:sole|shared|joint)\s+)?(?:(?:the\s+)?power\s+to\s+"
    r"(?:vote|dispose(?:\s+of)?)|(?:to\s+)?dispose(?:\s+of)?|voting|dispositive|investment)"
    r"(?:\s+power)?)*(?:\s+powers?)?)\s+(?:over|with\s+respect\s+to|of|in|for)\s+",
    re.I,
)
_OBJECT = re.compile(
    r"(?:all\s+(?:of\s+)?)?(?:the|such|these|those|its|his|her)?\s*(?:shares|securities|"
    r"Common\s+Stock|stock)\b(?P<rest>[^.;]*)",
    re.I,
)


def _powers(words: str, verb: str = "") -> tuple[Power | None, Power | None]:
    """Voting and investment power as the words give them; a modifier carries forward
    ("sole voting and dispositive power": both sole); the verb "share(s)" makes them shared
    ("X and Y share voting and investment power over ...").

    >>> _powers("voting and investment power", "may be deemed to share ")
    (<Power.SHARED: 'shared'>, <Power.SHARED: 'shared'>)
    >>> _powers("voting and investment power", "has ")
    (None, None)
    """
    voting = investment = None
    mod: Power | None = Power.SHARED if re.search(r"\bshares?\s*$", verb, re.I) else None
    for m in re.finditer(
        r"(?P<mod>sole|shared|joint)?\s*(?P<kind>vote|voting|dispos\w*|investment)", words, re.I
    ):
        if m.group("mod"):
            mod = Power.SOLE if m.group("mod").lower() == "sole" else Power.SHARED
        if m.group("kind").lower().startswith("vot"):
            voting = mod
        else:
            investment = mod
    return voting, investment


def _recent(book: NameBook, ments: list[Mention], pos: int, word: str) -> list[str]:
    """The party named last before ``pos`` whose name has ``word`` ("the trust")."""
    for m in sorted((m for m in ments if m.end <= pos), key=lambda m: -m.start):
        if len(m.keys) == 1 and re.search(rf"\b{word}\b", book.names.get(m.keys[0], ""), re.I):
            return [m.keys[0]]
    return []


def _held_before(text: str, ments: list[Mention], pos: int) -> list[str]:
    """The holder the last "held by X" before ``pos`` names."""
    found: list[str] = []
    for h in HELD_BY.finditer(text, 0, pos):
        m = next((m for m in ments if m.start == h.end()), None)
        if m is not None and len(m.keys) == 1:
            found = [m.keys[0]]
    return found


def power_statements(
    text: str, book: NameBook, row_holder: str | None = None
) -> list[FootnoteLink]:
    """(subject, holder, voting, investment) for every holder a power sentence names.

    >>> b = NameBook(issuer_key="i"); b.add_party("r", "Keith Rabois", person=True)
    >>> b.add_alias("Reporting Person", ("r",))
    >>> [(b.names[x.controlled], x.voting, x.investment) for x in power_statements(
    ...     "The Reporting Person has shared voting and investment power over the shares held"
    ...     " by each of Alpha Fund, LP and Beta Fund, LP.", b)]
    [('Alpha Fund, LP', <Power.SHARED: 'shared'>, <Power.SHARED: 'shared'>), \
('Beta Fund, LP', <Power.SHARED: 'shared'>, <Power.SHARED: 'shared'>)]
    """
    ments = book.mentions(text)
    out: list[FootnoteLink] = []
    for a, b in _sentences(text):
        for pm in _POWER.finditer(text, a, b):
            subj = _subjects(text, ments, a, pm.start())
            obj = _OBJECT.match(text, pm.end())
            if not subj or not obj:
                continue
            voting, investment = _powers(pm.group("powers"), text[pm.start() : pm.start("powers")])
            rest_a = obj.start("rest")
            held = HELD_BY.search(text, rest_a, obj.end())
            holders: list[str] = []
            if held and held.start() - rest_a < 80:
                pos = held.end()
                each = re.match(r"each\s+of\s+(?:the\s+)?", text[pos:], re.I)
                pos += each.end() if each else 0
                for m in sorted((m for m in ments if pos <= m.start < b), key=lambda m: m.start):
                    if holders and not re.fullmatch(
                        r"\s*(?:,\s*(?:and\s+)?|and\s+|or\s+)(?:the\s+)?", text[pos : m.start], re.I
                    ):
                        break
                    if not holders and text[pos : m.start].strip(" ,"):
                        break
                    holders += [k for k in m.keys if k not in holders]
                    pos = m.end
                if not holders:  # "held by the trust": the party of that kind named before
                    kind = re.match(
                        r"(trust|partnership|fund|llc|lp|corporation)\b", text[held.end() : b], re.I
                    )
                    if kind:
                        holders = _recent(book, ments, pm.start(), kind.group(1))
            elif not obj.group("rest").strip() or re.match(
                r"\s*(?:reported|described|listed)", obj.group("rest")
            ):  # "over the shares": the holder the footnote named before
                holders = _held_before(text, ments, pm.start()) or (
                    [row_holder] if row_holder else []
                )
            for s in _coordinated(text, subj):
                for c in s.keys:
                    for d in holders:
                        if c != d and d != book.issuer_key:
                            out.append(
                                FootnoteLink(
                                    c,
                                    d,
                                    " ".join(text[a:b].split()),
                                    (a, b),
                                    voting,
                                    investment,
                                )
                            )
    return out


def footnote_rules(
    footnotes: dict[str, tuple[str, etree._Element]],
    book: NameBook,
    owner_keys: list[str],
    link_acc: dict[tuple[str, str, Role, EdgeKind], dict[str, Any]],
    add_link: Callable[..., None],
    pv: Callable[..., Provenance],
) -> None:
    """Apply the rules of this module after the grammar has read every footnote: director
    links; powers onto the link the pair already has, else (for a reporting owner's own
    statement) a stated-power link -- unless a chain of stated links already leads from
    the owner to the holder (no link skips an intermediate the text names)."""
    for fid, (t, el) in footnotes.items():
        for fl in director_links(t, book):
            if not any(k[:2] == (fl.controller, fl.controlled) for k in link_acc):
                add_link(
                    fl.controller,
                    fl.controlled,
                    Role.DIRECTOR,
                    None,
                    False,
                    pv(el, span=fl.span, phrase=fl.phrase, note=f"{fid}: role stated as director"),
                )
            elif not any(
                k[:2] == (fl.controller, fl.controlled) and k[2] is Role.DIRECTOR for k in link_acc
            ):
                add_link(
                    fl.controller,
                    fl.controlled,
                    Role.DIRECTOR,
                    None,
                    False,
                    pv(el, span=fl.span, phrase=fl.phrase, note=f"{fid}: role stated as director"),
                )
    for fid, (t, el) in footnotes.items():
        for fl, role in role_phrases(t, book):
            if not any(
                k[:2] == (fl.controller, fl.controlled) and k[2] is not Role.OTHER for k in link_acc
            ):
                add_link(
                    fl.controller,
                    fl.controlled,
                    role,
                    None,
                    False,
                    pv(el, span=fl.span, phrase=fl.phrase, note=f"{fid}: role stated"),
                )
    for fid, (t, el) in footnotes.items():
        for fl, role in by_virtue_links(t, book, owner_keys):
            if not any(k[:2] == (fl.controller, fl.controlled) and k[2] is role for k in link_acc):
                add_link(
                    fl.controller,
                    fl.controlled,
                    role,
                    None,
                    False,
                    pv(el, span=fl.span, phrase=fl.phrase, note=f"{fid}: role stated by virtue of"),
                )
    for fid, (t, el) in footnotes.items():
        for fl in power_statements(t, book):
            pair = [k for k in link_acc if k[:2] == (fl.controller, fl.controlled)]
            prov = pv(el, span=fl.span, phrase=fl.phrase, note=f"{fid}: powers stated")
            weak = all(_weak(link_acc[k], k) for k in pair)
            if pair and weak and fl.controller in owner_keys:
                add_link(
                    fl.controller,
                    fl.controlled,
                    Role.STATED_POWER,
                    fl.voting if fl.voting == fl.investment else None,
                    False,
                    prov,
                    voting=fl.voting,
                    investment=fl.investment,
                )
            if pair:
                for k in pair:
                    acc = link_acc[k]
                    if acc["voting"] is None and acc["investment"] is None:
                        add_link(
                            k[0],
                            k[1],
                            k[2],
                            None,
                            acc["indirect"],
                            prov,
                            kind=k[3],
                            voting=fl.voting,
                            investment=fl.investment,
                        )
                continue
            if fl.controller not in owner_keys or _reaches(link_acc, fl.controller, fl.controlled):
                continue
            add_link(
                fl.controller,
                fl.controlled,
                Role.STATED_POWER,
                fl.voting if fl.voting == fl.investment else None,
                False,
                prov,
                voting=fl.voting,
                investment=fl.investment,
            )

    beneficial_owner_links(owner_keys, link_acc, add_link)


_BY_VIRTUE = re.compile(
    r"\bBy\s+virtue\s+of\s+(?:(?:being|his|her|its|their)\s+)?(?:(?:position|status|role)\s+as\s+)?"
    r"(?:a|an|the|one\s+of\s+the)?\s*(?P<role>(?:sole\s+|co-)?(?:managing\s+member|general\s+partner"
    r"|member|manager|trustee|director|officer)s?)\s+of\s+(?:the\s+)?",
    re.I,
)
_ROLE_OF = {
    "managing member": Role.MANAGING_MEMBER,
    "sole managing member": Role.MANAGING_MEMBER,
    "co-managing member": Role.MANAGING_MEMBER,
    "general partner": Role.GENERAL_PARTNER,
    "sole member": Role.SOLE_MEMBER,
    "member": Role.MEMBER,
    "manager": Role.MANAGING_MEMBER,
    "trustee": Role.TRUSTEE,
    "director": Role.DIRECTOR,
    "officer": Role.OFFICER,
}


def by_virtue_links(
    text: str, book: NameBook, reporting: list[str] = ()
) -> list[tuple[FootnoteLink, Role]]:
    """ "By virtue of being a managing member of Y, the reporting person may be deemed ...":
    the subject after the comma -> Y in that role.

    >>> b = NameBook(issuer_key="i"); b.add_party("h", "Reid Hoffman", person=True)
    >>> b.add_alias("reporting person", ("h",)); b.add_party("g", "Greylock 15 GP LLC")
    >>> [(x.controller, x.controlled, r.value) for x, r in by_virtue_links(
    ...     "By virtue of being a managing member of Greylock 15 GP LLC, the reporting person"
    ...     " may be deemed a beneficial owner of the securities.", b)]
    [('h', 'g', 'managing_member')]
    """
    out: list[tuple[FootnoteLink, Role]] = []
    ments = sorted(book.mentions(text), key=lambda m: m.start)
    for bv in _BY_VIRTUE.finditer(text):
        obj = next((m for m in ments if m.start == bv.end()), None)
        if obj is None or len(obj.keys) != 1:
            continue
        subj = next((m for m in ments if m.start > obj.end), None)
        rp = re.match(r",\s*(?:the\s+)?reporting\s+person\b", text[obj.end :], re.I)
        if rp and len(reporting) == 1:  # "the reporting person" in lower case
            subj = Mention(obj.end + rp.start(), obj.end + rp.end(), tuple(reporting), rp.group(0))
        elif subj is None or not re.fullmatch(r",\s*(?:the\s+)?", text[obj.end : subj.start], re.I):
            continue
        words = re.sub(r"s$", "", " ".join(bv.group("role").lower().split()))
        role = _ROLE_OF.get(words, Role.OTHER)
        end = text.find(".", subj.end)
        span = (bv.start(), end if end > 0 else len(text))
        for c in subj.keys:
            if c != obj.keys[0]:
                out.append((FootnoteLink(c, obj.keys[0], text[span[0] : span[1]], span), role))
    return out


_APPOSITION = re.compile(
    r",\s+(?:the|a|an|its)\s+[^,;()]{0,60}?\bof\s+(?:the\s+|each\s+of\s+)?", re.I
)


def _title_role(words: str) -> Role:
    """The role a title between a person and an entity states."""
    w = words.lower()
    if "committee" in w or re.search(r"\bmembers?\b", w) and "managing" not in w:
        return Role.MEMBER
    if "managing member" in w or re.search(r"\bmanagers?\b", w):
        return Role.MANAGING_MEMBER
    if "director" in w:
        return Role.DIRECTOR
    if re.search(r"president|chairman|officer|chief", w):
        return Role.OFFICER
    return Role.OTHER


def unskip(text: str, span: tuple[int, int], controller: str, controlled: str, book: NameBook):
    """A link the grammar read past a named intermediate: "X is the Chairman of the Investment
    Committee of Y, the General Partner of Z" states X -> Y (its title) and Y -> Z, not
    X -> Z. Returns ``(title role, Y)`` when the words skip Y, else ``None``.

    >>> b = NameBook(issuer_key="i"); b.add_party("x", "Peter Thiel", person=True)
    >>> b.add_party("y", "Mithril GP LLC"); b.add_party("z", "Mithril LP")
    >>> t = ("Peter Thiel is the Chairman of the Investment Committee of Mithril GP LLC, the"
    ...      " General Partner of Mithril LP.")
    >>> unskip(t, (0, len(t)), "x", "z", b)
    (<Role.MEMBER: 'member'>, 'y')
    """
    a, b = span
    seg = text[a:b]
    ments = book.mentions(seg, discover=False)
    cm = next((m for m in ments if controller in m.keys), None)
    dm = next((m for m in reversed(ments) if controlled in m.keys), None)
    if cm is None or dm is None or dm.start <= cm.end:
        return None
    between = [
        m
        for m in ments
        if cm.end <= m.start
        and m.end <= dm.start
        and len(m.keys) == 1
        and not {controller, controlled} & set(m.keys)
    ]
    if not between:
        return None
    e = between[-1]
    if not _APPOSITION.fullmatch(seg[e.end : dm.start]):
        return None
    return _title_role(seg[cm.end : e.start]), e.keys[0]


def link_indirect_rows(
    owner: str,
    row_holders: list[tuple[int, str, DirectOrIndirect, etree._Element, Provenance]],
    link_acc: dict[tuple[str, str, Role, EdgeKind], dict[str, Any]],
    add_link: Callable[..., None],
    pv: Callable[..., Provenance],
    persons: frozenset[str] | set[str] = frozenset(),
) -> None:
    """An indirect row held by an intermediary that no stated link ties to the (lone)
    reporting owner: the form itself states that the owner reports it as his indirect
    holding (Section 16), so the owner is linked (role not stated) to the top of the
    intermediary's stated chain -- to the intermediary itself when nobody is stated above
    it; never past a named intermediate (the GP of the fund, not the fund). A person at
    the top (his wife as trustee) is not what the owner holds through: the owner is then
    linked to the intermediary."""
    owner_keys = [owner]
    below: dict[str, set[str]] = {}
    above: dict[str, set[str]] = {}
    for c_, d_, _r, _k in link_acc:
        below.setdefault(c_, set()).add(d_)
        above.setdefault(d_, set()).add(c_)
    seen_below = reach_from(below, owner_keys[0])
    for index_, hk, doi, row, hprov in row_holders:
        if doi is not DirectOrIndirect.INDIRECT or hk in owner_keys or hk in seen_below:
            continue
        ups = reach_from(above, hk)
        tops = sorted(u for u in ups if not above.get(u) and u != owner_keys[0]) or [hk]
        if any(u in persons for u in tops):
            tops = [hk]
        for top in tops:
            add_link(
                owner_keys[0],
                top,
                Role.OTHER,
                None,
                True,
                pv(
                    row,
                    phrase=hprov.phrase,
                    note=f"row {index_}: reported as an indirect holding",
                ),
                details="indirect holding (Section 16); the role is not stated",
            )
        seen_below |= reach_from(below, owner_keys[0]) | {hk, *tops}


#: "Ajay Royan ("Royan")": a defined term that is the name's last word
_ROLE_WORDS = (
    r"(?:sole\s+|co-)?(?:managing\s+members?|general\s+partners?|members?|managers?|trustees?"
    r"|directors?|officers?)"
)
#: "X is one of the managing members of Y"
_ONE_OF = re.compile(
    rf"\b(?:is|are)\s+one\s+of\s+the\s+(?P<role>{_ROLE_WORDS})\s+of\s+(?:the\s+)?", re.I
)
#: "Y, of which the Reporting Person is the Manager"
_IN_TURN = re.compile(
    r",\s+which,?\s+in\s+turn,?\s+(?:wholly\s+)?(?:owns|controls)\s+(?:the\s+)?", re.I
)
_OF_WHICH = re.compile(
    rf",(?:\s+(?:a|an)\s+[\w\s\-]{{0,40}}?)?\s+of\s+which\s+(?P<subj>[^,.;]{{2,60}}?)\s+(?:is|are)\s+"
    rf"(?:the|a|an)\s+(?P<role>{_ROLE_WORDS})\b",
    re.I,
)


#: "Voting and disposition decisions at Y ... are made by an investment committee that
#: includes the Reporting Person"
_DECISIONS_AT = re.compile(r"\bdecisions?\s+(?:at|of|for|by)\s+(?:the\s+)?", re.I)
_COMMITTEE_INCLUDES = re.compile(
    r"\b(?:are|is)\s+made\s+by\s+(?:an?|the|its)\s+(?:investment\s+)?committee\s+"
    r"(?:that|which)\s+(?:includes|is\s+comprised\s+of|consists\s+of)\s+(?:the\s+)?",
    re.I,
)


def _role_from(words: str) -> Role:
    w = re.sub(r"s$", "", " ".join(words.lower().split()))
    return _ROLE_OF.get(w, _ROLE_OF.get(w.replace("sole ", "").replace("co-", ""), Role.OTHER))


def role_phrases(text: str, book: NameBook) -> list[tuple[FootnoteLink, Role]]:
    """ "X is one of the managing members of Y"; "Y, of which the Reporting Person is the
    Manager" (a Manager of an LLC is its managing member, convention 3).

    >>> b = NameBook(issuer_key="i"); b.add_party("t", "Peter Thiel", person=True)
    >>> b.add_alias("Reporting Person", ("t",))
    >>> [(x.controller, b.names[x.controlled], r.value) for x, r in role_phrases(
    ...     "These shares are held of record by Thiel Capital LLC, of which the Reporting"
    ...     " Person is the Manager.", b)]
    [('t', 'Thiel Capital LLC', 'managing_member')]
    """
    ments = sorted(book.mentions(text), key=lambda m: m.start)
    out: list[tuple[FootnoteLink, Role]] = []
    for a, b in _sentences(text):
        for m in _ONE_OF.finditer(text, a, b):
            obj = next((x for x in ments if x.start == m.end()), None)
            subj = _subjects(text, ments, a, m.start())
            if obj and subj and len(obj.keys) == 1:
                for c in subj[-1].keys:
                    fl = FootnoteLink(c, obj.keys[0], " ".join(text[a:b].split()), (a, b))
                    out.append((fl, _role_from(m.group("role"))))
        for m in _COMMITTEE_INCLUDES.finditer(text, a, b):  # a committee member: member
            at = _DECISIONS_AT.search(text, a, m.start())
            ent = next((x for x in ments if at and x.start == at.end()), None)
            who = [x for x in ments if x.start == m.end()]
            if ent and who and len(ent.keys) == 1:
                for c in who[0].keys:
                    if c != ent.keys[0]:
                        fl = FootnoteLink(c, ent.keys[0], " ".join(text[a:b].split()), (a, b))
                        out.append((fl, Role.MEMBER))
        for m in _IN_TURN.finditer(text, a, b):  # "Mithril LP, which, in turn, owns Mithril"
            owner = next((x for x in reversed(ments) if x.end == m.start()), None)
            owned = next((x for x in ments if x.start == m.end()), None)
            if owner and owned and len(owner.keys) == 1 and len(owned.keys) == 1:
                fl = FootnoteLink(owner.keys[0], owned.keys[0], " ".join(text[a:b].split()), (a, b))
                out.append((fl, Role.PARENT))
        for m in _OF_WHICH.finditer(text, a, b):
            obj = next((x for x in reversed(ments) if x.end == m.start()), None)
            subj = [x for x in ments if m.start("subj") <= x.start and x.end <= m.end("subj")]
            if obj and subj and len(obj.keys) == 1:
                for c in subj[-1].keys:
                    fl = FootnoteLink(c, obj.keys[0], " ".join(text[a:b].split()), (a, b))
                    out.append((fl, _role_from(m.group("role"))))
    return out


def grammar_links(
    footnotes: dict[str, tuple[str, etree._Element]],
    book: NameBook,
    add_link: Callable[..., None],
    pv: Callable[..., Provenance],
    relatives: dict[str, str] | None = None,
) -> None:
    """The links the shared grammar reads in each footnote (made readable first: an
    enumerated chain split, unquoted terms taken out), with three corrections: "an indirect
    non-managing member" is a member; a link read past an appositive intermediate is split
    (:func:`unskip`); a controller named only in a possessive ("the Reporting Person's
    wife serves as trustee") is that relative, not the person (:func:`possessive_relative`;
    its key and words go into ``relatives``). A sole parent by shares ("wholly owned") also
    owns 100 %."""
    from ownergraph.graph.model import Share
    from ownergraph.loaders.form345_parties import appositive_person, possessive_relative
    from ownergraph.loaders.form345_text import (
        bare_terms,
        collective_terms,
        resolve_anaphora,
        resolve_its,
        split_enumeration,
    )
    from ownergraph.loaders.sec_grammar import extract_links

    for fid, (t0, el) in footnotes.items():
        # "S is (i) the GP of A ...; (ii) the GP of B ..."; "each of A, LP (GGF) and B"
        t = collective_terms(t0, book)
        t = resolve_its(resolve_anaphora(t, book), book)  # "..., its general partner"
        t = bare_terms(split_enumeration(t, book), book)
        for sl in extract_links(t, book):
            prov = pv(
                el,
                span=sl.span if t is t0 or t == t0 else None,
                phrase=sl.phrase,
                note=f"{fid}: role stated as {sl.role_text!r}",
            )
            if sl.role is Role.MANAGING_MEMBER and re.search(r"non-managing", sl.phrase, re.I):
                sl = dataclasses.replace(sl, role=Role.MEMBER)  # "indirect non-managing member"
            rel = possessive_relative(t, sl.span, sl.controller, book, sl.role_text)
            named = appositive_person(t, sl.span, rel) if rel is not None else None
            if named is not None:  # "Erik Olsen, the reporting person's brother, is ..."
                key = book.key_for_text_name(named)
                book.persons.add(key)
                sl = dataclasses.replace(sl, controller=key)
            elif rel is not None:  # "the Reporting Person's wife serves as trustee"
                key = book.key_for_text_name(rel)
                if relatives is not None:
                    relatives[key] = rel
                sl = dataclasses.replace(sl, controller=key)
            skipped = unskip(t, sl.span, sl.controller, sl.controlled, book)
            if skipped:  # "X is the Chairman of ... of Y, the General Partner of Z"
                add_link(sl.controller, skipped[1], skipped[0], None, False, prov)
                sl = dataclasses.replace(sl, controller=skipped[1])
            add_link(
                sl.controller,
                sl.controlled,
                sl.role,
                sl.power,
                sl.indirect,
                prov,
                voting=getattr(sl, "voting", None),
                investment=getattr(sl, "investment", None),
            )
            if (
                sl.role is Role.PARENT
                and not sl.indirect
                and sl.power is Power.SOLE
                and re.search(r"share|stock", sl.role_text, re.I)
            ):
                add_link(
                    sl.controller,
                    sl.controlled,
                    Role.SHAREHOLDER,
                    None,
                    False,
                    prov,
                    kind=EdgeKind.OWNS,
                    share=Share.exact(100.0),
                )
