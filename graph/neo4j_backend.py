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

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

import neo4j
import networkx as nx
from neo4j import exceptions as neo4j_exc

from ownergraph.graph.errors import BackendError
from ownergraph.graph.ids import normalize_name
from ownergraph.graph.model import (
    Document,
    Holding,
    Link,
    Party,
    ReportedPosition,
    Security,
    from_dict,
    link_passes,
)
from ownergraph.graph.settings import Settings
from ownergraph.graph.store import Store, build_graph
from ownergraph.graph.vocab import DOCUMENT_LABEL, PARTY_LABEL, SYNC_LABEL, EdgeKind, NodeKind

log = logging.getLogger(__name__)

SECURITY_LABEL = NodeKind.SECURITY.label
#: Edge kinds that are links (controller -> controlled), in sync order.
LINK_KINDS = (EdgeKind.CONTROLS, EdgeKind.OWNS, EdgeKind.CONSOLIDATES, EdgeKind.MEMBER_OF)
#: Party kinds (every node kind but security), in sync order.
PARTY_KINDS = tuple(k for k in NodeKind if k is not NodeKind.SECURITY)
SYNC_KEY = "sync"
DEFAULT_BATCH = 2000


def _dumps(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _json(obj: Any) -> str:
    return _dumps(fast_dict(obj))


_SCALARS = (str, int, float, bool, type(None))
_CONVERTERS: dict[type, Callable[[Any], Any]] = {}


def fast_dict(obj: Any) -> Any:
    """:func:`graph.model.to_dict`, with the per-type work (dataclass fields, enum and date
    checks) done once per type instead of once per value: the sync serialises every record,
    and the generic codec was most of its Python time.

    >>> from ownergraph.graph.model import Provenance, to_dict
    >>> p = Provenance(path="a.txt", document_id="doc:1", span=(1, 2))
    >>> fast_dict(p) == to_dict(p)
    True
    """
    t = type(obj)
    if t in _SCALARS:
        return obj
    conv = _CONVERTERS.get(t)
    if conv is None:
        conv = _CONVERTERS[t] = _converter(t)
    return conv(obj)


def _converter(t: type) -> Callable[[Any], Any]:
    """The conversion of one type, in :func:`graph.model.to_dict`'s order of checks."""
    scalars = _SCALARS
    if dataclasses.is_dataclass(t):
        names = tuple(f.name for f in dataclasses.fields(t))

        def record(o: Any) -> dict[str, Any]:
            out = {}
            for n in names:
                v = getattr(o, n)
                out[n] = v if type(v) in scalars else fast_dict(v)
            return out

        return record
    if issubclass(t, Enum):
        return lambda o: o.value
    if issubclass(t, dt.date):
        return lambda o: o.isoformat()
    if issubclass(t, tuple | list):
        return lambda o: [v if type(v) in scalars else fast_dict(v) for v in o]
    if issubclass(t, dict):
        return lambda o: {str(k): fast_dict(v) for k, v in o.items()}
    return lambda o: o


# --------------------------------------------------------------------------- rows


def _record_props(rec: Any) -> dict[str, str]:
    """``provenance`` and ``record`` JSON of a record, serialised once."""
    data = fast_dict(rec)
    return {"provenance": _dumps(data["provenance"]), "record": _dumps(data)}


def _row(id_: str, props: dict[str, Any], **ends: Any) -> dict[str, Any]:
    """A parameter row: id, endpoints, properties and the content hash over all of them."""
    body = json.dumps([ends, props], sort_keys=True, ensure_ascii=False, default=str)
    props = {**props, "hash": hashlib.sha1(body.encode("utf-8")).hexdigest()}
    return {"id": id_, **ends, "props": props}


_LEGAL_TAIL = re.compile(r"\s+(lp|llc|llp|inc|ltd|corp|co|na|sa|plc|l p|l l c)$")


def cypher_fold(text: str) -> str:
    """The folding the query library applies to ``$subject`` in Cypher.

    ``replace(replace(replace(toLower(trim(x)), ',', ''), '.', ''), '-', '')``; kept equal to
    the Cypher expression so keys computed here match what a user types.

    >>> cypher_fold(" Wynnefield Capital Management, L.L.C. ")
    'wynnefield capital management llc'
    """
    return text.strip().lower().replace(",", "").replace(".", "").replace("-", "")


def search_keys(names: Iterable[str], identifiers: Iterable[tuple[str, str]] = ()) -> list[str]:
    """Lower-case keys a subject can be typed as: spellings folded three ways (as typed,
    :func:`graph.ids.normalize_name`, without a trailing legal form) and identifier values
    (CIKs with and without leading zeros, CUSIPs without spaces).

    >>> "liquidmetal technologies" in search_keys(["Liquidmetal Technologies, Inc."])
    True
    >>> "1141240" in search_keys([], [("cik", "0001141240")])
    True
    """
    keys: set[str] = set()
    for name in dict.fromkeys(names):
        for k in (name.strip().lower(), cypher_fold(name), normalize_name(name)):
            keys.add(k)
            keys.add(_LEGAL_TAIL.sub("", k))
    for scheme, value in identifiers:
        v = value.strip().lower()
        keys.add(v)
        keys.add(cypher_fold(v).replace(" ", ""))
        if scheme == "cik" and v.isdigit():
            keys.add(v.lstrip("0") or "0")
    return sorted(k for k in keys if k)


def party_row(p: Party) -> dict[str, Any]:
    """The parameter row of a party node (plain values only; no maps inside properties).

    >>> party_row(Party(id="party:x", name="X", kind=NodeKind.FUND))["props"]["kind"]
    'fund'
    """
    return _row(
        p.id,
        {
            "name": p.name,
            "kind": p.kind.value,
            "names": list(p.names),
            "identifiers": [f"{s}:{v}" for s, v in p.identifiers],
            "search_keys": search_keys((p.name, *p.names), p.identifiers),
            "cik": p.identifier("cik"),
            "lei": p.identifier("lei"),
            "jurisdiction": p.jurisdiction,
            "type_codes": list(p.type_codes),
            "is_component": p.is_component,
            **_record_props(p),
        },
        kind=p.kind.value,
    )


def security_row(s: Security, name: str) -> dict[str, Any]:
    """The parameter row of a security node (``name`` as the graph shows it)."""
    return _row(
        s.id,
        {
            "issuer_id": s.issuer_id,
            "title": s.title,
            "cusip": s.cusip,
            "ticker": s.ticker,
            "name": name,
            "search_keys": search_keys([], [("cusip", s.cusip)] if s.cusip else []),
            **_record_props(s),
        },
    )


def document_row(d: Document, positions: Iterable[ReportedPosition] = ()) -> dict[str, Any]:
    """The parameter row of a document node; its cover pages ride along as JSON."""
    data = fast_dict(d)
    props = {
        k: v
        for k, v in data.items()
        if k != "id" and (v is None or isinstance(v, str | int | float | bool))
    }
    props["record"] = _dumps(data)
    props["positions"] = _json(sorted(positions, key=lambda rp: rp.id))
    return _row(d.id, props)


def holding_row(h: Holding) -> dict[str, Any]:
    """The parameter row of a HOLDS relationship."""
    return _row(
        h.id,
        {
            "document_id": h.document_id,
            "shares": h.shares,
            "instrument": h.instrument.value,
            "right_to_acquire": h.right_to_acquire,
            "derivative": h.derivative,
            "direct_or_indirect": h.direct_or_indirect.value,
            "nature_of_ownership": h.nature_of_ownership,
            "title": h.title,
            "as_of": h.as_of.isoformat() if h.as_of else None,
            # the holder's own powers as filed (None = not filed)
            "sole_voting": h.sole_voting,
            "shared_voting": h.shared_voting,
            "no_voting": h.no_voting,
            "sole_dispositive": h.sole_dispositive,
            "shared_dispositive": h.shared_dispositive,
            **_record_props(h),
        },
        start=h.holder_id,
        end=h.security_id,
    )


def link_row(lk: Link) -> dict[str, Any]:
    """The parameter row of a link relationship (share ranges as min/max properties)."""
    share = lk.share
    vshare = lk.voting_share
    return _row(
        lk.id,
        {
            "document_id": lk.document_id,
            "role": lk.role.value,
            "power": lk.power.value if lk.power else None,
            # voting and investment power apart: as stated, and which the link passes
            "voting": lk.voting.value if lk.voting else None,
            "investment": lk.investment.value if lk.investment else None,
            "passes": [a.value for a in link_passes(lk)],
            "share_min": share.minimum if share else None,
            "share_max": share.maximum if share else None,
            "share_min_exclusive": share.exclusive_minimum if share else None,
            "share_max_exclusive": share.exclusive_maximum if share else None,
            "voting_share_min": vshare.minimum if vshare else None,
            "voting_share_max": vshare.maximum if vshare else None,
            "interest_types": list(lk.interest_types),
            "beneficial": lk.beneficial,
            "direct_or_indirect": lk.direct_or_indirect.value,
            "as_of": lk.as_of.isoformat() if lk.as_of else None,
            "start_date": lk.start_date.isoformat() if lk.start_date else None,
            "end_date": lk.end_date.isoformat() if lk.end_date else None,
            "details": lk.details,
            "component_ids": list(lk.component_ids),
            **_record_props(lk),
        },
        start=lk.controller_id,
        end=lk.controlled_id,
    )


def issues_row(issuer_id: str, security_id: str) -> dict[str, Any]:
    """The parameter row of an ISSUES relationship (keyed like the embedded graph)."""
    return _row(f"issues:{security_id}", {}, start=issuer_id, end=security_id)


def desired_state(G: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """The rows the server should hold for the embedded graph ``G`` (``Store.graph()``).

    Keys: ``documents``, ``parties``, ``securities`` and one per relationship kind
    (``holds``, ``controls`` …, ``issues``). The graph is already resolved (merged parties
    under their kept id) and current (superseded holdings left out), so the server answers
    what the embedded store answers.
    """
    positions: dict[str, list[ReportedPosition]] = {}
    for rp in G.graph.get("positions", ()):
        positions.setdefault(rp.document_id, []).append(rp)
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in NODE_SETS + REL_SETS}
    for d in sorted(G.graph.get("documents", {}).values(), key=lambda d: d.id):
        out["documents"].append(document_row(d, positions.get(d.id, ())))
    for _n, data in sorted(G.nodes(data=True), key=lambda x: x[0]):
        rec = data.get("record")
        if isinstance(rec, Party):
            out["parties"].append(party_row(rec))
        elif isinstance(rec, Security):
            out["securities"].append(security_row(rec, str(data.get("name", rec.title))))
    for u, v, _key, data in sorted(G.edges(keys=True, data=True), key=lambda e: str(e[2])):
        kind = data.get("kind")
        rec = data.get("record")
        if kind == EdgeKind.ISSUES:
            out[EdgeKind.ISSUES.value].append(issues_row(u, v))
        elif kind == EdgeKind.HOLDS and isinstance(rec, Holding):
            out[EdgeKind.HOLDS.value].append(holding_row(rec))
        elif isinstance(rec, Link) and kind in LINK_KINDS:
            # the graph redirects merged parties' links; the record keeps its own ends
            row = link_row(replace(rec, controller_id=u, controlled_id=v))
            out[EdgeKind(kind).value].append(row)
    return out


# --------------------------------------------------------------------------- cypher
# Labels and relationship types are interpolated from the vocabulary enums only; every
# value is a parameter.

NODE_SETS = ("documents", "parties", "securities")
REL_KINDS = (EdgeKind.HOLDS, *LINK_KINDS, EdgeKind.ISSUES)
REL_SETS = tuple(k.value for k in REL_KINDS)
_NODE_LABEL = {"documents": DOCUMENT_LABEL, "parties": PARTY_LABEL, "securities": SECURITY_LABEL}
_REL_ENDS = {
    EdgeKind.HOLDS: (PARTY_LABEL, SECURITY_LABEL),
    EdgeKind.ISSUES: (PARTY_LABEL, SECURITY_LABEL),
    **{k: (PARTY_LABEL, PARTY_LABEL) for k in LINK_KINDS},
}


def _labels(label: str, kind: NodeKind | None = None) -> str:
    return f"{PARTY_LABEL}:{kind.label}" if kind is not None else label


# Every lookup is by a node id under the label its uniqueness constraint is on, so ArcadeDB
# (whose Cypher does not use indexes for MERGE, or for relationship properties) goes through
# the index; relationships are found from their start node.


def _create_nodes(label: str, kind: NodeKind | None = None) -> str:
    """New nodes (absent from the server when the diff was read): CREATE, no lookup."""
    return (
        f"UNWIND $rows AS r CREATE (n:{_labels(label, kind)} {{id: r.id}}) SET n += r.props "
        "RETURN count(n) AS n"
    )


def _update_nodes(label: str) -> str:
    """Changed nodes: found by id; ``null`` properties in the row remove the old value."""
    return f"UNWIND $rows AS r MATCH (n:{label} {{id: r.id}}) SET n += r.props RETURN count(n) AS n"


def _delete_rels(kind: EdgeKind) -> str:
    """Relationships by ``{id, start}``: found from their start node (indexed), not by a
    scan of every relationship of the type."""
    a, _b = _REL_ENDS[kind]
    return (
        f"UNWIND $rows AS r MATCH (a:{a} {{id: r.start}})-[e:{kind.rel_type}]->() "
        "WHERE e.id = r.id DELETE e"
    )


def _create_rels(kind: EdgeKind) -> str:
    a, b = _REL_ENDS[kind]
    return (
        f"UNWIND $rows AS r MATCH (a:{a} {{id: r.start}}) MATCH (b:{b} {{id: r.end}}) "
        f"CREATE (a)-[e:{kind.rel_type} {{id: r.id}}]->(b) SET e += r.props "
        "RETURN count(e) AS n"
    )


def _node_state(label: str) -> str:
    return f"MATCH (n:{label}) RETURN n.id AS id, n.hash AS hash, n.kind AS kind"


def _rel_state(kind: EdgeKind) -> str:
    return f"MATCH (a)-[e:{kind.rel_type}]->() RETURN e.id AS id, e.hash AS hash, a.id AS start"


def _delete_nodes(label: str) -> str:
    return f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) DETACH DELETE n"


