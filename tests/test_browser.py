"""Real-browser test: Debian chromium through Playwright (never a downloaded browser).

Starts ``streamlit run app.py`` on a temporary store holding the seed and two hostile
parties, then checks that the graph canvas draws, that the who-controls card shows Nelson
Obus and Joshua Landes with 3,731,324 shares, and that hostile names run no script and show
as text (in the card and in a graph tooltip). Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_app import HOSTILE_IMG, HOSTILE_SCRIPT, LANDES, OBUS, make_store

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a free port, on a temporary store with the seed and the hostile parties."""
    tmp = tmp_path_factory.mktemp("browser")
    store = make_store(tmp / "browser.db")
    port = _free_port()
    env = {**os.environ, "OWNERGRAPH_STORE": str(store)}
    env.pop("OWNERGRAPH_NEO4J_URI", None)
    log = (tmp / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
            "--server.headless", "true",
            "--server.port", str(port),
            "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ],
        cwd=str(ROOT), env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:  # noqa: S310
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((tmp / "streamlit.log").read_text())
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian chromium, headless; the test fails (never skips) if it is missing."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Debian chromium is missing (.ci/run installs it)"
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def _page(browser: object, dialogs: list[str]):  # noqa: ANN202 - playwright Page
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    # any script a hostile name manages to run would set this flag or open a dialog
    ctx.add_init_script("window.__xss = false; window.alert = (m) => { window.__xss = true; };")
    page = ctx.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return page


def _graph_frame(page):  # noqa: ANN001, ANN202 - playwright types
    page.wait_for_selector("iframe", timeout=60_000)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate("document.body && document.body.dataset.ogDrawn === '1'"):
                    return frame
            except Exception:  # noqa: BLE001 - frames come and go while streamlit reruns
                continue
        time.sleep(0.3)
    raise AssertionError("the pyvis graph never finished drawing")


def _no_script_ran(page, dialogs: list[str]) -> None:  # noqa: ANN001
    assert dialogs == [], f"a dialog opened: {dialogs}"
    for frame in page.frames:
        try:
            flag = frame.evaluate("window.__xss === true")
            injected = frame.evaluate("document.querySelectorAll('img[src=\"x\"]').length")
        except Exception:  # noqa: BLE001 - detached frame
            continue
        assert not flag, f"hostile script ran in {frame.url}"
        assert injected == 0, f"a hostile <img> was inserted in {frame.url}"


def test_explore_draws_canvas_and_escapes(server: str, browser: object) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    dialogs: list[str] = []
    page = _page(browser, dialogs)
    page.goto(server)
    frame = _graph_frame(page)
    assert frame.locator("canvas").count() >= 1
    size = frame.evaluate(
        "(() => { const c = document.querySelector('canvas'); return [c.width, c.height]; })()"
    )
    assert size[0] > 100 and size[1] > 100
    labels = frame.evaluate("window.ogNetwork.body.data.nodes.get().map(n => n.label)")
    assert any(lb.replace("\n", " ").startswith(HOSTILE_IMG) for lb in labels), labels
    # the legend is a strip above the canvas: it covers no node
    legend = frame.locator("#og-legend .it").first.bounding_box()
    graph_box = frame.locator("#og-graph").bounding_box()
    assert legend and graph_box and legend["y"] + legend["height"] <= graph_box["y"] + 1
    # every control shows in full: no pill is cut off by its column
    clipped = page.evaluate(
        """(() => [...document.querySelectorAll('[data-testid="stButtonGroup"] button')]
             .filter(b => { const r = b.getBoundingClientRect();
                            let p = b.parentElement;
                            while (p && getComputedStyle(p).overflow === 'visible') {
                              p = p.parentElement; }
                            if (!p) return false;
                            const q = p.getBoundingClientRect();
                            return r.right > q.right + 1 || r.left < q.left - 1; })
             .map(b => b.innerText))()"""
    )
    assert clipped == [], f"clipped controls: {clipped}"
    pills = page.locator('[data-testid="stButtonGroup"] button').count()
    assert pills >= 8, pills  # two directions and six edge kinds
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "explore.png"), full_page=True)
    # hover the hostile node: its tooltip shows the name as text
    pos = frame.evaluate(
        """(() => {
          const net = window.ogNetwork;
          const n = net.body.data.nodes.get().find(n => n.label.startsWith('<img'));
          const p = net.canvasToDOM(net.getPosition(n.id));
          return [p.x, p.y];
        })()"""
    )
    graph_box = frame.locator("#og-graph").bounding_box()  # relative to the main viewport
    page.mouse.move(graph_box["x"] + pos[0], graph_box["y"] + pos[1])
    tip = frame.locator(".vis-tooltip")
    tip.wait_for(state="visible", timeout=10_000)
    assert HOSTILE_IMG in tip.inner_text()
    page.screenshot(path=str(ARTIFACTS / "explore-tooltip.png"))
    _no_script_ran(page, dialogs)


