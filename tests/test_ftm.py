"""FollowTheMoney entities (loaders.ftm): parse, load, export back, resolve, exposure.

Expected values: tests/fixtures/ftm/expected.json, read by hand from the file written by
hand to the FtM schema (no FtM file exists in the corpus).
"""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.graph.errors import InputError
from ownergraph.graph.store import Store, build_graph
from ownergraph.graph.vocab import SourceFormat
from ownergraph.loaders import detect, parse_bytes, parse_path
from ownergraph.loaders.ftm import dumps, parse
from ownergraph.queries.exposure import exposure
from ownergraph.queries.register_control import who_controls_register

ROOT = Path(__file__).resolve().parents[1]
FTM = ROOT / "tests" / "fixtures" / "ftm" / "handwritten_sanctions-ownership.ftm.jsonl"
EXP = json.loads((FTM.parent / "expected.json").read_text(encoding="utf-8"))[FTM.name]
HENGDIAN = ROOT / "tests" / "fixtures" / "bods" / "hgnh-hengdian_gleif-derived_bods-0.4.json"


def _graph(*docs):  # noqa: ANN002, ANN202
    parties = {p.id: p for d in docs for p in d.parties}
    return build_graph(parties.values(), [], [], [lk for d in docs for lk in d.links],
                       [d.document for d in docs])  # fmt: skip


def _id(G, name: str) -> str:  # noqa: ANN001
    (n,) = [n for n, d in G.nodes(data=True) if d.get("name") == name]
    return n


def test_parse_matches_the_hand_reading() -> None:
    doc = parse_path(FTM)
    assert detect(FTM.read_bytes()) == SourceFormat.FTM
    got = {p.name: p for p in doc.parties}
    assert sorted(got) == sorted(EXP["parties"])
    for name, want in EXP["parties"].items():
        p = got[name]
        assert p.kind.value == want["kind"]
        assert ("ftm", want["ftm_id"]) in p.identifiers
        assert sorted(v for s, v in p.identifiers if s == "ftm:topic") == want["topics"]
        for scheme in ("GB-COH", "lei"):
            if scheme in want:
                assert p.identifier(scheme) == want[scheme]
        assert list(p.names) == want.get("names", [])
    names = {p.id: p.name for p in doc.parties}
    links = sorted(
        (names[lk.controller_id], names[lk.controlled_id], lk.kind.value,
         None if lk.share is None else [lk.share.minimum, lk.share.maximum],
         lk.start_date.isoformat() if lk.start_date else None)
        for lk in doc.links
    )  # fmt: skip
    want = sorted(
        (x["controller"], x["controlled"], x["kind"], x["share"], x["start_date"])
        for x in EXP["links"]
    )
    assert links == want
    assert any(EXP["skipped"] in f.message for f in doc.findings)


def test_exposure_and_control_from_ftm_topics_and_sanctions() -> None:
    G = _graph(parse_path(FTM))
    for name, want in EXP["exposure"].items():
        e = exposure(G, _id(G, name))  # sanctioned parties come from the file alone
        assert (e.verdict, str(e.blocked_stake)) == (want["verdict"], want["blocked_stake"])
    (subject, want), *_ = EXP["who_controls"].items()
    a = who_controls_register(G, _id(G, subject))
    assert a.rule == want["rule"]
    assert [r.name for r in a.rows] == want["ultimate"]


def test_round_trip_keeps_ids_names_stakes_and_topics() -> None:
    first = parse_path(FTM)
    text = dumps(_graph(first))
    again = parse(BytesIO(text.encode()), path="round-trip.ftm.jsonl")

    def facts(doc):  # noqa: ANN001, ANN202
        by = {p.id: p for p in doc.parties}
        parties = sorted((p.name, p.kind.value, tuple(sorted(p.identifiers))) for p in doc.parties)
        links = sorted(
            (by[lk.controller_id].identifier("ftm"), by[lk.controlled_id].identifier("ftm"),
             lk.kind.value, lk.role.value, lk.share, lk.start_date)
            for lk in doc.links
        )  # fmt: skip
        return parties, links

    assert facts(again) == facts(first)
    for line in text.splitlines():  # every exported entity is valid for FtM's own schema
        from followthemoney import model

        model.get_proxy(json.loads(line), cleaned=False)


def test_an_lei_meets_its_bods_twin() -> None:
    ftm, bods = parse_path(FTM), parse_path(HENGDIAN)
    twin = next(p for p in ftm.parties if p.identifier("lei") == "30030096HNNZNN7BZK36")
    assert twin.id in {p.id for p in bods.parties}


def test_store_load_and_export_ftm(tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "s.db"
    assert runner.invoke(main, ["load", str(FTM), "--store", str(db)]).exit_code == 0
    out = runner.invoke(main, ["export", "--format", "ftm", "--store", str(db)])
    assert out.exit_code == 0, out.output
    ents = [json.loads(x) for x in out.output.splitlines()]
    ids = {e["id"] for e in ents}
    assert {"ftm-p-x", "ftm-p-y", "ftm-c-h", "ftm-c-s"} <= ids
    own = [e for e in ents if e["schema"] == "Ownership"]
    assert sorted(e["properties"]["percentage"][0] for e in own) == ["100", "25", "30", "45"]
    with Store(db) as s:
        G = s.graph()
    assert exposure(G, _id(G, "Subject Shipping Ltd")).blocked is True


@pytest.mark.parametrize(
    ("data", "place"),
    [
        (
            b'{"id": "a", "schema": "Person", "properties": {}}\n{"id": "b", "schema": "Nope"',
            "line 2",
        ),
        (b'{"id": "a", "schema": "Bogus", "properties": {"name": ["x"]}}\n', "line 1"),
        (b'{"schema": "Person", "properties": {"name": ["x"]}}\n', "line 1"),
        (b'{"id": "a", "schema": "Person", "properties": ' + b"[" * 100_000, "line 1"),
        (b"[" * 100_000, "start of file"),
        (b'\xff\xfe{"id": "a"}', "byte 0"),
    ],
)
def test_bad_input_is_a_typed_error_with_its_line(data: bytes, place: str) -> None:
    with pytest.raises(InputError) as exc:
        parse(BytesIO(data), path="bad.ftm.jsonl")
    assert place in str(exc.value)


def test_detect_does_not_take_bods_for_ftm() -> None:
    doc = parse_bytes(HENGDIAN.read_bytes(), path=str(HENGDIAN))
    assert doc.document.format == SourceFormat.BODS
