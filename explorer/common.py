"""What every page shares: settings, the cached store, cached queries, safe text.

This module is on the app side (it imports streamlit); the library (``graph/``,
``loaders/``, ``queries/``) and the pure renderer never do.

* The store is a ``st.cache_resource`` keyed by its path (``OWNERGRAPH_STORE``).
* Query results are ``st.cache_data`` keyed by the store path and its ``seq``, which changes
  on every load, so a load invalidates them without clearing anything by hand.
* Untrusted text (names, phrases) goes through :func:`md` before it reaches markdown.
"""

from __future__ import annotations

import datetime as dt
import numbers
import re
from typing import Any

import networkx as nx
import pandas as pd
import streamlit as st

from ownergraph.graph.errors import OwnergraphError
from ownergraph.graph.settings import Settings
from ownergraph.graph.store import Store

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=])")


def md(text: object) -> str:
    """Escape untrusted text for ``st.markdown``: every markdown/HTML metacharacter is
    backslash-escaped, so a name shows as the characters it is made of.

    >>> md("<img src=x onerror=alert(1)>")
    '\\\\<img src\\\\=x onerror\\\\=alert\\\\(1\\\\)\\\\>'
    >>> md("**bold** [x](javascript:1)")
    '\\\\*\\\\*bold\\\\*\\\\* \\\\[x\\\\]\\\\(javascript\\\\:1\\\\)'
    """
    s = str(text).replace("\r", " ").replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\1", s)


