"""Source commands: ``export`` (BODS 0.4, GraphML, canonical JSON of the whole store)."""

from __future__ import annotations

from pathlib import Path

import click

from ownergraph.cli import main
from ownergraph.cli.options import LazyChoice, open_store, store_option


def _formats() -> tuple[str, ...]:
    from ownergraph.queries.export import FORMATS

    return FORMATS


@main.command("export")
@click.option(
    "--format",
    "fmt",
    type=LazyChoice(_formats),
    required=True,
    help="bods (BODS 0.4 JSON), graphml (Gephi / networkx) or json (canonical store dump).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output).",
)
@store_option
def export_command(fmt: str, output: Path | None, store_path: Path | None) -> None:
    """Export the whole store as BODS 0.4, GraphML or canonical JSON.

    The output is a function of the store's content only: two stores with the same
    documents give the same bytes, whatever the load order.

    \b
    Example:
      ownergraph export --format bods --output graph.bods.json --store my.db
      ownergraph export --format graphml > graph.graphml
    """
    from ownergraph.queries.export import export

    with open_store(store_path) as store:
        data = export(store, fmt)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output is None:
        click.echo(raw, nl=False)  # bytes go to stdout's binary buffer
        return
    try:
        output.write_bytes(raw)
    except OSError as exc:
        raise click.FileError(str(output), hint=exc.strerror) from exc
    click.echo(f"{output}: {len(raw):,} bytes ({fmt})", err=True)
