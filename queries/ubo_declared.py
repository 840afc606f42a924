"""Declared interests (BODS) against what the graph computes (DOMAIN 4 ranges).

:func:`declared_checks` checks every declared indirect interest against its component
links and every declared beneficial owner against the lenses of :mod:`queries.ubo`;
:func:`check_declared` turns the disagreements into findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from ownergraph.graph.ids import make_id
from ownergraph.graph.model import Finding, Link
from ownergraph.graph.vocab import DirectOrIndirect, NodeKind, Severity
from ownergraph.queries.economic import Stake, economic_stakes, enumerate_chains, subject_company
from ownergraph.queries.intervals import Interval, total
from ownergraph.queries.ubo_results import LensComparison


@dataclass(frozen=True)
class DeclaredCheck:
    """A declared interest (BODS) against what the graph computes.

    ``status``: ``"consistent"`` (the components can produce the declared value, maybe as a
    range), ``"inconsistent"``, or ``"unresolved"`` (no component chain connects the parties).
    ``lenses`` are the lenses under which a declared beneficial owner comes out a UBO
    (``True``) or cannot be ruled out (``None``).
    """

    link_id: str
    controller_id: str
    controlled_id: str
    declared: Interval
    computed: Interval | None
    status: str
    beneficial: bool | None
    lenses: tuple[str, ...] = ()
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "link_id": self.link_id,
            "controller_id": self.controller_id,
            "controlled_id": self.controlled_id,
            "declared": self.declared.to_dict(),
            "computed": None if self.computed is None else self.computed.to_dict(),
            "status": self.status,
            "beneficial": self.beneficial,
            "lenses": list(self.lenses),
            "message": self.message,
        }


def declared_checks(
    G: nx.MultiDiGraph, *, threshold: float = 25.0, inclusive: bool = True
) -> list[DeclaredCheck]:
    """Check every declared indirect interest and every declared beneficial owner.

    * An indirect interest (``direct_or_indirect=INDIRECT``) with ``component_ids``: the
      product of the component links along each chain from the interested party to the
      subject, summed over chains, must be able to produce the declared value (the two
      intervals overlap, DOMAIN 4 ranges; unknown components give an unknown product, which
      can produce anything). Without components, every economic stake is used.
    * A link with ``beneficial=True`` from a natural person: the person should come out a
      UBO (or undecided) under at least one lens for that subject.
    """
    from ownergraph.queries.ubo import compare_lenses  # the lenses' module imports this one

    edges: dict[str, tuple[str, str, Link]] = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        lk = data.get("record")
        if isinstance(lk, Link):
            edges[key] = (u, v, lk)
    out: list[DeclaredCheck] = []
    comparisons: dict[str, LensComparison] = {}
    for key in sorted(edges):
        u, v, lk = edges[key]
        declared = Interval.from_share(lk.share)
        indirect = lk.direct_or_indirect == DirectOrIndirect.INDIRECT
        person = G.nodes[u].get("kind") == NodeKind.PERSON
        if indirect and lk.share is None:
            indirect = False  # nothing declared to produce (e.g. a consolidation, no share)
        if not indirect and not (lk.beneficial and person):
            continue
        computed: Interval | None = None
        status, msg = "consistent", ""
        if indirect:
            comps = [edges[c] for c in lk.component_ids if c in edges and c != key]
            if comps:
                stakes = [Stake(a, b, Interval.from_share(c.share), (c.id,)) for a, b, c in comps]
            else:
                stakes = economic_stakes(G)
            chains, _ = enumerate_chains(stakes, subject_company(G, v))
            found = chains.get(u, [])
            if not found:
                status = "unresolved"
                msg = "no chain of component links connects the interested party to the subject"
            else:
                computed = total(p.contribution for p in found)
                if not declared.is_unknown and not computed.overlaps(declared):
                    status = "inconsistent"
                    msg = f"declared {declared}, but the components give {computed}"
                else:
                    msg = f"declared {declared}; components give {computed}"
        lenses: tuple[str, ...] = ()
        if lk.beneficial and person:
            subj = subject_company(G, v)
            if subj not in comparisons:
                comparisons[subj] = compare_lenses(
                    G, subj, threshold=threshold, inclusive=inclusive
                )
            cmp = comparisons[subj]
            lenses = tuple(
                str(res.lens)
                for res in cmp.lenses
                if (r := res.row(u)) is not None and r.is_ubo is not False
            )
            if not lenses:
                status = "inconsistent" if status == "consistent" else status
                msg = (
                    msg + "; " if msg else ""
                ) + "declared beneficial owner is a UBO under no lens"
        out.append(DeclaredCheck(key, u, v, declared, computed, status, lk.beneficial, lenses, msg))
    return out


def check_declared(
    G: nx.MultiDiGraph, *, threshold: float = 25.0, inclusive: bool = True
) -> list[Finding]:
    """Findings where declared interests disagree with the graph (BODS, DOMAIN 4 ranges).

    One finding per declared indirect interest that its components cannot produce, per
    indirect interest whose components do not connect, and per declared beneficial owner
    that no lens finds. See :func:`declared_checks` for the full list with consistent ones.
    """
    out = []
    for c in declared_checks(G, threshold=threshold, inclusive=inclusive):
        if c.status == "consistent":
            continue
        lk = G.edges[c.controller_id, c.controlled_id, c.link_id]["record"]
        severity = Severity.WARNING if c.status == "inconsistent" else Severity.INFO
        out.append(
            Finding(
                id=make_id("finding", "declared", c.link_id, c.status),
                document_id=lk.document_id,
                kind=f"declared-{c.status}",
                severity=severity,
                message=c.message,
                expected=c.declared.to_dict(),
                found=None if c.computed is None else c.computed.to_dict(),
                subject_ids=(c.controller_id, c.controlled_id),
                evidence=lk.provenance,
            )
        )
    return out
