"""The relationship lines of the neo4j-import bulk path: HOLDS, the link kinds, ISSUES.

Each stored record comes as ``(id, text)``, UTF-8 bytes. A record the pattern
(:mod:`queries.neo4j_import_patterns`) matches gives its CSV line straight from the matched
values and its text (the ``record`` cell is the text with each ``"`` doubled), as
:mod:`graph.neo4j_rows` would write it (without ``provenance``, which the record holds), and its content hash is SHA-1 over the text and the
ends (:func:`graph.neo4j_rows.row_hash`); one it does not match is returned for the slow way.
No value is decoded or encoded: holdings and links hold ids, vocabulary words, dates,
numbers and free text copied as it stands. The node lines (:mod:`queries.neo4j_import_nodes`)
are text, since search keys fold case.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from ownergraph.graph.model import Holding, Link
from ownergraph.graph.neo4j_rows import ROW_FORMAT, row_hash
from ownergraph.queries.neo4j_import_patterns import DELIM, record_pattern
from ownergraph.queries.neo4j_import_writer import SetWriter

#: What :func:`graph.neo4j_rows.row_hash` hashes before a relationship's ends.
HASH_HEAD = (ROW_FORMAT + "\x1f").encode()


def index(pat: object) -> dict[str, int]:
    """Group name -> its index in ``match.groups()``."""
    return {k: i - 1 for k, i in pat.groupindex.items()}  # type: ignore[attr-defined]


def moved(t: str, key: str, old: str, new: str) -> str:
    """The text of a canonical record with the id of ``key`` changed (ids hold no quote)."""
    return t.replace(f'"{key}":"{old}"', f'"{key}":"{new}"', 1)


def _cell(v: str | None) -> str:
    """The CSV cell of an optional matched string (no quote in it)."""
    if v is None:
        return ""
    return '"' + v + '"' if "," in v else v


def _bmoved(t: bytes, key: bytes, old: bytes, new: bytes) -> bytes:
    """:func:`moved` on bytes."""
    return t.replace(b'"%s":"%s"' % (key, old), b'"%s":"%s"' % (key, new), 1)


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
    "record": "s", "right_to_acquire": "b", "shared_dispositive": "d",
    "shared_voting": "d", "shares": "d", "sole_dispositive": "d", "sole_voting": "d",
    "title": "s",
}  # fmt: skip
HOLD_FLOATS = ("no_voting", "shared_dispositive", "shared_voting", "shares", "sole_dispositive",
               "sole_voting")  # fmt: skip
_BHOLDING = _bytes_pattern(record_pattern(Holding, {
    "as_of", "derivative", "direct_or_indirect", "document_id", "holder_id", "id", "instrument",
    "nature_of_ownership", "right_to_acquire", "security_id", "title", *HOLD_FLOATS,
}))  # fmt: skip


def holding_lines(
    rows: list[tuple[bytes, bytes]],
    out: SetWriter,
    alias: dict[bytes, bytes],
    defer: Callable[[bytes, bytes], bool] | None,
    deferred: list[bytes],
) -> list[bytes]:
    """Write the CSV lines of stored holdings ``(id, json)`` (UTF-8 bytes); returns the ids
    of the records the pattern does not read, which the caller writes the slow way. A holding
    ``defer(holder, class)`` puts off (its supersession spans rows) is not written; its id
    goes to ``deferred`` (``defer`` None: none is). A holder a merge moved (``alias``) is
    written as its kept id."""
    ix = index(_BHOLDING)
    match = _BHOLDING.fullmatch
    i_id, i_h, i_s, i_doc = ix["id"], ix["holder_id"], ix["security_id"], ix["document_id"]
    i_asof, i_der, i_di, i_ins = ix["as_of"], ix["derivative"], ix["direct_or_indirect"], ix["instrument"]  # fmt: skip
    i_nat, i_rta, i_title = ix["nature_of_ownership"], ix["right_to_acquire"], ix["title"]
    i0, i1, i2, i3, i4, i5 = (ix[k] for k in HOLD_FLOATS)  # fmt: skip
    sha1 = hashlib.sha1
    head, empty = HASH_HEAD, b""
    lines: list[bytes] = []
    slow: list[bytes] = []
    got = []
    for hid, t in rows:
        m = match(t)
        if m is None:
            slow.append(hid)
            continue
        g = m.groups()
        holder, sec = g[i_h], g[i_s]
        if defer is not None and defer(holder, sec):
            deferred.append(hid)
            continue
        if holder in alias:
            holder = alias[holder]
            t = _bmoved(t, b"holder_id", g[i_h], holder)
        got.append(g)
        asof, nature, title = g[i_asof], g[i_nat], g[i_title]
        digest = sha1(b"%s%s\x1f%s\x1f%s" % (head, holder, sec, t)).hexdigest().encode()
        lines.append(
            b'%s,%s,HOLDS,%s,%s,%s,%s,%s,%s,%s,%s,%s,"%s",%s,%s,%s,%s,%s,%s,%s\n'
            % (
                holder, sec, g[i_id], asof or empty, g[i_der], g[i_di], g[i_doc], digest,
                g[i_ins], _bcell(nature), g[i0] or empty, t.replace(b'"', b'""'), g[i_rta],
                g[i1] or empty, g[i2] or empty, g[i3] or empty, g[i4] or empty, g[i5] or empty,
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
    "interest_types": "a", "investment": "s", "passes": "a", "power": "s",
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
_BLINK = _bytes_pattern(record_pattern(Link, {
    "as_of", "beneficial", "component_ids", "controlled_id", "controller_id", "details",
    "direct_or_indirect", "document_id", "end_date", "id", "interest_types", "investment",
    "passes", "power", "role", "start_date", "voting", *_SEEN_AS,
    "share__exclusive_maximum", "share__exclusive_minimum", "voting_share",
}))  # fmt: skip


def arr(items: str | None) -> str:
    """The CSV cell of a matched array of strings (``"a","b"``, no quote inside a string)."""
    if not items:
        return ""
    return _cell(items[1:-1].replace('","', DELIM))


def _barr(items: bytes | None) -> bytes:
    """:func:`arr` on bytes."""
    if not items:
        return b""
    return _bcell(items[1:-1].replace(b'","', _BDELIM))


_BDELIM = DELIM.encode()
_VOTING, _INVESTMENT = b'"voting"', b'"investment"'
_BOTH = _barr(_VOTING + b"," + _INVESTMENT)


def _passes(passes: bytes, power: bytes | None, voting: bytes | None,
            investment: bytes | None) -> bytes:  # fmt: skip
    """:func:`graph.model.link_passes` on matched text (``"voting",...``)."""
    if passes:
        items = passes.split(b",")
        return b",".join(a for a in (_VOTING, _INVESTMENT) if a in items)
    if power is None:
        if voting is not None and investment is None:
            return _VOTING
        if investment is not None and voting is None:
            return _INVESTMENT
    return _VOTING + b"," + _INVESTMENT


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
    i_pow, i_vot, i_inv, i_pas = ix["power"], ix["voting"], ix["investment"], ix["passes"]
    i_ben, i_comp, i_it, i_sh, i_vsh = (ix["beneficial"], ix["component_ids"],
                                        ix["interest_types"], ix["share"], ix["voting_share"])  # fmt: skip
    i_smax, i_sxmax, i_smin, i_sxmin = (ix["share__maximum"], ix["share__exclusive_maximum"],
                                        ix["share__minimum"], ix["share__exclusive_minimum"])  # fmt: skip
    i_vmax, i_vmin = ix["voting_share__maximum"], ix["voting_share__minimum"]
    i_det, i_asof, i_start, i_end = ix["details"], ix["as_of"], ix["start_date"], ix["end_date"]
    i_di, i_doc, i_role = ix["direct_or_indirect"], ix["document_id"], ix["role"]
    head, empty = HASH_HEAD, b""
    lines: list[bytes] = []
    slow: list[bytes] = []
    got = []
    for lid, t in rows:
        m = match(t)
        if m is None:
            slow.append(lid)
            continue
        g = m.groups()
        a, b = g[i_a], g[i_b]
        if a in alias:
            a = alias[a]
            t = _bmoved(t, b"controller_id", g[i_a], a)
        if b in alias:
            b = alias[b]
            t = _bmoved(t, b"controlled_id", g[i_b], b)
        if a == b and drop_loops:
            continue
        got.append(g)
        power, voting, investment, passes = g[i_pow], g[i_vot], g[i_inv], g[i_pas]
        pa_cell = (
            _barr(_passes(passes, power, voting, investment)) if passes or power is None else _BOTH
        )
        if g[i_sh] is None:
            smax = sxmax = smin = sxmin = empty
        else:
            smax, sxmax, smin, sxmin = (g[i_smax] or empty, g[i_sxmax], g[i_smin] or empty,
                                        g[i_sxmin])  # fmt: skip
        if g[i_vsh] is None:
            vmax = vmin = empty
        else:
            vmax, vmin = g[i_vmax] or empty, g[i_vmin] or empty
        digest = sha1(b"%s%s\x1f%s\x1f%s" % (head, a, b, t)).hexdigest().encode()
        lines.append(
            b'%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,"%s",%s,%s,%s,%s,%s,%s,%s,%s,%s\n'
            % (
                a, b, rel_type, g[i_id], g[i_asof] or empty, g[i_ben] or empty, _barr(g[i_comp]),
                _bcell(g[i_det]), g[i_di], g[i_doc], g[i_end] or empty, digest, _barr(g[i_it]),
                investment or empty, pa_cell, power or empty, t.replace(b'"', b'""'),
                g[i_role], smax, sxmax, smin, sxmin, g[i_start] or empty, voting or empty, vmax,
                vmin,
            )
        )  # fmt: skip
    for k, cols in _SEEN_AS.items():
        for col in cols:
            out.see(col, got, ix[k])
    out.blines(lines)
    return slow


def issues_line(issuer_id: str, security_id: str) -> str:
    """The CSV line of one ISSUES relationship (id ``issues:<class id>``)."""
    sha = row_hash(issuer_id, security_id, "")
    return f"{_cell(issuer_id)},{_cell(security_id)},ISSUES,{_cell('issues:' + security_id)},{sha}"
