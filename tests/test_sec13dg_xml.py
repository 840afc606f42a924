"""Schedule 13D/13G XML (primary_doc.xml): every fixture against its hand-checked table.

The expected values live beside the fixtures in ``tests/fixtures/sec13dg-xml/expected.json``
(typed from tests/fixtures/README.md section B); adding a fixture and its entry adds a test.
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
from ownergraph.graph.vocab import EdgeKind, SourceFormat
from ownergraph.loaders import detect, parse_bytes, parse_path
from ownergraph.loaders import sec13dg_xml as loader
from ownergraph.loaders.contract import to_contract

FOLDER = Path(__file__).parent / "fixtures" / "sec13dg-xml"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
CASES = sorted(p.name for p in FOLDER.glob("*.xml"))
ROWS = (
    "name",
    "cik",
    "type",
    "citizenship",
    "member_of_group",
    "source_of_funds",
    "sole_voting",
    "shared_voting",
    "sole_dispositive",
    "shared_dispositive",
    "aggregate",
    "percent_of_class",
)


def test_every_fixture_has_expectations() -> None:
    assert CASES and set(CASES) == {k for k in EXPECTED if not k.startswith("_")}


@pytest.fixture(scope="module", params=CASES)
def case(request: pytest.FixtureRequest) -> tuple[str, dict, dict]:
    name = request.param
    parsed = parse_path(FOLDER / name)
    return name, parsed, to_contract(parsed)


def test_detected_from_content(case) -> None:
    name, _parsed, _c = case
    assert detect((FOLDER / name).read_bytes()) is SourceFormat.SEC13DG_XML


def test_header_and_issuer(case) -> None:
    name, parsed, c = case
    exp = EXPECTED[name]
    assert c["source"]["format"] == "sec13dg-xml"
    for key in ("form", "amendment_no", "previous_accession", "event_date", "outstanding"):
        assert c[key] == exp[key], key
    for key in ("name", "cik", "cusip"):
        assert c["issuer"][key] == exp["issuer"][key], key
    assert c["issuer"]["security_title"] == exp["security_title"]
    assert parsed.extra["filer_cik"] == exp["filer_cik"]
    assert parsed.extra["previously_filed"] == exp["previously_filed"]


def test_cover_pages(case) -> None:
    name, _parsed, c = case
    got = [[rp[k] for k in ROWS] for rp in c["reporting_persons"]]
    assert got == EXPECTED[name]["reporting_persons"]
    for rp in c["reporting_persons"]:  # numbers are numbers, never strings
        assert all(isinstance(rp[k], int | float) for k in ROWS[6:])


def test_holdings_who_holds_directly(case) -> None:
    name, _parsed, c = case
    got = [[h["holder"], h["shares"], h["instrument"]] for h in c["holdings"]]
    assert got == EXPECTED[name]["holdings"]


def test_stated_links_only(case) -> None:
    name, parsed, c = case
    got = sorted(
        [r["controller"], r["controlled"], r["role"], r["power"]]
        for r in c["relationships"]
        if r["kind"] == "controls"
    )
    assert got == sorted(EXPECTED[name]["links"])
    for lk in parsed.links:  # every link keeps the phrase that states it, and where
        assert lk.provenance and all(p.phrase and (p.xpath or p.span) for p in lk.provenance)


def test_parties_named_only_in_text(case) -> None:
    name, parsed, _c = case
    rp = {p.party_id for p in parsed.positions}
    text_only = sorted(
        p.name for p in parsed.parties if p.id not in rp and p.id != parsed.document.issuer_id
    )
    assert text_only == EXPECTED[name]["text_only_parties"]


def test_findings(case) -> None:
    name, _parsed, c = case
    assert [f["kind"] for f in c["findings"]] == EXPECTED[name]["findings"]


def test_ids_are_deterministic(case) -> None:
    name, parsed, _c = case
    again = parse_path(FOLDER / name)
    assert [h.id for h in again.holdings] == [h.id for h in parsed.holdings]
    assert [lk.id for lk in again.links] == [lk.id for lk in parsed.links]
    assert all(h.document_id == parsed.document.id for h in parsed.holdings)


def test_cli_parse_json(case) -> None:
    name, _parsed, c = case
    res = CliRunner().invoke(main, ["parse", str(FOLDER / name), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["reporting_persons"] == c["reporting_persons"]


# ------------------------------------------------------------------ specific stories

NCCS = "one-nuclear-energy_nccs-new-circle_schedule13d_2026-09-30.xml"
AMG = "amg-pantheon-infrastructure-fund_bluearc_schedule13d_2026-09-04.xml"
AMEX = "global-business-travel_american-express_schedule13d-a_2026-10-01.xml"


def test_nccs_sole_vs_shared_is_a_finding() -> None:
    """Item 5(a) says "sole voting and dispositive power"; every cover page says shared."""
    parsed = parse_path(FOLDER / NCCS)
    f = next(f for f in parsed.findings if f.kind == "power_contradiction")
    assert "sole voting and dispositive power" in f.evidence[0].phrase
    assert f.evidence[0].xpath.endswith("item5/percentageOfClassSecurities")
    gap = next(f for f in parsed.findings if f.kind == "item5b_missing_person")
    assert gap.subject_ids == (party_id(name="NCCS GP, LLC"),)


def test_nccs_denominator_and_co_managing_partners() -> None:
    parsed = parse_path(FOLDER / NCCS)
    assert parsed.document.outstanding == 108258979
    assert parsed.document.outstanding_as_of.isoformat() == "2026-09-23"
    arnold = next(
        lk for lk in parsed.links if lk.controller_id == party_id(name="Walter V. Arnold")
    )
    assert any("co-managing partner" in p.phrase for p in arnold.provenance)


def test_amg_funds_add_up_to_the_managers_row_11() -> None:
    """(check) 13,442,986.66 + 3,842,438.38 = 17,285,425.04; no finding."""
    parsed = parse_path(FOLDER / AMG)
    assert sum(h.shares for h in parsed.holdings) == pytest.approx(17285425.04, abs=0.005)
    assert parsed.document.outstanding == pytest.approx(53470683.70)
    assert not [f for f in parsed.findings if f.kind == "holdings_do_not_add_up"]


def test_amex_exit_filing_states_no_link_to_holdco() -> None:
    """157,786,199 shares were held of record by Amex HoldCo.; the link is not stated."""
    parsed = parse_path(FOLDER / AMEX)
    assert not [lk for lk in parsed.links if lk.kind is EdgeKind.CONTROLS]
    assert parsed.holdings[0].shares == 0  # zero, not unknown
    assert "Amex HoldCo." in parsed.extra["holders_of_record_not_linked"]


def test_items_text_kept() -> None:
    parsed = parse_path(FOLDER / "adi-global-distribution_blackrock_schedule13g_2026-09-04.xml")
    items = parsed.extra["items"]
    assert (
        "iShares Core S&P Small-Cap ETF"
        in items["item6"]["ownershipMoreThan5PercentOnBehalfOfAnotherPerson"]
    )
    assert items["item4"]["solePowerOrDirectToVote"] == "10,092,431"


# ------------------------------------------------------------------ malformed input

GOOD = (FOLDER / NCCS).read_bytes()


def _bad(data: bytes, name: str = "bad.xml") -> InputError:
    with pytest.raises(InputError) as info:
        parse_bytes(data, path=name)
    return info.value


def test_truncated_file_names_line_and_column() -> None:
    err = _bad(GOOD[:5000])
    assert err.path == "bad.xml" and err.place.startswith("line ")


def test_wrong_root_is_refused() -> None:
    data = GOOD.replace(b"<edgarSubmission ", b"<edgarSubmissionX ", 1).replace(
        b"</edgarSubmission>", b"</edgarSubmissionX>"
    )
    with pytest.raises(InputError) as info:
        loader.parse(io.BytesIO(data), path="bad.xml")
    assert "wrong root" in info.value.reason


def test_invalid_number_names_its_xpath() -> None:
    data = GOOD.replace(
        b"<soleVotingPower>0.00</soleVotingPower>", b"<soleVotingPower>12x</soleVotingPower>", 1
    )
    err = _bad(data)
    assert "reportingPersonInfo[1]/soleVotingPower" in err.place
    assert "12x" in err.reason


def test_entity_bomb_is_refused_not_expanded() -> None:
    lol = b"".join(b'<!ENTITY l%d "%s">' % (i, (b"&l%d;" % (i - 1)) * 10) for i in range(1, 10))
    data = GOOD.replace(
        b'<?xml version="1.0" encoding="UTF-8"?>',
        b'<?xml version="1.0"?><!DOCTYPE edgarSubmission [<!ENTITY l0 "lol">' + lol + b"]>",
        1,
    ).replace(b"<schemaVersion>X0202</schemaVersion>", b"<schemaVersion>&l9;</schemaVersion>")
    err = _bad(data)
    assert "entit" in err.reason and err.place.startswith("line 1")


def test_external_entity_is_refused() -> None:
    data = GOOD.replace(
        b'<?xml version="1.0" encoding="UTF-8"?>',
        b'<?xml version="1.0"?>\n<!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        1,
    ).replace(b"<schemaVersion>X0202</schemaVersion>", b"<schemaVersion>&x;</schemaVersion>")
    err = _bad(data)
    assert "entit" in err.reason and err.place.startswith("line 2")


def test_cli_exit_code_2_names_file_and_place(tmp_path: Path) -> None:
    bad = tmp_path / "truncated.xml"
    bad.write_bytes(GOOD[:3000])
    res = CliRunner().invoke(main, ["parse", str(bad), "--json"])
    assert res.exit_code == 2
    assert "truncated.xml: line" in res.output