def test_who_controls_card(server: str, browser: object) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    dialogs: list[str] = []
    page = _page(browser, dialogs)
    page.goto(f"{server}/who_controls")
    page.get_by_text("Who ultimately controls").wait_for(timeout=60_000)
    for name in (OBUS, LANDES):
        line = page.locator("p", has_text=name).filter(has_text="shares").first
        text = line.inner_text()
        assert "3,731,324 shares" in text, text
    # hostile names are shown as their characters
    page.get_by_text(HOSTILE_IMG).first.wait_for(timeout=10_000)
    page.get_by_text(HOSTILE_SCRIPT).first.wait_for(timeout=10_000)  # rendered as text
    page.screenshot(path=str(ARTIFACTS / "who-controls-card.png"), full_page=True)
    page.get_by_text("Explain: Nelson Obus").first.click()
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "who-controls.png"), full_page=True)
    _no_script_ran(page, dialogs)


def test_filings_page_renders(server: str, browser: object) -> None:
    dialogs: list[str] = []
    page = _page(browser, dialogs)
    page.goto(f"{server}/filings")
    page.get_by_text("Computed vs filed cover pages").wait_for(timeout=60_000)
    page.locator("[data-testid='stDataFrame'] canvas").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / "filings.png"), full_page=True)
    _no_script_ran(page, dialogs)


def test_2000_node_graph_draws_in_chromium(browser: object, tmp_path: Path) -> None:
    """The 2,000-node page draws in the browser; prints the time (no timing assertion)."""
    from ownergraph.explorer.render import render
    from ownergraph.explorer.subgraph import SubgraphOptions, generated_graph, neighbourhood

    G = generated_graph(1_900, managers=20, securities=60)
    sub = neighbourhood(
        G, "p0", options=SubgraphOptions(up=False, depth=4, max_children=10_000,
                                         collapse_funds_over=10**9, max_nodes=10_000),
    )  # fmt: skip
    page_file = tmp_path / "big.html"
    page_file.write_text(render(sub), encoding="utf-8")
    dialogs: list[str] = []
    page = _page(browser, dialogs)
    t0 = time.perf_counter()
    page.goto(page_file.as_uri())
    page.wait_for_selector("body[data-og-drawn='1']", timeout=60_000)
    drawn = time.perf_counter() - t0
    t1 = time.perf_counter()
    page.mouse.move(600, 300)
    page.mouse.wheel(0, -300)  # zoom: a redraw
    page.evaluate("window.ogNetwork.redraw()")
    redraw = time.perf_counter() - t1
    print(
        f"\nchromium: {len(sub.nodes):,} nodes drawn in {drawn:.2f} s; zoom + redraw {redraw:.2f} s"
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "graph-2000.png"))
    assert page.locator("canvas").count() == 1


