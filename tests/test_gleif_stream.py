"""GLEIF files streamed (issue 13): the streamed batches load the same graph as the whole
file; a bad record or malformed XML anywhere is an InputError naming the file and the place,
and the store stays as it was; entity declarations are refused as in the whole-file reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from ownergraph.benchmarks.gleif_stream import generate
from ownergraph.graph.errors import InputError
from ownergraph.graph.store import Store
from ownergraph.loaders import parse_path
from ownergraph.loaders.gleif_stream import iter_parsed

FIX = Path(__file__).parent / "fixtures" / "gleif"
RR_JSON = FIX / "hgnh-hengdian_gleif-rr-and-lei-records_api-json.json"
REPEX = FIX / "gleif-repex-sample_2023-06-09.xml"


def _rows(store: Store) -> tuple:
    g = store.graph()
    nodes = sorted((n, str(d["kind"]), d["name"]) for n, d in g.nodes(data=True))
    edges = sorted(
        (u, v, str(d["kind"]), str(d.get("role")), str(d["record"].start_date))
        for u, v, d in g.edges(data=True)
    )
    return nodes, edges


@pytest.mark.parametrize("batch", [1, 2, 100])
def test_streamed_json_loads_the_same_graph(tmp_path: Path, batch: int) -> None:
    """Batches of one record put each relationship apart from the LEI records of its
    ends: the ends are still the named parties (no stand-in named by its LEI)."""
    with Store(tmp_path / "a.db") as streamed, Store(tmp_path / "b.db") as whole:
        streamed.load_many(iter_parsed(RR_JSON, batch=batch))
        whole.load(parse_path(RR_JSON))
        assert _rows(streamed) == _rows(whole)
        assert _rows(whole)[1] and all(len(name) != 20 for _, _, name in _rows(whole)[0])


def test_streamed_xml_loads_the_same_graph(tmp_path: Path) -> None:
    rr = generate(40, tmp_path / "rr.xml", seed=3)
    docs = list(iter_parsed(rr, batch=7))
    assert [len(d.links) for d in docs] == [7, 7, 7, 7, 7, 5]
    assert not [f for d in docs for f in d.findings if f.kind == "record_count_mismatch"]
    with Store(tmp_path / "a.db") as streamed, Store(tmp_path / "b.db") as whole:
        streamed.load_many(iter_parsed(rr, batch=7))
        whole.load(parse_path(rr))
        assert _rows(streamed) == _rows(whole)
        again = streamed.load_many(iter_parsed(rr, batch=7))
        assert {r.status for r in again} == {"unchanged"}


def test_streamed_repex_keeps_every_exception_and_the_count_check() -> None:
    whole = parse_path(REPEX)
    docs = list(iter_parsed(REPEX, batch=2))
    kinds = [f.kind for d in docs for f in d.findings]
    want = [f.kind for f in whole.findings]
    assert kinds.count("reporting_exception") == want.count("reporting_exception") > 2
    # the header counts 4,244,309 records: checked once, on the last batch
    assert [f.kind for f in docs[-1].findings].count("record_count_mismatch") == 1
    assert kinds.count("record_count_mismatch") == 1


def test_bad_record_or_truncated_xml_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    rr = generate(12, tmp_path / "rr.xml", seed=4)
    text = rr.read_text()
    records = text.split("<rr:RelationshipRecord>")
    bad = tmp_path / "bad.xml"
    records[9] = "<rr:Note>not a record</rr:Note></rr:RelationshipRecord>\n"
    bad.write_text("<rr:RelationshipRecord>".join(records))
    cut = tmp_path / "cut.xml"
    cut.write_text(text[: len(text) - 200])
    with Store(tmp_path / "s.db") as s:
        s.load(parse_path(RR_JSON))
        before = (s.counts(), s.seq, _rows(s))
        with pytest.raises(InputError) as e:
            s.load_many(iter_parsed(bad, batch=3))
        assert e.value.path == str(bad)
        assert e.value.place == "/RelationshipData/RelationshipRecords/RelationshipRecord[9]"
        with pytest.raises(InputError, match="malformed XML") as e:
            s.load_many(iter_parsed(cut, batch=3))
        assert e.value.path == str(cut) and e.value.place.startswith("line ")
        assert (s.counts(), s.seq, _rows(s)) == before


def test_an_entity_declaration_is_refused(tmp_path: Path) -> None:
    rr = generate(3, tmp_path / "rr.xml")
    bomb = tmp_path / "bomb.xml"
    body = rr.read_text().split("\n", 1)[1]
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">]>\n'
        + body.replace("GLEIF_FULL_PUBLISHED", "&a;")
    )
    with pytest.raises(InputError, match="entit"):
        list(iter_parsed(bomb))


def test_cli_load_streams_a_large_gleif_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ownergraph load`` streams a GLEIF file from STREAM_MIN bytes (lowered here so a
    small file counts as large); smaller files are read whole as before."""
    from click.testing import CliRunner

    from ownergraph.cli import main
    from ownergraph.loaders import gleif_stream, stream_path

    rr = generate(30, tmp_path / "rr.xml", seed=5)
    assert stream_path(rr) is None
    monkeypatch.setattr(gleif_stream, "STREAM_MIN", 1000)
    assert stream_path(rr) is not None
    res = CliRunner().invoke(main, ["load", str(rr), "--store", str(tmp_path / "s.db")])
    assert res.exit_code == 0, res.output
    with Store(tmp_path / "s.db") as s:
        (doc,) = s.documents()
        assert "records /RelationshipData" in (doc.title or "")
        assert s.counts()["links"] == 30
