"""Reconciliation: what a careful reader finds in a filing, computed against what was filed.

Findings come from three places:

* the loader's own findings (components that do not add up, joint filing agreement
  parties vs reporting persons, contradicting "By:" statements, several spellings of one
  party ...), passed through unchanged;
* ``computed_vs_filed``: every cover page (``ReportedPosition``) recomputed with
  :func:`queries.attribution.attribute` over the document's own records; rows 7-11 that
  differ, and row 13 when the outstanding count is known (argument or document), are
  reported with ``expected`` = computed and ``found`` = filed (severity warning);
  ``unattributed_reporting_person`` when no holding reaches a reporting person through the
  links the document states;
* ``implied_denominators``: each filed percent implies an outstanding count under the
  per-person denominator of Rule 13d-3(d)(1)(i), ``aggregate / percent − own rights``, within
  the rounding interval of the filed percent; when the intervals do not overlap the
  percentages cannot all be right for one outstanding count (warning). When they overlap,
  an info finding gives the common interval.

The seed: all seven percentages imply about 44.7 million shares *including* each page's own
rights, but the individuals' own rights (1,547,377 + 1,110,392 = 2,657,769) exceed the first
fund's (433,266 + 310,910 = 744,176) by 1,913,593, so under the per-person denominator the
first fund implies (43,874,249, 44,070,373] and the individuals (42,055,508, 42,109,154]:
disjoint.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from ownergraph.graph.errors import SubjectNotFoundError
from ownergraph.graph.ids import make_id
from ownergraph.graph.model import Finding, ParsedDocument
from ownergraph.graph.store import Store, build_graph
from ownergraph.graph.vocab import NodeKind, Severity
from ownergraph.queries.attribution import (
    Attribution,
    ImpliedOutstanding,
    attribute,
    implied_outstanding,
)

_ROWS = (
    ("sole_voting", "row 7 (sole voting power)", "sole_voting"),
    ("shared_voting", "row 8 (shared voting power)", "shared_voting"),
    ("sole_dispositive", "row 9 (sole dispositive power)", "sole_dispositive"),
    ("shared_dispositive", "row 10 (shared dispositive power)", "shared_dispositive"),
    ("aggregate", "row 11 (aggregate amount)", "aggregate"),
)
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _n(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


def document_graph(parsed: ParsedDocument) -> nx.MultiDiGraph:
    """The control graph of one parsed document alone (no store touched)."""
    return build_graph(
        parsed.parties,
        parsed.securities,
        parsed.holdings,
        parsed.links,
        [parsed.document],
        positions=parsed.positions,
    )


def _security_of(parsed: ParsedDocument, G: nx.MultiDiGraph) -> str | None:
    doc = parsed.document
    if doc.security_id and doc.security_id in G:
        return doc.security_id
    secs = sorted({h.security_id for h in parsed.holdings} | {s.id for s in parsed.securities})
    return secs[0] if secs else None


def computed_vs_filed(parsed: ParsedDocument, att: Attribution) -> list[Finding]:
    """Rows 7-11 (and 13 with a known denominator) recomputed vs as filed, per cover page."""
    doc_id = parsed.document.id
    out: list[Finding] = []
    for rp in parsed.positions:
        person = att.person(rp.party_id)
        if person is None or not person.aggregate.holding_ids:
            filed = rp.aggregate
            out.append(
                Finding(
                    id=make_id("finding", doc_id, "unattributed_reporting_person", rp.party_id),
                    document_id=doc_id,
                    kind="unattributed_reporting_person",
                    severity=Severity.WARNING,
                    message=(
                        f"{rp.name}: no holding reaches this reporting person through the"
                        f" links the document states; filed row 11"
                        f" {_n(filed) if filed is not None else 'blank'}"
                    ),
                    expected=0,
                    found=filed,
                    subject_ids=(rp.party_id,),
                    evidence=rp.provenance,
                )
            )
            continue
        reasons = (
            {d[0]: d[3] for d in person.filed.differences}
            if person.filed is not None and person.filed.position_id == rp.id
            else {}
        )
        for attr, label, fig in _ROWS:
            filed = getattr(rp, attr)
            computed = getattr(person, fig).value
            if filed is None or computed is None or abs(filed - computed) < 0.5:
                continue
            diff = computed - filed
            why = f"; why: {reasons[attr]}" if attr in reasons else ""
            out.append(
                Finding(
                    id=make_id("finding", doc_id, "computed_vs_filed", rp.party_id, attr),
                    document_id=doc_id,
                    kind="computed_vs_filed",
                    severity=Severity.WARNING,
                    message=(
                        f"{rp.name} {label}: computed {_n(computed)} under Rule 13d-3,"
                        f" filed {_n(filed)} ({diff:+,.0f}){why}"
                    ),
                    expected=computed,
                    found=filed,
                    subject_ids=(rp.party_id,),
                    evidence=rp.provenance,
                )
            )
        den = att.denominator
        pct = person.percent.value
        if rp.percent_of_class is not None and pct is not None and not den.implied:
            if abs(round(pct, 2) - rp.percent_of_class) > 0.005 + 1e-9:
                out.append(
                    Finding(
                        id=make_id("finding", doc_id, "computed_vs_filed", rp.party_id, "pct"),
                        document_id=doc_id,
                        kind="computed_vs_filed",
                        severity=Severity.WARNING,
                        message=(
                            f"{rp.name} row 13 (percent of class): computed {pct:.2f}%"
                            f" ({person.percent.note}, Rule 13d-3(d)(1)(i)),"
                            f" filed {rp.percent_of_class:.2f}%"
                        ),
                        expected=round(pct, 2),
                        found=rp.percent_of_class,
                        subject_ids=(rp.party_id,),
                        evidence=rp.provenance,
                    )
                )
    return out


def implied_denominators(parsed: ParsedDocument, att: Attribution | None = None) -> list[Finding]:
    """Do the filed percentages agree on one outstanding count? Rule 13d-3(d)(1)(i).

    Each page implies ``outstanding ∈ (aggregate·100/(p+½u) − rights, aggregate·100/(p−½u)
    − rights]`` (``u`` the last decimal place of the filed percent); all pages must overlap.
    """
    doc_id = parsed.document.id
    pages: list[ImpliedOutstanding] = []
    for rp in parsed.positions:
        rights = None
        if att is not None:
            person = att.person(rp.party_id)
            rights = person.rights_to_acquire.value if person else None
        io = implied_outstanding(rp, rights)
        if io is not None:
            pages.append(io)
    if len(pages) < 2:
        return []
    lo_page = max(pages, key=lambda p: (p.low, p.party_id))
    hi_page = min(pages, key=lambda p: (p.high, p.party_id))
    found = [
        {
            "party_id": p.party_id,
            "name": p.name,
            "percent": p.percent,
            "aggregate": p.aggregate,
            "own_rights": p.own_rights,
            "rights_source": p.rights_source,
            "implied_outstanding": round(p.point),
            "interval": [round(p.low), round(p.high)],
            "implied_total_denominator": round(p.point + p.own_rights),
        }
        for p in sorted(pages, key=lambda p: (p.point, p.party_id))
    ]
    evidence = tuple(
        pv
        for rp in parsed.positions
        if rp.party_id in {lo_page.party_id, hi_page.party_id}
        for pv in rp.provenance
    )
    totals_lo = max(p.low + p.own_rights for p in pages)
    totals_hi = min(p.high + p.own_rights for p in pages)
    if lo_page.low < hi_page.high:
        return [
            Finding(
                id=make_id("finding", doc_id, "implied_denominators"),
                document_id=doc_id,
                kind="implied_denominators",
                severity=Severity.INFO,
                message=(
                    f"the {len(pages)} filed percentages agree with one outstanding count in"
                    f" ({_n(round(lo_page.low))}, {_n(round(hi_page.high))}] under the"
                    " per-person denominator, Rule 13d-3(d)(1)(i)"
                ),
                expected=[round(lo_page.low), round(hi_page.high)],
                found=found,
                subject_ids=tuple(sorted({p.party_id for p in pages})),
                evidence=evidence,
            )
        ]
    gap = hi_page.own_rights - lo_page.own_rights
    same_total = totals_lo < totals_hi
    message = (
        f"the filed percentages imply inconsistent shares outstanding under the per-person"
        f" denominator, Rule 13d-3(d)(1)(i): {lo_page.name} ({lo_page.percent:.2f}%) implies"
        f" ({_n(round(lo_page.low))}, {_n(round(lo_page.high))}], {hi_page.name}"
        f" ({hi_page.percent:.2f}%) implies ({_n(round(hi_page.low))},"
        f" {_n(round(hi_page.high))}]; their own rights to acquire differ by {_n(abs(gap))}"
        " shares, so they cannot all be right for one outstanding count"
    )
    if same_total:
        mid = (totals_lo + totals_hi) / 2
        message += (
            f"; all {len(pages)} pages agree instead on one total of about {_n(round(mid))}"
            " shares including each page's own rights, as if one denominator had been used"
            " for every person"
        )
    return [
        Finding(
            id=make_id("finding", doc_id, "implied_denominators"),
            document_id=doc_id,
            kind="implied_denominators",
            severity=Severity.WARNING,
            message=message,
            expected="one outstanding count consistent with every filed percent",
            found=found,
            subject_ids=tuple(sorted({p.party_id for p in pages})),
            evidence=evidence,
        )
    ]


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Stable order: severity (error first), document, kind, id; duplicates dropped."""
    seen: dict[str, Finding] = {}
    for f in findings:
        seen.setdefault(f.id, f)
    return sorted(
        seen.values(),
        key=lambda f: (
            _SEVERITY_ORDER.get(f.severity, 9),
            f.document_id or "",
            f.kind,
            f.message,
            f.id,
        ),
    )


