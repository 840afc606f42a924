"""``ownergraph exposure SUBJECT``: sanctions exposure under the 50 % rule (queries.exposure).

Thin: builds the graph (files parsed in memory with ``--file``; from a store, the engine's
scope: :meth:`graph.engine.Engine.exposure`), reads the sanctioned parties (``--sanctions
FILE.csv``, ``--sanctioned NAME``, and the FtM topics in the graph), calls :func:`queries.exposure.exposure` and prints the verdict.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ownergraph.cli import main
from ownergraph.cli.options import (
    date_value,
    echo_json,
    files_option,
    json_option,
    question_graph,
    store_option,
)


@main.command("exposure")
@click.argument("subject")
@click.option(
    "--sanctions",
    "sanctions_csv",
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV of sanctioned parties: a column 'id' or 'name' (else the first column).",
)
@click.option(
    "--sanctioned", "names", multiple=True, help="A sanctioned party (name or id); repeatable."
)
@click.option(
    "--threshold", type=click.FloatRange(0, 100), default=50.0, show_default=True,
    help="Aggregate blocked ownership that blocks, in percent.",
)  # fmt: skip
@click.option(
    "--or-more/--more-than",
    "inclusive",
    default=True,
    show_default=True,
    help='OFAC "50 % or more" (default) or "more than".',
)
@click.option("--as-of", "as_of", callback=date_value, help="Graph as of this date (YYYY-MM-DD).")
@files_option
@store_option
@json_option
def exposure_cmd(
    subject: str,
    sanctions_csv: Path | None,
    names: tuple[str, ...],
    threshold: float,
    inclusive: bool,
    as_of: dt.date | None,
    files: tuple[Path, ...],
    store_path: Path | None,
    as_json: bool,
) -> None:
    """Is SUBJECT blocked because sanctioned persons own 50 % or more of it, in aggregate,
    directly or indirectly (OFAC's 50 Percent Rule)?

    Stakes of different blocked owners add up and blocked status propagates through the
    entities the rule blocks (a fixed point, cycles included); ranges stay ranges
    ("possibly blocked"). Control is reported beside the verdict (the EU "owned or
    controlled" test counts it). Sanctioned parties: --sanctions CSV, --sanctioned, and
    FollowTheMoney topics in the graph; names match exactly (normalised), never fuzzily.

    \b
    Example:
      ownergraph exposure "Joint Target Ltd" --sanctioned "Cara Carter" --sanctioned "Dan Diaz"
      ownergraph exposure "Acme Holdings Ltd" --sanctions sdn.csv --json
    """
    from ownergraph.cli.economic import _resolve
    from ownergraph.queries.exposure import exposure, match_sanctioned, read_sanctions_csv

    entries = list(names) + (read_sanctions_csv(str(sanctions_csv)) if sanctions_csv else [])
    if files:
        G = question_graph(files, store_path, as_of)
        ids, missing = match_sanctioned(G, entries)
        for m in missing:
            click.echo(f"no party matches sanctioned entry {m!r}", err=True)
        result = exposure(
            G,
            _resolve(G, subject),
            sanctioned=ids,
            threshold=threshold,
            inclusive=inclusive,
            as_of=as_of,
            unmatched=missing,
        )
    else:  # the store: the owners above the subject and the sanctioned parties only
        from ownergraph.cli.options import open_store
        from ownergraph.graph.engine import Engine

        fuzzy: list = []
        with open_store(store_path) as store:
            engine = Engine(store)
            try:
                result = engine.exposure(
                    subject,
                    entries,
                    fuzzy=fuzzy,
                    threshold=threshold,
                    inclusive=inclusive,
                    as_of=as_of,
                )
            finally:
                engine.close()
        for m in result.unmatched:
            click.echo(f"no party matches sanctioned entry {m!r}", err=True)
        for fm in fuzzy:
            click.echo(
                f'matched "{subject}" to "{fm.spelling}" (fuzzy, score {fm.score:g})', err=True
            )
    if as_json:
        echo_json(result.to_dict())
        return
    from rich.markup import escape
    from rich.table import Table

    from ownergraph.cli.tables import add_columns, make_console, print_table

    console = make_console()
    op = "≥" if inclusive else ">"
    console.print(
        f"[bold]{escape(result.subject_name)}[/bold]: [bold]{result.verdict.upper()}[/bold]"
        f" — blocked owners hold {result.blocked_stake} (test {op} {threshold:g}%)"
    )
    console.print(escape(result.rule))
    if result.contributions:
        t = Table(title="Blocked owners", title_justify="left")
        add_columns(t, (("owner", False), ("status", False), ("stake", True), ("path", False)))
        for c in result.contributions:
            t.add_row(escape(c.owner), c.status, str(c.stake), escape(" -> ".join(c.path)))
        print_table(console, t)
    eu = {True: "yes", False: "no", None: "possibly"}[result.eu_owned_or_controlled]
    console.print(f"EU owned or controlled: {eu}")
    for note in result.notes:
        console.print(f"note: {escape(note)}")
