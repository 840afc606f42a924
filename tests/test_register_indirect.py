"""An indirect BODS interest stated with its chain is counted once (register lens, UBO
lenses, CLI).

BODS states an indirect interest twice: the primary relationship (``directOrIndirect:
indirect``, ``componentRecords`` naming its chain) and the component relationships. The
expected figures are computed by hand from the stated shares: under the register rules
(DOMAIN 4b) a person holds what the companies it controls (more than 50 %) hold, in full;
under the economic lens stakes multiply along a chain and add across chains.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ownergraph.graph.store import build_graph
from ownergraph.graph.vocab import Lens
from ownergraph.queries.answer import Answer
from ownergraph.queries.control import who_controls_answer
from ownergraph.queries.ubo import ubo
from tests.test_bods_standard import Party, Rel, build, parse

SUBJ: Party = ("subj", "entity", "Subject Ltd", {})
MID: Party = ("mid", "entity", "Mid Ltd", {})
ANN: Party = ("ann", "person", "Ann Owner", {})


def _sh(share: dict[str, Any], d: str = "direct") -> list[dict[str, Any]]:
    return [{"type": "shareholding", "directOrIndirect": d, "share": share}]


def _ex(pct: float, d: str = "direct") -> list[dict[str, Any]]:
    return _sh({"exact": pct}, d)


def _statements(
    parties: list[Party], rels: list[Rel], comps: dict[str, list[str]], version: str = "0.4"
) -> list[dict[str, Any]]:
    sts = build(version, parties, rels)
    refs = {(st.get("recordId") or st["statementID"]): st for st in sts}
    for st in sts:
        d = st.get("recordDetails", st)
        ref = st.get("recordId") or st["statementID"].split("-statement")[0]
        if ref in comps:
            if version == "0.4":
                d["componentRecords"] = comps[ref]
            else:
                d["componentStatementIDs"] = [
                    refs[k]["statementID"] for k in refs if k.split("-statement")[0] in comps[ref]
                ]
    return sts


def _graph(sts: list[dict[str, Any]]) -> tuple[Any, str]:
    doc = parse(sts)
    G = build_graph(doc.parties, doc.securities, doc.holdings, doc.links, [doc.document])
    return G, next(p.id for p in doc.parties if p.name == "Subject Ltd")


def _answer(sts: list[dict[str, Any]]) -> Answer:
    G, sid = _graph(sts)
    return who_controls_answer(G, sid)


def _rows(a: Answer) -> dict[str, Any]:
    return {r.name: r for r in a.rows}


# Ann 100 % of Mid, Mid 100 % of Subject, and Ann 100 % of Subject "indirect" naming both.
ONE_CHAIN: list[Rel] = [
    ("c1", "subj", "mid", _ex(100), {}),
    ("c2", "mid", "ann", _ex(100), {}),
    ("pr", "subj", "ann", _ex(100, "indirect"), {}),
]


@pytest.mark.parametrize("version", ["0.2", "0.3", "0.4"])
def test_chain_stated_both_ways_counts_once(version: str) -> None:
    a = _answer(_statements([SUBJ, MID, ANN], ONE_CHAIN, {"pr": ["mid", "c1", "c2"]}, version))
    rows = _rows(a)
    assert sorted(rows) == ["Ann Owner"]
    ann = rows["Ann Owner"]
    assert ann.percent == pytest.approx(100.0)  # was 200 % (both statements added)
    assert {p.voting for p in ann.paths} == {"sole"}  # Mid is Ann's: nobody shares it
    assert any("counted once" in n for n in a.notes)
    assert [r.name for r in a.intermediate] == ["Mid Ltd"]


def test_indirect_without_components_counts_once() -> None:
    sts = _statements([SUBJ, ANN], [("pr", "subj", "ann", _ex(100, "indirect"), {})], {})
    ann = _rows(_answer(sts))["Ann Owner"]
    assert ann.percent == pytest.approx(100.0)
    assert ann.path_count == 1


def test_components_named_but_missing_keep_the_stated_interest() -> None:
    """The primary names c1 and c2, but only c1 is in the file: the chain is incomplete
    (Ann holds nothing of Mid here), so the stated 70 % counts, once."""
    rels = [("c1", "subj", "mid", _ex(30), {}), ("pr", "subj", "ann", _ex(70, "indirect"), {})]
    a = _answer(_statements([SUBJ, MID, ANN], rels, {"pr": ["mid", "c1", "c2"]}))
    assert _rows(a)["Ann Owner"].percent == pytest.approx(70.0)


def test_product_chain_register_and_economic() -> None:
    """Ann 60 % of Mid, Mid 50 % of Subject, indirect stated 30 % (= 0.6 x 0.5).
    Economic lens: 30 %, once (not 30 + 30). Register rules: Ann controls Mid, so she holds
    Mid's 50 % in full: not more than 50 %, nobody controls Subject."""
    rels = [
        ("c1", "subj", "mid", _ex(50), {}),
        ("c2", "mid", "ann", _ex(60), {}),
        ("pr", "subj", "ann", _ex(30, "indirect"), {}),
    ]
    sts = _statements([SUBJ, MID, ANN], rels, {"pr": ["mid", "c1", "c2"]})
    G, sid = _graph(sts)
    a = who_controls_answer(G, sid)
    assert a.rows == ()
    assert a.rule == "register:no-controller"
    for lens in (Lens.MULTIPLICATIVE, Lens.INTEGRATED):
        row = next(r for r in ubo(G, sid, lens=lens).rows if r.name == "Ann Owner")
        assert row.stake is not None and row.stake.value == pytest.approx(0.30)


