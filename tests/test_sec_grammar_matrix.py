"""The relation grammar on a role x construction matrix: each construction that SEC filings
use to state a control link, with every role word, on synthetic sentences whose expected
links are written by hand (controller, controlled, role). A rule must read a construction,
whatever the role or the names, not one filing's phrasing.

Parties are known to the name book as cover pages would give them ("X" below); the
sentences are built from templates so that every cell of the matrix is one test.
"""

from __future__ import annotations

import pytest

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_terms import NameBook, bare_terms, define_terms

X, Y, Z, W = "Alpha Capital LLC", "Beta Fund, L.P.", "Gamma Partners, L.P.", "Delta Offshore Ltd."
P1, P2 = "John A. Smith", "Mary B. Jones"
GP, MM, SM = Role.GENERAL_PARTNER, Role.MANAGING_MEMBER, Role.SOLE_MEMBER
IA, IM, TR, PA = Role.INVESTMENT_ADVISER, Role.INVESTMENT_MANAGER, Role.TRUSTEE, Role.PARENT


def links(text: str) -> set[tuple[str, str, Role]]:
    """(controller, controlled, role) of ``text`` with a book that knows X, Y, Z, W and the
    two persons (a line break inside a sentence is a space, as the loader gives it)."""
    book = NameBook()
    for p in (P1, P2):
        book.add_party(p, p, person=True)
    for p in (X, Y, Z, W):
        book.add_party(p, p)
    text = text.replace("\n", " ")
    define_terms(text, book)
    bare_terms(text, book)
    return {
        (book.names[x.controller], book.names[x.controlled], x.role)
        for x in extract_links(text, book)
    }


#: (printed role, plural or None, the role it states, article)
ROLES = [
    ("general partner", "general partners", GP, "the"),
    ("managing member", "managing members", MM, "the"),
    ("sole managing member", None, MM, "the"),
    ("co-managing member", "co-managing members", MM, "a"),
    ("sole member", None, SM, "the"),
    ("investment adviser", "investment advisers", IA, "the"),
    ("investment advisor", "investment advisors", IA, "the"),
    ("investment manager", "investment managers", IM, "the"),
    ("trustee", "trustees", TR, "the"),
    ("parent company", None, PA, "the"),
    ("controlling stockholder", "controlling stockholders", PA, "the"),
    ("controlling shareholder", "controlling shareholders", PA, "the"),
    ("parent holding company", None, PA, "the"),
    ("sole stockholder", None, PA, "the"),
]
IDS = [r[0] for r in ROLES]

#: X states role R over Y: one link X -> Y.
ONE = {
    "is_the": "{X} is {art} {r} of {Y}.",
    "is_a": "{X} is {a} {r} of {Y}.",
    "serves_as_the": "{X} serves as the {r} of {Y}.",
    "appositive": "{X}, the {r} of {Y}, may be deemed to beneficially own the shares.",
    "the_r_of_y_is_x": "The {r} of {Y} is {X}.",
    "capacity": "{X}, in its capacity as {r} of {Y}, may be deemed to beneficially own the shares.",
    "as_r": "{X}, as {r} of {Y}, may be deemed to beneficially own the shares.",
    "as_the_r": "{X}, as the {r} of {Y}, may be deemed to beneficially own the shares.",
    "line_breaks": "{X} is the\n{r} of\n{Y}.",
    "defined_term": '{X} (the "Adviser") and {Y} (the "Fund") file this statement. '
    "The Adviser is the {r} of the Fund.",
}


@pytest.mark.parametrize("cell", sorted(ONE))
@pytest.mark.parametrize(("r", "rs", "role", "art"), ROLES, ids=IDS)
def test_one_link(cell: str, r: str, rs: str | None, role: Role, art: str) -> None:
    a = "an" if r[0] in "aeiou" else "a"
    text = ONE[cell].format(X=X, Y=Y, r=r, art=art, a=a)
    assert links(text) == {(X, Y, role)}


