"""Findings of the Forms 3/4/5 loader (:mod:`loaders.form345`) about who holds the rows and
when the form was due: an indirect row that a footnote gives back to the reporting owner, a
holder no stated link ties to any reporting owner, a form signed after its deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from lxml import etree

from ownergraph.graph.model import Finding, Holding, Link, Party, Provenance
from ownergraph.graph.vocab import DirectOrIndirect, Severity
from ownergraph.loaders.form345_calendar import add_business_days, next_business_day
from ownergraph.loaders.xmlsafe import child, children, date_at, text

_finding = Finding.of


def holder_findings(
    *,
    doc_id: str,
    links: list[Link],
    parties: list[Party],
    owner_keys: list[str],
    row_holders: list[tuple[int, str, DirectOrIndirect, etree._Element, Provenance]],
    pv: Callable[..., Provenance],
) -> list[Finding]:
    """An indirect row the footnote gives to the owner himself; a holder linked to no owner."""
    findings: list[Finding] = []
    down: dict[str, set[str]] = {}
    for lk in links:
        down.setdefault(lk.controller_id, set()).add(lk.controlled_id)

    def reach(src: str) -> set[str]:
        seen: set[str] = set()
        stack = [src]
        while stack:
            for n in down.get(stack.pop(), ()):
                if n not in seen:
                    seen.add(n)
                    stack.append(n)
        return seen

    reachable = {k: reach(k) for k in owner_keys}
    names = {p.id: p.name for p in parties}
    for index_, hk, doi, row, hprov in row_holders:
        if doi is DirectOrIndirect.INDIRECT and hk in owner_keys:
            if not any(hk in reachable[o] for o in owner_keys if o != hk):
                findings.append(
                    _finding(
                        doc_id,
                        "direct_indirect_inconsistent",
                        Severity.WARNING,
                        f"row {index_} is coded indirect (I), but its footnote says the reporting"
                        f" owner {names[hk]} holds it himself and no other reporting owner is"
                        " stated to control him",
                        expected="D",
                        found="I",
                        subject_ids=(hk,),
                        evidence=(hprov,),
                    )
                )
        elif hk not in owner_keys and not any(hk in r for r in reachable.values()):
            findings.append(
                _finding(
                    doc_id,
                    "intermediary_not_linked",
                    Severity.INFO,
                    f"row {index_}: {names.get(hk, hk)} holds shares, but the form does not state"
                    " how it relates to any reporting owner",
                    subject_ids=(hk,),
                    evidence=(pv(row),),
                )
            )
    return findings


def deadline_finding(
    *,
    doc_id: str,
    root: etree._Element,
    doc_type: str,
    period: dt.date | None,
    holdings: list[Holding],
    owner_keys: list[str],
    path: str,
    pv: Callable[..., Provenance],
) -> list[Finding]:
    """A form signed after its deadline (Form 3: 10 days; 4: two business days; 5: 45 days)."""
    findings: list[Finding] = []
    sig_dates = []
    for s in children(root, "ownerSignature"):
        d_el = child(s, "signatureDate")
        if d_el is not None and text(d_el):
            sig_dates.append(date_at(d_el, path=path))
    signed = max((d for d in sig_dates if d), default=None)
    tx_dates = [h.as_of for h in holdings if h.as_of and h.as_of != period]
    form_no = doc_type[0]
    due = None
    if period:
        # business days count weekends and federal holidays out; a deadline on a day the
        # Commission is closed moves to the next business day (Rule 0-3(a))
        if form_no == "3":
            due = next_business_day(period + dt.timedelta(days=10))
        elif form_no == "4":
            due = add_business_days(max([*tx_dates, period]), 2)
        elif form_no == "5":
            due = next_business_day(period + dt.timedelta(days=45))
    if signed and due and signed > due:
        findings.append(
            _finding(
                doc_id,
                "late_filing",
                Severity.WARNING,
                f"Form {doc_type} for the period {period} was signed {signed}, after its deadline {due}",
                expected=due.isoformat(),
                found=signed.isoformat(),
                subject_ids=tuple(owner_keys),
                evidence=(pv(child(root, "periodOfReport")),),
            )
        )
    return findings
