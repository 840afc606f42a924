"""`ownergraph load PATH...` (cli.core): files and folders, per-file report, all or nothing
by default, ``--continue-on-error``, a progress bar on a terminal only.

Expected counts are read off the fixtures by hand: the diamond tabular graph has 6 parties
(alice, bob, mgr, fund1, fund2, acme), 1 security, 3 holdings (h1-h3) and 6 links (e1-e4,
o1, o2); the Stelmar 13G has 2 reporting persons (Centaurus Capital LP and Centaurus
Capital Limited), so 2 cover-page positions.
"""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.cli.core import collect_sources

FIX = Path(__file__).parent / "fixtures"
SEED = Path(__file__).parents[1] / "data" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"
STELMAR = FIX / "sec13dg-legacy" / "stelmar-shipping_centaurus-capital_sc13g_2004-12-23.txt"
DIAMOND = FIX / "tabular" / "diamond"
BROKEN_XML = (
    '<?xml version="1.0"?>\n<edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13D">'
    "<formData><coverPageHeader>"
)


def _download_folder(root: Path, *, broken: bool = False) -> Path:
    """An analyst's download folder: two filings, notes, a tabular graph in a subfolder."""
    root.mkdir()
    shutil.copy(SEED, root)
    (root / "13g").mkdir()
    shutil.copy(STELMAR, root / "13g")
    shutil.copytree(DIAMOND, root / "13g" / "graph")
    (root / "notes.md").write_text("# what I downloaded\n")
    (root / ".DS_Store").write_bytes(b"\x00\x01junk")
    if broken:
        (root / "13g" / "broken.xml").write_text(BROKEN_XML)
    return root


def _counts(runner: CliRunner, db: str) -> str:
    return runner.invoke(main, ["doctor", "--store", db]).stdout.splitlines()[0]


def test_a_folder_is_walked_and_a_csv_pair_stays_one_tabular_graph(tmp_path: Path) -> None:
    folder = _download_folder(tmp_path / "dl")
    assert [
        (s.path.relative_to(folder).as_posix(), s.named) for s in collect_sources((folder,))
    ] == [
        ("13g/graph", False),
        ("13g/stelmar-shipping_centaurus-capital_sc13g_2004-12-23.txt", False),
        ("liquidmetal-wynnefield-sc13da2-2008-09-30.txt", False),
        ("notes.md", False),
    ]
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    res = runner.invoke(main, ["load", str(folder), "--store", db, "--json"])
    assert res.exit_code == 0, res.output
    rows = {Path(r["path"]).name: r for r in json.loads(res.stdout)}
    assert rows["notes.md"]["status"] == "skipped"
    assert rows["entities.csv"]["status"] == "loaded"
    assert rows["entities.csv"]["counts"]["holdings"] == 3
    assert rows["entities.csv"]["counts"]["links"] == 6
    assert rows["entities.csv"]["counts"]["parties"] == 6
    assert rows[STELMAR.name]["counts"]["positions"] == 2
    assert rows[SEED.name]["counts"]["positions"] == 7  # seven cover pages in the seed
    assert _counts(runner, db).startswith("3 documents")
    again = runner.invoke(main, ["load", str(folder), "--store", db])  # idempotent, per file
    assert again.exit_code == 0
    assert f"{folder / SEED.name}: unchanged" in again.stdout
    assert "notes.md: skipped (not a format ownergraph reads)" in again.stdout
    assert "0 loaded, 3 unchanged, 1 skipped" in again.stderr


def test_one_bad_file_loads_nothing_by_default(tmp_path: Path) -> None:
    folder = _download_folder(tmp_path / "dl", broken=True)
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    res = runner.invoke(main, ["load", str(folder), "--store", db])
    assert res.exit_code == 2
    [line] = res.stderr.splitlines()
    assert line.startswith(f"ownergraph: error: {folder / '13g' / 'broken.xml'}: line 2")
    assert "malformed XML" in line
    assert _counts(runner, db).startswith("0 documents")


def test_continue_on_error_loads_the_good_files_and_lists_the_bad(tmp_path: Path) -> None:
    folder = _download_folder(tmp_path / "dl", broken=True)
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    res = runner.invoke(main, ["load", str(folder), "--store", db, "--continue-on-error"])
    assert res.exit_code == 1
    assert f"refused: {folder / '13g' / 'broken.xml'}: line 2" in res.stdout
    assert "3 loaded, 0 unchanged, 1 skipped, 1 refused" in res.stderr
    assert _counts(runner, db).startswith("3 documents")


def test_a_named_file_in_no_known_format_is_an_error_not_a_skip(tmp_path: Path) -> None:
    note = tmp_path / "notes.md"
    note.write_text("# not a filing\n")
    res = CliRunner().invoke(main, ["load", str(note), "--store", str(tmp_path / "s.db")])
    assert res.exit_code == 2
    assert "not a format ownergraph reads" in res.stderr


def test_the_progress_bar_shows_on_a_terminal_only(tmp_path: Path) -> None:
    folder = _download_folder(tmp_path / "dl")
    exe = [sys.executable, "-c", "from ownergraph.cli import main; main()"]
    env = {**os.environ, "COLUMNS": "100"}
    piped = subprocess.run(
        [*exe, "load", str(folder), "--store", str(tmp_path / "a.db")],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert piped.returncode == 0 and "parsing" not in piped.stderr
    master, slave = pty.openpty()
    tty = subprocess.run(
        [*exe, "load", str(folder), "--store", str(tmp_path / "b.db")],
        stdout=subprocess.DEVNULL, stderr=slave, env=env, timeout=60, check=False,
    )  # fmt: skip
    os.close(slave)
    seen = b""
    try:
        while chunk := os.read(master, 65536):
            seen += chunk
    except OSError:  # EIO once the terminal's other end is closed
        pass
    os.close(master)
    assert tty.returncode == 0
    # the tabular folder is streamed into the store (graph.bulk) with its own bar
    assert b"parsing" in seen and b"3/3" in seen and b"loading entities.csv" in seen
