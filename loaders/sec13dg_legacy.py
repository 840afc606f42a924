"""Legacy Schedule 13D/13G loader: EDGAR text/HTML submissions from before the XML era.

``parse(fp, *, path)`` reads one submission (an EDGAR ``.txt`` with its SGML header and
PEM wrapper, or a bare text document such as the PDF-extracted seed) and returns records;
it touches no database and no network. HTML documents are turned into text with
``lxml.html`` (no entity resolution, no network). Character spans in provenance are offsets
into the loader's *working text*: the decoded file, with every HTML document replaced by
its text rendering (for a plain-text file that is the file itself).

How it reads a filing, and the choices made where the form is silent:

* **Cover pages are read by label, not by number.** A page starts at "NAME OF REPORTING
  PERSON"; each row's value is the text between its label and the next label found on the
  page (13G numbering differs; PDF extraction garbles numbers). Rows 7-11 give a leading
  total and, where stated, a breakdown "(i) ... Common Stock; (ii) ... upon conversion ...;
  (iii) ... upon exercise of ... Warrants" -> :class:`Component` by instrument.
* **Noise recovery.** A cut row (no total left) is restated from its companion rows (11
  from 7+8 / 9+10) or from its own components; numbers displaced by column interleaving are
  given back to the breakdown markers that lost them, in order. Every recovered value is
  said in ``ReportedPosition.notes``, the provenance ``note`` and a ``value_recovered``
  finding. Values are otherwise *as filed*.
* **Names.** A page name broken by extraction ("artners Sı ... mall Cap Value LP") is
  resolved against the other spellings in the filing (signature blocks, "owned by"
  phrases, the joint filing agreement, the SGML header) with rapidfuzz, clean pages first,
  each candidate used once. The display name is the best-formatted spelling of the most
  frequent normalised form (", L.P." over "LP", mixed case over capitals). Every spelling
  seen is kept in ``Party.names``; several spellings give a ``name_variants`` finding.
* **Holders.** A page that reports shares without saying they are "owned by" someone else
  holds them itself: one :class:`Holding` per component (or one common-stock holding of
  the aggregate), convertibles and warrants with ``right_to_acquire``. Pages saying
  "owned by X" / "collectively owned by X and Y" are not holders; they give
  ``Role.STATED_POWER`` links to each named owner (SOLE from rows 7/9, SHARED from 8/10).
  Where such a list is garbled, the owners are recovered as the holder pages whose
  components add up to the page's (within one share per instrument), with a note.
  Where no page says who holds the shares (institutional 13Gs, an adviser filing for its
  funds), the *lowest* reporting person (smallest positive aggregate; ties go to the one
  controlled by another reporting person) is recorded as holding its aggregate, with a
  provenance note naming whom the text says actually holds them. This keeps every
  control chain ending at a holding without inventing a split the filing does not state.
* **Links** come only from stated phrases, with the phrase and its span as evidence:
  signature blocks ("X, By: Y, General Partner, By: /s/ Z, Co-Managing Member"), cover
  footnotes and Items ("whose general partner is", "serves as the general partner to",
  "investment manager to", "managing member of", "wholly-owned subsidiary of",
  "Investment Management Agreements with", "members of ..."). A "By: Y" with no capacity
  takes its role from other evidence in the filing ("funds managed by Y" -> investment
  manager), else ``Role.OTHER``. Power is SHARED when the capacity says "Co-", SOLE when it
  says "sole", else unknown. A "By:" in a letter that contradicts a capacity-bearing
  signature block gives a ``conflicting_statements`` finding, not a link. Identical
  (controller, controlled, role) statements are one link per document with every span.
* **Findings** (deterministic ids): ``components_sum`` (a page's breakdown vs its total,
  and an upper page vs the union of the holdings it says it covers), ``joint_filing_parties``,
  ``conflicting_statements``, ``name_variants``, ``value_recovered``, and Item 5(b)
  power statements that contradict blank cover rows. Percent-denominator findings belong
  to ``queries/reconcile.py``; ``percent_of_class`` is kept exactly as filed.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import io
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from rapidfuzz import fuzz

from ownergraph.graph.clean import parse_date, parse_number, parse_percent, sha256_bytes
from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import (
    document_id,
    make_id,
    normalize_cik,
    normalize_cusip,
    normalize_name,
    party_id,
    security_id,
)
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
    Share,
)
from ownergraph.graph.vocab import (
    EdgeKind,
    Instrument,
    NodeKind,
    Power,
    Role,
    Severity,
    SourceFormat,
)
from ownergraph.loaders.sec_cover import (  # noqa: F401
    _FOOTNOTE,
    _FUND_CODES,
    _LABELS,
    _LEGAL_ANCHOR,
    _MARKER,
    _NUMTOK,
    _ORDER,
    _PLACES,
    _ROMAN,
    _ROW_NO,
    _ROWS,
    _STUB_WORDS,
    _TABLE_RULE,
    _TYPE_CODES,
    _WS_RUN,
    _after_runs,
    _after_runs_slow,
    _Amount,
    _classify,
    _cover_region,
    _find_labels,
    _finditer_legal,
    _num,
    _Page,
    _page_from_hits,
    _read_amount,
    _Row,
    _split_pages,
    item3_codes,
    item_colon_covers,
)
from ownergraph.loaders.sec_grammar import (
    NameBook,
    _fold,
    bare_terms,
    define_terms,
    extract_links,
    stated_holdings,
)
from ownergraph.loaders.sec_holders import (
    _holder_all_by_term,
    _holder_breakdowns,
    _holder_counts_agree,
    _holder_one_of_several,
    _holder_owns_through,
    _holder_pages_nested,
    _holder_unlinked,
)
from ownergraph.loaders.sec_holdings import (
    Breakdown,
    breakdowns,
    common_holding,
    owned_respectively,
)
from ownergraph.loaders.sec_names import (  # noqa: F401
    _LEGAL,
    _LEGAL_RX,
    _NAME_NOISE,
    _best_spelling,
    _format_score,
    _name_from_row,
    _name_regex,
    _smart_title,
    name_finditer,
)
from ownergraph.loaders.sec_sections import (  # noqa: F401
    _HTML_HINT,
    _first_match_at,
    _html_to_text,
    _occurrences,
    _read_header,
    _Sgml,
    _text_bodies,
    _working_text,
    decode_filing,
    grammar_spans,
)
from ownergraph.loaders.sec_signatures import (  # noqa: F401
    _CAPITAL,
    _LINE_CLEAN,
    _NO_LINK,
    _ROLE_WORDS,
    _SIG_AHEAD,
    _SIG_BY,
    _SIG_BY_START,
    _SIG_HEADING,
    _SIG_LETTER,
    _SIG_NOT_ENTITY,
    _SIG_SLASH_S,
    _SIG_TITLE,
    _power_of,
    _role_of,
    _SigBlock,
    _signature_blocks,
    _split_entities,
    capacity_chain,
)
from ownergraph.loaders.sec_subsidiaries import (  # noqa: F401
    _CLASSIFIED,
    subsidiary_holdings,
    subsidiary_links,
)
from ownergraph.loaders.sec_subsidiaries import _ITEM7_LINE as _ITEM7  # noqa: F401

FORMAT = SourceFormat.SEC13DG_LEGACY

#: ``graph.ids.normalize_name`` is pure and the same few spellings are folded thousands of
#: times per filing (name lookups scan every known spelling): fold each once.
_norm = functools.lru_cache(maxsize=8192)(normalize_name)

__all__ = ["FORMAT", "parse", "sniff"]

# --------------------------------------------------------------------------- sniff

_SGML_TYPE = re.compile(rb"(?:CONFORMED SUBMISSION TYPE|<TYPE>)\s*:?\s*SC\s*13[DG]", re.I)
_COVER_WORDS = re.compile(rb"SCHEDULE\s+13[DG]", re.I)
_NAME_WORDS = re.compile(rb"NAMES?\s+OF\s+RE|\(\s*Name\s+of\s+Issuer\s*\)|CUSIP\s+N", re.I)


def sniff(head: bytes) -> bool:
    """True for an EDGAR SC 13D/13G submission or a text/HTML 13D/13G cover page.

    Structured XML (``primary_doc.xml``, ``ownershipDocument``) and JSON are not claimed.

    >>> sniff(b"<SEC-HEADER>\\nCONFORMED SUBMISSION TYPE:\\tSC 13D/A\\n")
    True
    >>> sniff(b"SCHEDULE 13D\\n1 NAME OF REPORTING PERSON")
    True
    >>> sniff(b'<?xml version="1.0"?><edgarSubmission><formData>SCHEDULE 13D')
    False
    >>> sniff(b'{"statementType": "SCHEDULE 13D"}')
    False
    """
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"{", b"[")):
        return False
    if (
        stripped.startswith(b"<?xml")
        or b"<ownershipDocument" in head
        or b"<edgarSubmission" in head
    ):
        return False
    if _SGML_TYPE.search(head):
        return True
    return bool(_COVER_WORDS.search(head) and _NAME_WORDS.search(head))


# --------------------------------------------------------------------------- parse


@dataclass
class _Ctx:
    """Mutable state of one parse."""

    path: str
    text: str
    doc_id: str
    accession: str | None
    spellings: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    kinds: dict[str, NodeKind] = field(default_factory=dict)
    idents: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    jurisdiction: dict[str, str] = field(default_factory=dict)
    type_codes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    prov: dict[str, list[Provenance]] = field(default_factory=lambda: defaultdict(list))
    links: dict[tuple[str, str, Role], dict[str, Any]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # alias -> party id
    primary: dict[str, str] = field(default_factory=dict)  # party id -> cover-page spelling
    # holdings the text states per holder: (party id, shares or None = all, provenance)
    stated: list[tuple[str, float | None, Provenance]] = field(default_factory=list)
    # counts the text splits into parts (offset of the text read, the breakdown)
    breakdowns: list[tuple[int, Breakdown]] = field(default_factory=list)
    cik: dict[str, str] = field(default_factory=dict)  # party id -> cik
    # Item 7 exhibit entries: (parents, subsidiary, holder, count or None, provenance)
    listed: list[tuple[Any, ...]] = field(default_factory=list)

    def p(
        self,
        span: tuple[int, int] | None = None,
        phrase: str | None = None,
        note: str | None = None,
    ) -> Provenance:
        return Provenance(
            path=self.path,
            format=FORMAT,
            document_id=self.doc_id,
            accession=self.accession,
            span=span,
            phrase=phrase,
            note=note,
        )

    def party(
        self,
        name: str,
        *,
        kind: NodeKind | None = None,
        cik: str | None = None,
        pid: str | None = None,
    ) -> str:
        """Register a spelling of a party; return its id."""
        name = re.sub(r"\s+", " ", name).strip(" ,;")
        if pid is None:
            pid = party_id(cik=cik, name=name) if cik else party_id(name=name)
        self.spellings[pid].append(name)
        if cik:
            self.cik[pid] = normalize_cik(cik) or cik
        if kind is not None:
            old = self.kinds.get(pid)
            if old is None or _KIND_RANK[kind] > _KIND_RANK[old]:
                self.kinds[pid] = kind
        return pid

    def link(
        self,
        controller: str,
        controlled: str,
        role: Role,
        prov: Provenance,
        *,
        power: Power | None = None,
        details: str | None = None,
        voting: Power | None = None,
        investment: Power | None = None,
        share: float | None = None,
    ) -> None:
        """Add a stated link, or add evidence to the identical one already stated."""
        if controller == controlled:
            return
        key = (controller, controlled, role)
        cur = self.links.get(key)
        if cur is None:
            self.links[key] = {
                "prov": [prov],
                "power": power,
                "details": details,
                "voting": voting,
                "investment": investment,
                "share": share,
            }
        else:
            for k, v in (("voting", voting), ("investment", investment), ("share", share)):
                if cur.get(k) is None:
                    cur[k] = v
            if prov.span not in [q.span for q in cur["prov"]] or prov.phrase not in [
                q.phrase for q in cur["prov"]
            ]:
                cur["prov"].append(prov)
            if cur["power"] is None:
                cur["power"] = power

    def finding(
        self,
        kind: str,
        severity: Severity,
        message: str,
        *,
        key: str,
        expected: Any = None,
        found: Any = None,
        subjects: tuple[str, ...] = (),
        evidence: tuple[Provenance, ...] = (),
    ) -> None:
        fid = make_id("finding", self.doc_id, kind, key)
        if any(f.id == fid for f in self.findings):
            return
        self.findings.append(
            Finding(
                id=fid,
                document_id=self.doc_id,
                kind=kind,
                severity=severity,
                message=message,
                expected=expected,
                found=found,
                subject_ids=subjects,
                evidence=evidence,
            )
        )


_KIND_RANK = {
    NodeKind.UNKNOWN: 0,
    NodeKind.ENTITY: 1,
    NodeKind.PERSON: 2,
    NodeKind.FUND: 3,
    NodeKind.GROUP: 3,
    NodeKind.ISSUER: 4,
    NodeKind.SECURITY: 5,
}


def _line_no(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _before_caption(
    text: str, caption: str, start: int, end: int, *, joined: bool = False
) -> tuple[str, int] | None:
    """The text on the lines just above a caption such as "(Name of Issuer)". With
    ``joined``, a value written over several lines is read whole: a last line that goes on
    from the line before (it opens with "(" or a small letter, or the line before ends with
    a comma) is joined to it ("Common shares, $0.01 par value" / "(including the associated
    Preferred stock purchase rights)")."""
    m = re.search(caption, text[start:end], re.I)
    if not m:
        return None
    cap = start + m.start()
    chunk = text[max(start, cap - 600) : cap]
    # same line, before the caption (HTML tables): "Common Stock\t(Title of Class...)"
    lines = [ln for ln in chunk.split("\n")]
    for k in range(len(lines) - 1, -1, -1):
        s = re.sub(r"[\s_\-=#*|]+$", "", lines[k]).strip(" \t-_=#*|")
        s = re.sub(r"\s+", " ", s)
        if s and not re.fullmatch(r"[\-_=\s]*", s):
            if re.search(r"\(.*(?:Name of|Title of|CUSIP|Date of)", s, re.I):
                break
            pos = cap - sum(len(x) + 1 for x in lines[k + 1 :]) - len(lines[k]) - 1
            while joined and k > 0:
                prev = re.sub(r"\s+", " ", lines[k - 1]).strip(" \t-_=#*|")
                if not prev or re.search(r"\(.*(?:Name of|Title of|CUSIP|Date of)", prev, re.I):
                    break
                if not (s[0] == "(" or s[0].islower() or prev.endswith(",")):
                    break
                s, k = f"{prev} {s}", k - 1
                pos -= len(lines[k]) + 1
            s = re.sub(r"\\([$*_#&])", r"\1", s)  # markdown escapes of PDF-extracted text
            return s, max(pos, 0)
    return None


