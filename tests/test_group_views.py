"""Rule 13d-5(b) groups in who-controls, attribute and the app (queries.group_view).

Read by hand from the Stelmar Shipping 13G (tests/fixtures/sec13dg-legacy): both cover
pages, Centaurus Capital LP and Centaurus Capital Limited, check row 2 box (a) "[X]";
each reports 896,178 shares (row 9) of the same holding (Item 4: CCL is the general
partner of Centaurus), so the group owns 896,178 shares once, while the two pages add to
1,792,356. The seed 13D/A checks box (b) or nothing: no group.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from ownergraph.cli import main
from tests.test_app import APP, ROOT, SEED, TIMEOUT

STELMAR = (
    Path(__file__).parent
    / "fixtures"
    / "sec13dg-legacy"
    / "stelmar-shipping_centaurus-capital_sc13g_2004-12-23.txt"
)
MEMBERS = ["Centaurus Capital LP", "Centaurus Capital Limited"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("groups") / "s.db")
    res = CliRunner().invoke(main, ["load", str(STELMAR), str(SEED), "--store", path])
    assert res.exit_code == 0, res.output
    return path


def test_who_controls_and_attribute_show_the_group_and_its_distinct_total(db: str) -> None:
    runner = CliRunner()
    for command in ("who-controls", "attribute"):
        data = json.loads(
            runner.invoke(main, [command, "Stelmar Shipping", "--store", db, "--json"]).stdout
        )
        [group] = data["groups"]
        assert sorted(group["member_names"]) == sorted(MEMBERS)
        assert group["basis"] == "box (a)"
        assert group["shares"] == 896_178 and group["filed_sum"] == 1_792_356
        text = runner.invoke(main, [command, "Stelmar Shipping", "--store", db]).stdout
        assert (
            "group (Rule 13d-5(b), box (a)): Centaurus Capital LP; Centaurus Capital Limited —"
            " distinct total 896,178 shares (the members' cover pages add to 1,792,356; the"
            " group owns each share once)"
        ) in text.replace("\n", " ")
    seed = json.loads(
        runner.invoke(main, ["who-controls", "53634X100", "--store", db, "--json"]).stdout
    )
    assert seed["groups"] == []  # box (b): a joint filing is not a group


def test_the_app_shows_the_group_node_and_the_groups_total(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OWNERGRAPH_STORE", db)
    monkeypatch.delenv("OWNERGRAPH_NEO4J_URI", raising=False)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.text_input(key="explore_search").set_value("Centaurus Capital Limited").run()
    box = at.selectbox(key="explore_node")
    box.set_value(box.options[0]).run()
    assert not at.exception, [e.value for e in at.exception]
    html = at.get("iframe")[0].proto.srcdoc
    assert "Group: Centaurus Capital LP, Centaurus Capital Limited" in html
    assert "13d-5(b) group" in html  # the legend names the group node's kind
    at.switch_page(str(ROOT / "explorer" / "pages" / "who_controls.py")).run()
    subject = at.selectbox(key="who_subject")
    stelmar = next(o for o in subject.options if "Stelmar" in str(o) or "V8726M103" in str(o))
    subject.set_value(stelmar).run()
    assert not at.exception, [e.value for e in at.exception]
    card = [m.value.replace("\\", "") for m in at.markdown]
    line = next(m for m in card if m.startswith("**Group**"))
    assert "Centaurus Capital LP; Centaurus Capital Limited" in line
    assert "distinct total **896,178 shares**" in line and "1,792,356" in line


ENTITIES = """id,name,kind,cik,lei,cusip,issuer_id,jurisdiction,names,identifiers
ann,Ann Activist,person,,,,,US,,
bob,Bob Activist,person,,,,,US,,
fa,Ann's Fund LP,fund,,,,,DE,,
grp,Activist Group,group,,,,,,,
acme,Acme Corp,issuer,0000000042,,,,DE,,
acme_c,Common Stock,security,,,ACME00101,acme,,,
"""
EDGES = """id,kind,source,target,role,shares,instrument,right_to_acquire,percent,share_min,share_max,exclusive_min,exclusive_max,power,as_of,evidence
c1,controls,ann,fa,general_partner,,,,,,,,,sole,2024-01-01,Ann is the general partner of the Fund
h1,holds,fa,acme_c,,600,common,,,,,,,,2024-01-01,
h2,holds,bob,acme_c,,150,common,,,,,,,,2024-01-01,
m1,member_of,ann,grp,,,,,,,,,,,2024-01-01,Ann and Bob agreed to act together (Item 6)
m2,member_of,bob,grp,,,,,,,,,,,2024-01-01,Ann and Bob agreed to act together (Item 6)
"""


def test_a_stated_agreement_makes_a_group_too(tmp_path: Path) -> None:
    """A group stated by ``member_of`` links (here a tabular graph; an XML 13D/G box (a) is
    the same): by hand, Ann controls her fund's 600 shares and Bob holds 150, so the group
    owns 750."""
    folder = tmp_path / "agreement"
    folder.mkdir()
    (folder / "entities.csv").write_text(ENTITIES)
    (folder / "edges.csv").write_text(EDGES)
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(main, ["load", str(folder), "--store", db]).exit_code == 0
    data = json.loads(runner.invoke(main, ["who-controls", "Acme Corp", "--store", db,
                                           "--json"]).stdout)  # fmt: skip
    [group] = data["groups"]
    assert group["name"] == "Activist Group" and group["shares"] == 750
    assert sorted(group["member_names"]) == ["Ann Activist", "Bob Activist"]
