"""Room FIELDS2: lines above a signature that name no party: a court order's "BY THE
COURT" and a bracketed caption "[Signature Page to Equity Commitment Letter]" (both were
parties of their own in corpus filings)."""

from __future__ import annotations

from ownergraph.loaders.sec_signatures import _SIG_NOT_ENTITY


def test_court_and_bracketed_caption_are_no_entity() -> None:
    assert _SIG_NOT_ENTITY.match("BY THE COURT")
    assert _SIG_NOT_ENTITY.match("[Signature Page to Equity Commitment Letter]")
    assert _SIG_NOT_ENTITY.match("(Signature)")


def test_names_stay_entities() -> None:
    for name in (
        "BYTHE COURTLAND CAPITAL LLC",
        "COURT SQUARE CAPITAL PARTNERS, L.P.",
        "ALPHA FUND I, L.P.",
    ):
        assert not _SIG_NOT_ENTITY.match(name), name
