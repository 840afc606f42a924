"""BODS: statements of one file that describe the same party become one party.

A register's file often states one company (or person) in several statements: an updated
statement without ``replacesStatements``, the same company restated for each of its owners,
packages concatenated into one file. The standard identifies a party by its identifiers, so
two statements of the same kind (entity / person) that carry the same **registered
identifier** describe one party:

* an entity identifier whose scheme is an org-id code (``GB-COH``, ``DK-CVR``, ``LV-RE``,
  ``XI-LEI`` ... : two capitalised parts joined by a hyphen), the value compared without
  spaces, case or the leading zeros of a number (``06436883`` = ``6436883``);
* the Open Ownership Register's own URI of a party (``.../entities/<id>``), for persons too.

Unknown and unspecified parties are never merged (each one is its own unknown). The kept
id is the LEI one when a member has an LEI, else the first statement's; a finding names
the statements merged.

>>> from ownergraph.graph.vocab import NodeKind
>>> identity_keys(NodeKind.ENTITY, [("GB-COH", "06436883"), ("bods", "s1")])
[('entity', 'GB-COH', '6436883')]
>>> identity_keys(NodeKind.PERSON, [("GB-COH", "1")])
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ownergraph.graph.vocab import NodeKind

_ORG_ID = re.compile(r"^[A-Z]{2,5}-[A-Z0-9]{2,12}$")
_OO_URI = re.compile(r"register\.openownership\.org/(?:entities|people)/([0-9a-f]{8,})", re.I)


def identity_keys(
    kind: NodeKind, identifiers: Iterable[tuple[str, str]]
) -> list[tuple[str, str, str]]:
    """The keys by which a party of ``kind`` with these ``(scheme, value)`` identifiers is
    the same as another party of the file (none for an unknown party)."""
    if kind not in (NodeKind.ENTITY, NodeKind.PERSON):
        return []
    out: list[tuple[str, str, str]] = []
    for scheme, value in identifiers:
        oo = _OO_URI.search(value)
        if oo:
            out.append((kind.value, "openownership", oo.group(1).lower()))
            continue
        if kind != NodeKind.ENTITY:
            continue
        code = "XI-LEI" if scheme == "lei" else scheme
        if not _ORG_ID.match(code):
            continue
        v = re.sub(r"\s+", "", value).upper()
        v = v.lstrip("0") or "0" if v.isdigit() else v
        out.append((kind.value, code, v))
    return sorted(set(out))


def same_parties(keys: dict[str, list[tuple[str, str, str]]]) -> list[list[str]]:
    """Groups (in first-seen order) of the references that share a key, transitively;
    only groups of two or more.

    >>> same_parties({"a": [("entity", "GB-COH", "1")], "b": [], "c": [("entity", "GB-COH", "1")]})
    [['a', 'c']]
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    first: dict[tuple[str, str, str], str] = {}
    for ref, ks in keys.items():
        for k in ks:
            if k in first:
                a, b = find(first[k]), find(ref)
                if a != b:
                    parent[b] = a
            else:
                first[k] = ref
    groups: dict[str, list[str]] = {}
    for ref in keys:
        groups.setdefault(find(ref), []).append(ref)
    return [g for g in groups.values() if len(g) > 1]


def merge_statements(r: Any) -> None:
    """Give the party statements of a parse (:class:`loaders.bods_records._RecordReader`)
    that describe one party one id (module docstring), with a ``same_party`` finding."""
    from ownergraph.graph.vocab import Severity

    keys = {ref: identity_keys(p.party.kind, p.party.identifiers) for ref, p in r.parties.items()}
    for group in same_parties(keys):
        stmts = sorted((r.parties[ref] for ref in group), key=lambda p: p.index)
        lei = next((p.party.id for p in stmts if p.party.identifier("lei")), None)
        keep = lei or stmts[0].party.id
        for p in stmts:
            if p.party.id != keep:
                p.party = replace(p.party, id=keep)
        shared = sorted(set.intersection(*(set(keys[p.ref]) for p in stmts[:2])))
        r.finding(
            "same_party",
            Severity.INFO,
            f"{stmts[0].party.name}: {len(stmts)} statements ({', '.join(p.ref for p in stmts)})"
            " state one party (same identifier "
            + ", ".join(f"{s} {v}" for _, s, v in shared)
            + "): one party",
            pointer=stmts[0].pointer,
            found=[p.ref for p in stmts],
        )


def _draft_key(party: Any) -> tuple[str, str, str] | None:
    """(kind, normalised name, jurisdiction) of a named entity or person, else ``None``."""
    from ownergraph.graph.ids import normalize_name

    if party.kind not in (NodeKind.ENTITY, NodeKind.PERSON) or not party.name:
        return None
    return (party.kind.value, normalize_name(party.name), (party.jurisdiction or "").upper())


def _conflict(a: Any, b: Any) -> bool:
    """Two parties whose registered identifiers of one scheme differ (the draft's own
    ``bods`` ids do not count: they are what differs)."""
    ids_a = {s: v for s, v in a.identifiers if s != "bods"}
    return any(s in ids_a and ids_a[s] != v for s, v in b.identifiers if s != "bods")


def merge_draft_descriptions(r: Any) -> None:
    """Pre-0.1 draft: one party described in two statements is one party.

    The draft has no party statements: each beneficial ownership statement describes its
    entity and its interested party inline, each description with an id of its own, so a
    party met twice (the interested party of one statement and the entity of the next: an
    ownership through a trust or a holding company) may carry two ids. Descriptions of the
    same kind (entity / person) with the same normalised name and the same jurisdiction
    (or none on both) and no registered identifier of one scheme that differs are one
    party, with a ``same_party`` finding. Unknown and unnamed parties are never merged.
    """
    from ownergraph.graph.vocab import Severity

    clusters: dict[tuple[str, str, str], list[list[Any]]] = {}
    for p in sorted(r.parties.values(), key=lambda p: p.index):
        key = _draft_key(p.party)
        if key is None:
            continue
        for cluster in clusters.setdefault(key, []):
            if not any(_conflict(p.party, q.party) for q in cluster):
                cluster.append(p)
                break
        else:
            clusters[key].append([p])
    for groups in clusters.values():
        for stmts in groups:
            ids = {p.party.id for p in stmts}
            if len(ids) < 2:
                continue
            lei = next((p.party.id for p in stmts if p.party.identifier("lei")), None)
            keep = lei or stmts[0].party.id
            for p in stmts:
                if p.party.id != keep:
                    p.party = replace(p.party, id=keep)
            r.finding(
                "same_party",
                Severity.INFO,
                f"{stmts[0].party.name}: {len(ids)} descriptions"
                f" ({', '.join(p.ref for p in stmts)}) of a draft name one party (same name,"
                " kind and jurisdiction): one party",
                pointer=stmts[0].pointer,
                found=[p.ref for p in stmts],
            )


def canonical_ids(
    party_ids: dict[str, str], keys: dict[str, list[tuple[str, str, str]]], lei_refs: set[str]
) -> None:
    """The same merge on a stream's plan: ``party_ids`` (ref -> id) gets one id per group
    (an LEI member's id, else the first reference's)."""
    for group in same_parties(keys):
        members = [ref for ref in group if ref in party_ids]
        if len(members) < 2:
            continue
        keep = next((party_ids[ref] for ref in members if ref in lei_refs), party_ids[members[0]])
        for ref in members:
            party_ids[ref] = keep
