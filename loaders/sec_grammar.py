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
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ownergraph.graph.ids import normalize_name, party_id
from ownergraph.graph.vocab import Power, Role

# ----------------------------------------------------------------------------- names

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
#: A word of a name; initials join ("D.E. Shaw", "U.S. Bancorp").
_NAME_TOKEN = (
    r"(?:[A-Z0-9](?:[\w&'\-]|\.(?=[A-Z]))*(?:(?<=\b\w)\.|(?<=\b\w\w)\.|(?<=\b\w\w\w)\.)?"
    r"|\([A-Z][\w\- ]*\)|of|&)"
)
_TRUST_TAIL = r"(?:\s+(?:FBO|f/b/o|for the benefit of)\s+[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,4})?"
#: An entity named by its legal form: "SLTA V (GP), L.L.C", "Fertitta Entertainment, Inc."
ENTITY_RE = re.compile(
    rf"\b(?!\d+\.\s)[A-Z0-9](?:[\w&'\-]|\.(?=[A-Z]))*(?:(?<=\b\w)\.|(?<=\b\w\w)\.|(?<=\b\w\w\w)\.)?"
    rf"(?:\s+{_NAME_TOKEN}){{0,10}}?,?\s+{_LEGAL_FORM}{_TRUST_TAIL}"
)

#: A name that ends with its legal form ("Alpha LLC"): no other name continues it.
_ENDS_WITH_FORM = re.compile(rf"{_LEGAL_FORM}\s*$")
#: Where an ``ENTITY_RE`` match can end its name: a whitespace character before the start of
#: one of the legal forms (``,?\s+{_LEGAL_FORM}``). Every match holds one.
_ENTITY_ANCHOR = re.compile(
    r"\s(?=L\.|LL[CP]|LLLP|LP|Inc|Ltd|Limited|Corp|Company|N\.|plc|GmbH|S\.|Trust|AG|B\.|Sdn|Berhad|Co\."
    r"|ULC|SARL|SICAV"
    r"|Stock|Savings|Retirement|Profit|Pension|Thrift|LDC)"
)
#: Where an ``ENTITY_RE`` match can start (its first token).
_ENTITY_START = re.compile(r"\b[A-Z0-9]")
#: ``ENTITY_RE`` has at most 11 whitespace runs before the legal form outside its
#: parenthesised words (10 separators, and the one before the form); a margin on top.
_ENTITY_RUNS = 13


def _entity_floor(text: str, q: int) -> int:
    """The earliest start of an ``ENTITY_RE`` match whose legal form follows ``text[q]``.

    Walks back over whitespace runs, skipping "(...)" groups (a parenthesised word holds
    spaces): a match cannot start before the ``_ENTITY_RUNS + 1``-th run.

    >>> text = "a b c d e f g h i j k l m n o p Fund LLC"
    >>> text[_entity_floor(text, text.index(" LLC")) :]
    'd e f g h i j k l m n o p Fund LLC'
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
        else:
            in_ws = False
        i -= 1
    return 0


def _entities(masked: str) -> Iterator[re.Match[str]]:
    """``ENTITY_RE.finditer(masked)``, trying only the places a match can start.

    The plain scan tries a lazy run of up to ten name words from every capitalised word;
    a match needs a legal form within a few words, so only the positions in the windows
    before each (:func:`_entity_floor`) are tried, in order, resuming after each match.
    """
    windows: list[list[int]] = []
    for a in _ENTITY_ANCHOR.finditer(masked):
        lo, hi = _entity_floor(masked, a.start()), a.start()
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


_FORM_VARIANTS = {
    "lp": r"L\.?\s?P\.?",
    "llc": r"L\.?\s?L\.?\s?C\.?",
    "llp": r"L\.?\s?L\.?\s?P\.?",
    "inc": r"Inc(?:orporated)?\.?",
    "ltd": r"(?:Ltd\.?|Limited)",
    "corp": r"(?:Corp\.?|Corporation)",
    "co": r"(?:Co\.?|Company)",
    "na": r"N\.?\s?A\.?",
    "sa": r"S\.?\s?A\.?",
}
_TITLES = ("Mr.", "Ms.", "Mrs.", "Dr.")
#: Words after a person's surname ("M. Dale Skeen, Ph.D.", "John Roe, Jr.").
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "ph.d", "phd", "m.d", "esq", "cpa"})


#: "and" in a normalised name: the word or an ampersand in the text.
_AND = "(?:and|&)"


def name_pattern(name: str) -> str:
    """A regex matching a name in text despite punctuation and legal-form spelling.

    >>> bool(re.fullmatch(name_pattern("Hospitality Headquarters Inc"),
    ...                   "Hospitality Headquarters, Inc.", re.I))
    True
    >>> bool(re.fullmatch(name_pattern("SLTA SPV-2 (GP), L.L.C."), "SLTA SPV-2 (GP), L.L.C", re.I))
    True
    """
    tokens = normalize_name(name).split()
    # "&" is normalised to "and": either is written ("Millé & O'Mill", "Smith and Jones")
    parts = [_AND if t == "and" else _FORM_VARIANTS.get(t, re.escape(t)) for t in tokens]
    sep = r"[\s,()\[\]\-./'\u2019]*"  # ASCII source: "\u2019" is the apostrophe ’
    n_forms = 0
    while n_forms < len(tokens) and tokens[len(tokens) - 1 - n_forms] in _FORM_VARIANTS:
        n_forms += 1
    if n_forms and len(tokens) - n_forms >= 3:
        # "Strategic Value Master Fund" names "Strategic Value Master Fund, Ltd."
        base, forms = parts[: len(parts) - n_forms], parts[len(parts) - n_forms :]
        core = sep.join(base) + "(?:" + sep + sep.join(forms) + ")?"
    else:
        core = sep.join(parts)
    return rf"(?<![\w\-]){core}(?:\))?(?![\w\-])"  # "Keeley-Teton" is not "Teton"


@functools.lru_cache(maxsize=4096)
def _short_name_regex(name: str) -> re.Pattern[str] | None:
    """A two-word name without its legal form ("LionEye Advisors" for "LIONEYE ADVISORS
    LLC"), not followed by another capitalised word (then it is part of a longer name).

    >>> rx = _short_name_regex("LIONEYE ADVISORS LLC")
    >>> bool(rx.match("LionEye Advisors, as")), bool(rx.match("LionEye Advisors Fund LP"))
    (True, False)
    """
    tokens = normalize_name(name).split()
    n = 0
    while n < len(tokens) and tokens[len(tokens) - 1 - n] in _FORM_VARIANTS:
        n += 1
    base = tokens[: len(tokens) - n]
    if not n or len(base) != 2 or not all(t.isascii() and t.isalnum() for t in base):
        return None
    core = r"[\s\-]+".join(re.escape(t) for t in base)
    return re.compile(rf"(?<![\w\-])(?i:{core})(?![\w\-])(?!\s*,?\s*(?:[A-Z0-9&(]|L\.))")


@functools.lru_cache(maxsize=4096)
def _name_regex(name: str) -> tuple[re.Pattern[str], str | None]:
    """:func:`name_pattern` compiled (case-insensitive), with the literal every match starts with.

    The literal is the name's first word when it is plain ASCII (not a legal-form word,
    whose spellings vary): a match can only start where :func:`_fold` of the text has it.

    >>> _name_regex("NCCS New Circle Holdings, LLC")[1]
    'nccs'
    """
    return re.compile(name_pattern(name), re.I), _first_literal(name)


@functools.lru_cache(maxsize=4096)
def _folded_name_regex(name: str) -> re.Pattern[str] | None:
    """:func:`name_pattern` in lower case, compiled without ``re.I``, for :func:`_fold` of
    the text: it matches there exactly where :func:`_name_regex` matches the text (an
    ASCII pattern; ``_fold`` maps the only non-ASCII characters ``re.I`` equates with ASCII
    letters and keeps the length). Compiling without ``re.I`` costs a third. None for a
    pattern with non-ASCII characters (use :func:`_name_regex`).

    >>> _folded_name_regex("NCCS New Circle Holdings, LLC").match("nccs new circle holdings llc")
    <re.Match object; span=(0, 28), match='nccs new circle holdings llc'>
    """
    pattern = name_pattern(name)
    if not pattern.isascii():
        return None
    return re.compile(pattern.lower())


@functools.lru_cache(maxsize=4096)
def _first_literal(name: str) -> str | None:
    """The literal every match of :func:`_name_regex` starts with (see there), or None."""
    tokens = normalize_name(name).split()
    first = tokens[0] if tokens else None
    if first is not None and (first in _FORM_VARIANTS or first == "and" or not first.isascii()):
        first = None  # a legal form or "and" ("&" in the text): spellings vary
    return first


#: The only non-ASCII characters that match an ASCII letter under ``re.I`` (checked over all
#: of Unicode in tests/test_parse_speed.py), and the one whose ``lower()`` is two characters.
_IGNORECASE_ODD = re.compile("[\u0130\u0131\u017f\u212a]")
_IGNORECASE_ASCII = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


def _fold(text: str) -> str:
    """Lower-case ``text`` keeping its length, so that an ASCII word matches ``text`` under
    ``re.I`` at ``p`` only if it equals ``_fold(text)[p : p + len(word)]``.

    >>> _fold("NCCS Holdings")
    'nccs holdings'
    """
    if not text.isascii():
        text = _IGNORECASE_ODD.sub(lambda m: _IGNORECASE_ASCII[m.group(0)], text)
    return text.lower()


def _finditer_at(
    rx: re.Pattern[str], text: str, hay: str, literal: str | None
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` trying only the places where ``hay`` holds ``literal``.

    Exact when every match of ``rx`` starts with ``literal`` in ``hay`` (``text`` or its
    :func:`_fold`); the name patterns start with a lookbehind, which makes the plain scan
    slow at every position. No literal (``None``, empty) is the plain scan.
    """
    if not literal:
        yield from rx.finditer(text)
        return
    pos = 0
    i = hay.find(literal)
    while i != -1:
        m = rx.match(text, i)
        if m is not None:  # not empty: it holds the literal
            yield m
            pos = m.end()
        i = hay.find(literal, max(i + 1, pos))


