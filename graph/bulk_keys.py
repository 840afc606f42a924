"""The name index rows of a bulk load into a store without parties, staged and copied once.

The rows of ``name_keys`` (:func:`queries.resolve.index_keys` of each party) come in party
order; the table is keyed by ``(key, node_id)``. They are staged in a temporary table and
copied in key order at the end (:func:`copy_staged`): each page of the keyed table is then
written once, where rows in random key order dirty (and spill) pages over and over.

On a store without parties the rows are normally computed by the forked resolution
process (:mod:`graph.resolution_fork`), which normalises every spelling anyway: the load
takes them with the child's other records (:func:`graph.resolution_store.take_fresh_keys`,
into :data:`STAGED`) instead of normalising each name a second time. If the child failed
the load computes them from the parties it stored (:func:`from_parties`): the same rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from ownergraph.graph.bulk_names import index_keys

#: The temporary table the rows are staged in.
STAGED = "temp.bulk_name_keys"
#: The INSERT of a staged row ``(key, node id)``.
INSERT = "INSERT INTO temp.bulk_name_keys(key, node_id) VALUES (?,?)"


def stage(c: sqlite3.Connection) -> None:
    """Create the (empty) staging table."""
    c.execute("DROP TABLE IF EXISTS temp.bulk_name_keys")
    c.execute("CREATE TEMP TABLE bulk_name_keys (key TEXT NOT NULL, node_id TEXT NOT NULL)")


def copy_staged(c: sqlite3.Connection) -> None:
    """Copy the staged rows into ``name_keys`` in key order; drop the staging table."""
    c.execute(
        "INSERT OR IGNORE INTO name_keys(key, node_id) SELECT key, node_id"
        " FROM temp.bulk_name_keys ORDER BY key, node_id"
    )
    c.execute("DROP TABLE temp.bulk_name_keys")


def from_parties(c: sqlite3.Connection, norm: Callable[[str], str], chunk: int = 50_000) -> None:
    """Stage the rows of every stored party again (the child's rows are thrown away):
    as the load computes them, from each party's spellings (name among them) and
    identifiers."""
    c.execute("DELETE FROM temp.bulk_name_keys")
    last = -1
    while rows := c.execute(
        "SELECT rowid, id, json FROM parties WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, chunk)
    ).fetchall():
        last = rows[-1][0]
        out: list[tuple[str, str]] = []
        for _, pid, body in rows:
            d = json.loads(body)
            names = sorted({d["name"], *d.get("names", ())})
            idents = tuple((str(s), str(v)) for s, v in d.get("identifiers", ()))
            out.extend((k, pid) for k in index_keys(names, idents, norm))
        c.executemany(INSERT, out)
