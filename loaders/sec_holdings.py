"""Holdings stated per holder in the prose of a Schedule 13D/13G, read by construction.

- :func:`owned_respectively`: a list of holders, then one verb of holding and as many counts,
  "respectively" ("Allegheny Mineral Corp., Armstrong Cement & Supply Corp. and Glacial Sand
  & Gravel Co., each of which directly owns 846,208 shares, 719,277 shares and 528,880
  shares, respectively"; "A and B hold 1,000 and 2,000 shares, respectively").

The counts reach the loader as :class:`~ownergraph.loaders.sec_stated_holdings.StatedHolding`; the
loader keeps them only when they account for the filers' reported shares.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ownergraph.graph.ids import make_id, party_id
from ownergraph.graph.model import Holding, Provenance
from ownergraph.graph.vocab import Instrument
from ownergraph.loaders.sec_lexicon import _fold
from ownergraph.loaders.sec_stated_holdings import StatedHolding
from ownergraph.loaders.sec_terms import NameBook

_N = r"\d{1,3}(?:,\d{3})+|\d{4,}"
_SH = r"(?:\s+(?:shares|Shares|Common\s+Shares|units|Units))?"
_C = rf"(?:{_N}){_SH}"
_OWN_RESPECTIVELY = re.compile(
    r"(?:,?\s*(?:each\s+of\s+which|each\s+of\s+whom|which|who)\s+)?"
    r"(?:directly\s+|currently\s+|beneficially\s+|of\s+record\s+)?"
    r"(?:owns?|holds?|held|owned|(?:is|are)\s+the\s+(?:record\s+)?holders?\s+of)\s+"
    r"(?:directly\s+|of\s+record\s+|beneficially\s+)?"
    rf"(?P<counts>{_C}(?:\s*,\s*{_C})*\s*,?\s+and\s+{_C})"
    r"(?P<cls>\s+of\s+[^.;]{0,60}?)?,?\s+respectively\b"
)
#: a class other than the common stock reported
_OTHER_CLASS = re.compile(r"\b(?:Series\s+[A-Z]|preferred|warrants?|options?|notes?)\b", re.I)
#: what may stand between two holders of a list
_LIST_GAP = re.compile(r"(?:\s|,|\band\b|\bthe\b|\beach\s+of\b)*", re.I)


def owned_respectively(text: str, book: NameBook) -> list[StatedHolding]:
    """Counts a list of holders owns "respectively", matched in order.

    >>> b = NameBook(issuer_key="i")
    >>> b.add_party("a", "Alpha Fund, L.P."); b.add_party("b", "Beta Fund, L.P.")
    >>> [(h.holder, h.shares) for h in owned_respectively(
    ...     "Alpha Fund, L.P. and Beta Fund, L.P. hold 1,000 and 2,500 shares, respectively.", b)]
    [('a', 1000.0), ('b', 2500.0)]
    """
    if "respectively" not in text:
        return []
    out: list[StatedHolding] = []
    ments = None
    for m in _OWN_RESPECTIVELY.finditer(text):
        if m.group("cls") and _OTHER_CLASS.search(m.group("cls")):
            continue
        counts = [float(n.replace(",", "")) for n in re.findall(_N, m.group("counts"))]
        if ments is None:
            ments = book.mentions(text)
        # the holders: the mentions just before the verb, only list punctuation between them
        before = [x for x in ments if x.end <= m.start()]
        holders = []
        edge = m.start()
        for x in reversed(before):
            if len(holders) == len(counts):
                break
            if _LIST_GAP.fullmatch(text, x.end, edge) is None:
                break
            holders.append(x)
            edge = x.start
        holders.reverse()
        keys = [x.keys[0] for x in holders if len(x.keys) == 1]
        if (
            len(holders) != len(counts)
            or len(keys) != len(counts)
            or len(set(keys)) != len(keys)
            or book.issuer_key in keys
        ):
            continue
        a, b = holders[0].start, m.end()
        phrase = " ".join(text[a:b].split())
        out += [StatedHolding(k, n, phrase, (a, b)) for k, n in zip(keys, counts, strict=True)]
    return out


#: roles that state no power over what the other party holds (an economic stake)
_NO_POWER_ROLES = frozenset({"shareholder", "settlor", "beneficiary"})


def filers_beneath(
    filers: set[str], links: Iterable[tuple[str, str, str]]
) -> dict[str, set[str]] | None:
    """For each filer, the filers below it over the stated links (controller, controlled,
    role value), through parties that are not filers too; links that state only a stake
    (shareholder, settlor, beneficiary) pass nothing. ``None`` when the links among the
    filers make a cycle.

    >>> filers_beneath({"p", "f"}, [("p", "gp", "managing_member"), ("gp", "f", "general_partner")])
    {'f': set(), 'p': {'f'}}
    """
    down: dict[str, set[str]] = {}
    for c, d, role in links:
        if role not in _NO_POWER_ROLES and c != d:
            down.setdefault(c, set()).add(d)
    out: dict[str, set[str]] = {}
    for f in sorted(filers):
        seen: set[str] = set()
        todo = [f]
        while todo:
            for n in down.get(todo.pop(), ()):
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        if f in seen:
            return None
        out[f] = seen & filers
    return out


def nested_own_shares(
    aggregates: dict[str, float], beneath: dict[str, set[str]]
) -> dict[str, float] | None:
    """What each filer holds itself when the cover pages nest along the stated links.

    A filer's own shares are its aggregate less the own shares of the filers below it
    (the funds a general partner or adviser runs report theirs on their own pages). The
    pages nest when no filer is left below zero and the filers' own shares add up to the
    group's shares (the largest aggregate), within one share per page; ``None`` otherwise
    (a page that does not include the pages below it, a link the text does not state, or
    the same shares reported by two filers with no link between them).

    >>> nested_own_shares({"p": 1000.0, "f1": 600.0, "f2": 400.0}, {"p": {"f1", "f2"},
    ...                    "f1": set(), "f2": set()})
    {'f1': 600.0, 'f2': 400.0, 'p': 0.0}
    >>> nested_own_shares({"gp": 1000.0, "f": 1000.0}, {"gp": set(), "f": set()}) is None
    True
    """
    if not aggregates:
        return None
    own: dict[str, float] = {}
    # a filer below another has fewer filers below it (no cycles): the lowest first
    for f in sorted(aggregates, key=lambda k: (len(beneath.get(k, ())), k)):
        below = beneath.get(f, set()) & set(aggregates)
        if any(b not in own for b in below):
            return None
        rest = aggregates[f] - sum(own[b] for b in below)
        if rest < -len(below):
            return None
        own[f] = max(rest, 0.0)
    top = max(aggregates.values())
    if abs(sum(own.values()) - top) > len(own):
        return None
    return own


def disjoint_own_shares(
    aggregates: dict[str, float], beneath: dict[str, set[str]]
) -> dict[str, float] | None:
    """What each filer holds itself when the cover pages are disjoint: every filer reports
    only its own shares (a family each filing for itself, funds with no common manager).

    Read so only when no page can include another: no two pages give the same count, no
    page is the sum of two or more others (within one share per page), and a filer the
    text says controls another reports fewer shares than it (so its page cannot include
    the other's). ``None`` otherwise; pages of 0 take no part.

    >>> disjoint_own_shares({"a": 7950.0, "b": 51062.0, "c": 46063.0, "d": 0.0}, {})
    {'a': 7950.0, 'b': 51062.0, 'c': 46063.0}
    >>> disjoint_own_shares({"a": 600.0, "b": 400.0, "c": 1000.0}, {}) is None
    True
    """
    own = {k: v for k, v in aggregates.items() if v > 0}
    if len(own) < 2 or len(own) > 16:
        return None
    vals = sorted(own.values())
    if any(b - a <= 1 for a, b in itertools.pairwise(vals)):
        return None
    # subset sums of the others, smallest first (a page that is a sum of others nests)
    for i, top in enumerate(vals):
        sums: set[float] = set()
        for v in vals[:i]:
            sums |= {s + v for s in sums} | {v}
        singles = set(vals[:i])
        if any(abs(s - top) <= len(vals) for s in sums - singles):
            return None
    for c, below in beneath.items():
        if c in own and any(d in own and own[c] >= own[d] for d in below):
            return None
    return own


# ----------------------------------------------------------------------------- breakdowns


@dataclass(frozen=True)
class Part:
    """One count of a breakdown: ``holder`` the party key ("held by the X Trust"), ``None``
    when the text names no other holder (the filer's own shares, its options)."""

    shares: float
    holder: str | None
    holder_name: str | None
    title: str  # the class as printed ("Class B Common Stock"), else "Common Stock"
    instrument: str  # "common" | "option" | "warrant"
    right_to_acquire: bool
    phrase: str
    unnamed: bool = False  # a party the text names by its words only ("X's spouse")
    # the filer's power over the part as the text states it ("over which ... have
    # discretionary authority to dispose"): (voting, investment), each "sole" | "shared" |
    # "" (stated, sole or shared not said) | None (not stated)
    powers: tuple[str | None, str | None] = (None, None)


@dataclass(frozen=True)
class Breakdown:
    """A reported count and the parts the text says it consists of ("31,466,379 shares
    which includes (i) options to purchase 4,334,814 shares ... and (ii) 27,131,565 shares
    of Common Stock held by the Elon Musk Revocable Trust"). ``whole`` is True for
    "consists of" (the parts are all of it), False for "includes" (the rest is the
    filer's own)."""

    total: float | None  # None: a footnote, the count it is attached to (``mark``)
    whole: bool
    parts: tuple[Part, ...]
    span: tuple[int, int]
    phrase: str
    mark: str | None = None
    reported: bool = False  # "the shares reported include": the filer's whole count


_CNT = r"\d{1,3}(?:,\d{3})+|\d{4,}"
_BREAKDOWN = re.compile(
    # "N shares, which includes" / "N shares consisting of" / a footnote "(1) Includes"
    rf"(?:(?P<total>{_CNT})\s+(?:shares|Shares)\b(?:[^.;:]|(?<=\d)\.(?=\d)){{0,80}}?[,(]?\s*(?:which\s+|that\s+)?"
    r"|(?:^|\n)[ \t]*(?P<mark>\(\d{1,2}\)|\*{1,3}|\([a-z]\)|\d{1,2}\.(?=\s))\s*"
    r"(?:(?:This|The)\s+(?:amount|number|figure|total)\s+(?:of\s+shares\s+)?(?:reported\s+)?"
    r"(?:above\s+)?)?"
    # "The shares reported (herein / in this Schedule) include": the filer's whole count
    r"|(?P<reported>\b[Tt]he\s+(?:shares|Shares|securities)\s+(?:so\s+|being\s+)?reported"
    r"(?:\s+(?:herein|above|in\s+this\s+(?:[Ss]chedule|[Ss]tatement|[Aa]mendment)(?:\s+13[DG])?))?\s+)"
    # "Mr. DeMare's beneficial ownership includes:" / "The Reporting Person's beneficial
    # ownership consists of": the filer's whole count, its parts listed after the colon
    r"|(?P<whose>\b(?:(?:Mr|Ms|Mrs|Dr)\.\s+[A-Z][\w'’-]+|[Tt]he\s+Reporting\s+Person)['’]s\s+"
    r"beneficial\s+ownership\s+))"
    r"(?P<verb>(?i:includes?|including|consists?(?:\s+of)?|consisting\s+of|"
    r"(?:is\s+|are\s+)?comprised\s+of|comprising))(?P<colon>:)?\s+",
    re.M,
)
# one count and its words up to the next count (or the end of the sentence)
_PART_COUNT = re.compile(
    r"(?<![\d,.$])(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?![\d,]|\.\d|\s*%)"
    # a count of shares: "shares" within three words ("1,950 Class A shares"), or options
    r"(?=(?:\s+[\w-]+){0,3}?\s+(?:shares|Shares|options|warrants|units)\b)"
)
_CLASS = re.compile(
    r"(?:shares\s+of\s+(?:the\s+Issuer['’]s\s+|the\s+)?)?"
    r"(?P<cls>(?:Class\s+[A-Z]\s+|Series\s+[A-Z]\s+)?(?:Common|Ordinary)\s+(?:Stock|Shares))",
)
_CLASS_SHARES = re.compile(r"^\s*(?P<cls>Class\s+[A-Z])\s+(?:common\s+)?shares\b", re.I)
_OPTION = re.compile(
    r"\b(?:options?|warrants?)\s+to\s+(?:purchase|acquire)\s+$|"
    r"^\s*(?:(?:stock|share)\s+)?(?:options?|warrants?)\b|"
    r"^[^,;]{0,60}?\b(?:issuable|underlying|subject\s+to)\b[^,;]{0,40}?\b(?:options?|warrants?)\b",
    re.I,
)
#: "options to acquire an additional 166,000 common shares" (the count after the words)
_OPTION_MORE = re.compile(
    r"\b(?:options?|warrants?)\s+to\s+(?:purchase|acquire)\s+an\s+additional\s+$", re.I
)
_BY = re.compile(
    r"\b(?:held|owned|beneficially\s+owned)\s+(?:directly\s+|indirectly\s+)?(?:of\s+record\s+)?"
    r"(?:by|in\s+the\s+name\s+of|through)\s+(?:the\s+|his\s+|her\s+|its\s+)?$",
    re.I,
)
_NOT_A_COUNT = re.compile(r"^\s*(?:%|percent|per\s+share|\$)", re.I)
_SENTENCE_END = re.compile(
    # a full stop, not after an initial ("Marguerite G. Schauer") or an abbreviation
    r"(?<!\b[A-Z])(?<!\bInc)(?<!\bCo)(?<!\bCorp)(?<!\bLtd)(?<!\bJr)(?<!\bSr)(?<!\bMr)"
    r"(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bNo)(?<!\bP)\.(?=\s+(?:[A-Z(]|$))"
    r"|;\s+(?:and\s+)?(?=[A-Z])|\n\s*\n"
)
#: "N shares held in customer accounts over which ...": the words naming the accounts
_HELD_IN = re.compile(
    r"^\s+(?:shares|Shares)(?:\s+of\s+(?:the\s+)?(?:Class\s+[A-Z]\s+)?Common\s+Stock)?\s+held\s+in\s+"
    r"(?P<who>(?:the\s+)?(?:[\w’'-]+\s+){0,3}?accounts?\b(?:(?!\s+(?:over|for|as\s+to|with\s+respect)\s)"
    r"[^,;()\d])*)"
)
#: a list item of the filer's own count ("Individually, 658,575 shares")
_INDIVIDUALLY = re.compile(r"(?:^|[\s:;(])(?i:individually|directly)\s*,?\s*$")
#: a list item naming its holder before the count ("Through DNG Capital, 145,150 shares")
_THROUGH = re.compile(r"(?:^|[\s:;(])(?i:through|via|by)\s+(?:its\s+|his\s+|her\s+|the\s+)?$")


_PARAGRAPH_GAP = re.compile(r"\n\s*\n")


def _list_end(text: str, start: int) -> int:
    """Where a list after a colon ends: the paragraphs that go on giving counts ("Mr.
    DeMare's beneficial ownership includes:" / "Individually, 658,575 shares ..." / "Through
    DNG Capital, 145,150 shares ..."), at most five, each under 600 characters; the first
    paragraph without a count in its first 120 characters ends it."""
    pos = start
    for _ in range(5):
        gap = _PARAGRAPH_GAP.search(text, pos)
        stop = gap.start() if gap else len(text)
        para = text[pos:stop]
        if len(para) > 600 or not _PART_COUNT.search(para[:120]):
            return pos if pos > start else stop
        if gap is None:
            return stop
        pos = gap.end()
    return pos


#: a count the filer holds itself
_OWN = re.compile(
    r"\b(?:held|owned)\s+(?:directly|of\s+record)\b(?!\s+by)|\bdirectly\s+(?:held|owned)\b(?!\s+by)|"
    r"\bin\s+(?:his|her|its)\s+own\s+name\b|"
    r"\b(?:held|owned)\s+(?:directly\s+)?(?:of\s+record\s+)?by\s+(?:him|her|it)(?:self)?\b",
    re.I,
)


#: "... accounts over which partners and/or employees of the Reporting Person have
#: discretionary authority to dispose of or direct the disposition of the shares"
_DISCRETION = re.compile(
    r"^[^.;]{0,20}?\bover\s+which\s+(?P<who>[^.;]{0,100}?)\s*\b(?:ha(?:s|ve)|exercises?|"
    r"possess(?:es)?|retains?)\s+(?:the\s+)?(?P<kind>sole\s+|shared\s+)?(?P<what>(?:discretionary|"
    r"investment|dispositive|voting)(?:\s+(?:and|or|and/or)\s+(?:investment|dispositive|voting))?"
    r"\s+(?:authority|discretion|power)|(?:authority|power|discretion)\b)(?P<rest>[^.;]{0,80})",
    re.I,
)
#: authority held by people of the filer, not the filer alone: the power is shared
_SEVERAL = re.compile(r"\b(?:and/or|partners|employees|officers|members|principals)\b", re.I)


def _discretion(seg: str) -> tuple[str | None, str | None]:
    """The filer's (voting, investment) power over accounts as an "over which" clause states
    it: investment power for authority or discretion to dispose (or investment discretion),
    voting power for power to vote; "sole" / "shared" as said, shared when the authority is
    held by the filer's partners or employees, else "" (stated, kind not said).

    >>> _discretion(" over which partners and/or employees of the Reporting Person have "
    ...             "discretionary authority to dispose of or direct the disposition of the shares")
    (None, 'shared')
    >>> _discretion(" over which the Adviser has sole voting and dispositive power")
    ('sole', 'sole')
    >>> _discretion(" for the benefit of its clients")
    (None, None)
    """
    m = _DISCRETION.match(seg)
    if m is None:
        return (None, None)
    words = f"{m.group('what')} {m.group('rest')}".casefold()
    kind = (m.group("kind") or "").strip().casefold()
    if not kind and _SEVERAL.search(m.group("who")):
        kind = "shared"
    vote = "vot" in words
    invest = "dispos" in words or "investment" in words or not vote
    return (kind if vote else None, kind if invest else None)


def _words(seg: str, n: float) -> str:
    return " ".join(f"{n:,.0f}{seg}".split())


#: a relative named by a party's name ("Julie F. Schauer's spouse")
_POSSESSIVE = re.compile(r"['’]s\s+(?:minor\s+|adult\s+)?[a-z]+(?:-in-law)?\b")
#: an account for the benefit of a person is named with it ("PENSCO Trust Company FBO Max
#: Levchin"): one party, not the custodian
_FBO = re.compile(r"\s+(?:FBO|F/B/O|f/b/o|for\s+the\s+benefit\s+of)\s+(?:[A-Z][\w.'’-]*\s?){1,4}")

#: Where _BREAKDOWN's verb ends at the latest after its keyword: the word, spaces, "of", ":".
_VERB_TAIL = re.compile(r"\w*\s*(?:of\s*)?:?\s*", re.I)
#: 120 units before a keyword, read backwards: a run of word characters, digits, commas
#: ("1,234,567", a name) or one other character, the spaces between free. No _BREAKDOWN
#: match holds 90 before its verb (80 characters of its ``[^.;:]{0,80}?`` and ten words).
_UNITS_BACK = re.compile(r"(?:\s*+(?:[\w'’,-]++|[^\s\w'’,-])){120}")


def _breakdown_finditer(text: str) -> Iterator[re.Match[str]]:
    r"""``_BREAKDOWN.finditer(text)``, scanned only in windows around the verbs' keywords
    (includ-, consist-, compris-; found in :func:`loaders.sec_lexicon._fold` of the text):
    every match lies in the window of its verb, from 120 units before it to the end of
    the verb's spaces (a window ends before a non-space: the final ``\s+`` is whole). The
    pattern tried at every character was most of the time of :func:`breakdowns`."""
    low = _fold(text)
    wins: list[tuple[int, int]] = []
    for word in ("includ", "consist", "compris"):
        k = low.find(word)
        while k != -1:
            m = _UNITS_BACK.match(text[max(0, k - 3000) : k][::-1])
            tail = _VERB_TAIL.match(text, k)  # matches always (all of it optional)
            wins.append((k - m.end() if m else 0, tail.end() if tail else len(text)))
            k = low.find(word, k + 1)
    wins.sort()
    merged: list[list[int]] = []
    for a, b in wins:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    for a, b in merged:
        yield from _BREAKDOWN.finditer(text, a, b)


def breakdown_spans(text: str) -> Iterator[tuple[re.Match[str], int]]:
    """Each breakdown opening in ``text`` ("The 2,050,000 shares consist of", "Includes",
    a list after a colon) with the end of the stretch its parts stand in: the sentence, or
    the list after a colon; openings whose stretch runs too long (600 characters, 3,000
    for a list) or that speak of another's shares ("whose") without a list are skipped."""
    for m in _breakdown_finditer(text):
        if m.group("whose") and not m.group("colon"):
            continue
        end_m = _SENTENCE_END.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        if m.group("colon"):
            end = _list_end(text, m.end())
        if end - m.end() > (3000 if m.group("colon") else 600):
            continue
        yield m, end


def breakdowns(text: str, book: NameBook) -> list[Breakdown]:
    """Counts the text breaks into parts held by named holders or as options.

    >>> b = NameBook(issuer_key="i"); b.add_party("m", "Jane Roe", person=True)
    >>> [bd] = breakdowns("Amount beneficially owned: 1,500,000 shares, which includes "
    ...     "(i) options to purchase 100,000 shares of Common Stock exercisable within 60 days "
    ...     "and (ii) 900,000 shares of Common Stock held by the Roe Family Trust.", b)
    >>> bd.total, bd.whole, [(p.shares, p.holder_name, p.instrument) for p in bd.parts]
    (1500000.0, False, [(100000.0, None, 'option'), (900000.0, 'Roe Family Trust', 'common')])
    """
    low = _fold(text)  # an ASCII word the re.I search finds is in the fold (a fast test)
    if not any(w in low for w in ("includ", "consist", "compris")) or not re.search(
        r"\b(?:includ|consist|compris)", text, re.I
    ):
        return []
    out: list[Breakdown] = []
    ments = None
    for m, end in breakdown_spans(text):
        if ments is None:
            ments = book.mentions(text)
        total = float(m.group("total").replace(",", "")) if m.group("total") else None
        whole = not m.group("verb").lower().startswith("includ")
        counts = [
            c
            for c in _PART_COUNT.finditer(text, m.end(), end)
            if not _NOT_A_COUNT.match(text, c.end())
            and not re.search(r"\$\s*$", text[max(0, c.start() - 8) : c.start()])
        ]
        if not counts:
            continue
        parts: list[Part] = []
        bounds = [c.start() for c in counts[1:]] + [end]
        pending: list[tuple[float, str, int]] = []  # counts waiting for a shared "owned by"
        ok = True
        prevs = [m.end()] + [c.end() for c in counts[:-1]]
        for c, stop, prev_end in zip(counts, bounds, prevs, strict=True):
            n = float(c.group("n").replace(",", ""))
            seg = text[c.end() : stop]
            lead = text[max(m.end(), c.start() - 40) : c.start()]
            cm = _CLASS_SHARES.match(seg)
            title = f"{cm.group('cls')} Common Stock" if cm else None
            if title is None:
                k = _CLASS.search(seg[:60])
                title = " ".join(k.group("cls").split()) if k else "Common Stock"
            opt = _OPTION.search(lead) or _OPTION_MORE.search(lead) or _OPTION.search(seg[:90])
            if opt:
                word = opt.group(0).lower()
                ins = "warrant" if "warrant" in word else "option"
                # counted in the beneficially owned amount: a right to acquire within 60
                # days (Rule 13d-3(d)(1)), unless the text says it is not exercisable
                rta = not re.search(
                    r"\bnot\s+(?:yet\s+)?(?:be\s+)?exercisable|\bunvested\b", seg, re.I
                )
                printed = " ".join(opt.group(0).split())
                if re.search(r"\b(?:purchase|acquire)$", printed):  # "options to purchase"
                    title = f"{printed} {title}"
                elif not re.match(r"\s+(?:shares|Shares|Class|Common|Ordinary)", seg):
                    # "N options": no class printed with the count
                    title = f"{'warrants' if ins == 'warrant' else 'options'} ({title})"
                # else "N shares of Common Stock issuable upon exercise of ...": the class
                parts.append(
                    Part(n, None, None, title, ins, rta, " ".join(text[c.start() : stop].split()))
                )
                continue
            # the holder: the first mention after "held/owned by" in this part
            holder = None
            for x in ments:
                if c.end() <= x.start < stop and _BY.search(text, c.end(), x.start):
                    holder = x
                    break
            # a list item that names its holder first ("Through DNG Capital, 145,150
            # shares"), or says the filer's own ("Individually, 658,575 shares")
            item = text[prev_end : c.start()]
            if holder is None and _INDIVIDUALLY.search(item[-40:]):
                parts.append(Part(n, None, None, title, "common", False, _words(seg, n)))
                continue
            through = False
            if holder is None:
                for x in ments:
                    if (
                        prev_end <= x.start
                        and x.end <= c.start()
                        and _THROUGH.search(text, max(prev_end, x.start - 30), x.start)
                        and re.fullmatch(r"\s*,?\s*", text[x.end : c.start()])
                    ):
                        holder, through = x, True
            held_in = _HELD_IN.match(seg)
            if holder is None and held_in:  # "held in customer accounts over which ...": an
                # intermediary the text does not name, named by its words (convention 1)
                words = re.sub(r"^(?:the\s+)?accounts?\s+of\s+", "", held_in.group("who"))
                words = words.strip(" ,")
                key = party_id(name=words)
                for pn, ptitle, _ps in pending:
                    parts.append(Part(pn, key, words, ptitle, "common", False, words, True))
                pending.clear()
                parts.append(
                    Part(
                        n,
                        key,
                        words,
                        title,
                        "common",
                        False,
                        _words(seg, n),
                        True,
                        _discretion(seg[held_in.end() :]),
                    )
                )
                continue
            if holder is None:
                if re.search(r"\b(?:held|owned)\s+by\b", seg, re.I):
                    # named by words the book does not know (a spouse, "his children"):
                    # not read; nor counts stated before it
                    ok = False
                    break
                if _OWN.search(seg):  # "700,000 shares held directly": the filer's own
                    parts.append(Part(n, None, None, title, "common", False, _words(seg, n)))
                    continue
                if re.search(r"\b(?:held|owned)\b", seg, re.I):
                    # held some way no rule reads ("owned directly by his wife"): not read,
                    # nor the counts stated before it
                    ok = False
                    break
                pending.append((n, title, c.start()))
                continue
            if len(holder.keys) != 1 or holder.keys == (book.issuer_key,):
                ok = False
                break
            # several holders for one count ("owned by the A Trust and the B Trust")
            after = text[holder.end : stop]
            if re.match(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?[A-Z]", after) and any(
                holder.end < y.start < stop and y.keys != holder.keys for y in ments
            ):
                if not re.match(r"\s*(?:,\s*)?and\s+\d", after):
                    pending.clear()
                    continue
            key = holder.keys[0]
            name = book.names.get(key, holder.surface)
            hend = holder.end
            unnamed = False
            fbo = _FBO.match(text, hend, stop)
            own = _POSSESSIVE.match(text, hend, stop)
            if own:  # "Julie F. Schauer's spouse": a party the text does not name
                hend = own.end()
                name = f"{holder.surface}{own.group(0)}"
                key = party_id(name=name)
                unnamed = True
            elif fbo:
                hend = fbo.end()
                name = " ".join(f"{holder.surface}{fbo.group(0)}".split())
                key = party_id(name=name)
            phrase = " ".join(text[c.start() : hend].split())
            for pn, ptitle, _ps in pending:
                parts.append(Part(pn, key, name, ptitle, "common", False, phrase, unnamed))
            pending.clear()
            # owned through the holder: the filer's power over its shares is stated
            said = ("", "") if through else (None, None)
            parts.append(Part(n, key, name, title, "common", False, phrase, unnamed, said))
        if not ok:
            continue
        # counts left with no holder named are not read (whose they are is not said)
        if not any(p.holder for p in parts) and not any(p.instrument != "common" for p in parts):
            continue
        out.append(
            Breakdown(
                total,
                whole,
                tuple(parts),
                (m.start(), end),
                " ".join(text[m.start() : end].split()),
                m.group("mark"),
                m.group("reported") is not None or m.group("whose") is not None,
            )
        )
    return out


# ------------------------------------------------------------- all held by a defined term

#: a collective defined by description, not by names: 'These investment companies, trusts
#: and accounts are the "Funds"'; 'certain separate accounts (the "Accounts")'
_TERM_DEFINED = re.compile(
    r"\b(?:[Tt]hese|[Ss]uch)\s+[a-z][^.\"“”]{0,120}?\s+(?:are|is)\s+(?:collectively\s+)?"
    r"(?:referred\s+to\s+(?:herein\s+)?as\s+)?(?:the\s+)?[\"“](?P<t1>[A-Z][a-z]+)[.,]?[\"”]"
    r"|\b[a-z]+\s+(?:accounts|funds|clients|portfolios|trusts|companies)\s+\((?:collectively,?\s+)?"
    r"(?:the\s+)?[\"“](?P<t2>[A-Z][a-z]+)[\"”]\)"
)
_ALL_BY_TERM = re.compile(
    r"\b[Aa]ll\s+(?:of\s+)?(?:the\s+)?(?:securities|shares|[Ss]hares)\s+(?:reported\s+)?"
    r"(?:(?:herein|in\s+this\s+(?:[Ss]chedule|[Ss]tatement)(?:\s+13[DG])?)\s+)?"
    r"(?:are|were)\s+(?:owned|held)\s+(?:of\s+record\s+)?by\s+(?:the\s+)?(?P<term>[A-Z][a-z]+)\b"
)

#: a part of every _ALL_BY_TERM match that starts with a literal (a fast scan): a text
#: without it has no such statement
_ALL_GATE = re.compile(r"ll\s+(?:of\s+)?(?:the\s+)?(?:securities|[Ss]hares)\s")


def all_held_by_term(text: str) -> list[tuple[str, tuple[int, int], str]]:
    """'All securities reported in this schedule are owned by the Funds', the Funds being a
    collective the text defines by description (no names): the reported shares are held
    by that unnamed party, named by the document's words ("the Funds"). Returns (name,
    span, phrase) for each statement.

    >>> all_held_by_term('These investment companies, trusts and accounts are the "Funds". '
    ...                  'All securities reported in this schedule are owned by the Funds.')[0][0]
    'the Funds'
    >>> all_held_by_term('Alpha LP and Beta LP (the "Funds"). All shares are owned by the Funds.')
    []
    """
    if not _ALL_GATE.search(text):  # the statement's words, found by their literal 'll'
        return []
    stated = list(_ALL_BY_TERM.finditer(text))
    terms = (
        {m.group("t1") or m.group("t2") for m in _TERM_DEFINED.finditer(text)} if stated else set()
    )
    if not terms:
        return []
    out = []
    for m in stated:
        if m.group("term") in terms:
            out.append((f"the {m.group('term')}", m.span(), " ".join(m.group(0).split())))
    return out


def leaves_and_rest(
    aggregates: dict[str, float], beneath: dict[str, set[str]]
) -> dict[str, float] | None:
    """What each filer holds when the pages do not nest exactly (a page counts a fund the
    text does not link to it): the filers that control no other filer (the funds) hold
    their pages, and the group's shares beyond them (the largest aggregate less the funds')
    are held by the manager reporting the group's total, the lowest filer with that total
    above a fund. Read so only when every fund is below a filer and every other filer
    controls a fund and reports at least the funds below it; ``None`` otherwise.

    >>> leaves_and_rest({"master": 686997.0, "onshore": 71268.0, "adv": 71268.0,
    ...     "lcm": 1082570.0, "p": 1082570.0},
    ...     {"adv": {"onshore"}, "lcm": {"master"}, "p": {"adv", "lcm", "master", "onshore"}})
    {'master': 686997.0, 'onshore': 71268.0, 'lcm': 324305.0}
    """
    held = {k: v for k, v in aggregates.items() if v > 0}
    top = max(held.values(), default=0.0)
    leaves = [k for k in held if not beneath.get(k, set()) & set(held)]
    others = [k for k in held if k not in leaves]
    if not leaves or not others:
        return None
    for k in others:
        below = beneath.get(k, set()) & set(leaves)
        if not below or held[k] + len(below) < sum(held[b] for b in below):
            return None
    if any(not any(k in beneath.get(o, set()) for o in others) for k in leaves):
        return None  # a fund no filer is said to control: whose its page is, is not said
    rest = top - sum(held[k] for k in leaves)
    if rest < -len(leaves):
        return None
    out = {k: held[k] for k in leaves}
    if rest > len(held):
        tops = [k for k in others if abs(held[k] - top) <= 1]
        # the lowest of them: below none of the others
        low = [k for k in tops if not beneath.get(k, set()) & set(tops)]
        if len(low) != 1:
            return None
        out[low[0]] = rest
    return out


def leaves_by_numbers(
    aggregates: dict[str, float], shared: dict[str, float]
) -> dict[str, float] | None:
    """What each filer holds when no link among the filers is stated but the pages nest
    by their numbers: a page whose aggregate is the sum of two or more smaller pages
    (within one share per page) reports shares held below it (a general partner, a
    manager, the persons who control them); the other pages (the funds) hold their own
    aggregates, and together they make the group's shares (the largest aggregate).

    Read so only when the funds' counts are distinct, there are two or more, and every
    page that sums others states shared power (its shares are held by another); ``None``
    otherwise (and for more than 24 pages).

    >>> leaves_by_numbers({"gp": 1000.0, "m": 1000.0, "f1": 600.0, "f2": 400.0},
    ...                   {"gp": 1000.0, "m": 1000.0, "f1": 600.0, "f2": 400.0})
    {'f1': 600.0, 'f2': 400.0}
    >>> leaves_by_numbers({"a": 100.0, "b": 200.0, "c": 300.0}, {}) is None
    True
    """
    held = {k: v for k, v in aggregates.items() if v > 0}
    if not 3 <= len(held) <= 24:
        return None
    tol = len(held)
    singles: set[float] = set()
    multi: set[float] = set()  # sums of two or more smaller pages
    composite: set[str] = set()
    for k in sorted(held, key=lambda x: (held[x], x)):
        v = held[k]
        if any(abs(s - v) <= tol for s in multi):
            composite.add(k)
        multi |= {s + v for s in multi} | {s + v for s in singles}
        singles.add(v)
        if len(multi) > 50_000:
            return None
    leaves = sorted(k for k in held if k not in composite)
    if len(leaves) < 2 or not composite:
        return None
    if any(not shared.get(k) for k in composite):
        return None
    vals = sorted(held[k] for k in leaves)
    if any(b - a <= 1 for a, b in itertools.pairwise(vals)):
        return None
    if abs(sum(vals) - max(held.values())) > len(leaves):
        return None
    return {k: held[k] for k in leaves}


def sole_partition(
    aggregates: dict[str, float], soles: dict[str, float]
) -> dict[str, float] | None:
    """What each filer holds when every page reports the same group total and the filers'
    sole powers split it (each filer's sole count is its own shares: "AMH Equity 24,900,
    Leviticus Partners 402,027, Adam Hutt 150,000", each page 576,927 in row 11): each
    filer holds its sole count. ``None`` unless two or more filers have a sole count and
    they add up to the total within one share per filer.

    >>> sole_partition({"a": 576927.0, "b": 576927.0, "c": 576927.0},
    ...                {"a": 24900.0, "b": 402027.0, "c": 150000.0})
    {'a': 24900.0, 'b': 402027.0, 'c': 150000.0}
    """
    vals = list(aggregates.values())
    if len(vals) < 2 or not vals[0] or any(abs(v - vals[0]) > 1 for v in vals):
        return None
    own = {k: v for k, v in soles.items() if k in aggregates and v and v > 0}
    if len(own) < 2 or abs(sum(own.values()) - vals[0]) > len(own):
        return None
    return own


def common_holding(
    doc_id: str,
    holder_id: str,
    security_id: str,
    shares: float | None,
    as_of: dt.date | None,
    provenance: tuple[Provenance, ...],
    instrument: Instrument = Instrument.COMMON,
) -> Holding:
    """The holding of common stock (or of ``instrument``: preferred stock) a 13D/G states
    for ``holder_id`` (its cover page or its text), with the evidence for its count."""
    return Holding(
        id=make_id("holding", doc_id, holder_id, security_id, instrument),
        document_id=doc_id,
        holder_id=holder_id,
        security_id=security_id,
        instrument=instrument,
        shares=shares,
        as_of=as_of,
        title="Preferred Stock" if instrument is Instrument.PREFERRED else "Common Stock",
        provenance=provenance,
    )
