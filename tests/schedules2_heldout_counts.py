"""Count-only check of the schedule holdings of room SCHEDULES2 (issue 11).

Run: ``.venv/bin/python tests/schedules2_heldout_counts.py [heldout|dev]``. For every
holding that ``loaders.sec_schedule_counts.schedule_holdings`` adds (the parse with the
hook against the parse without it), it prints closed-list categories and numbers only,
never a document's text, names or file names (held-out discipline, /work/team/TEAM.md):
whether the holder is a labelled party, whether the label has a holding of that party,
and whether the count and class agree with it; also the labelled holdings of persons that
are no filer and that the parse misses.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import ownergraph.loaders.sec13dg_legacy as legacy
from ownergraph.graph.ids import normalize_name
from ownergraph.loaders import parse_path
from ownergraph.queries.eval import match_parties

ROOT = Path(__file__).parent / "fixtures" / "corpus" / "sec13dg-legacy"


def main(split: str) -> None:
    """Print the categories' counts for ``split`` ("heldout" or "dev")."""
    hook = legacy.schedule_holdings
    counts: Counter[str] = Counter()
    for lab in sorted(ROOT.glob("*.expected.json")):
        exp = json.loads(lab.read_text())
        if exp["split"] != split:
            continue
        doc = lab.with_name(exp["document"])
        legacy.schedule_holdings = lambda ctx, t, s, h, *a: h
        before = {h.id for h in parse_path(str(doc)).holdings}
        legacy.schedule_holdings = hook
        pd = parse_path(str(doc))
        key_of = match_parties(exp["parties"], pd.parties)
        added = [h for h in pd.holdings if h.id not in before]
        counts["documents with added holdings"] += bool(added)
        for h in added:
            key = key_of.get(h.holder_id)
            if key is None:
                counts["added: holder not a labelled party"] += 1
                continue
            rows = [x for x in exp["holdings"] if x["holder"] == key]
            if not rows:
                counts["added: labelled party, no labelled holding of it"] += 1
                continue
            same = [
                x
                for x in rows
                if normalize_name(x["class"]).split()[0] == normalize_name(h.title or "").split()[0]
            ]
            if not same:
                counts["added: labelled holder, other class"] += 1
            elif any(x["shares"] == h.shares for x in same):
                counts["added: as labelled"] += 1
            else:
                counts["added: labelled holding, count differs"] += 1
    for k, v in sorted(counts.items()):
        print(f"{v:4d}  {k}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "heldout")
