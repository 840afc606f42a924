"""The rows a Neo4j server holds for the embedded graph, and the graph back from them.

Records become parameter rows (id, ends, plain properties, ``provenance`` and ``record``
JSON, a content hash over the record text and the ends, :func:`row_hash`): :func:`party_row`,
:func:`security_row`, :func:`document_row`, :func:`holding_row`, :func:`link_row`,
:func:`issues_row`, all of them for a graph by :func:`desired_state`;
:func:`graph_from_rows` rebuilds the graph from the ``record`` JSON read off the server.
Plain Python: no driver import (the neo4j-admin import files are built from the same
rows). Used by :mod:`graph.neo4j_backend`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from enum import Enum
from typing import Any

import networkx as nx

from ownergraph.graph.ids import normalize_name
from ownergraph.graph.model import (
    Document,
    Holding,
    Link,
    Party,
    ReportedPosition,
    Security,
    from_dict,
    link_passes,
)
from ownergraph.graph.store import Store, build_graph
from ownergraph.graph.vocab import EdgeKind, NodeKind

SECURITY_LABEL = NodeKind.SECURITY.label
#: Edge kinds that are links (controller -> controlled), in sync order.
LINK_KINDS = (EdgeKind.CONTROLS, EdgeKind.OWNS, EdgeKind.CONSOLIDATES, EdgeKind.MEMBER_OF)
#: Party kinds (every node kind but security), in sync order.
PARTY_KINDS = tuple(k for k in NodeKind if k is not NodeKind.SECURITY)

NODE_SETS = ("documents", "parties", "securities")
REL_KINDS = (EdgeKind.HOLDS, *LINK_KINDS, EdgeKind.ISSUES)
REL_SETS = tuple(k.value for k in REL_KINDS)


def _dumps(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _json(obj: Any) -> str:
    return _dumps(fast_dict(obj))


_SCALARS = (str, int, float, bool, type(None))
_CONVERTERS: dict[type, Callable[[Any], Any]] = {}


def fast_dict(obj: Any) -> Any:
    """:func:`graph.model.to_dict`, with the per-type work (dataclass fields, enum and date
    checks) done once per type instead of once per value: the sync serialises every record,
    and the generic codec was most of its Python time.

    >>> from ownergraph.graph.model import Provenance, to_dict
    >>> p = Provenance(path="a.txt", document_id="doc:1", span=(1, 2))
    >>> fast_dict(p) == to_dict(p)
    True
    """
    t = type(obj)
    if t in _SCALARS:
        return obj
    conv = _CONVERTERS.get(t)
    if conv is None:
        conv = _CONVERTERS[t] = _converter(t)
    return conv(obj)


def _converter(t: type) -> Callable[[Any], Any]:
    """The conversion of one type, in :func:`graph.model.to_dict`'s order of checks."""
    scalars = _SCALARS
    if dataclasses.is_dataclass(t):
        names = tuple(f.name for f in dataclasses.fields(t))

        def record(o: Any) -> dict[str, Any]:
            out = {}
            for n in names:
                v = getattr(o, n)
                out[n] = v if type(v) in scalars else fast_dict(v)
            return out

        return record
    if issubclass(t, Enum):
        return lambda o: o.value
    if issubclass(t, dt.date):
        return lambda o: o.isoformat()
    if issubclass(t, tuple | list):
        return lambda o: [v if type(v) in scalars else fast_dict(v) for v in o]
    if issubclass(t, dict):
        return lambda o: {str(k): fast_dict(v) for k, v in o.items()}
    return lambda o: o


# --------------------------------------------------------------------------- rows


def _record_props(rec: Any) -> dict[str, str]:
    """``provenance`` and ``record`` JSON of a record, serialised once."""
    data = fast_dict(rec)
    return {"provenance": _dumps(data["provenance"]), "record": _dumps(data)}