@pytest.mark.parametrize(("r", "rs", "role", "art"), ROLES, ids=IDS)
def test_appositive_chain(r: str, rs: str | None, role: Role, art: str) -> None:
    """ "P is the sole member of X, the R of Y, the R of Z": each link one step down."""
    text = f"{P1} is the sole member of {X}, the {r} of {Y}, the {r} of {Z}."
    assert links(text) == {(P1, X, SM), (X, Y, role), (Y, Z, role)}


@pytest.mark.parametrize(("r", "rs", "role", "art"), ROLES, ids=IDS)
def test_one_controller_of_a_list(r: str, rs: str | None, role: Role, art: str) -> None:
    """ "X is the R of Y, Z and W" and "... of each of Y, Z and W"."""
    for text in (
        f"{X} is the {r} of {Y}, {Z} and {W}.",
        f"{X} is the {r} of each of {Y}, {Z} and {W}.",
    ):
        assert links(text) == {(X, Y, role), (X, Z, role), (X, W, role)}


@pytest.mark.parametrize(
    ("r", "rs", "role", "art"), [x for x in ROLES if x[1]], ids=[x[0] for x in ROLES if x[1]]
)
def test_plural_subjects(r: str, rs: str, role: Role, art: str) -> None:
    """ "X and Z are the Rs of Y", "Each of X, Z and W is a R of Y", persons too, and
    "respectively"."""
    a = "an" if r[0] in "aeiou" else "a"
    assert links(f"{X} and {Z} are the {rs} of {Y}.") == {(X, Y, role), (Z, Y, role)}
    assert links(f"{P1} and {P2} are the {rs} of {Y}.") == {(P1, Y, role), (P2, Y, role)}
    assert links(f"Each of {X}, {Z} and {W} is {a} {r} of {Y}.") == {
        (X, Y, role),
        (Z, Y, role),
        (W, Y, role),
    }
    assert links(f"{X} and {Z} are the {rs} of {Y} and {W}, respectively.") == {
        (X, Y, role),
        (Z, W, role),
    }


def test_separate_sentences_after_a_legal_form_stay_apart() -> None:
    """A name ending "L.P." then a new sentence, or ", and" then a new clause: two parties,
    two links (an older phrase rule read "Beta Fund, L.P., and John A. Smith" as one name)."""
    for sep in (", and ", ". ", ".\n\n"):
        text = f"{X} is the general partner of {Y}{sep}{P1} is the managing member of {X}."
        assert links(text) == {(X, Y, GP), (P1, X, MM)}, sep


def test_loader_keeps_two_sentences_two_parties() -> None:
    """Through the legacy loader (cover pages in capitals, a hard-wrapped Item 4): the
    general partner's fund and the managing member stay two parties, each link one step."""
    from tests.test_sec_grammar import _filing, _page

    fund, gp, person = "Orchard Value Fund, L.P.", "Orchard Partners GP, LLC", "Jane Q. Orchard"
    parsed = _filing(
        [_page(n.upper(), shared="100", agg="100") for n in (fund, gp, person)],
        "Item 4. Ownership. Orchard Partners GP, LLC is the general partner of Orchard Value\n"
        "Fund, L.P., and Jane Q. Orchard is the sole managing member of Orchard\n"
        "Partners GP, LLC.\n",
    )
    names = {p.id: p.name for p in parsed.parties}
    assert sorted(names.values()) == sorted(["Example Issuer Corp.", fund, gp, person])
    got = {(names[lk.controller_id], names[lk.controlled_id], lk.role) for lk in parsed.links}
    assert got == {(gp, fund, GP), (person, gp, MM)}


#: Sentences that name a role and state no link: denied, past, hypothetical.
NO_LINK = {
    "not": "{X} is not the {r} of {Y}.",
    "no_longer": "{X} is no longer the {r} of {Y}.",
    "formerly": "{X} was formerly the {r} of {Y}.",
    "former": "{X}, the former {r} of {Y}, holds the shares.",
    "hypothetical": "If {X} were to become the {r} of {Y}, it would report.",
}


