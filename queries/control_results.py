"""The answer records of "who controls X" under Rule 13d-3 (:mod:`queries.control`).

A :class:`WhoControls` lists :class:`Controller` rows, each with its :class:`ControlPath`
(made of :class:`PathStep`) and the :class:`FiledPosition` its own cover page filed; the
rules the answer applies are the ``RULE_*`` texts. Records only: no graph walk here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ownergraph.graph.model import to_dict
from ownergraph.graph.vocab import Lens, Power
from ownergraph.queries.powers import RULE_POWERS

#: Default number of control paths listed per controller (the count is always given).
MAX_PATHS = 25
#: Node expansions allowed per path enumeration (guards against dead-end blow-ups in cycles).
_MAX_EXPANSIONS = 20_000

RULE_13D3 = "Rule 13d-3(a): beneficial owner through voting or investment power"
RULE_SOLE = (
    "DOMAIN 2 working rule: sole when some path passes only through nodes whose sole "
    "structural controller is the previous node (stated power taken as stated); else shared"
)
RULE_UNION = "Rule 13d-3: aggregate is the distinct union of holdings reachable through control"
RULE_DENOMINATOR = (
    "Rule 13d-3(d)(1)(i): percent = aggregate / (outstanding + own rights to acquire)"
)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class PathStep:
    """One step ``controller -> controlled`` of a control path (parallel links merged)."""

    controller_id: str
    controlled_id: str
    link_ids: tuple[str, ...]
    roles: tuple[str, ...]
    powers: tuple[str | None, ...]
    sole: bool
    phrases: tuple[str, ...]
    #: the powers the step passes ("voting", "investment") and its power for each
    #: ("sole" / "shared" / None where it does not pass it)
    passes: tuple[str, ...] = ("voting", "investment")
    voting: str | None = None
    investment: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return to_dict(self)


@dataclass(frozen=True)
class ControlPath:
    """A control path from a controller down to a holder, and the holdings at its end.

    ``power`` is ``sole`` when every step is a sole step (see the module docstring) and
    the holder's own power is sole. ``voting`` / ``investment``: the party's power over the
    path's holdings through this path ("sole", "shared", "sole and shared" where the
    holder's own filed split has both, ``None`` where the path does not pass that power);
    set by :func:`who_controls` and :func:`queries.attribution.attribute`.
    """

    nodes: tuple[str, ...]
    names: tuple[str, ...]
    steps: tuple[PathStep, ...]
    holding_ids: tuple[str, ...]
    power: Power
    voting: str | None = None
    investment: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return to_dict(self)


@dataclass(frozen=True)
class FiledPosition:
    """What a person's latest cover page for the class filed (rows 7-11 and 13), to set
    beside the computed figures; ``differs`` when a filed row 7-11 is not the computed one."""

    document_id: str
    position_id: str
    sole_voting: float | None
    shared_voting: float | None
    sole_dispositive: float | None
    shared_dispositive: float | None
    aggregate: float | None
    percent_of_class: float | None
    differs: bool = False
    #: each row that differs: ("sole_voting" | ... | "aggregate", computed, filed, reason)
    differences: tuple[tuple[str, float | None, float | None, str], ...] = ()


@dataclass(frozen=True)
class Controller:
    """A party in the control chain above the subject's holdings, with its 13d-3 figures.

    Voting and dispositive power are counted apart (:mod:`queries.powers`); ``shares`` is
    the aggregate (row 11), ``None`` when a holding's share count is unknown; ``percent``
    ``None`` when the outstanding count is unknown or the holdings span several classes.
    ``denominator``: this party's own denominator (outstanding + own rights).
    """

    party_id: str
    name: str
    kind: str
    ultimate: bool
    is_holder: bool
    sole_voting: float | None
    shared_voting: float | None
    sole_dispositive: float | None
    shared_dispositive: float | None
    shares: float | None
    rights_to_acquire: float | None
    percent: float | None
    holding_ids: tuple[str, ...]
    sole_holding_ids: tuple[str, ...]
    paths: tuple[ControlPath, ...]
    path_count: int | None
    paths_truncated: bool
    filed: FiledPosition | None = None
    denominator: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return to_dict(self)


@dataclass(frozen=True)
class WhoControls:
    """The answer to "who controls X" (lens ``sec13d3``)."""

    subject_id: str
    subject_name: str
    subject_kind: str
    lens: Lens
    as_of: dt.date | None
    security_ids: tuple[str, ...]
    holding_ids: tuple[str, ...]
    shares: float | None
    outstanding: float | None
    ultimate: tuple[Controller, ...]
    intermediate: tuple[Controller, ...]
    rules: tuple[str, ...] = (RULE_13D3, RULE_POWERS, RULE_UNION, RULE_SOLE, RULE_DENOMINATOR)
    notes: tuple[str, ...] = ()
    #: where ``outstanding`` came from: "given", "stated", "implied" or "unknown"
    outstanding_source: str = "unknown"
    outstanding_document: str | None = None
    #: the stating document in words, for the denominator's label
    outstanding_document_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data (stable ordering)."""
        return to_dict(self)

    def to_answer(self) -> Any:
        """This answer as the one answer object (:class:`queries.answer.Answer`)."""
        from ownergraph.queries.answer_build import answer_of

        return answer_of(self)
