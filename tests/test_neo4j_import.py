"""``ownergraph export --format neo4j-import``: files in the shape neo4j-admin imports.

Checked against the header syntax of the Neo4j 5 import tool (Operations Manual, "Import:
CSV header format"): a node file's header names ``:ID`` and ``:LABEL`` (labels joined by
the array delimiter), a relationship file's ``:START_ID``, ``:END_ID`` and ``:TYPE``; other
fields are ``name`` or ``name:type`` with type int, long, float, double, boolean, byte,
short, char, string, point, date, localtime, time, localdatetime, datetime, duration, each
optionally an array ``type[]``. Data rows have the header's number of fields.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import EdgeKind
from ownergraph.loaders import parse_path
from ownergraph.queries.neo4j_import import (
    ARRAY_DELIMITER,
    SPLIT_SETS,
    file_names,
    neo4j_import_files,
    write_neo4j_import,
)

SEED = Path(__file__).parent / "fixtures" / "seed" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"
DOCS = Path(__file__).parents[1] / "docs" / "neo4j.md"

_TYPES = (
    "int|long|float|double|boolean|byte|short|char|string|point|date|localtime|time"
    "|localdatetime|datetime|duration"
)
FIELD = re.compile(
    rf"^(?:[A-Za-z_][A-Za-z0-9_]*)?(?::(?:ID|LABEL|START_ID|END_ID|TYPE|(?:{_TYPES})(?:\[\])?))?$"
)


def _rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def test_files_follow_the_import_header_syntax(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as s:
        s.load(parse_path(SEED))
        G = s.graph()
    out = tmp_path / "import"
    res = CliRunner().invoke(
        main, ["export", "--format", "neo4j-import", "--output", str(out), "--store", str(db)]
    )
    assert res.exit_code == 0, res.output
    script = (out / "import.sh").read_text()
    assert "neo4j-admin database import full" in script
    referenced = re.findall(r"--(nodes|relationships)=([^ ]+)", script)
    assert referenced, script
    ids: set[str] = set()
    rel_rows = 0
    node_rows = 0
    types_seen: set[str] = set()
    named = [n for _, pair in referenced for n in pair.split(",")]
    assert len(named) == len(set(named))  # each file once
    for n in file_names():  # every data file with rows, and only those (no empty file)
        if n.endswith(".csv") and not n.endswith("_header.csv"):
            assert (n in named) == ((out / n).stat().st_size > 0), n
    assert any((out / n).stat().st_size == 0 for n in file_names())  # the case is here
    for _, pair in referenced:  # a set's header first, then its data files
        assert pair.split(",")[0].endswith("_header.csv"), pair
    for what, pair in sorted(referenced, key=lambda t: t[0] != "nodes"):  # nodes first
        header_name, *data_names = pair.split(",")
        header = _rows(out / header_name)
        assert len(header) == 1, header_name
        head = header[0]
        for field in head:
            assert FIELD.match(field), (header_name, field)
        assert "provenance" not in head, header_name  # a field of ``record`` (OMITTED)
        if what == "nodes":
            assert head[0] == "id:ID" and ":LABEL" in head
        else:
            assert head[:3] == [":START_ID", ":END_ID", ":TYPE"]
        types = {i: f.split(":", 1)[1] for i, f in enumerate(head) if ":" in f and f[0] != ":"}
        for row in (r for name in data_names for r in _rows(out / name)):
            assert len(row) == len(head), (data_names, row)
            for i, t in types.items():
                cell = row[i]
                if not cell or t in ("ID",):
                    continue
                if t == "double":
                    float(cell)
                elif t == "boolean":
                    assert cell in ("true", "false")
            if what == "nodes":
                ids.add(row[0])
                node_rows += 1
                labels = row[head.index(":LABEL")].split(";")
                assert labels[0] in ("Party", "Security", "Document")
            else:
                assert row[0] in ids and row[1] in ids, row[:4]  # both ends are nodes
                types_seen.add(row[2])
                rel_rows += 1
    # every node and edge of the store's graph (its documents too), and no other
    assert node_rows == G.number_of_nodes() + len(G.graph["documents"])
    assert rel_rows == G.number_of_edges()
    assert types_seen <= {k.rel_type for k in EdgeKind}
    # a name with a comma survives the CSV quoting (the seed's "Wynnefield Capital, Inc.")
    head = _rows(out / "parties_header.csv")[0]
    rows = {r[head.index("name")]: r for n in ("parties.csv", "parties-2.csv")
            for r in _rows(out / n)}  # fmt: skip
    assert "Wynnefield Capital, Inc." in rows
    # an array property splits on the delimiter into the spellings (one of them the name)
    spellings = rows["Wynnefield Capital, Inc."][head.index("names:string[]")]
    assert "Wynnefield Capital, Inc." in spellings.split(ARRAY_DELIMITER)
    assert len(spellings.split(ARRAY_DELIMITER)) > 1


def test_docs_give_the_import_command() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert "ownergraph export --format neo4j-import" in text
    assert "neo4j-admin database import full" in text
    assert "--array-delimiter=U+001F" in text


# --------------------------------------------------------------------------- streamed


def script_sets(script: str) -> tuple[object, ...]:
    """``import.sh`` as the sets it names (each by its header file) and its text without the
    data files: which of a set's data files hold rows depends on how the rows were split."""
    sets = tuple(re.findall(r"--(nodes|relationships)=([^ ,]+)(?:,[^ ]+)?", script))
    return sets, re.sub(r"--(nodes|relationships)=[^ ]+ ", "", script)


