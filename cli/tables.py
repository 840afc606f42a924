"""Tables on the command line that never cut a number.

Rich squeezes a table to the console width and, as a last resort, truncates every column
("3,731,3…"). Here number columns never wrap and are as wide as their widest value, name
and text columns fold instead; when stdout is not a terminal (piped, captured) the table is
printed at its natural width, aligned and unwrapped; on a terminal too narrow for even the
numbers, the table is printed wider than the terminal rather than cut.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

#: Console width when stdout is not a terminal: wide enough that nothing wraps.
PIPE_WIDTH = 10_000
#: Rows above which a table is printed as plain aligned lines (:func:`plain_lines`): rich
#: measures and renders every cell, seconds for thousands of rows (a most-held issuer).
PLAIN_ROWS = 200


def make_console() -> Console:
    """A console for command output: the terminal's width, or unbounded when piped.

    >>> make_console().width >= 80
    True
    """
    console = Console(highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console = Console(highlight=False, soft_wrap=True, width=PIPE_WIDTH)
    return console


def add_columns(table: Table, columns: tuple[tuple[str, bool], ...]) -> None:
    """Add ``(header, is_number)`` columns: numbers right-aligned and never wrapped or cut,
    the others left-aligned and folded when the table must shrink."""
    for header, is_number in columns:
        if is_number:
            table.add_column(header, justify="right", no_wrap=True, overflow="ignore")
        else:
            table.add_column(header, justify="left", overflow="fold")


def plain_cell(cell: object) -> str:
    """A table cell as plain text: rich markup dropped, a ``Text`` as its plain string."""
    if not isinstance(cell, str):
        return str(getattr(cell, "plain", cell))
    return Text.from_markup(cell).plain if "[" in cell else cell


def plain_lines(table: Table) -> list[str]:
    r"""``table`` as plain lines: the title, the headers, a rule, one line per row; every
    column as wide as its widest value (nothing cut or wrapped), numbers right-aligned,
    two spaces between columns.

    >>> t = Table(title="Ultimate controllers")
    >>> add_columns(t, (("name", False), ("shares", True)))
    >>> t.add_row("Nelson Obus", "3,731,324")
    >>> t.add_row("Wynnefield Capital, Inc. \\[x]", "1")
    >>> print("\n".join(plain_lines(t)))
    Ultimate controllers
    name                             shares
    ----------------------------  ---------
    Nelson Obus                   3,731,324
    Wynnefield Capital, Inc. [x]          1
    """
    heads = [plain_cell(c.header) for c in table.columns]
    cells = [[plain_cell(v) for v in c.cells] for c in table.columns]
    widths = [
        max([cell_len(h), *map(cell_len, vals)]) for h, vals in zip(heads, cells, strict=True)
    ]
    right = [c.justify == "right" for c in table.columns]

    def line(values: list[str]) -> str:
        parts = [
            " " * (w - cell_len(v)) + v if r else v + " " * (w - cell_len(v))
            for v, w, r in zip(values, widths, right, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [plain_cell(table.title)] if table.title else []
    out += [line(heads), line(["-" * w for w in widths])]
    out += [line([col[i] for col in cells]) for i in range(table.row_count)]
    return out


def print_table(console: Console, table: Table) -> None:
    """Print ``table`` without cutting a number column (module docstring); above
    :data:`PLAIN_ROWS` rows as :func:`plain_lines`.

    >>> import io
    >>> out = io.StringIO()
    >>> t = Table()
    >>> add_columns(t, (("person", False), ("shares", True)))
    >>> t.add_row("Wynnefield Partners Small Cap Value, L.P. I", "3,731,324")
    >>> print_table(Console(file=out, width=30), t)
    >>> "3,731,324" in out.getvalue()
    True
    """
    if table.row_count > PLAIN_ROWS:
        console.file.write("\n".join(plain_lines(table)) + "\n")
        console.file.flush()
        return
    if console.width >= PIPE_WIDTH:  # not a terminal: natural width, nothing to fit
        console.print(table)
        return
    for column in table.columns:  # rich measures every column's minimum as its longest word
        texts = [Text.from_markup(c) if isinstance(c, str) else Text(str(c)) for c in column.cells]
        if column.no_wrap:  # a number column is as wide as its widest value
            least = max((t.cell_len for t in texts), default=1)
        else:  # a text column keeps its longest word whole
            least = max((cell_len(w) for t in texts for w in t.plain.split()), default=1)
        column.min_width = max(column.min_width or 0, least)
    need = Measurement.get(console, console.options.update_width(PIPE_WIDTH), table).minimum
    if need <= console.width:
        console.print(table)
        return
    width = console.width
    console.width = need
    try:
        console.print(table, crop=False)
    finally:
        console.width = width
