"""Rule 13d-5(b) groups: persons who agree to act together, deemed to own what any owns.

DOMAIN.md section 2, "Groups, Rule 13d-5(b)": persons who agree to act together for
acquiring, holding, voting or disposing of securities form a group, and the group is deemed
to beneficially own everything any member owns. A group is a node (``NodeKind.GROUP``) with
``EdgeKind.MEMBER_OF`` links (member -> group, ``Role.GROUP_MEMBER``). Groups come from:

* cover page row 2 box (a), "member of a group" (``ReportedPosition.member_of_group ==
  "a"``): the pages of one document that check (a) form one group;
* a group agreement (:func:`group_agreement`, e.g. from a filing's exhibit);
* user input (:func:`form_group`).

A joint filing agreement alone is *not* an admission of a group (Rule 13d-1(k)): pages that
check box (b), or no box, form no group. Graph functions return a new graph; the input is
never changed.

>>> from ownergraph.graph.model import Party, ReportedPosition
>>> from ownergraph.graph.store import build_graph
>>> pos = [ReportedPosition("r1", "d", "a1", "A", member_of_group="a"),
...        ReportedPosition("r2", "d", "b1", "B", member_of_group="a"),
...        ReportedPosition("r3", "e", "c1", "C", member_of_group="b")]
>>> [sorted(s.members) for s in groups_from_positions(pos)]
[['a1', 'b1']]
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ownergraph.graph.ids import make_id
from ownergraph.graph.model import Holding, Link, Party, Provenance, ReportedPosition
from ownergraph.graph.vocab import EdgeKind, Lens, NodeKind, Role

RULE = "Rule 13d-5(b): a group is deemed to beneficially own all securities any member owns"
#: Document id used for links the user asserts (no filing states them).
USER_DOCUMENT = "user"


@dataclass(frozen=True)
class GroupSpec:
    """A group to add to the graph: its id, name, members and why it is a group."""

    id: str
    name: str
    members: tuple[str, ...]
    basis: str  # "box (a)", "agreement" or "user"
    document_id: str
    evidence: tuple[Provenance, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "id": self.id,
            "name": self.name,
            "members": list(self.members),
            "basis": self.basis,
            "document_id": self.document_id,
        }


def groups_from_positions(positions: Iterable[ReportedPosition]) -> list[GroupSpec]:
    """One group per document whose cover pages check row 2 box (a) (Rule 13d-5(b)).

    Pages with box (b) or no box are not members: a joint filing is not a group. A
    single page with box (a) still makes a group (its other members are not reporting
    persons of the document).

    >>> groups_from_positions([ReportedPosition("r", "d", "p", "P", member_of_group="b")])
    []
    """
    by_doc: dict[str, list[ReportedPosition]] = defaultdict(list)
    for rp in positions:
        if (rp.member_of_group or "").strip().lower() == "a":
            by_doc[rp.document_id].append(rp)
    out = []
    for doc_id in sorted(by_doc):
        pages = by_doc[doc_id]
        members = tuple(sorted({rp.party_id for rp in pages}))
        out.append(
            GroupSpec(
                id=make_id("party", "group", doc_id),
                name="Group: " + ", ".join(sorted({rp.name for rp in pages})),
                members=members,
                basis="box (a)",
                document_id=doc_id,
                evidence=tuple(p for rp in pages for p in rp.provenance),
            )
        )
    return out


def group_agreement(document_id: str, members: Iterable[str], name: str | None = None) -> GroupSpec:
    """A group stated by an agreement to act together (not a mere joint filing agreement).

    >>> group_agreement("d", ["b", "a"]).members
    ('a', 'b')
    """
    ms = tuple(sorted(set(members)))
    return GroupSpec(
        id=make_id("party", "group", document_id, *ms),
        name=name or "Group agreement",
        members=ms,
        basis="agreement",
        document_id=document_id,
    )


def add_groups(G: nx.MultiDiGraph, specs: Iterable[GroupSpec]) -> nx.MultiDiGraph:
    """A copy of ``G`` with each group as a ``GROUP`` node and ``MEMBER_OF`` links.

    Members must be nodes of ``G`` (a ``KeyError`` names the missing one).
    """
    H = G.copy()
    for spec in specs:
        for m in spec.members:
            if m not in H:
                raise KeyError(f"group member {m!r} is not in the graph")
        party = Party(spec.id, spec.name, NodeKind.GROUP, provenance=spec.evidence)
        H.add_node(spec.id, kind=NodeKind.GROUP, name=spec.name, record=party, basis=spec.basis)
        for m in spec.members:
            lk = Link(
                id=make_id("link", "member_of", spec.document_id, m, spec.id),
                document_id=spec.document_id,
                kind=EdgeKind.MEMBER_OF,
                controller_id=m,
                controlled_id=spec.id,
                role=Role.GROUP_MEMBER,
                details=f"Rule 13d-5(b) group ({spec.basis})",
                provenance=spec.evidence,
            )
            H.add_edge(m, spec.id, key=lk.id, kind=EdgeKind.MEMBER_OF, role=lk.role,
                       power=None, share=None, record=lk)  # fmt: skip
    return H


def form_group(G: nx.MultiDiGraph, members: Iterable[str], name: str) -> nx.MultiDiGraph:
    """User input: a copy of ``G`` where ``members`` form a Rule 13d-5(b) group ``name``.

    >>> from ownergraph.graph.store import build_graph
    >>> g = build_graph([Party("a", "A", NodeKind.PERSON), Party("b", "B", NodeKind.PERSON)],
    ...                 [], [], [])
    >>> h = form_group(g, ["a", "b"], "Activists")
    >>> [n for n, d in h.nodes(data=True) if d["kind"] == NodeKind.GROUP] != [], len(g)
    (True, 2)
    """
    ms = tuple(sorted(set(members)))
    spec = GroupSpec(make_id("party", "group", USER_DOCUMENT, name, *ms), name, ms, "user",
                     USER_DOCUMENT)  # fmt: skip
    return add_groups(G, [spec])


def with_filed_groups(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` with the box-(a) groups of its cover pages (``G.graph["positions"]``)."""
    specs = [
        s
        for s in groups_from_positions(G.graph.get("positions", ()))
        if s.id not in G and all(m in G for m in s.members)
    ]
    return add_groups(G, specs) if specs else G.copy()


