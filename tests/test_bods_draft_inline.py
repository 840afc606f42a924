"""BODS pre-0.1 draft with inline parties: ``statementGroups[].beneficialOwnershipStatements``.

The earliest draft of the standard had no party statements: each beneficial ownership
statement describes its ``entity`` and its ``interestedParty`` inline, each typed by a
``type`` word (``naturalPerson``, ``registeredEntity``, ``legalEntity``, ``arrangement``,
``anonymousPerson`` ...) and carrying its own ``id``; interests carry ``interestLevel``.
The statements below are synthetic, in that shape: Acme Holdings Ltd is held 100 % by the
Smith Family Trust, the trust by Ann Smith, and Ann holds Acme indirectly. The trust is
described twice (interested party of the first statement, entity of the second) with two
ids, as a draft publisher may write it.
"""

from __future__ import annotations

import copy
import io
import json
from typing import Any

from ownergraph.graph.model import ParsedDocument
from ownergraph.graph.vocab import DirectOrIndirect, NodeKind, Role
from ownergraph.loaders import bods
from tests.test_bods_standard import ultimate

ACME = {
    "id": "e-acme",
    "type": "registeredEntity",
    "name": "Acme Holdings Ltd",
    "jurisdiction": "GB",
    "identifiers": [{"scheme": "GB-COH", "id": "01234567"}],
    "foundingDate": "2001-01-01",
}
TRUST_AS_OWNER = {"id": "ip-trust", "type": "legalEntity", "name": "Smith Family Trust"}
TRUST_AS_OWNED = {
    "id": "e-trust",
    "type": "legalEntity",
    "name": "Smith Family Trust",
    "foundingDate": "2005-01-01",
}
ANN = {"id": "p-ann", "type": "naturalPerson", "name": "Ann Smith", "jurisdiction": "GB"}


def _statement(sid: str, entity: dict[str, Any], party: dict[str, Any], level: str) -> dict:
    return {
        "id": sid,
        "statementDate": "2017-03-01",
        "entity": copy.deepcopy(entity),
        "interestedParty": copy.deepcopy(party),
        "interests": [{"type": "shareholding", "interestLevel": level, "share": {"exact": 100}}],
        "source": {"type": ["selfDeclaration"], "assertedBy": [{"name": "Acme"}]},
    }


def _draft(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"statementGroups": [{"id": "g1", "beneficialOwnershipStatements": list(statements)}]}


def _chain() -> dict[str, Any]:
    return _draft(
        _statement("s1", ACME, TRUST_AS_OWNER, "direct"),
        _statement("s2", TRUST_AS_OWNED, ANN, "direct"),
        _statement("s3", ACME, ANN, "indirect"),
    )


def _parse(data: dict[str, Any]) -> ParsedDocument:
    return bods.parse(io.BytesIO(json.dumps(data).encode()), path="draft.json")


def _edges(doc: ParsedDocument) -> list[tuple[str, str, Role, DirectOrIndirect]]:
    name = {p.id: p.name for p in doc.parties}
    return [
        (name[lk.controller_id], name[lk.controlled_id], lk.role, lk.direct_or_indirect)
        for lk in doc.links
    ]


def test_inline_parties_of_a_draft_make_every_link() -> None:
    doc = _parse(_chain())
    assert doc.extra["bods_version"] == "pre-0.1"
    assert not [f for f in doc.findings if f.kind == "dangling_reference"]
    assert sorted(_edges(doc)) == [
        ("Ann Smith", "Acme Holdings Ltd", Role.SHAREHOLDER, DirectOrIndirect.INDIRECT),
        ("Ann Smith", "Smith Family Trust", Role.SHAREHOLDER, DirectOrIndirect.DIRECT),
        ("Smith Family Trust", "Acme Holdings Ltd", Role.SHAREHOLDER, DirectOrIndirect.DIRECT),
    ]


def test_the_draft_type_word_names_the_party_kind() -> None:
    doc = _parse(_chain())
    kinds = {p.name: p.kind for p in doc.parties}
    assert kinds == {
        "Acme Holdings Ltd": NodeKind.ENTITY,
        "Smith Family Trust": NodeKind.ENTITY,
        "Ann Smith": NodeKind.PERSON,  # naturalPerson, though no nationality says so
    }
    acme = next(p for p in doc.parties if p.name == "Acme Holdings Ltd")
    assert acme.identifier("GB-COH") == "01234567"
    assert acme.jurisdiction == "GB"  # a jurisdiction written as its code alone


