"""Forms 3/4/5 footnote text made readable for the shared relation grammar
(:mod:`loaders.sec_grammar`), used by :mod:`loaders.form345` before the grammar reads the
footnotes. Each rule is general (checked over the 453 Forms 3/4/5 of ../shared/corpus):

- :func:`register_long_names`: names the grammar's entity pattern would cut or prefix are
  registered whole -- a trust named after two persons ("Reid Hoffman and Michelle Yee
  Living Trust") and its defined term, an account held for someone ("PENSCO Trust Company
  FBO Max Levchin Roth IRA"), the object of a capitalised title ("a Director of SC US
  (TTGP), Ltd.", "the General Partner of The Founders Fund IV, LP"), a hyphenated or
  slashed fund name ("Craft Ventures I-A, L.P.", "SC US/E Expansion Fund I Management, L.P.").
- :func:`register_persons`, :func:`middle_name_spellings`: persons named only in words
  ('Ajay Royan ("Royan")', "Ajay Royan ... Mr. Royan"), a filer with his middle name.
- :func:`split_enumeration`: "S is (i) the general partner of A ...; (ii) ..." one item
  per sentence; :func:`bare_terms`: "Fund, LP (GGF)" -- the unquoted term is an alias.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ownergraph.loaders.form345_names import TRUST_AFTER_PERSONS
from ownergraph.loaders.sec_terms import Mention, NameBook

HELD_BY = re.compile(
    r"\b(?:held|owned)\s+(?:directly\s+|indirectly\s+|of\s+record\s+)*(?:by|through)\s+(?:the\s+)?",
    re.I,
)
#: "PENSCO Trust Company FBO Max Levchin Roth IRA", "Fidelity Investments f/b/o John Doe IRA"
_FBO = re.compile(
    r"[A-Z][\w.&'\-]*(?:\s+[A-Z][\w.&'\-]*){0,6}\s+(?:FBO|F/B/O|f/b/o|for\s+the\s+benefit\s+of)"
    r"(?:\s+[A-Z][\w&'\-]*(?:\.(?=\w))?){1,8}"
)
#: a defined term after the name, in the same sentence: '... Living Trust dated ... (the "Living Trust")'
_TITLES = (
    r"(?:Co-)?(?:Managing\s+)?(?:General\s+)?(?:Director|Partner|Manager|Member|Trustee|Officer"
    r"|Principal)s?|(?:Investment\s+)?Committee|President|Chairman|Chief\s+\w+\s+Officer|Investment\s+(?:Manager|Advis[eo]r)"
)
_TITLE_OF = re.compile(rf"\b(?:{_TITLES})\s+of\s+(?:each\s+of\s+)?")
#: A word every match of :data:`_TITLE_OF` holds (a fast test before the pattern).
_TITLE_LITERALS = (
    "Director",
    "Partner",
    "Manager",
    "Member",
    "Trustee",
    "Officer",
    "Principal",
    "Committee",
    "President",
    "Chairman",
    "Advis",
)
_TITLE_WORD = re.compile(rf"(?:{_TITLES})\b")
_HYPHEN_NAME = re.compile(
    r"\b[A-Z][\w.&']*(?:\s+[A-Z0-9][\w.&']*)*(?:\s+[-\u2013]\s+[A-Z][\w&']*(?:\s+[A-Z0-9][\w&']*)*"
    r"|\s+[A-Z0-9]+-[A-Z0-9]+"  # "SCGGF III - Endurance Partners ...", "Craft Ventures I-A"
    r"|\s+[A-Z0-9]+/[A-Z0-9]+(?:\s+[A-Z0-9][\w&']*)*)"  # "SC US/E Expansion Fund I Management"
    r",?\s+(?:L\.P\.|LP|L\.L\.C\.|LLC|Ltd\.|Inc\.)"
)
#: ... or a trust known by its acronym: "the Jane Doe 2019 GRAT" (grantor retained annuity
#: trust), CRUT / CRAT / CLAT (charitable remainder / lead trusts), IDGT, QPRT, SLAT
_FOUNDATION = re.compile(
    r"[A-Z][\w.&'\-]*(?:\s+(?:[A-Z0-9][\w.&'\-]*|of|and|for|&)){0,6}?\s+"
    r"(?:Foundation|GRAT|CRUT|CRAT|CLAT|IDGT|QPRT|SLAT)\b"
)
_SENTENCE_END = re.compile(
    r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!\bJr)(?<!\b[A-Z])\.\s+(?=[A-Z])"
)
_TERM = re.compile(r"""\((?:the\s+)?["“]([^"”]{2,40})["”]\)""")


