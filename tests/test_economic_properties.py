"""Property tests (hypothesis) for the economic lens: invariants on small random graphs.

Kept quick: at most ~50 examples each, graphs of a handful of nodes.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ownergraph.graph.model import Holding, Link, Party, Security, Share
from ownergraph.graph.store import build_graph
from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Role
from ownergraph.queries.economic import integrated_ownership
from ownergraph.queries.intervals import Interval
from ownergraph.queries.ubo import Lens, ubo

QUICK = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


@st.composite
def ownership(draw):
    """Companies C0..Cn-1 and persons P0..Pk-1; each company's owners hold at most 95 %
    together (outside holders keep the rest), so every cycle converges. Shares in percent,
    two decimals. Returns (persons, companies, [(owner, owned, percent)])."""
    n = draw(st.integers(2, 5))
    k = draw(st.integers(1, 3))
    companies = [f"C{i}" for i in range(n)]
    persons = [f"P{i}" for i in range(k)]
    edges = []
    for j, c in enumerate(companies):
        pool = persons + [x for i, x in enumerate(companies) if i != j]
        owners = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
        raw = [draw(st.integers(1, 100)) for _ in owners]
        cap = draw(st.integers(10, 95))
        total = sum(raw)
        for o, r in zip(owners, raw, strict=True):
            edges.append((o, c, round(cap * r / total, 2)))
    return persons, companies, edges


def build(persons, companies, edges, order=None, ranges=None):
    parties = [Party(p, p, NodeKind.PERSON) for p in persons]
    parties += [Party(c, c, NodeKind.ENTITY) for c in companies]
    links = []
    for o, c, pct in edges:
        share = (ranges or {}).get((o, c), Share.exact(pct))
        links.append(Link(f"l:{o}>{c}", "d", EdgeKind.OWNS, o, c, Role.SHAREHOLDER, share=share))
    if order is not None:
        order.shuffle(parties)
        order.shuffle(links)
    return build_graph(parties, [], [], links)


def stakes(G, subject="C0"):
    r = integrated_ownership(G, subject)
    return {h.party_id: h.stake for h in r.holders}


@QUICK
@given(ownership(), st.integers(0, 10_000))
def test_permuting_node_order_changes_nothing(g, seed):
    """Insertion order of nodes and links is not an input: same stakes, to rounding."""
    a = stakes(build(*g))
    b = stakes(build(*g, order=random.Random(seed)))
    assert a.keys() == b.keys()
    for x in a:
        assert abs((a[x].lo or 0) - (b[x].lo or 0)) <= 1e-12
        assert abs((a[x].hi or 0) - (b[x].hi or 0)) <= 1e-12
    for lens in (Lens.MULTIPLICATIVE, Lens.ROLLING, Lens.CONTROL):
        ra, rb = (
            ubo(build(*g), "C0", lens=lens),
            ubo(build(*g, order=random.Random(seed)), "C0", lens=lens),
        )
        assert [(r.party_id, str(r.stake), r.is_ubo) for r in ra.rows] == [
            (r.party_id, str(r.stake), r.is_ubo) for r in rb.rows
        ]


@QUICK
@given(ownership())
def test_stakes_never_exceed_100_percent(g):
    """Persons (nobody owns them) hold at most 100 % each and together; so does any party
    outside every cycle; every lens's stake for a person is within [0, 100 %]."""
    persons, companies, edges = g
    r = integrated_ownership(build(*g), "C0")
    person_total = 0.0
    for h in r.holders:
        assert h.stake.lo is not None and h.stake.lo >= -1e-12
        if not h.in_cycle:
            assert h.stake.hi <= 1 + 1e-9
        if h.party_id in persons:
            person_total += h.stake.hi
    assert person_total <= 1 + 1e-9
    for lens in (Lens.MULTIPLICATIVE, Lens.DOMINANCY, Lens.ROLLING, Lens.CONTROL):
        for row in ubo(build(*g), "C0", lens=lens).rows:
            if row.stake is not None and row.stake.hi is not None:
                assert row.stake.hi <= 1 + 1e-9, (lens, row)


@QUICK
@given(ownership(), st.integers(0, 4), st.integers(1, 90))
def test_adding_an_outside_holder_never_increases_anyone(g, which, pct):
    """A new holder O takes pct % of one company, diluting its other owners pro rata:
    nobody's integrated stake goes up."""
    persons, companies, edges = g
    target = companies[which % len(companies)]
    f = 1 - pct / 100
    diluted = [(o, c, p * f if c == target else p) for o, c, p in edges]
    before = stakes(build(persons, companies, edges))
    after = stakes(build(persons + ["O"], companies, diluted + [("O", target, pct)]))
    for x, s in before.items():
        assert after[x].hi <= s.hi + 1e-12 and after[x].lo <= s.lo + 1e-12


@QUICK
@given(ownership(), st.integers(0, 10_000))
def test_bounds_contain_every_realisation(g, seed):
    """Widen each share to a range around it (some open, some unknown); any exact graph
    drawn from those ranges has every integrated stake inside the computed bounds."""
    persons, companies, edges = g
    rnd = random.Random(seed)
    ranges, exact = {}, []
    for o, c, p in edges:
        lo, hi = max(p - rnd.uniform(0, 5), 0.0), p
        kind = rnd.random()
        if kind < 0.15:
            ranges[(o, c)] = None  # unknown
        else:
            ranges[(o, c)] = Share(minimum=lo, maximum=hi, exclusive_minimum=kind > 0.7)
        exact.append((o, c, rnd.uniform(lo, hi)))
    bounds = stakes(build(persons, companies, edges, ranges=ranges))
    real = stakes(build(persons, companies, exact))
    for x, s in real.items():
        b = bounds[x]
        v = s.value
        assert b.lo is None or v >= b.lo - 1e-9, (x, v, b)
        assert b.hi is None or v <= b.hi + 1e-9, (x, v, b)


@st.composite
def control_graph(draw):
    """Entities E0..En-1 with CONTROLS links (cycles allowed) and holdings of one security."""
    n = draw(st.integers(2, 6))
    ents = [f"E{i}" for i in range(n)]
    pairs = draw(
        st.lists(st.tuples(st.sampled_from(ents), st.sampled_from(ents)), max_size=8, unique=True)
    )
    held = draw(st.lists(st.integers(0, 1000), min_size=n, max_size=n))
    return ents, [(a, b) for a, b in pairs if a != b], held


@QUICK
@given(control_graph())
def test_13d3_controller_owns_at_least_what_it_controls(g):
    """Rule 13d-3: for every control link u -> v, u's aggregate ≥ v's (u owns all v owns)."""
    from ownergraph.queries.control import who_controls

    ents, pairs, held = g
    parties = [Party(e, e, NodeKind.ENTITY) for e in ents] + [Party("I", "I", NodeKind.ISSUER)]
    holdings = [
        Holding(f"h{e}", "d", e, "s", Instrument.COMMON, float(x))
        for e, x in zip(ents, held, strict=True)
        if x
    ]
    links = [
        Link(f"c:{a}>{b}", "d", EdgeKind.CONTROLS, a, b, Role.GENERAL_PARTNER) for a, b in pairs
    ]
    G = build_graph(parties, [Security("s", "I", "Common")], holdings, links)
    wc = who_controls(G, "s")
    shares = {c.party_id: c.shares or 0.0 for c in (*wc.ultimate, *wc.intermediate)}
    for a, b in pairs:
        if b in shares:
            assert shares.get(a, 0.0) >= shares[b]


def test_interval_sanity():
    """The strategies produce what the properties assume (a smoke check)."""
    assert Interval.exact(0.2).meets(0.25) is False
