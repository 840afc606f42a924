"""A bulk load into a store without parties finds its merges in a forked process beside
the load (graph/resolution_fork.py): the same merges as resolution in process, and a
child that fails or is no longer needed changes nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ownergraph.graph import resolution_fork, resolution_store
from ownergraph.graph.store import Store
from ownergraph.loaders import stream_path

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ownergraph.benchmarks.generator import generate

    out = tmp_path_factory.mktemp("gen") / "g"
    generate(3000, out, seed=11)  # 7 merges
    return out


def _load(db: Path, folder: Path) -> dict[str, list[tuple]]:
    with Store(db) as s:
        s.load_many(list(stream_path(folder) or ()))
        return {
            t: s._rows(f"SELECT * FROM {t} ORDER BY 1, 2")  # noqa: S608 - fixed names
            for t in ("merges", "resolution_keys", "resolution_blocks", "meta")
        }


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The merges each load took from its child (``None``: resolved in process)."""
    got: list[object] = []
    take = resolution_store.take_fresh_keys

    def spy(c, pending):  # type: ignore[no-untyped-def]
        take(c, pending)
        got.append(pending.merges)

    monkeypatch.setattr(resolution_store, "take_fresh_keys", spy)
    return got


def test_the_child_finds_what_resolution_in_process_finds(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    got = _spy(monkeypatch)
    monkeypatch.setattr(resolution_fork, "SPOOL_CHUNK", 1000)  # keys in several chunks
    forked = _load(tmp_path / "fork.db", folder)
    assert len(got) == 1 and isinstance(got[0], list) and got[0]  # the child's merges
    assert len(forked["resolution_keys"]) > 3000 and forked["resolution_blocks"]
    monkeypatch.setattr(resolution_fork, "start_reading", lambda *args: None)
    in_process = _load(tmp_path / "plain.db", folder)
    assert forked == in_process and len(forked["merges"]) == len(got[0])


def test_a_failing_child_leaves_resolution_to_the_load(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    got = _spy(monkeypatch)
    want = _load(tmp_path / "a.db", folder)

    def boom(*args: object, **kw: object) -> list:
        raise MemoryError

    monkeypatch.setattr(resolution_fork, "fresh_resolution", boom)
    assert _load(tmp_path / "b.db", folder) == want
    assert got[0] and got[1] is None  # the second child failed: resolved in process


def test_cancel_kills_the_child(tmp_path: Path) -> None:
    import time

    got = resolution_fork.fork_spooled(tmp_path, lambda fd: time.sleep(30))
    pending = None if got is None else resolution_fork.PendingMerges(*got)
    assert pending is not None
    pid = pending.pid
    pending.cancel()
    assert pending.pid == 0
    time.sleep(0.05)
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left
