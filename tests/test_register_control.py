"""Who controls a company known from registers (queries.register_control, DOMAIN.md 4b).

Expected values: ``tests/fixtures/register/expected.json``, read by hand from each file
(the BODS corpus copies, the BODS fixtures and two files written by hand to the BODS 0.4
schema), and the ``bods-v04-fixtures`` conformance cases as their ``.expected.md`` state.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from bods_fixtures import load as load_bods_case

from ownergraph.graph.model import Link, Party, Share
from ownergraph.graph.store import build_graph
from ownergraph.graph.vocab import EdgeKind, NodeKind, Role
from ownergraph.loaders import parse_bytes, parse_path
from ownergraph.queries.answer import Answer
from ownergraph.queries.register_control import who_controls_register

ROOT = Path(__file__).resolve().parents[1]
REG = ROOT / "tests" / "fixtures" / "register"
EXPECTED = json.loads((REG / "expected.json").read_text(encoding="utf-8"))
CASES = sorted(k for k in EXPECTED if not k.startswith("_"))


def _graph(doc) -> nx.MultiDiGraph:  # noqa: ANN001
    return build_graph(doc.parties, doc.securities, doc.holdings, doc.links, [doc.document])


def _by_name(G: nx.MultiDiGraph, name: str) -> str:
    found = [n for n, d in G.nodes(data=True) if d.get("name") == name]
    assert len(found) == 1, (name, found)
    return found[0]


def _answer_for(path: Path, subject: str) -> tuple[nx.MultiDiGraph, Answer]:
    G = _graph(parse_path(path))
    return G, who_controls_register(G, _by_name(G, subject))


@pytest.mark.parametrize("case", CASES)
def test_register_answers_match_hand_reading(case: str) -> None:
    exp = EXPECTED[case]
    _G, a = _answer_for(REG / case, exp["subject"])
    assert a.rule == exp["rule"], (a.rule, a.notes)
    got = {r.name: r for r in a.rows}
    assert sorted(got) == sorted(r["name"] for r in exp["rows"]), a.notes
    for want in exp["rows"]:
        row = got[want["name"]]
        assert row.kind == want["kind"]
        assert row.ultimate
        assert row.percent == want["percent"]
        rng = None if row.percent_range is None else list(row.percent_range)
        assert rng == want["percent_range"]
        assert row.paths, "every row shows how it controls"
        assert {p.voting for p in row.paths} == {want["power"]}
        assert row.paths[-1].steps[-1].controlled == exp["subject"]
        if "reason" in want:
            text = " ".join(a.notes) + " ".join(s.phrase or "" for s in row.paths[0].steps)
            assert f"reason {want['reason']}" in text
    assert sorted(r.name for r in a.intermediate) == sorted(exp["intermediate"])
    for name in exp["absent"]:
        assert name not in got
    if "note" in exp:
        assert any(exp["note"] in n for n in a.notes), a.notes
    for line in a.rule.removeprefix("register:").split("+"):
        assert any(t.startswith(f"register:{line}: ") for t in a.rule_text)
    json.dumps(a.to_dict(), ensure_ascii=False)  # the --json shape serialises


# ----------------------------------------------------------------- bods-v04-fixtures


def _case(name: str) -> nx.MultiDiGraph:
    fx = load_bods_case(name)
    return _graph(parse_bytes(json.dumps(fx.statements).encode(), path=f"{name}.json"))


def test_conformance_direct_ownership_jane_smith_sole_75() -> None:
    """core/01: Jane Smith, 75 % of the shares and of the votes alone: sole control."""
    G = _case("core/01-direct-ownership")
    a = who_controls_register(G, _by_name(G, "Acme Holdings Ltd"))
    assert [(r.name, r.kind, r.percent) for r in a.rows] == [("Jane Smith", "person", 75.0)]
    (path,) = a.rows[0].paths
    assert (path.voting, path.investment) == ("sole", "sole")
    assert len(path.steps) == 1  # a single hop
    assert a.rule == "register:majority-control"


@pytest.mark.parametrize("start", ["Alpha Corp Ltd", "Beta Corp Ltd"])
def test_conformance_circular_ownership_no_member_is_its_own_controller(start: str) -> None:
    """edge-cases/10: Alpha and Beta own each other 100 %; no person; never a cycle member."""
    G = _case("edge-cases/10-circular-ownership")
    a = who_controls_register(G, _by_name(G, start))
    assert a.rows == ()
    assert a.rule == "register:cycle"
    assert any("cycle" in n and "Alpha Corp Ltd" in n and "Beta Corp Ltd" in n for n in a.notes)
    # not inflated: each holds 100 %, never 200 %
    assert all(r.percent in (None, 100.0) for r in a.intermediate)


def test_conformance_anonymous_keeps_reason_and_invents_no_person() -> None:
    """edge-cases/11: an inline unspecified interested party with its reason code."""
    G = _case("edge-cases/11-anonymous-person")
    assert not [n for n, d in G.nodes(data=True) if d.get("kind") == NodeKind.PERSON]
    a = who_controls_register(G, _by_name(G, "Opaque Holdings SA"))
    assert a.rule == "register:unknown"
    assert [r.kind for r in a.rows] == ["unknown"]
    assert not any(r.kind == "person" for r in (*a.rows, *a.intermediate))
    code = "subjectUnableToConfirmOrIdentifyBeneficialOwner"
    assert any(code in n for n in a.notes)
    assert code in (a.rows[0].paths[0].steps[0].phrase or "")


# ----------------------------------------------------------------- rules on small graphs


def _p(pid: str, kind: NodeKind = NodeKind.ENTITY) -> Party:
    return Party(pid, pid, kind)


def _owns(a: str, b: str, lo: float, hi: float | None = None, **kw) -> Link:  # noqa: ANN003
    share = Share.exact(lo) if hi is None else Share(minimum=lo, maximum=hi)
    return Link(f"{a}>{b}", "d", EdgeKind.OWNS, a, b, Role.SHAREHOLDER, share=share, **kw)


def test_majority_chain_breaks_at_a_minority_step() -> None:
    """P 60 % of H, H 40 % of S: H does not control S, so neither does P."""
    G = build_graph([_p("P", NodeKind.PERSON), _p("H"), _p("S")], [], [],
                    [_owns("P", "H", 60), _owns("H", "S", 40)])  # fmt: skip
    a = who_controls_register(G, "S")
    assert a.rows == () and a.rule == "register:no-controller"
    assert any("H holds 40% of the shares" in n for n in a.notes)


def test_board_appointment_and_range_straddling_50() -> None:
    """A board right controls; a 40-60 % stake cannot decide, a declaration does."""
    board = Link("b", "d", EdgeKind.CONTROLS, "Q", "S", Role.APPOINTMENT_OF_BOARD)
    G = build_graph([_p("Q", NodeKind.PERSON), _p("R", NodeKind.PERSON), _p("S")], [], [],
                    [board, _owns("R", "S", 40, 60)])  # fmt: skip
    a = who_controls_register(G, "S")
    assert [r.name for r in a.rows] == ["Q"]
    assert a.rule == "register:board-appointment"
    assert any("R may control S" in n for n in a.notes)
    G2 = build_graph([_p("R", NodeKind.PERSON), _p("S")], [], [],
                     [_owns("R", "S", 40, 60, beneficial=True)])  # fmt: skip
    a2 = who_controls_register(G2, "S")
    assert [(r.name, r.percent_range) for r in a2.rows] == [("R", (40.0, 60.0))]
    assert a2.rule == "register:declared"


def test_cycle_above_the_subject_is_reported_as_a_cycle() -> None:
    """A and B own each other 60 %; B owns S 100 %: the cycle's members, flagged."""
    G = build_graph([_p("A"), _p("B"), _p("S")], [], [],
                    [_owns("A", "B", 60), _owns("B", "A", 60), _owns("B", "S", 100)])  # fmt: skip
    a = who_controls_register(G, "S")
    assert sorted(r.name for r in a.rows) == ["A", "B"]
    assert "cycle" in a.rule
    assert any(n.startswith("cycle above S: A, B") for n in a.notes)


