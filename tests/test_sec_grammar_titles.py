"""The relation grammar on officers' titles and on persons named by title and surname
(loaders/sec_grammar.py).

Each test is on a sentence quoted from a development filing (named as such) or a synthetic
one (named as such); the expected links are read from the sentence by hand.
"""

from __future__ import annotations

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_terms import NameBook
from tests.grammar_links import links_in

_links = links_in


def test_title_before_a_company_is_not_part_of_its_name() -> None:
    """Quoted (1997 SC 13D/A, Universal Seismic): 'Mr. Moser is the President of Moser
    Foods, Inc., a restaurant company.' The company found by its legal form is "Moser
    Foods, Inc." (not "President of Moser Foods, Inc."): Moser -> it, officer."""
    got = _links(
        "Mr. Moser is the President of Moser Foods, Inc., a restaurant company.",
        persons=("L.J. Moser",),
    )
    assert got == {("L.J. Moser", "Moser Foods, Inc.", Role.OFFICER)}


def test_titles_joined_before_a_company() -> None:
    """Synthetic: 'Walter E. Gates, Chairman and Chief Executive Officer of THORN Americas,
    Inc., said ...': officer (and director for "Chairman"; the loader keeps one link per
    pair, officer first by convention 10) to the company, whose name holds no title."""
    got = _links(
        "Walter E. Gates, Chairman and Chief Executive Officer of THORN Americas, Inc., said.",
        persons=("Walter E. Gates",),
    )
    assert got == {
        ("Walter E. Gates", "THORN Americas, Inc.", Role.OFFICER),
        ("Walter E. Gates", "THORN Americas, Inc.", Role.DIRECTOR),
    }


def test_surname_in_capitals_on_the_cover_is_mixed_case_in_prose() -> None:
    """Quoted (2004 SC 13D, Tumi Resources; the cover page prints NICK DEMARE): 'Since May,
    1991, Mr. DeMare has been the President of Chase Management Ltd. ("Chase")'."""
    got = _links(
        "Since May, 1991, Mr.  DeMare has been the President of Chase  Management  Ltd. "
        '("Chase"), a private company.',
        persons=("NICK DEMARE",),
    )
    assert got == {("NICK DEMARE", "Chase  Management  Ltd.", Role.OFFICER)}


def test_title_with_given_names_of_another_person() -> None:
    """Synthetic: 'Mr. Dennis C. Snyder is the President of Snyder Associated Companies,
    Inc.': the title with given names names Dennis, not C.H. Snyder (same surname)."""
    book = NameBook()
    book.add_party("chs", "C.H. Snyder, Jr.", person=True)
    book.add_party("dcs", "Dennis C. Snyder", person=True)
    text = "Mr. Dennis C. Snyder is the President of Snyder Associated Companies, Inc."
    found = {(x.controller, x.controlled, x.role) for x in extract_links(text, book)}
    assert {c for c, _d, _r in found} == {"dcs"}
    mention = book.mentions(text)[0]
    assert mention.keys == ("dcs",)


def test_past_role_is_no_link() -> None:
    """Quoted (2001 SC 13D/A, Distinctive Devices): 'Mrs. Mody was a shareholder of Webpulse
    and upon the acquisition her Webpulse shares were exchanged ...': a past stake, and the
    filer (Sanjay S. Mody) is not Mrs. Mody: no link."""
    got = _links(
        "On October 31, 2000, Nina Mody, the wife of Mr. Mody, received 1,100,000 shares of "
        "Common Stock upon the Company's acquisition of all of the outstanding capital stock "
        'of WebPulse Consulting Inc. ("Webpulse"). Mrs. Mody was a shareholder of Webpulse and '
        "upon the acquisition her Webpulse shares were exchanged.",
        persons=("SANJAY S MODY",),
    )
    assert got == set()


