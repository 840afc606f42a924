"""Legacy Schedule 13D/13G loader: the seed (DOMAIN.md section 6) and every legacy fixture.

The fixture expectations live in ``tests/fixtures/sec13dg-legacy/expected.json`` (facts
from ``tests/fixtures/README.md`` section A); the fixture test is glob-parametrised, so a
new file in that folder gets a test (and fails until its expectations are written).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import make_id, party_id
from ownergraph.graph.model import ParsedDocument, to_dict
from ownergraph.graph.vocab import Instrument, NodeKind, Power, Role, Severity, SourceFormat
from ownergraph.loaders import detect, parse_path, sec_cover_rows, sec_page_names
from ownergraph.loaders import sec13dg_legacy as legacy

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "sec13dg-legacy"
EXPECTED = (
    json.loads((FIXTURES / "expected.json").read_text())
    if (FIXTURES / "expected.json").exists()
    else {}
)

LP = "Wynnefield Partners Small Cap Value, L.P."
LP1 = "Wynnefield Partners Small Cap Value, L.P. I"
OFF = "Wynnefield Small Cap Value Offshore Fund, Ltd."
INC = "Wynnefield Capital, Inc."
LLC = "Wynnefield Capital Management, LLC"
OBUS = "Nelson Obus"
LANDES = "Joshua Landes"

# DOMAIN.md section 6: name -> (type, sole vote, shared vote, aggregate, percent)
SEED_ROWS = {
    LP: (("PN",), 1_019_531, 0, 1_019_531, 2.28),
    LP1: (("PN",), 1_370_294, 0, 1_370_294, 3.06),
    OFF: (("CO",), 1_341_499, 0, 1_341_499, 3.00),
    INC: (("CO",), 1_341_499, 0, 1_341_499, 3.00),
    LLC: ((), 2_389_825, 0, 2_389_825, 5.34),
    OBUS: (("IN",), 0, 3_731_323, 3_731_323, 8.34),
    LANDES: (("IN",), 0, 3_731_323, 3_731_323, 8.34),
}
SEED_COMPONENTS = {
    LP: (275_355, 433_266, 310_910),
    LP1: (395_779, 567_372, 407_143),
    OFF: (402_420, 546_740, 392_339),
}


@pytest.fixture(scope="module")
def seed() -> ParsedDocument:
    """The seed, parsed once for the module."""
    return parse_path(SEED)


def _pid(parsed: ParsedDocument, name: str) -> str:
    for p in parsed.parties:
        if p.name == name:
            return p.id
    raise AssertionError(f"no party {name!r}; have {[p.name for p in parsed.parties]}")


def _links(parsed: ParsedDocument) -> dict[tuple[str, str, Role], object]:
    names = {p.id: p.name for p in parsed.parties}
    return {(names[lk.controller_id], names[lk.controlled_id], lk.role): lk for lk in parsed.links}


# --------------------------------------------------------------------------- seed


def test_seed_is_detected_as_legacy() -> None:
    assert detect(SEED.read_bytes()) == SourceFormat.SEC13DG_LEGACY


def test_seed_document_facts(seed: ParsedDocument) -> None:
    doc = seed.document
    assert doc.form == "SC 13D/A"
    assert doc.amendment_no == 2
    assert doc.event_date.isoformat() == "2008-09-30"
    assert doc.outstanding is None  # the seed does not state shares outstanding
    issuer = seed.party(doc.issuer_id)
    assert issuer.name == "Liquidmetal Technologies, Inc."
    assert issuer.kind == NodeKind.ISSUER
    (sec,) = seed.securities
    assert sec.cusip == "53634X100"
    assert sec.title == "Common Stock, par value $0.001 per share"
    assert doc.security_id == sec.id


def test_seed_seven_reporting_persons_as_filed(seed: ParsedDocument) -> None:
    """Rows 7-11, 13, 14 of every page equal DOMAIN.md section 6 (dispositive = voting)."""
    got = {rp.name: rp for rp in seed.positions}
    assert list(got) == list(SEED_ROWS)
    for name, (types, sole, shared, agg, pct) in SEED_ROWS.items():
        rp = got[name]
        assert rp.type_codes == types, name
        assert (rp.sole_voting, rp.shared_voting) == (sole, shared), name
        assert (rp.sole_dispositive, rp.shared_dispositive) == (sole, shared), name
        assert rp.aggregate == agg, name
        assert rp.percent_of_class == pytest.approx(pct), name
        assert rp.party_id == party_id(name=name)


def test_seed_places_groups_and_ids(seed: ParsedDocument) -> None:
    got = {rp.name: rp for rp in seed.positions}
    assert got[LP].citizenship == "Delaware"
    assert got[OFF].citizenship == "Cayman Islands"
    assert got[OBUS].citizenship == "U.S."
    assert got[LP].member_of_group == "b"
    assert got[OBUS].member_of_group == "b"
    llc = seed.party(_pid(seed, LLC))
    assert ("irs", "13-4018186") in llc.identifiers


def test_seed_components_per_fund(seed: ParsedDocument) -> None:
    got = {rp.name: rp for rp in seed.positions}
    for name, (common, conv, warr) in SEED_COMPONENTS.items():
        comps = [(c.instrument, c.shares) for c in got[name].components]
        assert comps == [
            (Instrument.COMMON, common),
            (Instrument.CONVERTIBLE, conv),
            (Instrument.WARRANT, warr),
        ], name
    assert [c.shares for c in got[OBUS].components] == [1_073_554, 1_547_377, 1_110_392]


def test_seed_names_clean_and_every_spelling_kept(seed: ParsedDocument) -> None:
    """The broken first name ("artners Sı ... mall Cap Value LP") resolves to the L.P."""
    lp = seed.party(_pid(seed, LP))
    assert "artners Sı mall Cap Value LP" in lp.names
    assert "WYNNEFIELD PARTNERS SMALL CAP VALUE, L.P." in lp.names
    assert "Wynnefield Partners Small Cap Value LP" in lp.names
    off = seed.party(_pid(seed, OFF))
    assert "Wynnefield Partners Small Cap Value Offshore Fund, Ltd." in off.names
    rp = next(r for r in seed.positions if r.name == LP)
    assert rp.name_as_filed == "artners Sı mall Cap Value LP"
    assert any("name broken" in n for n in rp.notes)


def test_seed_party_kinds(seed: ParsedDocument) -> None:
    kinds = {p.name: p.kind for p in seed.parties}
    assert kinds[LP] == kinds[LP1] == kinds[OFF] == NodeKind.FUND
    assert kinds[INC] == kinds[LLC] == NodeKind.ENTITY
    assert kinds[OBUS] == kinds[LANDES] == NodeKind.PERSON
    assert len(seed.parties) == 8  # seven reporting persons and the issuer


def test_seed_holdings_three_per_fund(seed: ParsedDocument) -> None:
    doc = seed.document
    by = {(seed.party(h.holder_id).name, h.instrument): h for h in seed.holdings}
    assert len(seed.holdings) == 9
    for name, (common, conv, warr) in SEED_COMPONENTS.items():
        pid = _pid(seed, name)
        for ins, shares in (
            (Instrument.COMMON, common),
            (Instrument.CONVERTIBLE, conv),
            (Instrument.WARRANT, warr),
        ):
            h = by[(name, ins)]
            assert h.shares == shares
            assert h.right_to_acquire is (ins != Instrument.COMMON)
            assert h.as_of == doc.event_date
            assert h.id == make_id("holding", doc.id, pid, doc.security_id, ins)


def test_seed_upper_pages_are_not_holders(seed: ParsedDocument) -> None:
    got = {rp.name: rp for rp in seed.positions}
    fund_ids = {_pid(seed, n) for n in (LP, LP1, OFF)}
    assert set(got[OBUS].owned_by) == fund_ids
    assert set(got[LANDES].owned_by) == fund_ids
    assert set(got[LLC].owned_by) == {_pid(seed, LP), _pid(seed, LP1)}
    assert set(got[INC].owned_by) == {_pid(seed, OFF)}
    assert {h.holder_id for h in seed.holdings} == fund_ids


def test_seed_recovered_values_are_said(seed: ParsedDocument) -> None:
    """Row 11 of the first fund is cut ("mon stock, consisting of ..."): restated, noted."""
    rp = next(r for r in seed.positions if r.name == LP)
    assert any(n.startswith("row 11 cut") for n in rp.notes)
    assert "row 11 cut" in (rp.provenance[0].note or "")
    recovered = [f for f in seed.findings if f.kind == "value_recovered"]
    assert any(f.subject_ids == (rp.party_id,) and f.found == 1_019_531 for f in recovered)
    assert all(f.severity == Severity.INFO for f in recovered)


def test_seed_signature_links(seed: ParsedDocument) -> None:
    links = _links(seed)
    gp = links[(LLC, LP, Role.GENERAL_PARTNER)]
    assert gp.power is None
    assert any("General Partner" in (p.phrase or "") for p in gp.provenance)
    assert len({p.span for p in gp.provenance}) == 2  # signature page and JFA page, one link
    assert (LLC, LP1, Role.GENERAL_PARTNER) in links
    mm = links[(OBUS, LLC, Role.MANAGING_MEMBER)]
    assert mm.power == Power.SHARED  # "Co-Managing Member"
    assert any("Co-Managing Member" in (p.phrase or "") for p in mm.provenance)
    assert links[(OBUS, INC, Role.OFFICER)].power is None  # "President"
    im = links[(INC, OFF, Role.INVESTMENT_MANAGER)]
    phrases = " | ".join(p.phrase or "" for p in im.provenance)
    assert "funds managed by Wynnefield Capital, Inc." in phrases
    assert "By: Wynnefield Capital, Inc." in phrases
    for lk in seed.links:
        assert lk.id == make_id(
            "link", seed.document.id, lk.controller_id, lk.controlled_id, lk.role
        )
        assert all(p.span for p in lk.provenance)


def test_seed_stated_power_links(seed: ParsedDocument) -> None:
    links = _links(seed)
    assert links[(LLC, LP, Role.STATED_POWER)].power == Power.SOLE
    assert links[(LLC, LP1, Role.STATED_POWER)].power == Power.SOLE
    assert links[(INC, OFF, Role.STATED_POWER)].power == Power.SOLE
    for person in (OBUS, LANDES):
        for fund in (LP, LP1, OFF):
            assert links[(person, fund, Role.STATED_POWER)].power == Power.SHARED
    assert "collectively owned by" in links[(LANDES, OFF, Role.STATED_POWER)].provenance[0].phrase


def test_seed_never_invents_a_link(seed: ParsedDocument) -> None:
    """Joshua Landes's role is not restated in this amendment: only STATED_POWER links."""
    landes = _pid(seed, LANDES)
    roles = {lk.role for lk in seed.links if landes in (lk.controller_id, lk.controlled_id)}
    assert roles == {Role.STATED_POWER}
    inc, lp = _pid(seed, INC), _pid(seed, LP)
    assert not [lk for lk in seed.links if (lk.controller_id, lk.controlled_id) == (inc, lp)]


