"""The store's graph as columns on disk: integer arrays, memory-mapped, never rebuilt on open.

Beside the SQLite file ``x.db`` lives ``x.db.columns/g<N>/``, one generation of the graph:

* ``node_ids.bin`` + ``node_id_off.npy``: every node id (UTF-8, sorted), so a node is its
  rank and an id is found by binary search;
* ``node_kind`` (0 party, 1 security, 2 an edge end that is no record), ``node_rowid``
  (the security's SQLite rowid), ``member_ptr``/``member_rowid`` (the party rows a node
  stands for: one, or several that entity resolution merged), ``issuer_of`` and the
  ``issues_ptr``/``issues_idx`` adjacency (an issuer's classes);
* ``edge_src``, ``edge_dst``, ``edge_kind`` (index into :data:`EDGE_KINDS`), ``edge_rowid``
  (the row in ``holdings`` for ``holds``, else in ``links``), and compressed adjacency both
  ways (``up_ptr``/``up_idx`` by head, ``down_ptr``/``down_idx`` by tail).

Every holding and link is an edge, superseded or not: which are in force (``as_of``, later
amendments) is decided on the records of a question's scope by the same
:mod:`graph.history` functions the whole graph uses, so the columns do not depend on a date.
Node ends are the ids after entity resolution, as in :func:`graph.store.build_graph`.

A load writes the next generation under a temporary name, fsyncs it, renames it to
``g<N>`` and records ``N`` in SQLite (``meta.columns_generation``) in the load's own
transaction; a crash before the commit leaves ``g<N>`` unreferenced (the old generation
stays in force and the next write replaces the debris), a crash after it leaves the new one.
Generations no longer referenced are removed after the commit.

Files are ``.npy`` (``numpy.load(..., mmap_mode="r")`` reads them); this module reads them
without numpy (``mmap`` + ``memoryview.cast``), so a question does not pay numpy's import.
"""

from __future__ import annotations

import ast
import json
import mmap
import os
import shutil
import sqlite3
import struct
from bisect import bisect_left
from pathlib import Path
from typing import Any

from ownergraph.graph import columns_attrs as attrs
from ownergraph.graph.vocab import EdgeKind

#: Integer codes of ``edge_kind``.
EDGE_KINDS: tuple[EdgeKind, ...] = tuple(EdgeKind)
HOLDS = EDGE_KINDS.index(EdgeKind.HOLDS)
CONTROLS = EDGE_KINDS.index(EdgeKind.CONTROLS)
#: Codes of ``node_kind``.
PARTY, SECURITY, BARE = 0, 1, 2
#: The meta key holding the generation in force.
GENERATION_KEY = "columns_generation"
#: The meta key holding the store ``seq`` the generation was built at.
SEQ_KEY = "columns_seq"

_INT64 = ("node_id_off node_rowid member_ptr member_rowid issuer_of issues_ptr issues_idx "
          "edge_src edge_dst edge_rowid up_ptr up_idx down_ptr down_idx").split()  # fmt: skip
_INT8 = ("node_kind", "edge_kind")


def folder_of(store_path: Path) -> Path:
    """The folder of a store's column generations (``x.db`` -> ``x.db.columns``)."""
    return store_path.with_name(store_path.name + ".columns")


# --------------------------------------------------------------------------- reading


def _map_npy(path: Path) -> tuple[memoryview, Any]:
    """A read-only view of a 1-d little-endian ``.npy`` file, mapped (no numpy)."""
    with open(path, "rb") as f:
        head = f.read(12)
        if head[:6] != b"\x93NUMPY":
            raise ValueError(f"{path}: not an .npy file")
        if head[6] == 1:
            (hlen,) = struct.unpack("<H", head[8:10])
            start = 10 + hlen
            header = (head[10:] + f.read(hlen - 2)).decode("latin-1")
        else:
            (hlen,) = struct.unpack("<I", head[8:12])
            start = 12 + hlen
            header = f.read(hlen).decode("latin-1")
        meta = ast.literal_eval(header)
        code = {"<i8": "q", "|i1": "b", "<f8": "d"}[meta["descr"]]
        if meta["fortran_order"] or len(meta["shape"]) != 1:
            raise ValueError(f"{path}: not a 1-d array")
        size = os.fstat(f.fileno()).st_size
        if size == start:  # an empty array: nothing to map
            return memoryview(b"").cast(code), None
        mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    return memoryview(mm)[start:].cast(code), mm


