"""Data: which backend is in use, sync to Neo4j with a progress bar, downloads."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import networkx as nx
import pandas as pd
import streamlit as st

from explorer import common
from graph.errors import OwnergraphError
from graph.vocab import NodeKind


@st.cache_data(show_spinner="Building the BODS export…", max_entries=4)
def _bods(path: str, seq: int) -> bytes | None:
    to_bods = common.optional_fn("queries.export", "to_bods")
    if to_bods is None:
        return None
    data = to_bods(common.graph())
    return data if isinstance(data, bytes) else json.dumps(data, indent=2, default=str).encode()


@st.cache_data(show_spinner="Building the GraphML export…", max_entries=4)
def _graphml(path: str, seq: int) -> bytes:
    to_graphml = common.optional_fn("queries.export", "to_graphml")
    if to_graphml is not None:
        data = to_graphml(common.graph())
        return data if isinstance(data, bytes) else str(data).encode()
    # fallback: scalar attributes only (GraphML cannot hold records)
    G = common.graph()
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        H.add_node(n, name=str(d.get("name", n)), kind=str(getattr(d.get("kind"), "value", "")))
    for u, v, k, d in G.edges(keys=True, data=True):
        attrs: dict[str, Any] = {"kind": str(getattr(d.get("kind"), "value", d.get("kind")))}
        if isinstance(d.get("shares"), int | float):
            attrs["shares"] = float(d["shares"])
        if d.get("role") is not None:
            attrs["role"] = str(getattr(d["role"], "value", d["role"]))
        H.add_edge(u, v, key=k, **attrs)
    return "\n".join(nx.generate_graphml(H)).encode()


@st.cache_data(show_spinner="Attributing every class…", max_entries=4)
def _attribution_csv(path: str, seq: int) -> bytes:
    """Rule 13d-3 attribution of every security class, one row per person."""
    attribute = common.optional_fn("queries.attribution", "attribute")
    G = common.graph()
    out = io.StringIO()
    w = csv.writer(out)
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
    if attribute is None:
        return out.getvalue().encode()
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


def page() -> None:
    """The Data page."""
    st.title("Data")
    cfg = common.settings()
    store = common.store()
    path, seq = str(cfg.store), store.seq

    st.subheader("Backend")
    st.markdown(f"Embedded SQLite store: `{common.md(cfg.store)}` (load sequence {seq}).")
    counts = store.counts()
    st.dataframe(pd.DataFrame([counts]), hide_index=True)
    if cfg.neo4j_uri:
        st.markdown(
            f"Neo4j server configured: `{common.md(cfg.neo4j_uri)}`; questions are "
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
            from graph.neo4j_backend import Neo4jBackend

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
    c1, c2, c3 = st.columns(3)
    bods = _bods(path, seq)
    if bods is not None:
        c1.download_button(
            "BODS (JSON)", bods, "ownergraph-bods.json", "application/json", key="dl_bods"
        )
    else:
        c1.caption("BODS export appears when `queries.export` is installed.")
    c2.download_button(
        "GraphML",
        _graphml(path, seq),
        "ownergraph.graphml",
        "application/graphml+xml",
        key="dl_graphml",
    )
    c3.download_button(
        "Attribution (CSV)",
        _attribution_csv(path, seq),
        "ownergraph-attribution.csv",
        "text/csv",
        key="dl_csv",
    )


page()
