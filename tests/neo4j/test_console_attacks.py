"""The read-only Cypher console against a real Bolt server: every attack refused, 0 writes.

Issue 14's red team deleted data through the console (a ``//`` comment ended by ``\\r``)
and found that ArcadeDB, the test server, commits writes sent in read transactions. Each
attack below goes through the console's path (:func:`queries.cypher_lib.run_query`,
read-only) on a server database holding a few marker nodes; the test asserts that it is
refused with :class:`ReadOnlyError`, names the layer that stopped it, and that the server
holds the same nodes, relationships and properties afterwards. A second test switches the
lexical layers off to show that the rolled-back read transaction alone leaves no write on
this server. Figures go to the security summary (``tests/security/stats.py``).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.graph.errors import BackendError, ReadOnlyError
from ownergraph.graph.neo4j_backend import Neo4jBackend
from ownergraph.queries.cypher_guard import LAYERS, GuardReport, run_read_only
from ownergraph.queries.cypher_lib import run_query
from tests.bolt_server import BoltTarget
from tests.security.stats import STATS, attack_class

CR, LS, PS, NEL = "\r", "\u2028", "\u2029", "\x85"

#: (class, query). Every one writes, administers, reaches files or runs Cypher text.
ATTACKS: list[tuple[str, str]] = [
    ("comment ended by CR, delete", f"// x{CR}MATCH (n:Keep) DETACH DELETE n"),
    ("comment ended by CR, create", f"// x{CR}CREATE (m:Pwn)"),
    ("comment ended by LS", f"// x{LS}CREATE (m:Pwn)"),
    ("comment ended by PS", f"// x{PS}CREATE (m:Pwn)"),
    ("comment ended by NEL", f"// x{NEL}CREATE (m:Pwn)"),
    ("comment ended by CRLF", "// x\r\nMATCH (n:Keep) SET n.pwned = true"),
    ("GQL INSERT", "INSERT (m:Pwn {x: 1})"),
    ("plain CREATE", "CREATE (m:Pwn)"),
    ("lower-case DETACH DELETE", "match (n:Keep) detach delete n"),
    ("SET property", "MATCH (n:Keep) SET n.pwned = true"),
    ("REMOVE label", "MATCH (n:Keep) REMOVE n:Keep"),
    ("MERGE", "MERGE (m:Pwn {x: 1})"),
    ("FOREACH CREATE", "FOREACH (x IN [1] | CREATE (:Pwn))"),
    ("CALL subquery CREATE", "CALL { CREATE (m:Pwn) RETURN m } RETURN 1 AS x"),
    ("IN TRANSACTIONS", "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS"),
    ("several statements", "MATCH (n) RETURN count(n) AS c; CREATE (m:Pwn)"),
    ("unicode escape keyword", "MATCH (n:Keep) WITH n CR\\u0045ATE (m:Pwn)"),
    ("unicode escape ends string", "RETURN '\\u0027 AS x CREATE (m:Pwn) //' AS y"),
    ("zero-width inside keyword", "MATCH (n:Keep) DETACH DEL\u200bETE n"),
    ("escaped quote hides clause", "RETURN 'a\\' // ' AS x\nCREATE (m:Pwn)"),
    ("unterminated block comment", "MATCH (n) RETURN n /* CREATE (m:Pwn)"),
    ("backtick-quoted apoc", "CALL `apoc`.create.node(['Pwn'], {}) YIELD node RETURN node"),
    ("spaces around dots", "CALL apoc . create . node(['Pwn'], {}) YIELD node RETURN node"),
    ("comments around dots", "CALL apoc/**/./**/create.node(['Pwn'], {}) YIELD node RETURN 1"),
    ("apoc.export to server files", "CALL apoc.export.csv.all('/tmp/pwn.csv', {})"),
    ("apoc.systemdb", "CALL apoc.systemdb.execute('SHOW USERS') YIELD row RETURN row"),
    ("gds write", "CALL gds.pageRank.write('g', {writeProperty: 'pr'})"),
    ("apoc.graph.fromCypher", "CALL apoc.graph.fromCypher('CREATE (n) RETURN n', {}, 'g', {})"),
    ("apoc.cypher.doIt", "CALL apoc.cypher.doIt('CREATE (n:Pwn) RETURN n', {})"),
    (
        "apoc.cypher.run function",
        "RETURN apoc.cypher.runFirstColumnSingle('CREATE (n) RETURN n', {})",
    ),
    ("apoc.periodic.iterate", "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})"),
    ("apoc.load file read", "CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value"),
    ("apoc.trigger", "CALL apoc.trigger.add('t', 'CREATE (:Pwn)', {})"),
    ("dbms security procedure", "CALL dbms.security.createUser('pwn', 'x', false)"),
    ("db.create procedure", "CALL db.create.setNodeVectorProperty(null, 'k', [])"),
    ("procedure off the allow-list", "CALL db.index.fulltext.queryNodes('x', 'y')"),
    ("STOP DATABASE", "STOP DATABASE ownergraph"),
    ("START DATABASE", "START DATABASE ownergraph"),
    ("TERMINATE TRANSACTIONS", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'"),
    ("ENABLE SERVER", "ENABLE SERVER 'server-1'"),
    ("CREATE USER", "CREATE USER pwn SET PASSWORD 'pwn-password' CHANGE NOT REQUIRED"),
    ("DROP USER", "DROP USER pwn"),
    ("CREATE ROLE", "CREATE ROLE pwn"),
    ("GRANT", "GRANT ROLE admin TO pwn"),
    ("REVOKE", "REVOKE ROLE admin FROM pwn"),
    ("CREATE DATABASE", "CREATE DATABASE pwn"),
    ("DROP DATABASE", "DROP DATABASE ownergraph"),
    ("USE system", "USE system SHOW USERS"),
    ("LOAD CSV reads server files", "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l"),
    ("PERIODIC COMMIT", "USING PERIODIC COMMIT LOAD CSV FROM 'file:///x' AS l CREATE (:Pwn)"),
    ("PROFILE executes", "PROFILE MATCH (n:Keep) DETACH DELETE n"),
    ("DROP INDEX", "DROP INDEX party_id IF EXISTS"),
]

#: Where the query-type layer is off (ArcadeDB), the layer that must stop each attack first:
#: every call of a procedure off the allow-list, or of a writing function, is the
#: allow-list's; everything else is the lexer's.
ALLOW_LIST_FIRST = {
    "backtick-quoted apoc",
    "spaces around dots",
    "comments around dots",
    "apoc.export to server files",
    "apoc.systemdb",
    "gds write",
    "apoc.graph.fromCypher",
    "apoc.cypher.doIt",
    "apoc.cypher.run function",
    "apoc.periodic.iterate",
    "apoc.load file read",
    "apoc.trigger",
    "dbms security procedure",
    "db.create procedure",
    "procedure off the allow-list",
}

#: Attacks that run and write on a server that lets a read transaction write (the
#: rolled-back read transaction is tested alone on these). ArcadeDB ends a ``//`` comment
#: at CR but not at U+2028, so there the LS attack is one empty comment (refused as empty).
SERVER_WRITES = [
    a
    for a in ATTACKS
    if a[0]
    in {
        "comment ended by CR, delete",
        "comment ended by CR, create",
        "comment ended by CRLF",
        "GQL INSERT",
        "plain CREATE",
        "lower-case DETACH DELETE",
        "SET property",
        "REMOVE label",
        "MERGE",
        "FOREACH CREATE",
    }
]


def _state(b: Neo4jBackend) -> tuple:
    """Everything an attack could change: nodes with labels and properties, relationships."""
    nodes = b.write("MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
    rels = b.write("MATCH ()-[r]->() RETURN type(r) AS t, properties(r) AS p")
    return (
        sorted((tuple(sorted(r["l"])), tuple(sorted(r["p"].items()))) for r in nodes),
        sorted((r["t"], tuple(sorted(r["p"].items()))) for r in rels),
    )


@pytest.fixture
def marked(backend: Neo4jBackend) -> Neo4jBackend:
    """The emptied server database with marker nodes the attacks try to change."""
    backend.write(
        "CREATE (a:Keep {name: 'a'})-[:LINKS {w: 1}]->(b:Keep {name: 'b'}), (:Keep {name: 'c'})"
    )
    return backend


def test_every_console_attack_is_refused_and_nothing_is_written(marked: Neo4jBackend) -> None:
    before = _state(marked)
    typed = marked.reports_query_types()
    stopped: Counter[str] = Counter()
    for name, query in ATTACKS:
        STATS["console attacks tried"] += 1
        attack_class(f"cypher console: {name}")
        report = GuardReport()
        with pytest.raises(ReadOnlyError) as info:
            run_query(marked, query, report=report)
        layer = info.value.layer
        assert layer in LAYERS, (name, info.value)
        if typed:  # a server that reports query types refuses writes itself, first
            assert "query type" in report.layers
        else:
            assert any("does not report query types" in n for n in report.notes), name
            expected = "procedure allow-list" if name in ALLOW_LIST_FIRST else "lexer"
            assert layer == expected, (name, layer, str(info.value))
        stopped[layer] += 1
        after = _state(marked)
        STATS["Cypher writes through the console"] += after != before
        assert after == before, f"{name}: the server changed"
        STATS["console attacks held"] += 1
    for layer, n in stopped.items():
        STATS[f"console attacks stopped first by the {layer}"] += n


@pytest.mark.parametrize(("name", "query"), SERVER_WRITES, ids=[a[0] for a in SERVER_WRITES])
def test_the_read_transaction_alone_leaves_no_write(
    marked: Neo4jBackend, name: str, query: str
) -> None:
    """With the lexical layers off, the read transaction (rolled back, its summary read)
    still refuses and the server is unchanged: the layer ArcadeDB needs, since it commits
    writes sent in read transactions."""
    before = _state(marked)
    with pytest.raises(BackendError) as info:
        run_read_only(marked, query, layers=("query type", "read transaction"))
    assert isinstance(info.value, ReadOnlyError), info.value
    assert info.value.layer in ("query type", "read transaction")
    assert _state(marked) == before, name


def test_a_plain_read_transaction_is_what_arcadedb_lets_write(marked: Neo4jBackend) -> None:
    """The reproduction of hole 2: ``Neo4jBackend.read`` alone (a managed read
    transaction) does not stop a write on the test server; the guard must not rely on it.
    Skipped on a server that refuses (Neo4j does)."""
    if marked.reports_query_types():
        pytest.skip("this server refuses writes in read transactions")
    marked.read("CREATE (:Scratch)")
    assert marked.write("MATCH (n:Scratch) RETURN count(n) AS c")[0]["c"] == 1


def test_reads_still_work_and_known_procedures_are_allowed(marked: Neo4jBackend) -> None:
    rows = run_query(marked, "MATCH (n:Keep) RETURN n.name AS name ORDER BY name")
    assert [r["name"] for r in rows] == ["a", "b", "c"]
    assert {r["label"] for r in run_query(marked, "CALL db.labels() YIELD label RETURN label")} >= {
        "Keep"
    }
    run_query(marked, "CALL db . labels() YIELD label RETURN label")
    run_query(marked, "RETURN 'CREATE (n) // DELETE' AS text, $x AS x", {"x": 1})


def _env(target: BoltTarget, store: Path) -> dict[str, str]:
    return {
        "OWNERGRAPH_NEO4J_URI": target.uri,
        "OWNERGRAPH_NEO4J_USER": target.user,
        "OWNERGRAPH_NEO4J_PASSWORD": target.password,
        "OWNERGRAPH_NEO4J_DATABASE": target.database or "",
        "OWNERGRAPH_STORE": str(store),
    }


@pytest.mark.parametrize(
    "query", [f"// x{CR}MATCH (n:Keep) DETACH DELETE n", f"// x{CR}CREATE (m:Pwn)"]
)
def test_the_cli_reproduction_exits_2_and_deletes_nothing(
    marked: Neo4jBackend, bolt_target: BoltTarget, tmp_path: Path, query: str
) -> None:
    """``ownergraph cypher $'// x\\rMATCH (n:Keep) DETACH DELETE n'`` exited 0 and deleted
    the node; now: exit 2, one error line naming the layer, the node still there."""
    before = _state(marked)
    res = CliRunner().invoke(main, ["cypher", query], env=_env(bolt_target, tmp_path / "s.db"))
    assert res.exit_code == 2, res.output
    errors = [line for line in res.stderr.splitlines() if line.startswith("ownergraph: error")]
    assert len(errors) == 1 and "refused by the" in errors[0]
    assert "Traceback" not in res.output
    assert _state(marked) == before


def test_the_read_only_user_is_used_when_configured(bolt_target: BoltTarget) -> None:
    """With ``OWNERGRAPH_NEO4J_READ_USER`` set, the console connects as that user (here
    the test server's only user, under the read name) and the writer's credentials are
    not used; without it, the configured user."""
    from ownergraph.graph.settings import Settings

    s = Settings().with_(
        neo4j_uri=bolt_target.uri,
        neo4j_user="writer-that-does-not-exist",
        neo4j_password="wrong",
        neo4j_database=bolt_target.database,
        neo4j_read_user=bolt_target.user,
        neo4j_read_password=bolt_target.password,
    )
    with Neo4jBackend.from_settings(s, reader=True, max_retry_time=2) as b:
        assert b.read_only_user and b.user == bolt_target.user
        assert run_query(b, "RETURN 1 AS one") == [{"one": 1}]
    with Neo4jBackend.from_settings(s, max_retry_time=2) as b:
        assert not b.read_only_user and b.user == "writer-that-does-not-exist"


def test_the_app_console_refuses_names_the_layer_and_says_what_it_cannot_check(
    marked: Neo4jBackend, bolt_target: BoltTarget, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The Cypher page: the red team's query is refused with an error, nothing changes; a
    read runs, and on a server without query types the page says the layer is off."""
    from streamlit.testing.v1 import AppTest

    root = Path(__file__).resolve().parents[2]
    for k, v in _env(bolt_target, tmp_path / "s.db").items():
        monkeypatch.setenv(k, v)
    before = _state(marked)
    at = AppTest.from_file(str(root / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(str(root / "explorer" / "pages" / "cypher.py"))
    at.run()
    at.text_area(key="cypher_console_text").set_value(f"// x{CR}MATCH (n:Keep) DETACH DELETE n")
    at.button(key="cypher_console_run").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error and "read-only" in at.error[0].value
    assert _state(marked) == before
    at.text_area(key="cypher_console_text").set_value("MATCH (n:Keep) RETURN n.name AS name")
    at.button(key="cypher_console_run").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert len(at.dataframe) == 1 and sorted(at.dataframe[0].value["name"]) == ["a", "b", "c"]
    captions = " ".join(c.value for c in at.caption)
    if not marked.reports_query_types():
        assert "does not report query types" in captions
    assert "read-only" in captions  # the page says how it keeps queries read-only
