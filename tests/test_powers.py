"""Voting and investment power kept apart: the model fields, the store and the answer object."""

from __future__ import annotations

import json
from pathlib import Path

from ownergraph.graph.model import (
    Document,
    Holding,
    Link,
    ParsedDocument,
    Party,
    Security,
    from_dict,
    link_passes,
    link_power,
    to_dict,
)
from ownergraph.graph.store import Store, build_graph
from ownergraph.graph.vocab import (
    Authority,
    EdgeKind,
    Instrument,
    NodeKind,
    Power,
    Role,
    SourceFormat,
)
from ownergraph.loaders import parse_path
from ownergraph.queries.answer import Answer, ControllerRow, Denominator, format_percent
from ownergraph.queries.answer_build import answer_of_attribution
from ownergraph.queries.attribution import attribute
from ownergraph.queries.control import who_controls, who_controls_answer
from ownergraph.queries.reconcile import document_graph, reconcile_parsed


def test_old_records_without_power_fields_still_decode() -> None:
    old = {
        "id": "h",
        "document_id": "d",
        "holder_id": "p",
        "security_id": "s",
        "instrument": "common",
        "shares": 10,
    }
    h = from_dict(Holding, old)
    assert h.sole_voting is None and h.shared_dispositive is None
    lk = from_dict(
        Link,
        {
            "id": "l",
            "document_id": "d",
            "kind": "controls",
            "controller_id": "a",
            "controlled_id": "b",
            "role": "trustee",
            "power": "shared",
        },
    )
    assert lk.voting is None and lk.passes == ()
    assert link_passes(lk) == (Authority.VOTING, Authority.INVESTMENT)
    assert link_power(lk, Authority.INVESTMENT) == Power.SHARED


def test_link_passes_only_the_stated_power() -> None:
    lk = Link("l", "d", EdgeKind.CONTROLS, "a", "b", Role.INVESTMENT_ADVISER, voting=Power.SHARED)
    assert link_passes(lk) == (Authority.VOTING,)
    assert link_power(lk, Authority.INVESTMENT) is None
    explicit = Link(
        "l", "d", EdgeKind.CONTROLS, "a", "b", Role.TRUSTEE, passes=(Authority.INVESTMENT,)
    )
    assert link_passes(explicit) == (Authority.INVESTMENT,)


def test_store_round_trips_the_powers(tmp_path) -> None:
    doc = Document("doc:1", "x.txt", SourceFormat.TABULAR, sha256="0" * 64)
    h = Holding(
        "h",
        "doc:1",
        "p",
        "s",
        Instrument.COMMON,
        652599.0,
        sole_voting=19990.0,
        shared_voting=0.0,
        sole_dispositive=652599.0,
        shared_dispositive=0.0,
    )
    lk = Link(
        "l",
        "doc:1",
        EdgeKind.CONTROLS,
        "q",
        "p",
        Role.INVESTMENT_ADVISER,
        voting=Power.SHARED,
        investment=Power.SOLE,
        passes=(Authority.VOTING, Authority.INVESTMENT),
    )
    parsed = ParsedDocument(
        document=doc,
        parties=(
            Party("p", "Fund", NodeKind.FUND),
            Party("q", "Adviser", NodeKind.ENTITY),
            Party("i", "Issuer", NodeKind.ISSUER),
        ),
        securities=(Security("s", "i", "Common Stock"),),
        holdings=(h,),
        links=(lk,),
    )
    store = Store(tmp_path / "s.db")
    store.load(parsed)
    assert store.holdings() == [h]
    assert store.links() == [lk]
    json.dumps(to_dict(lk))


def test_answer_to_dict_renders_percent_and_denominator() -> None:
    row = ControllerRow(
        party_id="p",
        name="Nelson Obus",
        kind="person",
        ultimate=True,
        is_holder=False,
        sole_voting=0.0,
        shared_voting=3731324.0,
        sole_dispositive=0.0,
        shared_dispositive=3731324.0,
        aggregate=3731324.0,
        rights_to_acquire=0.0,
        percent=8.3449,
    )
    a = Answer(
        subject_id="i",
        subject_name="Issuer",
        subject_kind="issuer",
        rule="sec13d3",
        denominator=Denominator(44_700_000.0, "given", "44,700,000 shares (given)"),
        rows=(row,),
    )
    d = json.loads(json.dumps(a.to_dict()))
    assert d["rows"][0]["percent_text"] == "8.34%"
    assert d["denominator"]["source"] == "given"
    assert format_percent(None, (50.0, 75.0)) == "50.00-75.00%"


# --------------------------------------------------------------------------- 13d-3, both powers

