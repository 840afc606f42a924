"""Start-up: imports on demand (issue 13, item 3).

``ownergraph --help`` and a question on a small store import neither the Neo4j driver
(which imports pandas and pyarrow), scipy, streamlit nor the benchmark code. Checked on the
modules a fresh process has imported, not on time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).parent / "fixtures" / "seed" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"

#: Never imported by ``--help`` or a question on a small store.
HEAVY = ("neo4j", "pandas", "pyarrow", "scipy", "streamlit", "ownergraph.benchmarks", "requests")
#: Not imported by ``--help`` either: what a command imports when it runs (rich's tables
#: and progress bars, the scorer, the loaders, the store and the model, the Cypher library).
HELP_HEAVY = (
    *HEAVY,
    "networkx",
    "numpy",
    "rich",
    "ownergraph.queries",
    "ownergraph.loaders",
    "ownergraph.graph.store",
    "ownergraph.graph.model",
    "ownergraph.graph.clean",
)

_RUN = """
import json, sys
from ownergraph.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print("\\n" + json.dumps(sorted(sys.modules)))
"""


def _modules_after(*args: str, env: dict[str, str] | None = None) -> tuple[str, set[str]]:
    out = subprocess.run(
        [sys.executable, "-c", _RUN, *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=env,
    ).stdout
    text, _, last = out.rstrip("\n").rpartition("\n")
    return text, set(json.loads(last))


def _heavy(modules: set[str], heavy: tuple[str, ...] = HEAVY) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in heavy))


def test_help_imports_nothing_heavy() -> None:
    text, modules = _modules_after("--help")
    assert "who-controls" in text and "neo4j" in text and "bench" in text
    assert _heavy(modules, HELP_HEAVY) == []


def test_importing_the_cli_imports_nothing_heavy() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys, ownergraph.cli; print(json.dumps(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    assert _heavy(set(json.loads(out)), HELP_HEAVY) == []


def test_question_on_a_small_store_imports_nothing_heavy(tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    subprocess.run(
        [sys.executable, "-c", _RUN, "load", str(SEED), "--store", str(store)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text, modules = _modules_after(
        "who-controls", "Liquidmetal Technologies", "--store", str(store)
    )
    # the answer is there (Wynnefield's 3,731,324 shares in scope, the filing's row 11 total)
    assert "Liquidmetal Technologies" in text and "3,731,324" in text
    assert _heavy(modules) == []
    # numpy only for a class held by thousands (queries.control_class), not here
    assert _heavy(modules, ("numpy",)) == []
    text, modules = _modules_after("attribute", "Liquidmetal Technologies", "--store", str(store))
    assert "3,731,324" in text
    assert _heavy(modules, (*HEAVY, "numpy")) == []


@pytest.mark.parametrize(
    ("light", "heavy"),
    [
        ("ownergraph.cli.neo4j:DEFAULT_BATCH", "ownergraph.graph.neo4j_backend:DEFAULT_BATCH"),
        ("ownergraph.cli.fetch:DEFAULT_FORMS", "ownergraph.loaders.edgar:DEFAULT_FORMS"),
    ],
)
def test_copied_defaults_equal_the_library(light: str, heavy: str) -> None:
    import importlib

    def get(ref: str) -> object:
        mod, _, name = ref.partition(":")
        return getattr(importlib.import_module(mod), name)

    assert get(light) == get(heavy)
