"""Count-only diagnosis of the legacy 13D/G link misses whose labelled quote is a signature
block (room SIGNATURES, session 8, issue 11).

Run: ``.venv/bin/python tests/signatures_heldout_counts.py [heldout|dev]``. It prints
numbers and closed-list category names only, never a document's text, names, quotes or
file names (held-out discipline, /work/team/TEAM.md).

A labelled link whose quote has "By:", "/s/", "Name:" or "Title:" is a signature link; it
is classed by layout (closed list below), by role, by whether each end is a parsed party
and by whether the parse found it.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from ownergraph.graph.ids import normalize_name
from ownergraph.loaders import parse_path
from ownergraph.loaders.sec_cover import item_colon_covers
from ownergraph.loaders.sec_sections import _working_text, decode_filing
from ownergraph.loaders.sec_signatures import _NO_LINK, _role_of, _signature_blocks
from ownergraph.queries.eval import _scored_links, match_parties

ROOT = Path(__file__).parent / "fixtures" / "corpus" / "sec13dg-legacy"

SIGN = re.compile(r"(?i)\bBy\s*:|/s/|\bName\s*:|\bTitle\s*:|\bIts\s*:")
LAYOUTS = {
    "name-label": r"(?i)\bName\s*:",
    "title-label": r"(?i)\bTitle\s*:",
    "its-label": r"(?i)\bIts\s*:",
    "by-colon": r"(?i)\bBy\s*:",
    "by-no-colon": r"(?i)\bBy\s+(?!:)",
    "slash-s": r"/s/",
    "two-by(nested)": r"(?is)\bBy\b.*\bBy\b",
    "its-role": r"(?i),?\s+its\s+(?:sole\s+)?(?:general|managing|manager|member|trustee|investment)",
    "role-no-its": r"(?i),\s*(?:the\s+)?(?:general\s+partner|managing\s+member|manager)\b(?!\s+of)",
    "as-role-of": r"(?i)\bas\s+(?:the\s+)?[a-z ]{0,30}\bof\b",
    "elided": r"\.\.\.|…",
    "pipe": r"\|",
    "caps-name": r"\b[A-Z]{3,}\s+[A-Z]{3,}",
    "asterisk": r"\*",
    "star-signed": r"(?m)^\s*\*|\s\*\s",
}


def _doc_text(doc: Path) -> str:
    return item_colon_covers(_working_text(decode_filing(doc.read_bytes())))


def _names(exp: dict, key: str) -> set[str]:
    for p in exp["parties"]:
        if p["key"] == key:
            return {normalize_name(n) for n in [p["name"], *p.get("names", [])]}
    return set()


LINE_KINDS = [
    ("name-label", r"(?i)^Name\s*:"),
    ("title-label", r"(?i)^Title\s*:"),
    ("its-label", r"(?i)^Its\s*:"),
    ("by", r"(?i)^By\b"),
    ("slash-s", r"/s/"),
    ("rule", r"^[-_=\s]+$"),
    ("caption", r"(?i)^\(?(?:signature|name|title|date|print)"),
    ("date", r"(?i)^(?:dated?\b|[A-Z][a-z]+\.? \d{1,2}, \d{4})"),
]


def _line_kind(line: str) -> str:
    for name, rx in LINE_KINDS:
        if re.search(rx, line):
            extra = ""
            if name in ("name-label", "title-label", "its-label"):
                rest = line.split(":", 1)[1].strip()
                extra = "+value" if rest else "+empty"
                if rest and _role_of(rest):
                    extra += f"(role={_role_of(rest).value})"
                elif rest and re.search(r"(?i)title\s*:", rest):
                    extra += "(title-on-line)"
            if name == "by":
                rest = re.sub(r"(?i)^By\b", "", line).strip(" :-_=")
                extra = "+empty" if not rest else "+value"
            return name + extra
    if _role_of(line):
        return f"role-line({_role_of(line).value})"
    if line == line.upper() and re.search(r"[A-Z]{2}", line):
        return "caps"
    return "other"


def _typed_name(text: str, span: tuple[int, int] | None, signer: str) -> str:
    """How the first non-caption line under the signer's line relates to the signer's
    name (categories only)."""
    if span is None:
        return "no-span"
    end = text.find("\n", span[1])
    for x in [x.strip() for x in text[end + 1 : end + 600].split("\n") if x.strip()][:4]:
        if _line_kind(x) in ("caption", "rule"):
            continue
        sw = normalize_name(signer).split()
        xw = normalize_name(x).split()
        hon = bool(re.match(r"(?i)(?:mr|mrs|ms|dr)\.?\s", x))
        asof = bool(re.search(r"(?i)\bas\b.*\bof\b", x))
        return (
            f"typed: honorific={hon}"
            f" signer-words={len(sw)} all-in-line={set(sw) <= set(xw)}"
            f" last-in-line={bool(sw) and sw[-1] in xw} first-in-line={bool(sw) and sw[0] in xw}"
            f" comma={',' in x} slash={'/' in x} no-link-word={bool(_NO_LINK.search(x))}"
            f" as-of={asof}"
        )
    return "typed: none"


def _before_shape(text: str, span: tuple[int, int] | None, sub: set[str]) -> str:
    """The kinds of the 6 lines above a signer's line (categories only); 'SUB' marks a
    line naming the labelled entity."""
    if span is None:
        return "no-span"
    start = text.rfind("\n", 0, span[0])
    lines = [x.strip() for x in text[max(0, start - 900) : start].split("\n") if x.strip()][-6:]
    kinds = [
        ("SUB:" if normalize_name(x) in sub or any(n in normalize_name(x) for n in sub) else "")
        + _line_kind(x)
        for x in lines
    ]
    return "before=" + "<".join(reversed(kinds))


def _after_shape(text: str, span: tuple[int, int] | None) -> str:
    """The kinds of the 4 lines after a signer's line (categories only)."""
    if span is None:
        return "no-span"
    end = text.find("\n", span[1])
    lines = [x.strip() for x in text[end + 1 : end + 600].split("\n") if x.strip()][:4]
    line = text[text.rfind("\n", 0, span[0]) + 1 : end].strip()
    return "this=" + _line_kind(line) + " next=" + ">".join(_line_kind(x) for x in lines)


