"""Defined terms announced by referring words: '(hereinafter referred to as "AWM")',
'AWM Investment Company, Inc., hereinafter "AWM",' and the sentence form 'A and B are
sometimes collectively referred to herein as the "Funds"' (:func:`referred_terms`), read
by :func:`loaders.sec_terms.define_terms`.
"""

from __future__ import annotations

import re

from ownergraph.loaders.sec_lexicon import _LIST_SEP
from ownergraph.loaders.sec_terms import _NOT_A_PARTY_TERM, NameBook

#: Words that announce a defined term: "hereinafter", "referred to herein as", "also known as".
_REFERRING = re.compile(
    r"\b(?:(?:hereinafter|herein|hereafter|sometimes|also|(?:shall\s+)?be)\b,?\s*)*"
    r"(?:(?:referred\s+to|called|known|designated|defined)\b\s*"
    r"(?:(?:herein|hereinafter|collectively|together|jointly|individually)\b,?\s*)*as\b\s*)?",
    re.I,
)

#: A term announced after a name without parentheses: 'AWM Investment Company, Inc.,
#: hereinafter referred to as "AWM",' (rewritten as the parenthesised definition).
_REFERRED_AFTER = re.compile(
    r",\s+(?P<words>(?:hereinafter|herein|hereafter|referred\s+to|also\s+known)\b[\w ,]{0,40}?"
    r"(?:the\s+)?[\"“][^\"”()]{1,60}[\"”])(?=\s*[,;.)]|\s+(?:is|are|was|were|has|have)\b)",
    re.I,
)

#: 'A and B are (sometimes) collectively referred to (herein) as the "Funds"': the subject
#: of the sentence, a list of names, is the antecedent.
_REFERRED_SENTENCE = re.compile(
    # from the first blank of a run only (the same matches: the run's first blank is the
    # leftmost start; trying every blank of a long run again is quadratic)
    r"(?<!\s)\s+(?:is|are)\s+(?:(?:hereinafter|herein|sometimes|also|each|collectively|together"
    r"|jointly|individually)\s+)*(?:referred\s+to|called|known|designated)\s+(?:(?:herein"
    r"|hereinafter|collectively|together|jointly|individually)\s+)*as\s+(?:the\s+)?"
    r"[\"“](?P<term>[^\"”]{1,60}?)[.,]?[\"”]"
)
#: The verb and the quote every such sentence holds, as the full pattern reads them (a
#: fast test before it: this part starts with a word the engine jumps to).
_REFERRING_VERB = re.compile(
    r"(?:referred\s+to|called|known|designated)\s+(?:(?:herein|hereinafter|collectively"
    r"|together|jointly|individually)\s+)*as\s+(?:the\s+)?[\"“]"
)
#: Where the subject of such a sentence starts: a sentence or line start, "Each of".
_SUBJECT_START = re.compile(r"(?:[.;:]\s+|\n\s*|\b(?:Each|Both|All)\s+of\s+(?:the\s+)?)$")


def referred_terms(text: str, book: NameBook) -> None:
    """Bind the sentence form of a definition: 'PSI and PSP10 are sometimes collectively
    referred to herein as the "Filers"' binds "Filers" to both, "X is referred to as the
    "Fund"" to X. The subject must be names only (a list of them) from the sentence start;
    "The foregoing persons" or a description binds nothing.

    >>> book = NameBook()
    >>> book.add_party("a", "Alpha Fund, L.P."); book.add_party("b", "Beta Fund, L.P.")
    >>> referred_terms('Alpha Fund, L.P. and Beta Fund, L.P. are collectively referred to '
    ...                 'herein as the "Funds."', book)
    >>> book.aliases["Funds"]
    ('a', 'b')
    >>> referred_terms('The general partner of Beta Fund, L.P. is referred to as the "GP"', book)
    >>> "GP" in book.aliases
    False
    """
    if not _REFERRING_VERB.search(text):
        return
    for m in _REFERRED_SENTENCE.finditer(text):
        term = m.group("term").strip()
        if term in book.aliases or _NOT_A_PARTY_TERM.search(term):
            continue
        if term.lower().startswith(("reporting person", "act")):
            continue
        lo = max(0, m.start() - 400)
        before = text[lo : m.start()]
        ms = [x for x in book.mentions(before) if x.end <= len(before)]
        if not ms or before[ms[-1].end :].strip(" ,"):
            continue
        i = len(ms) - 1
        while i > 0 and _LIST_SEP.fullmatch(before[ms[i - 1].end : ms[i].start]):
            i -= 1
        head = before[: ms[i].start]
        if not (_SUBJECT_START.search(head) or (lo == 0 and not head.strip())):
            continue
        keys = tuple(dict.fromkeys(k for x in ms[i:] for k in x.keys))
        if book.issuer_key not in keys:
            book.add_alias(term, keys)
