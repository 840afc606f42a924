"""Who controls X, under SEC Rule 13d-3 (the control lens).

Control flows DOWN ``controls`` edges (controller -> controlled -> ... -> holder ->
security). Every person up a control chain beneficially owns 100 % of the shares the chain
holds (Rule 13d-3(a)); nothing is multiplied, and a person's shares are the DISTINCT union of
the holdings reachable below it, never a sum of cover pages.

Voting and investment (dispositive) power are counted apart (:mod:`queries.powers`): each
rule below is applied per power, over the links that pass it (``link_passes``), and a
holder's own sole/shared split is the one it filed. Sole vs shared is each person's own
view (DOMAIN.md section 2). P's power over a holding is
SOLE when some control path from P down to the holder takes only *sole steps*, else SHARED:

* a structural step ``u -> v`` (general partner, managing member, officer, manager, trustee,
  parent ...) is sole when ``u`` is the *sole structural controller* of ``v``: ``v`` has
  exactly one structural controller, no link from it says ``Power.SHARED``, and it is not
  only an officer (an officer acts under the board: shared unless a link says ``SOLE``);
* a ``Role.STATED_POWER`` step (a cover page states power over another's shares for a person
  whose role the document does not give) is taken as stated: sole only when it says
  ``Power.SOLE``. It is not structural, so it never turns another controller's sole power
  into shared;
* any other control step is sole only when its link says ``Power.SOLE``;
* a holder has sole power over its own holdings (an empty path).

The traversal is linear-ish: holding sets (int bitsets) are propagated over the strongly
connected components of the control graph (cycles are fine) in topological order, once for
all paths and once over sole steps only (``_Engine``, one condensation per question); paths
are listed up to a cap (``max_paths``), with a count. The numbers never depend on the
paths: ``max_paths=0`` gives the same figures with no path listed.
:func:`control_numbers` computes the same numbers from integer arrays with numpy (no
records, no networkx graph), for bulk questions.

>>> from ownergraph.graph.model import Holding, Link, Party, Security
>>> from ownergraph.graph.store import build_graph
>>> from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Role
>>> parties = [Party("gp", "GP LLC", NodeKind.ENTITY), Party("f", "Fund LP", NodeKind.FUND),
...            Party("iss", "Issuer Inc.", NodeKind.ISSUER)]
>>> g = build_graph(parties, [Security("s", "iss", "Common Stock")],
...     [Holding("h", "d", "f", "s", Instrument.COMMON, 100.0)],
...     [Link("l", "d", EdgeKind.CONTROLS, "gp", "f", Role.GENERAL_PARTNER)])
>>> wc = who_controls(g, "iss")
>>> [(c.name, c.sole_voting, c.shared_voting, c.shares) for c in wc.ultimate]
[('GP LLC', 100.0, 0.0, 100.0)]
>>> wc.ultimate[0].paths[0].nodes
('gp', 'f')
"""

import datetime as dt
from collections import defaultdict
from dataclasses import replace
from typing import Any

import networkx as nx

