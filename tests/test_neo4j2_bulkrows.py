"""The neo4j-import lines of bulk rows read from their columns (queries/neo4j_import_bulkrows.py).

Two oracles: the lines :mod:`queries.neo4j_import_edges` writes from the ``json`` the store
assembles for the same rows (hand-made rows with every shape of fragment, canonical or not),
and the whole-graph export (:func:`queries.neo4j_import.neo4j_import_files`) of stores a
tabular bulk load wrote through the CLI (one document; and with a filing loaded after it).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.graph import store_layout
from ownergraph.graph.store import Store
from ownergraph.queries import neo4j_import_bulkrows as bulkrows
from ownergraph.queries import neo4j_import_fast as fast
from ownergraph.queries.neo4j_import import neo4j_import_files
from ownergraph.queries.neo4j_import_edges import (
    HOLD_COLS,
    HOLD_FLOATS,
    LINK_COLS,
    LINK_NULLABLE,
    holding_lines,
    link_lines,
)
from ownergraph.queries.neo4j_import_writer import SetWriter
from tests.test_neo4j_import_fast import _fast, _sets

SEED = Path(__file__).parent / "fixtures" / "seed" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"
PATH = b'"/data/edges.csv"'
DOC = b"doc:00000000000000aa"


def _h(n: int, holder: bytes, **frag: bytes | None) -> tuple:
    """A bulk holding row (keys, ``seq``, fragments) as the bulk load writes it."""
    f = {"as_of": b'"2024-03-31"', "der": b"false", "ins": b'"common"', "path": PATH,
         "phrase": None, "rta": b"false", "shares": b"1500.0"} | frag  # fmt: skip
    return (b"holding:%016x" % n, DOC, holder, b"security:%016x" % (n % 3), 1, f["as_of"],
            f["der"], f["ins"], f["path"], f["phrase"], n, f["rta"], f["shares"])  # fmt: skip


def _l(n: int, a: bytes, b: bytes, **frag: bytes | None) -> tuple:
    """A bulk link row (keys, ``seq``, fragments)."""
    f = {"as_of": None, "power": None, "path": PATH, "phrase": None, "role": b'"general_partner"',
         "share": None} | frag  # fmt: skip
    return (b"link:%016x" % n, DOC, b"controls", a, b, 1, f["as_of"], f["power"], f["path"],
            f["phrase"], n, f["role"], f["share"])  # fmt: skip


def _text(row: tuple, render: object) -> bytes:
    """The ``json`` SQLite assembles for a bulk row (:mod:`graph.store_layout`)."""
    dec = tuple(v.decode() if isinstance(v, bytes) else v for v in row)
    return render(dec)[-1].encode()  # type: ignore[operator]


P1, P2, P3 = b"party:0000000000000001", b"party:0000000000000002", b"party:0000000000000003"
HOLDINGS = [
    _h(1, P1),
    _h(2, P1, as_of=None, shares=None),
    _h(3, P2, shares=b"1e+20", ins=b'"option"', der=b"true", rta=b"true"),
    _h(4, P2, phrase=b'"held through a trust, see note"'),
    _h(5, P3, phrase=b'"said \\"indirectly\\""'),  # an escape: the pattern's way
    _h(6, P3, shares=b"100"),  # an integer: not as a float is written, the slow way
    _h(7, P1, der=None),  # a null where the record needs a value: the slow way
    _h(8, P1, as_of=b'"31 March"'),
    _h(9, P3, ins=b'"com,mon"'),
    _h(10, P2, path=b'"C:\\\\data\\\\edges.csv"'),
    _h(11, P2, shares=b"-0.5"),
]
LINKS = [
    _l(1, P1, P2),
    _l(2, P1, P3, power=b'"sole"', as_of=b'"2024-01-02"'),
    _l(
        3,
        P2,
        P3,
        share=b'{"exclusive_maximum":false,"exclusive_minimum":false,'
        b'"maximum":50.0,"minimum":50.0}',
    ),  # fmt: skip
    _l(
        4,
        P2,
        P1,
        share=b'{"exclusive_maximum":true,"exclusive_minimum":false,'
        b'"maximum":100.0,"minimum":null}',
    ),  # fmt: skip
    _l(
        5,
        P3,
        P1,
        share=b'{"exclusive_maximum":false,"exclusive_minimum":false,"maximum":null,"minimum":25}',
    ),  # an integer: the slow way  # fmt: skip
    _l(6, P3, P2, role=None),
    _l(7, P1, P1, power=b'"shared"', phrase=b'"a line\\nbreak"'),
    _l(8, P2, P2, role=b'"general partner, managing"'),
    _l(
        9,
        P3,
        P1,
        power=b'"sole"',
        share=b'{"exclusive_maximum":false,"exclusive_minimum":true,"maximum":null,"minimum":75.5}',
    ),  # fmt: skip
    _l(10, P1, P3, as_of=b'"2023-12-31"', phrase=b'"its general partner, as stated"'),
]


def _col_rows(rows: list[tuple], link: bool) -> list[tuple]:
    """Rows as :data:`bulkrows.HOLDING_SELECT` / ``LINK_SELECT`` give them (``body`` NULL)."""
    if link:
        return [(r[2], r[0], r[1], r[3], r[4], None, *r[6:]) for r in rows]
    return [(*r[:4], None, *r[5:]) for r in rows]


def _writer(path: Path, link: bool) -> SetWriter:
    if link:
        return SetWriter(path, ["a"], LINK_COLS, LINK_NULLABLE)
    return SetWriter(path, ["a"], HOLD_COLS, HOLD_FLOATS)


@pytest.mark.parametrize("moved", [False, True])
def test_holding_lines_from_columns_equal_the_lines_from_json(tmp_path: Path, moved: bool) -> None:
    """Every row, canonical or not, gives the line (or slow-way id) the pattern gives for the
    ``json`` of the same row; a merged holder is written under its kept id; a holding put
    off is put off either way; the header state is the same."""
    assert bulkrows.READY
    alias = {P1: P3} if moved else {}

    def defer(holder: bytes, sec: bytes) -> bool:
        return moved and holder == P2 and sec.endswith(b"2")

    ref, new = _writer(tmp_path / "ref.csv", False), _writer(tmp_path / "new.csv", False)
    d_ref: list[bytes] = []
    d_new: list[bytes] = []
    texts = [(r[0], _text(r, store_layout.holding_row)) for r in HOLDINGS]
    slow_ref = holding_lines(texts, ref, alias, defer, d_ref)
    got = _col_rows(HOLDINGS, False)
    slow_new = bulkrows.bulk_holding_lines(got, new, alias, defer, d_new, bulkrows.Cells())
    ref.fh.close()
    new.fh.close()
    assert sorted(slow_new) == sorted(slow_ref)
    assert {b"holding:%016x" % n for n in (6, 7, 8, 9)} <= set(slow_ref)
    assert sorted(d_new) == sorted(d_ref) and (d_ref != []) == moved
    lines = (tmp_path / "ref.csv").read_bytes().splitlines()
    assert len(lines) == len(HOLDINGS) - len(slow_ref) - len(d_ref) >= 4
    assert sorted((tmp_path / "new.csv").read_bytes().splitlines()) == sorted(lines)
    assert new.state() == ref.state()


@pytest.mark.parametrize("moved", [False, True])
def test_link_lines_from_columns_equal_the_lines_from_json(tmp_path: Path, moved: bool) -> None:
    """As for holdings: shares exact, open and absent, powers, a role with a comma, ends a
    merge moved and the loops it makes left out."""
    alias = {P1: P2} if moved else {}
    ref, new = _writer(tmp_path / "ref.csv", True), _writer(tmp_path / "new.csv", True)
    texts = [(r[0], _text(r, store_layout.link_row)) for r in LINKS]
    slow_ref = link_lines(texts, b"CONTROLS", ref, alias, drop_loops=moved)
    cells = bulkrows.Cells()
    slow_new = bulkrows.bulk_link_lines(
        _col_rows(LINKS, True), b"CONTROLS", new, alias, drop_loops=moved, cells=cells
    )
    ref.fh.close()
    new.fh.close()
    assert sorted(slow_new) == sorted(slow_ref) == [b"link:%016x" % n for n in (5, 6, 7, 8)]
    lines = (tmp_path / "ref.csv").read_bytes().splitlines()
    assert len(lines) == (4 if moved else 6)
    assert sorted((tmp_path / "new.csv").read_bytes().splitlines()) == sorted(lines)
    assert new.state() == ref.state()
    assert {"share_max", "share_min", "share_max_exclusive"} <= ref.state()[2]


@pytest.fixture(scope="module")
def bulk_stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A store of a generated tabular graph loaded by the bulk reader (merged parties, one
    document), and a copy with a filing loaded after it (rows with a ``body``, two
    documents: merged holders' holdings decided at the end)."""
    from ownergraph.benchmarks.generator import generate

    base = tmp_path_factory.mktemp("bulk")
    generate(1000, base / "gen", seed=5)
    out = {}
    for name, extra in (("bulk", []), ("mixed", [SEED])):
        db = base / f"{name}.db"
        files = [str(base / "gen" / "entities.csv"), str(base / "gen" / "edges.csv")]
        res = CliRunner().invoke(main, ["load", *files, "--store", str(db)])
        assert res.exit_code == 0, res.output
        for p in extra:
            assert CliRunner().invoke(main, ["load", str(p), "--store", str(db)]).exit_code == 0
        with Store(db) as s:
            s.resolve()
        out[name] = db
    return out


