"""Values reach SQL and Cypher only as parameters; credentials never reach output or logs."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest

from ownergraph.graph.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ("graph", "loaders", "queries", "cli", "explorer", "benchmarks")
QUERY_METHODS = {"execute", "executemany", "executescript", "run", "execute_query", "query"}


def _python_files() -> list[Path]:
    files = [ROOT / "app.py"]
    for d in SOURCE_DIRS:
        files.extend(sorted((ROOT / d).rglob("*.py")))
    return [f for f in files if f.exists()]


def _is_built_string(node: ast.AST) -> bool:
    """An f-string, ``"..." % x``, ``"..." + x`` or ``"...".format(x)``."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    )


def _string_built_queries() -> list[str]:
    found = []
    for path in _python_files():
        text = path.read_text()
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text, str(path))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in QUERY_METHODS or not node.args:
                continue
            if _is_built_string(node.args[0]):
                end = getattr(node.args[0], "end_lineno", node.lineno)
                span = "\n".join(lines[node.lineno - 1 : end])
                if "noqa: S608" in span:  # a reviewed fixed-identifier query
                    continue
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_query_is_built_from_strings() -> None:
    """Every call of execute/run/execute_query takes a constant query text (or a name from
    the vocabulary); values travel as parameters. Reviewed exceptions carry ``noqa: S608``
    and only splice fixed identifiers (table names, labels from graph.vocab)."""
    files = _python_files()
    assert len(files) > 20, "the scan found too few files to mean anything"
    assert _string_built_queries() == []


def test_the_scan_catches_a_built_query(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scanner itself must fail on the pattern it is there to catch."""
    bad = ROOT / "graph" / "_scan_probe.py"
    bad.write_text(
        "def f(c, name):\n    c.execute(f\"SELECT * FROM parties WHERE name = '{name}'\")\n"
    )
    try:
        assert _string_built_queries() == ["graph/_scan_probe.py:2"]
    finally:
        bad.unlink()


def test_credentials_never_in_repr_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    secret = "s3cr3t-Pa55w0rd-xyz"
    s = Settings.from_env(
        {
            "OWNERGRAPH_NEO4J_URI": "bolt://127.0.0.1:1",
            "OWNERGRAPH_NEO4J_USER": "neo4j",
            "OWNERGRAPH_NEO4J_PASSWORD": secret,
        }
    )
    assert s.neo4j_password == secret
    assert secret not in repr(s) and secret not in str(s)
    caplog.set_level(logging.DEBUG)
    try:
        from ownergraph.graph import neo4j_backend
    except ImportError:  # pragma: no cover - backend not installed
        pytest.skip("no neo4j backend")
    try:
        backend = neo4j_backend.connect(s) if hasattr(neo4j_backend, "connect") else None
        if backend is not None and hasattr(backend, "verify"):
            backend.verify()
    except Exception as exc:  # noqa: BLE001 - the server is absent on purpose
        assert secret not in str(exc)
    assert secret not in caplog.text


def test_no_credentials_in_tracked_files() -> None:
    """No password literal in code, config or docs: credentials come from the environment.
    Placeholders in documentation (``<password>``, ``secret``, ``$VAR``) are allowed."""
    import re
    import subprocess

    pattern = re.compile(
        r"(?i)(?:NEO4J_PASSWORD|neo4j_password|password)\s*[=:]\s*[\"']([^\"'$<{]{6,})[\"']"
    )
    allowed = {"secret", "password", "changeme", "s3cr3t-Pa55w0rd-xyz"}
    names = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    offenders = []
    for name in names:
        path = ROOT / name
        if "fixtures" in name or path.suffix not in {
            ".py",
            ".toml",
            ".md",
            ".cfg",
            ".ini",
            ".sh",
            "",
        }:
            continue
        if not path.is_file():
            continue
        for m in pattern.finditer(path.read_text(errors="replace")):
            if m.group(1).strip().casefold() not in allowed:
                offenders.append(f"{name}: {m.group(0)}")
    assert offenders == []
