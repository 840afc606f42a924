"""Rule 13d-3 attribution (queries.attribution) on hand-made graphs shaped like the seed.

:func:`seed_like` builds the Liquidmetal / Wynnefield 13D/A No. 2 by hand from DOMAIN.md
section 6 (the other query tests import it). Components per fund (common / convertible /
warrants): L.P. 275,355 / 433,266 / 310,910 = 1,019,531; L.P. I 395,779 / 567,372 /
407,143 = 1,370,294; Offshore 402,420 / 546,740 / 392,339 = 1,341,499. The three funds add to
1,019,531 + 1,370,294 + 1,341,499 = 3,731,324 (the individuals filed 3,731,323).
"""

from __future__ import annotations

import datetime as dt
import functools

import pytest

from ownergraph.graph.ids import make_id
from ownergraph.graph.model import (
    Component,
    Document,
    Finding,
    Holding,
    Link,
    ParsedDocument,
    Party,
    Provenance,
    ReportedPosition,
    Security,
)
from ownergraph.graph.store import build_graph
from ownergraph.graph.vocab import (
    EdgeKind,
    Instrument,
    NodeKind,
    Power,
    Role,
    Severity,
    SourceFormat,
)
from ownergraph.queries.attribution import attribute, implied_outstanding

DOC = "doc:seedlike"
LP, LPI, OFF = "p:lp", "p:lpi", "p:off"
LLC, INC = "p:llc", "p:inc"
OBUS, LANDES = "p:obus", "p:landes"
ISSUER, SEC = "p:liquidmetal", "s:liquidmetal-common"

FUNDS = {
    LP: (275_355, 433_266, 310_910),
    LPI: (395_779, 567_372, 407_143),
    OFF: (402_420, 546_740, 392_339),
}

# name, sole, shared, aggregate, percent, components (common, convertible, warrants)
FILED = {
    LP: ("Wynnefield Partners Small Cap Value, L.P.", 1_019_531, 0, 1_019_531, 2.28, FUNDS[LP]),
    LPI: (
        "Wynnefield Partners Small Cap Value, L.P. I",
        1_370_294,
        0,
        1_370_294,
        3.06,
        FUNDS[LPI],
    ),
    OFF: (
        "Wynnefield Small Cap Value Offshore Fund, Ltd.",
        1_341_499,
        0,
        1_341_499,
        3.00,
        FUNDS[OFF],
    ),
    INC: ("Wynnefield Capital, Inc.", 1_341_499, 0, 1_341_499, 3.00, FUNDS[OFF]),
    LLC: (
        "Wynnefield Capital Management, LLC",
        2_389_825,
        0,
        2_389_825,
        5.34,
        (275_355 + 395_779, 433_266 + 567_372, 310_910 + 407_143),
    ),
    OBUS: ("Nelson Obus", 0, 3_731_323, 3_731_323, 8.34, (1_073_554, 1_547_377, 1_110_392)),
    LANDES: ("Joshua Landes", 0, 3_731_323, 3_731_323, 8.34, (1_073_554, 1_547_377, 1_110_392)),
}


def _prov(phrase: str) -> tuple[Provenance, ...]:
    return (Provenance(path="seed-like.txt", document_id=DOC, phrase=phrase),)


