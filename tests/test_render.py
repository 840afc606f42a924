"""The pure renderer and the neighbourhood extraction (no streamlit, no browser)."""

from __future__ import annotations

import doctest
import importlib
import re
import time

import pytest

from ownergraph.explorer.render import (
    EDGE_STYLE,
    NODE_STYLE,
    RenderOptions,
    _vis_assets,
    layout,
    page_height,
    render,
)
from ownergraph.explorer.search import fallback_search
from ownergraph.explorer.subgraph import (
    COLLAPSED,
    MORE,
    Subgraph,
    SubgraphOptions,
    VEdge,
    VNode,
    generated_graph,
    neighbourhood,
)
from ownergraph.graph.model import Holding
from ownergraph.graph.vocab import EdgeKind, Instrument

HOSTILE = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "</script><b>x</b>"]


@pytest.mark.parametrize(
    "module",
    [
        "ownergraph.explorer.render",
        "ownergraph.explorer.subgraph",
        "ownergraph.explorer.search",
        "ownergraph.explorer.cypher_console",
        "ownergraph.explorer.common",
    ],
)
def test_doctests(module: str) -> None:
    """The explorer's docstrings run (explorer/ is not in pytest's doctest paths)."""
    res = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert res.failed == 0


def test_render_2000_nodes_figure() -> None:
    """A 2,000-node neighbourhood renders with a precomputed layout, physics off.

    Prints the figures (no timing assertion: machines differ).
    """
    G = generated_graph(1_900, managers=20, securities=60)
    opts = SubgraphOptions(
        up=False, depth=4, max_children=10_000, collapse_funds_over=10**9, max_nodes=10_000
    )
    t0 = time.perf_counter()
    sub = neighbourhood(G, "p0", options=opts)
    t1 = time.perf_counter()
    html = render(sub)
    t2 = time.perf_counter()
    print(
        f"\n2,000-node render: {len(sub.nodes):,} nodes, {len(sub.edges):,} edges; "
        f"extract {1000 * (t1 - t0):.0f} ms, render {1000 * (t2 - t1):.0f} ms, "
        f"{len(html) / 1e6:.1f} MB of HTML"
    )
    assert len(sub.nodes) >= 1_980
    assert '"physics": {"enabled": false}' in html
    # every node has a fixed position: vis-network runs no layout of its own
    assert html.count('"x": ') >= len(sub.nodes)


def test_default_caps_collapse_funds_and_cap_expansion() -> None:
    G = generated_graph(1_900, managers=20, securities=60)
    sub = neighbourhood(G, "p0")
    kinds = [n.kind for n in sub.nodes]
    assert COLLAPSED in kinds, "95 funds under each manager collapse"
    assert sub.collapsed == 1_900
    assert len(sub.nodes) < 100
    sub2 = neighbourhood(G, "p0", options=SubgraphOptions(collapse_funds_over=10**6))
    more = [n for n in sub2.nodes if n.kind == MORE]
    assert more and all(n.name.startswith("and ") and n.name.endswith(" more") for n in more)
    assert sub2.hidden == sum(n.count for n in more)
    sub3 = neighbourhood(
        G,
        "p0",
        options=SubgraphOptions(collapse_funds_over=10**6, max_children=10**6, max_nodes=50),
    )
    assert len([n for n in sub3.nodes if n.kind != MORE]) <= 50


def test_up_from_security_collapses_funds_under_manager() -> None:
    G = generated_graph(300, managers=3, securities=1)
    sub = neighbourhood(G, "s0", options=SubgraphOptions(down=False))
    collapsed = [n for n in sub.nodes if n.kind == COLLAPSED]
    assert len(collapsed) == 3 and all(n.count == 100 for n in collapsed)
    assert {"m0", "m1", "m2"} <= {n.id for n in sub.nodes}
    assert all(sub.node(f"m{i}").level < -1 for i in range(3))


def _extra_holding(G, key: str, document_id: str, shares: float) -> None:  # noqa: ANN001
    h = Holding(key, document_id, "f0", "s0", Instrument.WARRANT, shares, right_to_acquire=True)
    G.add_edge("f0", "s0", key=key, kind=EdgeKind.HOLDS, shares=shares, record=h)


