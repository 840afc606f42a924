"""The register control graph: every pair's control step, read upward or down.

:class:`RegisterGraph` evaluates (:func:`queries.register_tests.evaluate`) the links in
force of every pair, the latest statement superseding earlier ones; :func:`is_arrangement`
and :func:`unknown_reason` read what the BODS loader keeps about a party.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

import networkx as nx

from ownergraph.graph.model import Document, Link, Party
from ownergraph.graph.vocab import EdgeKind, NodeKind
from ownergraph.queries.register_tests import DECLARED, JOINT, Step, evaluate

_LINK_KINDS = (EdgeKind.OWNS, EdgeKind.CONTROLS, EdgeKind.CONSOLIDATES, EdgeKind.MEMBER_OF)


# ----------------------------------------------------------------------------- graph


def is_arrangement(G: nx.MultiDiGraph, node: str) -> bool:
    """A joint arrangement: a group, or a BODS entity of type ``arrangement``.

    The BODS loader keeps the entity type in the party's provenance note
    (``"entityStatement arrangement"``).
    """
    data = G.nodes.get(node, {})
    if data.get("kind") == NodeKind.GROUP:
        return True
    rec = data.get("record")
    if not isinstance(rec, Party):
        return False
    return any(p.note and "entityStatement arrangement" in p.note for p in rec.provenance)


def _state(G: nx.MultiDiGraph, node: str) -> bool:
    """A BODS entity of type ``state`` or ``stateBody`` (a government, a ministry ...)."""
    rec = G.nodes.get(node, {}).get("record")
    return isinstance(rec, Party) and any(
        re.search(r"entityStatement (state|stateBody)\b", p.note or "") for p in rec.provenance
    )


def unknown_reason(G: nx.MultiDiGraph, node: str) -> str | None:
    """The reason code an unspecified party carries (BODS ``unspecifiedReason``), if any.

    From the provenance note (``"reason subjectExemptFromDisclosure"``) or a name such as
    ``"Unknown entity (information-unknown-to-publisher)"``.
    """
    data = G.nodes.get(node, {})
    rec = data.get("record")
    if isinstance(rec, Party):
        for p in rec.provenance:
            m = re.search(r"\breason ([A-Za-z][\w-]*)", p.note or "")
            if m:
                return m.group(1)
    m = re.search(r"\(([A-Za-z][\w-]+)\)\s*$", str(data.get("name", "")))
    return m.group(1) if m else None


def _active(lk: Link, G: nx.MultiDiGraph, as_of: dt.date | None) -> bool:
    """In force ``as_of`` (latest: not ended)."""
    if as_of is None:
        return lk.end_date is None
    if lk.start_date and lk.start_date > as_of:
        return False
    if lk.end_date and lk.end_date < as_of:
        return False
    when = lk.as_of or _doc_date(G, lk.document_id)
    return when is None or when <= as_of


def _doc_date(G: nx.MultiDiGraph, document_id: str) -> dt.date | None:
    doc: Document | None = G.graph.get("documents", {}).get(document_id)
    return None if doc is None else (doc.event_date or doc.filed_date)


def _latest(G: nx.MultiDiGraph, links: list[Link]) -> list[Link]:
    """The links of the latest document stating the pair (a later statement supersedes)."""
    by_doc: dict[str, list[Link]] = defaultdict(list)
    for lk in links:
        by_doc[lk.document_id].append(lk)
    if len(by_doc) == 1:
        return links

    def when(doc: str) -> tuple[dt.date, str]:
        dates = [d for lk in by_doc[doc] for d in (lk.as_of, lk.start_date) if d]
        d = max(dates) if dates else _doc_date(G, doc)
        return (d or dt.date.min, doc)

    return by_doc[max(by_doc, key=when)]


class RegisterGraph:
    """The control steps of a graph (:func:`evaluate` on every pair), read upward or down."""

    def __init__(self, G: nx.MultiDiGraph, *, as_of: dt.date | None = None) -> None:
        self.G = G
        pairs: dict[tuple[str, str], list[Link]] = defaultdict(list)
        self._all_links: set[str] = set()
        for u, v, data in G.edges(data=True):
            lk = data.get("record")
            if isinstance(lk, Link):
                self._all_links.add(lk.id)
            if data.get("kind") not in _LINK_KINDS or not isinstance(lk, Link) or u == v:
                continue
            if _active(lk, G, as_of):
                pairs[(u, v)].append(lk)
        self._links: dict[str, Link] = {lk.id: lk for links in pairs.values() for lk in links}
        self.up: dict[str, list[Step]] = defaultdict(list)
        self.down: dict[str, list[Step]] = defaultdict(list)
        arrangements = {v for _, v in pairs if is_arrangement(G, v)}
        for (u, v), links in sorted(pairs.items()):
            step = evaluate(u, v, _latest(G, links), arrangement=v in arrangements)
            self.up[v].append(step)
            self.down[u].append(step)

    def chain_of(self, step: Step) -> frozenset[str] | None:
        """The intermediaries of an indirect step whose chain is in the graph, else ``None``.

        BODS states an indirect interest twice: the primary relationship (``indirect``,
        ``componentRecords`` naming its chain) and the component relationships themselves.
        When every link of the step is indirect and every component link it names is a
        link in force here, the chain is present: the step restates it. Its intermediaries
        are the ends of the component links other than the step's own two parties.
        ``None`` when the step is direct, names no component link, or one is missing
        (then the indirect link is the only statement of its chain). Component ids that are
        no link (party ids, kept or merged away) are read from the links' ends instead.
        """
        if not step.indirect:
            return None
        mids: set[str] = set()
        for lk in step.links:
            ids = [c for c in lk.component_ids if c in self._all_links]
            if not ids or any(c not in self._links for c in ids):
                return None  # no component link, or one not in force
            comp = [self._links[c] for c in ids]
            mids.update(e for c in comp for e in (c.controller_id, c.controlled_id))
        mids -= {step.controller, step.controlled}
        return frozenset(mids) if mids else None

    def name(self, n: str) -> str:
        """A node's display name."""
        return str(self.G.nodes[n].get("name", n)) if n in self.G else n

    def kind(self, n: str) -> str:
        """A node's kind as text."""
        k = self.G.nodes[n].get("kind") if n in self.G else None
        return str(k.value if isinstance(k, NodeKind) else k or "unknown")

    def controls_up(self, v: str, subject: str) -> list[Step]:
        """The steps that pass control of ``v``."""
        return [s for s in self.up.get(v, ()) if s.state is True]

    def power(self, step: Step, subject: str) -> str | None:
        """Sole when the controller is the only one of ``controlled`` by a computed test
        (an indirect step restating a chain in the graph is not another controller)."""
        if not step.computed or step.test == DECLARED:
            return None
        if step.test == JOINT:
            return "shared"
        peers = [
            s for s in self.up.get(step.controlled, ())
            if s.state is True and s.computed and self.chain_of(s) is None
        ]  # fmt: skip
        chain = self.chain_of(step)
        if chain is not None:  # a restated chain: shared only with a controller outside it
            others = [s for s in peers if s.controller not in chain | {step.controller}]
            return "shared" if others else "sole"
        return "sole" if len(peers) == 1 else "shared"
