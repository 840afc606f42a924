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
reports the inconsistency; a declared version that contradicts the shape is a
``bods_version_shape`` warning).

**Drafts and other wrappings** (:mod:`loaders.bods_shape`): a pre-0.1 draft
(``{"statementGroups": [...]}`` with typed arrays, ids as ``id``, references as
``{"entityStatement": id}``, statements nested at any depth) is version ``pre-0.1`` and is
not validated (no published schema); an object wrapping the array, JSON Lines (one statement
per line, places ``line N``) and party statements written inline in a relationship are read
too. Large files are streamed by :mod:`loaders.bods_stream`.

**Ids.** A party's id is ``party_id(lei=...)`` when it carries an LEI (scheme ``XI-LEI``),
else ``party_id(scheme="bods", identifier=<recordId or statementID>)``; company numbers
(``GB-COH`` ...) stay in ``Party.identifiers``, with duplicates dropped (a finding records
them). Unknown and unspecified parties (``unknownEntity``, ``unknownPerson``, an
``unspecified`` interested party) are :attr:`NodeKind.UNKNOWN`; anonymous ones keep their
kind (their existence and type are stated, only the details are withheld). An unspecified
party gets an id from the relationship that names it, so it is never merged with another.

**Interests.** Each interest becomes one :class:`Link` (controller = interested party,
controlled = subject): ``shareholding`` -> :attr:`EdgeKind.OWNS` with role SHAREHOLDER;
every other type -> :attr:`EdgeKind.CONTROLS` with the role of :data:`INTEREST_ROLES`
(control "through company articles" or "through a legal framework" is a stated control
interest, SIGNIFICANT_INFLUENCE, as the codelist defines it).
``share`` keeps the interest's share as stated (``exact`` -> exact; else ``minimum`` /
``maximum`` with exclusive bounds; before 0.4 a stated ``maximum`` is exclusive unless
``exclusiveMaximum`` says otherwise, the schema default); ``votingRights`` also sets
``voting_share``. A missing share stays ``None``, never 0 or 100. A relationship with no
interests at all still states that the interested party has *some* interest: it becomes one
CONTROLS link with role UNKNOWN_INTEREST (and an info finding).

**Read by the standard, whatever the spelling.** Each ``exclusiveMinimum`` /
``exclusiveMaximum`` is read by its type (0.4 number or 0.1-0.3 flag), ``minimum`` =
``maximum`` is exact, and a UK PSC band named in ``details`` is the share when none is
stated; an interest type in any version's or a draft's spelling keeps its role (a
shareholding in any spelling is OWNS); a person is named by the legal / individual name;
a 0.4 reference may name a party's statementId or use the 0.1-0.3 forms. Statements of one
party (the same registered identifier or Open Ownership Register URI) are one party
(:mod:`loaders.bods_identity`). A party whose 0.4 record is closed ends the links of
relationships still open (``closed_party``). Several JSON values in one file (appended
packages) and a package's own ``publicationDetails`` are read.

**Two passes.** Parties are read first, relationships second, so references may point
forward. A reference to no statement in the file is a ``dangling_reference`` finding
(severity error) carrying the relationship; the link itself is not made, because one end
would have to be invented. ``componentStatementIDs`` / ``componentRecords`` become
``Link.component_ids`` (party ids for party statements, link ids for relationships).

**Superseded statements.** Before 0.4, statements named in another statement's
``replacesStatements`` are skipped; in 0.4 the last statement of each ``recordId`` (by
statementDate, then file order) is used. A ``closed`` relationship record without an end
date gets its statementDate as ``end_date``. Before 0.4, an interest that a later-dated
statement restates as ended has ended even without ``replacesStatements``
(``restated_as_ended``). A person with a ``deathDate`` or an entity with a
``dissolutionDate`` holds and is held by nothing after it (``ceased_party``). A start or
end date given as a year or a month is its first or last day. Each case leaves an info
finding.

**Unknown parties** keep their reason code: named by the description (0.1
``missingInfoReason`` too) when there is one, with the spellings "Unknown person (R)" /
"Unspecified (R)" and "Unknown (R)".

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
from collections.abc import Collection
from typing import IO, Any

from ownergraph.graph.clean import sha256_bytes
from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import document_id
from ownergraph.graph.model import Document, ParsedDocument, Party
from ownergraph.graph.store import merge_party_records
from ownergraph.graph.vocab import Severity, SourceFormat
from ownergraph.loaders.bods_identity import merge_draft_descriptions, merge_statements
from ownergraph.loaders.bods_json import (
    MAX_DEPTH,
    load_json,
    load_lines,
    load_sequence,
    statements_of,
)
from ownergraph.loaders.bods_links import INTEREST_ROLES, _Reader
from ownergraph.loaders.bods_shape import (
    DRAFT_STYLES,
    _is_record,
    _statement_type,
    _str,
    _version,
    inline_parties,
    normalise,
    unwrap,
)
from ownergraph.loaders.bods_validate import DATE_KEYS, ValidationResult, check_dates, validate

FORMAT = SourceFormat.BODS

_STATEMENT_KEYS = (
    b'"statementType"',
    b'"recordType"',
    b'"recordDetails"',
    b'"statementID"',
    b'"statementGroups"',
    b'"beneficialOwnershipStatements"',  # a pre-0.1 draft's statements without their groups
)

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
    if b'"interestedParty"' in head and b'"interests"' in head:
        return True  # relationships without a type: a draft's statements as a bare array
    return any(k in head for k in _STATEMENT_KEYS)


