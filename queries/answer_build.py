"""Build the one answer object (:mod:`queries.answer`) from a 13d-3 computation.

:func:`answer_of` turns a :class:`queries.control.WhoControls` into an
:class:`~queries.answer.Answer`; :func:`answer_of_attribution` does the same for a
:class:`queries.attribution.Attribution` (every person of the class as a row). Nothing is
recomputed here: the figures are the engine's, the wording of the denominator and of the
differences is made once, for every view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ownergraph.graph.model import Finding
from ownergraph.graph.vocab import Severity
from ownergraph.queries.answer import (
    Answer,
    AnswerPath,
    ControllerRow,
    Denominator,
    Difference,
    FiledFigures,
    PathStep,
)

if TYPE_CHECKING:
    from ownergraph.queries.attribution import Attribution
    from ownergraph.queries.control import Controller, ControlPath, FiledPosition, WhoControls

_ROW_LABELS = {
    "sole_voting": "row 7 (sole voting power)",
    "shared_voting": "row 8 (shared voting power)",
    "sole_dispositive": "row 9 (sole dispositive power)",
    "shared_dispositive": "row 10 (shared dispositive power)",
    "aggregate": "row 11 (aggregate amount)",
}


def denominator_label(
    value: float | None,
    source: str,
    document_id: str | None = None,
    document_text: str | None = None,
) -> str:
    """The one wording of a denominator, e.g. "43,777,554 shares outstanding (implied ...)";
    a stated one names its document (``document_text``, else its id).

    >>> denominator_label(1000.0, "given")
    '1,000 shares outstanding (given)'
    """
    if value is None:
        return "shares outstanding unknown: no percent of class"
    n = f"{value:,.0f} shares outstanding"
    if source == "given":
        return f"{n} (given)"
    if source == "stated":
        return f"{n} (stated in {document_text or document_id})"
    if source == "implied":
        return f"{n} (implied by the filed percentages; no document states it)"
    return n


def _class_denominator(
    value: float | None, source: str, document_id: str | None, document_text: str | None = None
) -> Denominator:
    if value is None:
        source = "unknown"
    return Denominator(
        value=value,
        source=source,
        label=denominator_label(value, source, document_id, document_text),
        document_id=document_id,
    )


def _row_denominator(
    outstanding: float | None, rights: float | None, source: str, document_id: str | None
) -> Denominator | None:
    if outstanding is None or rights is None:
        return None
    value = outstanding + rights
    return Denominator(
        value=value,
        source=source,
        label=(
            f"{outstanding:,.0f} outstanding + {rights:,.0f} own rights to acquire ="
            f" {value:,.0f} (Rule 13d-3(d)(1)(i); {source})"
        ),
        document_id=document_id,
        own_rights=rights,
    )


def _path(p: ControlPath) -> AnswerPath:
    names = dict(zip(p.nodes, p.names, strict=False))
    return AnswerPath(
        steps=tuple(
            PathStep(
                controller_id=s.controller_id,
                controller=names.get(s.controller_id, s.controller_id),
                controlled_id=s.controlled_id,
                controlled=names.get(s.controlled_id, s.controlled_id),
                role=", ".join(s.roles),
                passes=s.passes,
                voting=s.voting,
                investment=s.investment,
                phrase=s.phrases[0] if s.phrases else None,
                link_ids=s.link_ids,
            )
            for s in p.steps
        ),
        holding_ids=p.holding_ids,
        voting=p.voting,
        investment=p.investment,
        names=p.names,
        nodes=p.nodes,
    )


def _filed(f: FiledPosition | None, percent_text: str | None = None) -> FiledFigures | None:
    if f is None:
        return None
    return FiledFigures(
        document_id=f.document_id,
        position_id=f.position_id,
        sole_voting=f.sole_voting,
        shared_voting=f.shared_voting,
        sole_dispositive=f.sole_dispositive,
        shared_dispositive=f.shared_dispositive,
        aggregate=f.aggregate,
        percent_of_class=f.percent_of_class,
        percent_text=percent_text,
    )


def _findings(name: str, party_id: str, f: FiledPosition | None) -> list[Finding]:
    out: list[Finding] = []
    if f is None:
        return out
    for row, computed, filed, reason in f.differences:
        diff = (computed or 0.0) - (filed or 0.0)
        out.append(
            Finding.of(
                f.document_id,
                "computed_vs_filed",
                Severity.WARNING,
                f"{name} {_ROW_LABELS.get(row, row)}: computed {computed:,.0f} under Rule"
                f" 13d-3, filed {filed:,.0f} ({diff:+,.0f}); why: {reason}",
                expected=computed,
                found=filed,
                subject_ids=(party_id,),
            )
        )
    return out


def _row(
    c: Any,
    *,
    ultimate: bool,
    aggregate: float | None,
    outstanding: float | None,
    source: str,
    document_id: str | None,
    single_class: bool,
) -> ControllerRow:
    f = c.filed
    return ControllerRow(
        party_id=c.party_id,
        name=c.name,
        kind=c.kind,
        ultimate=ultimate,
        is_holder=c.is_holder,
        sole_voting=_v(c.sole_voting),
        shared_voting=_v(c.shared_voting),
        sole_dispositive=_v(c.sole_dispositive),
        shared_dispositive=_v(c.shared_dispositive),
        aggregate=aggregate,
        rights_to_acquire=_v(c.rights_to_acquire),
        percent=_v(c.percent),
        denominator=(
            _row_denominator(outstanding, _v(c.rights_to_acquire), source, document_id)
            if single_class
            else None
        ),
        filed=_filed(f),
        differences=tuple(Difference(r, cv, fv, why) for r, cv, fv, why in f.differences)
        if f is not None
        else (),
        paths=tuple(_path(p) for p in c.paths),
        path_count=c.path_count,
        paths_truncated=c.paths_truncated,
        holding_ids=tuple(c.holding_ids if hasattr(c, "holding_ids") else c.aggregate.holding_ids),
    )


def _v(x: Any) -> Any:
    """A figure's value (attribution wraps figures in ``Figure``)."""
    return getattr(x, "value", x)


