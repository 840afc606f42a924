"""The aliases a legacy 13D/G defines in its prose (``Wynnefield Partners Small Cap Value,
L.P. ("Partners")``) and the one phrase pattern left beside the grammar ("X ("X1"), a
wholly-owned subsidiary of Y"), read over the flattened text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ownergraph.graph.model import (
    Provenance,
)
from ownergraph.graph.vocab import (
    Role,
)
from ownergraph.loaders.sec_legacy_ctx import _Ctx, _norm
from ownergraph.loaders.sec_page_names import _NameIndex
from ownergraph.loaders.sec_subsidiaries import (
    subsidiary_links,
)

_N = r"(?<![\w&'\-])[A-Z][\w&'\-]*(?:[ ,]+(?:[A-Z(][\w&'().\-]*|of|and|de|du|the|&(?= [A-Z])))*?"
_LF = r"(?:,?\s(?:L\.P\.|LP|L\.L\.C\.|LLC|Inc\.|Ltd\.|Limited|Company|Corporation|Corp\.|N\.A\.)(?:\s(?:I|II|III))?)"
_ALIAS = r"(?:\s?\((?:the\s)?\"(?P<{}>[^\"]{{2,30}})\"\))?"

#: The one phrase pattern left beside the grammar: "X ("X1"), a wholly-owned subsidiary of Y"
#: read over the whole text (an appendix after the signatures too). The other phrase
#: patterns (one per dev phrasing: "is the managing member of", "which serves as general
#: partner to", ...) are the grammar's constructions; their name runs joined two sentences
#: or a list into one party ("Alpha Fund, L.P., and Jane Roe").
_PROSE_PATTERNS: list[tuple[re.Pattern[str], Role, str]] = [
    (
        re.compile(
            rf"(?P<a>{_N}{_LF}?){_ALIAS.format('aalias')},\san?\swholly[- ]owned\ssubsidiary\sof\s"
            rf"(?P<b>{_N}{_LF})"
        ),
        Role.PARENT,
        "b>a",
    ),
]
#: A name introducing an alias: ``Wynnefield Partners Small Cap Value, L.P. ("Partners")``.
_ALIAS_DEF = re.compile(
    rf"(?P<name>{_N}{_LF}?)(?:,\san?\s[^(\"]{{3,120}}?)?\s?\((?:the\s)?\"(?P<alias>[^\"]{{2,30}})\"\)"
)

# Each prose pattern (and ``_ALIAS_DEF``) is a run of name words (``_N``, ``_LF``, the
# "members" list), then at most ``reach`` characters (a ", a ..." description of up to 120
# characters, a ("Alias")), then a fixed phrase that every match contains (the anchor).
# Searching the whole flat text from every capitalised word is quadratic in the length of
# runs of capitalised words; instead each match is looked for only from the last word that
# no name can contain (see :func:`_finditer_near`) up to each anchor.
_PROSE_ANCHORS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r",\san?\swholly[- ]owned\ssubsidiary\sof\s"), 48),
]
_ALIAS_ANCHOR = (re.compile(r"\((?:the\s)?\""), 134)
#: A maximal run of non-separator characters that cannot be a word inside a name: not
#: ``[A-Z(][\w&'().\-]*`` and not one of the small words ``_N`` allows.
_NOT_NAME_WORD = re.compile(
    r"(?<![^ ,])(?!(?:[A-Z(][\w&'().\-]*|of|and|de|du|the|&)(?![^ ,]))[^ ,]+"
)


class _Barriers:
    """Where name runs break in a flat text: the words no name can contain."""

    def __init__(self, flat: str) -> None:
        self.flat = flat

    def floor(self, x: int) -> int:
        """The earliest start of a name run that goes on past ``x``.

        A name is words separated by spaces and commas; every word but its first (which
        may begin inside a run, after a "(") and its last is a whole run and a name word.
        So a name reaching ``x`` starts at or after the last non-name word ending before
        ``x``. Looked for in growing windows before ``x`` (a word straddling a window's
        start is not seen there; one found inside comes after it anyway).
        """
        if x <= 0:
            return 0
        width = 256
        while True:
            lo = max(0, x - width)
            last = None
            for m in _NOT_NAME_WORD.finditer(self.flat, lo, x + 1):
                if m.end() <= x - 1:
                    last = m
            if last is not None:
                return last.start()
            if lo == 0:
                return 0
            width *= 4


def _finditer_near(
    rx: re.Pattern[str], anchor: re.Pattern[str], reach: int, flat: str, bars: _Barriers
) -> Iterator[re.Match[str]]:
    """``rx.finditer(flat)``, trying only the positions from which a match can reach an anchor.

    A match starting at ``p`` contains an anchor at ``q >= p`` whose name part ends at or
    after ``q - reach``, so ``p >= bars.floor(q - reach)``, and that floor only grows with
    ``q``. Positions are tried in order with ``rx.match`` (which sees the text before
    ``p`` for lookbehinds, as a search does), so the matches are exactly finditer's:
    leftmost first, resuming at each match's end. None of these patterns matches empty.
    """
    pos = 0
    while True:
        a = anchor.search(flat, pos)
        if a is None:
            return
        q = a.start()
        m = None
        for p in range(max(pos, bars.floor(q - reach)), q + 1):
            m = rx.match(flat, p)
            if m is not None:
                break
        if m is None:
            pos = q + 1
            continue
        yield m
        pos = m.end()


_NOT_ALIASES = {
    "issuer",
    "company",
    "stock",
    "common stock",
    "act",
    "shares",
    "securities",
    "filers",
    "reporting persons",
    "note",
    "spa",
    "agreement",
    "holder",
}


class _FlatOffsets:
    """Map an index of a flattened text back to the text (see :func:`_flatten`)."""

    def __init__(self, start: int, end: int, text: str = "") -> None:
        self.start = start
        self.end = end
        self.flat_at: list[int] = []  # flat index of each collapsed run (2+ characters)
        self.run_start: list[int] = []  # where that run starts in the text
        self.shift: list[int] = []  # text index - flat index just after that run
        # the text whose runs are read on first use (most texts place no link)
        self._text = text

    def _read(self) -> None:
        text, self._text = self._text, ""
        removed = self.start
        for m in _WS_RUNS_2.finditer(text, self.start):
            a, b = m.span()
            self.flat_at.append(a - removed)
            self.run_start.append(a)
            removed += b - a - 1
            self.shift.append(removed)

    def __getitem__(self, i: int) -> int:
        if self._text:
            self._read()
        k = bisect.bisect_right(self.flat_at, i) - 1
        if k < 0:
            return self.start + i
        if i == self.flat_at[k]:
            return self.run_start[k]
        return i + self.shift[k]

    def __len__(self) -> int:
        if self._text:
            self._read()
        return self.end - self.start - (self.shift[-1] - self.start if self.shift else 0) + 1


_WS_RUNS_2 = re.compile(r"\s{2,}")


def _collapse(s: str) -> str:
    """``re.sub(r"\\s+", " ", s)`` (each run of whitespace one space) by ``str.split``, which
    splits on the same characters (``str.isspace``, as ``\\s``) and is faster than a
    substitution at every space.

    >>> _collapse("  a \\n b\\t"), _collapse("a"), _collapse(" \\n "), _collapse("")
    (' a b ', 'a', ' ', '')
    """
    parts = s.split()
    flat = " ".join(parts)
    if s and s[0].isspace():
        flat = " " + flat
    if parts and s[-1].isspace():
        flat += " "
    return flat


def _flatten(text: str, start: int) -> tuple[str, _FlatOffsets]:
    """Collapse whitespace runs to one space; map each flat index back to the text.

    >>> flat, offs = _flatten("a \\n b", 0)
    >>> flat, [offs[i] for i in range(len(offs))]
    ('a b', [0, 1, 4, 5])
    """
    return _collapse(text[start:]), _FlatOffsets(start, len(text), text)


def _strip_period(name: str) -> str:
    """Drop a sentence full stop after a name, keeping abbreviations ("L.P.", "Inc.").

    >>> _strip_period("Centaurus Capital LP."), _strip_period("HBK Partners II L.P.")
    ('Centaurus Capital LP', 'HBK Partners II L.P.')
    """
    name = name.strip()
    if name.endswith(".") and not re.search(
        r"(?:\b[A-Za-z]\.[A-Za-z]\.|\b(?:Inc|Ltd|Co|Corp|Jr|Sr|N\.A)\.)$", name
    ):
        return name[:-1]
    return name


def _last_sentence(name: str) -> str:
    """'LLC. Ephraim Fields' -> 'Ephraim Fields' (a lazy name match that crossed a sentence)."""
    parts = re.split(r"(?<=[a-z)]\.)\s(?=[A-Z])|(?<=[A-Z]{2}\.)\s(?=[A-Z][a-z])", name)
    return parts[-1].strip(" ,")


def _prose_links(ctx: _Ctx, text: str, body_start: int, idx: _NameIndex) -> None:
    """Links stated in Items and footnotes, with aliases ("Investments", "CCL") resolved."""
    flat, offs = _flatten(text, body_start)
    alias_names: dict[str, str] = {}
    bars = _Barriers(flat)
    for m in _finditer_near(_ALIAS_DEF, *_ALIAS_ANCHOR, flat, bars):
        alias = m.group("alias").strip()
        if alias.casefold() in _NOT_ALIASES:
            continue
        name = _last_sentence(m.group("name"))
        name = re.sub(r"^(?:This statement is filed by|by|and|of|with|the)\s", "", name, flags=re.I)
        if len(name.split()) < 2 or ")" in name.split()[0]:
            continue
        alias_names.setdefault(_norm(alias), name)

    def rid(name: str | None, alias: str | None = None) -> str | None:
        if alias and _norm(alias) in alias_names:
            name = alias_names[_norm(alias)]
        if not name:
            return None
        name = _strip_period(_last_sentence(re.sub(r"\s+", " ", name).strip(" ,")))
        name = re.sub(
            r"^(?:(?:Reference|Appendix|Exhibit|Schedule|Annex)\s+(?:[A-Z0-9][\w.\-]{0,5}\s+)?)+",
            "",
            name,
        )
        name = (
            re.sub(r"^(?:its|the)\s+", "", name, flags=re.I)
            if not name.startswith("The ") or " " not in name[4:]
            else name
        )
        if name.casefold() in _NOT_ALIASES:
            return None
        if _norm(name) in alias_names:
            name = alias_names[_norm(name)]
        pid = idx.lookup(name)
        if pid is None and len(name) > 3 and name[0].isupper():
            pid = ctx.party(name)
        return pid

    def prov_of(m: re.Match[str]) -> Provenance:
        return ctx.p((offs[m.start()], offs[m.end()]), m.group(0))

    for (rx, role, _mode), (anchor, reach) in zip(_PROSE_PATTERNS, _PROSE_ANCHORS, strict=True):
        for m in _finditer_near(rx, anchor, reach, flat, bars):
            gd = m.groupdict()
            a = rid(gd["a"], gd.get("aalias"))
            b = rid(gd["b"], gd.get("balias"))
            if a and b:
                ctx.link(b, a, role, prov_of(m))
    subsidiary_links(ctx, text, body_start, idx)
