"""Fidelity of the loaders on labelled real documents (contract C4 in the team brief).

Each labelled document ``tests/fixtures/corpus/<source>/<file>`` has its expectations
beside it in ``<file>.expected.json`` (written by reading the document, never from this
tool's output). :func:`evaluate` parses each document with the ordinary loaders and scores:

- **fields**: every cover-page row value (rows 7-11, 13, type, group box) and every
  holding value (shares, direct/indirect, nature, right to acquire, derivative). A
  missing row counts each of its fields wrong; a row the loader invents (a Form 3/4/5
  holding or a cover page nobody expected) counts one wrong field. For a 13D/G only the
  holdings the labels list are scored (they are optional there).
- **links**: recall (expected links found) and precision (found links that are expected).
  A link counts when its controller and controlled match, direction included; its role
  and its voting/investment powers are scored apart (``link fields``). Group membership
  (``member_of`` to a Rule 13d-5(b) group node) is not a stated control link and is not
  scored.
- **who controls**: the ultimate controllers of the shares the document reports, computed
  by the public :func:`queries.control.who_controls` on the graph of the parsed document
  (a subject without securities, e.g. a BODS company, through the product's dispatcher
  :func:`queries.control.who_controls_answer`, i.e. the register rules)
  alone (subject: the class the expectation names in ``who_controls.class``, else the
  document's class), and each one's aggregate. ``right`` when the set and every aggregate
  match, ``partly`` when the sets share someone, else ``wrong``.

Matching (C4): a party matches by CIK / LEI / identifier when both sides have one, else by
:func:`graph.ids.normalize_name` against any listed spelling (a leading "The" ignored); an
expected party of kind
``unknown`` (an intermediary the document does not name) matches an anonymous parsed party
whose name contains one of its spellings. Numbers match within half a share; percents
within 0.01 (the filed precision).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ownergraph.graph.errors import InputError, OwnergraphError
from ownergraph.graph.ids import normalize_cik, normalize_name
from ownergraph.graph.model import Holding, Link, ParsedDocument, Party
from ownergraph.graph.store import build_graph
from ownergraph.graph.vocab import EdgeKind, NodeKind, Power

#: Source kinds in table order.
SOURCES = ("sec13dg-legacy", "sec13dg-submission", "form345", "bods")
SPLITS = ("dev", "heldout")
EXPECTED_SUFFIX = ".expected.json"
POSITION_FIELDS = (
    "sole_voting",
    "shared_voting",
    "sole_dispositive",
    "shared_dispositive",
    "aggregate",
    "percent",
    "type_codes",
    "member_of_group",
)
HOLDING_FIELDS = ("shares", "direct_or_indirect", "nature", "right_to_acquire", "derivative")


@dataclass
class Tally:
    """The counts of one (source, split) cell; ratios are computed, never stored."""

    documents: int = 0
    refused: int = 0
    fields: int = 0
    fields_right: int = 0
    links_expected: int = 0
    links_found: int = 0
    links_right: int = 0
    links_stated_found: int = 0
    link_fields: int = 0
    link_fields_right: int = 0
    who_scored: int = 0
    who_right: int = 0
    who_partly: int = 0

    def add(self, other: Tally) -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @property
    def field_accuracy(self) -> float | None:
        return self.fields_right / self.fields if self.fields else None

    @property
    def recall(self) -> float | None:
        return self.links_right / self.links_expected if self.links_expected else None

    @property
    def precision(self) -> float | None:
        return self.links_stated_found / self.links_found if self.links_found else None

    @property
    def link_field_accuracy(self) -> float | None:
        return self.link_fields_right / self.link_fields if self.link_fields else None

    @property
    def who_controls_right(self) -> float | None:
        return self.who_right / self.who_scored if self.who_scored else None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {k: getattr(self, k) for k in self.__dataclass_fields__}
        for k in ("field_accuracy", "recall", "precision", "link_field_accuracy"):
            d[k] = getattr(self, k)
        d["who_controls_right"] = self.who_controls_right
        return d


@dataclass
class Miss:
    """One thing the loaders got wrong in one document."""

    document: str
    source: str
    split: str
    kind: str  # refused | party | position | holding | extra_holding | link | invented_link ...
    detail: str

    def to_dict(self) -> dict[str, str]:
        return dict(self.__dict__)


@dataclass
class Report:
    """Tallies per (source, split), totals per split, the misses, the documents scored."""

    tallies: dict[tuple[str, str], Tally] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    #: "<source>/<document>" -> (split, that document's tally)
    doc_tallies: dict[str, tuple[str, Tally]] = field(default_factory=dict)

    def total_of(self, documents: Iterable[str], split: str) -> Tally:
        """The totals of one split over some documents ("<source>/<document>") only."""
        t = Tally()
        for d in documents:
            sp, dt = self.doc_tallies.get(d, ("", None))
            if dt is not None and sp == split:
                t.add(dt)
        return t

    def tally(self, source: str, split: str) -> Tally:
        return self.tallies.setdefault((source, split), Tally())

    def total(self, split: str | None = None) -> Tally:
        t = Tally()
        for (_src, sp), v in self.tallies.items():
            if split is None or sp == split:
                t.add(v)
        return t

    def to_dict(self, *, heldout_misses: bool = False) -> dict[str, Any]:
        """The ``--json`` shape (held-out misses only when asked for)."""
        return {
            "by_source": [
                {"source": s, "split": sp, **self.tallies[(s, sp)].to_dict()}
                for s in SOURCES + tuple(sorted({k[0] for k in self.tallies} - set(SOURCES)))
                for sp in SPLITS
                if (s, sp) in self.tallies
            ],
            "total": {sp: self.total(sp).to_dict() for sp in SPLITS}
            | {"all": self.total().to_dict()},
            "documents": self.documents,
            "misses": [m.to_dict() for m in self.misses if heldout_misses or m.split != "heldout"],
        }


# ----------------------------------------------------------------------------- discovery


def find_expectations(paths: Iterable[str | Path]) -> list[Path]:
    """The ``*.expected.json`` files under ``paths`` (folders searched recursively; a
    document path stands for the expectation file beside it)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(p.rglob(f"*{EXPECTED_SUFFIX}")))
        elif p.name.endswith(EXPECTED_SUFFIX):
            out.append(p)
        else:
            out.append(p.with_name(p.name + EXPECTED_SUFFIX))
    return list(dict.fromkeys(out))


