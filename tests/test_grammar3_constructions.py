"""Room GRAMMAR (session 8): constructions of the legacy 13D/G prose (issue 11). Each test
quotes a short synthetic text written in the shape of the filings' sentences; the expected
links are read from that text."""

from __future__ import annotations

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_terms import NameBook, define_terms

PERSONS = ("Amy Kite", "Bo Lam", "Cal Moe")


def _links(text: str, persons: tuple[str, ...], parties: tuple[str, ...]) -> set[tuple]:
    book = NameBook()
    for p in persons:
        book.add_party(p, p, person=True)
    for p in parties:
        book.add_party(p, p)
    define_terms(text, book)
    return {
        (book.names[x.controller], book.names[x.controlled], x.role)
        for x in extract_links(text, book)
    }


def test_colon_list_after_the_following_persons_who_are() -> None:
    """Quoted construction: 'the following persons who are managing members of Y, with
    respect to the shares held by F: A, B and C' -- a relative 'who are' after 'the
    following persons' introduces the role; the holders are listed after the colon."""
    text = (
        "The following persons who are managing members of Kite GP LLC, with respect to the "
        "shares held by Kite Fund LP: Amy Kite, Bo Lam and Cal Moe."
    )
    got = _links(text, PERSONS, ("Kite GP LLC", "Kite Fund LP"))
    assert {(p, "Kite GP LLC", Role.MANAGING_MEMBER) for p in PERSONS} <= got
    assert not any(c in PERSONS and d == "Kite Fund LP" for c, d, _ in got)


def test_colon_list_after_a_defined_term_in_parentheses() -> None:
    """Quoted construction: 'Voting and dispositive power is shared by the following persons
    who are managing members of Y, with respect to the shares held by F (the "Fund"): A, B
    and C' -- a defined term in parentheses before the colon does not end the aside."""
    text = (
        "Voting and dispositive power is shared by the following persons who are managing "
        "members of Kite GP LLC, with respect to the shares held by Kite Fund LP (the "
        '"Fund"): Amy Kite, Bo Lam and Cal Moe.'
    )
    got = _links(text, PERSONS, ("Kite GP LLC", "Kite Fund LP"))
    assert {(p, "Kite GP LLC", Role.MANAGING_MEMBER) for p in PERSONS} <= got


def test_colon_after_a_sentence_lists_no_holders() -> None:
    """Guard: 'X is a managing member of Y. The Fund holds: ...' -- a colon in a later
    sentence opens no list of the role's holders (no link from the names after it)."""
    text = (
        "Amy Kite is a managing member of Kite GP LLC. The shares are held as follows: "
        "Bo Lam and Cal Moe."
    )
    got = _links(text, PERSONS, ("Kite GP LLC",))
    assert ("Amy Kite", "Kite GP LLC", Role.MANAGING_MEMBER) in got
    assert not any(c in ("Bo Lam", "Cal Moe") for c, _, _ in got)


# ------------------------------------------------------- inventions guarded (precision)


def test_relative_clause_with_a_name_before_is_controlled_by() -> None:
    """Quoted construction: 'X, which owns 40% of Y Partners, L.P., is controlled by Z' --
    the relative clause (a name with a comma inside it) is X's; Z controls X, not Y."""
    text = "Beta Corp., which owns 40% of Gamma Partners, L.P., is controlled by John Smith."
    got = _links(text, ("John Smith",), ("Beta Corp.", "Gamma Partners, L.P."))
    assert ("John Smith", "Beta Corp.", Role.PARENT) in got
    assert not any(c == "John Smith" and d == "Gamma Partners, L.P." for c, d, _ in got)


def test_relative_clause_with_an_interest_before_is_wholly_owned_by() -> None:
    """Quoted construction: 'A LLC, which owns a 40% limited partnership interest in G, is
    wholly owned by B Corp.' -- B owns A (parent); A's stake in G stays a stake."""
    text = (
        "Alpha LLC, which owns a 40% limited partnership interest in Gamma Partners, L.P., is "
        "wholly owned by Beta Corp."
    )
    got = _links(text, (), ("Alpha LLC", "Beta Corp.", "Gamma Partners, L.P."))
    assert ("Beta Corp.", "Alpha LLC", Role.PARENT) in got
    assert ("Alpha LLC", "Gamma Partners, L.P.", Role.SHAREHOLDER) in got
    assert not any(c == "Beta Corp." and d == "Gamma Partners, L.P." for c, d, _ in got)


