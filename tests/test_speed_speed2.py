"""Speed rewrites of room SPEED2 (issue 11) give what the plain forms they replace give.

Each fast path is compared with the plain one on generated inputs (seeded)."""

from __future__ import annotations

import random

from ownergraph.loaders import sec_cover_amounts, sec_legacy_outstanding, sec_sections
from ownergraph.loaders.form345_xml import footnote_ids
from ownergraph.loaders.sec_lexicon import _fold
from ownergraph.loaders.xmlsafe import child, children, local_name, parse_xml


def _plain_footnote_ids(el: object) -> list[str]:
    """footnote_ids as it was: every element below, its local name tested in Python."""
    out: list[str] = []
    for d in el.iter():  # type: ignore[attr-defined]
        if isinstance(d.tag, str) and local_name(d) == "footnoteId" and d.get("id"):
            if d.get("id") not in out:
                out.append(d.get("id"))
    return out


def _random_form(rng: random.Random) -> bytes:
    """A small XML tree of footnoteId elements (some namespaced, some without an id, some
    repeated), other elements, comments and processing instructions."""
    parts: list[str] = []

    def grow(depth: int) -> None:
        for _ in range(rng.randint(0, 4)):
            kind = rng.randrange(7)
            fid = rng.choice(["F1", "F2", "F3", "F10", "", None])
            attr = "" if fid is None else f' id="{fid}"'
            if kind == 0:
                parts.append(f"<footnoteId{attr}/>")
            elif kind == 1:
                parts.append(f"<p:footnoteId{attr}/>")
            elif kind == 2:
                parts.append(f'<footnoteId xmlns="urn:x"{attr}/>')
            elif kind == 3:
                parts.append("<!-- footnoteId -->")
            elif kind == 4:
                parts.append("<?footnoteId x?>")
            elif kind == 5:
                parts.append(f"<footnoteIds{attr}/>")
            elif depth < 4:
                tag = rng.choice(["value", "p:row", "ownershipNature"])
                parts.append(f"<{tag}>")
                grow(depth + 1)
                parts.append(f"</{tag}>")

    grow(0)
    return ('<r xmlns:p="urn:p">' + "".join(parts) + "</r>").encode()


def test_footnote_ids_equals_the_plain_walk() -> None:
    rng = random.Random(11)
    seen = 0
    for _ in range(3000):
        root = parse_xml(_random_form(rng), path="t")
        for el in root.iter():
            if isinstance(el.tag, str):
                assert footnote_ids(el) == _plain_footnote_ids(el)
                seen += bool(_plain_footnote_ids(el))
    assert seen > 1000  # the generator does cite footnotes
    assert footnote_ids(None) == []


_EXHIBIT_WORDS = [
    "EXHIBIT", "Exhibit", "exhibit", "EXH\u0130B\u0130T", "Exh\u0131bit", "EXHIBITS", "XEXHIBIT",
    " ", " ", "  ", "\t", "\n", "\n", "\n\n", "\r", "\x0c", "\x1c", "\x85", "\u2028", "\xa0",
    "*", "#", ">", "|", "<b>", "</B>", "<a name='exhibit'>", "<p\n>", "<", "NO.", "No", "no.",
    "1", "99.1", "99.12", "10", "A", "B", "AB", "ABC", "to", "of", "hereto", "attached",
    "Item 2.", "SIGNATURE", "the", "filing", ".", "-", ":",
    "\nEXHIBIT 1", "\n  Exhibit A\n", "\n<b>EXHIBIT 99.1</b>", "\n*\t<i>Exhibit No. 2",
    "\n<b>\n\n", "\n \x0c\n",
]  # fmt: skip


def test_exhibit_heads_equals_finditer() -> None:
    rng = random.Random(7)
    matched = 0
    for _ in range(20_000):
        text = "".join(rng.choice(_EXHIBIT_WORDS) for _ in range(rng.randint(0, 30)))
        start = rng.choice([0, 0, rng.randint(0, len(text))])
        end = rng.choice([len(text), len(text), rng.randint(start, len(text))])
        plain = [(m.span(), m.group(1)) for m in sec_sections._EXHIBIT.finditer(text, start, end)]
        fast = [
            (m.span(), m.group(1))
            for m in sec_sections._exhibit_heads(text, _fold(text), start, end)
        ]
        assert fast == plain, (text, start, end)
        matched += bool(plain)
    assert matched > 2000  # the generator does make headings


