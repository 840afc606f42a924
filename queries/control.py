"""Who controls X, under SEC Rule 13d-3 (the control lens).

Control flows DOWN ``controls`` edges (controller -> controlled -> ... -> holder ->
security). Every person up a control chain beneficially owns 100 % of the shares the chain
holds (Rule 13d-3(a)); nothing is multiplied, and a person's shares are the DISTINCT union of
the holdings reachable below it, never a sum of cover pages.

Voting and investment (dispositive) power are counted apart (:mod:`queries.powers`): each
rule below is applied per power, over the links that pass it (``link_passes``), and a
holder's own sole/shared split is the one it filed. Sole vs shared is each person's own
view (DOMAIN.md section 2). P's power over a holding is
SOLE when some control path from P down to the holder takes only *sole steps*, else SHARED:

* a structural step ``u -> v`` (general partner, managing member, officer, manager, trustee,
  parent ...) is sole when ``u`` is the *sole structural controller* of ``v``: ``v`` has
  exactly one structural controller, no link from it says ``Power.SHARED``, and it is not
  only an officer (an officer acts under the board: shared unless a link says ``SOLE``);
* a ``Role.STATED_POWER`` step (a cover page states power over another's shares for a person
  whose role the document does not give) is taken as stated: sole only when it says
  ``Power.SOLE``. It is not structural, so it never turns another controller's sole power
  into shared;
* any other control step is sole only when its link says ``Power.SOLE``;
* a holder has sole power over its own holdings (an empty path).

The traversal is linear-ish: holding sets (int bitsets) are propagated over the strongly
connected components of the control graph (cycles are fine) in topological order, once for
all paths and once over sole steps only (``_Engine``, one condensation per question); paths
are listed up to a cap (``max_paths``), with a count. The numbers never depend on the
paths: ``max_paths=0`` gives the same figures with no path listed.
:func:`control_numbers` computes the same numbers from integer arrays with numpy (no
records, no networkx graph), for bulk questions.

>>> from ownergraph.graph.model import Holding, Link, Party, Security
>>> from ownergraph.graph.store import build_graph
>>> from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Role
>>> parties = [Party("gp", "GP LLC", NodeKind.ENTITY), Party("f", "Fund LP", NodeKind.FUND),
...            Party("iss", "Issuer Inc.", NodeKind.ISSUER)]
>>> g = build_graph(parties, [Security("s", "iss", "Common Stock")],
...     [Holding("h", "d", "f", "s", Instrument.COMMON, 100.0)],
...     [Link("l", "d", EdgeKind.CONTROLS, "gp", "f", Role.GENERAL_PARTNER)])
>>> wc = who_controls(g, "iss")
>>> [(c.name, c.sole_voting, c.shared_voting, c.shares) for c in wc.ultimate]
[('GP LLC', 100.0, 0.0, 100.0)]
>>> wc.ultimate[0].paths[0].nodes
('gp', 'f')
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ownergraph.graph import history
from ownergraph.graph.model import (
    Document,
    Holding,
    Link,
    Provenance,
    ReportedPosition,
    link_passes,
    link_power,
    to_dict,
)
from ownergraph.graph.vocab import Authority, EdgeKind, Lens, NodeKind, Power, Role
from ownergraph.queries.powers import (
    RULE_POWERS,
    PathExplainer,
    PowerIndex,
    computed_rows,
    end_character,
    filed_beside_powers,
    power_sets,
    question_splits,
    row_character,
    row_reason,
)

#: Default number of control paths listed per controller (the count is always given).
MAX_PATHS = 25
#: Node expansions allowed per path enumeration (guards against dead-end blow-ups in cycles).
_MAX_EXPANSIONS = 20_000

RULE_13D3 = "Rule 13d-3(a): beneficial owner through voting or investment power"
RULE_SOLE = (
    "DOMAIN 2 working rule: sole when some path passes only through nodes whose sole "
    "structural controller is the previous node (stated power taken as stated); else shared"
)
RULE_UNION = "Rule 13d-3: aggregate is the distinct union of holdings reachable through control"
RULE_DENOMINATOR = (
    "Rule 13d-3(d)(1)(i): percent = aggregate / (outstanding + own rights to acquire)"
)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class PathStep:
    """One step ``controller -> controlled`` of a control path (parallel links merged)."""

    controller_id: str
    controlled_id: str
    link_ids: tuple[str, ...]
    roles: tuple[str, ...]
    powers: tuple[str | None, ...]
    sole: bool
    phrases: tuple[str, ...]
    #: the powers the step passes ("voting", "investment") and its power for each
    #: ("sole" / "shared" / None where it does not pass it)
    passes: tuple[str, ...] = ("voting", "investment")
    voting: str | None = None
    investment: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return to_dict(self)


@dataclass(frozen=True)
class ControlPath:
    """A control path from a controller down to a holder, and the holdings at its end.

    ``power`` is ``sole`` when every step is a sole step (see the module docstring) and
    the holder's own power is sole. ``voting`` / ``investment``: the party's power over the
    path's holdings through this path ("sole", "shared", "sole and shared" where the
    holder's own filed split has both, ``None`` where the path does not pass that power);
    set by :func:`who_controls` and :func:`queries.attribution.attribute`.
    """

    nodes: tuple[str, ...]
    names: tuple[str, ...]
    steps: tuple[PathStep, ...]
    holding_ids: tuple[str, ...]
    power: Power
    voting: str | None = None
    investment: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return to_dict(self)


@dataclass(frozen=True)
class FiledPosition:
    """What a person's latest cover page for the class filed (rows 7-11 and 13), to set
    beside the computed figures; ``differs`` when a filed row 7-11 is not the computed one."""

    document_id: str
    position_id: str
    sole_voting: float | None
    shared_voting: float | None
    sole_dispositive: float | None
    shared_dispositive: float | None
    aggregate: float | None
    percent_of_class: float | None
    differs: bool = False
    #: each row that differs: ("sole_voting" | ... | "aggregate", computed, filed, reason)
    differences: tuple[tuple[str, float | None, float | None, str], ...] = ()


@dataclass(frozen=True)
class Controller:
    """A party in the control chain above the subject's holdings, with its 13d-3 figures.

    Voting and dispositive power are counted apart (:mod:`queries.powers`); ``shares`` is
    the aggregate (row 11), ``None`` when a holding's share count is unknown; ``percent``
    ``None`` when the outstanding count is unknown or the holdings span several classes.
    ``denominator``: this party's own denominator (outstanding + own rights).
    """

    party_id: str
    name: str
    kind: str
    ultimate: bool
    is_holder: bool
    sole_voting: float | None
    shared_voting: float | None
    sole_dispositive: float | None
    shared_dispositive: float | None
    shares: float | None
    rights_to_acquire: float | None
    percent: float | None
    holding_ids: tuple[str, ...]
    sole_holding_ids: tuple[str, ...]
    paths: tuple[ControlPath, ...]
    path_count: int | None
    paths_truncated: bool
    filed: FiledPosition | None = None
    denominator: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return to_dict(self)


@dataclass(frozen=True)
class WhoControls:
    """The answer to "who controls X" (lens ``sec13d3``)."""

    subject_id: str
    subject_name: str
    subject_kind: str
    lens: Lens
    as_of: dt.date | None
    security_ids: tuple[str, ...]
    holding_ids: tuple[str, ...]
    shares: float | None
    outstanding: float | None
    ultimate: tuple[Controller, ...]
    intermediate: tuple[Controller, ...]
    rules: tuple[str, ...] = (RULE_13D3, RULE_POWERS, RULE_UNION, RULE_SOLE, RULE_DENOMINATOR)
    notes: tuple[str, ...] = ()
    #: where ``outstanding`` came from: "given", "stated", "implied" or "unknown"
    outstanding_source: str = "unknown"
    outstanding_document: str | None = None
    #: the stating document in words, for the denominator's label
    outstanding_document_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data (stable ordering)."""
        return to_dict(self)

    def to_answer(self) -> Any:
        """This answer as the one answer object (:class:`queries.answer.Answer`)."""
        from ownergraph.queries.answer_build import answer_of

        return answer_of(self)