def test_seed_one_share_gaps(seed: ParsedDocument) -> None:
    """The funds' convertibles add to 1,547,378 and totals to 3,731,324; the persons say one less."""
    gaps = {
        (seed.party(f.subject_ids[0]).name, f.expected, f.found)
        for f in seed.findings
        if f.kind == "components_sum"
    }
    for person in (OBUS, LANDES):
        assert (person, 1_547_378, 1_547_377) in gaps
        assert (person, 3_731_324, 3_731_323) in gaps
    assert all(f.severity == Severity.WARNING for f in seed.findings if f.kind == "components_sum")


def test_seed_joint_filing_agreement_findings(seed: ParsedDocument) -> None:
    jfa = [f for f in seed.findings if f.kind == "joint_filing_parties"]
    lp1 = _pid(seed, LP1)
    missing = [f for f in jfa if f.subject_ids == (lp1,)]
    assert missing and "signs it" in missing[0].message
    renamed = [f for f in jfa if f.subject_ids == (_pid(seed, OFF),)]
    assert renamed[0].found == "Wynnefield Partners Small Cap Value Offshore Fund, Ltd."
    assert len(seed.extra["joint_filing_parties"]) == 6
    assert LP1 not in seed.extra["joint_filing_parties"]
    json.dumps(seed.extra)  # JSON-serialisable


def test_seed_conflicting_by_statements(seed: ParsedDocument) -> None:
    """The default notice has the L.P.s act "By: Wynnefield Capital, Inc."."""
    conflicts = [f for f in seed.findings if f.kind == "conflicting_statements"]
    subjects = {f.subject_ids[0] for f in conflicts}
    assert subjects == {_pid(seed, LP), _pid(seed, LP1)}
    assert all(f.found == INC and f.expected == LLC for f in conflicts)


def test_seed_name_variants_and_deterministic_ids(seed: ParsedDocument) -> None:
    variants = {
        seed.party(f.subject_ids[0]).name for f in seed.findings if f.kind == "name_variants"
    }
    assert {LP, OFF, LLC} <= variants
    again = parse_path(SEED)
    assert [f.id for f in again.findings] == [f.id for f in seed.findings]
    assert to_dict(again) == to_dict(seed)


def test_seed_parse_json_cli() -> None:
    """`ownergraph parse SEED --json` follows the issue's JSON contract."""
    from ownergraph.cli import main

    result = CliRunner().invoke(main, ["parse", str(SEED), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"]["format"] == "sec13dg-legacy"
    assert data["form"] == "SC 13D/A" and data["amendment_no"] == 2
    assert data["event_date"] == "2008-09-30"
    assert data["issuer"]["cusip"] == "53634X100"
    assert data["issuer"]["name"] == "Liquidmetal Technologies, Inc."
    rps = {rp["name"]: rp for rp in data["reporting_persons"]}
    assert rps[LP]["sole_voting"] == 1019531 and rps[LP]["percent_of_class"] == 2.28
    assert rps[LLC]["type"] == []
    assert rps[OBUS]["shared_voting"] == 3731323 and rps[OBUS]["member_of_group"] == "b"
    assert rps[OBUS]["sole_voting"] == 0
    assert len(data["holdings"]) == 9
    assert {h["instrument"] for h in data["holdings"]} == {"common", "convertible", "warrant"}
    rel = {(r["controller"], r["controlled"], r["role"]) for r in data["relationships"]}
    assert (LLC, LP, "general_partner") in rel
    assert all(r["evidence"] for r in data["relationships"])
    assert {f["kind"] for f in data["findings"]} >= {
        "components_sum",
        "joint_filing_parties",
        "conflicting_statements",
        "name_variants",
        "value_recovered",
    }


# --------------------------------------------------------------------------- sniff / errors


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\tSC 13G\n", True),
        (b"<html><body>SCHEDULE 13D ... NAME OF REPORTING PERSON</body></html>", True),
        (b'<?xml version="1.0"?>\n<edgarSubmission><formData>SCHEDULE 13D', False),
        (b"<?xml version='1.0'?><ownershipDocument>", False),
        (b'{"bodsVersion": "0.4"}', False),
        (b"just some text", False),
    ],
)
def test_sniff(head: bytes, expected: bool) -> None:
    assert legacy.sniff(head) is expected


