"""Analysis commands: who-controls, attribute, reconcile (Rule 13d-3, the control lens).

Thin: each command opens the store (or parses a file), calls one library function and
prints a table or JSON.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ownergraph.cli import main
from ownergraph.cli.options import (
    date_value,
    echo_json,
    json_option,
    open_store,
    positive_shares,
    store_option,
)

# The queries (networkx, rich tables) are imported by the command that runs, not by
# ``ownergraph --help`` (tests/test_cli_startup.py).
if TYPE_CHECKING:
    import networkx as nx

    from ownergraph.queries.resolve import Match


F = TypeVar("F", bound=Callable[..., Any])


def collector_paused(command: F) -> F:
    """``command`` run with the cyclic garbage collector paused
    (:func:`graph.engine_records.gc_paused`): a question's arrays, rows, records, graph and
    answer all stay alive until the process ends, so the full collections their
    allocations start walk them and free nothing (a third of a most-held issuer's cpu).
    Reference counting frees as usual. When the pause ends, what it allocated (the imports'
    modules too) goes to the oldest generation unscanned (``gc.freeze`` then
    ``gc.unfreeze``): the young collection the collector's return would start walked all
    of it; the next full collection scans it. At the interpreter's exit everything left is
    frozen first (``atexit``), so the full collection of the shutdown does not walk it
    either (together ~0.15 s of a most-held issuer's cpu at load 11; a long-lived process,
    such as a test session, is unaffected until it exits)."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        import atexit
        import gc

        from ownergraph.graph.engine_records import gc_paused

        atexit.unregister(gc.freeze)  # (once)
        atexit.register(gc.freeze)
        try:
            with gc_paused():
                try:
                    return command(*args, **kwargs)
                finally:
                    gc.freeze()
        finally:
            gc.unfreeze()

    return run  # type: ignore[return-value]


def escape(text: str) -> str:
    """Rich markup escaped (imported on demand)."""
    from rich.markup import escape as _escape

    return _escape(text)


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


def _scope_graph(
    store_path: Path | None, text: str, as_of: dt.date | None, *, for_class: bool = False
) -> tuple[nx.MultiDiGraph, str]:
    """The graph of what a question about ``text`` reads, from the store's column graph
    (:class:`graph.engine.Engine`), and the node or holding id to ask about; a fuzzy match
    is reported on stderr."""
    from ownergraph.graph.engine import Engine

    with open_store(store_path) as store:
        engine = Engine(store)
        try:
            if for_class:
                text = _say_match(text, engine.resolve_class(text))
            fuzzy: list[Match] = []
            G, node = engine.subject_graph(text, as_of=as_of, fuzzy=fuzzy)
            for m in fuzzy:
                _say_match(text, m)
        finally:
            engine.close()
    return G, node


def _class_shown(
    store_path: Path | None,
    text: str,
    outstanding: float | None,
    top: int,
    *,
    for_class: bool = False,
) -> tuple[tuple | None, str]:
    """A class held by thousands, its first ``top`` rows answered from the column arrays
    (:mod:`queries.control_class`), or a party over thousands of holdings answered the same
    way (:func:`graph.engine_party.party_answer`, not for ``attribute``), and the node or
    holding id ``text`` designates (a fuzzy match reported once); ``None`` where that path
    does not apply (the caller answers on the whole scope)."""
    from ownergraph.graph.engine import Engine
    from ownergraph.queries import control_class

    with open_store(store_path) as store:
        engine = Engine(store)
        try:
            cols = engine.cols
            i = cols.find(text)
            if i is None:
                if store._rows("SELECT 1 FROM holdings WHERE id=?", (text,)):
                    return None, text  # a holding id: its own scope
                m = engine.resolve_class(text) if for_class else engine.resolve(text)
                text = _say_match(text, m)
                i = cols.find(text)
            elif for_class:
                text = _say_match(text, engine.resolve_class(text))
                i = cols.find(text)
            shown = control_class.attribution_shown if for_class else control_class.answer_shown
            got = shown(engine, i, outstanding=outstanding, top=top)
            if got is None and not for_class and i is not None:  # a party over thousands
                from ownergraph.graph.engine_party import party_answer

                party = party_answer(engine, i, outstanding=outstanding, paths_for_top=top)
                got = None if party is None else (party[0].to_answer(), 0, 0)
            return got, text
        finally:
            engine.close()


@main.command("who-controls")
@click.argument("subject")
@click.option("--as-of", "as_of", callback=date_value, help="Graph as of this date (YYYY-MM-DD).")
@click.option("--outstanding", callback=_number, help="Shares outstanding, for percent of class.")
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="List every controller with its paths (the terminal shows the first 50 by shares).",
)
@store_option
@json_option
@collector_paused
def who_controls_cmd(
    subject: str,
    as_of: dt.date | None,
    outstanding: float | None,
    show_all: bool,
    store_path: Path | None,
    as_json: bool,
) -> None:
    """Who ultimately controls SUBJECT, under Rule 13d-3.

    SUBJECT is a party, issuer or security by name (fuzzy), node id, CIK, LEI or CUSIP, or
    a holding id. Prints the ultimate controllers (nobody above them) and the intermediate
    ones, with sole/shared power, shares (the distinct union of holdings, never a sum of
    cover pages; a filed figure that differs is shown beside it) and control paths. A
    terminal shows the first 50 controllers by shares with their paths and says how many
    more there are; --all lists every one, --json has every row.

    \b
    Example:
      ownergraph who-controls "Liquidmetal Technologies"
      ownergraph who-controls "53634 X 100" --json --as-of 2008-09-30
    """
    from ownergraph.cli.answer_render import SHOWN, print_answer
    from ownergraph.cli.group_lines import (
        groups_of,
        print_groups,
        print_percent_flags,
        with_groups_json,
    )
    from ownergraph.cli.tables import make_console
    from ownergraph.queries.control import who_controls_answer

    top = None if as_json or show_all else SHOWN  # paths only for the rows shown
    if top is not None and as_of is None:  # a class held by thousands: the rows shown
        shown, subject = _class_shown(store_path, subject, outstanding, top)
        if shown is not None:
            answer, more, more_inter = shown
            groups = groups_of(store_path, answer, as_of, top)
            console = make_console()
            print_answer(console, answer, limit=top, more=(more, more_inter))
            print_percent_flags(console, answer)
            print_groups(console, groups)
            return
    G, node = _scope_graph(store_path, subject, as_of)
    answer = who_controls_answer(G, node, as_of=as_of, outstanding=outstanding, paths_for_top=top)
    if answer.rule.startswith("register:"):  # register rules also read owns links (DOMAIN 4b)
        from ownergraph.queries.register_control import store_scope

        with open_store(store_path) as store:
            G = store_scope(store, node, as_of=as_of)
        answer = who_controls_answer(G, node, as_of=as_of, outstanding=outstanding)
    groups = groups_of(store_path, answer, as_of, top)  # Rule 13d-5(b): members, distinct total
    if as_json:
        echo_json(with_groups_json(answer, groups))
        return
    console = make_console()
    print_answer(console, answer, limit=top)
    print_percent_flags(console, answer)
    print_groups(console, groups)


