"""BODS loader: the hand-checked facts of tests/fixtures/README.md section D, and bad input.

The fixture test is glob-parametrised over ``tests/fixtures/bods/*.json``: every file needs
an entry in ``tests/fixtures/bods/expected.json`` (adding a file adds a test).
"""

from __future__ import annotations

import copy
import io
import json
import socket
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import party_id
from ownergraph.graph.model import ParsedDocument
from ownergraph.graph.vocab import EdgeKind, NodeKind, Role, SourceFormat
from ownergraph.loaders import bods, detect, parse_path

FIX = Path(__file__).parent / "fixtures" / "bods"
EXPECTED = json.loads((FIX / "expected.json").read_text("utf-8"))
FILES = sorted(p for p in FIX.glob("*.json") if p.name != "expected.json")
JENEX = FIX / "jenex-mvj_entity-owning-entity_bods-0.4.json"


def _parse(data: Any, name: str = "t.json") -> ParsedDocument:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return bods.parse(io.BytesIO(raw), path=name)


def _by_name(doc: ParsedDocument) -> dict[str, Any]:
    return {p.id: p.name for p in doc.parties}


def test_every_fixture_has_expectations() -> None:
    names = {p.name for p in FILES}
    assert names == {k for k in EXPECTED if not k.startswith("_")}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_fixture_facts(path: Path) -> None:
    exp = EXPECTED[path.name]
    assert detect(path.read_bytes()) == SourceFormat.BODS
    doc = parse_path(path)
    assert doc.extra["bods_version"] == exp["version"]
    assert doc.document.format == SourceFormat.BODS
    names = _by_name(doc)
    issuer = names.get(doc.document.issuer_id) if doc.document.issuer_id else None
    assert issuer == exp["issuer"]

    assert [p.name for p in doc.parties] == [p["name"] for p in exp["parties"]]
    for p, e in zip(doc.parties, exp["parties"], strict=True):
        assert p.kind == NodeKind(e["kind"]), p.name
        assert p.jurisdiction == e["jurisdiction"], p.name
        ids = [
            list(i)
            for i in p.identifiers
            if i[0]
            not in (
                "bods",
                "OpenCorporates",
                "OpenOwnership Register",
                "GB Persons Of Significant Control Register",
            )
        ]
        assert sorted(ids) == sorted(e["identifiers"]), p.name
        if "is_component" in e:
            assert p.is_component is e["is_component"], p.name
        if "lei" in e:
            assert p.id == party_id(lei=e["lei"])
        else:
            assert p.identifier("lei") is None

    assert len(doc.links) == len(exp["links"])
    for lk, e in zip(doc.links, exp["links"], strict=True):
        where = f"{e['controller']} -> {e['controlled']}"
        assert names[lk.controller_id] == e["controller"], where
        assert names[lk.controlled_id] == e["controlled"], where
        assert lk.kind == EdgeKind(e["kind"]), where
        assert lk.role == Role(e["role"]), where
        if e["share"] is None:
            assert lk.share is None, where  # unknown stays unknown: never 0 or 100
        else:
            lo, hi, xlo, xhi = e["share"]
            assert (lk.share.minimum, lk.share.maximum) == (lo, hi), where
            assert (lk.share.exclusive_minimum, lk.share.exclusive_maximum) == (xlo, xhi), where
        assert list(lk.interest_types) == e["interest_types"], where
        assert lk.direct_or_indirect.value == e["direct_or_indirect"], where
        assert lk.beneficial is e["beneficial"], where
        assert (lk.start_date.isoformat() if lk.start_date else None) == e["start_date"], where
        assert (lk.as_of.isoformat() if lk.as_of else None) == e["as_of"], where
        assert lk.details == e["details"], where
        assert len(lk.component_ids) == e["components"], where
        assert lk.provenance and lk.provenance[0].xpath.startswith("/")

    kinds = sorted(f.kind for f in doc.findings)
    assert kinds == sorted(e for e in exp["findings"]), [f.message for f in doc.findings]


def test_ua_components_point_at_the_chain() -> None:
    """UA 0.2: the primary 50 % link lists the unknown entity and both component links."""
    doc = parse_path(FIX / "ua-example_indirect-natural-person-via-foreign-entity_bods-0.2.json")
    primary = next(lk for lk in doc.links if lk.kind == EdgeKind.OWNS)
    unknown = next(p for p in doc.parties if p.kind == NodeKind.UNKNOWN)
    others = {lk.id for lk in doc.links if lk.id != primary.id}
    assert primary.component_ids[0] == unknown.id
    assert set(primary.component_ids[1:]) == others
    assert "IRINA LTD" in (primary.provenance[0].note or "")  # the annotation is kept


