"""The app answers through the engine (issue 13): the Who-controls page reads the subject's
scope from the store's column graph (graph.engine), and the card is the answer on the whole
graph (the reference)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ownergraph.graph.engine import Engine
from ownergraph.graph.store import Store
from ownergraph.queries.control import who_controls_answer
from tests.test_app import APP, ROOT, TIMEOUT, make_store


def test_who_controls_page_answers_from_the_scope(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_store(tmp_path / "app.db")
    monkeypatch.setenv("OWNERGRAPH_STORE", str(path))
    monkeypatch.delenv("OWNERGRAPH_NEO4J_URI", raising=False)
    asked: list[str] = []
    real = Engine.subject_graph

    def spy(self: Engine, subject: str, **kw: object):  # noqa: ANN202
        asked.append(subject)
        return real(self, subject, **kw)

    monkeypatch.setattr(Engine, "subject_graph", spy)
    from ownergraph.explorer import common

    whole: list[object] = []
    real_graph = common.graph

    def graph_spy(*a: object, **kw: object):  # noqa: ANN202
        whole.append((a, kw))
        return real_graph(*a, **kw)

    monkeypatch.setattr(common, "graph", graph_spy)
    monkeypatch.setattr(common, "names", graph_spy)  # every node: not read either
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert whole == []  # the Explore page neither
    at.switch_page(str(ROOT / "explorer" / "pages" / "who_controls.py")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert whole == []  # subjects, dates and the answer: never the whole graph
    with Store(path) as s:
        G = s.graph()
        # the issuer of the seed's class (the cover page names Liquidmetal Technologies)
        subject = next(
            n
            for n, d in G.nodes(data=True)
            if d["kind"] == "issuer" and "Liquidmetal" in str(d["name"])
        )
        ref = who_controls_answer(G, subject)
    # the subject is found by typing part of its name (the store's name index)
    at.text_input(key="who_search").set_value("liquidmet").run()
    assert not at.exception, [e.value for e in at.exception]
    box = at.selectbox(key="who_subject")
    assert box.options[0].startswith("Liquidmetal Technologies"), box.options
    box.set_value(subject).run()
    assert not at.exception, [e.value for e in at.exception]
    assert asked and asked[-1] == subject
    card = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert ref.rows and all(r.name in card for r in ref.rows)
    assert f"{ref.rows[0].aggregate:,.0f} shares" in card
    # an economic lens and a drawing of the same subject: from their scopes too
    at.radio(key="who_lens").set_value("Multiplicative (AMLR Art. 52)").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Ultimate beneficial owners of Liquidmetal" in " ".join(m.value for m in at.markdown)
    at.switch_page(str(ROOT / "explorer" / "pages" / "explore.py")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="explore_node").value == subject  # the subject chosen last
    assert at.get("iframe")
    assert whole == []


def test_search_over_the_names_equals_the_whole_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Explore search (the store's name index, then the library's ranking on the records
    it offers) finds what the same search finds on the whole graph with its box-(a)
    groups."""
    from ownergraph.explorer.search import search
    from ownergraph.queries.group_view import with_groups

    path = make_store(tmp_path / "app.db")
    monkeypatch.setenv("OWNERGRAPH_STORE", str(path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page(str(ROOT / "explorer" / "pages" / "explore.py")).run()
    with Store(path) as s:
        G = with_groups(s.graph())
    # names, a misspelling and the CUSIP on the seed's cover page
    for text in ("Wynnefield", "Nelsen Obus", "53634X100", "liquidmetal"):
        at.text_input(key="explore_search").set_value(text).run()
        assert not at.exception, [e.value for e in at.exception]
        want = [
            f"{h.name}  ·  {h.kind}  ·  {h.matched} ({h.score:.0f})"
            for h in search(G, text, limit=25)
        ]
        assert want, text
        assert list(at.selectbox(key="explore_node").options) == want, text


def test_holdings_page_opens_from_the_scope(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Holdings page lists parties from the name index and answers from the party's
    holdings graph, and the exposure check from the owners above the party."""
    path = make_store(tmp_path / "app.db")
    monkeypatch.setenv("OWNERGRAPH_STORE", str(path))
    monkeypatch.delenv("OWNERGRAPH_NEO4J_URI", raising=False)
    from ownergraph.explorer import common

    whole: list[object] = []
    real_graph = common.graph

    def graph_spy(*a: object, **kw: object):  # noqa: ANN202
        whole.append((a, kw))
        return real_graph(*a, **kw)

    monkeypatch.setattr(common, "graph", graph_spy)
    monkeypatch.setattr(common, "names", graph_spy)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page(str(ROOT / "explorer" / "pages" / "holdings.py")).run()
    at.text_input(key="holdings_search").set_value("nelson obus").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="holdings_party").value is not None
    cells = [str(v) for df in at.dataframe for v in df.value.to_numpy().ravel()]
    assert "3,731,324" in cells  # Obus's shared voting over the three funds (DOMAIN 6)
    assert whole == []
    at.text_area(key="exposure_names").input("Nelson Obus").run()
    assert not at.exception, [e.value for e in at.exception]
    # the 50 % rule check reads the owners above the party and the sanctioned parties
    # (Engine.exposure), not the whole graph: Obus, given as sanctioned, is sanctioned
    assert whole == []
    assert any("SANCTIONED" in m.value for m in at.markdown), [m.value for m in at.markdown]


def test_names_in_memory_find_what_the_index_scan_finds(tmp_path: Path) -> None:
    """The search's words inside names, found in the names read once (``_Names``), are
    the rows the index scan returns (same rows, same order, same limit)."""
    import time

    from ownergraph.explorer import search
    from tests.test_control_class import class_docs

    with Store(tmp_path / "n.db") as s:
        s.load_many(class_docs(3))
        rows = s._rows("SELECT key, node_id FROM name_keys WHERE key >= 'n:' AND key < 'n;'")
        names = search._Names(rows)
        for word in ("party", "llc", "inc", "par", "rty", "12", "corp", "zzz"):
            for limit in (1, 5, 5000):
                want = s._rows(
                    "SELECT key, node_id FROM name_keys WHERE key >= 'n:' AND key < 'n;'"
                    " AND instr(key, ?) > 0 LIMIT ?",
                    (word, limit),
                )
                assert names.containing(word, limit) == want, (word, limit)
        # the app reads them in the background; the search then uses them, same keys
        scanned = search._candidate_keys(s, "Party 12 Inc.")
        search.warm_names(str(s.path), s.seq)
        deadline = time.monotonic() + 30
        while search._names_for(s) is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert search._names_for(s) is not None
        assert search._candidate_keys(s, "Party 12 Inc.") == scanned
        assert len(scanned) > 10


def test_names_read_as_two_texts_equal_the_rows(tmp_path: Path) -> None:
    """The names the app reads in the background, joined by SQLite (``_Names.read``), are
    the names made from the index rows (same texts, same offsets), with names that are not
    ASCII (a character is then not a byte) and with an empty index."""
    import dataclasses
    import sqlite3

    from ownergraph.explorer import search
    from ownergraph.graph.model import Party
    from ownergraph.graph.vocab import NodeKind
    from tests.test_control_class import class_docs

    docs = class_docs(4)
    extra = (
        Party("x1", "Ærø Ωmega Holdings", NodeKind.ENTITY),
        Party("x2", "Zoë Fund", NodeKind.FUND),
    )
    docs[0] = dataclasses.replace(docs[0], parties=docs[0].parties + extra)
    for name, load in (("empty.db", []), ("n.db", docs)):
        with Store(tmp_path / name) as s:
            if load:
                s.load_many(load)
            rows = s._rows("SELECT key, node_id FROM name_keys WHERE key >= 'n:' AND key < 'n;'")
            want = search._Names(rows)
            conn = sqlite3.connect(f"file:{tmp_path / name}?mode=ro", uri=True)
            try:
                got = search._Names.read(conn)
            finally:
                conn.close()
            assert got.text == want.text and got.node_text == want.node_text
            assert got.starts.tolist() == want.starts.tolist()
            assert got.node_starts.tolist() == want.node_starts.tolist()
            if load:
                assert not got.text.isascii() and len(rows) > 50
                for word in ("party", "ωmega", "zoe", "zoë", "12"):
                    assert got.containing(word, 5000) == want.containing(word, 5000)
