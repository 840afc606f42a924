"""Forms 3/4/5: an indirect row whose nature of ownership lacks the footnote its sibling rows
cite (a filer's slip on one row of a run).

A Form 4 of thirty sales "by Trust", twenty-nine citing F1 ("The Elon Musk Revocable Trust
dated July 22, 2003, for which the reporting person is trustee.") and one, in the middle of
the run, citing nothing: the row is the same trust's, its amount the same position's next
figure (convention 7 reads holdings per owner, class, D/I and nature). So an ``I`` row whose
nature cites no footnote takes the footnotes that every other ``I`` row with the same
nature words cites -- only when they all cite the same ones; when the same nature cites
different footnotes on different rows (two trusts "By Trust"), or no row cites any, the row
stays as it is (an anonymous intermediary when nothing else names it).
"""

from __future__ import annotations

from lxml import etree

from ownergraph.loaders.form345_positions import nature_words
from ownergraph.loaders.form345_xml import footnote_ids, value
from ownergraph.loaders.xmlsafe import child, local_name, text

_ROWS = (
    "nonDerivativeTransaction",
    "nonDerivativeHolding",
    "derivativeTransaction",
    "derivativeHolding",
)


def sibling_nature_footnotes(root: etree._Element) -> dict[str, tuple[str, ...]]:
    """Nature words -> the footnote ids every indirect row with that nature cites, for the
    natures whose cited rows all cite the same ids and that some row prints without any
    (module rule).

    >>> row = ('<nonDerivativeTransaction><ownershipNature><directOrIndirectOwnership>'
    ...        '<value>I</value></directOrIndirectOwnership><natureOfOwnership><value>by Trust'
    ...        '</value>{}</natureOfOwnership></ownershipNature></nonDerivativeTransaction>')
    >>> doc = ('<ownershipDocument><nonDerivativeTable>' + row.format('<footnoteId id="F1"/>')
    ...        + row.format('') + '</nonDerivativeTable></ownershipDocument>')
    >>> sibling_nature_footnotes(etree.fromstring(doc))
    {'by trust': ('F1',)}
    >>> two = doc.replace('</nonDerivativeTable>', row.format('<footnoteId id="F2"/>')
    ...                   + '</nonDerivativeTable>')
    >>> sibling_nature_footnotes(etree.fromstring(two))
    {}
    """
    cited: dict[str, set[tuple[str, ...]]] = {}
    bare: set[str] = set()
    for table in ("nonDerivativeTable", "derivativeTable"):
        t = child(root, table)
        for row in list(t) if t is not None else []:
            if not isinstance(row.tag, str) or local_name(row) not in _ROWS:
                continue
            if (
                text(value(row, "ownershipNature", "directOrIndirectOwnership")) or ""
            ).upper() != "I":
                continue
            words = nature_words(text(value(row, "ownershipNature", "natureOfOwnership")))
            if not words:
                continue
            fids = tuple(footnote_ids(child(row, "ownershipNature")))
            if fids:
                cited.setdefault(words, set()).add(fids)
            else:
                bare.add(words)
    return {w: next(iter(f)) for w, f in cited.items() if w in bare and len(f) == 1}