#: The version of what a row derives from its record. The content hash covers the record's
#: text, the ends and the values that are not in the record (a class's shown name, a
#: document's cover pages), not each property: every other property is a function of the
#: record, so the hash changes when the record does. Change this when a property's
#: derivation changes (search keys, a new property), so that a sync rewrites every row.
ROW_FORMAT = "2"


def row_hash(start: str, end: str, record: str, *extra: str) -> str:
    """The content hash of a row: SHA-1 over :data:`ROW_FORMAT`, the ends (empty for a
    node), the record's JSON text and the values not in it, joined by U+001F (a JSON text
    holds that character only escaped; ids never).

    >>> row_hash("a", "b", "{}") == row_hash("a", "b", "{}", "")
    False
    """
    body = "\x1f".join((ROW_FORMAT, start, end, record, *extra))
    return hashlib.sha1(body.encode("utf-8")).hexdigest()


def _row(
    id_: str, props: dict[str, Any], *, extra: tuple[str, ...] = (), **ends: Any
) -> dict[str, Any]:
    """A parameter row: id, endpoints, properties and the content hash (:func:`row_hash`
    over the ends, the ``record`` property and ``extra``)."""
    digest = row_hash(ends.get("start", ""), ends.get("end", ""), props.get("record", ""), *extra)
    return {"id": id_, **ends, "props": {**props, "hash": digest}}


_LEGAL_TAIL = re.compile(r"\s+(lp|llc|llp|inc|ltd|corp|co|na|sa|plc|l p|l l c)$")


def cypher_fold(text: str) -> str:
    """The folding the query library applies to ``$subject`` in Cypher.

    ``replace(replace(replace(toLower(trim(x)), ',', ''), '.', ''), '-', '')``; kept equal to
    the Cypher expression so keys computed here match what a user types.

    >>> cypher_fold(" Wynnefield Capital Management, L.L.C. ")
    'wynnefield capital management llc'
    """
    return text.strip().lower().replace(",", "").replace(".", "").replace("-", "")


def search_keys(names: Iterable[str], identifiers: Iterable[tuple[str, str]] = ()) -> list[str]:
    """Lower-case keys a subject can be typed as: spellings folded three ways (as typed,
    :func:`graph.ids.normalize_name`, without a trailing legal form) and identifier values
    (CIKs with and without leading zeros, CUSIPs without spaces).

    >>> "liquidmetal technologies" in search_keys(["Liquidmetal Technologies, Inc."])
    True
    >>> "1141240" in search_keys([], [("cik", "0001141240")])
    True
    """
    keys: set[str] = set()
    for name in dict.fromkeys(names):
        for k in (name.strip().lower(), cypher_fold(name), normalize_name(name)):
            keys.add(k)
            keys.add(_LEGAL_TAIL.sub("", k))
    for scheme, value in identifiers:
        v = value.strip().lower()
        keys.add(v)
        keys.add(cypher_fold(v).replace(" ", ""))
        if scheme == "cik" and v.isdigit():
            keys.add(v.lstrip("0") or "0")
    return sorted(k for k in keys if k)


def party_row(p: Party) -> dict[str, Any]:
    """The parameter row of a party node (plain values only; no maps inside properties).

    >>> party_row(Party(id="party:x", name="X", kind=NodeKind.FUND))["props"]["kind"]
    'fund'
    """
    return _row(
        p.id,
        {
            "name": p.name,
            "kind": p.kind.value,
            "names": list(p.names),
            "identifiers": [f"{s}:{v}" for s, v in p.identifiers],
            "search_keys": search_keys((p.name, *p.names), p.identifiers),
            "cik": p.identifier("cik"),
            "lei": p.identifier("lei"),
            "jurisdiction": p.jurisdiction,
            "type_codes": list(p.type_codes),
            "is_component": p.is_component,
            **_record_props(p),
        },
        kind=p.kind.value,
    )


