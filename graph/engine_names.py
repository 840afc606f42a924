"""Parties of a question's scope read as their names only, for questions that read no
party record beyond a node's name and kind (:meth:`graph.engine.Engine.subgraph`).

``named`` rows (the issuers a scope names, :meth:`graph.engine.Engine.issuers_named`) become
a record of their id, name and kind; ``light`` rows (every party of the graph of a class's
rows shown, :mod:`queries.control_class`) also keep their identifiers, which decide the
kept id of a merged cluster (:func:`graph.resolution.clusters`): the node's name and kind
and the cluster's id are then the whole graph's, with no spelling or provenance decoded
and no cluster's records serialised to be ordered.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ownergraph.graph.model import Party
from ownergraph.graph.vocab import NodeKind

#: ``where_in(sql, values)``: the rows of ``sql`` (one ``IN ({})``) over ``values``.
WhereIn = Callable[[str, Any], list[tuple[Any, ...]]]


def _kind(k: str) -> NodeKind:
    return NodeKind._value2member_map_.get(k) or NodeKind(k)  # type: ignore[return-value]


def named_parties(where_in: WhereIn, rowids: list[int]) -> list[Party]:
    """The parties of ``rowids`` as their id, name and kind."""
    if not rowids:
        return []
    sql = "SELECT id, name, kind FROM parties WHERE rowid IN ({})"
    return [Party(id=i, name=nm, kind=_kind(k)) for i, nm, k in where_in(sql, rowids)]


def light_parties(where_in: WhereIn, rowids: list[int]) -> list[Party]:
    """The parties of ``rowids`` as their id, name, kind and identifiers."""
    if not rowids:
        return []
    sql = (
        "SELECT id, name, kind, json_extract(json, '$.identifiers') FROM parties"
        " WHERE rowid IN ({})"
    )
    return [
        Party(
            id=i,
            name=nm,
            kind=_kind(k),
            identifiers=tuple(tuple(x) for x in json.loads(ids or "[]")),
        )
        for i, nm, k, ids in where_in(sql, rowids)
    ]
