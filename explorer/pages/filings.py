"""Filings: upload, preview what was parsed, load; loaded documents with provenance;
reconciliation findings; computed vs filed cover pages side by side."""

from __future__ import annotations

import os
from pathlib import PurePath
from typing import Any

import pandas as pd
import streamlit as st

from ownergraph.explorer import common
from ownergraph.explorer.common import fmt_number, fmt_percent, md
from ownergraph.graph.errors import InputError, OwnergraphError
from ownergraph.graph.model import ParsedDocument, to_dict
from ownergraph.graph.vocab import SourceFormat
from ownergraph.queries.reconcile import reconcile


def _safe_name(name: str) -> str:
    """An upload's base name only: a name is a label, never a path to read beside."""
    base = PurePath(name.replace("\\", "/")).name
    return base or "upload"


def parse_uploads(
    files: list[tuple[str, bytes]], *, max_bytes: int, max_files: int
) -> list[ParsedDocument]:
    """Parse uploaded ``(name, bytes)`` pairs; any bad file raises :class:`InputError`.

    Tabular ``entities.csv`` + ``edges.csv`` uploads are paired in memory (never by
    reading files beside a path); every other format goes through ``loaders.parse_bytes``.
    """
    from ownergraph.loaders import detect, parse_bytes

    if len(files) > max_files:
        raise InputError("upload", None, f"{len(files)} files; the limit is {max_files}")
    tab_entities: list[tuple[str, bytes]] = []
    tab_edges: list[tuple[str, bytes]] = []
    out: list[ParsedDocument] = []
    for raw_name, data in files:
        name = _safe_name(raw_name)
        if len(data) > max_bytes:
            raise InputError(name, None, f"file is {len(data):,} bytes; the limit is {max_bytes:,}")
        if not data.strip():
            raise InputError(name, "start of file", "file is empty")
        if detect(data, path=name) == SourceFormat.TABULAR:
            head = data[:4096].decode("utf-8-sig", "replace").splitlines()[0].split(",")
            cols = [c.strip().lower() for c in head]
            (tab_entities if cols[:3] == ["id", "name", "kind"] else tab_edges).append((name, data))
            continue
        out.append(parse_bytes(data, path=name))
    if tab_entities or tab_edges:
        from ownergraph.loaders.tabular import parse_pair

        if len(tab_entities) != 1 or len(tab_edges) != 1:
            raise InputError(
                "upload", None, "tabular data needs exactly one entities.csv and one edges.csv"
            )
        (en, ed), (gn, gd) = tab_entities[0], tab_edges[0]
        out.append(parse_pair(ed, gd, entities_path=en, edges_path=gn))
    return out


@st.cache_data(show_spinner=False, max_entries=16)
def _documents(path: str, seq: int) -> list[dict[str, Any]]:
    s = common.store()
    rows = []
    for d in s.documents():
        rows.append(
            {
                "document": d.title or d.path,
                "format": d.format.value,
                "form": d.form,
                "amendment": d.amendment_no,
                "accession": d.accession,
                "event date": d.event_date.isoformat() if d.event_date else None,
                "filed": d.filed_date.isoformat() if d.filed_date else None,
                "outstanding": d.outstanding,
                "sha256": d.sha256[:16],
                "path": d.path,
                "id": d.id,
            }
        )
    return rows


#: Holdings and links up to which every loaded document is reconciled when the page opens;
#: a larger store is reconciled when asked (it reads every document's records).
#: ``OWNERGRAPH_APP_RECONCILE_MAX`` overrides it.
AUTO_RECONCILE = int(os.environ.get("OWNERGRAPH_APP_RECONCILE_MAX") or 20_000)


