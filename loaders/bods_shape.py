"""BODS shapes and versions: which shape a statement has, its version, its references.

Every published BODS version is read by one reader (:mod:`loaders.bods_records`); this module
says which shape a statement has (0.4 record / earlier statement) and reads the fields whose
names changed between versions.
"""

from __future__ import annotations

from typing import Any


def _is_record(st: dict[str, Any]) -> bool:
    """A 0.4 record: ``recordDetails`` / ``recordType``, or a ``recordId`` on a statement
    that has no 0.1-0.3 ``statementType`` (a 0.3 statement may carry a stray recordId).

    >>> _is_record({"recordId": "r", "statementType": "entityStatement", "name": "X"})
    False
    >>> _is_record({"recordId": "r", "recordDetails": {}})
    True
    """
    if "recordType" in st or isinstance(st.get("recordDetails"), dict):
        return True
    return "recordId" in st and "statementType" not in st


def _version(st: dict[str, Any]) -> str | None:
    pub = st.get("publicationDetails")
    if isinstance(pub, dict) and isinstance(pub.get("bodsVersion"), str):
        return pub["bodsVersion"]
    return None


def _str(x: Any) -> str | None:
    return x if isinstance(x, str) and x.strip() else None


def _statement_type(st: dict[str, Any]) -> str | None:
    if _is_record(st):
        rtype = st.get("recordType")
        known = {
            "entity": "entityStatement",
            "person": "personStatement",
            "relationship": "ownershipOrControlStatement",
        }
        if isinstance(rtype, str) and rtype in known:
            return known[rtype]
        if rtype is None:  # a record typed the 0.1-0.3 way (statementType) or by its fields
            details = st.get("recordDetails")
            return type_from_word(st.get("statementType")) or (
                _type_from_fields(details) if isinstance(details, dict) else None
            )
        return None
    return st.get("statementType")


def _described_by(x: Any) -> str | dict[str, Any] | None:
    """The reference of a pre-0.4 subject / interestedParty object."""
    if not isinstance(x, dict):
        return x if isinstance(x, str) else None
    for key in REF_KEYS:
        if isinstance(x.get(key), str):
            return x[key]
        if isinstance(x.get(key), dict):  # {"entityStatement": {"statementID": ...}}
            inner = _described_by(x[key])
            if isinstance(inner, str):
                return inner
    if isinstance(x.get("unspecified"), dict):
        return x["unspecified"]
    if "unspecified" in x:
        return {"reason": str(x["unspecified"])}
    return x  # 0.4 inline unspecified party (reason, description), or a draft's object


# --------------------------------------------------------------------------- normalising

#: A statement type as any version or draft spells it -> the 0.1-0.3 statementType.
_TYPE_WORDS = (
    ("person", "personStatement"),
    ("entity", "entityStatement"),
    ("ownership", "ownershipOrControlStatement"),
    ("control", "ownershipOrControlStatement"),
    ("relationship", "ownershipOrControlStatement"),
    ("interest", "ownershipOrControlStatement"),
)

#: Keys under which a pre-0.1 draft (or a wrapper object) holds arrays of statements.
CONTAINER_KEYS = ("statementGroups", "statements", "records", "data", "results", "items")

#: A reference to a party as the drafts and versions spell it (subject / interestedParty).
REF_KEYS = (
    "describedByEntityStatement",
    "describedByPersonStatement",
    "entityStatement",
    "personStatement",
    "entityStatementID",
    "personStatementID",
    "statementID",
    "statementId",
    "statement",
    "entity",
    "person",
    "id",
)


def type_from_word(word: Any) -> str | None:
    """The statement type a word names: ``"entityStatements"`` / ``"entity"`` /
    ``"ownership-or-control-statement"`` ... -> ``"entityStatement"`` ...; ``None`` when none.

    >>> type_from_word("ownershipControlStatements"), type_from_word("persons")
    ('ownershipOrControlStatement', 'personStatement')
    >>> type_from_word("publicationDetails") is None
    True
    """
    if not isinstance(word, str):
        return None
    w = word.lower().replace("-", "").replace("_", "")
    for key, stype in _TYPE_WORDS:
        if key in w:
            return stype
    return None


