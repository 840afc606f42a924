"""Synthetic legacy Schedule 13G texts in the layout of the legacy corpus, for the tests that
read cover pages, stated holdings and names from a whole filing (one template, so the tests
differ only in what they state)."""

from __future__ import annotations

import io

from ownergraph.graph.model import ParsedDocument
from ownergraph.loaders import sec13dg_legacy as legacy

_IRS = "     I.R.S. IDENTIFICATION NO. OF ABOVE PERSON (ENTITIES ONLY)\n"


def cover_page(
    name: str,
    *,
    sole: str = "0",
    shared: str = "0",
    agg: str = "0",
    typ: str = "CO",
    irs_line: bool = False,
) -> str:
    """One cover page: rows 1-12 with the given name, powers, aggregate and type code."""
    return f"""
CUSIP No. 123456789

1    NAME OF REPORTING PERSON
{_IRS if irs_line else ""}     {name}

2    CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP          (a) [ ]
                                                               (b) [X]
3    SEC USE ONLY

4    CITIZENSHIP OR PLACE OF ORGANIZATION
     Delaware

               5    SOLE VOTING POWER
 NUMBER OF          {sole}
  SHARES       6    SHARED VOTING POWER
BENEFICIALLY        {shared}
 OWNED BY      7    SOLE DISPOSITIVE POWER
   EACH             {sole}
 REPORTING     8    SHARED DISPOSITIVE POWER
PERSON WITH         {shared}

9    AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON
     {agg}

10   CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (9) EXCLUDES CERTAIN SHARES [ ]

11   PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9)
     5.1%

12   TYPE OF REPORTING PERSON
     {typ}
"""


def legacy_13g(pages: str, items: str = "", *, path: str = "synthetic-13g.txt") -> ParsedDocument:
    """A whole 13G about Example Issuer Corp. (CUSIP 123456789): its heading, ``pages`` (the
    cover pages, or any text standing where they stand), Item 1(a), ``items`` and Item 10,
    parsed by the legacy loader."""
    items_block = f"{items}\n\n" if items else ""
    text = f"""SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549

SCHEDULE 13G

Example Issuer Corp.
(Name of Issuer)

Common Stock
(Title of Class of Securities)

123456789
(CUSIP Number)
{pages}
Item 1(a).  Name of Issuer: Example Issuer Corp.

{items_block}Item 10. Certification. Not applicable.
"""
    return legacy.parse(io.BytesIO(text.encode()), path=path)
