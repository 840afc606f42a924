"""The links of a legacy 13D/G: its signature blocks ("X, By: Y, its General Partner") and
what the relation grammar (:mod:`loaders.sec_grammar`) reads in the cover-page footnotes
and the Items.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import defaultdict

from ownergraph.graph.vocab import (
    NodeKind,
    Power,
    Role,
    Severity,
)
from ownergraph.loaders.sec_clauses import clauses
from ownergraph.loaders.sec_cover import (
    _Page,
)
from ownergraph.loaders.sec_grammar import extract_links, power_hops, reachable, with_hop_powers
from ownergraph.loaders.sec_holders import (
    _holder_one_of_several,
)
from ownergraph.loaders.sec_holdings import (
    breakdowns,
    owned_respectively,
)
from ownergraph.loaders.sec_legacy_ctx import _Ctx, _norm
from ownergraph.loaders.sec_names import (
    _best_spelling,
)
from ownergraph.loaders.sec_page_names import _NameIndex, _title_case_if_caps
from ownergraph.loaders.sec_powers import subject_powers
from ownergraph.loaders.sec_prose_aliases import _NOT_ALIASES
from ownergraph.loaders.sec_sections import (
    grammar_spans,
)
from ownergraph.loaders.sec_signatures import (
    _power_of,
    _role_of,
    _SigBlock,
    capacity_chain,
)
from ownergraph.loaders.sec_stated_holdings import stated_holdings
from ownergraph.loaders.sec_terms import NameBook, bare_terms, define_terms

# --------------------------------------------------------------------------- links


def _signature_links(
    ctx: _Ctx,
    blocks: list[_SigBlock],
    idx: _NameIndex,
    page_pid: dict[int, str],
    pages: list[_Page],
) -> None:
    """Links stated by signature blocks; conflicting "By:" statements become findings."""
    text = ctx.text
    # who acts for whom, with a capacity, in the filing's own signature blocks
    stated: dict[str, set[str]] = defaultdict(set)
    for b in blocks:
        if b.context == "letter":
            continue
        for ent in b.entities:
            eid = idx.lookup(ent) or ctx.party(_title_case_if_caps(ent))
            for who, cap, _sp in b.by[:1]:
                if cap and "/s/" not in who:
                    wid = idx.lookup(who) or ctx.party(who)
                    stated[eid].add(wid)
    managed = re.search(r"funds\s+managed\s+by\s+([A-Z][\w.,& ]+?(?:Inc\.|LLC|L\.P\.|Ltd\.))", text)
    for b in blocks:
        phrase_block = re.sub(r"\s*\n\s*", " ", text[b.span[0] : b.span[1]])
        ents = [idx.lookup(e) or ctx.party(_title_case_if_caps(e)) for e in b.entities]
        for e, raw in zip(ents, b.entities, strict=False):
            ctx.spellings[e].append(raw)
        chain: list[tuple[str, str | None, tuple[int, int]]] = [
            (idx.lookup(w) or ctx.party(w), cap, sp) for w, cap, sp in b.by if "/s/" not in w
        ]
        for (w, _c, _s), (raw, _c2, _s2) in zip(
            chain, [x for x in b.by if "/s/" not in x[0]], strict=False
        ):
            ctx.spellings[w].append(raw)
        signer_id = None
        if b.signer and _role_of(b.capacity):
            signer_id = idx.lookup(b.signer) or ctx.party(b.signer, kind=NodeKind.PERSON)
            ctx.kinds.setdefault(signer_id, NodeKind.PERSON)
        prov = ctx.p(b.span, phrase_block)
        # entity <- first By:
        below = ents
        if not ents and not chain and signer_id is not None and b.context == "signature":
            # a lone signer under the signature of a one-filer statement signs for that
            # filer ("By /s/ F. William McNabb III" / "President and Chief Executive
            # Officer" under The Vanguard Group's 13G)
            filers = set(page_pid.values())
            if len(filers) == 1 and signer_id not in filers:
                (only,) = filers
                if ctx.kinds.get(only) != NodeKind.PERSON and "IN" not in ctx.type_codes.get(
                    only, ()
                ):
                    below = [only]
        for w, cap, _sp in chain:
            role = _role_of(cap)
            for e in below:
                if role is not None:
                    if b.context != "letter" or w in stated.get(e, set()):
                        ctx.link(w, e, role, prov, power=_power_of(cap))
                    continue
                # no capacity: conflicting with a stated capacity, or role from evidence
                if stated.get(e) and w not in stated[e]:
                    other = sorted(stated[e])
                    names = ", ".join(_best_spelling(ctx.spellings[o]) for o in other)
                    ctx.finding(
                        "conflicting_statements",
                        Severity.WARNING,
                        f"{_best_spelling(ctx.spellings[e])} acts 'By: {_best_spelling(ctx.spellings[w])}' "
                        f"here, but 'By: {names}' with a stated capacity in the signature blocks",
                        key=f"{e}:{w}",
                        expected=names,
                        found=_best_spelling(ctx.spellings[w]),
                        subjects=(e, w, *other),
                        evidence=(
                            prov,
                            *[
                                q
                                for o in other
                                for q in ctx.links.get((o, e, Role.GENERAL_PARTNER), {}).get(
                                    "prov", []
                                )[:1]
                            ],
                        ),
                    )
                    continue
                if managed and idx.lookup(managed.group(1)) == w:
                    ev = ctx.p(
                        (managed.start(), managed.end()),
                        managed.group(0),
                        "no capacity in the signature block; investment manager from 'funds managed by'",
                    )
                    ctx.link(w, e, Role.INVESTMENT_MANAGER, prov)
                    ctx.link(w, e, Role.INVESTMENT_MANAGER, ev)
                # else: "By: Levante Services Limited" with no capacity (or a capacity
                # that is no control role, "Director") states no link (convention 2)
            below = [w]
        steps = capacity_chain(b.capacity) if b.signer else []
        ids = [idx.lookup(e) for _p, _r, e in steps]
        if steps and all(ids) and b.context != "letter":
            if signer_id is None:  # "individually and as ...": the words say the role
                signer_id = idx.lookup(b.signer) or ctx.party(b.signer, kind=NodeKind.PERSON)
                ctx.kinds.setdefault(signer_id, NodeKind.PERSON)
            # "John Doe, as Managing Member of Alpha GP, LLC, for itself and as the General
            # Partner of Alpha Fund, L.P.": each step a link, the entities named elsewhere
            actor = signer_id
            for (prev, role, _e), eid in zip(steps, ids, strict=True):
                src = actor if prev else signer_id
                if eid and src and ctx.kinds.get(eid) != NodeKind.ISSUER:
                    ctx.link(src, eid, role, prov, power=_power_of(b.capacity))
                actor = eid
            continue
        if signer_id is not None:
            role = _role_of(b.capacity)
            assert role is not None
            for e in below:
                if b.context == "letter" and not chain and not stated.get(e):
                    continue  # a letter's signer for its writer's company: no filer's (2)
                if ctx.kinds.get(e) == NodeKind.ISSUER:
                    continue  # the issuer's officer signing an agreement: not a link (12)
                ctx.link(signer_id, e, role, prov, power=_power_of(b.capacity))


#: ``(?<![\n\r])\r?\n(?![\r\n])`` written to start with a character (the engine jumps to
#: "\r" / "\n"; a pattern starting with a lookbehind is tried at every character)
_LINE_BREAK = re.compile(r"(?:\r(?<![\r\n]\r)\n|\n(?<![\r\n]\n))(?![\r\n])")


#: A run of spaces within a line (a hard-wrapped line's indentation once its break is a
#: space, a non-breaking space from HTML): one space for the grammar's phrases.
_SPACES = re.compile(
    r"[ \t\xa0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\xa0\u2000-\u200a\u202f\u205f\u3000]"
)
#: Hyphens of word processors ("wholly\u2011owned", a non-breaking hyphen): the ASCII one.
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})


class _Where:
    """Where each position of a one-spaced text (and its end) stands in its chunk, looked
    up from where each piece of the chunk starts in both (a list of every position was
    most of the time of :func:`_one_space` on a long filing)."""

    __slots__ = ("_flat", "_chunk", "_len")

    def __init__(self, flat: list[int], chunk: list[int], length: int) -> None:
        self._flat, self._chunk, self._len = flat, chunk, length

    def __getitem__(self, i: int) -> int:
        if not 0 <= i <= self._len:
            raise IndexError(i)
        k = bisect.bisect_right(self._flat, i) - 1
        return self._chunk[k] + i - self._flat[k]


def _one_space(chunk: str) -> tuple[str, _Where]:
    """``chunk`` with each run of spaces within a line made one space, and where each
    position of that text (and its end) stands in ``chunk``.

    >>> flat, where = _one_space("the general \t   partner of Y")
    >>> flat, flat[12:19], where[12], where[11], where[len(flat)]
    ('the general partner of Y', 'partner', 17, 11, 29)
    """
    chunk = chunk.replace("\u2010", "-").replace("\u2011", "-")  # _HYPHENS; same length
    parts: list[str] = []
    # a run's one space stands where the run starts; the piece after it, where it ends
    flat_at, chunk_at = [0], [0]
    pos = size = 0
    for m in _SPACES.finditer(chunk):
        a, b = m.span()
        parts.append(chunk[pos:a])
        parts.append(" ")
        size += a - pos + 1
        flat_at.append(size)
        chunk_at.append(b)
        pos = b
    parts.append(chunk[pos:])
    flat = "".join(parts)
    return flat, _Where(flat_at, chunk_at, len(flat))


_FOOTNOTE_PARENT = re.compile(
    r"(?:an?\s+)?(?:division|(?:(?:wholly|majority)[\s-]*owned\s+)?subsidiary)\s+of\s+(?:the\s+)?"
    r"(?P<parent>[A-Z][^;()\n]{2,100}?)\s*\.?\s*$",
    re.I,
)


def _skips_a_chain(
    down: dict[str, set[str]], c: str, d: str, named: frozenset[str] = frozenset()
) -> bool:
    """True when ``d`` is reached from ``c`` over the stated links ``down`` without the
    direct one, through intermediaries none of which is in ``named`` (the parties the
    direct statement itself names): a chain stated elsewhere (convention 14: "Icahn Capital
    LP, a wholly owned subsidiary of Icahn Enterprises" where Icahn Enterprises -> IEH ->
    IPH -> Icahn Capital is stated). "B and C are wholly owned subsidiaries of A" names the
    intermediary B beside C: it states A -> C itself.

    >>> _skips_a_chain({"a": {"b", "c"}, "b": {"c"}}, "a", "c")
    True
    >>> _skips_a_chain({"a": {"c"}, "b": {"c"}}, "a", "c")
    False
    >>> _skips_a_chain({"a": {"b", "c"}, "b": {"c"}}, "a", "c", frozenset({"b"}))
    False
    """
    without = {k: (v - {d} if k == c else v) for k, v in down.items()}
    up: dict[str, set[str]] = defaultdict(set)
    for k, v in without.items():
        for n in v:
            up[n].add(k)
    middle = {n for n in without if n not in (c, d) and reachable(without, c, n)}
    middle &= {n for n in up if n not in (c, d) and reachable(up, d, n)}
    return bool(middle) and not middle & named


def _grammar_links(
    ctx: _Ctx,
    text: str,
    start: int,
    issuer_id: str,
    reporting: list[str],
    marked: list[tuple[str, str]] | None = None,
) -> None:
    """Links the relation grammar (:mod:`loaders.sec_grammar`) reads in the cover-page
    footnotes, the Items and the short exhibits (:func:`loaders.sec_sections.grammar_spans`).

    The book knows every party found so far with its spellings; "the Company" and "the
    Issuer" are the issuer; a party named only in the text becomes a party. A stated-power
    link that a chain of stated links already explains is dropped (no link skips an
    intermediate the text names).
    """
    book = NameBook(issuer_key=issuer_id)
    for pid, spell in list(ctx.spellings.items()):
        uniq = list(dict.fromkeys(s for s in spell if s and len(s) > 2))
        name = ctx.primary.get(pid) or (uniq[0] if uniq else None)
        if not name or any(s.casefold().strip(" .") in _NOT_ALIASES for s in uniq):
            continue  # "Company" (found by an older rule) is the issuer's defined term
        book.add_party(
            pid,
            name,
            person=ctx.kinds.get(pid) == NodeKind.PERSON,
            # one spelling per normalised form (the name patterns allow the rest)
            spellings=list(
                {_norm(s): s for s in reversed(uniq) if _norm(s) != _norm(name)}.values()
            )[:24],
        )
    for term in ("Company", "Issuer"):
        book.add_alias(term, (issuer_id,))
    if len(set(reporting)) == 1:
        book.add_alias("Reporting Person", (reporting[0],))
    spans = grammar_spans(text, start)
    # a line break inside a paragraph is a space (same length: spans stay true)
    chunks = [_LINE_BREAK.sub(" ", text[a:b]).replace("\t", " ") for a, b in spans]
    for chunk in chunks:
        define_terms(chunk, book)
        bare_terms(chunk, book)  # "Capital International Limited (CIL)"
    found = []
    powers: dict[str, tuple[Power | None, Power | None]] = {}
    clash: set[str] = set()
    for (a, _b), chunk in zip(spans, chunks, strict=True):
        flat, where = _one_space(chunk)
        for k, got in subject_powers(flat, book, clauses(flat)).items():
            if powers.get(k, got) != got:
                clash.add(k)
            powers[k] = got
        for sl in extract_links(flat, book):
            # the span back in the chunk ("general\n      partner" is "general partner")
            found.append((dataclasses.replace(sl, span=(where[sl.span[0]], where[sl.span[1]])), a))
        for sh in [*stated_holdings(chunk, book), *owned_respectively(chunk, book)]:
            if sh.shares is None and _holder_one_of_several(chunk, sh.span[1]):
                continue
            if sh.holder not in ctx.spellings:
                ctx.party(book.names[sh.holder], pid=sh.holder)
            span = (a + sh.span[0], a + sh.span[1])
            ctx.stated.append((sh.holder, sh.shares, ctx.p(span, sh.phrase, "holding stated")))
        ctx.breakdowns.extend((a, bd) for bd in breakdowns(chunk, book))
    # a cover-page name with a footnote marker ("Capital Research Global Investors **")
    # and its footnote ("** A division of Capital Research and Management Company"): the
    # footnote is read as an apposition to the name
    for pid, marker in marked or []:
        rx = re.compile(rf"^[ \t]*{re.escape(marker)}[ \t]*(?P<note>[A-Za-z][^\n]{{5,300}})$", re.M)
        name = ctx.primary.get(pid) or ""
        for fm in rx.finditer(text, start):
            note = fm.group("note").strip()
            if not name or _norm(name) in _norm(note):
                continue
            sentence = f"{name}, {note[0].lower()}{note[1:]}"
            pm = _FOOTNOTE_PARENT.match(note)
            if pm:  # the rest of the note names the parent ("... Research and Management Company")
                book.key_for_text_name(pm.group("parent").strip(" ,."))
            for sl in extract_links(sentence, book):
                if pid in (sl.controller, sl.controlled):
                    moved = dataclasses.replace(
                        sl,
                        span=(fm.start("note") - fm.start(), fm.end() - fm.start()),
                        phrase=f"{marker} {note}",
                    )
                    found.append((moved, fm.start()))
            break
    generic = {
        pid
        for pid, spell in ctx.spellings.items()
        if any(s.casefold().strip(" .") in _NOT_ALIASES for s in spell)
    } - {issuer_id}
    found = [(sl, a) for sl, a in found if not {sl.controller, sl.controlled} & generic]
    for sl, _a in found:
        for key in (sl.controller, sl.controlled):
            if key not in ctx.spellings:
                ctx.party(
                    book.names[key], pid=key, kind=NodeKind.PERSON if key in book.persons else None
                )
    structural: dict[str, set[str]] = defaultdict(set)
    for c, d, role in ctx.links:
        if role is not Role.STATED_POWER:
            structural[c].add(d)
    for sl, _a in found:
        if sl.role is not Role.STATED_POWER:
            structural[sl.controller].add(sl.controlled)

    # the powers of the stated powers a chain of stated links explains (dropped below):
    # on the same pair's link, or on the chain's first link (sec_grammar.power_hops)
    explained: dict[tuple[str, str], tuple[Power | None, Power | None]] = {}
    for sl, _a in found:
        if (
            sl.role is Role.STATED_POWER
            and (sl.voting or sl.investment)
            and reachable(structural, sl.controller, sl.controlled)
        ):
            v, i = explained.get((sl.controller, sl.controlled), (None, None))
            explained[(sl.controller, sl.controlled)] = (v or sl.voting, i or sl.investment)
    hops = {**power_hops(structural, explained), **explained}
    for sl, a in found:
        if sl.role is Role.STATED_POWER and reachable(structural, sl.controller, sl.controlled):
            continue
        # "X may be deemed to share voting and dispositive power over the shares held by
        # the Fund", X the managing member of the Fund's general partner
        sl = with_hop_powers(sl, hops)
        if (
            sl.role is Role.PARENT
            and "subsidiar" in sl.role_text.lower()
            and _skips_a_chain(
                structural,
                sl.controller,
                sl.controlled,
                frozenset(k for m in book.mentions(sl.phrase) for k in m.keys),
            )
        ):
            # "C is a wholly owned subsidiary of A" where the text names the chain A -> B
            # -> C: no link skips an intermediary the text names (convention 14); an owner
            # or controller named otherwise ("is owned by", "is controlled by") is kept
            continue
        if (
            sl.role.structural
            and sl.voting is None
            and sl.investment is None
            and sl.controller in powers
            and sl.controller not in clash
        ):
            # "X is the general partner of Y. ... X may be deemed to share voting and
            # dispositive power over the Shares": the powers its subject states it holds
            sl = dataclasses.replace(
                sl, voting=powers[sl.controller][0], investment=powers[sl.controller][1]
            )
        prov = ctx.p(
            (a + sl.span[0], a + sl.span[1]), sl.phrase, f"role stated as {sl.role_text!r}"
        )
        ctx.link(
            sl.controller,
            sl.controlled,
            sl.role,
            prov,
            power=sl.power,
            voting=sl.voting,
            investment=sl.investment,
            share=sl.share,
            details=f"role as printed: {sl.role_text}",
        )