def person_display(name: str) -> str:
    """A person's name in reading order from SEC order ("FERTITTA TILMAN J").

    Reporting-owner names are filed "Last First Middle": the last word moves... no, the
    *first* word (the surname) moves to the end; an all-capitals name is title-cased.

    >>> person_display("FERTITTA TILMAN J")
    'Tilman J Fertitta'
    >>> person_display("Durban Egon")
    'Egon Durban'
    >>> person_display("SMITH JOHN A JR")
    'John A Smith Jr'
    """
    words = name.replace(",", " ").split()
    if len(words) < 2:
        return name.strip()
    suffix = []
    if words[-1].rstrip(".").upper() in {"JR", "SR", "II", "III", "IV"}:
        suffix = [words.pop()]
    out = words[1:] + words[:1] + suffix
    s = " ".join(out)
    if s.isupper():
        s = " ".join(w if w in {"II", "III", "IV"} else w.capitalize() for w in s.split())
    return s


def looks_like_entity(name: str) -> bool:
    """True when a name carries an entity word (legal form, trust, fund, partners ...).

    >>> looks_like_entity("SLTA IV (GP), L.L.C."), looks_like_entity("GARRETT MARK")
    (True, False)
    """
    n = f" {normalize_name(name)} "
    words = (
        " llc ",
        " lp ",
        " llp ",
        " inc ",
        " ltd ",
        " corp ",
        " co ",
        " na ",
        " sa ",
        " plc ",
        " trust ",
        " fund ",
        " funds ",  # "TIAA-CREF Funds (“Funds”)"
        " account ",  # "TIAA Separate Account VA-1 (“VA-1”)"
        " partners ",
        " partnership ",
        " holdings ",
        " group ",
        " capital ",
        " management ",
        " associates ",
        " bank ",
        " foundation ",
        " gmbh ",
        " ulc ",
        " lllp ",
        " sarl ",
        " sicav ",
        " ag ",
        " nv ",
        " bv ",
        " advisors ",
        " advisers ",
        " investments ",
        " series ",
    )
    return any(w in n for w in words)


# ----------------------------------------------------------------------------- book


@functools.lru_cache(maxsize=4096)
def _title_regex(
    title: str, last: str, given: tuple[str, ...] = (), suffix: str = ""
) -> re.Pattern[str]:
    """ "Mr. Raneri", "Mr. Stephen Raneri" for a person whose last name is ``last``; a name
    printed in capitals ("NICK DEMARE") is "Mr. DeMare" in the prose. The words between
    the title and the surname are the person's own ``given`` names or initials ("Mr. Dennis
    C. Snyder" is not C.H. Snyder).

    >>> bool(_title_regex("Mr.", "DEMARE").match("Mr.  DeMare has")), bool(
    ...     _title_regex("Mr.", "Raneri").match("Mr. RANERI"))
    (True, False)
    >>> rx = _title_regex("Mr.", "Snyder", ("C", "H"), "Jr")
    >>> bool(rx.match("Mr. C.H. Snyder")), bool(rx.match("Mr. Dennis C. Snyder"))
    (True, False)
    >>> rx.match("Mr. C.H. Snyder, Jr., Mr. Dennis").group(0)  # the person's own suffix
    'Mr. C.H. Snyder, Jr.'
    """
    surname = f"(?i:{re.escape(last)})" if last.isupper() and len(last) > 2 else re.escape(last)
    if given:
        words = "|".join(re.escape(g) for g in sorted(set(given), key=len, reverse=True))
        between = rf"(?:(?i:{words})(?:\.\s*|\s+))*?"
    else:
        between = r"(?:[A-Z][\w.]*\s+)*?"
    tail = rf"(?:,?\s+{re.escape(suffix)}\b\.?)?" if suffix else ""
    return re.compile(rf"{re.escape(title)}\s+{between}{surname}\b{tail}")


@functools.lru_cache(maxsize=4096)
def _alias_regex(term: str) -> re.Pattern[str]:
    """A defined term as printed; a legal form closing it in any spelling ("Montrose L.P."
    is also "Montrose LP").

    >>> bool(_alias_regex("Montrose L.P.").search("held by Montrose LP, which"))
    True
    """
    words = term.split()
    form = words[-1].replace(".", "").lower() if len(words) > 1 else ""
    if form in _FORM_VARIANTS and form not in ("co", "na", "sa"):
        head = r"\s+".join(re.escape(w) for w in words[:-1])
        return re.compile(rf"(?<![\w\-]){head},?\s+(?i:{_FORM_VARIANTS[form]})(?![\w\-])")
    return re.compile(rf"(?<![\w\-]){re.escape(term)}(?![\w\-])")


#: Before a word inside a quoted defined term: '(“', '(the "', '(“Life '.
_IN_TERM = re.compile(r"\((?:[^()\"“”]{0,40}?\s)?(?:the\s+|a\s+)?[\"“][^\"”()]{0,60}$")


#: A name found by its legal form that starts with a person's suffix: "Jr. Trust".
_SUFFIX_TRUST = re.compile(r"(?:Jr|Sr|II|III|IV)\b\.?\s+\S")


@dataclass(frozen=True)
class Mention:
    """A stretch of text naming one party or, for a plural defined term, several."""

    start: int
    end: int
    keys: tuple[str, ...]
    surface: str


