"""The relationship lines of the neo4j-import bulk path: HOLDS, the link kinds, ISSUES.

Each stored record comes as ``(id, text)``; its text is escaped twice
(:mod:`queries.neo4j_import_patterns`: every ``"`` written ``\\"`` for the hash payload's
JSON string, ``""`` for the CSV cell). A record the escaped pattern matches gives its CSV
line and the payload of its content hash straight from the matched values and the two texts
(spans are the same in both), as :mod:`graph.neo4j_rows` would write them; one it does not
match is returned for the slow way. Holdings and links are read and written as UTF-8 bytes
(no decoding, no encoding for the hash or the file: their values are ids, vocabulary words,
dates, numbers and free text copied as it stands); the node lines
(:mod:`queries.neo4j_import_nodes`) are text, since search keys fold case.
"""

from __future__ import annotations

import hashlib
import json
import re
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


def _bmoved(e: bytes, c: bytes, key: bytes, old: bytes, new: bytes) -> tuple[bytes, bytes]:
    """:func:`moved` on bytes."""
    return (
        e.replace(b'\\"%s\\":\\"%s\\"' % (key, old), b'\\"%s\\":\\"%s\\"' % (key, new), 1),
        c.replace(b'""%s"":""%s""' % (key, old), b'""%s"":""%s""' % (key, new), 1),
    )


def _bj(v: bytes | None) -> bytes:
    """:func:`_j` on bytes."""
    return b"null" if v is None else b'"' + v + b'"'


def _bcell(v: bytes | None) -> bytes:
    """:func:`_cell` on bytes."""
    if v is None:
        return b""
    return b'"' + v + b'"' if b"," in v else v


def _bytes_pattern(pat: re.Pattern[str]) -> re.Pattern[bytes]:
    return re.compile(pat.pattern.encode("utf-8"), pat.flags & ~re.UNICODE)


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


_BHOLDING = _bytes_pattern(_HOLDING)


def holding_lines(
    rows: list[tuple[bytes, bytes]],
    out: SetWriter,
    alias: dict[bytes, bytes],
    defer: Callable[[bytes, bytes], bool],
    deferred: list[bytes],
) -> list[bytes]:
    """Write the CSV lines of stored holdings ``(id, json)`` (UTF-8 bytes); returns the ids
    of the records the pattern does not read, which the caller writes the slow way. A holding
    ``defer(holder, class)`` puts off (its supersession spans rows) is not written; its id
    goes to ``deferred``. A holder a merge moved (``alias``) is written as its kept id."""
    ix = index(_BHOLDING)
    match = _BHOLDING.fullmatch
    i_id, i_h, i_s, i_doc = ix["id"], ix["holder_id"], ix["security_id"], ix["document_id"]
    i_asof, i_der, i_di, i_ins = ix["as_of"], ix["derivative"], ix["direct_or_indirect"], ix["instrument"]  # fmt: skip
    i_nat, i_rta, i_title = ix["nature_of_ownership"], ix["right_to_acquire"], ix["title"]
    g_prov = ix["provenance"] + 1
    i0, i1, i2, i3, i4, i5 = (ix[k] for k in HOLD_FLOATS)  # fmt: skip
    sha1 = hashlib.sha1
    null, empty = b"null", b""
    lines: list[bytes] = []
    slow: list[bytes] = []
    got = []
    for hid, t in rows:
        e = t.replace(b'"', b'\\"')
        m = match(e)
        if m is None:
            slow.append(hid)
            continue
        g = m.groups()
        holder, sec = g[i_h], g[i_s]
        if defer(holder, sec):
            deferred.append(hid)
            continue
        c = t.replace(b'"', b'""')
        s0, s1 = m.span(g_prov)
        ep, cp = e[s0:s1], c[s0:s1]  # the provenance is a part of the record
        if holder in alias:
            e, c = _bmoved(e, c, b"holder_id", holder, alias[holder])
            holder = alias[holder]
        got.append(g)
        asof, nature, title = g[i_asof], g[i_nat], g[i_title]
        f0, f1, f2, f3, f4, f5 = g[i0], g[i1], g[i2], g[i3], g[i4], g[i5]
        payload = (
            b'[{"end": "%s", "start": "%s"}, {"as_of": %s, "derivative": %s,'
            b' "direct_or_indirect": "%s", "document_id": "%s", "instrument": "%s",'
            b' "nature_of_ownership": %s, "no_voting": %s, "provenance": "%s", "record": "%s",'
            b' "right_to_acquire": %s, "shared_dispositive": %s, "shared_voting": %s,'
            b' "shares": %s, "sole_dispositive": %s, "sole_voting": %s, "title": %s}]'
        ) % (
            sec, holder, _bj(asof), g[i_der], g[i_di], g[i_doc], g[i_ins], _bj(nature),
            f0 or null, ep, e, g[i_rta], f1 or null, f2 or null, f3 or null, f4 or null,
            f5 or null, _bj(title),
        )  # fmt: skip
        lines.append(
            b'%s,%s,HOLDS,%s,%s,%s,%s,%s,%s,%s,%s,%s,"%s","%s",%s,%s,%s,%s,%s,%s,%s'
            % (
                holder, sec, g[i_id], asof or empty, g[i_der], g[i_di], g[i_doc],
                sha1(payload).hexdigest().encode(), g[i_ins], _bcell(nature), f0 or empty, cp,
                c, g[i_rta], f1 or empty, f2 or empty, f3 or empty, f4 or empty, f5 or empty,
                _bcell(title),
            )
        )  # fmt: skip
    for k in HOLD_FLOATS:
        out.see(k, got, ix[k])
    out.blines(lines)
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


