"""Forms 3/4/5: who holds an indirect row, named from the nature of ownership and its
footnotes (the relation grammar itself is :mod:`loaders.sec_grammar`).

Rules, each general (checked over the 453 Forms 3/4/5 of ../shared/corpus), tried in turn
after the footnote phrase "held (of record / directly) by X" (in :mod:`loaders.form345`):

1. **A footnote that is only a name**: "The Elon Musk Revocable Trust dated July 22,
   2003." on a "by Trust" row names the trust (a trailing "dated ...", "u/a/d ..." or
   "(the "Trust")" is part of a trust's designation, not another statement).
2. **The nature names the holder**: "By Levchin 2012 Irrevocable Trust", "Held through
   X", or the bare name "Sequoia Capital XII, L.P." -- when the words after "by" /
   "through" are one name (a party of the document, or an entity by its legal form or
   entity word) and not a generic word ("By Trust", "By LLC", "By estate planning
   vehicle", "By spouse"); a shortened name ("Sequoia Grove II") is the party its
   footnote names in full ("a member of Sequoia Grove II, LLC").
3. **A generic nature and a footnote naming one such intermediary**: "By LP" + a footnote
   that names exactly one party (not a reporting owner, not the issuer) whose name has
   the nature's word ("LP" -> "Mithril II LP"; "Trust" -> "the Gupta Family Trust").

Otherwise the intermediary is not named: it stays anonymous, one party per (reporting
owner, nature, footnotes) in a filing -- the same "By Trust" on eight rows is one trust --
with the reason in its name ("unnamed intermediary (By Trust; F2)").
"""

from __future__ import annotations

import re
from typing import Any

from ownergraph.graph.ids import normalize_name
from ownergraph.graph.vocab import DirectOrIndirect
from ownergraph.loaders.form345_apposition import appositive_name, appositive_names
from ownergraph.loaders.sec_lexicon import looks_like_entity
from ownergraph.loaders.sec_terms import NameBook

_LEAD = re.compile(r"^\s*(?:(?:held\s+)?(?:indirectly\s+)?(?:through|by|via)\s+)", re.I)
#: What may follow a trust's name in a name-only footnote: its date and its defined term.
_DESIGNATION = re.compile(
    r"""^[\s,]*(?:(?:dated|u/a/d|u/a|uad|under\s+(?:trust\s+)?agreement\s+dated)\b[^.;]*)?"""
    r"""[\s,]*(?:\((?:the\s+)?["“][^"”]{1,60}["”]\))?[\s.,;]*$""",
    re.I,
)
#: Words that name a kind of intermediary, not one intermediary.
_GENERIC = frozenset(
    """by the a an his her their its my our of and or for in through held via indirect
    indirectly trust trusts trustee family revocable irrevocable living grantor annuity
    retained grat grats llc llcs lp lps l p limited liability company companies
    partnership partnerships general partner fund funds foundation foundations corporation
    corp inc entity entities vehicle vehicles estate planning spouse wife husband children
    child son daughter minor ira 401 k 401k plan plans custodian account accounts
    charitable remainder see footnote footnotes note reporting person persons owner owners
    investment investments holdings affiliate affiliates affiliated fbo benefit childrens sons
    daughters grandchildren grandchild grandchildrens descendants spousal marital gst exempt
    roth spouses wifes husbands""".split()
)
#: The word in a generic nature and what an intermediary's name has to carry for it.
_KIND_WORDS = {
    "trust": r"\btrust\b",
    "trusts": r"\btrust\b",
    "llc": r"\bl\.?\s?l\.?\s?c\b",
    "lp": r"\bl\.?\s?p\b|limited partnership",
    "partnership": r"\bl\.?\s?p\b|partnership",
    "foundation": r"\bfoundation\b",
    "fund": r"\bfund\b",
    "grat": r"\bgrat\b|annuity trust",
    "corporation": r"\bcorp(?:oration)?\b|\binc\b",
}


def is_generic(text: str) -> bool:
    """True when a nature of ownership names a kind of intermediary, not one.

    >>> is_generic("By Trust"), is_generic("by estate planning vehicles")
    (True, True)
    >>> is_generic("By Levchin 2012 Irrevocable Trust"), is_generic("Sequoia Capital XII, L.P.")
    (False, False)
    >>> is_generic("By Trust f/b/o Children"), is_generic("Children's Trust"), is_generic("Doe Children's Trust")
    (True, True, False)
    """
    text = re.sub(r"\bf\s*/\s*b\s*/\s*o\b", "fbo", text, flags=re.I)  # "Trust f/b/o Children"
    text = re.sub(r"['’]s\b", "s", text)  # "Children's Trust": one word
    words = re.findall(r"[a-z0-9]+", normalize_name(text))
    return not words or all(w in _GENERIC or w.isdigit() and len(w) <= 3 for w in words)


