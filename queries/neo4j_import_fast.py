"""The neo4j-import files written straight from the store's JSON text (the bulk path).

:func:`queries.neo4j_import.write_neo4j_import` writes, for every record, the row
:mod:`graph.neo4j_rows` gives (its properties, ``provenance`` and ``record`` JSON, the
content hash). Decoding each record into a dataclass and serialising it again costs ~0.1 ms
per row, minutes for a store of millions of rows. Here SQLite hands over each record's text
escaped twice, for the hash payload's JSON and for the CSV cell, and one regular expression
per record type (:mod:`queries.neo4j_import_patterns`) reads it whole: a record it matches is
canonical, so its text is the ``record`` property as it stands, its values are the other
properties, and the CSV line and the hash payload are assembled from them
(:mod:`queries.neo4j_import_nodes`, :mod:`queries.neo4j_import_edges`). A record it does not
match (a name with a quote or a line break, a record written by an older version) goes the
slow way (:mod:`graph.neo4j_rows`), and so do the holdings whose supersession spans
documents. The parties entity resolution merged are merged on their stored texts
(:mod:`queries.neo4j_import_merged`).

Two processes share the work: each writes one half (by rowid) of the parties, holdings and
links into data files of its own (``<set>.csv`` and ``<set>-2.csv``, both named in the
import command: neo4j-admin reads a set's data files one after the other), this one the
classes, documents and merged parties besides.

The same rows come out either way (``tests/test_neo4j_import*.py`` compare every file's rows
with the whole-graph export's). Should a column end up with values of two types (which the
typed store columns never give), :class:`Mixed` sends the caller back to the slow writer.
"""

from __future__ import annotations

import dataclasses
import json
import pickle
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ownergraph.graph.model import Holding, Link, Party, Security
from ownergraph.queries.neo4j_import_edges import (
    HOLD_COLS,
    HOLD_FLOATS,
    LINK_COLS,
    LINK_NULLABLE,
    holding_lines,
    issues_line,
    link_lines,
)
from ownergraph.queries.neo4j_import_merged import merged_parties
from ownergraph.queries.neo4j_import_nodes import (
    PARTY_COLS,
    SECURITY_COLS,
    party_lines,
    search_keys,
    security_lines,
)
from ownergraph.queries.neo4j_import_patterns import record_pattern
from ownergraph.queries.neo4j_import_writer import (
    STATS,
    Mixed,
    SetWriter,
    chunks,
)

__all__ = [
    "STATS", "Mixed", "record_pattern", "search_keys", "write_all",
]  # fmt: skip

#: The suffix of the second half's data files (``parties-2.csv`` ...).
PART = "-2"
_ALL = (-(2**63), 2**63 - 1)
_REL_LEAD = [":START_ID", ":END_ID", ":TYPE", "id"]


@dataclasses.dataclass
class _Plan:
    """What both processes need before they part (read in the caller's snapshot); the
    merges and merged parties' records are read by this process after (:func:`_cluster_parties`)."""

    docs: list[Any]
    merges: list[Any]
    in_cluster: set[str]
    cluster_parties: list[Party]
    alias: dict[str, str]
    contested: set[tuple[str, str]]
    one_doc: bool
    labels: dict[str, str]
    link_kinds: list[str]
    rel_types: dict[str, str]


class _Ranked:
    """A party as :func:`graph.resolution.clusters` ranks it: which of CIK and LEI it has."""

    def __init__(self, schemes: set[str]) -> None:
        self.schemes = schemes

    def identifier(self, scheme: str) -> str | None:
        return scheme if scheme in self.schemes else None


