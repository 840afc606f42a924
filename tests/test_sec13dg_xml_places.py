"""Every place an XML Schedule 13D/G (and its submission's exhibits) carries words is read
by the shared grammar; the signature blocks are read as the text's "X, By: Y, its General
Partner"; the cover-page amounts never come from prose.

Built on two dev submissions (Regal Nutra 13G, one filer; Amer Sports 13D/A, three filers),
with one sentence written into one place at a time. Expected links are worked by hand from
the sentence (convention 3: "a wholly owned subsidiary of" -> parent; convention 2 for
signatures).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from ownergraph.graph.model import ParsedDocument
from ownergraph.loaders import parse_bytes
from ownergraph.loaders.submission import unwrap

SUBS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "corpus" / "sec13dg-submission"
REGAL = SUBS / "2023-schedule13g-1854583_collective-audience-inc_regal-nutra-llc.txt"
AMER = (
    SUBS
    / "2024-schedule13da-1795487_amer-sports-inc_fountainvest-china-capital-partners-gp3-ltd.txt"
)

SENTENCE = (
    "{rp} is a wholly owned subsidiary of Gandy Holdings Corp. Gandy Holdings Corp. may be"
    " deemed to beneficially own 123,456 shares of Common Stock."
)

# where the words of a filing sit (element paths seen in the dev filings, and the 13G
# Items 6, 8, 9 of the schema)
PLACES_13G = (
    "items/item2/citizenship",
    "items/item2/principalBusinessOfficeOrResidenceAddress",
    "items/item4/amountBeneficiallyOwned",
    "items/item6/ownershipMoreThan5PercentOnBehalfOfAnotherPerson",
    "items/item7/subsidiaryIdentificationAndClassification",
    "items/item8/identificationAndClassificationOfGroupMembers",
    "items/item9/groupDissolutionNotice",
    "items/item10/certifications",
    "coverPageHeaderReportingPersonDetails/comments",
)
PLACES_13D = (
    "items1To7/item1/commentText",
    "items1To7/item2/filingPersonName",
    "items1To7/item2/principalBusinessAddress",
    "items1To7/item2/principalJob",
    "items1To7/item2/convictionDescription",
    "items1To7/item3/fundsSource",
    "items1To7/item4/transactionPurpose",
    "items1To7/item5/percentageOfClassSecurities",
    "items1To7/item5/numberOfShares",
    "items1To7/item5/listOfShareholders",
    "items1To7/item6/contractDescription",
    "items1To7/item7/filedExhibits",
    "reportingPersonInfo/commentContent",
)


def _xml(path: Path) -> bytes:
    env = unwrap(path.read_bytes())
    assert env is not None
    return env.xml


def _ns(root: etree._Element) -> str:
    return etree.QName(root).namespace or ""


def _find_or_make(root: etree._Element, place: str) -> etree._Element:
    """The element at ``place`` (under formData; the first person block for a person
    place), created (empty) where the filing leaves it out."""
    ns = _ns(root)
    form = root.find(f"{{{ns}}}formData")
    parts = place.split("/")
    if parts[0] in ("reportingPersonInfo", "coverPageHeaderReportingPersonDetails"):
        cur = next(form.iter(f"{{{ns}}}{parts[0]}"))
        parts = parts[1:]
    else:
        cur = form
    for p in parts:
        nxt = cur.find(f"{{{ns}}}{p}")
        if nxt is None:
            nxt = etree.SubElement(cur, f"{{{ns}}}{p}")
        cur = nxt
    return cur


def _with_sentence(xml: bytes, place: str, rp: str) -> bytes:
    root = etree.fromstring(xml)
    el = _find_or_make(root, place)
    before = (el.text or "").rstrip()
    el.text = (before + "\n\n" if before else "") + SENTENCE.format(rp=rp)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def links_by_name(pd: ParsedDocument) -> set[tuple[str, str, str]]:
    names = {p.id: p.name for p in pd.parties}
    return {
        (names[lk.controller_id], names[lk.controlled_id], lk.role.value)
        for lk in pd.links
        if lk.role.value != "group_member"
    }


def cover(pd: ParsedDocument) -> list[tuple]:
    return [
        (
            p.name,
            p.sole_voting,
            p.shared_voting,
            p.sole_dispositive,
            p.shared_dispositive,
            p.aggregate,
            p.percent_of_class,
        )
        for p in pd.positions
    ]


@pytest.mark.parametrize(
    ("doc", "place", "rp"),
    [(REGAL, p, "Regal Nutra LLC") for p in PLACES_13G]
    + [(AMER, p, "Baseball Investment Limited") for p in PLACES_13D],
)
def test_a_sentence_in_any_text_place_states_its_link(doc: Path, place: str, rp: str) -> None:
    xml = _xml(doc)
    base = parse_bytes(xml, path="base.xml")
    assert ("Gandy Holdings Corp.", rp, "parent") not in links_by_name(base)
    pd = parse_bytes(_with_sentence(xml, place, rp), path="v.xml")
    assert ("Gandy Holdings Corp.", rp, "parent") in links_by_name(pd)
    assert links_by_name(base) <= links_by_name(pd)
    # the cover pages are read from their rows only: a count in prose changes none of them
    assert cover(pd) == cover(base)


def _submission_with_exhibit(body: bytes, filename: bytes) -> bytes:
    data = REGAL.read_bytes()
    ex = (
        b"<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>" + filename + b"\n"
        b"<DESCRIPTION>JOINT FILING AGREEMENT\n<TEXT>\n" + body + b"\n</TEXT>\n</DOCUMENT>\n"
    )
    i = data.rindex(b"</DOCUMENT>") + len(b"</DOCUMENT>\n")
    return data[:i] + ex + data[i:]


@pytest.mark.parametrize(
    ("body", "filename"),
    [
        (SENTENCE.format(rp="Regal Nutra LLC").encode(), b"ex99.txt"),
        (
            b"<html><body><p>EXHIBIT 99.1</p><p>"
            + SENTENCE.format(rp="Regal Nutra LLC").replace(".", "&#46;", 1).encode()
            + b"</p></body></html>",
            b"ex99.htm",
        ),
    ],
)
def test_a_sentence_in_an_exhibit_states_its_link(body: bytes, filename: bytes) -> None:
    base = parse_bytes(REGAL.read_bytes(), path="s.txt")
    pd = parse_bytes(_submission_with_exhibit(body, filename), path="s.txt")
    assert ("Gandy Holdings Corp.", "Regal Nutra LLC", "parent") in links_by_name(pd)
    assert cover(pd) == cover(base)


# ----------------------------------------------------------------------------- signatures


def _regal_signed(
    details: list[tuple[str, str]],
    item2: str = "Regal Nutra LLC: Delaware. Gandy Partners GP LLC: Delaware.",
) -> ParsedDocument:
    """Regal Nutra's 13G with its signature block replaced by ``details`` (one
    signatureDetails per (signature, title)); Item 2 names Gandy Partners GP LLC."""
    root = etree.fromstring(_xml(REGAL))
    ns = _ns(root)
    _find_or_make(root, "items/item2/citizenship").text = item2
    sig = next(root.iter(f"{{{ns}}}signatureInformation"))
    for d in list(sig.iter(f"{{{ns}}}signatureDetails")):
        sig.remove(d)
    for signature, title in details:
        d = etree.SubElement(sig, f"{{{ns}}}signatureDetails")
        etree.SubElement(d, f"{{{ns}}}signature").text = signature
        etree.SubElement(d, f"{{{ns}}}title").text = title
        etree.SubElement(d, f"{{{ns}}}date").text = "12/27/2023"
    return parse_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"), path="g.xml")


GP = ("Gandy Partners GP LLC", "Regal Nutra LLC", "general_partner")
MM = ("John Q. Smith", "Gandy Partners GP LLC", "managing_member")


def test_signature_steps_by_entity_then_person() -> None:
    """Regal Nutra LLC / By: Gandy Partners GP LLC, General Partner / By: /s/ John Q.
    Smith, Managing Member: GP -> Regal (general_partner), Smith -> GP (managing_member)."""
    pd = _regal_signed(
        [("Gandy Partners GP LLC", "General Partner"), ("/s/ John Q. Smith", "Managing Member")]
    )
    got = links_by_name(pd)
    assert GP in got and MM in got
    assert not any(c == "John Q. Smith" and d == "Regal Nutra LLC" for c, d, _r in got)


def test_signature_title_of_y_its_general_partner() -> None:
    """One title: "John Q. Smith, Managing Member of Gandy Partners GP LLC, its General
    Partner" (the Landsea layout)."""
    pd = _regal_signed(
        [
            (
                "/s/ John Q. Smith",
                "John Q. Smith, Managing Member of Gandy Partners GP LLC, its General Partner",
            )
        ]
    )
    assert {GP, MM} <= links_by_name(pd)


