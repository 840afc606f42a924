"""The column graph written from SQL in chunks (graph.columns._write_arrays) equals the
arrays the in-memory builder it replaced made from every row (kept here as the reference),
on random stores with merges, holdings, superseded amendments and links merged onto one
node, and on the fixtures."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ownergraph.graph import columns as colmod
from ownergraph.graph.columns import EDGE_KINDS, HOLDS, PARTY, SECURITY, _csr
from ownergraph.graph.store import Store
from ownergraph.loaders import parse_path
from tests.test_engine import random_docs

FIX = Path(__file__).parent / "fixtures"


def _reference(c: sqlite3.Connection) -> tuple[bytes, dict[str, Any]]:
    """The column arrays of the store's content, read through connection ``c``."""
    import json

    import numpy as np

    from ownergraph.graph.model import Holding, Link, Party, from_dict, link_passes
    from ownergraph.graph.resolution import Merge, clusters
    from ownergraph.graph.vocab import Authority, EdgeKind

    merges = [from_dict(Merge, json.loads(r[0])) for r in c.execute("SELECT json FROM merges")]
    alias: dict[str, str] = {}
    if merges:
        ids = sorted({m.kept_id for m in merges} | {m.merged_id for m in merges})
        parties = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            q = ",".join("?" * len(chunk))
            for (body,) in c.execute(f"SELECT json FROM parties WHERE id IN ({q})", chunk):  # noqa: S608 - placeholders
                p = from_dict(Party, json.loads(body))
                parties[p.id] = p
        alias = clusters(merges, parties)
    party_rows = c.execute("SELECT rowid, id FROM parties").fetchall()
    sec_rows = c.execute("SELECT rowid, id, issuer_id FROM securities").fetchall()
    hold_rows = c.execute("SELECT rowid, holder_id, security_id FROM holdings").fetchall()
    link_rows = c.execute("SELECT rowid, kind, controller_id, controlled_id FROM links").fetchall()
    hold_rec = [
        from_dict(Holding, json.loads(b)) for (b,) in c.execute("SELECT json FROM holdings")
    ]
    link_rec = {
        r: from_dict(Link, json.loads(b)) for r, b in c.execute("SELECT rowid, json FROM links")
    }
    get = alias.get
    kinds = {k.value: i for i, k in enumerate(EDGE_KINDS)}
    ids_set = {get(pid, pid) for _, pid in party_rows}
    ids_set.update(sid for _, sid, _ in sec_rows)
    ids_set.update(get(h, h) for _, h, _ in hold_rows)
    ids_set.update(s for _, _, s in hold_rows)
    links = [
        (rid, kinds[k], get(a, a), get(b, b))
        for rid, k, a, b in link_rows
        if get(a, a) != get(b, b)  # build_graph drops a link merged onto one node
    ]
    ids_set.update(a for _, _, a, _ in links)
    ids_set.update(b for _, _, _, b in links)
    ids = sorted(ids_set)
    index = {x: i for i, x in enumerate(ids)}
    n = len(ids)
    encoded = [x.encode("utf-8") for x in ids]
    off = np.zeros(n + 1, dtype=np.int64)
    if n:
        np.cumsum([len(b) for b in encoded], out=off[1:])
    kind = np.full(n, 2, dtype=np.int8)
    node_rowid = np.full(n, -1, dtype=np.int64)
    issuer_of = np.full(n, -1, dtype=np.int64)
    m_node = np.array([index[get(pid, pid)] for _, pid in party_rows], dtype=np.int64)
    m_rowid = np.array([r for r, _ in party_rows], dtype=np.int64)
    kind[m_node] = PARTY
    party_nodes = set(m_node.tolist())
    for rowid, sid, issuer in sec_rows:
        i = index[sid]
        kind[i] = SECURITY
        node_rowid[i] = rowid
        j = index.get(get(issuer, issuer))
        if j is not None and j in party_nodes:
            issuer_of[i] = j
    member_ptr, member_idx = _csr(m_node, n)
    secs = np.flatnonzero(issuer_of >= 0)
    issues_ptr, order = _csr(issuer_of[secs], n)
    issues_idx = secs[order].astype(np.int64)
    ne = len(hold_rows) + len(links)
    src = np.empty(ne, dtype=np.int64)
    dst = np.empty(ne, dtype=np.int64)
    ekind = np.empty(ne, dtype=np.int8)
    erow = np.empty(ne, dtype=np.int64)
    h = len(hold_rows)
    src[:h] = [index[get(x, x)] for _, x, _ in hold_rows]
    dst[:h] = [index[s] for _, _, s in hold_rows]
    ekind[:h] = HOLDS
    erow[:h] = [r for r, _, _ in hold_rows]
    src[h:] = [index[a] for _, _, a, _ in links]
    dst[h:] = [index[b] for _, _, _, b in links]
    ekind[h:] = [k for _, k, _, _ in links]
    erow[h:] = [r for r, _, _, _ in links]
    up_ptr, up_idx = _csr(dst, n)
    down_ptr, down_idx = _csr(src, n)
    # the per-edge attributes (graph.columns_attrs), read from the records
    shares = np.full(ne, np.nan)
    shares[:h] = [np.nan if x.shares is None else float(x.shares) for x in hold_rec]
    flags = np.zeros(ne, dtype=np.int8)
    for i, x in enumerate(hold_rec):
        split = any(
            v is not None
            for v in (x.sole_voting, x.shared_voting, x.sole_dispositive, x.shared_dispositive)
        )
        flags[i] = (
            (1 if x.derivative else 0) | (2 if x.right_to_acquire else 0) | (4 if split else 0)
        )
    for i, (rid, *_) in enumerate(links):
        x = link_rec[rid]
        if x.kind != EdgeKind.CONTROLS:
            continue  # flags 0
        got = link_passes(x)
        apart = x.voting is not None or x.investment is not None or bool(x.passes)
        flags[h + i] = (
            (8 if apart else 0)
            | (16 if Authority.VOTING in got else 0)
            | (32 if Authority.INVESTMENT in got else 0)
        )
    arrays = {
        "node_id_off": off,
        "node_kind": kind,
        "node_rowid": node_rowid,
        "member_ptr": member_ptr,
        "member_rowid": m_rowid[member_idx] if len(m_rowid) else m_rowid,
        "issuer_of": issuer_of,
        "issues_ptr": issues_ptr,
        "issues_idx": issues_idx,
        "edge_src": src,
        "edge_dst": dst,
        "edge_kind": ekind,
        "edge_rowid": erow,
        "up_ptr": up_ptr,
        "up_idx": up_idx,
        "down_ptr": down_ptr,
        "down_idx": down_idx,
        "edge_shares": shares,
        "edge_flags": flags,
    }
    return b"".join(encoded), arrays


