"""The formats bulk rows sharing their fixed fragments share (queries/neo4j_import_bulkrows.py,
``_hold_combo`` / ``_link_combo``): the lines are those the pattern gives for the ``json``
SQLite assembles for the same rows (the oracle of tests/test_neo4j2_bulkrows.py), also where a
format could go wrong: a ``%`` in a fragment or an id, a quote in an id (the record cell's
quotes are doubled in the format, not per row), rows of several combinations in one chunk and a
combination met again in a later chunk.
"""

from __future__ import annotations

from pathlib import Path

from ownergraph.graph import store_layout
from ownergraph.queries import neo4j_import_bulkrows as bulkrows
from ownergraph.queries.neo4j_import_edges import holding_lines, link_lines
from tests.test_neo4j2_bulkrows import P1, P2, P3, _col_rows, _h, _l, _text, _writer

QUOTED = b'party:"quoted",id'  # not an id the store makes; a quote and a comma
PERCENT = b"party:100%s%d"
HOLDINGS = [
    _h(1, P1),
    _h(2, P2, path=b'"/data/50%s of %d.csv"'),
    _h(3, QUOTED),
    _h(4, PERCENT, shares=None, as_of=None),
    _h(5, P3, phrase=b'"100% held, see %(note)s"'),
    _h(6, P1, ins=b'"warrant"', der=b"true"),
    _h(7, P2),  # the first combination again
]
LINKS = [
    _l(1, P1, P2),
    _l(2, QUOTED, P3, power=b'"sole"'),
    _l(3, P2, PERCENT, path=b'"/data/%s%%.csv"'),
    _l(
        4,
        P3,
        P1,
        share=b'{"exclusive_maximum":false,"exclusive_minimum":false,'
        b'"maximum":50.0,"minimum":50.0}',
    ),  # fmt: skip
    _l(5, P1, P3, phrase=b'"its 100% owner"', as_of=b'"2024-06-30"'),
    _l(6, P2, P1),  # the first combination again
]


def test_holding_combos_give_the_lines_from_json(tmp_path: Path) -> None:
    """Every row in two chunks (formats made in the first, used again in the second) gives
    the line the pattern gives for its ``json``; quotes and ``%`` in ids and fragments too."""
    ref, new = _writer(tmp_path / "ref.csv", False), _writer(tmp_path / "new.csv", False)
    texts = [(r[0], _text(r, store_layout.holding_row)) for r in HOLDINGS]
    assert holding_lines(texts, ref, {}, None, []) == [b"holding:%016x" % 3]  # the quote
    cells = bulkrows.Cells()
    rows = _col_rows(HOLDINGS, False)
    slow = bulkrows.bulk_holding_lines(rows[:4], new, {}, None, [], cells)
    slow += bulkrows.bulk_holding_lines(rows[4:], new, {}, None, [], cells)
    ref.fh.close()
    new.fh.close()
    assert slow == []  # the quoted id: written value by value, as the pattern cannot
    assert sum(f is not None for f in cells.combos.values()) == 5
    got = (tmp_path / "new.csv").read_bytes().splitlines()
    want = (tmp_path / "ref.csv").read_bytes().splitlines()
    assert len(got) == len(HOLDINGS) and set(want) < set(got)
    quoted = [ln for ln in got if ln not in want]
    # the record cell of the quoted holder: its quotes doubled like every other quote
    assert len(quoted) == 1 and b'""holder_id"":""party:""quoted"",id""' in quoted[0]
    assert bulkrows._hold_combo((b"doc:1", None, b"false", b'"common"', b'"a"', None,
                                 b"maybe"), cells) is None  # fmt: skip


def test_link_combos_give_the_lines_from_json(tmp_path: Path) -> None:
    """As for holdings: a share's quotes doubled in the record cell, ``%`` in fragments and
    ids, a quoted end written value by value."""
    ref, new = _writer(tmp_path / "ref.csv", True), _writer(tmp_path / "new.csv", True)
    texts = [(r[0], _text(r, store_layout.link_row)) for r in LINKS]
    assert link_lines(texts, b"CONTROLS", ref, {}, drop_loops=False) == [b"link:%016x" % 2]
    cells = bulkrows.Cells()
    rows = _col_rows(LINKS, True)
    kw = {"drop_loops": False, "cells": cells}
    slow = bulkrows.bulk_link_lines(rows[:3], b"CONTROLS", new, {}, **kw)
    slow += bulkrows.bulk_link_lines(rows[3:], b"CONTROLS", new, {}, **kw)
    ref.fh.close()
    new.fh.close()
    assert slow == []
    got = (tmp_path / "new.csv").read_bytes().splitlines()
    want = (tmp_path / "ref.csv").read_bytes().splitlines()
    assert len(got) == len(LINKS) and set(want) < set(got)
    quoted = [ln for ln in got if ln not in want]
    assert len(quoted) == 1 and b'""controller_id"":""party:""quoted"",id""' in quoted[0]
    assert new.state() == (len(LINKS), 0, ref.state()[2])


def test_kept_ids_from_the_column_generation_equal_the_ranked_clusters(tmp_path: Path) -> None:
    """The export takes the merged ids' kept ids from the column generation in force when it
    was written at the store's state (no ranking before the second process starts): the
    same map as ranking the clusters; a generation of another state is not used."""
    import sqlite3

    from click.testing import CliRunner

    from ownergraph.benchmarks.generator import generate
    from ownergraph.cli import main
    from ownergraph.graph.store import Store
    from ownergraph.queries import neo4j_import_fast as fast

    generate(1000, tmp_path / "gen", seed=5)
    db = tmp_path / "s.db"
    files = [str(tmp_path / "gen" / n) for n in ("entities.csv", "edges.csv")]
    assert CliRunner().invoke(main, ["load", *files, "--store", str(db)]).exit_code == 0
    with Store(db) as s:
        s.resolve()
        with s.snapshot():
            plan = fast._plan(s)
            stored = fast._column_alias(s, plan.in_cluster)
    assert plan.in_cluster and stored is not None and plan.alias == stored
    with Store(db) as s, s.snapshot():  # ranked by this process: the same map
        fast_alias = fast._column_alias
        try:
            fast._column_alias = lambda *_a: None  # type: ignore[assignment]
            assert fast._plan(s).alias == stored
        finally:
            fast._column_alias = fast_alias  # type: ignore[assignment]
    with sqlite3.connect(db) as c:  # the columns of another store state
        c.execute("UPDATE meta SET value = value || '0' WHERE key = 'columns_seq'")
    with Store(db) as s, s.snapshot():
        assert fast._column_alias(s, plan.in_cluster) is None
        assert fast._plan(s).alias == stored
