"""A party first found in prose by the relation grammar keeps the name book's person kind
(sec_legacy_links._grammar_links; room SIGNATURES, from room SCHEDULES' report).

Quoted (Universal Seismic Associates SC 13D/A, 1997, dev copy, lines 301-304): "Mr. Kecseg
shares the power to vote and dispose of 1,000 shares beneficially owned by him with L.J.
Moser. ... Mr. Moser is the President of Moser Foods, Inc., a restaurant company." --
"Mr." makes L.J. Moser a person; the officer link's controller was typed as an entity.
"""

from __future__ import annotations

from pathlib import Path

from ownergraph.graph.vocab import NodeKind
from ownergraph.loaders import parse_path

DOC = (
    Path(__file__).parent
    / "fixtures/corpus/sec13dg-legacy"
    / "1997-sc13da-1026797_universal-seismic-associates-inc_kanarellis-michael-t.txt"
)


def test_quoted_prose_officer_is_a_person_universal_seismic_1997() -> None:
    pd = parse_path(DOC)
    by_id = {p.id: p for p in pd.parties}
    moser = [
        lk
        for lk in pd.links
        if by_id[lk.controller_id].name == "L.J. Moser"
        and by_id[lk.controlled_id].name == "Moser Foods, Inc."
    ]
    assert moser, "the officer link is stated: 'Mr. Moser is the President of Moser Foods'"
    assert by_id[moser[0].controller_id].kind == NodeKind.PERSON
    assert by_id[moser[0].controlled_id].kind != NodeKind.PERSON
