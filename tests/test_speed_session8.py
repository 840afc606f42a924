"""Session 8 parse-speed rewrites give exactly what the scans they replace give.

Each fast path (a first-character lookahead, a start at a blank run's first blank, a search
over a window, a test before a pattern) is compared with the plain pattern it stands for
on generated texts made of the words the patterns look for, in all cases and with the
non-ASCII characters that match an ASCII letter under ``re.I``.
"""

from __future__ import annotations

import random
import re

import pytest

from ownergraph.loaders import sec_entities, sec_inverse, sec_persons, sec_referred, sec_roles
from ownergraph.loaders import sec_stated_holdings as stated

_WORDS = [
    "general", "partner", "managing", "member", "members", "of", "the", "investment",
    "committee", "manager", "adviser", "advisor", "sub-adviser", "director", "directors",
    "chief", "executive", "officer", "CEO", "president", "trustee", "settlor", "beneficiary",
    "grantor", "limited", "chairman", "board", "co-executor", "personal", "representative",
    "controlling", "person", "stockholder", "control", "their", "its", "parent", "holding",
    "company", "shareholder", "owner", "owners", "sole", "co", "Co-", "indirect", "direct",
    "and", "a", "an", "is", "are", "was", "were", "which", "wholly-owned", "wholly",
    "majority", "owned", "controlled", "managed", "advised", "sub-advised", "by", "each",
    "subsidiary", "subsidiaries", "separate", "division", "operating", "entity",
    "corporation", "partnership", "fund", "vehicle", "account", "100%", "co-owned",
    "jointly", "ultimately", "consolidated", "Acme", "Fund", "LP", "LLC", "Inc.", "Alpha",
    "referred", "to", "as", "herein", "collectively", "called", "known", "designated",
    '"Funds"', "“Fund”", "has", "had", "beneficial", "ownership", "1,000", "shares", "Mr.",
    "Jane", "Roe", "\u0130S", "\u0131s", "\u017fole", "\u212a", "GENERAL", "PARTNER", "Is",
]  # fmt: skip
_PHRASES = [
    "a Liberian company controlled by",
    "an ENTITY  wholly-owned by",
    "a private fund advised by",
    "a partnership managed by",
    "the Account sub-advised by",
    "is a wholly owned subsidiary of",
    "are each directly owned by",
    "co-owned by",
    "the sole general partner of",
    "Co-CEO and managing member of",
    "are collectively referred to herein as the",
]
_SEPARATORS = [" ", " ", " ", ", ", "  ", "      ", "\n", "\t", ",", ". ", "; ", " \n "]


def _text(rnd: random.Random, n: int) -> str:
    parts = []
    for _ in range(n):
        w = rnd.choice(_PHRASES) if rnd.random() < 0.1 else rnd.choice(_WORDS)
        r = rnd.random()
        parts.append(w.upper() if r < 0.1 else w.title() if r < 0.2 else w)
        parts.append(rnd.choice(_SEPARATORS))
    return "".join(parts)


def _spans(ms) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in ms]


def _without_prefix(rx: re.Pattern[str], prefix: str) -> re.Pattern[str]:
    assert rx.pattern.startswith(prefix)
    return re.compile(rx.pattern[len(prefix) :], rx.flags)


