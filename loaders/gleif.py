"""GLEIF Level 2: relationship records (RR-CDF), LEI records (LEI-CDF), reporting exceptions.

Three kinds of record are read, from XML (the golden-copy files, namespaces
``http://www.gleif.org/data/schema/{rr,leidata,repex}/2016``) or from JSON that uses the
same element names (a list of ``{"Relationship": ..., "Registration": ...}``,
``{"LEI": ..., "Entity": ..., "Registration": ...}`` and ``{"LEI": ..., "ExceptionCategory":
...}`` objects, as in the fixture). XML goes through :mod:`loaders.xmlsafe` (entities are
refused, never expanded) and is turned into the same plain shape as the JSON, so one code
path reads both.

**Relationships are accounting consolidation, not ownership** (DOMAIN 5): every
relationship becomes a :class:`Link` of kind :attr:`EdgeKind.CONSOLIDATES`, never OWNS, and
no share is set (a ``RelationshipQuantifier`` percentage is kept in ``details`` only). The
direction is the control graph's: the **end node** (parent, fund manager, umbrella, master
fund, head office) is the controller, the **start node** the controlled party. Roles:
``IS_DIRECTLY_CONSOLIDATED_BY`` DIRECT_PARENT, ``IS_ULTIMATELY_CONSOLIDATED_BY``
ULTIMATE_PARENT, ``IS_FUND-MANAGED_BY`` FUND_MANAGER, ``IS_FEEDER_TO`` FEEDER_MASTER,
``IS_SUBFUND_OF`` UMBRELLA, ``IS_INTERNATIONAL_BRANCH_OF`` OTHER (with the type in
``details``). The relationship period gives start/end dates; the registration's last
update is ``as_of``; status, accounting period, qualifiers and validation are in
``details``.

**Parties** have ``party_id(lei=...)``, so a GLEIF record and a BODS statement about the
same LEI are one node. An LEI record gives the legal name, other names, jurisdiction, the
registration-authority id (kept as an identifier) and, in the provenance note, the LEI
registration status, entity status, category and legal form; ``EntityCategory`` FUND makes
a :attr:`NodeKind.FUND`. An LEI named by a relationship without its LEI record in the file
becomes an entity named by its LEI (one summary finding lists them). A relationship whose
end has a non-ISSUED LEI registration (LAPSED ...) leaves an info finding.

**Reporting exceptions are findings, not nodes.** Each exception (an entity declaring why it
reports no parent) is a ``reporting_exception`` finding, severity info, whose
``subject_ids`` is the LEI's party id and whose ``found`` holds LEI, category, reason and
reference; they are also listed in ``extra["reporting_exceptions"]``. We chose findings
because an exception says something *about* a party (it lacks a reportable parent) but no
party or edge: making ten name-less nodes from a repex file would clutter every graph,
whereas a finding attaches to the party as soon as its LEI record is loaded from any file.

A header ``RecordCount`` that differs from the records present (a truncated golden-copy
sample) is a ``record_count_mismatch`` finding.

>>> from io import BytesIO
>>> doc = parse(BytesIO(EXAMPLE), path="rr.json")
>>> lk = doc.links[0]
>>> lk.kind.value, lk.role.value, lk.share is None, str(lk.start_date)
('consolidates', 'direct_parent', True, '2016-02-23')
"""

from __future__ import annotations

import json
from typing import IO, Any

from lxml import etree

from ownergraph.graph.clean import clean_name, parse_date, sha256_bytes
from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import document_id, make_id, party_id
from ownergraph.graph.model import Document, Finding, Link, ParsedDocument, Party, Provenance
from ownergraph.graph.vocab import (
    DirectOrIndirect,
    EdgeKind,
    NodeKind,
    Role,
    Severity,
    SourceFormat,
)
from ownergraph.loaders import xmlsafe
from ownergraph.loaders.bods import load_json

FORMAT = SourceFormat.GLEIF_RR

