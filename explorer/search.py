"""Fuzzy search over every party, issuer, CIK, CUSIP and spelling (no streamlit).

The explorer prefers ``queries.resolve.search`` when it exists; :func:`search` here is the
fallback and the adapter: it calls the library function if it is importable and turns its
result into :class:`Hit` records, else matches with rapidfuzz.

Rule: an exact identifier (CIK in any zero padding, CUSIP, LEI, node id) ranks first; then
names and every recorded spelling by rapidfuzz ``WRatio`` on normalised names.

>>> import networkx as nx
>>> from ownergraph.graph.model import Party
>>> from ownergraph.graph.vocab import NodeKind
>>> G = nx.MultiDiGraph()
>>> p = Party(id="party:1", name="Nelson Obus", kind=NodeKind.PERSON,
...           identifiers=(("cik", "0001080301"),))
>>> G.add_node(p.id, kind=p.kind, name=p.name, record=p)
>>> [h.node_id for h in fallback_search(G, "obus")]
['party:1']
>>> fallback_search(G, "1080301")[0].matched
'CIK 0001080301'
"""

from __future__ import annotations

import importlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
from rapidfuzz import fuzz, process

from ownergraph.graph.errors import OwnergraphError
from ownergraph.graph.ids import normalize_cik, normalize_cusip, normalize_name


@dataclass(frozen=True)
class Hit:
    """One search result: the node, its display name and kind, what matched, a 0-100 score."""

    node_id: str
    name: str
    kind: str
    matched: str
    score: float


def _kind(G: nx.MultiDiGraph, n: str) -> str:
    k = G.nodes[n].get("kind")
    return str(getattr(k, "value", k) or "unknown")


def _index(G: nx.MultiDiGraph) -> tuple[list[tuple[str, str]], dict[str, tuple[str, str]]]:
    """``(names, identifiers)``: normalised spellings and exact identifier keys."""
    names: list[tuple[str, str]] = []  # (node_id, spelling)
    idents: dict[str, tuple[str, str]] = {}  # key -> (node_id, matched)
    for n, data in G.nodes(data=True):
        rec = data.get("record")
        spellings = {str(data.get("name") or n), *(getattr(rec, "names", ()) or ())}
        for s in sorted(spellings):
            names.append((n, s))
        idents[n.lower()] = (n, f"id {n}")
        for scheme, value in getattr(rec, "identifiers", ()) or ():
            label = f"{scheme.upper()} {value}"
            idents.setdefault(str(value).strip().lower(), (n, label))
            if scheme == "cik" and normalize_cik(value):
                idents.setdefault(normalize_cik(value) or "", (n, label))
        for attr in ("cusip", "ticker"):
            value = getattr(rec, attr, None)
            if value:
                idents.setdefault(str(value).lower(), (n, f"{attr.upper()} {value}"))
    return names, idents


def fallback_search(G: nx.MultiDiGraph, text: str, *, limit: int = 20) -> list[Hit]:
    """Rapidfuzz search over names, spellings and identifiers (see the module docstring)."""
    q = (text or "").strip()
    if not q:
        return []
    names, idents = _index(G)
    hits: dict[str, Hit] = {}
    keys = {q.lower()}
    if normalize_cik(q) and q.replace("-", "").isdigit():
        keys.add(normalize_cik(q) or "")
    if normalize_cusip(q):
        keys.add((normalize_cusip(q) or "").lower())
    for key in keys:
        if key in idents:
            n, matched = idents[key]
            hits[n] = Hit(n, str(G.nodes[n].get("name") or n), _kind(G, n), matched, 100.0)
    nq = normalize_name(q)
    if nq:
        choices = [normalize_name(s) for _, s in names]
        scored = process.extract(
            nq, choices, scorer=fuzz.WRatio, limit=max(limit * 4, 40), score_cutoff=55
        )
        for _choice, score, idx in scored:
            n, spelling = names[idx]
            # a substring of the name ranks above a scattered match of the same score
            bonus = 5.0 if nq in choices[idx] else 0.0
            s = min(100.0, float(score) + bonus)
            if n not in hits or hits[n].score < s:
                hits[n] = Hit(n, str(G.nodes[n].get("name") or n), _kind(G, n), spelling, s)
    ranked = sorted(hits.values(), key=lambda h: (-h.score, h.name, h.node_id))
    return ranked[:limit]


def _as_hit(G: nx.MultiDiGraph, item: Any) -> Hit | None:
    """Adapt one item of ``queries.resolve.search``'s result (object, dict, tuple or id)."""
    if hasattr(item, "to_dict"):
        item = item.to_dict()
    if isinstance(item, str):
        data: dict[str, Any] = {"id": item}
    elif isinstance(item, dict):
        data = item
    elif isinstance(item, tuple | list) and item:
        data = {"id": item[0], "score": item[-1] if len(item) > 1 else None}
    else:
        data = {
            k: getattr(item, k) for k in ("id", "node_id", "score", "matched") if hasattr(item, k)
        }
    nid = data.get("node_id") or data.get("id")
    if not isinstance(nid, str) or nid not in G:
        return None
    score = data.get("score")
    return Hit(
        node_id=nid,
        name=str(G.nodes[nid].get("name") or nid),
        kind=_kind(G, nid),
        matched=str(data.get("matched") or data.get("name") or ""),
        score=float(score) if isinstance(score, int | float) else 0.0,
    )


