"""Entity resolution inside the store, incremental: stored blocking keys, bounded memory.

A load resolves only the parties it wrote (the rows of ``parties`` whose ``seq`` is the
load's): their blocking keys (:func:`graph.resolution.party_keys`) are stored in
``resolution_keys`` and each block's size in ``resolution_blocks``, so the candidates of a
new party are the few stored parties that share a key with it, read from SQLite by key;
nothing holds every party. The merges a load finds are those :func:`find_merges` finds over
every party for the pairs that involve a party it wrote (blocks are skipped by their size
over the whole store); merges between parties it did not touch stay as they are.

Parties are handled in chunks of :data:`CHUNK`: first every written party's keys are
stored (so block sizes are final), then every merge touching a written party is dropped
and each chunk is resolved against its neighbours.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ownergraph.graph.bulk_names import normalize
from ownergraph.graph.model import Party, to_dict
from ownergraph.graph.resolution import Merge, find_merges, party_keys
from ownergraph.graph.vocab import NodeKind

if TYPE_CHECKING:
    from ownergraph.graph.resolution_fork import PendingMerges

SCHEMA = """
CREATE TABLE IF NOT EXISTS resolution_keys (
    key TEXT NOT NULL, party_id TEXT NOT NULL, PRIMARY KEY (key, party_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS resolution_keys_party ON resolution_keys(party_id);
CREATE TABLE IF NOT EXISTS resolution_blocks (
    key TEXT PRIMARY KEY, size INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS merges_kept ON merges(kept_id);
CREATE INDEX IF NOT EXISTS merges_merged ON merges(merged_id);
CREATE INDEX IF NOT EXISTS parties_seq ON parties(seq, id);
"""
#: The meta key saying every stored party has its keys (absent in an older store).
KEYS_META = "resolution_keys"
#: Parties resolved together (their neighbours read once for all of them).
CHUNK = 2000
#: Values per ``IN (...)`` list.
IN_LIST = 500
#: Key prefixes of exact rules: every member of such a block is a candidate, whatever its
#: size (the other blocks, compared pairwise, are skipped above ``max_block``).
EXACT = ("i:", "n:", "t:")


def _chunks(items: Sequence[str], n: int = IN_LIST) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _select_in(
    c: sqlite3.Connection, sql: str, values: Sequence[str]
) -> Iterator[tuple[object, ...]]:
    """Rows of ``sql`` (with one ``{}`` for the placeholders) over ``values``, in chunks."""
    for chunk in _chunks(values):
        yield from c.execute(sql.format(",".join("?" * len(chunk))), tuple(chunk))  # noqa: S608 - placeholders


def _dumps(m: Merge) -> str:
    return json.dumps(to_dict(m), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def write_keys(c: sqlite3.Connection, parties: Iterable[Party]) -> None:
    """Store (replace) the blocking keys of ``parties`` and keep the block sizes."""
    plist = list(parties)
    ids = [p.id for p in plist]
    delta: Counter[str] = Counter()
    old = list(
        _select_in(c, "SELECT key, party_id FROM resolution_keys WHERE party_id IN ({})", ids)
    )
    for key, _ in old:
        delta[str(key)] -= 1
    c.executemany("DELETE FROM resolution_keys WHERE key=? AND party_id=?", old)
    rows = [(k, p.id) for p in plist for k in party_keys(p)]
    for k, _ in rows:
        delta[k] += 1
    c.executemany("INSERT OR IGNORE INTO resolution_keys(key, party_id) VALUES (?,?)", rows)
    c.executemany(
        "INSERT INTO resolution_blocks(key, size) VALUES (?,?)"
        " ON CONFLICT(key) DO UPDATE SET size = size + excluded.size",
        [(k, d) for k, d in delta.items() if d],
    )


def _light(body: str) -> Party:
    """A party as resolution reads it (id, name, kind, spellings, identifiers) from its
    stored JSON, without decoding its provenance."""
    d = json.loads(body)
    return Party(
        d["id"],
        d["name"],
        NodeKind(d["kind"]),
        names=tuple(d.get("names") or ()),
        identifiers=tuple((s, v) for s, v in d.get("identifiers") or ()),
    )


def _parties(c: sqlite3.Connection, ids: Sequence[str]) -> dict[str, Party]:
    out = {}
    for (body,) in _select_in(c, "SELECT json FROM parties WHERE id IN ({})", ids):
        p = _light(str(body))
        out[p.id] = p
    return out


def backfill(c: sqlite3.Connection) -> None:
    """Store the keys of every party of a store written before the keys existed (once)."""
    if c.execute("SELECT 1 FROM meta WHERE key=?", (KEYS_META,)).fetchone():
        return
    last = -1
    while True:
        rows = c.execute(
            "SELECT rowid, json FROM parties WHERE rowid > ? ORDER BY rowid LIMIT ?",
            (last, CHUNK),
        ).fetchall()
        if not rows:
            break
        last = rows[-1][0]
        write_keys(c, [_light(r[1]) for r in rows])
    c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, '1')", (KEYS_META,))


def _resolve_chunk(
    c: sqlite3.Connection, ids: Sequence[str], seq: int, known: dict[str, Party], max_block: int
) -> int:
    """Find and insert the merges of the parties ``ids`` (keys already stored)."""
    keys: dict[str, list[str]] = {}
    for key, pid in _select_in(
        c, "SELECT key, party_id FROM resolution_keys WHERE party_id IN ({})", ids
    ):
        keys.setdefault(str(key), []).append(str(pid))
    sizes = {
        str(k): int(n)  # type: ignore[call-overload]
        for k, n in _select_in(
            c, "SELECT key, size FROM resolution_blocks WHERE key IN ({})", sorted(keys)
        )
    }
    wanted = sorted(
        k for k in keys if sizes.get(k, 0) > 1 and (k.startswith(EXACT) or sizes[k] <= max_block)
    )
    members = set(ids)
    for (pid,) in _select_in(c, "SELECT party_id FROM resolution_keys WHERE key IN ({})", wanted):
        members.add(str(pid))
    if not wanted:  # no key shared with another party: nothing to compare
        return 0
    need = sorted(m for m in members if m not in known)
    parties = {m: known[m] for m in members if m in known}
    parties.update(_parties(c, need))
    rejected = _rejections(c, ids)
    merges = find_merges(
        parties.values(), rejected=rejected, max_block=max_block, focus=ids, sizes=sizes
    )
    c.executemany(
        "INSERT OR IGNORE INTO merges(id, kept_id, merged_id, seq, json) VALUES (?,?,?,?,?)",
        [(m.id, m.kept_id, m.merged_id, seq, _dumps(m)) for m in merges],
    )
    return len(merges)


def _rejections(c: sqlite3.Connection, ids: Sequence[str]) -> list[tuple[str, str]]:
    out = []
    for chunk in _chunks(ids):
        q = ",".join("?" * len(chunk))
        out += c.execute(
            f"SELECT a, b FROM merge_rejections WHERE a IN ({q}) OR b IN ({q})",  # noqa: S608
            (*chunk, *chunk),
        ).fetchall()
    return [(str(a), str(b)) for a, b in out]


def resolve_written(
    c: sqlite3.Connection,
    seq: int,
    *,
    ids: Sequence[str] | None = None,
    every: bool = False,
    known: Iterable[Party] = (),
    max_block: int = 50,
    compare: bool = True,
) -> bool:
    """Resolve the parties written at ``seq`` (or the parties ``ids``, or with ``every``
    every party) against the stored ones, in the open transaction ``c``; return whether
    the merges changed (``compare=False``: not computed, ``True``). New merges carry ``seq``.

    ``known`` are Party records already in memory (a bulk load's), used instead of reading
    their JSON back.
    """
    backfill(c)
    mem = {p.id: p for p in known}

    def scope(missing: bool = False) -> Iterator[Sequence[str]]:
        if ids is not None:
            yield from _chunks(sorted(set(ids)), CHUNK)
        else:
            yield from _pages(c, None if every else seq, missing=missing)

    before = _merge_rows(c, scope(), every) if compare else None
    # 1. keys of every party in scope first: the block sizes are then those of the store
    # (a load's parties have theirs from Store._remerge; others are read back here)
    for chunk in scope(missing=not every):
        have = [mem[i] for i in chunk if i in mem]
        have += _parties(c, [i for i in chunk if i not in mem]).values()
        write_keys(c, have)
    # 2. the merges touching them, found again against their neighbours
    if every:
        c.execute("DELETE FROM merges")
    else:
        for chunk in scope():
            q = ",".join("?" * len(chunk))
            c.execute(
                f"DELETE FROM merges WHERE kept_id IN ({q}) OR merged_id IN ({q})",  # noqa: S608
                (*chunk, *chunk),
            )
    for chunk in scope():
        _resolve_chunk(c, chunk, seq, mem, max_block)
    return not compare or _merge_rows(c, scope(), every) != before


def _pages(c: sqlite3.Connection, seq: int | None, *, missing: bool = False) -> Iterator[list[str]]:
    """Party ids (of the parties written at ``seq``, or every one), page by page; with
    ``missing``, only those without stored keys."""
    last = ""
    while True:
        if seq is not None and missing:
            rows = c.execute(
                "SELECT id FROM parties p WHERE seq=? AND id > ? AND NOT EXISTS"
                " (SELECT 1 FROM resolution_keys k WHERE k.party_id = p.id) ORDER BY id LIMIT ?",
                (seq, last, CHUNK),
            )
        elif seq is None:
            rows = c.execute(
                "SELECT id FROM parties WHERE id > ? ORDER BY id LIMIT ?", (last, CHUNK)
            )
        else:
            rows = c.execute(
                "SELECT id FROM parties WHERE seq=? AND id > ? ORDER BY id LIMIT ?",
                (seq, last, CHUNK),
            )
        page = [r[0] for r in rows]
        if not page:
            return
        last = page[-1]
        yield page


def _merge_rows(
    c: sqlite3.Connection, scope: Iterable[Sequence[str]], every: bool
) -> set[tuple[str, str]]:
    """The merges touching the scope (id and body), to tell whether resolution changed."""
    if every:
        return {(str(a), str(b)) for a, b in c.execute("SELECT id, json FROM merges")}
    out: set[tuple[str, str]] = set()
    for chunk in scope:
        q = ",".join("?" * len(chunk))
        out.update(
            (str(a), str(b))
            for a, b in c.execute(
                f"SELECT id, json FROM merges WHERE kept_id IN ({q}) OR merged_id IN ({q})",  # noqa: S608
                (*chunk, *chunk),
            )
        )
    return out


def resolve_fresh(c: sqlite3.Connection, seq: int, parties: Sequence[Party] | object) -> bool:
    """Resolve a store whose every party is in ``parties`` (a bulk load into an empty
    store hands them over): one :func:`find_merges` in memory, then the keys stored so the
    loads after it are incremental. Return whether any merge was found. ``parties`` is
    :data:`KEYS_WRITTEN` when the load stored every party's keys itself
    (:func:`resolve_fresh_stored`), or a :class:`graph.resolution_fork.PendingMerges`
    when the load also had them found beside it (the blocks are counted here)."""
    if isinstance(parties, str):
        if parties != KEYS_WRITTEN:
            raise ValueError(f"resolve_fresh: {parties!r}")
        return resolve_fresh_stored(c, seq)
    from ownergraph.graph.resolution_fork import PendingMerges

    if isinstance(parties, PendingMerges):  # keys, blocks and merges found beside the load
        if parties.merges is None:  # the child failed (the keys are stored): in process
            return resolve_fresh_stored(c, seq)
        c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, '1')", (KEYS_META,))
        _write_merges(c, seq, parties.merges)
        return bool(parties.merges)
    rejected = [(str(a), str(b)) for a, b in c.execute("SELECT a, b FROM merge_rejections")]
    merges = find_merges(parties, rejected=rejected)
    for i in range(0, len(parties), CHUNK * 20):
        write_keys(c, parties[i : i + CHUNK * 20])
    c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, '1')", (KEYS_META,))
    c.execute("DELETE FROM merges")
    c.executemany(
        "INSERT INTO merges(id, kept_id, merged_id, seq, json) VALUES (?,?,?,?,?)",
        [(m.id, m.kept_id, m.merged_id, seq, _dumps(m)) for m in merges],
    )
    return bool(merges)


#: What a bulk load into a store without parties hands :meth:`Store._resolve` when it has
#: written every party's keys itself (:func:`resolve_fresh_stored`).
KEYS_WRITTEN = "keys written"
#: The parties that can merge with another: those sharing an exact key, or a block small
#: enough to compare, with another party (``resolution_blocks`` over every party). The
#: blocks are scanned first (``CROSS JOIN`` keeps that order: few have two parties or more)
#: and only their keys are looked up, not every party's keys in the blocks.
_CANDIDATES = (
    "SELECT p.json FROM parties p WHERE p.id IN (SELECT k.party_id FROM resolution_blocks b"
    " CROSS JOIN resolution_keys k ON k.key = b.key"
    " WHERE b.size > 1 AND (substr(b.key, 1, 2) IN ('i:', 'n:', 't:') OR b.size <= ?))"
)


def resolve_fresh_stored(c: sqlite3.Connection, seq: int, *, max_block: int = 50) -> bool:
    """Resolve a store whose every party was just written with its keys in
    ``resolution_keys`` (a bulk load into a store without parties): the block sizes are
    counted by SQLite, and :func:`find_merges` compares only the parties sharing a key
    with another (read back from their rows), with the sizes over every party, so the
    merges equal those of :func:`find_merges` over every party. Return whether any merge
    was found."""
    _count_blocks(c)
    parties = [_light(str(body)) for (body,) in c.execute(_CANDIDATES, (max_block,))]
    sizes = {
        str(k): int(n)
        for k, n in c.execute(
            "SELECT key, size FROM resolution_blocks WHERE size > 1"
            " AND (key GLOB 'e:*' OR key GLOB 'p:*')"
        )
    }
    rejected = [(str(a), str(b)) for a, b in c.execute("SELECT a, b FROM merge_rejections")]
    memo: dict[str, str] = {}

    def norm(name: str) -> str:
        try:
            return memo[name]
        except KeyError:
            out = memo[name] = normalize(name)
            return out

    merges: list[Merge] = []
    if parties:
        merges = find_merges(
            parties,
            rejected=rejected,
            max_block=max_block,
            sizes=sizes,
            norm=norm,
        )
    _write_merges(c, seq, merges)
    return bool(merges)


def take_fresh_keys(c: sqlite3.Connection, pending: PendingMerges) -> None:
    """Store the blocking keys and block sizes a forked process found for a bulk load into
    a store without parties (:mod:`graph.resolution_fork`), in key order, and keep its
    merges on ``pending`` for :func:`resolve_fresh`, and the name index rows it found (if
    ``pending.take_names``: staged as :mod:`graph.bulk_keys` says); if the child failed, store every party's keys from
    its row (``pending.merges`` stays ``None``: resolution in process; the name rows read
    so far are the caller's to throw away)."""
    from ownergraph.graph.resolution_fork import ChildError

    try:
        for item in pending.records():
            if item[0] == "names":
                if pending.take_names:
                    from ownergraph.graph.bulk_keys import INSERT

                    c.executemany(INSERT, item[1])
            elif item[0] == "keys":
                c.executemany("INSERT INTO resolution_keys(key, party_id) VALUES (?,?)", item[1])
            elif item[0] == "blocks":
                c.executemany("INSERT INTO resolution_blocks(key, size) VALUES (?,?)", item[1])
            elif item[0] == "merges":
                pending.merges = item[1]
    except ChildError:
        pending.merges = None
    if pending.merges is not None:
        return
    c.execute("DELETE FROM resolution_keys")
    c.execute("DELETE FROM resolution_blocks")
    last = -1
    while rows := c.execute(
        "SELECT rowid, json FROM parties WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, CHUNK)
    ).fetchall():
        last = rows[-1][0]
        c.executemany(
            "INSERT OR IGNORE INTO resolution_keys(key, party_id) VALUES (?,?)",
            [(k, p.id) for p in map(_light, (str(r[1]) for r in rows)) for k in party_keys(p)],
        )


def _count_blocks(c: sqlite3.Connection) -> None:
    """Every block's size from the stored keys (a store whose keys were just written)."""
    c.execute("DELETE FROM resolution_blocks")
    c.execute(
        "INSERT INTO resolution_blocks(key, size)"
        " SELECT key, count(*) FROM resolution_keys GROUP BY key"
    )
    c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, '1')", (KEYS_META,))


def _write_merges(c: sqlite3.Connection, seq: int, merges: list[Merge]) -> None:
    """Replace the stored merges with ``merges``."""
    c.execute("DELETE FROM merges")
    c.executemany(
        "INSERT INTO merges(id, kept_id, merged_id, seq, json) VALUES (?,?,?,?,?)",
        [(m.id, m.kept_id, m.merged_id, seq, _dumps(m)) for m in merges],
    )
