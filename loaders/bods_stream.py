"""Large BODS files streamed: a JSON array or JSON Lines read statement by statement (ijson).

:func:`iter_parsed` yields one :class:`ParsedDocument` per batch of statements, so memory is
bounded by a batch plus one small map per reference (statement / record id -> party id,
relationship -> link ids), never by the whole file: the statements are never all decoded at
once (``json.load`` of a 1 GB array would hold several GB of Python objects).

Two passes over the file:

1. **plan**: the version (first statement), which statements are superseded (before 0.4:
   named in a ``replacesStatements``; in 0.4: every statement of a ``recordId`` but its last
   by statementDate, then file order), the count.
2. **batches**: the statements that stand, ``batch`` at a time, read by the same reader as a
   whole file (:mod:`loaders.bods_records`, :mod:`loaders.bods_links`). Every party's id is
   known from pass 1 (its LEI, else its reference), so a relationship links parties of any
   batch, earlier or later (one transaction); a relationship whose component relationship
   is not read yet waits for the end of the file and is read in the last batch. A reference
   that names nothing in the file is refused there (:class:`InputError`), as a whole-file
   load refuses it.

Each batch's document id is the sha256 of its statements, so loading the same file again
changes nothing. libcovebods' validation needs the whole array in memory and is not run on
a streamed file (a finding on the first batch says so); impossible dates are still refused.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import document_id, party_id
from ownergraph.graph.model import Document, ParsedDocument, Party
from ownergraph.graph.store import merge_party_records
from ownergraph.graph.vocab import NodeKind, Severity, SourceFormat
from ownergraph.loaders.bods_identity import canonical_ids, identity_keys
from ownergraph.loaders.bods_json import MAX_DEPTH, load_json
from ownergraph.loaders.bods_links import _Reader
from ownergraph.loaders.bods_records import _UNKNOWN_KINDS, _identifiers, _type_code
from ownergraph.loaders.bods_shape import _is_record, _statement_type, _str, _version, normalise
from ownergraph.loaders.bods_validate import check_dates

#: Statements per batch (one document each).
BATCH = 5000

#: A BODS file at least this large is streamed by ``ownergraph load`` (smaller ones are read
#: whole: one document, validated by libcovebods).
STREAM_BYTES = 16 * 1024 * 1024

_TYPES = ("entityStatement", "personStatement", "ownershipOrControlStatement")


def is_lines(head: bytes) -> bool:
    """True when a file's first bytes are JSON Lines (an object, a newline, an object).

    >>> is_lines(b'{"statementID": "a"}\\n{"statementID": "b"}\\n')
    True
    >>> is_lines(b'[{"statementID": "a"}]'), is_lines(b'{\\n  "statementGroups": []}')
    (False, False)
    """
    s = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not s.startswith(b"{"):
        return False
    first, _, rest = s.partition(b"\n")
    return first.rstrip().endswith(b"}") and rest.lstrip().startswith(b"{")


def streamable(path: str | Path, head: bytes) -> bool:
    """Whether ``ownergraph load`` streams this BODS file: JSON Lines, or an array of at
    least :data:`STREAM_BYTES`."""
    if is_lines(head):
        return True
    s = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    try:
        return s.startswith(b"[") and Path(path).stat().st_size >= STREAM_BYTES
    except OSError:
        return False


def statements(fp: IO[bytes], *, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(place, statement)`` of a JSON array (``/N``) or JSON Lines (``line N``) file, one
    at a time. Invalid JSON, a non-object statement or a root that is neither is
    :class:`InputError` at its place."""
    import ijson

    head = fp.read(65536)
    fp.seek(0)
    if is_lines(head):
        for n, raw in enumerate(fp, 1):
            if not raw.strip():
                continue
            try:
                st = load_json(raw, path=path)
            except InputError as exc:
                raise InputError(path, f"line {n}", exc.reason) from None
            if not isinstance(st, dict):
                raise InputError(path, f"line {n}", "statement must be a JSON object")
            yield f"line {n}", st
        return
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        raise InputError(path, "/", "a streamed BODS file is a JSON array or JSON Lines")
    if head.startswith(b"\xef\xbb\xbf"):
        fp.read(3)
    i = -1
    try:
        for i, st in enumerate(ijson.items(fp, "item", use_float=True)):
            if not isinstance(st, dict):
                raise InputError(path, f"/{i}", "statement must be a JSON object")
            yield f"/{i}", st  # nesting is bounded by check_dates(max_depth=...) per batch
    except ijson.JSONError as exc:
        raise InputError(path, f"/{i + 1}", f"truncated or invalid JSON: {exc}") from None


