"""The Neo4j server backend: connection, schema and sync from the embedded store.

Driven the driver's way (official ``neo4j`` driver): transaction functions
(``session.execute_write`` / ``execute_read``), reads routed as reads, writes as
``UNWIND $rows … MERGE`` in batches, constraints installed idempotently, records turned into
plain data inside the transaction. Labels and relationship types come from
:mod:`graph.vocab` (``PARTY_LABEL``, ``NodeKind.label``, ``EdgeKind.rel_type``); values reach
Cypher only as parameters. Credentials are never logged, printed or put in an error.

The graph on the server mirrors :meth:`graph.store.Store.graph`:

- ``(:Party:<Kind> {id, name, kind, names, identifiers, cik, lei, ...})`` for every party,
- ``(:Security {id, issuer_id, title, cusip, name})`` for every security class,
- ``(:Document {id, path, format, form, accession, ...})`` for every loaded document,
- ``HOLDS`` (holder -> security), ``CONTROLS`` / ``OWNS`` / ``CONSOLIDATES`` / ``MEMBER_OF``
  (controller -> controlled) and ``ISSUES`` (issuer -> security) relationships keyed by the
  record id. Every node and relationship carries its provenance (``provenance``, a JSON
  string) and the whole record (``record``, JSON of :func:`graph.model.to_dict`), so the
  networkx graph can be rebuilt from the server exactly (:func:`graph_from_rows`).

Sync is incremental (rows whose store ``seq`` is above the last synced seq, recorded on the
server in one ``:OwnergraphSync`` node), idempotent (a content-hash diff: only missing or
changed rows are written, new ones with CREATE), and resumable: each batch
records its progress in the same transaction that writes it, so a rerun after a dropped
connection skips the batches already committed.
"""

from __future__ import annotations

import logging
from typing import Any

import neo4j
import networkx as nx
from neo4j import exceptions as neo4j_exc