def _check(store: Store) -> None:
    cols = colmod.open_columns(store.path, store._conn)
    assert cols is not None
    with store.snapshot():
        blob, ref = _reference(store._conn)
    assert bytes(cols._blob) == blob
    assert cols.has_attrs()
    for name, arr in ref.items():
        got, want = np.asarray(getattr(cols, name)), np.asarray(arr)
        assert np.array_equal(got, want, equal_nan=name == "edge_shares"), name
    cols.close()


@pytest.mark.parametrize("seed", [3, 4])
def test_random_store_columns_equal_the_reference(tmp_path: Path, seed: int) -> None:
    with Store(tmp_path / "s.db") as s:
        for d in random_docs(seed):
            s.load(d)  # one generation per load
            _check(s)
        assert s.merges()


@pytest.mark.parametrize("seed", [0, 1])
def test_edge_attributes_equal_the_records(tmp_path: Path, seed: int) -> None:
    """Holdings with the holder's own split, derivative positions, unknown counts and links
    passing one power or stating the powers apart: the per-edge attributes
    (graph.columns_attrs) equal what the records say, on a full write and on appends."""
    from tests.test_control_class import class_docs

    with Store(tmp_path / "s.db") as s:
        for d in class_docs(seed, n=40, docs=3, apart=True, zeros=True):
            s.load(d)
            _check(s)
        flags = np.asarray(colmod.open_columns(s.path, s._conn).edge_flags)
        assert {1, 2, 4, 8, 16, 32} <= {b for b in (1, 2, 4, 8, 16, 32) if (flags & b).any()}


def test_fixture_columns_equal_the_reference(tmp_path: Path) -> None:
    files = [
        FIX / "uk-psc" / "handwritten_psc-snapshot.txt",
        FIX / "bods" / "aimia_uk-psc_openownership-register_bods-unversioned.json",
        FIX / "form13f" / "handwritten_blackrock_13f-hr_2026-06-30_submission.txt",
        *sorted((FIX / "sec13dg-xml").glob("*.xml"))[:3],
    ]
    with Store(tmp_path / "s.db") as s:
        s.load_many(parse_path(f) for f in files)
        _check(s)
        assert s.merges() and s.counts()["holdings"]


def test_empty_store_columns(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        s.refresh_columns()
        _check(s)


def test_loads_that_only_add_rows_append_to_the_generation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second and later loads of random documents take the append path (no full
    rebuild) unless a merge moves an existing node; every generation equals the reference."""
    full = []
    real = colmod._write_arrays

    def counting(c: sqlite3.Connection, folder: Path, alias: list | None = None) -> dict:
        full.append(folder)
        return real(c, folder, alias)

    monkeypatch.setattr(colmod, "_write_arrays", counting)
    docs = random_docs(5, docs=6)
    with Store(tmp_path / "s.db") as s:
        for d in docs:
            s.load(d)
            _check(s)
        seed = parse_path(FIX / "seed" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt")
        s.load(seed)
        _check(s)
    assert 1 <= len(full) <= 3, len(full)  # the first load, and a merge moving a node
