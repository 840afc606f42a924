"""Sanctions exposure under the 50 % rule (queries.exposure, ``ownergraph exposure``).

Every verdict below is computed by hand from DOMAIN.md 4c (stakes of blocked owners add
up; an entity blocked under the rule is a blocked owner of what it owns; least fixed
point; ranges stay ranges).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.graph.model import Link, Party, Share
from ownergraph.graph.store import build_graph
from ownergraph.graph.vocab import EdgeKind, NodeKind, Role
from ownergraph.queries.exposure import exposure, match_sanctioned, read_sanctions_csv

ROOT = Path(__file__).resolve().parents[1]
JOINT = ROOT / "tests" / "fixtures" / "register" / "handwritten_joint-arrangement_bods-0.4.json"
FTM = ROOT / "tests" / "fixtures" / "ftm" / "handwritten_sanctions-ownership.ftm.jsonl"


def _owns(a: str, b: str, lo: float, hi: float | None = None, **kw) -> Link:  # noqa: ANN003
    share = Share.exact(lo) if hi is None else Share(minimum=lo, maximum=hi, **kw)
    return Link(f"{a}>{b}", "d", EdgeKind.OWNS, a, b, Role.SHAREHOLDER, share=share)


def _g(links: list[Link], persons: str = "XYZ") -> object:
    nodes = {n for lk in links for n in (lk.controller_id, lk.controlled_id)}
    parties = [Party(n, n, NodeKind.PERSON if n in persons else NodeKind.ENTITY) for n in nodes]
    return build_graph(parties, [], [], links)


def test_two_owners_30_and_25_of_a_holding_that_owns_100_of_the_subject() -> None:
    """X 30 % + Y 25 % of H = 55 % >= 50 %: H blocked; H 100 % of S: S blocked."""
    G = _g([_owns("X", "H", 30), _owns("Y", "H", 25), _owns("H", "S", 100)])
    h = exposure(G, "H", sanctioned={"X", "Y"})
    assert (h.verdict, h.blocked, str(h.blocked_stake)) == ("blocked", True, "55%")
    assert sorted(c.owner for c in h.contributions) == ["X", "Y"]
    s = exposure(G, "S", sanctioned={"X", "Y"})
    assert (s.verdict, str(s.blocked_stake)) == ("blocked", "100%")
    (c,) = s.contributions
    assert c.owner == "H" and c.status == "blocked" and c.path in (("X", "H"), ("Y", "H"))
    assert s.to_dict()["blocked"] is True


def test_one_owner_at_30_alone_blocks_nothing() -> None:
    G = _g([_owns("X", "H", 30), _owns("Y", "H", 25), _owns("H", "S", 100)])
    h = exposure(G, "H", sanctioned={"X"})
    assert (h.verdict, h.blocked, str(h.blocked_stake)) == ("not blocked", False, "30%")
    s = exposure(G, "S", sanctioned={"X"})
    assert (s.verdict, str(s.blocked_stake), s.contributions) == ("not blocked", "0%", ())
    assert s.to_dict()["blocked"] is False


def test_a_cycle_propagates_from_outside_and_never_blocks_itself() -> None:
    """Z 50 % of C: C blocked. X 100 % of A: A blocked. B is owned 40 % by A and 10 % by C:
    50 %, blocked, though C is also owned 40 % by B (a cycle B <-> C)."""
    links = [_owns("X", "A", 100), _owns("A", "B", 40), _owns("C", "B", 10)]
    links += [_owns("B", "C", 40), _owns("Z", "C", 50)]
    G = _g(links)
    b = exposure(G, "B", sanctioned={"X", "Z"})
    assert (b.verdict, str(b.blocked_stake)) == ("blocked", "50%")
    assert sorted(c.owner for c in b.contributions) == ["A", "C"]
    c = exposure(G, "C", sanctioned={"X", "Z"})
    assert (c.verdict, str(c.blocked_stake)) == ("blocked", "90%")
    # the same cycle without Z: C holds only B's 40 %, B only A's 40 %: neither blocked
    assert exposure(G, "B", sanctioned={"X"}).verdict == "not blocked"
    # two entities owning each other 60 % with a 30 % sanctioned owner each: not blocked
    # (a greatest fixed point would block both; blocked status must start at a person)
    G2 = _g([_owns("P", "Q", 60), _owns("Q", "P", 60), _owns("X", "P", 30), _owns("Y", "Q", 30)])
    assert exposure(G2, "P", sanctioned={"X", "Y"}).verdict == "not blocked"


def test_a_range_is_possibly_blocked_and_a_range_above_is_blocked() -> None:
    """X holds 25-50 % (PSC band, exclusive max) and Y 20 %: 45-70 %: possibly blocked.
    X at 50-75 %: at least 50 %: blocked."""
    G = _g([_owns("X", "A", 25, 50, exclusive_maximum=True), _owns("Y", "A", 20)])
    a = exposure(G, "A", sanctioned={"X", "Y"})
    assert (a.verdict, a.blocked) == ("possibly blocked", None)
    assert str(a.blocked_stake) == "[45%, 70%)"
    assert (a.to_dict()["blocked"], a.to_dict()["possibly_blocked"]) == (False, True)
    G2 = _g([_owns("X", "A", 50, 75), _owns("A", "S", 100)])
    assert exposure(G2, "A", sanctioned={"X"}).verdict == "blocked"
    s = exposure(G2, "S", sanctioned={"X"})
    assert s.verdict == "blocked"
    # possibly blocked owners propagate as "possibly"
    G3 = _g([_owns("X", "A", 25, 75), _owns("A", "S", 100)])
    s3 = exposure(G3, "S", sanctioned={"X"})
    assert s3.verdict == "possibly blocked"
    assert [c.status for c in s3.contributions] == ["possibly blocked"]


def test_threshold_is_a_parameter() -> None:
    G = _g([_owns("X", "A", 30)])
    assert exposure(G, "A", sanctioned={"X"}).verdict == "not blocked"
    assert exposure(G, "A", sanctioned={"X"}, threshold=25).verdict == "blocked"
    assert exposure(G, "A", sanctioned={"X"}, threshold=30, inclusive=False).verdict == (
        "not blocked"
    )


def test_sanctions_csv_matches_exactly(tmp_path: Path) -> None:
    G = _g([_owns("X", "A", 30)])
    f = tmp_path / "list.csv"
    f.write_text("name,program\nx,SDGT\nNobody Known,SDGT\n", encoding="utf-8")
    entries = read_sanctions_csv(str(f))
    assert entries == ["x", "Nobody Known"]
    ids, missing = match_sanctioned(G, entries)
    assert ids == {"X"} and missing == ["Nobody Known"]


def test_cli_exposure_json_and_control_beside(tmp_path: Path) -> None:
    """Cara Carter holds 50 % of the arrangement that owns 100 % of Joint Target Ltd."""
    runner = CliRunner()
    args = ["exposure", "Joint Target Ltd", "--sanctioned", "Cara Carter", "--file", str(JOINT)]
    out = runner.invoke(main, [*args, "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["blocked"] is True and data["verdict"] == "blocked"
    assert data["blocked_stake"]["text"] == "100%"
    strict = runner.invoke(main, [*args, "--more-than", "--json"])
    d2 = json.loads(strict.output)
    # 50 % is not more than 50 %: not blocked; but she jointly controls it (register rules)
    assert d2["blocked"] is False
    assert d2["controlled_by_blocked"] == ["Cara Carter"]
    assert d2["eu_owned_or_controlled"] is True
    table = runner.invoke(main, args)
    assert table.exit_code == 0 and "BLOCKED" in table.output
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfe\x00bad")
    err = runner.invoke(main, [*args[:2], "--sanctions", str(bad), "--file", str(JOINT)])
    assert err.exit_code == 2 and "Traceback" not in err.output


def test_cli_exposure_on_a_store_reads_only_the_owners_above(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The FtM file (tests/fixtures/ftm/expected.json, read by hand): Xavier (topic
    sanction) 30 % + Yolanda (topic) 25 % of Harbour Holdings = 55 %, blocked; Harbour owns
    100 % of Subject Shipping: blocked at 100 %. From a store the command answers from the
    engine's scope: ``Store.graph`` (every row) is never called."""
    from ownergraph.graph.store import Store
    from ownergraph.loaders import parse_path

    path = tmp_path / "s.db"
    with Store(path) as s:
        s.load(parse_path(FTM))

    def refuse(*a: object, **kw: object) -> None:
        raise AssertionError("the whole graph was built")

    monkeypatch.setattr(Store, "graph", refuse)
    args = ["exposure", "Subject Shipping Ltd", "--store", str(path), "--json"]
    out = CliRunner().invoke(main, [*args, "--sanctioned", "Nobody Known"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert (data["verdict"], data["blocked_stake"]["text"]) == ("blocked", "100%")
    assert data["sanctioned"] == ["Xavier Blocked", "Yolanda Listed"]
    assert data["unmatched"] == ["Nobody Known"]
    h = json.loads(CliRunner().invoke(main, ["exposure", "Harbour Holdings", *args[2:]]).stdout)
    assert (h["verdict"], h["blocked_stake"]["text"]) == ("blocked", "55%")