def _compact(row: dict[str, Any]) -> dict[str, Any]:
    """A row for CREATE: ``null`` properties left out (a new node has none to remove)."""
    return {**row, "props": {k: v for k, v in row["props"].items() if v is not None}}


_PROGRESS = (
    f"MERGE (m:{SYNC_LABEL} {{key: $key}}) "
    "SET m.pending_target = $target, m.pending_done = $done, "
    "m.pending_total = $total, m.store = $store"
)
_FINISH = (
    f"MERGE (m:{SYNC_LABEL} {{key: $key}}) "
    "SET m.seq = $target, m.store = $store, m.synced_at = $at, "
    "m.pending_target = null, m.pending_done = null, m.pending_total = null"
)
_STATE = f"MATCH (m:{SYNC_LABEL} {{key: $key}}) RETURN properties(m) AS m"


def schema_statements() -> list[tuple[str, str, str]]:
    """The schema: ``(name, constraint or index Cypher, fallback index Cypher)``.

    Uniqueness on node ids (Party, Security, Document, the sync node); indexes on names,
    CIKs, CUSIPs and every relationship type's ``id``. All ``IF NOT EXISTS``: installing
    twice changes nothing.
    """
    out: list[tuple[str, str, str]] = []
    for name, label, prop in (
        ("party_id", PARTY_LABEL, "id"),
        ("security_id", SECURITY_LABEL, "id"),
        ("document_id", DOCUMENT_LABEL, "id"),
        ("sync_key", SYNC_LABEL, "key"),
    ):
        out.append(
            (
                name,
                f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE",
                f"CREATE INDEX {name}_idx IF NOT EXISTS FOR (n:{label}) ON (n.{prop})",
            )
        )
    for name, label, prop in (
        ("party_name", PARTY_LABEL, "name"),
        ("party_cik", PARTY_LABEL, "cik"),
        ("security_cusip", SECURITY_LABEL, "cusip"),
    ):
        stmt = f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        out.append((name, stmt, ""))
    for kind in (EdgeKind.HOLDS, *LINK_KINDS, EdgeKind.ISSUES):
        name = f"{kind.value}_id"
        stmt = f"CREATE INDEX {name} IF NOT EXISTS FOR ()-[r:{kind.rel_type}]-() ON (r.id)"
        out.append((name, stmt, ""))
    return out


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


