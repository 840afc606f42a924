"""BODS statements -> records: parties (entities, persons, unknown ones) and relationship
statements kept by reference, the latest statement of a reference winning."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ownergraph.graph.clean import clean_name, parse_date
from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import make_id, party_id
from ownergraph.graph.model import Finding, Party, Provenance
from ownergraph.graph.vocab import NodeKind, Severity, SourceFormat
from ownergraph.loaders.bods_shape import (
    _described_by,
    _interest,
    _is_record,
    _statement_type,
    _str,
)

FORMAT = SourceFormat.BODS
_UNKNOWN_KINDS = {"unknownEntity", "unknownPerson"}

#: entityType / personType codes by their letters (drafts write "unknown-person",
#: "Registered Entity"); a trust or other legal arrangement is the standard's
#: ``arrangement`` ("a legal arrangement such as a trust").
_TYPE_CODES = {
    c.lower(): c
    for c in (
        "registeredEntity",
        "legalEntity",
        "arrangement",
        "anonymousEntity",
        "unknownEntity",
        "state",
        "stateBody",
        "knownPerson",
        "anonymousPerson",
        "unknownPerson",
    )
} | {"trust": "arrangement", "legalarrangement": "arrangement"}


def _type_code(value: Any) -> Any:
    """The codelist spelling of an entity / person type (unknown words kept as written).

    >>> _type_code("unknown-person"), _type_code("Trust"), _type_code("stateBody")
    ('unknownPerson', 'arrangement', 'stateBody')
    """
    if not isinstance(value, str):
        return None  # a type that is not text is no type
    key = "".join(ch for ch in value.lower() if ch.isalnum())
    return _TYPE_CODES.get(key, value)


_LEI_SCHEMES = {"XI-LEI", "LEI"}


@dataclass
class _PartyStmt:
    ref: str
    index: int
    pointer: str
    statement_id: str | None
    party: Party
    date: str | None
    status: str | None = None  # 0.4 recordStatus ("closed": the party's links end)
    ceased: tuple[str, str] | None = None  # ("deathDate" | "dissolutionDate", date as written)


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


class _RecordReader:
    """State of one parse: the document, its findings, the statements by reference."""

    def __init__(self, path: str, doc_id: str) -> None:
        self.path = path
        self.doc_id = doc_id
        self.findings: list[Finding] = []
        self.parties: dict[str, _PartyStmt] = {}
        self.rels: dict[str, _RelStmt] = {}
        self.party_ids: dict[str, str] = {}  # statement ref -> party id
        self.bases: list[str] | None = None  # JSON pointer of each statement (drafts, lines)
        self.replaced_by: dict[str, str] = {}  # statementID -> the statement replacing it
        self.statement_of: dict[str, str] = {}  # 0.4 party statementId -> its recordId

    def replacement(self, ref: str) -> str:
        """The statement that finally replaces ``ref`` (``replacesStatements``), else ``ref``."""
        seen = {ref}
        while ref in self.replaced_by and self.replaced_by[ref] not in seen:
            ref = self.replaced_by[ref]
            seen.add(ref)
        return ref

    def at(self, index: int) -> str:
        """The JSON pointer of statement ``index`` (``/3`` in a published array)."""
        return self.bases[index] if self.bases is not None else f"/{index}"

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
                    self.path, f"{self.at(index)}/recordDetails", "recordDetails must be an object"
                )
            pointer = f"{self.at(index)}/recordDetails"
            stype = _statement_type(st) or "personStatement"
        else:
            ref = _str(st.get("statementID"))
            details = st
            pointer = self.at(index)
            stype = st.get("statementType")
        statement_id = _str(st.get("statementId") or st.get("statementID"))
        if ref is None:
            raise InputError(self.path, self.at(index), "statement has no recordId / statementID")
        if stype == "entityStatement":
            etype = details.get("entityType")
            etype = _type_code(etype.get("type") if isinstance(etype, dict) else etype)
            unspecified = details.get("unspecifiedEntityDetails") or _missing_info(details)
            alt = details.get("alternateNames")
            names = [n for n in (alt if isinstance(alt, list) else [alt]) if _str(n)]
            name = _str(details.get("name")) or (names.pop(0) if names else None)
            kind = NodeKind.UNKNOWN if etype in _UNKNOWN_KINDS else NodeKind.ENTITY
            jur = details.get("incorporatedInJurisdiction") or details.get("jurisdiction")
            jurisdiction = (  # a draft writes the jurisdiction as its code alone
                _str(jur.get("code") or jur.get("name")) if isinstance(jur, dict) else _str(jur)
            )
            if name is None:
                default = "Anonymous entity" if etype == "anonymousEntity" else "Unknown entity"
                name = _unspecified_name(unspecified, default)
                names = _reason_name(unspecified, default, name)
        else:
            ptype = _type_code(details.get("personType"))
            unspecified = details.get("unspecifiedPersonDetails") or _missing_info(details)
            kind = NodeKind.UNKNOWN if ptype in _UNKNOWN_KINDS else NodeKind.PERSON
            all_names = [_person_name(n) for n in _by_name_type(details.get("names"))]
            all_names = [n for n in all_names if n]
            default = "Anonymous person" if ptype == "anonymousPerson" else "Unknown person"
            name = all_names[0] if all_names else _unspecified_name(unspecified, default)
            # a named person's other names; a person stated without one: the type's spelling
            names = all_names[1:] if all_names else _reason_name(unspecified, default, name)
            nats = _objects(details.get("nationalities"))
            jurisdiction = _str(nats[0].get("code") or nats[0].get("name")) if nats else None
            written = details.get("nationalities")
            if not nats and isinstance(written, list) and written and _str(written[0]):
                jurisdiction = written[0].strip()  # a draft's nationality as its code alone
        if kind == NodeKind.UNKNOWN and isinstance(unspecified, dict):
            if _str(unspecified.get("reason")):  # how an unknown owner is written
                names = [*names, f"Unknown ({unspecified['reason']})"]
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
                f"missingInfoReason: {details['missingInfoReason']}"
                if _str(details.get("missingInfoReason"))
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
        status = _str(st.get("recordStatus"))
        if record and statement_id and statement_id != ref:  # referred to by statementId
            self.statement_of.setdefault(statement_id, ref)
        key = "deathDate" if stype == "personStatement" else "dissolutionDate"
        gone = _str(details.get(key))
        self._keep(
            self.parties,
            _PartyStmt(
                ref,
                index,
                pointer,
                statement_id,
                party,
                date,
                status,
                (key, gone) if gone else None,
            ),
            st,
        )

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
                    self.path, f"{self.at(index)}/recordDetails", "recordDetails must be an object"
                )
            ref = _str(st.get("recordId"))
            pointer = f"{self.at(index)}/recordDetails"
            # a recordId, a 0.4 inline unspecified party, or a reference in 0.1-0.3 spelling
            subject = _described_by(details.get("subject"))
            interested = _described_by(details.get("interestedParty"))
            components = (
                details.get("componentRecords") or details.get("componentStatementIDs") or []
            )
        else:
            details = st
            ref = _str(st.get("statementID"))
            pointer = self.at(index)
            subject = _described_by(st.get("subject"))
            interested = _described_by(st.get("interestedParty"))
            components = st.get("componentStatementIDs") or []
        if ref is None:
            raise InputError(self.path, self.at(index), "statement has no recordId / statementID")
        interests = details.get("interests")
        if interests is None:
            interests = []
        if isinstance(interests, dict | str):  # one interest written without its array
            interests = [interests]
        if not isinstance(interests, list):
            raise InputError(self.path, f"{pointer}/interests", "interests must be an array")
        interests = [_interest(it) for it in interests]
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


def _annotations(st: dict[str, Any]) -> list[str]:
    """The annotation texts of a statement ("LEI Registration Status: LAPSED" ...), with the
    motivation when stated, and where the statement's data came from (``source``).

    >>> _annotations({"annotations": [{"motivation": "commenting", "description": "x"}],
    ...     "source": {"type": ["officialRegister"], "description": "GLEIF"}})
    ['annotation (commenting): x', 'source: officialRegister; GLEIF']
    """
    out = []
    for a in _objects(st.get("annotations")):
        if _str(a.get("description")):
            why = _str(a.get("motivation"))
            out.append(f"annotation{f' ({why})' if why else ''}: {a['description']}")
    src = st.get("source")
    if isinstance(src, dict):
        kinds = src.get("type")
        kinds = [k for k in kinds if _str(k)] if isinstance(kinds, list) else [kinds]
        parts = [", ".join(k for k in kinds if _str(k)), _str(src.get("description"))]
        asserted = src.get("assertedBy")
        if isinstance(asserted, list):
            names = [_str(a.get("name")) for a in asserted if isinstance(a, dict)]
            parts.append("asserted by " + ", ".join(n for n in names if n) if any(names) else None)
        if any(parts):
            out.append("source: " + "; ".join(x for x in parts if x))
    return out


def _objects(value: Any) -> list[dict[str, Any]]:
    """The objects of an optional array (nationalities, annotations): one object written
    without its array is read as one; anything else that is no object is left out (these
    fields describe a statement, they never decide a link).

    >>> _objects([{"code": "GB"}, "FR", 5]), _objects({"code": "GB"}), _objects(5)
    ([{'code': 'GB'}], [{'code': 'GB'}], [])
    """
    if isinstance(value, dict):
        return [value]
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _missing_info(details: dict[str, Any]) -> dict[str, Any]:
    """0.1's ``missingInfoReason`` (free text: why details are missing) as the description
    of an unspecified party; ``{}`` when absent.

    >>> _missing_info({"missingInfoReason": "Protected under a court order"})
    {'description': 'Protected under a court order'}
    """
    why = _str(details.get("missingInfoReason"))
    return {"description": why} if why else {}


def _reason_name(details: Any, default: str, name: str) -> list[str]:
    """The spelling by reason code ("Unknown person (informationUnknownToPublisher)") of a
    party named by its description: kept as another spelling, so the code is never lost.

    >>> _reason_name({"reason": "unknown", "description": "Not known"}, "Unknown person", "Not known")
    ['Unknown person (unknown)']
    >>> _reason_name({"description": "Court order"}, "Anonymous person", "Court order")
    ['Anonymous person']
    """
    if isinstance(details, dict) and _str(details.get("reason")):
        by_reason = f"{default} ({details['reason']})"
        return [by_reason] if by_reason != name else []
    return [default] if default != name else []  # no code: the type's own spelling


def _unspecified_name(details: Any, default: str) -> str:
    if isinstance(details, dict):
        return _str(details.get("description")) or (
            f"{default} ({details['reason']})" if _str(details.get("reason")) else default
        )
    return default


#: Person name types (BODS nameType; 0.1-0.3 "individual", 0.4 "legal") in the order the
#: party's name is chosen: the legal name first, a former or birth name last.
_NAME_TYPE_ORDER = {"legal": 0, "individual": 0, None: 1, "birth": 3, "former": 4}


def _by_name_type(names: Any) -> list[Any]:
    """A person's names, the one to show first: ``legal`` / ``individual``, then untyped,
    then alternative / translation / transliteration / alias ..., ``birth``, ``former``
    (stable within a type; the other names stay as alternate spellings).

    >>> [n["fullName"] for n in _by_name_type([{"type": "former", "fullName": "Ann Old"},
    ...     {"type": "alternative", "fullName": "A. New"}, {"type": "legal", "fullName": "Ann New"}])]
    ['Ann New', 'A. New', 'Ann Old']
    """
    if not isinstance(names, list):
        return []

    def rank(n: Any) -> int:
        t = n.get("type") if isinstance(n, dict) else None
        return _NAME_TYPE_ORDER.get(t if isinstance(t, str) or t is None else None, 2)

    return sorted(names, key=rank)


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

    The scheme is the org-id code (``GB-COH``, upper-cased), else the scheme name; an LEI
    (``XI-LEI`` in any case, ``LEI``) is kept as ``("lei", ...)``. A numeric company number also stated without its leading zeros is
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
        scheme = scheme.strip()
        if re.fullmatch(r"[A-Za-z]{2,5}-[A-Za-z0-9]{2,12}", scheme):
            scheme = scheme.upper()  # an org-id code in any case ("gb-coh" = "GB-COH")
        if scheme in _LEI_SCHEMES or (_str(ident.get("schemeName")) or "").startswith(
            "Global Legal Entity"
        ):
            scheme = "lei"
            lei = lei or value.strip().upper()
        key = (scheme, value.strip().upper() if scheme == "lei" else value.strip())
        seen[key] = seen.get(key, 0) + 1
    dups = [(k, n) for k, n in seen.items() if n > 1]
    for (s, v), n in seen.items():
        if v.isdigit() and any(
            s == s2 and v2 != v and v2.lstrip("0") == v.lstrip("0") for s2, v2 in seen
        ):
            if (s, v) not in dict(dups):
                dups.append(((s, v), n))
    return sorted(seen), lei, sorted(dups)