def test_one_party_described_twice_is_one_party() -> None:
    doc = _parse(_chain())
    trusts = [p for p in doc.parties if p.name == "Smith Family Trust"]
    assert len(trusts) == 1
    assert {v for s, v in trusts[0].identifiers if s == "bods"} == {"ip-trust", "e-trust"}
    assert any(f.kind == "same_party" for f in doc.findings)
    # one trust: Ann is the only ultimate owner of Acme (two trusts would leave one on top)
    assert ultimate(doc, "Acme Holdings Ltd") == ["Ann Smith"]


def test_descriptions_that_differ_stay_two_parties() -> None:
    other_place = {**TRUST_AS_OWNED, "jurisdiction": "JE"}
    doc = _parse(
        _draft(
            _statement("s1", ACME, {**TRUST_AS_OWNER, "jurisdiction": "GB"}, "direct"),
            _statement("s2", other_place, ANN, "direct"),
        )
    )
    assert [p.name for p in doc.parties].count("Smith Family Trust") == 2
    numbered = [
        {**ACME, "id": "e-1", "identifiers": [{"scheme": "GB-COH", "id": "1"}]},
        {**ACME, "id": "e-2", "identifiers": [{"scheme": "GB-COH", "id": "2"}]},
    ]
    doc = _parse(
        _draft(
            _statement("s1", numbered[0], ANN, "direct"),
            _statement("s2", numbered[1], ANN, "direct"),
        )
    )
    assert [p.name for p in doc.parties].count("Acme Holdings Ltd") == 2
    assert ultimate(doc, "Acme Holdings Ltd") == ["Ann Smith"]


def test_unknown_and_anonymous_draft_parties() -> None:
    anonymous = {"id": "p-x", "type": "anonymousPerson"}
    unknown = {"id": "p-y", "type": "unknownPerson"}
    doc = _parse(
        _draft(
            _statement("s1", ACME, anonymous, "direct"),
            _statement("s2", ACME, unknown, "direct"),
        )
    )
    kinds = sorted(p.kind.value for p in doc.parties)
    assert kinds == sorted([NodeKind.ENTITY.value, NodeKind.PERSON.value, NodeKind.UNKNOWN.value])
    assert len(doc.links) == 2
    assert not [f for f in doc.findings if f.kind == "dangling_reference"]


def test_a_party_typed_arrangement_is_an_entity() -> None:
    trust = {"id": "t", "type": "arrangement", "name": "Blue Trust"}
    doc = _parse(_draft(_statement("s1", ACME, trust, "direct")))
    assert {p.name: p.kind for p in doc.parties}["Blue Trust"] == NodeKind.ENTITY
    assert _edges(doc) == [
        ("Blue Trust", "Acme Holdings Ltd", Role.SHAREHOLDER, DirectOrIndirect.DIRECT)
    ]


def test_draft_statements_without_their_groups() -> None:
    from ownergraph.loaders import detect, parse_bytes

    statements = _chain()["statementGroups"][0]["beneficialOwnershipStatements"]
    for data in (statements, {"beneficialOwnershipStatements": statements}):
        raw = json.dumps(data).encode()
        assert detect(raw).value == "bods"
        doc = parse_bytes(raw, path="draft.json")
        assert doc.extra["bods_version"] == "pre-0.1"
        assert len(doc.links) == 3
        assert ultimate(doc, "Acme Holdings Ltd") == ["Ann Smith"]
        assert [p.name for p in doc.parties].count("Smith Family Trust") == 1


def test_published_statements_are_no_draft() -> None:
    from ownergraph.loaders.bods_shape import is_draft_statement

    assert not is_draft_statement(
        {
            "statementID": "r1",
            "statementType": "ownershipOrControlStatement",
            "interestedParty": {"describedByPersonStatement": "p1"},
            "interests": [],
        }
    )
    assert not is_draft_statement({"id": "x", "entity": {"name": "A"}})  # no draft type
