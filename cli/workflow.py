"""The analyst's workflow commands: ``history`` (documents over time, what changed) and
``explain`` (one number, with its rule, holdings, paths and denominator).

Thin: each command opens the store, calls one library function and prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ownergraph.cli import main
from ownergraph.cli.options import echo_json, json_option, open_store, store_option

if TYPE_CHECKING:
    import networkx as nx


def _node(G: nx.MultiDiGraph, text: str) -> str:
    """A node id as given, else the resolved node (a fuzzy match is reported on stderr)."""
    if text in G:
        return text
    from ownergraph.queries.resolve import resolve_match

    m = resolve_match(G, text)
    if m.fuzzy:
        click.echo(f'matched "{text}" to "{m.spelling}" (fuzzy, score {m.score:g})', err=True)
    return m.node


def _n(x: float | None) -> str:
    if x is None:
        return "unknown"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def _pct(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}%"


@main.command("history")
@click.argument("subject")
@store_option
@json_option
def history_cmd(subject: str, store_path: Path | None, as_json: bool) -> None:
    """The documents about SUBJECT over time, and what changed between amendments.

    SUBJECT is an issuer, a class (name, CIK, CUSIP) or a party. Each document is listed
    with the date it reports as of, then compared with its previous amendment (the latest
    earlier document reporting on one of the same persons): persons added and removed,
    positions up and down (cover-page row 11 and 13; holdings summed for Forms 3/4/5).

    \b
    Example:
      ownergraph history "Liquidmetal Technologies"
      ownergraph history "Nelson Obus" --json
    """
    from ownergraph.queries.timeline import timeline

    with open_store(store_path) as store:
        G = store.graph()
        every = store.holdings()  # superseded ones too: the graph keeps the current only
    tl = timeline(G, _node(G, subject), holdings=every)
    if as_json:
        echo_json(tl.to_dict())
        return
    click.echo(f"{tl.subject_name}: {len(tl.entries)} document(s), oldest first")
    for e in tl.entries:
        form = (e.form or "document") + (f" No. {e.amendment_no}" if e.amendment_no else "")
        date = e.date.isoformat() if e.date else "undated"
        click.echo(f"{date}  {form}  {e.file}  ({len(e.figures)} person(s))")
        if e.previous_id is None:
            for f in e.figures:
                click.echo(f"    {f.name}: {_n(f.shares)} shares {_pct(f.percent)}".rstrip())
            continue
        for c in e.changes:
            if c.change == "added":
                click.echo(f"  + added    {c.name}: {_n(c.after)} {_pct(c.percent_after)}".rstrip())
            elif c.change == "removed":
                was = f"{_n(c.before)} {_pct(c.percent_before)}".rstrip()
                click.echo(f"  - removed  {c.name} (was {was})")
            else:
                arrow = "up  " if c.change == "up" else "down"
                pct = ""
                if c.percent_before is not None or c.percent_after is not None:
                    pct = f"; {_pct(c.percent_before) or '?'} -> {_pct(c.percent_after) or '?'}"
                click.echo(
                    f"  {'↑' if c.change == 'up' else '↓'} {arrow}     {c.name}: {_n(c.before)}"
                    f" -> {_n(c.after)} ({c.delta:+,.0f}){pct}"
                )
        if e.unchanged:
            click.echo(f"    {e.unchanged} person(s) unchanged")
