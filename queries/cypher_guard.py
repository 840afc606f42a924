"""The read-only guard of the Cypher console and ``ownergraph cypher``: four layers.

A user's query runs read-only unless ``--write``. Layers, in the order they run:

1. **query type** (the server): the query is ``EXPLAIN``-ed in a read transaction and the
   result summary's query type read (``r`` read-only, ``rw`` read/write, ``w`` write,
   ``s`` schema); anything but ``r`` is refused before the query runs. Only where the
   server reports query types: a connection first checks that ``EXPLAIN RETURN 1`` says
   ``r`` and ``EXPLAIN CREATE (n) RETURN n`` says ``w``/``rw``. ArcadeDB's EXPLAIN says
   ``w`` for every query (its plan is one ``ArcadeDB.OpenCypher.Plan`` operator), so there
   this layer is off and the console says so.
2. **procedure allow-list** (:data:`READ_PROCEDURES`): any ``CALL`` of a procedure not on
   the list is refused, and so is any call of a function that runs Cypher, writes, or
   reaches files or the system database (:data:`WRITING_FUNCTIONS`: ``apoc.cypher.run*``,
   ``apoc.create.*``, ``apoc.export.*``, ``apoc.systemdb.*``, ``gds.*.write`` ...).
3. **lexer** (:func:`write_clauses`): write and administration clauses outside strings,
   comments and quoted names (``CREATE``, ``MERGE``, ``SET``, ``DELETE``, ``REMOVE``,
   ``DROP``, ``FOREACH``, ``INSERT``, ``LOAD CSV``, ``CALL {...} IN TRANSACTIONS``,
   ``GRANT``, ``DENY``, ``REVOKE``, ``ALTER``, ``RENAME``, ``START``/``STOP DATABASE``,
   ``TERMINATE TRANSACTIONS``, ``ENABLE SERVER``, ``USE``, several statements), lexed by
   Cypher's rules: a ``//`` comment ends at any line terminator (``\\n``, ``\\r``,
   ``\\u2028``, ``\\u2029``, ``\\x85``), ``/* */`` comments, strings with backslash
   escapes, backtick-quoted names with ``````, procedure names with spaces or comments
   around the dots. Each query is lexed as written, with ``\\uXXXX`` escapes decoded (a
   parser that reads Java unicode escapes sees ``CR\\u0045ATE`` as ``CREATE``) and with
   invisible format characters removed; a write found in any reading refuses it. An
   unterminated string, comment or quoted name is refused too.
4. **read transaction** (the server): the query runs in a read-mode transaction that is
   rolled back, never committed (a read needs no commit); if its summary reports a
   query type other than ``r`` or any update, the rows are withheld and the error says
   so. On ArcadeDB, which commits writes sent in read transactions, the rollback is what
   undoes them.

Connecting as a read-only database user (``OWNERGRAPH_NEO4J_READ_USER``) adds the
server's own privilege check below all four; docs/neo4j.md shows the setup.

>>> write_clauses("// x\\rMATCH (n:Keep) DETACH DELETE n")
['DETACH', 'DELETE']
>>> refused_procedures("CALL `apoc`.create.node(['X'], {})")
['apoc.create.node']
>>> refused_procedures("CALL db . labels() YIELD label RETURN label")
[]
>>> lexical_check("MATCH (n) RETURN n.name AS name // CREATE")
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ownergraph.graph.errors import ReadOnlyError

__all__ = [
    "LAYERS",
    "READ_PROCEDURES",
    "GuardReport",
    "lexical_check",
    "refused_procedures",
    "run_read_only",
    "tokens",
    "write_clauses",
]

#: The layers, in the order they run (names used in errors and the tests' figures).
LAYERS = ("query type", "procedure allow-list", "lexer", "read transaction")

#: Procedures that only read (exact names, or a prefix ending in ".").
READ_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.",
        "db.info",
        "db.ping",
        "db.indexes",
        "db.constraints",
        "dbms.components",
        "dbms.procedures",
        "dbms.functions",
    }
)

#: Function namespaces that run Cypher, write, or reach files / the system database.
WRITING_FUNCTIONS = re.compile(
    r"^(?:apoc\.(?:cypher|do|create|merge|refactor|periodic|export|import|load|systemdb|graph"
    r"|trigger|schema|nodes|atomic|lock|custom|uuid|ttl|log|static|warmup|util\.sleep"
    r"|redis|mongo|es|couchbase|dv|bolt|jdbc)\b|gds\..*\b(?:write|mutate|drop|stream)\w*$"
    r"|db\.create\b|db\.index\.|dbms\.)",
    re.IGNORECASE,
)

#: Clauses that write or administer, wherever they stand as a keyword.
WRITE_KEYWORDS = frozenset(
    {"CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "FOREACH", "INSERT"}
    | {"ALTER", "GRANT", "DENY", "REVOKE", "RENAME", "USE", "PERIODIC", "DEALLOCATE"}
    | {"REALLOCATE", "DRYRUN"}
)
#: Keywords that administer only when followed by one of these.
ADMIN_PAIRS = {
    "START": {"DATABASE", "DATABASES"},
    "STOP": {"DATABASE", "DATABASES"},
    "TERMINATE": {"TRANSACTION", "TRANSACTIONS"},
    "ENABLE": {"SERVER", "SERVERS"},
}

LINE_TERMINATORS = "\n\r\u2028\u2029\x85"
_TOKEN = re.compile(
    r"""
    (?P<comment>//[^\n\r\u2028\u2029\x85]*|/\*.*?\*/)
  | (?P<unterminated>/\*|'(?:[^'\\]|\\.)*\\?$|"(?:[^"\\]|\\.)*\\?$|`(?:[^`]|``)*$)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<quoted>`(?:[^`]|``)*`)
  | (?P<param>\$(?:[^\W\d]\w*|\d+|`(?:[^`]|``)*`))
  | (?P<word>[^\W\d]\w*)
  | (?P<number>\d\w*)
  | (?P<space>\s+)
  | (?P<punct>[.:{}(),\[\];|])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_UNICODE_ESCAPE = re.compile(r"\\u+([0-9A-Fa-f]{4})")


