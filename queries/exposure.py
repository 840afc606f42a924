"""Sanctions exposure under OFAC's 50 Percent Rule (DOMAIN.md section 4c).

An entity owned 50 % or more, directly or indirectly, in the aggregate, by one or more
blocked persons is itself blocked (OFAC, "Revised Guidance on Entities Owned by Persons
Whose Property and Interests in Property Are Blocked", 13 August 2014). Here:

* **Blocked persons** are the sanctioned parties given (``sanctioned``: party ids) and the
  parties the graph marks as sanctioned (FollowTheMoney ``topics`` containing a
  ``sanction`` topic, kept by the FtM loader as identifiers ``("ftm:topic", ...)``).
* **Stakes** are the direct economic stakes of the graph
  (:func:`queries.economic.economic_stakes`: ``owns`` links, the latest statement per pair,
  ended links left out; an interest of unknown size is an unknown stake), as intervals.
* **Aggregation and propagation.** Stakes of different blocked owners add up; an entity
  blocked under the rule counts as a blocked owner of what it owns. The verdicts are the
  *least* fixed point of that rule over the whole graph, cycles included: blocked status
  must start at a sanctioned person, so two entities owning each other never block each
  other by themselves.
* **Ranges stay ranges.** An entity is ``"blocked"`` when the blocked owners' stakes meet
  the threshold for every value of their ranges; ``"possibly blocked"`` when they may
  (taking the upper bounds, and counting owners that are themselves possibly blocked);
  else ``"not blocked"``. A sanctioned party itself is ``"sanctioned"``.
* **Threshold** ``threshold`` in percent (default 50, "50 % or more": ``inclusive``).
* **Control is reported beside it**, never counted: the 50 % rule is about ownership; the
  EU's "owned or controlled" test also counts control, so the answer says whether a
  blocked party controls the subject under the register rules
  (:mod:`queries.register_control`) and gives the EU verdict apart.

>>> from ownergraph.graph.model import Link, Party, Share
>>> from ownergraph.graph.store import build_graph
>>> from ownergraph.graph.vocab import EdgeKind, NodeKind, Role
>>> def owns(a, b, pct):
...     return Link(f"{a}-{b}", "d", EdgeKind.OWNS, a, b, Role.SHAREHOLDER, share=Share.exact(pct))
>>> g = build_graph([Party("X", "X", NodeKind.PERSON), Party("Y", "Y", NodeKind.PERSON),
...     Party("A", "A Ltd", NodeKind.ENTITY)], [], [], [owns("X", "A", 30), owns("Y", "A", 25)])
>>> e = exposure(g, "A", sanctioned={"X", "Y"})
>>> e.verdict, e.blocked, str(e.blocked_stake)
('blocked', True, '55%')
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ownergraph.graph.model import Party
from ownergraph.queries.economic import Stake, economic_stakes, subject_company
from ownergraph.queries.intervals import Interval, total

BLOCKED = "blocked"
POSSIBLY = "possibly blocked"
NOT_BLOCKED = "not blocked"
SANCTIONED = "sanctioned"

RULE = (
    "OFAC 50 Percent Rule: an entity owned 50 % or more, directly or indirectly, in the "
    "aggregate, by blocked persons is blocked; blocked status propagates (least fixed point)"
)
EU_RULE = "EU 'owned or controlled': more than 50 % owned, or controlled, by a listed person"
#: Identifier scheme under which a loader records a party's FtM topics.
TOPIC_SCHEME = "ftm:topic"


@dataclass(frozen=True)
class Contribution:
    """A blocked (or possibly blocked) owner's direct stake in an entity, and its chain.

    ``path`` runs from a sanctioned party down to the owner (names), the way its blocked
    status came about; ``status`` is the owner's verdict.
    """

    owner_id: str
    owner: str
    status: str
    stake: Interval
    path: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return {
            "owner_id": self.owner_id,
            "owner": self.owner,
            "status": self.status,
            "stake": self.stake.to_dict(),
            "path": list(self.path),
        }


@dataclass(frozen=True)
class Exposure:
    """The 50 % rule verdict for one subject, with what makes it."""

    subject_id: str
    subject_name: str
    verdict: str
    blocked_stake: Interval
    possible_stake: Interval
    contributions: tuple[Contribution, ...]
    threshold: float
    inclusive: bool
    controlled_by: tuple[str, ...] = ()
    eu_owned_or_controlled: bool | None = None
    sanctioned: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    rule: str = RULE
    as_of: dt.date | None = None
    unmatched: tuple[str, ...] = field(default=())

    @property
    def blocked(self) -> bool | None:
        """``True`` blocked (or sanctioned), ``False`` not, ``None`` possibly."""
        return {BLOCKED: True, SANCTIONED: True, NOT_BLOCKED: False}.get(self.verdict)

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` shape: ``blocked`` a boolean (true only when certain) and
        ``possibly_blocked`` true where ranges or unknown stakes leave it open."""
        return {
            "subject_id": self.subject_id,
            "subject_name": self.subject_name,
            "blocked": self.blocked is True,
            "possibly_blocked": self.verdict == POSSIBLY,
            "verdict": self.verdict,
            "rule": self.rule,
            "threshold": self.threshold,
            "inclusive": self.inclusive,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "blocked_stake": self.blocked_stake.to_dict(),
            "possible_stake": self.possible_stake.to_dict(),
            "contributions": [c.to_dict() for c in self.contributions],
            "controlled_by_blocked": list(self.controlled_by),
            "eu_owned_or_controlled": self.eu_owned_or_controlled,
            "sanctioned": list(self.sanctioned),
            "unmatched": list(self.unmatched),
            "notes": list(self.notes),
        }


