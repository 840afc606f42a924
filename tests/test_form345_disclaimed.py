"""Forms 3/4/5: a role stated together with a disclaimer of its voting and investment power
passes no power (convention 13 of tests/fixtures/corpus/README.md)."""

from __future__ import annotations

from ownergraph.graph.store import build_graph
from ownergraph.graph.vocab import EdgeKind, Role
from ownergraph.loaders.form345_disclaimed import disclaims_power
from ownergraph.queries.control import who_controls
from tests.test_form345_fidelity import form, names, nd_row, owner

#: quoted (Facebook, Form 4 of Peter Thiel, 2017-07-28, F1)
F1 = (
    'The reporting person is one of the Managers of The Founders Fund IV Management, LLC ("FF IV'
    ' Management"), which is the General Partner of The Founders Fund IV, LP ("FF IV"), although'
    " he disclaims voting and investment power over the securities held by FF IV. The reporting"
    " person otherwise disclaims beneficial ownership over such securities except to the extent"
    " of his pecuniary interest therein."
)


def test_the_disclaimer_of_power_is_told_from_the_disclaimer_of_ownership() -> None:
    """Quoted F1 above (its two sentences) and, synthetic, the other wordings."""
    first, second = F1.split(". ", 1)
    assert disclaims_power(first)
    assert not disclaims_power(second)
    assert disclaims_power("X is a trustee of Y, but he does not have voting or dispositive power.")
    assert disclaims_power("The Reporting Person has no voting or investment power over them.")


def test_a_manager_who_disclaims_the_power_is_not_climbed() -> None:
    """F1 on a row of the fund (41,631, as the form's Class B): the Manager link stays a
    stated link (role managing member) but is no ``controls`` link, so FF IV Management is
    the top controller of the fund's shares, Thiel of his own 6,311 only (read by hand)."""
    pd = form(
        owner("THIEL PETER", "0001211060", ten=False),
        nd_row(41631, "I", "By The Founders Fund IV, LP", "F1") + nd_row(6311),
        {"F1": F1},
    )
    n = names(pd)
    got = {(n[lk.controller_id], n[lk.controlled_id], lk.role, lk.kind) for lk in pd.links}
    assert got == {
        (
            "Peter Thiel",
            "The Founders Fund IV Management, LLC",
            Role.MANAGING_MEMBER,
            EdgeKind.OWNS,
        ),
        (
            "The Founders Fund IV Management, LLC",
            "The Founders Fund IV, LP",
            Role.GENERAL_PARTNER,
            EdgeKind.CONTROLS,
        ),
    }
    G = build_graph(pd.parties, pd.securities, pd.holdings, pd.links, [pd.document])
    ans = who_controls(G, pd.holdings[0].security_id, max_paths=0)
    assert sorted((c.name, c.shares) for c in ans.ultimate) == [
        ("Peter Thiel", 6311),
        ("The Founders Fund IV Management, LLC", 41631),
    ]
