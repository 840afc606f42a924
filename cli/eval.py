"""``ownergraph eval``: score the loaders against the labelled real documents.

Thin: calls :func:`queries.eval.evaluate` and prints its table (or JSON).
"""

from __future__ import annotations

from pathlib import Path

import click

from ownergraph.cli import main
from ownergraph.cli.options import echo_json, json_option

#: The labelled set in a checkout.
DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "corpus"


@main.command("eval")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--split",
    type=click.Choice(["dev", "heldout", "all"]),
    default="dev",
    show_default=True,
    help="Whose misses to list (the table always shows both splits). Held-out misses are"
    " not listed by default: whoever writes the rules should not read them.",
)
@click.option("--misses/--no-misses", default=True, show_default=True, help="List the misses.")
@json_option
def eval_(paths: tuple[Path, ...], split: str, misses: bool, as_json: bool) -> None:
    """Score the loaders against labelled documents (``*.expected.json`` beside each copy).

    Per source kind: field accuracy (cover-page rows, holdings), stated-link recall and
    precision, who-controls verdicts; development and held-out figures side by side; then
    every miss. PATHS are folders or documents (default: tests/fixtures/corpus).

    \b
    Example:
      ownergraph eval
      ownergraph eval tests/fixtures/corpus/form345 --no-misses
      ownergraph eval --json > eval.json
    """
    from ownergraph.queries.eval import evaluate, format_misses, format_table

    report = evaluate(paths or (DEFAULT_CORPUS,))
    if as_json:
        echo_json(report.to_dict(heldout_misses=split in ("heldout", "all")))
        return
    click.echo(format_table(report), nl=False)
    if misses and report.misses:
        click.echo(format_misses(report, split=None if split == "all" else split))
