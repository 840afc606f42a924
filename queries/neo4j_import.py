"""The store as CSV files for ``neo4j-admin database import full`` (a new database at once).

For a graph too large to send row by row (``ownergraph neo4j sync``), the offline importer
of Neo4j 5 builds a database from node and relationship files. The files hold the rows the
sync writes (:func:`graph.neo4j_backend.desired_state`: the same labels, relationship types,
properties and hashes) but the ``provenance`` property, a field of ``record`` already
(:data:`OMITTED`), so the imported database answers what a synced one answers, and the
Cypher library runs on it.

Written into one folder, each set as a header file plus a data file (``ownergraph export --format
neo4j-import --output FOLDER``) (Neo4j's header syntax:
``:ID``, ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``, ``name:type`` with ``double``,
``boolean``, ``string[]``)::

    documents_header.csv   documents.csv      :ID = the document id, :LABEL Document
    parties_header.csv     parties.csv        :ID = the party id, :LABEL Party;<Kind>
    securities_header.csv  securities.csv     :ID = the security id, :LABEL Security
    <kind>_header.csv      <kind>.csv         :START_ID, :END_ID, :TYPE (HOLDS, CONTROLS ...)
    import.sh                                 the neo4j-admin command for these files

The parties, holdings and links have a second data file each (``parties-2.csv``,
``holds-2.csv``, ``controls-2.csv`` ...: :data:`SPLIT_SETS`), written by a second process
and named in the command after the first (neo4j-admin reads a set's data files in turn).
A data file may be empty (every row in the other, or a set without rows); ``import.sh``
names only the data files that hold rows, and leaves out a set without any
(:func:`import_command`), so the importer never reads an empty file.

Every id is unique across parties, securities and documents, so one ID space serves all
(``--id-type=string``). Arrays are joined with U+001F (``--array-delimiter=U+001F``), which
no name contains; values with quotes, commas or line breaks are quoted
(``--multiline-fields=true``). See docs/neo4j.md.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ownergraph.graph.model import Holding, Link, Party, ReportedPosition, Security, from_dict
from ownergraph.graph.vocab import EdgeKind, NodeKind

if TYPE_CHECKING:
    from ownergraph.graph.store import Store

#: Joins the elements of an array property (``--array-delimiter=U+001F``).
ARRAY_DELIMITER = "\x1f"

#: The ``neo4j-admin`` command for the files of :func:`neo4j_import_files`.
COMMAND = (
    "neo4j-admin database import full --overwrite-destination"
    " --id-type=string --array-delimiter=U+001F --multiline-fields=true"
    " {nodes} {relationships}"
)


#: The sets written into two data files, ``<set>.csv`` and ``<set>-2.csv``.
SPLIT_SETS = ("parties", "holds", "controls", "owns", "consolidates", "member_of")


def data_files(key: str) -> list[str]:
    """The data files of the set ``key``, in the order the importer reads them.

    >>> data_files("holds"), data_files("securities")
    (['holds.csv', 'holds-2.csv'], ['securities.csv'])
    """
    return [f"{key}.csv", f"{key}-2.csv"] if key in SPLIT_SETS else [f"{key}.csv"]


def import_command(sizes: dict[str, int] | None = None) -> str:
    """The ``neo4j-admin`` command for the files of an export (the database name left off).

    With ``sizes`` (each data file's size in bytes) only the data files that hold rows are
    named, and a set none of whose data files does is left out: the importer is never handed
    an empty file (its documentation does not say what it does with one; the folder still
    holds every file of :func:`file_names`).

    >>> cmd = import_command({n: 0 if n.startswith("owns") else 1 for n in file_names()})
    >>> "--relationships=holds_header.csv,holds.csv,holds-2.csv" in cmd, "owns" in cmd
    (True, False)
    >>> "holds-2.csv" in import_command({**dict.fromkeys(file_names(), 1), "holds-2.csv": 0})
    False
    """
    from ownergraph.graph.neo4j_rows import NODE_SETS, REL_SETS

    def arg(flag: str, key: str) -> str:
        data = [n for n in data_files(key) if sizes is None or sizes.get(n, 0) > 0]
        return f"--{flag}={','.join([f'{key}_header.csv', *data])}" if data else ""

    nodes = " ".join(a for key in NODE_SETS if (a := arg("nodes", key)))
    relationships = " ".join(a for key in REL_SETS if (a := arg("relationships", key)))
    return " ".join(COMMAND.format(nodes=nodes, relationships=relationships).split())


def folder_sizes(folder: Path) -> dict[str, int]:
    """The size of each file of an export written into ``folder`` (for :func:`import_command`)."""
    return {n: (folder / n).stat().st_size for n in file_names() if (folder / n).exists()}


def _type(values: list[Any]) -> str:
    """The header type of a property from its values (``None`` left out): ``:boolean``,
    ``:double``, ``:string[]`` or plain (string).

    >>> _type([True, None]), _type([1.5, 2]), _type([["a"], []]), _type(["x", 1])
    (':boolean', ':double', ':string[]', '')
    """
    present = [v for v in values if v is not None]
    if not present:
        return ""
    if all(isinstance(v, bool) for v in present):
        return ":boolean"
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return ":double"
    if all(isinstance(v, list | tuple) for v in present):
        return ":string[]"
    return ""


def _cell(value: Any, typ: str) -> str:
    if value is None:
        return ""
    if typ == ":string[]":
        return ARRAY_DELIMITER.join(str(x) for x in value)
    if typ == ":boolean":
        return "true" if value else "false"
    if typ == ":double":
        return repr(float(value))
    if isinstance(value, list | tuple):
        return ARRAY_DELIMITER.join(str(x) for x in value)
    return str(value)


def _field(cell: str) -> str:
    """A CSV field: quoted (``"`` doubled) when it holds a comma, a quote or a line break.
    :class:`csv.writer` would leave a bare carriage return unquoted with ``\\n`` line ends,
    and every reader (the importer too) would end the row there."""
    if "," in cell or '"' in cell or "\n" in cell or "\r" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


class _Writer:
    """``csv.writer(fh, quoting=QUOTE_MINIMAL, lineterminator="\\n")`` quoting a carriage
    return too (:func:`_field`)."""

    def __init__(self, fh: Any) -> None:
        self.fh = fh

    def writerow(self, cells: list[str]) -> None:
        self.fh.write(",".join(map(_field, cells)) + "\n")

    def writerows(self, rows: list[list[str]]) -> None:
        for row in rows:
            self.writerow(row)


def _csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    _Writer(buf).writerows(rows)
    return buf.getvalue().encode("utf-8")


#: Row properties the import files leave out: ``provenance`` is a field of ``record``
#: (a synced server carries it besides; the content hash does not cover it).
OMITTED = frozenset({"provenance"})


def _columns(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    keys = sorted({k for r in rows for k in r["props"] if k not in OMITTED})
    return [(k, _type([r["props"].get(k) for r in rows])) for k in keys]


def neo4j_import_files(store: Store, *, database: str = "neo4j") -> dict[str, bytes]:
    """The store's graph as neo4j-admin import files, ``{file name: bytes}`` (see the module
    docstring), ``import.sh`` included, built from the whole graph (``store.graph()``): the
    reference :func:`write_neo4j_import` (the CLI's streamed export) is tested against."""
    from ownergraph.graph.neo4j_backend import (
        DOCUMENT_LABEL,
        NODE_SETS,
        PARTY_LABEL,
        REL_KINDS,
        SECURITY_LABEL,
        desired_state,
    )

    state = desired_state(store.graph())
    files: dict[str, bytes] = {}
    labels = {"documents": DOCUMENT_LABEL, "securities": SECURITY_LABEL}
    for key in NODE_SETS:
        rows = state[key]
        cols = _columns(rows)
        head = ["id:ID", ":LABEL"] + [f"{k}{t}" for k, t in cols]
        data = []
        for r in rows:
            label = (
                f"{PARTY_LABEL};{NodeKind(r['kind']).label}" if key == "parties" else labels[key]
            )
            data.append([r["id"], label] + [_cell(r["props"].get(k), t) for k, t in cols])
        files[f"{key}_header.csv"] = _csv([head])
        files[f"{key}.csv"] = _csv(data)
    for kind in REL_KINDS:
        rows = state[kind.value]
        cols = _columns(rows)
        head = [":START_ID", ":END_ID", ":TYPE", "id"] + [f"{k}{t}" for k, t in cols]
        data = [
            [r["start"], r["end"], EdgeKind(kind).rel_type, r["id"]]
            + [_cell(r["props"].get(k), t) for k, t in cols]
            for r in rows
        ]
        files[f"{kind.value}_header.csv"] = _csv([head])
        files[f"{kind.value}.csv"] = _csv(data)
    for key in SPLIT_SETS:  # every row in the first data file
        files[f"{key}-2.csv"] = b""
    files["import.sh"] = _script(import_command({n: len(b) for n, b in files.items()}), database)
    return dict(sorted(files.items(), key=lambda kv: file_names().index(kv[0])))


def _script(cmd: str, database: str) -> bytes:
    return (
        "#!/bin/sh\n# Run in this folder with the Neo4j server stopped (docs/neo4j.md);\n"
        "# the database name is the first argument (default neo4j).\n"
        f'cd "$(dirname "$0")" && exec {cmd} "${{1:-{database}}}"\n'
    ).encode()


# --------------------------------------------------------------------------- streamed

_KINDS = {":boolean": "b", ":double": "d", ":string[]": "a"}


def _natural(value: Any) -> tuple[str, str]:
    """A cell in the type its own value implies (``b``, ``d``, ``a``, ``s``; ``""`` = none)."""
    if value is None:
        return "", ""
    if isinstance(value, bool):
        return "b", "true" if value else "false"
    if isinstance(value, int | float):
        return "d", repr(float(value))
    if isinstance(value, list | tuple):
        return "a", ARRAY_DELIMITER.join(str(x) for x in value)
    return "s", str(value)


def _write_set(
    folder: Path,
    name: str,
    lead: list[str],
    rows: Callable[[], Iterator[dict[str, Any]]],
    first: Callable[[dict[str, Any]], list[str]],
) -> None:
    """One header file and one data file, rows streamed. Each cell is written in the type its
    value implies; when a column turns out mixed (or a row brings a new key), the set is written
    again with the types :func:`_type` gives over all rows, so the files equal
    :func:`neo4j_import_files`' in every case."""
    keys: list[str] | None = None
    seen: dict[str, set[str]] = {}
    all_keys: set[str] = set()
    redo = False
    data = folder / f"{name}.csv"
    with open(data, "w", encoding="utf-8", newline="") as fh:
        w = _Writer(fh)
        for r in rows():
            props = {k: v for k, v in r["props"].items() if k not in OMITTED}
            if keys is None:
                keys = sorted(props)
                seen = {k: set() for k in keys}
            all_keys.update(props)
            if redo:
                continue
            if len(props) != len(keys) or any(k not in props for k in keys):
                redo = True
                continue
            cells = first(r)
            for k in keys:
                kind, cell = _natural(props[k])
                if kind:
                    seen[k].add(kind)
                cells.append(cell)
            w.writerow(cells)
    names = {v: k for k, v in _KINDS.items()}
    cols: list[tuple[str, str]] = []
    if not redo:
        for k in keys or []:
            kinds = seen[k]
            if len(kinds) > 1:
                redo = True
                break
            cols.append((k, names.get(next(iter(kinds), ""), "")))
    if redo:  # a second pass with the types of the whole set
        typed: dict[str, set[str]] = {k: set() for k in all_keys}
        for r in rows():
            for k in all_keys:
                kind, _ = _natural(r["props"].get(k))
                if kind:
                    typed[k].add(kind)
        cols = [
            (k, names.get(next(iter(typed[k])), "") if len(typed[k]) == 1 else "")
            for k in sorted(all_keys)
        ]
        with open(data, "w", encoding="utf-8", newline="") as fh:
            w = _Writer(fh)
            for r in rows():
                w.writerow(first(r) + [_cell(r["props"].get(k), t) for k, t in cols])
    head = lead + [f"{k}{t}" for k, t in cols]
    (folder / f"{name}_header.csv").write_bytes(_csv([head]))


def _scan(store: Store, sql: str, params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Rows of one query, streamed by a cursor of the store's connection (inside the
    snapshot :func:`write_neo4j_import` holds, so every query sees one store state)."""
    yield from store._conn.execute(sql, params)


def write_neo4j_import(store: Store, folder: str | Path, *, database: str = "neo4j") -> list[str]:
    """Write :func:`neo4j_import_files`' files into ``folder`` straight from the store's rows,
    never building the whole graph: the same rows (merged parties under their kept id, the
    holdings in force, links between kept ids), one record at a time. Returns the file names.
    """
    from ownergraph.queries.neo4j_import_fast import Mixed, write_all

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with store.snapshot():  # one store state, even while a load commits
        try:  # the store's JSON text read by patterns (queries/neo4j_import_fast.py)
            return write_all(store, folder, database)
        except Mixed:  # a column with values of two types: record by record
            return _write_all(store, folder, database)


def _write_all(store: Store, folder: Path, database: str) -> list[str]:
    from ownergraph.graph.history import current_holdings
    from ownergraph.graph.neo4j_rows import (
        NODE_SETS,
        REL_KINDS,
        SECURITY_LABEL,
        document_row,
        holding_row,
        issues_row,
        link_row,
        party_row,
        security_row,
    )
    from ownergraph.graph.store import build_graph
    from ownergraph.graph.vocab import DOCUMENT_LABEL, PARTY_LABEL

    docs = store.documents()
    by_id = {d.id: d for d in docs}
    merges = store.merges()
    in_cluster = {m.kept_id for m in merges} | {m.merged_id for m in merges}
    cluster_parties = [p for pid in sorted(in_cluster) if (p := store.party(pid)) is not None]
    # holdings whose supersession spans rows: a (holder, class) reported by two documents, or
    # a holder entity resolution merged; decided here as Store.graph() decides them
    contested = set(
        _scan(
            store,
            "SELECT holder_id, security_id FROM holdings GROUP BY holder_id, security_id"
            " HAVING count(DISTINCT document_id) > 1",
        )
    )
    special_ids: set[str] = set()
    special = []
    for hid, holder, sec in _scan(store, "SELECT id, holder_id, security_id FROM holdings"):
        if holder in in_cluster or (holder, sec) in contested:
            special_ids.add(hid)
    for hid in sorted(special_ids):
        for (body,) in _scan(store, "SELECT json FROM holdings WHERE id=?", (hid,)):
            special.append(from_dict(Holding, json.loads(body)))
    small = build_graph(
        cluster_parties, [], current_holdings(special, by_id), [], docs, merges=merges
    )
    alias: dict[str, str] = small.graph["aliases"]
    kept_holdings = {
        d["record"].id: d["record"] for _u, _v, d in small.edges(data=True) if "record" in d
    }
    groups = {
        n: d["record"] for n, d in small.nodes(data=True) if isinstance(d.get("record"), Party)
    }
    positions: dict[str, list[ReportedPosition]] = {}
    for (body,) in _scan(store, "SELECT json FROM positions ORDER BY id"):
        rp = from_dict(ReportedPosition, json.loads(body))
        rp = replace(rp, party_id=alias.get(rp.party_id, rp.party_id))
        positions.setdefault(rp.document_id, []).append(rp)

    def node_name(pid: str) -> str | None:
        if pid in groups:
            return groups[pid].name
        if pid in alias:
            return None
        for (name,) in _scan(store, "SELECT json FROM parties WHERE id=?", (pid,)):
            return str(json.loads(name)["name"])
        return None

    def parties() -> Iterator[dict[str, Any]]:
        for (body,) in _scan(store, "SELECT json FROM parties ORDER BY id"):
            p = from_dict(Party, json.loads(body))
            if p.id not in in_cluster:
                yield party_row(p)
        for p in groups.values():
            yield party_row(p)

    def securities() -> Iterator[dict[str, Any]]:
        for (body,) in _scan(store, "SELECT json FROM securities ORDER BY id"):
            yield security_row(*_security(from_dict(Security, json.loads(body))))

    issuer_names: dict[str, str | None] = {}

    def _security(s: Security) -> tuple[Security, str]:
        iid = alias.get(s.issuer_id, s.issuer_id)
        if iid != s.issuer_id:
            s = replace(s, issuer_id=iid)
        if iid not in issuer_names:
            issuer_names[iid] = node_name(iid)
        issuer = issuer_names[iid]
        return s, f"{issuer} — {s.title}" if issuer else s.title

    def issues() -> Iterator[dict[str, Any]]:
        for (body,) in _scan(store, "SELECT json FROM securities ORDER BY id"):
            s, _name = _security(from_dict(Security, json.loads(body)))
            if issuer_names[s.issuer_id] is not None:
                yield issues_row(s.issuer_id, s.id)

    def holdings() -> Iterator[dict[str, Any]]:
        for hid, body in _scan(store, "SELECT id, json FROM holdings ORDER BY id"):
            if hid in special_ids:
                if hid in kept_holdings:
                    yield holding_row(kept_holdings[hid])
            else:
                yield holding_row(from_dict(Holding, json.loads(body)))

    def links(kind: EdgeKind) -> Callable[[], Iterator[dict[str, Any]]]:
        def gen() -> Iterator[dict[str, Any]]:
            for (body,) in _scan(
                store, "SELECT json FROM links WHERE kind=? ORDER BY id", (kind.value,)
            ):
                lk = from_dict(Link, json.loads(body))
                a = alias.get(lk.controller_id, lk.controller_id)
                b = alias.get(lk.controlled_id, lk.controlled_id)
                if a != lk.controller_id or b != lk.controlled_id:
                    lk = replace(lk, controller_id=a, controlled_id=b)
                if a != b or not alias:  # as build_graph: loops go only with merges
                    yield link_row(lk)

        return gen

    def documents() -> Iterator[dict[str, Any]]:
        for d in sorted(docs, key=lambda d: d.id):
            yield document_row(d, positions.get(d.id, ()))

    sources = {"documents": documents, "parties": parties, "securities": securities}
    labels = {"documents": DOCUMENT_LABEL, "securities": SECURITY_LABEL}
    for key in NODE_SETS:
        if key == "parties":

            def lead(r: dict[str, Any]) -> list[str]:
                return [r["id"], f"{PARTY_LABEL};{NodeKind(r['kind']).label}"]
        else:

            def lead(r: dict[str, Any], _label: str = labels[key]) -> list[str]:
                return [r["id"], _label]

        _write_set(folder, key, ["id:ID", ":LABEL"], sources[key], lead)
    for kind in REL_KINDS:
        if kind is EdgeKind.HOLDS:
            rows = holdings
        elif kind is EdgeKind.ISSUES:
            rows = issues
        else:
            rows = links(kind)

        def rel_lead(r: dict[str, Any], _t: str = EdgeKind(kind).rel_type) -> list[str]:
            return [r["start"], r["end"], _t, r["id"]]

        _write_set(folder, kind.value, [":START_ID", ":END_ID", ":TYPE", "id"], rows, rel_lead)
    for key in SPLIT_SETS:  # every row in the first data file
        (folder / f"{key}-2.csv").write_bytes(b"")
    (folder / "import.sh").write_bytes(_script(import_command(folder_sizes(folder)), database))
    return file_names()


def file_names() -> list[str]:
    """The names of the files an export writes (every set's header and data files,
    ``import.sh``).

    >>> file_names()[:2], file_names()[-1], "holds-2.csv" in file_names()
    (['documents_header.csv', 'documents.csv'], 'import.sh', True)
    """
    from ownergraph.graph.neo4j_rows import NODE_SETS, REL_SETS

    names = [n for k in (*NODE_SETS, *REL_SETS) for n in (f"{k}_header.csv", *data_files(k))]
    return [*names, "import.sh"]
