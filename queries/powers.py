"""Voting and investment power kept apart, Rule 13d-3(a) (used by control and attribution).

A person is a beneficial owner of shares over which it has voting power *or* investment
(dispositive) power, and every cover page reports the two apart (rows 7-10). Here:

* **A holder's own split.** A holder has power over its own holdings. How much of it is
  sole, shared or none is what the holder filed: the powers on the holding
  (``Holding.sole_voting`` ...), else the holder's own cover page in the same document
  (rows 7-10, :class:`ReportedPosition`), allocated over its holdings of the class in id
  order, when that page covers only its own holdings (the holder controls no other holder
  of the class). Else the working rule: sole over all of it. The structure does not decide
  a holder's own split, so the filed one is respected.
* **Steps, one power at a time.** A link passes voting, investment or both
  (:func:`~ownergraph.graph.model.link_passes`); a step ``u -> v`` passes a power when one
  of its links does, and is sole for that power under the working rule of
  :mod:`queries.control` applied to the links passing it
  (:meth:`ControlView.sole_step_for`).
* **A person's figures.** For each power: sole over a holding when some path passing that
  power is all sole steps (then the holder's sole part is the person's sole, the holder's
  shared part shared); otherwise the holder's sole and shared parts are both shared. The
  aggregate (row 11) is the distinct union of the holdings over which the person has either
  power: a holding reached for both powers counts whole, one reached for one power only
  counts the part the holder has that power over.

With links that pass both powers with one word (every record before powers were kept
apart) and no filed split, voting and dispositive figures equal the old single figures,
bit for bit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from ownergraph.graph.model import BOTH_POWERS, Holding, ReportedPosition
from ownergraph.graph.vocab import Authority

if TYPE_CHECKING:
    import datetime as dt

    from ownergraph.queries.control import (
        ControlPath,
        ControlView,
        FiledPosition,
        _Engine,
        _HoldingIndex,
    )

SOLE = "sole"
SHARED = "shared"
MIXED = "sole and shared"

RULE_POWERS = (
    "Rule 13d-3(a): voting and investment power counted apart; a holder's own split as"
    " filed; a person's aggregate is the distinct union of holdings over which it has either"
)


@dataclass(frozen=True)
class OwnSplit:
    """A holder's own powers over one holding (shares; ``None`` when the count is unknown).

    ``source``: ``"holding"`` (filed on the holding), ``"page"`` (the holder's cover page
    ``document_id``), ``"default"`` (working rule: sole over all of it).
    """

    shares: float | None
    sole_voting: float | None
    shared_voting: float | None
    sole_dispositive: float | None
    shared_dispositive: float | None
    source: str
    document_id: str | None = None

    def character(self, authority: Authority) -> str | None:
        """``"sole"``, ``"shared"``, ``"sole and shared"`` or ``None`` (no such power)."""
        if authority == Authority.VOTING:
            s, sh = self.sole_voting, self.shared_voting
        else:
            s, sh = self.sole_dispositive, self.shared_dispositive
        if s is None or sh is None:
            return SOLE if self.source == "default" else None
        if s > 0 and sh > 0:
            return MIXED
        if s > 0:
            return SOLE
        if sh > 0:
            return SHARED
        return None


def _default(h: Holding) -> OwnSplit:
    return OwnSplit(h.shares, h.shares, 0.0, h.shares, 0.0, "default")


def _page_rows(
    rp: ReportedPosition,
) -> tuple[tuple[float, float] | None, tuple[float, float] | None]:
    def pair(a: float | None, b: float | None) -> tuple[float, float] | None:
        if a is None and b is None:
            return None
        return (float(a or 0.0), float(b or 0.0))

    return (
        pair(rp.sole_voting, rp.shared_voting),
        pair(rp.sole_dispositive, rp.shared_dispositive),
    )


def _allocate(
    holdings: list[Holding], rows: tuple[float, float] | None
) -> list[tuple[float | None, float | None]] | None:
    """Sole first, then shared, over the holdings in id order (integers stay integers)."""
    if rows is None:
        return None
    sole, shared = rows
    out: list[tuple[float | None, float | None]] = []
    for h in holdings:
        if h.shares is None:
            out.append((None, None))
            continue
        s = min(h.shares, sole)
        sole -= s
        sh = min(h.shares - s, shared)
        shared -= sh
        out.append((s, sh))
    return out


def own_splits(
    holdings: Iterable[Holding],
    pages: dict[tuple[str, str], ReportedPosition],
    controllers_of_holders: set[str],
) -> dict[str, OwnSplit]:
    """Each holding's :class:`OwnSplit` (see the module docstring).

    ``pages[(holder_id, security_id)]`` is the holder's latest cover page for the class;
    ``controllers_of_holders`` the holders that control another holder of the class (their
    page covers more than their own holdings, so it does not split their own).
    """
    out: dict[str, OwnSplit] = {}
    groups: dict[tuple[str, str], list[Holding]] = {}
    for h in holdings:
        if any(
            x is not None
            for x in (h.sole_voting, h.shared_voting, h.sole_dispositive, h.shared_dispositive)
        ):
            sv, shv = h.sole_voting, h.shared_voting
            sd, shd = h.sole_dispositive, h.shared_dispositive
            if sv is None and shv is None:
                sv, shv = h.shares, 0.0
            if sd is None and shd is None:
                sd, shd = h.shares, 0.0
            out[h.id] = OwnSplit(
                h.shares, sv or 0.0, shv or 0.0, sd or 0.0, shd or 0.0, "holding", h.document_id
            )
        else:
            groups.setdefault((h.holder_id, h.security_id), []).append(h)
    for key, hs in groups.items():
        hs.sort(key=lambda h: h.id)
        rp = pages.get(key)
        if (
            rp is None
            or key[0] in controllers_of_holders
            or any(h.document_id != rp.document_id for h in hs)
        ):
            for h in hs:
                out[h.id] = _default(h)
            continue
        voting, disp = _page_rows(rp)
        if voting is None and disp is None:
            for h in hs:
                out[h.id] = _default(h)
            continue
        v = _allocate(hs, voting)
        d = _allocate(hs, disp)
        for i, h in enumerate(hs):
            sv, shv = v[i] if v is not None else (h.shares, 0.0)
            sd, shd = d[i] if d is not None else (h.shares, 0.0)
            out[h.id] = OwnSplit(h.shares, sv, shv, sd, shd, "page", rp.document_id)
    return out


# --------------------------------------------------------------------------- reach


@dataclass
class PowerSets:
    """Per engine node, bitsets of holdings reached for each power, and reached sole."""

    voting: list[int]
    sole_voting: list[int]
    investment: list[int]
    sole_investment: list[int]

    def restrict(self, scope: int) -> None:
        """Keep only the holdings of ``scope`` (a party-scoped question)."""
        for name in ("voting", "sole_voting", "investment", "sole_investment"):
            setattr(self, name, [x & scope for x in getattr(self, name)])

    def at(self, j: int) -> tuple[int, int, int, int]:
        """The four bitsets of engine node ``j``."""
        return self.voting[j], self.sole_voting[j], self.investment[j], self.sole_investment[j]


def power_sets(view: ControlView, eng: _Engine) -> PowerSets:
    """Reach per power over the engine's nodes (one propagation per power and sole-ness;
    none extra when every link passes both powers with one word)."""
    from ownergraph.queries.control import _propagate

    if view.uniform:
        return PowerSets(eng.reach, eng.sole, eng.reach, eng.sole)
    nodes, pos = eng.nodes, eng.pos
    sets: list[list[int]] = []
    for authority in BOTH_POWERS:
        succ: list[list[int]] = [[] for _ in nodes]
        sole: list[list[int]] = [[] for _ in nodes]
        for i, u in enumerate(nodes):
            for v in view.down.get(u, ()):
                j = pos.get(v)
                if j is None or not view.passes(u, v, authority):
                    continue
                succ[i].append(j)
                if view.sole_step_for(u, v, authority):
                    sole[i].append(j)
        sets.append(_propagate(succ, eng.bases))
        sets.append(_propagate(sole, eng.bases))
    return PowerSets(*sets)


# --------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class PowerFigures:
    """A person's four powers, aggregate and own rights (``None`` = a count is unknown)."""

    sole_voting: float | None
    shared_voting: float | None
    sole_dispositive: float | None
    shared_dispositive: float | None
    aggregate: float | None
    rights: float | None
    holding_ids: tuple[str, ...]
    sole_ids: tuple[str, ...]
    rights_ids: tuple[str, ...]


