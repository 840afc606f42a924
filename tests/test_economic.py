"""Integrated ownership on hand-computed graphs (DOMAIN.md 4).

Every expected number is worked out in the test's docstring.
"""

from __future__ import annotations

import time

import pytest

from ownergraph.graph.model import Document, Holding, Link, Party, Security, Share
from ownergraph.graph.store import build_graph
from ownergraph.graph.vocab import (
    DirectOrIndirect,
    EdgeKind,
    Instrument,
    NodeKind,
    Role,
    SourceFormat,
)
from ownergraph.queries.economic import economic_stakes, integrated_matrix, integrated_ownership
from ownergraph.queries.intervals import Interval

PERSON, ENTITY = NodeKind.PERSON, NodeKind.ENTITY


def owns(a: str, b: str, share: Share | float | None, **kw) -> Link:
    """An OWNS link a -> b; a float is an exact percent."""
    if isinstance(share, int | float):
        share = Share.exact(float(share))
    return Link(f"l:{a}>{b}", "doc", EdgeKind.OWNS, a, b, Role.SHAREHOLDER, share=share, **kw)


def graph(persons: str, entities: str, links: list[Link]):
    parties = [Party(x, f"name {x}", PERSON) for x in persons]
    parties += [Party(x, f"name {x}", ENTITY) for x in entities]
    return build_graph(parties, [], [], links)


def test_chain():
    """P owns 60 % of H, H owns 50 % of S: P has 0.6 × 0.5 = 30 % of S."""
    g = graph("P", "HS", [owns("P", "H", 60), owns("H", "S", 50)])
    r = integrated_ownership(g, "S")
    assert r.holder("P").stake.value == pytest.approx(0.30, abs=1e-12)
    assert r.holder("H").stake.value == pytest.approx(0.50, abs=1e-12)
    assert r.holder("P").paths[0].nodes == ("P", "H", "S")
    assert r.holder("P").direct is None


def test_diamond():
    """P owns 50 % of A and 40 % of B; A owns 30 % of S, B owns 20 % of S; P also 5 % direct.

    P = 0.5 × 0.3 + 0.4 × 0.2 + 0.05 = 0.15 + 0.08 + 0.05 = 0.28.
    """
    g = graph(
        "P",
        "ABS",
        [owns("P", "A", 50), owns("P", "B", 40), owns("A", "S", 30), owns("B", "S", 20),
         owns("P", "S", 5)],
    )  # fmt: skip
    r = integrated_ownership(g, "S")
    p = r.holder("P")
    assert p.stake.value == pytest.approx(0.28, abs=1e-12)
    assert len(p.paths) == 3
    assert p.paths[0].contribution.value == pytest.approx(0.15)
    assert sum(x.contribution.value for x in p.paths) == pytest.approx(0.28)


def test_three_company_cycle_closed_form():
    """A owns 20 % of B, B owns 30 % of C, C owns 10 % of A; outside holders R 90 % of A,
    P 80 % of B, Q 70 % of C. Subject A.

    With t_i = W[i, A] + Σ_k W[i, k] t_k:
      t_A = 0.2 t_B,  t_B = 0.3 t_C,  t_C = 0.1 + 0.1 t_A  (C owns 10 % of A, and A is A)
    so t_A = 0.2·0.3·(0.1 + 0.1 t_A) = 0.006 + 0.006 t_A, t_A = 0.006/0.994;
      t_C = 0.1/0.994, t_B = 0.03/0.994,
      t_R = 0.9 + 0.9 t_A = 0.9/0.994, t_P = 0.8 t_B = 0.024/0.994, t_Q = 0.7 t_C = 0.07/0.994,
    and the persons sum to (0.9 + 0.024 + 0.07)/0.994 = 1.
    """
    g = graph(
        "PQR",
        "ABC",
        [owns("A", "B", 20), owns("B", "C", 30), owns("C", "A", 10), owns("R", "A", 90),
         owns("P", "B", 80), owns("Q", "C", 70)],
    )  # fmt: skip
    t0 = time.perf_counter()
    r = integrated_ownership(g, "A")
    print(f"3-company cycle solved in {(time.perf_counter() - t0) * 1000:.2f} ms")
    d = 0.994
    expected = {"A": 0.006 / d, "B": 0.03 / d, "C": 0.1 / d, "R": 0.9 / d, "P": 0.024 / d,
                "Q": 0.07 / d}  # fmt: skip
    for x, v in expected.items():
        got = r.holder(x).stake
        assert got.is_exact, (x, got)
        assert abs(got.value - v) <= 1e-12, (x, got.value, v)
    assert sum(r.holder(x).stake.value for x in "PQR") == pytest.approx(1.0, abs=1e-12)
    assert len(r.cycles) == 1 and not r.cycles[0].closed
    assert r.cycles[0].spectral_radius == pytest.approx(0.006 ** (1 / 3))
    assert r.holder("A").in_cycle and not r.holder("R").in_cycle


