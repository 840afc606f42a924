"""Holdings the prose of a filing states per holder ("PWIMF holds 527,194 Common Shares",
"1,000 shares held directly by X", "All shares are held of record by X").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ownergraph.loaders.sec_terms import NameBook

# ------------------------------------------------------------------ stated holdings


@dataclass(frozen=True)
class StatedHolding:
    """A count of shares the text says a party holds ("PWIMF holds 527,194 Common Shares");
    ``shares`` is ``None`` for "all (the reported) shares are held by X"."""

    holder: str
    shares: float | None
    phrase: str
    span: tuple[int, int]


_COUNT = r"(?P<n>\d{1,3}(?:,\d{3})+|\d{4,})"
_SHARE_WORDS = (
    # "shares", "Common Shares", "units"; the class's words before them ("Membership
    # Units", "Class A Shares", "Ordinary Shares"), never a preferred or restricted class
    r"(?:(?:(?!(?:Series|Preferred|Restricted|Deferred|Phantom|Performance|Stock|Warrants?"
    r"|Options?|Underlying|Issuable|Convertible|Exchangeable|Subordinated|LP|OP)\b)"
    r"(?:Class\s+[A-C]|[A-Z][a-z]+)\s+){0,2}(?:shares|Shares|units|Units)|ordinary\s+shares|units)"
    r"(?:\s+of\s+(?:the\s+)?(?:Issuer['’]s\s+)?(?:Class\s+[A-C]\s+)?Common\s+Stock)?"
)
_HOLDS_AFTER = re.compile(
    rf"\s*(?:\([^()]*\)\s*)?(?:,\s*(?:an?|the)\s+[^,;()]{{0,80}},)?"
    # "X, holder of 474,052 shares": the count in an apposition
    r"(?:,\s*(?:the\s+)?(?:record\s+)?holder\s+of"
    r"|,?\s*(?:(?:directly|currently|individually|personally)\s+)?"
    # "X holds", "X is the holder of", "X is the (record and) beneficial owner of"
    r"(?:holds|held|owns|owned|is\s+the\s+(?:record\s+)?holder\s+of|beneficially\s+owns"
    r"|is\s+the\s+(?:record\s+and\s+|direct\s+)?(?:beneficial\s+|record\s+)?owner\s+of"
    # "X has direct beneficial ownership of 20,009,447 shares" (not "indirect")
    r"|ha(?:s|d)\s+direct\s+(?:beneficial\s+)?ownership\s+of))"
    rf"\s+(?:directly\s+)?(?:of\s+record\s+)?(?:an\s+aggregate\s+of\s+)?{_COUNT}\s+{_SHARE_WORDS}",
    re.I,
)
#: "held by the Issuer's Employees' Stock Ownership Plan": the issuer's possessive before
#: the holder's name (the plan, not the issuer, holds)
_ISSUERS = r"(?:(?:Issuer|Company|Corporation)['’]s\s+)?"
_HELD_BY = re.compile(
    # the first "held/owned by" after the count names its holder ("... directly held by
    # Canada Acquireco and beneficially owned by Altria Summit"); shares issuable under
    # warrants or options held by X are no holding of the common stock
    rf"{_COUNT}\s+{_SHARE_WORDS}(?:(?!\b(?:by|issuable|underlying|warrants?|options?)\b)[^.;]){{0,60}}?"
    r"\s+(?:are\s+|were\s+)?(?:held|owned)\s+"
    rf"(?:directly\s+|of\s+record\s+|beneficially\s+)*by\s+(?:the\s+)?{_ISSUERS}$",
    re.I,
)
_ALL_HELD_BY = re.compile(
    r"\bAll\s+(?:of\s+)?(?:the\s+)?(?:reported\s+)?(?:Common\s+)?(?:shares|Shares|securities)\b[^.;]{0,40}?"
    r"\s+(?:are|were)\s+(?:held|owned)\s+(?:directly\s+|of\s+record\s+)*by\s+(?:the\s+)?$",
    re.I,
)


#: A party named by its relation to the one named ("Julie F. Schauer's spouse", "his
#: wife's"): the name is not the holder's
_KIN_OF = re.compile(r"['’]s\s+(?:minor\s+|adult\s+)?[a-z]")

#: After the holder's name: the capacity it holds in ("held by the Decedent as custodian
#: for a minor child", "held by X as trustee of the Y Trust", "held by the Decedent as an
#: officer and director of Micco Corporation"): the shares are not its own
_CAPACITY = re.compile(
    r"\s*,?\s*as\s+(?:an?\s+|the\s+|its\s+|his\s+|her\s+)?(?:sole\s+|co-?)?"
    r"(?:custodian|trustee|executor|executrix|administrator|guardian|nominee|officer|director"
    r"|general\s+partner|managing\s+member|manager|agent|fiduciary)s?\b",
    re.I,
)
#: "as custodian for a minor child" / "as custodian for his minor children": the ward named
#: by the document's words (a relative, convention 1), who holds the shares
_WARD = re.compile(
    r"\s*,?\s*as\s+(?:the\s+)?(?:custodian|guardian)\s+(?:for|of)\s+"
    r"(?P<ward>(?:an?|his|her|their)\s+(?:minor\s+)?(?:child|children|son|daughter|grandchild"
    r"|grandchildren|nephew|niece))\b",
    re.I,
)

#: The count in an apposition to the name just before ("X, holder of 474,052 shares").
_APPOSED = re.compile(r"\s*,\s*(?:the\s+)?(?:record\s+)?holder\s+of\b", re.I)


#: After a count: a class other than the common stock reported ("shares of Legacy Tigo's
#: Series E preferred stock").
_OTHER_CLASS = re.compile(
    r"\s*(?:of\s+)?(?:[\w’'.]+\s+){0,3}?(?:Series\s+[A-Z]|preferred|warrants?|options?|notes?|units)\b",
    re.I,
)


def stated_holdings(text: str, book: NameBook) -> list[StatedHolding]:
    """Holdings the text states per holder: "X holds 527,194 Common Shares", "X, ..., that
    is the holder of 527,194 shares", "1,000 shares held directly by X", "All shares are
    held of record by X" (count ``None``: the filers' reported shares)."""
    if not re.search(r"\b(?:holds?|holders?|held|owns?|owned|owners?|ownership)\b", text, re.I):
        return []
    out: list[StatedHolding] = []
    ments = book.mentions(text)
    for m in ments:
        if m.keys == (book.issuer_key,) or len(m.keys) != 1:
            continue
        after = _HOLDS_AFTER.match(text, m.end)
        if (
            after
            and re.search(r"\bof\s+(?:the\s+)?$", text[max(0, m.start - 8) : m.start])
            and not _APPOSED.match(after.group(0))
        ):
            # "a wholly-owned subsidiary of the Reporting Person, is the holder": the
            # subject stands before; "director of Micco Corporation, holder of": Micco
            after = None
        if after and not _OTHER_CLASS.match(text, after.end()):
            if not _CAPACITY.match(text, _share_words_end(text, after.end())):
                key = _estate_for(book, m.surface, m.keys[0])
                out.append(_holding(key, after.group("n"), text, m.start, after.end()))
            continue
        before = text[max(0, m.start - 160) : m.start]
        if not _ends_with_by(before):
            continue  # both patterns below end with "by (the)" just before the name
        if _KIN_OF.match(text, m.end):
            continue  # "held of record by Julie F. Schauer's spouse": not hers
        hb = _HELD_BY.search(before)
        if hb and not _OTHER_CLASS.match(before, hb.end("n") + 7):
            if _CAPACITY.match(text, m.end):  # held in a capacity: not its own
                ward = _WARD.match(text, m.end)
                if ward is not None:  # the ward's ("as custodian for a minor child")
                    words = " ".join(ward.group("ward").split())
                    a = m.start - len(before) + hb.start()
                    out.append(
                        _holding(book.key_for_text_name(words), hb.group("n"), text, a, ward.end())
                    )
                continue
            out.append(
                _holding(
                    _estate_for(book, m.surface, m.keys[0]),
                    hb.group("n"),
                    text,
                    m.start - len(before) + hb.start(),
                    m.end,
                )
            )
            continue
        ab = _ALL_HELD_BY.search(before)
        if ab:
            a = m.start - len(before) + ab.start()
            out.append(
                StatedHolding(m.keys[0], None, " ".join(text[a : m.end].split()), (a, m.end))
            )
    out.extend(_subject_holdings(text, book, ments))
    return out