def test_relative_clause_with_its_own_role_gives_no_subject_to_the_next_role() -> None:
    """Quoted (2011 SC 13D/A, Sprott, Item 2(c), shortened): 'Chief Executive Officer of
    Sprott Asset Management LP, ..., which serves as manager of the Trust, and Chief
    Executive Officer of Sprott Asset Management GP Inc.': the GP's CEO is the filer (not
    named in the sentence), not the LP: no LP -> GP link."""
    got = _links(
        "Chief Executive Officer of Sprott Asset Management LP, Suite 2700, South Tower, "
        "Toronto, which serves as manager of the Trust, and Chief Executive Officer of Sprott "
        "Asset Management GP Inc., Suite 2700, the general partner of the manager of the Trust",
        persons=("Eric Sprott",),
    )
    lp, gp = "Sprott Asset Management LP", "Sprott Asset Management GP Inc."
    assert (lp, gp, Role.OFFICER) not in got


def test_officer_of_an_intermediary_in_prose() -> None:
    """Quoted (2010 SC 13D/A, Delta Apparel): 'In addition, Mrs. Shaw owns one-third of the
    outstanding shares and is an officer and director of Micco Corporation.' (convention 3:
    officer and director; convention 10 keeps officer first)."""
    got = _links(
        "In addition, Mrs. Shaw owns one-third of the outstanding shares and is an officer "
        "and director of Micco Corporation.",
        persons=("Minor M. Shaw",),
    )
    assert ("Minor M. Shaw", "Micco Corporation", Role.OFFICER) in got


def test_titled_list_with_a_suffix() -> None:
    """Synthetic (after 2005 SC 13D, Superior Well Services): 'Mr. C.H. Snyder, Jr., Mr.
    Dennis C. Snyder and Mr. Thomas C. Snyder are all shareholders and officers of Snyder
    Associated Companies, Inc.': each of the three, officer (and a stake)."""
    sac = "Snyder Associated Companies, Inc."
    names = ("C.H. Snyder, Jr.", "Dennis C. Snyder", "Thomas C. Snyder")
    got = _links(
        "Mr. C.H. Snyder, Jr., Mr. Dennis C. Snyder and Mr. Thomas C. Snyder are all "
        "shareholders and officers of Snyder Associated Companies, Inc.",
        persons=names,
    )
    assert {(c, d) for c, d, r in got if r is Role.OFFICER} == {(n, sac) for n in names}


def test_every_holder_of_a_role_names_none() -> None:
    """Quoted (1996 SC 13D, Public Storage Properties X): 'On the same day, B. Wayne Hughes
    acquired 107,415 Shares upon the automatic conversion of 2,890.6 shares of Common Stock
    Series B and 104,523.6 shares of Common Stock Series C. The number of Shares beneficially
    owned by each of the directors and executive officers of the Reporting Person is set
    forth on Appendix A': no link from Hughes (convention 8)."""
    book = NameBook()
    book.add_party("hughes", "B. WAYNE HUGHES", person=True)
    book.add_party("ps", "Public Storage, Inc.")
    book.add_alias("Reporting Person", ("ps",))
    text = (
        "On the same day, B. Wayne Hughes acquired 107,415 Shares upon the automatic "
        "conversion of 2,890.6 shares of Common Stock Series B and 104,523.6 shares of Common "
        "Stock Series C. The number of Shares beneficially owned by each of the directors and "
        "executive officers of the Reporting Person is set forth on Appendix A attached to "
        "this Statement on Schedule 13D."
    )
    assert extract_links(text, book) == []


def test_chairman_is_director_executive_chairman_is_officer() -> None:
    """Synthetic (convention 14; after 2005 SC 13G/A, FMR and 2024 SC 13D/A, GAMCO): 'Mr.
    Johnson 3d is Chairman of FMR Corp.' -> director; 'Mario Gabelli is the Executive
    Chairman of Associated Capital Group, Inc.' -> officer."""
    got = _links(
        "Mr. Johnson 3d is Chairman of FMR Corp. Mario Gabelli is the Executive Chairman of "
        "Associated Capital Group, Inc.",
        persons=("Edward C. Johnson 3d", "Mario Gabelli"),
        parties=("FMR Corp.",),
    )
    assert got == {
        ("Edward C. Johnson 3d", "FMR Corp.", Role.DIRECTOR),
        ("Mario Gabelli", "Associated Capital Group, Inc.", Role.OFFICER),
    }


