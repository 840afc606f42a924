"""Forms 3, 4 and 5 (``ownershipDocument`` XML): Section 16 holdings as evidence of edges.

Section 16 "pecuniary interest" is not a Rule 13d-3 result (DOMAIN.md 1): each table row
becomes one :class:`~graph.model.Holding` (shares owned following the transaction, D/I,
nature of ownership) held by whoever the form says holds it, plus the control links its
footnotes state. Attribution is left to the queries.

Choices where the form or the issue is silent:

- **Person or entity**: a reporting owner whose name carries an entity word (legal form,
  trust, fund, partners, holdings, group ...; :func:`loaders.sec_grammar.looks_like_entity`)
  is an entity, anyone else a person. The relationship flags do not decide it (Silver
  Lake's LLCs are directors by deputization). A person's SEC-order name ("FERTITTA
  TILMAN J") is shown in reading order ("Tilman J Fertitta"); the filed spelling is kept.
- **Who holds a row** (one holding per row, so nothing is counted twice when a reporting
  owner is itself the holder): (1) a footnote on the row's ownership nature naming the
  holder ("directly held by X", "held of record by X", "held by the X Trust"); (2) the
  nature text ("Held through X", "By X"); (3) for a ``D`` row, the reporting owner the
  footnote names, else the only owner, else the first owner (noted); (4) for an ``I``
  row whose intermediary is not named ("a trust for the benefit of certain family
  members", "By Trust" without footnote), a placeholder party (``NodeKind.UNKNOWN``,
  id bound to this document and row) linked from the owner with ``Role.OTHER``.
  A footnote that breaks a row down ("29,494, ... and 126 shares held by A, ... and E,
  respectively") gives one holding per named holder when the parts add up to the row.
- **Links** come from footnote phrases only (:mod:`loaders.sec_grammar`, shared with the 13D/G loaders): "of which the
  Reporting Person is a trustee" (TRUSTEE), "for which the Reporting Person is the general
  partner", GP chains, "managing member of", "sole shareholder of" (PARENT, SOLE; also an
  ``OWNS`` link of exactly 100 %), "sole indirect owner of" (PARENT, indirect). "The
  Reporting Person" names a party only when the form has one owner.
- **Derivatives**: ``Holding(derivative=True)`` on the *underlying* class, with the
  derivative's title, exercise price and dates; instrument from the title (option,
  warrant, preferred, convertible note). ``right_to_acquire`` (Rule 13d-3(d)(1)(i)) is
  true when the right is exercisable within 60 days of the period of report and not yet
  expired; an exercise date given only by a footnote counts when the footnote says
  "immediately exercisable" / "exercisable at any time"; a written call ("obligation to
  sell") or a put is never a right to acquire.
- **Ticker** (``issuerTradingSymbol``) is set on the class when the form names exactly
  one class (the form does not say which class trades under it); always kept in
  ``extra["issuer"]``.
- **Findings**: an ``I`` row whose stated holder is a reporting owner that no other owner
  is stated to control (e.g. "held of record by Mr. Fertitta" coded I); a named
  intermediary not linked to any reporting owner; a filing signed after its deadline
  (Form 3: 10 days, Form 4: 2 business days after the last transaction, Form 5: 45 days
  after the period); transactions coded late (timeliness ``L``).
"""

from __future__ import annotations

import re
from typing import IO, Any

from lxml import etree

