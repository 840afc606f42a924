"""AppTest for every page of the explorer, on a temporary store holding the seed.

The seed comes from the legacy 13D/G loader when it is installed; otherwise from the
hand-made records below (the facts of DOMAIN.md section 6). A hostile document adds parties
named ``<img src=x onerror=alert(1)>`` and ``<script>alert(1)</script>``.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ownergraph.graph.ids import document_id, party_id, security_id
from ownergraph.graph.model import (
    Component,
    Document,
    Holding,
    Link,
    ParsedDocument,
    Party,
    Provenance,
    ReportedPosition,
    Security,
)
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Power, Role, SourceFormat

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
SEED = ROOT / "data" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "<script>alert(1)</script>"
TIMEOUT = 60

# ----------------------------------------------------------------------------- seed records

_FUNDS = {
    "Wynnefield Partners Small Cap Value, L.P.": ("PN", 275_355, 433_266, 310_910, 2.28),
    "Wynnefield Partners Small Cap Value, L.P. I": ("PN", 395_779, 567_372, 407_143, 3.06),
    "Wynnefield Small Cap Value Offshore Fund, Ltd.": ("CO", 402_420, 546_740, 392_339, 3.00),
}
LLC = "Wynnefield Capital Management, LLC"
INC = "Wynnefield Capital, Inc."
OBUS = "Nelson Obus"
LANDES = "Joshua Landes"


def hand_made_seed() -> ParsedDocument:
    """The seed 13D/A No. 2 as hand-made records (DOMAIN.md section 6)."""
    did = document_id("0" * 16 + "seed-hand-made")
    prov = Provenance(path=str(SEED), format=SourceFormat.SEC13DG_LEGACY, document_id=did)
    pid = {n: party_id(name=n) for n in [*_FUNDS, LLC, INC, OBUS, LANDES]}
    issuer = Party(
        party_id(name="Liquidmetal Technologies, Inc."),
        "Liquidmetal Technologies, Inc.",
        NodeKind.ISSUER,
    )
    sec = Security(
        security_id(cusip="53634X100", issuer_id=issuer.id),
        issuer.id,
        "Common Stock",
        cusip="53634X100",
    )
    parties = [issuer]
    for name in _FUNDS:
        parties.append(Party(pid[name], name, NodeKind.FUND))
    parties += [
        Party(pid[LLC], LLC, NodeKind.ENTITY),
        Party(pid[INC], INC, NodeKind.ENTITY, type_codes=("CO",)),
        Party(pid[OBUS], OBUS, NodeKind.PERSON, type_codes=("IN",)),
        Party(pid[LANDES], LANDES, NodeKind.PERSON, type_codes=("IN",)),
    ]
    holdings, positions = [], []
    for name, (code, common, conv, warr, pct) in _FUNDS.items():
        for inst, n in (
            (Instrument.COMMON, common),
            (Instrument.CONVERTIBLE, conv),
            (Instrument.WARRANT, warr),
        ):
            holdings.append(
                Holding(
                    id=f"holding:{pid[name]}:{inst.value}",
                    document_id=did,
                    holder_id=pid[name],
                    security_id=sec.id,
                    instrument=inst,
                    shares=float(n),
                    right_to_acquire=inst.is_right_to_acquire,
                    provenance=(
                        Provenance(
                            str(SEED), document_id=did, phrase=f"{n:,} shares ({inst.value})"
                        ),
                    ),
                )
            )
        total = float(common + conv + warr)
        positions.append(
            ReportedPosition(
                id=f"pos:{pid[name]}",
                document_id=did,
                party_id=pid[name],
                name=name,
                type_codes=(code,),
                sole_voting=total,
                shared_voting=0.0,
                sole_dispositive=total,
                shared_dispositive=0.0,
                aggregate=total,
                percent_of_class=pct,
                components=(
                    Component(Instrument.COMMON, common),
                    Component(Instrument.CONVERTIBLE, conv),
                    Component(Instrument.WARRANT, warr),
                ),
            )
        )
    for name, total, pct in ((INC, 1_341_499.0, 3.00), (LLC, 2_389_825.0, 5.34)):
        positions.append(
            ReportedPosition(
                id=f"pos:{pid[name]}",
                document_id=did,
                party_id=pid[name],
                name=name,
                sole_voting=total,
                shared_voting=0.0,
                sole_dispositive=total,
                shared_dispositive=0.0,
                aggregate=total,
                percent_of_class=pct,
            )
        )
    for name in (OBUS, LANDES):
        positions.append(
            ReportedPosition(
                id=f"pos:{pid[name]}",
                document_id=did,
                party_id=pid[name],
                name=name,
                type_codes=("IN",),
                sole_voting=0.0,
                shared_voting=3_731_323.0,
                sole_dispositive=0.0,
                shared_dispositive=3_731_323.0,
                aggregate=3_731_323.0,
                percent_of_class=8.34,
            )
        )

    def link(ctl: str, ctd: str, role: Role, phrase: str, power: Power | None = None) -> Link:
        return Link(
            id=f"link:{pid[ctl]}:{pid[ctd]}:{role.value}",
            document_id=did,
            kind=EdgeKind.CONTROLS,
            controller_id=pid[ctl],
            controlled_id=pid[ctd],
            role=role,
            power=power,
            provenance=(Provenance(str(SEED), document_id=did, phrase=phrase),),
        )

    lp, lp1, off = list(_FUNDS)
    links = [
        link(
            LLC, lp, Role.GENERAL_PARTNER, "By: Wynnefield Capital Management, LLC, General Partner"
        ),
        link(
            LLC,
            lp1,
            Role.GENERAL_PARTNER,
            "By: Wynnefield Capital Management, LLC, General Partner",
        ),
        link(INC, off, Role.INVESTMENT_MANAGER, "By: Wynnefield Capital, Inc."),
        link(OBUS, LLC, Role.MANAGING_MEMBER, "By: /s/ Nelson Obus, Co-Managing Member"),
        link(LANDES, LLC, Role.MANAGING_MEMBER, "Co-Managing Member (original 13D)"),
        link(OBUS, INC, Role.OFFICER, "By: /s/ Nelson Obus, President"),
        link(LANDES, off, Role.STATED_POWER, "collectively owned by", Power.SHARED),
    ]
    doc = Document(
        id=did,
        path=str(SEED),
        format=SourceFormat.SEC13DG_LEGACY,
        sha256="0" * 64,
        form="SC 13D/A",
        amendment_no=2,
        issuer_id=issuer.id,
        security_id=sec.id,
        title="Liquidmetal / Wynnefield 13D/A No. 2 (hand-made)",
    )
    return ParsedDocument(
        document=doc,
        parties=tuple(parties),
        securities=(sec,),
        holdings=tuple(holdings),
        links=tuple(links),
        positions=tuple(positions),
        extra={"provenance": prov.path},
    )


def seed_document() -> ParsedDocument:
    """The seed: parsed by the legacy loader when it exists, else hand-made.

    ``OWNERGRAPH_TEST_SEED=handmade`` forces the hand-made records.
    """
    forced = os.environ.get("OWNERGRAPH_TEST_SEED") == "handmade"
    if not forced and importlib.util.find_spec("ownergraph.loaders.sec13dg_legacy") is not None:
        from ownergraph.loaders import parse_path

        return parse_path(SEED)
    return hand_made_seed()


def hostile_document(seed: ParsedDocument) -> ParsedDocument:
    """Parties whose names are HTML/script, holding some of the seed's class."""
    did = document_id("1" * 16 + "hostile")
    sec = seed.securities[0]
    img = Party(party_id(name="hostile img"), HOSTILE_IMG, NodeKind.PERSON)
    scr = Party(party_id(name="hostile script"), HOSTILE_SCRIPT, NodeKind.FUND)
    phrase = Provenance("hostile.csv", document_id=did, phrase=HOSTILE_SCRIPT + HOSTILE_IMG)
    doc = Document(
        id=did,
        path="hostile <b>x</b>.csv",
        format=SourceFormat.TABULAR,
        sha256="1" * 64,
        title=HOSTILE_IMG,
    )
    return ParsedDocument(
        document=doc,
        parties=(img, scr),
        securities=(sec,),
        holdings=(
            Holding(
                id=f"holding:{scr.id}",
                document_id=did,
                holder_id=scr.id,
                security_id=sec.id,
                instrument=Instrument.COMMON,
                shares=1000.0,
                provenance=(phrase,),
            ),
        ),
        links=(
            Link(
                id=f"link:{img.id}:{scr.id}",
                document_id=did,
                kind=EdgeKind.CONTROLS,
                controller_id=img.id,
                controlled_id=scr.id,
                role=Role.GENERAL_PARTNER,
                provenance=(phrase,),
            ),
        ),
    )


