"""FollowTheMoney (FtM) entities: read and write them with the ``followthemoney`` library.

OpenSanctions and Aleph publish ownership and sanctions as FtM entities, one JSON object
per line (``{"id", "schema", "properties": {name: [values]}}``; a JSON array or a single
object is read too). Each entity is checked against the library's own schema
(``followthemoney.model``), never a hand copy: an unknown schema or property is an
:class:`~ownergraph.graph.errors.InputError` with its line.

Mapping (DOMAIN.md section 5):

* ``Person`` -> :attr:`NodeKind.PERSON`; every other ``LegalEntity`` (``Company``,
  ``Organization``, ``PublicBody``, ``LegalEntity``) -> :attr:`NodeKind.ENTITY`. A party's
  id is ``party_id(lei=...)`` when it has a ``leiCode`` (so it meets its GLEIF / BODS
  twin), else ``party_id(scheme="ftm", identifier=<entity id>)``; the entity id is kept as
  the identifier ``("ftm", id)``, ``registrationNumber`` as ``("GB-COH", n)`` for a
  ``gb`` jurisdiction (else ``("registration", n)``), ``topics`` as ``("ftm:topic", t)``
  (``sanction``, ``role.pep`` ...: :mod:`queries.exposure` reads them).
* ``Ownership`` (``owner`` -> ``asset``) -> an ``owns`` link (role shareholder) with the
  ``percentage`` as a :class:`Share` (``"50"``, ``"50%"`` exact; ``"25-50%"`` a range;
  ``">25%"`` an open lower bound; unreadable -> unknown, with a finding) and the
  ``sharesCount`` in ``details``; ``startDate`` / ``endDate`` as dates (a partial date
  ``2019`` / ``2019-05`` is the first day of the period for a start and the last for an
  end).
* ``Directorship`` (``director`` -> ``organization``) -> a ``controls`` link whose role
  comes from the ``role`` text (general partner, managing member, trustee, nominee ...,
  else director); ``Membership`` -> role member.
* ``Sanction`` (``entity``, ``program``) -> the topic ``sanction`` on its entity.
* Other schemas (addresses, documents ...) are counted in a finding and skipped.

:func:`to_ftm` writes the graph back as FtM entities (parties, ownership and control
links, holdings as ``Ownership`` of a ``Security``); an entity read from FtM keeps its id.

>>> from io import BytesIO
>>> doc = parse(BytesIO(EXAMPLE), path="example.ftm.json")
>>> [(p.name, p.kind.value) for p in doc.parties]
[('Acme Holdings Ltd', 'entity'), ('Jane Smith', 'person')]
>>> lk = doc.links[0]
>>> lk.kind.value, lk.share.minimum, lk.share.maximum
('owns', 75.0, 75.0)
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import IO, Any

import networkx as nx

from ownergraph.graph.clean import sha256_bytes
from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import document_id, make_id, party_id
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
from ownergraph.graph.vocab import EdgeKind, NodeKind, Role, Severity, SourceFormat

FORMAT = SourceFormat.FTM
TOPIC = "ftm:topic"
#: Schemas read as parties (all descend from FtM ``LegalEntity``).
_PARTY_SCHEMAS = ("Person", "Company", "Organization", "PublicBody", "LegalEntity")
_ROLE_WORDS = (
    ("general partner", Role.GENERAL_PARTNER),
    ("managing member", Role.MANAGING_MEMBER),
    ("sole member", Role.SOLE_MEMBER),
    ("trustee", Role.TRUSTEE),
    ("nominee", Role.NOMINEE),
    ("officer", Role.OFFICER),
    ("secretary", Role.OFFICER),
)

EXAMPLE = (
    b'{"id": "c1", "schema": "Company", "properties": {"name": ["Acme Holdings Ltd"],'
    b' "jurisdiction": ["gb"], "registrationNumber": ["10000001"]}}\n'
    b'{"id": "p1", "schema": "Person", "properties": {"name": ["Jane Smith"]}}\n'
    b'{"id": "o1", "schema": "Ownership", "properties": {"owner": ["p1"], "asset": ["c1"],'
    b' "percentage": ["75"]}}\n'
)

_SCHEMA_RE = re.compile(rb'"schema"\s*:\s*"[A-Z][A-Za-z]*"')


def sniff(head: bytes) -> bool:
    """True for JSON (lines) whose objects carry FtM's ``schema`` and ``properties`` keys.

    >>> sniff(EXAMPLE), sniff(b'[{"statementID": "x"}]')
    (True, False)
    """
    s = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if s[:1] not in (b"[", b"{"):
        return False
    return bool(_SCHEMA_RE.search(head[:4096])) and b'"properties"' in head[:4096]


def _objects(data: bytes, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(place, object)`` for each entity: JSON lines, a JSON array or one object."""
    try:
        text = data.decode("utf-8-sig", errors="strict")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"byte {exc.start}", "not UTF-8 text") from exc
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            arr = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"line {exc.lineno}", f"invalid JSON: {exc.msg}") from exc
        except RecursionError as exc:
            raise InputError(path, "start of file", "JSON nested too deeply") from exc
        if not isinstance(arr, list):
            raise InputError(path, "start of file", "expected an array of FtM entities")
        for i, obj in enumerate(arr):
            yield f"/{i}", obj
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except RecursionError as exc:
            raise InputError(path, f"line {n}", "JSON nested too deeply") from exc
        except json.JSONDecodeError as exc:
            whole = None
            if n == 1 and stripped.startswith("{"):  # one pretty-printed object
                try:
                    whole = json.loads(text)
                except (json.JSONDecodeError, RecursionError):
                    whole = None
            if whole is None:
                raise InputError(path, f"line {n}", f"invalid JSON: {exc.msg}") from exc
            yield "line 1", whole
            return
        yield f"line {n}", obj


