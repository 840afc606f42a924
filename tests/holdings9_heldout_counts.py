"""Count-only diagnosis of the legacy 13D/G labelled holdings (room HOLDINGS, session 9).

Run: ``.venv/bin/python tests/holdings9_heldout_counts.py [heldout|dev]``. It prints
numbers and category names only, never a document's text, names, labels or file names
(held-out discipline, /work/team/TEAM.md). Per labelled holding: found right / a field
wrong / missing; for a missing one: who holds it (a filer with a cover page or not), how
its count relates to the cover pages, whether the label's class can match any parsed
title, which reader saw the count (stated holdings, breakdown parts, for which holder),
what the loader did with the document (owners on the pages, text holdings, the lowest
page), and the shape of the sentence that prints the count in the prose (a fixed
vocabulary kept, other words replaced by C / w / N / p).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from ownergraph.loaders import parse_path
from ownergraph.loaders import sec13dg_legacy as _legacy
from ownergraph.queries import eval as ev

ROOT = Path(__file__).parent / "fixtures" / "corpus" / "sec13dg-legacy"

#: words kept as themselves in a shape; others become C (capitalised), w (lower case),
#: N (a number), p (punctuation other than the listed marks)
KEEP = frozenset(
    """the owns own owned beneficially holds held hold directly indirectly of by record may be
    deemed to has have had shares aggregate an which and including includes include is are a
    total its his her their each as for in with respect power sole shared voting dispositive
    vote dispose direct disposition over consisting consist consists comprised approximately
    common stock units reporting person persons fund funds partnership account accounts trust
    owner class preferred series warrants options option warrant exercise exercisable
    convertible conversion upon issuable underlying item percent outstanding represents
    representing or such these those following individually through via directly on behalf
    clients client amount number pursuant plan spouse wife husband children child trustee
    custodian estate ira foundation none name names table row rows beneficial ownership""".split()
)


def _shape(toks: list[str]) -> str:
    out = []
    for t in toks:
        low = t.lower()
        if low in KEEP:
            out.append(low)
        elif t[0].isdigit():
            out.append("N")
        elif t[0].isalpha():
            out.append("C" if t[0].isupper() else "w")
        else:
            out.append(t if t in "():;,.%$" else "p")
    return " ".join(out)


def _toks(s: str) -> list[str]:
    return re.findall(r"[A-Za-z]+|\d[\d,.]*|[^\sA-Za-z\d]", s)


def _printed(n: float) -> list[str]:
    i = int(round(n))
    return [f"{i:,}", str(i)] if i >= 1000 else [str(i)]


_SEEN: list = []
_orig = _legacy._text_holdings


def _capture(ctx, pages, page_pid, sec_id, as_of):  # type: ignore[no-untyped-def]
    got = _orig(ctx, pages, page_pid, sec_id, as_of)
    _SEEN.append((ctx, pages, page_pid, got))
    return got


_legacy._text_holdings = _capture


def _sentence(text: str, at: int) -> tuple[str, str]:
    """The stretch before and after ``at`` up to a sentence end or a blank line."""
    a = max(
        text.rfind(". ", 0, at),
        text.rfind(".\n", 0, at),
        text.rfind("\n\n", 0, at),
        text.rfind(";", 0, at),
        at - 400,
    )
    ends = [x for x in (text.find(". ", at), text.find(".\n", at), text.find("\n\n", at)) if x > 0]
    b = min([*ends, at + 300])
    return text[a + 1 : at], text[at:b]


def main(split: str = "heldout") -> None:
    """Print the counts for one split."""
    c: Counter[str] = Counter()
    for ep in sorted(ROOT.glob("*.expected.json")):
        exp = json.loads(ep.read_text())
        if exp.get("split") != split or not exp.get("holdings"):
            continue
        doc = ep.with_name(ep.name[: -len(".expected.json")])
        _SEEN.clear()
        pd = parse_path(doc)
        text = doc.read_text(errors="replace")
        if not _SEEN:
            c["doc: text holdings not reached"] += 1
            continue
        ctx, pages, page_pid, text_held = _SEEN[-1]
        key_of = ev.match_parties(exp.get("parties") or [], pd.parties)
        pid_of = {v: k for k, v in key_of.items()}
        kinds = {p["key"]: p.get("kind") for p in exp.get("parties") or []}
        pos = {q["party"]: q for q in exp.get("positions") or []}
        report = ev.Report()
        ev.evaluate_one(ep, report)
        hmiss = [m for m in report.misses if m.kind == "holding"]
        missing = [m for m in hmiss if m.detail.startswith("no holding")]
        wrong = [m for m in hmiss if not m.detail.startswith("no holding")]
        hs = exp["holdings"]
        top = max((pg.values.get("aggregate") or 0 for pg in pages), default=0)
        c["docs"] += 1
        c[f"doc: pages={min(len(pages), 5)}"] += 1
        c[f"doc: labelled holdings={min(len(hs), 6)} missing={min(len(missing), 6)}"] += 1
        c[f"doc: wrong fields={len(wrong)}"] += 1
        path = (
            "owners on pages"
            if any(pg.owners_raw for pg in pages)
            else "text holdings"
            if text_held
            else "lowest page / page holdings"
        )
        c[f"doc: loader path={path}"] += 1
        s = sum(h.get("shares") or 0 for h in hs)
        c[
            "doc: labelled sum vs top aggregate="
            + ("equal" if abs(s - top) <= len(hs) else "less" if s < top else "more")
        ] += 1
        filer_keys = set(pos)
        c[
            f"doc: labelled holders that are filers={sum(h['holder'] in filer_keys for h in hs)}/{len(hs)}"
        ] += 1
        classes = {ev.normalize_name(h.get("class") or "") for h in hs}
        c[f"doc: labelled classes={len(classes)}"] += 1
        c[f"doc: parsed securities={len(pd.securities)} holdings={min(len(pd.holdings), 6)}"] += 1
        c[
            f"doc: stated counts read={min(len(ctx.stated), 6)} breakdowns={min(len(ctx.breakdowns), 4)}"
        ] += 1
        titles = {
            ev.normalize_name(t)
            for s_ in pd.securities
            for t in (s_.title, ev._class_name(s_.title))
        }
        titles |= {
            ev.normalize_name(t)
            for h in pd.holdings
            for t in (h.title or "", ev._class_name(h.title or ""))
        }
        for m in wrong:
            f = next((f for f in ev.HOLDING_FIELDS if f") {f}:" in m.detail), "?")
            c[f"wrong field: {f}"] += 1
            key = m.detail.split()[0]
            for h in hs:
                if h["holder"] == key and f"'{h.get('class')}'" in m.detail:
                    cls = ev.normalize_name(h.get("class") or "")
                    cw = [w for w in cls.split() if w in KEEP]
                    c[
                        f"  wrong {f}: label derivative={h.get('derivative')} rta={h.get('right_to_acquire')} class kept words={cw}"
                    ] += 1
                    if f == "derivative":
                        n = h.get("shares") or 0
                        p = pos.get(key, {})
                        c[
                            f"  wrong derivative (doc {c['docs']}): count = own page {[k for k in ('sole_voting', 'shared_voting', 'aggregate') if ev._num_eq(p.get(k), n)] or 'none'}"
                        ] += 1
                        body = pages[-1].end if pages else 0
                        for s_ in _printed(n):
                            for x in list(
                                re.finditer(
                                    rf"(?<![\d,.]){re.escape(s_)}(?![\d,]|\.\d)", text[body:]
                                )
                            )[:2]:
                                at = body + x.start()
                                bf, af = text[max(0, at - 300) : at], text[at : at + 200]
                                c[
                                    f"  wrong derivative spot (doc {c['docs']}): {_shape(_toks(bf)[-30:])} [N] {_shape(_toks(af)[1:20])}"
                                ] += 1
            if f == "shares":
                mm = re.search(r"expected (\S+), got (\S+)", m.detail)
                if mm:
                    w, g = float(mm.group(1).rstrip(",")), float(mm.group(2).rstrip(","))
                    key = m.detail.split()[0]
                    p = pos.get(key, {})
                    rel = [
                        k
                        for k in ("sole_voting", "shared_voting", "aggregate")
                        if ev._num_eq(p.get(k), g)
                    ]
                    c[
                        f"  wrong shares: got {'more' if g > w else 'less'}, got = own page {rel or 'none'}"
                    ] += 1
                    c[
                        f"  wrong shares: expected = own page {[k for k in ('sole_voting', 'shared_voting', 'sole_dispositive', 'shared_dispositive', 'aggregate') if ev._num_eq(p.get(k), w)] or 'none'}"
                    ] += 1
                    c[
                        f"  wrong shares: difference printed={any(x in text for x in _printed(abs(g - w)))}"
                    ] += 1
                    d = abs(g - w)
                    c[
                        f"  wrong shares: a parsed holding of another holder has the difference={any(ev._num_eq(h.shares, d) for h in pd.holdings)}"
                    ] += 1
                    c[
                        f"  wrong shares: a labelled holding of another holder has the difference={any(ev._num_eq(h.get('shares'), d) for h in hs if h['holder'] != key)}"
                    ] += 1
                    for s_ in _printed(d):
                        for x in list(
                            re.finditer(rf"(?<![\d,.]){re.escape(s_)}(?![\d,]|\.\d)", text)
                        )[:3]:
                            bf, af = (
                                text[max(0, x.start() - 300) : x.start()],
                                text[x.start() : x.start() + 200],
                            )
                            c[
                                f"  wrong shares: difference spot (doc {c['docs']}): {_shape(_toks(bf)[-30:])} [D] {_shape(_toks(af)[1:20])}"
                            ] += 1
                    c[
                        f"  wrong shares: doc {c['docs']} pages={len(pages)} own page sv={p.get('sole_voting') is not None and p.get('sole_voting') > 0} shv={bool(p.get('shared_voting'))} sd={bool(p.get('sole_dispositive'))} shd={bool(p.get('shared_dispositive'))}"
                    ] += 1
        for m in missing:
            key = m.detail.split(" by ", 1)[1].split(" ", 1)[0]
            want = next(
                (
                    h
                    for h in hs
                    if h["holder"] == key and f"expected {h.get('shares')!r}" in m.detail
                ),
                None,
            )
            if want is None:
                c["missing: label not re-found"] += 1
                continue
            n = want.get("shares")
            cls = ev.normalize_name(want.get("class") or "")
            c["missing"] += 1
            c[
                f"missing: holder kind={kinds.get(key)} filer={key in filer_keys} parsed={key in pid_of} class ok={cls in titles}"
            ] += 1
            c[f"missing: label class matches a parsed title={cls in titles}"] += 1
            cw = [
                w
                for w in cls.split()
                if w in KEEP
                or w
                in (
                    "a",
                    "b",
                    "c",
                    "ordinary",
                    "ads",
                    "american",
                    "depositary",
                    "membership",
                    "interests",
                    "limited",
                    "rights",
                )
            ]
            c[
                f"missing: label derivative={want.get('derivative')} rta={want.get('right_to_acquire')}"
                f" class words={len(cls.split())} kept={cw} matches={cls in titles}"
            ] += 1
            dh = [
                h
                for h in pd.holdings
                if h.holder_id == pid_of.get(key) and h.instrument.value != "common"
            ]
            c[f"missing: parsed derivative holdings of the holder={len(dh)}"] += 1
            p = pos.get(key, {})
            rel = [
                k
                for k in (
                    "sole_voting",
                    "shared_voting",
                    "sole_dispositive",
                    "shared_dispositive",
                    "aggregate",
                )
                if ev._num_eq(p.get(k), n)
            ]
            c[f"missing: count = own page {rel or 'none'}"] += 1
            others = any(ev._num_eq(q.get("aggregate"), n) for k, q in pos.items() if k != key)
            c[f"missing: count = another page's aggregate={others}"] += 1
            pid = pid_of.get(key)
            st = [(h, v) for h, v, _p in ctx.stated if v is not None and ev._num_eq(v, n)]
            c[
                "missing: stated count read="
                + (
                    "no"
                    if not st
                    else "right holder"
                    if any(h == pid for h, _ in st)
                    else "other holder"
                )
            ] += 1
            bp = [x for _a, bd in ctx.breakdowns for x in bd.parts if ev._num_eq(x.shares, n)]
            c[
                "missing: breakdown part read="
                + (
                    "no"
                    if not bp
                    else "right holder"
                    if any(x.holder == pid for x in bp)
                    else f"other holder/none ({sum(x.holder is None for x in bp)} none)"
                )
            ] += 1
            pheld = [h for h in pd.holdings if h.holder_id == pid]
            c[
                f"missing: parsed holdings of the holder={min(len(pheld), 3)}; one has the count={any(ev._num_eq(h.shares, n) for h in pheld)}"
            ] += 1
            ups = {lk["controller"] for lk in exp.get("links") or [] if lk["controlled"] == key}
            downs = {lk["controlled"] for lk in exp.get("links") or [] if lk["controller"] == key}
            c[f"missing: holder has labelled controller={bool(ups)} controls={bool(downs)}"] += 1
            # where the count is printed after the cover pages
            body = pages[-1].end if pages else 0
            spots = sorted(
                {
                    x.start()
                    for s_ in _printed(n)
                    for x in re.finditer(rf"(?<![\d,.]){re.escape(s_)}(?![\d,]|\.\d)", text)
                }
            )
            prose = [a for a in spots if a >= body]
            c[
                f"missing: printed on cover={sum(a < body for a in spots) > 0} in body={min(len(prose), 3)}"
            ] += 1
            spell = [
                ev.normalize_name(x)
                for q in exp.get("parties") or []
                if q["key"] == key
                for x in [q.get("name") or "", *(q.get("names") or [])]
                if x
            ]
            for a in prose[:2]:
                before, after = _sentence(text, a)
                nb = ev.normalize_name(" ".join(before.split()))
                na = ev.normalize_name(" ".join(after.split()))
                named = (
                    "before"
                    if any(x and x in nb for x in spell)
                    else "after"
                    if any(x and x in na for x in spell)
                    else "not in sentence"
                )
                tag = (
                    f"doc {c['docs']} holding {c['missing']} filer={key in filer_keys}"
                    f" kind={kinds.get(key)} class ok={cls in titles} path={path[:6]}"
                    f" read={'no' if not st else 'right' if any(h == pid for h, _ in st) else 'other'}"
                )
                c[f"  spot: holder named {named} ({tag})"] += 1
                tb = _toks(before)[-40:]
                ta = _toks(after)[:24]
                c[f"  spot shape ({tag}): {_shape(tb)} [N] {_shape(ta[1:])}"] += 1
    print(f"split {split}")
    for k, v in sorted(c.items()):
        print(f"  {k}: {v}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "heldout")
