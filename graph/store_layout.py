"""The row layout of ``holdings`` and ``links``: a bulk row keeps only what is not derivable.

A store's readers select ``json`` (the record as :func:`graph.store._dumps` writes it) and the
key columns. In a store created with this layout (``body`` among the tables' columns) the
``json`` of these two tables is a generated column (``VIRTUAL``: computed when read, never
stored):

* a record loaded from a document keeps its whole JSON in ``body``;
* a row of a tabular bulk load (:mod:`graph.bulk`) leaves ``body`` NULL and stores the JSON
  fragments of its few variable fields (``j_*``, each NULL for JSON ``null``) and its line
  number (``x_line``); ``json`` is the record's template (:mod:`graph.bulk_json`) with the
  key columns and those fragments in its slots, written as the SQL expression of the
  column. So it is byte for byte what the per-document path writes for the same record
  (``tests/test_bulk_load.py`` compares them), and SQL over it (``json_extract(json, ...)``)
  reads the same values.

A bulk row is about a quarter of its JSON (no repeated field names, nulls, ids or path
twice), which is most of the store of a large load. A store created before this layout
keeps its stored ``json`` column: :func:`compact` tells the writers which rows to write.
Generated columns need SQLite 3.31 (2020): with an older SQLite a new store gets the
stored-``json`` tables (:data:`LEGACY_SCHEMA`), and a store in this layout cannot be opened
(a :class:`graph.errors.StoreError` says so).
"""

from __future__ import annotations

import sqlite3

from ownergraph.graph.bulk_json import Template
from ownergraph.graph.model import Holding, Link, Provenance
from ownergraph.graph.vocab import SourceFormat


def _prov(prefix: str) -> Provenance:
    s = Template.slot
    return Provenance(
        path=s(prefix + "path"),
        format=SourceFormat.TABULAR,
        document_id=s(prefix + "doc"),
        xpath=s(prefix + "xpath"),
        phrase=s(prefix + "phrase") if prefix == "e" else None,
    )


#: The JSON of a bulk load's holding and link (slots: the fields a row of edges.csv sets).
HOLDING = Template(
    Holding,
    id=...,
    document_id=...,
    holder_id=...,
    security_id=...,
    instrument=...,
    shares=...,
    as_of=...,
    right_to_acquire=...,
    derivative=...,
    provenance=(_prov("e"),),
)
LINK = Template(
    Link,
    id=...,
    document_id=...,
    kind=...,
    controller_id=...,
    controlled_id=...,
    role=...,
    power=...,
    share=...,
    as_of=...,
    provenance=(_prov("e"),),
)

#: The stored fragment columns of a bulk row, in the order the bulk rows give them (after
#: the key columns): holdings, then links. ``x_line`` is an integer; the rest JSON text.
HOLDING_FRAGMENTS = (
    "j_as_of",
    "j_derivative",
    "j_instrument",
    "j_path",
    "j_phrase",
    "x_line",
    "j_right_to_acquire",
    "j_shares",
)
LINK_FRAGMENTS = ("j_as_of", "j_power", "j_path", "j_phrase", "x_line", "j_role", "j_share")

#: A slot filled from a key column (ids are ``prefix:hex``: no JSON escaping needed).
_KEY_SLOTS = {
    "id": "id",
    "document_id": "document_id",
    "edoc": "document_id",
    "holder_id": "holder_id",
    "security_id": "security_id",
    "controller_id": "controller_id",
    "controlled_id": "controlled_id",
    "kind": "kind",
}
#: A slot filled from a stored fragment.
_FRAGMENT_SLOTS = {
    "as_of": "j_as_of",
    "derivative": "j_derivative",
    "instrument": "j_instrument",
    "epath": "j_path",
    "ephrase": "j_phrase",
    "right_to_acquire": "j_right_to_acquire",
    "shares": "j_shares",
    "power": "j_power",
    "role": "j_role",
    "share": "j_share",
}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def expression(template: Template) -> str:
    r"""The SQL expression of ``template``'s JSON from a bulk row's columns.

    >>> from ownergraph.graph.model import Security
    >>> expression(Template(Security, id=..., issuer_id="p1", title="T"))[:30]
    '\'{"cusip":null,"id":\'||\'"\'||id'
    """
    consts = template._fmt.replace("%%", "\x00").split("%s")
    parts = [_literal(consts[0].replace("\x00", "%"))]
    for slot, const in zip(template.slots, consts[1:], strict=True):
        if slot in _KEY_SLOTS:
            parts.append(f"'\"'||{_KEY_SLOTS[slot]}||'\"'")
        elif slot == "expath":
            parts.append("'\"line '||x_line||'\"'")
        elif slot in _FRAGMENT_SLOTS:
            parts.append(f"coalesce({_FRAGMENT_SLOTS[slot]},'null')")
        else:  # pragma: no cover - a template slot without a column
            raise ValueError(f"graph.store_layout: no column for the slot {slot!r}")
        parts.append(_literal(const.replace("\x00", "%")))
    return "||".join(p for p in parts if p != "''")


def _fragments(names: tuple[str, ...]) -> str:
    return "".join(f", {n} {'INTEGER' if n == 'x_line' else 'TEXT'}" for n in names)


#: The two tables as a store created before this layout has them (and a new store where
#: SQLite is older than 3.31, which has no generated columns).
LEGACY_SCHEMA = """
CREATE TABLE IF NOT EXISTS holdings (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL, holder_id TEXT NOT NULL,
    security_id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS links (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL, kind TEXT NOT NULL,
    controller_id TEXT NOT NULL, controlled_id TEXT NOT NULL, seq INTEGER NOT NULL,
    json TEXT NOT NULL);
"""