FIX = Path(__file__).parent / "fixtures"
VANGUARD = FIX / "sec13dg-legacy" / "universal-health-realty_vanguard_sc13g_2007-02-14.txt"
NCCS = FIX / "sec13dg-xml" / "one-nuclear-energy_nccs-new-circle_schedule13d_2026-09-30.xml"
ADI = FIX / "sec13dg-xml" / "adi-global-distribution_blackrock_schedule13g_2026-09-04.xml"
STELMAR = FIX / "sec13dg-legacy" / "stelmar-shipping_centaurus-capital_sc13g_2004-12-23.txt"
SEED = FIX / "seed" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"


def _answer(path: Path, subject: str | None = None):
    parsed = parse_path(path)
    G = document_graph(parsed)
    subj = subject or parsed.document.security_id or parsed.document.issuer_id
    return parsed, who_controls_answer(G, subj)


def _row(answer, name: str):
    return next(r for r in (*answer.rows, *answer.intermediate) if r.name == name)


def _powers(row) -> tuple:
    return (
        row.sole_voting,
        row.shared_voting,
        row.sole_dispositive,
        row.shared_dispositive,
        row.aggregate,
    )


def test_vanguard_page_reproduced() -> None:
    """The Vanguard 13G (2007): rows 5-9 filed 19990 / 0 / 652599 / 0 / 652599 (IA; VFTC
    directs the voting of 19,990 shares, Appendix A). Computed equal, no difference."""
    parsed, a = _answer(VANGUARD)
    v = _row(a, "The Vanguard Group, Inc.")
    assert _powers(v) == (19_990, 0, 652_599, 0, 652_599)
    assert v.differences == () and not a.findings
    att = attribute(document_graph(parsed), parsed.document.security_id)
    p = next(p for p in att.persons if p.name == "The Vanguard Group, Inc.")
    assert (p.sole_voting.value, p.sole_dispositive.value) == (19_990, 652_599)
    assert not [f for f in reconcile_parsed(parsed) if f.kind == "computed_vs_filed"]


def test_blackrock_xml_voting_less_than_dispositive() -> None:
    """ADI Global Distribution, BlackRock 13G (XML): sole voting 10,092,431, shared voting
    0, sole dispositive 10,251,900, shared 0."""
    _, a = _answer(ADI)
    b = _row(a, "BlackRock, Inc.")
    assert _powers(b) == (10_092_431, 0, 10_251_900, 0, 10_251_900)
    assert b.differences == ()


def test_holder_filing_shared_power_is_shown_shared() -> None:
    """NCCS 13D (XML): New Circle Capital Solutions LP, the holder, files shared voting and
    dispositive power over 4,987,103 and no sole power; so do its GP, its manager and the
    two managing members."""
    _, a = _answer(NCCS)
    lp = _row(a, "New Circle Capital Solutions LP")
    assert _powers(lp) == (0, 4_987_103, 0, 4_987_103, 4_987_103)
    for name in ("NCCS GP, LLC", "NCCS Management, LLC", "Walter V. Arnold", "Osman H. Ahmed"):
        assert _powers(_row(a, name)) == (0, 4_987_103, 0, 4_987_103, 4_987_103), name
    assert not a.findings
    # the holder's own path is shared, like its row
    assert {(p.voting, p.investment) for p in lp.paths} == {("shared", "shared")}


def test_legacy_holder_filing_shared_power() -> None:
    """Stelmar, Centaurus 13G (2004): Centaurus Capital LP files (c)(i) sole -0-, (ii)
    shared 896,178."""
    _, a = _answer(STELMAR)
    lp = _row(a, "Centaurus Capital LP")
    assert (lp.sole_voting, lp.shared_voting) == (0, 896_178)
    assert (lp.sole_dispositive, lp.shared_dispositive) == (0, 896_178)


def test_seed_seven_pages_unchanged_and_obus_paths_shared() -> None:
    """DOMAIN §6: the funds and managers sole over their own / managed holdings, the
    individuals shared over 3,731,324 (filed 3,731,323: the one-share gap is a finding with
    its reason). Every path of Nelson Obus says shared, each step what it passes."""
    _, a = _answer(SEED)
    expected = {
        "Wynnefield Partners Small Cap Value, L.P.": (1_019_531, 0),
        "Wynnefield Partners Small Cap Value, L.P. I": (1_370_294, 0),
        "Wynnefield Small Cap Value Offshore Fund, Ltd.": (1_341_499, 0),
        "Wynnefield Capital, Inc.": (1_341_499, 0),
        "Wynnefield Capital Management, LLC": (2_389_825, 0),
        "Nelson Obus": (0, 3_731_324),
        "Joshua Landes": (0, 3_731_324),
    }
    for name, (sole, shared) in expected.items():
        r = _row(a, name)
        assert _powers(r) == (sole, shared, sole, shared, sole + shared), name
        assert r.filed is not None, name
    obus = _row(a, "Nelson Obus")
    assert {d.row for d in obus.differences} == {
        "shared_voting",
        "shared_dispositive",
        "aggregate",
    }
    assert all(d.filed == 3_731_323 and d.reason for d in obus.differences)
    assert obus.paths and all((p.voting, p.investment) == ("shared", "shared") for p in obus.paths)
    first = obus.paths[0].steps[0]
    assert first.passes == ("voting", "investment") and first.power == "shared"
    gaps = [f for f in a.findings if "Nelson Obus" in f.message]
    assert len(gaps) == 3 and all("why:" in f.message for f in gaps)
    # asked about the person: the row and its path agree (shared)
    _, mine = _answer(SEED, "Nelson Obus")
    me = _row(mine, "Nelson Obus")
    assert me.sole_voting == 0 and me.shared_voting == 3_731_324
    assert all(p.voting == "shared" for p in me.paths)


