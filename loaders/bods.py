"""Open Ownership BODS (Beneficial Ownership Data Standard): 0.4, 0.3, 0.2 and the early shape.

A BODS file is a JSON array of statements. Two shapes exist:

* **statement shape** (0.1 "unversioned", 0.2, 0.3): ``statementID`` + ``statementType``
  (``entityStatement``, ``personStatement``, ``ownershipOrControlStatement``); relationships
  point at parties with ``describedByEntityStatement`` / ``describedByPersonStatement`` or
  carry an ``unspecified`` interested party; indirect relationships list their parts in
  ``componentStatementIDs``.
* **record shape** (0.4): ``statementId`` + ``recordId`` / ``recordType`` (``entity``,
  ``person``, ``relationship``) / ``recordDetails`` / ``recordStatus``; relationships point
  at ``recordId`` values and list their parts in ``componentRecords``.

**Version detection.** The version is ``publicationDetails.bodsVersion`` of the first
statement (as libcovebods does); without one, a record-shaped file is 0.4 and a
statement-shaped file is the early unversioned shape (libcovebods validates it as 0.1).
Each statement is read by its own shape, so a mixed file still loads (libcovebods then
reports the inconsistency).

**Ids.** A party's id is ``party_id(lei=...)`` when it carries an LEI (scheme ``XI-LEI``),
else ``party_id(scheme="bods", identifier=<recordId or statementID>)``; company numbers
(``GB-COH`` ...) stay in ``Party.identifiers``, with duplicates dropped (a finding records
them). Unknown and unspecified parties (``unknownEntity``, ``unknownPerson``, an
``unspecified`` interested party) are :attr:`NodeKind.UNKNOWN`; anonymous ones keep their
kind (their existence and type are stated, only the details are withheld). An unspecified
party gets an id from the relationship that names it, so it is never merged with another.

**Interests.** Each interest becomes one :class:`Link` (controller = interested party,
controlled = subject): ``shareholding`` -> :attr:`EdgeKind.OWNS` with role SHAREHOLDER;
every other type -> :attr:`EdgeKind.CONTROLS` with the role of :data:`INTEREST_ROLES`.
``share`` keeps the interest's share as stated (``exact`` -> exact; else ``minimum`` /
``maximum`` with exclusive bounds; before 0.4 a stated ``maximum`` is exclusive unless
``exclusiveMaximum`` says otherwise, the schema default); ``votingRights`` also sets
``voting_share``. A missing share stays ``None``, never 0 or 100. A relationship with no
interests at all still states that the interested party has *some* interest: it becomes one
CONTROLS link with role UNKNOWN_INTEREST (and an info finding).

**Two passes.** Parties are read first, relationships second, so references may point
forward. A reference to no statement in the file is a ``dangling_reference`` finding
(severity error) carrying the relationship; the link itself is not made, because one end
would have to be invented. ``componentStatementIDs`` / ``componentRecords`` become
``Link.component_ids`` (party ids for party statements, link ids for relationships).

**Superseded statements.** Before 0.4, statements named in another statement's
``replacesStatements`` are skipped; in 0.4 the last statement of each ``recordId`` (by
statementDate, then file order) is used. A ``closed`` relationship record without an end
date gets its statementDate as ``end_date``. Each case leaves an info finding.

**Validation, offline.** :func:`validate` runs libcovebods' JSON-schema validation and its
additional checks on the parsed array in memory (no temporary file) and each result becomes
a ``bods_validation`` finding (schema errors: severity error; additional checks: warning).
Two libcovebods checks (``LegacyChecks`` before 0.4 and
``CheckStatementEntityIdentifiersHaveKnownScheme`` in 0.4) call
``libcove2.common.get_orgids_prefixes()`` in their constructor, which downloads
``http://org-id.guide/download.json`` unless a copy fetched *today* sits in the libcove2
package directory. Parsing must never touch the network, so we run subclasses of those two
checks whose constructor does not call it: by default the org-id list is a container that
contains every scheme, i.e. **the "identifier scheme not known" check is disabled**; a
caller that has a list (e.g. a bundled ``org-ids.json``) passes ``orgid_prefixes=...`` to
:func:`validate`. Every other check runs unchanged. Deterministic results on every machine
were preferred over a check whose outcome depends on the day's download.

>>> from io import BytesIO
>>> doc = parse(BytesIO(EXAMPLE), path="example.json")
>>> doc.extra["bods_version"], [p.name for p in doc.parties]
('0.4', ['JENEX LIMITED', 'MVJ LIMITED'])
>>> lk = doc.links[0]
>>> lk.kind.value, lk.share.minimum, lk.share.maximum, lk.share.exclusive_maximum
('owns', 75.0, 100.0, True)
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from typing import IO, Any

from ownergraph.graph.clean import clean_name, parse_date, parse_percent, sha256_bytes
from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import document_id, make_id, party_id
from ownergraph.graph.model import Document, Finding, Link, ParsedDocument, Party, Provenance, Share
from ownergraph.graph.store import merge_party_records
from ownergraph.graph.vocab import (
    DirectOrIndirect,
    EdgeKind,
    NodeKind,
    Role,
    Severity,
    SourceFormat,
)

FORMAT = SourceFormat.BODS

#: Deepest JSON nesting accepted (BODS needs about 6 levels; deeper is hostile or broken).
MAX_DEPTH = 64

#: BODS interest type (0.3/0.4 camelCase and 0.1/0.2 kebab-case) -> role of the link.
INTEREST_ROLES: dict[str, Role] = {
    "shareholding": Role.SHAREHOLDER,
    "votingRights": Role.VOTING_RIGHTS,
    "voting-rights": Role.VOTING_RIGHTS,
    "appointmentOfBoard": Role.APPOINTMENT_OF_BOARD,
    "appointment-of-board": Role.APPOINTMENT_OF_BOARD,
    "otherInfluenceOrControl": Role.SIGNIFICANT_INFLUENCE,
    "other-influence-or-control": Role.SIGNIFICANT_INFLUENCE,
    "influence-or-control": Role.SIGNIFICANT_INFLUENCE,
    "other-influence-or-control-of-trust": Role.SIGNIFICANT_INFLUENCE,
    "seniorManagingOfficial": Role.OFFICER,
    "senior-managing-official": Role.OFFICER,
    "settlor": Role.SETTLOR,
    "settlor-of-trust": Role.SETTLOR,
    "trustee": Role.TRUSTEE,
    "trustee-of-trust": Role.TRUSTEE,
    "protector": Role.PROTECTOR,
    "protector-of-trust": Role.PROTECTOR,
    "beneficiaryOfLegalArrangement": Role.BENEFICIARY,
    "beneficiary-of-trust": Role.BENEFICIARY,
    "boardMember": Role.DIRECTOR,
    "boardChair": Role.DIRECTOR,
    "nominee": Role.NOMINEE,
    "nominator": Role.NOMINATOR,
    "unknownInterest": Role.UNKNOWN_INTEREST,
    "unpublishedInterest": Role.UNKNOWN_INTEREST,
}
# Everything else (rights to profit, surplus assets, contract rights, control by articles or
# legal framework, enjoyment of assets ...) is a CONTROLS link with Role.OTHER; the BODS
# type itself is kept verbatim in Link.interest_types.

_SHAREHOLDING = "shareholding"
_UNKNOWN_KINDS = {"unknownEntity", "unknownPerson"}
_LEI_SCHEMES = {"XI-LEI", "LEI"}
_STATEMENT_KEYS = (b'"statementType"', b'"recordType"', b'"recordDetails"', b'"statementID"')

EXAMPLE = json.dumps(
    [
        {
            "statementId": "s-0000000000000000000000000000000001",
            "recordId": "r1",
            "recordType": "entity",
            "recordStatus": "new",
            "declarationSubject": "r1",
            "statementDate": "2017-06-30",
            "publicationDetails": {
                "publicationDate": "2018-05-31",
                "bodsVersion": "0.4",
                "publisher": {"name": "JENEX LIMITED"},
            },
            "recordDetails": {
                "isComponent": False,
                "entityType": {"type": "registeredEntity"},
                "name": "JENEX LIMITED",
                "identifiers": [{"scheme": "GB-COH", "id": "03209885"}],
            },
        },
        {
            "statementId": "s-0000000000000000000000000000000002",
            "recordId": "r2",
            "recordType": "entity",
            "recordStatus": "new",
            "declarationSubject": "r1",
            "statementDate": "2017-08-09",
            "publicationDetails": {
                "publicationDate": "2018-05-31",
                "bodsVersion": "0.4",
                "publisher": {"name": "JENEX LIMITED"},
            },
            "recordDetails": {
                "isComponent": False,
                "entityType": {"type": "registeredEntity"},
                "name": "MVJ LIMITED",
            },
        },
        {
            "statementId": "s-0000000000000000000000000000000003",
            "recordId": "r3",
            "recordType": "relationship",
            "recordStatus": "new",
            "declarationSubject": "r1",
            "statementDate": "2017-08-09",
            "publicationDetails": {
                "publicationDate": "2018-05-31",
                "bodsVersion": "0.4",
                "publisher": {"name": "JENEX LIMITED"},
            },
            "recordDetails": {
                "isComponent": False,
                "subject": "r1",
                "interestedParty": "r2",
                "interests": [
                    {
                        "type": "shareholding",
                        "directOrIndirect": "direct",
                        "share": {"minimum": 75, "exclusiveMaximum": 100},
                    }
                ],
            },
        },
    ]
).encode()


# --------------------------------------------------------------------------- sniffing


def sniff(head: bytes) -> bool:
    """True for a JSON document that uses BODS statement keys.

    >>> sniff(b'[{"statementID": "x", "statementType": "entityStatement"}]')
    True
    >>> sniff(b'[{"Relationship": {"StartNode": {}}}]')
    False
    """
    s = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if s[:1] not in (b"[", b"{"):
        return False
    return any(k in head for k in _STATEMENT_KEYS)


# --------------------------------------------------------------------------- reading


def load_json(data: bytes, *, path: str) -> Any:
    """Decode JSON bytes, turning every failure into :class:`InputError` with the place.

    Truncated or invalid JSON names line and column; nesting deeper than
    :data:`MAX_DEPTH` is refused (it would otherwise exhaust the recursion of every tool
    downstream).

    >>> load_json(b'[{"a": 1}', path="x.json")
    Traceback (most recent call last):
    ...
    ownergraph.graph.errors.InputError: x.json: line 1 column 10: truncated or invalid JSON: Expecting ',' delimiter
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"byte {exc.start}", "not UTF-8 text") from exc
    _check_depth_text(text, path=path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            path, f"line {exc.lineno} column {exc.colno}", f"truncated or invalid JSON: {exc.msg}"
        ) from exc
    except RecursionError as exc:  # pragma: no cover - guarded by _check_depth_text
        raise InputError(path, "start of file", "JSON nested too deeply") from exc