def defined_terms(texts: list[str]) -> frozenset[str]:
    """The quoted terms the texts define ('(the "Living Trust")', '("FF IV Management")').

    >>> sorted(defined_terms(['Fund IV Management, LLC ("FF IV Management")']))
    ['FF IV Management']
    """
    return frozenset(m.group(1) for t in texts for m in _TERM.finditer(t))


def register_long_names(
    text: str, book: NameBook, terms: frozenset[str] = frozenset()
) -> list[str]:
    """Register the names the grammar would cut or prefix (the holders a "held by" names,
    the object of a title: "a Director of SC US (TTGP), Ltd."), except the defined
    ``terms`` (they are the parties they define); returns the names registered.

    >>> b = NameBook(issuer_key="i")
    >>> register_long_names("Shares are held by PENSCO Trust Company FBO Max Levchin Roth IRA.", b)
    ['PENSCO Trust Company FBO Max Levchin Roth IRA']
    """
    from ownergraph.loaders.form345_names import party_named

    out: list[str] = []
    # the object of a capitalised title ("a Director of SC US (TTGP), Ltd.", "the General
    # Partner of The Founders Fund IV, LP"): the name after "of", not the title with it
    titled = any(w in text for w in _TITLE_LITERALS)  # every title holds one of them
    for m in _TITLE_OF.finditer(text) if titled else ():
        sub = text[m.end() : m.end() + 200]
        # discovered on a scratch book: the sentence's other names are not registered here
        first = next(iter(NameBook(issuer_key="").mentions(sub)), None)
        if first is None or first.start > 4 or _TITLE_OF.match(first.surface):
            continue
        name = sub[first.start : first.end]
        if sub[: first.start].strip() == "The":  # "The Founders Fund IV, LP" as printed
            name = sub[: first.end]
        if not _TITLE_WORD.match(name) and name not in terms:
            book.key_for_text_name(name)
            out.append(name)
    # a name with a spaced hyphen: "SCGGF III - Endurance Partners Management, L.P."
    joined = "-" in text or "\u2013" in text or "/" in text  # every such name holds one
    for m in _HYPHEN_NAME.finditer(text) if joined else ():
        book.key_for_text_name(m.group(0))
        out.append(m.group(0))
    for m in HELD_BY.finditer(text):
        for rx in (_FBO, TRUST_AFTER_PERSONS):
            n = rx.match(text, m.end())
            if n and (rx is _FBO or re.search(r"\s(?:and|&)\s", n.group(0))):
                name = n.group(0).strip(" .,")
                key = party_named(name, book)
                out.append(name)
                # its defined term, when made of the name's own words, is that party
                stop = _SENTENCE_END.search(text, n.end())
                t = _TERM.search(text, n.end(), stop.start() + 1 if stop else len(text))
                words = set(re.findall(r"\w+", name.casefold()))
                if t and set(re.findall(r"\w+", t.group(1).casefold())) <= words:
                    book.add_alias(t.group(1), (key,))
                break
        else:  # a foundation the entity pattern does not find: "by the Smith Foundation"
            f = _FOUNDATION.match(text, m.end())
            if f and not any(x.start == m.end() for x in book.mentions(text[m.end() : f.end()])):
                out.append(f.group(0))
                party_named(f.group(0), book)
    return out


_PERSON_TERM = re.compile(
    r"""\b(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+){1,2})\s*\(["“](?P<t>[A-Z][a-z]+)["”]\)"""
)
#: a full personal name in a subject list with a known party: "X and Jane Roe are the ...",
#: "Jane Roe and the Reporting Person are ..."
_NAME = r"[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]{2,}"
_IN_SUBJECT_LIST = re.compile(
    rf"(?:\band|,)\s+(?P<a>{_NAME})\s+(?:are|each\s+serve|serve)\s+(?:as\s+)?(?:the|each|both|co-)\b"
    rf"|\b(?P<b>{_NAME})\s+and\s+(?:the\s+)?[Rr]eporting\s+[Pp]erson\s+are\b"
)
_TITLED = re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\.\s+(?P<s>[A-Z][a-z]{2,})\b")
#: "Messrs. Royan and Thiel"
_MESSRS = re.compile(
    r"\bMessrs\.\s+(?P<list>[A-Z][a-z]+(?:,\s+[A-Z][a-z]+)*,?\s+and\s+[A-Z][a-z]+)"
)
NOT_FIRST = frozenset(
    "The This These Each Both Such Shares Securities Class Common Series Mr Ms Mrs Dr".split()
)
#: A full personal name in a list of holders: "Jane Roe", "John A. Smith"
LISTED_PERSON = re.compile(r"[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2}")


