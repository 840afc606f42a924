"""Metamorphic tests: the labelled DEV submissions (XML Schedule 13D/G in an EDGAR envelope)
rewritten in ways the format allows must give the same parties, positions, links and
who-controls answer, scored against the hand-written expectations of the original file.

Only the dev documents are used (their names are listed here; the held-out ones are never
opened). Where a variant changes what the document states (a percent removed, an amount
blanked, a group box checked), the expectation is changed by hand by the same rule
(labelling convention 6: blank / N/A = null; "0" = 0).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from ownergraph.queries.eval import EXPECTED_SUFFIX, Report, evaluate_one

ROOT = Path(__file__).resolve().parents[1]
SUBS = ROOT / "tests" / "fixtures" / "corpus" / "sec13dg-submission"
DEV = (
    "2023-schedule13g-1854583_collective-audience-inc_regal-nutra-llc.txt",
    "2023-schedule13ga-1998813_clearmind-medicine-inc_polatov-eli.txt",
    "2024-schedule13d-1767199_landsea-homes-corp_mill-road-capital-iii-l-p.txt",
    "2024-schedule13da-1795487_amer-sports-inc_fountainvest-china-capital-partners-gp3-ltd.txt",
    "2024-schedule13g-2022157_rockwell-medical-inc_irrevocable-larson-family-investment-trust.txt",
    "2024-schedule13ga-1599170_southern-first-bancshares-inc_fj-capital-management-llc.txt",
    "2025-schedule13d-1674168_hilton-grand-vacations-inc_apollo-management-holdings-gp-llc.txt",
)

_XML = re.compile(rb"(<XML>\s*)(.*?)(\s*</XML>)", re.S | re.I)
_AMOUNTS = (
    "soleVotingPower",
    "sharedVotingPower",
    "soleDispositivePower",
    "sharedDispositivePower",
    "aggregateAmountOwned",
    "reportingPersonBeneficiallyOwnedAggregateNumberOfShares",
)
_AMOUNT_FIELD = {
    "soleVotingPower": "sole_voting",
    "sharedVotingPower": "shared_voting",
    "soleDispositivePower": "sole_dispositive",
    "sharedDispositivePower": "shared_dispositive",
    "aggregateAmountOwned": "aggregate",
    "reportingPersonBeneficiallyOwnedAggregateNumberOfShares": "aggregate",
}
_PERSON = ("reportingPersonInfo", "coverPageHeaderReportingPersonDetails")


# ----------------------------------------------------------------------------- harness


def _expected(name: str) -> dict:
    return json.loads((SUBS / (name + EXPECTED_SUFFIX)).read_text(encoding="utf-8"))


def score(data: bytes, exp: dict, tmp: Path) -> tuple[tuple, list[str]]:
    """The document's tally and misses when ``data`` is scored against ``exp``."""
    doc = tmp / exp["document"]
    doc.write_bytes(data)
    ep = tmp / (exp["document"] + EXPECTED_SUFFIX)
    ep.write_text(json.dumps(exp), encoding="utf-8")
    rep = Report()
    evaluate_one(ep, rep)
    (_split, t) = next(iter(rep.doc_tallies.values()))
    tally = tuple(getattr(t, k) for k in t.__dataclass_fields__)
    return tally, sorted(f"{m.kind}: {m.detail}" for m in rep.misses)


def xml_of(data: bytes) -> bytes:
    m = _XML.search(data)
    assert m, "no <XML> block"
    return m.group(2)


def with_xml(data: bytes, fn: Callable[[bytes], bytes]) -> bytes:
    m = _XML.search(data)
    assert m
    return data[: m.start(2)] + fn(m.group(2)) + data[m.end(2) :]


def _default_ns(xml: bytes) -> bytes:
    m = re.search(rb"<edgarSubmission\b[^>]*?\sxmlns=\"([^\"]+)\"", xml)
    assert m
    return m.group(1)


# ----------------------------------------------------------------------------- variants
# each returns (new bytes, new expectation) from (bytes, expectation)


def v_prefixed(data: bytes, exp: dict) -> tuple[bytes, dict]:
    """Every element of the default namespace written with a ``sch:`` prefix."""

    def fn(x: bytes) -> bytes:
        ns = _default_ns(x)
        x = x.replace(b'xmlns="' + ns + b'"', b'xmlns:sch="' + ns + b'"', 1)
        return re.sub(rb"<(/?)(?=[A-Za-z_])(?![\w.-]+:)([\w.-]+)", rb"<\1sch:\2", x)

    return with_xml(data, fn), exp