@dataclass
class NameBook:
    """The parties a document knows, their spellings, and its defined terms."""

    names: dict[str, str] = field(default_factory=dict)  # key -> display name
    spellings: dict[str, list[str]] = field(default_factory=dict)
    persons: set[str] = field(default_factory=set)
    issuer_key: str | None = None
    # (a name, compiled on first use, or a pattern; its keys; the literal it starts with)
    _patterns: list[tuple[str | re.Pattern[str], tuple[str, ...], str | None]] = field(
        default_factory=list
    )
    # (pattern, keys, the term: every match is the term itself)
    _alias_patterns: list[tuple[re.Pattern[str], tuple[str, ...], str]] = field(
        default_factory=list
    )
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _surnames: dict[str, set[str]] = field(default_factory=dict)  # surname -> person keys
    text_only: set[str] = field(default_factory=set)  # keys first seen in prose
    # mentions() results of calls that changed nothing, by text and book size (the book
    # only grows, so its sizes name its state)
    _memo: dict[tuple[Any, ...], tuple[Mention, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def _size(self) -> tuple[int, int, int, int, int]:
        return (
            len(self._patterns),
            len(self._alias_patterns),
            len(self.persons),
            len(self.names),
            sum(len(v) for v in self._surnames.values()),
        )

    def add_party(
        self, key: str, name: str, *, person: bool = False, spellings: Iterable[str] = ()
    ) -> None:
        """Register a known party with every spelling to look for."""
        self.names.setdefault(key, name)
        seen = self.spellings.setdefault(key, [])
        for s in (name, *spellings):
            if s and s not in seen:
                seen.append(s)
                self._patterns.append((s, (key,), _first_literal(s)))
        if not person:
            short = _short_name_regex(name)
            if short is not None:  # "LionEye Advisors" for "LIONEYE ADVISORS LLC"
                self._patterns.append((short, (key,), normalize_name(name).split()[0]))
        if person:
            self.persons.add(key)
            parts = [w.strip(".,") for w in name.split()]
            parts = [w for w in parts if w.lower() not in _NAME_SUFFIXES]
            if len(parts) > 1 and len(parts[-1]) >= 4 and parts[-1][:1].isupper():
                self._surnames.setdefault(parts[-1], set()).add(key)
                if parts[-1].isupper():  # "STEPHEN RANERI" is "Mr. Raneri" in the prose
                    self._surnames.setdefault(parts[-1].title(), set()).add(key)
            words = [w for w in re.split(r"\s+", name.strip()) if w]
            if words:
                last = words[-1].rstrip(".,")
                suffix = ""
                if last.lower() in _NAME_SUFFIXES and len(words) > 1:
                    suffix, last = last, words[-2].rstrip(".,")
                given = tuple(
                    g
                    for w in parts[:-1]
                    for g in re.split(r"[.\s]+", w.strip("\"“”'(),"))
                    if g and g.lower() not in _NAME_SUFFIXES
                )
                for t in _TITLES:  # every match starts with the title (folded: "mr.")
                    rx = _title_regex(t, last, given, suffix)
                    self._patterns.append((rx, (key,), t.lower()))

    def add_alias(self, term: str, keys: tuple[str, ...]) -> None:
        """Register a defined term ("Fund", "SLTA IV GP") for one or more parties."""
        if term in self.aliases or not keys:
            return
        self.aliases[term] = keys
        self._alias_patterns.append((_alias_regex(term), keys, term))

    def key_for_text_name(self, name: str) -> str:
        """The key of a party named only in prose (created on first sight)."""
        key = party_id(name=name)
        if key not in self.names:
            self.names[key] = name
            self.text_only.add(key)
            self.spellings[key] = [name]
            self._patterns.append((name, (key,), _first_literal(name)))
        return key

    def mentions(self, text: str, *, discover: bool = True) -> list[Mention]:
        """Every non-overlapping mention in ``text``, longest first, in text order."""
        key = (text, discover, *self._size())
        hit = self._memo.get(key)
        if hit is not None:
            return list(hit)
        out = self._mentions(text, discover=discover)
        if self._size() == key[2:]:  # learnt nothing: the same call gives the same answer
            self._memo[key] = tuple(out)
        return out

    def _mentions(self, text: str, *, discover: bool) -> list[Mention]:
        found: list[Mention] = []
        folded = _fold(text)
        present: dict[str, bool] = {}  # many spellings share their first word
        for pat, keys, first in self._patterns:
            if first:
                here = present.get(first)
                if here is None:
                    here = present[first] = first in folded
                if not here:
                    continue
            if isinstance(pat, str):  # a name: compiled once the text may hold it
                rx = _folded_name_regex(pat)
                if rx is not None:
                    for m in _finditer_at(rx, folded, folded, first):
                        if m.end() > m.start():
                            found.append(
                                Mention(m.start(), m.end(), keys, text[m.start() : m.end()])
                            )
                    continue
                pat = _name_regex(pat)[0]
            for m in _finditer_at(pat, text, folded, first):
                if m.end() > m.start():
                    found.append(Mention(m.start(), m.end(), keys, m.group(0)))
        # a surname alone ("Royan and Peter Thiel") names the one person who bears it,
        # unless another capitalised word follows ("Thiel Capital LLC")
        for surname, keys in self._surnames.items():
            if len(keys) != 1 or surname not in text:
                continue
            for m in _finditer_at(_surname_regex(surname), text, text, surname):
                before = text[max(0, m.start() - 30) : m.start()]
                if re.search(r"[A-Z][\w.]*\s+$", before) and not re.search(
                    r"\b(?:Mr|Ms|Mrs|Dr|Drs|Messrs|Mses)\.?\s+$", before
                ):
                    continue  # "Amy Garrett": another person's first name before it
                found.append(Mention(m.start(), m.end(), tuple(keys), m.group(0)))
        chosen = _non_overlapping(found)
        aliases: list[Mention] = []
        for pat, keys, term in self._alias_patterns:
            lit = term.split()[0] if term.strip() else term  # every match starts with it
            if lit and lit not in text:
                continue
            for m in _finditer_at(pat, text, text, lit):
                # a quoted term in parentheses is its definition, not a use ... unless it
                # follows a preposition ("the general partner of ("SLTA IV")")
                q = text[max(0, m.start() - 64) : m.start()]
                # (also a word inside a quoted term: "Funds" in '(“Life Funds”)')
                if _IN_TERM.search(q) and not re.search(
                    r"\b(?:of|by|to)\s+\($", text[max(0, m.start() - 8) : m.start() - 1]
                ):
                    continue
                aliases.append(Mention(m.start(), m.end(), keys, m.group(0)))
        if discover:
            masked = _mask(text, chosen)
            alias_spans = {(x.start, x.end) for x in aliases}
            extra = []
            for m in _entities(masked):
                surface = _trim_name(m.group(0))
                if not surface or _is_not_a_name(surface):
                    continue
                start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
                start = masked.find(surface, start)
                if text[max(0, start - 1) : start] in ('"', "“") or surface in self.aliases:
                    continue  # a defined term ("II LP"), not a new party
                if any(s0 <= start and start + len(surface) <= e0 for s0, e0 in alias_spans):
                    continue  # a defined term in another spelling ("Montrose LP")
                if any(s0 == start and text[e0 : e0 + 1] == "," for s0, e0 in alias_spans):
                    continue  # a list of defined terms ("Fund I, Fund II"), not one name
                # "Ming Hsieh Revocable Family Trust": a trust named after a known person;
                # "Morgan Stanley Investment Management Inc.": a company named after one
                for pm in chosen:
                    if (
                        (
                            pm.end < start
                            and (
                                not text[pm.end : start].strip()
                                # "Thomas G. Fitzgerald, Jr. Trust": the suffix, then the trust
                                or (
                                    text[pm.end : start].strip() == ","
                                    and _SUFFIX_TRUST.match(surface) is not None
                                )
                            )
                            and (
                                set(pm.keys) <= self.persons
                                or (
                                    pm.end + 1 == start
                                    and not _ENDS_WITH_FORM.search(pm.surface)
                                    and pm.keys != (self.issuer_key,)
                                )
                            )
                        )
                        or (
                            # "Benjamin Moore & Co. Employees' Stock Ownership Plan": a plan
                            # named after its sponsor
                            pm.end < start <= pm.end + 2
                            and re.fullmatch(r"\.? ", text[pm.end : start])
                            and _PLAN.search(surface)
                        )
                    ):
                        surface = text[pm.start : start + len(surface)]
                        chosen = [x for x in chosen if x is not pm]
                        start = pm.start
                        break
                end = start + len(surface)
                plan = [
                    pm
                    for pm in chosen
                    if end < pm.start <= end + 2
                    and re.fullmatch(r"\.? ", text[end : pm.start])
                    and _PLAN.search(pm.surface)
                    and pm.keys != (self.issuer_key,)
                ]
                if plan:
                    # "Benjamin Moore & Co. Employees' Stock Ownership Plan" where the book
                    # knows "Employees' Stock Ownership Plan": the sponsor names the plan
                    pm = plan[0]
                    chosen = [x for x in chosen if x is not pm]
                    chosen.append(Mention(start, pm.end, pm.keys, text[start : pm.end]))
                    continue
                key = self.key_for_text_name(surface)
                extra.append(Mention(start, start + len(surface), (key,), surface))
            chosen = chosen + extra
        chosen = _non_overlapping(aliases + chosen)  # a defined term wins a tie
        return sorted(chosen, key=lambda x: x.start)


@functools.lru_cache(maxsize=4096)
def _surname_regex(surname: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.\-\"“]){re.escape(surname)}(?![\w\-\"”])(?!\s+[A-Z&])")


def _non_overlapping(found: list[Mention]) -> list[Mention]:
    found = sorted(found, key=lambda x: (-(x.end - x.start), x.start))
    taken: list[Mention] = []
    # the taken spans never overlap: kept sorted by start, only the neighbours of a new
    # span's place can overlap it
    spans: list[tuple[int, int]] = []
    for m in found:
        i = bisect.bisect_left(spans, (m.start, m.end))
        # every taken span starting before m.start ends at or before m.start (or overlaps)
        ok = all(
            m.end <= t_start or m.start >= t_end for t_start, t_end in spans[max(0, i - 1) : i + 1]
        )
        if ok and i >= 2 and spans[i - 2][1] > m.start:
            ok = False
        if ok:
            taken.append(m)
            spans.insert(i, (m.start, m.end))
    return taken


def _mask(text: str, mentions: list[Mention]) -> str:
    """``text`` with every mentioned character replaced by NUL (same length).

    >>> _mask("ab cd", [Mention(3, 5, (), "cd"), Mention(0, 1, (), "a")])
    '\\x00b \\x00\\x00'
    """
    out: list[str] = []
    pos = 0
    for m in sorted(mentions, key=lambda x: x.start):
        a = max(m.start, pos)
        if m.end > a:
            out.append(text[pos:a])
            out.append("\x00" * (m.end - a))
            pos = m.end
    out.append(text[pos:])
    return "".join(out)


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


# ----------------------------------------------------------------------------- terms

_DEFINITION = re.compile(
    r"\((?P<pre>[^()\"“]*?)(?:the\s+|a\s+|an\s+)?[\"“](?P<term>[^\"”]{1,60})[\"”]"
    r"(?P<post>[^()]*?)\)"
)


#: A defined term that names parties together ("the Funds", "the GP Entities").
_COLLECTIVE = re.compile(
    r"Fund|Partner|Entit|Person|Holder|Group|GP|LP|Investor|Member|Compan|Account|Vehicle"
    r"|Manager|Advis|Trust|Affiliate|Stockholder|Shareholder|Owner|Filer|Part(?:y|ies)",
    re.I,
)


#: A capitalised name just before a defined term: "College Retirement Equities Fund (".
_NAMED_BEFORE = re.compile(
    r"(?P<name>(?<![\w\-])[A-Z][\w&'\-]*(?:\s+(?:[A-Z0-9][\w&'\-.]*|of|and|&|for|the)){1,8})[\s,]*$"
)


#: Between a name and its defined term: a description ("X, a Delaware corporation and a
#: wholly owned subsidiary of Y (as defined below) (“Z”)"), with parenthesised words.
_DESCRIBED = re.compile(
    r"[\s,]*(?:\([^()\"“]*\)[\s,]*)?(?:an?\s+(?:[^()\"“;]|\([^()\"“]*\)){0,160}?[\s,]*)?"
)


#: A description of an unnamed client or account just before its defined term.
_DESCRIBED_PARTY = re.compile(
    r"(?:^|[\s,])an?\s+(?:[a-z][\w\-]*\s+){0,5}(?:account|client)s?"
    r"(?P<of>\s+(?:of|to|for)\s+[^()\"“;.]{1,60})?\s*$"
)


#: The last word of a defined term that names a thing, not a party.
_NOT_A_PARTY_TERM = re.compile(
    r"\b(?:Agreements?|Merger|Time|Date|Transactions?|Offering|Closing|Shares|Stock|Securities"
    r"|Consideration|Price|Period|Amendment|Statement|Financing|Reorganization|Transfer|Act)$"
)


#: A term without quotes: "Capital International Limited (CIL)", "Capital International S.A. (CISA)".
_BARE_TERM = re.compile(r"\((?P<term>[A-Z][A-Z0-9&]{1,9})\)")


def bare_terms(text: str, book: NameBook) -> None:
    """Bind 'NAME (ACRONYM)' when the acronym is made of the name's initials, in order
    ("Capital International S.A. (CISA)"); "Common Stock (CUSIP)" binds nothing."""
    for m in _BARE_TERM.finditer(text):
        term = m.group("term")
        if term in book.aliases:
            continue
        before = text[max(0, m.start() - 160) : m.start()]
        ments = [x for x in book.mentions(before) if not before[x.end :].strip()]
        if not ments or len(ments[-1].keys) != 1:
            continue
        words = re.findall(r"[A-Za-z0-9]+", book.names[ments[-1].keys[0]])
        initials = "".join(w[0] for w in words).lower()
        it = iter(initials)
        if term[0].lower() == initials[:1] and all(c in it for c in term.lower() if c != "&"):
            book.add_alias(term, ments[-1].keys)


def _term_names(term: str, name: str) -> bool:
    """True when a defined term is a name's first words ("Celtic Intermediate" for
    "Celtic Intermediate Corp.").

    >>> _term_names("Celtic Intermediate", "Celtic Intermediate Corp."), _term_names("Fund", "Fund X LP")
    (True, False)
    """
    t, n = normalize_name(term).split(), normalize_name(name).split()
    return len(t) >= 2 and len(n) > len(t) and n[: len(t)] == t


def define_terms(text: str, book: NameBook) -> None:
    """Learn the defined terms of a text: ``NAME ... (the "Term")`` binds Term to NAME.

    The antecedent is the last mention before the parenthesis in the same clause;
    "(together with X, the "Funds")" binds a plural term to both. A quoted term that is
    already defined is a use, not a definition. Persons named only in the text are
    registered first (:mod:`loaders.sec_persons`).
    """
    from ownergraph.loaders.sec_groups import discover_groups  # they build on this module
    from ownergraph.loaders.sec_persons import discover_persons

    discover_persons(text, book)
    discover_groups(text, book)
    for m in _DEFINITION.finditer(_flatten_parens(text)):
        term = m.group("term").strip()
        if term in book.aliases or term.lower().startswith(("reporting person", "act")):
            continue
        if _NOT_A_PARTY_TERM.search(term):
            continue  # "(the “Merger”)", "(the “Effective Time”)": a thing, not a party
        if re.search(r"\b(?:issuer|company)\b", term, re.I) and book.issuer_key:
            book.add_alias(term, (book.issuer_key,))
            continue
        before = text[max(0, m.start() - 400) : m.start()]
        inside = book.mentions(before)
        clause_start = -1
        for bm in re.finditer(r"[.;]\s+|\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)\s", before):
            if not any(x.start <= bm.start() < x.end for x in inside):
                clause_start = bm.end() - 1
        window = before[clause_start + 1 :]
        if re.match(r"(?:Mr|Ms|Mrs|Dr)\.\s", term):
            surname = term.split()[-1]
            who = [
                k
                for k in book.persons
                if re.search(rf"\b{re.escape(surname)}\b", book.names[k], re.I)
            ]
            # 'William E. Rose ("Mr. Rose") ... Evelyn P. Rose ("Mrs. Rose")': the person
            # named just before the parenthesis, when several bear the surname
            named = [
                x
                for x in book.mentions(window)
                if len(x.keys) == 1
                and x.keys[0] in who
                and re.fullmatch(r"[\s,]*", window[x.end :])
            ]
            if named:
                book.add_alias(term, named[-1].keys)
            elif len(who) == 1:
                book.add_alias(term, (who[0],))
            continue
        ments = [
            x
            for x in book.mentions(window)
            if x.keys != (book.issuer_key,)
            and not re.search(r"(?<!behalf )\bof\s+(?:the\s+)?$", window[: x.start])
        ]
        # the name just before the parenthesis, with at most a description between
        # ("AWM Investment Company, Inc. ("AWM")", "X, a Delaware limited partnership (")
        near = [
            x
            for x in book.mentions(window)
            if x.keys != (book.issuer_key,) and _DESCRIBED.fullmatch(window[x.end :])
        ]
        # the head of the apposition, not a name inside its description ("Celtic Tier II
        # Corp., a Delaware corporation and wholly-owned subsidiary of Celtic Intermediate
        # (“Celtic Tier II”)"); a term made of a name's first words names that party
        if len(near) > 1:
            heads = [x for x in near if _term_names(term, book.names.get(x.keys[0], x.surface))]
            heads = heads or [
                x
                for x in near
                if not re.search(r"\b(?:of|by|to|for|with)\s+(?:the\s+)?$", window[: x.start])
            ]
            near = heads[-1:] or near
        pre = text[m.start("pre") : m.end("pre")]
        named = _NAMED_BEFORE.search(window)
        if (
            near
            and named
            and named.start("name") < near[-1].start
            and near[-1].surface in book.aliases
            and not window[near[-1].end :].strip()
        ):
            # "TIAA-CREF Funds (“Funds”), TIAA-CREF Life Funds (“Life Funds”)": the term
            # "Funds" ends a longer name, which is the antecedent
            near = []
        named = None if near else named
        if (
            named
            and looks_like_entity(named.group("name"))
            and not _is_not_a_name(named.group("name"))
        ):
            # "the College Retirement Equities Fund (“CREF”)": a party named only here
            key = book.key_for_text_name(_trim_name(named.group("name")))
            book.add_alias(term, (key,))
            continue
        dm = _DESCRIBED_PARTY.search(window)
        if dm and (not near or (dm.group("of") and near[-1].start >= dm.start("of"))):
            # "a separate account investment advisory client of CCM (the “Separate
            # Account”)": a party the text names only by its term (convention 1), not CCM
            book.add_alias(term, (book.key_for_text_name(term),))
            continue
        if near:
            ments = near[-1:]
        elif not (
            ("together with" in pre or "collectively with" in pre) and _COLLECTIVE.search(term)
        ):
            # the name before the parenthesis is not one the book knows ("Roth CH
            # Acquisition IV Co., a Delaware corporation ("ROCG")"): an earlier name is
            # not its antecedent
            continue
        if not ments:
            continue
        keys = ments[-1].keys
        if ("together with" in pre or "collectively with" in pre) and _COLLECTIVE.search(term):
            inner = book.mentions(pre)
            keys = tuple(dict.fromkeys(keys + tuple(k for x in inner for k in x.keys)))
        elif pre.strip() and not re.fullmatch(
            r"\s*(?:each|collectively|together|jointly|and)?[\s,]*", pre, re.I
        ):
            continue
        elif re.search(r"collectively|together|jointly|each", pre, re.I) or (
            _COLLECTIVE.search(term.split()[-1])
            and term.endswith("s")
            and not set(normalize_name(term).split())
            & set(normalize_name(book.names.get(ments[-1].keys[0], "")).split())
        ):  # a plural term that is not a name's own words ("Icahn Partners")
            # "A, B and C (collectively, the “Individual Reporting Persons”)": the list
            keys = _listed_before(window, ments[-1], book)
        book.add_alias(term, keys)
        # '("Omega", and together with ACP, the "Funds")': a second term for a group
        post = text[m.start("post") : m.end("post")]
        pm = _TOGETHER_TERM.search(post)
        if pm and pm.group("term") not in book.aliases:
            others = tuple(k for x in book.mentions(pm.group("others")) for k in x.keys)
            if others:
                book.add_alias(pm.group("term"), tuple(dict.fromkeys(keys + others)))


#: A second, collective term after a definition: ', and together with ACP, the "Funds"'.
_TOGETHER_TERM = re.compile(
    r"(?:together|collectively)\s+with\s+(?P<others>[^\"“()]{1,200}?),?\s*(?:the\s+)?"
    r"[\"“](?P<term>[^\"”]{1,60})[\"”]",
    re.I,
)


def _listed_before(window: str, last: Mention, book: NameBook) -> tuple[str, ...]:
    """The keys of the list of names that ends with ``last`` ("A, B and C")."""
    ms = [x for x in book.mentions(window) if x.end <= last.end]
    i = next((j for j, x in enumerate(ms) if x.start == last.start), None)
    if i is None:
        return last.keys
    while i > 0 and _LIST_SEP.match(window[ms[i - 1].end : ms[i].start]):
        i -= 1
    return tuple(dict.fromkeys(k for x in ms[i:] for k in x.keys if x.end <= last.end))


def _flatten_parens(text: str) -> str:
    """Hide nested "(QP)" inside "(together with Pantheon Infrastructure (QP), the "Funds")"."""
    return re.sub(r"\(([A-Z][\w\- ]{0,20})\)", lambda m: "[" + m.group(1) + "]", text)


#: "(i) ", "(2) ": an enumeration, not a reference such as "Section 3(a)(6) of the Act".
_ENUM = re.compile(r"(?<![\w)])\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x|\d{1,2})\)\s")


def _last_enum(s: str) -> int:
    last = -1
    for m in _ENUM.finditer(s):
        last = m.start()
    return last


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
    "beneficiary": Role.BENEFICIARY,
    "beneficiarie": Role.BENEFICIARY,
    "investment committee member": Role.MEMBER,
    "member of the investment committee": Role.MEMBER,
    "controlling principal": Role.PARENT,
    "parent": Role.PARENT,
    "parent company": Role.PARENT,
    "parent holding company": Role.PARENT,
    "controlling person": Role.PARENT,
    "controlling stockholder": Role.PARENT,
    "control": Role.PARENT,  # "through their control of X"
    "controlling shareholder": Role.PARENT,
    "shareholder": Role.PARENT,
    "stockholder": Role.PARENT,
    "owner": Role.PARENT,
}
_ROLE_RE = re.compile(
    r"(?P<mods>(?:\b(?:sole|co|indirect|direct)\s*-?\s*)*)"
    r"\b(?P<role>general partner|managing member|managing partner|sole member"
    r"|members?\s+of\s+(?:the\s+)?investment\s+committee|investment\s+committee\s+member"
    r"|member|investment manager|investment advis[eo]r|managing director"
    r"|(?<!managing\s)(?<!board\sof\s)(?<!Board\sof\s)director(?=s?(?:\s+(?:of\b|and\s)|\s*,))"
    r"|(?<!investment\s)(?<!portfolio\s)(?<!asset\s)(?<!fund\s)(?<!general\s)manager(?=s?\s+of\b)"
    r"|chief executive officer|ceo|president|trustee|settlor|beneficiar(?:y|ie)"
    # "Chairman of FMR Corp." (director), "the Executive Chairman of AC" (officer): convention 14
    r"|(?:executive\s+)?chairman(?:\s+of\s+the\s+board)?(?=\s+(?:of\b|and\s)|\s*,)"
    # "as Co-Executor of the estate of the Decedent" (convention 14: other)
    r"|(?:co-?\s*)?(?:executor|executrix|personal\s+representative)(?=s?\s+of\b)"
    # "an officer and director of Micco", "shareholders and officers of SAC" (convention 3)
    r"|(?<!chief\s)(?<!Chief\s)(?:executive\s+)?officer(?=s?(?:\s+(?:of\b|and\s)|\s*,))"
    r"|controlling\s+(?:principal|person|stockholder|shareholder)"
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
_OF = re.compile(
    # "the predominant owners, directly or through trusts, of Y"
    r"^(?:\s*,\s*(?:directly|indirectly)(?:\s+or\s+(?:indirectly|through\s+[a-z\s]{1,30}?))?\s*,)?"
    # "sole shareholder, director and employee of MJG Associates"
    r"\s+(?:and\s+(?:the\s+|a\s+|an\s+)?(?:manager|director|officer|president|employee)\s+)?"
    r"(?:of|to|for),?\s+(?:each\s+of\s+)?(?:the\s+)?"  # "of, and investment manager to, Y"
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
#: Between the names of a list; a defined term may follow a name ("X ("X1") and Y").
_LIST_SEP = re.compile(
    r"^\s*(?:,\s*an?\s+[^,;()\"“]{1,80}?\s*(?=\())?"  # ", a Cayman Islands exempted company"
    r"(?:\((?:the\s+)?[\"“][^\"”()]{1,60}[\"”]\)\s*)?"
    r"(?:\(\s*(?:approximately\s+)?\d{1,3}(?:\.\d+)?\s*%\s*\)\s*)?"  # "A (60%) and B (40%)"
    r"(?:,\s*(?:and\s+)?|and\s+|,?\s*as\s+well\s+as\s+)"
    r"(?:the\s+)?$"
)
_COORD = re.compile(
    r"^[\s,]*(?:and\s+)?(?:is\s+|are\s+|as\s+)?(?:the\s+|its\s+|a\s+|an\s+)?$", re.I
)
#: After an object, a new appositive role: "Y ("Y1"), the general partner of Z".
_APPOSITIVE = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?,\s*(?:which\s+(?:is|are)\s+|who\s+(?:is|are)\s+)?(?:the|its|an?)\s+$",
    re.I,
)
_RELATIVE = re.compile(
    r"(?:,\s*)?\b(?:for|of|over)\s+which\b|\bwhose\b|,\s*which\s+(?:is|are)\b|\bwhich\s+serves?\b",
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


#: A full stop that ends a title or an initial, not a sentence ("Mr.", "Messrs.", "M.").
_NO_SENTENCE_END = re.compile(
    # "Series C." / "Class B." end a sentence: a class letter is no initial
    r"(?:\b(?:Mr|Ms|Mrs|Dr|Drs|Messrs|Mses)|(?<![.\w])(?<!Series\s)(?<!Class\s)[A-Z])\.$"
)


def clauses(text: str) -> list[tuple[int, int]]:
    """Split text into clauses at sentence ends, semicolons and "(i)"-style enumerations."""
    cuts = {0, len(text)}
    for m in re.finditer(r"(?<=[.;:])\s+(?=[A-Z*\"“]|\([a-z]{1,3}\)\s)|;\s*", text):
        if _NO_SENTENCE_END.search(text, max(0, m.start() - 8), m.start()):
            continue  # "Messrs. Andrew M. Boas": a title or an initial, not a sentence end
        cuts.add(m.end())
    for m in _ENUM.finditer(text):
        cuts.add(m.start())
    for m in re.finditer(r"\n\s*\n", text):
        cuts.add(m.end())
    pts = sorted(cuts)
    return [(a, b) for a, b in zip(pts, pts[1:], strict=False) if text[a:b].strip()]


def extract_links(text: str, book: NameBook) -> list[StatedLink]:
    """Control links stated in ``text`` (see the module docstring for the shapes read, and
    :mod:`loaders.sec_verbs` for the active verbs)."""
    from ownergraph.loaders.sec_verbs import verb_links  # it builds on this module

    out: list[StatedLink] = []
    all_mentions = book.mentions(text)
    starts = [m.start for m in all_mentions]
    for a, b in _merge_cut_mentions(clauses(text), all_mentions):
        # the mentions within [a, b) (sorted, not overlapping: a contiguous run)
        lo = bisect.bisect_left(starts, a)
        hi = bisect.bisect_left(starts, b)
        ments = [m for m in all_mentions[lo:hi] if m.end <= b]
        if not ments:
            continue
        out.extend(_clause_links(text, a, b, ments, book))
        out.extend(_inverse_links(text, a, b, ments, book))
        out.extend(_power_links(text, a, b, ments, book))
        out.extend(verb_links(text, a, b, ments, book))
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
    out = []
    for sl in links:
        if sl.role is Role.STATED_POWER and reaches(sl.controller, sl.controlled):
            continue
        v, i = powers.get((sl.controller, sl.controlled), (None, None))
        if sl.role is not Role.STATED_POWER and (v or i):
            sl = dataclasses.replace(sl, voting=sl.voting or v, investment=sl.investment or i)
        out.append(sl)
    return out


def _merge_cut_mentions(cl: list[tuple[int, int]], ments: list[Mention]) -> list[tuple[int, int]]:
    """Do not cut a clause inside a mention ("... Inc. (the ...") — join such pieces."""
    # the mentions do not overlap: sorted by start, their ends are sorted too, and the one
    # mention that can hold ``a`` is the last one starting before it
    starts = [m.start for m in ments]
    merged: list[list[int]] = []
    for a, b in cl:
        i = bisect.bisect_left(starts, a) - 1
        if merged and i >= 0 and ments[i].end > a:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def _power(mods: str, role_text: str) -> Power | None:
    s = f"{mods} {role_text}".lower()
    if re.search(r"\bco(?:\s*-\s*|\s+)\w", s):
        return Power.SHARED
    if "sole" in s:
        return Power.SOLE
    return None


def _clause_links(
    text: str, a: int, b: int, ments: list[Mention], book: NameBook
) -> list[StatedLink]:
    links: list[StatedLink] = []
    clause = _fold(text[a:b])
    if not any(w in clause for w in _ROLE_NEEDLES):
        return links  # no role word: _ROLE_RE finds nothing, no link
    phrase = " ".join(text[a:b].split())
    prev_controllers: tuple[str, ...] = ()
    prev_object: tuple[str, ...] = ()
    prev_end = a
    roles = list(_ROLE_RE.finditer(text, a, b))
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
            if objs:
                controlled = tuple(k for m in objs for k in m.keys)
                obj_end = objs[-1].end
        # --- inverse: "The general partner of Y is X" / "whose general partner is X"
        tail = text[obj_end:b]
        inv = re.match(r"^[\s\".”)]*(?:\.\s*)?(?:is|are)\s+(?:the\s+)?", tail)
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
                rel_ante = _antecedent(text, a, first.start(), ments)
                if subj and rel_ante:
                    controllers = tuple(k for m in subj for k in m.keys)
                    controlled = rel_ante
                    obj_end = subj[-1].end
        if controlled and not controllers and (pa := _HOLDERS_IN_PARENS.match(text, obj_end, b)):
            # "the trustees of the Plan (currently A, B and C)": the holders are named there,
            # whatever the clause's subject ("Each participant is entitled to instruct")
            named = _mention_list(ments, pa.end(), text)
            if named and re.search(r"\bthe\s+(?:\w+\s+){0,3}$", text[a : first.start()], re.I):
                controllers = tuple(k for m in named for k in m.keys)
                obj_end = named[-1].end
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
                    its := re.search(r"\b(?:its|their)\s+(?:\w+\s+)?$", text[a : first.start()])
                ) and (named := _named_after(ments, last.end(), text)):
                    # "Y's power is exercised by its general partner, X": "its" is the name
                    # before it
                    ante = [m for m in ments if a <= m.start and m.end <= a + its.start()]
                    # the name and "its" in one verb phrase ("Y's power is exercised by
                    # its"); after a comma "its" may be a later subject's ("..., and acting
                    # through its general partner, X, Z has")
                    if ante and re.fullmatch(
                        r"['’]?[^,;()]{0,60}", text[ante[-1].end : a + its.start()]
                    ):
                        controlled = ante[-1].keys
                        controllers = tuple(k for m in named for k in m.keys)
                        obj_end = named[-1].end
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
                tm = _PLURAL_TERM_BEFORE.search(text, a, rel.start())
                if tm and len(book.aliases.get(tm.group("t"), ())) > 1:
                    # "the A Trust and the B Trust (the "Trusts"), of which X serves as
                    # co-trustee": the relative pronoun stands for the group the term names
                    ante = book.aliases[tm.group("t")]
                if ante:
                    controlled = ante
                    subj = [m for m in ments if max(rel.end(), prev_end) <= m.start < first.start()]
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
                elif prev_controllers and _COORD.match(text[prev_end : first.start()]):
                    controllers = prev_controllers
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
                    if near and near[-1] is not subj[0]:
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
            if named and re.search(r"\bthe\s+(?:\w+\s+){0,3}$", text[a : first.start()], re.I):
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
            # an intermediary the text does not name, not by the clause subject
            prev_controllers, prev_object, prev_end = (), (), max(obj_end, last.end())
            continue
        if _ANY_OF_THE.search(text, max(a, first.start() - 40), first.start()) and not any(
            k in controlled for k in controllers
        ):
            # "the Shares owned by each of the directors and executive officers of the
            # Reporting Person": every holder of the role, none named (convention 8)
            prev_controllers, prev_object, prev_end = (), (), max(obj_end, last.end())
            continue
        if _NEGATED.search(text, max(a, first.start() - 40), first.start()):
            # "X is not the general partner of Y", "X, the former general partner of Y"
            prev_controllers, prev_object, prev_end = controllers, (), max(obj_end, last.end())
            continue
        pairs = [(c, d) for c in controllers for d in controlled]
        if (
            len(controllers) > 1
            and len(controllers) == len(controlled)
            and re.match(r"^[\s,]*respectively\b", text[obj_end:b], re.I)
        ):  # "X and Y are the general partners of A and B, respectively"
            pairs = list(zip(controllers, controlled, strict=True))
        for rmx in group:
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
        objs_here = [m for m in ments if m.end == obj_end]
        prev_object = objs_here[-1].keys if objs_here and obj_end > last.end() else ()
        prev_end = max(obj_end, last.end())
    return links


_REPORTING_PERSON = re.compile(r"\b(?:the\s+)?Reporting\s+Person\b(?!s)", re.I)


def _occupation_of(text: str, a: int, role_start: int, subj: list[Mention]) -> tuple[str, ...]:
    from ownergraph.loaders.sec_occupation import occupation_of  # it builds on this module

    return occupation_of(text, a, role_start, subj)


#: After "the trustees of Y": the holders named in apposition ("the three general partners
#: of CMMC, Messrs. A, B and C") or in parentheses ("the trustees of the Plan (currently A,
#: B and C)").
_HOLDERS_AFTER = re.compile(r"[\s,]+(?:Messrs\.|Mses\.|Mr\.|Ms\.|namely,?)?\s*")
_HOLDERS_IN_PARENS = re.compile(
    r"\s*\(\s*(?:currently|presently|namely|i\.e\.,?|being)\s+(?:(?:Messrs|Mses)\.\s*)?"
)


def _reporting_person(book: NameBook) -> tuple[str, ...]:
    """ "the Reporting Person" names a party only when the document has exactly one."""
    rp = book.aliases.get("Reporting Person")
    return rp if rp and len(rp) == 1 else ()


def _antecedent(text: str, a: int, end: int, ments: list[Mention]) -> tuple[str, ...]:
    cands = [m for m in ments if a <= m.start and m.end <= end]
    if not cands:
        return ()
    last = cands[-1]
    if re.fullmatch(r"[\s,]*(?:\([^)]*\))?[\s,]*", text[last.end : end]) or True:
        return last.keys
    return ()  # pragma: no cover


#: After a name: a verb that makes it the subject of a new clause.
_STARTS_CLAUSE = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,?\s*(?:is|are|was|were|serves?|acts?|has|have|holds?|owns?)\b"
    # "..., and John A. Smith, as managing member of Y": a new subject with its role
    r"|\s*,\s*(?:in\s+(?:its|his|her)\s+capacity\s+)?as\s+(?:the\s+|a\s+|an\s+)?(?:sole\s+|co-?)?"
    r"(?:general|managing|investment|member|manager|trustee|president|director|officer|chief)\b",
    re.I,
)
#: Between a subject and its role: "X is the", "X, who is the sole", "X serves as a".
_IS_THE = re.compile(
    r"^[\s,]*(?:\([^()]*\)[\s,]*)?(?:who\s+|which\s+)?(?:is|are|was|were|(?:is\s+to\s+)?serves?\s+as|acts?\s+as|(?<=,\s)as|(?<=,)as|in\s+(?:its|his|her)\s+capacity\s+as"
    r"|has\s+been|became)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+"
    r"|one\s+of\s+(?:the\s+|its\s+|their\s+)?(?:two\s+|three\s+|four\s+|five\s+|several\s+)?)?"
    r"(?:(?:majority|ultimate|principal)\s+)?$",
    re.I,
)


#: Before a list that is an object ("the general partner of A and B", "of each of A and
#: B"); "Each of A, B and C is ..." opens a subject list.
_OBJECT_BEFORE = re.compile(
    r"\b(?:to|for|by|with)\s+(?:each\s+of\s+)?(?:the\s+)?$|\bof\s+each\s+of\s+(?:the\s+)?$"
    r"|(?<!\beach\s)(?<!\bEach\s)(?<!\bboth\s)(?<!\bBoth\s)\bof\s+(?:the\s+)?$"
)
#: Between a subject and a name inside its apposition: "X, a wholly owned subsidiary of Y".
_APPOSED = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,\s*(?:an?|the|its)\s+[^,;()]*?\b(?:of|by|to)\s+(?:the\s+)?", re.I
)
#: Words before a role that deny it or put it in the past: "is not the", "no longer",
#: "the former", "formerly", "ceased to be".
_NEGATED = re.compile(
    r"\b(?:not|never|no\s+longer|former(?:ly)?|previously|ceased\s+to\s+be|resigned\s+as"
    r"|was|were|had\s+been)\b"  # "Mrs. Mody was a shareholder of Webpulse": the past
    r"[\s,]+(?:(?:an?|the|its|their|his|her|be|been|act|serve|as|acting|serving|a\s+)\s*)*"
    r"(?:(?:sole|co-?|wholly[\s-]*|majority[\s-]*)\s*)?(?:owned\s+|controlled\s+|managed\s+"
    r"|advised\s+|subsidiary\s+|division\s+)?$",
    re.I,
)
#: "are private investment funds" before "for which": a plural predicate of a subject list.
_PLURAL_PREDICATE = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,?\s*(?:are|were)\s+(?:each\s+)?(?:[\w\-]+\s+){0,4}"
    r"(?:funds|partnerships|entities|companies|vehicles|trusts|accounts)\s*,?\s*",
    re.I,
)
#: A group's defined term just before a relative pronoun: '(the "Trusts"), of which'.
_PLURAL_TERM_BEFORE = re.compile(
    r"\((?:collectively,?\s+|together,?\s+)?(?:the\s+)?[\"“](?P<t>[^\"”]{1,40})[\"”]\)\s*,?\s*$"
)
#: ", and X is its" / "and X is their": a second clause whose possessive is the first's object.
_AND_X_IS_ITS = re.compile(
    r",?\s+and\s+(?=[A-Z])[^,;()]{1,80}?\s+(?:is|are|serves\s+as)\s+(?:its|their)\s+$"
)
_IS_ITS = re.compile(r"\s+(?:is|are|serves\s+as)\s+(?:its|their)\s+")
#: Between a role and the role it is held in: "the sole member of the general partner".
_ROLE_OF_ROLE = re.compile(r"\s+(?:of|to|for)\s+(?:the\s+|its\s+|their\s+)?(?:sole\s+)?", re.I)
#: A quantifier before a plural role: "each of the directors and executive officers of X".
_ANY_OF_THE = re.compile(
    r"\b(?:each|any|all|none|certain|some|several|most)\s+of\s+(?:the|its|their|his|her)\s+$",
    re.I,
)
#: A role introduced by "as" right before it: "(in its capacity) as (the) general partner".
_AS_ROLE = re.compile(r"\bas\s+(?:the\s+|a\s+|an\s+)?$", re.I)
#: "... as the general partner of": a role that belongs to the clause's subject.
_AS_THE = re.compile(r"\bas\s+(?:the|a|an|its|their|his|her)\s+$", re.I)
#: A verb after a name: the name is the subject of its clause ("Mr. Rose may be deemed").
_VERB_AFTER = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:may|might|is|are|was|were|has|have|had|shall|will|could|would"
    r"|can|does|do|did)\b"
)


