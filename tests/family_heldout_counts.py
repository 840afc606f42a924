"""Count-only diagnosis of the family holdings and links (room FAMILY, issue 11, convention 16).

Run: ``.venv/bin/python tests/family_heldout_counts.py [heldout|dev]``. It prints numbers
and category names only, never a document's text, names, labels, quotes or file names
(held-out discipline, /work/team/TEAM.md). Per labelled link whose printed role or quote
carries a relation word of a fixed vocabulary (spouse, wife, husband, child, son,
daughter, minor, custodian, estate, executor, IRA, ...): the relation word, the expected
controlled party's kind, whether the parse finds that party, the link, and the
controlled party's labelled holdings (found, count right); the cue words of a fixed list
that the quote carries; and the labelled holdings of unknown-kind parties.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from ownergraph.loaders import parse_path
from ownergraph.queries import eval as ev

ROOT = Path(__file__).parent / "fixtures" / "corpus" / "sec13dg-legacy"

#: relation words (a fixed vocabulary; the category printed is the word of this list)
KIN = (
    "spouse",
    "wife",
    "husband",
    "minor child",
    "children",
    "child",
    "son",
    "daughter",
    "grandchild",
    "mother",
    "father",
    "sister",
    "brother",
    "custodian",
    "utma",
    "ugma",
    "executor",
    "estate",
    "decedent",
    "ira",
    "family",
    "trust",
)
#: cue words looked for in a labelled quote (the category printed is the word of this list)
CUES = (
    "consisting of",
    "consists of",
    "includes",
    "including",
    "held of record",
    "owned directly by",
    "held by",
    "owned by",
    "disclaims",
    "as custodian",
    "for the benefit of",
    "jointly",
    "shared",
    "sole",
    "trustee",
)


def _kin(words: str) -> str | None:
    low = words.casefold()
    for k in KIN:
        if re.search(rf"\b{re.escape(k)}\b", low):
            return k
    return None


def main(split: str) -> None:
    c: Counter[str] = Counter()
    for exp_path in sorted(ROOT.glob("*.expected.json")):
        exp = json.loads(exp_path.read_text())
        if exp.get("split") != split:
            continue
        pd = parse_path(str(exp_path.with_name(exp["document"])))
        key_of = ev.match_parties(exp["parties"], pd.parties)
        found_keys = set(key_of.values())
        kinds = {p["key"]: p["kind"] for p in exp["parties"]}
        got_links = {
            (key_of.get(lk.controller_id), key_of.get(lk.controlled_id)) for lk in pd.links
        }
        held: dict[str, list[float]] = {}
        for h in pd.holdings:
            if key_of.get(h.holder_id):
                held.setdefault(key_of[h.holder_id], []).append(h.shares)
        family_ends: set[str] = set()
        doc_has = False
        for lk in exp.get("links") or []:
            kin = _kin(f"{lk.get('role_as_printed') or ''}")
            kin_q = _kin(lk.get("quote") or "")
            if kin is None and not (lk["role"] == "other" and kin_q):
                continue
            kin = kin or f"{kin_q} (quote only)"
            doc_has = True
            end = lk["controlled"]
            family_ends.add(end)
            c[f"link kin={kin} role={lk['role']}"] += 1
            c[f"link kin={kin} controlled kind={kinds.get(end)} parsed={end in found_keys}"] += 1
            c[f"link kin={kin} found={(lk['controller'], end) in got_links}"] += 1
            for cue in CUES:
                if cue in (lk.get("quote") or "").casefold():
                    c[f"link kin={kin} quote cue={cue}"] += 1
        for hw in exp.get("holdings") or []:
            who = hw["holder"]
            if who not in family_ends and kinds.get(who) != "unknown":
                continue
            tag = "family end" if who in family_ends else "unknown kind"
            got = held.get(who, [])
            right = any(ev._num_eq(hw.get("shares"), g) for g in got)
            c[f"holding of a {tag}: parsed holdings={min(len(got), 2)} count right={right}"] += 1
        c[f"documents with a family link={doc_has}"] += 1
    print("split", split)
    for k, v in sorted(c.items()):
        print(f"  {k}: {v}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "heldout")
