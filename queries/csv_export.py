"""The store as CSV tables for spreadsheets: parties, holdings, links, positions, documents.

One table per record type, one row per record, sorted by id (two stores with the same
documents give the same bytes). Names of the parties and securities at the ends of a
holding or link are written beside their ids, so a sheet reads without lookups. Every cell
that a spreadsheet would run as a formula is neutralised by the project's one guard
(:mod:`queries.csvsafe`), the same as the app's downloads. Files are UTF-8 with a byte
order mark (Excel reads UTF-8 only with it) and CRLF line ends (RFC 4180).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ownergraph.graph.store import Store
from ownergraph.queries.csvsafe import neutralise

#: The tables, in the order they are written.
TABLES = ("parties", "holdings", "links", "positions", "documents")


def _text(x: Any) -> Any:
    if x is None:
        return ""
    if isinstance(x, bool):
        return "true" if x else "false"
    if hasattr(x, "value") and not isinstance(x, int | float | str):
        return x.value
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def _phrases(provenance: Iterable[Any]) -> str:
    return " | ".join(dict.fromkeys(p.phrase for p in provenance if p.phrase))


def _write(header: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(header)
    for row in rows:
        w.writerow([neutralise(_text(c)) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def csv_tables(store: Store) -> dict[str, bytes]:
    """Every table as CSV bytes, keyed by file name (``parties.csv`` ...)."""
    parties = sorted(store.parties(), key=lambda p: p.id)
    securities = sorted(store.securities(), key=lambda s: s.id)
    docs = sorted(store.documents(), key=lambda d: d.id)
    name = {p.id: p.name for p in parties} | {s.id: s.title for s in securities}
    path = {d.id: Path(d.path).name for d in docs}
    out: dict[str, bytes] = {}
    out["parties.csv"] = _write(
        ("id", "name", "kind", "other_names", "identifiers", "jurisdiction", "type_codes"),
        (
            (
                p.id,
                p.name,
                p.kind,
                "; ".join(n for n in p.names if n != p.name),
                "; ".join(f"{s}:{v}" for s, v in p.identifiers),
                p.jurisdiction,
                " ".join(p.type_codes),
            )
            for p in parties
        ),
    )
    out["holdings.csv"] = _write(
        ("id", "document_id", "document", "holder_id", "holder", "security_id", "security")
        + ("instrument", "shares", "as_of", "right_to_acquire", "derivative")
        + ("direct_or_indirect", "nature_of_ownership", "sole_voting", "shared_voting")
        + ("sole_dispositive", "shared_dispositive", "source_text"),
        (
            (
                h.id,
                h.document_id,
                path.get(h.document_id),
                h.holder_id,
                name.get(h.holder_id),
                h.security_id,
                name.get(h.security_id),
                h.instrument,
                h.shares,
                h.as_of,
                h.right_to_acquire,
                h.derivative,
                h.direct_or_indirect,
                h.nature_of_ownership,
                h.sole_voting,
                h.shared_voting,
                h.sole_dispositive,
                h.shared_dispositive,
                _phrases(h.provenance),
            )
            for h in sorted(store.holdings(), key=lambda h: h.id)
        ),
    )
    out["links.csv"] = _write(
        ("id", "document_id", "document", "kind", "controller_id", "controller")
        + ("controlled_id", "controlled", "role", "power", "voting", "investment")
        + ("share_min", "share_max", "as_of", "start_date", "end_date", "details")
        + ("source_text",),
        (
            (
                lk.id,
                lk.document_id,
                path.get(lk.document_id),
                lk.kind,
                lk.controller_id,
                name.get(lk.controller_id),
                lk.controlled_id,
                name.get(lk.controlled_id),
                lk.role,
                lk.power,
                getattr(lk, "voting", None),
                getattr(lk, "investment", None),
                lk.share.minimum if lk.share else None,
                lk.share.maximum if lk.share else None,
                lk.as_of,
                lk.start_date,
                lk.end_date,
                lk.details,
                _phrases(lk.provenance),
            )
            for lk in sorted(store.links(), key=lambda lk: lk.id)
        ),
    )
    out["positions.csv"] = _write(
        ("id", "document_id", "document", "party_id", "name", "name_as_filed", "cik")
        + ("type_codes", "member_of_group", "sole_voting", "shared_voting")
        + ("sole_dispositive", "shared_dispositive", "aggregate", "percent_of_class")
        + ("percent_text",),
        (
            (
                rp.id,
                rp.document_id,
                path.get(rp.document_id),
                rp.party_id,
                rp.name,
                rp.name_as_filed,
                rp.cik,
                " ".join(rp.type_codes),
                rp.member_of_group,
                rp.sole_voting,
                rp.shared_voting,
                rp.sole_dispositive,
                rp.shared_dispositive,
                rp.aggregate,
                rp.percent_of_class,
                rp.percent_text,
            )
            for rp in sorted(store.positions(), key=lambda rp: rp.id)
        ),
    )
    out["documents.csv"] = _write(
        ("id", "file", "format", "form", "amendment_no", "accession", "event_date")
        + ("filed_date", "issuer_id", "issuer", "outstanding", "outstanding_as_of", "sha256"),
        (
            (
                d.id,
                path[d.id],
                d.format,
                d.form,
                d.amendment_no,
                d.accession,
                d.event_date,
                d.filed_date,
                d.issuer_id,
                name.get(d.issuer_id or ""),
                d.outstanding,
                d.outstanding_as_of,
                d.sha256,
            )
            for d in docs
        ),
    )
    return out


def to_zip(tables: dict[str, bytes]) -> bytes:
    """The tables in one zip archive (fixed timestamps: the same store, the same bytes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for file, data in tables.items():
            info = zipfile.ZipInfo(file, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()


__all__ = ["TABLES", "csv_tables", "to_zip"]
