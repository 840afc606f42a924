"""Who ultimately controls a company known from registers (BODS, GLEIF, tabular ``owns``).

DOMAIN.md section 4b. For a company with no securities in the graph, "who ultimately
controls X" follows the control tests of beneficial-ownership registers, not Rule 13d-3.
A party controls a company (``u -> v``, one *control step*) through:

* **majority control** (``register:majority-control``): more than 50 % of the shares or of
  the voting rights, directly, or through companies it controls in the same sense (chains
  of majority control: each step passes control in full, nothing is multiplied);
* **the board** (``register:board-appointment``): the right to appoint or remove a majority
  of the board (a BODS ``appointmentOfBoard`` interest; with a share, more than 50 %);
* **other stated control interests** (``register:significant-influence-or-control``):
  significant influence or control, also through a trust or firm;
* **a stated control role** (``register:control-role``): general partner, managing member,
  sole member, trustee, parent company, investment manager, nominee;
* **accounting consolidation** (``register:consolidation``): a GLEIF Level 2 parent;
* **a joint interest** (``register:joint-interest``): a joint arrangement (a BODS
  ``arrangement`` entity, or a group) held by several parties is treated as the UK PSC
  rules treat joint interests (Companies Act 2006, Schedule 1A Part 5, joint interests
  and joint arrangements): each joint holder holds the whole interest, as shared power;
* **a declaration** (``register:declared``): where the computed tests cannot decide (an
  interest of unstated size or kind, a range straddling 50 %), a stated
  ``beneficialOwnershipOrControl`` decides it. Where the stakes do decide (25-50 %, or
  exactly 50 %), a declared beneficial owner is not a controller: the answer notes the
  declaration beside it, never as a row.

The ultimate controllers are the parties above the subject over control steps with no
controller above them. Natural persons are named as stated; an entity with nobody stated
above it is an ultimate controller and the answer notes that no natural person is stated.
A chain that ends in an unspecified party (a BODS unknown person or entity, an inline
``unspecified`` interested party) answers **unknown** with the source's reason code
(``register:unknown``), never an invented person; an unknown party whose interest is of
unknown kind still ends the chain at the company it is stated over. A group of parties
that control each other with no controller from outside is a **cycle**
(``register:cycle``): reported as such, and never as its own controller (a subject inside
the cycle has no ultimate controller; a subject below it lists the cycle's members).
Ranges stay ranges (``percent_range``); share counts are not known to registers, so the
four Rule 13d-3 figures are ``None``; power is each step's ``voting`` / ``investment``:
``"sole"`` when the controller is the only one by a computed test, ``"shared"`` for joint
holders or several controllers, ``None`` where a declaration decided.

The answer is one :class:`~ownergraph.queries.answer.Answer` (contract C2) whose ``rule``
names the tests applied (``"register:majority-control"``, ``"register:majority-control+
joint-interest"``, ``"register:unknown"``, ``"register:cycle"``, ...) and whose
``rule_text`` says them in words.

>>> from ownergraph.graph.model import Link, Party, Share
>>> from ownergraph.graph.store import build_graph
>>> from ownergraph.graph.vocab import EdgeKind, NodeKind, Role
>>> def owns(a, b, pct):
...     return Link(f"{a}-{b}", "d", EdgeKind.OWNS, a, b, Role.SHAREHOLDER, share=Share.exact(pct))
>>> g = build_graph([Party("P", "Pat", NodeKind.PERSON), Party("H", "Hold Ltd", NodeKind.ENTITY),
...                  Party("S", "Sub Ltd", NodeKind.ENTITY)], [], [], [owns("P", "H", 60), owns("H", "S", 100)])
>>> a = who_controls_register(g, "S")
>>> a.rule, [(r.name, r.percent, r.paths[0].voting) for r in a.rows]
('register:majority-control', [('Pat', 100.0, 'sole')])
>>> [r.name for r in a.intermediate]
['Hold Ltd']
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Iterable
from typing import Any

import networkx as nx

from ownergraph.graph.vocab import NodeKind
from ownergraph.queries.answer import Answer, AnswerPath, ControllerRow, PathStep
from ownergraph.queries.intervals import Interval, total
from ownergraph.queries.register_graph import _LINK_KINDS as _LINK_KINDS
from ownergraph.queries.register_graph import RegisterGraph as RegisterGraph
from ownergraph.queries.register_graph import _active as _active
from ownergraph.queries.register_graph import _doc_date as _doc_date
from ownergraph.queries.register_graph import _latest as _latest
from ownergraph.queries.register_graph import _state as _state
from ownergraph.queries.register_graph import is_arrangement as is_arrangement
from ownergraph.queries.register_graph import unknown_reason as unknown_reason
from ownergraph.queries.register_tests import _CONTROL_ROLES as _CONTROL_ROLES
from ownergraph.queries.register_tests import _NO_CONTROL_ROLES as _NO_CONTROL_ROLES
from ownergraph.queries.register_tests import _NOT_JOINT_ROLES as _NOT_JOINT_ROLES
from ownergraph.queries.register_tests import _ORDER as _ORDER
from ownergraph.queries.register_tests import BOARD as BOARD
from ownergraph.queries.register_tests import CONSOLIDATION as CONSOLIDATION
from ownergraph.queries.register_tests import CYCLE as CYCLE
from ownergraph.queries.register_tests import DECLARED as DECLARED
from ownergraph.queries.register_tests import INFLUENCE as INFLUENCE
from ownergraph.queries.register_tests import JOINT as JOINT
from ownergraph.queries.register_tests import MAJORITY as MAJORITY
from ownergraph.queries.register_tests import NO_CONTROLLER as NO_CONTROLLER
from ownergraph.queries.register_tests import PREFIX as PREFIX
from ownergraph.queries.register_tests import ROLE as ROLE
from ownergraph.queries.register_tests import RULES as RULES
from ownergraph.queries.register_tests import UNKNOWN as UNKNOWN
from ownergraph.queries.register_tests import Step as Step
from ownergraph.queries.register_tests import _either as _either
from ownergraph.queries.register_tests import _majority as _majority
from ownergraph.queries.register_tests import _max as _max
from ownergraph.queries.register_tests import _pct as _pct
from ownergraph.queries.register_tests import evaluate as evaluate

#: Default number of paths listed per row.
MAX_PATHS = 25


# ----------------------------------------------------------------------------- the answer


def _sccs(nodes: set[str], succ: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[set[str]] = []
    counter = 0
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(succ.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in nodes:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(sorted(succ.get(nxt, ())))))
                elif nxt in on:
                    low[v] = min(low[v], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = set()
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.add(w)
                    if w == v:
                        break
                out.append(comp)
    return out


def who_controls_register(
    G: nx.MultiDiGraph,
    subject_id: str,
    *,
    as_of: dt.date | None = None,
    max_paths: int = MAX_PATHS,
    view: RegisterGraph | None = None,
) -> Answer:
    """Who ultimately controls ``subject_id`` under the register control rules (DOMAIN 4b).

    ``subject_id`` is a party node (text is resolved with
    :func:`queries.resolve.resolve_subject`). Rows: the ultimate controllers (persons,
    entities with nobody stated above them, unknown parties with their reason code) with
    their controlling stake (``percent`` or ``percent_range``) and control paths; the
    parties between them and the subject are ``intermediate``. ``view`` reuses the control
    steps of an earlier call on the same graph.
    """
    if subject_id not in G:
        from ownergraph.queries.resolve import resolve_subject

        subject_id = resolve_subject(G, subject_id)
    rg = view or RegisterGraph(G, as_of=as_of)
    s = subject_id
    # every party above the subject over control steps
    above: dict[str, list[Step]] = {}
    seen = {s}
    q = deque([s])
    while q:
        v = q.popleft()
        above[v] = rg.controls_up(v, s)
        for st in above[v]:
            if st.controller not in seen:
                seen.add(st.controller)
                q.append(st.controller)
    succ: dict[str, set[str]] = defaultdict(set)
    for v, steps in above.items():
        for st in steps:
            succ[st.controller].add(v)
    comp_of: dict[str, int] = {}
    comps = _sccs(seen, succ)
    for i, c in enumerate(comps):
        for n in c:
            comp_of[n] = i
    has_outside = {
        i: any(comp_of[st.controller] != i for n in c for st in above.get(n, ()))
        for i, c in enumerate(comps)
    }
    tops: set[str] = set()
    cycles: list[set[str]] = []
    for i, c in enumerate(comps):
        if has_outside[i]:
            continue
        looped = len(c) > 1
        if looped:
            cycles.append(c)
        elif s not in c:
            tops |= c
    subject_cycle = next((c for c in cycles if s in c), None)
    cycle_tops: set[str] = set()
    for c in cycles:
        if s not in c:
            cycle_tops |= c
    # unknown parties whose interest of unknown kind ends a chain at a top (or the subject)
    ends = tops | cycle_tops | ({s} if not tops and not cycle_tops else set())
    unknown_steps: dict[str, list[Step]] = defaultdict(list)
    maybe: list[Step] = []
    for t in sorted(ends | {s}):
        for st in rg.up.get(t, ()):
            if st.state is not None or st.controller in seen:
                continue
            if t in ends and rg.kind(st.controller) == NodeKind.UNKNOWN.value:
                unknown_steps[st.controller].append(st)
            else:  # a possible controller: noted, not a row
                maybe.append(st)
    for u, steps in unknown_steps.items():
        for st in steps:
            succ[u].add(st.controlled)
            above.setdefault(st.controlled, []).append(st)
        tops.add(u)
        tops -= {st.controlled for st in steps}
        seen.add(u)
    ultimate = (tops | cycle_tops) - {s}
    lister = _Paths(rg, s, above, max_paths)
    rows = [lister.row(n, ultimate=True) for n in sorted(ultimate)]
    inter = [lister.row(n, ultimate=False) for n in sorted(seen - ultimate - {s})]
    key = _order_key
    rows.sort(key=key)
    inter.sort(key=key)
    used = {t for r in rows for t in lister.tests.get(r.party_id, ())}
    if unknown_steps:
        used.add(UNKNOWN)
    if cycles:
        used.add(CYCLE)
    notes = _notes(rg, s, rows, cycles, subject_cycle, maybe, unknown_steps, lister)
    if not used:
        used.add(NO_CONTROLLER)
    tests = [t for t in _ORDER if t in used]
    return Answer(
        subject_id=s,
        subject_name=rg.name(s),
        subject_kind=rg.kind(s),
        rule=PREFIX + "+".join(tests),
        rule_text=tuple(f"{PREFIX}{t}: {RULES[t]}" for t in tests),
        as_of=as_of,
        denominator=None,
        rows=tuple(rows),
        intermediate=tuple(inter),
        notes=tuple(notes),
    )


def _order_key(r: ControllerRow) -> tuple[float, str, str]:
    lo = r.percent if r.percent is not None else (r.percent_range or (None, None))[0]
    return (-(lo or 0.0), r.name, r.party_id)


class _Paths:
    """Paths from a party down to the subject over control steps, and the row figures."""

    def __init__(
        self, rg: RegisterGraph, subject: str, above: dict[str, list[Step]], cap: int
    ) -> None:
        self.rg, self.s, self.cap = rg, subject, cap
        self.down: dict[str, list[Step]] = defaultdict(list)
        for steps in above.values():
            for st in steps:
                self.down[st.controller].append(st)
        self.tests: dict[str, list[str]] = {}
        self.below: dict[str, set[str]] = {}

    def _walk(self, n: str) -> tuple[list[tuple[Step, ...]], bool, int | None]:
        """Simple paths ``n -> ... -> subject`` (up to the cap), truncated flag, and their
        count (``None`` when the search was cut before counting them all)."""
        out: list[tuple[Step, ...]] = []
        count = 0
        cut = False
        stack: list[tuple[str, tuple[Step, ...], frozenset[str]]] = [(n, (), frozenset({n}))]
        expansions = 0
        while stack:
            v, path, on = stack.pop()
            if v == self.s and path:
                count += 1
                if len(out) < self.cap:
                    out.append(path)
                continue
            expansions += 1
            if expansions > 20_000:
                cut = True
                break
            for st in sorted(self.down.get(v, ()), key=lambda x: x.controlled, reverse=True):
                if st.controlled not in on:
                    stack.append((st.controlled, (*path, st), on | {st.controlled}))
        return out, cut or count > len(out), None if cut else count

    def stake(self, n: str) -> Interval | None:
        """The subject's shares or votes held by ``n`` and the companies it controls (all
        of them: also those whose own stake in the subject is below control, DOMAIN 4b)."""
        down = self.rg.down
        below = {n}
        q = deque([n])
        while q:
            v = q.popleft()
            for st in down.get(v, ()):
                if st.controlled != self.s and st.controlled not in below and st.state is True:
                    below.add(st.controlled)
                    q.append(st.controlled)
        into = [st for v in sorted(below) for st in down.get(v, ()) if st.controlled == self.s]
        self.below[n] = below
        parts = [st.stake for st in into if st.stake is not None and not self.restates(st, below)]
        return total(parts) if parts else None

    def restates(self, st: Step, below: set[str]) -> bool:
        """``st`` is an indirect interest whose chain is in the graph and counted already:
        its intermediaries are all among ``below`` (the party and the companies it
        controls), whose own stakes carry the chain. Counted once, by its components."""
        chain = self.rg.chain_of(st)
        return chain is not None and chain <= below

    def row(self, n: str, *, ultimate: bool) -> ControllerRow:
        rg = self.rg
        walks, cut, count = self._walk(n)
        paths = []
        tests: list[str] = []
        for w in walks:
            steps = []
            powers = []
            for st in w:
                p = rg.power(st, self.s)
                powers.append(p)
                test = st.test or (UNKNOWN if rg.kind(st.controller) == "unknown" else DECLARED)
                tests.append(test)
                phrase = f"{PREFIX}{test}: {st.why}"
                if rg.kind(st.controller) == NodeKind.UNKNOWN.value:
                    reason = unknown_reason(rg.G, st.controller)
                    phrase += f"; unknown party, reason {reason or 'not stated'}"
                chain = rg.chain_of(st)
                if chain is not None:
                    mids = ", ".join(rg.name(m) for m in sorted(chain))
                    phrase += f"; indirect, restating the chain through {mids} (counted once)"
                steps.append(
                    PathStep(
                        controller_id=st.controller,
                        controller=rg.name(st.controller),
                        controlled_id=st.controlled,
                        controlled=rg.name(st.controlled),
                        role="/".join(dict.fromkeys(lk.role.value for lk in st.links)),
                        passes=("voting", "investment"),
                        voting=p,
                        investment=p,
                        phrase=phrase,
                        link_ids=tuple(lk.id for lk in st.links),
                    )
                )
            power = "shared" if "shared" in powers else None if None in powers else "sole"
            names = (rg.name(n), *(rg.name(st.controlled) for st in w))
            paths.append(AnswerPath(tuple(steps), (), power, power, names))
        self.tests[n] = list(dict.fromkeys(tests))
        iv = self.stake(n)
        exact = iv.value if iv is not None else None
        rng = None
        if iv is not None and exact is None and not iv.is_unknown:
            rng = (
                None if iv.lo is None else iv.lo * 100.0,
                None if iv.hi is None else min(iv.hi, 1.0) * 100.0,
            )
        return ControllerRow(
            party_id=n,
            name=rg.name(n),
            kind=rg.kind(n),
            ultimate=ultimate,
            is_holder=any(st.controlled == self.s for st in self.down.get(n, ())),
            sole_voting=None,
            shared_voting=None,
            sole_dispositive=None,
            shared_dispositive=None,
            aggregate=None,
            rights_to_acquire=None,
            percent=None if exact is None else round(exact * 100.0, 10),
            percent_range=rng,
            paths=tuple(paths),
            path_count=count,
            paths_truncated=cut,
        )


def _notes(
    rg: RegisterGraph,
    s: str,
    rows: list[ControllerRow],
    cycles: list[set[str]],
    subject_cycle: set[str] | None,
    maybe: list[Step],
    unknown_steps: dict[str, list[Step]],
    lister: _Paths,
) -> list[str]:
    notes: list[str] = []
    for r in rows:
        tests = lister.tests.get(r.party_id, [])
        basis = ", ".join(f"{PREFIX}{t}" for t in tests) or "-"
        power = r.paths[0].voting if r.paths else None
        stake = (
            ""
            if r.percent is None and r.percent_range is None
            else (f" {r.to_dict()['percent_text']}")
        )
        notes.append(f"{r.name} ({r.kind}):{stake} by {basis}; power {power or 'not stated'}")
        for st in rg.down.get(r.party_id, ()):
            if st.controlled == s and rg.chain_of(st) is not None:
                notes.append(_restated_note(rg, st, r, lister.below.get(r.party_id, set())))
        if r.kind == NodeKind.UNKNOWN.value:
            reason = unknown_reason(rg.G, r.party_id)
            notes.append(f"unknown: {r.name}; reason {reason or 'not stated'} (no person is named)")
        elif _state(rg.G, r.party_id):
            notes.append(f"{r.name} is a state or state body: state-owned, no person above it")
        elif r.kind != NodeKind.PERSON.value and not rg.up.get(r.party_id):
            notes.append(f"no natural person is stated above {r.name}")
    if subject_cycle is not None:
        members = ", ".join(rg.name(n) for n in sorted(subject_cycle))
        notes.append(
            f"cycle: {members} control each other with no outside controller; "
            f"{rg.name(s)} has no ultimate controller and none of them is reported as one"
        )
    for c in cycles:
        if c is not subject_cycle:
            members = ", ".join(rg.name(n) for n in sorted(c))
            notes.append(f"cycle above {rg.name(s)}: {members} control each other, "
                         "with no outside controller")  # fmt: skip
    for st in maybe:
        notes.append(
            f"{rg.name(st.controller)} may control {rg.name(st.controlled)}: {st.why};"
            " control not established"
        )
    row_ids = {r.party_id for r in rows}
    for st in rg.up.get(s, ()):
        if st.state is not False or (st.controller in row_ids and rg.chain_of(st) is not None):
            continue
        who = rg.name(st.controller)
        if rg.kind(st.controller) == NodeKind.UNKNOWN.value:
            reason = unknown_reason(rg.G, st.controller)
            who = f"an unspecified party ({who}; reason {reason or 'not stated'})"
        if st.declared is True:
            notes.append(
                f"{who} is declared a beneficial owner ({st.why}) but holds no control under"
                " these tests: a declaration decides only where the stakes cannot"
            )
        elif st.stake is not None:
            notes.append(f"{who} holds {st.why}: below control and not declared a beneficial owner")
    if not rg.up.get(s):
        notes.append(f"no ownership or control of {rg.name(s)} is stated in the graph")
    return notes


def _restated_note(rg: RegisterGraph, st: Step, row: ControllerRow, below: set[str]) -> str:
    """Says how a stated indirect interest whose chain is in the graph was counted (once:
    by the chain when the party controls its intermediaries, else as stated), and where
    the stated share and the counted one differ, both and why."""
    chain = rg.chain_of(st) or frozenset()
    mids = ", ".join(rg.name(m) for m in sorted(chain))
    who, subj = rg.name(st.controller), rg.name(st.controlled)
    text = (
        f"{who}'s indirect interest in {subj} ({_pct(st.stake)}) restates the chain through {mids}"
    )
    if not chain <= below:
        return text + f", which does not pass control to {who}: the stated interest counts, once"
    text += ", which is in the graph: counted once, by the chain"
    counted = (
        row.to_dict()["percent_text"] if row.percent is not None or row.percent_range else None
    )
    stated = st.stake
    same = (
        stated is not None
        and stated.value is not None
        and row.percent is not None
        and abs(stated.value * 100.0 - row.percent) < 1e-6
    )
    if stated is not None and counted and not same and st.controller == row.party_id:
        text += (
            f"; the register rules give {counted} (the holdings of companies {who} controls"
            " count in full, nothing is multiplied), not the stated"
            f" {_pct(stated)} (a stake multiplied along the chain is the economic lens)"
        )
    return text


def store_scope(store: Any, node: str, *, as_of: dt.date | None = None) -> nx.MultiDiGraph:
    """The part of a store a register question about ``node`` reads: the node, every party
    above it over ``controls``, ``owns``, ``consolidates`` and ``member_of`` links, and the
    links into them (from the store's column graph, :class:`graph.engine.Engine`; the
    engine's own scope follows ``controls`` only, as Rule 13d-3 does)."""
    from ownergraph.graph import columns as colmod
    from ownergraph.graph.engine import Engine

    kinds = frozenset(colmod.EDGE_KINDS.index(k) for k in _LINK_KINDS)
    engine = Engine(store)
    try:
        cols = engine.cols
        i = cols.find(node)
        if i is None:
            return store.graph(as_of=as_of)
        nodes = cols.walk([i], kinds, up=True) | {i}
        edges = set(cols.edges_in(nodes, kinds))
        nodes.update(int(cols.edge_src[e]) for e in edges)
        return engine.subgraph(nodes, edges, as_of=as_of)
    finally:
        engine.close()


def controlled_by(
    G: nx.MultiDiGraph, party_id: str, *, as_of: dt.date | None = None
) -> list[tuple[str, tuple[Step, ...]]]:
    """The companies ``party_id`` controls downward over control steps, with one path each.

    Breadth-first, cycles safe; the party itself is not listed.
    """
    rg = RegisterGraph(G, as_of=as_of)
    return _below(rg, party_id)


def _below(rg: RegisterGraph, party_id: str) -> list[tuple[str, tuple[Step, ...]]]:
    best: dict[str, tuple[Step, ...]] = {party_id: ()}
    q = deque([party_id])
    while q:
        v = q.popleft()
        for st in rg.down.get(v, ()):
            if st.state is True and st.controlled not in best:
                best[st.controlled] = (*best[v], st)
                q.append(st.controlled)
    best.pop(party_id)
    return sorted(best.items())


def iter_steps(rg: RegisterGraph) -> Iterable[Step]:
    """Every control step of a register graph."""
    for steps in rg.down.values():
        yield from steps


__all__ = [
    "RULES",
    "RegisterGraph",
    "Step",
    "controlled_by",
    "evaluate",
    "is_arrangement",
    "unknown_reason",
    "who_controls_register",
]
