"""Signature blocks in the layouts real filings print them (synthetic, computed by hand).

One structure, many layouts: funds "Alpha Fund I, L.P." ... signed "By: Alpha GP, LLC,
its general partner", "By: /s/ Jane Q. Doe", "Title: Managing Member" (convention 2:
Alpha GP -> each fund general_partner; Jane Q. Doe -> Alpha GP managing_member). Each
layout is rendered into a plain-text 13G with one cover page per filer, and the loader
must read the same links from every layout: the role words ("its general partner", "as
general partner", "in its capacity as general partner", "the general partner", on the
By: line or the next), the signer's lines (By:/Name:/Title:/Its:, on one line or
several, "/s/ Name, Title"), columns side by side, blocks repeated per fund, blocks in a
joint filing agreement.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest

from ownergraph.graph.model import ParsedDocument
from ownergraph.loaders import sec13dg_legacy as legacy

GP = "Alpha GP, LLC"
PERSON = "Jane Q. Doe"


def funds(n: int) -> list[str]:
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    return [f"Alpha Fund {roman[i]}, L.P." for i in range(n)]


def cover(name: str, n: int, typ: str) -> str:
    return f"""
CUSIP No. 12345X109                 13G                 Page {n} of 20 Pages

1.   NAMES OF REPORTING PERSONS

     {name}

2.   CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP      (a) [ ]   (b) [X]

3.   SEC USE ONLY

4.   CITIZENSHIP OR PLACE OF ORGANIZATION

     Delaware

               5.   SOLE VOTING POWER
 NUMBER OF
  SHARES            0
BENEFICIALLY   6.   SHARED VOTING POWER
 OWNED BY
   EACH             1,000
 REPORTING     7.   SOLE DISPOSITIVE POWER
  PERSON
   WITH             0
               8.   SHARED DISPOSITIVE POWER

                    1,000

9.   AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON

     1,000

10.  CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (9) EXCLUDES CERTAIN SHARES   [ ]

11.  PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9)

     5.1%

12.  TYPE OF REPORTING PERSON

     {typ}
