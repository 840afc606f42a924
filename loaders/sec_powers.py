"""Stated powers over another party's shares: "X has sole voting and investment power over
the shares held by Y", "X may be deemed to beneficially own the shares held by Y", "X
shares with Y the power to vote" (``Role.STATED_POWER``).
"""

from __future__ import annotations

import re

from ownergraph.graph.vocab import Power, Role
from ownergraph.loaders.sec_lexicon import _fold
from ownergraph.loaders.sec_roles import (
    _CLAUSE_OPENING,
    _REPORTING_PERSON,
    StatedLink,
    _mention_list,
    _reporting_person,
    _subject_list,
)
from ownergraph.loaders.sec_terms import Mention, NameBook

# ------------------------------------------------------------------ stated powers

#: A kind of power: "voting", "voting and investment", "voting, investment and dispositive",
#: "voting and/or investment", "voting power and dispositive".
_WHAT = (
    r"(?P<what>(?:voting|investment|dispositive)(?:(?:\s+power)?(?:\s*,\s*(?:and\s+|or\s+)?"
    r"|\s+(?:and/or|and|or)\s+)(?:voting|investment|dispositive))*)"
)
#: The shares another party holds: "(all of) the (1,000) shares of the Issuer that are held
#: of record by", "the securities beneficially owned by".
_HELD_BY = (
    r"(?:\((?:[ivx]{1,4}|[a-h]|\d{1,2})\)\s+)?"  # an enumeration mark: "(i) 100 shares"
    r"(?:all\s+(?:of\s+)?)?(?:the\s+)?(?:[\d,]+\s+)?(?:shares|securities|common\s+stock|units)"
    r"[\w\s]{0,60}?\s+(?:(?:directly|indirectly|beneficially)\s+)?(?:held|owned)\s+"
    r"(?:(?:of\s+record|directly|indirectly|beneficially)\s+)*by\s+(?:each\s+of\s+)?(?:the\s+)?"
)
_POWER_RE = re.compile(
    # "X has sole voting and investment power over the shares held by Y", "X shares voting
    # power over ...", "X may be deemed to have shared dispositive power with respect to ..."
    r"(?:(?<!to\s)\b(?:has|have|had|holds?|exercises?|possess(?:es)?)|\b(?P<sv>shares|shared)"
    r"|\bdeemed\s+to\s+(?:have|exercise|possess|(?P<sv2>share)))\s+(?:the\s+)?"
    rf"(?:(?P<p>sole|shared)\s+)?{_WHAT}\s+(?:power|authority|control)\s+"
    rf"(?:over|with\s+respect\s+to|of)\s+{_HELD_BY}"
    # "X may be deemed to (indirectly) beneficially own / to be the beneficial owner of the
    # shares held by Y"
    r"|\bmay\s+be\s+deemed\s+(?:to\s+(?:(?:directly|indirectly)\s+)?beneficially\s+own|"
    rf"(?:to\s+be\s+)?the\s+beneficial\s+owners?\s+of)\s+{_HELD_BY}"
    # "X has shared power to vote and dispose of the shares held by Y", "X may be deemed to
    # share the power to vote or to direct the vote of the shares held by Y"
    r"|(?:(?<!to\s)\b(?:has|have|had|holds?|exercises?|possess(?:es)?)|\b(?P<sv3>shares|shared)"
    r"|\bdeemed\s+to\s+(?:have|exercise|possess|(?P<sv4>share)))\s+(?:the\s+)?"
    r"(?:(?P<p2>sole|shared)\s+)?(?:power|authority)\s+(?P<acts>to\s+(?:vote|dispose|direct)"
    rf"[^.;:()]{{0,160}}?)\s+{_HELD_BY}",
    re.I,
)

#: A further enumerated object of the same power: "... held by Y and (ii) 200 shares held by".
_MORE_HELD = re.compile(
    rf"\s*,?\s*(?:and\s+)?(?=\((?:[ivx]{{1,4}}|[a-h]|\d{{1,2}})\)\s){_HELD_BY}", re.I
)


#: A holder the filing calls "the Decedent" (a person who has died).
_DECEDENT = re.compile(r"(?:the\s+)?Decedent", re.I)

_SHARES_WITH = re.compile(r"\bshares?\s+with\s+(?:each\s+of\s+)?(?:the\s+)?", re.I)


#: A power that a contract gives: "As a result of the Voting Agreement".
_BY_AGREEMENT = re.compile(
    r"\b(?:voting|support|tender|lock-?up|stockholders?['’]?|shareholders?['’]?)\s+agreements?\b",
    re.I,
)
#: The subject's own shares: "the 1,477,570 shares of Common Stock beneficially owned by him".
_OWN_SHARES = re.compile(r"\bowned\s+by\s+(?:him|her|it|them)\b|\b(?:his|her|its)\s+own\b", re.I)


