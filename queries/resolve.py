"""Find the node a user means: by id, identifier (CIK, LEI, CUSIP, ...) or name.

Order of tries (first hit wins): a node id; a CUSIP (spaces and dashes allowed,
``"53634 X 100"``); a CIK in any zero padding; an LEI; any other identifier value; the exact
normalised name over every spelling in ``Party.names`` (DOMAIN.md 3: one party, several
spellings); the same without a trailing legal form ("Liquidmetal Technologies" for
"Liquidmetal Technologies, Inc."); then fuzzy matching (rapidfuzz ``WRatio`` over normalised
spellings) above :data:`THRESHOLD`, refusing a tie between two parties.

>>> from graph.model import Party, Security
>>> from graph.store import build_graph
>>> from graph.vocab import NodeKind
>>> g = build_graph(
...     [Party("p1", "Liquidmetal Technologies, Inc.", NodeKind.ISSUER,
...            identifiers=(("cik", "0001141240"),)),
...      Party("p2", "Nelson Obus", NodeKind.PERSON)],
...     [Security("s1", "p1", "Common Stock", cusip="53634X100")], [], [])
>>> resolve_subject(g, "53634 X 100"), resolve_subject(g, "1141240")
('s1', 'p1')
>>> resolve_subject(g, "Liquidmetal Technologies"), resolve_subject(g, "nelson obus")
('p1', 'p2')
>>> resolve_subject(g, "Nelsen Obus")
'p2'
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import networkx as nx
import numpy as np
from rapidfuzz import fuzz, process

from graph.errors import SubjectNotFoundError
from graph.ids import normalize_cik, normalize_cusip, normalize_name
from graph.model import Party, Security
from graph.vocab import NodeKind

#: Minimum rapidfuzz WRatio (0-100) for a fuzzy name match.
THRESHOLD = 85.0
#: Two candidates closer than this are a tie (the match is refused as ambiguous).
TIE_MARGIN = 1.0

_LEGAL_SUFFIX = re.compile(r"(?:\s+(?:inc|llc|lp|llp|ltd|corp|co|plc|sa|na|ag|gmbh|nv|bv))+$")
_CUSIP = re.compile(r"^[0-9A-Z]{6}[0-9A-Z*@#]{2}[0-9]$")
_LEI = re.compile(r"^[0-9A-Z]{18}[0-9]{2}$")


def _spellings(G: nx.MultiDiGraph) -> Iterator[tuple[str, str, Party]]:
    for n, data in G.nodes(data=True):
        rec = data.get("record")
        if isinstance(rec, Party):
            for s in dict.fromkeys((rec.name, *rec.names)):
                yield n, s, rec


def _strip_legal(norm: str) -> str:
    return _LEGAL_SUFFIX.sub("", norm).strip()


def _by_identifier(G: nx.MultiDiGraph, text: str) -> str | None:
    raw = text.strip()
    cusip = normalize_cusip(raw)
    if cusip and _CUSIP.match(cusip):
        for n, data in sorted(G.nodes(data=True)):
            rec = data.get("record")
            if isinstance(rec, Security) and normalize_cusip(rec.cusip) == cusip:
                return n
    bare = re.sub(r"^(?:cik|lei)\s*[:#]?\s*", "", raw, flags=re.I)
    if re.fullmatch(r"\d{1,10}", bare):
        cik = normalize_cik(bare)
        for n, data in sorted(G.nodes(data=True)):
            rec = data.get("record")
            if isinstance(rec, Party) and any(
                s == "cik" and normalize_cik(v) == cik for s, v in rec.identifiers
            ):
                return n
    up = bare.upper()
    for n, data in sorted(G.nodes(data=True)):
        rec = data.get("record")
        if isinstance(rec, Party):
            for s, v in rec.identifiers:
                if (s == "lei" and _LEI.match(up) and v.upper() == up) or v.strip() == raw:
                    return n
    return None


def _token_score(q: str, t: str) -> float:
    """How well one query word matches one name word: equal 100; a prefix ("mgmt" is not,
    "manag" is) or an abbreviation keeping the first letter and the order of letters
    ("mgmt" for "management") 90; else rapidfuzz ``ratio``.

    >>> _token_score("mgmt", "management"), _token_score("cap", "capital")
    (90.0, 90.0)
    """
    if q == t:
        return 100.0
    ratio = float(fuzz.ratio(q, t))
    if len(q) >= 2 and t.startswith(q):
        return max(90.0, ratio)
    if len(q) >= 3 and q[0] == t[0]:
        it = iter(t)
        if all(ch in it for ch in q):
            return max(90.0, ratio)
    return ratio


def _words_score(query: str, name: str) -> float:
    """Mean over the query's words of the best match among the name's words."""
    qs, ts = query.split(), name.split()
    if not qs or not ts:
        return 0.0
    return sum(max(_token_score(q, t) for t in ts) for q in qs) / len(qs)


#: Candidates re-scored word by word after the vectorised WRatio pass.
_RESCORE = 2000


def _ranked(G: nx.MultiDiGraph, text: str) -> list[tuple[str, float, str]]:
    """(node id, score, spelling) for every party, best first, one entry per party.

    A spelling's score is the larger of rapidfuzz ``WRatio`` and a word-by-word score that
    accepts prefixes and abbreviations ("wynnefield capitl mgmt" finds "Wynnefield Capital
    Management, LLC" before "Wynnefield Capital, Inc."); the word score is computed for the
    best :data:`_RESCORE` candidates only, so large graphs stay fast.
    """
    query = normalize_name(text)
    choices: list[tuple[str, str]] = [(n, normalize_name(s)) for n, s, _ in _spellings(G)]
    if not query or not choices:
        return []
    scores = process.cdist([query], [c for _, c in choices], scorer=fuzz.WRatio)[0]
    order = np.argsort(-scores, kind="stable")[:_RESCORE]
    best: dict[str, tuple[float, str]] = {}
    for i in order:
        n, spelling = choices[int(i)]
        score = max(float(scores[i]), _words_score(query, spelling))
        if n not in best or score > best[n][0]:
            best[n] = (score, spelling)
    return sorted(((n, sc, sp) for n, (sc, sp) in best.items()), key=lambda t: (-t[1], t[0]))


def resolve_subject(G: nx.MultiDiGraph, text: str, *, threshold: float = THRESHOLD) -> str:
    """Return the node id ``text`` designates, or raise :class:`SubjectNotFoundError`.

    The error carries up to five suggestions (the best fuzzy candidates).
    """
    if text in G:
        return text
    if not text or not text.strip():
        raise SubjectNotFoundError(text)
    hit = _by_identifier(G, text)
    if hit:
        return hit
    query = normalize_name(text)
    exact = sorted({n for n, s, _ in _spellings(G) if normalize_name(s) == query})
    if len(exact) == 1:
        return exact[0]
    if not exact:
        stripped = _strip_legal(query)
        exact = sorted(
            {n for n, s, _ in _spellings(G) if _strip_legal(normalize_name(s)) == stripped}
        )
        if len(exact) == 1:
            return exact[0]
    ranked = _ranked(G, text)
    names = {n: str(G.nodes[n].get("name", n)) for n, _, _ in ranked[:5]}
    suggestions = [names[n] for n, _, _ in ranked[:5]]
    if exact:  # several parties share the spelling
        raise SubjectNotFoundError(text, [str(G.nodes[n].get("name", n)) for n in exact])
    if ranked and ranked[0][1] >= threshold:
        if len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= TIE_MARGIN:
            return ranked[0][0]
    raise SubjectNotFoundError(text, suggestions)


def search(G: nx.MultiDiGraph, text: str, *, limit: int = 10) -> list[dict[str, object]]:
    """Candidates for a search box: ``[{"id", "name", "kind", "score"}]``, best first.

    An identifier hit (id, CIK, LEI, CUSIP) scores 100; parties are ranked by the fuzzy
    score of their best spelling; securities by their display name.
    """
    out: dict[str, dict[str, object]] = {}

    def add(n: str, score: float) -> None:
        if n not in out or float(out[n]["score"]) < score:  # type: ignore[arg-type]
            data = G.nodes[n]
            kind = data.get("kind")
            out[n] = {
                "id": n,
                "name": str(data.get("name", n)),
                "kind": kind.value if isinstance(kind, NodeKind) else str(kind),
                "score": round(score, 1),
            }

    if not text or not text.strip():
        return []
    if text in G:
        add(text, 100.0)
    hit = _by_identifier(G, text)
    if hit:
        add(hit, 100.0)
    for n, score, _ in _ranked(G, text):
        if score >= 50:
            add(n, score)
    query = normalize_name(text)
    secs = [
        (n, normalize_name(str(d.get("name", n))))
        for n, d in G.nodes(data=True)
        if d.get("kind") == NodeKind.SECURITY
    ]
    if secs and query:
        scores = process.cdist([query], [s for _, s in secs], scorer=fuzz.WRatio)[0]
        for (n, _), score in zip(secs, scores, strict=True):
            if score >= 50:
                add(n, float(score) - 0.5)  # a party outranks its own class on a tie
    ranked = sorted(out.values(), key=lambda d: (-float(d["score"]), str(d["name"]), str(d["id"])))  # type: ignore[arg-type]
    return ranked[:limit]