from ownergraph.graph.model import Holding
from ownergraph.graph.vocab import Authority, EdgeKind, Lens, NodeKind
from ownergraph.queries.control_arrays import _SMALL as _SMALL
from ownergraph.queries.control_arrays import POWER_CODES as POWER_CODES
from ownergraph.queries.control_arrays import ROLE_CODES as ROLE_CODES
from ownergraph.queries.control_arrays import ControlNumbers as ControlNumbers
from ownergraph.queries.control_arrays import _closure as _closure
from ownergraph.queries.control_arrays import _closure_small as _closure_small
from ownergraph.queries.control_arrays import _ranges as _ranges
from ownergraph.queries.control_arrays import control_numbers as control_numbers
from ownergraph.queries.control_arrays import sole_pairs as sole_pairs
from ownergraph.queries.control_engine import _NUMPY_BITS as _NUMPY_BITS
from ownergraph.queries.control_engine import _bits as _bits
from ownergraph.queries.control_engine import _Engine as _Engine
from ownergraph.queries.control_engine import _Figures as _Figures
from ownergraph.queries.control_engine import _HoldingIndex as _HoldingIndex
from ownergraph.queries.control_engine import _PathLister as _PathLister
from ownergraph.queries.control_engine import _propagate as _propagate
from ownergraph.queries.control_engine import _sccs as _sccs
from ownergraph.queries.control_engine import _sum as _sum
from ownergraph.queries.control_engine import figures as figures
from ownergraph.queries.control_engine import per_person_percent as per_person_percent
from ownergraph.queries.control_results import _MAX_EXPANSIONS as _MAX_EXPANSIONS
from ownergraph.queries.control_results import MAX_PATHS as MAX_PATHS
from ownergraph.queries.control_results import RULE_13D3 as RULE_13D3
from ownergraph.queries.control_results import RULE_DENOMINATOR as RULE_DENOMINATOR
from ownergraph.queries.control_results import RULE_SOLE as RULE_SOLE
from ownergraph.queries.control_results import RULE_UNION as RULE_UNION
from ownergraph.queries.control_results import Controller as Controller
from ownergraph.queries.control_results import ControlPath as ControlPath
from ownergraph.queries.control_results import FiledPosition as FiledPosition
from ownergraph.queries.control_results import PathStep as PathStep
from ownergraph.queries.control_results import WhoControls as WhoControls
from ownergraph.queries.control_scope import Subject as Subject
from ownergraph.queries.control_scope import _is_security as _is_security
from ownergraph.queries.control_scope import (
    confers_beneficial_ownership as confers_beneficial_ownership,
)
from ownergraph.queries.control_scope import current_holdings as current_holdings
from ownergraph.queries.control_scope import document_outstanding as document_outstanding
from ownergraph.queries.control_scope import evidence_of as evidence_of
from ownergraph.queries.control_scope import issued_securities as issued_securities
from ownergraph.queries.control_scope import latest_pages as latest_pages
from ownergraph.queries.control_scope import subject_scope as subject_scope
from ownergraph.queries.control_view import ControlView as ControlView
from ownergraph.queries.control_view import _active_link as _active_link
from ownergraph.queries.control_view import _bfs as _bfs
from ownergraph.queries.control_view import _doc_date as _doc_date
from ownergraph.queries.control_view import _phrases as _phrases
from ownergraph.queries.control_view import control_view as control_view
from ownergraph.queries.powers import (
    PathExplainer,
    PowerIndex,
    computed_rows,
    end_character,
    filed_beside_powers,
    power_sets,
    question_splits,
    row_character,
    row_reason,
)

# --------------------------------------------------------------------------- who controls


