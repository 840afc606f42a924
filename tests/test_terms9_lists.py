"""Room TERMS (session 9): a plural defined term over a list stands for every member of the
list, and a plural subject with an "as <role> to <plural term>" aside takes the role over
every member (issue 11). Each text is a short synthetic sentence written in the shape of the
filings' sentences (named as such); the expected links are read from that text."""

from __future__ import annotations

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_terms import NameBook, define_terms

FUNDS = ("Alpha Fund I, L.P.", "Alpha Fund II, L.P.", "Alpha Fund III, L.P.")
IA = Role.INVESTMENT_ADVISER


def _read(text: str, parties: tuple[str, ...], persons: tuple[str, ...] = ()) -> tuple:
    book = NameBook()
    for p in persons:
        book.add_party(p, p, person=True)
    for p in parties:
        book.add_party(p, p)
    define_terms(text, book)
    terms = {t: {book.names[k] for k in ks} for t, ks in book.aliases.items()}
    links = {
        (book.names[x.controller], book.names[x.controlled], x.role)
        for x in extract_links(text, book)
    }
    return terms, links


def test_synthetic_list_with_descriptions_in_apposition() -> None:
    """Synthetic: 'A, a Delaware limited partnership, B, a Delaware limited partnership, and
    C, a Cayman Islands exempted company (collectively, the "Funds")': each member's
    description stands between the names of the list, so the term is all three (it was C
    only)."""
    text = (
        "Alpha Fund I, L.P., a Delaware limited partnership, Alpha Fund II, L.P., a Delaware "
        "limited partnership, and Alpha Fund III, L.P., a Cayman Islands exempted company "
        '(collectively, the "Funds"), hold the shares. Kite Advisers LLC is the investment '
        "adviser to the Funds."
    )
    terms, links = _read(text, ("Kite Advisers LLC", *FUNDS))
    assert terms["Funds"] == set(FUNDS)
    assert links == {("Kite Advisers LLC", f, IA) for f in FUNDS}


def test_synthetic_persons_list_with_citizenship() -> None:
    """Synthetic: 'Amy Kite, a citizen of the United States, Bo Lam, a citizen of Canada, and
    Cal Moe (together, the "Managers")': the term is the three persons, and a role of the
    Managers is a link from each."""
    text = (
        "Amy Kite, a citizen of the United States, Bo Lam, a citizen of Canada, and Cal Moe "
        '(together, the "Managers") filed this statement. The Managers are the managing members '
        "of Kite GP LLC."
    )
    terms, links = _read(text, ("Kite GP LLC",), ("Amy Kite", "Bo Lam", "Cal Moe"))
    assert terms["Managers"] == {"Amy Kite", "Bo Lam", "Cal Moe"}
    assert links == {(p, "Kite GP LLC", Role.MANAGING_MEMBER) for p in terms["Managers"]}


def test_synthetic_plural_terms_over_lists() -> None:
    """Synthetic: 'A, B and C (together, the "Alpha Funds")', '(collectively, the "Funds")',
    '(each, a "Fund" and together, the "Funds")': the plural term is every member, and a
    role over the term is a link to each."""
    for paren, term in (
        ('(together, the "Alpha Funds")', "Alpha Funds"),
        ('(collectively, the "Funds")', "Funds"),
        ('(each, a "Fund" and together, the "Funds")', "Funds"),
    ):
        text = (
            f"Alpha Fund I, L.P., Alpha Fund II, L.P. and Alpha Fund III, L.P. {paren} hold the "
            f"shares. Kite Advisers LLC is the investment adviser to the {term}."
        )
        terms, links = _read(text, ("Kite Advisers LLC",))
        assert terms[term] == set(FUNDS), paren
        assert links == {("Kite Advisers LLC", f, IA) for f in FUNDS}, paren


