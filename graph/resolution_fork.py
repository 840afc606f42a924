"""Entity resolution of a bulk load into a store without parties, beside the load.

The merges of a bulk load into a store without parties depend on nothing but the party
rows of entities.csv (not the edges, nor the column graph). So a process forked before
the load reads entities.csv (:func:`start_reading`: it carries none of the load's rows,
its memory is its own) streams the party rows itself and finds them
(:func:`fresh_resolution`: every party's blocking keys, the size of each block, and
:func:`graph.resolution.find_merges` over the parties sharing a key with another, as
:func:`graph.resolution_store.resolve_fresh_stored` finds them) while the load reads and
writes the parties on the other core. The child touches no database: it spools the keys and blocks
(in key order, so the load writes each page of their tables once) and the merges to an
unlinked file beside the store and exits; the load stores them at the end of its rows
(:func:`graph.resolution_store.take_fresh_keys`). If it fails, or the platform has no
``fork``, the load computes the keys from the stored parties and resolves in process
(same rows). A load that fails or is killed takes the child with it (it is
killed with the load, on Linux also when the load's process is killed).
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import pickle
import signal
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

import numpy as np

if TYPE_CHECKING:
    from ownergraph.graph.bulk import _Writer

from ownergraph.graph import bulk_trace as trace
from ownergraph.graph.bulk_names import index_keys, normalize
from ownergraph.graph.model import Party
from ownergraph.graph.resolution import Merge, find_merges, party_keys

#: Key prefixes of exact rules (graph.resolution_store.EXACT): every member of such a
#: block is a candidate whatever its size.
EXACT = ("i:", "n:", "t:")


class _Light(NamedTuple):
    """The fields of a party :func:`graph.resolution.party_keys` reads (no record)."""

    name: str
    kind: Any
    names: tuple[str, ...]
    identifiers: tuple[tuple[str, str], ...]


def fresh_resolution(
    rows: Iterable[tuple[str, Any]],
    rejected: Iterable[tuple[str, str]],
    *,
    max_block: int = 50,
    chunk: int = 100_000,
    again: Callable[[set[str]], Iterable[tuple[str, Any]]] | None = None,
    name_keys: bool = False,
) -> Iterator[tuple[str, Any]]:
    """What :func:`graph.resolution_store.resolve_fresh_stored` finds and stores for
    parties given as ``(id, row)`` (a row has ``name``, ``kind``, ``names`` and
    ``identifiers``, as :class:`graph.bulk._Row`; the last row of an id wins), computed in
    memory and yielded as the spool's records: every party's blocking keys as ``("keys",
    rows)`` of ``(key, party id)`` in key order, then the size of each block as
    ``("blocks", rows)`` in key order (both in chunks of ``chunk`` rows), then
    ``("merges", list)``: :func:`find_merges` over the parties sharing a key with
    another, with the sizes of the blocks over every party.

    ``rows`` is read once and not kept: the keys are one flat list with the party index
    of each in an integer array, sorted by index arrays; the candidates' rows are read
    again (``again(ids)``: the rows of these ids, in file order; default: ``rows`` once
    more, so a collection) and only they become :class:`Party` records. So the peak is
    the keys, not every party's row or record beside them.

    With ``name_keys``, the first records are ``("names", rows)``: the name index's rows
    ``(key, party id)`` of every row (:func:`graph.bulk_names.index_keys`, each spelling
    normalised once for both), in chunks as the rows are read, so the load does not
    normalise the names again (it takes them only if no id has two rows)."""
    pids: list[str] = []
    flat: list[str] = []  # every row's keys
    owner = array("i")  # the index of the row of each key
    row_memo: dict[str, str] = {}  # a row's spellings normalised (party_keys reads them twice)

    def norm1(name: str) -> str:
        try:
            return row_memo[name]
        except KeyError:
            out = row_memo[name] = normalize(name)
            return out

    name_rows: list[tuple[str, str]] = []
    for pid, p in rows:
        names = tuple(sorted({p.name, *p.names}))  # the stored party's spellings
        idents = tuple(p.identifiers)
        keys = party_keys(_Light(p.name, p.kind, names, idents), norm1)  # type: ignore[arg-type]
        flat.extend(keys)
        owner.extend(itertools.repeat(len(pids), len(keys)))
        if name_keys:
            name_rows.extend((k, pid) for k in index_keys(names, idents, norm1))
            if len(name_rows) >= chunk:
                yield ("names", name_rows)
                name_rows = []
        row_memo.clear()
        pids.append(pid)
    if name_rows:
        yield ("names", name_rows)
    del name_rows
    # the rows by party id (stable: the rows of one id in file order); the last row of an
    # id is the one that counts (as INSERT OR REPLACE)
    by_id = np.argsort(np.array(pids, dtype=object), kind="stable")
    ids = np.array(pids, dtype=object)[by_id]
    live = np.zeros(len(pids), dtype=bool)
    live[by_id[np.append(ids[1:] != ids[:-1], True)] if len(ids) else by_id] = True
    rank = np.empty(len(pids), dtype=np.int64)
    rank[by_id] = np.arange(len(pids))
    del by_id, ids
    trace.mark("resolution child: keys of every party")
    own = np.frombuffer(owner, dtype=np.int32) if owner else np.zeros(0, np.int32)
    # the live keys' rows in (key, party id) order: stable sorts by party id, then by key
    # (numpy sorts of object arrays: no dict of every distinct key beside the keys, which
    # would cost more memory than it saves cpu, and the child is not the critical path)
    order = np.flatnonzero(live[own])
    del live
    order = order[np.argsort(rank[own[order]], kind="stable")]
    del rank
    keys_sorted = np.array(flat, dtype=object)[order]
    by_key = np.argsort(keys_sorted, kind="stable")
    order, keys_sorted = order[by_key], keys_sorted[by_key]
    del by_key
    # the blocks: the runs of one key
    starts = np.flatnonzero(np.append(True, keys_sorted[1:] != keys_sorted[:-1]))
    starts = starts[: len(keys_sorted)]  # (no key: no block)
    block_keys: list[str] = keys_sorted[starts].tolist()
    del keys_sorted
    size = np.diff(np.append(starts, len(order)))
    exact = np.fromiter((k[:2] in EXACT for k in block_keys), dtype=bool, count=len(block_keys))
    chosen_block = (size > 1) & (exact | (size <= max_block))
    wanted = {pids[i] for i in own[order[np.repeat(chosen_block, size)]].tolist()}
    sizes = {
        k: n
        for k, n, ok in zip(block_keys, size.tolist(), ((size > 1) & ~exact).tolist(), strict=True)
        if ok and k[:2] in ("e:", "p:")
    }
    del starts, exact, chosen_block
    for i in range(0, len(order), chunk):
        part = order[i : i + chunk].tolist()
        yield ("keys", [(flat[j], pids[owner[j]]) for j in part])
    del order, flat, owner, own, pids
    sizes_list = size.tolist()
    del size
    for i in range(0, len(block_keys), chunk):
        yield (
            "blocks",
            list(zip(block_keys[i : i + chunk], sizes_list[i : i + chunk], strict=True)),
        )
    del block_keys, sizes_list
    chosen: dict[str, Any] = {}
    for pid, p in again(wanted) if again is not None else rows:
        if pid in wanted:
            chosen.pop(pid, None)  # the last row of an id wins (and comes last)
            chosen[pid] = p
    candidates = [
        Party(pid, p.name, p.kind, names=tuple(sorted({p.name, *p.names})),
              identifiers=tuple(p.identifiers))
        for pid, p in chosen.items()
    ]  # fmt: skip
    del chosen, wanted
    trace.mark("resolution child: candidates read again")
    memo: dict[str, str] = {}

    def norm(name: str) -> str:
        try:
            return memo[name]
        except KeyError:
            out = memo[name] = normalize(name)
            return out

    merges: list[Merge] = []
    if candidates:
        merges = find_merges(
            candidates, rejected=rejected, max_block=max_block, sizes=sizes, norm=norm
        )
    yield ("merges", merges)


def forks_allowed() -> bool:
    """Whether a bulk load may fork its helpers: the platform has ``fork`` and
    ``OWNERGRAPH_LOAD_PROCESSES`` is not 1 (:class:`graph.settings.Settings`)."""
    from ownergraph.graph.settings import Settings

    return hasattr(os, "fork") and Settings.from_env().load_processes > 1


def die_with_parent(parent: int) -> None:
    """Linux: the child gets SIGKILL when the load's process dies (killed mid-load)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the call
        os._exit(1)


