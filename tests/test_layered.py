"""The layered drawing (explorer.layered, grandalf): layers by control, no edge segment
through a node box, whole distinct labels, on the seed and on a generated graph.

On the seed (by hand, DOMAIN section 6): Nelson Obus and Joshua Landes on top, the two
managers (Wynnefield Capital Management, LLC and Wynnefield Capital, Inc.) below them,
the three funds, the common stock, and Liquidmetal at the bottom. Obus's and Landes's
stated-power links to the funds skip the managers' layer: they bend there.
"""

from __future__ import annotations

import doctest
import json
import re
from pathlib import Path

from ownergraph.explorer import layered as layered_module
from ownergraph.explorer.layered import box_size, labels, layered, segment_crosses_box
from ownergraph.explorer.render import render
from ownergraph.explorer.subgraph import (
    Subgraph,
    SubgraphOptions,
    generated_graph,
    neighbourhood,
)
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import NodeKind
from ownergraph.loaders import parse_path

SEED = Path(__file__).parents[1] / "data" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"


def _seed_sub(tmp_path: Path) -> Subgraph:
    with Store(tmp_path / "s.db") as s:
        s.load(parse_path(SEED))
        G = s.graph()
    issuer = next(n for n, d in G.nodes(data=True) if d.get("kind") == NodeKind.ISSUER)
    return neighbourhood(G, issuer)


def _crossings(sub: Subgraph) -> list[tuple[str, str, str]]:
    """(edge source, edge target, node) for every segment that passes through a box."""
    lab = labels({n.id: n.name for n in sub.nodes})
    lay = layered(sub, lab)
    boxes = {}
    for n, (x, y) in lay.pos.items():
        w, h = box_size(lab[n])
        boxes[n] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    bad = []
    for i, e in enumerate(sub.edges):
        pts = [lay.pos[e.source], *lay.bends.get(i, []), lay.pos[e.target]]
        for a, b in zip(pts, pts[1:], strict=False):
            for n, box in boxes.items():
                if n not in (e.source, e.target) and segment_crosses_box(a, b, box):
                    bad.append((e.source, e.target, n))
    return bad


def test_doctests() -> None:
    assert doctest.testmod(layered_module).failed == 0


def test_seed_layers_persons_on_top_issuer_at_the_bottom(tmp_path: Path) -> None:
    sub = _seed_sub(tmp_path)
    lay = layered(sub)
    name = {n.id: n.name for n in sub.nodes}
    y = {name[n]: p[1] for n, p in lay.pos.items()}
    assert y["Nelson Obus"] == y["Joshua Landes"]
    assert y["Wynnefield Capital Management, LLC"] == y["Wynnefield Capital, Inc."]
    assert y["Nelson Obus"] < y["Wynnefield Capital, Inc."]
    funds = [v for k, v in y.items() if k.startswith(("Wynnefield Partners", "Wynnefield Small"))]
    assert len(funds) == 3 and len(set(funds)) == 1 and funds[0] > y["Wynnefield Capital, Inc."]
    common = next(v for k, v in y.items() if "Common Stock" in k)
    assert funds[0] < common < y["Liquidmetal Technologies, Inc."]
    # Landes's stated-power links to the funds pass the managers' layer through a bend
    landes = next(n.id for n in sub.nodes if n.name == "Joshua Landes")
    long = [i for i, e in enumerate(sub.edges) if e.source == landes]
    assert long and all(len(lay.bends[i]) == 1 for i in long)


def test_no_edge_segment_crosses_a_node_box(tmp_path: Path) -> None:
    assert _crossings(_seed_sub(tmp_path)) == []
    G = generated_graph(60, managers=6, securities=3)
    sub = neighbourhood(
        G, "s0", options=SubgraphOptions(collapse_funds_over=10**6, max_children=1000)
    )
    assert len(sub.nodes) > 20 and _crossings(sub) == []


def test_labels_are_whole_and_distinct(tmp_path: Path) -> None:
    sub = _seed_sub(tmp_path)
    html = render(sub)
    nodes = json.loads(re.search(r"var rawNodes = (\[.*?\]);\n", html).group(1))
    shown = [n["label"].replace("\n", " ") for n in nodes if not n["id"].startswith("via:")]
    assert len(shown) == len(set(shown)) == len(sub.nodes)
    assert any(s.startswith("Wynnefield Partners Small Cap Value, L.P. I") for s in shown)
    assert any(re.fullmatch(r"Wynnefield Partners Small Cap Value, L\.P\. [\d,]+ sh", s)
               for s in shown)  # fmt: skip
    long = "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi"
    out = labels({"a": long + " Fund, L.P.", "b": long + " Fund, L.P. I"})
    assert out["a"] != out["b"]
    assert out["b"].replace("\n", " ").endswith("Fund, L.P. I")