def listed_party(
    text: str, pos: int, ments: Sequence[Mention], book: NameBook
) -> tuple[str, int] | None:
    """The party a list names at ``pos`` and where it ends: a known mention of one party,
    or a full personal name the form names nowhere else (registered as a new person);
    ``None`` when neither starts there."""
    from ownergraph.graph.ids import party_id

    m = next((x for x in ments if x.start == pos), None)
    if m is not None and len(m.keys) == 1:
        return m.keys[0], m.end
    p = LISTED_PERSON.match(text, pos)
    if p is None or p.group(0).split()[0] in NOT_FIRST:
        return None
    key = party_id(name=p.group(0))
    book.add_party(key, p.group(0), person=True)
    return key, p.end()


def register_persons(texts: list[str], book: NameBook) -> list[str]:
    """Persons the footnotes name only in words: 'Ajay Royan ("Royan")' (a term that is
    the name's last word), or a full name whose surname the text uses with a title
    ("Ajay Royan, a member of ..." then "Mr. Royan" / "Messrs. Royan and Thiel").
    Registered as persons (``person=True``); returns the names.

    >>> b = NameBook(issuer_key="i")
    >>> register_persons(['Ajay Royan, a member of the board, is the authorized person of'
    ...     ' GP LP. Mr. Royan and Peter Thiel are the members.'], b)
    ['Peter Thiel', 'Ajay Royan']
    """
    from ownergraph.graph.ids import party_id

    joined = "\n".join(texts)
    # (each pattern tried only when the text holds its literal: "Mr.", "Messrs.", '("')
    titled = any(t in joined for t in ("Mr.", "Ms.", "Mrs.", "Dr."))
    surnames = {m.group("s") for m in _TITLED.finditer(joined)} if titled else set()
    for m in _MESSRS.finditer(joined) if "Messrs." in joined else ():
        surnames |= set(re.findall(r"[A-Z][a-z]+", m.group("list")))
    found: dict[str, str] = {}
    for m in _IN_SUBJECT_LIST.finditer(joined):  # "The reporting person and Jane Roe are the"
        name = m.group("a") or m.group("b")
        if name.split()[0] not in NOT_FIRST:
            found.setdefault(name.split()[-1], name)
    for m in _PERSON_TERM.finditer(joined) if '("' in joined or "(“" in joined else ():
        if m.group("name").split()[-1] == m.group("t"):
            found.setdefault(m.group("t"), m.group("name"))
    for sn in surnames - set(found):
        full = re.search(rf"\b([A-Z][a-z]+(?:\s+[A-Z]\.)?)\s+{sn}\b", joined)
        if full and full.group(1).split()[0] not in NOT_FIRST:
            found[sn] = f"{full.group(1)} {sn}"
    out = []
    for sn, name in found.items():
        if any(sn in book.names.get(k, "").split() for k in book.persons):
            continue  # a person the book knows already (the reporting owner)
        if any(name in sp for k in book.names for sp in book.spellings.get(k, [])):
            continue  # part of a known name ("Reid Hoffman and Michelle Yee Living Trust")
        book.add_party(party_id(name=name), name, person=True)
        out.append(name)
    return out


_ENUM_START = re.compile(r"\s+(?P<verb>is|are)\s+\(i\)\s+")
_ROMAN = ("ii", "iii", "iv", "v", "vi", "vii", "viii")


