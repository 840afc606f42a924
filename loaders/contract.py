"""The JSON contract of ``ownergraph parse FILE --json`` (other tools read it: keep the keys).

Numbers are numbers (percent as 2.28), absent values ``null``, never 0.
"""

from __future__ import annotations

from typing import Any

from ownergraph.graph.model import ParsedDocument, to_dict


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def to_contract(parsed: ParsedDocument) -> dict[str, Any]:
    """Render a parsed document as the contract's plain data."""
    doc = parsed.document
    names = {p.id: p.name for p in parsed.parties}
    secs = {s.id: s for s in parsed.securities}
    issuer = parsed.party(doc.issuer_id) if doc.issuer_id else None
    sec = secs.get(doc.security_id) if doc.security_id else None
    if sec is None and issuer is not None:
        sec = next((s for s in parsed.securities if s.issuer_id == issuer.id), None)
    out: dict[str, Any] = {
        "source": {"path": doc.path, "format": doc.format.value, "sha256": doc.sha256},
        "document_id": doc.id,
        "form": doc.form,
        "amendment_no": doc.amendment_no,
        "accession": doc.accession,
        "previous_accession": doc.previous_accession,
        "event_date": doc.event_date.isoformat() if doc.event_date else None,
        "issuer": {
            "name": issuer.name if issuer else None,
            "cik": issuer.identifier("cik") if issuer else None,
            "cusip": sec.cusip if sec else None,
            "ticker": sec.ticker if sec else None,
            "security_title": sec.title if sec else None,
        },
        "outstanding": _num(doc.outstanding),
        "reporting_persons": [
            {
                "name": rp.name,
                "name_as_filed": rp.name_as_filed,
                "party_id": rp.party_id,
                "cik": rp.cik,
                "type": list(rp.type_codes),
                "citizenship": rp.citizenship,
                "member_of_group": rp.member_of_group,
                "source_of_funds": list(rp.source_of_funds),
                "sole_voting": _num(rp.sole_voting),
                "shared_voting": _num(rp.shared_voting),
                "sole_dispositive": _num(rp.sole_dispositive),
                "shared_dispositive": _num(rp.shared_dispositive),
                "aggregate": _num(rp.aggregate),
                "percent_of_class": rp.percent_of_class,
                "components": [
                    {"instrument": c.instrument.value, "shares": _num(c.shares)}
                    for c in rp.components
                ],
                "notes": list(rp.notes),
            }
            for rp in parsed.positions
        ],
        "holdings": [
            {
                "holder": names.get(h.holder_id, h.holder_id),
                "holder_id": h.holder_id,
                "security": (secs[h.security_id].title if h.security_id in secs else h.security_id),
                "instrument": h.instrument.value,
                "shares": _num(h.shares),
                "derivative": h.derivative,
                "right_to_acquire": h.right_to_acquire,
                "direct_or_indirect": h.direct_or_indirect.value,
                "nature_of_ownership": h.nature_of_ownership,
                "as_of": h.as_of.isoformat() if h.as_of else None,
                "exercise_price": h.exercise_price,
                "exercise_date": h.exercise_date.isoformat() if h.exercise_date else None,
                "expiration_date": h.expiration_date.isoformat() if h.expiration_date else None,
            }
            for h in parsed.holdings
        ],
        "relationships": [
            {
                "controller": names.get(lk.controller_id, lk.controller_id),
                "controlled": names.get(lk.controlled_id, lk.controlled_id),
                "controller_id": lk.controller_id,
                "controlled_id": lk.controlled_id,
                "kind": lk.kind.value,
                "role": lk.role.value,
                "power": lk.power.value if lk.power else None,
                "share_min": lk.share.minimum if lk.share else None,
                "share_max": lk.share.maximum if lk.share else None,
                "share_exclusive_min": lk.share.exclusive_minimum if lk.share else None,
                "share_exclusive_max": lk.share.exclusive_maximum if lk.share else None,
                "interest_types": list(lk.interest_types),
                "beneficial": lk.beneficial,
                "direct_or_indirect": lk.direct_or_indirect.value,
                "evidence": "; ".join(p.phrase for p in lk.provenance if p.phrase) or None,
            }
            for lk in parsed.links
        ],
        "parties": [
            {
                "id": p.id,
                "name": p.name,
                "kind": p.kind.value,
                "names": list(p.names),
                "identifiers": [list(i) for i in p.identifiers],
            }
            for p in parsed.parties
        ],
        "findings": [to_dict(f) for f in parsed.findings],
    }
    owners = parsed.extra.get("reporting_owners")
    if owners:  # Forms 3/4/5: reporting owners with their relationship flags
        out["reporting_owners"] = owners
    return out
