"""Voting and investment power kept apart: the model fields, the store and the answer object."""

from __future__ import annotations

import json

from ownergraph.graph.model import (
    Document,
    Holding,
    Link,
    ParsedDocument,
    Party,
    Security,
    from_dict,
    link_passes,
    link_power,
    to_dict,
)
from ownergraph.graph.store import Store
from ownergraph.graph.vocab import (
    Authority,
    EdgeKind,
    Instrument,
    NodeKind,
    Power,
    Role,
    SourceFormat,
)
from ownergraph.queries.answer import Answer, ControllerRow, Denominator, format_percent


def test_old_records_without_power_fields_still_decode() -> None:
    old = {
        "id": "h",
        "document_id": "d",
        "holder_id": "p",
        "security_id": "s",
        "instrument": "common",
        "shares": 10,
    }
    h = from_dict(Holding, old)
    assert h.sole_voting is None and h.shared_dispositive is None
    lk = from_dict(
        Link,
        {
            "id": "l",
            "document_id": "d",
            "kind": "controls",
            "controller_id": "a",
            "controlled_id": "b",
            "role": "trustee",
            "power": "shared",
        },
    )
    assert lk.voting is None and lk.passes == ()
    assert link_passes(lk) == (Authority.VOTING, Authority.INVESTMENT)
    assert link_power(lk, Authority.INVESTMENT) == Power.SHARED


def test_link_passes_only_the_stated_power() -> None:
    lk = Link("l", "d", EdgeKind.CONTROLS, "a", "b", Role.INVESTMENT_ADVISER, voting=Power.SHARED)
    assert link_passes(lk) == (Authority.VOTING,)
    assert link_power(lk, Authority.INVESTMENT) is None
    explicit = Link(
        "l", "d", EdgeKind.CONTROLS, "a", "b", Role.TRUSTEE, passes=(Authority.INVESTMENT,)
    )
    assert link_passes(explicit) == (Authority.INVESTMENT,)


def test_store_round_trips_the_powers(tmp_path) -> None:
    doc = Document("doc:1", "x.txt", SourceFormat.TABULAR, sha256="0" * 64)
    h = Holding(
        "h",
        "doc:1",
        "p",
        "s",
        Instrument.COMMON,
        652599.0,
        sole_voting=19990.0,
        shared_voting=0.0,
        sole_dispositive=652599.0,
        shared_dispositive=0.0,
    )
    lk = Link(
        "l",
        "doc:1",
        EdgeKind.CONTROLS,
        "q",
        "p",
        Role.INVESTMENT_ADVISER,
        voting=Power.SHARED,
        investment=Power.SOLE,
        passes=(Authority.VOTING, Authority.INVESTMENT),
    )
    parsed = ParsedDocument(
        document=doc,
        parties=(
            Party("p", "Fund", NodeKind.FUND),
            Party("q", "Adviser", NodeKind.ENTITY),
            Party("i", "Issuer", NodeKind.ISSUER),
        ),
        securities=(Security("s", "i", "Common Stock"),),
        holdings=(h,),
        links=(lk,),
    )
    store = Store(tmp_path / "s.db")
    store.load(parsed)
    assert store.holdings() == [h]
    assert store.links() == [lk]
    json.dumps(to_dict(lk))


def test_answer_to_dict_renders_percent_and_denominator() -> None:
    row = ControllerRow(
        party_id="p",
        name="Nelson Obus",
        kind="person",
        ultimate=True,
        is_holder=False,
        sole_voting=0.0,
        shared_voting=3731324.0,
        sole_dispositive=0.0,
        shared_dispositive=3731324.0,
        aggregate=3731324.0,
        rights_to_acquire=0.0,
        percent=8.3449,
    )
    a = Answer(
        subject_id="i",
        subject_name="Issuer",
        subject_kind="issuer",
        rule="sec13d3",
        denominator=Denominator(44_700_000.0, "given", "44,700,000 shares (given)"),
        rows=(row,),
    )
    d = json.loads(json.dumps(a.to_dict()))
    assert d["rows"][0]["percent_text"] == "8.34%"
    assert d["denominator"]["source"] == "given"
    assert format_percent(None, (50.0, 75.0)) == "50.00-75.00%"