def tokens(text: str) -> list[tuple[str, str]]:
    """Lex Cypher into ``(kind, text)``: comments, strings and quoted names kept whole;
    whitespace dropped.

    >>> [t for t in tokens("RETURN 'a // b' AS x // c\\rRETURN 1") if t[0] != "comment"]
    [('word', 'RETURN'), ('string', "'a // b'"), ('word', 'AS'), ('word', 'x'), ('word', 'RETURN'), ('number', '1')]
    """
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind != "space":
            out.append((kind, m.group(kind)))
    return out


def _views(text: str) -> Iterator[str]:
    """The readings of a query a parser may take: as written, with ``\\uXXXX`` escapes
    decoded, and each without invisible format characters."""
    decoded = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    for v in dict.fromkeys((text, decoded)):
        yield v
        stripped = "".join(c for c in v if unicodedata.category(c) != "Cf")
        if stripped != v:
            yield stripped


def _name(tok: tuple[str, str]) -> str | None:
    kind, t = tok
    if kind == "word":
        return t
    if kind == "quoted":
        return t[1:-1].replace("``", "`")
    return None


def _dotted(toks: list[tuple[str, str]], i: int) -> tuple[str, int]:
    """A dotted name starting at ``toks[i]`` (words or quoted parts; comments and spaces
    around the dots already dropped): the name and the index after it."""
    parts = []
    while i < len(toks):
        part = _name(toks[i])
        if part is None:
            break
        parts.append(part)
        if i + 2 < len(toks) and toks[i + 1][1] == "." and _name(toks[i + 2]) is not None:
            i += 2
            continue
        i += 1
        break
    return ".".join(parts), i


def _significant(text: str) -> list[tuple[str, str]]:
    return [t for t in tokens(text) if t[0] != "comment"]


def _allowed(proc: str) -> bool:
    return any(
        proc == p or (p.endswith(".") and proc.startswith(p) and len(proc) > len(p))
        for p in READ_PROCEDURES
    )


