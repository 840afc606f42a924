"""Forms 3/4/5: trustees named beside their trust (synthetic footnotes in the shapes of
real ones; holders and links read by hand)."""

from __future__ import annotations

from ownergraph.graph.vocab import NodeKind
from tests.test_form345_fidelity import form, names, nd_row, owner


def _read(footnote: str):  # type: ignore[no-untyped-def]
    pd = form(
        owner("Doe John", "0000000011"), nd_row(3000, "I", "See Footnote", "F1"), {"F1": footnote}
    )
    n = names(pd)
    return (
        pd,
        [(n[h.holder_id], h.shares) for h in pd.holdings],
        {(n[lk.controller_id], n[lk.controlled_id], lk.role.value) for lk in pd.links},
    )


def test_persons_named_trustees_of_the_trust_that_holds_the_row() -> None:
    """'Held by John Doe and Jane Doe, Trustees of the Doe Family Trust dated June 1, 2001':
    the trust holds the row, both persons are its trustees (Jane Doe, named only here, is a
    person party); 'held by the Reporting Person as trustee of ...' likewise."""
    pd, h, lk = _read(
        "Held by John Doe and Jane Doe, Trustees of the Doe Family Trust dated June 1, 2001."
    )
    assert h == [("Doe Family Trust", 3000)]
    assert lk == {
        ("John Doe", "Doe Family Trust", "trustee"),
        ("Jane Doe", "Doe Family Trust", "trustee"),
    }
    assert [p.kind for p in pd.parties if p.name == "Jane Doe"] == [NodeKind.PERSON]
    _pd, h, lk = _read(
        "These shares are held by the Reporting Person as trustee of the Doe 2012 Irrevocable Trust."
    )
    assert h == [("Doe 2012 Irrevocable Trust", 3000)]
    assert lk == {("John Doe", "Doe 2012 Irrevocable Trust", "trustee")}


def test_the_trustee_named_after_the_trust() -> None:
    """'Held by The Doe Revocable Trust u/a/d 1/1/2000, John Doe, trustee.' -> trustee (not
    the 'other' an unexplained I row gets)."""
    _pd, h, lk = _read("Held by The Doe Revocable Trust u/a/d 1/1/2000, John Doe, trustee.")
    assert h == [("Doe Revocable Trust", 3000)]
    assert lk == {("John Doe", "Doe Revocable Trust", "trustee")}


def test_a_beneficiary_named_after_the_trust_is_no_trustee() -> None:
    _pd, _h, lk = _read(
        "Held by the Doe Trust, a trust for the benefit of Mary Doe, the reporting person's"
        " daughter."
    )
    assert all(role != "trustee" for _c, _d, role in lk)


def test_a_trustee_without_an_object_is_trustee_of_the_trust_holding_the_row() -> None:
    """'Shares held by the Doe Children's Trust; the Reporting Person is the sole trustee.'
    and '... The reporting person serves as trustee thereof.' -> trustee of that trust; the
    same words after an LLC holder state nothing."""
    _pd, _h, lk = _read(
        "Shares held by the Doe Children's Trust; the Reporting Person is the sole trustee."
    )
    assert lk == {("John Doe", "Doe Children's Trust", "trustee")}
    _pd, _h, lk = _read(
        "Held by the Doe 2015 Family Trust. The reporting person serves as trustee thereof."
    )
    assert lk == {("John Doe", "Doe 2015 Family Trust", "trustee")}
    _pd, _h, lk = _read(
        "Shares held by Doe Holdings LLC. The Reporting Person is the sole trustee."
    )
    assert lk == {("John Doe", "Doe Holdings LLC", "other")}


def test_a_trust_whose_trustee_is_the_owners_spouse_is_not_his() -> None:
    """'Held by a trust for which the reporting person's wife is trustee.' -- the wife is
    the trustee, not the reporting person: his link to the unnamed trust is 'other'
    (convention 1), never 'trustee'; 'for which the reporting person is trustee' stays
    trustee."""
    _pd, _h, lk = _read("Held by a trust for which the reporting person's wife is trustee.")
    assert {role for c, _d, role in lk if c == "John Doe"} == {"other"}
    _pd, _h, lk = _read("Held by a trust for which the reporting person is trustee.")
    assert {role for c, _d, role in lk if c == "John Doe"} == {"trustee"}


def _trust_links(footnote: str) -> set[tuple[str, str, str]]:
    pd = form(
        owner("Doe John", "0000000011"), nd_row(1000, "I", "See footnote", "F1"), {"F1": footnote}
    )
    n = names(pd)
    return {(n[lk.controller_id], n[lk.controlled_id], lk.role.value) for lk in pd.links}


def test_the_spouse_is_trustee_in_a_sentence_that_also_names_the_owner() -> None:
    """Synthetic: "The Reporting Person's spouse is the trustee of the trust and the Reporting
    Person disclaims beneficial ownership." -- the spouse is the trustee (before: the
    owner, because the sentence also names him), the owner holds through the trust."""
    got = _trust_links(
        "Shares held by the Doe 2019 Irrevocable Trust. The Reporting Person's spouse is the"
        " trustee of the trust and the Reporting Person disclaims beneficial ownership."
    )
    assert got == {
        ("Reporting Person's spouse", "Doe 2019 Irrevocable Trust", "trustee"),
        ("John Doe", "Doe 2019 Irrevocable Trust", "other"),
    }