class PowerIndex:
    """The holdings of a question with their own splits, in :class:`_HoldingIndex` order."""

    def __init__(self, hix: _HoldingIndex, splits: dict[str, OwnSplit]) -> None:
        self.hix = hix
        self.splits = [splits[h] for h in hix.ids]
        #: every holder's split is the default (sole over all): the one-power figures serve
        self.trivial = all(sp.source == "default" for sp in self.splits)
        #: unknown counts whose split is filed (then even a sole holding's shared part is
        #: unknown); a default split's shared part is 0
        self.unknown_split = 0
        for i, sp in enumerate(self.splits):
            if sp.shares is None and sp.source != "default":
                self.unknown_split |= 1 << i
        self._memo: dict[tuple[int, int, int, int], PowerFigures] = {}

    def figures(self, rv: int, sv: int, rd: int, sd: int) -> PowerFigures:
        """The figures of a person from its four bitsets (memoised)."""
        from ownergraph.queries.control import _bits

        key = (rv, sv, rd, sd)
        got = self._memo.get(key)
        if got is not None:
            return got
        if self.trivial and rv == rd and sv == sd:  # both powers follow the same steps
            f = self.hix.figures(rv, sv)
            got = self._memo[key] = PowerFigures(
                sole_voting=f.sole,
                shared_voting=f.shared,
                sole_dispositive=f.sole,
                shared_dispositive=f.shared,
                aggregate=f.shares,
                rights=f.rights,
                holding_ids=f.holding_ids,
                sole_ids=f.sole_ids,
                rights_ids=f.rights_ids,
            )
            return got
        sp = self.splits
        unknown = self.hix.unknown
        rights_mask = self.hix.rights
        reach = rv | rd

        def total(mask: int, value: object, check: int | None = None) -> float | None:
            if (mask if check is None else check) & unknown:
                return None
            acc = 0.0
            for i in _bits(mask):
                acc += value(i)  # type: ignore[operator]
            return acc

        us = self.unknown_split

        def covered(i: int) -> float:
            s = sp[i]
            shares = s.shares or 0.0
            in_v, in_d = bool(rv >> i & 1), bool(rd >> i & 1)
            if in_v and in_d:
                return shares
            if in_v:
                return min(shares, (s.sole_voting or 0.0) + (s.shared_voting or 0.0))
            return min(shares, (s.sole_dispositive or 0.0) + (s.shared_dispositive or 0.0))

        got = PowerFigures(
            sole_voting=total(sv, lambda i: sp[i].sole_voting),
            shared_voting=total(
                rv,
                lambda i: (
                    (sp[i].shared_voting or 0.0)
                    if sv >> i & 1
                    else sp[i].shared_voting + sp[i].sole_voting
                ),
                (rv & ~sv) | (rv & sv & us),
            ),
            sole_dispositive=total(sd, lambda i: sp[i].sole_dispositive),
            shared_dispositive=total(
                rd,
                lambda i: (
                    (sp[i].shared_dispositive or 0.0)
                    if sd >> i & 1
                    else sp[i].shared_dispositive + sp[i].sole_dispositive
                ),
                (rd & ~sd) | (rd & sd & us),
            ),
            aggregate=total(reach, covered),
            rights=total(reach & rights_mask, covered),
            holding_ids=tuple(self.hix.ids[i] for i in _bits(reach)),
            sole_ids=tuple(self.hix.ids[i] for i in _bits(sv | sd)),
            rights_ids=tuple(self.hix.ids[i] for i in _bits(reach & rights_mask)),
        )
        self._memo[key] = got
        return got


