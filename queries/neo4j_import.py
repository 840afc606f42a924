"""The store as CSV files for ``neo4j-admin database import full`` (a new database at once).

For a graph too large to send row by row (``ownergraph neo4j sync``), the offline importer
of Neo4j 5 builds a database from node and relationship files. The files hold exactly the
rows the sync writes (:func:`graph.neo4j_backend.desired_state`: the same labels,
relationship types and properties), so the imported database answers what a synced one
answers, and the Cypher library runs on it.

Written into one folder, each set as a header file plus a data file (``ownergraph export --format
neo4j-import --output FOLDER``) (Neo4j's header syntax:
``:ID``, ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``, ``name:type`` with ``double``,
``boolean``, ``string[]``)::

    documents_header.csv   documents.csv      :ID = the document id, :LABEL Document
    parties_header.csv     parties.csv        :ID = the party id, :LABEL Party;<Kind>
    securities_header.csv  securities.csv     :ID = the security id, :LABEL Security
    <kind>_header.csv      <kind>.csv         :START_ID, :END_ID, :TYPE (HOLDS, CONTROLS ...)
    import.sh                                 the neo4j-admin command for these files

Every id is unique across parties, securities and documents, so one ID space serves all
(``--id-type=string``). Arrays are joined with U+001F (``--array-delimiter=U+001F``), which
no name contains; values with quotes, commas or line breaks are quoted
(``--multiline-fields=true``). See docs/neo4j.md.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

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


def _csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def _columns(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    keys = sorted({k for r in rows for k in r["props"]})
    return [(k, _type([r["props"].get(k) for r in rows])) for k in keys]


def neo4j_import_files(store: Store, *, database: str = "neo4j") -> dict[str, bytes]:
    """The store's graph as neo4j-admin import files, ``{file name: bytes}`` (see the module
    docstring), ``import.sh`` included."""
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
    node_args: list[str] = []
    rel_args: list[str] = []
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
        node_args.append(f"--nodes={key}_header.csv,{key}.csv")
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
        rel_args.append(f"--relationships={kind.value}_header.csv,{kind.value}.csv")
    cmd = COMMAND.format(nodes=" ".join(node_args), relationships=" ".join(rel_args))
    files["import.sh"] = (
        "#!/bin/sh\n# Run in this folder with the Neo4j server stopped (docs/neo4j.md);\n"
        "# the database name is the first argument (default neo4j).\n"
        f'cd "$(dirname "$0")" && exec {cmd} "${{1:-{database}}}"\n'
    ).encode()
    return files
