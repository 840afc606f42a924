"""``ownergraph app``: open the explorer on the store, with the sample data loaded."""

from __future__ import annotations

import errno
import hashlib
import os
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ownergraph.cli import main
from ownergraph.cli.options import settings, store_option
from ownergraph.graph.errors import OwnergraphError

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


def _addresses(address: str, port: int) -> list[tuple]:
    """Every socket address ``address`` stands for (localhost: IPv4 and IPv6)."""
    wildcard = address in ("", "0.0.0.0", "::")  # noqa: S104 - the user's choice
    try:
        infos = socket.getaddrinfo(
            None if wildcard else address, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except socket.gaierror as exc:
        raise click.BadParameter(
            f"cannot resolve {address!r}: {exc}", param_hint="--address"
        ) from exc
    return [(family, sockaddr) for family, _, _, _, sockaddr in infos]


def check_port(address: str, port: int) -> None:
    """Raise a one-line error (exit 2) when ``port`` is taken on ``address``.

    The test binds as the server will (``SO_REUSEADDR``, so a port left in TIME_WAIT by a
    stopped server counts as free); a port someone listens on does not bind.
    """
    for family, sockaddr in _addresses(address, port):
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                s.bind(sockaddr)
            except OSError as exc:
                if exc.errno == errno.EADDRNOTAVAIL:  # e.g. no IPv6 on this machine
                    continue
                raise OwnergraphError(
                    f"port {port} on {address} is in use (another ownergraph app?): stop it,"
                    " or choose another with --port N (--port 0 picks a free one)"
                ) from exc


def free_port(address: str) -> int:
    """A port nobody listens on, on every address ``address`` stands for."""
    for _ in range(20):
        family, sockaddr = _addresses(address, 0)[0]
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.bind(sockaddr)
            port = int(s.getsockname()[1])
        try:
            check_port(address, port)
        except OwnergraphError:
            continue
        return port
    raise OwnergraphError("no free port found; choose one with --port N")


@main.command("app")
@store_option
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8501,
    show_default=True,
    help="Port to serve on; 0 picks a free one.",
)
@click.option(
    "--address",
    default="localhost",
    show_default=True,
    help="Address to listen on (0.0.0.0 serves other machines on your network too).",
)
@click.option(
    "--headless/--browser",
    default=True,
    show_default=True,
    help="Serve without opening a browser window (--browser opens one; Streamlit then asks"
    " once for an e-mail address on its first run).",
)
@click.option("--no-sample", is_flag=True, help="Do not load the sample data from data/.")
def app_command(
    store_path: Path | None, port: int, address: str, headless: bool, no_sample: bool
) -> None:
    """Open the explorer (Streamlit) on the store, loading the sample data first.

    The command then replaces itself with the Streamlit server (``os.execve``): stopping it
    (Ctrl-C, SIGTERM) stops the server. A port already in use is an error before anything
    starts (``--port 0`` picks a free one). Nothing leaves the machine: usage statistics are
    off, the server never looks up its external address, the favicon and fonts are served
    by the app itself.

    \b
    Example:
      ownergraph app
      ownergraph app --store my.db --port 8600 --headless
      ownergraph app --port 0
    """
    port = free_port(address) if port == 0 else port
    check_port(address, port)
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
        "--server.address",
        address,
        "--browser.gatherUsageStats",
        "false",
    ]
    host = "localhost" if address in ("localhost", "127.0.0.1", "::1") else address
    click.echo(f"ownergraph explorer on http://{host}:{port} (store {store})")
    sys.stdout.flush()
    sys.stderr.flush()
    # Become streamlit (same pid): a signal to this command reaches the server itself, so
    # stopping the command stops the server and frees the port; nothing is left orphaned.
    os.chdir(ROOT)
    os.execve(sys.executable, cmd, env)
