"""BODS on real documents: every real BODS fixture and dev corpus document (never a
held-out one) re-wrapped as publishers send it, and every real 0.4 document restated in
0.2 and 0.3 by the standard's own mapping, gives the graph of the file as published.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from ownergraph.graph.model import ParsedDocument
from tests.test_bods_standard import WRAPPINGS, _kebab, _old_share, graph_of, parse


def _real_documents() -> list[Any]:
    """The BODS fixtures and the dev documents of the labelled corpus (never a held-out one)."""
    from pathlib import Path

    root = Path(__file__).parent / "fixtures"
    out = sorted(p for p in (root / "bods").glob("*.json") if p.name != "expected.json")
    for p in sorted((root / "corpus" / "bods").glob("*.json")):
        label = Path(f"{p}.expected.json")
        if label.exists() and json.loads(label.read_text("utf-8"))["split"] == "dev":
            out.append(p)
    return out


@pytest.mark.parametrize("path", _real_documents(), ids=lambda p: p.name[:50])
def test_a_real_document_in_every_wrapping_gives_its_graph(path: Any) -> None:
    """Each real BODS document (0.1-style register output, 0.2, 0.4 packages and history)
    re-wrapped as a publisher might send it gives the graph of the file as published."""
    raw = path.read_bytes()
    sts = json.loads(raw.decode("utf-8-sig"))
    assert isinstance(sts, list)
    as_published = graph_of(parse(raw))
    assert as_published[1] or len(sts) < 3  # every document but the lone entity links
    for name, wrap in WRAPPINGS.items():
        assert graph_of(parse(wrap(sts))) == as_published, name


def to_statements(records: list[dict[str, Any]], version: str) -> list[dict[str, Any]]:
    """A 0.4 record file written as 0.2 / 0.3 statements, by the standard's own mapping:
    an update of a record is a new statement that ``replacesStatements`` the previous one,
    references name the statement current at that point, a closed relationship is one
    whose interests end at its statementDate, exclusive bounds become boolean flags."""
    old = version == "0.2"
    current: dict[str, str] = {}  # recordId -> statementID of its latest statement
    types = {st["recordId"]: st["recordType"] for st in records}
    out = []
    for st in records:
        d = json.loads(json.dumps(st["recordDetails"]))
        new: dict[str, Any] = {
            "statementID": st["statementId"],
            "statementType": {
                "entity": "entityStatement",
                "person": "personStatement",
                "relationship": "ownershipOrControlStatement",
            }[st["recordType"]],
            "statementDate": st["statementDate"][:10],
            "publicationDetails": {**st["publicationDetails"], "bodsVersion": version},
        }
        if st["recordId"] in current:
            new["replacesStatements"] = [current[st["recordId"]]]
        if st["recordType"] == "entity":
            et = d.pop("entityType", {})
            new["entityType"] = et.get("type") if isinstance(et, dict) else et
            if "jurisdiction" in d:
                new["incorporatedInJurisdiction"] = d.pop("jurisdiction")
        elif st["recordType"] == "person":
            d["names"] = [
                {**n, "type": "individual"} if n.get("type") == "legal" else n
                for n in d.get("names", [])
            ]
        else:
            ref = d.pop("interestedParty")
            if isinstance(ref, str):
                key = (
                    "describedByPersonStatement"
                    if types[ref] == "person"
                    else "describedByEntityStatement"
                )
                new["interestedParty"] = {key: current[ref]}
            else:
                new["interestedParty"] = {"unspecified": ref}
            new["subject"] = {"describedByEntityStatement": current[d.pop("subject")]}
            its = []
            for it in d.pop("interests", []):
                it = dict(it)
                if "share" in it:
                    it["share"] = _old_share(it["share"])
                if st["recordStatus"] == "closed" and "endDate" not in it:
                    it["endDate"] = st["statementDate"][:10]
                if old:
                    it["type"] = _kebab(it["type"])
                    if "directOrIndirect" in it:
                        it["interestLevel"] = it.pop("directOrIndirect")
                its.append(it)
            new["interests"] = its
            if "componentRecords" in d:
                new["componentStatementIDs"] = [current[c] for c in d.pop("componentRecords")]
        d.pop("isComponent", None)
        new.update(d)
        current[st["recordId"]] = st["statementId"]
        out.append(new)
    return out


def _current(doc: ParsedDocument) -> tuple[list[tuple[str, str]], list[tuple[Any, ...]]]:
    """The parties and the links in force (not ended): what a 0.2/0.3 file can state."""
    parties, links = graph_of(doc)
    return parties, [lk for lk in links if not lk[-1]]


@pytest.mark.parametrize(
    "path",
    [p for p in _real_documents() if "0.4" in p.name or "bods-standard" in p.name],
    ids=lambda p: p.name[:50],
)
@pytest.mark.parametrize("version", ["0.2", "0.3"])
def test_a_real_04_document_restated_in_an_earlier_version(path: Any, version: str) -> None:
    records = json.loads(path.read_text("utf-8-sig"))
    as_published = _current(parse(path.read_bytes()))
    assert _current(parse(to_statements(records, version))) == as_published
