"""Session 7 parse-speed rewrites give exactly what the plain scans they replace give.

Each test keeps the plain version (the specification) beside the fast one and compares them
on many generated texts made of the words the patterns look for.
"""

from __future__ import annotations

import random
import re

import pytest

from ownergraph.loaders import (
    sec_holdings,
    sec_legacy_links,
    sec_prose_aliases,
    sec_stated_holdings,
)


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


def _plain_one_space(chunk: str) -> tuple[str, list[int]]:
    chunk = chunk.translate(sec_legacy_links._HYPHENS)
    parts: list[str] = []
    where: list[int] = []
    pos = 0
    for m in sec_legacy_links._SPACES.finditer(chunk):
        parts.append(chunk[pos : m.start()])
        where.extend(range(pos, m.start()))
        parts.append(" ")
        where.append(m.start())
        pos = m.end()
    parts.append(chunk[pos:])
    where.extend(range(pos, len(chunk) + 1))
    return "".join(parts), where


def test_one_space_maps_every_position_as_the_full_list() -> None:
    rnd = random.Random(11)
    for _ in range(3000):
        chunk = "".join(rnd.choice("ab  \t\xa0\u2003\u2011\n.") for _ in range(rnd.randint(0, 40)))
        flat, where = sec_legacy_links._one_space(chunk)
        plain_flat, plain_where = _plain_one_space(chunk)
        assert flat == plain_flat
        assert [where[i] for i in range(len(flat) + 1)] == plain_where, repr(chunk)
        with pytest.raises(IndexError):
            where[len(flat) + 1]


_BREAKDOWN_WORDS = [
    "1,500,000", "12,345", "900", "2001", "shares", "Shares", "of", "Common", "Stock", "which",
    "that", "includes", "Includes", "INCLUDING", "consists", "consisting", "of:", "comprised",
    "is", "are", "comprising", "(1)", "(a)", "***", "2.", "This", "The", "amount", "number",
    "reported", "above", "herein", "in this Schedule 13D", "securities", "so", "being",
    "Mr.", "DeMare's", "Reporting", "Person's", "beneficial", "ownership", "held", "by",
    "the", "Trust", ",", "(", ".", ";", ":", "x", "\u0130NCLUDES", "\u017fhares",
    # the longest reach before the verb: 80 characters of any words between count and verb
    "1,234,567 shares of Common Stock of the Issuer held in the accounts of the A B C D E Trust,",
]  # fmt: skip
_BREAKDOWN_SEPARATORS = [" ", " ", "  ", "\n", "\n\n", "\t", ", ", " " * 300, "\n" * 50, ""]


def _breakdown_text(rnd: random.Random) -> str:
    parts = []
    for _ in range(rnd.randint(1, 400)):
        if rnd.random() < 0.03:
            parts.append(" ".join(rnd.choice(["Alpha", "Beta", "1,000"]) for _ in range(150)))
        else:
            parts.append(rnd.choice(_BREAKDOWN_WORDS))
        parts.append(rnd.choice(_BREAKDOWN_SEPARATORS))
    return "".join(parts)


@pytest.mark.parametrize("seed", range(2))
def test_breakdown_windows_find_what_the_full_scan_finds(seed: int) -> None:
    rnd = random.Random(200 + seed)
    found = 0
    for _ in range(120):
        text = _breakdown_text(rnd)
        plain = [(m.span(), m.groupdict()) for m in sec_holdings._BREAKDOWN.finditer(text)]
        fast = [(m.span(), m.groupdict()) for m in sec_holdings._breakdown_finditer(text)]
        assert fast == plain, text
        found += len(plain)
    assert found > 25  # the texts do hold the statements


_BY_WORDS = [
    "1,234,567", "12,000", "shares", "Common Shares", "of the Issuer's Common Stock", "units",
    "All", "of", "the", "reported", "securities", "are", "were", "held", "owned", "directly",
    "of record", "beneficially", "by", "BY", "By", "The", "THE", "issuable", "options", "x",
    ".", ";", ",", "\u0130", "\u017f",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(3))
def test_held_by_patterns_end_with_by(seed: int) -> None:
    """The cheap test before _HELD_BY / _ALL_HELD_BY passes wherever either matches."""
    rnd = random.Random(300 + seed)
    seen = 0
    for _ in range(4000):
        before = "".join(
            rnd.choice(_BY_WORDS) + rnd.choice([" ", " ", "  ", "\n", "\t", "", "\u2003"])
            for _ in range(rnd.randint(1, 25))
        )
        if rnd.random() < 0.5:  # the statement's own words, and its count before them
            before += rnd.choice(["1,000 shares ", "All shares ", "All of the securities "])
            before += rnd.choice(["are held by ", "owned BY the\n", "held of record by The  "])
            before += rnd.choice(["", "", "x", "\n", " "])
        hit = sec_stated_holdings._HELD_BY.search(
            before
        ) or sec_stated_holdings._ALL_HELD_BY.search(before)
        if hit:
            seen += 1
            assert sec_stated_holdings._ends_with_by(before), before
    assert seen > 30


def test_str_split_splits_where_backslash_s_matches() -> None:
    """``str.split()`` and ``\\s`` agree on every character (what _collapse relies on)."""
    space = re.compile(r"\s")
    for c in map(chr, range(0x110000)):
        assert c.isspace() == bool(space.match(c)), hex(ord(c))


def test_collapse_as_the_substitution() -> None:
    rnd = random.Random(21)
    for _ in range(20000):
        s = "".join(
            rnd.choice("ab \t\n\xa0\u2003\x1c\x85\u200b.") for _ in range(rnd.randint(0, 12))
        )
        assert sec_prose_aliases._collapse(s) == re.sub(r"\s+", " ", s), repr(s)


def test_line_break_pattern_as_its_lookbehind_form() -> None:
    plain = re.compile(r"(?<![\n\r])\r?\n(?![\r\n])")
    rnd = random.Random(31)
    for _ in range(50000):
        s = "".join(rnd.choice("\r\n a") for _ in range(rnd.randint(0, 10)))
        fast = [m.span() for m in sec_legacy_links._LINE_BREAK.finditer(s)]
        assert fast == [m.span() for m in plain.finditer(s)], repr(s)