#: What may come before a clause's subject: an enumeration mark, a short adverbial.
_CLAUSE_OPENING = re.compile(
    r"[\s*\"“(]*(?:\(?[a-z0-9ivx]{1,4}[.)]\s*)?(?:[A-Z][\w ,\-]{0,40}?,\s*)?(?:By\s+virtue\s+of\s+)?"
    r"(?:(?:[Ee]ach\s+of|[Bb]oth|and|also|[Tt]he|[Ii]n\s+addition,?)\s+)*"
    r"(?:(?:Messrs|Mses|Drs)\.\s*)?",  # "Messrs. Orchard and Lane, the managing members"
)


_DEFINES = re.compile(r"\s*\((?:the\s+)?[\"“]")


#: Between two objects of one role: "the managing member of X and of Y".
_AND_OF = re.compile(
    # "the controlling shareholder of MGH and indirectly of Teton Advisors"
    r"^\s*,?\s*and\s+(?:(?:indirectly|directly)\s+)?(?:of|to|for)\s+(?:each\s+of\s+)?(?:the\s+)?$"
)


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
            continue
        gap = text[pos : m.start]
        if gap.startswith(".,"):
            gap = gap[1:]  # "Benjamin M. Belcher, Jr., Yvan Dupuy": an abbreviation's dot
        if out and not _LIST_SEP.match(gap) and not (objects and _AND_OF.match(gap)):
            break
        # "wholly owned by Drs. Chang and Skeen": a plural title before the list
        if not out and not re.fullmatch(r"[\s(\"“]*(?:the\s+|(?:Messrs|Mses|Drs)\.\s*)?", gap):
            break
        if re.match(r"['’]", text[m.end : m.end + 1]):
            break
        if out and not to_verb and _STARTS_CLAUSE.match(text, m.end):
            break  # "the general partner of L and Adam Hutt is the President of AMH"
        if out and _DEFINES.match(text, m.end) and not _DEFINES.match(text, out[-1].end):
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


