"""BODS constructions the standard lets a publisher state, one small hand-written package
each, in every version's shape (0.1/0.2 kebab-case, 0.3 camelCase, 0.4 records): the
beneficialOwnershipOrControl flag, publication and source details, identifiers that name a
party (XI-LEI, GB-COH), and the entity and person types. Expected values are read by hand
from the statements built here and the standard's field definitions.
"""

from __future__ import annotations

import pytest

from ownergraph.graph.vocab import NodeKind
from tests.test_bods_standard import VERSIONS, Party, Rel, build, parse, ultimate


@pytest.mark.parametrize("version", VERSIONS)
def test_the_beneficial_flag_is_kept_as_stated(version: str) -> None:
    """Synthetic: Ann Owner 30 % of Subject Ltd flagged beneficial (true), Hold Co 40 %
    flagged not beneficial (false), Bob Other 30 % with no flag: each link keeps its own
    value (None where absent), and 30 / 40 % is control for nobody."""
    parties: list[Party] = [
        ("s", "entity", "Subject Ltd", {}),
        ("a", "person", "Ann Owner", {}),
        ("h", "entity", "Hold Co", {}),
        ("b", "person", "Bob Other", {}),
    ]

    def holding(pct: int, flag: bool | None) -> list[dict[str, object]]:
        it: dict[str, object] = {"type": "shareholding", "share": {"exact": pct}}
        if flag is not None:
            it["beneficialOwnershipOrControl"] = flag
        return [it]

    rels: list[Rel] = [
        ("r1", "s", "a", holding(30, True), {}),
        ("r2", "s", "h", holding(40, False), {}),
        ("r3", "s", "b", holding(30, None), {}),
    ]
    doc = parse(build(version, parties, rels))
    name = {p.id: p.name for p in doc.parties}
    got = sorted((name[lk.controller_id], lk.beneficial) for lk in doc.links)
    assert got == [("Ann Owner", True), ("Bob Other", None), ("Hold Co", False)]
    assert ultimate(doc, "Subject Ltd") == []


@pytest.mark.parametrize("version", ["0.2", "0.3", "0.4"])
def test_publication_and_source_details(version: str) -> None:
    """Synthetic: statements published 2024-03-01 by publisher "T", each relationship's
    source an official register: the document is titled by the publisher, dated by the
    publication, and the link's provenance names the source."""
    parties: list[Party] = [("s", "entity", "Subject Ltd", {}), ("a", "person", "Ann Owner", {})]
    source = {"type": ["officialRegister"], "description": "Example Companies Register"}
    rels: list[Rel] = [("r1", "s", "a", [{"type": "shareholding", "share": {"exact": 100}}], {})]
    sts = build(version, parties, rels)
    sts[-1]["source"] = source  # a statement's own field in every version
    doc = parse(sts)
    assert doc.document.title == "T"
    assert str(doc.document.filed_date) == "2024-03-01"
    assert doc.extra["publication"]["bodsVersion"] == version
    (lk,) = doc.links
    assert "source: officialRegister; Example Companies Register" in (lk.provenance[0].note or "")


@pytest.mark.parametrize("version", VERSIONS)
def test_identifiers_name_a_party(version: str) -> None:
    """Synthetic: Hold Co stated twice (its GB-COH number once with its leading zero, once
    without) and once more by its LEI alone under another statement; each statement owns
    part of a different company. One party: its id is the LEI's, both company numbers kept."""
    lei = "5493001KJTIIGC8Y1R12"
    parties: list[Party] = [
        ("s1", "entity", "One Ltd", {}),
        ("s2", "entity", "Two Ltd", {}),
        (
            "h1",
            "entity",
            "Hold Co",
            {
                "identifiers": [
                    {"scheme": "GB-COH", "id": "01234567"},
                    {"scheme": "XI-LEI", "id": lei},
                ]
            },
        ),
        (
            "h2",
            "entity",
            "HOLD CO LIMITED",
            {"identifiers": [{"scheme": "GB-COH", "id": "1234567"}]},
        ),
    ]
    rels: list[Rel] = [
        ("r1", "s1", "h1", [{"type": "shareholding", "share": {"exact": 60}}], {}),
        ("r2", "s2", "h2", [{"type": "shareholding", "share": {"exact": 70}}], {}),
    ]
    doc = parse(build(version, parties, rels))
    (hold,) = [p for p in doc.parties if p.identifier("lei")]
    assert hold.identifier("lei") == lei
    assert {v for k, v in hold.identifiers if k == "GB-COH"} == {"01234567", "1234567"}
    assert {lk.controller_id for lk in doc.links} == {hold.id}
    assert ultimate(doc, "One Ltd") == ultimate(doc, "Two Ltd") == [hold.name]


