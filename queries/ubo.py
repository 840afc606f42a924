"""Ultimate beneficial owners under each lens, and the lenses side by side.

DOMAIN.md section 4. A UBO is a natural person (``NodeKind.PERSON``) who owns or controls
the subject: AMLD (EU 2015/849) Art. 3(6)(a)(i) "more than 25 %" held directly or through
entities the person controls; AMLR (EU 2024/1624) Art. 51-52 "25 % or more", indirect
stakes multiplied along each chain and summed over chains. The threshold and the test are
parameters (``threshold`` in percent, ``inclusive`` for "or more"), never constants.

Lenses (``graph.vocab.Lens``), each a pure function of the graph:

* ``integrated``: every path, cycles included, by sparse solve (:mod:`queries.economic`).
* ``multiplicative`` (AMLR Art. 52): multiply along each simple chain, sum over chains.
* ``rolling``: follow every link that meets the threshold; the person is attributed the
  stakes in the subject held at the end of each such chain, in full, plus their own direct
  stake (a chain of 30 % × 30 % into a 30 % holder attributes 30 %).
* ``dominancy``: an intermediary held above 50 % passes its stake on in full (the link is
  counted as 100 %); other links multiply; the last link, the stake in the subject, counts
  at its value.
* ``control``: majority voting control (> 50 %, voting share where stated) and control
  roles (``CONTROLS`` links: general partner, trustee, nominee, appointment of the board …,
  ``CONSOLIDATES``) pass control; the person is attributed the stakes in the subject of
  the entities it controls, and whether it controls the subject itself.
* ``sec13d3``: Rule 13d-3 from :func:`queries.control.who_controls` (shares and percent of
  class of the persons with voting or investment power), tested against the same threshold.

In every ownership lens, control of the subject through non-ownership roles is reported as
control (``control=True``, no percentage) and makes the person a UBO ("control via other
means"). Unknown persons (a BODS unspecified party at the top of a chain) are reported with
``is_ubo=None``: unknown, not absent. Ranges follow :mod:`queries.intervals`; a test
that a range straddles gives ``None``.

>>> from ownergraph.graph.model import Link, Party, Share
>>> from ownergraph.graph.store import build_graph
>>> from ownergraph.graph.vocab import EdgeKind, NodeKind, Role
>>> def owns(a, b, pct):
...     return Link(f"{a}-{b}", "d", EdgeKind.OWNS, a, b, Role.SHAREHOLDER, share=Share.exact(pct))
>>> g = build_graph([Party("P", "Pat", NodeKind.PERSON), Party("H", "Hold", NodeKind.ENTITY),
...                  Party("S", "Sub", NodeKind.ENTITY)], [], [], [owns("P", "H", 30), owns("H", "S", 30)])
>>> [(str(r.stake), r.is_ubo) for r in ubo(g, "S", lens=Lens.MULTIPLICATIVE).rows]
[('9%', False)]
>>> [(str(r.stake), r.is_ubo) for r in ubo(g, "S", lens=Lens.ROLLING).rows]
[('30%', True)]
"""

from __future__ import annotations

import networkx as nx

from ownergraph.graph.vocab import Lens
from ownergraph.queries.ubo_declared import DeclaredCheck, check_declared, declared_checks
from ownergraph.queries.ubo_lenses import _LENS_FUNCS, _context, _sec13d3
from ownergraph.queries.ubo_results import LENSES, RULES, LensComparison, LensResult, UboRow