_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _check_depth_text(text: str, *, path: str) -> None:
    """Refuse JSON nested deeper than :data:`MAX_DEPTH` before decoding it."""
    depth = 0
    for m in _BRACKETS.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, m.start()) + 1
                raise InputError(
                    path, f"line {line} offset {m.start()}", f"JSON nested deeper than {MAX_DEPTH}"
                )
        elif c in "]}":
            depth -= 1


# --------------------------------------------------------------------------- validation


class _EveryScheme:
    """An org-id prefix list that contains every scheme (the scheme check is disabled)."""

    def __contains__(self, item: object) -> bool:
        return True


class _MemoryReader:
    """A libcovebods DataReader over data already in memory (no file, no network)."""

    def __init__(self, data: Any) -> None:
        self._data = data

    def get_all_data(self) -> Any:
        return self._data


def _offline_task_classes(orgid_prefixes: Collection[str] | None) -> list[type]:
    from libcovebods.run_tasks import TASK_CLASSES
    from libcovebods.tasks.checks import legacy_checks, record_based_checks

    prefixes: Collection[str] | _EveryScheme = (
        _EveryScheme() if orgid_prefixes is None else frozenset(orgid_prefixes)
    )

    def offline(base: type) -> type:
        def __init__(self: Any, config: Any, schema: Any) -> None:
            # AdditionalCheck.__init__ only: the base constructor would download org-ids.
            legacy_checks.AdditionalCheck.__init__(self, config, schema)
            self.orgids_prefixes = prefixes

        return type(f"Offline{base.__name__}", (base,), {"__init__": __init__})

    swap = {
        legacy_checks.LegacyChecks: offline(legacy_checks.LegacyChecks),
        record_based_checks.CheckStatementEntityIdentifiersHaveKnownScheme: offline(
            record_based_checks.CheckStatementEntityIdentifiersHaveKnownScheme
        ),
    }
    return [swap.get(t, t) for t in TASK_CLASSES]


