"""Data: which backend is in use, sync to Neo4j with a progress bar, downloads."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from ownergraph.explorer import common
from ownergraph.graph.errors import OwnergraphError
from ownergraph.graph.vocab import NodeKind
from ownergraph.queries import csvsafe
from ownergraph.queries.attribution import attribute
from ownergraph.queries.export import to_bods, to_graphml


@st.cache_data(show_spinner="Building the BODS export…", max_entries=4)
def _bods(path: str, seq: int) -> bytes:
    """``queries.export.to_bods`` of the whole graph, as bytes."""
    data = to_bods(common.graph())
    return data if isinstance(data, bytes) else str(data).encode()


@st.cache_data(show_spinner="Building the GraphML export…", max_entries=4)
def _graphml(path: str, seq: int) -> bytes:
    """``queries.export.to_graphml`` of the whole graph."""
    data = to_graphml(common.graph())
    return data if isinstance(data, bytes) else str(data).encode()


@st.cache_data(show_spinner="Attributing every class…", max_entries=4)
def _attribution_csv(path: str, seq: int) -> bytes:
    """Rule 13d-3 attribution of every security class, one row per person."""
    G = common.graph()
    out = io.StringIO()
    w = csvsafe.writer(out)  # cells a spreadsheet would run as formulas are neutralised
    w.writerow(
        [
            "security_id",
            "security",
            "party_id",
            "name",
            "kind",
            "sole_voting",
            "shared_voting",
            "sole_dispositive",
            "shared_dispositive",
            "aggregate",
            "rights_to_acquire",
            "percent",
            "denominator",
            "denominator_source",
            "lens",
        ]
    )
    for n, d in sorted(G.nodes(data=True)):
        if d.get("kind") != NodeKind.SECURITY:
            continue
        try:
            a = attribute(G, n)
        except OwnergraphError:
            continue
        for p in a.persons:
            w.writerow(
                [
                    a.security_id,
                    a.security_name,
                    p.party_id,
                    p.name,
                    p.kind,
                    p.sole_voting.value,
                    p.shared_voting.value,
                    p.sole_dispositive.value,
                    p.shared_dispositive.value,
                    p.aggregate.value,
                    p.rights_to_acquire.value,
                    p.percent.value,
                    a.denominator.outstanding,
                    a.denominator.source,
                    a.lens.value,
                ]
            )
    return out.getvalue().encode()


@st.cache_data(show_spinner="Writing the tables…", max_entries=4)
def _tables_zip(path: str, seq: int) -> bytes:
    """Parties, holdings, links, positions and documents as CSV in one zip (the same bytes
    as ``ownergraph export --format csv --zip``; cells through the formula guard)."""
    from ownergraph.queries.csv_export import csv_tables, to_zip

    return to_zip(csv_tables(common.store()))


def page() -> None:
    """The Data page."""
    st.title("Data")
    cfg = common.settings()
    store = common.store()
    path, seq = str(cfg.store), store.seq

    st.subheader("Backend")
    st.markdown(f"Embedded SQLite store: {common.code(cfg.store)} (load sequence {seq}).")
    counts = store.counts()
    st.dataframe(pd.DataFrame([counts]), hide_index=True)
    if cfg.neo4j_uri:
        st.markdown(
            f"Neo4j server configured: {common.code(cfg.neo4j_uri)}; questions are "
            "answered from the embedded store, the server serves the Cypher console."
        )
    else:
        st.markdown("No Neo4j server configured (`OWNERGRAPH_NEO4J_URI`): embedded store only.")

    st.subheader("Sync to Neo4j")
    if not cfg.neo4j_uri:
        st.caption("Set OWNERGRAPH_NEO4J_URI (and user, password) to sync the store to a server.")
    else:
        full = st.checkbox("Full sync (send everything, not only what changed)", key="data_full")
        if st.button("Sync now", key="data_sync", type="primary"):
            from ownergraph.graph.neo4j_backend import Neo4jBackend

            bar = st.progress(0.0, text="Connecting…")

            def on_batch(done: int, total: int) -> None:
                bar.progress(
                    min(1.0, done / total) if total else 1.0, text=f"{done:,} of {total:,} batches"
                )

            try:
                with Neo4jBackend.from_settings(cfg) as backend:
                    report = backend.sync(store, full=full, on_batch=on_batch)
            except OwnergraphError as exc:
                common.show_error(exc)
            else:
                bar.progress(1.0, text="Done")
                if report.ok:
                    st.success(f"Synced {report.total_rows:,} rows; server counts match the store.")
                else:
                    st.warning(f"Synced, but counts differ: {report.mismatches}")

    st.subheader("Downloads")
    c1, c2, c3, c4 = st.columns(4)
    downloads = (
        (c1, "BODS (JSON)", _bods, "ownergraph-bods.json", "application/json", "dl_bods"),
        (c2, "GraphML", _graphml, "ownergraph.graphml", "application/graphml+xml", "dl_graphml"),
        (
            c3,
            "Attribution (CSV)",
            _attribution_csv,
            "ownergraph-attribution.csv",
            "text/csv",
            "dl_csv",
        ),
        (
            c4,
            "Tables (CSV, zip)",
            _tables_zip,
            "ownergraph-tables.zip",
            "application/zip",
            "dl_tables",
        ),  # fmt: skip
    )
    st.caption(
        "Each export reads the whole store: it is built when asked for (then kept until the"
        " next load), not when the page opens."
    )
    for col, label, build, file_name, mime, key in downloads:
        wanted = f"{key}_wanted"
        if col.button(f"Prepare {label}", key=f"{key}_prepare"):
            st.session_state[wanted] = True
        if not st.session_state.get(wanted):
            continue
        try:  # one export that cannot be built must not take the page down
            data = build(path, seq)
        except (OwnergraphError, ValueError) as exc:
            col.error(common.md(f"{label}: cannot be built ({exc})"))
            continue
        col.download_button(label, data, file_name, mime, key=key)


page()
