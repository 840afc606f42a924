"""Find the node a user means: by id, identifier (CIK, LEI, CUSIP, ...) or name.

Order of tries (first hit wins): a node id; a CUSIP (spaces and dashes allowed,
``"53634 X 100"``); a CIK in any zero padding; an LEI; any other identifier value; the exact
normalised name over every spelling in ``Party.names`` (DOMAIN.md 3: one party, several
spellings); the same without a trailing legal form ("Liquidmetal Technologies" for
"Liquidmetal Technologies, Inc."); then fuzzy matching above :data:`THRESHOLD`, refusing a
tie between two parties.

Fuzzy matching answers about the party the user means, or about nobody:

* names are compared without legal-form and filler words (:data:`NOISE_WORDS`), so a
  shared "Limited" or "LLC" scores nothing ("AIMIA HOLDINGS UK LIMITED" is not the Offshore
  Fund, and "Limited" alone matches no party);
* every distinctive word of the query must match a word of the name (equal, a prefix, an
  abbreviation such as "mgmt", or a typo with ``ratio`` >= :data:`WORD_THRESHOLD`), so
  "Smith Capital Management LLC" does not match "Wynnefield Capital Management, LLC";
* spellings that are fragments of the party's name (extraction debris such as
  "lagement, LLC", much shorter than the clean name) are used for exact matches only.

:func:`resolve_match` says how the subject was found (a :class:`Match`), so that a caller
can tell the user when an answer rests on a fuzzy match.

>>> from ownergraph.graph.model import Party, Security
>>> from ownergraph.graph.store import build_graph
>>> from ownergraph.graph.vocab import NodeKind
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
>>> m = resolve_match(g, "Nelsen Obus")
>>> (m.node, m.how, m.fuzzy, m.spelling)
('p2', 'fuzzy', True, 'Nelson Obus')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ownergraph.graph.errors import SubjectNotFoundError
from ownergraph.graph.ids import normalize_cik, normalize_cusip, normalize_name
from ownergraph.graph.model import Party, Security
from ownergraph.graph.vocab import EdgeKind, NodeKind

# numpy and rapidfuzz are imported by the fuzzy tries only: an exact lookup does not pay
# for them (tests/test_cli_startup.py).
if TYPE_CHECKING:
    import networkx as nx

#: Minimum rapidfuzz WRatio (0-100) for a fuzzy name match.
THRESHOLD = 85.0
#: Two candidates closer than this are a tie (the match is refused as ambiguous).
TIE_MARGIN = 1.0

#: Minimum score for one distinctive query word to count as matched by a name word.
WORD_THRESHOLD = 75.0
#: A spelling whose core is shorter than this fraction of the party's clean name's core is a
#: fragment (text-extraction debris) and takes no part in fuzzy matching.
FRAGMENT_RATIO = 0.8
#: Words that say nothing about which party is meant: legal forms (as folded by
#: :func:`graph.ids.normalize_name`) and fillers.
NOISE_WORDS = frozenset(
    {"inc", "llc", "lp", "llp", "ltd", "corp", "co", "plc", "sa", "na", "ag", "gmbh", "nv", "bv"}
    | {"the", "of", "and", "a"}
)

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


def _core(norm: str) -> str:
    """A normalised name without legal-form and filler words.

    >>> _core("wynnefield small cap value offshore fund ltd"), _core("ltd")
    ('wynnefield small cap value offshore fund', '')
    """
    return " ".join(w for w in norm.split() if w not in NOISE_WORDS)


def _is_fragment(spelling: str, clean: str) -> bool:
    """Whether ``spelling`` is obviously a fragment of the party's ``clean`` name.

    >>> _is_fragment("Wynnefield C", "Wynnefield Capital, Inc.")
    True
    >>> _is_fragment("WYNNEFIELD CAPITAL INC", "Wynnefield Capital, Inc.")
    False
    """
    core, full = _core(normalize_name(spelling)), _core(normalize_name(clean))
    return len(core) < FRAGMENT_RATIO * len(full)


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
    from rapidfuzz import fuzz

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
    import numpy as np
    from rapidfuzz import fuzz, process

    scores = process.cdist([query], [c for _, c in choices], scorer=fuzz.WRatio)[0]
    order = np.argsort(-scores, kind="stable")[:_RESCORE]
    best: dict[str, tuple[float, str]] = {}
    for i in order:
        n, spelling = choices[int(i)]
        score = max(float(scores[i]), _words_score(query, spelling))
        if n not in best or score > best[n][0]:
            best[n] = (score, spelling)
    return sorted(((n, sc, sp) for n, (sc, sp) in best.items()), key=lambda t: (-t[1], t[0]))


def _fuzzy(G: nx.MultiDiGraph, text: str) -> list[tuple[str, float, str]]:
    """(node id, score, spelling) of the parties a fuzzy match may answer with, best first.

    Only clean spellings (not fragments) whose words cover every distinctive word of the
    query are candidates; the score is the larger of ``WRatio`` and the word-by-word score,
    both over the names without legal-form words (module docstring).
    """
    query = _core(normalize_name(text))
    if not query:
        return []
    qwords = query.split()
    choices: list[tuple[str, str, str]] = []
    for n, s, rec in _spellings(G):
        core = _core(normalize_name(s))
        if core and (s == rec.name or not _is_fragment(s, rec.name)):
            choices.append((n, core, s))
    if not choices:
        return []
    import numpy as np
    from rapidfuzz import fuzz, process

    scores = process.cdist([query], [c for _, c, _ in choices], scorer=fuzz.WRatio)[0]
    order = np.argsort(-scores, kind="stable")[:_RESCORE]
    best: dict[str, tuple[float, str]] = {}
    for i in order:
        n, core, spelling = choices[int(i)]
        words = core.split()
        if not all(max(_token_score(q, w) for w in words) >= WORD_THRESHOLD for q in qwords):
            continue
        score = max(float(scores[i]), _words_score(query, core))
        if n not in best or score > best[n][0]:
            best[n] = (score, spelling)
    return sorted(((n, sc, sp) for n, (sc, sp) in best.items()), key=lambda t: (-t[1], t[0]))


@dataclass(frozen=True)
class Match:
    """How a subject was found: ``how`` is ``id``, ``identifier``, ``name``,
    ``name without legal form`` or ``fuzzy``; ``spelling`` the name matched, ``score`` 0-100."""

    node: str
    how: str
    score: float = 100.0
    spelling: str | None = None

    @property
    def fuzzy(self) -> bool:
        """Whether the match is not exact (the answer should say so)."""
        return self.how == "fuzzy"


def resolve_match(G: nx.MultiDiGraph, text: str, *, threshold: float = THRESHOLD) -> Match:
    """Find the node ``text`` designates and say how, or raise :class:`SubjectNotFoundError`.

    Tries in the module docstring's order; a fuzzy match must clear ``threshold`` and the
    coverage and fragment rules, and beat the runner-up by :data:`TIE_MARGIN`. The error
    carries up to five suggestions (the best candidates of :func:`search`'s ranking).
    """
    if text in G:
        return Match(text, "id")
    if not text or not text.strip():
        raise SubjectNotFoundError(text)
    hit = _by_identifier(G, text)
    if hit:
        return Match(hit, "identifier")
    query = normalize_name(text)
    exact = sorted({n for n, s, _ in _spellings(G) if normalize_name(s) == query})
    if len(exact) == 1:
        return Match(exact[0], "name", spelling=str(G.nodes[exact[0]].get("name")))
    stripped = _strip_legal(query)
    if not exact and stripped:
        exact = sorted(
            {n for n, s, _ in _spellings(G) if _strip_legal(normalize_name(s)) == stripped}
        )
        if len(exact) == 1:
            name = str(G.nodes[exact[0]].get("name"))
            return Match(exact[0], "name without legal form", spelling=name)
    if exact:  # several parties share the spelling
        raise SubjectNotFoundError(text, [str(G.nodes[n].get("name", n)) for n in exact])
    fuzzy = _fuzzy(G, text)
    if fuzzy and fuzzy[0][1] >= threshold:
        if len(fuzzy) == 1 or fuzzy[0][1] - fuzzy[1][1] >= TIE_MARGIN:
            n, score, spelling = fuzzy[0]
            return Match(n, "fuzzy", round(score, 1), spelling)
    ranked = _ranked(G, text)
    suggestions = [str(G.nodes[n].get("name", n)) for n, _, _ in ranked[:5]]
    raise SubjectNotFoundError(text, suggestions)


def resolve_subject(G: nx.MultiDiGraph, text: str, *, threshold: float = THRESHOLD) -> str:
    """Return the node id ``text`` designates, or raise :class:`SubjectNotFoundError`.

    The node of :func:`resolve_match`; the error carries up to five suggestions.
    """
    return resolve_match(G, text, threshold=threshold).node


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
        from rapidfuzz import fuzz, process

        scores = process.cdist([query], [s for _, s in secs], scorer=fuzz.WRatio)[0]
        for (n, _), score in zip(secs, scores, strict=True):
            if score >= 50:
                add(n, float(score) - 0.5)  # a party outranks its own class on a tie
    ranked = sorted(out.values(), key=lambda d: (-float(d["score"]), str(d["name"]), str(d["id"])))  # type: ignore[arg-type]
    return ranked[:limit]


def resolve_class_subject(G: nx.MultiDiGraph, text: str) -> Match:
    """Resolve ``text`` to a security or to an issuer of at least one security class.

    A match on anything else (a fund, a person) is refused with one sentence naming what was
    typed, what it matched and why that is not enough, instead of an error about the node id.

    >>> from ownergraph.graph.model import Party
    >>> from ownergraph.graph.store import build_graph
    >>> g = build_graph([Party("p2", "Nelson Obus", NodeKind.PERSON)], [], [], [])
    >>> resolve_class_subject(g, "Nelson Obus")
    Traceback (most recent call last):
    ...
    ownergraph.graph.errors.SubjectNotFoundError: 'Nelson Obus' matches Nelson Obus (person), which issues no security class; give an issuer or a security (name, CUSIP or id)
    """
    m = resolve_match(G, text)
    data = G.nodes[m.node]
    kind = data.get("kind")
    if kind == NodeKind.SECURITY:
        return m
    if any(d.get("kind") == EdgeKind.ISSUES for _, _, d in G.out_edges(m.node, data=True)):
        return m
    label = kind.value if isinstance(kind, NodeKind) else str(kind)
    raise SubjectNotFoundError(
        text,
        reason=(
            f"{text!r} matches {data.get('name', m.node)} ({label}), which issues no security"
            " class; give an issuer or a security (name, CUSIP or id)"
        ),
    )


# --------------------------------------------------------------------------- index keys


def index_keys(record: Party | Security) -> set[str]:
    """The keys under which an exact try of :func:`resolve_match` finds ``record``.

    A store indexes these (``name_keys``), so a lookup reads the few records that share a
    key with the query (:func:`query_keys`) instead of every party: ``n:`` the normalised
    spelling, ``s:`` the same without a legal form, ``c:`` a CIK, ``l:`` an LEI, ``i:`` any
    identifier value as written, ``u:`` a CUSIP.

    >>> sorted(index_keys(Party("p", "Acme Holdings, Inc.", NodeKind.ENTITY,
    ...                          identifiers=(("cik", "0000012345"),))))
    ['c:0000012345', 'i:0000012345', 'n:acme holdings inc', 's:acme holdings']
    """
    keys: set[str] = set()
    if isinstance(record, Security):
        cusip = normalize_cusip(record.cusip)
        if cusip:
            keys.add("u:" + cusip)
        return keys
    for s in (record.name, *record.names):
        norm = normalize_name(s)
        keys.add("n:" + norm)
        keys.add("s:" + _strip_legal(norm))
    for scheme, value in record.identifiers:
        keys.add("i:" + value.strip())
        if scheme == "cik":
            keys.add(f"c:{normalize_cik(value)}")
        if scheme == "lei":
            keys.add("l:" + value.upper())
    return keys


def query_keys(text: str) -> list[str]:
    """The index keys a query can match (see :func:`index_keys`), for every exact try."""
    raw = text.strip()
    keys = ["i:" + raw]
    cusip = normalize_cusip(raw)
    if cusip:
        keys.append("u:" + cusip)
    bare = re.sub(r"^(?:cik|lei)\s*[:#]?\s*", "", raw, flags=re.I)
    if re.fullmatch(r"\d{1,10}", bare):
        keys.append(f"c:{normalize_cik(bare)}")
    keys.append("l:" + bare.upper())
    norm = normalize_name(text)
    keys += ["n:" + norm, "s:" + _strip_legal(norm)]
    return keys