_OUTSTANDING_WORDS = [
    "1,000,000", "12,345,678", "9,600,000", "1234,567,890", "2,000", ",", ",000", "7",
    "\u0663,\u0663\u0663\u0663,\u0663\u0663\u0663", "shares", "Shares", "SHARES", "hares", "sshares",
    " ", " ", "\n", "\t", "\xa0", "of", "the", "Company's", "Class", "A", "common stock",
    "Common Stock", "common shares", "issued and", "outstanding", "as of", "March 1, 2005",
    "of the Issuer", ";", "(", ")", "9,600,000 shares of Common Stock outstanding",
    "12,345,678 Shares of the Company's Class A common stock issued and outstanding",
    "1,000,000 shares of the Shares outstanding as of March 1, 2005", "shares of Common Stock",
]  # fmt: skip


def test_outstanding_statement_equals_search() -> None:
    rng = random.Random(13)
    found = 0
    for _ in range(20_000):
        words = [rng.choice(_OUTSTANDING_WORDS) for _ in range(rng.randint(0, 24))]
        text = "".join(w + rng.choice(["", " ", " ", "\n", "\t", "\xa0 "]) for w in words)
        start = rng.choice([0, 0, rng.randint(0, len(text))])
        plain = sec_legacy_outstanding._OUTSTANDING.search(text, start)
        fast = sec_legacy_outstanding._statement(text, start)
        assert (fast and (fast.span(), fast.groupdict())) == (
            plain and (plain.span(), plain.groupdict())
        ), (text, start)
        found += plain is not None
    assert found > 1000  # the generator does state outstanding shares


def test_blank_lines_equals_the_pattern() -> None:
    rng = random.Random(17)
    words = [" ", "\t", "\n", "\r", "x", "ab", " \n", "\n\n", "\n \t\n", "\xa0", "\x0c", "\u2028"]
    joined = 0
    for _ in range(50_000):
        text = "".join(rng.choice(words) for _ in range(rng.randint(0, 16)))
        plain = sec_sections._BLANK_LINES.sub("\n\n", text)
        assert sec_sections._blank_lines(text) == plain, text
        joined += plain != text
    assert joined > 10_000  # the generator does make blank lines


def test_page_furniture_guard_keeps_every_match() -> None:
    """sec_cover_amounts._amount_text tries _PAGE_FURNITURE only on a text that holds
    "page", "cusip" or a form feed (any case), or is not ASCII: every match is in one."""
    rng = random.Random(19)
    words = [
        "<PAGE>", "<page>", "CUSIP", "Cusip No.", "CUSIP NUMBER", "CUSIP #", "CUſIP", "Page 3 of 9",
        "PAGE 4", "-4-", "- 12 -", "-0-", "\x0c", "\n", "\n\n", " ", "\t", "13D", "7", "1,000",
        "SOLE VOTING POWER", "pages", "Pag", "e", "CUS", "IP",
    ]  # fmt: skip
    hits = 0
    for _ in range(30_000):
        text = "".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
        if sec_cover_amounts._PAGE_FURNITURE.search(text):
            hits += 1
            low = text.lower()
            assert not text.isascii() or "page" in low or "cusip" in low or "\x0c" in text
    assert hits > 5000


def test_child_is_the_first_of_children() -> None:
    """xmlsafe.child takes the first element lxml's iterchildren gives, as children()[0]."""
    rng = random.Random(23)
    tags = ["a", "b", "p:a", "p:b", "value"]
    for _ in range(2000):
        parts: list[str] = []

        def grow(depth: int, parts: list[str]) -> None:
            for _ in range(rng.randint(0, 3)):
                tag = rng.choice(tags)
                if rng.random() < 0.2:
                    parts.append(f"<!-- {tag} -->")
                parts.append(f"<{tag} n='{len(parts)}'>")
                if depth < 3:
                    grow(depth + 1, parts)
                parts.append(f"</{tag}>")

        grow(0, parts)
        root = parse_xml(('<r xmlns:p="urn:p">' + "".join(parts) + "</r>").encode(), path="t")
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for path in (("a",), ("b",), ("a", "b"), ("b", "a", "value"), ("z",), ("a", "z")):
                plain: object = el
                for name in path:
                    found = children(plain, name)  # type: ignore[arg-type]
                    plain = found[0] if found else None
                assert child(el, *path) is plain
    assert child(None, "a") is None
