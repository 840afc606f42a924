"""A 13F manager is the same party as its 13G filer by CIK (issue 15), not only by name.

The XML 13G gives the filer's CIK only in its header (``filerCredentials/cik`` 0002012383,
read by hand from the fixture); its one reporting person ("BlackRock, Inc.") gives none. The
13F cover page here is the hand-written fixture with the manager renamed, so no name rule can
join the two: only the CIK can.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ownergraph.graph.ids import party_id
from ownergraph.graph.store import Store
from ownergraph.loaders import parse_path

FIX = Path(__file__).parent / "fixtures"
COVER = FIX / "form13f" / "handwritten_blackrock_13f-hr_2026-06-30_primary_doc.xml"
G13 = FIX / "sec13dg-xml" / "adi-global-distribution_blackrock_schedule13g_2026-09-04.xml"
CIK = "0002012383"  # the 13G header's filer CIK and the 13F cover page's CIK, read by hand
RENAMED = "Quarterly Reporting Manager Holdco"


def test_the_lone_reporting_person_carries_the_filer_cik_and_keeps_its_id() -> None:
    pd = parse_path(str(G13))
    (person,) = [p for p in pd.parties if p.name == "BlackRock, Inc."]
    assert person.identifiers == (("cik", CIK),)
    assert person.id == party_id(name="BlackRock, Inc.")  # the id is unchanged
    (pos,) = pd.positions
    assert pos.cik is None  # the cover page as filed gives no CIK


@pytest.mark.parametrize("order", ["13g-first", "13f-first"])
def test_manager_and_13g_filer_are_one_party_by_cik_alone(tmp_path: Path, order: str) -> None:
    cover = tmp_path / "renamed_primary_doc.xml"
    text = COVER.read_text()
    assert text.count("<name>BlackRock, Inc.</name>") == 1
    cover.write_text(text.replace("<name>BlackRock, Inc.</name>", f"<name>{RENAMED}</name>"))
    paths = [G13, cover] if order == "13g-first" else [cover, G13]
    with Store(tmp_path / "s.db") as store:
        for p in paths:  # two loads: the store resolves across them
            store.load(parse_path(str(p)))
        merges = [m for m in store.merges() if party_id(cik=CIK) in (m.kept_id, m.merged_id)]
        assert len(merges) == 1
        m = merges[0]
        assert m.rule == "identifier:cik"
        assert {m.kept_id, m.merged_id} == {party_id(cik=CIK), party_id(name="BlackRock, Inc.")}
        assert m.kept_id == party_id(cik=CIK)
        g = store.graph()
        assert party_id(name="BlackRock, Inc.") not in g  # one node
        rec = g.nodes[party_id(cik=CIK)]["record"]
        assert {RENAMED, "BlackRock, Inc."} <= {rec.name, *rec.names}
        assert rec.identifier("cik") == CIK


def test_no_cik_is_given_to_a_reporting_person_among_several() -> None:
    # NCCS 13D: four reporting persons, two without a CIK (reportingPersonNoCIK Y), header
    # CIK 0002157786: which one filed is not stated, so none gets the header's CIK
    pd = parse_path(
        str(FIX / "sec13dg-xml" / "one-nuclear-energy_nccs-new-circle_schedule13d_2026-09-30.xml")
    )
    for name in ("NCCS GP, LLC", "Walter V. Arnold"):
        (p,) = [p for p in pd.parties if p.name == name]
        assert p.identifier("cik") is None