def v_no_namespace(data: bytes, exp: dict) -> tuple[bytes, dict]:
    """No namespace at all: declarations, prefixes and prefixed attributes dropped."""

    def fn(x: bytes) -> bytes:
        x = re.sub(rb"\s+xmlns(?::[\w.-]+)?=\"[^\"]*\"", b"", x)
        x = re.sub(rb"\s+[\w.-]+:[\w.-]+=\"[^\"]*\"", b"", x)
        return re.sub(rb"<(/?)[\w.-]+:(?=[A-Za-z_])", rb"<\1", x)

    return with_xml(data, fn), exp


def v_ns_version(data: bytes, exp: dict) -> tuple[bytes, dict]:
    """Another version of the default namespace (a later schema release)."""

    def fn(x: bytes) -> bytes:
        ns = _default_ns(x)
        return x.replace(b'"' + ns + b'"', b'"' + ns + b'/v2"')

    return with_xml(data, fn), exp


def v_reordered(data: bytes, exp: dict) -> tuple[bytes, dict]:
    """The elements of every cover page and of the cover page header in reverse order."""

    def fn(x: bytes) -> bytes:
        root = etree.fromstring(x)
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            if etree.QName(el).localname in (*_PERSON, "coverPageHeader", "issuerInfo"):
                kids = list(el)
                for k in kids:
                    el.remove(k)
                for k in reversed(kids):
                    el.append(k)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    return with_xml(data, fn), exp


def v_crlf(data: bytes, exp: dict) -> tuple[bytes, dict]:
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"), exp


def v_bom_before_xml(data: bytes, exp: dict) -> tuple[bytes, dict]:
    return with_xml(data, lambda x: b"\xef\xbb\xbf\n\n  \n" + x.lstrip()), exp


def v_blank_lines_before_xml(data: bytes, exp: dict) -> tuple[bytes, dict]:
    return with_xml(data, lambda x: b"\n\n\t  \r\n" + x.lstrip()), exp


def v_padded_values(data: bytes, exp: dict) -> tuple[bytes, dict]:
    """Whitespace and line breaks around names, amounts, percents and codes."""

    def fn(x: bytes) -> bytes:
        tags = (*_AMOUNTS, "reportingPersonName", "percentOfClass", "classPercent")
        tags += ("typeOfReportingPerson", "memberGroup", "memberOfGroup", "issuerName")
        alt = b"|".join(t.encode() for t in tags)
        return re.sub(
            rb"<(" + alt + rb")>([^<]*)</\1>",
            lambda m: (
                b"<" + m.group(1) + b">\n   " + m.group(2).strip() + b"  \n</" + m.group(1) + b">"
            ),
            x,
        )

    return with_xml(data, fn), exp


def v_grouped_amounts(data: bytes, exp: dict) -> tuple[bytes, dict]:
    """Amounts written with digit grouping and decimals ("1,234.00")."""

    def fn(x: bytes) -> bytes:
        alt = b"|".join(t.encode() for t in _AMOUNTS)

        def fmt(m: re.Match[bytes]) -> bytes:
            v = m.group(2).strip().decode()
            if not re.fullmatch(r"\d+(?:\.\d+)?", v):
                return m.group(0)
            whole, _, frac = v.partition(".")
            g = f"{int(whole):,}.{(frac or '0').ljust(2, '0')}"
            return b"<%s>%s</%s>" % (m.group(1), g.encode(), m.group(1))

        return re.sub(rb"<(" + alt + rb")>([^<]*)</\1>", fmt, x)

    return with_xml(data, fn), exp


def v_char_refs(data: bytes, exp: dict) -> tuple[bytes, dict]:
    """Names and text written with character references (``&#39;``, ``&#x41;``)."""

    def fn(x: bytes) -> bytes:
        def enc(m: re.Match[bytes]) -> bytes:
            body = m.group(2).decode("utf-8")
            out = []
            for i, ch in enumerate(body):
                if ch == "'":
                    out.append("&#39;")
                elif ch.isalpha() and i % 3 == 0:
                    out.append(f"&#x{ord(ch):X};")
                elif ord(ch) > 127:
                    out.append(f"&#{ord(ch)};")
                else:
                    out.append(ch)
            return b"<" + m.group(1) + b">" + "".join(out).encode() + b"</" + m.group(1) + b">"

        return re.sub(rb"<(reportingPersonName|issuerName|signature)>([^<&]*)</\1>", enc, x)

    return with_xml(data, fn), exp