def test_closed_cycle_is_reported_not_looped():
    """A owns 100 % of B, B owns 100 % of A (nobody else holds either); A owns 40 % of S,
    P owns 60 % of S.

    The A–B component has column sums 1: spectral radius 1, I − W singular. It is reported
    (a finding and a closed cycle), its inner edges are left out: A keeps its direct 40 %
    as a lower bound, upper bound unknown; B gets nothing known; P is unaffected at 60 %.
    """
    g = graph("P", "ABS", [owns("A", "B", 100), owns("B", "A", 100), owns("A", "S", 40),
                           owns("P", "S", 60)])  # fmt: skip
    r = integrated_ownership(g, "S")
    assert [c.closed for c in r.cycles] == [True]
    assert r.cycles[0].spectral_radius == pytest.approx(1.0)
    assert any(f.kind == "closed-cycle" for f in r.findings)
    assert r.holder("P").stake.value == pytest.approx(0.6)
    a = r.holder("A").stake
    assert a.lo == pytest.approx(0.4) and a.hi is None


def test_ranges_and_open_bounds():
    """M owns [75 %, 100 %) of J; J owns exactly 40 % of S.

    M's stake = [0.75 × 0.4, 1.0 × 0.4) = [30 %, 40 %): the exclusive maximum is carried.
    """
    g = graph("", "MJS", [owns("M", "J", Share(minimum=75, maximum=100, exclusive_maximum=True)),
                          owns("J", "S", 40)])  # fmt: skip
    m = integrated_ownership(g, "S").holder("M").stake
    assert m.lo == pytest.approx(0.30) and m.hi == pytest.approx(0.40)
    assert not m.lo_open and m.hi_open
    assert str(m) == "[30%, 40%)"


def test_unknown_share_is_never_zero_or_hundred():
    """P owns an unknown share of H; H owns 50 % of S; P owns 10 % of S directly.

    The chain through H is unknown: P's stake is at least the known 10 %, upper bound
    unknown. H's own stake is exactly 50 %. Q, only through an unknown link, is unknown.
    """
    g = graph("PQ", "HKS", [owns("P", "H", None), owns("H", "S", 50), owns("P", "S", 10),
                            owns("Q", "K", None), owns("K", "S", 20)])  # fmt: skip
    r = integrated_ownership(g, "S")
    p = r.holder("P").stake
    assert p.lo == pytest.approx(0.10) and p.hi is None
    assert str(p) == "≥ 10%"
    assert r.holder("H").stake.value == pytest.approx(0.5)
    assert r.holder("Q").stake.is_unknown


def test_indirect_declarations_are_not_double_counted():
    """A BODS indirect interest P -> S (declared 30 %) summarises P -> H -> S; it is not a
    stake of its own: P's computed figure stays 0.6 × 0.5 = 30 %, not 60 %."""
    decl = Link("decl", "doc", EdgeKind.OWNS, "P", "S", Role.SHAREHOLDER, share=Share.exact(30),
                direct_or_indirect=DirectOrIndirect.INDIRECT)  # fmt: skip
    g = graph("P", "HS", [owns("P", "H", 60), owns("H", "S", 50), decl])
    assert integrated_ownership(g, "S").holder("P").stake.value == pytest.approx(0.3)


