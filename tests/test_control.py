"""Who controls X (queries.control) and subject resolution (queries.resolve)."""

from __future__ import annotations

import json
import time

import pytest

from ownergraph.graph.errors import SubjectNotFoundError
from ownergraph.graph.model import Holding, Link, Party, Security
from ownergraph.graph.store import build_graph
from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Power, Role
from ownergraph.queries.control import who_controls
from ownergraph.queries.resolve import resolve_subject, search
from tests.test_attribution import (
    INC,
    ISSUER,
    LANDES,
    LLC,
    LP,
    LPI,
    OBUS,
    OFF,
    SEC,
    graph_of,
    load_real_seed,
    seed_like,
)


@pytest.fixture
def g():
    return graph_of(seed_like())


def test_who_controls_issuer_names_the_two_individuals(g):
    """Ultimate: Obus and Landes (nobody above them), shared over 3,731,324 =
    1,019,531 + 1,370,294 + 1,341,499 (the distinct union, not 2 x 3,731,324)."""
    wc = who_controls(g, "Liquidmetal Technologies")
    assert wc.subject_id == ISSUER
    assert [c.party_id for c in wc.ultimate] == [LANDES, OBUS]  # equal shares: by name
    for c in wc.ultimate:
        assert (c.sole_voting, c.shared_voting, c.shares) == (0, 3_731_324, 3_731_324)
        assert c.shared_dispositive == 3_731_324
    assert wc.shares == 3_731_324
    obus = wc.ultimate[1]
    assert obus.filed.shared_voting == 3_731_323 and obus.filed.differs  # flagged, +1
    inter = {c.party_id: c for c in wc.intermediate}
    assert inter[LLC].filed.aggregate == 2_389_825 and not inter[LLC].filed.differs
    assert set(inter) == {LLC, INC, LP, LPI, OFF}
    assert inter[LLC].sole_voting == 2_389_825 and inter[LLC].shared_voting == 0
    assert inter[OFF].is_holder and not inter[LLC].is_holder


def test_paths_go_through_funds_and_managers(g):
    obus = next(c for c in who_controls(g, ISSUER).ultimate if c.party_id == OBUS)
    nodes = {p.nodes for p in obus.paths}
    assert (OBUS, LLC, LP) in nodes and (OBUS, LLC, LPI) in nodes and (OBUS, INC, OFF) in nodes
    via_llc = next(p for p in obus.paths if p.nodes == (OBUS, LLC, LP))
    assert via_llc.steps[0].roles == ("managing_member",)
    assert via_llc.steps[0].phrases == ("Nelson Obus, Co-Managing Member",)
    assert not via_llc.steps[0].sole and via_llc.steps[1].sole
    assert via_llc.power == Power.SHARED
    assert len(via_llc.holding_ids) == 3
    assert obus.path_count == 6
    landes = next(c for c in who_controls(g, ISSUER).ultimate if c.party_id == LANDES)
    assert {p.nodes for p in landes.paths} == {(LANDES, LP), (LANDES, LPI), (LANDES, OFF)}


def test_who_controls_security_cusip_and_holding(g):
    by_cusip = who_controls(g, "53634 X 100")
    assert by_cusip.subject_id == SEC and by_cusip.shares == 3_731_324
    hold = next(h for h in seed_like().holdings if h.holder_id == OFF and h.shares == 546_740)
    wc = who_controls(g, hold.id)
    assert wc.subject_kind == "holding" and wc.shares == 546_740
    # Offshore's convertible line: Inc. sole (only manager), Obus/Landes shared
    inter = {c.party_id: c for c in wc.intermediate}
    assert inter[INC].sole_voting == 546_740
    assert {c.party_id for c in wc.ultimate} == {OBUS, LANDES}


def test_who_controls_a_party(g):
    """Who controls the LLC: Obus only (Landes's stated power is over the funds, not the
    LLC), over the LLC's 2,389,825."""
    wc = who_controls(g, "Wynnefield Capital Management LLC")
    assert wc.subject_id == LLC
    assert [c.party_id for c in wc.ultimate] == [OBUS]
    assert wc.ultimate[0].shares == 2_389_825
    assert [p.nodes for p in wc.ultimate[0].paths] == [(OBUS, LLC)]  # paths end at the LLC
    assert wc.ultimate[0].path_count == 1
    assert wc.intermediate == ()


def test_who_controls_top_party_is_its_own_controller(g):
    wc = who_controls(g, OBUS)
    assert [c.party_id for c in wc.ultimate] == [OBUS]
    assert wc.ultimate[0].shares == 3_731_324


def test_percent_from_argument_and_json(g):
    """Obus: 3,731,324 / (43,972,096 + 2,657,770) = 8.0020 %."""
    wc = who_controls(g, ISSUER, outstanding=43_972_096)
    obus = next(c for c in wc.ultimate if c.party_id == OBUS)
    assert round(obus.percent, 4) == 8.0020
    d = wc.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["lens"] == "sec13d3" and d["ultimate"][1]["name"] == "Nelson Obus"


def _chain_graph(width: int, depth: int):
    """A lattice: each of ``depth`` layers has ``width`` entities, every node of a layer
    controls every node of the next; the last layer holds 1 share each. Paths from the top
    number width**(depth-1) per top node."""
    parties = [Party("iss", "Issuer", NodeKind.ISSUER)]
    holdings, links = [], []
    for d in range(depth):
        for w in range(width):
            parties.append(Party(f"n{d}_{w}", f"Entity {d} {w}", NodeKind.ENTITY))
            if d == depth - 1:
                holdings.append(Holding(f"h{w}", "doc", f"n{d}_{w}", "s", Instrument.COMMON, 1.0))
            if d:
                for v in range(width):
                    links.append(
                        Link(
                            f"l{d}_{v}_{w}",
                            "doc",
                            EdgeKind.CONTROLS,
                            f"n{d - 1}_{v}",
                            f"n{d}_{w}",
                            Role.MEMBER,
                        )
                    )
    return build_graph(parties, [Security("s", "iss", "Common")], holdings, links)