def v_amendment(data: bytes, exp: dict) -> tuple[bytes, dict]:
    """An original filed as an amendment (or the other way round): same cover pages."""

    def fn(x: bytes) -> bytes:
        def sw(m: re.Match[bytes]) -> bytes:
            t = m.group(1)
            return b"<submissionType>" + (t[:-2] if t.endswith(b"/A") else t + b"/A") + b"<"

        return re.sub(rb"<submissionType>([^<]*)<", sw, x)

    return with_xml(data, fn), exp


_POA_TEXT = (
    b"\n<DOCUMENT>\n<TYPE>EX-24\n<SEQUENCE>9\n<FILENAME>poa.txt\n<DESCRIPTION>POWER OF ATTORNEY\n"
    b"<TEXT>\nPOWER OF ATTORNEY\n\nKnow all by these presents that the undersigned hereby "
    b"constitutes and appoints the Secretary as attorney-in-fact to sign any Schedule 13D or "
    b"13G.\n\n/s/ Jane Q. Roe\nAttorney-in-fact\n</TEXT>\n</DOCUMENT>\n"
)
_HTML_NOTE = (
    b"\n<DOCUMENT>\n<TYPE>EX-99.9\n<SEQUENCE>10\n<FILENAME>note.htm\n<TEXT>\n<html><body>"
    b"<p>The information on the cover pages is incorporated by reference.</p>"
    b"<table><tr><td>Page</td><td>1</td></tr></table></body></html>\n</TEXT>\n</DOCUMENT>\n"
)


def v_more_exhibits(data: bytes, exp: dict) -> tuple[bytes, dict]:
    """A text and an HTML exhibit that state no relation, after the filing's own."""
    i = data.rfind(b"</DOCUMENT>")
    j = i + len(b"</DOCUMENT>")
    return data[:j] + _POA_TEXT + _HTML_NOTE + data[j:], exp


def v_text_exhibits(data: bytes, exp: dict) -> tuple[bytes, dict]:
    """Every HTML exhibit rewritten as plain text (its words, a blank line between blocks,
    table cells on one line), as older filers send them."""
    import lxml.html

    def doc(m: re.Match[bytes]) -> bytes:
        block = m.group(0)
        t = re.search(rb"(<TEXT>\n?)(.*?)(</TEXT>)", block, re.S)
        if t is None or not re.match(rb"\s*<html", t.group(2), re.I):
            return block
        tree = lxml.html.fromstring(t.group(2))
        for el in tree.iter("p", "div", "tr", "br", "li", "h1", "h2", "h3", "h4", "table"):
            el.tail = "\n\n" + (el.tail or "") if el.tag != "br" else "\n" + (el.tail or "")
        for el in tree.iter("td", "th"):
            el.tail = " " + (el.tail or "")
        words = tree.text_content().replace("\u00a0", " ")
        words = re.sub(r"[ \t]+", " ", words)
        words = re.sub(r"\n\s*\n\s*", "\n\n", words).strip() + "\n"
        return block[: t.start(2)] + words.encode("utf-8") + block[t.end(2) :]

    return re.sub(rb"<DOCUMENT>.*?</DOCUMENT>", doc, data, flags=re.S), exp


VARIANTS = {
    "prefixed": v_prefixed,
    "no_namespace": v_no_namespace,
    "ns_version": v_ns_version,
    "reordered": v_reordered,
    "crlf": v_crlf,
    "bom_before_xml": v_bom_before_xml,
    "blank_lines_before_xml": v_blank_lines_before_xml,
    "padded_values": v_padded_values,
    "grouped_amounts": v_grouped_amounts,
    "char_refs": v_char_refs,
    "amendment": v_amendment,
    "more_exhibits": v_more_exhibits,
    "text_exhibits": v_text_exhibits,
}


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    tmp = tmp_path_factory.mktemp("orig")
    return {n: score((SUBS / n).read_bytes(), _expected(n), tmp) for n in DEV}


def _rewritten(variants: dict, name: str, variant: str) -> tuple[bytes, dict] | None:
    """The filing rewritten by one variant and its expectation, or None when the filing
    has nothing of that kind to rewrite."""
    orig = (SUBS / name).read_bytes()
    data, exp = variants[variant](orig, copy.deepcopy(_expected(name)))
    return None if data == orig else (data, exp)