from ownergraph.graph.errors import BackendError
from ownergraph.graph.neo4j_cypher import _FINISH as _FINISH
from ownergraph.graph.neo4j_cypher import _GRAPH_NODES as _GRAPH_NODES
from ownergraph.graph.neo4j_cypher import _GRAPH_RELS as _GRAPH_RELS
from ownergraph.graph.neo4j_cypher import _NODE_LABEL as _NODE_LABEL
from ownergraph.graph.neo4j_cypher import _PROGRESS as _PROGRESS
from ownergraph.graph.neo4j_cypher import _REL_ENDS as _REL_ENDS
from ownergraph.graph.neo4j_cypher import _STATE as _STATE
from ownergraph.graph.neo4j_cypher import _count_queries as _count_queries
from ownergraph.graph.neo4j_cypher import _create_nodes as _create_nodes
from ownergraph.graph.neo4j_cypher import _create_rels as _create_rels
from ownergraph.graph.neo4j_cypher import _delete_nodes as _delete_nodes
from ownergraph.graph.neo4j_cypher import _delete_rels as _delete_rels
from ownergraph.graph.neo4j_cypher import _labels as _labels
from ownergraph.graph.neo4j_cypher import _node_state as _node_state
from ownergraph.graph.neo4j_cypher import _rel_state as _rel_state
from ownergraph.graph.neo4j_cypher import _update_nodes as _update_nodes
from ownergraph.graph.neo4j_cypher import schema_statements as schema_statements
from ownergraph.graph.neo4j_rows import LINK_KINDS as LINK_KINDS
from ownergraph.graph.neo4j_rows import NODE_SETS as NODE_SETS
from ownergraph.graph.neo4j_rows import PARTY_KINDS as PARTY_KINDS
from ownergraph.graph.neo4j_rows import REL_KINDS as REL_KINDS
from ownergraph.graph.neo4j_rows import REL_SETS as REL_SETS
from ownergraph.graph.neo4j_rows import SECURITY_LABEL as SECURITY_LABEL
from ownergraph.graph.neo4j_rows import _converter as _converter
from ownergraph.graph.neo4j_rows import _dumps as _dumps
from ownergraph.graph.neo4j_rows import _json as _json
from ownergraph.graph.neo4j_rows import _record_props as _record_props
from ownergraph.graph.neo4j_rows import _row as _row
from ownergraph.graph.neo4j_rows import cypher_fold as cypher_fold
from ownergraph.graph.neo4j_rows import desired_state as desired_state
from ownergraph.graph.neo4j_rows import document_row as document_row
from ownergraph.graph.neo4j_rows import expected_counts as expected_counts
from ownergraph.graph.neo4j_rows import fast_dict as fast_dict
from ownergraph.graph.neo4j_rows import graph_counts as graph_counts
from ownergraph.graph.neo4j_rows import graph_from_rows as graph_from_rows
from ownergraph.graph.neo4j_rows import holding_row as holding_row
from ownergraph.graph.neo4j_rows import issues_row as issues_row
from ownergraph.graph.neo4j_rows import link_row as link_row
from ownergraph.graph.neo4j_rows import party_row as party_row
from ownergraph.graph.neo4j_rows import search_keys as search_keys
from ownergraph.graph.neo4j_rows import security_row as security_row
from ownergraph.graph.neo4j_sync import DEFAULT_BATCH as DEFAULT_BATCH
from ownergraph.graph.neo4j_sync import SYNC_KEY as SYNC_KEY
from ownergraph.graph.neo4j_sync import SyncMixin
from ownergraph.graph.neo4j_sync import SyncReport as SyncReport
from ownergraph.graph.neo4j_sync import _chunks as _chunks
from ownergraph.graph.neo4j_sync import _compact as _compact
from ownergraph.graph.neo4j_sync import _progress_bar as _progress_bar
from ownergraph.graph.neo4j_sync import _Step as _Step
from ownergraph.graph.settings import Settings
from ownergraph.graph.store import Store as Store
from ownergraph.graph.store import build_graph as build_graph
from ownergraph.graph.vocab import DOCUMENT_LABEL as DOCUMENT_LABEL
from ownergraph.graph.vocab import PARTY_LABEL as PARTY_LABEL
from ownergraph.graph.vocab import SYNC_LABEL as SYNC_LABEL
from ownergraph.graph.vocab import EdgeKind as EdgeKind
from ownergraph.graph.vocab import NodeKind as NodeKind

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- plain data


def plain(value: Any) -> Any:
    """Turn driver values (nodes, relationships, paths, temporals) into plain data.

    >>> plain([1, {"a": None}])
    [1, {'a': None}]
    """
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"labels": sorted(value.labels), "properties": plain(dict(value))}
    if isinstance(value, Relationship):
        return {
            "type": value.type,
            "start": value.start_node.get("id") if value.start_node else None,
            "end": value.end_node.get("id") if value.end_node else None,
            "properties": plain(dict(value)),
        }
    if isinstance(value, Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relationships": [plain(r) for r in value.relationships],
        }
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


# --------------------------------------------------------------------------- backend


