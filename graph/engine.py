"""Questions answered from the store's column graph: only a question's scope becomes records.

:class:`Engine` maps the store's columns (:mod:`graph.columns`), finds the subject through
the name index (:func:`queries.resolve.query_keys`, SQLite ``name_keys``), walks the
columns to the nodes and edges the question reads, fetches exactly those rows from SQLite,
and builds a networkx graph of them the way :meth:`graph.store.Store.graph` builds the whole
one (the same :mod:`graph.history` filters, merges and :func:`graph.store.build_graph`).
The library's own functions (:func:`queries.control.who_controls`,
:func:`queries.attribution.attribute`) then answer on that graph: one implementation of the
rules, and records pass through untouched, so new model fields reach the answer.

The scope is a superset of what the answer reads; the whole graph holds everything in it,
so the answer equals the one on the whole graph (``tests/test_engine.py`` checks this on
the seed, the fixtures and random graphs with diamonds and cycles).

>>> import tempfile, pathlib
>>> from ownergraph.graph.store import Store
>>> from ownergraph.loaders import parse_path
>>> s = Store(pathlib.Path(tempfile.mkdtemp()) / "t.db")
>>> _ = s.load(parse_path("tests/fixtures/seed/liquidmetal-wynnefield-sc13da2-2008-09-30.txt"))
>>> e = Engine(s)
>>> e.who_controls("Liquidmetal Technologies").shares
3731324.0
>>> s.close()
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

from ownergraph.graph import columns as colmod
from ownergraph.graph.engine_names import light_parties, named_parties
from ownergraph.graph.engine_records import decode_rows, gc_paused
from ownergraph.graph.errors import SubjectNotFoundError
from ownergraph.graph.history import current_holdings, current_links, in_force
from ownergraph.graph.model import (
    Document,
    Holding,
    Link,
    Party,
    ReportedPosition,
    Security,
    from_dict,
)
from ownergraph.graph.vocab import EdgeKind

if TYPE_CHECKING:
    import networkx as nx

    from ownergraph.graph.store import Store
    from ownergraph.queries.resolve import Match

_CTRL = frozenset({colmod.CONTROLS})
_HOLDS = frozenset({colmod.HOLDS})
#: The links an economic lens climbs (:func:`Engine.lens_scope`).
_LENS_LINKS = (EdgeKind.OWNS, EdgeKind.CONTROLS, EdgeKind.CONSOLIDATES, EdgeKind.MEMBER_OF)
_CHUNK = 500


def _shared_spelling(G: nx.MultiDiGraph, text: str) -> bool:
    """Whether several parties of ``G`` have ``text`` as a spelling (exactly, else without
    a legal form): :func:`queries.resolve.resolve_match` refuses that as ambiguous before
    any fuzzy try, naming them. ``G`` holds every party sharing an index key with ``text``,
    so the whole graph has the same ones."""
    from ownergraph.graph.ids import normalize_name
    from ownergraph.queries.resolve import _spellings, _strip_legal

    query = normalize_name(text)
    exact = {n for n, s, _ in _spellings(G) if normalize_name(s) == query}
    if not exact and _strip_legal(query):
        stripped = _strip_legal(query)
        exact = {n for n, s, _ in _spellings(G) if _strip_legal(normalize_name(s)) == stripped}
    return len(exact) > 1


class Engine:
    """Answers about one store from its column graph (see the module docstring).

    Cheap to make; the columns are mapped on the first question and re-mapped when a load
    put a new generation in force.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._cols: colmod.Columns | None = None

    # ------------------------------------------------------------------ columns

    @property
    def cols(self) -> colmod.Columns:
        """The generation in force, mapped (written first if the store has none yet)."""
        st = self.store
        gen = st._rows("SELECT value FROM meta WHERE key=?", (colmod.GENERATION_KEY,))
        if self._cols is not None and gen and int(gen[0][0]) == self._cols.generation:
            if self._cols.seq == st.seq:
                return self._cols
        if not st.columns_current():
            st.refresh_columns()
        for _ in range(3):  # a load may replace the generation between reading and mapping
            with st._lock:
                cols = colmod.open_columns(st.path, st._conn)
            if cols is not None:
                break
        else:
            raise SubjectNotFoundError("(store)", ["the store's column graph cannot be opened"])
        if self._cols is not None:
            self._cols.close()
        self._cols = cols
        return cols

    def close(self) -> None:
        """Release the mappings."""
        if self._cols is not None:
            self._cols.close()
            self._cols = None

    # ------------------------------------------------------------------ rows

    def _fetch(self, table: str, rowids: Iterable[int], cls: type, extra: str = "") -> list[Any]:
        ids = sorted(set(rowids))
        out: list[Any] = []
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            q = ",".join("?" * len(chunk))
            rows = self.store._rows(
                f"SELECT json{extra} FROM {table} WHERE rowid IN ({q})",  # noqa: S608 - fixed names
                tuple(chunk),
            )
            out.extend(rows)
        if extra:
            recs = decode_rows(cls, [r[0] for r in out])
            return [(rec, *r[1:]) for rec, r in zip(recs, out, strict=True)]
        return decode_rows(cls, [r[0] for r in out])

    def _where_in(self, sql: str, values: Iterable[str]) -> list[tuple[Any, ...]]:
        vals = sorted(set(values))
        out: list[tuple[Any, ...]] = []
        for i in range(0, len(vals), _CHUNK):
            chunk = vals[i : i + _CHUNK]
            out.extend(self.store._rows(sql.format(",".join("?" * len(chunk))), tuple(chunk)))
        return out

    def _records(
        self,
        nodes: set[int],
        edges: set[int],
        as_of: dt.date | None,
        documents: Iterable[str] = (),
        named: Collection[int] = (),
        light: bool = False,
    ) -> tuple[list[Party], list[Security], list[Holding], list[Link], list[Document], list[Any]]:
        cols = self.cols
        kind, rowid = cols.node_kind, cols.edge_rowid
        party_rows: list[int] = []
        sec_rows: list[int] = []
        name_rows: list[int] = []  # parties read as id, name and kind only (``named``)
        light_rows: list[int] = []  # ... and their identifiers (``light``)
        for n in nodes:
            if kind[n] == colmod.SECURITY:
                sec_rows.append(cols.node_rowid[n])
            elif kind[n] == colmod.PARTY:
                rows = cols.members(n)
                if n in named and len(rows) == 1:
                    name_rows.extend(rows)
                elif light:
                    light_rows.extend(rows)
                else:
                    party_rows.extend(rows)
        ek = cols.edge_kind
        hold_rows = [rowid[e] for e in edges if ek[e] == colmod.HOLDS]
        link_rows = [rowid[e] for e in edges if ek[e] != colmod.HOLDS]
        parties = self._fetch("parties", party_rows, Party)
        parties += named_parties(self._where_in, name_rows)
        parties += light_parties(self._where_in, light_rows)
        parties.sort(key=lambda p: p.id)
        securities = sorted(self._fetch("securities", sec_rows, Security), key=lambda s: s.id)
        holdings = sorted(self._fetch("holdings", hold_rows, Holding), key=lambda h: h.id)
        links = sorted(self._fetch("links", link_rows, Link), key=lambda lk: lk.id)
        # documents: those the records cite, and those about the classes' issuers (cover
        # pages and stated outstanding counts)
        doc_ids = {h.document_id for h in holdings} | {lk.document_id for lk in links}
        doc_ids.update(documents)
        issuers = {s.issuer_id for s in securities} | {p.id for p in parties}
        docs_rows = self._where_in(
            "SELECT json, seq FROM documents WHERE id IN ({})", doc_ids
        ) + self._where_in("SELECT json, seq FROM documents WHERE issuer_id IN ({})", issuers)
        docs: dict[str, tuple[int, Document]] = {}
        for d, (_, seq) in zip(
            decode_rows(Document, [r[0] for r in docs_rows]), docs_rows, strict=True
        ):
            docs[d.id] = (seq, d)
        documents = [d for _, d in sorted(docs.values(), key=lambda t: (t[0], t[1].id))]
        by_id = {d.id: d for d in documents}
        positions = sorted(
            decode_rows(
                ReportedPosition,
                [
                    r[0]
                    for r in self._where_in(
                        "SELECT json FROM positions WHERE document_id IN ({})", by_id
                    )
                ],
            ),
            key=lambda p: p.id,
        )
        positions = [p for p in positions if in_force(by_id.get(p.document_id), as_of)]
        members = {p.id for p in parties}
        merges = []
        read = len(party_rows) + len(name_rows) + len(light_rows)
        if read > len({n for n in nodes if kind[n] == colmod.PARTY}):
            from ownergraph.graph.resolution import Merge

            rows = self._where_in(
                "SELECT json FROM merges WHERE kept_id IN ({})", members
            ) + self._where_in("SELECT json FROM merges WHERE merged_id IN ({})", members)
            merges = sorted({r[0] for r in rows}, key=lambda b: (json.loads(b)["kept_id"], b))
            merges = [from_dict(Merge, json.loads(b)) for b in merges]
            merges.sort(key=lambda m: (m.kept_id, m.merged_id))
        holdings = current_holdings(holdings, by_id, as_of=as_of)
        links = current_links(links, by_id, as_of=as_of)
        return parties, securities, holdings, links, documents, [positions, merges]

    def subgraph(
        self,
        nodes: set[int],
        edges: set[int],
        *,
        as_of: dt.date | None = None,
        documents: Iterable[str] = (),
        named: Collection[int] = (),
        light: bool = False,
    ) -> Any:
        """The networkx graph of some nodes and edges, built as :meth:`Store.graph` builds
        the whole graph (with the cover pages of ``documents`` too). The parties of
        ``named`` (unless merged with another) get a record of their id, name and kind
        only (:meth:`issuers_named`); with ``light`` every party its id, name, kind and
        identifiers (:mod:`graph.engine_names`: who-controls reads no party record)."""
        from ownergraph.graph.store import build_graph

        with gc_paused():  # (records and a graph: nothing to collect, see gc_paused)
            parties, securities, holdings, links, documents, (positions, merges) = self._records(
                nodes, edges, as_of, documents, named, light
            )
            g = build_graph(
                parties, securities, holdings, links, documents, positions=positions, merges=merges
            )
        g.graph["as_of"] = as_of
        return g

    # ------------------------------------------------------------------ subjects

    def _node_of_party(self, pid: str) -> int | None:
        """The node of a party id, or of the party entity resolution merged it into: a
        merged-away id walks its cluster through the stored merges (indexed lookups on
        ``merged_id`` and ``kept_id``, a few rows), never the whole merges table."""
        cols = self.cols
        i = cols.find(pid)
        if i is not None:
            return i
        seen, frontier = {pid}, [pid]
        while frontier and len(seen) < 100_000:
            rows = self._where_in(
                "SELECT kept_id, merged_id FROM merges WHERE merged_id IN ({})", frontier
            ) + self._where_in(
                "SELECT kept_id, merged_id FROM merges WHERE kept_id IN ({})", frontier
            )
            nxt: list[str] = []
            for pair in rows:
                for x in pair:
                    if x in seen:
                        continue
                    seen.add(x)
                    i = cols.find(x)
                    if i is not None:  # the cluster's one node (its kept id)
                        return i
                    nxt.append(x)
            frontier = nxt
        return None

    def resolve(self, text: str) -> Match:
        """The node ``text`` designates, as :func:`queries.resolve.resolve_match` finds it on
        the whole graph: the exact tries read only the records that share an index key with
        the query; only a fuzzy match reads every party."""
        from ownergraph.queries.resolve import Match, query_keys, resolve_match

        cols = self.cols
        if cols.find(text) is not None:
            return Match(text, "id")
        if not text or not text.strip():
            raise SubjectNotFoundError(text)
        kept = self._node_of_party(text)  # an id entity resolution merged away
        if kept is not None:
            return Match(cols.node_id(kept), "merged id", spelling=text)
        hits = self._where_in(
            "SELECT DISTINCT node_id FROM name_keys WHERE key IN ({})", query_keys(text)
        )
        nodes = {n for n in (self._node_of_party(r[0]) for r in hits) if n is not None}
        if nodes:
            mini = self.subgraph(nodes, set())
            try:
                m = resolve_match(mini, text)
            except SubjectNotFoundError:
                if _shared_spelling(mini, text):  # the whole graph refuses it the same way
                    raise
                m = None
            if m is not None and not m.fuzzy:
                return m
        # fuzzy: every party's spellings (as the whole graph has them, merges applied)
        everyone = {i for i in range(cols.n_nodes) if cols.node_kind[i] == colmod.PARTY}
        return resolve_match(self.subgraph(everyone, set()), text)

    def resolve_class(self, text: str) -> Match:
        """As :func:`queries.resolve.resolve_class_subject`: a security, or an issuer of one."""
        from ownergraph.queries.resolve import Match, resolve_class_subject

        cols = self.cols
        i = cols.find(text)
        m = Match(text, "id") if i is not None else self.resolve(text)
        i = cols.find(m.node)
        if cols.node_kind[i] == colmod.SECURITY or cols.securities_of(i):
            return m
        try:  # the refusal in resolve_class_subject's words, naming what was typed
            resolve_class_subject(self.subgraph({i}, set()), m.node)
        except SubjectNotFoundError as exc:
            reason = str(exc).replace(repr(m.node), repr(text), 1)
            raise SubjectNotFoundError(text, reason=reason) from None
        return m

    def scope(self, node: int) -> tuple[set[int], set[int]]:
        """The nodes and edges a question about ``node`` reads (a superset).

        As :func:`queries.control.subject_scope`: a security, or an issuer whose classes are
        held, is about those holdings (their holders and everyone above them over
        ``controls``); any party also about the holdings below it (everyone above and below
        it, and those holdings). Every ``controls`` link into a node in scope comes with its
        controller (sole or shared depends on them); securities bring their issuer. Every
        holding of a (holder, class) pair is taken, superseded or not: the records decide.
        """
        cols = self.cols
        src, dst, issuer_of = cols.edge_src, cols.edge_dst, cols.issuer_of
        is_sec = cols.node_kind[node] == colmod.SECURITY
        secs = [node] if is_sec else cols.securities_of(node)
        holds = set(cols.edges_in(secs, _HOLDS))
        holders = {src[e] for e in holds}
        nodes = {node, *secs, *holders, *cols.walk(holders, _CTRL, up=True)}
        if not is_sec:
            below = cols.walk([node], _CTRL, up=False) | {node}
            below_holds = cols.edges_out(below, _HOLDS)
            holds.update(below_holds)
            nodes |= cols.walk([node], _CTRL, up=True) | below
            nodes.update(dst[e] for e in below_holds)
        ctrl = cols.edges_in(nodes, _CTRL)
        nodes.update(src[e] for e in ctrl)
        nodes.update(issuer_of[n] for n in list(nodes) if issuer_of[n] >= 0)
        return nodes, holds | set(ctrl)

    def subject_graph(
        self, subject: str, *, as_of: dt.date | None = None, fuzzy: list[Match] | None = None
    ) -> tuple[nx.MultiDiGraph, str]:
        """The scope graph of ``subject`` (id, holding id, identifier or name) and the node
        or holding id to ask about. A fuzzy match is appended to ``fuzzy`` when given."""
        cols = self.cols
        i = cols.find(subject)
        if i is None:
            row = self.store._rows("SELECT security_id FROM holdings WHERE id=?", (subject,))
            if row:
                i = cols.find(row[0][0])
                return self._scope_graph(i, as_of), subject
            m = self.resolve(subject)
            if fuzzy is not None and m.fuzzy:
                fuzzy.append(m)
            subject, i = m.node, cols.find(m.node)
        return self._scope_graph(i, as_of), subject

    def _scope_graph(self, i: int, as_of: dt.date | None) -> nx.MultiDiGraph:
        nodes, edges = self.scope(i)
        return self.subgraph(nodes, edges, as_of=as_of, named=self.issuers_named(i, nodes, edges))

    def issuers_named(self, node: int, nodes: set[int], edges: Iterable[int]) -> set[int]:
        """The parties of a question's scope (:meth:`scope` of ``node``) that are there only
        as the issuers of classes held in it: no edge of the scope starts or ends at them,
        and they are neither the subject nor its class's issuer. A Rule 13d-3 answer and
        the app's explanations read their name only (the class's name begins with it; the
        documents about the issuer are read by its id), so their records are not decoded:
        a person over thousands of funds reaches thousands of issuers."""
        cols = self.cols
        src, dst, issuer_of, kind = cols.edge_src, cols.edge_dst, cols.issuer_of, cols.node_kind
        touched = {node, issuer_of[node]}
        for e in edges:
            touched.add(src[e])
            touched.add(dst[e])
        return {n for n in nodes if n not in touched and kind[n] == colmod.PARTY}

    def lens_scope(self, node: int) -> tuple[set[int], set[int]]:
        """The nodes and edges an economic lens (:func:`queries.ubo.ubo`) about ``node``
        reads (a superset): from the subject's company (a class's issuer) up, every
        ``owns``, ``controls``, ``consolidates`` and ``member_of`` link into a node reached
        and every holding of a reached company's classes (a stake in it), to the top; the
        classes and their issuers come with them."""
        cols = self.cols
        src, issuer_of = cols.edge_src, cols.issuer_of
        kinds = frozenset(colmod.EDGE_KINDS.index(k) for k in _LENS_LINKS)
        start = node
        if cols.node_kind[node] == colmod.SECURITY and issuer_of[node] >= 0:
            start = issuer_of[node]
        nodes, edges = {node, start}, set()
        frontier = [start]
        while frontier:
            secs = [s for x in frontier for s in cols.securities_of(x)]
            new_edges = set(cols.edges_in(secs, _HOLDS)) | set(cols.edges_in(frontier, kinds))
            nodes.update(secs)
            edges |= new_edges
            frontier = sorted({src[e] for e in new_edges} - nodes)
            nodes.update(frontier)
        nodes.update(issuer_of[n] for n in list(nodes) if issuer_of[n] >= 0)
        return nodes, edges

    def lens_graph(
        self, subject: str, *, as_of: dt.date | None = None, fuzzy: list[Match] | None = None
    ) -> tuple[nx.MultiDiGraph, str]:
        """The graph every lens of :func:`queries.ubo.compare_lenses` about ``subject``
        reads (Rule 13d-3's :meth:`scope` and the economic :meth:`lens_scope`, which also
        holds what a register rule reads) and the node to ask about; resolved as
        :meth:`subject_graph` resolves it."""
        i = self.cols.find(subject)
        if i is None:
            m = self.resolve(subject)
            if fuzzy is not None and m.fuzzy:
                fuzzy.append(m)
            subject, i = m.node, self.cols.find(m.node)
        n1, e1 = self.scope(i)
        n2, e2 = self.lens_scope(i)
        return self.subgraph(n1 | n2, e1 | e2, as_of=as_of), subject

    def holdings_graph(
        self, party: str, *, as_of: dt.date | None = None, fuzzy: list[Match] | None = None
    ) -> tuple[nx.MultiDiGraph, str]:
        """The graph :func:`queries.holdings.holdings` of ``party`` reads, and its node
        (resolved as :meth:`subject_graph` resolves it): everything below the party over
        ``owns``, ``controls``, ``consolidates`` and ``member_of`` links; the Rule 13d-3
        scope (:meth:`scope`) of every class held there and of the party; the lens scope
        (:meth:`lens_scope`: what a register answer reads) of every company there."""
        cols = self.cols
        i = cols.find(party)
        if i is None:
            m = self.resolve(party)
            if fuzzy is not None and m.fuzzy:
                fuzzy.append(m)
            party, i = m.node, cols.find(m.node)
        kinds = frozenset(colmod.EDGE_KINDS.index(k) for k in _LENS_LINKS)
        below = cols.walk([i], kinds, up=False) | {i}
        secs = {cols.edge_dst[e] for e in cols.edges_out(below, _HOLDS)}
        nodes, edges = self.scope(i)
        for n in below:
            n2, e2 = self.lens_scope(n)
            nodes |= n2
            edges |= e2
        for sec in secs:
            n2, e2 = self.scope(sec)
            nodes |= n2
            edges |= e2
        return self.subgraph(nodes, edges, as_of=as_of), party

    def neighbourhood_scope(
        self, node: int, *, up: bool, down: bool, depth: int, kinds: Iterable[EdgeKind]
    ) -> tuple[set[int], set[int]]:
        """The nodes and edges :func:`explorer.subgraph.neighbourhood` reads to draw
        ``node`` (a superset): every step of the chosen edge kinds up and/or down to
        ``depth`` (``issues`` walked backwards, as the drawing walks it), and the
        ``controls`` links into every node reached (a collapsed fund is drawn under its
        controller)."""
        cols = self.cols
        src, dst = cols.edge_src, cols.edge_dst
        codes = {colmod.EDGE_KINDS.index(EdgeKind(k)) for k in kinds}
        issues = colmod.EDGE_KINDS.index(EdgeKind.ISSUES)
        plain = frozenset(codes - {issues})
        nodes, edges = {node}, set()
        for direction_up in [d for d, on in ((True, up), (False, down)) if on]:
            frontier, seen = {node}, {node}  # each direction walks on its own
            for _ in range(max(0, depth)):
                if direction_up:
                    step = cols.edges_in(frontier, plain)
                    ends = [src[e] for e in step]
                else:
                    step = cols.edges_out(frontier, plain)
                    ends = [dst[e] for e in step]
                reached = set(ends)
                edges.update(step)
                if issues in codes:  # an issuer's classes above it, a class's issuer below
                    for x in frontier:
                        if direction_up:
                            reached.update(cols.securities_of(x))
                        elif cols.node_kind[x] == colmod.SECURITY and cols.issuer_of[x] >= 0:
                            reached.add(cols.issuer_of[x])
                frontier = reached - seen
                seen |= reached
                nodes |= reached
                if not frontier:
                    break
        ctrl = cols.edges_in(nodes, _CTRL)
        edges.update(ctrl)
        nodes.update(src[e] for e in ctrl)
        nodes.update(cols.issuer_of[n] for n in list(nodes) if cols.issuer_of[n] >= 0)
        return nodes, edges

    def history_graph(
        self, subject: str, *, as_of: dt.date | None = None, fuzzy: list[Match] | None = None
    ) -> tuple[nx.MultiDiGraph, str, list[Holding]]:
        """What :func:`queries.timeline.timeline` of ``subject`` reads, resolved as
        :meth:`subject_graph` resolves it: the graph of the documents about the subject
        (a party: those with its cover page or a holding of it, under any id merged into
        it; an issuer or a class: those about the issuer, naming the class, or with a
        holding of it) with every party of their cover pages and holdings, the node, and
        every holding of those documents (superseded ones too, as ``Store.holdings``)."""
        from ownergraph.queries.timeline import _scope

        cols = self.cols
        i = cols.find(subject)
        if i is None:
            m = self.resolve(subject)
            if fuzzy is not None and m.fuzzy:
                fuzzy.append(m)
            subject, i = m.node, cols.find(m.node)
        # what the subject stands for (issuers, classes, party), read as the whole graph has it
        nodes = {i, *cols.securities_of(i)}
        nodes.update(cols.issuer_of[n] for n in list(nodes) if cols.issuer_of[n] >= 0)
        issuers, secs, party = _scope(self.subgraph(nodes, set()), subject)
        if party is not None:
            raw = [
                r[0]
                for r in self._where_in(
                    "SELECT id FROM parties WHERE rowid IN ({})",
                    cols.members(i),  # type: ignore[arg-type]
                )
            ]
            sql = [
                ("SELECT DISTINCT document_id FROM positions WHERE party_id IN ({})", raw),
                ("SELECT DISTINCT document_id FROM holdings WHERE holder_id IN ({})", raw),
            ]
        else:
            sql = [
                ("SELECT id FROM documents WHERE issuer_id IN ({})", issuers),
                (
                    "SELECT id FROM documents WHERE json_extract(json, '$.security_id') IN ({})",
                    secs,
                ),
                ("SELECT DISTINCT document_id FROM holdings WHERE security_id IN ({})", secs),
            ]
        docs = {r[0] for q, values in sql for r in self._where_in(q, values)}
        holdings = sorted(
            (
                from_dict(Holding, json.loads(r[0]))
                for r in self._where_in("SELECT json FROM holdings WHERE document_id IN ({})", docs)
            ),
            key=lambda h: h.id,
        )
        pids = {h.holder_id for h in holdings} | {
            r[0]
            for r in self._where_in(
                "SELECT party_id FROM positions WHERE document_id IN ({})", docs
            )
        }
        for pid in pids:
            n = self._node_of_party(pid)
            if n is not None:
                nodes.add(n)
        nodes.update(cols.issuer_of[n] for n in list(nodes) if cols.issuer_of[n] >= 0)
        return self.subgraph(nodes, set(), as_of=as_of, documents=docs), subject, holdings

    def reconcile(
        self,
        subject: str | None,
        *,
        outstanding: float | None = None,
        fuzzy: list[Match] | None = None,
    ) -> list[Any]:
        """:func:`queries.reconcile.reconcile` of a document id or an issuer's or class's
        documents, resolved on the engine: the graph it reads is the subject's node (and a
        class's issuer, for its name) only; each document is recomputed over its own
        records as there. Without a subject every document is reconciled (no graph read)."""
        from ownergraph.queries.reconcile import reconcile

        st = self.store
        if subject is None or st.document(subject) is not None:
            return reconcile(st, subject, outstanding=outstanding)
        cols = self.cols
        node = subject
        if cols.find(subject) is None:
            m = self.resolve(subject)  # refused here as resolve_subject refuses it
            if fuzzy is not None and m.fuzzy:
                fuzzy.append(m)
            node = m.node
        i = cols.find(node)
        nodes = {i} | ({cols.issuer_of[i]} - {-1})
        try:
            return reconcile(st, node, outstanding=outstanding, graph=self.subgraph(nodes, set()))
        except SubjectNotFoundError as exc:  # in the words of the text typed
            if node == subject:
                raise
            reason = str(exc).replace(repr(node), repr(subject), 1)
            raise SubjectNotFoundError(subject, reason=reason) from None

    def party_names(self, party_ids: Iterable[str]) -> dict[str, str]:
        """The names of some parties (as :meth:`Store.parties` has them), by id."""
        rows = self._where_in("SELECT json FROM parties WHERE id IN ({})", party_ids)
        return {p.id: p.name for p in (from_dict(Party, json.loads(r[0])) for r in rows)}

    def sanctions_candidates(self, entries: Iterable[str]) -> set[int]:
        """The party nodes :func:`queries.exposure.match_sanctioned` of ``entries`` and
        :func:`queries.exposure.graph_sanctioned` can find (a superset): node ids, parties
        with an identifier equal to an entry (stripped, upper case), parties sharing a name
        index key with one, and every party an FtM topic marks as sanctioned."""
        from ownergraph.queries.exposure import TOPIC_SCHEME
        from ownergraph.queries.resolve import query_keys

        cols = self.cols
        entries = list(entries)
        wanted = {e.strip().upper() for e in entries}
        pids: set[str] = set()
        for pid, scheme, value in self.store._rows(
            "SELECT party_id, scheme, value FROM party_identifiers"
        ):
            if value.strip().upper() in wanted or (
                scheme == TOPIC_SCHEME and value.startswith("sanction")
            ):
                pids.add(pid)
        keys = {k for e in entries for k in query_keys(e)}
        pids.update(
            r[0] for r in self._where_in("SELECT node_id FROM name_keys WHERE key IN ({})", keys)
        )
        out = {n for n in (cols.find(e) for e in entries) if n is not None}
        out.update(n for n in map(self._node_of_party, pids) if n is not None)
        out.update(cols.issuer_of[n] for n in list(out) if cols.issuer_of[n] >= 0)  # names
        return out

    def exposure(
        self,
        subject: str,
        entries: Iterable[str] = (),
        *,
        fuzzy: list[Match] | None = None,
        **kwargs: Any,
    ) -> Any:
        """:func:`queries.exposure.exposure` of ``subject`` with the sanctioned ``entries``
        (names or ids, matched as :func:`queries.exposure.match_sanctioned` matches them on
        the whole graph) on the graph of the subject's owners and controllers
        (:meth:`lens_graph`: the stakes above it are all its verdict reads, the least fixed
        point over them equals the whole graph's there) with the sanctioned parties; the
        entries that match nobody are passed on as ``unmatched``."""
        from ownergraph.queries.exposure import exposure, match_sanctioned

        entries = list(entries)
        cols = self.cols
        i = cols.find(subject)
        if i is None:
            m = self.resolve(subject)
            if fuzzy is not None and m.fuzzy:
                fuzzy.append(m)
            subject, i = m.node, cols.find(m.node)
        cand = self.sanctions_candidates(entries)
        ids, missing = match_sanctioned(self.subgraph(cand, set()), entries)
        n1, e1 = self.scope(i)
        n2, e2 = self.lens_scope(i)
        G = self.subgraph(n1 | n2 | cand, e1 | e2, as_of=kwargs.get("as_of"))
        return exposure(G, subject, sanctioned=ids, unmatched=missing, **kwargs)

    # ------------------------------------------------------------------ groups

    def box_a(self, nodes: Iterable[int]) -> tuple[set[str], set[int]]:
        """The documents whose cover pages put one of the party ``nodes`` in a box-(a)
        group (under any id merged into the node), and every party of those pages: what
        :func:`queries.group_view.with_groups` makes a group node of."""
        cols = self.cols
        rowids = [r for n in nodes if cols.node_kind[n] == colmod.PARTY for r in cols.members(n)]
        raw = [r[0] for r in self._where_in("SELECT id FROM parties WHERE rowid IN ({})", rowids)]
        docs = {
            doc
            for doc, body in self._where_in(
                "SELECT document_id, json FROM positions WHERE party_id IN ({})", raw
            )
            if (json.loads(body).get("member_of_group") or "").strip().lower() == "a"
        }
        members: set[int] = set()
        for (pid,) in self._where_in(
            "SELECT party_id FROM positions WHERE document_id IN ({})", docs
        ):
            n = self._node_of_party(pid)
            if n is not None:
                members.add(n)
        return docs, members

    def drawing_scope(
        self, node: int, *, up: bool, down: bool, depth: int, kinds: Iterable[EdgeKind]
    ) -> tuple[set[int], set[int], set[str]]:
        """:meth:`neighbourhood_scope` on the graph with its box-(a) group nodes
        (:func:`queries.group_view.with_groups`, as the app draws it): the nodes, edges and
        cover-page documents. A group node joins every member, so each member of a group
        of a party in scope brings its own neighbourhood to ``depth``, until no new member
        comes (a superset)."""
        kinds = tuple(kinds)
        opts = {"up": up, "down": down, "depth": depth, "kinds": kinds}
        nodes, edges = self.neighbourhood_scope(node, **opts)
        docs: set[str] = set()
        checked: set[int] = set()
        grown: set[int] = {node}
        while True:
            new = nodes - checked
            if not new:
                break
            checked |= new
            d, members = self.box_a(new)
            docs |= d
            for m in sorted(members - grown):
                grown.add(m)
                n2, e2 = self.neighbourhood_scope(m, **opts)
                nodes |= n2 | {m}
                edges |= e2
        return nodes, edges, docs

    def group_scope(self, party_ids: Iterable[str]) -> tuple[set[int], set[int], set[str]]:
        """The nodes, edges and documents the Rule 13d-5(b) groups of some parties read (a
        superset), as :func:`queries.group_view.with_groups` and
        :func:`queries.group_view.group_summaries` read them on the whole graph: the
        documents whose cover pages put one of the parties in a box-(a) group and every
        party of those pages; the groups the parties are stated members of (``member_of``)
        and every member; each member's holdings and everyone below it over ``controls``
        with their holdings (what the group is deemed to own)."""
        cols = self.cols
        src, dst = cols.edge_src, cols.edge_dst
        member_of = frozenset({colmod.EDGE_KINDS.index(EdgeKind.MEMBER_OF)})
        start = {n for n in (cols.find(p) for p in party_ids) if n is not None}
        docs, members = self.box_a(start)
        # stated: member_of links out of the parties, and every member of those groups
        group_nodes = {dst[e] for e in cols.edges_out(start, member_of)}
        if not docs and not group_nodes:  # in no group: nothing more to read
            return start, set(), set()
        member_edges = set(cols.edges_in(group_nodes, member_of))
        members.update(src[e] for e in member_edges)
        below = cols.walk(members, _CTRL, up=False) | members
        holds = cols.edges_out(below, _HOLDS)
        ctrl = cols.edges_out(below, _CTRL)
        nodes = start | group_nodes | below | {dst[e] for e in holds}
        return nodes, member_edges | set(holds) | set(ctrl), docs

    def group_summaries(
        self, party_ids: Iterable[str], *, as_of: dt.date | None = None
    ) -> list[Any]:
        """:func:`queries.group_view.group_summaries` of ``party_ids`` on the graph with its
        box-(a) groups (:func:`queries.group_view.with_groups`), read from the groups'
        scope only (:meth:`group_scope`); equal to the answer on the whole graph. Groups
        stated by ``member_of`` links are read from the columns
        (:func:`queries.control_groups.stated_group_summaries`) when no date is asked."""
        from ownergraph.queries.group_view import group_summaries, with_groups

        ids = list(party_ids)
        if as_of is None:  # groups stated by member_of links: from the columns
            from ownergraph.queries.control_groups import stated_group_summaries

            got = stated_group_summaries(self, ids)
            if got is not None:
                return got
        nodes, edges, docs = self.group_scope(ids)
        if not edges and not docs:  # no group to find (group_scope says so)
            return []
        G = self.subgraph(nodes, edges, as_of=as_of, documents=docs)
        return group_summaries(with_groups(G), ids)

    # ------------------------------------------------------------------ questions

    def who_controls(self, subject: str, **kwargs: Any) -> Any:
        """:func:`queries.control.who_controls` on the subject's scope (same arguments)."""
        from ownergraph.queries.control import who_controls

        G, node = self.subject_graph(subject, as_of=kwargs.get("as_of"))
        return who_controls(G, node, **kwargs)

    def who_controls_answer(self, subject: str, **kwargs: Any) -> Any:
        """:func:`queries.control.who_controls_answer` (the answer object the CLI renders) on
        the subject's scope; a register rule's answer is taken again on
        :func:`queries.register_control.store_scope` (it also reads ``owns`` links), as the
        ``who-controls`` command does."""
        from ownergraph.graph.engine_party import engine_answer
        from ownergraph.queries.control import who_controls_answer

        got = engine_answer(self, subject, kwargs)  # a party over thousands: the columns
        if got is not None:
            return got
        G, node = self.subject_graph(subject, as_of=kwargs.get("as_of"))
        answer = who_controls_answer(G, node, **kwargs)
        if answer.rule.startswith("register:"):
            from ownergraph.queries.register_control import store_scope

            G = store_scope(self.store, node, as_of=kwargs.get("as_of"))
            answer = who_controls_answer(G, node, **kwargs)
        return answer

    def attribute(self, subject: str, **kwargs: Any) -> Any:
        """:func:`queries.attribution.attribute` on the subject's scope (same arguments)."""
        from ownergraph.queries.attribution import attribute

        G, node = self.subject_graph(subject, as_of=kwargs.get("as_of"))
        return attribute(G, node, **kwargs)
