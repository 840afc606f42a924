"""Issuers read by name only (:meth:`graph.engine.Engine.issuers_named`): a question's scope
reaches the issuers of every class held below a party; those with no edge in the scope get a
record of their id, name and kind only. The answers equal the whole graph's, and the scope
graph has the same nodes, edges and names as the one built from full records.

The stores are :func:`tests.test_engine.random_docs` (diamonds, cycles, amendments, merged
parties) with more issuers: one under two ids entity resolution merges (same CIK, never read
by name only), one that also holds a class (an edge of the scope: read in full), and cover
pages filed about an issuer (the documents about it are read by its id).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from ownergraph.graph import columns as colmod
from ownergraph.graph.engine import Engine
from ownergraph.graph.ids import document_id
from ownergraph.graph.model import (
    Document,
    Holding,
    ParsedDocument,
    Party,
    ReportedPosition,
    Security,
)
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import Instrument, NodeKind, SourceFormat
from ownergraph.queries.control import who_controls_answer
from tests.test_engine import random_docs


def issuer_docs(seed: int) -> list[ParsedDocument]:
    """Classes of three more issuers held by the random parties: ``m1``/``m2`` one issuer
    under two ids (same CIK), ``h1`` an issuer that holds a class too, ``c1`` with a cover
    page filed about it."""
    rng = random.Random(seed)
    out = []
    issuers = [
        Party("m1", "Merged Issuer Inc.", NodeKind.ISSUER, identifiers=(("cik", "9001"),)),
        Party("m2", "Merged Issuer Incorporated", NodeKind.ISSUER, identifiers=(("cik", "9001"),)),
        Party("h1", "Holding Issuer plc", NodeKind.ISSUER),
        Party("c1", "Covered Issuer Ltd", NodeKind.ISSUER, names=("Covered Issuer Limited",)),
    ]
    for k, iss in enumerate(issuers):
        did = document_id(f"{seed:04d}8888888{k}")
        doc = Document(id=did, path=f"i{k}.csv", format=SourceFormat.TABULAR, sha256=did,
                       event_date=dt.date(2020, 3, 1), issuer_id=iss.id)  # fmt: skip
        sec = Security(f"sec-{iss.id}", iss.id, "Ordinary")
        holders = rng.sample([f"p{i:02d}" for i in range(8)], 3)
        holdings = [
            Holding(f"hi{k}-{j}", did, h, sec.id, Instrument.COMMON, float(rng.randint(1, 10**5)))
            for j, h in enumerate(holders)
        ]
        if iss.id == "h1":  # the issuer holds a class: an edge of the scope
            holdings.append(Holding("hi-h1", did, "h1", "s1", Instrument.COMMON, 7.0))
        pages: tuple[ReportedPosition, ...] = ()
        if iss.id == "c1":
            pages = (ReportedPosition("rp-c1", did, holders[0], holders[0], aggregate=5.0),)
        parties = (iss, *(Party(h, f"Party {int(h[1:])}", NodeKind.ENTITY) for h in holders))
        out.append(ParsedDocument(doc, parties, (sec,), tuple(holdings), positions=pages))
    return out


def _graph_facts(G):  # noqa: ANN001, ANN202
    return (
        sorted((n, str(d["name"]), str(d["kind"])) for n, d in G.nodes(data=True)),
        sorted((u, v, k) for u, v, k in G.edges(keys=True)),
        sorted(G.graph["documents"]),
        sorted(p.id for p in G.graph["positions"]),
    )


@pytest.mark.parametrize("seed", range(3))
def test_issuers_by_name_only_answer_as_the_whole_graph(tmp_path: Path, seed: int) -> None:
    with Store(tmp_path / "s.db") as s:
        s.load_many([*random_docs(seed), *issuer_docs(seed)])
        G = s.graph()
        engine = Engine(s)
        cols = engine.cols
        named_seen: set[str] = set()
        for p in sorted(G.nodes):  # parties, issuers and classes
            i = cols.find(p)
            nodes, edges = engine.scope(i)
            named = engine.issuers_named(i, nodes, edges)
            named_seen |= {cols.node_id(n) for n in named}
            assert all(cols.node_kind[n] == colmod.PARTY for n in named)
            full = engine.subgraph(nodes, edges)
            thin = engine.subgraph(nodes, edges, named=named)
            assert _graph_facts(thin) == _graph_facts(full), p
            ref = who_controls_answer(G, p, max_paths=3).to_dict()
            assert engine.who_controls_answer(p, max_paths=3).to_dict() == ref, p
            assert who_controls_answer(thin, p, max_paths=3).to_dict() == ref, p
        # the path is taken: the issuers that are only issuers there (a merged one is still
        # read in full by subgraph); h1's own holding is in the scope of its class's issuer
        assert {"iss", "c1", "h1"} <= named_seen
        i = cols.find("iss")
        assert cols.find("h1") not in engine.issuers_named(i, *engine.scope(i))
        engine.close()
