"""The 13D/G XML loader on blank cover-page rows: blank is unknown, never 0."""

from __future__ import annotations

import re
from pathlib import Path

from ownergraph.loaders import parse_bytes, parse_path

FOLDER = Path(__file__).parent / "fixtures" / "sec13dg-xml"
NCCS = "one-nuclear-energy_nccs-new-circle_schedule13d_2026-09-30.xml"


def test_blank_power_rows_are_unknown_not_zero() -> None:
    """QA: the Item 5 power check counted a blank row 7/9 as 0 (``pos.sole_voting or 0``), so
    blank cover pages "contradicted" a claim of sole power. NCCS with every page's sole rows
    blanked: nothing is known to contradict Item 5, so no finding; as filed (0.00), the
    finding stays."""
    raw = (FOLDER / NCCS).read_bytes()
    blank = re.sub(
        rb"<sole(Voting|Dispositive)Power>0\.00</sole\1Power>", rb"<sole\1Power></sole\1Power>", raw
    )
    assert blank != raw
    parsed = parse_bytes(blank, path="blank.xml")
    assert all(p.sole_voting is None for p in parsed.positions)
    assert not [f for f in parsed.findings if f.kind == "power_contradiction"]
    assert [f for f in parse_path(FOLDER / NCCS).findings if f.kind == "power_contradiction"]
