"""Direct economic stakes read off the graph (DOMAIN.md section 4), one per pair.

:func:`economic_stakes` gives every stake ``owner -> company`` as a :class:`Stake`: ``owns``
links (the latest statement per pair) and holdings of a subject's securities over its
shares outstanding (or implied by the filed percent). :func:`subject_company` maps a
security to its issuer. Plain Python (no numpy or scipy): the lenses of :mod:`queries.ubo`,
:mod:`queries.exposure` and the integrated solve of :mod:`queries.economic` read these.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from ownergraph.graph.model import Holding, Link, Security
from ownergraph.graph.vocab import DirectOrIndirect, EdgeKind, Role
from ownergraph.queries.attribution import percent_decimals
from ownergraph.queries.intervals import Interval


@dataclass(frozen=True)
class Stake:
    """One direct economic stake ``owner -> owned`` as a fraction interval.

    ``link_ids`` are the records it comes from (an ``OWNS`` link, or the holdings of a
    security of ``owned``); ``source`` is ``"owns"`` or ``"holds"``.
    """

    owner: str
    owned: str
    share: Interval
    link_ids: tuple[str, ...]
    source: str = "owns"
    note: str | None = None


def document_date(G: nx.MultiDiGraph, document_id: str) -> dt.date | None:
    """A document's event date (else filing date), or ``None``; orders reports in time."""
    doc = G.graph.get("documents", {}).get(document_id)
    if doc is None:
        return None
    return doc.event_date or doc.filed_date


def _link_date(G: nx.MultiDiGraph, lk: Link) -> dt.date:
    return lk.as_of or lk.start_date or document_date(G, lk.document_id) or dt.date.min


def subject_company(G: nx.MultiDiGraph, subject: str) -> str:
    """The company a subject stands for: a security's issuer (when in the graph), else itself.

    >>> from ownergraph.graph.vocab import NodeKind
    >>> g = nx.MultiDiGraph(); g.add_node("s1", kind=NodeKind.SECURITY,
    ...     record=Security("s1", "p1", "Common")); g.add_node("p1", kind=NodeKind.ISSUER)
    >>> subject_company(g, "s1")
    'p1'
    """
    data = G.nodes.get(subject, {})
    rec = data.get("record")
    if isinstance(rec, Security) and rec.issuer_id in G:
        return rec.issuer_id
    return subject