class Columns:
    """One generation of the column graph, mapped read-only (see the module docstring).

    Arrays are attributes (``cols.edge_src[i]``), mapped on first use.
    """

    def __init__(self, folder: Path, generation: int, seq: int) -> None:
        self.folder = folder
        self.generation = generation
        self.seq = seq
        self._maps: list[Any] = []
        self.attributes: bool | None = None  # the per-edge attributes: unknown until read
        with open(folder / "node_ids.bin", "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size:
                mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
                self._maps.append(mm)
                self._blob: Any = mm
            else:
                self._blob = b""

    def __getattr__(self, name: str) -> memoryview:
        if name not in _INT64 and name not in _INT8 and name not in attrs.NAMES:
            raise AttributeError(name)
        view, mm = _map_npy(self.folder / f"{name}.npy")
        if mm is not None:
            self._maps.append(mm)
        self.__dict__[name] = view
        return view

    def has_attrs(self) -> bool:
        """Whether this generation has the per-edge attributes (:mod:`graph.columns_attrs`:
        a generation written before them has not), mapping them if so."""
        if self.attributes is None:
            try:
                for name in attrs.NAMES:
                    getattr(self, name)
                self.attributes = True
            except FileNotFoundError:
                self.attributes = False
        return self.attributes

    def close(self) -> None:
        """Release the mappings."""
        for name in (*_INT64, *_INT8, *attrs.NAMES):
            view = self.__dict__.pop(name, None)
            if view is not None:
                view.release()
        self._blob = b""
        for mm in self._maps:
            try:
                mm.close()
            except BufferError:  # a view still exported by a caller: the GC will close it
                pass
        self._maps = []

    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return len(self.node_kind)

    @property
    def n_edges(self) -> int:
        """Number of edges (every holding and link, superseded or not)."""
        return len(self.edge_src)

    def node_id(self, i: int) -> str:
        """The id of node ``i``."""
        off = self.node_id_off
        return bytes(self._blob[off[i] : off[i + 1]]).decode("utf-8")

    def find(self, node_id: str) -> int | None:
        """The node of an id (binary search over the sorted ids), or ``None``."""
        key = node_id.encode("utf-8")
        n = self.n_nodes
        i = bisect_left(_Ids(self), key, 0, n)
        if i < n and self._id_bytes(i) == key:
            return i
        return None

    def _id_bytes(self, i: int) -> bytes:
        off = self.node_id_off
        return bytes(self._blob[off[i] : off[i + 1]])

    def members(self, i: int) -> list[int]:
        """The party rowids node ``i`` stands for."""
        p = self.member_ptr
        return list(self.member_rowid[p[i] : p[i + 1]])

    def edges_in(self, nodes: Any, kinds: frozenset[int] | None = None) -> list[int]:
        """Edges whose head is in ``nodes`` (of ``kinds``, default every kind)."""
        ptr, idx, kind = self.up_ptr, self.up_idx, self.edge_kind
        out = []
        for n in nodes:
            for k in range(ptr[n], ptr[n + 1]):
                e = idx[k]
                if kinds is None or kind[e] in kinds:
                    out.append(e)
        return out

    def edges_out(self, nodes: Any, kinds: frozenset[int] | None = None) -> list[int]:
        """Edges whose tail is in ``nodes`` (of ``kinds``, default every kind)."""
        ptr, idx, kind = self.down_ptr, self.down_idx, self.edge_kind
        out = []
        for n in nodes:
            for k in range(ptr[n], ptr[n + 1]):
                e = idx[k]
                if kinds is None or kind[e] in kinds:
                    out.append(e)
        return out

    def walk(self, start: Any, kinds: frozenset[int], *, up: bool) -> set[int]:
        """Nodes reachable from ``start`` over edges of ``kinds`` (``start`` excluded
        unless reached again)."""
        ptr, idx = (self.up_ptr, self.up_idx) if up else (self.down_ptr, self.down_idx)
        other = self.edge_src if up else self.edge_dst
        kind = self.edge_kind
        seen: set[int] = set()
        frontier = list(dict.fromkeys(start))
        while frontier:
            nxt = []
            for n in frontier:
                for k in range(ptr[n], ptr[n + 1]):
                    e = idx[k]
                    if kind[e] in kinds:
                        m = other[e]
                        if m not in seen:
                            seen.add(m)
                            nxt.append(m)
            frontier = nxt
        return seen

    def securities_of(self, issuer: int) -> list[int]:
        """The security nodes whose issuer is node ``issuer``."""
        p = self.issues_ptr
        return list(self.issues_idx[p[issuer] : p[issuer + 1]])


class _Ids:
    """The sorted node ids as a sequence of bytes, for :func:`bisect.bisect_left`."""

    def __init__(self, cols: Columns) -> None:
        self._cols = cols

    def __len__(self) -> int:
        return self._cols.n_nodes

    def __getitem__(self, i: int) -> bytes:
        return self._cols._id_bytes(i)


def open_columns(store_path: Path, conn: sqlite3.Connection) -> Columns | None:
    """The generation in force for a store, mapped; ``None`` when the store has none."""
    rows = dict(
        conn.execute(
            "SELECT key, value FROM meta WHERE key IN (?, ?)", (GENERATION_KEY, SEQ_KEY)
        ).fetchall()
    )
    if GENERATION_KEY not in rows:
        return None
    gen = int(rows[GENERATION_KEY])
    folder = folder_of(store_path) / f"g{gen}"
    try:
        cols = Columns(folder, gen, int(rows.get(SEQ_KEY, -1)))
    except FileNotFoundError:
        return None
    try:  # every array mapped now: a load pruning this generation later cannot pull a
        for name in (*_INT64, *_INT8):  # file from under a question half-way through
            getattr(cols, name)
    except FileNotFoundError:
        cols.close()
        return None
    cols.has_attrs()  # mapped now too, where the generation has them
    return cols


# --------------------------------------------------------------------------- writing


#: Rows fetched from SQLite at a time while the columns are built.
FETCH = 1 << 16


def _alias_rows(c: sqlite3.Connection) -> list[tuple[str, str]]:
    """``(merged id, kept id)`` of every merged party (the clusters of the merges)."""
    from types import SimpleNamespace

    from ownergraph.graph.model import Party
    from ownergraph.graph.resolution import clusters
    from ownergraph.graph.vocab import NodeKind

    merges = [
        SimpleNamespace(kept_id=k, merged_id=m)
        for k, m in c.execute("SELECT kept_id, merged_id FROM merges")
    ]
    if not merges:
        return []
    ids = sorted({m.kept_id for m in merges} | {m.merged_id for m in merges})
    idents: dict[str, list[tuple[str, str]]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        q = ",".join("?" * len(chunk))
        for pid, scheme, value in c.execute(
            "SELECT party_id, scheme, value FROM party_identifiers"  # noqa: S608 - placeholders
            f" WHERE scheme IN ('cik', 'lei') AND party_id IN ({q}) ORDER BY party_id, scheme, value",
            chunk,
        ):
            idents.setdefault(pid, []).append((scheme, value))
    ranks = {  # only the identifiers that rank a cluster's kept id are needed
        pid: Party(pid, "", NodeKind.ENTITY, identifiers=tuple(v)) for pid, v in idents.items()
    }
    return sorted(clusters(merges, ranks).items())  # type: ignore[arg-type]


def _write_arrays(
    c: sqlite3.Connection, folder: Path, alias: list[tuple[str, str]] | None = None
) -> dict[str, Any]:
    """Write ``node_ids.bin`` into ``folder`` and return the column arrays of the store's
    content, read through connection ``c``. Ids become ranks through one dictionary of the
    sorted node ids (Python's order of ``str`` is SQLite's ``BINARY`` order of their UTF-8);
    rows are read in rowid order, a fetch chunk at a time, and only the integers are kept."""
    import numpy as np

    kept = dict(_alias_rows(c) if alias is None else alias)
    get = kept.get

    def chunks(sql: str) -> Any:
        cur = c.execute(sql)
        while rows := cur.fetchmany(FETCH):
            yield rows

    ids: set[str] = set()
    for rows in chunks("SELECT id FROM parties"):
        ids.update([get(r[0], r[0]) for r in rows])
    for rows in chunks("SELECT id FROM securities"):
        ids.update([r[0] for r in rows])
    for rows in chunks("SELECT holder_id, security_id FROM holdings"):
        ids.update([get(h, h) for h, _ in rows])
        ids.update([s for _, s in rows])
    for rows in chunks("SELECT controller_id, controlled_id FROM links"):
        for u, v in rows:  # a link merged onto one node is no edge (graph.store.build_graph)
            x, y = get(u, u), get(v, v)
            if x != y:
                ids.add(x)
                ids.add(y)
    order = sorted(ids)
    del ids
    n = len(order)
    rank = {v: i for i, v in enumerate(order)}
    encoded = [v.encode("utf-8") for v in order]
    del order
    off = np.zeros(n + 1, dtype=np.int64)
    if n:
        np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=n), out=off[1:])
    with open(folder / "node_ids.bin", "wb") as f:
        f.write(b"".join(encoded))
        f.flush()
        os.fsync(f.fileno())
    del encoded

    def table(sql: str, width: int, row: Any) -> Any:
        """The int rows ``row(r)`` (or ``None``: left out) of ``sql`` as ``(k, width)``."""
        parts = []
        for rows in chunks(sql):
            out = [x for x in map(row, rows) if x is not None]
            if out:
                parts.append(np.array(out, dtype=np.int64).reshape(-1, width))
        return np.concatenate(parts) if parts else np.empty((0, width), dtype=np.int64)

    kind = np.full(n, BARE, dtype=np.int8)
    node_rowid = np.full(n, -1, dtype=np.int64)
    issuer_of = np.full(n, -1, dtype=np.int64)
    members = table(  # (node, party rowid) in rowid order
        "SELECT rowid, id FROM parties ORDER BY rowid", 2, lambda r: (rank[get(r[1], r[1])], r[0])
    )
    m_node, m_rowid = members[:, 0].copy(), members[:, 1].copy()
    del members
    kind[m_node] = PARTY
    is_party = kind == PARTY
    secs = table(  # (node, rowid, issuer node or -1)
        "SELECT rowid, id, issuer_id FROM securities ORDER BY rowid",
        3,
        lambda r: (rank[r[1]], r[0], rank.get(get(r[2], r[2]), -1)),
    )
    if len(secs):
        kind[secs[:, 0]] = SECURITY
        node_rowid[secs[:, 0]] = secs[:, 1]
        j = secs[:, 2]
        ok = j >= 0
        ok[ok] = is_party[j[ok]]
        issuer_of[secs[ok, 0]] = j[ok]
    del secs
    member_ptr, member_idx = _csr(m_node, n)
    sec_nodes = np.flatnonzero(issuer_of >= 0)
    issues_ptr, order_ = _csr(issuer_of[sec_nodes], n)
    issues_idx = sec_nodes[order_].astype(np.int64)
    h_shares: list[Any] = []
    h_flags: list[int] = []

    def holding(r: tuple[Any, ...]) -> tuple[int, int, int]:
        h_shares.append(r[3])
        h_flags.append(r[4])
        return (r[0], rank[get(r[1], r[1])], rank[r[2]])

    hold_fields, link_flags = attrs.fields(c)  # (the store's row layout)
    hold = table(  # (rowid, holder node, security node); shares and flags beside
        f"SELECT rowid, holder_id, security_id, {hold_fields} FROM holdings"  # noqa: S608 - fixed text
        " ORDER BY rowid",
        3,
        holding,
    )
    code = {k.value: i for i, k in enumerate(EDGE_KINDS)}
    l_flags: list[Any] = []

    def link(r: tuple[Any, ...]) -> tuple[int, int, int, int] | None:
        k = code.get(r[1])
        x, y = rank[get(r[2], r[2])], rank[get(r[3], r[3])]
        if k is None or x == y:
            return None
        l_flags.append(r[4])
        return (r[0], k, x, y)

    lnk = table(  # (rowid, kind code, controller node, controlled node); flags beside
        f"SELECT rowid, kind, controller_id, controlled_id, {link_flags} FROM links"  # noqa: S608 - fixed text
        " ORDER BY rowid",
        4,
        link,
    )
    attrs.fill_apart(c, l_flags, lnk[:, 0].tolist())
    rank.clear()
    src = np.concatenate([hold[:, 1], lnk[:, 2]])
    dst = np.concatenate([hold[:, 2], lnk[:, 3]])
    ekind = np.concatenate([np.full(len(hold), HOLDS, dtype=np.int8), lnk[:, 1].astype(np.int8)])
    erow = np.concatenate([hold[:, 0], lnk[:, 0]])
    shares = np.concatenate(  # (None becomes NaN)
        [np.array(h_shares, dtype=np.float64), np.full(len(lnk), np.nan, dtype=np.float64)]
    )
    flags = np.array(h_flags + l_flags, dtype=np.int8)
    del hold, lnk
    h_shares.clear(), h_flags.clear(), l_flags.clear()
    member_rowid = m_rowid[member_idx] if len(m_rowid) else m_rowid
    return graph_arrays(
        n,
        nodes=(off, kind, node_rowid),
        members=(member_ptr, member_rowid),
        issues=(issuer_of, issues_ptr, issues_idx),
        edges=(src, dst, ekind, erow),
        attributes=(shares, flags),
    )


