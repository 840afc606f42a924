"""The amounts of a legacy 13D/G cover page's rows 7-11 (moved out of
``loaders.sec_cover``): a row's text read into its total and its "(i)/(ii)/(iii)" breakdown
by instrument, with the page furniture, table rules, row numbers and stub words that text
extraction leaves in a row taken for layout, not values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ownergraph.graph.clean import parse_shares
from ownergraph.graph.vocab import Instrument

if TYPE_CHECKING:
    from ownergraph.loaders.sec_cover import _Row

_NUMTOK = re.compile(r"(?<![\w.,])-?(\d{1,3}(?:[,.]\d{3})+|\d+)(?:\.\d+)?-?(?![\w%]|[.,]\d)")
_MARKER = re.compile(r"\((i{1,3}|iv|v)\)", re.I)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}
_FOOTNOTE = re.compile(r"\(\d\)|\*+")
_STUB_WORDS = re.compile(
    r"\b(?:NUMBER\s+OF|SHARES|BENEFICIALLY|OWNED\s+BY|EACH|REPORTING|PERSON(?:\s+WITH)?|WITH)\b:?"
)


def _num(tok: str) -> float:
    t = tok.strip("-")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", t):  # "1.341.499": OCR read commas as dots
        t = t.replace(".", ",")
    v = parse_shares(t)
    assert v is not None
    return v


#: A digit group separator other than a comma ("5'274'370", thin and no-break spaces).
_GROUP_SEP = re.compile(r"(?<=\d)['\u2019\u2009\u202f\u00a0](?=\d{3}(?!\d))")
#: A count grouped by single spaces standing apart on its line (two spaces or a tab on
#: each side, or the line's start or end; after it maybe a footnote mark, a note in
#: brackets or "shares"): "5 274 370", "PERSON      452 094", "27 500 shares".
_SPACE_GROUPED = re.compile(
    r"(?m)(?:^|(?<=[ \t]{2})|(?<=\t))[ \t]*\d{1,3}(?: \d{3})+"
    r"(?=[ \t]*(?:$|\(|\*|shares?\b)|[ \t]{2}|\t)",
    re.I,
)
#: Superscript digits: a footnote mark, never a digit of a count.
_SUPERSCRIPT = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]+")
#: A share count written as a word: "NONE", "None", "Nil" (zero, graph.clean's rule).
_ZERO_WORD = re.compile(r"(?<![\w-])(?:NONE|None|none|NIL|Nil|nil)(?![\w-])")


#: A page's furniture printed inside a row where a page break cuts it: "<PAGE>", the
#: running header "CUSIP No. 742718109      13D      Page 3 of 9 Pages", "Page 3 of 9".
#: The page number a page ends with ("-4-", "- 4 -", "Page 4") on the line before the page
#: break ("<PAGE>", a form feed; "-0-" there is a value). Its numbers are no row's value.
_PAGE_FURNITURE = re.compile(
    r"(?im)^[ \t]*(?:<PAGE>[^\n]*"
    r"|[^\n]*\bCUSIP\s*(?:NO\b\.?|NUMBER\b|#)[^\n]*"
    r"|[^\n]*\bPage\s+\d{1,3}\s+of\s+\d{1,3}(?:\s+Pages?)?[ \t]*"
    r"|(?:-[ \t]*[1-9]\d{0,2}[ \t]*-|Page[ \t]+\d{1,3})[ \t]*(?=\n[ \t\n]*(?:<PAGE>|\x0c)))$"
)


_TABLE_RULE = re.compile(r"[|\u2502\u2503\u2551\u00a6]")


#: A comma-grouped count whose last group has four digits: three and a footnote mark.
_GLUED_MARK = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{3})*,\d{3})[1-9](?![\d,]|\.\d)")
#: "row 7", "Row (11)", "Item 5", "Items 4 and 6" (the first), "Note 2", "footnote (1)".
_REFERENCE = re.compile(
    r"(?i)(\b(?:rows?|items?|notes?|footnotes?)[ \t]*\(?)"
    r"(\d{1,2}(?:\([a-z]\))?\)?(?:[ \t]*(?:,|and|&|or|through|to|-)[ \t]*\(?\d{1,2}(?:\([a-z]\))?\)?)*)"
    r"(?!\d|,\d)"
)
#: A row number at a line's start before the first word of its label ("(10) Check Box if
#: the Aggregate Amount ...", "(9) Aggregate", "8 SHARED VOTING POWER").
_ROW_NO_BEFORE_LABEL = re.compile(
    r"(?m)(?<=^)[ \t_]*\(?(?:1[0-4]|[1-9])\)?\.?(?=[ \t]+(?:Names?|Check|SEC|Source|Citizenship"
    r"|Sole|Shared|Aggregate|Percent|Type|NAMES?|CHECK|SOURCE|CITIZENSHIP|SOLE|SHARED"
    r"|AGGREGATE|PERCENT|TYPE)\b)"
)


def _grouped_by_commas(line_start: str) -> str:
    """ "   5 274 370" -> "   5,274,370" (the indentation kept)."""
    lead = len(line_start) - len(line_start.lstrip(" \t"))
    return line_start[:lead] + line_start[lead:].replace(" ", ",")


def _amount_text(text: str) -> str:
    """The row text with every number in the comma grouping and zero words as "0", the
    same length (spans stay true), so that one token pattern reads them; the value of
    each token is read by :func:`graph.clean.parse_shares`.

    >>> _amount_text("5'274'370 shares; NONE")
    '5,274,370 shares; 0   '
    """
    text = _GROUP_SEP.sub(",", text)
    # "5 274 370" alone on its line (a no-break space that HTML rendering made a space)
    text = _SPACE_GROUPED.sub(lambda m: _grouped_by_commas(m.group(0)), text)
    low = text.lower()  # (speed) furniture holds one of these; non-ASCII: the odd re.I letters
    if not text.isascii() or "page" in low or "cusip" in low or "\x0c" in text:
        text = _PAGE_FURNITURE.sub(lambda m: " " * len(m.group(0)), text)
    # a text table's rules ("| 7 | SOLE VOTING POWER | 62,963 |") are layout, like spaces
    text = _TABLE_RULE.sub(" ", text)
    # "[7]": the next row's number in brackets (1990s text filings), not a value
    text = re.sub(r"\[\d{1,2}\]", lambda m: " " * len(m.group(0)), text)
    # a footnote mark in superscript digits ("3,768,922\u00b9") is no part of the number;
    # one that lost its superscript stays glued to the count ("12,345,6781"): a last group
    # of four digits is three and a mark
    text = _SUPERSCRIPT.sub(lambda m: " " * len(m.group(0)), text)
    text = _GLUED_MARK.sub(lambda m: m.group(1) + " ", text)
    # a reference to another row, item or note ("See Item 5", "footnote to row 7",
    # "Note (2)") and a row number before its label ("(10) Check Box if ...") are no
    # values
    text = _REFERENCE.sub(lambda m: m.group(1) + re.sub(r"\d", " ", m.group(2)), text)
    text = _ROW_NO_BEFORE_LABEL.sub(lambda m: " " * len(m.group(0)), text)
    return _ZERO_WORD.sub(lambda m: "0" + " " * (len(m.group(0)) - 1), text)


def _classify(segment: str) -> Instrument | None:
    s = segment.casefold()
    if "warrant" in s or "exercise" in s:
        return Instrument.WARRANT
    if "conver" in s or "notes" in s or "debenture" in s:
        return Instrument.CONVERTIBLE
    if "option" in s:
        return Instrument.OPTION
    if "preferred" in s:
        return Instrument.PREFERRED
    if re.search(r"common\s+st\w*\s*[;,.]|common\s+stock\s*$|common\s+st\w*\s*(?:and|;)", s):
        return Instrument.COMMON
    return None


@dataclass
class _Amount:
    """A row's reading: the stated total, the breakdown, and notes on recovery."""

    total: float | None
    blank: bool
    components: list[tuple[int, float | None, Instrument | None]]  # (marker, shares, instrument)
    loose_used: bool = False
    total_span: tuple[int, int] | None = None


