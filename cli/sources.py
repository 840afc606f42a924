"""Source commands: ``export`` (BODS 0.4, GraphML, canonical JSON or CSV tables of the store)."""

from __future__ import annotations

from pathlib import Path

import click

from ownergraph.cli import main
from ownergraph.cli.options import LazyChoice, open_store, store_option


def _formats() -> tuple[str, ...]:
    from ownergraph.queries.export import FORMATS

    return (*FORMATS, "csv", "neo4j-import")


@main.command("export")
@click.option(
    "--format",
    "fmt",
    type=LazyChoice(_formats),
    required=True,
    help="bods (BODS 0.4 JSON), graphml (Gephi / networkx), json (canonical store dump),"
    " csv (parties, holdings, links, positions, documents: one file each) or neo4j-import"
    " (node and relationship files for neo4j-admin database import full).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="File to write (default: standard output); for csv the folder to write the tables"
    " into, or with --zip the zip file.",
)
@click.option("--zip", "as_zip", is_flag=True, help="csv: the tables in one zip archive.")
@click.option(
    "--force",
    is_flag=True,
    help="Replace an existing output file (never a symbolic link: it is refused).",
)
@store_option
def export_command(
    fmt: str, output: Path | None, as_zip: bool, force: bool, store_path: Path | None
) -> None:
    """Export the whole store as BODS 0.4, GraphML, canonical JSON or CSV tables.

    The output is a function of the store's content only: two stores with the same
    documents give the same bytes, whatever the load order. CSV cells that a spreadsheet
    would run as a formula (starting with = + - @, tab or CR) are neutralised. Files are
    written to a temporary file and renamed; an existing file is replaced only with
    --force, and a symbolic link is never followed.

    \b
    Example:
      ownergraph export --format bods --output graph.bods.json --store my.db
      ownergraph export --format graphml > graph.graphml
      ownergraph export --format csv --output tables/
      ownergraph export --format csv --zip --output tables.zip
      ownergraph export --format neo4j-import --output neo4j-import/
    """
    if fmt == "csv":
        _export_csv(output, as_zip, force, store_path)
        return
    if fmt == "neo4j-import":
        _export_neo4j_import(output, force, store_path)
        return
    if as_zip:
        raise click.UsageError("--zip goes with --format csv")
    from ownergraph.queries.export import export

    with open_store(store_path) as store:
        data = export(store, fmt)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output is None:
        click.echo(raw, nl=False)  # bytes go to stdout's binary buffer
        return
    from ownergraph.queries.outfile import write_atomic

    # a temporary file renamed over the target: never truncated, never through a symlink
    size = write_atomic(output, raw, force=force)
    click.echo(f"{output}: {size:,} bytes ({fmt})", err=True)


def _export_neo4j_import(output: Path | None, force: bool, store_path: Path | None) -> None:
    """Node and relationship files (with header files) for ``neo4j-admin database import
    full`` into a folder, and ``import.sh`` with the command (docs/neo4j.md)."""
    import os
    import shutil
    import tempfile

    from ownergraph.graph.errors import OutputError
    from ownergraph.queries.neo4j_import import file_names, write_neo4j_import

    if output is None:
        raise click.UsageError("--format neo4j-import writes a folder: give --output FOLDER")
    if output.exists() and not output.is_dir():
        raise click.UsageError(f"{output} is a file; --format neo4j-import writes a folder")
    output.mkdir(parents=True, exist_ok=True)
    if not force:  # before the work: an existing file stops the export
        for name in file_names():
            if (output / name).exists() or (output / name).is_symlink():
                raise OutputError(str(output / name), "exists; give --force to replace it")
    # streamed from the store's rows into a temporary folder beside the output, then each
    # file renamed into place: no partial file, never over an existing one without --force
    tmp = Path(tempfile.mkdtemp(prefix=".neo4j-import.", dir=output))
    try:
        with open_store(store_path) as store:
            files = write_neo4j_import(store, tmp)
        for name in files:
            target = output / name
            if target.is_symlink() or target.is_dir():
                raise OutputError(str(target), "is a symbolic link or a folder; not replaced")
            if target.exists() and not force:
                raise OutputError(str(target), "exists; give --force to replace it")
        for name in files:
            os.replace(tmp / name, output / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    click.echo(
        f"{output}: {len(files)} files; run {output / 'import.sh'} (docs/neo4j.md)", err=True
    )


def _export_csv(output: Path | None, as_zip: bool, force: bool, store_path: Path | None) -> None:
    """The CSV tables into a folder, or one zip (a file, or stdout); each file written
    atomically and never over an existing one without ``force``."""
    from ownergraph.queries.csv_export import csv_tables, to_zip
    from ownergraph.queries.outfile import write_atomic

    if output is None and not as_zip:
        raise click.UsageError("--format csv writes a folder: give --output FOLDER (or --zip)")
    with open_store(store_path) as store:
        tables = csv_tables(store)
    if as_zip:
        raw = to_zip(tables)
        if output is None:
            click.echo(raw, nl=False)  # bytes go to stdout's binary buffer
            return
        size = write_atomic(output, raw, force=force)
        click.echo(f"{output}: {size:,} bytes (csv, {len(tables)} tables, zip)", err=True)
        return
    assert output is not None
    if output.exists() and not output.is_dir():
        raise click.UsageError(f"{output} is a file; --format csv writes a folder (or --zip)")
    output.mkdir(parents=True, exist_ok=True)
    for name, data in tables.items():
        size = write_atomic(output / name, data, force=force)
        click.echo(f"{output / name}: {size:,} bytes", err=True)