# --------------------------------------------------------------------------- helpers


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


def confers_beneficial_ownership(h: Holding) -> bool:
    """Rule 13d-3(d)(1)(i): shares held count, and a derivative position counts only as a
    right to acquire within 60 days. A written call ("obligation to sell") or an option not
    exercisable within 60 days confers no beneficial ownership of the underlying shares.

    >>> from ownergraph.graph.vocab import Instrument
    >>> confers_beneficial_ownership(Holding("h", "d", "p", "s", Instrument.OPTION, 225000.0,
    ...     derivative=True, right_to_acquire=False))
    False
    """
    return not h.derivative or h.right_to_acquire


def current_holdings(
    G: nx.MultiDiGraph,
    security_ids: Iterable[str] | None = None,
    *,
    as_of: dt.date | None = None,
    beneficial_only: bool = True,
) -> list[Holding]:
    """The holdings of the graph in force ``as_of``: per (holder, security), the latest
    document's (:func:`graph.history.current_holdings`).

    Two filings never collapse into one edge, so a 13D/A and its predecessor both report the
    same fund's shares; adding them would double count. ``None`` security ids means every
    class. With ``beneficial_only`` (the default), derivative positions that are not rights
    to acquire within 60 days are left out (:func:`confers_beneficial_ownership`).
    """
    wanted = None if security_ids is None else set(security_ids)
    targets = wanted if wanted is not None else {n for n in G if _is_security(G, n)}
    found: list[Holding] = []
    for sec in sorted(targets):
        if sec not in G:
            continue
        for _holder, _, data in G.in_edges(sec, data=True):
            if data.get("kind") == EdgeKind.HOLDS and isinstance(data.get("record"), Holding):
                found.append(data["record"])
    docs = G.graph.get("documents", {})
    current = history.current_holdings(found, docs, as_of=as_of)
    if beneficial_only:
        current = [h for h in current if confers_beneficial_ownership(h)]
    return sorted(current, key=lambda h: h.id)


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


def _is_security(G: nx.MultiDiGraph, node: str) -> bool:
    return G.nodes[node].get("kind") == NodeKind.SECURITY


def _sum(holdings: Iterable[Holding]) -> float | None:
    total = 0.0
    for h in holdings:
        if h.shares is None:
            return None
        total += h.shares
    return total


def _phrases(links: Iterable[Link]) -> tuple[str, ...]:
    seen: list[str] = []
    for lk in links:
        for p in lk.provenance:
            if p.phrase and p.phrase not in seen:
                seen.append(p.phrase)
        if lk.details and lk.details not in seen:
            seen.append(lk.details)
    return tuple(seen)


# --------------------------------------------------------------------------- the engine


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


# --------------------------------------------------------------------------- fast engine


def _sccs(succ: list[list[int]]) -> tuple[list[int], list[list[int]]]:
    """Strongly connected components of an integer graph (Tarjan, iterative).

    Returns each node's component number and the components in the order Tarjan closes
    them: every component comes after all the components it reaches (sinks first), the
    reverse topological order of the condensation.

    >>> _sccs([[1], [0, 2], []])
    ([1, 1, 0], [[2], [1, 0]])
    """
    n = len(succ)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    comp = [-1] * n
    comps: list[list[int]] = []
    stack: list[int] = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]
        while work:
            v, i = work[-1]
            s = succ[v]
            if i < len(s):
                work[-1] = (v, i + 1)
                w = s[i]
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
                continue
            work.pop()
            if work:
                u = work[-1][0]
                if low[v] < low[u]:
                    low[u] = low[v]
            if low[v] == index[v]:
                c = len(comps)
                members = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp[w] = c
                    members.append(w)
                    if w == v:
                        break
                comps.append(members)
    return comp, comps


def _propagate(succ: list[list[int]], base: list[int]) -> list[int]:
    """Each node's bitset OR-ed with those of every node it reaches (cycle-safe)."""
    comp, comps = _sccs(succ)
    cbits = [0] * len(comps)
    for c, members in enumerate(comps):
        acc = 0
        for v in members:
            acc |= base[v]
            for w in succ[v]:
                d = comp[w]
                if d != c:
                    acc |= cbits[d]
        cbits[c] = acc
    return [cbits[comp[v]] for v in range(len(succ))]