def parse_share(text: str | None) -> Share | None:
    """An FtM ``percentage`` as a :class:`Share` in percent; ``None`` when unreadable.

    >>> parse_share("25-50%"), parse_share(">25%").exclusive_minimum, parse_share("0.5%").minimum
    (Share(minimum=25.0, maximum=50.0, exclusive_minimum=False, exclusive_maximum=False), True, 0.5)
    >>> parse_share("about a quarter") is None
    True
    """
    if text is None:
        return None
    s = text.strip().replace("%", "").replace(",", ".").replace(" ", "")
    num = r"(\d+(?:\.\d+)?)"
    if m := re.fullmatch(num, s):
        return Share.exact(float(m.group(1)))
    if m := re.fullmatch(num + r"[-–]" + num, s):
        return Share(minimum=float(m.group(1)), maximum=float(m.group(2)))
    if m := re.fullmatch(r"(>=|≥|>|<=|≤|<)" + num, s):
        op, v = m.group(1), float(m.group(2))
        if op in (">", ">=", "≥"):
            return Share(minimum=v, exclusive_minimum=op == ">")
        return Share(maximum=v, exclusive_maximum=op == "<")
    return None


def _date(text: str | None, *, end: bool) -> dt.date | None:
    """An FtM (prefix) date; a year or month is its first day (start) or last day (end)."""
    if not text:
        return None
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else (12 if end else 1)
    if m.group(3):
        d = int(m.group(3))
    else:
        d = calendar.monthrange(y, mo)[1] if end else 1
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def parse(fp: IO[bytes], *, path: str) -> ParsedDocument:
    """Parse FtM entities into parties, links and findings (module docstring)."""
    from followthemoney import model
    from followthemoney.exc import InvalidData

    data = fp.read()
    sha = sha256_bytes(data)
    doc_id = document_id(sha)
    findings: list[Finding] = []
    proxies = []
    skipped: dict[str, int] = {}
    for place, obj in _objects(data, path):
        if not isinstance(obj, dict) or not obj.get("id") or not obj.get("schema"):
            raise InputError(path, place, "an FtM entity needs an id and a schema")
        try:
            proxy = model.get_proxy(obj, cleaned=False)
        except (InvalidData, TypeError, ValueError, AttributeError) as exc:
            raise InputError(path, place, f"not a valid FtM entity: {exc}") from exc
        proxies.append((place, proxy))
    ids: dict[str, str] = {}
    parties: dict[str, dict[str, Any]] = {}
    for place, p in proxies:
        if not any(p.schema.is_a(s) for s in _PARTY_SCHEMAS):
            continue
        lei = p.first("leiCode", quiet=True)
        pid = party_id(lei=lei) if lei else party_id(scheme="ftm", identifier=p.id)
        ids[p.id] = pid
        names = [n for n in (*p.get("name", quiet=True), *p.get("alias", quiet=True)) if n.strip()]
        jur = (
            p.first("jurisdiction", quiet=True) or p.first("country", quiet=True) or ""
        ).lower() or None
        idents = {("ftm", p.id)}
        if lei:
            idents.add(("lei", lei))
        for reg in p.get("registrationNumber", quiet=True):
            idents.add(("GB-COH" if jur == "gb" else "registration", reg))
        idents |= {(TOPIC, t) for t in p.get("topics", quiet=True)}
        parties[p.id] = {
            "id": pid,
            "name": names[0] if names else p.caption or p.id,
            "kind": NodeKind.PERSON if p.schema.is_a("Person") else NodeKind.ENTITY,
            "names": tuple(dict.fromkeys(names[1:])),
            "identifiers": idents,
            "jurisdiction": jur.upper() if jur else None,
            "provenance": (
                Provenance(path, FORMAT, doc_id, xpath=place, note=f"FtM {p.schema.name} {p.id}"),
            ),
        }
    links: list[Link] = []

    def end(ref: str | None, place: str, what: str) -> str | None:
        if ref in ids:
            return ids[ref]
        findings.append(
            Finding.of(doc_id, "dangling_reference", Severity.ERROR,
                       f"{path} {place}: {what} {ref!r} is no party of this file; no link made")
        )  # fmt: skip
        return None

    for place, p in proxies:
        schema = p.schema.name
        prov = Provenance(path, FORMAT, doc_id, xpath=place, note=f"FtM {schema} {p.id}")
        start = _date(p.first("startDate", quiet=True), end=False)
        stop = _date(p.first("endDate", quiet=True), end=True)
        if p.schema.is_a("Ownership"):
            owner, asset = (
                end(p.first("owner", quiet=True), place, "owner"),
                end(p.first("asset", quiet=True), place, "asset"),
            )
            if owner is None or asset is None:
                continue
            pct = p.first("percentage", quiet=True)
            share = parse_share(pct)
            if pct and share is None:
                findings.append(Finding.of(doc_id, "unreadable_percentage", Severity.WARNING,
                                           f"{path} {place}: percentage {pct!r} is unknown"))  # fmt: skip
            count = p.first("sharesCount", quiet=True)
            details = "; ".join(
                x for x in (p.first("role", quiet=True), p.first("ownershipType", quiet=True),
                            f"shares {count}" if count else None) if x
            ) or None  # fmt: skip
            links.append(Link(make_id("link", doc_id, "ftm", p.id), doc_id, EdgeKind.OWNS, owner,
                              asset, Role.SHAREHOLDER, share=share, start_date=start,
                              end_date=stop, details=details, provenance=(prov,)))  # fmt: skip
        elif p.schema.is_a("Directorship") or p.schema.is_a("Membership"):
            a = "director" if schema == "Directorship" else "member"
            who = end(p.first(a, quiet=True), place, a)
            org = end(p.first("organization", quiet=True), place, "organization")
            if who is None or org is None:
                continue
            text = (p.first("role", quiet=True) or "").lower()
            role = next((r for w, r in _ROLE_WORDS if w in text), None) or (
                Role.DIRECTOR if schema == "Directorship" else Role.MEMBER
            )
            links.append(Link(make_id("link", doc_id, "ftm", p.id), doc_id, EdgeKind.CONTROLS,
                              who, org, role, start_date=start, end_date=stop,
                              details=p.first("role", quiet=True), provenance=(prov,)))  # fmt: skip
        elif p.schema.is_a("Sanction"):
            for ref in p.get("entity", quiet=True):
                if ref in parties:
                    parties[ref]["identifiers"].add((TOPIC, "sanction"))
                    program = p.first("program", quiet=True) or p.first("authority", quiet=True)
                    if program:
                        parties[ref]["identifiers"].add(("ftm:sanction", program))
                else:
                    end(ref, place, "sanctioned entity")
        elif not any(p.schema.is_a(s) for s in _PARTY_SCHEMAS):
            skipped[schema] = skipped.get(schema, 0) + 1
    if skipped:
        findings.append(Finding.of(doc_id, "skipped_schemas", Severity.INFO,
                                   "FtM entities not read: " + ", ".join(
                                       f"{k} x{v}" for k, v in sorted(skipped.items()))))  # fmt: skip
    out_parties = tuple(
        Party(
            id=d["id"], name=d["name"], kind=d["kind"], names=d["names"],
            identifiers=tuple(sorted(d["identifiers"])), jurisdiction=d["jurisdiction"],
            provenance=d["provenance"],
        )
        for d in parties.values()
    )  # fmt: skip
    document = Document(id=doc_id, path=path, format=FORMAT, sha256=sha, title="FtM entities")
    return ParsedDocument(
        document=document,
        parties=tuple(sorted(out_parties, key=lambda x: x.name)),
        links=tuple(links),
        findings=tuple(findings),
        extra={"entities": len(proxies)},
    )


