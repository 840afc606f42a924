"""Schedule 13D/13G structured XML (``primary_doc.xml``, EDGAR schema X0202, since Dec 2024).

Reads the header (submission type, previous accession, filer CIK), the cover page header
(class title, event date, amendment number, issuer name / CIK / CUSIPs, nested or not),
every reporting person's cover page (13D ``reportingPersonInfo`` and 13G
``coverPageHeaderReportingPersonDetails``, read by element name, not position), the
comments and the Items text, and the signatures.

Choices where the schema or the issue is silent:

- **Namespaces** are ignored (default namespace or ``sch:`` prefixes read alike).
- **Numbers** are read with :func:`graph.clean.parse_number` (fractional units allowed);
  a bad one raises ``InputError`` naming its XPath. A blank row stays ``None``.
- **amendment_no** is the ``amendmentNo`` element; ``None`` when the filing does not
  state one (an original filing states none, so it is not invented as 0).
- **Control links** come only from phrases (see :mod:`loaders.sec_grammar`) in the
  reporting persons' comments and the Items; the same link stated in several places is
  one :class:`~graph.model.Link` with every phrase in its provenance. A reporting
  person named "X, a series of Y" states that Y is the series' parent (Role.PARENT).
  Parties named only in text (e.g. "BlueArc Core Alternatives, LLC") become nodes.
- **Holdings** (who holds directly): a reporting person stated to hold the shares
  ("held by X", "owned directly by the Fund", "held of record by X") holds its own
  row 11. Where no holder is stated, the reporting persons that the document does not
  state to control anyone (the leaves of the stated links) hold their row 11, marked
  ``DirectOrIndirect.UNKNOWN`` with a provenance note; for a lone filer (a 13G by a
  parent holding company) that is the filer itself. A zero row 11 (an exit filing) is a
  holding of 0 shares: zero, not unknown.
- **Filer CIK**: the header's ``cik`` is the filer's. A document with one reporting person
  that gives no CIK of its own (and does not state ``reportingPersonNoCIK`` Y) is filed by
  that person: the party carries the filer CIK as its ``cik`` identifier (its id stays the
  name-based one; the cover page's ``cik`` stays as filed), so resolution joins it to the
  same CIK from a 13F or a Form 3/4/5 even under another spelling.
- **Instrument**: units for "units" classes, preferred for "preferred", else common.
- **Outstanding** is read from "based on N shares ... outstanding as of DATE".
- **Findings** (ownership matters only): Item 5 power statements that contradict every
  cover page (sole vs shared); Item 5(b) persons and figures vs the cover pages; Item 4
  of a 13G vs its cover; holders' rows not adding up to the controllers' row 11;
  percentages that the stated denominator does not give; a 13D below 5 %; a holder of
  record the document does not link to any reporting person; Item 2 naming the other
  schedule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import IO, Any

from lxml import etree

from ownergraph.graph.clean import parse_date, parse_number, sha256_bytes
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
    Link,
    ParsedDocument,
    Party,
    Provenance,
    ReportedPosition,
    Security,
)
from ownergraph.graph.vocab import (
    DirectOrIndirect,
    EdgeKind,
    NodeKind,
    Power,
    Role,
    Severity,
    SourceFormat,
)
from ownergraph.loaders import submission
from ownergraph.loaders.sec13dg_xml_findings import xml_findings
from ownergraph.loaders.sec13dg_xml_text import (
    director_and_signer_links,
    exhibit_texts,
    flat,
    instrument_of,
    item7_links,
    natural_order,
    respectively_holdings,
    signature_chain_links,
)
from ownergraph.loaders.sec_grammar import extract_links, reachable
from ownergraph.loaders.sec_stated_holdings import stated_holdings
from ownergraph.loaders.sec_terms import NameBook, define_terms
from ownergraph.loaders.xmlsafe import (
    child,
    date_at,
    local_name,
    name_at,
    number_at,
    parse_xml,
    percent_at,
    place,
    sniff_root,
    text,
    text_at,
    xpath_of,
)

FORMAT = SourceFormat.SEC13DG_XML
ROOT = "edgarSubmission"

_PERSON_BLOCKS = ("reportingPersonInfo", "coverPageHeaderReportingPersonDetails")


def sniff(head: bytes) -> bool:
    """True for an ``edgarSubmission`` whose content is a Schedule 13D or 13G.

    >>> sniff(b'<edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13D">')
    True
    >>> sniff(b'<edgarSubmission xmlns="http://www.sec.gov/edgar/thirteenffiler">')
    False
    """
    if sniff_root(head) != ROOT:
        return False
    low = head.lower()
    return any(s in low for s in (b"schedule13d", b"schedule13g", b"schedule 13d", b"schedule 13g"))


# ----------------------------------------------------------------------------- helpers


def _desc(el: etree._Element | None, *names: str) -> etree._Element | None:
    """The first descendant whose local name is one of ``names``."""
    if el is None:
        return None
    return next(el.iter(*("{*}" + n for n in names)), None)


def _desc_all(el: etree._Element | None, *names: str) -> list[etree._Element]:
    if el is None:
        return []
    return list(el.iter(*("{*}" + n for n in names)))  # document order, ``el`` included


def _num(el: etree._Element | None, *names: str, path: str) -> float | None:
    node = _desc(el, *names)
    return number_at(node, path=path) if node is not None else None


def _yes(el: etree._Element | None) -> bool | None:
    s = text(el)
    if s is None:
        return None
    return s.strip().upper() in ("Y", "YES", "TRUE", "1")


_OUTSTANDING = re.compile(
    r"based\s+(?:up)?on\s+(?:a\s+total\s+of\s+)?(?P<n>\d[\d,]*(?:\.\d+)?)\s+"
    r"(?:shares|units)\b[^.]{0,160}?\boutstanding\b"
    r"(?:\s+as\s+of\s+(?P<d>[A-Z][a-z]+\s+\d{1,2},\s+\d{4}))?",
    re.I,
)


#: "held by X", "held directly by X", "held of record by X", "owned directly by the Fund",
#: "directly held by X" (not "beneficially owned by": that is a 13d-3 claim, not holding).
_HOLDER_LEAD = re.compile(
    r"(?:\bheld\s+(?:directly\s+|of\s+record\s+)?by|\bowned\s+directly\s+by"
    r"|\bdirectly\s+(?:held|owned)\s+by)\s+(?:the\s+)?$",
    re.I,
)


@dataclass
class _Person:
    key: str
    name: str
    cik: str | None
    codes: tuple[str, ...]
    block: etree._Element
    position: ReportedPosition | None = None
    spellings: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------- parse


def parse(fp: IO[bytes], *, path: str) -> ParsedDocument:
    """Parse a Schedule 13D/13G ``primary_doc.xml`` into records (no database, no network)."""
    data = fp.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    return _parse(data, path=path)


def parse_submission(data: bytes, *, path: str) -> ParsedDocument:
    """Parse the XML 13D/G inside a full EDGAR submission, with its exhibits: the Item 7
    subsidiary list an exhibit carries ("See Exhibit 99") is read as Item 7 itself."""
    env = submission.unwrap(data)
    if env is None:
        raise InputError(path, "start of file", "no XML Schedule 13D/13G in this submission")
    return _parse(env.xml, path=path, exhibits=env.exhibits)


def _parse(
    data: bytes, *, path: str, exhibits: tuple[dict[str, str | None], ...] = ()
) -> ParsedDocument:
    sha = sha256_bytes(data)
    doc_id = document_id(sha)
    root = parse_xml(data, path=path, roots=(ROOT,))
    header = child(root, "headerData")
    form_data = child(root, "formData")
    stype_el = child(header, "submissionType")
    form = text(stype_el)
    if not form or not re.search(r"13[DG]", form.upper()):
        raise InputError(
            path,
            place(stype_el) if stype_el is not None else f"/{ROOT}/headerData",
            f"not a Schedule 13D/13G submission (submissionType {form!r})",
        )
    if form_data is None:
        raise InputError(path, f"/{ROOT}", "no formData element")
    prov = Provenance(path=path, format=FORMAT, document_id=doc_id)

    # --- header and cover page header
    previous_accession = text_at(header, "previousAccessionNumber")
    filer_cik = normalize_cik(text(_desc(header, "cik")))
    cover = child(form_data, "coverPageHeader")
    amendment = _num(cover, "amendmentNo", path=path)
    class_title = text_at(cover, "securitiesClassTitle")
    event_el = _desc(cover, "dateOfEvent", "eventDateRequiresFilingThisStatement")
    event_date = date_at(event_el, path=path) if event_el is not None else None
    issuer_info = _desc(cover, "issuerInfo")
    issuer_cik = normalize_cik(text(_desc(issuer_info, "issuerCIK", "issuerCik")))
    name_notes: list[tuple[str, str]] = []  # names cleaned at the boundary (graph.clean)
    issuer_name = name_at(_desc(issuer_info, "issuerName"), notes=name_notes)
    cusips = []
    for el in issuer_info.iter() if issuer_info is not None else ():
        if isinstance(el.tag, str) and "cusip" in local_name(el).lower() and len(el) == 0:
            c = normalize_cusip(text(el))
            if c and c not in cusips:
                cusips.append(c)
    if not issuer_name and not issuer_cik:
        raise InputError(path, f"/{ROOT}/formData/coverPageHeader", "no issuer name or CIK")

    issuer_key = party_id(cik=issuer_cik, name=issuer_name)
    issuer_spellings = [issuer_name] if issuer_name else []
    if issuer_name and re.search(r"\(f/k/a", issuer_name, re.I):
        issuer_spellings.append(re.split(r"\s*\(f/k/a", issuer_name, flags=re.I)[0])
    sec_id = security_id(
        cusip=cusips[0] if cusips else None, issuer_id=issuer_key, title=class_title
    )
    instrument = instrument_of(class_title)

    # --- reporting persons
    persons: list[_Person] = []
    for block in _desc_all(form_data, *_PERSON_BLOCKS):
        name_el = _desc(block, "reportingPersonName")
        name = name_at(name_el, notes=name_notes)
        if not name:
            raise InputError(path, place(block), "reporting person without a name")
        cik = normalize_cik(text(_desc(block, "reportingPersonCIK", "reportingPersonCik")))
        codes = tuple(t for t in (text(e) for e in _desc_all(block, "typeOfReportingPerson")) if t)
        key = party_id(cik=cik, name=name)
        persons.append(_Person(key, name, cik, codes, block, spellings=[name]))
    if not persons:
        raise InputError(path, f"/{ROOT}/formData", "no reporting person")
    # the header's CIK is the filer's: a lone reporting person without a CIK of its own (and
    # not stated "no CIK") is the filer, so it carries that CIK as an identifier (its id is
    # unchanged); resolution then joins it to the same CIK from a 13F, Form 3/4/5 or 13D/G
    lone = persons[0] if len(persons) == 1 else None
    filer_of_lone = (
        filer_cik
        if lone is not None
        and filer_cik
        and not lone.cik
        and filer_cik != issuer_cik
        and not _yes(_desc(lone.block, "reportingPersonNoCIK"))
        else None
    )

    book = NameBook(issuer_key=issuer_key)
    book.add_party(issuer_key, issuer_name or issuer_cik or "issuer", spellings=issuer_spellings)
    series_links: list[tuple[str, str, str, etree._Element]] = []
    for p in persons:
        m = re.match(r"^(?P<short>.+?),\s+a\s+series\s+of\s+(?P<parent>.+)$", p.name, re.I)
        if m:
            p.spellings.append(m.group("short").strip())
        if "IN" in p.codes:
            p.spellings += natural_order(p.name)
        book.add_party(p.key, p.name, person="IN" in p.codes, spellings=p.spellings[1:])
        if m:
            parent_key = book.key_for_text_name(m.group("parent").strip())
            series_links.append((parent_key, p.key, m.group(0), p.block))
    if len(persons) == 1:
        for term in ("Reporting Person", "reporting person", "Filing Person"):
            book.add_alias(term, (persons[0].key,))

    # --- texts: comments (deduplicated) then the Items
    texts: list[tuple[str, etree._Element]] = []
    seen_text: set[str] = set()
    for p in persons:
        for el in _desc_all(p.block, "commentContent", "comments", "footnotes"):
            t = text(el)
            if t and t not in seen_text:
                seen_text.add(t)
                texts.append((flat(el.text or t), el))
    items_el = child(form_data, "items1To7")
    if items_el is None:
        items_el = child(form_data, "items")
    items: dict[str, dict[str, str]] = {}
    for item in list(items_el) if items_el is not None else []:
        if not isinstance(item.tag, str):
            continue
        fields: dict[str, str] = {}
        for el in item.iter():
            if isinstance(el.tag, str) and len(el) == 0 and text(el):
                fields[local_name(el)] = text(el) or ""
                if local_name(el) not in ("notApplicableFlag",) and el.text:
                    texts.append((flat(el.text), el))
        items[local_name(item)] = fields
    # a lone filer's Item 2 name is his name as the text spells it ("Polatov Eli" filed,
    # "Eli Polatov" in Item 2)
    item2_name = " ".join((items.get("item2", {}).get("filingPersonName") or "").split())
    if len(persons) == 1 and item2_name and "\n" not in item2_name and len(item2_name) < 120:
        if item2_name not in persons[0].spellings and not re.search(r"[;:]", item2_name):
            persons[0].spellings.append(item2_name)
            book.add_party(
                persons[0].key,
                persons[0].name,
                person="IN" in persons[0].codes,
                spellings=persons[0].spellings[1:],
            )
    # the short exhibits of a submission (a joint filing agreement, a statement of the
    # relations), without their signature blocks: read by the grammar like the Items
    ex_texts = exhibit_texts(exhibits)
    for t, _el in [*texts, *ex_texts]:
        define_terms(t, book)

    # --- links
    link_acc: dict[tuple[str, str, Role], dict[str, Any]] = {}

    def add_link(
        c: str,
        d: str,
        role: Role,
        power: Power | None,
        indirect: bool,
        pv: Provenance,
        voting: Power | None = None,
        investment: Power | None = None,
    ) -> None:
        acc = link_acc.setdefault(
            (c, d, role),
            {
                "power": None,
                "voting": None,
                "investment": None,
                "indirect": indirect,
                "prov": [],
                "roles": [],
            },
        )
        # shared wins over sole, per power (voting and investment stated apart too)
        for key, value in (("power", power), ("voting", voting), ("investment", investment)):
            if value is Power.SHARED or (value is Power.SOLE and acc[key] is None):
                acc[key] = value
        acc["prov"].append(pv)

    for parent_key, series_key, phrase, block in series_links:
        add_link(
            parent_key,
            series_key,
            Role.PARENT,
            None,
            False,
            Provenance(
                path=path,
                format=FORMAT,
                document_id=doc_id,
                xpath=xpath_of(block) + "/reportingPersonName",
                phrase=phrase,
                note="reporting person named as a series of this company",
            ),
        )

    def pv(el: etree._Element | str | None, **kw: Any) -> Provenance:
        xp = xpath_of(el) if el is not None and not isinstance(el, str) else None
        return Provenance(path=path, format=FORMAT, document_id=doc_id, xpath=xp, **kw)

    found = [(sl, el) for t, el in [*texts, *ex_texts] for sl in extract_links(t, book)]
    # no link skips an intermediate the document names: a stated power that a chain of
    # stated links (in any of its texts) already explains is dropped, as in one text
    chain: dict[str, set[str]] = {}
    for sl, _el in found:
        if sl.role is not Role.STATED_POWER:
            chain.setdefault(sl.controller, set()).add(sl.controlled)
    for sl, el in found:
        if sl.role is Role.STATED_POWER and reachable(chain, sl.controller, sl.controlled):
            continue
        where = f" (exhibit {el})" if isinstance(el, str) else ""
        prov = pv(
            el, span=sl.span, phrase=sl.phrase, note=f"role stated as {sl.role_text!r}{where}"
        )
        add_link(
            sl.controller,
            sl.controlled,
            sl.role,
            sl.power,
            sl.indirect,
            prov,
            voting=sl.voting,
            investment=sl.investment,
        )

    signatures_read = [
        (
            text(_desc(sig, "signatureReportingPerson", "reportingPersonName")) or "",
            re.sub(r"^\s*/s/\s*", "", text(_desc(sig, "signature")) or "").strip(),
            text(_desc(sig, "title")) or "",
            sig,
        )
        for sig in _desc_all(form_data, "signaturePerson", "signatureInformation")
    ]
    director_and_signer_links(texts, signatures_read, book, link_acc, add_link, pv)
    chains = [
        (
            rp,
            [
                (text(_desc(d, "signature")) or "", text(_desc(d, "title")) or "")
                for d in (_desc_all(sig, "signatureDetails") or [sig])
            ],
            sig,
        )
        for rp, _s, _t, sig in signatures_read
    ]
    signature_chain_links(chains, book, link_acc, add_link, pv)
    # Item 7: the subsidiaries a parent holding company identifies (in the Item or the
    # exhibit it points to) are its subsidiaries as Rule 13d-1(b)(1)(ii)(G) states
    hc = [p.key for p in persons if "HC" in p.codes] or (
        [persons[0].key] if len(persons) == 1 else []
    )
    item7_keys = item7_links(
        hc, items.get("item7", {}), exhibits, book, issuer_key, add_link, pv, items_el
    )
    links = [
        Link(
            id=make_id("link", doc_id, c, d, role.value),
            document_id=doc_id,
            kind=EdgeKind.CONTROLS,
            controller_id=c,
            controlled_id=d,
            role=role,
            power=acc["power"],
            voting=acc["voting"],
            investment=acc["investment"],
            direct_or_indirect=DirectOrIndirect.INDIRECT
            if acc["indirect"]
            else DirectOrIndirect.DIRECT,
            as_of=event_date,
            provenance=tuple(acc["prov"]),
        )
        for (c, d, role), acc in link_acc.items()
    ]

    # --- group (row 2 box (a))
    group_key = None
    group_links: list[Link] = []

    # --- positions
    positions: list[ReportedPosition] = []
    for i, p in enumerate(persons):
        b = p.block
        grp_el = _desc(b, "memberOfGroup", "memberGroup")
        grp = (text(grp_el) or "").strip().lower() or None
        if grp not in (None, "a", "b"):
            raise InputError(path, place(grp_el), f"member of group must be a or b, not {grp!r}")
        pct_el = _desc(b, "percentOfClass", "classPercent")
        pos = ReportedPosition(
            id=make_id("position", doc_id, i, p.key),
            document_id=doc_id,
            party_id=p.key,
            name=p.name,
            name_as_filed=p.name,
            cik=p.cik,
            type_codes=p.codes,
            citizenship=text(_desc(b, "citizenshipOrOrganization")),
            member_of_group=grp,
            source_of_funds=tuple(t for t in (text(e) for e in _desc_all(b, "fundType")) if t),
            sole_voting=_num(b, "soleVotingPower", path=path),
            shared_voting=_num(b, "sharedVotingPower", path=path),
            sole_dispositive=_num(b, "soleDispositivePower", path=path),
            shared_dispositive=_num(b, "sharedDispositivePower", path=path),
            aggregate=_num(
                b,
                "aggregateAmountOwned",
                "reportingPersonBeneficiallyOwnedAggregateNumberOfShares",
                path=path,
            ),
            percent_of_class=percent_at(pct_el, path=path) if pct_el is not None else None,
            percent_text=text(pct_el) if pct_el is not None else None,
            excludes_certain_shares=_yes(
                _desc(b, "isAggregateExcludeShares", "aggregateAmountExcludesCertainSharesFlag")
            ),
            notes=("no CIK (reportingPersonNoCIK)",)
            if _yes(_desc(b, "reportingPersonNoCIK"))
            else (),
            provenance=(
                Provenance(path=path, format=FORMAT, document_id=doc_id, xpath=xpath_of(b)),
            ),
        )
        p.position = pos
        positions.append(pos)
        if grp == "a":
            if group_key is None:
                group_key = make_id("party", "group", doc_id)
            group_links.append(
                Link(
                    id=make_id("link", doc_id, p.key, group_key, Role.GROUP_MEMBER.value),
                    document_id=doc_id,
                    kind=EdgeKind.MEMBER_OF,
                    controller_id=p.key,
                    controlled_id=group_key,
                    role=Role.GROUP_MEMBER,
                    as_of=event_date,
                    provenance=(
                        Provenance(
                            path=path,
                            format=FORMAT,
                            document_id=doc_id,
                            xpath=xpath_of(grp_el),
                            phrase="member of a group: (a)",
                        ),
                    ),
                )
            )

    # --- outstanding
    outstanding = outstanding_as_of = None
    for t, _el in texts:
        m = _OUTSTANDING.search(t)
        if m:
            outstanding = parse_number(m.group("n"))
            if m.group("d"):
                try:
                    outstanding_as_of = parse_date(m.group("d"))
                except ValueError:
                    outstanding_as_of = None
            break

    # --- holdings
    by_key = {p.key: p for p in persons}
    stated_holders: dict[str, Provenance] = {}
    other_holders: list[tuple[str, Provenance]] = []
    for t, el in texts:
        for m in book.mentions(t):
            lead = t[max(0, m.start - 40) : m.start]
            if _HOLDER_LEAD.search(lead):
                for k in m.keys:
                    if k in by_key and k not in stated_holders:
                        s0 = max(0, m.start - 40)
                        stated_holders[k] = Provenance(
                            path=path,
                            format=FORMAT,
                            document_id=doc_id,
                            xpath=xpath_of(el),
                            span=(s0, m.end),
                            phrase=" ".join(t[s0 : m.end].split()),
                        )
        for m in re.finditer(
            r"held\s+of\s+record\s+by\s+(?P<n>[A-Z][\w.&\-]*(?:\s+[A-Z][\w.&\-]*)*)", t
        ):
            nm = m.group("n").strip()
            if not any(k in by_key for x in book.mentions(nm) for k in x.keys):
                other_holders.append(
                    (
                        nm,
                        Provenance(
                            path=path,
                            format=FORMAT,
                            document_id=doc_id,
                            xpath=xpath_of(el),
                            span=m.span(),
                            phrase=" ".join(t[max(0, m.start() - 80) : m.end()].split()),
                        ),
                    )
                )
    # the Item 7 list says who acquired the shares, not how many each holds: the filer
    # stays the holder of its row 11
    controllers = {
        lk.controller_id for lk in links if (lk.controller_id, lk.controlled_id) not in item7_keys
    }
    if stated_holders:
        holders = [(k, stated_holders[k], DirectOrIndirect.DIRECT, None) for k in stated_holders]
    else:
        leaves = [p.key for p in persons if p.key not in controllers]
        if not leaves:  # every filer controls someone: those that control no other filer
            filed = {p.key for p in persons}
            over_filers = {lk.controller_id for lk in links if lk.controlled_id in filed}
            leaves = [p.key for p in persons if p.key not in over_filers]
        note = (
            "the document does not state who holds directly; held by the reporting person(s)"
            " it does not state to control anyone (leaves of the stated links), row 11 as filed"
        )
        holders = [
            (
                k,
                Provenance(
                    path=path,
                    format=FORMAT,
                    document_id=doc_id,
                    xpath=xpath_of(by_key[k].block),
                    note=note,
                ),
                DirectOrIndirect.UNKNOWN,
                note,
            )
            for k in leaves
        ]
    holdings: list[Holding] = []
    for k, pv, doi, _note in holders:
        pos = by_key[k].position
        shares = pos.aggregate if pos else None
        holdings.append(
            Holding(
                id=make_id("holding", doc_id, k, sec_id, instrument.value),
                document_id=doc_id,
                holder_id=k,
                security_id=sec_id,
                instrument=instrument,
                shares=shares,
                as_of=event_date,
                direct_or_indirect=doi,
                title=class_title,
                provenance=(pv,),
                # the holder's own powers as its cover page files them (rows 5-8)
                sole_voting=pos.sole_voting if pos else None,
                shared_voting=pos.shared_voting if pos else None,
                sole_dispositive=pos.sole_dispositive if pos else None,
                shared_dispositive=pos.shared_dispositive if pos else None,
            )
        )

    # counts the text gives per holder ("issued N Common Shares and M Common Shares to A
    # and B, respectively"; "A holds N shares"): a holding of that count for a holder that
    # has none yet
    have = {h.holder_id for h in holdings}
    for t, el in texts:
        for sh in [*respectively_holdings(t, book), *stated_holdings(t, book)]:
            if sh.shares is None or sh.holder in have or sh.holder == issuer_key:
                continue
            have.add(sh.holder)
            holdings.append(
                Holding(
                    id=make_id("holding", doc_id, sh.holder, sec_id, instrument.value),
                    document_id=doc_id,
                    holder_id=sh.holder,
                    security_id=sec_id,
                    instrument=instrument,
                    shares=sh.shares,
                    as_of=event_date,
                    direct_or_indirect=DirectOrIndirect.DIRECT,
                    title=class_title,
                    provenance=(
                        Provenance(
                            path=path,
                            format=FORMAT,
                            document_id=doc_id,
                            xpath=xpath_of(el),
                            span=sh.span,
                            phrase=sh.phrase,
                            note="holding stated in the text",
                        ),
                    ),
                )
            )

    # --- parties
    used = {issuer_key} | {p.key for p in persons} | have
    used |= {lk.controller_id for lk in links} | {lk.controlled_id for lk in links}
    holder_keys = {h.holder_id for h in holdings}
    parties: list[Party] = []
    parties.append(
        Party(
            id=issuer_key,
            name=issuer_name or f"CIK {issuer_cik}",
            kind=NodeKind.ISSUER,
            names=tuple(issuer_spellings),
            identifiers=(("cik", issuer_cik),) if issuer_cik else (),
            provenance=(
                Provenance(
                    path=path,
                    format=FORMAT,
                    document_id=doc_id,
                    xpath=xpath_of(issuer_info) if issuer_info is not None else None,
                ),
            ),
        )
    )
    for p in persons:
        kind = NodeKind.PERSON if "IN" in p.codes else NodeKind.ENTITY
        controlled = {lk.controlled_id for lk in links}
        if kind is NodeKind.ENTITY and p.key in holder_keys and p.key in controlled:
            kind = NodeKind.FUND  # a holder that managers control
        parties.append(
            Party(
                id=p.key,
                name=p.name,
                kind=kind,
                names=tuple(p.spellings),
                identifiers=(("cik", p.cik or filer_of_lone),)
                if p.cik or (p is lone and filer_of_lone)
                else (),
                jurisdiction=p.position.citizenship if p.position else None,
                type_codes=p.codes,
                provenance=p.position.provenance if p.position else (),
            )
        )
    for k in sorted(used - {issuer_key} - {p.key for p in persons}):
        first = next(
            (lk.provenance[0] for lk in links if k in (lk.controller_id, lk.controlled_id)), prov
        )
        parties.append(
            Party(
                id=k,
                name=book.names.get(k, k),
                kind=NodeKind.ENTITY,
                names=tuple(book.spellings.get(k, [])),
                provenance=(first,),
            )
        )
    if group_key:
        parties.append(
            Party(id=group_key, name=f"Group ({form}, {issuer_name})", kind=NodeKind.GROUP)
        )
        links.extend(group_links)

    security = Security(
        id=sec_id,
        issuer_id=issuer_key,
        title=class_title or "common stock",
        cusip=cusips[0] if cusips else None,
        provenance=(
            Provenance(
                path=path,
                format=FORMAT,
                document_id=doc_id,
                xpath=xpath_of(cover) if cover is not None else None,
            ),
        ),
    )
    document = Document(
        id=doc_id,
        path=path,
        format=FORMAT,
        sha256=sha,
        form=form,
        amendment_no=int(amendment) if amendment is not None else None,
        previous_accession=previous_accession,
        event_date=event_date,
        issuer_id=issuer_key,
        security_id=sec_id,
        outstanding=outstanding,
        outstanding_as_of=outstanding_as_of,
        title=class_title,
    )

    findings = xml_findings(
        doc_id=doc_id,
        path=path,
        form=form,
        persons=persons,
        positions=positions,
        items=items,
        items_el=items_el,
        holdings=holdings,
        links=links,
        book=book,
        outstanding=outstanding,
        other_holders=other_holders,
        issuer_name=issuer_name,
    )
    findings = [
        *findings,
        *(
            _finding(doc_id, "name_cleaned", Severity.WARNING, f"{where}: {note}")
            for where, note in name_notes
        ),
    ]
    signatures = [
        {
            "reporting_person": text(_desc(s, "signatureReportingPerson", "reportingPersonName")),
            "signature": text(_desc(s, "signature")),
            "title": text(_desc(s, "title")),
            "date": text(_desc(s, "date")),
        }
        for s in _desc_all(form_data, "signaturePerson", "signatureInformation")
    ]
    extra: dict[str, Any] = {
        "filer_cik": filer_cik,
        "submission_type": form,
        "previously_filed": _yes(_desc(cover, "previouslyFiledFlag")),
        "security_class": class_title,
        "cusips": cusips,
        "rules": [
            t
            for t in (text(e) for e in _desc_all(cover, "designateRulePursuantThisScheduleFiled"))
            if t
        ],
        "items": items,
        "comments": [
            text(el) for _t, el in texts if local_name(el) in ("commentContent", "comments")
        ],
        "signatures": signatures,
        "holders_of_record_not_linked": [n for n, _ in other_holders],
    }
    return ParsedDocument(
        document=document,
        parties=tuple(parties),
        securities=(security,),
        holdings=tuple(holdings),
        links=tuple(links),
        positions=tuple(positions),
        findings=tuple(findings),
        extra=extra,
    )


_finding = Finding.of
