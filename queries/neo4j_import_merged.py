"""The parties entity resolution merged, as the neo4j-import bulk path writes them.

:func:`graph.store.build_graph` gives each cluster of merged parties one node: the kept id,
with :func:`graph.store.merge_party_records` over the members' records (each under the kept
id), then the kept member's own name and kind. That function orders the records, and
deduplicates and orders their provenance, by each one's serialised JSON text; at a million
parties (143k parties in 35.5k clusters) serialising them again was most of the 12.7 s of
CPU the merged parties cost (decoding into dataclasses, building a networkx graph of them).

Here the stored records' texts are those keys already: a record the party pattern
(:mod:`queries.neo4j_import_patterns`) matches is canonical, so its text with the kept id in
place of its own *is* the serialised record under the kept id, and each piece of its
provenance array is that piece's serialised text. :func:`merged_parties` decodes each text
once (``json.loads``), merges by the same rules on plain values and writes the merged
record's canonical text (sorted keys, as the store's writer), which the party lines read as
any other record. A cluster with a member the pattern does not read (an older record, a
name with an escape) returns ``None``: the caller merges every cluster the reference way.
"""

from __future__ import annotations

import json
from typing import Any

from ownergraph.graph.vocab import NodeKind
from ownergraph.queries.neo4j_import_nodes import PARTY_PATTERN

#: A canonical party text begins with its id (the first key in sorted order).
_HEAD = '{"id":"'


def _dumps(data: Any) -> str:
    """The store's canonical JSON text (:func:`graph.store._dumps` of a record's dict)."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _provenance_texts(text: str) -> list[str]:
    """The serialised pieces of a canonical party text's provenance array (no string in a
    canonical text holds a ``"``, so ``},{"accession":`` only ever separates pieces).

    >>> _provenance_texts('{"id":"p","provenance":[{"accession":null,"a":1},'
    ...                   '{"accession":"x","a":2}],"type_codes":[]}')
    ['{"accession":null,"a":1}', '{"accession":"x","a":2}']
    >>> _provenance_texts('{"id":"p","provenance":[],"type_codes":[]}')
    []
    """
    start = text.index(',"provenance":[') + len(',"provenance":[')
    end = text.rindex('],"type_codes":')
    body = text[start:end]
    if not body:
        return []
    return [
        p if p[0] == "{" else "{" + p
        for p in body.replace('},{"accession":', '}\x00{"accession":').split("\x00")
    ]


def _rank(pid: str, identifiers: list[list[str]] | None) -> tuple[int, str]:
    """:func:`graph.resolution.clusters`' rank of a party: a CIK first, then an LEI (the
    first identifier of the scheme, when not empty, as ``Party.identifier`` gives it).

    >>> _rank("p", [["cik", ""], ["cik", "1"]]), _rank("p", [["lei", "X"]]), _rank("p", None)
    ((2, 'p'), (1, 'p'), (2, 'p'))
    """
    first: dict[str, str] = {}
    for scheme, value in identifiers or ():
        first.setdefault(scheme, value)
    if first.get("cik"):
        return (0, pid)
    if first.get("lei"):
        return (1, pid)
    return (2, pid)


def merged_parties(conn: Any, alias: dict[str, str]) -> list[tuple[str, str, str]] | None:
    """``(node id, canonical record text, name)`` of every node a cluster of merged parties
    becomes, as :func:`graph.store.build_graph` makes it (see the module docstring), in
    kept-id order; ``None`` when a member's record is not canonical. Raises
    :class:`RuntimeError` when a cluster's kept id is not the one its records rank first
    (the caller's map came from the identifier index)."""
    from ownergraph.graph.store import _KIND_ORDER

    if not alias:
        return []
    ids = sorted(set(alias) | set(alias.values()))
    texts: dict[str, str] = {}
    for i in range(0, len(ids), 50_000):
        chunk = ids[i : i + 50_000]
        texts.update(
            conn.execute(
                "SELECT id, json FROM parties WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(chunk),),
            ).fetchall()
        )
    comps: dict[str, list[str]] = {}
    for merged, kept in alias.items():
        comps.setdefault(kept, [kept]).append(merged)
    match = PARTY_PATTERN.fullmatch
    order = [k.value for k in _KIND_ORDER]
    out: list[tuple[str, str, str]] = []
    for kept in sorted(comps):
        comp = comps[kept]
        members = [(pid, texts[pid]) for pid in sorted(comp) if pid in texts]
        if not members:  # no record in the store: no node
            continue
        if any(match(t) is None for _pid, t in members):
            return None
        decoded = {pid: json.loads(t) for pid, t in members}
        if min(comp, key=lambda p: _rank(p, (decoded.get(p) or {}).get("identifiers"))) != kept:
            raise RuntimeError("neo4j-import: merged ids mapped two ways")
        if len(members) == 1:  # one record: build_graph keeps it as it stands
            pid, t = members[0]
            out.append((pid, t, decoded[pid]["name"]))
            continue
        # each record under the kept id; its text so is its serialised form (the sort key)
        keyed = sorted((_HEAD + kept + t[len(_HEAD) + len(pid) :], pid, t) for pid, t in members)
        recs = [decoded[pid] for _k, pid, _t in keyed]
        counts: dict[str, int] = {}
        for r in recs:
            counts[r["name"]] = counts.get(r["name"], 0) + 1
        kinds = {r["kind"] for r in recs}
        prov_seen: dict[str, Any] = {}
        for (_k, _pid, t), r in zip(keyed, recs, strict=True):
            for key, item in zip(_provenance_texts(t), r["provenance"], strict=True):
                prov_seen.setdefault(key, item)
        record = {
            "id": kept,
            "name": sorted(counts, key=lambda n: (-counts[n], -len(n), n))[0],
            "kind": next(k for k in order if k in kinds),
            "names": sorted({n for r in recs for n in (r["name"], *r["names"])}),
            "identifiers": [
                list(i) for i in sorted({tuple(i) for r in recs for i in r["identifiers"]})
            ],
            "jurisdiction": next((r["jurisdiction"] for r in recs if r["jurisdiction"]), None),
            "type_codes": sorted({c for r in recs for c in r["type_codes"]}),
            "is_component": all(r["is_component"] for r in recs),
            "provenance": [prov_seen[k] for k in sorted(prov_seen)],
        }
        if kept in decoded:  # the kept member's own name and kind
            record["name"] = decoded[kept]["name"]
            record["kind"] = NodeKind(decoded[kept]["kind"]).value
        out.append((kept, _dumps(record), record["name"]))
    return out
