"""The parse-speed rewrites give exactly what the plain scans they replace give.

Each fast path in the loaders (issue 7: parse throughput) replaces a scan whose result is
the specification: these tests compare the two on many generated texts made of the words
the patterns look for, so a wrong bound or a missed case shows up as a different match.
"""

from __future__ import annotations

import random
import re

import pytest

from ownergraph.loaders import sec13dg_legacy as legacy
from ownergraph.loaders import sec_legacy_findings, sec_legacy_holdings, sec_prose_aliases

# Words the legacy patterns care about, plus the kinds of words that break a name.
_WORDS = [
    "Wynnefield", "Partners", "Small", "Cap", "Value", "L.P.", "LP", "LLC", "Inc.", "II",
    "HBK", "Investments", "Management", "(Bermuda)", "Fund,", "of", "and", "the", "The",
    "de", "general", "partner", "to", "is", "its", "power", "exercised", "by", "whose",
    "which", "serves", "as", "an", "a", "investment", "manager", "managing", "member",
    "sole", "wholly-owned", "wholly", "owned", "subsidiary", "members", "who", "may",
    "control", "Investment", "Management", "Agreements", "with", '("Partners")', '(the "Fund")',
    '"', "(", ")", "Investments'", "Investments's", "12,345", "7", "x.Acme", "Acme.Beta",
    "--------", "________", ";", ":", ",", ".", "J.", "Nelson", "Obus", "Joshua", "Landes",
    "CHECK", "BOX", "IF", "DISCLOSURE", "SURE", "OF", "LEGAL", "PROCEEDINGS", "IS",
    "REQUIRED", "PURSUANT", "TO", "ITEMS", "2(d)", "2(e)", "[", "]", "[_]",
]  # fmt: skip
_PHRASES = [
    "'s power is exercised by its general partner, ",
    " whose general partner is ",
    "The general partner of ",
    " is the managing member of ",
    " is the sole managing member of ",
    " which serves as the general partner to ",
    " which serves as investment manager to ",
    ", a wholly-owned subsidiary of ",
    "Investment Management Agreements with ",
    ", members of ",
    ", who may control",
    ', a Delaware limited partnership ("Partners"),',
    " and ",
    "CHECK BOX IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED PURSUANT TO ITEMS 2(d) OR 2(e)",
    "____________SURE OF LEGAL PROCEEDINGS",
]
_SEPARATORS = [" ", " ", " ", ", ", "  ", "\n", "\t", ",", " \n "]


_CAPS = ["Wynnefield", "Partners", "HBK", "Capital", "(Bermuda)", "Acme", "Nelson", "Obus", "J."]
_LFS = ["", "", ", L.P.", " LLC", " Inc.", " Ltd.", " L.L.C. II", " Company"]
# Whole statements each pattern is written for, with {} for generated names.
_TEMPLATES = [
    "{}'s power is exercised by its general partner, {}, whose general partner is {}.",
    "The general partner of {} is {}.",
    "{} is the managing member of {}.",
    '{}, a Delaware limited partnership ("Alias"), which serves as the general partner to {} ("Fund").',
    "{} which serves as an investment manager to {} and others.",
    '{} ("Sub"), a wholly-owned subsidiary of {}.',
    'Investment Management Agreements with {} and {} ("Funds").',
    "Nelson Obus, Joshua H. Landes and Acme Beta, members of {}, who may control",
]


def _name(rnd: random.Random) -> str:
    words = [rnd.choice(_CAPS) for _ in range(rnd.randint(1, 4))]
    if rnd.random() < 0.3:
        words.insert(rnd.randint(1, len(words)), rnd.choice(["of", "and", "the", "de"]))
    return " ".join(words) + rnd.choice(_LFS)


def _text(rnd: random.Random, n: int) -> str:
    parts = []
    for _ in range(n):
        r = rnd.random()
        if r < 0.08:
            t = rnd.choice(_TEMPLATES)
            parts.append(t.format(*(_name(rnd) for _ in range(t.count("{}")))))
        elif r < 0.2:
            parts.append(rnd.choice(_PHRASES))
        else:
            parts.append(rnd.choice(_WORDS))
        parts.append(rnd.choice(_SEPARATORS))
    return "".join(parts)


def _spans(ms) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in ms]


