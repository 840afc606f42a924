"""Shares held by a filer's relatives inside the filer's count (convention 16, room FAMILY).

A Schedule 13D/G often splits a person's reported count into his own shares and shares held
by his spouse or children: "Mr. Mody beneficially owns 2,050,000 shares of Common Stock,
consisting of (i) 950,000 shares owned directly by him and (ii) 1,100,000 shares owned
directly by his wife, as to which shares he disclaims any beneficial ownership"; a cover
footnote "(2) Includes 5,000 shares held by his minor children". Each relative's part is a
holding of that relative and the filer's link to the relative is ``other`` (the filer
reports those shares; a disclaimer does not take them out of his filed count); the filer
keeps the rest. The relative is the person the document names as such ("Nina Mody, the
wife of Mr. Mody"; "his wife, Jane Roe"), else an unknown party named by the document's
words ("his wife"), one per filer and relation word.

:func:`family_breakdowns` reads those statements into :class:`loaders.sec_holdings.Breakdown`
records; :func:`loaders.sec_holders._holder_breakdowns` splits the filer's holding with them
(only when the count is the filer's one holding and the parts add up to it or fit in it),
and :func:`settle_kinds` gives the relatives their kinds. A relative sharing power over the
filer's own shares ("shares held jointly with his wife", "owned by him with Wendy Roe, his
wife") is no separate holder: such a part is the filer's own. A part the reading does not
understand leaves the whole statement unread (the existing readers then apply).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ownergraph.graph.ids import party_id
from ownergraph.graph.vocab import NodeKind, Role
from ownergraph.loaders.sec_holdings import (
    _NOT_A_COUNT,
    _OWN,
    _PART_COUNT,
    _SENTENCE_END,
    Breakdown,
    Part,
    breakdown_spans,
)

if TYPE_CHECKING:
    from ownergraph.loaders.sec_cover import _Page
    from ownergraph.loaders.sec_legacy_ctx import _Ctx


@dataclass(frozen=True)
class FamilyBreakdown(Breakdown):
    """A :class:`Breakdown` read by :func:`family_breakdowns`, with the keys of the parts held
    by relatives the document names (persons)."""

    named: frozenset[str] = frozenset()


#: relation words (singular first: "children" before "child" is kept by the alternation)
_KIN = (
    r"(?:wife|husband|spouse|(?:minor\s+|adult\s+)?(?:sons|son|daughters|daughter|children|child"
    r"|grandchildren|grandchild|grandsons?|granddaughters?|stepsons?|stepdaughters?)"
    r"|mother|father|sisters?|brothers?|parents)"
)
#: a relative named by a pronoun ("his wife", "her minor children")
_KIN_PRONOUN = re.compile(rf"\b(?:his|her|their)\s+{_KIN}\b", re.I)
#: a relative named by words only ("a minor child", "his wife")
_RELATIVE_WORDS = re.compile(rf"(?:an?|his|her|their)\s+{_KIN}", re.I)
#: "... owned directly by his wife", "held of record by her husband"
_BY_RELATIVE = re.compile(
    r"^[^.;()]{0,40}?\b(?:held|owned)\s+(?:directly\s+|indirectly\s+)?(?:of\s+record\s+)?"
    rf"(?:by|in\s+the\s+name\s+of)\s+(?P<who>(?:his|her|their)\s+(?P<kin>{_KIN}))\b"
    # not "his wife's trust", "his wife and him" (held with the filer: his own)
    r"(?!['’]s\b|\s+and\s+(?:him|her|the\s+Reporting\s+Person)\b)",
    re.I,
)
#: a part the filer holds with a relative ("held jointly with his wife"): his own
_JOINT = re.compile(
    r"^[^.;()]{0,40}?\b(?:held|owned)\s+(?:jointly|as\s+joint\s+tenants|in\s+joint\s+tenancy)"
    r"|^[^.;()]{0,40}?\bjointly\s+(?:held|owned)\b"
    r"|^[^.;()]{0,60}?\bby\s+(?:him|her)\s+and\s+(?:his|her)\s+\w+\s+jointly\b"
    r"|^[^.;()]{0,60}?\b(?:his|her)\s+\w+\s+and\s+(?:him|her)\b",
    re.I,
)
_NAME = r"(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2}"
#: a relative the document names: "Nina Mody, the wife of Mr. Mody"; "his wife, Nina Mody";
#: "Wendy Kecseg, his wife"
_NAMED_OF = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:the\s+)?(?P<kin>{_KIN})\s+of\s+"
    rf"(?P<of>(?:Mr|Mrs|Ms|Dr)\.\s+[A-Z][a-z'’-]+|{_NAME})"
)
_NAMED_AFTER = re.compile(rf"\b(?:his|her)\s+(?P<kin>{_KIN}),\s+(?P<name>{_NAME})\b")
_NAMED_BEFORE = re.compile(rf"(?P<name>{_NAME}),\s+(?:his|her)\s+(?P<kin>{_KIN})\b")
_NOT_A_NAME = re.compile(r"^(?:The|On|In|As|Item|Each|Such|Mr|Mrs|Ms)\b")
_SPOUSE = frozenset({"wife", "husband", "spouse"})


def _kin_word(words: str) -> str:
    """The relation word, lower case and one blank between ("minor children").

    >>> _kin_word("Minor  Children"), _kin_word("wife")
    ('minor children', 'wife')
    """
    return " ".join(words.split()).casefold()


def _same_relation(a: str, b: str) -> bool:
    """Two relation words that name the same relative: the same word, or two words for a
    spouse ("his wife" is "the spouse of Mr. X").

    >>> _same_relation("wife", "spouse"), _same_relation("son", "daughter")
    (True, False)
    """
    a, b = _kin_word(a), _kin_word(b)
    return a == b or (a in _SPOUSE and b in _SPOUSE)


def _surname(name: str) -> str:
    words = [w.strip(".,") for w in name.split()]
    words = [w for w in words if w.casefold() not in ("jr", "sr", "ii", "iii", "iv")]
    return words[-1].casefold() if words else ""


def named_relative(text: str, kin: str, filer_names: list[str], *, only_person: bool) -> str | None:
    """The name the document gives the filer's relative ``kin`` ("Nina Mody, the wife of Mr.
    Mody"; "his wife, Nina Mody"; "Nina Mody, his wife"), when exactly one name is given so;
    the pronoun forms count only when the filer is the filing's only person
    (``only_person``). ``None`` otherwise (plural relation words are never named so).

    >>> named_relative("On May 1, Nina Mody, the wife of Mr. Mody, bought", "wife",
    ...                ["Sanjay S. Mody"], only_person=False)
    'Nina Mody'
    >>> named_relative("Jane Roe, his wife, bought", "spouse", ["John Roe"], only_person=False)
    """
    if re.search(r"(?:ren|s)$", _kin_word(kin)):
        return None
    surnames = {_surname(n) for n in filer_names if n}
    found: set[str] = set()
    for m in _NAMED_OF.finditer(text):
        if _same_relation(m.group("kin"), kin) and _surname(m.group("of")) in surnames:
            found.add(m.group("name"))
    if only_person:
        for rx in (_NAMED_AFTER, _NAMED_BEFORE):
            for m in rx.finditer(text):
                if _same_relation(m.group("kin"), kin):
                    found.add(m.group("name"))
    found = {
        " ".join(n.split())
        for n in found
        if not _NOT_A_NAME.match(n) and _surname(n) and n.split()[-1][:1].isupper()
    }
    found = {n for n in found if not any(n.casefold() == f.casefold() for f in filer_names)}
    return found.pop() if len(found) == 1 else None


def _filer_of(
    ctx: _Ctx,
    pages: list[_Page],
    page_pid: dict[int, str],
    total: float | None,
    mark: str | None,
    pos: int,
) -> str | None:
    """The reporting person whose count a statement splits: the page a footnote's marker is
    on, else the one page reporting the statement's total, else the filing's only filer."""
    from ownergraph.loaders.sec_holders import _holder_marked_page

    if mark is not None:
        pg = _holder_marked_page(pages, mark, pos, ctx.text)
        return page_pid[pg.index] if pg is not None else None
    filers = {page_pid[pg.index] for pg in pages}
    if total is not None:
        hit = {
            page_pid[pg.index]
            for pg in pages
            if pg.values.get("aggregate") is not None and abs(pg.values["aggregate"] - total) <= 1
        }
        if len(hit) == 1:
            return hit.pop()
    return filers.pop() if len(filers) == 1 else None


def family_breakdowns(
    ctx: _Ctx, pages: list[_Page], page_pid: dict[int, str]
) -> list[tuple[int, Breakdown]]:
    """A filer's count split into his own part and parts held by relatives named by a
    pronoun ("consisting of (i) 950,000 shares owned directly by him and (ii) 1,100,000
    shares owned directly by his wife"; "(1) Includes 5,000 shares held by his minor
    children"): one :class:`Breakdown` per statement, with offset 0 (spans in
    ``ctx.text``). A relative's part names the person the document names as that relative
    (:func:`named_relative`), else an unknown party named by the words ("his wife") and
    kept apart per filer. Every part must be the filer's own ("owned directly by him",
    "held jointly with his wife") or a relative's; anything else leaves the statement to
    the other readers. Names the relatives in ``ctx`` only through the parts (the caller
    registers the parties it uses)."""
    text = ctx.text
    if not _KIN_PRONOUN.search(text):
        return []
    persons = [pid for pid in page_pid.values() if ctx.kinds.get(pid) is NodeKind.PERSON]
    out: list[tuple[int, Breakdown]] = []
    for m, end in breakdown_spans(text):
        if not _KIN_PRONOUN.search(text, m.end(), end):
            continue
        total = float(m.group("total").replace(",", "")) if m.group("total") else None
        filer = _filer_of(ctx, pages, page_pid, total, m.group("mark"), m.start())
        if filer is None:
            continue
        named: set[str] = set()
        parts = _parts(ctx, text, m.end(), end, filer, persons, named)
        if not parts or not any(p.holder for p in parts):
            continue
        out.append(
            (
                0,
                FamilyBreakdown(
                    total,
                    not m.group("verb").lower().startswith("includ"),
                    tuple(parts),
                    (m.start(), end),
                    " ".join(text[m.start() : end].split()),
                    m.group("mark"),
                    m.group("reported") is not None or m.group("whose") is not None,
                    named=frozenset(named),
                ),
            )
        )
    for m in _WHOSE_INCLUDES.finditer(text):
        # "Mr. Roe's beneficial ownership includes 10,000 shares held by his wife": the
        # filer named by the possessive (else the only filer), his page's whole count
        end_m = _SENTENCE_END.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        if end - m.end() > 600 or not _KIN_PRONOUN.search(text, m.end(), end):
            continue
        filer = _whose_filer(ctx, pages, page_pid, m.group("who") or m.group("by"))
        agg = [pg.values.get("aggregate") for pg in pages if page_pid[pg.index] == filer]
        if filer is None or len(agg) != 1 or not agg[0]:
            continue
        named = set()
        parts = _parts(ctx, text, m.end(), end, filer, persons, named)
        if not parts or not any(p.holder for p in parts):
            continue
        phrase = " ".join(text[m.start() : end].split())
        bd = FamilyBreakdown(agg[0], False, tuple(parts), (m.start(), end), phrase)
        out.append((0, dataclasses.replace(bd, named=frozenset(named))))
    return out


#: an Item 5 sentence saying a filer's count includes parts ("Mr. Roe's beneficial
#: ownership includes", "The number of shares beneficially owned by Mr. Roe includes")
_WHOSE_INCLUDES = re.compile(
    r"\b(?:(?P<who>(?:Mr|Ms|Mrs|Dr)\.\s+[A-Z][\w'’-]+|[Tt]he\s+Reporting\s+Person)['’]s\s+"
    r"beneficial\s+ownership(?:\s+(?:reported|above|herein))?"
    r"|\b[Tt]he\s+(?:number|amount)\s+of\s+(?:shares\s+)?(?:of\s+(?:the\s+)?Common\s+Stock\s+)?"
    r"(?:beneficially\s+owned|reported)(?:\s+(?:by|for)\s+(?P<by>(?:Mr|Ms|Mrs|Dr)\.\s+"
    r"[A-Z][\w'’-]+|the\s+Reporting\s+Person))?)\s+(?:also\s+)?includes?\s+"
)


def _whose_filer(
    ctx: _Ctx, pages: list[_Page], page_pid: dict[int, str], who: str | None
) -> str | None:
    """The filer a possessive names ("Mr. Roe": the one filer with that surname), else the
    filing's only filer."""
    filers = list(dict.fromkeys(page_pid[pg.index] for pg in pages))
    if who is None or who.casefold().startswith("the reporting"):
        return filers[0] if len(filers) == 1 else None
    sur = _surname(who)
    hit = [
        f
        for f in filers
        if any(_surname(x) == sur for x in [ctx.primary.get(f) or "", *ctx.spellings.get(f, [])])
    ]
    return hit[0] if len(hit) == 1 else None