from ownergraph.graph.clean import sha256_bytes
from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import (
    document_id,
    make_id,
    normalize_cik,
    party_id,
    security_id,
)
from ownergraph.graph.model import (
    Document,
    Finding,
    Holding,
    Link,
    ParsedDocument,
    Party,
    Provenance,
    Security,
    Share,
)
from ownergraph.graph.vocab import (
    DirectOrIndirect,
    EdgeKind,
    NodeKind,
    Power,
    Role,
    Severity,
    SourceFormat,
)
from ownergraph.loaders.form345_book import prepare_book
from ownergraph.loaders.form345_committee import add_committee_members, committee_link_powers
from ownergraph.loaders.form345_disclaimed import powerless_owner_links
from ownergraph.loaders.form345_findings import deadline_finding, holder_findings
from ownergraph.loaders.form345_holders import footnote_holders
from ownergraph.loaders.form345_inverted import add_inverted_roles
from ownergraph.loaders.form345_middle import add_middle_steps
from ownergraph.loaders.form345_names import (
    named_holder,
)
from ownergraph.loaders.form345_owners import owners_book, reporting_owners
from ownergraph.loaders.form345_parties import nature_role, relative_trustees, unnamed_role
from ownergraph.loaders.form345_positions import (
    class_words,
    document_class,
    last_positions,
    nature_words,
)
from ownergraph.loaders.form345_rights import right_to_acquire
from ownergraph.loaders.form345_rules import (
    footnote_rules,
    grammar_links,
    link_indirect_rows,
)
from ownergraph.loaders.form345_siblings import sibling_nature_footnotes
from ownergraph.loaders.form345_signatures import signature_steps
from ownergraph.loaders.form345_text import (
    NOT_FIRST,
    collective_words,
    join_continued,
    relative_words,
)
from ownergraph.loaders.form345_trustees import (
    add_bare_trustees,
    bare_named_trustees,
    bare_relative_trustee,
    trustee_key,
    trustee_statements,
)
from ownergraph.loaders.form345_xml import flag as _flag
from ownergraph.loaders.form345_xml import footnote_ids as _footnote_ids
from ownergraph.loaders.form345_xml import inline_footnotes, read_footnotes
from ownergraph.loaders.form345_xml import instrument_of as _instrument
from ownergraph.loaders.form345_xml import num_or_none as _num_or_none
from ownergraph.loaders.form345_xml import value as _value
from ownergraph.loaders.sec_lexicon import looks_like_entity
from ownergraph.loaders.sec_terms import NameBook
from ownergraph.loaders.xmlsafe import (
    child,
    children,
    date_at,
    local_name,
    number_at,
    parse_xml,
    place,
    sniff_root,
    text,
    text_at,
    xpath_of,
)

FORMAT = SourceFormat.FORM345
ROOT = "ownershipDocument"


def sniff(head: bytes) -> bool:
    """True for an ``ownershipDocument`` (Forms 3, 4, 5 and amendments).

    >>> sniff(b'<?xml version="1.0"?>\\n<ownershipDocument>')
    True
    """
    return sniff_root(head) == ROOT


