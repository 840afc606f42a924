"""UK PSC register: the hand-written snapshot and API list against expected values written by
hand (tests/fixtures/uk-psc/expected.json), streaming in batches, register control over PSC
chains, and the PSC corporate owner equal to its BODS twin by company number."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ownergraph.cli import main
from ownergraph.graph.errors import InputError
from ownergraph.graph.model import Link, ParsedDocument, Share
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import DirectOrIndirect, NodeKind, SourceFormat
from ownergraph.loaders import detect, parse_bytes, parse_path, stream_path
from ownergraph.loaders.uk_psc import band, company_party_id, iter_parsed, parse
from ownergraph.queries.register_control import who_controls_register

FIX = Path(__file__).parent / "fixtures"
SNAP = FIX / "uk-psc" / "handwritten_psc-snapshot.txt"
API = FIX / "uk-psc" / "handwritten_psc-api-list.json"
AIMIA = FIX / "bods" / "aimia_uk-psc_openownership-register_bods-unversioned.json"
EXPECTED = json.loads((FIX / "uk-psc" / "expected.json").read_text())


def _share(iv: list | None) -> Share | None:
    if iv is None:
        return None
    return Share(float(iv[0]), float(iv[1]), iv[2], iv[3])


def _rows(pd: ParsedDocument) -> list[tuple]:
    names = {p.id: p.name for p in pd.parties}
    return sorted(
        (
            names[lk.controlled_id],
            names[lk.controller_id],
            lk.kind.value,
            lk.role.value,
            lk.share,
            lk.voting_share,
            lk.start_date.isoformat() if lk.start_date else None,
            lk.end_date.isoformat() if lk.end_date else None,
            lk.direct_or_indirect == DirectOrIndirect.INDIRECT,
        )
        for lk in pd.links
    )


def _expected_rows(exp: list[dict], company: str | None = None) -> list[tuple]:
    return sorted(
        (
            f"GB-COH {company or e['company']}",
            e["controller"],
            e["kind"],
            e["role"],
            _share(e.get("share")),
            _share(e.get("voting_share")),
            e["start"],
            e.get("end"),
            e.get("indirect", False),
        )
        for e in exp
    )


def test_detected_by_content() -> None:
    assert detect(SNAP.read_bytes()) == SourceFormat.UK_PSC
    assert detect(API.read_bytes()) == SourceFormat.UK_PSC
    assert detect(AIMIA.read_bytes()) == SourceFormat.BODS


def test_snapshot_links_kinds_dates_and_ranges() -> None:
    exp = EXPECTED["handwritten_psc-snapshot.txt"]
    pd = parse_path(SNAP)
    assert pd.document.format == SourceFormat.UK_PSC
    # a UK company that is someone's PSC carries its name; one only a subject does not
    rows = [
        (r[0].replace("AIMIA HOLDINGS UK LIMITED", "GB-COH 06436883"), *r[1:]) for r in _rows(pd)
    ]
    rows = [(r[0].replace("EXAMPLE HOLDCO LIMITED", "GB-COH 99000003"), *r[1:]) for r in rows]
    assert sorted(rows) == _expected_rows(exp["links"])
    kinds = {p.name: p.kind.value for p in pd.parties}
    for name, kind in exp["kinds"].items():
        assert kinds[name] == kind, name
    # the corporate PSC registered in the UK is the company with that number
    by_name = {p.name: p for p in pd.parties}
    for e in exp["links"]:
        if "controller_company" in e:
            assert by_name[e["controller"]].id == company_party_id(e["controller_company"])
            assert ("GB-COH", e["controller_company"]) in by_name[e["controller"]].identifiers
    # "-as-trust" / "-as-firm" kept in interest_types
    for e in exp["links"]:
        if "types" in e:
            lk = next(
                lk
                for lk in pd.links
                if by_name[e["controller"]].id == lk.controller_id and lk.role.value == e["role"]
            )
            assert list(lk.interest_types) == e["types"]
    statements = [f for f in pd.findings if f.kind == "psc_statement"]
    assert any("99000004" in f.message and "no-individual" in f.message for f in statements)
    assert pd.extra["uk_psc"] == {"records": exp["records"], "totals": exp["totals"]}
    assert not [f for f in pd.findings if f.kind == "snapshot_totals"]


def test_bands_are_the_statutory_ranges() -> None:
    assert band("ownership-of-shares-25-to-50-percent") == Share(25, 50, True, False)
    assert band("voting-rights-50-to-75-percent-as-firm") == Share(50, 75, True, True)
    assert band("ownership-of-shares-75-to-100-percent") == Share(75, 100, False, False)
    assert band("voting-rights-more-than-25-percent") == Share(25, 100, True, False)


def test_api_list_and_same_person_by_name_and_birth_month() -> None:
    exp = EXPECTED["handwritten_psc-api-list.json"]
    pd = parse_path(API)
    assert _rows(pd) == _expected_rows(
        [{**e, "company": exp["company"]} for e in exp["links"]], exp["company"]
    )
    jane_api = next(p for p in pd.parties if p.name == "Ms Jane Example")
    jane_snap = next(p for p in parse_path(SNAP).parties if p.name == "Ms Jane Example")
    assert jane_api.id == jane_snap.id  # same name, same month of birth: one person
    assert jane_api.kind == NodeKind.PERSON


def test_streamed_batches_equal_the_whole_parse() -> None:
    whole = parse_path(SNAP)
    batches = list(iter_parsed(SNAP, batch_lines=3))
    assert len(batches) == 4  # 11 lines: 3 + 3 + 3 + 2
    assert len({b.document.id for b in batches}) == 4

    def key(lk: Link) -> tuple:
        return (lk.controller_id, lk.controlled_id, lk.role, lk.share, lk.voting_share)

    assert sorted(map(key, (lk for b in batches for lk in b.links))) == sorted(
        map(key, whole.links)
    )
    assert {p.id for b in batches for p in b.parties} == {p.id for p in whole.parties}
    assert batches[-1].extra["uk_psc"]["totals"] == 10
    assert not [f for b in batches for f in b.findings if f.kind == "snapshot_totals"]


def test_totals_that_do_not_match_are_a_finding(tmp_path: Path) -> None:
    p = tmp_path / "snap.txt"
    lines = SNAP.read_text().splitlines()
    p.write_text("\n".join(lines[:3] + [lines[-1]]) + "\n")
    pd = list(iter_parsed(p))[-1]
    f = [f for f in pd.findings if f.kind == "snapshot_totals"]
    assert f and "10 records; 3 were read" in f[0].message


def test_bad_line_is_an_input_error_with_file_and_line(tmp_path: Path) -> None:
    p = tmp_path / "snap.txt"
    lines = SNAP.read_text().splitlines()
    p.write_text("\n".join([*lines[:2], '{"company_number": "1", "data": {', lines[3]]) + "\n")
    with pytest.raises(InputError) as e:
        list(iter_parsed(p))
    assert e.value.path == str(p) and e.value.place.startswith("line 3")
    with pytest.raises(InputError, match="line 3"):
        parse(io.BytesIO(p.read_bytes()), path=str(p))
    bad_date = SNAP.read_text().splitlines()[2].replace("2016-04-06", "2016-02-30")
    with pytest.raises(InputError, match="line 1/data/notified_on"):
        parse(io.BytesIO(bad_date.encode()), path="x.txt")
    # the CLI: one line, exit 2, nothing loaded
    res = CliRunner().invoke(main, ["load", str(p), "--store", str(tmp_path / "s.db")])
    assert res.exit_code == 2 and "line 3" in res.output
    with Store(tmp_path / "s.db") as s:
        assert s.counts()["documents"] == 0


def _graph(tmp_path: Path, *paths: Path):  # noqa: ANN202
    db = tmp_path / "s.db"
    res = CliRunner().invoke(main, ["load", *map(str, paths), "--store", str(db)])
    assert res.exit_code == 0, res.output
    store = Store(db)
    return store, store.graph()


def test_who_controls_psc_chains_answers_with_the_persons(tmp_path: Path) -> None:
    exp = EXPECTED["handwritten_psc-snapshot.txt"]["who_controls"]
    store, g = _graph(tmp_path, SNAP)
    with store:
        for number, want in exp.items():
            if "_" in number:
                continue
            a = who_controls_register(g, company_party_id(number))
            assert want["rule_has"] in a.rule, (number, a.rule)
            assert sorted(r.name for r in a.rows) == want["ultimate"], number
            if "reason" in want:
                assert any(want["reason"] in n for n in a.notes), (number, a.notes)
        a = who_controls_register(g, company_party_id("99000001"))
        assert [r.name for r in a.rows] == exp["99000001_alone"]["ultimate"]
        jane = next(r for r in who_controls_register(g, company_party_id("99000002")).rows
                    if r.name == "Ms Jane Example")  # fmt: skip
        assert jane.kind == "person"


def test_psc_corporate_owner_equals_its_bods_twin_by_company_number(tmp_path: Path) -> None:
    exp = EXPECTED["handwritten_psc-snapshot.txt"]["who_controls"]["99000001_with_aimia_bods"]
    store, g = _graph(tmp_path, SNAP, AIMIA)
    with store:
        twin = company_party_id("06436883")
        merges = [m for m in store.merges() if twin in (m.kept_id, m.merged_id)]
        assert len(merges) == 1 and merges[0].rule == "identifier:GB-COH"
        bods = store.party(
            merges[0].kept_id if merges[0].merged_id == twin else merges[0].merged_id
        )
        assert bods is not None and bods.name == "AIMIA HOLDINGS UK LIMITED"
        # the chain runs on through the BODS statements: Aimia Inc. above, its owners unknown
        a = who_controls_register(g, company_party_id("99000001"))
        assert exp["rule_has"] in a.rule
        assert [r.name for r in a.rows] == exp["ultimate"]
        assert sorted(r.name for r in a.intermediate) == exp["intermediate"]


def test_cli_load_streams_and_a_reload_changes_nothing(tmp_path: Path) -> None:
    assert stream_path(SNAP) is not None
    assert stream_path(API) is None  # one API response is read whole
    db = tmp_path / "s.db"
    first = CliRunner().invoke(main, ["load", str(SNAP), "--store", str(db)])
    assert first.exit_code == 0 and "loaded" in first.output
    again = CliRunner().invoke(main, ["load", str(SNAP), "--store", str(db)])
    assert again.exit_code == 0 and "unchanged" in again.output
    with Store(db) as s:
        assert s.counts()["links"] == len(EXPECTED["handwritten_psc-snapshot.txt"]["links"])
        assert all(isinstance(lk, Link) for lk in s.links())


def test_streaming_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    from ownergraph.benchmarks.psc_snapshot import generate

    # warm-up outside the trace: lazy imports and the first entries of the name caches
    for _pd in iter_parsed(generate(50, tmp_path / "psc-warm.txt", seed=2), batch_lines=100):
        pass
    peaks = []
    for lines in (400, 1600):
        snap = generate(lines, tmp_path / f"psc-{lines}.txt", seed=1)
        tracemalloc.start()
        n = 0
        for pd in iter_parsed(snap, batch_lines=100):
            n += len(pd.links)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert n > lines  # every line made at least one link on average
    # 4x the lines: read in one batch the peak is 4.0x (measured); streamed it is 0.9-1.5x
    # (the name caches fill as new names come, bounded by their size), so 2.5x tells them
    # apart without failing on the caches
    assert peaks[1] < peaks[0] * 2.5, peaks


@pytest.mark.parametrize(
    ("reg", "where", "number"),
    [
        ("Company No. 6436883", "England And Wales", "06436883"),
        ("NI 012345", "Northern Ireland", "NI012345"),
        ("SC123456", "Companies House, Edinburgh", "SC123456"),
        ("HRB 123456", "Handelsregister Muenchen", None),
    ],
)
def test_corporate_psc_registration_numbers(reg: str, where: str, number: str | None) -> None:
    rec = {
        "company_number": "99000010",
        "data": {
            "kind": "corporate-entity-person-with-significant-control",
            "name": "PARENT LIMITED",
            "identification": {"registration_number": reg, "place_registered": where},
            "natures_of_control": ["ownership-of-shares-75-to-100-percent"],
        },
    }
    pd = parse(io.BytesIO(json.dumps(rec).encode()), path="x.txt")
    owner = pd.party(pd.links[0].controller_id)
    if number is None:
        assert owner.identifier("GB-COH") is None
    else:
        assert owner.id == company_party_id(number) and owner.identifier("GB-COH") == number


FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)


@FUZZ
@given(st.data())
def test_fuzz_mutated_psc_files_give_records_or_a_typed_error(data: st.DataObject) -> None:
    src = data.draw(st.sampled_from([SNAP, API]))
    buf = bytearray(src.read_bytes())
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(buf) - 1))
        op = data.draw(st.sampled_from(["flip", "delete", "insert", "swap"]))
        if op == "flip":
            buf[i] = data.draw(st.integers(0, 255))
        elif op == "delete":
            del buf[i : i + data.draw(st.integers(1, 40))]
        elif op == "insert":
            buf[i:i] = data.draw(st.sampled_from([b"[", b"{", b'"', b"null", b"1e999", b"\\n"]))
        else:  # a value of another type where a string or an object is expected
            buf = bytearray(
                bytes(buf)
                .replace(b'"links":{', b'"links":[{', 1)
                .replace(b'"data":{', b'"data":7,', 1)
            )
        if not buf:
            break
    try:
        parse_bytes(bytes(buf), path="fuzz.txt")
    except InputError as exc:
        assert exc.path == "fuzz.txt"


def test_one_api_record_names_its_company_by_its_self_link() -> None:
    one = json.loads(API.read_text())["items"][0]  # the API's JSON of one PSC
    pd = parse_bytes(json.dumps(one, indent=2).encode(), path="psc.json")
    assert pd.document.format == SourceFormat.UK_PSC
    assert {pd.party(lk.controlled_id).identifier("GB-COH") for lk in pd.links} == {"99000009"}
    assert len(pd.links) == 2
