"""Room GRAMMAR (session 9): constructions of the legacy 13D/G prose (issue 11). Each test
quotes a short text written in the shape of the filings' sentences (plain English grammar
or a construction seen in several filings); the expected links are read from that text."""

from __future__ import annotations

from ownergraph.graph.vocab import Role
from tests.grammar_links import links_in

PERSONS = ("Amy Kite", "Bo Lam", "Cal Moe")


def _links(text: str, persons: tuple[str, ...], parties: tuple[str, ...]) -> set[tuple]:
    return links_in(text, persons=persons, parties=parties)


def test_stake_with_an_adverbial_between_subject_and_verb() -> None:
    """Quoted construction: 'X, through its subsidiaries, owns approximately 45% of Y' -- an
    adverbial set off by commas between the subject and its verb (plain English grammar)."""
    text = "Kite Holdings Inc., through its subsidiaries, owns approximately 45% of Kite Fund LP."
    got = _links(text, (), ("Kite Holdings Inc.", "Kite Fund LP"))
    assert got == {("Kite Holdings Inc.", "Kite Fund LP", Role.SHAREHOLDER)}


def test_stake_with_an_adverbial_between_verb_and_object() -> None:
    """Quoted construction: 'X holds, through its subsidiaries, approximately 45% of the
    outstanding common stock of Y' / 'X owns, directly or indirectly, 60% of ...' -- the
    adverbial after the verb; 'and' inside it is no 'owns and controls'."""
    text = (
        "Kite Holdings Inc. holds, through its subsidiaries, approximately 45% of the "
        "outstanding common stock of Kite Fund LP."
    )
    got = _links(text, (), ("Kite Holdings Inc.", "Kite Fund LP"))
    assert got == {("Kite Holdings Inc.", "Kite Fund LP", Role.SHAREHOLDER)}
    text = "Amy Kite owns, directly or indirectly, 60% of the outstanding shares of Kite GP LLC."
    got = _links(text, ("Amy Kite",), ("Kite GP LLC",))
    assert got == {("Amy Kite", "Kite GP LLC", Role.SHAREHOLDER)}
    # no stake, no link: "owns, through its subsidiaries and affiliates, Kite GP LLC shares"
    text = "Amy Kite owns, through her subsidiaries and affiliates, 1,000 shares of Kite GP LLC."
    assert _links(text, ("Amy Kite",), ("Kite GP LLC",)) == set()


def test_stake_of_voting_securities_or_voting_power() -> None:
    """Quoted construction: 'X beneficially owns approximately 45% of the outstanding voting
    securities of Y', 'X owns 45% of the combined voting power of Y'."""
    for text in (
        "Kite Holdings Inc. beneficially owns approximately 45% of the outstanding voting "
        "securities of Kite Fund LP.",
        "Kite Holdings Inc. owns 45% of the combined voting power of Kite Fund LP.",
    ):
        got = _links(text, (), ("Kite Holdings Inc.", "Kite Fund LP"))
        assert got == {("Kite Holdings Inc.", "Kite Fund LP", Role.SHAREHOLDER)}, text


def test_stake_of_the_issued_share_capital_in_per_cent() -> None:
    """Quoted construction: 'X owns approximately 45% of the issued share capital of Y',
    'X owns 45.5 per cent. of the issued share capital of Y' (a stake in a company limited
    by shares, the percentage spelt 'per cent.')."""
    for text in (
        "Kite Holdings Inc. owns approximately 45% of the issued share capital of Kite Fund LP.",
        "Kite Holdings Inc. owns 45.5 per cent. of the issued share capital of Kite Fund LP.",
    ):
        got = _links(text, (), ("Kite Holdings Inc.", "Kite Fund LP"))
        assert got == {("Kite Holdings Inc.", "Kite Fund LP", Role.SHAREHOLDER)}, text


def test_stake_named_as_a_stake_or_shareholding() -> None:
    """Quoted construction: 'X has a 45% shareholding in Y', 'X holds a 45 percent equity
    stake in Y', 'X holds its 45% interest in Y through a wholly owned subsidiary'."""
    for text in (
        "Kite Holdings Inc. has a 45% shareholding in Kite Fund LP.",
        "Kite Holdings Inc. holds a 45 percent equity stake in Kite Fund LP.",
        "Kite Holdings Inc. holds its 45% interest in Kite Fund LP through a wholly owned "
        "subsidiary.",
    ):
        got = _links(text, (), ("Kite Holdings Inc.", "Kite Fund LP"))
        assert got == {("Kite Holdings Inc.", "Kite Fund LP", Role.SHAREHOLDER)}, text


def test_hedged_verb_may_be_deemed_to_control() -> None:
    """Quoted construction: 'X may be deemed to control Y', 'X, who may be deemed to control
    Y, ...' -- the verb the grammar reads ('X controls Y'), hedged by 'may be deemed to' as
    13D/Gs hedge 'may be deemed to beneficially own'."""
    for text in (
        "Amy Kite may be deemed to control Kite Fund LP.",
        "Amy Kite, who may be deemed to control Kite Fund LP, may be deemed to beneficially "
        "own the shares.",
    ):
        got = _links(text, ("Amy Kite",), ("Kite Fund LP",))
        assert got == {("Amy Kite", "Kite Fund LP", Role.PARENT)}, text
    # no name after the verb: no link ("may be deemed to control the shares held by ...")
    text = "Amy Kite may be deemed to control the shares held by Kite Fund LP."
    assert not any(r is Role.PARENT for _, _, r in _links(text, ("Amy Kite",), ("Kite Fund LP",)))


