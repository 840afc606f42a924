"""Ownership chains ``owner -> ... -> subject`` and the product of their stakes.

:func:`enumerate_chains` lists the simple chains over some :class:`queries.stakes.Stake`
up to a cap, each a :class:`PathContribution` (AMLR Art. 52: multiply along a chain, sum
over chains). Plain Python; used by the lenses of :mod:`queries.ubo` and by
:func:`queries.economic.integrated_ownership` for its explanations.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ownergraph.queries.intervals import Interval, product
from ownergraph.queries.stakes import Stake


@dataclass(frozen=True)
class PathContribution:
    """One chain ``owner -> … -> subject`` with its links and the product of their stakes."""

    nodes: tuple[str, ...]
    shares: tuple[Interval, ...]
    link_ids: tuple[tuple[str, ...], ...]
    contribution: Interval

    def describe(self, names: dict[str, str] | None = None) -> str:
        """``"P -(60%)-> H -(50%)-> S = 30%"``."""
        names = names or {}
        parts = [names.get(self.nodes[0], self.nodes[0])]
        for n, s in zip(self.nodes[1:], self.shares, strict=True):
            parts.append(f" -({s})-> {names.get(n, n)}")
        return "".join(parts) + f" = {self.contribution}"

    def to_dict(self, names: dict[str, str] | None = None) -> dict[str, Any]:
        """Plain data."""
        return {
            "nodes": list(self.nodes),
            "shares": [s.to_dict() for s in self.shares],
            "link_ids": [list(x) for x in self.link_ids],
            "contribution": self.contribution.to_dict(),
            "text": self.describe(names),
        }


def _estimate(iv: Interval) -> float:
    """An optimistic size of a stake, for pruning (an unknown stake may be everything)."""
    return 1.0 if iv.hi is None else iv.hi


def enumerate_chains(
    stakes: Iterable[Stake],
    subject: str,
    *,
    min_contribution: float = 1e-9,
    max_depth: int = 12,
    budget: int = 200_000,
    follow: Callable[[Stake], bool] | None = None,
) -> tuple[dict[str, list[PathContribution]], bool]:
    """Every simple chain into ``subject`` (AMLR Art. 52: "each chain"), by party.

    Walks up from the subject, never revisiting a node on the current chain, pruning a
    chain once its optimistic product is below ``min_contribution`` (an unknown stake
    counts as 100 % here, so a chain through it is never pruned for size), deeper than
    ``max_depth`` links, or refused by ``follow``. Returns the chains per first node and
    whether the ``budget`` of expansions ran out (the listing is then incomplete).

    >>> s = [Stake("A", "S", Interval.exact(0.5), ("l1",)), Stake("B", "A", Interval.exact(0.5), ("l2",))]
    >>> chains, truncated = enumerate_chains(s, "S")
    >>> [str(c.contribution) for c in chains["B"]], truncated
    (['25%'], False)
    """
    owners: dict[str, list[Stake]] = defaultdict(list)
    for st in stakes:
        owners[st.owned].append(st)
    for v in owners.values():
        v.sort(key=lambda s: (s.owner, s.link_ids))
    out: dict[str, list[PathContribution]] = defaultdict(list)
    steps = 0
    truncated = False
    # stack of (node, chain nodes from node up to subject reversed, shares, ids, estimate)
    stack: list[
        tuple[str, tuple[str, ...], tuple[Interval, ...], tuple[tuple[str, ...], ...], float]
    ]
    stack = [(subject, (subject,), (), (), 1.0)]
    while stack:
        node, chain, shares, ids, est = stack.pop()
        if len(shares) >= max_depth:
            continue
        for st in reversed(owners.get(node, ())):
            if st.owner in chain:
                continue
            if follow is not None and not follow(st):
                continue
            steps += 1
            if steps > budget:
                truncated = True
                stack.clear()
                break
            e = est * _estimate(st.share)
            if e < min_contribution:
                continue
            c2 = (st.owner, *chain)
            s2 = (st.share, *shares)
            i2 = (st.link_ids, *ids)
            out[st.owner].append(PathContribution(c2, s2, i2, product(s2)))
            stack.append((st.owner, c2, s2, i2, e))
    return dict(out), truncated


def _rank(p: PathContribution) -> tuple[float, float, tuple[str, ...]]:
    c = p.contribution
    return (-(c.lo if c.lo is not None else -1.0), -_estimate(c), p.nodes)
