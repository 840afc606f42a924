"""Neo4j commands: ``ownergraph neo4j init|sync|status`` and ``ownergraph cypher``.

Connection settings come from ``OWNERGRAPH_NEO4J_URI``, ``_USER``, ``_PASSWORD`` and
``_DATABASE``, each overridable by a flag; the password is never printed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ownergraph.cli import main
from ownergraph.cli.options import echo_json, json_option, open_store, settings, store_option
from ownergraph.graph.errors import BackendError

# The Neo4j driver (which imports pandas and pyarrow) is imported by the command that
# connects, not by every ``ownergraph`` run (tests/test_cli_startup.py).
if TYPE_CHECKING:
    from ownergraph.graph.neo4j_backend import Neo4jBackend

#: Rows per batch; equal to ``graph.neo4j_backend.DEFAULT_BATCH`` (tests/test_cli_startup.py).
DEFAULT_BATCH = 2000


def neo4j_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--uri``, ``--user``, ``--password``, ``--database`` (default from the environment)."""
    f = click.option("--database", default=None, help="Database ($OWNERGRAPH_NEO4J_DATABASE).")(f)
    f = click.option(
        "--password",
        default=None,
        help="Password ($OWNERGRAPH_NEO4J_PASSWORD; prefer the variable: flags show in ps).",
    )(f)
    f = click.option("--user", default=None, help="User ($OWNERGRAPH_NEO4J_USER).")(f)
    f = click.option("--uri", default=None, help="Bolt URI ($OWNERGRAPH_NEO4J_URI).")(f)
    return f


def connect(
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
    *,
    reader: bool = False,
) -> Neo4jBackend:
    """A backend from the environment with the command-line overrides.

    ``reader``: as the read-only user ``$OWNERGRAPH_NEO4J_READ_USER`` when one is set and
    no ``--user`` is given.
    """
    from ownergraph.graph.neo4j_backend import Neo4jBackend

    s = settings(neo4j_uri=uri, neo4j_user=user, neo4j_password=password, neo4j_database=database)
    return Neo4jBackend.from_settings(s, reader=reader and user is None)


@main.group()
def neo4j() -> None:
    """Mirror the store in a Neo4j 5 server and check it.

    \b
    Example:
      export OWNERGRAPH_NEO4J_URI=bolt://localhost:7687 OWNERGRAPH_NEO4J_USER=neo4j
      export OWNERGRAPH_NEO4J_PASSWORD=...
      ownergraph neo4j init && ownergraph neo4j sync && ownergraph neo4j status
    """


@neo4j.command("init")
@neo4j_options
def init_cmd(uri: str | None, user: str | None, password: str | None, database: str | None) -> None:
    """Install constraints and indexes (idempotent).

    \b
    Example:
      ownergraph neo4j init --uri bolt://localhost:7687 --user neo4j
    """
    with connect(uri, user, password, database) as backend:
        info = backend.server_info()
        click.echo(f"server: {info['agent']} (Bolt {info['protocol']})")
        for line in backend.install_schema():
            click.echo(f"  {line}")


@neo4j.command("sync")
@neo4j_options
@store_option
@click.option("--batch-size", default=DEFAULT_BATCH, show_default=True, help="Rows per batch.")
@click.option("--full", is_flag=True, help="Diff every row even if the seq says up to date.")
@click.option(
    "--replace", is_flag=True, help="Make a server that mirrors another store mirror this one."
)
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@json_option
def sync_cmd(
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
    store_path: Path | None,
    batch_size: int,
    full: bool,
    replace: bool,
    no_progress: bool,
    as_json: bool,
) -> None:
    """Push what changed in the store to the server; exit 2 if the counts then differ.

    Idempotent and resumable: run it again after an interruption.

    \b
    Example:
      ownergraph neo4j sync --store my.db
    """
    with open_store(store_path) as store, connect(uri, user, password, database) as backend:
        backend.install_schema()
        report = backend.sync(
            store,
            batch_size=batch_size,
            full=full,
            replace_other=replace,
            progress=not no_progress and not as_json,
        )
    if as_json:
        echo_json(
            {
                "rows": report.rows,
                "batches": report.batches,
                "unchanged": report.unchanged,
                "seq": report.target_seq,
                "seconds": report.seconds,
                "store_counts": report.store_counts,
                "server_counts": report.server_counts,
                "ok": report.ok,
            }
        )
    else:
        sent = ", ".join(f"{v} {k}" for k, v in report.rows.items()) or "nothing changed"
        click.echo(f"synced to seq {report.target_seq}: {sent}")
        click.echo(
            f"{report.total_rows} rows in {report.batches} batches, {report.seconds:.1f}s"
            f" ({report.rows_per_second:.0f} rows/s); {report.unchanged} unchanged"
        )
    if not report.ok:
        raise BackendError(f"count check failed (store, server): {report.mismatches()}")