"""


def document(signatures: str, n_funds: int) -> str:
    pages = [cover(f, i + 2, "PN") for i, f in enumerate(funds(n_funds))]
    pages.append(cover(GP, n_funds + 2, "OO"))
    pages.append(cover(PERSON, n_funds + 3, "IN"))
    return (
        "SECURITIES AND EXCHANGE COMMISSION\n\nSCHEDULE 13G\n\nExample Issuer, Inc.\n"
        "(Name of Issuer)\n\nCommon Stock\n(Title of Class of Securities)\n\n"
        "12345X109\n(CUSIP Number)\n"
        + "".join(pages)
        + "\nItem 1(a).  Name of Issuer: Example Issuer, Inc.\n\n"
        "Item 4.  Ownership.  See rows 5-11 of each cover page.\n\n"
        "SIGNATURE\n\nAfter reasonable inquiry and to the best of my knowledge and belief, I"
        " certify that the information set forth in this statement is true, complete and"
        " correct.\n\nDated: February 14, 2020\n\n" + signatures
    )


# --------------------------------------------------------------------------- layouts

Block = Callable[[str], str]


def _signer_lines(style: str) -> str:
    return {
        "name-title": f"By: /s/ {PERSON}\nName: {PERSON}\nTitle: Managing Member",
        "its": f"By:  /s/ {PERSON}\nName:  {PERSON}\nIts:  Managing Member",
        "one-line": f"By: /s/ {PERSON}, Managing Member",
        "slash-s-then-title": f"/s/ {PERSON}\n{PERSON}, Managing Member",
        "name-title-one-line": f"By: /s/ {PERSON}\nName: {PERSON}     Title: Managing Member",
        "rule": f"By: ______________________\n    /s/ {PERSON}\nName: {PERSON}\n"
        "Title: Managing Member",
        "by-alone": f"By:\n/s/ {PERSON}\nName:\n{PERSON}\nTitle:\nManaging Member",
        "name/title": f"By: /s/ {PERSON}\nName/Title: {PERSON}, Managing Member",
        "by-no-colon": f"By /s/ {PERSON}\nName: {PERSON}\nTitle: Managing Member",
        "name-suffix": f"By: /s/ {PERSON}\nName: {PERSON}, Ph.D.\nTitle: Managing Member",
        "dated": f"Date: February 14, 2020      By: /s/ {PERSON}\nName: {PERSON}\n"
        "Title: Managing Member",
    }[style]


def _gp_line(style: str) -> str:
    return {
        "its": f"By: {GP}, its general partner",
        "its-caps": f"By: {GP.upper()}, its General Partner",
        "next-line": f"By: {GP},\n    its general partner",
        "as": f"By: {GP}, as general partner",
        "capacity": f"By: {GP}, in its capacity as general partner",
        "the": f"By: {GP}, the general partner",
        "as-of": f"By: {GP}, as general partner of the Fund",
        "bare": f"By: {GP}, General Partner",
    }[style]


def block(entity: str, gp: str = "its", signer: str = "name-title", caps: bool = True) -> str:
    ent = entity.upper() if caps else entity
    sig = _signer_lines(signer)
    if not caps:
        # the GP's own block alone states the person's role (the funds' blocks are signed
        # by an authorised signatory: no link, convention 2)
        sig = sig.replace("Managing Member", "Authorized Signatory")
    return f"{ent}\n{_gp_line(gp)}\n{sig}\n"


def gp_block(signer: str = "name-title", caps: bool = True) -> str:
    return f"{GP.upper() if caps else GP}\n{_signer_lines(signer)}\n"


def person_block() -> str:
    return f"/s/ {PERSON}\n{PERSON}\n"


def signatures(n: int, **kw: object) -> str:
    parts = [block(f, **kw) for f in funds(n)]  # type: ignore[arg-type]
    parts.append(gp_block(str(kw.get("signer", "name-title")), bool(kw.get("caps", True))))
    parts.append(person_block())
    return "\n".join(parts)


def side_by_side(n: int) -> str:
    """Two blocks per row of the page, columns padded with spaces."""
    blocks = [block(f).rstrip("\n").split("\n") for f in funds(n)]
    blocks.append(gp_block().rstrip("\n").split("\n"))
    out = []
    for i in range(0, len(blocks), 2):
        left = blocks[i]
        right = blocks[i + 1] if i + 1 < len(blocks) else []
        for k in range(max(len(left), len(right))):
            a = left[k] if k < len(left) else ""
            b = right[k] if k < len(right) else ""
            out.append(f"{a:<48}{b}".rstrip())
        out.append("")
    return "\n".join(out) + "\n" + person_block()


def in_joint_filing_agreement(n: int) -> str:
    return (
        person_block()
        + "\n\nEXHIBIT 1\n\nJOINT FILING AGREEMENT\n\nThe undersigned agree that the statement"
        " on Schedule 13G to which this Agreement is attached is filed on behalf of each of"
        " them.\n\nDated: February 14, 2020\n\n" + signatures(n)
    )


HOLD = "Alpha Holdings, LLC"


def two_level(n: int) -> str:
    """Fund <- GP (general partner) <- Holdings (managing member) <- person."""
    parts = [
        f"{f.upper()}\nBy: {GP}, its general partner\nBy: {HOLD}, its managing member\n"
        f"{_signer_lines('name-title')}\n"
        for f in funds(n)
    ]
    parts.append(f"{GP.upper()}\nBy: {HOLD}, its managing member\n{_signer_lines('name-title')}\n")
    parts.append(f"{HOLD.upper()}\n{_signer_lines('name-title')}\n")
    return "\n".join(parts) + "\n" + person_block()


def entity_and_by_on_one_line(n: int) -> str:
    parts = [
        f"{f}, By: {GP}, its General Partner\n{_signer_lines('name-title')}\n" for f in funds(n)
    ]
    parts.append(gp_block())
    parts.append(person_block())
    return "\n".join(parts)


def individually_and_as(n: int) -> str:
    parts = [block(f) for f in funds(n)]
    parts.append(f"/s/ {PERSON}\n{PERSON}, individually and as Managing Member of {GP}\n")
    return "\n".join(parts)


def no_labels(n: int) -> str:
    parts = [
        f"{f.upper()}\nBy: {GP}, its general partner\n\nBy: /s/ {PERSON}\n    {PERSON}\n"
        "    Managing Member\n"
        for f in funds(n)
    ]
    parts.append(f"{GP.upper()}\n\nBy: /s/ {PERSON}\n    {PERSON}\n    Managing Member\n")
    parts.append(person_block())
    return "\n".join(parts)


def shared_by(n: int) -> str:
    """Every fund's name, then one chain for all of them."""
    ents = "\n".join(f.upper() for f in funds(n))
    return (
        f"{ents}\nBy: {GP}, the general partner of each of the foregoing\n"
        f"{_signer_lines('name-title')}\n\n{gp_block()}\n{person_block()}"
    )


