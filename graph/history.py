"""History: what the graph looked like on a date, and which positions are current.

Holdings and links carry the date they were reported (the document's event date, else its
filing date). A later document that reports the same holder in the same security class
supersedes the earlier document's holdings of that holder in that class, without deleting
them: the store keeps every record, and :func:`current_holdings` selects the ones in force
``as_of`` a date (default: the latest). Links are evidence and are never superseded, only
filtered by date. Amendments chain to the filings they amend (:func:`amendment_chain`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from ownergraph.graph.model import Document, Holding, Link


def reported_on(doc: Document | None) -> dt.date | None:
    """The date a document reports as of: its event date, else its filing date."""
    if doc is None:
        return None
    return doc.event_date or doc.filed_date


def _order(doc: Document | None) -> tuple:
    d = reported_on(doc)
    return (
        d or dt.date.min,
        doc.amendment_no or 0 if doc else 0,
        doc.filed_date or dt.date.min if doc else dt.date.min,
        doc.id if doc else "",
    )


def in_force(doc: Document | None, as_of: dt.date | None) -> bool:
    """True when a document had been reported by ``as_of`` (undated documents always)."""
    d = reported_on(doc)
    return as_of is None or d is None or d <= as_of


def current_holdings(
    holdings: Iterable[Holding], documents: dict[str, Document], *, as_of: dt.date | None = None
) -> list[Holding]:
    """The holdings in force: per (holder, security), those of the latest document by ``as_of``.

    >>> import datetime as dt
    >>> from ownergraph.graph.model import Document, Holding
    >>> from ownergraph.graph.vocab import Instrument, SourceFormat
    >>> d1 = Document(id="d1", path="a", format=SourceFormat.TABULAR, sha256="", event_date=dt.date(2008, 9, 18))
    >>> d2 = Document(id="d2", path="b", format=SourceFormat.TABULAR, sha256="", event_date=dt.date(2008, 9, 30))
    >>> h1 = Holding(id="h1", document_id="d1", holder_id="f", security_id="s", instrument=Instrument.COMMON, shares=10)
    >>> h2 = Holding(id="h2", document_id="d2", holder_id="f", security_id="s", instrument=Instrument.COMMON, shares=12)
    >>> [h.id for h in current_holdings([h1, h2], {"d1": d1, "d2": d2})]
    ['h2']
    >>> [h.id for h in current_holdings([h1, h2], {"d1": d1, "d2": d2}, as_of=dt.date(2008, 9, 20))]
    ['h1']
    """
    groups: dict[tuple[str, str], list[Holding]] = defaultdict(list)
    for h in holdings:
        if in_force(documents.get(h.document_id), as_of):
            groups[(h.holder_id, h.security_id)].append(h)
    out: list[Holding] = []
    for key in sorted(groups):
        hs = groups[key]
        latest = max({h.document_id for h in hs}, key=lambda d: _order(documents.get(d)))
        out.extend(h for h in hs if h.document_id == latest)
    return out


def current_across_merges(
    holdings: Iterable[Holding], documents: dict[str, Document], aliases: dict[str, str]
) -> list[Holding]:
    """:func:`current_holdings` over holders that entity resolution merged (``aliases``:
    merged party id -> kept id): the records of one holder under two ids (a 13F manager and
    the same manager filing a 13G) are one holder's reports, so in each class only the
    latest document's holdings stay. Input order is kept; holders not merged are untouched.

    >>> import datetime as dt
    >>> from ownergraph.graph.model import Document, Holding
    >>> from ownergraph.graph.vocab import Instrument, SourceFormat
    >>> d1 = Document(id="d1", path="a", format=SourceFormat.FORM13F, sha256="", event_date=dt.date(2026, 6, 30))
    >>> d2 = Document(id="d2", path="b", format=SourceFormat.SEC13DG_XML, sha256="", event_date=dt.date(2026, 8, 31))
    >>> h1 = Holding(id="h1", document_id="d1", holder_id="br13f", security_id="s", instrument=Instrument.COMMON, shares=10)
    >>> h2 = Holding(id="h2", document_id="d2", holder_id="br13g", security_id="s", instrument=Instrument.COMMON, shares=10)
    >>> [h.id for h in current_across_merges([h1, h2], {"d1": d1, "d2": d2}, {"br13g": "br13f"})]
    ['h2']
    """
    holdings = list(holdings)
    groups: dict[tuple[str, str], list[Holding]] = defaultdict(list)
    for h in holdings:
        groups[(aliases.get(h.holder_id, h.holder_id), h.security_id)].append(h)
    dropped: set[str] = set()
    for hs in groups.values():
        if len({h.holder_id for h in hs}) < 2:
            continue
        latest = max({h.document_id for h in hs}, key=lambda d: _order(documents.get(d)))
        dropped.update(h.id for h in hs if h.document_id != latest)
    return [h for h in holdings if h.id not in dropped] if dropped else holdings


def current_links(
    links: Iterable[Link], documents: dict[str, Document], *, as_of: dt.date | None = None
) -> list[Link]:
    """Links reported by ``as_of`` (and not ended before it)."""
    out = []
    for lk in links:
        if not in_force(documents.get(lk.document_id), as_of):
            continue
        if as_of and lk.end_date and lk.end_date < as_of:
            continue
        if as_of and lk.start_date and lk.start_date > as_of:
            continue
        out.append(lk)
    return out


def amendment_chain(documents: Iterable[Document], document_id: str) -> list[Document]:
    """The filings a document belongs with, oldest first: by previous accession, else by
    issuer, form family and amendment number."""
    docs = list(documents)
    by_acc = {d.accession: d for d in docs if d.accession}
    target = next((d for d in docs if d.id == document_id), None)
    if target is None:
        return []
    chain = [target]
    cur = target
    while cur.previous_accession and cur.previous_accession in by_acc:
        cur = by_acc[cur.previous_accession]
        if cur in chain:
            break
        chain.append(cur)
    if len(chain) == 1 and target.issuer_id and target.form:
        family = target.form.split("/")[0]
        chain = [
            d
            for d in docs
            if d.issuer_id == target.issuer_id and d.form and d.form.split("/")[0] == family
        ]
    return sorted(chain, key=_order)
