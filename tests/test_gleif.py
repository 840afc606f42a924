"""GLEIF Level 2 loader: README section E facts, RR-CDF / LEI-CDF XML, bad input.

The fixture test is glob-parametrised over ``tests/fixtures/gleif/*`` with the expected
table ``tests/fixtures/gleif/expected.json`` beside the files.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import party_id
from ownergraph.graph.vocab import DirectOrIndirect, EdgeKind, NodeKind, Role, SourceFormat
from ownergraph.loaders import detect, gleif, parse_bytes, parse_path

FIX = Path(__file__).parent / "fixtures" / "gleif"
EXPECTED = json.loads((FIX / "expected.json").read_text("utf-8"))
FILES = sorted(p for p in FIX.iterdir() if p.is_file() and p.name != "expected.json")

RR = "http://www.gleif.org/data/schema/rr/2016"
LEI = "http://www.gleif.org/data/schema/leidata/2016"


def _rr_xml(records: str, count: int) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rr:RelationshipData xmlns:rr="{RR}">
  <rr:Header><rr:ContentDate>2024-06-06T08:00:00Z</rr:ContentDate>
    <rr:FileContent>GLEIF_FULL_PUBLISHED</rr:FileContent><rr:RecordCount>{count}</rr:RecordCount>
  </rr:Header>
  <rr:RelationshipRecords>{records}</rr:RelationshipRecords>
</rr:RelationshipData>""".encode()


def _record(start: str, end: str, rtype: str, *, extra: str = "") -> str:
    return f"""<rr:RelationshipRecord><rr:Relationship>
  <rr:StartNode><rr:NodeID>{start}</rr:NodeID><rr:NodeIDType>LEI</rr:NodeIDType></rr:StartNode>
  <rr:EndNode><rr:NodeID>{end}</rr:NodeID><rr:NodeIDType>LEI</rr:NodeIDType></rr:EndNode>
  <rr:RelationshipType>{rtype}</rr:RelationshipType>
  <rr:RelationshipPeriods>
    <rr:RelationshipPeriod><rr:StartDate>2018-01-01T00:00:00Z</rr:StartDate>
      <rr:EndDate>2020-06-30T00:00:00Z</rr:EndDate><rr:PeriodType>RELATIONSHIP_PERIOD</rr:PeriodType>
    </rr:RelationshipPeriod>
  </rr:RelationshipPeriods>
  <rr:RelationshipStatus>INACTIVE</rr:RelationshipStatus>{extra}
</rr:Relationship>
<rr:Registration><rr:LastUpdateDate>2021-02-03T10:00:00Z</rr:LastUpdateDate>
  <rr:RegistrationStatus>PUBLISHED</rr:RegistrationStatus></rr:Registration>
</rr:RelationshipRecord>"""


A, B, C, D = (
    "AAAAAAAAAAAAAAAAAA01",
    "BBBBBBBBBBBBBBBBBB02",
    "CCCCCCCCCCCCCCCCCC03",
    "DDDDDDDDDDDDDDDDDD04",
)


