"""Crash safety (SIGKILL mid-load at random points), concurrent readers and writers, doctor.

A load is one SQLite transaction per document: whatever instant the process dies, the
store opens, passes the integrity check and holds each document entirely or not at all.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import signal
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.graph.errors import StoreError
from ownergraph.graph.ids import document_id, make_id
from ownergraph.graph.model import Document, Holding, Link, ParsedDocument, Party, Security
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Role, SourceFormat
from tests.security.stats import STATS

KILL_POINTS = 50
CTX = mp.get_context("fork")


def make_docs(n_docs: int, size: int, seed: int = 7) -> list[ParsedDocument]:
    """``n_docs`` synthetic documents, each with ``size`` funds under a few managers."""
    rnd = random.Random(seed)
    docs = []
    for d in range(n_docs):
        did = document_id(f"{seed:04d}{d:012d}")
        doc = Document(id=did, path=f"synthetic-{d}.csv", format=SourceFormat.TABULAR, sha256=did)
        issuer = Party(id=f"party:issuer{d % 5}", name=f"Issuer {d % 5}", kind=NodeKind.ISSUER)
        sec = Security(id=f"security:{d % 5}", issuer_id=issuer.id, title="Common Stock")
        parties, holdings, links = [issuer], [], []
        for m in range(max(1, size // 20)):
            parties.append(
                Party(id=f"party:m{d}-{m}", name=f"Manager {d}-{m}", kind=NodeKind.ENTITY)
            )
        for f in range(size):
            fid = f"party:f{d}-{f}"
            parties.append(Party(id=fid, name=f"Fund {d}-{f}", kind=NodeKind.FUND))
            holdings.append(
                Holding(
                    id=make_id("holding", did, f),
                    document_id=did,
                    holder_id=fid,
                    security_id=sec.id,
                    instrument=Instrument.COMMON,
                    shares=rnd.randrange(1, 10**6),
                )
            )
            links.append(
                Link(
                    id=make_id("link", did, f),
                    document_id=did,
                    kind=EdgeKind.CONTROLS,
                    controller_id=f"party:m{d}-{f % max(1, size // 20)}",
                    controlled_id=fid,
                    role=Role.GENERAL_PARTNER,
                )
            )
        docs.append(
            ParsedDocument(
                document=doc,
                parties=tuple(parties),
                securities=(sec,),
                holdings=tuple(holdings),
                links=tuple(links),
            )
        )
    return docs


def _load_all(path: str, docs: list[ParsedDocument]) -> None:
    store = Store(path)
    for doc in docs:
        store.load(doc)
    store.close()
    os._exit(0)


def _check_all_or_none(path: Path, docs: list[ParsedDocument]) -> int:
    with Store(path) as s:
        assert s.integrity_check() == []
        loaded = {d.id for d in s.documents()}
        for doc in docs:
            h = len(s.holdings(doc.document.id))
            lk = len(s.links(doc.document.id))
            if doc.document.id in loaded:
                assert (h, lk) == (len(doc.holdings), len(doc.links)), "partial document"
            else:
                assert (h, lk) == (0, 0), "rows of a document that is not loaded"
        return len(loaded)


def test_sigkill_at_random_points_never_leaves_a_partial_document(tmp_path: Path) -> None:
    docs = make_docs(20, 60)
    # how long does an uninterrupted load take here? The shorter of two probes: one slowed
    # by a busy moment would put every kill after the load's end
    times = []
    for i in range(2):
        t0 = time.perf_counter()
        probe = CTX.Process(target=_load_all, args=(str(tmp_path / f"probe{i}.db"), docs))
        probe.start()
        probe.join()
        times.append(time.perf_counter() - t0)
    full = min(times)
    rnd = random.Random(1234)
    survived = 0
    partial_seen = 0
    for k in range(KILL_POINTS):
        if k % 10 == 0:
            path = tmp_path / f"store{k}.db"
        proc = CTX.Process(target=_load_all, args=(str(path), docs))
        proc.start()
        time.sleep(rnd.uniform(0.0, min(full, 4.0) * 0.9))
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        STATS["kill points tried"] += 1
        n = _check_all_or_none(path, docs)
        partial_seen += 0 < n < len(docs)
        survived += 1
        STATS["kill points survived"] += 1
    assert survived == KILL_POINTS
    assert partial_seen > 0, "no kill landed mid-load: the test did not test anything"
    # resuming after the last kill completes the load
    _load_all_in_process = Store(path)
    for doc in docs:
        _load_all_in_process.load(doc)
    _load_all_in_process.close()
    assert _check_all_or_none(path, docs) == len(docs)
    res = CliRunner().invoke(main, ["doctor", "--store", str(path)])
    assert res.exit_code == 0 and res.output.strip().endswith("ok")


def _load_big(path: str, docs: list[ParsedDocument], started) -> None:  # noqa: ANN001
    store = Store(path)
    started.set()
    store.load_many(docs)
    store.close()
    os._exit(0)


def test_readers_keep_working_while_a_load_runs(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    first = make_docs(1, 50, seed=1)
    with Store(path) as s:
        s.load_many(first)
        n0 = s.counts()["holdings"]
    big = make_docs(10, 200, seed=2)
    started = CTX.Event()
    proc = CTX.Process(target=_load_big, args=(str(path), big, started))
    proc.start()
    started.wait(10)
    seen = set()
    reader = Store(path, timeout=5)
    while proc.is_alive():
        counts = reader.counts()["holdings"]
        seen.add(counts)
        reader.graph()
    proc.join()
    n1 = reader.counts()["holdings"]
    reader.close()
    assert proc.exitcode == 0
    assert seen <= {n0, n1}, "a reader saw a half-loaded store"
    assert n1 == n0 + sum(len(d.holdings) for d in big)


def test_two_loads_at_once_serialise(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store(path).close()
    a, b = make_docs(5, 100, seed=3), make_docs(5, 100, seed=4)
    ea, eb = CTX.Event(), CTX.Event()
    pa = CTX.Process(target=_load_big, args=(str(path), a, ea))
    pb = CTX.Process(target=_load_big, args=(str(path), b, eb))
    pa.start()
    pb.start()
    pa.join()
    pb.join()
    assert (pa.exitcode, pb.exitcode) == (0, 0)
    assert _check_all_or_none(path, a + b) == 10


def test_a_busy_store_fails_clearly(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    holder = Store(path)
    holder._conn.execute("BEGIN IMMEDIATE")
    other = Store(path, timeout=0.2)
    with pytest.raises(StoreError, match="busy"):
        other.load(make_docs(1, 5)[0])
    holder._conn.execute("ROLLBACK")
    other.close()
    holder.close()


def test_doctor_reports_a_corrupt_store(tmp_path: Path) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    res = CliRunner().invoke(main, ["doctor", "--store", str(path)])
    assert res.exit_code == 2
    assert "Traceback" not in res.output and str(path) in res.stderr
