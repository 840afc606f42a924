"""The one answer object: "who controls X" (or "what does X hold") as every view renders it.

Contract C2 (TEAM.md). The CLI table, ``--json``, the app card, ``ubo``, ``attribute``, the
Cypher finisher and the exports all render an :class:`Answer`; none recomputes a figure.
``Answer.to_dict()`` is the ``--json`` shape (keys below, ``None`` -> ``null``).

Answer
    ``subject_id``, ``subject_name``, ``subject_kind``
    ``rule``: the rule applied -- a :class:`~ownergraph.graph.vocab.Lens` value
    (``"sec13d3"``) or a named register rule (e.g. ``"register:majority-control"``);
    ``rule_text``: the rules in words, one per line
    ``as_of``: the date asked about, or ``None`` (latest)
    ``denominator``: the class's outstanding count used for percents (:class:`Denominator`),
    or ``None`` when no count is known
    ``rows``: the ultimate controllers (:class:`ControllerRow`), largest aggregate first
    ``intermediate``: parties between them and the holders (same row shape)
    ``security_ids``, ``holding_ids``: what the answer is about
    ``notes``: plain sentences (what was left out and why, ...)
    ``findings``: reconciliation findings (:class:`~ownergraph.graph.model.Finding`): a
    computed row that differs from the filed one, with its reason

ControllerRow
    ``party_id``, ``name``, ``kind``, ``ultimate``, ``is_holder``
    ``sole_voting``, ``shared_voting``, ``sole_dispositive``, ``shared_dispositive``: the
    four Rule 13d-3 figures (shares; ``None`` = unknown)
    ``aggregate``: the distinct union of holdings over which the party has either power
    ``rights_to_acquire``: the part of ``aggregate`` that is rights to acquire (60 days)
    ``percent``: aggregate / the row's own denominator (per-person rule, 13d-3(d)(1)(i)),
    ``None`` when unknown; ``percent_range`` ``(low, high)`` where only a range is known
    (register answers); render percents with 2 decimals (:func:`format_percent`)
    ``denominator``: the row's own denominator (class outstanding + own rights)
    ``filed``: the party's own latest cover page for the class (:class:`FiledFigures`)
    ``differences``: each filed row that differs from the computed one beyond the filed
    precision, with the reason (:class:`Difference`)
    ``paths``: control paths from the party down to a holder (:class:`AnswerPath`), up to a
    cap; ``path_count`` the total (``None`` = too many to count), ``paths_truncated``

AnswerPath / PathStep
    a path lists its steps top-down; each :class:`PathStep` says the ``controller``,
    ``controlled``, the ``role``, which powers it ``passes`` (``["voting",
    "investment"]``), its ``voting`` / ``investment`` power (``"sole"`` / ``"shared"`` /
    ``None`` where the step does not pass that power) and the ``phrase`` that states it.
    The path's ``voting`` / ``investment`` is the party's power over the path's holdings
    through this path; a row's sole figures count a holding only when some path gives sole
    power, so a path never says "sole" where the row above says all is shared.

>>> a = Answer(subject_id="iss", subject_name="Issuer Inc.", subject_kind="issuer",
...            rule="sec13d3", denominator=Denominator(1000.0, "given", "outstanding as given"))
>>> a.to_dict()["denominator"]["source"]
'given'
>>> format_percent(8.3449)
'8.34%'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ownergraph.graph.model import Finding, to_dict

#: Where a denominator came from (DOMAIN per-person rule; workflow builds the policy).
DENOMINATOR_SOURCES = ("given", "stated", "implied", "unknown")


@dataclass(frozen=True)
class Denominator:
    """An outstanding count and where it came from.

    ``source``: ``"given"`` (``--outstanding``), ``"stated"`` (a loaded document states it:
    ``document_id``), ``"implied"`` (by the filed percentages), ``"unknown"`` (``value`` is
    ``None``). ``label`` is the wording every view prints, e.g. "44,700,000 shares
    outstanding (stated in <document>, as of 2009-03-31)". On a row, ``value`` includes the
    row's own rights to acquire and ``own_rights`` says how many.
    """

    value: float | None
    source: str
    label: str
    document_id: str | None = None
    as_of: dt.date | None = None
    own_rights: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return to_dict(self)


@dataclass(frozen=True)
class PathStep:
    """One step ``controller -> controlled`` of a path (parallel links merged)."""

    controller_id: str
    controller: str
    controlled_id: str
    controlled: str
    role: str
    passes: tuple[str, ...]
    voting: str | None
    investment: str | None
    phrase: str | None = None
    link_ids: tuple[str, ...] = ()

    @property
    def power(self) -> str | None:
        """One word for both powers: ``"sole"``/``"shared"`` when both agree, else ``None``."""
        return self.voting if self.voting == self.investment else None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data (``power`` included)."""
        d = to_dict(self)
        d["power"] = self.power
        return d


