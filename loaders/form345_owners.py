"""Forms 3/4/5: the reporting owners as the form lists them, and the name book the footnote
rules read with (the issuer, the owners, "the Reporting Person(s)").

- **Person or entity**: an owner whose name carries an entity word (legal form, trust, fund,
  partners, holdings, group ...; :func:`loaders.sec_lexicon.looks_like_entity`) is an
  entity, anyone else a person; the relationship flags do not decide it. A person's
  SEC-order name ("FERTITTA TILMAN J") is shown in reading order; the filed spelling is
  kept.
- "The Reporting Person" names the owner only when the form has one; on a joint filing
  "the Reporting Persons" names every owner.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import normalize_cik, party_id
from ownergraph.loaders.form345_xml import flag
from ownergraph.loaders.sec_lexicon import looks_like_entity, person_display
from ownergraph.loaders.sec_terms import NameBook
from ownergraph.loaders.xmlsafe import child, children, place, text_at


def reporting_owners(root: etree._Element, path: str) -> list[dict[str, Any]]:
    """Every ``reportingOwner`` of the form (key, names, CIK, person, relationship flags,
    its element); :class:`InputError` for an owner without CIK or name, or none at all."""
    owners: list[dict[str, Any]] = []
    for ro in children(root, "reportingOwner"):
        name = text_at(ro, "reportingOwnerId", "rptOwnerName")
        cik = normalize_cik(text_at(ro, "reportingOwnerId", "rptOwnerCik"))
        if not name and not cik:
            raise InputError(path, place(ro), "reporting owner without CIK or name")
        name = name or f"CIK {cik}"
        rel = child(ro, "reportingOwnerRelationship")
        person = not looks_like_entity(name)
        display = person_display(name) if person else name
        owners.append(
            {
                "key": party_id(cik=cik, name=display),
                "name": display,
                "name_as_filed": name,
                "cik": cik,
                "person": person,
                "el": ro,
                "is_director": flag(child(rel, "isDirector")),
                "is_officer": flag(child(rel, "isOfficer")),
                "is_ten_percent_owner": flag(child(rel, "isTenPercentOwner")),
                "is_other": flag(child(rel, "isOther")),
                "officer_title": text_at(rel, "officerTitle"),
                "other_text": text_at(rel, "otherText"),
            }
        )
    if not owners:
        raise InputError(path, "/ownershipDocument", "no reportingOwner")
    return owners


def owners_book(issuer_key: str, issuer_name: str, owners: list[dict[str, Any]]) -> NameBook:
    """The name book of a form: the issuer ("Issuer"), every owner under its shown and filed
    spellings, and "Reporting Person(s)" as the module says."""
    owner_keys = [o["key"] for o in owners]
    book = NameBook(issuer_key=issuer_key)
    book.add_party(issuer_key, issuer_name)
    book.add_alias("Issuer", (issuer_key,))
    for o in owners:
        book.add_party(o["key"], o["name"], person=o["person"], spellings=[o["name_as_filed"]])
    if len(owners) == 1:
        for term in ("Reporting Person", "reporting person", "Reporting person"):
            book.add_alias(term, (owners[0]["key"],))  # footnotes write it in any case
    else:  # a joint filing: "the Reporting Persons are co-trustees" names every owner
        for term in ("Reporting Persons", "reporting persons", "Reporting persons"):
            book.add_alias(term, tuple(owner_keys))
    return book
