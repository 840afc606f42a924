"""Forms 3/4/5: reading the ``ownershipDocument`` XML itself -- every datum wrapped in
``<value>``, footnote references, yes/no flags, the instrument a row's title names. No
judgement about what a row means (that is :mod:`loaders.form345` and its rule modules)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from ownergraph.graph.vocab import Instrument
from ownergraph.loaders.xmlsafe import child, children, number_at, text


def flag(el: etree._Element | None) -> bool:
    """A yes/no element ("1", "true", "Y", ...) as a bool."""
    return (text(el) or "").strip().lower() in ("1", "true", "y", "yes")


def instrument_of(title: str, derivative: bool) -> Instrument:
    """The instrument a row's security title names (option, warrant, preferred, ...).

    >>> instrument_of("Stock Option (right to buy)", True).value, instrument_of("Series A Preferred Stock", False).value
    ('option', 'preferred')
    """
    t = title.lower()
    if not derivative:
        if "preferred" in t:
            return Instrument.PREFERRED
        if "unit" in t:
            return Instrument.UNITS
        return Instrument.COMMON
    if "option" in t or "right to buy" in t:
        return Instrument.OPTION
    if "warrant" in t:
        return Instrument.WARRANT
    if "preferred" in t:
        return Instrument.PREFERRED
    if any(w in t for w in ("convertible", "note", "debenture")):
        return Instrument.CONVERTIBLE
    return Instrument.OTHER


def value(row: etree._Element, *names: str) -> etree._Element | None:
    """The ``value`` child of a path (Forms 3/4/5 wrap every datum in ``<value>``)."""
    return child(row, *names, "value")  # one walk down the path and its ``value``


def footnote_ids(el: etree._Element | None) -> list[str]:
    """The footnote ids cited anywhere under ``el``, in document order, once each.

    The elements are selected by lxml (``{*}footnoteId``: this local name in any namespace
    or none), not by a Python test of every element's tag.

    >>> from ownergraph.loaders.xmlsafe import parse_xml
    >>> r = parse_xml(b'<r xmlns:p="u"><p:footnoteId id="F2"/><x><footnoteId id="F1"/>'
    ...               b'<footnoteId id="F2"/><footnoteId/></x></r>', path="t")
    >>> footnote_ids(r)
    ['F2', 'F1']
    """
    if el is None:
        return []
    out = []
    for d in el.iter("{*}footnoteId"):
        fid = d.get("id")
        if fid and fid not in out:
            out.append(fid)
    return out


def num_or_none(el: etree._Element | None, path: str) -> float | None:
    """The number in ``el``, or ``None`` when the element is missing."""
    return number_at(el, path=path) if el is not None else None


#: "The Founders Fund II , LP": a space before a comma is a typing slip
_SPACED_COMMA = re.compile(r"\s+,\s*")
#: "SCGF IV Management,L.P.": a comma glued to the entity suffix is a typing slip too
_GLUED_SUFFIX = re.compile(r",(?=(?:L\.P\.|L\.L\.C\.|(?:LP|LLC|LLP|Ltd|Inc)\b))")


def read_footnotes(root: etree._Element) -> dict[str, tuple[str, etree._Element]]:
    """Every footnote by id: its text on one line (the comma slips above mended), and its
    element."""
    footnotes: dict[str, tuple[str, etree._Element]] = {}
    for fn in children(child(root, "footnotes"), "footnote"):
        if fn.get("id"):
            footnotes[fn.get("id")] = (
                _GLUED_SUFFIX.sub(
                    ", ", _SPACED_COMMA.sub(", ", " ".join((text(fn) or "").split()))
                ),
                fn,
            )
    return footnotes


#: footnote markers typed into a text instead of cited: "By Doe Trust (1)", "By LLC(2)(3)",
#: "See Footnote (F4)" (at the end of the text)
_INLINE_MARKS = re.compile(r"(?:\s*[(\[]\s*F?(\d{1,2})\s*[)\]])+\s*$", re.I)


def inline_footnotes(
    words: str | None, footnote_ids: Iterable[str]
) -> tuple[str | None, list[str]]:
    """(``words`` without its typed footnote markers, the ids of the form's footnotes they
    name) -- only markers whose footnote the form has ("F1" or "1").

    >>> inline_footnotes("By Doe Trust (1)", ["F1", "F2"])
    ('By Doe Trust', ['F1'])
    >>> inline_footnotes("By LLC(2)(3)", ["F2", "F3"])
    ('By LLC', ['F2', 'F3'])
    >>> inline_footnotes("Doe Fund (2019)", ["F1"])
    ('Doe Fund (2019)', [])
    """
    if not words:
        return words, []
    m = _INLINE_MARKS.search(words)
    if m is None:
        return words, []
    have = set(footnote_ids)
    ids = []
    for n in re.findall(r"(\d{1,2})", m.group(0)):
        fid = next((f for f in (f"F{n}", n) if f in have), None)
        if fid is None:
            return words, []  # a number in brackets that names no footnote of the form
        ids.append(fid)
    return words[: m.start()].rstrip() or words, ids
