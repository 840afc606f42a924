"""The benchmark harness cannot rot: a quick size-S run, and the bulk path's equivalence.

No test asserts a time. What is asserted: the generator is deterministic and writes the
tabular format the library's loader reads; the bulk path (``benchmarks.fastload``) makes the
same records as ``loaders.tabular``; ``who_controls`` and ``attribute`` on a subject's scope
graph give the same answers as on the full graph; the harness prints every section.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import numpy as np
import pytest

from ownergraph.benchmarks.fastload import load_dir
from ownergraph.benchmarks.generator import generate
from ownergraph.benchmarks.harness import (
    _diamond_ids,
    economic_scope,
    format_table,
    most_held_security,
    naive_who_controls,
    run,
)
from ownergraph.graph.store import build_graph
from ownergraph.loaders.tabular import parse_dir
from ownergraph.queries.control import who_controls


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """A 2,000-party generated graph, its full networkx graph and its compact index."""
    out = tmp_path_factory.mktemp("bench")
    info = generate(2000, out, seed=7)
    p = parse_dir(out)
    G = build_graph(p.parties, p.securities, p.holdings, p.links, [p.document])
    return info, G, load_dir(out)


def _digest(folder: Path) -> str:
    return hashlib.sha256(
        (folder / "entities.csv").read_bytes() + (folder / "edges.csv").read_bytes()
    ).hexdigest()


def test_generator_is_deterministic(tmp_path: Path) -> None:
    """Same size and seed, same bytes; another seed, other bytes."""
    generate(1000, tmp_path / "a", seed=1)
    generate(1000, tmp_path / "b", seed=1)
    generate(1000, tmp_path / "c", seed=2)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b") != _digest(tmp_path / "c")


def test_generated_shape(small) -> None:  # noqa: ANN001
    """All edge kinds, stakes with ranges and unknowns, cycles in the owns graph."""
    info, G, _cg = small
    assert set(info.edge_kinds) == {"holds", "controls", "owns", "consolidates", "member_of"}
    shares = [d["share"] for _, _, d in G.edges(data=True) if d["kind"] == "owns"]
    assert any(s is None for s in shares)
    assert any(s is not None and not s.is_exact for s in shares)
    assert info.diamond_paths[0] == 2 * 4**6


def test_bulk_path_makes_the_loader_records(small) -> None:  # noqa: ANN001
    """Every node and edge record from the bulk path equals the loader's."""
    _info, G, cg = small
    F = cg.full_graph()
    assert dict(F.nodes(data=True)) == dict(G.nodes(data=True))
    assert {k: (u, v, d) for u, v, k, d in F.edges(keys=True, data=True)} == {
        k: (u, v, d) for u, v, k, d in G.edges(keys=True, data=True)
    }


def test_scope_graph_answers_equal_full_graph(small) -> None:  # noqa: ANN001
    """who_controls on the scope graph equals who_controls on the full graph."""
    info, G, cg = small
    rng = random.Random(3)
    subjects = rng.sample(sorted(G.nodes), 20) + _diamond_ids(info)[:1]
    subjects.append(most_held_security(cg))
    for s in subjects:
        assert who_controls(cg.scope_graph(s), s).to_dict() == who_controls(G, s).to_dict(), s


def test_attribution_and_economic_scopes(small) -> None:  # noqa: ANN001
    """attribute and integrated_ownership on their scope graphs equal the full-graph answers."""
    attribution = pytest.importorskip("ownergraph.queries.attribution")
    economic = pytest.importorskip("ownergraph.queries.economic")
    _info, G, cg = small
    sec = most_held_security(cg)
    assert attribution.attribute(cg.scope_graph(sec), sec) == attribution.attribute(G, sec)
    owned = sorted({v for _, v, d in G.edges(data=True) if d["kind"] == "owns"})
    for s in random.Random(5).sample(owned, 5):
        mine = economic.integrated_ownership(cg.subgraph(*economic_scope(cg, s)), s)
        full = economic.integrated_ownership(G, s)
        assert [(h.party_id, str(h.stake)) for h in mine.holders] == [
            (h.party_id, str(h.stake)) for h in full.holders
        ], s


def test_naive_baseline_agrees_on_a_diamond(small) -> None:  # noqa: ANN001
    """The naive recipe finds the same ultimate controllers and shares."""
    info, _G, cg = small
    s = _diamond_ids(info)[0]
    G = cg.scope_graph(s)
    ours = {c.party_id: c.shares for c in who_controls(G, s).ultimate}
    assert naive_who_controls(G, s) == ours