def test_parallel_holdings_merge_into_one_edge() -> None:
    """Instruments of one document add up on one edge; two documents are never added."""
    G = generated_graph(10, managers=1, securities=1)
    _extra_holding(G, "h-warrants", "d", 5.0)
    sub = neighbourhood(G, "s0", options=SubgraphOptions(down=False, depth=1))
    e = next(e for e in sub.edges if e.source == "f0")
    assert e.shares == 1_005.0 and len(e.record_ids) == 2
    _extra_holding(G, "h-other-filing", "d2", 7.0)
    sub = neighbourhood(G, "s0", options=SubgraphOptions(down=False, depth=1))
    e = next(e for e in sub.edges if e.source == "f0")
    assert e.shares == 1_005.0 and "reported in 2 documents; showing the largest" in e.lines


def test_layout_controllers_above_and_deterministic() -> None:
    G = generated_graph(50, managers=2, securities=2)
    sub = neighbourhood(G, "s0")
    pos = layout(sub)
    assert pos == layout(sub)
    for n in sub.nodes:
        if n.level < 0:
            assert pos[n.id][1] < 0
        if n.level > 0:
            assert pos[n.id][1] > 0


def _hostile_subgraph() -> Subgraph:
    nodes = tuple(
        VNode(id=f"n{i}", kind=k, name=name, level=i, parent=None if i == 0 else f"n{i - 1}")
        for i, (k, name) in enumerate(zip(["person", "fund", "security"], HOSTILE, strict=True))
    )
    edges = (
        VEdge("n0", "n1", "controls", roles=("general_partner",), lines=(f"“{HOSTILE[1]}”",)),
        VEdge("n1", "n2", "holds", shares=10.0, lines=(HOSTILE[0],)),
    )
    return Subgraph(center="n0", nodes=nodes, edges=edges)


def test_hostile_names_never_reach_the_page_as_markup() -> None:
    html = render(_hostile_subgraph())
    page = html.replace(_vis_assets()[0], "")  # the inlined library, as shipped by pyvis
    scripts = re.findall(r"<script[^>]*>", page, flags=re.IGNORECASE)
    assert len(scripts) == 2, "only the inlined vis-network and the page's own script"
    for name in HOSTILE:
        assert name not in html
    # the data is JSON with <, >, & escaped; tooltips are html.escape()d inside it
    assert "\\u003cimg src=x" in html  # label (wrapped onto two lines)
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in html
    # labels are canvas text and no HTML label mode is enabled
    assert '"multi": false' in html


def test_legend_lists_only_kinds_drawn() -> None:
    html = render(_hostile_subgraph())
    assert NODE_STYLE["person"][2] in html and EDGE_STYLE["holds"][2] in html
    assert EDGE_STYLE["consolidates"][2] not in html
    assert render(_hostile_subgraph(), RenderOptions(legend=False)).count('og-legend"') == 0


def test_render_is_offline() -> None:
    html = render(_hostile_subgraph())
    assert "cdn" not in html.lower().replace("cdnjs", "").split("<body>")[1]
    assert "https://" not in html.split("<body>")[1]


def test_fallback_search_finds_by_spelling_and_identifier() -> None:
    G = generated_graph(20, managers=2, securities=3)
    assert fallback_search(G, "manager 1")[0].node_id == "m1"
    assert fallback_search(G, "000000001")[0].node_id == "s1"
    assert fallback_search(G, "") == []


def test_legend_sits_outside_the_canvas() -> None:
    """The legend is a strip above the graph's container, never an overlay on the canvas."""
    html = render(_hostile_subgraph())
    body = html.split("<body>", 1)[1]
    assert body.index('id="og-legend"') < body.index('id="og-graph"')
    graph_div = re.search(r'<div id="og-graph"></div>', body)
    assert graph_div, "the graph's container holds nothing but the canvas"
    assert "position: absolute" not in html.split("<body>", 1)[0].split("</style>")[-2]
    opts = RenderOptions(height_px=600)
    assert f"height: {page_height(opts)}px" in render(_hostile_subgraph(), opts)
    assert page_height(opts) > 600
