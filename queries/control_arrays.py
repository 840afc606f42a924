"""Rule 13d-3 numbers from integer arrays, with no records (numpy, scipy for big tables).

:func:`control_numbers` gives the figures :func:`queries.control.who_controls` gives (sole,
shared, aggregate, own rights, ultimate) for every node of a table of links and holdings,
for bulk questions; :func:`sole_pairs` is the sole-step rule of :mod:`queries.control` over
every link at once. numpy and scipy are imported inside the functions (start-up stays light).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ownergraph.graph.vocab import Power, Role
from ownergraph.queries.control_engine import _bits, _sccs

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


def strong_components(n: int, pu: Any, pv: Any) -> tuple[int, Any]:
    """Strongly connected components of the pairs ``pu -> pv`` over nodes ``0 .. n-1``, no
    scipy import: their number and each node's (numbered in no particular order).

    Nodes with nobody above or nobody below them among the others (repeatedly) are their
    own component (numpy, one pass per level); Tarjan (:func:`queries.control_engine._sccs`)
    runs on what is left, the cycles and the nodes between them.

    >>> strong_components(4, [0, 1, 2, 1], [1, 2, 1, 3])[0]
    3
    """
    import numpy as np

    pu = np.asarray(pu, dtype=np.int64)
    pv = np.asarray(pv, dtype=np.int64)
    alive = np.ones(n, dtype=bool)
    edge = np.ones(len(pu), dtype=bool)
    while True:
        indeg = np.bincount(pv[edge], minlength=n)
        outdeg = np.bincount(pu[edge], minlength=n)
        drop = alive & ((indeg == 0) | (outdeg == 0))
        if not drop.any():
            break
        alive &= ~drop
        edge &= alive[pu] & alive[pv]
    comp = np.empty(n, dtype=np.int64)
    rest = np.flatnonzero(alive)
    ncomp = 0
    if len(rest):
        local = np.full(n, -1, dtype=np.int64)
        local[rest] = np.arange(len(rest))
        eu, ev = local[pu[edge]], local[pv[edge]]
        order = np.argsort(eu, kind="stable")
        heads = ev[order].tolist()
        ptr = np.searchsorted(eu[order], np.arange(len(rest) + 1)).tolist()
        succ = [heads[ptr[i] : ptr[i + 1]] for i in range(len(rest))]
        rc, comps = _sccs(succ)
        comp[rest] = rc
        ncomp = len(comps)
    done = np.flatnonzero(~alive)
    comp[done] = ncomp + np.arange(len(done))
    return ncomp + len(done), comp


def _closure(
    n: int, pu: Any, pv: Any, base_node: Any, components: tuple[int, Any] | None = None
) -> tuple[Any, Any, Any, Any]:
    """Each node's holdings: its own (``base_node[h]`` holds ``h``) and those below it.

    Strongly connected components (scipy), then their heights in the condensation; level
    by level from the bottom, a component's set is the distinct union of its own holdings
    and its children's (numpy, one sort per level). Returns the pairs (component of each
    node, pair owner component, holding) as arrays ``comp``, ``owner``, ``holding``, and
    which components have nobody above them.
    """
    import numpy as np

    if n <= _SMALL and components is None:
        return _closure_small(n, pu, pv, base_node)
    if components is not None:  # given (``strong_components`` of these pairs)
        ncomp, comp = components
    elif len(pu):
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import connected_components

        graph = csr_matrix((np.ones(len(pu), dtype=np.int8), (pu, pv)), shape=(n, n))
        ncomp, comp = connected_components(graph, directed=True, connection="strong")
    else:
        ncomp, comp = n, np.arange(n)
    cu, cv = comp[pu], comp[pv]
    keep = cu != cv
    ce = unique(cu[keep].astype(np.int64) * ncomp + cv[keep])
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
        codes = unique(np.concatenate(parts_p) * max(H, 1) + np.concatenate(parts_h))
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


def unique(values: Any) -> Any:
    """The sorted distinct values of an integer array, as :func:`numpy.unique` gives them,
    by one sort: numpy 2's ``unique`` hashes first, 10-30 times slower on the arrays of a
    question (200k node numbers: ~150 ms against ~5 ms), and imports ``numpy.ma``.

    >>> unique([3, 1, 3, 2, 1]).tolist()
    [1, 2, 3]
    >>> unique([]).tolist()
    []
    """
    import numpy as np

    out = np.sort(np.asarray(values).ravel())
    if len(out) < 2:
        return out
    keep = np.empty(len(out), dtype=bool)
    keep[0] = True
    np.not_equal(out[1:], out[:-1], out=keep[1:])
    return out[keep]


def _ranges(lo: Any, hi: Any) -> Any:
    """The concatenated index ranges ``lo[i]:hi[i]``."""
    import numpy as np

    lens = hi - lo
    total = int(lens.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    return np.repeat(lo - (np.cumsum(lens) - lens), lens) + np.arange(total)


def controls_closure(cols: Any, start: Any, *, up: bool) -> Any:
    """``start`` and every node above it (``up``) or below it over ``controls`` edges, as
    sorted node numbers (a numpy BFS over the mapped ``up`` or ``down`` adjacency)."""
    import numpy as np

    from ownergraph.graph import columns as colmod

    if up:
        ptr, idx, far = np.asarray(cols.up_ptr), np.asarray(cols.up_idx), cols.edge_src
    else:
        ptr, idx, far = np.asarray(cols.down_ptr), np.asarray(cols.down_idx), cols.edge_dst
    kind, far = np.asarray(cols.edge_kind), np.asarray(far)
    seen = np.zeros(cols.n_nodes, dtype=bool)
    frontier = unique(np.asarray(start, dtype=np.int64))
    seen[frontier] = True
    while len(frontier):
        e = idx[_ranges(ptr[frontier], ptr[frontier + 1])]
        e = e[kind[e] == colmod.CONTROLS]
        nxt = unique(far[e])
        nxt = nxt[~seen[nxt]]
        seen[nxt] = True
        frontier = nxt
    return np.flatnonzero(seen)


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
