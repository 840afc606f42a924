"""A layered (Sugiyama) drawing of a neighbourhood, computed by grandalf, that cannot
mislead: no straight edge segment crosses a node box, labels are whole, edge labels sit
between layers.

* **Layers** come from the direction of control: controller above controlled, holder
  above the class it holds, the class above its issuer (``issues`` edges are drawn
  upwards), so persons are on top, then managers, funds, classes and the issuer at the
  bottom; cycles are broken by grandalf's feedback edges.
* **Order within layers** is grandalf's crossing minimisation (barycentre/median sweeps)
  and its Brandes-Köpf coordinate assignment, with each node as wide as its label box.
* **Long edges** (spanning several layers) go through grandalf's dummy vertices: the
  renderer draws them as polylines through those bend points, so an edge never passes
  through a layer where a node could sit.
* **Layer spacing** is chosen so that every segment leaves its end boxes through their
  top or bottom side (never the side facing a neighbour): a segment moving ``dx``
  sideways over a layer gap ``L`` covers ``dx * (h / 2) / L`` while inside a box of height
  ``h``, which must stay under half the box's width ``w / 2``.
* **Labels** are the full names wrapped on word boundaries (:func:`label_lines`); a name
  longer than :data:`MAX_LABEL` keeps its start and its end ("Wynnefield Partners Small
  Cap … Value, L.P. I"), and falls back to the full name when two shortened labels would
  look alike.

>>> from ownergraph.explorer.subgraph import Subgraph, VEdge, VNode
>>> sub = Subgraph("i", (VNode("p", "person", "P", -2), VNode("f", "fund", "F", -1),
...                      VNode("i", "issuer", "I", 0, center=True)),
...                (VEdge("p", "f", "controls"), VEdge("f", "i", "holds"),
...                 VEdge("p", "i", "controls")))
>>> lay = layered(sub)
>>> lay.pos["p"][1] < lay.pos["f"][1] < lay.pos["i"][1]
True
>>> len(lay.bends[2])  # P -> I skips F's layer: one bend point
1
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from ownergraph.explorer.subgraph import Subgraph

#: Above this many nodes the renderer keeps its fast level layout (grandalf is pure Python).
MAX_NODES = 400
#: Characters per label line, and the longest label kept whole.
LINE_CHARS = 24
MAX_LABEL = 96
#: Box metrics of the canvas font (13 px sans-serif), in canvas pixels.
CHAR_PX = 7.4
LINE_PX = 17.0
PAD_X = 14.0
PAD_Y = 10.0
#: Horizontal gap between boxes of one layer, least vertical gap between layers.
X_GAP = 36.0
MIN_LAYER_GAP = 110.0


def label_lines(name: str, *, width: int = LINE_CHARS) -> list[str]:
    """``name`` wrapped on word boundaries (a word longer than a line is cut into pieces).

    >>> label_lines("Wynnefield Partners Small Cap Value, L.P. I")
    ['Wynnefield Partners', 'Small Cap Value, L.P. I']
    """
    lines: list[str] = []
    for word in name.split():
        while len(word) > width:
            lines.append(word[:width])
            word = word[width:]
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [name]


def _shorten(name: str, limit: int = MAX_LABEL) -> str:
    """Start and end of a long name (the end tells "L.P." from "L.P. I")."""
    if len(name) <= limit:
        return name
    keep = (limit - 3) // 2
    return name[:keep].rstrip() + " … " + name[-keep:].lstrip()


def labels(names: dict[str, str]) -> dict[str, str]:
    """A label per node id: the name, wrapped; shortened only where the short forms stay
    distinct (else the full name).

    >>> a = "Wynnefield Partners Small Cap Value Offshore Fund Master Trust Account, L.P."
    >>> out = labels({"x": a, "y": a + " I"})
    >>> out["x"] != out["y"] and out["y"].replace(chr(10), " ").endswith("L.P. I")
    True
    """
    short = {k: _shorten(v) for k, v in names.items()}
    seen: dict[str, int] = defaultdict(int)
    for s in short.values():
        seen[s] += 1
    out = {}
    for k, name in names.items():
        text = short[k] if seen[short[k]] == 1 else name
        out[k] = "\n".join(label_lines(text))
    return out


def box_size(label: str) -> tuple[float, float]:
    """Width and height of a label's box on the canvas (estimated from its characters)."""
    lines = label.split("\n")
    return (
        max(len(line) for line in lines) * CHAR_PX + 2 * PAD_X,
        len(lines) * LINE_PX + 2 * PAD_Y,
    )


@dataclass
class Layered:
    """Positions of the nodes (box centres), bend points per edge index, box sizes."""

    pos: dict[str, tuple[float, float]]
    bends: dict[int, list[tuple[float, float]]] = field(default_factory=dict)
    size: dict[str, tuple[float, float]] = field(default_factory=dict)
    rank: dict[str, int] = field(default_factory=dict)


def _direction(kind: str, source: str, target: str) -> tuple[str, str]:
    """Edge direction for layering: ``issues`` drawn upwards (the issuer at the bottom)."""
    return (target, source) if kind == "issues" else (source, target)


