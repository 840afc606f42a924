"""Safe XML for every XML loader (13D/G XML, Forms 3/4/5, GLEIF): parse, navigate, place.

Choices:

- **No entities, ever.** A document whose DOCTYPE declares any entity (internal or external)
  is refused with :class:`graph.errors.InputError` *before* it is parsed, so an
  entity-expansion bomb ("billion laughs") or an external entity (XXE) is never expanded
  nor fetched. The parse itself then runs with lxml's hardened settings
  (``resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False``) and the
  tree is checked again (a declared entity or an unresolved entity reference left in the
  tree is refused too), which also covers encodings the byte pre-scan cannot read.
- **Malformed XML** becomes ``InputError(path, "line L, column C", reason)``.
- **Wrong root**: :func:`parse_xml` takes the accepted root local names; anything else is
  an ``InputError`` naming the root found.
- **Namespaces are ignored for navigation**: EDGAR files come with a default namespace
  or with prefixes (``sch:edgarSubmission``), so :func:`child`, :func:`children`,
  :func:`text_at` match on local names.
- **Places** are readable XPaths of local names with 1-based positions where a name
  repeats (``/edgarSubmission/formData/reportingPersons/reportingPersonInfo[3]/soleVotingPower``),
  plus the source line: that is what :func:`place` returns for error messages and
  provenance.

>>> root = parse_xml(b"<a xmlns='urn:x'><b>1</b><b> 2 </b></a>", path="t.xml", roots=("a",))
>>> [text(b) for b in children(root, "b")]
['1', '2']
>>> xpath_of(children(root, "b")[1])
'/a/b[2]'
>>> sniff_root(b'<?xml version="1.0"?>\\n<!-- c --><sch:edgarSubmission xmlns:sch="x">')
'edgarSubmission'
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable

from lxml import etree

from ownergraph.graph.clean import clean_name, parse_date, parse_percent, parse_shares
from ownergraph.graph.errors import InputError

__all__ = [
    "child",
    "children",
    "date_at",
    "local_name",
    "name_at",
    "number_at",
    "parse_xml",
    "percent_at",
    "place",
    "sniff_root",
    "text",
    "text_at",
    "xpath_of",
]

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_PROLOG_SKIP = re.compile(
    rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]*\[.*?\])?[^>]*>)", re.DOTALL | re.IGNORECASE
)
_ROOT_TAG = re.compile(rb"\s*<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
        remove_comments=False,
        recover=False,
    )


def _line_col(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {col}"


def parse_xml(data: bytes, *, path: str, roots: Iterable[str] | None = None) -> etree._Element:
    """Parse XML bytes safely and return the root element.

    Rule: entities are refused, never expanded (see module docstring); malformed XML,
    a refused entity and a root outside ``roots`` each raise
    :class:`~graph.errors.InputError` with the file and the place.

    >>> parse_xml(b"<r><x/></r>", path="ok.xml").tag
    'r'
    >>> parse_xml(b"<r><x></r>", path="bad.xml")
    Traceback (most recent call last):
    ...
    ownergraph.graph.errors.InputError: bad.xml: line 1, column 11: malformed XML: Opening and ending tag mismatch: x line 1 and r
    """
    lead = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if lead.startswith(b"<?xml") and not data.startswith(b"<?xml"):
        data = data.lstrip(b"\xef\xbb\xbf \t\r\n")  # whitespace or a BOM before <?xml
    m = _ENTITY_DECL.search(data)
    if m:
        raise InputError(
            path,
            _line_col(data, m.start()),
            "XML declares an entity (<!ENTITY>); entities are refused, never expanded"
            " (entity-expansion bomb or external entity)",
        )
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        where = f"line {line}, column {col}" if line else None
        msg = exc.msg if hasattr(exc, "msg") and exc.msg else str(exc)
        msg = re.sub(r",? line \d+, column \d+.*$", "", msg).strip()
        if "amplification" in msg.lower() or "entit" in msg.lower():
            msg = f"entity refused: {msg}"
        raise InputError(path, where, f"malformed XML: {msg}") from exc
    except ValueError as exc:  # e.g. a str with an encoding declaration
        raise InputError(path, "start of file", f"malformed XML: {exc}") from exc
    if root is None:
        raise InputError(path, "start of file", "malformed XML: no root element")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None:
        for ent in dtd.iterentities():
            raise InputError(
                path,
                "DOCTYPE",
                f"XML declares entity {ent.name!r}; entities are refused, never expanded",
            )
    for node in root.iter(etree.Entity):
        raise InputError(path, place(node), f"unresolved entity reference {node.text!r} refused")
    if roots is not None:
        allowed = tuple(roots)
        name = local_name(root)
        if name not in allowed:
            raise InputError(
                path,
                f"line {root.sourceline}, /{name}",
                f"wrong root element <{name}>; expected " + " or ".join(f"<{r}>" for r in allowed),
            )
    return root


def sniff_root(head: bytes) -> str | None:
    """The local name of the root element from the first bytes of a file, or ``None``.

    Skips a BOM, the XML declaration, comments, processing instructions and a DOCTYPE;
    works on a truncated head (no full parse).

    >>> sniff_root(b"\\xef\\xbb\\xbf<ownershipDocument>")
    'ownershipDocument'
    >>> sniff_root(b"{}") is None
    True
    """
    data = head
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data = data.decode("utf-16", errors="ignore").encode("utf-8")
        except UnicodeError:  # pragma: no cover - errors="ignore"
            return None
    pos = 0
    while True:
        m = _PROLOG_SKIP.match(data, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    m = _ROOT_TAG.match(data, pos)
    return m.group(1).decode("ascii") if m else None


@functools.lru_cache(maxsize=4096)
def _localname(tag: str) -> str:
    # a document has few distinct tags; QName construction is the cost of a lookup
    return etree.QName(tag).localname


def local_name(el: etree._Element) -> str:
    """The tag of an element without its namespace (``{ns}x`` and ``p:x`` give ``x``)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return _localname(tag)


