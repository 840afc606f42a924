"""Integrated ownership: the economic look-through lens, with sparse linear algebra.

DOMAIN.md section 4: multiply fractional stakes along each path and add over all paths.
With ``W[i, j]`` the fraction of ``j`` that ``i`` owns directly (``OWNS`` links, share in
percent / 100, and holdings of a subject's securities over its shares outstanding), the
total is ``W + W² + … = (I − W)⁻¹ W``. For one subject ``s`` only one column is needed:
solve ``(I − W) t = W[:, s]`` (``scipy.sparse.linalg.spsolve``) over the parties that can
reach ``s``.

Cross-holdings (cycles) converge when every company of a cycle has outside holders
(spectral radius < 1). A *closed* cycle, companies owned only by each other (every column
of the strongly connected component sums to 1), makes ``I − W`` singular: it is detected
per component, reported, and its inner edges are left out so nothing loops.

How to read a figure: ``t[i]`` is the expected number of times an upward walk from the
subject (choose an owner ``i`` of the current company with probability ``W[i, j]``, stop
with the rest) visits ``i``. For a party outside every cycle, a person in particular, that
is a probability: at most 100 %, and the ultimate owners' figures sum to at most 100 %.
A company inside a cross-holding cycle also counts the stake it holds in itself through
the cycle, so its figure can exceed 100 %.

Ranges (DOMAIN.md 4): with interval shares the solution is monotone in the entries of a
nonnegative ``W``, so the lower bound solves with every minimum and the upper bound with
every maximum. An unknown share is never 0 % or 100 %: it is left out of the lower bound
("at least what the known edges give") and makes the upper bound unknown for every party
with a path through it.

>>> from ownergraph.graph.model import Link, Party, Share
>>> from ownergraph.graph.store import build_graph
>>> from ownergraph.graph.vocab import EdgeKind, NodeKind, Role
>>> def owns(a, b, pct):
...     return Link(f"{a}-{b}", "doc", EdgeKind.OWNS, a, b, Role.SHAREHOLDER, share=Share.exact(pct))
>>> g = build_graph(
...     [Party("P", "P", NodeKind.PERSON), Party("H", "H", NodeKind.ENTITY),
...      Party("S", "S", NodeKind.ENTITY)], [], [],
...     [owns("P", "H", 60), owns("H", "S", 50), owns("P", "S", 10)])
>>> r = integrated_ownership(g, "S")
>>> str(r.holder("P").stake), str(r.holder("H").stake)
('40%', '50%')
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from ownergraph.graph.ids import make_id
from ownergraph.graph.model import Finding
from ownergraph.graph.vocab import Lens, NodeKind, Severity
from ownergraph.queries.chains import PathContribution as PathContribution
from ownergraph.queries.chains import _estimate as _estimate
from ownergraph.queries.chains import _rank as _rank
from ownergraph.queries.chains import enumerate_chains as enumerate_chains
from ownergraph.queries.intervals import EPS, Interval
from ownergraph.queries.stakes import IMPLIED_NOTE as IMPLIED_NOTE
from ownergraph.queries.stakes import Stake as Stake
from ownergraph.queries.stakes import _implied_stake as _implied_stake
from ownergraph.queries.stakes import _link_date as _link_date
from ownergraph.queries.stakes import document_date as document_date
from ownergraph.queries.stakes import economic_stakes as economic_stakes
from ownergraph.queries.stakes import subject_company as subject_company

#: Rule cited by every integrated-ownership result.
RULE = "DOMAIN 4: integrated ownership (I − W)⁻¹W, stakes multiplied along paths, summed across"


# --------------------------------------------------------------------------- solve


@dataclass(frozen=True)
class CycleReport:
    """A cross-holding cycle (strongly connected component) upstream of the subject.

    ``closed`` when its companies have no outside holders (every column of the component
    sums to 1): the walk never leaves, ``I − W`` is singular, and the inner edges are left
    out of the solve. ``spectral_radius`` is of the component's block of ``W`` (minimum
    shares; the maximum-share block is checked too for the upper bound).
    """

    members: tuple[str, ...]
    spectral_radius: float
    closed: bool
    possibly_closed: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "members": list(self.members),
            "spectral_radius": self.spectral_radius,
            "closed": self.closed,
            "possibly_closed": self.possibly_closed,
        }


@dataclass(frozen=True)
class Holder:
    """One party's integrated stake in the subject, with the chains that explain it."""

    party_id: str
    name: str
    kind: NodeKind | None
    stake: Interval
    direct: Interval | None
    paths: tuple[PathContribution, ...] = ()
    in_cycle: bool = False
    notes: tuple[str, ...] = ()

    def to_dict(self, names: dict[str, str] | None = None) -> dict[str, Any]:
        """Plain data."""
        return {
            "party_id": self.party_id,
            "name": self.name,
            "kind": None if self.kind is None else str(self.kind),
            "stake": self.stake.to_dict(),
            "direct": None if self.direct is None else self.direct.to_dict(),
            "paths": [p.to_dict(names) for p in self.paths],
            "in_cycle": self.in_cycle,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class IntegratedResult:
    """Integrated ownership of one subject: every upstream party's stake, largest first."""

    subject: str
    subject_name: str
    holders: tuple[Holder, ...]
    cycles: tuple[CycleReport, ...] = ()
    findings: tuple[Finding, ...] = ()
    seconds: float = 0.0
    lens: Lens = Lens.INTEGRATED
    rule: str = RULE
    names: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def holder(self, party_id: str) -> Holder | None:
        """The row of one party, or ``None`` when it has no path to the subject."""
        index = self.__dict__.get("_index")
        if index is None:
            index = {h.party_id: h for h in self.holders}
            object.__setattr__(self, "_index", index)  # cache on a frozen instance
        return index.get(party_id)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready)."""
        return {
            "lens": str(self.lens),
            "rule": self.rule,
            "subject": self.subject,
            "subject_name": self.subject_name,
            "holders": [h.to_dict(self.names) for h in self.holders],
            "cycles": [c.to_dict() for c in self.cycles],
            "findings": [
                {"kind": f.kind, "severity": str(f.severity), "message": f.message}
                for f in self.findings
            ],
            "seconds": self.seconds,
        }


def _name(G: nx.MultiDiGraph, n: str) -> str:
    return str(G.nodes[n].get("name") or n) if n in G else n


def _kind(G: nx.MultiDiGraph, n: str) -> NodeKind | None:
    k = G.nodes[n].get("kind") if n in G else None
    return NodeKind(k) if k is not None else None


def _spectral_radius(block: sp.csc_matrix) -> float:
    """Spectral radius of one strongly connected block of ``W`` (nonnegative, irreducible).

    Perron–Frobenius: with every column sum at most 1 the radius is 1 exactly when every
    column sums to 1 (a closed cycle), else below 1. Small blocks get exact eigenvalues,
    large ones ARPACK, falling back on the largest column sum (an upper bound).
    """
    n = block.shape[0]
    if n == 0 or block.nnz == 0:
        return 0.0
    sums = np.asarray(block.sum(axis=0)).ravel()
    colmax, colmin = float(sums.max()), float(sums.min())
    if colmax <= 1.0 + 1e-12 and colmin >= 1.0 - 1e-9:
        return 1.0
    if n <= 200:
        return float(np.max(np.abs(np.linalg.eigvals(block.toarray()))))
    try:
        vals = spla.eigs(block.astype(float), k=1, which="LM", return_eigenvectors=False,
                         maxiter=20 * n, tol=1e-10)  # fmt: skip
        rho = float(np.max(np.abs(vals)))
    except (spla.ArpackNoConvergence, ValueError, RuntimeError):
        rho = colmax
    if colmax <= 1.0 + 1e-12:
        rho = min(rho, 1.0 - 1e-12)  # some column below 1: strictly inside
    return rho


#: Above this many parties the solve iterates (fill-in makes a direct solve slow in big cycles).
DIRECT_SOLVE_MAX = 3000


def _solve(
    idx: dict[str, int], entries: list[tuple[int, int, float]], s: int, n: int, rho: float = 0.0
) -> np.ndarray:
    """Solve ``(I − W) t = W[:, s]`` for one column.

    A direct sparse solve (``spsolve``) for up to :data:`DIRECT_SOLVE_MAX` parties; above,
    the fixed-point iteration ``t ← W[:, s] + W t`` (the Neumann series, converging at rate
    ``rho``, the largest spectral radius of a cycle left in) to machine precision, falling
    back on ``spsolve`` if it does not converge.
    """
    if not entries:
        return np.zeros(n)
    rows, cols, vals = zip(*entries, strict=True)
    W = sp.csc_matrix((vals, (rows, cols)), shape=(n, n))
    rhs = W[:, [s]].toarray().ravel()
    if n > DIRECT_SOLVE_MAX and rho < 0.999:
        Wr = W.tocsr()
        t = rhs.copy()
        for _ in range(20_000):
            nxt = rhs + Wr @ t
            if np.max(np.abs(nxt - t)) <= 1e-16 * max(1.0, float(np.max(np.abs(nxt)))):
                return nxt
            t = nxt
    A = (sp.identity(n, format="csc") - W).tocsc()
    t = spla.spsolve(A, rhs)
    return np.atleast_1d(np.asarray(t, dtype=float))


def _reach_up(owners: dict[str, set[str]], start: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    q = deque(start)
    while q:
        x = q.popleft()
        if x in seen:
            continue
        seen.add(x)
        q.extend(owners.get(x, ()))
    return seen


def _finding(kind: str, severity: Severity, message: str, ids: Iterable[str]) -> Finding:
    ids = tuple(sorted(set(ids)))
    return Finding(make_id("finding", kind, *ids), None, kind, severity, message, subject_ids=ids)


def integrated_ownership(
    G: nx.MultiDiGraph,
    subject: str,
    *,
    paths: int = 5,
    min_contribution: float = 1e-4,
    max_depth: int = 12,
    stakes: list[Stake] | None = None,
) -> IntegratedResult:
    """Integrated (look-through) ownership of ``subject`` by every party upstream of it.

    DOMAIN.md 4: the column of ``(I − W)⁻¹ W`` for the subject, solved as one sparse
    linear system over the parties that can reach it; lower and upper bounds from the
    minimum and maximum shares; closed cycles reported and left out; each party with up
    to ``paths`` top chains (pruned below ``min_contribution``) that explain its figure.
    A security subject stands for its issuer.

    >>> from ownergraph.graph.model import Link, Party, Share
    >>> from ownergraph.graph.store import build_graph
    >>> from ownergraph.graph.vocab import EdgeKind, NodeKind, Role
    >>> g = build_graph([Party(x, x, NodeKind.ENTITY) for x in "AB"], [], [],
    ...     [Link("l", "d", EdgeKind.OWNS, "A", "B", Role.SHAREHOLDER, share=None)])
    >>> str(integrated_ownership(g, "B").holder("A").stake)
    'unknown'
    """
    t0 = time.perf_counter()
    subj = subject_company(G, subject)
    if stakes is None:
        stakes = economic_stakes(G)
    owners: dict[str, set[str]] = defaultdict(set)
    for st in stakes:
        owners[st.owned].add(st.owner)
    up = _reach_up(owners, [subj])
    rel = [st for st in stakes if st.owned in up and st.owner in up]
    nodes = sorted(up)
    idx = {x: i for i, x in enumerate(nodes)}
    n = len(nodes)
    s = idx[subj]

    # strongly connected components (cycles), on the relevant subgraph
    H = nx.DiGraph()
    H.add_nodes_from(nodes)
    H.add_edges_from((st.owner, st.owned) for st in rel)
    comp_of: dict[str, int] = {}
    comps = [sorted(c) for c in nx.strongly_connected_components(H)]
    comps.sort()
    cyclic: list[list[str]] = []
    for c in comps:
        if len(c) > 1 or H.has_edge(c[0], c[0]):
            cyclic.append(c)
            for x in c:
                comp_of[x] = len(cyclic) - 1

    lo_w = {(st.owner, st.owned): (st.share.lo if st.share.lo is not None else 0.0) for st in rel}
    hi_w = {(st.owner, st.owned): (st.share.hi if st.share.hi is not None else 0.0) for st in rel}
    findings: list[Finding] = []
    cycles: list[CycleReport] = []
    drop_lo: set[int] = set()  # cycles left out of the lower-bound solve
    drop_hi: set[int] = set()  # cycles whose upper bound is unbounded
    rho_his: list[float] = []
    for ci, c in enumerate(cyclic):
        ix = {x: i for i, x in enumerate(c)}
        inner = [(ix[u], ix[v], w, hi_w[(u, v)]) for (u, v), w in lo_w.items()
                 if u in ix and v in ix]  # fmt: skip
        r_, c_, wl, wh = (list(x) for x in zip(*inner, strict=True)) if inner else ([], [], [], [])
        blo = sp.csc_matrix((wl, (r_, c_)), shape=(len(c), len(c)))
        bhi = sp.csc_matrix((wh, (r_, c_)), shape=(len(c), len(c)))
        unknown_inside = any(st.share.hi is None for st in rel if st.owner in ix and st.owned in ix)
        rho = _spectral_radius(blo)
        rho_hi = _spectral_radius(bhi)
        rho_his.append(rho_hi)
        closed = rho >= 1.0 - 1e-9
        possibly = not closed and (rho_hi >= 1.0 - 1e-9 or unknown_inside)
        cycles.append(CycleReport(tuple(c), rho, closed, possibly))
        if closed:
            drop_lo.add(ci)
            drop_hi.add(ci)
            findings.append(
                _finding(
                    "closed-cycle",
                    Severity.WARNING,
                    "closed cross-holding cycle with no outside holders: "
                    + ", ".join(_name(G, x) for x in c)
                    + f" (spectral radius {rho:.6g}); their stakes through it are unbounded, "
                    "left out",
                    c,
                )
            )
        elif rho_hi >= 1.0 - 1e-9:
            drop_hi.add(ci)

    def entries(weights: dict[tuple[str, str], float], drop: set[int]) -> list:
        out = []
        for (u, v), w in weights.items():
            if w == 0.0:
                continue
            cu, cv = comp_of.get(u), comp_of.get(v)
            if cu is not None and cu == cv and cu in drop:
                continue
            out.append((idx[u], idx[v], w))
        return out

    rho_lo = max((c.spectral_radius for i, c in enumerate(cycles) if i not in drop_lo), default=0)
    rho_hi = max((r for i, r in enumerate(rho_his) if i not in drop_hi), default=0.0)
    t_lo = _solve(idx, entries(lo_w, drop_lo), s, n, rho_lo)
    t_hi = _solve(idx, entries(hi_w, drop_hi), s, n, rho_hi)

    # which parties have bounds that the data leaves unknown or open
    def ancestors_via(pred: Callable[[Stake], bool]) -> set[str]:
        ow: dict[str, set[str]] = defaultdict(set)
        for st in rel:
            if pred(st):
                ow[st.owned].add(st.owner)
        return _reach_up(ow, [subj])

    lo_known = ancestors_via(lambda st: st.share.lo is not None)
    tails = {st.owner for st in rel if st.share.hi is None}
    tails |= {x for ci in drop_hi for x in cyclic[ci]}
    hi_unknown = _reach_up(owners, tails) & up
    pos_lo = ancestors_via(
        lambda st: st.share.lo is not None and (st.share.lo > 0 or st.share.lo_open)
    )
    pos_owners: dict[str, set[str]] = defaultdict(set)
    for st in rel:
        if st.share.lo is not None and (st.share.lo > 0 or st.share.lo_open):
            pos_owners[st.owned].add(st.owner)
    lo_open_set = _reach_up(
        pos_owners,
        [st.owner for st in rel if st.share.lo_open and st.owned in pos_lo],
    )
    hi_owners: dict[str, set[str]] = defaultdict(set)
    for st in rel:
        if st.share.hi is not None and st.share.hi > 0:
            hi_owners[st.owned].add(st.owner)
    hi_reach = _reach_up(hi_owners, [subj])
    hi_open_set = _reach_up(
        hi_owners, [st.owner for st in rel if st.share.hi_open and st.owned in hi_reach]
    )

    direct = {st.owner: st.share for st in rel if st.owned == subj}
    chains, truncated = enumerate_chains(
        rel, subj, min_contribution=min_contribution, max_depth=max_depth, budget=50_000
    )
    names = {x: _name(G, x) for x in nodes}
    holders: list[Holder] = []
    for x in nodes:
        if x == subj and comp_of.get(x) is None:
            continue
        notes: list[str] = []
        lo: float | None = max(float(t_lo[idx[x]]), 0.0)
        hi: float | None = max(float(t_hi[idx[x]]), 0.0)
        if x not in lo_known:
            lo = None
        in_cycle = x in comp_of
        lo_open = lo is not None and x in lo_open_set
        hi_open = hi is not None and x in hi_open_set
        if x in hi_unknown:
            hi, hi_open = None, False
            notes.append("a share on a path is unknown or unbounded: upper bound unknown")
        elif not in_cycle and hi is not None and hi > 1.0:
            hi, hi_open = 1.0, False  # outside every cycle a stake is a probability
        if in_cycle and comp_of[x] in drop_lo:
            hi, hi_open = None, False
            notes.append("member of a closed cycle: figure leaves the cycle out")
        if lo is not None and hi is not None and lo >= hi - EPS:
            # equal bounds (up to rounding): exact unless an end is open
            lo = hi = min(lo, hi) if not (lo_open or hi_open) else lo
            if lo_open or hi_open:
                hi = max(lo, hi)  # type: ignore[type-var]
        stake = Interval(lo, hi, lo_open, hi_open)
        ps = sorted(chains.get(x, ()), key=_rank)[:paths]
        if truncated:
            notes.append("path listing truncated (budget)")
        holders.append(
            Holder(
                x, names[x], _kind(G, x), stake, direct.get(x), tuple(ps), in_cycle, tuple(notes)
            )
        )

    def order(h: Holder) -> tuple[float, float, str]:
        return (-(h.stake.lo or 0.0), -(h.stake.hi if h.stake.hi is not None else 2.0), h.party_id)

    holders.sort(key=order)
    return IntegratedResult(
        subject=subj,
        subject_name=_name(G, subj),
        holders=tuple(holders),
        cycles=tuple(cycles),
        findings=tuple(findings),
        seconds=time.perf_counter() - t0,
        names=names,
    )


def integrated_matrix(
    G: nx.MultiDiGraph, *, bound: str = "lo", stakes: list[Stake] | None = None
) -> tuple[list[str], sp.csc_matrix]:
    """Every column at once: node order and the sparse matrix ``(I − W)⁻¹ W``.

    ``bound`` picks the minimum (``"lo"``, unknown shares left out) or maximum (``"hi"``)
    shares. Closed cycles are not handled here (``I − W`` would be singular): use
    :func:`integrated_ownership` per subject for the checked answer. Inside a large
    cross-holding component the result is dense (every member owns a bit of every other),
    so on big graphs prefer one subject at a time.

    >>> from ownergraph.graph.model import Link, Party, Share
    >>> from ownergraph.graph.store import build_graph
    >>> from ownergraph.graph.vocab import EdgeKind, NodeKind, Role
    >>> g = build_graph([Party(x, x, NodeKind.ENTITY) for x in "ABC"], [], [],
    ...     [Link("1", "d", EdgeKind.OWNS, "A", "B", Role.SHAREHOLDER, share=Share.exact(50)),
    ...      Link("2", "d", EdgeKind.OWNS, "B", "C", Role.SHAREHOLDER, share=Share.exact(50))])
    >>> ids, T = integrated_matrix(g)
    >>> float(T[ids.index("A"), ids.index("C")])
    0.25
    """
    if stakes is None:
        stakes = economic_stakes(G)
    nodes = sorted({st.owner for st in stakes} | {st.owned for st in stakes})
    idx = {x: i for i, x in enumerate(nodes)}
    n = len(nodes)
    vals = []
    for st in stakes:
        w = st.share.lo if bound == "lo" else st.share.hi
        if w:
            vals.append((idx[st.owner], idx[st.owned], float(w)))
    if not vals:
        return nodes, sp.csc_matrix((n, n))
    r, c, v = zip(*vals, strict=True)
    W = sp.csr_matrix((v, (r, c)), shape=(n, n))
    return nodes, _neumann(W).tocsc()


def _neumann(W: sp.csr_matrix, *, tol: float = 1e-13, max_terms: int = 10_000) -> sp.csr_matrix:
    """``W + W² + W³ + …`` by sparse products until the next term is below ``tol``.

    Equal to ``(I − W)⁻¹ W`` when the spectral radius is below 1; ownership chains are short,
    so a few products cover a whole register, where a direct solve would factor ``I − W``
    and solve it once per column. Terms below ``tol`` are pruned to keep the products
    sparse (each pruned entry is smaller than ``tol``; the sum of what is pruned is bounded
    by ``tol`` times the number of terms). Raises ``ValueError`` when the series does not
    converge (a closed cycle with no outside holders).
    """
    total = W.copy()
    term = W.copy()
    for _ in range(max_terms):
        term = (term @ W).tocsr()
        if term.nnz:
            term.data[np.abs(term.data) < tol] = 0.0
            term.eliminate_zeros()
        if term.nnz == 0:
            return total
        total = total + term
        if float(np.abs(term.data).max()) < tol:
            return total
    raise ValueError(
        "the ownership series does not converge: a closed cycle has no outside holders"
    )


__all__ = [
    "CycleReport",
    "Holder",
    "IntegratedResult",
    "PathContribution",
    "Stake",
    "economic_stakes",
    "enumerate_chains",
    "integrated_matrix",
    "integrated_ownership",
    "document_date",
    "subject_company",
]