class ForkedChild:
    """A child forked by :func:`fork_spooled` and the file it writes its results to."""

    def __init__(self, pid: int, spool: IO[bytes]) -> None:
        self.pid, self.spool = pid, spool

    def _wait(self) -> bool:
        """Wait for the child; whether it ended well."""
        if self.pid == 0:
            return False
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0

    def stop(self) -> None:
        """Kill the child if it still runs; drop its file."""
        if self.pid:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = 0
        self.spool.close()

    def __del__(self) -> None:
        self.stop()


class PendingMerges(ForkedChild):
    """The keys, blocks and merges a forked process is finding (see the module
    docstring); read back with :meth:`records` once it is done."""

    def __init__(self, pid: int, spool: IO[bytes]) -> None:
        super().__init__(pid, spool)
        #: the merges, once :meth:`records` read them (``None``: resolve in process)
        self.merges: list[Merge] | None = None
        #: whether the load takes the child's name index rows (:mod:`graph.bulk_keys`;
        #: else it computes them itself and drops the child's)
        self.take_names = False

    def records(self) -> Iterator[tuple[Any, ...]]:
        """Wait for the child, then its records: ``("names", rows)``, ``("keys", rows)``
        and ``("blocks", rows)`` in chunks, then ``("merges", list)``; raises :class:`ChildError` if the
        child failed (the records read so far are then to be thrown away)."""
        if self.pid == 0:
            raise ChildError("no child")
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
            raise ChildError(f"the resolution child ended with status {status}")
        self.spool.seek(0)
        try:
            while True:
                item = pickle.load(self.spool)  # noqa: S301 - our own child's bytes
                if item[0] == "end":
                    return
                yield item
        except (EOFError, pickle.UnpicklingError, IndexError, TypeError) as exc:
            raise ChildError(f"the resolution child's records: {exc}") from exc
        finally:
            self.spool.close()

    #: Kill the child (the load failed or no longer needs it).
    cancel = ForkedChild.stop


