"""Who controls a party over a large subtree, its figures from the column arrays.

A question about a party (a person over thousands of funds) is about every holding below
it (:func:`queries.control_scope.subject_scope`); its rows are the party and everyone above
it. The library's answer on the scope graph decodes every record below (a person with a
22k-node scope at 1M parties: ~2 s). Here, as :mod:`queries.control_class` does for a
class held by thousands:

1. the scope comes from the column graph: the nodes below the party over ``controls``
   (their holdings are the scope), the nodes above it (the rows), and every ``controls``
   link into them; a holding's count and flags come from the per-edge arrays
   (:mod:`graph.columns_attrs`), a link's role and power from its row (no record);
2. every row reaches every holding of the scope (it reaches the party); what it reaches
   through sole steps only (:func:`queries.control_arrays.sole_pairs`, the module rule of
   :mod:`queries.control` over every link at once) is a walk over the sole steps inside
   the party's nodes and those above it (where the library's engine walks);
3. the paths, their count, names and kinds come from the library (:class:`_PathLister`,
   :class:`PathExplainer`, :class:`_Engine`) on the graph of the rows alone: a path from a
   row ends at the party, and every controller of a row is a row.

It answers only where that is the whole answer: no date, a party that issues no class,
holdings of several classes (no percent), from one document, no holding with its own
split filed, no cover page of a holder, no link stating its powers apart, every known count
a whole number (sums in any order are the same float); otherwise ``None`` and the caller
answers on the whole scope. ``tests/test_engine_party.py`` compares the answer with the
library's on the whole graph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ownergraph.graph import columns as colmod
from ownergraph.graph import columns_attrs as attrs

if TYPE_CHECKING:
    import networkx as nx

    from ownergraph.graph.engine import Engine

#: Scopes with fewer nodes below the party than this are answered on the whole scope.
MIN_BELOW = 500
#: Parties with more nodes above them than this are answered on the whole scope.
MAX_ROWS = 200
#: Holdings read in full for the explanations (the app lists the first 200 by id).
HOLDINGS_READ = 200


def _np(view: Any) -> Any:
    import numpy as np

    return np.asarray(view)


def _link_fields(engine: Engine) -> str:
    """The role and power of a link as text (a compact store's bulk row from its stored
    fragments, a filing's row from its JSON)."""
    from ownergraph.graph.store_layout import compact

    if compact(engine.store._conn):
        return (
            "CASE WHEN body IS NULL THEN json_extract(j_role, '$')"
            " ELSE json_extract(body, '$.role') END,"
            " CASE WHEN body IS NULL THEN json_extract(coalesce(j_power, 'null'), '$')"
            " ELSE json_extract(body, '$.power') END"
        )
    return "json_extract(json, '$.role'), json_extract(json, '$.power')"


def engine_answer(engine: Engine, subject: str, kwargs: dict[str, Any]) -> Any:
    """:meth:`graph.engine.Engine.who_controls_answer` of the party ``subject`` (a node id)
    from :func:`party_answer` when the question asks no date and no cut of the paths
    (``kwargs``: its keyword arguments); else ``None``."""
    if kwargs.get("as_of") is not None or not set(kwargs) <= {
        "as_of",
        "outstanding",
        "paths_for_top",
    }:
        return None
    i = engine.cols.find(subject)
    if i is None:
        return None
    got = party_answer(
        engine, i, outstanding=kwargs.get("outstanding"), paths_for_top=kwargs.get("paths_for_top")
    )
    return None if got is None else got[0].to_answer()


def party_answer(
    engine: Engine,
    node: int,
    *,
    outstanding: float | None = None,
    paths_for_top: int | None = None,
    min_below: int | None = None,
) -> tuple[Any, nx.MultiDiGraph, tuple[int, float]] | None:
    """``who_controls`` of the party ``node`` (a :class:`queries.control.WhoControls`), the
    graph of its rows (with the first :data:`HOLDINGS_READ` holdings of the scope by id,
    for the explanations) and the count and known-share sum of the scope's holdings; or
    ``None`` where this path does not apply (see the module docstring). ``paths_for_top``:
    as :func:`queries.control.who_controls` (only the first N ultimate rows list paths)."""
    least = MIN_BELOW if min_below is None else min_below
    if engine.cols.n_nodes < least:
        return None  # no party has that many nodes below it (a small store: no numpy)
    import numpy as np

    from ownergraph.graph.vocab import NodeKind
    from ownergraph.queries.control_arrays import (
        POWER_CODES,
        ROLE_CODES,
        _ranges,
        controls_closure,
        sole_pairs,
        unique,
    )
    from ownergraph.queries.control_class import _rows

    cols = engine.cols
    kind = _np(cols.node_kind)
    if kind[node] != colmod.PARTY or cols.securities_of(node) or not cols.has_attrs():
        return None
    below = controls_closure(cols, [node], up=False)
    if len(below) < least:
        return None
    above = controls_closure(cols, [node], up=True)  # the rows (with the party)
    if len(above) > MAX_ROWS:
        return None
    ekind, src, dst = _np(cols.edge_kind), _np(cols.edge_src), _np(cols.edge_dst)
    flags, eshares, rowid = _np(cols.edge_flags), _np(cols.edge_shares), _np(cols.edge_rowid)
    within = unique(np.concatenate([below, above]))
    # the scope's holdings: out of the nodes below
    dptr, didx = _np(cols.down_ptr), _np(cols.down_idx)
    out_e = didx[_ranges(dptr[below], dptr[below + 1])]
    hold_all = out_e[ekind[out_e] == colmod.HOLDS]
    hf = flags[hold_all]
    if (hf & attrs.SPLIT).any():
        return None  # a holder's own split: the figures read it
    rows = _rows(engine, "SELECT rowid, id, document_id FROM holdings WHERE rowid IN ({})",
                 rowid[hold_all].tolist())  # fmt: skip
    if len({r[2] for r in rows}) != 1:
        return None  # holdings in force across documents: the records decide
    beneficial = ((hf & attrs.DERIVATIVE) == 0) | ((hf & attrs.RIGHT) != 0)
    hold_e = hold_all[beneficial]
    if not len(hold_e):
        return None
    secs = unique(dst[hold_e])
    if len(secs) < 2:
        return None  # one class: a percent, its denominator read from the documents
    shares = eshares[hold_e]
    known = ~np.isnan(shares)
    vals = np.where(known, shares, 0.0)
    if (vals != np.floor(vals)).any() or vals.sum() >= 2.0**53:
        return None
    holders = src[hold_e]
    # no cover page of a holder (a page splits its holdings' powers)
    if engine.store._rows("SELECT 1 FROM positions LIMIT 1"):
        raw = {
            r[0]
            for r in _rows(
                engine,
                "SELECT id FROM parties WHERE rowid IN ({})",
                [m for h in unique(holders).tolist() for m in cols.members(h)],
            )
        }
        paged = {r[0] for r in engine.store._rows("SELECT DISTINCT party_id FROM positions")}
        if raw & paged:
            return None
    # every controls link into the party's nodes and those above it
    uptr, uidx = _np(cols.up_ptr), _np(cols.up_idx)
    in_e = uidx[_ranges(uptr[within], uptr[within + 1])]
    link_e = in_e[ekind[in_e] == colmod.CONTROLS]
    if (flags[link_e] & attrs.APART).any():
        return None  # powers stated apart: each power has its own reach
    link_e = link_e[src[link_e] != dst[link_e]]
    fields = _link_fields(engine)
    got = {
        r[0]: r[1:]
        for r in _rows(
            engine,
            f"SELECT rowid, {fields} FROM links WHERE rowid IN ({{}})",  # noqa: S608 - fixed text
            rowid[link_e].tolist(),
        )
    }
    role_code = {r.value: i for i, r in enumerate(ROLE_CODES)}
    power_code = {p.value: i for i, p in enumerate(POWER_CODES) if p is not None}
    roles, powers = [], []
    for r in rowid[link_e].tolist():
        role, power = got.get(r, (None, None))
        if role not in role_code or (power is not None and power not in power_code):
            return None
        roles.append(role_code[role])
        powers.append(0 if power is None else power_code[power])
    # sole steps (local numbers over the nodes the links touch)
    local = unique(np.concatenate([within, src[link_e]]))
    lu = np.searchsorted(local, src[link_e])
    lv = np.searchsorted(local, dst[link_e])
    inside = np.isin(local, within)
    if len(lu):
        pu, pv, sole = sole_pairs(lu, lv, np.array(roles), np.array(powers))
        keep = sole & inside[pu] & inside[pv]
        su, sv = pu[keep], pv[keep]
    else:
        su = sv = np.empty(0, dtype=np.int64)
    order = np.argsort(su, kind="stable")
    su, sv = su[order], sv[order]
    sptr = np.searchsorted(su, np.arange(len(local) + 1))
    # the holdings: ids in id order, counts, rights
    id_of = {r[0]: r[1] for r in rows}
    ids = [id_of[r] for r in rowid[hold_e].tolist()]
    by_id = np.argsort(np.array(ids, dtype=object), kind="stable")
    ids_sorted = tuple(ids[i] for i in by_id)
    rank = np.empty(len(ids), dtype=np.int64)
    rank[by_id] = np.arange(len(ids))  # a holding's place in id order
    rights = (flags[hold_e] & attrs.RIGHT) != 0
    hold_local = np.searchsorted(local, holders)
    order_h = np.argsort(hold_local, kind="stable")
    hl_sorted = hold_local[order_h]

    def total(mask: Any) -> float | None:
        if (mask & ~known).any():
            return None
        return float(vals[mask].sum())

    everything = np.ones(len(ids), dtype=bool)
    agg = total(everything)
    rights_total = total(rights)

    def figures_of(n: int) -> tuple[Any, ...]:
        """sole, shared, the sole holdings' ids of the row at column node ``n``."""
        seen = np.zeros(len(local), dtype=bool)
        frontier = np.array([np.searchsorted(local, n)], dtype=np.int64)
        seen[frontier] = True
        while len(frontier):
            nxt = unique(sv[_ranges(sptr[frontier], sptr[frontier + 1])])
            nxt = nxt[~seen[nxt]]
            seen[nxt] = True
            frontier = nxt
        reached = np.flatnonzero(seen)
        lo = np.searchsorted(hl_sorted, reached)
        hi = np.searchsorted(hl_sorted, reached, side="right")
        mask = np.zeros(len(ids), dtype=bool)
        mask[order_h[_ranges(lo, hi)]] = True
        sole_ids = tuple(ids_sorted[i] for i in np.sort(rank[mask]).tolist())
        return total(mask), total(~mask), sole_ids

    # the graph of the rows: them, the links into them, the first holdings for the
    # explanations (their holders, classes and the classes' issuers by name)
    first = set(ids_sorted[:HOLDINGS_READ])
    shown_e = [int(e) for e, i in zip(hold_e.tolist(), ids, strict=True) if i in first]
    row_links = link_e[np.isin(dst[link_e], above)]
    nodes = {int(x) for x in above} | {int(src[e]) for e in shown_e}
    nodes |= {int(dst[e]) for e in shown_e}
    named = {int(cols.issuer_of[x]) for x in list(nodes) if cols.issuer_of[x] >= 0} - nodes
    G = engine.subgraph(nodes | named, {int(e) for e in row_links} | set(shown_e), named=named)
    subject = cols.node_id(node)
    data = G.nodes[subject]
    if data.get("kind") == NodeKind.ISSUER:
        return None  # an issuer's derivative positions are noted: the whole scope
    wc = _rows_answer(
        G,
        subject,
        [cols.node_id(int(x)) for x in above],
        {cols.node_id(int(x)) for x in unique(holders)},
        figures_of={cols.node_id(int(x)): int(x) for x in above},
        figures=figures_of,
        aggregate=agg,
        rights=rights_total,
        ids=ids_sorted,
        security_ids=tuple(sorted(cols.node_id(int(s)) for s in secs)),
        outstanding=outstanding,
        paths_for_top=paths_for_top,
    )
    return wc, G, (len(ids), float(vals.sum()))


def _rows_answer(
    G: nx.MultiDiGraph,
    subject: str,
    candidates: list[str],
    holders: set[str],
    *,
    figures_of: dict[str, int],
    figures: Any,
    aggregate: float | None,
    rights: float | None,
    ids: tuple[str, ...],
    security_ids: tuple[str, ...],
    outstanding: float | None,
    paths_for_top: int | None = None,
) -> Any:
    """The :class:`queries.control.WhoControls` of a party question whose rows are
    ``candidates`` (the party and everyone above it, all in ``G`` with the links among
    them), each reaching every holding ``ids``, their sole part from ``figures``; as
    :func:`queries.control.who_controls` builds it for a party in scope."""
    from ownergraph.graph.vocab import Authority, Lens
    from ownergraph.queries.control_engine import _Engine, _HoldingIndex, _PathLister
    from ownergraph.queries.control_results import MAX_PATHS, Controller, WhoControls
    from ownergraph.queries.control_view import control_view
    from ownergraph.queries.powers import PathExplainer, row_character

    view = control_view(G)
    cands = set(candidates)
    eng = _Engine(view, cands, {}, _HoldingIndex({}))
    tops = eng.tops(cands)
    counts = eng.path_counts({subject}, cands)
    lister = _PathLister(view, {subject: ids}, cands)
    figs: dict[str, tuple[Any, ...]] = {}

    def fig(n: str) -> tuple[Any, ...]:
        got = figs.get(n)
        if got is None:
            got = figs[n] = figures(figures_of[n])
        return got

    def end_of(node: str, _ids: tuple[str, ...]) -> dict[Authority, str | None]:
        sole, shared, _ = fig(node)
        c = row_character(sole, shared)
        return {Authority.VOTING: c, Authority.INVESTMENT: c}

    explain = PathExplainer(view, end_of)

    def controller(n: str, with_paths: bool = True) -> Controller:
        sole, shared, sole_ids = fig(n)
        count = counts.get(n, 0) if counts is not None else None
        if with_paths:
            paths, cut = lister.paths(n, limit=MAX_PATHS)
            if count is None and not cut:
                count = len(paths)
        else:  # not listed (paths_for_top): the count stands, unknown in a cycle
            paths, cut = [], count is None or count > 0
        return Controller(
            party_id=n,
            name=view._name(n),
            kind=str(G.nodes[n].get("kind")),
            ultimate=n in tops,
            is_holder=n in holders,
            sole_voting=sole,
            shared_voting=shared,
            sole_dispositive=sole,
            shared_dispositive=shared,
            shares=aggregate,
            rights_to_acquire=rights,
            percent=None,
            holding_ids=ids,
            sole_holding_ids=sole_ids,
            paths=tuple(explain(p) for p in paths),
            path_count=count,
            paths_truncated=cut,
            filed=None,
            denominator=None,
        )

    def order(c: Controller) -> tuple[float, str, str]:
        return (-(c.shares or 0.0), c.name, c.party_id)

    everyone = [
        controller(n, with_paths=paths_for_top is None)
        for n in sorted(cands)
        if not (n == subject and n not in tops)
    ]
    ultimate = tuple(sorted((c for c in everyone if c.ultimate), key=order))
    if paths_for_top is not None:  # the rows shown list their paths
        ultimate = tuple(
            controller(c.party_id) if i < paths_for_top else c for i, c in enumerate(ultimate)
        )
    return WhoControls(
        subject_id=subject,
        subject_name=str(G.nodes[subject].get("name", subject)),
        subject_kind=str(G.nodes[subject].get("kind")),
        lens=Lens.SEC13D3,
        as_of=None,
        security_ids=security_ids,
        holding_ids=ids,
        shares=aggregate,
        outstanding=outstanding,
        ultimate=ultimate,
        intermediate=tuple(sorted((c for c in everyone if not c.ultimate), key=order)),
        notes=("holdings span several classes: no percent of class",),
        outstanding_source="given" if outstanding is not None else "unknown",
    )
