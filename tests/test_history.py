"""`ownergraph history` (queries.timeline, cli.workflow): documents over time and what
changed between amendments.

Real documents: two Forms 4 of Roelof Botha on 23andMe Holding Co.
(tests/fixtures/history/, copied from the corpus). Read by hand: on 2023-09-06 the last
non-derivative transaction leaves 193,379 Class A shares owned directly and the holding
line shows 110,561 owned indirectly "By estate planning vehicles"; on 2024-08-26 the
amounts following are 658,485 direct and 483,526 indirect.

The seed 13D/A No. 2 (2008-09-30) is followed here by an amendment No. 3 made in the test
from the seed's own records, with figures chosen by hand: Joshua Landes leaves, Nelson
Obus goes down to 3,000,000 shares (6.71 %) and a new person, Jane Example, files 100,000;
Wynnefield Partners Small Cap Value, L.P. now holds 175,355 shares of common stock (the
seed's Item 5: 275,355) beside its unchanged notes (433,266) and warrants (310,910).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.graph.model import Document, ParsedDocument, Party, ReportedPosition
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import NodeKind
from ownergraph.loaders import parse_path

FIX = Path(__file__).parent / "fixtures" / "history"
F4_2023 = FIX / "23andme-holding-co_botha-roelof_form4_2023-09-06_000120919123048801.xml"
F4_2024 = FIX / "23andme-holding-co_botha-roelof_form4_2024-08-26_000162828024038676.xml"
SEED = Path(__file__).parents[1] / "data" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"


def amendment_3(seed: ParsedDocument) -> ParsedDocument:
    """A 13D/A No. 3 of the seed's filers, dated 2008-10-15 (figures chosen by hand)."""
    doc = dataclasses.replace(
        seed.document,
        id="doc:amendment-3",
        path="liquidmetal-wynnefield-sc13da3-2008-10-15.txt",
        sha256="3" * 64,
        amendment_no=3,
        event_date=dt.date(2008, 10, 15),
        filed_date=dt.date(2008, 10, 16),
    )
    positions = []
    for rp in seed.positions:
        if rp.name == "Joshua Landes":
            continue
        if rp.name == "Nelson Obus":
            rp = dataclasses.replace(
                rp, shared_voting=3_000_000.0, shared_dispositive=3_000_000.0,
                aggregate=3_000_000.0, percent_of_class=6.71,
            )  # fmt: skip
        positions.append(dataclasses.replace(rp, id=rp.id + ":a3", document_id=doc.id))
    jane = Party("party:jane-example", "Jane Example", NodeKind.PERSON)
    positions.append(
        ReportedPosition("position:jane:a3", doc.id, jane.id, "Jane Example",
                         sole_voting=100_000.0, aggregate=100_000.0, percent_of_class=0.22)
    )  # fmt: skip
    holdings = []
    for h in seed.holdings:
        holder = next(p.name for p in seed.parties if p.id == h.holder_id)
        if holder == "Wynnefield Partners Small Cap Value, L.P." and h.shares == 275_355:
            h = dataclasses.replace(h, shares=175_355.0)
        holdings.append(dataclasses.replace(h, id=h.id + ":a3", document_id=doc.id,
                                            as_of=doc.event_date))  # fmt: skip
    links = [
        dataclasses.replace(lk, id=lk.id + ":a3", document_id=doc.id, as_of=doc.event_date)
        for lk in seed.links
    ]
    return ParsedDocument(
        document=doc,
        parties=(*seed.parties, jane),
        securities=seed.securities,
        holdings=tuple(holdings),
        links=tuple(links),
        positions=tuple(positions),
    )


def test_forms_4_over_time(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(main, ["load", str(F4_2024), str(F4_2023), "--store", db]).exit_code == 0
    res = runner.invoke(main, ["history", "23andMe Holding Co.", "--store", db, "--json"])
    assert res.exit_code == 0, res.output
    tl = json.loads(res.stdout)
    assert [e["date"] for e in tl["entries"]] == ["2023-09-06", "2024-08-26"]
    first, second = tl["entries"]
    assert sorted(f["shares"] for f in first["figures"]) == [110_561, 193_379]
    assert second["previous_id"] == first["document_id"]
    ups = {(c["before"], c["after"], c["change"]) for c in second["changes"]}
    assert ups == {(193_379, 658_485, "up"), (110_561, 483_526, "up")}
    text = runner.invoke(main, ["history", "23andMe Holding Co.", "--store", db]).stdout
    assert "193,379 -> 658,485 (+465,106)" in text
    assert "110,561 -> 483,526 (+372,965)" in text


def test_amendment_persons_added_removed_and_positions_down(tmp_path: Path) -> None:
    seed = parse_path(SEED)
    with Store(tmp_path / "s.db") as s:
        s.load_many([amendment_3(seed), seed])
    res = CliRunner().invoke(
        main, ["history", "Liquidmetal Technologies", "--store", str(tmp_path / "s.db")]
    )
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0] == "Liquidmetal Technologies, Inc.: 2 document(s), oldest first"
    early = CliRunner().invoke(main, ["history", "Liquidmetal Technologies", "--as-of",
                                      "2008-10-01", "--store", str(tmp_path / "s.db")])  # fmt: skip
    assert early.stdout.splitlines()[0].endswith(": 1 document(s), oldest first")
    assert lines[1].startswith("2008-09-30  SC 13D/A No. 2  liquidmetal-wynnefield-sc13da2")
    i = next(n for n, line in enumerate(lines) if line.startswith("2008-10-15"))
    assert lines[i] == (
        "2008-10-15  SC 13D/A No. 3  liquidmetal-wynnefield-sc13da3-2008-10-15.txt  (7 person(s))"
    )
    assert lines[i + 1 :] == [
        "  + added    Jane Example: 100,000 0.22%",
        "  - removed  Joshua Landes (was 3,731,323 8.34%)",
        "  ↓ down     Nelson Obus: 3,731,323 -> 3,000,000 (-731,323); 8.34% -> 6.71%",
        "    5 person(s) unchanged",
    ]


def test_unrelated_filers_are_not_compared(tmp_path: Path) -> None:
    """A second filer's statement on the same issuer is not an amendment of the first."""
    seed = parse_path(SEED)
    other_doc = Document(
        "doc:other", "other-13g.txt", seed.document.format, "4" * 64, form="SC 13G",
        event_date=dt.date(2008, 12, 31), issuer_id=seed.document.issuer_id,
    )  # fmt: skip
    other = ParsedDocument(
        document=other_doc,
        parties=(Party("party:other", "Other Capital LLC", NodeKind.ENTITY),),
        positions=(ReportedPosition("position:other", "doc:other", "party:other",
                                    "Other Capital LLC", aggregate=2_300_000.0),),
    )  # fmt: skip
    with Store(tmp_path / "s.db") as s:
        s.load_many([seed, other])
        from ownergraph.queries.timeline import timeline

        G = s.graph()
    tl = timeline(G, seed.document.issuer_id)
    assert [e.file for e in tl.entries] == [Path(SEED).name, "other-13g.txt"]
    assert tl.entries[1].previous_id is None and tl.entries[1].changes == ()
