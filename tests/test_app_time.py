"""Time in the app and on the command line: a date slider over the documents' dates redraws
the graph and the answer as of that date; the query commands take ``--as-of``.

The store holds the seed 13D/A No. 2 (2008-09-30) and the hand-made No. 3 (2008-10-15) of
tests/test_history.py, in which Wynnefield Partners Small Cap Value, L.P. holds 175,355
common shares instead of the seed's 275,355. By hand: the distinct union below Obus and
Landes is 3,731,324 shares on 2008-09-30 (DOMAIN section 6) and 100,000 fewer,
3,631,324, from 2008-10-15; the fund's drawn holding is 1,019,531 (275,355 + 433,266 +
310,910), then 919,531.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from ownergraph.cli import main
from ownergraph.graph.store import Store
from ownergraph.loaders import parse_path
from tests.test_app import APP, LANDES, OBUS, ROOT, SEED, TIMEOUT
from tests.test_history import amendment_3


@pytest.fixture
def two_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    seed = parse_path(SEED)
    path = tmp_path / "time.db"
    with Store(path) as s:
        s.load_many([seed, amendment_3(seed)])
    monkeypatch.setenv("OWNERGRAPH_STORE", str(path))
    monkeypatch.delenv("OWNERGRAPH_NEO4J_URI", raising=False)
    return path


def _line(at: AppTest, name: str) -> str:
    return next(m.value for m in at.markdown if m.value.startswith(f"**{name}**"))


def test_who_controls_redraws_as_of_the_slider_date(two_dates: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page(str(ROOT / "explorer" / "pages" / "who_controls.py")).run()
    assert not at.exception, [e.value for e in at.exception]
    slider = at.select_slider(key="who_as_of")
    assert [str(o) for o in slider.options] == ["2008-09-30", "2008-10-15"]
    for name in (OBUS, LANDES):
        assert "3,631,324 shares" in _line(at, name)
    slider.set_value(dt.date(2008, 9, 30)).run()
    assert not at.exception, [e.value for e in at.exception]
    for name in (OBUS, LANDES):
        assert "3,731,324 shares" in _line(at, name)


def test_explore_graph_redraws_as_of_the_slider_date(two_dates: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.text_input(key="explore_search").set_value("Wynnefield Partners Small Cap Value").run()
    box = at.selectbox(key="explore_node")
    fund = next(
        o for o in box.options if o.startswith("Wynnefield Partners Small Cap Value, L.P. ")
    )
    box.set_value(box.options[box.options.index(fund)]).run()
    html = at.get("iframe")[0].proto.srcdoc
    assert "919,531" in html and "1,019,531" not in html
    at.select_slider(key="explore_as_of").set_value(dt.date(2008, 9, 30)).run()
    assert not at.exception, [e.value for e in at.exception]
    html = at.get("iframe")[0].proto.srcdoc
    assert "1,019,531" in html and "919,531" not in html.replace("1,019,531", "")


@pytest.mark.parametrize(
    "command",
    ["who-controls", "attribute", "reconcile", "ubo", "explain", "holdings", "exposure", "history"],
)
def test_every_query_command_takes_as_of(command: str) -> None:
    res = CliRunner().invoke(main, [command, "--help"])
    assert res.exit_code == 0 and "--as-of" in res.stdout


def test_who_controls_as_of_on_the_command_line(two_dates: Path) -> None:
    runner = CliRunner()
    db = ["--store", str(two_dates), "--json"]
    before = json.loads(
        runner.invoke(main, ["who-controls", "53634X100", "--as-of", "2008-10-01", *db]).stdout
    )
    after = json.loads(runner.invoke(main, ["who-controls", "53634X100", *db]).stdout)
    shares = {r["name"]: r["aggregate"] for r in before["rows"]}
    assert shares[OBUS] == shares[LANDES] == 3_731_324
    shares = {r["name"]: r["aggregate"] for r in after["rows"]}
    assert shares[OBUS] == shares[LANDES] == 3_631_324
