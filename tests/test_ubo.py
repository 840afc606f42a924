"""UBO lenses on hand-computed graphs (DOMAIN.md 4; AMLD Art. 3(6); AMLR 2024/1624 Art. 52).

Every expected number is worked out in the test's docstring.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ownergraph.graph.model import Link, Party, Share
from ownergraph.graph.store import build_graph
from ownergraph.graph.vocab import DirectOrIndirect, EdgeKind, Lens, NodeKind, Role
from ownergraph.queries.economic import integrated_ownership
from ownergraph.queries.ubo import check_declared, compare_lenses, declared_checks, ubo

PERSON, ENTITY, UNKNOWN = NodeKind.PERSON, NodeKind.ENTITY, NodeKind.UNKNOWN


def owns(a: str, b: str, share: Share | float | None, lid: str | None = None, **kw) -> Link:
    """An OWNS link a -> b; a float is an exact percent."""
    if isinstance(share, int | float):
        share = Share.exact(float(share))
    return Link(
        lid or f"l:{a}>{b}", "doc", EdgeKind.OWNS, a, b, Role.SHAREHOLDER, share=share, **kw
    )


def controls(a: str, b: str, role: Role) -> Link:
    return Link(f"c:{a}>{b}", "doc", EdgeKind.CONTROLS, a, b, role)


def graph(links: list[Link], persons: str = "", unknown: str = "", entities: str = ""):
    parties = [Party(x, f"name {x}", PERSON) for x in persons]
    parties += [Party(x, f"name {x}", UNKNOWN) for x in unknown]
    parties += [Party(x, f"name {x}", ENTITY) for x in entities]
    return build_graph(parties, [], [], links)


@pytest.fixture
def mixed():
    """P 60 % of H, H 40 % of S; P 30 % of K, K 30 % of S; Q 40 % of H; R 70 % of K."""
    links = [owns("P", "H", 60), owns("H", "S", 40), owns("P", "K", 30), owns("K", "S", 30),
             owns("Q", "H", 40), owns("R", "K", 70)]  # fmt: skip
    return graph(links, persons="PQR", entities="HKS")


def verdicts(g, lens: Lens, **kw) -> dict[str, tuple[float | None, bool | None]]:
    res = ubo(g, "S", lens=lens, **kw)
    return {r.party_id: (r.stake.value if r.stake else None, r.is_ubo) for r in res.rows}


def test_multiplicative(mixed):
    """AMLR Art. 52: P = 0.6·0.4 + 0.3·0.3 = 0.24 + 0.09 = 33 % (UBO); Q = 0.4·0.4 = 16 %;
    R = 0.7·0.3 = 21 %. Integrated gives the same on a graph without cycles."""
    v = verdicts(mixed, Lens.MULTIPLICATIVE)
    assert v["P"][0] == pytest.approx(0.33) and v["P"][1] is True
    assert v["Q"][0] == pytest.approx(0.16) and v["Q"][1] is False
    assert v["R"][0] == pytest.approx(0.21) and v["R"][1] is False
    w = verdicts(mixed, Lens.INTEGRATED)
    assert {k: (pytest.approx(a), b) for k, (a, b) in v.items()} == w


def test_rolling(mixed):
    """Follow links meeting 25 %, attribute the end stake in full: P reaches H (60 %) and K
    (30 %) → 40 % + 30 % = 70 %; Q reaches H (40 %) → 40 %; R reaches K (70 %) → 30 %.
    All three are UBOs."""
    v = verdicts(mixed, Lens.ROLLING)
    assert v["P"][0] == pytest.approx(0.70)
    assert v["Q"][0] == pytest.approx(0.40)
    assert v["R"][0] == pytest.approx(0.30)
    assert all(b for _, b in v.values())


def test_dominancy(mixed):
    """Above 50 % passes in full: P = 1·0.4 + 0.3·0.3 = 49 % (UBO); Q = 0.4·0.4 = 16 % (no);
    R = 1·0.3 = 30 % (UBO)."""
    v = verdicts(mixed, Lens.DOMINANCY)
    assert v["P"] == (pytest.approx(0.49), True)
    assert v["Q"] == (pytest.approx(0.16), False)
    assert v["R"] == (pytest.approx(0.30), True)


def test_control(mixed):
    """Majority control: P controls H (60 %) → H's 40 %; not K (30 %). Q controls nothing
    (no chain: no stake, not 0 %). R controls K (70 %) → 30 %. Nobody controls S (H has 40 %)."""
    res = ubo(mixed, "S", lens=Lens.CONTROL)
    p, q, r = (res.row(x) for x in "PQR")
    assert p.stake.value == pytest.approx(0.40) and p.is_ubo and p.control is False
    assert q.stake is None and q.is_ubo is False
    assert r.stake.value == pytest.approx(0.30) and r.is_ubo


def test_compare_lenses_disagreements(mixed):
    """P is a UBO under every lens; Q only under rolling; R under rolling, dominancy, control."""
    c = compare_lenses(mixed, "S")
    assert set(c.disagreements) == {"Q", "R"}
    table = {row["party_id"]: row for row in c.table()}
    assert table["Q"]["rolling"]["is_ubo"] is True
    assert table["Q"]["multiplicative"]["is_ubo"] is False
    assert table["P"]["multiplicative"]["text"] == "33% UBO"
    json.dumps(c.to_dict())
    assert [r.lens for r in c.lenses][0] == Lens.SEC13D3


def test_threshold_inclusive_and_lowered():
    """P holds exactly 25 %: AMLR "25 % or more" → UBO; AMLD "more than 25 %" → not.
    Q holds 16 %: not at 25, a UBO at the 15 % that AMLR Art. 52 allows member states."""
    g = graph([owns("P", "S", 25), owns("Q", "S", 16)], persons="PQ", entities="S")
    assert verdicts(g, Lens.MULTIPLICATIVE, inclusive=True)["P"][1] is True
    assert verdicts(g, Lens.MULTIPLICATIVE, inclusive=False)["P"][1] is False
    assert verdicts(g, Lens.MULTIPLICATIVE)["Q"][1] is False
    assert verdicts(g, Lens.MULTIPLICATIVE, threshold=15)["Q"][1] is True


def test_control_via_other_means_is_control_not_a_percentage():
    """T appoints S's board (no shares): under every ownership lens T has no stake, control,
    and is a UBO on the basis of control. A trustee T2 of trust X that owns 60 % of S
    controls S through X (trustee role, then majority)."""
    g = graph(
        [controls("T", "S", Role.APPOINTMENT_OF_BOARD), controls("T2", "X", Role.TRUSTEE),
         owns("X", "S", 60)],
        persons="T", entities="SX",
    )  # fmt: skip
    g.add_node("T2", kind=PERSON, name="name T2")
    for lens in (Lens.MULTIPLICATIVE, Lens.INTEGRATED, Lens.ROLLING, Lens.DOMINANCY):
        r = ubo(g, "S", lens=lens).row("T")
        assert r.stake is None and r.control is True and r.is_ubo is True
        assert r.basis == "control"
    c = ubo(g, "S", lens=Lens.CONTROL)
    t2 = c.row("T2")
    assert t2.control is True and t2.stake.value == pytest.approx(0.6)
    assert "trustee" in " ".join(t2.explanation)


def test_unknown_persons_reported_as_unknown():
    """Unknown person(s) U own 100 % of H, which owns 80 % of S: U is reported, undecided."""
    g = graph([owns("U", "H", 100), owns("H", "S", 80)], unknown="U", entities="HS")
    r = ubo(g, "S", lens=Lens.MULTIPLICATIVE).row("U")
    assert r.is_ubo is None and r.basis == "unknown person(s)"
    assert r.stake.value == pytest.approx(0.8)


def test_only_natural_persons_are_ubos():
    """A top entity E owns 90 % of S: not a UBO row, but a gap ("ownership above E not known")."""
    g = graph([owns("E", "S", 90)], entities="ES")
    res = ubo(g, "S")
    assert res.rows == () and res.gaps == ("ownership above name E is not known",)


def test_range_straddling_threshold_is_undecided():
    """P owns [20 %, 30 %] of S: may or may not reach 25 %: undecided, not yes, not no.
    With (25 %, 30 %] and AMLD "more than": certainly above."""
    g = graph([owns("P", "S", Share(minimum=20, maximum=30))], persons="P", entities="S")
    assert verdicts(g, Lens.MULTIPLICATIVE)["P"][1] is None
    g2 = graph([owns("P", "S", Share(minimum=25, maximum=30, exclusive_minimum=True))],
               persons="P", entities="S")  # fmt: skip
    assert verdicts(g2, Lens.MULTIPLICATIVE, inclusive=False)["P"][1] is True


def test_cycle_multiplicative_chains_vs_integrated():
    """The cycle of test_economic: A 20 % of B, B 30 % of C, C 10 % of A; R 90 % of A.
    Subject A. Multiplicative (simple chains) gives R its one chain: 90 %. Integrated counts
    the walks around the cycle: 0.9/0.994 = 90.5433 %."""
    links = [owns("A", "B", 20), owns("B", "C", 30), owns("C", "A", 10), owns("R", "A", 90),
             owns("P", "B", 80), owns("Q", "C", 70)]  # fmt: skip
    g = graph(links, persons="PQR", entities="ABC")
    c = compare_lenses(g, "A")
    assert c.result(Lens.MULTIPLICATIVE).row("R").stake.value == pytest.approx(0.9)
    assert c.result(Lens.INTEGRATED).row("R").stake.value == pytest.approx(0.9 / 0.994, abs=1e-12)


# --------------------------------------------------------------------------- declared (BODS)


def indirect(a: str, b: str, pct: float, comps: tuple[str, ...], **kw) -> Link:
    return Link(f"i:{a}>{b}", "doc", EdgeKind.OWNS, a, b, Role.SHAREHOLDER,
                share=Share.exact(pct), direct_or_indirect=DirectOrIndirect.INDIRECT,
                beneficial=True, component_ids=comps, **kw)  # fmt: skip


def test_declared_indirect_through_unknown_components_is_consistent():
    """The UA example's shape: person P -> unknown entity U (level unknown) -> company C
    (level unknown); declared: P owns 50 % of C indirectly, beneficially. The product of the
    components is unknown, which can produce 50 %: consistent, no finding. The lenses
    compute "unknown" for P and fall back on the declared 50 %: a UBO."""
    links = [owns("P", "U", None, "c1"), owns("U", "C", None, "c2"),
             indirect("P", "C", 50, ("U", "c1", "c2"))]  # fmt: skip
    g = graph(links, persons="P", unknown="U", entities="C")
    checks = declared_checks(g)
    assert [c.status for c in checks] == ["consistent"]
    assert checks[0].computed.is_unknown
    assert "multiplicative" in checks[0].lenses
    assert check_declared(g) == []
    r = ubo(g, "C").row("P")
    assert r.is_ubo is True and r.basis == "declared" and r.stake.is_unknown


def test_declared_indirect_that_components_cannot_produce():
    """P 40 % of H, H 50 % of C gives 20 %; a declared 50 % indirect cannot be produced: a
    finding. P is still a UBO under rolling (40 % ≥ 25 → H's 50 %), so no second finding."""
    links = [owns("P", "H", 40, "c1"), owns("H", "C", 50, "c2"),
             indirect("P", "C", 50, ("c1", "c2"))]  # fmt: skip
    g = graph(links, persons="P", entities="HC")
    f = check_declared(g)
    assert [x.kind for x in f] == ["declared-inconsistent"]
    assert "20%" in f[0].message and "50%" in f[0].message


def test_declared_within_a_range_is_consistent():
    """P [75 %, 100 %] of H, H 50 % of C gives [37.5 %, 50 %]; a declared 40 % fits."""
    links = [owns("P", "H", Share(minimum=75, maximum=100), "c1"), owns("H", "C", 50, "c2"),
             indirect("P", "C", 40, ("c1", "c2"))]  # fmt: skip
    g = graph(links, persons="P", entities="HC")
    (c,) = declared_checks(g)
    assert c.status == "consistent" and str(c.computed) == "[37.5%, 50%]"


# --------------------------------------------------------------------------- groups, 13d-5(b)


def _two_funds():
    """Funds F1 (100 shares) and F2 (50 shares) of X's common; A is F1's general partner."""
    from ownergraph.graph.model import Holding, ReportedPosition, Security
    from ownergraph.graph.vocab import Instrument

    parties = [Party("A", "A", PERSON), Party("B", "B", PERSON), Party("F1", "F1", NodeKind.FUND),
               Party("F2", "F2", NodeKind.FUND), Party("X", "X", NodeKind.ISSUER)]  # fmt: skip
    holdings = [Holding("h1", "d", "F1", "s", Instrument.COMMON, 100.0),
                Holding("h2", "d", "F2", "s", Instrument.COMMON, 50.0)]  # fmt: skip
    links = [controls("A", "F1", Role.GENERAL_PARTNER)]

    def pages(box):
        return [ReportedPosition("r1", "d", "A", "A", member_of_group=box),
                ReportedPosition("r2", "d", "F2", "F2", member_of_group=box)]  # fmt: skip

    def build(box):
        return build_graph(parties, [Security("s", "X", "Common")], holdings, links,
                           positions=pages(box))  # fmt: skip

    return build


def test_box_a_makes_a_group_whose_members_are_deemed_to_own_the_aggregate():
    """A (GP of F1, 100 shares) and F2 (50 shares) check box (a): one group, deemed to own the
    union 100 + 50 = 150 shares; each member is deemed to own 150 (Rule 13d-5(b))."""
    from ownergraph.queries.groups import deemed_ownership, groups, with_filed_groups

    g = with_filed_groups(_two_funds()("a"))
    ((gid, members),) = groups(g).items()
    assert members == ("A", "F2")
    assert [a.shares for a in deemed_ownership(g, "A")] == [150.0]
    assert [a.shares for a in deemed_ownership(g, "F2")] == [150.0]
    assert deemed_ownership(g, "B") == []


def test_joint_filing_alone_is_not_a_group():
    """The seed's case: the pages check box (b) (a joint filing, Rule 13d-1(k)): no group."""
    from ownergraph.queries.groups import groups, with_filed_groups

    assert groups(with_filed_groups(_two_funds()("b"))) == {}
    assert groups(with_filed_groups(_two_funds()(None))) == {}


def test_user_formed_group_returns_a_new_graph():
    """form_group(G, members, name) leaves G alone; A and B (B holds nothing) are deemed to
    own A's 100 shares through F1."""
    from ownergraph.queries.groups import deemed_ownership, form_group, groups

    g = _two_funds()(None)
    h = form_group(g, ["A", "B"], "Activists")
    assert groups(g) == {} and len(groups(h)) == 1
    assert [a.shares for a in deemed_ownership(h, "B")] == [100.0]


# --------------------------------------------------------------------------- BODS fixtures, CLI

BODS = Path(__file__).parent / "fixtures" / "bods"
UA = BODS / "ua-example_indirect-natural-person-via-foreign-entity_bods-0.2.json"
AIMIA = BODS / "aimia_uk-psc_openownership-register_bods-unversioned.json"
JENEX = BODS / "jenex-mvj_entity-owning-entity_bods-0.4.json"
SEED = Path(__file__).parents[1] / "data" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"


def load(*paths: Path):
    from ownergraph.cli.options import graph_of_files

    return graph_of_files(paths)


def node(g, name: str) -> str:
    return next(n for n, d in g.nodes(data=True) if d.get("name") == name)


def test_bods_ua_declared_indirect_is_consistent_and_the_person_is_a_ubo():
    """Fixture D2: Ірина Яковенко -> unknown entity -> the company, both components at an
    unknown level; declared 50 % indirect, beneficial. The components' product is unknown,
    which can produce 50 %: consistent, no finding. Every ownership lens computes "unknown"
    and falls back on the declared 50 %: she is a UBO."""
    g = load(UA)
    (c,) = declared_checks(g)
    assert c.status == "consistent" and c.computed.is_unknown and c.declared.value == 0.5
    assert check_declared(g) == []
    person = node(g, "Ірина Яковенко")
    subject = c.controlled_id
    for lens in (Lens.MULTIPLICATIVE, Lens.INTEGRATED, Lens.DOMINANCY):
        r = ubo(g, subject, lens=lens).row(person)
        assert r.is_ubo is True and r.basis == "declared" and r.stake.is_unknown


def test_bods_aimia_unknown_persons_over_a_range():
    """Fixture D1: unknown person(s) -> Aimia Inc. (interest not stated) -> AIMIA HOLDINGS UK
    LIMITED 75–100 %. Aimia Inc.'s integrated stake is [75 %, 100 %]; the unknown persons
    are reported, undecided, with an unknown stake (never 0 %, never 100 %)."""
    g = load(AIMIA)
    uk = node(g, "AIMIA HOLDINGS UK LIMITED")
    inc = node(g, "AIMIA INC.")
    assert str(integrated_ownership(g, uk).holder(inc).stake) == "[75%, 100%]"
    res = ubo(g, uk, lens=Lens.MULTIPLICATIVE)
    (row,) = res.rows
    assert row.kind == "unknown" and row.is_ubo is None and row.stake.is_unknown
    assert row.basis == "unknown person(s)"


def test_bods_jenex_range_with_exclusive_maximum():
    """Fixture D3: MVJ holds 75 % to less than 100 % of JENEX (exclusiveMaximum): the stake
    keeps the open end, and MVJ, a company with no known owner, is a gap, not a UBO."""
    g = load(JENEX)
    jenex, mvj = node(g, "JENEX LIMITED"), node(g, "MVJ LIMITED")
    assert str(integrated_ownership(g, jenex).holder(mvj).stake) == "[75%, 100%)"
    res = ubo(g, jenex)
    assert res.rows == () and res.gaps == ("ownership above MVJ LIMITED is not known",)


def test_seed_lenses_disagree_on_what_obus_owns():
    """The seed: Obus and Landes have 13d-3 power over 3,731,323-3,731,324 shares (8.04 %
    computed over the implied denominator, 8.34 % as filed) but no ownership chain (their links are control roles): the economic lenses give
    no stake, the control lens the funds' common shares over the implied outstanding
    (about 1,073,554 / 44.7 m ≈ 2.4 %); nobody reaches 25 % under any lens."""
    from ownergraph.queries.resolve import resolve_subject

    g = load(SEED)
    c = compare_lenses(g, resolve_subject(g, "Liquidmetal Technologies"))
    names = {name for _, name, _ in c.parties}
    assert {"Nelson Obus", "Joshua Landes"} <= names
    obus = next(pid for pid, name, _ in c.parties if name == "Nelson Obus")
    assert c.result(Lens.MULTIPLICATIVE).row(obus).stake is None
    ctl = c.result(Lens.CONTROL).row(obus).stake
    assert 0.023 < ctl.lo <= ctl.hi < 0.025
    sec = c.result(Lens.SEC13D3).row(obus)
    # one question, one percentage: the computed shares over the implied denominator
    # (3,731,324 / (43,777,554 + 2,657,770) = 8.04 %), the filed 8.34 % only as a note
    assert sec.stake.value == pytest.approx(0.0804, abs=5e-5) and sec.shares > 3_700_000
    assert sec.percent_basis == "implied" and sec.filed_percent == 8.34
    assert all(r.is_ubo is False for res in c.lenses for r in res.rows)


def test_cli_ubo(tmp_path):
    """`ownergraph ubo` prints the comparison (default) and one lens as JSON."""
    from click.testing import CliRunner

    from ownergraph.cli import main

    runner = CliRunner()
    out = runner.invoke(main, ["ubo", "AIMIA HOLDINGS UK LIMITED", "--file", str(AIMIA)])
    assert out.exit_code == 0, out.output
    assert "multiplicative" in out.output and "Unknown person(s)" in out.output
    out = runner.invoke(
        main, ["ubo", "JENEX LIMITED", "--file", str(JENEX), "--lens", "integrated", "--json",
               "--more-than", "--threshold", "15"],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["lens"] == "integrated" and data["threshold"] == 15 and data["inclusive"] is False
    out = runner.invoke(main, ["ubo", "no such company", "--file", str(JENEX)])
    assert out.exit_code == 2 and "no party" in out.output
    help_text = runner.invoke(main, ["ubo", "--help"]).output
    assert "Example" in help_text and "--or-more" in help_text


def test_seed_13d3_cell_one_question_one_percentage():
    """QA: `ubo` printed "3,731,324 sh 8.34%" for Obus: computed shares beside the filed
    percent. The cell now pairs the shares with the percent computed from them (over the
    denominator implied by attribute(), labelled), or over --outstanding; 8.34 % is a note."""
    from ownergraph.queries.resolve import resolve_subject

    g = load(SEED)
    subj = resolve_subject(g, "Liquidmetal Technologies")
    obus = next(r for r in ubo(g, subj, lens=Lens.SEC13D3).rows if r.name == "Nelson Obus")
    assert obus.cell == "3,731,324 sh 8.0355% implied no"
    assert "filed: 8.34% (row 13 of the latest cover page, as filed)" in obus.explanation
    given = ubo(g, subj, lens=Lens.SEC13D3, outstanding=43_972_096)
    obus = next(r for r in given.rows if r.name == "Nelson Obus")
    assert obus.percent_basis == "computed" and obus.cell == "3,731,324 sh 8.002% no"
