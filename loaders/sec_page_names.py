"""The names of a legacy 13D/G's cover pages resolved against the other spellings of the
filing (signature blocks, "owned by" phrases, the joint filing agreement, the SGML
header), and the owners a page says hold its shares.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict

from rapidfuzz import fuzz

from ownergraph.graph.model import (
    Component,
)
from ownergraph.graph.vocab import (
    Instrument,
    NodeKind,
    Power,
    Role,
)
from ownergraph.loaders.sec_cover import (
    _Page,
)
from ownergraph.loaders.sec_cover_rows import _first_components
from ownergraph.loaders.sec_legacy_ctx import _Ctx, _norm
from ownergraph.loaders.sec_names import (
    _LEGAL,
    _best_spelling,
    _smart_title,
)


def _tokens(name: str) -> tuple[str, ...]:
    """The words of a name in any order ("ICAHN CARL C" = "Carl C. Icahn")."""
    return tuple(sorted(_norm(name).split()))


def _title_case_if_caps(s: str) -> str:
    return _smart_title(s) if s.isupper() else s


# --------------------------------------------------------------------------- resolution


def _owner_list(phrase: str) -> list[str]:
    """Split "owned by A, B and C." into names."""
    m = re.search(r"owned\s+by\s+(.+)$", phrase)
    if not m:
        return []
    body = re.sub(r"\s+\d{1,2}\s+", " ", m.group(1)).strip(" .")
    parts = re.split(r",\s+(?=[A-Z])(?!(?:L\.?P|LLC|Inc|Ltd)\b)|\s+and\s+(?=[A-Z])", body)
    return [p.strip(" ,.") for p in parts if len(p.strip()) > 3]


def _jfa_parties(text: str, start: int) -> list[tuple[str, tuple[int, int]]]:
    """The parties a joint filing agreement lists ("by and among A, B, ... and Z.")."""
    m = re.search(r"by\s+and\s+(?:among|between)\s+(.+?)\.\s*(?:\n|$)", text[start:], re.S | re.I)
    if not m:
        return []
    body = re.sub(r"\s+", " ", m.group(1))
    parts = re.split(r",\s+(?:and\s+)?|\s+and\s+", body)
    merged: list[str] = []
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if merged and re.fullmatch(rf"{_LEGAL}(?:\s+(?:I|II|III))?", p, re.I):
            merged[-1] = f"{merged[-1]}, {p}"
        else:
            merged.append(p)
    out = []
    base = start + m.start(1)
    for p in merged:
        k = text.find(p.split(",")[0], base)
        out.append((p, (k, k + len(p)) if k >= 0 else (base, base)))
    return out


def _norm_frag(s: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", s.casefold().replace("ı", "i")).strip()


#: Cover-page row labels (as printed, upper case, spacing garbled by extraction): a spelling
#: that contains one is a phrase capture that ran past its end, not a name.
_ROW_LABEL_IN_NAME = re.compile(
    r"CHECK\s+(?:THE\s+)?(?:APPROPRIATE\s+)?(?:BOX\s+)?IF|A\s*G\s*G\s*R\s*E\s*G\s*A\s*T\s*E\s+AMOUNT"
    r"|\bROW\s*\(\s*\d+\s*\)|\bSOLE\s+(?:VOTING|DISPOSITIVE)|\bSHARED\s+(?:VOTING|DISPOSITIVE)"
    r"|\bPERCENT\s+OF\s+CLASS|\bTYPE\s+OF\s+REPORTING|\bNAME\s+OF\s+REPORTING|\bSEC\s+USE\s+ONLY"
    r"|\bCITIZENSHIP\s+OR\s+PLACE|\bSOURCE\s+OF\s+FUNDS|\bBENEFICIALLY\s+OWNED\s+BY"
)
#: A sentence end inside a spelling: a word of two or more lower-case letters (not an
#: abbreviation such as "Ltd", "Inc", "Corp", "Bros") and a full stop, then more words.
#: The text of rows 7-11 ("1,073,554 shares of Common Stock; (ii) …"): never in a name.
_ROW_TEXT_IN_NAME = re.compile(
    r";|\(\s*i{1,3}v?\s*\)|\d{1,3},\d{3}|\bconsisting\s+of\b|\bshares\s+of\b", re.I
)
#: Longer than any party name a cover page states.
_MAX_NAME = 120
_SENTENCE_END_IN_NAME = re.compile(
    r"\b(?!(?:Ltd|Inc|Corp|Bros|Assoc|Mgmt|Intl|Jr|Sr)\.)[A-Za-z]*[a-z]{2}\.\s+\S"
)


def _is_name_like(spelling: str) -> bool:
    """Whether a spelling can be a party's name: no row label, nothing past a sentence end.

    >>> _is_name_like("Wynnefield Partners Small Cap Value, L.P. I")
    True
    >>> _is_name_like("Wynnefield Partners Small Cap Value LP I. CHECK IF TH E AGGRE GATE AMOUNT IN ROW (11)")
    False
    >>> _is_name_like("Nelson Obus. Each of them"), _is_name_like("BlackRock Japan Co. Ltd.")
    (False, True)
    >>> _is_name_like("Wynnefield Partners S Wynnefield Small Cap Value Of ck, consisting of (i)")
    False
    """
    return len(spelling) <= _MAX_NAME and not (
        _ROW_LABEL_IN_NAME.search(spelling)
        or _ROW_TEXT_IN_NAME.search(spelling)
        or _SENTENCE_END_IN_NAME.search(spelling)
    )


def _looks_broken(name: str) -> bool:
    """Whether a row-1 name looks cut or garbled by text extraction: it starts in the middle
    of a word (lower case), holds a dotless i from PDF ligatures, or ends in a lone letter
    that is not a roman numeral.

    >>> [_looks_broken(n) for n in ("artners Sı mall Cap Value LP", "Wynnefield C", "Nelson Obus")]
    [True, True, False]
    """
    n = name.strip()
    return bool(n) and (n[0].islower() or "ı" in n or bool(re.search(r"\s[A-HJ-UWYZ]$", n)))


def _resolve_page_names(
    pages: list[_Page], candidates: list[str], signed: list[str] | None = None
) -> None:
    """Give each page its clean name, resolving broken ones against the filing's spellings.

    ``signed`` (the names in the signature blocks) resolve only a row-1 name that looks
    broken (:func:`_looks_broken`) or is no name (:func:`_is_name_like`): a signature
    block's "Fund II, L.P." never renames an intact row-1 "Fund, L.P.".

    Candidates that are not name-like (:func:`_is_name_like`: a phrase capture that ran into
    a row label or past a sentence end) are never used. A broken name that matches no
    candidate keeps its filed spelling and is flagged (``page.name_unresolved``).
    """
    cand_norm: dict[str, list[str]] = defaultdict(list)
    for c in candidates:
        if c and len(c) > 3 and _is_name_like(c):
            cand_norm[_norm(c)].append(c)
    signed_only: set[str] = set()
    for c in signed or ():
        if c and len(c) > 3 and _is_name_like(c):
            n = _norm(c)
            if n not in cand_norm:
                signed_only.add(n)
            cand_norm[n].append(c)
    taken: set[str] = set()
    pending: list[_Page] = []
    for page in pages:
        n = _norm(page.name_raw) if page.name_raw else ""
        if n and n in cand_norm:
            page.name = page.name_raw
            taken.add(n)
        else:
            pending.append(page)
    # entities only (persons sign individually and are usually clean)
    while pending:
        best: tuple[float, float, _Page, str] | None = None
        for page in pending:
            frag = _norm_frag(page.name_raw)
            if len(frag) < 4:
                continue
            scores = []
            broken = _looks_broken(page.name_raw) or not _is_name_like(page.name_raw)
            words = set(frag.split())
            for cn in cand_norm:
                if cn in taken:
                    continue
                if cn in signed_only and not broken and not words <= set(cn.split()):
                    continue  # an intact row-1 name is only completed by a signature name
                s1 = fuzz.partial_ratio(frag, cn)
                s2 = fuzz.ratio(frag, cn)
                tail = 100.0 if cn.endswith(frag.split()[-1]) else 0.0
                scores.append((s1 * 0.6 + s2 * 0.3 + tail * 0.1, cn))
            scores.sort(reverse=True)
            if not scores:
                continue
            top = scores[0]
            margin = top[0] - (scores[1][0] if len(scores) > 1 else 0)
            if best is None or (top[0], margin) > (best[0], best[1]):
                best = (top[0], margin, page, top[1])
        if best is None or best[0] < 55:
            for page in pending:
                page.name = page.name_raw
                page.name_unresolved = _looks_broken(page.name_raw)
            break
        _s, _m, page, cn = best
        if set(cn.split()) <= set(_norm(page.name_raw).split()):
            page.name = page.name_raw  # a fuller spelling than the candidate: intact
            taken.add(cn)
            pending.remove(page)
            continue
        page.name = _best_spelling(cand_norm[cn])
        page.name_note = (
            f"row 1 name broken by text extraction ({page.name_raw!r}); resolved to "
            f"{page.name!r} against the other spellings in the filing"
        )
        page.notes.append(page.name_note)
        taken.add(cn)
        pending.remove(page)


#: a person's courtesy title before the name, an academic or professional degree after it
_HONORIFIC = re.compile(r"^(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+", re.I)
_DEGREE = re.compile(
    r"(?:,\s*(?:Ph\.?\s?D|M\.?\s?D|Esq|CPA|CFA|J\.?\s?D|M\.?B\.?A|D\.?D\.?S)\.?)+\s*$", re.I
)


@functools.lru_cache(maxsize=8192)
def _bare_person(name: str) -> str:
    """A name without its courtesy title or degree, normalised: "JoMei Chang, Ph.D." ->
    "jomei chang" (a suffix such as "Jr." or "III" names another person and stays)."""
    return _norm(_DEGREE.sub("", _HONORIFIC.sub("", name.strip())))


class _NameIndex:
    """Resolve a spelling seen in the filing to a known party id."""

    def __init__(self, ctx: _Ctx) -> None:
        self.ctx = ctx

    def lookup(self, name: str, *, fuzzy: bool = True) -> str | None:
        n = _norm(name)
        if not n:
            return None
        if n in self.ctx.aliases:
            return self.ctx.aliases[n]
        for pid, spell in self.ctx.spellings.items():
            if any(_norm(s) == n for s in spell):
                return pid
        # the same person with or without a title or degree ("JoMei Chang" signs for
        # "JoMei Chang, Ph.D."; "Dr. Chang"): one party when exactly one matches
        bare = _bare_person(name)
        hit = {
            pid
            for pid, spell in self.ctx.spellings.items()
            if self.ctx.kinds.get(pid) in (None, NodeKind.PERSON)
            and any(_bare_person(s) == bare for s in spell)
        }
        if len(hit) == 1:
            return hit.pop()
        if not fuzzy:
            return None
        best = None
        for pid, spell in self.ctx.spellings.items():
            for s in spell:
                sc = fuzz.ratio(n, _norm(s))
                if sc >= 90 and (best is None or sc > best[0]):
                    best = (sc, pid)
        return best[1] if best else None


def _resolve_owners(
    ctx: _Ctx, page: _Page, pages: list[_Page], page_pid: dict[int, str], idx: _NameIndex
) -> None:
    """Turn "owned by" phrases into owner ids and STATED_POWER links."""
    pid = page_pid[page.index]
    owners: list[str] = []
    # the cleanest phrase first
    for key in sorted(page.owners_raw, key=lambda k: -len(_owner_list(page.owners_raw[k]))):
        names = _owner_list(page.owners_raw[key])
        ids = [idx.lookup(n) for n in names]
        if names and all(ids):
            owners = [i for i in ids if i]
            break
    holders = [pg for pg in pages if not pg.owners_raw and pg.index != page.index]
    if not owners:
        owners = _owners_by_numbers(page, holders, page_pid)
        if owners:
            page.owner_note = (
                "owners named in a phrase garbled by extraction; identified as the holder pages "
                "whose components add up to this page's (within one share per instrument)"
            )
            page.notes.append(page.owner_note)
    page.owner_names = owners
    for key, phrase in page.owners_raw.items():
        power = Power.SOLE if key in ("sole_voting", "sole_dispositive") else Power.SHARED
        if key == "aggregate":
            continue
        if not page.values.get(key):
            continue
        for oid in owners:
            ctx.link(
                pid,
                oid,
                Role.STATED_POWER,
                ctx.p(page.owner_phrase_span.get(key), phrase, page.owner_note),
                power=power,
            )


def _owners_by_numbers(page: _Page, holders: list[_Page], page_pid: dict[int, str]) -> list[str]:
    mine = _by_instrument(_first_components(page))
    if not mine:
        return []
    best: list[str] = []
    for r in range(len(holders), 0, -1):
        for combo in itertools.combinations(holders, r):
            tot: dict[Instrument, float] = defaultdict(float)
            for h in combo:
                for ins, v in _by_instrument(_first_components(h)).items():
                    tot[ins] += v
            if set(tot) == set(mine) and all(abs(tot[i] - mine[i]) <= 1 for i in mine):
                return [page_pid[h.index] for h in combo]
    return best


def _by_instrument(comps: list[Component]) -> dict[Instrument, float]:
    out: dict[Instrument, float] = defaultdict(float)
    for c in comps:
        out[c.instrument] += c.shares
    return dict(out)