def _as_sets(files: dict[str, bytes]) -> dict[str, object]:
    """Each set as a set of rows (its data files together), a row keyed by its header (the
    column order of the header is the one thing both writers fix)."""
    out: dict[str, object] = {}
    for name, data in files.items():
        if not name.endswith(".csv") or name.endswith(("_header.csv", "-2.csv")):
            continue
        head = next(csv.reader(io.StringIO(files[name[:-4] + "_header.csv"].decode(), newline="")))
        data += files.get(name[:-4] + "-2.csv", b"")
        rows = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
        out[name] = (tuple(head), frozenset(tuple(zip(head, r, strict=True)) for r in rows))
    out["import.sh"] = script_sets(files["import.sh"].decode())
    return out


def _streamed(store: Store, folder: Path) -> dict[str, bytes]:
    names = write_neo4j_import(store, folder)
    assert sorted(names) == sorted(p.name for p in folder.iterdir())
    return {n: (folder / n).read_bytes() for n in names}


def _same_as_whole_graph(db: Path, folder: Path) -> dict[str, object]:
    with Store(db) as s:
        whole = _as_sets(neo4j_import_files(s))
        streamed = _as_sets(_streamed(s, folder))
    assert streamed.keys() == whole.keys()
    for name in whole:
        assert streamed[name] == whole[name], name
    return whole


def test_streamed_export_equals_the_whole_graph_export_on_loaded_documents(
    tmp_path: Path,
) -> None:
    """Seed, a Form 4 amendment history (a later report supersedes a holding) and BODS and
    register fixtures: the streamed files hold the whole-graph export's rows, file by file."""
    fixtures = Path(__file__).parent / "fixtures"
    paths = [SEED, *sorted((fixtures / "history").iterdir())]
    paths += sorted((fixtures / "bods").glob("*_bods-*.json"))[:3]
    db = tmp_path / "docs.db"
    with Store(db) as s:
        for p in paths:
            s.load(parse_path(p))
        n_docs = len(s.documents())
    assert n_docs >= 3
    whole = _same_as_whole_graph(db, tmp_path / "out")
    assert whole["holds.csv"][1]  # type: ignore[index]  # holdings were compared


def test_streamed_export_equals_the_whole_graph_export_on_merged_tabular_graph(
    tmp_path: Path,
) -> None:
    """A generated tabular graph (1,000 parties) and the seed, resolved: entity resolution
    merges parties, so the streamed export must redirect holdings and links to the kept id
    and write the merged party once."""
    from ownergraph.benchmarks.generator import generate
    from ownergraph.loaders.tabular import parse_dir

    folder = tmp_path / "gen"
    generate(1000, folder, seed=3)
    db = tmp_path / "tab.db"
    with Store(db) as s:
        s.load(parse_dir(folder))
        s.load(parse_path(SEED))
        s.resolve()
        merged = len(s.merges())
    whole = _same_as_whole_graph(db, tmp_path / "out")
    assert len(whole["parties.csv"][1]) > 900  # type: ignore[index]
    assert merged >= 1  # the case under test: merged parties


def test_streamed_writer_falls_back_on_a_mixed_column(tmp_path: Path) -> None:
    """A column whose values have two types (a number in one row, text in another) is a
    plain string column, as :func:`neo4j_import_files` types it, not ``:double``."""
    from ownergraph.queries.neo4j_import import _write_set

    rows = [
        {"id": "a", "props": {"x": 1, "y": True}},
        {"id": "b", "props": {"x": "two", "y": None}},
    ]
    _write_set(tmp_path, "t", ["id:ID"], lambda: iter(rows), lambda r: [r["id"]])
    assert _rows(tmp_path / "t_header.csv") == [["id:ID", "x", "y:boolean"]]
    assert _rows(tmp_path / "t.csv") == [["a", "1", "true"], ["b", "two", ""]]


def test_export_refuses_to_replace_files_without_force(tmp_path: Path) -> None:
    """A second export into the same folder stops on the existing files (no temporary folder
    left behind, the first files untouched) and replaces them with ``--force``."""
    db = tmp_path / "s.db"
    with Store(db) as s:
        s.load(parse_path(SEED))
    out = tmp_path / "import"
    args = ["export", "--format", "neo4j-import", "--output", str(out), "--store", str(db)]
    assert CliRunner().invoke(main, args).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / "parties.csv").write_text("changed\n")
    res = CliRunner().invoke(main, args)
    assert res.exit_code != 0 and "--force" in res.output, res.output
    assert sorted(p.name for p in out.iterdir()) == sorted(before)  # no temporary folder
    assert (out / "parties.csv").read_text() == "changed\n"
    assert CliRunner().invoke(main, [*args, "--force"]).exit_code == 0
    assert (out / "parties.csv").read_bytes() == before["parties.csv"]


def test_split_sets_are_the_parties_and_every_edge_kind_but_issues() -> None:
    """The sets two processes write (a second data file each) are the parties, the holdings
    and every link kind (``graph.neo4j_rows.LINK_KINDS``), as the bulk writer splits them."""
    from ownergraph.graph.neo4j_rows import LINK_KINDS

    assert SPLIT_SETS == ("parties", "holds", *(k.value for k in LINK_KINDS))