def _procedures_in(toks: list[tuple[str, str]]) -> Iterator[tuple[str, bool]]:
    """``(name, is_procedure)`` for every CALL of a procedure and every dotted function
    call in the tokens."""
    i = 0
    while i < len(toks):
        kind, t = toks[i]
        if kind == "word" and t.upper() == "CALL" and i + 1 < len(toks):
            if _name(toks[i + 1]) is not None:
                name, j = _dotted(toks, i + 1)
                yield name, True
                i = j
                continue
        if _name(toks[i]) is not None and (i == 0 or toks[i - 1][1] != "."):
            name, j = _dotted(toks, i)
            if "." in name and j < len(toks) and toks[j][1] == "(":
                yield name, False
            i = max(j, i + 1)
            continue
        i += 1


def refused_procedures(text: str) -> list[str]:
    """Procedures called that are not on :data:`READ_PROCEDURES`, and function calls
    matching :data:`WRITING_FUNCTIONS`, in every reading of the query.

    >>> refused_procedures("RETURN apoc.cypher.runFirstColumnSingle('CREATE (n)', {}) AS x")
    ['apoc.cypher.runFirstColumnSingle']
    >>> refused_procedures("CALL db.schema.visualization()"), refused_procedures("RETURN toUpper('a')")
    ([], [])
    """
    found: list[str] = []
    for view in _views(text):
        for name, is_proc in _procedures_in(_significant(view)):
            if (is_proc and not _allowed(name)) or (not is_proc and WRITING_FUNCTIONS.search(name)):
                found.append(name)
    return list(dict.fromkeys(found))


def _writes_in(toks: list[tuple[str, str]]) -> list[str]:
    found: list[str] = []
    for i, (kind, tok) in enumerate(toks):
        if kind == "punct" and tok == ";" and any(k != "punct" for k, _ in toks[i + 1 :]):
            found.append("; (several statements)")
        if kind != "word":
            continue
        prev = toks[i - 1][1] if i > 0 else ""
        nxt = toks[i + 1][1] if i + 1 < len(toks) else ""
        if prev in (".", ":") or nxt == ":" or prev.upper() == "AS":
            continue
        word = tok.upper()
        if word in WRITE_KEYWORDS:
            found.append(word)
        elif word in ADMIN_PAIRS and nxt.upper() in ADMIN_PAIRS[word]:
            found.append(f"{word} {nxt.upper()}")
        elif word == "LOAD" and nxt.upper() == "CSV":
            found.append("LOAD CSV")
        elif word == "TRANSACTIONS" and prev.upper() == "IN":
            found.append("IN TRANSACTIONS")
        elif word == "CALL" and toks[i + 1 : i + 2] and _name(toks[i + 1]) is not None:
            name, _ = _dotted(toks, i + 1)
            if _WRITE_PROCEDURE_PARTS.search(name) and not _allowed(name):
                found.append(f"CALL {name}")
    return found


#: Procedure-name parts that mark a CALL as a write even for the lexer alone.
_WRITE_PROCEDURE_PARTS = re.compile(
    r"(^|\.)(create|merge|set|delete|remove|drop|refactor|periodic|load|import|export|do"
    r"|cypher|trigger|schema|add|clear|kill|terminate|upgrade|rename|write|mutate|systemdb"
    r"|fromCypher)[a-z]*($|\.)|^dbms\.(?!components$)|^apoc\.nodes\.",
    re.IGNORECASE,
)


