"""Rule 13d-3 attribution of one class of securities (the control lens).

For every person that reaches a holding of the class through control (and every holder),
compute what a Schedule 13D/G cover page reports:

* rows 7-10, sole and shared voting and dispositive power, counted apart
  (:mod:`queries.powers`): a link passes voting, investment or both, and a holder's own
  split is the one it filed (on the holding, else its own cover page); where every link
  passes both with one word and nothing is filed apart, voting and dispositive figures are
  equal (they are on every seed page);
* row 11, the aggregate: the DISTINCT union of the holdings reachable below the person,
  never a sum of cover pages (Rule 13d-3(a));
* own rights to acquire within 60 days (holdings with ``right_to_acquire``),
  Rule 13d-3(d)(1)(i);
* row 13, percent of class with the per-person denominator
  ``aggregate / (outstanding + own rights)``, Rule 13d-3(d)(1)(i), when the outstanding
  count is known: the ``outstanding`` argument, else a document's ``outstanding``, else
  implied from the filed percentages (and then marked ``implied``).

Sole vs shared follows the working rule of :mod:`queries.control`. Worked example, the seed
(Liquidmetal / Wynnefield 13D/A No. 2, 2008):

* each fund is a holder: sole over its own holdings (an empty path). L.P. 1,019,531 =
  275,355 + 433,266 + 310,910; L.P. I 1,370,294 = 395,779 + 567,372 + 407,143; Offshore
  1,341,499 = 402,420 + 546,740 + 392,339;
* Wynnefield Capital Management, LLC is the only structural controller (general partner)
  of both L.P.s: sole over 1,019,531 + 1,370,294 = 2,389,825;
* Wynnefield Capital, Inc. is the only structural controller of the Offshore Fund: sole over
  1,341,499;
* Nelson Obus is one of two co-managing members of the LLC (the link says ``SHARED``) and an
  officer (President) of the Inc. (officer: shared unless stated sole), so no path from him
  is all sole steps: shared over 2,389,825 + 1,341,499 = 3,731,324;
* Joshua Landes's page states shared power over the funds' shares (``STATED_POWER``,
  ``SHARED``): shared over 3,731,324. His stated links are not structural, so they leave
  the LLC's and the Inc.'s sole power sole.

The individuals filed 3,731,323 (their convertible line is one share short); reconciliation
(:mod:`queries.reconcile`) reports that gap.

>>> from ownergraph.graph.model import Holding, Link, Party, Security
>>> from ownergraph.graph.store import build_graph
>>> from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Power, Role
>>> g = build_graph(
...     [Party("a", "A", NodeKind.PERSON), Party("b", "B", NodeKind.PERSON),
...      Party("gp", "GP", NodeKind.ENTITY), Party("f", "F", NodeKind.FUND),
...      Party("i", "I", NodeKind.ISSUER)],
...     [Security("s", "i", "Common")],
...     [Holding("h1", "d", "f", "s", Instrument.COMMON, 900.0),
...      Holding("h2", "d", "f", "s", Instrument.WARRANT, 100.0, right_to_acquire=True)],
...     [Link("l1", "d", EdgeKind.CONTROLS, "gp", "f", Role.GENERAL_PARTNER),
...      Link("l2", "d", EdgeKind.CONTROLS, "a", "gp", Role.MANAGING_MEMBER, Power.SHARED),
...      Link("l3", "d", EdgeKind.CONTROLS, "b", "gp", Role.MANAGING_MEMBER, Power.SHARED)])
>>> att = attribute(g, "s", outstanding=9_900)
>>> [(p.name, p.sole_voting.value, p.shared_voting.value, p.percent.value) for p in att.persons]
[('A', 0.0, 1000.0, 10.0), ('B', 0.0, 1000.0, 10.0), ('F', 1000.0, 0.0, 10.0), ('GP', 1000.0, 0.0, 10.0)]

(10 % = 1,000 / (9,900 + 100 own rights).)
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ownergraph.graph.errors import SubjectNotFoundError
from ownergraph.graph.model import BOTH_POWERS, Provenance, ReportedPosition, to_dict
from ownergraph.graph.vocab import Authority, Lens, NodeKind
from ownergraph.queries.control import (
    MAX_PATHS,
    RULE_13D3,
    RULE_DENOMINATOR,
    RULE_SOLE,
    RULE_UNION,
    ControlPath,
    FiledPosition,
    _Engine,
    _HoldingIndex,
    _PathLister,
    control_view,
    current_holdings,
    document_outstanding,
    figures,
    issued_securities,
    latest_pages,
    per_person_percent,
)
from ownergraph.queries.powers import (
    RULE_POWERS,
    PathExplainer,
    PowerIndex,
    computed_rows,
    end_character,
    filed_beside_powers,
    power_sets,
    question_splits,
    row_reason,
)

RULE_RIGHTS = "Rule 13d-3(d)(1)(i): rights to acquire within 60 days are beneficially owned"


@dataclass(frozen=True)
class HoldingLine:
    """One holding behind the figures, with its provenance."""

    id: str
    holder_id: str
    holder_name: str
    security_id: str
    instrument: str
    shares: float | None
    right_to_acquire: bool
    document_id: str
    title: str | None
    provenance: tuple[Provenance, ...]


@dataclass(frozen=True)
class Figure:
    """A number with its explanation: the rule and the holdings behind it."""

    value: float | None
    rule: str
    holding_ids: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class ImpliedOutstanding:
    """The outstanding count one filed percent implies, Rule 13d-3(d)(1)(i).

    ``aggregate / (outstanding + own_rights) = percent`` solved for outstanding. A percent
    filed with two decimals (2.28) stands for [2.275, 2.285), so outstanding lies in
    ``(low, high]``.
    """

    party_id: str
    name: str
    document_id: str
    percent: float
    aggregate: float
    own_rights: float
    rights_source: str  # "filed components" or "computed"
    point: float
    low: float
    high: float


@dataclass(frozen=True)
class Denominator:
    """The shares outstanding used for percent of class, and where it comes from."""

    outstanding: float | None
    source: str  # "argument", "document", "implied" or "unknown"
    implied: bool
    document_id: str | None = None
    pages: tuple[ImpliedOutstanding, ...] = ()
    note: str | None = None
    #: the stating document in words ("SC 13G filed 2007-02-14, <file name>")
    document_text: str | None = None


def document_text(G: nx.MultiDiGraph, document_id: str | None) -> str | None:
    """A document in words for a denominator's label: form, filing date, file name."""
    doc = G.graph.get("documents", {}).get(document_id) if document_id else None
    if doc is None:
        return document_id
    when = doc.filed_date or doc.event_date
    name = doc.path.replace("\\", "/").rsplit("/", 1)[-1] if doc.path else doc.id
    return f"{doc.form or 'document'}" + (f" of {when.isoformat()}" if when else "") + f", {name}"


