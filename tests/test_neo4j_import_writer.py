"""The gathered writes of the neo4j-import bulk path (queries/neo4j_import_writer.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ownergraph.queries import neo4j_import_writer as writer


def _lines(n: int) -> list[bytes]:
    return [b"row %d,%s\n" % (i, b"x" * (i % 37)) for i in range(n)]


def test_every_buffer_is_written_in_order(tmp_path: Path) -> None:
    lines = _lines(5000)  # more than one gathered write (IOV_MAX buffers at a time)
    with open(tmp_path / "f", "wb") as fh:
        writer.writev_all(fh.fileno(), lines)
    assert (tmp_path / "f").read_bytes() == b"".join(lines)


@pytest.mark.parametrize("cut", [1, 7, 100, 1000])
def test_short_writes_are_continued(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cut: int
) -> None:
    """A gathered write that stops early (a signal, a full pipe) is continued from the byte
    it stopped at: inside a buffer or at a buffer's end."""
    real = os.writev

    def short(fd: int, buffers: list[bytes]) -> int:
        data = b"".join(buffers)
        return os.write(fd, data[: max(1, min(len(data), cut))])

    monkeypatch.setattr(os, "writev", short)
    lines = _lines(300)
    with open(tmp_path / "f", "wb") as fh:
        writer.writev_all(fh.fileno(), lines)
    monkeypatch.setattr(os, "writev", real)
    assert (tmp_path / "f").read_bytes() == b"".join(lines)


def test_rows_written_the_slow_way_keep_their_place(tmp_path: Path) -> None:
    """A set's file mixes gathered lines and rows written through the buffered file (the
    slow way): the buffer is flushed before each gathered write, so rows keep their order."""
    w = writer.SetWriter(tmp_path / "s.csv", ["id:ID"], {"x": "s"})
    w.row(["a"], {"x": "1"})
    w.blines([b"b,2\n", b"c,3\n"])
    w.row(["d"], {"x": "4"})
    assert w.close() == ["id:ID", "x"]
    assert (tmp_path / "s.csv").read_bytes() == b"a,1\nb,2\nc,3\nd,4\n"
    assert w.rows == 4