def who_controls(
    G: nx.MultiDiGraph,
    subject: str,
    *,
    as_of: dt.date | None = None,
    outstanding: float | None = None,
    max_paths: int = MAX_PATHS,
    implied_denominator: bool = False,
    paths_for_top: int | None = None,
    paths_for: frozenset[str] | None = None,
    _view: ControlView | None = None,
) -> WhoControls:
    """Who controls ``subject``, under Rule 13d-3 (lens ``sec13d3``).

    ``subject`` is a party, an issuer (its securities, then their holders), a security, a
    holding id, or text resolved by :func:`queries.resolve.resolve_subject`. The ultimate
    controllers are the parties reachable upward over ``controls`` edges with nobody above
    them (a top cycle counts as a whole; a holder with nobody above it is its own ultimate
    controller); every other party on the way is listed in ``intermediate``.

    For each: sole/shared voting and dispositive power (module rule, per power), shares as
    the distinct union of the subject's holdings over which it has either power (Rule
    13d-3; never a sum of cover pages), own rights to acquire, percent with the per-person denominator
    (13d-3(d)(1)(i)) when the outstanding count is known (``outstanding`` or a document) and
    the holdings are of one class, and control paths (node ids, link ids, roles, phrases),
    at most ``max_paths`` of them, with their count (``None`` when the chain has a cycle and
    the listing was cut; ``max_paths=0`` lists none and changes no number). Paths end at the
    holders, or at the party itself when the subject is a party that is not an issuer of
    held securities. Each controller carries the
    latest cover page it filed for the class (``filed``), flagged when rows 7-11 differ,
    each differing row with its reason. With ``implied_denominator`` (the one answer's
    policy, :func:`who_controls_answer`), an outstanding count neither given nor stated is
    implied by the filed percentages (:func:`queries.attribution.denominator`). With
    ``paths_for_top=N`` only the first N ultimate controllers (in the answer's order, by
    shares) list their paths; the others and the intermediate ones list none
    (``paths_truncated`` when they have some) and every figure is the full answer's.
    ``paths_for`` (with ``paths_for_top``): only those of the first N that are in this set
    list their paths (:mod:`queries.control_class` asks for the rows it shows).
    ``_view``: :func:`control_view` of ``G`` at ``as_of`` when the caller has it.
    """
    view = _view if _view is not None else control_view(G, as_of=as_of)
    subj = subject_scope(G, view, subject, as_of=as_of)
    skipped = (
        [
            h
            for h in current_holdings(
                G,
                subj.security_ids or issued_securities(G, subj.id),
                as_of=as_of,
                beneficial_only=False,
            )
            if not confers_beneficial_ownership(h)
        ]
        if not subj.party_scope or subj.kind == NodeKind.ISSUER.value
        else []
    )
    nothing_owned = not subj.holdings and bool(skipped)
    if nothing_owned:
        # Only positions that confer no beneficial ownership (RSUs settling later, options
        # not exercisable within 60 days): their holders' controllers own 0 of the class.
        subj = replace(
            subj,
            holdings=tuple(_at_zero(h) for h in skipped),
            security_ids=tuple(sorted({h.security_id for h in skipped})),
            party_scope=False,
        )
    gone = _emptied(subj.holdings) if not (subj.party_scope or nothing_owned) else ()
    if gone:
        # A holder left at 0 (everything distributed or sold) owns nothing of the class
        # while others own shares: it and the parties above it only for it are no
        # controllers of the shares reported (convention 11)
        subj = replace(subj, holdings=tuple(h for h in subj.holdings if h not in gone))
    holdings = {h.id: h for h in subj.holdings}
    by_holder: dict[str, frozenset[str]] = defaultdict(frozenset)
    for h in subj.holdings:
        by_holder[h.holder_id] = by_holder[h.holder_id] | {h.id}
    holders = set(by_holder)
    notes: list[str] = []
    if subj.party_scope:
        candidates = view.ancestors([subj.id]) | {subj.id}
        within = candidates | view.descendants([subj.id])
    else:
        candidates = view.ancestors(holders) | holders
        within = candidates
    within = {n for n in within if n in G}
    hix = _HoldingIndex(holdings)
    eng = _Engine(view, within, by_holder, hix)
    pos = eng.pos
    pages_by_class = {
        sec: latest_pages(G, sec, as_of=as_of) for sec in subj.security_ids if sec in G
    }
    splits = question_splits(
        G, view, subj.holdings, subj.security_ids, as_of=as_of, pages_by_class=pages_by_class
    )
    pix = PowerIndex(hix, splits)
    psets = power_sets(view, eng)
    if subj.party_scope and subj.id in pos:
        scope = eng.reach[pos[subj.id]]
        eng.restrict(scope)
        psets.restrict(scope)
    tops = eng.tops(candidates)
    if not subj.holdings:
        notes.append("no holdings in scope: shares are 0 and no percent is computed")
    if nothing_owned:
        notes.append(
            "nothing here confers beneficial ownership: the controllers of the positions"
            " held are listed with 0 shares"
        )
    if skipped:
        notes.append(
            f"{len(skipped)} derivative position(s) left out: not a right to acquire within"
            " 60 days, so no beneficial ownership under Rule 13d-3(d)(1)(i)"
            f" ({', '.join(sorted({h.title or h.instrument.value for h in skipped}))})"
        )
    figs = _LazyFigures(pos, pix, psets)  # (only the nodes asked about: the candidates)
    source, source_doc = ("given" if outstanding is not None else "unknown"), None
    source_text: str | None = None
    if outstanding is None and len(subj.security_ids) == 1:
        from ownergraph.queries.attribution import denominator

        den = denominator(
            G,
            subj.security_ids[0],
            as_of=as_of,
            computed_rights={n: f.rights for n, f in figs.items()},
        )
        if den.outstanding is not None and (implied_denominator or not den.implied):
            outstanding = den.outstanding
            source = "implied" if den.implied else "stated"
            source_doc = den.document_id
            source_text = den.document_text
            notes.append(
                f"outstanding {outstanding:,.0f} stated by document {den.document_id}"
                if not den.implied
                else f"outstanding {outstanding:,.0f} {den.note}"
            )
    if len(subj.security_ids) > 1:
        notes.append("holdings span several classes: no percent of class")
    if any(sp.source == "page" for sp in splits.values()):
        notes.append(
            "a holder's own split of voting and dispositive power is taken from its own"
            " cover page (the links do not decide it)"
        )
    if subj.party_scope:  # paths end at the party asked about
        own = eng.reach[pos[subj.id]] if subj.id in pos else 0
        ends = {subj.id: tuple(hix.ids[i] for i in _bits(own))}
        path_within = candidates
    else:
        ends = {k: tuple(sorted(v)) for k, v in by_holder.items()}
        path_within = within
    counts = eng.path_counts(set(ends), path_within)
    lister = _PathLister(view, ends, path_within)
    pages = (
        pages_by_class.get(subj.security_ids[0], {})
        if len(subj.security_ids) == 1 and not subj.party_scope
        else {}
    )
    from ownergraph.graph.model import BOTH_POWERS

    def end_of(node: str, ids: tuple[str, ...]) -> dict[Authority, str | None]:
        if subj.party_scope and node == subj.id:
            f = figs.get(node)
            if f is None:
                return dict.fromkeys(BOTH_POWERS)
            return {
                Authority.VOTING: row_character(f.sole_voting, f.shared_voting),
                Authority.INVESTMENT: row_character(f.sole_dispositive, f.shared_dispositive),
            }
        return {a: end_character((splits[i] for i in ids if i in splits), a) for a in BOTH_POWERS}

    explain = PathExplainer(view, end_of)

    def controller(n: str, with_paths: bool = True) -> Controller:
        j = pos.get(n)
        f = figs[n] if j is not None else pix.figures(0, 0, 0, 0)
        count = counts.get(n, 0) if counts is not None else None
        if with_paths:
            paths, cut = lister.paths(n, limit=max_paths)
            if count is None and not cut:
                count = len(paths)
        else:  # not listed (paths_for_top): the count stands, unknown in a cycle
            paths, cut = [], count is None or count > 0
        single = len(subj.security_ids) == 1
        pct = per_person_percent(f.aggregate, f.rights, outstanding) if single else None
        rp = pages.get(n)

        def reason(row: str, c: float | None, filed: float | None) -> str:
            below = {holdings[i].holder_id for i in f.holding_ids}
            return row_reason(view, G, n, rp, f, splits, below, row, c, filed)  # type: ignore[arg-type]

        return Controller(
            party_id=n,
            name=view._name(n),
            kind=str(G.nodes[n].get("kind")),
            ultimate=n in tops,
            is_holder=n in holders,
            sole_voting=f.sole_voting,
            shared_voting=f.shared_voting,
            sole_dispositive=f.sole_dispositive,
            shared_dispositive=f.shared_dispositive,
            shares=f.aggregate,
            rights_to_acquire=f.rights,
            percent=pct,
            holding_ids=f.holding_ids,
            sole_holding_ids=f.sole_ids,
            paths=tuple(explain(p) for p in paths),
            path_count=count,
            paths_truncated=cut,
            filed=filed_beside_powers(rp, computed_rows(f), reason),
            denominator=(
                outstanding + f.rights
                if single and outstanding is not None and f.rights is not None
                else None
            ),
        )

    def order(c: Controller) -> tuple[float, str, str]:
        return (-(c.shares or 0.0), c.name, c.party_id)

    everyone = [
        controller(n, with_paths=paths_for_top is None)
        for n in sorted(candidates)
        if not (subj.party_scope and n == subj.id and n not in tops)
    ]
    ultimate = tuple(sorted((c for c in everyone if c.ultimate), key=order))
    if paths_for_top is not None:  # the rows shown list their paths
        ultimate = tuple(
            controller(c.party_id)
            if i < paths_for_top and (paths_for is None or c.party_id in paths_for)
            else c
            for i, c in enumerate(ultimate)
        )
    intermediate = tuple(sorted((c for c in everyone if not c.ultimate), key=order))
    return WhoControls(
        subject_id=subj.id,
        subject_name=subj.name,
        subject_kind=subj.kind,
        lens=Lens.SEC13D3,
        as_of=as_of,
        security_ids=subj.security_ids,
        holding_ids=tuple(sorted(holdings)),
        shares=_sum(subj.holdings),
        outstanding=outstanding,
        ultimate=ultimate,
        intermediate=intermediate,
        notes=tuple(notes),
        outstanding_source=source,
        outstanding_document=source_doc,
        outstanding_document_text=source_text,
    )


