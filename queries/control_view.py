"""The control view: the active ``controls`` links of a graph, indexed for Rule 13d-3.

:class:`ControlView` holds the links in force ``as_of`` and the reference (set-based)
methods: the sole-step rule of :mod:`queries.control` per power, reach, top nodes, path
counts and path listing. The fast engine (:mod:`queries.control_engine`) computes the same
numbers and ``tests/test_control_engine.py`` checks it against these methods.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ownergraph.graph.model import Document, Link, link_passes, link_power
from ownergraph.graph.vocab import Authority, EdgeKind, Power, Role
from ownergraph.queries.control_results import _MAX_EXPANSIONS, MAX_PATHS, ControlPath, PathStep


def _doc_date(G: nx.MultiDiGraph, document_id: str) -> dt.date | None:
    doc: Document | None = G.graph.get("documents", {}).get(document_id)
    if doc is None:
        return None
    return doc.event_date or doc.filed_date


def _active_link(G: nx.MultiDiGraph, lk: Link, as_of: dt.date | None) -> bool:
    if as_of is None:
        return True
    if lk.start_date and lk.start_date > as_of:
        return False
    if lk.end_date and lk.end_date < as_of:
        return False
    when = lk.as_of or _doc_date(G, lk.document_id)
    return when is None or when <= as_of


def _bfs(adj: dict[str, Any], nodes: Iterable[str]) -> set[str]:
    """Every node reached from ``nodes`` over ``adj`` (the start nodes only if re-reached)."""
    seen: set[str] = set()
    queue = deque(nodes)
    while queue:
        for v in adj.get(queue.popleft(), ()):
            if v not in seen:
                seen.add(v)
                queue.append(v)
    return seen


def _phrases(links: Iterable[Link]) -> tuple[str, ...]:
    seen: list[str] = []
    for lk in links:
        for p in lk.provenance:
            if p.phrase and p.phrase not in seen:
                seen.append(p.phrase)
        if lk.details and lk.details not in seen:
            seen.append(lk.details)
    return tuple(seen)


@dataclass
class ControlView:
    """The active control links of a graph, indexed for 13d-3 questions (see module doc).

    Build with :func:`control_view`. ``links[(u, v)]`` are the active ``controls`` links
    from ``u`` to ``v`` (parallel links from several documents are kept together).
    """

    G: nx.MultiDiGraph
    as_of: dt.date | None
    links: dict[tuple[str, str], list[Link]]
    down: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    up: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _sole_cache: dict[tuple[str, str], bool] = field(default_factory=dict)
    _step_cache: dict[tuple[str, str], PathStep] = field(default_factory=dict)
    _name_cache: dict[str, str] = field(default_factory=dict)
    _struct_cache: dict[str, frozenset[str]] = field(default_factory=dict)
    _auth_cache: dict[tuple[str, str, Authority], tuple[bool, bool]] = field(default_factory=dict)
    _struct_a_cache: dict[tuple[str, Authority], frozenset[str]] = field(default_factory=dict)
    #: True when every link passes both powers with one sole/shared word for both (then
    #: voting and dispositive figures follow the same steps, as they did before powers).
    uniform: bool = True

    def __post_init__(self) -> None:
        for (u, v), lks in self.links.items():
            self.down[u].add(v)
            self.up[v].add(u)
            if self.uniform and any(
                lk.passes or lk.voting is not None or lk.investment is not None for lk in lks
            ):
                self.uniform = False

    # -- structure ------------------------------------------------------------

    def structural_controllers(self, node: str) -> set[str]:
        """Distinct controllers of ``node`` over structural roles (``Role.structural``)."""
        return set(self._structural(node))

    def _structural(self, node: str) -> frozenset[str]:
        got = self._struct_cache.get(node)
        if got is None:
            got = self._struct_cache[node] = frozenset(
                u
                for u in self.up.get(node, ())
                if any(lk.role.structural for lk in self.links[(u, node)])
            )
        return got

    def sole_step(self, u: str, v: str) -> bool:
        """True when ``u``'s power over what ``v`` holds is sole (module docstring rule)."""
        key = (u, v)
        if key not in self._sole_cache:
            self._sole_cache[key] = self._sole_step(u, v)
        return self._sole_cache[key]

    def _sole_step(self, u: str, v: str) -> bool:
        links = self.links.get((u, v), [])
        structural = [lk for lk in links if lk.role.structural]
        stated = [lk for lk in links if lk.role == Role.STATED_POWER]
        other = [lk for lk in links if not lk.role.structural and lk.role != Role.STATED_POWER]
        if structural and self._structural(v) == {u}:
            if not any(lk.power == Power.SHARED for lk in structural) and any(
                lk.role != Role.OFFICER or lk.power == Power.SOLE for lk in structural
            ):
                return True
        for group in (stated, other):
            if any(lk.power == Power.SOLE for lk in group) and not any(
                lk.power == Power.SHARED for lk in group
            ):
                return True
        return False

    # -- one power at a time ----------------------------------------------------

    def passes(self, u: str, v: str, authority: Authority) -> bool:
        """True when some link ``u -> v`` passes ``authority`` (:func:`link_passes`)."""
        return self._authority(u, v, authority)[0]

    def sole_step_for(self, u: str, v: str, authority: Authority) -> bool:
        """:meth:`sole_step` for one power: only the links passing ``authority`` count,
        each with the sole/shared word it states for that power (:func:`link_power`); the
        structural controllers counted are those passing it."""
        return self._authority(u, v, authority)[1]

    def _authority(self, u: str, v: str, authority: Authority) -> tuple[bool, bool]:
        key = (u, v, authority)
        got = self._auth_cache.get(key)
        if got is None:
            if self.uniform:
                got = (bool(self.links.get((u, v))), self.sole_step(u, v))
            else:
                got = self._authority_step(u, v, authority)
            self._auth_cache[key] = got
        return got

    def _structural_for(self, node: str, authority: Authority) -> frozenset[str]:
        key = (node, authority)
        got = self._struct_a_cache.get(key)
        if got is None:
            got = self._struct_a_cache[key] = frozenset(
                u
                for u in self.up.get(node, ())
                if any(
                    lk.role.structural and authority in link_passes(lk)
                    for lk in self.links[(u, node)]
                )
            )
        return got

    def _authority_step(self, u: str, v: str, authority: Authority) -> tuple[bool, bool]:
        links = [lk for lk in self.links.get((u, v), []) if authority in link_passes(lk)]
        if not links:
            return (False, False)

        def pw(lk: Link) -> Power | None:
            return link_power(lk, authority)

        structural = [lk for lk in links if lk.role.structural]
        stated = [lk for lk in links if lk.role == Role.STATED_POWER]
        other = [lk for lk in links if not lk.role.structural and lk.role != Role.STATED_POWER]
        if structural and self._structural_for(v, authority) == {u}:
            if not any(pw(lk) == Power.SHARED for lk in structural) and any(
                lk.role != Role.OFFICER or pw(lk) == Power.SOLE for lk in structural
            ):
                return (True, True)
        for group in (stated, other):
            if any(pw(lk) == Power.SOLE for lk in group) and not any(
                pw(lk) == Power.SHARED for lk in group
            ):
                return (True, True)
        return (True, False)

    def ancestors(self, nodes: Iterable[str]) -> set[str]:
        """Every node above ``nodes`` over control links (BFS; cycles fine)."""
        return _bfs(self.up, nodes)

    def descendants(self, nodes: Iterable[str]) -> set[str]:
        """Every node below ``nodes`` over control links (BFS; cycles fine)."""
        return _bfs(self.down, nodes)

    # -- reach ----------------------------------------------------------------

    def reach(
        self, nodes: set[str], base: dict[str, frozenset[str]], *, sole_only: bool = False
    ) -> dict[str, frozenset[str]]:
        """Holding ids reachable from each of ``nodes`` (its own ``base`` included).

        Propagated over the condensation of the control graph restricted to ``nodes``
        (memoised, cycle-safe). With ``sole_only`` only sole steps are followed.
        """
        K = nx.DiGraph()
        K.add_nodes_from(nodes)
        for u, v in self.links:
            if u in nodes and v in nodes and (not sole_only or self.sole_step(u, v)):
                K.add_edge(u, v)
        C = nx.condensation(K)
        members = C.graph["mapping"]
        comp_sets: dict[int, frozenset[str]] = {}
        for c in reversed(list(nx.topological_sort(C))):
            acc: set[str] = set()
            for n in C.nodes[c]["members"]:
                acc |= base.get(n, frozenset())
            for d in C.successors(c):
                acc |= comp_sets[d]
            comp_sets[c] = frozenset(acc)
        return {n: comp_sets[members[n]] for n in nodes}

    def top_nodes(self, nodes: set[str]) -> set[str]:
        """Nodes of ``nodes`` with nobody above them (members of source SCCs, for cycles)."""
        K = nx.DiGraph()
        K.add_nodes_from(nodes)
        K.add_edges_from((u, v) for (u, v) in self.links if u in nodes and v in nodes)
        C = nx.condensation(K)
        return {n for c in C if C.in_degree(c) == 0 for n in C.nodes[c]["members"]}

    # -- paths ----------------------------------------------------------------

    def step(self, u: str, v: str) -> PathStep:
        """The merged :class:`PathStep` for ``u -> v`` (made once per view; it is frozen)."""
        got = self._step_cache.get((u, v))
        if got is None:
            got = self._step_cache[(u, v)] = self._make_step(u, v)
        return got

    def _make_step(self, u: str, v: str) -> PathStep:
        links = sorted(self.links[(u, v)], key=lambda lk: lk.id)
        return PathStep(
            controller_id=u,
            controlled_id=v,
            link_ids=tuple(lk.id for lk in links),
            roles=tuple(dict.fromkeys(lk.role.value for lk in links)),
            powers=tuple(dict.fromkeys(lk.power.value if lk.power else None for lk in links)),
            sole=self.sole_step(u, v),
            phrases=_phrases(links),
        )

    def paths(
        self,
        start: str,
        holdings_at: dict[str, tuple[str, ...]],
        within: set[str],
        *,
        limit: int = MAX_PATHS,
    ) -> tuple[list[ControlPath], bool]:
        """Simple control paths from ``start`` down to holders (keys of ``holdings_at``).

        Depth-first in name order, staying inside ``within``; at most ``limit`` paths. Returns
        the paths and whether the listing was cut.
        """
        out: list[ControlPath] = []
        truncated = False
        expansions = 0
        stack: list[tuple[str, tuple[str, ...]]] = [(start, (start,))]
        while stack:
            node, path = stack.pop()
            expansions += 1
            if expansions > _MAX_EXPANSIONS:
                truncated = True
                break
            if node in holdings_at:
                if len(out) >= limit:
                    truncated = True
                    break
                out.append(self._make_path(path, holdings_at[node]))
            children = sorted(
                (v for v in self.down.get(node, ()) if v in within and v not in path),
                key=lambda v: (self._name(v), v),
                reverse=True,
            )
            for v in children:
                stack.append((v, (*path, v)))
        return out, truncated

    def path_counts(self, holders: set[str], within: set[str]) -> dict[str, int] | None:
        """Number of control paths from each node of ``within`` down to ``holders``.

        Counted once for all nodes over a topological order; ``None`` when the control graph
        inside ``within`` has a cycle (simple paths are then not counted).
        """
        K = nx.DiGraph()
        K.add_nodes_from(within)
        K.add_edges_from((u, v) for (u, v) in self.links if u in within and v in within)
        if not nx.is_directed_acyclic_graph(K):
            return None
        counts: dict[str, int] = {}
        for n in reversed(list(nx.topological_sort(K))):
            counts[n] = (1 if n in holders else 0) + sum(counts[v] for v in K.successors(n))
        return counts

    def _make_path(self, nodes: tuple[str, ...], holding_ids: tuple[str, ...]) -> ControlPath:
        steps = tuple(self.step(u, v) for u, v in zip(nodes, nodes[1:], strict=False))
        sole = all(s.sole for s in steps)
        return ControlPath(
            nodes=nodes,
            names=tuple(self._name(n) for n in nodes),
            steps=steps,
            holding_ids=holding_ids,
            power=Power.SOLE if sole else Power.SHARED,
        )

    def _name(self, node: str) -> str:
        got = self._name_cache.get(node)
        if got is None:
            got = str(self.G.nodes[node].get("name", node)) if node in self.G else node
            self._name_cache[node] = got
        return got


def control_view(G: nx.MultiDiGraph, *, as_of: dt.date | None = None) -> ControlView:
    """Index the active ``controls`` links of ``G`` (Rule 13d-3 attribution follows them).

    ``owns`` edges (economic stakes) are not followed: under the control lens a stake is not
    voting or investment power unless a control link says so.
    """
    links: dict[tuple[str, str], list[Link]] = defaultdict(list)
    for u, v, data in G.edges(data=True):
        if data.get("kind") != EdgeKind.CONTROLS or u == v:
            continue
        lk = data.get("record")
        if isinstance(lk, Link) and _active_link(G, lk, as_of):
            links[(u, v)].append(lk)
    return ControlView(G=G, as_of=as_of, links=dict(links))
