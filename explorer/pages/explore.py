"""Explore: fuzzy search over every party, issuer, CIK and CUSIP; draw a node's neighbourhood."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from ownergraph.explorer import common
from ownergraph.explorer.render import RenderOptions, page_height, render
from ownergraph.explorer.subgraph import COLLAPSED, MORE, SubgraphOptions, neighbourhood
from ownergraph.graph.vocab import EdgeKind
from ownergraph.queries.group_view import with_groups

EDGE_CHOICES = [k.value for k in EdgeKind]


@st.cache_data(show_spinner="Drawing…", max_entries=32)
def _drawing(
    path: str,
    seq: int,
    center: str,
    sub_opts: SubgraphOptions,
    render_opts: RenderOptions,
    as_of: dt.date | None,
) -> tuple[str, list[dict[str, object]], int, int] | None:
    """The rendered HTML and the drawn nodes, cached per store state (``seq``), date and
    options; drawn on the neighbourhood's scope with its box-(a) groups
    (:meth:`graph.engine.Engine.drawing_scope`, read in one store state), never the whole graph. ``None`` when
    the store holds no such node."""
    store = common.store()
    with common._engine() as engine:
        _ = engine.cols  # the columns written first if the store has none (a write)
        with store.snapshot():
            i = engine.cols.find(center)
            if i is None:
                return None
            nodes, edges, docs = engine.drawing_scope(
                i,
                up=sub_opts.up,
                down=sub_opts.down,
                depth=sub_opts.depth,
                kinds=sub_opts.edge_kinds,
            )
            G = with_groups(engine.subgraph(nodes, edges, as_of=as_of, documents=docs))
    sub = neighbourhood(G, center, options=sub_opts)
    rows = [
        {
            "name": n.name,
            "kind": n.kind,
            "level": n.level,
            "shares": n.shares,
            "id": n.id,
        }
        for n in sorted(sub.nodes, key=lambda n: (n.level, n.name))
    ]
    return render(sub, render_opts), rows, sub.hidden, sub.collapsed


def page() -> None:
    """The Explore page: a node found through the store's name index, its neighbourhood
    drawn from its scope."""
    st.title("Explore")
    path = str(common.settings().store)
    if common.default_subject(path, common.seq()) is None:
        st.info(
            "The store is empty. Load filings on the **Filings** page, or run `ownergraph app`."
        )
        return
    center = common.subject_picker("explore", label="Node", box_key="explore_node")
    if center is None:
        return

    # pills on rows of their own (full width): at 800 px a half column cut the second one
    directions = st.pills(
        "Direction",
        ["up (controllers)", "down (holdings)"],
        selection_mode="multi",
        default=["up (controllers)", "down (holdings)"],
        key="explore_dir",
    )
    c1, c2 = st.columns(2, vertical_alignment="bottom")
    labels_mode = c1.radio(
        "Labels", ["shares", "percent", "none"], horizontal=True, key="explore_labels"
    )
    depth = c2.slider("Depth", 1, 8, 4, key="explore_depth")
    with st.expander("Scale limits"):
        max_children = st.number_input("Neighbours per node", 1, 500, 25, key="explore_maxc")
        collapse = st.number_input("Collapse funds above", 1, 10_000, 12, key="explore_coll")
        max_nodes = st.number_input("Nodes in total", 10, 5_000, 2_500, key="explore_maxn")
    kinds = st.pills(
        "Edge kinds",
        EDGE_CHOICES,
        selection_mode="multi",
        default=EDGE_CHOICES,
        format_func=lambda k: k.replace("_", " "),
        key="explore_kinds",
    )

    sub_opts = SubgraphOptions(
        up="up (controllers)" in (directions or []),
        down="down (holdings)" in (directions or []),
        depth=int(depth),
        edge_kinds=tuple(EdgeKind(k) for k in kinds or ()),
        max_children=int(max_children),
        collapse_funds_over=int(collapse),
        max_nodes=int(max_nodes),
    )
    render_opts = RenderOptions(labels=str(labels_mode))
    as_of = common.as_of_picker("explore_as_of")
    drawn = _drawing(path, common.seq(), center, sub_opts, render_opts, as_of)
    if drawn is None:
        st.info(f"{common.md(center)} is not in the store.")
        return
    html, rows, hidden, collapsed = drawn
    st.iframe(html, height=page_height(render_opts) + 10)
    note = f"{len(rows):,} nodes drawn"
    if hidden:
        note += f"; {hidden:,} neighbours behind “and N more” nodes"
    if collapsed:
        note += f"; {collapsed:,} funds collapsed under their manager"
    st.caption(note + ". Hover a node or an edge for details; scroll to zoom.")
    with st.expander("Nodes drawn (table)"):
        df = pd.DataFrame(rows)
        df = df[~df["kind"].isin([COLLAPSED, MORE])] if not df.empty else df
        st.dataframe(df, hide_index=True)


page()