# ----------------------------------------------------------------------------- matching


def _ids(p: dict[str, Any]) -> dict[str, str]:
    ids = {str(k).lower(): str(v) for k, v in (p.get("identifiers") or {}).items() if v}
    if p.get("cik"):
        ids["cik"] = normalize_cik(str(p["cik"])) or str(p["cik"])
    if p.get("lei"):
        ids["lei"] = str(p["lei"]).upper()
    return ids


def _parsed_ids(p: Party) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in p.identifiers:
        k = k.lower()
        out[k] = (normalize_cik(v) or v) if k == "cik" else (v.upper() if k == "lei" else v)
    return out


def _norm(name: str) -> str:
    """``normalize_name`` without a leading article ("The Founders Fund, LP" = "Founders
    Fund, LP": the article is grammar, not identity)."""
    n = normalize_name(name)
    return n[4:] if n.startswith("the ") else n


def _spellings(p: dict[str, Any]) -> set[str]:
    names = [p.get("name") or ""] + list(p.get("names") or [])
    return {_norm(n) for n in names if n and _norm(n)}


def party_matches(exp: dict[str, Any], got: Party) -> bool:
    """The C4 rule: identifier when both sides have one, else a normalised spelling."""
    a, b = _ids(exp), _parsed_ids(got)
    common = set(a) & set(b)
    if common:
        return any(a[k] == b[k] for k in common)
    mine = _spellings(exp)
    theirs = {_norm(n) for n in (got.name, *got.names) if n}
    if mine & theirs:
        return True
    if exp.get("kind") == "unknown" and got.kind is NodeKind.UNKNOWN:
        return any(s and s in t for s in mine for t in theirs)
    return False


def match_parties(expected: list[dict[str, Any]], parsed: Iterable[Party]) -> dict[str, str]:
    """Parsed party id -> expected key (the first expected party each one matches)."""
    out: dict[str, str] = {}
    for p in parsed:
        for e in expected:
            if party_matches(e, p):
                out[p.id] = e["key"]
                break
    return out


def _num_eq(a: Any, b: Any, tol: float = 0.5) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= tol


def _text_eq(a: Any, b: Any) -> bool:
    na = " ".join(str(a).split()).casefold() if a else None
    nb = " ".join(str(b).split()).casefold() if b else None
    return na == nb


# ----------------------------------------------------------------------------- scoring