def reconcile_parsed(parsed: ParsedDocument, *, outstanding: float | None = None) -> list[Finding]:
    """Reconcile one parsed document on its own (nothing read from or written to a store).

    The loader's findings, then cover pages recomputed over the document's own records
    (:func:`computed_vs_filed`) and the implied denominators (:func:`implied_denominators`).
    """
    G = document_graph(parsed)
    findings = list(parsed.findings)
    sec = _security_of(parsed, G)
    att = None
    if sec is not None and parsed.positions:
        att = attribute(G, sec, outstanding=outstanding)
        findings += computed_vs_filed(parsed, att)
    findings += implied_denominators(parsed, att)
    return sort_findings(findings)


def reconcile(
    store: Store,
    subject: str | None = None,
    *,
    outstanding: float | None = None,
    graph: nx.MultiDiGraph | None = None,
) -> list[Finding]:
    """Reconcile loaded documents: all of them, one document id, or an issuer's/class's.

    ``subject`` may be a document id, or an issuer or security (id, name, CIK, CUSIP) whose
    documents are reconciled. Each document is recomputed over its own records, so a later
    amendment never hides an earlier filing's inconsistencies. ``graph`` is the store's graph
    when the caller has already built it. A subject that no loaded document is about (a
    fund, a BODS entity) is refused with one sentence saying so.
    """
    docs = store.documents()
    if subject is not None:
        if store.document(subject) is not None:
            docs = [d for d in docs if d.id == subject]
        else:
            from ownergraph.queries.resolve import resolve_subject

            G = store.graph() if graph is None else graph
            node = resolve_subject(G, subject)
            kind = G.nodes[node].get("kind")
            if kind == NodeKind.SECURITY:
                docs = [d for d in docs if d.security_id == node]
            else:
                docs = [d for d in docs if d.issuer_id == node]
            if not docs:
                name = G.nodes[node].get("name", node)
                label = kind.value if isinstance(kind, NodeKind) else str(kind)
                reason = f"{subject!r} matches {name} ({label}), which no loaded filing is about"
                if kind not in (NodeKind.ISSUER, NodeKind.SECURITY):
                    reason += (
                        " as issuer or security class; reconcile takes a file, a document id,"
                        " or the issuer or class of a loaded filing"
                    )
                raise SubjectNotFoundError(subject, reason=reason)
    out: list[Finding] = []
    for d in docs:
        out += reconcile_parsed(store.parsed(d.id), outstanding=outstanding)
    return sort_findings(out)
