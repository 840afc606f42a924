"""Exports: BODS 0.4 that validates and round-trips, GraphML that reloads, canonical JSON.

The store holds the seed and every fixture: BODS, GLEIF, legacy and XML 13D/G, Forms 3/4/5
(parties, holdings, securities, trusts and control links from SEC filings), so the BODS
export covers every record kind.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.graph.model import Holding, Link, Party
from ownergraph.graph.store import Store
from ownergraph.loaders import bods, parse_path
from ownergraph.queries.export import full_graph, to_bods, to_graphml, to_json

FIX = Path(__file__).parent / "fixtures"
SEED = Path(__file__).parents[1] / "data" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"
FILES = [SEED] + sorted(
    p
    for d in ("bods", "gleif", "sec13dg-xml", "form345", "sec13dg-legacy")
    for p in (FIX / d).iterdir()
    if p.is_file() and p.name != "expected.json"
)


@pytest.fixture(scope="module")
def parsed() -> list:
    return [parse_path(p) for p in FILES]


@pytest.fixture
def loaded(tmp_path: Path, parsed: list) -> Store:
    s = Store(tmp_path / "all.db")
    s.load_many(parsed)
    yield s
    s.close()


def test_bods_export_validates_and_round_trips(loaded: Store) -> None:
    g = full_graph(loaded)
    text = to_bods(g)
    data = json.loads(text)
    assert bods.validate(data) == []  # no schema errors and no additional-check results
    again = bods.parse(io.BytesIO(text.encode()), path="export.json")
    assert again.extra["bods_version"] == "0.4"
    assert not [f for f in again.findings if f.kind in ("bods_validation", "dangling_reference")]
    parties = [n for n, r in g.nodes(data="record") if isinstance(r, Party)]
    links = [r for *_, r in g.edges(data="record") if isinstance(r, Link)]
    holdings = [r for *_, r in g.edges(data="record") if isinstance(r, Holding)]
    assert len(again.parties) == len(parties)
    # one relationship per link and per holding (holder -> issuer shareholding)
    assert len(again.links) == len(links) + len(holdings)
    assert len(links) == loaded.counts()["links"] and holdings


def test_bods_export_keeps_shares_and_components(loaded: Store) -> None:
    data = json.loads(to_bods(full_graph(loaded)))
    rels = [s for s in data if s["recordType"] == "relationship"]
    shares = [i.get("share") for s in rels for i in s["recordDetails"]["interests"]]
    assert {"minimum": 75.0, "exclusiveMaximum": 100.0} in shares  # JENEX / MVJ
    assert {"minimum": 75.0, "maximum": 100.0} in shares  # Aimia
    assert {"exact": 50.0} in shares  # UA
    primary = next(s for s in rels if s["recordDetails"].get("componentRecords"))
    ids = [s["recordId"] for s in data]
    for c in primary["recordDetails"]["componentRecords"]:  # components come first
        assert ids.index(c) < ids.index(primary["recordId"])
    consolidation = [
        i
        for s in rels
        for i in s["recordDetails"]["interests"]
        if "consolidates" in i.get("details", "")
    ]
    assert consolidation and all("share" not in i for i in consolidation)


def test_bods_export_is_load_order_independent(tmp_path: Path, parsed: list) -> None:
    a, b = Store(tmp_path / "a.db"), Store(tmp_path / "b.db")
    a.load_many(parsed)
    for p in reversed(parsed):
        b.load(p)
    assert to_bods(full_graph(a)) == to_bods(full_graph(b))
    a.close()
    b.close()


def test_graphml_reloads_with_same_counts(loaded: Store) -> None:
    g = full_graph(loaded)
    raw = to_graphml(g)
    h = nx.read_graphml(io.BytesIO(raw), force_multigraph=True)
    assert h.number_of_nodes() == g.number_of_nodes() > 0
    assert h.number_of_edges() == g.number_of_edges() > 0
    some = next(n for n, k in g.nodes(data="kind") if k == "person")
    assert h.nodes[some]["kind"] == "person"
    assert json.loads(h.nodes[some]["record"])["id"] == some


def test_json_is_canonical_whatever_the_load_order(tmp_path: Path, parsed: list) -> None:
    one, two = Store(tmp_path / "1.db"), Store(tmp_path / "2.db")
    one.load_many(parsed)
    for p in reversed(parsed):  # one document per load, reverse order: other seq numbers
        two.load(p)
    assert one.seq != two.seq
    text = to_json(one)
    assert text == to_json(two)
    data = json.loads(text)
    assert len(data["documents"]) == len(FILES)
    assert [d["id"] for d in data["parties"]] == sorted(d["id"] for d in data["parties"])
    one.close()
    two.close()


def test_cli_export(tmp_path: Path, loaded: Store) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["export", "--format", "json", "--store", str(loaded.path)])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["format"] == "ownergraph-store"
    out = tmp_path / "g.graphml"
    res = runner.invoke(
        main, ["export", "--format", "graphml", "--output", str(out), "--store", str(loaded.path)]
    )
    assert res.exit_code == 0 and out.read_bytes().startswith(b"<?xml")
    out = tmp_path / "g.bods.json"
    res = runner.invoke(
        main, ["export", "--format", "bods", "-o", str(out), "--store", str(loaded.path)]
    )
    assert res.exit_code == 0 and bods.validate(json.loads(out.read_text("utf-8"))) == []
    res = runner.invoke(main, ["export", "--format", "csv", "--store", str(loaded.path)])
    assert res.exit_code == 2


def test_empty_store_exports(store: Store) -> None:
    assert json.loads(to_bods(full_graph(store))) == []
    assert nx.read_graphml(io.BytesIO(to_graphml(full_graph(store)))).number_of_nodes() == 0
    assert json.loads(to_json(store))["parties"] == []
