"""What a loader says about a document does not depend on Python's hash seed: the parse of
the XML 13D/G fixtures and of the labelled full submissions under two seeds is the same
JSON (a loop over a set once ordered the XML findings differently from run to run)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
FILES = sorted(
    str(p)
    for p in [
        *(ROOT / "fixtures" / "sec13dg-xml").glob("*.xml"),
        *(ROOT / "fixtures" / "corpus" / "sec13dg-submission").iterdir(),
    ]
    if not p.name.endswith(".json")
)

SCRIPT = """
import json, sys
from ownergraph import loaders
from ownergraph.graph.model import to_dict
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        pd = loaders.parse_bytes(f.read(), path=path)
    print(json.dumps(to_dict(pd), sort_keys=True, default=str))
"""


def _parse_all(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, *FILES], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout


def test_parses_do_not_depend_on_the_hash_seed() -> None:
    assert len(FILES) >= 14
    first = _parse_all("1")
    assert first.count("\n") == len(FILES)
    assert _parse_all("2") == first
