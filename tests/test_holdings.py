"""What does X control or hold (queries.holdings, ``ownergraph holdings``).

Expected values read by hand: the seed (DOMAIN.md section 6: the funds hold 1,019,531,
1,370,294 and 1,341,499 shares; the LLC is general partner of the two L.P.s; Nelson Obus
a co-managing member of the LLC and President of the Inc.: shared power over all three
funds, 3,731,324 shares, the page filing 3,731,323); the two BODS files written by hand in
tests/fixtures/register (see expected.json there).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.graph.store import Store
from ownergraph.loaders import parse_path
from ownergraph.queries.holdings import holdings

ROOT = Path(__file__).resolve().parents[1]
REG = ROOT / "tests" / "fixtures" / "register"
VIA_HOLDING = REG / "handwritten_person-via-holding-company_bods-0.4.json"
JOINT = REG / "handwritten_joint-arrangement_bods-0.4.json"


@pytest.fixture
def seeded(tmp_path: Path, seed_path: Path) -> Store:
    s = Store(tmp_path / "seed.db")
    s.load(parse_path(seed_path))
    yield s
    s.close()


def test_nelson_obus_holds_the_class_shared_as_who_controls_shows_him(seeded: Store) -> None:
    from ownergraph.queries.control import who_controls

    G = seeded.graph()
    h = holdings(G, "Nelson Obus")
    (sec,) = h.securities
    r = sec.row
    assert sec.rule == "sec13d3" and sec.ultimate
    assert (r.sole_voting, r.shared_voting) == (0, 3_731_324)
    assert (r.sole_dispositive, r.shared_dispositive) == (0, 3_731_324)
    assert r.aggregate == 3_731_324
    assert r.paths and {(p.voting, p.investment) for p in r.paths} == {("shared", "shared")}
    # the same numbers as who-controls on the class
    same = who_controls(G, sec.subject_id).to_answer().row(h.party_id)
    assert (same.sole_voting, same.shared_voting, same.aggregate, same.percent) == (
        r.sole_voting,
        r.shared_voting,
        r.aggregate,
        r.percent,
    )


def test_the_llc_holds_the_two_lps_shares_sole_and_is_not_ultimate(seeded: Store) -> None:
    h = holdings(seeded.graph(), "Wynnefield Capital Management, LLC")
    (sec,) = h.securities
    assert not sec.ultimate  # Nelson Obus and others sit above it
    assert sec.row.sole_voting == 1_019_531 + 1_370_294
    assert sec.row.aggregate == 2_389_825


def test_person_through_a_holding_company() -> None:
    doc = parse_path(VIA_HOLDING)
    from ownergraph.graph.store import build_graph

    G = build_graph(doc.parties, doc.securities, doc.holdings, doc.links, [doc.document])
    anna = next(p.id for p in doc.parties if p.name == "Anna Holder")
    ben = next(p.id for p in doc.parties if p.name == "Ben Minor")
    got = {e.subject_name: e for e in holdings(G, anna).companies}
    assert sorted(got) == ["Example Holdings Ltd", "Example Operations Ltd"]
    assert got["Example Holdings Ltd"].row.percent == 80.0
    assert got["Example Operations Ltd"].row.percent == 100.0
    assert all(e.relation == "controls" and e.ultimate for e in got.values())
    assert got["Example Operations Ltd"].rule == "register:majority-control"
    (minor,) = holdings(G, ben).companies
    assert (minor.subject_name, minor.relation, minor.row.percent) == (
        "Example Holdings Ltd",
        "holds",
        20.0,
    )


def test_cli_holdings_json_and_table() -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["holdings", "Cara Carter", "--json", "--file", str(JOINT)])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    comps = {c["subject_name"]: c for c in data["companies"]}
    target = comps["Joint Target Ltd"]
    assert target["rule"] == "register:majority-control+joint-interest"
    assert target["row"]["percent"] == 100.0 and target["row"]["percent_text"] == "100.00%"
    assert target["row"]["paths"][0]["voting"] == "shared"
    table = runner.invoke(main, ["holdings", "Anna Holder", "--file", str(VIA_HOLDING)])
    assert table.exit_code == 0, table.output
    assert "Example Operations Ltd" in table.output and "100.00%" in table.output
    missing = runner.invoke(main, ["holdings", "Nobody At All Zzq", "--file", str(JOINT)])
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_cli_holdings_from_the_store(tmp_path: Path, seed_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "s.db"
    assert runner.invoke(main, ["load", str(seed_path), "--store", str(db)]).exit_code == 0
    out = runner.invoke(main, ["holdings", "Nelson Obus", "--store", str(db), "--json"])
    assert out.exit_code == 0, out.output
    (sec,) = json.loads(out.output)["securities"]
    assert sec["row"]["shared_voting"] == 3_731_324
    assert sec["row"]["sole_voting"] == 0
