"""The query library's files and the read-only lexer (no server needed)."""

from __future__ import annotations

import pytest

from ownergraph.graph.errors import ReadOnlyError
from ownergraph.queries.cypher_lib import (
    QueryLibraryError,
    check_read_only,
    load_queries,
    parse_query,
    write_clauses,
)
from tests.neo4j.test_neo4j import LIBRARY_PARAMS

EXPECTED = {
    "who_controls",
    "control_paths",
    "holdings_under",
    "attribution_13d3",
    "economic_lookthrough",
    "cycles",
    "no_natural_person",
    "neighbourhood",
}


def test_every_query_file_loads_with_matching_params() -> None:
    """Each file's header declares exactly the params its body uses (checked at load)."""
    lib = load_queries()
    assert set(lib) == EXPECTED
    for q in lib.values():
        assert q.params == q.used_params
        assert q.summary and "Parameters:" in q.doc


def test_callers_pass_exactly_the_declared_params() -> None:
    """The tests (the library's callers here) and the files agree on parameter names."""
    lib = load_queries()
    assert set(LIBRARY_PARAMS) == set(lib)
    for name, params in LIBRARY_PARAMS.items():
        assert tuple(sorted(params)) == lib[name].params, name


def test_a_header_that_disagrees_with_its_body_is_refused() -> None:
    text = "// q: a query\n//\n// Parameters:\n//   $a  one\nRETURN $a, $b\n"
    with pytest.raises(QueryLibraryError, match=r"declared parameters \['a'\].*\['a', 'b'\]"):
        parse_query("q", text)
    with pytest.raises(QueryLibraryError, match="header"):
        parse_query("q", "RETURN 1\n")


@pytest.mark.parametrize(
    "text, found",
    [
        ("CREATE (n:X)", ["CREATE"]),
        ("MATCH (n) MERGE (m:Y {id: 1})", ["MERGE"]),
        ("match (n) set n.a = 1", ["SET"]),
        ("MATCH (n) DETACH DELETE n", ["DETACH", "DELETE"]),
        ("MATCH (n) REMOVE n:Label", ["REMOVE"]),
        ("DROP INDEX x", ["DROP"]),
        ("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", ["LOAD CSV"]),
        ("CALL apoc.periodic.iterate('a', 'b', {})", ["CALL apoc.periodic.iterate"]),
        (
            "CALL db.create.setNodeVectorProperty(n, 'k', [])",
            ["CALL db.create.setNodeVectorProperty"],
        ),
        ("CALL dbms.security.createUser('x', 'y')", ["CALL dbms.security.createUser"]),
        ("CALL { MATCH (n) RETURN n } IN TRANSACTIONS RETURN 1", ["IN TRANSACTIONS"]),
        ("FOREACH (x IN [1] | CREATE (:X))", ["FOREACH", "CREATE"]),
        ("MATCH (n) RETURN n // CREATE (x)", []),
        ("MATCH (n) /* SET n.x = 1 */ RETURN n", []),
        ("MATCH (n) WHERE n.name = 'MERGE; DELETE' RETURN n", []),
        ('MATCH (n) WHERE n.name = "set \\" delete" RETURN n', []),
        ("MATCH (n:`CREATE`) RETURN n.set AS delete", []),
        ("MATCH (n {remove: 1}) RETURN n", []),
        ("CALL db.labels() YIELD label RETURN label", []),
        ("RETURN $create AS x", []),
        # issue 14: Cypher's own lexical rules
        ("// x\rMATCH (n:Keep) DETACH DELETE n", ["DETACH", "DELETE"]),
        ("// x\u2028CREATE (m)", ["CREATE"]),
        ("// x\u2029CREATE (m)", ["CREATE"]),
        ("// x\x85CREATE (m)", ["CREATE"]),
        ("INSERT (m:Pwn {x: 1})", ["INSERT"]),
        ("CALL `apoc`.create.node(['X'], {})", ["CALL apoc.create.node"]),
        ("CALL apoc . create . node(['X'], {})", ["CALL apoc.create.node"]),
        ("CALL apoc./* c */export.csv.all('x', {})", ["CALL apoc.export.csv.all"]),
        ("CALL apoc.systemdb.execute('SHOW USERS')", ["CALL apoc.systemdb.execute"]),
        ("CALL gds.pageRank.write('g', {})", ["CALL gds.pageRank.write"]),
        ("CALL apoc.graph.fromCypher('x', {}, 'g', {})", ["CALL apoc.graph.fromCypher"]),
        ("STOP DATABASE neo4j", ["STOP DATABASE"]),
        ("START DATABASE neo4j", ["START DATABASE"]),
        ("TERMINATE TRANSACTIONS 'tx-1'", ["TERMINATE TRANSACTIONS"]),
        ("ENABLE SERVER 'abc'", ["ENABLE SERVER"]),
        ("CREATE USER pwn SET PASSWORD 'x'", ["CREATE", "SET"]),
        ("GRANT ROLE admin TO pwn", ["GRANT"]),
        ("MATCH (n) CR\\u0045ATE (m)", ["CREATE"]),
        ("MATCH (n) DEL\u200bETE n", ["DELETE"]),
        ("RETURN 1; CREATE (m)", ["; (several statements)", "CREATE"]),
        ("MATCH (start)-[r]->(stop) RETURN start, stop", []),
        ("RETURN 'a\\' // ' AS x\nCREATE (m)", ["CREATE"]),
        ("MATCH (`CREATE`) RETURN `DELETE```", []),
    ],
)
def test_write_clauses_are_lexed_not_grepped(text: str, found: list[str]) -> None:
    """Keywords in strings, comments, quoted names, property and map keys are not clauses."""
    assert write_clauses(text) == found


