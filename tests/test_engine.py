"""The product engine (graph.columns + graph.engine) equals the reference on the whole graph.

The reference is today's path: ``Store.graph()`` (every row as networkx) and
``queries.control.who_controls`` / ``queries.attribution.attribute`` on it, with
``queries.resolve`` over every node. The engine reads the column graph on disk, takes only
the question's scope from SQLite and calls the same functions; every answer must be equal
(``to_dict()``), on the seed, the fixtures and random stores with diamonds, cycles,
superseding amendments, dates and merged parties.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing as mp
import os
import random
import signal
import time
from pathlib import Path

import pytest

from ownergraph.graph import columns as colmod
from ownergraph.graph.engine import Engine
from ownergraph.graph.errors import OwnergraphError
from ownergraph.graph.ids import document_id
from ownergraph.graph.model import (
    Document,
    Holding,
    Link,
    ParsedDocument,
    Party,
    ReportedPosition,
    Security,
    Share,
)
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Power, Role, SourceFormat
from ownergraph.loaders import parse_path
from ownergraph.queries.attribution import attribute
from ownergraph.queries.control import who_controls, who_controls_answer
from ownergraph.queries.group_view import group_summaries, with_groups
from ownergraph.queries.resolve import resolve_match

FIX = Path(__file__).parent / "fixtures"
SEED = FIX / "seed" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"
ROLES = [Role.GENERAL_PARTNER, Role.MANAGING_MEMBER, Role.OFFICER, Role.STATED_POWER, Role.OTHER]
POWERS = [None, Power.SOLE, Power.SHARED]


def _answer(fn, G, subject, **kw):  # noqa: ANN001, ANN202
    try:
        return fn(G, subject, **kw).to_dict()
    except OwnergraphError as exc:
        return ("error", type(exc).__name__, str(exc))


def _engine_answer(engine: Engine, fn, subject: str, **kw):  # noqa: ANN001, ANN202
    try:
        G, node = engine.subject_graph(subject, as_of=kw.get("as_of"))
        return fn(G, node, **kw).to_dict()
    except OwnergraphError as exc:
        return ("error", type(exc).__name__, str(exc))


def _check_store(
    store: Store, *, as_of: dt.date | None = None, limit: int | None = None, max_paths: int = 25
) -> int:
    """Every node (and every holding id) of the store: engine == reference. Returns the
    number of subjects compared."""
    G = store.graph(as_of=as_of)
    engine = Engine(store)
    subjects = sorted(G.nodes)
    subjects += sorted(k for _, _, k, d in G.edges(keys=True, data=True) if d["kind"] == "holds")
    if limit is not None:
        subjects = random.Random(0).sample(subjects, min(limit, len(subjects)))
    for s in subjects:
        kw = {"as_of": as_of, "max_paths": max_paths}
        ref = _answer(who_controls, G, s, **kw)
        assert _engine_answer(engine, who_controls, s, **kw) == ref, s
        # the answer object the CLI renders (C2), on the same scope
        ref = _answer(who_controls_answer, G, s, **kw)
        try:
            got = engine.who_controls_answer(s, **kw).to_dict()
        except OwnergraphError as exc:
            got = ("error", type(exc).__name__, str(exc))
        assert got == ref, s
        if G.nodes.get(s, {}).get("kind") == NodeKind.SECURITY:
            ref = _answer(attribute, G, s, **kw)
            assert _engine_answer(engine, attribute, s, **kw) == ref, s
    engine.close()
    return len(subjects)


def test_seed_every_subject_and_name(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        s.load(parse_path(SEED))
        assert _check_store(s) > 10
        G, engine = s.graph(), Engine(s)
        # names, identifiers (the issuer's CIK 1141240 and CUSIP 53634X100 are on the cover
        # page), a name without legal form, a fuzzy spelling and a name nobody has
        for text in [
            "Liquidmetal Technologies",
            "Liquidmetal Technologies, Inc.",
            "53634 X 100",
            "1141240",
            "Nelson Obus",
            "nelson obus",
            "Nelsen Obus",
            "Wynnefield Capital Management",
            "Apple Inc.",
            "Limited",
        ]:
            try:
                ref = resolve_match(G, text)
            except OwnergraphError as exc:
                with pytest.raises(type(exc), match="."):
                    engine.resolve(text)
                continue
            assert engine.resolve(text) == ref, text
        engine.close()


def _fixture_files() -> list[list[Path]]:
    groups = []
    for sub in ("sec13dg-legacy", "sec13dg-xml", "form345", "bods", "gleif", "tabular/diamond"):
        files = [
            p for p in sorted((FIX / sub).glob("*")) if p.is_file() and p.name != "expected.json"
        ]
        if sub == "tabular/diamond":
            files = [FIX / sub]
        groups.append(files)
    return groups


@pytest.mark.parametrize("group", _fixture_files(), ids=lambda g: g[0].parent.name)
def test_fixtures_every_subject(tmp_path: Path, group: list[Path]) -> None:
    from ownergraph.loaders.tabular import parse_dir

    with Store(tmp_path / "s.db") as s:
        parsed = []
        for p in group:
            try:
                parsed.append(parse_dir(p) if p.is_dir() else parse_path(p))
            except OwnergraphError:
                continue  # a fixture that is refused on purpose
        for doc in parsed:
            try:
                s.load(doc)
            except OwnergraphError:
                continue
        assert s.counts()["documents"] > 0
        _check_store(s, limit=120)


# --------------------------------------------------------------------------- random stores


def random_docs(seed: int, n: int = 24, docs: int = 3) -> list[ParsedDocument]:
    """Documents over one pool of parties: layers of controllers over funds (diamonds),
    back edges (cycles), dated amendments that supersede holdings, and parties that appear
    in several documents under another id with the same CIK (merged by entity resolution)."""
    rng = random.Random(seed)
    out = []
    for d in range(docs):
        did = document_id(f"{seed:04d}{d:08d}")
        doc = Document(
            id=did,
            path=f"r{d}.csv",
            format=SourceFormat.TABULAR,
            sha256=did,
            event_date=dt.date(2020, 1 + d, 1),
            issuer_id="iss",
        )
        parties = [Party("iss", "Issuer Corp", NodeKind.ISSUER)]
        for i in range(n):
            pid = f"p{i:02d}" if not (i % 7 == 3 and d == 1) else f"q{i:02d}"
            cik = (("cik", f"{1000 + i}"),) if i % 7 == 3 else ()
            kind = NodeKind.PERSON if i >= n - 4 else NodeKind.ENTITY
            parties.append(
                Party(pid, f"Party {i} {'LLC' if i % 2 else 'Inc.'}", kind, identifiers=cik)
            )
        ids = [p.id for p in parties[1:]]
        secs = (Security("s1", "iss", "Common"), Security("s2", "iss", "Preferred"))
        links = []
        for i in range(8, n):
            for j in rng.sample(range(i), rng.randint(1, 3)):
                links.append(
                    Link(f"l{d}-{len(links)}", did, EdgeKind.CONTROLS, ids[i], ids[j],
                         rng.choice(ROLES), rng.choice(POWERS))
                )  # fmt: skip
        for _ in range(3):
            a, b = sorted(rng.sample(range(n), 2))
            links.append(
                Link(f"l{d}-{len(links)}", did, EdgeKind.CONTROLS, ids[a], ids[b],
                     rng.choice(ROLES), rng.choice(POWERS))
            )  # fmt: skip
        holdings = []
        for i in range(10):
            h = rng.randrange(8)
            inst = rng.choice([Instrument.COMMON, Instrument.WARRANT, Instrument.CONVERTIBLE])
            shares = None if rng.random() < 0.1 else float(rng.randint(1, 10**6))
            holdings.append(
                Holding(f"h{d}-{i}", did, ids[h], rng.choice(["s1", "s1", "s2"]), inst, shares,
                        right_to_acquire=inst.is_right_to_acquire)
            )  # fmt: skip
        out.append(ParsedDocument(doc, tuple(parties), secs, tuple(holdings), tuple(links)))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_random_stores_every_subject(tmp_path: Path, seed: int) -> None:
    with Store(tmp_path / "s.db") as s:
        s.load_many(random_docs(seed))
        assert s.merges(), "the random store should merge parties (same CIK)"
        # paths (listed up to 2; counted all) are what makes these answers large; the
        # numbers and path counts do not depend on how many are listed
        _check_store(s, max_paths=2)
        _check_store(s, as_of=dt.date(2020, 2, 15), max_paths=2, limit=25)


# --------------------------------------------------------------------------- groups


def _check_groups(store: Store, *, as_of: dt.date | None = None) -> int:
    """Every party (alone, and the parties of each who-controls answer together): the
    Rule 13d-5(b) groups from the engine's group scope == on the whole graph with its
    box-(a) groups. Returns the number of party sets with a group."""
    G = store.graph(as_of=as_of)
    whole = with_groups(G)
    engine = Engine(store)
    sets = [[n] for n, d in G.nodes(data=True) if d["kind"] != NodeKind.SECURITY]
    for n, d in G.nodes(data=True):
        if d["kind"] == NodeKind.SECURITY:
            a = who_controls_answer(G, n, as_of=as_of, max_paths=1)
            sets.append([r.party_id for r in (*a.rows, *a.intermediate)])
    found = 0
    for ids in sets:
        ref = [g.to_dict() for g in group_summaries(whole, ids)]
        assert [g.to_dict() for g in engine.group_summaries(ids, as_of=as_of)] == ref, ids
        found += bool(ref)
    engine.close()
    return found


def group_docs(seed: int) -> list[ParsedDocument]:
    """Two filings over :func:`random_docs`' parties: cover pages only about another issuer,
    box (a) on some (one under an id entity resolution merges) and box (b) on another (no
    record of the filing is an edge: only its pages make the group); and a stated group (``member_of`` links)
    whose members control funds below them."""
    rng = random.Random(seed)
    out = []
    for k in range(2):
        did = document_id(f"{seed:04d}9999999{k}")
        doc = Document(id=did, path=f"g{k}.txt", format=SourceFormat.SEC13DG_LEGACY,
                       sha256=did, event_date=dt.date(2020, 2, 15),
                       issuer_id="other" if k == 0 else "iss")  # fmt: skip
        if k == 0:
            pages = tuple(
                ReportedPosition(f"rp{i}", did, pid, pid, member_of_group=box,
                                 aggregate=float(rng.randint(1, 10**6)))
                for i, (pid, box) in enumerate([("p09", "a"), ("q10", " A "), ("p20", "a"),
                                                ("p11", "b")])
            )  # fmt: skip
            out.append(ParsedDocument(doc, positions=pages))
            continue
        links = tuple(
            Link(f"g-{m}", did, EdgeKind.MEMBER_OF, m, "grp", Role.GROUP_MEMBER)
            for m in rng.sample([f"p{i:02d}" for i in range(8, 24)], 3)
        )
        out.append(ParsedDocument(doc, (Party("grp", "Stated Group", NodeKind.GROUP),),
                                  links=links))  # fmt: skip
    return out


@pytest.mark.parametrize("seed", range(3))
def test_random_groups_equal_the_whole_graph(tmp_path: Path, seed: int) -> None:
    with Store(tmp_path / "s.db") as s:
        s.load_many([*random_docs(seed), *group_docs(seed)])
        assert _check_groups(s) > 3
        _check_groups(s, as_of=dt.date(2020, 2, 1))  # before the group filing


def test_fixture_groups_equal_the_whole_graph(tmp_path: Path) -> None:
    """The Stelmar 13G (box (a) on both pages) and the seed (box (b)), and the tabular
    group agreement of tests/test_group_views.py."""
    from ownergraph.loaders.tabular import parse_dir
    from tests.test_group_views import EDGES, ENTITIES, STELMAR

    folder = tmp_path / "agreement"
    folder.mkdir()
    (folder / "entities.csv").write_text(ENTITIES)
    (folder / "edges.csv").write_text(EDGES)
    with Store(tmp_path / "s.db") as s:
        s.load_many([parse_path(STELMAR), parse_path(SEED), parse_dir(folder)])
        assert _check_groups(s) >= 4


def test_generations_swap_and_readers_follow(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    docs = random_docs(11)
    with Store(path) as s:
        s.load(docs[0])
        engine = Engine(s)
        first = engine.cols.generation
        n0 = engine.cols.n_edges
        s.load(docs[1])
        assert engine.cols.generation == first + 1  # the open engine maps the new one
        assert engine.cols.n_edges == n0 + len(docs[1].holdings) + len(docs[1].links)
        gens = sorted(p.name for p in colmod.folder_of(path).iterdir())
        assert gens == [f"g{first + 1}"]  # the old generation is gone after the commit
        engine.close()


def test_a_store_without_columns_gets_them_once(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as s:
        s.load(parse_path(SEED))
        # as a store written before the columns: no generation recorded, no folder
        s._conn.execute("DELETE FROM meta WHERE key IN ('columns_generation', 'columns_seq')")
        s._conn.execute("DELETE FROM name_keys")
        s._conn.execute("DELETE FROM meta WHERE key='name_keys'")
        import shutil

        shutil.rmtree(colmod.folder_of(path))
        assert not s.columns_current()
        assert Engine(s).who_controls("Liquidmetal Technologies").shares == 3731324
        assert s.columns_current()


# --------------------------------------------------------------------------- crash

CTX = mp.get_context("fork")


def _load_all(path: str, docs: list[ParsedDocument]) -> None:
    store = Store(path)
    for doc in docs:
        store.load(doc)
    store.close()
    os._exit(0)


def test_sigkill_mid_load_leaves_the_old_or_the_new_graph(tmp_path: Path) -> None:
    from tests.security.test_crash_and_concurrency import make_docs

    docs = make_docs(12, 40)
    t0 = time.perf_counter()
    probe = CTX.Process(target=_load_all, args=(str(tmp_path / "probe.db"), docs))
    probe.start()
    probe.join()
    full = time.perf_counter() - t0
    rnd = random.Random(99)
    mid = 0
    for k in range(8):
        path = tmp_path / f"s{k}.db"
        proc = CTX.Process(target=_load_all, args=(str(path), docs))
        proc.start()
        time.sleep(rnd.uniform(0.05, full * 0.9))
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        with Store(path) as s:
            n = s.counts()["documents"]
            mid += 0 < n < len(docs)
            if n == 0:
                continue
            # the generation in force is the one of the committed content, complete
            assert s.columns_current()
            cols = colmod.open_columns(s.path, s._conn)
            assert cols is not None
            assert cols.n_edges == s.counts()["holdings"] + s.counts()["links"]
            cols.close()
            _check_store(s, limit=15)
    assert mid > 0, "no kill landed mid-load: the test did not test anything"


# --------------------------------------------------------------------------- app scopes


def _fixture_store(path: Path, group: list[Path]) -> Store:
    from ownergraph.loaders.tabular import parse_dir

    s = Store(path)
    for p in group:
        try:
            s.load(parse_dir(p) if p.is_dir() else parse_path(p))
        except OwnergraphError:
            continue  # a fixture that is refused on purpose
    return s


def owns_docs(seed: int) -> list[ParsedDocument]:
    """:func:`random_docs` with ownership stakes (``owns`` links with a percentage, some
    unknown, some ranges) beside the control links, and outstanding counts, so the economic
    lenses have chains, diamonds and cycles to multiply along."""
    rng = random.Random(1000 + seed)
    out = []
    for parsed in random_docs(seed, docs=2):
        ids = [p.id for p in parsed.parties[1:]] + ["iss"]
        links = list(parsed.links)
        for k in range(16):
            a, b = rng.sample(ids, 2)
            pct = rng.choice([None, 10.0, 25.0, 50.0, 60.0, 100.0])
            share = None if pct is None else Share(minimum=pct, maximum=pct)
            links.append(
                Link(f"o{parsed.document.id[-4:]}-{k}", parsed.document.id, EdgeKind.OWNS, a, b,
                     Role.SHAREHOLDER, None, share=share)
            )  # fmt: skip
        doc = dataclasses.replace(parsed.document, outstanding=2_000_000.0)
        out.append(dataclasses.replace(parsed, document=doc, links=tuple(links)))
    return out


LENSES = ("integrated", "multiplicative", "rolling", "dominancy", "control")


def _check_lenses(store: Store, *, as_of: dt.date | None = None) -> int:
    """Every economic lens of every node: on the engine's lens scope == on the whole graph;
    every lens side by side (``ownergraph ubo``: Rule 13d-3 too) and the who-controls
    answer beside them on :meth:`Engine.lens_graph`."""
    from ownergraph.graph.vocab import Lens
    from ownergraph.queries.ubo import compare_lenses, ubo

    G = store.graph(as_of=as_of)
    engine = Engine(store)
    n = 0
    for s in sorted(G.nodes):
        sub = engine.subgraph(*engine.lens_scope(engine.cols.find(s)), as_of=as_of)
        for lens in LENSES:
            ref = _answer(ubo, G, s, lens=Lens(lens), threshold=25.0)
            assert _answer(ubo, sub, s, lens=Lens(lens), threshold=25.0) == ref, (s, lens)
            n += 1
        both, node = engine.lens_graph(s, as_of=as_of)
        assert node == s
        ref = _answer(compare_lenses, G, s, threshold=25.0)
        assert _answer(compare_lenses, both, s, threshold=25.0) == ref, s
        ref = _answer(who_controls_answer, G, s, as_of=as_of)
        assert _answer(who_controls_answer, both, s, as_of=as_of) == ref, s
    engine.close()
    return n


def test_lens_scope_seed_and_random_stakes(tmp_path: Path) -> None:
    with Store(tmp_path / "seed.db") as s:
        s.load(parse_path(SEED))
        assert _check_lenses(s) > 10
    for seed in range(3):
        with Store(tmp_path / f"r{seed}.db") as s:
            s.load_many(owns_docs(seed))
            assert any(lk.kind == EdgeKind.OWNS for lk in s.links())
            _check_lenses(s)
            _check_lenses(s, as_of=dt.date(2020, 1, 15))


@pytest.mark.parametrize("sub", ["bods", "gleif", "register"])
def test_lens_scope_fixtures(tmp_path: Path, sub: str) -> None:
    group = [p for p in sorted((FIX / sub).glob("*")) if p.is_file() and p.suffix != ".md"]
    with _fixture_store(tmp_path / "s.db", group) as s:
        assert _check_lenses(s) > 0


def _check_drawings(store: Store, *, as_of: dt.date | None = None) -> int:
    """The Explore drawing of every node under several options: on the engine's
    neighbourhood scope == on the whole graph."""
    from ownergraph.explorer.subgraph import SubgraphOptions, neighbourhood

    G = with_groups(store.graph(as_of=as_of))  # as the app draws it: with box-(a) groups
    engine = Engine(store)
    everything = tuple(EdgeKind)
    variants = [
        SubgraphOptions(depth=4, edge_kinds=everything),
        SubgraphOptions(up=True, down=False, depth=2, edge_kinds=everything, max_children=3),
        SubgraphOptions(up=False, down=True, depth=3, edge_kinds=(EdgeKind.HOLDS,)),
        SubgraphOptions(
            depth=2, edge_kinds=(EdgeKind.CONTROLS, EdgeKind.ISSUES), collapse_funds_over=1
        ),
        SubgraphOptions(depth=8, edge_kinds=everything, max_nodes=12, collapse_funds_over=2),
    ]
    n = 0
    for center in sorted(n for n in G.nodes if engine.cols.find(n) is not None):
        for opts in variants:
            nodes, edges, docs = engine.drawing_scope(
                engine.cols.find(center),
                up=opts.up,
                down=opts.down,
                depth=opts.depth,
                kinds=opts.edge_kinds,
            )
            sub = with_groups(engine.subgraph(nodes, edges, as_of=as_of, documents=docs))
            assert neighbourhood(sub, center, options=opts) == neighbourhood(
                G, center, options=opts
            ), (center, opts)
            n += 1
    engine.close()
    return n


def test_neighbourhood_scope_seed_and_random(tmp_path: Path) -> None:
    with Store(tmp_path / "seed.db") as s:
        s.load(parse_path(SEED))
        assert _check_drawings(s) > 10
    for seed in range(2):
        with Store(tmp_path / f"r{seed}.db") as s:
            s.load_many(owns_docs(seed))
            _check_drawings(s)
            _check_drawings(s, as_of=dt.date(2020, 1, 15))
        # box-(a) groups whose filing has no edge (only cover pages make the group node)
        with Store(tmp_path / f"g{seed}.db") as s:
            s.load_many(random_docs(seed) + group_docs(seed))
            _check_drawings(s)


@pytest.mark.parametrize("sub", ["sec13dg-xml", "sec13dg-legacy", "form345", "bods"])
def test_neighbourhood_scope_fixtures(tmp_path: Path, sub: str) -> None:
    group = [p for p in sorted((FIX / sub).glob("*")) if p.is_file() and p.suffix != ".md"]
    with _fixture_store(tmp_path / "s.db", group) as s:
        assert _check_drawings(s) > 0


@pytest.mark.parametrize(
    "args",
    [
        ["who-controls", "Liquidmetal Technologies"],
        ["explain", "Liquidmetal Technologies", "Nelson Obus"],
        ["ubo", "Liquidmetal Technologies"],
        ["ubo", "Liquidmetal Technologies", "--lens", "multiplicative"],
        ["holdings", "Nelson Obus"],
        ["history", "Liquidmetal Technologies"],
        ["history", "Nelson Obus"],
        ["reconcile", "Liquidmetal Technologies"],
    ],
    ids=lambda a: " ".join(a[:1] + a[2:]),
)
def test_store_questions_never_build_the_whole_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """The commands answer from the engine's scope: ``Store.graph`` (every row) is never
    called, and the figures are the seed's (DOMAIN 6: Obus and Landes each 3,731,324
    shares over the three funds' holdings)."""
    from click.testing import CliRunner

    from ownergraph.cli import main

    path = tmp_path / "s.db"
    with Store(path) as s:
        s.load(parse_path(SEED))

    def refuse(*a: object, **kw: object) -> None:
        raise AssertionError("the whole graph was built")

    monkeypatch.setattr(Store, "graph", refuse)
    result = CliRunner().invoke(main, [*args, "--store", str(path)])
    assert result.exit_code == 0, result.output
    if args[0] == "history":  # the cover pages as filed: 3,731,323 (Obus's row 11)
        assert "3,731,323" in result.output, result.output
    elif args[0] != "ubo" or len(args) == 2:
        assert "3,731,324" in result.output, result.output
    assert "Nelson Obus" in result.output


