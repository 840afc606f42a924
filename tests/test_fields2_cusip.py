"""Room FIELDS2: a CUSIP has a digit. The caption "(CUSIP Number of Class of Securities)"
and a line "Class B Common Stock: 864346900" were read as the CUSIPs "OFCLASSOF" and
"CLASSBCOM": every filing with that caption would share one security id across issuers."""

from __future__ import annotations

from pathlib import Path

from ownergraph.loaders import parse_path

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus" / "sec13dg-legacy"


def _cusips(name: str) -> list[str | None]:
    return [s.cusip for s in parse_path(CORPUS / name).securities]


def test_caption_of_class_is_no_cusip() -> None:
    # 'Y67305154' above '(CUSIP Number of Class of Securities)'; 'CUSIP No. Y67305154' on pages
    doc = "2025-sc13da-1481241_performance-shipping-inc_sphinx-investment-corp.txt"
    assert _cusips(doc) == ["Y67305154"]


def test_class_words_before_the_number_are_no_cusip() -> None:
    # 'Class A Common Stock: 864346200' / 'Class B Common Stock: 864346900' / '(CUSIP Number)'
    doc = "1994-sc13d-356981_suburban-bancorp-inc-de_fitzgerald-thomas-g.txt"
    got = _cusips(doc)
    assert got and all(c in ("864346200", "864346900") for c in got), got
