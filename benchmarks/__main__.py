"""``python -m benchmarks [--size S|M|L] [--quick] [--json]``: run the harness, print the table."""

from __future__ import annotations

import argparse
import json
import sys

from ownergraph.benchmarks.harness import format_table, run


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print; exit code 0."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    ap.add_argument("--size", default="S", choices=["S", "M", "L"], help="graph size")
    ap.add_argument("--quick", action="store_true", help="fewer subjects, shorter baselines")
    ap.add_argument("--json", action="store_true", help="print JSON instead of the table")
    ap.add_argument("--seed", type=int, default=0, help="generator seed")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per baseline")
    ap.add_argument("--no-neo4j", action="store_true", help="skip the Bolt server figures")
    ap.add_argument("--data-dir", default=None, help="where generated graphs go (bench-data/)")
    a = ap.parse_args(argv)
    kwargs = {"data_dir": a.data_dir} if a.data_dir else {}
    report = run(
        a.size,
        quick=a.quick,
        seed=a.seed,
        timeout=a.timeout,
        neo4j=not a.no_neo4j,
        log=lambda m: print(f"... {m}", file=sys.stderr, flush=True),
        **kwargs,
    )
    print(json.dumps(report.to_dict(), indent=2, default=str) if a.json else format_table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
