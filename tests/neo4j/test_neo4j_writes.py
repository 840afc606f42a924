"""Sync tests that write their own content (each empties the server first)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import BackendError
from graph.neo4j_backend import Neo4jBackend
from graph.store import Store
from tests.neo4j.graphs import generated, wynnefield
from tests.neo4j.test_neo4j import same_graph


def test_incremental_sync_sends_only_the_new_document(
    backend: Neo4jBackend, tmp_path: Path
) -> None:
    """A load after a sync sends only what it changed."""
    with Store(tmp_path / "inc.db") as store:
        store.load(wynnefield())
        first = backend.sync(store)
        store.load(generated(2, name="later"))
        second = backend.sync(store)
        assert second.ok
        assert 0 < second.total_rows < first.total_rows + 60
        assert second.unchanged >= first.total_rows
        same_graph(store.graph(), backend.graph())


def test_sync_refuses_to_replace_another_store(backend: Neo4jBackend, tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as a, Store(tmp_path / "b.db") as b:
        a.load(wynnefield())
        b.load(generated(1))
        backend.sync(a)
        with pytest.raises(BackendError, match="mirrors another store"):
            backend.sync(b)
        assert backend.sync(b, replace_other=True).ok
        same_graph(b.graph(), backend.graph())