def test_no_cover_page_is_an_input_error() -> None:
    text = b"SCHEDULE 13D\n\nUnder the Securities Exchange Act of 1934\n\nItem 1. Security\n"
    with pytest.raises(InputError, match="no cover page found") as err:
        legacy.parse(io.BytesIO(text), path="x.txt")
    assert err.value.place.startswith("line ")


# --------------------------------------------------------------------------- fixtures


def _fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".htm", ".html"))


@pytest.mark.parametrize("path", _fixture_files(), ids=lambda p: p.stem)
def test_fixture_facts(path: Path) -> None:
    """Each legacy fixture against the hand-checked facts of tests/fixtures/README.md A."""
    exp = EXPECTED.get(path.name)
    assert exp is not None, f"add expectations for {path.name} to expected.json"
    parsed = parse_path(path)
    doc = parsed.document
    assert detect(path.read_bytes()) == SourceFormat.SEC13DG_LEGACY
    for key in ("form", "accession", "amendment_no", "outstanding"):
        assert getattr(doc, key) == exp[key], key
    assert (doc.event_date.isoformat() if doc.event_date else None) == exp["event_date"]
    assert (doc.filed_date.isoformat() if doc.filed_date else None) == exp["filed_date"]
    issuer = parsed.party(doc.issuer_id)
    assert issuer.name == exp["issuer"]["name"]
    assert issuer.identifier("cik") == exp["issuer"]["cik"]
    assert parsed.securities[0].cusip == exp["issuer"]["cusip"]
    got = [rp for rp in parsed.positions]
    assert [rp.name for rp in got] == [r["name"] for r in exp["reporting_persons"]]
    for rp, want in zip(got, exp["reporting_persons"], strict=True):
        for key, value in want.items():
            if key == "type":
                assert list(rp.type_codes) == value, (rp.name, key)
            elif key == "name":
                continue
            else:
                assert getattr(rp, key) == value, (rp.name, key)
    names = {p.id: p.name for p in parsed.parties}
    links = {
        (names[lk.controller_id], names[lk.controlled_id], lk.role.value) for lk in parsed.links
    }
    for ctrl, ctld, role in exp["links"]:
        assert (ctrl, ctld, role) in links, (ctrl, ctld, role, sorted(links))
    for lk in parsed.links:
        assert lk.provenance and all(p.phrase for p in lk.provenance)
    holders = {(names[h.holder_id], h.instrument.value, h.shares) for h in parsed.holdings}
    assert holders == {tuple(h) for h in exp["holdings"]}
    kinds = {f.kind for f in parsed.findings}
    assert set(exp.get("finding_kinds", [])) <= kinds
    json.dumps(to_dict(parsed))


# --------------------------------------------------------------------------- regressions


def test_regression_row_number_inside_a_value() -> None:
    """PDF extraction put row 9's number before row 8's value ("9\\t0 SOLE DISPOSITIVE").

    The L.P. I page of the seed once read shared voting 9 and sole dispositive 3 (from a
    garbled duplicate label "3\\tSOLE DISTOSITIVE TO WER"): row numbers left in a value at a
    line start are dropped when the row holds another number.
    """
    row = legacy._Row("shared_voting", "\t\t\t\t\n\t\t9\t0 ", 0, 12)
    assert legacy._read_amount(row).total == 0
    row = legacy._Row(
        "sole_dispositive",
        "\n\t\t3\tSOLE DISTOSITIVE TO WER\n\t\t\t1,370,294 shares of common stock, consisting of"
        " (i) 395,779 shares of Common Stock; (ii) 567,372 shares of Common Stock issuable upon"
        " conversion; and (iii) 407,143 shares issuable upon exercise of Warrants.\n\t\t10\t",
        0,
        250,
    )
    am = legacy._read_amount(row)
    assert am.total == 1_370_294
    assert [v for _m, v, _i in am.components] == [395_779, 567_372, 407_143]


def test_regression_interleaved_breakdown() -> None:
    """Nelson Obus's row 8 came out of the PDF as two interleaved columns.

    "1,547,377 shares of Common St 1,110,392 shares of Common St owned by ... ck, consisting
    of an aggregate (i) 1,073,554 ...; (ii) ock issuable upon conversion ...; and (iii) ock
    issuable upon exercise ..." lost its total; the displaced numbers go back to (ii) and
    (iii) in order and the total is their sum, with a note.
    """
    seed = parse_path(SEED)
    rp = next(r for r in seed.positions if r.name == OBUS)
    assert rp.shared_voting == 3_731_323
    assert any("displaced" in n for n in rp.notes)
    assert any("garbled" in n for n in rp.notes)  # owners identified by their numbers


def test_a_chief_investment_officer_signing_does_not_control_the_filer() -> None:
    """Regression: BlackRock's 2013 13G is signed "Chris Leavy, Chief Investment Officer".
    Read as an officer link, it made Mr Leavy the ultimate controller of BlackRock, Inc.,
    and (once BlackRock was merged across documents) of every BlackRock position in the
    store. A signer's title makes a control link only for titles that direct the entity
    (president, chief executive, chairman, managing director); signatories, attorneys,
    and chief investment/financial officers do not."""
    from ownergraph.loaders import parse_path

    parsed = parse_path(
        Path(__file__).parent
        / "fixtures"
        / "sec13dg-legacy"
        / "onebeacon-insurance_blackrock_sc13g_2013-01-30.txt"
    )
    names = {p.id: p.name for p in parsed.parties}
    assert not any(names[lk.controller_id] == "Chris Leavy" for lk in parsed.links)
    assert "Chris Leavy" not in {names[lk.controlled_id] for lk in parsed.links} | {
        names[lk.controller_id] for lk in parsed.links
    }


def test_seed_name_variants_count_agrees_with_list(seed: ParsedDocument) -> None:
    """QA: the Offshore Fund's finding said "4 spellings" while listing 6 (the count folded
    case and spacing, the list did not). The count is now the list's length; the folded count
    follows in brackets."""
    for f in (f for f in seed.findings if f.kind == "name_variants"):
        n = len(f.found)
        assert f" appears under {n} spellings" in f.message, f.message
        assert len(set(f.found)) == n


# --------------------------------------------------------------------------- truncated input


def _cut(n: int) -> ParsedDocument:
    return legacy.parse(io.BytesIO(SEED.read_bytes()[:n]), path=f"seed-{n}.txt")


