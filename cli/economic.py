"""The economic lens on the command line: ``ownergraph ubo``.

Thin: builds the graph (the store, or files parsed in memory with ``--file``), resolves the
subject, calls :func:`queries.ubo.ubo` or :func:`queries.ubo.compare_lenses`, prints.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ownergraph.cli import main
from ownergraph.cli.options import (
    LazyChoice,
    date_value,
    echo_json,
    files_option,
    json_option,
    open_store,
    positive_shares,
    question_graph,
    store_option,
)

# queries.ubo (networkx, scipy) and rich are imported by the command that runs.
if TYPE_CHECKING:
    import networkx as nx
    from rich.console import Console

    from ownergraph.queries.answer import Answer
    from ownergraph.queries.resolve import Match
    from ownergraph.queries.ubo import LensComparison, LensResult


def _lens_names() -> list[str]:
    from ownergraph.queries.ubo import LENSES

    return [str(x) for x in LENSES]


def escape(text: str) -> str:
    """Rich markup escaped (imported on demand)."""
    from rich.markup import escape as _escape

    return _escape(text)


def _resolve(G: nx.MultiDiGraph, subject: str) -> str:
    """The node of SUBJECT; a fuzzy match is reported on stderr (the answer rests on it)."""
    if subject in G:
        return subject
    from ownergraph.queries.resolve import resolve_match

    m = resolve_match(G, subject)
    if m.fuzzy:
        click.echo(f'matched "{subject}" to "{m.spelling}" (fuzzy, score {m.score:g})', err=True)
    return m.node


def _lens_graph(
    store_path: Path | None, subject: str, as_of: dt.date | None
) -> tuple[nx.MultiDiGraph, str]:
    """The store's graph of what every lens about SUBJECT reads
    (:meth:`graph.engine.Engine.lens_graph`) and its node; a fuzzy match is reported."""
    from ownergraph.graph.engine import Engine

    with open_store(store_path) as store:
        engine = Engine(store)
        try:
            fuzzy: list[Match] = []
            G, node = engine.lens_graph(subject, as_of=as_of, fuzzy=fuzzy)
        finally:
            engine.close()
    for m in fuzzy:
        click.echo(f'matched "{subject}" to "{m.spelling}" (fuzzy, score {m.score:g})', err=True)
    return G, node


_shares = positive_shares


def _sec13d3_cell(answer: Answer | None, pid: str, cell: str, is_ubo: bool | None) -> str:
    """The Rule 13d-3 cell from the one answer object (the aggregate and the percent as
    who-controls prints them), then the UBO verdict; the lens's own cell when the answer
    has no row for the person."""
    from ownergraph.queries.answer_text import percent_text

    row = answer.row(pid) if answer is not None else None
    if row is None:
        return cell
    verdict = {True: "yes", False: "no", None: "?"}[is_ubo]
    shares = "—" if row.aggregate is None else f"{row.aggregate:,.0f}"
    return f"{shares} sh {percent_text(row)} {verdict}"


def _print_comparison(c: LensComparison, console: Console, answer: Answer | None = None) -> None:
    from rich.table import Table

    from ownergraph.cli.tables import add_columns, print_table

    op = "≥" if c.inclusive else ">"
    console.print(
        f"[bold]{escape(c.subject_name)}[/bold] — every lens, UBO test {op} {c.threshold:g}%"
    )
    t = Table(title_justify="left")
    add_columns(t, (("person", False),))
    for res in c.lenses:  # cells hold figures: never cut
        add_columns(t, ((str(res.lens) + ("" if res.available else " (n/a)"), True),))
    for pid, name, _kind in c.parties:
        cells = []
        for res in c.lenses:
            r = res.row(pid)
            cell = "" if r is None else r.cell
            if r is not None and str(res.lens) == "sec13d3":
                cell = _sec13d3_cell(answer, pid, r.cell, r.is_ubo)
            cells.append(escape(cell))
        mark = " *" if pid in c.disagreements else ""
        t.add_row(escape(name) + mark, *cells)
    print_table(console, t)
    if c.disagreements:
        console.print("* the lenses disagree on this person")
    if answer is not None and answer.denominator is not None:
        console.print(f"note (sec13d3): denominator: {escape(answer.denominator.label)}")
    seen: set[str] = set()
    for res in c.lenses:
        for line in (*res.gaps, *res.notes):
            if line not in seen:
                seen.add(line)
                console.print(f"note ({res.lens}): {escape(line)}")


def _answer(
    G: nx.MultiDiGraph, node: str, as_of: dt.date | None, outstanding: float | None
) -> Answer | None:
    """The one answer object of who-controls for the sec13d3 column, or ``None`` when the
    subject has none (a register company answered under its own rule keeps its cells)."""
    from ownergraph.graph.errors import OwnergraphError
    from ownergraph.queries.control import who_controls_answer

    try:
        answer = who_controls_answer(G, node, as_of=as_of, outstanding=outstanding)
    except OwnergraphError:
        return None
    return answer if answer.rule == "sec13d3" else None


def _print_lens(res: LensResult, console: Console) -> None:
    from rich.table import Table

    from ownergraph.cli.tables import add_columns, print_table

    op = "≥" if res.inclusive else ">"
    console.print(
        f"[bold]{escape(res.subject_name)}[/bold] — lens {res.lens}, UBO test {op} "
        f"{res.threshold:g}%\n{escape(res.rule)}"
    )
    t = Table(title_justify="left")
    add_columns(
        t,
        (("person", False), ("kind", False), ("stake", True), ("control", False))
        + (("UBO", False), ("basis", False)),
    )
    for r in res.rows:
        implied = " implied" if r.percent_basis == "implied" else ""
        t.add_row(
            escape(r.name),
            r.kind,
            "—" if r.stake is None else escape(str(r.stake)) + implied,
            {True: "yes", False: "no", None: "?"}[r.control],
            {True: "yes", False: "no", None: "?"}[r.is_ubo],
            r.basis,
        )
    print_table(console, t)
    for r in res.rows:
        if r.explanation:
            console.print(f"[bold]{escape(r.name)}[/bold]")
            for line in r.explanation:
                console.print(f"  {escape(line)}")
    for line in (*res.gaps, *res.notes):
        console.print(f"note: {escape(line)}")


@main.command("ubo")
@click.argument("subject")
@click.option(
    "--lens",
    type=LazyChoice(_lens_names),
    default=None,
    help="One lens; without it (or with --compare) every lens side by side.",
)
@click.option("--compare", is_flag=True, help="Compare every lens (the default without --lens).")
@click.option(
    "--threshold", type=click.FloatRange(0, 100), default=25.0, show_default=True,
    help="UBO threshold in percent (AMLR Art. 52 allows 15).",
)  # fmt: skip
@click.option(
    "--or-more/--more-than",
    "inclusive",
    default=True,
    show_default=True,
    help='AMLR "25% or more" (default) or AMLD "more than 25%".',
)
@files_option
@click.option(
    "--outstanding",
    callback=_shares,
    help="Shares outstanding, for the Rule 13d-3 percent (else a document's, else implied).",
)
@click.option(
    "--as-of", "as_of", callback=date_value, help="The store's graph as of this date (YYYY-MM-DD)."
)
@store_option
@json_option
def ubo_cmd(
    subject: str,
    lens: str | None,
    compare: bool,
    threshold: float,
    inclusive: bool,
    files: tuple[Path, ...],
    outstanding: float | None,
    as_of: dt.date | None,
    store_path: Path | None,
    as_json: bool,
) -> None:
    """Ultimate beneficial owners of SUBJECT under one lens, or every lens side by side.

    Lenses: sec13d3 (Rule 13d-3), integrated (all paths, cycles), multiplicative (AMLR
    Art. 52), rolling, dominancy, control. SUBJECT is a name, id, CIK, LEI or CUSIP.

    \b
    Example:
      ownergraph ubo "Liquidmetal Technologies"
      ownergraph ubo "AIMIA HOLDINGS UK LIMITED" --lens multiplicative --more-than --json \\
          --file tests/fixtures/bods/aimia_uk-psc_openownership-register_bods-unversioned.json
    """
    from ownergraph.cli.tables import make_console
    from ownergraph.graph.vocab import Lens
    from ownergraph.queries.ubo import compare_lenses, ubo

    if files:
        G = question_graph(files, store_path, as_of)
        node = _resolve(G, subject)
    else:  # the store: only what the lenses read (graph.engine), not the whole graph
        G, node = _lens_graph(store_path, subject, as_of)
    console = make_console()  # piped or captured: the table at its natural width
    if lens is None or compare:
        c = compare_lenses(
            G, node, threshold=threshold, inclusive=inclusive, outstanding=outstanding
        )
        answer = _answer(G, node, as_of, outstanding)
        if as_json:
            data = c.to_dict()
            data["answer"] = answer.to_dict() if answer is not None else None
            echo_json(data)
        else:
            _print_comparison(c, console, answer)
        return
    res = ubo(
        G, node, lens=Lens(lens), threshold=threshold, inclusive=inclusive, outstanding=outstanding
    )
    if as_json:
        echo_json(res.to_dict())
    else:
        _print_lens(res, console)
