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

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ownergraph.graph.ids import make_id
from ownergraph.graph.model import Finding, Link
from ownergraph.graph.vocab import DirectOrIndirect, EdgeKind, Lens, NodeKind, Role, Severity
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

RULES: dict[Lens, str] = {
    Lens.INTEGRATED: "DOMAIN 4 integrated ownership: (I − W)⁻¹W over all paths, cycles included",
    Lens.MULTIPLICATIVE: (
        "AMLR (EU) 2024/1624 Art. 52: indirect ownership multiplied along each chain, "
        "summed over chains"
    ),
    Lens.ROLLING: "rolling test: follow every link meeting the threshold, attribute in full",
    Lens.DOMINANCY: "dominancy test: an intermediary held above 50 % passes its stake in full",
    Lens.CONTROL: (
        "AMLD (EU) 2015/849 Art. 3(6)(a)(i) control approach: majority voting control and "
        "control roles pass control"
    ),
    Lens.SEC13D3: "SEC Rule 13d-3: beneficial owner through voting or investment power",
}
#: Lenses in the order of the comparison table.
LENSES: tuple[Lens, ...] = (
    Lens.SEC13D3,
    Lens.INTEGRATED,
    Lens.MULTIPLICATIVE,
    Lens.ROLLING,
    Lens.DOMINANCY,
    Lens.CONTROL,
)
_OTHER_MEANS = "control via other means (AMLD Art. 3(6)(a)(i); AMLR Art. 51)"
#: Roles that do not give control of the controlled party.
_NO_CONTROL_ROLES = frozenset({Role.BENEFICIARY, Role.SHAREHOLDER, Role.GROUP_MEMBER})
#: Roles whose control is possible but not established by the role alone.
_MAYBE_CONTROL_ROLES = frozenset({Role.UNKNOWN_INTEREST, Role.SETTLOR, Role.NOMINATOR})


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class UboRow:
    """One party under one lens: its stake (if the lens gives one), control, and the verdict.

    ``stake`` is ``None`` when the lens finds no ownership chain (not 0 %); ``is_ubo`` is
    ``None`` when the data cannot decide (a range straddling the threshold, an unknown
    share, an unknown person).
    """

    party_id: str
    name: str
    kind: str
    lens: Lens
    stake: Interval | None
    control: bool | None
    is_ubo: bool | None
    basis: str
    rule: str
    explanation: tuple[str, ...] = ()
    paths: tuple[PathContribution, ...] = ()
    declared: Interval | None = None
    shares: float | None = None  # Rule 13d-3 lens: beneficially owned shares
    #: Rule 13d-3 lens: "computed" (outstanding known) or "implied" (denominator implied
    #: from the filed percentages, as :func:`queries.attribution.attribute` computes it).
    percent_basis: str | None = None
    #: Rule 13d-3 lens: row 13 as filed on the person's latest cover page (a note, not the
    #: stake: one question, one percentage).
    filed_percent: float | None = None

    def to_dict(self, names: dict[str, str] | None = None) -> dict[str, Any]:
        """Plain data."""
        return {
            "party_id": self.party_id,
            "name": self.name,
            "kind": self.kind,
            "lens": str(self.lens),
            "stake": None if self.stake is None else self.stake.to_dict(),
            "control": self.control,
            "is_ubo": self.is_ubo,
            "basis": self.basis,
            "rule": self.rule,
            "explanation": list(self.explanation),
            "paths": [p.to_dict(names) for p in self.paths],
            "declared": None if self.declared is None else self.declared.to_dict(),
            "shares": self.shares,
            "percent_basis": self.percent_basis,
            "filed_percent": self.filed_percent,
        }

    @property
    def cell(self) -> str:
        """A short text for a comparison table: ``"30% UBO"``, ``"control UBO"``, ``"?"``.

        A Rule 13d-3 row shows its shares and the percent computed from them, marked
        "implied" when the denominator is implied from filed percentages; the filed percent
        is never put beside computed shares (it is in the explanation).
        """
        verdict = {True: "UBO", False: "no", None: "?"}[self.is_ubo]
        what = str(self.stake) if self.stake is not None else "—"
        if self.shares is not None:
            what = f"{self.shares:,.0f} sh" + (f" {self.stake}" if self.stake is not None else "")
            if self.stake is not None and self.percent_basis == "implied":
                what += " implied"
            return f"{what} {verdict}"
        if self.control:
            what = f"{what} + control" if self.stake is not None else "control"
        return f"{what} {verdict}"


