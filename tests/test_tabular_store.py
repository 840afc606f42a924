"""The tabular loader and the embedded store: parse, load, idempotence, bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import party_id
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Power, Role
from ownergraph.loaders import detect, parse_bytes, parse_path
from ownergraph.loaders.tabular import parse_dir

DIAMOND = Path(__file__).parent / "fixtures" / "tabular" / "diamond"


def test_parse_diamond() -> None:
    """Seven entity rows: six parties and one security; nine edges: 3 holdings, 6 links."""
    parsed = parse_dir(DIAMOND)
    assert len(parsed.parties) == 6
    assert len(parsed.securities) == 1
    assert parsed.securities[0].cusip == "ACME00101"
    assert sorted(h.shares for h in parsed.holdings) == [250.0, 500.0, 1000.0]
    warrant = next(h for h in parsed.holdings if h.instrument == Instrument.WARRANT)
    assert warrant.right_to_acquire is True
    links = {lk.provenance[0].xpath: lk for lk in parsed.links}
    assert links["line 2"].role == Role.MANAGING_MEMBER
    assert links["line 2"].power == Power.SHARED
    assert links["line 4"].role == Role.GENERAL_PARTNER and links["line 4"].power is None
    o2 = links["line 10"]
    assert o2.kind == EdgeKind.OWNS
    assert (o2.share.minimum, o2.share.maximum, o2.share.exclusive_maximum) == (25, 50, True)
    acme = next(p for p in parsed.parties if p.kind == NodeKind.ISSUER)
    assert acme.id == party_id(cik="42")  # joins filings of the same CIK
    mgr = next(p for p in parsed.parties if p.name == "Example Management LLC")
    assert "Example Management, L.L.C." in mgr.names
    assert ("irs", "00-0000001") in mgr.identifiers


def test_detect_and_parse_path_by_file() -> None:
    data = (DIAMOND / "edges.csv").read_bytes()
    assert detect(data).value == "tabular"
    by_file = parse_path(DIAMOND / "edges.csv")
    by_dir = parse_path(DIAMOND)
    assert by_file.document.id == by_dir.document.id


def test_load_is_idempotent_and_builds_graph(store: Store) -> None:
    parsed = parse_dir(DIAMOND)
    first = store.load(parsed)
    seq = store.seq
    second = store.load(parse_dir(DIAMOND))
    assert (first.status, second.status) == ("loaded", "unchanged")
    assert store.seq == seq
    assert store.counts()["holdings"] == 3
    g = store.graph()
    assert g.number_of_nodes() == 7
    # 3 holds + 6 links + 1 issues
    assert g.number_of_edges() == 10
    assert store.integrity_check() == []


@pytest.mark.parametrize(
    ("edit", "place", "reason"),
    [
        (
            ("h1,holds,fund1,acme_common,,1000", "h1,holds,fund1,acme_common,,-5"),
            "line 6, column shares",
            "negative",
        ),
        (
            ("h1,holds,fund1,acme_common,,1000", "h1,holds,fund1,acme_common,,abc"),
            "line 6, column shares",
            "not a number",
        ),
        (
            ("o1,owns,mgr,fund1,,,,,60", "o1,owns,mgr,fund1,,,,,160"),
            "line 9, column percent",
            "cannot be",
        ),
        (
            ("e3,controls,mgr,fund1", "e3,controls,nobody,fund1"),
            "line 4, column source",
            "unknown entity",
        ),
        (("e4,controls", "e3,controls"), "line 5, column id", "duplicate"),
        (("e1,controls", "e1,befriends"), "line 2, column kind", "unknown kind"),
    ],
)
def test_bad_edges_name_file_and_line(tmp_path: Path, store: Store, edit, place, reason) -> None:
    """A bad row raises InputError with file and line, and the store is left unchanged."""
    store.load(parse_dir(DIAMOND))
    before = store.counts(), store.seq
    bad = tmp_path / "bad"
    shutil.copytree(DIAMOND, bad)
    text = (bad / "edges.csv").read_text()
    assert edit[0] in text
    (bad / "edges.csv").write_text(text.replace(edit[0], edit[1], 1))
    with pytest.raises(InputError) as info:
        parse_dir(bad)
    assert info.value.path.endswith("edges.csv")
    assert info.value.place == place
    assert reason in info.value.reason
    assert (store.counts(), store.seq) == before


def test_parse_bytes_never_reads_a_sibling_file() -> None:
    """Regression: an uploaded "edges.csv" named like a real path must not make the parser
    read the entities.csv that happens to lie beside that path on the server."""
    data = (DIAMOND / "edges.csv").read_bytes()
    with pytest.raises(InputError, match="entities.csv \\+ edges.csv"):
        parse_bytes(data, path=str(DIAMOND / "edges.csv"))