@pytest.mark.parametrize("seed", range(6))
def test_prose_patterns_match_as_a_full_scan(seed: int) -> None:
    rnd = random.Random(seed)
    patterns = [(sec_prose_aliases._ALIAS_DEF, *sec_prose_aliases._ALIAS_ANCHOR)] + [
        (rx, anchor, reach)
        for (rx, _r, _m), (anchor, reach) in zip(
            sec_prose_aliases._PROSE_PATTERNS, sec_prose_aliases._PROSE_ANCHORS, strict=True
        )
    ]
    for _ in range(60):
        flat, _offs = sec_prose_aliases._flatten(_text(rnd, rnd.randint(5, 160)), 0)
        bars = sec_prose_aliases._Barriers(flat)
        for rx, anchor, reach in patterns:
            assert _spans(
                sec_prose_aliases._finditer_near(rx, anchor, reach, flat, bars)
            ) == _spans(rx.finditer(flat)), (rx.pattern[:60], flat)


def test_prose_patterns_on_long_name_runs() -> None:
    """Runs of capitalised words longer than the search windows are still searched whole."""
    name = " ".join(["Alpha", "Beta", "of", "Gamma", "(Delta)", "Epsilon"] * 80)
    for tail in ('s power is exercised by its general partner, Acme LLC, whose general '
                 'partner is Beta Inc. ', ' is the managing member of Zeta LLC. ',
                 ', L.P. ("Alias")', ", members of Acme LLC, who may control"):  # fmt: skip
        flat = "the " + name + tail + " and " + name[:300] + tail
        bars = sec_prose_aliases._Barriers(flat)
        for (rx, _r, _m), (anchor, reach) in zip(
            sec_prose_aliases._PROSE_PATTERNS, sec_prose_aliases._PROSE_ANCHORS, strict=True
        ):
            assert _spans(
                sec_prose_aliases._finditer_near(rx, anchor, reach, flat, bars)
            ) == _spans(rx.finditer(flat))
        assert _spans(
            sec_prose_aliases._finditer_near(
                sec_prose_aliases._ALIAS_DEF, *sec_prose_aliases._ALIAS_ANCHOR, flat, bars
            )
        ) == (_spans(sec_prose_aliases._ALIAS_DEF.finditer(flat)))


