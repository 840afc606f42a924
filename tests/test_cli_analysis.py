"""The analysis commands (cli.analysis): who-controls, attribute, reconcile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.graph.store import Store
from tests.conftest import SEED
from tests.test_attribution import OBUS, seed_like

COMMANDS = ("who-controls", "attribute", "reconcile")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "seed.db"
    with Store(path) as s:
        s.load(seed_like())
    return path


def run(*args: str) -> object:
    """Invoke the CLI with a wide terminal (rich wraps table cells to the width)."""
    return CliRunner(env={"COLUMNS": "220"}).invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_an_example(name):
    res = run(name, "--help")
    assert res.exit_code == 0
    assert "Example:" in res.output and f"ownergraph {name}" in res.output


def test_who_controls_table(db):
    res = run("who-controls", "Liquidmetal Technologies", "--store", str(db))
    assert res.exit_code == 0, res.output
    out = res.output
    assert "Nelson Obus" in out and "Joshua Landes" in out
    # computed 3,731,324, filed 3,731,323: flagged beside the number
    obus = next(line for line in out.splitlines() if "Nelson Obus" in line and "│" in line)
    # the four filed powers and row 11 beside the computed ones, the rows that differ named
    assert "3,731,324" in obus and "0 / 3,731,323 / 0 / 3,731,323; 3,731,323" in obus
    assert "(differs: row 8, row 10, row 11)" in obus
    assert "Wynnefield Capital Management, LLC -[general_partner: sole]->" in out
    assert "Nelson Obus -[managing_member: shared]->" in out
    assert "differs: Nelson Obus row 11 computed 3,731,324, filed 3,731,323:" in out
    assert "denominator: 43,777,554 shares outstanding (implied" in out


def test_who_controls_json(db):
    res = run("who-controls", "53634 X 100", "--store", str(db), "--json")
    assert res.exit_code == 0
    data = json.loads(res.output)
    assert data["rule"] == "sec13d3"
    assert [c["name"] for c in data["rows"]] == ["Joshua Landes", "Nelson Obus"]
    obus = data["rows"][1]
    assert (obus["shared_voting"], obus["sole_voting"], obus["aggregate"]) == (3731324, 0, 3731324)
    assert (obus["shared_dispositive"], obus["sole_dispositive"]) == (3731324, 0)
    assert obus["filed"]["aggregate"] == 3731323
    assert {d["row"] for d in obus["differences"]} == {
        "shared_voting",
        "shared_dispositive",
        "aggregate",
    }
    assert obus["party_id"] == OBUS
    # 3,731,324 / (43,777,554 implied + 2,657,770 own rights) = 8.04 %
    assert obus["percent_text"] == "8.04%" and data["denominator"]["source"] == "implied"
    assert all(p["voting"] == "shared" for p in obus["paths"])


def test_who_controls_unknown_subject_exits_2(db):
    res = CliRunner().invoke(main, ["who-controls", "Berkshire Hathaway", "--store", str(db)])
    assert res.exit_code == 2
    assert "Berkshire Hathaway" in res.output and "Traceback" not in res.output


def test_attribute_with_outstanding(db):
    """L.P.: 1,019,531 / (43,972,096 + 744,176) = 2.28 %."""
    res = run("attribute", "Liquidmetal", "--outstanding", "43,972,096", "--store", str(db))
    assert res.exit_code == 0, res.output
    assert "denominator: 43,972,096 shares outstanding (given)" in res.output
    lp = next(
        line for line in res.output.splitlines() if "Value, L.P. " in line and "L.P. I" not in line
    )
    assert "2.28%" in lp and "1,019,531 / 0 / 1,019,531 / 0; 1,019,531; 2.28%" in lp
    obus = next(line for line in res.output.splitlines() if "Nelson Obus" in line)
    assert "8.00%" in obus and "8.34%" in obus  # 3,731,324 / 46,629,866 vs filed


def test_attribute_json_marks_implied_denominator(db):
    res = run("attribute", "53634X100", "--json", "--store", str(db))
    data = json.loads(res.output)
    assert data["denominator"]["source"] == "implied"
    assert data["denominator"]["value"] == 43777554
    llc = next(p for p in data["rows"] if p["name"].startswith("Wynnefield Capital Man"))
    assert llc["sole_voting"] == 2389825 and llc["shared_voting"] == 0


def test_bad_outstanding_is_a_usage_error(db):
    res = CliRunner().invoke(main, ["attribute", "x", "--outstanding", "-5", "--store", str(db)])
    assert res.exit_code == 2 and "positive" in res.output


def test_reconcile_store(db):
    res = run("reconcile", "--store", str(db))
    assert res.exit_code == 0
    # six findings (rows 8, 10 and 11 of Obus's and of Landes's pages), said once for both
    assert res.output.count("computed_vs_filed: Joshua Landes and Nelson Obus: row") == 3
    assert "8 findings (8 warning); 5 lines" in res.output
    assert "implied_denominators" in res.output and "1,913,593" in res.output
    # "Liquidmetal" is a fuzzy match: reported on stderr, so read the JSON from stdout alone
    data = json.loads(run("reconcile", "Liquidmetal", "--json", "--store", str(db)).stdout)
    assert {f["kind"] for f in data} >= {
        "computed_vs_filed",
        "implied_denominators",
        "joint_filing_agreement_parties",
    }


def test_reconcile_file_does_not_touch_the_store(tmp_path):
    """The real seed, parsed and reconciled on its own (needs the legacy loader)."""
    pytest.importorskip("ownergraph.loaders.sec13dg_legacy")
    store = tmp_path / "untouched.db"
    res = run("reconcile", str(SEED), "--json", "--store", str(store))
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    cvf = [f for f in data if f["kind"] == "computed_vs_filed"]
    assert len(cvf) == 6 and {(f["expected"], f["found"]) for f in cvf} == {(3731324, 3731323)}
    [den] = [f for f in data if f["kind"] == "implied_denominators"]
    assert "1,913,593" in den["message"]
    assert not store.exists()


# --------------------------------------------------------------------------- QA regressions


def test_tables_never_cut_numbers_when_piped_at_80_columns(db):
    """QA: piped or at 80 columns the tables printed "3,731,3…". Captured output (not a
    terminal) is now printed at the table's natural width: every figure whole."""
    for args in (("who-controls", "Liquidmetal Technologies"), ("attribute", "53634X100")):
        res = CliRunner(env={"COLUMNS": "80"}).invoke(main, [*args, "--store", str(db)])
        assert res.exit_code == 0, res.output
        assert "…" not in res.stdout
        obus = next(ln for ln in res.stdout.splitlines() if "Nelson Obus" in ln and "│" in ln)
        assert "3,731,324" in obus and "3,731,323" in obus