def _plan(store: Any) -> _Plan:
    """What both processes need, read from the store's index columns (no record decoded:
    the second process starts at once); the merged records come after
    (:func:`_cluster_parties`), and the kept ids are checked against them."""
    from ownergraph.graph.neo4j_rows import REL_KINDS
    from ownergraph.graph.resolution import clusters
    from ownergraph.graph.vocab import PARTY_LABEL, EdgeKind, NodeKind

    conn = store._conn
    docs = store.documents()
    pairs = conn.execute("SELECT kept_id, merged_id FROM merges").fetchall()
    in_cluster = {k for k, _ in pairs} | {m for _, m in pairs}
    # the kept id of every merged id, as build_graph finds it (checked in write_all)
    alias: dict[str, str] = {}
    if pairs and (stored := _column_alias(store, in_cluster)) is not None:
        alias = stored
    elif pairs:
        ranked: dict[str, set[str]] = {}
        for pid, scheme in conn.execute(
            "SELECT party_id, scheme FROM party_identifiers WHERE scheme IN ('cik', 'lei')"
            " AND value != '' AND party_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(in_cluster)),),
        ):
            ranked.setdefault(pid, set()).add(scheme)
        merges = [types.SimpleNamespace(kept_id=k, merged_id=m) for k, m in pairs]
        alias = clusters(merges, {p: _Ranked(s) for p, s in ranked.items()})  # type: ignore[arg-type]
    # holdings whose supersession spans rows: a (holder, class) two documents report, or a
    # holder entity resolution merged; decided at the end as Store.graph() decides them
    contested: set[tuple[str, str]] = set()
    if len(docs) > 1:
        contested = set(
            conn.execute(
                "SELECT holder_id, security_id FROM holdings GROUP BY holder_id, security_id"
                " HAVING count(DISTINCT document_id) > 1"
            )
        )
    # one document, every holding from it: nothing supersedes, a merged holder's holdings
    # are written under the kept id; else they are decided at the end, as Store.graph() does
    one_doc = (
        len(docs) == 1
        and not conn.execute(
            "SELECT 1 FROM holdings WHERE document_id < ? OR document_id > ? LIMIT 1",
            (docs[0].id, docs[0].id),  # two index ranges (``!=`` would scan the table)
        ).fetchone()
    )
    kinds = [k for k in REL_KINDS if k not in (EdgeKind.HOLDS, EdgeKind.ISSUES)]
    return _Plan(
        docs=docs,
        merges=[],
        in_cluster=in_cluster,
        cluster_parties=[],
        alias=alias,
        contested=contested,
        one_doc=one_doc,
        labels={
            k.value: f"{PARTY_LABEL};{k.label}" for k in NodeKind if k is not NodeKind.SECURITY
        },
        link_kinds=[k.value for k in kinds],
        rel_types={k.value: k.rel_type for k in kinds},
    )


def _column_alias(store: Any, in_cluster: set[str]) -> dict[str, str] | None:
    """The kept id of every merged id as the column generation in force keeps it
    (:mod:`graph.columns_append` writes :func:`graph.resolution.clusters`' map beside its
    arrays), when that generation was written at the store's state (read in the caller's
    snapshot) and its ids are the merged parties' ones; else None (the caller ranks the
    clusters itself: at a million parties, 98k merges, ~1.5 s before the second process
    could start)."""
    from ownergraph.graph.columns import GENERATION_KEY, SEQ_KEY, folder_of
    from ownergraph.graph.columns_append import ALIAS_FILE

    rows = dict(
        store._conn.execute(
            "SELECT key, value FROM meta WHERE key IN ('seq', ?, ?)", (GENERATION_KEY, SEQ_KEY)
        ).fetchall()
    )
    if GENERATION_KEY not in rows or rows.get(SEQ_KEY) != rows.get("seq"):
        return None
    path = folder_of(Path(store.path)) / f"g{int(rows[GENERATION_KEY])}" / ALIAS_FILE
    try:
        alias = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # pruned by a later load meanwhile, or never written
        return None
    if not isinstance(alias, dict) or set(alias) | set(alias.values()) != in_cluster:
        return None
    return alias