def code(text: object) -> str:
    """Untrusted text as a markdown code span: nothing inside backticks is escaped, so the
    text shows as it is; the fence is one backtick longer than any run of backticks in it.

    >>> code("/tmp/qa/app.db")
    '`/tmp/qa/app.db`'
    >>> code("a`b")
    '`` a`b ``'
    """
    s = str(text).replace("\r", " ").replace("\n", " ")
    longest = max((len(m) for m in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest or s.startswith(" ") or s.endswith(" ") else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def fmt_number(x: object) -> str:
    """A table cell: thousands separators, no spurious decimals (fractional units keep
    theirs), blank for unknown, text as it is.

    >>> fmt_number(1341499.0), fmt_number(1234.5), fmt_number(0.25), fmt_number(None)
    ('1,341,499', '1,234.5', '0.25', '')
    >>> fmt_number(float("nan")), fmt_number(2), fmt_number("doc:1"), fmt_number(True)
    ('', '2', 'doc:1', 'True')
    """
    if x is None or x is pd.NA or (isinstance(x, numbers.Real) and x != x):
        return ""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        return str(x)
    if float(x).is_integer():
        return f"{int(x):,}"
    text = f"{float(x):,.6f}".rstrip("0").rstrip(".")
    return text if text not in ("0", "-0") else f"{float(x):g}"


def fmt_shares(x: float | None) -> str:
    """Shares with thousands separators; unknown stays "unknown", never 0.

    >>> fmt_shares(3731324.0), fmt_shares(None)
    ('3,731,324', 'unknown')
    """
    if x is None:
        return "unknown"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def fmt_percent(x: float | None) -> str:
    """A percent in percent units (2.28 means 2.28 %); unknown stays "unknown".

    >>> fmt_percent(8.3412), fmt_percent(None)
    ('8.34%', 'unknown')
    """
    if x is None:
        return "unknown"
    return f"{x:.4f}%" if 0 < abs(x) < 0.01 else f"{x:.2f}%"


def settings() -> Settings:
    """Settings from the environment (cheap; not cached, so a test can point elsewhere)."""
    return Settings.from_env()


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return Store(path)


def store() -> Store:
    """The embedded store (a cached resource, one per path)."""
    return _store(str(settings().store))


class _Moved(Exception):  # noqa: N818 - control flow, never shown
    """A load committed between reading ``seq`` and reading the graph: the graph read is
    of a later state than the cache key says, so it must not be cached under that key."""


@st.cache_resource(show_spinner=False, max_entries=8)
def _graph(path: str, seq_: int, as_of: dt.date | None) -> nx.MultiDiGraph:
    from ownergraph.queries.group_view import with_groups

    g = with_groups(_store(path).graph(as_of=as_of))  # one read transaction: one state
    if g.graph.get("seq") != seq_:
        raise _Moved(g)  # (an exception is not cached)
    return g


def graph(as_of: dt.date | None = None) -> nx.MultiDiGraph:
    """The control graph as of a date, with a node for each Rule 13d-5(b) group that cover
    pages state (box (a)); cached per store state and date.

    The graph is one state of the store (``graph.graph["seq"]``, see :func:`graph_seq`):
    a page derives an answer and its explanation from ONE graph object (and keys their
    caches by its seq), never from two calls, which a load may commit between."""
    try:
        return _graph(str(settings().store), seq(), as_of)
    except _Moved as moved:
        return moved.args[0]  # the newer state, read whole; cached once seq() catches up


@st.cache_resource(show_spinner=False, max_entries=4)
def _names(path: str, seq_: int) -> nx.MultiDiGraph:
    from ownergraph.graph import columns as colmod
    from ownergraph.graph.engine import Engine
    from ownergraph.queries.group_view import with_groups

    s = _store(path)
    engine = Engine(s)
    try:
        _ = engine.cols  # the columns written first if the store has none (a write)
        with s.snapshot():  # one read transaction: one state
            now = s.seq
            cols = engine.cols
            kinds = (colmod.PARTY, colmod.SECURITY)
            nodes = {i for i in range(cols.n_nodes) if cols.node_kind[i] in kinds}
            docs = [r[0] for r in s._rows("SELECT id FROM documents")]
            g = engine.subgraph(nodes, set(), documents=docs)
    finally:
        engine.close()
    g = with_groups(g)
    g.graph["seq"] = now
    if now != seq_:
        raise _Moved(g)
    return g


def names() -> nx.MultiDiGraph:
    """Every node of the store with its kind, name and record (parties merged as in
    :func:`graph`, classes, the box-(a) groups) and every document, but no edge: what a
    subject list, the search and the date slider read. Read through the store's column
    graph (:class:`graph.engine.Engine`), not the whole graph; one store state, cached
    per state."""
    try:
        return _names(str(settings().store), seq())
    except _Moved as moved:
        return moved.args[0]


def graph_seq(G: nx.MultiDiGraph) -> int:
    """The store state a graph of :func:`graph` was read at (the key of derived caches)."""
    return int(G.graph["seq"])


@st.cache_data(show_spinner=False, max_entries=16)
def _dates(path: str, seq_: int, _G: nx.MultiDiGraph) -> list[dt.date]:
    from ownergraph.queries.timeline import dates

    return dates(_G)


def as_of_slider(key: str) -> dt.date | None:
    """A slider over the dates the loaded documents report as of (oldest to latest); the
    graph and the answer are redrawn as of the date chosen. ``None`` (the latest state)
    when it stands on the last date or fewer than two dates are loaded.
    """
    G = names()
    return _slider(_dates(str(settings().store), graph_seq(G), G), key)


def _slider(days: list[dt.date], key: str) -> dt.date | None:
    if len(days) < 2:
        if days:
            st.caption(f"As of {days[0].isoformat()}: the one date of the loaded documents.")
        return None
    chosen = st.select_slider(
        "As of (the dates of the loaded documents)",
        options=days,
        value=days[-1],
        format_func=lambda d: d.isoformat(),
        key=key,
        help="Holdings and links as the documents filed by this date state them; a later"
        " amendment supersedes an earlier one.",
    )
    return None if chosen == days[-1] else chosen


def seq() -> int:
    """The store's sequence number: the key of every cached query result."""
    return store().seq


def plain(obj: Any) -> Any:
    """Turn a query result into plain data (``to_dict()`` when it has one)."""
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    if isinstance(obj, list | tuple):
        return [plain(x) for x in obj]
    return obj


def show_error(exc: OwnergraphError) -> None:
    """Translate a library error into ``st.error`` (STYLE 12)."""
    st.error(md(str(exc)))


def node_label(G: nx.MultiDiGraph, node_id: str) -> str:
    """A one-line label for a node in a select box (plain text, never markdown)."""
    if node_id not in G:
        return node_id
    data = G.nodes[node_id]
    kind = getattr(data.get("kind"), "value", data.get("kind"))
    return f"{data.get('name') or node_id}  ·  {kind}"


@st.cache_data(show_spinner=False, max_entries=64)
def cached_search(path: str, seq_: int, text: str) -> list[tuple[str, str, str, str, float]]:
    """Search results for ``text`` as plain tuples, cached per store state (over
    :func:`names`: every node, no edge)."""
    from ownergraph.explorer.search import search

    return [
        (h.node_id, h.name, h.kind, h.matched, h.score) for h in search(names(), text, limit=25)
    ]


def subjects(G: nx.MultiDiGraph) -> list[str]:
    """Nodes worth offering as a subject: issuers and securities first, then parties."""
    order = {"issuer": 0, "security": 1, "person": 2, "entity": 3, "fund": 4}

    def key(n: str) -> tuple[int, str]:
        k = getattr(G.nodes[n].get("kind"), "value", G.nodes[n].get("kind"))
        return (order.get(str(k), 9), str(G.nodes[n].get("name") or n))

    return sorted(G.nodes, key=key)


# --------------------------------------------------------------------------- the engine
#
# Pages ask about one subject at a time, so they read through the store's column graph
# (graph.engine.Engine): a subject's scope, the name index, never every party.


@st.cache_data(show_spinner=False, max_entries=64)
def engine_search(path: str, seq_: int, text: str) -> list[tuple[str, str, str, str, float]]:
    """Search hits for ``text`` as ``(node, name, kind, matched, score)``, best first,
    through the store's name index (:func:`explorer.search.engine_search`: the records
    the index offers, not every party); cached per store state."""
    from ownergraph.explorer.search import engine_search as search_

    with _engine() as engine:
        hits, _ = search_(engine, text, limit=25)
    return [(h.node_id, h.name, h.kind, h.matched, h.score) for h in hits]


class _engine:  # noqa: N801 - a context manager used like a function
    """An :class:`graph.engine.Engine` over the page's store, its columns written first when
    the store has none (a write), closed after use."""

    def __enter__(self) -> Any:
        from ownergraph.graph.engine import Engine

        self.engine = Engine(store())
        return self.engine

    def __exit__(self, *exc: object) -> None:
        self.engine.close()


#: The order subjects are offered in when nothing is typed: issuers first (as before).
_KIND_ORDER = {"issuer": 0, "security": 1, "person": 2, "entity": 3, "fund": 4}


#: Issuers offered in the subject box before anything is typed (the search finds the rest).
ISSUERS_LISTED = 200


@st.cache_data(show_spinner=False, max_entries=8)
def issuer_list(path: str, seq_: int) -> list[tuple[str, str]]:
    """``(node, label)`` of the first :data:`ISSUERS_LISTED` issuers of a class, issuers
    first then by name (as :func:`subjects` orders them); in a store without classes, the
    first party by normalised name. Read from the column graph and the parties' name
    column, not every record; empty for an empty store."""
    from ownergraph.graph import columns as colmod

    s = store()
    with _engine() as engine:
        cols = engine.cols
        if cols.n_nodes == 0:
            return []
        kind, issuer_of = cols.node_kind, cols.issuer_of
        issuers = {issuer_of[i] for i in range(cols.n_nodes) if kind[i] == colmod.SECURITY}
        issuers.discard(-1)
        rows = [r for n in issuers if kind[n] == colmod.PARTY for r in cols.members(n)[:1]]
        found: list[tuple[int, str, str, str]] = []
        for i in range(0, len(rows), 500):
            chunk = rows[i : i + 500]
            q = ",".join("?" * len(chunk))
            for pid, name, k in s._rows(
                f"SELECT id, name, kind FROM parties WHERE rowid IN ({q})",  # noqa: S608
                tuple(chunk),
            ):
                found.append((_KIND_ORDER.get(k, 9), str(name), pid, k))
        out = []
        for _, name, pid, k in sorted(found)[:ISSUERS_LISTED]:
            n = engine._node_of_party(pid)
            if n is not None:
                out.append((cols.node_id(n), f"{name}  ·  {k}"))
        if out:
            return out
        first = s._rows("SELECT node_id FROM name_keys WHERE key >= 'n:' ORDER BY key LIMIT 1")
        n = engine._node_of_party(first[0][0]) if first else 0
        node = cols.node_id(n if n is not None else 0)
    return [(node, subject_label(path, seq_, node))]


def default_subject(path: str, seq_: int) -> str | None:
    """The subject a page opens on when none was chosen: the first of :func:`issuer_list`;
    ``None`` for an empty store."""
    first = issuer_list(path, seq_)
    return first[0][0] if first else None


@st.cache_data(show_spinner=False, max_entries=256)
def subject_label(path: str, seq_: int, node_id: str) -> str:
    """``name  ·  kind`` of one node (as :func:`node_label` on the whole graph), read
    through the engine: that node's records only."""
    with _engine() as engine:
        i = engine.cols.find(node_id)
        if i is None:
            return node_id
        G = engine.subgraph({i}, set())
    return node_label(G, node_id)


@st.cache_data(show_spinner=False, max_entries=8)
def store_dates(path: str, seq_: int) -> list[dt.date]:
    """The dates the loaded documents report as of (:func:`queries.timeline.dates`), read
    from the documents table only."""
    from ownergraph.graph.history import reported_on

    docs = store().documents()
    return sorted({d for d in (reported_on(doc) for doc in docs) if d is not None})


@st.cache_data(show_spinner=False, max_entries=8)
def party_list(path: str, seq_: int) -> list[tuple[str, str]]:
    """``(node, label)`` of the first :data:`ISSUERS_LISTED` parties by normalised name
    (the name index's order), read through the engine: those records only."""
    rows = store()._rows(
        "SELECT node_id FROM name_keys WHERE key >= 'n:' AND key < 'n;' ORDER BY key LIMIT ?",
        (4 * ISSUERS_LISTED,),
    )
    with _engine() as engine:
        nodes: dict[int, None] = {}
        for (pid,) in rows:
            n = engine._node_of_party(pid)
            if n is not None:
                nodes[n] = None
            if len(nodes) >= ISSUERS_LISTED:
                break
        G = engine.subgraph(set(nodes), set())
        ids = [engine.cols.node_id(n) for n in nodes]
    return [(n, node_label(G, n)) for n in ids]


def subject_picker(
    prefix: str,
    *,
    label: str = "Subject",
    box_key: str | None = None,
    listed: Any = None,
) -> str | None:
    """A search box and the subject chosen among its suggestions (the store's name index,
    :func:`engine_search`); before anything is typed, the subject chosen last on any page
    (else :func:`default_subject`) and the list ``listed(path, seq)`` gives (default
    :func:`issuer_list`). Keys ``{prefix}_search`` and ``box_key`` (default
    ``{prefix}_subject``)."""
    path, seq_ = str(settings().store), seq()
    text = st.text_input(
        f"Search {label.lower()}: a name, CIK, LEI or CUSIP",
        key=f"{prefix}_search",
        placeholder="e.g. Wynnefield, Obus, 53634X100, 0001080301",
        live=True,
    )
    labels: dict[str, str] = {}
    if text.strip():
        from ownergraph.explorer.search import warm_names

        # the names read in the background for the next searches (the Who-controls page
        # starts it once its first answer is on the page): words found without a scan
        warm_names(path, seq_)
        hits = engine_search(path, seq_, text)
        if not hits:
            st.warning("Nothing matches; try fewer letters, a CIK or a CUSIP.")
            return None
        options = [h[0] for h in hits]
        labels = {h[0]: f"{h[1]}  ·  {h[2]}  ·  {h[3]} ({h[4]:.0f})" for h in hits}
    else:  # the subject chosen last, then the first issuers (type to find any other)
        first = (listed or issuer_list)(path, seq_)
        labels = dict(first)
        current = st.session_state.get("og_subject") or default_subject(path, seq_)
        if current is None:
            return None
        options = list(dict.fromkeys([current, *(n for n, _ in first)]))
    chosen = st.selectbox(
        label,
        options,
        format_func=lambda n: labels.get(n) or subject_label(path, seq_, n),
        key=box_key or f"{prefix}_subject",
    )
    if chosen is not None:
        st.session_state["og_subject"] = chosen
    return chosen


def as_of_picker(key: str) -> dt.date | None:
    """:func:`as_of_slider` over :func:`store_dates` (the documents only)."""
    days = store_dates(str(settings().store), seq())
    return _slider(days, key)
