"""Reconciliation (queries.reconcile) on the hand-made seed graph, and through a store."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from ownergraph.graph.errors import SubjectNotFoundError
from ownergraph.graph.vocab import Severity
from ownergraph.queries.reconcile import implied_denominators, reconcile, reconcile_parsed
from tests.test_attribution import (
    DOC,
    LANDES,
    LP,
    LPI,
    OBUS,
    OFF,
    load_real_seed,
    seed_like,
)


def _by(findings, kind):
    return [f for f in findings if f.kind == kind]


def test_one_share_gaps_on_both_individuals():
    """Computed 1,019,531 + 1,370,294 + 1,341,499 = 3,731,324 vs filed 3,731,323 on rows 8,
    10 and 11 of each individual: 2 persons x 3 rows = 6 findings, each +1."""
    cvf = _by(reconcile_parsed(seed_like()), "computed_vs_filed")
    assert len(cvf) == 6
    assert {f.subject_ids[0] for f in cvf} == {OBUS, LANDES}
    for f in cvf:
        assert (f.expected, f.found) == (3_731_324, 3_731_323)
        assert f.severity == Severity.WARNING
        assert "+1" in f.message and f.evidence
    rows = sorted(f.message.split(" row ")[1].split(" ")[0] for f in cvf)
    assert rows == ["10", "10", "11", "11", "8", "8"]


def test_funds_and_managers_reconcile_cleanly():
    cvf = _by(reconcile_parsed(seed_like()), "computed_vs_filed")
    assert not [f for f in cvf if f.subject_ids[0] not in (OBUS, LANDES)]


def test_denominator_inconsistency():
    """L.P.: (43,874,249, 44,070,373]; individuals: (42,055,508, 42,109,154]; disjoint. Own
    rights differ by 2,657,769 − 744,176 = 1,913,593. With rights added back, every page
    agrees on about 44.7 million."""
    [f] = _by(reconcile_parsed(seed_like()), "implied_denominators")
    assert f.severity == Severity.WARNING
    assert "1,913,593" in f.message
    assert "(43,874,249, 44,070,373]" in f.message
    assert "(42,055,508, 42,109,154]" in f.message
    assert "about 44,7" in f.message
    assert len(f.found) == 7
    lp = next(x for x in f.found if x["party_id"] == LP)
    assert lp["own_rights"] == 744_176 and lp["interval"] == [43_874_249, 44_070_373]


def test_even_the_three_funds_disagree():
    """Funds only: L.P. (1,019,531·100/2.285 − 744,176, ·100/2.275 − 744,176] =
    (43,874,249, 44,070,373]; L.P. I (1,370,294·100/3.065 − 974,515, ·100/3.055 − 974,515] =
    (43,733,283, 43,879,626]; Offshore (1,341,499·100/3.005 − 939,079, ·100/2.995 − 939,079]
    = (43,703,151, 43,852,206]. The L.P.'s low end is above the Offshore Fund's high end."""
    parsed = seed_like()
    funds = {LP, LPI, OFF}
    only = dataclasses.replace(
        parsed, positions=tuple(p for p in parsed.positions if p.party_id in funds)
    )
    [f] = implied_denominators(only)
    assert f.severity == Severity.WARNING
    assert "(43,874,249, 44,070,373]" in f.message and "(43,703,151, 43,852,206]" in f.message
    assert "194,903" in f.message  # own rights 939,079 − 744,176


def test_consistent_percentages_give_an_info_finding():
    """One page alone has nothing to compare; two equal pages agree on the L.P.'s interval."""
    parsed = seed_like()
    lp = next(p for p in parsed.positions if p.party_id == LP)
    assert implied_denominators(dataclasses.replace(parsed, positions=(lp,))) == []
    twin = dataclasses.replace(lp, id="x", party_id="p:twin")
    [f] = implied_denominators(dataclasses.replace(parsed, positions=(lp, twin)))
    assert f.severity == Severity.INFO and f.expected == [43_874_249, 44_070_373]


def test_percent_row_compared_when_outstanding_is_known():
    """With 43,972,096 stated, the individuals compute 3,731,324 / 46,629,866 = 8.00 %
    against 8.34 % filed; the L.P. 2.28 % matches."""
    findings = reconcile_parsed(seed_like(outstanding=43_972_096))
    pct = [f for f in _by(findings, "computed_vs_filed") if "row 13" in f.message]
    assert {f.subject_ids[0] for f in pct} >= {OBUS, LANDES}
    assert LP not in {f.subject_ids[0] for f in pct}
    obus = next(f for f in pct if f.subject_ids[0] == OBUS)
    assert (obus.expected, obus.found) == (8.0, 8.34)


def test_loader_findings_pass_through_and_order():
    findings = reconcile_parsed(seed_like())
    assert "joint_filing_agreement_parties" in {f.kind for f in findings}
    sev = [f.severity for f in findings]
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    assert sev == sorted(sev, key=order.get)


def test_unattributed_reporting_person():
    """Drop Landes's stated links: his page reports 3,731,323 but nothing reaches him."""
    findings = reconcile_parsed(seed_like(landes_stated=False))
    [f] = _by(findings, "unattributed_reporting_person")
    assert f.subject_ids == (LANDES,) and f.found == 3_731_323


def test_reconcile_from_store(store):
    store.load(seed_like())
    all_docs = reconcile(store)
    assert len(_by(all_docs, "computed_vs_filed")) == 6
    assert reconcile(store, DOC) == all_docs
    assert reconcile(store, "Liquidmetal Technologies") == all_docs
    with pytest.raises(SubjectNotFoundError):
        reconcile(store, "Nelson Obus")  # no document is about him as an issuer


def test_real_seed_reconciliation():
    """Issue 2: the one-share gaps, the denominator inconsistency, the joint filing agreement
    gap and the conflicting "By:" statements."""
    findings = reconcile_parsed(load_real_seed())
    kinds = {f.kind for f in findings}
    cvf = _by(findings, "computed_vs_filed")
    assert len(cvf) == 6 and {(f.expected, f.found) for f in cvf} == {(3_731_324, 3_731_323)}
    [den] = _by(findings, "implied_denominators")
    assert "1,913,593" in den.message and den.severity == Severity.WARNING
    # the loader's findings, passed through
    assert any("L.P. I" in f.message for f in findings if "joint_filing" in f.kind)
    assert any(
        "By: Wynnefield Capital, Inc." in f.message for f in findings if "conflict" in f.kind
    )
    assert kinds >= {"computed_vs_filed", "implied_denominators"}


def test_a_percent_filed_with_one_decimal_is_read_at_its_own_precision():
    """Regression (QA): RS's 2002 13G files "5.9%" and "5.6%". Read as 5.90 and 5.60
    (±0.005) the two pages seemed to imply disjoint outstanding counts; at the precision
    filed (±0.05) they agree: 1,978,903·100/5.95 .. ·100/5.85 = (33,258,874, 33,827,402]
    and 1,870,203·100/5.65 .. ·100/5.55 = (33,100,938, 33,697,351] overlap."""
    from ownergraph.loaders import parse_path

    parsed = parse_path(
        Path(__file__).parent
        / "fixtures"
        / "sec13dg-legacy"
        / "o2micro_rs-investment-management_sc13g_2002-02-06.txt"
    )
    assert {p.percent_text for p in parsed.positions} == {"10.2", "5.9", "5.6"}
    findings = implied_denominators(parsed)
    assert all(f.severity == Severity.INFO for f in findings), [f.message for f in findings]
