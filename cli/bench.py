"""``ownergraph bench``: generate a synthetic graph and print the benchmark table.

Thin: calls :func:`benchmarks.harness.run` and prints its table (or JSON).
"""

from __future__ import annotations

import click

from ownergraph.cli import main
from ownergraph.cli.options import echo_json, json_option


@main.command()
@click.option(
    "--size",
    type=click.Choice(["S", "M", "L"], case_sensitive=False),
    default="S",
    show_default=True,
    help="S 10k parties, M 100k, L 1M (about 3M edges).",
)
@click.option("--quick", is_flag=True, help="Fewer subjects and shorter baselines (CI).")
@click.option("--seed", type=int, default=0, show_default=True, help="Generator seed.")
@click.option(
    "--timeout", type=float, default=60.0, show_default=True, help="Seconds per baseline."
)
@click.option("--no-neo4j", is_flag=True, help="Skip the Bolt server figures.")
@json_option
def bench(size: str, quick: bool, seed: int, timeout: float, no_neo4j: bool, as_json: bool) -> None:
    """Benchmark load, who-controls, attribution, economic lens, parsing, Neo4j and the app.

    Generated data goes under bench-data/ (git-ignored) and is reused on the next run.
    Baselines (naive networkx, Cypher) run in the same run, with a time limit.

    \b
    Example:
      ownergraph bench --size S --quick
      ownergraph bench --size L --json > bench-L.json
    """
    from ownergraph.benchmarks.harness import format_table, run

    report = run(
        size.upper(),
        quick=quick,
        seed=seed,
        timeout=timeout,
        neo4j=not no_neo4j,
        log=lambda m: click.echo(f"... {m}", err=True),
    )
    if as_json:
        echo_json(report.to_dict())
        return
    click.echo(format_table(report))