#: RR-CDF relationship type -> role of the CONSOLIDATES link (end node -> start node).
RELATIONSHIP_ROLES: dict[str, Role] = {
    "IS_DIRECTLY_CONSOLIDATED_BY": Role.DIRECT_PARENT,
    "IS_ULTIMATELY_CONSOLIDATED_BY": Role.ULTIMATE_PARENT,
    "IS_FUND-MANAGED_BY": Role.FUND_MANAGER,
    "IS_FEEDER_TO": Role.FEEDER_MASTER,
    "IS_SUBFUND_OF": Role.UMBRELLA,
    "IS_INTERNATIONAL_BRANCH_OF": Role.OTHER,
}

_XML_ROOTS = ("RelationshipData", "LEIData", "ReportingExceptionData")
_NAMESPACE = b"http://www.gleif.org/data/schema/"
_JSON_KEYS = (b'"RelationshipType"', b'"StartNode"', b'"ExceptionCategory"', b'"LegalName"')
_BODS_KEYS = (b'"statementType"', b'"recordType"', b'"recordDetails"', b'"statementID"')

EXAMPLE = json.dumps(
    [
        {
            "Relationship": {
                "StartNode": {"NodeID": "3003005JY7KTP8L48N10", "NodeIDType": "LEI"},
                "EndNode": {"NodeID": "30030096HNNZNN7BZK36", "NodeIDType": "LEI"},
                "RelationshipType": "IS_DIRECTLY_CONSOLIDATED_BY",
                "RelationshipPeriods": [
                    {
                        "StartDate": "2016-02-23T00:00:00.000+08:00",
                        "PeriodType": "RELATIONSHIP_PERIOD",
                    }
                ],
                "RelationshipStatus": "ACTIVE",
            },
            "Registration": {"RegistrationStatus": "PUBLISHED"},
        }
    ]
).encode()


def sniff(head: bytes) -> bool:
    """True for GLEIF XML (its schema namespace) or JSON with RR/LEI/repex element names.

    >>> sniff(b'<rr:RelationshipData xmlns:rr="http://www.gleif.org/data/schema/rr/2016">')
    True
    >>> sniff(b'[{"Relationship": {"StartNode": {"NodeID": "X"}}}]')
    True
    >>> sniff(b'[{"statementID": "x", "statementType": "entityStatement", "LegalName": 1}]')
    False
    """
    s = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if s[:1] == b"<":
        return xmlsafe.sniff_root(head) in _XML_ROOTS and _NAMESPACE in head
    if s[:1] in (b"[", b"{"):
        return any(k in head for k in _JSON_KEYS) and not any(k in head for k in _BODS_KEYS)
    return False


# --------------------------------------------------------------------------- XML -> plain


def _plain(el: etree._Element) -> Any:
    """An element as the plain value the JSON form uses.

    A leaf is its text (a leaf with attributes is ``{attr: ..., Tag: text}``, as the JSON
    ``OtherEntityNames`` items are); a container of repeated children named after it
    (``RelationshipPeriods`` / ``RelationshipPeriod``) is a list; others are dicts.
    """
    kids = [k for k in el if isinstance(k.tag, str)]
    name = xmlsafe.local_name(el)
    if not kids:
        value = xmlsafe.text(el)
        if el.attrib:
            out = {etree.QName(k).localname: v for k, v in el.attrib.items()}
            out[name] = value
            return out
        return value
    names = {xmlsafe.local_name(k) for k in kids}
    if len(names) == 1 and name in (next(iter(names)) + "s", next(iter(names)) + "es"):
        return [_plain(k) for k in kids]
    out: dict[str, Any] = {}
    for k in kids:
        out.setdefault(xmlsafe.local_name(k), _plain(k))
    return out


def _s(value: Any, key: str | None = None) -> str | None:
    """A text value (a leaf-with-attributes dict gives its text)."""
    if isinstance(value, dict) and key:
        value = value.get(key)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        v = str(value).strip()
        return v or None
    return None


