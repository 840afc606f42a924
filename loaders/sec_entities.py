"""Entities a filing's text names by their legal form ("BlueArc Core Alternatives, LLC",
"Fertitta Entertainment, Inc."): :data:`ENTITY_RE` and the fast scan :func:`_entities` that
tries it only where a legal form can end a name (moved out of :mod:`loaders.sec_terms`, whose
:class:`~loaders.sec_terms.NameBook` uses them to discover parties named only in prose), and
the trimming of a name so found (:func:`_trim_name`, :func:`_is_not_a_name`)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

_LEGAL_FORM = (
    r"(?:L\.\s?L\.\s?C\.?|LLC\b|L\.\s?L\.\s?P\.?|LLP\b|L\.\s?P\.?|LP\b|Inc\b\.?"
    r"|Ltd\b\.?|Limited\s+Partnership\b|Limited\b|Corp\b\.?|Corporation\b|Company\b|N\.\s?A\."
    r"|plc\b|GmbH\b|S\.A\.R\.L\.|S\.\s?A\.|S\.p\.A\.|AG\b|N\.\s?V\.|B\.\s?V\.|Sdn\.?\s+Bhd\b\.?|Co\.(?=[\s,]|$)"
    r"|Berhad\b|Trust\b|LDC\b"
    # "Maple Acquireco (Canada) ULC", "Alpha Investments S.à r.l.", "Gamma Partners LLLP"
    r"|ULC\b|L\.\s?L\.\s?L\.\s?P\.?|LLLP\b|S\.\s?[àa]\.?\s?r\.\s?l\.?|SARL\b|Ltda\b\.?"
    r"|SICAV\b"
    # an employee benefit plan: "Benjamin Moore & Co. Employees' Stock Ownership Plan"
    r"|(?:Stock\s+Ownership|Savings|Retirement|Profit[\s\-]+Sharing|Pension|Thrift|Stock\s+Bonus"
    r"|Stock\s+Purchase)\s+Plan\b)"
    # "AWM Investment Company, Inc.", "Mayura Trust A"
    r"(?:,?\s+(?:Inc\b\.?|Ltd\b\.?|L\.\s?P\.|LP\b|LLC\b|L\.\s?L\.\s?C\.?|Sdn\.?\s+Bhd\b\.?|Berhad\b)"
    r"|(?<=GmbH)\s+&\s+Co\.\s+KG\b"  # "Mu Capital GmbH & Co. KG"
    r"|(?<=Trust)\s+Company\b"
    r"|\s+[A-Z]\b(?!\.[A-Za-z])(?![\-']))?"
)
#: A word of a name; initials join ("D.E. Shaw", "U.S. Bancorp"), and an initial joins a
#: lower-case word ("G.research").
_NAME_TOKEN = (
    r"(?:[A-Z0-9](?:[\w&'\-]|\.(?=[A-Z])|(?<=\b[A-Z])\.(?=[a-z]{3}))*"
    r"(?:(?<=\b\w)\.|(?<=\b\w\w)\.|(?<=\b\w\w\w)\.)?"
    r"|\([A-Z][\w\- ]*\)|of|&)"
)
_TRUST_TAIL = r"(?:\s+(?:FBO|f/b/o|for the benefit of)\s+[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,4})?"
#: An entity named by its legal form: "SLTA V (GP), L.L.C", "Fertitta Entertainment, Inc."
ENTITY_RE = re.compile(
    # "G.research, LLC": an initial joined to a lower-case word is one name word
    rf"\b(?!\d+\.\s)[A-Z0-9](?:[\w&'\-]|\.(?=[A-Z])|(?<=\b[A-Z])\.(?=[a-z]{{3}}))*"
    rf"(?:(?<=\b\w)\.|(?<=\b\w\w)\.|(?<=\b\w\w\w)\.)?"
    rf"(?:\s+{_NAME_TOKEN}){{0,10}}?,?\s+{_LEGAL_FORM}{_TRUST_TAIL}"
)

#: A name that ends with its legal form ("Alpha LLC"): no other name continues it.
_ENDS_WITH_FORM = re.compile(rf"{_LEGAL_FORM}\s*$")
#: Where an ``ENTITY_RE`` match can end its name: a whitespace character before the start of
#: one of the legal forms (``,?\s+{_LEGAL_FORM}``). Every match holds one.
_ENTITY_ANCHOR = re.compile(
    # (the forms' first letters first: a fast test at each blank)
    r"\s(?=[LINCpGSTABURP])(?=L\.|LL[CP]|LLLP|LP|Inc|Ltd|Limited|Corp|Company|N\.|plc|GmbH|S\.|Trust|AG|B\.|Sdn|Berhad|Co\."
    r"|ULC|SARL|SICAV"
    r"|Stock|Savings|Retirement|Profit|Pension|Thrift|LDC)"
)
#: The legal form after an anchor, as ``ENTITY_RE`` reads it there.
_FORM_AT = re.compile(_LEGAL_FORM)
#: Where an ``ENTITY_RE`` match can start (its first token).
_ENTITY_START = re.compile(r"\b[A-Z0-9]")
#: ``ENTITY_RE`` has at most 11 whitespace runs before the legal form outside its
#: parenthesised words (10 separators, and the one before the form); a margin on top.
_ENTITY_RUNS = 13
#: The characters that can follow a blank inside the name part of an ``ENTITY_RE`` match,
#: outside its parenthesised words: the first of a name word (``_NAME_TOKEN``: a capital,
#: a digit, "(", "&", "of") or another blank.
_AFTER_BLANK = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789(&")
#: A parenthesised name word (``_NAME_TOKEN``), which holds blanks before any word.
_PAREN_WORD = re.compile(r"\([A-Z][\w\- ]*\)")


def _entity_floor(text: str, q: int, parens: list[tuple[int, int]] | None = None) -> int:
    """The earliest start of an ``ENTITY_RE`` match whose legal form follows ``text[q]``.

    Walks back over whitespace runs, skipping "(...)" groups (a parenthesised word holds
    spaces): a match cannot start before the ``_ENTITY_RUNS + 1``-th run, nor before a
    blank followed by what starts no name word (" the", " and", a comma, a masked name):
    no match holds one outside the parenthesised words (``parens``, the spans of
    ``_PAREN_WORD`` in ``text``; None: the runs only).

    >>> text = "a b c d e f g h i j k l m n o p Fund LLC"
    >>> text[_entity_floor(text, text.index(" LLC")) :]
    'd e f g h i j k l m n o p Fund LLC'
    >>> text = "held by Alpha (the Fund) and Beta Omega LLC"
    >>> text[_entity_floor(text, text.index(" LLC"), []) :]
    'and Beta Omega LLC'
    """
    runs = 0
    in_ws = False
    i = q
    while i > 0:
        c = text[i - 1]
        if c == ")":
            j = text.rfind("(", 0, i - 1)
            if j < 0:
                return 0
            i = j
            in_ws = False
            continue
        if c.isspace():
            if not in_ws:
                runs += 1
                if runs > _ENTITY_RUNS:
                    return i
                in_ws = True
                if (
                    parens is not None
                    and text[i] not in _AFTER_BLANK
                    and not text[i].isspace()
                    and not text.startswith("of", i)
                    and not _inside(parens, i)
                ):
                    return i
        else:
            in_ws = False
        i -= 1
    return 0


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    """True when ``i`` lies inside one of the sorted, disjoint ``spans``."""
    k = bisect.bisect_right(spans, (i, 1 << 62)) - 1
    return k >= 0 and spans[k][0] < i < spans[k][1]


def _entities(masked: str) -> Iterator[re.Match[str]]:
    """``ENTITY_RE.finditer(masked)``, trying only the places a match can start.

    The plain scan tries a lazy run of up to ten name words from every capitalised word;
    a match needs a legal form within a few words, so only the positions in the windows
    before each (:func:`_entity_floor`) are tried, in order, resuming after each match; a
    place where a legal form's first letters stand but no legal form is read opens none.
    """
    windows: list[list[int]] = []
    parens = [m.span() for m in _PAREN_WORD.finditer(masked)] if "(" in masked else []
    for a in _ENTITY_ANCHOR.finditer(masked):
        if not _FORM_AT.match(masked, a.end()):
            continue  # no legal form here ("Including", "Trustee"): no match ends here
        lo, hi = _entity_floor(masked, a.start(), parens), a.start()
        if windows and lo <= windows[-1][1] + 1:
            windows[-1][1] = max(windows[-1][1], hi)
            windows[-1][0] = min(windows[-1][0], lo)
        else:
            windows.append([lo, hi])
    # floors need not grow with the anchor: merge overlapping windows once more
    windows.sort()
    merged: list[list[int]] = []
    for lo, hi in windows:
        if merged and lo <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    pos = 0
    for lo, hi in merged:
        p = max(lo, pos)
        while p <= hi:
            s = _ENTITY_START.search(masked, p, hi + 1)  # every match starts so
            if s is None:
                break
            p = s.start()
            m = ENTITY_RE.match(masked, p)
            if m is None:
                p += 1
                continue
            m = _joined(masked, m)
            yield m
            pos = p = m.end()


#: A name's "& Company" / "& Co." is part of a longer name when another name with its own
#: legal form follows after one space ("Gabelli & Company Investment Advisers, Inc.").
_AMP_COMPANY = re.compile(r"&\s+(?:Company|Co\.)$")
_WHOLE = re.compile(r".+", re.S)
#: A benefit plan named after its sponsor ("Acme Corp. Employees' Savings Plan").
_PLAN = re.compile(r"\bPlan$")
_PLAN_TAIL = re.compile(
    r" (?:[A-Z][\w'\-]*\s+)??(?:Stock\s+Ownership|Savings|Retirement|Profit[\s\-]+Sharing|Pension"
    r"|Thrift|Stock\s+Bonus|Stock\s+Purchase)\s+Plan\b"
)
_SENTENCE_WORD = re.compile(r"(?:The|This|That|These|Such|Each|Its|His|Her|Their|A|An)\b")


def _joined(masked: str, m: re.Match[str]) -> re.Match[str]:
    """``m``, or ``m`` joined with the entity name right after it when ``m`` ends "&
    Company" or the next name is a benefit plan (named after its sponsor).

    >>> t = "by Gabelli & Company Investment Advisers, Inc. and"
    >>> _joined(t, ENTITY_RE.search(t)).group(0)
    'Gabelli & Company Investment Advisers, Inc.'
    """
    while masked[m.end() : m.end() + 1] == " ":
        nxt = ENTITY_RE.match(masked, m.end() + 1)
        if nxt is None or _SENTENCE_WORD.match(nxt.group(0)):
            break  # "... & Co. The Reporting Person": a new sentence
        if not (_AMP_COMPANY.search(m.group(0)) or _PLAN.search(nxt.group(0))):
            break
        j = _WHOLE.match(masked, m.start(), nxt.end())
        if j is None:
            break
        m = j
    tail = _PLAN_TAIL.match(masked, m.end())
    if tail:  # "Acme Corporation Savings Plan"
        m = _WHOLE.match(masked, m.start(), tail.end()) or m
    return m


# ----------------------------------------------------------------------------- a found name

_NOT_NAMES = re.compile(
    r"^(?:The|This|These|Each|Such|Shares|Common|Class|Item|Schedule|Rule|Section|Exchange"
    r"|Securities|Series|Form|Exhibit|Any|All|No|Its|Their|Reporting)\b"
)


def _trim_name(s: str) -> str:
    s = s.strip().strip(",")
    # "Incorporated by Reference Appendix A Vanguard Fiduciary Trust Company": a heading
    s = re.sub(
        r"^(?:(?:Reference|Appendix|Exhibit|Schedule|Annex)\s+(?:[A-Z0-9][\w.\-]{0,5}\s+)?)+", "", s
    )
    # a leading article or "Mr." is not part of a name
    s = re.sub(
        r"^(?:(?:Each|each|Both|both|Either|either)\s+of\s+(?:the\s+)?|The\s+|the\s+|An?\s+|Mr\.\s+|Ms\.\s+)+",
        "",
        s,
    )
    # "Investment Manager of Gabelli International Limited": the role, then the name
    return _ROLE_OF.sub("", s)


#: A capitalised role before the name it is held in (not an officer's title: "Chief
#: Executive Officer of X" may follow a name that holds it, read by the clause rules).
_ROLE_OF = re.compile(
    r"^(?:(?:Sole\s+)?(?:Investment\s+Manager|Investment\s+Advis[eo]r|General\s+Partner"
    r"|Managing\s+Member|Managing\s+Partner|Sole\s+Member"
    # an officer's title before the company it is held in ("President of Moser Foods, Inc.")
    r"|(?:(?:Executive|Non-Executive)\s+)?Chairman(?:\s+of\s+the\s+Board)?"
    r"|(?:Senior\s+|Executive\s+)?(?:Vice\s+)?President|Chief\s+\w+\s+Officer|Director"
    r"|Treasurer|Secretary|Trustee)"
    r"(?:\s*(?:,|and|&)\s*(?:(?:Executive\s+)?Chairman|(?:Vice\s+)?President|Chief\s+\w+\s+Officer"
    r"|Director|Treasurer|Secretary))*"
    r"\s+(?:of|to)\s+(?:the\s+)?)+"
)


def _is_not_a_name(s: str) -> bool:
    return (
        bool(_NOT_NAMES.match(s))
        or "\x00" in s
        or len(s) < 4
        or bool(re.fullmatch(_LEGAL_FORM, s.strip(" ,.")))  # "Company", "Trust" alone
    )


# ----------------------------------------------------------------------------- funds by name

#: A fund named without a legal form ("Invesco Select Companies Fund", "Loeb Arbitrage
#: Fund"): capitalised words ending in "Fund" that no other name word, number or legal form
#: continues ("Fund II", "Fund, L.P." are :data:`ENTITY_RE`'s), at a run's first word.
_FUND_NAME = re.compile(
    r"(?<![\w&'\-.\x00])(?:The\s+)?[A-Z][\w&'\-]*(?:\s+(?:[A-Z0-9][\w&'\-]*|of|and|&)){1,7}"
    r"\s+Fund(?![\w\-])(?!,?\s*[A-Z0-9\x00])(?!\s*\((?![\"“]|the\s))"
)
#: :data:`_FUND_NAME` has at most 9 whitespace runs before its "Fund" (after "The", the
#: first word, up to 7 more words and the one before "Fund").
_FUND_RUNS = 9


def _fund_names(masked: str) -> Iterator[re.Match[str]]:
    """``_FUND_NAME.finditer(masked)``, trying only the capitals in the windows before each
    "Fund" that a match can start from (at most :data:`_FUND_RUNS` runs of blanks back), in
    order and resuming after each match; the plain scan runs the pattern's words from every
    capital of the text.

    >>> t = "by Alpha Beta Fund and The Gamma Delta Fund, which; Epsilon Zeta Fund"
    >>> [m.span() for m in _fund_names(t)] == [m.span() for m in _FUND_NAME.finditer(t)]
    True
    """
    windows: list[list[int]] = []
    f = masked.find("Fund")
    while f != -1:
        i, runs, blank = f - 1, 0, False
        while i >= 0:
            if masked[i].isspace():
                if not blank:
                    runs += 1
                    if runs > _FUND_RUNS:
                        break
                    blank = True
            else:
                blank = False
            i -= 1
        windows.append([i + 1, f])
        f = masked.find("Fund", f + 1)
    merged: list[list[int]] = []
    for lo, hi in sorted(windows):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    pos = 0
    for lo, hi in merged:
        p = max(lo, pos)
        while p < hi:
            c = _CAPITAL.search(masked, p, hi)
            if c is None:
                break
            p = c.start()
            m = _FUND_NAME.match(masked, p)
            if m is None:
                p += 1
                continue
            yield m
            pos = p = m.end()


_CAPITAL = re.compile(r"[A-Z]")

#: First words that make no fund's name: common words many names start with, numbers, and
#: participles of a transaction ("Acquiring Fund", "Acquired Fund").
_NOT_FUND_FIRST = frozenset(
    "american national first united international new royal central western eastern"
    " southern northern pacific atlantic bank special strategic select public private"
    " federal state city mutual union standard universal continental security north south"
    " east west great little mid old all one two three four five six seven eight nine ten"
    " investors master feeder parallel pension endowment equity exchange closed-end"
    " coinvestment co-investment investment offshore onshore domestic global index money"
    " income growth value capital each such any the this that these its their our his her"
    " item schedule section rule".split()
)


def named_funds(masked: str, taken: tuple[re.Match[str], ...] = ()) -> list[re.Match[str]]:
    """Funds a text names without a legal form, outside the spans of ``taken`` (the
    :data:`ENTITY_RE` names): at least two words before "Fund", the first a capitalised word
    that is not a common first word (:data:`_NOT_FUND_FIRST`) nor a participle ("Acquiring").

    >>> [m.group(0) for m in named_funds("it advises Invesco Select Companies Fund which own")]
    ['Invesco Select Companies Fund']
    >>> [m.group(0) for m in named_funds("the Acquiring Fund and Special Situations Fund")]
    []
    >>> [m.group(0) for m in named_funds("Alpha Value Fund, L.P. and Beta Fund II")]
    []
    >>> [m.group(0) for m in named_funds("by Harraden Fund and Harraden Special Op Fund.")]
    []
    """
    out: list[re.Match[str]] = []
    if "Fund" not in masked:
        return out
    spans = [m.span() for m in taken]
    for m in _fund_names(masked):
        words = m.group(0).split()
        if words[0] == "The":
            words = words[1:]
        first = words[0].lower()
        if len(words) < 3 or first in _NOT_FUND_FIRST or first.endswith(("ing", "ed")):
            continue
        if any(w in ("Fund", "Funds") for w in words[:-1]):
            continue  # two names ("Harraden Fund and Harraden Special Op Fund"), not one
        if any(a < m.end() and m.start() < b for a, b in spans):
            continue
        out.append(m)
    return out


#: A capitalised article printed as the first word of a name ("The Vanguard Group, Inc.",
#: "investment adviser to The GAMCO International SICAV").
_THE_BEFORE = re.compile(r"(?<![\w\-])(?:The|THE)\s$")


def the_start(text: str, start: int) -> int:
    """Where a name found at ``start`` begins with the capitalised "The" printed right before
    it: the article is the name's first word as printed, so the relation grammar (whose
    patterns allow a lower-case "the" before an object) reads "the general partner of The
    Acme Fund" as it reads "of the Acme Fund".

    >>> the_start("adviser to The Acme Fund Ltd.", 15), the_start("Other Acme Fund", 6)
    (11, 6)
    >>> the_start("XThe Acme Fund", 5), the_start("The Acme Fund", 4)
    (5, 0)
    """
    if start >= 4 and _THE_BEFORE.search(text, start - 4, start):
        return start - 4
    return start
