"""The relation grammar on lists of objects (loaders/sec_grammar.py): a counted description
before the list, and defined terms that end a longer name.

Each test is on a sentence quoted from a development filing (named as such) or a synthetic
one (named as such); the expected links are read from the sentence by hand.
"""

from __future__ import annotations

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_terms import NameBook, define_terms
from tests.grammar_links import links_in

_links = links_in


def test_counted_description_before_the_list() -> None:
    """Quoted (2020 SC 13G, TIAA-CREF): 'Teachers Advisors, LLC (“TAL”) is the investment
    adviser to three registered investment companies, TIAA-CREF Funds (“Funds”), TIAA-CREF
    Life Funds (“Life Funds”), and TIAA Separate Account VA-1 (“VA-1”)': three links; the
    term "Funds" does not swallow "TIAA-CREF Life Funds" nor "(“Life Funds”)"."""
    tal = "Teachers Advisors, LLC"
    got = _links(
        "Teachers Advisors, LLC (“TAL”) is the investment adviser to three registered "
        "investment companies, TIAA-CREF Funds (“Funds”), TIAA-CREF Life Funds (“Life "
        "Funds”), and TIAA Separate Account VA-1 (“VA-1”).",
        parties=(tal,),
    )
    assert got == {
        (tal, "TIAA-CREF Funds", Role.INVESTMENT_ADVISER),
        (tal, "TIAA-CREF Life Funds", Role.INVESTMENT_ADVISER),
        (tal, "TIAA Separate Account VA-1", Role.INVESTMENT_ADVISER),
    }


def test_counted_description_general_partner() -> None:
    """Synthetic: 'X Capital LP is the general partner of two private investment funds,
    Alpha Fund LP and Beta Fund LP.'"""
    got = _links(
        "X Capital LP is the general partner of two private investment funds, Alpha Fund LP "
        "and Beta Fund LP."
    )
    assert got == {
        ("X Capital LP", "Alpha Fund LP", Role.GENERAL_PARTNER),
        ("X Capital LP", "Beta Fund LP", Role.GENERAL_PARTNER),
    }


def test_no_description_no_change() -> None:
    """Synthetic: 'X Capital LP is the general partner of certain funds managed by others,
    and Alpha Fund LP holds shares': no counted description, no list: no link."""
    got = _links(
        "X Capital LP is the general partner of certain funds managed by others, and Alpha "
        "Fund LP holds shares."
    )
    assert got == set()


def test_holders_named_in_parentheses_after_the_role() -> None:
    """Quoted (1997 SC 13D, Benjamin Moore & Co. ESOP, shortened): 'Each of the Issuer's
    employees ... who is a participant in the Plan is entitled to instruct the trustees of
    the Plan (currently Benjamin M. Belcher, Jr., Yvan Dupuy and Richard Roob) as to how to
    vote': each of the three -> the Plan, trustee (the two others named only here)."""
    book = NameBook(issuer_key="issuer")
    book.add_party("issuer", "Benjamin Moore & Co.")
    book.add_alias("Issuer", ("issuer",))
    book.add_party("plan", "Plan")
    book.add_party("dupuy", "Yvan Dupuy", person=True)
    text = (
        "Each of the Issuer's employees and former employees who is a participant in the "
        "Plan is entitled to instruct the trustees of the Plan (currently Benjamin M. "
        "Belcher, Jr., Yvan Dupuy and Richard Roob) as to how to vote the shares."
    )
    define_terms(text, book)
    got = {
        (book.names[x.controller], book.names[x.controlled], x.role)
        for x in extract_links(text, book)
    }
    assert got == {
        ("Benjamin M. Belcher, Jr.", "Plan", Role.TRUSTEE),
        ("Yvan Dupuy", "Plan", Role.TRUSTEE),
        ("Richard Roob", "Plan", Role.TRUSTEE),
    }


def test_plan_named_after_its_sponsor_when_the_plan_is_known() -> None:
    """Quoted (same filing, Item 3): 'Reporting person is one of three trustees of the
    Benjamin Moore & Co. Employees' Stock Ownership Plan.' where the book knows the plan as
    "Employees' Stock Ownership Plan": the link goes to the plan, not to the sponsor."""
    book = NameBook()
    book.add_party("dupuy", "Yvan Dupuy", person=True)
    book.add_party("plan", "Employees' Stock Ownership Plan")
    book.add_alias("Reporting Person", ("dupuy",))
    text = (
        "No funds involved. Reporting person is one of three trustees of the          "
        "Benjamin Moore & Co. Employees' Stock Ownership Plan."
    )
    got = {(x.controller, x.controlled, x.role) for x in extract_links(text, book)}
    assert got == {("dupuy", "plan", Role.TRUSTEE)}


