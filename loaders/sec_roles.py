"""The role words of the relation grammar and the lists of names they take.

:class:`StatedLink` is what every grammar rule returns; ``_ROLE_RE`` finds the role words
(general partner, managing member, trustee, ...) and ``_ROLE_WORDS`` maps them to
:class:`graph.vocab.Role`; :func:`_mention_list` reads a list of names ("P, Q and R") and
:func:`_subject_list` a clause's subject list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ownergraph.graph.vocab import Power, Role
from ownergraph.loaders.sec_lexicon import _LIST_SEP
from ownergraph.loaders.sec_terms import Mention, NameBook

# ----------------------------------------------------------------------------- links

_ROLE_WORDS = {
    "general partner": Role.GENERAL_PARTNER,
    "managing member": Role.MANAGING_MEMBER,
    "managing partner": Role.MANAGING_MEMBER,
    "manager": Role.MANAGING_MEMBER,  # "Gray and Shackelton are the managers of CC and CCM"
    "sole member": Role.SOLE_MEMBER,
    "member": Role.MEMBER,
    "investment manager": Role.INVESTMENT_MANAGER,
    "investment adviser": Role.INVESTMENT_ADVISER,
    "investment advisor": Role.INVESTMENT_ADVISER,
    "managing director": Role.OFFICER,
    "director": Role.DIRECTOR,  # convention 3: a director of an intermediary, in prose
    "chief executive officer": Role.OFFICER,
    "officer": Role.OFFICER,
    "executor": Role.OTHER,
    "co-executor": Role.OTHER,
    "coexecutor": Role.OTHER,
    "co- executor": Role.OTHER,
    "executrix": Role.OTHER,
    "personal representative": Role.OTHER,
    "chairman": Role.DIRECTOR,
    "chairman of the board": Role.DIRECTOR,
    "executive chairman": Role.OFFICER,
    "executive officer": Role.OFFICER,
    "ceo": Role.OFFICER,
    "president": Role.OFFICER,
    "trustee": Role.TRUSTEE,
    "settlor": Role.SETTLOR,
    "grantor": Role.SETTLOR,  # "the grantor of the Trust"
    "limited partner": Role.SHAREHOLDER,  # a partnership interest (convention 3)
    "beneficiary": Role.BENEFICIARY,
    "beneficiarie": Role.BENEFICIARY,
    "investment committee member": Role.MEMBER,
    "member of the investment committee": Role.MEMBER,
    "controlling principal": Role.PARENT,
    "parent": Role.PARENT,
    "parent company": Role.PARENT,
    "parent holding company": Role.PARENT,
    "controlling person": Role.PARENT,
    "control person": Role.PARENT,  # "a control person of X" (convention 8)
    "sub-adviser": Role.INVESTMENT_ADVISER,
    "sub-advisor": Role.INVESTMENT_ADVISER,
    "subadviser": Role.INVESTMENT_ADVISER,
    "subadvisor": Role.INVESTMENT_ADVISER,
    "sub adviser": Role.INVESTMENT_ADVISER,
    "sub advisor": Role.INVESTMENT_ADVISER,
    "controlling stockholder": Role.PARENT,
    "control": Role.PARENT,  # "through their control of X"
    "controlling shareholder": Role.PARENT,
    "shareholder": Role.PARENT,
    "stockholder": Role.PARENT,
    "owner": Role.PARENT,
}
_ROLE_RE = re.compile(
    # every match starts at a word's first letter, one of these (a fast test at each place
    # of the scan: the branches below are tried only where it holds)
    r"\b(?=[sciodgmpbtel])"
    r"(?P<mods>(?:\b(?:sole|co|indirect|direct)\s*-?\s*)*)"
    r"\b(?P<role>general partner|managing member|managing partner|sole member"
    r"|members?\s+of\s+(?:the\s+)?investment\s+committee|investment\s+committee\s+member"
    r"|member|investment manager|investment advis[eo]r|managing director"
    # "the sub-adviser to Y" (an investment adviser, as "sub-advised by")
    r"|sub-?\s?advis[eo]r"
    # "a firm of which A and B are partners and directors.": the role may end the clause
    r"|(?<!managing\s)(?<!board\sof\s)(?<!Board\sof\s)director(?=s?(?:\s+(?:of\b|and\s)|\s*[,.;]))"
    r"|(?<!investment\s)(?<!portfolio\s)(?<!asset\s)(?<!fund\s)(?<!general\s)manager(?=s?(?:\s+(?:of\b|and\s)|\s*,))"
    r"|chief executive officer|ceo|president|trustee|settlor|beneficiar(?:y|ie)"
    # "the grantor of the Trust" (settlor), "the sole limited partner of Y" (a stake)
    # "of which A is the sole limited partner,", "whose sole limited partner is A": a
    # relative clause's role (no "of" after it)
    r"|grantor(?=s?\s+of\b)|limited\s+partner(?=s?(?:\s+of\b|\s*[,;)]|\s+(?:is|are)\b))"
    # "Chairman of FMR Corp." (director), "the Executive Chairman of AC" (officer): convention 14
    r"|(?:executive\s+)?chairman(?:\s+of\s+the\s+board)?(?=\s+(?:of\b|and\s)|\s*,)"
    # "as Co-Executor of the estate of the Decedent" (convention 14: other)
    r"|(?:co-?\s*)?(?:executor|executrix|personal\s+representative)(?=s?\s+of\b)"
    # "an officer and director of Micco", "shareholders and officers of SAC" (convention 3)
    r"|(?<!chief\s)(?<!Chief\s)(?:executive\s+)?officer(?=s?(?:\s+(?:of\b|and\s)|\s*,))"
    r"|controlling\s+(?:principal|person|stockholder|shareholder)|control\s+person(?=s?\s+of\b)"
    r"|(?:(?<=their\s)|(?<=its\s)|(?<=his\s)|(?<=her\s))control(?=\s+of\b)"
    r"|parent(?:\s+(?:holding\s+)?company)?(?=\s+of\b)"
    r"|shareholder|stockholder|owner)s?\b",
    re.I,
)
#: A plain word that every ``_ROLE_RE`` match holds (compared with :func:`_fold` of the text).
_ROLE_NEEDLES = (
    "general partner",
    "managing partner",
    "member",
    "manager",
    "investment manager",
    "investment advis",
    "advis",  # "sub-adviser"
    "director",
    "officer",
    "chairman",
    "executor",
    "executrix",
    "personal representative",
    "chief executive officer",
    "ceo",
    "president",
    "trustee",
    "settlor",
    "grantor",
    "limited partner",
    "beneficiar",
    "control",
    "parent",
    "shareholder",
    "stockholder",
    "owner",
)
#: Between two roles sharing one object: "Co-CEO and Managing Member of", "the general
#: partner of and investment adviser to".
_ROLE_JOIN = re.compile(
    r"^\s*(?:(?:of|to|for)\s*)?(?:(?:,\s*)?(?:and|or)\s+|,\s*)(?:a\s+|an\s+|the\s+|as\s+)?"
    # "the Chief Executive Officer, a director, and substantial shareholder of LICT"
    r"(?:(?:substantial|significant|principal)\s+)?$",
    re.I,
)


@dataclass(frozen=True)
class StatedLink:
    """A control link that a phrase states."""

    controller: str
    controlled: str
    role: Role
    power: Power | None
    indirect: bool
    role_text: str
    phrase: str
    span: tuple[int, int]
    #: sole/shared voting and investment power passed, where the words state them apart
    voting: Power | None = None
    investment: Power | None = None
    #: the stake in percent for an ownership percentage ("78% of Y is owned by X")
    share: float | None = None


def _power(mods: str, role_text: str) -> Power | None:
    s = f"{mods} {role_text}".lower()
    if re.search(r"\bco(?:\s*-\s*|\s+)\w", s):
        return Power.SHARED
    if "sole" in s:
        return Power.SOLE
    return None


_REPORTING_PERSON = re.compile(r"\b(?:the\s+)?Reporting\s+Person\b(?!s)", re.I)


def _reporting_person(book: NameBook) -> tuple[str, ...]:
    """ "the Reporting Person" names a party only when the document has exactly one."""
    rp = book.aliases.get("Reporting Person")
    return rp if rp and len(rp) == 1 else ()


#: After a name: a verb that makes it the subject of a new clause.
_STARTS_CLAUSE = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,?\s*(?:is|are|was|were|serves?|acts?|has|have|holds?|owns?)\b"
    # "..., and John A. Smith, as managing member of Y": a new subject with its role
    r"|\s*,\s*(?:in\s+(?:its|his|her)\s+capacity\s+)?as\s+(?:the\s+|a\s+|an\s+)?(?:sole\s+|co-?)?"
    r"(?:general|managing|investment|member|manager|trustee|president|director|officer|chief)\b"
    # "... of Y, and Jane Roe, the managing member of X": a new subject with its apposition
    # (or after a short description: "..., and Z LLC, a Delaware limited liability company
    # and the general partner of X")
    r"|\s*(?:\([^()]*\)\s*)?,\s*(?:an?\s+[^,;()]{1,60}?\s+(?:and|which\s+is)\s+)?(?:the|its|an?)\s+"
    r"(?:sole\s+|co-?)?(?:general\s+partner"
    r"|managing\s+(?:member|partner)|sole\s+member|investment\s+(?:manager|advis[eo]r)|trustee"
    # "..., and Z LLC, a Delaware limited liability company and a wholly owned subsidiary of X"
    r"|(?:(?:direct|indirect|wholly[\s-]*owned|majority[\s-]*owned)[\s,]+)*subsidiar(?:y|ie))s?"
    r"\s+(?:of|to|for)\b"
    # "... in Y, and Z LLC, its general partner, owns 1%": a new subject, its possessive
    # apposition, its verb
    r"|\s*(?:\([^()]*\)\s*)?,\s*(?:its|their)\s+(?:sole\s+|co-?)?(?:general\s+partner"
    r"|managing\s+(?:member|partner)|sole\s+member|investment\s+(?:manager|advis[eo]r)|trustee"
    r"|parent)s?\s*,\s*(?:is|are|serves?|acts?|has|have|holds?|owns?)\b",
    re.I,
)


#: What may come before a clause's subject: an enumeration mark, a short adverbial.
_CLAUSE_OPENING = re.compile(
    # a footnote's number before its first word: "1 X, together with Y, exercises ..."
    r"[\s*\"“(]*(?:(?:and\s+)?\(?[a-z0-9ivx]{1,4}[.)]\s*|\d{1,2}\s+)?"
    r"(?:[A-Z][\w ,\-]{0,40}?,\s*)?(?:By\s+virtue\s+of\s+)?"
    r"(?:(?:[Ee]ach\s+of|[Bb]oth|and|also|[Tt]he|[Ii]n\s+addition,?)\s+)*"
    r"(?:(?:Messrs|Mses|Drs)\.\s*)?",  # "Messrs. Orchard and Lane, the managing members"
)


_DEFINES = re.compile(r"\s*\((?:the\s+)?[\"“]")
#: A term that names the list before it: '(collectively, the "Funds")', '(the "Accounts")'.
_GROUP_TERM = re.compile(
    r"\s*\((?:collectively|together)\b|\s*\((?:the\s+)?[\"“][^\"”()]{0,40}\b(?:Funds|Partnerships"
    r"|Entities|Accounts|Trusts|Vehicles|Companies|Persons|Holders|Investors|Members|Managers"
    r"|Advis[eo]rs|Affiliates|Stockholders|Shareholders|Owners|Filers|Parties|Subsidiaries)[\"”]\)"
)


#: Between two objects of one role: "the managing member of X and of Y".
_AND_OF = re.compile(
    # "the controlling shareholder of MGH and indirectly of Teton Advisors"
    r"^\s*,?\s*and\s+(?:(?:indirectly|directly)\s+)?(?:of|to|for)\s+(?:each\s+of\s+)?(?:the\s+)?$"
)


#: The rest of a fund's name after a shorter name matched: a series ("II E", "III", "B").
_SERIES_TAIL = re.compile(r"(?:[ \t]+(?:[IVX]{1,4}|[A-Z]|\d{1,3})\b)+(?=\s*,)")


def _mention_list(
    ments: list[Mention], start: int, text: str, *, objects: bool = False, to_verb: bool = False
) -> list[Mention]:
    """Mentions forming a list from ``start``: "P, Q and R" (stops at a possessive).

    ``objects``: the list follows a role's "of" ("of X and of Y"); ``to_verb``: the list is a
    subject before its verb ("The general partner of X and Y is Z"), a verb after a name
    does not end it."""
    out: list[Mention] = []
    pos = start
    last_gap = ""
    for m in ments:
        if m.start < pos:
            if out or m.end <= pos or not re.fullmatch(r"[Tt]he\s+", text[m.start : pos]):
                continue
            # "a wholly owned subsidiary of The Vanguard Group, Inc.": the phrase took the
            # article of a name that begins with it
        gap = text[pos : m.start]
        if gap.startswith(".,"):
            gap = gap[1:]  # "Benjamin M. Belcher, Jr., Yvan Dupuy": an abbreviation's dot
        if out and re.fullmatch(r"\s*\(\s*(?:the\s+)?[\"“]", gap):
            continue  # 'A ("Mr. A"), B': a name inside the previous item's defined term
        if out and (tail := _SERIES_TAIL.match(gap)):
            # "Gabelli Associates Limited II E, Gabelli ...": the previous mention was only the
            # start of another fund's name (no item of this list), and the list goes on
            out.pop()
            gap = gap[tail.end() :]
            if not out:
                gap = ""
        if out and not _LIST_SEP.match(gap) and not (objects and _AND_OF.match(gap)):
            break
        # "wholly owned by Drs. Chang and Skeen": a plural title before the list
        if not out and not re.fullmatch(
            r"[\s(\"“]*(?:\((?:i|a|1)\)\s*)?(?:the\s+|(?:Messrs|Mses|Drs)\.\s*)?", gap
        ):
            break
        if re.match(r"['’]", text[m.end : m.end + 1]):
            break
        if out and not to_verb and _STARTS_CLAUSE.match(text, m.end):
            break  # "the general partner of L and Adam Hutt is the President of AMH"
        if (
            out
            and _DEFINES.match(text, m.end)
            and not _DEFINES.match(text, out[-1].end)
            and not _GROUP_TERM.match(text, m.end)
        ):
            break  # "... wholly owned by BCLP, and BCCLP Acquisition L.P. ("Acquisition"), a ..."
        out.append(m)
        last_gap = gap
        pos = m.end
    if (
        len(out) > 1
        and not re.search(r"\b(?:and|or)\b|as\s+well\s+as|&", last_gap)
        and not re.match(r"\s*(?:\([^()]*\)\s*)?,?\s*(?:and|or)\s", text[out[-1].end :])
    ):
        return out[:1]  # "the general partner of Y, X may be deemed": a list ends with "and"
    return out


#: An exclusion after a clause's subject: "The Principals (other than Mr. C)", "each of the
#: Members, except C,", "excluding C".
_EXCEPT = re.compile(
    r"\(?\s*,?\s*\b(?:other\s+than|except(?:\s+for)?|excluding|but\s+not)\s+"
    r"(?:(?:Messrs|Mses|Mr|Ms|Mrs|Dr)\.\s*)?",
    re.I,
)


def _except_subject(
    text: str, a: int, role_start: int, ments: list[Mention], controllers: tuple[str, ...]
) -> tuple[str, ...]:
    """The clause's subject less the parties an exclusion names ("The Principals (other than
    C) are ...": the Principals but C), when the exclusion stands between the subject and the
    role; () when there is none (the controllers stand)."""
    ex = None
    for m in _EXCEPT.finditer(text, a, role_start):
        ex = m
    if ex is None:
        return ()
    pre = [m for m in ments if a <= m.start and m.end <= ex.start()]
    excl = _mention_list(ments, ex.end(), text)
    if not pre or not excl or excl[-1].end > role_start:
        return ()
    k = len(pre) - 1
    while k > 0 and _LIST_SEP.match(text[pre[k - 1].end : pre[k].start]):
        k -= 1
    base = [x for m in pre[k:] for x in m.keys]
    out = set(x for m in excl for x in m.keys)
    if not set(controllers) <= set(base) | out:
        return ()  # the controllers were read elsewhere (a later subject)
    return tuple(dict.fromkeys(x for x in base if x not in out))


def _named_after(ments: list[Mention], end: int, text: str) -> list[Mention]:
    """The names of an apposition right after a role: "its general partner, X, ..." (a comma,
    then the list; none where the role goes on with "of"/"to" or a verb)."""
    ap = re.match(r"\s*,\s*(?:(?:Messrs|Mses|Drs|Mr|Ms|Mrs|Dr)\.\s*)?", text[end:])
    if ap is None:
        return []
    start = end + ap.end()
    comma = end + re.match(r"\s*,\s*", text[end:]).end()
    if any(m.start == comma for m in ments):
        start = comma  # "..., Mrs. Shaw has": the mention holds the title
    named = _mention_list(ments, start, text)
    if not named or named[0].start != start:
        return []
    return named


#: A subject's own "as" aside, still open: ", as the managing member of the general partner
#: of " (a name inside it is no subject).
_AS_OPEN = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,\s*(?:in\s+(?:its|his|her|their)\s+capacit(?:y|ies)\s+)?as\s+"
    r"[^;:()]{1,160}$",
    re.I,
)
#: The same aside closed before the next coordinated subject: "A, as the managing member of
#: the general partner of Y, and B, as ..., may be deemed ...".
_AS_CLOSED = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,\s*(?:in\s+(?:its|his|her|their)\s+capacit(?:y|ies)\s+)?as\s+"
    r"[^;:()]{1,160}?(?:\([^()]*\)[^;:()]{0,80}?)?,\s*and\s+(?:\((?:[a-h]|[ivx]{1,4}|\d{1,2})\)\s*)?$",
    re.I,
)


def _subject_list(subj: list[Mention], text: str) -> tuple[str, ...]:
    """The clause subject: its first mention and those joined to it by "and"; a subject
    with its own "as" aside is coordinated past the names inside that aside ("A, as the
    managing member of the general partner of Y, and B, as a member of ..., may be deemed").

    >>> from ownergraph.loaders.sec_terms import Mention as M
    >>> t = "A, as the manager of Y, and B, as a member of Y, may be deemed to own"
    >>> _subject_list([M(0, 1, ("a",), "A"), M(21, 22, ("y",), "Y"), M(28, 29, ("b",), "B"),
    ...                M(46, 47, ("y",), "Y")], t)
    ('a', 'b')
    """
    keys = list(subj[0].keys)
    last = subj[0]
    for m in subj[1:]:
        between = text[last.end : m.start]
        if m.start >= last.end and _LIST_SEP.match(between):
            keys.extend(m.keys)
            last = m
        elif _AS_CLOSED.fullmatch(between):
            keys.extend(m.keys)  # the next subject after the aside
            last = m
        elif not _AS_OPEN.fullmatch(between):
            break
    return tuple(dict.fromkeys(keys))


_SHARED_VOTE = re.compile(r"\bshare[sd]?\b[^.;]{0,40}?\bvot", re.I)
_SOLE_VOTE = re.compile(r"\bsole\b[^.;]{0,25}?\bvot", re.I)
_SHARED_DISPOSE = re.compile(r"\bshare[sd]?\b[^.;]{0,60}?\b(?:dispos|invest)", re.I)
_SOLE_DISPOSE = re.compile(r"\bsole\b[^.;]{0,60}?\b(?:dispos|invest)", re.I)


def _clause_powers(clause: str) -> tuple[Power | None, Power | None]:
    """The voting and investment power a clause gives its links, where it says one kind
    ("... are the managing members of LCPII and may each be deemed to share voting,
    investment and dispositive power"); none where it says both sole and shared.

    >>> _clause_powers("X is the GP of Y and may be deemed to share voting and dispositive power")
    (<Power.SHARED: 'shared'>, <Power.SHARED: 'shared'>)
    >>> _clause_powers("X, the GP, has sole voting power, and A, its member, shared power to vote")
    (None, None)
    """
    if _SOLE_VOTE.search(clause) and _SHARED_VOTE.search(clause):
        return None, None
    out: list[Power | None] = []
    for shared_rx, sole_rx in ((_SHARED_VOTE, _SOLE_VOTE), (_SHARED_DISPOSE, _SOLE_DISPOSE)):
        shared, sole = bool(shared_rx.search(clause)), bool(sole_rx.search(clause))
        out.append(
            Power.SHARED if shared and not sole else Power.SOLE if sole and not shared else None
        )
    return out[0], out[1]


#: A power stated without "sole" or "shared": "may be deemed to have voting and dispositive
#: power", "has voting and investment power", "possess voting power".
_UNQUALIFIED_POWER = re.compile(
    r"\b(?:ha(?:s|ve|d)|hold|holds|possess(?:es)?|exercises?)\s+(?:the\s+)?"
    r"(?P<what>(?:voting|investment|dispositive)(?:(?:\s+power)?(?:\s*,\s*(?:and\s+|or\s+)?"
    r"|\s+(?:and/or|and|or)\s+)(?:voting|investment|dispositive))*)\s+(?:power|authority)\b",
    re.I,
)


def _joint_powers(clause: str) -> tuple[Power | None, Power | None]:
    """The powers a clause gives several subjects together where it says neither sole nor
    shared ("A, B and C are officers of Y and may be deemed to have voting and dispositive
    power over the shares"): several persons holding one power over the same shares share
    it (Rule 13d-3; the caller checks there are several subjects); none where the clause
    says "sole" or "no" power.

    >>> _joint_powers("A and B are officers of Y and may be deemed to have voting and dispositive power")
    (<Power.SHARED: 'shared'>, <Power.SHARED: 'shared'>)
    >>> _joint_powers("A and B are directors of Y and have voting power over the shares")
    (<Power.SHARED: 'shared'>, None)
    >>> _joint_powers("A and B are officers of Y; A has sole voting power")
    (None, None)
    """
    if re.search(r"\bsole\b|\bno\s+(?:voting|investment|dispositive)\b", clause, re.I):
        return None, None
    m = _UNQUALIFIED_POWER.search(clause)
    if m is None:
        return None, None
    what = m.group("what").lower()
    voting = Power.SHARED if "voting" in what else None
    investment = Power.SHARED if ("investment" in what or "dispositive" in what) else None
    return voting, investment


def _role_word(printed: str) -> str:
    """The key of ``_ROLE_WORDS`` for a printed role ("Members of the Investment Committee").

    >>> _role_word("Members of  the investment committee"), _role_word("Controlling Person")
    ('member of the investment committee', 'controlling person')
    """
    w = " ".join(printed.lower().split())
    w = re.sub(r"^members of (?:the )?", "member of the ", w)
    return w
