"""The one answer object (:class:`queries.answer.Answer`) printed on the command line.

``who-controls`` and ``attribute`` print an Answer with these functions; ``--json`` prints
``Answer.to_dict()``. Every figure printed is the Answer's: the four powers, the aggregate,
the percent (2 decimals, a range as a range) and the denominator's wording.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ownergraph.queries.answer import format_percent

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from ownergraph.queries.answer import Answer, AnswerPath, ControllerRow, FiledFigures

_SHORT = {
    "sole_voting": "row 7",
    "shared_voting": "row 8",
    "sole_dispositive": "row 9",
    "shared_dispositive": "row 10",
    "aggregate": "row 11",
}


def escape(text: str) -> str:
    """Rich markup escaped."""
    from rich.markup import escape as _escape

    return _escape(text)


def number(x: float | None) -> str:
    """A share count as printed: grouped, whole where it is whole, "—" when unknown.

    >>> number(3731324.0), number(None), number(13442986.66)
    ('3,731,324', '—', '13,442,986.66')
    """
    if x is None:
        return "—"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def filed_text(f: FiledFigures | None, row: ControllerRow | None = None) -> str:
    """The filed rows 7-11 (and 13) beside the computed ones, with the rows that differ.

    >>> from ownergraph.queries.answer import FiledFigures
    >>> filed_text(FiledFigures("d", "p", 0.0, 3731323.0, 0.0, 3731323.0, 3731323.0, 8.34))
    '0 / 3,731,323 / 0 / 3,731,323; 3,731,323; 8.34%'
    """
    if f is None:
        return "—"
    text = (
        f"{number(f.sole_voting)} / {number(f.shared_voting)} / {number(f.sole_dispositive)}"
        f" / {number(f.shared_dispositive)}; {number(f.aggregate)}"
    )
    if f.percent_of_class is not None:
        text += f"; {f.percent_of_class:.2f}%"
    if row is not None and row.differences:
        text += " (differs: " + ", ".join(_SHORT.get(d.row, d.row) for d in row.differences) + ")"
    return text


def path_line(path: AnswerPath) -> str:
    """One path: each step with its role and the power it passes, then the path's power.

    "Nelson Obus -[managing_member: shared]-> Wynnefield Capital Management, LLC
    -[general_partner: sole]-> ...  (voting shared, investment shared)"
    """
    if not path.steps:
        parts = [path.names[0] if path.names else "?"]
    else:
        parts = [path.steps[0].controller]
        for s in path.steps:
            if s.voting == s.investment:
                power = s.voting or "none"
            else:
                power = f"voting {s.voting or 'none'}, investment {s.investment or 'none'}"
            parts.append(f"-[{s.role}: {power}]->")
            parts.append(s.controlled)
    if path.voting == path.investment:
        tail = path.voting or "no power"
    else:
        tail = f"voting {path.voting or 'none'}, investment {path.investment or 'none'}"
    return " ".join(parts) + f"  ({tail})"


def rows_table(title: str, rows: tuple[ControllerRow, ...]) -> Table:
    """The table of rows: the four powers, aggregate, own rights, percent, filed, paths."""
    from rich.table import Table

    from ownergraph.cli.tables import add_columns

    t = Table(title=title, title_justify="left")
    add_columns(
        t,
        (("name", False), ("kind", False), ("sole vote", True), ("shared vote", True))
        + (("sole disp.", True), ("shared disp.", True), ("aggregate", True))
        + (("own rights", True), ("percent", True), ("filed (rows 7-10; 11; 13)", False))
        + (("paths", True),),
    )
    for r in rows:
        t.add_row(
            escape(r.name),
            r.kind + (" (holder)" if r.is_holder else ""),
            number(r.sole_voting),
            number(r.shared_voting),
            number(r.sole_dispositive),
            number(r.shared_dispositive),
            number(r.aggregate),
            number(r.rights_to_acquire),
            format_percent(r.percent, r.percent_range).replace("unknown", "—"),
            escape(filed_text(r.filed, r)),
            "?" if r.path_count is None else str(r.path_count),
        )
    return t


def boxed_lines(table: Table) -> list[str] | None:
    r"""``table`` as rich prints it at its natural width on a console that is no terminal
    (piped or captured: no style, nothing wrapped), drawn here without rich's measuring and
    rendering of every cell (two tables of 50 rows: ~0.15 s): the title, the heavy head box,
    a line per row, every cell left-aligned in a column as wide as its widest value; the
    same text (``tests/test_answer_render.py`` compares it with rich). ``None`` where rich
    would do more (no row, a caption or row lines, an emoji code or a character that is
    not printable, a title wider than the table): the caller prints with rich.

    >>> from rich.table import Table
    >>> t = Table(title="Ultimate controllers", title_justify="left")
    >>> t.add_column("name")
    >>> t.add_column("aggregate", justify="right")
    >>> t.add_row("Nelson Obus", "3,731,324")
    >>> print("\n".join(boxed_lines(t)))
    Ultimate controllers
    ┏━━━━━━━━━━━━━┳━━━━━━━━━━━┓
    ┃ name        ┃ aggregate ┃
    ┡━━━━━━━━━━━━━╇━━━━━━━━━━━┩
    │ Nelson Obus │ 3,731,324 │
    └─────────────┴───────────┘
    """
    from rich import box
    from rich.cells import cell_len

    from ownergraph.cli.tables import plain_cell

    if (
        not table.row_count
        or table.show_lines
        or not table.show_header
        or table.show_footer
        or not table.show_edge
        or table.caption
        or table.box is not box.HEAVY_HEAD
        or tuple(table.padding) != (0, 1, 0, 1)
        or table.title_justify != "left"
    ):
        return None
    heads = [plain_cell(c.header) for c in table.columns]
    cells = [[plain_cell(v) for v in c.cells] for c in table.columns]
    title = plain_cell(table.title) if table.title else None
    texts = [*heads, *(v for col in cells for v in col), *([title] if title else [])]
    if any(":" in t or not t.isprintable() for t in texts):
        return None  # an emoji code or a line break: rich's own rendering
    widths = [
        max([cell_len(h), *map(cell_len, vals)]) for h, vals in zip(heads, cells, strict=True)
    ]
    if not widths or min(widths) == 0:
        return None
    if title is not None and cell_len(title) > sum(widths) + 3 * len(widths) + 1:
        return None  # rich folds a title wider than the table

    def line(values: list[str], bar: str) -> str:
        return (
            bar
            + bar.join(
                f" {v}{' ' * (w - cell_len(v))} " for v, w in zip(values, widths, strict=True)
            )
            + bar
        )

    out = [title] if title is not None else []
    out.append("┏" + "┳".join("━" * (w + 2) for w in widths) + "┓")
    out.append(line(heads, "┃"))
    out.append("┡" + "╇".join("━" * (w + 2) for w in widths) + "┩")
    out += [line([col[i] for col in cells], "│") for i in range(table.row_count)]
    out.append("└" + "┴".join("─" * (w + 2) for w in widths) + "┘")
    return out


def print_rows_table(console: Console, table: Table) -> None:
    """:func:`cli.tables.print_table`, the table drawn by :func:`boxed_lines` on a console
    that is no terminal (the same text)."""
    from ownergraph.cli.tables import PIPE_WIDTH, PLAIN_ROWS, print_table

    if console.width >= PIPE_WIDTH and table.row_count <= PLAIN_ROWS:
        lines = boxed_lines(table)
        if lines is not None:
            console.file.write("\n".join(lines) + "\n")
            return
    print_table(console, table)


#: Controllers a terminal shows (by shares, as the answer orders them); ``--all`` lists
#: every one, ``--json`` has every row.
SHOWN = 50


def more_line(hidden: int, what: str = "controllers") -> str:
    """The line under a cut list.

    >>> more_line(2500)
    '... and 2,500 more controllers (--all to list every one; --json has every row)'
    """
    return f"... and {hidden:,} more {what} (--all to list every one; --json has every row)"


def print_answer(
    console: Console,
    a: Answer,
    *,
    paths: bool = True,
    limit: int | None = None,
    more: tuple[int, int] = (0, 0),
) -> None:
    """Print an Answer: heading with rule and denominator, the rows, paths, notes,
    the differences with their reasons. With ``limit`` only the first ``limit`` ultimate
    and intermediate rows (and their paths and differences), each list with a line saying
    how many more there are. ``more``: ultimate and intermediate rows the answer leaves
    out (an answer holding the rows shown only, :mod:`queries.control_class`)."""
    from ownergraph.cli.tables import PLAIN_ROWS

    rows, inter = a.rows[:limit], a.intermediate[:limit]

    console.print(
        f"[bold]{escape(a.subject_name)}[/bold] ({a.subject_kind}) — rule {escape(a.rule)}"
        + (f", as of {a.as_of.isoformat()}" if a.as_of else "")
    )
    if a.denominator is not None:
        console.print(f"denominator: {escape(a.denominator.label)}")
    print_rows_table(console, rows_table("Ultimate controllers", rows))
    if len(rows) < len(a.rows) or more[0]:
        console.print(escape(more_line(len(a.rows) - len(rows) + more[0])))
    # thousands of lines, or output that is not a terminal (no style to draw: the same
    # text): plain text, no markup
    if paths and (len(rows) > PLAIN_ROWS or not console.is_terminal):
        lines = []
        for r in rows:
            count = len(r.paths) if r.path_count is None else r.path_count
            lines.append(f"{r.name}: {count} control path(s)")
            lines += [f"  {path_line(p)}" for p in r.paths]
            if r.paths_truncated:
                lines.append("  … more paths not listed")
        console.file.write("\n".join(lines) + "\n")
        paths = False
    if paths:
        for r in rows:
            count = len(r.paths) if r.path_count is None else r.path_count
            console.print(f"[bold]{escape(r.name)}[/bold]: {count} control path(s)")
            for p in r.paths:
                console.print(f"  {escape(path_line(p))}")
            if r.paths_truncated:
                console.print("  … more paths not listed")
    if inter:
        print_rows_table(console, rows_table("Intermediate controllers and holders", inter))
        if len(inter) < len(a.intermediate) or more[1]:
            hidden = len(a.intermediate) - len(inter) + more[1]
            console.print(escape(more_line(hidden, "intermediate controllers and holders")))
    for r in (*rows, *inter):
        for d in r.differences:
            console.print(
                f"differs: {escape(r.name)} {_SHORT.get(d.row, d.row)} computed"
                f" {number(d.computed)}, filed {number(d.filed)}: {escape(d.reason)}"
            )
    for note in a.notes:
        console.print(f"note: {escape(note)}")
    if a.rule_text:
        console.print(escape("rules: " + "; ".join(a.rule_text)))


__all__ = [
    "SHOWN",
    "boxed_lines",
    "filed_text",
    "more_line",
    "number",
    "path_line",
    "print_answer",
    "print_rows_table",
    "rows_table",
]
