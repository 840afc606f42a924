"""Rule 13d-5(b) groups as every view shows them: membership and the group's distinct total.

:func:`with_groups` returns the graph with a group node for each document whose cover
pages check row 2 box (a) (:func:`queries.groups.groups_from_positions`; merged party ids
followed) and for each group agreement a loader states as ``member_of`` links (those are
in the graph already). :func:`group_summaries` gives, for the groups some of the given
parties belong to, the members and what the group is deemed to own: the distinct union of
the members' holdings (:func:`queries.groups.group_aggregate`), never the sum of their cover
pages (which is given beside it, as filed).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ownergraph.graph.vocab import NodeKind
from ownergraph.queries.groups import (
    RULE,
    add_groups,
    group_aggregate,
    groups,
    groups_from_positions,
)


@dataclass(frozen=True)
class GroupSummary:
    """A group, its members and its distinct total (see the module docstring)."""

    group_id: str
    name: str
    basis: str
    document_id: str | None
    members: tuple[str, ...]
    member_names: tuple[str, ...]
    shares: float | None
    holding_ids: tuple[str, ...]
    filed_sum: float | None
    rule: str = RULE

    def to_dict(self) -> dict[str, Any]:
        """Plain data (the ``groups`` of a command's ``--json``)."""
        d = dataclasses.asdict(self)
        d["members"] = list(self.members)
        d["member_names"] = list(self.member_names)
        d["holding_ids"] = list(self.holding_ids)
        return d


def with_groups(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``G`` with the box-(a) groups of its cover pages as group nodes (a copy; ``G``
    itself when there is none to add)."""
    aliases = G.graph.get("aliases", {})
    positions = [
        dataclasses.replace(rp, party_id=aliases.get(rp.party_id, rp.party_id))
        for rp in G.graph.get("positions", ())
    ]
    specs = [
        s
        for s in groups_from_positions(positions)
        if s.id not in G and all(m in G for m in s.members)
    ]
    return add_groups(G, specs) if specs else G


def group_summaries(G: nx.MultiDiGraph, party_ids: Iterable[str]) -> list[GroupSummary]:
    """The groups of ``G`` (group nodes) that any of ``party_ids`` belongs to."""
    wanted = set(party_ids)
    positions = list(G.graph.get("positions", ()))
    aliases = G.graph.get("aliases", {})
    out = []
    for gid, members in groups(G).items():
        if not wanted & set(members):
            continue
        agg = group_aggregate(G, gid)
        data = G.nodes[gid]
        doc = getattr(next(iter(getattr(data.get("record"), "provenance", ()) or ()), None),
                      "document_id", None)  # fmt: skip
        doc = doc or next(
            (
                getattr(d.get("record"), "document_id", None)
                for _, _, d in G.in_edges(gid, data=True)
            ),
            None,
        )
        filed = [
            rp.aggregate
            for rp in positions
            if rp.document_id == doc and aliases.get(rp.party_id, rp.party_id) in members
        ]
        out.append(
            GroupSummary(
                group_id=gid,
                name=str(data.get("name", gid)),
                basis=str(data.get("basis") or "stated"),
                document_id=doc,
                members=members,
                member_names=tuple(str(G.nodes[m].get("name", m)) for m in members),
                shares=agg.shares,
                holding_ids=agg.holding_ids,
                filed_sum=None if not filed or None in filed else float(sum(filed)),
            )
        )
    return out


def group_nodes(G: nx.MultiDiGraph) -> list[str]:
    """The group nodes of ``G``."""
    return [n for n, d in G.nodes(data=True) if d.get("kind") == NodeKind.GROUP]


__all__ = ["GroupSummary", "group_nodes", "group_summaries", "with_groups"]
