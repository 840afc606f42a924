"""The generic tabular format: ``entities.csv`` + ``edges.csv`` in one folder.

Graphs written by hand, or generated for tests and benchmarks, load like any user data.

``entities.csv`` columns (header required; only ``id``, ``name``, ``kind`` must be filled):

====================  ==============================================================
``id``                the row's key within the dataset (edges refer to it)
``name``              display name
``kind``              person | entity | fund | issuer | security | group | unknown
``cik``, ``lei``      identifiers; a party with a CIK or LEI gets the id any filing
                      with that CIK/LEI gives it, so datasets and filings join
``cusip``             for security rows
``issuer_id``         for security rows: the ``id`` of the issuer row
``jurisdiction``      place of organisation / citizenship
``names``             other spellings, separated by ``|``
``identifiers``       more identifiers as ``scheme:value``, separated by ``|``
====================  ==============================================================

``edges.csv`` columns:

====================  ==============================================================
``id``                the row's key (unique)
``kind``              holds | controls | owns | consolidates | member_of
``source``            holder (holds) or controller / owner / parent / member
``target``            security (holds) or controlled / owned / child / group
``role``              a :class:`graph.vocab.Role` value (default by kind)
``shares``            holds: number of shares (blank = unknown)
``instrument``        holds: common | convertible | warrant | option | preferred | units
``right_to_acquire``  holds: true/false (default: true for convertible/warrant/option)
``percent``           owns: exact stake in percent
``share_min``, ``share_max``, ``exclusive_min``, ``exclusive_max``: owns: a range
``power``             sole | shared (blank = not stated)
``as_of``             ISO date
``evidence``          the phrase or source this edge came from
====================  ==============================================================

Bad rows raise :class:`graph.errors.InputError` naming the file and line: unknown kinds,
bad numbers, negative shares, percents above 100, duplicate ids, references to ids that
are not in ``entities.csv``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from ownergraph.graph.clean import clean_name, parse_date, parse_percent, parse_shares, sha256_bytes
from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import document_id, make_id, party_id, security_id
from ownergraph.graph.model import (
    Document,
    Finding,
    Holding,
    Link,
    ParsedDocument,
    Party,
    Provenance,
    Security,
    Share,
)
from ownergraph.graph.vocab import (
    EdgeKind,
    Instrument,
    NodeKind,
    Power,
    Role,
    Severity,
    SourceFormat,
)

FORMAT = SourceFormat.TABULAR

ENTITY_COLUMNS = (
    "id",
    "name",
    "kind",
    "cik",
    "lei",
    "cusip",
    "issuer_id",
    "jurisdiction",
    "names",
    "identifiers",
)
EDGE_COLUMNS = (
    "id",
    "kind",
    "source",
    "target",
    "role",
    "shares",
    "instrument",
    "right_to_acquire",
    "percent",
    "share_min",
    "share_max",
    "exclusive_min",
    "exclusive_max",
    "power",
    "as_of",
    "evidence",
)

_DEFAULT_ROLE = {
    EdgeKind.CONTROLS: Role.STATED_POWER,
    EdgeKind.OWNS: Role.SHAREHOLDER,
    EdgeKind.CONSOLIDATES: Role.DIRECT_PARENT,
    EdgeKind.MEMBER_OF: Role.GROUP_MEMBER,
}
_TRUE = {"1", "true", "yes", "y", "t"}
_FALSE = {"0", "false", "no", "n", "f", ""}


def _header(head: bytes) -> list[str]:
    line = head.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace").strip()
    return [c.strip() for c in line.split(",")]


def sniff(head: bytes) -> bool:
    """True for an ``entities.csv`` or ``edges.csv`` header."""
    cols = _header(head)
    return cols[:3] == ["id", "name", "kind"] or cols[:4] == ["id", "kind", "source", "target"]


def _read_csv(data: bytes, path: str, required: tuple[str, ...]) -> list[tuple[int, dict]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"byte {exc.start}", "not UTF-8 text") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    cols = reader.fieldnames or []
    missing = [c for c in required if c not in cols]
    if missing:
        raise InputError(path, "line 1", f"missing columns: {', '.join(missing)}")
    rows = []
    try:
        for row in reader:
            if None in row:
                raise InputError(path, f"line {reader.line_num}", "more fields than the header")
            rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    except csv.Error as exc:
        raise InputError(path, f"line {reader.line_num}", f"bad CSV: {exc}") from exc
    return rows


def _num(value: str, path: str, line: int, col: str) -> float | None:
    try:
        n = parse_shares(value) if col == "shares" else parse_percent(value)
    except ValueError as exc:
        raise InputError(path, f"line {line}, column {col}", str(exc)) from exc
    if n is not None and n < 0:
        raise InputError(path, f"line {line}, column {col}", f"negative value {value!r}")
    if n is not None and col != "shares" and n > 100:
        raise InputError(path, f"line {line}, column {col}", f"percent above 100: {value!r}")
    return n


def _bool(value: str, path: str, line: int, col: str) -> bool | None:
    v = value.casefold()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False if v else None
    raise InputError(path, f"line {line}, column {col}", f"not true/false: {value!r}")


def _enum(cls: type, value: str, path: str, line: int, col: str):  # noqa: ANN202
    try:
        return cls(value.casefold())
    except ValueError as exc:
        allowed = ", ".join(m.value for m in cls)
        raise InputError(
            path, f"line {line}, column {col}", f"unknown {col} {value!r} (one of: {allowed})"
        ) from exc


def _date(value: str | None, path: str, line: int) -> dt.date | None:
    try:
        return parse_date(value or None)
    except ValueError as exc:
        raise InputError(path, f"line {line}, column as_of", str(exc)) from exc


def _clean(value: str, path: str, line: int, col: str, doc_id: str, findings: list[Finding]) -> str:
    """A name cell cleaned at the boundary (:func:`graph.clean.clean_name`); what was
    removed becomes a finding naming the file, line and column."""
    out, notes = clean_name(value)
    for note in notes:
        findings.append(
            Finding.of(
                doc_id,
                "name_cleaned",
                Severity.WARNING,
                f"{path}: line {line}, column {col}: {out}: {note}",
                found=value,
            )
        )
    if not out:
        raise InputError(path, f"line {line}, column {col}", "empty name (after cleaning)")
    return out


def edge_record(
    row: dict[str, str],
    kind: EdgeKind,
    src: str,
    dst: str,
    doc_id: str,
    path: str,
    line: int,
    *,
    num: Callable[[str, str, int, str], float | None] = _num,
    enum: Callable[..., Any] = _enum,
    date: Callable[[str | None, str, int], dt.date | None] = _date,
) -> Holding | Link:
    """One ``edges.csv`` row as a record, its values checked (file and line in errors).

    ``src``/``dst`` are the graph ids of the row's ends. The bulk loader of the benchmarks
    passes faster (memoised) ``num``/``enum``/``date`` that give the same values.
    """
    rid = row["id"]
    prov = (
        Provenance(
            path=path,
            format=FORMAT,
            document_id=doc_id,
            xpath=f"line {line}",
            phrase=row.get("evidence") or None,
        ),
    )
    as_of = date(row.get("as_of") or None, path, line)
    power = enum(Power, row["power"], path, line, "power") if row.get("power") else None
    if kind == EdgeKind.HOLDS:
        instrument = (
            enum(Instrument, row["instrument"], path, line, "instrument")
            if row.get("instrument")
            else Instrument.COMMON
        )
        rta = _bool(row.get("right_to_acquire") or "", path, line, "right_to_acquire")
        return Holding(
            id=make_id("holding", doc_id, rid),
            document_id=doc_id,
            holder_id=src,
            security_id=dst,
            instrument=instrument,
            shares=num(row.get("shares") or "", path, line, "shares"),
            as_of=as_of,
            right_to_acquire=instrument.is_right_to_acquire if rta is None else rta,
            derivative=instrument.is_right_to_acquire,
            provenance=prov,
        )
    role = (
        enum(Role, row["role"], path, line, "role")
        if row.get("role")
        else _DEFAULT_ROLE.get(kind, Role.OTHER)
    )
    share = None
    pct = num(row.get("percent") or "", path, line, "percent")
    lo = num(row.get("share_min") or "", path, line, "share_min")
    hi = num(row.get("share_max") or "", path, line, "share_max")
    if pct is not None:
        share = Share.exact(pct)
    elif lo is not None or hi is not None:
        if lo is not None and hi is not None and lo > hi:
            raise InputError(path, f"line {line}", f"share_min {lo} > share_max {hi}")
        share = Share(
            minimum=lo,
            maximum=hi,
            exclusive_minimum=bool(
                _bool(row.get("exclusive_min") or "", path, line, "exclusive_min")
            ),
            exclusive_maximum=bool(
                _bool(row.get("exclusive_max") or "", path, line, "exclusive_max")
            ),
        )
    return Link(
        id=make_id("link", doc_id, rid),
        document_id=doc_id,
        kind=kind,
        controller_id=src,
        controlled_id=dst,
        role=role,
        power=power,
        share=share,
        as_of=as_of,
        provenance=prov,
    )


def parse_pair(
    entities: bytes, edges: bytes, *, entities_path: str, edges_path: str
) -> ParsedDocument:
    """Parse the contents of ``entities.csv`` and ``edges.csv`` into records."""
    sha = sha256_bytes(entities + b"\x00" + edges)
    doc_id = document_id(sha)
    ent_rows = _read_csv(entities, entities_path, ("id", "name", "kind"))
    edge_rows = _read_csv(edges, edges_path, ("id", "kind", "source", "target"))

    parties: list[Party] = []
    securities: list[Security] = []
    node_of: dict[str, str] = {}  # row id -> graph node id
    kinds: dict[str, NodeKind] = {}
    pending_secs: list[tuple[int, dict]] = []
    findings: list[Finding] = []
    for line, row in ent_rows:
        rid = row["id"]
        if not rid:
            raise InputError(entities_path, f"line {line}, column id", "empty id")
        if rid in node_of or rid in kinds:
            raise InputError(entities_path, f"line {line}, column id", f"duplicate id {rid!r}")
        if not row["name"]:
            raise InputError(entities_path, f"line {line}, column name", "empty name")
        row["name"] = _clean(row["name"], entities_path, line, "name", doc_id, findings)
        kind = _enum(NodeKind, row["kind"], entities_path, line, "kind")
        kinds[rid] = kind
        if kind == NodeKind.SECURITY:
            pending_secs.append((line, row))
            continue
        idents: list[tuple[str, str]] = []
        if row.get("cik"):
            idents.append(("cik", row["cik"]))
        if row.get("lei"):
            idents.append(("lei", row["lei"].upper()))
        for item in filter(None, (row.get("identifiers") or "").split("|")):
            scheme, _, value = item.partition(":")
            if not value:
                raise InputError(
                    entities_path, f"line {line}, column identifiers", f"not scheme:value: {item!r}"
                )
            idents.append((scheme.strip(), value.strip()))
        idents.append(("tabular", rid))
        pid = party_id(
            cik=row.get("cik") or None,
            lei=row.get("lei") or None,
            scheme="tabular",
            identifier=rid,
        )
        node_of[rid] = pid
        names = tuple(
            _clean(n, entities_path, line, "names", doc_id, findings)
            for n in (row.get("names") or "").split("|")
            if clean_name(n)[0]
        )
        parties.append(
            Party(
                id=pid,
                name=row["name"],
                kind=kind,
                names=names,
                identifiers=tuple(sorted(set(idents))),
                jurisdiction=row.get("jurisdiction") or None,
                provenance=(
                    Provenance(
                        path=entities_path, format=FORMAT, document_id=doc_id, xpath=f"line {line}"
                    ),
                ),
            )
        )
    for line, row in pending_secs:
        issuer = row.get("issuer_id") or ""
        if issuer not in node_of:
            raise InputError(
                entities_path, f"line {line}, column issuer_id", f"unknown issuer id {issuer!r}"
            )
        sid = security_id(
            cusip=row.get("cusip") or None,
            issuer_id=node_of[issuer],
            title=f"{row['id']} {row['name']}",
        )
        node_of[row["id"]] = sid
        securities.append(
            Security(
                id=sid,
                issuer_id=node_of[issuer],
                title=row["name"],
                cusip=row.get("cusip") or None,
                provenance=(
                    Provenance(
                        path=entities_path, format=FORMAT, document_id=doc_id, xpath=f"line {line}"
                    ),
                ),
            )
        )

    holdings: list[Holding] = []
    links: list[Link] = []
    seen: set[str] = set()
    for line, row in edge_rows:
        rid = row["id"]
        if not rid:
            raise InputError(edges_path, f"line {line}, column id", "empty id")
        if rid in seen:
            raise InputError(edges_path, f"line {line}, column id", f"duplicate id {rid!r}")
        seen.add(rid)
        kind = _enum(EdgeKind, row["kind"], edges_path, line, "kind")
        for col in ("source", "target"):
            if row[col] not in node_of:
                raise InputError(
                    edges_path, f"line {line}, column {col}", f"unknown entity id {row[col]!r}"
                )
        src, dst = node_of[row["source"]], node_of[row["target"]]
        if kind == EdgeKind.HOLDS:
            if kinds[row["target"]] != NodeKind.SECURITY:
                raise InputError(
                    edges_path,
                    f"line {line}, column target",
                    "a holds edge must point at a security",
                )
        elif NodeKind.SECURITY in (kinds[row["target"]], kinds[row["source"]]):
            raise InputError(
                edges_path, f"line {line}, column kind", f"a {kind.value} edge joins two parties"
            )
        rec = edge_record(row, kind, src, dst, doc_id, edges_path, line)
        if isinstance(rec, Holding):
            holdings.append(rec)
        else:
            links.append(rec)

    doc = Document(
        id=doc_id,
        path=entities_path,
        format=FORMAT,
        sha256=sha,
        form="tabular",
        title=f"{Path(entities_path).parent.name or 'tabular'} ({len(parties)} parties)",
    )
    return ParsedDocument(
        document=doc,
        parties=tuple(parties),
        securities=tuple(securities),
        holdings=tuple(holdings),
        links=tuple(links),
        findings=tuple(sorted({f.id: f for f in findings}.values(), key=lambda f: f.id)),
        extra={"edges_path": edges_path},
    )


def parse_dir(folder: str | Path) -> ParsedDocument:
    """Parse a folder holding ``entities.csv`` and ``edges.csv``."""
    folder = Path(folder)
    ent, edg = folder / "entities.csv", folder / "edges.csv"
    for p in (ent, edg):
        if not p.is_file():
            raise InputError(str(folder), None, f"tabular folder lacks {p.name}")
    return parse_pair(
        ent.read_bytes(), edg.read_bytes(), entities_path=str(ent), edges_path=str(edg)
    )


def parse(fp: BinaryIO, *, path: str = "<stream>") -> NoReturn:
    """Refuse a lone CSV: a tabular dataset is two files, read by :func:`parse_dir`.

    Parsing never opens a file it was not given (an upload's name must not make the
    server read whatever lies beside it); :func:`loaders.parse_path` reads the folder of
    a CSV it is pointed at, and the app pairs two uploaded files with :func:`parse_pair`.
    """
    raise InputError(
        path,
        "line 1",
        "a tabular dataset is entities.csv + edges.csv: load their folder, or both files",
    )