def _halves(conn: Any, merged: int = 0) -> list[dict[str, tuple[int, int]]]:
    """The rowid ranges ``[lo, hi)`` of the parties, holdings and links each process reads:
    this one the first part of each table's rowids, the second the rest. This one also
    writes the classes, documents and merged parties, so it takes 45 % of the rows less
    what the ``merged`` parties cost (reading their records, merging their clusters and
    writing them: about a row's work each since queries/neo4j_import_merged.py; at L, 143k
    merged, with 7 the first process had 24.0 s cpu and the second 32.2 s, with 3 24.6 s
    (1.3 of them before the second started) and 27.3 s)."""
    bounds = {}
    for table in ("parties", "holdings", "links"):
        bounds[table] = conn.execute(f"SELECT min(rowid), max(rowid) FROM {table}").fetchone()  # noqa: S608 - fixed names
    rows = sum(hi - lo + 1 for lo, hi in bounds.values() if lo is not None)
    share = max(0.1, 0.45 - merged / (2 * rows)) if rows else 0.5
    first: dict[str, tuple[int, int]] = {}
    second: dict[str, tuple[int, int]] = {}
    for table, (lo, hi) in bounds.items():
        if lo is None:
            first[table] = second[table] = (0, 0)
            continue
        mid = lo + int((hi - lo + 1) * share)
        first[table] = (_ALL[0], mid)
        second[table] = (mid, _ALL[1])
    return [first, second]


