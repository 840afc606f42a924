"""Property-based fuzzing (hypothesis) of every parser: mutated real files and random bytes
give a parsed document or a typed InputError naming the file; nothing else, ever."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ownergraph.graph.errors import InputError
from ownergraph.loaders import parse_bytes
from tests.security.corpus import REPRESENTATIVES
from tests.security.stats import STATS

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """A real file with a few byte-level edits: flips, deletions, insertions, a cut."""
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "delete", "insert", "cut", "digit"]))
        if not buf:
            break
        i = draw(st.integers(0, len(buf) - 1))
        if op == "flip":
            buf[i] = draw(st.integers(0, 255))
        elif op == "delete":
            del buf[i : i + draw(st.integers(1, 64))]
        elif op == "insert":
            buf[i:i] = draw(st.binary(min_size=1, max_size=32))
        elif op == "cut":
            del buf[i:]
        else:  # change a digit: numbers are where parsers break
            digits = [j for j, b in enumerate(buf) if 48 <= b <= 57]
            if digits:
                j = digits[draw(st.integers(0, len(digits) - 1))]
                buf[j : j + 1] = draw(st.sampled_from([b"-", b"x", b"9" * 30, b".", b",", b""]))
    return bytes(buf)


def _parse_or_typed_error(data: bytes, name: str) -> None:
    STATS["fuzz inputs"] += 1
    try:
        parse_bytes(data, path=name)
    except InputError as exc:
        assert exc.path == name
    except RecursionError:  # pragma: no cover - reported as a crash
        STATS["crashes"] += 1
        raise


@pytest.mark.parametrize("fmt", sorted(REPRESENTATIVES))
def test_fuzz_mutated_real_files(fmt: str) -> None:
    data = Path(REPRESENTATIVES[fmt]).read_bytes()

    @FUZZ
    @given(mutated(data))
    def run(sample: bytes) -> None:
        _parse_or_typed_error(sample, f"fuzz-{fmt}")

    run()


@FUZZ
@given(st.binary(max_size=4096))
def test_fuzz_random_bytes(sample: bytes) -> None:
    _parse_or_typed_error(sample, "fuzz-random")


@FUZZ
@given(st.text(max_size=2000))
def test_fuzz_random_text_with_format_markers(text: str) -> None:
    for prefix in (
        "<ownershipDocument>",
        '{"bodsVersion": "0.4", "x": ',
        "SCHEDULE 13D\n1 NAME OF REPORTING PERSON\n",
        "<edgarSubmission><formData>",
        "id,name,kind\n",
    ):
        _parse_or_typed_error((prefix + text).encode("utf-8", "surrogatepass"), "fuzz-text")
