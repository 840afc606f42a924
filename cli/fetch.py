"""``ownergraph fetch``: download filings from SEC EDGAR into the cache (and load them)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ownergraph.cli import main
from ownergraph.cli.options import open_store, settings, store_option

#: The forms fetched by default; equal to ``loaders.edgar.DEFAULT_FORMS``
#: (tests/test_cli_startup.py). The EDGAR client (requests) is imported when a fetch runs.
DEFAULT_FORMS = (
    "SC 13D",
    "SC 13D/A",
    "SC 13G",
    "SC 13G/A",
    "SCHEDULE 13D",
    "SCHEDULE 13D/A",
    "SCHEDULE 13G",
    "SCHEDULE 13G/A",
    "3",
    "4",
    "5",
    "3/A",
    "4/A",
    "5/A",
)


@main.command()
@click.option("--cik", help="Company or filer CIK whose filings to fetch.")
@click.option(
    "--accession", "accessions", multiple=True, help="Fetch one submission by accession number."
)
@click.option(
    "--forms",
    default=",".join(DEFAULT_FORMS),
    show_default=True,
    help="Comma-separated form types.",
)
@click.option(
    "--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Filed on or after (YYYY-MM-DD)."
)
@click.option("--user-agent", help="Your name and e-mail (default: $OWNERGRAPH_EDGAR_USER_AGENT).")
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Download cache (default: $OWNERGRAPH_EDGAR_CACHE or ~/.ownergraph/edgar-cache).",
)
@click.option(
    "--load/--no-load", "do_load", default=False, help="Load what was fetched into the store."
)
@store_option
def fetch(
    cik: str | None,
    accessions: tuple[str, ...],
    forms: str,
    since: dt.datetime | None,
    user_agent: str | None,
    cache_dir: Path | None,
    do_load: bool,
    store_path: Path | None,
) -> None:
    """Fetch filings from SEC EDGAR politely (User-Agent, <= 10 requests/s, backoff, cache).

    A Form 13F is fetched as its complete submission (cover page and information table).

    Resumable: what is already in the cache is not downloaded again.

    \b
    Example:
      OWNERGRAPH_EDGAR_USER_AGENT="Jane Analyst jane@example.org" \\
        ownergraph fetch --cik 1230869 --forms "SC 13D,SC 13D/A" --since 2005-01-01 --load
      ownergraph fetch --cik 2012383 --forms "13F-HR,13F-HR/A" --since 2026-01-01 --load
    """
    if not cik and not accessions:
        raise click.UsageError("give --cik or --accession")
    from rich.progress import Progress

    from ownergraph.loaders import parse_path
    from ownergraph.loaders.edgar import EdgarClient

    s = settings(store_path)
    client = EdgarClient(user_agent or s.edgar_user_agent, cache_dir or s.edgar_cache)
    paths: list[Path] = []
    for acc in accessions:
        paths.append(client.by_accession(acc, cik=cik))
    if cik:
        refs = client.filings(
            cik,
            forms=[f.strip() for f in forms.split(",") if f.strip()],
            since=since.date() if since else None,
        )
        with Progress(transient=True) as bar:
            task = bar.add_task("fetching", total=len(refs))
            paths.extend(client.download(refs, progress=lambda i, n: bar.update(task, completed=i)))
    for p in paths:
        click.echo(str(p))
    click.echo(f"{len(paths)} documents, {client.requests_made} requests", err=True)
    if do_load and paths:
        parsed = [parse_path(p) for p in paths]
        with open_store(store_path) as store:
            for r in store.load_many(parsed):
                click.echo(f"{r.path}: {r.status}", err=True)