def _parts(
    ctx: _Ctx,
    text: str,
    start: int,
    end: int,
    filer: str,
    persons: list[str],
    named: set[str],
) -> list[Part] | None:
    """The parts of one statement (between ``start`` and ``end``), or ``None`` when one of
    them is neither the filer's own, a relative's nor a known party's; the keys of the
    relatives the document names are added to ``named``."""
    counts = [
        c
        for c in _PART_COUNT.finditer(text, start, end)
        if not _NOT_A_COUNT.match(text, c.end())
        and not re.search(r"\$\s*$", text[max(0, c.start() - 8) : c.start()])
    ]
    if not counts:
        return None
    parts: list[Part] = []
    bounds = [c.start() for c in counts[1:]] + [end]
    for c, stop in zip(counts, bounds, strict=True):
        n = float(c.group("n").replace(",", ""))
        seg = text[c.end() : stop]
        if re.search(r"\b(?:options?|warrants?|issuable|underlying|convertible)\b", seg[:90], re.I):
            return None
        if re.match(r"\s*(?:shares\s+of\s+)?(?:Class\s+[A-Z]|Series|Preferred)", seg, re.I):
            return None  # another class: the page's count is of one class
        words = " ".join(f"{n:,.0f}{seg}".split())
        rel = None if _JOINT.match(seg) else _BY_RELATIVE.match(seg)
        if rel is not None:
            kin = _kin_word(rel.group("kin"))
            names = [*ctx.spellings.get(filer, [])]
            if ctx.primary.get(filer):
                names.insert(0, ctx.primary[filer])
            name = named_relative(text, kin, names, only_person=len(persons) == 1)
            if name is not None:
                key = party_id(name=name)
                named.add(key)
                parts.append(Part(n, key, name, "Common Stock", "common", False, words))
            else:
                who = " ".join(rel.group("who").split())
                key = party_id(name=f"{ctx.doc_id} {filer} {who.casefold()}")
                parts.append(Part(n, key, who, "Common Stock", "common", False, words))
            continue
        known = _named_holder(ctx, seg)
        if known is not None:  # "5,000 shares held by the Roe Family Trust"
            parts.append(Part(n, known[0], known[1], "Common Stock", "common", False, words))
            continue
        if (
            _JOINT.match(seg)
            or _OWN.search(seg[:80])
            or re.match(
                r"^\s*(?:shares\s+)?(?:held\s+|owned\s+)?(?:directly|individually)\b", seg, re.I
            )
        ):
            parts.append(Part(n, None, None, "Common Stock", "common", False, words))
            continue
        return None
    return parts