@dataclass(frozen=True)
class ValidationResult:
    """One libcovebods result: a schema error or an additional check."""

    severity: Severity
    check: str
    message: str
    place: str | None
    detail: dict[str, Any]


#: Fields libcovebods reads as dates (``libcovebods.utils.parse_date_field``).
DATE_KEYS = frozenset(
    {"statementDate", "publicationDate", "retrievedAt", "creationDate", "birthDate"}
    | {"deathDate", "foundingDate", "dissolutionDate", "startDate", "endDate"}
)


def check_dates(statements: Any, *, path: str) -> None:
    """Refuse an impossible date in any date field (``2024-02-30``, ``2017-13-01``,
    ``0000-01-01``) with :class:`InputError` naming the JSON pointer, read as libcovebods'
    own checks read it (so its checks never meet a date they cannot parse).

    >>> check_dates([{"statementDate": "2024-02-30"}], path="x.json")
    Traceback (most recent call last):
    ...
    ownergraph.graph.errors.InputError: x.json: /0/statementDate: impossible date '2024-02-30' (day is out of range for month)
    >>> check_dates([{"statementDate": "1965-11", "x": [{"endDate": "2020-02-29"}]}], path="x")
    """
    from libcovebods.utils import parse_date_field

    stack: list[tuple[str, Any]] = [("", statements)]
    while stack:
        pointer, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            here = f"{pointer}/{key}"
            if isinstance(value, dict | list):
                stack.append((here, value))
            elif key in DATE_KEYS and isinstance(value, str):
                try:
                    parse_date_field(value)
                except (ValueError, TypeError, OverflowError) as exc:
                    raise InputError(path, here, f"impossible date {value!r} ({exc})") from None


def validate(
    statements: Any, *, orgid_prefixes: Collection[str] | None = None, path: str | None = None
) -> list[ValidationResult]:
    """Validate BODS data (the decoded JSON array) with libcovebods, offline.

    Schema errors have severity error, additional checks warning. ``orgid_prefixes`` is the
    list of known identifier schemes; ``None`` disables that one check (see the module
    docstring: the default library behaviour downloads the list).

    >>> validate(json.loads(EXAMPLE))
    []
    >>> sorted({r.check for r in validate([{"statementId": "x", "recordType": "bogus"}])})[:2]
    ['enum', 'minLength']
    """
    import libcovebods.config
    import libcovebods.jsonschemavalidate
    import libcovebods.run_tasks
    import libcovebods.schema

    reader = _MemoryReader(statements)
    config = libcovebods.config.LibCoveBODSConfig()
    schema = libcovebods.schema.SchemaBODS(reader, config)  # type: ignore[arg-type]
    out: list[ValidationResult] = []
    for err in libcovebods.jsonschemavalidate.JSONSchemaValidator(schema).validate(reader):
        e = err.json()
        place = "/" + "/".join(str(p) for p in e.get("path", []))
        detail = {k: e.get(k) for k in ("message", "path", "validator") if k in e}
        out.append(
            ValidationResult(Severity.ERROR, str(e.get("validator")), e["message"], place, detail)
        )
    if path is not None:
        check_dates(statements, path=path)
    try:
        checks = libcovebods.run_tasks.process_additional_checks(
            reader,  # type: ignore[arg-type]
            config,
            schema,
            _offline_task_classes(orgid_prefixes),
        )["additional_checks"]
    except Exception as exc:  # noqa: BLE001 - a third-party checker met data it cannot read
        if path is None:
            raise
        raise InputError(
            path, None, f"libcovebods' checks cannot read this data ({type(exc).__name__}: {exc})"
        ) from None
    for c in checks:
        kind = str(c.get("type", "check"))
        ref = c.get("statement") or c.get("entity_statement") or c.get("record_id")
        msg = kind.replace("_", " ") + (f" (statement {ref})" if ref else "")
        out.append(ValidationResult(Severity.WARNING, kind, msg, None, dict(c)))
    return out


