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
PERSON_QUOTE = (
    (
        "'are the' + plural role",
        r"\bare\s+(?:the\s+)?(?:\w+\s+)?(?:members|partners|directors|trustees|managers|officers|principals|owners|shareholders)",
    ),
    ("'is the' + role", r"\bis\s+(?:the|a|an)\s"),
    (
        "plural role then names",
        r"(?:members|partners|directors|trustees|managers|officers|principals)\s+(?:of\s+[^,.]{1,60}\s+)?(?:are|include)",
    ),
    ("colon", r":"),
    ("'each of'", r"each\s+of"),
    ("'as a result'/'by virtue'", r"as\s+a\s+result|by\s+virtue|by\s+reason"),
    ("'may be deemed'", r"may\s+be\s+deemed"),
    ("'controlled by'", r"controlled\s+by"),
    ("'owned by'", r"owned\s+by"),
    ("'shared' power", r"shared?\s+(?:voting|dispositive|power)"),
    ("'investment committee'", r"committee"),
    ("signature /s/", r"/s/"),
    ("By:", r"\bBy:"),
    ("Title", r"Title"),
    ("'...' shortened", r"\.\.\.|…"),
    ("'jointly'", r"jointly"),
    ("'together'", r"together"),
    ("'respectively'", r"respectively"),
)
PRE_SHAPES = (
    ("'owned by' right before", r"owned\s+by\s+(?:(?:Mr|Ms|Mrs|Dr)\.\s*)?$"),
    ("'owned N% by' right before", r"owned\s+(?:approximately\s+)?[\d.]+\s*%\s+by\s+$"),
    ("'owned' then words then 'by'", r"owned\b[^.]{1,60}\bby\b[^.]{0,60}$"),
    ("'controlled by' before", r"controlled\s+by\b[^.]{0,60}$"),
    (
        "names list before (A, B and)",
        r"[A-Z][a-z]+\s+[A-Z][a-z]+,\s+(?:[A-Z][a-z]+\s+[A-Z][a-z]+,?\s+)*(?:and\s+)?$",
    ),
    (
        "plural role 'are' before",
        r"(?:members|partners|directors|trustees|managers|officers)\b[^.]{0,80}\b(?:are|include)\b[^.]{0,80}$",
    ),
    ("colon before", r":[^.:]{0,80}$"),
    ("'/s/' before", r"/s/\s*$"),
    ("'Name:' before", r"Name:\s*$"),
    ("'by' before", r"\bby\s+$"),
)
COLON_LEAD = (
    ("ends 'are'/'include'", r"\b(?:are|include|includes)\s*$"),
    ("'following'", r"following"),
    ("'as follows'", r"as\s+follows\s*$"),
    (
        "plural role",
        r"(?:members|partners|directors|trustees|managers|officers|principals|shareholders|owners)\b",
    ),
    ("'managing member'", r"managing\s+member"),
    ("'general partner'", r"general\s+partner"),
    ("'director'", r"director"),
    ("'officer'", r"officer"),
    ("'owned'", r"owned|owner"),
    ("'control'", r"control"),
    ("Item 2 label (a)-(f)", r"\([a-f]\)"),
    ("'Name'", r"\bname"),
    ("'persons'", r"persons|individuals"),
    ("ends with a capitalised label", r"[A-Z][a-z]+\s*$"),
)
NOTE_CATS = (
    ("subsidiary list (sec_sublists)", "role stated as 'subsidiaries include'"),
    ("role stated", "role stated"),
    ("Item 7 subsidiary", "item 7 subsidiary"),
    ("Subsidiary heading", "subsidiary:"),
    ("signature", "signature"),
    ("signed", "signed"),
    ("schedule", "schedule"),
    ("holding stated", "holding stated"),
    ("footnote", "footnote"),
    ("labelled", "labelled"),
    ("family", "family"),
)
CONTEXT_BEFORE = (
    ("/s/", r"/s/"),
    ("By:", r"By:?"),
    ("Name:", r"Name:"),
    ("Mr./Ms./Dr.", r"(?:Mr|Ms|Mrs|Dr)\."),
    ("'of'", r"\bof"),
    ("'by'", r"\bby"),
    ("'and'", r"\band"),
    ("'with'", r"\bwith"),
    ("comma", r","),
    ("sentence start", r"[.;:]"),
    ("'(' or quote", r"[(\"“]"),
    ("(a)/(i) item letter", r"\((?:[a-z]|i{1,3}|iv|v)\)"),
    ("'is'/'are'", r"\b(?:is|are)"),
    ("'including'", r"including"),
    ("'the'", r"\bthe"),
)
CONTEXT_AFTER = (
    (", the <role>", r",\s+(?:the|its|a|an)\s"),
    (
        ", Title",
        r",\s+(?:President|Chief|Chairman|Director|Managing|Vice|Treasurer|Secretary|Partner|General|Member|Trustee)",
    ),
    ("is/are the", r"(?:is|are)\s+(?:the|a|an)\s"),
    ("is/are other", r"(?:is|are)\s"),
    ("('Term')", r"\(\s*(?:the\s+)?[\"“]"),
    ("(other paren)", r"\("),
    ("'and'", r"and\s"),
    ("comma", r","),
    ("period/semicolon", r"[.;]"),
    ("'may be deemed'", r"may\s+be\s+deemed"),
    ("verb owns/holds/controls", r"(?:owns|holds|controls|manages|serves|acts|has)\b"),
    ("line end", r"\n"),
    ("'Title:'", r"Title"),
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
                for sp in sorted(spell, key=len)[::-1]:
                    hits = list(re.finditer(re.escape(sp), text)) if sp else []
                    if hits:
                        break
                c[f"  kind={p.get('kind')} occurrences={min(len(hits), 5)}"] += 1
                for ln in exp.get("links") or []:
                    if key in (ln["controller"], ln["controlled"]):
                        side = "controller" if key == ln["controller"] else "controlled"
                        c[f"  kind={p.get('kind')} link: {side} role={ln.get('role')}"] += 1
                        for cue in _cues(ln.get("quote") or "", PERSON_QUOTE):
                            c[f"  kind={p.get('kind')} link quote: {cue}"] += 1
                for h in hits[:3]:
                    pre = text[max(0, h.start() - 100) : h.start()]
                    for n, rx in PRE_SHAPES:
                        if re.search(rx, pre):
                            c[f"  kind={p.get('kind')} within 100 before: {n}"] += 1
                    col = re.search(r":([^.:]{0,80})$", pre)
                    if col:
                        between = col.group(1)
                        c[
                            f"  kind={p.get('kind')} colon: chars between={len(between) // 20 * 20} names between={len(re.findall(r'[A-Z][a-z]+ [A-Z][a-z]+', between))} commas={between.count(',')}"
                        ] += 1
                        lead = text[max(0, h.start() - 100 - 160) : h.start() - len(between) - 1]
                        for n, rx in COLON_LEAD:
                            if re.search(rx, lead, re.I):
                                c[f"  kind={p.get('kind')} colon lead: {n}"] += 1
                    for n, rx in CONTEXT_BEFORE:
                        if re.search(rx + r"\s*$", text[max(0, h.start() - 40) : h.start()]):
                            c[f"  kind={p.get('kind')} before: {n}"] += 1
                    for n, rx in CONTEXT_AFTER:
                        if re.match(r"\s*" + rx, text[h.end() : h.end() + 60]):
                            c[f"  kind={p.get('kind')} after: {n}"] += 1
        for ln in exp.get("links") or []:
            a, b = ln["controller"], ln["controlled"]
            found = any(
                m.kind == "link" and m.detail.startswith(f"{a} -> {b} ") for m in report.misses
            )
            if not found:
                continue
            c[f"link missed: role={ln.get('role')}"] += 1
            c[f"  ends parsed: controller={a in parsed} controlled={b in parsed}"] += 1
            for end, k in (("controller", a), ("controlled", b)):
                if k not in parsed:
                    q = parties.get(k) or {}
                    nm = q.get("name") or ""
                    shape = ",".join(_cues(nm, NAME_CUES))
                    c[
                        f"  [unparsed end] role={ln.get('role')} {end} kind={q.get('kind')} shape={shape} words={min(len(nm.split()), 8)}"
                    ] += 1
            q = ln.get("quote") or ""
            for cue in _cues(q, QUOTE_CUES):
                c[f"  quote shows: {cue}"] += 1
            if re.search(r"subsidiar[^.:]{0,80}:", q, re.I):
                tag = "  [subsidiaries-colon]"
                c[f"{tag} role={ln.get('role')} ends parsed={a in parsed},{b in parsed}"] += 1
                for cue in _cues(q, COLON_CUES):
                    c[f"{tag} shows: {cue}"] += 1
        inv = {v: k for k, v in key_of.items()}
        wanted = {(ln["controller"], ln["controlled"]) for ln in exp.get("links") or []}
        for lk in pd.links:
            pair = (key_of.get(lk.controller_id), key_of.get(lk.controlled_id))
            if pair in wanted:
                continue
            for pv in lk.provenance or ():
                note = (pv.note or "").lower()
                cat = next(
                    (n for n, w in NOTE_CATS if note.startswith(w)),
                    "other note" if note else "no note",
                )
                c[f"invented/unlabelled link by note: {cat} role={lk.role.value}"] += 1
        del inv
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
_FORMS = re.compile(r"\b(?:Inc|LLC|L\.P|Ltd|Limited|Corp|Corporation|Company|plc|GmbH|N\.A|S\.A)\b")


def item7_shapes(split: str = "heldout") -> None:
    """Count the shapes of the 13G Item 7 bodies (the heading's next ~900 characters) and,
    for a document whose Item 7 links are missed, what the Item 7 readers of
    :mod:`loaders.sec_subsidiaries` read there (entries, and how each compares with the
    labelled spellings: equal, longer, shorter)."""
    from ownergraph.loaders import sec13dg_legacy as lg
    from ownergraph.loaders import sec_subsidiaries as subs

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
            c[f"  filers coded HC in the parse={min(hc, 2)}"] += 1
            c[f"  legal forms in body={min(len(_FORMS.findall(body)), 6)}"] += 1
            tag = "  [with missed Item 7 links]" if missed7 else "  [others]"
            for n, rx in _BODY_SHAPES:
                if re.search(rx, body, re.I if n != "IA/BK/HC code" else 0):
                    c[f"{tag} body shows: {n}"] += 1
            if not missed7:
                break
            c[f"{tag} links={missed7}"] += 1
            wt = lg.item_colon_covers(lg._working_text(lg.decode_filing(doc.read_bytes())))
            got = subs._classified_lines(wt, 0) or subs.dash_entries(wt, 0)
            c[f"{tag} entries read={len(got)}"] += 1
            labelled = {
                ev.normalize_name(x)
                for q in exp.get("parties") or []
                for x in (q.get("names") or [q["name"]])
            }
            for n, _sp, _e in got:
                nn = ev.normalize_name(n)
                rel = (
                    "equal"
                    if nn in labelled
                    else "a labelled spelling ends it"
                    if any(nn.endswith(" " + x) for x in labelled)
                    else "it ends a labelled spelling"
                    if any(x.endswith(" " + nn) for x in labelled)
                    else "unrelated"
                )
                c[f"{tag} entry vs labelled: {rel} words={len(n.split())}"] += 1
            break
    for k in sorted(c):
        print(f"{k}: {c[k]}")


if __name__ == "__main__":
    if sys.argv[2:] == ["item7"]:
        item7_shapes(sys.argv[1])
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else "heldout")
