"""Forms 3/4/5: a role stated with its holders after the verb (synthetic footnotes in the
shapes of real ones; links read by hand)."""

from __future__ import annotations

from tests.test_form345_fidelity import form, names, nd_row, owner


def _links(footnote: str) -> set[tuple[str, str, str]]:
    pd = form(
        owner("Doe John", "0000000011"), nd_row(3000, "I", "See Footnote", "F1"), {"F1": footnote}
    )
    n = names(pd)
    return {(n[lk.controller_id], n[lk.controlled_id], lk.role.value) for lk in pd.links}


def test_the_role_of_x_are_a_and_b() -> None:
    assert _links(
        "The shares are held by Acme Sponsor LLC. The managing members of Acme Sponsor LLC are"
        " the Reporting Person and Jane Roe, each of whom shares voting and dispositive power."
    ) == {
        ("John Doe", "Acme Sponsor LLC", "managing_member"),
        ("Jane Roe", "Acme Sponsor LLC", "managing_member"),
    }
    assert _links(
        "The shares are held by Acme Fund, L.P. The sole general partner of Acme Fund, L.P. is"
        " Acme GP, LLC. The Reporting Person is the managing member of Acme GP, LLC."
    ) == {
        ("Acme GP, LLC", "Acme Fund, L.P.", "general_partner"),
        ("John Doe", "Acme GP, LLC", "managing_member"),
    }
    assert _links(
        "The shares are held by the Doe Family Trust. The trustees of the Doe Family Trust are"
        " John Doe and Jane Doe."
    ) == {
        ("John Doe", "Doe Family Trust", "trustee"),
        ("Jane Doe", "Doe Family Trust", "trustee"),
    }


def test_words_after_the_verb_that_name_no_party_state_nothing() -> None:
    """'The managing members of Acme Sponsor LLC are entitled to ...' names no holder of the
    role: no managing-member link from it (the unexplained I row keeps its 'other' link)."""
    got = _links(
        "The shares are held by Acme Sponsor LLC. The managing members of Acme Sponsor LLC are"
        " entitled to a share of the profits."
    )
    assert got == {("John Doe", "Acme Sponsor LLC", "other")}