def test_every_fixture_has_expectations() -> None:
    assert {p.name for p in FILES} == {k for k in EXPECTED if not k.startswith("_")}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_fixture_facts(path: Path) -> None:
    exp = EXPECTED[path.name]
    data = path.read_bytes()
    assert detect(data) == SourceFormat.GLEIF_RR  # the module's format; repex is by content
    doc = parse_path(path)
    assert doc.document.format == SourceFormat(exp["format"])
    assert (doc.document.event_date.isoformat() if doc.document.event_date else None) == exp[
        "event_date"
    ]
    names = {p.id: p.name for p in doc.parties}
    assert [p.name for p in doc.parties] == [p["name"] for p in exp["parties"]]
    for p, e in zip(doc.parties, exp["parties"], strict=True):
        assert p.id == party_id(lei=e["lei"])
        assert p.kind == NodeKind(e["kind"]) and p.jurisdiction == e["jurisdiction"]
        assert list(p.names) == e["names"]
        assert [list(i) for i in p.identifiers] == e["identifiers"]
        assert f"LEI registration {e['registration']}" in p.provenance[0].note
    assert len(doc.links) == len(exp["links"])
    for lk, e in zip(doc.links, exp["links"], strict=True):
        assert names[lk.controller_id] == e["controller"]
        assert names[lk.controlled_id] == e["controlled"]
        assert lk.kind == EdgeKind(e["kind"]) == EdgeKind.CONSOLIDATES  # never OWNS
        assert lk.role == Role(e["role"])
        assert lk.share is None  # consolidation is not an ownership percentage
        assert (lk.start_date.isoformat() if lk.start_date else None) == e["start_date"]
        assert (lk.end_date.isoformat() if lk.end_date else None) == e["end_date"]
        assert (lk.as_of.isoformat() if lk.as_of else None) == e["as_of"]
        for part in e["details_contain"]:
            assert part in lk.details
    assert sorted(f.kind for f in doc.findings) == sorted(exp["findings"])
    exc = [[x["lei"], x["category"], x["reason"]] for x in doc.extra["reporting_exceptions"]]
    assert exc == exp["exceptions"]
    if "record_count" in exp:
        (f,) = [f for f in doc.findings if f.kind == "record_count_mismatch"]
        assert [f.expected, f.found] == exp["record_count"]


def test_reporting_exceptions_are_info_findings_on_the_lei() -> None:
    doc = parse_path(FIX / "gleif-repex-sample_2023-06-09.xml")
    found = {f.found["lei"]: f for f in doc.findings if f.kind == "reporting_exception"}
    f = found["01370W6ZIY66KQ4J3570"]
    assert f.severity.value == "info" and f.found["reason"] == "NON_PUBLIC"
    assert f.subject_ids == (party_id(lei="01370W6ZIY66KQ4J3570"),)
    assert f.evidence[0].xpath.endswith("Exception[10]")
    assert doc.parties == () and doc.links == ()


def test_rr_cdf_xml_with_fund_relationships() -> None:
    """RR-CDF XML: direct parent, fund manager, umbrella, feeder; INACTIVE period kept."""
    records = "".join(
        [
            _record(A, B, "IS_DIRECTLY_CONSOLIDATED_BY"),
            _record(C, D, "IS_FUND-MANAGED_BY"),
            _record(C, B, "IS_SUBFUND_OF"),
            _record(
                D,
                A,
                "IS_FEEDER_TO",
                extra="<rr:RelationshipQuantifiers><rr:RelationshipQuantifier>"
                "<rr:MeasurementMethod>ACCOUNTING_CONSOLIDATION</rr:MeasurementMethod>"
                "<rr:QuantifierAmount>60</rr:QuantifierAmount>"
                "<rr:QuantifierUnits>PERCENTAGE</rr:QuantifierUnits>"
                "</rr:RelationshipQuantifier></rr:RelationshipQuantifiers>",
            ),
        ]
    )
    doc = parse_bytes(_rr_xml(records, 4), path="rr.xml")
    assert (
        doc.document.form == "GLEIF RR-CDF" and doc.document.event_date.isoformat() == "2024-06-06"
    )
    roles = [(lk.controller_id, lk.controlled_id, lk.role) for lk in doc.links]
    pid = {x: party_id(lei=x) for x in (A, B, C, D)}
    assert roles == [
        (pid[B], pid[A], Role.DIRECT_PARENT),
        (pid[D], pid[C], Role.FUND_MANAGER),
        (pid[B], pid[C], Role.UMBRELLA),
        (pid[A], pid[D], Role.FEEDER_MASTER),
    ]
    first = doc.links[0]
    assert first.direct_or_indirect == DirectOrIndirect.DIRECT
    assert (first.start_date.isoformat(), first.end_date.isoformat()) == (
        "2018-01-01",
        "2020-06-30",
    )
    assert "status INACTIVE" in first.details and first.as_of.isoformat() == "2021-02-03"
    feeder = doc.links[3]
    assert feeder.share is None and "ACCOUNTING_CONSOLIDATION=60 PERCENTAGE" in feeder.details
    assert all(lk.kind == EdgeKind.CONSOLIDATES for lk in doc.links)
    # LEIs without LEI records: entities named by their LEI, one summary finding
    assert {p.name for p in doc.parties} == {A, B, C, D}
    assert [f.kind for f in doc.findings] == ["lei_record_missing"]


