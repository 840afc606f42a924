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
            v = m.group(2).strip()
            if not re.fullmatch(rb"\d+", v):
                return m.group(0)
            return b"<%s>%s.00</%s>" % (m.group(1), f"{int(v):,}".encode(), m.group(1))

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


def v_html_exhibits(data: bytes, exp: dict) -> tuple[bytes, dict]:
    """Every plain-text exhibit rewritten as HTML (paragraphs, entities)."""

    def doc(m: re.Match[bytes]) -> bytes:
        block = m.group(0)
        t = re.search(rb"(<TEXT>\n?)(.*?)(</TEXT>)", block, re.S)
        if t is None or b"<XML>" in t.group(2)[:50].upper() or b"begin 644" in t.group(2)[:300]:
            return block
        body = t.group(2)
        if re.search(rb"<(?:html|body|p|div|table)\b", body[:5000], re.I):
            return block
        paras = re.split(rb"\n\s*\n", body.decode("utf-8", "replace"))
        import html as _h

        out = "<html><body>" + "".join(
            "<p>" + _h.escape(p).replace("\n", "<br>\n") + "</p>\n" for p in paras
        )
        out += "</body></html>\n"
        return block[: t.start(2)] + out.encode() + block[t.end(2) :]

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
    "html_exhibits": v_html_exhibits,
}


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    tmp = tmp_path_factory.mktemp("orig")
    return {n: score((SUBS / n).read_bytes(), _expected(n), tmp) for n in DEV}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("name", DEV)
def test_variant_scores_as_the_original(
    name: str, variant: str, originals: dict[str, tuple], tmp_path: Path
) -> None:
    data, exp = VARIANTS[variant]((SUBS / name).read_bytes(), copy.deepcopy(_expected(name)))
    got = score(data, exp, tmp_path)
    assert got[1] == originals[name][1] == []  # the original is right in every respect
    assert got == originals[name]  # the original is right in every respect today
