"""Forms 3/4/5: what "beneficial owner" words state (split from :mod:`loaders.form345_rules`).

"X may be deemed a beneficial owner of the securities held by Y" is a claim over the shares
Y holds, not a role: :func:`beneficial_owner_links` turns the grammar's weak "owner" link
into no link (a stated chain already leads there), a stated-power link (the words give the
power as the reason, with the sole / shared power a reason of control states), or the row's
link 'other'. :func:`_reaches` is the chain test both modules use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ownergraph.graph.vocab import EdgeKind, Power, Role
from ownergraph.loaders.sec_grammar import reachable

_ON_SECURITIES = re.compile(
    r"beneficial\s+owner(?:s|ship)?\s+(?:of|over)\s+(?:the\s+|such\s+|these\s+)?(?:securities|shares)"
    r"|beneficially\s+own",
    re.I,
)
_BY_POWER = re.compile(
    r"by\s+virtue\s+of\s+(?:his|her|its|their)\b[^.;]{0,60}?\b(?:control|power)", re.I
)


_SOLE_OR_SHARED = re.compile(
    r"by\s+virtue\s+of\s+(?:his|her|its|their)\s+(?P<how>sole|shared|joint)\s+"
    r"(?:voting\s+and\s+(?:investment|dispositive)\s+)?(?:control|power)\b",
    re.I,
)


def _control_power(phrase: str) -> Power | None:
    """The power a reason of "sole" / "shared" control gives over the shares the controlled
    holder holds, as both voting and investment power (DOMAIN.md 2: attribution follows
    control): "by virtue of his shared control over and indirect pecuniary interest in the
    Sponsor" -> shared; no adjective -> ``None``.

    >>> _control_power("may be deemed a beneficial owner of securities held by the Sponsor"
    ...     " by virtue of his shared control over the Sponsor")
    <Power.SHARED: 'shared'>
    >>> _control_power("by virtue of his voting and investment power over such securities") is None
    True
    """
    m = _SOLE_OR_SHARED.search(phrase)
    if m is None:
        return None
    return Power.SOLE if m.group("how").lower() == "sole" else Power.SHARED


def _weak(acc: dict[str, Any], key: tuple[str, str, Role, EdgeKind]) -> bool:
    """A parent link read only from "beneficial owner" words (the grammar's role 'owner')."""
    return key[2] is Role.PARENT and all(
        re.search(r"role stated as 'owners?'", p.note or "") for p in acc["prov"]
    )


def beneficial_owner_links(
    owner_keys: list[str],
    link_acc: dict[tuple[str, str, Role, EdgeKind], dict[str, Any]],
    add_link: Callable[..., None],
) -> None:
    """What "beneficial owner" words state, read apart from a parent holding company:

    - "may be deemed a beneficial owner of the securities held by Y" (a claim over the
      shares Y holds): no link when a chain of stated links already leads there ("By
      virtue of being a managing member of Greylock LLC" + "Greylock LLC is the general
      partner of Y": no link may skip Greylock LLC); a stated-power link when the words
      give the power as the reason ("by virtue of his voting and investment power"); else
      (no role, no power: "On the basis of the reporting person's relationship with Y") the
      row's link 'other' (convention 1), never Y's parent;
    A "sole beneficial owner" of an entity stays its parent (convention 3 of
    tests/fixtures/corpus/README.md).
    """
    for key, acc in list(link_acc.items()):
        c, d, _role, _kind = key
        if c not in owner_keys or not _weak(acc, key):
            continue
        phrase = " ".join(p.phrase or "" for p in acc["prov"])
        if _ON_SECURITIES.search(phrase):
            rest = {k: v for k, v in link_acc.items() if k != key}
            if _reaches(rest, c, d):
                del link_acc[key]
            elif _BY_POWER.search(phrase):
                del link_acc[key]
                both = _control_power(phrase)  # "by virtue of his shared control over Y"
                for pv_ in acc["prov"]:
                    add_link(
                        c,
                        d,
                        Role.STATED_POWER,
                        acc["power"] or both,
                        False,
                        pv_,
                        voting=both,
                        investment=both,
                    )
            else:  # a claim on Y's securities with no role or power given: not Y's owner
                del link_acc[key]
                for pv_ in acc["prov"]:
                    add_link(c, d, Role.OTHER, acc["power"], False, pv_)


def _reaches(
    link_acc: dict[tuple[str, str, Role, EdgeKind], dict[str, Any]], c: str, d: str
) -> bool:
    down: dict[str, set[str]] = {}
    for a, b, role, _k in link_acc:
        if role is not Role.STATED_POWER:
            down.setdefault(a, set()).add(b)
    return reachable(down, c, d)