def _records(
    data: bytes, *, path: str
) -> tuple[list[tuple[dict[str, Any], str]], dict[str, Any], str]:
    """The records (plain dict, place) of a file, its header, and the root kind."""
    if xmlsafe.sniff_root(data[:65536]) is not None:
        root = xmlsafe.parse_xml(data, path=path, roots=_XML_ROOTS)
        kind = xmlsafe.local_name(root)
        header_el = xmlsafe.child(root, "Header")
        header = _plain(header_el) if header_el is not None else {}
        container = {
            "RelationshipData": ("RelationshipRecords", "RelationshipRecord"),
            "LEIData": ("LEIRecords", "LEIRecord"),
            "ReportingExceptionData": ("ReportingExceptions", "Exception"),
        }[kind]
        box = xmlsafe.child(root, container[0])
        recs = [(_plain(e), xmlsafe.xpath_of(e)) for e in xmlsafe.children(box, container[1])]
        return (
            [(r, p) for r, p in recs if isinstance(r, dict)],
            header if isinstance(header, dict) else {},
            kind,
        )
    loaded = load_json(data, path=path)
    if isinstance(loaded, dict):
        loaded = [loaded]
    if not isinstance(loaded, list):
        raise InputError(
            path, "/", f"root is a JSON {type(loaded).__name__}; expected GLEIF records"
        )
    out = []
    for i, item in enumerate(loaded):
        if not isinstance(item, dict):
            raise InputError(path, f"/{i}", "GLEIF record must be a JSON object")
        out.append((item, f"/{i}"))
    return out, {}, "json"


# --------------------------------------------------------------------------- parse


class _Reader:
    def __init__(self, path: str, doc_id: str, fmt: SourceFormat) -> None:
        self.path = path
        self.doc_id = doc_id
        self.fmt = fmt
        self.findings: list[Finding] = []

    def prov(self, place: str, *, phrase: str | None = None, note: str | None = None) -> Provenance:
        return Provenance(
            path=self.path,
            format=self.fmt,
            document_id=self.doc_id,
            xpath=place,
            phrase=phrase,
            note=note,
        )

    def finding(
        self,
        kind: str,
        severity: Severity,
        message: str,
        *,
        place: str | None = None,
        key: str = "",
        expected: Any = None,
        found: Any = None,
        subjects: tuple[str, ...] = (),
    ) -> None:
        self.findings.append(
            Finding(
                id=make_id("finding", self.doc_id, kind, place or "", key or message),
                document_id=self.doc_id,
                kind=kind,
                severity=severity,
                message=message,
                expected=expected,
                found=found,
                subject_ids=subjects,
                evidence=(self.prov(place),) if place else (),
            )
        )

    def clean(self, name: str | None, place: str) -> str | None:
        """A name cleaned at the boundary (:func:`graph.clean.clean_name`); what was
        removed is a ``name_cleaned`` finding."""
        if not name:
            return name
        out, notes = clean_name(name)
        for note in notes:
            self.finding(
                "name_cleaned", Severity.WARNING, f"{out}: {note}", place=place, found=name
            )
        return out or None

    def date(self, value: Any, place: str) -> Any:
        v = _s(value)
        if v is None:
            return None
        try:
            return parse_date(v)
        except ValueError as exc:
            raise InputError(self.path, place, f"not a date: {v!r}") from exc


