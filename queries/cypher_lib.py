"""The Cypher query library: one query per ``queries/cypher/<name>.cypher`` (aiosql style).

Each file starts with a header comment that documents it: the first line
``// <name>: <summary>``, a description, and a ``Parameters:`` block naming every ``$param``
(or ``Parameters: none.``). :func:`load_queries` reads every file once, parses the header,
lexes the body (strings and comments ignored) for the ``$params`` it uses, and raises
:class:`QueryLibraryError` if the declared and used parameters disagree.

:func:`run_query` runs a named query or Cypher text on a :class:`graph.neo4j_backend.
Neo4jBackend`: read-only by default (a read transaction, and :func:`write_clauses` refuses
CREATE, MERGE, SET, DELETE, REMOVE, DROP, LOAD CSV, FOREACH, ``CALL { } IN TRANSACTIONS``,
administration and CALLs off the read-procedure allow-list with
:class:`graph.errors.ReadOnlyError`; :mod:`queries.cypher_guard` has the four layers) unless
``write=True``, with a timeout. Where Cypher cannot express a rule portably (sole vs shared power), a
*finisher* turns the query's rows into the embedded engine's answer by running the shared
Python code (:mod:`queries.control`, :mod:`queries.attribution`) over the records the query
returned (:data:`FINISHERS`).

>>> sorted(load_queries())[:3]
['attribution_13d3', 'control_paths', 'cycles']
>>> load_queries()["who_controls"].params
('subject',)
>>> write_clauses("MATCH (n) WHERE n.name = 'CREATE' RETURN n // DELETE")
[]
>>> write_clauses("MATCH (n) SET n.x = 1")
['SET']
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ownergraph.graph.errors import OwnergraphError, ReadOnlyError
from ownergraph.queries.cypher_guard import (
    GuardReport,
    lexical_check,
    run_read_only,
    tokens,
    write_clauses,
)

__all__ = [
    "FINISHERS",
    "CypherQuery",
    "QueryLibraryError",
    "ReadOnlyError",
    "check_read_only",
    "coerce_param",
    "load_queries",
    "parse_query",
    "run_query",
    "tokens",
    "used_params",
    "write_clauses",
]


class QueryLibraryError(OwnergraphError):
    """A library file is malformed or its parameters disagree with its header."""


@dataclass(frozen=True)
class CypherQuery:
    """One library query: its name, header documentation, declared params and text."""

    name: str
    summary: str
    doc: str
    params: tuple[str, ...]
    text: str

    @property
    def used_params(self) -> tuple[str, ...]:
        """The ``$params`` the body uses (strings and comments ignored), sorted."""
        return tuple(sorted(used_params(self.text)))


# --------------------------------------------------------------------------- lexing


def used_params(text: str) -> set[str]:
    """Parameter names used in ``text`` (outside strings and comments).

    >>> sorted(used_params("MATCH (n {id: $id}) // $not_this\\nRETURN '$nor_this', $x"))
    ['id', 'x']
    """
    return {t[1:].strip("`") for kind, t in tokens(text) if kind == "param"}


def check_read_only(text: str) -> None:
    """Raise :class:`ReadOnlyError` if ``text`` calls a procedure off the allow-list or
    has a write clause (the guard's lexical layers, :func:`queries.cypher_guard.lexical_check`)."""
    lexical_check(text)


# --------------------------------------------------------------------------- loading

_HEADER_NAME = re.compile(r"^([a-z0-9_]+):\s*(.+)$")


def parse_query(name: str, text: str) -> CypherQuery:
    """Parse one file: header comment (name line, description, ``Parameters:``), body.

    Raises :class:`QueryLibraryError` when the header is missing, names another query, or
    declares parameters other than those the body uses.
    """
    lines = text.splitlines()
    header: list[str] = []
    for line in lines:
        if not line.startswith("//"):
            break
        header.append(line[2:].strip())
    if not header:
        raise QueryLibraryError(f"{name}.cypher: no header comment")
    m = _HEADER_NAME.match(header[0])
    if not m or m.group(1) != name:
        raise QueryLibraryError(f"{name}.cypher: the header must start with '// {name}: ...'")
    doc = "\n".join(header)
    if "Parameters:" not in doc:
        raise QueryLibraryError(f"{name}.cypher: the header has no 'Parameters:' block")
    params_doc = doc.split("Parameters:", 1)[1]
    declared = {p[1:] for p in re.findall(r"\$[A-Za-z_][A-Za-z0-9_]*", params_doc)}
    body = "\n".join(lines[len(header) :])
    used = used_params(body)
    if declared != used:
        raise QueryLibraryError(
            f"{name}.cypher: declared parameters {sorted(declared)} but the query uses"
            f" {sorted(used)}"
        )
    return CypherQuery(
        name=name, summary=m.group(2), doc=doc, params=tuple(sorted(declared)), text=text
    )


@functools.cache
def load_queries() -> dict[str, CypherQuery]:
    """Every library query, read once and checked (:func:`parse_query`)."""
    out = {}
    folder = resources.files("ownergraph.queries") / "cypher"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            name = entry.name[: -len(".cypher")]
            out[name] = parse_query(name, entry.read_text(encoding="utf-8"))
    return out


# --------------------------------------------------------------------------- running


def coerce_param(value: str) -> Any:
    """A ``--param k=v`` value: JSON when it parses (numbers, lists, true), else the text.

    >>> coerce_param("25"), coerce_param("Liquidmetal Technologies"), coerce_param('["a"]')
    (25, 'Liquidmetal Technologies', ['a'])
    """
    try:
        return json.loads(value)
    except ValueError:
        return value


def run_query(
    backend: Any,
    query_or_name: str,
    params: dict[str, Any] | None = None,
    *,
    write: bool = False,
    timeout: float | None = None,
    finish: bool = True,
    report: GuardReport | None = None,
) -> Any:
    """Run a library query by name, or Cypher text; return plain rows (or a finished answer).

    Read-only unless ``write``: the text goes through the guard's layers
    (:func:`queries.cypher_guard.run_read_only`: the server's query type, the procedure
    allow-list, the lexer, a rolled-back read transaction); ``report`` collects the layers
    that ran and notes for the user. Library queries must get exactly their declared parameters. With
    ``finish`` a query that has a finisher (:data:`FINISHERS`) returns its finished answer.
    """
    params = dict(params or {})
    lib = load_queries()
    named = lib.get(query_or_name)
    text = named.text if named else query_or_name
    if named:
        missing = sorted(set(named.params) - set(params))
        extra = sorted(set(params) - set(named.params))
        if missing or extra:
            raise QueryLibraryError(
                f"{named.name} takes {list(named.params) or 'no parameters'}"
                + (f"; missing {missing}" if missing else "")
                + (f"; unknown {extra}" if extra else "")
            )
    if write:
        rows = backend.write(text, params, timeout=timeout)
    else:
        rows = run_read_only(backend, text, params, timeout=timeout, report=report)
    if named and finish and named.name in FINISHERS:
        return FINISHERS[named.name](rows, params)
    return rows


# --------------------------------------------------------------------------- finishers


def _records(values: Any) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for v in values or ():
        if v:
            d = json.loads(v)
            out[d["id"]] = d
    return [out[k] for k in sorted(out)]


def subgraph_from_rows(rows: list[dict[str, Any]]) -> Any:
    """The embedded graph of the records a who_controls / attribution query returned."""
    from ownergraph.graph.model import (
        Document,
        Holding,
        Link,
        Party,
        ReportedPosition,
        Security,
        from_dict,
    )
    from ownergraph.graph.store import build_graph

    nodes: list[str] = []
    links: list[str] = []
    holdings: list[str] = []
    securities: list[str] = []
    documents: list[str] = []
    positions: list[dict[str, Any]] = []
    for r in rows:
        nodes += [r.get("subject_record"), r.get("issuer_record"), r.get("party_record")]
        nodes += r.get("node_records") or ()
        links += r.get("link_records") or ()
        holdings += r.get("holding_records") or ()
        holdings += r.get("skipped_records") or ()  # left out by the 13d-3 rule, noted
        securities += r.get("security_records") or ()
        documents += r.get("document_records") or ()
        for p in r.get("positions") or ():
            positions += json.loads(p) if p else []
    parties = [from_dict(Party, d) for d in _records(nodes) if "names" in d]
    secs = [
        from_dict(Security, d)
        for d in _records(securities + nodes)
        if "title" in d and "issuer_id" in d and "format" not in d
    ]
    pos = {p["id"]: from_dict(ReportedPosition, p) for p in positions}
    return build_graph(
        parties,
        secs,
        [from_dict(Holding, d) for d in _records(holdings)],
        [from_dict(Link, d) for d in _records(links)],
        [from_dict(Document, d) for d in _records(documents)],
        positions=[pos[k] for k in sorted(pos)],
    )


def finish_who_controls(rows: list[dict[str, Any]], params: dict[str, Any]) -> dict[str, Any]:
    """Finish ``who_controls`` rows with the embedded engine (:func:`queries.control.
    who_controls`) over the records they carry: the one answer object
    (:class:`queries.answer.Answer`, its ``to_dict()``) with both powers, figures, the
    denominator and paths as embedded."""
    from ownergraph.queries.control import who_controls

    if not rows:
        from ownergraph.graph.errors import SubjectNotFoundError

        raise SubjectNotFoundError(str(params.get("subject")))
    G = subgraph_from_rows(rows)
    wc = who_controls(G, rows[0]["subject_id"], implied_denominator=True)
    return wc.to_answer().to_dict()


def finish_attribution(rows: list[dict[str, Any]], params: dict[str, Any]) -> dict[str, Any]:
    """Finish ``attribution_13d3`` rows with :func:`queries.attribution.attribute`, as the
    one answer object (every person of the class a row)."""
    from ownergraph.queries.answer_build import answer_of_attribution
    from ownergraph.queries.attribution import attribute

    if not rows:
        from ownergraph.graph.errors import SubjectNotFoundError

        raise SubjectNotFoundError(str(params.get("issuer")))
    G = subgraph_from_rows(rows)
    return answer_of_attribution(attribute(G, rows[0]["subject_id"])).to_dict()


#: Queries whose rows the shared Python code finishes (``--raw`` skips it).
FINISHERS: dict[str, Callable[[list[dict[str, Any]], dict[str, Any]], Any]] = {
    "who_controls": finish_who_controls,
    "attribution_13d3": finish_attribution,
}
