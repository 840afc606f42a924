"""Options shared by commands, and the settings object they build."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ownergraph.graph.settings import Settings
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
