"""A bulk path for the tabular format: a compact column index, records made on demand.

The per-record path (``loaders.tabular.parse_dir`` then ``graph.store.build_graph``, or
``Store.load``) turns every row into a frozen dataclass and a networkx edge: about 30 µs
and 2 KB per edge, a minute and several GB at a million parties. This module reads the same
two files once into numpy columns (about 60 bytes per edge): the graph node id of each row,
edge endpoints and kinds, share counts and stakes, each row's byte offset and line number,
and compressed adjacency (CSR) both ways.

Answers still come from the library's own query functions. A question about a subject only
reads a small part of the graph; :meth:`CompactGraph.control_scope` finds that part with a
vectorised walk over the CSR arrays, the rows in it are parsed again (``os.pread`` at their
offsets) into exactly the records ``loaders.tabular`` makes, and
:func:`graph.store.build_graph` builds a networkx graph of them for
``queries.control.who_controls`` or the 13d-3 attribution. ``tests/test_bench.py`` checks on
a generated graph that the answers equal those on the full graph from ``parse_dir``.

Every row is validated at load the way ``loaders.tabular`` validates it (kinds, roles,
instruments, numbers, dates, duplicate and dangling ids), so the bulk path accepts exactly
the files the record path accepts; repeated values are checked once. A plain edges file
(ASCII, no quote or space, as generated) is read with numpy over its bytes
(:class:`_FastEdges`); entities are split into records at once (:func:`_rows_bulk`) and
checked by columns. Anything else, and any file with a row to refuse, is read row by row,
which raises the same :class:`graph.errors.InputError` (file, line, column).

For the numbers alone (sole, shared, aggregate, own rights, who is ultimate),
:meth:`CompactGraph.control_numbers` hands the scope's integer columns to
:func:`queries.control.control_numbers` and makes no record at all.

>>> import tempfile
>>> from ownergraph.benchmarks.generator import generate
>>> info = generate(1000, tempfile.mkdtemp(), seed=3)
>>> cg = load_compact(info.entities_path, info.edges_path)
>>> cg.n_edges == info.edges
True
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import hashlib
import os
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ownergraph.graph.clean import parse_date
from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import document_id, party_id, security_id
from ownergraph.graph.model import Document, Holding, Link, Party, Provenance, Security
from ownergraph.graph.store import build_graph
from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Power, Role, SourceFormat
from ownergraph.loaders.tabular import _DEFAULT_ROLE, _bool, _enum, _num, edge_record

FORMAT = SourceFormat.TABULAR

#: Integer codes of node kinds in :attr:`CompactGraph.node_kind`.
NODE_KINDS: tuple[NodeKind, ...] = tuple(NodeKind)
#: Integer codes of edge kinds in :attr:`CompactGraph.edge_kind`.
EDGE_KINDS: tuple[EdgeKind, ...] = tuple(EdgeKind)
_NK = {k.value: i for i, k in enumerate(NODE_KINDS)}
_EK = {k.value: i for i, k in enumerate(EDGE_KINDS)}
SECURITY = _NK[NodeKind.SECURITY.value]
HOLDS = _EK[EdgeKind.HOLDS.value]
CONTROLS = _EK[EdgeKind.CONTROLS.value]
OWNS = _EK[EdgeKind.OWNS.value]
#: Codes of :attr:`CompactGraph.edge_role` and (shifted by one) :attr:`CompactGraph.edge_power`.
ROLES: tuple[Role, ...] = tuple(Role)
POWERS: tuple[Power, ...] = tuple(Power)
_ROLE_CODE = {r: i for i, r in enumerate(ROLES)}
_POWER_CODE = {p: i + 1 for i, p in enumerate(POWERS)}


def _role_code(value: str, kind: int) -> int:
    """The role code of a link row (a blank role is the loader's default for the kind)."""
    if not value:
        return _ROLE_CODE[_DEFAULT_ROLE.get(EDGE_KINDS[kind], Role.OTHER)]
    return _ROLE_CODE[_member(Role, value, "", 0, "role")]


def _power_code(value: str) -> int:
    """0 for a blank power, else 1 + its index in :data:`POWERS`."""
    return _POWER_CODE[_member(Power, value, "", 0, "power")] if value else 0


def _rights(instrument: str, rta: str) -> bool:
    """``Holding.right_to_acquire`` as ``loaders.tabular`` sets it."""
    inst = _member(Instrument, instrument, "", 0, "instrument") if instrument else Instrument.COMMON
    flag = _bool(rta, "", 0, "right_to_acquire")
    return inst.is_right_to_acquire if flag is None else flag


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, int, list[str]]]:
    """``(byte offset, line number, fields)`` of the header and each data row.

    Reads as ``loaders.tabular`` does through ``csv.DictReader``: the line number is the
    reader's ``line_num`` after the row (what goes into provenance), blank rows are skipped,
    short rows padded, fields stripped. Lines without a quote are split on commas directly;
    a quoted record (which may span lines) goes through :mod:`csv`. Lines end in ``\\n`` or
    ``\\r\\n``.
    """
    spath = str(path)
    pos = 0
    line = 0
    width = 0
    with path.open("rb") as fp:
        pending: list[bytes] = []
        start = 0
        for raw in fp:
            if not pending:
                start = pos
            pos += len(raw)
            line += 1
            if pending or b'"' in raw:
                pending.append(raw)
                if b"".join(pending).count(b'"') % 2:
                    continue  # a quoted field goes on over the next line
                raw = b"".join(pending)
                pending = []
                text = _decode(raw, spath, line)
                try:
                    rows = list(csv.reader(text.splitlines(True)))
                except csv.Error as exc:
                    raise InputError(spath, f"line {line}", f"bad CSV: {exc}") from exc
                fields = rows[0] if rows else []
                quoted = True
            else:
                quoted = False
                text = _decode(raw, spath, line)
                if line == 1 and text.startswith("\ufeff"):
                    text = text[1:]
                text = text.rstrip("\r\n")
                fields = text.split(",") if text else []
            if line == 1 or width == 0:
                header = [c.strip() for c in fields]
                missing = [c for c in required if c not in header]
                if missing:
                    raise InputError(spath, "line 1", f"missing columns: {', '.join(missing)}")
                width = len(header)
                yield 0, line, header
                continue
            if not fields:
                continue
            if len(fields) > width:
                raise InputError(spath, f"line {line}", "more fields than the header")
            if len(fields) < width:
                fields = fields + [""] * (width - len(fields))
            if quoted or _WS.search(text):
                fields = [f.strip() for f in fields]
            yield start, line, fields
        if pending:
            raise InputError(spath, f"line {line}", "bad CSV: unexpected end of data")
    if width == 0:
        raise InputError(spath, "line 1", f"missing columns: {', '.join(required)}")


