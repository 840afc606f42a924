"""The merged parties of the neo4j-import bulk path (queries/neo4j_import_merged.py).

The oracle is :func:`graph.store.build_graph`: each node a cluster of merged parties becomes
there (its record serialised as the store writes records) must come out of
:func:`merged_parties` with the same id, text and name, from the stored texts alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ownergraph.graph.model import Party
from ownergraph.graph.neo4j_rows import _json
from ownergraph.graph.store import Store, build_graph
from ownergraph.queries import neo4j_import_fast as fast
from ownergraph.queries.neo4j_import_merged import merged_parties

SEED = Path(__file__).parent / "fixtures" / "seed" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"


def _reference(store: Store) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    plan = fast._plan(store)
    parties = fast._cluster_parties(store._conn, plan.in_cluster)
    g = build_graph(parties, [], [], [], plan.docs, merges=store.merges())
    assert g.graph["aliases"] == plan.alias
    nodes = [
        (n, _json(d["record"]), d["record"].name)
        for n, d in g.nodes(data=True)
        if isinstance(d.get("record"), Party)
    ]
    return plan.alias, sorted(nodes)


@pytest.fixture(scope="module")
def merged_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated tabular graph loaded from two documents (most parties with a piece of
    provenance from each) and the seed, resolved: clusters of merged parties."""
    from ownergraph.benchmarks.generator import generate
    from ownergraph.loaders import parse_path
    from ownergraph.loaders.tabular import parse_dir

    base = tmp_path_factory.mktemp("merged")
    generate(2000, base / "a", seed=5)
    (base / "b").mkdir()  # the same graph less its last edges: a second document
    (base / "b" / "entities.csv").write_bytes((base / "a" / "entities.csv").read_bytes())
    lines = (base / "a" / "edges.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (base / "b" / "edges.csv").write_text("".join(lines[:-3]), encoding="utf-8")
    db = base / "m.db"
    with Store(db) as s:
        s.load(parse_dir(base / "a"))
        s.load(parse_dir(base / "b"))
        s.load(parse_path(SEED))
        s.resolve()
        assert len(s.merges()) >= 3
    return db


def test_merged_parties_equal_build_graphs_nodes(merged_store: Path) -> None:
    with Store(merged_store) as s:
        alias, want = _reference(s)
        got = merged_parties(s._conn, alias)
    assert got is not None
    assert sorted(got) == want
    # clusters of more than two members and members with several pieces of provenance
    sizes: dict[str, int] = {}
    for kept in alias.values():
        sizes[kept] = sizes.get(kept, 1) + 1
    assert max(sizes.values()) >= 2
    assert any(t.count('{"accession":') > 1 for _n, t, _name in got)


def test_a_member_not_canonical_sends_every_cluster_the_slow_way(
    merged_store: Path, tmp_path: Path
) -> None:
    """A member whose stored text the pattern does not read (here an escaped character, as
    a record written by another JSON writer could hold): ``None``, the caller merges the
    records as build_graph does."""
    import shutil
    import sqlite3

    db = tmp_path / "m.db"
    shutil.copy(merged_store, db)
    with Store(db) as s:
        alias = fast._plan(s).alias
    member = sorted(alias)[0]
    c = sqlite3.connect(db)
    text = c.execute("SELECT json FROM parties WHERE id=?", (member,)).fetchone()[0]
    c.execute(
        "UPDATE parties SET json=? WHERE id=?", (text.replace('"kind":', '"kind" :', 1), member)
    )
    c.commit()
    c.close()
    with Store(db) as s:
        assert merged_parties(s._conn, alias) is None


def test_no_merges_no_nodes(tmp_path: Path) -> None:
    with Store(tmp_path / "e.db") as s:
        assert merged_parties(s._conn, {}) == []
