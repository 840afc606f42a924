"""The product path measured: each command a process as a user runs it, on a generated graph.

``python -m ownergraph.benchmarks.product --size M`` loads the generated pair with
``ownergraph load``, asks ``ownergraph who-controls`` about five sampled subjects (a fund,
an issuer, the most-held issuer by CIK, a person, a diamond-heavy fund by CIK), runs
``ownergraph attribute`` on the most-held issuer, then times warm questions through the
Python API (``Engine.who_controls``, store open, 60 random parties). Every process runs
under ``/usr/bin/time -v`` (wall, user + system CPU, peak RSS); the machine's 1-minute load
average is printed beside each figure, since a shared machine's wall times say little alone.
Nothing here is asserted: it prints figures (``--json`` for JSON).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ownergraph.benchmarks import generator

ROOT = Path(__file__).resolve().parent.parent
EXE = [sys.executable, "-c", "from ownergraph.cli import main; main()"]


def timed(args: list[str], *, nice: bool = True) -> dict[str, Any]:
    """Run one command under ``/usr/bin/time -v``; wall, cpu, peak RSS, exit code, load."""
    cmd = ["/usr/bin/time", "-v", *(["nice"] if nice else []), *args]
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0

    def field(name: str) -> float:
        m = re.search(rf"{re.escape(name)}: ([\d.:]+)", res.stderr)
        return float(m.group(1)) if m and ":" not in m.group(1) else 0.0

    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(field("User time (seconds)") + field("System time (seconds)"), 2),
        "rss_mb": round(field("Maximum resident set size (kbytes)") / 1024, 1),
        "exit": res.returncode,
        "load": round(load, 2),
        "out": res.stdout[-400:] if res.returncode else "",
        "err": res.stderr[-800:] if res.returncode else "",
    }


def subjects(info: generator.GeneratedInfo) -> dict[str, str]:
    """The sampled subjects: the first fund, issuer and person whose name no other party
    carries (a shared name asks the user to choose), by name; the most-held issuer and the
    first diamond-heavy fund by CIK."""
    with open(info.entities_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    names = Counter(r["name"] for r in rows)
    by_id = {r["id"]: r for r in rows}
    held: Counter[str] = Counter()
    with open(info.edges_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["kind"] == "holds":
                held[row["target"]] += 1
    top = by_id[by_id[held.most_common(1)[0][0]]["issuer_id"]]

    def first(kind: str) -> str:
        return next(r["name"] for r in rows if r["kind"] == kind and names[r["name"]] == 1)

    return {
        "fund": first("fund"),
        "issuer": first("issuer"),
        "most-held issuer": top["cik"],
        "person": first("person"),
        "diamond subject": info.diamond_ciks[0],
    }


def warm(store_path: Path, n: int = 60, seed: int = 0) -> dict[str, float]:
    """Warm who-controls through the Python API: p50/p99 wall and cpu in ms, with paths."""
    from ownergraph.graph.engine import Engine
    from ownergraph.graph.store import Store

    with Store(store_path) as st:
        e = Engine(st)
        ids = [r[0] for r in st._rows("SELECT id FROM parties ORDER BY id")]
        rnd = random.Random(seed)
        picks: list[str] = []
        while len(picks) < min(n, len(ids)):  # a merged id is no node of the graph
            pid = rnd.choice(ids)
            if pid not in picks and e.cols.find(pid) is not None:
                picks.append(pid)
        e.who_controls(picks[0])  # maps the columns
        walls, cpus = [], []
        for pid in picks:
            t0, c0 = time.perf_counter(), time.process_time()
            e.who_controls(pid)
            walls.append((time.perf_counter() - t0) * 1e3)
            cpus.append((time.process_time() - c0) * 1e3)
        e.close()

    def pct(xs: list[float], q: float) -> float:
        xs = sorted(xs)
        return round(xs[min(len(xs) - 1, int(q * len(xs)))], 2)

    return {
        "wall_p50_ms": pct(walls, 0.5),
        "wall_p99_ms": pct(walls, 0.99),
        "cpu_p50_ms": pct(cpus, 0.5),
        "cpu_p99_ms": pct(cpus, 0.99),
        "n": len(picks),
    }


def run(
    size: str, *, store: Path, load: bool = True, seed: int = 0, skip: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """Every figure of the product path at one size (``skip``: subject labels, ``attribute``
    or ``warm`` left out)."""
    info = generator.ensure(size, ROOT / "bench-data" / f"{size}-{seed}", seed=seed)
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    out: dict[str, Any] = {"size": size, "commit": commit, "parties": info.parties,
                           "edges": info.edges}  # fmt: skip
    if load:
        for p in store.parent.glob(store.name + "*"):
            shutil.rmtree(p) if p.is_dir() else p.unlink()
        out["load"] = timed(
            [*EXE, "load", info.entities_path, info.edges_path, "--store", str(store)]
        )
        out["store_mb"] = round(
            sum(p.stat().st_size for p in store.parent.glob(store.name + "*") if p.is_file())
            / 2**20
        )
    subs = subjects(info)
    out["who-controls"] = {
        label: {"subject": s, **timed([*EXE, "who-controls", s, "--store", str(store)])}
        for label, s in subs.items()
        if label not in skip
    }
    if "attribute" not in skip:
        out["attribute most-held issuer"] = timed(
            [*EXE, "attribute", subs["most-held issuer"], "--store", str(store)]
        )
    if "warm" not in skip:
        out["warm API who-controls"] = warm(store)
    return out


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print."""
    ap = argparse.ArgumentParser(
        prog="python -m ownergraph.benchmarks.product", description=__doc__
    )
    ap.add_argument("--size", default="S", choices=sorted(generator.SIZES))
    ap.add_argument("--store", type=Path, default=None, help="store file (default: /tmp)")
    ap.add_argument("--no-load", action="store_true", help="ask an already loaded store")
    ap.add_argument("--skip", default="", help="comma-separated: subject labels, attribute, warm")
    a = ap.parse_args(argv)
    store = a.store or Path("/tmp") / f"ownergraph-product-{a.size}.db"
    skip = frozenset(x.strip() for x in a.skip.split(",") if x.strip())
    print(json.dumps(run(a.size, store=store, load=not a.no_load, skip=skip), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