def graph_arrays(
    n: int,
    *,
    nodes: tuple[Any, Any, Any],
    members: tuple[Any, Any],
    issues: tuple[Any, Any, Any],
    edges: tuple[Any, Any, Any, Any],
    attributes: tuple[Any, Any] | None = None,
) -> dict[str, Any]:
    """The named column arrays of a graph of ``n`` nodes, with its up and down adjacency.

    ``nodes`` = (id offsets, kinds, rowids); ``members`` = (pointers, rowids); ``issues`` =
    (issuer of each node, pointers, indices); ``edges`` = (src, dst, kind, rowid);
    ``attributes`` = (shares, flags) per edge (:mod:`graph.columns_attrs`). The full
    rebuild and the append (:mod:`graph.columns_append`) both end here.
    """
    src, dst, ekind, erow = edges
    up_ptr, up_idx = _csr(dst, n)
    down_ptr, down_idx = _csr(src, n)
    extra = {} if attributes is None else dict(zip(attrs.NAMES, attributes, strict=True))
    return {
        **extra,
        "node_id_off": nodes[0],
        "node_kind": nodes[1],
        "node_rowid": nodes[2],
        "member_ptr": members[0],
        "member_rowid": members[1],
        "issuer_of": issues[0],
        "issues_ptr": issues[1],
        "issues_idx": issues[2],
        "edge_src": src,
        "edge_dst": dst,
        "edge_kind": ekind,
        "edge_rowid": erow,
        "up_ptr": up_ptr,
        "up_idx": up_idx,
        "down_ptr": down_ptr,
        "down_idx": down_idx,
    }