@main.command("attribute")
@click.argument("issuer")
@click.option(
    "--outstanding",
    callback=_number,
    help="Shares outstanding (else a document's, else implied from filed percentages).",
)
@click.option("--as-of", "as_of", callback=date_value, help="Graph as of this date (YYYY-MM-DD).")
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="List every person (the terminal shows the first 50 by shares).",
)
@store_option
@json_option
@collector_paused
def attribute_cmd(
    issuer: str,
    outstanding: float | None,
    as_of: dt.date | None,
    show_all: bool,
    store_path: Path | None,
    as_json: bool,
) -> None:
    """Recompute every person's Rule 13d-3 figures for ISSUER's class (or a security).

    Rows 7-10 (sole/shared voting and dispositive power), 11 (aggregate: the distinct union
    of holdings), own rights to acquire within 60 days and 13 (percent with the per-person
    denominator of 13d-3(d)(1)(i)). Filed figures that differ are shown beside. A
    terminal shows the first 50 persons by shares; --all lists every one, --json has every
    row (with their paths).

    \b
    Example:
      ownergraph attribute "Liquidmetal Technologies"
      ownergraph attribute 53634X100 --outstanding 43972096 --json
    """
    from ownergraph.cli.answer_render import SHOWN, more_line, number, print_rows_table, rows_table
    from ownergraph.cli.answer_render import escape as esc
    from ownergraph.cli.group_lines import (
        groups_of,
        print_groups,
        print_percent_flags,
        with_groups_json,
    )
    from ownergraph.cli.tables import make_console
    from ownergraph.queries.answer_build import answer_of_attribution
    from ownergraph.queries.attribution import attribute as attribute_query

    top = None if as_json or show_all else SHOWN
    shown = None
    if top is not None and as_of is None:  # a class held by thousands: the rows shown
        shown, issuer = _class_shown(store_path, issuer, outstanding, top, for_class=True)
    if shown is not None:
        result, answer, more = shown
    else:
        G, node = _scope_graph(store_path, issuer, as_of, for_class=True)
        # the table shows no paths: on a terminal none are explained (figures do not
        # depend on it)
        paths = {} if top is None else {"max_paths": 0}
        result = attribute_query(G, node, outstanding=outstanding, as_of=as_of, **paths)
        answer = answer_of_attribution(result)
        more = 0
    groups = groups_of(store_path, answer, as_of, top)  # Rule 13d-5(b): members, distinct total
    if as_json:
        echo_json(with_groups_json(answer, groups))
        return
    console = make_console()
    den = answer.denominator
    console.print(
        f"[bold]{esc(result.security_name)}[/bold] — rule {answer.rule};"
        f" distinct holdings {number(result.total.value)};"
        f" denominator: {esc(den.label if den else 'unknown')}"
    )
    rows = answer.rows[:top]
    print_rows_table(console, rows_table("Rule 13d-3 attribution", rows))
    if len(rows) < len(answer.rows) or more:
        console.print(esc(more_line(len(answer.rows) - len(rows) + more, "persons")))
    for r in rows:
        for d in r.differences:
            console.print(
                f"differs: {esc(r.name)} {d.row} computed {number(d.computed)},"
                f" filed {number(d.filed)}: {esc(d.reason)}"
            )
    print_percent_flags(console, answer)
    print_groups(console, groups)
    for note in answer.notes:
        console.print(f"note: {esc(note)}")
    console.print(esc("rules: " + "; ".join(answer.rule_text)))


