"""The wheel installs one namespace: ``ownergraph.*`` and nothing else in site-packages.

Built with ``pip wheel --no-deps`` (no build isolation: offline, with the setuptools of the
test extras), installed into a clean venv whose site-packages already holds dummy packages
named ``cli`` and ``graph``; the dependencies come from the project's venv through
PYTHONPATH (no network). The CLI must run and the dummies must stay themselves.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"
#: The folders pyproject maps into the ownergraph namespace.
PACKAGES = ("ownergraph", "graph", "loaders", "queries", "cli", "benchmarks", "explorer")
_IGNORE = {"ignore": shutil.ignore_patterns("__pycache__", "*.pyc")}


def _run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False, **kw)


@pytest.mark.slow
def test_wheel_installs_beside_packages_named_cli_and_graph(tmp_path: Path) -> None:
    src = tmp_path / "src"  # a copy: the build writes build/ and *.egg-info beside it
    for part in (*PACKAGES, "pyproject.toml", "README.md"):
        copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy2
        copy(ROOT / part, src / part, **_IGNORE if (ROOT / part).is_dir() else {})
    dist = tmp_path / "dist"
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
        + ["--disable-pip-version-check", "-q", "-w", str(dist), str(src)],
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("ownergraph-*.whl")
    tops = {name.split("/", 1)[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"ownergraph"}
    with zipfile.ZipFile(wheel) as zf:  # the Cypher library and the pages travel too
        names = set(zf.namelist())
    assert any(n.startswith("ownergraph/queries/cypher/") and n.endswith(".cypher") for n in names)
    assert "ownergraph/explorer/pages/explore.py" in names
    assert "ownergraph/explorer/favicon.png" in names  # the app serves its own tab icon

    venv = tmp_path / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    assert made.returncode == 0, made.stderr
    py = venv / "bin" / "python"
    site = Path(
        _run(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
        ).stdout.strip()
    )
    for name in ("cli", "graph"):  # someone else's packages with our folder names
        (site / name).mkdir(parents=True)
        (site / name / "__init__.py").write_text(f'WHO = "dummy {name}"\n')
    installed = _run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "-q"]
        + ["--no-index", "--disable-pip-version-check", str(wheel)]
    )
    assert installed.returncode == 0, installed.stderr
    assert sorted(p.name for p in site.iterdir() if not p.name.endswith(".dist-info")) == [
        "cli",
        "graph",
        "ownergraph",
    ]

    deps = sysconfig.get_paths()["purelib"]  # the project venv's site-packages, no network
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "OWNERGRAPH_"))}
    env |= {"PYTHONPATH": deps, "OWNERGRAPH_STORE": str(tmp_path / "s.db")}
    where = _run(
        [
            str(py),
            "-c",
            "import ownergraph.cli, cli, graph; print(ownergraph.cli.__file__);"
            " print(cli.WHO, graph.WHO)",
        ],  # fmt: skip
        env=env,
        cwd=tmp_path,
    )
    assert where.returncode == 0, where.stderr
    lines = where.stdout.splitlines()
    assert lines[0].startswith(str(site / "ownergraph" / "cli"))  # the wheel, not the checkout
    assert lines[1] == "dummy cli dummy graph"

    exe = str(venv / "bin" / "ownergraph")
    helped = _run([exe, "--help"], env=env, cwd=tmp_path)
    assert helped.returncode == 0, helped.stderr
    assert "who-controls" in helped.stdout and "load" in helped.stdout
    parsed = _run([exe, "parse", str(SEED)], env=env, cwd=tmp_path)
    assert parsed.returncode == 0, parsed.stderr
    # read off the seed's cover pages: CUSIP 53634X100; Obus row 8 shared 3,731,323, row 13
    # 8.34%; the first fund's row 7 1,019,531
    assert "CUSIP 53634X100" in parsed.stdout
    assert "Nelson Obus: sole vote 0, shared vote 3731323, aggregate 3731323, 8.34%" in (
        parsed.stdout
    )
    assert "Wynnefield Partners Small Cap Value, L.P.: sole vote 1019531" in parsed.stdout