def ubo(
    G: nx.MultiDiGraph,
    subject: str,
    *,
    lens: Lens = Lens.MULTIPLICATIVE,
    threshold: float = 25.0,
    inclusive: bool = True,
    outstanding: float | None = None,
) -> LensResult:
    """The UBO test of one lens for ``subject`` (a party or security id).

    ``threshold`` in percent (AMLD/AMLR: 25; AMLR Art. 52 allows 15), ``inclusive=True``
    for AMLR "25 % or more", ``False`` for AMLD "more than 25 %". ``outstanding`` (shares)
    is the denominator of the Rule 13d-3 lens's percent of class; without it a document's
    count is used, else the one implied by the filed percentages (labelled "implied").

    >>> from ownergraph.graph.model import Link, Party, Share
    >>> from ownergraph.graph.store import build_graph
    >>> from ownergraph.graph.vocab import EdgeKind, NodeKind, Role
    >>> g = build_graph([Party("P", "P", NodeKind.PERSON), Party("S", "S", NodeKind.ENTITY)], [], [],
    ...     [Link("l", "d", EdgeKind.OWNS, "P", "S", Role.SHAREHOLDER, share=Share.exact(25))])
    >>> ubo(g, "S", inclusive=True).rows[0].is_ubo, ubo(g, "S", inclusive=False).rows[0].is_ubo
    (True, False)
    """
    lens = Lens(lens)
    ctx = _context(G, subject, threshold / 100.0, inclusive)
    ctx.outstanding = outstanding
    if lens == Lens.SEC13D3:
        return _sec13d3(ctx, subject)
    if lens not in _LENS_FUNCS:
        raise ValueError(f"lens {lens} is not a UBO lens")
    return _LENS_FUNCS[lens](ctx)


def compare_lenses(
    G: nx.MultiDiGraph,
    subject: str,
    *,
    threshold: float = 25.0,
    inclusive: bool = True,
    outstanding: float | None = None,
) -> LensComparison:
    """Every lens for ``subject`` side by side, and the parties on which they disagree.

    The app's lens selector and ``ownergraph ubo SUBJECT`` (no ``--lens``) show this.

    >>> from ownergraph.graph.model import Link, Party, Share
    >>> from ownergraph.graph.store import build_graph
    >>> from ownergraph.graph.vocab import EdgeKind, NodeKind, Role
    >>> def owns(a, b, pct):
    ...     return Link(f"{a}-{b}", "d", EdgeKind.OWNS, a, b, Role.SHAREHOLDER, share=Share.exact(pct))
    >>> g = build_graph([Party("P", "P", NodeKind.PERSON), Party("H", "H", NodeKind.ENTITY),
    ...     Party("S", "S", NodeKind.ENTITY)], [], [], [owns("P", "H", 60), owns("H", "S", 30)])
    >>> c = compare_lenses(g, "S")
    >>> [(str(r.lens), r.rows[0].cell) for r in c.lenses if r.rows]
    [('integrated', '18% no'), ('multiplicative', '18% no'), ('rolling', '30% UBO'), ('dominancy', '30% UBO'), ('control', '30% UBO')]
    >>> c.disagreements
    ('P',)
    """
    ctx = _context(G, subject, threshold / 100.0, inclusive)
    ctx.outstanding = outstanding
    results = []
    for lens in LENSES:
        if lens == Lens.SEC13D3:
            results.append(_sec13d3(ctx, subject))
        else:
            results.append(_LENS_FUNCS[lens](ctx))
    parties: dict[str, tuple[str, str, str]] = {}
    for res in results:
        for r in res.rows:
            parties.setdefault(r.party_id, (r.party_id, r.name, r.kind))
    disagree = []
    for pid in parties:
        verdicts = {r.is_ubo for res in results if (r := res.row(pid)) is not None}
        if len(verdicts) > 1:
            disagree.append(pid)

    def order(p: tuple[str, str, str]) -> tuple[int, str]:
        n = sum(1 for res in results if (r := res.row(p[0])) is not None and r.is_ubo)
        return (-n, p[1])

    return LensComparison(
        subject=ctx.subject,
        subject_name=ctx.name(ctx.subject),
        threshold=threshold,
        inclusive=inclusive,
        lenses=tuple(results),
        parties=tuple(sorted(parties.values(), key=order)),
        disagreements=tuple(disagree),
    )


__all__ = [
    "LENSES",
    "RULES",
    "DeclaredCheck",
    "LensComparison",
    "LensResult",
    "UboRow",
    "check_declared",
    "compare_lenses",
    "declared_checks",
    "ubo",
]