def write_clauses(text: str) -> list[str]:
    """The write and administration clauses in ``text`` (layer 3), in every reading.

    Keywords after ``.`` (property keys), ``:`` (labels, types) or ``AS`` (aliases), or
    before ``:`` (map keys), are not clauses; strings, comments and quoted names are skipped.

    >>> write_clauses("LOAD CSV FROM 'file:///x' AS row RETURN row")
    ['LOAD CSV']
    >>> write_clauses("CALL apoc.create.node(['X'], {}) YIELD node RETURN node")
    ['CALL apoc.create.node']
    >>> write_clauses("CALL db.labels() YIELD label RETURN label")
    []
    >>> write_clauses("MATCH (n:Set {delete: 1}) RETURN n.create")
    []
    >>> write_clauses("MATCH (n) WHERE n.x = 1 CR\\\\u0045ATE (m)")
    ['CREATE']
    >>> write_clauses("INSERT (m:Pwn {x: 1})"), write_clauses("STOP DATABASE neo4j")
    (['INSERT'], ['STOP DATABASE'])
    >>> write_clauses("MATCH (start) RETURN start")
    []
    """
    found: list[str] = []
    for view in _views(text):
        found += _writes_in(_significant(view))
    return list(dict.fromkeys(found))


def _unterminated(text: str) -> str | None:
    for view in _views(text):
        for kind, tok in tokens(view):
            if kind == "unterminated":
                return tok[:20]
    return None


def lexical_check(text: str, *, layers: Iterable[str] = LAYERS) -> None:
    """Layers 2 and 3: raise :class:`ReadOnlyError` naming the layer, or return ``None``.

    >>> lexical_check("CALL apoc.export.csv.all('/tmp/x.csv', {})")
    Traceback (most recent call last):
    ...
    ownergraph.graph.errors.ReadOnlyError: refused by the procedure allow-list: apoc.export.csv.all is not a known read procedure; queries are read-only unless --write is given
    """
    layers = set(layers)
    if "procedure allow-list" in layers:
        procs = refused_procedures(text)
        if procs:
            raise ReadOnlyError(
                f"refused by the procedure allow-list: {', '.join(procs)} is not a known read"
                " procedure; queries are read-only unless --write is given",
                layer="procedure allow-list",
            )
    if "lexer" in layers:
        bad = _unterminated(text)
        if bad is not None:
            raise ReadOnlyError(
                f"refused by the lexer: unterminated string, comment or quoted name at {bad!r}",
                layer="lexer",
            )
        found = write_clauses(text)
        if found:
            raise ReadOnlyError(
                f"refused by the lexer: this query writes ({', '.join(found)}); queries are"
                " read-only unless --write is given",
                layer="lexer",
            )


@dataclass
class GuardReport:
    """What the guard did for one query: the layers that ran and notes for the user."""

    layers: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


#: Said where the server cannot report a query type.
NO_QUERY_TYPE = (
    "this server does not report query types (its EXPLAIN calls every query a write, as"
    " ArcadeDB's does), so the query-type layer is off; read-only rests on the procedure"
    " allow-list, the lexer and a read transaction that is rolled back"
)


def run_read_only(
    backend: Any,
    text: str,
    params: dict[str, Any] | None = None,
    *,
    timeout: float | None = None,
    layers: Iterable[str] = LAYERS,
    report: GuardReport | None = None,
) -> list[dict[str, Any]]:
    """Run a user's query through the layers (module docstring); rows as plain dicts.

    ``layers`` switches layers off for the tests that show what each one stops alone;
    callers keep the default. Raises :class:`ReadOnlyError` with ``.layer`` set.
    """
    layers = tuple(x for x in LAYERS if x in set(layers))
    report = report if report is not None else GuardReport()
    params = dict(params or {})
    if "query type" in layers:
        if backend.reports_query_types():
            report.layers.append("query type")
            qtype = backend.explain_type(text, params, timeout=timeout)
            if qtype != "r":
                raise ReadOnlyError(
                    f"refused by the query type: the server says this query is"
                    f" {_QTYPE.get(qtype or '', repr(qtype))}; queries are read-only unless"
                    " --write is given",
                    layer="query type",
                )
        else:
            report.notes.append(NO_QUERY_TYPE)
    lexical = [x for x in layers if x in ("procedure allow-list", "lexer")]
    report.layers += lexical
    lexical_check(text, layers=lexical)
    if "read transaction" in layers:
        report.layers.append("read transaction")
        return backend.read_rolled_back(text, params, timeout=timeout)
    return backend.read(text, params, timeout=timeout)


_QTYPE = {"r": "read-only", "rw": "read/write", "w": "write-only", "s": "a schema change"}