#: A party's ``type`` in the pre-0.1 draft (one object per party, written inline in each
#: beneficial ownership statement) -> (statement type, the 0.1-0.3 entityType / personType).
_DRAFT_PARTY_TYPES = {
    "naturalperson": ("personStatement", "knownPerson"),
    "knownperson": ("personStatement", "knownPerson"),
    "person": ("personStatement", "knownPerson"),
    "anonymousperson": ("personStatement", "anonymousPerson"),
    "unknownperson": ("personStatement", "unknownPerson"),
    "registeredentity": ("entityStatement", "registeredEntity"),
    "legalentity": ("entityStatement", "legalEntity"),
    "arrangement": ("entityStatement", "arrangement"),
    "legalarrangement": ("entityStatement", "arrangement"),
    "trust": ("entityStatement", "arrangement"),
    "anonymousentity": ("entityStatement", "anonymousEntity"),
    "unknownentity": ("entityStatement", "unknownEntity"),
    "state": ("entityStatement", "state"),
    "statebody": ("entityStatement", "stateBody"),
}


def draft_party_type(word: Any) -> tuple[str, str] | None:
    """The (statement type, entityType / personType) a draft's party ``type`` names: the
    pre-0.1 draft types each inline party as ``naturalPerson``, ``registeredEntity``,
    ``legalEntity``, ``arrangement``, ``anonymous...`` / ``unknown...``; ``None`` for any
    other word (an interest's or an address's type).

    >>> draft_party_type("naturalPerson"), draft_party_type("Legal Entity")
    (('personStatement', 'knownPerson'), ('entityStatement', 'legalEntity'))
    >>> draft_party_type("shareholding") is None
    True
    """
    if not isinstance(word, str):
        return None
    return _DRAFT_PARTY_TYPES.get("".join(ch for ch in word.lower() if ch.isalnum()))


def party_type_from_word(word: Any) -> str | None:
    """The party statement type a key names (``entity`` / ``personStatements``), never a
    relationship's (``interestedParty`` names the party's place, not its type).

    >>> party_type_from_word("interestedParty") is None, party_type_from_word("entity")
    (True, 'entityStatement')
    """
    stype = type_from_word(word)
    return stype if stype in ("entityStatement", "personStatement") else None


def _type_from_fields(st: dict[str, Any]) -> str | None:
    """The type of a statement that does not say it (a draft's typed arrays lost, a mix)."""
    if any(k in st for k in ("interests", "interestedParty", "interest", "subject")):
        return "ownershipOrControlStatement"
    if any(k in st for k in ("personType", "names", "nationalities", "birthDate", "fullName")):
        return "personStatement"
    if any(k in st for k in ("entityType", "incorporatedInJurisdiction", "foundingDate", "name")):
        return "entityStatement"
    return None