@dataclass(frozen=True)
class PersonAttribution:
    """One person's Rule 13d-3 figures over the class, each with its explanation."""

    party_id: str
    name: str
    kind: str
    is_holder: bool
    sole_voting: Figure
    shared_voting: Figure
    sole_dispositive: Figure
    shared_dispositive: Figure
    aggregate: Figure
    rights_to_acquire: Figure
    percent: Figure
    paths: tuple[ControlPath, ...]
    path_count: int | None
    paths_truncated: bool
    filed: FiledPosition | None = None
    #: nobody above it in the control graph over the class (an ultimate controller)
    ultimate: bool = False


@dataclass(frozen=True)
class Attribution:
    """Rule 13d-3 attribution of a class: every person's figures (lens ``sec13d3``)."""

    security_id: str
    security_name: str
    issuer_id: str | None
    issuer_name: str | None
    lens: Lens
    as_of: dt.date | None
    denominator: Denominator
    total: Figure
    holdings: tuple[HoldingLine, ...]
    persons: tuple[PersonAttribution, ...]
    rules: tuple[str, ...] = (
        RULE_13D3,
        RULE_POWERS,
        RULE_UNION,
        RULE_SOLE,
        RULE_RIGHTS,
        RULE_DENOMINATOR,
    )
    notes: tuple[str, ...] = ()

    def person(self, party_id: str) -> PersonAttribution | None:
        """The figures of one person, or ``None`` when nothing reaches it."""
        return next((p for p in self.persons if p.party_id == party_id), None)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data (stable ordering)."""
        return to_dict(self)


# --------------------------------------------------------------------------- denominators


def percent_decimals(rp: ReportedPosition) -> int:
    """The precision of a filed percent: the decimals written in row 13 ("3.00%" has 2,
    "5.6%" has 1); when only the number is known, the fewest decimals that show it (a
    wider, never narrower, rounding interval).

    >>> percent_decimals(ReportedPosition("r", "d", "p", "x", percent_of_class=3.0, percent_text="3.00%"))
    2
    >>> percent_decimals(ReportedPosition("r", "d", "p", "x", percent_of_class=5.6))
    1
    """
    if rp.percent_text:
        m = re.search(r"\d+(?:\.(\d+))?", rp.percent_text)
        if m:
            return len(m.group(1) or "")
    p = rp.percent_of_class or 0.0
    for d in range(0, 7):
        if round(p, d) == p:
            return d
    return 6


def implied_outstanding(
    rp: ReportedPosition, computed_rights: float | None = None
) -> ImpliedOutstanding | None:
    """What a filed percent implies for the outstanding count, Rule 13d-3(d)(1)(i).

    Own rights come from the page's own breakdown (convertible, warrant, option components)
    when it has one, else from ``computed_rights``. A percent filed with ``d`` decimals
    (:func:`percent_decimals`) stands for the half-open interval of half a unit in the last
    place around it.

    Seed, first fund: 1,019,531 at 2.28 % with own rights 433,266 + 310,910 = 744,176
    gives 1,019,531 / 0.0228 − 744,176 ≈ 43,972,096 (in (43,874,249, 44,070,373]).

    >>> from ownergraph.graph.model import Component
    >>> from ownergraph.graph.vocab import Instrument
    >>> rp = ReportedPosition("r", "d", "p", "L.P.", aggregate=1_019_531, percent_of_class=2.28,
    ...     percent_text="2.28%", components=(Component(Instrument.COMMON, 275_355),
    ...                 Component(Instrument.CONVERTIBLE, 433_266),
    ...                 Component(Instrument.WARRANT, 310_910)))
    >>> io = implied_outstanding(rp)
    >>> round(io.point), round(io.low), round(io.high), io.own_rights
    (43972096, 43874249, 44070373, 744176.0)
    """
    if rp.aggregate is None or not rp.percent_of_class or rp.percent_of_class <= 0:
        return None
    p = rp.percent_of_class
    half = 0.5 * 10 ** (-percent_decimals(rp))
    if rp.components:
        rights = float(sum(c.shares for c in rp.components if c.instrument.is_right_to_acquire))
        source = "filed components"
    elif computed_rights is not None:
        rights, source = float(computed_rights), "computed"
    else:
        return None
    a = float(rp.aggregate)
    high = a * 100.0 / (p - half) - rights if p - half > 0 else float("inf")
    return ImpliedOutstanding(
        party_id=rp.party_id,
        name=rp.name,
        document_id=rp.document_id,
        percent=p,
        aggregate=a,
        own_rights=rights,
        rights_source=source,
        point=a * 100.0 / p - rights,
        low=a * 100.0 / (p + half) - rights,
        high=high,
    )


def filed_positions(
    G: nx.MultiDiGraph, security_id: str, *, as_of: dt.date | None = None
) -> list[ReportedPosition]:
    """Cover pages of the latest document about ``security_id`` that files percentages."""
    docs = G.graph.get("documents", {})
    issuer = getattr(G.nodes[security_id].get("record"), "issuer_id", None)
    by_doc: dict[str, list[ReportedPosition]] = defaultdict(list)
    for rp in G.graph.get("positions", ()):
        doc = docs.get(rp.document_id)
        if doc is None:
            continue
        if doc.security_id != security_id and not (
            doc.security_id is None and issuer and doc.issuer_id == issuer
        ):
            continue
        when = doc.event_date or doc.filed_date
        if as_of is not None and when is not None and when > as_of:
            continue
        if rp.percent_of_class is not None:
            by_doc[rp.document_id].append(rp)
    if not by_doc:
        return []

    def key(d: str) -> tuple[dt.date, str]:
        doc = docs[d]
        return (doc.event_date or doc.filed_date or dt.date.min, d)

    return sorted(by_doc[max(by_doc, key=key)], key=lambda rp: rp.id)


def denominator(
    G: nx.MultiDiGraph,
    security_id: str,
    *,
    outstanding: float | None = None,
    as_of: dt.date | None = None,
    computed_rights: dict[str, float | None] | None = None,
) -> Denominator:
    """The outstanding count for percent of class: argument, document, else implied.

    Implied: the median of the outstanding counts the latest filing's percentages imply
    (:func:`implied_outstanding`), marked ``implied``; no filing states it then.
    """
    if outstanding is not None:
        return Denominator(outstanding, "argument", False)
    found = document_outstanding(G, security_id, as_of=as_of)
    if found:
        return Denominator(
            found[0],
            "document",
            False,
            document_id=found[1],
            document_text=document_text(G, found[1]),
        )
    rights = computed_rights or {}
    pages = []
    for rp in filed_positions(G, security_id, as_of=as_of):
        io = implied_outstanding(rp, rights.get(rp.party_id))
        if io is not None:
            pages.append(io)
    if not pages:
        return Denominator(None, "unknown", False, note="no outstanding count known")
    value = float(round(statistics.median_low([p.point for p in pages])))
    return Denominator(
        value,
        "implied",
        True,
        document_id=pages[0].document_id,
        pages=tuple(pages),
        note=(
            f"implied: median of the outstanding counts that {len(pages)} filed percentages"
            " imply under 13d-3(d)(1)(i); no document states it"
        ),
    )


# --------------------------------------------------------------------------- attribution


def class_of(G: nx.MultiDiGraph, subject: str, *, as_of: dt.date | None = None) -> str:
    """The security class a subject designates: itself, or its issuer's class with holdings.

    An issuer with several classes gives the one with the most holdings (ties: by id).
    """
    if subject not in G:
        from ownergraph.queries.resolve import resolve_subject

        subject = resolve_subject(G, subject)
    if G.nodes[subject].get("kind") == NodeKind.SECURITY:
        return subject
    secs = issued_securities(G, subject)
    if not secs:
        raise SubjectNotFoundError(
            subject, [f"{G.nodes[subject].get('name', subject)} issues no security class"]
        )
    counts = {s: len(current_holdings(G, [s], as_of=as_of)) for s in secs}
    return sorted(secs, key=lambda s: (-counts[s], s))[0]


def attribute(
    G: nx.MultiDiGraph,
    security_or_issuer: str,
    *,
    outstanding: float | None = None,
    as_of: dt.date | None = None,
    max_paths: int = MAX_PATHS,
) -> Attribution:
    """Rule 13d-3 attribution of a class: per person rows 7-11, own rights and row 13.

    ``security_or_issuer`` is a security id, an issuer id, or text for
    :func:`queries.resolve.resolve_subject`. See the module docstring for the rules and the
    worked seed example. ``max_paths`` caps the explained paths per person (0: none); the
    figures do not depend on it.
    """
    sec = class_of(G, security_or_issuer, as_of=as_of)
    record = G.nodes[sec].get("record")
    issuer_id = getattr(record, "issuer_id", None)
    view = control_view(G, as_of=as_of)
    hs = current_holdings(G, [sec], as_of=as_of)
    holdings = {h.id: h for h in hs}
    by_holder: dict[str, frozenset[str]] = defaultdict(frozenset)
    for h in hs:
        by_holder[h.holder_id] = by_holder[h.holder_id] | {h.id}
    holders = set(by_holder)
    within = {n for n in view.ancestors(holders) | holders if n in G}
    hix = _HoldingIndex(holdings)
    eng = _Engine(view, within, by_holder, hix)
    pages = latest_pages(G, sec, as_of=as_of)
    splits = question_splits(G, view, hs, [sec], as_of=as_of, pages_by_class={sec: pages})
    pix = PowerIndex(hix, splits)
    psets = power_sets(view, eng)
    figs = {n: pix.figures(*psets.at(j)) for n, j in eng.pos.items()}
    denom = denominator(
        G,
        sec,
        outstanding=outstanding,
        as_of=as_of,
        computed_rights={n: f.rights for n, f in figs.items()},
    )
    holding_tuples = {k: tuple(sorted(v)) for k, v in by_holder.items()}
    counts = eng.path_counts(holders, within)
    tops = eng.tops(within)
    lister = _PathLister(view, holding_tuples, within)
    notes: list[str] = []
    if denom.note:
        notes.append(denom.note)
    if not hs:
        notes.append("no holdings of this class in the graph")

    if any(sp.source == "page" for sp in splits.values()):
        notes.append(
            "a holder's own split of voting and dispositive power is taken from its own"
            " cover page (the links do not decide it)"
        )

    def end_of(ids: tuple[str, ...]) -> dict[Authority, str | None]:
        return {a: end_character((splits[i] for i in ids if i in splits), a) for a in BOTH_POWERS}

    explain = PathExplainer(view, lambda _node, ids: end_of(ids))

    def person(n: str) -> PersonAttribution:
        f = figs[n]
        ids = set(f.holding_ids)
        sv_ids = tuple(i for i in f.holding_ids if (splits[i].sole_voting or 0) > 0)
        paths, cut = lister.paths(n, limit=max_paths)
        count = counts.get(n, 0) if counts is not None else (None if cut else len(paths))
        pct = per_person_percent(f.aggregate, f.rights, denom.outstanding)
        pct_note = None
        if denom.outstanding is None:
            pct_note = "outstanding unknown"
        elif pct is not None:
            pct_note = (
                f"{f.aggregate:,.0f} / ({denom.outstanding:,.0f} + {f.rights:,.0f} own rights)"
                + (" — denominator implied from filed percentages" if denom.implied else "")
            )
        sole_ids = tuple(i for i in f.sole_ids if i in ids)
        rp = pages.get(n)

        def reason(row: str, c: float | None, filed: float | None) -> str:
            below = {holdings[i].holder_id for i in f.holding_ids}
            return row_reason(view, G, n, rp, f, splits, below, row, c, filed)  # type: ignore[arg-type]

        return PersonAttribution(
            party_id=n,
            name=view._name(n),
            kind=str(G.nodes[n].get("kind")),
            is_holder=n in holders,
            sole_voting=Figure(
                f.sole_voting, RULE_SOLE, tuple(sorted(set(sv_ids) & set(sole_ids)))
            ),
            shared_voting=Figure(f.shared_voting, RULE_SOLE, f.holding_ids),
            sole_dispositive=Figure(f.sole_dispositive, RULE_SOLE, sole_ids),
            shared_dispositive=Figure(f.shared_dispositive, RULE_SOLE, f.holding_ids),
            aggregate=Figure(f.aggregate, RULE_UNION, f.holding_ids),
            rights_to_acquire=Figure(f.rights, RULE_RIGHTS, f.rights_ids),
            percent=Figure(pct, RULE_DENOMINATOR, f.holding_ids, pct_note),
            paths=tuple(explain(p) for p in paths),
            path_count=count,
            paths_truncated=cut,
            ultimate=n in tops,
            filed=filed_beside_powers(rp, computed_rows(f), reason),
        )

    persons = sorted(
        (person(n) for n in within),
        key=lambda p: (-(p.aggregate.value or 0.0), p.name, p.party_id),
    )
    lines = tuple(
        HoldingLine(
            id=h.id,
            holder_id=h.holder_id,
            holder_name=view._name(h.holder_id),
            security_id=h.security_id,
            instrument=h.instrument.value,
            shares=h.shares,
            right_to_acquire=h.right_to_acquire,
            document_id=h.document_id,
            title=h.title,
            provenance=h.provenance,
        )
        for h in hs
    )
    total = figures(frozenset(holdings), frozenset(), holdings)
    return Attribution(
        security_id=sec,
        security_name=view._name(sec),
        issuer_id=issuer_id,
        issuer_name=view._name(issuer_id) if issuer_id else None,
        lens=Lens.SEC13D3,
        as_of=as_of,
        denominator=denom,
        total=Figure(total.shares, RULE_UNION, total.holding_ids, "distinct holdings of the class"),
        holdings=lines,
        persons=tuple(persons),
        notes=tuple(notes),
    )


__all__ = [
    "Attribution",
    "Denominator",
    "Figure",
    "HoldingLine",
    "ImpliedOutstanding",
    "PersonAttribution",
    "attribute",
    "class_of",
    "denominator",
    "filed_positions",
    "implied_outstanding",
]
