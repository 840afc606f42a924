"""The relationship lines of the neo4j-import bulk path: HOLDS, the link kinds, ISSUES.

Each stored record comes as ``(id, escaped, csv)`` (:mod:`queries.neo4j_import_patterns`:
its text with every ``"`` written ``\\"`` and ``""``). A record the escaped pattern matches
gives its CSV line and the payload of its content hash straight from the matched values and
the two texts (spans are the same in both), as :mod:`graph.neo4j_rows` would write them; one
it does not match is returned for the slow way.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from ownergraph.graph.model import Holding, Link
from ownergraph.queries.neo4j_import_patterns import DELIM, escaped_pattern
from ownergraph.queries.neo4j_import_writer import SetWriter

#: a quote as the escaped text writes it
EQ = '\\"'


def index(pat: object) -> dict[str, int]:
    """Group name -> its index in ``match.groups()``."""
    return {k: i - 1 for k, i in pat.groupindex.items()}  # type: ignore[attr-defined]


def moved(e: str, c: str, key: str, old: str, new: str) -> tuple[str, str]:
    """The escaped and CSV texts of a canonical record with the id of ``key`` changed (ids
    hold no quote)."""
    return (
        e.replace(f'\\"{key}\\":\\"{old}\\"', f'\\"{key}\\":\\"{new}\\"', 1),
        c.replace(f'""{key}"":""{old}""', f'""{key}"":""{new}""', 1),
    )


def _j(v: str | None) -> str:
    """The JSON token of an optional matched string (no quote or escape in it)."""
    return "null" if v is None else '"' + v + '"'


def _cell(v: str | None) -> str:
    """The CSV cell of an optional matched string (no quote in it)."""
    if v is None:
        return ""
    return '"' + v + '"' if "," in v else v


HOLD_COLS = {
    "as_of": "s", "derivative": "b", "direct_or_indirect": "s", "document_id": "s",
    "hash": "s", "instrument": "s", "nature_of_ownership": "s", "no_voting": "d",
    "provenance": "s", "record": "s", "right_to_acquire": "b", "shared_dispositive": "d",
    "shared_voting": "d", "shares": "d", "sole_dispositive": "d", "sole_voting": "d",
    "title": "s",
}  # fmt: skip
HOLD_FLOATS = ("no_voting", "shared_dispositive", "shared_voting", "shares", "sole_dispositive",
               "sole_voting")  # fmt: skip
_HOLDING = escaped_pattern(Holding, {
    "as_of", "derivative", "direct_or_indirect", "document_id", "holder_id", "id", "instrument",
    "nature_of_ownership", "provenance", "right_to_acquire", "security_id", "title", *HOLD_FLOATS,
})  # fmt: skip


def holding_lines(
    rows: list[tuple[str, str]],
    out: SetWriter,
    alias: dict[str, str],
    defer: Callable[[str, str], bool],
    deferred: list[str],
) -> list[str]:
    """Write the CSV lines of stored holdings ``(id, escaped, csv)``; returns the ids of the
    records the pattern does not read, which the caller writes the slow way. A holding
    ``defer(holder, class)`` puts off (its supersession spans rows) is not written; its id
    goes to ``deferred``. A holder a merge moved (``alias``) is written as its kept id."""
    ix = index(_HOLDING)
    match = _HOLDING.fullmatch
    i_id, i_h, i_s, i_doc = ix["id"], ix["holder_id"], ix["security_id"], ix["document_id"]
    i_asof, i_der, i_di, i_ins = ix["as_of"], ix["derivative"], ix["direct_or_indirect"], ix["instrument"]  # fmt: skip
    i_nat, i_rta, i_title = ix["nature_of_ownership"], ix["right_to_acquire"], ix["title"]
    g_prov = ix["provenance"] + 1
    i0, i1, i2, i3, i4, i5 = (ix[k] for k in HOLD_FLOATS)  # fmt: skip
    sha1 = hashlib.sha1
    lines: list[str] = []
    slow: list[str] = []
    got = []
    for hid, t in rows:
        e = t.replace('"', EQ)
        m = match(e)
        if m is None:
            slow.append(hid)
            continue
        g = m.groups()
        holder, sec = g[i_h], g[i_s]
        if defer(holder, sec):
            deferred.append(hid)
            continue
        c = t.replace('"', '""')
        s0, s1 = m.span(g_prov)
        ep, cp = e[s0:s1], c[s0:s1]  # the provenance is a part of the record
        if holder in alias:
            e, c = moved(e, c, "holder_id", holder, alias[holder])
            holder = alias[holder]
        got.append(g)
        asof, nature, title = g[i_asof], g[i_nat], g[i_title]
        f0, f1, f2, f3, f4, f5 = g[i0], g[i1], g[i2], g[i3], g[i4], g[i5]
        payload = (
            f'[{{"end": "{sec}", "start": "{holder}"}}, {{"as_of": {_j(asof)},'
            f' "derivative": {g[i_der]}, "direct_or_indirect": "{g[i_di]}",'
            f' "document_id": "{g[i_doc]}", "instrument": "{g[i_ins]}",'
            f' "nature_of_ownership": {_j(nature)}, "no_voting": {f0 or "null"},'
            f' "provenance": "{ep}", "record": "{e}", "right_to_acquire": {g[i_rta]},'
            f' "shared_dispositive": {f1 or "null"}, "shared_voting": {f2 or "null"},'
            f' "shares": {f3 or "null"}, "sole_dispositive": {f4 or "null"},'
            f' "sole_voting": {f5 or "null"}, "title": {_j(title)}}}]'
        )
        lines.append(
            f"{holder},{sec},HOLDS,{g[i_id]},{asof or ''},{g[i_der]},{g[i_di]},{g[i_doc]},"
            f"{sha1(payload.encode()).hexdigest()},{g[i_ins]},{_cell(nature)},{f0 or ''},"
            f'"{cp}","{c}",{g[i_rta]},{f1 or ""},{f2 or ""},{f3 or ""},{f4 or ""},{f5 or ""},'
            f"{_cell(title)}"
        )
    for k in HOLD_FLOATS:
        out.see(k, got, ix[k])
    out.lines(lines)
    return slow


LINK_COLS = {
    "as_of": "s", "beneficial": "b", "component_ids": "a", "details": "s",
    "direct_or_indirect": "s", "document_id": "s", "end_date": "s", "hash": "s",
    "interest_types": "a", "investment": "s", "passes": "a", "power": "s", "provenance": "s",
    "record": "s", "role": "s", "share_max": "d", "share_max_exclusive": "b", "share_min": "d",
    "share_min_exclusive": "b", "start_date": "s", "voting": "s", "voting_share_max": "d",
    "voting_share_min": "d",
}  # fmt: skip
#: The groups that tell whether a nullable typed link column has a value.
_SEEN_AS = {"beneficial": ("beneficial",), "share__maximum": ("share_max",),
            "share__minimum": ("share_min",),
            "share": ("share_max_exclusive", "share_min_exclusive"),
            "voting_share__maximum": ("voting_share_max",),
            "voting_share__minimum": ("voting_share_min",)}  # fmt: skip
LINK_NULLABLE = tuple(c for cols in _SEEN_AS.values() for c in cols)
_LINK = escaped_pattern(Link, {
    "as_of", "beneficial", "component_ids", "controlled_id", "controller_id", "details",
    "direct_or_indirect", "document_id", "end_date", "id", "interest_types", "investment",
    "passes", "power", "provenance", "role", "start_date", "voting", *_SEEN_AS,
    "share__exclusive_maximum", "share__exclusive_minimum", "voting_share",
})  # fmt: skip


def arr(items: str) -> tuple[str, str]:
    """A matched array of strings (``"a","b"``, its quotes plain) as (its CSV cell, its
    ``json.dumps``)."""
    if not items:
        return "", "[]"
    return _cell(items[1:-1].replace('","', DELIM)), "[" + items.replace('","', '", "') + "]"


def _passes(passes: str, power: str | None, voting: str | None, investment: str | None) -> str:
    """:func:`graph.model.link_passes` on matched text (``"voting","investment"``)."""
    if passes:
        items = passes[1:-1].split('","')
        return ",".join(f'"{a}"' for a in ("voting", "investment") if a in items)
    if power is None:
        if voting is not None and investment is None:
            return '"voting"'
        if investment is not None and voting is None:
            return '"investment"'
    return '"voting","investment"'


def link_lines(
    rows: list[tuple[str, str]],
    rel_type: str,
    out: SetWriter,
    alias: dict[str, str],
    *,
    drop_loops: bool,
) -> list[str]:
    """Write the CSV lines of stored links ``(id, escaped, csv)``; returns the ids of the
    records the pattern does not read. Ends a merge moved (``alias``) are written as the kept
    ids; with ``drop_loops`` (a store with merges) a link from a party to itself is left out,
    as :func:`graph.store.build_graph` leaves it out then."""
    ix = index(_LINK)
    match = _LINK.fullmatch
    sha1 = hashlib.sha1
    i_id, i_a, i_b = ix["id"], ix["controller_id"], ix["controlled_id"]
    g_prov = ix["provenance"] + 1
    i_pow, i_vot, i_inv, i_pas = ix["power"], ix["voting"], ix["investment"], ix["passes"]
    i_ben, i_comp, i_it, i_sh, i_vsh = (ix["beneficial"], ix["component_ids"],
                                        ix["interest_types"], ix["share"], ix["voting_share"])  # fmt: skip
    i_smax, i_sxmax, i_smin, i_sxmin = (ix["share__maximum"], ix["share__exclusive_maximum"],
                                        ix["share__minimum"], ix["share__exclusive_minimum"])  # fmt: skip
    i_vmax, i_vmin = ix["voting_share__maximum"], ix["voting_share__minimum"]
    i_det, i_asof, i_start, i_end = ix["details"], ix["as_of"], ix["start_date"], ix["end_date"]
    i_di, i_doc, i_role = ix["direct_or_indirect"], ix["document_id"], ix["role"]
    lines: list[str] = []
    slow: list[str] = []
    got = []
    both = ('"voting", "investment"', "voting" + DELIM + "investment")
    for lid, t in rows:
        e = t.replace('"', EQ)
        m = match(e)
        if m is None:
            slow.append(lid)
            continue
        g = m.groups()
        a, b = g[i_a], g[i_b]
        c = t.replace('"', '""')
        s0, s1 = m.span(g_prov)
        ep, cp = e[s0:s1], c[s0:s1]  # the provenance is a part of the record
        if a in alias:
            e, c = moved(e, c, "controller_id", a, alias[a])
            a = alias[a]
        if b in alias:
            e, c = moved(e, c, "controlled_id", b, alias[b])
            b = alias[b]
        if a == b and drop_loops:
            continue
        got.append(g)
        power, voting, investment, passes = g[i_pow], g[i_vot], g[i_inv], g[i_pas]
        if passes or power is None:
            pa_cell, pa_js = arr(_passes(passes and passes.replace(EQ, '"'), power, voting,
                                         investment))  # fmt: skip
        else:
            pa_cell, pa_js = both[1], "[" + both[0] + "]"
        ben = g[i_ben]
        comp, its = g[i_comp], g[i_it]
        comp_cell, comp_js = arr(comp.replace(EQ, '"')) if comp else ("", "[]")
        it_cell, it_js = arr(its.replace(EQ, '"')) if its else ("", "[]")
        if g[i_sh] is None:
            smax = sxmax = smin = sxmin = None
        else:
            smax, sxmax, smin, sxmin = g[i_smax], g[i_sxmax], g[i_smin], g[i_sxmin]
        if g[i_vsh] is None:
            vmax = vmin = None
        else:
            vmax, vmin = g[i_vmax], g[i_vmin]
        details, asof, start, end = g[i_det], g[i_asof], g[i_start], g[i_end]
        payload = (
            f'[{{"end": "{b}", "start": "{a}"}}, {{"as_of": {_j(asof)},'
            f' "beneficial": {ben or "null"}, "component_ids": {comp_js},'
            f' "details": {_j(details)}, "direct_or_indirect": "{g[i_di]}",'
            f' "document_id": "{g[i_doc]}", "end_date": {_j(end)},'
            f' "interest_types": {it_js}, "investment": {_j(investment)},'
            f' "passes": {pa_js}, "power": {_j(power)}, "provenance": "{ep}",'
            f' "record": "{e}", "role": "{g[i_role]}", "share_max": {smax or "null"},'
            f' "share_max_exclusive": {sxmax or "null"}, "share_min": {smin or "null"},'
            f' "share_min_exclusive": {sxmin or "null"}, "start_date": {_j(start)},'
            f' "voting": {_j(voting)}, "voting_share_max": {vmax or "null"},'
            f' "voting_share_min": {vmin or "null"}}}]'
        )
        lines.append(
            f"{a},{b},{rel_type},{g[i_id]},{asof or ''},{ben or ''},{comp_cell},{_cell(details)},"
            f"{g[i_di]},{g[i_doc]},{end or ''},{sha1(payload.encode()).hexdigest()},"
            f'{it_cell},{investment or ""},{pa_cell},{power or ""},"{cp}","{c}",'
            f"{g[i_role]},{smax or ''},{sxmax or ''},{smin or ''},{sxmin or ''},"
            f"{start or ''},{voting or ''},{vmax or ''},{vmin or ''}"
        )
    for k, cols in _SEEN_AS.items():
        for col in cols:
            out.see(col, got, ix[k])
    out.lines(lines)
    return slow


def issues_line(issuer_id: str, security_id: str) -> str:
    """The CSV line of one ISSUES relationship (id ``issues:<class id>``)."""
    payload = json.dumps(
        [{"end": security_id, "start": issuer_id}, {}], sort_keys=True, ensure_ascii=False
    )
    sha = hashlib.sha1(payload.encode("utf-8")).hexdigest()
    return f"{_cell(issuer_id)},{_cell(security_id)},ISSUES,{_cell('issues:' + security_id)},{sha}"
