"""The fast Rule 13d-3 engine: holding sets as int bitsets over the control graph's SCCs.

:class:`_Engine` propagates holding bitsets (:class:`_HoldingIndex`) over the strongly
connected components of the control links inside a node set (:func:`_sccs`), once for all
steps and once for sole steps; :class:`_PathLister` lists the paths
:meth:`queries.control_view.ControlView.paths` lists; :func:`figures` and
:func:`per_person_percent` turn a person's holdings into its figures. Same numbers as the
reference methods of the control view (``tests/test_control_engine.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ownergraph.graph.model import Holding
from ownergraph.queries.control_results import _MAX_EXPANSIONS, MAX_PATHS, ControlPath
from ownergraph.queries.control_view import ControlView


def _sum(holdings: Iterable[Holding]) -> float | None:
    total = 0.0
    for h in holdings:
        if h.shares is None:
            return None
        total += h.shares
    return total


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
