"""`ownergraph parties` (cli.core): one line per resolved party."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ownergraph.cli import main

FIX = Path(__file__).parent / "fixtures"
# the 13F manager and the XML 13G's filer share the CIK 0002012383 (both headers, by hand);
# the 2013 text 13G's BlackRock is another registrant (CIK 0001364742), never merged with them
COVER = FIX / "form13f" / "handwritten_blackrock_13f-hr_2026-06-30_primary_doc.xml"
XML = FIX / "sec13dg-xml" / "adi-global-distribution_blackrock_schedule13g_2026-09-04.xml"


def test_merged_parties_are_listed_once_under_the_kept_id(tmp_path):
    """QA: after loading two BlackRock documents (then a legacy and an XML 13G; now a 13F
    cover page and the XML 13G, one CIK), entity resolution merged the two
    "BlackRock, Inc." records (`parties --merges` says so) yet `parties` listed it twice,
    under both ids. It now lists the merged graph's node once, with the merged id and every
    spelling."""
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(main, ["load", str(COVER), str(XML), "--store", db]).exit_code == 0
    [merge] = json.loads(
        runner.invoke(main, ["parties", "--merges", "--json", "--store", db]).stdout
    )
    rows = json.loads(runner.invoke(main, ["parties", "--json", "--store", db]).stdout)
    ids = [r["id"] for r in rows]
    assert merge["merged_id"] not in ids and ids.count(merge["kept_id"]) == 1
    [br] = [r for r in rows if r["name"] == "BlackRock, Inc."]
    assert br["id"] == merge["kept_id"] and br["merged_ids"] == [merge["merged_id"]]
    assert "BlackRock, Inc." in br["names"]
    text = runner.invoke(main, ["parties", "--store", db]).stdout
    assert sum(" BlackRock, Inc. " in line + " " for line in text.splitlines()) == 1
    assert f"(merged: {merge['merged_id']})" in text
