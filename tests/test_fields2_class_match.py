"""Room FIELDS2: a 13D/G holding's class matches the class's name as the cover prints it
before its par value and description ("Common shares, $0.01 par value (including the
associated Preferred stock purchase rights)" is the class "Common Shares"), only when no
title matches whole."""

from __future__ import annotations

import json
from pathlib import Path

from ownergraph.queries.eval import _class_name, evaluate

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus" / "sec13dg-legacy"
DOC = "2025-sc13da-1481241_performance-shipping-inc_sphinx-investment-corp.txt"


def test_class_name_cuts_par_value_and_description() -> None:
    assert _class_name("Common shares, $0.01 par value (including the rights)") == "Common shares"
    assert _class_name("Ordinary Shares (par value $0.0001 per share)") == "Ordinary Shares"
    assert _class_name("Class A Common Stock") == "Class A Common Stock"


def _holding_misses(tmp_path: Path, cls: str) -> list[str]:
    exp = json.loads((CORPUS / f"{DOC}.expected.json").read_text())
    exp["holdings"] = [{**exp["holdings"][0], "class": cls}]
    (tmp_path / "sec13dg-legacy").mkdir()
    doc = tmp_path / "sec13dg-legacy" / DOC
    doc.write_bytes((CORPUS / DOC).read_bytes())
    Path(f"{doc}.expected.json").write_text(json.dumps(exp))
    rep = evaluate([tmp_path])
    return [m.detail for m in rep.misses if m.kind == "holding"]


def test_class_named_before_its_par_value_matches(tmp_path: Path) -> None:
    # the cover prints 'Common shares, $0.01 par value (including the associated
    # Preferred stock purchase rights)'; the label names the class 'Common Shares'
    assert _holding_misses(tmp_path, "Common Shares") == []


def test_another_class_still_misses(tmp_path: Path) -> None:
    misses = _holding_misses(tmp_path, "Preferred Shares")
    assert len(misses) == 1 and misses[0].startswith("no holding of 'Preferred Shares'")