# --------------------------------------------------------------------------- normalising


@dataclass
class _PartyStmt:
    ref: str
    index: int
    pointer: str
    statement_id: str | None
    party: Party
    date: str | None


@dataclass
class _RelStmt:
    ref: str
    index: int
    pointer: str  # JSON pointer of the object holding subject / interests
    statement_id: str | None
    subject: str | dict[str, Any] | None
    interested: str | dict[str, Any] | None
    interests: list[Any]
    components: list[str]
    is_component: bool
    date: str | None
    status: str | None
    notes: list[str] = field(default_factory=list)


def _is_record(st: dict[str, Any]) -> bool:
    return "recordType" in st or "recordDetails" in st or "recordId" in st


def _version(st: dict[str, Any]) -> str | None:
    pub = st.get("publicationDetails")
    if isinstance(pub, dict) and isinstance(pub.get("bodsVersion"), str):
        return pub["bodsVersion"]
    return None


def _str(x: Any) -> str | None:
    return x if isinstance(x, str) and x.strip() else None


class _Reader:
    """State of one parse: the document, its findings, the statements by reference."""

    def __init__(self, path: str, doc_id: str) -> None:
        self.path = path
        self.doc_id = doc_id
        self.findings: list[Finding] = []
        self.parties: dict[str, _PartyStmt] = {}
        self.rels: dict[str, _RelStmt] = {}
        self.party_ids: dict[str, str] = {}  # statement ref -> party id

    # ---------------------------------------------------------------- helpers

    def prov(
        self, pointer: str, *, phrase: str | None = None, note: str | None = None
    ) -> Provenance:
        return Provenance(
            path=self.path,
            format=FORMAT,
            document_id=self.doc_id,
            xpath=pointer,
            phrase=phrase,
            note=note,
        )

    def finding(
        self,
        kind: str,
        severity: Severity,
        message: str,
        *,
        pointer: str | None = None,
        expected: Any = None,
        found: Any = None,
        subjects: Iterable[str] = (),
    ) -> None:
        fid = make_id("finding", self.doc_id, kind, pointer or "", message)
        self.findings.append(
            Finding(
                id=fid,
                document_id=self.doc_id,
                kind=kind,
                severity=severity,
                message=message,
                expected=expected,
                found=found,
                subject_ids=tuple(subjects),
                evidence=(self.prov(pointer),) if pointer else (),
            )
        )

    def clean(self, name: str, pointer: str) -> str:
        """A name cleaned at the boundary (:func:`graph.clean.clean_name`); what was removed
        is a finding naming it."""
        if not name:
            return name
        out, notes = clean_name(name)
        for note in notes:
            self.finding(
                "name_cleaned", Severity.WARNING, f"{out}: {note}", pointer=pointer, found=name
            )
        return out or "Unnamed"

    def date(self, value: Any, pointer: str) -> Any:
        """A full date, or ``None`` (partial dates "1965-11" and bad ones leave a finding)."""
        if value is None:
            return None
        if not isinstance(value, str):
            raise InputError(self.path, pointer, f"date must be a string, not {value!r}")
        try:
            return parse_date(value)
        except ValueError:
            self.finding(
                "partial_date" if re.fullmatch(r"\d{4}(-\d{2})?", value) else "bad_date",
                Severity.INFO,
                f"date {value!r} is not a full date; kept as unknown",
                pointer=pointer,
                found=value,
            )
            return None

    # ---------------------------------------------------------------- pass 1: parties

    def read_party(self, st: dict[str, Any], index: int) -> None:
        record = _is_record(st)
        if record:
            ref = _str(st.get("recordId"))
            details = st.get("recordDetails")
            if not isinstance(details, dict):
                raise InputError(
                    self.path, f"/{index}/recordDetails", "recordDetails must be an object"
                )
            pointer = f"/{index}/recordDetails"
            rtype = st.get("recordType")
            stype = "entityStatement" if rtype == "entity" else "personStatement"
        else:
            ref = _str(st.get("statementID"))
            details = st
            pointer = f"/{index}"
            stype = st.get("statementType")
        statement_id = _str(st.get("statementId") or st.get("statementID"))
        if ref is None:
            raise InputError(self.path, f"/{index}", "statement has no recordId / statementID")
        if stype == "entityStatement":
            etype = details.get("entityType")
            etype = etype.get("type") if isinstance(etype, dict) else etype
            unspecified = details.get("unspecifiedEntityDetails") or {}
            name = _str(details.get("name"))
            names = [n for n in details.get("alternateNames") or [] if _str(n)]
            kind = NodeKind.UNKNOWN if etype in _UNKNOWN_KINDS else NodeKind.ENTITY
            jur = details.get("incorporatedInJurisdiction") or details.get("jurisdiction")
            jurisdiction = (
                _str(jur.get("code") or jur.get("name")) if isinstance(jur, dict) else None
            )
            if name is None:
                name = _unspecified_name(unspecified, "Unknown entity")
        else:
            ptype = details.get("personType")
            unspecified = details.get("unspecifiedPersonDetails") or {}
            kind = NodeKind.UNKNOWN if ptype in _UNKNOWN_KINDS else NodeKind.PERSON
            all_names = [_person_name(n) for n in details.get("names") or []]
            all_names = [n for n in all_names if n]
            name = all_names[0] if all_names else _unspecified_name(unspecified, "Unknown person")
            names = all_names[1:]
            nats = [n for n in details.get("nationalities") or [] if isinstance(n, dict)]
            jurisdiction = _str(nats[0].get("code") or nats[0].get("name")) if nats else None
        identifiers, lei, dups = _identifiers(details.get("identifiers"))
        if dups:
            self.finding(
                "duplicate_identifier",
                Severity.INFO,
                f"{name}: identifiers repeated or spelled two ways: "
                + ", ".join(f"{s} {v} x{n}" for (s, v), n in dups),
                pointer=f"{pointer}/identifiers",
                found=[[s, v, n] for (s, v), n in dups],
            )
        name = self.clean(name, pointer)
        names = [n for n in (self.clean(n, pointer) for n in names) if n]
        pid = party_id(lei=lei) if lei else party_id(scheme="bods", identifier=ref)
        date = _str(st.get("statementDate"))
        note = "; ".join(
            x
            for x in (
                f"statement {statement_id}" if statement_id else None,
                f"record {ref}" if record else None,
                f"status {st.get('recordStatus')}" if st.get("recordStatus") else None,
                f"statementDate {date}" if date else None,
                f"{stype} {etype}" if stype == "entityStatement" and etype else None,
                f"reason {unspecified['reason']}"  # the unspecifiedReason code, kept
                if isinstance(unspecified, dict) and _str(unspecified.get("reason"))
                else None,
                *_annotations(st),
            )
            if x
        )
        party = Party(
            id=pid,
            name=name,
            kind=kind,
            names=tuple(n for n in names if n != name),
            identifiers=tuple(sorted({("bods", ref), *identifiers})),
            jurisdiction=jurisdiction,
            is_component=bool(details.get("isComponent")),
            provenance=(self.prov(pointer, note=note),),
        )
        self._keep(self.parties, _PartyStmt(ref, index, pointer, statement_id, party, date), st)

    def _keep(self, table: dict[str, Any], item: Any, st: dict[str, Any]) -> None:
        """Keep the latest statement of a reference (0.4 records are updated in place)."""
        old = table.get(item.ref)
        if old is None:
            table[item.ref] = item
            return
        newer = (item.date or "", item.index) >= (old.date or "", old.index)
        keep, drop = (item, old) if newer else (old, item)
        table[item.ref] = keep
        self.finding(
            "superseded_statement",
            Severity.INFO,
            f"record {item.ref}: statement at {drop.pointer} superseded by {keep.pointer}",
            pointer=drop.pointer,
        )

    # ---------------------------------------------------------------- pass 1: relationships

    def read_relationship(self, st: dict[str, Any], index: int) -> None:
        record = _is_record(st)
        if record:
            details = st.get("recordDetails")
            if not isinstance(details, dict):
                raise InputError(
                    self.path, f"/{index}/recordDetails", "recordDetails must be an object"
                )
            ref = _str(st.get("recordId"))
            pointer = f"/{index}/recordDetails"
            subject = details.get("subject")
            interested = details.get("interestedParty")
            components = details.get("componentRecords") or []
        else:
            details = st
            ref = _str(st.get("statementID"))
            pointer = f"/{index}"
            subject = _described_by(st.get("subject"))
            interested = _described_by(st.get("interestedParty"))
            components = st.get("componentStatementIDs") or []
        if ref is None:
            raise InputError(self.path, f"/{index}", "statement has no recordId / statementID")
        interests = details.get("interests")
        if interests is None:
            interests = []
        if not isinstance(interests, list):
            raise InputError(self.path, f"{pointer}/interests", "interests must be an array")
        if not isinstance(components, list) or not all(isinstance(c, str) for c in components):
            raise InputError(self.path, pointer, "component references must be an array of strings")
        rel = _RelStmt(
            ref=ref,
            index=index,
            pointer=pointer,
            statement_id=_str(st.get("statementId") or st.get("statementID")),
            subject=subject,
            interested=interested,
            interests=interests,
            components=list(components),
            is_component=bool(details.get("isComponent")),
            date=_str(st.get("statementDate")),
            status=_str(st.get("recordStatus")),
        )
        rel.notes.extend(_annotations(st))
        self._keep(self.rels, rel, st)

    # ---------------------------------------------------------------- pass 2: links

    def resolve(self, ref: Any, rel: _RelStmt, role: str) -> str | None:
        """Party id for a subject / interested-party reference, or ``None`` (finding made)."""
        if isinstance(ref, dict):  # unspecified party: one UNKNOWN node per relationship
            reason = _str(ref.get("reason")) or "unknown"
            pid = party_id(scheme="bods", identifier=f"{rel.ref}#{role}")
            name = self.clean(
                _unspecified_name(ref, f"Unspecified ({reason})"), f"{rel.pointer}/{role}"
            )
            self.party_ids[f"{rel.ref}#{role}"] = pid
            self.parties[f"{rel.ref}#{role}"] = _PartyStmt(
                f"{rel.ref}#{role}",
                rel.index,
                f"{rel.pointer}/{role}",
                rel.statement_id,
                Party(
                    id=pid,
                    name=name,
                    kind=NodeKind.UNKNOWN,
                    provenance=(
                        self.prov(f"{rel.pointer}/{role}", phrase=name, note=f"reason {reason}"),
                    ),
                ),
                rel.date,
            )
            return pid
        if isinstance(ref, str) and ref in self.party_ids:
            return self.party_ids[ref]
        what = (
            "points at a relationship, not a party" if ref in self.rels else "matches no statement"
        )
        self.finding(
            "dangling_reference",
            Severity.ERROR,
            f"relationship {rel.ref}: {role} {ref!r} {what}; no link made",
            pointer=f"{rel.pointer}/{role}",
            expected="a person or entity statement",
            found={"reference": ref, "relationship": rel.ref, "interests": rel.interests},
        )
        return None

    def links(self) -> list[Link]:
        out: list[Link] = []
        link_ids: dict[str, list[str]] = {}
        pending: list[tuple[_RelStmt, list[Link]]] = []
        for rel in sorted(self.rels.values(), key=lambda r: r.index):
            subj = self.resolve(rel.subject, rel, "subject")
            party = self.resolve(rel.interested, rel, "interestedParty")
            if subj is None or party is None:
                continue
            made = self.rel_links(rel, party, subj)
            link_ids[rel.ref] = [lk.id for lk in made]
            pending.append((rel, made))
        for rel, made in pending:
            comps: list[str] = []
            for c in rel.components:
                if c in self.party_ids:
                    comps.append(self.party_ids[c])
                elif c in link_ids:
                    comps.extend(link_ids[c])
                else:
                    self.finding(
                        "dangling_reference",
                        Severity.ERROR,
                        f"relationship {rel.ref}: component {c!r} matches no statement",
                        pointer=f"{rel.pointer}",
                        expected="a statement of this file",
                        found=c,
                    )
            if comps:
                made = [replace(lk, component_ids=tuple(comps)) for lk in made]
                if any(self._unknown(c) for c in comps):
                    self.finding(
                        "unknown_intermediary",
                        Severity.INFO,
                        f"relationship {rel.ref}: an intermediary of this indirect interest is"
                        " an unknown party",
                        pointer=rel.pointer,
                        subjects=(made[0].controller_id, made[0].controlled_id),
                    )
            out.extend(made)
        return out

    def _unknown(self, pid: str) -> bool:
        return any(
            p.party.id == pid and p.party.kind == NodeKind.UNKNOWN for p in self.parties.values()
        )

    def rel_links(self, rel: _RelStmt, controller: str, controlled: str) -> list[Link]:
        as_of = self.date(rel.date, f"/{rel.index}/statementDate")
        note = "; ".join(
            x
            for x in (
                f"statement {rel.statement_id}" if rel.statement_id else None,
                f"record {rel.ref}",
                f"status {rel.status}" if rel.status else None,
                "component" if rel.is_component else None,
                *rel.notes,
            )
            if x
        )
        self._date_order(rel, controller, controlled)
        if not rel.interests:
            self.finding(
                "no_interests",
                Severity.INFO,
                f"relationship {rel.ref} states no interests: the kind of control is unknown",
                pointer=f"{rel.pointer}/interests",
                subjects=(controller, controlled),
            )
            return [
                Link(
                    id=make_id("link", self.doc_id, "bods", rel.ref, "-"),
                    document_id=self.doc_id,
                    kind=EdgeKind.CONTROLS,
                    controller_id=controller,
                    controlled_id=controlled,
                    role=Role.UNKNOWN_INTEREST,
                    as_of=as_of,
                    end_date=as_of if rel.status == "closed" else None,
                    provenance=(self.prov(rel.pointer, note=note),),
                )
            ]
        made = []
        for i, it in enumerate(rel.interests):
            ptr = f"{rel.pointer}/interests/{i}"
            if not isinstance(it, dict):
                raise InputError(self.path, ptr, "interest must be an object")
            itype = _str(it.get("type"))
            share = _share(
                it.get("share"),
                path=self.path,
                pointer=f"{ptr}/share",
                record=rel.pointer.endswith("recordDetails"),
            )
            level = it.get("directOrIndirect", it.get("interestLevel"))
            doi = (
                DirectOrIndirect(level)
                if level in ("direct", "indirect", "unknown")
                else DirectOrIndirect.UNKNOWN
            )
            boc = it.get("beneficialOwnershipOrControl")
            start = self.date(it.get("startDate"), f"{ptr}/startDate")
            end = self.date(it.get("endDate"), f"{ptr}/endDate")
            if end is None and rel.status == "closed":
                end = as_of
                note_i = note + "; closed record: end date is the statementDate"
            else:
                note_i = note
            details = _str(it.get("details"))
            made.append(
                Link(
                    id=make_id("link", self.doc_id, "bods", rel.ref, i),
                    document_id=self.doc_id,
                    kind=EdgeKind.OWNS if itype == _SHAREHOLDING else EdgeKind.CONTROLS,
                    controller_id=controller,
                    controlled_id=controlled,
                    role=INTEREST_ROLES.get(
                        itype or "", Role.OTHER if itype else Role.UNKNOWN_INTEREST
                    ),
                    share=share,
                    voting_share=share if itype in ("votingRights", "voting-rights") else None,
                    interest_types=(itype,) if itype else (),
                    beneficial=boc if isinstance(boc, bool) else None,
                    direct_or_indirect=doi,
                    as_of=as_of,
                    start_date=start,
                    end_date=end,
                    details=details,
                    provenance=(self.prov(ptr, phrase=details, note=note_i),),
                )
            )
        return made

    def _date_order(self, rel: _RelStmt, controller: str, controlled: str) -> None:
        """A relationship declared before the parties it links were declared (JENEX)."""
        if not rel.date:
            return
        later = [
            p
            for p in self.parties.values()
            if p.party.id in (controller, controlled) and p.date and p.date[:10] > rel.date[:10]
        ]
        if later:
            self.finding(
                "statement_date_order",
                Severity.INFO,
                f"relationship {rel.ref} is dated {rel.date[:10]}, before the statements of "
                + ", ".join(f"{p.party.name} ({p.date[:10]})" for p in later),
                pointer=f"/{rel.index}/statementDate",
                found=rel.date,
                subjects=(controller, controlled),
            )