# --------------------------------------------------------------------------- reports


@dataclass
class SyncReport:
    """What one :meth:`Neo4jBackend.sync` did.

    ``ok`` is the final count check: the server holds as many parties, securities,
    documents and relationships of each type as the store.
    """

    base_seq: int
    target_seq: int
    rows: dict[str, int] = field(default_factory=dict)
    batches: int = 0
    unchanged: int = 0
    relabelled: int = 0
    seconds: float = 0.0
    store_counts: dict[str, int] = field(default_factory=dict)
    server_counts: dict[str, int] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        """Rows sent in this run."""
        return sum(self.rows.values())

    @property
    def ok(self) -> bool:
        """True when the server's counts equal the store's."""
        return self.store_counts == self.server_counts

    @property
    def rows_per_second(self) -> float:
        """Throughput of this run."""
        return self.total_rows / self.seconds if self.seconds > 0 else 0.0

    def mismatches(self) -> dict[str, tuple[int | None, int | None]]:
        """``{what: (store, server)}`` where the counts differ."""
        keys = sorted(set(self.store_counts) | set(self.server_counts))
        return {
            k: (self.store_counts.get(k), self.server_counts.get(k))
            for k in keys
            if self.store_counts.get(k) != self.server_counts.get(k)
        }


@dataclass(frozen=True)
class _Step:
    """One batch: a phase name, its statements (run in one transaction) and its rows."""

    phase: str
    statements: tuple[tuple[str, dict[str, Any]], ...]
    rows: int
    expect: int | None = None  # rows the last statement must report written
    relabel: tuple[dict[str, Any], ...] = ()