def _applicable(variants: dict) -> list[tuple[str, str]]:
    """The (filing, variant) pairs where the variant rewrites something."""
    return [(n, v) for n in DEV for v in sorted(variants) if _rewritten(variants, n, v)]


def test_only_some_variants_leave_a_filing_unchanged() -> None:
    """Every variant rewrites at least one dev filing, and only the text exhibits and the
    grouped amounts can be missing from a filing (the other variants rewrite what every
    XML filing has)."""
    pairs = set(_applicable(VARIANTS))
    assert {v for _, v in pairs} == set(VARIANTS)
    missing = {v for n in DEV for v in VARIANTS if (n, v) not in pairs}
    assert missing <= {"text_exhibits", "grouped_amounts"}


@pytest.mark.parametrize(("name", "variant"), _applicable(VARIANTS))
def test_variant_scores_as_the_original(
    name: str, variant: str, originals: dict[str, tuple], tmp_path: Path
) -> None:
    data, exp = _rewritten(VARIANTS, name, variant) or pytest.fail("not rewritten")
    got = score(data, exp, tmp_path)
    assert got[1] == originals[name][1] == []  # the original is right in every respect
    assert got == originals[name]  # the original is right in every respect today


# ----------------------------------------------------------------------------- variants that
# change what the document states: the expectation changes by hand, by the same rule


def _positions_in_order(exp: dict) -> list[dict]:
    return list(exp["positions"])


def v_no_percent(data: bytes, exp: dict) -> tuple[bytes, dict]:
    """Row 13 left out of every cover page: the percent is not stated (null)."""
    x = re.sub(rb"\s*<(percentOfClass|classPercent)>[^<]*</\1>", b"", xml_of(data))
    for p in exp["positions"]:
        p["percent"] = None
    return with_xml(data, lambda _x: x), exp


def v_empty_percent(data: bytes, exp: dict) -> tuple[bytes, dict]:
    """Row 13 present but empty (``<percentOfClass/>``): null."""
    x = re.sub(rb"<(percentOfClass|classPercent)>[^<]*</\1>", rb"<\1/>", xml_of(data))
    for p in exp["positions"]:
        p["percent"] = None
    return with_xml(data, lambda _x: x), exp


def v_no_cusip(data: bytes, exp: dict) -> tuple[bytes, dict]:
    """No CUSIP on the cover page header (it is optional): nothing else changes."""
    x = re.sub(rb"\s*<(issuerCUSIP|issuerCusip|issuerCusips)>[^<]*</\1>", b"", xml_of(data))
    return with_xml(data, lambda _x: x), exp


def _zero_rows(data: bytes, exp: dict, value: bytes, expected: float | None) -> tuple[bytes, dict]:
    """Every power row (5-8) filed as "0" rewritten to ``value``; expected ``expected``.
    Rows 9/11 (the aggregate) stay: the who-controls aggregate is read from them."""
    rows = (
        "soleVotingPower",
        "sharedVotingPower",
        "soleDispositivePower",
        "sharedDispositivePower",
    )
    alt = b"|".join(r.encode() for r in rows)
    x = xml_of(data)
    blocks = list(
        re.finditer(
            rb"<(reportingPersonInfo|coverPageHeaderReportingPersonDetails)>"
            rb".*?</\1>",
            x,
            re.S,
        )
    )
    assert len(blocks) == len(exp["positions"])
    out = x[: blocks[0].start()]
    for i, b in enumerate(blocks):
        pos = exp["positions"][i]

        def sub(m: re.Match[bytes], pos: dict = pos) -> bytes:
            if not re.fullmatch(rb"0+(?:\.0+)?", m.group(2).strip()):
                return m.group(0)
            pos[_AMOUNT_FIELD[m.group(1).decode()]] = expected
            return b"<%s>%s</%s>" % (m.group(1), value, m.group(1))

        out += re.sub(rb"<(" + alt + rb")>([^<]*)</\1>", sub, b.group(0))
        nxt = blocks[i + 1].start() if i + 1 < len(blocks) else len(x)
        out += x[b.end() : nxt]
    return with_xml(data, lambda _x: out), exp