def _csr(keys: Any, n: int) -> tuple[Any, Any]:
    """Row pointers and member indices grouping ``keys`` (stable)."""
    import numpy as np

    keys = np.asarray(keys, dtype=np.int64)
    order = np.argsort(keys, kind="stable").astype(np.int64)
    ptr = np.zeros(n + 1, dtype=np.int64)
    if n:
        np.cumsum(np.bincount(keys, minlength=n), out=ptr[1:])
    return ptr, order


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_generation(store_path: Path, c: sqlite3.Connection, seq: int) -> int:
    """Write the next generation of the columns and record it through ``c``.

    Call inside the write transaction, after the rows are written: the files are complete
    and fsynced under ``g<N>`` before ``meta`` names them, and the caller's COMMIT makes
    them the graph in force (see the module docstring). Returns ``N``.
    """
    import numpy as np

    row = c.execute("SELECT value FROM meta WHERE key=?", (GENERATION_KEY,)).fetchone()
    gen = (int(row[0]) if row else 0) + 1
    root = folder_of(store_path)
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f"tmp-{os.getpid()}-g{gen}"
    final = root / f"g{gen}"
    for p in root.iterdir():  # debris of writes that never committed (we hold the lock)
        if p.name.startswith("tmp-") or (
            p.name.startswith("g") and p.name[1:].isdigit() and int(p.name[1:]) >= gen
        ):
            shutil.rmtree(p, ignore_errors=True)
    tmp.mkdir()
    from ownergraph.graph import columns_append as app

    arrays = None
    alias = _alias_rows(c)
    before = app.load_rows(c)
    row = c.execute("SELECT value FROM meta WHERE key=?", (SEQ_KEY,)).fetchone()
    prev = root / f"g{gen - 1}"
    if before is not None and row is not None and int(row[0]) == seq - 1 and prev.is_dir():
        # the generation in force is the content before this write: append to it
        arrays = app.append_arrays(c, prev, tmp, before, dict(alias))
    if arrays is None:
        arrays = _write_arrays(c, tmp, alias)
    app.write_alias(tmp, dict(alias))
    c.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
        (app.ROWS_KEY, json.dumps(app.table_rows(c))),
    )
    for name, arr in arrays.items():
        with open(tmp / f"{name}.npy", "wb") as f:
            np.save(f, np.ascontiguousarray(arr), allow_pickle=False)
            f.flush()
            os.fsync(f.fileno())
    _fsync_dir(tmp)
    os.rename(tmp, final)
    _fsync_dir(root)
    c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (GENERATION_KEY, str(gen)))
    c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (SEQ_KEY, str(seq)))
    return gen


def prune(store_path: Path, keep: int) -> None:
    """Remove the generations older than ``keep`` (call after the commit).

    Readers holding an older generation keep their mappings (the files stay alive until
    unmapped); a reader that has not mapped it yet re-reads the generation in force.
    """
    root = folder_of(store_path)
    if not root.is_dir():
        return
    for p in root.iterdir():
        if p.name == f"g{keep}":
            continue
        if p.name.startswith("g") and p.name[1:].isdigit() and int(p.name[1:]) < keep:
            shutil.rmtree(p, ignore_errors=True)
