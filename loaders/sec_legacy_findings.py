"""Findings of a legacy 13D/G: a page's breakdown against its total, the joint filing
agreement's parties against the cover pages, and Item 5 powers against blank rows.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

from ownergraph.graph.clean import parse_number
from ownergraph.graph.vocab import (
    Instrument,
    Severity,
)
from ownergraph.loaders.sec_cover import (
    _ROW_NO,
    _Page,
)
from ownergraph.loaders.sec_cover_rows import _first_components
from ownergraph.loaders.sec_legacy_ctx import _Ctx, _norm
from ownergraph.loaders.sec_lexicon import _fold
from ownergraph.loaders.sec_names import (
    _best_spelling,
)
from ownergraph.loaders.sec_page_names import _by_instrument, _NameIndex
from ownergraph.loaders.sec_sections import (
    _first_match_at,
    _occurrences,
)
from ownergraph.loaders.sec_signatures import (
    _SigBlock,
)

_INSTRUMENT_TITLE = {
    Instrument.COMMON: "Common Stock",
    Instrument.CONVERTIBLE: "Common Stock issuable upon conversion",
    Instrument.WARRANT: "Common Stock issuable upon exercise of warrants",
}


# --------------------------------------------------------------------------- findings


def _component_findings(ctx: _Ctx, pages: list[_Page], page_pid: dict[int, str]) -> None:
    """Components vs stated totals; an upper page vs the union of what it says it covers."""
    by_pid = {page_pid[p.index]: p for p in pages}
    for page in pages:
        pid = page_pid[page.index]
        for key, comps in page.components.items():
            total = page.values.get(key)
            s = sum(c.shares for c in comps)
            if total is not None and comps and abs(s - total) > 0.5:
                ctx.finding(
                    "components_sum",
                    Severity.WARNING,
                    f"{page.name}: row {_ROW_NO[key]} components add to {s:,.0f}, total filed {total:,.0f}",
                    key=f"{pid}:{key}:self",
                    expected=s,
                    found=total,
                    subjects=(pid,),
                    evidence=(ctx.p((page.rows[key].start, page.rows[key].end)),),
                )
        if not page.owner_names:
            continue
        mine = _by_instrument(_first_components(page))
        union: dict[Instrument, float] = defaultdict(float)
        union_total = 0.0
        covered = [by_pid[o] for o in page.owner_names if o in by_pid]
        for h in covered:
            for ins, v in _by_instrument(_first_components(h)).items():
                union[ins] += v
            union_total += h.values.get("aggregate") or 0.0
        owners = " + ".join(h.name or "" for h in covered)
        for ins, v in mine.items():
            if ins in union and abs(union[ins] - v) > 0.5:
                ctx.finding(
                    "components_sum",
                    Severity.WARNING,
                    f"{page.name} reports {v:,.0f} shares ({ins.value}); the holdings it says it covers "
                    f"({owners}) add to {union[ins]:,.0f}",
                    key=f"{pid}:{ins.value}:union",
                    expected=union[ins],
                    found=v,
                    subjects=(pid, *page.owner_names),
                    evidence=(ctx.p((page.start, page.end)),),
                )
        agg = page.values.get("aggregate")
        if agg is not None and covered and abs(union_total - agg) > 0.5:
            ctx.finding(
                "components_sum",
                Severity.WARNING,
                f"{page.name} reports an aggregate of {agg:,.0f}; the holdings it says it covers "
                f"({owners}) add to {union_total:,.0f}",
                key=f"{pid}:total:union",
                expected=union_total,
                found=agg,
                subjects=(pid, *page.owner_names),
                evidence=(
                    ctx.p((page.rows["aggregate"].start, page.rows["aggregate"].end))
                    if "aggregate" in page.rows
                    else ctx.p(),
                ),
            )


def _jfa_findings(
    ctx: _Ctx,
    jfa: list[tuple[str, tuple[int, int]]],
    pages: list[_Page],
    page_pid: dict[int, str],
    blocks: list[_SigBlock],
    idx: _NameIndex,
) -> None:
    """Joint filing agreement parties vs reporting persons (missing, renamed)."""
    if not jfa:
        return
    rp = {page_pid[p.index]: p for p in pages}
    listed: dict[str, tuple[str, tuple[int, int]]] = {}
    unmatched: list[tuple[str, tuple[int, int]]] = []
    for name, span in jfa:
        pid = idx.lookup(name, fuzzy=False)
        if pid in rp and pid not in listed:
            listed[pid] = (name, span)
            cover = {_norm(x) for x in (rp[pid].name_raw, rp[pid].name) if x}
            if _norm(name) not in cover:
                shown = rp[pid].name_raw if not rp[pid].name_note else rp[pid].name
                ctx.finding(
                    "joint_filing_parties",
                    Severity.WARNING,
                    f"the joint filing agreement names {name!r}, which the cover page calls {shown!r}",
                    key=f"renamed:{pid}",
                    expected=shown,
                    found=name,
                    subjects=(pid,),
                    evidence=(ctx.p(span, name),),
                )
        else:
            unmatched.append((name, span))
    # renamed: resolve the rest against the reporting persons not yet listed
    for name, span in unmatched:
        rest = [p for p in rp if p not in listed]
        if not rest:
            break
        scored = sorted(
            ((fuzz.token_set_ratio(_norm(name), _norm(rp[p].name or "")), p) for p in rest),
            reverse=True,
        )
        sc, pid = scored[0]
        if sc < 70 or (len(scored) > 1 and scored[1][0] > sc - 5):
            continue  # no close spelling, or two alike ("Vieco US": "Vieco USA" / "Vieco 10")
        listed[pid] = (name, span)
        ctx.spellings[pid].append(name)
        cover = rp[pid].name_raw or rp[pid].name
        ctx.finding(
            "joint_filing_parties",
            Severity.WARNING,
            f"the joint filing agreement names {name!r}, which the cover page calls {cover!r}",
            key=f"renamed:{pid}",
            expected=cover,
            found=name,
            subjects=(pid,),
            evidence=(ctx.p(span, name),),
        )
    jfa_signers = {idx.lookup(e) for b in blocks if b.context == "jfa" for e in b.entities} | {
        idx.lookup(b.signer) for b in blocks if b.context == "jfa" and b.signer and not b.entities
    }
    for pid in rp:
        if pid in listed:
            continue
        signs = pid in jfa_signers
        ctx.finding(
            "joint_filing_parties",
            Severity.WARNING,
            f"{_best_spelling(ctx.spellings[pid])} is a reporting person but is not listed in the joint filing agreement"
            + (" (although it signs it)" if signs else ""),
            key=f"missing:{pid}",
            expected=sorted(p.name or "" for p in rp.values()),
            found=[n for n, _s in jfa],
            subjects=(pid,),
            evidence=(ctx.p((jfa[0][1][0], jfa[-1][1][1]), "; ".join(n for n, _s in jfa)),),
        )


_ITEM5_SHARED = re.compile(
    r"shared\s+power\s+to\s+vote\s+(?:or\s+direct\s+the\s+vote\s+)?and\s+dispose\s+of\s+([\d,]+)",
    re.I,
)


def _item5_findings(ctx: _Ctx, text: str, pages: list[_Page], page_pid: dict[int, str]) -> None:
    """Item 5(b) stating shared power where every cover page leaves the shared rows blank."""
    m = _first_match_at(_ITEM5_SHARED, text, _occurrences(_fold(text), "shared"))
    if not m:
        return
    shares = parse_number(m.group(1))
    for page in pages:
        if (
            page.values.get("shared_voting") is None
            and page.values.get("shared_dispositive") is None
        ):
            pid = page_pid[page.index]
            ctx.finding(
                "conflicting_statements",
                Severity.WARNING,
                f"Item 5(b) states shared power over {shares:,.0f} shares, but "
                f"{_best_spelling(ctx.spellings[pid], ctx.primary.get(pid))}'s rows 8 and 10 are blank",
                key=f"item5b:{pid}",
                expected=shares,
                found=None,
                subjects=(pid,),
                evidence=(ctx.p((m.start(), m.end()), re.sub(r"\s+", " ", m.group(0))),),
            )
