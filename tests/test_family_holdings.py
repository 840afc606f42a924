"""Room FAMILY (session 8, issue 11, convention 16): a filer's count split into his own
shares and shares held by relatives, read from short quoted constructions of real filings
(expected values read from the quoted text)."""

from __future__ import annotations

from ownergraph.graph.vocab import NodeKind, Role
from ownergraph.loaders.sec_family import named_relative
from tests.synthetic_13g import cover_page, legacy_13g

#: quoted from a 2001 SC 13D/A (Distinctive Devices, Inc., filed by Sanjay S. Mody), Items 3
#: and 5(a)
QUOTED_MODY_ITEM3 = (
    "ITEM 3.      SOURCE AND AMOUNT OF FUNDS OR OTHER CONSIDERATION\n\n"
    "             On October 31, 2000, Nina Mody, the wife of Mr. Mody, received\n"
    "1,100,000 shares of Common Stock upon the Company's acquisition of all of the\n"
    "outstanding capital stock of WebPulse Consulting Inc.\n\n"
)
QUOTED_MODY_ITEM5 = (
    "ITEM 5.      INTEREST IN SECURITIES OF THE ISSUER\n\n"
    "             (a) Mr. Mody beneficially owns 2,050,000 shares of Common Stock,\n"
    "consisting of (i) 950,000 shares owned directly by him and (ii) 1,100,000 shares\n"
    "owned directly by his wife, as to which shares he disclaims any beneficial\n"
    "ownership. The 2,050,000 shares represent approximately 10.7% of the issued and\n"
    "outstanding shares of Common Stock of the Company.\n"
)


def _mody(items: str):
    pd = legacy_13g(
        cover_page("Sanjay S. Mody", sole="2,050,000", agg="2,050,000", typ="IN"), items
    )
    names = {p.id: p.name for p in pd.parties}
    kinds = {p.name: p.kind for p in pd.parties}
    holdings = sorted((names[h.holder_id], h.shares) for h in pd.holdings)
    links = sorted((names[lk.controller_id], names[lk.controlled_id], lk.role) for lk in pd.links)
    return holdings, links, kinds


def test_quoted_consisting_of_own_and_wifes_shares_named_in_item3() -> None:
    holdings, links, kinds = _mody(QUOTED_MODY_ITEM3 + QUOTED_MODY_ITEM5)
    assert holdings == [("Nina Mody", 1100000.0), ("Sanjay S. Mody", 950000.0)]
    assert links == [("Sanjay S. Mody", "Nina Mody", Role.OTHER)]
    assert kinds["Nina Mody"] is NodeKind.PERSON


def test_quoted_consisting_of_own_and_wifes_shares_wife_unnamed() -> None:
    # the same Item 5 without Item 3: the wife is named only by the document's words
    holdings, links, kinds = _mody(QUOTED_MODY_ITEM5)
    wife = [n for n, _s in holdings if n != "Sanjay S. Mody"]
    assert len(wife) == 1 and "wife" in wife[0]
    assert sorted(s for _n, s in holdings) == [950000.0, 1100000.0]
    assert links == [("Sanjay S. Mody", wife[0], Role.OTHER)]
    assert kinds[wife[0]] is NodeKind.UNKNOWN


def test_parts_not_adding_up_leave_the_count_whole() -> None:
    # the parts must add up to the filer's stated total: 950,000 + 1,000,000 != 2,050,000
    items = QUOTED_MODY_ITEM5.replace("(ii) 1,100,000", "(ii) 1,000,000")
    holdings, links, _k = _mody(items)
    assert holdings == [("Sanjay S. Mody", 2050000.0)]
    # the relation is stated all the same (convention 16): the link, no holding
    assert len(links) == 1 and links[0][0] == "Sanjay S. Mody" and "wife" in links[0][1]