@pytest.mark.parametrize("seed", range(4))
def test_first_character_lookaheads_change_no_match(seed: int) -> None:
    rnd = random.Random(800 + seed)
    pairs = [
        (sec_roles._ROLE_RE, r"\b(?=[sciodgmpbtel])"),
        (sec_inverse._INVERSE_RE, r"(?=[adtwicsmo,]|(?<=[ynpdet])\s)"),
        (sec_referred._REFERRED_SENTENCE, r"(?<!\s)"),
    ]
    for _ in range(150):
        text = _text(rnd, rnd.randint(1, 90))
        a = rnd.randint(0, len(text) // 3)
        b = rnd.randint(a, len(text))
        for rx, prefix in pairs:
            plain = _without_prefix(rx, prefix)
            assert _spans(rx.finditer(text, a, b)) == _spans(plain.finditer(text, a, b)), (
                rx.pattern[:40],
                text,
            )
        plain_role = _without_prefix(sec_roles._ROLE_RE, r"\b(?=[sciodgmpbtel])")
        for p in range(a, b):  # sec_inverse matches the role at a place too
            m, n = sec_roles._ROLE_RE.match(text, p), plain_role.match(text, p)
            assert (m and (m.span(), m.groups())) == (n and (n.span(), n.groups())), (text, p)


@pytest.mark.parametrize("seed", range(3))
def test_sole_gap_window_is_the_whole_search(seed: int) -> None:
    rnd = random.Random(810 + seed)
    for _ in range(300):
        text = _text(rnd, rnd.randint(0, 12))
        for pos in range(len(text) + 1):
            assert sec_persons._sole_gap(text, pos) == (
                sec_persons._SOLE_GAP.search(text, 0, pos) is not None
            ), (text, pos)


def test_subject_holdings_test_before_the_pattern() -> None:
    """No _SUBJECT_HOLDS match where the phrase it looks ahead for is absent."""
    rnd = random.Random(820)
    found = 0
    for _ in range(400):
        text = _text(rnd, rnd.randint(1, 60))
        if rnd.random() < 0.3:
            text += " Alpha Fund has direct beneficial ownership of 1,000 shares."
        whole = list(stated._SUBJECT_HOLDS.finditer(text))
        found += bool(whole)
        if whole:
            assert stated._HAS_DIRECT.search(text)
    assert found  # the generated texts do hold such sentences


def _dates_by_formats(s: str):
    import datetime as dt

    from ownergraph.graph.clean import _DATE_FORMATS

    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    return "bad"


def test_plain_day_and_count_fast_paths_read_as_the_rules() -> None:
    """parse_date's "2026-05-27" and parse_shares' "4987103.00" fast paths give what the
    formats and the number rules give (bad days still refused)."""
    from ownergraph.graph import clean

    rnd = random.Random(830)
    days = ["2024-02-29", "2023-02-29", "0000-01-01", "0999-12-31", "2024-13-01", "2024-00-10"]
    days += [f"{rnd.randint(0, 9999):04d}-{rnd.randint(0, 13):02d}-{rnd.randint(0, 32):02d}"
             for _ in range(3000)]  # fmt: skip
    for d in days:
        try:
            got = clean.parse_date(d)
        except ValueError:
            got = "bad"
        assert got == _dates_by_formats(d), d
    counts = ["0", "00", "007", "1.5", "4987103.00", "1" * 25, "9" * 400, "0.0"]
    counts += [f"{rnd.randint(0, 10**rnd.randint(1, 22))}.{rnd.randint(0, 999)}"
               for _ in range(2000)]  # fmt: skip
    for c in counts:
        try:
            got = clean.parse_shares(c)
        except ValueError as exc:
            got = str(exc)
        try:
            want = clean._read(c, None, zero_words=True) + 0.0
        except ValueError as exc:
            want = str(exc)
        assert got == want and str(got) == str(want), c


def test_entity_anchor_first_letters() -> None:
    """_ENTITY_ANCHOR's first-letter test drops no anchor: every legal form it looks ahead
    for starts with one of the letters."""
    rx = sec_entities._ENTITY_ANCHOR
    assert rx.pattern.startswith(r"\s(?=[LINCpGSTABURP])")
    plain = re.compile(rx.pattern.replace("(?=[LINCpGSTABURP])", "", 1), rx.flags)
    forms = plain.pattern[len(r"\s(?=") : -1].split("|")
    text = " ".join(f"Acme {f.replace(chr(92), '').replace('[CP]', 'C')}X" for f in forms)
    assert len(list(rx.finditer(text))) == len(forms) == len(list(plain.finditer(text)))
    rnd = random.Random(840)
    for _ in range(200):
        t = _text(rnd, rnd.randint(1, 60)) + " " + rnd.choice(forms).replace("\\", "")
        assert _spans(rx.finditer(t)) == _spans(plain.finditer(t))