def _lei_party(r: _Reader, rec: dict[str, Any], place: str) -> tuple[Party, str | None]:
    lei = _s(rec.get("LEI"))
    entity = rec.get("Entity")
    if lei is None or not isinstance(entity, dict):
        raise InputError(r.path, place, "LEI record needs LEI and Entity")
    reg = rec.get("Registration") if isinstance(rec.get("Registration"), dict) else {}
    name = r.clean(_s(entity.get("LegalName"), "LegalName"), place) or lei
    others = []
    for key in ("OtherEntityNames", "TransliteratedOtherEntityNames"):
        items = entity.get(key) or []
        for item in items if isinstance(items, list) else [items]:
            n = r.clean(_s(item, key[:-1]), place)
            if n and n != name:
                others.append(n)
    ra = (
        entity.get("RegistrationAuthority")
        if isinstance(entity.get("RegistrationAuthority"), dict)
        else {}
    )
    idents = {("lei", lei.upper())}
    if _s(ra.get("RegistrationAuthorityID")) and _s(ra.get("RegistrationAuthorityEntityID")):
        idents.add((_s(ra["RegistrationAuthorityID"]), _s(ra["RegistrationAuthorityEntityID"])))  # type: ignore[arg-type]
    status = _s(reg.get("RegistrationStatus"))
    form = entity.get("LegalForm")
    facts = [
        f"LEI registration {status}" if status else None,
        f"entity status {_s(entity.get('EntityStatus'))}"
        if _s(entity.get("EntityStatus"))
        else None,
        f"category {_s(entity.get('EntityCategory'))}"
        if _s(entity.get("EntityCategory"))
        else None,
        f"legal form {_s(form, 'EntityLegalFormCode')}"
        if _s(form, "EntityLegalFormCode")
        else None,
        f"created {_s(entity.get('EntityCreationDate'))[:10]}"
        if _s(entity.get("EntityCreationDate"))
        else None,  # type: ignore[index]
        f"managing LOU {_s(reg.get('ManagingLOU'))}" if _s(reg.get("ManagingLOU")) else None,
        f"last update {_s(reg.get('LastUpdateDate'))}" if _s(reg.get("LastUpdateDate")) else None,
    ]
    party = Party(
        id=party_id(lei=lei),
        name=name,
        kind=NodeKind.FUND if _s(entity.get("EntityCategory")) == "FUND" else NodeKind.ENTITY,
        names=tuple(dict.fromkeys(others)),
        identifiers=tuple(sorted(idents)),
        jurisdiction=_s(entity.get("LegalJurisdiction")),
        provenance=(r.prov(place, note="; ".join(f for f in facts if f)),),
    )
    return party, status


def _node(r: _Reader, rel: dict[str, Any], key: str, place: str) -> tuple[str, str, str]:
    node = rel.get(key)
    node_id = _s(node, "NodeID") if isinstance(node, dict) else None
    if node_id is None:
        raise InputError(r.path, f"{place}/Relationship/{key}", f"relationship has no {key}/NodeID")
    id_type = _s(node.get("NodeIDType")) or "LEI"  # type: ignore[union-attr]
    pid = (
        party_id(lei=node_id) if id_type == "LEI" else party_id(scheme=id_type, identifier=node_id)
    )
    return pid, node_id, id_type


