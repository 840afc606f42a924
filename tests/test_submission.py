"""Documents as users get them: full EDGAR submission files and XML with a lead-in.

Facts read from the files' SGML headers by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ownergraph.loaders import detect, parse_bytes, parse_path
from ownergraph.loaders.submission import unwrap

ROOT = Path(__file__).resolve().parents[1]
SUBS = ROOT / "tests" / "fixtures" / "corpus" / "sec13dg-submission"
BLACKROCK = SUBS / "2025-schedule13g-1826457_monte-rosa-therapeutics-inc_blackrock-inc.txt"
FORM5 = ROOT / "tests" / "fixtures" / "form345" / "fortinet_hsieh_form5_2026-06-12.xml"


def facts(pd: object) -> list[tuple]:
    """What a parse says, without the ids (which carry the bytes' hash)."""
    hs = [
        (h.holder_id, h.title, h.shares, h.direct_or_indirect, h.nature_of_ownership)
        for h in pd.holdings
    ]
    ps = [(p.party_id, p.aggregate, p.percent_of_class) for p in pd.positions]
    return sorted(hs, key=repr) + sorted(ps, key=repr)


def test_submission_with_xml_primary_document_is_read() -> None:
    pd = parse_path(BLACKROCK)
    assert pd.document.format.value == "sec13dg-xml"
    assert pd.document.accession == "0002012383-25-000642"  # ACCESSION NUMBER in the header
    sub = pd.extra["submission"]
    assert sub["form"] == "SCHEDULE 13G"
    assert sub["primary"] == {"type": "SCHEDULE 13G", "filename": "primary_doc.xml"}
    assert [d["type"] for d in sub["documents"]] == ["SCHEDULE 13G", "EX-24", "EX-99"]
    item7 = next(e for e in sub["exhibits"] if e["filename"] == "ITEM7.txt")
    assert "BlackRock" in item7["text"]
    assert pd.positions  # the cover pages of the XML document


def test_submission_parse_equals_the_primary_document_parse() -> None:
    data = BLACKROCK.read_bytes()
    env = unwrap(data)
    assert env is not None and env.xml.startswith(b"<?xml")
    inner = parse_bytes(env.xml, path=str(BLACKROCK))
    outer = parse_bytes(data, path=str(BLACKROCK))
    assert inner.positions == outer.positions
    # the submission adds what only its exhibits say: Item 7 "See Exhibit 99" lists the
    # subsidiaries (Role.PARENT links from the filer); the primary document alone states none
    assert set(inner.links) <= set(outer.links)
    added = [lk for lk in outer.links if lk not in inner.links]
    assert added and {lk.role.value for lk in added} == {"parent"}


def test_form4_inside_a_submission_is_read() -> None:
    xml = FORM5.read_bytes()
    sub = (
        b"<SEC-DOCUMENT>0000000000-26-000001.txt : 20260612\n<SEC-HEADER>\n"
        b"ACCESSION NUMBER:\t\t0000000000-26-000001\nCONFORMED SUBMISSION TYPE:\t5\n"
        b"</SEC-HEADER>\n<DOCUMENT>\n<TYPE>5\n<SEQUENCE>1\n<FILENAME>form5.xml\n<TEXT>\n<XML>\n"
        + xml
        + b"\n</XML>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    )
    assert detect(sub).value == "form345"
    a, b = parse_bytes(sub, path="s.txt"), parse_bytes(xml, path="s.txt")
    assert facts(a) == facts(b) and a.holdings
    assert a.document.accession == "0000000000-26-000001"


def test_legacy_text_submission_is_left_to_the_legacy_loader() -> None:
    seed = ROOT / "data" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"
    assert unwrap(seed.read_bytes()) is None
    assert parse_path(seed).document.format.value == "sec13dg-legacy"


@pytest.mark.parametrize("lead", [b"\n\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n  ", b" \t"])
def test_whitespace_or_bom_before_the_xml_declaration(lead: bytes) -> None:
    """Why: "An XML 13D/G with a blank line before `<?xml` is refused"."""
    xml = FORM5.read_bytes()
    assert xml.startswith(b"<?xml")
    assert facts(parse_bytes(lead + xml, path="f.xml")) == facts(parse_bytes(xml, path="f.xml"))
    x13 = next((ROOT / "tests" / "fixtures" / "sec13dg-xml").glob("*.xml")).read_bytes()
    x13 = re.sub(rb"^\s+", b"", x13)
    assert parse_bytes(lead + x13, path="g.xml").positions