def graph_sanctioned(G: nx.MultiDiGraph) -> set[str]:
    """Parties the graph marks as sanctioned (an FtM topic starting with ``sanction``)."""
    out = set()
    for n, data in G.nodes(data=True):
        rec = data.get("record")
        if isinstance(rec, Party) and any(
            s == TOPIC_SCHEME and v.startswith("sanction") for s, v in rec.identifiers
        ):
            out.add(n)
    return out


def _meets(iv: Interval, t: float, inclusive: bool) -> bool | None:
    return iv.meets(t, inclusive=inclusive)


class _Solver:
    """The least fixed point of the rule over the whole graph (both bounds)."""

    def __init__(
        self, G: nx.MultiDiGraph, sanctioned: set[str], threshold: float, inclusive: bool
    ) -> None:
        self.G = G
        self.t = threshold / 100.0
        self.inclusive = inclusive
        self.sanctioned = sanctioned
        self.owners: dict[str, list[Stake]] = defaultdict(list)
        self.owned: dict[str, list[Stake]] = defaultdict(list)
        for st in economic_stakes(G):
            if st.owner != st.owned:
                self.owners[st.owned].append(st)
                self.owned[st.owner].append(st)
        self.sure = self._fix(optimistic=False)
        self.maybe = self._fix(optimistic=True) | self.sure

    def _sum(self, n: str, members: set[str], optimistic: bool) -> Interval:
        parts = [st.share for st in self.owners.get(n, ()) if st.owner in members]
        return total(parts) if parts else Interval.zero()

    def _passes(self, iv: Interval, optimistic: bool) -> bool:
        state = _meets(iv, self.t, self.inclusive)
        return state is True or (optimistic and state is None)

    def _fix(self, *, optimistic: bool) -> set[str]:
        """Blocked set: start at the sanctioned, add what the rule blocks until stable."""
        blocked = set(self.sanctioned)
        work = list({st.owned for s in blocked for st in self.owned.get(s, ())})
        while work:
            n = work.pop()
            if n in blocked:
                continue
            if self._passes(self._sum(n, blocked, optimistic), optimistic):
                blocked.add(n)
                work.extend(st.owned for st in self.owned.get(n, ()))
        return blocked

    def status(self, n: str) -> str:
        if n in self.sanctioned:
            return SANCTIONED
        if n in self.sure:
            return BLOCKED
        return POSSIBLY if n in self.maybe else NOT_BLOCKED

    def chain(self, n: str) -> tuple[str, ...]:
        """One chain of blocked (or possibly blocked) owners from a sanctioned party to ``n``."""
        prev: dict[str, str | None] = {n: None}
        q = [n]
        while q:
            v = q.pop(0)
            if v in self.sanctioned:
                out = [v]
                while prev[out[-1]] is not None:
                    out.append(prev[out[-1]])  # type: ignore[arg-type]
                return tuple(out)
            for st in sorted(self.owners.get(v, ()), key=lambda s: s.owner):
                if st.owner in self.maybe and st.owner not in prev:
                    prev[st.owner] = v
                    q.append(st.owner)
        return (n,)


