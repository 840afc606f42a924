"""BODS shapes and versions: which shape a statement has, its version, its references.

Every published BODS version is read by one reader (:mod:`loaders.bods_records`); this module
says which shape a statement has (0.4 record / earlier statement) and reads the fields whose
names changed between versions.
"""

from __future__ import annotations

from typing import Any


def _is_record(st: dict[str, Any]) -> bool:
    return "recordType" in st or "recordDetails" in st or "recordId" in st


def _version(st: dict[str, Any]) -> str | None:
    pub = st.get("publicationDetails")
    if isinstance(pub, dict) and isinstance(pub.get("bodsVersion"), str):
        return pub["bodsVersion"]
    return None


def _str(x: Any) -> str | None:
    return x if isinstance(x, str) and x.strip() else None


def _statement_type(st: dict[str, Any]) -> str | None:
    if _is_record(st):
        return {
            "entity": "entityStatement",
            "person": "personStatement",
            "relationship": "ownershipOrControlStatement",
        }.get(st.get("recordType"))  # type: ignore[arg-type]
    return st.get("statementType")


def _described_by(x: Any) -> str | dict[str, Any] | None:
    """The reference of a pre-0.4 subject / interestedParty object."""
    if not isinstance(x, dict):
        return x if isinstance(x, str) else None
    for key in ("describedByEntityStatement", "describedByPersonStatement"):
        if isinstance(x.get(key), str):
            return x[key]
    if isinstance(x.get("unspecified"), dict):
        return x["unspecified"]
    if "unspecified" in x:
        return {"reason": str(x["unspecified"])}
    return None
