"""The Cypher the Neo4j backend sends: sync statements, sync bookkeeping, schema, counts.

Labels and relationship types are interpolated from the vocabulary enums only
(:mod:`graph.vocab`); every value is a parameter. Used by :mod:`graph.neo4j_backend` and
:mod:`graph.neo4j_sync`.
"""

from __future__ import annotations

from ownergraph.graph.neo4j_rows import LINK_KINDS, NODE_SETS, REL_KINDS, SECURITY_LABEL
from ownergraph.graph.vocab import DOCUMENT_LABEL, PARTY_LABEL, SYNC_LABEL, EdgeKind, NodeKind

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


_GRAPH_NODES = (
    f"MATCH (n) WHERE n:{PARTY_LABEL} OR n:{SECURITY_LABEL} OR n:{DOCUMENT_LABEL} "
    f"RETURN n:{PARTY_LABEL} AS party, n:{SECURITY_LABEL} AS security, n.record AS record, "
    "n.positions AS positions"
)
_GRAPH_RELS = (
    "MATCH (a)-[r]->(b) WHERE r.record IS NOT NULL RETURN type(r) AS type, r.record AS record"
)


def _count_queries() -> list[tuple[str, str]]:
    out = [(k, f"MATCH (n:{_NODE_LABEL[k]}) RETURN count(n) AS n") for k in NODE_SETS]
    for kind in REL_KINDS:
        out.append((kind.value, f"MATCH ()-[r:{kind.rel_type}]->() RETURN count(r) AS n"))
    return out
