"""Metamorphic tests of the signature reader on the labelled DEV copies (never held-out).

The signature blocks of each dev copy are rewritten the ways filings print the same block
("BY:" for "By:", "By /s/" without its colon, "Its:" for "Title:", "Name: X   Title: Y" on
one line, the role of a "By:" line on the next line, a date column left of the first
"By: /s/"), and the loader must read the same links as from the copy as filed. Only the
text from the signature heading on is rewritten.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from ownergraph.graph.ids import normalize_name
from ownergraph.loaders import sec13dg_legacy as legacy
from tests.test_sec_cover_variants import DEV, working_text

_SIG_HEAD = re.compile(r"^[ \t*#>|]*SIGNATURES?\s*\.?[ \t]*$", re.I | re.M)


def _links(text: str) -> set[tuple[str, str, str]]:
    parsed = legacy.parse(io.BytesIO(text.encode()), path="variant.txt")
    names = {p.id: normalize_name(p.name) for p in parsed.parties}
    return {(names[k.controller_id], names[k.controlled_id], k.role.value) for k in parsed.links}


def _after_signature(fn: Callable[[str], str]) -> Callable[[str], str]:
    def variant(text: str) -> str:
        m = _SIG_HEAD.search(text)
        return text if m is None else text[: m.start()] + fn(text[m.start() :])

    return variant


VARIANTS: dict[str, Callable[[str], str]] = {
    "BY:": _after_signature(lambda t: re.sub(r"(?m)^([ \t]*)By:", r"\1BY:", t)),
    "By /s/ without colon": _after_signature(
        lambda t: re.sub(r"(?m)^([ \t]*)By:[ \t]*(?=/s/)", r"\1By ", t)
    ),
    "Its: for Title:": _after_signature(lambda t: re.sub(r"(?m)^([ \t]*)Title:", r"\1Its:", t)),
    "Name and Title on one line": _after_signature(
        lambda t: re.sub(r"(?m)^([ \t]*Name:[^\n]*?)[ \t]*\n[ \t]*(Title:)", r"\1     \2", t)
    ),
    "role on the next line": _after_signature(
        lambda t: re.sub(
            r"(?m)^([ \t]*By:[^\n]*?),[ \t]*((?:its|the|as)\s+[^\n]*)$", r"\1,\n        \2", t
        )
    ),
    "date column": _after_signature(
        lambda t: re.sub(
            r"(?m)^[ \t]*(By:[ \t]*/s/)", r"Date: February 14, 2020      \1", t, count=1
        )
    ),
}
SIGNED = [p for p in DEV if "/s/" in p.read_text(errors="replace")]
#: each copy reads every SHARE-th variant (a different share per copy); all with
#: OWNERGRAPH_ALL_VARIANTS=1
SHARE = 1 if os.environ.get("OWNERGRAPH_ALL_VARIANTS") else 3


@pytest.mark.parametrize("k", range(len(SIGNED)), ids=[p.name[:60] for p in SIGNED])
def test_signature_blocks_read_alike_under_layout_variants(k: int) -> None:
    path: Path = SIGNED[k]
    text = working_text(path)
    base = _links(text)
    bad = {}
    for i, (name, fn) in enumerate(VARIANTS.items()):
        if (i + k) % SHARE:
            continue
        varied = fn(text)
        if varied == text:
            continue
        got = _links(varied)
        if got != base:
            bad[name] = (sorted(base - got)[:3], sorted(got - base)[:3])
    assert not bad, f"{path.name}: {bad}"
