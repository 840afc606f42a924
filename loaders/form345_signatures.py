"""Forms 3/4/5: the links a signature line states (convention 2 of
tests/fixtures/corpus/README.md), in the two shapes the ``signatureName`` of real forms
takes:

- a chain of "By:" steps: "Mithril II LP By: Mithril II GP LP, its general partner By:
  Mithril II UGP LLC, its general partner, By: /s/ Ajay Royan, Managing Member" -- each step
  holds its capacity toward the step before (Mithril II GP LP general partner of Mithril II
  LP, Mithril II UGP LLC of Mithril II GP LP, Ajay Royan managing member of Mithril II UGP
  LLC);
- the signer's titles in a row: "/s/ Ajay Royan, Managing Member, Mithril II UGP LLC, General
  Partner of Mithril II GP LP, the General Partner of Mithril II LP" -- the same chain read
  from the top.

A capacity that states no control (Authorized Person, attorney-in-fact, Director, Vice
President ...) states no link; a line without an entity ("/s/ Peter Thiel") states none.
President / Chief Executive Officer (an officer link by convention 2) is not read yet (see
``_ROLES``).
"""

from __future__ import annotations

import re

from ownergraph.graph.vocab import Role

#: capacities that state a control role, in the words of convention 2
_ROLES: list[tuple[re.Pattern[str], Role]] = [
    (re.compile(r"\bgeneral\s+partner\b", re.I), Role.GENERAL_PARTNER),
    (re.compile(r"\bmanaging\s+partner\b", re.I), Role.GENERAL_PARTNER),
    (re.compile(r"\bmanaging\s+member\b", re.I), Role.MANAGING_MEMBER),
    (re.compile(r"\bsole\s+member\b", re.I), Role.SOLE_MEMBER),
    (re.compile(r"\binvestment\s+manager\b", re.I), Role.INVESTMENT_MANAGER),
    (re.compile(r"\btrustee\b", re.I), Role.TRUSTEE),
    (re.compile(r"^(?:its\s+|the\s+)?(?:sole\s+)?manager$", re.I), Role.MANAGING_MEMBER),
    (re.compile(r"^(?:its\s+|the\s+|a\s+)?member$", re.I), Role.MEMBER),
]
# "X, By: /s/ Z, President" also states an officer link (convention 2), which makes Z an
# ultimate controller beside X's parent (convention 14); not read yet: the who-controls
# tests of the Wynn fixture (tests/test_integration.py) list the parent's owner alone.
_NO_LINK = re.compile(
    r"attorney|authori[sz]ed|power\s+of|vice\s+president|secretary|treasurer|director"
    r"|chairman|officer\s+of|counsel|signatory|assistant|individually|on\s+behalf",
    re.I,
)
_BY = re.compile(r"\bBy:\s*", re.I)
_SIGNED = re.compile(r"^/s/\s*")
#: "General Partner of Mithril II GP LP": a capacity toward a named entity
_CAP_OF = re.compile(r"^(?:its\s+|the\s+)?(?P<cap>[A-Za-z ]+?)\s+of\s+(?P<name>.+)$", re.I)


def capacity_role(words: str) -> Role | None:
    """The control role a signing capacity states, ``None`` when it states none.

    >>> capacity_role("its general partner")
    <Role.GENERAL_PARTNER: 'general_partner'>
    >>> capacity_role("Authorized Person") is None
    True
    """
    words = " ".join(words.strip(" ,.;").split())
    if not words or _NO_LINK.search(words):
        return None
    for rx, role in _ROLES:
        if rx.search(words):
            return role
    return None


def _name_cap(part: str) -> tuple[str, str]:
    """'Mithril II GP LP, its general partner' -> (name, capacity)."""
    name, _, cap = part.strip(" ,").partition(",")
    return name.strip(), cap.strip(" ,")


def signature_steps(line: str) -> list[tuple[str, str, Role]]:
    """(controller name, controlled name, role) for each link a signature line states,
    in the line's own spellings (module rule).

    >>> signature_steps("Mithril II GP LP By: Mithril II UGP LLC, its general partner"
    ...                 " By: /s/ Ajay Royan, Managing Member")  # doctest: +NORMALIZE_WHITESPACE
    [('Mithril II UGP LLC', 'Mithril II GP LP', <Role.GENERAL_PARTNER: 'general_partner'>),
     ('Ajay Royan', 'Mithril II UGP LLC', <Role.MANAGING_MEMBER: 'managing_member'>)]
    >>> signature_steps("/s/ Ajay Royan, Managing Member, Mithril II UGP LLC, General Partner"
    ...                 " of Mithril II GP LP")  # doctest: +NORMALIZE_WHITESPACE
    [('Ajay Royan', 'Mithril II UGP LLC', <Role.MANAGING_MEMBER: 'managing_member'>),
     ('Mithril II UGP LLC', 'Mithril II GP LP', <Role.GENERAL_PARTNER: 'general_partner'>)]
    >>> signature_steps("/s/ Peter Thiel")
    []
    """
    line = " ".join(line.split())
    out: list[tuple[str, str, Role]] = []
    parts = [p for p in _BY.split(line) if p.strip(" ,")]
    if len(parts) >= 2 and not _SIGNED.match(parts[0]):  # "X By: Y, its GP By: /s/ Z, MM"
        prev = parts[0].strip(" ,")
        for part in parts[1:]:
            name, cap = _name_cap(_SIGNED.sub("", part))
            role = capacity_role(cap)
            if not name or role is None:
                break  # a step that states no control ends the chain
            out.append((name, prev, role))
            prev = name
        return out
    m = _SIGNED.match(line)
    if not m or len(parts) != 1:
        return out
    items = [i.strip() for i in line[m.end() :].split(",") if i.strip()]
    if len(items) < 3:
        return out
    signer, cap, entity = items[0], items[1], items[2]
    role = capacity_role(cap)
    if role is None or capacity_role(entity) is not None:
        return out
    out.append((signer, entity, role))
    prev = entity
    for item in items[3:]:
        mo = _CAP_OF.match(item)
        role = capacity_role(mo.group("cap")) if mo else None
        if mo is None or role is None:
            break
        out.append((prev, mo.group("name").strip(), role))
        prev = mo.group("name").strip()
    return out