def groups(G: nx.MultiDiGraph) -> dict[str, tuple[str, ...]]:
    """Every group node of ``G`` with its members.

    >>> groups(nx.MultiDiGraph())
    {}
    """
    out: dict[str, set[str]] = {
        n: set() for n, d in G.nodes(data=True) if d.get("kind") == NodeKind.GROUP
    }
    for u, v, d in G.edges(data=True):
        if d.get("kind") == EdgeKind.MEMBER_OF and v in out:
            out[v].add(u)
    return {g: tuple(sorted(m)) for g, m in sorted(out.items())}


@dataclass(frozen=True)
class GroupAggregate:
    """What a group is deemed to own, Rule 13d-5(b): the distinct union of its members'
    beneficially owned holdings (never a sum of cover pages)."""

    group_id: str
    name: str
    members: tuple[str, ...]
    holding_ids: tuple[str, ...]
    shares: float | None
    by_security: dict[str, float | None]
    lens: Lens = Lens.SEC13D3
    rule: str = RULE

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "group_id": self.group_id,
            "name": self.name,
            "members": list(self.members),
            "holding_ids": list(self.holding_ids),
            "shares": self.shares,
            "by_security": dict(self.by_security),
            "lens": str(self.lens),
            "rule": self.rule,
        }


def _beneficial_holdings(G: nx.MultiDiGraph, party: str) -> set[str]:
    """Holding ids a party owns under Rule 13d-3: its own, and those below it by control."""
    seen = {party}
    q = deque([party])
    out: set[str] = set()
    while q:
        x = q.popleft()
        for _, y, key, d in G.out_edges(x, keys=True, data=True):
            k = d.get("kind")
            if k == EdgeKind.HOLDS:
                out.add(key)
            elif k == EdgeKind.CONTROLS and y not in seen:
                seen.add(y)
                q.append(y)
    return out


def _current(G: nx.MultiDiGraph, ids: set[str]) -> list[Holding]:
    hs = [d["record"] for _, _, k, d in G.edges(keys=True, data=True) if k in ids]
    try:
        from ownergraph.graph import history

        return list(history.current_holdings(hs, G.graph.get("documents", {})))
    except (ImportError, AttributeError):  # pragma: no cover - history is optional
        return hs


def group_aggregate(G: nx.MultiDiGraph, group_id: str) -> GroupAggregate:
    """The group's deemed holdings, Rule 13d-5(b): the union of its members' holdings.

    Each member's holdings are its own plus those reachable down ``controls`` edges (Rule
    13d-3 attribution); holdings reached through two members count once, and only each
    holder's latest report counts.

    >>> from ownergraph.graph.model import Holding, Security
    >>> from ownergraph.graph.store import build_graph
    >>> from ownergraph.graph.vocab import Instrument
    >>> g = build_graph([Party(x, x, NodeKind.PERSON) for x in "ab"] + [Party("i", "I", NodeKind.ISSUER)],
    ...     [Security("s", "i", "Common")],
    ...     [Holding("h1", "d", "a", "s", Instrument.COMMON, 100.0),
    ...      Holding("h2", "d", "b", "s", Instrument.COMMON, 50.0)], [])
    >>> h = form_group(g, ["a", "b"], "G")
    >>> gid = next(iter(groups(h)))
    >>> group_aggregate(h, gid).shares
    150.0
    """
    members = groups(G).get(group_id)
    if members is None:
        raise KeyError(f"{group_id!r} is not a group node")
    ids: set[str] = set()
    for m in members:
        ids |= _beneficial_holdings(G, m)
    hs = sorted(_current(G, ids), key=lambda h: h.id)
    by_sec: dict[str, float | None] = {}
    for h in hs:
        cur = by_sec.get(h.security_id, 0.0)
        by_sec[h.security_id] = None if cur is None or h.shares is None else cur + h.shares
    shares: float | None = 0.0
    for v in by_sec.values():
        shares = None if shares is None or v is None else shares + v
    return GroupAggregate(
        group_id=group_id,
        name=str(G.nodes[group_id].get("name", group_id)),
        members=members,
        holding_ids=tuple(h.id for h in hs),
        shares=shares,
        by_security=by_sec,
    )


def deemed_ownership(G: nx.MultiDiGraph, party_id: str) -> list[GroupAggregate]:
    """The aggregates of every group ``party_id`` belongs to: what it is deemed to own.

    >>> deemed_ownership(nx.MultiDiGraph(), "x")
    []
    """
    return [group_aggregate(G, g) for g, ms in groups(G).items() if party_id in ms]


__all__ = [
    "RULE",
    "GroupAggregate",
    "GroupSpec",
    "add_groups",
    "deemed_ownership",
    "form_group",
    "group_agreement",
    "group_aggregate",
    "groups",
    "groups_from_positions",
    "with_filed_groups",
]
