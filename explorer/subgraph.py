"""Neighbourhood extraction for the explorer: a bounded, drawable piece of the control graph.

:func:`neighbourhood` walks up (towards controllers) and/or down (towards holdings) from one
node and returns a :class:`Subgraph` of plain data that :func:`explorer.render.render` draws.
It never mutates the graph and imports no streamlit.

Up and down are the directions of control (HACKING.md): control flows *down* the edges
``controller -> controlled -> holder -> security``; walking *up* follows edges backwards.
An issuer is the exception: its own securities are drawn *above* it (``issues`` is walked
backwards when going up), so that "up from Liquidmetal" reaches the holders of its stock and
then their controllers.

Scale rules, so that a neighbourhood stays drawable:

* **Funds collapse**: when a node has more than ``collapse_funds_over`` fund neighbours in
  one direction, the funds are replaced by one node per manager ("12 funds of X"), carrying
  the summed shares; the walk continues from the manager, not from each fund.
* **Expansion cap**: a node expands at most ``max_children`` neighbours per direction; the
  rest become one "and N more" node.
* **Node budget**: at most ``max_nodes`` real nodes in total; what does not fit goes into the
  "and N more" node of the node being expanded.

Parallel records between the same two nodes (three instruments of one holding, one link
stated by two phrases) are merged into one drawn edge that keeps every record id.

>>> import networkx as nx
>>> from ownergraph.graph.vocab import EdgeKind, NodeKind
>>> G = nx.MultiDiGraph()
>>> G.add_node("p", kind=NodeKind.PERSON, name="P")
>>> G.add_node("f", kind=NodeKind.FUND, name="F")
>>> G.add_node("s", kind=NodeKind.SECURITY, name="S")
>>> G.add_edge("p", "f", key="l1", kind=EdgeKind.CONTROLS)
'l1'
>>> G.add_edge("f", "s", key="h1", kind=EdgeKind.HOLDS, shares=10.0)
'h1'
>>> G.add_edge("f", "s", key="h2", kind=EdgeKind.HOLDS, shares=5.0)
'h2'
>>> sub = neighbourhood(G, "s", options=SubgraphOptions(down=False))
>>> sorted((n.id, n.level) for n in sub.nodes)
[('f', -1), ('p', -2), ('s', 0)]
>>> [(e.source, e.target, e.shares, len(e.record_ids)) for e in sub.edges if e.kind == "holds"]
[('f', 's', 15.0, 2)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ownergraph.graph.vocab import EdgeKind, NodeKind

#: Kind of the synthetic node standing for funds collapsed under their manager.
COLLAPSED = "collapsed"
#: Kind of the synthetic "and N more" node.
MORE = "more"

#: Edge kinds walked by default (every kind).
ALL_EDGE_KINDS: tuple[EdgeKind, ...] = tuple(EdgeKind)


@dataclass(frozen=True)
class SubgraphOptions:
    """How far and how wide to walk.

    ``depth`` counts edges from the centre in each direction. ``edge_kinds`` restricts the
    edges walked (``issues`` included by default). Caps: see the module docstring.
    """

    up: bool = True
    down: bool = True
    depth: int = 4
    edge_kinds: tuple[EdgeKind, ...] = ALL_EDGE_KINDS
    max_children: int = 25
    collapse_funds_over: int = 12
    max_nodes: int = 2500


@dataclass(frozen=True)
class VNode:
    """A node to draw. ``kind`` is a :class:`NodeKind` value, ``"collapsed"`` or ``"more"``.

    ``level`` is the signed distance from the centre (negative above, positive below);
    ``parent`` the node it was reached from (``None`` for the centre). ``members`` lists the
    ids a synthetic node stands for (the funds collapsed, or the neighbours not shown).
    """

    id: str
    kind: str
    name: str
    level: int
    parent: str | None = None
    center: bool = False
    shares: float | None = None
    count: int = 1
    members: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class VEdge:
    """An edge to draw: one or more records between ``source`` and ``target``, same kind.

    ``shares`` sums the holdings of one document (instruments added; documents are never
    added to each other: the largest document's total is shown, the others listed in
    ``lines``). ``percent`` is an OWNS stake (minimum of the range) or a holding's percent of
    the class when the document states the shares outstanding. ``lines`` are plain-text
    details for the tooltip (role, power, instrument, phrase); ``record_ids`` the records.
    """

    source: str
    target: str
    kind: str
    shares: float | None = None
    percent: float | None = None
    roles: tuple[str, ...] = ()
    powers: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()
    record_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Subgraph:
    """What :func:`neighbourhood` returns: plain data, ready for :func:`explorer.render.render`.

    ``hidden`` counts the real neighbours not drawn (behind "and N more" nodes);
    ``collapsed`` the funds drawn as collapsed nodes.
    """

    center: str
    nodes: tuple[VNode, ...]
    edges: tuple[VEdge, ...]
    hidden: int = 0
    collapsed: int = 0
    options: SubgraphOptions = field(default_factory=SubgraphOptions)

    def node(self, node_id: str) -> VNode | None:
        """The drawn node with this id, or ``None``."""
        for n in self.nodes:
            if n.id == node_id:
                return n
        return None


# --------------------------------------------------------------------------- walking


def _kind(data: dict[str, Any]) -> str:
    k = data.get("kind")
    return str(k.value if hasattr(k, "value") else k)


def _steps(
    G: nx.MultiDiGraph, n: str, direction: int, kinds: frozenset[str]
) -> Iterator[tuple[str, str, str, str, dict[str, Any]]]:
    """Yield ``(neighbour, source, target, key, data)`` one step up (-1) or down (+1)."""
    issues = EdgeKind.ISSUES.value
    if direction < 0:
        for u, v, k, d in G.in_edges(n, keys=True, data=True):
            kd = _kind(d)
            if kd in kinds and kd != issues:
                yield u, u, v, k, d
        if issues in kinds:
            for u, v, k, d in G.out_edges(n, keys=True, data=True):
                if _kind(d) == issues:
                    yield v, u, v, k, d
    else:
        for u, v, k, d in G.out_edges(n, keys=True, data=True):
            kd = _kind(d)
            if kd in kinds and kd != issues:
                yield v, u, v, k, d
        if issues in kinds:
            for u, v, k, d in G.in_edges(n, keys=True, data=True):
                if _kind(d) == issues:
                    yield u, u, v, k, d


def _node_kind(G: nx.MultiDiGraph, n: str) -> str:
    k = G.nodes[n].get("kind", NodeKind.UNKNOWN)
    return str(k.value if hasattr(k, "value") else k)


def _name(G: nx.MultiDiGraph, n: str) -> str:
    return str(G.nodes[n].get("name") or n)


def _weight(records: list[tuple[str, str, str, dict[str, Any]]]) -> float:
    total = 0.0
    for _, _, _, d in records:
        s = d.get("shares")
        if isinstance(s, int | float):
            total += float(s)
    return total


def _controllers(G: nx.MultiDiGraph, n: str) -> list[str]:
    """Structural controllers of ``n`` (predecessors over CONTROLS), sorted."""
    out = set()
    for u, _, d in G.in_edges(n, data=True):
        if _kind(d) == EdgeKind.CONTROLS.value:
            out.add(u)
    return sorted(out)


def _record_of(d: dict[str, Any]) -> Any:
    return d.get("record")


def _doc_of(d: dict[str, Any]) -> str | None:
    rec = _record_of(d)
    return getattr(rec, "document_id", None)


def _merge_edge(
    G: nx.MultiDiGraph, source: str, target: str, kind: str, recs: list[tuple[str, dict]]
) -> VEdge:
    """Merge parallel records of one kind between two nodes into one drawn edge."""
    lines: list[str] = []
    roles: list[str] = []
    powers: list[str] = []
    shares: float | None = None
    percent: float | None = None
    docs = G.graph.get("documents", {})
    if kind == EdgeKind.HOLDS.value:
        per_doc: dict[str | None, float] = defaultdict(float)
        known: dict[str | None, bool] = defaultdict(bool)
        for _key, d in recs:
            s = d.get("shares")
            inst = d.get("instrument")
            inst_s = str(inst.value if hasattr(inst, "value") else inst or "shares")
            doc = _doc_of(d)
            if isinstance(s, int | float):
                per_doc[doc] += float(s)
                known[doc] = True
                lines.append(f"{inst_s}: {s:,.0f}")
            else:
                per_doc[doc] += 0.0
                lines.append(f"{inst_s}: unknown")
        if per_doc:
            best = max(per_doc, key=lambda k: (known[k], per_doc[k]))
            if known[best]:
                shares = per_doc[best]
                outstanding = getattr(docs.get(best), "outstanding", None)
                if outstanding:
                    percent = 100.0 * shares / float(outstanding)
            if len(per_doc) > 1:
                lines.append(f"reported in {len(per_doc)} documents; showing the largest")
    else:
        for _key, d in recs:
            role = d.get("role")
            if role is not None:
                roles.append(str(role.value if hasattr(role, "value") else role))
            power = d.get("power")
            if power is not None:
                powers.append(str(power.value if hasattr(power, "value") else power))
            share = d.get("share")
            if share is not None and getattr(share, "minimum", None) is not None:
                percent = share.minimum if percent is None else max(percent, share.minimum)
                hi = share.maximum
                rng = f"{share.minimum:g}%" if share.is_exact else f"{share.minimum:g}-{hi:g}%"
                lines.append(f"stake: {rng}")
            rec = _record_of(d)
            for prov in getattr(rec, "provenance", ()) or ():
                if prov.phrase:
                    lines.append(f"“{prov.phrase}”")
    return VEdge(
        source=source,
        target=target,
        kind=kind,
        shares=shares,
        percent=percent,
        roles=tuple(sorted(set(roles))),
        powers=tuple(sorted(set(powers))),
        lines=tuple(dict.fromkeys(lines)),
        record_ids=tuple(k for k, _ in recs),
    )


def _real_node(G: nx.MultiDiGraph, n: str, level: int, parent: str | None) -> VNode:
    rec = G.nodes[n].get("record")
    idents: tuple[tuple[str, str], ...] = tuple(getattr(rec, "identifiers", ()) or ())
    cusip = getattr(rec, "cusip", None)
    if cusip:
        idents = (*idents, ("cusip", cusip))
    names = tuple(getattr(rec, "names", ()) or ())
    return VNode(
        id=n,
        kind=_node_kind(G, n),
        name=_name(G, n),
        level=level,
        parent=parent,
        center=parent is None,
        identifiers=idents,
        names=names,
    )


def neighbourhood(
    G: nx.MultiDiGraph, center: str, *, options: SubgraphOptions | None = None
) -> Subgraph:
    """Extract the drawable neighbourhood of ``center`` (see the module docstring).

    Raises ``KeyError`` when ``center`` is not a node of ``G``.
    """
    opts = options or SubgraphOptions()
    if center not in G:
        raise KeyError(center)
    kinds = frozenset(str(k.value if hasattr(k, "value") else k) for k in opts.edge_kinds)
    nodes: dict[str, VNode] = {center: _real_node(G, center, 0, None)}
    # (source, target, kind) -> [(key, data)]
    edge_recs: dict[tuple[str, str, str], list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    synthetic_edges: list[VEdge] = []
    hidden = 0
    collapsed = 0
    budget = max(1, opts.max_nodes)

    directions = ([-1] if opts.up else []) + ([1] if opts.down else [])
    for direction in directions:
        frontier = [center]
        for depth in range(1, max(0, opts.depth) + 1):
            nxt: list[str] = []
            for n in frontier:
                # group the records by neighbour
                by_nb: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = defaultdict(list)
                for nb, u, v, k, d in _steps(G, n, direction, kinds):
                    if nb == n:
                        continue
                    by_nb[nb].append((u, v, k, d))
                if not by_nb:
                    continue
                # edges to neighbours already drawn are kept (no new node)
                fresh: list[str] = []
                for nb, recs in by_nb.items():
                    if nb in nodes:
                        for u, v, k, d in recs:
                            edge_recs[(u, v, _kind(d))].append((k, d))
                    else:
                        fresh.append(nb)
                fresh.sort(key=lambda x: (-_weight(by_nb[x]), _name(G, x), x))
                # collapse many funds under their manager
                funds = [x for x in fresh if _node_kind(G, x) == NodeKind.FUND.value]
                if len(funds) > opts.collapse_funds_over:
                    fresh = [x for x in fresh if x not in set(funds)]
                    groups: dict[str | None, list[str]] = defaultdict(list)
                    for f in funds:
                        if direction < 0:
                            ctl = _controllers(G, f)
                            groups[ctl[0] if ctl else None].append(f)
                        else:
                            groups[n].append(f)
                    for mgr, members in sorted(groups.items(), key=lambda kv: str(kv[0])):
                        cid = f"collapsed:{n}:{direction}:{mgr}"
                        total = sum(_weight(by_nb[f]) for f in members)
                        mname = _name(G, mgr) if mgr is not None and mgr in G else None
                        label = f"{len(members)} funds" + (f" of {mname}" if mname else "")
                        nodes[cid] = VNode(
                            id=cid,
                            kind=COLLAPSED,
                            name=label,
                            level=direction * depth,
                            parent=n,
                            shares=total or None,
                            count=len(members),
                            members=tuple(members),
                        )
                        collapsed += len(members)
                        kind = _kind(by_nb[members[0]][0][3])
                        src, dst = (cid, n) if direction < 0 else (n, cid)
                        synthetic_edges.append(
                            VEdge(
                                src,
                                dst,
                                kind,
                                shares=total or None,
                                lines=(f"{len(members)} funds collapsed",),
                            )
                        )
                        # the walk continues from the manager, one level further
                        if (
                            direction < 0
                            and mgr is not None
                            and mgr not in nodes
                            and depth < opts.depth
                            and len(nodes) < budget
                        ):
                            nodes[mgr] = _real_node(G, mgr, direction * (depth + 1), cid)
                            synthetic_edges.append(
                                VEdge(
                                    mgr,
                                    cid,
                                    EdgeKind.CONTROLS.value,
                                    lines=("controls the collapsed funds",),
                                )
                            )
                shown = fresh[: opts.max_children]
                rest = fresh[opts.max_children :]
                room = budget - len(nodes)
                if len(shown) > room:
                    rest = shown[max(0, room) :] + rest
                    shown = shown[: max(0, room)]
                for nb in shown:
                    nodes[nb] = _real_node(G, nb, direction * depth, n)
                    for u, v, k, d in by_nb[nb]:
                        edge_recs[(u, v, _kind(d))].append((k, d))
                    nxt.append(nb)
                if rest:
                    hidden += len(rest)
                    mid = f"more:{n}:{direction}"
                    nodes[mid] = VNode(
                        id=mid,
                        kind=MORE,
                        name=f"and {len(rest)} more",
                        level=direction * depth,
                        parent=n,
                        count=len(rest),
                        members=tuple(rest),
                        shares=sum(_weight(by_nb[x]) for x in rest) or None,
                    )
                    src, dst = (mid, n) if direction < 0 else (n, mid)
                    synthetic_edges.append(VEdge(src, dst, MORE))
            frontier = nxt
            if not frontier:
                break

    edges = [_merge_edge(G, s, t, k, recs) for (s, t, k), recs in sorted(edge_recs.items())]
    edges.extend(synthetic_edges)
    # fill node totals: what a real node holds (sum of its drawn holds edges)
    held: dict[str, float] = defaultdict(float)
    for e in edges:
        if (
            e.kind == EdgeKind.HOLDS.value
            and e.shares is not None
            and not e.source.startswith((COLLAPSED, MORE))
        ):
            held[e.source] += e.shares
    out_nodes = []
    for nd in nodes.values():
        if nd.kind not in (COLLAPSED, MORE) and nd.id in held:
            nd = VNode(**{**nd.__dict__, "shares": held[nd.id]})
        out_nodes.append(nd)
    return Subgraph(
        center=center,
        nodes=tuple(out_nodes),
        edges=tuple(edges),
        hidden=hidden,
        collapsed=collapsed,
        options=opts,
    )


def generated_graph(n_funds: int, *, managers: int = 10, securities: int = 50) -> nx.MultiDiGraph:
    """A synthetic control graph for scale tests: persons -> managers -> funds -> securities.

    Two persons control every manager; each fund is controlled by one manager and holds one
    security. ``2 + managers + n_funds + securities + 1`` nodes.

    >>> G = generated_graph(100)
    >>> G.number_of_nodes()
    163
    """
    from ownergraph.graph.model import Holding, Link, Party, Security
    from ownergraph.graph.store import build_graph
    from ownergraph.graph.vocab import Instrument, Role

    persons = [Party(id=f"p{i}", name=f"Person {i}", kind=NodeKind.PERSON) for i in range(2)]
    mgrs = [
        Party(id=f"m{i}", name=f"Manager {i} LLC", kind=NodeKind.ENTITY) for i in range(managers)
    ]
    funds = [Party(id=f"f{i}", name=f"Fund {i} LP", kind=NodeKind.FUND) for i in range(n_funds)]
    issuer = Party(id="issuer", name="Issuer Inc.", kind=NodeKind.ISSUER)
    secs = [
        Security(id=f"s{i}", issuer_id="issuer", title=f"Class {i}", cusip=f"00000{i:04d}")
        for i in range(securities)
    ]
    links: list[Link] = []
    for m in mgrs:
        for p in persons:
            links.append(
                Link(
                    id=f"l:{p.id}:{m.id}",
                    document_id="d",
                    kind=EdgeKind.CONTROLS,
                    controller_id=p.id,
                    controlled_id=m.id,
                    role=Role.MANAGING_MEMBER,
                )
            )
    for i, f in enumerate(funds):
        m = mgrs[i % managers]
        links.append(
            Link(
                id=f"l:{m.id}:{f.id}",
                document_id="d",
                kind=EdgeKind.CONTROLS,
                controller_id=m.id,
                controlled_id=f.id,
                role=Role.GENERAL_PARTNER,
            )
        )
    holdings = [
        Holding(
            id=f"h{i}",
            document_id="d",
            holder_id=f.id,
            security_id=secs[i % securities].id,
            instrument=Instrument.COMMON,
            shares=float(1000 + i),
        )
        for i, f in enumerate(funds)
    ]
    return build_graph([*persons, *mgrs, *funds, issuer], secs, holdings, links)


def iter_node_ids(sub: Subgraph) -> Iterable[str]:
    """The ids of the real (not synthetic) nodes drawn."""
    return (n.id for n in sub.nodes if n.kind not in (COLLAPSED, MORE))
