"""Loading a real dataset through the product: no per-file cap for a tabular pair, one
transaction for the whole load, so a bad row anywhere leaves the store as it was.

SECURITY.md states the guarantee: files over the cap are refused, except the two files of
a tabular dataset whose first line is the format's header; the pair is parsed whole before
anything is written and loaded in one transaction with its column graph.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

import ownergraph.loaders as loaders
from ownergraph.cli import main
from ownergraph.graph import columns as colmod
from ownergraph.graph.engine import Engine
from ownergraph.graph.errors import InputError, StoreError
from ownergraph.graph.store import Store
from ownergraph.loaders import parse_path

FIX = Path(__file__).parent / "fixtures"
DIAMOND = FIX / "tabular" / "diamond"
SEED = FIX / "seed" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"


def _state(db: Path) -> tuple[dict[str, int], int, str | None]:
    with Store(db) as s:
        gen = s._rows("SELECT value FROM meta WHERE key='columns_generation'")
        return s.counts(), s.seq, gen[0][0] if gen else None


def test_a_tabular_pair_over_the_cap_loads_and_other_files_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loaders, "MAX_BYTES", 200)  # the fixtures stand in for big files
    folder = tmp_path / "data"
    shutil.copytree(DIAMOND, folder)
    assert (folder / "edges.csv").stat().st_size > 200
    parsed = parse_path(folder / "edges.csv")
    assert parsed.holdings and parsed.links
    with pytest.raises(InputError, match="the limit is 200"):
        parse_path(SEED)
    # a file that only claims the name (no tabular header) keeps the cap
    (folder / "edges.csv").write_bytes(b"<xml>" + b" " * 500)
    with pytest.raises(InputError, match="the limit is 200"):
        parse_path(folder / "edges.csv")


def test_a_bad_last_row_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert CliRunner().invoke(main, ["load", str(SEED), "--store", str(db)]).exit_code == 0
    before = _state(db)
    folder = tmp_path / "data"
    shutil.copytree(DIAMOND, folder)
    edges = (folder / "edges.csv").read_text()
    lines = edges.rstrip("\n").split("\n")
    # the last row names an entity that entities.csv does not have
    bad = lines[-1].split(",")
    bad[0], bad[2] = "e-bad", "NOBODY"
    (folder / "edges.csv").write_text("\n".join([*lines, ",".join(bad)]) + "\n")
    res = CliRunner().invoke(
        main, ["load", str(folder / "entities.csv"), str(folder / "edges.csv"), "--store", str(db)]
    )
    assert res.exit_code != 0
    assert "edges.csv" in res.output and f"line {len(lines) + 1}" in res.output
    assert _state(db) == before


def test_a_failed_transaction_keeps_the_old_graph(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as s:
        s.load(parse_path(SEED))
    before = _state(db)
    good = parse_path(DIAMOND)
    seed = parse_path(SEED)
    # a loader bug: a record of the wrong type in the second document of one load
    broken = replace(
        seed,
        document=replace(seed.document, id="doc:broken", sha256="0" * 64),
        holdings=(*seed.holdings, "not a holding"),  # type: ignore[arg-type]
    )
    with Store(db) as s, pytest.raises(StoreError, match="bad record"):
        s.load_many([good, broken])
    assert _state(db) == before
    with Store(db) as s:
        assert s.columns_current()
        e = Engine(s)
        assert e.cols.generation == int(before[2])
        assert e.who_controls("Liquidmetal Technologies").shares == 3731324  # row 11 total
        e.close()
    gens = sorted(p.name for p in colmod.folder_of(db).iterdir())
    assert f"g{before[2]}" in gens
