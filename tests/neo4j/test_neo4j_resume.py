"""A sync interrupted by killing the server, resumed against the restarted server.

Uses its own ArcadeDB server (the session one stays up for the other tests). With an
external server (``OWNERGRAPH_TEST_NEO4J_URI``) there is nothing this test may kill, so it
is skipped there; on the bundled server it always runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ownergraph.graph.errors import BackendError
from ownergraph.graph.neo4j_backend import Neo4jBackend, expected_counts
from ownergraph.graph.store import Store
from tests.bolt_server import BoltServer, BoltTarget
from tests.neo4j.conftest import settings_for
from tests.neo4j.graphs import generated, wynnefield


def _backend(target: BoltTarget) -> Neo4jBackend:
    return Neo4jBackend.from_settings(
        settings_for(target), max_retry_time=2.0, connection_timeout=3.0
    )


def test_sync_killed_midway_resumes_to_the_same_counts(
    tmp_path: Path, bolt_target: BoltTarget
) -> None:
    if bolt_target.external:
        pytest.skip("the kill test needs the bundled ArcadeDB server")
    store = Store(tmp_path / "resume.db")
    store.load(wynnefield())
    store.load(generated(10, name="resume"))

    # the uninterrupted reference, on the session server
    ref = _backend(bolt_target)
    ref.write("MATCH (n) DETACH DELETE n")
    ref.install_schema()
    uninterrupted = ref.sync(store, batch_size=15)
    ref.close()
    assert uninterrupted.ok and uninterrupted.batches > 6

    server = BoltServer(tmp_path / "arcadedb")
    target = server.start()
    try:
        b = _backend(target)
        b.install_schema()
        killed_after = 4

        def kill(done: int, total: int) -> None:
            if done == killed_after:
                server.kill()

        with pytest.raises(BackendError, match="run the sync again to resume"):
            b.sync(store, batch_size=15, on_batch=kill)
        b.close()

        target = server.start()  # same root: the committed batches are still there
        b = _backend(target)
        state = b.sync_state()
        assert state["pending_done"] == killed_after and state["pending_total"] > killed_after
        resumed = b.sync(store, batch_size=15)
        assert resumed.ok, resumed.mismatches()
        assert resumed.unchanged > 0  # what was committed before the kill is not resent
        assert resumed.total_rows < uninterrupted.total_rows
        assert resumed.server_counts == uninterrupted.server_counts == expected_counts(store)
        assert b.sync_state().get("pending_target") is None
        b.close()
    finally:
        server.kill()
        store.close()