def seed_like(*, outstanding: float | None = None, landes_stated: bool = True) -> ParsedDocument:
    """The seed's records, by hand (names clean, links as DOMAIN.md 6 states them)."""
    kinds = {
        LP: NodeKind.FUND,
        LPI: NodeKind.FUND,
        OFF: NodeKind.FUND,
        LLC: NodeKind.ENTITY,
        INC: NodeKind.ENTITY,
        OBUS: NodeKind.PERSON,
        LANDES: NodeKind.PERSON,
    }
    parties = [Party(pid, FILED[pid][0], kind) for pid, kind in kinds.items()]
    parties[0] = Party(
        LP,
        FILED[LP][0],
        NodeKind.FUND,
        names=(
            "Wynnefield Partners Small Cap Value, L.P.",
            "WYNNEFIELD PARTNERS SMALL CAP VALUE LP",
        ),
    )
    parties.append(
        Party(
            ISSUER,
            "Liquidmetal Technologies, Inc.",
            NodeKind.ISSUER,
            identifiers=(("cik", "0001141240"),),
        )
    )
    holdings = []
    for fund, amounts in FUNDS.items():
        for instrument, shares in zip(
            (Instrument.COMMON, Instrument.CONVERTIBLE, Instrument.WARRANT), amounts, strict=True
        ):
            holdings.append(
                Holding(
                    id=make_id("holding", DOC, fund, instrument.value),
                    document_id=DOC,
                    holder_id=fund,
                    security_id=SEC,
                    instrument=instrument,
                    shares=float(shares),
                    right_to_acquire=instrument.is_right_to_acquire,
                    derivative=instrument.is_right_to_acquire,
                    provenance=_prov(f"{shares:,} shares"),
                )
            )

    def link(a: str, b: str, role: Role, power: Power | None, phrase: str) -> Link:
        return Link(
            id=make_id("link", DOC, a, b, role.value),
            document_id=DOC,
            kind=EdgeKind.CONTROLS,
            controller_id=a,
            controlled_id=b,
            role=role,
            power=power,
            provenance=_prov(phrase),
        )

    gp = "By: Wynnefield Capital Management, LLC, General Partner"
    links = [
        link(LLC, LP, Role.GENERAL_PARTNER, None, gp),
        link(LLC, LPI, Role.GENERAL_PARTNER, None, gp),
        link(INC, OFF, Role.INVESTMENT_MANAGER, None, "By: Wynnefield Capital, Inc."),
        link(OBUS, LLC, Role.MANAGING_MEMBER, Power.SHARED, "Nelson Obus, Co-Managing Member"),
        link(OBUS, INC, Role.OFFICER, None, "Nelson Obus, President"),
    ]
    for person in (OBUS, LANDES) if landes_stated else (OBUS,):
        for fund in FUNDS:
            links.append(
                link(person, fund, Role.STATED_POWER, Power.SHARED, "collectively owned by")
            )
    positions = []
    for pid, (name, sole, shared, agg, pct, comps) in FILED.items():
        positions.append(
            ReportedPosition(
                id=make_id("position", DOC, pid),
                document_id=DOC,
                party_id=pid,
                name=name,
                sole_voting=float(sole),
                shared_voting=float(shared),
                sole_dispositive=float(sole),
                shared_dispositive=float(shared),
                aggregate=float(agg),
                percent_of_class=pct,
                percent_text=f"{pct:.2f}%",  # every seed page writes two decimals
                components=tuple(
                    Component(i, float(s))
                    for i, s in zip(
                        (Instrument.COMMON, Instrument.CONVERTIBLE, Instrument.WARRANT),
                        comps,
                        strict=True,
                    )
                ),
                provenance=_prov(f"cover page of {name}"),
            )
        )
    doc = Document(
        id=DOC,
        path="seed-like.txt",
        format=SourceFormat.SEC13DG_LEGACY,
        sha256="0" * 64,
        form="SC 13D/A",
        amendment_no=2,
        event_date=dt.date(2008, 9, 30),
        issuer_id=ISSUER,
        security_id=SEC,
        outstanding=outstanding,
    )
    loader_finding = Finding(
        id="finding:jfa",
        document_id=DOC,
        kind="joint_filing_agreement_parties",
        severity=Severity.WARNING,
        message="the joint filing agreement does not list L.P. I",
    )
    return ParsedDocument(
        document=doc,
        parties=tuple(parties),
        securities=(Security(SEC, ISSUER, "Common Stock", cusip="53634X100"),),
        holdings=tuple(holdings),
        links=tuple(links),
        positions=tuple(positions),
        findings=(loader_finding,),
    )


def graph_of(parsed: ParsedDocument):
    """The graph of one parsed document, positions included."""
    return build_graph(
        parsed.parties,
        parsed.securities,
        parsed.holdings,
        parsed.links,
        [parsed.document],
        positions=parsed.positions,
    )


@pytest.fixture
def att():
    return attribute(graph_of(seed_like()), SEC)


def _row(att, pid):
    p = att.person(pid)
    return (p.sole_voting.value, p.shared_voting.value, p.aggregate.value)


def test_funds_sole_over_their_own_holdings(att):
    """Each fund is a holder: sole over common + convertible + warrants.

    L.P. 275,355 + 433,266 + 310,910 = 1,019,531; L.P. I 395,779 + 567,372 + 407,143 =
    1,370,294; Offshore 402,420 + 546,740 + 392,339 = 1,341,499.
    """
    assert _row(att, LP) == (1_019_531, 0, 1_019_531)
    assert _row(att, LPI) == (1_370_294, 0, 1_370_294)
    assert _row(att, OFF) == (1_341_499, 0, 1_341_499)


def test_managers_sole_as_only_structural_controller(att):
    """LLC is the only GP of both L.P.s: sole over 1,019,531 + 1,370,294 = 2,389,825.
    Inc. is the Offshore Fund's only manager: sole over 1,341,499. Landes's stated shared
    links to the funds do not make either shared."""
    assert _row(att, LLC) == (2_389_825, 0, 2_389_825)
    assert _row(att, INC) == (1_341_499, 0, 1_341_499)