def name_only(text: str, book: NameBook) -> str | None:
    """The key of the one party a footnote consists of (rule 1), else ``None``."""
    t = text.strip()
    if not t or len(t) > 200:
        return None
    body = re.sub(r"^(?:the\s+)", "", t, flags=re.I)
    ments = book.mentions(body)
    if len(ments) != 1 or ments[0].start > 0:
        return None
    rest = body[ments[0].end :]
    if not _DESIGNATION.match(rest):
        return None
    name = body[: ments[0].end]
    if is_generic(name) or not looks_like_entity(name):
        return None
    return ments[0].keys[0]


def _tokens(name: str) -> set[str]:
    """The words of a name, "U.S." as "us", "2010-Seed" as "2010" and "seed".

    >>> sorted(_tokens("Sequoia Capital U.S. Venture 2010-Seed Fund, L.P."))
    ['2010', 'capital', 'fund', 'lp', 'seed', 'sequoia', 'us', 'venture']
    """
    return set(re.findall(r"[a-z0-9]+", name.lower().replace(".", "")))


def named_in_nature(nature: str, book: NameBook, texts: list[str] = ()) -> str | None:
    """The key of the party the nature of ownership names (rule 2), else ``None``; a
    shortened name on the row ("Sequoia Grove II") is the party its footnotes ``texts``
    name in full ("Sequoia Grove II, LLC")."""
    rest = re.sub(r"(?<![A-Z])\.$", "", _LEAD.sub("", nature or "").strip()).strip()
    if not rest or is_generic(rest) or re.search(r"\bfootnote|\bsee\b|\(\d+\)$", rest, re.I):
        return None
    rest = re.sub(r"^the\s+", "", rest, flags=re.I)
    # "By Smith Family Trust dtd 1/2/2003", "By Doe Trust u/a/d 5/1/99": the trust's date
    # is part of its designation, not of its name (the printed form stays a spelling)
    printed, rest = rest, _TRUST_DATE.sub("", rest).strip()
    if not rest:
        return None
    ments = book.mentions(rest)
    if ments and ments[0].start == 0 and ments[0].end >= len(rest) - 1:
        key = ments[0].keys[0]
        if key == book.issuer_key:
            return None
        return _printed_as(key, printed, book) if printed != rest else key
    short = normalize_name(rest)
    for t in texts:  # "Sequoia Grove II" on the row, "Sequoia Grove II, LLC" in its footnote
        for m in book.mentions(t):
            full = normalize_name(t[m.start : m.end])
            if len(short.split()) >= 2 and full.startswith(short + " ") and looks_like_entity(full):
                return m.keys[0]
    # "US Venture 2010 Seed" on the row, "Sequoia Capital U.S. Venture 2010-Seed Fund, L.P."
    # in its footnote: every word of the row's name in one (and only one) footnote name
    words = _tokens(rest)
    if len(words) >= 3:
        found = {
            m.keys[0]
            for t in texts
            for m in book.mentions(t)
            if len(m.keys) == 1 and words <= _tokens(t[m.start : m.end])
        }
        if len(found) == 1:
            return found.pop()
    if len(rest) > 120 or not (looks_like_entity(rest) or _TRUST_ACRONYM.search(rest)):
        return None
    if ments and not ments[-1].end >= len(rest) - 1:
        return None  # a name and more words: not one name
    # an entity named only here, or named in full only here: its own party ("By Sequoia
    # Capital U.S. Venture 2010 Fund, LP")
    key = book.key_for_text_name(rest)
    return _printed_as(key, printed, book) if printed != rest else key


def _printed_as(key: str, printed: str, book: NameBook) -> str:
    """``key``, with the nature's printed name (when it had more: a date) kept among its
    spellings."""
    if printed != book.names.get(key) and printed not in book.spellings.setdefault(key, []):
        book.spellings[key].append(printed)
    return key


#: a trust's date after its name in a nature of ownership
_TRUST_DATE = re.compile(
    r"(?<=\bTrust)[\s,]+(?:dated|dtd\.?|u/a/d|uad|u/a|under\s+(?:trust\s+)?agreement\s+dated)\s.*$",
    re.I,
)
#: a trust known by its acronym: "The Smith 2012 GRAT"
_TRUST_ACRONYM = re.compile(r"\b(?:GRAT|CRUT|CRAT|CLAT|IDGT|QPRT|SLAT)\b")


