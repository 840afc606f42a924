"""The short forms a filing names an entity by: its name without the legal form ("AWM
Investment Company" for "AWM Investment Company, Inc."; "MGP Advisers" for "MGP Advisers
Limited Partnership") or without a leading "The" ("Blue Whale Fund"). The name book
(:class:`loaders.sec_terms.NameBook`) looks for them, and resolves one only to the one party
it shortens (a short form of two parties, or another party's full name, names none).
"""

from __future__ import annotations

import functools
import re

from ownergraph.graph.ids import normalize_name
from ownergraph.loaders.sec_lexicon import _FORM_VARIANTS

#: Legal-form words a short form leaves off (normalised: "L.P." is "lp", "Limited" "ltd").
_OMITTED_FORMS = frozenset(_FORM_VARIANTS) | {"plc"}
#: Words that alone name no one: a short form made only of them ("Capital Management" for
#: "Capital Management LLC") is no name.
_GENERIC_WORDS = frozenset(
    "the capital management partners partner fund funds investment investments advisors"
    " advisers adviser advisor holdings holding group trust co associates international global"
    " asset assets equity value general limited master offshore onshore company".split()
)
#: Words that end many names and that a filing leaves off ("LionEye Onshore" for "LionEye
#: Onshore Fund LP", "Mayura One" for "Mayura One Holdings LLC").
_TRAILING_WORDS = frozenset(
    "fund holdings holding group partners capital management advisors advisers investments"
    " associates enterprises".split()
)
#: After a short form: another word of a longer name, or another legal form ("Alpha Fund
#: L.P." is not "Alpha Fund LLC"); "(" only before a defined term ('Alpha Fund ("Alpha")').
_SHORT_END = (
    r"(?![\w\-])(?!\s+(?:[A-Z0-9&\[]|\((?![\"“'‘]|the\s)))"
    r"(?!\s*,\s*(?i:L\.?\s?L?\.?\s?[CP]\b|Inc|Ltd|Limited|Corp|Co\b|Company|N\.?\s?A\.|S\.?\s?A\.|plc))"
)


def short_forms(name: str) -> list[tuple[str, ...]]:
    """The shorter forms a filing names an entity by, as normalised words: the name without
    its legal form, one word at a time ("AWM Investment Company" and "AWM Investment" for
    "AWM Investment Company, Inc."; "MGP Advisers" for "MGP Advisers Limited
    Partnership"; without a word many names end with, "Fund", "Holdings", ...: "LionEye
    Onshore" for "LionEye Onshore Fund LP"), and without a leading "The" ("Blue Whale Fund"). At least two words,
    not all of them generic ("Capital Management").

    >>> short_forms("AWM Investment Company, Inc.")
    [('awm', 'investment', 'co'), ('awm', 'investment')]
    >>> short_forms("The Blue Whale Fund LLC")[2:]
    [('blue', 'whale', 'fund', 'llc'), ('blue', 'whale', 'fund'), ('blue', 'whale')]
    >>> short_forms("LionEye Onshore Fund LP"), short_forms("Alpha Master Fund LP")
    ([('lioneye', 'onshore', 'fund'), ('lioneye', 'onshore')], [('alpha', 'master', 'fund'), ('alpha', 'master')])
    >>> short_forms("MGP Advisers Limited Partnership"), short_forms("Capital Management LLC")
    ([('mgp', 'advisers')], [])
    """
    tokens = normalize_name(name).split()
    bases = [tokens]
    if len(tokens) >= 3 and tokens[0] == "the":
        bases.append(tokens[1:])
    out: list[tuple[str, ...]] = []
    for i, base in enumerate(bases):
        t = list(base)
        if i:
            out.append(tuple(t))
        while len(t) > 2:
            if t[-1] == "partnership" and t[-2] == "ltd":  # "Limited Partnership"
                t = t[:-2]
            elif t[-1] in _OMITTED_FORMS:
                t = t[:-1]
            elif t[-1] in _TRAILING_WORDS:
                t = t[:-1]  # "LionEye Onshore" for "LionEye Onshore Fund LP"
            else:
                break
            out.append(tuple(t))
    return [
        f
        for f in dict.fromkeys(out)
        if len(f) >= 2
        and f[-1] not in ("and", "of", "the", "de", "du", "for")
        and f[0] not in _OMITTED_FORMS
        and all(w.isascii() and w.isalnum() for w in f)
        and not all(w in _GENERIC_WORDS or w in _OMITTED_FORMS for w in f)
    ]


@functools.lru_cache(maxsize=4096)
def _short_form_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    """A short form (:func:`short_forms`) as printed, not followed by another word of a
    longer name or another legal form.

    >>> rx = _short_form_regex(("lioneye", "advisors"))
    >>> bool(rx.match("LionEye Advisors, as")), bool(rx.match("LionEye Advisors Fund LP"))
    (True, False)
    >>> bool(rx.match("LionEye Advisors, L.P.")), bool(rx.match('LionEye Advisors ("LA")'))
    (False, True)
    """
    parts = ["(?:and|&)" if w == "and" else _FORM_VARIANTS.get(w, re.escape(w)) for w in words]
    core = r"[\s,\-./'\u2019]+".join(parts)
    return re.compile(rf"(?<![\w\-])(?i:{core}){_SHORT_END}")


#: First words of many companies' names: alone they name no one ("National", "First").
_COMMON_FIRST = _GENERIC_WORDS | frozenset(
    "american national first united international new royal central western eastern"
    " southern northern pacific atlantic bank special strategic select public private"
    " federal state city mutual union standard universal continental security north south"
    " east west great little mid old all one private investors".split()
)


def first_word_form(name: str) -> str | None:
    """The first word of an entity's name, which a filing may use alone ("Altria's wholly
    owned subsidiaries" for "Altria Group, Inc."), or None: a name of one word (besides its
    legal form), a word shorter than four letters, not a capitalised word of letters, or a
    word many names start with ("National", "Capital"). The name book resolves it only when
    no other party's name holds the word.

    >>> first_word_form("Altria Group, Inc."), first_word_form("Altria Inc.")
    ('Altria', None)
    >>> first_word_form("National Bank of Canada"), first_word_form("AWM Investment Company")
    (None, None)
    """
    words = name.split()
    core = [t for t in normalize_name(name).split() if t not in _OMITTED_FORMS]
    if len(core) < 2 or not words:
        return None
    w = words[0].strip(",.")
    if not (w.isascii() and w.isalpha() and len(w) >= 4 and w[0].isupper()):
        return None
    if w.isupper() or w.lower() in _COMMON_FIRST:
        return None  # an acronym ("AWM") is a defined term's business, not a short form
    return w


@functools.lru_cache(maxsize=4096)
def _first_word_regex(word: str) -> re.Pattern[str]:
    """A first word (:func:`first_word_form`) as printed, in capitals too, not followed by
    another word of a longer name or another legal form.

    >>> rx = _first_word_regex("Altria")
    >>> bool(rx.match("Altria's subsidiaries")), bool(rx.match("ALTRIA owns")), bool(rx.match("Altria Group"))
    (True, True, False)
    """
    forms = "|".join(re.escape(f) for f in dict.fromkeys((word, word.upper(), word.title())))
    return re.compile(rf"(?<![\w\-])(?:{forms}){_SHORT_END}")
