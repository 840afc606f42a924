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
