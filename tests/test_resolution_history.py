"""Entity resolution across documents and history (as_of, supersession)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.graph.history import amendment_chain
from ownergraph.graph.ids import document_id, make_id, party_id
from ownergraph.graph.model import Document, Holding, ParsedDocument, Party, Security
from ownergraph.graph.resolution import find_merges, person_names_match
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import Instrument, NodeKind, SourceFormat


def _doc(name: str, day: int, parties, holdings=(), amendment=None, acc=None, prev=None):
    d = Document(
        id=document_id(name.encode().hex().ljust(16, "0")),
        path=name,
        format=SourceFormat.TABULAR,
        sha256=name,
        form="SC 13D/A" if amendment else "SC 13D",
        amendment_no=amendment,
        accession=acc,
        previous_accession=prev,
        event_date=dt.date(2008, 9, day),
        issuer_id="party:issuer",
    )
    return ParsedDocument(
        document=d,
        parties=(Party(id="party:issuer", name="Issuer Inc.", kind=NodeKind.ISSUER), *parties),
        securities=(Security(id="sec:s", issuer_id="party:issuer", title="Common Stock"),),
        holdings=tuple(
            Holding(
                id=make_id("holding", d.id, h),
                document_id=d.id,
                holder_id=h,
                security_id="sec:s",
                instrument=Instrument.COMMON,
                shares=n,
            )
            for h, n in holdings
        ),
    )


def test_person_name_orders() -> None:
    """SEC's "Last First Middle" order and initials: the DOMAIN.md example."""
    assert person_names_match("Leonard Braden Michael", "Braden M. Leonard")
    assert person_names_match("OBUS NELSON", "Nelson Obus")
    assert not person_names_match("Nelson Obus", "Nelson Landes")


def test_series_names_are_not_merged() -> None:
    """ "Fund I" and "Fund II" differ only by a series marker: never one party."""
    a = Party(id="party:a", name="Wynnefield Partners Small Cap Value, L.P.", kind=NodeKind.FUND)
    b = Party(id="party:b", name="Wynnefield Partners Small Cap Value, L.P. I", kind=NodeKind.FUND)
    assert find_merges([a, b]) == []


def test_cik_and_name_merge_across_documents_and_unmerge(tmp_path: Path) -> None:
    """A name-only party (2008 text filing) and the same party with a CIK (a later XML
    filing, spelled "Management LLC") are one node; the merge is recorded and reversible."""
    named = Party(
        id=party_id(name="Wynnefield Capital Management, LLC"),
        name="Wynnefield Capital Management, LLC",
        kind=NodeKind.ENTITY,
    )
    with_cik = Party(
        id=party_id(cik="1115931"),
        name="WYNNEFIELD CAPITAL MANAGEMENT LLC",
        kind=NodeKind.ENTITY,
        identifiers=(("cik", "0001115931"),),
    )
    store = Store(tmp_path / "s.db")
    store.load(_doc("a", 18, [named]))
    store.load(_doc("b", 30, [with_cik]))
    merges = store.merges()
    assert [(m.kept_id, m.merged_id, m.rule) for m in merges] == [(with_cik.id, named.id, "name")]
    g = store.graph()
    assert named.id not in g and with_cik.id in g
    assert set(g.nodes[with_cik.id]["record"].names) >= {
        "Wynnefield Capital Management, LLC",
        "WYNNEFIELD CAPITAL MANAGEMENT LLC",
    }
    res = CliRunner().invoke(main, ["parties", "--merges", "--store", str(tmp_path / "s.db")])
    assert res.exit_code == 0 and "1 merges" in res.output
    store.unmerge(named.id, with_cik.id)
    assert store.merges() == []
    assert named.id in store.graph()
    store.close()


def test_later_amendment_supersedes_without_deleting(tmp_path: Path) -> None:
    """Amendment No. 1 (Sept 18) reports 100 shares, No. 2 (Sept 30) 120: the graph holds
    120 by default and 100 as of Sept 20; both holdings stay in the store."""
    fund = Party(id="party:fund", name="Fund LP", kind=NodeKind.FUND)
    store = Store(tmp_path / "s.db")
    a1 = _doc("a1", 18, [fund], [("party:fund", 100)], amendment=1, acc="0000000001-08-000001")
    a2 = _doc(
        "a2",
        30,
        [fund],
        [("party:fund", 120)],
        amendment=2,
        acc="0000000001-08-000002",
        prev="0000000001-08-000001",
    )
    store.load_many([a2, a1])
    assert len(store.holdings()) == 2

    def shares(g) -> list[float]:
        return [d["shares"] for _, _, d in g.in_edges("sec:s", data=True) if d.get("shares")]

    assert shares(store.graph()) == [120.0]
    assert shares(store.graph(as_of=dt.date(2008, 9, 20))) == [100.0]
    chain = amendment_chain(store.documents(), a2.document.id)
    assert [d.amendment_no for d in chain] == [1, 2]
    store.close()