def _annotations(st: dict[str, Any]) -> list[str]:
    """The annotation texts of a statement ("LEI Registration Status: LAPSED" ...)."""
    out = []
    for a in st.get("annotations") or []:
        if isinstance(a, dict) and _str(a.get("description")):
            out.append(f"annotation: {a['description']}")
    return out


def _described_by(x: Any) -> str | dict[str, Any] | None:
    """The reference of a pre-0.4 subject / interestedParty object."""
    if not isinstance(x, dict):
        return x if isinstance(x, str) else None
    for key in ("describedByEntityStatement", "describedByPersonStatement"):
        if isinstance(x.get(key), str):
            return x[key]
    if isinstance(x.get("unspecified"), dict):
        return x["unspecified"]
    if "unspecified" in x:
        return {"reason": str(x["unspecified"])}
    return None


def _unspecified_name(details: Any, default: str) -> str:
    if isinstance(details, dict):
        return _str(details.get("description")) or (
            f"{default} ({details['reason']})" if _str(details.get("reason")) else default
        )
    return default


def _person_name(n: Any) -> str | None:
    if not isinstance(n, dict):
        return None
    full = _str(n.get("fullName"))
    if full:
        return full
    parts = [n.get(k) for k in ("givenName", "patronymicName", "familyName")]
    return " ".join(p for p in parts if _str(p)) or None