@dataclass
class Plan:
    """What pass 1 learnt: the version, the superseded statements, the count."""

    version: str = "unversioned"
    count: int = 0
    replaced_by: dict[str, str] = field(default_factory=dict)
    last_of_record: dict[str, tuple[str, int]] = field(default_factory=dict)
    party_ids: dict[str, str] = field(default_factory=dict)  # ref -> id, as read_party makes it
    #: party id -> what ends its links (ref, recordStatus, statementDate, death /
    #: dissolution), for relationships read in another batch than the party
    party_ends: dict[str, list[tuple[str, str | None, str | None, tuple[str, str] | None]]] = field(
        default_factory=dict
    )

    def stands(self, index: int, st: dict[str, Any]) -> bool:
        if _is_record(st):
            rid = _str(st.get("recordId"))
            return rid is None or self.last_of_record.get(rid, ("", index))[1] == index
        sid = st.get("statementID", st.get("id"))
        return not isinstance(sid, str) or sid not in self.replaced_by


def plan(path: Path) -> Plan:
    """Pass 1 over the file (see the module docstring)."""
    out = Plan()
    keys: dict[str, list[tuple[str, str, str]]] = {}  # party ref -> identity keys
    ends: dict[str, tuple[str, str | None, str | None, tuple[str, str] | None]] = {}
    statement_of: dict[str, str] = {}  # 0.4 party statementId -> its recordId
    with open(path, "rb") as fp:
        for i, (_, st) in enumerate(statements(fp, path=str(path))):
            out.count += 1
            if i == 0:
                out.version = _version(st) or ("0.4" if _is_record(st) else "unversioned")
            if _is_record(st):
                rid = _str(st.get("recordId"))
                if rid is not None:
                    key = (str(st.get("statementDate") or ""), i)
                    if key >= out.last_of_record.get(rid, ("", -1)):
                        out.last_of_record[rid] = key
                        stype = _statement_type(st)
                        if stype in ("entityStatement", "personStatement"):
                            details = st.get("recordDetails")
                            out.party_ids[rid] = _party_id(rid, details)
                            keys[rid] = _keys(stype, details)
                            ends[rid] = _end_facts(rid, stype, st, details)
                if rid is not None and _statement_type(st) in (
                    "entityStatement",
                    "personStatement",
                ):
                    sid = _str(st.get("statementId"))
                    if sid and sid != rid:
                        statement_of.setdefault(sid, rid)
                continue
            st = normalise(st)
            sid = _str(st.get("statementID"))
            if sid and st.get("statementType") in ("entityStatement", "personStatement"):
                out.party_ids[sid] = _party_id(sid, st)
                keys[sid] = _keys(st["statementType"], st)
                ends[sid] = _end_facts(sid, st["statementType"], st, st)
            rep = st.get("replacesStatements")
            if sid and isinstance(rep, list):
                out.replaced_by.update({x: sid for x in rep if isinstance(x, str)})
    lei_refs = {
        ref for ref, pid in out.party_ids.items() if pid != party_id(scheme="bods", identifier=ref)
    }
    canonical_ids(
        out.party_ids, {ref: k for ref, k in keys.items() if ref not in out.replaced_by}, lei_refs
    )
    for old in out.replaced_by:  # a replaced party statement names its replacement's party
        final, seen = old, {old}
        while final in out.replaced_by and out.replaced_by[final] not in seen:
            final = out.replaced_by[final]
            seen.add(final)
        if final in out.party_ids:
            out.party_ids[old] = out.party_ids[final]
        else:
            out.party_ids.pop(old, None)
    for sid, rid in statement_of.items():  # a reference by statementId, not recordId
        if rid in out.party_ids:
            out.party_ids.setdefault(sid, out.party_ids[rid])
    for ref, facts in ends.items():  # the statements that stand, by party id
        if ref not in out.replaced_by and ref in out.party_ids:
            if facts[1] == "closed" or facts[3] is not None:
                out.party_ends.setdefault(out.party_ids[ref], []).append(facts)
    return out


