"""Forms 3/4/5: a role stated with its holders after the verb: "The managing members of
Acme Sponsor LLC are the Reporting Person and Jane Roe"; "The sole general partner of Acme
Fund, L.P. is Acme GP, LLC"; "The trustees of the Doe Trust are John Doe and Jane Doe". Each
listed party holds the role toward the entity (a full personal name the form names nowhere
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
    """
    ments = sorted(mentions if mentions is not None else book.mentions(text), key=lambda m: m.start)
    out: list[tuple[str, str, Role, str]] = []
    for obj in ments:
        h = _HEAD.search(text[max(0, obj.start - 60) : obj.start])
        v = _VERB.match(text, obj.end)
        if h is None or v is None or len(obj.keys) != 1:
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
            if sep is None or _END.match(text, pos):
                break
            pos += sep.end()
        if not keys or not _END.match(text, pos):
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
