"""UK Companies House register of persons with significant control (PSC).

Reads the PSC snapshot (JSON lines: ``{"company_number": "...", "data": {...}}`` per line,
ending with a ``totals#persons-of-significant-control-snapshot`` line) and the API's own
JSON (one PSC record, a list of them, or a list response ``{"items": [...]}``).

Rules:

- **Companies** are parties with ``("GB-COH", number)``; their id is
  ``party_id(scheme="GB-COH", identifier=number)`` (all-digit numbers padded to eight
  digits). The snapshot does not give a company's name: a company known only as a subject
  is named ``"GB-COH <number>"`` until a document that names it is loaded.
- **PSCs by kind**: ``individual-person-with-significant-control`` (and
  ``individual-beneficial-owner``) are persons; ``corporate-entity-…`` and ``legal-person-…``
  are entities; ``super-secure-…`` is an :attr:`NodeKind.UNKNOWN` party with the reason
  ``super-secure-person`` (its existence is stated, its details withheld by law).
  A corporate PSC whose ``identification`` places it in the UK (place registered,
  country registered or legal authority naming the UK, England, Wales, Scotland, Northern
  Ireland or Companies House) with a registration number **is** the company with that
  number (same party id): chains form across companies, and a PSC owner equals its BODS or
  GLEIF twin by company number. Individuals are keyed by name and month/year of birth
  (what the register publishes), which they carry as a ``("birth-month", "1970-05")``
  identifier: entity resolution never merges two persons whose birth months differ, even
  under one name. Legal persons and foreign corporates are keyed by name.
- **Natures of control**, one link each, the raw string kept in ``details`` and its parts
  in ``interest_types`` (``("ownership-of-shares", "as-trust")``):
  ``ownership-of-shares-*`` and ``right-to-share-surplus-assets-*`` (LLPs) are ``OWNS``
  links with ``share``; ``voting-rights-*`` are ``CONTROLS``/``VOTING_RIGHTS`` with
  ``voting_share``; ``right-to-appoint-and-remove-directors`` (``-members``, ``-person``)
  is ``APPOINTMENT_OF_BOARD``; ``significant-influence-or-control`` is
  ``SIGNIFICANT_INFLUENCE``. The statutory bands are ranges: ``25-to-50-percent`` is
  more than 25 % and not more than 50 % ``(25, 50]``; ``50-to-75-percent`` more than 50 %
  and less than 75 % ``(50, 75)``; ``75-to-100-percent`` 75 % or more ``[75, 100]``;
  ``more-than-25-percent`` ``(25, 100]``. An interest held ``-as-trust`` or ``-as-firm``
  (through a trust or firm the PSC controls) is ``INDIRECT``. A nature this module does
  not know is an ``UNKNOWN_INTEREST`` link and a finding.
- ``notified_on`` is the link's ``start_date``; ``ceased_on`` its ``end_date``.
- **Statements** (``persons-with-significant-control-statement``): "no individual or
  entity with significant control" is an info finding (nobody is registrable: no party is
  invented); every other statement ("steps to find the PSC not yet completed", "PSC
  exists but not identified", ...) is an :attr:`NodeKind.UNKNOWN` party over the company
  (``UNKNOWN_INTEREST``) carrying the statement as its reason, and a finding.
- **Streaming**: :func:`iter_parsed` reads a snapshot line by line and yields one
  :class:`ParsedDocument` per batch of :data:`BATCH_LINES` lines (its id the sha256 of the
  batch's bytes, so a reload changes nothing): a multi-gigabyte file loads in bounded
  memory through ``Store.load_many``, which consumes the batches one at a time.
- A bad line (not JSON, not an object, a bad date, an over-long line) is an
  :class:`InputError` naming the file and the line.

>>> line = (b'{"company_number": "01234567", "data": {"kind": '
...         b'"individual-person-with-significant-control", "name": "Ms Jane Example", '
...         b'"natures_of_control": ["ownership-of-shares-50-to-75-percent"], '
...         b'"notified_on": "2016-04-06"}}')
>>> sniff(line)
True
>>> pd = parse(io.BytesIO(line), path="psc.txt")
>>> [(p.name, p.kind.value) for p in pd.parties]
[('GB-COH 01234567', 'entity'), ('Ms Jane Example', 'person')]
>>> lk = pd.links[0]
>>> lk.kind.value, lk.share, lk.start_date
('owns', Share(minimum=50.0, maximum=75.0, exclusive_minimum=True, exclusive_maximum=True), datetime.date(2016, 4, 6))
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ownergraph.graph.clean import clean_name, parse_date
from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import document_id, make_id, normalize_name, party_id
from ownergraph.graph.model import (
    Document,
    Finding,
    Link,
    ParsedDocument,
    Party,
    Provenance,
    Share,
)
from ownergraph.graph.resolution import BIRTH_SCHEME
from ownergraph.graph.vocab import (
    DirectOrIndirect,
    EdgeKind,
    NodeKind,
    Role,
    Severity,
    SourceFormat,
)

FORMAT = SourceFormat.UK_PSC

#: Lines per streamed batch (one document each).
BATCH_LINES = 5000
#: Longest line accepted, in bytes (a real record is a few kilobytes).
MAX_LINE = 1024 * 1024

TOTALS_KIND = "totals#persons-of-significant-control-snapshot"
STATEMENT_KIND = "persons-with-significant-control-statement"
_KIND_RE = re.compile(
    rb'"kind"\s*:\s*"(?:(?:individual|corporate-entity|legal-person|super-secure)-'
    rb"(?:person-with-significant-control|beneficial-owner)"
    rb'|persons-with-significant-control-statement|totals#persons-of-significant-control-snapshot)"'
)
#: Statements that say nobody is registrable (Companies House spells "signficant").
_NO_PSC = re.compile(r"^no-individual-or-entity-with-sign?i?ficant-control")
_UK = re.compile(
    r"\b(?:united kingdom|england|wales|scotland|northern ireland|great britain|"
    r"companies house|registrar of companies|companies act|uk|gb)\b",
    re.IGNORECASE,
)
#: A UK company number inside a registration number as written ("Company No. 06436883").
_COMPANY_NO = re.compile(r"\b(?:[A-Z]{2}\d{6}|\d{5,8})\b")
_SELF_COMPANY = re.compile(r"/company/([A-Za-z0-9]+)/")
_BAND = re.compile(r"-(\d+)-to-(\d+)-percent")
_QUALIFIERS = (
    "as-trust",
    "as-firm",
    "as-control-over-trust",
    "as-control-over-firm",
    "as-control-over-legal-person",
    "limited-liability-partnership",
    "registered-overseas-entity",
)
#: Nature prefix -> (edge kind, role, which share field).
_NATURES: tuple[tuple[str, EdgeKind, Role, str | None], ...] = (
    ("ownership-of-shares", EdgeKind.OWNS, Role.SHAREHOLDER, "share"),
    ("part-right-to-share-surplus-assets", EdgeKind.OWNS, Role.SHAREHOLDER, "share"),
    ("right-to-share-surplus-assets", EdgeKind.OWNS, Role.SHAREHOLDER, "share"),
    ("voting-rights", EdgeKind.CONTROLS, Role.VOTING_RIGHTS, "voting_share"),
    ("right-to-appoint-and-remove-directors", EdgeKind.CONTROLS, Role.APPOINTMENT_OF_BOARD, None),
    ("right-to-appoint-and-remove-members", EdgeKind.CONTROLS, Role.APPOINTMENT_OF_BOARD, None),
    ("right-to-appoint-and-remove-person", EdgeKind.CONTROLS, Role.APPOINTMENT_OF_BOARD, None),
    ("significant-influence-or-control", EdgeKind.CONTROLS, Role.SIGNIFICANT_INFLUENCE, None),
)

__all__ = [
    "BATCH_LINES",
    "FORMAT",
    "band",
    "company_number",
    "company_party_id",
    "is_snapshot",
    "iter_parsed",
    "parse",
    "sniff",
]


def sniff(head: bytes) -> bool:
    """True for PSC JSON: a snapshot line or an API record with a PSC ``kind``.

    >>> sniff(b'{"company_number":"1","data":{"kind":"persons-with-significant-control-statement"}}')
    True
    >>> sniff(b'[{"statementID": "x", "statementType": "entityStatement"}]')
    False
    """
    s = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return s[:1] in (b"{", b"[") and _KIND_RE.search(head) is not None


def is_snapshot(head: bytes) -> bool:
    """True when the file is JSON lines whose first line is a whole snapshot record
    (``{"company_number": ..., "data": {...}}``): such a file can be streamed.

    >>> is_snapshot(b'{"company_number": "1", "data": {"kind": "x"}}\\n{"company_number"')
    True
    >>> is_snapshot(b'{\\n  "kind": "individual-person-with-significant-control"\\n}')
    False
    """
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
    try:
        obj = json.loads(first)
    except ValueError:
        return False
    return isinstance(obj, dict) and isinstance(obj.get("data"), dict)


def company_number(value: str) -> str:
    """A company number as the register writes it: upper case, no spaces, all-digit
    numbers padded to eight digits.

    >>> company_number(" 6436883 "), company_number("sc123456")
    ('06436883', 'SC123456')
    """
    s = re.sub(r"\s+", "", value).upper()
    return s.zfill(8) if s.isdigit() else s


def company_party_id(number: str) -> str:
    """The party id of a UK company by its company number."""
    return party_id(scheme="GB-COH", identifier=company_number(number))


def band(text: str) -> Share | None:
    """The statutory range a nature of control names, or ``None`` (no percentage).

    >>> band("ownership-of-shares-25-to-50-percent")
    Share(minimum=25.0, maximum=50.0, exclusive_minimum=True, exclusive_maximum=False)
    >>> band("voting-rights-75-to-100-percent-as-trust")
    Share(minimum=75.0, maximum=100.0, exclusive_minimum=False, exclusive_maximum=False)
    >>> band("ownership-of-shares-more-than-25-percent-registered-overseas-entity")
    Share(minimum=25.0, maximum=100.0, exclusive_minimum=True, exclusive_maximum=False)
    >>> band("significant-influence-or-control") is None
    True
    """
    m = _BAND.search(text)
    if m:
        lo, hi = float(m.group(1)), float(m.group(2))
        # "more than 25 % but not more than 50 %", "more than 50 % but less than 75 %",
        # "75 % or more" (Companies Act 2006 Sch. 1A; the register's own bands)
        return Share(minimum=lo, maximum=hi, exclusive_minimum=lo != 75, exclusive_maximum=hi == 75)
    m = re.search(r"-more-than-(\d+)-percent", text)
    if m:
        return Share(minimum=float(m.group(1)), maximum=100.0, exclusive_minimum=True)
    return None


def _nature(text: str) -> tuple[EdgeKind, Role, str | None, tuple[str, ...]] | None:
    for prefix, kind, role, field in _NATURES:
        if text == prefix or text.startswith(prefix + "-"):
            quals = tuple(q for q in _QUALIFIERS if f"-{q}" in text[len(prefix) :])
            return kind, role, field, (prefix, *quals)
    return None


def _str(x: Any) -> str | None:
    return x.strip() or None if isinstance(x, str) else None


def _self_link(data: dict) -> str | None:
    links = data.get("links")
    return _str(links.get("self")) if isinstance(links, dict) else None


class _Batch:
    """The records of one document (a batch of lines, or a whole file)."""

    def __init__(self, path: str, doc_id: str) -> None:
        self.path, self.doc_id = path, doc_id
        self.parties: dict[str, Party] = {}
        self.links: list[Link] = []
        self.findings: list[Finding] = []
        self.records = 0
        self.totals: int | None = None

    # ------------------------------------------------------------------ helpers

    def prov(self, place: str, phrase: str | None = None, note: str | None = None) -> Provenance:
        return Provenance(self.path, FORMAT, self.doc_id, xpath=place, phrase=phrase, note=note)

    def finding(self, kind: str, sev: Severity, msg: str, place: str, subjects: tuple = ()) -> None:
        self.findings.append(
            Finding.of(
                self.doc_id, kind, sev, msg, subject_ids=subjects, evidence=(self.prov(place),)
            )
        )

    def party(self, p: Party) -> str:
        old = self.parties.get(p.id)
        if old is None:
            self.parties[p.id] = p
        elif p.name != old.name and p.name not in old.names:
            placeholder = old.name.startswith("GB-COH ")
            name = p.name if placeholder else old.name
            names = tuple(sorted({*old.names, *p.names, old.name, p.name} - {name}))
            self.parties[p.id] = Party(
                old.id, name, old.kind if not placeholder else p.kind, names,
                tuple(sorted({*old.identifiers, *p.identifiers})),
                old.jurisdiction or p.jurisdiction, provenance=old.provenance,
            )  # fmt: skip
        return p.id

    def company(self, number: str, place: str, name: str | None = None) -> str:
        num = company_number(number)
        return self.party(
            Party(
                id=company_party_id(num),
                name=name or f"GB-COH {num}",
                kind=NodeKind.ENTITY,
                identifiers=(("GB-COH", num),),
                jurisdiction="GB",
                provenance=(self.prov(place, phrase=num),),
            )
        )

    def date(self, rec: dict, key: str, place: str) -> Any:
        try:
            return parse_date(_str(rec.get(key)))
        except ValueError as exc:
            raise InputError(self.path, f"{place}/{key}", str(exc)) from exc

    def name(self, text: str, place: str) -> str:
        name, notes = clean_name(text)
        if notes:
            self.finding("name_cleaned", Severity.INFO, f"{place}: " + "; ".join(notes), place)
        return name

    # ------------------------------------------------------------------ records

    def add(self, obj: Any, place: str) -> None:
        """One snapshot line or API record (or list response) at ``place``."""
        if not isinstance(obj, dict):
            raise InputError(self.path, place, "a PSC record must be a JSON object")
        if isinstance(obj.get("items"), list) and "natures_of_control" not in obj:
            for i, item in enumerate(obj["items"]):
                self.add(item, f"{place}/items/{i}")
            return
        data = obj.get("data") if isinstance(obj.get("data"), dict) else obj
        rplace = f"{place}/data" if data is not obj else place
        kind = _str(data.get("kind")) or ""
        if kind == TOTALS_KIND:
            n = data.get("persons_of_significant_control_count")
            self.totals = n if isinstance(n, int) else None
            return
        number = _str(obj.get("company_number")) or _str(data.get("company_number"))
        if number is None:
            m = _SELF_COMPANY.search(_self_link(data) or "")
            number = m.group(1) if m else None
        if number is None:
            raise InputError(self.path, place, "no company_number (nor a links.self naming one)")
        self.records += 1
        company = self.company(number, place)
        if kind == STATEMENT_KIND:
            self.statement(company, number, data, rplace)
            return
        controller = self.psc(kind, number, data, rplace)
        if controller is None:
            return
        start = self.date(data, "notified_on", rplace)
        end = self.date(data, "ceased_on", rplace)
        natures = data.get("natures_of_control") or []
        if not isinstance(natures, list):
            raise InputError(self.path, f"{rplace}/natures_of_control", "must be a list")
        key = _self_link(data) or _str(data.get("etag")) or controller
        for i, raw in enumerate(natures):
            nplace = f"{rplace}/natures_of_control/{i}"
            text = _str(raw)
            if text is None:
                continue
            self.links.append(self.nature_link(controller, company, text, key, nplace, start, end))
        if not natures:  # a PSC stated with no nature (super-secure): an interest of unknown kind
            self.links.append(
                Link(
                    make_id("link", self.doc_id, "uk-psc", key, "-"),
                    self.doc_id, EdgeKind.CONTROLS, controller, company, Role.UNKNOWN_INTEREST,
                    start_date=start, end_date=end, provenance=(self.prov(rplace, note=kind),),
                )
            )  # fmt: skip
            self.finding(
                "no_natures",
                Severity.INFO,
                f"{rplace}: a PSC of {company_number(number)} states no nature of control",
                rplace,
                (controller, company),
            )

    def nature_link(
        self, controller: str, company: str, text: str, key: str, place: str, start: Any, end: Any
    ) -> Link:
        found = _nature(text)
        lid = make_id("link", self.doc_id, "uk-psc", key, text)
        prov = (self.prov(place, phrase=text),)
        if found is None:
            self.finding(
                "unknown_nature",
                Severity.WARNING,
                f"{place}: nature of control {text!r} is not one this loader knows; kept as an"
                " interest of unknown kind",
                place,
                (controller, company),
            )
            return Link(
                lid, self.doc_id, EdgeKind.CONTROLS, controller, company, Role.UNKNOWN_INTEREST,
                interest_types=(text,), start_date=start, end_date=end, details=text,
                provenance=prov,
            )  # fmt: skip
        kind, role, field, types = found
        share = band(text)
        indirect = any(q.startswith("as-") for q in types[1:])
        return Link(
            id=lid,
            document_id=self.doc_id,
            kind=kind,
            controller_id=controller,
            controlled_id=company,
            role=role,
            share=share if field == "share" else None,
            voting_share=share if field == "voting_share" else None,
            interest_types=types,
            direct_or_indirect=DirectOrIndirect.INDIRECT if indirect else DirectOrIndirect.DIRECT,
            start_date=start,
            end_date=end,
            details=text,
            provenance=prov,
        )

    def psc(self, kind: str, number: str, data: dict, place: str) -> str | None:
        """The party of one PSC record, or ``None`` (a finding says why)."""
        self_link = _self_link(data) or _str(data.get("etag"))
        raw_name = _str(data.get("name"))
        if raw_name is None and isinstance(data.get("name_elements"), dict):
            el = data["name_elements"]
            parts = [_str(el.get(k)) for k in ("title", "forename", "middle_name", "surname")]
            raw_name = " ".join(p for p in parts if p) or None
        prov = (self.prov(place, phrase=raw_name, note=kind),)
        if kind.startswith("super-secure-"):
            pid = party_id(scheme="uk-psc", identifier=f"{company_number(number)}|{self_link}")
            return self.party(
                Party(
                    pid,
                    "Super-secure person with significant control (super-secure-person)",
                    NodeKind.UNKNOWN,
                    provenance=(self.prov(place, note=f"{kind}; reason super-secure-person"),),
                )
            )
        if kind.startswith("individual-"):
            if raw_name is None:
                raise InputError(self.path, place, "an individual PSC has no name")
            name = self.name(raw_name, f"{place}/name")
            dob = data.get("date_of_birth") if isinstance(data.get("date_of_birth"), dict) else {}
            born = f"{dob.get('year', '')}-{dob.get('month', '')}" if dob else ""
            ident = (
                f"{normalize_name(name)}|{born}"
                if born
                else f"{company_number(number)}|{self_link or normalize_name(name)}"
            )
            pid = party_id(scheme="uk-psc-person", identifier=ident)
            res = _str(data.get("country_of_residence"))
            year, month = dob.get("year"), dob.get("month")
            birth = (
                ((BIRTH_SCHEME, f"{year:04d}-{month:02d}"),)
                if isinstance(year, int) and isinstance(month, int) and 1 <= month <= 12
                else ()
            )  # namesakes born in different months are never merged (graph.resolution)
            return self.party(
                Party(pid, name, NodeKind.PERSON, identifiers=birth, jurisdiction=res,
                      provenance=prov)
            )  # fmt: skip
        if kind.startswith(("corporate-entity-", "legal-person-")):
            if raw_name is None:
                raise InputError(self.path, place, f"a {kind} has no name")
            name = self.name(raw_name, f"{place}/name")
            ident = (
                data.get("identification") if isinstance(data.get("identification"), dict) else {}
            )
            reg = _str(ident.get("registration_number"))
            where = " ".join(
                v for k in ("place_registered", "country_registered", "legal_authority")
                if (v := _str(ident.get(k)))
            )  # fmt: skip
            joined = re.sub(r"\b([A-Z]{2})\s+(\d{6})\b", r"\1\2", reg.upper()) if reg else ""
            num = _COMPANY_NO.search(joined)
            if num and kind.startswith("corporate-entity-") and _UK.search(where):
                return self.company(num.group(0), place, name)
            pid = party_id(name=name, namespace="uk-psc")
            country = _str(ident.get("country_registered"))
            idents = (("registration", f"{country or where}: {reg}"),) if reg else ()
            return self.party(
                Party(pid, name, NodeKind.ENTITY, identifiers=idents, jurisdiction=country,
                      provenance=prov)
            )  # fmt: skip
        self.finding(
            "unknown_kind",
            Severity.WARNING,
            f"{place}: PSC kind {kind!r} is not one this loader knows; record skipped",
            place,
        )
        return None

    def statement(self, company: str, number: str, data: dict, place: str) -> None:
        text = _str(data.get("statement")) or "statement-not-given"
        num = company_number(number)
        start = self.date(data, "notified_on", place)
        end = self.date(data, "ceased_on", place)
        if _NO_PSC.match(text):
            self.finding(
                "psc_statement",
                Severity.INFO,
                f"{num}: {text} (the company states it has no registrable person)"
                + (f", ceased {end.isoformat()}" if end else ""),
                place,
                (company,),
            )
            return
        pid = party_id(scheme="uk-psc", identifier=f"{num}|statement|{text}")
        self.party(
            Party(
                pid,
                f"Unknown person with significant control ({text})",
                NodeKind.UNKNOWN,
                provenance=(self.prov(place, phrase=text, note=f"reason {text}"),),
            )
        )
        self.links.append(
            Link(
                make_id("link", self.doc_id, "uk-psc", num, "statement", text),
                self.doc_id, EdgeKind.CONTROLS, pid, company, Role.UNKNOWN_INTEREST,
                interest_types=("statement", text), start_date=start, end_date=end,
                details=text, provenance=(self.prov(place, phrase=text),),
            )
        )  # fmt: skip
        self.finding(
            "psc_statement",
            Severity.INFO if end else Severity.WARNING,
            f"{num}: {text}: the person with significant control is not identified",
            place,
            (company, pid),
        )

    def done(self, doc: Document, seen: int | None = None) -> ParsedDocument:
        if self.totals is not None and seen is not None and self.totals != seen:
            self.finding(
                "snapshot_totals",
                Severity.WARNING,
                f"the snapshot's totals line counts {self.totals:,} records; {seen:,} were read",
                "totals",
            )
        return ParsedDocument(
            document=doc,
            parties=tuple(self.parties.values()),
            links=tuple(self.links),
            findings=tuple(dict((f.id, f) for f in self.findings).values()),
            extra={"uk_psc": {"records": self.records, "totals": self.totals}},
        )


def _doc(path: str, sha: str, title: str | None) -> Document:
    return Document(
        id=document_id(sha), path=path, format=FORMAT, sha256=sha, form="PSC", title=title
    )


def _json_line(raw: bytes, path: str, lineno: int) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:
        reason = getattr(exc, "msg", None) or str(exc)
        col = getattr(exc, "colno", None)
        where = f"line {lineno}" + (f", column {col}" if col else "")
        raise InputError(path, where, f"not a JSON record: {reason}") from exc


def parse(fp: IO[bytes], *, path: str) -> ParsedDocument:
    """Parse a whole PSC file (snapshot lines, one record, a list or a list response)."""
    data = fp.read()
    sha = hashlib.sha256(data).hexdigest()
    batch = _Batch(path, document_id(sha))
    text = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    whole: Any = None
    if text[:1] == b"[" or not is_snapshot(text[:MAX_LINE]):
        try:
            whole = json.loads(text)
        except (ValueError, RecursionError):
            whole = None  # JSON lines after all
    if isinstance(whole, list):
        for i, rec in enumerate(whole):
            batch.add(rec, f"/{i}")
        seen = batch.records
    elif isinstance(whole, dict):
        batch.add(whole, "/")
        seen = batch.records
    else:
        for lineno, raw in enumerate(io.BytesIO(data), 1):
            if raw.strip():
                batch.add(_json_line(raw, path, lineno), f"line {lineno}")
        seen = batch.records
    return batch.done(_doc(path, sha, Path(path).name), seen)


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    with open(path, "rb") as f:
        lineno = 0
        while True:
            raw = f.readline(MAX_LINE + 1)
            if not raw:
                return
            lineno += 1
            if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
                raise InputError(
                    str(path), f"line {lineno}", f"line longer than {MAX_LINE:,} bytes"
                )
            yield lineno, raw


def iter_parsed(path: str | Path, *, batch_lines: int = BATCH_LINES) -> Iterator[ParsedDocument]:
    """Stream a PSC snapshot: one :class:`ParsedDocument` per ``batch_lines`` lines.

    Memory is bounded by the batch, whatever the file's size. Each batch's document id is
    the sha256 of its bytes, so loading the same file again changes nothing.
    """
    p = Path(path)
    seen = 0
    buf: list[tuple[int, bytes]] = []

    def flush() -> ParsedDocument:
        nonlocal seen
        h = hashlib.sha256()
        for _, raw in buf:
            h.update(raw)
        sha = h.hexdigest()
        batch = _Batch(str(p), document_id(sha))
        for lineno, raw in buf:
            batch.add(_json_line(raw, str(p), lineno), f"line {lineno}")
        seen += batch.records
        title = f"{p.name} lines {buf[0][0]}-{buf[-1][0]}"
        return batch.done(_doc(str(p), sha, title), seen)

    for lineno, raw in _lines(p):
        if not raw.strip():
            continue
        buf.append((lineno, raw))
        if len(buf) >= batch_lines:
            pd = flush()
            buf = []
            yield pd
    if buf:
        yield flush()


def stream_paths(paths: Iterable[Path]) -> Iterator[ParsedDocument]:
    """The batches of several snapshots, one after the other."""
    for p in paths:
        yield from iter_parsed(p)