def test_tables_on_a_narrow_terminal_fold_names_not_numbers():
    """On a terminal too narrow for the table, names wrap at spaces and each number stays on
    one line, whole; if even that does not fit, the table is printed wider than the terminal
    rather than cut."""
    import io

    from rich.console import Console
    from rich.table import Table

    from ownergraph.cli.tables import add_columns, print_table

    for width in (80, 40):
        t = Table()
        add_columns(t, (("name", False), ("shares", True), ("filed", False), ("pct", True)))
        t.add_row(
            "Wynnefield Partners Small Cap Value, L.P. I",
            "3,731,324",
            "shared 3,731,323, aggregate 3,731,323 (differs)",
            "8.34%",
        )
        out = io.StringIO()
        print_table(Console(file=out, width=width, force_terminal=True, color_system=None), t)
        text = out.getvalue()
        assert "…" not in text and "3,731,324" in text and text.count("3,731,323") == 2
        assert "8.34%" in text


def test_reconcile_of_a_clean_file_says_0_findings(tmp_path):
    """QA: a file with nothing to report printed "0 findings ()"."""
    clean = (
        Path(__file__).parent / "fixtures" / "form345" / "snowflake_garrett_form3_2020-09-15.xml"
    )
    res = run("reconcile", str(clean), "--store", str(tmp_path / "x.db"))
    assert res.exit_code == 0
    assert res.stdout.strip().splitlines()[-1] == "0 findings"
