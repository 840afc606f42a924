"""Persons named only in the prose of an SEC filing, found where the grammar needs them.

The relation grammar (:mod:`loaders.sec_grammar`) knows the parties of the cover pages and
finds entities by their legal form; a person has no legal form. A person named only in
the text is taken as a party where the sentence gives a person a role or a term:

- the subject of a role: "Gideon J. King is the President and Chief Executive Officer of
  ...", "Ajay Royan and Peter Thiel are the members of ...";
- a person's defined term: 'Ajay Royan ("Royan")', 'Charles E. Gale ("Mr. Gale")';
- the other holder of a shared power: "shared voting and dispositive power with
  Catherine Marcus".

A name is two to four capitalised words (initials allowed, "Jr." / "III" kept) none of
which is a word of a company's or a document's name ("Capital", "Fund", "Item", ...).
"""

from __future__ import annotations

import re

from ownergraph.loaders.sec_terms import NameBook


def _words(*alternatives: str) -> str:
    r"""``\b(?:is|are)`` written so the regex engine skips to the places a word can start.

    A pattern that starts with ``\b`` is tried at every position of a text; one that starts
    with a set of letters jumps from one of them to the next. Each alternative (a regex
    starting with a literal letter) keeps the word boundary as a lookbehind after that
    letter: the same matches.

    >>> re.findall(_words("is", "are"), "This is, as they are")
    ['is', 'are']
    """
    return "(?:" + "|".join(rf"{a[0]}(?<!\w{a[0]}){a[1:]}" for a in alternatives) + ")"


_WORD = r"[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?"
_NAME = (
    # "J. Carlo Cannell", "L.J. Moser": leading initials (not "U.S.")
    rf"(?P<name>(?:(?!U\.\s?S\.)(?:[A-Z]\.\s?){{1,2}}\s*{_WORD}(?:\s+{_WORD})?"
    # 'Walter E. "Bud" Gates': a nickname in quotes before the surname
    rf"|{_WORD}(?:\s+[A-Z]\.){{0,2}}(?:\s+[\"“][A-Z][a-z]+[\"”])?(?:\s+{_WORD}){{1,2}})"
    r"(?:,?\s+(?:Jr|Sr)\.|\s+(?:II|III|IV)\b)?)"
)
#: After a subject: the verb and a role word ("is the President of", "are members of").
_ROLE_AFTER = re.compile(
    _words("is", "are", "was", "were", r"serves?\s+as", r"acts?\s+as", r"has\s+been")
    + r"\s+(?:also\s+)?(?:(?:all|both|each)\s+)?"
    r"(?:the\s+|a\s+|an\s+|one\s+of\s+the\s+)?(?:sole\s+|co-?\s*|managing\s+|general\s+|"
    r"senior\s+|executive\s+)*"
    r"(?i:general\s+partners?|managing\s+members?|members?|managers?|trustees?|co-trustees?"
    r"|president|chief\s+executive|directors?|officers?|principals?|shareholders?|stockholders?"
    r"|owners?"
    r"|chairman|controlling|partners?)\b"
)
#: The subject before such a verb: one name, or two joined by "and".
_SUBJECT = re.compile(
    rf"(?<![\w.,&])(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?{_NAME}"
    rf"(?:\s*,?\s+and\s+(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?{_NAME.replace('?P<name>', '?P<name2>')})?"
    # "John Doe, a citizen of the United States, is the managing member"
    # "John Doe, the son of Mr. and Mrs. Doe, is the sole trustee"
    r"(?:\s*,\s+(?:an?|the|his|her)\s+[^,;()]{1,60},)?\s*,?\s+$"
)
#: After an inverse verb, the persons it names: "X is controlled by John Doe and Jane Roe".
_BY_NAMES = re.compile(
    _words("is", "are")
    + r"\s+(?:(?:wholly|majority|jointly|indirectly|directly|ultimately)[\s-]+)?"
    r"(?:owned|controlled|managed)\s+(?:(?:jointly|indirectly|directly|solely)\s+)?by\s+"
    r"(?:(?:Messrs|Mses|Drs|Mr|Ms|Mrs|Dr)\.\s*)?"
)
#: An active verb after a subject: "John Doe owns all of ...", "John Doe controls X".
_VERB_AFTER = re.compile(_words("owns", "controls", "manages") + r"\s+(?=[A-Za-z])")
#: A person's own term after the name: 'Ajay Royan ("Royan")'.
_TERM = re.compile(
    r"[\s(](?:(?<=\()|\s*\()(?:the\s+)?[\"“](?:(?:Mr|Ms|Mrs|Dr)\.\s+)?(?P<term>[A-Z][a-z]+)[\"”]\)"
)
_NAME_END = re.compile(rf"(?<![\w.&]){_NAME}$")
_SHARED_WITH = re.compile(
    rf"\bpower[^.;]{{0,120}}?\bwith\s+(?:Mr\.\s+|Ms\.\s+|Mrs\.\s+)?{_NAME}(?=[\s,.;)])"
)
#: Words of company, fund and document names: a name holding one is no person's.
_NOT_PERSON = re.compile(
    r"\b(?:Capital|Management|Partners?|Fund|Funds|Holdings?|Group|Advis[eo]rs?|Trust|Company"
    r"|Associates|Investments?|Bank|Securities|Asset|Assets|Equity|Ventures?|Financial|Global"
    r"|International|Corporation|Limited|Foundation|Services|Reporting|Person|Persons|Issuer"
    r"|Item|Items|Schedule|Exhibit|Statement|Agreement|Act|Common|Stock|Shares|Class|Series"
    r"|Board|Directors?|Committee|Officer|Street|Avenue|Road|Suite|Floor|New|York|United"
    r"|States|America|Delaware|California|Cayman|Islands|Street|Plaza|Center|Market|Markets"
    r"|Offshore|Onshore|Master|Opportunit(?:y|ies)|Strategies|Credit|Value|Growth|Income"
    r"|Each|The|This|Such|Both|All|Neither|Either|Pursuant|Except|Under|Any|None|Other)\b"
)


