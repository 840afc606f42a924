"""Exports of the whole store: BODS 0.4, GraphML and a canonical JSON dump.

Each export is a pure function returning ``str`` (or ``bytes`` for GraphML): the same
content gives the same output, whatever order the documents were loaded in; nothing here
reads the clock or the network.

* :func:`to_bods` — BODS 0.4 statements (a JSON array) from a graph built over *every*
  record of the store (:func:`full_graph`: all holdings and links, not only those in force;
  merged parties as one record). Parties become entity / person records (``recordId`` is
  the party id; unknown parties ``unknownEntity``; Rule 13d-5 groups ``arrangement``); each
  link becomes one relationship record with **one** interest (so a re-parse gives back one
  link per link); each holding becomes a relationship from the holder to the issuer with a
  ``shareholding`` interest (``conditionalRightsGrantedByContract`` for rights to acquire)
  whose ``details`` carry the share count; no percentage is invented. Roles without a BODS
  interest type (general partner, investment manager, GLEIF consolidation ...) are
  ``otherInfluenceOrControl`` with the role in ``details``. ``statementId`` is a sha1 of the
  statement's content. Settlor / trustee / protector interests make their subject an
  ``arrangement`` of subtype ``trust`` (BODS requires it); person identifiers that are not
  ``{ISO3}-{PASSPORT|TAXID|IDCARD}`` (a CIK) travel as annotations, not identifiers;
  ``nominee`` / ``nominator`` are written as ``otherInfluenceOrControl`` with the word in
  ``details`` (libcovebods 0.16 rejects them whatever the subject). ``publicationDate`` defaults to the latest date found in the store
  (not today, so the output is a function of the store). Component relationships come
  before the relationships that list them, as BODS requires.
* :func:`to_graphml` — networkx GraphML of the same full graph, every non-scalar attribute
  (records, enums, shares) turned into a string (JSON for records), ``None`` dropped.
* :func:`to_json` — every table of the store as sorted, canonical JSON (``seq`` numbers,
  which record load order, are left out).

>>> import tempfile, pathlib
>>> from ownergraph.graph.store import Store
>>> s = Store(pathlib.Path(tempfile.mkdtemp()) / "e.db")
>>> json.loads(to_bods(full_graph(s)))
[]
>>> to_json(s) == to_json(s)
True
>>> s.close()
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from enum import Enum
from typing import Any

import networkx as nx

from ownergraph.graph.model import Holding, Link, Party, Security, link_passes, link_power, to_dict
from ownergraph.graph.store import Store, build_graph
from ownergraph.graph.vocab import DirectOrIndirect, EdgeKind, NodeKind, Role

#: Formats :func:`export` writes.
FORMATS = ("bods", "graphml", "json", "ftm")

_BODS_TYPES = {
    "shareholding", "votingRights", "appointmentOfBoard", "otherInfluenceOrControl",
    "seniorManagingOfficial", "settlor", "trustee", "protector", "beneficiaryOfLegalArrangement",
    "rightsToSurplusAssetsOnDissolution", "rightsToProfitOrIncome", "rightsGrantedByContract",
    "conditionalRightsGrantedByContract", "controlViaCompanyRulesOrArticles",
    "controlByLegalFramework", "boardMember", "boardChair", "unknownInterest",
    "unpublishedInterest", "enjoymentAndUseOfAssets", "rightToProfitOrIncomeFromAssets",
    "nominee", "nominator",
}  # fmt: skip
#: Early (0.1/0.2) kebab-case interest types -> 0.4 codes.
_OLD_TYPES = {
    "voting-rights": "votingRights",
    "appointment-of-board": "appointmentOfBoard",
    "influence-or-control": "otherInfluenceOrControl",
    "other-influence-or-control": "otherInfluenceOrControl",
    "other-influence-or-control-of-trust": "otherInfluenceOrControl",
    "senior-managing-official": "seniorManagingOfficial",
    "settlor-of-trust": "settlor",
    "trustee-of-trust": "trustee",
    "protector-of-trust": "protector",
    "beneficiary-of-trust": "beneficiaryOfLegalArrangement",
    "rights-to-surplus-assets": "rightsToSurplusAssetsOnDissolution",
    "rights-to-surplus-assets-on-dissolution": "rightsToSurplusAssetsOnDissolution",
    "rights-to-profit-or-income": "rightsToProfitOrIncome",
    "rights-granted-by-contract": "rightsGrantedByContract",
    "conditional-rights-granted-by-contract": "conditionalRightsGrantedByContract",
}
_ROLE_TYPES = {
    Role.SHAREHOLDER: "shareholding",
    Role.VOTING_RIGHTS: "votingRights",
    Role.APPOINTMENT_OF_BOARD: "appointmentOfBoard",
    Role.DIRECTOR: "boardMember",
    Role.OFFICER: "seniorManagingOfficial",
    Role.TRUSTEE: "trustee",
    Role.SETTLOR: "settlor",
    Role.PROTECTOR: "protector",
    Role.BENEFICIARY: "beneficiaryOfLegalArrangement",
}
# "nominee"/"nominator" are left out: libcovebods 0.16 flags them whatever the subject is.
_TRUST_TYPES = {"settlor", "trustee", "protector"}
_COUNTRY = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
_ORG_ID = re.compile(r"^[A-Z]{2}-[A-Z0-9]+$")
_SCHEME_NAMES = {
    "cik": "SEC Central Index Key",
    "irs": "US IRS Employer Identification Number",
    "cusip": "CUSIP",
    "tabular": "ownergraph tabular id",
}


# --------------------------------------------------------------------------- graph


def full_graph(store: Store) -> nx.MultiDiGraph:
    """The graph of every record in the store (all holdings and links, merges applied).

    :meth:`Store.graph` keeps only what is in force; an export is of the whole store.
    """
    return build_graph(
        store.parties(),
        store.securities(),
        store.holdings(),
        store.links(),
        store.documents(),
        positions=store.positions(),
        merges=store.merges(),
    )


# --------------------------------------------------------------------------- BODS


def _statement_id(*parts: Any) -> str:
    """A 40-character statement id (BODS wants 32-64) from the statement's content."""
    h = hashlib.sha1()
    for p in parts:
        h.update(json.dumps(p, sort_keys=True, ensure_ascii=False, default=str).encode())
        h.update(b"\x1f")
    return h.hexdigest()


