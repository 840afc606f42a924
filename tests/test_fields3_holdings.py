"""Room FIELDS (session 8, issue 11): holdings a legacy 13D/G states per holder, read from
short quoted constructions of real filings (expected values read from the quoted text)."""

from __future__ import annotations

from ownergraph.loaders.sec_stated_holdings import stated_holdings
from ownergraph.loaders.sec_terms import NameBook
from tests.synthetic_13g import cover_page, legacy_13g

#: quoted from a 1997 SC 13D (Benjamin Moore & Co., a trustee of its ESOP filing), Item 5
QUOTED_ESOP = (
    "Item 5.  Interest in Securities of the Issuer\n\n"
    "         (a)     489,036 -- 5.4%.  The 489,036 shares consist of 4,740 shares as\n"
    "                 to which there is sole voting and dispositive power and 484,296\n"
    "                 shares as to which there is shared voting and dispositive\n"
    "                 power.\n\n"
    "                 The  484,296 shares are held by the Issuer's Employees' Stock\n"
    "                 Ownership Plan at December 31, 1996, which shares are voted at\n"
    "                 the direction of the employee participants, and of which Plan\n"
    "                 the reporting person is one of three trustees.\n\n"
    "         The reporting person, Yvan Dupuy, is a trustee of the Employees' Stock\n"
    "         Ownership Plan.\n"
)


def test_quoted_held_by_the_issuers_plan() -> None:
    b = NameBook(issuer_key="i")
    b.add_party("i", "Example Issuer Corp.")
    b.add_party("plan", "Employees' Stock Ownership Plan")
    text = "The  484,296 shares are held by the Issuer's Employees' Stock Ownership Plan at"
    assert [(h.holder, h.shares) for h in stated_holdings(text, b)] == [("plan", 484296.0)]


def test_quoted_sole_part_filer_shared_part_stated_holder() -> None:
    pd = legacy_13g(
        cover_page("Yvan Dupuy", sole="4,740", shared="484,296", agg="489,036", typ="IN"),
        QUOTED_ESOP,
    )
    names = {p.id: p.name for p in pd.parties}
    got = sorted((names[h.holder_id], h.shares) for h in pd.holdings)
    (plan, plan_shares), (filer, filer_shares) = got
    assert plan.endswith("Employees' Stock Ownership Plan") and plan_shares == 484296.0
    assert (filer, filer_shares) == ("Yvan Dupuy", 4740.0)


def test_shared_part_not_accounted_keeps_the_filer_holding() -> None:
    # the stated count is not the shared rows (484,000 of 484,296): no split
    pd = legacy_13g(
        cover_page("Yvan Dupuy", sole="4,740", shared="484,296", agg="489,036", typ="IN"),
        QUOTED_ESOP.replace("The  484,296 shares are held", "The  484,000 shares are held"),
    )
    names = {p.id: p.name for p in pd.parties}
    assert [(names[h.holder_id], h.shares) for h in pd.holdings] == [("Yvan Dupuy", 489036.0)]


def test_quoted_held_of_record_by_a_persons_spouse_is_not_that_person() -> None:
    # quoted from a 1994 SC 13D (Suburban Bancorp), a cover-row footnote
    b = NameBook(issuer_key="i")
    b.add_party("julie", "Julie F. Schauer", person=True)
    b.add_party("t", "Elyse Ives Schauer Trust")
    text = (
        "(5)  Includes 11,303 Class A shares and 52,308 Class B shares\n"
        "     held of record by Julie F. Schauer's spouse and 3,981\n"
        "     Class A shares and 18,069 Class B shares owned by the\n"
        "     Elyse Ives Schauer Trust, of which Julie F. Schauer is\n"
        "     trustee."
    )
    got = [(h.holder, h.shares) for h in stated_holdings(text, b)]
    assert ("julie", 11303.0) not in got and ("julie", 52308.0) not in got


def test_another_filer_page_not_explained_keeps_the_pages() -> None:
    # a second filer reporting 1,000 shares the split does not explain: no split
    pd = legacy_13g(
        cover_page("Yvan Dupuy", sole="4,740", shared="484,296", agg="489,036", typ="IN")
        + cover_page("Jane Roe", sole="1,000", shared="0", agg="1,000", typ="IN"),
        QUOTED_ESOP,
    )
    names = {p.id: p.name for p in pd.parties}
    assert "Employees' Stock Ownership Plan" not in " ".join(
        names[h.holder_id] for h in pd.holdings
    )