#: A sentence's subject named by capitalised words the book does not know, then its
#: holding ("... Fund II (QP) has direct beneficial ownership of 1,234 shares").
_SUBJECT_HOLDS = re.compile(
    r"(?:^|(?<=[.;:]\s)|(?<=\([a-z]\)\s)|(?<=\(\d\)\s))\s*(?:The\s+)?"
    r"(?P<name>(?:[A-Z0-9][\w&'’.-]*|\([A-Z][A-Za-z]*\))(?:\s+(?:[A-Z0-9][\w&'’.-]*|\([A-Z][A-Za-z]*\))){0,5})"
    r"(?=\s+(?:has|had)\s+direct\s+(?:beneficial\s+)?ownership\s+of\s)"
)
#: The phrase every ``_SUBJECT_HOLDS`` match is followed by (a fast test before it).
_HAS_DIRECT = re.compile(r"\s(?:has|had)\s+direct\s+(?:beneficial\s+)?ownership\s+of\s")
#: words that make a run no name ("Each", "It", "Such Reporting Person")
_NOT_SUBJECT = re.compile(r"^(?:Each|It|He|She|They|Such|This|That|Neither|None|No|All)\b")


def _subject_holdings(text: str, book: NameBook, ments: list) -> list[StatedHolding]:
    """Holdings of a sentence's subject named by words no mention covers ("Alpha Fund
    has direct beneficial ownership of 1,000 shares", the fund named only so in the text):
    the one known party whose name contains those words, else a party named only in the
    text (DOMAIN: a party named in the text with its count holds what the text says).

    >>> b = NameBook(issuer_key="i"); b.add_party("a", "The Alpha Opportunity Fund, L.P.")
    >>> [(h.holder, h.shares) for h in stated_holdings(
    ...     "Item 5. (a) Alpha Opportunity has direct beneficial ownership of 1,000 shares, or 5.1%.", b)]
    [('a', 1000.0)]
    """
    if "direct" not in text or not _HAS_DIRECT.search(text):
        return []  # no match can end before the phrase _SUBJECT_HOLDS looks ahead for
    out: list[StatedHolding] = []
    for sm in _SUBJECT_HOLDS.finditer(text):
        name = sm.group("name").strip(" ,")
        if _NOT_SUBJECT.match(name) or any(
            x.start < sm.end("name") and sm.start("name") < x.end for x in ments
        ):
            continue  # a known party's mention is read above
        after = _HOLDS_AFTER.match(text, sm.end("name"))
        if not after or _OTHER_CLASS.match(text, after.end()):
            continue
        key = _containing_party(name, book)
        if key is None:
            key = book.key_for_text_name(name)
        out.append(_holding(key, after.group("n"), text, sm.start("name"), after.end()))
    return out


