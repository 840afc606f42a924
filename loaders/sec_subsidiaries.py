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
    r"(?:3[ \t]*\([a-k]\)|\(?(?:IA|BK|IC|BD|IV|CO|EP|SA|IN)\)?\b|investment\s+advis|bank\b|broker"
    # the Item 3 categories in words ("X LLC - Holding Company", "Y Ltd. - Insurance Company")
    r"|(?:an?\s+)?(?:parent\s+)?holding\s+company\b|(?:an?\s+)?(?:insurance|investment)\s+company\b"
    r"|(?:an?\s+)?savings\s+association\b)",
    re.I,
)
#: a line that continues the Item 7 heading ("the Security Being Reported on by the Parent
#: Holding Company or Control Person:"), before its list
_ITEM7_MORE = re.compile(
    r"^[ \t]*(?:[-_]+[ \t]*)?(?:(?:which\s+)?acquired|the\s+security|being\s+reported|security"
    r"|(?:by\s+)?the\s+parent|holding\s+company|company|or\s+control\s+person|control\s+person)\b",
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


def _classified_lines(text: str, body_start: int) -> list[tuple[str, tuple[int, int], str]]:
    """The subsidiaries an Item 7 lists with their Item 3 classification, one per line after
    the heading (which may run over several lines): (name, span from the name to the line's
    end, line). The list ends at the first line that is no classified name.

    >>> t = ("ITEM 7 IDENTIFICATION AND CLASSIFICATION OF THE SUBSIDIARY WHICH ACQUIRED\\n"
    ...      "THE SECURITY BEING REPORTED ON BY THE PARENT HOLDING COMPANY:\\n\\n"
    ...      "Alpha Holdings Inc. - Holding Company\\n"
    ...      "Alpha Advisers LLC - Investment Adviser registered under Section 203\\n\\nItem 8")
    >>> [n for n, _s, _l in _classified_lines(t, 0)]
    ['Alpha Holdings Inc.', 'Alpha Advisers LLC']
    """
    out: list[tuple[str, tuple[int, int], str]] = []
    for item7 in _ITEM7.finditer(text, body_start):
        if not _ITEM7_WORDS.search(item7.group(0)) and not _ITEM7_LINE.match(item7.group(0)):
            continue
        pos = item7.end() + 1
        started = False
        for line in text[pos:].split("\n")[:30]:
            start, pos = pos, pos + len(line) + 1
            if not line.strip():
                continue
            cm = _CLASSIFIED.match(line)
            if cm is None:
                if not started and _ITEM7_MORE.match(line):
                    continue  # the heading's next line
                break  # the list ends at the first line that is no classified name
            started = True
            name = cm.group("name").strip(" ,")
            s0 = start + line.find(name)
            out.append((name, (s0, start + len(line)), line.strip()))
        if out:
            break
    return out


#: An Item 3 category in words after a listed subsidiary's name and a dash.
_CATEGORY = (
    r"(?:[^\w\s]{1,4}\s*)?(?:\([a-k]\)\s*)?(?:an?\s+)?(?:(?:parent\s+)?holding(?:\s+(?:\S{1,4}\s+)?compan(?:y|ies))?\b|investment\s+advis[eo]r|bank\b|broker"
    r"|insurance\s+company|investment\s+company|savings\s+association)"
)
_DASH_CATEGORY = re.compile(
    rf"[ \t]*\n?[ \t]*[-\u2013\u2014][ \t]*\n?[ \t]*(?P<cat>{_CATEGORY})", re.I
)
#: a word of a listed name (capitalised, a digit-led word with letters, a legal form's dots)
_NAME_WORD_RE = re.compile(r"(?:[A-Z(][\w.&'’,()/\-]*|\d+[A-Za-z][\w.&'’,\-]*|of|and|&|de|du)")
#: words that end an Item 3 category's description, never a subsidiary's first word
_NOT_FIRST = frozenset(
    # (and the page furniture between entries: "Page 9 of 12 Pages", "CUSIP No.")
    {"Act", "Rule", "Section", "Sections", "Item", "Exchange", "The", "See", "Page", "Pages"}
    | {"CUSIP", "No."}
)
_LIST_MARK = re.compile(r"[A-Z]|\(?[A-Za-z0-9]{1,2}[.)]")
_ITEM8 = re.compile(r"^[ \t]*ITEM[ \t]*8\b", re.M | re.I)


def dash_entries(text: str, body_start: int = 0) -> list[tuple[str, tuple[int, int], str]]:
    """The subsidiaries an Item 7 lists as "NAME - Item 3 category", the entries maybe run
    together over lines ("X Inc. - Holding Company Y LLC - Investment Adviser registered
    under Section 203 of the Investment Advisers Act of 1940 Z LLC - ..."): (name, span,
    entry). The name is the run of name words before the dash after the previous entry's
    description (a year, a lower-case word, "Act" or "Rule" ends it).

    >>> t = ("Item 7. Identification and Classification of the Subsidiary Which Acquired\\n"
    ...      "the Security Being Reported on by the Parent Holding Company:\\n"
    ...      "Alpha Group Holdings Inc. - Holding\\nCompany Alpha Advisers LLC - Investment\\n"
    ...      "Adviser registered under Section 203 of the Advisers Act of 1940\\n"
    ...      "B Alpha Fund Management Ltd - Investment Adviser\\n\\nItem 8. Not applicable.")
    >>> [n for n, _s, _e in dash_entries(t)]
    ['Alpha Group Holdings Inc.', 'Alpha Advisers LLC', 'Alpha Fund Management Ltd']
    """
    out: list[tuple[str, tuple[int, int], str]] = []
    for item7 in _ITEM7.finditer(text, body_start):
        if not _ITEM7_WORDS.search(item7.group(0)):
            continue
        nxt = _ITEM8.search(text, item7.end())
        end = min(nxt.start() if nxt else len(text), item7.end() + 3000)
        he = re.search(
            r"(?:holding\s+company|control\s+person)\W{0,3}(?:\n|$)",
            text[item7.start() : end],
            re.I,
        )
        pos = item7.start() + he.end() if he else item7.end()
        for dm in _DASH_CATEGORY.finditer(text, pos, end):
            seg = pos
            pos = dm.end()
            words = list(re.finditer(r"\S+", text[seg : dm.start()]))
            first = len(words)
            while first > 0:
                w = words[first - 1].group(0)
                if not _NAME_WORD_RE.fullmatch(w) or w in _NOT_FIRST:
                    break
                first -= 1
            # not a name's first word: a connector, an item's letter or number ("A", "1.", "(b)")
            while first < len(words) - 1 and (
                words[first].group(0) in ("of", "and", "&", "de", "du")
                or _LIST_MARK.fullmatch(words[first].group(0))
            ):
                first += 1
            if first >= len(words) or len(words) - first > 12:
                continue
            name = " ".join(m.group(0) for m in words[first:]).strip(" ,")
            s0 = seg + words[first].start()
            out.append((name, (s0, dm.end()), " ".join(text[s0 : dm.end()].split())))
        if out:
            break
    return out


def _known_tail(name: str, idx: _NameIndex) -> str:
    """``name``, or the longest run of its last words (two at least) that names a party the
    filing knows when ``name`` itself names none."""
    if idx.lookup(name, fuzzy=False):
        return name
    words = name.split()
    for i in range(1, len(words) - 1):
        tail = " ".join(words[i:])
        if idx.lookup(tail, fuzzy=False):
            return tail
    return name


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
    listed = _classified_lines(text, body_start)
    if not listed:
        # "X LLC - Investment Adviser ...": a run of name words ends at the dash; a name the
        # filing knows among its last words is the entry's name ("Japan Alpha Co." is
        # "Alpha Co." after a description that ends "... in Japan")
        listed = [(_known_tail(n, idx), sp, ln) for n, sp, ln in dash_entries(text, body_start)]
    if listed and not parents:
        # several reporting persons, none the only HC: the parent is the one reporting
        # person the list does not name (the others are its listed subsidiaries)
        named = {idx.lookup(name, fuzzy=False) for name, _s, _l in listed}
        rest = [pid for pid in ctx.type_codes if pid not in named]
        if len(rest) == 1 and len(rest) < len(ctx.type_codes):
            parents = rest
    if not parents:
        return
    for name, span, line in listed:
        sid = idx.lookup(name, fuzzy=False) or ctx.party(name)
        if sid != parents[0]:
            ctx.link(parents[0], sid, Role.PARENT, ctx.p(span, f"Item 7 subsidiary: {line}"))
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