def _latest_date(g: nx.MultiDiGraph) -> str:
    dates: list[dt.date] = []
    for d in g.graph.get("documents", {}).values():
        dates.extend(x for x in (d.filed_date, d.event_date) if x)
    for _, _, rec in g.edges(data="record"):
        if isinstance(rec, Link):
            dates.extend(x for x in (rec.as_of, rec.start_date) if x)
    return max(dates).isoformat() if dates else "1970-01-01"


def _identifiers(p: Party) -> list[dict[str, str]]:
    out = []
    for scheme, value in p.identifiers:
        if scheme == "bods":  # the source's own recordId: provenance, not an identifier
            continue
        if scheme == "lei" and p.kind != NodeKind.PERSON:
            out.append(
                {
                    "id": value,
                    "scheme": "XI-LEI",
                    "schemeName": "Global Legal Entity Identifier Index",
                }
            )
        elif _ORG_ID.match(scheme) and p.kind != NodeKind.PERSON:
            out.append({"id": value, "scheme": scheme})
        else:
            out.append({"id": value, "schemeName": _SCHEME_NAMES.get(scheme, scheme)})
    return out


def _party_details(p: Party) -> tuple[str, dict[str, Any]]:
    others = [n for n in p.names if n != p.name]
    if p.kind == NodeKind.PERSON:
        details: dict[str, Any] = {
            "isComponent": p.is_component,
            "personType": "knownPerson",
            "names": [{"type": "legal", "fullName": p.name}]
            + [{"type": "alternative", "fullName": n} for n in others],
        }
        if p.jurisdiction and _COUNTRY.match(p.jurisdiction) and len(p.jurisdiction) == 2:
            details["nationalities"] = [{"name": p.jurisdiction, "code": p.jurisdiction}]
        rtype = "person"
    else:
        etype = {NodeKind.UNKNOWN: "unknownEntity", NodeKind.GROUP: "arrangement"}.get(
            p.kind, "registeredEntity"
        )
        details = {"isComponent": p.is_component, "entityType": {"type": etype}, "name": p.name}
        if p.kind == NodeKind.UNKNOWN:
            details["unspecifiedEntityDetails"] = {"reason": "unknown", "description": p.name}
        if others:
            details["alternateNames"] = others
        if p.jurisdiction:
            jur = {"name": p.jurisdiction}
            if _COUNTRY.match(p.jurisdiction):
                jur["code"] = p.jurisdiction
            details["jurisdiction"] = jur
        rtype = "entity"
    idents = _identifiers(p)
    if p.kind == NodeKind.PERSON:
        # BODS person schemes must be {ISO3}-{PASSPORT|TAXID|IDCARD}; a CIK is none of these,
        # so person identifiers travel as an annotation instead of being dropped.
        idents = [i for i in idents if "scheme" in i]
    if idents:
        details["identifiers"] = idents
    return rtype, details