def test_individuals_shared_over_the_distinct_union(att):
    """Obus: co-managing member (SHARED) of LLC and officer of Inc. -> shared; Landes: stated
    shared. Both over the union 1,019,531 + 1,370,294 + 1,341,499 = 3,731,324 (never the sum
    of the seven cover pages, 14,735,294)."""
    assert _row(att, OBUS) == (0, 3_731_324, 3_731_324)
    assert _row(att, LANDES) == (0, 3_731_324, 3_731_324)
    assert att.person(OBUS).sole_dispositive.value == 0
    assert att.person(OBUS).shared_dispositive.value == 3_731_324
    assert att.total.value == 3_731_324


def test_own_rights_to_acquire(att):
    """13d-3(d)(1)(i): L.P. 433,266 + 310,910 = 744,176; individuals 433,266 + 310,910 +
    567,372 + 407,143 + 546,740 + 392,339 = 2,657,770."""
    assert att.person(LP).rights_to_acquire.value == 744_176
    assert att.person(OBUS).rights_to_acquire.value == 2_657_770
    assert len(att.person(OBUS).rights_to_acquire.holding_ids) == 6


def test_every_number_is_explained(att):
    p = att.person(OBUS)
    assert "13d-3" in p.aggregate.rule
    assert len(p.aggregate.holding_ids) == 9
    # Obus -> LLC -> L.P., Obus -> LLC -> L.P. I, Obus -> Inc. -> Offshore, and his stated
    # links Obus -> L.P. / L.P. I / Offshore: 3 + 3 = 6 paths
    assert p.path_count == 6 and len(p.paths) == 6 and not p.paths_truncated
    assert {tuple(path.nodes) for path in p.paths} >= {(OBUS, LLC, LP), (OBUS, INC, OFF)}
    lines = {h.id: h for h in att.holdings}
    assert all(lines[i].provenance for i in p.aggregate.holding_ids)
    d = att.to_dict()
    assert d["lens"] == "sec13d3"
    assert [x["name"] for x in d["persons"]][:2] == ["Joshua Landes", "Nelson Obus"]


def test_percent_with_argument_outstanding():
    """Per-person denominator: with 43,972,096 outstanding the L.P. has
    1,019,531 / (43,972,096 + 744,176) = 2.2800 %, the individuals 3,731,324 /
    (43,972,096 + 2,657,770) = 8.0020 %."""
    att = attribute(graph_of(seed_like()), SEC, outstanding=43_972_096)
    assert att.denominator.source == "argument" and not att.denominator.implied
    assert round(att.person(LP).percent.value, 4) == 2.2800
    assert round(att.person(OBUS).percent.value, 4) == 8.0020


def test_percent_from_document_outstanding():
    att = attribute(graph_of(seed_like(outstanding=40_000_000)), "Liquidmetal Technologies")
    assert att.denominator.source == "document"
    # 1,341,499 / (40,000,000 + 546,740 + 392,339) = 3.2768 %
    assert round(att.person(INC).percent.value, 4) == 3.2768


def test_percent_implied_and_marked():
    """No outstanding stated: the median of the seven implied counts. Points (aggregate /
    percent − own filed rights): L.P. 43,972,096; L.P. I 43,806,335; Offshore and Inc.
    43,777,554; LLC 43,034,586; individuals 42,082,315 (x2). Median (4th of 7): 43,777,554."""
    att = attribute(graph_of(seed_like()), SEC)
    den = att.denominator
    assert den.implied and den.source == "implied"
    assert len(den.pages) == 7
    assert den.outstanding == 43_777_554
    assert "implied" in att.person(OFF).percent.note
    # Offshore: 1,341,499 / (43,777,554 + 939,079) = 3.0000 %
    assert round(att.person(OFF).percent.value, 2) == 3.00


def test_implied_outstanding_interval_of_individuals():
    """8.34 % stands for [8.335, 8.345): 3,731,323·100/8.345 − 2,657,769 = 42,055,508;
    ·100/8.335 − 2,657,769 = 42,109,154."""
    rp = next(p for p in seed_like().positions if p.party_id == OBUS)
    io = implied_outstanding(rp)
    assert io.own_rights == 2_657_769
    assert (round(io.low), round(io.high)) == (42_055_508, 42_109_154)


def test_sole_when_only_gp_even_with_an_officer_elsewhere():
    """Officer power is shared unless stated sole: a SOLE officer link gives sole power."""
    parsed = seed_like(landes_stated=False)
    links = [
        lk if lk.role != Role.OFFICER else Link(**{**lk.__dict__, "power": Power.SOLE})
        for lk in parsed.links
        if lk.role != Role.STATED_POWER
    ]
    g = build_graph(parsed.parties, parsed.securities, parsed.holdings, links, [parsed.document])
    att = attribute(g, SEC)
    # Obus: sole over Offshore via Inc. (1,341,499), shared over the L.P.s via LLC (2,389,825)
    assert _row(att, OBUS) == (1_341_499, 2_389_825, 3_731_324)


