"""Shared test fixtures: paths to the seed and the real-filing fixtures, temporary stores."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from ownergraph.graph.store import Store

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "data" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"


@pytest.fixture
def seed_path() -> Path:
    """The seed Schedule 13D/A (Liquidmetal / Wynnefield, 2008)."""
    return SEED


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty embedded store in a temporary file."""
    s = Store(tmp_path / "test.db")
    yield s
    s.close()


def _stats_dir() -> Path:
    """This run's folder for the workers' figures (made by the controller, one per run, so
    two runs at once never read each other's figures)."""
    return Path(os.environ["OWNERGRAPH_TEST_STATS_DIR"])


def pytest_configure(config) -> None:  # noqa: ANN001
    """The controller (or a plain run) makes a fresh folder; xdist workers inherit it."""
    if not hasattr(config, "workerinput"):
        os.environ["OWNERGRAPH_TEST_STATS_DIR"] = tempfile.mkdtemp(prefix="ownergraph-stats-")


def pytest_sessionfinish(session) -> None:  # noqa: ANN001
    """Each xdist worker writes its security figures for the controller to add up."""
    from tests.security.stats import STATS

    worker = getattr(session.config, "workerinput", {}).get("workerid")
    if worker and STATS:
        (_stats_dir() / f"{worker}.json").write_text(json.dumps(dict(STATS)))


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001
    """Print the security figures (hostile cases, crashes, stores changed, kill points)."""
    from collections import Counter

    from tests.security.stats import STATS

    if hasattr(terminalreporter.config, "workerinput"):
        return  # workers write their figures; the controller adds them up
    total: Counter[str] = Counter(STATS)
    folder = _stats_dir()
    for f in sorted(folder.glob("*.json")):
        total.update(json.loads(f.read_text()))
    table = folder / "eval-table.txt"  # written by tests/test_eval.py
    if table.exists():
        terminalreporter.write_sep("-", "ownergraph eval (labelled real documents)")
        terminalreporter.write(table.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    if total:
        from tests.security.stats import summary

        total.setdefault("crashes", 0)
        total.setdefault("stores changed", 0)
        terminalreporter.write_sep("-", "ownergraph security figures")
        for key, value in summary(total).items():
            terminalreporter.write_line(f"{key}: {value}")
