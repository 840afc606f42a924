"""Forms 3/4/5: who holds an indirect row, as its footnote names it ("owned by X" beside
"held by X"); synthetic footnotes in shapes real filings use, expected values by hand."""

from __future__ import annotations

from tests.test_form345_fidelity import form, names, nd_row, owner


def _holders(footnote: str) -> list[str]:
    pd = form(
        owner("Doe John", "0000000011"), nd_row(1000, "I", "See footnote", "F1"), {"F1": footnote}
    )
    n = names(pd)
    return [n[h.holder_id] for h in pd.holdings]


def test_the_shares_are_owned_by_names_the_holder() -> None:
    """Synthetic: "The shares are owned by Zeta Holdings, Inc., a corporation of which the
    Reporting Person is the controlling shareholder." -- Zeta holds the row (before: an
    unnamed intermediary beside Zeta)."""
    assert _holders(
        "The shares are owned by Zeta Holdings, Inc., a corporation of which the Reporting"
        " Person is the controlling shareholder."
    ) == ["Zeta Holdings, Inc."]


def test_beneficially_owned_and_owned_of_record_by() -> None:
    """Synthetic variants: "These shares are beneficially owned by Zeta Holdings, Inc., which
    is wholly owned by the Reporting Person"; "The securities are owned of record by Zeta
    Holdings, Inc."."""
    assert _holders(
        "These shares are beneficially owned by Zeta Holdings, Inc., which is wholly owned by"
        " the Reporting Person."
    ) == ["Zeta Holdings, Inc."]
    assert _holders(
        "The securities are owned of record by Zeta Holdings, Inc. The Reporting Person is the"
        " sole shareholder of Zeta Holdings, Inc."
    ) == ["Zeta Holdings, Inc."]


def test_an_entity_owned_by_its_parent_is_still_the_holder() -> None:
    """Synthetic: "Shares held by Alpha LLC, which is owned by Beta Corp. The Reporting Person
    is the sole shareholder of Beta Corp." -- Alpha LLC holds the row ("which is owned by" is
    a relation between entities, not a holder)."""
    assert _holders(
        "Shares held by Alpha LLC, which is owned by Beta Corp. The Reporting Person is the sole"
        " shareholder of Beta Corp."
    ) == ["Alpha LLC"]


def _row(nature: str, footnotes: dict[str, str]):  # type: ignore[no-untyped-def]
    pd = form(owner("Doe John", "0000000011"), nd_row(100, "I", nature), footnotes)
    n = names(pd)
    return (
        [(n[h.holder_id], h.nature_of_ownership) for h in pd.holdings],
        {(n[lk.controller_id], n[lk.controlled_id], lk.role.value) for lk in pd.links},
    )


def test_a_footnote_marker_typed_into_the_nature_cites_the_footnote() -> None:
    """Synthetic: the nature "By Trust (1)" with no footnoteId element, the form's footnote F1
    "Shares held by the John Doe 2010 Irrevocable Trust, of which the Reporting Person is
    trustee." -- the trust F1 names holds the row, the owner is its trustee; variant "See
    Footnote (2)" citing F2 (an LLC). The nature stays as printed."""
    h, lk = _row(
        "By Trust (1)",
        {
            "F1": "Shares held by the John Doe 2010 Irrevocable Trust, of which the Reporting"
            " Person is trustee."
        },
    )
    assert h == [("John Doe 2010 Irrevocable Trust", "By Trust (1)")]
    assert lk == {("John Doe", "John Doe 2010 Irrevocable Trust", "trustee")}
    h, lk = _row(
        "See Footnote (2)",
        {
            "F1": "Not applicable.",
            "F2": "These shares are held by Doe Capital LLC, of which the Reporting Person is the"
            " sole managing member.",
        },
    )
    assert h == [("Doe Capital LLC", "See Footnote (2)")]
    assert lk == {("John Doe", "Doe Capital LLC", "managing_member")}


def test_a_number_in_brackets_that_names_no_footnote_is_text() -> None:
    """Synthetic: "By Doe Trust (1)" on a form with no footnote 1, and "Doe Fund (2019)":
    the words stay as printed (no footnote cited)."""
    h, _lk = _row("By Doe Trust (1)", {})
    assert h == [("unnamed intermediary (By Doe Trust (1))", "By Doe Trust (1)")]


def test_a_nature_that_names_only_a_kind_of_trust_is_an_unnamed_intermediary() -> None:
    """Synthetic natures without footnotes: "By Trust FBO Children", "By Trust f/b/o
    Children", "By Children's Trust", "By Spousal Trust", "By Spouse's IRA" name a kind of
    intermediary, not one (convention 1: kind unknown, the document's words; before, e.g.
    "Trust FBO Children" became a named entity); "By Doe Children's Trust" names one."""
    for nature in (
        "By Trust FBO Children",
        "By Trust f/b/o Children",
        "By Children's Trust",
        "By Spousal Trust",
        "By Spouse's IRA",
    ):
        h, _lk = _row(nature, {})
        assert h == [(f"unnamed intermediary ({nature})", nature)], nature
    h, _lk = _row("By Doe Children's Trust", {})
    assert h == [("Doe Children's Trust", "By Doe Children's Trust")]
