"""Entity resolution of a bulk load into a store without parties, beside the load.

A bulk load into a store without parties has every party in memory once entities.csv is
read (:class:`graph.bulk._Writer`); their merges depend on nothing the rest of the load
writes (the edges, the column graph). So a forked process finds them
(:func:`graph.resolution.find_merges`, the same inputs as
:func:`graph.resolution_store.resolve_fresh_stored`: the parties sharing a blocking key
with another, the sizes of the blocks over every party) while the load writes the
parties and reads edges.csv on the other core; the load takes the merges when it reaches
resolution. The child touches no database: it hands back the merges through a pipe and
exits. If it fails, or the platform has no ``fork``, the load resolves in process as
before (same merges). A load that fails or is killed takes the child with it (it is
killed with the load, on Linux also when the load's process is killed).
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from ownergraph.graph.bulk_names import normalize
from ownergraph.graph.model import Party
from ownergraph.graph.resolution import Merge, find_merges, party_keys

#: Key prefixes of exact rules (graph.resolution_store.EXACT): every member of such a
#: block is a candidate whatever its size.
EXACT = ("i:", "n:", "t:")


def fresh_merges(
    rows: Iterable[tuple[str, Any]],
    rejected: Iterable[tuple[str, str]],
    *,
    max_block: int = 50,
) -> list[Merge]:
    """The merges of :func:`graph.resolution_store.resolve_fresh_stored` over parties
    given as ``(id, row)`` (a row has ``name``, ``kind``, ``names`` and ``identifiers``,
    as :class:`graph.bulk._Row`), computed in memory: each party's blocking keys, the
    sizes of the blocks, the parties sharing a key with another, :func:`find_merges`."""
    memo: dict[str, str] = {}

    def norm(name: str) -> str:
        try:
            return memo[name]
        except KeyError:
            out = memo[name] = normalize(name)
            return out

    parties: list[tuple[Party, tuple[str, ...]]] = []
    count: Counter[str] = Counter()
    for pid, p in rows:
        names = tuple(sorted({p.name, *p.names}))  # the stored party's spellings
        light = Party(pid, p.name, p.kind, names=names, identifiers=tuple(p.identifiers))
        keys = tuple(party_keys(light, norm))
        count.update(keys)
        parties.append((light, keys))
    candidates = [
        light
        for light, keys in parties
        if any(
            (n := count[k]) > 1 and (k[:2] in EXACT or n <= max_block)  # noqa: PLR2004
            for k in keys
        )
    ]
    del parties
    sizes = {k: n for k, n in count.items() if n > 1 and k[:2] in ("e:", "p:")}
    del count
    if not candidates:
        return []
    return find_merges(candidates, rejected=rejected, max_block=max_block, sizes=sizes, norm=norm)


def die_with_parent(parent: int) -> None:
    """Linux: the child gets SIGKILL when the load's process dies (killed mid-load)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the call
        os._exit(1)


class PendingMerges:
    """The merges a forked process is finding (see the module docstring)."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd = pid, fd

    def result(self) -> list[Merge] | None:
        """Wait for the merges; ``None`` if the child failed (resolve in process then)."""
        if self.pid == 0:
            return None
        data = b""
        try:
            with os.fdopen(self.fd, "rb") as f:
                data = f.read()
        finally:
            _, status = os.waitpid(self.pid, 0)
            self.pid = 0
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0) or not data:
            return None
        merges = pickle.loads(data)  # noqa: S301 - our own child's bytes
        return merges if isinstance(merges, list) else None

    def cancel(self) -> None:
        """Kill the child (the load failed or no longer needs it)."""
        if self.pid == 0:
            return
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.close(self.fd)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        self.pid = 0

    def __del__(self) -> None:
        self.cancel()


def start(
    records: Mapping[str, tuple[int, Any]], rejected: list[tuple[str, str]]
) -> PendingMerges | None:
    """Fork a process finding the merges of ``records`` (party id -> ``(line, row)``, the
    bulk writer's parties); ``None`` where ``fork`` is missing or fails."""
    if not hasattr(os, "fork"):
        return None
    parent = os.getpid()
    r, w = os.pipe()
    gc.freeze()  # the child's collector leaves the parent's objects (and pages) alone
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        os.close(r)
        os.close(w)
        return None
    if pid == 0:  # the child: no database, no return into the caller
        code = 1
        try:
            os.close(r)
            die_with_parent(parent)
            merges = fresh_merges(((k, v[1]) for k, v in records.items()), rejected)
            with os.fdopen(w, "wb") as f:
                f.write(pickle.dumps(merges, protocol=pickle.HIGHEST_PROTOCOL))
            code = 0
        except BaseException:  # noqa: BLE001, S110 - the parent resolves in process
            pass
        finally:
            os._exit(code)
    gc.unfreeze()
    os.close(w)
    return PendingMerges(pid, r)