def parse(
    fp: IO[bytes], *, path: str, orgid_prefixes: Collection[str] | None = None
) -> ParsedDocument:
    """Parse a BODS JSON file (any version) into parties, links and findings; no network."""
    data = fp.read()
    sha = sha256_bytes(data)
    doc_id = document_id(sha)
    lines = load_lines(data, path=path)
    if lines is not None:  # JSON Lines: one statement per line
        decoded: Any = lines[0]
        items, style = [(p, st, None) for p, st in zip(lines[1], lines[0], strict=True)], "lines"
    else:
        try:
            decoded = load_json(data, path=path)
            items, style = unwrap(decoded)
        except InputError:
            seq = load_sequence(data, path=path)  # packages appended to one file
            if seq is None:
                raise
            decoded = seq[0]
            items = [(p, st, None) for p, st in zip(seq[1], seq[0], strict=True)]
            style = "concatenated"
    if style is None:
        statements_of(decoded, path=path)  # the published shape: an array of objects
    for ptr, st, _ in items:
        if not isinstance(st, dict):
            raise InputError(path, ptr, "statement must be a JSON object")
    flat = inline_parties([(ptr, normalise(st, implied)) for ptr, st, implied in items])
    if len(flat) != len(items):
        style = style or "inline"
    statements = [st for _, st in flat]
    if not statements:
        raise InputError(path, "/", "the array holds no statements")
    check_dates(statements, path=path)
    r = _Reader(path, doc_id)
    if style is not None:
        r.bases = [ptr for ptr, _ in flat]

    first = statements[0]
    version = _version(first)
    source = "publicationDetails.bodsVersion"
    if version is None and style in DRAFT_STYLES:
        version, source = "pre-0.1", f"{style} shape (a draft before 0.1)"
    elif version is None:
        version, source = (
            ("0.4", "record shape") if _is_record(first) else ("unversioned", "statement shape")
        )
    if source == "publicationDetails.bodsVersion" and version.startswith("0.4") != _is_record(
        first
    ):
        r.finding(
            "bods_version_shape",
            Severity.WARNING,
            f"the file says BODS {version} but its statements have the "
            + ("0.4 record shape" if _is_record(first) else "statement shape of 0.1-0.3")
            + ": read by their shape; libcovebods validates them as the version says",
            pointer=f"{r.at(0)}/publicationDetails/bodsVersion",
            found=version,
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
    replaced_by = {
        x: st["statementID"]
        for st in statements
        if isinstance(st.get("replacesStatements"), list) and _str(st.get("statementID"))
        for x in st["replacesStatements"]
        if isinstance(x, str)
    }
    replaced = set(replaced_by)
    r.replaced_by = replaced_by  # a reference to a replaced party: its replacement's party
    kinds = {"entityStatement": 0, "personStatement": 0, "ownershipOrControlStatement": 0}
    for i, st in enumerate(statements):  # pass 1: parties
        stype = _statement_type(st)
        if not isinstance(stype, str) or stype not in kinds:
            raise InputError(path, r.at(i), f"not a BODS statement (type {stype!r})")
        kinds[stype] += 1
        if isinstance(st.get("statementID"), str) and st["statementID"] in replaced:
            r.finding(
                "superseded_statement",
                Severity.INFO,
                f"statement {st['statementID']} is replaced by a later statement; skipped",
                pointer=r.at(i),
            )
            continue
        if stype != "ownershipOrControlStatement":
            r.read_party(st, i)
        else:
            r.read_relationship(st, i)
    merge_statements(r)  # statements of one party (same registered identifier): one party
    if style in DRAFT_STYLES:  # a draft's inline descriptions of one party: one party
        merge_draft_descriptions(r)
    r.party_ids = {ref: p.party.id for ref, p in r.parties.items()}
    for sid, ref in r.statement_of.items():  # a 0.4 reference by statementId, not recordId
        if ref in r.party_ids:
            r.party_ids.setdefault(sid, r.party_ids[ref])
    links = r.links()  # pass 2: references resolved against every party of the file

    if style in DRAFT_STYLES:  # no published schema to check a draft against
        results: list[ValidationResult] = []
        r.finding(
            "bods_draft",
            Severity.INFO,
            f"a BODS draft before 0.1 ({style}): read by its field names, not validated"
            " (libcovebods has no schema for it)",
            pointer="/statementGroups" if style == "statementGroups" else "/",
        )
    elif style is not None:  # an object wrapping the statements: checked as the array
        try:
            results = validate(statements, orgid_prefixes=orgid_prefixes)
        except Exception as exc:  # noqa: BLE001 - a third-party checker met data it cannot read
            results = [
                ValidationResult(
                    Severity.WARNING, "unreadable", f"{type(exc).__name__}: {exc}", None, {}
                )
            ]
    else:
        results = validate(statements, orgid_prefixes=orgid_prefixes, path=path)
    for res in results:
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
            "publication": {
                k: pub[k]
                for k in ("publicationDate", "bodsVersion", "license", "publisher")
                if k in pub
            },
            "declaration_subject": subject,
            "references": {ref: pid for ref, pid in sorted(r.party_ids.items())},
        },
    )


__all__ = [
    "DATE_KEYS",
    "EXAMPLE",
    "FORMAT",
    "INTEREST_ROLES",
    "MAX_DEPTH",
    "ValidationResult",
    "check_dates",
    "load_json",
    "parse",
    "sniff",
    "statements_of",
    "validate",
]
