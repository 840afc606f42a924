"""Figures the security tests print at the end of the run (and SECURITY.md quotes)."""

from __future__ import annotations

from collections import Counter

STATS: Counter[str] = Counter()