def test_a_name_shared_by_several_parties_is_refused_without_reading_everyone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three funds "Acme Value Fund" under three legal forms (and 40 other parties): the
    whole graph refuses the name without a legal form as ambiguous, naming the three; the
    engine refuses it the same way from the three records the name index offers, not from
    every party (a fuzzy pass)."""
    did = document_id("0" * 15 + "acme")
    doc = Document(id=did, path="acme.csv", format=SourceFormat.TABULAR, sha256=did)
    forms = ("L.P.", "LLC", "Ltd.")  # (one spelling thrice would be merged as one party)
    parties = [Party(f"a{i}", f"Acme Value Fund, {f}", NodeKind.FUND) for i, f in enumerate(forms)]
    parties += [Party(f"x{i:02d}", f"Other Party {i} LLC", NodeKind.ENTITY) for i in range(40)]
    with Store(tmp_path / "s.db") as s:
        s.load(ParsedDocument(doc, tuple(parties)))
        G = s.graph()
        engine = Engine(s)
        read: list[int] = []
        real = Engine.subgraph

        def spy(self: Engine, nodes: set[int], *a: object, **kw: object):  # noqa: ANN202
            read.append(len(nodes))
            return real(self, nodes, *a, **kw)

        monkeypatch.setattr(Engine, "subgraph", spy)
        for text in ("Acme Value Fund", "acme value fund"):
            with pytest.raises(OwnergraphError) as ref:
                resolve_match(G, text)
            with pytest.raises(OwnergraphError) as got:
                engine.resolve(text)
            assert str(got.value) == str(ref.value)
            assert got.value.suggestions == ref.value.suggestions  # type: ignore[attr-defined]
            assert len(ref.value.suggestions) == 3  # type: ignore[attr-defined]
        assert read and max(read) == 3, read
        engine.close()


def _check_holdings(store: Store, *, as_of: dt.date | None = None) -> int:
    """What every party controls or holds (``ownergraph holdings``): on
    :meth:`Engine.holdings_graph` == on the whole graph."""
    from ownergraph.queries.holdings import holdings

    G = store.graph(as_of=as_of)
    engine = Engine(store)
    n = 0
    for p in sorted(x for x, d in G.nodes(data=True) if d["kind"] != NodeKind.SECURITY):
        sub, node = engine.holdings_graph(p, as_of=as_of)
        assert node == p
        ref = _answer(holdings, G, p, as_of=as_of)
        assert _answer(holdings, sub, p, as_of=as_of) == ref, p
        n += 1
    engine.close()
    return n


def test_holdings_graph_seed_and_random(tmp_path: Path) -> None:
    with Store(tmp_path / "seed.db") as s:
        s.load(parse_path(SEED))
        assert _check_holdings(s) > 5
    for seed in range(2):
        with Store(tmp_path / f"r{seed}.db") as s:
            s.load_many(owns_docs(seed))
            _check_holdings(s)
            _check_holdings(s, as_of=dt.date(2020, 1, 15))


@pytest.mark.parametrize("sub", ["bods", "register", "form345"])
def test_holdings_graph_fixtures(tmp_path: Path, sub: str) -> None:
    group = [p for p in sorted((FIX / sub).glob("*")) if p.is_file() and p.suffix != ".md"]
    with _fixture_store(tmp_path / "s.db", group) as s:
        assert _check_holdings(s) > 0


# --------------------------------------------------------------------------- history


def _check_history(store: Store, *, as_of: dt.date | None = None) -> int:
    """The documents about every node over time (``ownergraph history``): on
    :meth:`Engine.history_graph` (the subject's documents only) == on the whole graph with
    every holding record."""
    from ownergraph.queries.timeline import timeline

    G = store.graph(as_of=as_of)
    every = store.holdings()
    engine = Engine(store)
    n = 0
    for s in sorted(G.nodes):
        sub, node, held = engine.history_graph(s, as_of=as_of)
        assert node == s
        ref = timeline(G, s, holdings=every, as_of=as_of).to_dict()
        assert timeline(sub, node, holdings=held, as_of=as_of).to_dict() == ref, s
        n += 1
    engine.close()
    return n


def test_history_graph_seed_and_random(tmp_path: Path) -> None:
    with Store(tmp_path / "seed.db") as s:
        s.load(parse_path(SEED))
        assert _check_history(s) > 5
    for seed in range(2):
        with Store(tmp_path / f"r{seed}.db") as s:
            s.load_many(random_docs(seed))
            assert s.merges()
            _check_history(s)
            _check_history(s, as_of=dt.date(2020, 2, 15))


@pytest.mark.parametrize("sub", ["sec13dg-legacy", "form345", "bods", "sec13dg-xml"])
def test_history_graph_fixtures(tmp_path: Path, sub: str) -> None:
    group = [p for p in sorted((FIX / sub).glob("*")) if p.is_file() and p.suffix != ".md"]
    with _fixture_store(tmp_path / "s.db", group) as s:
        assert _check_history(s) > 0


# --------------------------------------------------------------------------- reconcile


def _check_reconcile(store: Store, names: tuple[str, ...] = ()) -> int:
    """``ownergraph reconcile SUBJECT`` of every node and some names: resolved on the
    engine and read from the subject's node only (:meth:`Engine.reconcile`) == resolved on
    the whole graph (:func:`queries.reconcile.reconcile`), findings or refusal alike."""
    from ownergraph.graph.model import to_dict
    from ownergraph.queries.reconcile import reconcile

    G = store.graph()
    engine = Engine(store)

    def run(fn, *a, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        try:
            return [to_dict(f) for f in fn(*a, **kw)]
        except OwnergraphError as exc:
            return ("error", type(exc).__name__, str(exc))

    subjects = [*sorted(G.nodes), *names]
    for s in subjects:
        ref = run(reconcile, store, s, outstanding=1e7, graph=G)
        assert run(engine.reconcile, s, outstanding=1e7) == ref, s
    engine.close()
    return len(subjects)


def test_reconcile_seed_random_and_fixtures(tmp_path: Path) -> None:
    with Store(tmp_path / "seed.db") as s:
        s.load(parse_path(SEED))
        # the issuer by name, CUSIP and a fuzzy spelling; a fund (no filing is about it)
        texts = ("Liquidmetal Technologies", "53634X100", "Liquidmetal Tech", "Nelson Obus")
        assert _check_reconcile(s, texts) > 5
    with Store(tmp_path / "r.db") as s:
        s.load_many(random_docs(1))
        _check_reconcile(s, ("Issuer Corp", "Party 3 LLC", "Nobody Here"))
    for sub in ("sec13dg-legacy", "form345", "sec13dg-xml"):
        group = [p for p in sorted((FIX / sub).glob("*")) if p.is_file() and p.suffix != ".md"]
        with _fixture_store(tmp_path / f"{sub}.db", group) as s:
            assert _check_reconcile(s) > 0


# --------------------------------------------------------------------------- exposure


def _marked(docs: list[ParsedDocument], every: int = 5) -> list[ParsedDocument]:
    """Some parties marked sanctioned by an FtM topic (as the FtM loader keeps it)."""
    out = []
    for d in docs:
        parties = tuple(
            dataclasses.replace(p, identifiers=(*p.identifiers, ("ftm:topic", "sanction")))
            if i % every == 1
            else p
            for i, p in enumerate(d.parties)
        )
        out.append(dataclasses.replace(d, parties=parties))
    return out


def _check_exposure(
    store: Store, entry_sets: list[tuple[str, ...]], *, as_of: dt.date | None = None
) -> int:
    """The 50 % rule verdict of every party (``ownergraph exposure``): on the owners above
    the subject and the sanctioned parties (:meth:`Engine.exposure`) == on the whole graph,
    with the sanctioned entries matched on each (names, ids, identifiers, nobody)."""
    from ownergraph.queries.exposure import exposure, match_sanctioned

    G = store.graph(as_of=as_of)
    engine = Engine(store)
    n = 0
    for entries in entry_sets:
        ids, missing = match_sanctioned(G, entries)
        for s in sorted(G.nodes):
            kw = {"threshold": 50.0, "as_of": as_of}
            ref = _answer(exposure, G, s, sanctioned=ids, unmatched=missing, **kw)
            try:
                got = engine.exposure(s, entries, **kw).to_dict()
            except OwnergraphError as exc:
                got = ("error", type(exc).__name__, str(exc))
            assert got == ref, (s, entries)
            n += 1
    engine.close()
    return n


def test_exposure_ftm_register_and_random(tmp_path: Path) -> None:
    ftm = FIX / "ftm" / "handwritten_sanctions-ownership.ftm.jsonl"
    with _fixture_store(tmp_path / "ftm.db", [ftm]) as s:
        # Xavier and Yolanda are marked in the file (topics); Zoe by name, Harbour by its
        # company number, one name nobody has
        sets = [(), ("Zoe Free",), ("90000010", "Nobody Known"), ("ftm-p-z", "yolanda l.")]
        assert _check_exposure(s, sets) > 5
    group = [p for p in sorted((FIX / "register").glob("*")) if p.is_file() and p.suffix != ".md"]
    with _fixture_store(tmp_path / "reg.db", group) as s:
        _check_exposure(s, [(), ("Cara Carter", "Dan Diaz")])
    for seed in range(2):
        with Store(tmp_path / f"r{seed}.db") as s:
            s.load_many(_marked(owns_docs(seed)))
            sets = [(), ("Party 4 Inc.", "p09", "1003"), ("Party 8 Inc.", "nobody")]
            _check_exposure(s, sets)
            _check_exposure(s, sets[1:2], as_of=dt.date(2020, 1, 15))


def test_a_merged_away_id_answers_for_the_kept_party(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two documents name one fund under two ids with the same CIK (entity resolution merges
    them): asking by the merged-away id answers for the kept party through the stored
    merges, without the whole graph (Store.graph) and without a fuzzy pass over every party."""
    with Store(tmp_path / "s.db") as s:
        s.load_many(random_docs(1))
        merged = {m.merged_id: m.kept_id for m in s.merges()}
        assert "q03" in merged or "p03" in merged  # same CIK 1003 under two ids
        gone = "q03" if "q03" in merged else "p03"
        kept = merged[gone]
        G = s.graph()
        assert gone not in G and kept in G
        want = who_controls(G, kept, max_paths=25).to_dict()
        engine = Engine(s)

        def no_whole_graph(*a: object, **k: object) -> None:
            raise AssertionError("Store.graph called")

        def no_fuzzy(*a: object, **k: object) -> None:
            raise AssertionError("fuzzy pass over every party")

        monkeypatch.setattr(Store, "graph", no_whole_graph)
        monkeypatch.setattr("ownergraph.queries.resolve._fuzzy", no_fuzzy)
        m = engine.resolve(gone)
        assert (m.node, m.how, m.fuzzy) == (kept, "merged id", False)
        assert engine.who_controls(gone, max_paths=25).to_dict() == want
        engine.close()