@st.cache_data(show_spinner="Reconciling…", max_entries=16)
def _findings(path: str, seq: int, reconciled: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Reconciliation findings of every loaded document (``queries.reconcile``); without
    ``reconciled``, the findings the loaders stored (no document is read again)."""
    if reconciled:
        items = reconcile(common.store())
        source = "ownergraph.queries.reconcile"
    else:
        items = common.store().findings()
        source = "the loaders' findings (reconcile to recompute every document)"

    rows = []
    for f in items:
        d = f.to_dict() if hasattr(f, "to_dict") else to_dict(f)
        rows.append(
            {
                "severity": d.get("severity"),
                "kind": d.get("kind"),
                "message": d.get("message"),
                "expected": fmt_number(d.get("expected")),
                "found": fmt_number(d.get("found")),
                "document": d.get("document_id"),
            }
        )
    order = {"error": 0, "warning": 1, "info": 2}
    rows.sort(key=lambda r: (order.get(str(r["severity"]), 3), str(r["kind"])))
    return source, rows


@st.cache_data(show_spinner=False, max_entries=16)
def _side_by_side(path: str, seq: int, document_id: str) -> list[dict[str, Any]]:
    """Filed cover pages of a document beside the 13d-3 figures computed from the graph."""
    s = common.store()
    doc = s.document(document_id)
    positions = s.positions(document_id)
    computed: dict[str, dict[str, Any]] = {}
    subject = (doc.security_id or doc.issuer_id) if doc else None
    if subject:  # through the engine: the subject's scope only, not the whole graph
        from ownergraph.graph.engine import Engine

        engine = Engine(s)
        try:
            if engine.cols.find(subject) is not None:
                wc = common.plain(engine.who_controls(subject))
                for c in [*wc.get("ultimate", []), *wc.get("intermediate", [])]:
                    computed[c["party_id"]] = c
        except OwnergraphError:
            computed = {}
        finally:
            engine.close()
    rows = []
    for rp in positions:
        c = computed.get(rp.party_id, {})
        row = {"reporting person": rp.name}
        for label, filed, key in (
            ("sole vote", rp.sole_voting, "sole_voting"),
            ("shared vote", rp.shared_voting, "shared_voting"),
            ("sole disp.", rp.sole_dispositive, "sole_dispositive"),
            ("shared disp.", rp.shared_dispositive, "shared_dispositive"),
            ("aggregate", rp.aggregate, "shares"),
            ("percent", rp.percent_of_class, "percent"),
        ):
            row[f"{label} (filed)"] = filed
            row[f"{label} (computed)"] = c.get(key)
        rows.append(row)
    return rows


def _highlight(df: pd.DataFrame) -> pd.DataFrame:
    """Style: computed cells that differ from the filed value are highlighted."""
    styles = pd.DataFrame("", index=df.index, columns=df.columns)
    for col in df.columns:
        if col.endswith("(computed)"):
            filed = col.replace("(computed)", "(filed)")
            for i in df.index:
                a, b = df.at[i, filed], df.at[i, col]
                if a is None or b is None or pd.isna(a) or pd.isna(b):
                    continue
                tol = 0.005 if col.startswith("percent") else 0.5
                if abs(float(a) - float(b)) > tol:
                    styles.at[i, col] = "background-color: #ffd6d6; font-weight: bold"
    return styles


def _upload_status(parsed: list[ParsedDocument]) -> str:
    """What the parsed uploads are, relative to the store (so it stays true after a load)."""
    have = sum(common.store().document(p.document.id) is not None for p in parsed)
    n = len(parsed)
    if have == 0:
        return f"Parsed {n} document(s); none is loaded yet."
    if have == n:
        return f"Parsed {n} document(s); all are in the store already."
    return f"Parsed {n} document(s); {have} in the store already, {n - have} not loaded yet."


def _percent_cell(x: object) -> str:
    if isinstance(x, str):
        return x
    return "" if x is None or x is pd.NA or (isinstance(x, float) and x != x) else fmt_percent(x)


def _shown(df: pd.DataFrame) -> pd.io.formats.style.Styler:
    """A table for ``st.dataframe``: numbers with thousands separators and no spurious
    decimals, percent columns as percent, unknown cells blank (never "None").

    A column holding unknowns is turned into its display text (the grid draws a null
    cell as "None" whatever the Styler says); a complete column stays numeric, so it
    sorts as numbers, and is formatted by the Styler.
    """
    out = df.copy()
    fmt = {c: (_percent_cell if str(c).startswith("percent") else fmt_number) for c in df.columns}
    for col in df.columns:
        if df[col].isna().any():
            out[col] = df[col].map(fmt[col]).astype(object)
    return out.style.format(fmt, na_rep="")


def page() -> None:
    """The Filings page."""
    st.title("Filings")
    cfg = common.settings()
    path = str(cfg.store)

    st.subheader("Upload")
    uploads = st.file_uploader(
        f"Filings: Schedule 13D/G (text, HTML, XML), Forms 3/4/5, Form 13F, BODS, GLEIF, UK "
        f"PSC (JSON lines), or a tabular "
        f"entities.csv + edges.csv pair; at most {cfg.upload_max_files} files of "
        f"{cfg.upload_max_bytes / 2**20:.0f} MB",
        accept_multiple_files=True,
        max_upload_size=max(1, -(-cfg.upload_max_bytes // 2**20)),
        key="filings_upload",
    )
    if uploads:
        try:
            parsed = parse_uploads(
                [(u.name, u.getvalue()) for u in uploads],
                max_bytes=cfg.upload_max_bytes,
                max_files=cfg.upload_max_files,
            )
        except OwnergraphError as exc:
            common.show_error(exc)
            parsed = []
        if parsed:
            from ownergraph.loaders.contract import to_contract

            status = st.empty()  # replaced once the documents are loaded
            status.markdown(_upload_status(parsed))
            for p in parsed:
                c = to_contract(p)
                with st.expander(
                    f"Preview: {md(c['source']['path'])} · {md(c['source']['format'])} · "
                    f"{len(c['reporting_persons'])} reporting persons, {len(c['holdings'])} "
                    f"holdings, {len(c['relationships'])} relationships"
                ):
                    st.json(c, expanded=1)
            new = [p for p in parsed if common.store().document(p.document.id) is None]
            if new and st.button("Load into the store", key="filings_load", type="primary"):
                try:
                    results = common.store().load_many(new)
                except OwnergraphError as exc:
                    common.show_error(exc)
                else:
                    status.markdown(f"Loaded {len(results)} document(s) into the store.")
                    for r in results:
                        st.success(f"{md(r.path)}: {r.status}")

    seq = common.seq()
    st.subheader("Loaded documents")
    docs = _documents(path, seq)
    if not docs:
        st.info("No documents loaded yet.")
    else:
        st.dataframe(_shown(pd.DataFrame(docs)), hide_index=True)

    st.subheader("Findings")
    counts = common.store().counts()
    reconciled = counts.get("holdings", 0) + counts.get("links", 0) <= AUTO_RECONCILE
    if not reconciled:
        if st.button("Reconcile every loaded document", key="filings_reconcile"):
            st.session_state["filings_reconciled"] = True
        reconciled = bool(st.session_state.get("filings_reconciled"))
    source, rows = _findings(path, seq, reconciled)
    st.caption(f"Source: {source}. Severity: error > warning > info.")
    if rows:
        df = pd.DataFrame(rows)
        colours = {"error": "#ffd6d6", "warning": "#fff2cc", "info": "#e8f0fe"}
        st.dataframe(
            _shown(df).apply(
                lambda col: [f"background-color: {colours.get(str(v), '')}" for v in col],
                subset=["severity"],
            ),
            hide_index=True,
        )
    else:
        st.dataframe(pd.DataFrame(columns=["severity", "kind", "message"]), hide_index=True)

    st.subheader("Computed vs filed cover pages")
    with_pages = [d for d in docs if common.store().positions(d["id"])]
    if not with_pages:
        st.info("No loaded document has cover pages.")
        return
    choice = st.selectbox(
        "Document",
        [d["id"] for d in with_pages],
        format_func=lambda i: next(d["document"] for d in with_pages if d["id"] == i),
        key="filings_doc",
    )
    rows2 = _side_by_side(path, seq, choice)
    df2 = pd.DataFrame(rows2)
    styles = _highlight(df2)  # from the numbers, before they become display text
    st.dataframe(_shown(df2).apply(lambda _: styles, axis=None), hide_index=True)
    st.caption(
        "Computed: Rule 13d-3 attribution over the whole graph (distinct union of holdings, "
        "per-person denominator). Highlighted cells differ from the filed page. Blank: "
        "unknown (not filed, or not computed)."
    )


page()
