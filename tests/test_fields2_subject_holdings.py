"""Room FIELDS2: a sentence's subject named by words the name book does not know, with a
stated holding ("X Fund has direct beneficial ownership of N shares"), holds that count:
the one known party whose name holds those words, else a party named only in the text
(issue 11 item 2: a party named only in the text becomes a node, holding what it holds)."""

from __future__ import annotations

from ownergraph.loaders.sec_stated_holdings import stated_holdings
from ownergraph.loaders.sec_terms import NameBook


def _book() -> NameBook:
    b = NameBook(issuer_key="i")
    b.add_party("a", "Alpha Opportunity Fund II (QP), L.P.")
    b.add_party("b", "Beta Capital Partners Offshore Ltd.")
    b.add_party("c", "Gamma Master Fund Ltd.")
    b.add_party("c2", "Gamma Onshore Fund LP")
    return b


def test_short_name_of_one_known_party_holds_its_count() -> None:
    text = (
        "Item 5. (a) The Reporting Persons may be deemed to beneficially own 3,000 shares. "
        "Opportunity Fund II (QP) has direct beneficial ownership of 1,000 shares, or 1.1%. "
        "Capital Partners Offshore has direct beneficial ownership of 2,000 shares, or 2.2%."
    )
    got = [(h.holder, h.shares) for h in stated_holdings(text, _book())]
    assert got == [("a", 1000.0), ("b", 2000.0)]


def test_unknown_subject_becomes_a_text_party() -> None:
    b = _book()
    text = "Delta Special Situations has direct beneficial ownership of 4,500 shares, or 4.1%."
    [h] = stated_holdings(text, b)
    assert (b.names[h.holder], h.shares) == ("Delta Special Situations", 4500.0)
    assert h.holder in b.text_only


def test_words_two_parties_share_name_neither() -> None:
    # 'Gamma' is in two names: not the known party; a party named only in the text
    b = _book()
    [h] = stated_holdings("Gamma has direct beneficial ownership of 7,000 shares.", b)
    assert h.holder not in ("c", "c2") and b.names[h.holder] == "Gamma"


def test_no_holding_read_where_none_is_stated() -> None:
    b = _book()
    text = (
        "Each has direct beneficial ownership of 1,000 shares. "
        "Delta Fund has indirect beneficial ownership of 1,000 shares. "
        "Delta Fund has direct beneficial ownership of 1,000 shares of Series A Preferred Stock."
    )
    assert stated_holdings(text, b) == []
