"""Form 13F-HR: an institutional investment manager's quarterly holdings.

Two XML documents make a 13F-HR: the cover page (``primary_doc.xml``, root
``edgarSubmission`` in the ``thirteenffiler`` namespace: the manager's name and CIK, the
report period, the report type, the other included managers by sequence number) and the
information table (root ``informationTable``, one ``infoTable`` per position: issuer name,
class, CUSIP, value, ``shrsOrPrnAmt`` (``sshPrnamt`` + ``sshPrnamtType`` SH/PRN),
``putCall``, ``investmentDiscretion`` SOLE/DFND/OTR, ``otherManager`` sequence numbers,
``votingAuthority`` Sole/Shared/None). This module reads either file alone, or both from a
full EDGAR submission (:func:`parse_submission`).

Rules:

- The **manager** is ``party_id(cik=...)`` from the cover page (the filer's CIK), so a 13F
  manager is the same party as its 13D/G or Form 3/4/5 twin by CIK. An information table
  read without its cover page has no stated manager: its holder is an
  :attr:`NodeKind.UNKNOWN` party and a warning says so.
- Each row is a :class:`Holding` of the manager in the class its **CUSIP** names
  (``security_id(cusip=...)``: the same class as any 13D/G, Form 3/4/5 or tabular record with
  that CUSIP). The issuer is the party named by ``nameOfIssuer`` (by name: a 13F gives no
  issuer CIK); a store that already knows the class keeps its issuer.
- **Both powers** on the holding: ``votingAuthority`` Sole/Shared/None are
  ``sole_voting`` / ``shared_voting`` / ``no_voting``; investment discretion ``SOLE`` is sole
  dispositive power over the row's shares, ``DFND`` (shared-defined) and ``OTR`` (shared-other)
  are shared dispositive power.
- **Other included managers**: a row whose ``otherManager`` lists sequence numbers is also a
  holding of each included manager with that number on the cover page (same shares and
  powers; its own holding id). No control link is made between the managers: the form does
  not state one.
- ``putCall`` Put/Call: a derivative (``Instrument.OPTION``, ``derivative=True``) on the
  underlying class that is **not** a right to acquire within 60 days.
- ``PRN`` rows are principal amounts of debt, not shares: ``shares`` is ``None``, the amount
  is kept in ``nature_of_ownership`` and a finding says why.
- Numbers go through :func:`graph.clean.parse_shares` (``xmlsafe.number_at``); a bad number
  is an :class:`InputError` with the XPath. A row whose voting authority does not add up to
  its shares is a finding (never corrected).
- ``value`` (US dollars since 2023, thousands before) is kept per holding in
  ``extra["values"]``, never turned into shares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import IO, Any

from lxml import etree

from ownergraph.graph.clean import sha256_bytes
from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import (
    document_id,
    make_id,
    normalize_cik,
    normalize_cusip,
    party_id,
    security_id,
)
from ownergraph.graph.model import (
    Document,
    Finding,
    Holding,
    ParsedDocument,
    Party,
    Provenance,
    Security,
)
from ownergraph.graph.vocab import Instrument, NodeKind, Severity, SourceFormat
from ownergraph.loaders.xmlsafe import (
    child,
    children,
    date_at,
    name_at,
    number_at,
    parse_xml,
    place,
    sniff_root,
    text,
    text_at,
    xpath_of,
)

FORMAT = SourceFormat.FORM13F
COVER_ROOT = "edgarSubmission"
TABLE_ROOT = "informationTable"
_COVER_MARK = re.compile(rb"thirteenf|13F-HR|13F-NT|13F HOLDINGS", re.IGNORECASE)
#: Investment discretion codes: SOLE is sole dispositive power, the others shared.
DISCRETION = {"SOLE": "sole", "DFND": "shared", "OTR": "shared"}

__all__ = ["FORMAT", "parse", "parse_submission", "sniff"]


def sniff(head: bytes) -> bool:
    """True for a 13F information table or a 13F cover page (``primary_doc.xml``).

    >>> sniff(b'<informationTable xmlns="http://www.sec.gov/edgar/document/thirteenf/informationtable">')
    True
    >>> sniff(b'<edgarSubmission xmlns="http://www.sec.gov/edgar/thirteenffiler">')
    True
    >>> sniff(b'<edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13D">')
    False
    """
    root = sniff_root(head)
    if root == TABLE_ROOT:
        return True
    return root == COVER_ROOT and _COVER_MARK.search(head) is not None


# ----------------------------------------------------------------------------- cover


@dataclass
class _Cover:
    manager_id: str
    manager_name: str
    cik: str | None
    period: Any
    form: str
    report_type: str | None
    amendment: bool
    file_number: str | None
    signed: Any
    others: dict[str, tuple[str, Party]] = field(default_factory=dict)  # seq -> (name, party)
    parties: list[Party] = field(default_factory=list)
    stated_entries: float | None = None
    stated_value: float | None = None


def _desc(el: etree._Element | None, name: str) -> etree._Element | None:
    if el is None:
        return None
    return next(iter(el.iterdescendants("{*}" + name)), None)


def _cover(root: etree._Element, *, path: str, doc_id: str, notes: list) -> _Cover:
    header = child(root, "headerData")
    form_data = child(root, "formData")
    cover = child(form_data, "coverPage")
    if cover is None:
        raise InputError(path, place(root), "13F cover page without <coverPage>")
    form = text_at(header, "submissionType") or "13F-HR"
    cik = normalize_cik(text(_desc(_desc(header, "filer"), "cik")))
    name = name_at(cover, "filingManager", "name", notes=notes)
    if not name and not cik:
        raise InputError(path, place(cover), "13F cover page names no manager (name or CIK)")
    period = date_at(header, "filerInfo", "periodOfReport", path=path) or date_at(
        cover, "reportCalendarOrQuarter", path=path
    )
    prov = Provenance(path, FORMAT, doc_id, xpath=xpath_of(cover), phrase=name)
    mid = party_id(cik=cik, name=name)
    manager = Party(
        id=mid,
        name=name or f"CIK {cik}",
        kind=NodeKind.ENTITY,
        identifiers=(("cik", cik),) if cik else (),
        provenance=(prov,),
    )
    amend = (text_at(cover, "isAmendment") or "").lower() in ("true", "y", "yes", "1")
    out = _Cover(
        manager_id=mid,
        manager_name=manager.name,
        cik=cik,
        period=period,
        form=form,
        report_type=text_at(cover, "reportType"),
        amendment=amend,
        file_number=text_at(cover, "form13FFileNumber"),
        signed=date_at(_desc(form_data, "signatureBlock"), "signatureDate", path=path),
        parties=[manager],
    )
    summary = child(form_data, "summaryPage")
    out.stated_entries = number_at(summary, "tableEntryTotal", path=path)
    out.stated_value = number_at(summary, "tableValueTotal", path=path)
    for om2 in summary.iterdescendants("{*}otherManager2") if summary is not None else ():
        seq = text_at(om2, "sequenceNumber")
        om = child(om2, "otherManager")
        oname = name_at(om, "name", notes=notes)
        ocik = normalize_cik(text_at(om, "cik"))
        ofile = text_at(om, "form13FFileNumber")
        if not seq or not (oname or ocik):
            continue
        idents = tuple(i for i in (("cik", ocik) if ocik else None,) if i)
        p = Party(
            id=party_id(cik=ocik, name=oname),
            name=oname or f"CIK {ocik}",
            kind=NodeKind.ENTITY,
            identifiers=idents,
            provenance=(
                Provenance(path, FORMAT, doc_id, xpath=xpath_of(om2), phrase=oname,
                           note=f"other included manager {seq}" + (f", file {ofile}" if ofile else "")),
            ),
        )  # fmt: skip
        out.others[seq.strip()] = (p.name, p)
        out.parties.append(p)
    return out


# ----------------------------------------------------------------------------- table


def _table(
    root: etree._Element,
    cover: _Cover | None,
    *,
    path: str,
    doc_id: str,
    notes: list,
    findings: list[Finding],
) -> tuple[list[Party], list[Security], list[Holding], dict[str, float]]:
    parties: dict[str, Party] = {}
    securities: dict[str, Security] = {}
    holdings: list[Holding] = []
    values: dict[str, float] = {}
    if cover is None:
        holder = Party(
            id=make_id("party", "form13f-unknown-manager", doc_id),
            name="Manager not stated (13F information table without its cover page)",
            kind=NodeKind.UNKNOWN,
            provenance=(Provenance(path, FORMAT, doc_id, xpath=f"/{TABLE_ROOT}",
                                   note="reason cover-page-not-given"),),
        )  # fmt: skip
        parties[holder.id] = holder
        manager_id, as_of = holder.id, None
        findings.append(
            Finding.of(
                doc_id, "no_cover_page", Severity.WARNING,
                "a 13F information table without its cover page: the manager and the report"
                " period are not stated; load the whole submission to name them",
            )
        )  # fmt: skip
    else:
        manager_id, as_of = cover.manager_id, cover.period
    for i, row in enumerate(children(root, "infoTable"), 1):
        where = place(row)
        issuer = name_at(row, "nameOfIssuer", notes=notes)
        title = text_at(row, "titleOfClass") or "common stock"
        cusip = normalize_cusip(text_at(row, "cusip"))
        if not issuer and not cusip:
            raise InputError(path, where, "infoTable row without nameOfIssuer or cusip")
        if cusip and not re.fullmatch(r"[0-9A-Z]{9}", cusip):
            raise InputError(path, f"{where}/cusip", f"not a CUSIP: {cusip!r}")
        issuer_id = party_id(name=issuer or f"CUSIP {cusip}")
        if issuer_id not in parties:
            parties[issuer_id] = Party(
                id=issuer_id,
                name=issuer or f"CUSIP {cusip}",
                kind=NodeKind.ISSUER,
                provenance=(Provenance(path, FORMAT, doc_id, xpath=xpath_of(row), phrase=issuer),),
            )
        sid = security_id(cusip=cusip, issuer_id=issuer_id, title=title)
        if sid not in securities:
            securities[sid] = Security(
                id=sid, issuer_id=issuer_id, title=title, cusip=cusip,
                provenance=(Provenance(path, FORMAT, doc_id, xpath=xpath_of(row)),),
            )  # fmt: skip
        amount = number_at(row, "shrsOrPrnAmt", "sshPrnamt", path=path)
        kind = (text_at(row, "shrsOrPrnAmt", "sshPrnamtType") or "SH").upper()
        put_call = (text_at(row, "putCall") or "").strip().title() or None
        disc_raw = (text_at(row, "investmentDiscretion") or "").upper()
        disc = DISCRETION.get(disc_raw)
        if disc_raw and disc is None:
            raise InputError(
                path, f"{where}/investmentDiscretion", f"not SOLE, DFND or OTR: {disc_raw!r}"
            )
        va = child(row, "votingAuthority")
        sole_v = number_at(va, "Sole", path=path)
        shared_v = number_at(va, "Shared", path=path)
        none_v = number_at(va, "None", path=path)
        shares = amount if kind == "SH" else None
        nature = None
        if kind == "PRN":
            nature = f"principal amount {amount:,.0f}" if amount is not None else "principal amount"
            findings.append(
                Finding.of(
                    doc_id, "principal_amount", Severity.INFO,
                    f"row {i} ({issuer}, {title}): a principal amount of debt ({amount}), not a"
                    " share count; kept as the holding's nature, shares unknown",
                    evidence=(Provenance(path, FORMAT, doc_id, xpath=xpath_of(row)),),
                )
            )  # fmt: skip
            sole_v = shared_v = none_v = None
        elif shares is not None and None not in (sole_v, shared_v, none_v):
            total = (sole_v or 0) + (shared_v or 0) + (none_v or 0)
            if abs(total - shares) > 0.5:
                findings.append(
                    Finding.of(
                        doc_id, "voting_authority_total", Severity.WARNING,
                        f"row {i} ({issuer}, {title}): voting authority sole {sole_v:,.0f} +"
                        f" shared {shared_v:,.0f} + none {none_v:,.0f} = {total:,.0f}, not the"
                        f" {shares:,.0f} shares of the row",
                        expected=shares, found=total,
                        evidence=(Provenance(path, FORMAT, doc_id, xpath=xpath_of(va)),),
                    )
                )  # fmt: skip
        sole_d = shared_d = None
        if shares is not None and disc is not None:
            sole_d = shares if disc == "sole" else 0.0
            shared_d = shares if disc == "shared" else 0.0
        holders = [(manager_id, None)]
        for seq in re.split(r"[,\s;]+", text_at(row, "otherManager") or ""):
            if not seq:
                continue
            if cover is not None and seq in cover.others:
                holders.append((cover.others[seq][1].id, seq))
            else:
                findings.append(
                    Finding.of(
                        doc_id, "unknown_other_manager", Severity.WARNING,
                        f"row {i} ({issuer}): other manager {seq!r} is not on the cover page",
                        evidence=(Provenance(path, FORMAT, doc_id, xpath=xpath_of(row)),),
                    )
                )  # fmt: skip
        value = number_at(row, "value", path=path)
        for holder_id, seq in holders:
            hid = make_id("holding", doc_id, holder_id, i)
            prov = Provenance(
                path, FORMAT, doc_id, xpath=xpath_of(row),
                phrase=f"{issuer} {title} {amount} {kind}" + (f" {put_call}" if put_call else ""),
                note=f"other included manager {seq}" if seq else None,
            )  # fmt: skip
            holdings.append(
                Holding(
                    id=hid,
                    document_id=doc_id,
                    holder_id=holder_id,
                    security_id=sid,
                    instrument=Instrument.OPTION
                    if put_call
                    else (Instrument.OTHER if kind == "PRN" else Instrument.COMMON),
                    shares=shares,
                    as_of=as_of,
                    right_to_acquire=False,
                    derivative=put_call is not None,
                    nature_of_ownership=nature,
                    title=f"{title} ({put_call})" if put_call else title,
                    provenance=(prov,),
                    sole_voting=sole_v,
                    shared_voting=shared_v,
                    no_voting=none_v,
                    sole_dispositive=sole_d,
                    shared_dispositive=shared_d,
                )
            )
            if value is not None:
                values[hid] = value
    return list(parties.values()), list(securities.values()), holdings, values


# ----------------------------------------------------------------------------- documents


def _findings(doc_id: str, path: str, notes: list) -> list[Finding]:
    return [
        Finding.of(
            doc_id, "name_cleaned", Severity.INFO, f"{where}: {note}",
            evidence=(Provenance(path, FORMAT, doc_id, xpath=where),),
        )
        for where, note in notes
    ]  # fmt: skip


def _build(
    cover_xml: bytes | None, table_xml: bytes | None, *, path: str, sha: str
) -> ParsedDocument:
    doc_id = document_id(sha)
    notes: list[tuple[str, str]] = []
    findings: list[Finding] = []
    cover = None
    if cover_xml is not None:
        cover = _cover(parse_xml(cover_xml, path=path, roots=(COVER_ROOT,)), path=path,
                       doc_id=doc_id, notes=notes)  # fmt: skip
    parties: list[Party] = list(cover.parties) if cover else []
    securities: list[Security] = []
    holdings: list[Holding] = []
    values: dict[str, float] = {}
    if table_xml is not None:
        root = parse_xml(table_xml, path=path, roots=(TABLE_ROOT,))
        p2, securities, holdings, values = _table(
            root, cover, path=path, doc_id=doc_id, notes=notes, findings=findings
        )
        parties += p2
        rows = len(children(root, "infoTable"))
        if cover and cover.stated_entries is not None and cover.stated_entries != rows:
            findings.append(
                Finding.of(
                    doc_id, "table_entry_total", Severity.WARNING,
                    f"the cover page states {cover.stated_entries:,.0f} table entries; the"
                    f" information table has {rows:,}",
                    expected=cover.stated_entries, found=rows,
                )
            )  # fmt: skip
    elif cover is not None and "NOTICE" not in (cover.report_type or "").upper():
        findings.append(
            Finding.of(
                doc_id, "no_information_table", Severity.WARNING,
                "a 13F cover page without its information table: no holdings are read; load"
                " the whole submission (the .txt) to read them",
            )
        )  # fmt: skip
    form = cover.form if cover else "13F-HR"
    if cover and cover.amendment and not form.endswith("/A"):
        form += "/A"
    document = Document(
        id=doc_id,
        path=path,
        format=FORMAT,
        sha256=sha,
        form=form,
        event_date=cover.period if cover else None,
        filed_date=cover.signed if cover else None,
        title=cover.report_type if cover else "13F information table",
    )
    extra: dict[str, Any] = {
        "manager": {"name": cover.manager_name, "cik": cover.cik, "file_number": cover.file_number}
        if cover
        else None,
        "other_included_managers": {s: n for s, (n, _) in cover.others.items()} if cover else {},
        "report_type": cover.report_type if cover else None,
        "table_value_total": cover.stated_value if cover else None,
        "values": values,
    }
    return ParsedDocument(
        document=document,
        parties=tuple(dict((p.id, p) for p in parties).values()),
        securities=tuple(securities),
        holdings=tuple(holdings),
        findings=tuple(dict((f.id, f) for f in (*findings, *_findings(doc_id, path, notes))).values()),
        extra=extra,
    )  # fmt: skip


def parse(fp: IO[bytes], *, path: str) -> ParsedDocument:
    """Parse a 13F cover page or a 13F information table (one XML file)."""
    data = fp.read()
    sha = sha256_bytes(data)
    if sniff_root(data[:4096]) == TABLE_ROOT:
        return _build(None, data, path=path, sha=sha)
    return _build(data, None, path=path, sha=sha)


_DOCUMENT = re.compile(rb"<DOCUMENT>(.*?)(?:</DOCUMENT>|\Z)", re.S | re.I)
_XML = re.compile(rb"<XML>\s*(.*?)\s*(?:</XML>|\Z)", re.S | re.I)


def parse_submission(data: bytes, *, path: str) -> ParsedDocument:
    """Parse a full EDGAR 13F submission: its cover page and its information table."""
    cover = table = None
    for m in _DOCUMENT.finditer(data):
        x = _XML.search(m.group(1))
        if x is None:
            continue
        xml = x.group(1).lstrip(b"\xef\xbb\xbf \t\r\n")
        root = sniff_root(xml[:4096])
        if root == COVER_ROOT and cover is None:
            cover = xml
        elif root == TABLE_ROOT and table is None:
            table = xml
    if cover is None and table is None:
        raise InputError(path, "submission", "no 13F cover page or information table inside")
    return _build(cover, table, path=path, sha=sha256_bytes(data))
