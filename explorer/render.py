r"""The pure renderer: ``render(subgraph, options) -> html`` (pyvis / vis-network, no streamlit).

Nodes are coloured and shaped by kind, edges coloured by kind and sized by shares, with an
HTML legend in a strip above the canvas (never over it, so it covers no node). The layout is
computed in Python, once: up to :data:`explorer.layered.MAX_NODES` nodes by grandalf's
Sugiyama layout (:mod:`explorer.layered`: persons on top, then managers, funds, classes,
the issuer; crossings minimised; long edges drawn as polylines through bend points; boxes
holding whole labels that no edge segment crosses), above that by the fast level layout
(:func:`layout`: the centre at level 0, its controllers above and its holdings below).
vis-network is given fixed positions with physics off, so a 2,000-node neighbourhood draws
without a physics simulation.

The page is self-contained: vis-network 9.1.2 is inlined from the pyvis package (no CDN, it
works offline) and pyvis' own template (which loads Bootstrap from a CDN and switches
tooltips to ``innerHTML`` when a title contains "href") is not used.

Untrusted text. Every name and phrase comes from a filing:

* node and edge data reach the page through Jinja's ``tojson``, which escapes ``<``, ``>``,
  ``&`` and ``'``, so a name holding ``</script>`` cannot end the script element;
* labels are drawn on the canvas by vis-network as text (``font.multi`` stays off, so
  no ``<b>`` markup is interpreted);
* tooltips (``title``) are built as HTML from pieces that are each escaped with
  :func:`html.escape`; the page turns each title into a DOM element before vis-network sees
  it (vis-network 9.1.2 would show a plain string with ``innerText``), so the escaped
  markup displays the original text and nothing in it runs.

>>> from ownergraph.explorer.subgraph import Subgraph, VNode
>>> sub = Subgraph(center="a", nodes=(VNode(id="a", kind="person", name="<b>x</b>", level=0),),
...                edges=())
>>> out = render(sub)
>>> "<b>x</b>" in out
False
>>> "\\u003cb\\u003ex" in out
True
"""

from __future__ import annotations

import functools
import html
import json
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pyvis
from pyvis.network import Network

from ownergraph.explorer.layered import MAX_NODES, labels, layered
from ownergraph.explorer.subgraph import COLLAPSED, MORE, Subgraph, VEdge, VNode
from ownergraph.graph.vocab import EdgeKind, NodeKind

#: Node style by kind: (colour, vis shape, legend label).
NODE_STYLE: dict[str, tuple[str, str, str]] = {
    NodeKind.PERSON.value: ("#e15759", "dot", "person"),
    NodeKind.FUND.value: ("#59a14f", "square", "fund"),
    NodeKind.ENTITY.value: ("#4e79a7", "diamond", "manager / entity"),
    NodeKind.ISSUER.value: ("#f28e2b", "star", "issuer"),
    NodeKind.SECURITY.value: ("#b07aa1", "triangle", "security class"),
    NodeKind.GROUP.value: ("#9c755f", "hexagon", "13d-5(b) group"),
    NodeKind.UNKNOWN.value: ("#bab0ac", "dot", "unknown party"),
    COLLAPSED: ("#8cd17d", "square", "funds collapsed under their manager"),
    MORE: ("#d4d4d4", "box", "and N more (not expanded)"),
}

#: Edge style by kind: (colour, dashes, legend label).
EDGE_STYLE: dict[str, tuple[str, bool | list[int], str]] = {
    EdgeKind.CONTROLS.value: ("#4e79a7", False, "control (13d-3 role)"),
    EdgeKind.HOLDS.value: ("#59a14f", False, "holding (shares)"),
    EdgeKind.OWNS.value: ("#f28e2b", [8, 4], "economic stake (%)"),
    EdgeKind.CONSOLIDATES.value: ("#9c755f", [2, 4], "accounting consolidation"),
    EdgeKind.MEMBER_OF.value: ("#b07aa1", [4, 4], "group membership"),
    EdgeKind.ISSUES.value: ("#bab0ac", [1, 3], "issues (class of issuer)"),
    MORE: ("#bbbbbb", [2, 2], "not expanded"),
}


