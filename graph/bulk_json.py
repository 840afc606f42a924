"""Record JSON written from templates: the bulk load's rows byte for byte equal to
:func:`graph.store._dumps` of the record, without building the record.

A template is the JSON of a prototype record whose variable fields hold markers; rendering
puts JSON fragments (:func:`jstr`, :func:`jnum` ...) in their places. Deriving the template
from the dataclass keeps it right when the model gains a field (its default is in the
prototype); ``tests/test_bulk_load.py`` compares the bulk rows with the per-document ones.

>>> from ownergraph.graph.model import Security
>>> t = Template(Security, id=..., issuer_id=..., title=..., cusip=...)
>>> t.render(id=jstr("s1"), issuer_id=jstr("p1"), title=jstr("Common"), cusip="null")
'{"cusip":null,"id":"s1","issuer_id":"p1","provenance":[],"ticker":null,"title":"Common"}'
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

_MARK = "@@slot:{}@@"
_SLOT = re.compile(r'"@@slot:(\w+)@@"')
#: A JSON string of a Python string, as ``json.dumps(..., ensure_ascii=False)`` writes it.
jstr = json.encoder.encode_basestring  # type: ignore[attr-defined]


def jnum(value: float | int | None) -> str:
    """A number (or null) as ``json.dumps`` writes it."""
    if value is None:
        return "null"
    if isinstance(value, float):
        # json.dumps writes a finite float as float.__repr__ (faster called directly)
        return float.__repr__(value) if math.isfinite(value) else json.dumps(value)
    return str(int(value))


def jbool(value: bool | None) -> str:
    """A boolean (or null) as JSON."""
    return "null" if value is None else ("true" if value else "false")


def jopt(value: str | None) -> str:
    """An optional string as JSON."""
    return "null" if value is None else jstr(value)


def jlist(values: Any) -> str:
    r"""A list of strings (or of lists of strings) as JSON.

    >>> jlist(["a", 'say "hi"']), jlist([("cik", "1"), ("x", "é")]), jlist([])
    ('["a","say \\"hi\\""]', '[["cik","1"],["x","é"]]', '[]')
    """
    if not values:
        return "[]"
    if isinstance(values[0], str):
        return "[" + ",".join(map(jstr, values)) + "]"
    return "[" + ",".join("[" + ",".join(map(jstr, v)) + "]" for v in values) + "]"


class Template:
    """The JSON of records of one class with some fields variable.

    Keyword arguments name the fields: ``...`` makes a field a slot of the same name; a
    value fixes it. A nested record (a provenance) is given as a prototype whose fields
    may be markers made by :meth:`slot`.
    """

    def __init__(self, cls: type, **fields: Any) -> None:
        from ownergraph.graph.model import to_dict

        proto = cls(**{k: (self.slot(k) if v is ... else v) for k, v in fields.items()})
        text = json.dumps(to_dict(proto), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        parts = _SLOT.split(text)
        self.slots = tuple(parts[1::2])
        self._fmt = "%s".join(p.replace("%", "%%") for p in parts[0::2])

    @staticmethod
    def slot(name: str) -> str:
        """A marker standing for the slot ``name`` inside a nested prototype."""
        return _MARK.format(name)

    def render(self, **values: str) -> str:
        """The record's JSON; ``values`` are JSON fragments, one per slot."""
        return self._fmt % tuple(values[s] for s in self.slots)

    def render_tuple(self, values: tuple[str, ...]) -> str:
        """As :meth:`render`, the fragments given in :attr:`slots` order."""
        return self._fmt % values