def v_zero_rows_blank(data: bytes, exp: dict) -> tuple[bytes, dict]:
    return _zero_rows(data, exp, b"", None)


def v_zero_rows_na(data: bytes, exp: dict) -> tuple[bytes, dict]:
    return _zero_rows(data, exp, b"N/A", None)


def v_zero_rows_decimal(data: bytes, exp: dict) -> tuple[bytes, dict]:
    return _zero_rows(data, exp, b"0.00", 0)


def v_member_of_group(data: bytes, exp: dict) -> tuple[bytes, dict]:
    """Box (a) of row 2 checked on every cover page (set, or added where it is missing)."""
    x = xml_of(data)
    tag = b"memberGroup" if b"coverPageHeaderReportingPersonDetails" in x else b"memberOfGroup"
    x = re.sub(rb"<(memberGroup|memberOfGroup)>[^<]*</\1>", rb"<\1>a</\1>", x)

    def add(m: re.Match[bytes]) -> bytes:
        block = m.group(0)
        if b"<" + tag + b">" in block:
            return block
        return re.sub(rb"(</reportingPersonName>)", rb"\1<" + tag + rb">a</" + tag + rb">", block)

    x = re.sub(
        rb"<(reportingPersonInfo|coverPageHeaderReportingPersonDetails)>.*?</\1>",
        add,
        x,
        flags=re.S,
    )
    for p in exp["positions"]:
        p["member_of_group"] = "a"
    return with_xml(data, lambda _x: x), exp


def v_bare_xml(data: bytes, exp: dict) -> tuple[bytes, dict]:
    """The primary document alone (``primary_doc.xml`` as downloaded), when the submission
    has no exhibit that says anything in words."""
    return xml_of(data), exp


#: dev submissions whose only documents are the XML filing (and images)
NO_TEXT_EXHIBITS = tuple(
    n
    for n in DEV
    if all(t in (b"GRAPHIC",) for t in re.findall(rb"<TYPE>([^\s<]+)", (SUBS / n).read_bytes())[1:])
)


def v_names_with_entities(data: bytes, exp: dict) -> tuple[bytes, dict]:
    """Every entity party's first word W spelled "Wé & O'W" everywhere it is written
    (``&amp;``, ``&#39;`` and UTF-8 in the XML and HTML; the same in capitals where the
    document writes it in capitals): names with an ampersand, an apostrophe and a
    non-ASCII letter. The labels' spellings change by the same rule."""
    words = sorted(
        {
            p["name"].split()[0]
            for p in exp["parties"]
            if p["kind"] in ("entity", "fund") and len(p["name"].split()[0]) > 2
        },
        key=len,
        reverse=True,
    )

    def new(w: str) -> str:
        return f"{w}é & O'{w}" if not w.isupper() else f"{w}É & O'{w}"

    def esc(w: str) -> bytes:
        return new(w).replace("&", "&amp;").replace("'", "&#39;").encode("utf-8")

    for w in words:
        for form in {w, w.upper()}:
            data = re.sub(rb"(?<![\w&])" + re.escape(form.encode()) + rb"(?![\w])", esc(form), data)
    pat = re.compile(r"(?<![\w&])(" + "|".join(map(re.escape, words)) + r")(?!\w)")
    for p in exp["parties"]:
        p["name"] = pat.sub(lambda m: new(m.group(1)), p["name"])
        p["names"] = [pat.sub(lambda m: new(m.group(1)), n) for n in p["names"]]
    return data, exp


VARIANTS_EXP = {
    "no_percent": v_no_percent,
    "empty_percent": v_empty_percent,
    "no_cusip": v_no_cusip,
    "zero_rows_blank": v_zero_rows_blank,
    "zero_rows_na": v_zero_rows_na,
    "zero_rows_decimal": v_zero_rows_decimal,
    "member_of_group": v_member_of_group,
    "names_with_entities": v_names_with_entities,
}


@pytest.mark.parametrize(("name", "variant"), _applicable(VARIANTS_EXP))
def test_variant_scores_right_on_its_changed_expectation(
    name: str,
    variant: str,
    originals: dict[str, tuple],
    tmp_path: Path,
) -> None:
    data, exp = _rewritten(VARIANTS_EXP, name, variant) or pytest.fail("not rewritten")
    got = score(data, exp, tmp_path)
    assert got[1] == []
    assert got == originals[name]