@dataclass(frozen=True)
class RenderOptions:
    """How to draw. ``labels`` is ``"shares"``, ``"percent"`` or ``"none"`` (edge labels)."""

    labels: str = "shares"
    height_px: int = 640
    node_spacing: float = 210.0
    level_spacing: float = 170.0
    row_width: int = 40  # nodes per row inside one level before wrapping
    legend: bool = True
    max_label_chars: int = 42


# --------------------------------------------------------------------------- layout


def layout(sub: Subgraph, options: RenderOptions | None = None) -> dict[str, tuple[float, float]]:
    """Fixed positions: a layered layout, centre at (0, 0), controllers above (y < 0).

    Within a level, nodes are ordered by their parent's x, then by shares (largest first),
    then by name; wide levels wrap into rows. Deterministic.

    >>> from ownergraph.explorer.subgraph import Subgraph, VNode
    >>> s = Subgraph("c", (VNode("c", "fund", "C", 0), VNode("p", "person", "P", -1, "c")), ())
    >>> layout(s)["p"][1] < layout(s)["c"][1]
    True
    """
    opts = options or RenderOptions()
    by_level: dict[int, list[VNode]] = defaultdict(list)
    for n in sub.nodes:
        by_level[n.level].append(n)
    pos: dict[str, tuple[float, float]] = {}
    # rows of each level, so that levels do not overlap after wrapping
    rows_of = {lv: max(1, math.ceil(len(ns) / opts.row_width)) for lv, ns in by_level.items()}
    y_of: dict[int, float] = {0: 0.0}
    for sign in (-1, 1):
        y = 0.0
        prev_rows = rows_of.get(0, 1)
        lv = sign
        while lv in by_level:
            gap_rows = (prev_rows - 1) if sign > 0 else (rows_of[lv] - 1)
            y += sign * (opts.level_spacing + gap_rows * opts.level_spacing * 0.6)
            y_of[lv] = y
            prev_rows = rows_of[lv]
            lv += sign

    def place(lv: int) -> None:
        ns = by_level[lv]
        per_row = opts.row_width
        for i, n in enumerate(ns):
            row, col = divmod(i, per_row)
            in_row = min(per_row, len(ns) - row * per_row)
            x = (col - (in_row - 1) / 2.0) * opts.node_spacing
            y = y_of.get(lv, 0.0) + math.copysign(row * opts.level_spacing * 0.6, lv or 1)
            pos[n.id] = (x, y)

    # first pass: outward from the centre, children under their parent
    for lv in sorted(by_level, key=abs):
        by_level[lv].sort(
            key=lambda n: (pos.get(n.parent or "", (0.0, 0.0))[0], -(n.shares or 0.0), n.name, n.id)
        )
        place(lv)
    # barycentre sweeps (Sugiyama): order each level by the mean x of its neighbours in the
    # adjacent levels, which untangles parallel chains (two GPs over their own funds)
    level_of = {n.id: n.level for n in sub.nodes}
    nbrs: dict[str, list[str]] = defaultdict(list)
    for e in sub.edges:
        if e.source in level_of and e.target in level_of:
            if abs(level_of[e.source] - level_of[e.target]) == 1:
                nbrs[e.source].append(e.target)
                nbrs[e.target].append(e.source)
    levels = sorted(by_level)
    if len(sub.nodes) <= 5000:
        for sweep in range(4):
            order = levels if sweep % 2 == 0 else list(reversed(levels))
            for lv in order:
                if lv == 0:
                    continue

                def bary(n: VNode) -> float:
                    xs = [pos[m][0] for m in nbrs.get(n.id, ()) if m in pos]
                    return sum(xs) / len(xs) if xs else pos[n.id][0]

                by_level[lv].sort(key=lambda n: (bary(n), n.name, n.id))
                place(lv)
    return pos


# --------------------------------------------------------------------------- labels


def _fmt_shares(x: float | None) -> str:
    if x is None:
        return "unknown"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def _short(text: str, n: int) -> str:
    """Shorten to ``n`` characters and wrap onto lines of about 24 (labels are canvas text)."""
    text = text if len(text) <= n else text[: n - 1] + "…"
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= 24:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines) or text