def exposure(
    G: nx.MultiDiGraph,
    subject: str,
    *,
    sanctioned: Iterable[str] = (),
    threshold: float = 50.0,
    inclusive: bool = True,
    as_of: dt.date | None = None,
    unmatched: Iterable[str] = (),
) -> Exposure:
    """The 50 % rule verdict for ``subject`` (module docstring).

    ``sanctioned``: party ids of blocked persons (added to those the graph marks);
    ``threshold`` in percent, met at ``threshold`` itself when ``inclusive`` ("50 % or
    more"); ``unmatched``: names given that matched no party (reported, never guessed).
    """
    if subject not in G:
        from ownergraph.queries.resolve import resolve_subject

        subject = resolve_subject(G, subject)
    subject = subject_company(G, subject)
    listed = {s for s in sanctioned if s in G} | graph_sanctioned(G)
    solver = _Solver(G, listed, threshold, inclusive)

    def name(n: str) -> str:
        return str(G.nodes[n].get("name", n)) if n in G else n

    contributions = []
    sure_parts, maybe_parts = [], []
    for st in sorted(solver.owners.get(subject, ()), key=lambda s: (s.owner, s.link_ids)):
        status = solver.status(st.owner)
        if status == NOT_BLOCKED:
            continue
        if status in (BLOCKED, SANCTIONED):
            sure_parts.append(st.share)
        maybe_parts.append(st.share)
        path = tuple(name(x) for x in solver.chain(st.owner))
        contributions.append(Contribution(st.owner, name(st.owner), status, st.share, path))
    blocked_stake = total(sure_parts) if sure_parts else Interval.zero()
    possible_stake = total(maybe_parts) if maybe_parts else Interval.zero()
    verdict = solver.status(subject)
    notes = []
    if not listed:
        notes.append("no sanctioned party is given or marked in the graph")
    if verdict == POSSIBLY:
        notes.append(
            f"the blocked owners' stakes ({blocked_stake}) may or may not reach "
            f"{threshold:g} %: ranges or unknown stakes decide it ({possible_stake} at most)"
        )
    controlled_by, eu = _control(G, subject, solver, as_of)
    owned = True if verdict == SANCTIONED else blocked_stake.meets(0.5, inclusive=False)
    if owned is False and possible_stake.meets(0.5, inclusive=False) is not False:
        owned = None
    eu_verdict: bool | None = (
        True if owned is True or eu is True else None if None in (owned, eu) else False
    )
    if controlled_by and verdict not in (BLOCKED, SANCTIONED):
        notes.append(
            "controlled by a blocked party (" + ", ".join(controlled_by) + "): control alone "
            "does not block under the 50 % rule; the EU test counts it"
        )
    return Exposure(
        subject_id=subject,
        subject_name=name(subject),
        verdict=verdict,
        blocked_stake=blocked_stake,
        possible_stake=possible_stake,
        contributions=tuple(contributions),
        threshold=threshold,
        inclusive=inclusive,
        controlled_by=controlled_by,
        eu_owned_or_controlled=eu_verdict,
        sanctioned=tuple(sorted(name(n) for n in listed)),
        notes=tuple(notes),
        as_of=as_of,
        unmatched=tuple(unmatched),
    )


def _control(
    G: nx.MultiDiGraph, subject: str, solver: _Solver, as_of: dt.date | None
) -> tuple[tuple[str, ...], bool | None]:
    """Blocked parties controlling the subject under the register rules, and the EU answer."""
    from ownergraph.queries.register_control import who_controls_register

    a = who_controls_register(G, subject, as_of=as_of, max_paths=1)
    names = []
    possible = False
    for r in (*a.rows, *a.intermediate):
        st = solver.status(r.party_id)
        if st in (BLOCKED, SANCTIONED):
            names.append(r.name)
        elif st == POSSIBLY:
            possible = True
    if names:
        return tuple(sorted(names)), True
    return (), (None if possible else False)


def read_sanctions_csv(path: str) -> list[str]:
    """Names or ids from a CSV the user gives: a column ``id``, ``name`` or the first one.

    A bad file is an :class:`~ownergraph.graph.errors.InputError` (file, line, reason).
    """
    import csv

    from ownergraph.graph.errors import InputError

    try:
        with open(path, newline="", encoding="utf-8-sig") as fp:
            rows = list(csv.reader(fp))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, None, f"cannot read the sanctions list: {exc}") from exc
    if not rows:
        raise InputError(path, "line 1", "the sanctions list is empty")
    header = [h.strip().lower() for h in rows[0]]
    cols = [header.index(k) for k in ("id", "name") if k in header]
    body = rows[1:] if cols else rows
    cols = cols or [0]
    out = []
    for row in body:
        for c in cols:
            if c < len(row) and row[c].strip():
                out.append(row[c].strip())
                break
    return out


def match_sanctioned(G: nx.MultiDiGraph, entries: Iterable[str]) -> tuple[set[str], list[str]]:
    """Party ids for names or ids: a node id, an identifier value (CIK, LEI, company number)
    or an exact name after :func:`graph.ids.normalize_name`; no fuzzy match (a sanctions
    hit must not rest on a guess). Returns the ids and the entries that matched nothing."""
    from ownergraph.graph.ids import normalize_name

    by_name: dict[str, set[str]] = defaultdict(set)
    by_ident: dict[str, set[str]] = defaultdict(set)
    for n, data in G.nodes(data=True):
        rec = data.get("record")
        if not isinstance(rec, Party):
            continue
        for spelling in (rec.name, *rec.names):
            by_name[normalize_name(spelling)].add(n)
        for _s, v in rec.identifiers:
            by_ident[v.strip().upper()].add(n)
    found: set[str] = set()
    missing = []
    for e in entries:
        hit = {e} if e in G else by_ident.get(e.strip().upper()) or by_name.get(normalize_name(e))
        if hit:
            found |= hit
        else:
            missing.append(e)
    return found, missing


__all__ = [
    "BLOCKED",
    "NOT_BLOCKED",
    "POSSIBLY",
    "SANCTIONED",
    "Contribution",
    "Exposure",
    "exposure",
    "graph_sanctioned",
    "match_sanctioned",
    "read_sanctions_csv",
]