def unwrap(data: Any) -> tuple[list[tuple[str, Any, str | None]], str | None]:
    """The statements of a decoded BODS file with their JSON pointers and the statement type
    their container implies, plus the style (``"statementGroups"`` for the pre-0.1 drafts,
    ``"wrapped"`` for an object holding a statement array, ``None`` for the published array).

    A pre-0.1 draft is an object ``{"statementGroups": [{..., "entityStatements": [...],
    "personStatements": [...], "ownershipOrControlStatements": [...]}]}``; the group's own
    fields (statementDate, publicationDetails ...) are the defaults of its statements.

    >>> items, style = unwrap({"statementGroups": [{"statementDate": "2017-01-01",
    ...     "personStatements": [{"statementID": "p1"}]}]})
    >>> style, items[0][0], items[0][2]
    ('statementGroups', '/statementGroups/0/personStatements/0', 'personStatement')
    """
    if isinstance(data, list):
        style = "draft" if data and all(is_draft_statement(st) for st in data) else None
        return [(f"/{i}", st, None) for i, st in enumerate(data)], style
    if not isinstance(data, dict):
        return [("/", data, None)], None
    if isinstance(data.get("beneficialOwnershipStatements"), list):  # one draft group
        out_: list[tuple[str, Any, str | None]] = []
        defaults = {k: v for k, v in data.items() if not (isinstance(v, list) and _holds_dicts(v))}
        _nested(data, "", defaults, None, out_)
        return out_, "draft"
    if isinstance(data.get("statementGroups"), list):
        out: list[tuple[str, Any, str | None]] = []
        for g, group in enumerate(data["statementGroups"]):
            base = f"/statementGroups/{g}"
            if not isinstance(group, dict):
                out.append((base, group, None))
                continue
            defaults = {
                k: v for k, v in group.items() if not (isinstance(v, list) and _holds_dicts(v))
            }
            _nested(group, base, defaults, None, out)
        return out, "statementGroups"
    pub = data.get("publicationDetails")
    if isinstance(pub, dict):  # a package's publicationDetails: of every statement without its own
        data = {
            **data,
            **{
                key: [
                    {**st, "publicationDetails": pub}
                    if isinstance(st, dict) and "publicationDetails" not in st
                    else st
                    for st in data[key]
                ]
                for key in CONTAINER_KEYS[1:]
                if isinstance(data.get(key), list)
            },
        }
    for key in CONTAINER_KEYS:
        if isinstance(data.get(key), list):
            return [
                (
                    f"/{key}/{i}",
                    st,
                    type_from_word(key) if key not in ("statements", "records") else None,
                )
                for i, st in enumerate(data[key])
            ], "wrapped"
    if "statementType" in data or "recordType" in data or "statementID" in data:
        return [("/", data, None)], "wrapped"  # one statement on its own
    return [("/", data, None)], None


#: Keys inside a statement that hold its own parts, never other statements.
_PARTS = frozenset(
    {"interests", "interest", "interestedParty", "subject", "identifiers", "names", "share"}
    | {"annotations", "publicationDetails", "source", "addresses", "nationalities"}
    | {"unspecifiedEntityDetails", "unspecifiedPersonDetails", "jurisdiction", "entityType"}
)


def _nested(
    node: dict[str, Any],
    base: str,
    defaults: dict[str, Any],
    parent: str | None,
    out: list[tuple[str, Any, str | None]],
) -> None:
    """The statements of a draft's group at any depth: arrays (or single objects) under a key
    naming a statement type; a relationship written inside a party statement without a
    subject has that party as its subject."""
    for key, value in node.items():
        if key in _PARTS:
            continue
        implied = type_from_word(key)
        if implied is None and "statement" not in key.lower():
            continue
        if isinstance(value, dict) and _str(value.get("statementID") or value.get("id")):
            value, single = [value], True
        elif isinstance(value, list) and _holds_dicts(value):
            single = False
        else:
            continue
        for i, st in enumerate(value):
            place = f"{base}/{key}" if single else f"{base}/{key}/{i}"
            own = type_from_word(st.get("statementType")) or implied
            rel = (own or _type_from_fields(st)) == "ownershipOrControlStatement"
            merged = {**_inheritable(defaults, subject=rel), **st}
            if rel and parent is not None and merged.get("subject") is None:
                merged["subject"] = parent
            out.append((place, merged, implied))
            sid = _str(st.get("statementID") or st.get("statementId") or st.get("id"))
            _nested(st, place, defaults, sid if not rel else parent, out)


#: The styles of the pre-0.1 drafts: statement groups, or draft statements on their own.
DRAFT_STYLES = ("statementGroups", "draft")


def is_draft_statement(st: Any) -> bool:
    """A pre-0.1 draft's beneficial ownership statement: no statement or record type, its
    ``entity`` / ``interestedParty`` written inline as objects typed the draft's way.

    >>> is_draft_statement({"id": "s1", "entity": {"type": "registeredEntity", "name": "A"},
    ...     "interestedParty": {"type": "naturalPerson", "name": "B"}, "interests": []})
    True
    >>> is_draft_statement({"statementID": "s1", "statementType": "ownershipOrControlStatement",
    ...     "interestedParty": {"describedByPersonStatement": "p1"}})
    False
    """
    if not isinstance(st, dict) or any(
        k in st for k in ("statementType", "recordType", "recordDetails")
    ):
        return False
    parts = [st.get(k) for k in ("entity", "interestedParty")]
    return any(isinstance(x, dict) and draft_party_type(x.get("type")) for x in parts)


