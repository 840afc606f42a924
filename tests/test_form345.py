"""Forms 3/4/5 (ownershipDocument): every fixture against its hand-checked table.

Expected values live in ``tests/fixtures/form345/expected.json`` (typed from
tests/fixtures/README.md section C); adding a fixture and its entry adds a test.
Section 16 holdings are evidence of edges, not a 13d-3 result.
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
from ownergraph.graph.vocab import EdgeKind, NodeKind, SourceFormat
from ownergraph.loaders import detect, parse_bytes, parse_path
from ownergraph.loaders import form345 as loader
from ownergraph.loaders.contract import to_contract

FOLDER = Path(__file__).parent / "fixtures" / "form345"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
CASES = sorted(p.name for p in FOLDER.glob("*.xml"))
HOLDING_KEYS = (
    "holder",
    "security",
    "instrument",
    "shares",
    "derivative",
    "right_to_acquire",
    "direct_or_indirect",
    "nature_of_ownership",
    "exercise_price",
    "expiration_date",
)


def test_every_fixture_has_expectations() -> None:
    assert CASES and set(CASES) == {k for k in EXPECTED if not k.startswith("_")}


@pytest.fixture(scope="module", params=CASES)
def case(request: pytest.FixtureRequest):
    name = request.param
    parsed = parse_path(FOLDER / name)
    return name, parsed, to_contract(parsed)


def test_detected_from_content(case) -> None:
    name, _p, _c = case
    assert detect((FOLDER / name).read_bytes()) is SourceFormat.FORM345


def test_form_period_and_issuer(case) -> None:
    name, _p, c = case
    exp = EXPECTED[name]
    assert (c["form"], c["event_date"]) == (exp["form"], exp["event_date"])
    assert {k: c["issuer"][k] for k in ("name", "cik", "ticker")} == exp["issuer"]


def test_reporting_owners_and_flags(case) -> None:
    name, parsed, _c = case
    kinds = {p.id: p.kind.value for p in parsed.parties}
    got = [
        [
            o["name_as_filed"],
            o["cik"],
            o["is_director"],
            o["is_officer"],
            o["is_ten_percent_owner"],
            o["is_other"],
            kinds[o["key"]],
        ]
        for o in parsed.extra["reporting_owners"]
    ]
    assert got == EXPECTED[name]["owners"]


def test_holdings_one_per_row(case) -> None:
    name, _p, c = case
    got = [[h[k] for k in HOLDING_KEYS] for h in c["holdings"]]
    for g in got:
        if g[0].startswith(("unnamed holder", "unnamed intermediary")):
            g[0] = "*unnamed*"
    assert got == EXPECTED[name]["holdings"]


def test_stated_links(case) -> None:
    name, parsed, c = case
    got = sorted(
        [r["controller"], r["controlled"], r["kind"], r["role"], r["power"]]
        for r in c["relationships"]
        if r["role"] != "other"
    )
    assert got == sorted(EXPECTED[name]["links"])
    for lk in parsed.links:
        assert lk.provenance and all(p.phrase for p in lk.provenance)


def test_findings(case) -> None:
    name, _p, c = case
    assert [f["kind"] for f in c["findings"]] == EXPECTED[name]["findings"]


def test_cli_parse_json_puts_rows_in_holdings(case) -> None:
    name, _p, c = case
    res = CliRunner().invoke(main, ["parse", str(FOLDER / name), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["holdings"] == c["holdings"] and out["reporting_persons"] == []


# ------------------------------------------------------------------ specific stories

WYNN = "wynn-resorts_fertitta_form4_2026-05-29.xml"
DELL = "dell-technologies_silver-lake-durban_form4_2026-06-17.xml"
FTNT = "fortinet_hsieh_form5_2026-06-12.xml"
SNOW = "snowflake_garrett_form3_2020-09-15.xml"


def test_fertitta_row_4_coded_indirect_but_held_by_him() -> None:
    """F4: "held of record by Mr. Fertitta", yet the row says I: a finding, one holding."""
    parsed = parse_path(FOLDER / WYNN)
    f = next(f for f in parsed.findings if f.kind == "direct_indirect_inconsistent")
    assert f.subject_ids == (party_id(cik="0001080301"),)
    assert "held of record by Mr. Fertitta" in f.evidence[0].phrase
    assert len(parsed.holdings) == 4  # nothing counted twice across the four owners


def test_fertitta_written_calls_are_not_rights_to_acquire() -> None:
    parsed = parse_path(FOLDER / WYNN)
    assert all(h.derivative and not h.right_to_acquire for h in parsed.holdings)
    assert all("obligation to sell" in h.provenance[0].note for h in parsed.holdings)
    llc = next(
        lk
        for lk in parsed.links
        if lk.controlled_id == party_id(cik="0002056661") and lk.kind is EdgeKind.CONTROLS
    )
    assert llc.direct_or_indirect.value == "indirect"  # "sole indirect owner"; middle unstated


def test_dell_f7_breakdown_adds_up() -> None:
    """F7: 29,494 + 11,109 + 28,109 + 81,500 + 126 = 150,338, held by five entities."""
    parsed = parse_path(FOLDER / DELL)
    part = [h for h in parsed.holdings if any("F7" in (p.note or "") for p in h.provenance)]
    assert [h.shares for h in part] == [29494, 11109, 28109, 81500, 126]
    assert sum(h.shares for h in part) == 150338


def test_dell_chain_from_durban_to_every_fund() -> None:
    """F2-F5: SLG is managing member of the GP LLCs; Durban a Co-CEO and Managing Member."""
    parsed = parse_path(FOLDER / DELL)
    down: dict[str, set[str]] = {}
    for lk in parsed.links:
        down.setdefault(lk.controller_id, set()).add(lk.controlled_id)
    seen, stack = set(), [party_id(cik="0001651403")]
    while stack:
        for n in down.get(stack.pop(), ()):
            if n not in seen:
                seen.add(n)
                stack.append(n)
    for fund in (
        "SL SPV-2, L.P.",
        "Silver Lake Partners IV, L.P.",
        "Silver Lake Partners V DE (AIV), L.P.",
    ):
        assert any(parsed.party(k).name == fund for k in seen), fund


def test_dell_unnamed_trust_is_a_placeholder() -> None:
    parsed = parse_path(FOLDER / DELL)
    h = next(h for h in parsed.holdings if h.shares == 49237)
    assert parsed.party(h.holder_id).kind is NodeKind.UNKNOWN
    assert h.holder_id.startswith("party:")


def test_fortinet_late_form5() -> None:
    parsed = parse_path(FOLDER / FTNT)
    late = next(f for f in parsed.findings if f.kind == "late_filing")
    assert (late.expected, late.found) == ("2024-02-14", "2026-06-12")


def test_snowflake_options_exercisable_per_footnote() -> None:
    parsed = parse_path(FOLDER / SNOW)
    opts = [h for h in parsed.holdings if h.instrument.value == "option"]
    assert len(opts) == 5 and all(h.right_to_acquire for h in opts)
    assert sum(h.shares for h in opts) == 383594 + 4 * 95898
    pref = next(h for h in parsed.holdings if h.instrument.value == "preferred")
    # F1 "will automatically convert ... immediately upon the closing of the Issuer's initial
    # public offering": the Form 3 is filed for the IPO, a right to acquire (convention 15)
    assert pref.right_to_acquire and "F1" in pref.provenance[0].note


# ------------------------------------------------------------------ malformed input

GOOD = (FOLDER / FTNT).read_bytes()


def _bad(data: bytes) -> InputError:
    with pytest.raises(InputError) as info:
        parse_bytes(data, path="bad.xml")
    return info.value


def test_truncated() -> None:
    err = _bad(GOOD[:2000])
    assert err.path == "bad.xml" and err.place.startswith("line ")


def test_wrong_root() -> None:
    data = GOOD.replace(b"ownershipDocument>", b"ownershipDoc>")
    with pytest.raises(InputError) as info:
        loader.parse(io.BytesIO(data), path="bad.xml")
    assert "wrong root" in info.value.reason


def test_invalid_number_names_its_xpath() -> None:
    data = GOOD.replace(b"<value>53914</value>", b"<value>5a914</value>")
    err = _bad(data)
    assert (
        "nonDerivativeHolding[1]/postTransactionAmounts/sharesOwnedFollowingTransaction/value"
        in err.place
    )


def test_entity_bomb() -> None:
    lol = b"".join(b'<!ENTITY l%d "%s">' % (i, (b"&l%d;" % (i - 1)) * 10) for i in range(1, 10))
    data = GOOD.replace(
        b'<?xml version="1.0"?>',
        b'<?xml version="1.0"?><!DOCTYPE o [<!ENTITY l0 "x">' + lol + b"]>",
        1,
    ).replace(b"<remarks>", b"<remarks>&l9;")
    assert "entit" in _bad(data).reason


def test_external_entity() -> None:
    data = GOOD.replace(
        b'<?xml version="1.0"?>',
        b'<?xml version="1.0"?><!DOCTYPE o [<!ENTITY x SYSTEM "http://example.invalid/x">]>',
        1,
    ).replace(b"<remarks>", b"<remarks>&x;")
    assert "entit" in _bad(data).reason


def test_bad_direct_or_indirect_code() -> None:
    data = GOOD.replace(b"<value>D</value>", b"<value>Q</value>", 1)
    err = _bad(data)
    assert "directOrIndirectOwnership" in err.place and "'Q'" in err.reason
