"""Interval arithmetic on stakes: exact values, ranges, open ends and unknowns.

DOMAIN.md section 4, "Ranges": BODS shares are exact or min/max with exclusive bounds;
carry intervals through products (along a chain) and sums (across chains). An unknown
share stays unknown: it is neither 100 % nor 0 %.

An :class:`Interval` is a set of possible fractions (``0.25`` is 25 %). Each bound may be
unknown (``None``) and each known bound may be open (exclusive). Stakes are nonnegative,
so products and sums are monotone and act bound by bound:

* product: a bound is unknown when the same bound of any factor is unknown;
* sum: the lower bound is the sum of the known lower bounds (each unknown term is at
  least 0, so this is still a valid lower bound, "at least x"); the upper bound is
  unknown as soon as one term's upper bound is unknown.

>>> a = Interval.from_share(Share(minimum=75, maximum=100, exclusive_maximum=True))
>>> str(a)
'[75%, 100%)'
>>> str(a * Interval.exact(0.5))
'[37.5%, 50%)'
>>> str(a * Interval.unknown())
'unknown'
>>> str(Interval.exact(0.2) + Interval.unknown())
'≥ 20%'
>>> Interval.exact(0.25).meets(0.25, inclusive=True), Interval.exact(0.25).meets(0.25, inclusive=False)
(True, False)
>>> print(a.meets(0.8, inclusive=True))
None
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ownergraph.graph.model import Share

#: Two fractions closer than this are treated as equal when testing a threshold.
EPS = 1e-12


def _fmt(x: float) -> str:
    """Format a fraction as a percent with up to 4 significant decimals.

    >>> _fmt(0.25), _fmt(1 / 3), _fmt(0.0)
    ('25%', '33.3333%', '0%')
    """
    s = f"{x * 100:.4f}".rstrip("0").rstrip(".")
    return f"{'0' if s in ('', '-0') else s}%"


@dataclass(frozen=True)
class Interval:
    """A stake as a fraction interval; ``None`` bounds are unknown, open ends exclusive.

    >>> Interval.exact(0.3).is_exact, Interval.unknown().is_unknown
    (True, True)
    >>> Interval(0.75, 1.0).contains(1.0), Interval(0.75, 1.0, hi_open=True).contains(1.0)
    (True, False)
    """

    lo: float | None
    hi: float | None
    lo_open: bool = False
    hi_open: bool = False

    # ------------------------------------------------------------ constructors

    @classmethod
    def exact(cls, value: float) -> Interval:
        """A fraction known exactly."""
        return cls(float(value), float(value))

    @classmethod
    def unknown(cls) -> Interval:
        """Nothing is known: not 0 %, not 100 %."""
        return cls(None, None)

    @classmethod
    def zero(cls) -> Interval:
        """Exactly nothing (the neutral element of :meth:`__add__`)."""
        return cls(0.0, 0.0)

    @classmethod
    def one(cls) -> Interval:
        """Exactly everything (the neutral element of :meth:`__mul__`)."""
        return cls(1.0, 1.0)

    @classmethod
    def from_share(cls, share: Share | None) -> Interval:
        """Convert a :class:`graph.model.Share` in percent; ``None`` is unknown.

        >>> str(Interval.from_share(Share.exact(50)))
        '50%'
        >>> str(Interval.from_share(Share(minimum=25, maximum=50, exclusive_minimum=True)))
        '(25%, 50%]'
        >>> str(Interval.from_share(None))
        'unknown'
        """
        if share is None:
            return cls.unknown()
        lo = None if share.minimum is None else float(share.minimum) / 100.0
        hi = None if share.maximum is None else float(share.maximum) / 100.0
        return cls(
            lo, hi, bool(share.exclusive_minimum and lo is not None),
            bool(share.exclusive_maximum and hi is not None),
        )  # fmt: skip

    def to_share(self) -> Share | None:
        """Back to a :class:`Share` in percent (``None`` when fully unknown)."""
        if self.is_unknown:
            return None
        return Share(
            minimum=None if self.lo is None else self.lo * 100.0,
            maximum=None if self.hi is None else self.hi * 100.0,
            exclusive_minimum=self.lo_open,
            exclusive_maximum=self.hi_open,
        )

    # ------------------------------------------------------------ properties

    @property
    def is_unknown(self) -> bool:
        """True when neither bound is known."""
        return self.lo is None and self.hi is None

    @property
    def is_exact(self) -> bool:
        """True when both bounds are known, equal and closed."""
        return (
            self.lo is not None
            and self.hi is not None
            and abs(self.lo - self.hi) <= EPS
            and not self.lo_open
            and not self.hi_open
        )

    @property
    def is_empty(self) -> bool:
        """True when the bounds admit no value (e.g. ``(0.5, 0.5)`` or ``lo > hi``)."""
        if self.lo is None or self.hi is None:
            return False
        if self.lo > self.hi + EPS:
            return True
        return abs(self.lo - self.hi) <= EPS and (self.lo_open or self.hi_open)

    @property
    def value(self) -> float | None:
        """The exact value, or ``None`` when this is a range or unknown."""
        return self.lo if self.is_exact else None

    # ------------------------------------------------------------ arithmetic

    def __mul__(self, other: Interval) -> Interval:
        """Product of two nonnegative intervals (one more link along a chain)."""
        lo = hi = None
        lo_open = hi_open = False
        if self.lo is not None and other.lo is not None:
            lo = self.lo * other.lo
            closed_zero = (self.lo == 0 and not self.lo_open) or (
                other.lo == 0 and not other.lo_open
            )
            lo_open = (self.lo_open or other.lo_open) and not closed_zero
        if self.hi is not None and other.hi is not None:
            hi = self.hi * other.hi
            closed_zero = (self.hi == 0 and not self.hi_open) or (
                other.hi == 0 and not other.hi_open
            )
            hi_open = (self.hi_open or other.hi_open) and not closed_zero
        return Interval(lo, hi, lo_open, hi_open)

    def __add__(self, other: Interval) -> Interval:
        """Sum of two nonnegative intervals (another chain to the same subject)."""
        if self.lo is None and other.lo is None:
            lo, lo_open = None, False
        elif self.lo is None or other.lo is None:
            known = self if self.lo is not None else other
            lo, lo_open = known.lo, known.lo_open
        else:
            lo, lo_open = self.lo + other.lo, self.lo_open or other.lo_open
        if self.hi is None or other.hi is None:
            hi, hi_open = None, False
        else:
            hi, hi_open = self.hi + other.hi, self.hi_open or other.hi_open
        return Interval(lo, hi, lo_open, hi_open)

    def dominate(self, above: float = 0.5) -> Interval:
        """Dominancy test: a stake above ``above`` passes on in full (treated as 100 %).

        The map ``x -> 1 if x > above else x`` is nondecreasing, so it acts bound by bound.

        >>> str(Interval.exact(0.6).dominate()), str(Interval.exact(0.5).dominate())
        ('100%', '50%')
        >>> str(Interval(0.4, 0.6).dominate())
        '[40%, 100%]'
        """

        lo, lo_open, hi, hi_open = self.lo, self.lo_open, self.hi, self.hi_open
        if lo is not None and (lo > above + EPS or (abs(lo - above) <= EPS and lo_open)):
            lo, lo_open = 1.0, False  # every possible value is above: passes in full
        if hi is not None and hi > above + EPS:
            hi, hi_open = 1.0, False  # some possible value is above
        return Interval(lo, hi, lo_open, hi_open)

    def clip(self, top: float = 1.0) -> Interval:
        """Cap the upper bound at ``top`` (no stake exceeds the whole)."""
        if self.hi is not None and self.hi > top:
            return Interval(self.lo, top, self.lo_open, False)
        return self

    def hull(self, other: Interval) -> Interval:
        """The smallest interval containing both (unknown bounds stay unknown)."""
        lo = None if self.lo is None or other.lo is None else min(self.lo, other.lo)
        hi = None if self.hi is None or other.hi is None else max(self.hi, other.hi)
        lo_open = lo is not None and all(
            b.lo is None or b.lo > lo or b.lo_open for b in (self, other)
        )
        hi_open = hi is not None and all(
            b.hi is None or b.hi < hi or b.hi_open for b in (self, other)
        )
        return Interval(lo, hi, lo_open, hi_open)

    # ------------------------------------------------------------ tests

    def contains(self, x: float) -> bool:
        """True when ``x`` is a possible value (an unknown bound admits anything)."""
        if self.lo is not None and (x < self.lo - EPS or (self.lo_open and x <= self.lo + EPS)):
            return False
        return not (
            self.hi is not None and (x > self.hi + EPS or (self.hi_open and x >= self.hi - EPS))
        )

    def overlaps(self, other: Interval) -> bool:
        """True when some value is possible in both (used to test declared vs computed).

        >>> Interval(0.0, 0.5, hi_open=True).overlaps(Interval.exact(0.5))
        False
        >>> Interval(None, 0.3).overlaps(Interval.exact(0.5)), Interval.unknown().overlaps(Interval.exact(0.5))
        (False, True)
        """
        lo, lo_open = self.lo, self.lo_open
        if other.lo is not None and (
            lo is None or other.lo > lo or (other.lo == lo and other.lo_open)
        ):
            lo, lo_open = other.lo, other.lo_open
        hi, hi_open = self.hi, self.hi_open
        if other.hi is not None and (
            hi is None or other.hi < hi or (other.hi == hi and other.hi_open)
        ):
            hi, hi_open = other.hi, other.hi_open
        return not Interval(lo, hi, lo_open, hi_open).is_empty

    def meets(self, threshold: float, *, inclusive: bool = True) -> bool | None:
        """Does the stake meet a threshold? ``True``/``False`` when certain, else ``None``.

        ``inclusive=True`` is AMLR 2024/1624 Art. 52 ("25 % or more"); ``False`` is AMLD
        Art. 3(6)(a)(i) ("more than 25 %").

        >>> Interval(0.25, 0.3, lo_open=True).meets(0.25, inclusive=False)
        True
        >>> Interval(0.2, 0.25, hi_open=True).meets(0.25, inclusive=True)
        False
        >>> print(Interval(0.2, None).meets(0.25))
        None
        """
        t = threshold
        if self.lo is not None:
            if self.lo > t + EPS:
                return True
            if abs(self.lo - t) <= EPS and (self.lo_open or inclusive):
                return True
        if self.hi is not None:
            if self.hi < t - EPS:
                return False
            if abs(self.hi - t) <= EPS and (self.hi_open or not inclusive):
                return False
        return None

    # ------------------------------------------------------------ output

    def __str__(self) -> str:
        if self.is_unknown:
            return "unknown"
        if self.is_exact:
            return _fmt(self.lo)  # type: ignore[arg-type]
        if self.hi is None:
            return f"{'>' if self.lo_open else '≥'} {_fmt(self.lo)}"  # type: ignore[arg-type]
        if self.lo is None:
            return f"{'<' if self.hi_open else '≤'} {_fmt(self.hi)} (lower bound unknown)"
        return (
            f"{'(' if self.lo_open else '['}{_fmt(self.lo)}, {_fmt(self.hi)}"
            f"{')' if self.hi_open else ']'}"
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data in percent, with a display string.

        >>> Interval.exact(0.5).to_dict()["min"]
        50.0
        """
        return {
            "min": None if self.lo is None else self.lo * 100.0,
            "max": None if self.hi is None else self.hi * 100.0,
            "exclusive_min": self.lo_open,
            "exclusive_max": self.hi_open,
            "exact": self.is_exact,
            "unknown": self.is_unknown,
            "text": str(self),
        }


def product(factors: Iterable[Interval]) -> Interval:
    """Multiply a chain of stakes (AMLR Art. 52: multiply along each chain).

    >>> str(product([Interval.exact(0.5), Interval.exact(0.5)]))
    '25%'
    """
    out = Interval.one()
    for f in factors:
        out = out * f
    return out


def total(terms: Iterable[Interval]) -> Interval:
    """Sum stakes over chains (AMLR Art. 52: sum over chains).

    >>> str(total([Interval.exact(0.1), Interval(0.2, 0.3)]))
    '[30%, 40%]'
    >>> str(total([])), str(total([Interval.unknown()]))
    ('0%', 'unknown')
    """
    out: Interval | None = None
    for t in terms:
        out = t if out is None else out + t
    return Interval.zero() if out is None else out


__all__ = ["EPS", "Interval", "product", "total"]
