"""Every document of the real corpus (../shared/corpus, 590 files) parses without a crash.

A typed refusal is right only for a document that is truly not an ownership filing; each
refusal is listed with its reason in tests/corpus_refusals.json ("not_ownership", or
"known_gaps" for ownership filings still refused: a defect, kept visible and at most 2 %).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ownergraph.graph.errors import OwnergraphError
from ownergraph.loaders import parse_path

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
ALLOWED = json.loads((Path(__file__).parent / "corpus_refusals.json").read_text())
SKIP = {"README.md", "SOURCES.md"}

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the real corpus is not beside the checkout ({CORPUS})"
)


def _documents() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name not in SKIP)


@pytest.fixture(scope="module")
def outcome() -> dict[str, str | None]:
    """Corpus-relative path -> None (parsed) or the typed refusal; a crash propagates."""
    out: dict[str, str | None] = {}
    crashes = []
    for p in _documents():
        rel = p.relative_to(CORPUS).as_posix()
        try:
            parse_path(p)
            out[rel] = None
        except OwnergraphError as exc:
            out[rel] = str(exc)
        except Exception as exc:  # noqa: BLE001 - the point: a crash is a test failure
            crashes.append(f"{rel}: {type(exc).__name__}: {exc}")
    assert crashes == [], "crashes:\n" + "\n".join(crashes)
    return out


@pytest.mark.slow
def test_no_crash_and_every_refusal_explained(outcome: dict[str, str | None]) -> None:
    listed = {**ALLOWED["not_ownership"], **ALLOWED["known_gaps"]}
    refused = {k: v for k, v in outcome.items() if v is not None}
    unexplained = sorted(f"{k}: {v}" for k, v in refused.items() if k not in listed)
    assert unexplained == [], "refused without a reason in corpus_refusals.json:\n" + "\n".join(
        unexplained
    )
    now_parsing = sorted(k for k in listed if outcome.get(k, "missing") is None)
    assert now_parsing == [], (
        f"these parse now: remove them from corpus_refusals.json: {now_parsing}"
    )
    assert len(outcome) >= 500
    gaps = [k for k in refused if k in ALLOWED["known_gaps"]]
    assert len(refused) <= 0.02 * len(outcome), (len(refused), len(outcome))
    assert len(gaps) <= 0.02 * len(outcome)


@pytest.mark.slow
def test_every_full_edgar_submission_loads(outcome: dict[str, str | None]) -> None:
    subs = {k: v for k, v in outcome.items() if k.startswith("sec13dg-submission/")}
    assert len(subs) == 10
    assert {k: v for k, v in subs.items() if v is not None} == {}
