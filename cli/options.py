"""Options shared by commands, and the settings object they build."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ownergraph.graph.settings import Settings

if TYPE_CHECKING:  # imported on demand: a command that opens no store does not pay for it
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