class ChildError(Exception):
    """The child failed: the load resolves in process."""


#: Rows per pickled chunk of the spool.
SPOOL_CHUNK = 100_000


def _dump(items: Iterable[tuple[str, Any]], fd: int) -> None:
    with open(fd, "wb", buffering=1 << 20, closefd=False) as out:
        for item in items:
            pickle.dump(item, out, protocol=5)
        pickle.dump(("end",), out, protocol=5)


def start_reading(writer: _Writer, rejected: list[tuple[str, str]]) -> PendingMerges | None:
    """Fork, before the load reads entities.csv, a process that streams its party rows
    itself (:meth:`graph.bulk._Writer.party_rows`, twice: every row's keys, then the
    candidates' rows) and resolves them (:func:`fresh_resolution`), spooled to an unlinked
    file beside the store; so the child carries none of the load's rows (its RSS is its own
    keys). ``None`` where ``fork`` is missing or fails (the parent then resolves in
    process)."""

    def work(fd: int) -> None:
        writer.progress = None
        items = fresh_resolution(
            writer.party_rows(),
            rejected,
            chunk=SPOOL_CHUNK,
            again=writer.party_rows,
            name_keys=True,
        )
        _dump(items, fd)
        trace.mark("resolution child done")

    got = fork_spooled(Path(writer.store.path).parent, work)
    return None if got is None else PendingMerges(*got)


def fork_spooled(folder: Path, work: Callable[[int], None]) -> tuple[int, IO[bytes]] | None:
    """Fork a child that runs ``work`` on the descriptor of an unlinked temporary file in
    ``folder``, then exits (status 0 when ``work`` returned, 1 on any error; it dies with
    the parent); in the parent ``(child pid, the file)``, or ``None`` where forking is not
    allowed (:func:`forks_allowed`) or fails. The child touches no database."""
    if not forks_allowed():
        return None
    try:
        spool = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 - closed by its reader
    except OSError:
        return None
    parent = os.getpid()
    gc.freeze()  # the child's collector leaves the parent's objects (and pages) alone
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        spool.close()
        return None
    if pid == 0:  # the child: no database, no return into the caller
        code = 1
        try:
            die_with_parent(parent)
            work(spool.fileno())
            code = 0
        except BaseException:  # noqa: BLE001, S110 - the parent does the work itself
            pass
        finally:
            os._exit(code)
    gc.unfreeze()
    return pid, spool