# --------------------------------------------------------------------------- paths


def step_power(view: ControlView, u: str, v: str, authority: Authority) -> str | None:
    """``"sole"``/``"shared"`` for the power a step passes, ``None`` when it does not."""
    if not view.passes(u, v, authority):
        return None
    return SOLE if view.sole_step_for(u, v, authority) else SHARED


def _combine(steps: list[str | None], end: str | None) -> str | None:
    if any(s is None for s in steps) or end is None:
        return None
    if all(s == SOLE for s in steps):
        return end
    return SHARED


def end_character(splits: Iterable[OwnSplit], authority: Authority) -> str | None:
    """The holder's own power over some holdings: sole, shared, both or none."""
    chars = {s.character(authority) for s in splits} - {None}
    if not chars:
        return None
    if chars == {SOLE}:
        return SOLE
    if chars == {SHARED}:
        return SHARED
    return MIXED


def path_powers(
    view: ControlView, path: ControlPath, end: dict[Authority, str | None]
) -> tuple[str | None, str | None, tuple[tuple[str, ...], ...], tuple[tuple[str | None, ...], ...]]:
    """Voting and investment power through one path (never more than the row gives), and
    per step the powers it passes and its (voting, investment) power."""
    nodes = path.nodes
    pairs = list(zip(nodes, nodes[1:], strict=False))
    per: dict[Authority, list[str | None]] = {
        a: [step_power(view, u, v, a) for u, v in pairs] for a in BOTH_POWERS
    }
    passes = tuple(
        tuple(a.value for a in BOTH_POWERS if per[a][k] is not None) for k in range(len(pairs))
    )
    powers = tuple(
        (per[Authority.VOTING][k], per[Authority.INVESTMENT][k]) for k in range(len(pairs))
    )
    return (
        _combine(per[Authority.VOTING], end[Authority.VOTING]),
        _combine(per[Authority.INVESTMENT], end[Authority.INVESTMENT]),
        passes,
        powers,
    )


