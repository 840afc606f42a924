"""The answer tables drawn without rich on a console that is no terminal
(:func:`cli.answer_render.boxed_lines`) are the text rich prints for them: random tables of
escaped names (brackets, backslashes, accents, wide and combining characters, empty cells)
and the seed store's answer through the command."""

from __future__ import annotations

import io
import random
from pathlib import Path

from click.testing import CliRunner
from rich.console import Console
from rich.table import Table

from ownergraph.cli import main
from ownergraph.cli.answer_render import boxed_lines, escape, print_rows_table
from ownergraph.cli.tables import PIPE_WIDTH, add_columns
from ownergraph.graph.store import Store
from ownergraph.loaders import parse_path

SEED = Path(__file__).parent / "fixtures" / "seed" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"
ALPHABET = "abc XYZ[]\\/é日本-,.()&'\"#@!*~_<>=+0123456789ß\u0301"


def _rich(table: Table) -> str:
    out = io.StringIO()
    Console(highlight=False, soft_wrap=True, width=PIPE_WIDTH, file=out).print(table)
    return out.getvalue()


def _random_table(rng: random.Random) -> Table:
    ncol = rng.randint(1, 6)
    t = Table(title=rng.choice([None, "Ultimate controllers", "T"]), title_justify="left")
    heads = tuple((f"h{i}" * rng.randint(0, 3), rng.random() < 0.5) for i in range(ncol))
    add_columns(t, heads)  # (an empty header too)
    for _ in range(rng.randint(0, 5)):
        t.add_row(
            *(
                escape("".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12))))
                for _ in range(ncol)
            )
        )
    return t


def test_random_tables_are_the_text_rich_prints() -> None:
    rng = random.Random(13)
    drawn = 0
    for _ in range(600):
        t = _random_table(rng)
        got = boxed_lines(t)
        if got is None:
            continue
        drawn += 1
        assert "\n".join(got) + "\n" == _rich(t)
    assert drawn > 300  # most tables are drawn here, not left to rich


def test_what_rich_does_more_is_left_to_rich() -> None:
    t = Table(title="T", title_justify="left")
    add_columns(t, (("name", False), ("n", True)))
    assert boxed_lines(t) is None  # no row
    t.add_row("Smile :smile:", "1")  # an emoji code
    assert boxed_lines(t) is None
    t = Table(title="A title wider than the table", title_justify="left")
    add_columns(t, (("x", False),))
    t.add_row("y")
    assert boxed_lines(t) is None
    out = io.StringIO()
    print_rows_table(Console(highlight=False, soft_wrap=True, width=PIPE_WIDTH, file=out), t)
    assert out.getvalue() == _rich(t)


def test_the_seed_answer_prints_as_rich_prints_it(tmp_path: Path) -> None:
    db = tmp_path / "seed.db"
    with Store(db) as s:
        s.load(parse_path(SEED))
    args = ["who-controls", "Liquidmetal Technologies", "--store", str(db)]
    got = CliRunner().invoke(main, args)
    assert got.exit_code == 0, got.output
    from ownergraph.cli import answer_render

    keep = answer_render.boxed_lines
    answer_render.boxed_lines = lambda table: None  # every table through rich
    try:
        want = CliRunner().invoke(main, args)
    finally:
        answer_render.boxed_lines = keep
    assert got.output == want.output
    assert "Nelson Obus" in got.output and "┏" in got.output