def test_new_subject_with_its_role_in_apposition_ends_the_object_list() -> None:
    """Quoted construction: 'A owns a 99% limited partnership interest in G, and D, its
    general partner, owns a 1% general partnership interest' -- D is a new subject, not a
    second object of A's stake."""
    text = (
        "Alpha LLC owns a 99% limited partnership interest in Gamma Partners, L.P., and Delta "
        "GP LLC, its general partner, owns a 1% general partnership interest."
    )
    got = _links(text, (), ("Alpha LLC", "Gamma Partners, L.P.", "Delta GP LLC"))
    assert ("Alpha LLC", "Gamma Partners, L.P.", Role.SHAREHOLDER) in got
    assert not any(c == "Alpha LLC" and d == "Delta GP LLC" for c, d, _ in got)


def test_subject_that_was_merged_away_keeps_no_control_link() -> None:
    """Quoted construction (1996 Public Storage SC 13D): 'Public Storage Management, Inc.
    ("PSMI"), a corporation controlled by B. Wayne Hughes and members of his family ...,
    was merged (the "PSMI Merger") with and into SEI' -- PSMI no longer exists: no link."""
    text = (
        'On November 16, 1995, Public Storage Management, Inc. ("PSMI"), a corporation '
        "controlled by B. Wayne Hughes and members of his family (collectively, the "
        '"Hughes Family"), was merged (the "PSMI Merger") with and into SEI.'
    )
    got = _links(text, ("B. Wayne Hughes",), ("Public Storage Management, Inc.", "SEI"))
    assert not any(d == "Public Storage Management, Inc." for _, d, _ in got)


def test_apposition_controlled_by_with_a_present_verb_is_kept() -> None:
    """Guard: 'X, a corporation controlled by Y, holds 100 shares' -- Y controls X."""
    text = "Public Storage Management, Inc., a corporation controlled by B. Wayne Hughes, holds 100 shares."
    got = _links(text, ("B. Wayne Hughes",), ("Public Storage Management, Inc.",))
    assert ("B. Wayne Hughes", "Public Storage Management, Inc.", Role.PARENT) in got


def test_wholly_owned_subsidiary_that_skips_a_stated_chain() -> None:
    """Quoted construction (2022 Cronos SC 13D/A, convention 14): 'Altria Summit ... is a
    wholly owned subsidiary of Altria', 'Bermuda Holdco ... a wholly owned subsidiary of
    Altria Summit', 'Canada Acquireco ... a wholly owned subsidiary of Bermuda Holdco' and
    in a footnote 'Canada Acquireco is a wholly owned subsidiary of Altria' -- the direct
    statement skips the named intermediaries: only the chain is kept."""
    from ownergraph.loaders.sec_legacy_links import _skips_a_chain

    down = {"altria": {"summit", "canada"}, "summit": {"bermuda"}, "bermuda": {"canada"}}
    assert _skips_a_chain(down, "altria", "canada")
    assert not _skips_a_chain(down, "altria", "summit")
    assert not _skips_a_chain(down, "bermuda", "canada")


# ------------------------------------------------------------- powers split by amount


def _subject_powers(text: str, persons: tuple[str, ...], parties: tuple[str, ...]) -> dict:
    from ownergraph.loaders.sec_clauses import clauses
    from ownergraph.loaders.sec_powers import subject_powers

    book = NameBook()
    for p in persons:
        book.add_party(p, p, person=True)
    for p in parties:
        book.add_party(p, p)
    return {book.names[k]: v for k, v in subject_powers(text, book, clauses(text)).items()}


