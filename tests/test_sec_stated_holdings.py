"""Holdings the prose of a 13D/G states per holder (loaders.sec_stated_holdings): the
constructions of Item 5 that name a holder and its count. Sentences quoted from dev copies
(named) or synthetic; the expected counts read by hand."""

from __future__ import annotations

import pytest

from ownergraph.loaders.sec_stated_holdings import stated_holdings
from ownergraph.loaders.sec_terms import NameBook


def _book() -> NameBook:
    book = NameBook(issuer_key="i")
    book.add_party("i", "Delta Apparel, Inc.")
    book.add_party("shaw", "Minor M. Shaw", spellings=["Mrs. Shaw"])
    book.add_party("micco", "Micco Corporation")
    book.add_party("kan", "Michael T. Kanarellis")
    return book


@pytest.mark.parametrize(
    ("sentence", "holder", "shares"),
    [
        # quoted, Shaw / Delta Apparel 2010 13D/A (dev), Item 5
        ("Mrs. Shaw individually owns 97,330 shares of Issuer Common Stock.", "shaw", 97330),
        # quoted, the same Item 5: the count in an apposition to the holder
        (
            "Mrs. Shaw owns one-third of the outstanding shares and is an officer and director"
            " of Micco Corporation, holder of 474,052 shares of Common Stock.",
            "micco",
            474052,
        ),
        # quoted, Kanarellis / Universal Seismic 1997 13D/A (dev), Item 5
        (
            "(i) Michael T. Kanarellis is the beneficial owner of 215,900 shares of Common"
            " Stock, which represented approximately 4.13% of the issued and outstanding"
            " number of shares of Common Stock as of February 20, 1997.",
            "kan",
            215900,
        ),
        # synthetic variants of the same constructions
        (
            "Micco Corporation is the record and beneficial owner of 474,052 shares.",
            "micco",
            474052,
        ),
        ("Micco Corporation, the record holder of 474,052 shares, ...", "micco", 474052),
        ("Mrs. Shaw personally holds 97,330 shares.", "shaw", 97330),
        ("Mrs. Shaw directly owns 97,330 shares.", "shaw", 97330),
    ],
)
def test_a_holder_and_its_count(sentence: str, holder: str, shares: float) -> None:
    got = [(h.holder, h.shares) for h in stated_holdings(sentence, _book())]
    assert (holder, shares) in got


@pytest.mark.parametrize(
    "sentence",
    [
        # a count of another class, a percentage, shares the holder does not own
        "Micco Corporation is the beneficial owner of 474,052 shares of Series A Preferred Stock.",
        "Mrs. Shaw, an officer of Micco Corporation, which owns 35% of the Issuer.",
        "Micco Corporation, holder of warrants to purchase 474,052 shares.",
    ],
)
def test_no_holding_without_a_count_of_the_class(sentence: str) -> None:
    """Synthetic: no holding is read from these."""
    got = [(h.holder, h.shares) for h in stated_holdings(sentence, _book())]
    assert not [g for g in got if g[1] == 474052 or g[0] == "shaw"]


@pytest.mark.parametrize(
    ("sentence", "shares"),
    [
        # synthetic, the construction of Item 5 in multi-fund filings: "<fund> has direct
        # beneficial ownership of <n> shares, or <p>% of the outstanding"
        ("Micco Corporation has direct beneficial ownership of 474,052 shares, or 28.4%.", 474052),
        ("Micco Corporation had direct ownership of 474,052 shares.", 474052),
    ],
)
def test_direct_beneficial_ownership_of(sentence: str, shares: float) -> None:
    got = [(h.holder, h.shares) for h in stated_holdings(sentence, _book())]
    assert ("micco", shares) in got


def test_indirect_beneficial_ownership_is_no_holding() -> None:
    """Synthetic: "may be deemed to have indirect beneficial ownership of" holds nothing."""
    s = "Mrs. Shaw may be deemed to have indirect beneficial ownership of 474,052 shares."
    assert not stated_holdings(s, _book())


@pytest.mark.parametrize(
    ("sentence", "shares"),
    [
        # quoted, Glacial Lakes / Granite Falls Energy 2009 13D/A (dev), Item 6 (names
        # re-spelled to the book's): the class's words before "Units"
        ("Micco Corporation owns 6,500 Membership Units in Granite Falls Energy.", 6500),
        # synthetic: "Class A Shares", "Ordinary Shares"
        ("Micco Corporation holds 474,052 Class A Shares.", 474052),
        ("Micco Corporation holds 474,052 Ordinary Shares.", 474052),
    ],
)
def test_a_count_of_the_class_named_before_shares_or_units(sentence: str, shares: float) -> None:
    got = [(h.holder, h.shares) for h in stated_holdings(sentence, _book())]
    assert ("micco", shares) in got


@pytest.mark.parametrize(
    "sentence",
    [
        "Micco Corporation holds 474,052 Preferred Shares.",
        "Micco Corporation holds 474,052 Restricted Stock Units.",
        "Micco Corporation holds 474,052 warrant shares.",
        "Micco Corporation holds 474,052 underlying shares.",
        "Micco Corporation holds 474,052 LP Units.",
    ],
)
def test_no_count_of_another_class_named_before_shares(sentence: str) -> None:
    """Synthetic: a preferred, restricted, warrant or underlying count is no holding."""
    assert not stated_holdings(sentence, _book())
