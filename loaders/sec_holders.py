"""Which party holds the shares a legacy Schedule 13D/G reports (LEGACY-HOLDINGS).

The cover pages say how much each filer beneficially owns, not who holds it; these rules
read it from the pages and the text, each only when the numbers check out:

- :func:`_holder_pages_nested`: the pages nest along the stated links (each fund its page, a
  manager its page less its funds'), are disjoint (each filer its own), split the group
  total by sole powers, or leave a rest to the manager reporting the group total
  (:mod:`loaders.sec_holdings` for the arithmetic); :func:`_holder_counts_agree` keeps the
  counts the text states per holder where they agree with the pages.
- :func:`_holder_breakdowns`: a count the text breaks into parts ("N shares which includes
  (i) options ... and (ii) N shares held by the X Trust"; "(1) Consists of ..."; "The shares
  reported include N shares held in customer accounts ...") splits the filer's holding.
- :func:`_holder_all_by_term`: "All securities reported in this schedule are owned by the
  Funds" (a collective defined by description) holds the filer's shares.

A part held by another party states a link filer -> holder (:func:`_holder_link`) unless
the stated links already join them. ``ctx`` is the legacy loader's parse context.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ownergraph.graph.ids import make_id, party_id
from ownergraph.graph.model import Holding, Provenance
from ownergraph.graph.vocab import Instrument, NodeKind, Power, Role
from ownergraph.loaders.sec_class_lines import title_page_classes
from ownergraph.loaders.sec_cover import _Page
from ownergraph.loaders.sec_family import family_breakdowns, family_links, settle_kinds
from ownergraph.loaders.sec_holdings import (
    Breakdown,
    all_held_by_term,
    common_holding,
    disjoint_own_shares,
    filers_beneath,
    leaves_and_rest,
    leaves_by_numbers,
    nested_own_shares,
    sole_partition,
)
from ownergraph.loaders.sec_rights_stated import convertible_holdings

if TYPE_CHECKING:
    from ownergraph.loaders.sec_legacy_ctx import _Ctx


def _holder_pages_nested(
    ctx: _Ctx, pages: list[_Page], page_pid: dict[int, str], sec_id: str, as_of: Any
) -> list[Holding]:
    """The filers' own shares when the cover pages nest along the stated links
    (:func:`loaders.sec_holdings.nested_own_shares`): each fund holds its own page's shares
    and a manager or person its aggregate less the pages below it ("Icahn Partners Master
    Fund 11,551,785" + "Icahn Partners 16,255,625" = the group's 27,807,410); or, when no
    page can include another (:func:`loaders.sec_holdings.disjoint_own_shares`: a family
    each filing for itself), each filer its own page; or, when a page counts a fund the
    text does not link to it (:func:`loaders.sec_holdings.leaves_and_rest`), the funds
    their pages and the manager reporting the group's total the rest. Empty otherwise, or
    when fewer than two filers hold (the lowest page then holds).
    """
    from ownergraph.loaders.sec_legacy_holdings import _holdings_of

    best: dict[str, _Page] = {}
    for pg in pages:
        agg = pg.values.get("aggregate")
        if agg is None:
            return []
        pid = page_pid[pg.index]
        if pid not in best or agg > (best[pid].values.get("aggregate") or 0):
            best[pid] = pg
    beneath = filers_beneath(set(best), [(c, d, r.value) for (c, d, r) in ctx.links])
    if beneath is None:
        return []
    aggs = {pid: pg.values["aggregate"] for pid, pg in best.items()}
    soles = {
        pid: pg.values.get("sole_dispositive") or pg.values.get("sole_voting") or 0.0
        for pid, pg in best.items()
    }
    shared = {
        pid: pg.values.get("shared_dispositive") or pg.values.get("shared_voting") or 0.0
        for pid, pg in best.items()
    }
    own = (
        sole_partition(aggs, soles)
        or nested_own_shares(aggs, beneath)
        or disjoint_own_shares(aggs, beneath)
        or leaves_and_rest(aggs, beneath)
        # the pages nest by their numbers alone, and no stated link puts a filer below
        # one the numbers say holds (none stated: always)
        or (
            by_numbers
            if (by_numbers := leaves_by_numbers(aggs, shared)) is not None
            and not any(beneath.get(k) for k in by_numbers)
            else None
        )
    )
    if own is None or sum(1 for v in own.values() if v > 0) < 2:
        return []
    out: list[Holding] = []
    for pid, v in own.items():
        pg = best[pid]
        if v <= 0:
            continue
        if abs(v - pg.values["aggregate"]) <= 1:
            out.extend(_holdings_of(ctx, pg, pid, sec_id, as_of, None))
            continue
        span = (
            (pg.rows["aggregate"].start, pg.rows["aggregate"].end)
            if "aggregate" in pg.rows
            else None
        )
        prov = ctx.p(
            span,
            f"{int(pg.values['aggregate']):,} shares on {pg.name}'s cover page",
            f"held by {pg.name} itself: the shares its page reports beyond the"
            " pages of the filers below it (the text does not say by whom)",
        )
        out.append(common_holding(ctx.doc_id, pid, sec_id, v, as_of, (prov,)))
    return out


def _holder_counts_agree(
    ctx: _Ctx, said: list[Holding], paged: list[Holding]
) -> list[Holding] | None:
    """The cover pages' own shares with the holders the text names: each count the text
    states per holder must be one a page gives (same count within one share), held by
    that filer or by a party the filer controls by the stated links ("TIAA-CREF Investment
    Management ... 4,368,525" and the text's College Retirement Equities Fund holding
    them), which then holds it in the filer's place. ``None`` when a stated count agrees
    with no page."""
    out = list(paged)
    for h in said:
        same = [
            g
            for g in out
            if abs(g.shares - h.shares) <= 1
            and g.instrument is h.instrument
            and (g.holder_id == h.holder_id or _joined(ctx, g.holder_id, h.holder_id))
        ]
        if len(same) != 1:
            return None
        out[out.index(same[0])] = h
    return out


def _holder_breakdowns(
    ctx: _Ctx, pages: list[_Page], page_pid: dict[int, str], holdings: list[Holding], title: str
) -> list[Holding]:
    """A filer's holding split into the parts the text says it consists of or includes
    (:func:`loaders.sec_holdings.breakdowns`): "31,466,379 shares which includes (i) options
    to purchase 4,334,814 shares ... and (ii) 27,131,565 shares of Common Stock held by the
    Elon Musk Revocable Trust" -> the trust holds 27,131,565, the filer the options and the
    rest; a cover-row footnote "(1) Consists 2,615,153 shares ... held by Max Levchin and
    3,911,937 shares ... held by PENSCO Trust Company FBO Max Levchin". Read only when the
    count is the one holding of one filer (its total, or the aggregate of the page whose
    rows carry the footnote's marker) and the parts fit in it; a part held by another party
    states a link filer -> holder (role other) unless the stated links already join them.
    """
    cls = re.search(r"\bClass\s+([A-Z])\b", title)
    out = list(holdings)
    family = family_breakdowns(ctx, pages, page_pid)  # relatives' parts (convention 16)
    covered = title_page_classes(ctx.text)
    split_by = {
        (page_pid[pg.index], x.holder, x.shares)
        for a, bd in ctx.breakdowns
        if bd.mark is not None
        and (pg := _holder_marked_page(pages, bd.mark, a + bd.span[0], ctx.text)) is not None
        for x in bd.parts
    }
    for _a, bd in [*ctx.breakdowns, *family]:
        total, pid, marked_page = bd.total, None, None
        if bd.mark is not None:
            marked_page = _holder_marked_page(pages, bd.mark, _a + bd.span[0], ctx.text)
            if marked_page is None:
                continue
            pid = page_pid[marked_page.index]
            total = marked_page.values.get("aggregate")
        elif bd.reported and total is None:  # "the shares reported include": one filer's
            filers = {page_pid[pg.index]: pg for pg in pages if pg.values.get("aggregate")}
            if len(filers) == 1:
                ((pid, one),) = filers.items()
                total = one.values.get("aggregate")
        if total is None:
            continue
        mine = [
            h
            for h in out
            if h.instrument is Instrument.COMMON
            and abs(h.shares - total) <= 1
            and (pid is None or h.holder_id == pid)
        ]
        if len(mine) != 1:
            out = _holder_parts_restated(ctx, bd, total, pid, marked_page, out, _a)
            continue
        held = mine[0]
        pid = held.holder_id

        def in_class(part: Any) -> bool:
            c = re.search(r"\bClass\s+([A-Z])\b", part.title)
            return part.instrument != "common" or (c.group(1) if c else None) == (
                cls.group(1) if cls else None
            )

        inside = [x for x in bd.parts if in_class(x)]
        letters = {
            c.group(1) for x in bd.parts if (c := re.search(r"\bClass\s+([A-Z])\b", x.title))
        }
        if len(letters) > 1 and not bd.whole and not _each_part_classed(bd, cls, covered):
            continue  # counts of two classes: which one the page counts is not said
        if bd.whole and abs(sum(x.shares for x in bd.parts) - total) <= len(bd.parts):
            inside = list(bd.parts)  # another class counted in (convertible into the class)
        elif not bd.whole:  # "includes": a co-trustee's part stays in the filer's count
            inside = [x for x in inside if not _also_under_another_filer(ctx, pid, x, split_by)]
        s_in = sum(x.shares for x in inside)
        if (
            not inside
            or s_in > total + len(inside)
            or (bd.whole and abs(s_in - total) > len(inside))
        ):
            continue
        if any(x.holder in ctx.type_codes and x.holder != pid for x in inside):
            continue  # a part held by another filer: its own page says what it holds
        new: list[Holding] = []
        rest = total - s_in
        prov = ctx.p((_a + bd.span[0], _a + bd.span[1]), bd.phrase, "holding stated in parts")
        for x in inside:
            holder = _part_holder(ctx, pid, x)
            ins = {"option": Instrument.OPTION, "warrant": Instrument.WARRANT}.get(
                x.instrument, Instrument.COMMON
            )
            new.append(
                dataclasses.replace(
                    held,
                    id=make_id("holding", ctx.doc_id, holder, held.security_id, ins, x.title),
                    holder_id=holder,
                    instrument=ins,
                    shares=x.shares,
                    title=x.title,
                    right_to_acquire=x.right_to_acquire,
                    derivative=ins is not Instrument.COMMON,
                    provenance=(prov,),
                )
            )
        if rest > 1:
            new.append(dataclasses.replace(held, shares=rest, provenance=(*held.provenance, prov)))
        merged: dict[str, Holding] = {}
        have = {h.id for h in out if h is not held}
        new = [h for h in new if h.id not in have]  # stated again in another footnote
        for h in new:  # the same holder and class in two parts: one holding
            o = merged.get(h.id)
            merged[h.id] = h if o is None else dataclasses.replace(o, shares=o.shares + h.shares)
        new = list(merged.values())
        out = [h for h in out if h is not held] + new
        for x in inside:
            if x.holder and x.holder != pid:
                _holder_link(
                    ctx, pid, _part_holder(ctx, pid, x), prov, marked_page, bd.mark, said=x.powers
                )
    family_links(ctx, pages, page_pid, [*ctx.breakdowns, *family])
    settle_kinds(ctx, family)
    # a count stated as convertible into common shares: a right to acquire, not shares
    body = pages[-1].end if pages else 0
    return convertible_holdings(ctx.text[body:], out, ctx.spellings)


def _holder_parts_restated(
    ctx: _Ctx,
    bd: Breakdown,
    total: float,
    pid: str | None,
    page: _Page | None,
    out: list[Holding],
    a: int,
) -> list[Holding]:
    """Holdings already read one per part ("X holds N shares" for each) restated with the
    breakdown's class and holder as printed ("shares of Class B Common Stock held by
    PENSCO Trust Company FBO Max Levchin"): a "consists of" whose parts add up to the count
    and match those holdings one to one, the filer (``pid``) among the holders."""
    if not bd.whole or pid is None or abs(sum(x.shares for x in bd.parts) - total) > len(bd.parts):
        return out
    pool = [h for h in out if h.instrument is Instrument.COMMON]
    pairs: list[tuple[Any, Holding]] = []
    for x in bd.parts:
        h = next((h for h in pool if abs(h.shares - x.shares) <= 1), None)
        if h is None or x.instrument != "common":
            return out
        pool.remove(h)
        pairs.append((x, h))
    if pid not in {h.holder_id for _x, h in pairs}:
        return out
    prov = ctx.p((a + bd.span[0], a + bd.span[1]), bd.phrase, "holding stated in parts")
    new = {}
    for x, h in pairs:
        holder = _part_holder(ctx, pid, x)
        new[id(h)] = dataclasses.replace(
            h,
            id=make_id("holding", ctx.doc_id, holder, h.security_id, h.instrument, x.title),
            holder_id=holder,
            title=x.title,
            provenance=(*h.provenance, prov),
        )
        if holder != pid:
            _holder_link(ctx, pid, holder, prov, page, bd.mark)
    return [new.get(id(h), h) for h in out]


def _holder_link(
    ctx: _Ctx,
    pid: str,
    holder: str,
    prov: Provenance,
    page: _Page | None,
    mark: str | None,
    role: Role | None = None,
    said: tuple[str | None, str | None] = (None, None),
) -> None:
    """The link a count held by another party and reported by ``pid`` states: the power
    rows the footnote is attached to ("Sole Voting Power 6,527,090 shares(1)") make it a
    stated power, sole or shared as those rows are; so do the part's own words on the
    filer's power (``said``, "over which ... have discretionary authority to dispose"); else
    "other" (held through a named holder, role not stated). None when the stated links already join the two."""
    if _joined(ctx, pid, holder):
        return
    powers: dict[str, Power] = {}
    if page is not None and mark is not None:
        for kind, rows in (
            ("voting", ("sole_voting", "shared_voting")),
            ("investment", ("sole_dispositive", "shared_dispositive")),
        ):
            hit = [
                r
                for r in rows
                if r in page.rows and mark in page.rows[r].text and page.values.get(r)
            ]
            if len(hit) == 1:
                powers[kind] = Power.SOLE if hit[0].startswith("sole") else Power.SHARED
    if not powers and said != (None, None):
        # the text's own words on the power over the part ("over which ... have
        # discretionary authority to dispose"): a stated power, sole or shared as said
        for kind, how in zip(("voting", "investment"), said, strict=True):
            if how:
                powers[kind] = Power.SOLE if how == "sole" else Power.SHARED
        role = role or Role.STATED_POWER
    role = role or (Role.STATED_POWER if powers else Role.OTHER)
    ctx.link(
        pid,
        holder,
        role,
        prov,
        voting=powers.get("voting"),
        investment=powers.get("investment"),
        details="shares held by (included in the amount reported)",
    )


def _holder_all_by_term(ctx: _Ctx, pages: list[_Page], holdings: list[Holding]) -> list[Holding]:
    """'All securities reported in this schedule are owned by the Funds', the Funds a
    collective the text defines by description (:func:`loaders.sec_holdings.all_held_by_term`):
    the one holding of the reported shares is the Funds' (an unnamed party named by the
    document's words, convention 1), the filer linked to them. Only when no named holder
    is stated and one holding carries the filers' whole count."""
    if any(shares is None for _p, shares, _prov in ctx.stated):
        return holdings
    found = all_held_by_term(ctx.text)
    top = max((pg.values.get("aggregate") or 0 for pg in pages), default=0)
    if not found or len(holdings) != 1 or not top or abs(holdings[0].shares - top) > 1:
        return holdings
    held = holdings[0]
    name, span, phrase = found[0]
    pid = ctx.party(name, pid=party_id(name=f"{ctx.doc_id} {name}"), kind=NodeKind.UNKNOWN)
    prov = ctx.p(span, phrase, "holder stated for all the reported shares")
    # "In its role as investment adviser or manager, Dimensional possesses ... power over
    # the securities ... owned by the Funds": the role the filer states toward them
    cap = None
    for how in (r"[Ii]n\s+its\s+(?:role|capacity)\s+as", r"serves\s+as"):
        cap = cap or re.search(
            rf"\b{how}\s+(?:an?\s+|the\s+)?investment\s+(?P<w>advis[eo]r|manager)", ctx.text
        )
    role = None
    if cap:
        role = Role.INVESTMENT_MANAGER if cap.group("w") == "manager" else Role.INVESTMENT_ADVISER
    _holder_link(ctx, held.holder_id, pid, prov, None, None, role)
    return [
        dataclasses.replace(
            held,
            id=make_id("holding", ctx.doc_id, pid, held.security_id, held.instrument),
            holder_id=pid,
            provenance=(*held.provenance, prov),
        )
    ]


#: after a holder's name: another holder joined to it ("held of record by Rio Tinto and RTCI")
_AND_ANOTHER = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+|its\s+)?[A-Z]")


def _holder_one_of_several(text: str, end: int) -> bool:
    """True when the holder named for all the reported shares, ending at ``end``, is one of
    a list ("All of the Shares that are held of record by Rio Tinto and RTCI"): the
    statement does not say which of them holds what.

    >>> t = "All of the Shares that are held of record by Rio Tinto and RTCI as reported"
    >>> _holder_one_of_several(t, t.index(" and"))
    True
    >>> t = "All reported Common Shares are held by Sphinx Investment Corp. The rest"
    >>> _holder_one_of_several(t, t.index(" The") - 1)
    False
    """
    return _AND_ANOTHER.match(text, end) is not None


_BENEFICIALLY = re.compile(r"\bbeneficially\s+owns?\b|\bbeneficial\s+owner\s+of\b", re.I)


def _holder_owns_through(
    ctx: _Ctx, aggregates: dict[str, float], pid: str, shares: float | None, prov: Provenance
) -> bool:
    """True when a count the text states as ``pid``'s beneficial ownership ("Rio Tinto
    beneficially owns 11,808,490 Shares") is the cover page (``aggregates``: filer ->
    row 11) of a filer ``pid`` controls by the stated links (RTCI, its wholly-owned
    subsidiary, reporting the same 11,808,490): under Rule 13d-3 a parent beneficially owns
    what its subsidiary holds, so the count does not say that ``pid`` holds them itself."""
    if shares is None or not _BENEFICIALLY.search(prov.phrase or ""):
        return False
    below: set[str] = set()
    todo = [pid]
    while todo:
        c = todo.pop()
        for a, d, role in ctx.links:
            if a == c and d not in below and role.structural:
                below.add(d)
                todo.append(d)
    return any(abs(aggregates.get(d, -9.0) - shares) <= 1 for d in below)


def _holder_unlinked(ctx: _Ctx, holders: Any) -> bool:
    """True when the one holder the text names for all the reported shares is no reporting
    person and no stated link joins it to one ("379,833 shares ... held directly by
    Sponsor", its relation to the filers stated in another filing): the filing does not say
    how the filers' power reaches it, so it cannot stand for the filers' shares (the lowest
    filer holds them instead, as when no holder is named). Several holders whose counts
    add up ("its wholly owned subsidiaries, A, B and C, each of which directly owns ...")
    are the filers' breakdown and stay."""
    filers = set(ctx.type_codes)
    return len(holders) == 1 and any(
        pid not in filers and not any(_joined(ctx, pid, f) for f in filers) for pid in holders
    )


def _also_under_another_filer(
    ctx: _Ctx, pid: str, part: Any, split_by: set[tuple[str, str | None, float]]
) -> bool:
    """True when another filer, not joined to ``pid`` by stated links, controls the part's
    holder by a stated link of its own (two co-trustees of one trust, each filer's
    footnote "Includes ... shares owned by the X Trust, of which Y is trustee") and that
    filer's own footnotes do not take the same count out of its holding (``split_by``:
    (filer, holder, count) of every marked breakdown): its page counts the holder's shares
    too, and moving them out of ``pid``'s holding alone would count them twice."""
    holder = part.holder
    if holder is None or holder == pid:
        return False
    return any(
        c != pid
        and c in ctx.type_codes
        and d == holder
        and not _joined(ctx, c, pid)
        and (c, holder, part.shares) not in split_by
        for c, d, _r in ctx.links
    )


def _each_part_classed(bd: Breakdown, cls: re.Match[str] | None, covered: list[str]) -> bool:
    """True when the title page names the classes of a combined cover (``covered``, the
    letters of its class lines: "Class A Common Stock, $1.00 par value per share" /
    "Class B Common Stock, ..."), the filing's class is one of them and every part of
    shares prints one of their letters ("Includes 1,950 Class A shares and 43,587 Class B
    shares owned by the X Trust and 450 Class A shares owned by the Y Trust"): the cover
    reports each class apart, so the parts of the filing's class are in its count and the
    others are not.

    >>> from ownergraph.loaders.sec_holdings import Part
    >>> bd = Breakdown(None, False, (Part(1950.0, "t", "T", "Class A Common Stock",
    ...     "common", False, ""), Part(43587.0, "t", "T", "Class B Common Stock", "common",
    ...     False, "")), (0, 1), "", "(1)")
    >>> a = re.search("Class (A)", "Class A Common Stock")
    >>> _each_part_classed(bd, a, ["A", "B"]), _each_part_classed(bd, a, ["A"])
    (True, False)
    """
    if cls is None or len(covered) < 2 or cls.group(1) not in covered:
        return False
    for x in bd.parts:
        if x.instrument != "common":
            continue
        c = re.search(r"\bClass\s+([A-Z])\b", x.title)
        if c is None or c.group(1) not in covered:
            return False
    return True


def _part_holder(ctx: _Ctx, pid: str, x: Any) -> str:
    """The party holding a part: the filer, a party of the book, or an unnamed one ("customer
    accounts", "Jane Roe's spouse") kept to this filing (anonymous parties stay apart)."""
    if x.holder is None:
        return pid
    holder = x.holder
    if x.unnamed:
        holder = party_id(name=f"{ctx.doc_id} {x.holder_name}")
    if holder not in ctx.spellings:
        ctx.party(x.holder_name or holder, pid=holder, kind=NodeKind.UNKNOWN if x.unnamed else None)
    return holder


_COUNT_ROWS = (
    "sole_voting",
    "shared_voting",
    "sole_dispositive",
    "shared_dispositive",
    "aggregate",
)


def _holder_marked_page(pages: list[_Page], mark: str, pos: int, text: str = "") -> _Page | None:
    """The cover page a footnote belongs to: among the pages whose count rows carry its
    marker ("14,351,182 (1)" for "1." or "(1)"), or, on a cover page listing several
    persons, whose name line does ("Gerald F. Fitzgerald, Jr.(1) . . . 46,063"), the last
    one that starts before it (each page followed by its own notes), else the only one."""
    sign = f"({mark[:-1]})" if mark.endswith(".") else mark

    def carries(pg: _Page) -> bool:
        if any(sign in pg.rows[k].text for k in _COUNT_ROWS if k in pg.rows):
            return True
        if not pg.listed or not pg.name_raw:
            return False
        rx = re.escape(pg.name_raw) + r"[ \t]*" + re.escape(sign)
        return re.search(rx, text[pg.start : pg.end]) is not None

    marked = [pg for pg in pages if carries(pg)]
    before = [pg for pg in marked if pg.start <= pos]
    if before:
        return max(before, key=lambda pg: pg.start)
    return marked[0] if len(marked) == 1 else None


def _joined(ctx: _Ctx, a: str, b: str) -> bool:
    """True when a stated link path leads from ``a`` to ``b`` or from ``b`` to ``a``."""
    down: dict[str, set[str]] = defaultdict(set)
    for c, d, _r in ctx.links:
        down[c].add(d)
    for x, y in ((a, b), (b, a)):
        seen, todo = {x}, [x]
        while todo:
            for n in down.get(todo.pop(), ()):
                if n == y:
                    return True
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
    return False
