"""graph.bulk_names.normalize equals graph.ids.normalize_name (the bulk load's faster copy)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from ownergraph.graph.bulk_names import normalize
from ownergraph.graph.ids import normalize_name

FIXTURES = Path(__file__).parent / "fixtures"

#: Crafted names: legal forms in every spelling, one form inside another ("l l p" after
#: "l p"), Unicode spaces and compatibility characters, separators str.split and \s share.
CRAFTED = [
    "Wynnefield Partners Small Cap Value, L.P. I",
    "Smith & Jones, L.L.P.",
    "Acme L.L.C.",
    "Acme, l l c",
    "Banco Popular, N.A.",
    "Grupo Bimbo, S.A. de C.V.",
    "Foo Incorporated Limited Company Corporation",
    "Co-Co Company Co.",
    "l l l p",
    "n a s a l p",
    "A\u2003B  L.L.C.",
    "x\x1cy\x1fz",
    "\u00a0nbsp\u00a0Inc.\u00a0",
    "\ufb01nance Co",  # the fi ligature: NFKC
    "Ünïcode Straße GmbH",
    "Ⅻ Roman Ltd",
    "ＦＵＬＬＷＩＤＴＨ Corp",
    "under_score-dash. dot",
    "i.b.m. corp.",
    "",
    "   ",
    "&",
    "L.P.",
]


def _fixture_names() -> list[str]:
    out: list[str] = []
    for p in FIXTURES.rglob("*.csv"):
        text = p.read_text(encoding="utf-8", errors="replace")
        out.extend(cell for line in text.splitlines() for cell in line.split(","))
    return out


def test_crafted_names() -> None:
    for name in CRAFTED:
        assert normalize(name) == normalize_name(name), name


def test_fixture_cells_and_random_words() -> None:
    names = _fixture_names()
    rnd = random.Random(0)
    words = ["l", "p", "c", "n", "a", "s", "inc", "ltd", "limited", "company", "corp",
             "corporation", "co", "incorporated", "plc", "L.P.", "S.A.", "N.A.", "fund", "&"]  # fmt: skip
    seps = [" ", ".", ", ", "  ", ". ", "\t", "-"]
    for _ in range(5000):
        names.append(
            "".join(rnd.choice(words) + rnd.choice(seps) for _ in range(rnd.randint(1, 6)))
        )
    assert len(names) > 5000
    for name in names:
        assert normalize(name) == normalize_name(name), name


@pytest.mark.parametrize("name", ["Redwoodwindward 1040 Small Cap Value Fund, L.P."])
def test_generated_name(name: str) -> None:
    assert normalize(name) == "redwoodwindward 1040 small cap value fund lp"


def test_the_name_index_keys_equal_the_resolvers() -> None:
    """bulk_names.index_keys (the load's name index, each spelling normalised once by the
    load's memo) equals queries.resolve.index_keys on crafted and fixture names."""
    from ownergraph.graph import bulk_names
    from ownergraph.graph.model import Party
    from ownergraph.graph.vocab import NodeKind
    from ownergraph.queries import resolve

    names = [*CRAFTED, *_fixture_names(), "Acme Co Inc", "Acme Inc Co Llc", "Inc", "co co"]
    names += ["Acme Incorporated", "Foo Bar LP.", "Foo,  Ltd ", "x ltd\n", "A B N.V."]
    assert sum(n.lower().rstrip(". \n").endswith((" inc", " co", " lp")) for n in names) > 3
    for i in range(0, len(names), 3):
        spellings = tuple(sorted(set(names[i : i + 3])))
        idents = (("cik", "123"), ("lei", "abc"), ("tabular", f" r{i} "))
        want = resolve.index_keys(Party("p", spellings[0], NodeKind.ENTITY, names=spellings,
                                        identifiers=idents))  # fmt: skip
        assert bulk_names.index_keys(spellings, idents, normalize) == want
