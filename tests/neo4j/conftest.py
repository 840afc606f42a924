"""Bolt-server fixtures: one ArcadeDB server per session (or ``OWNERGRAPH_TEST_NEO4J_URI``).

Each test that writes gets an empty database (``clean_server``); the server itself is
started once. Tests here are marked ``bolt``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ownergraph.graph.neo4j_backend import Neo4jBackend
from ownergraph.graph.settings import Settings
from tests.bolt_server import BoltServer, BoltTarget, external_target


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder ``bolt``."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.bolt)


@pytest.fixture(scope="session")
def bolt_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BoltTarget]:
    """A running Bolt server for the whole session: external if configured, else ArcadeDB."""
    ext = external_target()
    if ext is not None:
        yield ext
        return
    server = BoltServer(tmp_path_factory.mktemp("arcadedb"))
    server.start()
    try:
        yield server.target
    finally:
        server.kill()


def settings_for(target: BoltTarget, store: Path | None = None) -> Settings:
    """Settings pointing at ``target`` (and ``store`` when given)."""
    return Settings().with_(
        store=store,
        neo4j_uri=target.uri,
        neo4j_user=target.user,
        neo4j_password=target.password,
        neo4j_database=target.database,
    )


@pytest.fixture
def backend(bolt_target: BoltTarget) -> Iterator[Neo4jBackend]:
    """A backend on an emptied server database (every node and relationship deleted)."""
    b = Neo4jBackend.from_settings(settings_for(bolt_target), max_retry_time=5.0)
    b.write("MATCH (n) DETACH DELETE n")
    try:
        yield b
    finally:
        b.close()