def _overlap(names: list[str], sub: set[str]) -> list[float]:
    """Per name, the best share of a labelled spelling's words it has."""
    out = []
    for n in names:
        w = set(normalize_name(n).split())
        out.append(
            max(
                (round(len(w & set(x.split())) / max(1, len(x.split())), 1) for x in sub),
                default=0.0,
            )
        )
    return out


def _split_name(text: str, b: object, sub: set[str]) -> str:
    """Whether the line above the block's entity line holds the labelled name's missing
    words, and how the entity's words compare (categories only)."""
    a, _e = b.entity_spans[0]
    ent = set(normalize_name(b.entities[0]).split())
    best = max(sub, key=lambda x: len(ent & set(x.split())))
    missing = set(best.split()) - ent
    extra = ent - set(best.split())
    ls = text.rfind("\n", 0, a)
    prev = [x for x in text[max(0, ls - 300) : ls].split("\n") if x.strip()][-1:]
    pw = set(normalize_name(prev[0]).split()) if prev else set()
    nxt_end = text.find("\n", _e)
    nxt = [x for x in text[nxt_end : nxt_end + 300].split("\n") if x.strip()][:1]
    nw = set(normalize_name(nxt[0]).split()) if nxt else set()
    return (
        f"ent-words={len(ent)} label-words={len(best.split())} missing={len(missing)}"
        f" extra={len(extra)} missing-in-line-above={bool(missing) and missing <= pw}"
        f" missing-in-line-below={bool(missing) and missing <= nw}"
        f" same-line-start={text[ls + 1 : a].strip() != ''}"
    )


