"""Figures the security tests print at the end of the run (and SECURITY.md quotes).

:func:`attack_class` records one case of a named class of attack; the summary prints the
number of distinct classes and of cases (``attack classes``, ``attack cases``), not each key.
"""

from __future__ import annotations

from collections import Counter

STATS: Counter[str] = Counter()

#: Prefix of the per-class keys (collapsed in the summary by tests/conftest.py).
CLASS_PREFIX = "attack class: "


def attack_class(name: str, cases: int = 1) -> None:
    """Count ``cases`` attacks of the class ``name`` (held: the caller asserts that)."""
    STATS[CLASS_PREFIX + name] += cases


def summary(total: Counter[str]) -> dict[str, int]:
    """The figures to print: per-class keys collapsed into classes and cases.

    >>> summary(Counter({"attack class: a": 2, "attack class: b": 1, "crashes": 0}))
    {'attack cases': 3, 'attack classes': 2, 'crashes (tracebacks)': 0}
    """
    out = {k: v for k, v in total.items() if not k.startswith(CLASS_PREFIX)}
    if "crashes" in out:  # an untyped exception is a traceback for the user
        out["crashes (tracebacks)"] = out.pop("crashes")
    classes = {k: v for k, v in total.items() if k.startswith(CLASS_PREFIX)}
    if classes:
        out["attack classes"] = len(classes)
        out["attack cases"] = sum(classes.values())
    return dict(sorted(out.items()))