def layered(sub: Subgraph, label_of: dict[str, str] | None = None) -> Layered:
    """Sugiyama layout of ``sub`` with grandalf (module docstring). Deterministic."""
    from grandalf.graphs import Edge, Graph, Vertex
    from grandalf.layouts import SugiyamaLayout

    label_of = label_of or labels({n.id: n.name for n in sub.nodes})

    class View:
        def __init__(self, w: float, h: float) -> None:
            self.w, self.h = w, h
            self.xy = (0.0, 0.0)

    ids = sorted(n.id for n in sub.nodes)
    verts = {i: Vertex(i) for i in ids}
    size = {i: box_size(label_of.get(i, i)) for i in ids}
    for i, v in verts.items():
        v.view = View(*size[i])
    pairs: dict[tuple[str, str], int] = {}
    edges = []
    for u, v in sorted({_direction(e.kind, e.source, e.target) for e in sub.edges}):
        if u == v or u not in verts or v not in verts or (v, u) in pairs:
            continue
        pairs[(u, v)] = len(edges)
        edges.append(Edge(verts[u], verts[v]))
    g = Graph(list(verts.values()), edges)
    out = Layered(pos={}, size=size)
    x0 = 0.0
    edge_pts: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for comp in sorted(g.C, key=lambda c: min(v.data for v in c.sV)):
        for e in comp.sE:
            e.view = type("EdgeView", (), {"setpath": lambda self, pts: None})()
        sug = SugiyamaLayout(comp)
        sug.xspace, sug.yspace = X_GAP, MIN_LAYER_GAP
        roots = sorted((v for v in comp.sV if not v.e_in()), key=lambda v: v.data) or None
        sug.init_all(roots=roots)
        sug.draw(3)
        xs = [v.view.xy[0] - v.view.w / 2 for v in comp.sV]
        shift = x0 - min(xs)
        for v in comp.sV:
            out.pos[v.data] = (v.view.xy[0] + shift, 0.0)
            out.rank[v.data] = sug.grx[v].rank
        for e in comp.sE:
            u, v = e.v[0].data, e.v[1].data
            pts = []
            if e in sug.ctrls:
                ctrl = sug.ctrls[e]
                r0, r1 = sug.grx[e.v[0]].rank, sug.grx[e.v[1]].rank
                step = 1 if r0 < r1 else -1
                pts = [(ctrl[r].view.xy[0] + shift, float(r)) for r in range(r0 + step, r1, step)]
            edge_pts[(u, v)] = pts  # y holds the rank until the layer gaps are known
        x0 = max(out.pos[v.data][0] + v.view.w / 2 for v in comp.sV) + 3 * X_GAP
    # layer heights and the gap each needs so that segments leave boxes top or bottom
    rows: dict[int, list[str]] = defaultdict(list)
    for n, r in out.rank.items():
        rows[r].append(n)
    ranks = sorted(rows)
    height = {r: max(size[n][1] for n in rows[r]) for r in ranks}
    need = dict.fromkeys(ranks, MIN_LAYER_GAP)

    def demand(r: int, x_a: float, x_b: float, ends: list[str]) -> None:
        dx = abs(x_a - x_b)
        for n in ends:
            w, h = size[n]
            need[r] = max(need[r], 1.15 * dx * h / max(w, 1.0) + 0.5 * h)

    for (u, v), pts in edge_pts.items():
        chain = [(out.pos[u][0], out.rank[u])] + pts + [(out.pos[v][0], out.rank[v])]
        for (xa, ra), (xb, rb) in zip(chain, chain[1:], strict=False):
            top = int(min(ra, rb))
            ends = [n for n, r in ((u, ra), (v, rb)) if (n == u and r == out.rank[u]) or
                    (n == v and r == out.rank[v])]  # fmt: skip
            demand(top, xa, xb, ends)
    y_of: dict[int, float] = {}
    y = 0.0
    for i, r in enumerate(ranks):
        if i:
            prev = ranks[i - 1]
            y += height[prev] / 2 + need[prev] + height[r] / 2
        y_of[r] = y
    for n in out.pos:
        out.pos[n] = (out.pos[n][0], y_of[out.rank[n]])

    def y_at(rank: float) -> float:
        r = int(rank)
        return y_of.get(r, y_of[ranks[-1]] + (r - ranks[-1]) * MIN_LAYER_GAP)

    for i, e in enumerate(sub.edges):
        key = _direction(e.kind, e.source, e.target)
        pts = edge_pts.get(key)
        rev = False
        if pts is None:
            pts = edge_pts.get((key[1], key[0]))
            rev = True
        if not pts:
            continue
        placed = [(x, y_at(r)) for x, r in pts]
        # the polyline runs from the drawn source to the drawn target
        forward = (e.source, e.target) == (key if not rev else (key[1], key[0]))
        out.bends[i] = placed if forward else list(reversed(placed))
    return out


def segment_crosses_box(
    a: tuple[float, float], b: tuple[float, float], box: tuple[float, float, float, float]
) -> bool:
    """True when the segment ``a``-``b`` passes through the rectangle ``(x0, y0, x1, y1)``
    (Liang-Barsky clipping; touching the border does not count).

    >>> segment_crosses_box((0, 0), (10, 10), (4, 4, 6, 6)), segment_crosses_box((0, 0), (10, 0), (4, 1, 6, 3))
    (True, False)
    """
    x0, y0, x1, y1 = box
    dx, dy = b[0] - a[0], b[1] - a[1]
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if math.isclose(p, 0.0, abs_tol=1e-12):
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo >= hi:
            return False
    return hi - lo > 1e-9


__all__ = ["MAX_NODES", "Layered", "box_size", "label_lines", "labels", "layered",
           "segment_crosses_box"]  # fmt: skip
