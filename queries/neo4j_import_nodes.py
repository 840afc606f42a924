"""The node lines of the neo4j-import bulk path: parties and securities.

As :mod:`queries.neo4j_import_edges`: each stored record comes as ``(id, json)``, a record
the pattern matches gives its CSV line (:mod:`graph.neo4j_rows`' :func:`party_row` /
:func:`security_row`) from the matched values, its content hash from its text; one it does
not match is returned for the slow way. Node lines are text, not bytes as the
relationship lines are: search keys fold case (and bytes measured slower here: 27.5 against
25.1 us per party).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable

from ownergraph.graph.model import Party, Security
from ownergraph.graph.neo4j_rows import ROW_FORMAT
from ownergraph.queries.neo4j_import_edges import _cell, arr, index, moved
from ownergraph.queries.neo4j_import_patterns import DELIM, record_pattern
from ownergraph.queries.neo4j_import_writer import SetWriter

_PARTY = record_pattern(Party, {"id", "identifiers", "is_component", "jurisdiction", "kind",
                                 "name", "names", "type_codes"})  # fmt: skip
#: The party pattern (:mod:`queries.neo4j_import_merged` reads the merged parties with it).
PARTY_PATTERN = _PARTY
_SECURITY = record_pattern(Security, {"cusip", "id", "issuer_id", "ticker",
                                       "title"})  # fmt: skip

PARTY_COLS = {
    "cik": "s", "hash": "s", "identifiers": "a", "is_component": "b", "jurisdiction": "s",
    "kind": "s", "lei": "s", "name": "s", "names": "a", "record": "s",
    "search_keys": "a", "type_codes": "a",
}  # fmt: skip
#: an identifier ``["scheme","value"]`` in the escaped text
_PAIR = re.compile(r'\["([^"\\]*)","([^"\\]*)"\]')
#: What :func:`graph.neo4j_rows.row_hash` hashes before a node's record (no ends).
_NODE_HEAD = ROW_FORMAT + "\x1f\x1f\x1f"
Q, QQ = '"', '""'
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
    None to compute them)``; returns the ids of the records the pattern does not read.

    :func:`search_keys` is written out in the loop (a call and its arguments per party were
    a sixth of a party's time at a million parties); ``tests/test_neo4j_import_fast.py``
    compares the lines with the whole-graph export's."""
    from ownergraph.graph.ids import normalize_name

    ix = index(_PARTY)
    match = _PARTY.fullmatch
    sha1 = hashlib.sha1
    i_id, i_kind, i_name, i_names, i_ids = (ix["id"], ix["kind"], ix["name"], ix["names"],
                                            ix["identifiers"])  # fmt: skip
    i_tc, i_jur, i_comp = ix["type_codes"], ix["jurisdiction"], ix["is_component"]
    tail, tail_words, findall = _LEGAL_TAIL.sub, _TAIL_WORDS, _PAIR.findall
    head = _NODE_HEAD
    lines: list[str] = []
    slow: list[str] = []
    for pid, t, norm in rows:
        m = match(t)
        if m is None:
            slow.append(pid)
            continue
        g = m.groups()
        kind = g[i_kind]
        label = labels.get(kind)
        if label is None:
            slow.append(pid)
            continue
        name, names_raw, ids_raw = g[i_name], g[i_names], g[i_ids]
        names = names_raw[1:-1].split('","') if names_raw else []
        pairs = findall(ids_raw) if ids_raw else []
        spellings = (name,) if names == [name] else dict.fromkeys((name, *names))
        # search_keys(spellings, normalized, pairs), written out
        if norm is None:
            keys = {normalize_name(s) for s in spellings}
        else:
            keys = set(norm.split(DELIM))
        for s in spellings:
            low = s.strip().lower()
            keys.add(low)
            keys.add(low.replace(",", "").replace(".", "").replace("-", ""))
        for k in [k for k in keys if k.endswith(tail_words)]:
            keys.add(tail("", k))
        cik = lei = None
        for sch, v in pairs:  # the first of each scheme, as Party.identifier gives it
            if sch == "cik":
                cik = v if cik is None else cik
            elif sch == "lei":
                lei = v if lei is None else lei
            low = v.strip().lower()
            keys.add(low)
            if "," in low or "." in low or "-" in low or " " in low:
                keys.add(low.replace(",", "").replace(".", "").replace("-", "").replace(" ", ""))
            if sch == "cik" and low.isdigit():
                keys.add(low.lstrip("0") or "0")
        keys.discard("")
        key_cell = DELIM.join(sorted(keys))
        id_cell = DELIM.join([f"{s}:{v}" for s, v in pairs])
        digest = sha1((head + t).encode()).hexdigest()
        lines.append(
            f"{g[i_id]},{label},{_cell(cik)},{digest},"
            f"""{'"' + id_cell + '"' if "," in id_cell else id_cell},{g[i_comp]},"""
            f"{_cell(g[i_jur])},{kind},{_cell(lei)},{_cell(name)},{arr(names_raw)},"
            f'"{t.replace(Q, QQ)}",'
            f"""{'"' + key_cell + '"' if "," in key_cell else key_cell},"""
            f"{arr(g[i_tc])}"
        )
    out.lines(lines)
    return slow


SECURITY_COLS = {
    "cusip": "s", "hash": "s", "issuer_id": "s", "name": "s",
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
    sha1 = hashlib.sha1
    lines: list[str] = []
    slow: list[str] = []
    issues: list[tuple[str, str]] = []
    for sid, t in rows:
        m = match(t)
        if m is None:
            slow.append(sid)
            continue
        g = m.groups()
        sid = g[i_id]
        iid, title, cusip, ticker = g[i_iss], g[i_title], g[i_cusip], g[i_ticker]
        if iid in alias:
            t = moved(t, "issuer_id", iid, alias[iid])
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
        digest = sha1(f"{_NODE_HEAD}{t}\x1f{name}".encode()).hexdigest()
        name_cell = '"' + name.replace(Q, QQ) + '"'  # an issuer's name: any text
        lines.append(
            f"{_cell(sid)},Security,{_cell(cusip)},{digest},{_cell(iid)},{name_cell},"
            f'"{t.replace(Q, QQ)}",{_cell(DELIM.join(keys))},{_cell(ticker)},'
            f"{_cell(title)}"
        )
    out.lines(lines)
    return slow, issues