def split_enumeration(text: str, book: NameBook) -> str:
    """ "S is (i) the general partner of A, which is ...; (ii) the general partner of B ...;
    and (iii) ..." read as one sentence per item ("S is the general partner of A, which is
    .... S is the general partner of B ..."), so that each item's chain reads like any other.

    >>> b = NameBook(issuer_key="i"); b.add_party("s", "SC US (TTGP), Ltd.")
    >>> split_enumeration("SC US (TTGP), Ltd. is (i) the general partner of A LP; and (ii) the"
    ...     " general partner of B LP.", b)
    'SC US (TTGP), Ltd. is the general partner of A LP. SC US (TTGP), Ltd. is the general partner of B LP.'
    """
    out = text
    for m in reversed(list(_ENUM_START.finditer(text))):
        subj = next((x for x in book.mentions(text) if x.end == m.start()), None)
        if subj is None:
            continue
        head = f"{text[subj.start : subj.end]} {m.group('verb')} "
        body = out[m.end() :]  # later enumerations are rewritten already
        for r in _ROMAN:
            sep = re.search(rf"\s*[;,]?\s*(?:and\s+)?\({r}\)\s+", body)
            if not sep:
                break
            body = body[: sep.start()].rstrip(" ;,") + ". " + head + body[sep.end() :]
        out = out[: m.start()] + f" {m.group('verb')} " + body
    return out


_BARE_TERM = re.compile(r" \((?P<abbr>[A-Z][A-Z0-9]{1,8}(?:[ \-][A-Z0-9]{1,8}){0,2})\)(?=[\s,;.)])")


def bare_terms(text: str, book: NameBook) -> str:
    """A term defined without quotes right after a name ("Sequoia Capital Global Growth
    Fund, LP (GGF)") is that party's alias; the text is returned without it, so that a list
    of such names reads as a list.

    >>> b = NameBook(issuer_key="i"); b.add_party("g", "Sequoia Capital Global Growth Fund, LP")
    >>> bare_terms("each of Sequoia Capital Global Growth Fund, LP (GGF) and X", b)
    'each of Sequoia Capital Global Growth Fund, LP and X'
    >>> b.aliases["GGF"]
    ('g',)
    """
    ments = book.mentions(text)
    cut: list[tuple[int, int]] = []
    for m in _BARE_TERM.finditer(text):
        name = next((x for x in ments if x.end == m.start()), None)
        if name is None or m.group("abbr") in book.names.values():
            continue
        book.add_alias(m.group("abbr"), name.keys)
        cut.append(m.span())
    for a, b in reversed(cut):
        text = text[:a] + text[b:]
    return text


def middle_name_spellings(texts: list[str], book: NameBook, owners: list[tuple[str, str]]) -> None:
    """A reporting person named with a middle name or initial in the text ("Roelof Frederik
    Botha" for the filer "Roelof Botha") is that person."""
    joined = "\n".join(texts)
    for key, name in owners:
        parts = name.split()
        if len(parts) != 2:
            continue
        first, last = (re.escape(p) for p in parts)
        for m in re.finditer(rf"\b{first}\s+(?:[A-Z][a-z]+|[A-Z]\.)\s+{last}\b", joined):
            book.add_party(key, name, person=True, spellings=[m.group(0)])


#: "(continued from footnote 2)", "(Continued from Footnote 2)", "(continued from
#: footnote2)" at the head of a footnote
_CONTINUED = re.compile(
    r"\s*\(?\s*continued\s+from\s+footnote\s*\(?(?P<n>\d+)\)?\s*\)?[.:]?\s*", re.I
)


def join_continued(texts: dict[str, str]) -> dict[str, str]:
    """Footnotes as the grammar reads them: a footnote that opens "(continued from footnote
    N)" is read as the rest of footnote N (a sentence split between two footnotes reads
    whole) and not again on its own. Ids are matched by number ("footnote 2" = "F2").

    >>> join_continued({"F2": "A, LLC is the general partner of B, L.P.,",
    ...                 "F3": "(continued from footnote 2) and the managing member of C, LLC."})
    {'F2': 'A, LLC is the general partner of B, L.P., and the managing member of C, LLC.'}
    """
    by_number = {re.sub(r"\D", "", fid): fid for fid in texts}
    out = dict(texts)
    into: dict[str, str] = {}  # a continuation -> the footnote that took it in
    for fid, t in texts.items():
        m = _CONTINUED.match(t)
        head = by_number.get(m.group("n")) if m else None
        while head in into:  # F4 continues F3, which continues F2
            head = into[head]
        if head is None or head == fid or head not in out:
            continue
        out[head] = f"{out[head]} {t[m.end() :]}".strip()
        into[fid] = head
        del out[fid]
    return out


