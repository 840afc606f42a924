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


def load_lines(data: bytes, *, path: str) -> tuple[list[Any], list[str]] | None:
    """JSON Lines (one statement per line): the values and their places (``line N``), or
    ``None`` when ``data`` is one JSON document. A bad line is :class:`InputError` at its line.

    >>> load_lines(b'{"a": 1}\\n\\n{"b": 2}\\n', path="x.jsonl")
    ([{'a': 1}, {'b': 2}], ['line 1', 'line 3'])
    >>> load_lines(b'\\xef\\xbb\\xbf{"a": 1}\\n{"b": 2}', path="x.jsonl")[0]
    [{'a': 1}, {'b': 2}]
    >>> load_lines(b'[{"a": 1}]', path="x.json") is None
    True
    """
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{"):
        return None
    lines = data.removeprefix(b"\xef\xbb\xbf").splitlines()  # a BOM before the first line
    filled = [(n, raw) for n, raw in enumerate(lines, 1) if raw.strip()]
    if len(filled) < 2 or not all(raw.lstrip().startswith(b"{") for _, raw in filled[:2]):
        return None
    try:  # a pretty-printed single object also spans lines: it must be one document then
        json.loads(data.decode("utf-8-sig"))
        return None
    except (ValueError, UnicodeDecodeError):
        pass
    values, places = [], []
    for n, raw in filled:
        try:
            values.append(load_json(raw, path=path))
        except InputError as exc:
            raise InputError(path, f"line {n}", exc.reason) from None
        places.append(f"line {n}")
    return values, places


def load_sequence(data: bytes, *, path: str) -> tuple[list[Any], list[str]] | None:
    """Several JSON values one after another (packages appended to one file: ``[...][...]``,
    JSON Lines whose lines are arrays): the statements of them all, each array flattened,
    with their places (``value K/i``); ``None`` when ``data`` is not such a sequence.

    >>> load_sequence(b'[{"a": 1}]\\n[{"b": 2}, {"c": 3}]', path="x")
    ([{'a': 1}, {'b': 2}, {'c': 3}], ['value 1/0', 'value 2/0', 'value 2/1'])
    >>> load_sequence(b'[{"a": 1}]', path="x") is None
    True
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    _check_depth_text(text, path=path)
    decoder = json.JSONDecoder()
    values: list[Any] = []
    pos, end = 0, len(text)
    while True:
        while pos < end and text[pos] in " \t\r\n\ufeff":
            pos += 1
        if pos >= end:
            break
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            return None
        values.append(value)
    if len(values) < 2 or not all(isinstance(v, list | dict) for v in values):
        return None
    out, places = [], []
    for k, value in enumerate(values, 1):
        if isinstance(value, dict) and isinstance(value.get("statements"), list):
            value = value["statements"]  # an appended package object
        if isinstance(value, dict):
            out.append(value)
            places.append(f"value {k}")
            continue
        for i, st in enumerate(value):
            out.append(st)
            places.append(f"value {k}/{i}")
    return out, places