def _part(
    conn: Any, folder: Path, plan: _Plan, ranges: dict[str, tuple[int, int]], suffix: str
) -> tuple[dict[str, tuple[int, int, set[str]]], list[str]]:
    """Write the parties, holdings and links of ``ranges`` into ``<set><suffix>.csv`` (the
    records the patterns do not read the slow way); returns each file's
    :meth:`SetWriter.state` and the ids of the holdings decided at the end (see
    :func:`write_all`)."""
    from ownergraph.graph.model import from_dict
    from ownergraph.graph.neo4j_rows import holding_row, link_row, party_row
    from ownergraph.graph.store_layout import compact
    from ownergraph.queries import neo4j_import_bulkrows as bulkrows

    alias, in_cluster, contested = plan.alias, plan.in_cluster, plan.contested
    states: dict[str, tuple[int, int, set[str]]] = {}

    # parties (merged ones are written by the caller, from their cluster)
    w = SetWriter(folder / f"parties{suffix}.csv", ["id:ID", ":LABEL"], PARTY_COLS)
    cur = conn.execute(
        "SELECT p.id, p.json, (SELECT group_concat(substr(k.key, 3), char(31))"
        " FROM name_keys k WHERE k.node_id = p.id AND k.key >= 'n:' AND k.key < 'n;')"
        " FROM parties p WHERE p.rowid >= ? AND p.rowid < ?",
        ranges["parties"],
    )
    slow: list[str] = []
    for rows in chunks(cur):
        if in_cluster:
            rows = [r for r in rows if r[0] not in in_cluster]
        slow += party_lines(rows, plan.labels, w)
    for pid in slow:
        for (body,) in conn.execute("SELECT json FROM parties WHERE id=?", (pid,)):
            r = party_row(from_dict(Party, json.loads(body)))
            w.row([r["id"], plan.labels[r["kind"]]], r["props"])
    w.fh.close()
    states["parties.csv"] = w.state()

    # holdings and links: read and written as UTF-8 bytes (queries/neo4j_import_edges.py)
    b_alias = {k.encode(): v.encode() for k, v in alias.items()}
    b_cluster = {p.encode() for p in in_cluster}
    b_contested = {(h.encode(), s.encode()) for h, s in contested}

    def special(holder: str, sec: str) -> bool:
        return (holder in in_cluster and not plan.one_doc) or (holder, sec) in contested

    def b_special(holder: bytes, sec: bytes) -> bool:
        return (holder in b_cluster and not plan.one_doc) or (holder, sec) in b_contested

    hw = SetWriter(folder / f"holds{suffix}.csv", _REL_LEAD, HOLD_COLS, HOLD_FLOATS)
    lws = {
        k: SetWriter(folder / f"{k}{suffix}.csv", _REL_LEAD, LINK_COLS, LINK_NULLABLE)
        for k in plan.link_kinds
    }
    rel_types = {k.encode(): (v.encode(), lws[k]) for k, v in plan.rel_types.items()}
    b_deferred: list[bytes] = []
    b_slow: list[bytes] = []
    b_slow_links: list[bytes] = []
    # a compact store's bulk rows: lines from their columns (queries/neo4j_import_bulkrows.py)
    columns = bulkrows.READY and compact(conn)
    cells = bulkrows.Cells()
    holding_sql = bulkrows.HOLDING_SELECT if columns else "SELECT id, json FROM holdings"
    link_sql = bulkrows.LINK_SELECT if columns else "SELECT kind, id, json FROM links"
    factory = conn.text_factory
    conn.text_factory = bytes
    try:
        cur = conn.execute(
            holding_sql + " WHERE rowid >= ? AND rowid < ?",  # noqa: S608 - fixed column lists
            ranges["holdings"],
        )
        moved = b_alias if plan.one_doc else {}
        defer = b_special if contested or (in_cluster and not plan.one_doc) else None
        for rows in chunks(cur):
            if columns:
                b_slow += bulkrows.bulk_holding_lines(rows, hw, moved, defer, b_deferred, cells)
            else:
                b_slow += holding_lines(rows, hw, moved, defer, b_deferred)
        cur = conn.execute(
            link_sql + " WHERE rowid >= ? AND rowid < ?",  # noqa: S608 - fixed column lists
            ranges["links"],
        )
        loops = bool(alias)
        for rows in chunks(cur):  # every kind in one pass
            by_kind: dict[bytes, list[Any]] = {}
            for row in rows:
                by_kind.setdefault(row[0], []).append(row if columns else row[1:])
            for kind, part in by_kind.items():
                if kind not in rel_types:
                    raise Mixed(f"link kind {kind!r}")
                rel_type, lw = rel_types[kind]
                if columns:
                    b_slow_links += bulkrows.bulk_link_lines(
                        part, rel_type, lw, b_alias, drop_loops=loops, cells=cells
                    )
                else:
                    b_slow_links += link_lines(part, rel_type, lw, b_alias, drop_loops=loops)
    finally:
        conn.text_factory = factory
    deferred = [hid.decode() for hid in b_deferred]
    for hid in (h.decode() for h in b_slow):
        for (body,) in conn.execute("SELECT json FROM holdings WHERE id=?", (hid,)):
            h = from_dict(Holding, json.loads(body))
            if special(h.holder_id, h.security_id):
                deferred.append(hid)
                continue
            if h.holder_id in alias:
                h = dataclasses.replace(h, holder_id=alias[h.holder_id])
            r = holding_row(h)
            hw.row([r["start"], r["end"], "HOLDS", r["id"]], r["props"])
    hw.fh.close()
    states["holds.csv"] = hw.state()
    for lid in (x.decode() for x in b_slow_links):
        for (body,) in conn.execute("SELECT json FROM links WHERE id=?", (lid,)):
            lk = from_dict(Link, json.loads(body))
            a = alias.get(lk.controller_id, lk.controller_id)
            b = alias.get(lk.controlled_id, lk.controlled_id)
            if a != lk.controller_id or b != lk.controlled_id:
                lk = dataclasses.replace(lk, controller_id=a, controlled_id=b)
            if a == b and alias:
                continue
            r = link_row(lk)
            lws[lk.kind.value].row([r["start"], r["end"], lk.kind.rel_type, r["id"]], r["props"])
    for k, lw in lws.items():
        lw.fh.close()
        states[f"{k}.csv"] = lw.state()
    return states, deferred