def test_hedged_passive_may_be_deemed_to_be_controlled_by() -> None:
    """Quoted construction: 'Y may be deemed to be controlled by X' (the inverse of 'X
    controls Y', hedged); 'may be merged' and the like still read no apposition."""
    text = "Kite Fund LP may be deemed to be controlled by Amy Kite."
    got = _links(text, ("Amy Kite",), ("Kite Fund LP",))
    assert got == {("Amy Kite", "Kite Fund LP", Role.PARENT)}


def test_coordinated_subjects_each_with_an_as_aside() -> None:
    """Quoted construction: 'A, as the managing member of the general partner of Y, and B,
    as a member of the general partner of Y, may be deemed to beneficially own the shares
    held by Y' -- two subjects of one verb, each with its own 'as' aside (the name inside
    the first aside is no subject)."""
    text = (
        "Amy Kite, as the managing member of the general partner of Kite Fund LP, and Bo Lam, "
        "as a member of the general partner of Kite Fund LP, may be deemed to beneficially own "
        "the shares held by Kite Fund LP."
    )
    got = _links(text, ("Amy Kite", "Bo Lam"), ("Kite Fund LP",))
    assert got == {
        ("Amy Kite", "Kite Fund LP", Role.STATED_POWER),
        ("Bo Lam", "Kite Fund LP", Role.STATED_POWER),
    }


def test_enumerated_subjects_each_with_an_as_aside() -> None:
    """Quoted construction: '(i) A, as the managing member of the general partner of Y, and
    (ii) B, as a member of ..., may be deemed to beneficially own the shares held by Y' --
    the enumerated items are the subjects of one verb (no item has a verb of its own), so
    they are one clause; items with their own verbs stay apart."""
    text = (
        "(i) Amy Kite, as the managing member of the general partner of Kite Fund LP, and (ii) "
        "Bo Lam, as a member of the general partner of Kite Fund LP, may be deemed to "
        "beneficially own the shares held by Kite Fund LP."
    )
    got = _links(text, ("Amy Kite", "Bo Lam"), ("Kite Fund LP",))
    assert got == {
        ("Amy Kite", "Kite Fund LP", Role.STATED_POWER),
        ("Bo Lam", "Kite Fund LP", Role.STATED_POWER),
    }
    text = (
        "(i) Amy Kite, as trustee, is the managing member of Kite GP LLC, and (ii) Bo Lam is "
        "the general partner of Kite Fund LP."
    )
    got = _links(text, ("Amy Kite", "Bo Lam"), ("Kite GP LLC", "Kite Fund LP"))
    assert got == {
        ("Amy Kite", "Kite GP LLC", Role.MANAGING_MEMBER),
        ("Bo Lam", "Kite Fund LP", Role.GENERAL_PARTNER),
    }


def test_role_held_in_a_role_the_text_names() -> None:
    """Quoted construction: 'Z is the general partner of Y. X is the sole member of the
    general partner of Y and may be deemed to beneficially own the shares held by Y' -- the
    definite description 'the general partner of Y' names Z, stated in the text: X is the
    sole member of Z (no link from X to Y skips Z)."""
    text = (
        "Kite GP LLC is the general partner of Kite Fund LP. Amy Kite is the sole member of "
        "the general partner of Kite Fund LP and may be deemed to beneficially own the shares "
        "held by Kite Fund LP."
    )
    got = _links(text, ("Amy Kite",), ("Kite GP LLC", "Kite Fund LP"))
    assert got == {
        ("Kite GP LLC", "Kite Fund LP", Role.GENERAL_PARTNER),
        ("Amy Kite", "Kite GP LLC", Role.SOLE_MEMBER),
    }
    # the general partner stated after the description: the same
    text = (
        "Amy Kite is the managing member of the general partner of Kite Fund LP. Kite GP LLC, "
        "the general partner of Kite Fund LP, holds no shares."
    )
    got = _links(text, ("Amy Kite",), ("Kite GP LLC", "Kite Fund LP"))
    assert ("Amy Kite", "Kite GP LLC", Role.MANAGING_MEMBER) in got


def test_role_held_in_a_role_nobody_is_named_for() -> None:
    """Guard: 'X is the sole member of the general partner of Y' with no general partner of
    Y named (or two named) states no link of X's to anyone."""
    text = "Amy Kite is the sole member of the general partner of Kite Fund LP."
    assert _links(text, ("Amy Kite",), ("Kite Fund LP",)) == set()
    text = (
        "Kite GP LLC and Lam GP LLC are the general partners of Kite Fund LP. Amy Kite is the "
        "sole member of the general partner of Kite Fund LP."
    )
    got = _links(text, ("Amy Kite",), ("Kite GP LLC", "Lam GP LLC", "Kite Fund LP"))
    assert not any(c == "Amy Kite" for c, _, _ in got)


def test_enumerated_counts_after_own_stay_one_clause() -> None:
    """Quoted construction: 'X, as the managing member of the general partner of Y, may be
    deemed to beneficially own (i) 100 shares of Common Stock held by Y and (ii) 200 shares
    issuable upon exercise of warrants held by Y' -- the enumeration lists the verb's
    objects (as 'consisting of (i) ... and (ii) ...'): one clause, not three."""
    from ownergraph.loaders.sec_clauses import clauses

    for text in (
        "Amy Kite may be deemed to beneficially own (i) 100 shares of Common Stock held by Kite "
        "Fund LP and (ii) 200 shares issuable upon exercise of warrants held by Kite Fund LP.",
        "Amy Kite may be deemed to beneficially own 300 shares, consisting of (i) 100 shares "
        "held by Kite Fund LP and (ii) 200 shares held by Lam Partners LP.",
    ):
        assert len(clauses(text)) == 1, text
    # an enumeration of sentences with their own verbs is still cut
    text = "(i) Amy Kite is the sole member of Kite GP LLC; and (ii) Bo Lam owns Lam Partners LP."
    assert len(clauses(text)) > 1