#: '("The GF VII Funds")', '(collectively, the "XII Funds")' right after a name
_COLLECTIVE = re.compile(
    r"""\s*\((?:collectively,?\s+|together,?\s+)?(?:the\s+)?["“](?P<t>[^"”]{2,40})["”]\)""", re.I
)


#: a quick look before reading names: "... and B ... ("Term")" in one stretch
_AFTER_A_LIST = re.compile(
    r"""\sand\s[^()]{3,160}?\(\s*(?:collectively,?\s+|together,?\s+)?(?:the\s+)?["“]""", re.I
)


def collective_terms(text: str, book: NameBook) -> str:
    """A quoted term after a list of names ("A, L.P. and B, L.P. ("The GF VII Funds")")
    names them all: the term becomes an alias of every party of the list, and the text
    comes back without the parenthesis so the grammar reads the list as one object ("the
    general partner of A and B"). A term after one name is left to the grammar.

    >>> b = NameBook(issuer_key="i")
    >>> collective_terms('the general partner of Alpha Fund, L.P. and Beta Fund, L.P.'
    ...                  ' ("The AB Funds"), and of Gamma, L.P.', b)
    'the general partner of Alpha Fund, L.P. and Beta Fund, L.P., and of Gamma, L.P.'
    >>> [b.names[k] for k in b.aliases["The AB Funds"]]
    ['Alpha Fund, L.P.', 'Beta Fund, L.P.']
    """
    if "(" not in text or ('"' not in text and "“" not in text):
        return text
    if not _AFTER_A_LIST.search(text):
        return text
    ments = sorted(book.mentions(text), key=lambda m: m.start)
    cuts: list[tuple[int, int]] = []
    for m in _COLLECTIVE.finditer(text):
        last = next((x for x in reversed(ments) if x.end <= m.start()), None)
        if last is None or text[last.end : m.start()].strip():
            continue
        items = [last]
        for x in reversed([x for x in ments if x.end <= last.start]):
            if not re.fullmatch(
                r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?", text[x.end : items[-1].start], re.I
            ):
                break
            items.append(x)
        if len(items) < 2:
            continue
        keys = tuple(dict.fromkeys(k for x in reversed(items) for k in x.keys))
        book.add_alias(m.group("t"), keys)
        if book.aliases.get(m.group("t")) == keys:
            cuts.append((m.start(), m.end()))
    for a, b in reversed(cuts):
        text = text[:a] + text[b:]
    return text


#: "a trustee of the trust", "the general partner of such partnership"
_ANAPHORA = re.compile(
    r"\b(?P<lead>of|for|over|by)\s+(?:the|such|said|that)\s+(?P<kind>trust|partnership|fund|LLC)"
    r"(?!\s+(?:[A-Z0-9]|agreement|instrument|document))\b",
)
_KIND_IN_NAME = {
    "trust": re.compile(r"\bTrust\b", re.I),
    "partnership": re.compile(r"\b(?:L\.?P\.?|Limited\s+Partnership|Partnership)(?:\W|$)", re.I),
    "fund": re.compile(r"\bFund\b", re.I),
    "LLC": re.compile(r"\b(?:LLC|L\.L\.C\.)(?:\W|$)", re.I),
}


def resolve_anaphora(text: str, book: NameBook) -> str:
    """ "held by the Smith Family Trust. The Reporting Person is a trustee of the trust":
    "the trust" (the partnership, the fund, the LLC) after a role word is the one party of
    that kind the text named before it; the text comes back with the name in its place so
    the grammar reads the role. Nothing changes when none or several such parties precede.

    >>> b = NameBook(issuer_key="i"); b.add_party("r", "John Doe", person=True)
    >>> b.add_alias("Reporting Person", ("r",))
    >>> resolve_anaphora("Held by the Smith Family Trust. The Reporting Person is a trustee"
    ...                  " of the trust.", b)
    'Held by the Smith Family Trust. The Reporting Person is a trustee of Smith Family Trust.'
    """
    if not _ANAPHORA.search(text):
        return text
    ments = sorted(book.mentions(text), key=lambda m: m.start)
    out, last = [], 0
    for m in _ANAPHORA.finditer(text):
        rx = _KIND_IN_NAME[m.group("kind")]
        before = {
            x.keys[0]
            for x in ments
            if x.end <= m.start() and len(x.keys) == 1 and rx.search(book.names.get(x.keys[0], ""))
        }
        if len(before) != 1:
            continue
        out.append(text[last : m.start()] + f"{m.group('lead')} {book.names[before.pop()]}")
        last = m.end()
    return "".join(out) + text[last:] if out else text