def parse(fp: IO[bytes], *, path: str) -> ParsedDocument:
    """Parse one legacy Schedule 13D/13G submission into records (no DB, no network).

    Reads every cover page by label, the SGML header, the signature blocks and the
    control phrases of the text; see the module docstring for the rules.
    """
    data = fp.read()
    if isinstance(data, str):  # tolerate text streams
        data = data.encode("utf-8")
    if not data.strip():
        raise InputError(path, "start of file", "file is empty")
    try:
        return _parse(data, path)
    except ValueError as exc:  # a number, percent or date clean.py refuses
        raise InputError(path, "cover page", str(exc)) from exc


def _parse(data: bytes, path: str) -> ParsedDocument:
    """The body of :func:`parse`, on bytes."""
    raw = decode_filing(data)
    text = item_colon_covers(_working_text(raw))
    sha = sha256_bytes(data)
    doc_id = document_id(sha)
    hdr = _read_header(text)
    ctx = _Ctx(path=path, text=text, doc_id=doc_id, accession=hdr.accession)
    body_start = 0
    mh = re.search(r"</SEC-HEADER>", text)
    if mh:
        body_start = mh.end()

    start, end = _cover_region(text, body_start)
    cut: list[int] = []
    pages = _split_pages(text, start, end, cut)
    if not pages:
        line = _line_no(text, start if start > body_start else body_start)
        raise InputError(path, f"line {line}", "no cover page found")
    if cut:  # a row-1 label, then the text ends (or Item 1 starts) before rows 7-11
        raise InputError(
            path,
            f"line {_line_no(text, cut[0])}",
            f"cover page {len(pages) + 1} is incomplete: it ends before its rows 7-11"
            " (file truncated?)",
        )

    last = pages[-1]
    if not {"aggregate", "percent", "type"} & set(last.rows) and not text[last.end :].strip():
        raise InputError(
            path,
            f"line {_line_no(text, last.start)}",
            "cover page ends before rows 11-14 (file truncated?)",
        )

    # ---- title page facts
    title_end = pages[0].start
    issuer_name = _before_caption(text, r"\(\s*Name\s+of\s+Issuer\s*\)", body_start, title_end)
    class_title = _before_caption(
        text,
        r"\(\s*Title\s+of\s+Class\s+of\s+Securities\s*\)",
        body_start,
        title_end,
        joined=True,
    )
    cusip_line = _before_caption(text, r"\(\s*CUSIP\s+Number\s*\)", body_start, title_end)
    event_line = _before_caption(text, r"\(\s*Date\s+of\s+Event", body_start, title_end)
    cusip = None
    if cusip_line:
        mc = re.search(r"[0-9A-Z]{5,6}\s?[0-9A-Z]{1,3}\s?[0-9A-Z]{0,3}", cusip_line[0].upper())
        cusip = normalize_cusip(mc.group(0)) if mc else None
    if cusip is None:
        mc = re.search(
            r"CUSIP\s+(?:No\.?|Number)\s*:?\s*([0-9A-Z][0-9A-Z ]{7,11})", text[body_start:], re.I
        )
        cusip = normalize_cusip(mc.group(1)) if mc else None
    event_date = None
    if event_line:
        md = re.search(r"[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}", event_line[0])
        if md:
            try:
                event_date = parse_date(md.group(0).replace(".", ""))
            except ValueError:
                event_date = None
    if event_date is None:
        md = re.search(
            r"Date\s+of\s+Event[^:\n]{0,80}:\s*([A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})",
            text[body_start:title_end],
        )
        if md:
            event_date = parse_date(md.group(1).replace(".", ""))
    cover_head = text[body_start:title_end]
    amendment = None
    ma = re.search(r"Amendment\s+No\.?\s*:?\s*(\d+)", cover_head, re.I)
    if ma:
        amendment = int(ma.group(1))
    form = hdr.form
    if form is None:
        mf = re.search(r"SCHEDULE\s+13([DG])(\s*/\s*A)?", cover_head, re.I)
        if mf:
            letter = mf.group(1).upper()
            form = f"SC 13{letter}/A" if (mf.group(2) or (amendment or 0) > 0) else f"SC 13{letter}"
    filed_date = None
    if hdr.filed:
        try:
            filed_date = parse_date(hdr.filed)
        except ValueError:
            filed_date = None

    # ---- issuer and security
    if issuer_name:  # "ONEBEACON INSURANCE GROUP LTD. CL": the class suffix is not the name
        issuer_name = (
            re.sub(r"\s+CL(?:ASS)?\.?(?:\s+[A-Z])?$", "", issuer_name[0]),
            issuer_name[1],
        )
    iss_name = issuer_name[0] if issuer_name else (hdr.subject_name or "unknown issuer")
    iss_cik = normalize_cik(hdr.subject_cik)
    issuer_id = ctx.party(iss_name, kind=NodeKind.ISSUER, cik=iss_cik)
    ctx.primary[issuer_id] = iss_name
    if hdr.subject_name:
        ctx.party(hdr.subject_name, pid=issuer_id)
    if iss_cik:
        ctx.idents[issuer_id].append(("cik", iss_cik))
    if issuer_name:
        ctx.prov[issuer_id].append(
            ctx.p((issuer_name[1], issuer_name[1] + len(issuer_name[0])), issuer_name[0])
        )
    title = class_title[0] if class_title else "Common Stock"
    sec_id = security_id(cusip=cusip, issuer_id=issuer_id, title=title)
    security = Security(
        id=sec_id,
        issuer_id=issuer_id,
        title=title,
        cusip=cusip,
        provenance=(
            ctx.p((class_title[1], class_title[1] + len(title)), title) if class_title else ctx.p(),
        ),
    )

    # ---- read pages
    for page in pages:
        _read_page(ctx, page)

    # ---- names: candidates from the rest of the filing
    after = pages[-1].end
    blocks = _signature_blocks(text, after)
    candidates: list[str] = []
    signed: list[str] = []  # the signature blocks' names (see _resolve_page_names)
    for b in blocks:
        signed.extend(b.entities)
        signed.extend(w for w, _c, _s in b.by)
        if b.signer:
            signed.append(b.signer)
    for page in pages:
        for phrase in page.owners_raw.values():
            candidates.extend(_owner_list(phrase))
    # the SGML header's conformed names; a person's is written last name first ("ICAHN
    # CARL C" for the cover page "CARL C. ICAHN"): as such it is no candidate for another
    # page (it had renamed "Icahn Capital LP")
    conformed = [_title_case_if_caps(g) for g in hdr.group_members]
    if hdr.filer_name:
        conformed.append(hdr.filer_name)
    written = {_tokens(x) for pg in pages for x in (pg.name_raw,) if x} | {
        _tokens(x) for x in signed
    }
    candidates.extend(
        c
        for c in conformed
        if _tokens(c) not in written or _norm(c) in {_norm(pg.name_raw or "") for pg in pages}
    )
    jfa = _jfa_parties(text, after)
    candidates.extend(n for n, _s in jfa)
    _resolve_page_names(pages, candidates, signed)

    # ---- parties of the pages
    page_pid: dict[int, str] = {}
    for page in pages:
        name = page.name or page.name_raw or f"reporting person {page.index + 1}"
        cik = None
        if hdr.filer_cik and hdr.filer_name and _norm(hdr.filer_name) == _norm(name):
            cik = hdr.filer_cik
        kind = NodeKind.PERSON if "IN" in page.type_codes else NodeKind.ENTITY
        pid = ctx.party(name, kind=kind, cik=cik)
        if cik:
            ctx.idents[pid].append(("cik", normalize_cik(cik) or cik))
        if page.name_raw:
            page.name_raw = re.sub(r"\s+", " ", page.name_raw).strip()
            ctx.spellings[pid].append(page.name_raw)
        if page.irs:
            ctx.idents[pid].append(("irs", page.irs))
        if page.citizenship:
            ctx.jurisdiction.setdefault(pid, page.citizenship)
        ctx.type_codes[pid] = page.type_codes
        ctx.prov[pid].append(ctx.p(page.name_span, page.name_raw or None, page.name_note))
        page_pid[page.index] = pid
        ctx.primary[pid] = page.name if page.name_note else (page.name_raw or name)
    name_index = _NameIndex(ctx)
    # spellings of the issuer and the reporting persons in the text (mixed case, punctuation)
    folded = _fold(text)
    for pid in [issuer_id, *page_pid.values()]:
        found = name_finditer(ctx.primary[pid], text, folded, body_start)
        for m in itertools.islice(found, 50):
            ctx.spellings[pid].append(_strip_period(re.sub(r"\s+", " ", m.group(0))))

    # every spelling used elsewhere in the filing, resolved to the page parties
    for cand in [*signed, *candidates]:
        pid = name_index.lookup(cand)
        if pid:
            ctx.spellings[pid].append(cand)

    # ---- owners ("owned by") and holders
    holders = [pg for pg in pages if not pg.owners_raw]
    for page in pages:
        if page.owners_raw:
            _resolve_owners(ctx, page, pages, page_pid, name_index)

    # ---- signature links, letters, conflicts
    _signature_links(ctx, blocks, name_index, page_pid, pages)

    # ---- prose links (Items, footnotes)
    _prose_links(ctx, text, body_start, name_index)
    marked = [
        (page_pid[pg.index], mk.group(1))
        for pg in pages
        if "name" in pg.rows
        and (
            mk := re.search(
                r"[A-Za-z.)]\s*(\*{1,3}|\(\d\)|\u2020)[ \t]*(?:\n|$)", pg.rows["name"].text
            )
        )
    ]
    _grammar_links(ctx, text, pages[0].start, issuer_id, list(page_pid.values()), marked)

    # ---- holdings
    holdings: list[Holding] = []
    stated_holder_pages = [pg for pg in holders if any(pg.values.get(k) for k in _ROWS)]
    nothing_owned = not stated_holder_pages
    if nothing_owned:
        # nothing owned (an exit filing, every row 0): the filers hold 0, so who controls
        # the reported shares is still answered, at 0 (convention 11)
        stated_holder_pages = [
            pg for pg in holders if any(pg.values.get(k) == 0 for k in ("aggregate", *_ROWS))
        ]
    explicit = any(pg.owners_raw for pg in pages)
    if explicit:
        chosen = stated_holder_pages
        note = None
    else:
        # nothing owned: every filer holds its 0 (the top controllers of all, convention 11)
        chosen = (
            stated_holder_pages
            if nothing_owned
            else _lowest_pages(ctx, stated_holder_pages, page_pid)
        )
        note = _holder_note(ctx, text, body_start)
    text_held = [] if explicit else _text_holdings(ctx, pages, page_pid, sec_id, event_date)
    if not explicit and not nothing_owned:
        paged = _holder_pages_nested(ctx, stated_holder_pages, page_pid, sec_id, event_date)
        merged = _holder_counts_agree(ctx, text_held, paged) if paged else None
        if merged:
            text_held = merged
    if text_held:
        holdings.extend(text_held)
        chosen = []
    for page in chosen:
        pid = page_pid[page.index]
        if explicit:
            ctx.kinds[pid] = (
                NodeKind.FUND if ctx.kinds.get(pid) != NodeKind.PERSON else NodeKind.PERSON
            )
        holdings.extend(
            _holdings_of(ctx, page, pid, sec_id, event_date, note, nothing_owned=nothing_owned)
        )
    holdings = subsidiary_holdings(ctx, pages, page_pid, holdings, sec_id, event_date)
    holdings = _holder_breakdowns(ctx, pages, page_pid, holdings, title)
    holdings = _holder_all_by_term(ctx, pages, holdings)

    # ---- findings
    _component_findings(ctx, pages, page_pid)
    _jfa_findings(ctx, jfa, pages, page_pid, blocks, name_index)
    _item5_findings(ctx, text, pages, page_pid)
    for page in pages:
        for key, note_text in page.recovered:
            ctx.finding(
                "value_recovered",
                Severity.INFO,
                f"{page.name}: {note_text}",
                key=f"{page.index}:{key}",
                found=page.values.get(key) if key in _ROWS else None,
                subjects=(page_pid[page.index],),
                evidence=(ctx.p((page.rows[key].start, page.rows[key].end), None, note_text),)
                if key in page.rows
                else (),
            )
        if page.name_unresolved:
            ctx.finding(
                "name_unresolved",
                Severity.WARNING,
                f"row 1 name {page.name_raw!r} looks broken by text extraction and matches no"
                " other spelling in the filing; kept as filed",
                key=f"{page.index}:name",
                found=page.name_raw,
                subjects=(page_pid[page.index],),
                evidence=(ctx.p(page.name_span, page.name_raw),),
            )
        if page.name_note:
            ctx.finding(
                "value_recovered",
                Severity.INFO,
                f"{page.name}: {page.name_note}",
                key=f"{page.index}:name",
                expected=page.name,
                found=page.name_raw,
                subjects=(page_pid[page.index],),
                evidence=(ctx.p(page.name_span, page.name_raw, page.name_note),),
            )

    # ---- outstanding shares
    outstanding, outstanding_as_of = _outstanding(text, body_start)

    # ---- assemble parties
    parties: list[Party] = []
    for pid, spell in ctx.spellings.items():
        uniq = list(dict.fromkeys(s for s in spell if s))
        display = _best_spelling(uniq, ctx.primary.get(pid)) if uniq else pid
        distinct = {re.sub(r"\s+", " ", s).casefold() for s in uniq}
        if len(distinct) > 1 and pid != issuer_id:
            spellings = sorted(set(uniq))  # the count in the message is the list's length
            folded = (
                f" ({len(distinct)} ignoring case and spacing)"
                if len(distinct) < len(spellings)
                else ""
            )
            ctx.finding(
                "name_variants",
                Severity.INFO,
                f"{display} appears under {len(spellings)} spellings{folded}",
                key=pid,
                found=spellings,
                subjects=(pid,),
            )
        kind = ctx.kinds.get(pid, NodeKind.ENTITY)
        if kind == NodeKind.ENTITY and "IV" in ctx.type_codes.get(pid, ()):
            kind = NodeKind.FUND
        if kind == NodeKind.ENTITY and re.search(r"\bfund\b", display, re.I):
            kind = NodeKind.FUND
        idents = tuple(dict.fromkeys(ctx.idents.get(pid, [])))
        parties.append(
            Party(
                id=pid,
                name=display,
                kind=kind,
                names=tuple(uniq),
                identifiers=idents,
                jurisdiction=ctx.jurisdiction.get(pid),
                type_codes=ctx.type_codes.get(pid, ()),
                is_component=False,
                provenance=tuple(ctx.prov.get(pid, ())) or (ctx.p(),),
            )
        )
    names_by_id = {p.id: p.name for p in parties}

    positions: list[ReportedPosition] = []
    for page in pages:
        pid = page_pid[page.index]
        comps = tuple(page.components.get("aggregate") or _first_components(page))
        owners = tuple(dict.fromkeys(page.owner_names))
        positions.append(
            ReportedPosition(
                id=make_id("position", doc_id, pid, page.index),
                document_id=doc_id,
                party_id=pid,
                name=names_by_id[pid],
                name_as_filed=page.name_raw or None,
                cik=ctx.cik.get(pid),
                type_codes=page.type_codes,
                citizenship=page.citizenship,
                member_of_group=page.group,
                source_of_funds=page.sources,
                sole_voting=page.values.get("sole_voting"),
                shared_voting=page.values.get("shared_voting"),
                sole_dispositive=page.values.get("sole_dispositive"),
                shared_dispositive=page.values.get("shared_dispositive"),
                aggregate=page.values.get("aggregate"),
                percent_of_class=page.percent,
                percent_text=page.percent_text,
                excludes_certain_shares=page.excludes,
                components=comps,
                owned_by=owners,
                notes=tuple(page.notes),
                provenance=(ctx.p((page.start, page.end), None, "; ".join(page.notes) or None),),
            )
        )

    links = []
    for (ctrl, ctld, role), info in ctx.links.items():
        share = info.get("share")
        links.append(
            Link(
                id=make_id("link", doc_id, ctrl, ctld, role),
                document_id=doc_id,
                kind=EdgeKind.OWNS if role is Role.SHAREHOLDER else EdgeKind.CONTROLS,
                controller_id=ctrl,
                controlled_id=ctld,
                role=role,
                power=info["power"],
                share=Share.exact(share) if share is not None else None,
                voting=info.get("voting"),
                investment=info.get("investment"),
                as_of=event_date,
                details=info.get("details"),
                provenance=tuple(info["prov"]),
            )
        )

    document = Document(
        id=doc_id,
        path=path,
        format=FORMAT,
        sha256=sha,
        form=form,
        amendment_no=amendment,
        accession=hdr.accession,
        event_date=event_date,
        filed_date=filed_date,
        issuer_id=issuer_id,
        security_id=sec_id,
        outstanding=outstanding,
        outstanding_as_of=outstanding_as_of,
        title=f"{form or 'Schedule 13D/G'} {names_by_id[issuer_id]}",
    )
    extra = {
        "header": dataclasses.asdict(hdr),
        "joint_filing_parties": [n for n, _s in jfa],
        "signature_blocks": [
            {
                "context": b.context,
                "entities": b.entities,
                "by": [{"name": w, "capacity": c} for w, c, _s in b.by],
                "signer": b.signer,
                "capacity": b.capacity,
                "span": list(b.span),
            }
            for b in blocks
        ],
        "cover_pages": [
            {
                "name_as_filed": pg.name_raw,
                "rows": {k: r.text.strip() for k, r in pg.rows.items()},
                "span": [pg.start, pg.end],
            }
            for pg in pages
        ],
    }
    return ParsedDocument(
        document=document,
        parties=tuple(parties),
        securities=(security,),
        holdings=tuple(holdings),
        links=tuple(links),
        positions=tuple(positions),
        findings=tuple(ctx.findings),
        extra=extra,
    )


