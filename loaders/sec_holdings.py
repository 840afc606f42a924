"""Holdings stated per holder in the prose of a Schedule 13D/13G, read by construction.

- :func:`owned_respectively`: a list of holders, then one verb of holding and as many counts,
  "respectively" ("Allegheny Mineral Corp., Armstrong Cement & Supply Corp. and Glacial Sand
  & Gravel Co., each of which directly owns 846,208 shares, 719,277 shares and 528,880
  shares, respectively"; "A and B hold 1,000 and 2,000 shares, respectively").

The counts reach the loader as :class:`~ownergraph.loaders.sec_grammar.StatedHolding`; the
loader keeps them only when they account for the filers' reported shares.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from ownergraph.loaders.sec_grammar import NameBook, StatedHolding

_N = r"\d{1,3}(?:,\d{3})+|\d{4,}"
_SH = r"(?:\s+(?:shares|Shares|Common\s+Shares|units|Units))?"
_C = rf"(?:{_N}){_SH}"
_OWN_RESPECTIVELY = re.compile(
    r"(?:,?\s*(?:each\s+of\s+which|each\s+of\s+whom|which|who)\s+)?"
    r"(?:directly\s+|currently\s+|beneficially\s+|of\s+record\s+)?"
    r"(?:owns?|holds?|held|owned|(?:is|are)\s+the\s+(?:record\s+)?holders?\s+of)\s+"
    r"(?:directly\s+|of\s+record\s+|beneficially\s+)?"
    rf"(?P<counts>{_C}(?:\s*,\s*{_C})*\s*,?\s+and\s+{_C})"
    r"(?P<cls>\s+of\s+[^.;]{0,60}?)?,?\s+respectively\b"
)
#: a class other than the common stock reported
_OTHER_CLASS = re.compile(r"\b(?:Series\s+[A-Z]|preferred|warrants?|options?|notes?)\b", re.I)
#: what may stand between two holders of a list
_LIST_GAP = re.compile(r"(?:\s|,|\band\b|\bthe\b|\beach\s+of\b)*", re.I)


def owned_respectively(text: str, book: NameBook) -> list[StatedHolding]:
    """Counts a list of holders owns "respectively", matched in order.

    >>> b = NameBook(issuer_key="i")
    >>> b.add_party("a", "Alpha Fund, L.P."); b.add_party("b", "Beta Fund, L.P.")
    >>> [(h.holder, h.shares) for h in owned_respectively(
    ...     "Alpha Fund, L.P. and Beta Fund, L.P. hold 1,000 and 2,500 shares, respectively.", b)]
    [('a', 1000.0), ('b', 2500.0)]
    """
    if "respectively" not in text:
        return []
    out: list[StatedHolding] = []
    ments = None
    for m in _OWN_RESPECTIVELY.finditer(text):
        if m.group("cls") and _OTHER_CLASS.search(m.group("cls")):
            continue
        counts = [float(n.replace(",", "")) for n in re.findall(_N, m.group("counts"))]
        if ments is None:
            ments = book.mentions(text)
        # the holders: the mentions just before the verb, only list punctuation between them
        before = [x for x in ments if x.end <= m.start()]
        holders = []
        edge = m.start()
        for x in reversed(before):
            if len(holders) == len(counts):
                break
            if _LIST_GAP.fullmatch(text, x.end, edge) is None:
                break
            holders.append(x)
            edge = x.start
        holders.reverse()
        keys = [x.keys[0] for x in holders if len(x.keys) == 1]
        if (
            len(holders) != len(counts)
            or len(keys) != len(counts)
            or len(set(keys)) != len(keys)
            or book.issuer_key in keys
        ):
            continue
        a, b = holders[0].start, m.end()
        phrase = " ".join(text[a:b].split())
        out += [StatedHolding(k, n, phrase, (a, b)) for k, n in zip(keys, counts, strict=True)]
    return out


#: roles that state no power over what the other party holds (an economic stake)
_NO_POWER_ROLES = frozenset({"shareholder", "settlor", "beneficiary"})


def filers_beneath(
    filers: set[str], links: Iterable[tuple[str, str, str]]
) -> dict[str, set[str]] | None:
    """For each filer, the filers below it over the stated links (controller, controlled,
    role value), through parties that are not filers too; links that state only a stake
    (shareholder, settlor, beneficiary) pass nothing. ``None`` when the links among the
    filers make a cycle.

    >>> filers_beneath({"p", "f"}, [("p", "gp", "managing_member"), ("gp", "f", "general_partner")])
    {'f': set(), 'p': {'f'}}
    """
    down: dict[str, set[str]] = {}
    for c, d, role in links:
        if role not in _NO_POWER_ROLES and c != d:
            down.setdefault(c, set()).add(d)
    out: dict[str, set[str]] = {}
    for f in sorted(filers):
        seen: set[str] = set()
        todo = [f]
        while todo:
            for n in down.get(todo.pop(), ()):
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        if f in seen:
            return None
        out[f] = seen & filers
    return out


def nested_own_shares(
    aggregates: dict[str, float], beneath: dict[str, set[str]]
) -> dict[str, float] | None:
    """What each filer holds itself when the cover pages nest along the stated links.

    A filer's own shares are its aggregate less the own shares of the filers below it
    (the funds a general partner or adviser runs report theirs on their own pages). The
    pages nest when no filer is left below zero and the filers' own shares add up to the
    group's shares (the largest aggregate), within one share per page; ``None`` otherwise
    (a page that does not include the pages below it, a link the text does not state, or
    the same shares reported by two filers with no link between them).

    >>> nested_own_shares({"p": 1000.0, "f1": 600.0, "f2": 400.0}, {"p": {"f1", "f2"},
    ...                    "f1": set(), "f2": set()})
    {'f1': 600.0, 'f2': 400.0, 'p': 0.0}
    >>> nested_own_shares({"gp": 1000.0, "f": 1000.0}, {"gp": set(), "f": set()}) is None
    True
    """
    if not aggregates:
        return None
    own: dict[str, float] = {}
    # a filer below another has fewer filers below it (no cycles): the lowest first
    for f in sorted(aggregates, key=lambda k: (len(beneath.get(k, ())), k)):
        below = beneath.get(f, set()) & set(aggregates)
        if any(b not in own for b in below):
            return None
        rest = aggregates[f] - sum(own[b] for b in below)
        if rest < -len(below):
            return None
        own[f] = max(rest, 0.0)
    top = max(aggregates.values())
    if abs(sum(own.values()) - top) > len(own):
        return None
    return own


def disjoint_own_shares(
    aggregates: dict[str, float], beneath: dict[str, set[str]]
) -> dict[str, float] | None:
    """What each filer holds itself when the cover pages are disjoint: every filer reports
    only its own shares (a family each filing for itself, funds with no common manager).

    Read so only when no page can include another: no two pages give the same count, no
    page is the sum of two or more others (within one share per page), and a filer the
    text says controls another reports fewer shares than it (so its page cannot include
    the other's). ``None`` otherwise; pages of 0 take no part.

    >>> disjoint_own_shares({"a": 7950.0, "b": 51062.0, "c": 46063.0, "d": 0.0}, {})
    {'a': 7950.0, 'b': 51062.0, 'c': 46063.0}
    >>> disjoint_own_shares({"a": 600.0, "b": 400.0, "c": 1000.0}, {}) is None
    True
    """
    own = {k: v for k, v in aggregates.items() if v > 0}
    if len(own) < 2 or len(own) > 16:
        return None
    vals = sorted(own.values())
    if any(b - a <= 1 for a, b in itertools.pairwise(vals)):
        return None
    # subset sums of the others, smallest first (a page that is a sum of others nests)
    for i, top in enumerate(vals):
        sums: set[float] = set()
        for v in vals[:i]:
            sums |= {s + v for s in sums} | {v}
        singles = set(vals[:i])
        if any(abs(s - top) <= len(vals) for s in sums - singles):
            return None
    for c, below in beneath.items():
        if c in own and any(d in own and own[c] >= own[d] for d in below):
            return None
    return own
