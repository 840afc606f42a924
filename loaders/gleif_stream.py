"""Large GLEIF files streamed, not read whole (issue 13): golden-copy XML (LEI-CDF, RR-CDF,
repex) through ``lxml.etree.iterparse``, JSON arrays through ``ijson``.

A file of :data:`STREAM_MIN` bytes or more is read twice, record by record, never whole:

1. the records are checked (a record that is no relationship, LEI or exception record is an
   :class:`InputError` naming the file and the record), counted, and the party ids of every
   LEI record kept with their registration status when it is not ``ISSUED`` (memory: one
   id per LEI record, not the records);
2. the records are read again and handed out as one :class:`ParsedDocument` per
   :data:`BATCH` records (:func:`loaders.gleif.parse_records`, the rules of the whole-file
   parse): a relationship whose end has its LEI record in another batch names that party
   (no stand-in), the header's ``RecordCount`` is checked against the file's count on the
   last batch. Each batch's document id is the hash of the file's sha256 and the batch
   number, so a reload changes nothing. ``Store.load_many`` takes them one at a time in
   one transaction: a bad record anywhere leaves the store as it was.

XML safety is the whole-file reader's: an entity declaration is refused, entities are never
expanded (``resolve_entities=False``, no DTD, no network).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import party_id
from ownergraph.graph.model import ParsedDocument
from ownergraph.loaders import xmlsafe

#: Files at least this large are streamed (smaller ones are read whole, as before).
STREAM_MIN = 16 * 1024 * 1024
#: Records per streamed document.
BATCH = 5000
_CONTAINERS = {
    "RelationshipData": ("RelationshipRecords", "RelationshipRecord"),
    "LEIData": ("LEIRecords", "LEIRecord"),
    "ReportingExceptionData": ("ReportingExceptions", "Exception"),
}
_RECORDS = {rec: box for box, rec in _CONTAINERS.values()}
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def streamable(path: Path, head: bytes) -> bool:
    """True for a GLEIF file large enough to stream (XML golden copy or a JSON array)."""
    from ownergraph.loaders import gleif

    try:
        size = path.stat().st_size
    except OSError:
        return False
    return size >= STREAM_MIN and gleif.sniff(head)


def _xml_records(path: Path, header: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str]]:
    """The records of a GLEIF XML file, one at a time (``header`` filled on the way);
    each element is freed once read."""
    from ownergraph.loaders.gleif import _plain

    with open(path, "rb") as f:
        head = f.read(65536)
    m = _ENTITY.search(head)
    if m:
        raise InputError(
            str(path), "DOCTYPE", "XML declares an entity (<!ENTITY>); entities are refused"
        )
    root = xmlsafe.sniff_root(head)
    if root not in _CONTAINERS:
        raise InputError(str(path), "start of file", f"not a GLEIF file (root <{root}>)")
    header["__root__"] = root
    counts: dict[str, int] = {}
    ctx = etree.iterparse(
        str(path),
        events=("end",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    try:
        for _, el in ctx:
            if not isinstance(el.tag, str):
                continue
            name = xmlsafe.local_name(el)
            parent = el.getparent()
            if name == "Header" and parent is not None and parent.getparent() is None:
                plain = _plain(el)
                header.update(plain if isinstance(plain, dict) else {})
            elif (
                name in _RECORDS
                and parent is not None
                and (xmlsafe.local_name(parent) == _RECORDS[name])
            ):
                counts[name] = counts.get(name, 0) + 1
                box = _RECORDS[name]
                place = f"/{root}/{box}/{name}[{counts[name]}]"
                rec = _plain(el)
                if isinstance(rec, dict):
                    yield rec, place
            else:
                continue
            el.clear()
            while el.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        where = f"line {line}, column {col}" if line else None
        raise InputError(str(path), where, f"malformed XML: {exc.msg or exc}") from exc


def _json_records(path: Path) -> Iterator[tuple[dict[str, Any], str]]:
    """The records of a GLEIF JSON array, one at a time (ijson)."""
    import ijson

    with open(path, "rb") as f:
        try:
            for i, item in enumerate(ijson.items(f, "item", use_float=True)):
                if not isinstance(item, dict):
                    raise InputError(str(path), f"/{i}", "GLEIF record must be a JSON object")
                yield item, f"/{i}"
        except ijson.JSONError as exc:
            raise InputError(str(path), None, f"not valid JSON: {exc}") from exc


def _records(path: Path, header: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str]]:
    with open(path, "rb") as f:
        head = f.read(65536)
    if xmlsafe.sniff_root(head) is not None:
        return _xml_records(path, header)
    header["__root__"] = "json"
    return _json_records(path)


def _kind(rec: dict[str, Any], path: Path, place: str) -> str:
    if "Relationship" in rec:
        return "relationship"
    if "ExceptionCategory" in rec:
        return "exception"
    if "LEI" in rec and "Entity" in rec:
        return "lei"
    raise InputError(str(path), place, "not a GLEIF relationship, LEI or exception record")


def iter_parsed(path: str | Path, *, batch: int = BATCH) -> Iterator[ParsedDocument]:
    """Stream a GLEIF file: one :class:`ParsedDocument` per ``batch`` records (see the
    module docstring); memory is bounded by a batch plus one id per LEI record."""
    from ownergraph.loaders.gleif import _s, parse_records

    p = Path(path)
    sha = hashlib.sha256()
    with open(p, "rb") as f:
        while chunk := f.read(1 << 22):
            sha.update(chunk)
    digest = sha.hexdigest()
    known: set[str] = set()
    statuses: dict[str, str | None] = {}
    total = 0
    header: dict[str, Any] = {}
    for rec, place in _records(p, header):  # pass 1: check, count, LEI record ids
        total += 1
        if _kind(rec, p, place) == "lei":
            lei = _s(rec.get("LEI"))
            if lei:
                pid = party_id(lei=lei)
                known.add(pid)
                reg = rec.get("Registration") if isinstance(rec.get("Registration"), dict) else {}
                status = _s(reg.get("RegistrationStatus"))
                if status and status != "ISSUED":
                    statuses[pid] = status
    root = header.pop("__root__", "json")
    if total == 0:
        raise InputError(str(p), "/", "the file holds no GLEIF records")
    buf: list[tuple[dict[str, Any], str]] = []
    n = 0
    seen = 0
    second: dict[str, Any] = {}
    for item in _records(p, second):  # pass 2: the documents
        buf.append(item)
        seen += 1
        if len(buf) >= batch or seen == total:
            n += 1
            doc_sha = hashlib.sha256(f"{digest}|gleif-batch|{n}".encode()).hexdigest()
            yield parse_records(
                buf,
                header,
                root,
                path=str(p),
                sha=digest,
                doc_sha=doc_sha,
                known=known,
                statuses=dict(statuses),
                total=total if seen == total else None,
            )
            buf = []