def test_shares_held_jointly_with_his_wife_are_his_own() -> None:
    # a relative sharing power over the filer's own shares is no separate holder
    items = QUOTED_MODY_ITEM5.replace(
        "(i) 950,000 shares owned directly by him", "(i) 950,000 shares held jointly with his wife"
    ).replace("owned directly by his wife", "owned directly by his son")
    holdings, links, _k = _mody(items)
    assert sorted(s for _n, s in holdings) == [950000.0, 1100000.0]
    assert ("Sanjay S. Mody", 950000.0) in holdings
    assert len(links) == 1 and "son" in links[0][1]


def test_named_relative_forms() -> None:
    names = ["Sanjay S. Mody", "SANJAY S. MODY"]
    assert named_relative(QUOTED_MODY_ITEM3, "wife", names, only_person=False) == "Nina Mody"
    assert named_relative(QUOTED_MODY_ITEM3, "spouse", names, only_person=False) == "Nina Mody"
    assert named_relative(QUOTED_MODY_ITEM3, "husband", names, only_person=False) == "Nina Mody"
    assert named_relative(QUOTED_MODY_ITEM3, "son", names, only_person=False) is None
    # "the wife of" another person names no relative of this filer
    assert named_relative(QUOTED_MODY_ITEM3, "wife", ["John Roe"], only_person=False) is None
    #: quoted from a 1997 SC 13D/A (Universal Seismic Associates): the pronoun form
    quoted = "beneficially owned by him with Wendy Kecseg, his wife.  Mrs."
    assert named_relative(quoted, "wife", ["Michael T. Kanarellis"], only_person=True) == (
        "Wendy Kecseg"
    )
    assert named_relative(quoted, "wife", ["Michael T. Kanarellis"], only_person=False) is None
    assert named_relative(quoted, "children", ["Michael T. Kanarellis"], only_person=True) is None


#: quoted from a 1994 SC 13D (Suburban Bancorp, Inc., the Fitzgerald family), footnote (5)
#: to Julie F. Schauer's rows
QUOTED_SCHAUER_NOTE = (
    "(5)  Includes 11,303 Class A shares and 52,308 Class B shares\n"
    "     held of record by Julie F. Schauer's spouse and 3,981\n"
    "     Class A shares and 18,069 Class B shares owned by the\n"
    "     Elyse Ives Schauer Trust, of which Julie F. Schauer is\n"
    "     trustee.\n"
)


def test_quoted_includes_shares_of_record_of_the_filers_spouse() -> None:
    # counts of two classes: no holding is split, the stated relation is a link all the same
    pd = legacy_13g(
        cover_page("Julie F. Schauer", sole="42,306 (5)", agg="42,306 (5)", typ="IN"),
        QUOTED_SCHAUER_NOTE,
    )
    names = {p.id: p.name for p in pd.parties}
    kinds = {p.name: p.kind for p in pd.parties}
    links = sorted((names[lk.controller_id], names[lk.controlled_id], lk.role) for lk in pd.links)
    assert ("Julie F. Schauer", "Julie F. Schauer's spouse", Role.OTHER) in links
    assert kinds["Julie F. Schauer's spouse"] is NodeKind.UNKNOWN
    # another person's relative is not the filer's
    other = QUOTED_SCHAUER_NOTE.replace("Julie F. Schauer's spouse", "Peter G. Fitzgerald's spouse")
    pd = legacy_13g(
        cover_page("Julie F. Schauer", sole="42,306 (5)", agg="42,306 (5)", typ="IN"), other
    )
    names = {p.id: p.name for p in pd.parties}
    assert not any("spouse" in names[lk.controlled_id] for lk in pd.links)


def _roe(rows: str, items: str):
    pd = legacy_13g(cover_page("John Q. Roe", sole=rows, agg=rows, typ="IN"), items)
    names = {p.id: p.name for p in pd.parties}
    holdings = sorted((names[h.holder_id], h.shares) for h in pd.holdings)
    links = sorted((names[lk.controller_id], names[lk.controlled_id], lk.role) for lk in pd.links)
    return holdings, links