@neo4j.command("status")
@neo4j_options
@store_option
@json_option
def status_cmd(
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
    store_path: Path | None,
    as_json: bool,
) -> None:
    """Show the server, its last sync and its counts beside the store's.

    \b
    Example:
      ownergraph neo4j status
    """
    from ownergraph.graph.neo4j_backend import expected_counts

    with connect(uri, user, password, database) as backend:
        info = backend.server_info()
        state = backend.sync_state()
        counts = backend.counts()
        with open_store(store_path) as store:
            store_seq = store.seq
            expected = expected_counts(store)
    data = {
        "server": info,
        "sync": state,
        "store_seq": store_seq,
        "server_counts": counts,
        "store_counts": expected,
    }
    if as_json:
        echo_json(data)
        return
    click.echo(f"server: {info['agent']} (Bolt {info['protocol']})")
    if state.get("pending_target") is not None:
        click.echo(
            f"an interrupted sync: {state.get('pending_done')} of {state.get('pending_total')}"
            " batches committed; run `ownergraph neo4j sync` to resume"
        )
    click.echo(f"last synced seq: {state.get('seq')} (store at {store_seq})")
    for k in sorted(expected):
        mark = "" if counts.get(k) == expected[k] else "  <- differs"
        click.echo(f"  {k}: server {counts.get(k)}, store {expected[k]}{mark}")


@main.command("cypher")
@click.argument("query_or_name")
@click.option("--param", "-p", "params", multiple=True, help="k=v (v as JSON if it parses).")
@click.option("--write", is_flag=True, help="Allow write clauses (write transaction).")
@click.option("--raw", is_flag=True, help="Print the query's rows, not the finished answer.")
@neo4j_options
@json_option
def cypher_cmd(
    query_or_name: str,
    params: tuple[str, ...],
    write: bool,
    raw: bool,
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
    as_json: bool,
) -> None:
    """Run a library query by name (see queries/cypher/) or Cypher text, read-only.

    Unless --write, the query must pass four layers: the server's query type (EXPLAIN),
    an allow-list of read procedures, a lexer for write clauses, and a read transaction
    that is rolled back; with $OWNERGRAPH_NEO4J_READ_USER set it runs as that read-only
    user (docs/neo4j.md). Queries time out after $OWNERGRAPH_CYPHER_TIMEOUT seconds
    (default 30).

    \b
    Example:
      ownergraph cypher who_controls --param subject="Liquidmetal Technologies"
      ownergraph cypher "MATCH (p:Person) RETURN p.name AS name" --json
    """
    from ownergraph.queries.cypher_guard import GuardReport
    from ownergraph.queries.cypher_lib import coerce_param, run_query

    values: dict[str, Any] = {}
    for item in params:
        if "=" not in item:
            raise click.BadParameter(f"expected k=v, got {item!r}", param_hint="--param")
        k, v = item.split("=", 1)
        values[k.strip()] = coerce_param(v)
    timeout = settings().cypher_timeout_s
    report = GuardReport()
    with connect(uri, user, password, database, reader=not write) as backend:
        result = run_query(
            backend,
            query_or_name,
            values,
            write=write,
            timeout=timeout,
            finish=not raw,
            report=report,
        )
    for note in report.notes if not as_json else ():
        click.echo(f"ownergraph: note: {note}", err=True)
    if as_json:
        echo_json(result)
        return
    if isinstance(result, dict) and "rows" in result and "rule" in result:
        _print_who_controls(result)
    elif isinstance(result, list):
        for row in result:
            click.echo("  ".join(f"{k}={_short(v)}" for k, v in row.items()))
        click.echo(f"({len(result)} rows)")
    else:
        echo_json(result)


def _short(v: Any) -> str:
    s = str(v)
    return s if len(s) <= 120 else s[:117] + "..."


def _print_who_controls(r: dict[str, Any]) -> None:
    """A finished answer (``Answer.to_dict()``) printed as ``who-controls`` prints it."""
    from ownergraph.cli.answer_render import print_answer
    from ownergraph.cli.tables import make_console
    from ownergraph.queries.answer import Answer

    print_answer(make_console(), Answer.from_dict(r))


@main.command("cypher-queries")
def cypher_queries_cmd() -> None:
    """List the library queries and their parameters.

    \b
    Example:
      ownergraph cypher-queries
    """
    from ownergraph.queries.cypher_lib import load_queries

    for q in load_queries().values():
        params = ", ".join(f"${p}" for p in q.params) or "no parameters"
        click.echo(f"{q.name} ({params}): {q.summary}")