def as_role_of(n: int) -> str:
    """The signer's capacity names the entity: "Jane Q. Doe, as Managing Member of GP"."""
    parts = [
        f"{f.upper()}\nBy: {GP}, as general partner of {f}\n"
        f"By: /s/ {PERSON}\n{PERSON}, as Managing Member of {GP}\n"
        for f in funds(n)
    ]
    parts.append(f"/s/ {PERSON}\n{PERSON}, as Managing Member of {GP}\n")
    return "\n".join(parts)


LAYOUTS: dict[str, tuple[int, str]] = {
    "one chain for every fund": (3, shared_by(3)),
    "as managing member of the entity": (2, as_role_of(2)),
    "two-level chain": (3, two_level(3)),
    "entity and By on one line": (2, entity_and_by_on_one_line(2)),
    "individually and as managing member of": (2, individually_and_as(2)),
    "no labels under /s/": (2, no_labels(2)),
    "capacity without its": (2, signatures(2, gp="bare")),
    "Name/Title": (2, signatures(2, signer="name/title")),
    "mixed case, Its:": (2, signatures(2, signer="its", caps=False)),
    "mixed case, role on next line": (2, signatures(2, gp="next-line", caps=False)),
    "mixed case, Name and Title on one line": (
        2,
        signatures(2, signer="name-title-one-line", caps=False),
    ),
    "mixed case, By without colon": (2, signatures(2, signer="by-no-colon", caps=False)),
    "mixed case, name suffix": (2, signatures(2, signer="name-suffix", caps=False)),
    "mixed case, date column": (2, signatures(2, signer="dated", caps=False)),
    "standard": (2, signatures(2)),
    "mixed case entity": (2, signatures(2, caps=False)),
    "role on next line": (2, signatures(2, gp="next-line")),
    "role caps": (2, signatures(2, gp="its-caps")),
    "as general partner": (2, signatures(2, gp="as")),
    "in its capacity as": (2, signatures(2, gp="capacity")),
    "the general partner": (2, signatures(2, gp="the")),
    "as general partner of the Fund": (2, signatures(2, gp="as-of")),
    "Its: title": (2, signatures(2, signer="its")),
    "By: /s/ X, Title": (2, signatures(2, signer="one-line")),
    "/s/ X then X, Title": (2, signatures(2, signer="slash-s-then-title")),
    "Name and Title on one line": (2, signatures(2, signer="name-title-one-line")),
    "signature rule": (2, signatures(2, signer="rule")),
    "labels alone on their lines": (2, signatures(2, signer="by-alone")),
    "twelve funds": (12, signatures(12)),
    "side by side": (4, side_by_side(4)),
    "joint filing agreement": (3, in_joint_filing_agreement(3)),
}