def answer_of(wc: WhoControls) -> Answer:
    """The :class:`Answer` of a who-controls computation (no figure recomputed)."""
    single = len(wc.security_ids) == 1
    src, doc = wc.outstanding_source, wc.outstanding_document

    def row(c: Controller) -> ControllerRow:
        return _row(
            c,
            ultimate=c.ultimate,
            aggregate=c.shares,
            outstanding=wc.outstanding,
            source=src,
            document_id=doc,
            single_class=single,
        )

    findings: list[Finding] = []
    for c in (*wc.ultimate, *wc.intermediate):
        findings.extend(_findings(c.name, c.party_id, c.filed))
    return Answer(
        subject_id=wc.subject_id,
        subject_name=wc.subject_name,
        subject_kind=wc.subject_kind,
        rule=wc.lens.value,
        rule_text=tuple(wc.rules),
        as_of=wc.as_of,
        denominator=(
            _class_denominator(wc.outstanding, src, doc, wc.outstanding_document_text)
            if single
            else None
        ),
        rows=tuple(row(c) for c in wc.ultimate),
        intermediate=tuple(row(c) for c in wc.intermediate),
        security_ids=tuple(wc.security_ids),
        holding_ids=tuple(wc.holding_ids),
        notes=tuple(wc.notes),
        findings=tuple(findings),
    )


_ATT_SOURCES = {"argument": "given", "document": "stated", "implied": "implied"}


def answer_of_attribution(att: Attribution) -> Answer:
    """The :class:`Answer` of an attribution: every person reaching the class is a row
    (``ultimate`` marks those with nobody above them in the control graph)."""
    den = att.denominator
    src = _ATT_SOURCES.get(den.source, "unknown")
    findings: list[Finding] = []
    rows = []
    for p in att.persons:
        findings.extend(_findings(p.name, p.party_id, p.filed))
        rows.append(
            _row(
                p,
                ultimate=p.ultimate,
                aggregate=p.aggregate.value,
                outstanding=den.outstanding,
                source=src,
                document_id=den.document_id,
                single_class=True,
            )
        )
    return Answer(
        subject_id=att.security_id,
        subject_name=att.security_name,
        subject_kind="security",
        rule=att.lens.value,
        rule_text=tuple(att.rules),
        as_of=att.as_of,
        denominator=_class_denominator(den.outstanding, src, den.document_id, den.document_text),
        rows=tuple(rows),
        security_ids=(att.security_id,),
        holding_ids=tuple(h.id for h in att.holdings),
        notes=tuple(att.notes),
        findings=tuple(findings),
    )


__all__ = ["answer_of", "answer_of_attribution", "denominator_label"]
