"""Streamed, incremental loads (issues 13 and 15): entity resolution against the stored
blocking keys gives the clusters resolution over every party gives; PSC namesakes born in
different months stay two persons; a streamed load equals the whole-file load; a bad record
late in a stream leaves the store as it was."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import document_id
from ownergraph.graph.model import Document, ParsedDocument, Party
from ownergraph.graph.resolution import clusters, find_merges
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import NodeKind, SourceFormat
from ownergraph.loaders import parse_path
from ownergraph.loaders.uk_psc import company_party_id, iter_parsed

FIX = Path(__file__).parent / "fixtures"
SNAP = FIX / "uk-psc" / "handwritten_psc-snapshot.txt"


def _psc_line(company: str, name: str, year: int, month: int) -> str:
    first, last = name.split()[1:]
    return json.dumps(
        {
            "company_number": company,
            "data": {
                "kind": "individual-person-with-significant-control",
                "name": name,
                "name_elements": {"title": "Mr", "forename": first, "surname": last},
                "date_of_birth": {"month": month, "year": year},
                "natures_of_control": ["ownership-of-shares-75-to-100-percent"],
                "notified_on": "2016-04-06",
                "links": {"self": f"/company/{company}/persons-with-significant-control/x/1"},
            },
        }
    )


def test_psc_namesakes_born_in_different_months_are_two_persons(tmp_path: Path) -> None:
    """Three hand-made PSC records of "Mr John Example": born 05/1970 (companies 1 and 3)
    and 11/1982 (company 2). The first and third are one person; the second another, and
    resolution does not merge them by name."""
    snap = tmp_path / "psc.txt"
    snap.write_text(
        "\n".join(
            [
                _psc_line("00000001", "Mr John Example", 1970, 5),
                _psc_line("00000002", "Mr John Example", 1982, 11),
                _psc_line("00000003", "MR JOHN EXAMPLE", 1970, 5),
            ]
        )
        + "\n"
    )
    with Store(tmp_path / "s.db") as s:
        s.load_many(iter_parsed(snap, batch_lines=1))  # three documents, resolved one by one
        persons = [p for p in s.parties() if p.kind == NodeKind.PERSON]
        assert len(persons) == 2
        assert sorted(p.identifier("birth-month") for p in persons) == ["1970-05", "1982-11"]
        assert s.merges() == []
        g = s.graph()
        owners = {c: next(iter(g.predecessors(company_party_id(c)))) for c in ("1", "2", "3")}
        assert owners["1"] == owners["3"] != owners["2"]


def test_birth_months_that_differ_block_a_merge_by_name() -> None:
    a = Party("party:a", "John Example", NodeKind.PERSON, identifiers=(("birth-month", "1970-05"),))
    b = Party("party:b", "JOHN EXAMPLE", NodeKind.PERSON, identifiers=(("birth-month", "1970-05"),))
    c = Party("party:c", "Example John", NodeKind.PERSON, identifiers=(("birth-month", "1982-11"),))
    d = Party("party:d", "John Q. Example", NodeKind.PERSON)  # no birth date: name rules
    merges = find_merges([a, b, c, d])
    pairs = {(m.kept_id, m.merged_id) for m in merges}
    assert ("party:a", "party:b") in pairs
    assert not {("party:a", "party:c"), ("party:b", "party:c")} & pairs


# ---------------------------------------------------------------- incremental resolution

_FIRST = ["Nelson", "Joshua", "Amy", "Mark", "Braden"]
_LAST = ["Obus", "Landes", "Garrett", "Leonard"]
_ENT = ["Wynnefield Capital", "Harbor Light", "Cedar Ridge", "North Pine"]
_FORMS = ["Management, LLC", "Management LLC", "Partners, L.P.", "Partners LP", "Fund II LP"]


def _random_party(rng: random.Random, i: int) -> Party:
    if rng.random() < 0.5:
        f, last = rng.choice(_FIRST), rng.choice(_LAST)
        name = rng.choice([f"{f} {last}", f"{last.upper()} {f.upper()}", f"{f[0]}. {last}"])
        idents: tuple = ()
        if rng.random() < 0.3:
            idents = (("birth-month", f"19{rng.randint(60, 61)}-0{rng.randint(1, 2)}"),)
        if rng.random() < 0.15:
            idents += (("cik", f"{rng.randint(1, 6):010d}"),)
        return Party(f"party:p{i}", name, NodeKind.PERSON, identifiers=idents)
    name = f"{rng.choice(_ENT)} {rng.choice(_FORMS)}"
    if rng.random() < 0.2:
        name = name.upper().replace(",", "")
    idents = ()
    r = rng.random()
    if r < 0.15:
        idents = (("lei", f"LEI{rng.randint(1, 5):017d}"),)
    elif r < 0.3:
        idents = (("GB-COH", f"{rng.randint(1, 5):08d}"),)
    kind = rng.choice([NodeKind.ENTITY, NodeKind.FUND, NodeKind.ENTITY, NodeKind.UNKNOWN])
    return Party(f"party:e{i}", name, kind, identifiers=idents)


def _doc(tag: str, parties: list[Party]) -> ParsedDocument:
    d = Document(
        id=document_id(tag.encode().hex().ljust(16, "0")),
        path=tag,
        format=SourceFormat.TABULAR,
        sha256=tag,
    )
    return ParsedDocument(document=d, parties=tuple(parties))


def _clusters(store: Store) -> dict[str, str]:
    return clusters(store.merges(), {p.id: p for p in store.parties()})


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_resolution_equals_resolution_over_every_party(
    tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    pool = [_random_party(rng, i) for i in range(60)]
    # documents name overlapping parties (a party seen again under another spelling)
    docs = []
    for k in range(6):
        picked = rng.sample(pool, 14)
        docs.append(_doc(f"doc{seed}-{k}", picked))
    one_by_one = Store(tmp_path / "a.db")
    for d in docs:
        one_by_one.load(d)
    at_once = Store(tmp_path / "b.db")
    at_once.load_many(docs)
    with one_by_one, at_once:
        parties = one_by_one.parties()
        reference = clusters(find_merges(parties), {p.id: p for p in parties})
        assert reference, "the pool should merge parties"
        assert _clusters(one_by_one) == reference
        assert _clusters(at_once) == reference
        one_by_one.resolve()  # every party again, chunk by chunk
        assert _clusters(one_by_one) == reference
        assert len({m.rule.split(":")[0] for m in one_by_one.merges()}) >= 2


def test_unmerge_then_a_new_load_keeps_the_rejection(tmp_path: Path) -> None:
    a = Party("party:a", "Harbor Light Partners LP", NodeKind.FUND)
    b = Party("party:b", "Harbor Light Partners, L.P.", NodeKind.FUND)
    c = Party("party:c", "HARBOR LIGHT PARTNERS LP", NodeKind.FUND)
    with Store(tmp_path / "s.db") as s:
        s.load(_doc("one", [a, b]))
        assert [(m.kept_id, m.merged_id) for m in s.merges()] == [("party:a", "party:b")]
        s.unmerge("party:a", "party:b")
        assert s.merges() == []
        s.load(_doc("two", [c]))
        pairs = {(m.kept_id, m.merged_id) for m in s.merges()}
        assert ("party:a", "party:c") in pairs and ("party:a", "party:b") not in pairs


# ---------------------------------------------------------------- streamed loads


def _graph_rows(store: Store) -> tuple:
    g = store.graph()
    nodes = sorted((n, str(d["kind"]), d["name"]) for n, d in g.nodes(data=True))
    edges = sorted(
        (u, v, str(d["kind"]), str(d.get("role")), str(d.get("share")))
        for u, v, d in g.edges(data=True)
    )
    return nodes, edges


def test_streamed_load_equals_the_whole_file_load(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as streamed, Store(tmp_path / "b.db") as whole:
        streamed.load_many(iter_parsed(SNAP, batch_lines=3))
        whole.load(parse_path(SNAP))
        assert _graph_rows(streamed) == _graph_rows(whole)
        assert _clusters(streamed) == _clusters(whole)


def test_a_bad_line_late_in_a_stream_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    lines = SNAP.read_text().splitlines()
    bad = tmp_path / "snap.txt"
    bad.write_text("\n".join([*lines[:8], "[1, 2", *lines[8:]]) + "\n")
    with Store(tmp_path / "s.db") as s:
        s.load_many(iter_parsed(SNAP, batch_lines=3))
        before = (s.counts(), s.seq, _graph_rows(s), s.merges())
        gen = s._rows("SELECT value FROM meta WHERE key='columns_generation'")
        with pytest.raises(InputError) as e:
            s.load_many(iter_parsed(bad, batch_lines=3))  # batches 1-2 load, batch 3 fails
        assert e.value.path == str(bad) and e.value.place.startswith("line 9")
        assert (s.counts(), s.seq, _graph_rows(s), s.merges()) == before
        assert s._rows("SELECT value FROM meta WHERE key='columns_generation'") == gen
