"""A load into an empty store runs with a rollback journal (each page written once, not
into the WAL and again at the checkpoint), atomic as before; any other load, or a store
another connection has open, keeps WAL mode (graph/store_journal.py)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from ownergraph.graph import bulk
from ownergraph.graph.errors import InputError
from ownergraph.graph.store import Store
from ownergraph.loaders import parse_path, stream_path

FIX = Path(__file__).parent / "fixtures"
DIAMOND = FIX / "tabular" / "diamond"
SEED = FIX / "seed" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"


def _modes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The journal mode each tabular bulk write sees inside its transaction."""
    seen: list[str] = []
    write = bulk.TabularPair.write

    def spy(self, store, c, seq):  # type: ignore[no-untyped-def]
        seen.append(c.execute("PRAGMA journal_mode").fetchone()[0])
        return write(self, store, c, seq)

    monkeypatch.setattr(bulk.TabularPair, "write", spy)
    return seen


def _mode(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        conn.close()


def _pair(folder: Path) -> list:
    return list(stream_path(folder) or ())


def test_an_empty_store_loads_with_a_rollback_journal_then_returns_to_wal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _modes(monkeypatch)
    db = tmp_path / "s.db"
    with Store(db) as s:
        s.load_many(_pair(DIAMOND))
        assert s.counts()["holdings"] > 0 and s.columns_current()
        assert s.integrity_check() == []
    assert seen == ["delete"]
    assert _mode(db) == "wal"
    assert not Path(f"{db}-journal").exists()


def test_a_store_with_a_document_or_another_connection_keeps_wal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _modes(monkeypatch)
    full, shared = tmp_path / "full.db", tmp_path / "shared.db"
    with Store(full) as s:
        s.load(parse_path(SEED))
        s.load_many(_pair(DIAMOND))
    with Store(shared) as s, Store(shared) as reader:
        assert reader.counts()["documents"] == 0
        s.load_many(_pair(DIAMOND))
        assert reader.counts()["holdings"] > 0
    assert seen == ["wal", "wal"]


def test_a_bad_row_in_an_empty_store_leaves_it_empty(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DIAMOND, folder)
    lines = (folder / "edges.csv").read_text().rstrip("\n").split("\n")
    bad = lines[-1].split(",")
    bad[0], bad[2] = "e-bad", "NOBODY"
    (folder / "edges.csv").write_text("\n".join([*lines, ",".join(bad)]) + "\n")
    db = tmp_path / "s.db"
    with Store(db) as s:
        before = s.counts()
        with pytest.raises(InputError, match="NOBODY"):
            s.load_many(_pair(folder))
        assert s.counts() == before and s.seq == 0
        assert s.integrity_check() == []
    assert _mode(db) == "wal"


def test_an_open_during_a_first_load_waits_for_it(tmp_path: Path) -> None:
    """Another process opening the store while a first load holds it in rollback mode waits
    for the load (as for any lock) instead of failing at once with "database is locked"
    (SQLite answers the WAL pragma without its busy handler in that state)."""
    import threading

    db = tmp_path / "s.db"
    Store(db).close()
    loader = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    assert loader.execute("PRAGMA journal_mode=delete").fetchone()[0] == "delete"
    loader.execute("BEGIN IMMEDIATE")
    loader.execute("INSERT INTO meta(key, value) VALUES ('probe', '1')")
    done = threading.Timer(0.5, lambda: loader.execute("COMMIT"))
    done.start()
    try:
        store = Store(db, timeout=20)  # before the fix: StoreError "database is locked"
    finally:
        done.join()
        loader.close()
    try:
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store._conn.execute("SELECT value FROM meta WHERE key='probe'").fetchone() == ("1",)
    finally:
        store.close()