def _score_positions(
    exp: dict[str, Any], pd: ParsedDocument, key_of: dict[str, str], t: Tally, miss: Any
) -> None:
    by_key: dict[str, list[Any]] = defaultdict(list)
    for pos in pd.positions:
        k = key_of.get(pos.party_id)
        if k is None:
            for e in exp["parties"]:
                if _spellings(e) & {_norm(pos.name or "")}:
                    k = e["key"]
                    break
        by_key[k or f"?{pos.party_id}"].append(pos)
    for want in exp.get("positions") or []:
        got = by_key.get(want["party"]) or []
        t.fields += len(POSITION_FIELDS)
        if not got:
            miss("position", f"no cover page for {want['party']}")
            continue
        g = got.pop(0)
        have = {
            "sole_voting": g.sole_voting,
            "shared_voting": g.shared_voting,
            "sole_dispositive": g.sole_dispositive,
            "shared_dispositive": g.shared_dispositive,
            "aggregate": g.aggregate,
            "percent": g.percent_of_class,
            "type_codes": sorted(g.type_codes),
            "member_of_group": g.member_of_group,
        }
        for f in POSITION_FIELDS:
            w = want.get(f)
            if f == "type_codes":
                ok = sorted(w or []) == have[f]
            elif f == "percent":
                ok = _num_eq(w, have[f], 0.011)
            elif f == "member_of_group":
                ok = (w or None) == (have[f] or None)
            else:
                ok = _num_eq(w, have[f])
            if ok:
                t.fields_right += 1
            else:
                miss("position", f"{want['party']} {f}: expected {w!r}, got {have[f]!r}")
    for k, rest in by_key.items():
        for g in rest:
            t.fields += 1
            miss("extra_position", f"cover page not expected: {g.name!r} ({k})")


def _class_name(title: str) -> str:
    """A class title as a 13D/G cover prints it, without its par value and description
    (the class's name before the first comma or parenthesis).

    >>> _class_name("Common shares, $0.01 par value (including the associated rights)")
    'Common shares'
    >>> _class_name("Ordinary Shares (par value $0.0001)"), _class_name("Common Stock")
    ('Ordinary Shares', 'Common Stock')
    """
    return re.split(r"\s*[,(]", title, maxsplit=1)[0].strip()


def _holding_view(h: Holding, key_of: dict[str, str], titles: dict[str, str]) -> dict[str, Any]:
    return {
        "holder": key_of.get(h.holder_id),
        "titles": {normalize_name(h.title or ""), normalize_name(titles.get(h.security_id, ""))},
        "class_names": {
            normalize_name(_class_name(h.title or "")),
            normalize_name(_class_name(titles.get(h.security_id, ""))),
        },
        "shares": h.shares,
        "direct_or_indirect": h.direct_or_indirect.value,
        "nature": h.nature_of_ownership,
        "right_to_acquire": h.right_to_acquire,
        "derivative": h.derivative,
        "exercise_price": h.exercise_price,
        "raw": h,
    }


def _holding_fields(want: dict[str, Any], got: dict[str, Any]) -> dict[str, bool]:
    return {
        "shares": _num_eq(want.get("shares"), got["shares"]),
        "direct_or_indirect": (want.get("direct_or_indirect") or "direct")
        == got["direct_or_indirect"],
        "nature": _text_eq(want.get("nature"), got["nature"]),
        "right_to_acquire": bool(want.get("right_to_acquire")) == got["right_to_acquire"],
        "derivative": bool(want.get("derivative")) == got["derivative"],
    }