#: A power attributed by membership in a 13(d) group, not by control over the holder.
_GROUP_MEMBER = re.compile(r"\bmembers?\s+of\s+(?:a|the)\s+(?:\S+\s+)?group\b", re.I)


def _power_links(
    text: str, a: int, b: int, ments: list[Mention], book: NameBook
) -> list[StatedLink]:
    """ "X has sole voting and investment power over the shares held by Y" and "X may be
    deemed to beneficially own the shares held by Y": a ``STATED_POWER`` link X -> Y with
    the powers the words give (none for "may be deemed")."""
    clause = _fold(text[a:b])
    if "power" not in clause and "deemed" not in clause and "shares with" not in clause:
        return []
    out: list[StatedLink] = []
    phrase = " ".join(text[a:b].split())
    for sw in _SHARES_WITH.finditer(text, a, b):
        if _BY_AGREEMENT.search(text, a, b) or _OWN_SHARES.search(text, sw.end(), b):
            # "As a result of the Voting Agreement, the Reporting Person may be deemed to share
            # with Aegis the power to vote ... the shares beneficially owned by him": a
            # contract over one's own shares, no control of the other party
            continue
        objs = _mention_list(ments, sw.end(), text)
        subj = [m for m in ments if a <= m.start and m.end <= sw.start()]
        if not objs or not subj:
            continue
        tail = text[objs[-1].end : b]
        voting = Power.SHARED if re.match(r"[^.;]{0,30}?power\s+to\s+vote", tail, re.I) else None
        investment = Power.SHARED if re.search(r"power\s+to\s+dispose", tail[:200], re.I) else None
        if voting is None and investment is None:
            continue
        for c in subj[-1].keys:
            for d in (k for m in objs for k in m.keys):
                if c != d and book.issuer_key not in (c, d):
                    out.append(
                        StatedLink(
                            c,
                            d,
                            Role.STATED_POWER,
                            None,
                            False,
                            "shares with",
                            phrase,
                            (a, b),
                            voting=voting,
                            investment=investment,
                        )
                    )
    for pm in _POWER_RE.finditer(text, a, b):
        objs = _mention_list(ments, pm.end(), text)
        if not objs:
            continue
        while more := _MORE_HELD.match(text, objs[-1].end, b):
            further = _mention_list(ments, more.end(), text)
            if not further:
                break
            objs = objs + further
        # "the shares owned by the Decedent": a person who has died holds nothing, his estate
        # does (sec_stated_holdings reads the holder so); no power over "the Decedent" himself
        objs = [m for m in objs if not _DECEDENT.fullmatch(m.surface.strip())]
        if not objs:
            continue
        if _GROUP_MEMBER.search(text, a, pm.start()):
            continue  # "as a member of a group with X, it is deemed to ...": no control
        subj = [m for m in ments if a <= m.start and m.end <= pm.start()]
        if subj:
            controllers = _subject_list(subj, text)
        elif _REPORTING_PERSON.search(text, a, pm.start()):
            controllers = _reporting_person(book)
        else:
            continue
        p = pm.group("p") or pm.group("p2")
        power = None if p is None else (Power.SOLE if p.lower() == "sole" else Power.SHARED)
        sv = pm.group("sv") or pm.group("sv2") or pm.group("sv3") or pm.group("sv4")
        if power is None and sv and (pm.group("what") or pm.group("acts")):
            power = Power.SHARED  # "X shares voting power over": the verb says shared
        what = (pm.group("what") or "").lower()
        if acts := (pm.group("acts") or "").lower():
            # "the power to vote or to direct the vote and to dispose of": the verbs say which
            what = ("voting " if "vote" in acts or "voting" in acts else "") + (
                "dispositive" if "dispos" in acts else ""
            )
        voting = power if "voting" in what else None
        investment = power if ("investment" in what or "dispositive" in what) else None
        for c in controllers:
            for d in (k for m in objs for k in m.keys):
                if c == d or book.issuer_key in (c, d):
                    continue
                out.append(
                    StatedLink(
                        c,
                        d,
                        Role.STATED_POWER,
                        power if voting is not None and investment is not None else None,
                        False,
                        " ".join(pm.group(0).split()),
                        phrase,
                        (a, b),
                        voting=voting,
                        investment=investment,
                    )
                )
    return out


#: A power its subject holds, stated without the shares' holder: "X may be deemed to share
#: voting and dispositive power over the Shares", "X has shared voting power".
_SUBJECT_POWER = re.compile(
    r"(?:\b(?:has|have|had|possess(?:es)?)|\b(?P<sv>shares)|\bdeemed\s+to\s+(?:have|possess"
    r"|(?P<sv2>share)))\s+(?:the\s+)?(?:(?P<p>sole|shared)\s+)?"
    rf"{_WHAT}\s+(?:power|authority)\b",
    re.I,
)