def parse(fp: IO[bytes], *, path: str) -> ParsedDocument:
    """Parse a Form 3, 4 or 5 ``ownershipDocument`` into records (no database, no network)."""
    data = fp.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    sha = sha256_bytes(data)
    doc_id = document_id(sha)
    root = parse_xml(data, path=path, roots=(ROOT,))

    def pv(el: etree._Element | None = None, **kw: Any) -> Provenance:
        return Provenance(
            path=path,
            format=FORMAT,
            document_id=doc_id,
            xpath=xpath_of(el) if el is not None else None,
            **kw,
        )

    doc_type_el = child(root, "documentType")
    doc_type = text(doc_type_el)
    if not doc_type or not re.fullmatch(r"[345](?:/A)?", doc_type.strip(), re.I):
        raise InputError(
            path,
            place(doc_type_el) if doc_type_el is not None else f"/{ROOT}",
            f"documentType must be 3, 4 or 5 (with /A), not {doc_type!r}",
        )
    period = date_at(root, "periodOfReport", path=path)
    issuer_el = child(root, "issuer")
    issuer_cik = normalize_cik(text_at(issuer_el, "issuerCik"))
    issuer_name = text_at(issuer_el, "issuerName")
    ticker = text_at(issuer_el, "issuerTradingSymbol")
    if not issuer_cik and not issuer_name:
        raise InputError(path, f"/{ROOT}/issuer", "no issuer CIK or name")
    issuer_key = party_id(cik=issuer_cik, name=issuer_name)

    # --- reporting owners
    owners = reporting_owners(root, path)
    owner_keys = [o["key"] for o in owners]

    book = owners_book(issuer_key, issuer_name or f"CIK {issuer_cik}", owners)

    footnotes = read_footnotes(root)
    # terms the remarks define ('Mithril II LP ("II LP")') hold in the footnotes too
    remarks = " ".join((text_at(root, "remarks") or "").split())
    all_texts = ([remarks] if remarks else []) + [t for t, _el in footnotes.values()]
    prepare_book(book, all_texts, owners)  # names, short forms, defined terms (form345_book)

    # --- links stated in footnotes
    link_acc: dict[tuple[str, str, Role, EdgeKind], dict[str, Any]] = {}

    def add_link(
        c: str,
        d: str,
        role: Role,
        power: Power | None,
        indirect: bool,
        prov: Provenance,
        kind: EdgeKind = EdgeKind.CONTROLS,
        share: Share | None = None,
        details: str | None = None,
        voting: Power | None = None,
        investment: Power | None = None,
    ) -> None:
        acc = link_acc.setdefault(
            (c, d, role, kind),
            {
                "power": None,
                "indirect": indirect,
                "prov": [],
                "share": share,
                "details": details,
                "voting": None,
                "investment": None,
            },
        )
        for k, v in (("power", power), ("voting", voting), ("investment", investment)):
            if v is Power.SHARED or (v is Power.SOLE and acc[k] is None):
                acc[k] = v
        acc["prov"].append(prov)

    # a footnote "(continued from footnote 2)" is read as the rest of F2
    joined = join_continued({fid: t for fid, (t, _el) in footnotes.items()})
    read = {fid: (joined[fid], el) for fid, (_t, el) in footnotes.items() if fid in joined}
    if remarks:  # relations the remarks state are read like a footnote's
        read["remarks"] = (remarks, child(root, "remarks"))
    relatives: dict[str, str] = {}  # "the Reporting Person's wife", named only so
    grammar_links(read, book, add_link, pv, relatives)
    footnote_rules(read, book, owner_keys, link_acc, add_link, pv)
    powerless_owner_links(link_acc, owner_keys)  # "although he disclaims voting and ... power"
    add_inverted_roles(  # "The managing members of X are the Reporting Person and Jane Roe"
        read,
        book,
        lambda c, d, role, sentence, el: add_link(c, d, role, None, False, pv(el, phrase=sentence)),
    )
    add_committee_members(  # "the investment committee of Y, consisting of A, B and C"
        read,
        book,
        lambda c, d, role, sentence, el: add_link(c, d, role, None, False, pv(el, phrase=sentence)),
    )
    committee_link_powers(read, link_acc, add_link)  # "The investment committee ... has shared"
    middles: dict[str, str] = {}  # "the general partner of Heron Fund, L.P.", named so only

    def middle(words: str) -> str:
        key = make_id("party", "unnamed", doc_id, words)
        middles.setdefault(key, words)
        return key

    add_middle_steps(  # "The Reporting Person is a managing member of the general partner of X"
        read,
        book,
        middle,
        lambda c, d, role, sentence, el: add_link(c, d, role, None, False, pv(el, phrase=sentence)),
    )
    for fid, (t, fel) in read.items():  # "held by A and B, Trustees of the X Trust"
        for st in trustee_statements(t, book.mentions(t)):
            for who in st.persons:
                p_key = trustee_key(who, book, relatives, _signer_key)  # "her husband": unnamed
                if p_key != st.trust.keys[0]:
                    add_link(
                        p_key,
                        st.trust.keys[0],
                        Role.TRUSTEE,
                        None,
                        False,
                        pv(fel, phrase=t, note=f"{fid}: trustee named beside the trust"),
                    )
    for sig in children(root, "ownerSignature"):  # "X By: Y, its general partner By: /s/ Z, ..."
        line = " ".join((text_at(sig, "signatureName") or "").split())
        for c_name, d_name, role in signature_steps(line):
            c_key, d_key = (_signer_key(n, book) for n in (c_name, d_name))
            if c_key != d_key:
                add_link(c_key, d_key, role, None, False, pv(sig, phrase=line))
    anonymous: dict[str, Party] = {}  # "his spouse", a co-trustee the text does not name
    for key, words in [*relatives.items(), *middles.items()]:
        anonymous[key] = Party(
            id=key,
            name=words,
            kind=NodeKind.UNKNOWN,
            provenance=(pv(note="a party the footnotes name only by its relation"),),
        )
    for words, trust, prov, kind in relative_trustees(link_acc, owner_keys):
        key = make_id("party", "unnamed", doc_id, words)
        anonymous.setdefault(
            key,
            Party(
                id=key,
                name=words,
                kind=NodeKind.UNKNOWN,
                provenance=(prov,),
            ),
        )
        add_link(key, trust, Role.TRUSTEE, None, False, prov, kind=kind)

    # --- rows
    securities: dict[str, Security] = {}
    parties_extra: dict[str, Party] = dict(anonymous)
    holdings: list[Holding] = []
    holding_rows: list[int] = []  # the table row of each holding
    named_cache: dict[tuple[Any, ...], tuple[str, str] | None] = {}
    siblings = sibling_nature_footnotes(root)  # "by Trust" without the F1 of its run
    findings: list[Finding] = []
    rows_extra: list[dict[str, Any]] = []
    row_holders: list[tuple[int, str, DirectOrIndirect, etree._Element, Provenance]] = []

    class_of: dict[str, str] = {}  # class words -> the class first printed so

    def sec_for(title: str) -> str:
        # "Class A Common Stock, par value $0.0001 per share" (Table I) and "Class A Common
        # Stock" (a derivative's underlying) are one class: the par value names no class;
        # nor does a final "Stock" ("Common", a second RSU row's underlying, is the
        # "Common Stock" of Table I)
        bare = _PAR_VALUE.sub("", title) or title
        sid = class_of.setdefault(class_words(bare), security_id(issuer_id=issuer_key, title=bare))
        if sid not in securities:
            securities[sid] = Security(
                id=sid, issuer_id=issuer_key, title=title, provenance=(pv(issuer_el),)
            )
        return sid

    tables = [
        (child(root, "nonDerivativeTable"), False),
        (child(root, "derivativeTable"), True),
    ]
    index = 0
    for table, derivative in tables:
        for row in list(table) if table is not None else []:
            if not isinstance(row.tag, str):
                continue
            rname = local_name(row)
            if rname not in (
                "nonDerivativeTransaction",
                "nonDerivativeHolding",
                "derivativeTransaction",
                "derivativeHolding",
            ):
                continue
            index += 1
            is_tx = rname.endswith("Transaction")
            title = text(_value(row, "securityTitle")) or "(untitled)"
            tx_date = date_at(_value(row, "transactionDate"), path=path) if is_tx else None
            post = _value(row, "postTransactionAmounts", "sharesOwnedFollowingTransaction")
            shares = number_at(post, path=path) if post is not None else None
            under_title = text(_value(row, "underlyingSecurity", "underlyingSecurityTitle"))
            under_shares_el = _value(row, "underlyingSecurity", "underlyingSecurityShares")
            under_shares = (
                number_at(under_shares_el, path=path) if under_shares_el is not None else None
            )
            if derivative and shares is None:
                shares = under_shares
            if _NONE_OWNED.match(title) and not shares:
                # "No securities are beneficially owned" (0): the form's way of saying
                # nothing is held, like noSecuritiesOwned; no security, no holding
                findings.append(
                    _finding(
                        doc_id,
                        "no_securities_row",
                        Severity.INFO,
                        f"row {index} ({title!r}) states that nothing is owned: no holding",
                        evidence=(pv(row),),
                    )
                )
                continue
            doi_el = _value(row, "ownershipNature", "directOrIndirectOwnership")
            doi_raw = (text(doi_el) or "").upper()
            if doi_raw and doi_raw not in ("D", "I"):
                raise InputError(
                    path, place(doi_el), f"direct or indirect must be D or I, not {doi_raw!r}"
                )
            doi = {"D": DirectOrIndirect.DIRECT, "I": DirectOrIndirect.INDIRECT}.get(
                doi_raw, DirectOrIndirect.UNKNOWN
            )
            nature = text(_value(row, "ownershipNature", "natureOfOwnership"))
            nature_fids = _footnote_ids(child(row, "ownershipNature"))
            # "By Doe Trust (1)": a footnote typed into the nature is cited like one
            named_as, typed = inline_footnotes(nature, footnotes)
            nature_fids += [f for f in typed if f not in nature_fids]
            row_fids = _footnote_ids(row)
            if doi is DirectOrIndirect.INDIRECT and not nature_fids:
                nature_fids = list(siblings.get(nature_words(nature), ()))
            price = ex_date = exp_date = None
            ex_fids: list[str] = []
            if derivative:
                p_el = _value(row, "conversionOrExercisePrice")
                price = number_at(p_el, path=path) if p_el is not None else None
                e_el = _value(row, "exerciseDate")
                ex_date = date_at(e_el, path=path) if e_el is not None else None
                x_el = _value(row, "expirationDate")
                exp_date = date_at(x_el, path=path) if x_el is not None else None
                ex_fids = _footnote_ids(child(row, "exerciseDate"))
                for part in ("securityTitle", "conversionOrExercisePrice", "expirationDate"):
                    ex_fids += [f for f in _footnote_ids(child(row, part)) if f not in ex_fids]
            sid = sec_for(under_title if derivative and under_title else title)
            instrument = _instrument(title, derivative)
            as_of = tx_date or period
            # right to acquire within 60 days (Rule 13d-3(d)(1)(i))
            rta, notes = right_to_acquire(
                title=title,
                instrument=instrument,
                derivative=derivative,
                period=period,
                as_of=as_of,
                ex_date=ex_date,
                exp_date=exp_date,
                ex_fids=ex_fids,
                footnotes=footnotes,
                shares=shares,
            )

            # who holds the row
            holders, owner_mentioned, found = footnote_holders(
                row=row,
                index=index,
                nature_fids=nature_fids,
                footnotes=footnotes,
                book=book,
                owner_keys=owner_keys,
                shares=shares,
                pv=pv,
                doc_id=doc_id,
            )
            findings += found
            fn_texts = [footnotes[f][0] for f in nature_fids if f in footnotes]
            if not holders and (nature or doi is DirectOrIndirect.INDIRECT):
                # a nature citing no footnote ("by Trust"): the row's other footnotes may
                # name the intermediary ("The Elon Musk Revocable Trust ..., for which the
                # reporting person is trustee, purchased ..." on the transaction code)
                by_fids = nature_fids
                if not nature_fids and doi is DirectOrIndirect.INDIRECT:
                    by_fids = [f for f in row_fids if f in footnotes]
                by_texts = [footnotes[f][0] for f in by_fids if f in footnotes]
                ck = (doi, nature, tuple(by_fids))
                if ck not in named_cache:  # the same nature and footnotes on many rows
                    # "As Co-Trustee" states the owner's role, it names no holder
                    as_role = nature_role(named_as) is not None
                    named_cache[ck] = named_holder(
                        doi, "" if as_role else named_as, by_texts, book, owner_keys
                    )
                if named_cache[ck] is not None:
                    key, how = named_cache[ck]
                    holders.append((key, shares, pv(row, phrase=nature, note=how)))
            if len(owners) == 1 and len({k for k, _n, _p in holders}) == 1:
                # "Shares held by the Doe Children's Trust; the Reporting Person is the sole
                # trustee": a trustee without an object is the trustee of the trust held by
                # (named by a footnote or by the nature: "By Doe Family Trust")
                for f in nature_fids:
                    t_fn, t_el = footnotes.get(f, ("", None))
                    h_key = holders[0][0]
                    prov = pv(t_el, phrase=t_fn, note=f"{f}: trustee of the trust named")
                    if t_el is not None and add_bare_trustees(  # "the RP is the sole trustee"
                        t_fn,
                        (h_key, book.names.get(h_key, "")),
                        (owner_keys[0], owners[0]["name"]),
                        prov,
                        (link_acc, add_link, parties_extra),
                        lambda w: make_id("party", "unnamed", doc_id, w),
                    ):
                        break
                    rel = (
                        bare_relative_trustee(t_fn, book.names.get(h_key, ""))
                        if t_el is not None
                        else None
                    )
                    if rel is not None:  # "The Reporting Person's wife serves as trustee."
                        r_key = book.key_for_text_name(rel)
                        relatives[r_key] = rel
                        add_link(
                            r_key,
                            h_key,
                            Role.TRUSTEE,
                            None,
                            False,
                            pv(t_el, phrase=t_fn, note=f"{f}: the relative is the trustee"),
                        )
                        break
                    named = (
                        bare_named_trustees(t_fn, book.names.get(h_key, ""), NOT_FIRST)
                        if t_el is not None
                        else []
                    )
                    for who in named:  # "Richard Doe is the sole trustee."
                        add_link(
                            _signer_key(who, book),
                            h_key,
                            Role.TRUSTEE,
                            None,
                            False,
                            pv(t_el, phrase=t_fn, note=f"{f}: trustee named, trust held by"),
                        )
                    if named:
                        break
            if not holders:
                mentioned = list(dict.fromkeys(owner_mentioned))
                owner = mentioned[0] if len(mentioned) == 1 else owner_keys[0]
                if len(owners) > 1 and len(mentioned) != 1:
                    notes.append(
                        "joint filing: the form does not say which reporting owner; first owner taken"
                    )
                if doi is DirectOrIndirect.INDIRECT:
                    # one anonymous intermediary per (owner, nature, footnotes) in a filing
                    fn_text = " ".join(fn_texts)
                    label = " ".join((nature or "indirect holding").split())
                    ph_key = make_id(
                        "party", "unnamed", doc_id, owner, nature_words(label), *nature_fids
                    )
                    if ph_key not in parties_extra:
                        # "..., or collectively, the SC 2010 Funds": the footnote's own words
                        words = collective_words(fn_text) + relative_words(fn_text)
                        parties_extra[ph_key] = Party(
                            id=ph_key,
                            name=f"unnamed intermediary ({'; '.join([*words, label])}"
                            f"{'; ' + ', '.join(nature_fids) if nature_fids else ''})",
                            kind=NodeKind.UNKNOWN,
                            provenance=(
                                pv(
                                    row,
                                    phrase=fn_text or nature,
                                    note="the form does not name the intermediary",
                                ),
                            ),
                        )
                    # "a trust ... for which the Reporting Person serves as trustee"
                    stated = unnamed_role(fn_text, book, owner) if fn_text else None
                    stated = stated or nature_role(nature)  # "By Self as Trustee"
                    add_link(
                        owner,
                        ph_key,
                        stated[0] if stated else Role.OTHER,
                        None,
                        not stated,
                        pv(
                            row,
                            phrase=stated[1] if stated else fn_text or nature,
                            note="intermediary not named; role stated"
                            if stated
                            else "indirect holding; intermediary and role not stated",
                        ),
                        details="indirect holding (Section 16); intermediary not named",
                    )
                    holders.append((ph_key, shares, pv(row, note="intermediary not named")))
                else:
                    holders.append(
                        (owner, shares, pv(row, note="held directly by the reporting owner"))
                    )

            for j, (hk, hshares, hprov) in enumerate(holders):
                if hk not in owner_keys and hk not in parties_extra and hk in book.names:
                    parties_extra[hk] = Party(
                        id=hk,
                        name=book.names[hk],
                        kind=NodeKind.ENTITY,
                        names=tuple(book.spellings.get(hk, [])),
                        provenance=(hprov,),
                    )
                holdings.append(
                    Holding(
                        id=make_id("holding", doc_id, index, j, hk),
                        document_id=doc_id,
                        holder_id=hk,
                        security_id=sid,
                        instrument=instrument,
                        shares=hshares,
                        as_of=as_of,
                        right_to_acquire=rta,
                        derivative=derivative,
                        direct_or_indirect=doi,
                        nature_of_ownership=nature,
                        title=title,
                        exercise_price=price,
                        exercise_date=ex_date,
                        expiration_date=exp_date,
                        provenance=(pv(row, note="; ".join(notes) or None), hprov),
                    )
                )
                row_holders.append((index, hk, doi, row, hprov))
                holding_rows.append(index)
            rows_extra.append(
                {
                    "row": index,
                    "table": rname,
                    "security_title": title,
                    "transaction_date": tx_date.isoformat() if tx_date else None,
                    "code": text(child(row, "transactionCoding", "transactionCode")),
                    "form_type": text(child(row, "transactionCoding", "transactionFormType")),
                    "timeliness": text(_value(row, "transactionTimeliness")),
                    "shares": _num_or_none(
                        _value(row, "transactionAmounts", "transactionShares"), path
                    ),
                    "price": _num_or_none(
                        _value(row, "transactionAmounts", "transactionPricePerShare"), path
                    ),
                    "acquired_disposed": text(
                        _value(row, "transactionAmounts", "transactionAcquiredDisposedCode")
                    ),
                    "owned_following": shares,
                    "direct_or_indirect": doi_raw or None,
                    "nature_of_ownership": nature,
                    "underlying_title": under_title,
                    "underlying_shares": under_shares,
                    "footnotes": row_fids,
                    "nature_footnotes": nature_fids,
                }
            )
            if rows_extra[-1]["timeliness"] == "L":
                findings.append(
                    _finding(
                        doc_id,
                        "late_transaction",
                        Severity.INFO,
                        f"row {index} ({title}, {tx_date}) is coded late (timeliness L)",
                        evidence=(pv(child(row, "transactionTimeliness")),),
                    )
                )

    if len(owners) == 1:
        link_indirect_rows(
            owner_keys[0], row_holders, link_acc, add_link, pv, book.persons | set(relatives)
        )

    links = [
        Link(
            id=make_id("link", doc_id, c, d, role.value, kind.value),
            document_id=doc_id,
            kind=kind,
            controller_id=c,
            controlled_id=d,
            role=role,
            power=acc["power"],
            share=acc["share"],
            direct_or_indirect=DirectOrIndirect.INDIRECT
            if acc["indirect"]
            else DirectOrIndirect.DIRECT,
            as_of=period,
            details=acc["details"],
            provenance=tuple(acc["prov"]),
            voting=acc["voting"],
            investment=acc["investment"],
        )
        for (c, d, role, kind), acc in link_acc.items()
    ]

    # --- parties
    parties: list[Party] = [
        Party(
            id=issuer_key,
            name=issuer_name or f"CIK {issuer_cik}",
            kind=NodeKind.ISSUER,
            identifiers=(("cik", issuer_cik),) if issuer_cik else (),
            provenance=(pv(issuer_el),),
        )
    ]
    for o in owners:
        parties.append(
            Party(
                id=o["key"],
                name=o["name"],
                kind=NodeKind.PERSON if o["person"] else NodeKind.ENTITY,
                names=tuple(dict.fromkeys([o["name"], o["name_as_filed"]])),
                identifiers=(("cik", o["cik"]),) if o["cik"] else (),
                provenance=(pv(o["el"]),),
            )
        )
    known = {p.id for p in parties} | set(parties_extra)
    for lk in links:
        for k in (lk.controller_id, lk.controlled_id):
            if k not in known:
                parties_extra[k] = Party(
                    id=k,
                    name=book.names.get(k, k),
                    kind=NodeKind.PERSON if k in book.persons else NodeKind.ENTITY,
                    names=tuple(book.spellings.get(k, [])),
                    provenance=lk.provenance[:1],
                )
                known.add(k)
    parties.extend(parties_extra.values())

    findings += holder_findings(
        doc_id=doc_id,
        links=links,
        parties=parties,
        owner_keys=owner_keys,
        row_holders=row_holders,
        pv=pv,
    )
    findings += deadline_finding(
        doc_id=doc_id,
        root=root,
        doc_type=doc_type,
        period=period,
        holdings=holdings,
        owner_keys=owner_keys,
        path=path,
        pv=pv,
    )

    holdings, superseded = last_positions(holdings, holding_rows, rows_extra)

    sec_list = list(securities.values())
    if ticker and len(sec_list) == 1:
        s0 = sec_list[0]
        sec_list = [
            Security(
                id=s0.id,
                issuer_id=s0.issuer_id,
                title=s0.title,
                ticker=ticker,
                provenance=s0.provenance,
            )
        ]
    main_sec = document_class(holdings) or (sec_list[0].id if sec_list else None)
    document = Document(
        id=doc_id,
        path=path,
        format=FORMAT,
        sha256=sha,
        form=doc_type,
        event_date=period,
        issuer_id=issuer_key,
        security_id=main_sec,
        title=f"Form {doc_type}",
    )
    extra: dict[str, Any] = {
        "schema_version": text_at(root, "schemaVersion"),
        "issuer": {"cik": issuer_cik, "name": issuer_name, "ticker": ticker},
        "reporting_owners": [{k: v for k, v in o.items() if k not in ("el",)} for o in owners],
        "rows": rows_extra,
        "footnotes": {fid: t for fid, (t, _el) in footnotes.items()},
        "remarks": text_at(root, "remarks"),
        "signatures": [
            {"name": text_at(s, "signatureName"), "date": text_at(s, "signatureDate")}
            for s in children(root, "ownerSignature")
        ],
        "no_securities_owned": _flag(child(root, "noSecuritiesOwned")),
        "lens": "section16",
        "superseded_rows": superseded,
    }
    return ParsedDocument(
        document=document,
        parties=tuple(parties),
        securities=tuple(sec_list),
        holdings=tuple(holdings),
        links=tuple(links),
        findings=tuple(findings),
        extra=extra,
    )


