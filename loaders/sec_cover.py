"""Cover pages of a Schedule 13D/13G read by label: the cover region split into pages and
each page's rows 1-14 found by their labels (moved out of ``loaders.sec13dg_legacy``); the
amounts of rows 7-11 are read by ``loaders.sec_cover_amounts``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ownergraph.graph.model import (
    Component,
)
from ownergraph.loaders.sec_cover_amounts import (  # noqa: F401 - the readers import them from here
    _FOOTNOTE,
    _GROUP_SEP,
    _LONE_DASH,
    _MARKER,
    _NUMTOK,
    _PAGE_FURNITURE,
    _ROMAN,
    _STUB_WORDS,
    _TABLE_RULE,
    _ZERO_WORD,
    _Amount,
    _amount_text,
    _classify,
    _num,
    _read_amount,
)

# --------------------------------------------------------------------------- labels

_OR_DIRECT = (
    r"(?:\s*\(?\s*OR\s+(?:TO\s+)?DIRECT\s+THE\s+(?:VOTE|DISPOSITION)(?:\s+OF)?(?:\s*\))?)?:?"
)
_LABELS: list[tuple[str, re.Pattern[str]]] = [
    (
        "name",
        re.compile(
            r"NAMES?\s+OF\s+RE(?:PORTING(?:\s+PERSONS?)?\.?)?"
            # "S.S. OR I.R.S. IDENTIFICATION NO. OF ABOVE PERSON (ENTITIES ONLY)": the
            # label's second half (1990s-2000s editions), not the name
            r"(?:[\s/,.;:-]*(?:S\.?\s?S\.?\s+OR\s+)?I\.?\s?R\.?\s?S\.?\s+IDENTIFICATION\s+NOS?\.?"
            r"\s+OF\s+ABOVE\s+PERSONS?(?:\s*\(ENTITIES\s+ONLY\))?)?(?:[ \t]*:)?",
            re.I,
        ),
    ),
    (
        "group",
        re.compile(r"MEMBER\s+OF\s+(?:A\s+)?GR\w*(?:\s*\*+|\s*\(See\s+Instructions\))?", re.I),
    ),
    ("sec_use", re.compile(r"SEC\s+USE\s+ON\w*", re.I)),
    (
        "source",
        re.compile(r"SOURCE\s+OF\b(?:\s+\w{0,2})?(?:\s+F\w*)?(?:\s*\(See Instructions\))?", re.I),
    ),
    (
        "legal",
        re.compile(
            r"(?:CHECK\s+(?:BOX\s+)?)?(?:IF\s+)?(?:\S+\s*)?\S*SURE\s+OF\s+LEGAL\s+PROCEEDINGS"
            r"(?:\s+IS\s+REQUIRED)?(?:\s+PURSUANT\s+TO\s+ITEMS?\s+2\s*\(\s*[dD]\s*\)\s+OR\s+2\s*\(\s*[eE]\s*\)\.?)?",
            re.I,
        ),
    ),
    (
        "citizenship",
        re.compile(
            r"CITIZENSHI\w*\s+OR\s+PLA\w*(?:\s+\w{0,2})?\s*\w*\s+OF\s+ORGANIZATION|CITIZENSHI\w*(?:\s+O\w?)?",
            re.I,
        ),
    ),
    # "SOLE POWER TO VOTE (OR TO DIRECT THE VOTE)", "SHARED POWER TO DISPOSE": the older wording
    (
        "sole_voting",
        re.compile(r"SOLE\s+VOTING\s+POWER|SOLE\s+POWER\s+TO\s+VOTE" + _OR_DIRECT, re.I),
    ),
    (
        "shared_voting",
        re.compile(r"SHARED\s+VOTING\s+POWER|SHARED\s+POWER\s+TO\s+VOTE" + _OR_DIRECT, re.I),
    ),
    (
        "sole_dispositive",
        re.compile(r"SOLE\s+DISPOSITIVE\s+POWER|SOLE\s+POWER\s+TO\s+DISPOSE" + _OR_DIRECT, re.I),
    ),
    (
        "shared_dispositive",
        re.compile(
            r"SHARE[DS]\s+DISPOSITIVE\s+POW\w*(?:\s+ER\b)?|SHARED\s+POWER\s+TO\s+DISPOSE"
            + _OR_DIRECT,
            re.I,
        ),
    ),
    (
        "aggregate",
        re.compile(
            r"AGGREGATE\s+(?:\S+\s+){0,3}?BENEFICIALLY(?:\s+OWNED)?(?:\s+BY)?(?:\s+EAC\S*)?"
            r"(?:\s+\w?\s*REPORTING)?(?:\s+PERSON)?:?"
            # the label cut to its first word after the row number: "(9) Aggregate"
            r"|(?<=\d\)[ \t])AGGREGATE(?=[ \t]*\n)|(?<=\d\.[ \t])AGGREGATE(?=[ \t]*\n)",
            re.I,
        ),
    ),
    (
        "excludes",
        re.compile(r"EXCLUDES\s+CERTAIN\s+SHARES(?:\s*\*+|\s*\(See\s*\n?\s*Instructions\))?", re.I),
    ),
    (
        "percent",
        re.compile(
            r"PERCENT\s+OF\s+(?:\S+\s+){0,2}?REPRESENTED\s+BY\s+AMOUNT\s+IN\s+RO\S*(?:\s*W)?\s*(?:\(\s*\d+\s*\)|\d{1,2}\b(?!\.))?:?|PERCENT\s+OF\s+CL\w*",
            re.I,
        ),
    ),
    (
        "type",
        re.compile(r"TYPE\s+OF\s+RE\w*(?:\s+PERSON)?(?:\s*\*+|\s*\(See Instructions\))?:?", re.I),
    ),
]
_ORDER = [k for k, _ in _LABELS]
_POWER_ROWS = ("sole_voting", "shared_voting", "sole_dispositive", "shared_dispositive")
_ROWS = ("sole_voting", "shared_voting", "sole_dispositive", "shared_dispositive", "aggregate")
_ROW_NO = {
    "sole_voting": 7,
    "shared_voting": 8,
    "sole_dispositive": 9,
    "shared_dispositive": 10,
    "aggregate": 11,
}

_TYPE_CODES = {"IN", "PN", "CO", "OO", "IA", "HC", "BD", "BK", "IC", "IV", "EP", "SA", "CP", "FI"}
_FUND_CODES = {"WC", "PF", "OO", "AF", "BK", "SC", "N/A"}

_PLACES = [
    "Cayman Islands",
    "British Virgin Islands",
    "United Kingdom",
    "United States of America",
    "United States",
    "U.S.A.",
    "U.S.",
    "USA",
    "Bermuda",
    "Canada",
    "England and Wales",
    "England",
    "Luxembourg",
    "Ireland",
    "Netherlands",
    "Switzerland",
    "Germany",
    "France",
    "Japan",
    "Israel",
    "Delaware",
    "New York",
    "Massachusetts",
    "Pennsylvania",
    "California",
    "Connecticut",
    "Texas",
    "Illinois",
    "Nevada",
    "Maryland",
    "New Jersey",
    "Minnesota",
    "Ohio",
    "Florida",
    "Georgia",
    "Virginia",
    "Colorado",
    "Washington",
    "Nebraska",
    "Missouri",
    "Michigan",
    "Wisconsin",
    "Iowa",
    "Kansas",
    "Utah",
    "Arizona",
    "Oregon",
]


@dataclass
class _Row:
    """One row's raw value and where it is."""

    key: str
    text: str
    start: int
    end: int


