"""A synthetic GLEIF RR-CDF golden copy (XML), parsed whole and streamed: peak memory.

``python -m ownergraph.benchmarks.gleif_stream --records 200000`` writes
``bench-data/gleif-rr-<records>/rr.xml`` (reused when present; element names of the RR-CDF
2016 schema, LEIs made up: ``5493`` + 16 digits, chains of subsidiaries under a few
hundred parents) and measures, each in a child process, the peak resident memory
(``ru_maxrss``) and CPU of ``loaders.gleif.parse`` (whole file) and of
``loaders.gleif_stream.iter_parsed`` (streamed in batches).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<rr:RelationshipData xmlns:rr="http://www.gleif.org/data/schema/rr/2016">\n'
    "<rr:Header><rr:ContentDate>2024-06-01T00:00:00Z</rr:ContentDate>"
    "<rr:FileContent>GLEIF_FULL_PUBLISHED</rr:FileContent>"
    "<rr:RecordCount>{n}</rr:RecordCount></rr:Header>\n<rr:RelationshipRecords>\n"
)
_REC = (
    "<rr:RelationshipRecord><rr:Relationship>"
    "<rr:StartNode><rr:NodeID>{a}</rr:NodeID><rr:NodeIDType>LEI</rr:NodeIDType></rr:StartNode>"
    "<rr:EndNode><rr:NodeID>{b}</rr:NodeID><rr:NodeIDType>LEI</rr:NodeIDType></rr:EndNode>"
    "<rr:RelationshipType>{t}</rr:RelationshipType>"
    "<rr:RelationshipPeriods><rr:RelationshipPeriod><rr:StartDate>2016-02-23T00:00:00Z"
    "</rr:StartDate><rr:PeriodType>RELATIONSHIP_PERIOD</rr:PeriodType></rr:RelationshipPeriod>"
    "</rr:RelationshipPeriods><rr:RelationshipStatus>ACTIVE</rr:RelationshipStatus>"
    "</rr:Relationship><rr:Registration>"
    "<rr:InitialRegistrationDate>2020-07-06T14:17:10Z</rr:InitialRegistrationDate>"
    "<rr:LastUpdateDate>2024-05-06T09:56:04Z</rr:LastUpdateDate>"
    "<rr:RegistrationStatus>PUBLISHED</rr:RegistrationStatus>"
    "<rr:ManagingLOU>5493001KJTIIGC8Y1R12</rr:ManagingLOU>"
    "<rr:ValidationSources>FULLY_CORROBORATED</rr:ValidationSources>"
    "</rr:Registration></rr:RelationshipRecord>\n"
)


def lei(i: int) -> str:
    """A made-up LEI (20 characters)."""
    return f"5493{i:016d}"


def generate(records: int, out: Path, *, seed: int = 0) -> Path:
    """Write an RR-CDF file of ``records`` relationships unless it exists; return it."""
    if out.exists():
        return out
    rng = random.Random(seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".part")
    types = ("IS_DIRECTLY_CONSOLIDATED_BY", "IS_ULTIMATELY_CONSOLIDATED_BY")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(_HEAD.format(n=records))
        for i in range(records):
            parent = rng.randrange(max(1, records // 50))
            f.write(_REC.format(a=lei(records + i), b=lei(parent), t=rng.choice(types)))
        f.write("</rr:RelationshipRecords>\n</rr:RelationshipData>\n")
    tmp.replace(out)
    return out


_WHOLE = (
    "import sys; from ownergraph.loaders.gleif import parse\n"
    "pd = parse(open(sys.argv[1], 'rb'), path=sys.argv[1])\n"
    "print(len(pd.links), 'links')\n"
)
_STREAM = (
    "import sys; from ownergraph.loaders.gleif_stream import iter_parsed\n"
    "n = sum(len(pd.links) for pd in iter_parsed(sys.argv[1]))\n"
    "print(n, 'links')\n"
)


def _child(code: str, path: Path) -> dict:
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-2000:])
    return {
        "seconds": round(wall, 1),
        "cpu_seconds": round(ru.ru_utime + ru.ru_stime - ru0.ru_utime - ru0.ru_stime, 1),
        "peak_rss_mb": round(ru.ru_maxrss / 1024, 1),
        "out": proc.stdout.strip(),
    }


def main(argv: list[str] | None = None) -> int:
    """Generate, measure the whole parse then the streamed one, print JSON."""
    ap = argparse.ArgumentParser(prog="python -m ownergraph.benchmarks.gleif_stream")
    ap.add_argument("--records", type=int, default=200_000)
    ap.add_argument("--stream-only", action="store_true")
    a = ap.parse_args(argv)
    path = generate(a.records, ROOT / "bench-data" / f"gleif-rr-{a.records}" / "rr.xml")
    out = {"records": a.records, "file_mb": round(path.stat().st_size / 1e6, 1)}
    out["streamed"] = _child(_STREAM, path)  # first: ru_maxrss of children only grows
    if not a.stream_only:
        out["whole"] = _child(_WHOLE, path)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
