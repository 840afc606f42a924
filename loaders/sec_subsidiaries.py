"""The subsidiaries a Schedule 13G's parent holding company lists under Item 7, read by layout.

Item 7 ("Identification and Classification of the Subsidiary Which Acquired the Security
Being Reported on by the Parent Holding Company") lists the subsidiaries in the Item itself
or, more often, in an exhibit it points to ("See attached Exhibit A", "See Exhibit 99.2 to
this Schedule for a list of their respective subsidiaries"). :func:`exhibit_subsidiaries`
reads such an exhibit, in the layouts real filings use:

- a table of names and Item 3 classifications ("Entity  ITEM 3 Classification" then
  "FIAM LLC<TAB>IA");
- one paragraph per subsidiary: its name, its description, and maybe its count and who
  owns the shares ("EQSF Advisers, Inc., a registered investment adviser, 362,100 shares
  (owned by Third Avenue Value Fund, Inc., a registered investment company).");
- headings naming the reporting persons whose subsidiaries follow ("BOAS, RUOCCO AND
  WHITMAN" underlined, then "WHITMAN"), when several individuals file as parents.

Each entry is returned with its words; the loader resolves the names and states the links
(parent -> subsidiary, role parent, convention 3: a parent holding company's subsidiary list).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ownergraph.graph.model import Holding
from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_holdings import common_holding

if TYPE_CHECKING:
    from ownergraph.loaders.sec_cover import _Page
    from ownergraph.loaders.sec_legacy_ctx import _Ctx
    from ownergraph.loaders.sec_page_names import _NameIndex

#: the Item 7 heading, its words maybe over the next lines
_ITEM7 = re.compile(
    r"^[ \t]*ITEM[ \t]*7\b[.:]?[^\n]*(?:\n[^\n]*){0,2}?SUBSIDIAR[^\n]*$", re.M | re.I
)
#: the 13G wording of Item 7 ("Identification and Classification of the Subsidiary")
_ITEM7_WORDS = re.compile(r"\b(?:identification|classification)\b", re.I)
_ITEM_NEXT = re.compile(r"^[ \t]*ITEM[ \t]*(?:8|9|10)\b", re.M | re.I)
#: the pointer to the exhibit: "See (attached) Exhibit A", "See Exhibit 99.2 to this Schedule"
_SEE = re.compile(
    r"\bSee\s+(?:the\s+)?(?:attached\s+)?(?P<kind>Exhibit|Appendix|Schedule|Annex|Attachment)"
    r"\s+(?P<ref>[A-Z0-9](?:[\w.\-]{0,5}[\w])?)\b",
    re.I,
)
#: where an exhibit ends: the next SGML document, or the next exhibit heading
_EXHIBIT_END = re.compile(
    r"</TEXT>|<DOCUMENT>|^[ \t]*(?:EXHIBIT|Exhibit|APPENDIX|Appendix)[ \t]+[A-Z0-9][\w.\-]{0,5}[ \t]*$",
    re.M,
)
#: a name ending in a legal form (the end of a subsidiary's name in a paragraph)
_LEGAL_END = (
    r"(?:L\.\s?L\.\s?C\.|LLC|L\.\s?P\.|LP|Inc\.|Incorporated|Ltd\.?|Limited|Corp\.|Corporation"
    r"|Company|Co\.|N\.A\.|National\s+Association|S\.A\.|B\.V\.|AG|GmbH|plc|PLC|LLP)"
)
_NAME_WORD = r"[A-Z0-9(][\w.&'’()\-/]*"
_LINK_WORD = r"(?:of|and|de|du|the|for|&)"
_PARA_ENTRY = re.compile(
    rf"^(?P<name>{_NAME_WORD}(?:[ ,]+(?:{_NAME_WORD}|{_LINK_WORD}))*?,?\s+{_LEGAL_END})"
    r"(?:\s*\([\"“][^\"”]{1,30}[\"”]\))?,\s+(?P<desc>(?:an?|the)\s+[^.;]*)",
)
#: a table row: the name, then its Item 3 classification alone at the end of the line
_TABLE_ROW = re.compile(
    r"^[ \t]*(?P<name>[A-Z][A-Za-z0-9.,&'’()\-/ ]{2,100}?)[ \t]*\*{0,3}(?:[ \t]*\t[ \t]*|[ \t]{2,}"
    # one space before a code that is no word of a name ("FIAM LLC IA", text re-spaced)
    r"|[ \t](?=(?:IA|BK|IC|BD|IV|EP|HC|PN|OO)[ \t]*$))"
    r"(?P<code>IA|BK|IC|BD|IV|CO|EP|SA|HC|IN|PN|OO|FI|CP|3[ \t]*\([a-k]\))[ \t]*$"
)
_TABLE_HEAD = re.compile(r"^\s*(?:Entity|Name|Subsidiary)\b.*\bClassification\b", re.I)
_COUNT = re.compile(r"(?<![\d,])(?P<n>\d{1,3}(?:,\d{3})+|\d{4,})\s+(?:shares|Shares)\b")
_OWNED_BY = re.compile(
    rf"\(\s*(?:owned|held)\s+(?:of\s+record\s+)?by\s+(?P<owner>{_NAME_WORD}"
    rf"(?:[ ,]+(?:{_NAME_WORD}|{_LINK_WORD}))*?,?\s+{_LEGAL_END})"
)
#: a heading of reporting persons' names: capitals, ", " and " AND " between them
_HEADING = re.compile(
    r"^[ \t]*(?P<names>[A-Z][A-Z.'\-]+(?:(?:,[ \t]+|[ \t]+AND[ \t]+|,[ \t]+AND[ \t]+)[A-Z][A-Z.'\-]+)*)[ \t]*$"
)
_UNDERLINE = re.compile(r"^[ \t]*[-=_]{3,}[ \t]*$")


@dataclass(frozen=True)
class Listed:
    """One subsidiary an Item 7 exhibit lists.

    ``parents`` are the heading's words naming the reporting persons whose subsidiary it
    is ("BOAS", "RUOCCO", "WHITMAN"); empty when the exhibit has no such heading (the
    parent holding company that files). ``shares`` is the count printed with it, ``owner``
    the party the entry says owns those shares ("owned by Third Avenue Value Fund, Inc.").
    """

    name: str
    span: tuple[int, int]
    phrase: str
    parents: tuple[str, ...] = ()
    shares: float | None = None
    owner: str | None = None
    adviser: bool = False  # the entry calls it an investment adviser


def _exhibit_start(text: str, kind: str, ref: str, after: int) -> int | None:
    """The end of the heading line of the exhibit ``kind ref`` ("Exhibit A") after ``after``:
    a line with those words alone (a title may follow on the same line after a dash)."""
    rx = re.compile(
        rf"^[ \t]*{re.escape(kind)}[ \t]+{re.escape(ref)}[ \t]*(?:[-\u2013\u2014:][^\n]*)?$",
        re.M | re.I,
    )
    m = rx.search(text, after)
    return m.end() if m else None


def item7_exhibit(text: str, start: int = 0) -> tuple[int, int, str] | None:
    """Where the exhibit Item 7 points to lies: (start, end, pointer phrase), or None."""
    for m in _ITEM7.finditer(text, start):
        if not _ITEM7_WORDS.search(m.group(0)):
            continue  # a 13D's Item 7 (exhibits) that happens to name a subsidiary
        nxt = _ITEM_NEXT.search(text, m.end())
        body_end = nxt.start() if nxt and nxt.start() - m.end() < 1500 else m.end() + 600
        see = _SEE.search(text, m.end(), body_end)
        if see is None:
            continue
        a = _exhibit_start(text, see.group("kind"), see.group("ref"), body_end)
        if a is None:
            continue
        end = _EXHIBIT_END.search(text, a)
        b = end.start() if end else min(len(text), a + 6000)
        return a, min(b, a + 6000), " ".join(text[see.start() : see.end()].split())
    return None


def exhibit_subsidiaries(text: str, start: int = 0) -> list[Listed]:
    """The subsidiaries the Item 7 exhibit lists (see the module docstring).

    >>> t = ("Item 7. Identification and Classification of the Subsidiary Which\\n"
    ...      "Acquired the Security.\\n    See attached Exhibit A.\\nItem 8. None.\\n\\n"
    ...      "Exhibit A\\nThe following table lists each relevant entity.\\n"
    ...      "Entity\\tITEM 3 Classification\\nFIAM LLC\\tIA\\nFMR CO., INC *\\tIA\\n")
    >>> [(x.name, x.parents) for x in exhibit_subsidiaries(t)]
    [('FIAM LLC', ()), ('FMR CO., INC', ())]
    """
    where = item7_exhibit(text, start)
    if where is None:
        return []
    a, b, _see = where
    out: list[Listed] = []
    parents: tuple[str, ...] = ()
    lines = text[a:b].split("\n")
    pos = a
    para: list[tuple[int, str]] = []

    def flush() -> None:
        if not para:
            return
        p0 = para[0][0]
        joined = " ".join(s.strip() for _o, s in para)
        para.clear()
        m = _PARA_ENTRY.match(joined)
        if m is None:
            return
        name = " ".join(m.group("name").split())
        cnt = _COUNT.search(joined)
        own = _OWNED_BY.search(joined)
        end = joined.find(".", m.end("desc"))
        phrase = joined if end < 0 else joined[: end + 1]
        out.append(
            Listed(
                name=name,
                span=(p0, p0 + len(name)),
                phrase=phrase,
                parents=parents,
                shares=float(cnt.group("n").replace(",", "")) if cnt else None,
                owner=" ".join(own.group("owner").split()) if own else None,
                adviser=re.search(r"\binvestment\s+advis[eo]r\b", m.group("desc"), re.I)
                is not None,
            )
        )

    for i, line in enumerate(lines):
        off, pos = pos, pos + len(line) + 1
        s = line.strip()
        if not s or _UNDERLINE.match(line):
            flush()
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        hm = _HEADING.match(line)
        if hm and not para and (_UNDERLINE.match(nxt) or not nxt.strip()):
            names = re.split(r",?\s+AND\s+|,\s+", hm.group("names"))
            if all(len(n) > 1 for n in names):
                parents = tuple(names)
                continue
        if _TABLE_HEAD.match(line):
            flush()
            continue
        tm = _TABLE_ROW.match(line)
        if tm and not para:
            name = tm.group("name").strip(" ,*")
            if len(name.split()) >= 2 or name.isupper():
                s0 = off + line.find(name)
                out.append(Listed(name, (s0, s0 + len(name)), s, parents))
            continue
        para.append((off + len(line) - len(line.lstrip()), line))
    flush()
    return out


# ----------------------------------------------------------------------- into the graph

#: the Item 7 heading on one line (the Item's own list follows it)
_ITEM7_LINE = re.compile(r"^[ \t]*ITEM\s*7\b[^\n]*SUBSIDIAR[^\n]*$", re.M | re.I)
#: A subsidiary listed with its Item 3 classification: "MORGAN GUARANTY TRUST COMPANY OF
#: NEW YORK - 3(b) BANK", "J.P. MORGAN INVESTMENT MANAGEMENT INC. - 3(e) INVESTMENT ADVISOR".
_CLASSIFIED = re.compile(
    r"^[ \t]*(?:\d{1,2}[.)][ \t]*)?(?P<name>[A-Z][A-Za-z0-9.,&'()\- ]{3,90}?)(?:[ \t]*\*+)?[ \t]*"
    # the code after a dash, a colon, a column gap, or one space when it ends the line
    r"(?:[-\u2013\u2014:][ \t]*|[ \t]{2,}|(?<=[ \t])(?=(?-i:\(?(?:IA|BK|IC|BD|IV|EP|HC)\)?)[ \t]*$)|\t)"
    r"(?:3[ \t]*\([a-k]\)|\(?(?:IA|BK|IC|BD|IV|CO|EP|SA|IN)\)?\b|investment\s+advis|bank\b|broker)",
    re.I,
)
_NO_POWER = frozenset({Role.SHAREHOLDER, Role.SETTLOR, Role.BENEFICIARY})


def _heading_filers(ctx: _Ctx, words: tuple[str, ...]) -> list[str] | None:
    """The reporting persons a heading names by surname or defined term ("BOAS"), each
    exactly one filer; None when a word names none or several."""
    out = []
    for w in words:
        w0 = w.casefold().strip(".")
        hit = {
            pid
            for pid in ctx.type_codes
            for s in ctx.spellings.get(pid, ())
            if (parts := re.sub(r"\([^)]*\)", " ", s).split())
            and (parts[-1].casefold().strip(".,") == w0 or s.casefold() == w0)
        }
        hit |= {pid for a, pid in ctx.aliases.items() if a == w0 and pid in ctx.type_codes}
        if len(hit) != 1:
            return None
        out.append(hit.pop())
    return out


def subsidiary_links(ctx: _Ctx, text: str, body_start: int, idx: _NameIndex) -> None:
    """An exhibit listing subsidiaries under a "Subsidiary" heading, an Item 7 listing
    them with their Item 3 classification, or the exhibit Item 7 points to
    (:func:`exhibit_subsidiaries`): parent -> each (PARENT); a count an entry gives is kept
    in ``ctx.listed`` for :func:`subsidiary_holdings`, and "(owned by X)" states the
    subsidiary's link to X (investment adviser when the entry calls it one, else other).

    The parent is the heading's reporting persons, else the reporting person coded HC
    (parent holding company), else the only one.
    """
    parents = [pid for pid, codes in ctx.type_codes.items() if "HC" in codes]
    if len(parents) != 1:
        parents = list(ctx.type_codes) if len(ctx.type_codes) == 1 else []
    for x in exhibit_subsidiaries(text, body_start):
        heads = _heading_filers(ctx, x.parents) if x.parents else parents[:1]
        if not heads:
            continue
        sid = idx.lookup(x.name, fuzzy=False) or ctx.party(x.name)
        prov = ctx.p(x.span, x.phrase, "Item 7 subsidiary listed in the exhibit")
        for pid in heads:
            if sid != pid:
                ctx.link(pid, sid, Role.PARENT, prov)
        holder = sid
        if x.owner:
            holder = idx.lookup(x.owner, fuzzy=False) or ctx.party(x.owner)
            role = Role.INVESTMENT_ADVISER if x.adviser else Role.OTHER
            ctx.link(sid, holder, role, prov)
        ctx.listed.append((tuple(h for h in heads if h != sid), sid, holder, x.shares, prov))
    if not parents:
        return
    for item7 in _ITEM7_LINE.finditer(text, body_start):
        pos = item7.end() + 1
        for line in text[pos:].split("\n")[:30]:
            start, pos = pos, pos + len(line) + 1
            if not line.strip():
                continue
            cm = _CLASSIFIED.match(line)
            if cm is None:
                break  # the list ends at the first line that is no classified name
            name = cm.group("name").strip(" ,")
            sid = idx.lookup(name, fuzzy=False) or ctx.party(name)
            if sid != parents[0]:
                s0 = start + line.find(name)
                prov = ctx.p((s0, start + len(line)), f"Item 7 subsidiary: {line.strip()}")
                ctx.link(parents[0], sid, Role.PARENT, prov)
    m = re.search(r"^\s*Subsidiar(?:y|ies)\s*$", text[body_start:], re.M)
    if not m:
        return
    pos = body_start + m.end()
    started = False
    for line in text[pos:].split("\n"):
        s = line.strip()
        start = pos + line.find(s) if s else pos
        pos += len(line) + 1
        if not s:
            if started:
                break
            continue
        if s.startswith("*") or len(s) > 90 or not s[0].isupper():
            break
        started = True
        name = s.rstrip("*").strip()
        sid = idx.lookup(name, fuzzy=False) or ctx.party(name)
        ctx.link(parents[0], sid, Role.PARENT, ctx.p((start, start + len(s)), f"Subsidiary: {s}"))


def subsidiary_holdings(
    ctx: _Ctx,
    pages: list[_Page],
    page_pid: dict[int, str],
    holdings: list[Holding],
    sec_id: str,
    as_of: Any,
) -> list[Holding]:
    """The holdings an Item 7 exhibit states per subsidiary ("EQSF Advisers, Inc. ...,
    362,100 shares (owned by Third Avenue Value Fund, Inc.)"), with, for a parent whose
    list leaves one subsidiary without a count ("holding less than 1%"), that one holding
    the rest of the parent's cover page. Kept only when they explain every cover page: each
    filer's aggregate is the sum of the holdings beneath it over the stated links (within
    one share per holding); ``holdings`` unchanged otherwise.
    """
    if not ctx.listed or not any(n for *_x, n, _p in ctx.listed):
        return holdings
    aggs = {
        page_pid[pg.index]: pg.values.get("aggregate") or 0.0
        for pg in pages
        if pg.values.get("aggregate")
    }
    held: dict[str, tuple[float, Any]] = {}
    rest: dict[str, float] = {}
    by_parent: dict[str, list[tuple[str, str, float | None, Any]]] = defaultdict(list)
    for heads, sid, holder, n, prov in ctx.listed:
        if n is not None:
            if holder in held and abs(held[holder][0] - n) > 1:
                return holdings
            held[holder] = (n, prov)
        for h in heads:
            by_parent[h].append((sid, holder, n, prov))
    for parent, entries in by_parent.items():
        if parent not in aggs:
            return holdings
        counted = {holder: n for _s, holder, n, _p in entries if n is not None}
        open_ = {sid for sid, _h, n, _p in entries if n is None}
        left = aggs[parent] - sum(counted.values())
        if len(open_) > 1 or left < -len(counted):
            return holdings
        if open_:
            (sid,) = open_
            if left <= 1 or (sid in rest and abs(rest[sid] - left) > 1):
                return holdings
            rest[sid] = left
    amounts = {k: v for k, (v, _p) in held.items()} | rest
    down: dict[str, set[str]] = defaultdict(set)
    for c, d, role in ctx.links:
        if role not in _NO_POWER:
            down[c].add(d)
    for pid, agg in aggs.items():
        seen, todo = {pid}, [pid]
        while todo:
            for n in down.get(todo.pop(), ()):
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        under = [v for k, v in amounts.items() if k in seen]
        if abs(sum(under) - agg) > max(1, len(under)):
            return holdings
    out = []
    for pid, v in amounts.items():
        if pid in held:
            prov = held[pid][1]
        else:
            prov = ctx.p(
                None,
                None,
                "the rest of the parent's cover page, held by the one subsidiary its Item 7"
                " exhibit lists without a count",
            )
        out.append(common_holding(ctx.doc_id, pid, sec_id, v, as_of, (prov,)))
    return out