def _holds_dicts(v: list[Any]) -> bool:
    return bool(v) and all(isinstance(x, dict) for x in v)


def _inheritable(group: dict[str, Any], *, subject: bool) -> dict[str, Any]:
    """The group's fields its statements default to (a relationship: the group's subject)."""
    keep = ("statementDate", "publicationDetails", "source", "annotations")
    out = {k: group[k] for k in keep if k in group}
    if subject and "subject" in group:
        out["subject"] = group["subject"]
    return out


def normalise(st: dict[str, Any], implied: str | None = None) -> dict[str, Any]:
    """A statement with the field names of the published statement shape (0.1-0.3).

    0.4 records are returned unchanged. Earlier drafts and variants: the id as
    ``statementId`` / ``id``; the type missing (implied by its array or its fields) or
    spelled ``"entity"`` / ``"ownership-or-control-statement"``; a person's ``name`` as one
    string; one ``interest`` object or interests with ``interestType``; a bare number as a
    share; ``replacesStatement`` as one string.

    >>> normalise({"id": "p1", "name": "Ada Lovelace"}, "personStatement")["names"]
    [{'fullName': 'Ada Lovelace'}]
    >>> normalise({"statementID": "r", "statementType": "ownershipOrControl",
    ...            "interest": {"interestType": "shareholding", "share": 100}})["interests"]
    [{'interestType': 'shareholding', 'share': {'exact': 100}, 'type': 'shareholding'}]
    """
    if _is_record(st) and isinstance(st.get("recordDetails"), dict):
        return st
    out = dict(st)
    if not _str(out.get("statementID")):
        for key in ("statementId", "id", "statementIdentifier", "identifier"):
            if _str(out.get(key)):
                out["statementID"] = out[key]
                break
    stype = out.get("statementType")
    draft = draft_party_type(out.get("type")) if "interests" not in out else None
    if stype not in ("entityStatement", "personStatement", "ownershipOrControlStatement"):
        out["statementType"] = (
            type_from_word(stype)
            or (draft[0] if draft else None)
            or implied
            or _type_from_fields(out)
            or stype
        )
    if draft and draft[0] == out["statementType"]:  # the draft's type is the party's type
        out.setdefault("entityType" if draft[0] == "entityStatement" else "personType", draft[1])
    if out["statementType"] == "personStatement":
        names = out.get("names")
        if not names:
            name = out.get("name") or out.get("fullName")
            if isinstance(name, str):
                out["names"] = [{"fullName": name}]
            elif isinstance(name, dict):
                out["names"] = [name]
        elif isinstance(names, list):
            out["names"] = [{"fullName": n} if isinstance(n, str) else n for n in names]
    elif out["statementType"] == "entityStatement" and not _str(out.get("name")):
        for key in ("legalName", "entityName", "companyName"):
            if _str(out.get(key)):
                out["name"] = out[key]
                break
    if out["statementType"] == "ownershipOrControlStatement":
        interests = out.get("interests")
        for key in ("interest", "interestTypes", "interestType"):
            if interests is None and isinstance(out.get(key), dict | list | str):
                interests = out[key]
        if isinstance(interests, dict | str):
            interests = [interests]
        if isinstance(interests, list):
            out["interests"] = [_interest(it) for it in interests]
        for key, aliases in _PARTY_KEYS.items():
            if out.get(key) is None:
                found = next((out[a] for a in aliases if out.get(a) is not None), None)
                if isinstance(found, list) and len(found) == 1:
                    found = found[0]
                if found is not None:
                    out[key] = found
        for key in ("componentStatements", "components"):
            if "componentStatementIDs" not in out and isinstance(out.get(key), list):
                out["componentStatementIDs"] = out[key]
    rep = out.get("replacesStatements", out.get("replacesStatement"))
    if isinstance(rep, str):
        out["replacesStatements"] = [rep]
    return out