def test_ended_link_and_as_of() -> None:
    import datetime as dt

    old = _owns("P", "S", 100, end_date=dt.date(2020, 1, 1), start_date=dt.date(2010, 1, 1))
    new = _owns("Q", "S", 100, start_date=dt.date(2020, 1, 1))
    G = build_graph([_p("P", NodeKind.PERSON), _p("Q", NodeKind.PERSON), _p("S")], [], [],
                    [old, new])  # fmt: skip
    assert [r.name for r in who_controls_register(G, "S").rows] == ["Q"]
    then = who_controls_register(G, "S", as_of=dt.date(2015, 6, 30))
    assert [r.name for r in then.rows] == ["P"]


# ----------------------------------------------------------------- the command line


@pytest.mark.parametrize(
    ("case", "subject"),
    [
        ("handwritten_person-via-holding-company_bods-0.4.json", "Example Operations Ltd"),
        ("handwritten_joint-arrangement_bods-0.4.json", "Joint Target Ltd"),
    ],
)
def test_cli_who_controls_names_the_persons_and_the_rule(
    tmp_path: Path, case: str, subject: str
) -> None:
    from click.testing import CliRunner

    from ownergraph.cli import main

    exp = EXPECTED[case]
    runner = CliRunner()
    db = tmp_path / "s.db"
    loaded = runner.invoke(main, ["load", str(REG / case), "--store", str(db)])
    assert loaded.exit_code == 0, loaded.output
    out = runner.invoke(main, ["who-controls", subject, "--store", str(db), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["rule"] == exp["rule"]
    rows = {r["name"]: r for r in data["rows"]}
    assert sorted(rows) == sorted(r["name"] for r in exp["rows"])
    for want in exp["rows"]:
        assert rows[want["name"]]["kind"] == "person"
        assert rows[want["name"]]["percent_text"] == "100.00%"
        assert rows[want["name"]]["paths"][0]["voting"] == want["power"]
    table = runner.invoke(main, ["who-controls", subject, "--store", str(db)])
    assert table.exit_code == 0, table.output
    assert exp["rule"] in table.output
    for want in exp["rows"]:
        assert want["name"] in table.output


def test_unknown_person_record_keeps_its_reason_code() -> None:
    """A 0.4 ``unknownPerson`` record (not inline) whose description hides the code."""
    base = json.loads((REG / "handwritten_person-via-holding-company_bods-0.4.json").read_text())
    sub, anna = base[0], base[2]
    anna = json.loads(json.dumps(anna))
    anna["recordDetails"] = {
        "isComponent": False,
        "personType": "unknownPerson",
        "unspecifiedPersonDetails": {
            "reason": "informationUnknownToPublisher",
            "description": "The owner could not be traced",
        },
    }
    rel = json.loads(json.dumps(base[4]))
    rel["recordDetails"]["interestedParty"] = anna["recordId"]
    rel["recordDetails"]["interests"] = [
        {"type": "shareholding", "directOrIndirect": "direct", "share": {"exact": 60}}
    ]
    G = _graph(parse_bytes(json.dumps([sub, anna, rel]).encode(), path="unknown.json"))
    a = who_controls_register(G, _by_name(G, "Example Operations Ltd"))
    assert [(r.name, r.kind, r.percent) for r in a.rows] == [
        ("The owner could not be traced", "unknown", 60.0)
    ]
    assert any("reason informationUnknownToPublisher" in n for n in a.notes)


def test_state_owned_company_answers_the_state() -> None:
    """A company held 100 % by a BODS entity of type ``state``: the state controls it."""
    base = json.loads((REG / "handwritten_person-via-holding-company_bods-0.4.json").read_text())
    sub, state, rel = base[0], json.loads(json.dumps(base[1])), base[4]
    state["recordDetails"].update({"entityType": {"type": "state"}, "name": "Republic of Finland"})
    state["recordDetails"].pop("identifiers", None)
    G = _graph(parse_bytes(json.dumps([sub, state, rel]).encode(), path="state.json"))
    a = who_controls_register(G, _by_name(G, "Example Operations Ltd"))
    assert [(r.name, r.percent) for r in a.rows] == [("Republic of Finland", 100.0)]
    assert a.rule == "register:majority-control"
    assert any("state-owned" in n for n in a.notes)


def test_cli_who_controls_follows_ownership_only_chains(tmp_path: Path) -> None:
    """AIMIA: shareholding links only (no control links) up to an unspecified party."""
    from click.testing import CliRunner

    from ownergraph.cli import main

    case = "../bods/aimia_uk-psc_openownership-register_bods-unversioned.json"
    exp = EXPECTED[case]
    runner = CliRunner()
    db = tmp_path / "s.db"
    assert runner.invoke(main, ["load", str(REG / case), "--store", str(db)]).exit_code == 0
    out = runner.invoke(main, ["who-controls", exp["subject"], "--store", str(db), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["rule"] == exp["rule"]
    assert [(r["name"], r["kind"]) for r in data["rows"]] == [("Unknown person(s)", "unknown")]
    assert [r["name"] for r in data["intermediate"]] == exp["intermediate"]
    assert data["intermediate"][0]["percent_text"] == "75.00-100.00%"