def _score_holdings(
    exp: dict[str, Any],
    pd: ParsedDocument,
    key_of: dict[str, str],
    t: Tally,
    miss: Any,
    *,
    extras_count: bool,
) -> None:
    titles = {s.id: s.title for s in pd.securities}
    pool = [_holding_view(h, key_of, titles) for h in pd.holdings]
    for want in exp.get("holdings") or []:
        t.fields += len(HOLDING_FIELDS)
        cls = normalize_name(want.get("class") or "")
        cands = [
            g
            for g in pool
            if g["holder"] == want["holder"]
            and cls in g["titles"]
            and (
                want.get("exercise_price") is None
                or _num_eq(want["exercise_price"], g["exercise_price"], 0.0001)
            )
        ]
        if not cands:  # the class's name before its par value and description
            cands = [g for g in pool if g["holder"] == want["holder"] and cls in g["class_names"]]
            cands = cands if want.get("exercise_price") is None else []
        if not cands:
            miss(
                "holding",
                f"no holding of {want.get('class')!r} by {want['holder']}"
                f" ({want.get('direct_or_indirect')}, {want.get('nature')!r}):"
                f" expected {want.get('shares')!r}",
            )
            continue
        best = max(cands, key=lambda g: sum(_holding_fields(want, g).values()))
        pool.remove(best)
        for f, ok in _holding_fields(want, best).items():
            if ok:
                t.fields_right += 1
            else:
                miss(
                    "holding",
                    f"{want['holder']} {want.get('class')!r} ({want.get('nature')!r}) {f}:"
                    f" expected {want.get(f)!r}, got {best[f]!r}",
                )
    if extras_count:
        names = {p.id: p.name for p in pd.parties}
        for g in pool:
            h = g["raw"]
            t.fields += 1
            miss(
                "extra_holding",
                f"holding not expected: {g['holder'] or '?' + names.get(h.holder_id, h.holder_id)}"
                f" {h.title!r}"
                f" {h.shares!r} ({g['direct_or_indirect']}, {g['nature']!r})",
            )


def _scored_links(pd: ParsedDocument) -> list[Link]:
    comp = {p.id for p in pd.parties if p.is_component}
    return [
        lk
        for lk in pd.links
        if lk.kind in (EdgeKind.CONTROLS, EdgeKind.OWNS, EdgeKind.CONSOLIDATES)
        and lk.end_date is None  # an ended relationship is history, not a current link
        and lk.controller_id not in comp
        and lk.controlled_id not in comp
    ]


def _power_of(lk: Link, which: str) -> str | None:
    p: Power | None = getattr(lk, which, None) or lk.power
    return p.value if p is not None else None


def _score_links(
    exp: dict[str, Any], pd: ParsedDocument, key_of: dict[str, str], t: Tally, miss: Any
) -> None:
    names = {p.id: p.name for p in pd.parties}
    found: dict[tuple[str, str], list[Link]] = defaultdict(list)
    for lk in _scored_links(pd):
        c, d = key_of.get(lk.controller_id), key_of.get(lk.controlled_id)
        pair = (
            c or f"?{names.get(lk.controller_id, lk.controller_id)}",
            d or f"?{names.get(lk.controlled_id, lk.controlled_id)}",
        )
        found[pair].append(lk)
    wanted = {(w["controller"], w["controlled"]): w for w in exp.get("links") or []}
    t.links_expected += len(wanted)
    t.links_found += len(found)
    for pair, w in wanted.items():
        got = found.get(pair)
        if not got:
            miss(
                "link",
                f"{pair[0]} -> {pair[1]} ({w.get('role')}) not found: {w.get('quote', '')[:120]}",
            )
            continue
        t.links_right += 1
        t.links_stated_found += 1
        t.link_fields += 1
        roles = {lk.role.value for lk in got}
        if w.get("role") in roles:
            t.link_fields_right += 1
        else:
            miss(
                "link_role",
                f"{pair[0]} -> {pair[1]}: role expected {w.get('role')}, got {sorted(roles)}",
            )
        for which in ("voting", "investment"):
            if w.get(which) is None:
                continue
            t.link_fields += 1
            have = {_power_of(lk, which) for lk in got}
            if w[which] in have:
                t.link_fields_right += 1
            else:
                miss(
                    "link_power",
                    f"{pair[0]} -> {pair[1]} {which}: expected {w[which]}, got {sorted(map(str, have))}",
                )
    for pair, got in found.items():
        if pair not in wanted:
            miss(
                "invented_link",
                f"{pair[0]} -> {pair[1]} ({', '.join(sorted({lk.role.value for lk in got}))}) not stated",
            )


def _subject_security(exp: dict[str, Any], pd: ParsedDocument) -> str | None:
    want = (exp.get("who_controls") or {}).get("class")
    if want:
        for s in pd.securities:
            if normalize_name(s.title) == normalize_name(want):
                return s.id
    return pd.document.security_id


def reported_holdings(pd: ParsedDocument) -> list[Holding]:
    """The holdings whose shares the document reports (C4 "who-controls right"): for a
    Schedule 13D/G, those of the reporting persons (a cover page) and of the parties below
    them by the stated links; a director's or officer's own shares that a schedule lists
    are not the filers' reported shares. Other sources (and a 13D/G with no cover page
    read): every holding.
    """
    if not pd.positions or not pd.document.format.value.startswith("sec13dg"):
        return list(pd.holdings)
    below: dict[str, set[str]] = {}
    for lk in pd.links:
        below.setdefault(lk.controller_id, set()).add(lk.controlled_id)
    reach = {p.party_id for p in pd.positions}
    todo = list(reach)
    while todo:
        for c in below.get(todo.pop(), ()):
            if c not in reach:
                reach.add(c)
                todo.append(c)
    return [h for h in pd.holdings if h.holder_id in reach]


