"""What a Rule 13d-3 question is about: the subject, the holdings in force, the filings.

:func:`subject_scope` resolves a subject (security, issuer, holding, party or text) to the
holdings it covers; :func:`current_holdings` gives the holdings in force ``as_of`` that
confer beneficial ownership; :func:`latest_pages` and :func:`document_outstanding` read what
the filings state (cover pages, shares outstanding).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from ownergraph.graph import history
from ownergraph.graph.model import Holding, Provenance, ReportedPosition
from ownergraph.graph.vocab import EdgeKind, NodeKind
from ownergraph.queries.control_view import ControlView


def confers_beneficial_ownership(h: Holding) -> bool:
    """Rule 13d-3(d)(1)(i): shares held count, and a derivative position counts only as a
    right to acquire within 60 days. A written call ("obligation to sell") or an option not
    exercisable within 60 days confers no beneficial ownership of the underlying shares.

    >>> from ownergraph.graph.vocab import Instrument
    >>> confers_beneficial_ownership(Holding("h", "d", "p", "s", Instrument.OPTION, 225000.0,
    ...     derivative=True, right_to_acquire=False))
    False
    """
    return not h.derivative or h.right_to_acquire


def current_holdings(
    G: nx.MultiDiGraph,
    security_ids: Iterable[str] | None = None,
    *,
    as_of: dt.date | None = None,
    beneficial_only: bool = True,
) -> list[Holding]:
    """The holdings of the graph in force ``as_of``: per (holder, security), the latest
    document's (:func:`graph.history.current_holdings`).

    Two filings never collapse into one edge, so a 13D/A and its predecessor both report the
    same fund's shares; adding them would double count. ``None`` security ids means every
    class. With ``beneficial_only`` (the default), derivative positions that are not rights
    to acquire within 60 days are left out (:func:`confers_beneficial_ownership`).
    """
    wanted = None if security_ids is None else set(security_ids)
    targets = wanted if wanted is not None else {n for n in G if _is_security(G, n)}
    found: list[Holding] = []
    for sec in sorted(targets):
        if sec not in G:
            continue
        for _holder, _, data in G.in_edges(sec, data=True):
            if data.get("kind") == EdgeKind.HOLDS and isinstance(data.get("record"), Holding):
                found.append(data["record"])
    return _in_force(G, found, as_of=as_of, beneficial_only=beneficial_only)


def _in_force(
    G: nx.MultiDiGraph, found: list[Holding], *, as_of: dt.date | None, beneficial_only: bool
) -> list[Holding]:
    """:func:`current_holdings` of the holdings ``found`` (per holder and class, the latest
    document's; in id order)."""
    docs = G.graph.get("documents", {})
    current = history.current_holdings(found, docs, as_of=as_of)
    if beneficial_only:
        current = [h for h in current if confers_beneficial_ownership(h)]
    return sorted(current, key=lambda h: h.id)


def _is_security(G: nx.MultiDiGraph, node: str) -> bool:
    return G.nodes[node].get("kind") == NodeKind.SECURITY


def document_outstanding(
    G: nx.MultiDiGraph, security_id: str, *, as_of: dt.date | None = None
) -> tuple[float, str] | None:
    """Shares outstanding stated by the latest document about ``security_id``, with its id."""
    best: tuple[tuple[dt.date, str], float] | None = None
    for doc in G.graph.get("documents", {}).values():
        if doc.security_id != security_id or doc.outstanding is None:
            continue
        when = doc.outstanding_as_of or doc.event_date or doc.filed_date or dt.date.min
        if as_of is not None and when > as_of:
            continue
        key = (when, doc.id)
        if best is None or key > best[0]:
            best = (key, doc.outstanding)
    return (best[1], best[0][1]) if best else None


def latest_pages(
    G: nx.MultiDiGraph, security_id: str, *, as_of: dt.date | None = None
) -> dict[str, ReportedPosition]:
    """Each party's cover page in the latest document about ``security_id`` that has one."""
    docs = G.graph.get("documents", {})
    record = G.nodes[security_id].get("record") if security_id in G else None
    issuer = getattr(record, "issuer_id", None)
    best: dict[str, tuple[tuple[dt.date, int, str], ReportedPosition]] = {}
    for rp in G.graph.get("positions", ()):
        doc = docs.get(rp.document_id)
        if doc is None:
            continue
        if doc.security_id != security_id and not (
            doc.security_id is None and issuer and doc.issuer_id == issuer
        ):
            continue
        when = doc.event_date or doc.filed_date
        if as_of is not None and when is not None and when > as_of:
            continue
        key = (when or dt.date.min, doc.amendment_no or 0, doc.id)
        if rp.party_id not in best or key > best[rp.party_id][0]:
            best[rp.party_id] = (key, rp)
    return {pid: rp for pid, (_, rp) in best.items()}


@dataclass(frozen=True)
class Subject:
    """What a question is about: a node (or a holding) and the holdings in scope."""

    id: str
    name: str
    kind: str
    security_ids: tuple[str, ...]
    holdings: tuple[Holding, ...]
    party_scope: bool  # True when controllers are those above the party itself


def subject_scope(
    G: nx.MultiDiGraph, view: ControlView, subject: str, *, as_of: dt.date | None = None
) -> Subject:
    """Resolve ``subject`` (node id, holding id, or text) to the holdings it is about.

    A security: its current holdings. An issuer with securities: the holdings of its
    classes. A holding id: that holding. Any other party: the holdings reachable below it.
    Text that is not an id is resolved with :func:`queries.resolve.resolve_subject`.
    """
    if subject not in G:
        for _u, _v, key, data in G.edges(keys=True, data=True):
            if key == subject and data.get("kind") == EdgeKind.HOLDS:
                h: Holding = data["record"]
                return Subject(
                    id=h.id,
                    name=f"holding of {view._name(h.holder_id)} in {view._name(h.security_id)}",
                    kind="holding",
                    security_ids=(h.security_id,),
                    holdings=(h,),
                    party_scope=False,
                )
        from ownergraph.queries.resolve import resolve_subject

        subject = resolve_subject(G, subject)
    node = G.nodes[subject]
    kind = node.get("kind")
    name = str(node.get("name", subject))
    if kind == NodeKind.SECURITY:
        hs = current_holdings(G, [subject], as_of=as_of)
        return Subject(subject, name, str(kind), (subject,), tuple(hs), False)
    secs = issued_securities(G, subject)
    if secs:
        hs = current_holdings(G, secs, as_of=as_of)
        if hs:
            return Subject(subject, name, str(kind), tuple(secs), tuple(hs), False)
    below = view.descendants([subject]) | {subject}
    # the holdings out of the nodes below (per holder: the same as every class's holdings
    # in force, then those of a holder below)
    found = [
        data["record"]
        for n in sorted(below)
        if n in G
        for _u, v, data in G.out_edges(n, data=True)
        if data.get("kind") == EdgeKind.HOLDS
        and isinstance(data.get("record"), Holding)
        and _is_security(G, v)
    ]
    hs = [h for h in _in_force(G, found, as_of=as_of, beneficial_only=True) if h.holder_id in below]
    return Subject(
        subject, name, str(kind), tuple(sorted({h.security_id for h in hs})), tuple(hs), True
    )


def issued_securities(G: nx.MultiDiGraph, issuer_id: str) -> list[str]:
    """The security classes of an issuer (``issues`` edges or ``Security.issuer_id``)."""
    out = {
        v for _, v, data in G.out_edges(issuer_id, data=True) if data.get("kind") == EdgeKind.ISSUES
    }
    return sorted(out)


def evidence_of(holdings: Iterable[Holding]) -> tuple[Provenance, ...]:
    """The provenance of some holdings, de-duplicated, in order."""
    out: list[Provenance] = []
    for h in holdings:
        for p in h.provenance:
            if p not in out:
                out.append(p)
    return tuple(out)