def write_all(store: Any, folder: Path, database: str, *, workers: int = 2) -> list[str]:
    """Write every file of the export into ``folder`` (inside the caller's snapshot);
    returns the file names. Raises :class:`Mixed` when a column's values disagree in type.

    With ``workers`` 2 (and ``os.fork``), a second process writes the second half of the
    parties, holdings and links while this one writes the first half and the rest; it reads
    the store through its own connection and gives up (this process then writes its half)
    unless it sees the same store state."""
    from ownergraph.graph.history import current_holdings
    from ownergraph.graph.model import ReportedPosition, from_dict
    from ownergraph.graph.neo4j_rows import (
        document_row,
        holding_row,
        party_row,
    )
    from ownergraph.graph.store import build_graph
    from ownergraph.graph.vocab import DOCUMENT_LABEL
    from ownergraph.queries.neo4j_import import (
        _csv,
        _script,
        _write_set,
        file_names,
        folder_sizes,
        import_command,
    )

    conn = store._conn
    plan = _plan(store)
    alias = plan.alias
    halves = _halves(conn, len(plan.in_cluster)) if workers > 1 else [dict.fromkeys(("parties", "holdings", "links"),
                                                              _ALL)]  # fmt: skip

    def header(name: str, head: list[str]) -> None:
        (folder / f"{name}_header.csv").write_bytes(_csv([head]))

    child: tuple[int, int] | None = None
    if len(halves) > 1:
        child = _fork(store, lambda c: _part(c, folder, plan, halves[1], PART))
    try:
        states, deferred = _part(conn, folder, plan, halves[0], "")
        # the nodes of the merged parties: (id, record text, name), from the stored texts
        # (queries/neo4j_import_merged.py), else from their records as build_graph merges them
        groups = merged_parties(conn, alias)
        if groups is None:
            groups = _merged_the_slow_way(store, plan)
        names = {pid: name for pid, _t, name in groups}

        # documents (a handful): the row functions, cover pages riding along
        positions: dict[str, list[ReportedPosition]] = {}
        for (body,) in conn.execute("SELECT json FROM positions ORDER BY id"):
            rp = from_dict(ReportedPosition, json.loads(body))
            rp = dataclasses.replace(rp, party_id=alias.get(rp.party_id, rp.party_id))
            positions.setdefault(rp.document_id, []).append(rp)

        def documents() -> Iterator[dict[str, Any]]:
            for d in sorted(plan.docs, key=lambda d: d.id):
                yield document_row(d, positions.get(d.id, ()))

        _write_set(folder, "documents", ["id:ID", ":LABEL"], documents,
                   lambda r: [r["id"], DOCUMENT_LABEL])  # fmt: skip
        issues = _securities(conn, folder, names, alias, header)

        # merged parties, from their cluster, appended to this process's parties file while
        # the other process may still be writing its half
        mw = _reopen(folder / "parties.csv", "parties.csv")
        slow = set(party_lines([(pid, t, None) for pid, t, _n in groups], plan.labels, mw))
        for pid, t, _n in groups:
            if pid in slow:
                r = party_row(from_dict(Party, json.loads(t)))
                mw.row([r["id"], plan.labels[r["kind"]]], r["props"])
        mw.fh.close()
        states["parties.csv"] = _merged(states["parties.csv"], mw.state())
    except BaseException:
        if child is not None:  # the other process stops too
            _stop(child)
        raise

    other = _joined(child) if child is not None else None
    if other is None and len(halves) > 1:  # no fork here, or the store moved meanwhile
        other = _part(conn, folder, plan, halves[1], PART)
    writers = {}
    for name, state in states.items():
        if other is None:  # one process wrote every row: the second data file is empty
            (folder / (name[:-4] + PART + ".csv")).write_bytes(b"")
        w = writers[name] = _reopen(folder / name, name)
        w.merge(state)
        if other is not None:
            w.merge(other[0][name])
    if other is not None:
        deferred += other[1]

    # holdings decided together: superseded ones left out, merged holders under the kept id
    special = []
    for hid in deferred:
        for (body,) in conn.execute("SELECT json FROM holdings WHERE id=?", (hid,)):
            special.append(from_dict(Holding, json.loads(body)))
    if special:
        if plan.in_cluster and not plan.merges:
            plan.merges = store.merges()
            plan.cluster_parties = _cluster_parties(conn, plan.in_cluster)
        by_id = {d.id: d for d in plan.docs}
        kept = build_graph(plan.cluster_parties, [], current_holdings(special, by_id), [],
                           plan.docs, merges=plan.merges)  # fmt: skip
        hw = writers["holds.csv"]
        for _u, _v, d in kept.edges(data=True):
            if isinstance(d.get("record"), Holding):
                r = holding_row(d["record"])
                hw.row([r["start"], r["end"], "HOLDS", r["id"]], r["props"])
    for name, w in writers.items():
        header(name[:-4], w.close())

    iw = SetWriter(folder / "issues.csv", _REL_LEAD, {"hash": "s"})
    iw.lines([issues_line(i, s) for i, s in issues])
    header("issues", iw.close())
    (folder / "import.sh").write_bytes(_script(import_command(folder_sizes(folder)), database))
    return file_names()


