"""Control links stated in SEC filing prose (13D/G comments and Items, Form 3/4/5 footnotes).

A link is extracted only where a phrase states it; the phrase is kept as evidence. The
extractor knows the parties of the document (reporting persons or owners, the issuer),
learns defined terms ("(the "Fund")", "("SLTA IV GP")") and finds other parties named
only in the text by their legal-form suffix ("BlueArc Core Alternatives, LLC",
"SLTA V (GP), L.L.C") or as trusts ("Mark Garrett 2011 Irrevocable Trust FBO ...").

Phrase shapes read (each with a role from :class:`graph.vocab.Role`):

- apposition / predicate: "X, ..., the managing member of Y", "X is the sole shareholder
  of Y, which is the sole shareholder of Z and the sole indirect owner of W";
- inverse: "The general partner of Y is X", "whose sole general partner is X";
- relative: "Y ... for which X serves as the general partner", "held by T, of which the
  Reporting Person is a trustee";
- possessive: "the Funds' investment adviser";
- plural subjects and objects: "A and B serve as Managing Partners of Y",
  "the managing member of P, Q and R"; "the indirect owner of shares held by Y".

Power: ``SHARED`` when the role says "co-" ("co-managing partner", "Co-CEO"), ``SOLE``
for "sole ..." ("sole member", "sole shareholder"), else ``None`` (not stated).
Roles: general partner, managing member, sole member, member, investment manager,
investment adviser, managing partner (→ MANAGING_MEMBER), managing director / chief
executive officer / president (→ OFFICER), trustee, shareholder and (indirect) owner
(→ PARENT). "director" is not read: a director of the issuer does not control a holder.

The parts live in their own modules: the parties, their mentions and defined terms in
:mod:`loaders.sec_terms`, the role words and name lists in :mod:`loaders.sec_roles`, the
inverse phrases in :mod:`loaders.sec_inverse`, stated powers in :mod:`loaders.sec_powers`,
active verbs in :mod:`loaders.sec_verbs`, holdings stated in prose in
:mod:`loaders.sec_stated_holdings`; this module splits the text into clauses and reads the
role phrases (:func:`extract_links`).
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from ownergraph.graph.vocab import Power, Role
from ownergraph.loaders.sec_clauses import clauses, merge_cut_mentions  # noqa: F401 (tests import clauses here)
from ownergraph.loaders.sec_committees import committee_links
from ownergraph.loaders.sec_definite import resolve_role_of_role
from ownergraph.loaders.sec_inverse import _inverse_links
from ownergraph.loaders.sec_labelled import labelled_role_lists
from ownergraph.loaders.sec_lexicon import _LIST_SEP, _fold
from ownergraph.loaders.sec_powers import _power_links
from ownergraph.loaders.sec_roles import (
    _CLAUSE_OPENING,
    _REPORTING_PERSON,
    _ROLE_JOIN,
    _ROLE_NEEDLES,
    _ROLE_RE,
    _ROLE_WORDS,
    StatedLink,
    _clause_powers,
    _except_subject,
    _joint_powers,
    _mention_list,
    _named_after,
    _power,
    _reporting_person,
    _role_word,
    _subject_list,
)
from ownergraph.loaders.sec_stakes import owned_percent_by
from ownergraph.loaders.sec_subjects import (
    _AND_X_IS_ITS,
    _ANY_OF_THE,
    _APPOS_BARE,
    _APPOS_HEAD,
    _APPOSED,
    _APPOSITIVE,
    _AS_ROLE,
    _AS_THE,
    _ENUM_BEFORE,
    _ENUM_MARK,
    _HOLDERS_AFTER,
    _HOLDERS_IN_PARENS,
    _IS_DESCRIBED,
    _IS_ITS,
    _IS_POSSESSOR,
    _IS_THE,
    _ITS_OPENS,
    _NEGATED,
    _NEITHER,
    _OBJECT_BEFORE,
    _PLURAL_PREDICATE,
    _PLURAL_TERM_BEFORE,
    _REL_CLOSED,
    _ROLE_OF_ROLE,
    _TERM_AND,
    _THROUGH_CONTROL_OF,
    _VERB_AFTER,
    _VERB_OBJECT_GAP,
    _antecedent,
    _by_x_its,
    _coordinated_apposed,
    _occupation_of,
    _trusts_before,
)
from ownergraph.loaders.sec_sublists import subsidiary_lists
from ownergraph.loaders.sec_terms import Mention, NameBook

_OF = re.compile(
    # "the investment manager and general partner, respectively, of Y"
    r"^(?:\s*,\s*respectively\s*,)?"
    # "the general partner (the "General Partner") of Y": the role's defined term
    r"(?:\s*\((?:the\s+|its\s+)?[\"“][^\"”()]{1,40}[\"”]\))?"
    # "the predominant owners, directly or through trusts, of Y"
    r"(?:\s*,\s*(?:directly|indirectly)(?:\s+or\s+(?:indirectly|through\s+[a-z\s]{1,30}?))?\s*,)?"
    # "sole shareholder, director and employee of MJG Associates"
    r"\s+(?:and\s+(?:the\s+|a\s+|an\s+)?(?:manager|director|officer|president|employee)\s+)?"
    r"(?:of|to|for),?\s+(?:each\s+of\s+|both\s+)?(?:the\s+)?"  # "of, and investment manager to, Y"
    # "the investment advisor of, and exercises investment discretion over, Y"
    r"(?:(?<=,\s)and\s+(?!(?:the\s+|an?\s+)?(?:sole\s+|co-?)?(?:general|managing|investment|sole"
    r"|trustee|member|manager|director|officer))[^,;()]{1,60}?,\s+(?:the\s+)?)?"
    r"(?:(?:shares|securities|units)[\w\s]*?\s+held\s+by\s+(?:the\s+)?)?"
    # "the predominant owners of Class B shares of common stock of Y"
    r"(?:(?:(?:Class|Series)\s+[A-C]\s+)?(?:voting\s+)?(?:common\s+)?(?:shares|stock)"
    r"(?:\s+of\s+(?:voting\s+)?common\s+stock)?\s+of\s+(?:the\s+)?)?"
    # "the investment adviser to three registered investment companies, A, B and C": a
    # counted description before the list
    r"(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|several|the\s+following"
    r"|certain|various|a\s+number\s+of)"
    r"\s+(?:[a-z\-]+\s+){0,4}(?:funds|companies|partnerships|entities|accounts|vehicles"
    r"|trusts|investors|clients)(?:\s+(?:or|and)\s+(?:[a-z\-]+\s+){0,2}(?:funds|partnerships"
    r"|entities|accounts|vehicles))?"
    r"(?:\s*[,:(]\s*(?:(?:namely|including|such\s+as),?\s+)?|\s+(?:namely|including|such\s+as),?\s+)"
    r"(?:(?:but\s+not\s+limited\s+to|among\s+others),?\s+)?(?:the\s+)?)?"
)
_COORD = re.compile(
    r"^[\s,]*(?:and\s+)?(?:is\s+|are\s+|as\s+)?(?:the\s+|its\s+|a\s+|an\s+)?$", re.I
)
_RELATIVE = re.compile(
    r"(?:,\s*)?\b(?:for|of|over)\s+which\b|\bwhose\b"
    # "X, which (in turn) is the general partner of Y", "which, in turn, serves as"
    r"|,\s*which(?:,?\s+in\s+turn,?)?\s+(?:is|are)\b|\bwhich(?:,?\s+in\s+turn,?)?\s+serves?\b",
    re.I,
)


#: Before a role whose holders are listed after it: "the three general partners of Y,
#: Messrs. A, B and C", "the following persons who are managing members of Y, with respect
#: to ...: A, B and C" (a relative "who are" after the head noun).
_HOLDERS_OPENING = re.compile(
    r"\bthe\s+(?:\w+\s+){0,3}(?:(?:who|that)\s+(?:are|is)\s+(?:(?:also|each)\s+)?(?:the\s+)?)?$",
    re.I,
)


#: An office (not a control role of its own): director, officer, chairman, president, chief.
_OFFICE = re.compile(r"director|officer|chairman|president|chief|secretary|treasurer", re.I)


#: A clause in capitals: no small letter, some capitals (a run of words).
_CAPITALS = re.compile(r"[^a-z]*[A-Z]{2,}[^a-z]*[A-Z]{2,}[^a-z]*", re.S)
#: A small letter: a clause holding one is not in capitals (a cheap test before
#: :data:`_CAPITALS`, whose nested runs backtrack over the whole clause when it fails).
_SMALL = re.compile(r"[a-z]")
#: A verb after a clause's first name: the name is the subject the next sentences speak of.
_TOPIC_VERB = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,?\s*(?:is|are|was|were|serves?|acts?|has|have)\b", re.I
)


def extract_links(text: str, book: NameBook) -> list[StatedLink]:
    """Control links stated in ``text`` (see the module docstring for the shapes read, and
    :mod:`loaders.sec_verbs` for the active verbs)."""
    from ownergraph.loaders.sec_verbs import verb_links  # it builds on this module

    out: list[StatedLink] = []
    all_mentions = book.mentions(text)
    starts = [m.start for m in all_mentions]
    known = len(book.names)
    topic: tuple[str, ...] = ()  # the subject of the sentences so far
    lowered: str | None = None  # the text in small letters, once a clause is in capitals
    prev_a = 0
    pending: list = []  # "the sole member of the general partner of Y" (sec_definite)
    for a, b in merge_cut_mentions(clauses(text), all_mentions):
        if len(book.names) != known:
            # a clause named new parties ("X provides advisory services for A Fund and B
            # Fund"): the next clauses know them ("A Fund is sub-advised by Y")
            known = len(book.names)
            all_mentions = book.mentions(text)
            starts = [m.start for m in all_mentions]
        # the mentions within [a, b) (sorted, not overlapping: a contiguous run)
        lo = bisect.bisect_left(starts, a)
        hi = bisect.bisect_left(starts, b)
        ments = [m for m in all_mentions[lo:hi] if m.end <= b]
        if not ments:
            continue
        if re.search(r"\n[ \t]*\n", text[prev_a:a]):
            topic = ()  # a new paragraph
        # a clause in capitals ("ALDER GP LLC IS THE GENERAL PARTNER OF ALDER FUND LP") is
        # read in small letters: the phrase patterns are written so (the names are found
        # above, in the text as printed, at the same places)
        read = text
        if _SMALL.search(text, a, b) is None and _CAPITALS.fullmatch(text, a, b):
            if lowered is None:
                lowered = text.lower()
            if len(lowered) == len(text):
                read = lowered
        out.extend(_clause_links(read, a, b, ments, book, topic, pending))
        prev_a = a
        if _CLAUSE_OPENING.fullmatch(text, a, ments[0].start) and _TOPIC_VERB.match(
            text, ments[0].end
        ):
            topic = ments[0].keys
        out.extend(_inverse_links(read, a, b, ments, book))
        out.extend(_power_links(read, a, b, ments, book))
        out.extend(verb_links(read, a, b, ments, book))
        out.extend(owned_percent_by(read, a, b, ments, book))
        out.extend(committee_links(read, a, b, ments, book))
    every = book.mentions(text)
    out.extend(subsidiary_lists(text, every, book))
    out.extend(labelled_role_lists(text, every, book))
    out.extend(resolve_role_of_role(pending, out))
    return without_skips(out)


def reachable(down: dict[str, set[str]], c: str, d: str) -> bool:
    """True when ``d`` is reached from ``c`` following ``down`` (controller -> controlled).

    >>> reachable({"a": {"b"}, "b": {"c"}}, "a", "c"), reachable({"a": {"b"}}, "b", "a")
    (True, False)
    """
    seen, todo = {c}, [c]
    while todo:
        for n in down.get(todo.pop(), ()):
            if n == d:
                return True
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return False


def without_skips(links: list[StatedLink]) -> list[StatedLink]:
    """Drop each ``STATED_POWER`` link that another statement already explains: the same
    pair linked by a role, or a chain of stated links from its controller to its
    controlled party ("X may be deemed to own the shares held by the Fund" when X is the
    managing member of the Fund's general partner: no link skips that intermediate)."""
    others: dict[str, set[str]] = {}
    for sl in links:
        if sl.role is not Role.STATED_POWER:
            others.setdefault(sl.controller, set()).add(sl.controlled)

    def reaches(c: str, d: str) -> bool:
        return reachable(others, c, d)

    powers: dict[tuple[str, str], tuple[Power | None, Power | None]] = {}
    for sl in links:
        if sl.role is Role.STATED_POWER and (sl.voting or sl.investment):
            v, i = powers.get((sl.controller, sl.controlled), (None, None))
            powers[(sl.controller, sl.controlled)] = (v or sl.voting, i or sl.investment)
    hops = power_hops(others, powers)
    out = []
    for sl in links:
        if sl.role is Role.STATED_POWER and reaches(sl.controller, sl.controlled):
            continue
        v, i = powers.get((sl.controller, sl.controlled), (None, None))
        if sl.role is not Role.STATED_POWER and (v or i):
            sl = dataclasses.replace(sl, voting=sl.voting or v, investment=sl.investment or i)
        else:
            sl = with_hop_powers(sl, hops)
        out.append(sl)
    return out


def with_hop_powers(
    sl: StatedLink, hops: dict[tuple[str, str], tuple[Power | None, Power | None]]
) -> StatedLink:
    """``sl`` with the powers of its hop (:func:`power_hops`) when it is a structural role
    whose words state none; else ``sl`` unchanged."""
    key = (sl.controller, sl.controlled)
    if sl.role.structural and sl.voting is None and sl.investment is None and key in hops:
        v, i = hops[key]
        return dataclasses.replace(sl, voting=v, investment=i)
    return sl


def power_hops(
    down: dict[str, set[str]], powers: dict[tuple[str, str], tuple[Power | None, Power | None]]
) -> dict[tuple[str, str], tuple[Power | None, Power | None]]:
    """The powers of stated powers that a chain of stated links explains, put on the chain's
    first link: "X is the managing member of GP, the general partner of the Fund" and "X
    may be deemed to share voting and dispositive power over the shares held by the Fund":
    X holds that power through GP (X -> GP: shared, shared). Two different powers over the
    same first link give nothing.

    >>> S = Power.SHARED
    >>> power_hops({"x": {"gp"}, "gp": {"f"}}, {("x", "f"): (S, S)})
    {('x', 'gp'): (<Power.SHARED: 'shared'>, <Power.SHARED: 'shared'>)}
    >>> power_hops({"x": {"f"}}, {("x", "f"): (S, S)})
    {}
    """
    out: dict[tuple[str, str], tuple[Power | None, Power | None]] = {}
    clash: set[tuple[str, str]] = set()
    for (c, d), got in powers.items():
        if d in down.get(c, ()):
            continue  # the same pair carries it
        for z in down.get(c, ()):
            if z != c and reachable(down, z, d):
                if out.get((c, z), got) != got:
                    clash.add((c, z))
                out[(c, z)] = got
    return {k: v for k, v in out.items() if k not in clash}


def _clause_links(
    text: str,
    a: int,
    b: int,
    ments: list[Mention],
    book: NameBook,
    topic: tuple[str, ...] = (),
    pending: list | None = None,
) -> list[StatedLink]:
    """The role phrases of the clause ``text[a:b]``; ``topic`` is the subject of the
    sentences before it ("Y is a Delaware limited partnership. Its general partner is X");
    a role held in a role of Y ("the sole member of the general partner of Y") goes to
    ``pending`` (:mod:`loaders.sec_definite` names it when the text does)."""
    links: list[StatedLink] = []
    clause = _fold(text[a:b])
    if not any(w in clause for w in _ROLE_NEEDLES):
        return links  # no role word: _ROLE_RE finds nothing, no link
    phrase = " ".join(text[a:b].split())
    prev_controllers: tuple[str, ...] = ()
    # the antecedent of the relative clause the previous role was read in ("X, of which A
    # is the managing member, is the general partner of Y": X is the next role's subject)
    prev_rel_ante: tuple[str, ...] = ()
    prev_object: tuple[str, ...] = ()
    prev_end = a
    # a role word inside a name is the name ("the General Partner, as general partner to
    # the Funds": the defined term is the subject, not a role)
    roles = [
        rm
        for rm in _ROLE_RE.finditer(text, a, b)
        if not any(m.start <= rm.start("role") and rm.end() <= m.end for m in ments)
    ]
    pending_roles: list[re.Match[str]] = []
    for i, rm in enumerate(roles):
        # "Co-CEO and Managing Member of SLG": the first role waits for the second's object
        nxt = roles[i + 1] if i + 1 < len(roles) else None
        if nxt is not None and _ROLE_JOIN.match(text[rm.end() : nxt.start()]):
            pending_roles.append(rm)
            continue
        group = [*pending_roles, rm]
        pending_roles = []
        first, last = group[0], group[-1]
        controlled: tuple[str, ...] = ()
        controllers: tuple[str, ...] = ()
        rel_read = False
        after = text[last.end() : b]
        # --- object after "of": "the general partner of Y", "owner of shares held by Y"
        om = _OF.match(after)
        obj_end = last.end()
        if om:
            start = last.end() + om.end()
            objs = _mention_list(ments, start, text, objects=True)
            if re.fullmatch(r"[\s*\"“(]*(?:and\s+)?the\s+", text[a : first.start()], re.I):
                # "The general partner of X and Y is Z": the list runs to the verb
                longer = _mention_list(ments, start, text, objects=True, to_verb=True)
                if len(longer) > len(objs) and re.match(
                    r"\s*(?:is|are)\b", text[longer[-1].end : b]
                ):
                    objs = longer
            if len(objs) > 1 and _ENUM_MARK.search(text, a, first.start()):
                # "(a) X, ... and the general partner of Y ("X1"), (b) ..., and Z": after a
                # defined term, ", and Z" is the enumeration's last item, not an object
                for i in range(1, len(objs)):
                    if _TERM_AND.fullmatch(text, objs[i - 1].end, objs[i].start):
                        objs = objs[:i]
                        break
            if objs:
                controlled = tuple(k for m in objs for k in m.keys)
                obj_end = objs[-1].end
        # --- inverse: "The general partner of Y is X" / "whose general partner is X"
        tail = text[obj_end:b]
        # "The managing members of Y are: A, B and C"
        inv = re.match(
            r"^[\s\".”)]*(?:\.\s*)?(?:is|are)(?P<follows>\s+as\s+follows)?(?:\s*:)?\s+(?:the\s+)?",
            tail,
        )
        if inv and inv.group("follows") and _OFFICE.search(first.group("role")):
            # "The executive officers of Y are as follows:" opens a list of officers and
            # directors (convention 8), not a control role ("The managing members of Y are
            # as follows: A and B")
            inv = None
        before_role = text[a : first.start()]
        starts_clause = re.search(
            r"(?:^|[\s,;(])(?:the|its|whose)\s*$", before_role, re.I
        ) and not [
            m for m in ments if prev_end <= m.start < first.start() and m.end <= first.start()
        ]
        if controlled and inv and starts_clause:
            subj = _mention_list(ments, obj_end + inv.end(), text)
            if subj:
                controllers = tuple(k for m in subj for k in m.keys)
                obj_end = subj[-1].end
        elif re.search(r"\bwhose\s+(?:\w+\s+){0,2}$", before_role, re.I) and not controlled:
            iv = re.match(r"^\s*(?:is|are)\s+(?:the\s+)?", after)
            if iv:
                subj = _mention_list(ments, last.end() + iv.end(), text)
                longer = _mention_list(ments, last.end() + iv.end(), text, to_verb=True)
                if len(longer) > len(subj) and re.match(
                    r"\s*,\s*(?:is|are)\b", text[longer[-1].end : b]
                ):
                    # "Y, whose managing members are A and B, is ...": the clause's comma
                    # ends the list, not the main verb after it
                    subj = longer
                rel_ante = _antecedent(text, a, first.start(), ments)
                if re.search(r"\band\s+whose\s+(?:\w+\s+){0,2}$", before_role, re.I):
                    # "Y, whose general partner is X and whose sole limited partner is A":
                    # the second "whose" stands for the first one's antecedent (not X)
                    rel_ante = prev_rel_ante
                if subj and rel_ante:
                    controllers = tuple(k for m in subj for k in m.keys)
                    controlled = rel_ante
                    rel_read = True
                    obj_end = subj[-1].end
        if controlled and not controllers and (pa := _HOLDERS_IN_PARENS.match(text, obj_end, b)):
            # "the trustees of the Plan (currently A, B and C)": the holders are named there,
            # whatever the clause's subject ("Each participant is entitled to instruct")
            named = _mention_list(ments, pa.end(), text)
            if named and _HOLDERS_OPENING.search(text, a, first.start()):
                controllers = tuple(k for m in named for k in m.keys)
                obj_end = named[-1].end
        if not controllers and not controlled and (bx := _by_x_its(text, a, first.start(), ments)):
            # "Y, by X, its investment manager", "Y, acting through X, its general partner"
            controllers, controlled = bx
        if not controllers:
            # possessive object: "the Funds' investment adviser"
            if not controlled:
                pm = [
                    m
                    for m in ments
                    if m.end <= first.start()
                    and re.fullmatch(r"['’]s?\s+(?:\w+\s+){0,1}", text[m.end : first.start()])
                ]
                if pm:
                    controlled = pm[-1].keys
                    # "Y's general partner is X"
                    iv = re.match(r"[\s,]*(?:is|are|was|were|has\s+been)\s+(?:the\s+)?", after)
                    named = _mention_list(ments, last.end() + iv.end(), text) if iv else []
                    if named:
                        controllers = tuple(k for m in named for k in m.keys)
                        obj_end = named[-1].end
                    elif named := _named_after(ments, last.end(), text):
                        # "Y's general partner, X, ...": the apposition names it
                        controllers = tuple(k for m in named for k in m.keys)
                        obj_end = named[-1].end
                    elif (
                        before := [m for m in ments if a <= m.start and m.end <= pm[-1].start]
                    ) and _IS_POSSESSOR.fullmatch(text, before[-1].end, pm[-1].start):
                        # "..., and X is the Fund's investment adviser": the subject of
                        # the verb right before the possessive
                        k = len(before) - 1
                        while k > 0 and _LIST_SEP.match(text[before[k - 1].end : before[k].start]):
                            k -= 1
                        controllers = _subject_list(before[k:], text)
                elif (
                    its := re.search(r"\b(?:its|their)\s+(?:\w+\s+)?$", text[a : first.start()])
                ) and (named := _named_after(ments, last.end(), text)):
                    # "Y's power is exercised by its general partner, X": "its" is the name
                    # before it
                    ante = [m for m in ments if a <= m.start and m.end <= a + its.start()]
                    # the name and "its" in one verb phrase ("Y's power is exercised by
                    # its"); after a comma "its" may be a later subject's ("..., and acting
                    # through its general partner, X, Z has")
                    if ante and re.fullmatch(
                        # "Y (the "Partnership") is managed by its": the name's defined term
                        r"['’]?(?:\s*\([^()]{1,60}\))?[^,;()]{0,60}",
                        text[ante[-1].end : a + its.start()],
                    ):
                        controlled = ante[-1].keys
                        controllers = tuple(k for m in named for k in m.keys)
                        obj_end = named[-1].end
                elif topic and _ITS_OPENS.fullmatch(text, a, first.start()):
                    # "Y is a Delaware limited partnership. Its general partner is X."
                    iv = re.match(r"[\s,]*(?:is|are)\s+(?:the\s+)?", after)
                    named = _mention_list(ments, last.end() + iv.end(), text) if iv else []
                    if named and not set(topic) & {k for m in named for k in m.keys}:
                        controlled = topic
                        controllers = tuple(k for m in named for k in m.keys)
                        obj_end = named[-1].end
                elif (
                    topic
                    and not re.match(r"\s*(?:of|to|for)\b", after)
                    and (sub := [m for m in ments if a <= m.start and m.end <= first.start()])
                    and _CLAUSE_OPENING.fullmatch(text, a, sub[0].start)
                    and _IS_ITS.fullmatch(text, sub[-1].end, first.start())
                    and not set(topic) & {k for m in sub for k in m.keys}
                ):
                    # "Y is a Delaware limited partnership. X is its general partner."
                    controlled, controllers = topic, _subject_list(sub, text)
                elif _AND_X_IS_ITS.search(text, a, first.start()):
                    # "Delta GP LLC is the general partner of Delta Fund and Delta Advisers
                    # LLC is its investment adviser": "its" is the object of the clause before
                    xi = _AND_X_IS_ITS.search(text, a, first.start())
                    sub = [m for m in ments if m.start >= xi.start() and m.end <= first.start()]
                    ante = [m for m in ments if a <= m.start and m.end <= xi.start()]
                    if (
                        len(sub) == 1
                        and len(ante) >= 2
                        and _IS_ITS.fullmatch(text, sub[0].end, first.start())
                    ):
                        controlled, controllers = ante[-1].keys, sub[0].keys
                    elif (
                        len(sub) == 1
                        and len(ante) == 1
                        and _IS_ITS.fullmatch(text, sub[0].end, first.start())
                        and _CLAUSE_OPENING.fullmatch(text, a, ante[0].start)
                        and _IS_DESCRIBED.match(text, ante[0].end)
                    ):
                        # "Y is a manager-managed limited liability company and X is its
                        # sole member": "its" is the clause's described subject
                        controlled, controllers = ante[0].keys, sub[0].keys
            # relative clause: "Y, for which X serves as the general partner"
            rel = None
            for r in _RELATIVE.finditer(text, a, first.start()):
                rel = r
            if not controlled and rel is not None:
                ante = _antecedent(text, a, rel.start(), ments)
                pl = [m for m in ments if a <= m.start and m.end <= rel.start()]
                if pl and _PLURAL_PREDICATE.fullmatch(text, pl[-1].end, rel.start()):
                    # "A LP and B LP are private investment funds for which X serves as
                    # investment manager": the relative pronoun stands for the subject list
                    k = len(pl) - 1
                    while k > 0 and _LIST_SEP.match(text[pl[k - 1].end : pl[k].start]):
                        k -= 1
                    ante = tuple(dict.fromkeys(x for m in pl[k:] for x in m.keys))
                if pl and re.match(r"(?:co-?\s*)?trustee", first.group("role"), re.I):
                    # "owned by the A Trust and the B Trust, of which X is trustee", "owned
                    # by the A Trust and 450 shares owned by the B Trust, of which ...": the
                    # relative pronoun stands for every trust of the list before it
                    ante = _trusts_before(pl, text, book) or ante
                tm = _PLURAL_TERM_BEFORE.search(text, a, rel.start())
                if tm and len(book.aliases.get(tm.group("t"), ())) > 1:
                    # "the A Trust and the B Trust (the "Trusts"), of which X serves as
                    # co-trustee": the relative pronoun stands for the group the term names
                    ante = book.aliases[tm.group("t")]
                if ante:
                    controlled = ante
                    rel_read = True
                    subj = [m for m in ments if max(rel.end(), prev_end) <= m.start < first.start()]
                    near = [m for m in subj if _IS_THE.match(text[m.end : first.start()])]
                    if near and near[-1] is not subj[0]:
                        # "Y, of which A is a limited partner and X is the general partner":
                        # the role's subject is the one right before its verb
                        k = subj.index(near[-1])
                        while k > 0 and _LIST_SEP.match(text[subj[k - 1].end : subj[k].start]):
                            k -= 1
                        subj = subj[k:]
                    if subj:
                        controllers = _subject_list(subj, text)
                    elif _REPORTING_PERSON.search(text, rel.end(), first.start()):
                        controllers = _reporting_person(book)
            elif (
                controlled
                and rel is not None
                and rel.start() >= prev_end
                and not any(rel.end() <= r.start() < first.start() for r in roles)
            ):
                # "Fertitta Entertainment, Inc., which is the sole shareholder of Y" (not "Y1,
                # which serves as manager of the Trust, and Chief Executive Officer of Y2":
                # the relative clause holds a role of its own)
                ante = _antecedent(text, a, rel.start(), ments)
                if ante:
                    controllers = ante
            if not controllers and controlled:
                if prev_object and _APPOSITIVE.match(text[prev_end : first.start()]):
                    # "X, the general partner of Y, the general partner of Z": Y controls Z
                    controllers = prev_object
                elif prev_rel_ante and _REL_CLOSED.fullmatch(text, prev_end, first.start()):
                    # "X, of which A is the managing member, is the general partner of Y"
                    controllers = prev_rel_ante
                elif (
                    prev_object
                    and _APPOS_BARE.fullmatch(text, prev_end, first.start())
                    and (om := [m for m in ments if m.end == prev_end and m.keys == prev_object])
                    and _THROUGH_CONTROL_OF.search(text, a, om[-1].start)
                ):
                    # "X, through its control of Y, investment adviser to the Funds, ...": the
                    # bare role after the controlled party is its own, in apposition (not a
                    # second role of X's as in "X is the GP of Y, investment adviser to Z")
                    controllers = prev_object
                elif (
                    prev_controllers
                    and prev_end <= first.start()  # not a role inside the last one's object
                    and _COORD.match(text[prev_end : first.start()])
                ):
                    controllers = prev_controllers
                elif prev_end > a and (
                    nxt_subj := _coordinated_apposed(text, prev_end, first.start(), ments)
                ):
                    # "X, the general partner of Y, and Jane Roe, the managing member of X":
                    # a second subject, with its own role in apposition
                    controllers = nxt_subj
                elif (
                    _AS_ROLE.search(text, a, first.start())
                    and (late := _named_after(ments, obj_end, text))
                    and _VERB_AFTER.match(text, late[-1].end)
                ):
                    # "in its capacity as the general partner of Y, X has the power":
                    # the subject comes after the role
                    controllers = tuple(k for m in late for k in m.keys)
                else:
                    subj = [m for m in ments if a <= m.start and m.end <= first.start()]
                    near = [m for m in subj if _IS_THE.match(text[m.end : first.start()])]
                    if (
                        subj
                        and _ENUM_BEFORE.search(text, max(a, subj[-1].start - 12), subj[-1].start)
                        and _APPOSITIVE.match(text[subj[-1].end : first.start()])
                    ):
                        # "... are (a) X LP, a Delaware limited partnership and the general
                        # partner of Y": an enumerated name with its role in apposition
                        controllers = subj[-1].keys
                    elif near and near[-1] is not subj[0]:
                        # "AMH is the GP of L and Adam Hutt is the President of AMH"
                        k = subj.index(near[-1])
                        while (
                            k > 0
                            and subj[k - 1].start >= prev_end
                            and _LIST_SEP.match(text[subj[k - 1].end : subj[k].start])
                        ):
                            k -= 1
                        if _OBJECT_BEFORE.search(
                            text[max(a, subj[k].start - 20) : subj[k].start]
                        ):  # that list is an object: "GP of A and B, and L is the GP of"
                            k = subj.index(near[-1])
                        if (
                            k > 0
                            and subj[k] is near[-1]
                            and _APPOSED.fullmatch(text[subj[k - 1].end : subj[k].start])
                            and re.match(r"\s*(?:\([^()]*\)\s*)?,", text[subj[k].end :])
                        ):  # "X, a wholly owned subsidiary of Y, is the GP of Z": X is
                            k -= 1
                        controllers = _subject_list(subj[k:], text)
                    elif (
                        len(subj) > 1
                        and _APPOS_HEAD.fullmatch(text, subj[-1].end, first.start())
                        and _VERB_OBJECT_GAP.fullmatch(text, subj[-2].end, subj[-1].start)
                    ):
                        # "Mr. Gold controls Gold GP LLC, the general partner of Y", "the
                        # shares held by X, the investment manager of Y": the role is in
                        # apposition to the verb's object
                        controllers = subj[-1].keys
                    elif subj and _CLAUSE_OPENING.fullmatch(text[a : subj[0].start]):
                        controllers = _subject_list(subj, text)
                    elif _AS_THE.search(text, a, first.start()) and (
                        verbs := [m for m in subj if _VERB_AFTER.match(text, m.end)]
                    ):
                        # "shares which Mr. Rose may be deemed to own ... as the sole member
                        # of Y": the subject of the verb is the one the role belongs to
                        k = subj.index(verbs[-1])
                        while k > 0 and _LIST_SEP.match(text[subj[k - 1].end : subj[k].start]):
                            k -= 1
                        controllers = _subject_list(subj[k:], text)
                    elif occ := _occupation_of(text, a, first.start(), subj):
                        # "The principal occupation of John Smith is serving as President of Y"
                        controllers = occ
                    elif _REPORTING_PERSON.search(text, a, first.start()):
                        controllers = _reporting_person(book)
                    elif not subj:
                        # "(c) Chief Executive Officer of Y", "X's present principal
                        # occupation is serving as (i) Chief Executive Officer of Y"
                        from ownergraph.loaders.sec_occupation import occupation_holder
                        from ownergraph.loaders.sec_pronouns import pronoun_subject

                        controllers = pronoun_subject(
                            text, a, first.start(), book
                        ) or occupation_holder(text, a, first.start(), ments, book)
        if controlled and not controllers:
            # "the three individual general partners of CMMC, Messrs. A ("A"), B and C"
            ap = _HOLDERS_AFTER.match(text, obj_end, b)
            named = _mention_list(ments, ap.end(), text) if ap and ap.group(0).strip(" ") else []
            if named and _HOLDERS_OPENING.search(text, a, first.start()):
                controllers = tuple(k for m in named for k in m.keys)
                obj_end = named[-1].end
        if not controllers or not controlled:
            # the object still heads an appositive chain ("..., the general partner of Y, the
            # general partner of Z": Y is the next subject)
            objs_here = [m for m in ments if m.end == obj_end]
            if controlled and objs_here and obj_end > last.end():
                prev_object, prev_controllers = objs_here[-1].keys, ()
                prev_end = obj_end
            continue
        if i > len(group) - 1 and _ROLE_OF_ROLE.fullmatch(
            text, roles[i - len(group)].end(), first.start()
        ):
            # "John Smith is the sole member of the general partner of Y": the role is held by
            # an intermediary this phrase does not name, not by the clause subject
            inner = _ROLE_WORDS.get(_role_word(last.group("role")))
            if pending is not None and inner is not None and len(group) == 1:
                pending.append(
                    (controllers, roles[i - len(group)], inner, controlled, phrase, (a, b))
                )
            prev_controllers, prev_object, prev_end = (), (), max(obj_end, last.end())
            continue
        if _ANY_OF_THE.search(text, max(a, first.start() - 40), first.start()) and not any(
            k in controlled for k in controllers
        ):
            # "the Shares owned by each of the directors and executive officers of the
            # Reporting Person": every holder of the role, none named (convention 8)
            prev_controllers, prev_object, prev_end = (), (), max(obj_end, last.end())
            continue
        if _NEGATED.search(text, max(a, first.start() - 40), first.start()) or _NEITHER.search(
            text, a, first.start()
        ):
            # "X is not the general partner of Y", "X, the former general partner of Y"
            prev_controllers, prev_object, prev_end = controllers, (), max(obj_end, last.end())
            continue
        if kept := _except_subject(text, a, first.start(), ments, controllers):
            # "The Principals (other than Mr. C) are managing members of Y": the group less C
            controllers = kept
        pairs = [(c, d) for c in controllers for d in controlled]
        if (
            len(controllers) > 1
            and len(controllers) == len(controlled)
            and re.match(r"^[\s,]*respectively\b", text[obj_end:b], re.I)
        ):  # "X and Y are the general partners of A and B, respectively"
            pairs = list(zip(controllers, controlled, strict=True))
        by_role = (
            len(group) > 1
            and len(controllers) == len(group)
            and re.match(r"\s*,\s*respectively\b", text[last.end() : b], re.I)
        )
        for gi, rmx in enumerate(group):
            if by_role:
                # "A and B are the investment manager and general partner, respectively,
                # of Y": the i-th subject holds the i-th role
                pairs = [(controllers[gi], d) for d in controlled]
            role_text = " ".join(rmx.group(0).split())
            word = _role_word(rmx.group("role"))
            role = _ROLE_WORDS.get(word)
            if role is None:
                continue
            mods = rmx.group("mods") or ""
            if word == "member" and "sole" in mods.lower():
                role = Role.SOLE_MEMBER
            if word in ("shareholder", "stockholder") and not re.search(
                r"sole|majority|principal|controlling",
                text[max(a, rmx.start() - 12) : rmx.end()],
                re.I,
            ):
                role = Role.SHAREHOLDER  # "a shareholder of X": a stake, no control stated
            power = _power(mods, role_text)
            indirect = "indirect" in mods.lower()
            voting, investment = _clause_powers(text[a:b]) if role.structural else (None, None)
            if role.structural and voting is None and investment is None and len(controllers) > 1:
                # "A, B and C are officers of Y and may be deemed to have voting and
                # dispositive power over the shares": several holders of one power share it
                voting, investment = _joint_powers(text[a:b])
            for c, d in pairs:
                if c == d or d == book.issuer_key or c == book.issuer_key:
                    continue
                links.append(
                    StatedLink(
                        c,
                        d,
                        role,
                        power,
                        indirect,
                        role_text,
                        phrase,
                        (a, b),
                        voting=voting,
                        investment=investment,
                    )
                )
        prev_controllers = controllers
        prev_rel_ante = controlled if rel_read else ()
        objs_here = [m for m in ments if m.end == obj_end]
        prev_object = objs_here[-1].keys if objs_here and obj_end > last.end() else ()
        prev_end = max(obj_end, last.end())
    return links
