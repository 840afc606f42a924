"""The answer records of the UBO lenses (:mod:`queries.ubo`).

:class:`UboRow` (one party under one lens), :class:`LensResult` (one lens for a subject),
:class:`LensComparison` (every lens side by side); ``RULES`` names the rule of each lens and
``LENSES`` their order in the comparison table. Records only: no graph walk here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ownergraph.graph.vocab import Lens
from ownergraph.queries.economic import PathContribution
from ownergraph.queries.intervals import Interval

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
