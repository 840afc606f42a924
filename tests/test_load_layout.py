"""The row layout of holdings and links (graph/store_layout.py): a bulk row stores its few
variable fields, its ``json`` is generated when read; a document's row keeps its JSON; a
store created before the layout keeps its stored ``json`` and gets the same records."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from ownergraph.graph import columns as colmod
from ownergraph.graph import store_layout
from ownergraph.graph.model import Holding, Link, from_dict
from ownergraph.graph.store import Store, _dumps
from ownergraph.loaders import parse_path, stream_path

FIX = Path(__file__).parent / "fixtures"
SEED = FIX / "seed" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"

#: The two tables as every store had them before graph/store_layout.py (written out here,
#: not taken from the module, so a change of the legacy text there cannot hide).
OLD_TABLES = """
CREATE TABLE holdings (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL, holder_id TEXT NOT NULL,
    security_id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL);
CREATE TABLE links (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL, kind TEXT NOT NULL,
    controller_id TEXT NOT NULL, controlled_id TEXT NOT NULL, seq INTEGER NOT NULL,
    json TEXT NOT NULL);
"""
READ = {
    "holdings": "id, document_id, holder_id, security_id, seq, json",
    "links": "id, document_id, kind, controller_id, controlled_id, seq, json",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ownergraph.benchmarks.generator import generate

    out = tmp_path_factory.mktemp("gen") / "g"
    generate(1000, out, seed=5)
    return out


def _load(db: Path, folder: Path, *, old: bool) -> dict[str, object]:
    if old:
        with sqlite3.connect(db) as c:
            c.executescript(OLD_TABLES)
    with Store(db) as s:
        s.load(parse_path(SEED))  # a document's rows, then a bulk load's
        s.load_many(list(stream_path(folder) or ()))
        rows = {t: s._rows(f"SELECT {cols} FROM {t} ORDER BY id") for t, cols in READ.items()}  # noqa: S608
        gen = s._rows("SELECT value FROM meta WHERE key='columns_generation'")[0][0]
    arrays = colmod.folder_of(db) / f"g{gen}"
    return {**rows, "columns": {p.name: p.read_bytes() for p in sorted(arrays.iterdir())}}


def test_an_old_store_and_a_new_one_read_the_same_rows_and_columns(
    tmp_path: Path, folder: Path
) -> None:
    new = _load(tmp_path / "new.db", folder, old=False)
    old = _load(tmp_path / "old.db", folder, old=True)
    with sqlite3.connect(tmp_path / "old.db") as c:
        assert not store_layout.compact(c)
    with sqlite3.connect(tmp_path / "new.db") as c:
        assert store_layout.compact(c)
    assert len(new["holdings"]) > 100 and len(new["links"]) > 100  # type: ignore[arg-type]
    assert new == old


def test_a_bulk_row_stores_no_json_and_reads_as_its_record(tmp_path: Path, folder: Path) -> None:
    db = tmp_path / "s.db"
    _load(db, folder, old=False)
    with sqlite3.connect(db) as c:
        for table, cls in (("holdings", Holding), ("links", Link)):
            bulk = c.execute(
                f"SELECT json FROM {table} WHERE body IS NULL"  # noqa: S608 - fixed names
            ).fetchall()
            docs = c.execute(
                f"SELECT json, body FROM {table} WHERE body IS NOT NULL"  # noqa: S608
            ).fetchall()
            assert bulk and docs  # the bulk load's rows; the filing's rows
            assert all(j == b for j, b in docs)
            for (text,) in bulk:  # the generated text is the record's own JSON
                assert _dumps(from_dict(cls, json.loads(text))) == text
        # SQL over the generated column reads the typed values
        shares = c.execute(
            "SELECT json_extract(json, '$.shares') FROM holdings WHERE body IS NULL"
            " AND j_shares IS NOT NULL LIMIT 1"
        ).fetchone()[0]
        assert isinstance(shares, float)