@pytest.mark.parametrize("name", NO_TEXT_EXHIBITS)
def test_the_bare_primary_document_scores_as_the_submission(
    name: str, originals: dict[str, tuple], tmp_path: Path
) -> None:
    data, exp = v_bare_xml((SUBS / name).read_bytes(), _expected(name))
    assert data.lstrip().startswith(b"<?xml")
    assert score(data, exp, tmp_path) == originals[name]


def test_dev_submissions_without_text_exhibits_are_known() -> None:
    # read from the <TYPE> lines by hand: only Landsea (EX-99.1, EX-99.2) and Hilton Grand
    # Vacations (EX-99.B/C/D) carry exhibits in words; Rockwell carries a GRAPHIC
    assert len(NO_TEXT_EXHIBITS) == 5 and not any(
        "landsea" in n or "hilton" in n for n in NO_TEXT_EXHIBITS
    )


# ----------------------------------------------------------------------------- several filers

_WORDS = ("Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel", "Ivy")
SINGLE_FILER = tuple(n for n in DEV if "regal" in n or "polatov" in n or "rockwell" in n)


def with_more_filers(data: bytes, exp: dict, n: int) -> tuple[bytes, dict]:
    """The filing with ``n - 1`` more cover pages (copies of the first, each an unrelated
    entity "<Word> Holdings LLC" with k * 1,000 shares sole, type CO, no CIK). They state
    no link, so each is an ultimate controller of its own shares (the labels gain them; a
    filer of 0 shares drops out of them, convention 11)."""
    x = xml_of(data)
    m = re.search(
        rb"<(reportingPersonInfo|coverPageHeaderReportingPersonDetails)>.*?</\1>", x, re.S
    )
    assert m
    block = m.group(0)
    clones = b""
    for k in range(1, n):
        name = f"{_WORDS[k - 1]} Holdings LLC"
        b = re.sub(
            rb"<reportingPersonName>[^<]*<", b"<reportingPersonName>" + name.encode() + b"<", block
        )
        b = re.sub(rb"\s*<reportingPersonCIK>[^<]*</reportingPersonCIK>", b"", b)
        b = re.sub(rb"<typeOfReportingPerson>[^<]*</typeOfReportingPerson>", b"", b)
        b = b.replace(
            b"</reportingPersonName>",
            b"</reportingPersonName><typeOfReportingPerson>CO</typeOfReportingPerson>",
            1,
        )
        amt = str(1000 * k).encode()
        for tag, val in (
            ("soleVotingPower", amt),
            ("sharedVotingPower", b"0"),
            ("soleDispositivePower", amt),
            ("sharedDispositivePower", b"0"),
            ("aggregateAmountOwned", amt),
            ("reportingPersonBeneficiallyOwnedAggregateNumberOfShares", amt),
            ("percentOfClass", b"0.1"),
            ("classPercent", b"0.1"),
        ):
            b = re.sub(
                rb"<" + tag.encode() + rb">[^<]*<", b"<" + tag.encode() + b">" + val + b"<", b
            )
        clones += b"\n" + b
        key = f"clone{k}"
        exp["parties"].append(
            {
                "key": key,
                "name": name,
                "names": [name],
                "kind": "entity",
                "cik": None,
                "lei": None,
                "identifiers": {},
            }
        )
        exp["positions"].append(
            {
                "party": key,
                "sole_voting": 1000 * k,
                "shared_voting": 0,
                "sole_dispositive": 1000 * k,
                "shared_dispositive": 0,
                "aggregate": 1000 * k,
                "percent": 0.1,
                "type_codes": ["CO"],
                "member_of_group": None,
            }
        )
        exp["who_controls"]["ultimate"].append({"party": key, "aggregate": 1000 * k})
    # convention 11: a filer that reports nothing where others report shares is not listed
    exp["who_controls"]["ultimate"] = [u for u in exp["who_controls"]["ultimate"] if u["aggregate"]]
    x = x[: m.end()] + clones + x[m.end() :]
    return with_xml(data, lambda _x: x), exp


@pytest.mark.parametrize("n", [2, 10])
@pytest.mark.parametrize("name", SINGLE_FILER)
def test_more_filers_each_read_on_their_own(name: str, n: int, tmp_path: Path) -> None:
    data, exp = with_more_filers((SUBS / name).read_bytes(), copy.deepcopy(_expected(name)), n)
    assert len(exp["positions"]) == n
    _tally, misses = score(data, exp, tmp_path)
    assert misses == []