#: entityType -> (node kind, whether the register answer says "state") read from the
#: codelist: anonymous entities are stated entities whose details are withheld; unknown
#: entities are unknown parties.
ENTITY_TYPES = {
    "registeredEntity": NodeKind.ENTITY,
    "legalEntity": NodeKind.ENTITY,
    "arrangement": NodeKind.ENTITY,
    "anonymousEntity": NodeKind.ENTITY,
    "unknownEntity": NodeKind.UNKNOWN,
    "state": NodeKind.ENTITY,
    "stateBody": NodeKind.ENTITY,
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("etype", sorted(ENTITY_TYPES))
def test_every_entity_type_owns_as_stated(version: str, etype: str) -> None:
    """Synthetic: Subject Ltd 100 % held by an entity of each type (named "Owner" unless
    its details are withheld): the owner has the codelist's kind, the link is the 100 %
    shareholding, and the owner is the one who controls Subject Ltd."""
    withheld = etype in ("anonymousEntity", "unknownEntity")
    extra: dict[str, object] = {"entityType": etype}
    if withheld:
        key = "unspecifiedEntityDetails"
        extra[key] = {"reason": "informationUnknownToPublisher"}
    parties: list[Party] = [
        ("s", "entity", "Subject Ltd", {}),
        ("o", "entity", None if withheld else "Owner", extra),
    ]
    rels: list[Rel] = [("r1", "s", "o", [{"type": "shareholding", "share": {"exact": 100}}], {})]
    doc = parse(build(version, parties, rels))
    (owner,) = [p for p in doc.parties if p.name != "Subject Ltd"]
    assert owner.kind == ENTITY_TYPES[etype]
    (lk,) = doc.links
    assert (lk.controller_id, lk.role.value, lk.share.minimum) == (owner.id, "shareholder", 100.0)
    if etype != "arrangement":  # an arrangement's holders hold it jointly: nobody is above it
        assert ultimate(doc, "Subject Ltd") == [owner.name]
    note = owner.provenance[0].note or ""
    assert f"entityStatement {etype}" in note


@pytest.mark.parametrize("version", VERSIONS)
def test_person_types(version: str) -> None:
    """Synthetic: a known person (Ann Owner) 40 %, an anonymous person 35 % and an unknown
    person 25 % of Subject Ltd: persons, except the unknown one (an unknown party)."""
    parties: list[Party] = [
        ("s", "entity", "Subject Ltd", {}),
        ("a", "person", "Ann Owner", {}),
        (
            "x",
            "person",
            None,
            {
                "personType": "anonymousPerson",
                "unspecifiedPersonDetails": {"reason": "interestedPartyExemptFromDisclosure"},
            },
        ),
        (
            "u",
            "person",
            None,
            {"personType": "unknownPerson", "unspecifiedPersonDetails": {"reason": "unknown"}},
        ),
    ]
    rels: list[Rel] = [
        ("r1", "s", "a", [{"type": "shareholding", "share": {"exact": 40}}], {}),
        ("r2", "s", "x", [{"type": "shareholding", "share": {"exact": 35}}], {}),
        ("r3", "s", "u", [{"type": "shareholding", "share": {"exact": 25}}], {}),
    ]
    doc = parse(build(version, parties, rels))
    kinds = sorted((p.name.split(" (")[0], p.kind.value) for p in doc.parties)
    assert kinds == [
        ("Ann Owner", "person"),
        ("Anonymous person", "person"),
        ("Subject Ltd", "entity"),
        ("Unknown person", "unknown"),
    ]
    assert len(doc.links) == 3
    assert ultimate(doc, "Subject Ltd") == []  # 40 / 35 / 25 %: nobody holds more than half


@pytest.mark.parametrize("version", VERSIONS)
def test_a_named_person_carries_no_unknown_spelling(version: str) -> None:
    """Synthetic: Ann Owner and Bob Other, each named once, hold 50 % of Subject Ltd: neither
    takes the spelling "Unknown person" of a person stated without a name (two named
    persons sharing it were merged by entity resolution on load)."""
    parties: list[Party] = [
        ("s", "entity", "Subject Ltd", {}),
        ("a", "person", "Ann Owner", {}),
        ("b", "person", "Bob Other", {}),
    ]
    half = [{"type": "shareholding", "share": {"exact": 50}}]
    rels: list[Rel] = [("r1", "s", "a", half, {}), ("r2", "s", "b", half, {})]
    doc = parse(build(version, parties, rels))
    persons = {p.name: p.names for p in doc.parties if p.kind == NodeKind.PERSON}
    assert persons == {"Ann Owner": (), "Bob Other": ()}
