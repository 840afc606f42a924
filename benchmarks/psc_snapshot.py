"""A synthetic UK PSC snapshot, loaded through ``ownergraph load``: peak memory and time.

``python -m ownergraph.benchmarks.psc_snapshot --lines 1000000`` writes
``bench-data/psc-<lines>-<seed>/snapshot.txt`` (reused when present) in the Companies House
snapshot format (one ``{"company_number": ..., "data": {...}}`` per line, a totals line at
the end), then runs ``ownergraph load`` on it in a child process into a fresh store and
reports the wall time, the child's peak resident memory (``ru_maxrss``) and the store's
counts. With ``--parse-only`` it measures the streamed parse alone (no store).

The mix, per line: 70 % individuals (a name from 400 x 600 and a month/year of birth, so
namesakes exist as in the register), 18 % corporate PSCs (two thirds registered in the UK
under a company number of the file: chains form), 6 % statements, 3 % legal persons,
1 % super-secure, 2 % ceased; natures of control drawn from the statutory bands, with
as-trust / as-firm variants. Seeded: the same lines every run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_FIRST = [f"Given{i:03d}" for i in range(400)]
_LAST = [f"SURNAME{i:03d}" for i in range(600)]
_BANDS = ("25-to-50-percent", "50-to-75-percent", "75-to-100-percent")
_STATEMENTS = (
    "no-individual-or-entity-with-signficant-control",
    "steps-to-find-psc-not-yet-completed",
    "psc-exists-but-not-identified",
    "psc-details-not-confirmed",
)


def _natures(rng: random.Random) -> list[str]:
    b = rng.choice(_BANDS)
    out = [f"ownership-of-shares-{b}"]
    if rng.random() < 0.6:
        out.append(f"voting-rights-{b}")
    if rng.random() < 0.2:
        out.append("right-to-appoint-and-remove-directors")
    if rng.random() < 0.1:
        out.append("significant-influence-or-control")
    if rng.random() < 0.05:
        out = [n + rng.choice(("-as-trust", "-as-firm")) for n in out]
    return out


def generate(lines: int, out: Path, *, seed: int = 0) -> Path:
    """Write ``lines`` PSC lines (+ a totals line) to ``out`` unless it exists; return it."""
    if out.exists():
        return out
    rng = random.Random(seed)
    n_companies = max(1, int(lines * 0.6))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".part")
    with open(tmp, "w", encoding="utf-8") as f:
        for i in range(lines):
            num = f"{rng.randrange(n_companies) + 1:08d}"
            r = rng.random()
            self_link = f"/company/{num}/persons-with-significant-control/x/{i:x}"
            data: dict = {"etag": f"{i:040x}", "links": {"self": self_link}}
            if r < 0.70:
                first, last = rng.choice(_FIRST), rng.choice(_LAST)
                data.update(
                    kind="individual-person-with-significant-control",
                    name=f"Mx {first} {last}",
                    name_elements={"title": "Mx", "forename": first, "surname": last},
                    date_of_birth={"month": rng.randint(1, 12), "year": rng.randint(1930, 2000)},
                    nationality="British",
                    country_of_residence="England",
                    natures_of_control=_natures(rng),
                    notified_on="2016-04-06",
                )
            elif r < 0.88:
                uk = rng.random() < 2 / 3
                reg = f"{rng.randrange(n_companies) + 1:08d}" if uk else f"F{rng.randrange(10**6)}"
                data.update(
                    kind="corporate-entity-person-with-significant-control",
                    name=f"EXAMPLE {reg} LIMITED",
                    identification={
                        "registration_number": reg,
                        "place_registered": "Companies House" if uk else "Registre Exemple",
                        "country_registered": "England" if uk else "France",
                        "legal_authority": "Companies Act 2006" if uk else "Code de commerce",
                    },
                    natures_of_control=_natures(rng),
                    notified_on="2017-01-01",
                )
            elif r < 0.94:
                data.update(
                    kind="persons-with-significant-control-statement",
                    statement=rng.choice(_STATEMENTS),
                    notified_on="2016-07-13",
                )
            elif r < 0.97:
                data.update(
                    kind="legal-person-person-with-significant-control",
                    name=f"Example Authority {rng.randrange(5000)}",
                    identification={"legal_authority": "Local Government Act 1972"},
                    natures_of_control=[f"voting-rights-{rng.choice(_BANDS)}"],
                    notified_on="2018-05-01",
                )
            elif r < 0.98:
                data.update(kind="super-secure-person-with-significant-control")
            else:
                data.update(
                    kind="individual-person-with-significant-control",
                    name=f"Mx Former {i}",
                    natures_of_control=[f"ownership-of-shares-{rng.choice(_BANDS)}"],
                    notified_on="2016-04-06",
                    ceased_on="2019-12-31",
                )
            f.write(json.dumps({"company_number": num, "data": data}, separators=(",", ":")))
            f.write("\n")
        totals = {"kind": "totals#persons-of-significant-control-snapshot"}
        totals["persons_of_significant_control_count"] = lines  # type: ignore[assignment]
        f.write(json.dumps({"data": totals}, separators=(",", ":")) + "\n")
    tmp.replace(out)
    return out


def _child(argv: list[str]) -> dict:
    t0 = time.perf_counter()
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = ru0.ru_maxrss
    proc = subprocess.run(argv, capture_output=True, text=True, check=False)  # noqa: S603
    wall = time.perf_counter() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = ru.ru_maxrss
    cpu = ru.ru_utime + ru.ru_stime - ru0.ru_utime - ru0.ru_stime
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return {"seconds": round(wall, 1), "cpu_seconds": round(cpu, 1),
            "peak_rss_mb": round(max(peak, before) / 1024, 1),
            "stdout_tail": proc.stdout.strip().splitlines()[-1:]}  # fmt: skip


_PARSE_ONLY = (
    "import sys; from ownergraph.loaders.uk_psc import iter_parsed\n"
    "n = l = 0\n"
    "for pd in iter_parsed(sys.argv[1]):\n"
    "    n += len(pd.parties); l += len(pd.links)\n"
    "print(f'{n} party records, {l} links')\n"
)


def run(
    lines: int, *, seed: int = 0, parse_only: bool = False, data_dir: Path | None = None
) -> dict:
    """Generate (or reuse) the snapshot and measure one load of it."""
    folder = (data_dir or ROOT / "bench-data") / f"psc-{lines}-{seed}"
    t0 = time.perf_counter()
    snap = generate(lines, folder / "snapshot.txt", seed=seed)
    gen_s = time.perf_counter() - t0
    size_mb = snap.stat().st_size / 1e6
    if parse_only:
        res = _child([sys.executable, "-c", _PARSE_ONLY, str(snap)])
    else:
        store = Path(tempfile.mkdtemp(dir=folder)) / "store.db"
        exe = Path(sys.executable).with_name("ownergraph")
        res = _child([str(exe), "load", str(snap), "--store", str(store)])
        from ownergraph.graph.store import Store

        with Store(store) as s:
            res["counts"] = s.counts()
        res["store_mb"] = round(
            sum(p.stat().st_size for p in store.parent.rglob("*") if p.is_file()) / 1e6, 1
        )
    return {"lines": lines, "file_mb": round(size_mb, 1), "generate_s": round(gen_s, 1), **res}


def main(argv: list[str] | None = None) -> int:
    """Command line: generate, load, print the figures as JSON."""
    ap = argparse.ArgumentParser(prog="python -m ownergraph.benchmarks.psc_snapshot")
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--parse-only", action="store_true", help="stream the parse, no store")
    ap.add_argument("--data-dir", type=Path, default=None)
    a = ap.parse_args(argv)
    print(json.dumps(run(a.lines, seed=a.seed, parse_only=a.parse_only, data_dir=a.data_dir)))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