@main.command("reconcile")
@click.argument("target", required=False)
@click.option("--outstanding", callback=_number, help="Shares outstanding, to check row 13.")
@click.option(
    "--as-of",
    "as_of",
    callback=date_value,
    help="Only documents reported by this date (YYYY-MM-DD).",
)
@store_option
@json_option
def reconcile_cmd(
    target: str | None,
    outstanding: float | None,
    as_of: dt.date | None,
    store_path: Path | None,
    as_json: bool,
) -> None:
    """Report what does not add up: computed vs filed, implied denominators, loader findings.

    TARGET is a FILE (parsed and reconciled on its own; the store is not touched), an
    issuer or security (name, CIK, CUSIP, id) or a document id in the store; without
    TARGET every loaded document is reconciled. The same finding about several persons is
    one line naming them all (--json lists every finding).

    \b
    Example:
      ownergraph reconcile data/liquidmetal-wynnefield-sc13da2-2008-09-30.txt
      ownergraph reconcile "Liquidmetal Technologies" --json
    """
    from ownergraph.graph.history import in_force
    from ownergraph.graph.model import to_dict
    from ownergraph.loaders import parse_path
    from ownergraph.queries.finding_groups import group_findings
    from ownergraph.queries.reconcile import reconcile_parsed

    names: dict[str, str] = {}
    if target is not None and Path(target).is_file():
        parsed = parse_path(target)
        findings = reconcile_parsed(parsed, outstanding=outstanding)
        names = {p.id: p.name for p in parsed.parties}
    else:
        from ownergraph.graph.engine import Engine

        with open_store(store_path) as store:
            engine = Engine(store)  # the subject's node only, not the whole graph
            try:
                fuzzy: list = []
                findings = engine.reconcile(target, outstanding=outstanding, fuzzy=fuzzy)
                for m in fuzzy:
                    _say_match(target or "", m)
                if as_of is not None:
                    ids = {f.document_id for f in findings} - {None}
                    docs = {i: store.document(i) for i in ids}
                    findings = [
                        f
                        for f in findings
                        if f.document_id is None or in_force(docs.get(f.document_id), as_of)
                    ]
                names = engine.party_names({i for f in findings for i in f.subject_ids})
            finally:
                engine.close()
    if as_json:
        echo_json([to_dict(f) for f in findings])
        return
    groups = group_findings(findings, names)
    for g in groups:
        click.echo(f"[{g.severity}] {g.kind}: {g.text()}")
    counts = {
        s: sum(1 for f in findings if f.severity.value == s) for s in ("error", "warning", "info")
    }
    detail = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
    noun = "finding" if len(findings) == 1 else "findings"
    lines = f"; {len(groups)} lines" if len(groups) != len(findings) else ""
    click.echo(f"{len(findings)} {noun}" + (f" ({detail})" if detail else "") + lines)
