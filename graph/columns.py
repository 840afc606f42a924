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
import mmap
import os
import shutil
import sqlite3
import struct
from bisect import bisect_left
from pathlib import Path
from typing import Any

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
        with open(folder / "node_ids.bin", "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size:
                mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
                self._maps.append(mm)
                self._blob: Any = mm
            else:
                self._blob = b""

    def __getattr__(self, name: str) -> memoryview:
        if name not in _INT64 and name not in _INT8:
            raise AttributeError(name)
        view, mm = _map_npy(self.folder / f"{name}.npy")
        if mm is not None:
            self._maps.append(mm)
        self.__dict__[name] = view
        return view

    def close(self) -> None:
        """Release the mappings."""
        for name in (*_INT64, *_INT8):
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
    return cols


# --------------------------------------------------------------------------- writing


def _arrays(c: sqlite3.Connection) -> tuple[bytes, dict[str, Any]]:
    """The column arrays of the store's content, read through connection ``c``."""
    import json

    import numpy as np

    from ownergraph.graph.model import Party, from_dict
    from ownergraph.graph.resolution import Merge, clusters

    merges = [from_dict(Merge, json.loads(r[0])) for r in c.execute("SELECT json FROM merges")]
    alias: dict[str, str] = {}
    if merges:
        ids = sorted({m.kept_id for m in merges} | {m.merged_id for m in merges})
        parties = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            q = ",".join("?" * len(chunk))
            for (body,) in c.execute(f"SELECT json FROM parties WHERE id IN ({q})", chunk):  # noqa: S608 - placeholders
                p = from_dict(Party, json.loads(body))
                parties[p.id] = p
        alias = clusters(merges, parties)
    party_rows = c.execute("SELECT rowid, id FROM parties").fetchall()
    sec_rows = c.execute("SELECT rowid, id, issuer_id FROM securities").fetchall()
    hold_rows = c.execute("SELECT rowid, holder_id, security_id FROM holdings").fetchall()
    link_rows = c.execute("SELECT rowid, kind, controller_id, controlled_id FROM links").fetchall()
    get = alias.get
    kinds = {k.value: i for i, k in enumerate(EDGE_KINDS)}
    ids_set = {get(pid, pid) for _, pid in party_rows}
    ids_set.update(sid for _, sid, _ in sec_rows)
    ids_set.update(get(h, h) for _, h, _ in hold_rows)
    ids_set.update(s for _, _, s in hold_rows)
    links = [
        (rid, kinds[k], get(a, a), get(b, b))
        for rid, k, a, b in link_rows
        if get(a, a) != get(b, b)  # build_graph drops a link merged onto one node
    ]
    ids_set.update(a for _, _, a, _ in links)
    ids_set.update(b for _, _, _, b in links)
    ids = sorted(ids_set)
    index = {x: i for i, x in enumerate(ids)}
    n = len(ids)
    encoded = [x.encode("utf-8") for x in ids]
    off = np.zeros(n + 1, dtype=np.int64)
    if n:
        np.cumsum([len(b) for b in encoded], out=off[1:])
    kind = np.full(n, 2, dtype=np.int8)
    node_rowid = np.full(n, -1, dtype=np.int64)
    issuer_of = np.full(n, -1, dtype=np.int64)
    m_node = np.array([index[get(pid, pid)] for _, pid in party_rows], dtype=np.int64)
    m_rowid = np.array([r for r, _ in party_rows], dtype=np.int64)
    kind[m_node] = PARTY
    party_nodes = set(m_node.tolist())
    for rowid, sid, issuer in sec_rows:
        i = index[sid]
        kind[i] = SECURITY
        node_rowid[i] = rowid
        j = index.get(get(issuer, issuer))
        if j is not None and j in party_nodes:
            issuer_of[i] = j
    member_ptr, member_idx = _csr(m_node, n)
    secs = np.flatnonzero(issuer_of >= 0)
    issues_ptr, order = _csr(issuer_of[secs], n)
    issues_idx = secs[order].astype(np.int64)
    ne = len(hold_rows) + len(links)
    src = np.empty(ne, dtype=np.int64)
    dst = np.empty(ne, dtype=np.int64)
    ekind = np.empty(ne, dtype=np.int8)
    erow = np.empty(ne, dtype=np.int64)
    h = len(hold_rows)
    src[:h] = [index[get(x, x)] for _, x, _ in hold_rows]
    dst[:h] = [index[s] for _, _, s in hold_rows]
    ekind[:h] = HOLDS
    erow[:h] = [r for r, _, _ in hold_rows]
    src[h:] = [index[a] for _, _, a, _ in links]
    dst[h:] = [index[b] for _, _, _, b in links]
    ekind[h:] = [k for _, k, _, _ in links]
    erow[h:] = [r for r, _, _, _ in links]
    up_ptr, up_idx = _csr(dst, n)
    down_ptr, down_idx = _csr(src, n)
    arrays = {
        "node_id_off": off,
        "node_kind": kind,
        "node_rowid": node_rowid,
        "member_ptr": member_ptr,
        "member_rowid": m_rowid[member_idx] if len(m_rowid) else m_rowid,
        "issuer_of": issuer_of,
        "issues_ptr": issues_ptr,
        "issues_idx": issues_idx,
        "edge_src": src,
        "edge_dst": dst,
        "edge_kind": ekind,
        "edge_rowid": erow,
        "up_ptr": up_ptr,
        "up_idx": up_idx,
        "down_ptr": down_ptr,
        "down_idx": down_idx,
    }
    return b"".join(encoded), arrays


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
    blob, arrays = _arrays(c)
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
    with open(tmp / "node_ids.bin", "wb") as f:
        f.write(blob)
        f.flush()
        os.fsync(f.fileno())
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
