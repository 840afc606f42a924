"""Count-only diagnosis of the legacy 13D/G parties and links missed (room PARTIES, issue 11).

Run: ``.venv/bin/python tests/parties9_heldout_counts.py [heldout|dev]``. It prints numbers
and fixed category names only, never a document's text, names, labels or file names
(held-out discipline, /work/team/TEAM.md): per missed party, its kind, the shape of its
labelled name (a fixed list of cue words), whether a spelling is printed in the document;
per missed link, its role, whether each end was parsed, and which of a fixed list of
constructions its quote shows; per invented link, its role.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from ownergraph.loaders import parse_path
from ownergraph.loaders.sec_entities import ENTITY_RE
from ownergraph.queries import eval as ev

ROOT = Path(__file__).parent / "fixtures" / "corpus" / "sec13dg-legacy"

#: shapes of a labelled party name (cue words, fixed)
NAME_CUES = (
    ("subsidiaries", r"subsidiar"),
    ("stockholders/shareholders", r"(?:stock|share)holders"),
    ("controlled by", r"controlled\s+by"),
    ("family", r"\bfamily\b"),
    ("trust", r"\btrust\b"),
    ("account(s)", r"\baccounts?\b"),
    ("fund(s)", r"\bfunds?\b"),
    ("estate", r"\bestate\b"),
    ("spouse/wife/children", r"spouse|wife|husband|child|son|daughter"),
    ("foundation", r"foundation"),
    ("bank", r"\bbank\b"),
    ("legal form", r"\b(?:inc|llc|l\.?p|ltd|limited|corp|corporation|company|plc|gmbh|s\.a)\b"),
    ("possessive", r"['’]s\b"),
)
#: constructions a missed link's quote shows (fixed)
QUOTE_CUES = (
    ("following subsidiaries", r"following\s+(?:[\w-]+\s+){0,3}subsidiar"),
    ("subsidiaries then colon", r"subsidiar[^.:]{0,80}:"),
    ("subsidiaries include/are", r"subsidiaries\s+(?:include|are)"),
    ("'s/its wholly owned subsidiary", r"(?:['’]s|\bits)\s+(?:[\w-]+\s+){0,4}subsidiary"),
    ("a wholly owned subsidiary of", r"subsidiary\s+of"),
    ("wholly owned by", r"owned\s+by"),
    ("its subsidiaries", r"\bits\s+subsidiaries"),
    ("officer title of", r"(?:President|Chief\s+\w+\s+Officer|Chairman|Director|Partner)\s+of"),
    ("title after name comma", r",\s+(?:the\s+)?(?:President|Chief|Chairman|Director|Managing)"),
    ("controlled by", r"controlled\s+by"),
    ("controlling", r"controlling"),
    ("general partner", r"general\s+partner"),
    ("managing member", r"managing\s+member"),
    ("trustee", r"trustee"),
    ("colon", r":"),
    ("semicolon", r";"),
    ("percent", r"%|percent"),
)

#: finer shapes of a quote with "subsidiar... :" (fixed)
COLON_CUES = (
    ("'subsidiaries:' directly", r"subsidiaries\s*:"),
    ("'subsidiary:' directly", r"subsidiary\s*:"),
    ("'subsidiaries of' before colon", r"subsidiaries\s+of\s+[^:]{0,60}:"),
    ("'its' before subsidiar", r"\bits\s+(?:[\w-]+\s+){0,3}subsidiar"),
    ("possessive before subsidiar", r"['’]s\s+(?:[\w-]+\s+){0,3}subsidiar"),
    ("'through' before subsidiar", r"through\s+(?:[\w-]+\s+){0,4}subsidiar"),
    ("'wholly' before subsidiar", r"wholly[\s-]*owned\s+(?:[\w-]+\s+){0,2}subsidiar"),
    ("'direct' before subsidiar", r"\bdirect\s+(?:[\w-]+\s+){0,2}subsidiar"),
    ("'indirect' before subsidiar", r"\bindirect"),
    ("'include' before colon", r"includ[^:]{0,40}:"),
    ("'as follows'", r"as\s+follows"),
    ("'following' before colon", r"following[^:]{0,60}:"),
    ("'held by' / 'holds'", r"held\s+by|\bholds\b"),
    ("item numbering (i)/(a)/1.", r"\((?:i|ii|a|b|1|2)\)|\b\d\.\s"),
    ("semicolon after colon", r":[^.]*;"),
    ("' and ' after colon", r":.*\band\b"),
    (
        "legal form after colon",
        r":.*\b(?:Inc|LLC|L\.P|Ltd|Limited|Corp|Corporation|plc|GmbH|S\.A)\b",
    ),
    ("'...' shortened", r"\.\.\.|…"),
    ("'which acquired'", r"which\s+acquired"),
    ("'parent holding company'", r"parent\s+holding"),
    ("'Item 7'", r"item\s*7"),
    ("'control person'", r"control\s+person"),
    ("'exhibit'", r"exhibit"),
    ("'classification'", r"classification"),
    ("IA/BK/HC code after a name", r"\b(?:IA|BK|HC|IC|BD|IV|CO)\b"),
    ("'see'", r"\bsee\b"),
    ("'not applicable'", r"not\s+applicable"),
    ("lower 'subsidiar'", r"subsidiar"),
    ("capital 'Subsidiar'", r"Subsidiar"),
)


def _cues(s: str, table: tuple[tuple[str, str], ...]) -> list[str]:
    return [n for n, rx in table if re.search(rx, s, re.I)] or ["none"]


def main(split: str = "heldout") -> None:
    """Print the counts for one split."""
    c: Counter[str] = Counter()
    for ep in sorted(ROOT.glob("*.expected.json")):
        exp = json.loads(ep.read_text())
        if exp.get("split") != split:
            continue
        doc = ep.with_name(ep.name[: -len(".expected.json")])
        pd = parse_path(doc)
        text = " ".join(doc.read_text(errors="replace").split())
        key_of = ev.match_parties(exp.get("parties") or [], pd.parties)
        parsed = set(key_of.values())
        parties = {p["key"]: p for p in exp.get("parties") or []}
        report = ev.Report()
        ev.evaluate_one(ep, report)
        c["documents"] += 1
        for m in report.misses:
            if m.kind == "party":
                key = m.detail.split(" ", 1)[0]
                p = parties.get(key) or {}
                spell = p.get("names") or [p.get("name") or ""]
                printed = any(s and s in text for s in spell)
                c[f"party missed: kind={p.get('kind')}"] += 1
                c[f"  kind={p.get('kind')} printed={printed}"] += 1
                for cue in _cues(p.get("name") or "", NAME_CUES):
                    c[f"  kind={p.get('kind')} name shape: {cue}"] += 1
                n_links = sum(
                    key in (ln["controller"], ln["controlled"]) for ln in exp.get("links") or []
                )
                c[f"  kind={p.get('kind')} labelled links={n_links}"] += 1
        for ln in exp.get("links") or []:
            a, b = ln["controller"], ln["controlled"]
            found = any(
                m.kind == "link" and m.detail.startswith(f"{a} -> {b} ") for m in report.misses
            )
            if not found:
                continue
            c[f"link missed: role={ln.get('role')}"] += 1
            c[f"  ends parsed: controller={a in parsed} controlled={b in parsed}"] += 1
            q = ln.get("quote") or ""
            for cue in _cues(q, QUOTE_CUES):
                c[f"  quote shows: {cue}"] += 1
            if re.search(r"subsidiar[^.:]{0,80}:", q, re.I):
                tag = "  [subsidiaries-colon]"
                c[f"{tag} role={ln.get('role')} ends parsed={a in parsed},{b in parsed}"] += 1
                for cue in _cues(q, COLON_CUES):
                    c[f"{tag} shows: {cue}"] += 1
        for m in report.misses:
            if m.kind == "invented_link":
                role = re.search(r"\(([a-z_, ]+)\) not stated$", m.detail)
                c[f"invented link: role={role.group(1) if role else '?'}"] += 1
    for k in sorted(c):
        print(f"{k}: {c[k]}")


#: the 13G Item 7 heading ("... of the Subsidiary Which Acquired the Security ...")
_ITEM7 = re.compile(r"item\s*7\b[^\n]{0,40}\n?[^\n]{0,80}?(?:identification|subsidiar)", re.I)
_BODY_SHAPES = (
    ("see exhibit/appendix", r"\bsee\b"),
    ("not applicable / N/A / none", r"not\s+applicable|\bN/?A\b|\bnone\b"),
    ("colon right after the heading", r"^[^\n]{0,200}?(?:company|person)\.?\s*:"),
    ("numbered 1. / (1) / (a)", r"(?m)^\s*(?:\d{1,2}[.)]|\((?:\d|[a-z])\))\s"),
    ("Item 3 code 3(b)", r"3\s*\([a-k]\)"),
    ("IA/BK/HC code", r"\b(?:IA|BK|HC|IC|BD|IV|CO)\b"),
    ("'wholly owned subsidiary of'", r"subsidiary\s+of"),
    ("'is a bank / investment adviser'", r"\bis\s+an?\s+(?:bank|investment|broker)"),
    ("semicolons", r";"),
    ("commas between legal forms", r"(?:Inc|LLC|L\.P|Ltd|Limited|Corp|Corporation)\.?,\s+[A-Z]"),
)
AFTER_COLON = (
    ("entity names", ENTITY_RE.pattern),
    ("' is a/an '", r"\bis\s+an?\s"),
    ("'subsidiary'", r"(?i)subsidiar"),
    ("'wholly'", r"(?i)wholly"),
    ("'owned'", r"(?i)owned"),
    ("'investment advis'", r"(?i)investment\s+advis"),
    ("'bank'", r"(?i)\bbank\b"),
    ("'3(x)' rule reference", r"3\s*\([a-k]\)"),
    ("'13d-1(b)'", r"13d-1\s*\(b\)"),
    ("'(IA)'-like code", r"\((?:IA|BK|HC|IC|BD|IV|CO)\)"),
    ("bare code word", r"\b(?:IA|BK|HC|IC|BD|IV)\b"),
    ("'Section'", r"Section"),
    ("'Act'", r"\bAct\b"),
    ("sentence ends", r"\.\s+[A-Z]"),
    ("semicolons", r";"),
    ("commas", r","),
    ("'and'", r"\band\b"),
    ("parenthesised defined term", r"\([\"“]"),
    ("'see'", r"(?i)\bsee\b"),
    ("'Exhibit'", r"(?i)exhibit"),
    ("'the following'", r"(?i)following"),
)
_FORMS = re.compile(r"\b(?:Inc|LLC|L\.P|Ltd|Limited|Corp|Corporation|Company|plc|GmbH|N\.A|S\.A)\b")


def item7_shapes(split: str = "heldout") -> None:
    """Count the shapes of the 13G Item 7 bodies (the heading's next ~600 characters)."""
    c: Counter[str] = Counter()
    for ep in sorted(ROOT.glob("*.expected.json")):
        exp = json.loads(ep.read_text())
        if exp.get("split") != split:
            continue
        doc = ep.with_name(ep.name[: -len(".expected.json")])
        raw = doc.read_text(errors="replace")
        raw = re.sub(r"<[^>]+>", " ", raw)
        raw = re.sub(r"&nbsp;|&#160;", " ", raw)
        pd = parse_path(doc)
        report = ev.Report()
        ev.evaluate_one(ep, report)
        missed7 = sum(
            m.kind == "link" and re.search(r"which\s+acquired", m.detail, re.I) is not None
            for m in report.misses
        )
        hc = sum("HC" in (p.type_codes or ()) for p in pd.parties)
        for m in _ITEM7.finditer(raw):
            if not re.search(
                r"which\s+acquired|classification", raw[m.start() : m.start() + 300], re.I
            ):
                continue
            body = raw[m.start() : m.start() + 900]
            nx = re.search(r"item\s*(?:8|9|10)\b", body[20:], re.I)
            if nx:
                body = body[: nx.start() + 20]
            c["item 7 headings"] += 1
            if not missed7:
                continue
            c[f"  [with missed Item 7 links] links={missed7}"] += 1
            line_ends = body.count("\n")
            c[f"  [with missed Item 7 links] lines in body={min(line_ends, 30)}"] += 1
            colon = re.search(r"(?:company|person)\W{0,3}:", body, re.I)
            c[f"  [with missed Item 7 links] colon after the heading={colon is not None}"] += 1
            kinds = Counter(str(p.kind) for p in pd.parties if "HC" in (p.type_codes or ()))
            for k, n in kinds.items():
                c[f"  [with missed Item 7 links] HC filer kind {k}={n}"] += 1
            after = body[colon.end() :] if colon else body
            joined = " ".join(after.split())
            cut = re.search(r"\bitem\s*8\b", joined, re.I)
            joined = joined[: cut.start()] if cut else joined
            pieces = [
                x.strip(" .") for x in re.split(r";|,\s+(?:and\s+)?(?=[A-Z])|\s+and\s+", joined)
            ]
            for x in pieces:
                if x:
                    shape = "entity" if ENTITY_RE.fullmatch(x) else "other"
                    words = min(len(x.split()), 12)
                    c[f"  [with missed Item 7 links] piece after colon: {shape} words={words}"] += 1
            key_of = ev.match_parties(exp.get("parties") or [], pd.parties)
            inv = {v: k for k, v in key_of.items()}
            codes = {key_of.get(p.id): tuple(p.type_codes or ()) for p in pd.parties}
            del inv
            for n, rx in AFTER_COLON:
                c[
                    f"  [with missed Item 7 links] after colon shows {n}: {len(re.findall(rx, joined))}"
                ] += 1
            for m2 in report.misses:
                if m2.kind == "link" and re.search(r"which\s+acquired", m2.detail, re.I):
                    a, b = m2.detail.split(" ", 3)[0], m2.detail.split(" ", 3)[2]
                    c[
                        f"  [with missed Item 7 links] controller codes={codes.get(a)} controlled codes={codes.get(b)}"
                    ] += 1
            from ownergraph.loaders import sec13dg_legacy as lg
            from ownergraph.loaders import sec_subsidiaries as subs

            wt = lg.item_colon_covers(lg._working_text(lg.decode_filing(doc.read_bytes())))
            got = subs._classified_lines(wt, 0) if hasattr(subs, "_classified_lines") else []
            c[f"  [with missed Item 7 links] classified lines read={len(got)}"] += 1
            de = subs.dash_entries(wt, 0) if hasattr(subs, "dash_entries") else []
            c[f"  [with missed Item 7 links] dash entries read={len(de)}"] += 1
            labelled = {
                ev.normalize_name(x)
                for q in exp.get("parties") or []
                for x in (q.get("names") or [q["name"]])
            }
            for i_de, (n, _sp, _e) in enumerate(de):
                nn = ev.normalize_name(n)
                rel = (
                    "equal"
                    if nn in labelled
                    else "a labelled spelling ends it"
                    if any(nn.endswith(" " + x) for x in labelled)
                    else "it ends a labelled spelling"
                    if any(x.endswith(" " + nn) for x in labelled)
                    else "a labelled spelling starts it"
                    if any(nn.startswith(x + " ") for x in labelled)
                    else "it starts a labelled spelling"
                    if any(x.startswith(nn + " ") for x in labelled)
                    else "shares a word"
                    if any(set(nn.split()) & set(x.split()) for x in labelled)
                    else "unrelated"
                )
                c[
                    f"  [with missed Item 7 links] dash entry vs labelled: {rel} words={len(n.split())}"
                ] += 1
                if rel == "a labelled spelling ends it":
                    best = max((x for x in labelled if nn.endswith(" " + x)), key=len)
                    extra = n.split()[: len(n.split()) - len(best.split())]
                    voc = {
                        "company",
                        "companies",
                        "adviser",
                        "advisor",
                        "and",
                        "the",
                        "inc",
                        "inc.",
                        "llc",
                        "co",
                        "co.",
                        "ltd",
                        "limited",
                        "corp",
                        "corporation",
                        "l.p.",
                        "lp",
                    }
                    shp = [
                        (
                            w.lower()
                            if w.lower() in voc
                            else ("U" if w[:1].isupper() else "l" if w[:1].islower() else "p")
                            + str(len(w))
                        )
                        for w in extra
                    ]
                    c[
                        f"  [with missed Item 7 links] extra leading words={shp} entry index={i_de}"
                    ] += 1
                    from ownergraph.loaders.sec_entities import _FORM_AT

                    for w in extra:
                        c[
                            f"  [with missed Item 7 links] extra word: legal form={bool(_FORM_AT.fullmatch(w.strip(',')))} ends={w[-1] if not w[-1].isalnum() else 'alnum'} caps={w.isupper()} has digit={any(ch.isdigit() for ch in w)}"
                        ] += 1
                    # the word before the extra word and the previous entry's category end
                    before_txt = wt[max(0, _sp[0] - 60) : _sp[0]]
                    toks = before_txt.split()
                    w0 = toks[-1] if toks else ""
                    big2 = {
                        "company",
                        "adviser",
                        "advisor",
                        "registered",
                        "under",
                        "in",
                        "of",
                        "the",
                        "act",
                        "rule",
                        "section",
                        "with",
                        "accordance",
                        "and",
                        "or",
                        "by",
                        "as",
                    }
                    c[
                        f"  [with missed Item 7 links] word before the extra word: {w0.lower() if w0.lower().strip(',.;:') in big2 else ('lower' if w0[:1].islower() else 'Upper' if w0[:1].isupper() else 'digit' if w0[:1].isdigit() else 'punct')} ends={w0[-1:] if w0[-1:] and not w0[-1:].isalnum() else 'alnum'}"
                    ] += 1
                    v2 = {
                        "Below",
                        "Above",
                        "Group",
                        "Trust",
                        "Bank",
                        "Funds",
                        "Asset",
                        "Media",
                        "Fund",
                        "Parent",
                        "Holding",
                        "Persons",
                        "Person",
                        "Items",
                        "Item",
                        "Entry",
                        "Name",
                        "Names",
                        "Entity",
                    }
                    c[
                        f"  [with missed Item 7 links] extra word in a fixed list={[w if w in v2 else '-' for w in extra]}"
                    ] += 1
            h7 = next(
                (h for h in subs._ITEM7.finditer(wt) if subs._ITEM7_WORDS.search(h.group(0))), None
            )
            if h7 is not None:
                n8 = subs._ITEM8.search(wt, h7.end())
                c[
                    f"  [with missed Item 7 links] item 8 found after={n8 is not None} distance bucket={((n8.start() - h7.end()) // 250 * 250) if n8 else -1}"
                ] += 1
                seg = wt[h7.end() : (n8.start() if n8 else h7.end() + 3000)]
                for dm in re.finditer(
                    r"\s[-\u2013\u2014]\s|\s[-\u2013\u2014]$|^[-\u2013\u2014]\s", seg, re.M
                ):
                    after = re.findall(r"[A-Za-z]+", seg[dm.end() : dm.end() + 40])[:2]
                    vocab = {
                        "investment",
                        "adviser",
                        "advisor",
                        "holding",
                        "company",
                        "parent",
                        "bank",
                        "broker",
                        "dealer",
                        "insurance",
                        "a",
                        "an",
                        "co",
                        "corp",
                        "corporation",
                        "manager",
                        "management",
                        "advisers",
                        "advisors",
                        "companies",
                        "entity",
                        "hc",
                        "ia",
                    }
                    cat = [w.lower() if w.lower() in vocab else "other" for w in after]
                    ws = re.findall(r"\S+", seg[dm.end() : dm.end() + 60])[:3]
                    shape2 = [
                        ("U" if w[:1].isupper() else "l" if w[:1].islower() else "p")
                        + str(len(w))
                        + (
                            ","
                            if w.endswith(",")
                            else ";"
                            if w.endswith(";")
                            else "."
                            if w.endswith(".")
                            else ""
                        )
                        for w in ws
                    ]
                    c[f"  [item 7 dash] token shapes after the dash={shape2}"] += 1
                    matched = (
                        subs._DASH_CATEGORY.match(seg, dm.start()) is not None
                        if hasattr(subs, "_DASH_CATEGORY")
                        else None
                    )

                    def klass(w: str) -> str:
                        return "".join(
                            "d"
                            if ch.isdigit()
                            else "("
                            if ch == "("
                            else ")"
                            if ch == ")"
                            else "a"
                            if ch.isascii() and ch.isalpha()
                            else "N"
                            if not ch.isascii()
                            else "."
                            for ch in w
                        )

                    big = {
                        "investment",
                        "adviser",
                        "advisor",
                        "advisers",
                        "advisors",
                        "holding",
                        "company",
                        "manager",
                        "management",
                        "registered",
                        "under",
                        "in",
                        "accordance",
                        "with",
                        "rule",
                        "section",
                        "the",
                        "of",
                        "act",
                        "a",
                        "an",
                        "as",
                        "is",
                    }
                    desc = [w.lower() if w.lower().strip(",.;") in big else klass(w) for w in ws]
                    c[f"  [item 7 dash] category matched={matched} tokens={desc}"] += 1
                    before = seg[max(0, dm.start() - 80) : dm.start()].split()
                    stop = "none"
                    k = 0
                    for w in reversed(before):
                        if not subs._NAME_WORD_RE.fullmatch(w) or w in subs._NOT_FIRST:
                            stop = (
                                "digits"
                                if w.isdigit()
                                else "lower"
                                if w[:1].islower()
                                else "not-first word"
                                if w in subs._NOT_FIRST
                                else "quote/odd char"
                                if re.search(r"[\"“”]", w)
                                else "other"
                            )
                            break
                        k += 1
                    c[
                        f"  [item 7 dash] after={cat} name-run words={k} stopped by={stop} newline before dash={chr(10) in seg[max(0, dm.start() - 2) : dm.start() + 1]}"
                    ] += 1
            c[
                f"  [with missed Item 7 links] parties with type codes={sum(bool(q.type_codes) for q in pd.parties)}"
            ] += 1
            for h in subs._ITEM7.finditer(wt):
                c[
                    f"  [with missed Item 7 links] loader-text heading: lines={h.group(0).count(chr(10)) + 1} words={bool(subs._ITEM7_WORDS.search(h.group(0)))}"
                ] += 1
                nxt = wt[h.end() + 1 :].split("\n")[:30]
                for ln in nxt:
                    if not ln.strip():
                        c["  [with missed Item 7 links] loader-text next line: blank"] += 1
                        continue
                    shape = (
                        "classified"
                        if subs._CLASSIFIED.match(ln)
                        else "heading more"
                        if subs._ITEM7_MORE.match(ln)
                        else "has ' - '"
                        if re.search(r"\s-\s", ln)
                        else "item 8"
                        if re.match(r"\s*item\s*8", ln, re.I)
                        else "other"
                    )
                    c[
                        f"  [with missed Item 7 links] loader-text next line: {shape} len={min(len(ln) // 40 * 40, 200)}"
                    ] += 1
                    if shape == "has ' - '":
                        left, right = re.split(r"\s-\s", ln, maxsplit=1)
                        left = left.strip()
                        bad = sorted(
                            {ch for ch in left if not re.match(r"[A-Za-z0-9.,&'()\- ]", ch)}
                        )
                        c[
                            f"  [dash line] left: entity={bool(ENTITY_RE.fullmatch(left))} words={len(left.split())} odd chars={[hex(ord(x)) for x in bad]} first upper={left[:1].isupper()}"
                        ] += 1
                        vocab = {
                            "investment",
                            "adviser",
                            "advisor",
                            "holding",
                            "company",
                            "parent",
                            "bank",
                            "broker",
                            "dealer",
                            "insurance",
                            "a",
                            "an",
                        }
                        first = [
                            w.lower() if w.lower() in vocab else "other"
                            for w in re.findall(r"[A-Za-z]+", right)[:2]
                        ]
                        c[f"  [dash line] right: first words={first}"] += 1
                        n_dash = len(re.findall(r"\s-\s", ln))
                        c[f"  [dash line] number of dashes on the line={n_dash}"] += 1
                    if shape == "other" or shape == "item 8":
                        break
                break
            parties = {q["key"]: q for q in exp.get("parties") or []}
            region = raw[m.start() : m.start() + 3000]
            for m2 in report.misses:
                if not (m2.kind == "link" and re.search(r"which\s+acquired", m2.detail, re.I)):
                    continue
                a, b = m2.detail.split(" ", 3)[0], m2.detail.split(" ", 3)[2]
                for end, k in (("controller", a), ("controlled", b)):
                    spell = sorted(parties[k].get("names") or [parties[k]["name"]], key=len)[::-1]
                    hit = None
                    for sp in spell:
                        rx = r"\s+".join(re.escape(w) for w in sp.split())
                        hit = re.search(rx, region)
                        if hit:
                            break
                    tag = "  [with missed Item 7 links]"
                    if hit is None:
                        c[f"{tag} {end} printed within 3000 chars of the heading=False"] += 1
                        continue
                    c[f"{tag} {end} printed at offset bucket={hit.start() // 300 * 300}"] += 1
                    before = region[max(0, hit.start() - 12) : hit.start()]
                    after = region[hit.end() : hit.end() + 25]
                    bshape = (
                        "line start"
                        if re.search(r"\n[ \t]*$", before)
                        else "colon"
                        if re.search(r":\s*$", before)
                        else "comma"
                        if re.search(r",\s*$", before)
                        else "numbering"
                        if re.search(r"(?:\d[.)]|\([a-z0-9]+\))\s*$", before)
                        else "'and'"
                        if re.search(r"\band\s*$", before)
                        else "'by'/'of'"
                        if re.search(r"\b(?:by|of)\s*$", before)
                        else "other"
                    )
                    ashape = (
                        "line end"
                        if re.match(r"[ \t]*\n", after)
                        else "comma+article"
                        if re.match(r",\s+(?:an?|the)\s", after)
                        else "comma"
                        if re.match(r",", after)
                        else "period"
                        if re.match(r"\.", after)
                        else "paren"
                        if re.match(r"\s*\(", after)
                        else "dash"
                        if re.match(r"\s*[-\u2013\u2014]", after)
                        else "'is'"
                        if re.match(r"\s+is\b", after)
                        else "other"
                    )
                    c[f"{tag} {end} before={bshape} after={ashape}"] += 1
                    if ashape == "dash":
                        tail = region[hit.end() : hit.end() + 120]
                        for n, rx in (
                            ("3(x)", r"^\W*3\s*\([a-k]\)"),
                            ("rule 13d-1(b)", r"^\W*(?:rule\s+)?(?:240\.)?13d-1\s*\(b\)"),
                            ("code word", r"^\W*\(?(?:IA|HC|BD|BK|CO|IC|IV|EP|IN|FI)\b"),
                            ("investment adviser", r"^\W*(?:an?\s+)?investment\s+advis"),
                            ("parent holding company", r"^\W*(?:an?\s+)?parent\s+holding"),
                            ("broker", r"^\W*(?:an?\s+)?broker"),
                            ("bank", r"^\W*(?:an?\s+)?bank"),
                            ("insurance", r"^\W*(?:an?\s+)?insurance"),
                            ("non-U.S.", r"^\W*(?:an?\s+)?non-?\s*U"),
                            ("control person", r"^\W*(?:an?\s+)?control"),
                            ("see/footnote", r"^\W*(?:see|\*|\(\d\))"),
                        ):
                            if re.search(n and rx, tail, re.I):
                                c[f"{tag} after the dash: {n}"] += 1
                        VOCAB = (
                            "a an the investment adviser advisor registered parent holding"
                            " company broker dealer bank insurance institutional non foreign"
                            " manager management entity corporation limited partnership"
                            " liability fund employee benefit plan savings association church"
                            " group person control item rule section see subsidiary owned"
                            " wholly indirect direct sole general managing member trustee"
                            " investor institution in accordance with pursuant to as"
                        ).split()
                        words = re.findall(r"[A-Za-z]+", tail)[:3]
                        for i, w in enumerate(words):
                            c[
                                f"{tag} word {i + 1} after the dash: {w.lower() if w.lower() in VOCAB else 'other'}"
                            ] += 1
                        # the space between the name and the dash
                        sp = re.match(r"([ \t]*)[-\u2013\u2014]", tail)
                        c[f"{tag} blanks before the dash={len(sp.group(1)) if sp else -1}"] += 1
                        ch = re.match(r"[ \t]*([-\u2013\u2014])", tail)
                        c[f"{tag} dash char={ord(ch.group(1)) if ch else -1}"] += 1
            ctrl = {
                m2.detail.split(" ", 1)[0]
                for m2 in report.misses
                if m2.kind == "link" and re.search(r"which\s+acquired", m2.detail, re.I)
            }
            c[f"  [with missed Item 7 links] distinct controllers={len(ctrl)}"] += 1
            lines = [ln.strip() for ln in body.split("\n")[1:] if ln.strip()]
            for ln in lines:
                shape = "entity name" if ENTITY_RE.fullmatch(ln.strip(" ,;")) else "other"
                c[
                    f"  [with missed Item 7 links] body line: {shape}, ends with {ln[-1:] if not ln[-1:].isalnum() else 'alnum'}"
                ] += 1
            c[f"  filers coded HC in the parse={min(hc, 2)}"] += 1
            c[f"  legal forms in body={min(len(_FORMS.findall(body)), 6)}"] += 1
            for n, rx in _BODY_SHAPES:
                if re.search(rx, body, re.I if n != "IA/BK/HC code" else 0):
                    c[f"  [with missed Item 7 links] body shows: {n}"] += 1
            break
    for k in sorted(c):
        print(f"{k}: {c[k]}")


if __name__ == "__main__":
    if sys.argv[2:] == ["item7"]:
        item7_shapes(sys.argv[1])
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else "heldout")
