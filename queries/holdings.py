"""What does X control or hold: every subject under a party, with the numbers of each answer.

The downstream question, the mirror of "who controls X". For a party P:

* **securities**: every class with holdings reachable below P through control links (P's
  own holdings included), with P's row of the Rule 13d-3 answer for that class (the four
  power figures, the aggregate, rights to acquire, percent with P's own denominator, and
  the control paths), exactly as ``who-controls`` on the class shows P: the same answer
  object is computed and P's row taken from it, so the two never disagree;
* **companies**: every company P controls under the register rules of DOMAIN.md 4b
  (:mod:`queries.register_control`: majority chains, the board, stated control, joint
  arrangements, declarations), with P's row of the register answer for that company; and
  the companies in which P holds a stated stake without control (``relation="holds"``),
  with the stake as stated (ranges kept as ranges), or a stake that cannot be decided
  (``relation="possibly controls"``).

Each entry names the rule of its answer (``sec13d3`` or ``register:...``) and whether P is
an ultimate controller of it (nobody above P) or an intermediate one.

>>> from ownergraph.graph.model import Link, Party, Share
>>> from ownergraph.graph.store import build_graph
>>> from ownergraph.graph.vocab import EdgeKind, NodeKind, Role
>>> def owns(a, b, pct):
...     return Link(f"{a}-{b}", "d", EdgeKind.OWNS, a, b, Role.SHAREHOLDER, share=Share.exact(pct))
>>> g = build_graph([Party("P", "Pat", NodeKind.PERSON), Party("H", "Hold Ltd", NodeKind.ENTITY),
...                  Party("S", "Sub Ltd", NodeKind.ENTITY), Party("M", "Minor Ltd", NodeKind.ENTITY)],
...     [], [], [owns("P", "H", 60), owns("H", "S", 100), owns("P", "M", 10)])
>>> [(e.subject_name, e.relation, e.row.percent) for e in holdings(g, "P").companies]
[('Hold Ltd', 'controls', 60.0), ('Minor Ltd', 'holds', 10.0), ('Sub Ltd', 'controls', 100.0)]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ownergraph.graph.vocab import EdgeKind
from ownergraph.queries.answer import Answer, AnswerPath, ControllerRow, PathStep
from ownergraph.queries.register_control import (
    PREFIX,
    RegisterGraph,
    Step,
    who_controls_register,
)
from ownergraph.queries.register_control import _below as _register_below

#: Paths listed per entry (the count is always given).
MAX_PATHS = 10


@dataclass(frozen=True)
class HeldSubject:
    """One subject under the party: the party's row of that subject's answer.

    ``relation``: ``"controls"`` (a 13d-3 beneficial owner of the class, or a register
    controller of the company), ``"holds"`` (a stated stake without control) or
    ``"possibly controls"`` (the data cannot decide). ``rule``: the rule of the answer.
    """

    subject_id: str
    subject_name: str
    subject_kind: str
    relation: str
    rule: str
    row: ControllerRow
    ultimate: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data (the row in the ``--json`` shape of C2)."""
        return {
            "subject_id": self.subject_id,
            "subject_name": self.subject_name,
            "subject_kind": self.subject_kind,
            "relation": self.relation,
            "rule": self.rule,
            "ultimate": self.ultimate,
            "row": self.row.to_dict(),
        }