def test_footnote_on_power_rows_includes_wife_and_minor_children() -> None:
    # a constructed footnote in the words of convention 16 ("Includes ... shares held by his
    # wife"): the marker on the sole power rows makes no stated power of a relative's part
    holdings, links = _roe(
        "100,000 (1)",
        "(1) Includes 5,000 shares held by his wife and 2,000 shares held by his minor "
        "children, as to which he disclaims beneficial ownership.",
    )
    assert [s for _n, s in holdings] == [93000.0, 2000.0, 5000.0]
    assert [(c, r) for c, _d, r in links] == [("John Q. Roe", Role.OTHER)] * 2
    assert {d.split("'s ")[-1] for _c, d, _r in links} == {"wife", "minor children"}


def test_including_spouse_and_a_named_trust() -> None:
    holdings, links = _roe(
        "100,000",
        "Item 5. (a) Mr. Roe beneficially owns 100,000 shares of Common Stock, including "
        "10,000 shares held of record by his spouse and 5,000 shares held by the Roe Family "
        "Trust.",
    )
    assert ("John Q. Roe", 85000.0) in holdings and ("Roe Family Trust", 5000.0) in holdings
    assert ("John Q. Roe", "Roe Family Trust", Role.OTHER) in links
    assert sum(1 for _c, d, _r in links if "spouse" in d) == 1


#: quoted from a 2010 SC 13D/A (Delta Apparel, Inc., filed by Minor M. Shaw), Item 5
QUOTED_DECEDENT = (
    "As described above, as Co-Executor of the estate of the Decedent, Mrs. Shaw has shared "
    "power to vote and to dispose of 189,664 shares of Common Stock owned by the Decedent "
    "directly, 3,500 shares of Common stock held by the Decedent as custodian for a minor "
    "child, and 474,052 shares held by the Decedent as an officer and director of Micco "
    "Corporation, with respect to two-thirds of which shares the Decedent disclaimed "
    "beneficial ownership."
)


def test_quoted_held_as_custodian_for_a_minor_child_is_the_childs() -> None:
    from ownergraph.loaders.sec_stated_holdings import stated_holdings
    from ownergraph.loaders.sec_terms import NameBook

    b = NameBook(issuer_key="i")
    b.add_party("i", "Delta Apparel, Inc.")
    b.add_party("d", "Buck A. Mickel", person=True)
    b.add_alias("Decedent", ("d",))
    b.add_party("micco", "Micco Corporation")
    got = [(b.names[h.holder], h.shares) for h in stated_holdings(QUOTED_DECEDENT, b)]
    # the Decedent's own 189,664; the 3,500 the minor child's; the 474,052 held as an officer
    # and director of Micco Corporation are not the Decedent's own
    assert got == [("Buck A. Mickel", 189664.0), ("a minor child", 3500.0)]


def test_relatives_trust_and_joint_tenancy_are_no_relatives_part() -> None:
    base = (
        "Item 5. (a) Mr. Roe beneficially owns 100,000 shares of Common Stock, consisting of "
        "90,000 shares owned directly by him and 10,000 shares held by "
    )
    for tail in (
        "his wife's trust.",
        "his wife and him as joint tenants.",
        "him and his wife jointly.",
    ):
        holdings, links = _roe("100,000", base + tail)
        assert holdings == [("John Q. Roe", 100000.0)], tail
        assert links == [], tail


def test_whose_beneficial_ownership_includes_a_relatives_shares() -> None:
    # constructed in the words of convention 16 ("Mr. X's beneficial ownership includes")
    holdings, links = _roe(
        "100,000",
        "Item 5. (a) Mr. Roe's beneficial ownership includes 10,000 shares held by his wife, "
        "as to which he disclaims beneficial ownership.",
    )
    assert holdings == [("John Q. Roe", 90000.0), ("John Q. Roe's wife", 10000.0)]
    assert links == [("John Q. Roe", "John Q. Roe's wife", Role.OTHER)]