#: Above this many set bits, bit positions are read with numpy instead of a Python loop.
_NUMPY_BITS = 48


def _bits(x: int) -> list[int]:
    """Positions of the set bits of ``x``, ascending.

    >>> _bits(0b101001)
    [0, 3, 5]
    """
    if x.bit_count() <= _NUMPY_BITS:
        out = []
        while x:
            low = x & -x
            out.append(low.bit_length() - 1)
            x ^= low
        return out
    import numpy as np

    raw = np.frombuffer(x.to_bytes((x.bit_length() + 7) // 8, "little"), dtype=np.uint8)
    return np.flatnonzero(np.unpackbits(raw, bitorder="little")).tolist()


class _HoldingIndex:
    """Holdings numbered in id order, so that a set of holdings is an int bitset.

    Sums run over ascending bits, the order :func:`figures` sums sorted ids in, so every
    figure is the same float as the reference.
    """

    def __init__(self, holdings: dict[str, Holding]) -> None:
        self.ids = sorted(holdings)
        self.bit = {h: i for i, h in enumerate(self.ids)}
        self.shares = [holdings[h].shares for h in self.ids]
        self.unknown = 0
        self.rights = 0
        for i, h in enumerate(self.ids):
            if holdings[h].shares is None:
                self.unknown |= 1 << i
            if holdings[h].right_to_acquire:
                self.rights |= 1 << i
        self._figs: dict[tuple[int, int], _Figures] = {}

    def mask(self, ids: Iterable[str]) -> int:
        """The bitset of some holding ids."""
        m = 0
        for h in ids:
            m |= 1 << self.bit[h]
        return m

    def total(self, x: int, idx: list[int]) -> float | None:
        """Rule 13d-3 sum of the holdings at ``idx`` (the bits of ``x``); ``None`` if one is
        unknown."""
        if x & self.unknown:
            return None
        total = 0.0
        sh = self.shares
        for i in idx:
            total += sh[i]  # type: ignore[operator]
        return total

    def figures(self, reach: int, sole: int) -> _Figures:
        """:func:`figures` from bitsets (memoised: many persons share the same sets)."""
        key = (reach, sole)
        got = self._figs.get(key)
        if got is not None:
            return got
        ids = self.ids
        r_idx = _bits(reach)
        s_idx = _bits(sole) if sole != reach else r_idx
        shared = reach & ~sole
        sh_idx = _bits(shared) if shared else []
        rights = reach & self.rights
        rt_idx = _bits(rights) if rights else []
        got = _Figures(
            holding_ids=tuple(ids[i] for i in r_idx),
            sole_ids=tuple(ids[i] for i in s_idx),
            shares=self.total(reach, r_idx),
            sole=self.total(sole, s_idx),
            shared=self.total(shared, sh_idx),
            rights=self.total(rights, rt_idx),
            shared_ids=tuple(ids[i] for i in sh_idx),
            rights_ids=tuple(ids[i] for i in rt_idx),
        )
        self._figs[key] = got
        return got


class _Engine:
    """The control graph inside a node set, integer-indexed, with one SCC pass.

    Computes what :meth:`ControlView.reach` (all steps and sole steps),
    :meth:`ControlView.top_nodes` and :meth:`ControlView.path_counts` compute, from a single
    condensation of the links inside ``within`` (plus one of its sole steps), with holding
    sets as int bitsets (Rule 13d-3: the distinct union of holdings reachable through control).
    ``tests/test_control_engine.py`` checks it against those reference methods.
    """

    def __init__(
        self, view: ControlView, within: set[str], base: dict[str, frozenset[str]],
        hix: _HoldingIndex,
    ) -> None:  # fmt: skip
        self.nodes = sorted(within)
        pos = {n: i for i, n in enumerate(self.nodes)}
        self.pos = pos
        succ: list[list[int]] = [[] for _ in self.nodes]
        sole_succ: list[list[int]] = [[] for _ in self.nodes]
        down = view.down
        for u in self.nodes:
            i = pos[u]
            for v in down.get(u, ()):
                j = pos.get(v)
                if j is None:
                    continue
                succ[i].append(j)
                if view.sole_step(u, v):
                    sole_succ[i].append(j)
        self.succ = succ
        bases = [hix.mask(base.get(n, ())) for n in self.nodes]
        self.bases = bases
        self.comp, self.comps = _sccs(succ)
        cbits = [0] * len(self.comps)
        comp = self.comp
        for c, members in enumerate(self.comps):
            acc = 0
            for v in members:
                acc |= bases[v]
                for w in succ[v]:
                    d = comp[w]
                    if d != c:
                        acc |= cbits[d]
            cbits[c] = acc
        self.reach = [cbits[comp[v]] for v in range(len(self.nodes))]
        self.sole = _propagate(sole_succ, bases)

    def restrict(self, scope: int) -> None:
        """Keep only the holdings of ``scope`` in every set (a party-scoped question)."""
        self.reach = [r & scope for r in self.reach]
        self.sole = [s & scope for s in self.sole]

    def tops(self, candidates: set[str]) -> set[str]:
        """Members of ``candidates`` whose component has nobody above it.

        ``candidates`` must be closed upward inside ``within`` (every controller of a
        candidate is one), as the ancestors of something are; then its components and edges
        are those of the reference's graph over ``candidates`` alone.
        """
        comp = self.comp
        has_parent = [False] * len(self.comps)
        for v, ws in enumerate(self.succ):
            c = comp[v]
            for w in ws:
                d = comp[w]
                if d != c:
                    has_parent[d] = True
        pos = self.pos
        return {n for n in candidates if n in pos and not has_parent[comp[pos[n]]]}

    def path_counts(self, ends: set[str], path_within: set[str]) -> dict[str, int] | None:
        """:meth:`ControlView.path_counts` over ``path_within`` (closed upward, see
        :meth:`tops`): paths from each node down to ``ends``; ``None`` on a cycle."""
        pos = self.pos
        inside = [False] * len(self.nodes)
        for n in path_within:
            j = pos.get(n)
            if j is not None:
                inside[j] = True
        for members in self.comps:
            if len(members) > 1 and inside[members[0]]:
                return None
        is_end = [False] * len(self.nodes)
        for n in ends:
            j = pos.get(n)
            if j is not None:
                is_end[j] = True
        counts = [0] * len(self.nodes)
        succ = self.succ
        for members in self.comps:
            v = members[0]
            if not inside[v]:
                continue
            c = 1 if is_end[v] else 0
            for w in succ[v]:
                if inside[w]:
                    c += counts[w]
            counts[v] = c
        nodes = self.nodes
        return {nodes[j]: counts[j] for j in range(len(nodes)) if inside[j]}


class _PathLister:
    """:meth:`ControlView.paths` for many starts over one ``within``: children sorted once."""

    def __init__(
        self, view: ControlView, holdings_at: dict[str, tuple[str, ...]], within: set[str]
    ) -> None:
        self.view = view
        self.holdings_at = holdings_at
        self.within = within
        self._kids: dict[str, list[str]] = {}

    def kids(self, node: str) -> list[str]:
        """Children of ``node`` inside ``within``, in reverse (name, id) order (stack order)."""
        got = self._kids.get(node)
        if got is None:
            name = self.view._name
            got = sorted(
                (v for v in self.view.down.get(node, ()) if v in self.within),
                key=lambda v: (name(v), v),
                reverse=True,
            )
            self._kids[node] = got
        return got

    def paths(self, start: str, limit: int = MAX_PATHS) -> tuple[list[ControlPath], bool]:
        """The same paths, in the same order, as :meth:`ControlView.paths`."""
        out: list[ControlPath] = []
        truncated = False
        expansions = 0
        holdings_at = self.holdings_at
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
                out.append(self.view._make_path(path, holdings_at[node]))
            for v in self.kids(node):
                if v not in path:
                    stack.append((v, (*path, v)))
        return out, truncated


# --------------------------------------------------------------------------- numbers only


#: Codes of roles and powers in a :func:`control_numbers` table (``POWER_CODES[0]`` is blank).
ROLE_CODES: tuple[Role, ...] = tuple(Role)
POWER_CODES: tuple[Power | None, ...] = (None, *Power)


@dataclass(frozen=True)
class ControlNumbers:
    """The Rule 13d-3 numbers of every node of a control table, with no explanation.

    Arrays by node: ``shares`` (row 11, the distinct union of the holdings reached),
    ``sole`` and ``shared`` (rows 7-10, the module's working rule), ``rights`` (own rights
    to acquire, 13d-3(d)(1)(i)); NaN where :class:`Controller` says ``None`` (a holding's
    count is unknown). ``reached`` counts the holdings reached, ``top`` marks nodes with
    nobody above them (ultimate controllers).
    """

    shares: Any
    sole: Any
    shared: Any
    rights: Any
    reached: Any
    top: Any


def sole_pairs(
    link_u: Any, link_v: Any, link_role: Any, link_power: Any, controllers: Any = None
) -> tuple[Any, Any, Any]:
    """Merge parallel links into pairs ``u -> v`` and tell which are sole steps.

    ``controllers[v]`` is the number of distinct structural controllers of ``v`` in the
    whole graph (default: counted over these links, right when they hold every link into
    their nodes).

    The module's working rule, over every link at once: a pair is a sole step when it has a
    structural link, ``u`` is the only structural controller of ``v``, no structural link
    says shared and one is not an officer's (or says sole); or when its stated-power links,
    or its other links, say sole and none says shared. Same answer as
    :meth:`ControlView.sole_step` (``tests/test_control_engine.py``).
    """
    import numpy as np

    structural_role = np.array([r.structural for r in ROLE_CODES], dtype=bool)
    sole_p = np.asarray(link_power) == POWER_CODES.index(Power.SOLE)
    shared_p = np.asarray(link_power) == POWER_CODES.index(Power.SHARED)
    role = np.asarray(link_role)
    structural = structural_role[role]
    stated = role == ROLE_CODES.index(Role.STATED_POWER)
    other = ~structural & ~stated
    officer = role == ROLE_CODES.index(Role.OFFICER)
    u = np.asarray(link_u, dtype=np.int64)
    v = np.asarray(link_v, dtype=np.int64)
    n = int(max(u.max(initial=-1), v.max(initial=-1))) + 1
    key = u * n + v
    pairs, inv = np.unique(key, return_inverse=True)

    def any_of(flag: Any) -> Any:
        return np.bincount(inv, weights=flag, minlength=len(pairs)) > 0

    s_any = any_of(structural)
    pv = pairs % n
    if controllers is None:
        controllers = np.bincount(pv[s_any], minlength=n)  # distinct structural controllers
    controllers = np.asarray(controllers)
    sole = (
        s_any
        & (controllers[pv] == 1)
        & ~any_of(structural & shared_p)
        & any_of(structural & (~officer | sole_p))
    )
    sole |= any_of(stated & sole_p) & ~any_of(stated & shared_p)
    sole |= any_of(other & sole_p) & ~any_of(other & shared_p)
    return pairs // n, pv, sole


#: Tables up to this many nodes find their SCCs with :func:`_sccs`, larger ones with scipy.
_SMALL = 300


def _closure(n: int, pu: Any, pv: Any, base_node: Any) -> tuple[Any, Any, Any, Any]:
    """Each node's holdings: its own (``base_node[h]`` holds ``h``) and those below it.

    Strongly connected components (scipy), then their heights in the condensation; level
    by level from the bottom, a component's set is the distinct union of its own holdings
    and its children's (numpy, one sort per level). Returns the pairs (component of each
    node, pair owner component, holding) as arrays ``comp``, ``owner``, ``holding``, and
    which components have nobody above them.
    """
    import numpy as np
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    if n <= _SMALL:
        return _closure_small(n, pu, pv, base_node)
    if len(pu):
        graph = csr_matrix((np.ones(len(pu), dtype=np.int8), (pu, pv)), shape=(n, n))
        ncomp, comp = connected_components(graph, directed=True, connection="strong")
    else:
        ncomp, comp = n, np.arange(n)
    cu, cv = comp[pu], comp[pv]
    keep = cu != cv
    ce = np.unique(cu[keep].astype(np.int64) * ncomp + cv[keep])
    cu, cv = ce // ncomp, ce % ncomp
    height = np.zeros(ncomp, dtype=np.int64)
    while len(cu):
        new = height.copy()
        np.maximum.at(new, cu, height[cv] + 1)
        if (new == height).all():
            break
        height = new
    H = len(base_node)
    bcomp = comp[np.asarray(base_node, dtype=np.int64)] if H else np.empty(0, dtype=np.int64)
    border = np.argsort(bcomp, kind="stable")
    bcomp_sorted, bh_sorted = bcomp[border], border
    start = np.zeros(ncomp, dtype=np.int64)
    end = np.zeros(ncomp, dtype=np.int64)
    store = np.empty(max(16, 2 * H), dtype=np.int64)
    owner = np.empty_like(store)
    size = 0
    eorder = np.argsort(height[cu], kind="stable")
    cu, cv = cu[eorder], cv[eorder]
    ebounds = np.searchsorted(height[cu], np.arange(int(height.max(initial=0)) + 2))
    corder = np.argsort(height, kind="stable")
    cbounds = np.searchsorted(height[corder], np.arange(int(height.max(initial=0)) + 2))
    for level in range(len(cbounds) - 1):
        comps = np.sort(corder[cbounds[level] : cbounds[level + 1]])
        if not len(comps):
            continue
        lo = np.searchsorted(bcomp_sorted, comps)
        hi = np.searchsorted(bcomp_sorted, comps, side="right")
        parts_p = [np.repeat(comps, hi - lo)]
        parts_h = [bh_sorted[_ranges(lo, hi)]]
        if level:
            eu = cu[ebounds[level] : ebounds[level + 1]]
            ev = cv[ebounds[level] : ebounds[level + 1]]
            lens = end[ev] - start[ev]
            parts_p.append(np.repeat(eu, lens))
            parts_h.append(store[_ranges(start[ev], end[ev])])
        codes = np.unique(np.concatenate(parts_p) * max(H, 1) + np.concatenate(parts_h))
        p, h = codes // max(H, 1), codes % max(H, 1)
        if size + len(codes) > len(store):
            grow = max(2 * len(store), size + len(codes))
            store = np.resize(store, grow)
            owner = np.resize(owner, grow)
        store[size : size + len(codes)] = h
        owner[size : size + len(codes)] = p
        start[comps] = size + np.searchsorted(p, comps)
        end[comps] = size + np.searchsorted(p, comps, side="right")
        size += len(codes)
    indeg = np.bincount(cv, minlength=ncomp)
    return comp, owner[:size], store[:size], indeg == 0


def _closure_small(n: int, pu: Any, pv: Any, base_node: Any) -> tuple[Any, Any, Any, Any]:
    """:func:`_closure` for a few nodes: Tarjan and int bitsets in Python (numpy's per-call
    cost dominates there). Same result."""
    import numpy as np

    succ: list[list[int]] = [[] for _ in range(n)]
    for a, b in zip(pu.tolist(), pv.tolist(), strict=True):
        succ[a].append(b)
    comp, comps = _sccs(succ)
    bits = [0] * len(comps)
    for h, node in enumerate(np.asarray(base_node).tolist()):
        bits[comp[node]] |= 1 << h
    has_parent = [False] * len(comps)
    for c, members in enumerate(comps):
        acc = bits[c]
        for v in members:
            for w in succ[v]:
                d = comp[w]
                if d != c:
                    acc |= bits[d]
                    has_parent[d] = True
        bits[c] = acc
    owner: list[int] = []
    store: list[int] = []
    for c, b in enumerate(bits):
        idx = _bits(b)
        owner.extend([c] * len(idx))
        store.extend(idx)
    return (
        np.array(comp, dtype=np.int64),
        np.array(owner, dtype=np.int64),
        np.array(store, dtype=np.int64),
        ~np.array(has_parent, dtype=bool),
    )


def _ranges(lo: Any, hi: Any) -> Any:
    """The concatenated index ranges ``lo[i]:hi[i]``."""
    import numpy as np

    lens = hi - lo
    total = int(lens.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    return np.repeat(lo - (np.cumsum(lens) - lens), lens) + np.arange(total)


def control_numbers(
    n: int,
    link_u: Any,
    link_v: Any,
    link_role: Any,
    link_power: Any,
    hold_node: Any,
    hold_shares: Any,
    hold_rights: Any,
    *,
    scope_node: int | None = None,
    structural_controllers: Any = None,
) -> ControlNumbers | None:
    """Rule 13d-3 numbers for nodes ``0 .. n-1`` from integer arrays, with no records.

    ``link_*``: the active ``controls`` links (controller, controlled, role code in
    :data:`ROLE_CODES`, power code in :data:`POWER_CODES`), every link into any node of
    the table included (the rule counts a node's structural controllers). ``hold_*``: the
    current holdings in scope (holder, share count or NaN, right to acquire). With
    ``scope_node`` (a question about a party) each set is cut to what that node reaches.
    ``structural_controllers[v]``: distinct structural controllers of each node in the whole
    graph, when the table leaves out links into its nodes (see :func:`sole_pairs`).

    The numbers equal :func:`who_controls`' and :func:`queries.attribution.attribute`'s
    (``tests/test_control_engine.py``). Sums are taken in another order than theirs, so this
    answers only when every known count is a whole number and the total is below 2**53
    (then every order gives the same float); otherwise ``None``.
    """
    import numpy as np

    shares = np.asarray(hold_shares, dtype=np.float64)
    known = ~np.isnan(shares)
    vals = np.where(known, shares, 0.0)
    if (vals != np.floor(vals)).any() or vals.sum() >= 2.0**53:
        return None
    u = np.asarray(link_u, dtype=np.int64)
    v = np.asarray(link_v, dtype=np.int64)
    keep = u != v
    u, v = u[keep], v[keep]
    if len(u):
        pu, pv, sole = sole_pairs(
            u,
            v,
            np.asarray(link_role)[keep],
            np.asarray(link_power)[keep],
            None if structural_controllers is None else np.asarray(structural_controllers),
        )
    else:
        pu = pv = np.empty(0, dtype=np.int64)
        sole = np.empty(0, dtype=bool)
    holder = np.asarray(hold_node, dtype=np.int64)
    comp, owner, h, top = _closure(n, pu, pv, holder)
    scomp, sowner, sh, _ = _closure(n, pu[sole], pv[sole], holder)
    inside = np.ones(len(shares), dtype=bool)
    if scope_node is not None:
        c = comp[scope_node]
        inside = np.zeros(len(shares), dtype=bool)
        inside[h[owner == c]] = True
    unknown = (~known & inside).astype(np.float64)
    weight = np.where(inside, vals, 0.0)
    rights = np.asarray(hold_rights, dtype=bool)

    def per_node(cmp: Any, own: Any, hh: Any, w: Any) -> Any:
        return np.bincount(own, weights=w[hh], minlength=int(cmp.max(initial=-1)) + 1)[cmp]

    sum_r = per_node(comp, owner, h, weight)
    unk_r = per_node(comp, owner, h, unknown)
    sum_s = per_node(scomp, sowner, sh, weight)
    unk_s = per_node(scomp, sowner, sh, unknown)
    sum_rt = per_node(comp, owner, h, np.where(rights, weight, 0.0))
    unk_rt = per_node(comp, owner, h, np.where(rights, unknown, 0.0))
    nan = np.nan
    return ControlNumbers(
        shares=np.where(unk_r > 0, nan, sum_r),
        sole=np.where(unk_s > 0, nan, sum_s),
        shared=np.where(unk_r - unk_s > 0, nan, sum_r - sum_s),
        rights=np.where(unk_rt > 0, nan, sum_rt),
        reached=per_node(comp, owner, h, inside.astype(np.float64)).astype(np.int64),
        top=top[comp],
    )


# --------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class _Figures:
    holding_ids: tuple[str, ...]
    sole_ids: tuple[str, ...]
    shares: float | None
    sole: float | None
    shared: float | None
    rights: float | None
    shared_ids: tuple[str, ...] = ()
    rights_ids: tuple[str, ...] = ()


def figures(
    reach: frozenset[str], sole_reach: frozenset[str], holdings: dict[str, Holding]
) -> _Figures:
    """Shares, sole, shared and own rights from a person's reachable holding ids."""
    hs = [holdings[i] for i in sorted(reach)]
    sole = [holdings[i] for i in sorted(sole_reach)]
    shared = [holdings[i] for i in sorted(reach - sole_reach)]
    return _Figures(
        holding_ids=tuple(sorted(reach)),
        sole_ids=tuple(sorted(sole_reach)),
        shares=_sum(hs),
        sole=_sum(sole),
        shared=_sum(shared),
        rights=_sum(h for h in hs if h.right_to_acquire),
        shared_ids=tuple(h.id for h in shared),
        rights_ids=tuple(h.id for h in hs if h.right_to_acquire),
    )


def per_person_percent(
    shares: float | None, rights: float | None, outstanding: float | None
) -> float | None:
    """Percent of class with the per-person denominator, Rule 13d-3(d)(1)(i).

    >>> round(per_person_percent(1_019_531, 744_176, 43_972_096), 2)
    2.28
    >>> per_person_percent(10, 0, None) is None
    True
    """
    if shares is None or rights is None or outstanding is None:
        return None
    denominator = outstanding + rights
    if denominator <= 0:
        return None
    return 100.0 * shares / denominator


def document_outstanding(
    G: nx.MultiDiGraph, security_id: str, *, as_of: dt.date | None = None
) -> tuple[float, str] | None:
    """Shares outstanding stated by the latest document about ``security_id``, with its id."""
    best: tuple[tuple[dt.date, str], float] | None = None
    for doc in G.graph.get("documents", {}).values():
        if doc.security_id != security_id or doc.outstanding is None:
            continue
        when = doc.outstanding_as_of or doc.event_date or doc.filed_date or dt.date.min
        if as_of is not None and when > as_of:
            continue
        key = (when, doc.id)
        if best is None or key > best[0]:
            best = (key, doc.outstanding)
    return (best[1], best[0][1]) if best else None


def latest_pages(
    G: nx.MultiDiGraph, security_id: str, *, as_of: dt.date | None = None
) -> dict[str, ReportedPosition]:
    """Each party's cover page in the latest document about ``security_id`` that has one."""
    docs = G.graph.get("documents", {})
    record = G.nodes[security_id].get("record") if security_id in G else None
    issuer = getattr(record, "issuer_id", None)
    best: dict[str, tuple[tuple[dt.date, int, str], ReportedPosition]] = {}
    for rp in G.graph.get("positions", ()):
        doc = docs.get(rp.document_id)
        if doc is None:
            continue
        if doc.security_id != security_id and not (
            doc.security_id is None and issuer and doc.issuer_id == issuer
        ):
            continue
        when = doc.event_date or doc.filed_date
        if as_of is not None and when is not None and when > as_of:
            continue
        key = (when or dt.date.min, doc.amendment_no or 0, doc.id)
        if rp.party_id not in best or key > best[rp.party_id][0]:
            best[rp.party_id] = (key, rp)
    return {pid: rp for pid, (_, rp) in best.items()}


# --------------------------------------------------------------------------- subject


@dataclass(frozen=True)
class Subject:
    """What a question is about: a node (or a holding) and the holdings in scope."""

    id: str
    name: str
    kind: str
    security_ids: tuple[str, ...]
    holdings: tuple[Holding, ...]
    party_scope: bool  # True when controllers are those above the party itself


def subject_scope(
    G: nx.MultiDiGraph, view: ControlView, subject: str, *, as_of: dt.date | None = None
) -> Subject:
    """Resolve ``subject`` (node id, holding id, or text) to the holdings it is about.

    A security: its current holdings. An issuer with securities: the holdings of its
    classes. A holding id: that holding. Any other party: the holdings reachable below it.
    Text that is not an id is resolved with :func:`queries.resolve.resolve_subject`.
    """
    if subject not in G:
        for _u, _v, key, data in G.edges(keys=True, data=True):
            if key == subject and data.get("kind") == EdgeKind.HOLDS:
                h: Holding = data["record"]
                return Subject(
                    id=h.id,
                    name=f"holding of {view._name(h.holder_id)} in {view._name(h.security_id)}",
                    kind="holding",
                    security_ids=(h.security_id,),
                    holdings=(h,),
                    party_scope=False,
                )
        from ownergraph.queries.resolve import resolve_subject

        subject = resolve_subject(G, subject)
    node = G.nodes[subject]
    kind = node.get("kind")
    name = str(node.get("name", subject))
    if kind == NodeKind.SECURITY:
        hs = current_holdings(G, [subject], as_of=as_of)
        return Subject(subject, name, str(kind), (subject,), tuple(hs), False)
    secs = issued_securities(G, subject)
    if secs:
        hs = current_holdings(G, secs, as_of=as_of)
        if hs:
            return Subject(subject, name, str(kind), tuple(secs), tuple(hs), False)
    below = view.descendants([subject]) | {subject}
    hs = [h for h in current_holdings(G, None, as_of=as_of) if h.holder_id in below]
    return Subject(
        subject, name, str(kind), tuple(sorted({h.security_id for h in hs})), tuple(hs), True
    )


def issued_securities(G: nx.MultiDiGraph, issuer_id: str) -> list[str]:
    """The security classes of an issuer (``issues`` edges or ``Security.issuer_id``)."""
    out = {
        v for _, v, data in G.out_edges(issuer_id, data=True) if data.get("kind") == EdgeKind.ISSUES
    }
    return sorted(out)


# --------------------------------------------------------------------------- who controls


def who_controls(
    G: nx.MultiDiGraph,
    subject: str,
    *,
    as_of: dt.date | None = None,
    outstanding: float | None = None,
    max_paths: int = MAX_PATHS,
    implied_denominator: bool = False,
) -> WhoControls:
    """Who controls ``subject``, under Rule 13d-3 (lens ``sec13d3``).

    ``subject`` is a party, an issuer (its securities, then their holders), a security, a
    holding id, or text resolved by :func:`queries.resolve.resolve_subject`. The ultimate
    controllers are the parties reachable upward over ``controls`` edges with nobody above
    them (a top cycle counts as a whole; a holder with nobody above it is its own ultimate
    controller); every other party on the way is listed in ``intermediate``.

    For each: sole/shared voting and dispositive power (module rule, per power), shares as
    the distinct union of the subject's holdings over which it has either power (Rule
    13d-3; never a sum of cover pages), own rights to acquire, percent with the per-person denominator
    (13d-3(d)(1)(i)) when the outstanding count is known (``outstanding`` or a document) and
    the holdings are of one class, and control paths (node ids, link ids, roles, phrases),
    at most ``max_paths`` of them, with their count (``None`` when the chain has a cycle and
    the listing was cut; ``max_paths=0`` lists none and changes no number). Paths end at the
    holders, or at the party itself when the subject is a party that is not an issuer of
    held securities. Each controller carries the
    latest cover page it filed for the class (``filed``), flagged when rows 7-11 differ,
    each differing row with its reason. With ``implied_denominator`` (the one answer's
    policy, :func:`who_controls_answer`), an outstanding count neither given nor stated is
    implied by the filed percentages (:func:`queries.attribution.denominator`).
    """
    view = control_view(G, as_of=as_of)
    subj = subject_scope(G, view, subject, as_of=as_of)
    holdings = {h.id: h for h in subj.holdings}
    by_holder: dict[str, frozenset[str]] = defaultdict(frozenset)
    for h in subj.holdings:
        by_holder[h.holder_id] = by_holder[h.holder_id] | {h.id}
    holders = set(by_holder)
    notes: list[str] = []
    if subj.party_scope:
        candidates = view.ancestors([subj.id]) | {subj.id}
        within = candidates | view.descendants([subj.id])
    else:
        candidates = view.ancestors(holders) | holders
        within = candidates
    within = {n for n in within if n in G}
    hix = _HoldingIndex(holdings)
    eng = _Engine(view, within, by_holder, hix)
    pos = eng.pos
    pages_by_class = {
        sec: latest_pages(G, sec, as_of=as_of) for sec in subj.security_ids if sec in G
    }
    splits = question_splits(
        G, view, subj.holdings, subj.security_ids, as_of=as_of, pages_by_class=pages_by_class
    )
    pix = PowerIndex(hix, splits)
    psets = power_sets(view, eng)
    if subj.party_scope and subj.id in pos:
        scope = eng.reach[pos[subj.id]]
        eng.restrict(scope)
        psets.restrict(scope)
    tops = eng.tops(candidates)
    if not subj.holdings:
        notes.append("no holdings in scope: shares are 0 and no percent is computed")
    skipped = (
        [
            h
            for h in current_holdings(
                G,
                subj.security_ids or issued_securities(G, subj.id),
                as_of=as_of,
                beneficial_only=False,
            )
            if not confers_beneficial_ownership(h)
        ]
        if not subj.party_scope or subj.kind == NodeKind.ISSUER.value
        else []
    )
    if skipped:
        notes.append(
            f"{len(skipped)} derivative position(s) left out: not a right to acquire within"
            " 60 days, so no beneficial ownership under Rule 13d-3(d)(1)(i)"
            f" ({', '.join(sorted({h.title or h.instrument.value for h in skipped}))})"
        )
    figs = {n: pix.figures(*psets.at(j)) for n, j in pos.items()}
    source, source_doc = ("given" if outstanding is not None else "unknown"), None
    source_text: str | None = None
    if outstanding is None and len(subj.security_ids) == 1:
        from ownergraph.queries.attribution import denominator

        den = denominator(
            G,
            subj.security_ids[0],
            as_of=as_of,
            computed_rights={n: f.rights for n, f in figs.items()},
        )
        if den.outstanding is not None and (implied_denominator or not den.implied):
            outstanding = den.outstanding
            source = "implied" if den.implied else "stated"
            source_doc = den.document_id
            source_text = den.document_text
            notes.append(
                f"outstanding {outstanding:,.0f} stated by document {den.document_id}"
                if not den.implied
                else f"outstanding {outstanding:,.0f} {den.note}"
            )
    if len(subj.security_ids) > 1:
        notes.append("holdings span several classes: no percent of class")
    if any(sp.source == "page" for sp in splits.values()):
        notes.append(
            "a holder's own split of voting and dispositive power is taken from its own"
            " cover page (the links do not decide it)"
        )
    if subj.party_scope:  # paths end at the party asked about
        own = eng.reach[pos[subj.id]] if subj.id in pos else 0
        ends = {subj.id: tuple(hix.ids[i] for i in _bits(own))}
        path_within = candidates
    else:
        ends = {k: tuple(sorted(v)) for k, v in by_holder.items()}
        path_within = within
    counts = eng.path_counts(set(ends), path_within)
    lister = _PathLister(view, ends, path_within)
    pages = (
        pages_by_class.get(subj.security_ids[0], {})
        if len(subj.security_ids) == 1 and not subj.party_scope
        else {}
    )
    from ownergraph.graph.model import BOTH_POWERS

    def end_of(node: str, ids: tuple[str, ...]) -> dict[Authority, str | None]:
        if subj.party_scope and node == subj.id:
            f = figs.get(node)
            if f is None:
                return dict.fromkeys(BOTH_POWERS)
            return {
                Authority.VOTING: row_character(f.sole_voting, f.shared_voting),
                Authority.INVESTMENT: row_character(f.sole_dispositive, f.shared_dispositive),
            }
        return {a: end_character((splits[i] for i in ids if i in splits), a) for a in BOTH_POWERS}

    explain = PathExplainer(view, end_of)

    def controller(n: str) -> Controller:
        j = pos.get(n)
        f = figs[n] if j is not None else pix.figures(0, 0, 0, 0)
        paths, cut = lister.paths(n, limit=max_paths)
        count = counts.get(n, 0) if counts is not None else None
        if count is None and not cut:
            count = len(paths)
        single = len(subj.security_ids) == 1
        pct = per_person_percent(f.aggregate, f.rights, outstanding) if single else None
        rp = pages.get(n)

        def reason(row: str, c: float | None, filed: float | None) -> str:
            below = {holdings[i].holder_id for i in f.holding_ids}
            return row_reason(view, G, n, rp, f, splits, below, row, c, filed)  # type: ignore[arg-type]

        return Controller(
            party_id=n,
            name=view._name(n),
            kind=str(G.nodes[n].get("kind")),
            ultimate=n in tops,
            is_holder=n in holders,
            sole_voting=f.sole_voting,
            shared_voting=f.shared_voting,
            sole_dispositive=f.sole_dispositive,
            shared_dispositive=f.shared_dispositive,
            shares=f.aggregate,
            rights_to_acquire=f.rights,
            percent=pct,
            holding_ids=f.holding_ids,
            sole_holding_ids=f.sole_ids,
            paths=tuple(explain(p) for p in paths),
            path_count=count,
            paths_truncated=cut,
            filed=filed_beside_powers(rp, computed_rows(f), reason),
            denominator=(
                outstanding + f.rights
                if single and outstanding is not None and f.rights is not None
                else None
            ),
        )

    def order(c: Controller) -> tuple[float, str, str]:
        return (-(c.shares or 0.0), c.name, c.party_id)

    everyone = [
        controller(n)
        for n in sorted(candidates)
        if not (subj.party_scope and n == subj.id and n not in tops)
    ]
    ultimate = tuple(sorted((c for c in everyone if c.ultimate), key=order))
    intermediate = tuple(sorted((c for c in everyone if not c.ultimate), key=order))
    return WhoControls(
        subject_id=subj.id,
        subject_name=subj.name,
        subject_kind=subj.kind,
        lens=Lens.SEC13D3,
        as_of=as_of,
        security_ids=subj.security_ids,
        holding_ids=tuple(sorted(holdings)),
        shares=_sum(subj.holdings),
        outstanding=outstanding,
        ultimate=ultimate,
        intermediate=intermediate,
        notes=tuple(notes),
        outstanding_source=source,
        outstanding_document=source_doc,
        outstanding_document_text=source_text,
    )


def has_securities(G: nx.MultiDiGraph, node: str, *, as_of: dt.date | None = None) -> bool:
    """True when a 13d-3 question about ``node`` has securities to answer over: it is a
    security, issues a class, or holdings are reachable below it through control links."""
    if G.nodes[node].get("kind") == NodeKind.SECURITY or issued_securities(G, node):
        return True
    view = control_view(G, as_of=as_of)
    below = view.descendants([node]) | {node}
    return any(
        u in below for u, _v, data in G.edges(data=True) if data.get("kind") == EdgeKind.HOLDS
    )


def who_controls_answer(
    G: nx.MultiDiGraph,
    subject: str,
    *,
    as_of: dt.date | None = None,
    outstanding: float | None = None,
    max_paths: int = MAX_PATHS,
    **register_options: Any,
) -> Any:
    """Who controls ``subject``, as the one answer object (:class:`queries.answer.Answer`).

    The dispatcher: a subject with securities in the graph (a class, an issuer of one, a
    holding, or a party with holdings below it) is answered under Rule 13d-3
    (:func:`who_controls`); a subject without (a company known from BODS, GLEIF, a register
    or tabular ``owns``) under the register rules of
    ``ownergraph.queries.register_control.who_controls_register(G, subject_id, as_of=...,
    **register_options)`` when that module exists (else under 13d-3 as before).
    """
    node = subject
    if subject not in G and not any(k == subject for _u, _v, k in G.edges(keys=True)):
        from ownergraph.queries.resolve import resolve_subject

        node = resolve_subject(G, subject)
    if node in G and not has_securities(G, node, as_of=as_of):
        import importlib
        import importlib.util

        name = "ownergraph.queries.register_control"
        register = (
            getattr(importlib.import_module(name), "who_controls_register", None)
            if importlib.util.find_spec(name) is not None
            else None
        )
        if register is not None:
            return register(G, node, as_of=as_of, **register_options)
    return who_controls(
        G,
        node,
        as_of=as_of,
        outstanding=outstanding,
        max_paths=max_paths,
        implied_denominator=True,
    ).to_answer()


def evidence_of(holdings: Iterable[Holding]) -> tuple[Provenance, ...]:
    """The provenance of some holdings, de-duplicated, in order."""
    out: list[Provenance] = []
    for h in holdings:
        for p in h.provenance:
            if p not in out:
                out.append(p)
    return tuple(out)
