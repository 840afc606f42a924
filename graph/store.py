"""The embedded store: one SQLite file, no server.

Each document loads in one transaction (all of it or none of it); loading the same bytes
twice changes nothing, because every id derives from natural keys and the document id
from the file's sha256. Parties seen in several documents are kept once per document in
``party_records`` and merged into ``parties`` (every spelling kept). Every row carries the
``seq`` of the load that wrote it, so a server sync can send only what changed.

Values reach SQL only as parameters.

>>> import tempfile, pathlib
>>> s = Store(pathlib.Path(tempfile.mkdtemp()) / "t.db")
>>> s.counts()["documents"]
0
>>> s.close()
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ownergraph.graph.errors import StoreError
from ownergraph.graph.history import (
    current_across_merges,
    current_holdings,
    current_links,
    in_force,
)
from ownergraph.graph.model import (
    Document,
    Finding,
    Holding,
    Link,
    ParsedDocument,
    Party,
    ReportedPosition,
    Security,
    check_record,
    from_dict,
    to_dict,
)
from ownergraph.graph.resolution import Merge, clusters
from ownergraph.graph.resolution_store import SCHEMA as _RESOLUTION_SCHEMA
from ownergraph.graph.store_journal import open_in_wal
from ownergraph.graph.store_layout import SCHEMA as _LAYOUT_SCHEMA
from ownergraph.graph.store_layout import record_inserts
from ownergraph.graph.vocab import EdgeKind, NodeKind

if TYPE_CHECKING:  # networkx is imported when a graph is built, not by every command
    import networkx as nx

SCHEMA_VERSION = 1

# the tables of holdings and links are in graph.store_layout (created before these)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, path TEXT NOT NULL, format TEXT NOT NULL,
    issuer_id TEXT, seq INTEGER NOT NULL, json TEXT NOT NULL, extra TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS party_records (
    document_id TEXT NOT NULL, party_id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL,
    PRIMARY KEY (document_id, party_id));
CREATE INDEX IF NOT EXISTS party_records_party ON party_records(party_id);
CREATE TABLE IF NOT EXISTS parties (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, seq INTEGER NOT NULL,
    json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS party_names (
    party_id TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (party_id, name));
CREATE TABLE IF NOT EXISTS party_identifiers (
    party_id TEXT NOT NULL, scheme TEXT NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (party_id, scheme, value));
CREATE INDEX IF NOT EXISTS party_identifiers_value ON party_identifiers(value);
CREATE TABLE IF NOT EXISTS securities (
    id TEXT PRIMARY KEY, issuer_id TEXT NOT NULL, cusip TEXT, seq INTEGER NOT NULL,
    json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS security_records (
    document_id TEXT NOT NULL, security_id TEXT NOT NULL, PRIMARY KEY (document_id, security_id));
CREATE INDEX IF NOT EXISTS holdings_doc ON holdings(document_id);
CREATE INDEX IF NOT EXISTS links_doc ON links(document_id);
CREATE TABLE IF NOT EXISTS positions (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL, party_id TEXT NOT NULL,
    seq INTEGER NOT NULL, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS positions_doc ON positions(document_id);
CREATE TABLE IF NOT EXISTS findings (
    id TEXT PRIMARY KEY, document_id TEXT, kind TEXT NOT NULL, severity TEXT NOT NULL,
    seq INTEGER NOT NULL, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS findings_doc ON findings(document_id);
CREATE TABLE IF NOT EXISTS merges (
    id TEXT PRIMARY KEY, kept_id TEXT NOT NULL, merged_id TEXT NOT NULL, seq INTEGER NOT NULL,
    json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS merge_rejections (
    a TEXT NOT NULL, b TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (a, b));
CREATE TABLE IF NOT EXISTS name_keys (
    key TEXT NOT NULL, node_id TEXT NOT NULL, PRIMARY KEY (key, node_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS name_keys_node ON name_keys(node_id);
CREATE INDEX IF NOT EXISTS documents_issuer ON documents(issuer_id);
"""

# Kind precedence when one party is seen with different kinds in different documents.
_KIND_ORDER = [
    NodeKind.PERSON,
    NodeKind.ISSUER,
    NodeKind.FUND,
    NodeKind.GROUP,
    NodeKind.ENTITY,
    NodeKind.UNKNOWN,
]


