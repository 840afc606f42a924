"""Bulk load of a tabular graph (``entities.csv`` + ``edges.csv``) into the store.

``ownergraph load`` of a tabular folder comes here (:func:`loaders.stream_path` yields a
:class:`TabularPair`; :meth:`graph.store.Store.load_many` calls its :meth:`TabularPair.write`
inside the load's one transaction). It writes the same rows as parsing the pair into
records (:func:`loaders.tabular.parse_pair`) and loading them, without the records:

* each file is read once, streamed through the ``csv`` module (memory: ids and the
  light party list, not the rows); rows are checked by the same rules, a bad row raises
  :class:`graph.errors.InputError` naming the file and line, and the transaction rolls
  back (the store stays as it was; the load commits once, the journal stays on);
* the JSON of each party row comes from a template of the record class
  (:mod:`graph.bulk_json`), equal byte for byte to what the per-document path writes; a
  holding or link row stores only its variable fields, its JSON is generated when read
  (:mod:`graph.store_layout`; a store created before that layout gets the rendered JSON);
* rows go to SQLite with ``executemany`` in batches;
* on a store holding no party yet, entity resolution gets the parties from memory (no
  read back of every row); on a store with parties, the store's own merge and resolution
  run (the result is the same, only slower).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sqlite3
import sys
from collections.abc import Callable, Container, Iterator
from contextlib import contextmanager
from hashlib import sha1
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ownergraph.graph import bulk_keys
from ownergraph.graph import bulk_trace as trace
from ownergraph.graph.bulk_json import Template, jbool, jlist, jnum, jopt, jstr
from ownergraph.graph.bulk_names import index_keys, normalize
from ownergraph.graph.clean import clean_name
from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import (
    document_id,
    party_id,
    security_id,
)
from ownergraph.graph.model import Document, Finding, Party, Provenance, Security
from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Power, Role, SourceFormat

if TYPE_CHECKING:
    from ownergraph.graph.bulk_fork import EdgeReader
    from ownergraph.graph.resolution_fork import PendingMerges
    from ownergraph.graph.store import LoadResult, Store

FORMAT = SourceFormat.TABULAR
BATCH = 50_000
#: SQLite page cache during a bulk load, in KiB.
CACHE_KB = 512 * 1024
#: The secondary indexes a load into a store without parties builds after its rows.
DEFERRED_INDEXES = (
    "party_records_party",
    "party_identifiers_value",
    "name_keys_node",
    "holdings_doc",
    "links_doc",
    "resolution_keys_party",
    "parties_seq",
)
#: Of those, the indexes of tables a load still fills after its edges (the child's keys).
_LATE_INDEXES = ("name_keys_node", "resolution_keys_party")


def _prov(prefix: str) -> Provenance:
    s = Template.slot
    return Provenance(
        path=s(prefix + "path"),
        format=FORMAT,
        document_id=s(prefix + "doc"),
        xpath=s(prefix + "xpath"),
        phrase=s(prefix + "phrase") if prefix == "e" else None,
    )


_PARTY = Template(
    Party,
    id=...,
    name=...,
    kind=...,
    names=...,
    identifiers=...,
    jurisdiction=...,
    provenance=(_prov("p"),),
)
_SECURITY = Template(
    Security, id=..., issuer_id=..., title=..., cusip=..., provenance=(_prov("p"),)
)
# the slot order the party loop fills (the template's JSON key order); the holdings' and
# links' rows: graph.store_layout
_PARTY_SLOTS = ("id", "identifiers", "jurisdiction", "kind", "name", "names", "pdoc", "ppath",
                "pxpath")  # fmt: skip

_DEFAULT_ROLE = {
    EdgeKind.CONTROLS: Role.STATED_POWER,
    EdgeKind.OWNS: Role.SHAREHOLDER,
    EdgeKind.CONSOLIDATES: Role.DIRECT_PARENT,
    EdgeKind.MEMBER_OF: Role.GROUP_MEMBER,
}
#: A name the cleaning rules leave as it is: printable ASCII, single spaces, no trailing
#: footnote marker, no word that starts a tax-number suffix (else :func:`clean_name` runs).
_RISKY = re.compile(r"(?i)\b(?:e\.?i\.?n|i\.?r\.?s|tax|fein|s\.?s\.?)|  |[*)\]]$|^ | $")
_DIGITS = re.compile(r"[0-9]{1,15}")  # ASCII only: other digits take the slow path
_PERCENT = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,6})?")


class _Norm(dict[str, str]):
    """:func:`graph.ids.normalize_name` of each spelling once per load (the function's own
    cache is smaller than a large load's spellings), and the name index keys from it."""

    def __missing__(self, name: str) -> str:
        out = self[name] = normalize(name)
        return out

    def index_keys(self, names: list[str], identifiers: tuple[tuple[str, str], ...]) -> set[str]:
        """:func:`queries.resolve.index_keys` of a party with these spellings (its name
        among them) and identifiers, each spelling normalised once."""
        return index_keys(names, identifiers, self.__getitem__)  # type: ignore[arg-type]


def _party_id(cik: str, lei: str, rid: str) -> str:
    """:func:`graph.ids.party_id` of a row (``make_id`` of a plain CIK inlined)."""
    if cik and cik.isascii() and cik.isdigit() and int(cik):
        return "party:" + sha1(b"cik\x1f" + cik.zfill(10).encode()).hexdigest()[:16]
    return party_id(cik=cik or None, lei=lei or None, scheme="tabular", identifier=rid)


def _plain_name(value: str) -> bool:
    return value.isascii() and value.isprintable() and _RISKY.search(value) is None


class _Row(NamedTuple):
    """A party row of entities.csv as the load keeps it until written (a light tuple, not
    a :class:`Party`: a large file holds a million of them); :func:`party_keys` reads it
    as a party (the fields it reads have the same names)."""

    name: str
    kind: NodeKind
    names: Any  # tuple (the row's other spellings) or list (every spelling, sorted)
    identifiers: tuple[tuple[str, str], ...]
    jurisdiction: str | None


class _Memo:
    """An enum column's checked values, memoised (a bad value raises with file and line)."""

    def __init__(self, fn: Callable[..., Any], cls: type) -> None:
        self.fn, self.cls, self.seen = fn, cls, {}

    def __call__(self, value: str, path: str, line: int, col: str) -> Any:
        try:
            return self.seen[value]
        except KeyError:
            out = self.seen[value] = self.fn(self.cls, value, path, line, col)
            return out


def _field_rows(
    path: str, required: tuple[str, ...], progress: Callable[[int], None] | None = None
) -> Iterator[Any]:
    """A CSV file streamed: first its header (stripped names), then ``(line, cells)`` per
    row, the cells stripped, padded to the header's width plus one empty cell (the value
    of an absent column, see :class:`_Columns`); ``progress`` is told the bytes read so
    far every 64k rows."""
    try:
        f = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError(path, None, f"cannot read: {exc.strerror}") from exc
    with f:
        reader = csv.reader(f)
        try:
            try:
                head = [c.strip() for c in next(reader)]
            except StopIteration:
                head = []
            missing = [c for c in required if c not in head]
            if missing:
                raise InputError(path, "line 1", f"missing columns: {', '.join(missing)}")
            yield head
            n = len(head)
            pad = [""]
            strip = str.strip
            for fields in reader:
                if len(fields) > n:
                    raise InputError(path, f"line {reader.line_num}", "more fields than the header")
                if len(fields) < n:
                    fields = fields + [""] * (n - len(fields))
                yield reader.line_num, [*map(strip, fields), *pad]
                if progress is not None and not reader.line_num & 0xFFFF:
                    progress(f.buffer.tell())
        except UnicodeDecodeError as exc:
            raise InputError(path, f"line {reader.line_num + 1}", "not UTF-8 text") from exc
        except csv.Error as exc:
            raise InputError(path, f"line {reader.line_num}", f"bad CSV: {exc}") from exc


class _Columns(dict[str, int]):
    """A header's column name -> cell index; an absent column -> the empty padding cell."""

    def __init__(self, head: list[str]) -> None:
        super().__init__((c, i) for i, c in enumerate(head))  # the last of a name wins
        self.pad = len(head)

    def __missing__(self, name: str) -> int:
        return self.pad


def _table(
    path: str, required: tuple[str, ...], progress: Callable[[int], None] | None = None
) -> tuple[_Columns, Iterator[tuple[int, list[str]]]]:
    """The columns of a CSV file and its rows as ``(line, cells)`` (see :func:`_field_rows`)."""
    it = _field_rows(path, required, progress)
    return _Columns(next(it)), it


def _sha(entities: str, edges: str) -> str:
    h = hashlib.sha256()
    for i, path in enumerate((entities, edges)):
        if i:
            h.update(b"\x00")
        try:
            with open(path, "rb") as f:
                while chunk := f.read(1 << 22):
                    h.update(chunk)
        except OSError as exc:
            raise InputError(path, None, f"cannot read: {exc.strerror}") from exc
    return h.hexdigest()


class TabularPair:
    """A tabular folder to bulk-load (see the module docstring)."""

    def __init__(self, folder: str | Path) -> None:
        folder = Path(folder)
        self.entities_path = str(folder / "entities.csv")
        self.edges_path = str(folder / "edges.csv")
        self.sha256 = _sha(self.entities_path, self.edges_path)
        self.document_id = document_id(self.sha256)
        self.indexes: list[tuple[str, str]] = []  # the deferred indexes not built yet

    def write(self, store: Store, c: sqlite3.Connection, seq: int) -> LoadResult:
        """Write the pair's rows through ``c`` (the store's open write transaction)."""
        from ownergraph.graph.store import LoadResult

        doc_id = self.document_id
        if c.execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone():
            return LoadResult(doc_id, self.entities_path, "unchanged", {})
        fresh = c.execute("SELECT 1 FROM party_records LIMIT 1").fetchone() is None
        # a page cache that holds the indexes being filled (default: 2 MB); the journal
        # stays on and the load commits once, so the crash guarantee is unchanged
        (cache,) = c.execute("PRAGMA cache_size").fetchone()
        c.execute(f"PRAGMA cache_size={-CACHE_KB}")  # noqa: S608 - an int
        try:
            if not fresh:
                return self._write(store, c, seq, fresh)
            # a store without parties: its secondary indexes are built once after the rows
            # (a sort) instead of being kept up to date row by row; inside the transaction,
            # so a failed or killed load leaves them as they were
            indexes = [
                row
                for row in c.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL"
                )
                if row[0] in DEFERRED_INDEXES
            ]
            for name, _ in indexes:
                c.execute(f'DROP INDEX "{name}"')  # noqa: S608 - a name of DEFERRED_INDEXES
            # the indexes of tables complete once the edges are written are built then,
            # while the resolution child may still run (_write_rows); the others after
            self.indexes = indexes
            out = self._write(store, c, seq, fresh)
            for _, sql in indexes:
                c.execute(sql)
            trace.mark("indexes built")
            return out
        finally:
            c.execute(f"PRAGMA cache_size={int(cache)}")  # noqa: S608 - an int

    def _write(self, store: Store, c: sqlite3.Connection, seq: int, fresh: bool) -> LoadResult:

        doc_id = self.document_id
        w = _Writer(store, c, seq, doc_id, self.entities_path, self.edges_path)
        try:
            return self._write_rows(store, c, seq, fresh, w)
        except BaseException:
            if w.pending is not None:
                w.pending.cancel()
            if w.edge_reader is not None:
                w.edge_reader.close()
            raise

    def _write_rows(
        self, store: Store, c: sqlite3.Connection, seq: int, fresh: bool, w: _Writer
    ) -> LoadResult:
        from ownergraph.graph.store import LoadResult

        doc_id = self.document_id
        with _bar(self.entities_path, self.edges_path) as step:
            trace.start()
            w.progress = step(0)
            n_parties = w.entities(fresh)
            trace.mark("parties and securities written")
            w.progress = step(1)
            n_hold, n_link = w.edges()
            trace.mark("holdings and links written")
        doc = Document(
            id=doc_id,
            path=self.entities_path,
            format=FORMAT,
            sha256=self.sha256,
            form="tabular",
            title=f"{Path(self.entities_path).parent.name or 'tabular'} ({n_parties} parties)",
        )
        from ownergraph.graph.store import _dumps

        c.execute(
            "INSERT INTO documents(id, sha256, path, format, issuer_id, seq, json, extra)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (doc.id, doc.sha256, doc.path, doc.format.value, None, seq, _dumps(doc),
             json.dumps({"edges_path": self.edges_path}, ensure_ascii=False)),
        )  # fmt: skip
        w.findings_rows()
        early = [sql for name, sql in self.indexes if name not in _LATE_INDEXES]
        for sql in early:
            c.execute(sql)
        self.indexes[:] = [x for x in self.indexes if x[0] in _LATE_INDEXES]
        if early:
            trace.mark("indexes of the rows built")
        if w.pending is not None:  # the keys, blocks and merges found beside the load
            from ownergraph.graph.resolution_store import take_fresh_keys

            take_fresh_keys(c, w.pending)
            if w.child_names:  # the name index rows the child found (else again here)
                if w.pending.merges is None:  # the child failed
                    bulk_keys.from_parties(c, w.norm.__getitem__)
                    w.norm.clear()
                bulk_keys.copy_staged(c)
            trace.mark("resolution and name keys written")
        if fresh:  # every party's blocking keys are stored: resolution counts the blocks
            from ownergraph.graph.resolution_store import KEYS_WRITTEN

            store._bulk_parties = w.pending or KEYS_WRITTEN
        counts = {
            "parties": n_parties,
            "securities": w.n_securities,
            "holdings": n_hold,
            "links": n_link,
            "positions": 0,
            "findings": len(w.findings),
        }
        return LoadResult(doc_id, self.entities_path, "loaded", counts)