def _securities(
    conn: Any,
    folder: Path,
    groups: dict[str, str],
    alias: dict[str, str],
    header: Callable[[str, list[str]], None],
) -> list[tuple[str, str]]:
    """Write ``securities.csv`` and its header; the ``(issuer id, class id)`` of the ISSUES
    relationships."""
    from ownergraph.graph.model import from_dict
    from ownergraph.graph.neo4j_rows import security_row

    w = SetWriter(folder / "securities.csv", ["id:ID", ":LABEL"], SECURITY_COLS)
    cur = conn.execute(
        "SELECT s.id, s.json, s.issuer_id, (SELECT p.name FROM parties p"
        " WHERE p.id = s.issuer_id) FROM securities s"  # the record's name, in its column
    )
    issues: list[tuple[str, str]] = []
    slow: list[str] = []
    for rows in chunks(cur):
        names = {r[2]: r[3] for r in rows}

        def issuer_name(iid: str, _n: dict[str, Any] = names) -> str | None:
            if iid in groups:
                return groups[iid]
            if iid in alias:
                return None
            return _n[iid] if iid in _n else _issuer(iid, groups, alias, conn)

        got = security_lines([r[:2] for r in rows], issuer_name, alias, w)
        slow += got[0]
        issues += got[1]
    for sid in slow:
        for (body,) in conn.execute("SELECT json FROM securities WHERE id=?", (sid,)):
            s = from_dict(Security, json.loads(body))
            iid = alias.get(s.issuer_id, s.issuer_id)
            if iid != s.issuer_id:
                s = dataclasses.replace(s, issuer_id=iid)
            issuer = _issuer(iid, groups, alias, conn)
            if issuer is not None:
                issues.append((iid, s.id))
            r = security_row(s, f"{issuer} — {s.title}" if issuer else s.title)
            w.row([r["id"], "Security"], r["props"])
    header("securities", w.close())
    return issues


def _merged_the_slow_way(store: Any, plan: _Plan) -> list[tuple[str, str, str]]:
    """:func:`queries.neo4j_import_merged.merged_parties` from the records, as
    :func:`graph.store.build_graph` merges them (a member's record is not canonical)."""
    from ownergraph.graph.store import build_graph

    plan.merges = store.merges()
    plan.cluster_parties = _cluster_parties(store._conn, plan.in_cluster)
    small = build_graph(plan.cluster_parties, [], [], [], plan.docs, merges=plan.merges)
    if small.graph["aliases"] != plan.alias:  # the other process used this map
        raise RuntimeError("neo4j-import: merged ids mapped two ways")
    return [
        (n, _record_text(d["record"]), d["record"].name)
        for n, d in small.nodes(data=True)
        if isinstance(d.get("record"), Party)
    ]