def node_title(n: VNode) -> str:
    """The tooltip of a node: HTML built from escaped pieces."""
    e = html.escape
    kind = NODE_STYLE.get(n.kind, NODE_STYLE[NodeKind.UNKNOWN.value])[2]
    parts = [f"<b>{e(n.name)}</b>", f"<i>{e(kind)}</i>"]
    for scheme, value in n.identifiers:
        parts.append(f"{e(scheme.upper())}: {e(value)}")
    others = [x for x in n.names if x != n.name]
    if others:
        parts.append("also: " + "; ".join(e(x) for x in others[:6]))
    if n.shares is not None:
        parts.append(f"shares drawn: {e(_fmt_shares(n.shares))}")
    if n.kind in (COLLAPSED, MORE):
        parts.append(f"{n.count} nodes not drawn")
    return "<br>".join(parts)


def edge_title(edge: VEdge, names: dict[str, str]) -> str:
    """The tooltip of an edge: HTML built from escaped pieces."""
    e = html.escape
    kind = EDGE_STYLE.get(edge.kind, EDGE_STYLE[MORE])[2]
    parts = [
        f"<b>{e(names.get(edge.source, edge.source))}</b> → "
        f"<b>{e(names.get(edge.target, edge.target))}</b>",
        f"<i>{e(kind)}</i>",
    ]
    if edge.roles:
        parts.append("role: " + e(", ".join(r.replace("_", " ") for r in edge.roles)))
    if edge.powers:
        parts.append("power: " + e(", ".join(edge.powers)))
    if edge.shares is not None:
        parts.append(f"shares: {e(_fmt_shares(edge.shares))}")
    if edge.percent is not None:
        parts.append(f"percent: {edge.percent:.2f}%")
    parts.extend(e(line) for line in edge.lines[:12])
    if len(edge.record_ids) > 1:
        parts.append(f"{len(edge.record_ids)} records")
    return "<br>".join(parts)


def edge_label(edge: VEdge, mode: str) -> str | None:
    """The label on an edge: its shares, its percent, or nothing."""
    if mode == "shares" and edge.shares is not None:
        return _fmt_shares(edge.shares)
    if mode == "percent" and edge.percent is not None:
        return f"{edge.percent:.2f}%"
    if mode != "none" and edge.roles:
        return edge.roles[0].replace("_", " ")
    return None


# --------------------------------------------------------------------------- page


@functools.cache
def _vis_assets() -> tuple[str, str]:
    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # an inlined script must not contain "</script"; the minified file does not, check anyway
    if "</script" in js.lower():
        js = js.replace("</script", "<\\/script")
    return js, css


