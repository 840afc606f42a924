"""Shared test fixtures: paths to the seed and the real-filing fixtures, temporary stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.store import Store

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


_STATS_DIR = ROOT / ".pytest-stats"


def pytest_sessionstart(session) -> None:  # noqa: ANN001
    """The controller (or a plain run) clears figures left by an earlier run."""
    if not hasattr(session.config, "workerinput") and _STATS_DIR.is_dir():
        for f in _STATS_DIR.glob("*.json"):
            f.unlink()


def pytest_sessionfinish(session) -> None:  # noqa: ANN001
    """Each xdist worker writes its security figures for the controller to add up."""
    from tests.security.stats import STATS

    worker = getattr(session.config, "workerinput", {}).get("workerid")
    if worker and STATS:
        _STATS_DIR.mkdir(exist_ok=True)
        (_STATS_DIR / f"{worker}.json").write_text(json.dumps(dict(STATS)))


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001
    """Print the security figures (hostile cases, crashes, stores changed, kill points)."""
    from collections import Counter

    from tests.security.stats import STATS

    if hasattr(terminalreporter.config, "workerinput"):
        return  # workers write their figures; the controller adds them up
    total: Counter[str] = Counter(STATS)
    if _STATS_DIR.is_dir():
        for f in sorted(_STATS_DIR.glob("*.json")):
            total.update(json.loads(f.read_text()))
            f.unlink()
    if total:
        total.setdefault("crashes", 0)
        total.setdefault("stores changed", 0)
        terminalreporter.write_sep("-", "ownergraph security figures")
        for key in sorted(total):
            terminalreporter.write_line(f"{key}: {total[key]}")