def test_adviser_whose_clients_include() -> None:
    """Quoted (2021 SC 13D/A, Coliseum; two sentences of Items 3 and 6, shortened): '... a
    separate account investment advisory client of CCM (the “Separate Account”) ...' and
    'CCM is an investment adviser whose clients, including CCP, CCC III and the Separate
    Account, have the right to receive ... dividends': CCM advises all three; the term
    "Separate Account" names the client (a party named only by its term), not CCM."""
    book = NameBook()
    for p in ("CCM", "CCP", "CCC III"):
        book.add_party(p, p)
    text = (
        "The funds used by the Reporting Persons and a separate account investment advisory "
        "client of CCM (the “Separate Account”) were as follows. CCM is an investment "
        "adviser whose clients, including CCP, CCC III and the Separate Account, have the "
        "right to receive dividends."
    )
    define_terms(text, book)
    assert book.aliases["Separate Account"] != ("CCM",)
    got = {
        (book.names[x.controller], book.names[x.controlled], x.role)
        for x in extract_links(text, book)
    }
    assert got == {
        ("CCM", "CCP", Role.INVESTMENT_ADVISER),
        ("CCM", "CCC III", Role.INVESTMENT_ADVISER),
        ("CCM", "Separate Account", Role.INVESTMENT_ADVISER),
    }


def test_account_named_in_apposition_keeps_its_name() -> None:
    """Synthetic: 'Alpha Fund LP, a managed account (the “Account”), holds shares': the term
    names Alpha Fund LP (no "of": the description is an apposition)."""
    book = NameBook()
    book.add_party("alpha", "Alpha Fund LP")
    define_terms("Alpha Fund LP, a managed account (the “Account”), holds shares.", book)
    assert book.aliases["Account"] == ("alpha",)


def test_general_forms_of_common_relations() -> None:
    """Synthetic sentences in forms 13D/G prose uses (each read by hand): a role bracketed by
    commas before its object, 'are each managed by', 'holds all of the outstanding ...
    interests of', '100% owned by'."""
    alpha, fund, beta, gamma = (
        "Alpha Capital LLC",
        "Alpha Fund LP",
        "Beta Partners LP",
        "Gamma Inc.",
    )
    parties = (alpha, fund, beta, gamma)
    assert _links(
        "Alpha Capital LLC is the general partner of, and investment manager to, Alpha Fund LP.",
        parties=parties,
    ) == {(alpha, fund, Role.GENERAL_PARTNER), (alpha, fund, Role.INVESTMENT_MANAGER)}
    assert _links(
        "Alpha Fund LP and Beta Partners LP are each managed by Alpha Capital LLC.",
        parties=parties,
    ) == {(alpha, fund, Role.INVESTMENT_MANAGER), (alpha, beta, Role.INVESTMENT_MANAGER)}
    assert _links(
        "Gamma Inc. holds all of the outstanding equity interests of Alpha Capital LLC.",
        parties=parties,
    ) == {(gamma, alpha, Role.PARENT)}
    assert _links("Alpha Capital LLC is 100% owned by Gamma Inc.", parties=parties) == {
        (gamma, alpha, Role.PARENT)
    }


def test_majority_and_joint_ownership_forms() -> None:
    """Synthetic: 'X owns a majority of the outstanding shares of Y' -> parent (a majority
    owner, convention 14); 'Y is jointly owned by A and B' -> shareholder for each
    (co-ownership, convention 3)."""
    assert _links(
        "Gamma Inc. owns a majority of the outstanding shares of Alpha Capital LLC.",
        parties=("Gamma Inc.", "Alpha Capital LLC"),
    ) == {("Gamma Inc.", "Alpha Capital LLC", Role.PARENT)}
    assert _links(
        "Alpha Capital LLC is jointly owned by Beta Holdings LLC and Gamma Inc.",
        parties=("Gamma Inc.", "Alpha Capital LLC", "Beta Holdings LLC"),
    ) == {
        ("Beta Holdings LLC", "Alpha Capital LLC", Role.SHAREHOLDER),
        ("Gamma Inc.", "Alpha Capital LLC", Role.SHAREHOLDER),
    }


def test_relative_pronoun_after_a_group_term() -> None:
    """Synthetic: 'The Smith 2010 Trust and the Jones Family Trust (the "Trusts"), of which
    John Smith serves as co-trustee, hold shares.': Smith is trustee of both."""
    book = NameBook()
    book.add_party("js", "John Smith", person=True)
    text = (
        'The Smith 2010 Trust and the Jones Family Trust (the "Trusts"), of which John Smith '
        "serves as co-trustee, hold shares."
    )
    define_terms(text, book)
    got = {
        (book.names[x.controller], book.names[x.controlled], x.role)
        for x in extract_links(text, book)
    }
    assert got == {
        ("John Smith", "Smith 2010 Trust", Role.TRUSTEE),
        ("John Smith", "Jones Family Trust", Role.TRUSTEE),
    }


