"""Fuzzy search over every party, issuer, CIK, CUSIP and spelling (no streamlit).

The explorer prefers ``queries.resolve.search`` when it exists; :func:`search` here is the
fallback and the adapter: it calls the library function if it is importable and turns its
result into :class:`Hit` records, else matches with rapidfuzz.

Rule: an exact identifier (CIK in any zero padding, CUSIP, LEI, node id) ranks first; then
names and every recorded spelling by rapidfuzz ``WRatio`` on normalised names.

>>> import networkx as nx
>>> from ownergraph.graph.model import Party
>>> from ownergraph.graph.vocab import NodeKind
>>> G = nx.MultiDiGraph()
>>> p = Party(id="party:1", name="Nelson Obus", kind=NodeKind.PERSON,
...           identifiers=(("cik", "0001080301"),))
>>> G.add_node(p.id, kind=p.kind, name=p.name, record=p)
>>> [h.node_id for h in fallback_search(G, "obus")]
['party:1']
>>> fallback_search(G, "1080301")[0].matched
'CIK 0001080301'
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rapidfuzz import fuzz, process

from ownergraph.graph.errors import OwnergraphError
from ownergraph.graph.ids import normalize_cik, normalize_cusip, normalize_name


@dataclass(frozen=True)
class Hit:
    """One search result: the node, its display name and kind, what matched, a 0-100 score."""

    node_id: str
    name: str
    kind: str
    matched: str
    score: float


def _kind(G: nx.MultiDiGraph, n: str) -> str:
    k = G.nodes[n].get("kind")
    return str(getattr(k, "value", k) or "unknown")


def _index(G: nx.MultiDiGraph) -> tuple[list[tuple[str, str]], dict[str, tuple[str, str]]]:
    """``(names, identifiers)``: normalised spellings and exact identifier keys."""
    names: list[tuple[str, str]] = []  # (node_id, spelling)
    idents: dict[str, tuple[str, str]] = {}  # key -> (node_id, matched)
    for n, data in G.nodes(data=True):
        rec = data.get("record")
        spellings = {str(data.get("name") or n), *(getattr(rec, "names", ()) or ())}
        for s in sorted(spellings):
            names.append((n, s))
        idents[n.lower()] = (n, f"id {n}")
        for scheme, value in getattr(rec, "identifiers", ()) or ():
            label = f"{scheme.upper()} {value}"
            idents.setdefault(str(value).strip().lower(), (n, label))
            if scheme == "cik" and normalize_cik(value):
                idents.setdefault(normalize_cik(value) or "", (n, label))
        for attr in ("cusip", "ticker"):
            value = getattr(rec, attr, None)
            if value:
                idents.setdefault(str(value).lower(), (n, f"{attr.upper()} {value}"))
    return names, idents


def fallback_search(G: nx.MultiDiGraph, text: str, *, limit: int = 20) -> list[Hit]:
    """Rapidfuzz search over names, spellings and identifiers (see the module docstring)."""
    q = (text or "").strip()
    if not q:
        return []
    names, idents = _index(G)
    hits: dict[str, Hit] = {}
    keys = {q.lower()}
    if normalize_cik(q) and q.replace("-", "").isdigit():
        keys.add(normalize_cik(q) or "")
    if normalize_cusip(q):
        keys.add((normalize_cusip(q) or "").lower())
    for key in keys:
        if key in idents:
            n, matched = idents[key]
            hits[n] = Hit(n, str(G.nodes[n].get("name") or n), _kind(G, n), matched, 100.0)
    nq = normalize_name(q)
    if nq:
        choices = [normalize_name(s) for _, s in names]
        scored = process.extract(
            nq, choices, scorer=fuzz.WRatio, limit=max(limit * 4, 40), score_cutoff=55
        )
        for _choice, score, idx in scored:
            n, spelling = names[idx]
            # a substring of the name ranks above a scattered match of the same score
            bonus = 5.0 if nq in choices[idx] else 0.0
            s = min(100.0, float(score) + bonus)
            if n not in hits or hits[n].score < s:
                hits[n] = Hit(n, str(G.nodes[n].get("name") or n), _kind(G, n), spelling, s)
    ranked = sorted(hits.values(), key=lambda h: (-h.score, h.name, h.node_id))
    return ranked[:limit]


def _as_hit(G: nx.MultiDiGraph, item: Any) -> Hit | None:
    """Adapt one item of ``queries.resolve.search``'s result (object, dict, tuple or id)."""
    if hasattr(item, "to_dict"):
        item = item.to_dict()
    if isinstance(item, str):
        data: dict[str, Any] = {"id": item}
    elif isinstance(item, dict):
        data = item
    elif isinstance(item, tuple | list) and item:
        data = {"id": item[0], "score": item[-1] if len(item) > 1 else None}
    else:
        data = {
            k: getattr(item, k) for k in ("id", "node_id", "score", "matched") if hasattr(item, k)
        }
    nid = data.get("node_id") or data.get("id")
    if not isinstance(nid, str) or nid not in G:
        return None
    score = data.get("score")
    return Hit(
        node_id=nid,
        name=str(G.nodes[nid].get("name") or nid),
        kind=_kind(G, nid),
        matched=str(data.get("matched") or data.get("name") or ""),
        score=float(score) if isinstance(score, int | float) else 0.0,
    )


def search(G: nx.MultiDiGraph, text: str, *, limit: int = 20) -> list[Hit]:
    """Search with ``queries.resolve.search`` when available, else :func:`fallback_search`."""
    try:
        mod = importlib.import_module("ownergraph.queries.resolve")
        fn = getattr(mod, "search", None)
    except ImportError:
        fn = None
    if fn is not None:
        try:
            raw = fn(G, text)
        except OwnergraphError:  # e.g. SubjectNotFoundError: fall back to fuzzy matching
            raw = None
        if raw is not None:
            hits = [h for h in (_as_hit(G, x) for x in list(raw)[:limit]) if h is not None]
            if hits or not text.strip():
                return hits
    return fallback_search(G, text, limit=limit)