_PAGE = jinja2.Environment(autoescape=True).from_string(
    """<!doctype html>
<html><head><meta charset="utf-8">
<style>{{ css|safe }}</style>
<style>
 html, body { margin: 0; padding: 0; font-family: sans-serif; }
 #og-wrap { height: {{ total_height }}px; display: flex; flex-direction: column; }
 #og-bar { flex: 0 0 auto; display: flex; flex-wrap: wrap; align-items: center;
   gap: 2px 12px; padding: 4px 6px; font-size: 12px; line-height: 18px;
   border: 1px solid #ddd; border-bottom: 0; background: #fafafa; }
 #og-legend { display: contents; }
 #og-legend .grp { font-weight: bold; }
 #og-legend .it { white-space: nowrap; }
 #og-legend .sw { display: inline-block; width: 12px; height: 12px; margin-right: 5px;
   vertical-align: middle; border-radius: 2px; }
 #og-legend .ln { display: inline-block; width: 22px; height: 0; margin-right: 5px;
   vertical-align: middle; border-top-width: 3px; }
 #og-legend .note, #og-stats { color: #666; }
 #og-stats { margin-left: auto; white-space: nowrap; font-size: 11px; }
 #og-graph { flex: 1 1 auto; min-height: 0; width: 100%; border: 1px solid #ddd; }
 .vis-tooltip { max-width: 420px; white-space: normal !important; font-size: 12px; }
</style>
<script>{{ js|safe }}</script>
</head><body>
<div id="og-wrap">
<div id="og-bar">{% if legend %}<span id="og-legend"><span class="grp">Nodes:</span>
{% for colour, shape, label in node_legend %}<span class="it"><span class="sw" style="background: {{ colour }}"></span>{{ label }}</span>
{% endfor %}<span class="grp">Edges:</span>
{% for colour, dashed, label in edge_legend %}<span class="it"><span class="ln" style="border-top: 3px {{ 'dashed' if dashed else 'solid' }} {{ colour }}"></span>{{ label }}</span>
{% endfor %}<span class="note">width grows with shares</span></span>
{% endif %}<span id="og-stats">{{ stats }}</span></div>
<div id="og-graph"></div>
</div>
<script type="text/javascript">
(function () {
  var rawNodes = {{ nodes|tojson }};
  var rawEdges = {{ edges|tojson }};
  function tip(markup) {
    var el = document.createElement("div");
    el.innerHTML = markup;  /* markup is built from html.escape()d pieces */
    return el;
  }
  rawNodes.forEach(function (n) { if (n.title) { n.title = tip(n.title); } });
  rawEdges.forEach(function (e) { if (e.title) { e.title = tip(e.title); } });
  var data = {nodes: new vis.DataSet(rawNodes), edges: new vis.DataSet(rawEdges)};
  var options = {{ options|tojson }};
  var network = new vis.Network(document.getElementById("og-graph"), data, options);
  network.once("afterDrawing", function () {
    network.fit({animation: false});
    document.body.setAttribute("data-og-drawn", "1");
  });
  /* a narrower (or wider) window: redraw to fit, so nothing is cut at the edges */
  window.addEventListener("resize", function () {
    network.redraw();
    network.fit({animation: false});
  });
  window.ogNetwork = network;
})();
</script>
</body></html>
"""
)


#: Room the page reserves above the canvas for the strip holding the legend (two lines of
#: items) and the counts; without a legend, one line for the counts.
LEGEND_PX = 52
BAR_PX = 24


def page_height(options: RenderOptions | None = None) -> int:
    """The height of the rendered page: the canvas plus the legend strip above it (the
    legend is outside the canvas, so it never covers a node). Give the iframe this much.

    >>> page_height(RenderOptions(height_px=600))
    652
    """
    opts = options or RenderOptions()
    return int(opts.height_px) + (LEGEND_PX if opts.legend else BAR_PX)


