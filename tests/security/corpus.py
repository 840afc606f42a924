"""A generated corpus of hostile inputs, across every format ownergraph reads.

Each :class:`Case` is bytes plus what must happen: ``"error"`` (a typed
:class:`graph.errors.InputError` naming the file and the place) or ``"parse-or-error"``
(a truncation that may still be a valid, shorter document: then it must load and pass
the integrity check). Nothing may raise anything else, hang, or change a store.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

FIX = Path(__file__).resolve().parents[1] / "fixtures"
SEED = (
    Path(__file__).resolve().parents[2] / "data" / "liquidmetal-wynnefield-sc13da2-2008-09-30.txt"
)

#: One representative real file per format (the corpus mutates these).
REPRESENTATIVES = {
    "legacy": SEED,
    "legacy-sgml": FIX / "sec13dg-legacy" / "asa-bermuda_hbk-investments_sc13d-a_2005-07-15.txt",
    "legacy-html": FIX / "sec13dg-legacy" / "universal-health-realty_vanguard_sc13g_2007-02-14.txt",
    "xml13d": FIX / "sec13dg-xml" / "one-nuclear-energy_nccs-new-circle_schedule13d_2026-09-30.xml",
    "form4": FIX / "form345" / "dell-technologies_silver-lake-durban_form4_2026-06-17.xml",
    "bods04": FIX / "bods" / "jenex-mvj_entity-owning-entity_bods-0.4.json",
    "bods02": FIX / "bods" / "ua-example_indirect-natural-person-via-foreign-entity_bods-0.2.json",
    "gleif-json": FIX / "gleif" / "hgnh-hengdian_gleif-rr-and-lei-records_api-json.json",
    "gleif-repex": FIX / "gleif" / "gleif-repex-sample_2023-06-09.xml",
}


@dataclass(frozen=True)
class Case:
    """One hostile input."""

    name: str
    data: bytes
    expect: str  # "error" | "parse-or-error"
    #: The format is still recognisable: the error must come from its loader, naming a
    #: place inside the document, not "not a format ownergraph reads".
    recognisable: bool = False

    @property
    def filename(self) -> str:
        return re.sub(r"[^A-Za-z0-9_.-]", "_", self.name)


def _xml_boundaries(text: str, limit: int = 6) -> list[int]:
    """Offsets just after closing tags of elements, spread over the document."""
    ends = [m.end() for m in re.finditer(r"</[\w:.-]+>", text)]
    if not ends:
        return []
    step = max(1, len(ends) // limit)
    return ends[step // 2 :: step][:limit]


def _json_boundaries(text: str, limit: int = 6) -> list[int]:
    ends = [m.end() for m in re.finditer(r"\}\s*,", text)]
    step = max(1, len(ends) // limit)
    return ends[::step][:limit]


def _text_boundaries(text: str, limit: int = 8) -> list[int]:
    """Section boundaries of a legacy filing: cover pages, items, signatures."""
    marks = [
        m.start()
        for m in re.finditer(
            r"(?im)^\s*(?:1\s+NAME OF REPORTING|\(?1\)?\s*NAMES? OF REPORTING|Item\s+\d|"
            r"#+\s*Item|SIGNATURE|JOINT FILING|<DOCUMENT>|</SEC-HEADER>)",
            text,
        )
    ]
    step = max(1, len(marks) // limit)
    return [m for m in marks[::step] if m > 0][:limit]


def build() -> list[Case]:
    """The whole corpus, deterministic."""
    rnd = random.Random(20081230)
    cases: list[Case] = []
    seed = SEED.read_bytes()

    # --- not any format
    cases += [
        Case("empty", b"", "error"),
        Case("whitespace", b" \n\t\r\n  ", "error"),
        Case("nul-bytes", b"\x00" * 64, "error"),
        Case(
            "png-header",
            b"\x89PNG\r\n\x1a\n" + bytes(rnd.randrange(256) for _ in range(256)),
            "error",
        ),
        Case("zip-header", b"PK\x03\x04" + bytes(rnd.randrange(256) for _ in range(256)), "error"),
        Case("gzip-of-seed", gzip.compress(seed), "error"),
        Case("utf16-seed", seed.decode("utf-8").encode("utf-16"), "error"),
        Case("plain-prose", b"Dear shareholder,\nthis letter is not a filing.\n" * 20, "error"),
    ]
    for i in range(3):
        cases.append(
            Case(f"random-binary-{i}", bytes(rnd.randrange(256) for _ in range(4096)), "error")
        )

    # --- truncated at every section boundary
    for fmt, path in REPRESENTATIVES.items():
        data = path.read_bytes()
        text = data.decode("utf-8")
        if fmt.startswith("legacy"):
            cuts, expect = _text_boundaries(text), "parse-or-error"
        elif fmt.startswith(("bods", "gleif-json")):
            cuts, expect = _json_boundaries(text), "error"
        else:
            cuts, expect = _xml_boundaries(text), "error"
        # past its first cover page a legacy filing is still recognisably a 13D/G
        first = text.find("NAME OF RE") if fmt.startswith("legacy") else 0
        for cut in cuts:
            known = cut > 2048 and (first < 0 or cut > first + 200)
            cases.append(
                Case(f"{fmt}-truncated-at-{cut}", text[:cut].encode("utf-8"), expect, known)
            )
        cases.append(
            Case(
                f"{fmt}-half",
                data[: len(data) // 2],
                "parse-or-error" if fmt.startswith("legacy") else "error",
            )
        )

    # --- wrong encodings
    ua = REPRESENTATIVES["bods02"].read_text("utf-8")
    cases.append(Case("bods02-cp1251", ua.encode("cp1251", errors="replace"), "error"))
    cases.append(Case("bods02-utf16", ua.encode("utf-16"), "error"))
    xml = REPRESENTATIVES["xml13d"].read_text("utf-8")
    cases.append(
        Case(
            "xml13d-latin1-declared-utf8-with-bad-bytes",
            xml.replace("Arnold", "Arn\u00f6ld").encode("latin-1"),
            "error",
        )
    )

    # --- XML attacks
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10)
        )
        + "]>\n<ownershipDocument><issuer><issuerName>&lol9;</issuerName></issuer></ownershipDocument>"
    )
    cases.append(Case("xml-billion-laughs", bomb.encode(), "error"))
    for name, root in (("xxe-form4", "ownershipDocument"), ("xxe-13d", "edgarSubmission")):
        xxe = (
            '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            f"<{root}><issuer><issuerName>&x;</issuerName></issuer></{root}>"
        )
        cases.append(Case(name, xxe.encode(), "error"))
    cases.append(
        Case(
            "xml-external-dtd",
            b'<?xml version="1.0"?>\n<!DOCTYPE ownershipDocument SYSTEM "http://127.0.0.1:9/x.dtd">\n<ownershipDocument/>',
            "error",
        )
    )
    cases.append(
        Case(
            "xml-parameter-entity",
            b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n<ownershipDocument/>',
            "error",
        )
    )
    cases.append(
        Case(
            "xml-wrong-root",
            b'<?xml version="1.0"?>\n<html><body>ownershipDocument</body></html>',
            "error",
        )
    )
    form4 = REPRESENTATIVES["form4"].read_text("utf-8")
    m = m4 = re.search(r"<sharesOwnedFollowingTransaction>\s*<value>([^<]+)</value>", form4)
    assert m, "fixture changed"
    for label, val in (
        ("huge", "9" * 400),
        ("negative", "-150338"),
        ("non-numeric", "lots"),
        ("nan", "NaN"),
    ):
        cases.append(
            Case(
                f"form4-{label}-shares",
                (form4[: m.start(1)] + val + form4[m.end(1) :]).encode(),
                "error",
                True,
            )
        )
    m = re.search(r"<(\w+:)?aggregateAmountOwned>([^<]+)<", xml)
    assert m, "fixture changed"
    for label, val in (
        ("huge", "9" * 400),
        ("negative", "-4987103.00"),
        ("non-numeric", "four million"),
    ):
        cases.append(
            Case(
                f"xml13d-{label}-aggregate",
                (xml[: m.start(2)] + val + xml[m.end(2) :]).encode(),
                "error",
                True,
            )
        )
    m = re.search(r"<(\w+:)?percentOfClass>([^<]+)<", xml)
    if m:
        cases.append(
            Case(
                "xml13d-percent-above-100",
                (xml[: m.start(2)] + "146.0" + xml[m.end(2) :]).encode(),
                "error",
                True,
            )
        )

    # --- JSON attacks and bad values
    cases.append(Case("json-deeply-nested", b"[" * 100_000 + b"]" * 100_000, "error"))
    cases.append(
        Case("json-deeply-nested-objects", b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "error")
    )
    jenex = json.loads(REPRESENTATIVES["bods04"].read_text("utf-8"))
    rel = next(r for r in jenex if r.get("recordType") == "relationship")
    share = rel["recordDetails"]["interests"][0]["share"]
    for label, value in (
        ("above-100", {"exact": 150}),
        ("negative", {"exact": -5}),
        ("non-numeric", {"exact": "lots"}),
        ("min-above-max", {"minimum": 80, "maximum": 20}),
    ):
        bad = json.loads(json.dumps(jenex))
        r2 = next(r for r in bad if r.get("recordType") == "relationship")
        r2["recordDetails"]["interests"][0]["share"] = value
        cases.append(Case(f"bods04-share-{label}", json.dumps(bad).encode(), "error", True))
    assert share  # the fixture has a share to corrupt
    dup = json.loads(json.dumps(jenex))
    dup.append(json.loads(json.dumps(jenex[0])))
    dup[-1]["recordDetails"]["name"] = "A DIFFERENT NAME LIMITED"
    cases.append(Case("bods04-duplicate-statement-id", json.dumps(dup).encode(), "parse-or-error"))
    dangling = json.loads(json.dumps(jenex))
    r3 = next(r for r in dangling if r.get("recordType") == "relationship")
    r3["recordDetails"]["interestedParty"] = "no-such-record"
    cases.append(Case("bods04-dangling-reference", json.dumps(dangling).encode(), "parse-or-error"))
    # --- issue 14, hole 3: impossible dates crashed in libcovebods' checks (exit 1)
    for label, where, value in (
        ("feb-30", "statementDate", "2024-02-30"),
        ("month-13", "statementDate", "2017-13-01"),
        ("year-0", "statementDate", "0000-01-01"),
        ("publication-feb-30", "publicationDate", "2018-02-30"),
        ("founding-feb-30", "foundingDate", "2019-02-30"),
    ):
        bad = json.loads(json.dumps(jenex))
        if where == "statementDate":
            bad[0]["statementDate"] = value
        elif where == "publicationDate":
            bad[0]["publicationDetails"]["publicationDate"] = value
        else:
            bad[0]["recordDetails"]["foundingDate"] = value
        cases.append(
            Case(f"bods04-impossible-date-{label}", json.dumps(bad).encode(), "error", True)
        )
    # --- hole 4: control characters in names are removed with a finding (still valid)
    for label, name in (
        ("nul-ansi", "JENEX\u0000LIMITED\u001b[31m"),
        ("rtl-override", "JENEX \u202eDETIMIL"),
        ("zero-width", "JE\u200bNEX LIMITED"),
        ("c1-controls", "JENEX\u0085\u009b LIMITED"),
    ):
        bad = json.loads(json.dumps(jenex))
        bad[0]["recordDetails"]["name"] = name
        cases.append(Case(f"bods04-name-{label}", json.dumps(bad).encode(), "parse-or-error"))
    # --- accounting negatives and digits that NFKC leaves non-ASCII, in structured fields
    for label, val in (("accounting-negative", "(150338)"), ("arabic-indic-digits", "١٥٠٣٣٨")):
        cases.append(
            Case(
                f"form4-{label}-shares",
                (form4[: m4.start(1)] + val + form4[m4.end(1) :]).encode(),
                "error",
                True,
            )
        )
    cases.append(Case("bods-wrong-shape", b'{"statements": "not a list"}', "error"))
    cases.append(Case("json-not-bods", b'[{"hello": "world"}, {"n": 1}]', "error"))
    return cases


def tabular_cases() -> list[tuple[str, str, str, str]]:
    """Hostile edits of the tabular diamond: (name, edges.csv line prefix, replacement, expect)."""
    return [
        (
            "tabular-negative",
            "h1,holds,fund1,acme_common,,1000",
            "h1,holds,fund1,acme_common,,-1000",
            "error",
        ),
        (
            "tabular-non-numeric",
            "h1,holds,fund1,acme_common,,1000",
            "h1,holds,fund1,acme_common,,many",
            "error",
        ),
        (
            "tabular-huge",
            "h1,holds,fund1,acme_common,,1000",
            "h1,holds,fund1,acme_common,," + "9" * 400,
            "error",
        ),
        ("tabular-percent-150", "o1,owns,mgr,fund1,,,,,60", "o1,owns,mgr,fund1,,,,,150", "error"),
        ("tabular-duplicate-id", "e4,controls", "e3,controls", "error"),
        ("tabular-dangling", "e3,controls,mgr,fund1", "e3,controls,ghost,fund1", "error"),
        ("tabular-bad-kind", "e1,controls", "e1,loves", "error"),
        (
            "tabular-bad-date",
            ",2024-01-01,the Manager is the general partner of Fund I",
            ",2024-13-45,x",
            "error",
        ),
        (
            "tabular-accounting-negative",
            "h1,holds,fund1,acme_common,,1000",
            "h1,holds,fund1,acme_common,,(1000)",
            "error",
        ),
        (
            "tabular-arabic-indic-digits",
            "h1,holds,fund1,acme_common,,1000",
            "h1,holds,fund1,acme_common,,١٠٠٠",
            "error",
        ),
        (
            "tabular-scientific-below-bound",
            "h1,holds,fund1,acme_common,,1000",
            "h1,holds,fund1,acme_common,,1e3",
            "parse-or-error",
        ),
        ("tabular-cycle", "o2,owns,mgr,fund2", "o2,owns,fund2,mgr", "parse-or-error"),
        ("tabular-self-loop", "e4,controls,mgr,fund2", "e4,controls,mgr,mgr", "parse-or-error"),
    ]