def test_role_held_in_an_unnamed_intermediary_is_no_link() -> None:
    """Synthetic: 'John Smith is the sole member of the general partner of Alpha Fund LP.':
    Smith is not the general partner of the fund (the general partner is not named): no
    link skips it."""
    assert (
        _links(
            "John Smith is the sole member of the general partner of Alpha Fund LP.",
            parties=("Alpha Fund LP",),
        )
        == set()
    )


def test_subsidiary_chains_and_fund_appositions() -> None:
    """Synthetic sentences, each read by hand: 'which in turn is a wholly-owned subsidiary
    of', 'through its wholly-owned subsidiary, Y', 'a fund managed by X', 'a private
    investment fund advised by X', 'holds a controlling interest in Y'."""
    alpha, fund, gamma = "Alpha Capital LLC", "Alpha Fund LP", "Gamma Holdings Inc."
    parties = (alpha, fund, gamma)
    assert _links(
        "Alpha Fund LP is a wholly-owned subsidiary of Alpha Capital LLC, which in turn is a "
        "wholly-owned subsidiary of Gamma Holdings Inc.",
        parties=parties,
    ) == {(alpha, fund, Role.PARENT), (gamma, alpha, Role.PARENT)}
    assert _links(
        "Gamma Holdings Inc. beneficially owns the shares through its wholly-owned "
        "subsidiary, Alpha Capital LLC.",
        parties=parties,
    ) == {(gamma, alpha, Role.PARENT)}
    assert _links(
        "All of the shares are held by Alpha Fund LP, a fund managed by Alpha Capital LLC.",
        parties=parties,
    ) == {(alpha, fund, Role.INVESTMENT_MANAGER)}
    assert _links(
        "The shares are held by Alpha Fund LP, a private investment fund advised by Alpha "
        "Capital LLC.",
        parties=parties,
    ) == {(alpha, fund, Role.INVESTMENT_ADVISER)}
    assert _links(
        "Gamma Holdings Inc. holds a controlling interest in Alpha Capital LLC.", parties=parties
    ) == {(gamma, alpha, Role.PARENT)}


def test_through_its_subsidiary_after_a_relative_pronoun() -> None:
    """Quoted (2022 SC 13D/A, Altria, one item of a list): 'UST LLC, which through its wholly
    owned subsidiary U.S. Smokeless Tobacco Company LLC, is engaged in the manufacture and
    sale of moist smokeless tobacco products'."""
    assert _links(
        "UST LLC, which through its wholly owned subsidiary U.S. Smokeless Tobacco Company LLC, "
        "is engaged in the manufacture and sale of moist smokeless tobacco products."
    ) == {("UST LLC", "U.S. Smokeless Tobacco Company LLC", Role.PARENT)}


def test_owners_with_their_stakes_in_parentheses() -> None:
    """Synthetic: 'Gamma Holdings Inc. is owned by John Doe (60%) and Jane Roe (40%).': a
    stake each (convention 9: shareholder, with the percentage), both persons found."""
    book = NameBook()
    book.add_party("gamma", "Gamma Holdings Inc.")
    text = "Gamma Holdings Inc. is owned by John Doe (60%) and Jane Roe (40%)."
    define_terms(text, book)
    got = {
        (book.names[x.controller], book.names[x.controlled], x.role, x.share)
        for x in extract_links(text, book)
    }
    assert got == {
        ("John Doe", "Gamma Holdings Inc.", Role.SHAREHOLDER, 60.0),
        ("Jane Roe", "Gamma Holdings Inc.", Role.SHAREHOLDER, 40.0),
    }


def test_ownership_percentages_in_more_words() -> None:
    """Quoted (2005 SC 13G/A, FMR): 'Mr. Johnson 3d owns 12.0% and Abigail Johnson owns
    24.5% of the aggregate outstanding voting stock of FMR Corp.' (a stake each, convention
    9); synthetic: 'owns approximately 60% of the outstanding common stock of Y',
    'beneficially owns 75% of Y', 'holds 100% of the membership interests of Y' (parent)."""
    book = NameBook()
    book.add_party("ecj", "Edward C. Johnson 3d", person=True)
    book.add_party("apj", "Abigail Johnson", person=True)
    book.add_party("fmr", "FMR Corp.")
    text = (
        "Mr. Johnson 3d owns 12.0% and Abigail Johnson owns 24.5% of the aggregate "
        "outstanding voting stock of FMR Corp."
    )
    got = {(x.controller, x.controlled, x.role, x.share) for x in extract_links(text, book)}
    assert got == {
        ("ecj", "fmr", Role.SHAREHOLDER, 12.0),
        ("apj", "fmr", Role.SHAREHOLDER, 24.5),
    }
    gamma, alpha = "Gamma Holdings Inc.", "Alpha Capital LLC"
    parties = (gamma, alpha, "John Smith")
    assert _links(
        "John Smith owns approximately 60% of the outstanding common stock of Gamma Holdings Inc.",
        parties=parties,
    ) == {("John Smith", gamma, Role.SHAREHOLDER)}
    assert _links("John Smith beneficially owns 75% of Gamma Holdings Inc.", parties=parties) == {
        ("John Smith", gamma, Role.SHAREHOLDER)
    }
    assert _links(
        "John Smith holds 100% of the membership interests of Alpha Capital LLC.", parties=parties
    ) == {("John Smith", alpha, Role.PARENT)}