def _identifiers(
    raw: Any,
) -> tuple[list[tuple[str, str]], str | None, list[tuple[tuple[str, str], int]]]:
    """``(scheme, value)`` pairs, the LEI if any, and the repeated / variant pairs.

    The scheme is the org-id code (``GB-COH``), else the scheme name; an LEI is kept as
    ``("lei", ...)``. A numeric company number also stated without its leading zeros is
    reported as a variant (both spellings are kept: we do not guess which one is right).
    """
    if not isinstance(raw, list):
        return [], None, []
    seen: dict[tuple[str, str], int] = {}
    lei = None
    for ident in raw:
        if not isinstance(ident, dict):
            continue
        value = _str(ident.get("id")) or _str(ident.get("uri"))
        scheme = _str(ident.get("scheme")) or _str(ident.get("schemeName"))
        if value is None or scheme is None:
            continue
        if scheme in _LEI_SCHEMES or (ident.get("schemeName") or "").startswith(
            "Global Legal Entity"
        ):
            scheme = "lei"
            lei = lei or value.strip().upper()
        key = (scheme, value.strip())
        seen[key] = seen.get(key, 0) + 1
    dups = [(k, n) for k, n in seen.items() if n > 1]
    for (s, v), n in seen.items():
        if v.isdigit() and any(
            s == s2 and v2 != v and v2.lstrip("0") == v.lstrip("0") for s2, v2 in seen
        ):
            if (s, v) not in dict(dups):
                dups.append(((s, v), n))
    return sorted(seen), lei, sorted(dups)