class PathExplainer:
    """Sets each path's voting / investment power and each step's powers (see
    :class:`queries.control.ControlPath`), with steps and path ends memoised (many paths
    share them). ``end_of(node, holding_ids)`` gives the holder's (or asked party's) own
    power per authority at the path's end."""

    def __init__(
        self,
        view: ControlView,
        end_of: Callable[[str, tuple[str, ...]], dict[Authority, str | None]],
    ) -> None:
        self.view = view
        self.end_of = end_of
        self._steps: dict[tuple[str, str], tuple[Any, str | None, str | None]] = {}
        self._ends: dict[tuple[str, tuple[str, ...]], dict[Authority, str | None]] = {}

    def _step(self, st: Any) -> tuple[Any, str | None, str | None]:
        key = (st.controller_id, st.controlled_id)
        got = self._steps.get(key)
        if got is None:
            v = step_power(self.view, key[0], key[1], Authority.VOTING)
            i = step_power(self.view, key[0], key[1], Authority.INVESTMENT)
            passes = tuple(
                a.value for a, x in ((Authority.VOTING, v), (Authority.INVESTMENT, i)) if x
            )
            got = self._steps[key] = (
                dataclasses.replace(st, passes=passes, voting=v, investment=i),
                v,
                i,
            )
        return got

    def __call__(self, path: ControlPath) -> ControlPath:
        from ownergraph.graph.vocab import Power

        ekey = (path.nodes[-1], path.holding_ids)
        end = self._ends.get(ekey)
        if end is None:
            end = self._ends[ekey] = self.end_of(*ekey)
        done = [self._step(st) for st in path.steps]
        voting = _combine([d[1] for d in done], end[Authority.VOTING])
        investment = _combine([d[2] for d in done], end[Authority.INVESTMENT])
        sole = all(x in (None, SOLE) for x in (voting, investment)) and (
            voting is not None or investment is not None
        )
        return dataclasses.replace(
            path,
            steps=tuple(d[0] for d in done),
            voting=voting,
            investment=investment,
            power=Power.SOLE if sole else Power.SHARED,
        )


def row_character(sole: float | None, shared: float | None) -> str | None:
    """A row's power in one word: sole, shared, both, or ``None`` (none / unknown)."""
    if sole is None or shared is None:
        return None
    if sole > 0 and shared > 0:
        return MIXED
    if sole > 0:
        return SOLE
    if shared > 0:
        return SHARED
    return None


# --------------------------------------------------------------------------- reasons