def test_sole_over_some_shares_and_shared_over_others() -> None:
    """Quoted construction: 'X has sole voting and dispositive power with respect to 100
    Shares and shared voting and dispositive power with respect to 5,000 Shares' -- one
    power cannot be both over the same shares: the shares X holds through the parties it
    controls are the shared ones (its power on its control links: shared, shared)."""
    from ownergraph.graph.vocab import Power

    text = (
        "John Smith is the managing member of Alpha GP LLC. John Smith has sole voting and "
        "dispositive power with respect to 100 Shares and shared voting and dispositive "
        "power with respect to 5,000 Shares."
    )
    got = _subject_powers(text, ("John Smith",), ("Alpha GP LLC",))
    assert got == {"John Smith": (Power.SHARED, Power.SHARED)}


def test_sole_voting_and_shared_dispositive_is_no_split() -> None:
    """Guard: 'X has sole voting power and shared dispositive power over the Shares' states
    each kind once (no split by amount): nothing is put on X's links by this rule."""
    text = "John Smith has sole voting power and shared dispositive power over the Shares."
    assert _subject_powers(text, ("John Smith",), ()) == {}


# ------------------------------------------------------------- partnership interests


def test_partnership_interest_owned_by_is_a_stake() -> None:
    """Quoted construction: 'A 99% limited partnership interest in Y is owned by A' and 'the
    limited partnership interests of Y are owned by A and B' -- a partnership interest is a
    stake (convention 3: shareholder, with its percentage), not the whole entity (parent)."""
    got = _links(
        "A 99% limited partnership interest in Gamma Partners, L.P. is owned by Alpha LLC.",
        (),
        ("Alpha LLC", "Gamma Partners, L.P."),
    )
    assert got == {("Alpha LLC", "Gamma Partners, L.P.", Role.SHAREHOLDER)}
    got = _links(
        "The limited partnership interests of Gamma Partners, L.P. are owned by Alpha LLC "
        "and Beta Corp.",
        (),
        ("Alpha LLC", "Beta Corp.", "Gamma Partners, L.P."),
    )
    assert got == {
        ("Alpha LLC", "Gamma Partners, L.P.", Role.SHAREHOLDER),
        ("Beta Corp.", "Gamma Partners, L.P.", Role.SHAREHOLDER),
    }


# ------------------------------------------------------------- a role, then its holders


def test_role_holders_are_as_follows() -> None:
    """Quoted construction: 'The managing members of Y are as follows: A and B' -- the
    holders of a control role are listed after 'are as follows:'."""
    text = "The managing members of Micco Holdings LLC are as follows: Amy Kite and Bo Lam."
    got = _links(text, ("Amy Kite", "Bo Lam"), ("Micco Holdings LLC",))
    assert got == {
        ("Amy Kite", "Micco Holdings LLC", Role.MANAGING_MEMBER),
        ("Bo Lam", "Micco Holdings LLC", Role.MANAGING_MEMBER),
    }


def test_officers_as_follows_is_a_list_of_officers() -> None:
    """Guard (convention 8): 'The executive officers of Y are as follows: A and B' opens a
    list of officers and directors, not a stated control role: no link."""
    text = "The executive officers of Micco Holdings LLC are as follows: Amy Kite and Bo Lam."
    assert _links(text, ("Amy Kite", "Bo Lam"), ("Micco Holdings LLC",)) == set()


def test_plural_role_colon_after_a_name_with_dots() -> None:
    """Quoted construction: 'The managing members of Kite GP, L.L.C. are: A and B' -- the
    dots inside the name before the colon are no sentence end: the list is the role's."""
    text = "The managing members of Kite GP, L.L.C. are: Amy Kite and Bo Lam."
    got = _links(text, ("Amy Kite", "Bo Lam"), ("Kite GP, L.L.C.",))
    assert got == {
        ("Amy Kite", "Kite GP, L.L.C.", Role.MANAGING_MEMBER),
        ("Bo Lam", "Kite GP, L.L.C.", Role.MANAGING_MEMBER),
    }


