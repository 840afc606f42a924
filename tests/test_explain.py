"""`ownergraph explain SUBJECT PARTY` (cli.workflow) and `reconcile`'s grouped lines.

Read by hand from the seed 13D/A No. 2: the three funds' Item 5 breakdowns are 275,355 +
433,266 + 310,910 (Wynnefield Partners Small Cap Value, L.P.), 395,779 + 567,372 + 407,143
(the L.P. I) and 402,420 + 546,740 + 392,339 (the Offshore Fund): nine holdings summing to
3,731,324, all below Nelson Obus; his cover page files 3,731,323 in rows 8, 10 and 11 and
8.34 % in row 13. He signs for Wynnefield Capital Management, LLC as "Co-Managing Member".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.cli import main

SEED = Path(__file__).parents[1] / "data" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"
FUND_BREAKDOWNS = {
    "Wynnefield Partners Small Cap Value, L.P.": [275_355, 310_910, 433_266],
    "Wynnefield Partners Small Cap Value, L.P. I": [395_779, 407_143, 567_372],
    "Wynnefield Small Cap Value Offshore Fund, Ltd.": [392_339, 402_420, 546_740],
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("explain") / "s.db")
    assert CliRunner().invoke(main, ["load", str(SEED), "--store", path]).exit_code == 0
    return path


def test_explain_lists_holdings_with_their_text_and_place(db: str) -> None:
    res = CliRunner().invoke(main, ["explain", "53634X100", "Nelson Obus", "--store", db, "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["rule"] == "sec13d3"
    by_holder: dict[str, list[float]] = {}
    for h in out["holdings"]:
        by_holder.setdefault(h["holder"], []).append(h["shares"])
    assert {k: sorted(v) for k, v in by_holder.items()} == FUND_BREAKDOWNS
    assert out["row"]["aggregate"] == 3_731_324
    assert out["row"]["filed"]["aggregate"] == 3_731_323
    assert out["row"]["filed"]["percent_of_class"] == 8.34
    # each holding's evidence points at the place in the file that states the number
    text = SEED.read_text(encoding="utf-8")
    for h in out["holdings"]:
        assert h["evidence"], h
        place = h["evidence"][0]["place"]
        a, b = (int(x.replace(",", "")) for x in place.removeprefix("chars ").split("-"))
        assert f"{h['shares']:,.0f}" in text[a:b], (h, text[a:b])
    # the paths name the phrase of each step
    steps = [s for p in out["row"]["paths"] for s in p["steps"]]
    mm = [s for s in steps if s["controlled"] == "Wynnefield Capital Management, LLC"]
    assert mm and all("Co-Managing Member" in (s["phrase"] or "") for s in mm)


def test_explain_text_says_rule_denominator_and_filed(db: str) -> None:
    res = CliRunner().invoke(main, ["explain", "Liquidmetal Technologies", "Nelson Obus",
                                    "--store", db])  # fmt: skip
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0] == "Nelson Obus in who controls Liquidmetal Technologies, Inc."
    assert "rule: sec13d3" in lines
    assert any(
        line.startswith("denominator: ") and "own rights to acquire" in line for line in lines
    )
    assert "filed (rows 7-10; 11; 13): 0 / 3,731,323 / 0 / 3,731,323; 3,731,323; 8.34%" in (
        res.stdout
    )
    assert "holdings counted (9, distinct, sum 3,731,324):" in lines
    given = CliRunner().invoke(
        main, ["explain", "53634X100", "Nelson Obus", "--outstanding", "44700000", "--store", db]
    )
    # by hand: 44,700,000 + his own rights (433,266 + 310,910 + 567,372 + 407,143 +
    # 546,740 + 392,339 = 2,657,770) = 47,357,770; 3,731,324 / 47,357,770 = 7.88 %
    assert "44,700,000 outstanding + 2,657,770 own rights to acquire = 47,357,770" in given.stdout
    assert "percent 7.88%" in given.stdout


def test_explain_refuses_a_party_not_in_the_answer(db: str) -> None:
    res = CliRunner().invoke(
        main, ["explain", "53634X100", "Liquidmetal Technologies", "--store", db]
    )
    assert res.exit_code == 2
    assert "is not in the answer for" in res.stderr


def test_reconcile_says_a_finding_once_for_every_person(db: str) -> None:
    res = CliRunner().invoke(main, ["reconcile", "Liquidmetal Technologies", "--store", db])
    assert res.exit_code == 0, res.output
    row11 = [line for line in res.stdout.splitlines() if "row 11 (aggregate amount)" in line]
    assert len(row11) == 1
    assert row11[0].startswith("[warning] computed_vs_filed: Joshua Landes and Nelson Obus: ")
    assert "computed 3,731,324 under Rule 13d-3, filed 3,731,323 (+1)" in row11[0]
    findings = json.loads(
        CliRunner()
        .invoke(main, ["reconcile", "Liquidmetal Technologies", "--store", db, "--json"])
        .stdout
    )  # --json keeps every finding
    assert sum("row 11 (aggregate amount)" in f["message"] for f in findings) == 2
    summary = res.stdout.splitlines()[-1]
    assert summary.startswith(f"{len(findings)} findings") and summary.endswith(" lines")
    assert int(summary.split("; ")[-1].split()[0]) < len(findings)
