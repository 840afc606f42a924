"""Forms 3/4/5 footnote constructions added in session 2 (FORM345): text tests on footnotes
quoted from the filings named, expected values read by hand."""

from __future__ import annotations

from ownergraph.graph.vocab import Role
from tests.test_form345_fidelity import form, names, nd_row, owner


def links(pd) -> set[tuple[str, str, Role]]:  # type: ignore[no-untyped-def]
    n = names(pd)
    return {(n[lk.controller_id], n[lk.controlled_id], lk.role) for lk in pd.links}


def test_a_footnote_continued_from_another_reads_as_one_sentence() -> None:
    """Quoted (Unity Software, Form 4 of Roelof Botha, 2020-09-22, F2 end and F3 start):
    "SC XII Management, LLC is a general partner of each of Sequoia Capital XII, L.P. (XII)
    and Sequoia Technology Partners XII, L.P. (STP XII)," / "(continued from footnote 2) and
    the managing member of Sequoia Capital XII Principals Fund, LLC (XII PF) (collectively the
    XII Funds)." The managing-member link runs across the two footnotes; the fund is then
    not linked to the owner directly (no skip of SC XII Management)."""
    pd = form(
        owner("Botha Roelof", "0001222287", ten=False),
        nd_row(2288320, "I", "Sequoia Capital XII Principals Fund, LLC", "F2")
        + nd_row(21410700, "I", "Sequoia Capital XII, L.P.", "F2"),
        {
            "F2": "SC XII Management, LLC is a general partner of each of Sequoia Capital XII,"
            " L.P. (XII) and Sequoia Technology Partners XII, L.P. (STP XII),",
            "F3": "(continued from footnote 2) and the managing member of Sequoia Capital XII"
            " Principals Fund, LLC (XII PF) (collectively the XII Funds). The Reporting Person"
            " disclaims beneficial ownership of the securities included in this report.",
        },
    )
    got = links(pd)
    assert (
        "SC XII Management, LLC",
        "Sequoia Capital XII Principals Fund, LLC",
        Role.MANAGING_MEMBER,
    ) in got
    assert ("SC XII Management, LLC", "Sequoia Capital XII, L.P.", Role.GENERAL_PARTNER) in got
    assert not {(c, d) for c, d, _r in got if c == "Roelof Botha" and "Fund" in d}