def test_stated_power_explained_by_a_chain_goes_on_its_first_link() -> None:
    """Quoted construction: 'X is the managing member of GP, the general partner of the
    Fund. X may be deemed to share voting and dispositive power over the shares held by the
    Fund' -- the stated power is dropped (the chain explains it, convention 14) and X holds
    it through GP: X -> GP carries shared, shared; GP -> Fund states no power."""
    from ownergraph.graph.vocab import Power

    text = (
        "John Smith is the managing member of Alpha GP LLC, the general partner of Alpha Fund "
        "LP. John Smith may be deemed to share voting and dispositive power over the shares "
        "held by Alpha Fund LP."
    )
    book = NameBook()
    book.add_party("John Smith", "John Smith", person=True)
    for p in ("Alpha GP LLC", "Alpha Fund LP"):
        book.add_party(p, p)
    got = {
        (x.controller, x.controlled, x.role): (x.voting, x.investment)
        for x in extract_links(text, book)
    }
    assert got == {
        ("John Smith", "Alpha GP LLC", Role.MANAGING_MEMBER): (Power.SHARED, Power.SHARED),
        ("Alpha GP LLC", "Alpha Fund LP", Role.GENERAL_PARTNER): (None, None),
    }


# ---------------------------------------------------- relative clauses with two roles


def test_of_which_general_partner_and_sole_limited_partner() -> None:
    """Quoted construction: 'Y, of which D is the general partner and A is the sole limited
    partner, holds the shares' -- a limited partner in a relative clause (no 'of' after the
    role) is a stake in the antecedent (convention 3)."""
    text = (
        "Gamma Partners, L.P., of which Delta GP LLC is the general partner and Alpha LLC is "
        "the sole limited partner, holds the shares."
    )
    got = _links(text, (), ("Gamma Partners, L.P.", "Delta GP LLC", "Alpha LLC"))
    assert got == {
        ("Delta GP LLC", "Gamma Partners, L.P.", Role.GENERAL_PARTNER),
        ("Alpha LLC", "Gamma Partners, L.P.", Role.SHAREHOLDER),
    }


def test_whose_role_and_whose_second_role() -> None:
    """Quoted construction: 'Y is a limited partnership whose general partner is D and whose
    sole limited partner is A' -- the second 'whose' stands for Y (not for D, named just
    before it)."""
    text = (
        "Gamma Partners, L.P. is a limited partnership whose general partner is Delta GP LLC "
        "and whose sole limited partner is Alpha LLC."
    )
    got = _links(text, (), ("Gamma Partners, L.P.", "Delta GP LLC", "Alpha LLC"))
    assert got == {
        ("Delta GP LLC", "Gamma Partners, L.P.", Role.GENERAL_PARTNER),
        ("Alpha LLC", "Gamma Partners, L.P.", Role.SHAREHOLDER),
    }


def test_whose_general_partner_and_whose_investment_adviser() -> None:
    """Quoted construction: 'Y, whose general partner is D and whose investment adviser is
    Z, holds the shares' -- Z advises Y (it was read as D's adviser)."""
    text = (
        "Gamma Partners, L.P., whose general partner is Delta GP LLC and whose investment "
        "adviser is Beta Corp., holds the shares."
    )
    got = _links(text, (), ("Gamma Partners, L.P.", "Delta GP LLC", "Beta Corp."))
    assert ("Beta Corp.", "Gamma Partners, L.P.", Role.INVESTMENT_ADVISER) in got
    assert not any(d == "Delta GP LLC" for _, d, _ in got)


def test_is_the_owner_of_a_percentage_of_the_shares_of() -> None:
    """Quoted construction: 'X is the beneficial owner of approximately 60% of the
    outstanding common stock of Y' -- a stake stated as a percentage (convention 9), like
    'is the indirect holder of approximately 92.2% of ... in Y'."""
    text = (
        "John Smith is the beneficial owner of approximately 60% of the outstanding common "
        "stock of Beta Corp."
    )
    assert _links(text, ("John Smith",), ("Beta Corp.",)) == {
        ("John Smith", "Beta Corp.", Role.SHAREHOLDER)
    }


def test_owner_of_a_percentage_of_the_issuer_is_no_link() -> None:
    """Guard (convention 12): 'X is the beneficial owner of 9.5% of the outstanding Common
    Stock of the Company' -- a relation to the issuer is not a link."""
    book = NameBook(issuer_key="issuer")
    book.add_party("issuer", "Beta Corp.")
    book.add_alias("Company", ("issuer",))
    book.add_party("js", "John Smith", person=True)
    text = (
        "John Smith is the beneficial owner of 9.5% of the outstanding Common Stock of the Company."
    )
    assert extract_links(text, book) == []