def _containing_party(name: str, book: NameBook) -> str | None:
    """The one party of the book one of whose spellings holds the words of ``name`` in a
    row ("Alpha Opportunity" in "The Alpha Opportunity Fund, L.P."), else ``None``."""
    words = [w.casefold() for w in re.findall(r"\w+", name)]
    hits = set()
    for key, spells in book.spellings.items():
        if key == book.issuer_key:
            continue
        for s in spells:
            sw = [w.casefold() for w in re.findall(r"\w+", s or "")]
            if any(sw[i : i + len(words)] == words for i in range(len(sw) - len(words) + 1)):
                hits.add(key)
                break
    return hits.pop() if len(hits) == 1 else None


#: A person the filing calls "the Decedent" (a holder who has died)
_DECEDENT = re.compile(r"^(?:the\s+)?Decedent$", re.I)
#: The decedent's estate as the filing names it
_ESTATE = re.compile(r"^(?:the\s+)?(?:estate\s+of\s+the\s+Decedent|Decedent['’]s\s+estate)$", re.I)


def _estate_for(book: NameBook, surface: str, key: str) -> str:
    """The holder of shares the text says are owned by "the Decedent": the decedent's estate
    when the filing names it ("the estate of the Decedent"; a person who has died holds
    nothing, his shares are his estate's), else ``key``.

    >>> b = NameBook(issuer_key="i"); b.add_party("m", "Buck A. Mickel", person=True)
    >>> e = b.key_for_text_name("estate of the Decedent")
    >>> _estate_for(b, "the Decedent", "m") == e, _estate_for(b, "Mr. Mickel", "m")
    (True, 'm')
    """
    if not _DECEDENT.match(surface.strip()):
        return key
    hits = {k for k, n in book.names.items() if _ESTATE.match((n or "").strip())}
    return hits.pop() if len(hits) == 1 else key


def _ends_with_by(before: str) -> bool:
    """True when ``before`` ends with "by", "the" or the issuer's possessive ("Issuer's",
    "Company's", "Corporation's") and spaces: every match of _HELD_BY and _ALL_HELD_BY does (a cheap test before their searches, for each mention).

    >>> _ends_with_by("held of record BY "), _ends_with_by("owned by The  "), _ends_with_by("of ")
    (True, True, False)
    >>> _ends_with_by("held by the Issuer's "), _ends_with_by("the Company’s ")
    (True, True)
    """
    tail = before.rstrip()[-3:].lower()
    return tail.endswith("by") or tail in ("the", "r's", "r’s", "y's", "y’s")


_OF_CLASS = re.compile(
    r"(?:\s+of\s+(?:the\s+)?(?:Issuer['’]s\s+|Company['’]s\s+)?(?:Class\s+[A-C]\s+)?Common\s+Stock)?",
    re.I,
)


def _share_words_end(text: str, pos: int) -> int:
    """Where "of (the Issuer's) Common Stock" after a count's share words ends (``pos`` if
    none follows)."""
    m = _OF_CLASS.match(text, pos)
    return m.end() if m else pos


def _holding(key: str, n: str, text: str, a: int, b: int) -> StatedHolding:
    return StatedHolding(key, float(n.replace(",", "")), " ".join(text[a:b].split()), (a, b))
