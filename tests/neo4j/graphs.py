"""Hand-made records for the backend tests: a seed-shaped filing and generated graphs.

``wynnefield()`` mirrors the shape of the seed (three funds, a GP LLC, an Inc., two
individuals, three instruments per fund) from graph.model records, so the sync and the
query library can be tested before, and independently of, the seed loader.
``generated(n)`` builds ``n`` layers of diamonds (two controllers sharing one controller
above them), economic stakes with fractions, and one cross-holding cycle.
"""

from __future__ import annotations

import hashlib

from ownergraph.graph.ids import make_id, party_id, security_id
from ownergraph.graph.model import (
    Document,
    Holding,
    Link,
    ParsedDocument,
    Party,
    Provenance,
    Security,
    Share,
)
from ownergraph.graph.vocab import EdgeKind, Instrument, NodeKind, Power, Role, SourceFormat


def _doc(name: str, fmt: SourceFormat = SourceFormat.TABULAR) -> Document:
    sha = hashlib.sha256(name.encode()).hexdigest()
    return Document(
        id=f"doc:{sha[:16]}", path=f"{name}.txt", format=fmt, sha256=sha, form="SC 13D/A"
    )


def _party(name: str, kind: NodeKind, doc: Document, **kw: object) -> Party:
    prov = (Provenance(path=doc.path, document_id=doc.id, phrase=f"{name} [test]"),)
    return Party(id=party_id(name=name), name=name, kind=kind, names=(name,), provenance=prov, **kw)  # type: ignore[arg-type]


def _holding(
    doc: Document, holder: Party, sec: Security, inst: Instrument, n: float | None
) -> Holding:
    return Holding(
        id=make_id("holding", doc.id, holder.id, sec.id, inst.value),
        document_id=doc.id,
        holder_id=holder.id,
        security_id=sec.id,
        instrument=inst,
        shares=n,
        right_to_acquire=inst.is_right_to_acquire,
        provenance=(Provenance(path=doc.path, document_id=doc.id, span=(1, 20)),),
    )


def _link(
    doc: Document,
    a: Party,
    b: Party,
    role: Role,
    kind: EdgeKind = EdgeKind.CONTROLS,
    power: Power | None = None,
    share: Share | None = None,
) -> Link:
    return Link(
        id=make_id("link", doc.id, kind.value, a.id, b.id, role.value),
        document_id=doc.id,
        kind=kind,
        controller_id=a.id,
        controlled_id=b.id,
        role=role,
        power=power,
        share=share,
        provenance=(Provenance(path=doc.path, document_id=doc.id, phrase=f"{a.name} -> {b.name}"),),
    )


def wynnefield() -> ParsedDocument:
    """A seed-shaped filing: Liquidmetal, three Wynnefield funds, GP chains to two persons."""
    doc = _doc("wynnefield-like")
    issuer = _party(
        "Liquidmetal Technologies, Inc.",
        NodeKind.ISSUER,
        doc,
        identifiers=(("cik", "0001141240"),),
    )
    sec = Security(
        id=security_id(cusip="53634X100", issuer_id=issuer.id),
        issuer_id=issuer.id,
        title="Common Stock",
        cusip="53634X100",
    )
    lp = _party("Wynnefield Partners Small Cap Value, L.P.", NodeKind.FUND, doc)
    lp1 = _party("Wynnefield Partners Small Cap Value, L.P. I", NodeKind.FUND, doc)
    off = _party("Wynnefield Small Cap Value Offshore Fund, Ltd.", NodeKind.FUND, doc)
    llc = _party("Wynnefield Capital Management, LLC", NodeKind.ENTITY, doc)
    inc = _party("Wynnefield Capital, Inc.", NodeKind.ENTITY, doc)
    obus = _party("Nelson Obus", NodeKind.PERSON, doc, type_codes=("IN",))
    landes = _party("Joshua Landes", NodeKind.PERSON, doc, type_codes=("IN",))
    comps = {
        lp: (275_355, 433_266, 310_910),
        lp1: (395_779, 567_372, 407_143),
        off: (402_420, 546_740, 392_339),
    }
    holdings = []
    for fund, (c, v, w) in comps.items():
        for inst, n in (
            (Instrument.COMMON, c),
            (Instrument.CONVERTIBLE, v),
            (Instrument.WARRANT, w),
        ):
            holdings.append(_holding(doc, fund, sec, inst, n))
    links = [
        _link(doc, llc, lp, Role.GENERAL_PARTNER),
        _link(doc, llc, lp1, Role.GENERAL_PARTNER),
        _link(doc, inc, off, Role.INVESTMENT_MANAGER),
        _link(doc, obus, llc, Role.MANAGING_MEMBER),
        _link(doc, landes, llc, Role.MANAGING_MEMBER),
        _link(doc, obus, inc, Role.OFFICER),
        _link(doc, landes, inc, Role.OFFICER),
    ]
    return ParsedDocument(
        document=doc,
        parties=(issuer, lp, lp1, off, llc, inc, obus, landes),
        securities=(sec,),
        holdings=tuple(holdings),
        links=tuple(links),
    )