def test_holdings_become_stakes_when_outstanding_is_stated():
    """F holds 1,000 common + 500 warrants of X's stock; the document states 10,000
    outstanding. Warrants are rights to acquire, not owned value: F has 1,000/10,000 = 10 %.
    G (another document, no outstanding stated) has an unknown stake, not 0 %.
    """
    docs = [Document("d1", "x", SourceFormat.TABULAR, "0", outstanding=10_000),
            Document("d2", "y", SourceFormat.TABULAR, "1")]  # fmt: skip
    parties = [Party("X", "X", NodeKind.ISSUER), Party("F", "F", ENTITY), Party("G", "G", ENTITY)]
    sec = [Security("sec", "X", "Common")]
    hold = [
        Holding("h1", "d1", "F", "sec", Instrument.COMMON, 1000),
        Holding("h2", "d1", "F", "sec", Instrument.WARRANT, 500, right_to_acquire=True),
        Holding("h3", "d2", "G", "sec", Instrument.COMMON, 700),
    ]
    g = build_graph(parties, sec, hold, [], docs)
    st = {x.owner: x for x in economic_stakes(g)}
    assert st["F"].share.value == pytest.approx(0.1) and st["F"].owned == "X"
    assert st["G"].share.is_unknown
    r = integrated_ownership(g, "sec")  # a security stands for its issuer
    assert r.subject == "X"
    assert r.holder("F").stake.value == pytest.approx(0.1)


def test_integrated_matrix_all_columns():
    """All columns: P 60 % of H, H 50 % of S and 100 % of T. T[P, S] = 30 %, T[P, T] = 60 %."""
    g = graph("P", "HST", [owns("P", "H", 60), owns("H", "S", 50), owns("H", "T", 100)])
    ids, T = integrated_matrix(g)
    i = ids.index
    assert T[i("P"), i("S")] == pytest.approx(0.3)
    assert T[i("P"), i("T")] == pytest.approx(0.6)


def test_to_dict_is_plain():
    """The result is JSON-ready plain data."""
    import json

    g = graph("P", "HS", [owns("P", "H", 60), owns("H", "S", 50)])
    d = integrated_ownership(g, "S").to_dict()
    json.dumps(d)
    assert d["lens"] == "integrated"
    assert d["holders"][0]["paths"][0]["text"].startswith("name")
    assert Interval.exact(0.3).to_dict()["text"] == "30%"


def test_iterative_solve_matches_direct(monkeypatch):
    """Above DIRECT_SOLVE_MAX parties the solve iterates the Neumann series; forced on the
    3-company cycle it gives the same closed form, 0.9/0.994 for R, to 1e-12."""
    import ownergraph.queries.economic as econ

    monkeypatch.setattr(econ, "DIRECT_SOLVE_MAX", 0)
    g = graph(
        "PQR",
        "ABC",
        [owns("A", "B", 20), owns("B", "C", 30), owns("C", "A", 10), owns("R", "A", 90),
         owns("P", "B", 80), owns("Q", "C", 70)],
    )  # fmt: skip
    r = econ.integrated_ownership(g, "A")
    assert abs(r.holder("R").stake.value - 0.9 / 0.994) <= 1e-12
    assert abs(r.holder("A").stake.value - 0.006 / 0.994) <= 1e-12


def test_whole_graph_series_equals_the_direct_solve() -> None:
    """``integrated_matrix`` sums W + W² + … by sparse products; on a random graph with
    cross-holding cycles (every company keeps outside holders) it equals (I − W)⁻¹ W."""
    import random

    import numpy as np
    import scipy.sparse as sp
    import scipy.sparse.linalg as spla

    from ownergraph.graph.model import Link, Party, Share
    from ownergraph.graph.store import build_graph
    from ownergraph.graph.vocab import EdgeKind, NodeKind, Role
    from ownergraph.queries.economic import integrated_matrix

    rnd = random.Random(5)
    names = [f"C{i}" for i in range(60)]
    links = []
    for i, owned in enumerate(names):
        owners = rnd.sample([x for x in names if x != owned], 3)
        for j, owner in enumerate(owners):  # three holders of 5-25 % each: outsiders keep the rest
            links.append(
                Link(
                    f"l{i}-{j}",
                    "d",
                    EdgeKind.OWNS,
                    owner,
                    owned,
                    Role.SHAREHOLDER,
                    share=Share.exact(rnd.uniform(5, 25)),
                )
            )
    g = build_graph([Party(x, x, NodeKind.ENTITY) for x in names], [], [], links)
    ids, T = integrated_matrix(g)
    idx = {x: i for i, x in enumerate(ids)}
    W = sp.lil_matrix((len(ids), len(ids)))
    for lk in links:
        W[idx[lk.controller_id], idx[lk.controlled_id]] += lk.share.minimum / 100
    direct = spla.spsolve(sp.identity(len(ids), format="csc") - W.tocsc(), W.tocsc()).toarray()
    assert np.allclose(T.toarray(), direct, atol=1e-10)