@pytest.mark.parametrize("cell", sorted(NO_LINK))
@pytest.mark.parametrize(("r", "rs", "role", "art"), ROLES, ids=IDS)
def test_no_link(cell: str, r: str, rs: str | None, role: Role, art: str) -> None:
    assert links(NO_LINK[cell].format(X=X, Y=Y, r=r)) == set()


def test_a_denied_role_leaves_the_next_clause() -> None:
    text = f"{X} is not the general partner of {Y}, but {Z} is the investment manager of {Y}."
    assert links(text) == {(Z, Y, IM)}
    assert links(f"{Y}, formerly a subsidiary of {X}, holds the shares.") == set()
    assert links(f"{Y}, a subsidiary of {X}, holds the shares.") == {(X, Y, PA)}


def test_a_list_of_client_funds_with_commas_inside_names() -> None:
    """ "X provides advisory services for A, B, C and D": names with commas inside ("Gold,
    Natural Resources, & Income Trust"), a legal form after a comma, ETFs, and a list
    ending the sentence; one unreadable item is passed over."""
    book = NameBook()
    book.add_party(X, X)
    text = (
        f"{X} is an investment adviser which provides advisory services for The Gold Fund, "
        "Inc., The Global Gold, Natural Resources, & Income Trust, Bancroft Fund Ltd. and "
        "Ellsworth Growth & Income Fund Ltd., Orchard Automation ETF, The Mighty Mites sm "
        "Fund, and The Westwood\xa0 Equity Fund."
    )
    got = {
        (book.names[x.controller], book.names[x.controlled], x.role)
        for x in extract_links(text, book)
    }
    assert got == {
        (X, name, IA)
        for name in (
            "The Gold Fund, Inc.",
            "The Global Gold, Natural Resources, & Income Trust",
            "Bancroft Fund Ltd.",
            "Ellsworth Growth & Income Fund Ltd.",
            "Orchard Automation ETF",
            "The Westwood Equity Fund",
        )
    }


def test_fronted_role_and_comma_lists() -> None:
    """ "As the general partner of Y, X may be deemed": the subject after the role; a list
    joined by commas alone is no list ("of Y, X may" names Y only); "Y is managed by X, its
    general partner" states the role it names."""
    text = (
        f"As the sole general partner of {Y}, {X} may be deemed to own the shares; as the "
        f"sole general partner of {X}, {Z} may be deemed to own them."
    )
    assert links(text) == {(X, Y, GP), (Z, X, GP)}
    assert links(f"{Y} is managed by {X}, its general partner.") == {(X, Y, GP)}
    assert links(f"{X} serves as investment manager to {Y}, {Z} and other accounts.") == {
        (X, Y, IM),
        (X, Z, IM),
    }


def test_defined_terms_in_a_list_are_no_new_party() -> None:
    """'Fund I, Fund II and the Offshore Fund' (each a defined term) is three parties."""
    text = (
        f'{Y} ("Fund I"), {Z} ("Fund II"), {W} (the "Offshore Fund") and {X} file this. '
        f"{X} is the investment manager of Fund I, Fund II and the Offshore Fund."
    )
    assert links(text) == {(X, Y, IM), (X, Z, IM), (X, W, IM)}


def test_many_managing_members_of_a_fund_family() -> None:
    """A venture family: each link one step, the individual managers listed."""
    book_persons = ("Forest Baskett", "Ali Behbahani", "Carmen Chang", "Patrick J. Kerins")
    text = (
        'NV Partners 15, L.P. ("NV Partners 15") is the sole general partner of New Ventures '
        '15, L.P. ("NV 15"); NV 15 GP, LLC ("NV 15 LLC") is the sole general partner of NV '
        "Partners 15. The managing members of NV 15 LLC are Forest Baskett, Ali Behbahani, "
        "Carmen Chang and Patrick J. Kerins."
    )
    book = NameBook()
    for p in book_persons:
        book.add_party(p, p, person=True)
    for p in ("New Ventures 15, L.P.", "NV Partners 15, L.P.", "NV 15 GP, LLC"):
        book.add_party(p, p)
    define_terms(text, book)
    got = {
        (book.names[x.controller], book.names[x.controlled], x.role)
        for x in extract_links(text, book)
    }
    assert got == {
        ("NV Partners 15, L.P.", "New Ventures 15, L.P.", GP),
        ("NV 15 GP, LLC", "NV Partners 15, L.P.", GP),
        *{(p, "NV 15 GP, LLC", MM) for p in book_persons},
    }


