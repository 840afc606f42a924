"""A large answer on a terminal: the first 50 controllers by shares with their paths, a line
saying how many more; ``--all`` and ``--json`` keep every row; ``paths_for_top`` changes no
figure of the answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.graph.ids import document_id
from ownergraph.graph.model import Document, Holding, Link, ParsedDocument, Party, Security
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Power, Role, SourceFormat
from ownergraph.queries.control import who_controls

N = 60  # funds holding the class, each under its own manager (60 ultimate controllers)


def _doc() -> ParsedDocument:
    did = document_id("0" * 12)
    doc = Document(did, "many.csv", SourceFormat.TABULAR, did, issuer_id="iss")
    parties = [Party("iss", "Widely Held Corp", NodeKind.ISSUER)]
    holdings, links = [], []
    for i in range(N):
        parties += [
            Party(f"f{i:02d}", f"Fund Number {i} L.P.", NodeKind.ENTITY),
            Party(f"m{i:02d}", f"Manager Number {i} LLC", NodeKind.ENTITY),
        ]
        # shares 1000 * (i + 1): fund 59 holds most, so the answer's order is m59 .. m00
        holdings.append(
            Holding(f"h{i}", did, f"f{i:02d}", "s1", Instrument.COMMON, 1000.0 * (i + 1))
        )
        links.append(
            Link(f"l{i}", did, EdgeKind.CONTROLS, f"m{i:02d}", f"f{i:02d}",
                 Role.GENERAL_PARTNER, Power.SOLE)
        )  # fmt: skip
    return ParsedDocument(
        doc, tuple(parties), (Security("s1", "iss", "Common"),), tuple(holdings), tuple(links)
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("many") / "s.db"
    with Store(path) as s:
        s.load(_doc())
    return path


def _figures(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in ("paths", "paths_truncated")}


def test_paths_for_top_changes_no_figure(db: Path) -> None:
    with Store(db) as s:
        G = s.graph()
    full = who_controls(G, "s1").to_dict()
    top = who_controls(G, "s1", paths_for_top=5).to_dict()
    assert len(full["ultimate"]) == N and len(full["intermediate"]) == N
    assert [_figures(r) for r in top["ultimate"]] == [_figures(r) for r in full["ultimate"]]
    assert [_figures(r) for r in top["intermediate"]] == [_figures(r) for r in full["intermediate"]]
    assert {k: v for k, v in top.items() if k not in ("ultimate", "intermediate")} == {
        k: v for k, v in full.items() if k not in ("ultimate", "intermediate")
    }
    # the first five (by shares: managers 59..55) keep their paths; the rest list none
    assert [r["party_id"] for r in top["ultimate"][:5]] == ["m59", "m58", "m57", "m56", "m55"]
    assert top["ultimate"][:5] == full["ultimate"][:5]
    assert all(r["paths"] for r in full["ultimate"])
    assert not any(r["paths"] for r in top["ultimate"][5:])
    assert all(r["paths_truncated"] for r in top["ultimate"][5:])


def run(*args: str) -> str:
    res = CliRunner().invoke(main, list(args))
    assert res.exit_code == 0, res.output
    return res.output


def test_terminal_shows_fifty_and_says_how_many_more(db: Path) -> None:
    out = run("who-controls", "Widely Held Corp", "--store", str(db))
    assert "... and 10 more controllers (--all to list every one; --json has every row)" in out
    assert "Manager Number 59 LLC" in out and "Manager Number 10 LLC" in out  # 59 .. 10
    assert "Manager Number 9 LLC" not in out
    assert "Manager Number 10 LLC: 1 control path(s)" in out
    assert "more intermediate controllers and holders" in out
    every = run("who-controls", "Widely Held Corp", "--store", str(db), "--all")
    assert "more controllers" not in every and "Manager Number 0 LLC: 1 control path(s)" in every


def test_json_keeps_every_row_with_paths(db: Path) -> None:
    import json

    got = json.loads(run("who-controls", "Widely Held Corp", "--store", str(db), "--json"))
    assert len(got["rows"]) == N and all(r["paths"] for r in got["rows"])


def test_attribute_terminal_shows_fifty(db: Path) -> None:
    out = run("attribute", "Widely Held Corp", "--store", str(db))
    # 120 persons (each fund and its manager, with the same shares): 50 shown, 70 more
    assert "... and 70 more persons (--all to list every one; --json has every row)" in out
    assert "Manager Number 9 LLC" not in out
    assert "more persons" not in run("attribute", "Widely Held Corp", "--store", str(db), "--all")