def _share(raw: Any, *, path: str, pointer: str, record: bool) -> Share | None:
    """The share of an interest as stated, or ``None`` when absent.

    ``record`` selects the 0.4 reading (``exclusiveMinimum`` / ``exclusiveMaximum`` are
    numbers; bounds inclusive); before 0.4 they are booleans and a stated maximum is
    exclusive by default. Non-numbers, values outside 0-100 and minimum above maximum are
    :class:`InputError`.
    """
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise InputError(path, pointer, f"share must be an object, not {raw!r}")

    def num(key: str) -> float | None:
        v = raw.get(key)
        if v is None:
            return None
        if isinstance(v, bool):
            raise InputError(path, f"{pointer}/{key}", f"share {key} is not a number: {v!r}")
        try:
            x = parse_percent(v)
        except ValueError as exc:
            raise InputError(
                path, f"{pointer}/{key}", f"share {key} is not a number: {v!r}"
            ) from exc
        if x is not None and not 0 <= x <= 100:
            raise InputError(path, f"{pointer}/{key}", f"share {key} {v!r} is outside 0-100")
        return x

    exact = num("exact")
    if exact is not None:
        return Share.exact(exact)
    lo, hi = num("minimum"), num("maximum")
    ex_lo, ex_hi = False, False
    if record:
        xlo, xhi = num("exclusiveMinimum"), num("exclusiveMaximum")
        if lo is None and xlo is not None:
            lo, ex_lo = xlo, True
        if hi is None and xhi is not None:
            hi, ex_hi = xhi, True
    else:
        for key in ("exclusiveMinimum", "exclusiveMaximum"):
            if key in raw and not isinstance(raw[key], bool):
                raise InputError(path, f"{pointer}/{key}", f"{key} must be true or false")
        ex_lo = bool(raw.get("exclusiveMinimum", False)) and lo is not None
        ex_hi = bool(raw.get("exclusiveMaximum", True)) and hi is not None
    if lo is None and hi is None:
        return None
    if lo is not None and hi is not None and lo > hi:
        raise InputError(path, pointer, f"share minimum {lo} is above maximum {hi}")
    return Share(minimum=lo, maximum=hi, exclusive_minimum=ex_lo, exclusive_maximum=ex_hi)