def test_stated_share_differs_from_the_register_figure() -> None:
    """Ann 60 % of Mid, Mid 80 % of Subject, indirect stated 48 % (0.6 x 0.8). Register:
    Ann controls Mid, Mid controls Subject: Ann holds Mid's 80 % (DOMAIN 4b, nothing
    multiplied), not 128 %; the note gives the stated 48 % beside it. Economic: 48 %."""
    rels = [
        ("c1", "subj", "mid", _ex(80), {}),
        ("c2", "mid", "ann", _ex(60), {}),
        ("pr", "subj", "ann", _ex(48, "indirect"), {}),
    ]
    G, sid = _graph(_statements([SUBJ, MID, ANN], rels, {"pr": ["mid", "c1", "c2"]}))
    a = who_controls_answer(G, sid)
    assert _rows(a)["Ann Owner"].percent == pytest.approx(80.0)
    note = next(n for n in a.notes if "counted once" in n)
    assert "80.00%" in note and "48%" in note
    row = next(r for r in ubo(G, sid, lens=Lens.MULTIPLICATIVE).rows if r.name == "Ann Owner")
    assert row.stake is not None and row.stake.value == pytest.approx(0.48)


def test_diamond_and_the_indirect_link() -> None:
    """Ann 100 % of A Ltd and of B Ltd; each holds 30 % of Subject; indirect stated 60 %
    naming both chains. Register: Ann controls A and B, holds 30 + 30 = 60 % (was 120 %);
    economic: 1 x 0.3 + 1 x 0.3 = 60 %."""
    a_, b_ = ("a", "entity", "A Ltd", {}), ("b", "entity", "B Ltd", {})
    rels = [
        ("a1", "subj", "a", _ex(30), {}),
        ("b1", "subj", "b", _ex(30), {}),
        ("a2", "a", "ann", _ex(100), {}),
        ("b2", "b", "ann", _ex(100), {}),
        ("pr", "subj", "ann", _ex(60, "indirect"), {}),
    ]
    G, sid = _graph(
        _statements([SUBJ, a_, b_, ANN], rels, {"pr": ["a", "b", "a1", "b1", "a2", "b2"]})
    )
    a = who_controls_answer(G, sid)
    assert sorted(_rows(a)) == ["Ann Owner"]
    assert _rows(a)["Ann Owner"].percent == pytest.approx(60.0)
    row = next(r for r in ubo(G, sid, lens=Lens.INTEGRATED).rows if r.name == "Ann Owner")
    assert row.stake is not None and row.stake.value == pytest.approx(0.60)


def test_diamond_with_one_controlling_branch() -> None:
    """Ann 100 % of A Ltd and of B Ltd; A holds 60 % of Subject, B 30 %; indirect stated
    90 % naming both chains. Register: Ann holds what A and B hold, 60 + 30 = 90 % (A's
    60 % plus the stated 90 % gave 150 %); A controls Subject, so A is between."""
    a_, b_ = ("a", "entity", "A Ltd", {}), ("b", "entity", "B Ltd", {})
    rels = [
        ("a1", "subj", "a", _ex(60), {}),
        ("b1", "subj", "b", _ex(30), {}),
        ("a2", "a", "ann", _ex(100), {}),
        ("b2", "b", "ann", _ex(100), {}),
        ("pr", "subj", "ann", _ex(90, "indirect"), {}),
    ]
    G, sid = _graph(
        _statements([SUBJ, a_, b_, ANN], rels, {"pr": ["a", "b", "a1", "b1", "a2", "b2"]})
    )
    a = who_controls_answer(G, sid)
    assert sorted(_rows(a)) == ["Ann Owner"]
    assert _rows(a)["Ann Owner"].percent == pytest.approx(90.0)
    assert [r.name for r in a.intermediate] == ["A Ltd"]
    row = next(r for r in ubo(G, sid, lens=Lens.INTEGRATED).rows if r.name == "Ann Owner")
    assert row.stake is not None and row.stake.value == pytest.approx(0.90)


