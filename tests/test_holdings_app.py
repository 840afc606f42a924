"""AppTest of the Holdings page (explorer/pages/holdings.py) on the seed store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_app import APP, OBUS, ROOT, TIMEOUT, make_store


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = make_store(tmp_path / "app.db")
    monkeypatch.setenv("OWNERGRAPH_STORE", str(path))
    monkeypatch.delenv("OWNERGRAPH_NEO4J_URI", raising=False)
    yield path


def test_holdings_page_shows_the_class_row_and_an_exposure_verdict(seeded: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page(str(ROOT / "explorer" / "pages" / "holdings.py"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    box = at.selectbox(key="holdings_party")
    obus = next(o for o in box.options if OBUS in o)
    box.select_index(box.options.index(obus)).run()
    assert not at.exception, [e.value for e in at.exception]
    frames = [df.value for df in at.dataframe]
    cells = [str(v) for df in frames for v in df.to_numpy().ravel()]
    assert "3,731,324" in cells  # shared voting over the three funds' shares (DOMAIN 6)
    at.text_area(key="exposure_names").input(OBUS).run()
    assert not at.exception, [e.value for e in at.exception]
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "SANCTIONED" in text
