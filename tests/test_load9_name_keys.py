"""A bulk load into a store without parties takes its name index rows (``name_keys``) from
the forked resolution process, which normalises every spelling anyway (graph/bulk_keys.py):
the same rows as the per-document path, also when the child fails after handing some of
them over, and when two rows share an id (the load then computes them itself)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ownergraph import loaders
from ownergraph.graph import resolution_fork, resolution_store
from ownergraph.graph.store import Store
from ownergraph.loaders import stream_path

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ownergraph.benchmarks.generator import generate

    out = tmp_path_factory.mktemp("gen") / "g"
    generate(1500, out, seed=5)
    return out


@pytest.fixture(scope="module")
def want(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> list[tuple]:
    """The per-document path's name index (no bulk code, no child)."""
    db = tmp_path_factory.mktemp("doc") / "doc.db"
    with Store(db) as s:
        s.load(loaders.loader_for(loaders.SourceFormat.TABULAR).parse_dir(folder))
        return s._rows("SELECT key, node_id FROM name_keys ORDER BY key, node_id")


def _bulk(db: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[tuple], list]:
    taken: list[Any] = []
    take = resolution_store.take_fresh_keys

    def spy(c, pending):  # type: ignore[no-untyped-def]
        take(c, pending)
        taken.append((pending.take_names, pending.merges is not None))

    monkeypatch.setattr(resolution_store, "take_fresh_keys", spy)
    with Store(db) as s:
        s.load_many(list(stream_path(folder) or ()))
        rows = s._rows("SELECT key, node_id FROM name_keys ORDER BY key, node_id")
    return rows, taken


def test_the_childs_name_rows_are_the_per_document_rows(
    tmp_path: Path, folder: Path, want: list[tuple], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resolution_fork, "SPOOL_CHUNK", 700)  # the rows in several chunks
    rows, taken = _bulk(tmp_path / "a.db", folder, monkeypatch)
    assert taken == [(True, True)]  # taken from the child, which ended well
    assert len(rows) > 4000 and rows == want


def test_a_child_failing_after_some_name_rows_changes_nothing(
    tmp_path: Path, folder: Path, want: list[tuple], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = resolution_fork.fresh_resolution

    def half(*args: Any, **kw: Any) -> Iterator[tuple[str, Any]]:
        for item in real(*args, **kw):
            yield item
            if item[0] == "names":
                raise MemoryError  # after the first chunk of name rows

    monkeypatch.setattr(resolution_fork, "SPOOL_CHUNK", 700)
    monkeypatch.setattr(resolution_fork, "fresh_resolution", half)
    rows, taken = _bulk(tmp_path / "b.db", folder, monkeypatch)
    assert taken == [(True, False)]  # the child failed: the load computed them again
    assert rows == want


def test_two_rows_of_one_id_leave_the_name_rows_to_the_load(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    dup = tmp_path / "dup"
    shutil.copytree(folder, dup)
    lines = (dup / "entities.csv").read_text(encoding="utf-8").split("\n")
    col = {c: i for i, c in enumerate(lines[0].split(","))}
    persons = [i for i, ln in enumerate(lines) if ",person," in ln][:2]
    for i in persons:  # two persons with one CIK: one party, the last row's
        row = lines[i].split(",")
        row[col["cik"]] = "0000777777"
        lines[i] = ",".join(row)
    (dup / "entities.csv").write_text("\n".join(lines), encoding="utf-8")
    with Store(tmp_path / "doc.db") as s:
        s.load(loaders.loader_for(loaders.SourceFormat.TABULAR).parse_dir(dup))
        want = s._rows("SELECT key, node_id FROM name_keys ORDER BY key, node_id")
    rows, taken = _bulk(tmp_path / "c.db", dup, monkeypatch)
    assert taken == [(False, True)]  # the child's rows were not taken
    assert rows == want