def one_of_kind(nature: str, texts: list[str], book: NameBook, owner_keys: list[str]) -> str | None:
    """Rule 3: a generic nature ("By LP") and footnotes naming exactly one party of that
    kind that is neither a person nor the issuer, else ``None``."""
    words = [w for w in re.findall(r"[a-z]+", normalize_name(nature)) if w in _KIND_WORDS]
    if len(set(words)) != 1:
        return None
    kind = re.compile(_KIND_WORDS[words[0]], re.I)
    found: list[str] = []
    for t in texts:
        for m in book.mentions(t):
            for k in m.keys:
                name = book.names.get(k, "")
                if k == book.issuer_key or k in book.persons or k in found:
                    continue
                if kind.search(name) or kind.search(t[m.start : m.end]):
                    found.append(k)
    return found[0] if len(found) == 1 else None


#: A trust named after persons: "Reid Hoffman and Michelle Yee Living Trust",
#: "John & Jane Doe Revocable Trust" (capitalised words joined by "and" / "&" up to "Trust").
TRUST_AFTER_PERSONS = re.compile(
    r"[A-Z][\w.'\-]*(?:\s+(?:and|&)\s+[A-Z][\w.'\-]*|\s+[A-Z][\w.'\-]*)*?\s+Trust\b"
)


def party_named(name: str, book: NameBook) -> str:
    """The key of the party of this name (any spelling, "&" = "and"), else a new one."""
    want = normalize_name(name)
    for k, spellings in book.spellings.items():
        if any(normalize_name(n) == want for n in (book.names.get(k, ""), *spellings)):
            return k
    return book.key_for_text_name(name)


def full_name_key(text: str, m: Any, book: NameBook) -> str:
    """The party a mention names, or the one whose full name it begins when capitalised
    words follow it ("held directly by Greylock 15 Principals." where "Greylock 15" is a
    defined term and "Greylock 15 Principals Limited Partnership" a party): the longer name
    wins, as in any reading of a name."""
    tail = re.match(r"(?:\s+[A-Z0-9][\w&'\-]*)+", text[m.end :])
    if not tail:
        return m.keys[0]
    longer = normalize_name(text[m.start : m.end + tail.end()])
    found = {
        k
        for k, spellings in book.spellings.items()
        for n in (book.names.get(k, ""), *spellings)
        if normalize_name(n) == longer or normalize_name(n).startswith(longer + " ")
    }
    return found.pop() if len(found) == 1 else m.keys[0]


def register_appositions(text: str, book: NameBook) -> None:
    """Make each holder named before an apposition of its kind ("held by Hawthorne
    Partners, a general partnership of which ...") a party of the book, so that the
    footnote's relations to it are read like those of any named party."""
    for name in appositive_names(text):
        party_named(name, book)


def _appositive(text: str, book: NameBook, owner_keys: list[str]) -> str | None:
    """The holder named before an apposition of its kind (:mod:`loaders.form345_apposition`),
    not a reporting owner, not the issuer."""
    name = appositive_name(text)
    if name is None:
        return None
    key = party_named(name, book)
    return None if key in owner_keys or key == book.issuer_key else key


def named_holder(
    doi: DirectOrIndirect,
    nature: str | None,
    fn_texts: list[str],
    book: NameBook,
    owner_keys: list[str],
) -> tuple[str, str] | None:
    """(holder key, how it was found) from the nature of ownership and its footnotes, the
    rules of this module tried in turn (lazily: a rule that names a party
    only in prose registers it, so a later rule runs only when the earlier ones fail)."""
    rules = [
        (
            "holder named in nature of ownership",
            lambda: named_in_nature(nature or "", book, fn_texts),
        )
    ]
    if doi is DirectOrIndirect.INDIRECT:
        rules = [
            (
                "footnote names the holder",
                lambda: next(
                    (k for k in (name_only(t, book) for t in fn_texts) if k is not None), None
                ),
            ),
            (
                "footnote names the holder before an apposition of its kind",
                lambda: next(
                    (
                        k
                        for k in (_appositive(t, book, owner_keys) for t in fn_texts)
                        if k is not None
                    ),
                    None,
                ),
            ),
            *rules,
            (
                "the one intermediary of that kind the footnotes name",
                lambda: one_of_kind(nature or "", fn_texts, book, owner_keys),
            ),
        ]
    for how, rule in rules:
        key = rule()
        if key is not None:
            return key, how
    return None
