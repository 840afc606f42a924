"""Room NAMES3: parties a legacy 13D/G names only in its prose (issue 11).

Each quoted construction is copied from a corpus filing (named in the test); the expected
values are read from that sentence.
"""

from __future__ import annotations

from ownergraph.graph.ids import normalize_name
from ownergraph.loaders.sec_entities import named_funds
from ownergraph.loaders.sec_grammar import extract_links
from ownergraph.loaders.sec_terms import NameBook, define_terms


def _links(text: str, book: NameBook) -> set[tuple[str, str, str]]:
    define_terms(text, book)
    return {
        (book.names[x.controller], book.names[x.controlled], x.role.value)
        for x in extract_links(text, book)
    }


def test_quoted_invesco_2015_fund_named_without_legal_form() -> None:
    # Quoted: Hampshire Group 2015 SC 13G by Invesco Ltd., Item 6 (dev corpus).
    text = (
        "Invesco Canada Ltd.  is a subsidiary of Invesco Ltd. and it advises Invesco Select "
        "Companies Fund which own 6.98% of  the Common Stock."
    )
    book = NameBook(issuer_key="iss")
    book.add_party("iss", "Hampshire Group, Limited")
    book.add_party("inv", "Invesco Ltd.")
    book.add_party("can", "Invesco Canada Ltd.")
    got = _links(text, book)
    assert ("Invesco Canada Ltd.", "Invesco Select Companies Fund", "investment_adviser") in got
    assert ("Invesco Ltd.", "Invesco Canada Ltd.", "parent") in got


def test_quoted_gamco_2024_fund_named_in_a_subadvised_sentence() -> None:
    # Quoted: Strattec Security 2024 SC 13D/A by GAMCO Investors et al., Item 2 (dev corpus).
    text = (
        "The TETON Westwood Mighty Mites Fund and the Teton Convertible Securities Fund are "
        "subadvised by Gabelli Funds, and their holdings are included in this filing."
    )
    found = [m.group(0) for m in named_funds(text)]
    assert found == ["The TETON Westwood Mighty Mites Fund", "Teton Convertible Securities Fund"]


def test_quoted_fund_words_that_name_no_fund() -> None:
    # Quoted (unlabelled corpus): a merger's "the Acquiring Fund", two funds joined by "and"
    # (Harraden Circle 2024 SC 13G/A), a fund continued by its legal form or number.
    assert named_funds("shares of the Acquiring Fund will be issued to the Acquired Fund") == []
    assert named_funds("held by Harraden Fund and Harraden Special Op Fund.") == []
    assert named_funds("Special Situations Fund III QP, L.P. and Alpha Value Fund, L.P.") == []
    assert named_funds("the Master Fund and the Pension Fund") == []


def test_quoted_gamco_2024_object_name_printed_with_the() -> None:
    # Quoted: Strattec Security 2024 SC 13D/A by GAMCO Investors et al., Item 2 (dev corpus).
    # "The" printed as the name's first word does not hide the object of the role.
    text = (
        "Gabelli Funds is also the investment adviser to The GAMCO International SICAV "
        "(sub-funds GAMCO Merger Arbitrage and GAMCO All Cap Value), a UCITS III vehicle."
    )
    book = NameBook(issuer_key="iss")
    book.add_party("iss", "Strattec Security Corporation")
    book.add_party("gf", "Gabelli Funds, LLC")
    book.add_alias("Gabelli Funds", ("gf",))
    got = _links(text, book)
    assert {(c, normalize_name(d), r) for c, d, r in got} == {
        ("Gabelli Funds, LLC", "gamco international sicav", "investment_adviser")
    }


def test_known_name_after_a_capitalised_the_is_the_object() -> None:
    # The same construction with a party the book already knows (synthetic, in the form of
    # the sentence above): "general partner of The Acme Partners, L.P.".
    book = NameBook(issuer_key="iss")
    book.add_party("gp", "Acme Capital LLC")
    book.add_party("lp", "Acme Partners, L.P.")
    got = _links("Acme Capital LLC is the general partner of The Acme Partners, L.P.", book)
    assert got == {("Acme Capital LLC", "Acme Partners, L.P.", "general_partner")}


def test_quoted_gamco_2024_name_with_and_without_the_is_one_party() -> None:
    # Quoted: the same filing, Item 2: "... provides advisory services for The Gabelli Equity
    # Trust Inc., The Gabelli Asset Fund, ...": one fund, whether read with its article or not.
    book = NameBook(issuer_key="iss")
    bare = book.key_for_text_name("Gabelli Equity Trust Inc.")
    assert book.key_for_text_name("The Gabelli Equity Trust Inc.") == bare
    assert book.names[bare] == "The Gabelli Equity Trust Inc."
    other = NameBook(issuer_key="iss")
    first = other.key_for_text_name("The Gabelli Equity Trust Inc.")
    assert other.key_for_text_name("Gabelli Equity Trust Inc.") == first


def test_the_before_a_defined_term_stays_outside_it() -> None:
    # Synthetic, in the form Form 4 footnotes use: "The Reporting Person's spouse": "The" is
    # the article of the defined term, not a name's first word.
    book = NameBook(issuer_key="iss")
    book.add_party("rp", "John Doe", person=True)
    book.add_alias("Reporting Person", ("rp",))
    text = "The Reporting Person's spouse is the trustee of the trust."
    assert [(m.start, m.surface) for m in book.mentions(text)] == [(4, "Reporting Person")]
