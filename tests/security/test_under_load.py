"""Under load (issue 14, item 6): the app answering 20 concurrent sessions while a load
runs, a soak of 1,000 questions through the Python API, and 50 CLI processes at once.

The app is the real thing: ``streamlit run app.py`` (headless, loopback) and 20 browser
sessions speaking its websocket protocol (Streamlit's own protobuf messages), each asking
the Who-controls page about the fixtures store's first subject (Acme Corp, the tabular
diamond) while ``ownergraph load`` writes a larger document into the same store, one that
also adds a fund holding Acme's common stock under the same manager. The load is one
transaction, so every answer must equal the answer before the load or the one after it.
(AppTest cannot run sessions side by side: it builds and tears down one global runtime.)

The three tests take about 40 s together on two cores; marked ``slow``.
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ownergraph.graph.store import Store
from ownergraph.loaders import parse_path
from ownergraph.loaders.tabular import parse_dir
from tests.security.stats import STATS

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
DIAMOND = ROOT / "tests" / "fixtures" / "tabular" / "diamond"
SEED = ROOT / "data" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"
BODS = ROOT / "tests" / "fixtures" / "bods" / "jenex-mvj_entity-owning-entity_bods-0.4.json"
OWNERGRAPH = [sys.executable, "-c", "import sys; from ownergraph.cli import main; sys.exit(main())"]


def _fixtures_store(path: Path) -> Path:
    with Store(path) as s:
        s.load(parse_dir(DIAMOND))
        s.load(parse_path(SEED))
        s.load(parse_path(BODS))
    return path


def _big_folder(folder: Path, funds: int = 1500) -> Path:
    """The diamond plus ``funds`` funds holding another issuer's stock, and Fund III
    (400 shares of Acme's common stock) under the same manager: Alice's and Bob's
    aggregate goes from 1,750 to 2,150 shares."""
    shutil.copytree(DIAMOND, folder)
    ent = (folder / "entities.csv").read_text().rstrip("\n").split("\n")
    edg = (folder / "edges.csv").read_text().rstrip("\n").split("\n")
    width_e, width_g = ent[0].count(","), edg[0].count(",")
    ent.append("fund3,Example Fund III LP,fund" + "," * (width_e - 2))
    ent.append("other,Other Issuer Inc.,issuer" + "," * (width_e - 2))
    ent.append("other_common,Other Common Stock,security,,,,other" + "," * (width_e - 6))
    edg.append("e9,controls,mgr,fund3,general_partner" + "," * (width_g - 4))
    edg.append("h9,holds,fund3,acme_common,,400,common" + "," * (width_g - 6))
    for i in range(funds):
        ent.append(f"f{i},Filler Fund {i} LP,fund" + "," * (width_e - 2))
        edg.append(f"hf{i},holds,f{i},other_common,,{100 + i},common" + "," * (width_g - 6))
    (folder / "entities.csv").write_text("\n".join(ent) + "\n")
    (folder / "edges.csv").write_text("\n".join(edg) + "\n")
    return folder


# --------------------------------------------------------------------------- the app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _session(port: int, page: str = "who_controls") -> list[str]:
    """One browser session: run the page, collect what it draws until the script ends."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    out: list[str] = []
    async with websockets.connect(
        f"ws://127.0.0.1:{port}/_stcore/stream",
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=120,  # 20 handshakes at once on a loaded 2-core machine
    ) as ws:
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_name = page
        await ws.send(msg.SerializeToString())
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await asyncio.wait_for(ws.recv(), 90))
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                el = fwd.delta.new_element
                what = el.WhichOneof("type")
                if what == "markdown" and not el.markdown.body.startswith("As of "):
                    out.append(el.markdown.body)  # (the date slider's caption is not the answer)
                elif what == "exception":
                    out.append(f"EXCEPTION {el.exception.type}: {el.exception.message}")
                elif what == "alert":
                    out.append(f"ALERT {el.alert.body}")
            if kind == "script_finished":
                return out