def test_bods_and_gleif_give_one_node_per_lei() -> None:
    """HGNH: the BODS statements and the GLEIF records of the same LEIs are the same ids."""
    b = parse_path(FIX / "hgnh-hengdian_gleif-derived_bods-0.4.json")
    g = parse_path(FIX.parent / "gleif" / "hgnh-hengdian_gleif-rr-and-lei-records_api-json.json")
    assert {p.id for p in b.parties} == {p.id for p in g.parties}
    notes = " ".join(p.provenance[0].note or "" for p in b.parties)
    assert "LEI Registration Status: LAPSED" in notes


def test_validation_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """libcovebods' org-id check would download org-id.guide: parsing must not."""

    def refuse(*a: Any, **k: Any) -> None:
        raise AssertionError("network access during parse")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr("requests.get", refuse)
    for path in FILES:
        doc = parse_path(path)
        assert not [f for f in doc.findings if f.kind == "bods_validation"], path.name


def test_validation_results_become_findings() -> None:
    data = json.loads(JENEX.read_text("utf-8"))
    data[0]["recordType"] = "entity"
    data[0]["publicationDetails"]["bodsVersion"] = "0.4"
    data[1]["recordDetails"]["entityType"] = {"type": "notAType"}
    doc = _parse(data)
    found = [f for f in doc.findings if f.kind == "bods_validation"]
    assert found and found[0].severity.value == "error"
    assert "notAType" in found[0].message
    assert found[0].evidence[0].xpath.startswith("/1/recordDetails")


def test_orgid_list_can_be_given() -> None:
    """With an org-id list the scheme check runs (offline): GB-COH missing -> a warning."""
    doc = bods.parse(io.BytesIO(JENEX.read_bytes()), path="j.json", orgid_prefixes=["XI-LEI"])
    checks = [f.found["type"] for f in doc.findings if f.kind == "bods_validation"]
    assert "entity_identifiers_not_known_scheme" in checks


# --------------------------------------------------------------------------- versions