#: A role in apposition after a list of names: "..., members of Management", ", the
#: managing members of X".
_APPOSED_ROLE = re.compile(
    r",\s+(?:the\s+|its\s+|their\s+)?(?:sole\s+|co-?\s*)?"
    r"(?:general\s+partners?|managing\s+members?|members?|managers?|trustees?|co-trustees?"
    r"|controlling\s+(?:persons?|shareholders?|stockholders?|principals?)"
    # "Walter E. Gates, Chairman and Chief Executive Officer of THORN Americas"
    r"|(?:(?:Executive\s+)?Chairman(?:\s+of\s+the\s+Board)?\s*(?:,|and)\s*)?"
    r"(?:President|Chief\s+Executive\s+Officer|(?:Executive\s+)?Chairman(?:\s+of\s+the\s+Board)?))"
    # "A and B, managing members (the "Managers")": the role, then its defined term
    r"(?:\s+of\b|\s*\((?:collectively,?\s+)?(?:the\s+)?[\"“])"
)
_LIST_NAME_END = re.compile(rf"(?:^|(?<=[\s,;:(]))(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?{_NAME}$")


def _names_before(text: str, end: int) -> list[str]:
    """The names of a list ending at ``end``: "A, B, C and D" (each a person's name)."""
    out: list[str] = []
    pos = end
    while True:
        nm = _LIST_NAME_END.search(text, max(0, pos - 60), pos)
        if nm is None:
            return out if len(out) > 1 or _sole_gap(text, pos) else []
        out.insert(0, nm.group("name"))
        sep = re.search(
            r"(?:,\s*(?:and\s+)?|\s+and\s+)$", text[max(0, nm.start() - 8) : nm.start()]
        )
        if sep is None:
            return out
        pos = nm.start() - len(sep.group(0))


#: A role word, then the names that hold it: "the managing members of X are", "whose
#: managing members are", "X's managing members, ", "its managing members, ".
_ROLE_THEN_NAMES = re.compile(
    # (the role words in any case, '\b' after the first letter as in _words)
    r"[CcDdGgMmTt](?<!\w[CcDdGgMmTt])"
    r"(?i:(?<=g)eneral\s+partners?|(?<=m)anaging\s+members?|(?<=m)embers?|(?<=m)anagers?"
    r"|(?<=t)rustees?|(?<=c)o-trustees?|(?<=d)irectors?"
    r"|(?<=c)ontrolling\s+(?:persons?|shareholders?|stockholders?))"
    r"(?:(?:\s+of\s+[^.;:()]{1,80}?)?\s+(?:is|are|were|include)\s+|\s*,\s+"
    # "the trustees of the Plan (currently A, B and C)"
    r"|\s+of\s+[^;:()]{1,80}?\s*\(\s*(?:currently|namely|i\.e\.,?|being)\s+)"
    r"(?:(?:Messrs|Mses|Drs|Mr|Ms|Mrs|Dr)\.\s*)?"
)
_LIST_NAME_START = re.compile(
    rf"(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?{_NAME}(?=[\s,.;)]|$)"
    # not the first words of a company's name ("Benjamin Moore & Co.")
    r"(?!\s*&|,?\s+(?:Inc|LLC|L\.\s?P|LP|Co\b|Corp|Ltd|Company|Limited)\b)"
)


