"""Parse speed of the SEC loaders (BENCHMARKS.md, "Parse speed of the SEC loaders").

``python -m ownergraph.benchmarks.parse_speed --sets legfix,legcorp,xmlfix,f345 --runs 3``
times :func:`ownergraph.loaders.parse_bytes` in CPU seconds (``time.process_time``, best of
``--runs`` rounds in one process, after one warm-up parse of every file). The sets:

- ``legfix``: the legacy 13D/G fixtures (``tests/fixtures/sec13dg-legacy``), 20 times each;
- ``legcorp``: the legacy 13D/G documents of ``../shared/corpus``, once each;
- ``xmlfix``: the XML 13D/G fixtures (``tests/fixtures/sec13dg-xml``), 50 times each;
- ``f345``: the Forms 3/4/5 of ``../shared/corpus``, once each.

The files are always this checkout's; the code parsed with is whatever ``ownergraph`` is
imported, so an older commit is measured with ``PYTHONPATH=<its work tree>`` (a work tree with
``../shared`` beside it). A machine shared with other work moves these figures by tens of
percent: compare trees alternated within one run, never against another day's figures. A file
that a tree refuses is counted up to its error and reported. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"
_TEXT = {".txt", ".htm", ".html"}


def _files(folder: Path, suffixes: set[str]) -> list[bytes]:
    if not folder.is_dir():
        return []
    return [p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix.lower() in suffixes]


def sets() -> dict[str, tuple[list[bytes], int]]:
    """The named sets: (documents, repetitions)."""
    return {
        "legfix": (_files(FIXTURES / "sec13dg-legacy", _TEXT), 20),
        "legcorp": (_files(CORPUS / "sec13dg-legacy", _TEXT), 1),
        "xmlfix": (_files(FIXTURES / "sec13dg-xml", {".xml"}), 50),
        "f345": (_files(CORPUS / "form345", {".xml", ".txt"}), 1),
    }


def _parse_all(docs: list[bytes]) -> int:
    from ownergraph.loaders import parse_bytes

    errors = 0
    for doc in docs:
        try:
            parse_bytes(doc)
        except Exception:  # noqa: BLE001 -- a tree that refuses a file is timed up to it
            errors += 1
    return errors


def measure(docs: list[bytes], reps: int) -> float:
    """CPU seconds of ``reps`` parses of every document."""
    gc.collect()
    t0 = time.process_time()
    for _ in range(reps):
        _parse_all(docs)
    return time.process_time() - t0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="legfix,legcorp,xmlfix,f345")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    import ownergraph.loaders

    known = sets()
    print("code:", Path(ownergraph.loaders.__file__).resolve().parent.parent)
    for name in args.sets.split(","):
        docs, reps = known[name]
        if not docs:
            print(f"{name}: no files")
            continue
        errors = _parse_all(docs)  # warm-up: imports, compiled patterns
        runs = [measure(docs, reps) for _ in range(args.runs)]
        best = min(runs)
        n = len(docs) * reps
        print(
            f"{name}: {len(docs)} files x {reps}, best {best:.2f} s cpu "
            f"({n / best:.1f} docs/cpu-s), runs {' '.join(f'{t:.2f}' for t in runs)}"
            + (f", {errors} refused" if errors else "")
        )


if __name__ == "__main__":
    main()
