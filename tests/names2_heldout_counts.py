"""Count-only diagnosis of the legacy 13D/G links still missed (room NAMES2, issue 11).

Run: ``.venv/bin/python tests/names2_heldout_counts.py [heldout|dev]``. It prints numbers
and categories only, never a document's text, names, quotes or file names (held-out
discipline, /work/team/TEAM.md): per missed link, whether each end is among the parsed
parties, whether one of its labelled spellings is in the label's quote, which generic
plural terms ("the Funds", "the Accounts", ...) the quote uses and whether the document
binds them (a defined term of the name book), defines them in quotes without the book
binding them, or never defines them; and how the missed links spread over documents.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ownergraph.graph.ids import normalize_name
from ownergraph.loaders import parse_path
from ownergraph.loaders import sec_legacy_links as _links_module
from ownergraph.queries import eval as ev

ROOT = Path(__file__).parent / "fixtures" / "corpus" / "sec13dg-legacy"
#: Generic plural terms a filing uses for several parties (a fixed vocabulary: categories).
GENERIC = (
    "Funds",
    "Partnerships",
    "Reporting Persons",
    "Entities",
    "Trusts",
    "Accounts",
    "Partners",
    "Companies",
    "General Partners",
    "Filers",
    "Investors",
    "Managers",
    "Advisers",
    "Members",
)


def _books() -> list[Any]:
    """Capture the name books the legacy loader builds (to ask which terms it bound)."""
    books: list[Any] = []
    base = _links_module.NameBook

    class Capturing(base):  # type: ignore[misc, valid-type]
        def __init__(self, *a: Any, **k: Any) -> None:
            super().__init__(*a, **k)
            books.append(self)

    _links_module.NameBook = Capturing
    return books


def main(split: str = "heldout") -> None:
    """Print the counts for one split."""
    books = _books()
    c: Counter[str] = Counter()
    terms: Counter[str] = Counter()
    per_doc: Counter[int] = Counter()
    for ep in sorted(ROOT.glob("*.expected.json")):
        exp = json.loads(ep.read_text())
        if exp.get("split") != split:
            continue
        doc = ep.with_name(ep.name[: -len(".expected.json")])
        books.clear()
        pd = parse_path(doc)
        key_of = ev.match_parties(exp.get("parties") or [], pd.parties)
        got = {
            (key_of.get(lk.controller_id), key_of.get(lk.controlled_id))
            for lk in ev._scored_links(pd)
        }
        parsed = set(key_of.values())
        spell = {
            p["key"]: {normalize_name(s) for s in [p.get("name") or "", *(p.get("names") or [])]}
            - {""}
            for p in exp.get("parties") or []
        }
        bound = set().union(*(set(b.aliases) for b in books)) if books else set()
        text = doc.read_text(errors="replace")
        missed = 0
        for w in exp.get("links") or []:
            pair = (w["controller"], w["controlled"])
            if pair in got:
                continue
            missed += 1
            c["missed"] += 1
            q = w.get("quote") or ""
            nq = normalize_name(q)
            for end, k in (("controller", pair[0]), ("controlled", pair[1])):
                c[f"{end} parsed={k in parsed}"] += 1
                inq = any(re.search(rf"\b{re.escape(s)}\b", nq) for s in spell.get(k, ()))
                c[f"{end} spelling in quote={inq}"] += 1
            for g in GENERIC:
                if re.search(rf"\bthe\s+(?:[A-Z][\w\-&]*\s+){{0,2}}{g}\b", q):
                    quoted = re.search(rf"[\"“](?:[A-Z][\w\-&]*\s+){{0,2}}{g}[.,]?[\"”]", text)
                    state = "bound" if any(t.endswith(g) for t in bound) else "undefined"
                    if state == "undefined" and quoted:
                        state = "quoted, not bound"
                    terms[f"the ... {g}: {state}"] += 1
            for name, rx in (
                ("referred to", r"referred\s+to"),
                ("relative clause", r"\b(?:which|who)\b"),
                ("title (Mr./Ms.)", r"\b(?:Mr|Ms|Mrs|Dr)\."),
                ("Name:/Title: layout", r"Title:"),
            ):
                if re.search(rx, q):
                    c[f"quote has {name}"] += 1
        per_doc[missed] += 1
    print(f"split {split}")
    for k, v in sorted(c.items()):
        print(f"  {k}: {v}")
    print("generic plural terms in the quotes of missed links:")
    for k, v in sorted(terms.items()):
        print(f"  {k}: {v}")
    print("documents by number of missed links:", sorted(per_doc.items()))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "heldout")
