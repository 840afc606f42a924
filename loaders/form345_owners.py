"""Forms 3/4/5: the reporting owners as the form lists them, and the name book the footnote
rules read with (the issuer, the owners, "the Reporting Person(s)").

- **Person or entity**: an owner whose name carries an entity word (legal form, trust, fund,
  partners, holdings, group ...; :func:`loaders.sec_lexicon.looks_like_entity`) is an
  entity, anyone else a person; the relationship flags do not decide it. A person's
  SEC-order name ("FERTITTA TILMAN J") is shown in reading order; the filed spelling is
  kept.
- A person owner is also found by given name and surname alone ("John Doe" for "DOE JOHN
  A"), unless two owners share that short form.
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


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "phd", "ph.d", "md", "m.d", "esq"})


def given_and_surname(name: str) -> str | None:
    """A person's name without its middle names and initials, as footnotes write it ("John
    Doe" for the owner "DOE JOHN A", shown "John A Doe"); ``None`` when there is no middle
    part or the given name is an initial.

    >>> given_and_surname("John A. Doe"), given_and_surname("John Albert Smith Jr")
    ('John Doe', 'John Smith Jr')
    >>> given_and_surname("Jane Roe") is None, given_and_surname("J. Paul Getty") is None
    (True, True)
    """
    words = name.split()
    suffix: list[str] = []
    while len(words) > 2 and words[-1].strip(".,").lower() in _SUFFIXES:
        suffix.insert(0, words.pop())
    if len(words) < 3:
        return None
    first, last = words[0], words[-1]
    if len(first.strip(".,")) < 2 or first.endswith(".") or len(last.strip(".,")) < 2:
        return None
    return " ".join([first, last.rstrip(","), *suffix])


def owners_book(issuer_key: str, issuer_name: str, owners: list[dict[str, Any]]) -> NameBook:
    """The name book of a form: the issuer ("Issuer"), every owner under its shown and filed
    spellings, and "Reporting Person(s)" as the module says."""
    owner_keys = [o["key"] for o in owners]
    book = NameBook(issuer_key=issuer_key)
    book.add_party(issuer_key, issuer_name)
    book.add_alias("Issuer", (issuer_key,))
    shorts = [given_and_surname(o["name"]) if o["person"] else None for o in owners]
    for o, short in zip(owners, shorts, strict=True):
        spellings = [o["name_as_filed"]]
        if short and shorts.count(short) == 1:  # two "John Doe"s: neither is written short
            spellings.append(short)
        book.add_party(o["key"], o["name"], person=o["person"], spellings=spellings)
    if len(owners) == 1:
        for term in ("Reporting Person", "reporting person", "Reporting person"):
            book.add_alias(term, (owners[0]["key"],))  # footnotes write it in any case
    else:  # a joint filing: "the Reporting Persons are co-trustees" names every owner
        for term in ("Reporting Persons", "reporting persons", "Reporting persons"):
            book.add_alias(term, tuple(owner_keys))
    return book
