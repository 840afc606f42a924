"""A bulk load into a store without parties finds its merges in a forked process beside
the load (graph/resolution_fork.py): the same merges as resolution in process, and a
child that fails or is no longer needed changes nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ownergraph.graph import resolution_fork
from ownergraph.graph.store import Store
from ownergraph.loaders import stream_path

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ownergraph.benchmarks.generator import generate

    out = tmp_path_factory.mktemp("gen") / "g"
    generate(3000, out, seed=11)  # 7 merges
    return out


def _load(db: Path, folder: Path) -> list[tuple]:
    with Store(db) as s:
        s.load_many(list(stream_path(folder) or ()))
        return s._rows("SELECT * FROM merges ORDER BY id")


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The results the load took from its child."""
    got: list[object] = []
    result = resolution_fork.PendingMerges.result

    def spy(self):  # type: ignore[no-untyped-def]
        out = result(self)
        got.append(out)
        return out

    monkeypatch.setattr(resolution_fork.PendingMerges, "result", spy)
    return got


def test_the_child_finds_the_merges_resolution_in_process_finds(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    got = _spy(monkeypatch)
    forked = _load(tmp_path / "fork.db", folder)
    assert len(got) == 1 and isinstance(got[0], list) and got[0]  # the child's merges
    monkeypatch.setattr(resolution_fork, "start", lambda records, rejected: None)
    in_process = _load(tmp_path / "plain.db", folder)
    assert forked == in_process and len(forked) == len(got[0])


def test_a_failing_child_leaves_resolution_to_the_load(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    got = _spy(monkeypatch)
    want = _load(tmp_path / "a.db", folder)

    def boom(*args: object, **kw: object) -> list:
        raise MemoryError

    monkeypatch.setattr(resolution_fork, "fresh_merges", boom)
    assert _load(tmp_path / "b.db", folder) == want
    assert got[0] and got[1] is None  # the second child failed: resolved in process


def test_cancel_kills_the_child() -> None:
    import time

    pending = resolution_fork.start({}, [])
    assert pending is not None
    pid = pending.pid
    pending.cancel()
    assert pending.pid == 0
    time.sleep(0.05)
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left
