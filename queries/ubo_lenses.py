"""The UBO lenses, each a pure function of a question's context (:mod:`queries.ubo`).

:func:`_context` gathers what every lens reads (economic stakes and chains, control edges,
the persons upstream, declared interests); ``_multiplicative``, ``_dominancy``,
``_rolling``, ``_integrated``, ``_control`` and ``_sec13d3`` apply one lens each (rules in
the docstring of :mod:`queries.ubo`); ``_LENS_FUNCS`` maps the ownership lenses to them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from ownergraph.graph.model import Link
from ownergraph.graph.vocab import DirectOrIndirect, EdgeKind, Lens, NodeKind, Role
from ownergraph.queries.economic import (
    PathContribution,
    Stake,
    document_date,
    economic_stakes,
    enumerate_chains,
    integrated_ownership,
    subject_company,
)
from ownergraph.queries.groups import deemed_ownership
from ownergraph.queries.intervals import Interval, product, total
from ownergraph.queries.ubo_results import RULES, LensResult, UboRow

_OTHER_MEANS = "control via other means (AMLD Art. 3(6)(a)(i); AMLR Art. 51)"
#: Roles that do not give control of the controlled party.
_NO_CONTROL_ROLES = frozenset({Role.BENEFICIARY, Role.SHAREHOLDER, Role.GROUP_MEMBER})
#: Roles whose control is possible but not established by the role alone.
_MAYBE_CONTROL_ROLES = frozenset({Role.UNKNOWN_INTEREST, Role.SETTLOR, Role.NOMINATOR})


# --------------------------------------------------------------------------- context


@dataclass
class _Ctx:
    G: nx.MultiDiGraph
    subject: str
    threshold: float  # fraction
    inclusive: bool
    stakes: list[Stake]
    chains: dict[str, list[PathContribution]]
    truncated: bool
    candidates: list[str]  # persons and unknown persons upstream, sorted
    gaps: list[str]
    control_edges: dict[
        str, list[tuple[str, bool | None, str]]
    ]  # controller -> (controlled, state, why)
    names: dict[str, str]
    declared: dict[str, Interval]
    outstanding: float | None = None  # Rule 13d-3 lens: shares outstanding, when given

    def name(self, n: str) -> str:
        return self.names.get(n) or str(self.G.nodes[n].get("name", n) if n in self.G else n)

    def kind(self, n: str) -> NodeKind | None:
        k = self.G.nodes[n].get("kind") if n in self.G else None
        return None if k is None else NodeKind(k)

    def meets(self, iv: Interval | None) -> bool | None:
        if iv is None:
            return False
        return iv.meets(self.threshold, inclusive=self.inclusive)


def _link_control(lk: Link, kind: EdgeKind) -> tuple[bool | None, str]:
    """Does this link give the controller control of the controlled party?"""
    if kind == EdgeKind.CONSOLIDATES:
        return True, f"consolidates ({lk.role})"
    if kind == EdgeKind.OWNS:
        share = lk.voting_share or lk.share
        state = Interval.from_share(share).meets(0.5, inclusive=False)
        return (
            state,
            f"majority {'votes' if lk.voting_share else 'stake'} ({Interval.from_share(share)})",
        )
    if lk.role == Role.VOTING_RIGHTS and (lk.share or lk.voting_share):
        iv = Interval.from_share(lk.voting_share or lk.share)
        return iv.meets(0.5, inclusive=False), f"voting rights {iv}"
    if lk.role in _NO_CONTROL_ROLES:
        return False, str(lk.role)
    if lk.role in _MAYBE_CONTROL_ROLES:
        return None, str(lk.role)
    return True, str(lk.role).replace("_", " ")


def _context(G: nx.MultiDiGraph, subject: str, threshold: float, inclusive: bool) -> _Ctx:
    subj = subject_company(G, subject)
    stakes = economic_stakes(G)
    control_edges: dict[str, list[tuple[str, bool | None, str]]] = defaultdict(list)
    up_edges: dict[str, set[str]] = defaultdict(set)
    for st in stakes:
        up_edges[st.owned].add(st.owner)
    declared: dict[str, Interval] = {}
    for u, v, data in G.edges(data=True):
        kind = data.get("kind")
        lk = data.get("record")
        if not isinstance(lk, Link) or lk.end_date is not None:
            continue
        if kind in (EdgeKind.OWNS, EdgeKind.CONTROLS, EdgeKind.CONSOLIDATES) and u != v:
            declares = lk.beneficial or lk.direct_or_indirect == DirectOrIndirect.INDIRECT
            if subject_company(G, v) == subj and lk.share is not None and declares:
                declared[u] = Interval.from_share(lk.share)
            state, why = _link_control(lk, kind)  # indirect control is control too
            if state is not False:
                control_edges[u].append((subject_company(G, v), state, why))
            if kind != EdgeKind.OWNS:
                up_edges[subject_company(G, v)].add(u)
    for st in stakes:  # holdings: majority of the issuer's shares is majority control
        if st.source == EdgeKind.HOLDS:
            state = st.share.meets(0.5, inclusive=False)
            if state is not False:
                control_edges[st.owner].append((st.owned, state, f"majority stake ({st.share})"))
    seen: set[str] = set()
    q = deque([subj])
    while q:
        x = q.popleft()
        if x in seen:
            continue
        seen.add(x)
        q.extend(up_edges.get(x, ()))
    candidates, gaps = [], []
    for x in sorted(seen - {subj}):
        k = G.nodes[x].get("kind") if x in G else None
        top = not up_edges.get(x)
        if k == NodeKind.PERSON or (k == NodeKind.UNKNOWN and top):
            candidates.append(x)
        elif top and k not in (NodeKind.PERSON, NodeKind.UNKNOWN, NodeKind.GROUP):
            gaps.append(x)
    chains, truncated = enumerate_chains(stakes, subj, min_contribution=1e-12)
    names = {x: str(G.nodes[x].get("name", x)) for x in seen if x in G}
    return _Ctx(G, subj, threshold, inclusive, stakes, chains, truncated, candidates, gaps,
                dict(control_edges), names, declared)  # fmt: skip


def _control_reach(ctx: _Ctx, start: str) -> dict[str, tuple[bool, list[tuple[str, str]]]]:
    """Parties ``start`` controls: ``{node: (definite, [(node, why) … path])}``.

    A path is definite when every step is; a node reached both ways keeps the definite one.
    """
    best: dict[str, tuple[bool, list[tuple[str, str]]]] = {start: (True, [])}
    q = deque([start])
    while q:
        x = q.popleft()
        sure, path = best[x]
        for y, state, why in ctx.control_edges.get(x, ()):
            d = sure and state is True
            if y in best and (best[y][0] or not d):
                continue
            best[y] = (d, [*path, (y, why)])
            q.append(y)
    return best


def _other_means(ctx: _Ctx, person: str) -> tuple[bool | None, list[str]]:
    """Control of the subject through a chain with a non-ownership control role."""
    reach = _control_reach(ctx, person)
    if ctx.subject not in reach:
        return False, []
    sure, path = reach[ctx.subject]
    if all(why.startswith("majority") for _, why in path):
        return False, []  # pure majority ownership: the control lens's business
    text = " -> ".join([ctx.name(person)] + [f"{ctx.name(n)} ({why})" for n, why in path])
    return (True if sure else None), [f"{_OTHER_MEANS}: {text}"]


def _verdict(owned: bool | None, control: bool | None) -> bool | None:
    if owned is True or control is True:
        return True
    if owned is False and control is False:
        return False
    return None


def _explain(ctx: _Ctx, paths: list[PathContribution], limit: int = 3) -> list[str]:
    out = [p.describe(ctx.names) for p in paths[:limit]]
    if len(paths) > limit:
        out.append(f"… and {len(paths) - limit} more chains")
    return out


def _ranked(paths: list[PathContribution]) -> list[PathContribution]:
    def key(p: PathContribution) -> tuple[float, tuple[str, ...]]:
        c = p.contribution
        return (-(c.lo if c.lo is not None else (c.hi or 0.0)), p.nodes)

    return sorted(paths, key=key)


def _row(
    ctx: _Ctx,
    lens: Lens,
    x: str,
    stake: Interval | None,
    paths: list[PathContribution],
    extra: list[str] | None = None,
    *,
    control: tuple[bool | None, list[str]] | None = None,
) -> UboRow:
    kind = ctx.kind(x)
    if control is None:
        control = _other_means(ctx, x)
    ctrl, ctrl_text = control
    declared = ctx.declared.get(x)
    expl = _explain(ctx, paths) + (extra or []) + ctrl_text
    if kind == NodeKind.UNKNOWN:
        return UboRow(x, ctx.name(x), str(kind), lens, stake, None, None, "unknown person(s)",
                      RULES[lens], tuple(expl + ["unknown person(s): cannot be tested"]),
                      tuple(paths[:5]), declared)  # fmt: skip
    owned = ctx.meets(stake)
    basis = "ownership"
    if stake is None:
        expl.append("no ownership chain in the data")
    if owned is None and declared is not None and ctx.meets(declared) is not None:
        owned = ctx.meets(declared)
        basis = "declared"
        expl.append(f"computed {stake}; declared interest {declared} (BODS) used")
    verdict = _verdict(owned, ctrl)
    if ctrl and not owned:
        basis = "control"
    elif ctrl and owned:
        basis = "ownership and control"
    return UboRow(x, ctx.name(x), str(kind), lens, stake, ctrl, verdict, basis, RULES[lens],
                  tuple(expl), tuple(paths[:5]), declared)  # fmt: skip


def _result(
    ctx: _Ctx, lens: Lens, rows: list[UboRow], notes: list[str] | None = None
) -> LensResult:
    notes = list(notes or [])
    if ctx.truncated and lens != Lens.INTEGRATED:
        notes.append("chain enumeration truncated: some chains are missing")
    if not ctx.candidates:
        notes.append("no natural person found upstream of the subject")

    def order(r: UboRow) -> tuple[int, float, str]:
        rank = {True: 0, None: 1, False: 2}[r.is_ubo]
        lo = r.stake.lo if r.stake is not None and r.stake.lo is not None else -1.0
        return (rank, -lo, r.name)

    return LensResult(
        lens=lens,
        subject=ctx.subject,
        subject_name=ctx.name(ctx.subject),
        threshold=ctx.threshold * 100.0,
        inclusive=ctx.inclusive,
        rows=tuple(sorted(rows, key=order)),
        rule=RULES[lens],
        gaps=tuple(f"ownership above {ctx.name(x)} is not known" for x in ctx.gaps),
        notes=tuple(notes),
        names=ctx.names,
    )


# --------------------------------------------------------------------------- lenses


def _chain_lens(ctx: _Ctx, lens: Lens, value: Callable[[PathContribution], Interval]) -> LensResult:
    rows = []
    for x in ctx.candidates:
        paths = ctx.chains.get(x, [])
        if not paths:
            rows.append(_row(ctx, lens, x, None, []))
            continue
        vals = [PathContribution(p.nodes, p.shares, p.link_ids, value(p)) for p in paths]
        rows.append(_row(ctx, lens, x, total(v.contribution for v in vals), _ranked(vals)))
    return _result(ctx, lens, rows)


def _multiplicative(ctx: _Ctx) -> LensResult:
    return _chain_lens(ctx, Lens.MULTIPLICATIVE, lambda p: p.contribution)


def _dominancy(ctx: _Ctx) -> LensResult:
    def value(p: PathContribution) -> Interval:
        return product([s.dominate(0.5) for s in p.shares[:-1]] + [p.shares[-1]])

    return _chain_lens(ctx, Lens.DOMINANCY, value)


def _rolling(ctx: _Ctx) -> LensResult:
    rows = []
    for x in ctx.candidates:
        paths = ctx.chains.get(x, [])
        if not paths:
            rows.append(_row(ctx, Lens.ROLLING, x, None, []))
            continue
        sure: dict[str, Interval] = {}
        maybe: dict[str, Interval] = {}
        kept: list[PathContribution] = []
        for p in paths:
            last = p.nodes[-2]  # the party holding the stake in the subject
            states = [ctx.meets(s) for s in p.shares[:-1]]
            if any(s is False for s in states):
                continue
            stake = p.shares[-1]
            kept.append(PathContribution(p.nodes, p.shares, p.link_ids, stake))
            if all(s is True for s in states):
                sure[last] = stake
                maybe.pop(last, None)
            elif last not in sure:
                maybe[last] = Interval(None, stake.hi, False, stake.hi_open)  # may not count
        extra = []
        if not kept:
            extra.append("no chain whose every link meets the threshold")
        value = total([*sure.values(), *maybe.values()]) if kept else None
        rows.append(_row(ctx, Lens.ROLLING, x, value, _ranked(kept), extra))
    return _result(ctx, Lens.ROLLING, rows)


def _integrated(ctx: _Ctx) -> LensResult:
    res = integrated_ownership(ctx.G, ctx.subject, stakes=ctx.stakes)
    rows = []
    for x in ctx.candidates:
        h = res.holder(x)
        if h is None:
            rows.append(_row(ctx, Lens.INTEGRATED, x, None, []))
            continue
        rows.append(_row(ctx, Lens.INTEGRATED, x, h.stake, list(h.paths), list(h.notes)))
    notes = [f.message for f in res.findings]
    return _result(ctx, Lens.INTEGRATED, rows, notes)


def _control(ctx: _Ctx) -> LensResult:
    direct: dict[str, Interval] = {
        st.owner: st.share for st in ctx.stakes if st.owned == ctx.subject
    }
    rows = []
    for x in ctx.candidates:
        reach = _control_reach(ctx, x)
        parts: list[Interval] = []
        paths: list[PathContribution] = []
        expl: list[str] = []
        for y, (sure, path) in sorted(reach.items()):
            if y not in direct:
                continue
            share = direct[y] if sure else Interval(None, direct[y].hi, False, direct[y].hi_open)
            parts.append(share)
            nodes = (x, *[n for n, _ in path], ctx.subject)
            expl.append(
                " -> ".join([ctx.name(x)] + [f"{ctx.name(n)} ({why})" for n, why in path])
                + f" holds {direct[y]} of {ctx.name(ctx.subject)}"
                + ("" if sure else " (control not established)")
            )
            paths.append(PathContribution(nodes, (), (), share))
        stake = total(parts) if parts else None
        if ctx.subject in reach:
            sure, path = reach[ctx.subject]
            ctrl: bool | None = True if sure else None
            chain = " -> ".join([ctx.name(x)] + [f"{ctx.name(n)} ({why})" for n, why in path])
            ctrl_text = [f"controls {ctx.name(ctx.subject)}: {chain}"]
        else:
            ctrl, ctrl_text = False, []
        rows.append(_row(ctx, Lens.CONTROL, x, stake, [], expl, control=(ctrl, ctrl_text)))
    return _result(ctx, Lens.CONTROL, rows)


def _sec13d3(ctx: _Ctx, subject: str) -> LensResult:
    try:
        from ownergraph.queries.control import who_controls
    except ImportError:  # pragma: no cover - until the control lens lands
        return LensResult(Lens.SEC13D3, ctx.subject, ctx.name(ctx.subject), ctx.threshold * 100,
                          ctx.inclusive, (), RULES[Lens.SEC13D3],
                          notes=("Rule 13d-3 attribution not available",), available=False)  # fmt: skip
    rows: list[UboRow] = []
    secs = [
        v for _, v, d in ctx.G.out_edges(ctx.subject, data=True) if d.get("kind") == EdgeKind.ISSUES
    ]
    if ctx.kind(subject) != NodeKind.SECURITY and not secs:
        note = "no securities of the subject in the data: Rule 13d-3 has nothing to attribute"
        return _result(ctx, Lens.SEC13D3, rows, [note])
    wc = who_controls(ctx.G, subject, outstanding=ctx.outstanding)
    implied: dict[str, float | None] = {}
    if any(c.percent is None for c in (*wc.ultimate, *wc.intermediate)):
        from ownergraph.queries.attribution import attribute

        att = attribute(ctx.G, subject, outstanding=ctx.outstanding)
        if att.denominator.implied:
            implied = {p.party_id: p.percent.value for p in att.persons}
    for c in (*wc.ultimate, *wc.intermediate):
        kind = ctx.kind(c.party_id)
        if kind not in (NodeKind.PERSON, NodeKind.UNKNOWN):
            continue
        stake = None if c.percent is None else Interval.exact(c.percent / 100.0)
        basis = None if c.percent is None else "computed"
        expl = [
            f"beneficial owner of {c.shares:,.0f} shares" if c.shares is not None else
            "beneficial owner (shares unknown)",
            f"sole {c.sole_voting or 0:,.0f} / shared {c.shared_voting or 0:,.0f} voting power",
        ]  # fmt: skip
        if c.percent is None:
            pct = implied.get(c.party_id)
            if pct is not None:
                stake, basis = Interval.exact(pct / 100.0), "implied"
                expl.append(
                    f"percent of class {stake} implied: shares over the outstanding count"
                    " implied by the filed percentages, Rule 13d-3(d)(1)(i)"
                    " (no document states the shares outstanding)"
                )
            else:
                expl.append("percent of class unknown (shares outstanding not stated)")
        filed = [
            rp
            for rp in ctx.G.graph.get("positions", ())
            if rp.party_id == c.party_id and rp.percent_of_class is not None
        ]
        filed_pct = None
        if filed:
            rp = max(
                filed, key=lambda rp: (document_date(ctx.G, rp.document_id) or dt.date.min, rp.id)
            )
            filed_pct = rp.percent_of_class
            expl.append(f"filed: {filed_pct:.2f}% (row 13 of the latest cover page, as filed)")
        for agg in deemed_ownership(ctx.G, c.party_id):
            shares = "unknown" if agg.shares is None else f"{agg.shares:,.0f}"
            expl.append(f"member of {agg.name}: deemed to own {shares} shares ({agg.rule})")
        power = bool(c.shares) or any(p for p in c.paths)
        row = _row(ctx, Lens.SEC13D3, c.party_id, stake, [], expl, control=(power, []))
        # 13d-3 power over holdings is not control of the subject: the verdict is the stake's
        verdict = ctx.meets(stake) if stake is not None else None
        rows.append(
            UboRow(row.party_id, c.name, row.kind, Lens.SEC13D3, stake, power, verdict,
                   "voting or investment power", RULES[Lens.SEC13D3], row.explanation,
                   shares=c.shares, percent_basis=basis, filed_percent=filed_pct)
        )  # fmt: skip
    res = _result(ctx, Lens.SEC13D3, rows, list(wc.notes))
    return res


_LENS_FUNCS: dict[Lens, Callable[[_Ctx], LensResult]] = {
    Lens.INTEGRATED: _integrated,
    Lens.MULTIPLICATIVE: _multiplicative,
    Lens.ROLLING: _rolling,
    Lens.DOMINANCY: _dominancy,
    Lens.CONTROL: _control,
}
