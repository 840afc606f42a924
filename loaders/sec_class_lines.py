"""A title page that names two classes on one combined cover:

    Class A Common Stock, $1.00 par value per share
    Class B Common Stock, $1.00 par value per share
            (Title of Class of Securities)

    Class A Common Stock: 864346200
    Class B Common Stock: 864346900
            (CUSIP Number)

The filing's class is the first one printed (its title and the CUSIP printed for it); the
line just above each caption is the last class. Used by the legacy 13D/G title page
(:mod:`loaders.sec13dg_legacy`).
"""

from __future__ import annotations

import re

#: A line naming one class: "Class A Common Stock, ..." / "Series B Preferred Stock".
_CLASS_LINE = re.compile(
    r"[ \t]*(?:Class|Series)\s+(?P<cls>[A-Z0-9]{1,3})\b[^\n]*?\b(?:Stock|Shares|Units)\b[^\n]*"
)


def _line_start(text: str, pos: int) -> int:
    """The start of the line at ``pos`` (a caller's offset may be the newline before it)."""
    if text[pos : pos + 1] == "\n":
        pos += 1
    return text.rfind("\n", 0, pos) + 1


def first_class_title(text: str, found: tuple[str, int] | None) -> tuple[str, int] | None:
    """The first of the class lines printed one under the other above the "(Title of Class
    of Securities)" caption, given the last one ``found`` (its text and offset).

    >>> t = "Class A Common Stock, $1 par\\nClass B Common Stock, $1 par\\n(Title of Class)"
    >>> first_class_title(t, ("Class B Common Stock, $1 par", 29))
    ('Class A Common Stock, $1 par', 0)
    >>> first_class_title("Common Stock\\n(Title of Class)", ("Common Stock", 0))
    ('Common Stock', 0)
    """
    if found is None or not _CLASS_LINE.fullmatch(found[0]):
        return found
    title, pos = found[0], _line_start(text, found[1])
    while pos > 0:
        start = text.rfind("\n", 0, pos - 1) + 1
        line = text[start : pos - 1] if text[pos - 1] == "\n" else ""
        m = _CLASS_LINE.fullmatch(line)
        if not m:
            break
        title, pos = re.sub(r"\s+", " ", line).strip(), start + len(line) - len(line.lstrip())
    return (title, pos) if title != found[0] else found


def cusip_line_for(
    text: str, cusip_line: tuple[str, int] | None, title: str
) -> tuple[str, int] | None:
    """The CUSIP line printed for the class of ``title`` ("Class A Common Stock: 864346200")
    among the class-labelled lines that end at ``cusip_line``; ``cusip_line`` itself when
    it names no class or names that one.

    >>> t = "Class A Common Stock: 864346200\\nClass B Common Stock: 864346900\\n(CUSIP Number)"
    >>> cusip_line_for(t, ("Class B Common Stock: 864346900", 32), "Class A Common Stock")
    ('Class A Common Stock: 864346200', 0)
    """
    want = _CLASS_LINE.match(title)
    if cusip_line is None or want is None:
        return cusip_line
    line, pos = cusip_line[0], _line_start(text, cusip_line[1])
    while True:
        m = _CLASS_LINE.match(line)
        if not m:
            return cusip_line
        if m.group("cls") == want.group("cls"):
            return (line, pos) if line != cusip_line[0] else cusip_line
        if pos <= 0 or text[pos - 1] != "\n":
            return cusip_line
        start = text.rfind("\n", 0, pos - 1) + 1
        raw = text[start : pos - 1]
        line, pos = raw.strip(), start + len(raw) - len(raw.lstrip())


_TITLE_CAPTION = re.compile(r"\(\s*Title\s+of\s+Class", re.I)


def title_page_classes(text: str) -> list[str]:
    """The class letters of the class lines printed one under the other just above the
    first "(Title of Class of Securities)" caption (a combined cover of two classes gives
    two; a one-class title page one or none).

    >>> title_page_classes("Class A Common Stock, $1 par\\nClass B Common Stock, $1 par\\n"
    ...                    "     (Title of Class of Securities)")
    ['A', 'B']
    >>> title_page_classes("Common Stock\\n(Title of Class of Securities)")
    []
    """
    cap = _TITLE_CAPTION.search(text)
    if cap is None:
        return []
    pos = _line_start(text, cap.start())
    out: list[str] = []
    while pos > 0:
        start = text.rfind("\n", 0, pos - 1) + 1
        line = text[start : pos - 1]
        m = _CLASS_LINE.fullmatch(line)
        if not m:
            break
        out.append(m.group("cls"))
        pos = start
    return out[::-1]
