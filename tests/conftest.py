"""Shared test fixtures: paths to the seed and the real-filing fixtures, temporary stores."""

from __future__ import annotations

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


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001
    """Print the security figures (hostile cases, crashes, stores changed, kill points)."""
    from tests.security.stats import STATS

    if STATS:
        terminalreporter.write_sep("-", "ownergraph security figures")
        for key in sorted(STATS):
            terminalreporter.write_line(f"{key}: {STATS[key]}")
