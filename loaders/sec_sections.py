"""Split the text of an SEC ownership filing into its sections.

A Schedule 13D/13G after its title page is: the cover pages, Items 1-7 (13D) or 1-10
(13G), a signature block, then exhibits (a joint filing agreement, an Exhibit 99 listing
the subsidiaries of a parent holding company, powers of attorney, agreements). The
relation grammar (:mod:`loaders.sec_grammar`) reads the cover pages' footnotes, the Items
and the short exhibits; it does not read the signature blocks (read by their own rules:
"By: /s/ ..., Managing Member") nor long exhibits (merger agreements, letters), whose
prose about "the shareholders of the Company" states no link between the filers.

Headings are found by line: "Item 2.", "ITEM 2(a)", "Item 5 -", "SIGNATURE(S)",
"EXHIBIT 99.1", "Exhibit A". Offsets are into the text given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Section", "sections", "grammar_spans", "LONG_EXHIBIT"]

#: An exhibit longer than this (characters) is an agreement or a letter, not a list of
#: relations; the grammar does not read it.
LONG_EXHIBIT = 12_000

_ITEM = re.compile(
    r"^[ \t*#>|]*ITEM\s+(\d{1,2})\s*(?:\(\s*[a-h]\s*\))?\s*[.:\-\u2013\u2014\t ]", re.I | re.M
)
_SIGNATURE = re.compile(r"^[ \t*#>|]*SIGNATURES?\s*\.?[ \t]*$", re.I | re.M)
_EXHIBIT = re.compile(
    r"^[ \t*#>|]*(?:<[^>\n]*>)*\s*EXHIBIT\s+(?:NO\.?\s*)?([0-9]{1,3}(?:\.[0-9]{1,2})?|[A-Z]{1,2})\b"
    r"(?![ \t]+(?:to|of|hereto|attached))",
    re.I | re.M,
)
#: A line of a signature block.
_SIGNED = re.compile(r"/s/|^[ \t]*By:", re.M)
_DOC_END = re.compile(r"</TEXT>|</DOCUMENT>", re.I)
#: A further document of an EDGAR submission ("<TYPE>EX-99.1"): an exhibit.
_DOC_TYPE = re.compile(r"^<TYPE>\s*(EX-[\w.\-]+)", re.I | re.M)


@dataclass(frozen=True)
class Section:
    """A part of a filing: ``kind`` is "item", "signature" or "exhibit"; ``label`` is
    "Item 2", "Signature", "Exhibit 99.1"."""

    kind: str
    label: str
    start: int
    end: int


def sections(text: str, start: int = 0, end: int | None = None) -> list[Section]:
    """The Items, signature blocks and exhibits of ``text[start:end]``, in order.

    >>> t = "Item 1. Security\\nX\\nItem 2. Identity\\nY\\nSIGNATURE\\n/s/ Z\\nEXHIBIT 1\\nW"
    >>> [(s.label, t[s.start:s.end].split()[-1]) for s in sections(t)]
    [('Item 1', 'X'), ('Item 2', 'Y'), ('Signature', 'Z'), ('Exhibit 1', 'W')]
    """
    end = len(text) if end is None else end
    heads: list[tuple[int, str, str]] = []
    for m in _ITEM.finditer(text, start, end):
        heads.append((m.start(), "item", f"Item {int(m.group(1))}"))
    for m in _SIGNATURE.finditer(text, start, end):
        heads.append((m.start(), "signature", "Signature"))
    for m in _EXHIBIT.finditer(text, start, end):
        heads.append((m.start(), "exhibit", f"Exhibit {m.group(1).upper()}"))
    for m in _DOC_TYPE.finditer(text, start, end):
        heads.append((m.start(), "exhibit", m.group(1).upper()))
    for m in _DOC_END.finditer(text, start, end):
        heads.append((m.start(), "end", ""))
    heads.sort()
    out: list[Section] = []
    if not heads:
        return out
    for (a, kind, label), nxt in zip(heads, [*heads[1:], (end, "end", "")], strict=True):
        if kind != "end" and nxt[0] > a:
            out.append(Section(kind, label, a, nxt[0]))
    return out


def grammar_spans(text: str, start: int, end: int | None = None) -> list[tuple[int, int]]:
    """The parts of ``text[start:end]`` the relation grammar reads: all of it but the
    signature blocks and the exhibits longer than :data:`LONG_EXHIBIT`.

    An exhibit heading repeated in a list ("Exhibit 1 ... Exhibit 2") makes short
    sections: a signature section runs to the next exhibit or Item heading.

    >>> t = "Item 2. X is the general partner of Y.\\nSIGNATURE\\nBy: /s/ Z, Member\\nEXHIBIT 1\\nok"
    >>> [t[a:b].split()[0] for a, b in grammar_spans(t, 0)]
    ['Item', 'EXHIBIT']
    """
    end = len(text) if end is None else end
    secs = sections(text, start, end)
    skip: list[tuple[int, int]] = []
    for i, s in enumerate(secs):
        if s.kind == "signature":
            stop = s.end
            for nxt in secs[i + 1 :]:
                if nxt.kind == "signature":
                    stop = nxt.end
                    continue
                break
            skip.append((s.start, stop))
        elif s.kind == "exhibit":
            # an exhibit runs until the next exhibit heading (Items inside it are its own)
            stop = s.end
            for nxt in secs[i + 1 :]:
                if nxt.kind == "exhibit":
                    break
                stop = nxt.end
            if stop - s.start > LONG_EXHIBIT:
                skip.append((s.start, stop))
    # signature blocks inside exhibits (a joint filing agreement signed "/s/ ..., By: ...")
    for m in _SIGNED.finditer(text, start, end):
        a = text.rfind("\n\n", start, m.start())
        b = text.find("\n\n", m.end(), end)
        skip.append((start if a < 0 else a, end if b < 0 else b))
    spans: list[tuple[int, int]] = []
    pos = start
    for a, b in sorted(skip):
        if a > pos:
            spans.append((pos, a))
        pos = max(pos, b)
    if pos < end:
        spans.append((pos, end))
    return spans
