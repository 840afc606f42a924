"""Beside an answer on the command line (who-controls, attribute): the Rule 13d-5(b)
groups its parties belong to, and row 13 where the computed percent differs from it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ownergraph.cli.options import open_store

if TYPE_CHECKING:
    from rich.console import Console

    from ownergraph.queries.answer import Answer
    from ownergraph.queries.group_view import GroupSummary


def groups_of(
    store_path: Path | None, answer: Answer, as_of: dt.date | None, limit: int | None = None
) -> list[GroupSummary]:
    """The Rule 13d-5(b) groups any party of ``answer`` belongs to (box (a) of a cover page,
    or stated as ``member_of`` links by a document: an XML 13D/G, a tabular graph), with
    their distinct totals, as of ``as_of``: read from the store's column graph, the groups'
    scope only (:meth:`graph.engine.Engine.group_summaries`: equal to
    :func:`queries.group_view.group_summaries` on the whole graph). With ``limit``, the
    groups of the rows a terminal shows (the first ``limit`` ultimate and intermediate
    rows); each group's figures are the same."""
    from ownergraph.graph.engine import Engine

    ids = [r.party_id for r in (*answer.rows[:limit], *answer.intermediate[:limit])]
    if not ids:
        return []
    with open_store(store_path) as store:
        engine = Engine(store)
        try:
            return engine.group_summaries(ids, as_of=as_of)
        finally:
            engine.close()


def with_groups_json(answer: Answer, summaries: list[GroupSummary]) -> dict[str, Any]:
    """``answer.to_dict()`` with a ``groups`` list (empty when no party is in a group)."""
    d = answer.to_dict()
    d["groups"] = [g.to_dict() for g in summaries]
    return d


def print_groups(console: Console, summaries: list[GroupSummary]) -> None:
    """One line per group: members, the distinct total, the filed pages' sum beside it."""
    from rich.markup import escape

    for g in summaries:
        total = "unknown" if g.shares is None else f"{g.shares:,.0f}"
        line = (
            f"group (Rule 13d-5(b), {g.basis}): {'; '.join(g.member_names)} —"
            f" distinct total {total} shares"
        )
        if g.filed_sum is not None and g.filed_sum != g.shares:
            line += (
                f" (the members' cover pages add to {g.filed_sum:,.0f}; the group owns each"
                " share once)"
            )
        console.print(escape(line))


def print_percent_flags(console: Console, answer: Answer) -> None:
    """Row 13 beside the computed percent, for each row where they differ beyond the filed
    precision, with the reason (:func:`queries.answer_text.percent_flag`)."""
    from rich.markup import escape

    from ownergraph.queries.answer_text import percent_flag

    for r in (*answer.rows, *answer.intermediate):
        flag = percent_flag(r)
        if flag:
            console.print(f"differs: {escape(r.name)} row 13: {escape(flag)}")
