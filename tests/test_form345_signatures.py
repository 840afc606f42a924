"""Forms 3/4/5: links stated by signature lines (convention 2 of
tests/fixtures/corpus/README.md); the lines are quoted from the corpus, the links read by
hand."""

from __future__ import annotations

from ownergraph.graph.vocab import NodeKind, Role
from ownergraph.loaders import parse_bytes
from ownergraph.loaders.form345_signatures import signature_steps

#: quoted (Fractyl Health, Form 4 of Mithril LP et al., 2024-02-06)
CHAIN = (
    "Mithril II LP By: Mithril II GP LP, its general partner By: Mithril II UGP LLC, its"
    " general partner, By: /s/ Ajay Royan, Managing Member"
)
#: quoted (Adagio Therapeutics, Form 4 of Mithril II LP)
TITLES = (
    "/s/ Ajay Royan, Managing Member, Mithril II UGP LLC, General Partner of Mithril II GP LP,"
    " the General Partner of Mithril II LP"
)
GP, MM = Role.GENERAL_PARTNER, Role.MANAGING_MEMBER


def test_the_two_shapes_state_the_same_chain() -> None:
    want = [
        ("Mithril II GP LP", "Mithril II LP", GP),
        ("Mithril II UGP LLC", "Mithril II GP LP", GP),
        ("Ajay Royan", "Mithril II UGP LLC", MM),
    ]
    assert signature_steps(CHAIN) == want
    assert sorted(signature_steps(TITLES)) == sorted(want)


def test_capacities_that_state_no_control_state_no_link() -> None:
    """Quoted (Fractyl, same form): 'Mithril GP LP By: /s/ Ajay Royan, Authorized Person'
    (no link; the GP step of the next line is one); corpus attorney-in-fact lines: none."""
    assert signature_steps("Mithril GP LP By: /s/ Ajay Royan, Authorized Person") == []
    assert signature_steps(
        "Mithril LP By: Mithril GP LP, its general partner By: /s/ Ajay Royan, Authorized Person"
    ) == [("Mithril GP LP", "Mithril LP", GP)]
    for line in (
        "/s/ Seth R. Weissman, Atty-in-Fact for Elon Musk",
        "By: Charles Baker For: the Reporting Person",
        "/s/ Roelof Botha, by Kathy Hibbs, attorney-in-fact",
        "/s/ Peter Thiel",
    ):
        assert signature_steps(line) == []


def test_a_form_whose_footnotes_are_silent_takes_the_links_from_its_signature() -> None:
    """Synthetic form (the quoted chain as its only signature, no footnote): the links are
    the chain's; Ajay Royan, named nowhere else, is a person party."""
    xml = (
        '<?xml version="1.0"?><ownershipDocument><schemaVersion>X0306</schemaVersion>'
        "<documentType>4</documentType><periodOfReport>2024-02-06</periodOfReport>"
        "<issuer><issuerCik>0001832038</issuerCik><issuerName>Example Issuer, Inc.</issuerName>"
        "</issuer><reportingOwner><reportingOwnerId><rptOwnerCik>0000000012</rptOwnerCik>"
        "<rptOwnerName>Mithril II LP</rptOwnerName></reportingOwnerId></reportingOwner>"
        "<nonDerivativeTable><nonDerivativeHolding><securityTitle><value>Common Stock</value>"
        "</securityTitle><postTransactionAmounts><sharesOwnedFollowingTransaction><value>100"
        "</value></sharesOwnedFollowingTransaction></postTransactionAmounts><ownershipNature>"
        "<directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>"
        "</ownershipNature></nonDerivativeHolding></nonDerivativeTable>"
        f"<ownerSignature><signatureName>{CHAIN}</signatureName>"
        "<signatureDate>2024-02-06</signatureDate></ownerSignature></ownershipDocument>"
    )
    pd = parse_bytes(xml.encode(), path="sig.xml")
    n = {p.id: p.name for p in pd.parties}
    got = {(n[lk.controller_id], n[lk.controlled_id], lk.role) for lk in pd.links}
    assert got == {
        ("Mithril II GP LP", "Mithril II LP", GP),
        ("Mithril II UGP LLC", "Mithril II GP LP", GP),
        ("Ajay Royan", "Mithril II UGP LLC", MM),
    }
    (royan,) = [p for p in pd.parties if p.name == "Ajay Royan"]
    assert royan.kind is NodeKind.PERSON


def test_a_president_signing_for_an_entity_is_not_read_yet() -> None:
    """Quoted (tests/fixtures/form345, Wynn Resorts Form 4 of Tilman J. Fertitta):
    'Fertitta Entertainment, Inc., By: /s/ Paige Fertitta, President' -- an officer link by
    convention 2, left unread for now (module note): no link."""
    assert signature_steps("Fertitta Entertainment, Inc., By: /s/ Paige Fertitta, President") == []
