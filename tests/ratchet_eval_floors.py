"""Re-set the floors of tests/test_eval.py to the level reached: one command.

    .venv/bin/python tests/ratchet_eval_floors.py

Scores every labelled document under tests/fixtures/corpus, writes tests/eval_floors.json
with each total (per split) less MARGIN, rounded down to the percent, and the list of the
documents scored: the floors hold over exactly those documents, so a new (harder) label
does not break the build until the next ratchet takes it in. Never lower a floor to make
a change pass: run this after an improvement, and read the diff.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from ownergraph.queries.eval import evaluate

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "tests" / "eval_floors.json"
METRICS = ("field_accuracy", "recall", "precision", "who_controls_right")
#: Room for the churn of eight developers changing the loaders at once.
MARGIN = 0.03


def main() -> None:
    rep = evaluate([ROOT / "tests" / "fixtures" / "corpus"])
    old = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    out: dict[str, object] = {"_about": old.get("_about", "")}
    for split in ("dev", "heldout"):
        t = rep.total(split)
        new = {}
        for m in METRICS:
            v = getattr(t, m)
            floor = 0.0 if v is None else max(0.0, math.floor((v - MARGIN) * 100) / 100)
            new[m] = max(floor, old.get(split, {}).get(m, 0.0))  # a ratchet never lowers
        out[split] = new
        print(split, {m: getattr(t, m) for m in METRICS}, "->", new)
    out["documents"] = sorted(rep.doc_tallies)
    FLOORS.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