def who_controls_verdict(
    exp: dict[str, Any], pd: ParsedDocument, key_of: dict[str, str]
) -> tuple[str, str]:
    """("right" | "partly" | "wrong", detail) for the expectation's ``who_controls``."""
    from ownergraph.queries.control import has_securities, who_controls, who_controls_answer

    sid = _subject_security(exp, pd)
    want = {u["party"]: u.get("aggregate") for u in exp["who_controls"].get("ultimate") or []}
    if sid is None or pd.document.format.value == "bods":
        subj = exp.get("subject") or {}
        sid = next((p.id for p in pd.parties if subj.get("name") and party_matches(subj, p)), sid)
    if sid is None:
        return ("right" if not want else "wrong"), "no class in the parsed document"
    G = build_graph(
        pd.parties,
        pd.securities,
        reported_holdings(pd),
        pd.links,
        [pd.document],
        positions=pd.positions,
    )
    if sid not in G:
        return ("right" if not want else "wrong"), "the class holds nothing"
    if has_securities(G, sid):
        ans = who_controls(G, sid, max_paths=0)
        got = {
            key_of.get(c.party_id, f"?{c.name}"): c.shares
            for c in ans.ultimate
            if c.party_id != ans.subject_id  # who controls X does not answer X
        }
    else:  # a company without securities: the product's dispatcher (register rules)
        answer = who_controls_answer(G, sid, max_paths=0)
        got = {
            key_of.get(r.party_id, f"?{r.name}"): r.aggregate
            for r in answer.rows
            if r.ultimate and r.party_id != sid
        }
    if not want and not got:
        return "right", ""
    same = set(want) == set(got) and all(want[k] is None or _num_eq(want[k], got[k]) for k in want)
    detail = (
        f"expected {sorted((k, v) for k, v in want.items())}, "
        f"got {sorted((k, v) for k, v in got.items())}"
    )
    if same:
        return "right", ""
    return ("partly" if set(want) & set(got) else "wrong"), detail


