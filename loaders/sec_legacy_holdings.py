"""Who holds the shares a legacy 13D/G reports: the holder pages' holdings, the holdings
the text states per holder, and the lowest reporting person where no page says.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from typing import Any

from ownergraph.graph.ids import (
    make_id,
)
from ownergraph.graph.model import (
    Holding,
    Provenance,
)
from ownergraph.graph.vocab import (
    Instrument,
    NodeKind,
)
from ownergraph.loaders.sec_cover import (
    _ROWS,
    _Page,
)
from ownergraph.loaders.sec_cover_rows import _first_components
from ownergraph.loaders.sec_holders import (
    _holder_owns_through,
    _holder_unlinked,
)
from ownergraph.loaders.sec_holdings import (
    common_holding,
)
from ownergraph.loaders.sec_legacy_ctx import _Ctx
from ownergraph.loaders.sec_legacy_findings import _INSTRUMENT_TITLE
from ownergraph.loaders.sec_lexicon import _fold
from ownergraph.loaders.sec_sections import (
    _first_match_at,
    _occurrences,
)

# --------------------------------------------------------------------------- holdings


def _lowest_pages(ctx: _Ctx, pages: list[_Page], page_pid: dict[int, str]) -> list[_Page]:
    """The reporting person recorded as holder when the filing does not say who holds."""
    if not pages:
        return []
    controlled = {ctld for (_c, ctld, role) in ctx.links if role.structural}

    def key(pg: _Page) -> tuple[float, int]:
        agg = pg.values.get("aggregate") or max((pg.values.get(k) or 0) for k in _ROWS)
        return (agg, 0 if page_pid[pg.index] in controlled else 1)

    return [min(pages, key=key)]


_HOLDER_SAID = re.compile(
    r"(?:directly\s+owned\s+by|held\s+by\s+the\s+clients\s+of|prime\s+brokerage\s+accounts\s+of|"
    r"on\s+behalf\s+of\s+(?:its\s+)?clients|clients\s+have\s+the\s+right)[^.]{0,120}",
    re.I,
)


def _holder_said(body: str) -> re.Match[str] | None:
    """``_HOLDER_SAID.search(body)``, tried only where one of its first words is."""
    low = _fold(body)
    starts = [i for w in ("directly", "held", "prime", "clients") for i in _occurrences(low, w)]
    for j in _occurrences(low, "behalf"):  # "on\s+behalf"
        k = j
        while k > 0 and low[k - 1].isspace():
            k -= 1
        if k < j and low[k - 2 : k] == "on":
            starts.append(k - 2)
    return _first_match_at(_HOLDER_SAID, body, starts)


def _holder_note(ctx: _Ctx, text: str, body_start: int) -> str:
    m = _holder_said(text[body_start:])
    base = (
        "the filing does not say how the shares are held among those named; the lowest "
        "reporting person is recorded as holding its aggregate"
    )
    if m:
        said = re.sub(r"\s+", " ", m.group(0)).strip()
        return base + f" (the text says: {said!r})"
    return base


def _text_holdings(
    ctx: _Ctx, pages: list[_Page], page_pid: dict[int, str], sec_id: str, as_of: Any
) -> list[Holding]:
    """Holdings the Items state per holder ("PWIMF holds 527,194 Common Shares and PWPI
    holds 112,466"; "All shares are held of record by LVPII"), when they account for the
    filers' reported shares (their sum is the largest aggregate on the cover pages, within
    one share per holder): each holder, a reporting person or a fund named only in the
    text, holds what the text says. One filer whose rows split its shares into a sole and
    a shared part, the text's counts of other holders adding up to the shared part, holds
    the sole part itself (:func:`_sole_and_stated_shared`). Otherwise (counts of other
    dates or classes) none.
    """
    top = max((pg.values.get("aggregate") or 0 for pg in pages), default=0)
    if not ctx.stated or not top:
        return []
    aggregates = {
        page_pid[pg.index]: pg.values["aggregate"] for pg in pages if pg.values.get("aggregate")
    }
    cands: dict[str, list[tuple[float, Provenance]]] = defaultdict(list)
    for pid, shares, prov in ctx.stated:
        if _holder_owns_through(ctx, aggregates, pid, shares, prov):
            continue
        v = top if shares is None else shares
        if v <= top + 1 and v not in [c for c, _p in cands[pid]]:
            cands[pid].append((v, prov))
    # one count per holder (the text may give a holder's count at several dates), the
    # counts adding up to the filers' shares; the latest statement first
    per = _counts_adding_up(cands, top)
    if per is None:
        # a holder said to own the whole count ("X beneficially owns 2,094,365 shares") over
        # holders whose counts add up to it ("each of which directly owns 846,208 shares,
        # ..."): the whole is the others' shares, held through them
        whole = {pid for pid, c in cands.items() if all(abs(v - top) <= 1 for v, _p in c)}
        rest = {pid: c for pid, c in cands.items() if pid not in whole}
        if whole and len(rest) >= 2:
            per = _counts_adding_up(rest, top)
    if per is None and all(pid in ctx.type_codes for pid in cands):
        # filers with no group total (each cover page its own shares), each holder one of
        # them: every cover page's aggregate is the sum of some of the stated counts, and
        # every count is in one
        per = _counts_explaining_pages(cands, pages)
    if per is None:
        per = _sole_and_stated_shared(ctx, cands, pages, page_pid, top)
    if per is None or _holder_unlinked(ctx, per):
        return []
    out = []
    for pid, (v, prov) in per.items():
        if ctx.kinds.get(pid) in (None, NodeKind.ENTITY, NodeKind.UNKNOWN):
            ctx.kinds[pid] = NodeKind.FUND
        out.append(common_holding(ctx.doc_id, pid, sec_id, v, as_of, (prov,)))
    return out


def _counts_adding_up(
    cands: dict[str, list[tuple[float, Provenance]]], top: float
) -> dict[str, tuple[float, Provenance]] | None:
    """One count per holder (the latest statement first) such that they add up to ``top``
    within one share per holder; ``None`` when no choice does."""
    options = [list(reversed(c)) for c in cands.values()]
    for combo in itertools.islice(itertools.product(*options), 4096):
        if abs(sum(v for v, _p in combo) - top) <= len(combo):
            return dict(zip(cands, combo, strict=True))
    return None


def _one_power(page: _Page, kind: str) -> float | None:
    """The page's ``kind`` ("sole" / "shared") count when its voting and dispositive rows
    give the same one (or only one of them is printed); ``None`` otherwise."""
    vals = {page.values.get(f"{kind}_{p}") for p in ("voting", "dispositive")} - {None}
    return vals.pop() if len(vals) == 1 else None


def _sole_and_stated_shared(
    ctx: _Ctx,
    cands: dict[str, list[tuple[float, Provenance]]],
    pages: list[_Page],
    page_pid: dict[int, str],
    top: float,
) -> dict[str, tuple[float, Provenance]] | None:
    """One filer's shares split by its cover rows: sole power over S, shared power over H,
    S + H its aggregate (the filers' total), and the text's counts of other holders adding
    up to H ("The 489,036 shares consist of 4,740 shares as to which there is sole voting
    and dispositive power and 484,296 shares as to which there is shared ...; the 484,296
    shares are held by the Issuer's Employees' Stock Ownership Plan"): the holders hold
    their counts (the shared part), the filer the sole part itself (its own count, if the
    text states one, must be S); every other filer's page reports the shared part or one of
    the holders' counts. ``None`` when the rows or the counts do not fit."""
    tops = [pg for pg in pages if abs((pg.values.get("aggregate") or 0) - top) <= 1]
    if len(tops) != 1:
        return None
    page = tops[0]
    filer = page_pid[page.index]
    sole, shared = _one_power(page, "sole"), _one_power(page, "shared")
    if not sole or not shared or abs(sole + shared - top) > 1:
        return None
    if filer in cands and all(abs(v - sole) > 1 for v, _p in cands[filer]):
        return None
    rest = {pid: c for pid, c in cands.items() if pid != filer}
    per = _counts_adding_up(rest, shared) if rest else None
    if per is None:
        return None
    parts = [shared, *(v for v, _p in per.values())]
    for pg in pages:  # another filer's page: the shared part, or a holder's count, or none
        agg = pg.values.get("aggregate") or 0
        if pg is not page and agg and all(abs(agg - v) > 1 for v in parts):
            return None
    own = next((c for c in cands.get(filer, []) if abs(c[0] - sole) <= 1), None)
    if own is None:
        row = page.rows.get("sole_voting") or page.rows.get("sole_dispositive")
        span = (row.start, row.end) if row is not None else (page.start, page.end)
        own = (
            sole,
            ctx.p(span, None, f"{int(sole):,} shares of sole power on {page.name}'s cover page"),
        )
    return {**per, filer: own}


def _counts_explaining_pages(
    cands: dict[str, list[tuple[float, Provenance]]], pages: list[_Page]
) -> dict[str, tuple[float, Provenance]] | None:
    """One count per holder such that each cover page's aggregate is the sum of some of the
    counts (within one share per count) and each count is in such a sum; ``None`` when no
    choice does (two or more holders, at most ten)."""
    aggs = {pg.values.get("aggregate") or 0 for pg in pages} - {0}
    if not aggs or not 2 <= len(cands) <= 10:
        return None
    options = [list(reversed(c)) for c in cands.values()]
    for combo in itertools.islice(itertools.product(*options), 64):
        sums: dict[int, float] = {}  # subset (bit mask) -> sum
        for i, (v, _p) in enumerate(combo):
            sums.update({mask | 1 << i: t + v for mask, t in list(sums.items())})
            sums[1 << i] = v
        used = 0
        for agg in aggs:
            fits = [m for m, t in sums.items() if abs(t - agg) <= m.bit_count()]
            if not fits:
                break
            for m in fits:
                used |= m
        else:
            if used == (1 << len(combo)) - 1:
                return dict(zip(cands, combo, strict=True))
    return None


def _holdings_of(
    ctx: _Ctx,
    page: _Page,
    pid: str,
    sec_id: str,
    as_of: Any,
    note: str | None,
    *,
    nothing_owned: bool = False,
) -> list[Holding]:
    comps = page.components.get("aggregate") or _first_components(page)
    span = (page.start, page.end)
    if "aggregate" in page.rows:
        span = (page.rows["aggregate"].start, page.rows["aggregate"].end)
    rows = []
    if comps:
        pairs = [(c.instrument, c.shares) for c in comps]
    else:
        total = page.values.get("aggregate")
        if total is None:
            total = max((page.values.get(k) or 0) for k in _ROWS) or None
        if not total and not (nothing_owned and page.values.get("aggregate") == 0):
            return []
        total = total or 0.0
        pairs = [(Instrument.COMMON, total)]
    seen: dict[Instrument, float] = defaultdict(float)
    for ins, v in pairs:
        seen[ins] += v
    for ins, v in seen.items():
        rows.append(
            Holding(
                id=make_id("holding", ctx.doc_id, pid, sec_id, ins),
                document_id=ctx.doc_id,
                holder_id=pid,
                security_id=sec_id,
                instrument=ins,
                shares=v,
                as_of=as_of,
                right_to_acquire=ins.is_right_to_acquire,
                derivative=ins.is_right_to_acquire,
                title=_INSTRUMENT_TITLE.get(ins),
                provenance=(
                    ctx.p(
                        span, f"{int(v):,} shares ({ins.value}) on {page.name}'s cover page", note
                    ),
                ),
            )
        )
    return rows
