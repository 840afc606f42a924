"""A holder left at 0 shares (everything distributed or sold) beside holders that still own
shares: it and the parties above it only for it are no controllers of the shares reported
(convention 11). Graphs written by hand, expected answers read off them."""

from __future__ import annotations

import datetime as dt

from ownergraph.graph.model import Document, Holding, Link, Party, Security
from ownergraph.graph.store import build_graph
from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Role, SourceFormat
from ownergraph.queries.control import who_controls

DOC, ISSUER, SEC = "doc:f4", "p:issuer", "s:common"
PERSON, FUND, MGMT = "p:person", "p:fund", "p:mgmt"


def _graph(fund_shares: float, person_shares: float) -> object:
    """A Form 4: the person holds ``person_shares`` directly; the fund, managed by a
    management company with nobody stated above it, holds ``fund_shares`` after the last
    row (a distribution to its partners)."""
    parties = [
        Party(ISSUER, "Issuer Inc.", NodeKind.ISSUER),
        Party(PERSON, "Jane Roe", NodeKind.PERSON),
        Party(FUND, "Roe Fund IV, L.P.", NodeKind.FUND),
        Party(MGMT, "Roe Fund IV Management, LLC", NodeKind.ENTITY),
    ]
    holdings = [
        Holding("h:person", DOC, PERSON, SEC, Instrument.COMMON, shares=person_shares),
        Holding("h:fund", DOC, FUND, SEC, Instrument.COMMON, shares=fund_shares),
    ]
    links = [Link("l:gp", DOC, EdgeKind.CONTROLS, MGMT, FUND, Role.GENERAL_PARTNER)]
    doc = Document(
        DOC,
        "form4.xml",
        SourceFormat.FORM345,
        "0" * 64,
        form="4",
        event_date=dt.date(2019, 8, 20),
        issuer_id=ISSUER,
        security_id=SEC,
    )
    return build_graph(parties, [Security(SEC, ISSUER, "Common Stock")], holdings, links, [doc])


def test_a_holder_at_zero_beside_owners_is_left_out() -> None:
    """Jane Roe 63,550 directly, the fund at 0: who controls the class is Jane Roe alone
    (the management company controls none of the shares reported)."""
    wc = who_controls(_graph(0.0, 63_550.0), SEC)
    assert [(c.party_id, c.shares) for c in wc.ultimate] == [(PERSON, 63_550.0)]
    assert {c.party_id for c in wc.intermediate} <= {PERSON}


def test_every_holder_at_zero_lists_them_at_zero() -> None:
    """Both at 0 (an exit): the top controllers are listed at 0, not nobody (convention
    11): Jane Roe and the management company."""
    wc = who_controls(_graph(0.0, 0.0), SEC)
    assert sorted((c.party_id, c.shares) for c in wc.ultimate) == [(MGMT, 0.0), (PERSON, 0.0)]


def test_an_unknown_count_is_not_zero() -> None:
    """The fund's count unknown (None) beside Jane Roe's: both stay (unknown is not 0)."""
    wc = who_controls(_graph(None, 63_550.0), SEC)  # type: ignore[arg-type]
    assert {c.party_id for c in wc.ultimate} == {MGMT, PERSON}