def test_cut_seed_never_takes_a_runaway_phrase_for_a_name() -> None:
    """QA: the seed cut at 15,000 bytes named the Inc.'s page (filed as 'Wynnefield C')
    "Wynnefield Partners Small Cap Value LP I. CHECK IF TH E AGGRE GATE AMOUNT IN ROW (11)":
    an "owned by" capture ran into row 12's label and name recovery accepted it. Spellings
    with row labels, row text or a sentence end are no longer candidates; the broken name
    keeps its filed spelling and a name_unresolved warning says so."""
    parsed = _cut(15_000)
    names = [p.name for p in parsed.parties]
    assert not [n for n in names if not sec_page_names._is_name_like(n)], names
    assert "Wynnefield C" in names
    flagged = {f.found for f in parsed.findings if f.kind == "name_unresolved"}
    assert "Wynnefield C" in flagged
    assert all(
        f.severity is Severity.WARNING for f in parsed.findings if f.kind == "name_unresolved"
    )


def test_cover_page_cut_before_its_rows_is_reported_not_dropped() -> None:
    """QA: the seed cut at 3,000 bytes silently dropped the half-read second cover page (its
    row 1 only) and parsed as a one-person filing. Now it is an InputError naming the page."""
    with pytest.raises(InputError, match=r"cover page 2 is incomplete"):
        _cut(3_000)


def test_unresolvable_broken_name_is_kept_as_filed_and_flagged() -> None:
    """The first page's row 1 reads 'artners Sı mall Cap Value LP' (PDF extraction). With the
    file cut after that page's rows, nothing else in the text spells the fund: the party keeps
    the filed spelling, flagged, instead of a guess."""
    text = SEED.read_bytes()
    cut = text.index(b"NAME OF REPORTING PERSON", text.index(b"artners") + 1)
    parsed = legacy.parse(io.BytesIO(text[:cut]), path="one-page.txt")
    [page] = parsed.positions
    assert page.name == "artners Sı mall Cap Value LP"
    [f] = [f for f in parsed.findings if f.kind == "name_unresolved"]
    assert f.subject_ids == (page.party_id,)


def test_full_seed_names_are_unchanged(seed: ParsedDocument) -> None:
    """The guards change nothing on the whole seed: every page's recovered name as before."""
    assert not [f for f in seed.findings if f.kind == "name_unresolved"]
    assert {rp.name for rp in seed.positions} == {LP, LP1, OFF, INC, LLC, OBUS, LANDES}


# --------------------------------------------------------------------------- layouts (quoted)


def _html_13g(cover_name: str, after_cover: str, amount: str = "1,000") -> bytes:
    """A one-page HTML 13G around a quoted excerpt: the cover page is the form's rows with
    made-up values; ``after_cover`` is the quoted part (Items, signatures)."""
    rows = "".join(
        f"<tr><td>{n}</td><td>{label}</td><td>{value}</td></tr>"
        for n, label, value in [
            (1, "NAMES OF REPORTING PERSONS", cover_name),
            (2, "CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP", "(a) [ ] (b) [ ]"),
            (3, "SEC USE ONLY", ""),
            (4, "CITIZENSHIP OR PLACE OF ORGANIZATION", "Delaware"),
            (5, "SOLE VOTING POWER", "0"),
            (6, "SHARED VOTING POWER", amount),
            (7, "SOLE DISPOSITIVE POWER", "0"),
            (8, "SHARED DISPOSITIVE POWER", amount),
            (9, "AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON", amount),
            (10, "CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (9) EXCLUDES CERTAIN SHARES", ""),
            (11, "PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9)", "5.1%"),
            (12, "TYPE OF REPORTING PERSON", "PN"),
        ]
    )
    html = (
        "<html><body><p>SCHEDULE 13G</p><p>Example Issuer, Inc.</p><p>(Name of Issuer)</p>"
        f"<table>{rows}</table>{after_cover}</body></html>"
    )
    return (
        "<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>SC 13G\n<TEXT>\n" + html + "\n</TEXT>\n</DOCUMENT>\n"
    ).encode()


def _links_by_name(parsed: ParsedDocument) -> set[tuple[str, str, str]]:
    names = {p.id: p.name for p in parsed.parties}
    return {
        (names[lk.controller_id], names[lk.controlled_id], lk.role.value) for lk in parsed.links
    }


def test_quoted_indented_item_1_ends_the_cover_page_and_signatures_are_read() -> None:
    """Quoted (Select Equity / Entegris 2022 13G, HTML rendered with indentation): the
    cover page ends at an indented "Item 1(a)"; before, the last page ran to the end of
    the file and its signature block ("By: Select Equity GP, LLC, its General Partner" /
    "By: /s/ George S. Loening" / "Title: Managing Member") was never read."""
    after = (
        '<div style="margin-left:40pt">Item 1(a)</div>'
        '<div style="margin-left:40pt">Name of Issuer:</div>'
        "<p>SIGNATURES</p><p>After reasonable inquiry ... true, complete and correct.</p>"
        "<div>SELECT EQUITY GROUP, L.P.</div>"
        "<div>By: Select Equity GP, LLC, its General Partner </div>"
        "<div>By: <u>/s/ George S. Loening</u></div>"
        "<div>Name: George S. Loening</div><div>Title: Managing Member</div>"
    )
    parsed = legacy.parse(io.BytesIO(_html_13g("Select Equity Group, L.P.", after)), path="x")
    links = _links_by_name(parsed)
    assert ("Select Equity GP, LLC", "Select Equity Group, L.P.", "general_partner") in links
    assert ("George S. Loening", "Select Equity GP, LLC", "managing_member") in links


def test_quoted_html_line_breaks_inside_a_paragraph_are_spaces() -> None:
    """Quoted (Vanguard / Coeur d'Alene 2012 13G): the HTML source breaks lines inside a
    paragraph ("By /s/ F.\\nWilliam McNabb III*", "President and\\nChief Executive
    Officer"); a browser shows one line each, and so does the text the loader reads, so
    the signer and his title are found (convention 2: President and CEO -> officer)."""
    after = (
        "<p>Item 1(a) Name of Issuer: Example Issuer, Inc.</p><p>Signature</p>"
        "<p>Date:&nbsp;&nbsp;02/03/2012</p>"
        "<p>By<u> /s/ F.\nWilliam McNabb III*</u></p><p>F. William\nMcNabb III</p>"
        "<p>President and\nChief Executive Officer</p>"
    )
    parsed = legacy.parse(io.BytesIO(_html_13g("THE VANGUARD GROUP, INC.", after)), path="x")
    assert ("F. William McNabb III", "The Vanguard Group, Inc.", "officer") in _links_by_name(
        parsed
    )