def _subject_list(subj: list[Mention], text: str) -> tuple[str, ...]:
    """The clause subject: its first mention and those joined to it by "and"."""
    keys = list(subj[0].keys)
    for prev, m in zip(subj, subj[1:], strict=False):
        if _LIST_SEP.match(text[prev.end : m.start]):
            keys.extend(m.keys)
        else:
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


def _role_word(printed: str) -> str:
    """The key of ``_ROLE_WORDS`` for a printed role ("Members of the Investment Committee").

    >>> _role_word("Members of  the investment committee"), _role_word("Controlling Person")
    ('member of the investment committee', 'controlling person')
    """
    w = " ".join(printed.lower().split())
    w = re.sub(r"^members of (?:the )?", "member of the ", w)
    return w


# ------------------------------------------------------------------- inverse phrases

#: Phrases whose subject is the *controlled* party and whose object controls it.
_INVERSE_RE = re.compile(
    r"(?P<p>(?:\b(?:an?|the|its|which\s+is\s+an?|is\s+an?|are)\s+)?"
    r"(?:(?:direct\s+or\s+indirect|direct|indirect|wholly[\s-]*owned|majority[\s-]*owned"
    r"|consolidated)[\s,]+)*subsidiar(?:y|ies)\s+of"
    r"|(?:\b(?:an?|the|is\s+an?|which\s+is\s+an?)\s+)?(?:separate\s+|operating\s+)?division\s+of"
    r"|\b(?:is|are|was|were)\s+(?:each\s+)?(?:(?:wholly|majority|indirectly|directly|ultimately|jointly"
    r"|100\s*%|100\s+percent)[\s-]*)?"
    r"(?:owned|controlled|managed|(?:sub-?)?advised)(?:\s+(?:indirectly|directly|ultimately|jointly))?\s+by"
    r"|,\s*(?:(?:wholly|majority|indirectly|directly)[\s-]*)?(?:owned|controlled)\s+by"
    # "Maryport Navigation Corp., which is a Liberian company controlled by Mr. Economou"
    r"|(?:(?<=company)|(?<=entity)|(?<=corporation)|(?<=partnership))\s+"
    r"(?:(?:wholly|majority|indirectly|directly)[\s-]*)?"
    r"(?:owned|controlled)\s+by"
    # "Alpha Fund LP, a private investment fund advised by X"
    r"|(?:(?<=fund)|(?<=vehicle)|(?<=account)|(?<=partnership))\s+(?:managed|(?:sub-?)?advised)"
    r"\s+by)\s+"
    r"(?:each\s+of\s+)?(?:the\s+)?",
    re.I,
)
_INVERSE_NEEDLES = (
    "subsidiar",
    "division of",
    "owned",  # "owned by", "owned jointly by"
    "controlled",
    "managed",
    "advised",
)
_PERCENT_OF = re.compile(
    r"(?P<pct>\d{1,3}(?:\.\d+)?)\s*(?:%|percent)\s+of\s+(?:the\s+)?"
    # "45% of the outstanding membership interests of Y"
    r"(?:(?:(?:issued\s+and\s+)?outstanding\s+)?(?:(?:equity|membership|partnership|limited"
    r"\s+partnership|voting|ownership|economic|capital)\s+)*(?:shares|stock|interests?|units"
    r"|capital\s+stock)(?:\s+of\s+\w+(?:\s+\w+)?\s+stock)?\s+(?:of|in)\s+(?:the\s+)?)?$",
    re.I,
)


