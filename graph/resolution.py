"""Entity resolution across documents: the same party from two documents is one node.

Rules, strongest first (each merge records its rule, score and evidence):

1. **Identifiers**: two parties that carry the same value of the same scheme (CIK, LEI,
   IRS number, CUSIP, a registry number such as GB-COH) are one party. Leading zeros of
   registry numbers are ignored ("06436883" == "6436883").
2. **Names**, for parties of compatible kinds with no conflicting identifier (two different
   CIKs are never merged): the normalised names (legal-form spelling and punctuation folded:
   "Management, LLC" == "Management LLC", "L.P." == "LP") are equal, or, for persons, the
   tokens match in any order with initials standing for names ("OBUS NELSON" == "Nelson
   Obus"; "Leonard Braden Michael" == "Braden M. Leonard"), or the rapidfuzz
   ``token_sort_ratio`` of the normalised names reaches ``threshold`` (default 96).

Merges never change the records: :func:`clusters` maps each merged id to a kept id when the
graph is built, so a merge is undone by recording a rejection (:meth:`Store.unmerge`).
The kept id is the one with a CIK, else an LEI, else the smallest id: the same whatever
the load order.

>>> from ownergraph.graph.model import Party
>>> from ownergraph.graph.vocab import NodeKind
>>> a = Party(id="party:a", name="Nelson Obus", kind=NodeKind.PERSON)
>>> b = Party(id="party:b", name="OBUS NELSON", kind=NodeKind.PERSON,
...           identifiers=(("cik", "0001046427"),))
>>> [(m.kept_id, m.merged_id, m.rule) for m in find_merges([a, b])]
[('party:b', 'party:a', 'person-name')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ownergraph.graph.ids import make_id, normalize_name
from ownergraph.graph.model import Party
from ownergraph.graph.vocab import NodeKind

#: Schemes whose values identify a party on their own.
STRONG_SCHEMES = frozenset({"cik", "lei", "irs", "cusip", "GB-COH", "UA-EDR", "bods", "tabular"})
#: A person's month and year of birth as a register publishes it (``"1970-05"``): two
#: persons whose birth months differ are never one person, whatever their names.
BIRTH_SCHEME = "birth-month"
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "esq", "mr", "mrs", "ms", "dr"}


@dataclass(frozen=True)
class Merge:
    """One merge: ``merged_id`` is the same party as ``kept_id``."""

    id: str
    kept_id: str
    merged_id: str
    rule: str  # "identifier:<scheme>", "name", "person-name", "fuzzy-name"
    score: float
    evidence: str


def _ident_key(scheme: str, value: str) -> tuple[str, str]:
    v = value.strip().upper()
    if scheme not in ("cik", "lei", "irs", "cusip"):
        v = v.lstrip("0") or v
    return scheme, v


def _kept(a: Party, b: Party) -> tuple[Party, Party]:
    def rank(p: Party) -> tuple[int, str]:
        if p.identifier("cik"):
            return (0, p.id)
        if p.identifier("lei"):
            return (1, p.id)
        return (2, p.id)

    return (a, b) if rank(a) <= rank(b) else (b, a)


def _compatible(a: Party, b: Party) -> bool:
    if (a.kind == NodeKind.PERSON) != (b.kind == NodeKind.PERSON):
        return False
    if NodeKind.UNKNOWN in (a.kind, b.kind) or NodeKind.SECURITY in (a.kind, b.kind):
        return False
    for scheme in ("cik", "lei", BIRTH_SCHEME):
        va, vb = a.identifier(scheme), b.identifier(scheme)
        if va and vb and va != vb:
            return False
    return True


def _signature(p: Party) -> tuple[bool, bool, str | None, str | None, str | None]:
    """What :func:`_compatible` reads of a party, read once (a party meets many others)."""
    return (
        p.kind == NodeKind.PERSON,
        p.kind in (NodeKind.UNKNOWN, NodeKind.SECURITY),
        *(p.identifier(s) for s in ("cik", "lei", BIRTH_SCHEME)),
    )  # type: ignore[return-value]


def _signatures_compatible(sa: tuple[Any, ...], sb: tuple[Any, ...]) -> bool:
    """:func:`_compatible` of two parties from their :func:`_signature`."""
    if sa[0] != sb[0] or sa[1] or sb[1]:
        return False
    _, _, cik_a, lei_a, birth_a = sa
    _, _, cik_b, lei_b, birth_b = sb
    if cik_a and cik_b and cik_a != cik_b:
        return False
    if lei_a and lei_b and lei_a != lei_b:
        return False
    return not (birth_a and birth_b and birth_a != birth_b)


@lru_cache(maxsize=1 << 18)
def _person_tokens(name: str) -> tuple[str, ...]:
    """A person name's tokens without suffixes; computed once per spelling (cached: pairs
    within a block compare the same names many times)."""
    return tuple(t for t in normalize_name(name).split() if t not in _SUFFIXES)


def person_names_match(a: str, b: str) -> bool:
    """True when two person names have the same tokens in any order, initials allowed.

    >>> person_names_match("Leonard Braden Michael", "Braden M. Leonard")
    True
    >>> person_names_match("Nelson Obus", "Joshua Landes")
    False
    >>> person_names_match("Mark Garrett", "Amy Garrett")
    False
    """
    ta, tb = _person_tokens(a), _person_tokens(b)
    if len(ta) < 2 or len(tb) < 2:
        return False
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    remaining = list(long)
    full_matches = 0
    for tok in sorted(short, key=len, reverse=True):
        if tok in remaining:
            remaining.remove(tok)
            full_matches += len(tok) > 1
            continue
        if len(tok) == 1:
            hit = next((r for r in remaining if r.startswith(tok)), None)
            if hit is None:
                return False
            remaining.remove(hit)
            continue
        hit = next((r for r in remaining if len(r) == 1 and tok.startswith(r)), None)
        if hit is None:
            return False
        remaining.remove(hit)
    # the longer name may carry one extra middle name or initial, not more
    return full_matches >= 2 and len(remaining) <= 1


_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def _markers(name: str) -> list[str]:
    """Tokens that tell series apart: numbers, roman numerals, single letters.

    >>> _markers("Example Fund II LP")
    ['ii']
    """
    return sorted(
        t
        for t in normalize_name(name).split()
        if any(c.isdigit() for c in t) or _ROMAN.match(t) or len(t) == 1
    )


#: A name normaliser: :func:`graph.ids.normalize_name` or a load's memo of it (a bulk load
#: normalises each spelling once and hands the results to every rule).
Normalizer = Callable[[str], str]


def _norms(p: Party, norm: Normalizer = normalize_name) -> list[str]:
    return sorted({norm(n) for n in (p.name, *p.names)})


def party_keys(p: Party, norm: Normalizer = normalize_name) -> set[str]:
    """The blocking keys of a party: two parties can merge only if they share one.

    ``i:<scheme>:<value>`` an identifier; ``n:<name>`` a normalised name; for persons
    ``t:<tokens>`` the sorted name tokens and ``p:<token>`` each token of two letters or
    more (initials are compared within these blocks); for entities ``e:<two tokens>`` the
    first two tokens of a normalised name (fuzzy names are compared within these blocks).
    The store keeps them (``resolution_keys``) so a load compares its new parties with the
    few stored parties that share a key, each name normalised once (``norm``: a memo of
    :func:`graph.ids.normalize_name`).

    >>> sorted(party_keys(Party(id="x", name="Nelson Obus", kind=NodeKind.PERSON)))
    ['n:nelson obus', 'p:nelson', 'p:obus', 't:nelson obus']
    """
    keys: set[str] = set()
    for scheme, value in p.identifiers:
        if scheme in STRONG_SCHEMES or scheme.isupper():
            s, v = _ident_key(scheme, value)
            keys.add(f"i:{s}:{v}")
    if p.kind in (NodeKind.UNKNOWN, NodeKind.SECURITY):
        return keys
    norms = _norms(p, norm)
    keys.update("n:" + n for n in norms)
    if p.kind == NodeKind.PERSON:
        for n in (p.name, *p.names):
            toks = tuple(t for t in norm(n).split() if t not in _SUFFIXES)  # _person_tokens
            if len(toks) >= 2:
                keys.add("t:" + " ".join(sorted(toks)))
            keys.update("p:" + t for t in toks if len(t) > 1)
    else:
        for n in norms:
            toks = n.split()
            if toks:
                keys.add("e:" + " ".join(toks[:2]))
    return keys


def find_merges(
    parties: Iterable[Party],
    *,
    threshold: float = 96.0,
    rejected: Iterable[tuple[str, str]] = (),
    max_block: int = 50,
    focus: Collection[str] | None = None,
    sizes: Mapping[str, int] | None = None,
    norm: Normalizer = normalize_name,
) -> list[Merge]:
    """Find the pairs of parties that are one party; deterministic, order-independent.

    Exact keys (identifiers, normalised names, person name tokens) are matched through
    dictionaries in one pass; only fuzzy matching compares pairs, within small blocks
    (the first two tokens of a name; blocks larger than ``max_block`` are skipped).

    Incremental use (the store's loads): with ``focus``, only pairs with at least one
    party in ``focus`` are returned (``parties`` then holds the focus and every stored
    party sharing a key with it); ``sizes`` gives each block's size over the whole store
    (keys of :func:`party_keys`), so a block is skipped as it would be over every party.
    With ``sizes`` over every party, the parties that share no key (exact, or a block
    small enough to compare) with another can be left out: the merges are the same.
    ``norm`` is :func:`graph.ids.normalize_name` or a memo of it.
    """
    plist = sorted(parties, key=lambda p: p.id)
    by_id = {p.id: p for p in plist}
    banned = {frozenset(pair) for pair in rejected}
    found: dict[frozenset[str], Merge] = {}
    norms = {p.id: _norms(p, norm) for p in plist}
    sig = {p.id: _signature(p) for p in plist}
    focus_set = None if focus is None else set(focus)

    def add(a: Party, b: Party, rule: str, score: float, evidence: str) -> None:
        pair = frozenset((a.id, b.id))
        if a.id == b.id or pair in banned or pair in found:
            return
        if not _signatures_compatible(sig[a.id], sig[b.id]):
            return
        if focus_set is not None and a.id not in focus_set and b.id not in focus_set:
            return
        kept, merged = _kept(a, b)
        found[pair] = Merge(
            id=make_id("merge", kept.id, merged.id),
            kept_id=kept.id,
            merged_id=merged.id,
            rule=rule,
            score=score,
            evidence=evidence,
        )

    def link_all(index: dict, rule: str, evidence: str) -> None:
        for key, ids in sorted(index.items()):
            ids = sorted(set(ids))
            for other in ids[1:]:
                add(by_id[ids[0]], by_id[other], rule, 100.0, evidence.format(key=key))

    # 1. identifiers
    idents: dict[tuple[str, str], list[str]] = defaultdict(list)
    for p in plist:
        for scheme, value in p.identifiers:
            if scheme in STRONG_SCHEMES or scheme.isupper():
                idents[_ident_key(scheme, value)].append(p.id)
    for (scheme, value), ids in sorted(idents.items()):
        ids = sorted(set(ids))
        for other in ids[1:]:
            add(
                by_id[ids[0]],
                by_id[other],
                f"identifier:{scheme}",
                100.0,
                f"both carry {scheme} {value}",
            )
    del idents  # each step's index is dropped once read (a large load's candidates)

    # 2. the same normalised name
    names: dict[str, list[str]] = defaultdict(list)
    for p in plist:
        if p.kind not in (NodeKind.UNKNOWN, NodeKind.SECURITY):
            for n in norms[p.id]:
                names[n].append(p.id)
    link_all(
        {k: v for k, v in names.items() if len(v) > 1 and len(set(v)) > 1},
        "name",
        "same normalised name {key!r}",
    )
    del names

    # 3. persons: the same name tokens in any order; initials within blocks
    persons = [p for p in plist if p.kind == NodeKind.PERSON]
    token_sets: dict[tuple[str, ...], list[str]] = defaultdict(list)
    person_blocks: dict[str, list[str]] = defaultdict(list)
    for p in persons:
        for n in (p.name, *p.names):
            toks = _person_tokens(n)
            token_sets[tuple(sorted(toks))].append(p.id)
            for t in toks:
                if len(t) > 1:
                    person_blocks[t].append(p.id)
    link_all(
        {k: v for k, v in token_sets.items() if len(v) > 1 and len(set(v)) > 1 and len(k) >= 2},
        "person-name",
        "same name tokens {key}",
    )
    del token_sets
    # the pairs compared, as (smaller id, larger id): a tuple is a quarter of a frozenset's
    # memory, and a large load's blocks hold millions of pairs
    checked: set[tuple[str, str]] = set()

    def pairs(blocks: dict[str, list[str]], prefix: str) -> Iterable[tuple[str, str]]:
        """Each unordered pair within a block once (one side in ``focus`` when given),
        skipping blocks too large to compare."""
        # a block of one party has no pair (most blocks): not even sorted
        for key, members in sorted(kv for kv in blocks.items() if len(kv[1]) > 1):
            ids = sorted(set(members))
            size = len(ids) if sizes is None else max(len(ids), sizes.get(prefix + key, 0))
            if len(ids) < 2 or size > max_block:
                continue
            for i, ia in enumerate(ids):
                for ib in ids[i + 1 :]:
                    if focus_set is not None and ia not in focus_set and ib not in focus_set:
                        continue
                    pair = (ia, ib)  # ids are sorted: ia < ib
                    if pair not in checked and frozenset(pair) not in found:
                        checked.add(pair)
                        if _signatures_compatible(sig[ia], sig[ib]):  # before comparing names
                            yield ia, ib

    for ia, ib in pairs(person_blocks, "p:"):
        a, b = by_id[ia], by_id[ib]
        if any(person_names_match(x, y) for x in (a.name, *a.names) for y in (b.name, *b.names)):
            add(a, b, "person-name", 100.0, f"{a.name!r} and {b.name!r}: same name tokens")
    del person_blocks

    # 4. fuzzy names of entities, within small blocks, series markers equal
    blocks: dict[str, list[str]] = defaultdict(list)
    for p in plist:
        if p.kind in (NodeKind.PERSON, NodeKind.UNKNOWN, NodeKind.SECURITY):
            continue
        for n in norms[p.id]:
            toks = n.split()
            if toks:
                blocks[" ".join(toks[:2])].append(p.id)
    todo = list(pairs(blocks, "e:"))
    if not todo:
        return sorted(found.values(), key=lambda m: (m.kept_id, m.merged_id))
    from rapidfuzz import fuzz  # imported here: opening a store does not pay for it

    markers: dict[str, list[list[str]]] = {}  # only of the parties compared
    for pid in {x for pair in todo for x in pair}:
        markers[pid] = [_markers(n) for n in norms[pid]]
    for ia, ib in todo:
        best = 0.0
        for x, mx in zip(norms[ia], markers[ia], strict=True):
            for y, my in zip(norms[ib], markers[ib], strict=True):
                if mx == my:
                    best = max(best, fuzz.token_sort_ratio(x, y, score_cutoff=threshold))
        if best >= threshold:
            a, b = by_id[ia], by_id[ib]
            add(a, b, "fuzzy-name", round(best, 1), f"{a.name!r} ~ {b.name!r}")
    return sorted(found.values(), key=lambda m: (m.kept_id, m.merged_id))


def clusters(merges: Iterable[Merge], parties: dict[str, Party] | None = None) -> dict[str, str]:
    """Map every merged id to the kept id of its cluster (connected components).

    The kept id of a cluster is its party with a CIK, else an LEI, else the smallest id,
    so the answer does not depend on the order of the merges.
    """
    adj: dict[str, set[str]] = defaultdict(set)
    for m in merges:
        adj[m.kept_id].add(m.merged_id)
        adj[m.merged_id].add(m.kept_id)

    def rank(pid: str) -> tuple[int, str]:
        p = (parties or {}).get(pid)
        if p is not None and p.identifier("cik"):
            return (0, pid)
        if p is not None and p.identifier("lei"):
            return (1, pid)
        return (2, pid)

    out: dict[str, str] = {}
    seen: set[str] = set()
    for start in sorted(adj):
        if start in seen:
            continue
        comp, stack = [], [start]
        seen.add(start)
        while stack:
            x = stack.pop()
            comp.append(x)
            for y in adj[x]:
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
        keep = min(comp, key=rank)
        out.update({x: keep for x in comp if x != keep})
    return out
