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

Modules: the parse state (:mod:`loaders.sec_legacy_ctx`), cover rows
(:mod:`loaders.sec_cover_rows`), page names and owners (:mod:`loaders.sec_page_names`),
signature and grammar links (:mod:`loaders.sec_legacy_links`), prose aliases
(:mod:`loaders.sec_prose_aliases`), holders (:mod:`loaders.sec_legacy_holdings`) and
findings (:mod:`loaders.sec_legacy_findings`); this module reads the title page and
assembles the records.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import re
from typing import IO

from ownergraph.graph.clean import parse_date, sha256_bytes
from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import (
    document_id,
    make_id,
    normalize_cik,
    normalize_cusip,
    security_id,
)
from ownergraph.graph.model import (
    Document,
    Holding,
    Link,
    ParsedDocument,
    Party,
    ReportedPosition,
    Security,
    Share,
)
from ownergraph.graph.vocab import (
    EdgeKind,
    NodeKind,
    Role,
    Severity,
)
from ownergraph.loaders.sec_class_lines import cusip_line_for, first_class_title
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
from ownergraph.loaders.sec_cover_rows import _first_components, _read_page
from ownergraph.loaders.sec_holders import (
    _holder_all_by_term,
    _holder_breakdowns,
    _holder_counts_agree,
    _holder_pages_nested,
)
from ownergraph.loaders.sec_legacy_ctx import FORMAT, _Ctx, _norm
from ownergraph.loaders.sec_legacy_findings import (
    _component_findings,
    _item5_findings,
    _jfa_findings,
)
from ownergraph.loaders.sec_legacy_holdings import (
    _holder_note,
    _holdings_of,
    _lowest_pages,
    _text_holdings,
)
from ownergraph.loaders.sec_legacy_links import _grammar_links, _signature_links
from ownergraph.loaders.sec_legacy_outstanding import _outstanding
from ownergraph.loaders.sec_lexicon import _fold
from ownergraph.loaders.sec_link_powers import page_link_powers
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
from ownergraph.loaders.sec_page_names import (
    _jfa_parties,
    _NameIndex,
    _owner_list,
    _resolve_owners,
    _resolve_page_names,
    _title_case_if_caps,
    _tokens,
)
from ownergraph.loaders.sec_prose_aliases import _prose_links, _strip_period
from ownergraph.loaders.sec_schedule_counts import schedule_holdings
from ownergraph.loaders.sec_schedules import schedule_links
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
from ownergraph.loaders.sec_unlinked_filers import lowest_pages_per_group

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
    class_title = first_class_title(text, class_title)  # two classes: the first printed
    cusip_line = _before_caption(text, r"\(\s*CUSIP\s+Number\s*\)", body_start, title_end)
    if class_title:
        cusip_line = cusip_line_for(text, cusip_line, class_title[0])
    event_line = _before_caption(text, r"\(\s*Date\s+of\s+Event", body_start, title_end)
    cusip = None
    if cusip_line:
        cands = re.finditer(r"[0-9A-Z]{5,6}\s?[0-9A-Z]{1,3}\s?[0-9A-Z]{0,3}", cusip_line[0].upper())
        # a CUSIP has a digit ("Class B Common Stock: 864346900" is not "CLASSBCOM")
        mc = next((m for m in cands if re.search(r"\d", m.group(0))), None)
        cusip = normalize_cusip(mc.group(0)) if mc else None
    if cusip is None:
        mc = re.search(
            # a CUSIP has a digit: "(CUSIP Number of Class of Securities)" is a caption
            r"CUSIP\s+(?:No\.?|Number)\s*:?\s*(?=[A-Z ]{0,11}\d)([0-9A-Z][0-9A-Z ]{7,11})",
            text[body_start:],
            re.I,
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
    schedule_links(ctx, text, pages[0].start, issuer_id)

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
            # the lowest filer of each group the stated links join (sec_unlinked_filers)
            else lowest_pages_per_group(ctx, stated_holder_pages, page_pid, _lowest_pages)
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
    holdings = schedule_holdings(
        ctx, text, pages[0].start, holdings, list(page_pid.values()), sec_id, title, event_date
    )

    # a filer's links with no stated power: the power its own cover page states
    page_link_powers(ctx.links, [(page_pid[pg.index], pg.values) for pg in pages], holdings)

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


def parse_text(text: str, *, path: str = "<text>") -> ParsedDocument:
    """Parse a submission given as text (a convenience for tests and tools)."""
    return parse(io.BytesIO(text.encode("utf-8")), path=path)
