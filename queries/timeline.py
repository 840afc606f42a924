"""History of a subject: its documents over time and what changed between amendments.

:func:`timeline` lists the documents about a subject (an issuer, one of its classes, or a
party) in the order of the date they report as of (:func:`graph.history.reported_on`: the
event date, else the filing date; amendments of one day by amendment number). Each
document's figures are per party: the cover pages it files (rows 11 and 13), else, for a
document without cover pages (Forms 3/4/5, registers), the sum of the holdings it reports
per holder. A document is compared with the latest earlier document that reports on at
least one of the same parties (its previous amendment; two unrelated filers' statements on
one issuer are never compared with each other), and the changes are listed: parties added
and removed, positions up and down (a party is the same across documents when its name
normalises alike: a loader may mint a new id per filing for an unnamed intermediary). :func:`dates` gives the dates the app's slider offers.

>>> import datetime as dt
>>> from ownergraph.graph.model import Document, Party, ReportedPosition
>>> from ownergraph.graph.store import build_graph
>>> from ownergraph.graph.vocab import NodeKind, SourceFormat
>>> docs = [Document(f"d{i}", f"a{i}.txt", SourceFormat.SEC13DG_LEGACY, "", form="SC 13D/A",
...                  amendment_no=i, event_date=dt.date(2008, 9, 10 * i), issuer_id="i")
...         for i in (1, 2)]
>>> pos = [ReportedPosition("r1", "d1", "p", "P", aggregate=100.0),
...        ReportedPosition("r2", "d2", "p", "P", aggregate=150.0),
...        ReportedPosition("r3", "d2", "q", "Q", aggregate=5.0)]
>>> G = build_graph([Party("i", "I", NodeKind.ISSUER), Party("p", "P", NodeKind.PERSON),
...                  Party("q", "Q", NodeKind.PERSON)], [], [], [], docs, positions=pos)
>>> [(c.change, c.name, c.delta) for c in timeline(G, "i").entries[1].changes]
[('added', 'Q', 5.0), ('up', 'P', 50.0)]
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from ownergraph.graph.history import in_force, reported_on
from ownergraph.graph.ids import normalize_name
from ownergraph.graph.model import Document, Holding, ReportedPosition
from ownergraph.graph.vocab import EdgeKind, NodeKind


@dataclass(frozen=True)
class Figure:
    """A party's position in one document: rows 11 and 13 of its cover page, or the sum of
    the holdings the document reports for it (``basis`` says which)."""

    party_id: str
    name: str
    shares: float | None
    percent: float | None
    basis: str  # "cover page" or "holdings"

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class Change:
    """What changed for one party from the previous document to this one."""

    change: str  # "added", "removed", "up", "down"
    party_id: str
    name: str
    before: float | None
    after: float | None
    percent_before: float | None = None
    percent_after: float | None = None

    @property
    def delta(self) -> float | None:
        """``after - before`` (an added party counts from 0, a removed one to 0)."""
        if self.change == "added":
            return self.after
        if self.change == "removed":
            return None if self.before is None else -self.before
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {**self.__dict__, "delta": self.delta}


@dataclass(frozen=True)
class Entry:
    """One document of the history, with its figures and the changes from its previous."""

    document_id: str
    date: dt.date | None
    form: str | None
    amendment_no: int | None
    file: str
    figures: tuple[Figure, ...]
    previous_id: str | None
    changes: tuple[Change, ...]
    unchanged: int

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "document_id": self.document_id,
            "date": self.date.isoformat() if self.date else None,
            "form": self.form,
            "amendment_no": self.amendment_no,
            "file": self.file,
            "figures": [f.to_dict() for f in self.figures],
            "previous_id": self.previous_id,
            "changes": [c.to_dict() for c in self.changes],
            "unchanged": self.unchanged,
        }


@dataclass(frozen=True)
class Timeline:
    """:func:`timeline`'s answer: the subject and its documents, oldest first."""

    subject_id: str
    subject_name: str
    entries: tuple[Entry, ...]

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` shape."""
        return {
            "subject_id": self.subject_id,
            "subject_name": self.subject_name,
            "entries": [e.to_dict() for e in self.entries],
        }


def _kind(G: nx.MultiDiGraph, n: str) -> Any:
    return G.nodes[n].get("kind")


def _order(doc: Document) -> tuple:
    return (
        reported_on(doc) or dt.date.min,
        doc.amendment_no or 0,
        doc.filed_date or dt.date.min,
        doc.id,
    )


def _scope(G: nx.MultiDiGraph, subject: str) -> tuple[set[str], set[str], str | None]:
    """(issuer ids, security ids, party id) the subject stands for."""
    kind = _kind(G, subject)
    if kind == NodeKind.SECURITY:
        rec = G.nodes[subject].get("record")
        return {getattr(rec, "issuer_id", "")} - {""}, {subject}, None
    if kind == NodeKind.ISSUER:
        secs = {
            v
            for _, v, d in G.out_edges(subject, data=True)
            if d.get("kind") == EdgeKind.ISSUES and _kind(G, v) == NodeKind.SECURITY
        }
        return {subject}, secs, None
    return set(), set(), subject


def _holdings(G: nx.MultiDiGraph) -> list[Holding]:
    return [
        d["record"]
        for _, _, d in G.edges(data=True)
        if d.get("kind") == EdgeKind.HOLDS and isinstance(d.get("record"), Holding)
    ]


def _place(h: Holding) -> tuple:
    """Where a holding stands in its document (the XPath's indexes, else the text offset):
    of two post-transaction amounts on one line of ownership, the later row is the one in
    force after the document."""
    for p in h.provenance:
        if p.xpath:
            return tuple(
                (part.split("[")[0], int(part.split("[")[1].rstrip("]")) if "[" in part else 0)
                for part in p.xpath.strip("/").split("/")
            )
        if p.span:
            return (("", p.span[0]),)
    return ()


def _last_per_line(hs: list[Holding]) -> list[Holding]:
    """Per (holder, class, instrument, direct/indirect, nature): the document's last row
    (Forms 4 list the amount owned after each transaction; the last one stands)."""
    last: dict[tuple, Holding] = {}
    for h in sorted(hs, key=_place):
        key = (h.holder_id, h.security_id, h.instrument, h.direct_or_indirect,
               h.nature_of_ownership, h.derivative)  # fmt: skip
        last[key] = h
    return list(last.values())


def _key(f: Figure) -> str:
    """Parties are the same person across documents when their names normalise alike (a
    loader may give an unnamed intermediary a new id in each filing)."""
    return normalize_name(f.name) or f.party_id


def timeline(
    G: nx.MultiDiGraph,
    subject: str,
    *,
    holdings: Iterable[Holding] | None = None,
    as_of: dt.date | None = None,
) -> Timeline:
    """The documents about ``subject`` (a node id) over time, with the changes (module
    docstring). ``holdings`` are every holding record, superseded ones included (the
    store's :meth:`~graph.store.Store.holdings`); default: the graph's, which holds only
    the current ones; ``as_of`` keeps the documents reported by that date. Raises
    ``KeyError`` when ``subject`` is not a node."""
    if subject not in G:
        raise KeyError(subject)
    docs: dict[str, Document] = G.graph.get("documents", {})
    positions: list[ReportedPosition] = list(G.graph.get("positions", ()))
    issuers, secs, party = _scope(G, subject)
    holdings = _holdings(G) if holdings is None else list(holdings)
    names = {n: str(d.get("name") or n) for n, d in G.nodes(data=True)}
    aliases = G.graph.get("aliases", {})

    def node(pid: str) -> str:
        return aliases.get(pid, pid)

    by_doc_pos: dict[str, list[ReportedPosition]] = defaultdict(list)
    for rp in positions:
        by_doc_pos[rp.document_id].append(rp)
    by_doc_hold: dict[str, list[Holding]] = defaultdict(list)
    for h in holdings:
        by_doc_hold[h.document_id].append(h)

    def about(doc: Document) -> bool:
        if party is not None:
            return any(node(rp.party_id) == party for rp in by_doc_pos[doc.id]) or any(
                node(h.holder_id) == party for h in by_doc_hold[doc.id]
            )
        return (
            doc.issuer_id in issuers
            or doc.security_id in secs
            or any(h.security_id in secs for h in by_doc_hold[doc.id])
        )

    def figures(doc: Document) -> tuple[Figure, ...]:
        out: dict[str, Figure] = {}
        for rp in by_doc_pos[doc.id]:
            pid = node(rp.party_id)
            out[pid] = Figure(pid, names.get(pid, rp.name), rp.aggregate, rp.percent_of_class,
                              "cover page")  # fmt: skip
        if not out:
            sums: dict[str, float | None] = {}
            for h in _last_per_line(by_doc_hold[doc.id]):
                if secs and h.security_id not in secs:
                    continue
                pid = node(h.holder_id)
                cur = sums.get(pid, 0.0)
                sums[pid] = None if cur is None or h.shares is None else cur + h.shares
            for pid, total in sums.items():
                out[pid] = Figure(pid, names.get(pid, pid), total, None, "holdings")
        return tuple(sorted(out.values(), key=lambda f: (f.name, f.party_id)))

    chosen = sorted((d for d in docs.values() if about(d) and in_force(d, as_of)), key=_order)
    entries: list[Entry] = []
    for doc in chosen:
        figs = figures(doc)
        mine = {_key(f): f for f in figs}
        prev = next(
            (e for e in reversed(entries) if mine.keys() & {_key(f) for f in e.figures}),
            None,
        )
        changes: list[Change] = []
        unchanged = 0
        if prev is not None:
            before = {_key(f): f for f in prev.figures}
            for key in sorted(mine.keys() | before.keys()):
                a, b = before.get(key), mine.get(key)
                if a is None and b is not None:
                    changes.append(
                        Change("added", b.party_id, b.name, None, b.shares, None, b.percent)
                    )
                elif b is None and a is not None:
                    changes.append(Change("removed", a.party_id, a.name, a.shares, None, a.percent))
                elif a is not None and b is not None:
                    if a.shares is not None and b.shares is not None and a.shares != b.shares:
                        word = "up" if b.shares > a.shares else "down"
                        changes.append(
                            Change(
                                word, b.party_id, b.name, a.shares, b.shares, a.percent, b.percent
                            )
                        )
                    else:
                        unchanged += 1
        order = {"added": 0, "removed": 1, "up": 2, "down": 3}
        changes.sort(key=lambda c: (order[c.change], c.name))
        entries.append(
            Entry(
                document_id=doc.id,
                date=reported_on(doc),
                form=doc.form,
                amendment_no=doc.amendment_no,
                file=Path(doc.path).name,
                figures=figs,
                previous_id=prev.document_id if prev else None,
                changes=tuple(changes),
                unchanged=unchanged,
            )
        )
    return Timeline(subject, names.get(subject, subject), tuple(entries))


def dates(G: nx.MultiDiGraph) -> list[dt.date]:
    """The distinct dates the loaded documents report as of, oldest first (the app's
    slider); undated documents add none.

    >>> dates(nx.MultiDiGraph())
    []
    """
    docs: dict[str, Document] = G.graph.get("documents", {})
    return sorted({d for d in (reported_on(doc) for doc in docs.values()) if d is not None})


__all__ = ["Change", "Entry", "Figure", "Timeline", "dates", "timeline"]
