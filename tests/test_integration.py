"""Every source in one store: one graph, one node per party, an answer for each issuer.

The seed (2008 text 13D/A), the legacy 13D/Gs, the XML 13D/Gs, Forms 3/4/5, BODS and GLEIF
all land in the same model. BlackRock, Inc. files a 2013 text 13G (OneBeacon, filer CIK
0001364742) and a 2026 XML 13G (ADI, filer CIK 0002012383 in its header): two EDGAR
registrants (BlackRock's 2024 holding-company reorganisation gave the new parent its own
CIK), so entity resolution keeps them apart despite the one name. The GLEIF
relationship record and the BODS file derived from it name HGNH by LEI: one node too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ownergraph.graph.store import Store
from ownergraph.loaders import parse_path
from ownergraph.queries.control import who_controls

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures"
FILES = [ROOT / "data" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"] + sorted(
    p
    for d in ("sec13dg-legacy", "sec13dg-xml", "form345", "bods", "gleif")
    for p in (FIX / d).iterdir()
    if p.is_file() and p.suffix in (".txt", ".xml", ".json") and p.name != "expected.json"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store(tmp_path_factory.mktemp("all") / "all.db")
    s.load_many([parse_path(p) for p in FILES])
    yield s
    s.close()


def test_everything_loads_into_one_healthy_store(store: Store) -> None:
    assert len(store.documents()) == len(FILES) == 21
    assert store.integrity_check() == []


def test_the_same_party_from_two_documents_is_one_node(store: Store) -> None:
    g = store.graph()
    blackrock = [n for n, d in g.nodes(data=True) if d.get("name") == "BlackRock, Inc."]
    # one node per CIK (read by hand from the two headers): same name, two registrants
    ciks = sorted(g.nodes[n]["record"].identifier("cik") for n in blackrock)
    assert ciks == ["0001364742", "0002012383"]
    for n in blackrock:
        docs = {doc for doc, _ in store.party_records(n)}
        for m in store.merges():
            if m.kept_id == n:
                docs |= {doc for doc, _ in store.party_records(m.merged_id)}
        assert len(docs) == 1  # the 2013 text 13G, or the 2026 XML 13G
    hgnh = [
        n
        for n, d in g.nodes(data=True)
        if "3003005JY7KTP8L48N10" in str(getattr(d["record"], "identifiers", ""))
    ]
    assert len(hgnh) == 1
    assert len({doc for doc, _ in store.party_records(hgnh[0])}) == 2  # BODS and GLEIF


@pytest.mark.parametrize(
    ("issuer", "controller", "shares"),
    [
        ("Liquidmetal Technologies", "Nelson Obus", 3_731_324),
        ("Liquidmetal Technologies", "Joshua Landes", 3_731_324),
        ("ASA (Bermuda) Limited", "Kenneth M. Hirsh", 544_609),
        ("Supertel Hospitality", "Ephraim Fields", 1_051_848),
        ("ONE Nuclear Energy", "Walter V. Arnold", 4_987_103),
        ("AMG Pantheon Infrastructure Fund", "Ronald Zazworsky, Jr.", 17_285_425.04),
        ("Fortinet", "Ming Hsieh", 54_107),
        ("OneBeacon Insurance Group", "BlackRock, Inc.", 1_261_560),
        ("ADI Global Distribution", "BlackRock, Inc.", 10_251_900),
    ],
)
def test_who_controls_answers_for_each_issuer(
    store: Store, issuer: str, controller: str, shares: float
) -> None:
    """Shares are the distinct union of the holdings each controller reaches (13d-3); for
    BlackRock each 13G is answered for its own issuer (one node per filer CIK)."""
    answer = who_controls(store.graph(), issuer).to_dict()
    by_name = {c["name"]: c for c in answer["ultimate"]}
    assert controller in by_name, sorted(by_name)
    assert by_name[controller]["shares"] == pytest.approx(shares)


def test_written_calls_confer_no_beneficial_ownership(store: Store) -> None:
    """Regression (QA): Fertitta's Form 4 reports four "Call Option (obligation to sell)"
    rows (225,000 + 225,000 + 83,000 + 161,900 = 694,900). Writing a call is not a right to
    acquire within 60 days, so Rule 13d-3(d)(1)(i) gives no beneficial ownership: they were
    counted as 694,900 shares under sole power. They are now left out, and said so; as
    nothing else is held, the filer is listed with 0 shares and no power (convention 11 of
    the labelled corpus: nothing owned -> the top controllers at 0), not left out."""
    answer = who_controls(store.graph(), "Wynn Resorts").to_dict()
    assert answer["shares"] == 0
    assert [
        (c["name"], c["shares"], c["sole_voting"], c["sole_dispositive"])
        for c in answer["ultimate"]
    ] == [("Tilman J Fertitta", 0, 0, 0)]
    assert any("4 derivative position(s) left out" in n for n in answer["notes"])
    assert any("nothing here confers beneficial ownership" in n for n in answer["notes"])