#: Between two names of a list, a stake in parentheses allowed: "John Doe (60%) and Jane".
_AFTER_NAME_SEP = re.compile(
    r"(?:\s*\(\s*\d{1,3}(?:\.\d+)?\s*%\s*\))?(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
)


def _names_after(text: str, start: int) -> list[str]:
    """The names of a list starting at ``start``: "A, B, C and D"."""
    out: list[str] = []
    pos = start
    while True:
        nm = _LIST_NAME_START.match(text, pos)
        if nm is None:
            return out
        out.append(nm.group("name"))
        sep = _AFTER_NAME_SEP.match(text, nm.end(), nm.end() + 30)
        if sep is None:
            return out
        pos = sep.end()


#: An Item 2 label listing the holders of a role (:mod:`loaders.sec_labelled` reads the
#: links): "(e) Managing Members: A, Senior Managing Member; B, C and D".
_ROLE_LABEL = re.compile(
    r"\([b-h]\)\s*(?:the\s+)?(?:its\s+)?(?i:(?:sole\s+)?managing\s+members?"
    r"|general\s+partners?|(?:sole\s+)?members?|managers?|directors?"
    r"|(?:executive\s+)?officers?|trustees?)\s*(?:are|is)?\s*:\s*"
)
#: A listed name's own role after it: ", Senior Managing Member".
_OWN_ROLE_AFTER = re.compile(
    r"\s*,\s*(?:an?\s+|the\s+)?(?i:(?:(?:senior|sole|co-?|founding|non-?voting)\s*)*"
    r"(?:managing\s+members?|members?|general\s+partners?|managers?|directors?|officers?"
    r"|trustees?|principals?|partners?))\b"
)
_ITEM_SEP = re.compile(r"\s*(?:[;,]\s*(?:and\s+)?|\s+and\s+)")


def _labelled_names(text: str, start: int) -> list[str]:
    """The names listed after a role label, when the list gives a name its own role
    ("A, Senior Managing Member; B, C and D": a roster of the role's holders, every name
    a person); a bare list ("A, B and C") gives none (the labelled-list rule reads the
    parties the book knows there).

    >>> _labelled_names("Anne Ross, Senior Managing Member; Bill Ross and Carl Ross.", 0)
    ['Anne Ross', 'Bill Ross', 'Carl Ross']
    >>> _labelled_names("Anne Ross, Dana Q. Lee and Bill Ross.", 0)
    []
    """
    out: list[str] = []
    roles = 0
    pos = start
    while True:
        nm = _LIST_NAME_START.match(text, pos)
        if nm is None:
            break
        out.append(nm.group("name"))
        pos = nm.end()
        own = _OWN_ROLE_AFTER.match(text, pos)
        if own:
            roles += 1
            pos = own.end()
        sep = _ITEM_SEP.match(text, pos)
        if sep is None:
            break
        pos = sep.end()
    return out if roles else []


#: A verb that may give a person a role.
_VERBS = re.compile(
    _words(
        "is", "are", "was", "were", "serves?", "acts?", r"has\s+been", "owns", "controls", "manages"
    )
    + r"\b"
)

#: Officer titles in parentheses after a name: "Charles C. Mickel (Vice President,
#: Secretary and Director)".
_TITLE = (
    r"(?:(?:Executive\s+|Senior\s+)?(?:Vice\s+)?President|Chief\s+\w+\s+Officer|Director"
    r"|Secretary|Treasurer|(?:Executive\s+)?Chairman|Managing\s+(?:Member|Director|Partner)"
    r"|General\s+Partner|Trustee)"
)
_PAREN_TITLES = re.compile(rf"\({_TITLE}(?:\s*(?:,|and|&)\s*(?:and\s+)?{_TITLE})*\)")
#: A description in apposition after a name at a clause start: "John Wilson, an employee
#: of Energy Growth Momentum LLP and shareholder of EGM II GP".
_APPOSED_DESCRIPTION = re.compile(
    r",\s+an?\s+(?:employee|shareholder|stockholder|director|officer|principal|owner"
    r"|(?:managing\s+|general\s+|limited\s+)?(?:member|partner))\s+(?:of|at)\b"
)
#: A nickname in quotes inside a name: 'Walter E. "Bud" Gates' is Walter E. Gates.
_NICKNAME = re.compile(r"\s+[\"“][A-Z][a-z]+[\"”](?=\s)")

