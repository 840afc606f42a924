"""The next column generation from the one in force plus the rows a load added (issue 13).

A load that only adds rows (new parties, classes, holdings and links; parties it updates
keep their rowid and their node) writes its generation from the previous one's arrays:
new node ids are slotted into the sorted ids, old indices shifted, the new members and
edges appended in rowid order, and the adjacency re-grouped with numpy. The result equals
the full rebuild (:func:`graph.columns._write_arrays`) array for array; the generation is
written, fsynced and swapped exactly as a full one, so a crash leaves the old or the new
graph.

It falls back (returns ``None``) whenever the previous generation is not the content
before this transaction, a row was replaced or removed (counts and largest rowids kept in
``meta.columns_rows`` say so), a merge moved an existing node, or so many ids are new that
the full rebuild is as cheap, or the previous generation was written before the per-edge
attributes (:mod:`graph.columns_attrs`: the full rebuild writes them once).
"""

from __future__ import annotations

import json
import os
import sqlite3
from bisect import bisect_left
from pathlib import Path
from typing import Any

from ownergraph.graph import columns_attrs as attrs

#: The meta key with the row counts and largest rowids the generation in force was built on.
ROWS_KEY = "columns_rows"
TABLES = ("parties", "securities", "holdings", "links")
#: The generation's alias map (merged id -> kept id), JSON.
ALIAS_FILE = "alias.json"
#: Above this many new node ids (or a quarter of the old ones) the full rebuild is used.
MAX_NEW = 50_000


def table_rows(c: sqlite3.Connection) -> dict[str, list[int]]:
    """``{table: [row count, largest rowid]}`` of the tables the columns are built from."""
    out = {}
    for t in TABLES:
        n, m = c.execute(f"SELECT count(*), coalesce(max(rowid), 0) FROM {t}").fetchone()  # noqa: S608 - fixed names
        out[t] = [int(n), int(m)]
    return out


