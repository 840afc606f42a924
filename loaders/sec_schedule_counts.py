"""Per-person share counts a 13D/G states for persons the filers do not report for: the
directors and officers of a schedule with their own shares, a holders table, an Item 5
line about a person with no cover page.

Each count is the person's own holding (of the filing's class, or of the preferred stock
where a table's column says so). Such holdings are not the filers' reported shares: only
persons that are not a reporting person, hold nothing else in the filing, are not below
a reporting person by a stated link and are stated to control no party (a controller's
count in a schedule is often the shares he controls) are read, so who controls the reported shares is
unchanged (the scorer and the labels count only the filers' shares, C4). The readings:

- a table whose header (the line opening with "Name" and the header lines around it) has a
  column of share counts ("No. of Shares Beneficially Owned", "Shares of Common Stock",
  "Number of Shares"); a column of a total, a percentage, a price or a date is no count,
  and a table with a price, date or transaction column is no holdings table. Each row opens
  with a person's name; its last cells (counts, "- 0 -", "None", percentages) are the
  header's last columns, in order. A person is written when one of his counts is not 0;
  his other counts (0 included) are written too. A column that names the preferred stock
  gives a holding of "Preferred Stock".
- a sentence "(Mr.|Ms.|Dr.) Surname beneficially owns 3,379 Common Shares" or "Full Name is
  the beneficial owner of 215,900 shares of Common Stock": present tense, a count of the
  filing's class (no "of Class B", no "issuable upon"); a surname alone names the one full
  name the document prints with that surname (a schedule row), else nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from ownergraph.graph.ids import normalize_name, party_id
from ownergraph.graph.model import Holding
from ownergraph.graph.vocab import Instrument, NodeKind
from ownergraph.loaders.sec_holdings import common_holding
from ownergraph.loaders.sec_legacy_ctx import _Ctx
from ownergraph.loaders.sec_persons import _NAME, _NOT_PERSON

_HON = r"(?:(?:Mr|Ms|Mrs|Dr)\.\s+)"
#: A table cell: text between runs of two spaces or a tab.
_CELL = re.compile(r"[^\t]+?(?=\t|\s{2,}|\s*$)")
#: The header line that opens with the name column.
_NAME_HEADER = re.compile(r"[ \t]*(?:NAME|Name)(?:\s+of\s+[A-Za-z ]{1,40})?(?=\t|\s{2,})")
#: A column of share counts / not of counts.
_COUNT_COL = re.compile(r"\b(?:shares|number|no\.|owned|stock|units)\b", re.I)
_NOT_COUNT_COL = re.compile(r"\b(?:total|percent|percentage|assuming|%|class\s+owned)", re.I)
#: A table of transactions (or prices) is no holdings table.
_NOT_HOLDINGS = re.compile(
    r"\b(?:price|date\s+of|trade|purchase[ds]?|sales?|sold|acquired|transactions?|per\s+share"
    r"|consideration|amount\s+paid)\b",
    re.I,
)
_RULE = re.compile(r"[\s\-_=<>A-Z/]*$")
#: A value cell: a count, a zero word, a percentage.
_VALUE = re.compile(
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*\*{0,3}(?:\(\d\))?|(?P<z>-\s*0\s*-|-0-|None|NONE|Nil|-{1,2})"
    r"|(?:less\s+than\s+)?\d*\.?\d+\s*%|\*{1,3}",
    re.I,
)
_ROW_NAME = re.compile(rf"{_HON}?{_NAME}\s*(?:\d|\*{{1,3}})?")
#: "Mr. Hernandez beneficially owns 3,379 Common Shares", "X is the beneficial owner of N
#: shares of Common Stock".
_OWNS = re.compile(
    rf"(?<![\w.])(?:(?P<hon>{_HON})(?P<sur>[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?)|{_NAME})"
    r"\s+(?:beneficially\s+owns|owns\s+beneficially|is\s+the\s+(?:record\s+and\s+)?"
    r"beneficial\s+owner\s+of)\s+(?:an\s+aggregate\s+of\s+|a\s+total\s+of\s+)?"
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d{4,})\s+(?:Common\s+Shares|shares\b|Shares\b)"
    r"(?P<after>[^.;]{0,40})"
)
_FULL_NAME = re.compile(rf"(?<![\w.]){_NAME}")
_OTHER_CLASS = re.compile(
    r"^\s*(?:of\s+(?:the\s+\w+['’]s\s+)?(?:Class|Series|Preferred)|issuable|underlying|upon)",
    re.I,
)


def _cells(line: str) -> list[tuple[int, str]]:
    """The cells of a text-table line with their columns."""
    return [(m.start(), m.group(0).strip()) for m in _CELL.finditer(line) if m.group(0).strip()]


def _trailing_values(cells: list[tuple[int, str]]) -> list[re.Match[str]]:
    """The value cells that end a row (counts, zero words, percentages), in order."""
    vals = []
    for _p, cell in reversed(cells):
        v = _VALUE.fullmatch(cell)
        if not v:
            break
        vals.append(v)
    vals.reverse()
    return vals


def _header_columns(lines: list[str], k: int) -> list[tuple[int, str]] | None:
    """The header's columns (start, joined text) around the name line ``lines[k]``: the
    name line's cells are the columns, the non-blank lines just above and below (up to
    three, not a rule or markup) add their cells to the nearest column."""
    cols = [[pos, txt] for pos, txt in _cells(lines[k])]
    if len(cols) < 2:
        return None
    block = []
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(lines) and abs(j - k) <= 3:
            s = lines[j].strip()
            if not s or s.startswith("<") or _RULE.fullmatch(s) and "-" in s:
                break
            block.append((j, lines[j]))
            j += step
    for j, line in sorted(block):
        for pos, txt in _cells(line):
            near = min(cols, key=lambda c: abs(c[0] - pos))
            near[1] = f"{near[1]} {txt}" if j > k else f"{txt} {near[1]}"
    return [(c[0], c[1]) for c in cols]


def _table_counts(
    text: str, start: int, title: str
) -> list[tuple[str, str, float, tuple[int, int]]]:
    """(name, class title, count, span) of every row of the holdings tables after ``start``."""
    out: list[tuple[str, str, float, tuple[int, int]]] = []
    lines = text[start:].split("\n")
    offsets = []
    pos = start
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    k = 0
    while k < len(lines):
        if not _NAME_HEADER.match(lines[k]):
            k += 1
            continue
        cols = _header_columns(lines, k)
        header = " ".join(c for _p, c in cols or [])
        if not cols or _NOT_HOLDINGS.search(header):
            k += 1
            continue
        kinds = [
            None
            if i == 0 or not _COUNT_COL.search(c) or _NOT_COUNT_COL.search(c)
            else ("Preferred Stock" if re.search(r"\bpreferred\b", c, re.I) else title)
            for i, (_p, c) in enumerate(cols)
        ]
        if not any(kinds):
            k += 1
            continue
        j, misses, name_col = k + 1, 0, cols[0][0]
        while j < len(lines) and j - k < 80 and misses < 6:
            line, row_at = lines[j], offsets[j]
            j += 1
            if "</TABLE>" in line.upper():
                break
            cells = _cells(line)
            at_name = bool(cells) and cells[0][0] <= name_col + 2
            m = _ROW_NAME.fullmatch(cells[0][1]) if at_name else None
            if not m or _NOT_PERSON.search(m.group("name")) or len(cells) < 2:
                misses += 1 if at_name else 0
                continue
            misses = 0
            vals = _trailing_values(cells[1:])
            nxt = _cells(lines[j]) if j < len(lines) and not vals else []
            if nxt and nxt[0][0] > name_col + 2:
                # a title cell that goes on over the next line, the counts on that line
                vals = _trailing_values(nxt)
                line = f"{line}\n{lines[j]}"
                j += 1
            if len(vals) > len(cols) - 1:
                continue
            name = re.sub(r"\s+", " ", m.group("name"))
            span = (row_at, row_at + len(line))
            for v, kind in zip(vals, kinds[len(cols) - len(vals) :], strict=True):
                if kind is None or not (v.group("n") or v.group("z")):
                    continue
                n = float(v.group("n").replace(",", "")) if v.group("n") else 0.0
                out.append((name, kind, n, span))
        k = j
    return out


def _full_names(text: str, start: int) -> dict[str, set[str]]:
    """The full names of persons in ``text[start:]`` (line by line), by surname."""
    full: dict[str, set[str]] = defaultdict(set)
    for line in text[start:].split("\n"):
        for m in _FULL_NAME.finditer(line):
            nm = re.sub(r"\s+", " ", m.group("name"))
            if not _NOT_PERSON.search(nm):
                last = re.sub(r",?\s+(?:Jr|Sr)\.$|\s+(?:II|III|IV)$", "", nm).split()[-1]
                full[last].add(nm)
    return full


def _prose_counts(text: str, start: int) -> list[tuple[str, str, float, tuple[int, int]]]:
    """(name, class title, count, span) of the sentences stating a person's own count."""
    out: list[tuple[str, str, float, tuple[int, int]]] = []
    if "owns" not in text and "owner" not in text:
        return out  # every sentence stated so holds one of them
    full: dict[str, set[str]] | None = None  # the text's full names, read at the first "Mr."
    for m in _OWNS.finditer(text, start):
        if _OTHER_CLASS.match(m.group("after")):
            continue
        if m.group("sur"):
            if full is None:
                full = _full_names(text, start)
            names = full.get(m.group("sur"), set())
            # "J. Hernandez" inside "Jacinto J. Hernandez" is that name
            names = {n for n in names if not any(o.endswith(" " + n) for o in names)}
            if len({normalize_name(n) for n in names}) != 1:
                continue
            name = max(names, key=len)
        else:
            name = re.sub(r"\s+", " ", m.group("name"))
            if _NOT_PERSON.search(name):
                continue
        out.append((name, "", float(m.group("n").replace(",", "")), m.span()))
    return out