def _tokens(name: str) -> tuple[str, ...]:
    """The words of a name in any order ("ICAHN CARL C" = "Carl C. Icahn")."""
    return tuple(sorted(_norm(name).split()))


def _title_case_if_caps(s: str) -> str:
    return _smart_title(s) if s.isupper() else s


# --------------------------------------------------------------------------- page rows


_ID_LABEL_AFTER_NAME = re.compile(
    r"[\s,;]+(?:I\.?\s?R\.?\s?S\.?\s*|Tax\s+|Employer\s+)?(?:I\.\s?D\.|ID|EIN|TIN)"
    r"\s*(?:No\.?|Number|#)?\s*:?\s*$",
    re.I,
)


#: Row 13 printed as a bound ("Less than 1%", "less than one-tenth of 1%", "< 0.1%").
_BELOW_PERCENT = re.compile(r"(?:\bless\s+than|<)[\s\w-]{0,20}$", re.I)
#: the figure printed beside a bound: "Less than 1% (0.9%)"
_EXACT_AFTER_BOUND = re.compile(
    r"\s*\(\s*(?:approximately\s+|approx\.\s+)?(\d*\.?\d+)\s*%\s*\)", re.I
)


def _read_page(ctx: _Ctx, page: _Page) -> None:
    """Read rows 1-14 of a page into typed values, recovering what extraction cut."""
    if "name" in page.rows:
        row = page.rows["name"]  # a text table's rules ("| Jane Doe |") are not the name
        row = _Row(row.key, _TABLE_RULE.sub(" ", row.text), row.start, row.end)
        page.name_raw, page.irs, page.name_span = _name_from_row(row)
        # "GAMCO Asset Management Inc. I.D. No. 13-4044521": the number's label stays
        # after the number is cut off
        page.name_raw = _ID_LABEL_AFTER_NAME.sub("", page.name_raw)
        # "Dimensional Fund Advisors Inc. (Tax ID: 22-2370029)": the bracket left behind
        page.name_raw = re.sub(r"\s*\(\s*\)?\s*$", "", page.name_raw)
    # group box: rows 2 and 3 (the (b) box often drifts past the SEC-use label)
    gtext = "".join(page.rows[k].text for k in ("group", "sec_use") if k in page.rows)
    page.group = _group_box(gtext)
    if "source" in page.rows:
        toks = re.findall(
            r"(?<![\w/])(WC|PF|OO|AF|BK|SC|N/A|00)(?![\w/])", page.rows["source"].text
        )
        page.sources = tuple(dict.fromkeys("OO" if t == "00" else t for t in toks))
    if "citizenship" in page.rows:
        page.citizenship = _place(page.rows["citizenship"].text)
    amounts: dict[str, _Amount] = {}
    for key in _ROWS:
        if key in page.rows:
            amounts[key] = _read_amount(page.rows[key])
            am = amounts[key]
            text = page.rows[key].text
            m = re.search(
                r"(collectively\s+)?owned\s+by\s+(.+?)(?:\.\s*$|\.\s{2,}|$)",
                re.sub(r"\s+", " ", text),
            )
            if (
                m
                and "owned by each" not in m.group(0).casefold()
                # "... also beneficially owned by certain other non-reporting entities as well
                # as MFS": shares others also own, not an owner list
                and not re.search(r"\balso\b|\bcertain\b|non-reporting", m.group(0), re.I)
            ):
                # the next row's number ("... Fund Ltd. 9") is layout, not the phrase
                page.owners_raw[key] = re.sub(r"(?<=\.)\s+\d{1,2}\s*$", "", m.group(0)).strip()
                k = text.find("owned by")
                ks = text.rfind("collectively", 0, k) if m.group(1) else k
                page.owner_phrase_span[key] = (
                    page.rows[key].start + max(ks, 0),
                    page.rows[key].end,
                )
            elif re.search(r"\bcollectively\b", text):
                page.owners_raw[key] = re.sub(
                    r"\s+", " ", text[text.find("collectively") :]
                ).strip()
                page.owner_phrase_span[key] = (
                    page.rows[key].start + text.find("collectively"),
                    page.rows[key].end,
                )
    # instruments by marker across the page (for segments cut before their words)
    by_marker: dict[int, Instrument] = {}
    for am in amounts.values():
        for mk, _v, ins in am.components:
            if ins is not None:
                by_marker.setdefault(mk, ins)
    for key, am in amounts.items():
        comps: list[Component] = []
        complete = bool(am.components) and all(v is not None for _m, v, _i in am.components)
        for mk, v, ins in am.components:
            ins = ins or by_marker.get(mk) or _DEFAULT_MARKER.get(mk, Instrument.OTHER)
            if v is not None:
                comps.append(Component(ins, v))
        if complete:
            page.components[key] = comps
        if am.loose_used:
            page.notes.append(
                f"row {_ROW_NO[key]}: breakdown numbers displaced by text extraction; "
                "given back to (i)-(iii) in order"
            )
        page.values[key] = am.total
        if am.total is None and complete and comps:
            page.values[key] = sum(c.shares for c in comps)
            note = (
                f"row {_ROW_NO[key]} total cut by extraction; restated as the sum of its components"
            )
            page.notes.append(note)
            page.recovered.append((key, note))
    # row 11 cut: restate from rows 7+8 / 9+10
    agg = amounts.get("aggregate")
    if agg is not None and agg.total is None:
        vote = _sum2(page.values.get("sole_voting"), page.values.get("shared_voting"))
        disp = _sum2(page.values.get("sole_dispositive"), page.values.get("shared_dispositive"))
        restated = disp if disp is not None else vote
        if restated is not None and (vote is None or disp is None or vote == disp):
            comp_sum = sum(c.shares for c in page.components.get("aggregate", []))
            note = "row 11 cut by extraction; value restated from rows 7-10" + (
                " (its components add up)" if comp_sum == restated else ""
            )
            page.recovered = [r for r in page.recovered if r[0] != "aggregate"]
            page.notes = [n for n in page.notes if not n.startswith("row 11 total cut")]
            page.values["aggregate"] = restated
            page.notes.append(note)
            page.recovered.append(("aggregate", note))
    for key, am in amounts.items():
        if am.blank and page.values.get(key) is None:
            page.values[key] = None
    # a number whose thousands separators came out as dots
    for key in _ROWS:
        if key in page.rows and re.search(r"\b\d{1,3}\.\d{3}\.\d{3}\b", page.rows[key].text):
            page.notes.append(
                f"row {_ROW_NO[key]}: thousands separators read as dots ('1.341.499')"
            )
    if "percent" in page.rows:
        mp = re.search(
            r"(\d*\.?\d+)\s*(?:%|per\s?cent\b)|(?<![\w(])(\d{1,2}\.\d+)(?![\w)])",
            page.rows["percent"].text,
            re.I,
        )
        if page.listed and not mp:  # a per-person column of percentages: ".4", "0"
            mp = re.fullmatch(r"\s*(\d{0,2}\.\d+|\d{1,2})\s*", page.rows["percent"].text)
        bound = mp and _BELOW_PERCENT.search(page.rows["percent"].text, 0, mp.start())
        exact = bound and _EXACT_AFTER_BOUND.match(page.rows["percent"].text, mp.end())
        if exact:  # "Less than 1% (0.9%)": the figure printed beside the bound
            mp, bound = exact, None
        if mp and bound:
            # "Less than 1%", "<1%": a bound, not a figure (labelling convention 14: null)
            page.percent_text = page.rows["percent"].text[bound.start() : mp.end()]
        elif mp:
            page.percent_text = mp.group(1) or mp.group(2)
            page.percent = parse_percent(page.percent_text)
        elif m0 := re.search(r"(?<![\w-])-0-\s*%?", page.rows["percent"].text):
            page.percent_text = m0.group(0).strip()  # "-0-%": 0 (convention 6)
            page.percent = 0.0
    if "type" in page.rows:
        page.type_codes = _type_codes(page.rows["type"].text)
        if not page.type_codes and re.search(r"see\s+item\s+3\b", page.rows["type"].text, re.I):
            page.type_codes = item3_codes(ctx.text, page.rows["type"].end)
    if "excludes" in page.rows:
        t = page.rows["excludes"].text
        page.excludes = True if re.search(r"\[\s*[xX]\s*\]|/\s*[xX]\s*/|☒", t) else None


