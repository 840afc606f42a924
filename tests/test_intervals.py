"""Interval arithmetic for stakes (DOMAIN.md 4, "Ranges")."""

from __future__ import annotations

import pytest

from ownergraph.graph.model import Share
from ownergraph.queries.intervals import Interval, product, total


def test_exact_product_and_sum():
    """0.5 × 0.5 = 0.25; 0.25 + 0.1 = 0.35."""
    a = Interval.exact(0.5) * Interval.exact(0.5)
    assert a.is_exact and a.value == 0.25
    assert (a + Interval.exact(0.1)).value == pytest.approx(0.35)


def test_open_ends_through_products_and_sums():
    """[75 %, 100 %) × (10 %, 20 %] = (7.5 %, 20 %): both ends open (neither end reachable).
    Adding [5 %, 5 %]: (12.5 %, 25 %)."""
    a = Interval.from_share(Share(minimum=75, maximum=100, exclusive_maximum=True))
    b = Interval.from_share(Share(minimum=10, maximum=20, exclusive_minimum=True))
    p = a * b
    assert (p.lo, p.hi, p.lo_open, p.hi_open) == (
        pytest.approx(0.075),
        pytest.approx(0.2),
        True,
        True,
    )
    s = p + Interval.exact(0.05)
    assert str(s) == "(12.5%, 25%)"
    assert s.meets(0.25, inclusive=True) is False
    assert s.meets(0.125, inclusive=False) is True


def test_closed_zero_absorbs_openness():
    """(0 %, 10 %] × [0 %, 50 %] can be exactly 0 (the second factor): the lower end is closed."""
    p = Interval(0.0, 0.1, lo_open=True) * Interval(0.0, 0.5)
    assert p.lo == 0.0 and not p.lo_open


def test_unknown_is_neither_zero_nor_hundred():
    """An unknown factor makes a product unknown; a sum keeps the known lower bound and loses
    its upper bound."""
    u = Interval.unknown()
    assert (Interval.exact(0.6) * u).is_unknown
    s = Interval.exact(0.2) + (Interval.exact(0.6) * u)
    assert s.lo == 0.2 and s.hi is None and str(s) == "≥ 20%"
    assert s.meets(0.25) is None and s.meets(0.15) is True
    assert u.contains(0.0) and u.contains(1.0)
    assert Interval.from_share(None).to_share() is None


def test_half_known_share():
    """A share with only a maximum ("up to 25 %"): lower bound unknown; it can never pass 30 %."""
    a = Interval.from_share(Share(maximum=25))
    assert a.lo is None and a.hi == 0.25
    assert a.meets(0.30) is False and a.meets(0.20) is None
    assert str(a) == "≤ 25% (lower bound unknown)"


def test_dominance_and_overlap():
    """Dominancy maps > 50 % to 100 %; a straddling range becomes [lo, 100 %]."""
    assert Interval.exact(0.51).dominate().value == 1.0
    assert Interval(0.5, 0.5, lo_open=False).dominate().value == 0.5
    assert str(Interval(0.5, 0.7, lo_open=True).dominate()) == "100%"
    assert Interval(0.3, 0.5).overlaps(Interval(0.5, 0.9))
    assert not Interval(0.3, 0.5, hi_open=True).overlaps(Interval(0.5, 0.9))


def test_helpers_and_round_trip():
    """product/total fold; to_share/from_share round-trip; to_dict in percent."""
    assert product([]).value == 1.0 and total([]).value == 0.0
    sh = Share(minimum=75, maximum=100, exclusive_maximum=True)
    assert Interval.from_share(sh).to_share() == sh
    d = Interval.from_share(sh).to_dict()
    assert d["min"] == 75 and d["exclusive_max"] is True and d["text"] == "[75%, 100%)"
    assert Interval(0.6, 0.4).is_empty and Interval(0.4, 0.4, hi_open=True).is_empty
    assert Interval(0.5, 1.5).clip().hi == 1.0
    assert str(Interval(0.1, 0.2).hull(Interval(0.15, 0.3))) == "[10%, 30%]"