def children(el: etree._Element | None, name: str) -> list[etree._Element]:
    """Direct children with this local name, in document order."""
    if el is None:
        return []
    return list(el.iterchildren("{*}" + name))  # elements of this local name, any namespace


def child(el: etree._Element | None, *names: str) -> etree._Element | None:
    """The first element down a path of local names, or ``None``.

    >>> r = parse_xml(b"<a><b><c>x</c></b></a>", path="t")
    >>> child(r, "b", "c").text
    'x'
    >>> child(r, "b", "z") is None
    True
    """
    cur = el
    for name in names:
        if cur is None:
            return None
        cur = next(cur.iterchildren("{*}" + name), None)  # children()'s first, no list
    return cur


def text(el: etree._Element | None) -> str | None:
    """The stripped text content of an element (all descendants); ``None`` if empty."""
    if el is None:
        return None
    s = "".join(el.itertext()).strip()
    return s or None


def text_at(el: etree._Element | None, *names: str) -> str | None:
    """The stripped text of the first element down a path of local names, or ``None``."""
    return text(child(el, *names))


def xpath_of(el: etree._Element) -> str:
    """A readable XPath of local names, with positions where a name repeats."""
    parts: list[str] = []
    cur: etree._Element | None = el
    while cur is not None:
        name = local_name(cur) if isinstance(cur.tag, str) else "text()"
        parent = cur.getparent()
        if parent is not None and isinstance(cur.tag, str):
            same = children(parent, name)
            if len(same) > 1:
                name = f"{name}[{same.index(cur) + 1}]"
        parts.append(name)
        cur = parent
    return "/" + "/".join(reversed(parts))


def place(el: etree._Element) -> str:
    """Where an element is, for errors and provenance: ``line N, /xpath``."""
    line = getattr(el, "sourceline", None)
    return f"line {line}, {xpath_of(el)}" if line else xpath_of(el)


def number_at(el: etree._Element | None, *names: str, path: str) -> float | None:
    """A number at a path of local names; ``None`` if absent; ``InputError`` naming the XPath.

    Read by :func:`graph.clean.parse_shares` as a structured field: share counts and prices
    are never negative (``(1000)`` is an accounting negative, so an error).

    >>> r = parse_xml(b"<a><n>4987103.00</n><m>x1</m><k>(1000)</k></a>", path="t.xml")
    >>> number_at(r, "n", path="t.xml")
    4987103.0
    >>> number_at(r, "m", path="t.xml")
    Traceback (most recent call last):
    ...
    ownergraph.graph.errors.InputError: t.xml: line 1, /a/m: invalid number: not a number: 'x1'
    >>> number_at(r, "k", path="t.xml")
    Traceback (most recent call last):
    ...
    ownergraph.graph.errors.InputError: t.xml: line 1, /a/k: invalid number: a share count cannot be negative: '(1000)'
    """
    node = child(el, *names) if names else el
    raw = text(node)
    if raw is None:
        return None
    try:
        return parse_shares(raw)
    except ValueError as exc:
        raise InputError(path, place(node), f"invalid number: {exc}") from None


def name_at(
    el: etree._Element | None, *names: str, notes: list[tuple[str, str]] | None = None
) -> str | None:
    """A name at a path of local names, cleaned (:func:`graph.clean.clean_name`); ``None``
    if absent. What was removed is appended to ``notes`` as ``(place, note)`` for the
    loader's findings.

    >>> r = parse_xml(b"<a><n>Bob&#x200B; Example **</n></a>", path="t.xml")
    >>> found = []
    >>> name_at(r, "n", notes=found), [n for _, n in found]
    ('Bob Example', ['removed from the name: ZERO WIDTH SPACE (U+200B)', 'removed a trailing footnote marker from the name'])
    """
    node = child(el, *names) if names else el
    raw = text(node)
    if raw is None:
        return None
    out, cleaned = clean_name(raw)
    if notes is not None and node is not None:
        notes.extend((place(node), note) for note in cleaned)
    return out or None


def percent_at(el: etree._Element | None, *names: str, path: str) -> float | None:
    """A percent at a path of local names (``13.5`` or ``13.5%``); ``InputError`` if bad."""
    node = child(el, *names) if names else el
    raw = text(node)
    if raw is None:
        return None
    try:
        return parse_percent(raw)
    except ValueError as exc:
        raise InputError(path, place(node), f"invalid percent: {exc}") from None


def date_at(el: etree._Element | None, *names: str, path: str) -> dt.date | None:
    """A date at a path of local names (``09/23/2026``, ``2026-05-27``); ``InputError`` if bad."""
    node = child(el, *names) if names else el
    raw = text(node)
    if raw is None:
        return None
    try:
        return parse_date(raw)
    except ValueError:
        raise InputError(path, place(node), f"invalid date: {raw!r}") from None
