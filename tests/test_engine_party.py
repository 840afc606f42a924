"""A party over a large subtree answered from the column arrays (graph.engine_party) equals
the library's answer on the whole graph (the oracle: ``Store.graph()`` and
``queries.control.who_controls_answer``).

Random stores: persons and managers in layers over funds (diamonds), back edges (cycles),
structural, officer, stated-power and other roles with sole/shared words, holdings of
several classes with unknown counts, rights to acquire and derivative positions that
confer nothing, parties merged by entity resolution (one CIK under two ids). Every party
with holdings below it is asked; the expected answer is always the oracle's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

import pytest

from ownergraph.graph.engine import Engine
from ownergraph.graph.engine_party import party_answer
from ownergraph.graph.ids import document_id
from ownergraph.graph.model import (
    Document,
    Holding,
    Link,
    ParsedDocument,
    Party,
    ReportedPosition,
    Security,
)
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import (
    Authority,
    EdgeKind,
    Instrument,
    NodeKind,
    Power,
    Role,
    SourceFormat,
)
from ownergraph.queries.control import who_controls_answer

ROLES = [
    Role.GENERAL_PARTNER,
    Role.MANAGING_MEMBER,
    Role.OFFICER,
    Role.STATED_POWER,
    Role.OTHER,
    Role.INVESTMENT_MANAGER,
]
POWERS = [None, None, Power.SOLE, Power.SHARED]


def party_doc(seed: int, n: int = 90, *, docs: int = 1, tag: str = "") -> list[ParsedDocument]:
    """Documents over one pool of parties: persons (the last 12) above managers above
    funds, holdings of six classes by the funds and a few managers."""
    rng = random.Random(seed)
    out = []
    issuers = [Party(f"iss{k}", f"Issuer {k} Corp", NodeKind.ISSUER) for k in range(6)]
    secs = tuple(Security(f"s{k}", f"iss{k}", "Common Stock") for k in range(6))
    for d in range(docs):
        did = document_id(f"pp{seed:04d}{d:04d}{tag}")
        doc = Document(id=did, path=f"p{d}.csv", format=SourceFormat.TABULAR, sha256=did,
                       event_date=dt.date(2022, 1 + d, 1))  # fmt: skip
        parties = list(issuers)
        for i in range(n):
            merged = i % 11 == 5  # the same CIK under another id: merged
            pid = f"q{i:03d}" if merged else f"p{i:03d}"
            cik = (("cik", f"{3000 + i}"),) if i % 11 in (5, 6) else ()
            kind = NodeKind.PERSON if i >= n - 12 else NodeKind.FUND if i < 40 else NodeKind.ENTITY
            name = f"Party {i % 60} {'LP' if i % 3 else 'Inc.'}"  # equal names: by id
            parties.append(Party(pid, name, kind, identifiers=cik))
        if d == 0:  # a second spelling of a CIK above: entity resolution merges the two
            parties.append(Party("twin", "Twin Holder LLC", NodeKind.ENTITY,
                                 identifiers=(("cik", "3006"),)))  # fmt: skip
        ids = [p.id for p in parties[len(issuers) :]]
        links = []
        for i in range(40, n):
            for j in rng.sample(range(max(0, i - 30), i), rng.randint(1, 2)):
                links.append(
                    Link(
                        f"l{d}-{len(links)}",
                        did,
                        EdgeKind.CONTROLS,
                        ids[i],
                        ids[j],
                        rng.choice(ROLES),
                        rng.choice(POWERS),
                    )  # fmt: skip
                )
        for _ in range(3):  # back edges: cycles
            a, b = sorted(rng.sample(range(n), 2))
            links.append(Link(f"l{d}-{len(links)}", did, EdgeKind.CONTROLS, ids[a], ids[b],
                              rng.choice(ROLES), rng.choice(POWERS)))  # fmt: skip
        holdings = []
        for i in range(160):
            h = rng.randrange(55)
            inst = rng.choice([Instrument.COMMON] * 5 + [Instrument.WARRANT, Instrument.OPTION])
            draw = rng.random()
            shares = None if draw < 0.03 else float(rng.randint(1, 10**6))
            derivative = inst != Instrument.COMMON
            holdings.append(
                Holding(f"h{d}-{i:03d}", did, ids[h], f"s{rng.randrange(6)}", inst, shares,
                        right_to_acquire=derivative and rng.random() < 0.5,
                        derivative=derivative, title=inst.value.title())
            )  # fmt: skip
        out.append(ParsedDocument(doc, tuple(parties), secs, tuple(holdings), tuple(links)))
    return out


def _compare(store: Store, *, expect_answered: bool = True) -> int:
    G = store.graph()
    engine = Engine(store)
    answered = 0
    try:
        cols = engine.cols
        for n, data in sorted(G.nodes(data=True)):
            if data.get("kind") in (NodeKind.SECURITY, NodeKind.ISSUER):
                continue
            ref = who_controls_answer(G, n)
            if ref.rule.startswith("register:"):
                continue
            got = party_answer(engine, cols.find(n), min_below=0)
            if got is None:
                continue
            wc, small, (count, total) = got
            assert wc.to_answer().to_dict() == ref.to_dict(), n
            for top in (0, 1):  # the terminal's cut: the first rows list their paths
                cut = party_answer(engine, cols.find(n), min_below=0, paths_for_top=top)
                assert cut is not None
                want = who_controls_answer(G, n, paths_for_top=top).to_dict()
                assert cut[0].to_answer().to_dict() == want, (n, top)
            assert engine.who_controls_answer(n).to_dict() == ref.to_dict()
            ids = ref.holding_ids
            assert count == len(ids)
            known = [
                d["record"].shares
                for _u, _v, k, d in G.edges(keys=True, data=True)
                if k in set(ids) and d["record"].shares is not None
            ]
            assert total == sum(known)
            # the graph of the rows holds the first holdings by id, as the whole graph has them
            firsts = [k for _u, _v, k in small.edges(keys=True) if k.startswith("h")]
            assert sorted(firsts) == sorted(ids)[:200]
            answered += 1
    finally:
        engine.close()
    if expect_answered:
        assert answered >= 5
    return answered


@pytest.mark.parametrize("seed", range(4))
def test_random_parties_equal_the_whole_answer(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ownergraph.graph import engine_party

    monkeypatch.setattr(engine_party, "MIN_BELOW", 0)  # (Engine.who_controls_answer's path)
    with Store(tmp_path / "p.db") as store:
        for doc in party_doc(seed):
            store.load(doc)
        _compare(store)


def test_what_the_arrays_do_not_decide_is_left_to_the_whole_scope(tmp_path: Path) -> None:
    """Holdings in force across two documents, a holder's own split, a cover page, powers
    stated apart: no answer here where they touch the scope (the caller answers on the
    whole scope), and every answer given still equals the whole graph's."""
    with Store(tmp_path / "two.db") as store:
        for doc in party_doc(1, docs=2):
            store.load(doc)
        _compare(store, expect_answered=False)
    base = party_doc(2)[0]
    h0 = base.holdings[0]
    split = (dataclasses.replace(h0, sole_voting=1.0, shared_voting=0.0), *base.holdings[1:])
    page = ReportedPosition("rp1", base.document.id, h0.holder_id, "Holder", aggregate=5.0)
    apart = tuple(dataclasses.replace(lk, passes=(Authority.VOTING,)) for lk in base.links)
    for name, doc in [
        ("split", dataclasses.replace(base, holdings=split)),
        ("page", dataclasses.replace(base, positions=(page,))),
        ("apart", dataclasses.replace(base, links=apart)),
    ]:
        with Store(tmp_path / f"{name}.db") as store:
            store.load(doc)
            _compare(store, expect_answered=False)
            engine = Engine(store)
            try:
                holder = engine.cols.find(h0.holder_id)
                assert party_answer(engine, holder, min_below=0) is None, name
            finally:
                engine.close()
