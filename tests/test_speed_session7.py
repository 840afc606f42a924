"""Session 7 parse-speed rewrites give exactly what the plain scans they replace give.

Each test keeps the plain version (the specification) beside the fast one and compares them
on many generated texts made of the words the patterns look for.
"""

from __future__ import annotations

import random

import pytest

from ownergraph.loaders import sec_holdings


def _plain_all_held_by_term(text: str) -> list[tuple[str, tuple[int, int], str]]:
    terms = {m.group("t1") or m.group("t2") for m in sec_holdings._TERM_DEFINED.finditer(text)}
    if not terms:
        return []
    return [
        (f"the {m.group('term')}", m.span(), " ".join(m.group(0).split()))
        for m in sec_holdings._ALL_BY_TERM.finditer(text)
        if m.group("term") in terms
    ]


_HELD_WORDS = [
    "All", "all", "ALL", "Ball", "of", "the", "securities", "shares", "Shares", "reported",
    "herein", "in this Schedule 13D", "in this statement", "are", "were", "owned", "held",
    "of record", "by", "Funds", "Accounts", "Fund", '"Funds"', '("Funds")', "(the", "these",
    "These", "such", "Such", "investment", "companies", "accounts", "trusts", "collectively",
    "referred to as", ".", ",", "\n", '“Funds”', "is",
]  # fmt: skip
_HELD_PHRASES = [
    'These investment companies, trusts and accounts are the "Funds". ',
    "certain separate accounts (the “Accounts”) ",
    "All securities reported in this schedule are owned by the Funds.",
    "All of the shares reported herein were held of record by the Accounts ",
    "all Shares are owned by the Fund ",
]


@pytest.mark.parametrize("seed", range(4))
def test_all_held_by_term_as_the_plain_scan(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(400):
        parts = []
        for _ in range(rnd.randint(1, 80)):
            src = _HELD_PHRASES if rnd.random() < 0.1 else _HELD_WORDS
            parts.append(rnd.choice(src))
            parts.append(rnd.choice([" ", " ", "  ", "\n", "\t"]))
        text = "".join(parts)
        assert sec_holdings.all_held_by_term(text) == _plain_all_held_by_term(text), text
