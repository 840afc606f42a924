"""Roles stated by a sentence that introduces a list of persons: "The following individuals
are the directors of, and have the authority to bind, X." and then a table of names.

A Schedule 13D's schedules (Instruction C) list the directors and executive officers of each
reporting entity; such a list is no link, whatever the titles (label convention 8). A
sentence that states a control relation in words and introduces the list is a link like any
sentence: every listed name holds the stated role in X. The production:

- the introduction: "The following individuals (persons, entities) are the <role> of X" or
  "The <role> of X are (as follows):", where <role> is a control role (managing members,
  general partners, members, managers, trustees) or directors / officers "and have the
  authority to bind" X (a bare list of directors or officers stays no link);
- X is a party the filing knows (a cover page, a signature, a name the grammar read), never
  a name first seen here;
- the list: the names after a colon in the same sentence ("... are: A, B and C"), else the
  rows of the table that follows: each row opens with a person's name (its other cells after
  a comma, a tab or a wide gap), a "Name ..." header row and one sentence between the
  introduction and the rows are allowed; the table ends at the first line that is neither.
"""

from __future__ import annotations

import re

from ownergraph.graph.vocab import NodeKind, Role
from ownergraph.loaders.sec_legacy_ctx import _Ctx
from ownergraph.loaders.sec_page_names import _NameIndex
from ownergraph.loaders.sec_persons import _NAME, _NOT_PERSON

_ROLE_WORDS = (
    r"(?P<role>(?:sole\s+)?managing\s+members|general\s+partners|members|managers|co-trustees"
    r"|trustees|directors|executive\s+officers|officers)"
)
#: "and have the authority to bind": the control relation that makes a director list links.
_BIND = r"(?P<bind>\s*,?\s*and\s+(?:have|has)\s+the\s+(?:sole\s+)?authority\s+to\s+bind\s*,?)?"
#: The object: a name up to the sentence end or the colon.
_OBJECT = r"\s+(?P<obj>[A-Z][^.:;\n]{1,120}?(?:\s(?:Ltd|Inc|Corp|Co|L\.P|LP|LLC|N\.V|S\.A)\.?)?)"
_INTRO = re.compile(
    r"\b[Tt]he\s+following\s+(?:individuals|persons|people|entities|natural\s+persons)\s+"
    rf"(?:are|serve\s+as|act\s+as)\s+(?:the\s+)?{_ROLE_WORDS}\s+of{_BIND}{_OBJECT}"
    r"\s*(?P<end>:|\.(?=\s)|$)"
    r"|\b[Tt]he\s+" + _ROLE_WORDS.replace("?P<role>", "?P<role2>") + r"\s+of"
    rf"{_OBJECT.replace('?P<obj>', '?P<obj2>')}\s+are(?:\s+as\s+follows)?\s*(?P<end2>:)",
    re.M,
)
_ROLES = {
    "managing members": Role.MANAGING_MEMBER,
    "sole managing members": Role.MANAGING_MEMBER,
    "general partners": Role.GENERAL_PARTNER,
    "members": Role.MEMBER,
    "managers": Role.MANAGING_MEMBER,
    "trustees": Role.TRUSTEE,
    "co-trustees": Role.TRUSTEE,
    "directors": Role.DIRECTOR,
    "executive officers": Role.OFFICER,
    "officers": Role.OFFICER,
}
#: Roles a list states only with the authority to bind (convention 8).
_NEEDS_BIND = {Role.DIRECTOR, Role.OFFICER}
#: A table row: a person's name first, then its other cells (or nothing).
_ROW = re.compile(
    rf"[ \t]*(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?{_NAME}[ \t]*(?=,|\t|\s{{2}}|$)",
)
#: A header row: "Name", "Name and Business Address", "Name   Present Occupation".
_HEADER = re.compile(r"[ \t]*Names?\b[^\n]{0,120}$")
#: Names after a colon: "A, B and C".
_INLINE = re.compile(
    rf"(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?{_NAME}(?P<sep>\s*,\s*(?:and\s+)?|\s+and\s+|\s*[.;]|\s*$)"
)
#: How many lines the table may take.
_MAX_LINES = 60


def _table_names(text: str, start: int) -> list[tuple[str, int]]:
    """The names opening the rows of the table that starts after ``start`` (name, offset)."""
    lines = text[start:].split("\n", _MAX_LINES)[:_MAX_LINES]
    pos = start
    out: list[tuple[str, int]] = []
    skipped = 0
    for k, line in enumerate(lines):
        here = pos
        pos += len(line) + 1
        if k == 0:  # the rest of the introduction's own line
            if line.strip():
                skipped += 1
            continue
        if not line.strip():
            continue
        m = _ROW.match(line)
        if m and not _NOT_PERSON.search(m.group("name")):
            out.append((" ".join(m.group("name").split()), here + m.start("name")))
            continue
        if not out and _HEADER.match(line):
            continue
        if out and line[:1] in " \t" and not re.match(r"\s*[A-Z][a-z]+\s+[A-Z]\.", line):
            continue  # a cell wrapped onto the next line ("\t Senior Managing Director")
        if not out and skipped < 1 and re.search(r"\.\s*$", line):
            skipped += 1  # one sentence ("The business address of each ... is ...")
            continue
        break
    return out


def _inline_names(text: str, start: int) -> list[tuple[str, int]]:
    """The names of a list "A, B and C." right after ``start``."""
    out: list[tuple[str, int]] = []
    pos = start
    while True:
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        m = _INLINE.match(text, pos)
        if m is None or _NOT_PERSON.search(m.group("name")):
            return []
        out.append((" ".join(m.group("name").split()), m.start("name")))
        if not m.group("sep").strip(" \t,") or m.group("sep").strip()[:1] in ".;":
            return out
        pos = m.end()


def schedule_links(ctx: _Ctx, text: str, start: int, issuer_id: str) -> None:
    """Links from a sentence that introduces a list of the holders of a role (module
    docstring): each listed name holds the role in the named party."""
    if "following" not in text and " are" not in text:
        return
    index = _NameIndex(ctx)
    for m in _INTRO.finditer(text, start):
        role_text = " ".join((m.group("role") or m.group("role2")).lower().split())
        role = _ROLES[role_text]
        if role in _NEEDS_BIND and not m.group("bind"):
            continue
        obj = (m.group("obj") or m.group("obj2")).strip(" ,")
        target = index.lookup(obj, fuzzy=False)
        if target is None or target == issuer_id:
            continue
        colon = (m.group("end") or m.group("end2")) == ":"
        names = _inline_names(text, m.end()) if colon else []
        if not names:
            names = _table_names(text, m.end())
        for name, at in names:
            pid = index.lookup(name, fuzzy=False)
            if pid is None:
                pid = ctx.party(name, kind=NodeKind.PERSON)
            elif ctx.kinds.get(pid) not in (None, NodeKind.PERSON):
                continue  # a listed name that is a company's
            if pid in (target, issuer_id):
                continue
            phrase = f"{' '.join(m.group(0).split())} ... {name}"
            ctx.link(
                pid,
                target,
                role,
                ctx.p((m.start(), at + len(name)), phrase, f"role stated as {role_text!r}"),
                details=f"role as printed: {role_text}",
            )