_finding = Finding.of


def _signer_key(name: str, book: NameBook) -> str:
    """The party a signature line names: one the form already knows under that spelling
    (the whole name), else a new one (a person when the name does not look like an
    entity, convention 2: a non-reporting signer is a person party)."""
    whole = [m for m in book.mentions(name) if m.start == 0 and m.end >= len(name.rstrip(" ,."))]
    if whole and len(whole[0].keys) == 1:
        return whole[0].keys[0]
    if looks_like_entity(name):
        return book.key_for_text_name(name)
    key = party_id(name=name)
    book.add_party(key, name, person=True)
    return key


#: A par value printed in a class title: ", par value $0.0001 per share", ", $0.0001 par
#: value", " ($.01 par value)".
_PAR_VALUE = re.compile(
    r",?\s*\(?\s*(?:\$\s?\d*\.?\d+\s+par\s+value|par\s+value\s+(?:of\s+)?\$?\s?\d*\.?\d+"
    r"(?:\s+per\s+share)?)\s*\)?",
    re.I,
)
#: A row title that states nothing is owned ("No securities are beneficially owned",
#: "None owned", "No securities owned"), not a security.
_NONE_OWNED = re.compile(
    r"\s*(?:no\s+(?:securities|shares)\s+(?:are\s+|is\s+)?(?:beneficially\s+)?owned|none\s+owned)\b",
    re.I,
)