def test_synthetic_plural_subject_with_an_as_aside_over_plural_terms() -> None:
    """Synthetic: 'the Kite Adviser and the Lam Adviser, as investment advisers to the Funds
    and the Accounts, may be deemed to be the beneficial owners of ...' (each subject takes
    the role over each member of each term), and 'the Kite General Partner, as general
    partner to the Funds and managing member of the Accounts, may be deemed ...'."""
    defs = (
        'Alpha Fund I, L.P. and Alpha Fund II, L.P. (together, the "Funds") and Beta Account '
        'LLC (the "Accounts") hold the shares. Kite Advisers LLC (the "Kite Adviser") and Lam '
        'Capital LP (the "Lam Adviser") are Delaware companies. Kite GP LLC (the "Kite General '
        'Partner") is a Delaware company. '
    )
    parties = (*FUNDS[:2], "Beta Account LLC", "Kite Advisers LLC", "Lam Capital LP", "Kite GP LLC")
    ends = (*FUNDS[:2], "Beta Account LLC")
    _t, links = _read(
        defs + "The Kite Adviser and the Lam Adviser, as investment advisers to the Funds and "
        "the Accounts, may be deemed to be the beneficial owners of the shares.",
        parties,
    )
    assert links == {(a, f, IA) for a in ("Kite Advisers LLC", "Lam Capital LP") for f in ends}
    _t, links = _read(
        defs + "In addition, the Kite General Partner, as general partner to the Funds and "
        "managing member of the Accounts, may be deemed to beneficially own the shares.",
        parties,
    )
    assert links == {
        ("Kite GP LLC", FUNDS[0], Role.GENERAL_PARTNER),
        ("Kite GP LLC", FUNDS[1], Role.GENERAL_PARTNER),
        ("Kite GP LLC", "Beta Account LLC", Role.MANAGING_MEMBER),
    }


def test_synthetic_as_aside_with_a_capacity_that_is_no_control() -> None:
    """Synthetic: 'X, as custodian for the Funds, may be deemed ...': a custodian is no
    control role, no link."""
    text = (
        'Alpha Fund I, L.P. and Alpha Fund II, L.P. (together, the "Funds") hold the shares. '
        "Kite GP LLC, as custodian for the Funds, may be deemed to beneficially own the shares."
    )
    _t, links = _read(text, ("Kite GP LLC", *FUNDS[:2]))
    assert links == set()


def test_synthetic_group_term_after_and_comma() -> None:
    """Synthetic, the shape of a dev filing's '(each, a "Stockholder" and, collectively, the
    "Stockholders")' (Occam Networks 2010, Item 4): the group's term after 'and,' is every
    member."""
    text = (
        'Alpha Fund I, L.P., Alpha Fund II, L.P. and Alpha Fund III, L.P. (each, a "Fund" and, '
        'together, the "Funds") hold the shares. Kite Advisers LLC is the investment adviser to '
        "the Funds."
    )
    terms, links = _read(text, ("Kite Advisers LLC", *FUNDS))
    assert terms["Funds"] == set(FUNDS)
    assert links == {("Kite Advisers LLC", f, IA) for f in FUNDS}


def test_synthetic_group_term_over_a_list_of_terms() -> None:
    """Synthetic: 'Fund I, Fund II and Fund III (together, the "Funds")' where each member is
    a term defined before: the group is the three funds (today a party "Fund II and Fund III"
    is invented)."""
    text = (
        'Alpha Fund I, L.P. ("Fund I"), Alpha Fund II, L.P. ("Fund II") and Alpha Fund III, L.P. '
        '("Fund III") hold the shares. Fund I, Fund II and Fund III (together, the "Funds") are '
        "Delaware partnerships. Kite Advisers LLC is the investment adviser to the Funds."
    )
    terms, links = _read(text, ("Kite Advisers LLC", *FUNDS))
    assert terms["Funds"] == set(FUNDS)
    assert links == {("Kite Advisers LLC", f, IA) for f in FUNDS}