@dataclass(frozen=True)
class LensResult:
    """The UBO test of one lens for one subject."""

    lens: Lens
    subject: str
    subject_name: str
    threshold: float
    inclusive: bool
    rows: tuple[UboRow, ...]
    rule: str
    gaps: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    available: bool = True
    names: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def ubos(self) -> tuple[UboRow, ...]:
        """Rows that pass the test."""
        return tuple(r for r in self.rows if r.is_ubo)

    def row(self, party_id: str) -> UboRow | None:
        """The row of one party, or ``None``."""
        index = self.__dict__.get("_index")
        if index is None:
            index = {r.party_id: r for r in self.rows}
            object.__setattr__(self, "_index", index)  # cache on a frozen instance
        return index.get(party_id)

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "lens": str(self.lens),
            "subject": self.subject,
            "subject_name": self.subject_name,
            "threshold": self.threshold,
            "inclusive": self.inclusive,
            "rule": self.rule,
            "available": self.available,
            "rows": [r.to_dict(self.names) for r in self.rows],
            "gaps": list(self.gaps),
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class LensComparison:
    """Every lens for one subject, side by side (the app's lens selector uses this)."""

    subject: str
    subject_name: str
    threshold: float
    inclusive: bool
    lenses: tuple[LensResult, ...]
    parties: tuple[tuple[str, str, str], ...]  # (id, name, kind)
    disagreements: tuple[str, ...]

    def result(self, lens: Lens) -> LensResult | None:
        """The result of one lens."""
        return next((r for r in self.lenses if r.lens == lens), None)

    def table(self) -> list[dict[str, Any]]:
        """One row per party, one cell per lens (plain data)."""
        out = []
        for pid, name, kind in self.parties:
            row: dict[str, Any] = {"party_id": pid, "name": name, "kind": kind}
            for res in self.lenses:
                r = res.row(pid)
                row[str(res.lens)] = (
                    None
                    if r is None
                    else {
                        "stake": None if r.stake is None else r.stake.to_dict(),
                        "control": r.control,
                        "is_ubo": r.is_ubo,
                        "text": r.cell,
                    }
                )
            row["disagree"] = pid in self.disagreements
            out.append(row)
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready)."""
        return {
            "subject": self.subject,
            "subject_name": self.subject_name,
            "threshold": self.threshold,
            "inclusive": self.inclusive,
            "lenses": [r.to_dict() for r in self.lenses],
            "table": self.table(),
            "disagreements": list(self.disagreements),
        }


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


# --------------------------------------------------------------------------- declared vs computed


@dataclass(frozen=True)
class DeclaredCheck:
    """A declared interest (BODS) against what the graph computes.

    ``status``: ``"consistent"`` (the components can produce the declared value, maybe as a
    range), ``"inconsistent"``, or ``"unresolved"`` (no component chain connects the parties).
    ``lenses`` are the lenses under which a declared beneficial owner comes out a UBO
    (``True``) or cannot be ruled out (``None``).
    """

    link_id: str
    controller_id: str
    controlled_id: str
    declared: Interval
    computed: Interval | None
    status: str
    beneficial: bool | None
    lenses: tuple[str, ...] = ()
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "link_id": self.link_id,
            "controller_id": self.controller_id,
            "controlled_id": self.controlled_id,
            "declared": self.declared.to_dict(),
            "computed": None if self.computed is None else self.computed.to_dict(),
            "status": self.status,
            "beneficial": self.beneficial,
            "lenses": list(self.lenses),
            "message": self.message,
        }


def declared_checks(
    G: nx.MultiDiGraph, *, threshold: float = 25.0, inclusive: bool = True
) -> list[DeclaredCheck]:
    """Check every declared indirect interest and every declared beneficial owner.

    * An indirect interest (``direct_or_indirect=INDIRECT``) with ``component_ids``: the
      product of the component links along each chain from the interested party to the
      subject, summed over chains, must be able to produce the declared value (the two
      intervals overlap, DOMAIN 4 ranges; unknown components give an unknown product, which
      can produce anything). Without components, every economic stake is used.
    * A link with ``beneficial=True`` from a natural person: the person should come out a
      UBO (or undecided) under at least one lens for that subject.
    """
    edges: dict[str, tuple[str, str, Link]] = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        lk = data.get("record")
        if isinstance(lk, Link):
            edges[key] = (u, v, lk)
    out: list[DeclaredCheck] = []
    comparisons: dict[str, LensComparison] = {}
    for key in sorted(edges):
        u, v, lk = edges[key]
        declared = Interval.from_share(lk.share)
        indirect = lk.direct_or_indirect == DirectOrIndirect.INDIRECT
        person = G.nodes[u].get("kind") == NodeKind.PERSON
        if indirect and lk.share is None:
            indirect = False  # nothing declared to produce (e.g. a consolidation, no share)
        if not indirect and not (lk.beneficial and person):
            continue
        computed: Interval | None = None
        status, msg = "consistent", ""
        if indirect:
            comps = [edges[c] for c in lk.component_ids if c in edges and c != key]
            if comps:
                stakes = [Stake(a, b, Interval.from_share(c.share), (c.id,)) for a, b, c in comps]
            else:
                stakes = economic_stakes(G)
            chains, _ = enumerate_chains(stakes, subject_company(G, v))
            found = chains.get(u, [])
            if not found:
                status = "unresolved"
                msg = "no chain of component links connects the interested party to the subject"
            else:
                computed = total(p.contribution for p in found)
                if not declared.is_unknown and not computed.overlaps(declared):
                    status = "inconsistent"
                    msg = f"declared {declared}, but the components give {computed}"
                else:
                    msg = f"declared {declared}; components give {computed}"
        lenses: tuple[str, ...] = ()
        if lk.beneficial and person:
            subj = subject_company(G, v)
            if subj not in comparisons:
                comparisons[subj] = compare_lenses(
                    G, subj, threshold=threshold, inclusive=inclusive
                )
            cmp = comparisons[subj]
            lenses = tuple(
                str(res.lens)
                for res in cmp.lenses
                if (r := res.row(u)) is not None and r.is_ubo is not False
            )
            if not lenses:
                status = "inconsistent" if status == "consistent" else status
                msg = (
                    msg + "; " if msg else ""
                ) + "declared beneficial owner is a UBO under no lens"
        out.append(DeclaredCheck(key, u, v, declared, computed, status, lk.beneficial, lenses, msg))
    return out


def check_declared(
    G: nx.MultiDiGraph, *, threshold: float = 25.0, inclusive: bool = True
) -> list[Finding]:
    """Findings where declared interests disagree with the graph (BODS, DOMAIN 4 ranges).

    One finding per declared indirect interest that its components cannot produce, per
    indirect interest whose components do not connect, and per declared beneficial owner
    that no lens finds. See :func:`declared_checks` for the full list with consistent ones.
    """
    out = []
    for c in declared_checks(G, threshold=threshold, inclusive=inclusive):
        if c.status == "consistent":
            continue
        lk = G.edges[c.controller_id, c.controlled_id, c.link_id]["record"]
        severity = Severity.WARNING if c.status == "inconsistent" else Severity.INFO
        out.append(
            Finding(
                id=make_id("finding", "declared", c.link_id, c.status),
                document_id=lk.document_id,
                kind=f"declared-{c.status}",
                severity=severity,
                message=c.message,
                expected=c.declared.to_dict(),
                found=None if c.computed is None else c.computed.to_dict(),
                subject_ids=(c.controller_id, c.controlled_id),
                evidence=lk.provenance,
            )
        )
    return out


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