def test_quoted_side_by_side_signature_blocks_are_read_one_side_after_the_other() -> None:
    """Quoted (Strategic Value Partners / Chemtura 2009 13D): two signature blocks side by
    side in one table (a spacer column between them); read row by row, "By: Victor
    Khosla, Managing Member" of the left block lands under the right block's entity. Each
    side is one block: "Midwood, LP / By: Midwood Holdings, LLC / By: Victor Khosla,
    Managing Member" and "Midwood Holdings, LLC / By: Victor Khosla, Managing Member"."""
    from ownergraph.loaders.sec_sections import _html_to_text

    def row(left: str, right: str) -> str:
        return f'<tr><td colspan="2">{left}</td><td>&nbsp;</td><td colspan="2">{right}</td></tr>'

    table = (
        "<table>"
        + row("Midwood, LP", "Midwood Holdings, LLC")
        + row("By: Midwood Holdings, LLC", "By: Victor Khosla, Managing Member")
        + row("By: Victor Khosla, Managing Member", "")
        + "<tr><td>By:</td><td>/s/ Victor Khosla</td><td></td><td>By:</td>"
        "<td>/s/ Victor Khosla</td></tr>" + row("Name: Victor Khosla", "Name: Victor Khosla")
    )
    text = _html_to_text(f"<html><body>{table}</table></body></html>")
    left, right = text.strip().split("\n\n", 1)
    assert left.startswith(
        "Midwood, LP\nBy: Midwood Holdings, LLC\nBy: Victor Khosla, Managing Member\nBy:"
    )
    assert right.startswith("Midwood Holdings, LLC\nBy: Victor Khosla, Managing Member\nBy:")
    after = "<p>Item 1(a) Name of Issuer</p><p>SIGNATURE</p>" + table + "</table>"
    parsed = legacy.parse(io.BytesIO(_html_13g("Midwood, LP", after)), path="x")
    links = _links_by_name(parsed)
    assert ("Victor Khosla", "Midwood Holdings, LLC", "managing_member") in links
    assert not any(c == "Victor Khosla" and d == "Midwood, LP" for c, d, _r in links)


def test_an_edgar_text_table_keeps_its_lines() -> None:
    """An EDGAR text body whose only tags are <TABLE>/<S>/<C> (1990s filings) is not HTML
    prose: its line breaks are its layout and stay."""
    from ownergraph.loaders.sec_sections import _html_to_text

    text = _html_to_text("<TABLE>\n<S>  <C>\n1  NAME OF REPORTING PERSON\n   The Capital Group\n")
    assert "NAME OF REPORTING PERSON\n" in text


def test_quoted_id_label_after_a_row_1_name_and_zero_zero_type_code() -> None:
    """Quoted (GAMCO / Strattec 2024 13D/A): row 1 "GAMCO Asset Management Inc. I.D. No.
    13-4044521" is the name without its number's label; row 14 "00-Private Foundation" is
    type OO typed with zeros."""
    assert (
        sec_cover_rows._ID_LABEL_AFTER_NAME.sub("", "GAMCO Asset Management Inc. I.D. No.")
        == "GAMCO Asset Management Inc."
    )
    assert sec_cover_rows._type_codes("\n  00-Private Foundation\n\n  4\n") == ("OO",)


def test_quoted_amendment_without_item_1_labels_on_their_own_lines() -> None:
    """Quoted (Cornwall / Hill International 2016 13D/A): the amendment restates only
    "Item 3." and "Item 5." (no Item 1), so the last cover page ends at "Item 3."; its
    signature table puts each label in a cell of its own ("By:" / "/s/ James A. Mai",
    "Title:" / "Managing Member"). Convention 2: Cornwall GP -> Cornwall Master LP
    (general partner), James A. Mai -> Cornwall GP (managing member)."""
    after = (
        "<p>This Amendment No. 1 to Schedule 13D amends and supplements the Schedule 13D.</p>"
        "<p>Item 3.\tSource and Amount of Funds or Other Consideration</p>"
        "<p>SIGNATURES</p><p>After reasonable inquiry ... true, complete and correct.</p>"
        "<table><tr><td colspan=5>CORNWALL MASTER LP</td></tr>"
        "<tr><td colspan=5>By: Cornwall GP, LLC, its general partner</td></tr>"
        "<tr><td>By:</td><td>&nbsp;</td><td colspan=3><p>/s/ James A. Mai</p></td></tr>"
        "<tr><td>Name:</td><td></td><td colspan=3>James A. Mai</td></tr>"
        "<tr><td>Title:</td><td></td><td colspan=3>Managing Member</td></tr></table>"
    )
    parsed = legacy.parse(io.BytesIO(_html_13g("Cornwall Master LP", after)), path="x")
    links = _links_by_name(parsed)
    assert ("Cornwall GP, LLC", "Cornwall Master LP", "general_partner") in links
    assert ("James A. Mai", "Cornwall GP, LLC", "managing_member") in links


def test_quoted_by_without_a_capacity_states_no_link() -> None:
    """Quoted (Sphinx / Performance Shipping 2025 13D/A): "SPHINX INVESTMENT CORP." /
    "By: Levante Services Limited" / "By: /s/ Kleanthis Costa Spathias" / "Director": a
    corporate director signing with no capacity stated, and a Director, state no link
    (convention 2); Levante is no controller of Sphinx."""
    after = (
        "<p>Item 1(a) Name of Issuer</p><p>SIGNATURES</p><p>Date: July 31, 2025</p>"
        "<p>SPHINX INVESTMENT CORP.</p><p>By: Levante Services Limited</p>"
        "<p>By: /s/ Kleanthis Costa Spathias</p><p>Kleanthis Costa Spathias</p><p>Director</p>"
    )
    parsed = legacy.parse(io.BytesIO(_html_13g("Sphinx Investment Corp.", after)), path="x")
    assert _links_by_name(parsed) == set()


def test_by_name_comma_its_and_the_role_on_the_next_line() -> None:
    """'By: Energy Growth Momentum GP II Limited, its' / 'general partner' (a role broken
    after "its"): the intermediary is the name without "its"."""
    from ownergraph.loaders.sec_signatures import _signature_blocks

    text = (
        "SIGNATURE\n\nENERGY GROWTH MOMENTUM II LP\n"
        "By: Energy Growth Momentum GP II Limited, its\ngeneral partner\n"
        "By: /s/ Jane Roe\nName: Jane Roe\nTitle: Director\n"
    )
    (block,) = _signature_blocks(text, 0)
    assert block.by[0][:2] == ("Energy Growth Momentum GP II Limited", "general partner")


def test_quoted_nothing_owned_the_filer_holds_zero() -> None:
    """Quoted (Dominion Capital Fund / Voxcom 1999 13G/A, an exit filing): every row is
    "0" ("Aggregate Amount Beneficially Owned by Each Reporting Person: 0", "Percent of
    Class: 0%"). Nothing is owned, and who controls the reported shares is the filer at
    0 (convention 11), not an empty answer."""
    from ownergraph.graph.store import build_graph
    from ownergraph.queries.control import who_controls

    after = "<p>Item 1(a) Name of Issuer</p><p>Item 4. Ownership: 0</p>"
    parsed = legacy.parse(
        io.BytesIO(_html_13g("Dominion Capital Fund Ltd.", after, amount="0")), path="x"
    )
    (holding,) = parsed.holdings
    assert holding.shares == 0
    G = build_graph(
        parsed.parties, parsed.securities, parsed.holdings, parsed.links, [parsed.document]
    )
    ans = who_controls(G, parsed.securities[0].id, max_paths=0)
    assert [(c.name, c.shares) for c in ans.ultimate] == [("Dominion Capital Fund Ltd.", 0)]


