"""The fast 13d-3 engine of ``queries.control`` equals the reference methods it replaces.

``who_controls`` and ``attribute`` compute their numbers with ``_Engine`` (one SCC pass,
holding sets as int bitsets) and list paths with ``_PathLister``. The reference is the
per-set code kept on :class:`queries.control.ControlView` (``reach``, ``top_nodes``,
``path_counts``, ``paths``) and :func:`queries.control.figures`. Checked here on random
graphs with diamonds, control cycles, unknown share counts, rights to acquire and every
kind of role and power, for the node sets the queries use.
"""

from __future__ import annotations

import random

import pytest

from ownergraph.graph.model import Holding, Link, Party, Security
from ownergraph.graph.store import build_graph
from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Power, Role
from ownergraph.queries.attribution import attribute
from ownergraph.queries.control import (
    _bits,
    _Engine,
    _HoldingIndex,
    _PathLister,
    _sccs,
    control_view,
    figures,
    who_controls,
)

ROLES = [Role.GENERAL_PARTNER, Role.MANAGING_MEMBER, Role.OFFICER, Role.STATED_POWER, Role.OTHER]
POWERS = [None, Power.SOLE, Power.SHARED]


def random_graph(seed: int, n: int = 40, holders: int = 12, cycles: int = 3):  # noqa: ANN201
    """Layers of controllers over funds (diamonds: several controllers per node), a few back
    edges (control cycles), parallel links, holdings of two classes with unknowns and rights."""
    rng = random.Random(seed)
    parties = [Party(f"p{i:02d}", f"P{rng.randrange(8)}", NodeKind.ENTITY) for i in range(n)]
    parties.append(Party("iss", "Issuer", NodeKind.ISSUER))
    secs = [Security("s1", "iss", "Common"), Security("s2", "iss", "Preferred")]
    links: list[Link] = []
    for i in range(holders, n):  # controllers sit above lower-numbered nodes
        for j in rng.sample(range(i), rng.randint(1, 3)):
            for _k in range(rng.choice([1, 1, 1, 2])):
                links.append(
                    Link(f"l{len(links)}", "d", EdgeKind.CONTROLS, f"p{i:02d}", f"p{j:02d}",
                         rng.choice(ROLES), rng.choice(POWERS))
                )  # fmt: skip
    for _ in range(cycles):
        a, b = sorted(rng.sample(range(n), 2))
        links.append(
            Link(f"l{len(links)}", "d", EdgeKind.CONTROLS, f"p{a:02d}", f"p{b:02d}",
                 rng.choice(ROLES), rng.choice(POWERS))
        )  # fmt: skip
    holdings = []
    for i in range(holders + 3):
        h = rng.randrange(holders)
        inst = rng.choice([Instrument.COMMON, Instrument.WARRANT, Instrument.CONVERTIBLE])
        shares = None if rng.random() < 0.1 else float(rng.randint(1, 10**6)) + rng.random()
        holdings.append(
            Holding(f"h{i:02d}", "d", f"p{h:02d}", rng.choice(["s1", "s1", "s2"]), inst, shares,
                    right_to_acquire=inst.is_right_to_acquire)
        )  # fmt: skip
    return build_graph(parties, secs, holdings, links)


