"""Findings of the Schedule 13D/13G XML loader (:mod:`loaders.sec13dg_xml`): ownership
matters the filing states against itself (Item 5 power statements vs the cover pages, Item
5(b) and 13G Item 4 figures vs the cover pages, holders' rows vs row 11, percentages vs the
stated denominator, a 13D below 5 %, a holder of record linked to nobody, Item 2 naming the
other schedule).
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from ownergraph.graph.clean import parse_number
from ownergraph.graph.model import Finding, Holding, Link, Provenance, ReportedPosition
from ownergraph.graph.vocab import EdgeKind, Severity, SourceFormat
from ownergraph.loaders.sec_terms import NameBook
from ownergraph.loaders.xmlsafe import child, xpath_of

FORMAT = SourceFormat.SEC13DG_XML

_finding = Finding.of


def _desc(el: etree._Element | None, *names: str) -> etree._Element | None:
    """The first descendant whose local name is one of ``names``."""
    if el is None:
        return None
    return next(el.iter(*("{*}" + n for n in names)), None)


_POWER_CLAIM = re.compile(
    r"(?:have|has)\s+(?:the\s+)?(?P<kind>sole|shared)\s+(?:voting|dispositive|power)[^.;]*", re.I
)
_ITEM5B = re.compile(
    r"has\s+the\s+(?P<kind>sole|shared)\s+power\s+to\s+(?P<what>vote|dispose)[^0-9]*?"
    r"(?P<n>\d[\d,]*(?:\.\d+)?)",
    re.I,
)


def xml_findings(
    *,
    doc_id: str,
    path: str,
    form: str,
    persons: list[Any],
    positions: list[ReportedPosition],
    items: dict[str, dict[str, str]],
    items_el: etree._Element | None,
    holdings: list[Holding],
    links: list[Link],
    book: NameBook,
    outstanding: float | None,
    other_holders: list[tuple[str, Provenance]],
    issuer_name: str | None,
) -> list[Finding]:
    out: list[Finding] = []
    ev = Provenance(path=path, format=FORMAT, document_id=doc_id)

    def item_prov(item: str, fieldname: str, phrase: str | None = None) -> Provenance:
        el = _desc(child(items_el, item), fieldname) if items_el is not None else None
        return Provenance(
            path=path,
            format=FORMAT,
            document_id=doc_id,
            xpath=xpath_of(el) if el is not None else None,
            phrase=phrase,
        )

    # Item 5 power statements vs every cover page
    item5 = items.get("item5", {})
    for fname in ("percentageOfClassSecurities", "numberOfShares"):
        t = item5.get(fname) or ""
        for m in _POWER_CLAIM.finditer(t):
            claim = m.group(0)
            if re.search(r"\bof\s+0\b", claim) or "has the" in claim.lower():
                continue
            kind = m.group("kind").lower()
            # a page reports no such power only when both rows say 0; a blank row is unknown
            rows = [
                (pos.sole_voting, pos.sole_dispositive)
                if kind == "sole"
                else (pos.shared_voting, pos.shared_dispositive)
                for pos in positions
            ]
            if positions and all(v is not None and v == 0 for r in rows for v in r):
                out.append(
                    _finding(
                        doc_id,
                        "power_contradiction",
                        Severity.WARNING,
                        f"Item 5 says the reporting persons have {kind} power, but every cover"
                        f" page reports 0 {kind} voting and dispositive power",
                        expected=f"{kind} power on the cover pages",
                        found={
                            pos.name: {
                                "sole_voting": pos.sole_voting,
                                "shared_voting": pos.shared_voting,
                            }
                            for pos in positions
                        },
                        subject_ids=tuple(pos.party_id for pos in positions),
                        evidence=(item_prov("item5", fname, " ".join(claim.split())),),
                    )
                )
                break
    # Item 5(b) per-person statements vs the cover pages
    t5b = item5.get("numberOfShares") or ""
    if _ITEM5B.search(t5b):
        stated: dict[str, dict[str, float]] = {}
        sentences = re.split(
            r"(?<=\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)\s+(?=[A-Z])", t5b
        )
        for s in sentences:
            first = _ITEM5B.search(s)
            if not first:
                continue
            subj = [
                m
                for m in book.mentions(s[: first.start()])
                if set(m.keys) & {p.key for p in persons}
            ]
            if not subj:
                continue
            key = next(k for k in subj[-1].keys if k in {p.key for p in persons})
            vals = stated.setdefault(key, {})
            for m in _ITEM5B.finditer(s):
                n = parse_number(m.group("n"))
                if n is None:  # a blank figure is unknown, not 0
                    continue
                what = "voting" if m.group("what").lower() == "vote" else "dispositive"
                vals[f"{m.group('kind').lower()}_{what}"] = n
        missing = [p for p in persons if p.key not in stated]
        if stated and missing:
            out.append(
                _finding(
                    doc_id,
                    "item5b_missing_person",
                    Severity.INFO,
                    "Item 5(b) gives power figures for some reporting persons but not for "
                    + ", ".join(p.name for p in missing),
                    expected=[p.name for p in persons],
                    found=[book.names[k] for k in stated],
                    subject_ids=tuple(p.key for p in missing),
                    evidence=(item_prov("item5", "numberOfShares"),),
                )
            )
        for pos in positions:
            for attr, v in stated.get(pos.party_id, {}).items():
                filed = getattr(pos, attr)
                if filed is not None and abs(filed - v) > 0.005:
                    out.append(
                        _finding(
                            doc_id,
                            "item5b_differs",
                            Severity.WARNING,
                            f"Item 5(b) gives {pos.name} {attr.replace('_', ' ')} {v:,.2f};"
                            f" the cover page {filed:,.2f}",
                            expected=filed,
                            found=v,
                            subject_ids=(pos.party_id,),
                            evidence=(item_prov("item5", "numberOfShares"),),
                        )
                    )
    # 13G Item 4 vs the cover page (single reporting person)
    item4 = items.get("item4", {})
    if len(positions) == 1 and "amountBeneficiallyOwned" in item4:
        pos = positions[0]
        pairs = {
            "amountBeneficiallyOwned": pos.aggregate,
            "solePowerOrDirectToVote": pos.sole_voting,
            "sharedPowerOrDirectToVote": pos.shared_voting,
            "solePowerOrDirectToDispose": pos.sole_dispositive,
            "sharedPowerOrDirectToDispose": pos.shared_dispositive,
        }
        for fname, filed in pairs.items():
            raw = item4.get(fname)
            if raw is None:
                continue
            try:
                v = parse_number(raw)
            except ValueError:
                continue
            if v is not None and filed is not None and abs(v - filed) > 0.005:
                out.append(
                    _finding(
                        doc_id,
                        "item4_differs",
                        Severity.WARNING,
                        f"Item 4 {fname} is {v:,.2f}; the cover page says {filed:,.2f}",
                        expected=filed,
                        found=v,
                        subject_ids=(pos.party_id,),
                        evidence=(item_prov("item4", fname, raw),),
                    )
                )
    # holders' rows vs the controllers' row 11 (union, not sum: Rule 13d-3)
    by_key = {p.key: p for p in persons}
    holder_total = sum(h.shares or 0 for h in holdings)
    # in link order (a set's order changes from run to run with the hash seed)
    controllers = dict.fromkeys(lk.controller_id for lk in links if lk.kind is EdgeKind.CONTROLS)
    for k in controllers:
        p = by_key.get(k)
        if p and p.position and p.position.aggregate is not None and holdings:
            if abs(p.position.aggregate - holder_total) > 0.005:
                out.append(
                    _finding(
                        doc_id,
                        "holdings_do_not_add_up",
                        Severity.WARNING,
                        f"{p.name} reports {p.position.aggregate:,.2f} (row 11), but the holders'"
                        f" rows add up to {holder_total:,.2f}",
                        expected=p.position.aggregate,
                        found=holder_total,
                        subject_ids=(k,),
                        evidence=p.position.provenance,
                    )
                )
    # percent vs stated denominator
    if outstanding:
        for pos in positions:
            if pos.aggregate is None or pos.percent_of_class is None:
                continue
            computed = pos.aggregate / outstanding * 100
            if abs(computed - pos.percent_of_class) > 0.051:
                out.append(
                    _finding(
                        doc_id,
                        "percent_mismatch",
                        Severity.WARNING,
                        f"{pos.name}: {pos.aggregate:,.2f} / {outstanding:,.2f} = {computed:.2f} %,"
                        f" but row 13 says {pos.percent_of_class} %",
                        expected=round(computed, 2),
                        found=pos.percent_of_class,
                        subject_ids=(pos.party_id,),
                        evidence=pos.provenance,
                    )
                )
    # a 13D below the 5 % threshold
    pcts = [pos.percent_of_class for pos in positions if pos.percent_of_class is not None]
    if "13D" in form.upper() and "/A" not in form.upper() and pcts and max(pcts) < 5:
        out.append(
            _finding(
                doc_id,
                "below_threshold",
                Severity.INFO,
                f"an original Schedule 13D reporting at most {max(pcts)} % (below 5 %)",
                expected=">= 5",
                found=max(pcts),
                evidence=(ev,),
            )
        )
    # Item 2 names the other schedule
    item2 = (items.get("item2", {}) or {}).get("filingPersonName") or ""
    other = "13G" if "13D" in form.upper() else "13D"
    if re.search(rf"Schedule\s+{other}\b", item2):
        out.append(
            _finding(
                doc_id,
                "form_named_differently",
                Severity.INFO,
                f"Item 2 speaks of a Schedule {other} in a {form}",
                expected=form,
                found=f"Schedule {other}",
                evidence=(item_prov("item2", "filingPersonName", f"Schedule {other}"),),
            )
        )
    # holders of record the document does not link to anyone
    for nm, pv in other_holders:
        out.append(
            _finding(
                doc_id,
                "holder_not_linked",
                Severity.INFO,
                f"shares held of record by {nm}; the document does not state how {nm} relates"
                " to the reporting person(s)",
                found=nm,
                subject_ids=tuple(p.key for p in persons),
                evidence=(pv,),
            )
        )
    return out