@pytest.mark.parametrize("name", ["bulk", "mixed"])
@pytest.mark.parametrize("workers", [1, 2])
def test_bulk_store_export_equals_the_whole_graph_export(
    tmp_path: Path, bulk_stores: dict[str, Path], name: str, workers: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """The export of a bulk-loaded store (compact layout: ``json`` generated) holds the whole
    graph export's rows, and its bulk rows were read from their columns."""
    db = bulk_stores[name]
    con = sqlite3.connect(db)
    assert store_layout.compact(con)
    n_bulk, n_body = con.execute(
        "SELECT count(*) - count(body), count(body) FROM holdings"
    ).fetchone()
    con.close()
    assert n_bulk > 1000 and (n_body > 0) == (name == "mixed")
    calls = []
    real = bulkrows.bulk_holding_lines

    def spy(rows: list[tuple], *a: object, **k: object) -> list[bytes]:
        calls.append(len(rows))
        return real(rows, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(bulkrows, "bulk_holding_lines", spy)
    with Store(db) as s:
        whole = _sets({n: b.decode("utf-8") for n, b in neo4j_import_files(s).items()})
    got = _sets(_fast(db, tmp_path / "out", workers))
    assert got.keys() == whole.keys()
    for f in whole:
        assert got[f] == whole[f], f
    assert calls  # this process's half came through the columns
    if workers == 1:
        assert sum(calls) == n_bulk + n_body
        assert fast.STATS["holds.csv"][1] == 0
