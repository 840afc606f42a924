"""Voting and investment power apart, on the Bolt server: the sync carries both, and the
Cypher library's who_controls / attribution_13d3 answer what the embedded engine answers.

Figures checked by hand: the Vanguard 13G (2007) files sole voting 19,990 and sole
dispositive 652,599 (aggregate 652,599); the NCCS 13D (XML) holder files shared voting and
dispositive 4,987,103; in the hand-made graph an adviser passes investment power only and a
general partner voting power only over a fund's 1,000 shares.
"""

from __future__ import annotations

import hashlib

import pytest

from ownergraph.graph.model import (
    Document,
    Holding,
    Link,
    ParsedDocument,
    Party,
    Security,
)
from ownergraph.graph.neo4j_backend import Neo4jBackend
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Power, Role, SourceFormat
from ownergraph.loaders import parse_path
from ownergraph.queries.answer_build import answer_of_attribution
from ownergraph.queries.attribution import attribute
from ownergraph.queries.control import who_controls
from ownergraph.queries.cypher_lib import run_query
from ownergraph.queries.resolve import resolve_subject
from tests.conftest import FIXTURES, SEED

VANGUARD = FIXTURES / "sec13dg-legacy" / "universal-health-realty_vanguard_sc13g_2007-02-14.txt"
NCCS = FIXTURES / "sec13dg-xml" / "one-nuclear-energy_nccs-new-circle_schedule13d_2026-09-30.xml"


def split_powers() -> ParsedDocument:
    """A fund (1,000 shares, filed sole voting 600 / no voting 400, sole dispositive 1,000)
    under an adviser passing investment power only and a GP passing voting power only."""
    sha = hashlib.sha256(b"powers").hexdigest()
    doc = Document(id="doc:powers", path="powers.txt", format=SourceFormat.TABULAR, sha256=sha)
    parties = (
        Party("p:fund", "Powers Fund LP", NodeKind.FUND, names=("Powers Fund LP",)),
        Party("p:adv", "Powers Adviser", NodeKind.ENTITY, names=("Powers Adviser",)),
        Party("p:gp", "Powers GP", NodeKind.ENTITY, names=("Powers GP",)),
        Party("p:iss", "Powers Issuer", NodeKind.ISSUER, names=("Powers Issuer",)),
    )
    return ParsedDocument(
        document=doc,
        parties=parties,
        securities=(Security("s:powers", "p:iss", "Common Stock"),),
        holdings=(
            Holding(
                "h:powers",
                doc.id,
                "p:fund",
                "s:powers",
                Instrument.COMMON,
                1000.0,
                sole_voting=600.0,
                shared_voting=0.0,
                no_voting=400.0,
                sole_dispositive=1000.0,
                shared_dispositive=0.0,
            ),
        ),
        links=(
            Link(
                "l:adv",
                doc.id,
                EdgeKind.CONTROLS,
                "p:adv",
                "p:fund",
                Role.INVESTMENT_ADVISER,
                investment=Power.SOLE,
            ),
            Link(
                "l:gp",
                doc.id,
                EdgeKind.CONTROLS,
                "p:gp",
                "p:fund",
                Role.GENERAL_PARTNER,
                voting=Power.SOLE,
            ),
        ),
    )


@pytest.fixture(scope="module")
def powers_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store(tmp_path_factory.mktemp("powers") / "p.db")
    s.load_many([parse_path(VANGUARD), parse_path(NCCS), parse_path(SEED)])
    s.load(split_powers())
    yield s
    s.close()


@pytest.fixture(scope="module")
def powers_synced(bolt_target, powers_store: Store) -> Neo4jBackend:
    from tests.neo4j.conftest import settings_for

    b = Neo4jBackend.from_settings(settings_for(bolt_target), max_retry_time=5.0)
    b.write("MATCH (n) DETACH DELETE n")
    b.install_schema()
    report = b.sync(powers_store, batch_size=200)
    assert report.ok, report.mismatches()
    yield b
    b.close()


def test_sync_carries_both_powers(powers_synced: Neo4jBackend) -> None:
    [h] = powers_synced.read(
        "MATCH (:Party)-[h:HOLDS]->(:Security) WHERE h.id = $id"
        " RETURN h.sole_voting AS sv, h.no_voting AS nv, h.sole_dispositive AS sd",
        {"id": "h:powers"},
    )
    assert (h["sv"], h["nv"], h["sd"]) == (600, 400, 1000)
    rows = powers_synced.read(
        "MATCH (a:Party)-[r:CONTROLS]->(:Party) WHERE a.id IN $ids"
        " RETURN a.id AS a, r.passes AS passes, r.voting AS v, r.investment AS i",
        {"ids": ["p:adv", "p:gp"]},
    )
    got = {r["a"]: (list(r["passes"]), r["v"], r["i"]) for r in rows}
    assert got == {
        "p:adv": (["investment"], None, "sole"),
        "p:gp": (["voting"], "sole", None),
    }


def _row(answer: dict, name: str) -> dict:
    return next(c for c in (*answer["rows"], *answer["intermediate"]) if c["name"] == name)


def test_library_answers_the_new_figures_as_embedded(
    powers_synced: Neo4jBackend, powers_store: Store
) -> None:
    G = powers_store.graph()
    van_id = resolve_subject(G, "Universal Health Realty Income Trust")
    nccs_id = resolve_subject(G, "One Nuclear Energy")
    for subject in ("s:powers", van_id, nccs_id, "53634X100"):
        got = run_query(powers_synced, "who_controls", {"subject": subject})
        emb = who_controls(G, subject, implied_denominator=True).to_answer()
        assert got == emb.to_dict(), subject
        assert (
            run_query(powers_synced, "attribution_13d3", {"issuer": subject})
            == answer_of_attribution(attribute(G, subject)).to_dict()
        ), subject
    mine = run_query(powers_synced, "who_controls", {"subject": "s:powers"})
    adv, gp = _row(mine, "Powers Adviser"), _row(mine, "Powers GP")
    assert (adv["sole_voting"], adv["sole_dispositive"], adv["aggregate"]) == (0, 1000, 1000)
    assert (gp["sole_voting"], gp["sole_dispositive"], gp["aggregate"]) == (600, 0, 600)
    van = run_query(powers_synced, "who_controls", {"subject": van_id})
    v = _row(van, "The Vanguard Group, Inc.")
    assert (v["sole_voting"], v["shared_voting"], v["sole_dispositive"]) == (19990, 0, 652599)
    assert v["aggregate"] == 652599 and v["differences"] == []
    nccs = run_query(powers_synced, "who_controls", {"subject": nccs_id})
    lp = _row(nccs, "New Circle Capital Solutions LP")
    assert (lp["sole_voting"], lp["shared_voting"], lp["shared_dispositive"]) == (
        0,
        4987103,
        4987103,
    )
    raw = run_query(powers_synced, "who_controls", {"subject": "s:powers"}, finish=False)
    powers = {tuple(p) for r in raw for p in r["holding_powers"]}
    assert powers == {("h:powers", 600, 0, 1000, 0)}


def test_obus_paths_shared_on_the_server(powers_synced: Neo4jBackend) -> None:
    got = run_query(powers_synced, "who_controls", {"subject": "Liquidmetal Technologies"})
    obus = _row(got, "Nelson Obus")
    assert obus["paths"] and all(
        (p["voting"], p["investment"]) == ("shared", "shared") for p in obus["paths"]
    )