def make_store(path: Path, *, hostile: bool = True) -> Path:
    """A store file holding the seed (and the hostile document)."""
    seed = seed_document()
    docs = [seed, hostile_document(seed)] if hostile else [seed]
    with Store(path) as s:
        s.load_many(docs)
    return path


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary store with the seed and the hostile document, as ``OWNERGRAPH_STORE``."""
    path = make_store(tmp_path / "app.db")
    monkeypatch.setenv("OWNERGRAPH_STORE", str(path))
    monkeypatch.delenv("OWNERGRAPH_NEO4J_URI", raising=False)
    yield path


def _app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    if page:
        at.switch_page(str(ROOT / "explorer" / "pages" / page))
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _text(at: AppTest) -> str:
    return "\n".join(
        [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [t.value for t in at.title]
        + [t.value for t in at.subheader]
    ).replace("\\", "")  # markdown escapes of untrusted text


# ----------------------------------------------------------------------------- pages


def test_explore_draws_and_searches(seeded: Path) -> None:
    at = _app()
    assert at.title[0].value == "Explore"
    frames = at.get("iframe")
    assert frames, "the pyvis graph is drawn in an st.iframe"
    at.text_input(key="explore_search").set_value("wynnefield capitl mgmt").run()
    assert not at.exception
    box = at.selectbox(key="explore_node")
    assert box.options and "Wynnefield Capital Management" in box.options[0]
    at.text_input(key="explore_search").set_value("53634X100").run()
    assert "Liquidmetal" in at.selectbox(key="explore_node").options[0]
    at.text_input(key="explore_search").set_value("obus").run()
    assert at.selectbox(key="explore_node").options[0].startswith("Nelson Obus")
    at.slider(key="explore_depth").set_value(2).run()
    assert not at.exception and at.get("iframe")


def test_who_controls_seed(seeded: Path) -> None:
    at = _app("who_controls.py")
    text = _text(at)
    assert "Who ultimately controls" in text
    for name in (OBUS, LANDES):
        line = next(m.value for m in at.markdown if m.value.startswith(f"**{name}**"))
        assert "3,731,324 shares" in line, line
        # the four Rule 13d-3 figures, worded as on the command line
        assert "voting: sole 0, shared 3,731,324" in line.replace("\\", "")
        assert "dispositive: sole 0, shared 3,731,324" in line.replace("\\", "")
    labels = [e.label for e in at.expander]
    assert any("Explain: Nelson Obus" in lb for lb in labels)
    assert "Rule 13d-3" in text


def test_who_controls_card_paths_filed_and_denominator(seeded: Path) -> None:
    """Every path is reachable, the filed figure is on the card and flagged where it
    differs (rows 8, 10, 11: 3,731,323 filed vs 3,731,324; row 13: 8.34 % filed), the
    denominator said once with its source."""
    from ownergraph.queries.control import who_controls_answer

    G = Store(seeded).graph()
    subject = next(
        n
        for n, d in G.nodes(data=True)
        if d.get("kind") == NodeKind.ISSUER and "Liquidmetal" in str(d.get("name"))
    )
    answer = who_controls_answer(G, subject).to_dict()
    at = _app("who_controls.py")
    card = [m.value.replace("\\", "") for m in at.markdown]  # markdown escapes of names
    lines = [x for m in card for x in m.split("\n")]  # a list of paths is one element
    for c in answer["rows"]:
        n = len(c["paths"])
        shown = [m for m in lines if m.startswith("- ") and m[2:].startswith(c["name"])]
        if n > 5:
            assert any(f"and {n - 5} more path" in m for m in card), card
            box = next(e for e in at.expander if e.label == f"All {n} paths of {c['name']}")
            listed = [x for m in box.markdown for x in m.value.split("\n") if x.startswith("- ")]
            assert len(listed) == n
        else:
            assert len(shown) >= n
    for name in (OBUS, LANDES):
        i = next(i for i, m in enumerate(card) if m.startswith(f"**{name}**"))
        line = card[i + 1]
        assert "Filed cover page: **3,731,323 shares**, 8.34%" in line, line
        assert "differs**: row 8, row 10, row 11, row 13" in line, line
    # one clear statement of the denominator, with its source
    caption = next(c.value for c in at.caption if c.value.startswith("Rule:"))
    assert "denominator: 43,777,554 shares outstanding (implied by the filed percentages" in (
        caption.replace("\\", "")
    )
    lines = [m for m in card if m.startswith(f"**{OBUS}**")]
    assert "implied" not in lines[0] and "8.04%" in lines[0], lines


def test_filings_upload_and_findings(seeded: Path) -> None:
    fixture = next(
        (
            p
            for p in sorted((ROOT / "tests" / "fixtures").rglob("*"))
            if p.is_file() and p.suffix in (".xml", ".json", ".txt") and _parses(p)
        ),
        None,
    )
    at = _app("filings.py")
    assert "Filings" in at.title[0].value
    docs_before = len(Store(seeded).documents())
    if fixture is None:  # no loader for any fixture yet: upload a tabular pair instead
        files = [("entities.csv", _ENTITIES, "text/csv"), ("edges.csv", _EDGES, "text/csv")]
    else:
        files = [(fixture.name, fixture.read_bytes(), "application/octet-stream")]
    at.file_uploader(key="filings_upload").set_value(files).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("parsed" in m.value.lower() for m in [*at.markdown, *at.success]), _text(at)
    assert any("none is loaded yet" in m.value for m in at.markdown)
    at.button(key="filings_load").click().run()
    assert not at.exception
    assert any("loaded" in s.value.lower() for s in at.success)
    assert len(Store(seeded).documents()) == docs_before + 1
    # the "not loaded yet" line is replaced, and stays true on the next run
    assert not any("loaded yet" in m.value for m in at.markdown), _text(at)
    assert any(m.value.startswith("Loaded 1 document") for m in at.markdown), _text(at)
    at.run()
    assert not any("loaded yet" in m.value for m in at.markdown), _text(at)
    assert any("in the store already" in m.value for m in at.markdown), _text(at)
    assert not at.button  # nothing left to load
    # documents and findings tables
    assert len(at.dataframe) >= 2
    assert any("Findings" in s.value for s in at.subheader)


def _display(frame: object) -> list[list[str]]:
    """The cells of an ``st.dataframe`` as the user sees them (the Styler's display values)."""
    import pyarrow as pa

    raw = frame.proto.arrow_data.styler.display_values  # type: ignore[attr-defined]
    assert raw, "the table has no display values (not styled)"
    df = pa.ipc.open_stream(raw).read_pandas()
    return [[str(v) for v in row] for row in df.itertuples(index=False)]


def test_filings_tables_format_numbers(seeded: Path) -> None:
    """Thousands separators, no spurious decimals, blank unknowns (never "None")."""
    at = _app("filings.py")
    for frame in at.dataframe:  # the grid draws a null cell as "None": no nulls at all
        assert not frame.value.isna().any().any(), frame.value
    tables = [_display(f) for f in at.dataframe]
    cells = [c for t in tables for row in t for c in row]
    assert not any(c in ("None", "nan", "NaN", "<NA>") for c in cells)
    assert not any(re.fullmatch(r"-?[\d,]+\.0+", c) for c in cells), cells
    side = tables[-1]  # computed vs filed: Obus filed 3,731,323, computed 3,731,324
    obus = next(row for row in side if row[0] == OBUS)
    assert "3,731,323" in obus and "3,731,324" in obus, obus
    assert "8.34%" in obus


def test_filings_refuses_oversized(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OWNERGRAPH_UPLOAD_MAX_BYTES", "100")
    at = _app("filings.py")
    at.file_uploader(key="filings_upload").set_value(("big.txt", b"x" * 500, "text/plain")).run()
    assert any("limit" in e.value for e in at.error)


def test_cypher_without_server(seeded: Path) -> None:
    at = _app("cypher.py")
    assert any("OWNERGRAPH_NEO4J_URI" in i.value for i in at.info)


def test_data_page(seeded: Path) -> None:
    at = _app("data.py")
    text = _text(at)
    assert "embedded" in text.lower()
    # no export is built when the page opens (each reads the whole store) ...
    assert len(at.get("download_button")) == 0
    # ... every one is there when asked for (BODS, GraphML, attribution, CSV tables)
    for key in ("dl_bods", "dl_graphml", "dl_csv", "dl_tables"):
        at.button(key=f"{key}_prepare").click().run()
        assert not at.exception, [e.value for e in at.exception]
    assert len(at.get("download_button")) == 4
    assert not at.error, [e.value for e in at.error]
    # the store path is a code span holding the path as it is: no markdown escapes inside
    line = next(m.value for m in at.markdown if m.value.startswith("Embedded SQLite store"))
    assert f"`{seeded}`" in line, line
    assert "\\" not in line, line


def test_code_span_keeps_text() -> None:
    from ownergraph.explorer.common import code

    assert code("/tmp/qa/app.db") == "`/tmp/qa/app.db`"
    assert code("a``b") == "``` a``b ```"
    assert code("<img src=x onerror=alert(1)>") == "`<img src=x onerror=alert(1)>`"


def test_pages_import_the_library_directly() -> None:
    """No feature depends on an optional import any more: a renamed function is an error."""
    import ownergraph.explorer.common as common_mod
    from ownergraph.explorer.cypher_console import library

    assert not hasattr(common_mod, "optional_fn")
    assert not hasattr(common_mod, "optional")
    pages = (ROOT / "explorer" / "pages").glob("*.py")
    assert not any("optional" in p.read_text().replace("# optional", "") for p in pages)
    assert {"who_controls", "attribution_13d3"} <= {q.name for q in library()}


def test_empty_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OWNERGRAPH_STORE", str(tmp_path / "empty.db"))
    for page in (None, "who_controls.py"):
        at = _app(page)
        assert any("empty" in i.value for i in at.info)


# ----------------------------------------------------------------------------- helpers

_ENTITIES = b"id,name,kind\np,Pat Person,person\nf,Fund One LP,fund\ns,Acme Common,security\n"
_EDGES = b"id,kind,source,target,shares\ne1,controls,p,f,\ne2,holds,f,s,100\n"


def _parses(p: Path) -> bool:
    from ownergraph.graph.errors import OwnergraphError
    from ownergraph.loaders import parse_bytes

    try:
        parse_bytes(p.read_bytes(), path=p.name)
    except OwnergraphError:
        return False
    return "seed" not in p.parts


def test_who_controls_economic_lens(seeded: Path) -> None:
    at = _app("who_controls.py")
    lens = at.radio(key="who_lens")
    assert len(lens.options) == 6, lens.options  # 13d-3 and the five economic lenses
    lens.set_value(lens.options[2]).run()  # multiplicative
    assert not at.exception, [e.value for e in at.exception]
    assert "Ultimate beneficial owners" in _text(at)


# ----------------------------------------------------------------------------- ownergraph app


def _port_open(port: int) -> bool:
    import socket

    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_stopping_ownergraph_app_stops_the_server(tmp_path: Path) -> None:
    """``ownergraph app`` becomes the server: SIGTERM to the command frees the port."""
    import signal
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    store = tmp_path / "app.db"
    env = {k: v for k, v in os.environ.items() if k != "OWNERGRAPH_NEO4J_URI"}
    log = (tmp_path / "app.log").open("w")
    script = Path(sys.executable).with_name("ownergraph")  # the installed console script
    command = [str(script)] if script.exists() else [
        sys.executable, "-c", "import sys; from ownergraph.cli import run; sys.exit(run())"
    ]  # fmt: skip
    proc = subprocess.Popen(
        [*command, "app", "--headless", "--port", str(port), "--store", str(store)],
        cwd=str(tmp_path), env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not _port_open(port):
            assert proc.poll() is None, (tmp_path / "app.log").read_text()
            assert time.monotonic() < deadline, "the server never listened"
            time.sleep(0.2)
        assert Store(store).documents(), "the sample data was loaded first"
        proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 5
        while _port_open(port) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _port_open(port), "the port is still held after SIGTERM"
        proc.wait(timeout=5)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()


def test_filings_reconciles_a_large_store_when_asked(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over the size limit the page opens on the loaders' findings and reads no document
    again; the button reconciles every document, once."""
    import ownergraph.queries.reconcile as rec

    calls: list[object] = []
    real = rec.reconcile

    def spy(*a: object, **kw: object):  # noqa: ANN202
        calls.append(a)
        return real(*a, **kw)

    monkeypatch.setattr(rec, "reconcile", spy)
    monkeypatch.setenv("OWNERGRAPH_APP_RECONCILE_MAX", "1")
    at = _app("filings.py")
    assert not at.exception, [e.value for e in at.exception]
    assert calls == []
    assert any("loaders' findings" in c.value for c in at.caption)
    at.button(key="filings_reconcile").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(calls) == 1
    assert any("ownergraph.queries.reconcile" in c.value for c in at.caption)