def _rows_bulk(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, int, list[str]]]:
    """What :func:`_rows` yields, read at once: for an ASCII file with ``\\n`` line ends.

    Records end at the newlines with an even number of quotes before them (a quoted field
    may span lines, as in ``_rows``); offsets and line numbers (the record's last physical
    line) come from numpy over the bytes; each record is split on commas, or by :mod:`csv`
    when it has a quote. Any other file goes through :func:`_rows`.
    """
    data = path.read_bytes()
    if not data.isascii() or b"\r" in data or b"\x00" in data or data.count(b'"') % 2:
        yield from _rows(path, required)
        return
    buf = np.frombuffer(data, dtype=np.uint8)
    nl = np.flatnonzero(buf == 10)
    quotes = np.flatnonzero(buf == 34)
    ends = nl[np.searchsorted(quotes, nl) % 2 == 0] if len(quotes) else nl
    if not len(nl) or not len(ends) or ends[0] != nl[0]:  # the header is one line
        yield from _rows(path, required)
        return
    starts = np.concatenate([np.zeros(1, dtype=np.int64), ends + 1]).tolist()
    stops = np.append(ends + 1, len(data)).tolist()
    lines = (np.searchsorted(nl, np.append(ends, len(data))) + 1).tolist()
    if starts[-1] == len(data):
        starts, stops, lines = starts[:-1], stops[:-1], lines[:-1]
    text = data.decode("ascii")
    del data, buf
    rows = _rows(path, required)
    head = next(rows)  # the header, checked as there
    rows.close()
    yield head
    width = len(head[2])
    spath = str(path)
    ws = _WS.search
    for a, b, line in zip(starts[1:], stops[1:], lines[1:], strict=True):
        rec = text[a:b]
        if '"' in rec:
            try:
                got = list(csv.reader(rec.splitlines(True)))
            except csv.Error as exc:
                raise InputError(spath, f"line {line}", f"bad CSV: {exc}") from exc
            fields = [f.strip() for f in (got[0] if got else [])]
        else:
            rec = rec.rstrip("\n")
            fields = rec.split(",") if rec else []
            if ws(rec):
                fields = [f.strip() for f in fields]
        if not fields:
            continue
        if len(fields) > width:
            raise InputError(spath, f"line {line}", "more fields than the header")
        if len(fields) < width:
            fields = fields + [""] * (width - len(fields))
        yield a, line, fields


_WS = re.compile(r"\s")


def _decode(raw: bytes, path: str, line: int) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"line {line}", "not UTF-8 text") from exc


def _sha(*paths: Path) -> str:
    h = hashlib.sha256()
    for i, p in enumerate(paths):
        if i:
            h.update(b"\x00")
        with p.open("rb") as fp:
            while chunk := fp.read(1 << 22):
                h.update(chunk)
    return h.hexdigest()