def test_roles_enumerated_with_commas() -> None:
    """Quoted (2024 SC 13D/A, GAMCO; company names completed with their legal form):
    'Mario Gabelli is the sole shareholder, director and employee of MJG Associates' and
    'Mario J. Gabelli is the Chief Executive Officer, a director, and substantial
    shareholder of LICT': every role of the enumeration reaches the one object."""
    got = _links(
        "Mario Gabelli is the sole shareholder, director and employee of MJG Associates, Inc.",
        persons=("Mario Gabelli",),
    )
    assert got == {
        ("Mario Gabelli", "MJG Associates, Inc.", Role.PARENT),
        ("Mario Gabelli", "MJG Associates, Inc.", Role.DIRECTOR),
    }
    got = _links(
        "Mario J. Gabelli is the Chief Executive Officer, a director, and substantial "
        "shareholder of LICT Corporation.",
        persons=("Mario J. Gabelli",),
    )
    assert got == {
        ("Mario J. Gabelli", "LICT Corporation", Role.OFFICER),
        ("Mario J. Gabelli", "LICT Corporation", Role.DIRECTOR),
        ("Mario J. Gabelli", "LICT Corporation", Role.SHAREHOLDER),
    }


def test_objects_joined_by_and_indirectly_of() -> None:
    """Quoted (2024 SC 13D/A, GAMCO; names completed): 'Mario Gabelli is the controlling
    shareholder of MGH and indirectly of Teton Advisors and Keeley-Teton Advisors': parent
    of all three."""
    got = _links(
        "Mario Gabelli is the controlling shareholder of MGH and indirectly of Teton Advisors, "
        "Inc. and Keeley-Teton Advisors, LLC.",
        persons=("Mario Gabelli",),
        parties=("MGH",),
    )
    assert got == {
        ("Mario Gabelli", "MGH", Role.PARENT),
        ("Mario Gabelli", "Teton Advisors, Inc.", Role.PARENT),
        ("Mario Gabelli", "Keeley-Teton Advisors, LLC", Role.PARENT),
    }


def test_person_named_only_in_an_apposition_with_a_role() -> None:
    """Synthetic: 'Robert Brown, the managing member of Alpha Capital LLC, may be deemed to
    control Alpha Fund LP.' (no 'is' in the sentence): Robert Brown is found as a person and
    is the managing member."""
    got = _links(
        "Robert Brown, the managing member of Alpha Capital LLC, may be deemed to control "
        "Alpha Fund LP.",
        parties=("Alpha Capital LLC", "Alpha Fund LP"),
    )
    assert ("Robert Brown", "Alpha Capital LLC", Role.MANAGING_MEMBER) in got


def test_more_legal_forms_name_an_entity() -> None:
    """Synthetic: legal forms of Canadian, Luxembourg, Delaware, German, Brazilian and UCITS
    entities end a name found in prose ('Maple Acquireco (Canada) ULC', 'Alpha Investments
    S.à r.l.', 'Gamma Partners, L.L.L.P.', 'Mu Capital GmbH & Co. KG', 'Zeta Participacoes
    Ltda.', 'Psi SICAV', 'Chi Holdings S.A.R.L.')."""
    for name in (
        "Maple Acquireco (Canada) ULC",
        "Alpha Investments S.à r.l.",
        "Gamma Partners, L.L.L.P.",
        "Gamma Partners LLLP",
        "Mu Capital GmbH & Co. KG",
        "Zeta Participacoes Ltda.",
        "Psi SICAV",
        "Chi Holdings S.A.R.L.",
    ):
        text = f"The shares are held by {name}, which is the general partner."
        assert [m.surface for m in NameBook().mentions(text)] == [name]


def test_persons_named_only_in_prose_in_more_places() -> None:
    """Synthetic sentences, each read by hand: a person after 'controlled by' / 'wholly owned
    by', as the subject of 'controls' / 'owns all of', with leading initials ('J. Carlo
    Cannell', 'C. Robert Kidder'), and with a description between subject and verb."""
    alpha, gamma = "Alpha Capital LLC", "Gamma Holdings Inc."
    parties = (alpha, gamma)
    assert _links("Alpha Capital LLC is controlled by John Doe and Jane Roe.", parties=parties) == {
        ("John Doe", alpha, Role.PARENT),
        ("Jane Roe", alpha, Role.PARENT),
    }
    assert _links("Alpha Capital LLC is wholly owned by John Doe.", parties=parties) == {
        ("John Doe", alpha, Role.PARENT)
    }
    assert _links("John Doe controls Alpha Capital LLC.", parties=parties) == {
        ("John Doe", alpha, Role.PARENT)
    }
    assert _links(
        "John Doe owns all of the outstanding shares of Gamma Holdings Inc.", parties=parties
    ) == {("John Doe", gamma, Role.PARENT)}
    assert _links(
        "J. Carlo Cannell is the managing member of Alpha Capital LLC.", parties=parties
    ) == {("J. Carlo Cannell", alpha, Role.MANAGING_MEMBER)}
    assert _links("C. Robert Kidder is the President of Gamma Holdings Inc.", parties=parties) == {
        ("C. Robert Kidder", gamma, Role.OFFICER)
    }
    assert _links(
        "John Doe, a citizen of the United States, is the managing member of Alpha Capital LLC.",
        parties=parties,
    ) == {("John Doe", alpha, Role.MANAGING_MEMBER)}