@dataclass
class _Page:
    """A cover page as found: its rows by label, and what was read from them."""

    index: int
    start: int
    end: int
    rows: dict[str, _Row] = field(default_factory=dict)
    name_raw: str = ""
    name_span: tuple[int, int] | None = None
    irs: str | None = None
    name: str | None = None  # resolved clean name
    name_note: str | None = None
    name_unresolved: bool = False  # looks broken, and no other spelling in the filing fits
    values: dict[str, float | None] = field(default_factory=dict)
    components: dict[str, list[Component]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    recovered: list[tuple[str, str]] = field(default_factory=list)  # (row key, note)
    owners_raw: dict[str, str] = field(default_factory=dict)  # row key -> phrase
    owner_phrase_span: dict[str, tuple[int, int]] = field(default_factory=dict)
    owner_names: list[str] = field(default_factory=list)
    owner_note: str | None = None
    percent: float | None = None
    percent_text: str | None = None
    type_codes: tuple[str, ...] = ()
    citizenship: str | None = None
    group: str | None = None
    sources: tuple[str, ...] = ()
    excludes: bool | None = None
    listed: bool = False  # one person's lines of a combined per-person cover page


#: Every match of the row-6 ("legal") label contains this; its optional prefix
#: ``(?:CHECK\s+(?:BOX\s+)?)?(?:IF\s+)?(?:\S+\s*)?\S*`` spans at most four whitespace runs.
_LEGAL_ANCHOR = re.compile(r"SURE\s+OF\s+LEGAL\s+PROCEEDINGS", re.I)
_WS_RUN = re.compile(r"\s+")


def _after_runs(text: str, at: int, lo: int, runs: int) -> int:
    """The end of the ``runs + 1``-th whitespace run before ``at`` (``lo`` if there are fewer).

    A match that starts on a non-space and spans at most ``runs`` whitespace runs before
    ``at`` cannot start earlier.

    >>> _after_runs("a b c d", 6, 0, 1)
    4
    >>> _after_runs("a b", 2, 0, 3)
    0
    """
    ends = [m.end() for m in _WS_RUN.finditer(text, max(lo, at - 2048), at)]
    if len(ends) > runs:
        return ends[-(runs + 1)]
    return lo if at - 2048 <= lo else _after_runs_slow(text, at, lo, runs)


def _after_runs_slow(text: str, at: int, lo: int, runs: int) -> int:
    ends = [m.end() for m in _WS_RUN.finditer(text, lo, at)]
    return ends[-(runs + 1)] if len(ends) > runs else lo


def _upper_pattern(pattern: str) -> str:
    r"""A pattern's literal letters in upper case, escapes (``\s``, ``\S``, ````) kept:
    matched without ``re.I`` against upper-cased text it finds what the pattern finds with
    ``re.I`` in the text, and a leading literal lets the engine skip ahead fast.

    >>> _upper_pattern(r"SOLE\s+(?:Power)\(See\)")
    'SOLE\\s+(?:POWER)\\(SEE\\)'
    """
    out = []
    esc = False
    for c in pattern:
        out.append(c if esc else c.upper() if "a" <= c <= "z" else c)
        esc = not esc and c == "\\"
    return "".join(out)


#: ASCII letters to upper case, nothing else (the text keeps its length and offsets).
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
#: The labels for upper-cased text (see :func:`_upper_pattern`).
_LABELS_UP = [(k, re.compile(_upper_pattern(rx.pattern))) for k, rx in _LABELS]
_LEGAL_ANCHOR_UP = re.compile(_upper_pattern(_LEGAL_ANCHOR.pattern))


def _finditer_legal(
    text: str,
    start: int,
    end: int,
    rx: re.Pattern[str] | None = None,
    anchor: re.Pattern[str] = _LEGAL_ANCHOR,
) -> Iterator[re.Match[str]]:
    r"""``rx.finditer(text, start, end)`` for the row-6 label, without its cubic scan.

    The label's prefix (``(?:\S+\s*)?\S*``) backtracks through every long token at every
    position; the match can only start a few words before a "SURE OF LEGAL PROCEEDINGS",
    so each search starts there. Same matches, same order (leftmost first, no overlap).
    """
    rx = rx or _LABELS[_ORDER.index("legal")][1]
    pos = start
    while True:
        a = anchor.search(text, pos, end)
        if a is None:
            return
        m = rx.search(text, max(pos, _after_runs(text, a.start(), pos, 6)), end)
        if m is None:  # pragma: no cover - the anchor itself always matches
            return
        yield m
        pos = m.end()


_LABEL_TAIL = re.compile(
    r"[ \t]*:?[ \t]*(?:\(\s*see\s+instructions?\s*\)|\*{1,3}(?!\w))[ \t]*:?", re.I
)


def _find_labels(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    # a label wrapped inside a text table's cell ("Excludes |" / "| Certain Shares*")
    text = _TABLE_RULE.sub(" ", text)
    # the labels are read case-blind, fast (str.upper() is the same on ASCII, and faster)
    up = text.upper() if text.isascii() else text.translate(_ASCII_UPPER)
    hits: list[tuple[int, int, str]] = []
    for key, rx in _LABELS_UP:
        found = (
            _finditer_legal(up, start, end, rx, _LEGAL_ANCHOR_UP)
            if key == "legal"
            else rx.finditer(up, start, end)
        )
        for m in found:
            hits.append((m.start(), m.end(), key))
    # the form's noise after a label ("(See Instructions)", "*", a colon, in either
    # order) belongs to the label, not to its value
    for i, (s, e, key) in enumerate(hits):
        t = _LABEL_TAIL.match(text, e, end)
        if t and t.end() > e and re.search(r"[^\s:]", t.group(0)):
            hits[i] = (s, t.end(), key)
    hits.sort()
    # drop overlaps (keep the earlier, longer)
    out: list[tuple[int, int, str]] = []
    for h in hits:
        if out and h[0] < out[-1][1]:
            continue
        out.append(h)
    return out


_ANY_ITEM = re.compile(r"^[ \t]*[^\w\n]{0,6}ITEM\s*\d{1,2}\s*(?:\([a-k]\))?[.:\t]", re.M | re.I)


_ITEM_COLON_START = re.compile(
    r"^[ \t]*Item\s+1\s*:\s*(?:Reporting\s+Persons?\b|Names?\s+of\s+Reporting)", re.I | re.M
)
_ITEM_COLON_LINE = re.compile(r"^([ \t]*)Item\s+(\d{1,2})\s*:", re.I)
_ROW_WORDS_13G = {
    1: "NAMES OF REPORTING PERSONS",
    2: "CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP",
    3: "SEC USE ONLY",
    4: "CITIZENSHIP OR PLACE OF ORGANIZATION",
    5: "SOLE VOTING POWER",
    6: "SHARED VOTING POWER",
    7: "SOLE DISPOSITIVE POWER",
    8: "SHARED DISPOSITIVE POWER",
    9: "AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON",
    10: "CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (9) EXCLUDES CERTAIN SHARES",
    11: "PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9)",
    12: "TYPE OF REPORTING PERSON",
}
_ROW_WORDS_13D = {
    1: "NAMES OF REPORTING PERSONS",
    2: "CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP",
    3: "SEC USE ONLY",
    4: "SOURCE OF FUNDS",
    5: "CHECK IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED",
    6: "CITIZENSHIP OR PLACE OF ORGANIZATION",
    7: "SOLE VOTING POWER",
    8: "SHARED VOTING POWER",
    9: "SOLE DISPOSITIVE POWER",
    10: "SHARED DISPOSITIVE POWER",
    11: "AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON",
    12: "CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (11) EXCLUDES CERTAIN SHARES",
    13: "PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)",
    14: "TYPE OF REPORTING PERSON",
}


_KEY_OF_WORDS = {
    "NAMES OF REPORTING PERSONS": "name",
    "CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP": "group",
    "SEC USE ONLY": "sec_use",
    "SOURCE OF FUNDS": "source",
    "CHECK IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED": "legal",
    "CITIZENSHIP OR PLACE OF ORGANIZATION": "citizenship",
    "SOLE VOTING POWER": "sole_voting",
    "SHARED VOTING POWER": "shared_voting",
    "SOLE DISPOSITIVE POWER": "sole_dispositive",
    "SHARED DISPOSITIVE POWER": "shared_dispositive",
    "AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON": "aggregate",
    "CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (9) EXCLUDES CERTAIN SHARES": "excludes",
    "CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (11) EXCLUDES CERTAIN SHARES": "excludes",
    "PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9)": "percent",
    "PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)": "percent",
    "TYPE OF REPORTING PERSON": "type",
}


def item_colon_covers(text: str) -> str:
    r"""Cover pages printed as numbered lines ("Item 1: Reporting Person - FMR Corp." /
    "Item 4: Delaware" / "Item 5: 0" ... "Item 12: HC", FMR's filings) rewritten with the
    rows' own labels, each value on the line below ("SOLE VOTING POWER" / "0"), so the
    cover-page reader reads them like any box layout. A block runs from "Item 1:
    Reporting Person" to the first blank line; one with rows 13-14 is a 13D (rows 7-11 are
    the powers and the aggregate), else a 13G. Text elsewhere is unchanged.

    >>> item_colon_covers("Item 1:\tReporting Person - FMR Corp.\nItem 5:\t0\n\nItem 1(a).")
    'NAMES OF REPORTING PERSONS\nFMR Corp.\nSOLE VOTING POWER\n0\n\nItem 1(a).'
    """
    if "Reporting Person" not in text and "REPORTING PERSON" not in text:
        return text
    starts = [m.start() for m in _ITEM_COLON_START.finditer(text)]
    if not starts:
        return text
    out: list[str] = []
    pos = 0
    for st in starts:
        if st < pos:
            continue
        # the block: "Item N:" lines, their indented continuations and blank lines
        end = st
        for ln in text[st:].split("\n"):
            if ln.strip() and not _ITEM_COLON_LINE.match(ln) and not ln[:1].isspace():
                break
            end += len(ln) + 1
        end = min(end, len(text))
        block = text[st:end].split("\n")
        nums = [int(m.group(2)) for ln in block if (m := _ITEM_COLON_LINE.match(ln))]
        words = _ROW_WORDS_13D if any(n >= 13 for n in nums) else _ROW_WORDS_13G
        lines = []
        for ln in block:
            m = _ITEM_COLON_LINE.match(ln)
            n = int(m.group(2)) if m else 0
            if m and n in words:
                value = ln[m.end() :].strip()
                if n != 1 and _LABELS[_ORDER.index(_KEY_OF_WORDS[words[n]])][1].match(value):
                    lines.append(value)  # "Item 5: SOLE VOTING POWER": the label is there
                    continue
                if n == 1 and re.fullmatch(r"Reporting\s+Persons?|Names?\s+of\s+.*", value, re.I):
                    lines.append(words[1])  # "Item 1: REPORTING PERSONS" / the name below
                    continue
                if n == 1:  # "Reporting Person - FMR Corp. - (Tax ID:  04-2507163)"
                    value = re.sub(r"^Reporting\s+Person\s*[-:\u2013]?\s*", "", value, flags=re.I)
                    value = re.sub(r"\s*[-,]?\s*\([^)]*\d{2}-\d{7}[^)]*\)\s*$", "", value)
                lines.append(f"{words[n]}\n{value}")
            else:
                lines.append(ln)
        out.append(text[pos:st])
        out.append("\n".join(lines))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _cover_region(text: str, body_start: int) -> tuple[int, int]:
    """Where the cover pages are: from the first row-1 label to the first Item 1."""
    m = _LABELS[0][1].search(text, body_start)
    if not m:
        return body_start, body_start
    end_m = re.compile(
        r"^[ \t]*[^\w\n]{0,6}(?:Item|ITEM)\s*1\s*(?:\(a\))?[.:\s]"
        r"|^\W*AMENDMENT\s+NO\.\s*\d+\s+TO\s+SCHEDULE",
        re.M,
    ).search(text, m.end())
    return m.start(), (end_m.start() if end_m else len(text))


def _split_pages(
    text: str, start: int, end: int, incomplete: list[int] | None = None
) -> list[_Page]:
    """Split the cover region into pages, each starting at a row-1 label.

    A last page that has its row-1 label but none of rows 7-11 is not a page; its start is
    appended to ``incomplete`` so that the caller reports it instead of dropping it.
    """
    hits = _find_labels(text, start, end)
    listed = _per_person_pages(text, hits, end)
    if listed:
        return listed
    pages: list[_Page] = []
    cur: list[tuple[int, int, str]] = []
    for h in hits:
        if h[2] == "name" and any(k in _ROWS for _, _, k in cur):
            pages.append(_page_from_hits(text, len(pages), cur, h[0]))
            cur = []
        cur.append(h)
    if cur and any(k in _ROWS for _, _, k in cur):
        pages.append(_page_from_hits(text, len(pages), cur, end))
    elif cur and incomplete is not None and any(k == "name" for _, _, k in cur):
        incomplete.append(cur[0][0])
    if pages and end == len(text) and pages[-1].rows:
        # no Item 1 (an amendment restates only "Item 3." and "Item 5."): the last page
        # ends at the first Item heading after its last row
        last = pages[-1]
        m = _ANY_ITEM.search(text, max(r.start for r in last.rows.values()))
        if m:
            last.end = m.start()
            for key, row in list(last.rows.items()) if False else []:
                if row.end > last.end:
                    last.rows[key] = _Row(key, text[row.start : last.end], row.start, last.end)
    return pages


#: "(iii)", "(2)", "(b)" before a name in a per-person list.
_LIST_MARK = re.compile(
    r"[ \t]*(?:\((?:[ivx]{1,5}|\d{1,2}|[a-z])\)|(?:[ivx]{1,5}|\d{1,2})\.)[ \t]+"
)
#: Leader dots after a name (". . . ."), not the dot of ".4".
_LEADER = re.compile(r"(?:[ \t]*\.(?=[ \t]))*[ \t]*")


_SPACES = re.compile(r"[ \t]*")
_FIRST_VALUE = re.compile(r"\d{1,3}(?:[\u2009\u202f\u00a0]\d{3})+(?![\d,.])|\S+")
_NAME_MARK = re.compile(r"[ \t]*(?:\(\d{1,2}\)|\*+|[\u00b9\u00b2\u00b3\u2070-\u2079]+)$")
#: After a person's name on its line: a footnote mark, leader dots, then the value.
_AFTER_PERSON = re.compile(r"(?:\(\d{1,2}\)|\*+)?(?=[ \t]|$)" + _LEADER.pattern + r"([^\n]*)", re.M)


def _person_line(region: str, name: str) -> re.Match[str] | None:
    r"""The first line of ``region`` that starts with ``name`` (after an optional list mark
    "(ii)" and spaces), matched from the name's end: group 1 is the value after it. One
    fixed pattern for every name (no pattern compiled per person).

    >>> _person_line("x\n(ii) Jane Doe . . . 7,950\n", "Jane Doe").group(1)
    '7,950'
    """
    ls = 0
    while ls <= len(region):
        mk = _LIST_MARK.match(region, ls)
        starts = [_SPACES.match(region, mk.end()).end()] if mk else []  # type: ignore[union-attr]
        starts.append(_SPACES.match(region, ls).end())  # type: ignore[union-attr]
        for p in starts:
            if region.startswith(name, p):
                m = _AFTER_PERSON.match(region, p + len(name))
                if m:
                    return m
        nl = region.find("\n", ls)
        if nl < 0:
            break
        ls = nl + 1
    return None


def _per_person_pages(text: str, hits: list[tuple[int, int, str]], end: int) -> list[_Page]:
    """One combined cover page that lists every person under each row ("1. Names of
    Reporting Persons: (i) A (ii) B ...", then "7. Sole Voting Power:" with a line
    "A . . . . 7,950  110,872" per person): one page per person, each row holding that
    person's line (its first column: the first class printed). [] when the layout is not
    this one (fewer than two names, or a person missing from row 7-11 lines)."""
    text = _TABLE_RULE.sub(" ", text)  # "| (ii) | Jane Doe | 7,950 |": rules are spaces
    firsts: list[tuple[int, int, str]] = []
    for h in hits:
        if h[2] not in {k for _, _, k in firsts}:
            firsts.append(h)
    if not firsts or firsts[0][2] != "name" or not any(k in _ROWS for _, _, k in firsts):
        return []
    # each row runs to the start of the line of the next label ("2.   Check the ...")
    bounds = [
        (s, e, k, max(e, text.rfind("\n", 0, firsts[i + 1][0])) if i + 1 < len(firsts) else end)
        for i, (s, e, k) in enumerate(firsts)
    ]
    name_end = bounds[0][3]
    names: list[tuple[str, int]] = []
    for m in re.finditer(r"[^\n]+", text[bounds[0][1] : name_end]):
        line = m.group(0)
        mk = _LIST_MARK.match(line)
        # a footnote mark after the name ("Jane Doe (1)", "Jane Doe*") is not on its lines
        name = _NAME_MARK.sub("", line[mk.end() if mk else 0 :].strip())
        if name and re.search(r"[A-Za-z]{2}", name):
            names.append((name, bounds[0][1] + m.start() + (mk.end() if mk else 0)))
    if len(names) < 2 or len(names) > 40:
        return []
    per: list[dict[str, _Row]] = [{} for _ in names]
    found: list[set[str]] = [set() for _ in names]
    for _s, e, k, nxt in bounds[1:]:
        region = text[e:nxt]
        for i, (name, _at) in enumerate(names):
            m = _person_line(region, name)
            if m and m.group(1).strip():
                val = m.group(1).rstrip()
                if k in _ROWS or k == "percent":
                    # the first column; a count may group its digits by a (thin) space
                    val = _FIRST_VALUE.match(val).group(0)  # type: ignore[union-attr]
                a = e + m.start(1)
                per[i][k] = _Row(k, val, a, a + len(val))
                found[i].add(k)
            else:
                per[i].setdefault(k, _Row(k, region, e, nxt))
    if not all(k in found[i] for i in range(len(names)) for k in _ROWS if k in per[i]):
        return []  # a person without a line in each of rows 7-11: not this layout
    pages: list[_Page] = []
    for i, (name, at) in enumerate(names):
        page = _Page(index=i, start=bounds[0][0], end=end, listed=True)
        page.rows["name"] = _Row("name", name, at, at + len(name))
        for _s, _e, k, _n in bounds[1:]:
            page.rows[k] = per[i][k]
        pages.append(page)
    return pages


def _page_from_hits(text: str, index: int, hits: list[tuple[int, int, str]], end: int) -> _Page:
    # a page may show a label twice (garbled duplicate): keep labels in form order
    # so a later row's label never ends an earlier one prematurely.
    page = _Page(index=index, start=hits[0][0], end=end)
    chosen: list[tuple[int, int, str]] = []
    pos_in_order = -1
    for s, e, k in hits:
        order = _ORDER.index(k)
        if k == "name" and chosen:
            # a second (garbled) row-1 label before any other: extend the name label
            if all(c[2] == "name" for c in chosen):
                chosen[-1] = (chosen[-1][0], e, "name")
            continue
        if k in {c[2] for c in chosen}:
            continue
        # rows 7-10 printed in another order ("SHARED VOTING POWER" after "SOLE
        # DISPOSITIVE POWER"): each power's label is its own, kept where it stands
        if order < pos_in_order and k not in ("sec_use", *_POWER_ROWS):
            continue
        chosen.append((s, e, k))
        pos_in_order = max(pos_in_order, order)
    for i, (_s, e, k) in enumerate(chosen):
        nxt = chosen[i + 1][0] if i + 1 < len(chosen) else end
        if k == "type":
            nxt = min(nxt, e + 300)
        page.rows[k] = _Row(k, text[e:nxt], e, nxt)
    if _values_before_labels(page):
        # each value is printed above its label: a row's value is the text before it
        for i, (s, _e, k) in enumerate(chosen):
            if i == 0:  # the name: the last non-blank line above the label's line
                b = text.rfind("\n", 0, s)
                a = text.rfind("\n", 0, b) + 1
                while b > 0 and not text[a:b].strip():
                    b = a - 1
                    a = text.rfind("\n", 0, b) + 1
                page.rows[k] = _Row(k, text[a:b], a, b)
            else:
                a = chosen[i - 1][1]
                page.rows[k] = _Row(k, text[a:s], a, s)
    return page


#: A footnote mark after a value: "*", "(1)", "[1]", superscript digits.
_MARK_AFTER = r"(?:\*+|\(\d\)|\[\d\]|[\u00b9\u00b2\u00b3\u2070-\u2079]+)"
_CODES = "(?:" + "|".join(sorted(_TYPE_CODES)) + ")"
#: A line holding row 14's codes alone: "IA", "IA, HC", "IN*", "CO (1)", "PN - Partnership".
_CODE_LINE = re.compile(
    rf"^[ \t]*{_CODES}(?:[ \t]*[,;/&][ \t]*{_CODES})*[ \t]*{_MARK_AFTER}?"
    r"(?:[ \t]*[-\u2013\u2014:][ \t]*[A-Za-z][A-Za-z ,]{0,40})?[ \t]*$",
    re.M,
)


#: A line holding a percentage alone: "5.87%", "approximately 5.9 %", "5.87 percent*".
_PERCENT_LINE = re.compile(
    r"^[ \t]*(?:approximately[ \t]+|approx\.[ \t]*)?\d*\.?\d+[ \t]*(?:%|per[ \t]?cent)"
    rf"[ \t]*{_MARK_AFTER}?[ \t]*$",
    re.M | re.I,
)


def _values_before_labels(page: _Page) -> bool:
    """A page printed with each value on the line ABOVE its label ("565,750" / "(5) Sole
    Voting Power"; "IA" / "(12) Type of Reporting Person"): row 14 holds no code, row 13
    holds a code line, row 12 holds the percentage."""
    r = page.rows
    if not all(k in r for k in ("type", "percent", "excludes", "aggregate")):
        return False
    first = next((ln for ln in r["type"].text.splitlines() if ln.strip()), "")
    return (
        not re.search(r"\b(?:" + "|".join(sorted(_TYPE_CODES)) + r")\b", first)
        and bool(_CODE_LINE.search(_layout_only(r["percent"].text)))
        and bool(_PERCENT_LINE.search(_layout_only(r["excludes"].text)))
        and not re.search(r"\d,\d{3}|\d{4}", _layout_only(r["aggregate"].text))
    )


def _layout_only(text: str) -> str:
    """The text with a text table's rules and a page break's furniture as spaces."""
    return _PAGE_FURNITURE.sub(lambda m: " " * len(m.group(0)), _TABLE_RULE.sub(" ", text))


# --------------------------------------------------------------------------- Item 3 codes

#: Item 3 of a 13G ("check whether the person filing is a:") by its words, as row-14 codes.
_ITEM3_KINDS = [
    (re.compile(r"broker\s+or\s+dealer", re.I), "BD"),
    (re.compile(r"\bbank\s+as\s+defined|^\W*bank\b", re.I), "BK"),
    (re.compile(r"insurance\s+company", re.I), "IC"),
    (re.compile(r"investment\s+company\s+registered", re.I), "IV"),
    (re.compile(r"investment\s+advis[eo]r", re.I), "IA"),
    (re.compile(r"employee\s+benefit\s+plan", re.I), "EP"),
    (re.compile(r"parent\s+holding\s+company", re.I), "HC"),
    (re.compile(r"savings\s+association", re.I), "SA"),
    (re.compile(r"church\s+plan", re.I), "CP"),
    (re.compile(r"non-?\s*U\.?S\.?\s+institution", re.I), "FI"),
]
_CHECKED = re.compile(
    r"\[\s*[xX]\s*\]|\(\s*[xX]\s*\)|/\s*[xX]\s*/|\u2612|\u00fe|\u00fd|\u2611|\u25a0|\bx\b(?=\s)"
)
_UNCHECKED = re.compile(r"\[\s*\]|\(\s*\)|/\s+/|\u2610|\u00a8|\u25a1|\u2751|\bo\b(?=\s)|_{2,}")


def item3_codes(text: str, start: int) -> tuple[str, ...]:
    """Row 14 printed as "See Item 3": the kinds Item 3 states after ``start``. Its lines
    "(e) An investment adviser ..." count when their box is checked, or, when no line has
    a box, when only some kinds are listed (the filer kept the ones that apply)."""
    m = re.search(r"^\W*Item\s*3\b", text[start:], re.I | re.M)
    if not m:
        return ()
    a = start + m.end()
    e = re.search(r"^\W*Item\s*4\b", text[a:], re.I | re.M)
    body = text[a : a + (e.start() if e else 3000)]
    lines = [ln for ln in re.split(r"\n\s*(?=\([a-k]\))", body) if re.match(r"\([a-k]\)", ln)]
    boxed = [ln for ln in lines if _CHECKED.search(ln) or _UNCHECKED.search(ln)]
    if boxed:
        chosen = [ln for ln in lines if _CHECKED.search(ln)]
    elif 0 < len(lines) < 5:
        chosen = lines
    else:
        return ()
    out: list[str] = []
    for ln in chosen:
        for rx, code in _ITEM3_KINDS:
            if rx.search(ln[:160]) and code not in out:
                out.append(code)
                break
    return tuple(out)