def _csr(keys: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Row pointers and edge indices grouping edges by ``keys`` (stable)."""
    order = np.argsort(keys, kind="stable").astype(np.int32)
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=n), out=ptr[1:])
    return ptr, order


def _gather(ptr: np.ndarray, idx: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """The concatenated CSR rows of ``nodes``."""
    starts = ptr[nodes]
    lens = ptr[nodes + 1] - starts
    total = int(lens.sum())
    if total == 0:
        return np.empty(0, dtype=idx.dtype)
    shift = np.repeat(starts - (np.cumsum(lens) - lens), lens)
    return idx[shift + np.arange(total)]


@dataclass
class CompactGraph:
    """The tabular graph as numpy columns; see the module docstring.

    Nodes are the rows of ``entities.csv`` in file order, edges the rows of ``edges.csv``.
    ``up_ptr``/``up_idx`` list each node's incoming edges, ``down_ptr``/``down_idx`` its
    outgoing ones. ``edge_shares`` is NaN where unknown or not a holding; ``edge_lo`` and
    ``edge_hi`` are a stake's bounds in percent (NaN where unknown or not a stake).
    """

    entities_path: Path
    edges_path: Path
    document: Document
    ids: list[str]
    index: dict[str, int]
    node_kind: np.ndarray
    node_off: np.ndarray
    node_line: np.ndarray
    edge_src: np.ndarray
    edge_dst: np.ndarray
    edge_kind: np.ndarray
    edge_off: np.ndarray
    edge_line: np.ndarray
    edge_shares: np.ndarray
    edge_lo: np.ndarray
    edge_hi: np.ndarray
    up_ptr: np.ndarray
    up_idx: np.ndarray
    down_ptr: np.ndarray
    down_idx: np.ndarray
    issuer_of: np.ndarray  # node index of each security's issuer, -1 for parties
    edge_role: np.ndarray  # index into ROLES of a link's role (the default when blank), -1
    edge_power: np.ndarray  # 0 when blank, else 1 + index into POWERS
    edge_rta: np.ndarray  # a holding is a right to acquire (13d-3(d)(1)(i))
    edge_deriv: np.ndarray  # a holding is a derivative position (``Holding.derivative``)

    @property
    def n_nodes(self) -> int:
        """Rows of entities.csv (parties and securities)."""
        return len(self.ids)

    @property
    def n_edges(self) -> int:
        """Rows of edges.csv."""
        return len(self.edge_src)

    def nbytes(self) -> int:
        """Bytes held by the numpy columns (ids and the id index not counted)."""
        return sum(
            getattr(self, f).nbytes
            for f in (
                "node_kind node_off node_line edge_src edge_dst edge_kind edge_off edge_line "
                "edge_shares edge_lo edge_hi up_ptr up_idx down_ptr down_idx issuer_of "
                "edge_role edge_power edge_rta edge_deriv"
            ).split()
        )

    # ------------------------------------------------------------------ walks

    def _walk(self, start: np.ndarray, kind: int, *, up: bool) -> np.ndarray:
        """Nodes reachable from ``start`` over edges of ``kind`` (upward or downward)."""
        ptr, idx = (self.up_ptr, self.up_idx) if up else (self.down_ptr, self.down_idx)
        other = self.edge_src if up else self.edge_dst
        seen = {int(x) for x in start}
        frontier = np.unique(start)
        out: list[np.ndarray] = []
        while len(frontier):
            e = _gather(ptr, idx, frontier)
            e = e[self.edge_kind[e] == kind]
            nxt = np.unique(other[e])
            nxt = np.array([x for x in nxt.tolist() if x not in seen], dtype=np.int64)
            seen.update(nxt.tolist())
            out.append(nxt)
            frontier = nxt
        return np.concatenate(out) if out else np.empty(0, dtype=np.int64)

    def _edges(self, nodes: np.ndarray, kind: int, *, up: bool) -> np.ndarray:
        ptr, idx = (self.up_ptr, self.up_idx) if up else (self.down_ptr, self.down_idx)
        e = _gather(ptr, idx, nodes)
        return e[self.edge_kind[e] == kind]

    def control_scope(self, subject: str) -> tuple[np.ndarray, np.ndarray]:
        """The node and edge rows that ``who_controls(G, subject)`` reads.

        Mirrors :func:`queries.control.subject_scope`: a security or an issuer whose classes
        are held is about those holdings (holders and everyone above them over ``controls``);
        any other party about the holdings below it (everyone above and below it, the other
        controllers of the nodes below, whose links decide sole or shared, and the holdings
        of the nodes below). Securities bring their issuer (it names them).
        """
        s = self.index[subject]
        if self.node_kind[s] == SECURITY:
            secs = np.array([s], dtype=np.int64)
        else:
            secs = np.flatnonzero(self.issuer_of == s) if self._has_issues(s) else np.empty(0)
        holds = self._edges(secs.astype(np.int64), HOLDS, up=True) if len(secs) else secs
        if len(holds):
            holders = np.unique(self.edge_src[holds])
            above = self._walk(holders, CONTROLS, up=True)
            nodes = np.unique(np.concatenate([holders, above, secs, [s]]).astype(np.int64))
            ctrl = self._edges(nodes, CONTROLS, up=True)
            ctrl = ctrl[np.isin(self.edge_src[ctrl], nodes)]
        else:
            start = np.array([s], dtype=np.int64)
            above = self._walk(start, CONTROLS, up=True)
            below = np.unique(np.concatenate([self._walk(start, CONTROLS, up=False), start]))
            ctrl_in = self._edges(
                np.unique(np.concatenate([above, below, start])), CONTROLS, up=True
            )
            holds = self._edges(below, HOLDS, up=False)
            nodes = np.unique(
                np.concatenate([above, below, self.edge_src[ctrl_in], self.edge_dst[holds]])
            )
            ctrl = ctrl_in
        issuers = self.issuer_of[nodes]
        nodes = np.unique(np.concatenate([nodes, issuers[issuers >= 0]]))
        edges = np.unique(np.concatenate([holds, ctrl]).astype(np.int64))
        return nodes, edges

    def control_numbers(self, subject: str) -> tuple[np.ndarray, Any, np.ndarray] | None:
        """Rule 13d-3 numbers of ``who_controls(G, subject)`` straight from the columns.

        The nodes and holdings are those :func:`queries.control.who_controls` reads (see
        :meth:`control_scope`); the table goes to :func:`queries.control.control_numbers`
        with no record made. Returns the node rows, the numbers (arrays by node) and which
        nodes are candidates (the controllers the answer lists), or ``None`` when
        ``control_numbers`` does not answer (share counts with fractions).
        """
        from ownergraph.queries.control import control_numbers

        s = self.index[subject]
        if self.node_kind[s] == SECURITY:
            secs = np.array([s], dtype=np.int64)
        else:
            secs = np.flatnonzero(self.issuer_of == s) if self._has_issues(s) else np.empty(0)
        holds = self._edges(secs.astype(np.int64), HOLDS, up=True) if len(secs) else secs
        holds = self._beneficial(holds)
        scope = None
        if len(holds) or self.node_kind[s] == SECURITY:
            holders = np.unique(self.edge_src[holds])
            nodes = np.unique(np.concatenate([holders, self._walk(holders, CONTROLS, up=True)]))
            candidates = nodes
        else:
            start = np.array([s], dtype=np.int64)
            above = self._walk(start, CONTROLS, up=True)
            below = np.unique(np.concatenate([self._walk(start, CONTROLS, up=False), start]))
            nodes = np.unique(np.concatenate([above, below]))
            candidates = np.unique(np.concatenate([above, start]))
            holds = self._beneficial(self._edges(below, HOLDS, up=False))
            scope = s
        nodes = nodes.astype(np.int64)
        ctrl = self._edges(nodes, CONTROLS, up=True)
        u, v = self.edge_src[ctrl], self.edge_dst[ctrl]
        local = np.full(self.n_nodes, -1, dtype=np.int64)
        local[nodes] = np.arange(len(nodes))
        structural = np.array([r.structural for r in ROLES], dtype=bool)[self.edge_role[ctrl]]
        counts = None
        if scope is not None:  # links from outside count as controllers, not as reach
            pairs = np.unique(local[v[structural & (u != v)]] * self.n_nodes + u[structural])
            counts = np.bincount(pairs // self.n_nodes, minlength=len(nodes))
        inside = local[u] >= 0
        ctrl, u, v = ctrl[inside], u[inside], v[inside]
        num = control_numbers(
            len(nodes),
            local[u],
            local[v],
            self.edge_role[ctrl],
            self.edge_power[ctrl],
            local[self.edge_src[holds]],
            self.edge_shares[holds],
            self.edge_rta[holds],
            scope_node=None if scope is None else int(local[scope]),
            structural_controllers=counts,
        )
        if num is None:
            return None
        return nodes, num, np.isin(nodes, candidates)

    def _beneficial(self, holds: np.ndarray) -> np.ndarray:
        """Holdings that confer beneficial ownership, Rule 13d-3(d)(1)(i): a derivative
        position only as a right to acquire (``queries.control.confers_beneficial_ownership``).
        """
        holds = holds.astype(np.int64)
        return holds[~self.edge_deriv[holds] | self.edge_rta[holds]]

    def _has_issues(self, s: int) -> bool:
        if not hasattr(self, "_issuers"):
            self._issuers = set(np.unique(self.issuer_of[self.issuer_of >= 0]).tolist())
        return s in self._issuers

    # ------------------------------------------------------------------ records

    def _reader(self, path: Path) -> Any:
        fd = os.open(path, os.O_RDONLY)

        def read(off: int, end: int) -> list[str]:
            data = os.pread(fd, end - off, off)
            if b'"' not in data:  # one physical line: what _rows splits on commas
                text = data.decode("utf-8")
                cut = text.find("\n")
                line = (text if cut < 0 else text[:cut]).rstrip("\r")
                fields = line.split(",")
                if not _WS.search(line):  # nothing to strip
                    return fields
            else:
                fields = next(csv.reader(data.decode("utf-8").splitlines(True)))
            return [f.strip() for f in fields]

        read.close = lambda: os.close(fd)  # type: ignore[attr-defined]
        return read

    def records(
        self, nodes: np.ndarray, edges: np.ndarray
    ) -> tuple[list[Party], list[Security], list[Holding], list[Link]]:
        """The records of some rows, exactly as ``loaders.tabular.parse_pair`` makes them."""
        ent_cols = self._ent_cols
        edge_cols = self._edge_cols
        doc_id = self.document.id
        epath, gpath = str(self.entities_path), str(self.edges_path)
        parties: list[Party] = []
        securities: list[Security] = []
        holdings: list[Holding] = []
        links: list[Link] = []
        read = self._reader(self.entities_path)
        try:
            for i in np.sort(nodes).tolist():
                row = dict(
                    zip(
                        ent_cols,
                        read(int(self.node_off[i]), int(self.node_off[i + 1])),
                        strict=False,
                    )
                )
                line = int(self.node_line[i])
                prov = (
                    Provenance(path=epath, format=FORMAT, document_id=doc_id, xpath=f"line {line}"),
                )
                if self.node_kind[i] == SECURITY:
                    securities.append(
                        Security(
                            id=self.ids[i],
                            issuer_id=self.ids[int(self.issuer_of[i])],
                            title=row["name"],
                            cusip=row.get("cusip") or None,
                            provenance=prov,
                        )
                    )
                    continue
                parties.append(_party(row, self.ids[i], NODE_KINDS[self.node_kind[i]], prov))
        finally:
            read.close()
        read = self._reader(self.edges_path)
        try:
            for j in np.sort(edges).tolist():
                row = dict(
                    zip(
                        edge_cols,
                        read(int(self.edge_off[j]), int(self.edge_off[j + 1])),
                        strict=False,
                    )
                )
                line = int(self.edge_line[j])
                kind = EDGE_KINDS[self.edge_kind[j]]
                src, dst = self.ids[int(self.edge_src[j])], self.ids[int(self.edge_dst[j])]
                rec = _edge(row, kind, src, dst, doc_id, gpath, line)
                (holdings if kind == EdgeKind.HOLDS else links).append(rec)
        finally:
            read.close()
        return parties, securities, holdings, links

    def subgraph(self, nodes: np.ndarray, edges: np.ndarray) -> nx.MultiDiGraph:
        """A networkx graph of some rows, built by :func:`graph.store.build_graph`."""
        parties, securities, holdings, links = self.records(nodes, edges)
        return build_graph(parties, securities, holdings, links, [self.document])

    def scope_graph(self, subject: str) -> nx.MultiDiGraph:
        """The networkx graph of :meth:`control_scope` for ``subject``."""
        return self.subgraph(*self.control_scope(subject))

    def full_graph(self) -> nx.MultiDiGraph:
        """Every row as a networkx graph (what ``parse_dir`` + ``build_graph`` give)."""
        return self.subgraph(np.arange(self.n_nodes), np.arange(self.n_edges))

    _ent_cols: tuple[str, ...] = ()
    _edge_cols: tuple[str, ...] = ()


def _party(row: dict[str, str], pid: str, kind: NodeKind, prov: tuple[Provenance, ...]) -> Party:
    idents: list[tuple[str, str]] = []
    if row.get("cik"):
        idents.append(("cik", row["cik"]))
    if row.get("lei"):
        idents.append(("lei", row["lei"].upper()))
    for item in filter(None, (row.get("identifiers") or "").split("|")):
        scheme, _, value = item.partition(":")
        idents.append((scheme.strip(), value.strip()))
    idents.append(("tabular", row["id"]))
    names = tuple(n.strip() for n in (row.get("names") or "").split("|") if n.strip())
    return Party(
        id=pid,
        name=row["name"],
        kind=kind,
        names=names,
        identifiers=tuple(sorted(set(idents))),
        jurisdiction=row.get("jurisdiction") or None,
        provenance=prov,
    )


@lru_cache(maxsize=4096)
def _date(value: str | None) -> dt.date | None:
    """``graph.clean.parse_date``, memoised (a file repeats a few dates)."""
    return parse_date(value)


_ENUMS: dict[tuple[type, str], Any] = {}


def _member(cls: type, value: str, path: str, line: int, col: str) -> Any:
    """``loaders.tabular._enum``, memoised per value (errors are not: they raise each time)."""
    got = _ENUMS.get((cls, value))
    if got is None:
        got = _ENUMS[(cls, value)] = _enum(cls, value, path, line, col)
    return got


def _maybe_num(value: str, path: str, line: int, col: str) -> float | None:
    """``loaders.tabular._num``; ``None`` at once for a blank cell, and a share count of up
    to 15 digits read directly (what ``parse_number`` gives for it)."""
    if not value:
        return None
    if col == "shares" and len(value) <= 15 and value.isdigit():
        return float(value)
    return _num(value, path, line, col)


def _date_at(value: str | None, path: str, line: int) -> dt.date | None:
    """:func:`_date` in the signature of ``loaders.tabular.edge_record``'s ``date``."""
    try:
        return _date(value)
    except ValueError as exc:
        raise InputError(path, f"line {line}, column as_of", str(exc)) from exc


def _edge(
    row: dict[str, str], kind: EdgeKind, src: str, dst: str, doc_id: str, path: str, line: int
) -> Holding | Link:
    """The loader's own record for a row (``loaders.tabular.edge_record``), with memoised
    enum, date and number readers that give the same values."""
    return edge_record(
        row, kind, src, dst, doc_id, path, line, num=_maybe_num, enum=_member, date=_date_at
    )


class _Checked:
    """Validates repeated column values once (roles, instruments, dates ...)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.seen: dict[str, set[str]] = {}

    def __call__(self, col: str, value: str, line: int) -> None:
        if not value:
            return
        seen = self.seen.setdefault(col, set())
        if value in seen:
            return
        if col == "role":
            _enum(Role, value, self.path, line, col)
        elif col == "instrument":
            _enum(Instrument, value, self.path, line, col)
        elif col == "power":
            _enum(Power, value, self.path, line, col)
        elif col in ("right_to_acquire", "exclusive_min", "exclusive_max"):
            _bool(value, self.path, line, col)
        elif col == "as_of":
            try:
                parse_date(value)
            except ValueError as exc:
                raise InputError(self.path, f"line {line}, column as_of", str(exc)) from exc
        seen.add(value)


#: Fields up to this many bytes are cut out of a sliding window over the padded file.
_PAD = 64


class _FastEdges:
    """Reads ``edges.csv`` with numpy over its bytes when it is plain (as generated files are).

    Plain: printable ASCII, ``\\n`` line ends, no quote, no whitespace, no blank line, every
    data line with exactly the header's number of fields. Then field boundaries are the comma
    positions, each column is cut out as a fixed-width byte-string array, ids are mapped to
    rows by a sorted search, small vocabularies (kinds, roles, powers, dates, percents) are
    checked once per distinct value with the row-by-row reading's own functions, and share
    counts of up to 15 digits are converted by numpy (exact: integers below 2**53).

    Anything else, or any value the row-by-row reading would refuse, returns ``None``: the
    caller then reads the file row by row, which raises the same
    :class:`graph.errors.InputError` (file, line, column). Line numbers and byte offsets are
    those of ``_rows`` (one record per physical line).
    """

    #: Bytes a plain file may hold (printable ASCII without space and quote, and newline).
    PLAIN = bytes(b for b in range(0x21, 0x7F) if b != 0x22) + b"\n"

    def __init__(
        self, path: Path, header: list[str], g: dict[str, int], checked_cols: list[str],
        check: _Checked, row_ids: list[str], node_kinds: array,
    ) -> None:  # fmt: skip
        self.path = path
        self.gpath = str(path)
        self.width = len(header)
        self.g = g
        self.checked_cols = checked_cols
        self.check = check
        self.row_ids = row_ids
        self.node_kind = np.frombuffer(node_kinds, dtype=np.int8)

    def read(self) -> tuple[np.ndarray, ...] | None:
        """``(src, dst, kind, offset, line, shares, lo, hi, id keys)`` or ``None``."""
        data = self.path.read_bytes()
        if data.translate(None, self.PLAIN):
            return None
        buf = np.frombuffer(data, dtype=np.uint8)
        padded = np.frombuffer(data + b"\n" * _PAD, dtype=np.uint8)
        # every 8 bytes from each offset, as one little-endian integer (an unaligned view)
        words = np.ndarray((len(padded) - 7,), dtype="<u8", buffer=padded, strides=(1,))
        nl = np.flatnonzero(buf == 10)
        starts = np.concatenate([np.zeros(1, dtype=np.int64), nl + 1])
        ends = np.append(nl, len(data)).astype(np.int64)
        if starts[-1] == len(data):  # the file ends with a newline
            starts, ends = starts[:-1], ends[:-1]
        if len(starts) < 2 or (ends[1:] == starts[1:]).any():
            return None
        starts, ends = starts[1:], ends[1:]  # past the header
        commas = np.flatnonzero(buf == 44)
        w = self.width
        n = len(starts)
        first = int(np.searchsorted(commas, starts[0]))
        if len(commas) - first != n * (w - 1):
            return None
        # the commas after the header, w - 1 per line in order: each line holds its own
        # exactly when its first is past its start and its last before its end
        cuts = commas[first:].reshape(n, w - 1).T.copy()
        if w > 1 and ((cuts[0] < starts).any() or (cuts[-1] >= ends).any()):
            return None
        del commas, nl

        def bounds(k: int, rows: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
            a = starts if k == 0 else cuts[k - 1] + 1
            b = ends if k == w - 1 else cuts[k]
            if rows is not None:
                a, b = a[rows], b[rows]
            return a, b - a

        def field(k: int, rows: np.ndarray | None = None) -> np.ndarray:
            a, lens = bounds(k, rows)
            m = int(lens.max()) if len(lens) else 0
            if m == 0:
                return np.zeros(len(a), dtype="S1")
            if m <= _PAD:  # a window of m bytes at each start, cut at the field's end
                mat = sliding_window_view(padded, m)[a]
                mat *= np.arange(m, dtype=np.int64) < lens[:, None]
            else:
                mat = buf[np.minimum(a[:, None] + np.arange(m), len(buf) - 1)]
                mat[np.arange(m) >= lens[:, None]] = 0
            return mat.view(f"S{m}").ravel()

        def key(k: int, rows: np.ndarray | None = None) -> np.ndarray | None:
            """A field as up to three 8-byte words per row (exact); ``None`` past 24 bytes."""
            a, lens = bounds(k, rows)
            m = int(lens.max()) if len(lens) else 0
            if m > 24:
                return None
            out = np.empty((len(a), max(1, (m + 7) // 8)), dtype=np.uint64)
            for j in range(out.shape[1]):
                out[:, j] = words[a + 8 * j] & _MASKS[np.clip(lens - 8 * j, 0, 8)]
            return out

        def distinct(k: int, rows: np.ndarray | None = None) -> tuple[list[str], np.ndarray]:
            """The distinct values of a field and each row's number among them."""
            ks = key(k, rows)
            if ks is not None:
                got = _small_vocabulary(ks)
                if got is not None:
                    return got
            u, inv = np.unique(field(k, rows), return_inverse=True)
            return [v.decode() for v in u.tolist()], inv

        g = self.g
        try:
            ukinds, kinv = distinct(g["kind"])
            codes = [_EK.get(u) for u in ukinds]
            if None in codes:
                return None
            kind = np.array(codes, dtype=np.int8)[kinv]
            src_dst = self._map_ids(key(g["source"]), key(g["target"]))
            if src_dst is None:
                src_dst = self._map_ids_slow(field(g["source"]), field(g["target"]))
            if src_dst is None:
                return None
            src, dst = src_dst
            is_h = kind == HOLDS
            link = ~is_h
            nk = self.node_kind
            if (nk[dst[is_h]] != SECURITY).any():
                return None
            if (nk[src[link]] == SECURITY).any() or (nk[dst[link]] == SECURITY).any():
                return None
            h_rows, l_rows = np.flatnonzero(is_h), np.flatnonzero(link)
            for c in self.checked_cols:
                for which, rows in ((True, h_rows), (False, l_rows)):
                    if c not in _ALL_KINDS and (c in _HOLDS_ONLY) != which:
                        continue
                    if len(rows):
                        for v in distinct(g[c], rows)[0]:
                            if v:
                                self.check(c, v, 0)
            nan = np.nan
            gp = self.gpath
            shares = np.full(n, nan)
            lo = np.full(n, nan)
            hi = np.full(n, nan)
            if g["shares"] >= 0 and len(h_rows):
                col = field(g["shares"], h_rows)
                vals = np.full(len(h_rows), nan)
                easy = np.strings.isdigit(col) & (np.strings.str_len(col) <= 15)
                vals[easy] = col[easy].astype(np.float64)
                hard = np.flatnonzero(~easy & (col != b""))
                vals[hard] = [_number(v.decode(), gp, 0, "shares") for v in col[hard].tolist()]
                shares[h_rows] = vals
            if len(l_rows):
                got = []
                for c in ("percent", "share_min", "share_max"):
                    if g[c] >= 0:
                        u, inv = distinct(g[c], l_rows)
                        got.append(np.array([_percent(v, gp, 0, c) for v in u])[inv])
                    else:
                        got.append(np.full(len(l_rows), nan))
                p, x, y = got
                exact = p == p
                x = np.where(exact, p, x)
                y = np.where(exact, p, y)
                ranged = ~exact & ((x == x) | (y == y))
                if ((x > y) & ranged).any():
                    return None
                if ranged.any():
                    for c in ("exclusive_min", "exclusive_max"):
                        if g[c] >= 0:
                            for v in distinct(g[c], l_rows[ranged])[0]:
                                if v:
                                    self.check(c, v, 0)
                lo[l_rows] = x
                hi[l_rows] = y
            ids = key(g["id"])
            if ids is None:
                ids = field(g["id"])
                if (ids == b"").any():
                    return None
                keys = np.fromiter(map(hash, ids.tolist()), dtype=np.int64, count=n)
            else:
                if (ids[:, 0] == 0).any():  # an empty id
                    return None
                keys = ids[:, 0].view(np.int64) if ids.shape[1] == 1 else _fingerprint(ids)
            codes = self._codes(distinct, kind, h_rows, l_rows, n)
        except InputError:
            return None
        lines = np.arange(2, n + 2, dtype=np.int32)  # no blank line: line i + 2
        return src, dst, kind, starts, lines, shares, lo, hi, keys, codes

    def _codes(
        self, distinct: Any, kind: np.ndarray, h_rows: np.ndarray, l_rows: np.ndarray, n: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Role and power codes, and right to acquire (bit 0) and derivative (bit 1)."""
        g = self.g

        def coded(c: str, rows: np.ndarray, fn: Any) -> np.ndarray:
            if g[c] < 0 or not len(rows):
                return np.full(len(rows), fn(""), dtype=np.int16)
            values, inv = distinct(g[c], rows)
            return np.array([fn(v) for v in values], dtype=np.int16)[inv]

        role = np.full(n, -1, dtype=np.int8)
        if len(l_rows):
            got = coded("role", l_rows, lambda v: _role_code(v, 0) if v else -2)
            blank = got == -2
            if blank.any():
                defaults = np.array([_role_code("", k) for k in range(len(EDGE_KINDS))])
                got[blank] = defaults[kind[l_rows][blank]]
            role[l_rows] = got
        power = coded("power", np.arange(n), _power_code).astype(np.int8)
        rights = np.zeros(n, dtype=np.int8)
        if len(h_rows):
            inst = coded("instrument", h_rows, lambda v: int(_rights(v, "")))
            flag = coded("right_to_acquire", h_rows, lambda v: int(_rights("", v)) if v else -1)
            rights[h_rows] = np.where(flag == -1, inst, flag) | 2 * inst  # bit 1: derivative
        return role, power, rights

    def _map_ids(
        self, src: np.ndarray | None, dst: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """Row numbers of source and target ids of up to 8 bytes (exact integer search)."""
        if src is None or dst is None or src.shape[1] > 1 or dst.shape[1] > 1:
            return None
        names = np.array([r.encode() for r in self.row_ids])
        if names.dtype.itemsize > 8:
            return None
        ent = np.ascontiguousarray(names.astype("S8")).view("<u8")
        order = np.argsort(ent, kind="stable")
        ordered = ent[order]
        out = []
        for col in (src[:, 0], dst[:, 0]):
            sorter = np.argsort(col)  # sorted needles: a sequential search
            at = np.empty(len(col), dtype=np.int64)
            at[sorter] = np.searchsorted(ordered, col[sorter])
            np.minimum(at, len(ordered) - 1, out=at)
            if not (ordered[at] == col).all():
                return None
            out.append(order[at].astype(np.int32))
        return out[0], out[1]

    def _map_ids_slow(
        self, src: np.ndarray, dst: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """Row numbers of source and target ids, by a search over byte strings."""
        names = np.array([r.encode() for r in self.row_ids])
        order = np.argsort(names, kind="stable")
        ordered = names[order]
        out = []
        for col in (src, dst):
            at = np.minimum(np.searchsorted(ordered, col), len(ordered) - 1)
            if not (ordered[at] == col).all():
                return None
            out.append(order[at].astype(np.int32))
        return out[0], out[1]


#: ``_MASKS[k]`` keeps the first k bytes of a little-endian 8-byte word.
_MASKS = np.array([(1 << (8 * i)) - 1 for i in range(8)] + [2**64 - 1], dtype=np.uint64)


def _fingerprint(keys: np.ndarray) -> np.ndarray:
    """One int64 per row of a multi-word key (equal keys, equal fingerprints)."""
    fp = keys[:, 0].copy()
    for j in range(1, keys.shape[1]):
        fp = fp * np.uint64(0x9E3779B97F4A7C15) + keys[:, j]
    return fp.view(np.int64)


def _small_vocabulary(keys: np.ndarray, limit: int = 40) -> tuple[list[str], np.ndarray] | None:
    """Distinct values of a word-key column with few of them, and each row's number.

    Exact: rows are grouped by fingerprint and then compared word by word with their
    group's first row. ``None`` past ``limit`` values (a sort is then cheaper).
    """
    fp = _fingerprint(keys)
    reps: list[int] = []
    todo = fp
    while len(todo):
        if len(reps) >= limit:
            return None
        v = todo[0]
        reps.append(int(np.argmax(fp == v)))
        todo = todo[todo != v]
    codes = np.zeros(len(fp), dtype=np.int64)
    for i, r in enumerate(reps[1:], 1):
        codes[fp == fp[r]] = i
    if not (keys == keys[np.array(reps, dtype=np.int64)][codes]).all():
        return None
    values = [
        b"".join(int(x).to_bytes(8, "little") for x in keys[r].tolist()).rstrip(b"\0").decode()
        for r in reps
    ]
    return values, codes


def _chunked(rows: Iterator[Any], size: int) -> Iterator[list[Any]]:
    """Lists of at most ``size`` items, in order."""
    while chunk := list(islice(rows, size)):
        yield chunk


def _entities_chunk(
    chunk: list[tuple[int, int, list[str]]], cols_of: tuple[int, ...], row_of: dict[str, int],
    ids: list[str], kinds: array, offs: array, lines: array,
    pending: list[tuple[int, int, str, str, str]],
) -> bool:  # fmt: skip
    """Entity rows by columns: ``False`` (and nothing changed) when a row needs the
    row-by-row reading (which raises its error); else the rows added as there."""
    c_id, c_name, c_kind, c_cik, c_lei, c_cusip, c_iss, c_idents = cols_of
    offs_c, lines_c, rows_c = zip(*chunk, strict=True)
    cols = list(zip(*rows_c, strict=True))
    m = len(rows_c)
    rid, name = cols[c_id], cols[c_name]
    if "" in rid or "" in name or len(set(rid)) != m or not row_of.keys().isdisjoint(rid):
        return False
    ks = list(map(_NK.get, cols[c_kind]))
    if None in ks:
        return False
    if c_idents >= 0:
        for k, v in zip(ks, cols[c_idents], strict=True):
            if v and k != SECURITY:
                for item in filter(None, v.split("|")):
                    if not item.partition(":")[2]:
                        return False
    blank = ("",) * m
    ciks = cols[c_cik] if c_cik >= 0 else blank
    leis = cols[c_lei] if c_lei >= 0 else blank
    i0 = len(ids)
    ids.extend(
        "" if k == SECURITY else _party_id(c, x, r)
        for k, c, x, r in zip(ks, ciks, leis, rid, strict=True)
    )
    row_of.update(zip(rid, range(i0, i0 + m), strict=True))
    kinds.extend(ks)
    offs.extend(offs_c)
    lines.extend(lines_c)
    iss = cols[c_iss] if c_iss >= 0 else blank
    cusips = cols[c_cusip] if c_cusip >= 0 else blank
    for j, k in enumerate(ks):
        if k == SECURITY:
            pending.append((i0 + j, lines_c[j], iss[j], cusips[j], f"{rid[j]} {name[j]}"))
    return True


def _party_id(cik: str, lei: str, rid: str) -> str:
    """``graph.ids.party_id(cik=, lei=, scheme="tabular", identifier=)``, fast for plain CIKs."""
    if cik.isascii() and cik.isdigit() and int(cik):
        return "party:" + hashlib.sha1(f"cik\x1f{cik.zfill(10)}".encode()).hexdigest()[:16]
    if not cik and not lei:
        return "party:" + hashlib.sha1(f"tabular\x1f{rid}".encode()).hexdigest()[:16]
    if not cik:
        return "party:" + hashlib.sha1(f"lei\x1f{lei.strip().upper()}".encode()).hexdigest()[:16]
    return party_id(cik=cik or None, lei=lei or None, scheme="tabular", identifier=rid)


_ALL_KINDS = frozenset({"power", "as_of"})
_HOLDS_ONLY = frozenset({"instrument", "right_to_acquire"})


_PCT = re.compile(r"\d{1,2}(?:\.\d+)?")


def _number(value: str, path: str, line: int, col: str) -> float:
    """A share count as ``loaders.tabular`` reads it; NaN when blank or unknown."""
    if not value:
        return np.nan
    n = _num(value, path, line, col)
    return np.nan if n is None else n


def _percent(value: str, path: str, line: int, col: str) -> float:
    """A percent as ``loaders.tabular`` reads it (fast path below 100); NaN when blank."""
    if not value:
        return np.nan
    if _PCT.fullmatch(value):
        return float(value)
    n = _num(value, path, line, col)
    return np.nan if n is None else n


def load_compact(entities: str | Path, edges: str | Path) -> CompactGraph:
    """Read ``entities.csv`` and ``edges.csv`` into a :class:`CompactGraph`.

    Node ids are the ones ``loaders.tabular`` gives (CIK, else LEI, else the row id within the
    dataset; securities by CUSIP); the document id is the sha256 of both files, as there.
    Raises :class:`graph.errors.InputError` for the rows ``loaders.tabular`` refuses.

    The cyclic garbage collector is paused meanwhile: the load makes millions of small
    lists and no cycles, and each collection would walk all of them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_compact(Path(entities), Path(edges))
    finally:
        if enabled:
            gc.enable()


def _load_compact(entities: Path, edges: Path) -> CompactGraph:
    ent_path, edge_path = Path(entities), Path(edges)
    sha = _sha(ent_path, edge_path)
    doc_id = document_id(sha)
    epath = str(ent_path)

    # -------------------------------------------------------------- entities
    rows = _rows_bulk(ent_path, ("id", "name", "kind"))
    _, _, header = next(rows)
    ent_header = header
    col = {c: i for i, c in enumerate(header)}
    c_id, c_name, c_kind = col["id"], col["name"], col["kind"]
    c_cik, c_lei, c_cusip, c_iss, c_idents = (
        col.get(c, -1) for c in ("cik", "lei", "cusip", "issuer_id", "identifiers")
    )
    cols_of = (c_id, c_name, c_kind, c_cik, c_lei, c_cusip, c_iss, c_idents)
    row_of: dict[str, int] = {}
    ids: list[str] = []
    kinds = array("b")
    offs = array("q")
    lines = array("i")
    pending: list[tuple[int, int, str, str, str]] = []

    def one(off: int, line: int, f: list[str]) -> None:
        """One entity row, every check in order (the reading of a chunk with a bad row)."""
        rid = f[c_id]
        if not rid:
            raise InputError(epath, f"line {line}, column id", "empty id")
        if rid in row_of:
            raise InputError(epath, f"line {line}, column id", f"duplicate id {rid!r}")
        if not f[c_name]:
            raise InputError(epath, f"line {line}, column name", "empty name")
        k = _NK.get(f[c_kind])
        if k is None:
            k = _NK[_enum(NodeKind, f[c_kind], epath, line, "kind").value]
        i = len(ids)
        row_of[rid] = i
        kinds.append(k)
        offs.append(off)
        lines.append(line)
        if k == SECURITY:
            ids.append("")
            pending.append(
                (
                    i,
                    line,
                    f[c_iss] if c_iss >= 0 else "",
                    f[c_cusip] if c_cusip >= 0 else "",
                    f"{rid} {f[c_name]}",
                )
            )
            return
        if c_idents >= 0 and f[c_idents]:
            for item in filter(None, f[c_idents].split("|")):
                if not item.partition(":")[2]:
                    raise InputError(
                        epath, f"line {line}, column identifiers", f"not scheme:value: {item!r}"
                    )
        ids.append(_party_id(f[c_cik] if c_cik >= 0 else "", f[c_lei] if c_lei >= 0 else "", rid))

    for chunk in _chunked(rows, 50_000):
        if not _entities_chunk(chunk, cols_of, row_of, ids, kinds, offs, lines, pending):
            for off, line, f in chunk:
                one(off, line, f)
    n = len(ids)
    offs.append(ent_path.stat().st_size)
    issuer_of = np.full(n, -1, dtype=np.int32)
    for i, line, issuer, cusip, title in pending:
        j = row_of.get(issuer)
        if j is None or kinds[j] == SECURITY:
            raise InputError(
                epath, f"line {line}, column issuer_id", f"unknown issuer id {issuer!r}"
            )
        issuer_of[i] = j
        ids[i] = security_id(cusip=cusip or None, issuer_id=ids[j], title=title)
    index = {nid: i for i, nid in enumerate(ids)}

    # -------------------------------------------------------------- edges
    gpath = str(edge_path)
    check = _Checked(gpath)
    rows = _rows(edge_path, ("id", "kind", "source", "target"))
    _, _, header = next(rows)
    col = {c: i for i, c in enumerate(header)}
    g = {
        c: col.get(c, -1)
        for c in (
            "id kind source target role shares instrument right_to_acquire percent share_min "
            "share_max exclusive_min exclusive_max power as_of"
        ).split()
    }
    c_id, c_kind, c_src, c_dst = g["id"], g["kind"], g["source"], g["target"]
    checked_cols = [
        c for c in ("role", "instrument", "right_to_acquire", "power", "as_of") if g[c] >= 0
    ]
    picker = itemgetter(c_kind, *(g[c] for c in checked_cols))
    checked: set[tuple[str, ...]] = set()
    c_sh, c_pct, c_lo, c_hi = g["shares"], g["percent"], g["share_min"], g["share_max"]
    src, dst, ekind = array("i"), array("i"), array("b")
    eoff, eline = array("q"), array("i")
    shares, lo, hi = array("d"), array("d"), array("d")
    hashes = array("q")
    roles, powers, rights = array("b"), array("b"), array("b")
    c_role, c_pow, c_inst, c_rta = g["role"], g["power"], g["instrument"], g["right_to_acquire"]
    nan = np.nan
    ek_get, row_get = _EK.get, row_of.get

    def consume(rows: Iterator[tuple[int, int, list[str]]]) -> None:
        """The row-by-row reading of edges (every check in file order)."""
        for off, line, f in rows:
            rid = f[c_id]
            if not rid:
                raise InputError(gpath, f"line {line}, column id", "empty id")
            k = ek_get(f[c_kind])
            if k is None:
                k = _EK[_enum(EdgeKind, f[c_kind], gpath, line, "kind").value]
            a = row_get(f[c_src])
            b = row_get(f[c_dst])
            if a is None or b is None:
                c = "source" if a is None else "target"
                raise InputError(
                    gpath, f"line {line}, column {c}", f"unknown entity id {f[g[c]]!r}"
                )
            combo = picker(f)
            if combo not in checked:
                for c, v in zip(checked_cols, combo[1:], strict=True):
                    if v and (c in _ALL_KINDS or (c in _HOLDS_ONLY) == (k == HOLDS)):
                        check(c, v, line)
                checked.add(combo)
            if k == HOLDS:
                if kinds[b] != SECURITY:
                    raise InputError(
                        gpath,
                        f"line {line}, column target",
                        "a holds edge must point at a security",
                    )
                v = f[c_sh] if c_sh >= 0 else ""
                shares.append(
                    float(v) if len(v) <= 15 and v.isdigit() else _number(v, gpath, line, "shares")
                )
                lo.append(nan)
                hi.append(nan)
                roles.append(-1)
                inst_v = f[c_inst] if c_inst >= 0 else ""
                rights.append(  # bit 0: right to acquire; bit 1: derivative
                    _rights(inst_v, f[c_rta] if c_rta >= 0 else "") | 2 * _rights(inst_v, "")
                )
            else:
                if kinds[a] == SECURITY or kinds[b] == SECURITY:
                    raise InputError(
                        gpath,
                        f"line {line}, column kind",
                        f"a {EDGE_KINDS[k].value} edge joins two parties",
                    )
                shares.append(nan)
                p = _percent(f[c_pct], gpath, line, "percent") if c_pct >= 0 else nan
                x = _percent(f[c_lo], gpath, line, "share_min") if c_lo >= 0 else nan
                y = _percent(f[c_hi], gpath, line, "share_max") if c_hi >= 0 else nan
                if p == p:
                    x = y = p
                else:
                    if x == x and y == y and x > y:
                        raise InputError(gpath, f"line {line}", f"share_min {x} > share_max {y}")
                    if x == x or y == y:
                        for c in ("exclusive_min", "exclusive_max"):
                            if g[c] >= 0 and f[g[c]]:
                                check(c, f[g[c]], line)
                lo.append(x)
                hi.append(y)
                roles.append(_role_code(f[c_role] if c_role >= 0 else "", k))
                rights.append(0)
            powers.append(_power_code(f[c_pow] if c_pow >= 0 else ""))
            src.append(a)
            dst.append(b)
            ekind.append(k)
            eoff.append(off)
            eline.append(line)
            hashes.append(hash(rid))

    fast = _FastEdges(edge_path, header, g, checked_cols, check, list(row_of), kinds)
    got = fast.read()
    del fast
    if got is None:  # not plain, or something to refuse: row by row, errors in file order
        consume(rows)
        h = np.frombuffer(hashes, dtype=np.int64)
    else:
        rows.close()
        c_src_, c_dst_, c_kind_, c_off_, c_line_, c_sh_, c_lo_, c_hi_, h, c_codes = got
        roles.frombytes(c_codes[0].tobytes())
        powers.frombytes(c_codes[1].tobytes())
        rights.frombytes(c_codes[2].tobytes())
        src.frombytes(c_src_.tobytes())
        dst.frombytes(c_dst_.tobytes())
        ekind.frombytes(c_kind_.tobytes())
        eoff.frombytes(c_off_.tobytes())
        eline.frombytes(c_line_.tobytes())
        shares.frombytes(c_sh_.tobytes())
        lo.frombytes(c_lo_.tobytes())
        hi.frombytes(c_hi_.tobytes())
        del got, c_src_, c_dst_, c_kind_, c_off_, c_line_, c_sh_, c_lo_, c_hi_
    eoff.append(edge_path.stat().st_size)
    if len(np.unique(h)) != len(h):
        _duplicate_edge(edge_path, c_id)

    e_src = np.frombuffer(src, dtype=np.int32).copy()
    e_dst = np.frombuffer(dst, dtype=np.int32).copy()
    up_ptr, up_idx = _csr(e_dst, n)
    down_ptr, down_idx = _csr(e_src, n)
    doc = Document(
        id=doc_id,
        path=epath,
        format=FORMAT,
        sha256=sha,
        form="tabular",
        title=f"{ent_path.parent.name or 'tabular'} ({int((np.frombuffer(kinds, dtype=np.int8) != SECURITY).sum())} parties)",
    )
    cg = CompactGraph(
        entities_path=ent_path,
        edges_path=edge_path,
        document=doc,
        ids=ids,
        index=index,
        node_kind=np.frombuffer(kinds, dtype=np.int8).copy(),
        node_off=np.frombuffer(offs, dtype=np.int64).copy(),
        node_line=np.frombuffer(lines, dtype=np.int32).copy(),
        edge_src=e_src,
        edge_dst=e_dst,
        edge_kind=np.frombuffer(ekind, dtype=np.int8).copy(),
        edge_off=np.frombuffer(eoff, dtype=np.int64).copy(),
        edge_line=np.frombuffer(eline, dtype=np.int32).copy(),
        edge_shares=np.frombuffer(shares, dtype=np.float64).copy(),
        edge_lo=np.frombuffer(lo, dtype=np.float64).copy(),
        edge_hi=np.frombuffer(hi, dtype=np.float64).copy(),
        edge_role=np.frombuffer(roles, dtype=np.int8).copy(),
        edge_power=np.frombuffer(powers, dtype=np.int8).copy(),
        edge_rta=(np.frombuffer(rights, dtype=np.int8) & 1).astype(bool),
        edge_deriv=(np.frombuffer(rights, dtype=np.int8) & 2).astype(bool),
        up_ptr=up_ptr,
        up_idx=up_idx,
        down_ptr=down_ptr,
        down_idx=down_idx,
        issuer_of=issuer_of,
    )
    cg._ent_cols = tuple(ent_header)
    cg._edge_cols = tuple(header)
    return cg


def _duplicate_edge(path: Path, c_id: int) -> None:
    """Find and report the first duplicate edge id (only run when hashes collide)."""
    seen: set[str] = set()
    for _off, line, f in _rows(path, ("id",)):
        if line == 1:
            continue
        if f[c_id] in seen:
            raise InputError(str(path), f"line {line}, column id", f"duplicate id {f[c_id]!r}")
        seen.add(f[c_id])


def load_dir(folder: str | Path) -> CompactGraph:
    """:func:`load_compact` on a folder holding ``entities.csv`` and ``edges.csv``."""
    folder = Path(folder)
    return load_compact(folder / "entities.csv", folder / "edges.csv")
