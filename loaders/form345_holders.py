"""Forms 3/4/5: who a row's ownership-nature footnotes say holds it (one holding per named
holder, so nothing is counted twice): "directly held by X", "held of record by X", "held by
the X Trust", "X, which holds the shares"; "held by John Doe as trustee of the X Trust" (the
trust); a breakdown whose parts add up to the row ("1,000 shares held by A and 2,000 shares
held by B"; "29,494, ... and 126 shares held by A, ... and E, respectively"; "33,270 shares
held by each of A, B and C", convention 7). A footnote the form does not contain is a
finding. What the footnotes leave open (the nature text, the reporting owner, an unnamed
intermediary) is :mod:`loaders.form345`'s.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from lxml import etree

from ownergraph.graph.clean import parse_number
from ownergraph.graph.model import Finding, Provenance
from ownergraph.graph.vocab import Severity
from ownergraph.loaders.form345_breakdown import holds_breakdown, paired_breakdown
from ownergraph.loaders.form345_names import TRUST_AFTER_PERSONS, full_name_key, party_named
from ownergraph.loaders.form345_parties import each_holds
from ownergraph.loaders.form345_positions import class_words
from ownergraph.loaders.form345_trustees import trustee_statements
from ownergraph.loaders.form345_xml import footnote_ids, value
from ownergraph.loaders.sec_terms import NameBook
from ownergraph.loaders.xmlsafe import text

_HOLDER_LEAD = re.compile(
    # not "decisions with respect to the shares held by X" / "power over the securities held
    # by X": those say who decides for X's shares, not who holds this row
    r"(?<!respect\sto\sthe\sshares\s)(?<!respect\sto\sthe\ssecurities\s)"
    # nor "disclaims beneficial ownership of the securities held by X"
    r"(?<!ownership\sof\sthe\ssecurities\s)(?<!ownership\sof\sthe\sshares\s)"
    r"(?:\bheld\s+(?:directly\s+|of\s+record\s+)?by|\bowned\s+directly\s+by"
    r"|\bdirectly\s+(?:held|owned)\s+by"
    # "The shares are owned by X", "These shares are beneficially owned by X", "securities
    # owned of record by X" (the shares as subject: not "X, which is owned by Y")
    r"|\b(?:shares|securities|stock)\s+(?:(?:are|were|is)\s+)?(?:beneficially\s+)?owned\s+"
    r"(?:of\s+record\s+)?by"
    # "held through Acme Sub LLC, a wholly owned subsidiary of the reporting person"
    r"|\b(?:held|owned)\s+(?:indirectly\s+)?through)\s+(?:the\s+)?$",
    re.I,
)
#: the holder named before a relative clause saying it holds the row: "Doe Corp, which
#: holds the shares", "the Doe 2015 Trust, which holds these shares", "X LLC, which is the
#: record holder of the securities"
_HOLDER_TAIL = re.compile(
    r"\s*,?\s*(?:(?:which|that)\s+(?:directly\s+)?(?:holds|owns|is\s+the\s+(?:record|direct)\s+"
    r"(?:holder|owner)\s+of|is\s+the\s+(?:holder|owner)\s+of\s+record\s+of)"
    # an apposition: "Juno Holdings LLC, the record holder of the shares"
    r"|,\s*(?:the\s+)?(?:(?:record|direct)\s+(?:holder|owner)|(?:holder|owner)\s+of\s+record)\s+of)"
    r"\s+(?:these|the|such|all\s+of\s+the|the\s+reported)\s+"
    r"(?:shares|securities)\b(?=\s*(?:[.;,)]|$|reported\b|herein\b|of\s+(?:the\s+Issuer\b|(?:Class\s+\w+\s+)?"
    r"Common\s+Stock\b)))",
    re.I,
)
#: right after a name: "as custodian for", ", as custodian under the UTMA for", ", as
#: trustee of" (the name holds for another: the minor, the trust)
_AS_CUSTODIAN = re.compile(
    r"\s*,?\s*as\s+(?:the\s+|a\s+)?(?:sole\s+|co-?)?(?:custodian\b|trustees?\s+(?:of|for)\b)",
    re.I,
)
#: right before a trust's name: "held by the Reporting Person's spouse, as trustee of (the)",
#: "held by her husband as co-trustee of"
_RELATIVE_AS_TRUSTEE = re.compile(
    r"\b(?:held|owned)\s+(?:directly\s+|of\s+record\s+)?by\s+[^.;]{1,80}?\s*,?\s+as\s+"
    r"(?:the\s+|a\s+)?(?:sole\s+|co-?)?trustees?\s+(?:of|for)\s+(?:the\s+)?$",
    re.I,
)
_BREAKDOWN = re.compile(
    r"(?P<nums>(?:\d[\d,]*(?:\.\d+)?(?:,\s*|\s+and\s+|,\s+and\s+))+\d[\d,]*(?:\.\d+)?)"
    r"\s+shares\s+held\s+by\s+",
    re.I,
)


def footnote_holders(
    *,
    row: etree._Element,
    index: int,
    nature_fids: list[str],
    footnotes: dict[str, tuple[str, etree._Element]],
    book: NameBook,
    owner_keys: list[str],
    shares: float | None,
    pv: Callable[..., Provenance],
    doc_id: str,
) -> tuple[list[tuple[str, float | None, Provenance]], list[str], list[Finding]]:
    """(holders with their counts and provenance, the reporting owners the footnotes
    mention, findings) for one row (module rule)."""
    holders: list[tuple[str, float | None, Provenance]] = []
    owner_mentioned: list[str] = []
    found: list[Finding] = []
    for fid in nature_fids:
        t, fel = footnotes.get(fid, ("", None))
        if fel is None:
            found.append(
                Finding.of(
                    doc_id,
                    "dangling_footnote",
                    Severity.WARNING,
                    f"row {index} cites footnote {fid}, which the form does not contain",
                    evidence=(pv(row),),
                )
            )
            continue
        ments = book.mentions(t)
        owner_mentioned += [k for m in ments for k in m.keys if k in owner_keys]
        each = each_holds(t, shares) if not holders else None
        if each is not None:
            for name in each[1]:
                holders.append(
                    (
                        party_named(name, book),
                        each[0],
                        pv(fel, phrase=t, note=f"{fid}: {each[0]:,.0f} held by each of"),
                    )
                )
            continue
        held_as = [  # "held by John Doe as trustee of the X Trust": the trust holds it
            st
            for st in trustee_statements(t, ments)
            if st.before and _HOLDER_LEAD.search(t[max(0, st.start - 40) : st.start])
        ]
        if held_as and not holders:
            holders.append(
                (held_as[0].trust.keys[0], shares, pv(fel, phrase=t, note=f"{fid}: trust"))
            )
            continue
        pairs = paired_breakdown(t, ments, shares) if not holders else None
        if pairs is not None:  # "1,000 shares held by A and 2,000 shares held by B"
            for m, n in pairs:
                holders.append((m.keys[0], n, pv(fel, phrase=t, note=f"{fid}: {n:,.0f} held by")))
            continue
        bd = _BREAKDOWN.search(t)
        if bd and not holders:
            nums = [
                parse_number(n)
                for n in re.findall(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", bd.group("nums"))
            ]
            listed = [m for m in ments if m.start >= bd.end()]
            objs = []
            pos = bd.end()
            for m in listed:
                if objs and not re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)", t[pos : m.start]):
                    break
                if not objs and t[pos : m.start].strip():
                    break
                objs.append(m)
                pos = m.end
            if (
                len(objs) == len(nums)
                and shares is not None
                and abs(sum(n or 0 for n in nums) - shares) < 0.5
            ):
                for m, n in zip(objs, nums, strict=True):
                    holders.append(
                        (
                            m.keys[0],
                            n,
                            pv(fel, phrase=t, note=f"{fid}: breakdown of {shares:,.0f}"),
                        )
                    )
                continue
        for mi, m in enumerate(ments):
            nxt = ments[mi + 1] if mi + 1 < len(ments) else None
            in_list = nxt is not None and re.fullmatch(
                r"\s*(?:,\s*(?:and\s+)?|and\s+)", t[m.end : nxt.start]
            )
            lead = _names_holder(t, m.start, m.end)
            trust = TRUST_AFTER_PERSONS.match(t, m.start) if lead else None
            if trust and not holders and set(m.keys) <= book.persons:
                # "held directly by Reid Hoffman and Michelle Yee Living Trust":
                # a trust named after its settlors, not a list of holders
                holders.append(
                    (
                        party_named(trust.group(0), book),
                        shares,
                        pv(fel, phrase=t, note=f"{fid}: holder named"),
                    )
                )
            if (
                lead
                and not holders
                and not in_list  # "held of record by A, B and C" names no one row
            ):
                holders.append(
                    (
                        full_name_key(t, m, book),
                        shares,
                        pv(fel, phrase=t, note=f"{fid}: holder named"),
                    )
                )
    if not holders:
        holders += _holds_in_row_footnotes(row, nature_fids, footnotes, book, shares, pv)
    return holders, owner_mentioned, found


@functools.lru_cache(maxsize=8192)
def _names_holder(t: str, start: int, end: int) -> bool:
    """Whether the mention at ``t[start:end]`` is said to hold the row: a holder's lead
    before it ("held by"), a relative clause after it ("X, which holds the shares"), not a
    possessive ("X's spouse") nor a custodian ("X as custodian for"), or the trust a
    relative holds as trustee. A function of the text and the span only: a footnote cited
    by many rows is read once (the same per row as before)."""
    lead = _HOLDER_LEAD.search(t[max(0, start - 40) : start]) is not None
    # "... sole shareholder of Doe Corp, which holds the shares": named after
    lead = lead or _HOLDER_TAIL.match(t, end) is not None
    lead = lead and not re.match(r"['’]s\b", t[end : end + 3])  # "X's spouse"
    # "held by the reporting person as custodian for his son (under the UTMA)": the
    # minor's account holds the row, not the custodian (convention 14)
    lead = lead and not _AS_CUSTODIAN.match(t, end)
    # "held by the reporting person's spouse, as trustee of the Doe Trust": the trust
    return lead or _RELATIVE_AS_TRUSTEE.search(t[max(0, start - 140) : start]) is not None


def _holds_in_row_footnotes(
    row: etree._Element,
    nature_fids: list[str],
    footnotes: dict[str, tuple[str, etree._Element]],
    book: NameBook,
    shares: float | None,
    pv: Callable[..., Provenance],
) -> list[tuple[str, float | None, Provenance]]:
    """An indirect row broken down by holder in a footnote on any of its cells (the title,
    the conversion price): "As of the date hereof, A holds 3,681,872 shares of Series C
    Preferred Stock, B holds 404,743 shares of Series C Preferred Stock ..." -- one holding
    per named holder with its count (:func:`loaders.form345_breakdown.holds_breakdown`)."""
    if (text(value(row, "ownershipNature", "directOrIndirectOwnership")) or "").upper() != "I":
        return []
    title = text(value(row, "securityTitle")) or ""
    under = text(value(row, "underlyingSecurity", "underlyingSecurityTitle")) or ""
    own_units = bool(under) and class_words(under) != class_words(title)
    for fid in [*nature_fids, *(f for f in footnote_ids(row) if f not in nature_fids)]:
        t, fel = footnotes.get(fid, ("", None))
        if fel is None or not t:
            continue
        parts = holds_breakdown(
            t,
            book.mentions(t),
            shares,
            title_class=class_words(title),
            class_words=class_words,
            own_units=own_units,
        )
        if parts:
            total = sum(n for _m, n in parts)
            # counts of the row's own security on a row counted in its underlying class:
            # each holder's part of the row's amount (the same conversion for all)
            k = shares / total if own_units and shares is not None and total else 1.0
            counts = [n for _m, n in parts] if k == 1.0 else _apportion(parts, shares or 0.0)
            return [
                (
                    m.keys[0],
                    c,
                    pv(
                        fel,
                        phrase=t,
                        note=f"{fid}: {n:,.0f} held by"
                        + (f" ({n * k:,.2f} in the row's class)" if k != 1.0 else ""),
                    ),
                )
                for (m, n), c in zip(parts, counts, strict=True)
            ]
    return []


def _apportion(parts: list[tuple[object, float]], amount: float) -> list[float]:
    """Whole shares of ``amount`` in proportion to the parts, adding up to it exactly
    (largest remainders): 3,126,235 over 3,681,872 / 404,743 / 81,699 is 2,761,404 /
    303,557 / 61,274.

    >>> _apportion([(None, 3681872), (None, 404743), (None, 81699)], 3126235)
    [2761404.0, 303557.0, 61274.0]
    """
    total = sum(n for _m, n in parts)
    raw = [n * amount / total for _m, n in parts]
    out = [float(int(r)) for r in raw]
    if amount != int(amount):
        return raw
    left = int(amount) - int(sum(out))
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)[:left]:
        out[i] += 1
    return out
