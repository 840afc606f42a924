"""The analyst's workflow commands: ``history`` (documents over time, what changed) and
``explain`` (one number, with its rule, holdings, paths and denominator).

Thin: each command opens the store, calls one library function and prints.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def _explain_graph(
    engine: Any, subject: str, party: str, as_of: dt.date | None
) -> tuple[nx.MultiDiGraph, str, str]:
    """The graph ``explain`` reads (:meth:`graph.engine.Engine.lens_graph`: the subject's
    scope, a register rule's too), the subject's node and the party's, each resolved as on
    the whole graph (a fuzzy match reported on stderr, subject first)."""
    from ownergraph.queries.resolve import Match

    found: list[Match] = []
    G, node = engine.lens_graph(subject, as_of=as_of, fuzzy=found)
    for m in found:
        click.echo(f'matched "{subject}" to "{m.spelling}" (fuzzy, score {m.score:g})', err=True)
    if engine.cols.find(party) is not None:
        return G, node, party
    m = engine.resolve(party)
    if m.fuzzy:
        click.echo(f'matched "{party}" to "{m.spelling}" (fuzzy, score {m.score:g})', err=True)
    return G, node, m.node


def _n(x: float | None) -> str:
    if x is None:
        return "unknown"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def _pct(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}%"


@main.command("history")
@click.argument("subject")
@click.option(
    "--as-of",
    "as_of",
    callback=date_value,
    help="Only documents reported by this date (YYYY-MM-DD).",
)
@store_option
@json_option
def history_cmd(
    subject: str, as_of: dt.date | None, store_path: Path | None, as_json: bool
) -> None:
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
    from ownergraph.graph.engine import Engine
    from ownergraph.queries.timeline import timeline

    fuzzy: list = []
    with open_store(store_path) as store:
        # the subject's documents only, their holdings superseded ones too
        engine = Engine(store)
        try:
            G, node, every = engine.history_graph(subject, as_of=as_of, fuzzy=fuzzy)
        finally:
            engine.close()
    for m in fuzzy:
        click.echo(f'matched "{subject}" to "{m.spelling}" (fuzzy, score {m.score:g})', err=True)
    tl = timeline(G, node, holdings=every, as_of=as_of)
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


def _place(prov: object) -> str:
    """Where in its file a piece of evidence is: a character span, else an XPath."""
    span = getattr(prov, "span", None)
    if span:
        return f"chars {span[0]:,}-{span[1]:,}"
    return getattr(prov, "xpath", None) or "place not recorded"


@main.command("explain")
@click.argument("subject")
@click.argument("party")
@click.option("--as-of", "as_of", callback=date_value, help="Graph as of this date (YYYY-MM-DD).")
@click.option(
    "--outstanding",
    callback=positive_shares,
    help="Shares outstanding (else a document's, else implied from filed percentages).",
)
@store_option
@json_option
def explain_cmd(
    subject: str,
    party: str,
    as_of: dt.date | None,
    outstanding: float | None,
    store_path: Path | None,
    as_json: bool,
) -> None:
    """Explain PARTY's figures in the answer to "who controls SUBJECT".

    Prints the rule, the four powers, the aggregate and the percent with its denominator
    (and where the count comes from), the filed cover page and each row that differs with
    the reason, every holding counted with its source text and its place in the file, and
    each control path with the phrase that states every step. The figures are those of
    who-controls (the same answer object).

    \b
    Example:
      ownergraph explain "Liquidmetal Technologies" "Nelson Obus"
      ownergraph explain 53634X100 "Joshua Landes" --json
    """
    from ownergraph.cli.answer_render import filed_text, number
    from ownergraph.graph.engine import Engine
    from ownergraph.graph.errors import SubjectNotFoundError
    from ownergraph.queries.answer import format_percent
    from ownergraph.queries.answer_text import percent_flag
    from ownergraph.queries.control import who_controls_answer

    # only what the answer reads (graph.engine: the subject's scope), not the whole graph
    with open_store(store_path) as store:
        engine = Engine(store)
        try:
            G, node, who = _explain_graph(engine, subject, party, as_of)
            i = engine.cols.find(who)
            who_name = (G if who in G else engine.subgraph({i}, set())).nodes[who].get("name")
            docs = {d.id: d for d in store.documents()}
        finally:
            engine.close()
    answer = who_controls_answer(G, node, as_of=as_of, outstanding=outstanding)
    row = answer.row(who)
    if row is None:
        names = ", ".join(r.name for r in (*answer.rows, *answer.intermediate)) or "nobody"
        raise SubjectNotFoundError(
            party,
            reason=f"{who_name or who} is not in the answer for"
            f" {answer.subject_name} (it has: {names})",
        )
    holds = {k: (u, v, d) for u, v, k, d in G.edges(keys=True, data=True) if k in row.holding_ids}
    holdings: list[dict] = []
    for hid in row.holding_ids:
        if hid not in holds:
            continue
        u, v, d = holds[hid]
        h = d.get("record")
        doc = docs.get(getattr(h, "document_id", ""))
        holdings.append(
            {
                "holding_id": hid,
                "holder": str(G.nodes[u].get("name", u)),
                "security": str(G.nodes[v].get("name", v)),
                "instrument": str(getattr(getattr(h, "instrument", None), "value", "")),
                "shares": getattr(h, "shares", None),
                "right_to_acquire": bool(getattr(h, "right_to_acquire", False)),
                "document": Path(doc.path).name if doc else getattr(h, "document_id", None),
                "evidence": [
                    {"text": p.phrase, "place": _place(p)}
                    for p in getattr(h, "provenance", ())
                    if p.phrase
                ],
            }
        )
    holdings.sort(key=lambda h: (h["holder"], h["instrument"], h["holding_id"]))
    if as_json:
        echo_json(
            {
                "subject": answer.subject_name,
                "rule": answer.rule,
                "rule_text": list(answer.rule_text),
                "as_of": answer.as_of.isoformat() if answer.as_of else None,
                "denominator": answer.denominator.to_dict() if answer.denominator else None,
                "row": row.to_dict(),
                "holdings": holdings,
            }
        )
        return
    say = click.echo
    say(f"{row.name} in who controls {answer.subject_name}" + (f", as of {as_of}" if as_of else ""))
    say(f"rule: {answer.rule}")
    for line in answer.rule_text:
        say(f"  {line}")
    say(
        f"figures: sole voting {number(row.sole_voting)}, shared voting"
        f" {number(row.shared_voting)}, sole dispositive {number(row.sole_dispositive)},"
        f" shared dispositive {number(row.shared_dispositive)}"
    )
    say(
        f"aggregate: {number(row.aggregate)} (own rights to acquire"
        f" {number(row.rights_to_acquire)}); percent"
        f" {format_percent(row.percent, row.percent_range)}"
    )
    if row.denominator is not None:
        say(f"denominator: {row.denominator.label}")
    elif answer.denominator is not None:
        say(f"denominator: {answer.denominator.label}")
    say(f"filed (rows 7-10; 11; 13): {filed_text(row.filed, row)}")
    flag = percent_flag(row)
    if flag:
        say(f"  differs: row 13 {flag}")
    for diff in row.differences:
        say(
            f"  differs: {diff.row} computed {number(diff.computed)}, filed"
            f" {number(diff.filed)}: {diff.reason}"
        )
    total = sum(h["shares"] or 0 for h in holdings)
    if not holdings:
        say("holdings counted: none (the answer rests on the stated interests below)")
    else:
        say(f"holdings counted ({len(holdings)}, distinct, sum {number(total)}):")
    for h in holdings:
        rta = ", right to acquire" if h["right_to_acquire"] else ""
        say(f"  {h['holder']}: {number(h['shares'])} {h['instrument']}{rta} ({h['document']})")
        for ev in h["evidence"]:
            say(f'    "{ev["text"]}" [{ev["place"]}]')
    count = len(row.paths) if row.path_count is None else row.path_count
    say(f"paths ({count}):")
    for p in row.paths:
        say(
            "  " + " -> ".join([p.steps[0].controller] + [s.controlled for s in p.steps])
            if p.steps
            else "  (holds directly)"
        )
        for s in p.steps:
            powers = f"voting {s.voting or 'none'}, investment {s.investment or 'none'}"
            say(f"    {s.controller} -[{s.role}; {powers}]-> {s.controlled}")
            say(f'      "{s.phrase}"' if s.phrase else "      (no phrase recorded)")
    for note in answer.notes:
        say(f"note: {note}")