@pytest.mark.parametrize(
    ("row", "box"),
    [
        ("(a):  \u2610        (b):  \u2612", "b"),  # quoted, Rose / Reata 2020 13D/A
        ("(a.)  (  )       (b.)  (X)", "b"),  # quoted, Towle / Insteel 2003 13D
        ("\u00a8  (a)         x  (b)", "b"),  # quoted, Musk / Tesla 2013 13G/A (box first)
        ("(a) \u2612 (b) \u2610", "a"),
        ("\u00a8 (a) \u00a8 (b)", None),
        # a cover printed in capitals (synthetic): the letters are capitals too
        ("(A) [X]\n    (B) [ ]", "a"),
        ("(A) [ ]   (B) [X]", "b"),
        ("(A)  /  /     (B)  /X/", "b"),
        ("[ ] (A)   [X] (B)", "b"),
    ],
)
def test_quoted_group_box_layouts(row: str, box: str | None) -> None:
    """Row 2's checked box, after its letter with a colon or a dotted letter, or before
    its letter when the boxes stand first."""
    assert sec_cover_rows._group_box(row) == box


def test_quoted_row_labels_with_words_dropped() -> None:
    """Quoted (Puroil / Octagon 88 2008 13D): "Check the Appropriate Box if a Member of
    Group:" (no "a") and "Shares Dispositive Power" (for Shared) are still rows 2 and 10."""
    from ownergraph.loaders.sec_cover import _LABELS

    labels = dict(_LABELS)
    assert labels["group"].search("Check the Appropriate Box if a Member of  Group:")
    assert labels["shared_dispositive"].search("Shares Dispositive Power")


def test_quoted_percent_zero_between_dashes() -> None:
    """Quoted (Edwards / Upbancorp 2003 13D/A, an exit filing): row 13 "-0-%" is 0
    (convention 6), not unknown."""
    after = "<p>Item 1(a) Name of Issuer</p>"
    doc = _html_13g("Stephen W. Edwards", after, amount="-0-").replace(b"5.1%", b"-0-%")
    parsed = legacy.parse(io.BytesIO(doc), path="x")
    assert parsed.positions[0].percent_of_class == 0


def test_quoted_signature_with_captions_under_rules() -> None:
    """Quoted (Relative Value Partners / Western Asset 2020 13D, text): the signature, the
    name and the title each stand over a rule and a caption ("/s/ MAURY FERTIG" /
    "-----" / "SIGNATURE" / "MAURY FERTIG/MANAGING MEMBER" / "-----" / "NAME/TITLE"): the
    signer's title is Managing Member (convention 2)."""
    from ownergraph.loaders.sec_signatures import _signature_blocks

    text = (
        "\t\t\t\tSIGNATURE\n\nAfter reasonable inquiry ... true, complete and correct.\n\n\n"
        "\t\t\t    Relative Value Partners, LLC\n\n\n"
        "                                   March  , 2020\n"
        "\t                  -------------------------------\n"
        "\t                              DATE\n\n\n"
        "\t                        /s/ MAURY FERTIG\n"
        "                          -------------------------------\n"
        "                                    SIGNATURE\n\n"
        "\t                   MAURY FERTIG/MANAGING MEMBER\n"
        "\t                 --------------------------------\n"
        "\t                           NAME/TITLE\n"
    )
    (block,) = _signature_blocks(text, 0)
    assert (block.signer, block.capacity) == ("MAURY FERTIG", "MANAGING MEMBER")


def test_quoted_item_colon_cover_pages() -> None:
    """Quoted (FMR Corp. / RadiSys 2005 13G/A): the cover pages are numbered lines,
    "Item 1:\\tReporting Person - FMR Corp." / "Item 4:\\tDelaware" / "Item 5:\\t0" ...
    "Item 11:\\t0.000%" / "Item 12:\\t    HC" (13G rows), once refused as having no cover
    page; rows 13-14 make the numbering a 13D's ("Item 7: 161,387" is sole voting,
    "Item 11: 903,691" the aggregate: FMR / Brookstone 1994 13D/A)."""
    body = (
        "SCHEDULE 13G\n\nAmendment No. 5\nRadiSys Corporation\nCommon Stock\n"
        "Cusip #750459109\n\n\nCusip #750459109\n"
        "Item 1:\tReporting Person - FMR Corp.\nItem 4:\tDelaware\nItem 5:\t0\nItem 6:\t0\n"
        "Item 7:\t0\nItem 8:\t0\nItem 9:\t0\nItem 11:\t0.000%\nItem 12:\t    HC\n\n\n"
        "Item 1(a).\tName of Issuer:\n\n\t\tRadiSys Corporation\n"
    )
    parsed = legacy.parse(io.BytesIO(body.encode()), path="x")
    (rp,) = parsed.positions
    assert (rp.name, rp.sole_voting, rp.aggregate, rp.percent_of_class, rp.type_codes) == (
        "FMR Corp.",
        0,
        0,
        0,
        ("HC",),
    )
    d = legacy.item_colon_covers(
        "Item 1:\tReporting Person - FMR Corp. - (Tax ID:  04-2507163) \nItem 4:\tPF \n"
        "Item 6:\tCommonwealth of Massachusetts \nItem 7:\t161,387 \nItem 8:\tNone \n"
        "Item 9:\t731,287 \nItem 10:\tNone \nItem 11:\t903,691 \nItem 13:\t12.12% \n"
        "Item 14:\tHC \n\n"
    )
    assert "NAMES OF REPORTING PERSONS\nFMR Corp.\n" in d
    assert "SOLE VOTING POWER\n161,387\n" in d
    assert "AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON\n903,691\n" in d


def test_quoted_older_power_row_wording() -> None:
    """Quoted (J.P. Morgan / Neozyme II 1995 13G/A): "(5) SOLE POWER TO VOTE:  49,750
    SHARES" ... "(8) SHARED POWER TO DISPOSE:  0 SHARES" (the older form's wording, also
    "Sole power to vote or to direct the vote") are rows 5-8."""
    from ownergraph.loaders.sec_cover import _LABELS

    labels = dict(_LABELS)
    assert labels["sole_voting"].search("(5) SOLE POWER TO VOTE:")
    assert labels["shared_voting"].search("(6) SHARED POWER TO VOTE:")
    assert labels["sole_dispositive"].search("(7) SOLE POWER TO DISPOSE:")
    m = labels["shared_dispositive"].search(
        "Shared power to dispose or to direct the disposition of"
    )
    assert m and m.group(0).endswith("of")


