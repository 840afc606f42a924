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


# --------------------------------------------------------------------------- the bulk path

#: Every table a load writes, with its key (rows compared whole, ``seq`` included).
TABLES = {
    "documents": "id",
    "party_records": "document_id, party_id",
    "parties": "id",
    "party_names": "party_id, name",
    "party_identifiers": "party_id, scheme, value",
    "securities": "id",
    "security_records": "document_id, security_id",
    "holdings": "id",
    "links": "id",
    "positions": "id",
    "findings": "id",
    "merges": "id",
    "name_keys": "key, node_id",
}


#: The columns readers select (holdings and links: graph.store_layout stores a bulk row's
#: fragments where a document's row has its whole JSON; the ``json`` both give is compared).
READ = {
    "holdings": "id, document_id, holder_id, security_id, seq, json",
    "links": "id, document_id, kind, controller_id, controlled_id, seq, json",
}


def _tables(db: Path) -> dict[str, list[tuple]]:
    with Store(db) as s:
        return {
            t: s._rows(f"SELECT {READ.get(t, '*')} FROM {t} ORDER BY {k}")  # noqa: S608
            for t, k in TABLES.items()
        }


def _columns(db: Path) -> dict[str, bytes]:
    with Store(db) as s:
        gen = s._rows("SELECT value FROM meta WHERE key='columns_generation'")[0][0]
    folder = colmod.folder_of(db) / f"g{gen}"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _generated(tmp_path: Path) -> Path:
    """A generated graph (1,000 parties) with rows the cleaning rules change: a zero-width
    character and a tax number in names, two rows of one CIK (the last one wins)."""
    from ownergraph.benchmarks.generator import generate

    folder = tmp_path / "gen"
    generate(1000, folder, seed=3)
    lines = (folder / "entities.csv").read_text(encoding="utf-8").split("\n")
    head = lines[0].split(",")
    col = {c: i for i, c in enumerate(head)}
    persons = [i for i, ln in enumerate(lines) if ",person," in ln]
    for i, name in ((persons[0], "Ann\u200b Smith"), (persons[1], "Bob Jones EIN 12-3456789")):
        row = lines[i].split(",")
        row[col["name"]] = name
        lines[i] = ",".join(row)
    for i in persons[2:4]:  # two persons with one CIK: one party
        row = lines[i].split(",")
        row[col["cik"]] = "0000777777"
        lines[i] = ",".join(row)
    (folder / "entities.csv").write_text("\n".join(lines), encoding="utf-8")
    return folder


@pytest.mark.parametrize("first", [None, SEED], ids=["empty store", "store with a filing"])
def test_the_bulk_path_writes_what_the_per_document_path_writes(
    tmp_path: Path, first: Path | None
) -> None:
    folder = _generated(tmp_path)
    bulk, per_doc = tmp_path / "bulk.db", tmp_path / "doc.db"
    for db in (bulk, per_doc):
        if first is not None:
            with Store(db) as s:
                s.load(parse_path(first))
    res = CliRunner().invoke(
        main,
        ["load", str(folder / "entities.csv"), str(folder / "edges.csv"), "--store", str(bulk)],
    )
    assert res.exit_code == 0, res.output
    with Store(per_doc) as s:
        s.load(loaders.loader_for(loaders.SourceFormat.TABULAR).parse_dir(folder))
    a, b = _tables(bulk), _tables(per_doc)
    assert a["findings"] and a["merges"]  # the rows the cleaning and resolution write
    for table in TABLES:
        assert a[table] == b[table], table
    assert _columns(bulk) == _columns(per_doc)
    # a second load of the same pair changes nothing
    before = _state(bulk)
    res = CliRunner().invoke(main, ["load", str(folder), "--store", str(bulk)])
    assert res.exit_code == 0 and "unchanged" in res.output
    assert _state(bulk) == before


@pytest.mark.parametrize(
    ("file", "edit", "place"),
    [
        ("entities.csv", lambda ln: ln.replace(",person,", ",persn,", 1), "column kind"),
        ("entities.csv", lambda ln: "," + ln.split(",", 1)[1], "column id"),
        ("edges.csv", lambda ln: ln.replace(",controls,", ",befriends,", 1), "column kind"),
    ],
)
def test_a_bad_row_of_a_bulk_load_names_file_and_line_and_changes_nothing(
    tmp_path: Path, file: str, edit, place: str
) -> None:
    db = tmp_path / "s.db"
    assert CliRunner().invoke(main, ["load", str(SEED), "--store", str(db)]).exit_code == 0
    before = _state(db)
    folder = tmp_path / "data"
    shutil.copytree(_generated(tmp_path), folder)
    lines = (folder / file).read_text(encoding="utf-8").split("\n")
    target = next(i for i in range(5, len(lines)) if edit(lines[i]) != lines[i])
    lines[target] = edit(lines[target])
    (folder / file).write_text("\n".join(lines), encoding="utf-8")
    res = CliRunner().invoke(main, ["load", str(folder), "--store", str(db)])
    assert res.exit_code == 2
    assert f"{file}: line {target + 1}, {place}" in res.stderr
    assert _state(db) == before


def _writing(db: Path) -> bool:
    """Whether a write transaction holds the store (another one cannot begin)."""
    import sqlite3

    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


@pytest.mark.parametrize("first", [SEED, None], ids=["store with a filing", "empty store"])
def test_a_bulk_load_killed_anywhere_leaves_the_old_or_the_new_graph(
    tmp_path: Path, first: Path | None
) -> None:
    """An empty store loads with a rollback journal (graph/store_journal.py), a store with
    a filing in WAL mode: a kill leaves the old or the new graph in both."""
    import os
    import random
    import signal
    import subprocess
    import sys
    import time

    folder = _generated(tmp_path)
    full = tmp_path / "full.db"
    exe = [sys.executable, "-c", "from ownergraph.cli import main; main()"]
    for db in (full, tmp_path / "k.db"):
        with Store(db) as s:
            if first is not None:
                s.load(parse_path(first))
    old = _state(tmp_path / "k.db")
    t0 = time.perf_counter()
    subprocess.run([*exe, "load", str(folder), "--store", str(full)], check=True, timeout=300)
    took = time.perf_counter() - t0
    new = _state(full)
    rnd = random.Random(5)
    seen = set()
    for k in range(4):
        db = tmp_path / f"k{k}.db"
        shutil.copy(tmp_path / "k.db", db)
        proc = subprocess.Popen([*exe, "load", str(folder), "--store", str(db)])
        # until the load's transaction is open (an empty store: its rollback journal is
        # there; no connection of the test's own, which would keep the load in WAL mode)
        journal = Path(f"{db}-journal")
        while proc.poll() is None and not (journal.exists() if first is None else _writing(db)):
            time.sleep(0.01)
        assert first is not None or proc.poll() is None  # the empty store: journal seen
        time.sleep(rnd.uniform(0.0, 0.3) * took)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        state = _state(db)
        assert state in (old, new)
        seen.add(state == new)
        with Store(db) as s:
            assert s.integrity_check() == []
            assert s.columns_current() or (first is None and state == old)  # empty: no graph
    assert False in seen  # a kill landed mid-load (else this tested nothing)
