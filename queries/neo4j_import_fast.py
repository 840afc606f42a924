"""The neo4j-import files written straight from the store's JSON text (the bulk path).

:func:`queries.neo4j_import.write_neo4j_import` writes, for every record, the row
:mod:`graph.neo4j_rows` gives (its properties, ``provenance`` and ``record`` JSON, the
content hash). Decoding each record into a dataclass and serialising it again costs ~0.1 ms
per row, minutes for a store of millions of rows. Here one regular expression per record
type, built from the dataclass (:func:`record_pattern`), reads a stored record's JSON text
whole: every field in sorted order, each value in the form the store's writer gives it
(strings without escapes, floats as ``repr`` writes them, dates ``YYYY-MM-DD``). A record it
matches is canonical (decoding and encoding it again gives the same text), so the text is
the ``record`` property as it stands, its values are the properties and the hash payload is
assembled from them as :func:`json.dumps` would write it. A record it does not match (a name
with a quote or a line break, a record written by an older version) goes the slow way
(:mod:`graph.neo4j_rows`), and so do merged parties and the rows a merge redirects.

The same rows come out either way (``tests/test_neo4j_import*.py`` compare every file's rows
with the whole-graph export's). Should a column end up with values of two types (which the
typed store columns never give), :class:`Mixed` sends the caller back to the slow writer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import operator
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import Any

from ownergraph.graph.model import Holding, Link, Party, Security

#: Joins the elements of an array property (as :mod:`queries.neo4j_import`).
DELIM = "\x1f"
_STR = r'[^"\\\x00-\x1f]*'
_WORD = r'[^"\\\x00-\x1f,]*'
_FLOAT = r"-?\d+\.\d+(?:e[+-]\d+)?|-?\d+e[+-]\d+"  # as repr(float) writes a finite float
_DATE = r"\d{4}-\d{2}-\d{2}"
_CHUNK = 20_000


#: Per data file this process wrote last: (rows, rows written the slow way).
STATS: dict[str, tuple[int, int]] = {}


class Mixed(Exception):
    """A column holds values of two types: the caller writes the export the slow way."""


def _value(name: str | None, tp: Any) -> str:
    """The pattern of one JSON value of type ``tp`` (a named group when ``name``)."""

    def g(body: str) -> str:
        return f"(?P<{name}>{body})" if name else f"(?:{body})"

    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"no pattern for {tp}")
        inner = _value(name, args[0])
        if name and inner.startswith('"'):  # a string: its JSON token too, as ``name__j``
            return f"(?P<{name}__j>null|{inner})"
        return f"(?:null|{inner})"
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _value(None, args[0])
            if dataclasses.is_dataclass(args[0]):  # records: the group keeps the brackets
                return g(rf"\[(?:{item}(?:,{item})*)?\]")
            return r"\[" + g(f"(?:{item}(?:,{item})*)?") + r"\]"
        return r"\[" + g(",".join(_value(None, a) for a in args)) + r"\]"
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            return g(_object(tp, name))
        if issubclass(tp, Enum) or (name or "").split("__")[-1].endswith(("id", "_id")):
            return f'"{g(_WORD)}"'  # vocabulary values and ids: no comma either
        if tp is str:
            return f'"{g(_STR)}"'
        if tp is dt.date:
            return f'"{g(_DATE)}"'
        if tp is bool:
            return g("true|false")
        if tp is float:
            return g(_FLOAT)
        if tp is int:
            return g(r"-?\d+")
    raise TypeError(f"no pattern for {tp}")


def _object(cls: type, prefix: str | None) -> str:
    hints = typing.get_type_hints(cls)
    fields = sorted(f.name for f in dataclasses.fields(cls))
    parts = [f'"{f}":' + _value(f"{prefix}__{f}" if prefix else None, hints[f]) for f in fields]
    return r"\{" + ",".join(parts) + r"\}"


def record_pattern(cls: type) -> re.Pattern[str]:
    """The regular expression that matches the canonical JSON of a ``cls`` record whole,
    a group per top-level field (a nested record's fields as ``field__sub``).

    >>> from ownergraph.graph.model import Share
    >>> m = record_pattern(Share).fullmatch(
    ...     '{"exclusive_maximum":false,"exclusive_minimum":false,"maximum":null,"minimum":0.25}')
    >>> m["minimum"], m["maximum"]
    ('0.25', None)
    >>> record_pattern(Share).fullmatch('{"exclusive_maximum":false}') is None
    True
    """
    hints = typing.get_type_hints(cls)
    fields = sorted(f.name for f in dataclasses.fields(cls))
    parts = [f'"{f}":' + _value(f, hints[f]) for f in fields]
    return re.compile(r"\{" + ",".join(parts) + r"\}", re.S)


# --------------------------------------------------------------------------- cells


def _s(v: str | None) -> str:
    """The JSON of an optional string the patterns matched (no escapes in it)."""
    return "null" if v is None else '"' + v + '"'


#: Quotes a CSV cell in the lines of :meth:`SetWriter.lines`, which doubles every ``"`` of
#: the chunk (only the JSON texts hold one) and then turns these into ``"``.
Q = "\x01"


def _q(text: str) -> str:
    """A CSV cell of matched text (no ``"``, no line break): quoted when it holds a comma."""
    return Q + text + Q if "," in text else text


def _arr(items: str) -> tuple[str, str]:
    """A matched array of strings (``"a","b"``) as (its CSV cell, its ``json.dumps``)."""
    if not items:
        return "", "[]"
    return _q(items[1:-1].replace('","', DELIM)), "[" + items.replace('","', '", "') + "]"


def _sha1(payload: str) -> str:
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def _jq(text: str) -> str:
    """``json.dumps(text, ensure_ascii=False)`` of a JSON text (no control characters)."""
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    return '"' + text.replace('"', '\\"') + '"'


# --------------------------------------------------------------------------- sets


class SetWriter:
    """One data file written in chunks of lines, with what its header needs: the columns
    (sorted property names), the type each column's values have (``d`` double, ``b``
    boolean, ``a`` array, ``s`` string) and which nullable typed columns were seen with a
    value (an all-null column is untyped, as :func:`queries.neo4j_import._type` says)."""

    def __init__(
        self, path: Path, lead: list[str], cols: dict[str, str], nullable: Iterable[str] = ()
    ) -> None:
        self.fh = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in close()
        self.lead = lead
        self.cols = cols
        #: a column the fast rows may leave null is typed once a value is seen
        self.present: set[str] = set(cols) - set(nullable)
        self.rows = 0
        self.slow = 0  # rows written the slow way (:meth:`row`)

    def lines(self, lines: list[str]) -> None:
        """Write lines whose quoted cells are quoted with :data:`Q` (see there)."""
        if lines:
            text = "\n".join(lines)
            self.fh.write(text.replace('"', '""').replace(Q, '"'))
            self.fh.write("\n")
            self.rows += len(lines)

    def see(self, name: str, rows: list[tuple[Any, ...]], i: int) -> None:
        """Record that column ``name`` has a value if a row has one at ``i``."""
        if name not in self.present and rows:
            col = list(map(operator.itemgetter(i), rows))
            if col.count(None) != len(col):
                self.present.add(name)

    def row(self, lead: list[str], props: dict[str, Any]) -> None:
        """A row the slow way (a :mod:`graph.neo4j_rows` row's properties)."""
        from ownergraph.queries.neo4j_import import _csv, _natural

        cells = list(lead)
        for k, t in self.cols.items():
            kind, cell = _natural(props.get(k))
            if kind and kind != t:
                raise Mixed(f"{k}: {kind} beside {t}")
            if kind:
                self.present.add(k)
            cells.append(cell)
        self.fh.write(_csv([cells]).decode("utf-8"))
        self.rows += 1
        self.slow += 1

    def close(self) -> list[str]:
        """Close the data file; the header (only the lead columns for an empty set)."""
        self.fh.close()
        STATS[Path(self.fh.name).name] = (self.rows, self.slow)
        if not self.rows:
            return list(self.lead)
        names = {"d": ":double", "b": ":boolean", "a": ":string[]", "s": ""}
        return self.lead + [
            k + (names[t] if k in self.present else "") for k, t in self.cols.items()
        ]


def _chunks(cur: Any) -> Iterator[list[tuple[Any, ...]]]:
    while rows := cur.fetchmany(_CHUNK):
        yield rows


def _index(pat: re.Pattern[str]) -> dict[str, int]:
    return {k: i - 1 for k, i in pat.groupindex.items()}


def _moved(text: str, key: str, old: str, new: str) -> str:
    """A canonical record's text with the id of ``key`` changed (ids hold no quote)."""
    return text.replace(f'"{key}":"{old}"', f'"{key}":"{new}"', 1)


HOLD_COLS = {
    "as_of": "s", "derivative": "b", "direct_or_indirect": "s", "document_id": "s",
    "hash": "s", "instrument": "s", "nature_of_ownership": "s", "no_voting": "d",
    "provenance": "s", "record": "s", "right_to_acquire": "b", "shared_dispositive": "d",
    "shared_voting": "d", "shares": "d", "sole_dispositive": "d", "sole_voting": "d",
    "title": "s",
}  # fmt: skip
_HOLD_FLOATS = ("no_voting", "shared_dispositive", "shared_voting", "shares", "sole_dispositive",
                "sole_voting")  # fmt: skip


def holding_lines(
    rows: list[tuple[str, str]],
    out: SetWriter,
    alias: dict[str, str],
    defer: Callable[[str, str], bool],
    deferred: list[str],
) -> list[str]:
    """Write the CSV lines of stored holdings ``(id, json)``; returns the ids of the records
    the pattern does not read, which the caller writes the slow way. A holding
    ``defer(holder, class)`` puts off (its supersession spans rows) is not written; its id
    goes to ``deferred``. A holder a merge moved (``alias``) is written as its kept id."""
    ix = _index(_HOLDING)
    match = _HOLDING.fullmatch
    i_id, i_h, i_s, i_doc = ix["id"], ix["holder_id"], ix["security_id"], ix["document_id"]
    i_asof, i_der, i_di, i_ins = (
        ix["as_of"],
        ix["derivative"],
        ix["direct_or_indirect"],
        ix["instrument"],
    )
    i_nat, i_natj, i_prov, i_rta = (
        ix["nature_of_ownership"],
        ix["nature_of_ownership__j"],
        ix["provenance"],
        ix["right_to_acquire"],
    )
    i_title, i_titlej, i_asofj = ix["title"], ix["title__j"], ix["as_of__j"]
    i0, i1, i2, i3, i4, i5 = (ix[k] for k in _HOLD_FLOATS)  # fmt: skip
    sha1 = hashlib.sha1
    lines: list[str] = []
    slow: list[str] = []
    got = []
    for hid, text in rows:
        m = match(text)
        if m is None:
            slow.append(hid)
            continue
        g = m.groups()
        holder, sec = g[i_h], g[i_s]
        if defer(holder, sec):
            deferred.append(hid)
            continue
        if holder in alias:
            text = _moved(text, "holder_id", holder, alias[holder])
            holder = alias[holder]
        got.append(g)
        prov, nature, title = g[i_prov], g[i_nat] or "", g[i_title] or ""
        f0, f1, f2, f3, f4, f5 = g[i0], g[i1], g[i2], g[i3], g[i4], g[i5]
        jp, jt = _jq(prov), _jq(text)  # the provenance is a part of the record
        payload = (
            f'[{{"end": "{sec}", "start": "{holder}"}}, {{"as_of": {g[i_asofj]},'
            f' "derivative": {g[i_der]}, "direct_or_indirect": "{g[i_di]}",'
            f' "document_id": "{g[i_doc]}", "instrument": "{g[i_ins]}",'
            f' "nature_of_ownership": {g[i_natj]}, "no_voting": {f0 or "null"},'
            f' "provenance": {jp}, "record": {jt}, "right_to_acquire": {g[i_rta]},'
            f' "shared_dispositive": {f1 or "null"}, "shared_voting": {f2 or "null"},'
            f' "shares": {f3 or "null"}, "sole_dispositive": {f4 or "null"},'
            f' "sole_voting": {f5 or "null"}, "title": {g[i_titlej]}}}]'
        )
        if "," in nature:
            nature = Q + nature + Q
        if "," in title:
            title = Q + title + Q
        lines.append(
            f"{holder},{sec},HOLDS,{g[i_id]},{g[i_asof] or ''},{g[i_der]},{g[i_di]},{g[i_doc]},"
            f"{sha1(payload.encode()).hexdigest()},{g[i_ins]},{nature},{f0 or ''},{Q}{prov}{Q},"
            f"{Q}{text}{Q},{g[i_rta]},{f1 or ''},{f2 or ''},{f3 or ''},{f4 or ''},{f5 or ''},"
            f"{title}"
        )
    for k in _HOLD_FLOATS:
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
    """Write the CSV lines of stored links ``(id, json)``; returns the ids of the records the
    pattern does not read. Ends a merge moved (``alias``) are written as the kept ids; with
    ``drop_loops`` (a store with merges) a link from a party to itself is left out, as
    :func:`graph.store.build_graph` leaves it out then."""
    ix = _index(_LINK)
    match = _LINK.fullmatch
    sha1 = hashlib.sha1
    i_id, i_a, i_b, i_prov = ix["id"], ix["controller_id"], ix["controlled_id"], ix["provenance"]
    i_pow, i_vot, i_inv, i_pas = ix["power"], ix["voting"], ix["investment"], ix["passes"]
    i_powj, i_votj, i_invj = ix["power__j"], ix["voting__j"], ix["investment__j"]
    i_ben, i_comp, i_it, i_sh, i_vsh = (
        ix["beneficial"],
        ix["component_ids"],
        ix["interest_types"],
        ix["share"],
        ix["voting_share"],
    )
    i_smax, i_sxmax, i_smin, i_sxmin = (
        ix["share__maximum"],
        ix["share__exclusive_maximum"],
        ix["share__minimum"],
        ix["share__exclusive_minimum"],
    )
    i_vmax, i_vmin = ix["voting_share__maximum"], ix["voting_share__minimum"]
    i_det, i_detj, i_asof, i_asofj = ix["details"], ix["details__j"], ix["as_of"], ix["as_of__j"]
    i_start, i_startj, i_end, i_endj = (
        ix["start_date"],
        ix["start_date__j"],
        ix["end_date"],
        ix["end_date__j"],
    )
    i_di, i_doc, i_role = ix["direct_or_indirect"], ix["document_id"], ix["role"]  # fmt: skip
    lines: list[str] = []
    slow: list[str] = []
    got = []
    both = ('"voting","investment"', '"voting", "investment"', "voting" + DELIM + "investment")
    for lid, text in rows:
        m = match(text)
        if m is None:
            slow.append(lid)
            continue
        g = m.groups()
        a, b = g[i_a], g[i_b]
        if a in alias:
            text = _moved(text, "controller_id", a, alias[a])
            a = alias[a]
        if b in alias:
            text = _moved(text, "controlled_id", b, alias[b])
            b = alias[b]
        if a == b and drop_loops:
            continue
        got.append(g)
        prov = g[i_prov]
        power, voting, investment = g[i_pow], g[i_vot], g[i_inv]
        if g[i_pas] or power is None:
            passes = _passes(g[i_pas], power, voting, investment)
            pa_cell, pa_js = _arr(passes)
        else:
            pa_cell, pa_js = both[2], "[" + both[1] + "]"
        ben = g[i_ben]
        comp, its = g[i_comp], g[i_it]
        comp_cell, comp_js = _arr(comp) if comp else ("", "[]")
        it_cell, it_js = _arr(its) if its else ("", "[]")
        if g[i_sh] is None:
            smax = sxmax = smin = sxmin = None
        else:
            smax, sxmax, smin, sxmin = g[i_smax], g[i_sxmax], g[i_smin], g[i_sxmin]
        if g[i_vsh] is None:
            vmax = vmin = None
        else:
            vmax, vmin = g[i_vmax], g[i_vmin]
        details = g[i_det] or ""
        jp, jt = _jq(prov), _jq(text)  # the provenance is a part of the record
        payload = (
            f'[{{"end": "{b}", "start": "{a}"}}, {{"as_of": {g[i_asofj]},'
            f' "beneficial": {ben or "null"}, "component_ids": {comp_js},'
            f' "details": {g[i_detj]}, "direct_or_indirect": "{g[i_di]}",'
            f' "document_id": "{g[i_doc]}", "end_date": {g[i_endj]},'
            f' "interest_types": {it_js}, "investment": {g[i_invj]},'
            f' "passes": {pa_js}, "power": {g[i_powj]}, "provenance": {jp},'
            f' "record": {jt}, "role": "{g[i_role]}", "share_max": {smax or "null"},'
            f' "share_max_exclusive": {sxmax or "null"}, "share_min": {smin or "null"},'
            f' "share_min_exclusive": {sxmin or "null"}, "start_date": {g[i_startj]},'
            f' "voting": {g[i_votj]}, "voting_share_max": {vmax or "null"},'
            f' "voting_share_min": {vmin or "null"}}}]'
        )
        if "," in details:
            details = Q + details + Q
        lines.append(
            f"{a},{b},{rel_type},{g[i_id]},{g[i_asof] or ''},{ben or ''},{comp_cell},{details},"
            f"{g[i_di]},{g[i_doc]},{g[i_end] or ''},{sha1(payload.encode()).hexdigest()},"
            f"{it_cell},{investment or ''},{pa_cell},{power or ''},{Q}{prov}{Q},{Q}{text}{Q},"
            f"{g[i_role]},{smax or ''},{sxmax or ''},{smin or ''},{sxmin or ''},"
            f"{g[i_start] or ''},{voting or ''},{vmax or ''},{vmin or ''}"
        )
    for k, cols in _SEEN_AS.items():
        for col in cols:
            out.see(col, got, ix[k])
    out.lines(lines)
    return slow


PARTY_COLS = {
    "cik": "s", "hash": "s", "identifiers": "a", "is_component": "b", "jurisdiction": "s",
    "kind": "s", "lei": "s", "name": "s", "names": "a", "provenance": "s", "record": "s",
    "search_keys": "a", "type_codes": "a",
}  # fmt: skip
_PAIR = re.compile(r'\["([^"\\]*)","([^"\\]*)"\]')
_LEGAL_TAIL = re.compile(r"\s+(lp|llc|llp|inc|ltd|corp|co|na|sa|plc|l p|l l c)$")
_TAIL_WORDS = ("lp", "llc", "llp", "inc", "ltd", "corp", "co", "na", "sa", "plc")


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
    tails = [k for k in keys if k.endswith(_TAIL_WORDS)]  # "l p", "l l c" end with "p", "c"
    tails += [k for k in keys if k.endswith((" p", " c")) and k not in tails]
    for k in tails:
        keys.add(_LEGAL_TAIL.sub("", k))
    for scheme, value in identifiers:
        v = value.strip().lower()
        keys.add(v)
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

    ix = _index(_PARTY)
    match = _PARTY.fullmatch
    sha1 = hashlib.sha1
    i_id, i_kind, i_name, i_names, i_ids = (
        ix["id"],
        ix["kind"],
        ix["name"],
        ix["names"],
        ix["identifiers"],
    )
    i_prov, i_tc, i_jur, i_comp = ix["provenance"], ix["type_codes"], ix["jurisdiction"], ix["is_component"]  # fmt: skip
    lines: list[str] = []
    slow: list[str] = []
    for pid, text, norm in rows:
        m = match(text)
        if m is None:
            slow.append(pid)
            continue
        g = m.groups()
        kind = g[i_kind]
        label = labels.get(kind)
        if label is None:
            slow.append(pid)
            continue
        name, names_raw = g[i_name], g[i_names]
        names = names_raw[1:-1].split('","') if names_raw else []
        ids_raw = g[i_ids]
        pairs = _PAIR.findall(ids_raw) if ids_raw else []
        spellings = dict.fromkeys((name, *names))
        if norm is None:
            normalized: Iterable[str] = {normalize_name(s) for s in spellings}
        else:
            normalized = norm.split(DELIM)
        keys = search_keys(spellings, normalized, pairs)
        cik = lei = None
        if pairs:
            cik = next((v for s, v in pairs if s == "cik"), None)
            lei = next((v for s, v in pairs if s == "lei"), None)
        idents = [f"{s}:{v}" for s, v in pairs]
        prov = g[i_prov]
        names_cell, names_js = _arr(names_raw)
        tc_cell, tc_js = _arr(g[i_tc])
        ids_js = '["' + '", "'.join(idents) + '"]' if idents else "[]"
        keys_js = '["' + '", "'.join(keys) + '"]' if keys else "[]"
        jur, comp = g[i_jur], g[i_comp]
        payload = (
            f'[{{"kind": "{kind}"}}, {{"cik": {_s(cik)}, "identifiers": {ids_js},'
            f' "is_component": {comp}, "jurisdiction": {_s(jur)}, "kind": "{kind}",'
            f' "lei": {_s(lei)}, "name": "{name}", "names": {names_js},'
            f' "provenance": {_jq(prov)}, "record": {_jq(text)}, "search_keys": {keys_js},'
            f' "type_codes": {tc_js}}}]'
        )
        digest = sha1(payload.encode()).hexdigest()
        lines.append(
            f"{_q(g[i_id])},{label},{_q(cik or '')},{digest},{_q(DELIM.join(idents))},{comp},"
            f"{_q(jur or '')},{_q(kind)},{_q(lei or '')},{_q(name)},{names_cell},{Q}{prov}{Q},"
            f"{Q}{text}{Q},{_q(DELIM.join(keys))},{tc_cell}"
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
    the pattern does not read and the ``(issuer id, class id)`` of the ISSUES relationships
    (an issuer that is a node). An issuer a merge moved is written as its kept id."""
    pat = _SECURITY
    lines: list[str] = []
    slow: list[str] = []
    issues: list[tuple[str, str]] = []
    for sid, text in rows:
        m = pat.fullmatch(text)
        if m is None:
            slow.append(sid)
            continue
        g = m.groupdict()
        sid = g["id"]
        iid, title, cusip, ticker = g["issuer_id"], g["title"], g["cusip"], g["ticker"]
        if iid in alias:
            text = _moved(text, "issuer_id", iid, alias[iid])
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
        prov = g["provenance"]
        payload = (
            f'[{{}}, {{"cusip": {_s(cusip)}, "issuer_id": "{iid}",'
            f' "name": {json.dumps(name, ensure_ascii=False)}, "provenance": {_jq(prov)},'
            f' "record": {_jq(text)}, "search_keys": {keys_js}, "ticker": {_s(ticker)},'
            f' "title": "{title}"}}]'
        )
        if Q in name:  # the one cell not matched (an issuer's name): any text but Q
            slow.append(sid)
            continue
        name_cell = Q + name + Q
        lines.append(
            f"{_q(sid)},Security,{_q(cusip or '')},{_sha1(payload)},{_q(iid)},{name_cell},"
            f"{Q}{prov}{Q},{Q}{text}{Q},{_q(DELIM.join(keys))},{_q(ticker or '')},{_q(title)}"
        )
    out.lines(lines)
    return slow, issues


def issues_line(issuer_id: str, security_id: str) -> str:
    """The CSV line of one ISSUES relationship (id ``issues:<class id>``), for
    :meth:`SetWriter.lines`."""
    payload = json.dumps(
        [{"end": security_id, "start": issuer_id}, {}], sort_keys=True, ensure_ascii=False
    )
    return (
        f"{_q(issuer_id)},{_q(security_id)},ISSUES,{_q('issues:' + security_id)},{_sha1(payload)}"
    )


_HOLDING = record_pattern(Holding)
_LINK = record_pattern(Link)
_PARTY = record_pattern(Party)
_SECURITY = record_pattern(Security)


# --------------------------------------------------------------------------- the export


def write_all(store: Any, folder: Path, database: str, *, workers: int = 2) -> list[str]:
    """Write every file of the export into ``folder`` (inside the caller's snapshot);
    returns the file names. Raises :class:`Mixed` when a column's values disagree in type.

    With ``workers`` 2 (and ``os.fork``), a second process writes the relationship files
    while this one writes the nodes; it reads the store through its own connection and
    gives up (this process then writes them) unless it sees the same store state."""
    from ownergraph.graph.history import current_holdings
    from ownergraph.graph.model import ReportedPosition, from_dict
    from ownergraph.graph.neo4j_rows import (
        NODE_SETS,
        REL_KINDS,
        document_row,
        holding_row,
        link_row,
        party_row,
        security_row,
    )
    from ownergraph.graph.resolution import clusters
    from ownergraph.graph.store import build_graph
    from ownergraph.graph.vocab import DOCUMENT_LABEL, PARTY_LABEL, EdgeKind, NodeKind
    from ownergraph.queries.neo4j_import import COMMAND, _csv, _script, _write_set, file_names

    conn = store._conn
    docs = store.documents()
    by_id = {d.id: d for d in docs}
    merges = store.merges()
    in_cluster = {m.kept_id for m in merges} | {m.merged_id for m in merges}
    cluster_parties = [
        from_dict(Party, json.loads(body))
        for (body,) in conn.execute(
            "SELECT json FROM parties WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
            (json.dumps(sorted(in_cluster)),),
        )
    ]
    # the kept id of every merged id, as build_graph finds it (its merged records below)
    alias: dict[str, str] = clusters(merges, {p.id: p for p in cluster_parties}) if merges else {}
    groups: dict[str, Party] = {}
    # holdings whose supersession spans rows: a (holder, class) two documents report, or a
    # holder entity resolution merged; decided at the end as Store.graph() decides them
    contested: set[tuple[str, str]] = set()
    if len(docs) > 1:
        contested = set(
            conn.execute(
                "SELECT holder_id, security_id FROM holdings GROUP BY holder_id, security_id"
                " HAVING count(DISTINCT document_id) > 1"
            )
        )
    labels = {k.value: f"{PARTY_LABEL};{k.label}" for k in NodeKind if k is not NodeKind.SECURITY}
    node_args: list[str] = []
    rel_args: list[str] = []

    def header(name: str, head: list[str]) -> None:
        (folder / f"{name}_header.csv").write_bytes(_csv([head]))

    # documents (a handful): the row functions, cover pages riding along
    positions: dict[str, list[ReportedPosition]] = {}
    for (body,) in conn.execute("SELECT json FROM positions ORDER BY id"):
        rp = from_dict(ReportedPosition, json.loads(body))
        rp = dataclasses.replace(rp, party_id=alias.get(rp.party_id, rp.party_id))
        positions.setdefault(rp.document_id, []).append(rp)

    def documents() -> Iterator[dict[str, Any]]:
        for d in sorted(docs, key=lambda d: d.id):
            yield document_row(d, positions.get(d.id, ()))

    def relationships(conn: Any) -> None:
        """HOLDS, then every link kind in one pass (ISSUES comes with the classes)."""
        hw = SetWriter(
            folder / "holds.csv", [":START_ID", ":END_ID", ":TYPE", "id"], HOLD_COLS, _HOLD_FLOATS
        )
        deferred: list[str] = []
        slow = []

        # one document, every holding from it: nothing supersedes, a merged holder's holdings
        # are written under the kept id; else they are decided below, as Store.graph() does
        one_doc = (
            len(docs) == 1
            and not conn.execute(
                "SELECT 1 FROM holdings WHERE document_id < ? OR document_id > ? LIMIT 1",
                (docs[0].id, docs[0].id),  # two index ranges (``!=`` would scan the table)
            ).fetchone()
        )

        def defer(holder: str, sec: str) -> bool:
            return (holder in in_cluster and not one_doc) or (holder, sec) in contested

        for rows in _chunks(conn.execute("SELECT id, json FROM holdings")):
            slow += holding_lines(rows, hw, alias if one_doc else {}, defer, deferred)
        special = []
        for hid in deferred + slow:
            for (body,) in conn.execute("SELECT json FROM holdings WHERE id=?", (hid,)):
                h = from_dict(Holding, json.loads(body))
                if (h.holder_id in in_cluster and not one_doc) or (
                    h.holder_id,
                    h.security_id,
                ) in contested:
                    special.append(h)
                else:
                    if h.holder_id in alias:
                        h = dataclasses.replace(h, holder_id=alias[h.holder_id])
                    r = holding_row(h)
                    hw.row([r["start"], r["end"], "HOLDS", r["id"]], r["props"])
        if special:
            kept = build_graph(
                cluster_parties, [], current_holdings(special, by_id), [], docs, merges=merges
            )
            for _u, _v, d in kept.edges(data=True):
                if isinstance(d.get("record"), Holding):
                    r = holding_row(d["record"])
                    hw.row([r["start"], r["end"], "HOLDS", r["id"]], r["props"])
        header("holds", hw.close())

        link_kinds = [k for k in REL_KINDS if k not in (EdgeKind.HOLDS, EdgeKind.ISSUES)]
        lead = [":START_ID", ":END_ID", ":TYPE", "id"]
        lws = {
            k.value: SetWriter(folder / f"{k.value}.csv", lead, LINK_COLS, LINK_NULLABLE)
            for k in link_kinds
        }
        slow_links: list[str] = []

        for rows in _chunks(conn.execute("SELECT kind, id, json FROM links")):
            by_kind: dict[str, list[tuple[str, str]]] = {}
            for kind, lid, text in rows:
                by_kind.setdefault(kind, []).append((lid, text))
            for kind, part in by_kind.items():
                if kind not in lws:
                    raise Mixed(f"link kind {kind!r}")
                slow_links += link_lines(
                    part, EdgeKind(kind).rel_type, lws[kind], alias, drop_loops=bool(alias)
                )
        for lid in slow_links:
            for (body,) in conn.execute("SELECT json FROM links WHERE id=?", (lid,)):
                lk = from_dict(Link, json.loads(body))
                a = alias.get(lk.controller_id, lk.controller_id)
                b = alias.get(lk.controlled_id, lk.controlled_id)
                if a != lk.controller_id or b != lk.controlled_id:
                    lk = dataclasses.replace(lk, controller_id=a, controlled_id=b)
                if a == b and alias:
                    continue
                r = link_row(lk)
                lws[lk.kind.value].row(
                    [r["start"], r["end"], lk.kind.rel_type, r["id"]], r["props"]
                )
        for k, lw in lws.items():
            header(k, lw.close())

    child = _fork(store, relationships) if workers > 1 else None
    try:
        small = build_graph(cluster_parties, [], [], [], docs, merges=merges)
        if small.graph["aliases"] != alias:  # the relationship writer used this map
            raise RuntimeError("neo4j-import: merged ids mapped two ways")
        groups.update(
            (n, d["record"])
            for n, d in small.nodes(data=True)
            if isinstance(d.get("record"), Party)
        )
        for key in NODE_SETS:
            if key == "documents":
                _write_set(folder, key, ["id:ID", ":LABEL"], documents,
                           lambda r: [r["id"], DOCUMENT_LABEL])  # fmt: skip
            elif key == "parties":
                w = SetWriter(folder / "parties.csv", ["id:ID", ":LABEL"], PARTY_COLS)
                cur = conn.execute(
                    "SELECT p.id, p.json, (SELECT group_concat(substr(k.key, 3), char(31))"
                    " FROM name_keys k WHERE k.node_id = p.id AND k.key >= 'n:' AND k.key < 'n;')"
                    " FROM parties p"
                )
                slow: list[str] = []
                for rows in _chunks(cur):
                    slow += party_lines([r for r in rows if r[0] not in in_cluster], labels, w)
                for pid in slow:
                    for (body,) in conn.execute("SELECT json FROM parties WHERE id=?", (pid,)):
                        r = party_row(from_dict(Party, json.loads(body)))
                        w.row([r["id"], labels[r["kind"]]], r["props"])
                slow = party_lines(
                    [(p.id, _record_text(p), None) for p in groups.values()], labels, w
                )
                for p in groups.values():
                    if p.id in slow:
                        r = party_row(p)
                        w.row([r["id"], labels[r["kind"]]], r["props"])
                header(key, w.close())
            else:
                w = SetWriter(folder / "securities.csv", ["id:ID", ":LABEL"], SECURITY_COLS)
                cur = conn.execute(
                    "SELECT s.id, s.json, s.issuer_id, (SELECT json_extract(p.json, '$.name')"
                    " FROM parties p WHERE p.id = s.issuer_id) FROM securities s"
                )
                issues: list[tuple[str, str]] = []
                slow = []
                for rows in _chunks(cur):
                    names = {r[2]: r[3] for r in rows}

                    def issuer_name(iid: str, _n: dict[str, Any] = names) -> str | None:
                        if iid in groups:
                            return groups[iid].name
                        if iid in alias:
                            return None
                        return _n[iid] if iid in _n else _issuer(iid, groups, alias, conn)

                    got = security_lines([(r[0], r[1]) for r in rows], issuer_name, alias, w)
                    slow += got[0]
                    issues += got[1]
                for sid in slow:
                    for (body,) in conn.execute("SELECT json FROM securities WHERE id=?", (sid,)):
                        s = from_dict(Security, json.loads(body))
                        iid = alias.get(s.issuer_id, s.issuer_id)
                        if iid != s.issuer_id:
                            s = dataclasses.replace(s, issuer_id=iid)
                        issuer = _issuer(iid, groups, alias, conn)
                        if issuer is not None:
                            issues.append((iid, s.id))
                        r = security_row(s, f"{issuer} — {s.title}" if issuer else s.title)
                        w.row([r["id"], "Security"], r["props"])
                header(key, w.close())
            node_args.append(f"--nodes={key}_header.csv,{key}.csv")
    except BaseException:
        if child is not None:  # the relationship writer stops too
            _stop(child)
        raise

    if child is None or not _joined(child):  # one process, or the store moved meanwhile
        relationships(conn)
    lead = [":START_ID", ":END_ID", ":TYPE", "id"]
    iw = SetWriter(folder / "issues.csv", lead, {"hash": "s"})
    iw.lines([issues_line(i, s) for i, s in issues])
    header("issues", iw.close())
    for kind in REL_KINDS:
        rel_args.append(f"--relationships={kind.value}_header.csv,{kind.value}.csv")
    cmd = COMMAND.format(nodes=" ".join(node_args), relationships=" ".join(rel_args))
    (folder / "import.sh").write_bytes(_script(cmd, database))
    return file_names()


class _Moved(Exception):
    """The second process saw another store state than this one."""


def _fork(store: Any, work: Callable[[Any], None]) -> int | None:
    """Run ``work(connection)`` in a forked process on its own connection to the store, in a
    read transaction at the store state of ``store``'s (open) snapshot; its pid."""
    import os
    import sqlite3
    import sys
    import traceback

    if not hasattr(os, "fork"):
        return None
    seq = store._conn.execute("SELECT value FROM meta WHERE key='seq'").fetchone()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        conn = sqlite3.connect(str(store.path), timeout=30.0)
        conn.execute("BEGIN")
        if conn.execute("SELECT value FROM meta WHERE key='seq'").fetchone() != seq:
            raise _Moved
        work(conn)
        conn.execute("COMMIT")
    except _Moved:
        code = 3
    except Mixed:
        code = 4
    except BaseException:  # noqa: BLE001 - reported, then the parent raises
        traceback.print_exc()
        code = 1
    finally:
        sys.stderr.flush()
        os._exit(code)


def _stop(pid: int) -> None:
    import os
    import signal

    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)


def _joined(pid: int) -> bool:
    """Wait for the process of :func:`_fork`: True when it wrote its files, False when it
    saw another store state; raises when it failed."""
    import os

    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code == 3:
        return False
    if code == 4:
        raise Mixed("a relationship column")
    if code:
        raise RuntimeError(f"neo4j-import: the relationship writer failed (exit {code})")
    return True


def _record_text(p: Party) -> str:
    """A record's canonical JSON text, as the store writes it."""
    from ownergraph.graph.neo4j_rows import _json

    return _json(p)


def _issuer(iid: str, groups: dict[str, Party], alias: dict[str, str], conn: Any) -> str | None:
    """The name of the node ``iid`` (a kept id after merges), ``None`` when it is no node."""
    if iid in groups:
        return groups[iid].name
    if iid in alias:
        return None
    for (name,) in conn.execute("SELECT json_extract(json, '$.name') FROM parties WHERE id=?",
                                (iid,)):  # fmt: skip
        return str(name)
    return None