def _stage(doc: Path, exp: dict, w: dict) -> str:
    """Where the reading stops, as a category: no block names the controlled entity; a
    block names it but not the controller (as a By: entity or the signer); the controller
    is there but its capacity reads no role (which title word class); else 'block-reads'."""
    text = item_colon_covers(_working_text(decode_filing(doc.read_bytes())))
    blocks = _signature_blocks(text, 0)
    ctl, sub = _names(exp, w["controller"]), _names(exp, w["controlled"])
    best = "no-block-names-controlled"
    for b in blocks:
        ents = {normalize_name(e) for e in b.entities}
        bys = [(normalize_name(x), c) for x, c, _s in b.by]
        signer = normalize_name(b.signer or "")
        in_block = bool(ents & sub) or any(x in sub for x, _c in bys)
        ctl_by = [c for x, c in bys if x in ctl]
        if signer in ctl:
            cap = b.capacity or ""
            got = _role_of(cap)
            if not in_block:
                best = "signer-found-entity-not-in-block"
                best += f" (blocks ents={len(b.entities)} bys={len(b.by)} ctx={b.context})"
                best += f" cap-role={got.value if got else None}"
                best += " " + _before_shape(text, b.signer_span, sub)
                best += " " + _after_shape(text, b.signer_span)
                best += " " + _typed_name(text, b.signer_span, b.signer or "")
                continue
            shape = _after_shape(text, b.signer_span) if not cap else ""
            return (
                f"signer-in-block capacity-role={got.value if got else None} cap-empty={not cap}"
                f" {shape}"
            )
        if ctl_by:
            got = _role_of(ctl_by[0])
            ci = [k for k, (x, _c) in enumerate(bys) if x in ctl][0]
            si = [k for k, (x, _c) in enumerate(bys) if x in sub]
            return (
                f"by-entity-in-block capacity-role={got.value if got else None} ctx={b.context}"
                f" ctl-by-index={ci} sub-by-index={si} sub-in-ents={bool(ents & sub)}"
                f" n-ents={len(b.entities)} n-bys={len(bys)} signer={bool(b.signer)}"
                f" ent-overlap={_overlap(b.entities, sub)} by-overlap={_overlap([x for x, _c in bys], sub)}"
                f" by-caps={[bool(c and _role_of(c)) for _x, c in bys]}"
                f" {_split_name(text, b, sub)}"
            )
        if in_block and best.startswith("no-block"):
            best = "block-names-controlled-not-controller"
            best += f" (signer={'yes' if b.signer else 'no'} cap-role={bool(_role_of(b.capacity))} bys={len(b.by)})"
    return best


