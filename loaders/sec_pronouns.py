"""A personal pronoun as the subject of a role: "Mario Gabelli is the controlling shareholder
of MGH. He is the Executive Chairman of AC."

The relation grammar (:mod:`loaders.sec_grammar`) reads a role whose clause names no
subject; where the clause opens with "He" or "She" before the verb, the holder is the person
who opens one of the sentences just before (the subject of the paragraph), when only one
person does.
"""

from __future__ import annotations

import re

from ownergraph.loaders.sec_terms import NameBook

#: "He is also the", "She serves as a", "In addition, he is the".
_PRONOUN_IS = re.compile(
    r"[\s*\"“]*(?:(?:In\s+addition|Additionally|Also|Currently),?\s+)?(?:He|She|he|she)\s+"
    r"(?:also\s+)?(?:is|was|serves\s+as|acts\s+as|has\s+(?:also\s+)?been)\s+(?:also\s+)?"
    r"(?:(?:the|a|an|its|one\s+of\s+the)\s+)?(?:(?:sole|co-?|managing|general)\s*)*",
)
#: A sentence start, then a title: where a subject mention may begin.
_SENTENCE_START = re.compile(
    r"(?:^|(?<![A-Z])(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)[.;]\s+|\n\s*)(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?$"
)
#: How far back the antecedent may stand.
_REACH = 500


def pronoun_subject(text: str, a: int, role_start: int, book: NameBook) -> tuple[str, ...]:
    """The person a "He"/"She" opening ``text[a:role_start]`` stands for, or ().

    >>> book = NameBook()
    >>> book.add_party("mario", "Mario Gabelli", person=True)
    >>> t = "Mario Gabelli is the controlling shareholder of MGH. He is the Executive Chairman"
    >>> pronoun_subject(t, t.index("He"), t.index("Executive"), book)
    ('mario',)
    """
    if not _PRONOUN_IS.fullmatch(text, a, role_start):
        return ()
    lo = max(0, a - _REACH)
    subjects: list[tuple[str, ...]] = []
    for m in book.mentions(text[lo:a], discover=False):
        if not set(m.keys) <= book.persons or len(m.keys) != 1:
            continue
        if _SENTENCE_START.search(text, max(0, lo + m.start - 12), lo + m.start):
            subjects.append(m.keys)
    if not subjects or len(set(subjects)) != 1:
        return ()  # no person opens a sentence before, or several do: unsure
    return subjects[-1]
