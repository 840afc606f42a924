"""Typed errors, in one module (networkx ``exception.py`` style).

Library code raises these; the CLI turns them into one line on stderr and exit code 2,
the app into ``st.error``.
"""

from __future__ import annotations

import re


class OwnergraphError(Exception):
    """Base class of every ownergraph error."""


def one_line(text: str) -> str:
    """Untrusted text made safe for one line of a terminal or log: line breaks, other
    control characters (C0, C1, DEL), line and paragraph separators and bidi controls are
    written as escapes (``\\n``, ``\\x1b``, ``\\u202e``); a backslash stays as it is.

    >>> print(one_line("bad\\nownergraph: error: spoofed line.json"))
    bad\\nownergraph: error: spoofed line.json
    >>> one_line("tab\\there \\x1b[31mred\\u202e")
    'tab\\\\there \\\\x1b[31mred\\\\u202e'
    """
    return _UNSAFE.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if ch in named:
        return named[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


class InputError(OwnergraphError):
    """Bad input: names the file and the place (line, offset, XPath, JSON pointer).

    >>> str(InputError("x.txt", "line 3", "not a number: 'abc'"))
    "x.txt: line 3: not a number: 'abc'"
    """

    def __init__(self, path: str, place: str | None, reason: str) -> None:
        self.path = str(path)
        self.place = place
        self.reason = reason
        where = f"{self.path}: {place}" if place else self.path
        super().__init__(f"{where}: {reason}")


class NumberError(OwnergraphError, ValueError):
    """A number a structured field cannot hold: unreadable, negative or implausible
    (:mod:`graph.clean`); loaders turn it into an :class:`InputError` with file and place."""


class UnsupportedFormatError(InputError):
    """The content is not any format ownergraph reads."""


class OutputError(OwnergraphError):
    """An output file cannot be written (exists without --force, a symlink, a folder).

    >>> str(OutputError("out.json", "exists; give --force to replace it"))
    'out.json: exists; give --force to replace it'
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class StoreError(OwnergraphError):
    """The store cannot be opened, is locked, or fails its integrity check."""


class SubjectNotFoundError(OwnergraphError):
    """A subject (name, id, CIK, CUSIP) matches nothing in the graph."""

    def __init__(
        self, subject: str, suggestions: list[str] | None = None, *, reason: str | None = None
    ) -> None:
        """``reason`` replaces the default sentence when the subject was found but is of
        the wrong sort (a person given where an issuer is needed).

        >>> print(SubjectNotFoundError("Apple Inc.", ["Wynnefield Capital, Inc.", "Nelson Obus"]))
        no party, issuer or security matches 'Apple Inc.'; did you mean "Wynnefield Capital, Inc." or "Nelson Obus"?
        """
        self.subject = subject
        self.suggestions = suggestions or []
        msg = reason or f"no party, issuer or security matches {subject!r}"
        if self.suggestions:
            quoted = [f'"{s}"' for s in self.suggestions]
            tail = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
            msg += f"; did you mean {tail}?"
        super().__init__(msg)


class BackendError(OwnergraphError):
    """A server backend (Neo4j) failed or lacks a feature."""


class ReadOnlyError(BackendError):
    """A write was attempted through a read-only path (Cypher console, CLI without --write).

    ``layer`` names the guard layer that refused it (:data:`queries.cypher_guard.LAYERS`).
    """

    def __init__(self, message: str, *, layer: str | None = None) -> None:
        self.layer = layer
        super().__init__(message)