@pytest.mark.parametrize(
    "text",
    [
        "The managing members of NV 15 GP, LLC are Forest Baskett, Ali Behbahani and Carmen Chang.",
        "NV 15 GP, LLC's managing members are Forest Baskett, Ali Behbahani and Carmen Chang.",
        "NV 15 GP, LLC, whose managing members are Forest Baskett, Ali Behbahani and Carmen "
        "Chang, may be deemed to own the shares.",
        "Forest Baskett, Ali Behbahani and Carmen Chang are the managing members of NV 15 GP, LLC.",
        "NV 15 GP, LLC is managed by its managing members, Forest Baskett, Ali Behbahani and "
        "Carmen Chang.",
    ],
)
def test_persons_named_only_in_the_prose(text: str) -> None:
    """Individual managers the cover pages do not name: every name of the list is a person
    and a managing member, whichever side of the role the list stands."""
    book = NameBook()
    book.add_party("gp", "NV 15 GP, LLC")
    define_terms(text, book)
    got = {(book.names[x.controller], x.controlled, x.role) for x in extract_links(text, book)}
    assert got == {(p, "gp", MM) for p in ("Forest Baskett", "Ali Behbahani", "Carmen Chang")}
    assert {book.names[k] for k in book.persons} == {
        "Forest Baskett",
        "Ali Behbahani",
        "Carmen Chang",
    }


@pytest.mark.parametrize(
    "text",
    [
        "{P} owns 45% of {Y}.",
        "{P} owns approximately 45% of the membership interests of {Y}.",
        "{P} holds 45% of the outstanding equity interests in {Y}.",
        "{P} has a 45% interest in {Y}.",
        "45% of {Y} is owned by {P}.",
        "Approximately 45% of the outstanding shares of {Y} are owned by {P}.",
        "{P}, who owns 45% of {Y}, may be deemed to own the shares.",
    ],
)
def test_an_ownership_percentage_is_a_shareholder_link(text: str) -> None:
    """Convention 9: any stated ownership percentage is a shareholder link owner -> entity."""
    assert links(text.format(P=P1, Y=Y)) == {(P1, Y, Role.SHAREHOLDER)}


def test_objects_joined_by_and_of_and_a_list_before_is() -> None:
    """ "P is the managing member of X and of Y"; "The general partner of each of Y and Z is
    X" (the list runs to its verb only when the role opens the clause)."""
    assert links(f"{P1} is the managing member of {X} and of {W}.") == {(P1, X, MM), (P1, W, MM)}
    assert links(f"The general partner of each of {Y} and {Z} is {X}.") == {(X, Y, GP), (X, Z, GP)}
    assert links(f"The general partner of {Y} and {Z} is {X}.") == {(X, Y, GP), (X, Z, GP)}
    text = f"{X} is the general partner of {Y} and {P1} is the managing member of {X}."
    assert links(text) == {(X, Y, GP), (P1, X, MM)}


@pytest.mark.parametrize(
    "subject",
    [
        "{P1} and {P2}",
        "Messrs. Smith and Jones",
        "Mr. Smith and Ms. Jones",
        "Each of {P1} and {P2}",
    ],
)
def test_persons_in_apposition_with_a_plural_role(subject: str) -> None:
    """ "A and B, the managing members of X, may be deemed ...": surnames after a plural
    title name the persons the book knows."""
    text = (
        subject.format(P1=P1, P2=P2) + f", the managing members of {X}, may be deemed to own them."
    )
    if subject.startswith("Each"):
        text = f"Each of {P1} and {P2} is a managing member of {X}."
    assert links(text) == {(P1, X, MM), (P2, X, MM)}
