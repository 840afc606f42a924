"""Signature layouts read in session 8 (room SIGNATURES, issue 11, convention 2).

Quoted constructions are copied from the named corpus documents; synthetic texts are
named as such. Expected values are read from the quoted text.
"""

from __future__ import annotations

from ownergraph.loaders.sec_signatures import _role_of, _signature_blocks

#: quoted: Piper Jaffray / Carl Marks Management SC 13G, 1996-02-14 (dev copy), lines
#: 600-606: the typed "By" under the signature is a bare label, the title on the next line
CARL_MARKS = """SIGNATURE

                            CARL MARKS MANAGEMENT COMPANY, L.P.



                               /s/ ANDREW M. BOAS
                            By----------------------------------------------
                              Title:   General Partner
"""


def test_quoted_bare_by_label_under_the_signature_carl_marks_1996() -> None:
    (b,) = _signature_blocks(CARL_MARKS, 0)
    assert b.entities == ["CARL MARKS MANAGEMENT COMPANY, L.P."]
    assert b.signer == "ANDREW M. BOAS"
    assert b.capacity == "General Partner"
    assert _role_of(b.capacity) is not None and _role_of(b.capacity).value == "general_partner"


#: synthetic (the same layout with a "Name:" line between the bare "By:" and the title)
SYNTHETIC_NAME_LINE = """SIGNATURE

ALPHA PARTNERS, L.P.

/s/ JANE Q. DOE
By: ______________________
Name: Jane Q. Doe
Title: General Partner
"""


def test_synthetic_bare_by_then_name_then_title() -> None:
    (b,) = _signature_blocks(SYNTHETIC_NAME_LINE, 0)
    assert b.entities == ["ALPHA PARTNERS, L.P."]
    assert b.signer == "JANE Q. DOE"
    assert b.capacity == "General Partner"


def test_synthetic_bare_by_officer_title_of_the_filing_signature_is_read() -> None:
    text = SYNTHETIC_NAME_LINE.replace("General Partner", "President").replace(
        "PARTNERS, L.P.", "HOLDINGS, INC."
    )
    (b,) = _signature_blocks(text, 0)
    assert b.signer == "JANE Q. DOE"
    assert b.capacity == "President"


def test_synthetic_bare_by_officer_title_on_an_agreement_page_states_no_link() -> None:
    """An exhibit agreement's page ("IN WITNESS WHEREOF"): a contracting party's officer."""
    text = (
        "IN WITNESS WHEREOF, the parties have executed this Stock Purchase Agreement.\n\n"
        + SYNTHETIC_NAME_LINE.replace("General Partner", "President")
        .replace("PARTNERS, L.P.", "HOLDINGS, INC.")
        .replace("SIGNATURE\n", "")
    )
    (b,) = _signature_blocks(text, 0)
    assert b.signer == "JANE Q. DOE"
    assert b.capacity is None


def test_synthetic_bare_by_under_two_stacked_entities_states_no_link() -> None:
    text = SYNTHETIC_NAME_LINE.replace(
        "ALPHA PARTNERS, L.P.", "ALPHA PARTNERS, L.P.\n\nBETA CAPITAL, LLC"
    )
    (b,) = _signature_blocks(text, 0)
    assert len(b.entities) == 2
    assert b.capacity is None