def test_quoted_item_colon_cover_page_with_labels() -> None:
    """Quoted (Dimensional Fund Advisors / PTEK 2001 13G, once refused): "Item  1:
    REPORTING PERSONS" / "Dimensional Fund Advisors Inc. (Tax ID: 22-2370029)" / "Item  5:
    SOLE VOTING POWER" / "2,542,287  ** see Note 1 **" / "Item  6:    SHARED VOTING POWER
    --" / "None" ... "Item 12:    TYPE OF REPORTING PERSON --" / "IA"."""
    body = (
        "SCHEDULE 13G\n (12/31/2000)\n\nPTEK HLDGS INC\nCusip # 69366M104\nNew Filing\n\n"
        "Cusip # 69366M104\n\nItem  1:    REPORTING PERSONS\n"
        "            Dimensional Fund Advisors Inc. (Tax ID: 22-2370029)\n\n"
        "Item  4:    CITIZENSHIP\n            Delaware Corporation\n\n"
        "Item  5:    SOLE VOTING POWER\n            2,542,287         ** see Note 1 **\n\n"
        "Item  6:    SHARED VOTING POWER --\n            None\n\n"
        "Item  7:    SOLE DISPOSITIVE POWER --\n            2,542,287         ** see Note 1 **\n\n"
        "Item  8:    SHARED DISPOSITIVE POWER --\n            0\n\n"
        "Item  9:    AGGREGATE AMOUNT BENEFICIALLY OWNED --\n"
        "            2,542,287         ** see Note 1 **\n\n"
        "Item 11:    PERCENT OF CLASS REPRESENTED BY LINE 9 --\n             5.30\n\n"
        "Item 12:    TYPE OF REPORTING PERSON --\n            IA\n\n"
        "- ------------------------------------------\n\nITEM 1(A).  NAME OF ISSUER\n"
    )
    (rp,) = legacy.parse(io.BytesIO(body.encode()), path="x").positions
    assert (rp.name, rp.sole_voting, rp.shared_voting, rp.aggregate, rp.percent_of_class) == (
        "Dimensional Fund Advisors Inc.",
        2_542_287,
        0,
        2_542_287,
        5.30,
    )
    assert rp.type_codes == ("IA",)


def test_quoted_combined_cover_page_listing_every_person_under_each_row() -> None:
    """Quoted (Fitzgerald / Suburban Bancorp 1994 13D, once refused; shortened to three of
    its ten persons): "1.   Names of Reporting Persons:" / "(i)       Gerald F. Fitzgerald"
    ..., then rows 7-13 as tables "Gerald F. Fitzgerald  . . . . . . . .  7,950     110,872"
    (Class A, Class B). One cover page per person, the first column (the first class)."""
    rows = {
        "7.   Sole Voting Power:": ("None      None", "None      None", "None      None"),
        "8.   Shared Voting Power:": ("7,950     110,872", "46,063    156,677", "0     20,521"),
        "9.   Sole Dispositive Power:": ("7,950     110,872", "46,063    156,677", "0   20,521"),
        "10.  Shared Dispositive Power:": ("None      None", "None      None", "None      None"),
        "11.  Aggregate Amount Beneficially Owned by Each Reporting\n     Person:": (
            "7,950     110,872",
            "46,063     156,677",
            "0      20,521",
        ),
        "13.  Percent of Class Represented by Amount in Row (11):": (
            ".4            8.8%",
            "2.2           12.5",
            "0              1.6",
        ),
    }
    people = ("Gerald F. Fitzgerald", "Gerald F. Fitzgerald, Jr.(1)", "Denise M. Fitzgerald")
    body = (
        "SCHEDULE 13D\n\nSuburban Bancorp, Inc.\n(Name of Issuer)\n\n"
        "1.   Names of Reporting Persons:\n\n     (i)       Gerald F. Fitzgerald\n"
        "     (ii)      Gerald F. Fitzgerald, Jr.\n     (iii)     Denise M. Fitzgerald\n\n"
        "2.   Check the Appropriate Row if a Member of a Group:\n\n"
        "     (i)       Gerald F. Fitzgerald          (a)  [ x ] \n"
        "                                             (b)  [  ]\n\n"
        "6.   Citizenship or Place of Organization:\n\n"
        "     (i)       Gerald F. Fitzgerald          U.S.A.\n\n"
        "Number of Shares Owned by Each Reporting Person:\n\n"
    )
    for label, values in rows.items():
        body += f"     {label}\n\n<TABLE>\n<CAPTION>\n{'Name of Reporting Person':<38}Shares\n"
        for who, val in zip(people, values, strict=True):
            body += f"{who:<30} . . . .  {val}\n"
        body += "</TABLE>\n\n"
    body += (
        "14.  Type of Reporting Person:\n\n     (i)       Gerald F. Fitzgerald          IN\n"
        "     (ii)      Gerald F. Fitzgerald, Jr.     IN\n"
        "     (iii)     Denise M. Fitzgerald          IN\n\nItem 1.   Security and Issuer.\n"
    )
    pd = legacy.parse(io.BytesIO(body.encode()), path="x")
    got = [
        (
            p.name,
            p.sole_voting,
            p.shared_voting,
            p.sole_dispositive,
            p.aggregate,
            p.percent_of_class,
            p.type_codes,
        )
        for p in pd.positions
    ]
    assert got == [
        ("Gerald F. Fitzgerald", 0, 7_950, 7_950, 7_950, 0.4, ("IN",)),
        ("Gerald F. Fitzgerald, Jr.", 0, 46_063, 46_063, 46_063, 2.2, ("IN",)),
        ("Denise M. Fitzgerald", 0, 0, 0, 0, 0.0, ("IN",)),
    ]
    assert pd.positions[0].member_of_group == "a"


def test_quoted_percent_less_than_one_percent_is_no_figure() -> None:
    """Quoted (Schechter / support.com 2015 13D, row 13): "Less than 1%": a bound, not a
    percentage (labelling convention 14: null); a plain "3.8%" stays a figure."""
    cover = (
        "SCHEDULE 13D\n\n1 NAME OF REPORTING PERSON\n\n Joshua E. Schechter\n\n"
        "7 SOLE VOTING POWER\n\n 100,000\n\n8 SHARED VOTING POWER\n\n 0\n\n"
        "9 SOLE DISPOSITIVE POWER\n\n 100,000\n\n10 SHARED DISPOSITIVE POWER\n\n 0\n\n"
        "11 AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON\n\n 100,000\n\n"
        "13 PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)\n\n {pct}\n\n"
        "14 TYPE OF REPORTING PERSON\n\n IN\n\nItem 1. Security and Issuer.\n"
    )
    for pct, want in (("Less than 1%", None), ("3.8%", 3.8)):
        (rp,) = legacy.parse(io.BytesIO(cover.format(pct=pct).encode()), path="x").positions
        assert (rp.aggregate, rp.percent_of_class) == (100_000, want)


def test_quoted_values_printed_above_their_labels() -> None:
    """Quoted (EquiTrust / Matrix Service 1998 13G/A): every value sits on the line ABOVE
    its label: "EquiTrust Investment Management Services, Inc.     42-0954363" / "(1) Names
    of Reporting Persons." ... "565,750" / "(5) Sole Voting Power" / "(6) Shared Voting
    Power" / "565,750" / "(7) Sole Dispositive Power" ... "5.87%" / "(11) Percent of Class"
    / "IA" / "(12) Type of Reporting Person*"."""
    body = (
        "SCHEDULE 13G\n\nCUSIP No.        576853105     13G      Page  \n2   of   5   Pages \n"
        "EquiTrust Investment Management Services, Inc.     42-0954363\n"
        "(1) Names of Reporting Persons.  S.S. or I.R.S. Identification\nNos.\n"
        "Of Above Persons\n/   / (a)      /   / (b)\n"
        "(2) Check the Appropriate Box if a Member of a Group*\n(3) SEC Use Only\nDelaware\n"
        "(4) Citizenship or Place of Organization\n"
        "Number of Shares Beneficially Owned by Each Reporting Person With\n565,750\n"
        "(5) Sole Voting Power\n(6) Shared Voting Power\n565,750\n(7) Sole Dispositive Power\n"
        "(8) Shared Dispositive Power\n565,750\n"
        "(9) Aggregate Amount Beneficially Owned by Each Reporting Person\n"
        "(10) Check Box if The Aggregate Amount in Row (9) Excludes\nCertain Shares*\n5.87%\n"
        "(11) Percent of Class Represented by Amount in Row (9)\nIA\n"
        "(12) Type of Reporting Person*\n           *SEE INSTRUCTION SHEET BEFORE FILLING OUT!\n"
        "                                             Page 3 of 5 Pages\n\n"
        "Item 1(a)  Name of Issuer:         Matrix Service Company\n"
    )
    (rp,) = legacy.parse(io.BytesIO(body.encode()), path="x").positions
    assert (
        rp.name,
        rp.sole_voting,
        rp.shared_voting,
        rp.sole_dispositive,
        rp.shared_dispositive,
        rp.aggregate,
        rp.percent_of_class,
        rp.type_codes,
    ) == (
        "EquiTrust Investment Management Services, Inc.",
        565_750,
        None,
        565_750,
        None,
        565_750,
        5.87,
        ("IA",),
    )


