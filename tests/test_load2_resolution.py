"""The resolution child of a bulk load streams entities.csv itself (room LOAD2,
graph/resolution_fork.py): its keys, blocks and merges equal a plain computation over
every party (the last row of an id winning), whatever the order and repetition of rows."""

from __future__ import annotations

import os
import random
from collections import Counter
from pathlib import Path

import pytest

from ownergraph.graph.bulk import _Row
from ownergraph.graph.bulk_names import normalize
from ownergraph.graph.model import Party
from ownergraph.graph.resolution import find_merges, party_keys
from ownergraph.graph.resolution_fork import fresh_resolution
from ownergraph.graph.vocab import NodeKind

FIRST = ["John", "Jon", "Mary", "J.", "Ann", "Li"]
LAST = ["Smith", "Smyth", "Lee", "Obus", "Landes"]
FIRMS = ["Acme Capital", "Acme Capitol", "Redwood Partners", "Redwood Partner", "Oak Fund"]
FORMS = ["LLC", "L.P.", "Inc.", "Ltd", ""]


def _rows(seed: int, n: int) -> list[tuple[str, _Row]]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        pid = f"party:{rnd.randrange(n * 2 // 3):04d}"  # repeated ids: the last row wins
        kind = rnd.choice([NodeKind.PERSON, NodeKind.ENTITY, NodeKind.ENTITY, NodeKind.UNKNOWN])
        if kind == NodeKind.PERSON:
            name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        else:
            name = f"{rnd.choice(FIRMS)} {rnd.choice(FORMS)} {rnd.randrange(3) or ''}".strip()
        names = tuple(
            rnd.sample([name.upper(), name + " Jr", "Acme Capital LLC"], rnd.randrange(3))
        )
        idents = [("tabular", str(i))]
        if rnd.random() < 0.3:
            idents.append(("cik", f"{rnd.randrange(40):010d}"))
        if rnd.random() < 0.1:
            idents.append(("lei", f"LEI{rnd.randrange(20):017d}"))
        out.append((pid, _Row(name, kind, names, tuple(sorted(idents)), None)))
    return out


def _reference(rows: list[tuple[str, _Row]], rejected: list[tuple[str, str]]) -> dict:
    """Every party's keys and every block, and the merges of find_merges over all parties."""
    last: dict[str, _Row] = {}
    for pid, r in rows:
        last.pop(pid, None)
        last[pid] = r
    parties = [
        Party(pid, r.name, r.kind, names=tuple(sorted({r.name, *r.names})),
              identifiers=r.identifiers)
        for pid, r in last.items()
    ]  # fmt: skip
    keys = sorted((k, p.id) for p in parties for k in party_keys(p, normalize))
    count = Counter(k for k, _ in keys)
    sizes = {k: n for k, n in count.items() if n > 1 and k[:2] in ("e:", "p:")}
    merges = find_merges(parties, rejected=rejected, max_block=50, sizes=sizes, norm=normalize)
    return {"keys": keys, "blocks": sorted(count.items()), "merges": merges}


def _child(rows: list[tuple[str, _Row]], rejected: list[tuple[str, str]], **kw: object) -> dict:
    got: dict = {"keys": [], "blocks": [], "merges": None}
    for kind, part in fresh_resolution(rows, rejected, **kw):  # type: ignore[arg-type]
        if kind == "merges":
            got["merges"] = part
        else:
            got[kind] += part
    return got


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_streamed_resolution_equals_every_party_at_once(seed: int) -> None:
    rows = _rows(seed, 600)
    want = _reference(rows, [])
    assert want["merges"] and any(n > 1 for _, n in want["blocks"])  # something to find
    assert _child(rows, [], chunk=37) == want


def test_rejected_pairs_and_the_second_reading() -> None:
    rows = _rows(7, 400)
    first = _reference(rows, [])["merges"]
    rejected = [(m.kept_id, m.merged_id) for m in first[:3]]
    asked: list[set[str]] = []

    def again(ids: set[str]) -> list[tuple[str, _Row]]:
        asked.append(set(ids))
        return [(pid, r) for pid, r in rows if pid in ids]

    got = _child(iter(rows), rejected, again=again)  # rows read once, candidates again
    assert got == _reference(rows, rejected)
    assert len(asked) == 1 and asked[0] < {pid for pid, _ in rows}  # not every party


def test_no_rows() -> None:
    assert _child([], []) == {"keys": [], "blocks": [], "merges": []}


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_load_with_repeated_party_ids_merges_as_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows sharing a CIK are one party (the last row wins): the child reading entities.csv
    itself stores the same keys, blocks and merges as the load resolving in process."""
    from ownergraph.graph.store import Store
    from ownergraph.loaders import stream_path

    folder = tmp_path / "pair"
    folder.mkdir()
    (folder / "entities.csv").write_text(
        "id,name,kind,cik,names,issuer_id\n"
        "a,Acme Capital LLC,entity,1234,,\n"
        "b,Acme Capitol LLC,entity,,,\n"
        "c,Acme Holdings Inc,entity,1234,Acme Capital,\n"  # the same party as a
        "d,John Smith,person,,,\n"
        "e,Smith John,person,,J. Smith,\n"
        "s,Acme common,security,,,a\n",
        encoding="utf-8",
    )
    (folder / "edges.csv").write_text("id,kind,source,target\nh1,holds,d,s\n", encoding="utf-8")

    def load(db: Path) -> dict:
        with Store(db) as s:
            s.load_many(list(stream_path(folder) or ()))
            return {
                t: s._rows(f"SELECT * FROM {t} ORDER BY 1, 2")  # noqa: S608 - fixed names
                for t in ("merges", "resolution_keys", "resolution_blocks", "parties")
            }

    forked = load(tmp_path / "a.db")
    monkeypatch.setenv("OWNERGRAPH_LOAD_PROCESSES", "1")
    assert load(tmp_path / "b.db") == forked
    assert forked["merges"] and len(forked["parties"]) == 4