def _v03(share: dict[str, Any]) -> list[dict[str, Any]]:
    pub = {"publicationDate": "2020-01-01", "bodsVersion": "0.3", "publisher": {"name": "t"}}
    return [
        {
            "statementID": "rel-1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "statementType": "ownershipOrControlStatement",
            "statementDate": "2020-01-01",
            "subject": {"describedByEntityStatement": "ent-1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
            "interestedParty": {
                "describedByPersonStatement": "per-1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            },
            "interests": [
                {"type": "shareholding", "directOrIndirect": "direct", "share": share},
                {"type": "votingRights", "directOrIndirect": "direct", "share": share},
                {"type": "appointmentOfBoard", "directOrIndirect": "direct"},
            ],
            "publicationDetails": pub,
        },
        {
            "statementID": "ent-1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "statementType": "entityStatement",
            "entityType": "registeredEntity",
            "name": "Target Ltd",
            "identifiers": [{"scheme": "XI-LEI", "id": "5493001KJTIIGC8Y1R12"}],
            "publicationDetails": pub,
        },
        {
            "statementID": "per-1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "statementType": "personStatement",
            "personType": "knownPerson",
            "names": [{"type": "individual", "givenName": "Ada", "familyName": "Lovelace"}],
            "publicationDetails": pub,
        },
    ]


def test_v03_forward_references_and_default_exclusive_maximum() -> None:
    """0.3: the relationship comes first (two passes); a stated maximum is exclusive by default."""
    doc = _parse(_v03({"minimum": 25, "maximum": 50}))
    assert doc.extra["bods_version"] == "0.3"
    own, vote, board = doc.links
    assert own.kind == EdgeKind.OWNS and vote.kind == board.kind == EdgeKind.CONTROLS
    assert (own.share.minimum, own.share.maximum, own.share.exclusive_maximum) == (25, 50, True)
    assert vote.voting_share == vote.share and vote.role == Role.VOTING_RIGHTS
    assert board.share is None and board.role == Role.APPOINTMENT_OF_BOARD
    target = doc.party(own.controlled_id)
    assert target.id == party_id(lei="5493001KJTIIGC8Y1R12")
    assert doc.party(own.controller_id).name == "Ada Lovelace"


def test_v03_kebab_case_interest_types_keep_their_roles() -> None:
    """0.3 spells the types it added in kebab-case like the older ones ("board-member",
    "board-chair", "unpublished-interest"): each keeps its role, not OTHER."""
    data = _v03({"exact": 10})
    data[0]["interests"] = [
        {"type": t}
        for t in ("board-member", "board-chair", "unpublished-interest", "voting-rights")
    ]
    assert [lk.role for lk in _parse(data).links] == [
        Role.DIRECTOR,
        Role.DIRECTOR,
        Role.UNKNOWN_INTEREST,
        Role.VOTING_RIGHTS,
    ]


def test_v04_updates_and_closed_records() -> None:
    """0.4: the latest statement of a recordId wins; a closed relationship ends."""
    data = json.loads(JENEX.read_text("utf-8"))
    later = copy.deepcopy(data[2])
    later["statementId"] = "85e7cbb2-992d-4bd2-a2f7-1274b1137f6e"
    later["statementDate"] = "2019-01-01"
    later["recordStatus"] = "closed"
    doc = _parse([*data, later])
    assert len(doc.links) == 1
    assert doc.links[0].end_date.isoformat() == "2019-01-01"
    assert "superseded_statement" in {f.kind for f in doc.findings}


def test_v04_unspecified_interested_party() -> None:
    data = json.loads(JENEX.read_text("utf-8"))
    data[2]["recordDetails"]["interestedParty"] = {
        "reason": "subjectUnableToConfirmOrIdentifyBeneficialOwner",
        "description": "PSC unknown",
    }
    doc = _parse(data)
    (lk,) = doc.links
    owner = doc.party(lk.controller_id)
    assert owner.kind == NodeKind.UNKNOWN and owner.name == "PSC unknown"


# --------------------------------------------------------------------------- bad input


def test_truncated_json_is_an_input_error() -> None:
    raw = JENEX.read_bytes()[:700]
    with pytest.raises(InputError) as e:
        _parse(raw, "cut.json")
    assert e.value.path == "cut.json" and e.value.place.startswith("line ")
    assert "truncated or invalid JSON" in e.value.reason


@pytest.mark.parametrize("root", [{"statements": []}, "text", 5, []])
def test_wrong_root(root: Any) -> None:
    with pytest.raises(InputError) as e:
        _parse(root)
    assert e.value.place == "/"


def test_statement_that_is_not_an_object() -> None:
    data = json.loads(JENEX.read_text("utf-8"))
    with pytest.raises(InputError) as e:
        _parse([*data, "oops"])
    assert e.value.place == "/3"


@pytest.mark.parametrize(
    ("share", "key"),
    [
        ({"minimum": "abc"}, "minimum"),
        ({"exact": 150}, "exact"),
        ({"minimum": -1}, "minimum"),
        ({"exact": True}, "exact"),
        ({"minimum": 80, "maximum": 20}, None),
    ],
)
def test_invalid_share_numbers(share: dict[str, Any], key: str | None) -> None:
    data = json.loads(JENEX.read_text("utf-8"))
    data[2]["recordDetails"]["interests"][0]["share"] = share
    with pytest.raises(InputError) as e:
        _parse(data)
    place = "/2/recordDetails/interests/0/share"
    assert e.value.place == (f"{place}/{key}" if key else place)


def test_dangling_reference_is_a_finding_not_a_silent_drop() -> None:
    data = json.loads(JENEX.read_text("utf-8"))
    data[2]["recordDetails"]["interestedParty"] = "no-such-record"
    doc = _parse(data)
    assert doc.links == ()
    (f,) = [f for f in doc.findings if f.kind == "dangling_reference"]
    assert f.severity.value == "error"
    assert f.found["reference"] == "no-such-record"
    assert f.found["interests"][0]["share"] == {"minimum": 75, "exclusiveMaximum": 100}
    assert f.evidence[0].xpath == "/2/recordDetails/interestedParty"


def test_dangling_component_is_a_finding() -> None:
    data = json.loads(JENEX.read_text("utf-8"))
    data[2]["recordDetails"]["componentRecords"] = ["ghost"]
    doc = _parse(data)
    assert len(doc.links) == 1 and doc.links[0].component_ids == ()
    assert [f.found for f in doc.findings if f.kind == "dangling_reference"] == ["ghost"]


def test_deeply_nested_json() -> None:
    raw = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(InputError) as e:
        _parse(raw, "deep.json")
    assert "nested deeper" in e.value.reason


def test_not_a_statement() -> None:
    with pytest.raises(InputError) as e:
        _parse([{"statementID": "x", "statementType": "fooStatement"}])
    assert e.value.place == "/0"


# --------------------------------------------------------------------------- contract


def test_parse_json_contract_has_interests_in_relationships() -> None:
    res = CliRunner().invoke(main, ["parse", str(JENEX), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["source"]["format"] == "bods"
    (rel,) = out["relationships"]
    assert (rel["controller"], rel["controlled"]) == ("MVJ LIMITED", "JENEX LIMITED")
    assert (rel["share_min"], rel["share_max"]) == (75, 100)
    assert rel["share_exclusive_max"] is True and rel["share_exclusive_min"] is False
    assert rel["kind"] == "owns" and rel["interest_types"] == ["shareholding"]
    assert rel["direct_or_indirect"] == "direct"


def test_parse_json_contract_unknown_share_is_null() -> None:
    path = FIX / "hgnh-hengdian_gleif-derived_bods-0.4.json"
    out = json.loads(CliRunner().invoke(main, ["parse", str(path), "--json"]).output)
    (rel,) = out["relationships"]
    assert rel["share_min"] is None and rel["share_max"] is None
    assert rel["evidence"] == "Relationship Type: IS_ULTIMATELY_CONSOLIDATED_BY"


def test_bad_file_exits_2_with_place(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(JENEX.read_bytes()[:700])
    res = CliRunner().invoke(main, ["parse", str(bad), "--json"])
    assert res.exit_code == 2
    assert "bad.json: line" in res.output


# --------------------------------------------------------------------------- versions, drafts


def _draft() -> dict[str, Any]:
    """A pre-0.1 draft (statementGroups, typed arrays, ids as ``id``, references as
    ``{"entityStatement": id}``): a company 100 % held by a trust, the trust's beneficiary,
    and the beneficiary's indirect interest through both."""
    return {
        "statementGroups": [
            {
                "statementGroupID": "g1",
                "statementDate": "2017-04-01",
                "entityStatements": [
                    {
                        "id": "e-co",
                        "entityType": "registeredEntity",
                        "name": "Widget Ltd",
                        "identifiers": [{"scheme": "GB-COH", "id": "01234567"}],
                    },
                    {"id": "e-trust", "entityType": "legalEntity", "name": "Smith Family Trust"},
                ],
                "personStatements": [{"id": "p-ann", "name": "Ann Smith"}],
                "ownershipOrControlStatements": [
                    {
                        "id": "o1",
                        "subject": {"entityStatement": "e-co"},
                        "interestedParty": {"entityStatement": "e-trust"},
                        "interests": [{"type": "shareholding", "share": {"exact": 100}}],
                    },
                    {
                        "id": "o2",
                        "subject": {"entityStatement": "e-trust"},
                        "interestedParty": {"personStatement": "p-ann"},
                        "interest": {"interestType": "beneficiary-of-trust"},
                    },
                    {
                        "id": "o3",
                        "subject": {"entityStatement": "e-co"},
                        "interestedParty": {"personStatement": "p-ann"},
                        "interests": [
                            {"type": "shareholding", "interestLevel": "indirect", "share": 100}
                        ],
                        "componentStatementIDs": ["o1", "o2"],
                    },
                ],
            }
        ]
    }


def test_pre01_statement_groups_draft() -> None:
    doc = _parse(_draft(), "draft.json")
    assert doc.extra["bods_version"] == "pre-0.1"
    assert [(p.name, p.kind) for p in doc.parties] == [
        ("Widget Ltd", NodeKind.ENTITY),
        ("Smith Family Trust", NodeKind.ENTITY),
        ("Ann Smith", NodeKind.PERSON),
    ]
    assert doc.parties[0].identifier("GB-COH") == "01234567"
    name = _by_name(doc)
    got = [
        (name[lk.controller_id], name[lk.controlled_id], lk.role, lk.direct_or_indirect.value)
        for lk in doc.links
    ]
    assert got == [
        ("Smith Family Trust", "Widget Ltd", Role.SHAREHOLDER, "unknown"),
        ("Ann Smith", "Smith Family Trust", Role.BENEFICIARY, "unknown"),
        ("Ann Smith", "Widget Ltd", Role.SHAREHOLDER, "indirect"),
    ]
    assert doc.links[0].share.minimum == doc.links[2].share.maximum == 100
    assert set(doc.links[2].component_ids) == {doc.links[0].id, doc.links[1].id}
    assert (
        doc.links[0].provenance[0].xpath
        == "/statementGroups/0/ownershipOrControlStatements/0/interests/0"
    )
    assert {f.kind for f in doc.findings} == {"bods_draft"}


def test_draft_with_a_bad_statement_names_its_place() -> None:
    data = _draft()
    data["statementGroups"][0]["ownershipOrControlStatements"][0]["interests"][0]["share"] = {
        "exact": "lots"
    }
    with pytest.raises(InputError) as e:
        _parse(data, "draft.json")
    assert e.value.path == "draft.json"
    assert (
        e.value.place == "/statementGroups/0/ownershipOrControlStatements/0/interests/0/share/exact"
    )


def test_inline_party_statement_becomes_a_party() -> None:
    """A relationship that writes its interested party inside itself, not by reference."""
    data = json.loads(JENEX.read_text("utf-8"))
    pub = data[0]["publicationDetails"]
    v03 = [
        {
            "statementID": "ent-1",
            "statementType": "entityStatement",
            "entityType": "registeredEntity",
            "name": "Target Ltd",
            "publicationDetails": {**pub, "bodsVersion": "0.3"},
        },
        {
            "statementID": "ooc-1",
            "statementType": "ownershipOrControlStatement",
            "subject": {"describedByEntityStatement": "ent-1"},
            "interestedParty": {
                "describedByPersonStatement": {
                    "statementID": "per-1",
                    "statementType": "personStatement",
                    "names": [{"fullName": "Ada Lovelace"}],
                }
            },
            "interests": [{"type": "shareholding", "share": {"exact": 60}}],
            "publicationDetails": {**pub, "bodsVersion": "0.3"},
        },
    ]
    doc = _parse(v03)
    (lk,) = doc.links
    assert doc.party(lk.controller_id).name == "Ada Lovelace"
    assert doc.party(lk.controller_id).kind == NodeKind.PERSON
    assert doc.party(lk.controlled_id).name == "Target Ltd"


def test_reference_to_a_replaced_party_statement_follows_the_replacement() -> None:
    """0.1-0.3: a person statement replaced by a later one; a relationship still naming the
    old statement links the person of its replacement (not a dangling reference)."""
    data = _v03({"exact": 30})
    data = [st for st in data if st["statementType"] != "ownershipOrControlStatement"] + [
        st for st in data if st["statementType"] == "ownershipOrControlStatement"
    ]
    person = next(st for st in data if st["statementType"] == "personStatement")
    newer = {
        **copy.deepcopy(person),
        "statementID": "per-2-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "names": [{"type": "individual", "fullName": "Augusta Ada King"}],
        "replacesStatements": [person["statementID"]],
    }
    doc = _parse([*data, newer])
    assert "dangling_reference" not in {f.kind for f in doc.findings}
    assert {doc.party(lk.controller_id).name for lk in doc.links} == {"Augusta Ada King"}


# --------------------------------------------------------------------------- conformance suite

_CASES = __import__("bods_fixtures").list_cases()


def _case(name: str) -> list[dict[str, Any]]:
    import bods_fixtures

    return copy.deepcopy(bods_fixtures.load(name).statements)


@pytest.mark.parametrize("name", _CASES)
def test_conformance_fixture_loads_as_it_states(name: str) -> None:
    """Every bods-v04-fixtures case: one party per entity / person record (plus one per
    inline unspecified party), one link per interest of each relationship (one link when it
    lists none) between the parties its references name, interest types and
    beneficialOwnershipOrControl kept; the document loads (no dangling reference)."""
    from ownergraph.loaders import check_loadable

    sts = _case(name)
    doc = _parse(sts, f"{name}.json")
    check_loadable(doc)
    assert doc.extra["bods_version"] == "0.4"
    records = {s["recordId"]: s for s in sts if s["recordType"] in ("entity", "person")}
    rels = [s for s in sts if s["recordType"] == "relationship"]
    inline = [r for r in rels if isinstance(r["recordDetails"]["interestedParty"], dict)]
    assert len(doc.parties) == len(records) + len(inline)
    ref_of = doc.extra["references"]
    expected = []
    for r in rels:
        d = r["recordDetails"]
        who = d["interestedParty"]
        for it in d.get("interests") or [{}]:
            expected.append(
                (
                    ref_of.get(who) if isinstance(who, str) else "inline",
                    ref_of[d["subject"]],
                    it.get("type"),
                    it.get("beneficialOwnershipOrControl"),
                    (it.get("share") or {}).get("exact"),
                )
            )
    got = [
        (
            lk.controller_id if doc.party(lk.controller_id).kind != NodeKind.UNKNOWN else "inline",
            lk.controlled_id,
            lk.interest_types[0] if lk.interest_types else None,
            lk.beneficial,
            lk.share.minimum if lk.share else None,
        )
        for lk in doc.links
    ]
    assert got == expected


def test_conformance_direct_ownership_facts() -> None:
    """core/01: Jane Smith holds 75 % shares and 75 % votes of Acme Holdings Ltd, both
    beneficial, two interests kept apart."""
    doc = _parse(_case("core/01-direct-ownership"))
    name = _by_name(doc)
    assert sorted((name[lk.controller_id], lk.role, lk.share.minimum) for lk in doc.links) == [
        ("Jane Smith", Role.SHAREHOLDER, 75.0),
        ("Jane Smith", Role.VOTING_RIGHTS, 75.0),
    ]
    acme = next(p for p in doc.parties if p.name == "Acme Holdings Ltd")
    assert acme.identifier("GB-COH") == "10000001" and acme.jurisdiction == "GB"


def test_conformance_cycle_keeps_both_edges() -> None:
    doc = _parse(_case("edge-cases/10-circular-ownership"))
    name = _by_name(doc)
    assert sorted((name[lk.controller_id], name[lk.controlled_id]) for lk in doc.links) == [
        ("Alpha Corp Ltd", "Beta Corp Ltd"),
        ("Beta Corp Ltd", "Alpha Corp Ltd"),
    ]
    assert {lk.beneficial for lk in doc.links} == {False}


def test_conformance_declared_unknown_keeps_reason_and_description() -> None:
    doc = _parse(_case("edge-cases/11-anonymous-person"))
    (lk,) = doc.links
    owner = doc.party(lk.controller_id)
    assert owner.kind == NodeKind.UNKNOWN
    assert owner.name.startswith("The subject entity has reported that it is unable")
    assert "subjectUnableToConfirmOrIdentifyBeneficialOwner" in (owner.provenance[0].note or "")


def _break_truncate(sts: list[dict[str, Any]]) -> bytes:
    return json.dumps(sts).encode()[:-7]


def _break_share(sts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rel = next(s for s in sts if s["recordType"] == "relationship")
    rel["recordDetails"]["interests"] = [{"type": "shareholding", "share": {"exact": 150}}]
    return sts


def _break_details(sts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    sts[0]["recordDetails"] = "Acme"
    return sts


def _break_type(sts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    sts[-1]["recordType"] = "ownership"
    return sts


def _break_reference(sts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rel = next(s for s in sts if s["recordType"] == "relationship")
    rel["recordDetails"]["subject"] = "rec-nobody"
    return sts


def _break_date(sts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    sts[0]["statementDate"] = "2023-02-30"
    return sts


@pytest.mark.parametrize("name", _CASES)
@pytest.mark.parametrize(
    ("breaker", "place"),
    [
        (_break_truncate, "line 1"),
        (_break_share, "/interests/0/share/exact"),
        (_break_details, "/0/recordDetails"),
        (_break_type, "/"),
        (_break_reference, "/recordDetails/subject"),
        (_break_date, "/0/statementDate"),
    ],
    ids=lambda x: getattr(x, "__name__", x),
)
def test_conformance_invalid_variant_is_refused(name: str, breaker: Any, place: str) -> None:
    """Each case broken one way (truncated, share out of range, details not an object, an
    unknown record type, a subject naming no record, an impossible date) is refused with a
    typed InputError naming the file and the place (a dangling reference at load time)."""
    from ownergraph.loaders import check_loadable

    path = f"broken-{name.replace('/', '-')}.json"
    with pytest.raises(InputError) as e:
        check_loadable(_parse(breaker(_case(name)), path))
    assert e.value.path == path
    assert place in (e.value.place or "")


# --------------------------------------------------------------------------- streaming


def _chain(n: int) -> list[dict[str, Any]]:
    """n 0.4 companies, each owned 60 % by the next one (hand-built, no generator)."""
    pub = {"publicationDate": "2024-01-31", "bodsVersion": "0.4"}
    out: list[dict[str, Any]] = []
    for i in range(n):
        out.append(
            {
                "statementId": f"s-e{i}",
                "recordId": f"e{i}",
                "recordType": "entity",
                "statementDate": "2024-01-01",
                "publicationDetails": pub,
                "recordDetails": {
                    "isComponent": False,
                    "entityType": {"type": "registeredEntity"},
                    "name": f"Company {i} Ltd",
                },
            }
        )
        if i:
            out.append(
                {
                    "statementId": f"s-r{i}",
                    "recordId": f"r{i}",
                    "recordType": "relationship",
                    "statementDate": "2024-01-01",
                    "publicationDetails": pub,
                    "recordDetails": {
                        "isComponent": False,
                        "subject": f"e{i - 1}",
                        "interestedParty": f"e{i}",
                        "interests": [{"type": "shareholding", "share": {"exact": 60}}],
                    },
                }
            )
    return out


def _edges(docs: list[ParsedDocument]) -> set[tuple[str, str, str, float | None]]:
    return {
        (lk.controller_id, lk.controlled_id, lk.role.value, lk.share.minimum if lk.share else None)
        for d in docs
        for lk in d.links
    }


@pytest.mark.parametrize("lines", [False, True], ids=["array", "json-lines"])
def test_stream_equals_whole_file(tmp_path: Path, lines: bool) -> None:
    """A streamed file in batches of 7 statements gives the parties and links of the whole
    file read at once (references across batches resolve; forward references wait)."""
    from ownergraph.loaders import bods_stream

    sts = _chain(20)
    sts.insert(0, sts.pop(3))  # a relationship before both its parties (forward reference)
    f = tmp_path / ("big.jsonl" if lines else "big.json")
    f.write_text(
        "\n".join(json.dumps(s) for s in sts) + "\n" if lines else json.dumps(sts, indent=1)
    )
    docs = list(bods_stream.iter_parsed(f, batch=7))
    assert len(docs) == 6  # 39 statements: 5 batches of 7, then the last 4
    whole = parse_path(f)
    assert {p.id for d in docs for p in d.parties} == {p.id for p in whole.parties}
    assert _edges(docs) == _edges([whole]) and len(_edges(docs)) == 19
    assert all(d.extra["streamed"] for d in docs)
    assert "bods_streamed" in {f.kind for f in docs[0].findings}


def test_stream_keeps_the_last_statement_of_a_record(tmp_path: Path) -> None:
    from ownergraph.loaders import bods_stream

    sts = _chain(3)
    later = copy.deepcopy(sts[2])  # r1 again, later: 80 %
    later["statementId"], later["statementDate"] = "s-r1-b", "2024-06-01"
    later["recordDetails"]["interests"][0]["share"] = {"exact": 80}
    f = tmp_path / "u.json"
    f.write_text(json.dumps([*sts, later]))
    docs = list(bods_stream.iter_parsed(f, batch=2))
    shares = sorted(s for *_, s in _edges(docs))
    assert shares == [60.0, 80.0]  # r1 at 80 % (not 60 and 80), r2 at 60 %


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ('[{"statementId": "a", "recordType": "entity", "recordDetails": {}}, {"x": ', "/1"),
        ('{"statementID": "a", "statementType": "entityStatement"}\n{"oops"\n', "line 2"),
        ('[{"statementId": "s", "recordId": "r", "recordType": "bogus"}]', "/0"),
    ],
    ids=["truncated-array", "bad-line", "bad-type"],
)
def test_stream_bad_input_names_the_place(tmp_path: Path, text: str, place: str) -> None:
    from ownergraph.loaders import bods_stream

    f = tmp_path / "bad.json"
    f.write_text(text)
    with pytest.raises(InputError) as e:
        list(bods_stream.iter_parsed(f, batch=1))
    assert e.value.path == str(f) and e.value.place == place


def test_stream_dangling_reference_refuses_the_load(tmp_path: Path) -> None:
    from ownergraph.loaders import bods_stream

    sts = _chain(4)
    sts[-1]["recordDetails"]["interestedParty"] = "nobody"
    f = tmp_path / "d.jsonl"
    f.write_text("\n".join(json.dumps(s) for s in sts))
    with pytest.raises(InputError) as e:
        list(bods_stream.iter_parsed(f, batch=2))
    assert "nobody" in e.value.reason and e.value.place == "line 7/recordDetails/interestedParty"


def test_load_streams_json_lines_and_a_bad_line_leaves_the_store(tmp_path: Path) -> None:
    """`ownergraph load` streams BODS JSON Lines (one transaction): loaded once, unchanged
    the second time; a file with a bad last line is refused and the store keeps nothing."""
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(json.dumps(s) for s in _chain(5)) + "\n")
    store = tmp_path / "s.db"
    run = CliRunner().invoke
    r1 = run(main, ["load", str(good), "--store", str(store)])
    assert r1.exit_code == 0, r1.output
    assert "(5 parties, 4 links" in r1.output
    assert "unchanged" in run(main, ["load", str(good), "--store", str(store)]).output
    bad = tmp_path / "bad.jsonl"
    bad.write_text(good.read_text().replace("Company 0 Ltd", "Other 0 Ltd") + "{oops\n")
    store2 = tmp_path / "s2.db"
    r2 = run(main, ["load", str(bad), "--store", str(store2)])
    assert r2.exit_code == 2 and "line 10" in r2.output
    r3 = run(main, ["parties", "--store", str(store2)])
    assert "Other 0 Ltd" not in r3.output


def test_anonymous_person_is_named_by_its_type_and_reason() -> None:
    """0.4 anonymousPerson without names: "Anonymous person (reason)", still a person (the
    document states one exists); its reason code verbatim in the name and the note."""
    sts = _case("core/01-direct-ownership")
    person = next(s for s in sts if s["recordType"] == "person")
    person["recordDetails"] = {
        "isComponent": False,
        "personType": "anonymousPerson",
        "unspecifiedPersonDetails": {"reason": "interestedPartyExemptFromDisclosure"},
    }
    doc = _parse(sts)
    anon = next(p for p in doc.parties if p.kind == NodeKind.PERSON)
    assert anon.name == "Anonymous person (interestedPartyExemptFromDisclosure)"
    assert "reason interestedPartyExemptFromDisclosure" in (anon.provenance[0].note or "")
    assert {lk.controller_id for lk in doc.links} == {anon.id}


def test_stream_deep_nesting_and_impossible_date_name_their_statement(tmp_path: Path) -> None:
    from ownergraph.loaders import bods_stream

    sts = _chain(2)
    deep: Any = {}
    for _ in range(100):
        deep = {"x": deep}
    sts[1]["recordDetails"]["annotationsDeep"] = deep
    f = tmp_path / "deep.json"
    f.write_text(json.dumps(sts))
    with pytest.raises(InputError) as e:
        list(bods_stream.iter_parsed(f, batch=1))
    assert e.value.place.startswith("/1/recordDetails/annotationsDeep/x/x")
    assert "nested deeper than 64" in e.value.reason
    sts = _chain(2)
    sts[2]["statementDate"] = "2024-02-30"
    g = tmp_path / "date.jsonl"
    g.write_text("\n".join(json.dumps(s) for s in sts))
    with pytest.raises(InputError) as e:
        list(bods_stream.iter_parsed(g, batch=2))
    assert e.value.place == "line 3/statementDate"


def test_stream_replaced_party_statement_names_its_replacement(tmp_path: Path) -> None:
    """0.3 streamed one statement per batch: the relationship (first in the file) names a
    person statement that a later statement replaces: it links the replacement's party,
    as the whole-file read does."""
    from ownergraph.loaders import bods_stream

    data = _v03({"exact": 30})
    person = next(st for st in data if st["statementType"] == "personStatement")
    newer = {
        **copy.deepcopy(person),
        "statementID": "per-2-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "names": [{"type": "individual", "fullName": "Augusta Ada King"}],
        "replacesStatements": [person["statementID"]],
    }
    f = tmp_path / "r.jsonl"
    f.write_text("\n".join(json.dumps(s) for s in [*data, newer]))
    docs = list(bods_stream.iter_parsed(f, batch=1))
    parties = {p.id: p.name for d in docs for p in d.parties}
    assert {parties[c] for c, *_ in _edges(docs)} == {"Augusta Ada King"}
    assert _edges(docs) == _edges([parse_path(f)])


def test_draft_relationship_written_inside_its_subject() -> None:
    """A draft group that writes an entity's ownership statements inside the entity's own
    statement: each relationship's subject is that entity."""
    draft = {
        "statementGroups": [
            {
                "statementGroupID": "g1",
                "personStatements": [{"id": "p1", "name": "Ann Smith"}],
                "entityStatements": [
                    {
                        "id": "e1",
                        "name": "Widget Ltd",
                        "ownershipOrControlStatements": [
                            {
                                "id": "o1",
                                "interestedParty": {"personStatement": "p1"},
                                "interests": [{"type": "shareholding", "share": {"exact": 75}}],
                            }
                        ],
                    }
                ],
            }
        ]
    }
    doc = _parse(draft)
    name = _by_name(doc)
    (lk,) = doc.links
    assert (name[lk.controller_id], name[lk.controlled_id], lk.share.minimum) == (
        "Ann Smith",
        "Widget Ltd",
        75.0,
    )
    assert lk.provenance[0].xpath.startswith(
        "/statementGroups/0/entityStatements/0/ownershipOrControlStatements/0"
    )


def test_declared_version_that_does_not_match_the_shape_is_a_warning() -> None:
    """A 0.2-style file whose publicationDetails say 0.4 (as some examples do): read by its
    statement shape (all links), with a warning saying why libcovebods reports errors."""
    data = _v03({"exact": 30})
    for st in data:
        st["publicationDetails"]["bodsVersion"] = "0.4"
    doc = _parse(data)
    assert len(doc.links) == 3
    (f,) = [f for f in doc.findings if f.kind == "bods_version_shape"]
    assert f.found == "0.4" and f.severity.value == "warning"
    assert "bods_version_shape" not in {f.kind for f in _parse(_v03({"exact": 30})).findings}