_HELD_BY_NAME = re.compile(
    r"^[^.;()]{0,40}?\b(?:held|owned)\s+(?:directly\s+|indirectly\s+)?(?:of\s+record\s+)?"
    r"by\s+(?:the\s+)?",
    re.I,
)


def _named_holder(ctx: _Ctx, seg: str) -> tuple[str, str] | None:
    """The party a part says holds it by one of its spellings known to the filing ("5,000
    shares held by the Roe Family Trust"), not the issuer; ``None`` otherwise."""
    m = _HELD_BY_NAME.match(seg)
    if m is None:
        return None
    rest = " ".join(seg[m.end() : m.end() + 200].split())
    best: tuple[str, str] | None = None
    for pid, spells in ctx.spellings.items():
        if ctx.kinds.get(pid) is NodeKind.ISSUER:
            continue
        for sp in spells:
            sp = " ".join((sp or "").split())
            if (
                len(sp) > 3
                and rest.startswith(sp)
                and not rest[len(sp) : len(sp) + 1].isalnum()
                and (best is None or len(sp) > len(best[1]))
            ):
                best = (pid, sp)
    return best


def settle_kinds(ctx: _Ctx, bds: list[tuple[int, Breakdown]]) -> None:
    """The relatives the breakdowns named, once registered as parties: a person the
    document names, else an unknown party ("his wife"), with the filer's name as a second
    spelling ("Sanjay S. Mody's wife") so two filers' relatives stay told apart."""
    for pid, spells in ctx.spellings.items():  # "a minor child" (a custodian's ward)
        if spells and all(_RELATIVE_WORDS.fullmatch(" ".join(x.split())) for x in spells):
            ctx.kinds[pid] = NodeKind.UNKNOWN
    for _a, bd in bds:
        for p in bd.parts:
            if p.holder is None or p.holder not in ctx.spellings:
                continue
            if p.holder in getattr(bd, "named", ()):
                ctx.kinds[p.holder] = NodeKind.PERSON
                continue
            if not (p.holder_name and _KIN_PRONOUN.fullmatch(p.holder_name)):
                continue
            ctx.kinds[p.holder] = NodeKind.UNKNOWN
            kin = _kin_word(p.holder_name.split(None, 1)[1])
            for c, d, _r in list(ctx.links):
                spelled = [x for x in ctx.spellings.get(c, []) if not x.isupper()]
                filer = spelled[0] if spelled else ctx.primary.get(c)
                if d == p.holder and filer and f"{filer}'s {kin}" not in ctx.spellings[d]:
                    ctx.spellings[d].append(f"{filer}'s {kin}")