_GEOMETRY = """(() => {
  const net = window.ogNetwork;
  const pos = net.getPositions();
  const real = net.body.data.nodes.get().filter(n => !String(n.id).startsWith('via:'));
  const boxes = {};
  real.forEach(n => { boxes[n.id] = net.getBoundingBox(n.id); });
  function crosses(a, b, r) {  /* Liang-Barsky: the segment a-b enters the box's inside */
    const x0 = r.left + 1, x1 = r.right - 1, y0 = r.top + 1, y1 = r.bottom - 1;
    const dx = b.x - a.x, dy = b.y - a.y;
    let lo = 0, hi = 1;
    for (const [p, q] of [[-dx, a.x - x0], [dx, x1 - a.x], [-dy, a.y - y0], [dy, y1 - a.y]]) {
      if (Math.abs(p) < 1e-12) { if (q <= 0) return false; continue; }
      const t = q / p;
      if (p < 0) lo = Math.max(lo, t); else hi = Math.min(hi, t);
      if (lo >= hi) return false;
    }
    return hi - lo > 1e-9;
  }
  const bad = [];
  net.body.data.edges.get().forEach(e => {
    real.forEach(n => {
      if (n.id === e.from || n.id === e.to) return;
      if (crosses(pos[e.from], pos[e.to], boxes[n.id])) bad.push([e.id, n.label]);
    });
  });
  const canvas = document.querySelector('#og-graph canvas').getBoundingClientRect();
  const outside = real.filter(n => {
    const b = boxes[n.id];
    const tl = net.canvasToDOM({x: b.left, y: b.top}), br = net.canvasToDOM({x: b.right, y: b.bottom});
    return tl.x < -1 || tl.y < -1 || br.x > canvas.width + 1 || br.y > canvas.height + 1;
  }).map(n => n.label);
  return {bad, outside, labels: real.map(n => n.label), segments: net.body.data.edges.length};
})()"""


@pytest.mark.parametrize("width", [1400, 800])
def test_layered_graph_misleads_nobody(server: str, browser: object, width: int) -> None:
    """On the seed (and the hostile parties): no edge segment passes through a node's box,
    every label is distinct, the whole graph fits the canvas, and at 800 px no control is
    cut off. Screenshots: tests/artifacts/explore-layered-<width>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    dialogs: list[str] = []
    ctx = browser.new_context(viewport={"width": width, "height": 1000})  # type: ignore[attr-defined]
    page = ctx.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server)
    frame = _graph_frame(page)
    page.wait_for_timeout(500)
    geo = frame.evaluate(_GEOMETRY)
    assert geo["bad"] == [], geo["bad"]
    assert geo["outside"] == [], geo["outside"]
    assert len(geo["labels"]) == len(set(geo["labels"])) >= 9, geo["labels"]
    flat = [lb.replace("\n", " ") for lb in geo["labels"]]
    # the two Wynnefield Partners funds read apart (by hand: "..., L.P." and "..., L.P. I")
    assert any(lb.startswith("Wynnefield Partners Small Cap Value, L.P. I ") for lb in flat)
    assert any(
        re.match(r"Wynnefield Partners Small Cap Value, L\.P\. [\d,]+ sh$", lb) for lb in flat
    )
    clipped = page.evaluate(
        """(() => [...document.querySelectorAll('[data-testid="stButtonGroup"] button')]
             .filter(b => { const r = b.getBoundingClientRect();
                            if (r.right > window.innerWidth + 1 || r.left < -1) return true;
                            let p = b.parentElement;
                            while (p && getComputedStyle(p).overflow === 'visible') {
                              p = p.parentElement; }
                            if (!p) return false;
                            const q = p.getBoundingClientRect();
                            return r.right > q.right + 1 || r.left < q.left - 1; })
             .map(b => b.innerText))()"""
    )
    assert clipped == [], clipped
    iframe = page.locator("iframe").first.bounding_box()
    assert iframe and iframe["x"] >= 0 and iframe["x"] + iframe["width"] <= width + 1
    page.screenshot(path=str(ARTIFACTS / f"explore-layered-{width}.png"), full_page=True)
    assert dialogs == []