@dataclass(frozen=True)
class Holdings:
    """What a party controls or holds (see the module docstring)."""

    party_id: str
    party_name: str
    party_kind: str
    as_of: dt.date | None
    securities: tuple[HeldSubject, ...]
    companies: tuple[HeldSubject, ...]
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` shape."""
        return {
            "party_id": self.party_id,
            "party_name": self.party_name,
            "party_kind": self.party_kind,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "securities": [e.to_dict() for e in self.securities],
            "companies": [e.to_dict() for e in self.companies],
            "notes": list(self.notes),
        }


def _security_answer(
    G: nx.MultiDiGraph, security: str, as_of: dt.date | None, max_paths: int
) -> Answer:
    """The Rule 13d-3 answer for a class, as ``who-controls`` gives it."""
    from ownergraph.queries import control

    return control.who_controls(G, security, as_of=as_of, max_paths=max_paths).to_answer()


def _held_securities(G: nx.MultiDiGraph, party: str, as_of: dt.date | None) -> list[str]:
    """Classes with holdings at or below ``party`` through control links."""
    from ownergraph.queries.control import control_view, current_holdings

    below = control_view(G, as_of=as_of).descendants([party]) | {party}
    return sorted({h.security_id for h in current_holdings(G, as_of=as_of) if h.holder_id in below})


def holdings(
    G: nx.MultiDiGraph,
    party_id: str,
    *,
    as_of: dt.date | None = None,
    max_paths: int = MAX_PATHS,
) -> Holdings:
    """Every subject under ``party_id`` (module docstring); text is resolved to a node."""
    if party_id not in G:
        from ownergraph.queries.resolve import resolve_subject

        party_id = resolve_subject(G, party_id)
    node = G.nodes[party_id]
    notes: list[str] = []
    secs: list[HeldSubject] = []
    for sec in _held_securities(G, party_id, as_of):
        a = _security_answer(G, sec, as_of, max_paths)
        row = a.row(party_id)
        if row is None:
            continue
        secs.append(
            HeldSubject(sec, a.subject_name, a.subject_kind, "controls", a.rule, row, row.ultimate)
        )
    rg = RegisterGraph(G, as_of=as_of)
    comps: list[HeldSubject] = []
    controlled = dict(_register_below(rg, party_id))
    for company in sorted(controlled):
        a = who_controls_register(G, company, as_of=as_of, max_paths=max_paths, view=rg)
        row = a.row(party_id)
        if row is None:  # e.g. a company inside a cycle with the party: no ultimate answer
            notes.append(
                f"{rg.name(company)}: controlled through a cycle ({a.rule}); no row for"
                f" {rg.name(party_id)}"
            )
            continue
        comps.append(
            HeldSubject(
                company, a.subject_name, a.subject_kind, "controls", a.rule, row, row.ultimate
            )  # fmt: skip
        )
    for st in rg.down.get(party_id, ()):
        if st.controlled in controlled or st.state is True:
            continue
        if st.stake is None and st.state is False:
            continue
        relation = "holds" if st.state is False else "possibly controls"
        comps.append(
            HeldSubject(
                st.controlled,
                rg.name(st.controlled),
                rg.kind(st.controlled),
                relation,
                f"{PREFIX}stake",
                _stake_row(rg, st),
                False,
            )  # fmt: skip
        )
    comps.sort(key=lambda e: (e.subject_name, e.subject_id))
    if not secs and not comps:
        notes.append(f"nothing is stated to be held or controlled by {rg.name(party_id)}")
    return Holdings(
        party_id=party_id,
        party_name=str(node.get("name", party_id)),
        party_kind=rg.kind(party_id),
        as_of=as_of,
        securities=tuple(secs),
        companies=tuple(comps),
        notes=tuple(notes),
    )


def _stake_row(rg: RegisterGraph, st: Step) -> ControllerRow:
    """The party's row for a stake without control: the stake as stated, one step."""
    iv = st.stake
    exact = None if iv is None else iv.value
    rng = None
    if iv is not None and exact is None and not iv.is_unknown:
        rng = (None if iv.lo is None else iv.lo * 100.0, None if iv.hi is None else iv.hi * 100.0)
    step = PathStep(
        controller_id=st.controller,
        controller=rg.name(st.controller),
        controlled_id=st.controlled,
        controlled=rg.name(st.controlled),
        role="/".join(dict.fromkeys(lk.role.value for lk in st.links)),
        passes=(),
        voting=None,
        investment=None,
        phrase=st.why,
        link_ids=tuple(lk.id for lk in st.links),
    )
    path = AnswerPath((step,), (), None, None, (step.controller, step.controlled))
    return ControllerRow(
        party_id=st.controller,
        name=rg.name(st.controller),
        kind=rg.kind(st.controller),
        ultimate=False,
        is_holder=any(lk.kind == EdgeKind.OWNS for lk in st.links),
        sole_voting=None,
        shared_voting=None,
        sole_dispositive=None,
        shared_dispositive=None,
        aggregate=None,
        rights_to_acquire=None,
        percent=None if exact is None else round(exact * 100.0, 10),
        percent_range=rng,
        paths=(path,),
        path_count=1,
    )


__all__ = ["HeldSubject", "Holdings", "holdings"]
