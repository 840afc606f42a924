"""Who holds a legacy 13D/G's shares when the filing does not say: the lowest reporting
person of each group of filers that stated links join.

:func:`loaders.sec_legacy_holdings._lowest_pages` records one holder for the whole filing
(the page with the smallest aggregate, a controlled one first). Filers the text links to
nothing report shares that nothing in the document puts under another filer: each is the
holder, and so the ultimate controller, of what its own page reports (convention 13: a
party with no stated controller above it is ultimate; "every filer reports shared power
over the same shares; with no stated link above them, the Master Fund, Vermut and (through
the manager) Brodkowitz are each ultimate"). So the filers are split into the groups that
the stated links join (in either direction, through parties that file no page too), and
the lowest page is taken in each group.
"""

from __future__ import annotations

from collections.abc import Callable

from ownergraph.loaders.sec_cover import _Page
from ownergraph.loaders.sec_legacy_ctx import _Ctx


def linked_groups(filers: list[str], links: list[tuple[str, str]]) -> list[list[str]]:
    """The filers grouped by the links that join them (undirected, through any party),
    in the order of their first filer.

    >>> linked_groups(["a", "b", "c", "d"], [("x", "a"), ("x", "b"), ("c", "y")])
    [['a', 'b'], ['c'], ['d']]
    """
    parent: dict[str, str] = {}

    def root(n: str) -> str:
        parent.setdefault(n, n)
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for c, d in links:
        parent[root(c)] = root(d)
    groups: dict[str, list[str]] = {}
    for f in filers:
        groups.setdefault(root(f), []).append(f)
    return list(groups.values())


def lowest_pages_per_group(
    ctx: _Ctx,
    pages: list[_Page],
    page_pid: dict[int, str],
    lowest: Callable[[_Ctx, list[_Page], dict[int, str]], list[_Page]],
) -> list[_Page]:
    """``lowest`` (the one-holder rule) applied to each group of filers joined by stated
    links (:func:`linked_groups`); a filer with a page and no link to another is its own
    group. Links of an economic interest only (shareholder, beneficiary, settlor) join
    too: they say the parties are related, and whose the shares are is then left to the
    one-holder rule."""
    if len(pages) < 2:
        return lowest(ctx, pages, page_pid)
    pids = list(dict.fromkeys(page_pid[pg.index] for pg in pages))
    groups = linked_groups(pids, [(c, d) for (c, d, _r) in ctx.links])
    out: list[_Page] = []
    for group in groups:
        members = set(group)
        out.extend(lowest(ctx, [pg for pg in pages if page_pid[pg.index] in members], page_pid))
    return out