def _html_cover(name: str, typ: str) -> str:
    rows = [
        (1, "NAMES OF REPORTING PERSONS", name),
        (2, "CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP", "(a) [ ] (b) [X]"),
        (3, "SEC USE ONLY", ""),
        (4, "CITIZENSHIP OR PLACE OF ORGANIZATION", "Delaware"),
        (5, "SOLE VOTING POWER", "0"),
        (6, "SHARED VOTING POWER", "1,000"),
        (7, "SOLE DISPOSITIVE POWER", "0"),
        (8, "SHARED DISPOSITIVE POWER", "1,000"),
        (9, "AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON", "1,000"),
        (10, "CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (9) EXCLUDES CERTAIN SHARES", ""),
        (11, "PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9)", "5.1%"),
        (12, "TYPE OF REPORTING PERSON", typ),
    ]
    cells = "".join(f"<tr><td>{n}</td><td>{lab}</td><td>{v}</td></tr>" for n, lab, v in rows)
    return f"<p>CUSIP No. 12345X109</p><table>{cells}</table>"


def _cells(line: str) -> str:
    """One signature line as a table row: a label ("By:", "Name:", "Title:", "Its:") in a
    cell of its own, the value in the next."""
    for lab in ("By:", "Name:", "Title:", "Its:"):
        if line.startswith(lab):
            return f"<td>{lab}</td><td>{line[len(lab) :].strip()}</td>"
    return f'<td colspan="2">{line}</td>'


def html_document(signatures: str, n_funds: int, how: str) -> str:
    """The document as an HTML filing: cover pages as tables; the signature lines each in a
    paragraph ("p") or each a row of one table with labels in their own cells ("table")."""
    pages = [_html_cover(f, "PN") for f in funds(n_funds)]
    pages += [_html_cover(GP, "OO"), _html_cover(PERSON, "IN")]
    lines = signatures.split("\n")
    if how == "p":
        sig = "".join(f"<p>{ln}</p>" if ln.strip() else "<p>&nbsp;</p>" for ln in lines)
    else:
        sig = "<table>" + "".join(f"<tr>{_cells(ln)}</tr>" for ln in lines if ln.strip())
        sig += "</table>"
    return (
        "<html><body><p>SCHEDULE 13G</p><p>Example Issuer, Inc.</p><p>(Name of Issuer)</p>"
        + "".join(pages)
        + "<p>Item 1(a). Name of Issuer: Example Issuer, Inc.</p><p>SIGNATURE</p>"
        "<p>After reasonable inquiry ... true, complete and correct.</p>"
        "<p>Dated: February 14, 2020</p>" + sig + "</body></html>"
    )


def _links(parsed: ParsedDocument) -> set[tuple[str, str, str]]:
    names = {p.id: p.name for p in parsed.parties}
    return {(names[k.controller_id], names[k.controlled_id], k.role.value) for k in parsed.links}


def expected(n: int, layout: str = "") -> set[tuple[str, str, str]]:
    out = {(GP, f, "general_partner") for f in funds(n)}
    if layout == "two-level chain":
        out |= {(HOLD, GP, "managing_member"), (PERSON, HOLD, "managing_member")}
    else:
        out.add((PERSON, GP, "managing_member"))
    return out


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_signature_layouts_state_the_same_links(layout: str) -> None:
    n, sigs = LAYOUTS[layout]
    parsed = legacy.parse(io.BytesIO(document(sigs, n).encode()), path=f"{layout}.txt")
    got = _links(parsed)
    want = expected(n, layout)
    assert got == want, (sorted(want - got), sorted(got - want))


_HTML_LAYOUTS = sorted(k for k in LAYOUTS if k not in ("side by side",))


@pytest.mark.parametrize("how", ["p", "table"])
@pytest.mark.parametrize("layout", _HTML_LAYOUTS)
def test_signature_layouts_in_html_state_the_same_links(layout: str, how: str) -> None:
    n, sigs = LAYOUTS[layout]
    html = html_document(sigs, n, how)
    parsed = legacy.parse(io.BytesIO(html.encode()), path=f"{layout}.htm")
    got = _links(parsed)
    want = expected(n, layout)
    assert got == want, (sorted(want - got), sorted(got - want))