def _cluster_parties(conn: Any, in_cluster: set[str]) -> list[Party]:
    """The records of the parties entity resolution merged (kept and merged ids)."""
    from ownergraph.graph.model import from_dict

    return [
        from_dict(Party, json.loads(body))
        for (body,) in conn.execute(
            "SELECT json FROM parties WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
            (json.dumps(sorted(in_cluster)),),
        )
    ]


def _merged(
    a: tuple[int, int, set[str]], b: tuple[int, int, set[str]]
) -> tuple[int, int, set[str]]:
    """Two :meth:`SetWriter.state` of one file, as one."""
    return a[0] + b[0], a[1] + b[1], a[2] | b[2]


def _reopen(path: Path, name: str) -> SetWriter:
    """A :class:`SetWriter` appending to a data file :func:`_part` wrote (its state merged
    in by the caller)."""
    if name == "parties.csv":
        return SetWriter(path, ["id:ID", ":LABEL"], PARTY_COLS, mode="a")
    if name == "holds.csv":
        return SetWriter(path, _REL_LEAD, HOLD_COLS, HOLD_FLOATS, mode="a")
    return SetWriter(path, _REL_LEAD, LINK_COLS, LINK_NULLABLE, mode="a")


class _Moved(Exception):
    """The second process saw another store state than this one."""


def _fork(store: Any, work: Callable[[Any], Any]) -> tuple[int, int] | None:
    """Run ``work(connection)`` in a forked process on its own connection to the store, in a
    read transaction at the store state of ``store``'s (open) snapshot; its pid and the read
    end of the pipe its result comes back through (:func:`_joined`)."""
    import os
    import sqlite3
    import sys
    import traceback

    if not hasattr(os, "fork"):
        return None
    seq = store._conn.execute("SELECT value FROM meta WHERE key='seq'").fetchone()
    sys.stdout.flush()
    sys.stderr.flush()
    r, w = os.pipe()
    pid = os.fork()
    if pid:
        os.close(w)
        return pid, r
    os.close(r)
    code = 0
    try:
        conn = sqlite3.connect(str(store.path), timeout=30.0)
        conn.execute("BEGIN")
        if conn.execute("SELECT value FROM meta WHERE key='seq'").fetchone() != seq:
            raise _Moved
        result = work(conn)
        conn.execute("COMMIT")
        with os.fdopen(w, "wb") as out:
            pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
    except _Moved:
        code = 3
    except Mixed:
        code = 4
    except BaseException:  # noqa: BLE001 - reported, then the parent raises
        traceback.print_exc()
        code = 1
    finally:
        sys.stderr.flush()
        os._exit(code)


def _stop(child: tuple[int, int]) -> None:
    import os
    import signal

    pid, r = child
    os.kill(pid, signal.SIGTERM)
    os.close(r)
    os.waitpid(pid, 0)


def _joined(child: tuple[int, int]) -> Any:
    """Wait for the process of :func:`_fork`: its result, or None when it saw another store
    state; raises when it failed."""
    import os

    pid, r = child
    with os.fdopen(r, "rb") as f:
        data = f.read()
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code == 3:
        return None
    if code == 4:
        raise Mixed("a column of the second process")
    if code:
        raise RuntimeError(f"neo4j-import: the second writer failed (exit {code})")
    return pickle.loads(data)  # noqa: S301 - written by this process's own fork


def _record_text(p: Party) -> str:
    """A record's canonical JSON text, as the store writes it."""
    from ownergraph.graph.neo4j_rows import _json

    return _json(p)


def _issuer(iid: str, groups: dict[str, str], alias: dict[str, str], conn: Any) -> str | None:
    """The name of the node ``iid`` (a kept id after merges; ``groups``: the merged nodes'
    names), ``None`` when it is no node."""
    if iid in groups:
        return groups[iid]
    if iid in alias:
        return None
    for (name,) in conn.execute("SELECT name FROM parties WHERE id=?", (iid,)):
        return str(name)
    return None
