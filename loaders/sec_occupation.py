"""Whose title a subjectless role is: Item 2(c) "present principal occupation" answers.

A 13D's Item 2(c) gives a reporting person's principal occupation as a bare title: "(c)
Chief Executive Officer of Sprott Asset Management LP", or an enumeration after the person's
name: "Carl C. Icahn's present principal occupation or employment is serving as (i) Chief
Executive Officer of Icahn Capital LP, ..., (ii) Chairman of the Board of Icahn Enterprises
GP". The relation grammar (:mod:`loaders.sec_grammar`) reads the role and its object; this
module names the holder of a role that has no subject in its clause:

- the person whose "(present) principal occupation" the sentence opens with (the
  enumeration's items are clauses of their own);
- else, where the clause is only the title (an Item 2(c) answer) and the document has one
  reporting person, that person.
"""

from __future__ import annotations

import re

from ownergraph.loaders.sec_terms import Mention, NameBook

#: "The principal occupation of X is serving as": X is named after "of".
_OCCUPATION_OF_X = re.compile(
    r"\bprincipal\s+(?:occupation|employment|business)(?:\s+or\s+employment)?\s+of\s+"
    r"(?:the\s+)?$",
    re.I,
)
#: After that name: the verb up to the role.
_IS_SERVING_AS = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,?\s*(?:is|are)\s+(?:serving\s+as|to\s+serve\s+as|acting\s+as|as)?\s*"
    r"(?:(?:the|a|an)\s+)?",
    re.I,
)


def occupation_of(text: str, a: int, role_start: int, subj: list[Mention]) -> tuple[str, ...]:
    """The holder named in "The principal occupation of X is serving as <role>".

    >>> t = "The principal occupation of John Smith is serving as President of Gamma Inc."
    >>> m = Mention(t.index("John"), t.index(" is"), ("js",), "John Smith")
    >>> occupation_of(t, 0, t.index("President"), [m])
    ('js',)
    """
    if len(subj) != 1:
        return ()
    m = subj[0]
    if _OCCUPATION_OF_X.search(text, a, m.start) and _IS_SERVING_AS.fullmatch(
        text, m.end, role_start
    ):
        return m.keys
    return ()


#: "X's present principal occupation or employment is serving as": X is group-less, the
#: mention that ends right before the apostrophe.
_OCCUPATION_OF = re.compile(
    r"['’]s?\s+(?:present\s+)?principal\s+(?:occupation|employment)(?:\s+or\s+employment)?"
    r"\s+(?:is|are|includes?)\s+(?:serving\s+as\s+|as\s+)?(?:(?:the|a|an)\s+)?",
    re.I,
)
#: What may stand before a bare title: an item mark ("(c)"), a label ("Principal
#: Occupation:"), an enumeration mark, "and".
_BARE_TITLE_OPENING = re.compile(
    r"[\s*\"“]*(?:\(?[a-z0-9ivx]{1,4}[.)]\s*)?"
    r"(?:(?:Present\s+)?Principal\s+(?:Occupation|Business)[^:\n]{0,40}:\s*)?"
    r"(?:and\s+)?(?:as\s+)?(?:(?:the|a|an)\s+)?",
    re.I,
)
#: A sentence end (not the dot of "Mr." or of an initial).
_SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<![A-Z])[.;]\s+[A-Z]")
#: How far back the sentence that opens with the occupation may start.
_REACH = 600


#: An Item 2 block's occupation label right before the clause: "(c) Present Principal
#: Occupation or Employment: ".
_OCCUPATION_LABEL = re.compile(
    r"(?:\(?[a-z0-9ivx]{1,4}[.)]\s*)?(?:Present\s+)?Principal\s+(?:Occupation|Business|Employment)"
    r"[^:.;]{0,40}:\s*$",
    re.I,
)
#: The block's name label: "(a) Name: ", "a. Name of filing person: ".
_NAME_LABEL = re.compile(r"\bName(?:\s+of\s+[\w ]{1,30}?)?\s*:\s*", re.I)
#: Title words before the role word of an occupation: "Treasurer and Chief Financial ".
_TITLE_WORDS = re.compile(r"(?:(?:[A-Z][a-z]+|and|&)[ ,]*)*")


def block_holder(
    text: str, a: int, role_start: int, ments: list[Mention], book: NameBook
) -> tuple[str, ...]:
    """The person an Item 2 block names, for the occupation its label answers: "(a) Name:
    James G. Fitzgerald (b) Business Address: ... (c) Present Principal Occupation or
    Employment: Treasurer ... and President of Y". The person is a party of the filing (not
    a name first seen in the text: an Instruction C schedule is no link, convention 8); no
    sentence ends and no other name label stands between the name and the occupation.

    >>> book = NameBook()
    >>> book.add_party("jf", "James G. Fitzgerald", person=True)
    >>> t = ("(a) Name: James G. Fitzgerald (b) Business Address: 1 Main Street (c) Present "
    ...      "Principal Occupation or Employment: Treasurer and President of Y Corp.")
    >>> a = t.index("Treasurer")
    >>> block_holder(t, a, t.index("President"), book.mentions(t), book)
    ('jf',)
    """
    if not _TITLE_WORDS.fullmatch(text, a, role_start):
        return ()
    lo = max(0, a - _REACH)
    label = _OCCUPATION_LABEL.search(text, lo, a)
    if label is None:
        return ()
    names = list(_NAME_LABEL.finditer(text, lo, label.start()))
    if not names or _SENTENCE_END.search(text, names[-1].end(), label.start()):
        return ()
    at = names[-1].end()
    here = [m for m in ments if m.start == at] or [
        m for m in book.mentions(text[at : label.start()]) if m.start == 0
    ]
    if here and len(here[0].keys) == 1:
        key = here[0].keys[0]
        if key in book.persons and key not in book.text_only:
            return here[0].keys
    return ()


def occupation_holder(
    text: str, a: int, role_start: int, ments: list[Mention], book: NameBook
) -> tuple[str, ...]:
    """The holder of a role at ``role_start`` whose clause ``text[a:...]`` names no subject.

    >>> book = NameBook()
    >>> book.add_party("icahn", "Carl C. Icahn", person=True)
    >>> t = "Carl C. Icahn's present principal occupation is serving as (i) Chief Executive"
    >>> occupation_holder(t, t.index("(i)"), t.index("Chief"), [], book)
    ('icahn',)
    """
    if not _BARE_TITLE_OPENING.fullmatch(text, a, role_start):
        return block_holder(text, a, role_start, ments, book)
    lo = max(0, a - _REACH)
    back = text[lo:a]
    last = None
    for m in _OCCUPATION_OF.finditer(back):
        last = m
    if last is not None and not _SENTENCE_END.search(back, last.end()):
        # the enumeration after "X's present principal occupation is" (no sentence end
        # between)
        owners = [m for m in book.mentions(back[: last.start()]) if m.end == last.start()]
        if owners and set(owners[-1].keys) <= book.persons:
            return owners[-1].keys
        return ()
    rp = book.aliases.get("Reporting Person")
    if rp and len(rp) == 1 and not re.search(r"[A-Za-z]", text[lo:a][-3:] or ""):
        return rp
    return block_holder(text, a, role_start, ments, book)