def test_class_letter_ends_a_sentence() -> None:
    """Quoted (1996 SC 13D, Public Storage Properties X, shortened): '... 2,890.6 shares of
    Common Stock Series B and 104,523.6 shares of Common Stock Series C. The number of Shares
    ...': "Series C." ends the sentence (a class letter, not an initial); "Mr. B. Smith"
    (synthetic) keeps its initial."""
    from ownergraph.loaders.sec_grammar import clauses

    text = (
        "B. Wayne Hughes acquired 107,415 Shares upon the conversion of Common Stock Series C. "
        "The number of Shares held by Mr. B. Smith is set forth."
    )
    assert [text[a:b].split()[0] for a, b in clauses(text)] == ["B.", "The"]


def test_trust_named_after_a_person_with_a_suffix() -> None:
    """Quoted (1994 SC 13D, Suburban Bancorp, shortened): '... owned by the Lauren Webb
    Fitzgerald Trust and the Thomas G. Fitzgerald, Jr. Trust': the second trust's name keeps
    the person's name before ", Jr." (not a party "Jr. Trust")."""
    book = NameBook()
    book.add_party("t", "Thomas G. Fitzgerald", person=True)
    text = (
        "shares owned by the Lauren Webb Fitzgerald Trust and the Thomas G. Fitzgerald, Jr. "
        "Trust, of which"
    )
    assert [m.surface for m in book.mentions(text)] == [
        "Lauren Webb Fitzgerald Trust",
        "Thomas G. Fitzgerald, Jr. Trust",
    ]


def test_past_subsidiary_is_no_link() -> None:
    """Quoted (1996 SC 13D, Public Storage Properties X): 'Old PSI was a wholly-owned
    subsidiary of PSI Holdings, Inc. ("PSH"), a California corporation ...': a past relation,
    no link; synthetic: 'Alpha Capital LLC is a wholly-owned subsidiary of Gamma Inc.' still
    is one."""
    assert (
        _links(
            'Old PSI was a wholly-owned subsidiary of PSI Holdings, Inc. ("PSH"), a California '
            "corporation.",
            parties=("Old PSI",),
        )
        == set()
    )
    assert _links(
        "Alpha Capital LLC is a wholly-owned subsidiary of Gamma Inc.",
        parties=("Alpha Capital LLC", "Gamma Inc."),
    ) == {("Gamma Inc.", "Alpha Capital LLC", Role.PARENT)}


def test_power_shared_by_a_voting_agreement_is_no_link() -> None:
    """Quoted (2014 SC 13D/A, MKTG): '(b) As a result of the Voting Agreement, the Reporting
    Person may be deemed to share with Aegis the power to vote and dispose of, or to direct
    the vote or disposition of, the 1,477,570 shares of Common Stock beneficially owned by
    him.': a contract over his own shares, not control (no link)."""
    book = NameBook()
    book.add_party("horsey", "Charles W. Horsey", person=True)
    book.add_party("aegis", "Aegis Lifestyle, Inc.")
    book.add_alias("Aegis", ("aegis",))
    book.add_alias("Reporting Person", ("horsey",))
    text = (
        "(b) As a result of the Voting Agreement, the Reporting Person may be deemed to share "
        "with Aegis the power to vote and dispose of, or to direct the vote or disposition of, "
        "the 1,477,570 shares of Common Stock beneficially owned by him."
    )
    assert extract_links(text, book) == []
