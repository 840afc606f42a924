"""Sync tests that write their own content (each empties the server first)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ownergraph.graph.errors import BackendError
from ownergraph.graph.neo4j_backend import Neo4jBackend
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import NodeKind
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


def test_changed_moved_and_removed_rows_reach_the_server(
    backend: Neo4jBackend, tmp_path: Path
) -> None:
    """The update paths: a party changes kind (relabel), a holding's shares and a link's
    controller change, a holding and a party disappear; the server ends equal to the store."""
    base = wynnefield()
    fund = next(p for p in base.parties if p.kind is NodeKind.FUND)
    person = next(p for p in base.parties if p.kind is NodeKind.PERSON)
    gone = base.holdings[-1]
    moved = base.links[0]
    changed = replace(
        base,
        parties=tuple(
            replace(p, kind=NodeKind.ENTITY) if p.id == fund.id else p for p in base.parties
        ),
        holdings=tuple(
            replace(h, shares=(h.shares or 0) + 1) if h is base.holdings[0] else h
            for h in base.holdings
            if h is not gone
        ),
        links=tuple(
            replace(lk, controller_id=person.id) if lk is moved else lk for lk in base.links
        ),
    )
    with Store(tmp_path / "a.db") as a, Store(tmp_path / "b.db") as b:
        a.load(base)
        b.load(changed)
        assert backend.sync(a).ok
        report = backend.sync(b, replace_other=True)
        assert report.ok, report.mismatches()
        assert report.relabelled == 1 and report.rows["delete holds"] == 1
        assert report.rows["holds"] == 1 and report.rows["controls"] == 1
        assert report.unchanged > 0
        same_graph(b.graph(), backend.graph())
        labels = backend.read(
            "MATCH (n:Party {id: $id}) RETURN labels(n) AS l, n.kind AS k", {"id": fund.id}
        )
        assert sorted(labels[0]["l"]) == ["Entity", "Party"] and labels[0]["k"] == "entity"
        assert backend.sync(b).total_rows == 0
