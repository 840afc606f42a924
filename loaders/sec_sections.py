"""The text of an SEC ownership filing and its sections.

The text: the SGML header (``_read_header``), every HTML ``<TEXT>`` body rendered as text
(``_working_text``). The sections:

A Schedule 13D/13G after its title page is: the cover pages, Items 1-7 (13D) or 1-10
(13G), a signature block, then exhibits (a joint filing agreement, an Exhibit 99 listing
the subsidiaries of a parent holding company, powers of attorney, agreements). The
relation grammar (:mod:`loaders.sec_grammar`) reads the cover pages' footnotes, the Items
and the short exhibits; it does not read the signature blocks (read by their own rules:
"By: /s/ ..., Managing Member") nor long exhibits (merger agreements, letters), whose
prose about "the shareholders of the Company" states no link between the filers.

Headings are found by line: "Item 2.", "ITEM 2(a)", "Item 5 -", "SIGNATURE(S)",
"EXHIBIT 99.1", "Exhibit A". Offsets are into the text given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ownergraph.loaders.sec_lexicon import _fold

__all__ = ["Section", "sections", "grammar_spans", "LONG_EXHIBIT", "decode_filing"]


# --------------------------------------------------------------------------- text

_HTML_HINT = re.compile(r"<(?:html|body|p|div|table|font|tr|td)\b", re.I)
_HTML_BLOCK = re.compile(r"<(?:html|body|p|div|br|tr|td|font)\b", re.I)
#: ``[ \t]*\r?\n[ \t\r\n]*`` written to start with a set of characters: the engine jumps
#: to them (a pattern that can start with nothing is tried at every character).
_SOURCE_BREAK = re.compile(r"[ \t\r\n](?:(?<=[ \t])[ \t]*\r?\n|(?<=\r)\n|(?<=\n))[ \t\r\n]*")
#: ``[ \t]*\n[ \t\n]*\n``, started the same way: blank lines.
_BLANK_LINES = re.compile(r"[ \t\n](?:(?<=[ \t])[ \t]*\n|(?<=\n))[ \t\n]*\n")


def _html_to_text(html: str) -> str:
    """Render HTML as text with lxml (no entities resolved, no network), keeping blocks.

    The tree is lxml.etree's (plain elements: no per-element Python class lookup of
    lxml.html, the most of the rendering's time on a long filing)."""
    from lxml import etree

    parser = _html_parser()
    try:
        root = etree.fromstring(html, parser)
    except Exception:  # noqa: BLE001 - lxml raises several types on junk; fall back to tags off
        return re.sub(r"<[^>]+>", " ", html)
    if root is None:  # an empty document (lxml.html.document_fromstring refuses it)
        return re.sub(r"<[^>]+>", " ", html)
    for bad in list(root.iter("script", "style")):
        _drop_tree(bad)
    # a line break in the source is a space where the browser shows it (outside <pre>):
    # "By /s/ F.\nWilliam McNabb III" is one line of the signature block. The breaks the
    # blocks make are written as _NL / _TAB first, the source's own collapsed at the end
    # (not in an EDGAR text body whose only tags are <TABLE>/<S>/<C>: its lines are its
    # layout)
    collapse = bool(_HTML_BLOCK.search(html))
    if collapse:
        for p in root.iter("pre"):
            for d in p.iter():
                if d.text:
                    d.text = d.text.replace("\n", _NL)
                if d.tail and d is not p:
                    d.tail = d.tail.replace("\n", _NL)
    for el in root.iter("br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "table", "center"):
        el.tail = _NL + (el.tail or "")
    for el in root.iter("td", "th"):
        el.tail = _TAB + (el.tail or "")
    if "/s/" in html:
        # the innermost tables holding a "/s/" (XPath "//table[not(.//table)][contains(.,
        # '/s/')]", in document order), walked by lxml without XPath's string of every table
        signed = [
            t
            for t in root.iter("table")
            if next(t.iterdescendants("table"), None) is None and "/s/" in _string_value(t)
        ]
        for table in signed:
            _signature_grid(table)
    text = _string_value(root)
    if collapse:
        text = _SOURCE_BREAK.sub(" ", text)
    text = text.replace(_NL, "\n").replace(_TAB, "\t").replace("\xa0", " ")
    return _blank_lines(text)


#: A run of blanks holding two line breaks or more, from its first line break on.
_BLANK_RUN = re.compile(r"\n[ \t]*\n[ \t\n]*")


def _blank_lines(text: str) -> str:
    r"""``_BLANK_LINES.sub("\n\n", text)``, found from the line breaks (the pattern starts
    with a literal, which the engine jumps to): a run of spaces, tabs and line breaks that
    holds two breaks or more is one blank line from its start to its last break (the
    spaces before its first break go, those after its last stay).

    >>> _blank_lines("a \t\n \n\n  b\nc\n")
    'a\n\n  b\nc\n'
    """
    out: list[str] = []
    prev = 0
    for m in _BLANK_RUN.finditer(text):
        out.append(text[prev : m.start()].rstrip(" \t"))
        out.append("\n\n")
        prev = text.rfind("\n", m.start(), m.end()) + 1
    if not out:
        return text
    out.append(text[prev:])
    return "".join(out)


_PARSER: list[object] = []


def _html_parser() -> object:
    """One lxml HTML parser for every document (comments dropped, no network)."""
    if not _PARSER:
        from lxml import etree

        _PARSER.append(etree.HTMLParser(remove_comments=True, no_network=True, recover=True))
    return _PARSER[0]


def _string_value(el: object) -> str:
    """The text of an element and all below it (XPath ``string()``, as lxml.html's
    ``text_content``)."""
    return str(el.xpath("string()"))  # type: ignore[attr-defined]


def _drop_tree(el: object) -> None:
    """Remove an element and what is inside it, keeping its tail text (lxml.html's
    ``drop_tree``)."""
    parent = el.getparent()  # type: ignore[attr-defined]
    if parent is None:
        return
    tail = el.tail  # type: ignore[attr-defined]
    if tail:
        prev = el.getprevious()  # type: ignore[attr-defined]
        if prev is None:
            parent.text = (parent.text or "") + tail
        else:
            prev.tail = (prev.tail or "") + tail
    parent.remove(el)


#: Line and cell breaks the renderer writes (kept apart from the source's line breaks).
_NL = "\ue000"
_TAB = "\ue001"
_CELL_EDGE = f" \t\r\n\xa0{_NL}{_TAB}"
_SIGNED_CELL = re.compile(r"\s*(?:By\b:?\s*\S|/s/|\[?Signature)", re.I)


def _signature_grid(table: object) -> None:
    """Read a side-by-side signature table column by column.

    Filers often print two signature blocks side by side (a table whose rows hold the
    left block's line and the right block's line); read row by row, the lines of the two
    blocks interleave ("Fund A" / "Fund B" / "By: GP A" / "By: GP B"). A table whose
    filled columns form two or more runs apart (an empty spacer column between them),
    each run with signed cells ("By: X", "/s/ X"; the table has a "/s/"), is rendered one
    run after the other.
    """
    from lxml import etree

    if not isinstance(table, etree._Element):
        return
    rows: list[list[tuple[int, str]]] = []
    filled: set[int] = set()
    signed: set[int] = set()
    for tr in table.iter("tr"):
        cells: list[tuple[int, str]] = []
        pos = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            try:
                span = min(max(1, int(cell.get("colspan") or 1)), 50)
            except ValueError:
                span = 1
            txt = _SOURCE_BREAK.sub(" ", _string_value(cell)).strip(_CELL_EDGE)
            if txt:
                cells.append((pos, txt))
                filled.update(range(pos, pos + span))
                if _SIGNED_CELL.match(txt):
                    signed.add(pos)
            pos += span
        rows.append(cells)
    if len(signed) < 2:
        return
    runs: list[int] = []  # the first position of each run of filled columns
    for p in sorted(filled):
        if p - 1 not in filled:
            runs.append(p)
    if len(runs) < 2:
        return

    def side(p: int) -> int:
        return max(i for i, r in enumerate(runs) if r <= p)

    if len({side(p) for p in signed}) < 2:
        return
    sides: list[list[str]] = [[] for _ in runs]
    for cells in rows:
        per: dict[int, list[str]] = {}
        for p, t in cells:
            per.setdefault(side(p), []).append(t)
        for k, parts in per.items():
            sides[k].append(_TAB.join(parts))
    rendered = (_NL * 2).join(_NL.join(lines) for lines in sides if lines)
    new = etree.Element("div")
    new.text = _NL + rendered + _NL
    new.tail = table.tail
    parent = table.getparent()
    if parent is not None:
        parent.replace(table, new)


@dataclass
class _Sgml:
    """What the SGML header says."""

    accession: str | None = None
    form: str | None = None
    filed: str | None = None
    subject_name: str | None = None
    subject_cik: str | None = None
    filer_name: str | None = None
    filer_cik: str | None = None
    group_members: list[str] = field(default_factory=list)


def _read_header(text: str) -> _Sgml:
    h = _Sgml()
    m = re.search(r"<SEC-HEADER>(.*?)</SEC-HEADER>", text, re.S)
    if not m:
        return h
    hdr = m.group(1)

    def one(label: str, src: str = hdr) -> str | None:
        mm = re.search(rf"^\s*{label}:[ \t]*(.+?)\s*$", src, re.M)
        return mm.group(1).strip() if mm else None

    h.accession = one("ACCESSION NUMBER")
    h.form = one("CONFORMED SUBMISSION TYPE")
    h.filed = one("FILED AS OF DATE")
    h.group_members = [g.strip() for g in re.findall(r"^GROUP MEMBERS:\s*(.+?)\s*$", hdr, re.M)]
    subj = re.search(r"SUBJECT COMPANY:(.*?)(?=\n\S|\Z)", hdr, re.S)
    if subj:
        h.subject_name = one("COMPANY CONFORMED NAME", subj.group(1))
        h.subject_cik = one("CENTRAL INDEX KEY", subj.group(1))
    filer = re.search(r"FILED BY:(.*?)(?=\n\S|\Z)", hdr, re.S)
    if filer:
        h.filer_name = one("COMPANY CONFORMED NAME", filer.group(1))
        h.filer_cik = one("CENTRAL INDEX KEY", filer.group(1))
    return h


def _occurrences(hay: str, word: str) -> list[int]:
    """Every index where ``word`` starts in ``hay`` (overlapping ones too).

    >>> _occurrences("aaa", "aa")
    [0, 1]
    """
    out = []
    i = hay.find(word)
    while i != -1:
        out.append(i)
        i = hay.find(word, i + 1)
    return out


def _first_match_at(rx: re.Pattern[str], text: str, starts: list[int]) -> re.Match[str] | None:
    """``rx.search(text)`` when every match of ``rx`` starts at one of ``starts``."""
    for p in sorted(set(starts)):
        m = rx.match(text, p)
        if m is not None:
            return m
    return None


def _text_bodies(raw: str) -> list[tuple[int, int]]:
    """The spans of ``re.finditer(r"<TEXT>(.*?)</TEXT>", raw, re.S | re.I)``'s group 1.

    Found with ``str.find`` on :func:`loaders.sec_lexicon._fold` of the file (the regex
    under ``re.I`` is slow at every character of every body).

    >>> _text_bodies("<text>a</TEXT> <TeXt>b")
    [(6, 7)]
    """
    low = _fold(raw)
    out = []
    i = low.find("<text>")
    while i != -1:
        j = low.find("</text>", i + 6)
        if j == -1:
            break
        out.append((i + 6, j))
        i = low.find("<text>", j + 7)
    return out


def decode_filing(data: bytes) -> str:
    r"""A filing's bytes as text: UTF-8, else Latin-1 when UTF-8 leaves many replacement
    characters early; line ends "\r\n" and "\r" read as "\n" (a file saved on Windows or
    an old Mac reads like the same file saved on Unix).

    >>> decode_filing(b"SOLE VOTING POWER\r\n  7,950\r\n")
    'SOLE VOTING POWER\n  7,950\n'
    """
    raw = data.decode("utf-8", errors="replace")
    if "\ufffd" in raw[:2000] and raw.count("\ufffd") > 20:
        raw = data.decode("latin-1")
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    return raw


def _working_text(raw: str) -> str:
    """The decoded file with every HTML ``<TEXT>`` body rendered as text."""
    out: list[str] = []
    pos = 0
    for b0, b1 in _text_bodies(raw):
        body = raw[b0:b1]
        if _HTML_HINT.search(body[:4000]):
            out.append(raw[pos:b0])
            out.append("\n" + _html_to_text(body) + "\n")
            pos = b1
    out.append(raw[pos:])
    text = "".join(out)
    if "<TEXT>" not in raw and _HTML_HINT.search(raw[:4000]):
        text = _html_to_text(raw)
    return text


#: An exhibit longer than this (characters) is an agreement or a letter, not a list of
#: relations; the grammar does not read it.
LONG_EXHIBIT = 12_000

_ITEM = re.compile(
    r"^[ \t*#>|]*ITEM\s+(\d{1,2})\s*(?:\(\s*[a-h]\s*\))?\s*[.:\-\u2013\u2014\t ]", re.I | re.M
)
_SIGNATURE = re.compile(r"^[ \t*#>|]*SIGNATURES?\s*\.?[ \t]*$", re.I | re.M)
_EXHIBIT = re.compile(
    r"^[ \t*#>|]*(?:<[^>\n]*>)*\s*EXHIBIT\s+(?:NO\.?\s*)?([0-9]{1,3}(?:\.[0-9]{1,2})?|[A-Z]{1,2})\b"
    r"(?![ \t]+(?:to|of|hereto|attached))",
    re.I | re.M,
)
#: An attachment heading after a signature block (capitals on a line of its own).
_ATTACHMENT = re.compile(
    r"^[ \t*#>|]*(?:SCHEDULE\s+13[DG]\b[^\n]*|(?:ATTACHMENT|ANNEX|APPENDIX)\s+[A-Z0-9]{1,3})\s*$",
    re.M,
)
#: A line of a signature block.
_SIGNED = re.compile(r"/s/|^[ \t]*By:", re.M)
_DOC_END = re.compile(r"</TEXT>|</DOCUMENT>", re.I)
#: A further document of an EDGAR submission ("<TYPE>EX-99.1"): an exhibit.
_DOC_TYPE = re.compile(r"^<TYPE>\s*(EX-[\w.\-]+)", re.I | re.M)


@dataclass(frozen=True)
class Section:
    """A part of a filing: ``kind`` is "item", "signature" or "exhibit"; ``label`` is
    "Item 2", "Signature", "Exhibit 99.1"."""

    kind: str
    label: str
    start: int
    end: int


def sections(text: str, start: int = 0, end: int | None = None) -> list[Section]:
    """The Items, signature blocks and exhibits of ``text[start:end]``, in order.

    >>> t = "Item 1. Security\\nX\\nItem 2. Identity\\nY\\nSIGNATURE\\n/s/ Z\\nEXHIBIT 1\\nW"
    >>> [(s.label, t[s.start:s.end].split()[-1]) for s in sections(t)]
    [('Item 1', 'X'), ('Item 2', 'Y'), ('Signature', 'Z'), ('Exhibit 1', 'W')]
    """
    end = len(text) if end is None else end
    heads: list[tuple[int, str, str]] = []
    low = _fold(text)
    for m in _line_heads(_ITEM, text, low, "item", _LINE_LEAD, start, end):
        heads.append((m.start(), "item", f"Item {int(m.group(1))}"))
    for m in _line_heads(_SIGNATURE, text, low, "signature", _LINE_LEAD, start, end):
        heads.append((m.start(), "signature", "Signature"))
    for m in _exhibit_heads(text, low, start, end):
        heads.append((m.start(), "exhibit", f"Exhibit {m.group(1).upper()}"))
    for m in _line_heads(_DOC_TYPE, text, low, "<type>", "", start, end):
        heads.append((m.start(), "exhibit", m.group(1).upper()))
    for m in _DOC_END.finditer(text, start, end):
        heads.append((m.start(), "end", ""))
    heads.sort()
    out: list[Section] = []
    if not heads:
        return out
    for (a, kind, label), nxt in zip(heads, [*heads[1:], (end, "end", "")], strict=True):
        if kind != "end" and nxt[0] > a:
            out.append(Section(kind, label, a, nxt[0]))
    return out


#: What may stand before a heading's word on its line (``_ITEM``, ``_SIGNATURE``).
_LINE_LEAD = " \t*#>|"


def _line_heads(
    rx: re.Pattern[str], text: str, low: str, word: str, lead: str, start: int, end: int
) -> Iterator[re.Match[str]]:
    r"""``rx.finditer(text, start, end)`` for a heading pattern ``^[lead]*WORD...`` (``re.I |
    re.M``), tried only where ``low`` (:func:`_fold` of ``text``) holds ``word``: a match
    starts there or at the start of its line when only ``lead`` characters stand between
    (a pattern that starts with ``^`` is tried at every character).

    >>> t = "x\n ITEM 2. A\nthe item 3. B\n*Item 4. C"
    >>> [m.group(1) for m in _line_heads(_ITEM, t, _fold(t), "item", _LINE_LEAD, 0, len(t))]
    ['2', '4']
    """
    pos = start
    i = low.find(word, start, end)
    while i != -1:
        j = i
        while j > 0 and text[j - 1] in lead:
            j -= 1
        if j >= pos and (j == 0 or text[j - 1] == "\n"):
            m = rx.match(text, j, end)
            if m is not None:
                yield m
                pos = m.end()
        i = low.find(word, max(i + 1, pos), end)


def _exhibit_heads(text: str, low: str, start: int, end: int) -> Iterator[re.Match[str]]:
    r"""``_EXHIBIT.finditer(text, start, end)``, tried only at the line starts a match can
    have (``^`` under ``re.M`` makes the pattern be tried at every character).

    A match is ``^``, lead characters and tags on its first line, then blanks (``\s*``,
    line breaks too), then EXHIBIT: it starts on the line of a place where ``low``
    (:func:`_fold` of ``text``) holds "exhibit", or on an earlier line when only blanks
    stand between that line's end and the word.

    >>> t = "see Exhibit 1 hereto\n<B>\n \n  EXHIBIT 2\n*Exhibit A\nExhibit 3 to the filing"
    >>> [(m.start(), m.group(1)) for m in _exhibit_heads(t, _fold(t), 0, len(t))]
    [(21, '2'), (39, 'A')]
    """
    starts: list[int] = []
    i = low.find("exhibit", start, end)
    while i != -1:
        stop = i  # the blanks between a candidate line's end and the word
        k = text.rfind("\n", 0, i) + 1
        while True:
            if k >= start:
                starts.append(k)
            if k == 0 or k <= start or text[k:stop].strip():
                break
            stop = k - 1
            k = text.rfind("\n", 0, stop) + 1
        i = low.find("exhibit", i + 1, end)
    pos = start
    for j in sorted(set(starts)):
        if j >= pos:
            m = _EXHIBIT.match(text, j, end)
            if m is not None:
                yield m
                pos = m.end()


def _signed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``_SIGNED.finditer(text, start, end)``, found with ``str.find`` (the
    pattern's alternation and ``^`` made the scan try every position): "/s/", and "By:"
    after only spaces or tabs on its line. The two never overlap.

    >>> _signed("x /s/ A\\n  By: B\\nC By: D", 0, 23)
    [(2, 5), (8, 13)]
    """
    out: list[tuple[int, int]] = []
    i = text.find("/s/", start, end)
    while i != -1:
        out.append((i, i + 3))
        i = text.find("/s/", i + 3, end)
    i = text.find("By:", start, end)
    while i != -1:
        j = i
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        if j >= start and (j == 0 or text[j - 1] == "\n"):
            out.append((j, i + 3))
        i = text.find("By:", i + 3, end)
    return sorted(out)


def grammar_spans(text: str, start: int, end: int | None = None) -> list[tuple[int, int]]:
    """The parts of ``text[start:end]`` the relation grammar reads: all of it but the
    signature blocks and the exhibits longer than :data:`LONG_EXHIBIT`.

    An exhibit heading repeated in a list ("Exhibit 1 ... Exhibit 2") makes short
    sections: a signature section runs to the next exhibit or Item heading.

    >>> t = "Item 2. X is the general partner of Y.\\nSIGNATURE\\nBy: /s/ Z, Member\\nEXHIBIT 1\\nok"
    >>> [t[a:b].split()[0] for a, b in grammar_spans(t, 0)]
    ['Item', 'EXHIBIT']
    """
    end = len(text) if end is None else end
    secs = sections(text, start, end)
    skip: list[tuple[int, int]] = []
    for i, s in enumerate(secs):
        if s.kind == "signature":
            stop = s.end
            for nxt in secs[i + 1 :]:
                if nxt.kind == "signature":
                    stop = nxt.end
                    continue
                break
            # an attachment after the signature ("SCHEDULE 13G - TO BE INCLUDED IN
            # STATEMENTS ...", "ATTACHMENT A") is read like an exhibit
            att = _ATTACHMENT.search(text, s.start, stop)
            if att is not None and stop - att.start() <= LONG_EXHIBIT:
                stop = att.start()
            skip.append((s.start, stop))
        elif s.kind == "exhibit":
            # an exhibit runs until the next exhibit heading (Items inside it are its own)
            stop = s.end
            for nxt in secs[i + 1 :]:
                if nxt.kind == "exhibit":
                    break
                stop = nxt.end
            if stop - s.start > LONG_EXHIBIT:
                skip.append((s.start, stop))
    # signature blocks inside exhibits (a joint filing agreement signed "/s/ ..., By: ...")
    for m_start, m_end in _signed(text, start, end):
        a = text.rfind("\n\n", start, m_start)
        b = text.find("\n\n", m_end, end)
        if a < 0 or m_start - a > 1500:  # no paragraph: only the line
            a = max(start, text.rfind("\n", start, m_start))
        if b < 0 or b - m_end > 1500:
            b = text.find("\n", m_end, end)
            b = end if b < 0 else b
        skip.append((a, b))
    spans: list[tuple[int, int]] = []
    pos = start
    for a, b in sorted(skip):
        if a > pos:
            spans.append((pos, a))
        pos = max(pos, b)
    if pos < end:
        spans.append((pos, end))
    return spans