#: The two tables in this layout (``json``: the body, else the template filled).
COMPACT_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS holdings (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL, holder_id TEXT NOT NULL,
    security_id TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT{_fragments(HOLDING_FRAGMENTS)},
    json TEXT NOT NULL GENERATED ALWAYS AS (coalesce(body, {expression(HOLDING)})) VIRTUAL);
CREATE TABLE IF NOT EXISTS links (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL, kind TEXT NOT NULL,
    controller_id TEXT NOT NULL, controlled_id TEXT NOT NULL, seq INTEGER NOT NULL,
    body TEXT{_fragments(LINK_FRAGMENTS)},
    json TEXT NOT NULL GENERATED ALWAYS AS (coalesce(body, {expression(LINK)})) VIRTUAL);
"""
#: The tables a new store gets.
SCHEMA = COMPACT_SCHEMA if sqlite3.sqlite_version_info >= (3, 31, 0) else LEGACY_SCHEMA

#: The INSERT of a bulk row in this layout: the key columns, ``seq``, then the fragments.
INSERT_HOLDINGS = (
    "INSERT OR REPLACE INTO holdings(id, document_id, holder_id, security_id, seq, j_as_of,"
    " j_derivative, j_instrument, j_path, j_phrase, x_line, j_right_to_acquire, j_shares)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
INSERT_LINKS = (
    "INSERT OR REPLACE INTO links(id, document_id, kind, controller_id, controlled_id, seq,"
    " j_as_of, j_power, j_path, j_phrase, x_line, j_role, j_share)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
if not (", ".join(HOLDING_FRAGMENTS) in INSERT_HOLDINGS.replace("\n", "")
        and ", ".join(LINK_FRAGMENTS) in INSERT_LINKS):  # pragma: no cover  # fmt: skip
    raise ImportError("graph.store_layout: the INSERTs do not name the fragment columns")


def compact(c: sqlite3.Connection) -> bool:
    """Whether the store's ``holdings`` and ``links`` are in this layout (else ``json`` is
    a stored column that every writer fills)."""
    return all(
        any(r[1] == "body" for r in c.execute(f"PRAGMA table_xinfo({t})"))  # noqa: S608
        for t in ("holdings", "links")
    )


#: The INSERTs of a record's whole JSON (``body``; ``json`` in a store without this layout).
_RECORD_INSERTS = {
    True: (
        "INSERT OR REPLACE INTO holdings(id, document_id, holder_id, security_id, seq, body)"
        " VALUES (?,?,?,?,?,?)",
        "INSERT OR REPLACE INTO links(id, document_id, kind, controller_id, controlled_id,"
        " seq, body) VALUES (?,?,?,?,?,?,?)",
    ),
    False: (
        "INSERT OR REPLACE INTO holdings(id, document_id, holder_id, security_id, seq, json)"
        " VALUES (?,?,?,?,?,?)",
        "INSERT OR REPLACE INTO links(id, document_id, kind, controller_id, controlled_id,"
        " seq, json) VALUES (?,?,?,?,?,?,?)",
    ),
}


def record_inserts(c: sqlite3.Connection) -> tuple[str, str]:
    """The INSERTs of whole records (holdings, links) for the store of ``c``: each takes
    the key columns, ``seq`` and the record's JSON."""
    return _RECORD_INSERTS[compact(c)]


def _n(value: str) -> str | None:
    return None if value == "null" else value


def holding_row(row: tuple) -> tuple:
    """A bulk holding row (keys, ``seq``, fragments) as the stored-JSON layout's row."""
    hid, doc, src, dst, seq, as_of, der, instr, path, phrase, line, rta, shares = row
    jdoc = f'"{doc}"'
    body = HOLDING.render_tuple(
        (as_of or "null", der or "null", jdoc, f'"{src}"', f'"{hid}"', instr or "null", jdoc,
         path or "null", phrase or "null", f'"line {line}"', rta or "null", f'"{dst}"',
         shares or "null")
    )  # fmt: skip
    return (hid, doc, src, dst, seq, body)


def link_row(row: tuple) -> tuple:
    """A bulk link row (keys, ``seq``, fragments) as the stored-JSON layout's row."""
    lid, doc, kind, src, dst, seq, as_of, power, path, phrase, line, role, share = row
    jdoc = f'"{doc}"'
    body = LINK.render_tuple(
        (as_of or "null", f'"{dst}"', f'"{src}"', jdoc, f'"{lid}"', f'"{kind}"',
         power or "null", jdoc, path or "null", phrase or "null", f'"line {line}"',
         role or "null", share or "null")
    )  # fmt: skip
    return (lid, doc, kind, src, dst, seq, body)


# the slot orders the two functions above fill (checked at import)
if HOLDING.slots != (
    "as_of", "derivative", "document_id", "holder_id", "id", "instrument", "edoc", "epath",
    "ephrase", "expath", "right_to_acquire", "security_id", "shares",
) or LINK.slots != (
    "as_of", "controlled_id", "controller_id", "document_id", "id", "kind", "power", "edoc",
    "epath", "ephrase", "expath", "role", "share",
):  # pragma: no cover  # fmt: skip
    raise ImportError("graph.store_layout: the Holding/Link templates changed; update the rows")