@pytest.mark.parametrize("seed", range(12))
def test_engine_equals_reference(seed: int) -> None:
    """Reach (all and sole steps), tops, path counts, paths and figures, per node."""
    G = random_graph(seed, cycles=3 * (seed % 4))
    view = control_view(G)
    hs = {d["record"].id: d["record"] for _, _, d in G.edges(data=True) if d["kind"] == "holds"}
    by_holder: dict[str, frozenset[str]] = {}
    for h in hs.values():
        by_holder[h.holder_id] = by_holder.get(h.holder_id, frozenset()) | {h.id}
    holders = set(by_holder)
    within = view.ancestors(holders) | holders
    hix = _HoldingIndex(hs)
    eng = _Engine(view, within, by_holder, hix)
    reach = view.reach(within, by_holder)
    sole = view.reach(within, by_holder, sole_only=True)
    for n, j in eng.pos.items():
        assert {hix.ids[i] for i in _bits(eng.reach[j])} == reach[n]
        assert {hix.ids[i] for i in _bits(eng.sole[j])} == sole[n]
        assert hix.figures(eng.reach[j], eng.sole[j]) == figures(reach[n], sole[n], hs)
    assert eng.tops(within) == view.top_nodes(within)
    assert eng.path_counts(holders, within) == view.path_counts(holders, within)
    # an upward-closed subset (the ancestors of one node), as in a party-scoped question
    node = sorted(within)[len(within) // 2]
    up = view.ancestors([node]) | {node}
    assert eng.tops(up) == view.top_nodes(up)
    assert eng.path_counts({node}, up) == view.path_counts({node}, up)
    ends = {k: tuple(sorted(v)) for k, v in by_holder.items()}
    lister = _PathLister(view, ends, within)
    for n in sorted(within):
        for limit in (0, 1, 25):
            assert lister.paths(n, limit) == view.paths(n, ends, within, limit=limit)


@pytest.mark.parametrize("seed", range(6))
def test_answers_do_not_depend_on_paths(seed: int) -> None:
    """``max_paths`` changes the explanation only: every number is the same."""
    G = random_graph(100 + seed, cycles=2)

    def numbers(wc):  # noqa: ANN001, ANN202
        return [
            (c.party_id, c.sole_voting, c.shared_voting, c.shares, c.rights_to_acquire,
             c.holding_ids, c.sole_holding_ids, c.path_count if not c.paths_truncated else None)
            for c in (*wc.ultimate, *wc.intermediate)
        ]  # fmt: skip

    for subject in ("iss", "s1", "p20", "p05"):
        full = who_controls(G, subject)
        for mp in (0, 1):
            lean = who_controls(G, subject, max_paths=mp)
            assert [c[:7] for c in numbers(lean)] == [c[:7] for c in numbers(full)]
            assert all(len(c.paths) <= mp for c in (*lean.ultimate, *lean.intermediate))
    a, b = attribute(G, "s1"), attribute(G, "s1", max_paths=0)
    assert [
        (p.party_id, p.aggregate, p.sole_voting, p.shared_voting, p.percent) for p in a.persons
    ] == [(p.party_id, p.aggregate, p.sole_voting, p.shared_voting, p.percent) for p in b.persons]


def test_sccs_order_is_reverse_topological() -> None:
    """Each component comes after every component it reaches."""
    rng = random.Random(0)
    succ = [[rng.randrange(30) for _ in range(rng.randint(0, 3))] for _ in range(30)]
    comp, comps = _sccs(succ)
    for v, ws in enumerate(succ):
        for w in ws:
            assert comp[w] <= comp[v]
    assert sorted(x for c in comps for x in c) == list(range(30))


def test_bits_large_and_small() -> None:
    """Bit positions by loop and by numpy agree."""
    x = sum(1 << i for i in range(0, 5000, 7))
    assert _bits(x) == list(range(0, 5000, 7))
    assert _bits(0) == [] and _bits(1 << 100) == [100]


def _table(G, subject: str):  # noqa: ANN001, ANN202
    """The integer table of a who-controls question, from the networkx graph (as the
    reference sees it: the same view, scope and holdings)."""
    import numpy as np

    from ownergraph.queries.control import POWER_CODES, ROLE_CODES, subject_scope

    view = control_view(G)
    subj = subject_scope(G, view, subject)
    holders = {h.holder_id for h in subj.holdings}
    if subj.party_scope:
        candidates = view.ancestors([subj.id]) | {subj.id}
        within = candidates | view.descendants([subj.id])
    else:
        candidates = view.ancestors(holders) | holders
        within = candidates
    nodes = sorted(within)
    pos = {n: i for i, n in enumerate(nodes)}
    links = [(pos[u], pos[v], lk) for (u, v), lks in view.links.items() if u in pos and v in pos
             for lk in lks]  # fmt: skip
    hs = sorted(subj.holdings, key=lambda h: h.id)
    args = (
        len(nodes),
        np.array([a for a, _, _ in links], dtype=np.int64),
        np.array([b for _, b, _ in links], dtype=np.int64),
        np.array([ROLE_CODES.index(lk.role) for _, _, lk in links], dtype=np.int64),
        np.array([POWER_CODES.index(lk.power) for _, _, lk in links], dtype=np.int64),
        np.array([pos[h.holder_id] for h in hs], dtype=np.int64),
        np.array([np.nan if h.shares is None else h.shares for h in hs]),
        np.array([h.right_to_acquire for h in hs], dtype=bool),
    )
    counts = np.array([len(view._structural(n)) for n in nodes], dtype=np.int64)
    return nodes, args, (pos[subj.id] if subj.party_scope else None), candidates, counts


def _same(x: float, y: float | None) -> bool:
    return (y is None and x != x) or x == y


@pytest.mark.parametrize("small", [0, 10**9])
@pytest.mark.parametrize("seed", range(10))
def test_numbers_equal_who_controls(seed: int, small: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """``control_numbers`` (integer arrays, no records) gives who_controls' numbers, for a
    security, an issuer and parties, on graphs with diamonds and cycles (components found
    by scipy and by ``_sccs``)."""
    from ownergraph.queries import control_arrays
    from ownergraph.queries.control import control_numbers

    monkeypatch.setattr(control_arrays, "_SMALL", small)

    G = random_graph(200 + seed, cycles=3 * (seed % 3))
    for subject in ("s1", "iss", "p03", "p15", "p30"):
        nodes, args, scope, candidates, counts = _table(G, subject)
        kw = {"scope_node": scope, "structural_controllers": counts}
        fractions = any(x == x and x != round(x) for x in args[6].tolist())
        assert (control_numbers(*args, **kw) is None) == fractions  # fractions: not answered
        args = (*args[:6], args[6].round(), args[7])
        num = control_numbers(*args, **kw)
        G2 = G.copy()
        for _, _, d in G2.edges(data=True):
            r = d.get("record")
            if d["kind"] == "holds" and r.shares is not None:
                d["record"] = type(r)(**{**r.__dict__, "shares": float(round(r.shares))})
        wc = who_controls(G2, subject, max_paths=0)
        got = {c.party_id: c for c in (*wc.ultimate, *wc.intermediate)}
        assert set(got) <= set(candidates)
        for i, n in enumerate(nodes):
            if n not in got:
                continue
            c = got[n]
            assert _same(num.shares[i], c.shares), (subject, n)
            assert _same(num.sole[i], c.sole_voting), (subject, n)
            assert _same(num.shared[i], c.shared_voting), (subject, n)
            assert _same(num.rights[i], c.rights_to_acquire), (subject, n)
            assert num.reached[i] == len(c.holding_ids)
            assert bool(num.top[i]) == c.ultimate, (subject, n)
