"""Per-edge attributes of the column graph, written at load beside the edge arrays.

A class question about an issuer held by thousands (:mod:`queries.control_class`) and the
stated groups (:mod:`queries.control_groups`) need a few fields of every holding and link
of their scope; reading them from the rows' JSON costs a parse per row (at 1M parties the
most-held class reads 17.6k holdings and 48.5k links). The load writes them once, aligned
with ``edge_src`` (one entry per edge, holdings and links alike):

* ``edge_shares`` (float64): a holding's ``shares``, NaN when unknown (and for a link);
* ``edge_flags`` (int8), bits: :data:`DERIVATIVE`, :data:`RIGHT` (``right_to_acquire``),
  :data:`SPLIT` (any of the holder's own rows 7-10 filed) for a holding; for a
  ``controls`` link :data:`APART` (``voting``, ``investment`` or ``passes`` stated: the
  powers may take different steps), :data:`PASS_VOTING` and :data:`PASS_INVESTMENT` (what
  :func:`graph.model.link_passes` gives); 0 for any other link.

The values are read with the same ``json_extract`` the questions used, so an answer from
the arrays equals one from the rows. A generation written before these arrays has none:
:meth:`graph.columns.Columns.has_attrs` says so and the questions read the rows as before;
the next load writes them.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

#: The two optional arrays.
NAMES = ("edge_shares", "edge_flags")
DERIVATIVE, RIGHT, SPLIT = 1, 2, 4
APART, PASS_VOTING, PASS_INVESTMENT = 8, 16, 32
_BOTH = PASS_VOTING | PASS_INVESTMENT

#: A holding's ``shares`` and flags (two columns), computed by SQLite from its row.
HOLDING_FIELDS = (
    "json_extract(json, '$.shares'),"
    " (CASE WHEN json_extract(json, '$.derivative') THEN 1 ELSE 0 END)"
    " | (CASE WHEN json_extract(json, '$.right_to_acquire') THEN 2 ELSE 0 END)"
    " | (CASE WHEN json_extract(json, '$.sole_voting') IS NOT NULL"
    " OR json_extract(json, '$.shared_voting') IS NOT NULL"
    " OR json_extract(json, '$.sole_dispositive') IS NOT NULL"
    " OR json_extract(json, '$.shared_dispositive') IS NOT NULL THEN 4 ELSE 0 END)"
)
#: A link's flags (one column): NULL for a ``controls`` link stating its powers apart,
#: whose flags :func:`fill_apart` reads.
LINK_FLAGS = (
    "CASE WHEN kind != 'controls' THEN 0"
    " WHEN json_extract(json, '$.voting') IS NULL AND json_extract(json, '$.investment') IS NULL"
    f" AND coalesce(json_extract(json, '$.passes'), '[]') = '[]' THEN {_BOTH} END"
)
#: The same two for a store whose holdings and links are in :mod:`graph.store_layout`: a
#: bulk row's fields from its stored fragments (it states no powers of its own, no
#: ``voting``, ``investment`` or ``passes``), a document's row from its ``body``.
HOLDING_FIELDS_COMPACT = (
    "CASE WHEN body IS NULL THEN CAST(j_shares AS REAL)"
    " ELSE json_extract(body, '$.shares') END,"
    " CASE WHEN body IS NULL THEN (CASE WHEN j_derivative = 'true' THEN 1 ELSE 0 END)"
    " | (CASE WHEN j_right_to_acquire = 'true' THEN 2 ELSE 0 END)"
    " ELSE " + HOLDING_FIELDS.split("),", 1)[1].replace("(json,", "(body,") + " END"
)
LINK_FLAGS_COMPACT = (
    f"CASE WHEN kind != 'controls' THEN 0 WHEN body IS NULL THEN {_BOTH}"
    + LINK_FLAGS.split("THEN 0", 1)[1].replace("(json,", "(body,")
)


def fields(c: sqlite3.Connection) -> tuple[str, str]:
    """(:data:`HOLDING_FIELDS`, :data:`LINK_FLAGS`) for the store of ``c`` (their compact
    forms where its rows are in :mod:`graph.store_layout`)."""
    from ownergraph.graph.store_layout import compact

    if compact(c):
        return HOLDING_FIELDS_COMPACT, LINK_FLAGS_COMPACT
    return HOLDING_FIELDS, LINK_FLAGS


#: The fields :func:`passes` reads.
LINK_FIELDS = (
    "json_extract(json, '$.power'), json_extract(json, '$.voting'),"
    " json_extract(json, '$.investment'), json_extract(json, '$.passes')"
)


def passes(power: Any, voting: Any, investment: Any, passes_json: Any) -> tuple[bool, bool]:
    """(voting, investment) a link passes, from its :data:`LINK_FIELDS`, as
    :func:`graph.model.link_passes` reads the record."""
    got = json.loads(passes_json) if passes_json else []
    if got:
        return "voting" in got, "investment" in got
    if power is None:
        if voting is not None and investment is None:
            return True, False
        if investment is not None and voting is None:
            return False, True
    return True, True


def fill_apart(c: sqlite3.Connection, flags: list[Any], rowids: list[int]) -> None:
    """Set the flags of the links left NULL by :data:`LINK_FLAGS` (their powers stated
    apart): ``flags[k]`` is the link of rowid ``rowids[k]``."""
    todo = {r: k for k, (r, f) in enumerate(zip(rowids, flags, strict=True)) if f is None}
    keys = sorted(todo)
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        q = ",".join("?" * len(chunk))
        for r, *fields in c.execute(
            f"SELECT rowid, {LINK_FIELDS} FROM links WHERE rowid IN ({q})",  # noqa: S608 - placeholders
            chunk,
        ):
            v, i_ = passes(*fields)
            flags[todo[r]] = APART | (PASS_VOTING if v else 0) | (PASS_INVESTMENT if i_ else 0)
