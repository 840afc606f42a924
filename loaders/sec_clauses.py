"""Clauses of SEC filing prose: where the relation grammar (:mod:`loaders.sec_grammar`) cuts a
text before it reads each piece's role phrases.

A clause ends at a sentence end (not after a title or an initial: "Mr.", "U.S."), at a
semicolon, before an "(i)"-style enumeration (unless the enumeration lists a role's objects:
"the investment manager to (i) A and (ii) B") and at a blank line; a colon after a plural
role opens the list of its holders and does not cut ("The managing members of Y are: A, B
and C"). A cut that falls inside a name is joined back (:func:`merge_cut_mentions`).
"""

from __future__ import annotations

import bisect
import functools
import re

from ownergraph.loaders.sec_terms import Mention

#: "(i) ", "(2) ": an enumeration, not a reference such as "Section 3(a)(6) of the Act".
_ENUM = re.compile(r"(?<![\w)])\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x|\d{1,2})\)\s")


#: A full stop that ends a title or an initial, not a sentence ("Mr.", "Messrs.", "M.").
_NO_SENTENCE_END = re.compile(
    # "Series C." / "Class B." end a sentence: a class letter is no initial
    r"(?:\b(?:Mr|Ms|Mrs|Dr|Drs|Messrs|Mses)|(?<![.\w])(?<!Series\s)(?<!Class\s)[A-Z]"
    # "The Gabelli U.S. Treasury Money Market Fund": "U.S." / "U.K." qualify a noun
    r"|\bU\.[SK])\.$"
)


def clauses(text: str) -> list[tuple[int, int]]:
    """Split text into clauses at sentence ends, semicolons and "(i)"-style enumerations."""
    return list(_clauses(text))


@functools.lru_cache(maxsize=64)
def _clauses(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`clauses`, kept for the last texts (a chunk's powers and links split it both)."""
    cuts = {0, len(text)}
    for m in re.finditer(r"(?<=[.;:])\s+(?=[A-Z*\"“]|\([a-z]{1,3}\)\s)|;\s*", text):
        if _NO_SENTENCE_END.search(text, max(0, m.start() - 8), m.start()):
            continue  # "Messrs. Andrew M. Boas": a title or an initial, not a sentence end
        if text[m.start() - 1 : m.start()] == ":" and _ROLE_COLON.search(
            text, max(0, m.start() - 260), m.start()
        ):
            continue  # "the managing members of Y are: A, B and C": the list is the clause's
        cuts.add(m.end())
    listed_to = -1  # the end of a sentence whose enumeration is a role's list of objects
    item = -1  # where the last enumeration mark stood
    for m in _ENUM.finditer(text):
        last_item, item = item, m.start()
        if m.start() < listed_to:
            continue
        if last_item >= 0 and _SUBJECT_ITEM.fullmatch(text, last_item, m.start()):
            # "(i) A, as the managing member of Y, and (ii) B, as ..., may be deemed to": the
            # items are the subjects of one verb, one clause
            continue
        if _ENUM_OBJECTS.search(text, max(0, m.start() - 30), m.start()) or _ENUM_COUNTS.search(
            text, max(0, m.start() - 40), m.start()
        ):
            # "the investment manager to (i) A and (ii) B": the enumerated names are the
            # role's objects, one clause
            end = _SENTENCE_END.search(text, m.end())
            listed_to = end.start() if end else len(text)
            continue
        cuts.add(m.start())
    for m in re.finditer(r"\n\s*\n", text):
        cuts.add(m.end())
    pts = sorted(cuts)
    return tuple((a, b) for a, b in zip(pts, pts[1:], strict=False) if text[a:b].strip())


#: A plural role before a colon that opens the list of its holders ("the individuals who
#: are managing members of Y, with respect to ...:", "The managing members of Y are:"); a dot
#: inside a name ("Y, L.P.:", "Y Inc., with") is no sentence end. (A singular role before a
#: colon is left cut: "the general partner of Y:" opened no holder in the corpus.)
_ROLE_COLON = re.compile(
    r"\b(?:partners|members|directors|officers|trustees|managers|advis[eo]rs)\s+(?:of|to)\s"
    r"(?:[^.;:]|\.(?!\s+(?-i:[A-Z])|\s+[\"“(])){1,220}:$",
    re.I,
)
#: Before an enumeration that lists a role's objects: "the general partner of (i)".
_ENUM_OBJECTS = re.compile(
    r"\b(?:partners?|members?|managers?|advis[eo]rs?|trustees?|subsidiar(?:y|ies)|owners?"
    r"|holders?|shareholders?|stockholders?)\s+(?:of|to|for)\s+(?:each\s+of\s+)?(?:the\s+)?$",
    re.I,
)
_NO_VERB = r"(?:(?!\b(?:is|are|was|were|has|have|holds?|owns?|serves?|acts?|may|shall|will)\b)(?:[^;:()]|\([^()]*\)))"
#: An enumerated item that is only a subject with its own "as" aside, closed by ", and": "(i)
#: A, as the managing member of the general partner of Y, and " (no verb of its own).
_SUBJECT_ITEM = re.compile(
    rf"\((?:[a-h]|[ivx]{{1,4}}|\d{{1,2}})\)\s+{_NO_VERB}{{1,80}}?,\s*"
    rf"(?:in\s+(?:its|his|her|their)\s+capacit(?:y|ies)\s+)?as\s+{_NO_VERB}{{1,200}}?,\s*and\s*",
    re.I,
)
#: Before an enumeration that lists a verb's objects, the shares it counts: "may be deemed
#: to beneficially own (i) 100 shares held by Y and (ii) 200 shares issuable to Y",
#: "100 shares, consisting of (i) ... and (ii) ...".
_ENUM_COUNTS = re.compile(
    r"\b(?:own|owns|owned|hold|holds|consisting\s+of|consists\s+of|comprised\s+of|comprising"
    r"|including|includes)\s+(?:the\s+|an\s+aggregate\s+of\s+)?$",
    re.I,
)
#: The end of a sentence (or a semicolon) after a position.
_SENTENCE_END = re.compile(r"[.;](?=\s+[A-Z(]|\s*$)")


def merge_cut_mentions(cl: list[tuple[int, int]], ments: list[Mention]) -> list[tuple[int, int]]:
    """Do not cut a clause inside a mention ("... Inc. (the ...") — join such pieces."""
    # the mentions do not overlap: sorted by start, their ends are sorted too, and the one
    # mention that can hold ``a`` is the last one starting before it
    starts = [m.start for m in ments]
    merged: list[list[int]] = []
    for a, b in cl:
        i = bisect.bisect_left(starts, a) - 1
        if merged and i >= 0 and ments[i].end > a:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]
