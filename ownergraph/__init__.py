"""ownergraph: who ultimately controls X? One namespace for the whole project.

The source tree keeps the top-level folders the project was specified with (``graph/``,
``loaders/``, ``queries/``, ``cli/``, ``explorer/``, ``benchmarks/``); ``pyproject.toml`` maps
them to ``ownergraph.graph``, ``ownergraph.loaders``, ... so an installed wheel puts nothing
but ``ownergraph`` into site-packages. In a source checkout (no install, or another work
tree of the same repository), the subpackages are the folders beside this one: the parent
folder is added to this package's path so ``ownergraph.graph`` is ``../graph``.
"""

from __future__ import annotations

import os

__version__ = "0.2.0"

_here = os.path.dirname(os.path.abspath(__file__))
_checkout = os.path.dirname(_here)
if not os.path.isdir(os.path.join(_here, "graph")) and os.path.isfile(
    os.path.join(_checkout, "graph", "__init__.py")
):
    __path__.append(_checkout)  # type: ignore[name-defined]  # noqa: F821
