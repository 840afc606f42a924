"""edges.csv is read by a forked process while the load writes the parties
(graph/bulk_fork.py): the rows, a bad row's error and a failed child all end as reading
it in process would."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ownergraph.graph import bulk, bulk_fork
from ownergraph.graph.errors import InputError
from ownergraph.graph.store import Store
from ownergraph.loaders import stream_path

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
TABLES = ("holdings", "links", "parties", "securities", "name_keys", "merges")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ownergraph.benchmarks.generator import generate

    out = tmp_path_factory.mktemp("gen") / "g"
    generate(3000, out, seed=11)
    return out


def _load(db: Path, folder: Path) -> dict[str, list[tuple]]:
    with Store(db) as s:
        s.load_many(list(stream_path(folder) or ()))
        return {t: s._rows(f"SELECT * FROM {t} ORDER BY 1, 2") for t in TABLES}  # noqa: S608


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each load took its rows from the child."""
    got: list[bool] = []
    batches = bulk_fork.EdgeReader.batches

    def spy(self):  # type: ignore[no-untyped-def]
        out = batches(self)
        got.append(out is not None)
        return out

    monkeypatch.setattr(bulk_fork.EdgeReader, "batches", spy)
    return got


def test_the_child_reads_the_rows_the_load_would_read(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    got = _spy(monkeypatch)
    monkeypatch.setattr(bulk, "BATCH", 997)  # many batches, each its own pickle
    forked = _load(tmp_path / "fork.db", folder)
    assert got == [True] and len(forked["holdings"]) + len(forked["links"]) > 5 * 997
    monkeypatch.setattr(bulk_fork, "start", lambda writer: None)
    assert _load(tmp_path / "plain.db", folder) == forked


def test_a_failed_child_leaves_the_reading_to_the_load(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    want = _load(tmp_path / "a.db", folder)
    got = _spy(monkeypatch)

    def boom(writer: object, fd: int) -> None:
        raise MemoryError

    monkeypatch.setattr(bulk_fork, "_spool", boom)
    assert _load(tmp_path / "b.db", folder) == want
    assert got == [False]


def test_a_bad_row_read_by_the_child_names_file_and_line(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad"
    shutil.copytree(folder, bad)
    lines = (bad / "edges.csv").read_text().rstrip("\n").split("\n")
    row = lines[-1].split(",")
    row[0], row[2] = "e-bad", "NOBODY"
    (bad / "edges.csv").write_text("\n".join([*lines, ",".join(row)]) + "\n")
    got = _spy(monkeypatch)
    db = tmp_path / "s.db"
    with Store(db) as s:
        with pytest.raises(InputError) as err:
            s.load_many(list(stream_path(bad) or ()))
        assert s.counts()["holdings"] == 0 and s.seq == 0
    assert got == [True]  # the error came from the child's file
    assert err.value.path.endswith("edges.csv")
    assert err.value.place == f"line {len(lines) + 1}, column source"
    assert "NOBODY" in err.value.reason


def test_one_process_when_the_setting_says_so(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OWNERGRAPH_LOAD_PROCESSES=1 forks no helper (less memory) and loads the same rows."""
    from ownergraph.graph import resolution_fork

    want = _load(tmp_path / "two.db", folder)
    got = _spy(monkeypatch)
    forked: list[object] = []
    start = resolution_fork.start_reading
    monkeypatch.setattr(
        resolution_fork, "start_reading", lambda *a: forked.append(start(*a)) or None
    )
    monkeypatch.setenv("OWNERGRAPH_LOAD_PROCESSES", "1")
    assert _load(tmp_path / "one.db", folder) == want
    assert got == [] and forked == [None]
