"""A class held by many, answered from the column arrays (queries.control_class), equals the
library's answer on the whole graph (the oracle: ``Store.graph()`` and
``queries.control.who_controls_answer`` / ``queries.attribution.attribute``).

Random stores: one issuer's class held by most parties, layers of controllers (diamonds),
back edges (cycles), links passing one power only or stating voting and investment power
apart, sole/shared words, holdings with the holder's own filed split, unknown counts, holders
left at 0 (out of who-controls beside owners, convention 11),
derivative positions that confer nothing, superseding documents and parties merged by
entity resolution. The rows shown (the first ``top``), the counts of the others and the
header must equal the whole answer's; the expected values are always the oracle's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

import pytest

from ownergraph.graph.engine import Engine
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
from ownergraph.queries import control_class
from ownergraph.queries.answer_build import answer_of_attribution
from ownergraph.queries.attribution import attribute
from ownergraph.queries.control import who_controls_answer
from ownergraph.queries.control_groups import stated_group_summaries
from ownergraph.queries.group_view import group_summaries, with_groups

ROLES = [Role.GENERAL_PARTNER, Role.MANAGING_MEMBER, Role.OFFICER, Role.STATED_POWER, Role.OTHER]
POWERS = [None, Power.SOLE, Power.SHARED]


def _link(rng: random.Random, lid: str, did: str, u: str, v: str, apart: bool) -> Link:
    """A control link; with ``apart``, some pass one power only or state each apart."""
    kw: dict = {}
    if apart:
        pick = rng.randrange(5)
        if pick == 0:
            kw["passes"] = (Authority.VOTING,)
        elif pick == 1:
            kw["passes"] = (Authority.INVESTMENT,)
        elif pick == 2:
            kw["voting"] = rng.choice([Power.SOLE, Power.SHARED])
        elif pick == 3:
            kw["investment"] = rng.choice([Power.SOLE, Power.SHARED])
    return Link(lid, did, EdgeKind.CONTROLS, u, v, rng.choice(ROLES), rng.choice(POWERS), **kw)


def class_docs(
    seed: int, n: int = 70, docs: int = 2, apart: bool = False, zeros: bool = False
) -> list[ParsedDocument]:
    """Documents over one pool of parties, most holding the issuer's one class (with
    ``zeros``, some holders left at 0)."""
    rng = random.Random(seed)
    out = []
    for d in range(docs):
        did = document_id(f"cc{seed:04d}{d:06d}{int(apart)}")
        doc = Document(id=did, path=f"c{d}.csv", format=SourceFormat.TABULAR, sha256=did,
                       event_date=dt.date(2021, 1 + d, 1), issuer_id="iss")  # fmt: skip
        parties = [Party("iss", "Issuer Corp", NodeKind.ISSUER)]
        for i in range(n):
            merged = i % 9 == 4 and d == 1  # the same CIK under another id: merged
            pid = f"q{i:03d}" if merged else f"p{i:03d}"
            cik = (("cik", f"{2000 + i}"),) if i % 9 == 4 else ()
            kind = NodeKind.PERSON if i >= n - 12 else NodeKind.ENTITY
            # a few equal names: the order falls back on the id
            name = f"Party {i % 50} {'LLC' if i % 2 else 'Inc.'}"
            parties.append(Party(pid, name, kind, identifiers=cik))
        ids = [p.id for p in parties[1:]]
        links = []
        for i in range(20, n):
            for j in rng.sample(range(i), rng.randint(1, 3)):
                links.append(_link(rng, f"l{d}-{len(links)}", did, ids[i], ids[j], apart))
        for _ in range(4):  # back edges: cycles
            a, b = sorted(rng.sample(range(n), 2))
            links.append(_link(rng, f"l{d}-{len(links)}", did, ids[a], ids[b], apart))
        holdings = []
        for i in range(45):
            h = rng.randrange(30)
            inst = rng.choice([Instrument.COMMON] * 4 + [Instrument.WARRANT, Instrument.OPTION])
            draw = rng.random()  # unknown counts, and holders left at 0 (sold out)
            zero = zeros and draw < 0.1
            shares = None if draw < 0.04 else 0.0 if zero else float(rng.randint(1, 10**6))
            kw: dict = {}
            if apart and shares is not None and rng.random() < 0.3:  # the holder's own split
                sole = float(rng.randint(0, int(shares)))
                kw = {"sole_voting": sole, "shared_voting": shares - sole,
                      "sole_dispositive": shares, "shared_dispositive": 0.0}  # fmt: skip
            derivative = inst != Instrument.COMMON
            holdings.append(
                Holding(f"h{d}-{i:02d}", did, ids[h], "s1", inst, shares,
                        right_to_acquire=derivative and rng.random() < 0.5,
                        derivative=derivative, title=inst.value.title(), **kw)
            )  # fmt: skip
        sec = (Security("s1", "iss", "Common"),)
        out.append(ParsedDocument(doc, tuple(parties), sec, tuple(holdings), tuple(links)))
    return out


def full_holdings(G: object) -> list[Holding]:
    """Every holding record of the graph."""
    return [d["record"] for _u, _v, d in G.edges(data=True) if isinstance(d.get("record"), Holding)]


def _compare(store: Store, subjects: list[str], tops: list[int]) -> int:
    """The array path == the oracle for each subject and ``top``; returns how many
    answers took the array path."""
    G = store.graph()
    engine = Engine(store)
    took = 0
    for subject in subjects:
        node = engine.cols.find(subject)
        for top in tops:
            # a given outstanding count (percent of class) on one of the sizes
            out = 2_500_000.0 if top == 3 else None
            got = control_class.answer_shown(engine, node, top=top, min_nodes=1, outstanding=out)
            if got is None:
                continue
            took += 1
            answer, more, more_inter = got
            ref = who_controls_answer(G, subject, paths_for_top=top, outstanding=out)
            assert answer.rows == ref.rows[:top], (subject, top)
            assert answer.intermediate == ref.intermediate[:top], (subject, top)
            assert more == len(ref.rows) - len(answer.rows)
            assert more_inter == len(ref.intermediate) - len(answer.intermediate)
            skip = {"rows", "intermediate", "findings"}
            for f in dataclasses.fields(answer):
                if f.name not in skip:
                    assert getattr(answer, f.name) == getattr(ref, f.name), (subject, f.name)
            shown_ids = {r.party_id for r in (*answer.rows, *answer.intermediate)}
            assert answer.findings == tuple(
                x for x in ref.findings if set(x.subject_ids) & shown_ids
            )
            # attribution (the terminal explains no paths: max_paths=0)
            got_att = control_class.attribution_shown(
                engine, node, top=top, min_nodes=1, outstanding=out
            )
            if got_att is None:  # holders at 0 are listed at 0 there: the whole scope answers
                assert any(h.shares == 0 for h in full_holdings(G)), subject
                continue  # (the seeds without zeros compare every attribution)
            att, att_answer, more = got_att
            full = attribute(G, subject, max_paths=0, outstanding=out)
            assert att.persons == full.persons[:top], (subject, top)
            assert more == len(full.persons) - len(att.persons)
            assert (att.total, att.denominator, att.notes) == (
                full.total,
                full.denominator,
                full.notes,
            )
            full_answer = answer_of_attribution(full)
            assert att_answer.rows == full_answer.rows[:top]
            for f in dataclasses.fields(att_answer):
                if f.name not in {"rows", "findings"}:
                    assert getattr(att_answer, f.name) == getattr(full_answer, f.name), f.name
    engine.close()
    return took


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("apart", [False, True])
def test_random_classes_equal_the_whole_answer(tmp_path: Path, seed: int, apart: bool) -> None:
    with Store(tmp_path / "s.db") as s:
        s.load_many(class_docs(seed, apart=apart, zeros=seed % 2 == 1))
        assert s.merges(), "the random store should merge parties (same CIK)"
        assert _compare(s, ["iss", "s1"], [1, 3, 20, 10_000]) == 8


@pytest.mark.parametrize("seed", [1, 2])
def test_a_generation_without_edge_attributes_reads_the_rows(tmp_path: Path, seed: int) -> None:
    """A store whose column generation was written before the per-edge attributes
    (graph.columns_attrs) answers from the rows' JSON, equal to the oracle; the next load
    writes them."""
    from ownergraph.graph import columns as colmod
    from ownergraph.graph import columns_attrs

    extra, members = _group_docs(seed)
    docs = [*class_docs(seed, apart=True, zeros=seed % 2 == 1), *extra]
    with Store(tmp_path / "s.db") as s:
        s.load_many(docs[:-1])
        folder = colmod.folder_of(s.path) / f"g{Engine(s).cols.generation}"
        for name in columns_attrs.NAMES:
            (folder / f"{name}.npy").unlink()
    with Store(tmp_path / "s.db") as s:
        engine = Engine(s)
        assert not engine.cols.has_attrs()
        assert _compare(s, ["iss", "s1"], [1, 3, 20]) == 6
        G = with_groups(s.graph())
        for ids in [[m] for m in members[:4]] + [members[:3]]:
            got = stated_group_summaries(engine, ids)
            assert got is not None
            assert [g.to_dict() for g in got] == [g.to_dict() for g in group_summaries(G, ids)]
        s.load(docs[-1])
        assert engine.cols.has_attrs()
        engine.close()


def test_one_document_classes_and_groups_equal_the_whole_answer(tmp_path: Path) -> None:
    """Every holding in force (one document, as a bulk load gives): the same answers."""
    extra, members = _group_docs(5)
    with Store(tmp_path / "s.db") as s:
        s.load_many([*class_docs(5, docs=1, apart=True), extra[0]])
        assert _compare(s, ["iss", "s1"], [1, 20]) == 4
        G = with_groups(s.graph())
        engine = Engine(s)
        for ids in [members[:1], members[:3]]:
            got = stated_group_summaries(engine, ids)
            assert [g.to_dict() for g in got] == [g.to_dict() for g in group_summaries(G, ids)]
        engine.close()


def test_the_seed_store_and_a_cover_page_take_the_whole_scope(tmp_path: Path) -> None:
    """A class whose documents file cover pages (a holder's own split, an implied
    denominator read every holder's page) is not answered here: ``None``."""
    rng = random.Random(7)
    docs = class_docs(7)
    did = docs[0].document.id
    pages = (ReportedPosition("rp1", did, "p001", "Party 1 LLC", aggregate=10.0),)
    docs[0] = dataclasses.replace(docs[0], positions=pages)
    with Store(tmp_path / "s.db") as s:
        s.load_many(docs)
        engine = Engine(s)
        assert (
            control_class.answer_shown(engine, engine.cols.find("iss"), top=5, min_nodes=1) is None
        )
        engine.close()
    del rng


def test_a_small_scope_is_left_to_the_whole_answer(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        s.load_many(class_docs(1))
        engine = Engine(s)
        assert control_class.answer_shown(engine, engine.cols.find("iss"), top=5) is None
        engine.close()


def _group_docs(seed: int) -> list[ParsedDocument]:
    """Two stated groups (``member_of``) over :func:`class_docs`' parties, one member of
    each also a member of the other, and one box-(a) cover page in another filing."""
    rng = random.Random(seed)
    did = document_id(f"gg{seed:04d}")
    doc = Document(id=did, path="g.csv", format=SourceFormat.TABULAR, sha256=did,
                   event_date=dt.date(2021, 2, 15), issuer_id="iss")  # fmt: skip
    members = rng.sample([f"p{i:03d}" for i in range(20, 70) if i % 9 != 4], 6)
    links = tuple(
        Link(f"gm-{k}", did, EdgeKind.MEMBER_OF, m, "grp1" if k < 4 else "grp2",
             Role.GROUP_MEMBER)
        for k, m in enumerate(members)
    ) + (Link("gm-x", did, EdgeKind.MEMBER_OF, members[0], "grp2", Role.GROUP_MEMBER),)  # fmt: skip
    groups = (Party("grp1", "Stated Group One", NodeKind.GROUP),
              Party("grp2", "Stated Group Two", NodeKind.GROUP))  # fmt: skip
    pdid = document_id(f"gp{seed:04d}")
    pdoc = Document(id=pdid, path="p.txt", format=SourceFormat.SEC13DG_LEGACY, sha256=pdid,
                    event_date=dt.date(2021, 2, 15), issuer_id="other")  # fmt: skip
    boxed = members[5]
    pages = (ReportedPosition("rpa", pdid, boxed, boxed, member_of_group="a", aggregate=5.0),
             ReportedPosition("rpb", pdid, "p030", "p030", member_of_group="a", aggregate=6.0))  # fmt: skip
    return [
        ParsedDocument(doc, groups, links=links),
        ParsedDocument(pdoc, positions=pages),
    ], members


@pytest.mark.parametrize("seed", range(3))
def test_stated_groups_from_the_columns_equal_the_whole_graph(tmp_path: Path, seed: int) -> None:
    extra, members = _group_docs(seed)
    with Store(tmp_path / "s.db") as s:
        s.load_many([*class_docs(seed, apart=seed == 1), *extra])
        G = with_groups(s.graph())
        engine = Engine(s)
        took = 0
        for ids in [[m] for m in members] + [members[:3], ["p001", "p002"], members]:
            ref = [g.to_dict() for g in group_summaries(G, ids)]
            got = stated_group_summaries(engine, ids)
            if got is None:  # a box-(a) page names one of them: read the groups' scope
                assert members[5] in ids
                got = engine.group_summaries(ids)
            else:
                took += 1
            assert [g.to_dict() for g in got] == ref, ids
        assert took >= 6
        engine.close()


@pytest.mark.parametrize("seed", range(6))
def test_strong_components_equal_networkx(seed: int) -> None:
    import networkx as nx

    from ownergraph.queries.control_arrays import strong_components

    rng = random.Random(seed)
    n = rng.randint(1, 60)
    pairs = [(rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(0, 3 * n))]
    pairs = [(u, v) for u, v in pairs if u != v]
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(pairs)
    want = {frozenset(c) for c in nx.strongly_connected_components(g)}
    ncomp, comp = strong_components(n, [u for u, _ in pairs], [v for _, v in pairs])
    got: dict[int, set[int]] = {}
    for node, c in enumerate(comp.tolist()):
        got.setdefault(c, set()).add(node)
    assert ncomp == len(want)
    assert {frozenset(c) for c in got.values()} == want


def test_the_generated_graph_prints_what_the_whole_answer_prints(tmp_path: Path) -> None:
    """The generated S graph (10k parties, groups stated by ``member_of`` links) loaded
    with ``ownergraph load``: its most-held issuer's rows shown from the arrays, printed as
    ``who-controls`` prints them (rows, paths, how many more, groups), are the text of the
    whole scope's answer printed the same way; the attribution's rows are the whole one's."""
    import io

    from click.testing import CliRunner

    from ownergraph.benchmarks import generator, product
    from ownergraph.cli import main
    from ownergraph.cli.answer_render import print_answer
    from ownergraph.cli.group_lines import print_groups, print_percent_flags
    from ownergraph.cli.tables import make_console

    info = generator.generate("S", tmp_path / "S")
    store = tmp_path / "s.db"
    got = CliRunner().invoke(main, ["load", str(tmp_path / "S"), "--store", str(store)])
    assert got.exit_code == 0, got.output
    cik = product.subjects(info)["most-held issuer"]

    def printed(answer, groups, more=(0, 0)) -> str:  # noqa: ANN001
        console = make_console()
        console.file = io.StringIO()
        print_answer(console, answer, limit=top, more=more)
        print_percent_flags(console, answer)
        print_groups(console, groups)
        return console.file.getvalue()

    with Store(store) as s:
        engine = Engine(s)
        node = engine.resolve(cik).node
        i = engine.cols.find(node)
        for top in (5, 50):
            fast, more, more_inter = control_class.answer_shown(engine, i, top=top, min_nodes=1)
            ids = [r.party_id for r in (*fast.rows, *fast.intermediate)]
            text = printed(fast, engine.group_summaries(ids), (more, more_inter))
            whole = engine.who_controls_answer(node, paths_for_top=top)
            ids = [r.party_id for r in (*whole.rows[:top], *whole.intermediate[:top])]
            assert text == printed(whole, engine.group_summaries(ids))
            assert "more controllers" in text
            att, _answer, more = control_class.attribution_shown(engine, i, top=top, min_nodes=1)
            G, sec = engine.subject_graph(att.security_id)
            full = attribute(G, sec, max_paths=0)
            assert att.persons == full.persons[:top]
            assert more == len(full.persons) - top
        engine.close()
