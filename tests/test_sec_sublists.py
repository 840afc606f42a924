"""Lists of subsidiaries in prose (loaders/sec_sublists.py), through the relation grammar:
synthetic sentences in the shapes filings use, links read by hand."""

from __future__ import annotations

import pytest

from ownergraph.graph.vocab import Role
from tests.test_sec_grammar_matrix import P1, W, X, Y, Z, links

PA = Role.PARENT


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            f"{X}'s wholly owned subsidiaries include {Y}, {Z} and {W}.",
            {(X, Y, PA), (X, Z, PA), (X, W, PA)},
        ),
        (f"The subsidiaries of {W} include {Y} and {Z}.", {(W, Y, PA), (W, Z, PA)}),
        (f"{Z}’s principal subsidiaries are {X} and {Y}.", {(Z, X, PA), (Z, Y, PA)}),
        # the long form: each item with its own clause, the items ending with semicolons
        (
            f"{X}’s wholly owned subsidiaries include, among others, {Y}, which is engaged "
            f"in trading; {Z}, which is a holding company; and {W}, which is a fund.",
            {(X, Y, PA), (X, Z, PA), (X, W, PA)},
        ),
        # an item whose own clause names its parent: only that chain (convention 14)
        (
            f"{X}’s wholly owned subsidiaries include {Y}, which makes tools; {Z}, which makes "
            f"cigars and is a wholly owned subsidiary of {Y}; and {W}, a fund.",
            {(X, Y, PA), (Y, Z, PA), (X, W, PA)},
        ),
    ],
)
def test_subsidiaries_listed(text: str, want: set) -> None:
    assert links(text) == want


@pytest.mark.parametrize(
    "text",
    [
        f"{X}'s subsidiaries hold shares of {Y}.",
        f"{P1} said that {X}'s subsidiaries are growing, and {Y} agreed.",
    ],
)
def test_no_list(text: str) -> None:
    assert {x for x in links(text) if x[2] is PA} == set()