def read_expectation(path: Path) -> dict[str, Any]:
    """An expectation file (C4), or :class:`InputError` (file, place, reason): a missing
    file, bad JSON, or a label without its document or its keys."""
    try:
        exp = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(str(path), None, f"no expectation file: {exc.strerror}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f"line {exc.lineno}, column {exc.colno}" if hasattr(exc, "lineno") else None
        raise InputError(str(path), where, f"not JSON: {exc}") from exc
    if not isinstance(exp, dict):
        raise InputError(str(path), "top level", "an expectation is a JSON object (C4)")
    missing = [k for k in ("parties", "links") if not isinstance(exp.get(k, []), list)]
    if missing:
        raise InputError(str(path), missing[0], "must be a list (C4)")
    doc = path.with_name(path.name[: -len(EXPECTED_SUFFIX)])
    if not path.name.endswith(EXPECTED_SUFFIX) or not doc.is_file():
        raise InputError(str(path), None, f"the labelled document {doc.name} is not beside it")
    return exp


def evaluate_one(expected_path: Path, report: Report) -> None:
    """Parse one labelled document and add its scores and misses to ``report``."""
    from ownergraph.loaders import parse_path

    exp = read_expectation(expected_path)
    doc_path = expected_path.with_name(expected_path.name[: -len(EXPECTED_SUFFIX)])
    source = exp.get("source") or expected_path.parent.name
    split = exp.get("split") or "dev"
    t = Tally(documents=1)  # this document's counts, added to its (source, split) at the end
    name = exp.get("document") or doc_path.name
    report.doc_tallies[f"{source}/{name}"] = (split, t)

    def miss(kind: str, detail: str) -> None:
        report.misses.append(Miss(name, source, split, kind, detail))

    nmiss = len(report.misses)
    try:
        pd = parse_path(doc_path)
    except OwnergraphError as exc:
        t.refused += 1
        miss("refused", str(exc)[:300])
        pd = None
    if pd is None:
        n_pos = len(exp.get("positions") or []) * len(POSITION_FIELDS)
        n_hold = len(exp.get("holdings") or []) * len(HOLDING_FIELDS)
        t.fields += n_pos + n_hold
        t.links_expected += len(exp.get("links") or [])
        if exp.get("who_controls") is not None:
            t.who_scored += 1
        report.documents.append(
            {"document": name, "source": source, "split": split, "who": "refused"}
        )
        report.tally(source, split).add(t)
        return
    key_of = match_parties(exp.get("parties") or [], pd.parties)
    for e in exp.get("parties") or []:
        if e["key"] not in key_of.values():
            miss("party", f"{e['key']} ({e.get('name')!r}) not among the parsed parties")
    _score_positions(exp, pd, key_of, t, miss)
    _score_holdings(exp, pd, key_of, t, miss, extras_count=source in ("form345",))
    _score_links(exp, pd, key_of, t, miss)
    verdict = None
    if exp.get("who_controls") is not None:
        t.who_scored += 1
        verdict, detail = who_controls_verdict(exp, pd, key_of)
        if verdict == "right":
            t.who_right += 1
        else:
            t.who_partly += verdict == "partly"
            miss("who_controls", f"{verdict}: {detail}")
    report.documents.append(
        {
            "document": name,
            "source": source,
            "split": split,
            "who": verdict,
            "misses": len(report.misses) - nmiss,
        }
    )
    report.tally(source, split).add(t)


def evaluate(paths: Iterable[str | Path]) -> Report:
    """Score the loaders against every expectation file under ``paths``."""
    report = Report()
    for p in find_expectations(paths):
        evaluate_one(p, report)
    return report


# ----------------------------------------------------------------------------- rendering


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def table_rows(report: Report) -> list[list[str]]:
    """Rows of the table: per source and the total, each metric for dev then held-out."""
    header = ["source", "docs (refused)"]
    for m in ("fields", "link recall", "link precision", "who-controls"):
        header += [f"{m} dev", f"{m} held-out"]
    rows = [header]
    sources = [s for s in SOURCES if any((s, sp) in report.tallies for sp in SPLITS)]
    sources += sorted({k[0] for k in report.tallies} - set(SOURCES))
    for s in [*sources, "TOTAL"]:
        dev, ho = (
            report.total(sp) if s == "TOTAL" else report.tallies.get((s, sp), Tally())
            for sp in SPLITS
        )
        row = [s, f"{dev.documents}+{ho.documents} ({dev.refused}+{ho.refused})"]
        for t in (dev, ho):
            row.append(f"{_pct(t.field_accuracy)} {t.fields_right}/{t.fields}")
        metrics = (
            lambda t: f"{_pct(t.recall)} {t.links_right}/{t.links_expected}",
            lambda t: f"{_pct(t.precision)} {t.links_stated_found}/{t.links_found}",
            lambda t: f"{_pct(t.who_controls_right)} {t.who_right}/{t.who_scored}",
        )
        for fn in metrics:
            row += [fn(dev), fn(ho)]
        rows.append(row)
    return rows


def format_table(report: Report, *, width: int = 200) -> str:
    """The table as text (rich); "docs" is dev+held-out; link fields (role, powers) below."""
    import io

    from rich.console import Console
    from rich.table import Table

    rows = table_rows(report)
    tab = Table(title="ownergraph eval: labelled real documents")
    for h in rows[0]:
        tab.add_column(h, no_wrap=True)
    for r in rows[1:]:
        tab.add_row(*r)
    buf = io.StringIO()
    Console(file=buf, width=width, no_color=True, force_terminal=False).print(tab)
    dev, ho = report.total("dev"), report.total("heldout")
    buf.write(
        f"link fields (role, powers of the links found): dev {_pct(dev.link_field_accuracy)},"
        f" held-out {_pct(ho.link_field_accuracy)}; who-controls partly right:"
        f" dev {dev.who_partly}, held-out {ho.who_partly}\n"
    )
    return buf.getvalue()


def format_misses(report: Report, *, split: str | None = None, limit: int | None = None) -> str:
    """The misses, one line each (``split`` filters)."""
    lines = [
        f"[{m.split}] {m.source}/{m.document}: {m.kind}: {m.detail}"
        for m in report.misses
        if split is None or m.split == split
    ]
    if limit is not None and len(lines) > limit:
        lines = lines[:limit] + [f"... {len(lines) - limit} more"]
    return "\n".join(lines)