def search(G: nx.MultiDiGraph, text: str, *, limit: int = 20) -> list[Hit]:
    """Search with ``queries.resolve.search`` when available, else :func:`fallback_search`."""
    try:
        mod = importlib.import_module("ownergraph.queries.resolve")
        fn = getattr(mod, "search", None)
    except ImportError:
        fn = None
    if fn is not None:
        try:
            raw = fn(G, text)
        except OwnergraphError:  # e.g. SubjectNotFoundError: fall back to fuzzy matching
            raw = None
        if raw is not None:
            hits = [h for h in (_as_hit(G, x) for x in list(raw)[:limit]) if h is not None]
            if hits or not text.strip():
                return hits
    return fallback_search(G, text, limit=limit)


# --------------------------------------------------------------------------- the store's index

#: Candidate nodes read from the name index per search (the best by ``WRatio`` on the
#: indexed spelling); the library's ranking then runs on their records only.
CANDIDATES = 300
#: Index keys scanned per kind of try (a prefix, a word inside a name).
_SCAN = 5000


# the name index's keys and their node ids, each as one text (lines in the same order)
_KEYS_TEXT = (
    "SELECT group_concat(key, char(10)) FROM (SELECT key, node_id FROM name_keys"
    " WHERE key >= 'n:' AND key < 'n;' ORDER BY key, node_id)"
)
_NODES_TEXT = (
    "SELECT group_concat(node_id, char(10)) FROM (SELECT key, node_id FROM name_keys"
    " WHERE key >= 'n:' AND key < 'n;' ORDER BY key, node_id)"
)


class _Names:
    """Every normalised name of the store's index (``name_keys`` rows ``n:...``) in key
    order, as one text (a line per row) with the lines' offsets and their node ids: a
    word is found inside the names by ``str.find`` over the text instead of a scan of the
    index (at L, 1M names: ~20 ms a word, not ~0.3 s)."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        import numpy as np

        def packed(values: list[str]) -> tuple[str, Any]:
            lens = np.fromiter((len(v) + 1 for v in values), dtype=np.int64, count=len(values))
            return "\n".join(values), np.concatenate(([0], np.cumsum(lens)))

        self.text, self.starts = packed([k for k, _ in rows])
        self.node_text, self.node_starts = packed([n for _, n in rows])

    @classmethod
    def read(cls, conn: Any) -> _Names:
        """The names of the store of ``conn`` (in its read transaction): the keys and their
        node ids as two texts that SQLite joins (``group_concat`` in the primary key's
        order, the index scan's; SQLite works without holding Python's lock, and no row
        becomes a Python object), the lines' offsets found with numpy. Equal to
        ``_Names(rows)`` of the same rows."""
        keys = conn.execute(_KEYS_TEXT).fetchone()[0] or ""
        nodes = conn.execute(_NODES_TEXT).fetchone()[0] or ""
        self = cls.__new__(cls)
        self.text, self.starts = keys, _line_starts(keys)
        self.node_text, self.node_starts = nodes, _line_starts(nodes)
        if len(self.starts) != len(self.node_starts):  # (a line break inside a key)
            rows = conn.execute(
                "SELECT key, node_id FROM name_keys WHERE key >= 'n:' AND key < 'n;'"
            ).fetchall()
            return cls(rows)
        return self

    def _row(self, j: int) -> tuple[str, str]:
        a, b = int(self.starts[j]), int(self.starts[j + 1]) - 1
        c, d = int(self.node_starts[j]), int(self.node_starts[j + 1]) - 1
        return self.text[a:b], self.node_text[c:d]

    def containing(self, word: str, limit: int) -> list[tuple[str, str]]:
        """The first ``limit`` rows (in key order) whose key holds ``word``, as the index
        scan ``instr(key, word) > 0 ... LIMIT`` returns them."""
        import numpy as np

        lines: list[int] = []
        starts, find = self.starts, self.text.find
        i = find(word)
        while i >= 0 and len(lines) < limit:
            line = int(np.searchsorted(starts, i, side="right")) - 1
            lines.append(line)
            i = find(word, int(starts[line + 1]))
        return [self._row(j) for j in lines]


def _line_starts(text: str) -> Any:
    r"""Where each line of ``text`` (lines joined by ``\n``) starts, and one past its end
    plus one: the offsets :class:`_Names` keeps (none for an empty text).

    >>> _line_starts("ab\ncde").tolist(), _line_starts("").tolist()
    ([0, 3, 7], [0])
    """
    import numpy as np

    if not text:
        return np.zeros(1, dtype=np.int64)
    if text.isascii():  # a byte is a character: the breaks found in the bytes
        raw = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
        breaks = np.flatnonzero(raw == 10) + 1
    else:
        lens = np.fromiter((len(x) + 1 for x in text.split("\n")), dtype=np.int64)
        breaks = np.cumsum(lens)[:-1]
    return np.concatenate(([0], breaks, [len(text) + 1])).astype(np.int64)


_NAMES: dict[str, tuple[int, _Names | None]] = {}
_NAMES_LOCK = threading.Lock()


def warm_names(path: str, seq: int) -> None:
    """Read the store's names (:class:`_Names`) in a background thread, once per store
    state, so a search finds words inside names without scanning the index; until they
    are read (and for another state) the search scans the index as before."""
    path = str(Path(path))
    with _NAMES_LOCK:
        got = _NAMES.get(path)
        if got is not None and got[0] == seq:
            return
        _NAMES[path] = (seq, None)

    def load() -> None:
        import sqlite3

        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            try:
                conn.execute("BEGIN")
                now = int(conn.execute("SELECT value FROM meta WHERE key='seq'").fetchone()[0])
                names = _Names.read(conn)
                conn.execute("COMMIT")
            finally:
                conn.close()
        except sqlite3.Error:
            with _NAMES_LOCK:
                _NAMES.pop(path, None)
            return
        with _NAMES_LOCK:
            if _NAMES.get(path, (None,))[0] == seq and now == seq:
                _NAMES[path] = (seq, names)

    threading.Thread(target=load, name="ownergraph-names", daemon=True).start()


def _names_for(store: Any) -> _Names | None:
    """The store's names when read for its current state, else ``None``."""
    got = _NAMES.get(str(getattr(store, "path", "")))
    if got is None or got[1] is None or got[0] != store.seq:
        return None
    return got[1]