def test_attachment_after_the_signature_is_read() -> None:
    """Quoted layout (2005 SC 13G/A, FMR, shortened): a signature block, then the heading
    'SCHEDULE 13G - TO BE INCLUDED IN STATEMENTS' and prose stating relations: the grammar
    reads that prose (the signature lines themselves stay out)."""
    from ownergraph.loaders.sec_sections import grammar_spans

    text = (
        "Item 10.\tCertification.\n\n\tNot applicable.\n\nSignature\n\n"
        "July 11, 2005\nDate\n\n/s/Eric D. Roiter\nSignature\n\nEric D. Roiter\n"
        "Duly authorized under Power of Attorney\n\n\n"
        "\tSCHEDULE 13G - TO BE INCLUDED IN\nSTATEMENTS\n\n"
        "\tMr. Johnson 3d owns 12.0% and Abigail Johnson owns 24.5% of the aggregate\n"
        "outstanding voting stock of FMR Corp.\n"
    )
    read = "".join(text[a:b] for a, b in grammar_spans(text, 0))
    assert "owns 12.0%" in read and "/s/" not in read


def test_group_term_defined_with_together_then_passive() -> None:
    """Synthetic: 'Gamma Fund I, L.P. and Gamma Fund II, L.P. (together, the "Gamma Funds")
    are managed by Gamma Management LLC': the term inside '(together, the "...")' is a
    definition, not a use; both funds -> managed by Gamma Management LLC."""
    got = _links(
        'Gamma Fund I, L.P. and Gamma Fund II, L.P. (together, the "Gamma Funds") are managed '
        'by Gamma Management LLC ("Gamma Management").'
    )
    assert got == {
        ("Gamma Management LLC", "Gamma Fund I, L.P.", Role.INVESTMENT_MANAGER),
        ("Gamma Management LLC", "Gamma Fund II, L.P.", Role.INVESTMENT_MANAGER),
    }


def test_its_in_a_second_clause_is_the_first_clauses_object() -> None:
    """Synthetic: 'Delta GP LLC is the general partner of Delta Opportunity Fund LP and Delta
    Investment Advisers LLC is its investment adviser.': the adviser advises the fund."""
    fund = "Delta Opportunity Fund LP"
    got = _links(
        "Delta GP LLC is the general partner of Delta Opportunity Fund LP and Delta Investment "
        "Advisers LLC is its investment adviser."
    )
    assert got == {
        ("Delta GP LLC", fund, Role.GENERAL_PARTNER),
        ("Delta Investment Advisers LLC", fund, Role.INVESTMENT_ADVISER),
    }


def test_uncounted_descriptions_and_plural_predicates() -> None:
    """Synthetic sentences, each read by hand: 'the investment manager of certain funds,
    including A and B'; 'A and B are private investment funds for which X serves as
    investment manager' (the relative pronoun stands for both); 'acts as a general partner
    or investment manager of a number of funds or partnerships, including A' (convention 14:
    the first role)."""
    x, a, b = "Alpha Capital LLC", "Alpha Fund LP", "Beta Partners LP"
    parties = (x, a, b)
    assert _links(
        "Alpha Capital LLC is the investment manager of certain funds, including Alpha Fund LP "
        "and Beta Partners LP.",
        parties=parties,
    ) == {(x, a, Role.INVESTMENT_MANAGER), (x, b, Role.INVESTMENT_MANAGER)}
    assert _links(
        "Alpha Fund LP and Beta Partners LP are private investment funds for which Alpha "
        "Capital LLC serves as investment manager.",
        parties=parties,
    ) == {(x, a, Role.INVESTMENT_MANAGER), (x, b, Role.INVESTMENT_MANAGER)}
    got = _links(
        "Alpha Capital LLC acts as a general partner or investment manager of a number of funds "
        "or partnerships, including Alpha Fund LP.",
        parties=parties,
    )
    assert (x, a, Role.GENERAL_PARTNER) in got