# --------------------------------------------------------------------------- backend


class Neo4jBackend:
    """A connection to a Neo4j 5 (or Bolt-compatible) server.

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

    def sync_state(self) -> dict[str, Any]:
        """The server's sync bookkeeping (``seq``, ``store``, pending progress), or ``{}``."""
        rows = self.read(_STATE, {"key": SYNC_KEY})
        return rows[0]["m"] if rows else {}

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type that ownergraph writes."""
        out: dict[str, int] = {}
        for key, q in _count_queries():
            out[key] = int(self.read(q)[0]["n"])
        return out

    # ------------------------------------------------------------------ sync

    def sync(
        self,
        store: Store,
        *,
        batch_size: int = DEFAULT_BATCH,
        full: bool = False,
        progress: bool = False,
        on_batch: Callable[[int, int], None] | None = None,
        replace_other: bool = False,
    ) -> SyncReport:
        """Push what changed in ``store`` since the last sync to the server.

        The store's ``seq`` decides *whether* to sync: when the server records the same
        store at the same seq with no pending run, nothing is read or written. The content
        decides *what*: every node and relationship carries a hash of its properties and
        ends, and only rows whose hash differs (or that are missing) are written; rows the
        store's graph no longer has (superseded holdings, merged parties) are deleted. So
        a sync is idempotent (a second run writes nothing), incremental (unchanged rows are
        never resent) and resumable (each batch commits with its progress; a rerun after a
        dropped connection skips what was committed). Ends with a count check against the
        store (:attr:`SyncReport.ok`). ``on_batch(done, total)`` follows each batch.

        The server mirrors one store: if it holds another store's sync, or ownergraph nodes
        without a sync record, :class:`BackendError` is raised unless ``replace_other``.
        """
        started = time.monotonic()
        store_key = str(store.path.resolve())
        state = self.sync_state()
        if not replace_other:
            other = state.get("store")
            if other not in (None, store_key):
                raise BackendError(
                    f"the server mirrors another store ({other}); pass --replace to make it"
                    " mirror this one (its ownergraph nodes will be replaced)"
                )
            if not state and any(self.counts().values()):
                raise BackendError(
                    "the server holds ownergraph nodes that no sync recorded; pass --replace"
                    " to make it mirror this store"
                )
        target = store.seq
        base = int(state["seq"]) if state.get("store") == store_key and state.get("seq") else 0
        report = SyncReport(base_seq=base, target_seq=target)
        up_to_date = (
            not full
            and state.get("store") == store_key
            and state.get("seq") == target
            and state.get("pending_target") is None
        )
        G = store.graph()
        if up_to_date:
            steps: list[_Step] = []
            report.store_counts = graph_counts(G)
        else:
            self.ensure_schema()
            desired = desired_state(G)
            report.store_counts = {k: len(v) for k, v in desired.items()}
            steps = self._plan(desired, batch_size, report)
            del desired
        total = len(steps)
        try:
            with _progress_bar(progress, sum(st.rows for st in steps)) as advance:
                for i, step in enumerate(steps):
                    if step.relabel:
                        report.relabelled += self._relabel(step.relabel)
                    self._write_batch(step, target, i + 1, total, store_key)
                    report.rows[step.phase] = report.rows.get(step.phase, 0) + step.rows
                    report.batches += 1
                    advance(step.rows)
                    if on_batch is not None:
                        on_batch(i + 1, total)
            if steps or state.get("seq") != target or state.get("pending_target") is not None:
                self._finish(target, store_key)
        except BackendError as exc:
            raise BackendError(
                f"sync interrupted after {report.batches} of {total} batches ({exc}); run"
                " the sync again to resume"
            ) from None
        report.server_counts = self.counts()
        report.seconds = time.monotonic() - started
        log.info(
            "synced %d rows in %d batches (%.0f rows/s)",
            report.total_rows,
            report.batches,
            report.rows_per_second,
        )
        return report

    def _plan(
        self, desired: dict[str, list[dict[str, Any]]], size: int, report: SyncReport
    ) -> list[_Step]:
        """Diff ``desired`` against the server's hashes; the batches that reconcile them.

        One read per label and relationship type gives every id with its hash (and a
        relationship's start node). Rows the server lacks are CREATEd (no lookup: they were
        absent when the diff was read, and the id constraints refuse a duplicate), changed
        nodes are updated in place by id, changed relationships deleted from their old start
        node and created again (an end may have moved after a merge), and rows the graph no
        longer has are deleted.
        """
        deletes: list[_Step] = []
        upserts: list[_Step] = []
        for kind in REL_KINDS:
            have = {r["id"]: (r["hash"], r["start"]) for r in self.read(_rel_state(kind))}
            rows = desired[kind.value]
            want = {r["id"] for r in rows}
            new = [_compact(r) for r in rows if r["id"] not in have]
            changed = [
                _compact(r)
                for r in rows
                if r["id"] in have and have[r["id"]][0] != r["props"]["hash"]
            ]
            report.unchanged += len(rows) - len(changed) - len(new)
            gone = [{"id": i, "start": have[i][1]} for i in sorted(set(have) - want)]
            for chunk in _chunks(gone, size):
                deletes.append(
                    _Step(
                        f"delete {kind.value}", ((_delete_rels(kind), {"rows": chunk}),), len(chunk)
                    )
                )
            for chunk in _chunks(changed, size):
                old = [{"id": r["id"], "start": have[r["id"]][1]} for r in chunk]
                upserts.append(
                    _Step(
                        kind.value,
                        (
                            (_delete_rels(kind), {"rows": old}),
                            (_create_rels(kind), {"rows": chunk}),
                        ),
                        len(chunk),
                        expect=len(chunk),
                    )
                )
            for chunk in _chunks(new, size):
                upserts.append(
                    _Step(
                        kind.value,
                        ((_create_rels(kind), {"rows": chunk}),),
                        len(chunk),
                        expect=len(chunk),
                    )
                )
        node_steps: list[_Step] = []
        for key in NODE_SETS:
            label = _NODE_LABEL[key]
            have_rows = self.read(_node_state(label))
            have = {r["id"]: r["hash"] for r in have_rows}
            kinds = {r["id"]: r["kind"] for r in have_rows}
            rows = desired[key]
            want = {r["id"] for r in rows}
            new = [_compact(r) for r in rows if r["id"] not in have]
            changed = [r for r in rows if r["id"] in have and have[r["id"]] != r["props"]["hash"]]
            report.unchanged += len(rows) - len(changed) - len(new)
            gone = sorted(set(have) - want)
            for chunk in _chunks(gone, size):
                deletes.append(
                    _Step(f"delete {key}", ((_delete_nodes(label), {"ids": chunk}),), len(chunk))
                )
            for chunk in _chunks(changed, size):
                moved = tuple(
                    {"id": r["id"], "old": kinds[r["id"]], "new": r["kind"]}
                    for r in chunk
                    if key == "parties" and kinds[r["id"]] not in (None, r["kind"])
                )
                node_steps.append(
                    _Step(
                        key,
                        ((_update_nodes(label), {"rows": chunk}),),
                        len(chunk),
                        len(chunk),
                        relabel=moved,
                    )
                )
            if key != "parties":
                for chunk in _chunks(new, size):
                    node_steps.append(
                        _Step(
                            key, ((_create_nodes(label), {"rows": chunk}),), len(chunk), len(chunk)
                        )
                    )
                continue
            for kind in PARTY_KINDS:
                of_kind = [r for r in new if r["kind"] == kind.value]
                for chunk in _chunks(of_kind, size):
                    node_steps.append(
                        _Step(
                            f"parties:{kind.value}",
                            ((_create_nodes(label, kind), {"rows": chunk}),),
                            len(chunk),
                            len(chunk),
                        )
                    )
        # relationships go first when deleted (their ends may go), last when written
        return deletes + node_steps + upserts

    def _finish(self, target: int, store_key: str) -> None:
        """Record ``target`` as the last synced seq and clear the pending progress."""
        self.write(
            _FINISH,
            {
                "key": SYNC_KEY,
                "target": target,
                "store": store_key,
                "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            },
        )

    def _relabel(self, moves: Iterable[dict[str, Any]]) -> int:
        """Move parties whose kind changed to their new kind label, before their MERGE.

        Two transactions per party (remove the old label, then add the new one): ArcadeDB
        refuses a label swap in one statement on a uniquely indexed type.
        """
        n = 0
        for m in moves:
            old = NodeKind(m["old"]).label
            new = NodeKind(m["new"])
            self.write(f"MATCH (n:{PARTY_LABEL} {{id: $id}}) REMOVE n:{old}", {"id": m["id"]})
            self.write(
                f"MATCH (n:{PARTY_LABEL} {{id: $id}}) SET n:{new.label}, n.kind = $kind",
                {"id": m["id"], "kind": new.value},
            )
            n += 1
        return n

    def _write_batch(self, step: _Step, target: int, done: int, total: int, store_key: str) -> None:
        """Run one batch's statements and record the progress in the same transaction."""

        def work(tx: neo4j.ManagedTransaction) -> int | None:
            written = None
            for query, params in step.statements:
                rec = tx.run(query, params).single()  # type: ignore[arg-type]
                written = int(rec["n"]) if rec is not None and "n" in rec.keys() else None
            progress = {
                "key": SYNC_KEY,
                "target": target,
                "done": done,
                "total": total,
                "store": store_key,
            }
            tx.run(_PROGRESS, progress).consume()
            return written

        try:
            with self._session(write=True) as session:
                written = session.execute_write(work)
        except self._ERRORS as exc:
            raise self._translate(exc, f"sync batch {done}/{total} ({step.phase})") from None
        if step.expect is not None and written != step.expect:
            raise BackendError(
                f"sync batch {done}/{total} ({step.phase}): wrote {written} of {step.expect}"
                " rows; an end node is missing on the server"
            )

    # ------------------------------------------------------------------ graph

    def graph(self) -> nx.MultiDiGraph:
        """The whole server graph rebuilt as the embedded networkx graph.

        Records come back from their ``record`` JSON property, so the result equals
        :meth:`graph.store.Store.graph` of the synced store.
        """
        return graph_from_rows(self.read(_GRAPH_NODES), self.read(_GRAPH_RELS))