def test_signature_title_not_a_control_title_states_only_the_entity_link() -> None:
    pd = _regal_signed(
        [("/s/ John Q. Smith", "Vice President of Gandy Partners GP LLC, its General Partner")]
    )
    got = links_by_name(pd)
    assert GP in got
    assert not any(c == "John Q. Smith" for c, _d, _r in got)


def test_a_misspelt_signature_step_invents_nothing() -> None:
    """ "Gandy Partner GP LLC" is named nowhere else and Item 2 states Regal's general
    partner: no party, no link from it (a misspelling of a known controller)."""
    pd = _regal_signed(
        [("Gandy Partner GP LLC", "General Partner"), ("/s/ John Q. Smith", "Managing Member")],
        item2="Gandy Partners GP LLC is the general partner of Regal Nutra LLC.",
    )
    assert GP in links_by_name(pd)
    assert "Gandy Partner GP LLC" not in {p.name for p in pd.parties}
    assert not any(c.startswith("Gandy Partner ") for c, _d, _r in links_by_name(pd))


def test_signature_chain_without_the_new_reader_fails_on_a_fund_structure() -> None:
    """Before the chain reader, the one-title layout stated nothing (signer_role refuses a
    title "of" another entity): the reader is what finds GP -> Regal here."""
    pd = _regal_signed(
        [
            (
                "/s/ John Q. Smith",
                "John Q. Smith, Managing Member of Gandy Partners GP LLC, its General Partner",
            )
        ]
    )
    from ownergraph.loaders.sec13dg_xml_text import signer_role

    assert (
        signer_role(
            "/s/ John Q. Smith", "Managing Member of Gandy Partners GP LLC, its General Partner"
        )
        is None
    )
    assert GP in links_by_name(pd)


def test_exhibit_text_is_plain_for_the_grammar() -> None:
    data = _submission_with_exhibit(b"<html><body><p>A &amp; B</p></body></html>", b"x.htm")
    env = unwrap(data)
    ex = [e for e in env.exhibits if e["filename"] == "x.htm"]
    assert ex and ex[0]["text"] == "A & B"
    assert re.search(rb"</XML>", data)
