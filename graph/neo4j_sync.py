"""The sync of the embedded store to a Neo4j server (:meth:`Neo4jBackend.sync`).

:class:`SyncMixin` gives :class:`graph.neo4j_backend.Neo4jBackend` its ``sync``: a
content-hash diff against the server (:meth:`SyncMixin._plan`), batches that each commit
with their progress (resumable), relabelling of parties whose kind changed, and a final
count check in a :class:`SyncReport`. The rules are in the docstring of
:mod:`graph.neo4j_backend`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ownergraph.graph.errors import BackendError
from ownergraph.graph.neo4j_cypher import (
    _FINISH,
    _NODE_LABEL,
    _PROGRESS,
    _STATE,
    _create_nodes,
    _create_rels,
    _delete_nodes,
    _delete_rels,
    _node_state,
    _rel_state,
    _update_nodes,
)
from ownergraph.graph.neo4j_rows import (
    NODE_SETS,
    PARTY_KINDS,
    REL_KINDS,
    desired_state,
    graph_counts,
)
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import PARTY_LABEL, NodeKind

if TYPE_CHECKING:
    import neo4j

#: The backend's logger (the sync logs as the backend always did).
log = logging.getLogger("ownergraph.graph.neo4j_backend")

SYNC_KEY = "sync"
DEFAULT_BATCH = 2000


def _compact(row: dict[str, Any]) -> dict[str, Any]:
    """A row for CREATE: ``null`` properties left out (a new node has none to remove)."""
    return {**row, "props": {k: v for k, v in row["props"].items() if v is not None}}


@dataclass
class SyncReport:
    """What one :meth:`Neo4jBackend.sync` did.

    ``ok`` is the final count check: the server holds as many parties, securities,
    documents and relationships of each type as the store.
    """

    base_seq: int
    target_seq: int
    rows: dict[str, int] = field(default_factory=dict)
    batches: int = 0
    unchanged: int = 0
    relabelled: int = 0
    seconds: float = 0.0
    store_counts: dict[str, int] = field(default_factory=dict)
    server_counts: dict[str, int] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        """Rows sent in this run."""
        return sum(self.rows.values())

    @property
    def ok(self) -> bool:
        """True when the server's counts equal the store's."""
        return self.store_counts == self.server_counts

    @property
    def rows_per_second(self) -> float:
        """Throughput of this run."""
        return self.total_rows / self.seconds if self.seconds > 0 else 0.0

    def mismatches(self) -> dict[str, tuple[int | None, int | None]]:
        """``{what: (store, server)}`` where the counts differ."""
        keys = sorted(set(self.store_counts) | set(self.server_counts))
        return {
            k: (self.store_counts.get(k), self.server_counts.get(k))
            for k in keys
            if self.store_counts.get(k) != self.server_counts.get(k)
        }


@dataclass(frozen=True)
class _Step:
    """One batch: a phase name, its statements (run in one transaction) and its rows."""

    phase: str
    statements: tuple[tuple[str, dict[str, Any]], ...]
    rows: int
    expect: int | None = None  # rows the last statement must report written
    relabel: tuple[dict[str, Any], ...] = ()


class SyncMixin:
    """The sync methods of :class:`graph.neo4j_backend.Neo4jBackend` (which gives the
    connection: ``read``, ``write``, ``counts``, ``ensure_schema``, ``_session``,
    ``_translate``, ``_ERRORS``)."""

    if TYPE_CHECKING:
        _ERRORS: tuple[type[BaseException], ...]

        def read(
            self, query: str, params: dict[str, Any] | None = None, *, timeout: float | None = None
        ) -> list[dict[str, Any]]: ...

        def write(
            self, query: str, params: dict[str, Any] | None = None, *, timeout: float | None = None
        ) -> list[dict[str, Any]]: ...

        def counts(self) -> dict[str, int]: ...

        def ensure_schema(self) -> None: ...

        def _session(self, *, write: bool) -> neo4j.Session: ...

        def _translate(self, exc: Exception, doing: str) -> BackendError: ...

    def sync_state(self) -> dict[str, Any]:
        """The server's sync bookkeeping (``seq``, ``store``, pending progress), or ``{}``."""
        rows = self.read(_STATE, {"key": SYNC_KEY})
        return rows[0]["m"] if rows else {}

    # ------------------------------------------------------------------ sync

    def sync(
        self,
        store: Store,
        *,
        batch_size: int = DEFAULT_BATCH,
        full: bool = False,
        progress: bool = False,
        on_batch: Callable[[int, int], None] | None = None,
        replace_other: bool = False,
    ) -> SyncReport:
        """Push what changed in ``store`` since the last sync to the server.

        The store's ``seq`` decides *whether* to sync: when the server records the same
        store at the same seq with no pending run, nothing is read or written. The content
        decides *what*: every node and relationship carries a hash of its properties and
        ends, and only rows whose hash differs (or that are missing) are written; rows the
        store's graph no longer has (superseded holdings, merged parties) are deleted. So
        a sync is idempotent (a second run writes nothing), incremental (unchanged rows are
        never resent) and resumable (each batch commits with its progress; a rerun after a
        dropped connection skips what was committed). Ends with a count check against the
        store (:attr:`SyncReport.ok`). ``on_batch(done, total)`` follows each batch.

        The server mirrors one store: if it holds another store's sync, or ownergraph nodes
        without a sync record, :class:`BackendError` is raised unless ``replace_other``.
        """
        started = time.monotonic()
        store_key = str(store.path.resolve())
        state = self.sync_state()
        if not replace_other:
            other = state.get("store")
            if other not in (None, store_key):
                raise BackendError(
                    f"the server mirrors another store ({other}); pass --replace to make it"
                    " mirror this one (its ownergraph nodes will be replaced)"
                )
            if not state and any(self.counts().values()):
                raise BackendError(
                    "the server holds ownergraph nodes that no sync recorded; pass --replace"
                    " to make it mirror this store"
                )
        target = store.seq
        base = int(state["seq"]) if state.get("store") == store_key and state.get("seq") else 0
        report = SyncReport(base_seq=base, target_seq=target)
        up_to_date = (
            not full
            and state.get("store") == store_key
            and state.get("seq") == target
            and state.get("pending_target") is None
        )
        G = store.graph()
        if up_to_date:
            steps: list[_Step] = []
            report.store_counts = graph_counts(G)
        else:
            self.ensure_schema()
            desired = desired_state(G)
            report.store_counts = {k: len(v) for k, v in desired.items()}
            steps = self._plan(desired, batch_size, report)
            del desired
        total = len(steps)
        try:
            with _progress_bar(progress, sum(st.rows for st in steps)) as advance:
                for i, step in enumerate(steps):
                    if step.relabel:
                        report.relabelled += self._relabel(step.relabel)
                    self._write_batch(step, target, i + 1, total, store_key)
                    report.rows[step.phase] = report.rows.get(step.phase, 0) + step.rows
                    report.batches += 1
                    advance(step.rows)
                    if on_batch is not None:
                        on_batch(i + 1, total)
            if steps or state.get("seq") != target or state.get("pending_target") is not None:
                self._finish(target, store_key)
        except BackendError as exc:
            raise BackendError(
                f"sync interrupted after {report.batches} of {total} batches ({exc}); run"
                " the sync again to resume"
            ) from None
        report.server_counts = self.counts()
        report.seconds = time.monotonic() - started
        log.info(
            "synced %d rows in %d batches (%.0f rows/s)",
            report.total_rows,
            report.batches,
            report.rows_per_second,
        )
        return report

    def _plan(
        self, desired: dict[str, list[dict[str, Any]]], size: int, report: SyncReport
    ) -> list[_Step]:
        """Diff ``desired`` against the server's hashes; the batches that reconcile them.

        One read per label and relationship type gives every id with its hash (and a
        relationship's start node). Rows the server lacks are CREATEd (no lookup: they were
        absent when the diff was read, and the id constraints refuse a duplicate), changed
        nodes are updated in place by id, changed relationships deleted from their old start
        node and created again (an end may have moved after a merge), and rows the graph no
        longer has are deleted.
        """
        deletes: list[_Step] = []
        upserts: list[_Step] = []
        for kind in REL_KINDS:
            have = {r["id"]: (r["hash"], r["start"]) for r in self.read(_rel_state(kind))}
            rows = desired[kind.value]
            want = {r["id"] for r in rows}
            new = [_compact(r) for r in rows if r["id"] not in have]
            changed = [
                _compact(r)
                for r in rows
                if r["id"] in have and have[r["id"]][0] != r["props"]["hash"]
            ]
            report.unchanged += len(rows) - len(changed) - len(new)
            gone = [{"id": i, "start": have[i][1]} for i in sorted(set(have) - want)]
            for chunk in _chunks(gone, size):
                deletes.append(
                    _Step(
                        f"delete {kind.value}", ((_delete_rels(kind), {"rows": chunk}),), len(chunk)
                    )
                )
            for chunk in _chunks(changed, size):
                old = [{"id": r["id"], "start": have[r["id"]][1]} for r in chunk]
                upserts.append(
                    _Step(
                        kind.value,
                        (
                            (_delete_rels(kind), {"rows": old}),
                            (_create_rels(kind), {"rows": chunk}),
                        ),
                        len(chunk),
                        expect=len(chunk),
                    )
                )
            for chunk in _chunks(new, size):
                upserts.append(
                    _Step(
                        kind.value,
                        ((_create_rels(kind), {"rows": chunk}),),
                        len(chunk),
                        expect=len(chunk),
                    )
                )
        node_steps: list[_Step] = []
        for key in NODE_SETS:
            label = _NODE_LABEL[key]
            have_rows = self.read(_node_state(label))
            have = {r["id"]: r["hash"] for r in have_rows}
            kinds = {r["id"]: r["kind"] for r in have_rows}
            rows = desired[key]
            want = {r["id"] for r in rows}
            new = [_compact(r) for r in rows if r["id"] not in have]
            changed = [r for r in rows if r["id"] in have and have[r["id"]] != r["props"]["hash"]]
            report.unchanged += len(rows) - len(changed) - len(new)
            gone = sorted(set(have) - want)
            for chunk in _chunks(gone, size):
                deletes.append(
                    _Step(f"delete {key}", ((_delete_nodes(label), {"ids": chunk}),), len(chunk))
                )
            for chunk in _chunks(changed, size):
                moved = tuple(
                    {"id": r["id"], "old": kinds[r["id"]], "new": r["kind"]}
                    for r in chunk
                    if key == "parties" and kinds[r["id"]] not in (None, r["kind"])
                )
                node_steps.append(
                    _Step(
                        key,
                        ((_update_nodes(label), {"rows": chunk}),),
                        len(chunk),
                        len(chunk),
                        relabel=moved,
                    )
                )
            if key != "parties":
                for chunk in _chunks(new, size):
                    node_steps.append(
                        _Step(
                            key, ((_create_nodes(label), {"rows": chunk}),), len(chunk), len(chunk)
                        )
                    )
                continue
            for kind in PARTY_KINDS:
                of_kind = [r for r in new if r["kind"] == kind.value]
                for chunk in _chunks(of_kind, size):
                    node_steps.append(
                        _Step(
                            f"parties:{kind.value}",
                            ((_create_nodes(label, kind), {"rows": chunk}),),
                            len(chunk),
                            len(chunk),
                        )
                    )
        # relationships go first when deleted (their ends may go), last when written
        return deletes + node_steps + upserts

    def _finish(self, target: int, store_key: str) -> None:
        """Record ``target`` as the last synced seq and clear the pending progress."""
        self.write(
            _FINISH,
            {
                "key": SYNC_KEY,
                "target": target,
                "store": store_key,
                "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            },
        )

    def _relabel(self, moves: Iterable[dict[str, Any]]) -> int:
        """Move parties whose kind changed to their new kind label, before their MERGE.

        Two transactions per party (remove the old label, then add the new one): ArcadeDB
        refuses a label swap in one statement on a uniquely indexed type.
        """
        n = 0
        for m in moves:
            old = NodeKind(m["old"]).label
            new = NodeKind(m["new"])
            self.write(f"MATCH (n:{PARTY_LABEL} {{id: $id}}) REMOVE n:{old}", {"id": m["id"]})
            self.write(
                f"MATCH (n:{PARTY_LABEL} {{id: $id}}) SET n:{new.label}, n.kind = $kind",
                {"id": m["id"], "kind": new.value},
            )
            n += 1
        return n

    def _write_batch(self, step: _Step, target: int, done: int, total: int, store_key: str) -> None:
        """Run one batch's statements and record the progress in the same transaction."""

        def work(tx: neo4j.ManagedTransaction) -> int | None:
            written = None
            for query, params in step.statements:
                rec = tx.run(query, params).single()  # type: ignore[arg-type]
                written = int(rec["n"]) if rec is not None and "n" in rec.keys() else None
            progress = {
                "key": SYNC_KEY,
                "target": target,
                "done": done,
                "total": total,
                "store": store_key,
            }
            tx.run(_PROGRESS, progress).consume()
            return written

        try:
            with self._session(write=True) as session:
                written = session.execute_write(work)
        except self._ERRORS as exc:
            raise self._translate(exc, f"sync batch {done}/{total} ({step.phase})") from None
        if step.expect is not None and written != step.expect:
            raise BackendError(
                f"sync batch {done}/{total} ({step.phase}): wrote {written} of {step.expect}"
                " rows; an end node is missing on the server"
            )


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    size = max(1, size)
    for i in range(0, len(items), size):
        yield items[i : i + size]


class _progress_bar:  # noqa: N801 - used as a context manager function
    """A rich progress bar over rows, or a no-op when disabled."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled = enabled and total > 0
        self.total = total
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> Callable[[int], None]:
        if not self.enabled:
            return lambda n: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._progress = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            transient=False,
        )
        self._progress.__enter__()
        self._task = self._progress.add_task("sync rows", total=self.total)
        return lambda n: self._progress.advance(self._task, n)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)