def _relationship(
    r: _Reader, rec: dict[str, Any], place: str
) -> tuple[Link, list[tuple[str, str, str]]]:
    rel = rec.get("Relationship")
    if not isinstance(rel, dict):
        raise InputError(r.path, place, "relationship record has no Relationship")
    reg = rec.get("Registration") if isinstance(rec.get("Registration"), dict) else {}
    start = _node(r, rel, "StartNode", place)
    end = _node(r, rel, "EndNode", place)
    rtype = _s(rel.get("RelationshipType"))
    if rtype is None:
        raise InputError(r.path, f"{place}/Relationship", "relationship has no RelationshipType")
    role = RELATIONSHIP_ROLES.get(rtype)
    if role is None:
        r.finding(
            "unknown_relationship_type",
            Severity.WARNING,
            f"relationship type {rtype!r} is not an RR-CDF type ownergraph knows",
            place=place,
            found=rtype,
        )
        role = Role.OTHER
    periods = rel.get("RelationshipPeriods") or []
    periods = periods if isinstance(periods, list) else [periods]
    start_date = end_date = None
    details = [rtype, f"status {_s(rel.get('RelationshipStatus'))}"]
    for i, per in enumerate(p for p in periods if isinstance(p, dict)):
        ptype = _s(per.get("PeriodType"))
        s = r.date(per.get("StartDate"), f"{place}/Relationship/RelationshipPeriods/{i}/StartDate")
        e = r.date(per.get("EndDate"), f"{place}/Relationship/RelationshipPeriods/{i}/EndDate")
        if ptype == "RELATIONSHIP_PERIOD":
            start_date, end_date = s, e
        else:
            details.append(f"{(ptype or 'period').lower().replace('_', ' ')} {s or '?'}..{e or ''}")
    for key, a, b in (
        ("RelationshipQualifiers", "QualifierDimension", "QualifierCategory"),
        ("RelationshipQuantifiers", "MeasurementMethod", "QuantifierAmount"),
    ):
        items = rel.get(key) or []
        for q in items if isinstance(items, list) else [items]:
            if isinstance(q, dict):
                units = _s(q.get("QuantifierUnits"))
                details.append(f"{_s(q.get(a))}={_s(q.get(b))}{' ' + units if units else ''}")
    reg_facts = [
        _s(reg.get(k)) for k in ("RegistrationStatus", "ValidationSources", "ValidationDocuments")
    ]
    if any(reg_facts):
        details.append("registration " + ", ".join(f for f in reg_facts if f))
    link = Link(
        id=make_id("link", r.doc_id, "gleif", start[1], end[1], rtype),
        document_id=r.doc_id,
        kind=EdgeKind.CONSOLIDATES,
        controller_id=end[0],
        controlled_id=start[0],
        role=role,
        interest_types=(rtype,),
        direct_or_indirect=(
            DirectOrIndirect.DIRECT if role == Role.DIRECT_PARENT else DirectOrIndirect.UNKNOWN
        ),
        as_of=r.date(reg.get("LastUpdateDate"), f"{place}/Registration/LastUpdateDate"),
        start_date=start_date,
        end_date=end_date,
        details="; ".join(details),
        provenance=(
            r.prov(
                place,
                phrase=f"{start[1]} {rtype} {end[1]}",
                note=f"managing LOU {_s(reg.get('ManagingLOU'))}"
                if _s(reg.get("ManagingLOU"))
                else None,
            ),
        ),
    )
    return link, [start, end]


def parse(fp: IO[bytes], *, path: str) -> ParsedDocument:
    """Parse a GLEIF Level 2 file (RR-CDF, LEI-CDF or repex; XML or JSON); no network."""
    data = fp.read()
    if not data.strip():
        raise InputError(path, "start of file", "file is empty")
    sha = sha256_bytes(data)
    records, header, root_kind = _records(data, path=path)
    return parse_records(records, header, root_kind, path=path, sha=sha)