#: "Omega Capital GP, LLC, its general partner": a role apposed to a name with "its"
_ITS_ROLE = re.compile(
    r",\s+its\s+(?P<role>(?:sole\s+)?(?:general\s+partner|managing\s+member|manager|sole\s+member"
    r"|investment\s+(?:manager|adviser|advisor)|trustee))\b",
    re.I,
)


def resolve_its(text: str, book: NameBook) -> str:
    """ "held by Omega Fund, L.P. Jane Roe is the managing member of Omega GP, LLC, its
    general partner": "its" is the one entity the text named before the apposed name (not
    a person, not the issuer, not that name itself); the text comes back with "the general
    partner of Omega Fund, L.P." in its place so the grammar reads the role. Nothing
    changes when none or several entities precede.

    >>> b = NameBook(issuer_key="i"); b.add_party("r", "Jane Roe", person=True)
    >>> b.add_party("f", "Omega Fund, L.P."); b.add_party("g", "Omega GP, LLC")
    >>> resolve_its("Held by Omega Fund, L.P. Jane Roe is the managing member of Omega GP,"
    ...             " LLC, its general partner.", b)
    'Held by Omega Fund, L.P. Jane Roe is the managing member of Omega GP, LLC, the general partner of Omega Fund, L.P..'
    """
    if not _ITS_ROLE.search(text):
        return text
    ments = sorted(book.mentions(text), key=lambda m: m.start)
    out, last = [], 0
    for m in _ITS_ROLE.finditer(text):
        y = next((x for x in ments if x.end == m.start() and len(x.keys) == 1), None)
        if y is None:
            continue
        before = {
            x.keys[0]
            for x in ments
            if x.end <= y.start
            and len(x.keys) == 1
            and x.keys[0] not in book.persons
            and x.keys[0] not in (book.issuer_key, y.keys[0])
        }
        if len(before) != 1:
            continue
        role = " ".join(m.group("role").split())
        out.append(text[last : m.start()] + f", the {role} of {book.names[before.pop()]}")
        last = m.end()
    return "".join(out) + text[last:] if out else text


#: "..., or collectively, the SC 2010 Funds", "(collectively, the "GF VII Funds")"
_COLLECTIVELY = re.compile(
    r"\bcollectively,?\s+(?:the\s+)?[\"“]?(?P<t>[A-Z][\w.&'\- ]{0,40}?\s(?:Funds|Entities|Partnerships"
    r"|Trusts|Vehicles|Accounts|Affiliates))\b[\"”]?"
)


def collective_words(text: str) -> list[str]:
    """The collective names a footnote gives ("the SC 2010 Funds") in text order: the
    words for an intermediary the row does not name one by one (convention 7).

    >>> collective_words("... each of A, L.P. and B, L.P., or collectively, the SC 2010 Funds.")
    ['SC 2010 Funds']
    """
    return list(dict.fromkeys(m.group("t") for m in _COLLECTIVELY.finditer(text)))


#: A relative who holds a row the form does not name ("held by the reporting person's
#: spouse", "by his wife", "his minor children"): the document's own words (convention 1).
_RELATIVE = re.compile(
    r"\b(?:(?:his|her|their|the\s+reporting\s+person['’]s|the\s+Reporting\s+Person['’]s)\s+)"
    r"(?:minor\s+)?(?:spouse|wife|husband|children|child|sons?|daughters?)\b",
    re.I,
)


def relative_words(text: str) -> list[str]:
    """The words naming a relative who holds the row, in text order.

    >>> relative_words("Shares held by the reporting person's spouse. The reporting person"
    ...                " disclaims beneficial ownership.")
    ["the reporting person's spouse"]
    """
    return list(dict.fromkeys(" ".join(m.group(0).split()) for m in _RELATIVE.finditer(text)))
