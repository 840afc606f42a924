"""A filer's control links take the power its own cover page states (room LINKS, session 9;
``loaders/sec_link_powers.py``, DOMAIN.md §2 "sole vs shared is each person's own view").

Real dev documents of the labelled corpus are parsed whole; the expected powers are read
from their quoted lines. Synthetic rows are named as such.
"""

from __future__ import annotations

from pathlib import Path

from ownergraph.graph.model import Holding
from ownergraph.graph.vocab import Instrument, Power, Role
from ownergraph.loaders import parse_path
from ownergraph.loaders.sec_link_powers import page_link_powers, row_power

LEGACY = Path(__file__).parent / "fixtures" / "corpus" / "sec13dg-legacy"


def _links(name: str) -> dict[tuple[str, str, str], tuple[Power | None, Power | None]]:
    pd = parse_path(LEGACY / name)
    names = {p.id: p.name for p in pd.parties}
    return {
        (names[lk.controller_id], names[lk.controlled_id], lk.role.value): (
            lk.voting,
            lk.investment,
        )
        for lk in pd.links
    }


def test_quoted_moore_1997_trustee_of_the_plan_has_shared_power() -> None:
    """Benjamin Moore & Co. 13D, 1997 (Yvan Dupuy), Item 5: "The 489,036 shares consist of
    4,740 shares as to which there is sole voting and dispositive power and 484,296 shares as
    to which there is shared voting and dispositive power. The 484,296 shares are held by the
    Issuer's Employees' Stock Ownership Plan ... of which Plan the reporting person is one of
    three trustees." His page: row 7 4,740, row 8 484,296 (mixed): the Plan's count is the
    shared row."""
    got = _links("1997-sc13d-1019830_moore-benjamin-co_dupuy-yvan.txt")
    assert got[("Yvan Dupuy", "Employees' Stock Ownership Plan", "trustee")] == (
        Power.SHARED,
        Power.SHARED,
    )
    # Belcher and Roob file no page: nothing is said of their power
    assert got[("Richard Roob", "Employees' Stock Ownership Plan", "trustee")] == (None, None)


def test_quoted_chemtura_2009_investment_manager_shares_both_powers() -> None:
    """Chemtura 13D, 2009: "Strategic Value Partners, in its capacity as investment manager
    of Strategic Value Fund and as sole member of Special Situations, shared voting and
    dispositive power with respect to all 20,998,167 shares"; its page: rows 7 and 9 are 0,
    rows 8 and 10 20,998,167 (only shared)."""
    got = _links("2009-sc13d-1091862_chemtura-corp_strategic-value-partners-llc.txt")
    key = (
        "Strategic Value Partners, LLC",
        "Strategic Value Master Fund, Ltd.",
        "investment_manager",
    )
    assert got[key] == (Power.SHARED, Power.SHARED)


def _info(**kw: object) -> dict[str, object]:
    return {"prov": [], "power": None, "details": None, "voting": None, "investment": None, **kw}


def test_synthetic_page_rules() -> None:
    links = {
        ("gp", "fund", Role.GENERAL_PARTNER): _info(),
        ("gp", "x", Role.SHAREHOLDER): _info(),  # a stake: no power
        ("gp", "y", Role.STATED_POWER): _info(voting=Power.SOLE),  # one power on purpose
        ("mm", "gp", Role.MANAGING_MEMBER): _info(voting=Power.SOLE),  # stated words win
        ("half", "fund", Role.TRUSTEE): _info(),  # its page states voting only
        ("two", "fund", Role.OFFICER): _info(),  # two pages that disagree
    }
    pages = [
        ("gp", {"sole_voting": 100, "shared_voting": 0, "sole_dispositive": 100}),
        ("mm", {"sole_voting": 0, "shared_voting": 100, "shared_dispositive": 100}),
        ("half", {"sole_voting": 0, "shared_voting": 100}),
        ("two", {"shared_voting": 100, "shared_dispositive": 100}),
        ("two", {"sole_voting": 100, "sole_dispositive": 100}),
    ]
    assert page_link_powers(links, pages, []) == 2
    assert links[("gp", "fund", Role.GENERAL_PARTNER)]["voting"] is Power.SOLE
    assert links[("gp", "fund", Role.GENERAL_PARTNER)]["investment"] is Power.SOLE
    assert links[("gp", "x", Role.SHAREHOLDER)]["voting"] is None
    assert links[("gp", "y", Role.STATED_POWER)]["investment"] is None
    mm = links[("mm", "gp", Role.MANAGING_MEMBER)]
    assert (mm["voting"], mm["investment"]) == (Power.SOLE, Power.SHARED)
    assert links[("half", "fund", Role.TRUSTEE)]["voting"] is None
    assert links[("two", "fund", Role.OFFICER)]["voting"] is None


def test_synthetic_mixed_page_follows_the_controlled_count() -> None:
    links = {("p", "plan", Role.TRUSTEE): _info(), ("p", "other", Role.TRUSTEE): _info()}
    rows = {"sole_voting": 4740, "shared_voting": 484296}
    rows |= {"sole_dispositive": 4740, "shared_dispositive": 484296}
    held = [
        Holding("h", "d", "plan", "s", Instrument.COMMON, 484296),
        Holding("h2", "d", "other", "s", Instrument.COMMON, 12),
    ]
    assert page_link_powers(links, [("p", rows)], held) == 1
    assert links[("p", "plan", Role.TRUSTEE)]["investment"] is Power.SHARED
    assert links[("p", "other", Role.TRUSTEE)]["investment"] is None
    assert row_power(rows, "voting", [4740]) is Power.SOLE
