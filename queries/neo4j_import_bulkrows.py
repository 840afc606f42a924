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
        #: a holding's or link's fixed fragments -> its two formats (:func:`_hold_combo`,
        #: :func:`_link_combo`), or None when they are not canonical
        self.combos: dict[tuple, tuple[bytes, bytes] | None] = {}
        #: a link's share fragment -> the same with its quotes doubled (for the record cell)
        self.quoted: dict[bytes | None, bytes] = {None: b"null"}

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


#: Stand-ins for a row's own values while a combination's formats are made: 0xff is no
#: byte of UTF-8 text, so no fragment holds one.
_STAND = b"\xff%d\xff"


def _format(text: bytes, slots: list[tuple[bytes, bytes]]) -> bytes | None:
    """``text`` as a bytes format: its ``%`` escaped, each stand-in of ``slots`` (in the
    order they stand in the text, each once) turned into its conversion (``s``, ``d``)."""
    out, pos = _esc(text), -1
    for stand, conv in slots:
        if out.count(stand) != 1 or out.index(stand) < pos:
            return None
        pos = out.index(stand)
        out = out.replace(stand, b"%" + conv)
    return out


def _stands(n: int, first: int = 0) -> list[bytes]:
    return [_STAND % i for i in range(first, first + n)]


def _hold_line(fmt: bytes, line: bytes, asof_cell: bytes, ins_cell: bytes, row: tuple) -> tuple[bytes, bytes]:  # fmt: skip
    """A canonical bulk holding's record text and CSV line, value by value (the reference
    of :func:`_hold_combo`'s formats; the way for a row whose ids hold a quote)."""
    hid, doc, holder, sec, as_of, der, ins, path, phrase, x, rta, shares = row
    jdoc = b'"%s"' % doc
    t = fmt % (as_of or b"null", der, jdoc, b'"%s"' % holder, b'"%s"' % hid, ins, jdoc, path,
               phrase or b"null", b'"line %d"' % x, rta, b'"%s"' % sec, shares or b"null")  # fmt: skip
    digest = hashlib.sha1(b"%s%s\x1f%s\x1f%s" % (HASH_HEAD, holder, sec, t)).hexdigest().encode()
    return t, line % (holder, sec, hid, asof_cell, der, doc, digest, ins_cell,
                      t.replace(b'"', b'""'), rta, shares or _E)  # fmt: skip


def _hold_combo(key: tuple, cells: Cells) -> tuple[bytes, bytes] | None:
    """The hash payload's and the CSV line's formats of the bulk holdings sharing ``key``
    (document, as of, derivative, instrument, path, phrase, right to acquire): their own
    values left as slots (holder, class and row id, line number, shares), the quotes of the
    record cell doubled in the format (the ids hold none), so a row costs two ``%`` and a
    hash. None when a fragment is not canonical (the row goes the pattern's way) or the
    formats do not give the lines :func:`_hold_line` gives."""
    assert _HOLD is not None  # noqa: S101 - callers check READY
    fmt, line, _ = _HOLD
    doc, as_of, der, ins, path, phrase, rta = key
    asof_cell, ins_cell = cells.date(as_of), cells.word(ins)
    if (
        asof_cell is None
        or ins_cell is None
        or der not in _BOOLS
        or rta not in _BOOLS
        or not _plain(cells.paths, path)
        or (phrase is not None and _STR.fullmatch(phrase) is None)
        or b"\xff" in doc
    ):
        return None
    t0, t1, t2, t3, t4 = _stands(5)  # holder, row id, line number, class, shares
    p0, p1 = _stands(2, 5)
    l0, l1, l2, l3, l4 = _stands(5, 7)
    jdoc = b'"%s"' % doc
    t = fmt % (as_of or b"null", der, jdoc, b'"%s"' % t0, b'"%s"' % t1, ins, jdoc, path,
               phrase or b"null", b'"line %s"' % t2, rta, b'"%s"' % t3, t4)  # fmt: skip
    in_t = [(t0, b"s"), (t1, b"s"), (t2, b"d"), (t3, b"s"), (t4, b"s")]
    pf = _format(b"%s%s\x1f%s\x1f%s" % (HASH_HEAD, p0, p1, t), [(p0, b"s"), (p1, b"s"), *in_t])
    lf = _format(
        line % (l0, l1, l2, asof_cell, der, doc, l3, ins_cell, t.replace(b'"', b'""'), rta, l4),
        [(l0, b"s"), (l1, b"s"), (l2, b"s"), (l3, b"s"), *in_t, (l4, b"s")],
    )
    if pf is None or lf is None:
        return None
    for shares in (b"1500.0", None):  # the formats give the reference's lines
        row = (b"holding:1", doc, b"party:1", b"security:1", as_of, der, ins, path, phrase, 7,
               rta, shares)  # fmt: skip
        t, want = _hold_line(fmt, line, asof_cell, ins_cell, row)
        sh = shares or b"null"
        payload = pf % (b"party:1", b"security:1", b"party:1", b"holding:1", 7, b"security:1", sh)
        digest = hashlib.sha1(payload).hexdigest().encode()
        got = lf % (b"party:1", b"security:1", b"holding:1", digest, b"party:1", b"holding:1", 7,
                    b"security:1", sh, shares or _E)  # fmt: skip
        if got != want or payload != b"%sparty:1\x1fsecurity:1\x1f%s" % (HASH_HEAD, t):
            return None
    return pf, lf


