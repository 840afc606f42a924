"""A class with thousands of holders answered from the column arrays: the rows shown in full.

``who-controls`` and ``attribute`` of an issuer's class on a terminal show the first rows
by shares (``cli.answer_render.SHOWN``). For a class held by thousands, the library's
answer on the whole scope (records, a networkx graph of every holder and controller, the
figures of each) costs seconds to minutes; here:

1. the scope comes from the store's column graph (:mod:`graph.columns`): the class's
   holdings, their holders and everyone above them over ``controls``; the fields the
   figures need are read from SQLite by ``json_extract`` (no records);
2. each person's aggregate (row 11: the distinct union of the holdings reached for voting
   or investment power, :mod:`queries.powers`) and whether anyone is above it come from
   numpy/scipy over those arrays (:func:`queries.control_arrays._closure`), which orders
   every controller as the answer does (shares, then name, then id);
3. the rows shown are answered by the library itself (:func:`queries.control.who_controls`,
   :func:`queries.attribution.attribute`) on the graph of those rows, everything below
   them inside the scope and every controller of those nodes: a row's figures, paths and
   path count read nothing else, so they equal the whole answer's.

The header (distinct total, the derivative positions left out) is computed over every
holding of the class. The answer holds the rows shown; how many more there are is
returned beside it. :func:`answer_shown` and :func:`attribution_shown` return ``None``
where this path does not apply (a date, several classes, cover pages filed for the class,
a share count that is not a whole number, nothing owned), and the caller answers on the
whole scope. ``tests/test_control_class.py`` compares both with the library's whole answer
on random graphs.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ownergraph.graph import columns as colmod
from ownergraph.graph import columns_attrs as attrs
from ownergraph.graph.engine_records import gc_paused

if TYPE_CHECKING:
    from ownergraph.graph.engine import Engine

#: Scopes below this many nodes are answered on the whole scope (it is quick there).
MIN_NODES = 2000
_CHUNK = 20_000
_SKIPPED = "derivative position(s) left out"
#: The holding fields a class question reads after ``rowid, id, document_id``.
_HOLDING_JSON = (
    "json_extract(json, '$.shares'), json_extract(json, '$.derivative'),"
    " json_extract(json, '$.right_to_acquire'),"
    " json_extract(json, '$.sole_voting'), json_extract(json, '$.shared_voting'),"
    " json_extract(json, '$.sole_dispositive'), json_extract(json, '$.shared_dispositive'),"
    " json_extract(json, '$.title'), json_extract(json, '$.instrument')"
)
_BY_ROWID = " FROM holdings WHERE rowid IN ({})"


@dataclass
class ClassRank:
    """The arrays of a class question (see the module docstring).

    ``nodes``: the candidates (column node ids, sorted): every current holder of the class
    and everyone above one over ``controls``; ``aggregate`` (NaN = unknown) and ``top``
    (nobody above) per candidate; ``cyclic``: a control cycle among them.
    """

    sec: int
    nodes: Any
    aggregate: Any
    top: Any
    cyclic: bool
    holders: Any
    hold_rowids: list[int]
    hold_ids: list[str]
    hold_shares: list[float | None]
    skipped: list[str]
    documents: set[str]
    local_u: Any
    local_v: Any


def _np(view: Any) -> Any:
    import numpy as np

    return np.asarray(view)


def _rows(engine: Engine, sql: str, values: list[Any]) -> list[tuple[Any, ...]]:
    """``sql`` (one ``IN ({})``) over ``values`` in chunks the SQLite build allows."""
    import sqlite3

    try:  # SQLite before 3.32 allows 999 variables a statement
        size = min(_CHUNK, engine.store._conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    except (AttributeError, sqlite3.Error):
        size = 999
    out: list[tuple[Any, ...]] = []
    for i in range(0, len(values), size):
        chunk = values[i : i + size]
        out.extend(engine.store._rows(sql.format(",".join("?" * len(chunk))), tuple(chunk)))
    return out


def _walk_up(cols: colmod.Columns, start: Any) -> Any:
    """Every node above ``start`` over ``controls`` edges, with ``start``."""
    from ownergraph.queries.control_arrays import controls_closure

    return controls_closure(cols, start, up=True)


def _edges_in(cols: colmod.Columns, nodes: Any, code: int) -> Any:
    import numpy as np

    from ownergraph.queries.control_arrays import _ranges

    ptr, idx, kind = _np(cols.up_ptr), _np(cols.up_idx), _np(cols.edge_kind)
    nodes = np.asarray(nodes, dtype=np.int64)
    e = idx[_ranges(ptr[nodes], ptr[nodes + 1])]
    if code < 0:  # every link (no holding)
        return e[kind[e] != colmod.HOLDS]
    return e[kind[e] == code]


def _split_cover(shares: float, sole: Any, shared: Any, filed: bool) -> float:
    """How much of a holding its holder has one power over (:meth:`PowerIndex.figures`
    ``covered`` for a holding reached for that power only)."""
    if not filed:
        return shares
    if sole is None and shared is None:
        sole, shared = shares, 0.0
    return min(shares, float(sole or 0.0) + float(shared or 0.0))


def class_rank(
    engine: Engine, node: int, *, min_nodes: int = MIN_NODES, drop_emptied: bool = False
) -> ClassRank | None:
    """The arrays of the class question about ``node`` (a security, or an issuer of one
    class), or ``None`` where this path does not apply (see the module docstring). With
    ``drop_emptied`` (who-controls), holders left at 0 beside holdings that own shares are
    out of the scope, as :func:`queries.control.who_controls` leaves them out."""
    cols = engine.cols
    if cols.node_kind[node] == colmod.SECURITY:
        secs = [node]
    else:
        secs = cols.securities_of(node)
    if len(secs) != 1:
        return None
    sec = secs[0]
    ptr = cols.up_ptr  # (a few holders: no numpy import, the whole scope answers quickly)
    if ptr[sec + 1] - ptr[sec] < min_nodes // 4:
        return None
    import numpy as np

    from ownergraph.queries.control_arrays import _closure, strong_components, unique

    hold_e = _edges_in(cols, [sec], colmod.HOLDS)
    if len(hold_e) < min_nodes // 4:
        return None
    rowid_of = _np(cols.edge_rowid)
    src = _np(cols.edge_src)
    hold_e = hold_e[np.argsort(rowid_of[hold_e], kind="stable")]  # SQLite's order of them
    rid = rowid_of[hold_e].tolist()
    attributes = cols.has_attrs()
    base = _rows(engine, "SELECT rowid, id, document_id" + _BY_ROWID, rid) if attributes else None
    if base is not None and [r[0] for r in base] == rid and len({r[2] for r in base}) == 1:
        # one document: every holding is in force, read from the per-edge arrays
        got = _one_document(engine, hold_e, base, drop_emptied=drop_emptied)
        if got is None:
            return None
        kept, hold_ids, shares, splits, skipped = got
        doc_ids = [base[0][2]]
        hold_node = src[hold_e[kept]]
    else:
        holder_of_rowid = dict(zip(rid, src[hold_e].tolist(), strict=True))
        if base is not None:
            raw = _holding_rows(engine, hold_e, rid, base)
        else:  # a generation written before the per-edge attributes: the rows' JSON
            raw = _rows(engine, f"SELECT rowid, id, document_id, {_HOLDING_JSON}" + _BY_ROWID, rid)
        got_rows = _current_rows(engine, raw, holder_of_rowid, drop_emptied=drop_emptied)
        if got_rows is None:
            return None
        beneficial, skipped, doc_ids = got_rows
        shares = [None if r[3] is None else float(r[3]) for r in beneficial]
        hold_ids = [r[1] for r in beneficial]
        splits = [r[6:10] for r in beneficial]
        hold_node = np.array([holder_of_rowid[r[0]] for r in beneficial], dtype=np.int64)
    known = [s for s in shares if s is not None]
    whole = np.array(known, dtype=np.float64)
    if (whole != np.floor(whole)).any() or sum(known) >= 2.0**53:
        return None  # sums in another order than the library's: whole numbers only
    holders = unique(hold_node)
    nodes = _walk_up(cols, holders)
    n = len(nodes)
    if n < min_nodes:
        return None
    # links: every controls edge into a candidate (its controllers are candidates too)
    link_e = _edges_in(cols, nodes, colmod.CONTROLS)
    u_g, v_g = src[link_e], _np(cols.edge_dst)[link_e]
    keep = u_g != v_g
    link_e, u_g, v_g = link_e[keep], u_g[keep], v_g[keep]
    # whether a link passes one power only or states a power apart (then each power has
    # its own reach), and which powers each passes
    if attributes:
        lflags = _np(cols.edge_flags)[link_e]
        uniform = not (lflags & attrs.APART).any()
        passes = np.stack(
            [(lflags & attrs.PASS_VOTING) != 0, (lflags & attrs.PASS_INVESTMENT) != 0], axis=1
        )
    else:
        uniform, passes = _link_powers(engine, rowid_of[link_e])
    lu = np.searchsorted(nodes, u_g)
    lv = np.searchsorted(nodes, v_g)
    hold_local = np.searchsorted(nodes, hold_node)
    sh = np.array([0.0 if s is None else s for s in shares])
    unknown = np.array([s is None for s in shares], dtype=np.float64)
    # nobody above (a top cycle as a whole), and whether a control cycle is in scope
    ncomp, comp_all = strong_components(n, lu, lv)
    has_parent = np.zeros(ncomp, dtype=bool)
    cross = comp_all[lu] != comp_all[lv]
    has_parent[comp_all[lv[cross]]] = True
    top = ~has_parent[comp_all]
    if uniform:  # both powers follow the same steps: row 11 is the union reached
        comp, owner, hh, _top = _closure(n, lu, lv, hold_local, (ncomp, comp_all))
        agg_c = np.bincount(owner, weights=sh[hh], minlength=ncomp)
        unk_c = np.bincount(owner, weights=unknown[hh], minlength=ncomp)
        aggregate = np.where(unk_c[comp] > 0, np.nan, agg_c[comp])
    else:
        aggregate = _aggregate_powers(n, lu, lv, passes, hold_local, shares, splits)
    return ClassRank(
        sec=sec,
        nodes=nodes,
        aggregate=aggregate,
        top=top,
        cyclic=bool(ncomp < n),
        holders=holders,
        hold_rowids=rid,
        hold_ids=hold_ids,
        hold_shares=shares,
        skipped=skipped,
        documents=set(doc_ids),
        local_u=lu,
        local_v=lv,
    )


def _one_document(
    engine: Engine, hold_e: Any, base: list[tuple[Any, ...]], *, drop_emptied: bool
) -> tuple[Any, list[str], list[float | None], list[tuple[Any, ...]], list[str]] | None:
    """The beneficial holdings of a class whose holdings all come from one document (all
    in force): their positions in ``hold_e``, ids, counts (``None`` unknown) and filed
    splits (sole/shared voting, sole/shared dispositive), and the titles of the derivative
    positions left out; from the per-edge arrays, the split and title read only for the
    holdings that have a split filed or are derivative positions. ``base``: the rows
    ``rowid, id, document_id`` of ``hold_e``, in that order. ``None``: as
    :func:`_current_rows` says."""
    import numpy as np

    cols = engine.cols
    shares = _np(cols.edge_shares)[hold_e]
    flags = _np(cols.edge_flags)[hold_e]
    deriv = (flags & attrs.DERIVATIVE) != 0
    right = (flags & attrs.RIGHT) != 0
    benef = ~deriv | right
    if not benef.any():
        return None
    zero = benef & (shares == 0) & ~right
    if zero.any():
        if not drop_emptied or int(zero.sum()) == int(benef.sum()):
            return None  # holders listed at 0 (attribution, an exit): the whole scope
        benef &= ~zero  # control._emptied
    rowid = _np(cols.edge_rowid)[hold_e]
    more = rowid[((flags & attrs.SPLIT) != 0) | (deriv & ~right)].tolist()
    extra = {r[0]: r[4:] for r in _rows(engine, f"SELECT rowid, {_HOLDING_JSON}" + _BY_ROWID, more)}
    skipped = [extra[r][4] or extra[r][5] for r in rowid[deriv & ~right].tolist()]
    kept = np.flatnonzero(benef)
    none = (None,) * 4
    splits = [extra[r][:4] if r in extra else none for r in rowid[kept].tolist()]
    hold_ids = [base[k][1] for k in kept.tolist()]
    counts = [None if s != s else s for s in shares[kept].tolist()]
    return kept, hold_ids, counts, splits, skipped


def document_ranks(engine: Engine, doc_ids: list[str]) -> dict[str, int]:
    """Each document id's rank, oldest first, in the store's document order
    (``graph.history._order``: the later document's holdings are the ones in force)."""
    from ownergraph.graph.history import _order
    from ownergraph.graph.model import Document, from_dict

    docs = {
        d.id: d
        for d in (
            from_dict(Document, json.loads(b))
            for (b,) in _rows(engine, "SELECT json FROM documents WHERE id IN ({})", doc_ids)
        )
    }
    order = sorted(doc_ids, key=lambda d: _order(docs.get(d)))
    return {d: k for k, d in enumerate(order)}


def _current_rows(
    engine: Engine, raw: list[tuple[Any, ...]], holder_of: dict[int, int], *, drop_emptied: bool
) -> tuple[list[tuple[Any, ...]], list[str], list[str]] | None:
    """The beneficial holdings in force among ``raw`` (rows of ``rowid, id, document_id``
    and :data:`_HOLDING_JSON`; per holder, the latest document's), in id order, the titles
    of the derivative positions left out and the documents; ``None`` where this path does
    not apply (no beneficial holding; holders listed at 0, unless ``drop_emptied`` and
    others own shares)."""
    import numpy as np

    doc_ids = sorted({r[2] for r in raw})
    if len(doc_ids) == 1:  # one document: every holding is in force
        current = sorted(raw, key=itemgetter(1))
    else:
        # in force (no date: every document): per holder, the latest document's holdings
        rank_of = document_ranks(engine, doc_ids)
        h_node = np.array([holder_of[r[0]] for r in raw], dtype=np.int64)
        h_rank = np.array([rank_of[r[2]] for r in raw], dtype=np.int64)
        best = np.full(engine.cols.n_nodes, -1, dtype=np.int64)
        np.maximum.at(best, h_node, h_rank)
        is_current = (best[h_node] == h_rank).tolist()
        current = sorted((r for r, c in zip(raw, is_current, strict=True) if c), key=itemgetter(1))
    beneficial = [r for r in current if not r[4] or r[5]]
    skipped = [r[10] or r[11] for r in current if r[4] and not r[5]]
    if not beneficial:
        return None
    zero = [r for r in beneficial if r[3] is not None and float(r[3]) == 0 and not r[5]]
    if zero:
        if not drop_emptied or len(zero) == len(beneficial):
            return None  # holders listed at 0 (attribution, an exit): the whole scope
        out = {r[0] for r in zero}  # (a row is its rowid)
        beneficial = [r for r in beneficial if r[0] not in out]  # control._emptied
    return beneficial, skipped, doc_ids


def _holding_rows(
    engine: Engine, hold_e: Any, rid: list[int], base: list[tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """The rows of :data:`_HOLDING_JSON` of the holdings ``hold_e`` (rowids ``rid``; their
    ``rowid, id, document_id`` rows ``base``): the count and flags from the per-edge
    arrays, the holder's own split and the title read only for the holdings that have a
    split filed or are derivative positions."""
    cols = engine.cols
    shares = _np(cols.edge_shares)[hold_e].tolist()
    flags = _np(cols.edge_flags)[hold_e].tolist()
    of = {
        r: (None if s != s else s, bool(f & attrs.DERIVATIVE), bool(f & attrs.RIGHT))
        for r, s, f in zip(rid, shares, flags, strict=True)
    }
    more = [
        r
        for r, f in zip(rid, flags, strict=True)
        if f & attrs.SPLIT or (f & attrs.DERIVATIVE and not f & attrs.RIGHT)
    ]
    extra = {r[0]: r[4:] for r in _rows(engine, f"SELECT rowid, {_HOLDING_JSON}" + _BY_ROWID, more)}
    none = (None,) * 6
    return [(r, i, d, *of[r], *extra.get(r, none)) for r, i, d in base]


def _link_powers(engine: Engine, rowids: Any) -> tuple[bool, Any]:
    """Whether no link of ``rowids`` states a power apart, and the (voting, investment)
    each passes (in the order of ``rowids``), read from the rows' JSON (a generation
    without the per-edge attributes)."""
    import numpy as np

    lrow = np.sort(rowids).tolist()
    # the stored JSON (compact, sorted keys) says so without a parse; a row the text test
    # cannot clear is read exactly
    unclear = [
        r[0]
        for r in _rows(
            engine,
            "SELECT rowid FROM links WHERE rowid IN ({}) AND NOT (instr(json, '\"voting\":null')"
            " AND instr(json, '\"investment\":null') AND instr(json, '\"passes\":[]'))",
            lrow,
        )
    ]
    uniform = not _rows(
        engine,
        "SELECT 1 FROM links WHERE rowid IN ({}) AND (json_extract(json, '$.voting') IS NOT NULL"
        " OR json_extract(json, '$.investment') IS NOT NULL"
        " OR coalesce(json_extract(json, '$.passes'), '[]') != '[]')",
        unclear,
    )
    if uniform:
        return True, None
    by_row = {
        r[0]: attrs.passes(*r[1:])
        for r in _rows(
            engine,
            f"SELECT rowid, {attrs.LINK_FIELDS} FROM links WHERE rowid IN ({{}})",  # noqa: S608 - fixed text
            lrow,
        )
    }
    got = [by_row[r] for r in np.asarray(rowids).tolist()]
    return False, np.array(got, dtype=bool).reshape(len(got), 2)


def _aggregate_powers(
    n: int,
    lu: Any,
    lv: Any,
    passes: Any,
    hold_local: Any,
    counts: list[float | None],
    splits: list[tuple[Any, ...]],
) -> Any:
    """Row 11 per candidate when links pass one power only: the union of the holdings
    reached for voting or investment power, a holding reached for one power counting the
    part its holder has that power over (:meth:`queries.powers.PowerIndex.figures`).
    ``counts`` and ``splits`` (sole/shared voting, sole/shared dispositive filed) per
    holding."""
    import numpy as np

    from ownergraph.queries.control_arrays import _closure, _ranges, strong_components, unique

    H = len(counts)
    shares = np.array([0.0 if c is None else float(c) for c in counts])
    unknown = np.array([c is None for c in counts], dtype=np.float64)
    cover = []
    for c, sp in zip(counts, splits, strict=True):
        s = 0.0 if c is None else float(c)
        filed = any(x is not None for x in sp)
        cover.append((_split_cover(s, sp[0], sp[1], filed), _split_cover(s, sp[2], sp[3], filed)))
    cov = np.array(cover).reshape(H, 2)
    codes = []
    for a in (0, 1):
        m = passes[:, a]
        comp, owner, hh, _ = _closure(
            n, lu[m], lv[m], hold_local, strong_components(n, lu[m], lv[m])
        )
        order = np.argsort(owner, kind="stable")
        owner, hh = owner[order], hh[order]
        lo = np.searchsorted(owner, comp)
        hi = np.searchsorted(owner, comp, side="right")
        node = np.repeat(np.arange(n), hi - lo)
        codes.append(unique(node * H + hh[_ranges(lo, hi)]))
    both = unique(np.concatenate(codes))
    in_v = np.isin(both, codes[0])
    in_d = np.isin(both, codes[1])
    x, h = both // H, both % H
    w = np.where(in_v & in_d, shares[h], np.where(in_v, cov[h, 0], cov[h, 1]))
    agg = np.bincount(x, weights=w, minlength=n)
    unk = np.bincount(x, weights=unknown[h], minlength=n)
    return np.where(unk > 0, np.nan, agg)


def _names(engine: Engine, ids: list[str]) -> dict[str, str]:
    """Party names by node id (a merged cluster's node is its kept party's id and name)."""
    return dict(_rows(engine, "SELECT id, name FROM parties WHERE id IN ({})", ids))


def _first(engine: Engine, rank: ClassRank, which: Any, k: int | None) -> list[int] | None:
    """The candidates ``which`` (a mask) in the answer's order (shares, name, id), the
    first ``k`` of them; ``None`` when a name cannot be read here."""
    import numpy as np

    cols = engine.cols
    idx = np.flatnonzero(which)
    vals = np.nan_to_num(rank.aggregate[idx], nan=0.0)
    if k is not None and len(idx) > k:
        cut = np.sort(vals)[::-1][k - 1]
        keep = vals >= cut
        idx, vals = idx[keep], vals[keep]
    ids = [cols.node_id(int(rank.nodes[i])) for i in idx]
    kinds = [cols.node_kind[int(rank.nodes[i])] for i in idx]
    names = _names(engine, [i for i, kd in zip(ids, kinds, strict=True) if kd == colmod.PARTY])
    if any(kd == colmod.PARTY and i not in names for i, kd in zip(ids, kinds, strict=True)):
        return None
    order = sorted(
        range(len(idx)), key=lambda j: (-float(vals[j]), names.get(ids[j], ids[j]), ids[j])
    )
    return [int(idx[j]) for j in order[:k]]


def _shown_graph(
    engine: Engine, rank: ClassRank, subject: int, shown: list[int], *, light: bool = False
) -> Any:
    """The graph of the rows shown: them, everything below them among the candidates,
    every controller of those nodes, their holdings of the class, the subject and class,
    and the documents of the whole scope. ``light``: parties as their id, name, kind and
    identifiers only (:meth:`graph.engine.Engine.subgraph`; who-controls reads no party
    record)."""
    import numpy as np

    from ownergraph.queries.control_arrays import _ranges, unique

    cols = engine.cols
    n = len(rank.nodes)
    order = np.argsort(rank.local_u, kind="stable")
    su, sv = rank.local_u[order], rank.local_v[order]
    ptr = np.searchsorted(su, np.arange(n + 1))
    seen = np.zeros(n, dtype=bool)
    frontier = unique(np.asarray(shown, dtype=np.int64))
    seen[frontier] = True
    while len(frontier):
        nxt = unique(sv[_ranges(ptr[frontier], ptr[frontier + 1])])
        nxt = nxt[~seen[nxt]]
        seen[nxt] = True
        frontier = nxt
    below = rank.nodes[seen]
    ctrl = _edges_in(cols, below, colmod.CONTROLS)
    src = _np(cols.edge_src)
    nodes = {int(x) for x in below} | {int(x) for x in src[ctrl]} | {subject, rank.sec}
    hold = _edges_in(cols, [rank.sec], colmod.HOLDS)
    hold = hold[np.isin(src[hold], below)]
    nodes.update(int(cols.issuer_of[x]) for x in list(nodes) if cols.issuer_of[x] >= 0)
    edges = {int(e) for e in ctrl} | {int(e) for e in hold}
    return engine.subgraph(nodes, edges, documents=rank.documents, light=light)


def _documents_ok(engine: Engine, rank: ClassRank, subject: int) -> bool:
    """No cover page in the scope's documents (a holder's own split and an implied
    denominator read them over every holder): then the rows read nothing else."""
    cols = engine.cols
    sec_id = cols.node_id(rank.sec)
    issuer = cols.issuer_of[rank.sec]
    about = [cols.node_id(issuer)] if issuer >= 0 else []
    rank.documents.update(
        r[0] for r in _rows(engine, "SELECT id FROM documents WHERE issuer_id IN ({})", about)
    )
    rank.documents.update(
        r[0]
        for r in engine.store._rows(
            "SELECT id FROM documents WHERE json_extract(json, '$.security_id') = ?", (sec_id,)
        )
    )
    docs = sorted(rank.documents)
    return not _rows(engine, "SELECT 1 FROM positions WHERE document_id IN ({}) LIMIT 1", docs)


def _fix_count(c: Any, cyclic: bool, ultimate: bool) -> Any:
    """A row's path count as the whole scope gives it: unknown when a control cycle is in
    scope (the row's own graph may hold none)."""
    if not cyclic or c.path_count is None:
        return c
    if ultimate:  # paths listed: their number unless the listing was cut
        count = None if c.paths_truncated else len(c.paths)
        return dataclasses.replace(c, path_count=count)
    return dataclasses.replace(c, path_count=None, paths_truncated=True)


def answer_shown(
    engine: Engine,
    node: int,
    *,
    outstanding: float | None = None,
    top: int,
    min_nodes: int = MIN_NODES,
) -> tuple[Any, int, int] | None:
    """``who_controls_answer`` of a class (``node``: a security or its issuer) with the
    first ``top`` ultimate and intermediate controllers in full (paths listed for the
    ultimate ones, as ``paths_for_top``), and how many of each are left out; ``None``
    where this path does not apply."""
    got = answer_shown_graph(engine, node, outstanding=outstanding, top=top, min_nodes=min_nodes)
    return None if got is None else got[:3]


def answer_shown_graph(
    engine: Engine,
    node: int,
    *,
    outstanding: float | None = None,
    top: int,
    min_nodes: int = MIN_NODES,
) -> tuple[Any, int, int, Any] | None:
    """:func:`answer_shown` and the graph the rows shown were answered on (everything an
    explanation of those rows reads: their holdings, paths and controllers). The cyclic
    collector pauses meanwhile (:func:`graph.engine_records.gc_paused`: the arrays, rows
    and graph made here all stay alive; full collections walking them freed nothing)."""
    with gc_paused():
        return _answer_shown_graph(engine, node, outstanding, top, min_nodes)


def _answer_shown_graph(
    engine: Engine, node: int, outstanding: float | None, top: int, min_nodes: int
) -> tuple[Any, int, int, Any] | None:
    rank = class_rank(engine, node, min_nodes=min_nodes, drop_emptied=True)
    if rank is None or not _documents_ok(engine, rank, node):
        return None
    import numpy as np

    from ownergraph.queries.control import who_controls

    ult = _first(engine, rank, rank.top, top)
    inter = _first(engine, rank, ~rank.top, top)
    if ult is None or inter is None:
        return None
    cols = engine.cols
    G = _shown_graph(engine, rank, node, ult + inter, light=True)
    subject = cols.node_id(node)
    ids = frozenset(cols.node_id(int(rank.nodes[i])) for i in ult)
    wc = who_controls(
        G,
        subject,
        outstanding=outstanding,
        implied_denominator=True,
        paths_for_top=len(G),
        paths_for=ids,
    )
    got = {c.party_id: c for c in (*wc.ultimate, *wc.intermediate)}
    rows = []
    for i, is_top in [(i, True) for i in ult] + [(i, False) for i in inter]:
        c = got.get(cols.node_id(int(rank.nodes[i])))
        want = rank.aggregate[i]
        if c is None or c.ultimate != is_top:
            return None
        if (c.shares is None) != bool(np.isnan(want)) or (
            c.shares is not None and c.shares != float(want)
        ):
            return None  # the arrays and the library disagree: answer on the whole scope
        rows.append(_fix_count(c, rank.cyclic, is_top))
    total = 0.0
    for s in rank.hold_shares:
        if s is None:
            total = None
            break
        total += s
    notes = [x for x in wc.notes if _SKIPPED not in x]
    if rank.skipped:
        notes.insert(
            0,
            f"{len(rank.skipped)} {_SKIPPED}: not a right to acquire within"
            " 60 days, so no beneficial ownership under Rule 13d-3(d)(1)(i)"
            f" ({', '.join(sorted(set(rank.skipped)))})",
        )
    wc = dataclasses.replace(
        wc,
        holding_ids=tuple(sorted(rank.hold_ids)),
        shares=total,
        ultimate=tuple(rows[: len(ult)]),
        intermediate=tuple(rows[len(ult) :]),
        notes=tuple(notes),
    )
    n_top = int(rank.top.sum())
    return wc.to_answer(), n_top - len(ult), len(rank.nodes) - n_top - len(inter), G


def attribution_shown(
    engine: Engine,
    node: int,
    *,
    outstanding: float | None = None,
    top: int,
    min_nodes: int = MIN_NODES,
) -> tuple[Any, Any, int] | None:
    """``attribute`` of a class (``node``: a security or its issuer of one class) with the
    first ``top`` persons in full and no paths explained (as the terminal asks,
    ``max_paths=0``): the :class:`queries.attribution.Attribution` of those rows (its total
    over every holding of the class), its answer, and how many persons are left out;
    ``None`` where this path does not apply. The cyclic collector pauses meanwhile (as
    :func:`answer_shown_graph`)."""
    with gc_paused():
        return _attribution_shown(engine, node, outstanding, top, min_nodes)


def _attribution_shown(
    engine: Engine, node: int, outstanding: float | None, top: int, min_nodes: int
) -> tuple[Any, Any, int] | None:
    rank = class_rank(engine, node, min_nodes=min_nodes)
    if rank is None or not _documents_ok(engine, rank, node):
        return None
    import numpy as np

    from ownergraph.queries.answer_build import answer_of_attribution
    from ownergraph.queries.attribution import Figure, attribute
    from ownergraph.queries.control import RULE_UNION

    shown = _first(engine, rank, np.ones(len(rank.nodes), dtype=bool), top)
    if shown is None:
        return None
    cols = engine.cols
    G = _shown_graph(engine, rank, node, shown)
    att = attribute(G, cols.node_id(rank.sec), outstanding=outstanding, max_paths=0)
    got = {p.party_id: p for p in att.persons}
    persons = []
    for i in shown:
        p = got.get(cols.node_id(int(rank.nodes[i])))
        want = rank.aggregate[i]
        if p is None or p.ultimate != bool(rank.top[i]):
            return None
        value = p.aggregate.value
        if (value is None) != bool(np.isnan(want)) or (value is not None and value != float(want)):
            return None
        if rank.cyclic:
            p = dataclasses.replace(p, path_count=None if p.paths_truncated else len(p.paths))
        persons.append(p)
    total = 0.0
    for s in rank.hold_shares:
        if s is None:
            total = None
            break
        total += s
    ids = tuple(sorted(rank.hold_ids))
    att = dataclasses.replace(
        att,
        total=Figure(total, RULE_UNION, ids, "distinct holdings of the class"),
        persons=tuple(persons),
    )
    answer = dataclasses.replace(answer_of_attribution(att), holding_ids=ids)
    return att, answer, len(rank.nodes) - len(persons)