#: Before a single name in apposition: a clause start.
_SOLE_GAP = re.compile(r"(?:^|[.;:]\s*|\band\s+)$")


def _sole_gap(text: str, pos: int) -> bool:
    """``_SOLE_GAP.search(text, 0, pos)``, tried only over the blanks before ``pos`` and the
    three characters before them (every match ends at ``pos`` and starts there at the
    latest: "and", a stop, or the text's start); the whole text before was scanned.

    >>> [_sole_gap(t, len(t)) for t in ("A. ", "x and  ", "B, ", "", "band ")]
    [True, True, False, True, False]
    """
    lo = max(0, len(text[:pos].rstrip()) - 3)
    return _SOLE_GAP.search(text, lo, pos) is not None


def discover_persons(text: str, book: NameBook) -> None:
    """Register as persons the names that ``text`` gives a person's role, term or power."""
    quoted = '"' in text or "“" in text
    labelled = (
        ":" in text
        and "(" in text
        and [n for m in _ROLE_LABEL.finditer(text) for n in _labelled_names(text, m.end())]
    )
    if not (
        quoted
        or labelled
        or "with" in text
        or _VERBS.search(text)
        or _APPOSED_ROLE.search(text)
        or _APPOSED_DESCRIPTION.search(text)
        or ("(" in text and _PAREN_TITLES.search(text))
    ):
        return
    found: list[str] = list(labelled or ())  # "(e) managing members: A, Senior ...; B"
    role_after = list(_ROLE_AFTER.finditer(text))
    for m in role_after:  # the name is looked for just before the verb
        sm = _SUBJECT.search(text, max(0, m.start() - 90), m.start())
        if sm:
            found.extend(n for n in (sm.group("name"), sm.group("name2")) if n)
    for m in _APPOSED_ROLE.finditer(text):  # "A, B and C, members of X": the list before
        found.extend(_names_before(text, m.start()))
    for m in role_after:  # "A, B, C and D are the managing members of X"
        end = m.start()
        while end and text[end - 1] in " ,":
            end -= 1
        found.extend(_names_before(text, end))
    for m in _ROLE_THEN_NAMES.finditer(text):  # "the managing members of X are A, B and C"
        found.extend(_names_after(text, m.end()))
    for m in _BY_NAMES.finditer(text):  # "X is controlled by John Doe and Jane Roe"
        found.extend(_names_after(text, m.end()))
    for m in _VERB_AFTER.finditer(text):  # "John Doe controls X"
        sm = _SUBJECT.search(text, max(0, m.start() - 90), m.start())
        if sm:
            found.extend(n for n in (sm.group("name"), sm.group("name2")) if n)
    for m in _TERM.finditer(text) if quoted else ():
        nm = _NAME_END.search(text, max(0, m.start() - 60), m.start())
        if nm and nm.group("name").split()[-1] == m.group("term"):  # 'Ajay Royan ("Royan")'
            found.append(nm.group("name"))
    if "power" in text:
        found.extend(m.group("name") for m in _SHARED_WITH.finditer(text))
    for m in _PAREN_TITLES.finditer(text) if "(" in text else ():
        end = len(text[: m.start()].rstrip())
        nm = _NAME_END.search(text, max(0, end - 60), end)
        if nm:  # "Charles C. Mickel (Vice President, Secretary and Director)"
            found.append(nm.group("name"))
    for m in _APPOSED_DESCRIPTION.finditer(text):  # "John Wilson, an employee of X"
        nm = _NAME_END.search(text, max(0, m.start() - 60), m.start())
        if nm:  # the one name just before (not a list: "the Business Combination, John ...")
            found.append(nm.group("name"))
    for name in dict.fromkeys(found):
        name = " ".join(name.split())
        if _NOT_PERSON.search(name) or book.mentions(name, discover=False):
            continue  # a company's words, or a party the book knows already
        plain = _NICKNAME.sub("", name)  # 'Walter E. "Bud" Gates' is Walter E. Gates
        key = book.key_for_text_name(plain)
        book.add_party(key, plain, person=True, spellings=(name,) if plain != name else ())