def _annotations(p: Party) -> list[dict[str, str]]:
    """Person identifiers BODS cannot carry as identifiers (CIK ...), as comments."""
    if p.kind != NodeKind.PERSON:
        return []
    out = []
    for i in _identifiers(p):
        if "scheme" not in i:
            out.append(
                {
                    "statementPointerTarget": "/recordDetails/names/0",
                    "motivation": "commenting",
                    "description": f"{i['schemeName']}: {i['id']}",
                }
            )
    return out


def _share(share: Any) -> dict[str, float] | None:
    if share is None or (share.minimum is None and share.maximum is None):
        return None
    if share.is_exact:
        return {"exact": share.minimum}
    out = {}
    if share.minimum is not None:
        out["exclusiveMinimum" if share.exclusive_minimum else "minimum"] = share.minimum
    if share.maximum is not None:
        out["exclusiveMaximum" if share.exclusive_maximum else "maximum"] = share.maximum
    return out


def _link_interest(lk: Link) -> dict[str, Any]:
    stated = lk.interest_types[0] if lk.interest_types else None
    itype = _OLD_TYPES.get(stated or "", stated)
    if itype not in _BODS_TYPES:
        itype = _ROLE_TYPES.get(lk.role)
        if itype is None and lk.kind == EdgeKind.OWNS:
            itype = "shareholding"
        if itype is None and lk.role != Role.UNKNOWN_INTEREST:
            itype = "otherInfluenceOrControl"
    notes = [lk.details] if lk.details else []
    if itype in ("nominee", "nominator"):  # see _TRUST_TYPES: libcovebods flags these always
        notes.insert(0, itype)
        itype = "otherInfluenceOrControl"
    if itype == "otherInfluenceOrControl" and lk.role not in (Role.SIGNIFICANT_INFLUENCE,):
        notes.insert(0, f"{lk.kind.value}: {lk.role.value.replace('_', ' ')}")
    powers = _link_powers_note(lk)
    if powers:
        notes.append(powers)
    interest: dict[str, Any] = {}
    if itype:
        interest["type"] = itype
    interest["directOrIndirect"] = lk.direct_or_indirect.value
    if lk.beneficial is not None:
        interest["beneficialOwnershipOrControl"] = lk.beneficial
    share = _share(lk.share)
    if share:
        interest["share"] = share
    if lk.start_date:
        interest["startDate"] = lk.start_date.isoformat()
    if lk.end_date:
        interest["endDate"] = lk.end_date.isoformat()
    if notes:
        interest["details"] = "; ".join(notes)
    return interest


def _link_powers_note(lk: Link) -> str | None:
    """ "passes voting power (shared) only" where a link states its powers apart."""
    if lk.voting is None and lk.investment is None and not lk.passes:
        return None
    said = []
    for authority in link_passes(lk):
        power = link_power(lk, authority)
        said.append(f"{authority.value} power" + (f" ({power.value})" if power else ""))
    only = " only" if len(said) == 1 else ""
    return "passes " + " and ".join(said) + only


def _holding_powers_note(h: Holding) -> str | None:
    """The holder's filed powers over a position (rows 7-10), where filed."""
    rows = (
        ("sole voting", h.sole_voting),
        ("shared voting", h.shared_voting),
        ("no voting", h.no_voting),
        ("sole dispositive", h.sole_dispositive),
        ("shared dispositive", h.shared_dispositive),
    )
    said = [f"{name} {value:,.0f}" for name, value in rows if value is not None]
    return "powers as filed: " + ", ".join(said) if said else None


def _holding_interest(h: Holding, sec: Security | None) -> dict[str, Any]:
    parts = [
        f"{h.shares:,.0f}" if h.shares is not None else "unknown number of",
        (h.title or (sec.title if sec else None) or "shares"),
        f"({h.instrument.value})",
    ]
    if sec and sec.cusip:
        parts.append(f"CUSIP {sec.cusip}")
    if h.as_of:
        parts.append(f"as of {h.as_of.isoformat()}")
    if h.nature_of_ownership:
        parts.append(f"nature: {h.nature_of_ownership}")
    powers = _holding_powers_note(h)
    if powers:
        parts.append(f"({powers})")
    return {
        "type": "conditionalRightsGrantedByContract"
        if h.right_to_acquire or h.derivative
        else "shareholding",
        "directOrIndirect": h.direct_or_indirect.value
        if h.direct_or_indirect in (DirectOrIndirect.DIRECT, DirectOrIndirect.INDIRECT)
        else "unknown",
        "details": " ".join(parts),
    }


