"""Session 9 parse-speed cuts keep their answers (room SPEED): each fast path is compared
with the plain form it replaces on random texts built from the words that matter."""

from __future__ import annotations

import random

from ownergraph.loaders import sec_entities, sec_referred

_FUND_WORDS = [
    "Fund",
    "The",
    "Alpha",
    "of",
    "and",
    "&",
    "Beta",
    "Fund,",
    "(the",
    "\x00",
    "II",
    "Funds",
    "fund",
    "LP",
    ".",
    "x-y",
    "Gamma's",
    "(",
    '("A")',
]
_BLANKS = [" ", "  ", "\n", "", " \t "]


def _text(rnd: random.Random, words: list[str], n: int) -> str:
    return "".join(rnd.choice(words) + rnd.choice(_BLANKS) for _ in range(n))


def test_fund_names_are_the_plain_scan() -> None:
    rnd = random.Random(9)
    for _ in range(3000):
        t = _text(rnd, _FUND_WORDS, rnd.randint(1, 60))
        fast = [m.span() for m in sec_entities._fund_names(t)]
        assert fast == [m.span() for m in sec_entities._FUND_NAME.finditer(t)], t


def test_fund_names_past_nine_blanks() -> None:
    t = "A B C D E F G H I J K Fund and X Y Fund"
    assert [m.group(0) for m in sec_entities._fund_names(t)] == [
        m.group(0) for m in sec_entities._FUND_NAME.finditer(t)
    ]


_TERMS = ['"Funds"', "“Funds.”", "Funds"]


def test_referring_verb_is_in_every_referred_sentence() -> None:
    rnd = random.Random(9)
    hits = 0
    for _ in range(3000):
        b = [rnd.choice(_BLANKS[:3] + [" "]) or " " for _ in range(6)]
        t = (
            f"Alpha LP and Beta LP{b[0]}{rnd.choice(['are', 'is', 'were'])}{b[1]}"
            f"{rnd.choice(['', 'sometimes ', 'collectively ', 'hereinafter '])}"
            f"{rnd.choice(['referred to', 'referred  to', 'called', 'known', 'designated', 'named'])}"
            f"{b[2]}{rnd.choice(['', 'herein ', 'together '])}{rnd.choice(['as', 'as:'])}{b[3]}"
            f"{rnd.choice(['', 'the '])}{rnd.choice(_TERMS)}"
        )
        if sec_referred._REFERRED_SENTENCE.search(t):
            hits += 1
            assert sec_referred._REFERRING_VERB.search(t), t
    assert hits > 100  # most of the texts are such sentences