class Neo4jBackend(SyncMixin):
    """A connection to a Neo4j 5 (or Bolt-compatible) server (its sync:
    :class:`graph.neo4j_sync.SyncMixin`).

    Build it with :meth:`from_settings`; use it as a context manager. The password is kept
    only inside the driver's auth object; ``repr`` shows the URI, user and database.
    """

    def __init__(
        self,
        uri: str,
        user: str | None,
        password: str | None,
        database: str | None = None,
        *,
        max_retry_time: float = 30.0,
        connection_timeout: float = 10.0,
    ) -> None:
        if not uri:
            raise BackendError("no Neo4j server configured: set OWNERGRAPH_NEO4J_URI or pass --uri")
        self.uri = uri
        self._schema_checked = False
        #: Connected as the configured read-only user (:meth:`from_settings` ``reader``).
        self.read_only_user = False
        self.user = user
        self.database = database
        auth = (user, password or "") if user else None
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri,
                auth=auth,
                max_transaction_retry_time=max_retry_time,
                connection_timeout=connection_timeout,
                connection_acquisition_timeout=connection_timeout + 5,
            )
        except (ValueError, neo4j_exc.ConfigurationError) as exc:
            raise BackendError(f"bad Neo4j URI {uri!r}: {exc}") from None

    @classmethod
    def from_settings(
        cls, settings: Settings, *, reader: bool = False, **kwargs: Any
    ) -> Neo4jBackend:
        """Connect with ``OWNERGRAPH_NEO4J_*`` settings (CLI flags already applied).

        ``reader``: as the read-only user (``OWNERGRAPH_NEO4J_READ_USER``) when one is
        configured (the Cypher console and ``ownergraph cypher`` without --write).
        """
        if reader and settings.neo4j_read_user:
            user, password = settings.neo4j_read_user, settings.neo4j_read_password
        else:
            user, password = settings.neo4j_user, settings.neo4j_password
        backend = cls(settings.neo4j_uri or "", user, password, settings.neo4j_database, **kwargs)
        backend.read_only_user = bool(reader and settings.neo4j_read_user)
        return backend

    def __repr__(self) -> str:
        return f"Neo4jBackend(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"

    def close(self) -> None:
        """Close the driver."""
        self._driver.close()

    def __enter__(self) -> Neo4jBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ errors

    def _translate(self, exc: Exception, doing: str) -> BackendError:
        """A driver error as a :class:`BackendError` naming the server, never the password."""
        where = f"{self.uri}" + (f" (database {self.database})" if self.database else "")
        if isinstance(exc, neo4j_exc.AuthError):
            return BackendError(f"{doing}: authentication failed for user {self.user!r} at {where}")
        if isinstance(exc, neo4j_exc.ServiceUnavailable | neo4j_exc.SessionExpired):
            return BackendError(f"{doing}: cannot reach the server at {where}: {exc}")
        if isinstance(exc, neo4j_exc.Neo4jError):
            msg = exc.message or str(exc)
            code = exc.code or ""
            return BackendError(f"{doing}: the server at {where} refused: {code} {msg}".strip())
        return BackendError(f"{doing}: {type(exc).__name__}: {exc}")

    _ERRORS = (neo4j_exc.Neo4jError, neo4j_exc.DriverError, OSError)

    # ------------------------------------------------------------------ transactions

    def _session(self, *, write: bool) -> neo4j.Session:
        return self._driver.session(
            database=self.database,
            default_access_mode=neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS,
        )

    def read(
        self, query: str, params: dict[str, Any] | None = None, *, timeout: float | None = None
    ) -> list[dict[str, Any]]:
        """Run a query in a read transaction; rows as plain dicts (converted in the tx)."""
        return self._run(query, params or {}, write=False, timeout=timeout, doing="read query")

    def write(
        self, query: str, params: dict[str, Any] | None = None, *, timeout: float | None = None
    ) -> list[dict[str, Any]]:
        """Run a query in a write transaction; rows as plain dicts."""
        return self._run(query, params or {}, write=True, timeout=timeout, doing="write query")

    def _run(
        self, query: str, params: dict[str, Any], *, write: bool, timeout: float | None, doing: str
    ) -> list[dict[str, Any]]:

        @neo4j.unit_of_work(timeout=timeout)
        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            result = tx.run(query, params)  # type: ignore[arg-type]
            return [{k: plain(v) for k, v in rec.items()} for rec in result]

        try:
            with self._session(write=write) as session:
                if write:
                    return session.execute_write(work)
                return session.execute_read(work)
        except self._ERRORS as exc:
            raise self._translate(exc, doing) from None

    # ------------------------------------------------------------------ read-only guard

    def _rolled_back(
        self, query: str, params: dict[str, Any], *, timeout: float | None, doing: str
    ) -> tuple[list[dict[str, Any]], Any]:
        """Run in a read-mode transaction that is always rolled back; rows and summary."""
        try:
            with self._session(write=False) as session:
                tx = session.begin_transaction(timeout=timeout)
                try:
                    result = tx.run(query, params)  # type: ignore[arg-type]
                    rows = [{k: plain(v) for k, v in rec.items()} for rec in result]
                    summary = result.consume()
                finally:
                    tx.rollback()
        except self._ERRORS as exc:
            raise self._translate(exc, doing) from None
        return rows, summary

    def explain_type(
        self, query: str, params: dict[str, Any] | None = None, *, timeout: float | None = None
    ) -> str | None:
        """The query type the server reports for ``EXPLAIN <query>`` (``r``, ``rw``,
        ``w``, ``s``), asked in a rolled-back read transaction; the query does not run."""
        _, summary = self._rolled_back(
            "EXPLAIN " + query, params or {}, timeout=timeout, doing="EXPLAIN"
        )
        return summary.query_type

    def reports_query_types(self) -> bool:
        """Whether ``EXPLAIN`` tells reads from writes here (checked once per connection):
        ``EXPLAIN RETURN 1`` must say ``r`` and ``EXPLAIN CREATE (n) RETURN n`` a write.
        ArcadeDB says ``w`` for both."""
        if not hasattr(self, "_reports_types"):
            try:
                read = self.explain_type("RETURN 1 AS probe")
                write = self.explain_type("CREATE (n) RETURN n")
            except BackendError:
                read = write = None
            self._reports_types = read == "r" and write in ("w", "rw")
        return self._reports_types

    def read_rolled_back(
        self, query: str, params: dict[str, Any] | None = None, *, timeout: float | None = None
    ) -> list[dict[str, Any]]:
        """Run a user's query in a read transaction that is rolled back, never committed;
        :class:`ReadOnlyError` (rows withheld) when the summary reports a write."""
        from ownergraph.graph.errors import ReadOnlyError

        rows, summary = self._rolled_back(query, params or {}, timeout=timeout, doing="read query")
        counters = summary.counters
        if (
            summary.query_type not in (None, "r")
            or counters.contains_updates
            or counters.contains_system_updates
        ):
            raise ReadOnlyError(
                "refused by the read transaction: the server reports that this query wrote"
                f" (query type {summary.query_type!r}); it was rolled back and its rows"
                " withheld",
                layer="read transaction",
            )
        return rows

    def server_info(self) -> dict[str, Any]:
        """The server's agent string and protocol version."""
        try:
            info = self._driver.get_server_info()
        except self._ERRORS as exc:
            raise self._translate(exc, "connect") from None
        return {"agent": info.agent, "protocol": ".".join(map(str, info.protocol_version))}

    # ------------------------------------------------------------------ schema

    def install_schema(self) -> list[str]:
        """Install constraints and indexes idempotently; return one line per statement.

        Where the server refuses a uniqueness constraint, a plain index is installed instead
        and the line says so; a server that takes neither raises :class:`BackendError`.
        """
        messages = []
        for name, stmt, fallback in schema_statements():
            try:
                self.write(stmt)
                messages.append(f"{name}: ok")
            except BackendError as exc:
                if not fallback:
                    raise BackendError(
                        f"schema {name}: the server lacks this index feature ({exc})"
                    ) from None
                try:
                    self.write(fallback)
                except BackendError as exc2:
                    raise BackendError(
                        f"schema {name}: the server takes neither a uniqueness constraint nor"
                        f" an index ({exc2})"
                    ) from None
                messages.append(
                    f"{name}: the server lacks uniqueness constraints ({exc}); installed a plain"
                    " index instead (MERGE keeps ids unique for one writer)"
                )
        return messages

    def ensure_schema(self) -> None:
        """:meth:`install_schema` once per connection: sync looks nodes up by id, which
        without the id indexes is a scan per row (on ArcadeDB, MERGE always is)."""
        if not self._schema_checked:
            self.install_schema()
            self._schema_checked = True

    # ------------------------------------------------------------------ state and counts

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type that ownergraph writes."""
        out: dict[str, int] = {}
        for key, q in _count_queries():
            out[key] = int(self.read(q)[0]["n"])
        return out

    # ------------------------------------------------------------------ graph

    def graph(self) -> nx.MultiDiGraph:
        """The whole server graph rebuilt as the embedded networkx graph.

        Records come back from their ``record`` JSON property, so the result equals
        :meth:`graph.store.Store.graph` of the synced store.
        """
        return graph_from_rows(self.read(_GRAPH_NODES), self.read(_GRAPH_RELS))