def _candidate_keys(store: Any, text: str) -> list[tuple[str, str]]:
    """``(key, party or class id)`` rows of the store's name index (``name_keys``) that a
    search for ``text`` may rank: the exact keys of every identifier try, the normalised
    names that start with the query, then the names holding one of its words (a word's
    first three letters when no word is found whole, so a misspelt word still finds)."""
    from ownergraph.queries.resolve import query_keys

    rows: list[tuple[str, str]] = []
    exact = query_keys(text)
    q = ",".join("?" * len(exact))
    rows += store._rows(f"SELECT key, node_id FROM name_keys WHERE key IN ({q})", tuple(exact))  # noqa: S608 - placeholders
    nq = normalize_name(text)
    if not nq:
        return rows
    lo = "n:" + nq
    rows += store._rows(
        "SELECT key, node_id FROM name_keys WHERE key >= ? AND key < ? LIMIT ?",
        (lo, lo + "\U0010ffff", _SCAN),
    )
    words = sorted({w for w in nq.split() if len(w) >= 3}, key=len, reverse=True)
    names = _names_for(store)
    for pieces in (words, sorted({w[:3] for w in words})):
        found = []
        for w in pieces:
            if names is not None:
                found += names.containing(w, _SCAN)
                continue
            found += store._rows(
                "SELECT key, node_id FROM name_keys WHERE key >= 'n:' AND key < 'n;'"
                " AND instr(key, ?) > 0 LIMIT ?",
                (w, _SCAN),
            )
        rows += found
        if found:
            break
    return rows


def engine_search(engine: Any, text: str, *, limit: int = 20) -> tuple[list[Hit], nx.MultiDiGraph]:
    """:func:`search` over the records the store's name index offers for ``text`` (see
    :func:`_candidate_keys`), read through :class:`graph.engine.Engine`: the best
    :data:`CANDIDATES` parties by ``WRatio`` on their indexed spelling, their classes and
    the classes' issuers, never every party. Returns the hits and the graph of those
    records (names and kinds as on the whole graph, merges applied)."""
    from ownergraph.graph import columns as colmod

    q = (text or "").strip()
    if not q:
        return [], nx.MultiDiGraph()
    cols = engine.cols
    rows = _candidate_keys(engine.store, q)
    nq = normalize_name(q)
    best: dict[str, float] = {}
    for key, nid in rows:
        score = 200.0 if not key.startswith(("n:", "s:")) else float(fuzz.WRatio(nq, key[2:]))
        if score > best.get(nid, -1.0):
            best[nid] = score
    i = cols.find(q)
    nodes: set[int] = {i} if i is not None else set()
    for nid in sorted(best, key=lambda n: (-best[n], n))[:CANDIDATES]:
        n = cols.find(nid)
        if n is None:
            n = engine._node_of_party(nid)
        if n is not None:
            nodes.add(n)
    for n in list(nodes):  # a party's classes (a class is found by its issuer's name)
        if cols.node_kind[n] == colmod.SECURITY and cols.issuer_of[n] >= 0:
            nodes.add(cols.issuer_of[n])
        else:
            nodes.update(cols.securities_of(n))
    G = engine.subgraph(nodes, set())
    return search(G, q, limit=limit), G