#: A stake in parentheses after an owner's name: "John Doe (60%)".
_PAREN_PERCENT = re.compile(r"\s*\(\s*(?:approximately\s+)?(?P<pct>\d{1,3}(?:\.\d+)?)\s*%\s*\)")


#: A past tense right before an inverse phrase: "Y was a wholly-owned subsidiary of X".
_PAST_BEFORE = re.compile(r"\b(?:was|were|had\s+been)\s+(?:an?\s+|the\s+)?$", re.I)


#: Words that put a phrase outside the subject's apposition ("X entered into ..., pursuant
#: to which a subsidiary of Y").
_NOT_APPOSITION = re.compile(
    r"\b(?:entered|pursuant|into|merged?|will|may|shall|acquired?|agreement|(?<!of )which\s+(?!is\b|are\b|in\s+turn\b))",
    re.I,
)


#: What may stand between the subject and an inverse phrase: defined terms, "which is",
#: "is", and a short description ("a Delaware corporation and", "a Liberian company").
_SUBJECT_GAP = re.compile(
    r"^[\s,]*(?:\([^()]*\)[\s,]*)*(?:(?:which|who|that)\s+(?:in\s+turn\s+)?(?:(?:is|are|was|were)\s+)?)?"
    r"(?:(?:is|are|was|were|became|remains?|has\s+been)\s+)?"
    r"(?:(?:an?|the)\s+[^;:]{0,220}?(?:[\s,]+and\s+|[\s,]+|\s*$))?$"
    # "..., and each of which is": the relative pronoun refers to the subject list
    r"|^[^;:]*?,\s*(?:and\s+)?(?:each\s+of\s+)?(?:which\s+(?:(?:is|are)\s+)?)?$",
    re.I,
)