def _why_shared(view: ControlView, u: str, v: str, authority: Authority) -> str:
    links = view.links.get((u, v), [])
    roles = ", ".join(sorted({lk.role.value.replace("_", " ") for lk in links}))
    structural = view._structural_for(v, authority) if not view.uniform else view._structural(v)
    if len(structural) > 1:
        return (
            f"{view._name(v)} has {len(structural)} structural controllers"
            f" ({', '.join(sorted(view._name(x) for x in structural))})"
        )
    if any(lk.power and lk.power.value == SHARED for lk in links):
        return f"the link {view._name(u)} -> {view._name(v)} ({roles}) states shared power"
    if any(lk.role.value == "officer" for lk in links):
        return f"{view._name(u)} is an officer of {view._name(v)} (acts under the board)"
    return f"the link {view._name(u)} -> {view._name(v)} ({roles}) states no sole power"


def split_reason(
    view: ControlView,
    G: nx.MultiDiGraph,
    party: str,
    authority: Authority,
    computed_sole: float | None,
    filed_sole: float | None,
    holders: Iterable[str],
    splits: dict[str, OwnSplit],
    holding_ids: Iterable[str],
) -> str:
    """Why the structure gives a different sole/shared split than the page files."""
    word = "voting" if authority == Authority.VOTING else "dispositive"
    if computed_sole is None or filed_sole is None:
        return f"a holding's share count is unknown ({word} power)"
    own = [splits[h] for h in holding_ids if h in splits]
    if computed_sole > filed_sole:
        return (
            f"the links the documents state make every step from {view._name(party)} down to"
            f" {', '.join(sorted(view._name(h) for h in holders)) or 'the holders'} a sole step"
            f" for {word} power (only structural controller, no link stating shared); the"
            " page files less sole power"
        )
    # computed less sole than filed: name the first shared step below the party
    for u in sorted(view.descendants([party]) | {party}):
        for v in sorted(view.down.get(u, ())):
            if view.passes(u, v, authority) and not view.sole_step_for(u, v, authority):
                return f"no all-sole path for {word} power: {_why_shared(view, u, v, authority)}"
    if any(s.character(authority) in (SHARED, MIXED) for s in own):
        return f"a holder filed shared {word} power over its own holdings"
    return f"the page files more sole {word} power than the stated links give"


# --------------------------------------------------------------------------- filed pages


_ROW_NAMES = ("sole_voting", "shared_voting", "sole_dispositive", "shared_dispositive", "aggregate")


def computed_rows(figures: Any) -> dict[str, float | None]:
    """The four computed powers and the aggregate of a person's figures, keyed by row name
    (what :func:`filed_beside_powers` compares with the filed page)."""
    return {row: getattr(figures, row) for row in _ROW_NAMES}


def filed_beside_powers(
    rp: ReportedPosition | None,
    computed: dict[str, float | None],
    reason: Callable[[str, float | None, float | None], str],
) -> FiledPosition | None:
    """A :class:`FiledPosition` for a cover page beside the four computed powers and the
    aggregate (``computed`` keyed by row name), each differing row with ``reason(row,
    computed, filed)``."""
    from ownergraph.queries.control import FiledPosition

    if rp is None:
        return None
    diffs = []
    for row in _ROW_NAMES:
        f, c = getattr(rp, row), computed.get(row)
        if f is not None and c is not None and abs(f - c) >= 0.5:
            diffs.append((row, c, f, reason(row, c, f)))
    return FiledPosition(
        document_id=rp.document_id,
        position_id=rp.id,
        sole_voting=rp.sole_voting,
        shared_voting=rp.shared_voting,
        sole_dispositive=rp.sole_dispositive,
        shared_dispositive=rp.shared_dispositive,
        aggregate=rp.aggregate,
        percent_of_class=rp.percent_of_class,
        differs=bool(diffs),
        differences=tuple(diffs),
    )