_AND_POWER = re.compile(
    r"\s*,?\s*and\s+(?P<p>sole|shared)\s+(?P<what>voting|investment|dispositive)\s+power\b", re.I
)


def subject_powers(
    text: str, book: NameBook, clause_spans: list[tuple[int, int]]
) -> dict[str, tuple[Power | None, Power | None]]:
    """The powers each named subject is stated to hold over the shares, where the sentence
    names no holder ("X may be deemed to share voting and dispositive power over the
    Shares"): ``{party key: (voting, investment)}``; a subject stated with two different
    powers, a clause with both "sole" and "shared", and a power neither sole nor shared
    give nothing. The caller puts them on the subject's structural links that state none.
    """
    out: dict[str, tuple[Power | None, Power | None]] = {}
    clash: set[str] = set()
    ments = book.mentions(text)
    for a, b in clause_spans:
        clause = text[a:b]
        low = _fold(clause)
        if "power" not in low or " held by" in low:
            continue
        if _GROUP_MEMBER.search(clause) or _BY_AGREEMENT.search(clause):
            continue
        if "sole" in low and "shared" in low:
            for k, got in _split_powers(text, a, b, ments, book).items():
                if out.get(k, got) != got:
                    clash.add(k)
                out[k] = got
            continue
        for pm in _SUBJECT_POWER.finditer(text, a, b):
            p = pm.group("p")
            if p is not None:
                power = Power.SOLE if p.lower() == "sole" else Power.SHARED
            elif pm.group("sv") or pm.group("sv2"):
                power = Power.SHARED
            else:
                continue
            subj = [m for m in ments if a <= m.start and m.end <= pm.start()]
            if not subj or not _CLAUSE_OPENING.fullmatch(text, a, subj[0].start):
                continue
            what = pm.group("what").lower()
            more = _AND_POWER.match(text, pm.end(), b)
            if more and more.group("p").lower() == (p or "shared").lower():
                what += " " + more.group("what").lower()  # "shared voting power and shared
                # dispositive power"
            got = (
                power if "voting" in what else None,
                power if ("investment" in what or "dispositive" in what) else None,
            )
            for k in _subject_list(subj, text):
                if k == book.issuer_key:
                    continue
                if out.get(k, got) != got:
                    clash.add(k)
                out[k] = got
    return {k: v for k, v in out.items() if k not in clash}


#: One power of a list: "sole voting and dispositive power", "shared voting power".
_ONE_POWER = re.compile(rf"\b(?P<p>sole|shared)\s+{_WHAT}\s+(?:power|authority)\b", re.I)


def _split_powers(
    text: str, a: int, b: int, ments: list[Mention], book: NameBook
) -> dict[str, tuple[Power | None, Power | None]]:
    """A subject stated to hold one power both sole and shared in one clause: "X has sole
    voting and dispositive power over 1,000 Shares and shared voting and dispositive power
    over 5,000 Shares". One power cannot be sole and shared over the same shares: the clause
    splits the shares, and the shares X holds through the parties it controls are the ones
    it shares (its own are the sole ones), so its power over them is the shared one. A
    clause that states each kind once ("sole voting and shared dispositive power") or
    names several subjects gives nothing here.

    >>> book = NameBook()
    >>> book.add_party("js", "John Smith", person=True)
    >>> t = ("John Smith has sole voting and dispositive power over 100 Shares and shared "
    ...      "voting and dispositive power over 5,000 Shares.")
    >>> _split_powers(t, 0, len(t), book.mentions(t), book)
    {'js': (<Power.SHARED: 'shared'>, <Power.SHARED: 'shared'>)}
    """
    pm = _SUBJECT_POWER.search(text, a, b)
    if pm is None or pm.group("p") is None:
        return {}
    subj = [m for m in ments if a <= m.start and m.end <= pm.start()]
    if not subj or not _CLAUSE_OPENING.fullmatch(text, a, subj[0].start):
        return {}
    keys = _subject_list(subj, text)
    if len(keys) != 1 or book.issuer_key in keys:
        return {}
    voting: set[str] = set()
    investment: set[str] = set()
    for om in _ONE_POWER.finditer(text, pm.start(), b):
        what = om.group("what").lower()
        if "voting" in what:
            voting.add(om.group("p").lower())
        if "investment" in what or "dispositive" in what:
            investment.add(om.group("p").lower())
    if len(voting) < 2 and len(investment) < 2:
        return {}  # each kind stated once: no split of the shares

    def one(stated: set[str]) -> Power | None:
        if "shared" in stated:
            return Power.SHARED
        return Power.SOLE if stated else None

    return {keys[0]: (one(voting), one(investment))}
