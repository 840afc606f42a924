"""Analysis commands: who-controls, attribute, reconcile (Rule 13d-3, the control lens).

Thin: each command opens the store (or parses a file), calls one library function and
prints a table or JSON.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ownergraph.cli import main
from ownergraph.cli.options import echo_json, json_option, open_store, positive_shares, store_option
from ownergraph.graph.clean import parse_date

# The queries (networkx, rich tables) are imported by the command that runs, not by
# ``ownergraph --help`` (tests/test_cli_startup.py).
if TYPE_CHECKING:
    import networkx as nx
    from rich.table import Table

    from ownergraph.queries.control import Controller, ControlPath, FiledPosition
    from ownergraph.queries.resolve import Match


def escape(text: str) -> str:
    """Rich markup escaped (imported on demand)."""
    from rich.markup import escape as _escape

    return _escape(text)


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


_number = positive_shares


def _say_match(text: str, m: Match) -> str:
    """The node of a match; a fuzzy one is reported on stderr (the answer rests on it)."""
    if m.fuzzy:
        click.echo(f'matched "{text}" to "{m.spelling}" (fuzzy, score {m.score:g})', err=True)
    return m.node


def _subject(G: nx.MultiDiGraph, text: str) -> str:
    """A node id or holding id as given, else the resolved node (fuzzy matches reported)."""
    from ownergraph.graph.vocab import EdgeKind
    from ownergraph.queries.resolve import resolve_match

    if text in G or any(
        k == text and d.get("kind") == EdgeKind.HOLDS
        for _, _, k, d in G.edges(keys=True, data=True)
    ):
        return text
    return _say_match(text, resolve_match(G, text))


def _n(x: float | None) -> str:
    if x is None:
        return "unknown"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}%"


def _filed(f: FiledPosition | None) -> str:
    """The filed rows beside computed ones: "3,731,323 ≠" when a row 7-11 differs."""
    if f is None:
        return "—"
    text = f"shared {_n(f.shared_voting)}" if f.shared_voting else f"sole {_n(f.sole_voting)}"
    text += f", aggregate {_n(f.aggregate)}"
    return text + (" (differs)" if f.differs else "")


def _path_line(path: ControlPath) -> str:
    parts = [path.names[0]]
    for step, name in zip(path.steps, path.names[1:], strict=True):
        parts.append(f"-[{'/'.join(step.roles)}]->")
        parts.append(name)
    return " ".join(parts) + f"  ({path.power.value})"


def _controllers_table(title: str, rows: tuple[Controller, ...]) -> Table:
    from rich.table import Table

    from ownergraph.cli.tables import add_columns

    t = Table(title=title, title_justify="left")
    add_columns(
        t,
        (("name", False), ("kind", False), ("sole", True), ("shared", True), ("shares", True))
        + (("filed", False), ("percent", True), ("paths", True)),
    )
    for c in rows:
        t.add_row(
            escape(c.name),
            c.kind + (" (holder)" if c.is_holder else ""),
            _n(c.sole_voting),
            _n(c.shared_voting),
            _n(c.shares),
            _filed(c.filed),
            _pct(c.percent),
            "?" if c.path_count is None else str(c.path_count),
        )
    return t


@main.command("who-controls")
@click.argument("subject")
@click.option("--as-of", "as_of", callback=_date, help="Graph as of this date (YYYY-MM-DD).")
@click.option("--outstanding", callback=_number, help="Shares outstanding, for percent of class.")
@store_option
@json_option
def who_controls_cmd(
    subject: str,
    as_of: dt.date | None,
    outstanding: float | None,
    store_path: Path | None,
    as_json: bool,
) -> None:
    """Who ultimately controls SUBJECT, under Rule 13d-3.

    SUBJECT is a party, issuer or security by name (fuzzy), node id, CIK, LEI or CUSIP, or
    a holding id. Prints the ultimate controllers (nobody above them) and the intermediate
    ones, with sole/shared power, shares (the distinct union of holdings, never a sum of
    cover pages; a filed figure that differs is shown beside it) and control paths.

    \b
    Example:
      ownergraph who-controls "Liquidmetal Technologies"
      ownergraph who-controls "53634 X 100" --json --as-of 2008-09-30
    """
    from ownergraph.cli.tables import make_console, print_table
    from ownergraph.queries.control import who_controls

    with open_store(store_path) as store:
        G = store.graph(as_of=as_of)
    result = who_controls(G, _subject(G, subject), as_of=as_of, outstanding=outstanding)
    if as_json:
        echo_json(result.to_dict())
        return
    console = make_console()
    console.print(
        f"[bold]{escape(result.subject_name)}[/bold] ({result.subject_kind}) — lens {result.lens.value},"
        f" {_n(result.shares)} shares in scope"
        + (f", as of {result.as_of.isoformat()}" if result.as_of else "")
    )
    print_table(console, _controllers_table("Ultimate controllers", result.ultimate))
    for c in result.ultimate:
        count = len(c.paths) if c.path_count is None else c.path_count
        console.print(f"[bold]{escape(c.name)}[/bold]: {count} control path(s)")
        for p in c.paths:
            console.print(f"  {escape(_path_line(p))}")
        if c.paths_truncated:
            console.print("  … more paths not listed")
    if result.intermediate:
        print_table(
            console,
            _controllers_table("Intermediate controllers and holders", result.intermediate),
        )
    for note in result.notes:
        console.print(f"note: {escape(note)}")


@main.command("attribute")
@click.argument("issuer")
@click.option(
    "--outstanding",
    callback=_number,
    help="Shares outstanding (else a document's, else implied from filed percentages).",
)
@click.option("--as-of", "as_of", callback=_date, help="Graph as of this date (YYYY-MM-DD).")
@store_option
@json_option
def attribute_cmd(
    issuer: str,
    outstanding: float | None,
    as_of: dt.date | None,
    store_path: Path | None,
    as_json: bool,
) -> None:
    """Recompute every person's Rule 13d-3 figures for ISSUER's class (or a security).

    Rows 7-10 (sole/shared voting and dispositive power), 11 (aggregate: the distinct union
    of holdings), own rights to acquire within 60 days and 13 (percent with the per-person
    denominator of 13d-3(d)(1)(i)). Filed figures that differ are shown beside.

    \b
    Example:
      ownergraph attribute "Liquidmetal Technologies"
      ownergraph attribute 53634X100 --outstanding 43972096 --json
    """
    from rich.table import Table

    from ownergraph.cli.tables import add_columns, make_console, print_table
    from ownergraph.queries.attribution import attribute as attribute_query
    from ownergraph.queries.resolve import resolve_class_subject

    with open_store(store_path) as store:
        G = store.graph(as_of=as_of)
    node = issuer if issuer in G else _say_match(issuer, resolve_class_subject(G, issuer))
    result = attribute_query(G, node, outstanding=outstanding, as_of=as_of)
    if as_json:
        echo_json(result.to_dict())
        return
    console = make_console()
    den = result.denominator
    console.print(
        f"[bold]{escape(result.security_name)}[/bold] — lens {result.lens.value};"
        f" distinct holdings {_n(result.total.value)};"
        f" outstanding {_n(den.outstanding)}"
        f" ({'IMPLIED from filed percentages' if den.implied else den.source})"
    )
    t = Table(title="Rule 13d-3 attribution", title_justify="left")
    add_columns(
        t,
        (("person", False), ("sole vote", True), ("shared vote", True), ("sole disp.", True))
        + (("shared disp.", True), ("aggregate", True), ("own rights", True))
        + (("percent", True), ("filed (rows 7-11; 13)", False)),
    )
    for p in result.persons:
        f = p.filed
        t.add_row(
            escape(p.name),
            _n(p.sole_voting.value),
            _n(p.shared_voting.value),
            _n(p.sole_dispositive.value),
            _n(p.shared_dispositive.value),
            _n(p.aggregate.value),
            _n(p.rights_to_acquire.value),
            _pct(p.percent.value),
            _filed(f) + (f"; {_pct(f.percent_of_class)}" if f and f.percent_of_class else ""),
        )
    print_table(console, t)
    for note in result.notes:
        console.print(f"note: {escape(note)}")
    console.print(escape("rules: " + "; ".join(result.rules)))


@main.command("reconcile")
@click.argument("target", required=False)
@click.option("--outstanding", callback=_number, help="Shares outstanding, to check row 13.")
@store_option
@json_option
def reconcile_cmd(
    target: str | None, outstanding: float | None, store_path: Path | None, as_json: bool
) -> None:
    """Report what does not add up: computed vs filed, implied denominators, loader findings.

    TARGET is a FILE (parsed and reconciled on its own; the store is not touched), an
    issuer or security (name, CIK, CUSIP, id) or a document id in the store; without
    TARGET every loaded document is reconciled.

    \b
    Example:
      ownergraph reconcile data/liquidmetal-wynnefield-sc13da2-2008-09-30.txt
      ownergraph reconcile "Liquidmetal Technologies" --json
    """
    from ownergraph.graph.model import to_dict
    from ownergraph.loaders import parse_path
    from ownergraph.queries.reconcile import reconcile as reconcile_store
    from ownergraph.queries.reconcile import reconcile_parsed

    if target is not None and Path(target).is_file():
        findings = reconcile_parsed(parse_path(target), outstanding=outstanding)
    else:
        with open_store(store_path) as store:
            G = None
            if target is not None and store.document(target) is None:
                G = store.graph()
                _subject(G, target)  # reports a fuzzy match; reconcile resolves it again
            findings = reconcile_store(store, target, outstanding=outstanding, graph=G)
    if as_json:
        echo_json([to_dict(f) for f in findings])
        return
    for f in findings:
        click.echo(f"[{f.severity.value}] {f.kind}: {f.message}")
    counts = {
        s: sum(1 for f in findings if f.severity.value == s) for s in ("error", "warning", "info")
    }
    detail = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
    noun = "finding" if len(findings) == 1 else "findings"
    click.echo(f"{len(findings)} {noun}" + (f" ({detail})" if detail else ""))