def test_large_lattice_counts_paths_without_enumerating_them():
    """6 layers of 8: each top node has 8**5 = 32,768 paths; listed up to the cap, counted
    exactly; shares are the union of the 8 holdings (8), not a path sum."""
    g = _chain_graph(8, 6)
    t = time.perf_counter()
    wc = who_controls(g, "iss", max_paths=10)
    assert time.perf_counter() - t < 10
    assert len(wc.ultimate) == 8
    top = wc.ultimate[0]
    assert top.path_count == 8**5 and len(top.paths) == 10 and top.paths_truncated
    assert top.shares == 8 and top.shared_voting == 8  # MEMBER is not structural: shared


def test_resolve_by_id_cik_name_and_fuzzy(g):
    assert resolve_subject(g, LP) == LP
    assert resolve_subject(g, "1141240") == ISSUER
    assert resolve_subject(g, "0001141240") == ISSUER
    assert resolve_subject(g, "53634X100") == SEC
    assert resolve_subject(g, "WYNNEFIELD PARTNERS SMALL CAP VALUE LP") == LP
    assert resolve_subject(g, "Wynnefield Partners Small Cap Value L.P. I") == LPI
    assert resolve_subject(g, "Nelson Obuss") == OBUS


def test_resolve_refuses_unknown_and_ambiguous(g):
    with pytest.raises(SubjectNotFoundError) as exc:
        resolve_subject(g, "Berkshire Hathaway")
    assert exc.value.subject == "Berkshire Hathaway"
    with pytest.raises(SubjectNotFoundError) as exc:
        resolve_subject(g, "Wynnefield")  # seven parties match equally well
    assert len(exc.value.suggestions) == 5


def test_search_box(g):
    hits = search(g, "wynnefield capital", limit=3)
    assert {h["id"] for h in hits[:2]} == {INC, LLC}
    assert set(hits[0]) == {"id", "name", "kind", "score"}
    assert search(g, "53634 X 100")[0] == {
        "id": SEC,
        "name": "Liquidmetal Technologies, Inc. — Common Stock",
        "kind": "security",
        "score": 100.0,
    }
    assert search(g, "   ") == []


def test_real_seed_who_controls():
    """DOMAIN.md 6 / issue 2: Nelson Obus and Joshua Landes, shared over 3,731,324 computed
    (3,731,323 filed, flagged), with paths through the funds and their managers."""
    g = graph_of(load_real_seed())
    wc = who_controls(g, "Liquidmetal Technologies")
    assert [c.name for c in wc.ultimate] == ["Joshua Landes", "Nelson Obus"]
    for c in wc.ultimate:
        assert (c.sole_voting, c.shared_voting, c.shares) == (0, 3_731_324, 3_731_324)
        assert c.filed.aggregate == 3_731_323 and c.filed.differs
    obus = wc.ultimate[1]
    names = {p.names for p in obus.paths}
    assert (
        "Nelson Obus",
        "Wynnefield Capital Management, LLC",
        "Wynnefield Partners Small Cap Value, L.P.",
    ) in names
    assert (
        "Nelson Obus",
        "Wynnefield Capital, Inc.",
        "Wynnefield Small Cap Value Offshore Fund, Ltd.",
    ) in names
    assert all(p.steps and p.steps[0].phrases for p in obus.paths)


def test_search_ranks_abbreviations(g):
    """Typed "capitl mgmt": capitl ~ capital (ratio 92.3), mgmt abbreviates management (90), so the
    LLC scores (100 + 92.3 + 90) / 3 = 94.1 and outranks the Inc. (WRatio 90)."""
    hits = search(g, "wynnefield capitl mgmt")
    assert hits[0]["id"] == LLC and hits[0]["score"] == 94.1
    assert resolve_subject(g, "Wynnefield Capital Mgmt") == LLC


def test_nothing_beneficially_owned_lists_the_top_controllers_at_zero():
    """Convention 11 of the labelled corpus: a filing whose only position confers no
    beneficial ownership (2,000 RSUs that settle on vesting a year out, held by a trust whose
    trustee is the reporting owner) answers with the owner at 0 shares, not with nobody;
    a position that does confer ownership keeps the ordinary answer."""
    parties = [
        Party("iss", "Issuer", NodeKind.ISSUER),
        Party("trust", "Family Trust", NodeKind.ENTITY),
        Party("owner", "Jane Owner", NodeKind.PERSON),
    ]
    rsu = Holding("h", "doc", "trust", "s", Instrument.OTHER, 2000.0, derivative=True, title="RSU")
    link = Link("l", "doc", EdgeKind.CONTROLS, "owner", "trust", Role.TRUSTEE)
    sec = [Security("s", "iss", "Common Stock")]
    wc = who_controls(build_graph(parties, sec, [rsu], [link]), "iss")
    assert [(c.party_id, c.shares) for c in wc.ultimate] == [("owner", 0)]
    assert [(c.party_id, c.shares) for c in wc.intermediate] == [("trust", 0)]
    assert wc.shares == 0
    assert any("nothing here confers beneficial ownership" in n for n in wc.notes)
    common = Holding("h2", "doc", "trust", "s", Instrument.COMMON, 500.0)
    wc = who_controls(build_graph(parties, sec, [rsu, common], [link]), "iss")
    assert [(c.party_id, c.shares) for c in wc.ultimate] == [("owner", 500)]
    assert not any("nothing here confers" in n for n in wc.notes)