def _end_facts(
    ref: str, stype: str, st: dict[str, Any], details: Any
) -> tuple[str, str | None, str | None, tuple[str, str] | None]:
    """What ends a party's links (a closed record, a death or dissolution date)."""
    key = "deathDate" if stype == "personStatement" else "dissolutionDate"
    gone = _str(details.get(key)) if isinstance(details, dict) else None
    return (
        ref,
        _str(st.get("recordStatus")),
        _str(st.get("statementDate")),
        (key, gone) if gone else None,
    )


def _keys(stype: str, details: Any) -> list[tuple[str, str, str]]:
    """The identity keys (:func:`loaders.bods_identity.identity_keys`) of a party statement."""
    if not isinstance(details, dict):
        return []
    field = "entityType" if stype == "entityStatement" else "personType"
    t = details.get(field)
    t = _type_code(t.get("type") if isinstance(t, dict) else t)
    kind = (
        NodeKind.UNKNOWN
        if t in _UNKNOWN_KINDS
        else NodeKind.ENTITY
        if stype == "entityStatement"
        else NodeKind.PERSON
    )
    return identity_keys(kind, _identifiers(details.get("identifiers"))[0])


def _party_id(ref: str, details: Any) -> str:
    """The party id :meth:`_RecordReader.read_party` gives this statement (LEI, else ref)."""
    raw = details.get("identifiers") if isinstance(details, dict) else None
    lei = _identifiers(raw)[1]
    return party_id(lei=lei) if lei else party_id(scheme="bods", identifier=ref)


@dataclass
class _State:
    party_ids: dict[str, str] = field(default_factory=dict)
    link_ids: dict[str, list[str]] = field(default_factory=dict)
    seen: int = 0


def iter_parsed(path: str | Path, *, batch: int = BATCH) -> Iterator[ParsedDocument]:
    """Stream a large BODS file: one :class:`ParsedDocument` per ``batch`` statements."""
    from ownergraph.loaders import check_loadable

    p = Path(path)
    pl = plan(p)
    if pl.count == 0:
        raise InputError(str(p), "/", "the array holds no statements")
    state = _State(party_ids=pl.party_ids)  # every party's id known before the first batch
    buf: list[tuple[str, dict[str, Any]]] = []
    waiting: list[tuple[str, dict[str, Any]]] = []
    first = True
    with open(p, "rb") as fp:
        for i, (place, st) in enumerate(statements(fp, path=str(p))):
            if not pl.stands(i, st):
                continue
            buf.append((place, normalise(st)))
            if len(buf) >= batch:
                pd, later = _batch(p, buf, pl, state, first=first, last=False)
                waiting.extend(later)
                buf, first = [], False
                if pd is not None:
                    check_loadable(pd)
                    yield pd
    pd, _ = _batch(p, buf + waiting, pl, state, first=first, last=True)
    if pd is not None:
        check_loadable(pd)
        yield pd


def _refs(st: dict[str, Any]) -> list[str]:
    """The party references of a relationship statement (string ones)."""
    from ownergraph.loaders.bods_shape import _described_by

    if _is_record(st):
        d = st.get("recordDetails")
        d = d if isinstance(d, dict) else {}
        ends = [_described_by(d.get("subject")), _described_by(d.get("interestedParty"))]
    else:
        ends = [_described_by(st.get("subject")), _described_by(st.get("interestedParty"))]
    return [x for x in ends if isinstance(x, str)]