#: A value printed as a short run of dashes on its line ("-", "--", "----"), not a table
#: rule (a rule is longer, or shares its line with other marks). The stub column's words
#: may stand before it ("Each      -") and a note after it ("- (see Note A)", "--*").
_LONE_DASH = re.compile(
    r"(?im)^[ \t]*(?:(?:NUMBER\s+OF|SHARES|BENEFICIALLY|OWNED|BY|EACH|REPORTING|PERSONS?"
    r"|WITH)[ \t]+)*[-\u2013\u2014]{1,4}[ \t]*(?:\([^()\n]{0,40}\)|\*{1,3})?[ \t]*$"
)


def _read_amount(row: _Row) -> _Amount:
    """Read a row 7-11 value: leading total plus "(i)/(ii)/(iii)" breakdown."""
    text = _amount_text(row.text)
    clean = _FOOTNOTE.sub(lambda m: " " * len(m.group(0)), text)
    clean = _STUB_WORDS.sub(lambda m: " " * len(m.group(0)), clean)
    # drop row numbers that extraction left in the value ("\t\t9\t0 SOLE ...", "... 0\n\t\t9\t")
    rownos = list(
        re.finditer(
            r"(?:^|\n)[ \t_]*(?:[Rr][Oo][Ww][ \t]+)?\(?(\d{1,2})\)?\.?"
            r"(?=\t|[ \t]*(?:\n|$)|[ \t]+[A-Z]{3})",
            clean,
        )
    )
    rownos = [m for m in rownos if 1 <= int(m.group(1)) <= 14]
    others = [
        m
        for m in _NUMTOK.finditer(clean)
        if not any(r.start(1) <= m.start(1) < r.end(1) for r in rownos)
    ]
    if others:
        for r in rownos:
            clean = clean[: r.start(1)] + " " * (r.end(1) - r.start(1)) + clean[r.end(1) :]
    elif rownos and re.search(r"\n", clean[: rownos[-1].start(1)]):
        r = rownos[-1]  # "\n\t\t\t\n\t\t9\t": a blank row followed by the next row number
        if len(rownos) == 1 and not re.search(r"\d", clean[: r.start(1)]):
            clean = clean[: r.start(1)] + " " * (r.end(1) - r.start(1)) + clean[r.end(1) :]
    # "- SHARES 8": a dash for the value, then the next row's number (HTML tables)
    tail = re.search(r"(?:^|\s)(\d{1,2})\s*$", clean)
    if (
        tail
        and 1 <= int(tail.group(1)) <= 14  # a row number; "--" / "None" (0) is a value
        and re.search(r"(?:^|\s)[-\u2013\u2014]+(?=\s|$)", clean[: tail.start(1)])
    ):
        clean = clean[: tail.start(1)] + " " * (tail.end(1) - tail.start(1)) + clean[tail.end(1) :]
    markers = list(_MARKER.finditer(clean))
    comps: list[tuple[int, float | None, Instrument | None]] = []
    attached: set[int] = set()
    for i, mk in enumerate(markers):
        seg_end = markers[i + 1].start() if i + 1 < len(markers) else len(clean)
        seg = clean[mk.end() : seg_end]
        nm = re.match(r"\s*" + _NUMTOK.pattern, seg)
        shares = None
        if nm:
            shares = _num(nm.group(0).strip())
            attached.add(mk.end() + nm.start(1))
        comps.append((_ROMAN[mk.group(1).lower()], shares, _classify(seg)))
    first_marker = markers[0].start() if markers else len(clean)
    if comps and comps[0][0] == 2:
        # "(i)" cut by extraction leaves ") 1,073,554 shares of Common Stock;" before "(ii)"
        cut = re.search(r"\)\s*" + _NUMTOK.pattern, clean[:first_marker])
        if cut:
            attached.add(cut.start(1))
            seg = clean[cut.end() : first_marker]
            comps.insert(0, (1, _num(cut.group(0)[1:].strip()), _classify(seg)))
            first_marker = cut.start()
    # a cut "(i)" marker leaves ") 1,073,554 shares" behind
    loose: list[tuple[int, float]] = []
    for m in _NUMTOK.finditer(clean):
        if m.start(1) in attached:
            continue
        if any(mk.start() <= m.start() < mk.end() for mk in markers):
            continue
        tok = m.group(0)
        if not re.search(r"\d,\d{3}|\d\.\d{3}\.\d{3}", tok) and m.start() > first_marker:
            continue  # stray small numbers inside the breakdown ("1.0", "(44)")
        loose.append((m.start(), _num(tok)))
    total: float | None = None
    total_span = None
    missing = [i for i, c in enumerate(comps) if c[1] is None]
    used = False
    if missing and len(loose) >= len(missing):
        # numbers displaced by column interleaving: give them back in order
        # (leading ones first if there are more loose numbers than gaps, keep the
        # first as the total only if the rest fill the gaps exactly)
        extra = len(loose) - len(missing)
        if extra >= 1 and loose[0][0] < first_marker:
            total = loose[0][1]
            total_span = (row.start + loose[0][0], row.start + loose[0][0] + 1)
            fill = loose[1 : 1 + len(missing)]
        else:
            fill = loose[: len(missing)]
        for idx, (_p, v) in zip(missing, fill, strict=False):
            c = comps[idx]
            comps[idx] = (c[0], v, c[2])
        used = True
    else:
        lead = [v for p, v in loose if p < first_marker]
        if lead:
            total = lead[0]
            p0 = next(p for p, _ in loose if p < first_marker)
            total_span = (row.start + p0, row.start + p0 + 1)
    blank = not re.search(r"\d", clean) and not re.search(r"\bnone\b", clean, re.I)
    if total is None and re.search(r"^\W*None\b", clean.strip(), re.I):
        blank = False
    if total is None and not comps and blank and _LONE_DASH.search(clean):
        total, blank = 0.0, False  # a lone dash printed for the value is 0 (convention 6)
    return _Amount(
        total=total, blank=blank, components=comps, loose_used=used, total_span=total_span
    )