def to_bods(g: nx.MultiDiGraph, *, publication_date: str | None = None) -> str:
    """BODS 0.4 statements for a graph (see the module docstring for the mapping).

    The result passes :func:`loaders.bods.validate` with no results on well-formed stores;
    tests check it on every fixture.
    """
    pub = {
        "publicationDate": publication_date or _latest_date(g),
        "bodsVersion": "0.4",
        "publisher": {"name": "ownergraph"},
    }
    docs = g.graph.get("documents", {})
    aliases: dict[str, str] = g.graph.get("aliases", {})
    parties = {
        n: rec for n, rec in g.nodes(data="record") if isinstance(rec, Party) and n is not None
    }

    def source(document_id: str | None) -> dict[str, Any] | None:
        d = docs.get(document_id)
        if d is None:
            return None
        desc = " ".join(x for x in (d.form, d.accession, d.path) if x)
        return {"description": desc} if desc else None

    def doc_date(document_id: str | None) -> str | None:
        d = docs.get(document_id)
        x = (d.event_date or d.filed_date) if d else None
        return x.isoformat() if x else None

    rels: list[tuple[str, dict[str, Any], list[str], str | None, str | None]] = []
    for u, v, key, rec in sorted(g.edges(keys=True, data="record"), key=lambda e: str(e[2])):
        if u not in parties:
            continue
        if isinstance(rec, Link) and v in parties:
            comps = [aliases.get(c, c) for c in rec.component_ids]
            date = rec.as_of or rec.start_date
            rels.append(
                (
                    key,
                    {"subject": v, "interestedParty": u, "interests": [_link_interest(rec)]},
                    comps,
                    date.isoformat() if date else None,
                    rec.document_id,
                )
            )
        elif isinstance(rec, Holding):
            sec = g.nodes[v].get("record") if v in g else None
            issuer = (
                aliases.get(sec.issuer_id, sec.issuer_id) if isinstance(sec, Security) else None
            )
            if issuer is None or issuer not in parties or issuer == u:
                continue
            rels.append(
                (
                    key,
                    {
                        "subject": issuer,
                        "interestedParty": u,
                        "interests": [_holding_interest(rec, sec)],
                    },
                    [],
                    rec.as_of.isoformat() if rec.as_of else None,
                    rec.document_id,
                )
            )
    # Trust interests (settlor, trustee, protector) need a subject entity of subtype trust;
    # a person subject cannot be one, so those fall back to otherInfluenceOrControl.
    trusts: set[str] = set()
    for _, details, *_ in rels:
        for it in details["interests"]:
            if it.get("type") in _TRUST_TYPES:
                subject = parties[details["subject"]]
                if subject.kind == NodeKind.PERSON:
                    it["details"] = "; ".join(x for x in (it["type"], it.get("details")) if x)
                    it["type"] = "otherInfluenceOrControl"
                else:
                    trusts.add(subject.id)

    statements: list[dict[str, Any]] = []
    for pid in sorted(parties):
        p = parties[pid]
        rtype, details = _party_details(p)
        if pid in trusts:
            details["entityType"] = {"type": "arrangement", "subtype": "trust"}
        seen = sorted(x for x in (doc_date(pr.document_id) for pr in p.provenance) if x)
        st = {
            "statementId": _statement_id("party", pid, details),
            "declarationSubject": pid,
            "statementDate": seen[-1] if seen else pub["publicationDate"],
            "publicationDetails": pub,
            "recordId": pid,
            "recordType": rtype,
            "recordStatus": "new",
            "recordDetails": details,
        }
        notes = _annotations(p)
        if notes:
            st["annotations"] = notes
        statements.append(st)

    rel_ids = {r[0] for r in rels}
    component_rels = {c for r in rels for c in r[2] if c in rel_ids}
    # components first (BODS: a component comes before the relationship listing it)
    rels.sort(key=lambda r: (r[0] not in component_rels, r[0]))
    for rid, details, comps, date, doc_id in rels:
        known = [c for c in comps if c in rel_ids or c in parties]
        details = {"isComponent": rid in component_rels and not known, **details}
        if known and not details["isComponent"]:
            details["componentRecords"] = known
        st = {
            "statementId": _statement_id("relationship", rid, details),
            "declarationSubject": details["subject"],
            "publicationDetails": pub,
            "recordId": rid,
            "recordType": "relationship",
            "recordStatus": "new",
            "recordDetails": details,
        }
        st["statementDate"] = date or doc_date(doc_id) or pub["publicationDate"]
        src = source(doc_id)
        if src:
            st["source"] = src
        statements.append(st)
    return json.dumps(statements, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- GraphML


#: Characters XML 1.0 cannot hold (C0 controls but tab, LF, CR; surrogates; U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text GraphML can hold: characters XML 1.0 forbids become U+FFFD (a name loaded
    before names were cleaned at the boundary must not make the export fail).

    >>> xml_safe("Bob\\x00Example")
    'Bob\\ufffdExample'
    """
    return _NOT_XML.sub("\ufffd", text)


def _scalar(value: Any) -> str | int | float | bool | None:
    if value is None:
        return None
    if isinstance(value, Enum):
        return xml_safe(str(value.value))
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, bool | int | float):
        return value
    return xml_safe(json.dumps(to_dict(value), sort_keys=True, ensure_ascii=False, default=str))


def _power_attrs(rec: Any) -> dict[str, Any]:
    """Voting and investment power as scalar edge attributes (GraphML readers see them
    without parsing the record JSON): a holding's filed powers, a link's stated powers and
    the powers it passes ("voting,investment")."""
    if isinstance(rec, Holding):
        return {
            k: getattr(rec, k)
            for k in (
                "sole_voting",
                "shared_voting",
                "no_voting",
                "sole_dispositive",
                "shared_dispositive",
            )
            if getattr(rec, k) is not None
        }
    if isinstance(rec, Link) and rec.kind == EdgeKind.CONTROLS:
        out: dict[str, Any] = {"passes": ",".join(a.value for a in link_passes(rec))}
        if rec.voting is not None:
            out["voting"] = rec.voting.value
        if rec.investment is not None:
            out["investment"] = rec.investment.value
        return out
    return {}


def to_graphml(g: nx.MultiDiGraph) -> bytes:
    """GraphML (networkx writer) of a graph: scalars kept, records as JSON strings.

    Reloading with ``networkx.read_graphml`` gives the same node and edge counts.
    """
    out = nx.MultiDiGraph()
    out.graph["name"] = "ownergraph"
    out.graph["documents"] = _scalar(
        sorted(g.graph.get("documents", {}).values(), key=lambda d: d.id)
    )
    for n in sorted(g.nodes, key=str):
        attrs = {k: _scalar(v) for k, v in g.nodes[n].items()}
        out.add_node(xml_safe(str(n)), **{k: v for k, v in attrs.items() if v is not None})
    for u, v, key, data in sorted(
        g.edges(keys=True, data=True), key=lambda e: (str(e[2]), e[0], e[1])
    ):
        attrs = {k: _scalar(x) for k, x in data.items()}
        attrs.update(_power_attrs(data.get("record")))
        out.add_edge(
            xml_safe(str(u)),
            xml_safe(str(v)),
            key=xml_safe(str(key)),
            **{k: x for k, x in attrs.items() if x is not None},
        )
    buf = io.BytesIO()
    nx.write_graphml(out, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


# --------------------------------------------------------------------------- JSON


def to_json(store: Store) -> str:
    """A canonical dump of every table of the store: sorted keys, rows sorted by id.

    Two stores with the same content give identical text whatever the load order; the
    ``seq`` of each row (which records that order) is not part of the content.
    """

    def rows(items: list[Any]) -> list[Any]:
        return sorted((to_dict(x) for x in items), key=lambda d: json.dumps(d, sort_keys=True))

    docs = store.documents()
    parties = store.parties()
    records = [
        {"document_id": doc_id, "party": to_dict(rec)}
        for p in parties
        for doc_id, rec in store.party_records(p.id)
    ]
    data = {
        "format": "ownergraph-store",
        "version": 1,
        "documents": rows(docs),
        "document_extra": {d.id: store.document_extra(d.id) for d in docs},
        "parties": rows(parties),
        "party_records": sorted(records, key=lambda d: json.dumps(d, sort_keys=True)),
        "securities": rows(store.securities()),
        "holdings": rows(store.holdings()),
        "links": rows(store.links()),
        "positions": rows(store.positions()),
        "findings": rows(store.findings()),
        "merges": rows(store.merges()),
    }
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False, default=str) + "\n"


def export(store: Store, fmt: str) -> str | bytes:
    """Export the whole store in one of :data:`FORMATS`."""
    if fmt == "json":
        return to_json(store)
    if fmt == "bods":
        return to_bods(full_graph(store))
    if fmt == "graphml":
        return to_graphml(full_graph(store))
    if fmt == "ftm":  # FollowTheMoney JSON lines (loaders.ftm, FtM's own schema)
        from ownergraph.loaders.ftm import dumps

        return dumps(full_graph(store))
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "export", "full_graph", "to_bods", "to_graphml", "to_json"]
