"""Filers that no stated link joins each hold what their own page reports (room LINKS,
session 9; ``loaders/sec_unlinked_filers.py``, convention 13).

The real dev document is parsed whole; expected values are read from its pages and
signature (quoted below), and its who-controls verdict is scored against its label.
"""

from __future__ import annotations

from pathlib import Path

from ownergraph.loaders import parse_path
from ownergraph.loaders.sec_unlinked_filers import linked_groups
from ownergraph.queries import eval as ev

LEGACY = Path(__file__).parent / "fixtures" / "corpus" / "sec13dg-legacy"
TELVENT = LEGACY / "2011-sc13g-1419027_telvent-git-s-a_newland-capital-management-llc.txt"


def test_quoted_telvent_2011_unlinked_filers_hold_their_own_pages() -> None:
    """Telvent GIT 13G, 2011: four pages each report shared power over 1,726,691 shares
    (Newland Capital Management, LLC; Newland Master Fund, Ltd.; Ken Brodkowitz; Michael
    Vermut). The only stated link is the signature "NEWLAND CAPITAL MANAGEMENT, LLC ...
    By: /s/ Ken Brodkowitz ... Title: Managing Member": the manager (under Brodkowitz) is
    the lowest filer of its group; the Master Fund and Vermut, linked to nothing, hold
    their own pages' shares."""
    pd = parse_path(TELVENT)
    names = {p.id: p.name for p in pd.parties}
    held = sorted((names[h.holder_id], h.shares) for h in pd.holdings)
    assert held == [
        ("Michael Vermut", 1726691),
        ("Newland Capital Management, LLC", 1726691),
        ("Newland Master Fund, Ltd.", 1726691),
    ]
    report = ev.evaluate([TELVENT.with_name(TELVENT.name + ".expected.json")])
    assert report.documents[0]["who"] == "right"


def test_linked_groups_join_through_parties_without_a_page() -> None:
    # a fund and a person joined through a general partner that files no page
    got = linked_groups(["fund", "person", "other"], [("gp", "fund"), ("person", "gp")])
    assert got == [["fund", "person"], ["other"]]
