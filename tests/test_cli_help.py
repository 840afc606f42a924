"""Every command the CLI registers is documented: its help has an example that names it."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from ownergraph.cli import main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        path = (*prefix, name)
        out.append(path)
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, path))
    return out


COMMANDS = _commands(main)


def test_the_command_list_is_complete() -> None:
    """The core commands of the issues are all registered (so the check below means something)."""
    names = {c[0] for c in COMMANDS}
    assert names >= {
        "parse", "load", "who-controls", "attribute", "reconcile", "doctor", "parties",
        "export", "fetch", "neo4j", "cypher", "ubo", "bench", "app",
    }  # fmt: skip


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_has_an_example(path: tuple[str, ...]) -> None:
    res = CliRunner(env={"COLUMNS": "200"}).invoke(main, [*path, "--help"])
    assert res.exit_code == 0, res.output
    cmd = main
    for name in path:
        cmd = cmd.commands[name]  # type: ignore[attr-defined]
    if isinstance(cmd, click.Group):  # a group's subcommands carry the examples
        assert cmd.commands
        return
    assert "Example" in res.output, res.output
    assert f"ownergraph {' '.join(path)}" in res.output, res.output
