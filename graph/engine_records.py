"""The records of a question's scope decoded from their stored JSON, fast.

:meth:`graph.engine.Engine.subgraph` turns the rows of a scope into records before it
builds the graph; at 1M parties a big scope is tens of thousands of rows (a person with a
subtree of 3k nodes: 13.5k parties, 9k classes, 15k holdings), and the general decoder
(:func:`graph.model.from_dict`: one call of a decoding function per field, a nested call
per provenance entry) was most of the cost. Here each record class gets one function,
compiled once from its fields and type hints, that decodes a row the way
:func:`graph.model.from_dict` decodes it (same values, same defaults for absent keys, the
same record: equal, same hash, same fields).

``tests/test_engine_records.py`` compares every record of the fixtures, the seed and random
stores with :func:`graph.model.from_dict`.

>>> from ownergraph.graph.model import Provenance, from_dict
>>> d = {"path": "a.txt", "format": "tabular", "span": [1, 4], "phrase": None}
>>> decode(Provenance, d) == from_dict(Provenance, d)
True
>>> decode_rows(Provenance, ['{"path": "b"}'])[0].path
'b'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import json
import threading
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Any, TypeVar

from ownergraph.graph import model

T = TypeVar("T")

_MISSING = object()
_COMPILED: dict[type, Callable[[dict[str, Any]], Any]] = {}


def _enum(tp: type[Enum]) -> Callable[[Any], Any]:
    """``tp(v)`` (``None`` stays ``None``), the value's member looked up first."""
    members = tp._value2member_map_

    def dec(v: Any) -> Any:
        if v is None:
            return None
        try:
            return members[v]
        except (KeyError, TypeError):
            return tp(v)

    return dec


def _value(tp: Any) -> Callable[[Any], Any] | None:
    """A function decoding one value of type ``tp`` as :func:`graph.model._decoder`
    does, or ``None`` where that decoder returns the value as it is."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            inner = _value(args[0])
            if inner is None:
                return None
            return lambda v: None if v is None else inner(v)
        return None
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _value(args[0])
            if item is None:
                return lambda v: None if v is None else tuple(v)
            return lambda v: None if v is None else tuple([item(x) for x in v])
        items = [_value(a) or (lambda x: x) for a in args]
        return lambda v: None if v is None else tuple(f(x) for f, x in zip(items, v, strict=False))
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            inner_rec = decoder(tp)
            return lambda v: None if v is None else inner_rec(v)
        if issubclass(tp, Enum):
            return _enum(tp)
        if tp is dt.date:
            return lambda v: dt.date.fromisoformat(v) if isinstance(v, str) else v
        if tp is float:
            return lambda v: float(v) if isinstance(v, int | float) else v
    return None


def decoder(cls: type[T]) -> Callable[[dict[str, Any]], T]:
    """The decoding function of a record class (compiled once): a dict of
    :func:`graph.model.to_dict` output to the record :func:`graph.model.from_dict` gives.

    The record is made by the dataclass's ``__init__`` with every field given (its default
    where the key is absent, as ``__init__`` would take it); a class with a field outside
    ``__init__`` or a ``__post_init__`` is left to ``from_dict``.
    """
    got = _COMPILED.get(cls)
    if got is not None:
        return got
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    plain = not hasattr(cls, "__post_init__") and all(f.init for f in fields)
    if not plain:

        def general(d: dict[str, Any]) -> Any:
            return model.from_dict(cls, d)

        _COMPILED[cls] = general
        return general
    _COMPILED[cls] = lambda d: model.from_dict(cls, d)  # (a class that refers to itself)
    hints = model._hints(cls)
    env: dict[str, Any] = {"_cls": cls, "_M": _MISSING}
    lines = ["def dec(d):", "    g = d.get", "    return _cls("]
    for k, f in enumerate(fields):
        fn = _value(hints[f.name])
        if fn is not None:
            env[f"_f{k}"] = fn
        got_v = f"_f{k}(v{k})" if fn is not None else f"v{k}"
        if f.default is not dataclasses.MISSING:  # absent: the default, as __init__ gives it
            env[f"_d{k}"] = f.default
            expr = f"(_d{k} if (v{k} := g({f.name!r}, _M)) is _M else {got_v})"
        elif f.default_factory is not dataclasses.MISSING:
            env[f"_d{k}"] = f.default_factory
            expr = f"(_d{k}() if (v{k} := g({f.name!r}, _M)) is _M else {got_v})"
        else:  # required: a KeyError where from_dict's __init__ raises a TypeError
            expr = f"_f{k}(d[{f.name!r}])" if fn is not None else f"d[{f.name!r}]"
        lines.append(f"        {f.name}={expr},")
    lines.append("    )")
    exec("\n".join(lines), env)  # noqa: S102 - source built here from field names
    fast = env["dec"]

    def dec(d: dict[str, Any]) -> Any:
        try:
            return fast(d)
        except (KeyError, TypeError, ValueError):  # as from_dict says it (its error)
            return model.from_dict(cls, d)

    _COMPILED[cls] = dec
    return dec


def decode(cls: type[T], data: dict[str, Any]) -> T:
    """One record, as :func:`graph.model.from_dict` gives it."""
    return decoder(cls)(data)


def decode_rows(cls: type[T], bodies: Iterable[str]) -> list[T]:
    """The records of some stored JSON bodies."""
    dec, loads = decoder(cls), json.loads
    return [dec(loads(b)) for b in bodies]


_PAUSE = threading.Lock()
_paused = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a scope's records and graph are made.

    Making tens of thousands of records (and the networkx graph of them) allocates objects
    that all stay alive; each allocation threshold crossed starts a collection, and the
    full ones walk every live object of the process: at 1M parties a person's scope
    (22k nodes) spent about a third of its records, graph and answer in collections that
    free nothing. The collector comes back (if it was on) when the last nested or
    concurrent pause ends; reference counting frees as usual meanwhile. No value changes.

    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    global _paused, _was_enabled
    with _PAUSE:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _PAUSE:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()