def test_check_read_only_raises_read_only_error() -> None:
    with pytest.raises(ReadOnlyError, match="--write"):
        check_read_only("CREATE (n)")
    check_read_only("MATCH (n) RETURN count(n)")


@pytest.mark.parametrize(
    ("text", "layer"),
    [
        ("CALL db.index.fulltext.queryNodes('x', 'y')", "procedure allow-list"),
        ("RETURN apoc.cypher.runFirstColumnSingle('CREATE (n)', {})", "procedure allow-list"),
        ("CALL apoc.cypher.doIt('CREATE (n)', {})", "procedure allow-list"),
        ("MATCH (n) RETURN n /* CREATE (m)", "lexer"),
        ("RETURN 'unterminated", "lexer"),
        ("MATCH (n) DETACH DELETE n", "lexer"),
    ],
)
def test_the_lexical_layers_name_themselves(text: str, layer: str) -> None:
    with pytest.raises(ReadOnlyError) as info:
        check_read_only(text)
    assert info.value.layer == layer


@pytest.mark.parametrize(
    "text",
    [
        "CALL db.labels() YIELD label RETURN label",
        "CALL db.relationshipTypes()",
        "CALL db.propertyKeys()",
        "CALL db.schema.visualization()",
        "CALL db.schema.nodeTypeProperties()",
        "CALL dbms.components()",
        "MATCH (p:Party) WHERE p.name STARTS WITH 'Wynne' RETURN p.name, toUpper(p.kind)",
        "MATCH path = (a)-[:CONTROLS*1..3]->(b) RETURN path LIMIT 5",
    ],
)
def test_reads_pass_the_lexical_layers(text: str) -> None:
    check_read_only(text)


class _TypedServer:
    """A stand-in for a server that reports query types (Neo4j 5), used only where no such
    server runs in the test environment (the Bolt test server, ArcadeDB, reports none; the
    same checks run on Neo4j with ``OWNERGRAPH_TEST_NEO4J_URI``). It records what was sent."""

    def __init__(self, qtype: str) -> None:
        self.qtype = qtype
        self.sent: list[str] = []

    def reports_query_types(self) -> bool:
        return True

    def explain_type(self, query: str, params: dict, *, timeout: float | None = None) -> str:
        self.sent.append("EXPLAIN " + query)
        return self.qtype

    def read_rolled_back(self, query: str, params: dict, *, timeout: float | None = None) -> list:
        self.sent.append(query)
        return [{"ok": 1}]


@pytest.mark.parametrize("qtype", ["rw", "w", "s"])
def test_the_query_type_layer_refuses_before_the_query_runs(qtype: str) -> None:
    """Where the server says a query writes, it is refused first and never sent to run,
    even a query the lexer would pass (the server knows what a procedure does)."""
    from ownergraph.queries.cypher_guard import GuardReport, run_read_only

    server = _TypedServer(qtype)
    report = GuardReport()
    with pytest.raises(ReadOnlyError) as info:
        run_read_only(server, "CALL db.labels()", report=report)
    assert info.value.layer == "query type"
    assert server.sent == ["EXPLAIN CALL db.labels()"]
    assert report.layers == ["query type"] and report.notes == []


def test_a_read_passes_every_layer_in_order() -> None:
    from ownergraph.queries.cypher_guard import LAYERS, GuardReport, run_read_only

    server = _TypedServer("r")
    report = GuardReport()
    assert run_read_only(server, "MATCH (n) RETURN n", report=report) == [{"ok": 1}]
    assert report.layers == list(LAYERS)
    assert server.sent == ["EXPLAIN MATCH (n) RETURN n", "MATCH (n) RETURN n"]