def append_arrays(
    c: sqlite3.Connection,
    old_folder: Path,
    new_folder: Path,
    before: dict[str, list[int]],
    alias: dict[str, str],
) -> dict[str, Any] | None:
    """The arrays of the store's content from the generation in ``old_folder`` (built on
    the rows ``before``) plus the rows added since; ``node_ids.bin`` is written into
    ``new_folder``. ``None`` when only a full rebuild is right (see the module docstring)."""
    import numpy as np

    from ownergraph.graph.columns import (
        BARE,
        EDGE_KINDS,
        HOLDS,
        PARTY,
        SECURITY,
        Columns,
        _csr,
        graph_arrays,
    )

    now = table_rows(c)
    new_rows = {}
    for t in TABLES:
        cnt, top = before[t]
        (added,) = c.execute(f"SELECT count(*) FROM {t} WHERE rowid > ?", (top,)).fetchone()  # noqa: S608 - fixed names
        if now[t][0] != cnt + added:  # a row replaced or removed: rebuild
            return None
        new_rows[t] = top
    old = Columns(old_folder, 0, 0)
    try:
        if not old.has_attrs():  # written before the per-edge attributes: write them once
            return None
        arr = {name: np.load(old_folder / f"{name}.npy", mmap_mode="r") for name in _NAMES}
        n = len(arr["node_kind"])
        # an existing node must stay: a merge that moved one needs the full rebuild
        m_node_old = np.repeat(np.arange(n, dtype=np.int64), np.diff(arr["member_ptr"]))
        prev_alias = _read_alias(old_folder)
        if prev_alias is None:
            return None
        for x, k in prev_alias.items():
            if alias.get(x) != k:  # unmerged, or merged elsewhere
                return None
        for x in alias:
            if x not in prev_alias and old.find(x) is not None:  # an old node merged away
                return None
        get = alias.get
        parties = c.execute(
            "SELECT rowid, id FROM parties WHERE rowid > ? ORDER BY rowid", (new_rows["parties"],)
        ).fetchall()
        secs = c.execute(
            "SELECT rowid, id, issuer_id FROM securities WHERE rowid > ? ORDER BY rowid",
            (new_rows["securities"],),
        ).fetchall()
        hold_fields, link_flags = attrs.fields(c)  # (the store's row layout)
        hold_rows = c.execute(
            f"SELECT rowid, holder_id, security_id, {hold_fields} FROM holdings"  # noqa: S608 - fixed text
            " WHERE rowid > ? ORDER BY rowid",
            (new_rows["holdings"],),
        ).fetchall()
        hold = [r[:3] for r in hold_rows]
        kinds = {k.value: i for i, k in enumerate(EDGE_KINDS)}
        links = [
            (r, kinds[k], get(a, a), get(b, b), f)
            for r, k, a, b, f in c.execute(
                f"SELECT rowid, kind, controller_id, controlled_id, {link_flags}"  # noqa: S608 - fixed text
                " FROM links WHERE rowid > ? ORDER BY rowid",
                (new_rows["links"],),
            )
            if get(a, a) != get(b, b)
        ]
        l_flags = [f for *_, f in links]
        attrs.fill_apart(c, l_flags, [r for r, *_ in links])
        ids = {get(p, p) for _, p in parties} | {s for _, s, _ in secs}
        ids.update(get(h, h) for _, h, _ in hold)
        ids.update(s for _, _, s in hold)
        ids.update(x for _, _, a, b, _ in links for x in (a, b))
        fresh = sorted(x for x in ids if old.find(x) is None)
        if len(fresh) > min(MAX_NEW, max(1000, n // 4)):
            return None
        ids_view = _SortedIds(old)
        ins = np.array([bisect_left(ids_view, x.encode("utf-8")) for x in fresh], dtype=np.int64)
        shift = np.searchsorted(ins, np.arange(n, dtype=np.int64), side="right")
        old_to_new = np.arange(n, dtype=np.int64) + shift
        n2 = n + len(fresh)
        # node ids: the old blob with the new ids slotted in
        off = arr["node_id_off"]
        enc = [x.encode("utf-8") for x in fresh]
        lens = np.diff(off).astype(np.int64)
        new_lens = np.insert(lens, ins, np.array([len(e) for e in enc], dtype=np.int64))
        off2 = np.zeros(n2 + 1, dtype=np.int64)
        np.cumsum(new_lens, out=off2[1:])
        blob = old._blob
        with open(new_folder / "node_ids.bin", "wb") as f:
            start = 0
            for p, e in zip(ins.tolist(), enc, strict=True):
                f.write(blob[int(off[start]) : int(off[p])])
                f.write(e)
                start = p
            f.write(blob[int(off[start]) : int(off[n])])
            f.flush()
            os.fsync(f.fileno())
        index: dict[str, int] = {x: int(ins[j] + j) for j, x in enumerate(fresh)}

        def node(x: str) -> int:
            i = index.get(x)
            if i is None:
                i = int(old_to_new[old.find(x)])
                index[x] = i
            return i

        kind = np.insert(np.asarray(arr["node_kind"]), ins, BARE).astype(np.int8)
        node_rowid = np.insert(np.asarray(arr["node_rowid"]), ins, -1).astype(np.int64)
        issuer_of = np.asarray(arr["issuer_of"]).copy()
        issuer_of[issuer_of >= 0] = old_to_new[issuer_of[issuer_of >= 0]]
        issuer_of = np.insert(issuer_of, ins, -1).astype(np.int64)
        # members: (node, rowid), grouped by node in rowid order as the full build does
        pm_node = np.array([node(get(p, p)) for _, p in parties], dtype=np.int64)
        pm_rowid = np.array([r for r, _ in parties], dtype=np.int64)
        m_node = np.concatenate([old_to_new[m_node_old], pm_node])
        m_rowid = np.concatenate([np.asarray(arr["member_rowid"]), pm_rowid])
        was_party = kind == PARTY
        kind[pm_node] = PARTY
        if len(secs):
            s_node = np.array([node(s) for _, s, _ in secs], dtype=np.int64)
            kind[s_node] = SECURITY
            node_rowid[s_node] = [r for r, _, _ in secs]
        # classes whose issuer is a party now (a new class, or a new party an old class names)
        became = {get(p, p) for _, p in parties}
        became = {x for x in became if not was_party[node(x)]}
        named = sorted(became | {x for x, k in alias.items() if k in became})
        targets = [(r, s, i) for r, s, i in secs]
        for chunk in _chunks(named):
            q = ",".join("?" * len(chunk))
            targets += c.execute(
                f"SELECT rowid, id, issuer_id FROM securities WHERE rowid <= ? AND issuer_id IN ({q})",  # noqa: S608
                (new_rows["securities"], *chunk),
            ).fetchall()
        for _, s, issuer in targets:
            j = index.get(get(issuer, issuer))
            if j is None:
                k = old.find(get(issuer, issuer))
                j = None if k is None else int(old_to_new[k])
            if j is not None and kind[j] == PARTY:
                issuer_of[node(s)] = j
        order = np.lexsort((m_rowid, m_node))
        member_rowid = m_rowid[order]
        member_ptr = np.zeros(n2 + 1, dtype=np.int64)
        np.cumsum(np.bincount(m_node, minlength=n2), out=member_ptr[1:])
        sec_nodes = np.flatnonzero(issuer_of >= 0)
        issues_ptr, o2 = _csr(issuer_of[sec_nodes], n2)
        issues_idx = sec_nodes[o2].astype(np.int64)
        h_old = before["holdings"][0]
        src_o = old_to_new[np.asarray(arr["edge_src"])]
        dst_o = old_to_new[np.asarray(arr["edge_dst"])]
        ek_o = np.asarray(arr["edge_kind"])
        er_o = np.asarray(arr["edge_rowid"])
        h_src = np.array([node(get(h, h)) for _, h, _ in hold], dtype=np.int64)
        h_dst = np.array([node(s) for _, _, s in hold], dtype=np.int64)
        l_src = np.array([node(a) for _, _, a, _, _ in links], dtype=np.int64)
        l_dst = np.array([node(b) for _, _, _, b, _ in links], dtype=np.int64)
        src = np.concatenate([src_o[:h_old], h_src, src_o[h_old:], l_src])
        dst = np.concatenate([dst_o[:h_old], h_dst, dst_o[h_old:], l_dst])
        ekind = np.concatenate(
            [
                ek_o[:h_old],
                np.full(len(hold), HOLDS, dtype=np.int8),
                ek_o[h_old:],
                np.array([k for _, k, _, _, _ in links], dtype=np.int8),
            ]
        ).astype(np.int8)
        erow = np.concatenate(
            [
                er_o[:h_old],
                np.array([r for r, _, _ in hold], dtype=np.int64),
                er_o[h_old:],
                np.array([r for r, _, _, _, _ in links], dtype=np.int64),
            ]
        ).astype(np.int64)
        sh_o, fl_o = np.asarray(arr["edge_shares"]), np.asarray(arr["edge_flags"])
        shares = np.concatenate(
            [
                sh_o[:h_old],
                np.array([r[3] for r in hold_rows], dtype=np.float64),
                sh_o[h_old:],
                np.full(len(links), np.nan, dtype=np.float64),
            ]
        )
        flags = np.concatenate(
            [
                fl_o[:h_old],
                np.array([r[4] for r in hold_rows], dtype=np.int8),
                fl_o[h_old:],
                np.array(l_flags, dtype=np.int8),
            ]
        ).astype(np.int8)
        del arr
    finally:
        old.close()
    return graph_arrays(
        n2,
        nodes=(off2, kind, node_rowid),
        members=(member_ptr, member_rowid),
        issues=(issuer_of, issues_ptr, issues_idx),
        edges=(src, dst, ekind, erow),
        attributes=(shares, flags),
    )


_NAMES = (
    "node_id_off node_kind node_rowid member_ptr member_rowid issuer_of edge_src edge_dst "
    "edge_kind edge_rowid edge_shares edge_flags"
).split()


def _span(arr: dict[str, Any], i: int) -> range:
    p = arr["member_ptr"]
    return range(int(p[i]), int(p[i + 1]))


def _chunks(items: list[Any], n: int = 500) -> Any:
    for i in range(0, len(items), n):
        yield items[i : i + n]


class _SortedIds:
    """The old generation's sorted ids as bytes, for :func:`bisect.bisect_left`."""

    def __init__(self, cols: Any) -> None:
        self._cols = cols

    def __len__(self) -> int:
        return self._cols.n_nodes

    def __getitem__(self, i: int) -> bytes:
        return self._cols._id_bytes(i)


def load_rows(c: sqlite3.Connection) -> dict[str, list[int]] | None:
    """The rows the generation in force was built on (``None`` if not recorded)."""
    row = c.execute("SELECT value FROM meta WHERE key=?", (ROWS_KEY,)).fetchone()
    return json.loads(row[0]) if row else None


def _read_alias(folder: Path) -> dict[str, str] | None:
    try:
        return json.loads((folder / ALIAS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_alias(folder: Path, alias: dict[str, str]) -> None:
    """Keep the generation's merged-id -> kept-id map beside its arrays (the next append
    compares against it)."""
    with open(folder / ALIAS_FILE, "w", encoding="utf-8") as f:
        json.dump(alias, f, sort_keys=True, separators=(",", ":"))
        f.flush()
        os.fsync(f.fileno())
