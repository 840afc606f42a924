"""``ownergraph holdings PARTY``: what a party controls or holds (queries.holdings).

Thin: builds the graph (the store, or files parsed in memory with ``--file``), resolves the
party, calls :func:`queries.holdings.holdings`, prints two tables (security classes under
Rule 13d-3 with the four power figures; companies under the register rules) and the paths.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ownergraph.cli import main
from ownergraph.cli.options import (
    date_value,
    echo_json,
    files_option,
    json_option,
    open_store,
    question_graph,
    store_option,
)

if TYPE_CHECKING:
    import networkx as nx

    from ownergraph.queries.answer import AnswerPath
    from ownergraph.queries.holdings import Holdings
    from ownergraph.queries.resolve import Match


def _n(x: float | None) -> str:
    if x is None:
        return "unknown"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def _path_line(p: AnswerPath) -> str:
    parts = [p.names[0] if p.names else (p.steps[0].controller if p.steps else "")]
    for s in p.steps:
        power = s.voting if s.voting == s.investment else f"voting {s.voting}, inv. {s.investment}"
        parts.append(f"-[{s.role}{', ' + power if power else ''}]->")
        parts.append(s.controlled)
    power = (
        p.voting if p.voting == p.investment else f"voting {p.voting}, investment {p.investment}"
    )
    return " ".join(parts) + f"  ({power or 'power not stated'})"


def _print(h: Holdings) -> None:
    from rich.markup import escape
    from rich.table import Table

    from ownergraph.cli.tables import add_columns, make_console, print_table
    from ownergraph.queries.answer import format_percent

    console = make_console()
    console.print(
        f"[bold]{escape(h.party_name)}[/bold] ({h.party_kind}) — what it controls or holds"
        + (f", as of {h.as_of.isoformat()}" if h.as_of else "")
    )
    if h.securities:
        t = Table(title="Security classes (Rule 13d-3)", title_justify="left")
        add_columns(
            t,
            (("class", False), ("ultimate", False), ("sole voting", True))
            + (("shared voting", True), ("sole disp.", True), ("shared disp.", True))
            + (("aggregate", True), ("percent", True)),
        )
        for e in h.securities:
            r = e.row
            t.add_row(
                escape(e.subject_name),
                "yes" if e.ultimate else "no",
                _n(r.sole_voting),
                _n(r.shared_voting),
                _n(r.sole_dispositive),
                _n(r.shared_dispositive),
                _n(r.aggregate),
                format_percent(r.percent, r.percent_range),
            )
        print_table(console, t)
    if h.companies:
        t = Table(title="Companies (register control rules)", title_justify="left")
        add_columns(
            t,
            (("company", False), ("relation", False), ("rule", False))
            + (("ultimate", False), ("stake", True), ("power", False)),
        )
        for e in h.companies:
            r = e.row
            power = r.paths[0].voting if r.paths else None
            t.add_row(
                escape(e.subject_name),
                e.relation,
                escape(e.rule),
                "yes" if e.ultimate else "no",
                format_percent(r.percent, r.percent_range),
                power or "—",
            )
        print_table(console, t)
    for e in (*h.securities, *h.companies):
        if e.row.paths:
            console.print(f"[bold]{escape(e.subject_name)}[/bold]:")
            for p in e.row.paths:
                console.print(f"  {escape(_path_line(p))}")
            if e.row.paths_truncated:
                console.print("  … more paths not listed")
    for note in h.notes:
        console.print(f"note: {escape(note)}")


def _holdings_graph(
    store_path: Path | None, party: str, as_of: dt.date | None
) -> tuple[nx.MultiDiGraph, str]:
    """The store's graph of what the holdings of PARTY read
    (:meth:`graph.engine.Engine.holdings_graph`) and its node; a fuzzy match is reported."""
    from ownergraph.graph.engine import Engine

    with open_store(store_path) as store:
        engine = Engine(store)
        try:
            fuzzy: list[Match] = []
            G, node = engine.holdings_graph(party, as_of=as_of, fuzzy=fuzzy)
        finally:
            engine.close()
    for m in fuzzy:
        click.echo(f'matched "{party}" to "{m.spelling}" (fuzzy, score {m.score:g})', err=True)
    return G, node


@main.command("holdings")
@click.argument("party")
@click.option("--as-of", "as_of", callback=date_value, help="Graph as of this date (YYYY-MM-DD).")
@files_option
@store_option
@json_option
def holdings_cmd(
    party: str,
    as_of: dt.date | None,
    files: tuple[Path, ...],
    store_path: Path | None,
    as_json: bool,
) -> None:
    """What PARTY controls or holds: every subject under it, with the same numbers.

    Security classes: PARTY's Rule 13d-3 row of each class with holdings below it (sole
    and shared voting, sole and shared dispositive power, aggregate, percent, paths), as
    who-controls on the class shows it. Companies: those PARTY controls under the register
    rules (more than 50 % through majority chains, the board, stated control, joint
    arrangements, declarations), and stakes it holds without control. PARTY is a name
    (fuzzy), node id, CIK or LEI.

    \b
    Example:
      ownergraph holdings "Nelson Obus"
      ownergraph holdings "Anna Holder" --json \\
          --file tests/fixtures/register/handwritten_person-via-holding-company_bods-0.4.json
    """
    from ownergraph.cli.economic import _resolve
    from ownergraph.queries.holdings import holdings

    if files:
        G = question_graph(files, store_path, as_of)
        node = _resolve(G, party)
    else:  # the store: only what the answer reads (graph.engine), not the whole graph
        G, node = _holdings_graph(store_path, party, as_of)
    result = holdings(G, node, as_of=as_of)
    if as_json:
        echo_json(result.to_dict())
        return
    _print(result)
