"""A reader sees one store state: ``Store.snapshot()`` and ``Store.graph()`` under a load
that commits meanwhile (the app's answer and its explanation must not mix two states)."""

from __future__ import annotations

from pathlib import Path

from ownergraph.graph.store import Store
from ownergraph.loaders import parse_path
from ownergraph.loaders.tabular import parse_dir

ROOT = Path(__file__).resolve().parents[1]
DIAMOND = ROOT / "tests" / "fixtures" / "tabular" / "diamond"
SEED = ROOT / "data" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"


def test_a_load_committing_inside_a_snapshot_is_not_seen_until_it_ends(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as writer:
        writer.load(parse_dir(DIAMOND))
    reader = Store(db)
    try:
        before = reader.graph()
        names_before = {d["name"] for _, d in before.nodes(data=True)}
        assert "Liquidmetal Technologies, Inc." not in names_before
        with reader.snapshot():
            seq = reader.seq
            with Store(db) as writer:  # another connection loads and commits meanwhile
                writer.load(parse_path(SEED))
            assert reader.seq == seq  # the reader still sees the state it started on
            assert len(reader.holdings()) == len(
                [e for e in before.edges(data=True) if e[2]["kind"] == "holds"]
            )
            inside = reader.graph()
            assert inside.graph["seq"] == seq
            assert {d["name"] for _, d in inside.nodes(data=True)} == names_before
        after = reader.graph()  # the snapshot ended: the load is seen, whole
        assert after.graph["seq"] == seq + 1
        assert any("Wynnefield" in str(d["name"]) for _, d in after.nodes(data=True))
    finally:
        reader.close()
