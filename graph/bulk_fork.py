"""edges.csv read by a forked process while the load writes the parties.

Reading edges.csv (the ``csv`` module, the checks, the ids, the fields of each row:
:meth:`graph.bulk._Writer.edge_batches`) needs every node id of entities.csv and nothing
the load writes. So a process forked before the load reads entities.csv (holding no row
of it yet, so the child's memory is its own: the node ids, not the load's party rows)
reads the node ids itself (:meth:`graph.bulk._Writer.read_entities` without the party
rows; the same code as the load's, so the same ids), then reads edges.csv on the other
core while the load reads and writes the parties, the securities and their keys, and
hands the rows back through an unlinked temporary file beside the store (pickled
batches); the load then writes them in its one transaction, in the file's order, as if
it had read them itself.
A bad row of edges.csv is handed back as the :class:`graph.errors.InputError` the load
raises (same file, line and reason); the rows before it are never written, as before (a
bad row of entities.csv the load finds itself, and stops the child). If the child
fails otherwise, or the platform has no ``fork``, the load reads edges.csv itself. The
child touches no database and dies with the load (killed with it on Linux).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ownergraph.graph import bulk_trace as trace
from ownergraph.graph.errors import InputError
from ownergraph.graph.resolution_fork import ForkedChild, fork_spooled

if TYPE_CHECKING:
    from ownergraph.graph.bulk import _Writer

Batch = tuple[list[tuple], list[tuple], int]


class EdgeReader(ForkedChild):
    """A forked reader of edges.csv (see the module docstring)."""

    def batches(self) -> Iterator[Batch] | None:
        """The rows the child read, in batches; raises the bad row's :class:`InputError`
        (after the rows before it); ``None`` if the child failed (read in process)."""
        if not self._wait():
            self.close()
            return None
        self.spool.seek(0)
        return self._read()

    def _read(self) -> Iterator[Batch]:
        try:
            while True:
                item: tuple[Any, ...] = pickle.load(self.spool)  # noqa: S301 - our child's
                if item[0] == "rows":
                    yield item[1], item[2], item[3]
                elif item[0] == "error":
                    raise InputError(item[1], item[2], item[3])
                else:
                    return
        finally:
            self.close()

    #: Kill the child if it still runs; drop the spooled rows.
    close = ForkedChild.stop


def _spool(writer: _Writer, fd: int) -> None:
    """The child's work: every batch of rows, then the end (or the bad row's error)."""
    with open(fd, "wb", buffering=1 << 20, closefd=False) as out:

        def dump(item: tuple[Any, ...]) -> None:  # one pickle each, read by one load()
            pickle.dump(item, out, protocol=pickle.HIGHEST_PROTOCOL)

        try:
            for hold_rows, link_rows, done in writer.edge_batches():
                dump(("rows", hold_rows, link_rows, done))
        except InputError as exc:
            dump(("error", exc.path, exc.place, exc.reason))
        else:
            dump(("end",))


def start(writer: _Writer) -> EdgeReader | None:
    """Fork the reader of ``writer``'s edges.csv; ``None`` where ``fork`` is missing or not
    allowed (the load then reads edges.csv itself)."""

    def work(fd: int) -> None:
        writer.progress = None
        writer.read_entities(keep=False)
        trace.mark("edge reader: entities.csv read")
        _spool(writer, fd)
        trace.mark("edge reader: edges.csv read")

    got = fork_spooled(Path(writer.store.path).parent, work)
    return None if got is None else EdgeReader(*got)