class _LazyFigures:
    """The figures of the engine's nodes (``pos``), each made when first asked for: a
    party's question has thousands of nodes below it and reports its controllers only.
    Read like the dict of every node's figures in ``pos`` order (``[]``, ``get``,
    ``items``); :meth:`PowerIndex.figures` is a pure function of the bitsets."""

    def __init__(self, pos: dict[str, int], pix: PowerIndex, psets: Any) -> None:
        self._pos, self._pix, self._psets = pos, pix, psets
        self._done: dict[str, Any] = {}

    def __getitem__(self, n: str) -> Any:
        f = self._done.get(n)
        if f is None:
            f = self._done[n] = self._pix.figures(*self._psets.at(self._pos[n]))
        return f

    def get(self, n: str, default: Any = None) -> Any:
        return self[n] if n in self._pos else default

    def items(self) -> Any:
        return ((n, self[n]) for n in self._pos)


def has_securities(
    G: nx.MultiDiGraph,
    node: str,
    *,
    as_of: dt.date | None = None,
    view: ControlView | None = None,
) -> bool:
    """True when a 13d-3 question about ``node`` has securities to answer over: it is a
    security, issues a class, or holdings are reachable below it through control links
    (``view``: :func:`control_view` of ``G`` at ``as_of``, made here when not given)."""
    if G.nodes[node].get("kind") == NodeKind.SECURITY or issued_securities(G, node):
        return True
    if view is None:
        view = control_view(G, as_of=as_of)
    below = view.descendants([node]) | {node}
    return any(
        data.get("kind") == EdgeKind.HOLDS
        for n in below
        if n in G
        for _u, _v, data in G.out_edges(n, data=True)
    )


