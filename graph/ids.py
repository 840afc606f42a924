"""Deterministic ids from natural keys (followthemoney ``make_id`` style).

Loading the same document twice gives the same ids, which makes loads idempotent.

>>> make_id("party", "cik", "0001080301") == make_id("party", "cik", "1080301")
False
>>> party_id(cik="0001080301") == party_id(cik="1080301")
True
>>> party_id(name="Wynnefield Capital Management, LLC") == party_id(name="WYNNEFIELD CAPITAL MANAGEMENT LLC")
True
>>> party_id(name="Wynnefield Partners Small Cap Value, L.P.") == party_id(name="Wynnefield Partners Small Cap Value LP")
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")

# Legal-form spellings folded to one token, so "L.P." == "LP", "L.L.C." == "LLC".
_LEGAL_FORMS = {
    "l p": "lp",
    "l l c": "llc",
    "l l p": "llp",
    "inc": "inc",
    "incorporated": "inc",
    "ltd": "ltd",
    "limited": "ltd",
    "corp": "corp",
    "corporation": "corp",
    "co": "co",
    "company": "co",
    "n a": "na",
    "s a": "sa",
    "plc": "plc",
}


def make_id(namespace: str, *parts: object) -> str:
    """Return a stable id: ``namespace:`` + 16 hex chars of sha1 over the parts.

    >>> make_id("doc", "abc")
    'doc:a9993e364706816a'
    """
    h = hashlib.sha1()
    for i, part in enumerate(parts):
        if i:
            h.update(b"\x1f")
        h.update(str(part).encode("utf-8"))
    return f"{namespace}:{h.hexdigest()[:16]}"


@lru_cache(maxsize=1 << 18)
def normalize_name(name: str) -> str:
    """Fold a party name for matching: case, accents, punctuation and legal-form spelling.

    >>> normalize_name("Wynnefield Partners Small Cap Value, L.P. I")
    'wynnefield partners small cap value lp i'
    >>> normalize_name("WYNNEFIELD CAPITAL MANAGEMENT, L.L.C.")
    'wynnefield capital management llc'
    >>> normalize_name("Wynnefield Small Cap Value Offshore Fund, Ltd.")
    'wynnefield small cap value offshore fund ltd'
    """
    s = unicodedata.normalize("NFKC", name).casefold()
    s = s.replace("&", " and ")
    # "L.P." -> "l p", "L.L.C." -> "l l c" before punctuation is dropped
    s = re.sub(r"\b([a-z])\.(?=[a-z]\.)", r"\1 ", s)
    s = _PUNCT.sub(" ", s)
    s = _SPACE.sub(" ", s).strip()
    for pattern, short in _LEGAL_RES:  # in order: a later form may match an earlier's output
        s = pattern.sub(short, s)
    return _SPACE.sub(" ", s).strip()


#: :data:`_LEGAL_FORMS` compiled once (each name is normalised once: the function is cached).
_LEGAL_RES = [(re.compile(rf"(?<!\w){long}(?!\w)"), short) for long, short in _LEGAL_FORMS.items()]


def normalize_cik(cik: str | int | None) -> str | None:
    """Return a CIK as ten digits, or ``None``.

    >>> normalize_cik("1080301")
    '0001080301'
    >>> normalize_cik(None) is None
    True
    """
    if cik is None:
        return None
    digits = re.sub(r"\D", "", str(cik))
    if not digits or int(digits) == 0:
        return None
    return digits.zfill(10)


def normalize_cusip(cusip: str | None) -> str | None:
    """Return a CUSIP without spaces or dashes, upper case, or ``None``.

    >>> normalize_cusip("53634 X 100")
    '53634X100'
    """
    if not cusip:
        return None
    s = re.sub(r"[\s\-]", "", cusip).upper()
    return s or None


def party_id(
    *,
    cik: str | None = None,
    lei: str | None = None,
    scheme: str | None = None,
    identifier: str | None = None,
    name: str | None = None,
    namespace: str = "sec",
) -> str:
    """The id of a party from its strongest natural key.

    CIK first, then LEI, then another scheme's identifier (``scheme``/``identifier``,
    e.g. a BODS recordId or a company number), else the normalised name within
    ``namespace`` (the source family: ``sec`` for EDGAR filings).
    """
    if cik and normalize_cik(cik):
        return make_id("party", "cik", normalize_cik(cik))
    if lei:
        return make_id("party", "lei", lei.strip().upper())
    if scheme and identifier:
        return make_id("party", scheme, identifier.strip())
    if name:
        return make_id("party", namespace, normalize_name(name))
    raise ValueError("party_id needs a CIK, LEI, identifier or name")


def security_id(*, cusip: str | None = None, issuer_id: str, title: str | None = None) -> str:
    """The id of a security class: its CUSIP, else issuer plus normalised title."""
    if normalize_cusip(cusip):
        return make_id("security", "cusip", normalize_cusip(cusip))
    return make_id("security", issuer_id, normalize_name(title or "common stock"))


def document_id(sha256: str) -> str:
    """The id of a document: the sha256 of its bytes (same file, same id)."""
    return f"doc:{sha256[:16]}"