_DEFAULT_MARKER = {1: Instrument.COMMON, 2: Instrument.CONVERTIBLE, 3: Instrument.WARRANT}


def _sum2(a: float | None, b: float | None) -> float | None:
    if a is None and b is None:
        return None
    return (a or 0.0) + (b or 0.0)


def _first_components(page: _Page) -> list[Component]:
    for key in _ROWS:
        if page.components.get(key):
            return page.components[key]
    return []


_BOX_CHECKED = (
    r"(?:\[\s*[xX✓]\s*\]|\(\s*[xX]\s*\)|\|\s*[xX]\s*\||/\s*[xX]\s*/|\b[xX]\b|☒|✓|þ|\u2612|\u2714)"
)
_BOX_ANY = rf"(?:{_BOX_CHECKED}|\[\s*\]|\(\s*\)|[☐¨o\u2610]|_+)"


def _box_label(box: str) -> str:
    # "(b)", "(b.)", "(b):", "b."
    return rf"\(\s*{box}\s*\.?\s*\)[.:]?"


def _group_box(text: str) -> str | None:
    """Which row-2 box is checked: "a", "b" or None (unchecked or unreadable).

    The box follows its letter ("(a) [ ] (b) [X]", "(a): ☐ (b): ☒", "(a.) ( ) (b.) (X)")
    or, where a box stands before "(a)", precedes it ("¨ (a)  x (b)").
    """
    # "þ" is the Wingdings checked box as HTML filings render it ("o" / "¨" unchecked)
    checked = _BOX_CHECKED
    before = re.search(rf"{_BOX_ANY}\s*{_box_label('a')}", text) is not None and not re.search(
        rf"{_box_label('b')}\s*{_BOX_ANY}", text
    )
    out = None
    for box in ("a", "b"):
        if before:
            hit = re.search(rf"{checked}\s*{_box_label(box)}", text)
        else:
            hit = re.search(rf"{_box_label(box)}\s*{checked}", text) or re.search(
                rf"\b{box.upper()}\.\s*{checked}", text
            )
        if hit:
            out = box if out is None else out
    return out


_PLACE_RX = [(p, re.compile(rf"(?<![\w]){re.escape(p)}(?![\w])", re.I)) for p in _PLACES]


def _place(text: str) -> str | None:
    t = re.sub(r"\s+", " ", text)
    best = None
    for p, rx in _PLACE_RX:
        m = rx.search(t)
        if m and (best is None or m.start() < best[0]):
            best = (
                m.start(),
                p if not t[m.start() : m.end()].isupper() else t[m.start() : m.end()],
            )
    if best:
        return best[1] if not best[1].isupper() or len(best[1]) <= 4 else best[1].title()
    first = next((ln.strip() for ln in text.split("\n") if re.search(r"[A-Za-z]{3}", ln)), None)
    return first


