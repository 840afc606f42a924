"""One data file of the neo4j-import bulk path, and what its header needs.

A :class:`SetWriter` writes a set's CSV lines in chunks and keeps the state the header is
built from: the columns (sorted property names), the type each column's values have (``d``
double, ``b`` boolean, ``a`` array, ``s`` string) and which nullable typed columns were seen
with a value (an all-null column is untyped, as :func:`queries.neo4j_import._type` says).
Two processes write halves of a set into two files (``<set>.csv``, ``<set>-2.csv``);
:meth:`SetWriter.merge` joins their states.
"""

from __future__ import annotations

import operator
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

#: Rows fetched and written per chunk.
CHUNK = 4_000

#: Per data file this process wrote last: (rows, rows written the slow way).
STATS: dict[str, tuple[int, int]] = {}

_TYPES = {"d": ":double", "b": ":boolean", "a": ":string[]", "s": ""}
#: Buffers per gathered write (Linux's IOV_MAX).
try:
    _IOV_MAX = max(16, min(1024, os.sysconf("SC_IOV_MAX")))
except (AttributeError, ValueError, OSError):
    _IOV_MAX = 16


class Mixed(Exception):
    """A column holds values of two types: the caller writes the export the slow way."""


class SetWriter:
    """One data file written in chunks of CSV lines (cells already quoted), with the state
    its header needs (see the module docstring)."""

    def __init__(
        self,
        path: Path,
        lead: list[str],
        cols: dict[str, str],
        nullable: Iterable[str] = (),
        *,
        mode: str = "w",
    ) -> None:
        self.path = path
        self.fh = open(path, mode + "b")  # noqa: SIM115 - closed in close()
        self.lead = lead
        self.cols = cols
        #: a column the fast rows may leave null is typed once a value is seen
        self.present: set[str] = set(cols) - set(nullable)
        self.rows = 0
        self.slow = 0  # rows written the slow way (:meth:`row`)

    def lines(self, lines: list[str]) -> None:
        """Write CSV lines (each cell quoted as the file needs it)."""
        if lines:
            lines.append("")
            self.fh.write("\n".join(lines).encode("utf-8"))
            self.rows += len(lines) - 1

    def blines(self, lines: list[bytes]) -> None:
        """CSV lines of UTF-8 bytes, each ending with its line feed, handed to the file
        in one gathered write (:func:`os.writev`: no copy joins them first; at a million
        parties joining and writing was ~5 s of the export's cpu)."""
        if lines:
            self.fh.flush()
            writev_all(self.fh.fileno(), lines)
            self.rows += len(lines)

    def see(self, name: str, rows: list[tuple[Any, ...]], i: int) -> None:
        """Record that column ``name`` has a value if a row has one at ``i``."""
        if name not in self.present and rows:
            col = list(map(operator.itemgetter(i), rows))
            if col.count(None) != len(col):
                self.present.add(name)

    def row(self, lead: list[str], props: dict[str, Any]) -> None:
        """A row the slow way (a :mod:`graph.neo4j_rows` row's properties)."""
        from ownergraph.queries.neo4j_import import _csv, _natural

        cells = list(lead)
        for k, t in self.cols.items():
            kind, cell = _natural(props.get(k))
            if kind and kind != t:
                raise Mixed(f"{k}: {kind} beside {t}")
            if kind:
                self.present.add(k)
            cells.append(cell)
        self.fh.write(_csv([cells]))
        self.rows += 1
        self.slow += 1

    def state(self) -> tuple[int, int, set[str]]:
        """What the header needs of this file: rows, rows written the slow way, columns seen
        with a value (handed from a second process to :meth:`merge`)."""
        return self.rows, self.slow, self.present

    def merge(self, state: tuple[int, int, set[str]]) -> None:
        """Take in the :meth:`state` of the other half of this set."""
        rows, slow, present = state
        self.rows += rows
        self.slow += slow
        self.present |= present

    def close(self) -> list[str]:
        """Close the data file; the header (only the lead columns for an empty set)."""
        self.fh.close()
        STATS[self.path.name] = (self.rows, self.slow)
        if not self.rows:
            return list(self.lead)
        return self.lead + [
            k + (_TYPES[t] if k in self.present else "") for k, t in self.cols.items()
        ]


def writev_all(fd: int, buffers: list[bytes]) -> None:
    """Write every buffer to ``fd`` in turn, as gathered writes of at most ``IOV_MAX``
    buffers, a short write continued where it stopped (where :func:`os.writev` is missing,
    one joined write)."""
    if not hasattr(os, "writev"):
        data = b"".join(buffers)
        while data:
            data = data[os.write(fd, data) :]
        return
    i = 0
    while i < len(buffers):
        part = buffers[i : i + _IOV_MAX]
        done = os.writev(fd, part)
        want = sum(map(len, part))
        if done == want:
            i += len(part)
            continue
        for b in part:  # a short write: finish the buffer it stopped in, go on after it
            if done >= len(b):
                done -= len(b)
                i += 1
                continue
            rest = b[done:]
            while rest:
                rest = rest[os.write(fd, rest) :]
            i += 1
            break


def chunks(cur: Any) -> Iterator[list[tuple[Any, ...]]]:
    """A cursor's rows, :data:`CHUNK` at a time."""
    while rows := cur.fetchmany(CHUNK):
        yield rows
