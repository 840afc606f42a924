"""Options shared by commands, and the settings object they build."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ownergraph.graph.settings import Settings

if TYPE_CHECKING:  # imported on demand: a command that opens no store does not pay for it
    import datetime as dt

    import networkx as nx

    from ownergraph.graph.store import Store

F = Callable[..., Any]


def store_option(f: F) -> F:
    """``--store FILE`` (default from ``OWNERGRAPH_STORE``)."""
    return click.option(
        "--store",
        "store_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Store file (default: $OWNERGRAPH_STORE or ~/.ownergraph/ownergraph.db).",
    )(f)


def json_option(f: F) -> F:
    """``--json``: print machine-readable JSON."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(f)


def settings(store_path: Path | None = None, **overrides: Any) -> Settings:
    """Build settings from the environment with command-line overrides."""
    return Settings.from_env().with_(store=store_path, **overrides)


def open_store(store_path: Path | None) -> Store:
    """Open the store the user asked for."""
    from ownergraph.graph.store import Store

    return Store(settings(store_path).store)


def echo_json(data: Any) -> None:
    """Print JSON, sorted and indented."""
    click.echo(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, default=str))


def positive_shares(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> float | None:
    """Click callback: a positive share count as filed ("44,700,000"), or ``None``."""
    from ownergraph.graph.clean import parse_number

    try:
        n = parse_number(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    if n is not None and n <= 0:
        raise click.BadParameter("must be a positive number of shares")
    return n


class LazyChoice(click.Choice):
    """A :class:`click.Choice` whose values are computed on first use.

    The command modules are imported for every ``ownergraph`` run (``--help`` lists them);
    a choice list that lives in a heavy module is only imported when the option is parsed
    or its help shown.

    >>> c = LazyChoice(lambda: ("a", "b"))
    >>> c.convert("a", None, None)
    'a'
    """

    def __init__(self, load: Callable[[], Any], case_sensitive: bool = True) -> None:
        self._load = load
        self._choices: tuple[str, ...] | None = None
        super().__init__((), case_sensitive=case_sensitive)

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        if self._choices is None:
            self._choices = tuple(self._load())
        return self._choices

    @choices.setter
    def choices(self, _value: Any) -> None:  # click's __init__ assigns; the loader decides
        pass


def date_value(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    """Click callback: a date (YYYY-MM-DD, as ``graph.clean.parse_date`` reads it), or ``None``."""
    from ownergraph.graph.clean import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def files_option(f: F) -> F:
    """``--file FILE`` (repeatable): answer from these files parsed in memory, not the store."""
    return click.option(
        "--file",
        "files",
        multiple=True,
        type=click.Path(path_type=Path),
        help="Parse these files into an in-memory graph instead of opening the store.",
    )(f)


def graph_of_files(files: tuple[Path, ...], as_of: dt.date | None = None) -> nx.MultiDiGraph:
    """Parse files into one in-memory graph (no store touched), with the store's rules for
    what is in force ``as_of`` (a later amendment supersedes; see :mod:`graph.history`)."""
    from ownergraph.graph.history import current_holdings, current_links, in_force
    from ownergraph.graph.store import build_graph
    from ownergraph.loaders import parse_path

    parsed = [parse_path(f) for f in files]
    parties = {p.id: p for d in parsed for p in d.parties}
    securities = {s.id: s for d in parsed for s in d.securities}
    by_id = {d.document.id: d.document for d in parsed}
    G = build_graph(
        parties.values(),
        securities.values(),
        current_holdings([h for d in parsed for h in d.holdings], by_id, as_of=as_of),
        current_links([lk for d in parsed for lk in d.links], by_id, as_of=as_of),
        by_id.values(),
        positions=[
            p for d in parsed for p in d.positions if in_force(by_id.get(p.document_id), as_of)
        ],
    )
    G.graph["as_of"] = as_of
    return G


def question_graph(
    files: tuple[Path, ...], store_path: Path | None, as_of: dt.date | None
) -> nx.MultiDiGraph:
    """The graph a ``--file``-taking command answers from: the files, else the store."""
    if files:
        return graph_of_files(files, as_of)
    with open_store(store_path) as store:
        return store.graph(as_of=as_of)