def bulk_holding_lines(
    rows: list[tuple],
    out: SetWriter,
    alias: dict[bytes, bytes],
    defer: Callable[[bytes, bytes], bool] | None,
    deferred: list[bytes],
    cells: Cells,
) -> list[bytes]:
    """:func:`queries.neo4j_import_edges.holding_lines` of rows of :data:`HOLDING_SELECT`
    (UTF-8 bytes): the same lines, the same ids returned for the slow way. The rows sharing
    their fixed fragments share formats (:func:`_hold_combo`, made once)."""
    assert _HOLD is not None  # noqa: S101 - callers check READY
    fmt, line, consts = _HOLD
    sha1 = hashlib.sha1
    combos, float_ = cells.combos, _FLOAT.fullmatch
    lines: list[bytes] = []
    other: list[tuple[bytes, bytes]] = []
    shares_seen = False
    n = 0
    for hid, doc, holder, sec, body, as_of, der, ins, path, phrase, x, rta, shares in rows:
        if body is not None:
            other.append((hid, body))
            continue
        key = (doc, as_of, der, ins, path, phrase, rta)
        f = combos.get(key, 0)
        if f == 0:
            f = combos[key] = _hold_combo(key, cells)
        if f is None or (shares is not None and float_(shares) is None):
            jdoc = b'"%s"' % doc
            other.append((hid, fmt % (as_of or b"null", der or b"null", jdoc, b'"%s"' % holder,
                                      b'"%s"' % hid, ins or b"null", jdoc, path or b"null",
                                      phrase or b"null", b'"line %d"' % x, rta or b"null",
                                      b'"%s"' % sec, shares or b"null")))  # fmt: skip
            continue
        if defer is not None and defer(holder, sec):
            deferred.append(hid)
            continue
        holder = alias.get(holder, holder)
        if shares is not None:
            shares_seen = True
        n += 1
        if b'"' in holder or b'"' in hid or b'"' in sec:  # a quote the format would not double
            row = (hid, doc, holder, sec, as_of, der, ins, path, phrase, x, rta, shares)
            lines.append(_hold_line(fmt, line, cells.date(as_of), cells.word(ins), row)[1])  # type: ignore[arg-type]
            continue
        pf, lf = f
        sh = shares or b"null"
        digest = sha1(pf % (holder, sec, holder, hid, x, sec, sh)).hexdigest().encode()
        lines.append(lf % (holder, sec, hid, digest, holder, hid, x, sec, sh, shares or _E))
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


def _link_line(
    fmt: bytes, line: bytes, cells: tuple[bytes, ...], row: tuple
) -> tuple[bytes, bytes]:
    """A canonical bulk link's record text and CSV line, value by value (the reference of
    :func:`_link_combo`'s formats; the way for a row whose ids hold a quote). ``cells``: the
    relationship type, as-of, ``passes``, power and role cells and the four share cells."""
    rel_type, asof_cell, pa, power_cell, role_cell, *share_cells = cells
    kind, lid, doc, a, b, as_of, power, path, phrase, x, role, share = row
    jdoc = b'"%s"' % doc
    t = fmt % (as_of or b"null", b'"%s"' % b, b'"%s"' % a, jdoc, b'"%s"' % lid, b'"%s"' % kind,
               power or b"null", jdoc, path, phrase or b"null", b'"line %d"' % x, role,
               share or b"null")  # fmt: skip
    digest = hashlib.sha1(b"%s%s\x1f%s\x1f%s" % (HASH_HEAD, a, b, t)).hexdigest().encode()
    return t, line % (a, b, rel_type, lid, asof_cell, doc, digest, pa, power_cell,
                      t.replace(b'"', b'""'), role_cell, *share_cells)  # fmt: skip


