"""The sole/shared powers of a filer's control links, read from its own cover page.

Rule 13d-3 (DOMAIN.md §2: "sole vs shared is each person's own view"): rows 7-10 of a
reporting person's cover page state its power over every share it reports. A filer whose
page reports voting power only as shared (row 7 is 0, row 8 a count) holds shared voting
power over whatever it controls; only sole (row 8 is 0), sole. So a control link from a
filer that the words leave without a power ("Yvan Dupuy is one of three trustees of the
Plan", "X is the general partner of the Fund") passes the power its page states. Where the
page reports both sole and shared power of a kind, the link's power is the row whose count
is the controlled party's count ("4,740 shares as to which there is sole ... and 484,296
shares as to which there is shared voting and dispositive power"; "The 484,296 shares are
held by the ... Plan": shared), and nothing when no single row matches.

A link gets both powers or neither: a link with one power set and the other not passes
only that one (``graph.model.link_passes``), so a structural link is never narrowed by a
page that states one kind only. Stated powers in the words always win (only missing halves
are filled); economic roles (shareholder, beneficiary, settlor) and the stated-power role
("may be deemed to beneficially own", which may state one power on purpose) are left alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from ownergraph.graph.model import Holding
from ownergraph.graph.vocab import Power, Role

#: the rows of one kind of power on a cover page: (sole row key, shared row key)
_KINDS = {
    "voting": ("sole_voting", "shared_voting"),
    "investment": ("sole_dispositive", "shared_dispositive"),
}


def row_power(
    values: dict[str, float | None], kind: str, counts: Iterable[float] = ()
) -> Power | None:
    """The power a cover page states over its shares for one kind ("voting" or
    "investment"): shared where the sole row is 0 (or blank) and the shared row a count,
    sole the other way round; where both are counts, the row that equals one of ``counts``
    (the controlled party's holdings, or their sum), if exactly one does.

    >>> row_power({"sole_voting": 0, "shared_voting": 500}, "voting")
    <Power.SHARED: 'shared'>
    >>> row_power({"sole_dispositive": 70, "shared_dispositive": None}, "investment")
    <Power.SOLE: 'sole'>
    >>> row_power({"sole_voting": 4740, "shared_voting": 484296}, "voting", [484296])
    <Power.SHARED: 'shared'>
    >>> row_power({"sole_voting": 4740, "shared_voting": 484296}, "voting", [10])
    >>> row_power({"sole_voting": 0, "shared_voting": 0}, "voting") is None
    True
    """
    sole_key, shared_key = _KINDS[kind]
    sole, shared = values.get(sole_key), values.get(shared_key)
    if not sole and shared:
        return Power.SHARED
    if not shared and sole:
        return Power.SOLE
    if not (sole and shared) or sole == shared:
        return None
    got = list(counts)
    total = sum(got)
    hits = {
        p
        for p, row in ((Power.SOLE, sole), (Power.SHARED, shared))
        if any(abs(row - x) < 0.5 for x in [*got, total] if x)
    }
    return hits.pop() if len(hits) == 1 else None


def page_link_powers(
    links: dict[tuple[str, str, Role], dict[str, Any]],
    page_values: Iterable[tuple[str, dict[str, float | None]]],
    holdings: Iterable[Holding],
) -> int:
    """Fill the missing voting / investment power of each structural link whose controller
    is a filer from the filer's cover page (:func:`row_power`); ``links`` is the parse's
    ``ctx.links`` (changed in place), ``page_values`` (filer id, page rows), ``holdings``
    the parse's holdings (the controlled party's counts). A filer with two pages that
    disagree gives nothing. Returns the number of links changed.
    """
    pages: dict[str, dict[str, float | None]] = {}
    clash: set[str] = set()
    for pid, values in page_values:
        rows = {k: values.get(k) for pair in _KINDS.values() for k in pair}
        if pages.get(pid, rows) != rows:
            clash.add(pid)
        pages[pid] = rows
    counts: dict[str, list[float]] = defaultdict(list)
    for h in holdings:
        if h.shares is not None:
            counts[h.holder_id].append(h.shares)
    changed = 0
    for (c, d, role), info in links.items():
        if not role.structural or info.get("power") is not None or c in clash or c not in pages:
            continue
        if info.get("voting") is not None and info.get("investment") is not None:
            continue
        v = info.get("voting") or row_power(pages[c], "voting", counts.get(d, ()))
        i = info.get("investment") or row_power(pages[c], "investment", counts.get(d, ()))
        if v is None or i is None:
            continue  # one kind only would narrow what the link passes
        info["voting"], info["investment"] = v, i
        changed += 1
    return changed
