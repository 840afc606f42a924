"""The neo4j-import lines of bulk rows, from their stored columns (no JSON read back).

In a store of the compact layout (:mod:`graph.store_layout`) a row of a tabular bulk load
keeps its key columns and the JSON fragments of its few variable fields; its ``json`` is a
generated column that SQLite assembles from them when read. Reading ``json`` and matching it
whole again (:mod:`queries.neo4j_import_edges`) pays twice for what the columns already say.
Here the record's text is assembled from the same template (:data:`graph.store_layout.HOLDING`,
:data:`~graph.store_layout.LINK`: byte for byte the generated column), its hash taken over it,
and its CSV cells come from the fragments themselves; the cells the template fixes are read
once, from the pattern's match of a probe record (so they follow the model's defaults).

A fragment this module does not recognise as canonical (a date, number or word of another
shape, a path or phrase with an escape, a null where the record needs a value) sends its row
to :func:`queries.neo4j_import_edges.holding_lines` / ``link_lines`` with the assembled text:
the lines are the same either way (``tests/test_neo4j2_bulkrows.py``). Rows loaded from
documents (``body`` set) go there too.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from ownergraph.graph.model import Share
from ownergraph.graph.store_layout import HOLDING, LINK
from ownergraph.queries.neo4j_import_edges import (
    _BHOLDING,
    _BLINK,
    HASH_HEAD,
    _barr,
    _bcell,
    _bytes_pattern,
    _passes,
    holding_lines,
    index,
    link_lines,
)
from ownergraph.queries.neo4j_import_patterns import record_pattern
from ownergraph.queries.neo4j_import_writer import SetWriter

#: The holdings' columns this module reads (``body`` NULL: a bulk row), in this order.
HOLDING_SELECT = (
    "SELECT id, document_id, holder_id, security_id, body, j_as_of, j_derivative,"
    " j_instrument, j_path, j_phrase, x_line, j_right_to_acquire, j_shares FROM holdings"
)
#: The links' columns this module reads, in this order.
LINK_SELECT = (
    "SELECT kind, id, document_id, controller_id, controlled_id, body, j_as_of, j_power,"
    " j_path, j_phrase, x_line, j_role, j_share FROM links"
)

_HOLD_SLOTS = (
    "as_of", "derivative", "document_id", "holder_id", "id", "instrument", "edoc", "epath",
    "ephrase", "expath", "right_to_acquire", "security_id", "shares",
)  # fmt: skip
_LINK_SLOTS = (
    "as_of", "controlled_id", "controller_id", "document_id", "id", "kind", "power", "edoc",
    "epath", "ephrase", "expath", "role", "share",
)  # fmt: skip

_DATE = re.compile(rb'"\d{4}-\d{2}-\d{2}"')
_WORD = re.compile(rb'"[^"\\\x00-\x1f,]*+"')
_FLOAT = re.compile(rb"-?\d+\.\d+(?:e[+-]\d+)?|-?\d+e[+-]\d+")
_BOOLS = frozenset((b"true", b"false"))
_SHARE = _bytes_pattern(record_pattern(Share))
_E = b""


def _fmt(template: object, n: int) -> bytes | None:
    """The template's text as a bytes format with ``n`` ``%s`` (None when its constants hold
    a ``%``: then this module stands aside)."""
    text = template.render_tuple(("%s",) * n).encode()  # type: ignore[attr-defined]
    return text if text.count(b"%") == n else None


def _esc(cell: bytes) -> bytes:
    return cell.replace(b"%", b"%%")


def _hold_setup() -> tuple[bytes, bytes, dict[str, bool]] | None:
    """The record format, the CSV line format (template constants filled in) and the
    constant float columns with a value."""
    fmt = _fmt(HOLDING, len(_HOLD_SLOTS))
    if fmt is None or HOLDING.slots != _HOLD_SLOTS:
        return None
    probe = fmt % (b'"2000-01-01"', b"false", b'"d:1"', b'"p:1"', b'"h:1"', b'"common"',
                   b'"d:1"', b'"x"', b"null", b'"line 1"', b"false", b'"s:1"', b"1.0")  # fmt: skip
    m = _BHOLDING.fullmatch(probe)
    if m is None:
        return None
    g, ix = m.groups(), index(_BHOLDING)
    c = [_esc(g[ix[k]] or _E) for k in ("no_voting", "shared_dispositive", "shared_voting",
                                         "sole_dispositive", "sole_voting")]  # fmt: skip
    line = (
        b"%%s,%%s,HOLDS,%%s,%%s,%%s,%s,%%s,%%s,%%s,%s,%s,\"%%s\",%%s,%s,%s,%%s,%s,%s,%s\n"
        % (_esc(g[ix["direct_or_indirect"]]), _esc(_bcell(g[ix["nature_of_ownership"]])), c[0],
           c[1], c[2], c[3], c[4], _esc(_bcell(g[ix["title"]])))
    )  # fmt: skip
    consts = {
        k: g[ix[k]] is not None
        for k in ("no_voting", "shared_dispositive", "shared_voting", "sole_dispositive",
                  "sole_voting")
    }  # fmt: skip
    return fmt, line, consts


def _link_setup() -> tuple[bytes, bytes, dict[str, bool], bytes, bytes] | None:
    """The record format, the CSV line format, the constant nullable columns with a value
    and the ``passes`` cells of a link without and with a power."""
    fmt = _fmt(LINK, len(_LINK_SLOTS))
    if fmt is None or LINK.slots != _LINK_SLOTS:
        return None
    probe = fmt % (b'"2000-01-01"', b'"p:2"', b'"p:1"', b'"d:1"', b'"l:1"', b'"controls"',
                   b"null", b'"d:1"', b'"x"', b"null", b'"line 1"', b'"other"', b"null")  # fmt: skip
    m = _BLINK.fullmatch(probe)
    if m is None or m["share"] is not None:
        return None
    g, ix = m.groups(), index(_BLINK)
    passes, voting, investment = g[ix["passes"]], g[ix["voting"]], g[ix["investment"]]

    def pa(power: bytes | None) -> bytes:  # as queries.neo4j_import_edges.link_lines
        return _barr(_passes(passes, power, voting, investment))

    pa_none = pa(None)
    pa_some = pa(b'"sole"') if passes else _barr(b'"voting","investment"')
    if g[ix["voting_share"]] is None:
        vmax = vmin = _E
    else:
        vmax, vmin = g[ix["voting_share__maximum"]] or _E, g[ix["voting_share__minimum"]] or _E
    line = (
        b"%%s,%%s,%%s,%%s,%%s,%s,%s,%s,%s,%%s,%s,%%s,%s,%s,%%s,%%s,\"%%s\",%%s,%%s,%%s,%%s,"
        b"%%s,%s,%s,%s,%s\n"
        % (_esc(g[ix["beneficial"]] or _E), _esc(_barr(g[ix["component_ids"]])),
           _esc(_bcell(g[ix["details"]])), _esc(g[ix["direct_or_indirect"]]),
           _esc(g[ix["end_date"]] or _E), _esc(_barr(g[ix["interest_types"]])),
           _esc(investment or _E), _esc(g[ix["start_date"]] or _E), _esc(voting or _E),
           _esc(vmax), _esc(vmin))
    )  # fmt: skip
    consts = {
        "beneficial": g[ix["beneficial"]] is not None,
        "voting_share_max": g[ix["voting_share"]] is not None
        and g[ix["voting_share__maximum"]] is not None,
        "voting_share_min": g[ix["voting_share"]] is not None
        and g[ix["voting_share__minimum"]] is not None,
    }
    return fmt, line, consts, pa_none, pa_some


_HOLD = _hold_setup()
_LINK = _link_setup()
#: Whether the bulk rows can be written from their columns (else the caller reads ``json``).
READY = _HOLD is not None and _LINK is not None


class Cells:
    """Fragments seen before -> their CSV cell (each fragment checked once)."""

    def __init__(self) -> None:
        self.dates: dict[bytes | None, bytes] = {None: _E}
        self.words: dict[bytes, bytes] = {}
        self.powers: dict[bytes | None, bytes] = {None: _E}
        self.shares: dict[bytes, tuple[bytes, bytes, bytes, bytes]] = {}
        self.paths: dict[bytes, bool] = {}

    def date(self, frag: bytes | None) -> bytes | None:
        cell = self.dates.get(frag)
        if cell is None and frag is not None and _DATE.fullmatch(frag):
            cell = self.dates[frag] = frag[1:-1]
        return cell

    def word(self, frag: bytes | None) -> bytes | None:
        if frag is None:
            return None
        cell = self.words.get(frag)
        if cell is None and _WORD.fullmatch(frag):
            cell = self.words[frag] = frag[1:-1]
        return cell

    def power(self, frag: bytes | None) -> bytes | None:
        cell = self.powers.get(frag)
        if cell is None and frag is not None:
            cell = self.word(frag)
            if cell is not None:
                self.powers[frag] = cell
        return cell

    def share(self, frag: bytes) -> tuple[bytes, bytes, bytes, bytes] | None:
        cells = self.shares.get(frag)
        if cells is None:
            m = _SHARE.fullmatch(frag)
            if m is None:
                return None
            cells = self.shares[frag] = (
                m["maximum"] or _E, m["exclusive_maximum"], m["minimum"] or _E,
                m["exclusive_minimum"],
            )  # fmt: skip
        return cells


_STR = re.compile(rb'"[^"\\\x00-\x1f]*+"')


def _plain(paths: dict[bytes, bool], path: bytes | None) -> bool:
    """Whether a provenance path is as the pattern reads it (a string with no escape, no
    control character); ``paths`` remembers the paths checked (a load has one)."""
    if path is None:
        return False
    ok = paths.get(path)
    if ok is None:
        ok = paths[path] = _STR.fullmatch(path) is not None
    return ok


def bulk_holding_lines(
    rows: list[tuple],
    out: SetWriter,
    alias: dict[bytes, bytes],
    defer: Callable[[bytes, bytes], bool] | None,
    deferred: list[bytes],
    cells: Cells,
) -> list[bytes]:
    """:func:`queries.neo4j_import_edges.holding_lines` of rows of :data:`HOLDING_SELECT`
    (UTF-8 bytes): the same lines, the same ids returned for the slow way."""
    assert _HOLD is not None  # noqa: S101 - callers check READY
    fmt, line, consts = _HOLD
    sha1 = hashlib.sha1
    head = HASH_HEAD
    date, word = cells.date, cells.word
    paths, plain = cells.paths, _STR.fullmatch
    bools, float_ = _BOOLS, _FLOAT.fullmatch
    lines: list[bytes] = []
    other: list[tuple[bytes, bytes]] = []
    shares_seen = False
    n = 0
    for hid, doc, holder, sec, body, as_of, der, ins, path, phrase, x, rta, shares in rows:
        if body is not None:
            other.append((hid, body))
            continue
        jdoc = b'"%s"' % doc
        asof_cell, ins_cell = date(as_of), word(ins)
        if (
            asof_cell is None
            or ins_cell is None
            or der not in bools
            or rta not in bools
            or (paths.get(path) is not True and not _plain(paths, path))
            or (phrase is not None and plain(phrase) is None)
            or (shares is not None and float_(shares) is None)
        ):
            other.append((hid, fmt % (as_of or b"null", der or b"null", jdoc, b'"%s"' % holder,
                                      b'"%s"' % hid, ins or b"null", jdoc, path or b"null",
                                      phrase or b"null", b'"line %d"' % x, rta or b"null",
                                      b'"%s"' % sec, shares or b"null")))  # fmt: skip
            continue
        if defer is not None and defer(holder, sec):
            deferred.append(hid)
            continue
        holder = alias.get(holder, holder)
        t = fmt % (as_of or b"null", der, jdoc, b'"%s"' % holder, b'"%s"' % hid, ins, jdoc, path,
                   phrase or b"null", b'"line %d"' % x, rta, b'"%s"' % sec, shares or b"null")  # fmt: skip
        if shares is not None:
            shares_seen = True
        n += 1
        digest = sha1(b"%s%s\x1f%s\x1f%s" % (head, holder, sec, t)).hexdigest().encode()
        lines.append(
            line % (holder, sec, hid, asof_cell, der, doc, digest, ins_cell,
                    t.replace(b'"', b'""'), rta, shares or _E)
        )  # fmt: skip
    if n:
        for k, has in consts.items():
            if has:
                out.present.add(k)
        if shares_seen:
            out.present.add("shares")
    out.blines(lines)
    if not other:
        return []
    return holding_lines(other, out, alias, defer, deferred)


def bulk_link_lines(
    rows: list[tuple],
    rel_type: bytes,
    out: SetWriter,
    alias: dict[bytes, bytes],
    *,
    drop_loops: bool,
    cells: Cells,
) -> list[bytes]:
    """:func:`queries.neo4j_import_edges.link_lines` of rows of :data:`LINK_SELECT` of one
    kind (UTF-8 bytes): the same lines, the same ids returned for the slow way."""
    assert _LINK is not None  # noqa: S101 - callers check READY
    fmt, line, consts, pa_none, pa_some = _LINK
    sha1 = hashlib.sha1
    head = HASH_HEAD
    date, word, power_of, share_of = cells.date, cells.word, cells.power, cells.share
    paths, plain = cells.paths, _STR.fullmatch
    no_share = (_E, _E, _E, _E)
    lines: list[bytes] = []
    other: list[tuple[bytes, bytes]] = []
    seen_share = seen_max = seen_min = False
    n = 0
    for kind, lid, doc, a, b, body, as_of, power, path, phrase, x, role, share in rows:
        if body is not None:
            other.append((lid, body))
            continue
        jdoc = b'"%s"' % doc
        asof_cell, power_cell, role_cell = date(as_of), power_of(power), word(role)
        share_cells = no_share if share is None else share_of(share)
        if (
            asof_cell is None
            or power_cell is None
            or role_cell is None
            or share_cells is None
            or (paths.get(path) is not True and not _plain(paths, path))
            or (phrase is not None and plain(phrase) is None)
        ):
            other.append((lid, fmt % (as_of or b"null", b'"%s"' % b, b'"%s"' % a, jdoc,
                                      b'"%s"' % lid, b'"%s"' % kind, power or b"null", jdoc,
                                      path or b"null", phrase or b"null", b'"line %d"' % x,
                                      role or b"null", share or b"null")))  # fmt: skip
            continue
        a = alias.get(a, a)
        b = alias.get(b, b)
        if a == b and drop_loops:
            continue
        t = fmt % (as_of or b"null", b'"%s"' % b, b'"%s"' % a, jdoc, b'"%s"' % lid,
                   b'"%s"' % kind, power or b"null", jdoc, path, phrase or b"null",
                   b'"line %d"' % x, role, share or b"null")  # fmt: skip
        n += 1
        if share is not None:
            seen_share = True
            seen_max = seen_max or bool(share_cells[0])
            seen_min = seen_min or bool(share_cells[2])
        digest = sha1(b"%s%s\x1f%s\x1f%s" % (head, a, b, t)).hexdigest().encode()
        lines.append(
            line % (a, b, rel_type, lid, asof_cell, doc, digest,
                    pa_none if power is None else pa_some, power_cell, t.replace(b'"', b'""'),
                    role_cell, *share_cells)
        )  # fmt: skip
    if n:
        for k, has in consts.items():
            if has:
                out.present.add(k)
        if seen_share:
            out.present.update(("share_max_exclusive", "share_min_exclusive"))
        if seen_max:
            out.present.add("share_max")
        if seen_min:
            out.present.add("share_min")
    out.blines(lines)
    if not other:
        return []
    return link_lines(other, rel_type, out, alias, drop_loops=drop_loops)