def test_quick_run_prints_every_section(tmp_path: Path) -> None:
    """``run("S", quick=True)`` produces the whole table (Neo4j skipped here)."""
    report = run("S", quick=True, data_dir=tmp_path, timeout=20.0, neo4j=False)
    table = format_table(report)
    for name in ("load: CSV", "who-controls, random", "who-controls, diamond", "attribution",
                 "integrated ownership", "parse: legacy", "parse: 13D/G XML", "app render",
                 "Neo4j"):  # fmt: skip
        assert name in table, name
    assert report.to_dict()["rows"]


@pytest.mark.parametrize(
    ("line", "column", "value"),
    [
        (5, "source", "NOBODY"),
        (7, "role", "overlord"),
        (9, "kind", "befriends"),
        (11, "shares", "12x"),
        (13, "percent", "140"),
        (3, "id", ""),
    ],
)
def test_bulk_path_refuses_what_the_loader_refuses(
    tmp_path: Path, line: int, column: str, value: str
) -> None:
    """A bad row in a plain edges file (read with numpy over its bytes) raises the loader's
    InputError, with the same file, line and column."""
    from ownergraph.graph.errors import InputError

    generate(1000, tmp_path, seed=4)
    path = tmp_path / "edges.csv"
    rows = path.read_text().split("\n")
    header = rows[0].split(",")
    kind_col = header.index("kind")
    wanted = {"shares": "holds", "percent": "owns", "role": "controls"}.get(column)
    # the first row at or after `line` of the kind the column belongs to
    at = next(
        i
        for i in range(line - 1, len(rows))
        if wanted is None or rows[i].split(",")[kind_col] == wanted
    )
    fields = rows[at].split(",")
    fields[header.index(column)] = value
    rows[at] = ",".join(fields)
    path.write_text("\n".join(rows))
    with pytest.raises(InputError) as theirs:
        parse_dir(tmp_path)
    with pytest.raises(InputError) as ours:
        load_dir(tmp_path)
    assert (ours.value.path, ours.value.place) == (theirs.value.path, theirs.value.place)
    assert ours.value.place.startswith(f"line {at + 1}")