def _barr(items: bytes) -> tuple[bytes, bytes]:
    """:func:`arr` on a matched array of the escaped text (``\\"a\\",\\"b\\"``)."""
    if not items:
        return b"", b"[]"
    items = items.replace(b'\\"', b'"')
    return (
        _bcell(items[1:-1].replace(b'","', _BDELIM)),
        b"[" + items.replace(b'","', b'", "') + b"]",
    )


_BDELIM = DELIM.encode()
_VOTING, _INVESTMENT = b'\\"voting\\"', b'\\"investment\\"'


def _passes(passes: bytes, power: bytes | None, voting: bytes | None,
            investment: bytes | None) -> bytes:  # fmt: skip
    """:func:`graph.model.link_passes` on matched escaped text (``\\"voting\\",...``)."""
    if passes:
        items = passes.split(b",")
        return b",".join(a for a in (_VOTING, _INVESTMENT) if a in items)
    if power is None:
        if voting is not None and investment is None:
            return _VOTING
        if investment is not None and voting is None:
            return _INVESTMENT
    return _VOTING + b"," + _INVESTMENT


_BLINK = _bytes_pattern(_LINK)


def link_lines(
    rows: list[tuple[bytes, bytes]],
    rel_type: bytes,
    out: SetWriter,
    alias: dict[bytes, bytes],
    *,
    drop_loops: bool,
) -> list[bytes]:
    """Write the CSV lines of stored links ``(id, json)`` (UTF-8 bytes); returns the ids of
    the records the pattern does not read. Ends a merge moved (``alias``) are written as the
    kept ids; with ``drop_loops`` (a store with merges) a link from a party to itself is left
    out, as :func:`graph.store.build_graph` leaves it out then."""
    ix = index(_BLINK)
    match = _BLINK.fullmatch
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
    null, empty = b"null", b""
    lines: list[bytes] = []
    slow: list[bytes] = []
    got = []
    both = _barr(_VOTING + b"," + _INVESTMENT)
    for lid, t in rows:
        e = t.replace(b'"', b'\\"')
        m = match(e)
        if m is None:
            slow.append(lid)
            continue
        g = m.groups()
        a, b = g[i_a], g[i_b]
        c = t.replace(b'"', b'""')
        s0, s1 = m.span(g_prov)
        ep, cp = e[s0:s1], c[s0:s1]  # the provenance is a part of the record
        if a in alias:
            e, c = _bmoved(e, c, b"controller_id", a, alias[a])
            a = alias[a]
        if b in alias:
            e, c = _bmoved(e, c, b"controlled_id", b, alias[b])
            b = alias[b]
        if a == b and drop_loops:
            continue
        got.append(g)
        power, voting, investment, passes = g[i_pow], g[i_vot], g[i_inv], g[i_pas]
        if passes or power is None:
            pa_cell, pa_js = _barr(_passes(passes, power, voting, investment))
        else:
            pa_cell, pa_js = both
        ben = g[i_ben]
        comp_cell, comp_js = _barr(g[i_comp])
        it_cell, it_js = _barr(g[i_it])
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
            b'[{"end": "%s", "start": "%s"}, {"as_of": %s, "beneficial": %s,'
            b' "component_ids": %s, "details": %s, "direct_or_indirect": "%s",'
            b' "document_id": "%s", "end_date": %s, "interest_types": %s, "investment": %s,'
            b' "passes": %s, "power": %s, "provenance": "%s", "record": "%s", "role": "%s",'
            b' "share_max": %s, "share_max_exclusive": %s, "share_min": %s,'
            b' "share_min_exclusive": %s, "start_date": %s, "voting": %s,'
            b' "voting_share_max": %s, "voting_share_min": %s}]'
        ) % (
            b, a, _bj(asof), ben or null, comp_js, _bj(details), g[i_di], g[i_doc], _bj(end),
            it_js, _bj(investment), pa_js, _bj(power), ep, e, g[i_role], smax or null,
            sxmax or null, smin or null, sxmin or null, _bj(start), _bj(voting), vmax or null,
            vmin or null,
        )  # fmt: skip
        lines.append(
            b'%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,"%s","%s",%s,%s,%s,%s,%s,%s,%s,%s,%s'
            % (
                a, b, rel_type, g[i_id], asof or empty, ben or empty, comp_cell,
                _bcell(details), g[i_di], g[i_doc], end or empty,
                sha1(payload).hexdigest().encode(), it_cell, investment or empty, pa_cell,
                power or empty, cp, c, g[i_role], smax or empty, sxmax or empty, smin or empty,
                sxmin or empty, start or empty, voting or empty, vmax or empty, vmin or empty,
            )
        )  # fmt: skip
    for k, cols in _SEEN_AS.items():
        for col in cols:
            out.see(col, got, ix[k])
    out.blines(lines)
    return slow


def issues_line(issuer_id: str, security_id: str) -> str:
    """The CSV line of one ISSUES relationship (id ``issues:<class id>``)."""
    payload = json.dumps(
        [{"end": security_id, "start": issuer_id}, {}], sort_keys=True, ensure_ascii=False
    )
    sha = hashlib.sha1(payload.encode("utf-8")).hexdigest()
    return f"{_cell(issuer_id)},{_cell(security_id)},ISSUES,{_cell('issues:' + security_id)},{sha}"