def main(split: str) -> None:
    by: dict[str, Counter[str]] = {}

    def count(title: str, value: str, n: int = 1) -> None:
        by.setdefault(title, Counter())[value] += n

    for ep in sorted(ROOT.glob("*.expected.json")):
        exp = json.loads(ep.read_text())
        if exp["split"] != split:
            continue
        sig = [w for w in exp["links"] if SIGN.search(w.get("quote") or "")]
        doc = ep.with_name(ep.name[: -len(".expected.json")])
        pd = parse_path(doc)
        key_of = match_parties(exp["parties"], pd.parties)
        matched = set(key_of.values())
        kinds = {p["key"]: p["kind"] for p in exp["parties"]}
        names = {p.id: p.name for p in pd.parties}
        found: dict[tuple, list] = {}
        for x in _scored_links(pd):
            c, d = key_of.get(x.controller_id), key_of.get(x.controlled_id)
            # an unmatched end stays apart per parsed party (as the scorer keeps it)
            pair = (c or f"?{x.controller_id}", d or f"?{x.controlled_id}")
            found.setdefault(pair, []).append(x)
        count("documents with signature links", "yes" if sig else "no")
        pairs = {(w["controller"], w["controlled"]) for w in exp["links"]}
        subj = set(normalize_name(exp["subject"]["name"]).split())
        for bl in _signature_blocks(_doc_text(doc), 0):
            if bl.signer and _role_of(bl.capacity) and len(bl.entities) > 1:
                count(
                    "multi-entity blocks",
                    f"words={[len(normalize_name(e).split()) for e in bl.entities]}"
                    f" in-subject={[round(len(set(normalize_name(e).split()) & subj) / max(1, len(normalize_name(e).split())), 1) for e in bl.entities]}"
                    f" subject-words={len(subj)}"
                    f" same-line={len({sp[0] for sp in bl.entity_spans}) < len(bl.entity_spans) or 'unknown'}",
                )
            if bl.signer and bl.capacity is None and bl.entities and bl.signer_span:
                shape = _after_shape(_doc_text(doc), bl.signer_span)
                if "next=by+empty>name-label" in shape and "role=officer" in shape:
                    tx = _doc_text(doc)
                    before = tx[max(0, bl.span[0] - 4000) : bl.span[0]]
                    lab = {
                        normalize_name(n)
                        for p in exp["parties"]
                        for n in [p["name"], *p.get("names", [])]
                    }
                    cues = {
                        "witness": r"(?i)in\s+witness\s+whereof",
                        "exhibit-heading": r"(?im)^\s*exhibit\b",
                        "joint-filing": r"(?i)joint\s+filing",
                        "signature-heading": r"(?im)^\s*signatures?\s*$",
                        "certify": r"(?i)I\s+certify",
                    }
                    have = [k for k, rx in cues.items() if re.search(rx, before)]
                    agr = bool(re.search(r"(?i)\bagreement\b", before[-1500:]))
                    count(
                        "bare-by officer blocks (guarded)",
                        f"signer-labelled={normalize_name(bl.signer) in lab}"
                        f" entity-labelled={[normalize_name(e) in lab for e in bl.entities]}"
                        f" cues={have} agreement-near={agr} ctx={bl.context}",
                    )
            if bl.signer and _role_of(bl.capacity) and bl.entities:
                for e in bl.entities:
                    ws = set(normalize_name(e).split())
                    count(
                        "officer-ish blocks",
                        f"role={_role_of(bl.capacity).value} context={bl.context}"
                        f" entity~subject={len(ws & subj) / max(1, len(subj)):.1f}"
                        f" signer-labelled={normalize_name(bl.signer) in {normalize_name(n) for p in exp['parties'] for n in [p['name'], *p.get('names', [])]}}"
                        f" shape={_after_shape(_doc_text(doc), bl.signer_span)}"
                        f" n-ents={len(bl.entities)} bys={len(bl.by)}"
                        f" entity-labelled={normalize_name(e) in {normalize_name(n) for p in exp['parties'] for n in [p['name'], *p.get('names', [])]}}",
                    )
        for (a, b), xs in found.items():
            if len(xs) > 1:
                ids = {(x.controller_id, x.controlled_id) for x in xs}
                count(
                    "pairs parsed more than once",
                    f"n={len(xs)} labelled={(a, b) in pairs} distinct-party-pairs={len(ids)}"
                    f" roles={'+'.join(sorted(x.role.value for x in xs))}",
                )
        for (a, b), xs in found.items():
            if (a, b) in pairs:
                continue
            for x in xs:
                signer_made = any(
                    bl.signer
                    and normalize_name(bl.signer) == normalize_name(names.get(x.controller_id, ""))
                    for bl in _signature_blocks(_doc_text(doc), 0)
                )
                sigp = x.provenance and any(SIGN.search(pv.phrase or "") for pv in x.provenance)
                count(
                    f"extra links in docs with signature links={bool(sig)}",
                    f"role={x.role.value} ctl={'matched:' + kinds.get(a, '?') if a else 'unmatched'}"
                    f" sub={'unmatched' if b.startswith('?') else 'matched:' + kinds.get(b, '?')}"
                    f" ctl-is-a-signer={signer_made} reversed-labelled={(b, a) in pairs} sig-provenance={bool(sigp)}"
                    f" ctl-labelled-over-sub-via={sum(1 for p in pairs if p[0] == a)}"
                    f"/{sum(1 for p in pairs if p[1] == b)}",
                )
        for w in sig:
            pair = (w["controller"], w["controlled"])
            hit = pair in found
            st = "found" if hit else "missed"
            count("signature links", st)
            if hit:
                continue
            count("missed role", w["role"])
            count("missed controller kind", kinds.get(pair[0], "?"))
            count(
                "missed ends parsed",
                "both"
                if set(pair) <= matched
                else "controller-only"
                if pair[0] in matched
                else "controlled-only"
                if pair[1] in matched
                else "neither",
            )
            q = w.get("quote") or ""
            cats = [n for n, rx in LAYOUTS.items() if re.search(rx, q)]
            count("missed layout combo", "+".join(cats) or "none")
            for c in cats:
                count("missed layout", c)
            count("missed role x combo", f"{w['role']} | {'+'.join(cats)}")
            count("missed stage", f"{w['role']} | {_stage(doc, exp, w)}")
    for title, cnt in by.items():
        print(title, sorted(cnt.items(), key=lambda x: -x[1]))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "heldout")
