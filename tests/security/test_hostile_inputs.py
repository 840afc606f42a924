"""The hostile-input corpus: every case gives a typed error naming file and place, exit
code 2 from the CLI with one line and no traceback, and leaves the store byte-for-byte
unchanged; cases that are still valid documents load and pass the integrity check.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.graph.errors import InputError, UnsupportedFormatError
from ownergraph.graph.store import Store
from ownergraph.loaders import MAX_BYTES, parse_path
from ownergraph.loaders.tabular import parse_dir
from tests.security import corpus
from tests.security.stats import STATS, attack_class

ROOT = Path(__file__).resolve().parents[2]
DIAMOND = ROOT / "tests" / "fixtures" / "tabular" / "diamond"
CASES = corpus.build()
TABULAR = corpus.tabular_cases()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the tabular diamond (and the seed, when it parses)."""
    path = tmp_path_factory.mktemp("baseline") / "store.db"
    with Store(path) as s:
        s.load(parse_dir(DIAMOND))
        try:
            s.load(parse_path(corpus.SEED))
        except InputError:
            pass
        s._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


class _Timeout(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _Timeout


def _class_of(name: str) -> str:
    """The attack class of a corpus case: its name without the offset or index."""
    return re.sub(r"(-truncated)-at-\d+$|-\d+$", r"\1", name)


def _check(path: Path, expect: str, baseline: Path, recognisable: bool = False) -> None:
    STATS["cases tried"] += 1
    attack_class(
        "hostile file: " + _class_of(path.parent.name if path.name == "edges.csv" else path.stem)
    )
    before = _sha(baseline)
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(30)
    try:
        try:
            parsed = parse_path(path)
            error = None
        except InputError as exc:
            parsed, error = None, exc
        except _Timeout:
            STATS["crashes"] += 1
            pytest.fail(f"{path.name}: parse took more than 30 s")
        except Exception as exc:  # noqa: BLE001 - that is the point of the test
            STATS["crashes"] += 1
            pytest.fail(f"{path.name}: untyped {type(exc).__name__}: {exc}")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    if expect == "error":
        assert error is not None, f"{path.name} parsed, but must be refused"
    if error is not None:
        STATS["typed errors"] += 1
        if recognisable:
            assert not isinstance(error, UnsupportedFormatError), f"{path.name}: {error}"
            assert error.place, f"{path.name}: no place in {error}"
        assert error.path == str(path)
        assert error.reason
        assert str(error).startswith(str(path))
        res = CliRunner().invoke(main, ["load", str(path), "--store", str(baseline)])
        assert res.exit_code == 2, res.output
        assert "Traceback" not in res.output
        assert len(res.stderr.strip().splitlines()) == 1
        assert str(path) in res.stderr
        changed = _sha(baseline) != before
        STATS["stores changed"] += changed
        assert not changed
    else:
        STATS["loaded (still valid)"] += 1
        scratch = path.parent / "scratch.db"
        with Store(scratch) as s:
            s.load(parsed)
            assert s.integrity_check() == []
            s.graph()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file(case: corpus.Case, baseline: Path, tmp_path: Path) -> None:
    path = tmp_path / case.filename
    path.write_bytes(case.data)
    _check(path, case.expect, baseline, case.recognisable)


@pytest.mark.parametrize(("name", "old", "new", "expect"), TABULAR, ids=[t[0] for t in TABULAR])
def test_hostile_tabular(
    name: str, old: str, new: str, expect: str, baseline: Path, tmp_path: Path
) -> None:
    folder = tmp_path / name
    shutil.copytree(DIAMOND, folder)
    text = (folder / "edges.csv").read_text()
    assert old in text
    (folder / "edges.csv").write_text(text.replace(old, new, 1))
    _check(folder / "edges.csv", expect, baseline, recognisable=True)


def _cli_limited(
    args: list[str], *, mem_bytes: int = 1536 * 1024**2
) -> subprocess.CompletedProcess:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mem_bytes, mem_bytes))

    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from ownergraph.cli import main; sys.exit(main())",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.mark.parametrize("name", ["xml-billion-laughs", "xxe-form4", "json-deeply-nested"])
def test_attacks_in_a_real_process_with_bounded_memory(
    name: str, baseline: Path, tmp_path: Path
) -> None:
    """In a separate process limited to 1.5 GB: exit code 2, one line, no traceback."""
    case = next(c for c in CASES if c.name == name)
    path = tmp_path / case.filename
    path.write_bytes(case.data)
    before = _sha(baseline)
    proc = _cli_limited(["load", str(path), "--store", str(baseline)])
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and str(path) in proc.stderr
    assert "root:" not in proc.stderr + proc.stdout  # /etc/passwd never read
    assert _sha(baseline) == before


def test_a_200_mb_file_is_refused_without_reading_it(baseline: Path, tmp_path: Path) -> None:
    """A 200 MB file (sparse, so the test writes nothing) is over the limit: refused at once."""
    STATS["cases tried"] += 1
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(200 * 1024 * 1024)
    assert path.stat().st_size > MAX_BYTES
    before = _sha(baseline)
    proc = _cli_limited(["load", str(path), "--store", str(baseline)], mem_bytes=1024**3)
    assert proc.returncode == 2
    assert "limit" in proc.stderr and str(path) in proc.stderr
    assert _sha(baseline) == before
    STATS["typed errors"] += 1


def test_corpus_is_large_enough() -> None:
    """The issue asks for at least 100 generated cases across every format."""
    assert len(CASES) + len(TABULAR) + 1 >= 100, len(CASES) + len(TABULAR)