def _start_app(store: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    env = {**os.environ, "OWNERGRAPH_STORE": str(store)}
    env.pop("OWNERGRAPH_NEO4J_URI", None)
    proc = subprocess.Popen(  # noqa: S603 - fixed argv
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless=true",
            f"--server.port={port}",
            "--server.address=127.0.0.1",
            "--browser.gatherUsageStats=false",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc, port
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the app did not start within 60 s")


def test_twenty_app_sessions_while_a_load_runs(tmp_path: Path) -> None:
    store = _fixtures_store(tmp_path / "app.db")
    folder = _big_folder(tmp_path / "big")
    proc, port = _start_app(store)
    try:
        before = asyncio.run(_session(port))
        assert any("Who ultimately controls Acme Corp" in t for t in before), before
        load = subprocess.Popen(  # noqa: S603 - fixed argv
            [*OWNERGRAPH, "load", str(folder / "edges.csv"), "--store", str(store)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

        async def twenty() -> list[list[str]]:
            async def staggered(i: int) -> list[str]:
                await asyncio.sleep(0.4 * i)  # spread over the load (about 8 s)
                return await _session(port)

            return await asyncio.gather(*(staggered(i) for i in range(20)))

        during = asyncio.run(twenty())
        _, err = load.communicate(timeout=120)
        assert load.returncode == 0, err.decode()
        after = asyncio.run(_session(port))
    finally:
        os.killpg(proc.pid, 9)
        proc.wait(timeout=30)
    assert before != after  # the load changed the answer (Fund III)
    assert any("2,150 shares" in t for t in after) and any("1,750 shares" in t for t in before)
    seen = {"before": 0, "after": 0}
    for answer in during:
        assert not [t for t in answer if t.startswith(("EXCEPTION", "ALERT"))], answer
        assert answer in (before, after), answer
        seen["before" if answer == before else "after"] += 1
    STATS["app sessions during a load"] += len(during)
    STATS["app sessions answering before or after the load"] += sum(seen.values())
    STATS["app sessions that saw the store before the load committed"] += seen["before"]


# --------------------------------------------------------------------------- soak


def _rss_kib() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def test_a_soak_of_1000_questions_in_one_process(tmp_path: Path) -> None:
    """Mixed questions through the Python API (who controls, 13d-3 attribution, UBO
    lenses, name resolution), each reading the graph from the store as the README does;
    memory after the last within 20 % of memory after the 50th."""
    from ownergraph.graph.errors import OwnergraphError
    from ownergraph.queries.attribution import attribute
    from ownergraph.queries.control import who_controls
    from ownergraph.queries.resolve import resolve_subject
    from ownergraph.queries.ubo import ubo

    store = Store(_fixtures_store(tmp_path / "soak.db"))
    subjects = ["Acme Corp", "Liquidmetal Technologies", "MVJ LIMITED", "Example Fund I LP"]
    first = {}
    rss_50 = rss_last = 0
    errors = 0
    try:
        for i in range(1000):
            G = store.graph()
            subject = subjects[i % len(subjects)]
            kind = (i // len(subjects)) % 4
            try:
                if kind == 0:
                    answer = who_controls(G, subject).to_dict()
                elif kind == 1:
                    answer = attribute(G, subject).to_dict()
                elif kind == 2:
                    answer = ubo(G, resolve_subject(G, subject)).to_dict()
                else:
                    answer = {"resolved": resolve_subject(G, subject)}
            except OwnergraphError as exc:  # a question that does not apply (a typed answer)
                answer = {"error": type(exc).__name__}
                errors += 1
            key = (subject, kind)
            text = json.dumps(answer, sort_keys=True, default=str)
            assert first.setdefault(key, text) == text  # the same question, the same answer
            if i == 49:
                gc.collect()
                rss_50 = _rss_kib()
        gc.collect()
        rss_last = _rss_kib()
    finally:
        store.close()
    assert errors < 1000 // 4, errors
    growth = (rss_last - rss_50) / rss_50
    STATS["soak questions"] += 1000
    STATS["soak memory growth after the 50th (%)"] = round(100 * growth)
    assert growth <= 0.20, f"RSS {rss_50} KiB after the 50th, {rss_last} KiB after the last"


# --------------------------------------------------------------------------- CLI


def test_fifty_cli_processes_against_one_store(tmp_path: Path) -> None:
    """50 ``ownergraph who-controls --json`` processes, 8 at a time, on one store: every
    one exits 0 with the same answer, and the store's bytes do not change."""
    store = _fixtures_store(tmp_path / "cli.db")
    with Store(store) as s:
        s._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    sha = hashlib.sha256(store.read_bytes()).hexdigest()
    args = [*OWNERGRAPH, "who-controls", "Acme Corp", "--json", "--store", str(store)]

    def one(_: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)  # noqa: S603

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(one, range(50)))
    assert [r.returncode for r in results] == [0] * 50, [r.stderr for r in results if r.returncode]
    assert len({r.stdout for r in results}) == 1
    assert "Alice Example" in results[0].stdout
    assert hashlib.sha256(store.read_bytes()).hexdigest() == sha
    STATS["CLI processes on one store"] += 50