@pytest.mark.parametrize("seed", range(4))
def test_legal_label_matches_as_a_full_scan(seed: int) -> None:
    rnd = random.Random(100 + seed)
    rx = dict(legacy._LABELS)["legal"]
    for _ in range(150):
        text = _text(rnd, rnd.randint(1, 120))
        start = rnd.randint(0, len(text) // 3)
        end = rnd.randint(start, len(text))
        assert _spans(legacy._finditer_legal(text, start, end)) == _spans(
            rx.finditer(text, start, end)
        ), (text, start, end)


def test_flatten_maps_every_index() -> None:
    rnd = random.Random(7)
    for _ in range(3000):
        text = "".join(rnd.choice("ab \n\t\xa0\u2003x") for _ in range(rnd.randint(0, 40)))
        start = rnd.randint(0, len(text))
        out, offs, prev = [], [], False
        for i in range(start, len(text)):
            if text[i].isspace():
                if prev:
                    continue
                out.append(" ")
                prev = True
            else:
                out.append(text[i])
                prev = False
            offs.append(i)
        offs.append(len(text))
        flat, fast = sec_prose_aliases._flatten(text, start)
        assert flat == "".join(out)
        assert len(fast) == len(offs)
        assert [fast[i] for i in range(len(offs))] == offs


def test_name_folding_is_cached_not_changed() -> None:
    from ownergraph.graph.ids import normalize_name

    for s in ("Wynnefield Partners Small Cap Value, L.P. I", "HBK Investments L.P.", ""):
        assert legacy._norm(s) == normalize_name(s)


def test_label_regexes_unchanged() -> None:
    """The fast label scan relies on the row-6 pattern's shape; fail loudly if it changes."""
    rx = dict(legacy._LABELS)["legal"]
    assert rx.pattern.startswith(r"(?:CHECK\s+(?:BOX\s+)?)?(?:IF\s+)?(?:\S+\s*)?\S*SURE\s+OF")
    assert rx.flags & re.I


# --------------------------------------------------------------------------- sec_terms

_PHRASE_WORDS = [
    "NCCS", "New", "Circle", "Holdings", "LLC", "L.L.C.", "L.P.", "LP", "Inc.", "Inc", "Ltd.",
    "Limited", "Corp.", "Corporation", "Company", "N.A.", "S.A.", "plc", "GmbH", "Trust",
    "FBO", "f/b/o", "Mark", "Garrett", "2011", "Irrevocable", "(GP)", "(QP)", "(Cayman Feeder)",
    "(", ")", "of", "&", "and", "the", "The", "SLTA", "V", "IV", "Fund", "Fund's", "Fertitta",
    "Entertainment", ",", ".", ";", '"', "“", "”", "\x00\x00\x00", "\u0130nc", "\u017fLTA",
    "\u212aapital", "ıNC", "nccs", "NCCS-2", "xNCCS", "Mr.", "Dr.", "Hsieh", "general",
    "partner", "managing", "member",
]  # fmt: skip


def _phrase_text(rnd: random.Random, n: int) -> str:
    seps = [" ", " ", ", ", "  ", "\n", "\t", ",", "", "-"]
    return "".join(rnd.choice(_PHRASE_WORDS) + rnd.choice(seps) for _ in range(n))


@pytest.mark.parametrize("seed", range(4))
def test_entity_scan_matches_a_full_scan(seed: int) -> None:
    from ownergraph.loaders import sec_terms as sp

    rnd = random.Random(200 + seed)
    found = 0
    for _ in range(300):
        text = _phrase_text(rnd, rnd.randint(1, 90))
        want = _spans(sp.ENTITY_RE.finditer(text))
        assert _spans(sp._entities(text)) == want, text
        found += len(want)
    assert found > 100  # the texts do hold entities


@pytest.mark.parametrize("seed", range(4))
def test_name_and_alias_scans_match_a_full_scan(seed: int) -> None:
    from ownergraph.loaders import sec_terms as sp

    rnd = random.Random(300 + seed)
    names = ["NCCS New Circle Holdings, LLC", "SLTA V (GP), L.L.C", "Fund", "Inc", "ıNC Co",
             "Mark Garrett 2011 Irrevocable Trust", "Fertitta Entertainment, Inc.", "&", "",
             "Kapital Partners", "Straße Holdings"]  # fmt: skip
    found = 0
    for _ in range(200):
        text = _phrase_text(rnd, rnd.randint(1, 60))
        folded = sp._fold(text)
        assert len(folded) == len(text)
        for name in names:
            rx, first = sp._name_regex(name)
            want = _spans(rx.finditer(text))
            assert _spans(sp._finditer_at(rx, text, folded, first)) == want, (name, text)
            found += len(want)
        for term in ("Fund", "NCCS", "SLTA V GP", "\x00"):
            rx = re.compile(rf"(?<![\w\-]){re.escape(term)}(?![\w\-])")
            assert _spans(sp._finditer_at(rx, text, text, term)) == _spans(rx.finditer(text))
    assert found > 100


def test_fold_covers_every_ignorecase_twin_of_an_ascii_letter() -> None:
    """``_fold`` is sound: every character that ``re.I`` matches to ``a``..``z`` folds to it."""
    import sys

    from ownergraph.loaders import sec_lexicon as sp

    letter = re.compile("[a-z]", re.I)
    every = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    folded = sp._fold(every)
    assert len(folded) == len(every)
    for c, f in zip(every, folded, strict=True):
        if letter.fullmatch(c):
            (a,) = [x for x in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(x, c, re.I)]
            assert f == a, hex(ord(c))
        elif f.isascii() and f.isalpha():  # and nothing else folds to a letter
            raise AssertionError(hex(ord(c)))
        if not c.isalpha():  # case-less characters (spaces, "<", ".") are kept
            assert f == c or c.lower() == f, hex(ord(c))
    assert sp._fold("\u0130\u0131\u017f\u212aX") == "iiskx"


def test_mask_is_the_union_of_mentions() -> None:
    from ownergraph.loaders import sec_terms as sp

    rnd = random.Random(5)
    for _ in range(500):
        text = "".join(rnd.choice("abc ") for _ in range(rnd.randint(0, 30)))
        ments = []
        for _ in range(rnd.randint(0, 4)):
            a = rnd.randint(0, len(text))
            b = rnd.randint(a, len(text))
            ments.append(sp.Mention(a, b, (), text[a:b]))
        chars = list(text)
        for m in ments:
            for i in range(m.start, m.end):
                chars[i] = "\x00"
        assert sp._mask(text, ments) == "".join(chars)


def test_entity_scan_on_the_longest_names() -> None:
    """Names of up to eleven words, parenthesised words with spaces, long separators."""
    from ownergraph.loaders import sec_terms as sp

    rnd = random.Random(11)
    words = ["Alpha", "(Cayman Feeder Two)", "of", "&", "B2", "Gamma."]
    for _ in range(400):
        n = rnd.randint(8, 13)
        name = "".join(rnd.choice(words) + rnd.choice([" ", ",  ", "\n "]) for _ in range(n))
        text = (
            rnd.choice(["", "the ", "x (", "of A "])
            + "Zeta "
            + name
            + rnd.choice(["LLC", "L.P. FBO Mark Garrett", "Inc.", "Trust"])
        )
        assert _spans(sp._entities(text)) == _spans(sp.ENTITY_RE.finditer(text)), text


def test_every_role_match_holds_a_needle() -> None:
    from ownergraph.loaders import sec_roles as sp
    from ownergraph.loaders.sec_lexicon import _fold

    rnd = random.Random(13)
    roles = ["General Partner", "general  partner", "Managing Member", "sole member", "CEO",
             "Co-Chief Executive Officer", "Investment Advisor", "investment adviser", "OWNERS",
             "Trustee", "Stockholder", "shareholders", "PRESIDENT", "Managing Director",
             "ın direct owner", "\u017fole \u212aember"]  # fmt: skip
    hits = 0
    for _ in range(2000):
        text = " ".join(rnd.choice(roles + _PHRASE_WORDS) for _ in range(rnd.randint(1, 8)))
        if sp._ROLE_RE.search(text):
            hits += 1
            assert any(w in _fold(text) for w in sp._ROLE_NEEDLES), text
    assert hits > 500


# --------------------------------------------------------------------------- xml


def _xml_trees():
    from pathlib import Path

    from lxml import etree

    root = Path(__file__).parent / "fixtures"
    for f in sorted(root.glob("sec13dg-xml/*.xml")) + sorted(root.glob("form345/*.xml")):
        yield etree.fromstring(f.read_bytes())
    yield etree.fromstring(
        b'<a xmlns="urn:x" xmlns:p="urn:p"><!-- c --><?pi x?><b/><p:b>1</p:b>'
        b'<c><b xmlns=""/><p:d><b/></p:d></c><b/></a>'
    )


def test_children_and_descendants_by_local_name() -> None:
    from lxml import etree

    from ownergraph.loaders import sec13dg_xml, xmlsafe

    def local(el):
        return etree.QName(el.tag).localname if isinstance(el.tag, str) else ""

    for tree in _xml_trees():
        names = sorted({local(e) for e in tree.iter() if isinstance(e.tag, str)})
        for el in list(tree.iter())[:80]:
            if not isinstance(el.tag, str):
                continue
            for name in names:
                want = [c for c in el if isinstance(c.tag, str) and local(c) == name]
                assert xmlsafe.children(el, name) == want
            for pair in zip(names, names[1:] + names[:1], strict=True):
                want = [d for d in el.iter() if isinstance(d.tag, str) and local(d) in pair]
                assert sec13dg_xml._desc_all(el, *pair) == want
                assert sec13dg_xml._desc(el, *pair) == (want[0] if want else None)


def test_legacy_text_scans_match_the_regexes() -> None:
    rnd = random.Random(17)
    words = ["<TEXT>", "</TEXT>", "<text>", "</TeXt>", "<TEXT", "body", "shared", "SHARED",
             "power to vote and dispose of 1,234", "Shared Power To Vote Or Direct The Vote "
             "And Dispose Of 99", "held by the clients of", "HELD BY THE CLIENTS OF Acme",
             "on  behalf of its clients", "On\nbehalf of clients", "ON behalf", "clients have "
             "the right", "directly owned by", "prime brokerage accounts of", "\u017fhared",
             "hel\u0130", ".", "\n", " "]  # fmt: skip
    item5 = sec_legacy_findings._ITEM5_SHARED
    for _ in range(3000):
        text = "".join(rnd.choice(words) + rnd.choice(["", " ", "\n"]) for _ in range(12))
        want = [m.span(1) for m in re.finditer(r"<TEXT>(.*?)</TEXT>", text, re.S | re.I)]
        assert legacy._text_bodies(text) == want, text
        got, ref = (
            sec_legacy_holdings._holder_said(text),
            sec_legacy_holdings._HOLDER_SAID.search(text),
        )
        assert (got and got.span()) == (ref and ref.span()), text
        got = legacy._first_match_at(item5, text, legacy._occurrences(legacy._fold(text), "shared"))
        ref = item5.search(text)
        assert (got and got.span()) == (ref and ref.span()), text
