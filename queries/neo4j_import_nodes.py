"""The node lines of the neo4j-import bulk path: parties and securities.

As :mod:`queries.neo4j_import_edges`: each stored record comes as ``(id, json)``, a record
the escaped pattern matches gives its CSV line and the payload of its content hash
(:mod:`graph.neo4j_rows`' :func:`party_row` / :func:`security_row`) from the matched values;
one it does not match is returned for the slow way. Node lines are text, not bytes as the
relationship lines are: search keys fold case (and bytes measured slower here: 27.5 against
25.1 us per party).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable

from ownergraph.graph.model import Party, Security
from ownergraph.queries.neo4j_import_edges import EQ, _cell, _j, arr, index, moved
from ownergraph.queries.neo4j_import_patterns import DELIM, escaped_pattern
from ownergraph.queries.neo4j_import_writer import SetWriter

_PARTY = escaped_pattern(Party, {"id", "identifiers", "is_component", "jurisdiction", "kind",
                                 "name", "names", "provenance", "type_codes"})  # fmt: skip
_SECURITY = escaped_pattern(Security, {"cusip", "id", "issuer_id", "provenance", "ticker",
                                       "title"})  # fmt: skip

PARTY_COLS = {
    "cik": "s", "hash": "s", "identifiers": "a", "is_component": "b", "jurisdiction": "s",
    "kind": "s", "lei": "s", "name": "s", "names": "a", "provenance": "s", "record": "s",
    "search_keys": "a", "type_codes": "a",
}  # fmt: skip
#: an identifier ``["scheme","value"]`` in the escaped text
_PAIR = re.compile(r'\[\\"([^"\\]*)\\",\\"([^"\\]*)\\"\]')
_LEGAL_TAIL = re.compile(r"\s+(lp|llc|llp|inc|ltd|corp|co|na|sa|plc|l p|l l c)$")
_TAIL_WORDS = ("lp", "llc", "llp", "inc", "ltd", "corp", "co", "na", "sa", "plc", " p", " c")


def search_keys(
    spellings: Iterable[str], normalized: Iterable[str], identifiers: Iterable[tuple[str, str]]
) -> list[str]:
    """:func:`graph.neo4j_rows.search_keys` with the spellings' :func:`graph.ids.normalize_name`
    forms given (the store's ``name_keys`` ``n:`` rows hold them), not computed again.

    >>> from ownergraph.graph.neo4j_rows import search_keys as slow
    >>> from ownergraph.graph.ids import normalize_name
    >>> names = ["Acme Holdings, L.P.", "ACME HOLDINGS LP", "Acme Co"]
    >>> ids = [("cik", "0000012345")]
    >>> search_keys(names, {normalize_name(n) for n in names}, ids) == slow(names, ids)
    True
    """
    keys: set[str] = set(normalized)
    for name in spellings:
        low = name.strip().lower()
        keys.add(low)
        keys.add(low.replace(",", "").replace(".", "").replace("-", ""))
    # "l p" and "l l c" end with " p" and " c"; the pattern decides
    for k in [k for k in keys if k.endswith(_TAIL_WORDS)]:
        keys.add(_LEGAL_TAIL.sub("", k))
    for scheme, value in identifiers:
        v = value.strip().lower()
        keys.add(v)
        if "," in v or "." in v or "-" in v or " " in v:  # else the folded form is v
            keys.add(v.replace(",", "").replace(".", "").replace("-", "").replace(" ", ""))
        if scheme == "cik" and v.isdigit():
            keys.add(v.lstrip("0") or "0")
    keys.discard("")
    return sorted(keys)


def party_lines(
    rows: list[tuple[str, str, str | None]], labels: dict[str, str], out: SetWriter
) -> list[str]:
    """Write the CSV lines of parties ``(id, json, normalised spellings joined by U+001F or
    None to compute them)``; returns the ids of the records the pattern does not read."""
    from ownergraph.graph.ids import normalize_name

    ix = index(_PARTY)
    match = _PARTY.fullmatch
    sha1 = hashlib.sha1
    i_id, i_kind, i_name, i_names, i_ids = (ix["id"], ix["kind"], ix["name"], ix["names"],
                                            ix["identifiers"])  # fmt: skip
    i_tc, i_jur, i_comp = ix["type_codes"], ix["jurisdiction"], ix["is_component"]
    g_prov = ix["provenance"] + 1
    lines: list[str] = []
    slow: list[str] = []
    for pid, t, norm in rows:
        e = t.replace('"', EQ)
        m = match(e)
        if m is None:
            slow.append(pid)
            continue
        g = m.groups()
        kind = g[i_kind]
        label = labels.get(kind)
        if label is None:
            slow.append(pid)
            continue
        name, names_raw, ids_raw, tc = g[i_name], g[i_names], g[i_ids], g[i_tc]
        if names_raw:
            names_raw = names_raw.replace(EQ, '"')
            names = names_raw[1:-1].split('","')
        else:
            names = []
        pairs = _PAIR.findall(ids_raw) if ids_raw else []
        spellings = dict.fromkeys((name, *names))
        if norm is None:
            normalized: Iterable[str] = {normalize_name(s) for s in spellings}
        else:
            normalized = norm.split(DELIM)
        keys = search_keys(spellings, normalized, pairs)
        cik = lei = None
        for sch, v in pairs:  # the first of each scheme, as Party.identifier gives it
            if sch == "cik":
                cik = v if cik is None else cik
            elif sch == "lei":
                lei = v if lei is None else lei
        idents = [f"{s}:{v}" for s, v in pairs]
        c = t.replace('"', '""')
        s0, s1 = m.span(g_prov)
        names_cell, names_js = arr(names_raw)
        tc_cell, tc_js = arr(tc.replace(EQ, '"') if tc else tc)
        ids_js = '["' + '", "'.join(idents) + '"]' if idents else "[]"
        keys_js = '["' + '", "'.join(keys) + '"]' if keys else "[]"
        jur, comp = g[i_jur], g[i_comp]
        payload = (
            f'[{{"kind": "{kind}"}}, {{"cik": {_j(cik)}, "identifiers": {ids_js},'
            f' "is_component": {comp}, "jurisdiction": {_j(jur)}, "kind": "{kind}",'
            f' "lei": {_j(lei)}, "name": "{name}", "names": {names_js},'
            f' "provenance": "{e[s0:s1]}", "record": "{e}", "search_keys": {keys_js},'
            f' "type_codes": {tc_js}}}]'
        )
        digest = sha1(payload.encode()).hexdigest()
        lines.append(
            f"{g[i_id]},{label},{_cell(cik)},{digest},{_cell(DELIM.join(idents))},{comp},"
            f"{_cell(jur)},{kind},{_cell(lei)},{_cell(name)},{names_cell},"
            f'"{c[s0:s1]}","{c}",{_cell(DELIM.join(keys))},{tc_cell}'
        )
    out.lines(lines)
    return slow


SECURITY_COLS = {
    "cusip": "s", "hash": "s", "issuer_id": "s", "name": "s", "provenance": "s",
    "record": "s", "search_keys": "a", "ticker": "s", "title": "s",
}  # fmt: skip


def security_lines(
    rows: list[tuple[str, str]],
    issuer_name: Callable[[str], str | None],
    alias: dict[str, str],
    out: SetWriter,
) -> tuple[list[str], list[tuple[str, str]]]:
    """Write the CSV lines of stored classes ``(id, json)``; returns the ids of the records
    the pattern does not read and the ``(issuer id, class id)`` of the ISSUES
    relationships (an issuer that is a node). An issuer a merge moved is written as its kept
    id."""
    ix = index(_SECURITY)
    match = _SECURITY.fullmatch
    i_id, i_iss, i_title, i_cusip, i_ticker = (ix["id"], ix["issuer_id"], ix["title"],
                                               ix["cusip"], ix["ticker"])  # fmt: skip
    g_prov = ix["provenance"] + 1
    sha1 = hashlib.sha1
    lines: list[str] = []
    slow: list[str] = []
    issues: list[tuple[str, str]] = []
    for sid, t in rows:
        e = t.replace('"', EQ)
        m = match(e)
        if m is None:
            slow.append(sid)
            continue
        g = m.groups()
        sid = g[i_id]
        iid, title, cusip, ticker = g[i_iss], g[i_title], g[i_cusip], g[i_ticker]
        c = t.replace('"', '""')
        s0, s1 = m.span(g_prov)
        ep, cp = e[s0:s1], c[s0:s1]
        if iid in alias:
            e, c = moved(e, c, "issuer_id", iid, alias[iid])
            iid = alias[iid]
        issuer = issuer_name(iid)
        if issuer is not None:
            issues.append((iid, sid))
        name = f"{issuer} — {title}" if issuer else title
        if cusip:
            v = cusip.strip().lower()
            keys = sorted(k for k in {v, v.replace(",", "").replace(".", "").replace("-", "")
                                      .replace(" ", "")} if k)  # fmt: skip
        else:
            keys = []
        keys_js = '["' + '", "'.join(keys) + '"]' if keys else "[]"
        payload = (
            f'[{{}}, {{"cusip": {_j(cusip)}, "issuer_id": "{iid}",'
            f' "name": {json.dumps(name, ensure_ascii=False)}, "provenance": "{ep}",'
            f' "record": "{e}", "search_keys": {keys_js}, "ticker": {_j(ticker)},'
            f' "title": "{title}"}}]'
        )
        name_cell = '"' + name.replace('"', '""') + '"'  # an issuer's name: any text
        lines.append(
            f"{_cell(sid)},Security,{_cell(cusip)},{sha1(payload.encode()).hexdigest()},"
            f'{_cell(iid)},{name_cell},"{cp}","{c}",{_cell(DELIM.join(keys))},{_cell(ticker)},'
            f"{_cell(title)}"
        )
    out.lines(lines)
    return slow, issues