def generated(n: int = 3, *, name: str = "gen") -> ParsedDocument:
    """``n`` diamonds stacked on one issuer's class, economic stakes, and one cycle.

    Layer i: fund F_i holds shares; two managers A_i and B_i control F_i (GP and investment
    manager); one person P_i controls both managers (a diamond). P_0 also controls F_1's
    managers, so paths cross layers. Holding companies H_1 -> H_2 -> H_3 -> H_1 form an
    OWNS cycle with fractional stakes, and H_1 owns 60 % of F_0.
    """
    doc = _doc(f"{name}-{n}")
    issuer = _party(
        f"{name} Issuer Corp", NodeKind.ISSUER, doc, identifiers=(("cik", "0009990001"),)
    )
    sec = Security(
        id=security_id(cusip="99999Z109", issuer_id=issuer.id),
        issuer_id=issuer.id,
        title="Common Stock",
        cusip="99999Z109",
    )
    parties = [issuer]
    holdings = []
    links = []
    persons = []
    for i in range(n):
        f = _party(f"{name} Fund {i} LP", NodeKind.FUND, doc)
        a = _party(f"{name} GP {i} LLC", NodeKind.ENTITY, doc)
        b = _party(f"{name} Manager {i} LLC", NodeKind.ENTITY, doc)
        p = _party(f"{name} Person {i}", NodeKind.PERSON, doc)
        parties += [f, a, b, p]
        persons.append((p, a, b))
        holdings.append(_holding(doc, f, sec, Instrument.COMMON, 1000.0 * (i + 1)))
        holdings.append(_holding(doc, f, sec, Instrument.WARRANT, 100.0 * (i + 1)))
        links += [
            _link(doc, a, f, Role.GENERAL_PARTNER),
            _link(doc, b, f, Role.INVESTMENT_MANAGER),
            _link(doc, p, a, Role.MANAGING_MEMBER),
            _link(doc, p, b, Role.MANAGING_MEMBER),
        ]
    if n > 1:
        p0 = persons[0][0]
        _, a1, b1 = persons[1]
        links += [
            _link(doc, p0, a1, Role.MANAGING_MEMBER),
            _link(doc, p0, b1, Role.MANAGING_MEMBER),
        ]
    h = [_party(f"{name} Holding {j}", NodeKind.ENTITY, doc) for j in (1, 2, 3)]
    parties += h
    stakes = [(h[0], h[1], 50.0), (h[1], h[2], 40.0), (h[2], h[0], 30.0)]
    for x, y, s in stakes:
        links.append(_link(doc, x, y, Role.SHAREHOLDER, EdgeKind.OWNS, share=Share.exact(s)))
    f0 = next(p for p in parties if p.name == f"{name} Fund 0 LP")
    links.append(_link(doc, h[0], f0, Role.SHAREHOLDER, EdgeKind.OWNS, share=Share.exact(60.0)))
    links.append(
        _link(
            doc,
            h[1],
            f0,
            Role.SHAREHOLDER,
            EdgeKind.OWNS,
            share=Share(minimum=10.0, maximum=25.0, exclusive_maximum=True),
        )
    )
    return ParsedDocument(
        document=doc,
        parties=tuple(parties),
        securities=(sec,),
        holdings=tuple(holdings),
        links=tuple(links),
    )
