"""A legacy 13D/G cover page's rows 1-14 read into typed values (:func:`_read_page`): the
name, the group box, the place of organisation, the type codes, the share counts and the
percent, with what text extraction cut recovered from the companion rows.
"""

from __future__ import annotations

import re

from ownergraph.graph.clean import parse_percent
from ownergraph.graph.model import (
    Component,
)
from ownergraph.graph.vocab import (
    Instrument,
)
from ownergraph.loaders.sec_cover import (
    _PLACES,
    _ROW_NO,
    _ROWS,
    _TABLE_RULE,
    _TYPE_CODES,
    _Amount,
    _Page,
    _read_amount,
    _Row,
    item3_codes,
)
from ownergraph.loaders.sec_cover_amounts import _SUPERSCRIPT
from ownergraph.loaders.sec_legacy_ctx import _Ctx
from ownergraph.loaders.sec_names import (
    _name_from_row,
)

# --------------------------------------------------------------------------- page rows


_ID_LABEL_AFTER_NAME = re.compile(
    r"[\s,;]+(?:I\.?\s?R\.?\s?S\.?\s*|Tax\s+|Employer\s+)?(?:I\.\s?D\.|ID|EIN|TIN)"
    r"\s*(?:No\.?|Number|#)?\s*:?\s*$",
    re.I,
)


#: A row-1 name whose line ends before the name does: one word ("Yvan"), or a last word
#: that is an initial ("Elon R.").
_NAME_CUT = re.compile(r"^\S+$|\s[A-Z]\.$")
#: The name's next line, when it goes on with the name: a few capitalised words ("Musk",
#: "Johnson 3d"), or words after a joining word ("of Harvard College").
_NAME_REST = re.compile(
    r"[ \t]*(?P<rest>(?:(?:of|and|&)[ \t]+)?[A-Z][\w'’.-]*(?:[ \t]+(?:[A-Z]|\d+(?:d|rd|th|nd)\b|of\b|and\b|&)"
    r"[\w'’.,-]*){0,4})[ \t]*(?:\n|$)"
)
_NOT_NAME_REST = re.compile(
    r"^(?:N/?A|NONE|NOT\s+APPLICABLE|ENTITIES|S\.?S\.?|I\.?R\.?S\.?|TAX|EIN|C/O)\b", re.I
)