# --------------------------------------------------------------------------- writing


def _eid(rec_id: str) -> str:
    return rec_id.replace(":", "-")


def to_ftm(G: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    """The graph as FtM entity dicts (parties, securities, ownership, control, holdings).

    Made with ``followthemoney.model`` (so each entity is valid for its schema); a party
    read from FtM keeps its entity id (identifier ``("ftm", id)``); others get their
    ownergraph id. Topics and identifiers (LEI, registration numbers) go back where FtM has
    a property for them.
    """
    from followthemoney import model

    eids: dict[str, str] = {}
    for n, data in sorted(G.nodes(data=True)):
        rec = data.get("record")
        if isinstance(rec, Party):
            ftm_id = next((v for s, v in rec.identifiers if s == "ftm"), None)
            eids[n] = ftm_id or _eid(n)
            schema = {NodeKind.PERSON: "Person", NodeKind.ENTITY: "Company",
                      NodeKind.FUND: "Company", NodeKind.ISSUER: "Company"}.get(
                          rec.kind, "LegalEntity")  # fmt: skip
            e = model.make_entity(schema)
            e.id = eids[n]
            e.add("name", rec.name)
            for alias in rec.names:
                e.add("alias", alias)
            if rec.jurisdiction:
                e.add("jurisdiction", rec.jurisdiction.lower(), quiet=True)
            for s, v in rec.identifiers:
                if s == "lei":
                    e.add("leiCode", v)
                elif s in ("GB-COH", "registration"):
                    e.add("registrationNumber", v)
                elif s == TOPIC:
                    e.add("topics", v, quiet=True)
            yield e.to_dict()
            for i, program in enumerate(v for s, v in rec.identifiers if s == "ftm:sanction"):
                sanction = model.make_entity("Sanction")
                sanction.id = f"{eids[n]}-sanction-{i}"
                sanction.add("entity", eids[n])
                sanction.add("program", program)
                yield sanction.to_dict()
        elif isinstance(rec, Security):
            eids[n] = _eid(n)
            e = model.make_entity("Security")
            e.id = eids[n]
            e.add("name", rec.title)
            if rec.issuer_id in G:
                e.add("issuer", eids.get(rec.issuer_id) or _eid(rec.issuer_id))
            if rec.ticker:
                e.add("ticker", rec.ticker)
            yield e.to_dict()
    for u, v, key, data in sorted(G.edges(keys=True, data=True), key=lambda x: x[2]):
        rec = data.get("record")
        if isinstance(rec, Link) and u in eids and v in eids:
            ftm_id = _eid(rec.id)
            if rec.kind == EdgeKind.MEMBER_OF:
                e = model.make_entity("Membership")
                e.add("member", eids[u])
                e.add("organization", eids[v])
            elif rec.kind == EdgeKind.CONTROLS and rec.role != Role.VOTING_RIGHTS:
                e = model.make_entity("Directorship")
                e.add("director", eids[u])
                e.add("organization", eids[v])
                e.add("role", rec.details or rec.role.value.replace("_", " "))
            else:
                e = model.make_entity("Ownership")
                e.add("owner", eids[u])
                e.add("asset", eids[v])
                pct = _pct_text(rec.voting_share or rec.share)
                if pct:
                    e.add("percentage", pct)
                if rec.kind != EdgeKind.OWNS:
                    e.add("ownershipType", rec.role.value.replace("_", " "))
            for prop, d in (("startDate", rec.start_date), ("endDate", rec.end_date)):
                if d:
                    e.add(prop, d.isoformat())
            e.id = ftm_id
            yield e.to_dict()
        elif isinstance(rec, Holding) and u in eids and v in eids:
            e = model.make_entity("Ownership")
            e.id = _eid(key)
            e.add("owner", eids[u])
            e.add("asset", eids[v])
            if rec.shares is not None:
                e.add("sharesCount", f"{rec.shares:g}")
            e.add("sharesType", rec.instrument.value)
            yield e.to_dict()


def _pct_text(share: Share | None) -> str | None:
    """A :class:`Share` back as FtM percentage text ("75", "25-50", ">25")."""
    if share is None:
        return None
    lo, hi = share.minimum, share.maximum
    if share.is_exact:
        return f"{lo:g}"
    if lo is not None and hi is not None:
        return f"{lo:g}-{hi:g}"
    if lo is not None:
        return f"{'>' if share.exclusive_minimum else '>='}{lo:g}"
    if hi is not None:
        return f"{'<' if share.exclusive_maximum else '<='}{hi:g}"
    return None


def dumps(G: nx.MultiDiGraph) -> str:
    """The graph as FtM JSON lines (one entity per line)."""
    return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in to_ftm(G))


__all__ = ["FORMAT", "dumps", "parse", "parse_share", "sniff", "to_ftm"]
