"""`ownergraph app` (cli.app): a taken port is a one-line error, ``--port 0`` picks a free
one, and the explorer makes no request that leaves the machine (checked in Debian chromium:
every request the pages make goes to the app's own address; the favicon is the app's file).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.cli import main
from tests.test_app import OBUS, make_store
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
LOCAL = {"localhost", "127.0.0.1", "::1", "[::1]"}


def test_a_taken_port_is_a_clear_one_line_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        res = CliRunner().invoke(
            main, ["app", "--no-sample", "--port", str(port), "--store", str(tmp_path / "s.db")]
        )
    assert res.exit_code == 2
    assert res.stderr == (
        f"ownergraph: error: port {port} on localhost is in use (another ownergraph app?):"
        " stop it, or choose another with --port N (--port 0 picks a free one)\n"
    )
    assert "explorer on" not in res.stdout  # nothing claims to serve


@pytest.mark.browser
@pytest.mark.slow
def test_port_0_serves_and_no_request_leaves_the_machine(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    store = make_store(tmp_path / "app.db")
    env = {k: v for k, v in os.environ.items() if not k.startswith("OWNERGRAPH_NEO4J")}
    log = tmp_path / "app.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", "from ownergraph.cli import main; main()", "app",
             "--port", "0", "--no-sample", "--store", str(store)],
            stdout=out, stderr=subprocess.STDOUT, env=env, cwd=tmp_path,
        )  # fmt: skip
    try:
        url = None
        deadline = time.monotonic() + 60
        while url is None or not _healthy(url):
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            first = log.read_text().splitlines()[:1]
            if first and first[0].startswith("ownergraph explorer on http://localhost:"):
                url = first[0].split(" ")[3]
            time.sleep(0.3)
        port = int(url.rsplit(":", 1)[1])
        assert port not in (0, 8501)
        requests: list[str] = []
        assert CHROMIUM.exists(), "Debian chromium is missing (.ci/run installs it)"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("request", lambda r: requests.append(r.url))
            page.goto(url)
            page.wait_for_selector("iframe", timeout=60_000)
            page.goto(f"{url}/who_controls")
            page.get_by_text(OBUS).first.wait_for(timeout=60_000)
            page.wait_for_timeout(1500)
            icon = page.evaluate(
                "[...document.querySelectorAll('link[rel~=icon]')].map(l => l.href)"
            )
            browser.close()
        outside = [
            u
            for u in requests
            if urllib.parse.urlsplit(u).scheme not in ("data", "blob", "about")
            and urllib.parse.urlsplit(u).hostname not in LOCAL
        ]
        assert outside == [], outside
        assert len(requests) > 10  # the pages did load (scripts, fonts, the websocket ...)
        # the tab icon is the app's own PNG (explorer/favicon.png), served from the app
        assert icon and all(urllib.parse.urlsplit(h).hostname in LOCAL for h in icon), icon
        with urllib.request.urlopen(icon[-1], timeout=5) as r:  # noqa: S310 - localhost
            served = r.read()
        assert served == (ROOT / "explorer" / "favicon.png").read_bytes()
        assert "External URL" not in log.read_text()  # no look-up of the public address
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:  # noqa: S310
            return r.status == 200
    except OSError:
        return False
