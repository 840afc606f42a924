"""Subject resolution (queries.resolve): exact first, fuzzy only about the party meant."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.cli import main
from ownergraph.graph.errors import SubjectNotFoundError
from ownergraph.graph.model import Party, Security
from ownergraph.graph.store import Store, build_graph
from ownergraph.graph.vocab import NodeKind
from ownergraph.loaders import parse_path
from ownergraph.queries.reconcile import document_graph
from ownergraph.queries.resolve import resolve_class_subject, resolve_match, resolve_subject
from tests.conftest import SEED

LLC = "Wynnefield Capital Management, LLC"
OFFSHORE = "Wynnefield Small Cap Value Offshore Fund, Ltd."


@pytest.fixture(scope="module")
def seed_graph():
    pytest.importorskip("ownergraph.loaders.sec13dg_legacy")
    return document_graph(parse_path(SEED))


def _name(g, text: str) -> str:
    return g.nodes[resolve_subject(g, text)]["name"]


@pytest.mark.parametrize(
    "text", ["AIMIA HOLDINGS UK LIMITED", "Smith Capital Management LLC", "Limited", "Apple Inc."]
)
def test_fuzzy_refuses_names_of_other_companies(seed_graph, text):
    """QA: with only the seed loaded, "AIMIA HOLDINGS UK LIMITED" answered about the Offshore
    Fund, "Smith Capital Management LLC" about the LLC (WRatio 86.1 on the debris spelling
    'lagement llc'), and "Limited" about the Offshore Fund with score 100: shared legal-form
    words and fragments scored high. Now each is refused, with suggestions, like "Apple Inc."."""
    with pytest.raises(SubjectNotFoundError) as exc:
        resolve_subject(seed_graph, text)
    assert exc.value.subject == text and exc.value.suggestions
    assert str(exc.value).startswith(f"no party, issuer or security matches {text!r}")


@pytest.mark.parametrize(
    ("text", "name", "how"),
    [
        ("wynnefield capitl mgmt", LLC, "fuzzy"),
        ("Wynnefield Capital Mgmt", LLC, "fuzzy"),
        ("Liquidmetal Technologies", "Liquidmetal Technologies, Inc.", "name without legal form"),
        ("Liquidmetal", "Liquidmetal Technologies, Inc.", "fuzzy"),
        ("obus", "Nelson Obus", "fuzzy"),
        ("Nelsen Obus", "Nelson Obus", "fuzzy"),
        ("WYNNEFIELD CAPITAL MANAGEMENT LLC", LLC, "name"),
        ("Wynnefield Offshore", OFFSHORE, "fuzzy"),
        ("53634 X 100", "Liquidmetal Technologies, Inc. — Common Stock", "identifier"),
    ],
)
def test_genuine_typos_still_resolve(seed_graph, text, name, how):
    """Typos, abbreviations, a surname alone and a spaced CUSIP keep working."""
    m = resolve_match(seed_graph, text)
    assert str(seed_graph.nodes[m.node]["name"]).startswith(name) and m.how == how
    assert m.fuzzy == (how == "fuzzy")


def test_fragment_spellings_match_exactly_but_never_fuzzily(seed_graph):
    """'lagement, LLC' and 'Wynnefield C' are extraction debris kept as filed spellings: typed
    exactly they still find their party, but they take no part in fuzzy scoring."""
    assert _name(seed_graph, "lagement, LLC") == LLC
    assert _name(seed_graph, "Wynnefield C") == "Wynnefield Capital, Inc."
    with pytest.raises(SubjectNotFoundError):  # only the debris spelling looks like it
        resolve_subject(seed_graph, "artners Sı mall")
    with pytest.raises(SubjectNotFoundError):  # seven parties match equally well
        resolve_subject(seed_graph, "Wynnefield")


def test_cik_in_any_padding():
    g = build_graph(
        [Party("p1", "Liquidmetal Technologies, Inc.", NodeKind.ISSUER,
               identifiers=(("cik", "0001141240"),))],
        [Security("s1", "p1", "Common Stock", cusip="53634X100")], [], [],
    )  # fmt: skip
    for text in ("1141240", "0001141240", "001141240", "CIK 1141240", "cik:0001141240"):
        assert resolve_match(g, text).node == "p1"


def test_class_subject_refuses_a_party_without_securities_in_one_sentence(seed_graph):
    """QA: `attribute "Limited"` printed "no party … matches 'party:6e05…'; did you mean: …
    issues no security class". Now the message names what was typed, what it matched, and why."""
    with pytest.raises(SubjectNotFoundError) as exc:
        resolve_class_subject(seed_graph, "Nelson Obus")
    msg = str(exc.value)
    assert msg.startswith("'Nelson Obus' matches Nelson Obus (person), which issues no security")
    assert "party:" not in msg and "did you mean" not in msg
    assert resolve_class_subject(seed_graph, "Liquidmetal").how == "fuzzy"


# --------------------------------------------------------------------------- the CLI


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory) -> Path:
    pytest.importorskip("ownergraph.loaders.sec13dg_legacy")
    path = tmp_path_factory.mktemp("resolve") / "seed.db"
    with Store(path) as s:
        s.load(parse_path(SEED))
    return path


def _run(*args: str):
    return CliRunner(env={"COLUMNS": "220"}).invoke(main, list(args))


@pytest.mark.parametrize("command", ["who-controls", "attribute", "reconcile", "ubo"])
def test_cli_refuses_another_companys_name(seed_db, command):
    """The QA command: `who-controls "AIMIA HOLDINGS UK LIMITED"` on the seed store."""
    res = _run(command, "AIMIA HOLDINGS UK LIMITED", "--store", str(seed_db))
    assert res.exit_code == 2
    assert "no party, issuer or security matches 'AIMIA HOLDINGS UK LIMITED'" in res.stderr
    assert "Offshore Fund, Ltd. (fund)" not in res.stdout


def test_cli_says_when_an_answer_rests_on_a_fuzzy_match(seed_db):
    """One line on stderr; stdout stays the answer (and valid JSON with --json)."""
    res = _run("who-controls", "wynnefield capitl mgmt", "--store", str(seed_db), "--json")
    assert res.exit_code == 0
    assert res.stderr.strip() == (
        'matched "wynnefield capitl mgmt" to "Wynnefield Capital Management, LLC"'
        " (fuzzy, score 94.1)"
    )
    assert res.stdout.startswith("{")
    exact = _run("who-controls", "Liquidmetal Technologies, Inc.", "--store", str(seed_db))
    assert exact.exit_code == 0 and exact.stderr == ""


def test_cli_errors_are_one_clear_sentence(seed_db):
    """QA: `attribute "Limited"` named a node id and glued a reason into "did you mean";
    `reconcile <a party no filing is about>` suggested "no loaded document about …"."""
    res = _run("attribute", "Joshua Landes", "--store", str(seed_db))
    assert res.exit_code == 2
    assert res.stderr.strip() == (
        "ownergraph: error: 'Joshua Landes' matches Joshua Landes (person), which issues no"
        " security class; give an issuer or a security (name, CUSIP or id)"
    )
    res = _run("reconcile", "Joshua Landes", "--store", str(seed_db))
    assert res.exit_code == 2
    err = res.stderr.strip()
    assert err.startswith(
        "ownergraph: error: 'Joshua Landes' matches Joshua Landes (person), which no loaded"
        " filing is about"
    )
    assert "did you mean" not in err and "party:" not in err and err.count("\n") == 0