def _inverse_links(
    text: str, a: int, b: int, ments: list[Mention], book: NameBook
) -> list[StatedLink]:
    """ "X, a wholly-owned subsidiary of Y", "X is controlled by Y", "a division of Y",
    "78% of X is owned by Y": Y controls (or owns a stake in) X.

    The subject is the nearest mention before the phrase (with the names joined to it by
    "and"), or the clause's first mention when only words stand between.
    """
    clause = _fold(text[a:b])
    if not any(w in clause for w in _INVERSE_NEEDLES):
        return []
    out: list[StatedLink] = []
    phrase = " ".join(text[a:b].split())
    for im in _INVERSE_RE.finditer(text, a, b):
        objs = _mention_list(ments, im.end(), text)
        if not objs:
            continue
        before = [m for m in ments if m.end <= im.start()]
        if not before:
            continue
        subj = [before[-1]]
        singular = re.match(r"(?:is|was)\b", im.group("p"), re.I)
        for prev in reversed(before[:-1]):
            if _LIST_SEP.match(text[prev.end : subj[0].start]):
                subj.insert(0, prev)
            else:
                break
        if (
            singular
            and len(subj) > 1
            and not re.search(
                r"\b(?:each|either|neither)\s+of\s+(?:the\s+)?$",
                text[max(a, subj[0].start - 20) : subj[0].start],
                re.I,
            )
        ):
            subj = subj[
                -1:
            ]  # "... general partner of Midwood and Midwood Holdings is controlled by"
        gap = text[subj[-1].end : im.start()]
        if re.search(r"\b(?:not|no\s+longer|former(?:ly)?|previously)\b", gap, re.I):
            continue  # "Y, formerly a subsidiary of X", "Y, which is no longer owned by X"
        if _PAST_BEFORE.search(gap) or re.match(r"(?:was|were)\b", im.group("p"), re.I):
            continue  # "Old PSI was a wholly-owned subsidiary of PSH": the past
        # only a defined term, a comma, a description without names, or "is"/"which is"
        # (the phrase's own first words close the gap: ", which" + "is controlled by")
        if len(gap) > 240 or re.search(r"[;:]", gap) or _NOT_APPOSITION.search(gap + im.group(0)):
            continue
        if not _SUBJECT_GAP.match(gap):
            continue  # words between that are no apposition ("... with L surviving ... as a")
        if len(subj) > 1 and re.search(r",\s*an?\s", gap) and "which" not in gap:
            subj = subj[-1:]  # "..., H ("Holdings"), a newly formed corporation wholly owned by"
        printed = " ".join(im.group("p").split())
        low = printed.lower()
        share = None
        if "owned" in low and not re.search(r"wholly|majority|100", low):
            pm = _PERCENT_OF.search(text, max(a, subj[0].start - 110), subj[0].start)
            if pm is not None:
                share = float(pm.group("pct"))
                role = Role.SHAREHOLDER
            elif "jointly" in low:
                role = Role.SHAREHOLDER  # "owned jointly by A and B": co-owners (convention 3)
            elif re.match(r"(?:is|are|was|were)\b", low):
                role = Role.PARENT  # "THORN is owned by TENAH": the owner of the company
            else:
                continue  # ", owned by" with no stake and no "wholly": not read
        elif "managed by" in low:
            role = Role.INVESTMENT_MANAGER
            its = re.match(r"\s*,\s*(?:its|their)\s+", text[objs[-1].end : b])
            rm = _ROLE_RE.match(text, objs[-1].end + its.end()) if its else None
            if rm:  # "Y is managed by X, its general partner": the role it names
                role = _ROLE_WORDS.get(_role_word(rm.group("role")), role)
        elif "advised by" in low:
            role = Role.INVESTMENT_ADVISER
        else:
            role = Role.PARENT
        controlled = tuple(k for m in subj for k in m.keys)
        for om in objs:
            o_role, o_share = role, share
            pc = _PAREN_PERCENT.match(text, om.end)
            if pc and role is Role.PARENT and "owned" in low and not re.search(r"wholly|100", low):
                # "Y is owned by A (60%) and B (40%)": a stake each (convention 9)
                o_role, o_share = Role.SHAREHOLDER, float(pc.group("pct"))
            for c in om.keys:
                for d in controlled:
                    if c == d or book.issuer_key in (c, d):
                        continue
                    out.append(
                        StatedLink(
                            c,
                            d,
                            o_role,
                            None,
                            "indirect" in low,
                            printed,
                            phrase,
                            (a, b),
                            share=o_share,
                        )
                    )
    return out