def test_bands_stay_ranges_not_doubled() -> None:
    """UK PSC bands: Ann more than 75 % of Mid, Mid more than 50 % and at most 75 % of
    Subject, indirect stated (50, 75]. Ann's register stake is Mid's band (50, 75], once
    (both added: (100, 150])."""
    rels = [
        ("c1", "subj", "mid", _sh({"exclusiveMinimum": 50, "maximum": 75}), {}),
        ("c2", "mid", "ann", _sh({"exclusiveMinimum": 75, "maximum": 100}), {}),
        ("pr", "subj", "ann", _sh({"exclusiveMinimum": 50, "maximum": 75}, "indirect"), {}),
    ]
    a = _answer(_statements([SUBJ, MID, ANN], rels, {"pr": ["mid", "c1", "c2"]}))
    ann = _rows(a)["Ann Owner"]
    assert ann.percent is None
    assert ann.percent_range == pytest.approx((50.0, 75.0))


def test_cli_who_controls_and_ubo_give_the_same_figures(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ownergraph.cli import main

    """Ann 100 % of Mid, Mid 80 % of Subject, indirect stated 80 %: the register answer
    and the multiplicative lens both give 80 % (the register answer gave 160 %)."""
    rels = [
        ("c1", "subj", "mid", _ex(80), {}),
        ("c2", "mid", "ann", _ex(100), {}),
        ("pr", "subj", "ann", _ex(80, "indirect"), {}),
    ]
    f = tmp_path / "chain_bods-0.4.json"
    f.write_text(json.dumps(_statements([SUBJ, MID, ANN], rels, {"pr": ["mid", "c1", "c2"]})))
    runner = CliRunner()
    db = tmp_path / "s.db"
    loaded = runner.invoke(main, ["load", str(f), "--store", str(db)])
    assert loaded.exit_code == 0, loaded.output
    out = runner.invoke(main, ["who-controls", "Subject Ltd", "--store", str(db), "--json"])
    assert out.exit_code == 0, out.output
    rows = {r["name"]: r for r in json.loads(out.output)["rows"]}
    assert sorted(rows) == ["Ann Owner"]
    assert rows["Ann Owner"]["percent_text"] == "80.00%"
    u = runner.invoke(
        main, ["ubo", "Subject Ltd", "--store", str(db), "--lens", "multiplicative", "--json"]
    )
    assert u.exit_code == 0, u.output
    data = json.loads(u.output)
    ann = next(r for r in data["rows"] if r["name"] == "Ann Owner")
    assert ann["is_ubo"] is True
    assert (ann["stake"]["min"], ann["stake"]["max"]) == (80.0, 80.0)


def test_ubo_counts_an_indirect_interest_without_components() -> None:
    """Ann 100 % of Subject, stated indirect, no chain in the file: the economic lens
    counts it once (100 %), as the register answer does."""
    G, sid = _graph(_statements([SUBJ, ANN], [("pr", "subj", "ann", _ex(100, "indirect"), {})], {}))
    rows = {r.name: r for r in ubo(G, sid, lens=Lens.MULTIPLICATIVE).rows}
    assert rows["Ann Owner"].stake is not None
    assert rows["Ann Owner"].stake.value == pytest.approx(1.0)


def test_ubo_counts_an_indirect_interest_once_when_its_chain_is_there() -> None:
    """Ann 100 % of Mid, Mid 60 % of Subject, and Ann's indirect 60 % stated with no
    component named: the chain is in the graph, so the economic lens counts it once
    (100 % x 60 % = 60 %, not 120 %)."""
    mid = ("mid", "entity", "Mid Ltd", {})
    rels = [
        ("m1", "subj", "mid", _ex(60), {}),
        ("a1", "mid", "ann", _ex(100), {}),
        ("pr", "subj", "ann", _ex(60, "indirect"), {}),
    ]
    G, sid = _graph(_statements([SUBJ, mid, ANN], rels, {}))
    rows = {r.name: r for r in ubo(G, sid, lens=Lens.MULTIPLICATIVE).rows}
    assert rows["Ann Owner"].stake is not None
    assert rows["Ann Owner"].stake.value == pytest.approx(0.60)
