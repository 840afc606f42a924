"""A role held in a role the text names elsewhere (relation grammar, issue 11).

"John Smith is the sole member of the general partner of Y": the grammar does not link
John Smith to Y (no link skips an intermediary), and reads nothing when the general partner
is not named in that sentence. When the text states who that general partner is ("Z is the
general partner of Y", in any sentence of the same text), the definite description "the
general partner of Y" names Z: John Smith is the sole member of Z. Only a description with
one stated holder is resolved.
"""

from __future__ import annotations

import re

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_roles import _ROLE_WORDS, StatedLink, _power, _role_word

#: (subject keys, outer role match, inner role, controlled keys, phrase, span)
Pending = tuple[tuple[str, ...], re.Match[str], Role, tuple[str, ...], str, tuple[int, int]]


def outer_role(rm: re.Match[str]) -> Role | None:
    """The role a role-word match states ("sole member" -> SOLE_MEMBER), None when unknown."""
    word = _role_word(rm.group("role"))
    role = _ROLE_WORDS.get(word)
    if word == "member" and "sole" in (rm.group("mods") or "").lower():
        role = Role.SOLE_MEMBER
    return role


def resolve_role_of_role(pending: list[Pending], links: list[StatedLink]) -> list[StatedLink]:
    """The links "X is the ROLE1 of the ROLE2 of Y" states once the text names the one
    holder Z of ROLE2 of Y: X -> Z with ROLE1.

    >>> import re
    >>> from ownergraph.loaders.sec_roles import _ROLE_RE
    >>> rm = _ROLE_RE.search("the sole member of")
    >>> z = StatedLink("z", "y", Role.GENERAL_PARTNER, None, False, "general partner", "", (0, 1))
    >>> got = resolve_role_of_role([(("x",), rm, Role.GENERAL_PARTNER, ("y",), "", (0, 1))], [z])
    >>> [(g.controller, g.controlled, g.role.value) for g in got]
    [('x', 'z', 'sole_member')]
    """
    out: list[StatedLink] = []
    for subjects, rm, inner, controlled, phrase, span in pending:
        role = outer_role(rm)
        if role is None:
            continue
        for d in controlled:
            holders = {sl.controller for sl in links if sl.controlled == d and sl.role is inner}
            if len(holders) != 1:
                continue  # not named, or not one party: the description names no one
            (z,) = holders
            role_text = " ".join(rm.group(0).split())
            power = _power(rm.group("mods") or "", role_text)
            for c in subjects:
                if c not in (z, d):
                    out.append(StatedLink(c, z, role, power, False, role_text, phrase, span))
    return out