def security_row(s: Security, name: str) -> dict[str, Any]:
    """The parameter row of a security node (``name`` as the graph shows it)."""
    return _row(
        s.id,
        {
            "issuer_id": s.issuer_id,
            "title": s.title,
            "cusip": s.cusip,
            "ticker": s.ticker,
            "name": name,
            "search_keys": search_keys([], [("cusip", s.cusip)] if s.cusip else []),
            **_record_props(s),
        },
        extra=(name,),
    )


def document_row(d: Document, positions: Iterable[ReportedPosition] = ()) -> dict[str, Any]:
    """The parameter row of a document node; its cover pages ride along as JSON."""
    data = fast_dict(d)
    props = {
        k: v
        for k, v in data.items()
        if k != "id" and (v is None or isinstance(v, str | int | float | bool))
    }
    props["record"] = _dumps(data)
    props["positions"] = _json(sorted(positions, key=lambda rp: rp.id))
    return _row(d.id, props, extra=(props["positions"],))


def holding_row(h: Holding) -> dict[str, Any]:
    """The parameter row of a HOLDS relationship."""
    return _row(
        h.id,
        {
            "document_id": h.document_id,
            "shares": h.shares,
            "instrument": h.instrument.value,
            "right_to_acquire": h.right_to_acquire,
            "derivative": h.derivative,
            "direct_or_indirect": h.direct_or_indirect.value,
            "nature_of_ownership": h.nature_of_ownership,
            "title": h.title,
            "as_of": h.as_of.isoformat() if h.as_of else None,
            # the holder's own powers as filed (None = not filed)
            "sole_voting": h.sole_voting,
            "shared_voting": h.shared_voting,
            "no_voting": h.no_voting,
            "sole_dispositive": h.sole_dispositive,
            "shared_dispositive": h.shared_dispositive,
            **_record_props(h),
        },
        start=h.holder_id,
        end=h.security_id,
    )


def link_row(lk: Link) -> dict[str, Any]:
    """The parameter row of a link relationship (share ranges as min/max properties)."""
    share = lk.share
    vshare = lk.voting_share
    return _row(
        lk.id,
        {
            "document_id": lk.document_id,
            "role": lk.role.value,
            "power": lk.power.value if lk.power else None,
            # voting and investment power apart: as stated, and which the link passes
            "voting": lk.voting.value if lk.voting else None,
            "investment": lk.investment.value if lk.investment else None,
            "passes": [a.value for a in link_passes(lk)],
            "share_min": share.minimum if share else None,
            "share_max": share.maximum if share else None,
            "share_min_exclusive": share.exclusive_minimum if share else None,
            "share_max_exclusive": share.exclusive_maximum if share else None,
            "voting_share_min": vshare.minimum if vshare else None,
            "voting_share_max": vshare.maximum if vshare else None,
            "interest_types": list(lk.interest_types),
            "beneficial": lk.beneficial,
            "direct_or_indirect": lk.direct_or_indirect.value,
            "as_of": lk.as_of.isoformat() if lk.as_of else None,
            "start_date": lk.start_date.isoformat() if lk.start_date else None,
            "end_date": lk.end_date.isoformat() if lk.end_date else None,
            "details": lk.details,
            "component_ids": list(lk.component_ids),
            **_record_props(lk),
        },
        start=lk.controller_id,
        end=lk.controlled_id,
    )


def issues_row(issuer_id: str, security_id: str) -> dict[str, Any]:
    """The parameter row of an ISSUES relationship (keyed like the embedded graph)."""
    return _row(f"issues:{security_id}", {}, start=issuer_id, end=security_id)