def test_two_general_partners_make_both_shared():
    """A fund with two structural controllers: neither is its sole structural controller."""
    parsed = seed_like()
    extra = Link("l:x", DOC, EdgeKind.CONTROLS, INC, LP, Role.GENERAL_PARTNER)
    g = build_graph(
        parsed.parties,
        parsed.securities,
        parsed.holdings,
        (*parsed.links, extra),
        [parsed.document],
    )
    att = attribute(g, SEC)
    # LLC: L.P. now shared (1,019,531), L.P. I still sole (1,370,294)
    assert _row(att, LLC) == (1_370_294, 1_019_531, 2_389_825)
    # Inc.: Offshore sole 1,341,499, L.P. shared 1,019,531; aggregate 2,361,030
    assert _row(att, INC) == (1_341_499, 1_019_531, 2_361_030)
    assert att.person(LP).sole_voting.value == 1_019_531  # a holder stays sole over its own


def test_cycle_does_not_hang_and_unions_once():
    """LLC and Inc. control each other: both reach all three funds, union counted once."""
    parsed = seed_like()
    cyc = (
        Link("l:c1", DOC, EdgeKind.CONTROLS, LLC, INC, Role.PARENT),
        Link("l:c2", DOC, EdgeKind.CONTROLS, INC, LLC, Role.PARENT),
    )
    g = build_graph(
        parsed.parties, parsed.securities, parsed.holdings, (*parsed.links, *cyc), [parsed.document]
    )
    att = attribute(g, SEC)
    assert att.person(LLC).aggregate.value == 3_731_324
    assert att.person(INC).aggregate.value == 3_731_324
    assert att.person(OBUS).aggregate.value == 3_731_324
    # simple paths, all listed: Obus->LLC->{LP, LPI}, Obus->LLC->Inc->Off, Obus->Inc->Off,
    # Obus->Inc->LLC->{LP, LPI}, stated Obus->{LP, LPI, Off}: 2 + 1 + 1 + 2 + 3 = 9
    assert att.person(OBUS).path_count == 9
    assert not att.person(OBUS).paths_truncated


def test_unknown_share_count_stays_unknown():
    parsed = seed_like()
    hs = list(parsed.holdings)
    hs[0] = Holding(**{**hs[0].__dict__, "shares": None})
    g = build_graph(parsed.parties, parsed.securities, hs, parsed.links, [parsed.document])
    att = attribute(g, SEC)
    assert att.person(LP).aggregate.value is None
    assert att.person(OFF).aggregate.value == 1_341_499


# --------------------------------------------------------------------------- the real seed


@functools.cache
def _parse_real_seed() -> ParsedDocument:
    from ownergraph.loaders import sec13dg_legacy
    from tests.conftest import SEED

    with SEED.open("rb") as fp:
        return sec13dg_legacy.parse(fp, path=str(SEED))


def load_real_seed() -> ParsedDocument:
    """The seed filing parsed by the legacy loader (the test skips until that loader exists)."""
    pytest.importorskip("ownergraph.loaders.sec13dg_legacy")
    return _parse_real_seed()


@pytest.fixture
def real_seed() -> ParsedDocument:
    return load_real_seed()


def _by_name(att, name):
    return next(p for p in att.persons if p.name == name)


def test_real_seed_recomputes_all_seven_cover_pages(real_seed):
    """DOMAIN.md 6: funds 1,019,531 / 1,370,294 / 1,341,499 sole; Inc. 1,341,499 sole; LLC
    2,389,825 sole; individuals shared over 3,731,324 (3,731,323 filed)."""
    att = attribute(graph_of(real_seed), real_seed.document.security_id)
    expected = {
        "Wynnefield Partners Small Cap Value, L.P.": (1_019_531, 0, 1_019_531),
        "Wynnefield Partners Small Cap Value, L.P. I": (1_370_294, 0, 1_370_294),
        "Wynnefield Small Cap Value Offshore Fund, Ltd.": (1_341_499, 0, 1_341_499),
        "Wynnefield Capital, Inc.": (1_341_499, 0, 1_341_499),
        "Wynnefield Capital Management, LLC": (2_389_825, 0, 2_389_825),
        "Nelson Obus": (0, 3_731_324, 3_731_324),
        "Joshua Landes": (0, 3_731_324, 3_731_324),
    }
    for name, row in expected.items():
        p = _by_name(att, name)
        assert (p.sole_voting.value, p.shared_voting.value, p.aggregate.value) == row, name
        assert (p.sole_dispositive.value, p.shared_dispositive.value) == row[:2], name
        assert p.filed is not None
    assert _by_name(att, "Nelson Obus").filed.aggregate == 3_731_323
    assert _by_name(att, "Nelson Obus").filed.differs
    assert not _by_name(att, "Wynnefield Capital Management, LLC").filed.differs
    assert att.total.value == 3_731_324
    assert att.denominator.implied and att.denominator.outstanding == 43_777_554