_GRAPH_NODES = (
    f"MATCH (n) WHERE n:{PARTY_LABEL} OR n:{SECURITY_LABEL} OR n:{DOCUMENT_LABEL} "
    f"RETURN n:{PARTY_LABEL} AS party, n:{SECURITY_LABEL} AS security, n.record AS record, "
    "n.positions AS positions"
)
_GRAPH_RELS = (
    "MATCH (a)-[r]->(b) WHERE r.record IS NOT NULL RETURN type(r) AS type, r.record AS record"
)


def graph_from_rows(
    nodes: Iterable[dict[str, Any]], rels: Iterable[dict[str, Any]]
) -> nx.MultiDiGraph:
    """Build the networkx control graph from ``record`` JSON rows read off the server.

    Node rows have ``party``, ``security``, ``record`` (and ``positions`` for documents);
    relationship rows ``type`` and ``record``. The records are the ones the embedded graph
    holds, so :func:`graph.store.build_graph` gives back the same graph.
    """
    parties: list[Party] = []
    securities: list[Security] = []
    documents: list[Document] = []
    positions: list[ReportedPosition] = []
    holdings: list[Holding] = []
    links: list[Link] = []
    for row in nodes:
        data = json.loads(row["record"])
        if row.get("party"):
            parties.append(from_dict(Party, data))
        elif row.get("security"):
            securities.append(from_dict(Security, data))
        else:
            documents.append(from_dict(Document, data))
            for rp in json.loads(row.get("positions") or "[]"):
                positions.append(from_dict(ReportedPosition, rp))
    for row in rels:
        data = json.loads(row["record"])
        if row["type"] == EdgeKind.HOLDS.rel_type:
            holdings.append(from_dict(Holding, data))
        else:
            links.append(from_dict(Link, data))

    def key(r: Any) -> str:
        return str(r.id)

    return build_graph(
        sorted(parties, key=key),
        sorted(securities, key=key),
        sorted(holdings, key=key),
        sorted(links, key=key),
        sorted(documents, key=key),
        positions=sorted(positions, key=key),
    )


