"""Helpers of the Cypher page (no streamlit): the named query library, a read-only guard,
and path results turned into a drawable :class:`~explorer.subgraph.Subgraph`.

The library is ``queries.cypher_lib`` (STYLE 9: one query per file, a header comment as
its docstring, values only as ``$params``).

:func:`looks_read_only` is the guard's lexical layers only (the procedure allow-list and
the lexer); the page runs the query through all four layers of
:mod:`queries.cypher_guard` (the server's query type where it reports one, the allow-list,
the lexer, a read transaction that is rolled back). A server that cannot report query types
(ArcadeDB) is named on the page.

>>> looks_read_only("MATCH (p:Party) RETURN p.name LIMIT 5")
True
>>> looks_read_only("MATCH (p) DETACH DELETE p")
False
>>> looks_read_only("RETURN 'CREATE' AS word")
True
>>> looks_read_only("// x" + chr(13) + "MATCH (n:Keep) DETACH DELETE n")  # CR ends //
False
>>> looks_read_only("CALL apoc . create . node(['X'], {})")
False
>>> parameters("MATCH (p {id: $id}) WHERE p.x > $min RETURN p // $not_this")
['id', 'min']
"""

from __future__ import annotations

import re
from typing import Any

from ownergraph.explorer.subgraph import Subgraph, VEdge, VNode
from ownergraph.queries.cypher_guard import refused_procedures
from ownergraph.queries.cypher_lib import CypherQuery, load_queries, tokens, write_clauses


def looks_read_only(query: str) -> bool:
    """True when the query calls no procedure off the allow-list and has no write clause
    outside strings and comments (:func:`queries.cypher_guard.lexical_check`'s rules)."""
    return not write_clauses(query) and not refused_procedures(query)


def parameters(query: str) -> list[str]:
    """The ``$parameters`` a query uses, in order of first use (strings and comments
    ignored, as :func:`queries.cypher_lib.used_params`)."""
    names = [t[1:].strip("`") for kind, t in tokens(query) if kind == "param"]
    return list(dict.fromkeys(names))


def library() -> list[CypherQuery]:
    """The named queries of ``queries.cypher_lib.load_queries`` (one per ``.cypher`` file).

    >>> "who_controls" in [q.name for q in library()]
    True
    """
    return list(load_queries().values())


def coerce(value: str) -> Any:
    """A form value as a Cypher parameter: integers and floats as numbers, else text.

    >>> coerce("25"), coerce("2.5"), coerce("0001080301"), coerce("Obus")
    (25, 2.5, '0001080301', 'Obus')
    """
    v = value.strip()
    if re.fullmatch(r"-?[1-9][0-9]*|0", v):
        return int(v)
    if re.fullmatch(r"-?[0-9]+\.[0-9]+", v):
        return float(v)
    return value


def _is_path(v: Any) -> bool:
    return isinstance(v, dict) and "nodes" in v and "relationships" in v


def paths_to_subgraph(rows: list[dict[str, Any]]) -> Subgraph | None:
    """Draw path results: every path column of every row, first node as the centre.

    ``None`` when no column holds a path (as :func:`graph.neo4j_backend.plain` returns them).
    """
    nodes: dict[str, VNode] = {}
    edges: dict[tuple[str, str, str], VEdge] = {}
    center: str | None = None
    for row in rows:
        for v in row.values():
            if not _is_path(v):
                continue
            for i, n in enumerate(v["nodes"]):
                props = n.get("properties", {})
                nid = str(props.get("id") or props.get("name") or f"n{len(nodes)}")
                kind = str(
                    props.get("kind")
                    or ("security" if "Security" in n.get("labels", []) else "unknown")
                )
                if nid not in nodes:
                    nodes[nid] = VNode(
                        nid, kind, str(props.get("name") or nid), level=i, center=center is None
                    )
                center = center or nid
            for r in v["relationships"]:
                s, t = str(r.get("start")), str(r.get("end"))
                kind = str(r.get("type", "")).lower()
                key = (s, t, kind)
                if key not in edges and s in nodes and t in nodes:
                    props = r.get("properties", {})
                    shares = props.get("shares")
                    edges[key] = VEdge(
                        s,
                        t,
                        kind,
                        shares=float(shares) if isinstance(shares, int | float) else None,
                        roles=(str(props["role"]),) if props.get("role") else (),
                        record_ids=(str(props.get("id", "")),),
                    )
    if center is None:
        return None
    return Subgraph(center=center, nodes=tuple(nodes.values()), edges=tuple(edges.values()))
