"""``ownergraph app``: open the explorer on the store, with the sample data loaded."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ownergraph.cli import main
from ownergraph.cli.options import settings, store_option

if TYPE_CHECKING:
    from ownergraph.graph.store import Store

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "explorer" / "app.py"
DATA = ROOT / "data"


def ensure_sample_data(store: Store, data_dir: Path = DATA) -> list[str]:
    """Load every file of ``data_dir`` that the store does not hold yet; return their names.

    A file counts as loaded when a document with its sha256 is in the store, so nothing is
    parsed twice.
    """
    from ownergraph.loaders import parse_path

    have = {d.sha256 for d in store.documents()}
    todo = (
        [
            p
            for p in sorted(data_dir.iterdir())
            if p.is_file() and not p.name.startswith(".")
            if hashlib.sha256(p.read_bytes()).hexdigest() not in have
        ]
        if data_dir.is_dir()
        else []
    )
    if todo:
        store.load_many([parse_path(p) for p in todo])
    return [p.name for p in todo]


@main.command("app")
@store_option
@click.option("--port", type=int, default=8501, show_default=True, help="Port to serve on.")
@click.option(
    "--headless/--browser",
    default=True,
    show_default=True,
    help="Serve without opening a browser window (--browser opens one; Streamlit then asks"
    " once for an e-mail address on its first run).",
)
@click.option("--no-sample", is_flag=True, help="Do not load the sample data from data/.")
def app_command(store_path: Path | None, port: int, headless: bool, no_sample: bool) -> None:
    """Open the explorer (Streamlit) on the store, loading the sample data first.

    The command then replaces itself with the Streamlit server (``os.execve``): stopping it
    (Ctrl-C, SIGTERM) stops the server.

    \b
    Example:
      ownergraph app
      ownergraph app --store my.db --port 8600 --headless
    """
    cfg = settings(store_path)
    store = Path(cfg.store).resolve()  # absolute: streamlit runs from the repository root
    if not no_sample:
        from ownergraph.graph.store import Store

        with Store(store) as s:
            loaded = ensure_sample_data(s)
        for name in loaded:
            click.echo(f"loaded sample data: {name}")
    env = {**os.environ, "OWNERGRAPH_STORE": str(store)}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.port",
        str(port),
        "--server.headless",
        "true" if headless else "false",
        "--browser.gatherUsageStats",
        "false",
    ]
    click.echo(f"ownergraph explorer on http://localhost:{port} (store {store})")
    sys.stdout.flush()
    sys.stderr.flush()
    # Become streamlit (same pid): a signal to this command reaches the server itself, so
    # stopping the command stops the server and frees the port; nothing is left orphaned.
    os.chdir(ROOT)
    os.execve(sys.executable, cmd, env)