def _count_queries() -> list[tuple[str, str]]:
    out = [(k, f"MATCH (n:{_NODE_LABEL[k]}) RETURN count(n) AS n") for k in NODE_SETS]
    for kind in REL_KINDS:
        out.append((kind.value, f"MATCH ()-[r:{kind.rel_type}]->() RETURN count(r) AS n"))
    return out


def expected_counts(store: Store) -> dict[str, int]:
    """What the server should hold after a sync of ``store`` (keys of :meth:`counts`)."""
    return graph_counts(store.graph())


def graph_counts(G: nx.MultiDiGraph) -> dict[str, int]:
    """The row counts :func:`desired_state` gives for ``G``, without building the rows."""
    out = dict.fromkeys(NODE_SETS + REL_SETS, 0)
    out["documents"] = len(G.graph.get("documents", {}))
    for _n, rec in G.nodes(data="record"):
        if isinstance(rec, Party):
            out["parties"] += 1
        elif isinstance(rec, Security):
            out["securities"] += 1
    for _u, _v, data in G.edges(data=True):
        kind = data.get("kind")
        rec = data.get("record")
        if kind == EdgeKind.ISSUES:
            out[EdgeKind.ISSUES.value] += 1
        elif kind == EdgeKind.HOLDS and isinstance(rec, Holding):
            out[EdgeKind.HOLDS.value] += 1
        elif isinstance(rec, Link) and kind in LINK_KINDS:
            out[EdgeKind(kind).value] += 1
    return out


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    size = max(1, size)
    for i in range(0, len(items), size):
        yield items[i : i + size]


class _progress_bar:  # noqa: N801 - used as a context manager function
    """A rich progress bar over rows, or a no-op when disabled."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled = enabled and total > 0
        self.total = total
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> Callable[[int], None]:
        if not self.enabled:
            return lambda n: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._progress = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            transient=False,
        )
        self._progress.__enter__()
        self._task = self._progress.add_task("sync rows", total=self.total)
        return lambda n: self._progress.advance(self._task, n)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)