def economic_stakes(G: nx.MultiDiGraph) -> list[Stake]:
    """Every direct economic stake in the graph (the entries of ``W``).

    * ``OWNS`` links give the stake they state (``None`` share: unknown). Declared
      *indirect* interests (BODS ``directOrIndirect: indirect``) are left out when a chain
      of stakes joins their two parties: they summarise it, and counting both would count
      twice (:func:`queries.ubo.check_declared` tests them); one with no such chain is
      the only statement of its stake and counts. Links with an ``end_date`` have ended.
    * A ``CONTROLS`` link of unknown interest (BODS: a relationship with no interest, or
      an interest of unknown level) may be a stake of unknown size: an unknown stake.
    * Several links for one ``owner -> owned`` pair (several documents, several statements)
      are one stake: the latest (``as_of``, ``start_date``, document date) wins.
    * Holdings of a security count for its issuer: the shares actually held (rights to
      acquire are not owned value) over the shares outstanding that the document states;
      when it does not state them the stake is unknown. Per holder the latest document wins.

    >>> economic_stakes(nx.MultiDiGraph())
    []
    """
    by_pair: dict[tuple[str, str], tuple[tuple[dt.date, str], Link]] = {}
    indirect: dict[tuple[str, str], tuple[tuple[dt.date, str], Link]] = {}
    unknown_interest: dict[tuple[str, str], Link] = {}
    for u, v, data in G.edges(data=True):
        lk = data.get("record")
        if (
            data.get("kind") == EdgeKind.CONTROLS
            and isinstance(lk, Link)
            and lk.role == Role.UNKNOWN_INTEREST
            and lk.end_date is None
            and lk.direct_or_indirect != DirectOrIndirect.INDIRECT
        ):
            unknown_interest.setdefault((u, v), lk)
        if data.get("kind") != EdgeKind.OWNS:
            continue
        if not isinstance(lk, Link) or lk.end_date is not None:
            continue
        key = (_link_date(G, lk), lk.id)
        if lk.direct_or_indirect == DirectOrIndirect.INDIRECT:
            if u != v and ((u, v) not in indirect or key > indirect[(u, v)][0]):
                indirect[(u, v)] = (key, lk)
            continue
        if (u, v) not in by_pair or key > by_pair[(u, v)][0]:
            by_pair[(u, v)] = (key, lk)
    out = [
        Stake(u, v, Interval.from_share(lk.share), (lk.id,), "owns")
        for (u, v), (_, lk) in sorted(by_pair.items())
    ]
    for (u, v), lk in sorted(unknown_interest.items()):
        if (u, v) not in by_pair and u != v:
            out.append(
                Stake(u, v, Interval.unknown(), (lk.id,), "unknown interest",
                      "an interest of unstated type and size: maybe a stake")
            )  # fmt: skip
    # holdings -> stakes in the issuer
    per_doc: dict[tuple[str, str], dict[str, list[Holding]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for u, v, data in G.edges(data=True):
        if data.get("kind") != EdgeKind.HOLDS:
            continue
        h = data.get("record")
        if not isinstance(h, Holding):
            continue
        owned = subject_company(G, v)
        per_doc[(u, owned)][h.document_id].append(h)
    docs = G.graph.get("documents", {})
    for (holder, owned), by_doc in sorted(per_doc.items()):
        if (holder, owned) in by_pair or holder == owned:
            continue
        doc_id = max(by_doc, key=lambda d: (document_date(G, d) or dt.date.min, d))
        hs = sorted(by_doc[doc_id], key=lambda h: h.id)
        held = [h for h in hs if not (h.right_to_acquire or h.instrument.is_right_to_acquire)]
        doc = docs.get(doc_id)
        outstanding = doc.outstanding if doc is not None else None
        ids = tuple(h.id for h in hs)
        if not held:
            continue
        if any(h.shares is None for h in held):
            out.append(Stake(holder, owned, Interval.unknown(), ids, "holds", "shares not stated"))
            continue
        if not outstanding:
            implied = _implied_stake(G, holder, doc_id, hs)
            if implied is not None:
                out.append(Stake(holder, owned, implied, ids, "holds", IMPLIED_NOTE))
            else:
                out.append(
                    Stake(holder, owned, Interval.unknown(), ids, "holds",
                          "shares outstanding not stated")
                )  # fmt: skip
            continue
        frac = sum(h.shares for h in held) / outstanding  # type: ignore[misc]
        out.append(Stake(holder, owned, Interval.exact(frac), ids, "holds"))
    out.extend(_unchained(indirect, out))
    return out


def _unchained(
    indirect: dict[tuple[str, str], tuple[tuple[dt.date, str], Link]], stakes: list[Stake]
) -> list[Stake]:
    """The declared indirect interests whose chain is not in the graph, as stakes.

    An indirect interest summarises a chain; when no chain of stakes leads from its owner
    to what it owns (the components were not published, or not loaded), it is the only
    statement of that stake and counts once, as the register answer counts it."""
    chains = nx.DiGraph((st.owner, st.owned) for st in stakes)
    out = []
    for (u, v), (_, lk) in sorted(indirect.items()):
        if not (u in chains and v in chains and nx.has_path(chains, u, v)):
            out.append(
                Stake(u, v, Interval.from_share(lk.share), (lk.id,), "owns",
                      "an indirect interest whose chain is not in the graph")
            )  # fmt: skip
    return out


IMPLIED_NOTE = (
    "outstanding not stated: implied by the holder's own row 11 / row 13, either denominator "
    "(Rule 13d-3(d)(1)(i) per-person, or not), percent rounded at the precision filed"
)


def _implied_stake(
    G: nx.MultiDiGraph, holder: str, doc_id: str, hs: list[Holding]
) -> Interval | None:
    """The holder's stake from its own cover page when the outstanding count is not stated.

    Row 13 is ``a / (o + r)`` under the per-person denominator of Rule 13d-3(d)(1)(i) (``a``
    row 11, ``r`` the holder's own rights to acquire), or ``a / o`` when a filer did not add
    them; row 13 is rounded at the precision it was filed with (half a unit in its last place,
    :func:`queries.attribution.percent_decimals`). So ``o`` lies in ``[a / p⁺ − r, a / p⁻]`` and the
    owned (non-right) shares ``c`` give the stake ``c / o`` as an interval.
    """
    pages = [
        rp
        for rp in G.graph.get("positions", ())
        if rp.party_id == holder and rp.document_id == doc_id
        and rp.aggregate and rp.percent_of_class
    ]  # fmt: skip
    if not pages:
        return None
    rp = pages[0]
    c = sum(
        h.shares or 0.0 for h in hs if not (h.right_to_acquire or h.instrument.is_right_to_acquire)
    )
    r = sum(h.shares or 0.0 for h in hs if h.right_to_acquire or h.instrument.is_right_to_acquire)
    a, p = float(rp.aggregate), float(rp.percent_of_class)  # type: ignore[arg-type]
    half = 0.5 * 10 ** (-percent_decimals(rp))
    o_lo = a / ((p + half) / 100.0) - r
    o_hi = a / (max(p - half, 1e-9) / 100.0)
    if o_lo <= 0 or c > o_lo:
        return None
    return Interval(c / o_hi, c / o_lo)