@dataclass(frozen=True)
class AnswerPath:
    """A control path from a party down to a holder, and the holdings at its end."""

    steps: tuple[PathStep, ...]
    holding_ids: tuple[str, ...]
    voting: str | None
    investment: str | None
    names: tuple[str, ...] = ()
    #: node ids along the path, top-down (``names`` are their names)
    nodes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return {
            "nodes": list(self.nodes),
            "names": list(self.names),
            "voting": self.voting,
            "investment": self.investment,
            "holding_ids": list(self.holding_ids),
            "steps": [s.to_dict() for s in self.steps],
        }


@dataclass(frozen=True)
class FiledFigures:
    """A party's own cover page for the class, as filed (rows 7-11 and 13)."""

    document_id: str
    position_id: str
    sole_voting: float | None
    shared_voting: float | None
    sole_dispositive: float | None
    shared_dispositive: float | None
    aggregate: float | None
    percent_of_class: float | None
    percent_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return to_dict(self)


@dataclass(frozen=True)
class Difference:
    """A filed row that differs from the computed one, and why."""

    row: str  # "sole_voting", ..., "aggregate", "percent"
    computed: float | None
    filed: float | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return to_dict(self)


@dataclass(frozen=True)
class ControllerRow:
    """One party of the answer with its Rule 13d-3 figures (see the module docstring)."""

    party_id: str
    name: str
    kind: str
    ultimate: bool
    is_holder: bool
    sole_voting: float | None
    shared_voting: float | None
    sole_dispositive: float | None
    shared_dispositive: float | None
    aggregate: float | None
    rights_to_acquire: float | None
    percent: float | None
    percent_range: tuple[float | None, float | None] | None = None
    denominator: Denominator | None = None
    filed: FiledFigures | None = None
    differences: tuple[Difference, ...] = ()
    paths: tuple[AnswerPath, ...] = ()
    path_count: int | None = None
    paths_truncated: bool = False
    holding_ids: tuple[str, ...] = ()

    @property
    def differs(self) -> bool:
        """True when some filed row differs from the computed one."""
        return bool(self.differences)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        d = to_dict(self)
        d["paths"] = [p.to_dict() for p in self.paths]
        d["percent_text"] = format_percent(self.percent, self.percent_range)
        return d


@dataclass(frozen=True)
class Answer:
    """The answer to "who controls X" under one rule (see the module docstring)."""

    subject_id: str
    subject_name: str
    subject_kind: str
    rule: str
    rule_text: tuple[str, ...] = ()
    as_of: dt.date | None = None
    denominator: Denominator | None = None
    rows: tuple[ControllerRow, ...] = ()
    intermediate: tuple[ControllerRow, ...] = ()
    security_ids: tuple[str, ...] = ()
    holding_ids: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()

    def row(self, party_id: str) -> ControllerRow | None:
        """The row (ultimate or intermediate) of a party, or ``None``."""
        for r in (*self.rows, *self.intermediate):
            if r.party_id == party_id:
                return r
        return None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        """An Answer back from :meth:`to_dict` output (e.g. a Cypher finisher's JSON), so
        every view can render it with the same code.

        >>> a = Answer("i", "Issuer", "issuer", "sec13d3", denominator=Denominator(5.0, "given", "5"))
        >>> Answer.from_dict(a.to_dict()) == a
        True
        """
        from ownergraph.graph.model import from_dict

        return from_dict(cls, data)

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` shape (stable key order)."""
        return {
            "subject_id": self.subject_id,
            "subject_name": self.subject_name,
            "subject_kind": self.subject_kind,
            "rule": self.rule,
            "rule_text": list(self.rule_text),
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "denominator": self.denominator.to_dict() if self.denominator else None,
            "rows": [r.to_dict() for r in self.rows],
            "intermediate": [r.to_dict() for r in self.intermediate],
            "security_ids": list(self.security_ids),
            "holding_ids": list(self.holding_ids),
            "notes": list(self.notes),
            "findings": [to_dict(f) for f in self.findings],
        }


def format_percent(
    value: float | None, percent_range: tuple[float | None, float | None] | None = None
) -> str:
    """A percent as every view prints it: 2 decimals, a range as a range, "unknown".

    >>> format_percent(None, (25.0, 50.0))
    '25.00-50.00%'
    >>> format_percent(None)
    'unknown'
    """
    if value is not None:
        return f"{value:.2f}%"
    if percent_range is not None:
        lo, hi = percent_range
        if lo is not None and hi is not None:
            return f"{lo:.2f}-{hi:.2f}%"
        if lo is not None:
            return f">{lo:.2f}%"
        if hi is not None:
            return f"<{hi:.2f}%"
    return "unknown"


__all__ = [
    "DENOMINATOR_SOURCES",
    "Answer",
    "AnswerPath",
    "ControllerRow",
    "Denominator",
    "Difference",
    "FiledFigures",
    "PathStep",
    "format_percent",
]