# --------------------------------------------------------------------------- parse


def statements_of(data: Any, *, path: str) -> list[dict[str, Any]]:
    """Check the root: a JSON array of statement objects (else :class:`InputError`)."""
    if not isinstance(data, list):
        raise InputError(
            path, "/", f"root is a JSON {type(data).__name__}; BODS is an array of statements"
        )
    for i, st in enumerate(data):
        if not isinstance(st, dict):
            raise InputError(path, f"/{i}", "statement must be a JSON object")
    return data


def _statement_type(st: dict[str, Any]) -> str | None:
    if _is_record(st):
        return {
            "entity": "entityStatement",
            "person": "personStatement",
            "relationship": "ownershipOrControlStatement",
        }.get(st.get("recordType"))  # type: ignore[arg-type]
    return st.get("statementType")


def parse(
    fp: IO[bytes], *, path: str, orgid_prefixes: Collection[str] | None = None
) -> ParsedDocument:
    """Parse a BODS JSON file (any version) into parties, links and findings; no network."""
    data = fp.read()
    sha = sha256_bytes(data)
    doc_id = document_id(sha)
    statements = statements_of(load_json(data, path=path), path=path)
    if not statements:
        raise InputError(path, "/", "the array holds no statements")
    check_dates(statements, path=path)
    r = _Reader(path, doc_id)

    first = statements[0]
    version = _version(first)
    source = "publicationDetails.bodsVersion"
    if version is None:
        version, source = (
            ("0.4", "record shape") if _is_record(first) else ("unversioned", "statement shape")
        )
    versions = {v for v in (_version(s) for s in statements) if v}
    if len(versions) > 1:
        r.finding(
            "bods_mixed_versions",
            Severity.WARNING,
            f"statements state several BODS versions: {', '.join(sorted(versions))}",
            found=sorted(versions),
        )

    # Statements named in replacesStatements (before 0.4) are superseded.
    replaced = {
        x for st in statements for x in (st.get("replacesStatements") or []) if isinstance(x, str)
    }
    kinds = {"entityStatement": 0, "personStatement": 0, "ownershipOrControlStatement": 0}
    for i, st in enumerate(statements):  # pass 1: parties
        stype = _statement_type(st)
        if stype is None or stype not in kinds:
            raise InputError(path, f"/{i}", f"not a BODS statement (type {stype!r})")
        kinds[stype] += 1
        if st.get("statementID") in replaced:
            r.finding(
                "superseded_statement",
                Severity.INFO,
                f"statement {st['statementID']} is replaced by a later statement; skipped",
                pointer=f"/{i}",
            )
            continue
        if stype != "ownershipOrControlStatement":
            r.read_party(st, i)
        else:
            r.read_relationship(st, i)
    r.party_ids = {ref: p.party.id for ref, p in r.parties.items()}
    links = r.links()  # pass 2: references resolved against every party of the file

    for res in validate(statements, orgid_prefixes=orgid_prefixes, path=path):
        r.finding(
            "bods_validation",
            res.severity,
            f"libcovebods {res.check}: {res.message}",
            pointer=res.place,
            found=res.detail,
        )

    by_id: dict[str, list[Party]] = {}
    for p in sorted(r.parties.values(), key=lambda p: p.index):
        by_id.setdefault(p.party.id, []).append(p.party)
    parties = tuple(
        recs[0] if len(recs) == 1 else merge_party_records(recs) for recs in by_id.values()
    )

    pub = (
        first.get("publicationDetails") if isinstance(first.get("publicationDetails"), dict) else {}
    )
    publisher = pub.get("publisher") if isinstance(pub.get("publisher"), dict) else {}
    dates = sorted(d[:10] for d in (_str(s.get("statementDate")) for s in statements) if d)
    subject = _str(first.get("declarationSubject"))
    issuer = r.party_ids.get(subject) if subject else None
    document = Document(
        id=doc_id,
        path=path,
        format=FORMAT,
        sha256=sha,
        form=f"BODS {version}",
        event_date=r.date(dates[-1], "/") if dates else None,
        filed_date=r.date(
            _str(pub.get("publicationDate")), "/0/publicationDetails/publicationDate"
        ),
        issuer_id=issuer,
        title=r.clean(_str(publisher.get("name")) or "", "/0/publicationDetails/publisher") or None,
    )
    findings = sorted({f.id: f for f in r.findings}.values(), key=lambda f: f.id)
    return ParsedDocument(
        document=document,
        parties=parties,
        links=tuple(links),
        findings=tuple(findings),
        extra={
            "bods_version": version,
            "version_from": source,
            "statement_counts": kinds,
            "publisher": _str(publisher.get("name")),
            "declaration_subject": subject,
            "references": {ref: pid for ref, pid in sorted(r.party_ids.items())},
        },
    )


__all__ = ["FORMAT", "INTEREST_ROLES", "ValidationResult", "parse", "sniff", "validate"]
