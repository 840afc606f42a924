"""The relation grammar on a catalogue of the constructions 13D/G filings use to state
control (tests/sec_constructions.py): each synthetic sentence gives exactly the links a
careful reader takes from it, read by hand. A construction the grammar does not read yet
is a strict xfail with its reason, so that reading it turns the test red until the mark
goes."""

from __future__ import annotations

import pytest

from ownergraph.graph.vocab import Role
from tests.grammar_links import links_in
from tests.sec_constructions import CASES


def _params() -> list[object]:
    out: list[object] = []
    for cid, text, persons, parties, expected, why in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
        out.append(pytest.param(text, persons, parties, expected, id=cid, marks=marks))
    return out


def test_catalogue_is_large_and_unique() -> None:
    ids = [c[0] for c in CASES]
    assert len(ids) >= 80 and len(set(ids)) == len(ids)


@pytest.mark.parametrize(("text", "persons", "parties", "expected"), _params())
def test_construction(
    text: str,
    persons: tuple[str, ...],
    parties: tuple[str, ...],
    expected: set[tuple[str, str, str]],
) -> None:
    assert _one_per_pair(links_in(text, persons=persons, parties=parties)) == expected


#: Convention 10: one link per ordered pair, with the first of its roles in this order.
_ORDER = [
    Role.GENERAL_PARTNER,
    Role.MANAGING_MEMBER,
    Role.SOLE_MEMBER,
    Role.TRUSTEE,
    Role.INVESTMENT_MANAGER,
    Role.INVESTMENT_ADVISER,
    Role.PARENT,
    Role.OFFICER,
    Role.NOMINEE,
    Role.STATED_POWER,
    Role.DIRECTOR,
    Role.MEMBER,
    Role.SHAREHOLDER,
    Role.SETTLOR,
]


def _one_per_pair(found: set[tuple[str, str, Role]]) -> set[tuple[str, str, str]]:
    """The links as labels give them (convention 10), without beneficiary links (no control)."""
    best: dict[tuple[str, str], Role] = {}
    for c, d, r in found:
        if r is Role.BENEFICIARY:
            continue
        old = best.get((c, d))
        rank = _ORDER.index(r) if r in _ORDER else len(_ORDER)
        if old is None or rank < (_ORDER.index(old) if old in _ORDER else len(_ORDER)):
            best[(c, d)] = r
    return {(c, d, r.value) for (c, d), r in best.items()}


def test_loader_reads_roles_broken_across_indented_lines() -> None:
    """A hard-wrapped text filing breaks a role or a name over an indented line
    ("general\\n      partner"): through the legacy loader the grammar reads it as one
    space, and the evidence span stays in the filing (synthetic Item 2)."""
    from tests.test_sec_grammar import _filing, _page

    fund, gp, person = "Larkspur Value Fund, L.P.", "Larkspur GP, LLC", "Nora T. Vance"
    text = (
        "Item 2. Identity and Background.\n"
        "      Larkspur GP, LLC is the general\n"
        "      partner of Larkspur Value Fund, L.P. Nora T. Vance is the managing\n"
        "      member of Larkspur GP, LLC.\n"
    )
    parsed = _filing([_page(n.upper(), shared="100", agg="100") for n in (fund, gp, person)], text)
    names = {p.id: p.name for p in parsed.parties}
    got = {(names[lk.controller_id], names[lk.controlled_id], lk.role) for lk in parsed.links}
    assert got == {(gp, fund, Role.GENERAL_PARTNER), (person, gp, Role.MANAGING_MEMBER)}


def test_loader_reads_unicode_spaces() -> None:
    """Word processors write en spaces and figure spaces between words ("general\u2002
    partner"): the grammar reads each as a space (synthetic Item 2)."""
    from tests.test_sec_grammar import _filing, _page

    gp, fund = "Heath Capital LLC", "Heath Value Fund, L.P."
    text = (
        "Item 2. Identity and Background.\n"
        "Heath Capital LLC is the general\u2002partner of Heath Value Fund, L.P.\n"
    )
    parsed = _filing([_page(n.upper(), shared="100", agg="100") for n in (gp, fund)], text)
    names = {p.id: p.name for p in parsed.parties}
    got = {(names[lk.controller_id], names[lk.controlled_id], lk.role) for lk in parsed.links}
    assert got == {(gp, fund, Role.GENERAL_PARTNER)}
