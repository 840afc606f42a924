"""The ``ownergraph`` command line: thin commands over the library.

Each command builds settings, calls one library function and prints. Library errors
(:mod:`graph.errors`) become one line on stderr and exit code 2; no traceback.
Command groups live in submodules (``cli.core``, ``cli.analysis`` ...) registered below.
"""

from __future__ import annotations

import importlib
import sys

import click

from ownergraph.graph.errors import OwnergraphError, one_line

#: Submodules that add commands to :data:`main`; a missing one is skipped.
COMMAND_MODULES = (
    "ownergraph.cli.core",
    "ownergraph.cli.analysis",
    "ownergraph.cli.sources",
    "ownergraph.cli.neo4j",
    "ownergraph.cli.economic",
    "ownergraph.cli.bench",
    "ownergraph.cli.app",
    "ownergraph.cli.fetch",
    "ownergraph.cli.eval",
    "ownergraph.cli.holdings",
    "ownergraph.cli.exposure",
    "ownergraph.cli.workflow",
)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except OwnergraphError as exc:
            # one line, always: file names and other untrusted text are escaped
            click.echo(f"ownergraph: error: {one_line(str(exc))}", err=True)
            ctx.exit(2)
        except click.ClickException as exc:  # usage and file errors name user text too
            exc.message = one_line(exc.message)
            if isinstance(exc, click.FileError):
                exc.ui_filename = one_line(exc.ui_filename)
            raise
        except KeyboardInterrupt:
            click.echo("ownergraph: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ownergraph")
def main() -> None:
    """ownergraph: who ultimately controls X? A beneficial-ownership graph explorer.

    \b
    Example:
      ownergraph load data/liquidmetal-wynnefield-sc13da2-2008-09-30.txt
      ownergraph who-controls "Liquidmetal Technologies"
    """


for _name in COMMAND_MODULES:
    try:
        importlib.import_module(_name)
    except ModuleNotFoundError as _exc:
        if _exc.name != _name:
            raise


def run() -> None:  # pragma: no cover - console entry
    """Console entry point."""
    sys.exit(main())
