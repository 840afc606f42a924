"""The Rule 13d-5(b) groups of some parties from the column arrays (no graph built).

:func:`stated_group_summaries` gives what :func:`queries.group_view.group_summaries` gives
on the graph with its groups (``Engine.group_summaries``) for groups stated as
``member_of`` links (a tabular graph, an XML 13D/G): each group one of the parties belongs
to, its members, and the distinct union of the holdings the members own under Rule
13d-3 (their own and those below them over ``controls``; per holder and class only the
latest document's), summed per class in holding id order as there. The members' trees
are walked on the mapped columns and only the holdings' share counts, classes and
documents are read from SQLite. ``None`` where this path does not apply (a group from
the box (a) of a cover page, a cover page in a group's document, a merged group node, a
share count that is not a whole number): the caller reads the groups' scope instead.
``tests/test_control_class.py`` compares both.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ownergraph.graph import columns as colmod
from ownergraph.graph.vocab import EdgeKind, NodeKind

if TYPE_CHECKING:
    from ownergraph.graph.engine import Engine


def _down(cols: colmod.Columns, start: Any) -> Any:
    """``start`` and every node below it over ``controls``."""
    from ownergraph.queries.control_arrays import controls_closure

    return controls_closure(cols, start, up=False)


def _out(cols: colmod.Columns, nodes: Any, code: int) -> Any:
    import numpy as np

    from ownergraph.queries.control_arrays import _ranges

    ptr, idx, kind = np.asarray(cols.down_ptr), np.asarray(cols.down_idx), cols.edge_kind
    nodes = np.asarray(nodes, dtype=np.int64)
    e = idx[_ranges(ptr[nodes], ptr[nodes + 1])]
    return e[np.asarray(kind)[e] == code]


def _whole_in_force(
    engine: Engine, hold: Any, seen: dict[int, tuple[str, str]]
) -> tuple[float | None, list[str]] | None:
    """The distinct total and the holding ids (in id order) of the holdings ``hold`` (edge
    indices) when the per-edge counts are written (:mod:`graph.columns_attrs`), every
    holding comes from one document (all in force) and the counts are whole numbers (their
    sum is then exact in any order, as the per-class sums in id order give it); else
    ``None``. ``seen`` keeps the rows read for the groups before."""
    cols = engine.cols
    if not cols.has_attrs():
        return None
    import numpy as np

    from ownergraph.queries.control_class import _rows as rows_in

    rowid = np.asarray(cols.edge_rowid)[hold].tolist()
    need = [r for r in rowid if r not in seen]
    for r, i, d in rows_in(
        engine, "SELECT rowid, id, document_id FROM holdings WHERE rowid IN ({})", need
    ):
        seen[r] = (i, d)
    got = [seen[r] for r in rowid]
    if len({d for _, d in got}) > 1:
        return None  # several documents: which are in force is read row by row
    shares = np.asarray(cols.edge_shares)[hold]
    ids = sorted([x[0] for x in got])
    if np.isnan(shares).any():
        return None, ids
    if not (shares == np.floor(shares)).all() or float(np.abs(shares).sum()) >= 2.0**53:
        return None
    return float(shares.sum()), ids


def stated_group_summaries(engine: Engine, party_ids: Iterable[str]) -> list[Any] | None:
    """The ``member_of`` groups of ``party_ids`` as
    :func:`queries.group_view.group_summaries` gives them (see the module docstring), or
    ``None`` where this path does not apply."""
    cols = engine.cols
    start = sorted({n for n in (cols.find(p) for p in party_ids) if n is not None})
    if not start:
        return []
    docs, _members = engine.box_a(set(start))
    if docs:
        return None  # box (a) groups: read from their cover pages
    member_of = colmod.EDGE_KINDS.index(EdgeKind.MEMBER_OF)
    if not cols.edges_out(start, frozenset({member_of})):
        return []  # in no stated group (no numpy import for a small question)
    import numpy as np

    from ownergraph.queries.control_arrays import unique
    from ownergraph.queries.control_class import _edges_in, document_ranks
    from ownergraph.queries.control_class import _rows as rows_in
    from ownergraph.queries.group_view import GroupSummary

    src, dst = np.asarray(cols.edge_src), np.asarray(cols.edge_dst)
    gnodes = unique(dst[_out(cols, start, member_of)])
    if not len(gnodes):
        return []
    info = {
        r[0]: r[1:]
        for r in rows_in(
            engine, "SELECT id, name, kind, json FROM parties WHERE id IN ({})",
            [cols.node_id(int(g)) for g in gnodes],
        )
    }  # fmt: skip
    out = []
    seen: dict[int, tuple[str, str]] = {}  # holding rowid -> (id, document id), read once
    for g in gnodes.tolist():
        gid = cols.node_id(g)
        if gid not in info or info[gid][1] != NodeKind.GROUP.value:
            continue  # not a group node: no group (as groups() reads the graph)
        if len(cols.members(g)) != 1:
            return None
        medges = _edges_in(cols, [g], member_of)
        members = unique(src[medges])
        member_ids = sorted(cols.node_id(int(m)) for m in members)
        names = dict(rows_in(engine, "SELECT id, name FROM parties WHERE id IN ({})", member_ids))
        if any(m not in names for m in member_ids):
            return None
        prov = json.loads(info[gid][2]).get("provenance") or []
        doc = prov[0].get("document_id") if prov else None
        if doc is None:  # the graph's first edge into the group: the least link id
            into = _edges_in(cols, [g], -1)
            rows = rows_in(
                engine,
                "SELECT id, document_id FROM links WHERE rowid IN ({})",
                np.asarray(cols.edge_rowid)[into].tolist(),
            )
            doc = min(rows)[1] if rows else None
        if doc is not None and engine.store._rows(
            "SELECT 1 FROM positions WHERE document_id=? LIMIT 1", (doc,)
        ):
            return None
        below = _down(cols, members)
        hold = _out(cols, below, colmod.HOLDS)
        fast = _whole_in_force(engine, hold, seen)
        if fast is not None:
            out.append(
                GroupSummary(
                    group_id=gid,
                    name=info[gid][0],
                    basis="stated",
                    document_id=doc,
                    members=tuple(member_ids),
                    member_names=tuple(names[m] for m in member_ids),
                    shares=fast[0],
                    holding_ids=tuple(fast[1]),
                    filed_sum=None,
                )
            )
            continue
        rowid = np.asarray(cols.edge_rowid)[hold].tolist()
        key_of = dict(zip(rowid, zip(src[hold].tolist(), dst[hold].tolist(), strict=True),
                          strict=True))  # fmt: skip
        if cols.has_attrs():  # the counts from the per-edge arrays (graph.columns_attrs)
            count = dict(zip(rowid, np.asarray(cols.edge_shares)[hold].tolist(), strict=True))
            raw = [
                (r, i, d, None if count[r] != count[r] else count[r])
                for r, i, d in rows_in(
                    engine, "SELECT rowid, id, document_id FROM holdings WHERE rowid IN ({})", rowid
                )
            ]
        else:
            raw = rows_in(
                engine,
                "SELECT rowid, id, document_id, json_extract(json, '$.shares') FROM holdings"
                " WHERE rowid IN ({})",
                rowid,
            )
        doc_ids = sorted({r[2] for r in raw})
        if len(doc_ids) <= 1:  # one document: every holding is in force
            current = sorted(raw, key=itemgetter(1))
        else:
            rank = document_ranks(engine, doc_ids)
            best: dict[tuple[int, int], int] = {}
            for r in raw:
                k = key_of[r[0]]
                best[k] = max(best.get(k, -1), rank[r[2]])
            current = sorted(
                (r for r in raw if rank[r[2]] == best[key_of[r[0]]]), key=itemgetter(1)
            )
        by_sec: dict[int, float | None] = {}
        for r in current:
            sec = key_of[r[0]][1]
            cur = by_sec.get(sec, 0.0)
            by_sec[sec] = None if cur is None or r[3] is None else cur + float(r[3])
        shares: float | None = 0.0
        for v in by_sec.values():
            shares = None if shares is None or v is None else shares + v
        out.append(
            GroupSummary(
                group_id=gid,
                name=info[gid][0],
                basis="stated",
                document_id=doc,
                members=tuple(member_ids),
                member_names=tuple(names[m] for m in member_ids),
                shares=shares,
                holding_ids=tuple(r[1] for r in current),
                filed_sum=None,
            )
        )
    return sorted(out, key=lambda s: s.group_id)
