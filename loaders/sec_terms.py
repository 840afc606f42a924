"""The parties a filing's text names: the name book and its mentions, and defined terms.

:class:`NameBook` knows the parties of a document (cover pages, reporting owners, the issuer)
and their spellings; :meth:`NameBook.mentions` finds every mention of them in a text, and
discovers entities named only there by their legal form ("BlueArc Core Alternatives, LLC")
or as trusts. :func:`define_terms` and :func:`bare_terms` learn the defined terms ("(the
"Fund")", "(CISA)") that later stand for them.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ownergraph.graph.ids import normalize_name, party_id
from ownergraph.loaders.sec_entities import (
    _ENDS_WITH_FORM,
    _PLAN,
    ENTITY_RE,  # noqa: F401 - re-exported (tests/test_parse_speed.py)
    _entities,
    _is_not_a_name,
    _trim_name,
    named_funds,
    the_start,
)
from ownergraph.loaders.sec_lexicon import (
    _FORM_VARIANTS,
    _first_literal,
    _fold,
    _name_regex,
    looks_like_entity,
    name_pattern,
)
from ownergraph.loaders.sec_short_forms import (
    _first_word_regex,
    _short_form_regex,
    first_word_form,
    short_forms,
)
from ownergraph.loaders.sec_term_lists import _flatten_parens, _listed_before

# ----------------------------------------------------------------------------- names

_TITLES = ("Mr.", "Ms.", "Mrs.", "Dr.")
#: Words after a person's surname ("M. Dale Skeen, Ph.D.", "John Roe, Jr.").
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "ph.d", "phd", "m.d", "esq", "cpa"})


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


def _scan_literal(spelling: str) -> str | None:
    """The literal every non-empty match of a spelling's pattern starts with (the empty
    ones are no mention): its first word (:func:`_first_literal`), or ")" for a spelling
    without a word ("-------" on a cover page), whose pattern is only the optional closing
    parenthesis after a name.

    >>> _scan_literal("Alpha Fund LP"), _scan_literal("------"), _scan_literal("L.P.")
    ('alpha', ')', None)
    """
    first = _first_literal(spelling)
    if first is None and not normalize_name(spelling).split():
        return ")"
    return first


def _finditer_at(
    rx: re.Pattern[str], text: str, hay: str, literal: str | None
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` trying only the places where ``hay`` holds ``literal``.

    Exact when every match of ``rx`` starts with ``literal`` in ``hay`` (``text`` or its
    :func:`_fold`; every non-empty match, for a caller that drops the empty ones); the name patterns start with a lookbehind, which makes the plain scan
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
    # the words as printed, any blank between ('("Kestrel  QP")' across a line is "Kestrel QP")
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w\-]){body}(?![\w\-])")


#: A capitalised word, an initial or "&" just before: the word after is not a name's first.
_WORD_BEFORE = re.compile(r"(?:[A-Z][\w.'\u2019\-]*|&)\s*$")


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
    # (pattern, keys, the first word of the term: every match is the term itself)
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
    # per text: how many of ``_patterns`` were scanned in it, and the mentions they gave in
    # pattern order (``_patterns`` only grows: a later call scans the new patterns only)
    _scanned: dict[str, tuple[int, tuple[Mention, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # :func:`_entities` of a masked text (a pure function of it), for texts read again
    _entity_runs: dict[str, tuple[re.Match[str], ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # :func:`_fold` of the texts read
    _folded: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # how many (surname, key) pairs ``_surnames`` holds (kept by _add_surname)
    _surname_pairs: int = field(default=0, repr=False, compare=False)
    # short forms (:func:`short_forms`): the parties of each, in the order they came; a
    # short form of two parties, or the full name of another, names none
    _short: dict[tuple[str, ...], set[str]] = field(default_factory=dict, repr=False)
    _short_list: list[tuple[tuple[str, ...], str]] = field(default_factory=list, repr=False)
    _full: dict[str, set[str]] = field(default_factory=dict, repr=False)  # spelling -> keys
    # a first word alone (:func:`first_word_form`) and the party; every word of every
    # spelling and the parties that hold it (a first word held by two names names no one)
    _first_list: list[tuple[str, str]] = field(default_factory=list, repr=False)
    _word_keys: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _prefix_keys: dict[tuple[str, ...], set[str]] = field(default_factory=dict, repr=False)
    _live: Any = field(default=None, repr=False, compare=False)  # see _live_forms

    def _live_forms(self) -> tuple[list[tuple[tuple[str, ...], str]], list[tuple[str, str]]]:
        """The short forms and first words that name one party, as the book stands: a
        short form of two parties, another party's full name or the first words of
        another's, a first word another party's spelling holds, names no one (kept until
        the book grows)."""
        size = (len(self._patterns), len(self._short_list), len(self._first_list))
        if self._live is None or self._live[0] != size:
            short = [
                (w, k)
                for w, k in self._short_list
                if len(self._short[w]) == 1
                and self._full.get(" ".join(w), {k}) == {k}
                and self._prefix_keys.get(w, {k}) == {k}  # no other name starts so
            ]
            firsts = [(w, k) for w, k in self._first_list if self._word_keys.get(w.lower()) == {k}]
            self._live = (size, short, firsts)
        return self._live[1], self._live[2]

    def _add_words(self, spelling: str, key: str) -> None:
        words = normalize_name(spelling).split()
        for w in words:
            self._word_keys.setdefault(w, set()).add(key)
        for n in range(2, len(words)):  # "icahn enterprises" of "Icahn Enterprises L.P."
            self._prefix_keys.setdefault(tuple(words[:n]), set()).add(key)

    def _size(self) -> tuple[int, int, int, int, int, int, int]:
        return (
            len(self._first_list),
            len(self._short_list),
            len(self._patterns),
            len(self._alias_patterns),
            len(self.persons),
            len(self.names),
            self._surname_pairs,
        )

    def _add_surname(self, surname: str, key: str) -> None:
        keys = self._surnames.setdefault(surname, set())
        if key not in keys:
            keys.add(key)
            self._surname_pairs += 1

    def add_party(
        self, key: str, name: str, *, person: bool = False, spellings: Iterable[str] = ()
    ) -> None:
        """Register a known party with every spelling to look for."""
        self.names.setdefault(key, name)
        seen = self.spellings.setdefault(key, [])
        for s in (name, *spellings):
            if s and s not in seen:
                seen.append(s)
                self._patterns.append((s, (key,), _scan_literal(s)))
        for s in seen:
            self._full.setdefault(" ".join(normalize_name(s).split()), set()).add(key)
            self._add_words(s, key)
        if not person:  # "LionEye Advisors" for "LIONEYE ADVISORS LLC"
            for words in short_forms(name):
                keys = self._short.setdefault(words, set())
                if key not in keys:
                    keys.add(key)
                    self._short_list.append((words, key))
            first = first_word_form(name)
            if first is not None and key != self.issuer_key:  # "Altria" for "Altria Group, Inc."
                self._first_list.append((first, key))
        if person:
            self.persons.add(key)
            parts = [w.strip(".,") for w in name.split()]
            parts = [w for w in parts if w.lower() not in _NAME_SUFFIXES]
            if len(parts) > 1 and len(parts[-1]) >= 4 and parts[-1][:1].isupper():
                self._add_surname(parts[-1], key)
                if parts[-1].isupper():  # "STEPHEN RANERI" is "Mr. Raneri" in the prose
                    self._add_surname(parts[-1].title(), key)
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
        """Register a defined term ("Fund", "SLTA IV GP") for one or more parties; its
        words are kept with one blank between ('"Kestrel  QP"' printed across a line)."""
        term = " ".join(term.split())
        if not term or term in self.aliases or not keys:
            return
        self.aliases[term] = keys
        # the term's first word (it has one: ``term`` is not blank), kept for the scan
        self._alias_patterns.append((_alias_regex(term), keys, term.split()[0]))

    def key_for_text_name(self, name: str) -> str:
        """The key of a party named only in prose (created on first sight); a name with or
        without its leading "The" is the one party ("The Gabelli Equity Trust Inc.")."""
        key = party_id(name=name)
        if key not in self.names:
            other = name[4:] if name.startswith(("The ", "THE ")) else f"The {name}"
            twin = party_id(name=other)
            if twin in self.text_only:
                if other == name[4:]:  # the name as printed with its article
                    self.names[twin] = name
                    self.spellings[twin].append(name)
                    self._patterns.append((name, (twin,), _scan_literal(name)))
                return twin
        if key not in self.names:
            self.names[key] = name
            self.text_only.add(key)
            self.spellings[key] = [name]
            self._patterns.append((name, (key,), _scan_literal(name)))
            self._add_words(name, key)
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
        done, before = self._scanned.get(text, (0, ()))
        found: list[Mention] = list(before)
        folded = self._folded.get(text)
        if folded is None:
            folded = self._folded[text] = _fold(text)
        present: dict[str, bool] = {}  # many spellings share their first word
        for pat, keys, first in self._patterns[done:]:
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
        self._scanned[text] = (len(self._patterns), tuple(found))
        short, firsts = self._live_forms()
        for words, k in short:
            here = present.get(words[0])
            if here is None:
                here = present[words[0]] = words[0] in folded
            if not here:
                continue
            for m in _finditer_at(_short_form_regex(words), text, folded, words[0]):
                found.append(Mention(m.start(), m.end(), (k,), m.group(0)))
        for word, k in firsts:
            low = word.lower()
            if low not in folded:
                continue
            for m in _finditer_at(_first_word_regex(word), text, folded, low):
                if _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                    continue  # "Mr. Dennis C. Snyder", "Alpha Altria": another name's word
                found.append(Mention(m.start(), m.end(), (k,), m.group(0)))
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
        for pat, keys, lit in self._alias_patterns:  # every match starts with ``lit``
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
            runs = self._entity_runs.get(masked)
            if runs is None:
                ents = tuple(_entities(masked))
                funds = named_funds(masked, ents)  # "Invesco Select Companies Fund"
                if funds:
                    ents = tuple(sorted((*ents, *funds), key=lambda m: m.start()))
                runs = self._entity_runs[masked] = ents
            for m in runs:
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
        # "adviser to The Acme Fund": the article printed as a name's first word (not a
        # defined term's: "The Reporting Person's spouse")
        terms = {id(x) for x in aliases}
        for i, x in enumerate(chosen):
            if id(x) not in terms and (s := the_start(text, x.start)) != x.start:
                chosen[i] = Mention(s, x.end, x.keys, text[s : x.end])
        return sorted(chosen, key=lambda x: x.start)


@functools.lru_cache(maxsize=4096)
def _surname_regex(surname: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.\-\"“]){re.escape(surname)}(?![\w\-\"”])(?!\s+[A-Z&])")


def _non_overlapping(found: list[Mention]) -> list[Mention]:
    found = sorted(found, key=lambda x: (x.start - x.end, x.start))
    taken: list[Mention] = []
    # the taken spans never overlap: kept sorted by start, only the neighbours of a new
    # span's place can overlap it
    spans: list[tuple[int, int]] = []
    for m in found:
        s, e = m.start, m.end
        i = bisect.bisect_left(spans, (s, e))
        if i:
            # every taken span starting before s ends at or before s (or overlaps)
            p_start, p_end = spans[i - 1]
            if e > p_start and s < p_end:
                continue
            if i >= 2 and spans[i - 2][1] > s:
                continue
        if i < len(spans):
            n_start, n_end = spans[i]
            if e > n_start and s < n_end:
                continue
        taken.append(m)
        spans.insert(i, (s, e))
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


# ----------------------------------------------------------------------------- terms

_DEFINITION = re.compile(
    r"\((?P<pre>[^()\"“]*?)(?:the\s+|a\s+|an\s+)?[\"“](?P<term>[^\"”()]{1,60})[\"”]"
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
    r"(?:^|[\s,])(?:an?\s+(?:[a-z][\w\-]*\s+){0,5}(?:account|client)s?"
    # "the various investment companies registered under the Investment Company Act"
    r"|the\s+(?:various\s+)?(?:[a-z][\w\-]*\s+){0,3}(?:accounts|clients|investment\s+companies))"
    r"(?P<of>\s+(?:of|to|for|registered\s+under)\s+[^()\"“;.]{1,60})?\s*$"
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
    from ownergraph.loaders.sec_referred import _REFERRED_AFTER, _REFERRING, referred_terms

    discover_persons(text, book)
    discover_groups(text, book)
    text = _REFERRED_AFTER.sub(r" (\g<words>)", text)
    referred_terms(text, book)
    for m in _DEFINITION.finditer(_flatten_parens(text)):
        term = _LEADING_THE.sub("", m.group("term").strip())  # '("the Fund")' is "Fund"
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
        # '(hereinafter referred to as "AWM")', '(collectively referred to herein as the
        # "Funds")': the referring words say only that a term follows
        pre = _REFERRING.sub(
            lambda r: " " if r.group(0) else "", text[m.start("pre") : m.end("pre")]
        )
        named = _NAMED_BEFORE.search(window)
        if (
            near
            and named
            and named.start("name") < near[-1].start
            and near[-1].surface in book.aliases
            and not window[near[-1].end :].strip()
            and not re.search(r"(?:,|\band)\s*$", window[named.start("name") : near[-1].start])
        ):
            # "TIAA-CREF Funds (“Funds”), TIAA-CREF Life Funds (“Life Funds”)": the term
            # "Funds" ends a longer name, which is the antecedent
            near = []
        named = None if near else named
        dm = _DESCRIBED_PARTY.search(window)
        if named and dm and dm.group("of") and named.start("name") >= dm.start("of"):
            named = None  # "... registered under the Investment Company Act ("Funds")"
        if (
            named
            and looks_like_entity(named.group("name"))
            and not _is_not_a_name(named.group("name"))
        ):
            # "the College Retirement Equities Fund (“CREF”)": a party named only here
            key = book.key_for_text_name(_trim_name(named.group("name")))
            book.add_alias(term, (key,))
            continue
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
        # '(each a "Fund" and collectively the "Funds")': the group's own term
        cm = _COLLECTIVE_TERM.search(post)
        if cm and len(keys) > 1:
            book.add_alias(_LEADING_THE.sub("", cm.group("term").strip()), keys)
    # 'Kestrel I, Kestrel II and Kestrel III are together referred to herein as the "Kestrel
    # Funds"': a sentence whose subject is terms defined just above in the same text
    referred_terms(text, book)


#: "the" inside a defined term's quotes: '("the Fund")' defines "Fund".
_LEADING_THE = re.compile(r"^(?:the|The)\s+(?=\S)")
#: The group's term after a member's: '(each a "Fund" and collectively the "Funds")'.
_COLLECTIVE_TERM = re.compile(
    r"^[\s,;]*(?:and[\s,]+)?(?:collectively|together)[\s,]+(?:as\s+)?(?:the\s+)?"
    r"[\"“](?P<term>[^\"”]{1,60})[\"”]",
    re.I,
)


#: A second, collective term after a definition: ', and together with ACP, the "Funds"'.
_TOGETHER_TERM = re.compile(
    r"(?:together|collectively)\s+with\s+(?P<others>[^\"“()]{1,200}?),?\s*(?:the\s+)?"
    r"[\"“](?P<term>[^\"”]{1,60})[\"”]",
    re.I,
)
