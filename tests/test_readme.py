"""The README's usage block, run line by line on a fresh store: every command succeeds, and
the examples show the feature they name.

By hand: the seed's Obus has 3,731,324 shares below him in nine holdings; the Fermcat BODS
history ends (2022-01-21) with Patrick O'Donohue holding 100 % of Fermcat Ltd (the two
Byrne-Amin interests closed); the legacy fixtures folder holds six filings and the
labellers' expected.json.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _usage_lines() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Usage\s+```bash\n(.*?)```", text, flags=re.DOTALL).group(1)
    out = []
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        if words:
            assert words[0] == "ownergraph", line
            out.append(words[1:])
    return out


def test_the_set_up_commands_stay_as_they_are() -> None:
    head = (ROOT / "README.md").read_text(encoding="utf-8").split("## Usage")[0]
    assert (
        "```bash\npython3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/ownergraph app\n"
        "bash .ci/run\n```"
    ) in head


@pytest.mark.slow
def test_every_usage_line_runs_and_shows_what_it_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("data", "tests"):  # relative paths as in a checkout; outputs land in tmp
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OWNERGRAPH_STORE", str(tmp_path / "readme.db"))
    monkeypatch.delenv("OWNERGRAPH_NEO4J_URI", raising=False)
    runner = CliRunner()
    out: dict[str, str] = {}
    for args in _usage_lines():
        res = runner.invoke(main, args)
        assert res.exit_code == 0, (args, res.output)
        out[" ".join(args)] = res.stdout
    assert (
        "holdings counted (9, distinct, sum 3,731,324):"
        in out["explain Liquidmetal Technologies Nelson Obus"]
    )
    assert "2008-09-30  SC 13D/A No. 2" in out["history Liquidmetal Technologies"]
    ubo = out["ubo Fermcat Ltd"]
    assert "Patrick O'Donohue" in ubo and "100%" in ubo and "Unknown" not in ubo
    legacy = out["load tests/fixtures/sec13dg-legacy/"]
    assert legacy.count(": loaded") == 6 and "expected.json: skipped" in legacy
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == [
        "documents.csv", "holdings.csv", "links.csv", "parties.csv", "positions.csv",
    ]  # fmt: skip
    assert os.path.getsize(tmp_path / "graph.bods.json") > 0
