"""The Who-controls page's explanation of a controller of many holdings: the first
``HOLDINGS_SHOWN`` are listed, the count and the sum are over every one (by hand: a general
partner of 230 funds, fund k holding 1,000 + k shares of its own class: 230 holdings,
230 x 1,000 + (0 + ... + 229) = 256,335 shares)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ownergraph.graph.ids import document_id
from ownergraph.graph.model import Document, Holding, Link, ParsedDocument, Party, Security
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Role, SourceFormat
from tests.test_app import APP, ROOT, TIMEOUT

FUNDS = 230


def _store(path: Path) -> Path:
    did = document_id("explain-many")
    doc = Document(id=did, path="many.csv", format=SourceFormat.TABULAR, sha256=did)
    parties = [Party("gp", "Manyfunds GP LLC", NodeKind.ENTITY)]
    secs, holdings, links = [], [], []
    for k in range(FUNDS):
        parties += [
            Party(f"f{k:03d}", f"Fund {k:03d} LP", NodeKind.FUND),
            Party(f"i{k:03d}", f"Issuer {k:03d} Inc.", NodeKind.ISSUER),
        ]
        secs.append(Security(f"s{k:03d}", f"i{k:03d}", "Common Stock"))
        holdings.append(
            Holding(f"h{k:03d}", did, f"f{k:03d}", f"s{k:03d}", Instrument.COMMON, 1000.0 + k)
        )
        links.append(
            Link(f"l{k:03d}", did, EdgeKind.CONTROLS, "gp", f"f{k:03d}", Role.GENERAL_PARTNER)
        )
    parsed = ParsedDocument(doc, tuple(parties), tuple(secs), tuple(holdings), tuple(links))
    with Store(path) as s:
        s.load(parsed)
    return path


def test_a_controller_of_many_holdings_lists_the_first_and_counts_every_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OWNERGRAPH_STORE", str(_store(tmp_path / "many.db")))
    monkeypatch.delenv("OWNERGRAPH_NEO4J_URI", raising=False)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page(str(ROOT / "explorer" / "pages" / "who_controls.py")).run()
    at.text_input(key="who_search").set_value("Manyfunds").run()
    at.selectbox(key="who_subject").set_value("gp").run()
    assert not at.exception, [e.value for e in at.exception]
    text = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert f"({FUNDS} holdings; never a sum of cover pages)" in text
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert "Sum of the distinct holdings: 256,335" in captions
    assert any(c.startswith(f"The first 200 of {FUNDS} holdings") for c in captions)
    tables = [df.value for df in at.dataframe if "holder" in df.value.columns]
    assert len(tables) == 1 and len(tables[0]) == 200
    assert set(tables[0]["holder"]) == {f"Fund {k:03d} LP" for k in range(200)}
