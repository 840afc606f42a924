"""BODS files as JSON: decoding with the place of every failure, nesting bounded, the root checked.

Part of the BODS loader (:mod:`loaders.bods`); :mod:`loaders.gleif` reuses :func:`load_json`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ownergraph.graph.errors import InputError

#: Deepest JSON nesting accepted (BODS needs about 6 levels; deeper is hostile or broken).
MAX_DEPTH = 64


def load_json(data: bytes, *, path: str) -> Any:
    """Decode JSON bytes, turning every failure into :class:`InputError` with the place.

    Truncated or invalid JSON names line and column; nesting deeper than
    :data:`MAX_DEPTH` is refused (it would otherwise exhaust the recursion of every tool
    downstream).

    >>> load_json(b'[{"a": 1}', path="x.json")
    Traceback (most recent call last):
    ...
    ownergraph.graph.errors.InputError: x.json: line 1 column 10: truncated or invalid JSON: Expecting ',' delimiter
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"byte {exc.start}", "not UTF-8 text") from exc
    _check_depth_text(text, path=path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            path, f"line {exc.lineno} column {exc.colno}", f"truncated or invalid JSON: {exc.msg}"
        ) from exc
    except RecursionError as exc:  # pragma: no cover - guarded by _check_depth_text
        raise InputError(path, "start of file", "JSON nested too deeply") from exc


_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _check_depth_text(text: str, *, path: str) -> None:
    """Refuse JSON nested deeper than :data:`MAX_DEPTH` before decoding it."""
    depth = 0
    for m in _BRACKETS.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, m.start()) + 1
                raise InputError(
                    path, f"line {line} offset {m.start()}", f"JSON nested deeper than {MAX_DEPTH}"
                )
        elif c in "]}":
            depth -= 1


def statements_of(data: Any, *, path: str) -> list[dict[str, Any]]:
    """Check the root: a JSON array of statement objects (else :class:`InputError`)."""
    if not isinstance(data, list):
        raise InputError(
            path, "/", f"root is a JSON {type(data).__name__}; BODS is an array of statements"
        )
    for i, st in enumerate(data):
        if not isinstance(st, dict):
            raise InputError(path, f"/{i}", "statement must be a JSON object")
    return data