@dataclass(frozen=True)
class LoadResult:
    """What one :meth:`Store.load` did."""

    document_id: str
    path: str
    status: str  # "loaded" or "unchanged"
    counts: dict[str, int]


def _dumps(obj: Any) -> str:
    return json.dumps(to_dict(obj), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def merge_party_records(records: Iterable[Party]) -> Party:
    """Merge the records of one party from several documents, independent of load order.

    The name is the most frequent clean name (ties: the longest, then alphabetical); every
    spelling, identifier, type code and piece of provenance is kept.
    """
    recs = list(records)
    if len(recs) > 1:  # one record needs no order (and no serialising to find it)
        recs.sort(key=_dumps)
    if not recs:
        raise ValueError("no records to merge")
    counts: dict[str, int] = {}
    for r in recs:
        counts[r.name] = counts.get(r.name, 0) + 1
    name = sorted(counts, key=lambda n: (-counts[n], -len(n), n))[0]
    kinds = {r.kind for r in recs}
    kind = next(k for k in _KIND_ORDER if k in kinds)
    names = sorted({n for r in recs for n in (r.name, *r.names)})
    identifiers = sorted({i for r in recs for i in r.identifiers})
    codes = sorted({c for r in recs for c in r.type_codes})
    jurisdiction = next((r.jurisdiction for r in recs if r.jurisdiction), None)
    prov = []
    seen = set()
    if len(recs) == 1 and len(recs[0].provenance) <= 1:
        prov = list(recs[0].provenance)  # nothing to deduplicate or order (no serialising)
    for r in recs if not prov else ():
        for p in r.provenance:
            key = _dumps(p)
            if key not in seen:
                seen.add(key)
                prov.append(p)
    if len(prov) > 1:
        prov.sort(key=_dumps)
    return Party(
        id=recs[0].id,
        name=name,
        kind=kind,
        names=tuple(names),
        identifiers=tuple(identifiers),
        jurisdiction=jurisdiction,
        type_codes=tuple(codes),
        is_component=all(r.is_component for r in recs),
        provenance=tuple(prov),
    )


class Store:
    """The SQLite-backed embedded store.

    Open it with a path (created if missing). Readers work while a load runs (WAL mode);
    two loads serialise on the write lock (``BEGIN IMMEDIATE`` with a busy timeout).
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(
                str(self.path), timeout=timeout, isolation_level=None, check_same_thread=False
            )
            open_in_wal(self._conn, timeout)  # waits out a first load's rollback journal
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")  # noqa: S608 - an int
            self._conn.executescript(_LAYOUT_SCHEMA)  # (an older store keeps its tables)
            self._conn.executescript(_SCHEMA)
            self._conn.executescript(_RESOLUTION_SCHEMA)  # stored blocking keys
            row = self._conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if row is None:
                self._conn.execute(
                    "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?)",
                    (str(SCHEMA_VERSION),),
                )
                self._conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('seq', '0')")
                # a new store indexes names as it loads (an older one once, see _index_all_names)
                self._conn.execute(
                    "INSERT OR IGNORE INTO meta(key, value) VALUES ('name_keys', '1')"
                )
                self._conn.execute(  # ... and keeps its parties' blocking keys as it loads
                    "INSERT OR IGNORE INTO meta(key, value) VALUES ('resolution_keys', '1')"
                )
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc}") from exc
        #: the INSERTs of holdings and links (their JSON's column: graph.store_layout)
        self._inserts = record_inserts(self._conn)
        self._lock = threading.RLock()
        self._generation: int | None = None
        self._graph_cache: tuple[tuple[int, str | None], nx.MultiDiGraph] | None = None

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(f"{self.path}: store is busy (another load?): {exc}") from exc
            self._generation = None
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                self._generation = None  # its files are debris the next write removes
                raise
            else:
                self._conn.execute("COMMIT")
            if self._generation is not None:
                from ownergraph.graph.columns import prune

                prune(self.path, self._generation)
                self._generation = None

    def _write_columns(self, c: sqlite3.Connection, seq: int) -> None:
        """Write the column graph of this transaction's content (:mod:`graph.columns`);
        the COMMIT puts it in force together with the rows."""
        from ownergraph.graph.columns import write_generation

        _index_all_names(c)
        self._generation = write_generation(self.path, c, seq)

    def columns_current(self) -> bool:
        """Whether the column graph on disk was written at the store's current ``seq``."""
        rows = dict(self._rows("SELECT key, value FROM meta WHERE key IN ('seq', 'columns_seq')"))
        return rows.get("columns_seq") == rows.get("seq")

    def refresh_columns(self) -> None:
        """Write the column graph if it is missing or older than the content (a store
        written before the columns existed); a no-op when current."""
        if self.columns_current():
            return
        with self._write() as c:
            seq = int(c.execute("SELECT value FROM meta WHERE key='seq'").fetchone()[0])
            row = c.execute("SELECT value FROM meta WHERE key='columns_seq'").fetchone()
            if row is None or row[0] != str(seq):
                self._write_columns(c, seq)

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one store state: a read transaction (WAL snapshot isolation),
        so a load committing meanwhile is seen by none of them or by all of them. Nested
        use (or use inside a write) joins the transaction already open."""
        with self._lock:
            if self._conn.in_transaction:
                yield
                return
            self._conn.execute("BEGIN")
            try:
                yield
            finally:
                self._conn.execute("COMMIT")

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    @property
    def seq(self) -> int:
        """The sequence number of the last write (changes whenever content changes)."""
        return int(self._rows("SELECT value FROM meta WHERE key='seq'")[0][0])

    # ------------------------------------------------------------------ writes

    def load(self, parsed: ParsedDocument) -> LoadResult:
        """Load one parsed document in one transaction; a no-op if already loaded."""
        return self.load_many([parsed])[0]

    def load_many(
        self, docs: Iterable[ParsedDocument], *, resolve: bool = True
    ) -> list[LoadResult]:
        """Load several parsed documents in one transaction: all of them or none.

        With ``resolve`` (the default), entity resolution runs in the same transaction
        (:mod:`graph.resolution`), so the same party from two documents is one node.
        """
        from ownergraph.graph.store_journal import journal_for_load

        results: list[LoadResult] = []  # docs consumed one at a time: a stream stays bounded
        with self._lock, journal_for_load(self._conn), self._write() as c:
            seq = int(c.execute("SELECT value FROM meta WHERE key='seq'").fetchone()[0]) + 1
            changed = False
            for parsed in docs:
                res = self._load_one(c, parsed, seq)
                changed = changed or res.status == "loaded"
                results.append(res)
            if changed and resolve:
                self._resolve(c, seq, compare=False)
            if changed:
                c.execute("UPDATE meta SET value=? WHERE key='seq'", (str(seq),))
                self._write_columns(c, seq)
        return results

    def _resolve(
        self,
        c: sqlite3.Connection,
        seq: int,
        *,
        ids: list[str] | None = None,
        every: bool = False,
        compare: bool = True,
    ) -> bool:
        """Entity resolution of the parties written at ``seq`` (or ``ids``, or ``every``)
        against the stored blocking keys (:mod:`graph.resolution_store`): bounded memory."""
        from ownergraph.graph.resolution_store import resolve_fresh, resolve_written

        # a bulk load into a store without parties hands them over (graph.bulk), once
        parties = self.__dict__.pop("_bulk_parties", None)
        if parties is not None and ids is None:
            return resolve_fresh(c, seq, parties)
        return resolve_written(c, seq, ids=ids, every=every, compare=compare)

    def resolve(self) -> list[Merge]:
        """Recompute entity resolution over every party; return the merges in force."""
        with self._write() as c:
            seq = int(c.execute("SELECT value FROM meta WHERE key='seq'").fetchone()[0]) + 1
            if self._resolve(c, seq, every=True):
                c.execute("UPDATE meta SET value=? WHERE key='seq'", (str(seq),))
                self._write_columns(c, seq)
        return self.merges()

    def merges(self) -> list[Merge]:
        """The merges in force (see :mod:`graph.resolution`)."""
        rows = self._rows("SELECT json FROM merges ORDER BY kept_id, merged_id")
        return [from_dict(Merge, json.loads(r[0])) for r in rows]

    def unmerge(self, a: str, b: str) -> None:
        """Undo (and forbid) the merge of two party ids; the records were never changed."""
        pair = tuple(sorted((a, b)))
        with self._write() as c:
            seq = int(c.execute("SELECT value FROM meta WHERE key='seq'").fetchone()[0]) + 1
            c.execute(
                "INSERT OR IGNORE INTO merge_rejections(a, b, seq) VALUES (?,?,?)", (*pair, seq)
            )
            self._resolve(c, seq, ids=list(pair))
            c.execute("UPDATE meta SET value=? WHERE key='seq'", (str(seq),))
            self._write_columns(c, seq)

    def _load_one(self, c: sqlite3.Connection, parsed: ParsedDocument, seq: int) -> LoadResult:
        if not isinstance(parsed, ParsedDocument):  # a bulk source (graph.bulk.TabularPair)
            return parsed.write(self, c, seq)
        self.__dict__.pop("_bulk_parties", None)  # the bulk's parties are no longer all
        doc = parsed.document
        if c.execute("SELECT 1 FROM documents WHERE id=?", (doc.id,)).fetchone():
            return LoadResult(doc.id, doc.path, "unchanged", {})
        try:
            for rec in (
                doc,
                *parsed.parties,
                *parsed.securities,
                *parsed.holdings,
                *parsed.links,
                *parsed.positions,
                *parsed.findings,
            ):
                check_record(rec)
        except TypeError as exc:
            raise StoreError(
                f"{doc.path}: refused, the loader produced a bad record: {exc}"
            ) from exc
        c.execute(
            "INSERT INTO documents(id, sha256, path, format, issuer_id, seq, json, extra)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (
                doc.id,
                doc.sha256,
                doc.path,
                doc.format.value,
                doc.issuer_id,
                seq,
                _dumps(doc),
                json.dumps(parsed.extra, sort_keys=True, ensure_ascii=False, default=str),
            ),
        )
        c.executemany(
            "INSERT OR REPLACE INTO party_records(document_id, party_id, seq, json)"
            " VALUES (?,?,?,?)",
            [(doc.id, p.id, seq, _dumps(p)) for p in parsed.parties],
        )
        self._remerge(c, {p.id for p in parsed.parties}, seq, known=parsed.parties)
        for s in parsed.securities:
            c.execute(
                "INSERT OR IGNORE INTO security_records(document_id, security_id) VALUES (?,?)",
                (doc.id, s.id),
            )
            old = c.execute("SELECT json FROM securities WHERE id=?", (s.id,)).fetchone()
            if old is None:
                c.execute(
                    "INSERT INTO securities(id, issuer_id, cusip, seq, json) VALUES (?,?,?,?,?)",
                    (s.id, s.issuer_id, s.cusip, seq, _dumps(s)),
                )
                _index_names(c, s)
        # one statement per table (executemany): the rows of a large document in bulk
        c.executemany(
            self._inserts[0],
            [
                (h.id, h.document_id, h.holder_id, h.security_id, seq, _dumps(h))
                for h in parsed.holdings
            ],
        )
        c.executemany(
            self._inserts[1],
            [
                (
                    lk.id,
                    lk.document_id,
                    lk.kind.value,
                    lk.controller_id,
                    lk.controlled_id,
                    seq,
                    _dumps(lk),
                )
                for lk in parsed.links
            ],
        )
        c.executemany(
            "INSERT OR REPLACE INTO positions(id, document_id, party_id, seq, json)"
            " VALUES (?,?,?,?,?)",
            [(rp.id, rp.document_id, rp.party_id, seq, _dumps(rp)) for rp in parsed.positions],
        )
        c.executemany(
            "INSERT OR REPLACE INTO findings(id, document_id, kind, severity, seq, json)"
            " VALUES (?,?,?,?,?,?)",
            [
                (f.id, f.document_id, f.kind, f.severity.value, seq, _dumps(f))
                for f in parsed.findings
            ],
        )
        counts = {
            "parties": len(parsed.parties),
            "securities": len(parsed.securities),
            "holdings": len(parsed.holdings),
            "links": len(parsed.links),
            "positions": len(parsed.positions),
            "findings": len(parsed.findings),
        }
        return LoadResult(doc.id, doc.path, "loaded", counts)

    def _remerge(
        self,
        c: sqlite3.Connection,
        party_ids: Iterable[str],
        seq: int,
        *,
        known: Iterable[Party] = (),
    ) -> None:
        from ownergraph.graph.resolution_store import write_keys
        from ownergraph.queries.resolve import index_keys

        ids = sorted(set(party_ids))
        # a party whose only record is the one just written (``known``) is not read back;
        # every statement runs once per chunk of parties (executemany), not once per party
        mine = {p.id: p for p in known}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            q = ",".join("?" * len(chunk))
            counts = dict(
                c.execute(
                    f"SELECT party_id, count(*) FROM party_records WHERE party_id IN ({q})"  # noqa: S608
                    " GROUP BY party_id",
                    chunk,
                ).fetchall()
            )
            need = [pid for pid in chunk if not (counts.get(pid) == 1 and pid in mine)]
            recs: dict[str, list[Party]] = {}
            for j in range(0, len(need), 500):
                part = need[j : j + 500]
                q2 = ",".join("?" * len(part))
                for pid, body in c.execute(
                    f"SELECT party_id, json FROM party_records WHERE party_id IN ({q2})",  # noqa: S608
                    part,
                ):
                    recs.setdefault(pid, []).append(from_dict(Party, json.loads(body)))
            olds = dict(
                c.execute(f"SELECT id, json FROM parties WHERE id IN ({q})", chunk).fetchall()  # noqa: S608
            )
            changed: list[tuple[Party, str]] = []
            for pid in chunk:
                rs = recs.get(pid) or ([mine[pid]] if pid in mine else [])
                if not rs:
                    continue
                merged = merge_party_records(rs)
                body = _dumps(merged)
                if olds.get(pid) != body:
                    changed.append((merged, body))
            if not changed:
                continue
            c.executemany(
                "INSERT INTO parties(id, name, kind, seq, json) VALUES (?,?,?,?,?)"
                " ON CONFLICT(id) DO UPDATE SET name=excluded.name, kind=excluded.kind,"
                " seq=excluded.seq, json=excluded.json",  # the rowid stays (graph.columns)
                [(m.id, m.name, m.kind.value, seq, body) for m, body in changed],
            )
            gone = [(m.id,) for m, _ in changed]
            c.executemany("DELETE FROM party_names WHERE party_id=?", gone)
            c.executemany(
                "INSERT OR IGNORE INTO party_names(party_id, name) VALUES (?,?)",
                [(m.id, n) for m, _ in changed for n in m.names],
            )
            c.executemany("DELETE FROM party_identifiers WHERE party_id=?", gone)
            c.executemany(
                "INSERT OR IGNORE INTO party_identifiers(party_id, scheme, value) VALUES (?,?,?)",
                [(m.id, sc, v) for m, _ in changed for sc, v in m.identifiers],
            )
            c.executemany("DELETE FROM name_keys WHERE node_id=?", gone)
            c.executemany(
                "INSERT OR IGNORE INTO name_keys(key, node_id) VALUES (?,?)",
                [(k, m.id) for m, _ in changed for k in sorted(index_keys(m))],
            )
            write_keys(c, [m for m, _ in changed])  # entity resolution's blocking keys

    # ------------------------------------------------------------------ reads

    def counts(self) -> dict[str, int]:
        """Row counts per table."""
        out = {}
        for table in (
            "documents",
            "parties",
            "securities",
            "holdings",
            "links",
            "positions",
            "findings",
            "merges",
        ):
            out[table] = self._rows(f"SELECT count(*) FROM {table}")[0][0]  # noqa: S608 - fixed names
        return out

    def documents(self) -> list[Document]:
        """Every loaded document, in load order."""
        rows = self._rows("SELECT json FROM documents ORDER BY seq, id")
        return [from_dict(Document, json.loads(r[0])) for r in rows]

    def document(self, document_id: str) -> Document | None:
        """One document by id."""
        rows = self._rows("SELECT json FROM documents WHERE id=?", (document_id,))
        return from_dict(Document, json.loads(rows[0][0])) if rows else None

    def document_extra(self, document_id: str) -> dict[str, Any]:
        """The format-specific extras of a document (items text, agreement parties ...)."""
        rows = self._rows("SELECT extra FROM documents WHERE id=?", (document_id,))
        return json.loads(rows[0][0]) if rows else {}

    def parties(self) -> list[Party]:
        """Every party, merged across documents, ordered by id."""
        rows = self._rows("SELECT json FROM parties ORDER BY id")
        return [from_dict(Party, json.loads(r[0])) for r in rows]

    def party(self, party_id: str) -> Party | None:
        """One merged party by id."""
        rows = self._rows("SELECT json FROM parties WHERE id=?", (party_id,))
        return from_dict(Party, json.loads(rows[0][0])) if rows else None

    def party_records(self, party_id: str) -> list[tuple[str, Party]]:
        """The per-document records of one party: ``(document_id, party)``."""
        rows = self._rows(
            "SELECT document_id, json FROM party_records WHERE party_id=? ORDER BY document_id",
            (party_id,),
        )
        return [(r[0], from_dict(Party, json.loads(r[1]))) for r in rows]

    def securities(self) -> list[Security]:
        """Every security class."""
        rows = self._rows("SELECT json FROM securities ORDER BY id")
        return [from_dict(Security, json.loads(r[0])) for r in rows]

    def holdings(self, document_id: str | None = None) -> list[Holding]:
        """Holdings, all or of one document."""
        if document_id:
            rows = self._rows(
                "SELECT json FROM holdings WHERE document_id=? ORDER BY id", (document_id,)
            )
        else:
            rows = self._rows("SELECT json FROM holdings ORDER BY id")
        return [from_dict(Holding, json.loads(r[0])) for r in rows]

    def links(self, document_id: str | None = None) -> list[Link]:
        """Links (control, stake, consolidation, membership), all or of one document."""
        if document_id:
            rows = self._rows(
                "SELECT json FROM links WHERE document_id=? ORDER BY id", (document_id,)
            )
        else:
            rows = self._rows("SELECT json FROM links ORDER BY id")
        return [from_dict(Link, json.loads(r[0])) for r in rows]

    def positions(self, document_id: str | None = None) -> list[ReportedPosition]:
        """Cover pages as filed, all or of one document."""
        if document_id:
            rows = self._rows(
                "SELECT json FROM positions WHERE document_id=? ORDER BY id", (document_id,)
            )
        else:
            rows = self._rows("SELECT json FROM positions ORDER BY id")
        return [from_dict(ReportedPosition, json.loads(r[0])) for r in rows]

    def findings(self, document_id: str | None = None) -> list[Finding]:
        """Load findings, all or of one document."""
        if document_id:
            rows = self._rows(
                "SELECT json FROM findings WHERE document_id=? ORDER BY id", (document_id,)
            )
        else:
            rows = self._rows("SELECT json FROM findings ORDER BY id")
        return [from_dict(Finding, json.loads(r[0])) for r in rows]

    def parsed(self, document_id: str) -> ParsedDocument:
        """Reassemble a loaded document's records (parties as that document saw them)."""
        doc = self.document(document_id)
        if doc is None:
            raise StoreError(f"{self.path}: no document {document_id}")
        parties = tuple(
            from_dict(Party, json.loads(r[0]))
            for r in self._rows(
                "SELECT json FROM party_records WHERE document_id=? ORDER BY party_id",
                (document_id,),
            )
        )
        sec_ids = [
            r[0]
            for r in self._rows(
                "SELECT security_id FROM security_records WHERE document_id=?", (document_id,)
            )
        ]
        secs = tuple(s for s in self.securities() if s.id in sec_ids)
        return ParsedDocument(
            document=doc,
            parties=parties,
            securities=secs,
            holdings=tuple(self.holdings(document_id)),
            links=tuple(self.links(document_id)),
            positions=tuple(self.positions(document_id)),
            findings=tuple(self.findings(document_id)),
            extra=self.document_extra(document_id),
        )

    def records_since(self, table: str, seq: int) -> list[Any]:
        """Records of ``table`` written by a load with a sequence number above ``seq``.

        ``table`` is one of ``documents``, ``parties``, ``securities``, ``holdings``,
        ``links``; rows come ordered by id, so a server sync can send them in stable
        batches and resume after the last batch it recorded.
        """
        classes = {
            "documents": Document,
            "parties": Party,
            "securities": Security,
            "holdings": Holding,
            "links": Link,
        }
        if table not in classes:
            raise ValueError(f"no such record table: {table!r}")
        rows = self._rows(
            f"SELECT json FROM {table} WHERE seq > ? ORDER BY id",  # noqa: S608 - fixed names
            (seq,),
        )
        return [from_dict(classes[table], json.loads(r[0])) for r in rows]

    def find_by_identifier(self, value: str, scheme: str | None = None) -> list[str]:
        """Party ids carrying an identifier value (optionally of one scheme)."""
        if scheme:
            rows = self._rows(
                "SELECT DISTINCT party_id FROM party_identifiers WHERE value=? AND scheme=?",
                (value, scheme),
            )
        else:
            rows = self._rows(
                "SELECT DISTINCT party_id FROM party_identifiers WHERE value=?", (value,)
            )
        return sorted(r[0] for r in rows)

    def names(self) -> list[tuple[str, str]]:
        """Every ``(party_id, spelling)`` pair, for search."""
        return [(r[0], r[1]) for r in self._rows("SELECT party_id, name FROM party_names")]

    def integrity_check(self) -> list[str]:
        """SQLite's integrity check plus referential checks; an empty list means healthy."""
        problems = []
        res = self._rows("PRAGMA integrity_check")
        if res != [("ok",)]:
            problems.extend(str(r[0]) for r in res)
        for table in ("holdings", "links", "positions", "party_records"):
            n = self._rows(
                f"SELECT count(*) FROM {table} t LEFT JOIN documents d"  # noqa: S608 - fixed names
                " ON d.id = t.document_id WHERE d.id IS NULL"
            )[0][0]
            if n:
                problems.append(f"{table}: {n} rows of documents that are not loaded")
        n = self._rows(
            "SELECT count(*) FROM holdings h LEFT JOIN parties p ON p.id = h.holder_id"
            " WHERE p.id IS NULL"
        )[0][0]
        if n:
            problems.append(f"holdings: {n} rows whose holder is not a party")
        n = self._rows(
            "SELECT count(*) FROM links l LEFT JOIN parties p ON p.id = l.controller_id"
            " LEFT JOIN parties q ON q.id = l.controlled_id WHERE p.id IS NULL OR q.id IS NULL"
        )[0][0]
        if n:
            problems.append(f"links: {n} rows with an end that is not a party")
        return problems

    # ------------------------------------------------------------------ graph

    def graph(self, *, as_of: dt.date | None = None) -> nx.MultiDiGraph:
        """The control graph as a networkx ``MultiDiGraph`` (cached until the next load).

        Nodes: parties (``kind``, ``name``, ``record``) and security classes
        (``kind="security"``). Edges, keyed by record id: ``holds`` (holder -> security),
        the link kinds (controller -> controlled) and ``issues`` (issuer -> security).
        Merged parties (entity resolution) are one node under the kept id. Holdings are
        those in force ``as_of`` (default: latest; a later amendment supersedes an earlier
        position, see :mod:`graph.history`). Treat the returned graph as read-only.
        """
        with self.snapshot():  # every record of one store state, even while a load commits
            seq = self.seq
            key = (seq, as_of.isoformat() if as_of else None)
            if self._graph_cache and self._graph_cache[0] == key:
                return self._graph_cache[1]
            docs = self.documents()
            parties, securities = self.parties(), self.securities()
            holdings, links = self.holdings(), self.links()
            positions, merges = self.positions(), self.merges()
        by_id = {d.id: d for d in docs}
        g = build_graph(
            parties,
            securities,
            current_holdings(holdings, by_id, as_of=as_of),
            current_links(links, by_id, as_of=as_of),
            docs,
            positions=[p for p in positions if in_force(by_id.get(p.document_id), as_of)],
            merges=merges,
        )
        g.graph["as_of"] = as_of
        g.graph["seq"] = seq  # the store state it was read at (a key for derived caches)
        self._graph_cache = (key, g)
        return g


def _index_names(c: sqlite3.Connection, record: Party | Security) -> None:
    """Replace a record's rows in ``name_keys`` (the lookup index of
    :func:`queries.resolve.index_keys`)."""
    from ownergraph.queries.resolve import index_keys

    c.execute("DELETE FROM name_keys WHERE node_id=?", (record.id,))
    c.executemany(
        "INSERT OR IGNORE INTO name_keys(key, node_id) VALUES (?,?)",
        [(k, record.id) for k in sorted(index_keys(record))],
    )


def _index_all_names(c: sqlite3.Connection) -> None:
    """Fill ``name_keys`` for a store written before it existed (once)."""
    if c.execute("SELECT 1 FROM meta WHERE key='name_keys'").fetchone():
        return
    for (body,) in c.execute("SELECT json FROM parties").fetchall():
        _index_names(c, from_dict(Party, json.loads(body)))
    for (body,) in c.execute("SELECT json FROM securities").fetchall():
        _index_names(c, from_dict(Security, json.loads(body)))
    c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('name_keys', '1')")


def build_graph(
    parties: Iterable[Party],
    securities: Iterable[Security],
    holdings: Iterable[Holding],
    links: Iterable[Link],
    documents: Iterable[Document] = (),
    *,
    positions: Iterable[ReportedPosition] = (),
    merges: Iterable[Merge] = (),
) -> nx.MultiDiGraph:
    """Build the networkx control graph from records (see :meth:`Store.graph`).

    ``g.graph["documents"]`` maps document ids to documents; ``g.graph["positions"]`` holds
    the cover pages as filed (for percentages implied by filings, Rule 13d-3(d)(1)(i)).
    ``merges`` map merged party ids onto kept ids (``g.graph["aliases"]``): records keep
    their own ids, edges are redirected (a holding's holder and a class's issuer name the kept
    id), and the kept node's record carries every spelling.
    """
    parties = list(parties)
    merges = list(merges)
    alias = clusters(merges, {p.id: p for p in parties}) if merges else {}
    if alias:
        groups: dict[str, list[Party]] = {}
        for p in parties:
            groups.setdefault(alias.get(p.id, p.id), []).append(p)
        merged_parties = []
        for kept, members in groups.items():
            if len(members) == 1:
                merged_parties.append(members[0])
                continue
            m = merge_party_records([replace(p, id=kept) for p in members])
            keep = next((p for p in members if p.id == kept), None)
            merged_parties.append(replace(m, name=keep.name, kind=keep.kind) if keep else m)
        parties = merged_parties
        documents = list(documents)
        # one holder's reports under two ids: the latest supersedes (graph.history)
        holdings = current_across_merges(holdings, {d.id: d for d in documents}, alias)
        # (a record whose ids stay is kept as it is: a copy would be equal)
        holdings = [
            replace(h, holder_id=alias[h.holder_id]) if h.holder_id in alias else h
            for h in holdings
        ]
        links = [
            replace(
                lk,
                controller_id=alias.get(lk.controller_id, lk.controller_id),
                controlled_id=alias.get(lk.controlled_id, lk.controlled_id),
            )
            if lk.controller_id in alias or lk.controlled_id in alias
            else lk
            for lk in links
        ]
        links = [lk for lk in links if lk.controller_id != lk.controlled_id]
        positions = [
            replace(p, party_id=alias[p.party_id]) if p.party_id in alias else p for p in positions
        ]
    import networkx as nx

    g = nx.MultiDiGraph()
    g.graph["documents"] = {d.id: d for d in documents}
    g.graph["positions"] = tuple(positions)
    g.graph["aliases"] = alias
    for p in parties:
        g.add_node(p.id, kind=p.kind, name=p.name, record=p)
    for s in securities:
        iid = alias.get(s.issuer_id, s.issuer_id)
        if iid != s.issuer_id:  # the record names the kept issuer, as holdings their holder
            s = replace(s, issuer_id=iid)
        issuer = g.nodes[iid]["name"] if iid in g else None
        name = f"{issuer} — {s.title}" if issuer else s.title
        g.add_node(s.id, kind=NodeKind.SECURITY, name=name, record=s)
        if iid in g:
            g.add_edge(iid, s.id, key=f"issues:{s.id}", kind=EdgeKind.ISSUES)
    for h in holdings:
        g.add_edge(
            h.holder_id,
            h.security_id,
            key=h.id,
            kind=EdgeKind.HOLDS,
            shares=h.shares,
            instrument=h.instrument,
            record=h,
        )
    for lk in links:
        g.add_edge(
            lk.controller_id,
            lk.controlled_id,
            key=lk.id,
            kind=lk.kind,
            role=lk.role,
            power=lk.power,
            share=lk.share,
            record=lk,
        )
    return g


def replace_document_path(parsed: ParsedDocument, path: str) -> ParsedDocument:
    """Return ``parsed`` with its document's path replaced (e.g. an upload's real name)."""
    return replace(parsed, document=replace(parsed.document, path=path))