def question_splits(
    G: nx.MultiDiGraph,
    view: ControlView,
    holdings: Iterable[Holding],
    security_ids: Iterable[str],
    *,
    as_of: dt.date | None = None,
    pages_by_class: dict[str, dict[str, ReportedPosition]] | None = None,
) -> dict[str, Any]:
    """Each holding's own split (:func:`queries.powers.own_splits`): the powers filed on
    the holding, else its holder's own cover page, else sole. ``pages_by_class``: the
    classes' :func:`queries.control.latest_pages` when the caller has them already."""
    from ownergraph.queries.control import latest_pages

    hs = list(holdings)
    holders = {h.holder_id for h in hs}
    pages: dict[tuple[str, str], ReportedPosition] = {}
    known = pages_by_class or {}
    for sec in security_ids:
        if sec in G:
            got = known.get(sec)
            if got is None:
                got = latest_pages(G, sec, as_of=as_of)
            for pid, rp in got.items():
                if pid in holders:
                    pages[(pid, sec)] = rp
    paged = {pid for pid, _ in pages}
    above = {pid for pid in paged if view.descendants([pid]) & (holders - {pid})}
    return own_splits(hs, pages, above)


def aggregate_reason(
    rp: ReportedPosition, name: str, computed: float | None, filed: float | None, n: int
) -> str:
    """Why a computed row 11 differs from the filed one."""
    if computed is None or filed is None:
        return "a holding's share count is unknown"
    if rp.components:
        parts = sum(c.shares for c in rp.components)
        if abs(parts - computed) < 0.5:
            return (
                f"the page's own breakdown sums to {computed:,.0f}, as computed; row 11 files"
                f" {filed:,.0f} ({filed - computed:+,.0f})"
            )
        if abs(parts - filed) < 0.5:
            return (
                f"the page's breakdown sums to the filed {filed:,.0f}; the holdings the"
                f" documents state below {name} sum to {computed:,.0f}"
            )
    return (
        f"the {n} holding(s) the documents state below {name} sum to {computed:,.0f}; the"
        f" page files {filed:,.0f} ({filed - computed:+,.0f}): shares not stated as held by"
        " anyone it controls, or stated holdings it does not report"
        if filed > computed
        else f"the {n} holding(s) the documents state below {name} sum to {computed:,.0f};"
        f" the page files {filed:,.0f} ({filed - computed:+,.0f})"
    )


def row_reason(
    view: ControlView,
    G: nx.MultiDiGraph,
    party: str,
    rp: ReportedPosition,
    f: Any,
    splits: dict[str, Any],
    below: set[str],
    row: str,
    computed: float | None,
    filed: float | None,
) -> str:
    """Why a computed row 7-11 of ``party`` (figures ``f``, :class:`PowerFigures`) differs
    from its filed page ``rp``."""
    agg = aggregate_reason(rp, view._name(party), f.aggregate, rp.aggregate, len(f.holding_ids))
    if row == "aggregate":
        return agg
    a = Authority.VOTING if "voting" in row else Authority.INVESTMENT
    cs = f.sole_voting if a == Authority.VOTING else f.sole_dispositive
    fs = rp.sole_voting if a == Authority.VOTING else rp.sole_dispositive
    csh = f.shared_voting if a == Authority.VOTING else f.shared_dispositive
    fsh = rp.shared_voting if a == Authority.VOTING else rp.shared_dispositive
    other = (cs, fs) if row.startswith("shared") else (csh, fsh)
    if fs is not None and fsh is not None and rp.aggregate is not None:
        if fs + fsh > rp.aggregate + 0.5:
            word = "voting" if a == Authority.VOTING else "dispositive"
            return (
                f"the page's sole and shared {word} rows ({fs:,.0f} + {fsh:,.0f}) add up to"
                f" more than its aggregate {rp.aggregate:,.0f}: the same shares filed under"
                " both; a holder's own split is read sole first"
            )
    if (
        other[0] is not None
        and abs(other[0] - (other[1] or 0.0)) < 0.5
        and (
            f.aggregate is not None
            and rp.aggregate is not None
            and abs(f.aggregate - rp.aggregate) >= 0.5
        )
    ):
        return f"the sole/shared split agrees; the gap is row 11's: {agg}"
    return split_reason(view, G, party, a, cs, fs, below, splits, f.holding_ids)


__all__ = [
    "RULE_POWERS",
    "aggregate_reason",
    "computed_rows",
    "filed_beside_powers",
    "question_splits",
    "row_reason",
    "OwnSplit",
    "PowerFigures",
    "PowerIndex",
    "PathExplainer",
    "PowerSets",
    "end_character",
    "own_splits",
    "path_powers",
    "power_sets",
    "row_character",
    "split_reason",
    "step_power",
]