def test_quoted_row_14_see_item_3_reads_the_kinds_item_3_lists() -> None:
    """Quoted (Invesco / Hampshire Group 2015 13G): row 14 "See Item 3 of this Statement";
    Item 3 keeps only "(e)  An investment adviser in accordance with section
    240.13d-1(b)(1)(ii)(E)" and "(g)  A parent holding company or control person ...": IA,
    HC. A hand-made Item 3 listing every kind with no box checked states none."""
    from ownergraph.loaders.sec_cover import item3_codes

    quoted = (
        " \t Item 3.\n\n If this statement is filed pursuant to Rules 13d-1(b), or 13d-2(b)"
        " or (c), check whether the person filing is a:\n\n"
        " (e)  An investment adviser in accordance with section 240.13d-1(b)(1)(ii)(E)\n\n"
        " (g)  A parent holding company or control person in accordance with section"
        " 240.13d-1(b)(1)(ii)(G)\n\n As noted in Item 2 above, Invesco is making this filing"
        " on behalf of its subsidiaries.\n\n \t Item 4.\n"
    )
    assert item3_codes(quoted, 0) == ("IA", "HC")
    every = "Item 3.\n" + "".join(
        f"({c}) [ ] {w}\n"
        for c, w in zip(
            "abcdefg",
            (
                "Broker or dealer",
                "Bank as defined",
                "Insurance company",
                "Investment company registered",
                "An investment adviser",
                "An employee benefit plan",
                "A parent holding company",
            ),
            strict=True,
        )
    )
    assert item3_codes(every + "Item 4.\n", 0) == ()
    assert item3_codes(every.replace("(e) [ ]", "(e) [X]") + "Item 4.\n", 0) == ("IA",)


def test_quoted_by_name_title_blocks_under_mixed_case_entities_and_beside_a_date() -> None:
    """Quoted (HNA / Park Hotels 2018 13D/A): "HNA HLT Holdco II LLC" / "By: /s/ WANG Xun"
    / "Name: WANG Xun" / "Title: Manager" (a mixed-case entity above a By/Name/Title block);
    quoted (Altria / Cronos 2022 13D/A): "Date: December 19, 2022 ... MAPLE HOLDCO (BERMUDA)
    LTD." with the date column left of the entity. Quoted (Invesco / Hampshire 2015 13G):
    "Title: Deputy-CEO, Invesco Asset Management S.A" is no CEO (convention 2)."""
    from ownergraph.loaders.sec_signatures import _role_of, _signature_blocks

    hna = (
        " SIGNATURES \n Dated: March 12, 2018\n HNA HLT Holdco II LLC\n"
        "     By:\t  \t /s/ WANG Xun\n     Name:\t  \t WANG Xun\t\n     Title:\t  \t Manager\n"
    )
    (b,) = _signature_blocks(hna, 0)
    assert (b.entities, b.signer, b.capacity) == (["HNA HLT Holdco II LLC"], "WANG Xun", "Manager")
    altria = (
        " SIGNATURE \n Date: December 19, 2022\t  \t \t  \t MAPLE HOLDCO (BERMUDA) LTD.\n"
        " \t  \t \t  \t By:\t  \t /s/ David A. Wise\t\n"
        " \t  \t \t  \t Name:\t  \t David A. Wise\t\n \t  \t \t  \t Title:\t  \t President\n"
    )
    (b,) = _signature_blocks(altria, 0)
    assert (b.entities, b.signer, b.capacity) == (
        ["MAPLE HOLDCO (BERMUDA) LTD."],
        "David A. Wise",
        "President",
    )
    assert _role_of("President") is Role.OFFICER
    assert _role_of("Deputy-CEO, Invesco Asset Management S.A") is None


def test_quoted_signer_titled_manager_is_the_llc_managing_member() -> None:
    """Quoted (HNA / Park Hotels 2018 13D/A): "HNA HLT Holdco I LLC" / "By: /s/ WANG Xun" /
    "Name: WANG Xun" / "Title: Manager": the manager of an LLC (convention 2:
    managing_member); "Title: Director" there states no link; "Investment Manager" keeps its
    own role."""
    from ownergraph.loaders.sec_signatures import _role_of

    assert _role_of("Manager") is Role.MANAGING_MEMBER
    assert _role_of("its Manager") is Role.MANAGING_MEMBER
    assert _role_of("Director") is None
    assert _role_of("Investment Manager") is Role.INVESTMENT_MANAGER
    assert _role_of("Portfolio Manager") is None


def test_a_lone_dash_printed_for_a_cover_value_is_zero() -> None:
    """Harvard / AIM Eastern Europe Fund 1999 13G (labelled dev copy): rows 6 and 8 print
    "----" where the value goes ("SHARED VOTING POWER" / "6" / "----"), rows 5 and 7
    "650,102 shares": convention 6 reads the dashes as 0, not blank; the long rules
    between rows ("- -----...") stay rules."""
    from ownergraph.loaders import parse_path

    doc = (
        ROOT
        / "tests"
        / "fixtures"
        / "corpus"
        / "sec13dg-legacy"
        / "1999-sc13g-858461_aim-eastern-europe-fund_president-fellows-of-harvard-college.txt"
    )
    (rp,) = parse_path(doc).positions
    assert (rp.sole_voting, rp.shared_voting, rp.sole_dispositive, rp.shared_dispositive) == (
        650_102,
        0,
        650_102,
        0,
    )
    assert rp.aggregate == 650_102


@pytest.mark.parametrize(
    ("caps", "shown"),
    [
        ("FMR LLC", "FMR LLC"),  # quoted, FMR / Northstar 2017 13G cover page
        ("GGCP HOLDINGS LLC", "GGCP Holdings LLC"),
        ("BLR PARTNERS LP", "BLR Partners LP"),
        ("CHARLES H. SMITH, JR.", "Charles H. Smith, Jr."),
        ("ST. JAMES CAPITAL MGMT", "St. James Capital MGMT"),
    ],
)
def test_acronyms_stay_capitals_in_a_name_shown_in_title_case(caps: str, shown: str) -> None:
    """A cover-page name in capitals is shown in title case; a word without a vowel is an
    acronym and stays in capitals (synthetic but the first)."""
    from ownergraph.loaders.sec_names import _smart_title

    assert _smart_title(caps) == shown