@contextmanager
def _bar(*paths: str) -> Iterator[Callable[[int], Callable[[int], None] | None]]:
    """A progress bar over the bytes of ``paths`` on a terminal's stderr (else nothing):
    yields ``step(i)``, the callback that reports the bytes read of file ``i``."""
    if not sys.stderr.isatty():
        yield lambda i: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    sizes = [Path(p).stat().st_size for p in paths]
    with Progress(
        TextColumn("loading {task.fields[file]}"),
        BarColumn(),
        DownloadColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("load", total=sum(sizes), file=Path(paths[0]).name)

        def step(i: int) -> Callable[[int], None]:
            done = sum(sizes[:i])
            bar.update(task, completed=done, file=Path(paths[i]).name)
            return lambda n: bar.update(task, completed=done + n)

        yield step


class _Writer:
    """The state of one bulk load: node ids by row id, memoised checks, findings."""

    def __init__(
        self, store: Store, c: sqlite3.Connection, seq: int, doc_id: str, ent: str, edg: str
    ) -> None:
        from ownergraph.loaders import tabular

        self.t = tabular
        self.store, self.c, self.seq, self.doc_id = store, c, seq, doc_id
        self.ent, self.edg = ent, edg
        self.node_of: dict[str, str] = {}
        self.kinds: dict[str, NodeKind] = {}
        self.findings: list[Finding] = []
        self.norm = _Norm()
        self.n_securities = 0
        self.progress: Callable[[int], None] | None = None
        self.pending: PendingMerges | None = None  # a fresh store's merges, found beside
        self.edge_reader: EdgeReader | None = None  # edges.csv read beside (graph.bulk_fork)
        self.repeated = False  # whether two party rows have one id
        self.child_names = False  # whether the name index rows come from self.pending

    def _clean(self, value: str, path: str, line: int, col: str) -> str:
        if value and _plain_name(value):
            return value
        return self.t._clean(value, path, line, col, self.doc_id, self.findings)

    # ---------------------------------------------------------------- entities

    def entities(self, fresh: bool) -> int:
        """Read entities.csv, write the parties and securities; the number of party rows.
        The reader of edges.csv (:mod:`graph.bulk_fork`) is forked first, while this
        process holds no row yet: it reads the node ids itself (:meth:`read_entities`); so
        is, on a store without parties, the entity resolution (:mod:`graph.resolution_fork`),
        which streams the party rows itself (:meth:`party_rows`)."""
        from ownergraph.graph import bulk_fork

        self.edge_reader = bulk_fork.start(self)
        if fresh:  # the merges are found beside the load (graph.resolution_fork)
            from ownergraph.graph import resolution_fork

            c = self.c
            rejected = [(str(a), str(b)) for a, b in c.execute("SELECT a, b FROM merge_rejections")]
            self.pending = resolution_fork.start_reading(self, rejected)
        records, secs, n_rows = self.read_entities()
        trace.mark("entities.csv read")
        self._write_parties(records, fresh)
        self._write_securities(secs)
        return n_rows

    def read_entities(
        self, *, keep: bool = True
    ) -> tuple[dict[str, tuple[int, _Row]], list[tuple[int, dict[str, str], str, str]], int]:
        """Read entities.csv: fill ``node_of`` and ``kinds`` (every node id); the party
        rows by party id (empty unless ``keep``), the security rows with their ids, and
        the number of party rows. Without ``keep`` a party row's other cells are not read
        (nor checked: the load that keeps them reads the same file)."""
        t, path = self.t, self.ent
        kind_of = _Memo(t._enum, NodeKind)
        records: dict[str, tuple[int, _Row]] = {}
        pending: list[tuple[int, dict[str, str]]] = []
        n_rows = 0
        col, rows = _table(path, ("id", "name", "kind"), self.progress)
        head = [*col, ""]  # the names of the cells (a row's dict for a security)
        i_id, i_name, i_kind, i_cik, i_lei = (col[n] for n in ("id", "name", "kind", "cik", "lei"))
        if list(col.values()) != list(range(len(col))):  # a repeated column name: by name
            head = [None] * (col.pad + 1)
            for n, i in col.items():
                head[i] = n
        for line, f in rows:
            rid = f[i_id]
            if not rid:
                raise InputError(path, f"line {line}, column id", "empty id")
            if rid in self.kinds:
                raise InputError(path, f"line {line}, column id", f"duplicate id {rid!r}")
            name = f[i_name]
            if not name:
                raise InputError(path, f"line {line}, column name", "empty name")
            name = self._clean(name, path, line, "name")
            kind = kind_of(f[i_kind], path, line, "kind")
            self.kinds[rid] = kind
            if kind == NodeKind.SECURITY:
                row = {n: v for n, v in zip(head, f, strict=True) if n}
                row["name"] = name
                pending.append((line, row))
                continue
            pid = self.node_of[rid] = _party_id(f[i_cik], f[i_lei], rid)
            n_rows += 1
            if keep:
                if records.pop(pid, None) is not None:  # the last row of an id wins, as
                    self.repeated = True  # INSERT OR REPLACE
                records[pid] = (line, self._party_row(line, f, col, name, kind))
        secs = self._security_ids(pending)  # every node id known: edges.csv can be read
        return records, secs, n_rows

    def _party_row(self, line: int, f: list[str], col: _Columns, name: str, kind: NodeKind) -> _Row:
        """A party row's light tuple (``name`` cleaned, ``kind`` checked)."""
        path = self.ent
        idents: list[tuple[str, str]] = []
        cik, lei = f[col["cik"]], f[col["lei"]]
        if cik:
            idents.append(("cik", cik))
        if lei:
            idents.append(("lei", lei.upper()))
        for item in filter(None, f[col["identifiers"]].split("|")):
            scheme, _, value = item.partition(":")
            if not value:
                raise InputError(
                    path, f"line {line}, column identifiers", f"not scheme:value: {item!r}"
                )
            idents.append((scheme.strip(), value.strip()))
        idents.append(("tabular", f[col["id"]]))
        names = tuple(
            self._clean(n, path, line, "names")
            for n in f[col["names"]].split("|")
            if n and (_plain_name(n) or clean_name(n)[0])
        )
        return _Row(name, kind, names, tuple(sorted(set(idents))), f[col["jurisdiction"]] or None)

    def party_rows(self, want: Container[str] | None = None) -> Iterator[tuple[str, _Row]]:
        """entities.csv's party rows streamed as ``(party id, row)``, every row of an id
        (the last one wins), without keeping them or the node ids; with ``want``, only the
        parties of these ids. Checks as :meth:`read_entities` but for repeated row ids
        (the load's own reading of the file raises those)."""
        t, path = self.t, self.ent
        kind_of = _Memo(t._enum, NodeKind)
        col, rows = _table(path, ("id", "name", "kind"))
        i_id, i_name, i_kind, i_cik, i_lei = (col[n] for n in ("id", "name", "kind", "cik", "lei"))
        security = NodeKind.SECURITY
        for line, f in rows:
            rid = f[i_id]
            if not rid:
                raise InputError(path, f"line {line}, column id", "empty id")
            if want is not None and _party_id(f[i_cik], f[i_lei], rid) not in want:
                continue  # (a security's id is no party id either)
            name = f[i_name]
            if not name:
                raise InputError(path, f"line {line}, column name", "empty name")
            name = self._clean(name, path, line, "name")
            kind = kind_of(f[i_kind], path, line, "kind")
            if kind is not security:
                yield _party_id(f[i_cik], f[i_lei], rid), self._party_row(line, f, col, name, kind)

    def _write_parties(self, records: dict[str, tuple[int, _Row]], fresh: bool) -> None:
        from ownergraph.graph.resolution import party_keys

        c, seq, doc, path = self.c, self.seq, self.doc_id, jstr(self.ent)
        jdoc = jstr(doc)
        norm = self.norm.__getitem__
        old: set[str] = set()
        if fresh:  # no party: no keys either (the blocks are counted after the load)
            c.execute("DELETE FROM resolution_keys")
            c.execute("DELETE FROM resolution_blocks")
        else:  # parties other documents also name: merged by the store's rules
            ids = list(records)
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                q = ",".join("?" * len(chunk))
                old.update(
                    r[0]
                    for r in c.execute(
                        f"SELECT DISTINCT party_id FROM party_records WHERE party_id IN ({q})",  # noqa: S608
                        chunk,
                    )
                )
        rec_rows, party_rows, name_rows, ident_rows, key_rows = [], [], [], [], []
        res_rows: list[tuple[str, str]] = []
        # the key rows of a fresh store are staged in temporary tables and copied in key
        # order at the end (graph.bulk_keys); the name index rows come from the resolution
        # child if it runs and no id has two rows (it reads every row, the load the last)
        keys_table = bulk_keys.STAGED if fresh else "name_keys"
        self.child_names = fresh and self.pending is not None and not self.repeated
        if self.child_names:
            self.pending.take_names = True  # type: ignore[union-attr]
        bulk_keys.stage(c)
        c.execute("DROP TABLE IF EXISTS temp.bulk_resolution_keys")
        c.execute(
            "CREATE TEMP TABLE bulk_resolution_keys (key TEXT NOT NULL, party_id TEXT NOT NULL)"
        )

        put = self.c.executemany

        def flush() -> None:
            put(
                "INSERT OR REPLACE INTO party_records(document_id, party_id, seq, json)"
                " VALUES (?,?,?,?)",
                rec_rows,
            )
            put(
                "INSERT OR REPLACE INTO parties(id, name, kind, seq, json) VALUES (?,?,?,?,?)",
                party_rows,
            )
            put("INSERT OR IGNORE INTO party_names(party_id, name) VALUES (?,?)", name_rows)
            put(
                "INSERT OR IGNORE INTO party_identifiers(party_id, scheme, value) VALUES (?,?,?)",
                ident_rows,
            )
            put(f"INSERT OR IGNORE INTO {keys_table}(key, node_id) VALUES (?,?)", key_rows)  # noqa: S608
            put("INSERT INTO temp.bulk_resolution_keys(key, party_id) VALUES (?,?)", res_rows)
            for rows in (rec_rows, party_rows, name_rows, ident_rows, key_rows, res_rows):
                rows.clear()

        render = _PARTY.render_tuple
        if _PARTY.slots != _PARTY_SLOTS:  # pragma: no cover - checked as the edges' slots
            raise RuntimeError("graph.bulk: the Party template changed; update _PARTY_SLOTS")
        jkind = {k: jstr(k.value) for k in NodeKind}
        index_keys = self.norm.index_keys
        child_names = self.child_names
        for pid in sorted(records):
            line, p = records.pop(pid)
            jpid, jident, jjur = jstr(pid), jlist(p.identifiers), jopt(p.jurisdiction)
            jk, jname, jline = jkind[p.kind], jstr(p.name), f'"line {line}"'  # digits: no escape
            own = jlist(p.names)
            rec_rows.append(
                (doc, pid, seq, render((jpid, jident, jjur, jk, jname, own, jdoc, path, jline)))
            )
            if pid in old:
                continue
            names = sorted({p.name, *p.names})
            jnames = own if len(names) == len(p.names) and names == list(p.names) else jlist(names)
            party_rows.append(
                (pid, p.name, p.kind.value, seq,
                 render((jpid, jident, jjur, jk, jname, jnames, jdoc, path, jline)))
            )  # fmt: skip
            name_rows.extend((pid, n) for n in names)
            ident_rows.extend((pid, s, v) for s, v in p.identifiers)
            if not child_names:
                key_rows.extend((k, pid) for k in index_keys(names, p.identifiers))
            if fresh and self.pending is None:  # (else the keys come from the child)
                light = _Row(p.name, p.kind, names, p.identifiers, None)  # as the stored party
                res_rows.extend((k, pid) for k in party_keys(light, norm))  # type: ignore[arg-type]
            if len(rec_rows) >= BATCH:
                flush()
        flush()
        if fresh:
            c.execute(
                "INSERT OR IGNORE INTO resolution_keys(key, party_id) SELECT key, party_id"
                " FROM temp.bulk_resolution_keys ORDER BY key, party_id"
            )
            if not child_names:  # (else after the edges, with the child's rows)
                bulk_keys.copy_staged(c)
        else:
            c.execute("DROP TABLE temp.bulk_name_keys")
        c.execute("DROP TABLE temp.bulk_resolution_keys")
        self.norm.clear()  # every spelling is indexed: the memo is not needed any more
        if old:
            self.store._remerge(self.c, old, seq)

    def _security_ids(
        self, pending: list[tuple[int, dict[str, str]]]
    ) -> list[tuple[int, dict[str, str], str, str]]:
        """The security rows with their issuers' and their own ids (in ``node_of``)."""
        path = self.ent
        rows: list[tuple[int, dict[str, str], str, str]] = []
        for line, row in pending:
            issuer = row.get("issuer_id") or ""
            if issuer not in self.node_of:
                raise InputError(
                    path, f"line {line}, column issuer_id", f"unknown issuer id {issuer!r}"
                )
            iid = self.node_of[issuer]
            sid = security_id(cusip=row.get("cusip") or None, issuer_id=iid,
                              title=f"{row['id']} {row['name']}")  # fmt: skip
            self.node_of[row["id"]] = sid
            self.n_securities += 1
            rows.append((line, row, iid, sid))
        return rows

    def _write_securities(self, rows: list[tuple[int, dict[str, str], str, str]]) -> None:
        from ownergraph.queries.resolve import index_keys

        c, seq, path, doc = self.c, self.seq, self.ent, self.doc_id
        c.executemany(
            "INSERT OR IGNORE INTO security_records(document_id, security_id) VALUES (?,?)",
            [(doc, sid) for _, _, _, sid in rows],
        )
        seen: set[str] = set()  # a stored security stays as it is (the first row wins)
        ids = sorted({r[3] for r in rows})
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            q = ",".join("?" * len(chunk))
            sql = f"SELECT id FROM securities WHERE id IN ({q})"  # noqa: S608 - placeholders
            seen.update(r[0] for r in c.execute(sql, chunk))
        sec_rows, key_rows = [], []
        for line, row, iid, sid in rows:
            if sid in seen:
                continue
            seen.add(sid)
            cusip = row.get("cusip") or None
            body = _SECURITY.render(
                id=jstr(sid),
                issuer_id=jstr(iid),
                title=jstr(row["name"]),
                cusip=jopt(cusip),
                ppath=jstr(path),
                pdoc=jstr(doc),
                pxpath=jstr(f"line {line}"),
            )
            sec_rows.append((sid, iid, cusip, seq, body))
            # a new security has no index rows yet (graph.store._index_names without its
            # DELETE, which would scan name_keys while its node index is deferred)
            key_rows += [
                (k, sid) for k in sorted(index_keys(Security(sid, iid, row["name"], cusip)))
            ]
        c.executemany(
            "INSERT INTO securities(id, issuer_id, cusip, seq, json) VALUES (?,?,?,?,?)", sec_rows
        )
        c.executemany("INSERT OR IGNORE INTO name_keys(key, node_id) VALUES (?,?)", key_rows)

    # ---------------------------------------------------------------- edges

    def edges(self) -> tuple[int, int]:
        """Write the holdings and links of edges.csv (read by the forked reader if one was
        started, see :mod:`graph.bulk_fork`, else here); their numbers."""
        batches = self.edge_reader.batches() if self.edge_reader is not None else None
        trace.mark("edge reader done")
        if batches is None:  # no reader, or it failed short of a bad row: read here
            batches = self.edge_batches()
        from ownergraph.graph import store_layout as layout

        put = self.c.executemany
        compact = layout.compact(self.c)  # else a store with a stored json column
        n_hold = n_link = 0
        for hold_rows, link_rows, done in batches:
            if compact:
                put(layout.INSERT_HOLDINGS, hold_rows)
                put(layout.INSERT_LINKS, link_rows)
            else:
                put(
                    "INSERT OR REPLACE INTO holdings(id, document_id, holder_id, security_id,"
                    " seq, json) VALUES (?,?,?,?,?,?)",
                    map(layout.holding_row, hold_rows),
                )
                put(
                    "INSERT OR REPLACE INTO links(id, document_id, kind, controller_id,"
                    " controlled_id, seq, json) VALUES (?,?,?,?,?,?,?)",
                    map(layout.link_row, link_rows),
                )
            n_hold += len(hold_rows)
            n_link += len(link_rows)
            if self.progress is not None and done:
                self.progress(done)
        return n_hold, n_link

    def edge_batches(self) -> Iterator[tuple[list[tuple], list[tuple], int]]:
        """Read edges.csv: its holdings' and links' rows in batches, with the bytes read."""
        t, path, seq, doc = self.t, self.edg, self.seq, self.doc_id
        node_of, kinds = self.node_of, self.kinds
        kind_of = _Memo(t._enum, EdgeKind)
        role_of = _Memo(t._enum, Role)
        power_of = _Memo(t._enum, Power)
        instr_of = _Memo(t._enum, Instrument)
        date_of: dict[str, str] = {}
        rta_of: dict[str, bool | None] = {}  # a right_to_acquire cell -> its value
        jval = {m: jstr(m.value) for e in (Instrument, EdgeKind, Role) for m in e}
        jpath = jstr(path)
        security = NodeKind.SECURITY
        holds = EdgeKind.HOLDS
        seen: set[str] = set()
        hold_rows: list[tuple] = []
        link_rows: list[tuple] = []
        hprefix = (doc + "\x1f").encode()  # graph.ids.make_id(kind, doc, rid), inlined
        done = [0]  # the bytes read so far

        def read(n: int) -> None:
            done[0] = n

        col, rows = _table(path, ("id", "kind", "source", "target"), read)
        i_id, i_kind, i_src, i_dst = col["id"], col["kind"], col["source"], col["target"]
        i_asof, i_power, i_ev, i_role = (col[n] for n in ("as_of", "power", "evidence", "role"))
        i_ins, i_rta, i_shares = col["instrument"], col["right_to_acquire"], col["shares"]
        i_share = tuple(col[n] for n in _SHARE_COLUMNS)
        for line, f in rows:
            rid = f[i_id]
            if not rid:
                raise InputError(path, f"line {line}, column id", "empty id")
            if rid in seen:
                raise InputError(path, f"line {line}, column id", f"duplicate id {rid!r}")
            seen.add(rid)
            kind = kind_of(f[i_kind], path, line, "kind")
            a, b = f[i_src], f[i_dst]
            src, dst = node_of.get(a), node_of.get(b)
            if src is None or dst is None:
                col_, v = ("source", a) if src is None else ("target", b)
                raise InputError(path, f"line {line}, column {col_}", f"unknown entity id {v!r}")
            if kind is holds:
                if kinds[b] is not security:
                    raise InputError(
                        path, f"line {line}, column target", "a holds edge must point at a security"
                    )
            elif kinds[b] is security or kinds[a] is security:
                raise InputError(
                    path, f"line {line}, column kind", f"a {kind.value} edge joins two parties"
                )
            as_of_raw = f[i_asof]
            try:
                as_of = date_of[as_of_raw]
            except KeyError:
                d = t._date(as_of_raw or None, path, line)
                as_of = date_of[as_of_raw] = jstr(d.isoformat()) if d else None
            power = f[i_power]
            jpower = jstr(power_of(power, path, line, "power").value) if power else None
            phrase = jstr(f[i_ev]) if f[i_ev] else None
            rkey = hprefix + rid.encode()
            if kind is holds:
                ins = f[i_ins]
                instrument = instr_of(ins, path, line, "instrument") if ins else Instrument.COMMON
                r = f[i_rta]
                try:
                    rta = rta_of[r]
                except KeyError:
                    rta = rta_of[r] = t._bool(r, path, line, "right_to_acquire")
                derivative = instrument.is_right_to_acquire
                hid = "holding:" + sha1(rkey).hexdigest()[:16]
                shares = _shares(f[i_shares], path, line)
                hold_rows.append(  # keys, seq, store_layout.HOLDING_FRAGMENTS
                    (hid, doc, src, dst, seq, as_of, jbool(derivative), jval[instrument],
                     jpath, phrase, line, jbool(derivative if rta is None else rta),
                     None if shares is None else jnum(shares))
                )  # fmt: skip
            else:
                r = f[i_role]
                role = role_of(r, path, line, "role") if r else _DEFAULT_ROLE.get(kind, Role.OTHER)
                lid = "link:" + sha1(rkey).hexdigest()[:16]
                share = _share(*(f[i] for i in i_share), path, line)
                link_rows.append(  # keys, seq, store_layout.LINK_FRAGMENTS
                    (lid, doc, kind.value, src, dst, seq, as_of, jpower, jpath, phrase, line,
                     jval[role], None if share == "null" else share)
                )  # fmt: skip
            if len(hold_rows) + len(link_rows) >= BATCH:
                yield hold_rows, link_rows, done[0]
                hold_rows, link_rows = [], []
        yield hold_rows, link_rows, 0

    def findings_rows(self) -> None:
        """The findings of the cleaning (names with controls, tax numbers ...)."""
        from ownergraph.graph.store import _dumps

        self.findings = sorted({f.id: f for f in self.findings}.values(), key=lambda f: f.id)
        self.c.executemany(
            "INSERT OR REPLACE INTO findings(id, document_id, kind, severity, seq, json)"
            " VALUES (?,?,?,?,?,?)",
            [
                (f.id, f.document_id, f.kind, f.severity.value, self.seq, _dumps(f))
                for f in self.findings
            ],
        )


def _shares(value: str, path: str, line: int) -> float | None:
    """A share count as :func:`loaders.tabular._num` reads it (plain digits: directly)."""
    if not value:
        return None
    if _DIGITS.fullmatch(value):
        return float(value)
    from ownergraph.loaders.tabular import _num

    return _num(value, path, line, "shares")


def _pct(value: str, path: str, line: int, col: str) -> float | None:
    """A percent as :func:`loaders.tabular._num` reads it (a plain decimal: directly)."""
    if not value:
        return None
    if _PERCENT.fullmatch(value):
        n = float(value)
        if n <= 100:
            return n
    from ownergraph.loaders.tabular import _num

    return _num(value, path, line, col)


#: The columns of a link row's ``share`` (see :func:`_share`).
_SHARE_COLUMNS = ("percent", "share_min", "share_max", "exclusive_min", "exclusive_max")


def _share(
    percent: str, share_min: str, share_max: str, excl_min: str, excl_max: str, path: str, line: int
) -> str:
    """The ``share`` of a link row as JSON (see :func:`loaders.tabular.edge_record`)."""
    if not (percent or share_min or share_max):
        return "null"
    from ownergraph.loaders.tabular import _bool

    pct = _pct(percent, path, line, "percent")
    lo = _pct(share_min, path, line, "share_min")
    hi = _pct(share_max, path, line, "share_max")
    if pct is not None:
        lo = hi = pct
        emin = emax = False
    elif lo is not None or hi is not None:
        if lo is not None and hi is not None and lo > hi:
            raise InputError(path, f"line {line}", f"share_min {lo} > share_max {hi}")
        emin = bool(_bool(excl_min, path, line, "exclusive_min"))
        emax = bool(_bool(excl_max, path, line, "exclusive_max"))
    else:
        return "null"
    return (
        f'{{"exclusive_maximum":{jbool(emax)},"exclusive_minimum":{jbool(emin)},'
        f'"maximum":{jnum(hi)},"minimum":{jnum(lo)}}}'
    )
