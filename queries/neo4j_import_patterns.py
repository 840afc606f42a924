"""Patterns that read a stored record's canonical JSON text whole (the neo4j-import bulk path).

One regular expression per record type, built from the dataclass (:func:`record_pattern`):
every field in sorted order, each value in the form the store's writer gives it (strings
without escapes, floats as ``repr`` writes them, dates ``YYYY-MM-DD``). A record it matches
is canonical: decoding and encoding it again gives the same text.

The export matches the text as stored; the ``record`` cell is that text with each ``"``
doubled, and the content hash is taken over the text itself
(:func:`graph.neo4j_rows.row_hash`), so no value is escaped or serialised again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from collections.abc import Collection
from enum import Enum
from typing import Any

#: Joins the elements of an array property (as :mod:`queries.neo4j_import`).
DELIM = "\x1f"
_STR = r'[^"\\\x00-\x1f]*+'
_WORD = r'[^"\\\x00-\x1f,]*+'
_FLOAT = r"-?\d+\.\d+(?:e[+-]\d+)?|-?\d+e[+-]\d+"  # as repr(float) writes a finite float
_DATE = r"\d{4}-\d{2}-\d{2}"


def _value(name: str | None, tp: Any, q: str, keep: Collection[str] | None = None) -> str:
    """The pattern of one JSON value of type ``tp`` (a named group when ``name`` and ``keep``
    is None or holds it), each quote of the JSON written as ``q``."""

    def g(body: str) -> str:
        return f"(?P<{name}>{body})" if name and (keep is None or name in keep) else f"(?:{body})"

    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"no pattern for {tp}")
        return f"(?:null|{_value(name, args[0], q, keep)})"
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _value(None, args[0], q)
            if dataclasses.is_dataclass(args[0]):  # records: the group keeps the brackets
                return g(rf"\[(?:{item}(?:,{item})*)?\]")
            return r"\[" + g(f"(?:{item}(?:,{item})*)?") + r"\]"
        return r"\[" + g(",".join(_value(None, a, q) for a in args)) + r"\]"
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            return g(_object(tp, name, q, keep))
        if issubclass(tp, Enum) or (name or "").split("__")[-1].endswith(("id", "_id")):
            return f"{q}{g(_WORD)}{q}"  # vocabulary values and ids: no comma either
        if tp is str:
            return f"{q}{g(_STR)}{q}"
        if tp is dt.date:
            return f"{q}{g(_DATE)}{q}"
        if tp is bool:
            return g("true|false")
        if tp is float:
            return g(_FLOAT)
        if tp is int:
            return g(r"-?\d+")
    raise TypeError(f"no pattern for {tp}")


def _object(cls: type, prefix: str | None, q: str, keep: Collection[str] | None) -> str:
    hints = typing.get_type_hints(cls)
    fields = sorted(f.name for f in dataclasses.fields(cls))
    parts = [
        f"{q}{f}{q}:" + _value(f"{prefix}__{f}" if prefix else None, hints[f], q, keep)
        for f in fields
    ]
    return r"\{" + ",".join(parts) + r"\}"


def _pattern(cls: type, q: str, keep: Collection[str] | None = None) -> re.Pattern[str]:
    hints = typing.get_type_hints(cls)
    fields = sorted(f.name for f in dataclasses.fields(cls))
    parts = [f"{q}{f}{q}:" + _value(f, hints[f], q, keep) for f in fields]
    return re.compile(r"\{" + ",".join(parts) + r"\}", re.S)


def record_pattern(cls: type, keep: Collection[str] | None = None) -> re.Pattern[str]:
    """The regular expression that matches the canonical JSON of a ``cls`` record whole,
    a group per top-level field (a nested record's fields as ``field__sub``; only those in
    ``keep`` when given: each group costs a string per match).

    >>> from ownergraph.graph.model import Share
    >>> m = record_pattern(Share).fullmatch(
    ...     '{"exclusive_maximum":false,"exclusive_minimum":false,"maximum":null,"minimum":0.25}')
    >>> m["minimum"], m["maximum"]
    ('0.25', None)
    >>> record_pattern(Share).fullmatch('{"exclusive_maximum":false}') is None
    True
    """
    return _pattern(cls, '"', keep)