def test_lei_cdf_xml_records() -> None:
    data = f"""<?xml version="1.0"?>
<lei:LEIData xmlns:lei="{LEI}"><lei:Header><lei:RecordCount>1</lei:RecordCount></lei:Header>
<lei:LEIRecords><lei:LEIRecord><lei:LEI>{A}</lei:LEI><lei:Entity>
  <lei:LegalName xml:lang="en">Alpha Fund SICAV</lei:LegalName>
  <lei:OtherEntityNames><lei:OtherEntityName type="TRADING_OR_OPERATING_NAME">Alpha</lei:OtherEntityName></lei:OtherEntityNames>
  <lei:LegalJurisdiction>LU</lei:LegalJurisdiction><lei:EntityCategory>FUND</lei:EntityCategory>
</lei:Entity><lei:Registration><lei:RegistrationStatus>RETIRED</lei:RegistrationStatus></lei:Registration>
</lei:LEIRecord></lei:LEIRecords></lei:LEIData>""".encode()
    doc = parse_bytes(data, path="lei.xml")
    (p,) = doc.parties
    assert (p.name, p.kind, p.jurisdiction, p.names) == (
        "Alpha Fund SICAV",
        NodeKind.FUND,
        "LU",
        ("Alpha",),
    )
    assert "LEI registration RETIRED" in p.provenance[0].note
    assert doc.findings == ()


def test_entity_bomb_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<rr:RelationshipData xmlns:rr="http://www.gleif.org/data/schema/rr/2016">&b;'
        b"</rr:RelationshipData>"
    )
    with pytest.raises(InputError) as e:
        gleif.parse(io.BytesIO(bomb), path="bomb.xml")
    assert "entit" in e.value.reason


def test_truncated_xml() -> None:
    data = (FIX / "gleif-repex-sample_2023-06-09.xml").read_bytes()[:1500]
    with pytest.raises(InputError) as e:
        parse_bytes(data, path="cut.xml")
    assert e.value.place.startswith("line ")


def test_wrong_root_element() -> None:
    data = b'<rr:Other xmlns:rr="http://www.gleif.org/data/schema/rr/2016"/>'
    with pytest.raises(InputError) as e:
        gleif.parse(io.BytesIO(data), path="w.xml")
    assert "Other" in str(e.value)


@pytest.mark.parametrize(
    ("mutate", "place"),
    [
        (lambda d: d[0]["Relationship"].pop("StartNode"), "/0/Relationship/StartNode"),
        (lambda d: d[0]["Relationship"].pop("RelationshipType"), "/0/Relationship"),
        (
            lambda d: d[0]["Relationship"]["RelationshipPeriods"][0].update(StartDate="soon"),
            "/0/Relationship/RelationshipPeriods/0/StartDate",
        ),
        (lambda d: d.append({"hello": 1}), "/3"),
        (lambda d: d.append(7), "/3"),
    ],
)
def test_bad_json_records(mutate: object, place: str) -> None:
    path = FIX / "hgnh-hengdian_gleif-rr-and-lei-records_api-json.json"
    data = json.loads(path.read_text("utf-8"))
    mutate(data)  # type: ignore[operator]
    with pytest.raises(InputError) as e:
        gleif.parse(io.BytesIO(json.dumps(data).encode()), path="g.json")
    assert e.value.place == place


def test_parse_json_contract() -> None:
    path = FIX / "hgnh-hengdian_gleif-rr-and-lei-records_api-json.json"
    res = CliRunner().invoke(main, ["parse", str(path), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    (rel,) = out["relationships"]
    assert rel["kind"] == "consolidates" and rel["role"] == "ultimate_parent"
    assert rel["share_min"] is None and rel["share_max"] is None
    assert rel["controller"] == "横店集团控股有限公司"