def _adviser_graph(**link_kw):
    """A fund holding 1,000 shares; its adviser A passes what the link says; A's owner P."""
    parties = [
        Party("f", "Fund", NodeKind.FUND),
        Party("a", "Adviser", NodeKind.ENTITY),
        Party("gp", "GP", NodeKind.ENTITY),
        Party("i", "Issuer", NodeKind.ISSUER),
    ]
    links = [
        Link("l1", "d", EdgeKind.CONTROLS, "a", "f", Role.INVESTMENT_ADVISER, **link_kw),
        Link("l2", "d", EdgeKind.CONTROLS, "gp", "f", Role.GENERAL_PARTNER, voting=Power.SOLE),
    ]
    return build_graph(
        parties,
        [Security("s", "i", "Common")],
        [Holding("h", "d", "f", "s", Instrument.COMMON, 1000.0)],
        links,
    )


def test_a_link_passing_investment_only() -> None:
    """The adviser has investment power only; the GP's link states voting power only: the
    adviser is sole dispositive (only controller passing investment) with no voting power,
    the GP sole voting with no dispositive power; both own the 1,000 shares (either power)."""
    G = _adviser_graph(investment=Power.SOLE)
    a = who_controls(G, "s", implied_denominator=True).to_answer()
    adv, gp = _row(a, "Adviser"), _row(a, "GP")
    assert _powers(adv) == (0, 0, 1000, 0, 1000)
    assert _powers(gp) == (1000, 0, 0, 0, 1000)
    step = adv.paths[0].steps[0]
    assert step.passes == ("investment",) and step.voting is None
    assert step.investment == "sole" and adv.paths[0].voting is None


def test_exports_carry_both_powers(tmp_path) -> None:
    """GraphML edges and BODS interest details say the filed powers and what a link passes."""
    import io

    import networkx as nx

    from ownergraph.queries.export import to_bods, to_graphml

    doc = Document("doc:p", "p.txt", SourceFormat.TABULAR, sha256="1" * 64)
    parsed = ParsedDocument(
        document=doc,
        parties=(
            Party("f", "Fund", NodeKind.FUND),
            Party("a", "Adviser", NodeKind.ENTITY),
            Party("i", "Issuer", NodeKind.ISSUER),
        ),
        securities=(Security("s", "i", "Common Stock"),),
        holdings=(
            Holding(
                "h",
                "doc:p",
                "f",
                "s",
                Instrument.COMMON,
                1000.0,
                sole_voting=600.0,
                no_voting=400.0,
                sole_dispositive=1000.0,
            ),
        ),
        links=(
            Link(
                "l",
                "doc:p",
                EdgeKind.CONTROLS,
                "a",
                "f",
                Role.INVESTMENT_ADVISER,
                investment=Power.SOLE,
            ),
        ),
    )
    store = Store(tmp_path / "e.db")
    store.load(parsed)
    G = store.graph()
    back = nx.read_graphml(io.BytesIO(to_graphml(G)), force_multigraph=True)
    edges = {k: d for _u, _v, k, d in back.edges(keys=True, data=True)}
    assert edges["h"]["sole_voting"] == 600 and edges["h"]["no_voting"] == 400
    assert edges["l"]["passes"] == "investment" and edges["l"]["investment"] == "sole"
    bods = to_bods(G)
    assert "passes investment power (sole) only" in bods
    assert "powers as filed: sole voting 600, no voting 400, sole dispositive 1,000" in bods


def test_attribute_answer_marks_the_ultimate_controllers() -> None:
    """The seed: Obus and Landes have nobody above them; the funds and managers do."""
    parsed = parse_path(SEED)
    a = answer_of_attribution(attribute(document_graph(parsed), parsed.document.security_id))
    assert {r.name for r in a.rows if r.ultimate} == {"Nelson Obus", "Joshua Landes"}
    assert len(a.rows) == 7 and a.denominator is not None
    assert a.denominator.source == "implied" and a.denominator.value == 43_777_554


def test_answer_round_trips_through_its_json() -> None:
    """The seed's answer, to JSON and back, is the same object (views render either)."""
    _, a = _answer(SEED)
    assert Answer.from_dict(json.loads(json.dumps(a.to_dict()))) == a
