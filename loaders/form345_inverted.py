"""Forms 3/4/5: a role stated with its holders after the verb: "The managing members of
Acme Sponsor LLC are the Reporting Person and Jane Roe"; "The sole general partner of Acme
Fund, L.P. is Acme GP, LLC"; "The trustees of the Doe Trust are John Doe and Jane Doe"; "The members of Redwood GP LLC,
including the Reporting Person, may be deemed ..."; "Redwood GP LLC, whose members include
the Reporting Person and Jane Roe". Each listed party holds the role toward the entity (a full personal name the form names nowhere
else is a new person party, as in a subject list).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ownergraph.graph.vocab import Role
from ownergraph.loaders.form345_text import listed_party
from ownergraph.loaders.sec_terms import Mention, NameBook

_ROLES = {
    "managing member": Role.MANAGING_MEMBER,
    "general partner": Role.GENERAL_PARTNER,
    "sole member": Role.SOLE_MEMBER,
    "member": Role.MEMBER,
    "manager": Role.MANAGING_MEMBER,
    "trustee": Role.TRUSTEE,
}
_HEAD = re.compile(
    r"\b[Tt]he\s+(?:sole\s+|co-)?(?P<role>managing\s+members?|general\s+partners?|sole\s+members?"
    r"|members?|managers?|trustees?)\s+of\s+(?:the\s+)?$"
)
_VERB = re.compile(r"\s*,?\s+(?:is|are)\s+(?:the\s+)?")
_END = re.compile(r"\s*(?:[.;]|,\s+(?:each|both|who|which|and\s+(?:each|both))\b|$)")
#: "The members of X, including A and B, ..." (the list closes with its comma)
_INCLUDING = re.compile(r"\s*,\s*including\s+(?:the\s+)?")
_INCLUDING_END = re.compile(r"\s*(?:[.;,]|$)")
#: "X, whose members include A and B" (the role after the entity)
_WHOSE = re.compile(
    r"\s*,\s*whose\s+(?:sole\s+|co-)?(?P<role>managing\s+members?|general\s+partners?"
    r"|sole\s+members?|members?|managers?|trustees?)\s+(?:include|includes|are|is)\s+(?:the\s+)?"
)


def inverted_roles(
    text: str, book: NameBook, mentions: Sequence[Mention] | None = None
) -> list[tuple[str, str, Role, str]]:
    """(controller key, controlled key, role, sentence) for each "The R of X are A and B"
    (module rule).

    >>> b = NameBook(issuer_key="i"); b.add_party("o", "John Doe", person=True)
    >>> b.add_alias("Reporting Person", ("o",)); b.add_party("s", "Acme Sponsor LLC")
    >>> [(c, b.names[d], r.value) for c, d, r, _ in inverted_roles(
    ...     "The managing members of Acme Sponsor LLC are the Reporting Person and Jane Roe.", b)]
    ... # doctest: +ELLIPSIS
    [('o', 'Acme Sponsor LLC', 'managing_member'), ('party:...', 'Acme Sponsor LLC', 'managing_member')]
    >>> [(c, r.value) for c, _, r, _ in inverted_roles(
    ...     "Acme Sponsor LLC, whose members include the Reporting Person, is the holder.", b)]
    [('o', 'member')]
    >>> [(c, r.value) for c, _, r, _ in inverted_roles("The members of Acme Sponsor LLC,"
    ...     " including the Reporting Person, may be deemed to share voting power.", b)]
    [('o', 'member')]
    """
    ments = sorted(mentions if mentions is not None else book.mentions(text), key=lambda m: m.start)
    out: list[tuple[str, str, Role, str]] = []
    for obj in ments:
        if len(obj.keys) != 1:
            continue
        h = _HEAD.search(text[max(0, obj.start - 60) : obj.start])
        v = _VERB.match(text, obj.end) or _INCLUDING.match(text, obj.end) if h else None
        end_re = _INCLUDING_END if v is not None and v.re is _INCLUDING else _END
        if v is None:
            v = h = _WHOSE.match(text, obj.end)
            end_re = _INCLUDING_END
        if h is None or v is None:
            continue
        role = _ROLES[re.sub(r"s$", "", " ".join(h.group("role").lower().split()))]
        pos = v.end()
        keys: list[str] = []
        while True:
            got = listed_party(text, pos, ments, book)
            if got is None:
                break
            keys.append(got[0])
            pos = got[1]
            sep = re.match(r"\s*,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?", text[pos:])
            if sep is None or (end_re is _END and _END.match(text, pos)):
                break
            if end_re is _INCLUDING_END and not re.match(r"\s*,\s*and\s|\s+and\s", text[pos:]):
                break  # "including A, may be deemed": the comma closes the list
            pos += sep.end()
        if not keys or not end_re.match(text, pos):
            continue
        end = text.find(".", pos)
        sentence = " ".join(text[max(0, obj.start - 60) : end if end > 0 else len(text)].split())
        out += [(k, obj.keys[0], role, sentence) for k in keys if k != obj.keys[0]]
    return out


def add_inverted_roles(
    read: dict[str, tuple[str, object]],
    book: NameBook,
    add: Callable[[str, str, Role, str, object], None],
) -> None:
    """Every footnote's inverted role statements, through ``add(c, d, role, sentence, el)``."""
    for _fid, (t, el) in read.items():
        for c, d, role, sentence in inverted_roles(t, book):
            add(c, d, role, sentence, el)