def _components(st: dict[str, Any]) -> list[str]:
    d = st.get("recordDetails") if _is_record(st) else st
    comps = (d if isinstance(d, dict) else {}).get(
        "componentRecords" if _is_record(st) else "componentStatementIDs"
    )
    return [c for c in comps if isinstance(c, str)] if isinstance(comps, list) else []


def _batch(
    p: Path,
    buf: list[tuple[str, dict[str, Any]]],
    pl: Plan,
    state: _State,
    *,
    first: bool,
    last: bool,
) -> tuple[ParsedDocument | None, list[tuple[str, dict[str, Any]]]]:
    """One batch as a document, and the relationships that wait for a later statement."""
    if not buf:
        return None, []
    path = str(p)
    sts = [st for _, st in buf]
    check_dates(sts, path=path, bases=[place for place, _ in buf], max_depth=MAX_DEPTH)
    sha = hashlib.sha256(
        json.dumps(sts, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()
    r = _Reader(path, document_id(sha))
    r.bases = [place for place, _ in buf]
    r.replaced_by = pl.replaced_by
    r.party_ids = state.party_ids  # shared across batches: bounded by one id per party
    r.outside_ends = pl.party_ends  # closed, dead or dissolved parties of other batches
    rels: list[tuple[int, dict[str, Any]]] = []
    for i, st in enumerate(sts):
        stype = _statement_type(st)
        if stype not in _TYPES:
            raise InputError(path, r.at(i), f"not a BODS statement (type {stype!r})")
        if stype == "ownershipOrControlStatement":
            rels.append((i, st))
        else:
            r.read_party(st, i)
    for ref, ps in r.parties.items():  # one party per identifier (the plan's merge)
        want = pl.party_ids.get(ref)
        if want is not None and want != ps.party.id:
            ps.party = replace(ps.party, id=want)
    state.party_ids.update({ref: ps.party.id for ref, ps in r.parties.items()})
    later: list[tuple[str, dict[str, Any]]] = []
    here = {_str(st.get("recordId") or st.get("statementID")) for _, st in rels}
    for i, st in rels:
        known = all(
            x in state.party_ids or r.replacement(x) in state.party_ids for x in _refs(st)
        ) and all(c in state.party_ids or c in state.link_ids or c in here for c in _components(st))
        if known or last:
            r.read_relationship(st, i)
        else:
            later.append(buf[i])
    links = r.links(state.link_ids)
    if first:
        r.finding(
            "bods_streamed",
            Severity.INFO,
            f"streamed in batches of statements ({pl.count:,} in the file); libcovebods"
            " validation needs the whole file in memory and was not run",
        )
    by_id: dict[str, list[Party]] = {}
    for ps in sorted(r.parties.values(), key=lambda ps: ps.index):
        by_id.setdefault(ps.party.id, []).append(ps.party)
    parties = tuple(v[0] if len(v) == 1 else merge_party_records(v) for v in by_id.values())
    state.seen += len(buf)
    first_place, last_place = buf[0][0], buf[-1][0]
    document = Document(
        id=r.doc_id,
        path=path,
        format=SourceFormat.BODS,
        sha256=sha,
        form=f"BODS {pl.version}",
        title=f"{p.name} statements {first_place} to {last_place}",
    )
    findings = tuple(sorted({f.id: f for f in r.findings}.values(), key=lambda f: f.id))
    return (
        ParsedDocument(
            document=document,
            parties=parties,
            links=tuple(links),
            findings=findings,
            extra={"bods_version": pl.version, "streamed": True, "statements": len(buf)},
        ),
        later,
    )


__all__ = ["BATCH", "STREAM_BYTES", "Plan", "is_lines", "iter_parsed", "plan", "statements"]