def _name_cut_at_line_end(
    row: _Row, name: str, span: tuple[int, int] | None
) -> tuple[str, tuple[int, int] | None]:
    r"""A row-1 name typed over two lines joined: a person's ("Elon R." / "Musk"; "Yvan" /
    "Dupuy"), or any name whose next line starts with a joining word ("President and
    Fellows" / "of Harvard College"); a line that ends with one is joined by the row reader
    already. The next line must be the row's next line, a few capitalised words and no
    label, number, place or "N/A".

    >>> r = _Row("name", "\n  Elon R.\n  Musk\n\n", 0, 20)
    >>> _name_cut_at_line_end(r, "Elon R.", (3, 10))
    ('Elon R. Musk', (3, 17))
    >>> _name_cut_at_line_end(r, "Elon R. Musk", (3, 10))[0]
    'Elon R. Musk'
    """
    if span is None or not name:
        return name, span
    at = span[1] - row.start
    nl = row.text.find("\n", at)
    if nl < 0:
        return name, span
    m = _NAME_REST.match(row.text, nl + 1)
    if (
        not m
        or not (_NAME_CUT.search(name) or re.match(r"(?:of|and|&)\s", m.group("rest")))
        or _NOT_NAME_REST.match(m.group("rest"))
        or any(rx.fullmatch(m.group("rest").strip()) for _p, rx in _PLACE_RX)
    ):
        return name, span  # "N/A", "Delaware": the next row's value, not the name
    rest = m.group("rest").strip()
    return f"{name} {rest}", (span[0], row.start + m.end("rest"))


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
        # superscript digits are a footnote mark ("Gabelli Funds, LLC I.D. No. 13-4044523¹"),
        # which would keep the number from being cut off the name
        text = _SUPERSCRIPT.sub(lambda m: " " * len(m.group(0)), _TABLE_RULE.sub(" ", row.text))
        row = _Row(row.key, text, row.start, row.end)
        page.name_raw, page.irs, page.name_span = _name_from_row(row)
        page.name_raw, page.name_span = _name_cut_at_line_end(row, page.name_raw, page.name_span)
        # "GAMCO Asset Management Inc. I.D. No. 13-4044521": the number's label stays
        # after the number is cut off
        page.name_raw = _ID_LABEL_AFTER_NAME.sub("", page.name_raw)
        # "Dimensional Fund Advisors Inc. (Tax ID: 22-2370029)": the bracket left behind
        page.name_raw = re.sub(r"\s*\(\s*\)?\s*$", "", page.name_raw)
    # group box: rows 2 and 3 (the (b) box often drifts past the SEC-use label)
    gtext = _row2_first_line(page) + "".join(
        page.rows[k].text for k in ("group", "sec_use") if k in page.rows
    )
    # a text table's rules ("| (a) | [X] |") are layout, as in rows 7-11
    page.group = _group_box(_TABLE_RULE.sub(" ", gtext))
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
            r"(\d*[.,]?\d+)\s*(?:%|per\s?cent\b)|(?<![\w(.,])(\d{0,2}\.\d+)(?![\w)])"
            # a decimal comma where no grouping can be ("12,3456", "4,5"): no % needed
            # (not a date's day and year, "December 31,2005")
            r"|(?<![\w(.,])(\d{1,2},(?:\d{1,2}|(?!(?:19|20)\d\d(?!\d))\d{4,}))(?![\w),]|\.\d)",
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
            page.percent_text = mp.group(1) or mp.group(2) or mp.group(3)
            page.percent = parse_percent(page.percent_text)
        elif m0 := re.search(r"(?<![\w-])-0-\s*%?", page.rows["percent"].text):
            page.percent_text = m0.group(0).strip()  # "-0-%": 0 (convention 6)
            page.percent = 0.0
        elif _read_amount(page.rows["percent"]).total == 0.0:
            # "NONE", "Nil", "0", "- 0 -", a lone dash: 0 as in rows 7-11 (convention 6)
            page.percent_text = "0"
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
    r"(?:\[\s*[xX✓]\s*\]|\(\s*[xX]\s*\)|\|\s*[xX]\s*\||/\s*[xX]\s*/|\b[xX]\b|☒|"
    # an X written on the blank line of a box ("(a) __X__")
    r"(?<![A-Za-z0-9])(?:_+[xX]_*|[xX]_+)(?![A-Za-z0-9])|✓|þ|\u2612|\u2714"
    # Wingdings "ý" (a box with an X), a ballot box with a check, a filled square, "⌧", "✗"
    r"|\u00fd|\u2611|\u25a0|\u2327|[\u2717\u2718])"
)
#: any box, checked or not (an empty one: "[ ]", "( )", "☐", Wingdings "¨" / "o", "□", "❑")
_BOX_ANY = rf"(?:{_BOX_CHECKED}|\[\s*\]|\(\s*\)|[☐¨o\u2610\u25a1\u2751]|_+)"


def _box_label(box: str) -> str:
    # "(b)", "(b.)", "(b):", "b."; a cover printed in capitals: "(B)"
    return rf"\(\s*[{box}{box.upper()}]\s*\.?\s*\)[.:]?"


#: Row 2's first words, where its label breaks before "member of a group".
_ROW2_HEAD = re.compile(r"CHECK\s+THE\s+APPROPRIATE\s+BOX(?!\s+IF\s+A\s+MEMBER)", re.I)


def _row2_first_line(page: _Page) -> str:
    """The (a) box printed on row 2's first line, before the rest of its label: "2. Check
    the Appropriate Box (a) [X]" / "if a Member of a Group (b) [ ]" puts "(a) [X]" at
    the end of the row before; the text after "Check the Appropriate Box" there."""
    before = [
        r for r in page.rows.values() if "group" in page.rows and r.end <= page.rows["group"].start
    ]
    if not before:
        return ""
    prev = max(before, key=lambda r: r.end)
    ends = [m.end() for m in _ROW2_HEAD.finditer(prev.text)]
    return prev.text[ends[-1] :] if ends else ""


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


_DOTTED_CODE = re.compile(r"(?<![\w.])([A-Z])\.[ \t]?([A-Z])\.(?![\w])")


def _type_codes(text: str) -> tuple[str, ...]:
    """Row 14 codes, reading at most the first lines of content after the label."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    out: list[str] = []
    for ln in lines[:3]:
        if re.search(r"SEE\s+INSTRUCTIONS|Item\s+1|SCHEDULE|CUSIP|Page\s+\d", ln, re.I):
            break
        # "I.N.", "P. N.": a code printed with a dot after each letter
        ln = _DOTTED_CODE.sub(lambda m: m.group(1) + m.group(2), ln)
        for tok in re.findall(r"(?<![\w])([A-Z]{2}|00(?=\s*(?:-|$)))(?![\w])", ln):
            tok = "OO" if tok == "00" else tok  # "00-Private Foundation": OO typed as zeros
            if tok in _TYPE_CODES and tok not in out:
                out.append(tok)
    return tuple(out)