#: The two ends of a relationship as drafts name them, when the published name is absent.
_PARTY_KEYS = {
    "subject": ("subjectEntity", "entity", "ownedEntity", "company", "controlled"),
    "interestedParty": ("interestedParties", "beneficialOwner", "owner", "controller", "party"),
}


def _interest(it: Any) -> Any:
    """One interest with the published field names: a bare type word is ``{"type": ...}``;
    ``interestType`` is ``type``; a bare number (or ``percentage``) is an exact share.

    >>> _interest("voting-rights"), _interest({"type": "shareholding", "percentage": "60"})
    ({'type': 'voting-rights'}, {'type': 'shareholding', 'percentage': '60', 'share': {'exact': '60'}})
    """
    if isinstance(it, str) and it.strip():
        return {"type": it.strip()}
    if not isinstance(it, dict):
        return it
    out = dict(it)
    if not _str(out.get("type")) and _str(out.get("interestType")):
        out["type"] = out["interestType"]
    if out.get("share") is None:
        for key in ("percentage", "sharePercentage", "percent"):
            if out.get(key) is not None:
                out["share"] = out[key]
                break
    share = out.get("share")
    if isinstance(share, int | float) and not isinstance(share, bool):
        out["share"] = {"exact": share}
    elif isinstance(share, str):
        out["share"] = {"exact": share}
    return out


def inline_parties(
    items: list[tuple[str, dict[str, Any]]],
) -> list[tuple[str, dict[str, Any]]]:
    """Party statements written inside a relationship (a draft's ``"interestedParty":
    {"describedByPersonStatement": {...the statement...}}``) become statements of their own,
    placed before the relationship, which then refers to them by id. Statements already
    present are not repeated.

    >>> out = inline_parties([("/0", {"statementType": "ownershipOrControlStatement",
    ...     "statementID": "r1", "interestedParty": {"describedByPersonStatement":
    ...     {"statementID": "p1", "names": [{"fullName": "Ann"}]}}})])
    >>> [(p, s["statementID"], s["statementType"]) for p, s in out]
    [('/0/interestedParty/describedByPersonStatement', 'p1', 'personStatement'), ('/0', 'r1', 'ownershipOrControlStatement')]
    >>> out[1][1]["interestedParty"]
    'p1'
    """
    known = {x for _, st in items if isinstance(x := st.get("statementID"), str)}
    out: list[tuple[str, dict[str, Any]]] = []
    for ptr, st in items:
        if st.get("statementType") != "ownershipOrControlStatement":
            out.append((ptr, st))
            continue
        st = dict(st)
        for role in ("subject", "interestedParty"):
            found = _inline(st.get(role), f"{ptr}/{role}")
            if found is None:
                continue
            where, party = found
            pid = _str(party.get("statementID")) or _str(party.get("id")) or f"{ptr}#{role}"
            implied = party_type_from_word(where.rsplit("/")[-1])
            party = normalise({**party, "statementID": pid}, implied)
            if party.get("statementType") not in ("entityStatement", "personStatement"):
                continue
            if pid not in known:
                known.add(pid)
                out.append((where, party))
            st[role] = pid
        out.append((ptr, st))
    return out


def _inline(x: Any, ptr: str) -> tuple[str, dict[str, Any]] | None:
    """(pointer, statement) of a party statement written inside a reference, if any."""
    if not isinstance(x, dict):
        return None
    for key in REF_KEYS:
        if isinstance(x.get(key), dict):
            return _inline(x[key], f"{ptr}/{key}") or (
                (f"{ptr}/{key}", x[key]) if _looks_like_party(x[key]) else None
            )
    return (ptr, x) if _looks_like_party(x) else None


def _looks_like_party(x: dict[str, Any]) -> bool:
    if draft_party_type(x.get("type")) and not any(k in x for k in ("interests", "subject")):
        return True  # a draft's party, typed even when unnamed (anonymousPerson ...)
    return _type_from_fields(x) in ("entityStatement", "personStatement") and not (
        "reason" in x and not any(k in x for k in ("name", "names", "fullName"))
    )