def who_controls_answer(
    G: nx.MultiDiGraph,
    subject: str,
    *,
    as_of: dt.date | None = None,
    outstanding: float | None = None,
    max_paths: int = MAX_PATHS,
    paths_for_top: int | None = None,
    **register_options: Any,
) -> Any:
    """Who controls ``subject``, as the one answer object (:class:`queries.answer.Answer`).

    The dispatcher: a subject with securities in the graph (a class, an issuer of one, a
    holding, or a party with holdings below it) is answered under Rule 13d-3
    (:func:`who_controls`); a subject without (a company known from BODS, GLEIF, a register
    or tabular ``owns``) under the register rules of
    ``ownergraph.queries.register_control.who_controls_register(G, subject_id, as_of=...,
    **register_options)`` when that module exists (else under 13d-3 as before). The
    collector pauses meanwhile (:func:`graph.engine_records.gc_paused`).
    """
    from ownergraph.graph.engine_records import gc_paused

    with gc_paused():
        return _answer(
            G,
            subject,
            as_of=as_of,
            outstanding=outstanding,
            max_paths=max_paths,
            paths_for_top=paths_for_top,
            **register_options,
        )


def _answer(
    G: nx.MultiDiGraph,
    subject: str,
    *,
    as_of: dt.date | None,
    outstanding: float | None,
    max_paths: int,
    paths_for_top: int | None,
    **register_options: Any,
) -> Any:
    node = subject
    if subject not in G and not any(k == subject for _u, _v, k in G.edges(keys=True)):
        from ownergraph.queries.resolve import resolve_subject

        node = resolve_subject(G, subject)
    view = control_view(G, as_of=as_of) if node in G else None  # (read once, used twice)
    if node in G and not has_securities(G, node, as_of=as_of, view=view):
        import importlib
        import importlib.util

        name = "ownergraph.queries.register_control"
        register = (
            getattr(importlib.import_module(name), "who_controls_register", None)
            if importlib.util.find_spec(name) is not None
            else None
        )
        if register is not None:
            return register(G, node, as_of=as_of, **register_options)
    return who_controls(
        G,
        node,
        as_of=as_of,
        outstanding=outstanding,
        max_paths=max_paths,
        implied_denominator=True,
        paths_for_top=paths_for_top,
        _view=view if node in G else None,
    ).to_answer()


def _emptied(holdings: tuple[Holding, ...]) -> tuple[Holding, ...]:
    """The holdings at exactly 0 shares when another holding of the scope holds shares
    (or an unknown count): they confer nothing, and their holders are left out."""
    zero = tuple(h for h in holdings if h.shares == 0 and not h.right_to_acquire)
    if zero and len(zero) < len(holdings):
        return zero
    return ()


def _at_zero(h: Holding) -> Holding:
    """``h`` as a position of 0 shares (its holder owns nothing beneficially)."""
    return replace(
        h,
        shares=0.0,
        right_to_acquire=False,
        sole_voting=None,
        shared_voting=None,
        no_voting=None,
        sole_dispositive=None,
        shared_dispositive=None,
    )