def test_each_clause_keeps_its_own_subject() -> None:
    """Synthetic variants: "of which the Reporting Person is trustee and the Reporting
    Person's spouse is a beneficiary" (the owner trustee, the spouse beneficiary); "The
    Reporting Person is the trustee of the Doe Trust, and the Reporting Person's children are
    its beneficiaries" (the owner trustee)."""
    got = _trust_links(
        "Shares held by the Doe Trust, of which the Reporting Person is trustee and the"
        " Reporting Person's spouse is a beneficiary."
    )
    assert got == {
        ("John Doe", "Doe Trust", "trustee"),
        ("Reporting Person's spouse", "Doe Trust", "beneficiary"),
    }
    got = _trust_links(
        "Shares held by the Doe Trust. The Reporting Person is the trustee of the Doe Trust,"
        " and the Reporting Person's children are its beneficiaries."
    )
    assert ("John Doe", "Doe Trust", "trustee") in got
    assert not [g for g in got if g[0] != "John Doe" and g[2] == "trustee"]


def test_a_relative_as_bare_trustee_of_the_trust_that_holds_the_row() -> None:
    """Synthetic: "Shares held by the Doe 2019 Irrevocable Trust. The Reporting Person's wife
    serves as trustee." -- the wife (unnamed: the document's words) is trustee of the trust
    that holds the row, the owner holds through it (before: only the owner's 'other' link);
    variant "his spouse is the sole trustee thereof"; a relative trustee of a row held by an
    LLC is no trustee link."""
    assert _trust_links(
        "Shares held by the Doe 2019 Irrevocable Trust. The Reporting Person's wife serves as"
        " trustee."
    ) == {
        ("Reporting Person's wife", "Doe 2019 Irrevocable Trust", "trustee"),
        ("John Doe", "Doe 2019 Irrevocable Trust", "other"),
    }
    got = _trust_links(
        "Shares held by the Doe 2019 Irrevocable Trust. His spouse is the sole trustee thereof."
    )
    assert ("His spouse", "Doe 2019 Irrevocable Trust", "trustee") in got
    got = _trust_links(
        "Shares held by Doe Holdings LLC. The Reporting Person's wife serves as trustee."
    )
    assert not [g for g in got if g[2] == "trustee"]


def test_a_bare_trustee_of_the_trust_the_nature_names() -> None:
    """Synthetic: the nature "By Doe Family Trust" names the holder, its footnote says only
    "The Reporting Person is the sole trustee thereof." -- the owner is that trust's
    trustee (before: an 'other' link, the bare statement was read only when a footnote
    named the trust); variant "The Reporting Person is the trustee."; an LLC named by the
    nature gets no trustee link."""
    pd = form(
        owner("Doe John", "0000000011"),
        nd_row(100, "I", "By Doe Family Trust", "F1"),
        {"F1": "The Reporting Person is the sole trustee thereof."},
    )
    n = names(pd)
    assert {(n[lk.controller_id], n[lk.controlled_id], lk.role.value) for lk in pd.links} == {
        ("John Doe", "Doe Family Trust", "trustee")
    }
    pd = form(
        owner("Doe John", "0000000011"),
        nd_row(100, "I", "By Doe Trust", "F1"),
        {"F1": "The Reporting Person is the trustee."},
    )
    n = names(pd)
    assert [(n[lk.controller_id], lk.role.value) for lk in pd.links] == [("John Doe", "trustee")]
    pd = form(
        owner("Doe John", "0000000011"),
        nd_row(100, "I", "By Doe Capital LLC", "F1"),
        {"F1": "The Reporting Person is the trustee."},
    )
    assert not [lk for lk in pd.links if lk.role.value == "trustee"]


def test_a_nature_that_states_the_owner_as_trustee() -> None:
    """Synthetic natures without footnotes: "By Self as Trustee", "By Reporting Person as
    Co-Trustee", "As Co-Trustee" (not a holder's name) -- the owner is trustee of the
    unnamed intermediary (convention 1: role as stated; before: 'other'); "By Spouse as
    Trustee" (the spouse is) and "By Trust" stay 'other'."""
    for nature, role in (
        ("By Self as Trustee", "trustee"),
        ("By Reporting Person as Co-Trustee", "trustee"),
        ("As Co-Trustee", "trustee"),
        ("By Spouse as Trustee", "other"),
        ("By Trust", "other"),
    ):
        pd = form(owner("Doe John", "0000000011"), nd_row(100, "I", nature), {})
        assert [lk.role.value for lk in pd.links] == [role], nature


def test_a_person_named_as_bare_trustee_of_the_trust_that_holds_the_row() -> None:
    """Synthetic: "Held by the Doe 2012 Trust. Richard Doe is the sole trustee." -- Richard
    Doe (a new person party) is trustee of the trust, the owner holds through it (before:
    only the owner's 'other' link); variants "The Reporting Person's brother, Richard Doe,
    is the sole trustee." and "Richard Doe, the Reporting Person's brother, serves as
    trustee."; "The Reporting Person is the sole trustee." stays the owner's; an LLC holder
    gets no trustee link."""
    want = {
        ("Richard Doe", "Doe 2012 Trust", "trustee"),
        ("John Doe", "Doe 2012 Trust", "other"),
    }
    for t in (
        "Held by the Doe 2012 Trust. Richard Doe is the sole trustee.",
        "Held by the Doe 2012 Trust. The Reporting Person's brother, Richard Doe, is the sole"
        " trustee.",
        "Held by the Doe 2012 Trust. Richard Doe, the Reporting Person's brother, serves as"
        " trustee.",
    ):
        assert _trust_links(t) == want, t
    assert _trust_links(
        "Held by the Doe 2012 Trust. The Reporting Person is the sole trustee."
    ) == {("John Doe", "Doe 2012 Trust", "trustee")}
    assert not [
        g for g in _trust_links("Held by Doe LLC. Richard Doe is the trustee.") if g[2] == "trustee"
    ]