def _tint(colour: str, amount: float = 0.78) -> str:
    """``colour`` mixed with white (a box's fill, so its black label reads).

    >>> _tint("#000000", 0.5)
    '#7f7f7f'
    """
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [int(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def _width(shares: float | None, max_shares: float) -> float:
    if not shares or shares <= 0 or max_shares <= 0:
        return 1.0
    return 1.0 + 7.0 * math.log1p(shares) / math.log1p(max_shares)


def render(sub: Subgraph, options: RenderOptions | None = None) -> str:
    """Render a :class:`~explorer.subgraph.Subgraph` as one self-contained HTML page.

    Positions come from :func:`layout`; physics is off. See the module docstring for how
    untrusted text is kept text.
    """
    opts = options or RenderOptions()
    names = {n.id: n.name for n in sub.nodes}
    layers = len(sub.nodes) <= MAX_NODES
    if layers:
        label_of = labels(names)
        for n in sub.nodes:
            if n.shares is not None and n.kind not in (MORE,) and opts.labels != "none":
                label_of[n.id] += f"\n{_fmt_shares(n.shares)} sh"
        lay = layered(sub, label_of)
        pos, bends = lay.pos, lay.bends
    else:
        pos, bends = layout(sub, opts), {}
        label_of = {n.id: _short(n.name, opts.max_label_chars) for n in sub.nodes}
        for n in sub.nodes:
            if n.shares is not None and n.kind not in (MORE,) and opts.labels != "none":
                label_of[n.id] += f"\n{_fmt_shares(n.shares)} sh"
    net = Network(height=f"{opts.height_px}px", width="100%", directed=True)
    for n in sub.nodes:
        colour, shape, _ = NODE_STYLE.get(n.kind, NODE_STYLE[NodeKind.UNKNOWN.value])
        x, y = pos[n.id]
        extra: dict[str, object] = {}
        if n.kind == COLLAPSED:
            extra["shapeProperties"] = {"borderDashes": [5, 5]}
        if layers:  # a box holding its whole label: the box the edges keep clear of
            extra["shape"] = "box"
            extra["color"] = {
                "background": _tint(colour),
                "border": "#222" if n.center else colour,
                "highlight": {"background": _tint(colour, 0.55), "border": "#000"},
                "hover": {"background": _tint(colour, 0.55), "border": "#000"},
            }
            extra["margin"] = {"top": 10, "bottom": 10, "left": 14, "right": 14}
            extra["font"] = {"size": 13, "face": "sans-serif", "color": "#111"}
            extra["borderWidth"] = 3 if n.center else 1.5
        net.add_node(
            n.id,
            **{
                "label": label_of[n.id],
                "shape": shape,
                "color": {"background": colour, "border": "#222" if n.center else colour},
                "title": node_title(n),
                "x": x,
                "y": y,
                "size": 28 if n.center else (18 if n.kind != MORE else 12),
                "borderWidth": 4 if n.center else 1,
                "font": {"size": 16 if n.center else 13, "face": "sans-serif"},
                **extra,
            },
        )
    max_shares = max((e.shares or 0.0 for e in sub.edges), default=0.0)
    for i, e in enumerate(sub.edges):
        colour, dashes, _ = EDGE_STYLE.get(e.kind, EDGE_STYLE[MORE])
        label = edge_label(e, opts.labels)
        style = {
            "color": {"color": colour, "highlight": "#000"},
            "dashes": dashes,
            "width": _width(e.shares, max_shares),
            "title": edge_title(e, names),
            "font": {"size": 11, "align": "horizontal", "strokeWidth": 4, "background": "white"},
        }
        points = bends.get(i, [])
        # a long edge is a polyline through its bend points (invisible via-nodes); the arrow
        # is on the last segment, the label on one segment (between two layers), chosen by
        # the edge's index so that labels of parallel long edges spread over the gaps
        chain = [e.source] + [f"via:{i}:{k}" for k in range(len(points))] + [e.target]
        for k, (bx, by) in enumerate(points):
            net.add_node(chain[k + 1], label=" ", shape="dot", size=0.5, x=bx, y=by,
                         color={"background": "rgba(0,0,0,0)", "border": "rgba(0,0,0,0)"},
                         chosen=False, fixed=True, title=None)  # fmt: skip
        labelled = i % (len(chain) - 1)
        for k, (a, b) in enumerate(zip(chain, chain[1:], strict=False)):
            kw: dict[str, object] = {}
            if label and k == labelled:
                kw["label"] = label
            net.add_edge(
                a,
                b,
                id=f"e{i}" if k == len(chain) - 2 else f"e{i}s{k}",
                arrows="to" if k == len(chain) - 2 else "",
                **style,
                **kw,
            )
    big = len(sub.nodes) > 600
    vis_options = {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "hierarchical": {"enabled": False}},
        "interaction": {
            "hover": not big,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": False,
        },
        "edges": {
            # straight segments: a curve could bow through a box the layout kept clear
            "smooth": False if big or layers else {"type": "cubicBezier", "roundness": 0.4},
            "arrowStrikethrough": False,
        },
        "nodes": {"font": {"multi": False}},
    }
    nodes, edges, *_ = net.get_network_data()
    js, css = _vis_assets()
    stats = f"{len(sub.nodes):,} nodes, {len(sub.edges):,} edges"
    if sub.hidden:
        stats += f"; {sub.hidden:,} not expanded"
    if sub.collapsed:
        stats += f"; {sub.collapsed:,} funds collapsed"
    node_kinds = {n.kind for n in sub.nodes}
    edge_kinds = {e.kind for e in sub.edges}
    return _PAGE.render(
        css=css,
        js=js,
        total_height=page_height(opts),
        legend=opts.legend,
        node_legend=[v for k, v in NODE_STYLE.items() if k in node_kinds],
        edge_legend=[v for k, v in EDGE_STYLE.items() if k in edge_kinds],
        stats=stats,
        nodes=nodes,
        edges=edges,
        options=json.loads(json.dumps(vis_options)),
    )