def schedule_holdings(
    ctx: _Ctx,
    text: str,
    start: int,
    holdings: list[Holding],
    filers: list[str],
    sec_id: str,
    title: str,
    as_of: Any,
) -> list[Holding]:
    """``holdings`` and the own holdings of persons a schedule, a table or an Item 5 line
    gives a count (module docstring): persons that are no filer, hold nothing else here,
    are not below a filer by a stated link and control no party by one."""
    found = _table_counts(text, start, title) + _prose_counts(text, start)
    if not found:
        return holdings
    below: dict[str, set[str]] = defaultdict(set)
    for ctrl, ctld, _role in ctx.links:
        below[ctrl].add(ctld)
    reach, todo = set(filers), list(filers)
    while todo:
        for c in below.get(todo.pop(), ()):
            if c not in reach:
                reach.add(c)
                todo.append(c)
    # a controller's count in a schedule is often the shares he controls (the filers'), not
    # his own: a person stated to control a party of the filing is not read
    busy = reach | {h.holder_id for h in holdings} | set(below)
    known = {normalize_name(s): pid for pid, sp in ctx.spellings.items() for s in sp}
    per: dict[str, dict[str, list[tuple[float, tuple[int, int]]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    spelled: dict[str, str] = {}
    for name, cls, n, span in found:
        key = normalize_name(name)
        spelled.setdefault(key, name)
        per[key][cls or title].append((n, span))
    out = list(holdings)
    for key, by_class in per.items():
        pid = known.get(key)
        if pid is None and party_id(name=spelled[key]) in ctx.spellings:
            pid = party_id(name=spelled[key])  # a party of the filing, by its id's key
        if pid in busy or (pid is not None and ctx.kinds.get(pid) is not NodeKind.PERSON):
            continue
        counts = {cls: {n for n, _s in rows} for cls, rows in by_class.items()}
        if any(len(c) != 1 for c in counts.values()) or not any(
            next(iter(c)) > 0 for c in counts.values()
        ):
            continue  # two counts of one class, or nothing owned
        if pid is None:
            pid = ctx.party(spelled[key], kind=NodeKind.PERSON)
            ctx.prov[pid].append(ctx.p(by_class[next(iter(by_class))][0][1], spelled[key]))
        for cls, rows in by_class.items():
            n, span = rows[0]
            preferred = cls == "Preferred Stock" and cls != title
            ins = Instrument.PREFERRED if preferred else Instrument.COMMON
            phrase = re.sub(r"\s+", " ", text[span[0] : span[1]]).strip()
            prov = ctx.p(
                span,
                phrase[:300],
                f"{int(n):,} {cls} of {spelled[key]}, listed by the filing; not"
                " part of the filers' reported shares",
            )
            out.append(common_holding(ctx.doc_id, pid, sec_id, n, as_of, (prov,), ins))
    return out
