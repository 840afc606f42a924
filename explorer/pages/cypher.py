"""Cypher: a read-only console and the named library queries, when Neo4j is configured."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ownergraph.explorer import common
from ownergraph.explorer.cypher_console import (
    coerce,
    library,
    looks_read_only,
    parameters,
    paths_to_subgraph,
)
from ownergraph.explorer.render import page_height, render
from ownergraph.graph.errors import OwnergraphError

HOW_TO = """No Neo4j server is configured. Set, then restart the app:

```
export OWNERGRAPH_NEO4J_URI=bolt://localhost:7687
export OWNERGRAPH_NEO4J_USER=neo4j
export OWNERGRAPH_NEO4J_PASSWORD=...        # never put it in a file under data/
export OWNERGRAPH_NEO4J_DATABASE=neo4j      # optional
```

then send the store to it on the **Data** page (or `ownergraph neo4j sync`).
Everything else in the explorer works on the embedded store without a server."""


def _show(rows: list[dict]) -> None:
    if not rows:
        st.info("No rows.")
        return
    st.dataframe(pd.DataFrame([{k: _cell(v) for k, v in r.items()} for r in rows]), hide_index=True)
    sub = paths_to_subgraph(rows)
    if sub is not None:
        st.iframe(render(sub), height=page_height() + 10)


def _cell(v: object) -> object:
    if isinstance(v, dict | list):
        return str(v)
    return v


def page() -> None:
    """The Cypher page."""
    st.title("Cypher")
    cfg = common.settings()
    if not cfg.neo4j_uri:
        st.info("OWNERGRAPH_NEO4J_URI is not set: the Cypher console needs a Neo4j server.")
        st.markdown(HOW_TO)
        return
    from ownergraph.graph.neo4j_backend import Neo4jBackend

    who = (
        f"as the read-only user {common.md(cfg.neo4j_read_user)}"
        if cfg.neo4j_read_user
        else "as the configured user (a read-only user is safer: OWNERGRAPH_NEO4J_READ_USER)"
    )
    st.caption(
        f"Server: {common.md(cfg.neo4j_uri)} · {who} · read-only: the server's query type,"
        " a read-procedure allow-list, a lexer and a rolled-back read transaction"
        f" · timeout {cfg.cypher_timeout_s:g} s"
    )
    tab_lib, tab_console = st.tabs(["Library queries", "Console"])
    with tab_lib:
        queries = library()
        if not queries:
            st.info("No library queries yet (queries/cypher/*.cypher).")
        else:
            names = [q.name for q in queries]
            name = st.selectbox("Query", names, key="cypher_lib_name")
            q = queries[names.index(name)]
            if q.doc:
                st.caption(common.md(q.doc))
            st.code(q.text, language="cypher")
            with st.form("cypher_lib_form"):
                values = {p: st.text_input(p, key=f"cypher_param_{q.name}_{p}") for p in q.params}
                run = st.form_submit_button("Run")
            if run:
                _run(Neo4jBackend, cfg, q.text, {k: coerce(v) for k, v in values.items()})
    with tab_console:
        text = st.text_area(
            "Read-only Cypher",
            "MATCH (p:Party) RETURN p.name AS name, p.kind AS kind LIMIT 25",
            key="cypher_console_text",
            height=140,
        )
        params = {p: st.text_input(f"${p}", key=f"cypher_console_{p}") for p in parameters(text)}
        if st.button("Run", key="cypher_console_run"):
            if not looks_read_only(text):
                st.error(
                    "This console runs read-only queries; the query has a write clause or"
                    " calls a procedure that is not a known read procedure."
                )
                return
            _run(Neo4jBackend, cfg, text, {k: coerce(v) for k, v in params.items()})


def _run(backend_cls: type, cfg: object, text: str, params: dict) -> None:
    from ownergraph.queries.cypher_guard import GuardReport, run_read_only

    report = GuardReport()
    try:
        with backend_cls.from_settings(cfg, reader=True) as backend:
            rows = run_read_only(
                backend,
                text,
                params,
                timeout=common.settings().cypher_timeout_s,
                report=report,
            )
    except OwnergraphError as exc:
        common.show_error(exc)
        return
    finally:
        for note in report.notes:
            st.caption(common.md(note))
    _show(rows)


page()
