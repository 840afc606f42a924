"""``--file`` questions apply the store's rules for what is in force ``--as-of``.

The seed (Schedule 13D/A No. 2, event date 2008-09-30, DOMAIN.md §6) states nothing before
that date, so asked as of 2008-06-30 the files-only graph holds nothing; asked without a date,
Nelson Obus and Joshua Landes hold 3,731,324 shares (the funds' three instruments, §6).
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ownergraph.cli import main

SEED = (
    Path(__file__).resolve().parents[1] / "data" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"
)


def _ubo(*extra: str) -> dict:
    res = CliRunner().invoke(
        main, ["ubo", "Liquidmetal Technologies", "--file", str(SEED), "--json", *extra]
    )
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def _sec13d3_rows(data: dict) -> dict[str, float | None]:
    """The natural persons the 13d-3 answer names as ultimate, with their aggregates."""
    answer = data["answer"] or {}
    return {
        r["name"]: r["aggregate"]
        for r in answer.get("rows", [])
        if r.get("ultimate") and r.get("kind") == "person"
    }


def test_ubo_file_without_a_date_answers_the_filing() -> None:
    rows = _sec13d3_rows(_ubo())
    assert rows == {"Nelson Obus": 3_731_324.0, "Joshua Landes": 3_731_324.0}


def _lens_names(data: dict) -> dict[str, list[str]]:
    """Each lens's persons in the comparison table."""
    return {lens["lens"]: sorted(r["name"] for r in lens["rows"]) for lens in data["lenses"]}


def test_ubo_file_before_the_event_date_holds_nothing() -> None:
    before = _ubo("--as-of", "2008-06-30")
    assert _sec13d3_rows(before) == {}
    assert all(names == [] for names in _lens_names(before).values()), _lens_names(before)
    on_the_day = _lens_names(_ubo("--as-of", "2008-09-30"))
    assert on_the_day["sec13d3"] == ["Joshua Landes", "Nelson Obus"]
    assert _sec13d3_rows(_ubo("--as-of", "2008-09-30")) == {
        "Nelson Obus": 3_731_324.0,
        "Joshua Landes": 3_731_324.0,
    }
