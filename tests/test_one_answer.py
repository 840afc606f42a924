"""One answer everywhere: the same percent and wording for Nelson Obus and Joshua Landes in
``who-controls``, ``attribute``, ``ubo``, ``who-controls --json`` and the app's card.

By hand from the seed: each of them has 3,731,324 shares below him (the nine Item 5
amounts of the three funds) of which 2,657,770 are rights to acquire (the notes and
warrants: 433,266 + 310,910 + 567,372 + 407,143 + 546,740 + 392,339); row 13 is filed as
8.34 %. No loaded document states the shares outstanding, so the count is implied (its
label says so) and the percent is 3,731,324 / (implied + 2,657,770) under Rule
13d-3(d)(1)(i); every view prints that one figure with 2 decimals, and flags row 13.
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from ownergraph.cli import main
from tests.test_app import APP, LANDES, OBUS, ROOT, SEED, TIMEOUT

SHARES, RIGHTS = 3_731_324, 2_657_770


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("one-answer") / "s.db")
    assert CliRunner().invoke(main, ["load", str(SEED), "--store", path]).exit_code == 0
    return path


def _run(*args: str) -> str:
    res = CliRunner().invoke(main, list(args))
    assert res.exit_code == 0, res.output
    return res.stdout


def _line(text: str, name: str) -> str:
    return next(line for line in text.splitlines() if f" {name} " in line and "│" in line)


def test_the_same_percent_and_wording_in_five_places(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = json.loads(_run("who-controls", "Liquidmetal Technologies", "--store", db, "--json"))
    label = data["denominator"]["label"]
    assert label.endswith("shares outstanding (implied by the filed percentages; no document"
                          " states it)")  # fmt: skip
    implied = int(label.split()[0].replace(",", ""))
    percent = f"{100 * SHARES / (implied + RIGHTS):.2f}%"  # Rule 13d-3(d)(1)(i)
    rows = {r["name"]: r for r in data["rows"]}
    for name in (OBUS, LANDES):  # 1. --json
        assert rows[name]["aggregate"] == SHARES and rows[name]["rights_to_acquire"] == RIGHTS
        assert rows[name]["percent_text"] == percent
        assert rows[name]["filed"]["percent_of_class"] == 8.34
    flag = (
        f"computed {percent}, filed 8.34% (they differ beyond the 2 decimals filed); the"
        f" computed one is over {implied:,} outstanding + {RIGHTS:,} own rights to acquire ="
        f" {implied + RIGHTS:,} (Rule 13d-3(d)(1)(i); implied)"
    )

    who = _run("who-controls", "Liquidmetal Technologies", "--store", db)  # 2. the table
    att = _run("attribute", "Liquidmetal Technologies", "--store", db)  # 3. attribute
    ubo = _run("ubo", "Liquidmetal Technologies", "--store", db)  # 4. ubo's 13d-3 column
    assert f"denominator: {label}" in who and label in att and f"denominator: {label}" in ubo
    for name in (OBUS, LANDES):
        assert re.search(
            rf"│ {SHARES:,} *│ {RIGHTS:,} *│ {re.escape(percent)} *│", _line(who, name)
        )
        assert re.search(
            rf"│ {SHARES:,} *│ {RIGHTS:,} *│ {re.escape(percent)} *│", _line(att, name)
        )
        assert f"│ {SHARES:,} sh {percent} no" in _line(ubo, name)
        assert f"differs: {name} row 13: {flag}" in who
        assert f"differs: {name} row 13: {flag}" in att

    monkeypatch.setenv("OWNERGRAPH_STORE", db)  # 5. the app's card and its explain
    monkeypatch.delenv("OWNERGRAPH_NEO4J_URI", raising=False)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page(str(ROOT / "explorer" / "pages" / "who_controls.py")).run()
    assert not at.exception, [e.value for e in at.exception]
    card = [m.value.replace("\\", "") for m in at.markdown]
    caption = next(c.value for c in at.caption if c.value.startswith("Rule:")).replace("\\", "")
    assert f"denominator: {label}" in caption
    for name in (OBUS, LANDES):
        line = next(m for m in card if m.startswith(f"**{name}**"))
        assert f"**{SHARES:,} shares**, {percent}" in line
        assert f"- row 13: {flag}" in card