#: sec_holders._holder_link's details of a part's link; this module's
_INCLUDED = "shares held by (included in the amount reported)"
_RELATIVE = "shares held by a relative (included in the amount reported)"

#: a relative named by the possessive of a name ("Julie F. Schauer's spouse")
_POSSESSED = re.compile(rf"^(?P<of>.+?)['’]s\s+(?P<kin>{_KIN})$")


def family_links(
    ctx: _Ctx, pages: list[_Page], page_pid: dict[int, str], bds: list[tuple[int, Breakdown]]
) -> None:
    """The link filer -> relative (role ``other``, convention 16) every statement that a
    filer's count includes a relative's shares states, also where the count cannot be split
    into holdings (counts of two classes on one page: "(5) Includes 11,303 Class A shares
    and 52,308 Class B shares held of record by Julie F. Schauer's spouse", the footnote of
    Julie F. Schauer's rows). The relative is a part of a breakdown named by the filer's
    possessive (the name before "'s" one of the filer's spellings) or by a pronoun
    (:func:`family_breakdowns`); the filer is the page the footnote's marker is on, else
    the one page reporting the statement's total, else the only filer. Nothing when the
    stated links already join the two."""
    from ownergraph.loaders.sec_holders import _joined

    for a, bd in bds:
        named = getattr(bd, "named", frozenset())
        rel = [
            p
            for p in bd.parts
            if p.holder and p.holder_name and (p.holder in named or _is_relative(p.holder_name))
        ]
        if not rel:
            continue
        filer = _filer_of(ctx, pages, page_pid, bd.total, bd.mark, a + bd.span[0])
        if filer is None:
            continue
        spellings = {" ".join(s.split()).casefold() for s in ctx.spellings.get(filer, [])}
        for p in rel:
            pos = _POSSESSED.match(p.holder_name or "")
            if pos is not None and " ".join(pos.group("of").split()).casefold() not in spellings:
                continue  # another person's relative
            holder = p.holder
            if p.unnamed:  # the key sec_holders._part_holder gives it
                holder = party_id(name=f"{ctx.doc_id} {p.holder_name}")
            if holder == filer:
                continue
            if holder not in ctx.spellings:
                ctx.party(p.holder_name or holder, pid=holder, kind=NodeKind.UNKNOWN)
            said = ctx.links.pop((filer, holder, Role.STATED_POWER), None)
            if said is not None and said.get("details") != _INCLUDED:
                ctx.links[(filer, holder, Role.STATED_POWER)] = said  # stated in words
            elif said is not None:
                # the footnote stands on the filer's power rows (sec_holders._holder_link):
                # a relative's part is a link of role other all the same (convention 16)
                said.update(voting=None, investment=None, details=_RELATIVE)
                ctx.links[(filer, holder, Role.OTHER)] = said
                continue
            if _joined(ctx, filer, holder):
                continue
            prov = ctx.p((a + bd.span[0], a + bd.span[1]), bd.phrase, "relative's shares included")
            ctx.link(filer, holder, Role.OTHER, prov, details=_RELATIVE)


def _is_relative(name: str) -> bool:
    """A part's holder named as a relative: "his wife", "Julie F. Schauer's spouse".

    >>> _is_relative("Julie F. Schauer's spouse"), _is_relative("his minor children")
    (True, True)
    >>> _is_relative("Smith's affiliates"), _is_relative("Roe Family Trust")
    (False, False)
    """
    return bool(_POSSESSED.match(name) or _KIN_PRONOUN.fullmatch(name))