# ------------------------------------------------------------------ stated powers

_POWER_RE = re.compile(
    r"(?<!to\s)\b(?:has|have|had|holds?|exercises?|shares?|possess(?:es)?)\s+(?:the\s+)?"
    r"(?P<p>sole|shared)\s+(?P<what>voting\s+(?:power\s+)?and\s+(?:investment|dispositive)"
    r"|(?:investment|dispositive)\s+(?:power\s+)?and\s+voting|voting|investment|dispositive)"
    r"\s+(?:power|authority|control)\s+(?:over|with\s+respect\s+to|of)\s+"
    r"(?:all\s+(?:of\s+)?)?(?:the\s+)?(?:[\d,]+\s+)?(?:shares|securities)[\w\s]{0,60}?\s+"
    r"(?:held|owned)\s+(?:of\s+record\s+|directly\s+|beneficially\s+)?by\s+(?:each\s+of\s+)?(?:the\s+)?"
    r"|\bmay\s+be\s+deemed\s+(?:to\s+(?:beneficially\s+own|be\s+the\s+beneficial\s+owners?\s+of)|"
    r"the\s+beneficial\s+owners?\s+of)\s+(?:all\s+(?:of\s+)?)?(?:the\s+)?(?:[\d,]+\s+)?"
    r"(?:shares|securities|common\s+stock|units)[\w\s]{0,60}?\s+(?:held|owned)\s+"
    r"(?:of\s+record\s+|directly\s+)?by\s+(?:each\s+of\s+)?(?:the\s+)?",
    re.I,
)


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
        if _GROUP_MEMBER.search(text, a, pm.start()):
            continue  # "as a member of a group with X, it is deemed to ...": no control
        subj = [m for m in ments if a <= m.start and m.end <= pm.start()]
        if subj:
            controllers = _subject_list(subj, text)
        elif _REPORTING_PERSON.search(text, a, pm.start()):
            controllers = _reporting_person(book)
        else:
            continue
        p = pm.group("p")
        power = None if p is None else (Power.SOLE if p.lower() == "sole" else Power.SHARED)
        what = (pm.group("what") or "").lower()
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


# ------------------------------------------------------------------ stated holdings


@dataclass(frozen=True)
class StatedHolding:
    """A count of shares the text says a party holds ("PWIMF holds 527,194 Common Shares");
    ``shares`` is ``None`` for "all (the reported) shares are held by X"."""

    holder: str
    shares: float | None
    phrase: str
    span: tuple[int, int]


_COUNT = r"(?P<n>\d{1,3}(?:,\d{3})+|\d{4,})"
_SHARE_WORDS = r"(?:shares|Common\s+Shares|Shares|ordinary\s+shares|units)(?:\s+of\s+(?:the\s+)?(?:Issuer['’]s\s+)?(?:Class\s+[A-C]\s+)?Common\s+Stock)?"
_HOLDS_AFTER = re.compile(
    rf"\s*(?:\([^()]*\)\s*)?(?:,\s*(?:an?|the)\s+[^,;()]{{0,80}},)?,?\s*(?:directly\s+|currently\s+)?(?:holds|held|owns|owned|is\s+the\s+(?:record\s+)?holder\s+of|beneficially\s+owns)"
    rf"\s+(?:directly\s+)?(?:of\s+record\s+)?(?:an\s+aggregate\s+of\s+)?{_COUNT}\s+{_SHARE_WORDS}",
    re.I,
)
_HELD_BY = re.compile(
    # the first "held/owned by" after the count names its holder ("... directly held by
    # Canada Acquireco and beneficially owned by Altria Summit"); shares issuable under
    # warrants or options held by X are no holding of the common stock
    rf"{_COUNT}\s+{_SHARE_WORDS}(?:(?!\b(?:by|issuable|underlying|warrants?|options?)\b)[^.;]){{0,60}}?"
    r"\s+(?:are\s+|were\s+)?(?:held|owned)\s+"
    rf"(?:directly\s+|of\s+record\s+|beneficially\s+)*by\s+(?:the\s+)?$",
    re.I,
)
_ALL_HELD_BY = re.compile(
    r"\bAll\s+(?:of\s+)?(?:the\s+)?(?:reported\s+)?(?:Common\s+)?(?:shares|Shares|securities)\b[^.;]{0,40}?"
    r"\s+(?:are|were)\s+(?:held|owned)\s+(?:directly\s+|of\s+record\s+)*by\s+(?:the\s+)?$",
    re.I,
)


#: After a count: a class other than the common stock reported ("shares of Legacy Tigo's
#: Series E preferred stock").
_OTHER_CLASS = re.compile(
    r"\s*(?:of\s+)?(?:[\w’'.]+\s+){0,3}?(?:Series\s+[A-Z]|preferred|warrants?|options?|notes?|units)\b",
    re.I,
)


def stated_holdings(text: str, book: NameBook) -> list[StatedHolding]:
    """Holdings the text states per holder: "X holds 527,194 Common Shares", "X, ..., that
    is the holder of 527,194 shares", "1,000 shares held directly by X", "All shares are
    held of record by X" (count ``None``: the filers' reported shares)."""
    if not re.search(r"\b(?:hold|held|owns?|owned)\b", text, re.I):
        return []
    out: list[StatedHolding] = []
    ments = book.mentions(text)
    for m in ments:
        if m.keys == (book.issuer_key,) or len(m.keys) != 1:
            continue
        after = _HOLDS_AFTER.match(text, m.end)
        if re.search(r"\bof\s+(?:the\s+)?$", text[max(0, m.start - 8) : m.start]):
            after = None  # "a wholly-owned subsidiary of the Reporting Person, is the holder"
        if after and not _OTHER_CLASS.match(text, after.end()):
            out.append(_holding(m.keys[0], after.group("n"), text, m.start, after.end()))
            continue
        before = text[max(0, m.start - 160) : m.start]
        hb = _HELD_BY.search(before)
        if hb and not _OTHER_CLASS.match(before, hb.end("n") + 7):
            out.append(
                _holding(m.keys[0], hb.group("n"), text, m.start - len(before) + hb.start(), m.end)
            )
            continue
        ab = _ALL_HELD_BY.search(before)
        if ab:
            a = m.start - len(before) + ab.start()
            out.append(
                StatedHolding(m.keys[0], None, " ".join(text[a : m.end].split()), (a, m.end))
            )
    return out


def _holding(key: str, n: str, text: str, a: int, b: int) -> StatedHolding:
    return StatedHolding(key, float(n.replace(",", "")), " ".join(text[a:b].split()), (a, b))
