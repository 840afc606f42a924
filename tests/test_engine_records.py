"""The engine's record decoder (graph.engine_records) gives the records graph.model.from_dict
gives: every stored row of the fixture sources, the seed and random stores, decoded both
ways, equal field by field (fields outside comparison too), with the same types and hash."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from ownergraph.graph.engine_records import decode, decode_rows
from ownergraph.graph.errors import OwnergraphError
from ownergraph.graph.model import (
    Document,
    Holding,
    Link,
    Party,
    Provenance,
    ReportedPosition,
    Security,
    from_dict,
)
from ownergraph.graph.resolution import Merge
from ownergraph.graph.store import Store
from ownergraph.loaders import parse_path
from tests.test_engine import random_docs

FIX = Path(__file__).parent / "fixtures"
TABLES = {
    "parties": Party,
    "securities": Security,
    "holdings": Holding,
    "links": Link,
    "documents": Document,
    "positions": ReportedPosition,
    "merges": Merge,
}


def _same(a: object, b: object) -> None:
    """Equal, and equal in every field and its type, recursively (``==`` skips the fields
    outside comparison)."""
    assert type(a) is type(b)
    if dataclasses.is_dataclass(a):
        assert a == b and hash(a) == hash(b)
        for f in dataclasses.fields(a):
            _same(getattr(a, f.name), getattr(b, f.name))
        assert list(vars(a)) == list(vars(b))
    elif isinstance(a, tuple | list):
        assert len(a) == len(b)  # type: ignore[arg-type]
        for x, y in zip(a, b, strict=True):  # type: ignore[call-overload]
            _same(x, y)
    else:
        assert a == b


def _check_rows(store: Store) -> int:
    n = 0
    for table, cls in TABLES.items():
        bodies = [r[0] for r in store._rows(f"SELECT json FROM {table}")]  # noqa: S608
        fast = decode_rows(cls, bodies)
        for body, got in zip(bodies, fast, strict=True):
            _same(got, from_dict(cls, json.loads(body)))
            n += 1
    return n


def _fixture_paths() -> list[Path]:
    """Every fixture file of the sources (not the corpus: its held-out copies stay unread)."""
    out = []
    for sub in sorted(FIX.iterdir()):
        if sub.is_dir() and sub.name not in {"corpus", "tabular"}:
            out += sorted(p for p in sub.rglob("*") if p.is_file() and p.suffix != ".json"
                          or p.is_file() and p.suffix == ".json" and "expected" not in p.name)  # fmt: skip
    return out


def test_fixture_rows_decode_as_from_dict(tmp_path: Path) -> None:
    from ownergraph.loaders.tabular import parse_dir

    with Store(tmp_path / "s.db") as s:
        for p in _fixture_paths():
            try:
                s.load(parse_path(p))
            except (OwnergraphError, ValueError, UnicodeError):
                continue  # a fixture refused on purpose, or no filing
        for d in sorted(p for p in (FIX / "tabular").iterdir() if p.is_dir()):
            try:
                s.load(parse_dir(d))
            except OwnergraphError:
                continue
        assert s.counts()["holdings"] > 50 and s.counts()["links"] > 50
        assert _check_rows(s) > 300


@pytest.mark.parametrize("seed", range(3))
def test_random_store_rows_decode_as_from_dict(tmp_path: Path, seed: int) -> None:
    with Store(tmp_path / "s.db") as s:
        s.load_many(random_docs(seed))
        assert _check_rows(s) > 50


def test_absent_keys_take_the_defaults_and_bad_rows_fail_as_from_dict() -> None:
    d = {"path": "x.txt", "span": [3, 9], "format": "tabular"}
    _same(decode(Provenance, d), from_dict(Provenance, d))
    h = {"id": "h", "document_id": "d", "holder_id": "p", "security_id": "s",
         "instrument": "warrant", "shares": 5, "provenance": [d, {"path": "y"}]}  # fmt: skip
    got = decode(Holding, h)
    _same(got, from_dict(Holding, h))
    assert isinstance(got.shares, float) and got.provenance[0].span == (3, 9)
    for bad in ({"path": "x", "format": "no such format"}, {"format": "tabular"}):
        with pytest.raises((TypeError, ValueError)) as want:
            from_dict(Provenance, bad)
        with pytest.raises(type(want.value)):
            decode(Provenance, bad)