def test_column_reading_equals_row_reading(small, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """Edges read with numpy over the bytes give the arrays of the row-by-row reading."""
    import numpy as np

    from ownergraph.benchmarks import fastload

    _info, _G, cg = small
    monkeypatch.setattr(fastload._FastEdges, "read", lambda self: None)
    by_row = load_dir(cg.edges_path.parent)
    for f in ("edge_src", "edge_dst", "edge_kind", "edge_off", "edge_line", "edge_shares",
              "edge_lo", "edge_hi", "up_idx", "down_idx"):  # fmt: skip
        x = getattr(cg, f)
        assert np.array_equal(x, getattr(by_row, f), equal_nan=x.dtype.kind == "f"), f


@pytest.mark.parametrize("edit", ["quoted", "crlf", "blank", "space"])
def test_edges_that_are_not_plain(tmp_path: Path, edit: str) -> None:
    """Quoted phrases, CRLF line ends, blank lines and spaces: read row by row, and the
    records still equal the loader's."""
    generate(1000, tmp_path, seed=5)
    path = tmp_path / "edges.csv"
    rows = path.read_text().split("\n")
    if edit == "quoted":
        rows[3] = rows[3][: rows[3].rindex(",")] + ',"owned by X, Y and Z"'
    elif edit == "crlf":
        rows = [r + "\r" if r else r for r in rows]
    elif edit == "blank":
        rows.insert(4, "")
    else:
        rows[5] = rows[5].replace(",", " , ", 2)
    path.write_text("\n".join(rows))
    p = parse_dir(tmp_path)
    G = build_graph(p.parties, p.securities, p.holdings, p.links, [p.document])
    F = load_dir(tmp_path).full_graph()
    assert {k: (u, v, d) for u, v, k, d in F.edges(keys=True, data=True)} == {
        k: (u, v, d) for u, v, k, d in G.edges(keys=True, data=True)
    }


@pytest.mark.parametrize(
    "text",
    [
        'id,name,kind\nA,"x, y",person\n\nB,"multi\nline",entity\nC, spaced ,person\nD,"q""u",person',
        "id,name,kind\nA,b,person\n",
        'id,name\n"A,B",c\n',
        'id,"na,me",kind\nA,b,c,d\n',
        'id,name,kind\nA,"open\n',
        "id,name,kind\r\nA,b,person\r\n",
        "\nid,name,kind\nA,b,c\n",
    ],
)
def test_bulk_rows_equal_rows(tmp_path: Path, text: str) -> None:
    """``_rows_bulk`` yields what ``_rows`` yields (offsets, lines, fields) or raises the same."""
    from ownergraph.benchmarks.fastload import _rows, _rows_bulk

    f = tmp_path / "e.csv"
    f.write_text(text)

    def run(reader):  # noqa: ANN001, ANN202
        try:
            return list(reader(f, ("id",)))
        except Exception as exc:  # noqa: BLE001 - compared
            return repr(exc)

    assert run(_rows_bulk) == run(_rows)


def test_numbers_from_the_columns(small) -> None:  # noqa: ANN001
    """``CompactGraph.control_numbers`` (no records) equals who_controls' numbers: random
    subjects (parties, securities, issuers), a diamond fund and the most-held class."""
    info, G, cg = small
    subjects = random.Random(11).sample(sorted(G.nodes), 40) + _diamond_ids(info)[:2]
    subjects.append(most_held_security(cg))
    for s in subjects:
        got = cg.control_numbers(s)
        assert got is not None
        nodes, num, candidates = got
        wc = who_controls(G, s, max_paths=0)
        answer = {c.party_id: c for c in (*wc.ultimate, *wc.intermediate)}
        listed = {cg.ids[int(n)] for n in nodes[candidates]}
        assert set(answer) <= listed, s
        for i, n in enumerate(nodes.tolist()):
            c = answer.get(cg.ids[n])
            if c is None:
                continue
            for mine, theirs in ((num.shares[i], c.shares), (num.sole[i], c.sole_voting),
                                 (num.shared[i], c.shared_voting),
                                 (num.rights[i], c.rights_to_acquire)):  # fmt: skip
                assert (theirs is None and mine != mine) or mine == theirs, (s, c.party_id)
            assert bool(num.top[i]) == c.ultimate, (s, c.party_id)


@pytest.mark.parametrize(
    ("line", "column", "value"),
    [(4, "name", ""), (6, "id", "P0"), (8, "kind", "dragon"), (10, "identifiers", "nocolon")],
)
def test_bulk_entities_refuse_what_the_loader_refuses(
    tmp_path: Path, line: int, column: str, value: str
) -> None:
    """A bad entity row (read by columns) raises the loader's InputError, same line."""
    from ownergraph.graph.errors import InputError

    generate(1000, tmp_path, seed=6)
    path = tmp_path / "entities.csv"
    rows = path.read_text().split("\n")
    header = rows[0].split(",")
    at = next(i for i in range(line - 1, len(rows)) if '"' not in rows[i])
    fields = rows[at].split(",")
    fields[header.index(column)] = value
    rows[at] = ",".join(fields)
    path.write_text("\n".join(rows))
    with pytest.raises(InputError) as theirs:
        parse_dir(tmp_path)
    with pytest.raises(InputError) as ours:
        load_dir(tmp_path)
    assert (ours.value.path, ours.value.place) == (theirs.value.path, theirs.value.place)


def test_numbers_leave_out_derivatives_without_rights(tmp_path: Path) -> None:
    """A warrant row marked ``right_to_acquire=false`` confers no beneficial ownership
    (Rule 13d-3(d)(1)(i)): the numbers from the columns leave it out as who_controls does."""
    generate(1000, tmp_path, seed=8)
    path = tmp_path / "edges.csv"
    rows = path.read_text().split("\n")
    header = rows[0].split(",")
    k, inst, rta = (header.index(c) for c in ("kind", "instrument", "right_to_acquire"))
    edited = []
    for i, row in enumerate(rows[1:], 1):
        f = row.split(",")
        if len(f) > inst and f[k] == "holds" and f[inst] == "warrant" and len(edited) < 40:
            f[rta] = "false"
            rows[i] = ",".join(f)
            edited.append(f[header.index("target")])
    path.write_text("\n".join(rows))
    p = parse_dir(tmp_path)
    G = build_graph(p.parties, p.securities, p.holdings, p.links, [p.document])
    cg = load_dir(tmp_path)
    assert int((cg.edge_deriv & ~cg.edge_rta).sum()) == len(edited) > 0
    holders = {u for u, v, d in G.edges(data=True) if d["kind"] == "holds" and d["record"].derivative
               and not d["record"].right_to_acquire}  # fmt: skip
    subjects = sorted(
        {v for u, v, d in G.edges(data=True) if u in holders and d["kind"] == "holds"}
    )
    subjects += sorted(holders)[:5]
    for s in subjects[:25]:
        nodes, num, _cand = cg.control_numbers(s)
        wc = who_controls(G, s, max_paths=0)
        for c in (*wc.ultimate, *wc.intermediate):
            i = int(np.searchsorted(nodes, cg.index[c.party_id]))
            assert (c.shares is None and num.shares[i] != num.shares[i]) or num.shares[
                i
            ] == c.shares