def desired_state(G: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """The rows the server should hold for the embedded graph ``G`` (``Store.graph()``).

    Keys: ``documents``, ``parties``, ``securities`` and one per relationship kind
    (``holds``, ``controls`` …, ``issues``). The graph is already resolved (merged parties
    under their kept id) and current (superseded holdings left out), so the server answers
    what the embedded store answers.
    """
    positions: dict[str, list[ReportedPosition]] = {}
    for rp in G.graph.get("positions", ()):
        positions.setdefault(rp.document_id, []).append(rp)
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in NODE_SETS + REL_SETS}
    for d in sorted(G.graph.get("documents", {}).values(), key=lambda d: d.id):
        out["documents"].append(document_row(d, positions.get(d.id, ())))
    for _n, data in sorted(G.nodes(data=True), key=lambda x: x[0]):
        rec = data.get("record")
        if isinstance(rec, Party):
            out["parties"].append(party_row(rec))
        elif isinstance(rec, Security):
            out["securities"].append(security_row(rec, str(data.get("name", rec.title))))
    for u, v, _key, data in sorted(G.edges(keys=True, data=True), key=lambda e: str(e[2])):
        kind = data.get("kind")
        rec = data.get("record")
        if kind == EdgeKind.ISSUES:
            out[EdgeKind.ISSUES.value].append(issues_row(u, v))
        elif kind == EdgeKind.HOLDS and isinstance(rec, Holding):
            out[EdgeKind.HOLDS.value].append(holding_row(rec))
        elif isinstance(rec, Link) and kind in LINK_KINDS:
            # the graph redirects merged parties' links; the record keeps its own ends
            row = link_row(replace(rec, controller_id=u, controlled_id=v))
            out[EdgeKind(kind).value].append(row)
    return out


def graph_from_rows(
    nodes: Iterable[dict[str, Any]], rels: Iterable[dict[str, Any]]
) -> nx.MultiDiGraph:
    """Build the networkx control graph from ``record`` JSON rows read off the server.

    Node rows have ``party``, ``security``, ``record`` (and ``positions`` for documents);
    relationship rows ``type`` and ``record``. The records are the ones the embedded graph
    holds, so :func:`graph.store.build_graph` gives back the same graph.
    """
    parties: list[Party] = []
    securities: list[Security] = []
    documents: list[Document] = []
    positions: list[ReportedPosition] = []
    holdings: list[Holding] = []
    links: list[Link] = []
    for row in nodes:
        data = json.loads(row["record"])
        if row.get("party"):
            parties.append(from_dict(Party, data))
        elif row.get("security"):
            securities.append(from_dict(Security, data))
        else:
            documents.append(from_dict(Document, data))
            for rp in json.loads(row.get("positions") or "[]"):
                positions.append(from_dict(ReportedPosition, rp))
    for row in rels:
        data = json.loads(row["record"])
        if row["type"] == EdgeKind.HOLDS.rel_type:
            holdings.append(from_dict(Holding, data))
        else:
            links.append(from_dict(Link, data))

    def key(r: Any) -> str:
        return str(r.id)

    return build_graph(
        sorted(parties, key=key),
        sorted(securities, key=key),
        sorted(holdings, key=key),
        sorted(links, key=key),
        sorted(documents, key=key),
        positions=sorted(positions, key=key),
    )


def expected_counts(store: Store) -> dict[str, int]:
    """What the server should hold after a sync of ``store`` (keys of :meth:`counts`)."""
    return graph_counts(store.graph())


def graph_counts(G: nx.MultiDiGraph) -> dict[str, int]:
    """The row counts :func:`desired_state` gives for ``G``, without building the rows."""
    out = dict.fromkeys(NODE_SETS + REL_SETS, 0)
    out["documents"] = len(G.graph.get("documents", {}))
    for _n, rec in G.nodes(data="record"):
        if isinstance(rec, Party):
            out["parties"] += 1
        elif isinstance(rec, Security):
            out["securities"] += 1
    for _u, _v, data in G.edges(data=True):
        kind = data.get("kind")
        rec = data.get("record")
        if kind == EdgeKind.ISSUES:
            out[EdgeKind.ISSUES.value] += 1
        elif kind == EdgeKind.HOLDS and isinstance(rec, Holding):
            out[EdgeKind.HOLDS.value] += 1
        elif isinstance(rec, Link) and kind in LINK_KINDS:
            out[EdgeKind(kind).value] += 1
    return out