def parse_records(
    records: list[tuple[dict[str, Any], str]],
    header: dict[str, Any],
    root_kind: str,
    *,
    path: str,
    sha: str,
    doc_sha: str | None = None,
    known: set[str] | None = None,
    statuses: dict[str, str | None] | None = None,
    total: int | None = None,
) -> ParsedDocument:
    """The document of ``records`` (all of a file, or one batch of a streamed file: see
    :mod:`loaders.gleif_stream`). A batch passes ``doc_sha`` (its document's own hash),
    ``known`` (the party ids of every LEI record in the file, so a relationship to an LEI
    recorded in another batch makes no stand-in party), ``statuses`` (registration status
    by party id, file-wide) and ``total`` (the file's record count, on its last batch only;
    ``None`` skips the header's count check)."""
    doc_id = document_id(doc_sha or sha)
    whole = known is None
    kinds = []
    for rec, place in records:
        if "Relationship" in rec:
            kinds.append("relationship")
        elif "ExceptionCategory" in rec:
            kinds.append("exception")
        elif "LEI" in rec and "Entity" in rec:
            kinds.append("lei")
        else:
            raise InputError(path, place, "not a GLEIF relationship, LEI or exception record")
    fmt = (
        SourceFormat.GLEIF_REPEX
        if kinds and all(k == "exception" for k in kinds)
        else SourceFormat.GLEIF_RR
    )
    r = _Reader(path, doc_id, fmt)

    parties: dict[str, Party] = {}
    statuses = {} if statuses is None else statuses
    for (rec, place), kind in zip(records, kinds, strict=True):  # pass 1: LEI records
        if kind == "lei":
            party, status = _lei_party(r, rec, place)
            parties[party.id] = party
            statuses[party.id] = status
    known = set() if known is None else known
    links: list[Link] = []
    named_only: dict[str, str] = {}
    exceptions = []
    for (rec, place), kind in zip(records, kinds, strict=True):  # pass 2
        if kind == "relationship":
            link, nodes = _relationship(r, rec, place)
            links.append(link)
            for pid, node_id, id_type in nodes:
                if pid not in parties and pid not in known:
                    parties[pid] = Party(
                        id=pid,
                        name=node_id,
                        kind=NodeKind.ENTITY,
                        identifiers=((id_type.lower(), node_id),),
                        provenance=(
                            r.prov(place, note=f"{id_type} named by a relationship record"),
                        ),
                    )
                    named_only[pid] = node_id
            for pid, node_id, _ in nodes:
                st = statuses.get(pid)
                if st and st != "ISSUED":
                    side = "parent" if pid == link.controller_id else "child"
                    r.finding(
                        "lei_not_issued",
                        Severity.INFO,
                        f"{side} {node_id} of {link.details.split(';')[0]} has LEI registration"  # type: ignore[union-attr]
                        f" {st}: its reference data may be out of date",
                        place=place,
                        key=f"{link.id}:{node_id}",
                        found=st,
                        subjects=(pid,),
                    )
        elif kind == "exception":
            lei = _s(rec.get("LEI"))
            if lei is None:
                raise InputError(path, place, "reporting exception has no LEI")
            item = {
                "lei": lei,
                "category": _s(rec.get("ExceptionCategory")),
                "reason": _s(rec.get("ExceptionReason")),
                "reference": _s(rec.get("ExceptionReference")),
            }
            exceptions.append(item)
            r.finding(
                "reporting_exception",
                Severity.INFO,
                f"{lei} reports no {(item['category'] or 'parent').lower().replace('_', ' ')}:"
                f" {item['reason']}",
                place=place,
                key=f"{lei}:{item['category']}",
                found=item,
                subjects=(party_id(lei=lei),),
            )
    if named_only:
        r.finding(
            "lei_record_missing",
            Severity.INFO,
            f"{len(named_only)} LEI(s) named by relationships have no LEI record in this file:"
            f" {', '.join(sorted(named_only.values()))}",
            found=sorted(named_only.values()),
            subjects=tuple(sorted(named_only)),
        )
    count = _s(header.get("RecordCount"))
    held = len(records) if whole else total
    if held is not None and count is not None and count.isdigit() and int(count) != held:
        r.finding(
            "record_count_mismatch",
            Severity.WARNING,
            f"header RecordCount is {int(count):,} but the file holds {held:,} records"
            " (a truncated or sample file)",
            place="/" + root_kind + "/Header/RecordCount",
            expected=int(count),
            found=held,
        )
    content_date = r.date(header.get("ContentDate"), f"/{root_kind}/Header/ContentDate")
    document = Document(
        id=doc_id,
        path=path,
        format=fmt,
        sha256=sha,
        form={
            "RelationshipData": "GLEIF RR-CDF",
            "LEIData": "GLEIF LEI-CDF",
            "ReportingExceptionData": "GLEIF repex",
        }.get(root_kind, "GLEIF JSON"),
        event_date=content_date,
        title=_s(header.get("FileContent"))
        if whole
        else f"{_s(header.get('FileContent')) or 'GLEIF'} (records {records[0][1]} to"
        f" {records[-1][1]})",
    )
    return ParsedDocument(
        document=document,
        parties=tuple(parties.values()),
        links=tuple(links),
        findings=tuple(sorted({f.id: f for f in r.findings}.values(), key=lambda f: f.id)),
        extra={
            "root": root_kind,
            "record_counts": {k: kinds.count(k) for k in ("relationship", "lei", "exception")},
            "header": header,
            "reporting_exceptions": exceptions,
        },
    )


__all__ = ["FORMAT", "RELATIONSHIP_ROLES", "parse", "parse_records", "sniff"]