def _type_codes(text: str) -> tuple[str, ...]:
    """Row 14 codes, reading at most the first lines of content after the label."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    out: list[str] = []
    for ln in lines[:3]:
        if re.search(r"SEE\s+INSTRUCTIONS|Item\s+1|SCHEDULE|CUSIP|Page\s+\d", ln, re.I):
            break
        for tok in re.findall(r"(?<![\w])([A-Z]{2}|00(?=\s*(?:-|$)))(?![\w])", ln):
            tok = "OO" if tok == "00" else tok  # "00-Private Foundation": OO typed as zeros
            if tok in _TYPE_CODES and tok not in out:
                out.append(tok)
    return tuple(out)


# --------------------------------------------------------------------------- resolution


def _owner_list(phrase: str) -> list[str]:
    """Split "owned by A, B and C." into names."""
    m = re.search(r"owned\s+by\s+(.+)$", phrase)
    if not m:
        return []
    body = re.sub(r"\s+\d{1,2}\s+", " ", m.group(1)).strip(" .")
    parts = re.split(r",\s+(?=[A-Z])(?!(?:L\.?P|LLC|Inc|Ltd)\b)|\s+and\s+(?=[A-Z])", body)
    return [p.strip(" ,.") for p in parts if len(p.strip()) > 3]


def _jfa_parties(text: str, start: int) -> list[tuple[str, tuple[int, int]]]:
    """The parties a joint filing agreement lists ("by and among A, B, ... and Z.")."""
    m = re.search(r"by\s+and\s+(?:among|between)\s+(.+?)\.\s*(?:\n|$)", text[start:], re.S | re.I)
    if not m:
        return []
    body = re.sub(r"\s+", " ", m.group(1))
    parts = re.split(r",\s+(?:and\s+)?|\s+and\s+", body)
    merged: list[str] = []
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if merged and re.fullmatch(rf"{_LEGAL}(?:\s+(?:I|II|III))?", p, re.I):
            merged[-1] = f"{merged[-1]}, {p}"
        else:
            merged.append(p)
    out = []
    base = start + m.start(1)
    for p in merged:
        k = text.find(p.split(",")[0], base)
        out.append((p, (k, k + len(p)) if k >= 0 else (base, base)))
    return out


def _norm_frag(s: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", s.casefold().replace("ı", "i")).strip()


#: Cover-page row labels (as printed, upper case, spacing garbled by extraction): a spelling
#: that contains one is a phrase capture that ran past its end, not a name.
_ROW_LABEL_IN_NAME = re.compile(
    r"CHECK\s+(?:THE\s+)?(?:APPROPRIATE\s+)?(?:BOX\s+)?IF|A\s*G\s*G\s*R\s*E\s*G\s*A\s*T\s*E\s+AMOUNT"
    r"|\bROW\s*\(\s*\d+\s*\)|\bSOLE\s+(?:VOTING|DISPOSITIVE)|\bSHARED\s+(?:VOTING|DISPOSITIVE)"
    r"|\bPERCENT\s+OF\s+CLASS|\bTYPE\s+OF\s+REPORTING|\bNAME\s+OF\s+REPORTING|\bSEC\s+USE\s+ONLY"
    r"|\bCITIZENSHIP\s+OR\s+PLACE|\bSOURCE\s+OF\s+FUNDS|\bBENEFICIALLY\s+OWNED\s+BY"
)
#: A sentence end inside a spelling: a word of two or more lower-case letters (not an
#: abbreviation such as "Ltd", "Inc", "Corp", "Bros") and a full stop, then more words.
#: The text of rows 7-11 ("1,073,554 shares of Common Stock; (ii) …"): never in a name.
_ROW_TEXT_IN_NAME = re.compile(
    r";|\(\s*i{1,3}v?\s*\)|\d{1,3},\d{3}|\bconsisting\s+of\b|\bshares\s+of\b", re.I
)
#: Longer than any party name a cover page states.
_MAX_NAME = 120
_SENTENCE_END_IN_NAME = re.compile(
    r"\b(?!(?:Ltd|Inc|Corp|Bros|Assoc|Mgmt|Intl|Jr|Sr)\.)[A-Za-z]*[a-z]{2}\.\s+\S"
)


def _is_name_like(spelling: str) -> bool:
    """Whether a spelling can be a party's name: no row label, nothing past a sentence end.

    >>> _is_name_like("Wynnefield Partners Small Cap Value, L.P. I")
    True
    >>> _is_name_like("Wynnefield Partners Small Cap Value LP I. CHECK IF TH E AGGRE GATE AMOUNT IN ROW (11)")
    False
    >>> _is_name_like("Nelson Obus. Each of them"), _is_name_like("BlackRock Japan Co. Ltd.")
    (False, True)
    >>> _is_name_like("Wynnefield Partners S Wynnefield Small Cap Value Of ck, consisting of (i)")
    False
    """
    return len(spelling) <= _MAX_NAME and not (
        _ROW_LABEL_IN_NAME.search(spelling)
        or _ROW_TEXT_IN_NAME.search(spelling)
        or _SENTENCE_END_IN_NAME.search(spelling)
    )


def _looks_broken(name: str) -> bool:
    """Whether a row-1 name looks cut or garbled by text extraction: it starts in the middle
    of a word (lower case), holds a dotless i from PDF ligatures, or ends in a lone letter
    that is not a roman numeral.

    >>> [_looks_broken(n) for n in ("artners Sı mall Cap Value LP", "Wynnefield C", "Nelson Obus")]
    [True, True, False]
    """
    n = name.strip()
    return bool(n) and (n[0].islower() or "ı" in n or bool(re.search(r"\s[A-HJ-UWYZ]$", n)))


def _resolve_page_names(
    pages: list[_Page], candidates: list[str], signed: list[str] | None = None
) -> None:
    """Give each page its clean name, resolving broken ones against the filing's spellings.

    ``signed`` (the names in the signature blocks) resolve only a row-1 name that looks
    broken (:func:`_looks_broken`) or is no name (:func:`_is_name_like`): a signature
    block's "Fund II, L.P." never renames an intact row-1 "Fund, L.P.".

    Candidates that are not name-like (:func:`_is_name_like`: a phrase capture that ran into
    a row label or past a sentence end) are never used. A broken name that matches no
    candidate keeps its filed spelling and is flagged (``page.name_unresolved``).
    """
    cand_norm: dict[str, list[str]] = defaultdict(list)
    for c in candidates:
        if c and len(c) > 3 and _is_name_like(c):
            cand_norm[_norm(c)].append(c)
    signed_only: set[str] = set()
    for c in signed or ():
        if c and len(c) > 3 and _is_name_like(c):
            n = _norm(c)
            if n not in cand_norm:
                signed_only.add(n)
            cand_norm[n].append(c)
    taken: set[str] = set()
    pending: list[_Page] = []
    for page in pages:
        n = _norm(page.name_raw) if page.name_raw else ""
        if n and n in cand_norm:
            page.name = page.name_raw
            taken.add(n)
        else:
            pending.append(page)
    # entities only (persons sign individually and are usually clean)
    while pending:
        best: tuple[float, float, _Page, str] | None = None
        for page in pending:
            frag = _norm_frag(page.name_raw)
            if len(frag) < 4:
                continue
            scores = []
            broken = _looks_broken(page.name_raw) or not _is_name_like(page.name_raw)
            words = set(frag.split())
            for cn in cand_norm:
                if cn in taken:
                    continue
                if cn in signed_only and not broken and not words <= set(cn.split()):
                    continue  # an intact row-1 name is only completed by a signature name
                s1 = fuzz.partial_ratio(frag, cn)
                s2 = fuzz.ratio(frag, cn)
                tail = 100.0 if cn.endswith(frag.split()[-1]) else 0.0
                scores.append((s1 * 0.6 + s2 * 0.3 + tail * 0.1, cn))
            scores.sort(reverse=True)
            if not scores:
                continue
            top = scores[0]
            margin = top[0] - (scores[1][0] if len(scores) > 1 else 0)
            if best is None or (top[0], margin) > (best[0], best[1]):
                best = (top[0], margin, page, top[1])
        if best is None or best[0] < 55:
            for page in pending:
                page.name = page.name_raw
                page.name_unresolved = _looks_broken(page.name_raw)
            break
        _s, _m, page, cn = best
        if set(cn.split()) <= set(_norm(page.name_raw).split()):
            page.name = page.name_raw  # a fuller spelling than the candidate: intact
            taken.add(cn)
            pending.remove(page)
            continue
        page.name = _best_spelling(cand_norm[cn])
        page.name_note = (
            f"row 1 name broken by text extraction ({page.name_raw!r}); resolved to "
            f"{page.name!r} against the other spellings in the filing"
        )
        page.notes.append(page.name_note)
        taken.add(cn)
        pending.remove(page)


#: a person's courtesy title before the name, an academic or professional degree after it
_HONORIFIC = re.compile(r"^(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+", re.I)
_DEGREE = re.compile(
    r"(?:,\s*(?:Ph\.?\s?D|M\.?\s?D|Esq|CPA|CFA|J\.?\s?D|M\.?B\.?A|D\.?D\.?S)\.?)+\s*$", re.I
)


@functools.lru_cache(maxsize=8192)
def _bare_person(name: str) -> str:
    """A name without its courtesy title or degree, normalised: "JoMei Chang, Ph.D." ->
    "jomei chang" (a suffix such as "Jr." or "III" names another person and stays)."""
    return _norm(_DEGREE.sub("", _HONORIFIC.sub("", name.strip())))


class _NameIndex:
    """Resolve a spelling seen in the filing to a known party id."""

    def __init__(self, ctx: _Ctx) -> None:
        self.ctx = ctx

    def lookup(self, name: str, *, fuzzy: bool = True) -> str | None:
        n = _norm(name)
        if not n:
            return None
        if n in self.ctx.aliases:
            return self.ctx.aliases[n]
        for pid, spell in self.ctx.spellings.items():
            if any(_norm(s) == n for s in spell):
                return pid
        # the same person with or without a title or degree ("JoMei Chang" signs for
        # "JoMei Chang, Ph.D."; "Dr. Chang"): one party when exactly one matches
        bare = _bare_person(name)
        hit = {
            pid
            for pid, spell in self.ctx.spellings.items()
            if self.ctx.kinds.get(pid) in (None, NodeKind.PERSON)
            and any(_bare_person(s) == bare for s in spell)
        }
        if len(hit) == 1:
            return hit.pop()
        if not fuzzy:
            return None
        best = None
        for pid, spell in self.ctx.spellings.items():
            for s in spell:
                sc = fuzz.ratio(n, _norm(s))
                if sc >= 90 and (best is None or sc > best[0]):
                    best = (sc, pid)
        return best[1] if best else None


def _resolve_owners(
    ctx: _Ctx, page: _Page, pages: list[_Page], page_pid: dict[int, str], idx: _NameIndex
) -> None:
    """Turn "owned by" phrases into owner ids and STATED_POWER links."""
    pid = page_pid[page.index]
    owners: list[str] = []
    # the cleanest phrase first
    for key in sorted(page.owners_raw, key=lambda k: -len(_owner_list(page.owners_raw[k]))):
        names = _owner_list(page.owners_raw[key])
        ids = [idx.lookup(n) for n in names]
        if names and all(ids):
            owners = [i for i in ids if i]
            break
    holders = [pg for pg in pages if not pg.owners_raw and pg.index != page.index]
    if not owners:
        owners = _owners_by_numbers(page, holders, page_pid)
        if owners:
            page.owner_note = (
                "owners named in a phrase garbled by extraction; identified as the holder pages "
                "whose components add up to this page's (within one share per instrument)"
            )
            page.notes.append(page.owner_note)
    page.owner_names = owners
    for key, phrase in page.owners_raw.items():
        power = Power.SOLE if key in ("sole_voting", "sole_dispositive") else Power.SHARED
        if key == "aggregate":
            continue
        if not page.values.get(key):
            continue
        for oid in owners:
            ctx.link(
                pid,
                oid,
                Role.STATED_POWER,
                ctx.p(page.owner_phrase_span.get(key), phrase, page.owner_note),
                power=power,
            )


def _owners_by_numbers(page: _Page, holders: list[_Page], page_pid: dict[int, str]) -> list[str]:
    mine = _by_instrument(_first_components(page))
    if not mine:
        return []
    best: list[str] = []
    for r in range(len(holders), 0, -1):
        for combo in itertools.combinations(holders, r):
            tot: dict[Instrument, float] = defaultdict(float)
            for h in combo:
                for ins, v in _by_instrument(_first_components(h)).items():
                    tot[ins] += v
            if set(tot) == set(mine) and all(abs(tot[i] - mine[i]) <= 1 for i in mine):
                return [page_pid[h.index] for h in combo]
    return best


def _by_instrument(comps: list[Component]) -> dict[Instrument, float]:
    out: dict[Instrument, float] = defaultdict(float)
    for c in comps:
        out[c.instrument] += c.shares
    return dict(out)


# --------------------------------------------------------------------------- links


def _signature_links(
    ctx: _Ctx,
    blocks: list[_SigBlock],
    idx: _NameIndex,
    page_pid: dict[int, str],
    pages: list[_Page],
) -> None:
    """Links stated by signature blocks; conflicting "By:" statements become findings."""
    text = ctx.text
    # who acts for whom, with a capacity, in the filing's own signature blocks
    stated: dict[str, set[str]] = defaultdict(set)
    for b in blocks:
        if b.context == "letter":
            continue
        for ent in b.entities:
            eid = idx.lookup(ent) or ctx.party(_title_case_if_caps(ent))
            for who, cap, _sp in b.by[:1]:
                if cap and "/s/" not in who:
                    wid = idx.lookup(who) or ctx.party(who)
                    stated[eid].add(wid)
    managed = re.search(r"funds\s+managed\s+by\s+([A-Z][\w.,& ]+?(?:Inc\.|LLC|L\.P\.|Ltd\.))", text)
    for b in blocks:
        phrase_block = re.sub(r"\s*\n\s*", " ", text[b.span[0] : b.span[1]])
        ents = [idx.lookup(e) or ctx.party(_title_case_if_caps(e)) for e in b.entities]
        for e, raw in zip(ents, b.entities, strict=False):
            ctx.spellings[e].append(raw)
        chain: list[tuple[str, str | None, tuple[int, int]]] = [
            (idx.lookup(w) or ctx.party(w), cap, sp) for w, cap, sp in b.by if "/s/" not in w
        ]
        for (w, _c, _s), (raw, _c2, _s2) in zip(
            chain, [x for x in b.by if "/s/" not in x[0]], strict=False
        ):
            ctx.spellings[w].append(raw)
        signer_id = None
        if b.signer and _role_of(b.capacity):
            signer_id = idx.lookup(b.signer) or ctx.party(b.signer, kind=NodeKind.PERSON)
            ctx.kinds.setdefault(signer_id, NodeKind.PERSON)
        prov = ctx.p(b.span, phrase_block)
        # entity <- first By:
        below = ents
        if not ents and not chain and signer_id is not None and b.context == "signature":
            # a lone signer under the signature of a one-filer statement signs for that
            # filer ("By /s/ F. William McNabb III" / "President and Chief Executive
            # Officer" under The Vanguard Group's 13G)
            filers = set(page_pid.values())
            if len(filers) == 1 and signer_id not in filers:
                (only,) = filers
                if ctx.kinds.get(only) != NodeKind.PERSON and "IN" not in ctx.type_codes.get(
                    only, ()
                ):
                    below = [only]
        for w, cap, _sp in chain:
            role = _role_of(cap)
            for e in below:
                if role is not None:
                    if b.context != "letter" or w in stated.get(e, set()):
                        ctx.link(w, e, role, prov, power=_power_of(cap))
                    continue
                # no capacity: conflicting with a stated capacity, or role from evidence
                if stated.get(e) and w not in stated[e]:
                    other = sorted(stated[e])
                    names = ", ".join(_best_spelling(ctx.spellings[o]) for o in other)
                    ctx.finding(
                        "conflicting_statements",
                        Severity.WARNING,
                        f"{_best_spelling(ctx.spellings[e])} acts 'By: {_best_spelling(ctx.spellings[w])}' "
                        f"here, but 'By: {names}' with a stated capacity in the signature blocks",
                        key=f"{e}:{w}",
                        expected=names,
                        found=_best_spelling(ctx.spellings[w]),
                        subjects=(e, w, *other),
                        evidence=(
                            prov,
                            *[
                                q
                                for o in other
                                for q in ctx.links.get((o, e, Role.GENERAL_PARTNER), {}).get(
                                    "prov", []
                                )[:1]
                            ],
                        ),
                    )
                    continue
                if managed and idx.lookup(managed.group(1)) == w:
                    ev = ctx.p(
                        (managed.start(), managed.end()),
                        managed.group(0),
                        "no capacity in the signature block; investment manager from 'funds managed by'",
                    )
                    ctx.link(w, e, Role.INVESTMENT_MANAGER, prov)
                    ctx.link(w, e, Role.INVESTMENT_MANAGER, ev)
                # else: "By: Levante Services Limited" with no capacity (or a capacity
                # that is no control role, "Director") states no link (convention 2)
            below = [w]
        steps = capacity_chain(b.capacity) if b.signer else []
        ids = [idx.lookup(e) for _p, _r, e in steps]
        if steps and all(ids) and b.context != "letter":
            if signer_id is None:  # "individually and as ...": the words say the role
                signer_id = idx.lookup(b.signer) or ctx.party(b.signer, kind=NodeKind.PERSON)
                ctx.kinds.setdefault(signer_id, NodeKind.PERSON)
            # "John Doe, as Managing Member of Alpha GP, LLC, for itself and as the General
            # Partner of Alpha Fund, L.P.": each step a link, the entities named elsewhere
            actor = signer_id
            for (prev, role, _e), eid in zip(steps, ids, strict=True):
                src = actor if prev else signer_id
                if eid and src and ctx.kinds.get(eid) != NodeKind.ISSUER:
                    ctx.link(src, eid, role, prov, power=_power_of(b.capacity))
                actor = eid
            continue
        if signer_id is not None:
            role = _role_of(b.capacity)
            assert role is not None
            for e in below:
                if b.context == "letter" and not chain and not stated.get(e):
                    pass
                if ctx.kinds.get(e) == NodeKind.ISSUER:
                    continue  # the issuer's officer signing an agreement: not a link (12)
                ctx.link(signer_id, e, role, prov, power=_power_of(b.capacity))


_N = r"(?<![\w&'\-])[A-Z][\w&'\-]*(?:[ ,]+(?:[A-Z(][\w&'().\-]*|of|and|de|du|the|&(?= [A-Z])))*?"
_LF = r"(?:,?\s(?:L\.P\.|LP|L\.L\.C\.|LLC|Inc\.|Ltd\.|Limited|Company|Corporation|Corp\.|N\.A\.)(?:\s(?:I|II|III))?)"
_ALIAS = r"(?:\s?\((?:the\s)?\"(?P<{}>[^\"]{{2,30}})\"\))?"

#: The one phrase pattern left beside the grammar: "X ("X1"), a wholly-owned subsidiary of Y"
#: read over the whole text (an appendix after the signatures too). The other phrase
#: patterns (one per dev phrasing: "is the managing member of", "which serves as general
#: partner to", ...) are the grammar's constructions; their name runs joined two sentences
#: or a list into one party ("Alpha Fund, L.P., and Jane Roe").
_PROSE_PATTERNS: list[tuple[re.Pattern[str], Role, str]] = [
    (
        re.compile(
            rf"(?P<a>{_N}{_LF}?){_ALIAS.format('aalias')},\san?\swholly[- ]owned\ssubsidiary\sof\s"
            rf"(?P<b>{_N}{_LF})"
        ),
        Role.PARENT,
        "b>a",
    ),
]
#: A name introducing an alias: ``Wynnefield Partners Small Cap Value, L.P. ("Partners")``.
_ALIAS_DEF = re.compile(
    rf"(?P<name>{_N}{_LF}?)(?:,\san?\s[^(\"]{{3,120}}?)?\s?\((?:the\s)?\"(?P<alias>[^\"]{{2,30}})\"\)"
)

# Each prose pattern (and ``_ALIAS_DEF``) is a run of name words (``_N``, ``_LF``, the
# "members" list), then at most ``reach`` characters (a ", a ..." description of up to 120
# characters, a ("Alias")), then a fixed phrase that every match contains (the anchor).
# Searching the whole flat text from every capitalised word is quadratic in the length of
# runs of capitalised words; instead each match is looked for only from the last word that
# no name can contain (see :func:`_finditer_near`) up to each anchor.
_PROSE_ANCHORS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r",\san?\swholly[- ]owned\ssubsidiary\sof\s"), 48),
]
_ALIAS_ANCHOR = (re.compile(r"\((?:the\s)?\""), 134)
#: A maximal run of non-separator characters that cannot be a word inside a name: not
#: ``[A-Z(][\w&'().\-]*`` and not one of the small words ``_N`` allows.
_NOT_NAME_WORD = re.compile(
    r"(?<![^ ,])(?!(?:[A-Z(][\w&'().\-]*|of|and|de|du|the|&)(?![^ ,]))[^ ,]+"
)


class _Barriers:
    """Where name runs break in a flat text: the words no name can contain."""

    def __init__(self, flat: str) -> None:
        self.flat = flat

    def floor(self, x: int) -> int:
        """The earliest start of a name run that goes on past ``x``.

        A name is words separated by spaces and commas; every word but its first (which
        may begin inside a run, after a "(") and its last is a whole run and a name word.
        So a name reaching ``x`` starts at or after the last non-name word ending before
        ``x``. Looked for in growing windows before ``x`` (a word straddling a window's
        start is not seen there; one found inside comes after it anyway).
        """
        if x <= 0:
            return 0
        width = 256
        while True:
            lo = max(0, x - width)
            last = None
            for m in _NOT_NAME_WORD.finditer(self.flat, lo, x + 1):
                if m.end() <= x - 1:
                    last = m
            if last is not None:
                return last.start()
            if lo == 0:
                return 0
            width *= 4


def _finditer_near(
    rx: re.Pattern[str], anchor: re.Pattern[str], reach: int, flat: str, bars: _Barriers
) -> Iterator[re.Match[str]]:
    """``rx.finditer(flat)``, trying only the positions from which a match can reach an anchor.

    A match starting at ``p`` contains an anchor at ``q >= p`` whose name part ends at or
    after ``q - reach``, so ``p >= bars.floor(q - reach)``, and that floor only grows with
    ``q``. Positions are tried in order with ``rx.match`` (which sees the text before
    ``p`` for lookbehinds, as a search does), so the matches are exactly finditer's:
    leftmost first, resuming at each match's end. None of these patterns matches empty.
    """
    pos = 0
    while True:
        a = anchor.search(flat, pos)
        if a is None:
            return
        q = a.start()
        m = None
        for p in range(max(pos, bars.floor(q - reach)), q + 1):
            m = rx.match(flat, p)
            if m is not None:
                break
        if m is None:
            pos = q + 1
            continue
        yield m
        pos = m.end()


_NOT_ALIASES = {
    "issuer",
    "company",
    "stock",
    "common stock",
    "act",
    "shares",
    "securities",
    "filers",
    "reporting persons",
    "note",
    "spa",
    "agreement",
    "holder",
}


class _FlatOffsets:
    """Map an index of a flattened text back to the text (see :func:`_flatten`)."""

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end
        self.flat_at: list[int] = []  # flat index of each collapsed run (2+ characters)
        self.run_start: list[int] = []  # where that run starts in the text
        self.shift: list[int] = []  # text index - flat index just after that run

    def __getitem__(self, i: int) -> int:
        k = bisect.bisect_right(self.flat_at, i) - 1
        if k < 0:
            return self.start + i
        if i == self.flat_at[k]:
            return self.run_start[k]
        return i + self.shift[k]

    def __len__(self) -> int:
        return self.end - self.start - (self.shift[-1] - self.start if self.shift else 0) + 1


_WS_RUNS_2 = re.compile(r"\s{2,}")


def _flatten(text: str, start: int) -> tuple[str, _FlatOffsets]:
    """Collapse whitespace runs to one space; map each flat index back to the text.

    >>> flat, offs = _flatten("a \\n b", 0)
    >>> flat, [offs[i] for i in range(len(offs))]
    ('a b', [0, 1, 4, 5])
    """
    flat = _WS_RUN.sub(" ", text[start:])
    offs = _FlatOffsets(start, len(text))
    removed = start
    for m in _WS_RUNS_2.finditer(text, start):
        a, b = m.span()
        offs.flat_at.append(a - removed)
        offs.run_start.append(a)
        removed += b - a - 1
        offs.shift.append(removed)
    return flat, offs


def _strip_period(name: str) -> str:
    """Drop a sentence full stop after a name, keeping abbreviations ("L.P.", "Inc.").

    >>> _strip_period("Centaurus Capital LP."), _strip_period("HBK Partners II L.P.")
    ('Centaurus Capital LP', 'HBK Partners II L.P.')
    """
    name = name.strip()
    if name.endswith(".") and not re.search(
        r"(?:\b[A-Za-z]\.[A-Za-z]\.|\b(?:Inc|Ltd|Co|Corp|Jr|Sr|N\.A)\.)$", name
    ):
        return name[:-1]
    return name


def _last_sentence(name: str) -> str:
    """'LLC. Ephraim Fields' -> 'Ephraim Fields' (a lazy name match that crossed a sentence)."""
    parts = re.split(r"(?<=[a-z)]\.)\s(?=[A-Z])|(?<=[A-Z]{2}\.)\s(?=[A-Z][a-z])", name)
    return parts[-1].strip(" ,")


def _prose_links(ctx: _Ctx, text: str, body_start: int, idx: _NameIndex) -> None:
    """Links stated in Items and footnotes, with aliases ("Investments", "CCL") resolved."""
    flat, offs = _flatten(text, body_start)
    alias_names: dict[str, str] = {}
    bars = _Barriers(flat)
    for m in _finditer_near(_ALIAS_DEF, *_ALIAS_ANCHOR, flat, bars):
        alias = m.group("alias").strip()
        if alias.casefold() in _NOT_ALIASES:
            continue
        name = _last_sentence(m.group("name"))
        name = re.sub(r"^(?:This statement is filed by|by|and|of|with|the)\s", "", name, flags=re.I)
        if len(name.split()) < 2 or ")" in name.split()[0]:
            continue
        alias_names.setdefault(_norm(alias), name)

    def rid(name: str | None, alias: str | None = None) -> str | None:
        if alias and _norm(alias) in alias_names:
            name = alias_names[_norm(alias)]
        if not name:
            return None
        name = _strip_period(_last_sentence(re.sub(r"\s+", " ", name).strip(" ,")))
        name = re.sub(
            r"^(?:(?:Reference|Appendix|Exhibit|Schedule|Annex)\s+(?:[A-Z0-9][\w.\-]{0,5}\s+)?)+",
            "",
            name,
        )
        name = (
            re.sub(r"^(?:its|the)\s+", "", name, flags=re.I)
            if not name.startswith("The ") or " " not in name[4:]
            else name
        )
        if name.casefold() in _NOT_ALIASES:
            return None
        if _norm(name) in alias_names:
            name = alias_names[_norm(name)]
        pid = idx.lookup(name)
        if pid is None and len(name) > 3 and name[0].isupper():
            pid = ctx.party(name)
        return pid

    def prov_of(m: re.Match[str]) -> Provenance:
        return ctx.p((offs[m.start()], offs[m.end()]), m.group(0))

    for (rx, role, _mode), (anchor, reach) in zip(_PROSE_PATTERNS, _PROSE_ANCHORS, strict=True):
        for m in _finditer_near(rx, anchor, reach, flat, bars):
            gd = m.groupdict()
            a = rid(gd["a"], gd.get("aalias"))
            b = rid(gd["b"], gd.get("balias"))
            if a and b:
                ctx.link(b, a, role, prov_of(m))
    subsidiary_links(ctx, text, body_start, idx)


_LINE_BREAK = re.compile(r"(?<![\n\r])\r?\n(?![\r\n])")


_FOOTNOTE_PARENT = re.compile(
    r"(?:an?\s+)?(?:division|(?:(?:wholly|majority)[\s-]*owned\s+)?subsidiary)\s+of\s+(?:the\s+)?"
    r"(?P<parent>[A-Z][^;()\n]{2,100}?)\s*\.?\s*$",
    re.I,
)


def _grammar_links(
    ctx: _Ctx,
    text: str,
    start: int,
    issuer_id: str,
    reporting: list[str],
    marked: list[tuple[str, str]] | None = None,
) -> None:
    """Links the relation grammar (:mod:`loaders.sec_grammar`) reads in the cover-page
    footnotes, the Items and the short exhibits (:func:`loaders.sec_sections.grammar_spans`).

    The book knows every party found so far with its spellings; "the Company" and "the
    Issuer" are the issuer; a party named only in the text becomes a party. A stated-power
    link that a chain of stated links already explains is dropped (no link skips an
    intermediate the text names).
    """
    book = NameBook(issuer_key=issuer_id)
    for pid, spell in list(ctx.spellings.items()):
        uniq = list(dict.fromkeys(s for s in spell if s and len(s) > 2))
        name = ctx.primary.get(pid) or (uniq[0] if uniq else None)
        if not name or any(s.casefold().strip(" .") in _NOT_ALIASES for s in uniq):
            continue  # "Company" (found by an older rule) is the issuer's defined term
        book.add_party(
            pid,
            name,
            person=ctx.kinds.get(pid) == NodeKind.PERSON,
            # one spelling per normalised form (the name patterns allow the rest)
            spellings=list(
                {_norm(s): s for s in reversed(uniq) if _norm(s) != _norm(name)}.values()
            )[:24],
        )
    for term in ("Company", "Issuer"):
        book.add_alias(term, (issuer_id,))
    if len(set(reporting)) == 1:
        book.add_alias("Reporting Person", (reporting[0],))
    spans = grammar_spans(text, start)
    # a line break inside a paragraph is a space (same length: spans stay true)
    chunks = [_LINE_BREAK.sub(" ", text[a:b]).replace("\t", " ") for a, b in spans]
    for chunk in chunks:
        define_terms(chunk, book)
        bare_terms(chunk, book)  # "Capital International Limited (CIL)"
    found = []
    for (a, _b), chunk in zip(spans, chunks, strict=True):
        for sl in extract_links(chunk, book):
            found.append((sl, a))
        for sh in [*stated_holdings(chunk, book), *owned_respectively(chunk, book)]:
            if sh.shares is None and _holder_one_of_several(chunk, sh.span[1]):
                continue
            if sh.holder not in ctx.spellings:
                ctx.party(book.names[sh.holder], pid=sh.holder)
            span = (a + sh.span[0], a + sh.span[1])
            ctx.stated.append((sh.holder, sh.shares, ctx.p(span, sh.phrase, "holding stated")))
        ctx.breakdowns.extend((a, bd) for bd in breakdowns(chunk, book))
    # a cover-page name with a footnote marker ("Capital Research Global Investors **")
    # and its footnote ("** A division of Capital Research and Management Company"): the
    # footnote is read as an apposition to the name
    for pid, marker in marked or []:
        rx = re.compile(rf"^[ \t]*{re.escape(marker)}[ \t]*(?P<note>[A-Za-z][^\n]{{5,300}})$", re.M)
        name = ctx.primary.get(pid) or ""
        for fm in rx.finditer(text, start):
            note = fm.group("note").strip()
            if not name or _norm(name) in _norm(note):
                continue
            sentence = f"{name}, {note[0].lower()}{note[1:]}"
            pm = _FOOTNOTE_PARENT.match(note)
            if pm:  # the rest of the note names the parent ("... Research and Management Company")
                book.key_for_text_name(pm.group("parent").strip(" ,."))
            for sl in extract_links(sentence, book):
                if pid in (sl.controller, sl.controlled):
                    moved = dataclasses.replace(
                        sl,
                        span=(fm.start("note") - fm.start(), fm.end() - fm.start()),
                        phrase=f"{marker} {note}",
                    )
                    found.append((moved, fm.start()))
            break
    generic = {
        pid
        for pid, spell in ctx.spellings.items()
        if any(s.casefold().strip(" .") in _NOT_ALIASES for s in spell)
    } - {issuer_id}
    found = [(sl, a) for sl, a in found if not {sl.controller, sl.controlled} & generic]
    for sl, _a in found:
        for key in (sl.controller, sl.controlled):
            if key not in ctx.spellings:
                ctx.party(book.names[key], pid=key)
    structural: dict[str, set[str]] = defaultdict(set)
    for c, d, role in ctx.links:
        if role is not Role.STATED_POWER:
            structural[c].add(d)
    for sl, _a in found:
        if sl.role is not Role.STATED_POWER:
            structural[sl.controller].add(sl.controlled)

    def reaches(c: str, d: str) -> bool:
        seen, todo = {c}, [c]
        while todo:
            for n in structural.get(todo.pop(), ()):
                if n == d:
                    return True
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        return False

    for sl, a in found:
        if sl.role is Role.STATED_POWER and reaches(sl.controller, sl.controlled):
            continue
        prov = ctx.p(
            (a + sl.span[0], a + sl.span[1]), sl.phrase, f"role stated as {sl.role_text!r}"
        )
        ctx.link(
            sl.controller,
            sl.controlled,
            sl.role,
            prov,
            power=sl.power,
            voting=sl.voting,
            investment=sl.investment,
            share=sl.share,
            details=f"role as printed: {sl.role_text}",
        )


# --------------------------------------------------------------------------- holdings


def _lowest_pages(ctx: _Ctx, pages: list[_Page], page_pid: dict[int, str]) -> list[_Page]:
    """The reporting person recorded as holder when the filing does not say who holds."""
    if not pages:
        return []
    controlled = {ctld for (_c, ctld, role) in ctx.links if role.structural}

    def key(pg: _Page) -> tuple[float, int]:
        agg = pg.values.get("aggregate") or max((pg.values.get(k) or 0) for k in _ROWS)
        return (agg, 0 if page_pid[pg.index] in controlled else 1)

    return [min(pages, key=key)]


_HOLDER_SAID = re.compile(
    r"(?:directly\s+owned\s+by|held\s+by\s+the\s+clients\s+of|prime\s+brokerage\s+accounts\s+of|"
    r"on\s+behalf\s+of\s+(?:its\s+)?clients|clients\s+have\s+the\s+right)[^.]{0,120}",
    re.I,
)


def _holder_said(body: str) -> re.Match[str] | None:
    """``_HOLDER_SAID.search(body)``, tried only where one of its first words is."""
    low = _fold(body)
    starts = [i for w in ("directly", "held", "prime", "clients") for i in _occurrences(low, w)]
    for j in _occurrences(low, "behalf"):  # "on\s+behalf"
        k = j
        while k > 0 and low[k - 1].isspace():
            k -= 1
        if k < j and low[k - 2 : k] == "on":
            starts.append(k - 2)
    return _first_match_at(_HOLDER_SAID, body, starts)


def _holder_note(ctx: _Ctx, text: str, body_start: int) -> str:
    m = _holder_said(text[body_start:])
    base = (
        "the filing does not say how the shares are held among those named; the lowest "
        "reporting person is recorded as holding its aggregate"
    )
    if m:
        said = re.sub(r"\s+", " ", m.group(0)).strip()
        return base + f" (the text says: {said!r})"
    return base


def _text_holdings(
    ctx: _Ctx, pages: list[_Page], page_pid: dict[int, str], sec_id: str, as_of: Any
) -> list[Holding]:
    """Holdings the Items state per holder ("PWIMF holds 527,194 Common Shares and PWPI
    holds 112,466"; "All shares are held of record by LVPII"), when they account for the
    filers' reported shares (their sum is the largest aggregate on the cover pages, within
    one share per holder): each holder, a reporting person or a fund named only in the
    text, holds what the text says. Otherwise (counts of other dates or classes) none.
    """
    top = max((pg.values.get("aggregate") or 0 for pg in pages), default=0)
    if not ctx.stated or not top:
        return []
    aggregates = {
        page_pid[pg.index]: pg.values["aggregate"] for pg in pages if pg.values.get("aggregate")
    }
    cands: dict[str, list[tuple[float, Provenance]]] = defaultdict(list)
    for pid, shares, prov in ctx.stated:
        if _holder_owns_through(ctx, aggregates, pid, shares, prov):
            continue
        v = top if shares is None else shares
        if v <= top + 1 and v not in [c for c, _p in cands[pid]]:
            cands[pid].append((v, prov))
    # one count per holder (the text may give a holder's count at several dates), the
    # counts adding up to the filers' shares; the latest statement first
    per = _counts_adding_up(cands, top)
    if per is None:
        # a holder said to own the whole count ("X beneficially owns 2,094,365 shares") over
        # holders whose counts add up to it ("each of which directly owns 846,208 shares,
        # ..."): the whole is the others' shares, held through them
        whole = {pid for pid, c in cands.items() if all(abs(v - top) <= 1 for v, _p in c)}
        rest = {pid: c for pid, c in cands.items() if pid not in whole}
        if whole and len(rest) >= 2:
            per = _counts_adding_up(rest, top)
    if per is None and all(pid in ctx.type_codes for pid in cands):
        # filers with no group total (each cover page its own shares), each holder one of
        # them: every cover page's aggregate is the sum of some of the stated counts, and
        # every count is in one
        per = _counts_explaining_pages(cands, pages)
    if per is None or _holder_unlinked(ctx, per):
        return []
    out = []
    for pid, (v, prov) in per.items():
        if ctx.kinds.get(pid) in (None, NodeKind.ENTITY, NodeKind.UNKNOWN):
            ctx.kinds[pid] = NodeKind.FUND
        out.append(common_holding(ctx.doc_id, pid, sec_id, v, as_of, (prov,)))
    return out


def _counts_adding_up(
    cands: dict[str, list[tuple[float, Provenance]]], top: float
) -> dict[str, tuple[float, Provenance]] | None:
    """One count per holder (the latest statement first) such that they add up to ``top``
    within one share per holder; ``None`` when no choice does."""
    options = [list(reversed(c)) for c in cands.values()]
    for combo in itertools.islice(itertools.product(*options), 4096):
        if abs(sum(v for v, _p in combo) - top) <= len(combo):
            return dict(zip(cands, combo, strict=True))
    return None


def _counts_explaining_pages(
    cands: dict[str, list[tuple[float, Provenance]]], pages: list[_Page]
) -> dict[str, tuple[float, Provenance]] | None:
    """One count per holder such that each cover page's aggregate is the sum of some of the
    counts (within one share per count) and each count is in such a sum; ``None`` when no
    choice does (two or more holders, at most ten)."""
    aggs = {pg.values.get("aggregate") or 0 for pg in pages} - {0}
    if not aggs or not 2 <= len(cands) <= 10:
        return None
    options = [list(reversed(c)) for c in cands.values()]
    for combo in itertools.islice(itertools.product(*options), 64):
        sums: dict[int, float] = {}  # subset (bit mask) -> sum
        for i, (v, _p) in enumerate(combo):
            sums.update({mask | 1 << i: t + v for mask, t in list(sums.items())})
            sums[1 << i] = v
        used = 0
        for agg in aggs:
            fits = [m for m, t in sums.items() if abs(t - agg) <= m.bit_count()]
            if not fits:
                break
            for m in fits:
                used |= m
        else:
            if used == (1 << len(combo)) - 1:
                return dict(zip(cands, combo, strict=True))
    return None


def _holdings_of(
    ctx: _Ctx,
    page: _Page,
    pid: str,
    sec_id: str,
    as_of: Any,
    note: str | None,
    *,
    nothing_owned: bool = False,
) -> list[Holding]:
    comps = page.components.get("aggregate") or _first_components(page)
    span = (page.start, page.end)
    if "aggregate" in page.rows:
        span = (page.rows["aggregate"].start, page.rows["aggregate"].end)
    rows = []
    if comps:
        pairs = [(c.instrument, c.shares) for c in comps]
    else:
        total = page.values.get("aggregate")
        if total is None:
            total = max((page.values.get(k) or 0) for k in _ROWS) or None
        if not total and not (nothing_owned and page.values.get("aggregate") == 0):
            return []
        total = total or 0.0
        pairs = [(Instrument.COMMON, total)]
    seen: dict[Instrument, float] = defaultdict(float)
    for ins, v in pairs:
        seen[ins] += v
    for ins, v in seen.items():
        rows.append(
            Holding(
                id=make_id("holding", ctx.doc_id, pid, sec_id, ins),
                document_id=ctx.doc_id,
                holder_id=pid,
                security_id=sec_id,
                instrument=ins,
                shares=v,
                as_of=as_of,
                right_to_acquire=ins.is_right_to_acquire,
                derivative=ins.is_right_to_acquire,
                title=_INSTRUMENT_TITLE.get(ins),
                provenance=(
                    ctx.p(
                        span, f"{int(v):,} shares ({ins.value}) on {page.name}'s cover page", note
                    ),
                ),
            )
        )
    return rows


_INSTRUMENT_TITLE = {
    Instrument.COMMON: "Common Stock",
    Instrument.CONVERTIBLE: "Common Stock issuable upon conversion",
    Instrument.WARRANT: "Common Stock issuable upon exercise of warrants",
}


# --------------------------------------------------------------------------- findings


def _component_findings(ctx: _Ctx, pages: list[_Page], page_pid: dict[int, str]) -> None:
    """Components vs stated totals; an upper page vs the union of what it says it covers."""
    by_pid = {page_pid[p.index]: p for p in pages}
    for page in pages:
        pid = page_pid[page.index]
        for key, comps in page.components.items():
            total = page.values.get(key)
            s = sum(c.shares for c in comps)
            if total is not None and comps and abs(s - total) > 0.5:
                ctx.finding(
                    "components_sum",
                    Severity.WARNING,
                    f"{page.name}: row {_ROW_NO[key]} components add to {s:,.0f}, total filed {total:,.0f}",
                    key=f"{pid}:{key}:self",
                    expected=s,
                    found=total,
                    subjects=(pid,),
                    evidence=(ctx.p((page.rows[key].start, page.rows[key].end)),),
                )
        if not page.owner_names:
            continue
        mine = _by_instrument(_first_components(page))
        union: dict[Instrument, float] = defaultdict(float)
        union_total = 0.0
        covered = [by_pid[o] for o in page.owner_names if o in by_pid]
        for h in covered:
            for ins, v in _by_instrument(_first_components(h)).items():
                union[ins] += v
            union_total += h.values.get("aggregate") or 0.0
        owners = " + ".join(h.name or "" for h in covered)
        for ins, v in mine.items():
            if ins in union and abs(union[ins] - v) > 0.5:
                ctx.finding(
                    "components_sum",
                    Severity.WARNING,
                    f"{page.name} reports {v:,.0f} shares ({ins.value}); the holdings it says it covers "
                    f"({owners}) add to {union[ins]:,.0f}",
                    key=f"{pid}:{ins.value}:union",
                    expected=union[ins],
                    found=v,
                    subjects=(pid, *page.owner_names),
                    evidence=(ctx.p((page.start, page.end)),),
                )
        agg = page.values.get("aggregate")
        if agg is not None and covered and abs(union_total - agg) > 0.5:
            ctx.finding(
                "components_sum",
                Severity.WARNING,
                f"{page.name} reports an aggregate of {agg:,.0f}; the holdings it says it covers "
                f"({owners}) add to {union_total:,.0f}",
                key=f"{pid}:total:union",
                expected=union_total,
                found=agg,
                subjects=(pid, *page.owner_names),
                evidence=(
                    ctx.p((page.rows["aggregate"].start, page.rows["aggregate"].end))
                    if "aggregate" in page.rows
                    else ctx.p(),
                ),
            )


def _jfa_findings(
    ctx: _Ctx,
    jfa: list[tuple[str, tuple[int, int]]],
    pages: list[_Page],
    page_pid: dict[int, str],
    blocks: list[_SigBlock],
    idx: _NameIndex,
) -> None:
    """Joint filing agreement parties vs reporting persons (missing, renamed)."""
    if not jfa:
        return
    rp = {page_pid[p.index]: p for p in pages}
    listed: dict[str, tuple[str, tuple[int, int]]] = {}
    unmatched: list[tuple[str, tuple[int, int]]] = []
    for name, span in jfa:
        pid = idx.lookup(name, fuzzy=False)
        if pid in rp and pid not in listed:
            listed[pid] = (name, span)
            cover = {_norm(x) for x in (rp[pid].name_raw, rp[pid].name) if x}
            if _norm(name) not in cover:
                shown = rp[pid].name_raw if not rp[pid].name_note else rp[pid].name
                ctx.finding(
                    "joint_filing_parties",
                    Severity.WARNING,
                    f"the joint filing agreement names {name!r}, which the cover page calls {shown!r}",
                    key=f"renamed:{pid}",
                    expected=shown,
                    found=name,
                    subjects=(pid,),
                    evidence=(ctx.p(span, name),),
                )
        else:
            unmatched.append((name, span))
    # renamed: resolve the rest against the reporting persons not yet listed
    for name, span in unmatched:
        rest = [p for p in rp if p not in listed]
        if not rest:
            break
        scored = sorted(
            ((fuzz.token_set_ratio(_norm(name), _norm(rp[p].name or "")), p) for p in rest),
            reverse=True,
        )
        sc, pid = scored[0]
        if sc < 70 or (len(scored) > 1 and scored[1][0] > sc - 5):
            continue  # no close spelling, or two alike ("Vieco US": "Vieco USA" / "Vieco 10")
        listed[pid] = (name, span)
        ctx.spellings[pid].append(name)
        cover = rp[pid].name_raw or rp[pid].name
        ctx.finding(
            "joint_filing_parties",
            Severity.WARNING,
            f"the joint filing agreement names {name!r}, which the cover page calls {cover!r}",
            key=f"renamed:{pid}",
            expected=cover,
            found=name,
            subjects=(pid,),
            evidence=(ctx.p(span, name),),
        )
    jfa_signers = {idx.lookup(e) for b in blocks if b.context == "jfa" for e in b.entities} | {
        idx.lookup(b.signer) for b in blocks if b.context == "jfa" and b.signer and not b.entities
    }
    for pid in rp:
        if pid in listed:
            continue
        signs = pid in jfa_signers
        ctx.finding(
            "joint_filing_parties",
            Severity.WARNING,
            f"{_best_spelling(ctx.spellings[pid])} is a reporting person but is not listed in the joint filing agreement"
            + (" (although it signs it)" if signs else ""),
            key=f"missing:{pid}",
            expected=sorted(p.name or "" for p in rp.values()),
            found=[n for n, _s in jfa],
            subjects=(pid,),
            evidence=(ctx.p((jfa[0][1][0], jfa[-1][1][1]), "; ".join(n for n, _s in jfa)),),
        )


_ITEM5_SHARED = re.compile(
    r"shared\s+power\s+to\s+vote\s+(?:or\s+direct\s+the\s+vote\s+)?and\s+dispose\s+of\s+([\d,]+)",
    re.I,
)


def _item5_findings(ctx: _Ctx, text: str, pages: list[_Page], page_pid: dict[int, str]) -> None:
    """Item 5(b) stating shared power where every cover page leaves the shared rows blank."""
    m = _first_match_at(_ITEM5_SHARED, text, _occurrences(_fold(text), "shared"))
    if not m:
        return
    shares = parse_number(m.group(1))
    for page in pages:
        if (
            page.values.get("shared_voting") is None
            and page.values.get("shared_dispositive") is None
        ):
            pid = page_pid[page.index]
            ctx.finding(
                "conflicting_statements",
                Severity.WARNING,
                f"Item 5(b) states shared power over {shares:,.0f} shares, but "
                f"{_best_spelling(ctx.spellings[pid], ctx.primary.get(pid))}'s rows 8 and 10 are blank",
                key=f"item5b:{pid}",
                expected=shares,
                found=None,
                subjects=(pid,),
                evidence=(ctx.p((m.start(), m.end()), re.sub(r"\s+", " ", m.group(0))),),
            )


def _outstanding(text: str, body_start: int) -> tuple[float | None, Any]:
    """Shares outstanding when the filing states them ("... of the 9,600,000 shares ... outstanding")."""
    rx = re.compile(
        r"(?P<n>\d{1,3}(?:,\d{3}){2,})\s+(?:shares|Shares)\s+of\s+(?:the\s+)?(?:[\w']+\s+){0,3}?"
        r"(?:common\s+stock|Common\s+Stock|common\s+shares|Shares)(?:\s+of\s+the\s+\w+)?[\s,]*"
        r"(?:(?:issued\s+and\s+)?outstanding)(?:\s+as\s+of\s+(?P<d>[A-Z][a-z]+\s+\d{1,2},\s+\d{4}))?"
    )
    m = rx.search(text, body_start)
    if not m:
        return None, None
    d = None
    if m.group("d"):
        try:
            d = parse_date(m.group("d"))
        except ValueError:
            d = None
    return parse_number(m.group("n")), d


def parse_text(text: str, *, path: str = "<text>") -> ParsedDocument:
    """Parse a submission given as text (a convenience for tests and tools)."""
    return parse(io.BytesIO(text.encode("utf-8")), path=path)