def _link_combo(key: tuple, cells: Cells) -> tuple[bytes, bytes] | None:
    """:func:`_hold_combo` for the bulk links sharing ``key`` (relationship type, kind,
    document, as of, power, path, phrase, role); slots: the ends, row id, line number, share
    (in the line with its quotes doubled) and its four cells."""
    assert _LINK is not None  # noqa: S101 - callers check READY
    fmt, line, _consts, pa_none, pa_some = _LINK
    rel_type, kind, doc, as_of, power, path, phrase, role = key
    asof_cell, power_cell, role_cell = cells.date(as_of), cells.power(power), cells.word(role)
    if (
        asof_cell is None
        or power_cell is None
        or role_cell is None
        or not _plain(cells.paths, path)
        or (phrase is not None and _STR.fullmatch(phrase) is None)
        or b"\xff" in doc + kind + rel_type
    ):
        return None
    t0, t1, t2, t3, t4 = _stands(5)  # controlled, controller, row id, line number, share
    p0, p1 = _stands(2, 5)
    l0, l1, l2, l3, s0, s1, s2, s3 = _stands(8, 7)
    jdoc = b'"%s"' % doc
    t = fmt % (as_of or b"null", b'"%s"' % t0, b'"%s"' % t1, jdoc, b'"%s"' % t2, b'"%s"' % kind,
               power or b"null", jdoc, path, phrase or b"null", b'"line %s"' % t3, role, t4)  # fmt: skip
    in_t = [(t0, b"s"), (t1, b"s"), (t2, b"s"), (t3, b"d"), (t4, b"s")]
    pa = pa_none if power is None else pa_some
    pf = _format(b"%s%s\x1f%s\x1f%s" % (HASH_HEAD, p0, p1, t), [(p0, b"s"), (p1, b"s"), *in_t])
    text = line % (l0, l1, rel_type, l2, asof_cell, doc, l3, pa, power_cell,
                   t.replace(b'"', b'""'), role_cell, s0, s1, s2, s3)  # fmt: skip
    ends = [(l0, b"s"), (l1, b"s"), (l2, b"s"), (l3, b"s")]
    lf = _format(text, [*ends, *in_t, *((s, b"s") for s in (s0, s1, s2, s3))])
    if pf is None or lf is None:
        return None
    ref = (rel_type, asof_cell, pa, power_cell, role_cell)
    for share, sc in ((b'{"maximum":5.0}', (b"5.0", b"false", b"1", b"true")), (None, (_E,) * 4)):
        row = (kind, b"link:1", doc, b"party:1", b"party:2", as_of, power, path, phrase, 7,
               role, share)  # fmt: skip
        t, want = _link_line(fmt, line, (*ref, *sc), row)
        sh = share or b"null"
        payload = pf % (b"party:1", b"party:2", b"party:2", b"party:1", b"link:1", 7, sh)
        digest = hashlib.sha1(payload).hexdigest().encode()
        got = lf % (b"party:1", b"party:2", b"link:1", digest, b"party:2", b"party:1", b"link:1",
                    7, sh.replace(b'"', b'""'), *sc)  # fmt: skip
        if got != want or payload != b"%sparty:1\x1fparty:2\x1f%s" % (HASH_HEAD, t):
            return None
    return pf, lf


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
    kind (UTF-8 bytes): the same lines, the same ids returned for the slow way. The rows
    sharing their fixed fragments share formats (:func:`_link_combo`, made once)."""
    assert _LINK is not None  # noqa: S101 - callers check READY
    fmt, line, consts, pa_none, pa_some = _LINK
    sha1 = hashlib.sha1
    share_of, combos, quoted = cells.share, cells.combos, cells.quoted
    no_share = (_E, _E, _E, _E)
    lines: list[bytes] = []
    other: list[tuple[bytes, bytes]] = []
    seen_share = seen_max = seen_min = False
    n = 0
    for kind, lid, doc, a, b, body, as_of, power, path, phrase, x, role, share in rows:
        if body is not None:
            other.append((lid, body))
            continue
        key = (rel_type, kind, doc, as_of, power, path, phrase, role)
        f = combos.get(key, 0)
        if f == 0:
            f = combos[key] = _link_combo(key, cells)
        share_cells = no_share if share is None else share_of(share)
        if f is None or share_cells is None:
            jdoc = b'"%s"' % doc
            other.append((lid, fmt % (as_of or b"null", b'"%s"' % b, b'"%s"' % a, jdoc,
                                      b'"%s"' % lid, b'"%s"' % kind, power or b"null", jdoc,
                                      path or b"null", phrase or b"null", b'"line %d"' % x,
                                      role or b"null", share or b"null")))  # fmt: skip
            continue
        a = alias.get(a, a)
        b = alias.get(b, b)
        if a == b and drop_loops:
            continue
        n += 1
        if share is not None:
            seen_share = True
            seen_max = seen_max or bool(share_cells[0])
            seen_min = seen_min or bool(share_cells[2])
        if b'"' in a or b'"' in b or b'"' in lid:  # a quote the format would not double
            ref = (rel_type, cells.date(as_of), pa_none if power is None else pa_some,
                   cells.power(power), cells.word(role), *share_cells)  # fmt: skip
            row = (kind, lid, doc, a, b, as_of, power, path, phrase, x, role, share)
            lines.append(_link_line(fmt, line, ref, row)[1])  # type: ignore[arg-type]
            continue
        pf, lf = f
        sq = quoted.get(share)
        if sq is None:
            sq = quoted[share] = share.replace(b'"', b'""')
        digest = sha1(pf % (a, b, b, a, lid, x, share or b"null")).hexdigest().encode()
        s0, s1, s2, s3 = share_cells
        lines.append(lf % (a, b, lid, digest, b, a, lid, x, sq, s0, s1, s2, s3))
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
