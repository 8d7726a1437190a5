"""Labelled phrasing cases (fields.md variants the seeds lack) and look-alike documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selfeval.eval.metrics import values_equal
from selfeval.understand import understand
from selfeval.understand.evidence import check_evidence
from selfeval.validate import validate_report, validation_status

from .conftest import CASES, case_doc

CASE_FILES = sorted(CASES.glob("*.json"))


def test_enough_cases() -> None:
    positives = [p for p in CASE_FILES if p.stem.startswith("p")]
    negatives = [p for p in CASE_FILES if p.stem.startswith("n")]
    assert len(positives) >= 30 and len(negatives) >= 13


@pytest.mark.parametrize("case", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_case(case: Path) -> None:
    exp = json.loads(case.read_text(encoding="utf-8"))
    doc = case_doc(case, exp)
    u = understand(doc)
    assert u.is_self_eval == exp["is_self_eval"], u.reasons
    assert u.is_self_eval == bool(u.reports), "a self-evaluation verdict comes with a report row"
    assert u.document_type == exp["document_type"], u.reasons
    if not exp["is_self_eval"]:
        assert u.reports == []
        return
    if "reports" in exp:
        assert len(u.reports) == exp["reports"], [r.fields.get("title") for r in u.reports]
        if exp["reports"] == 0:
            return
    r = u.reports[exp.get("report", 0)]
    for field, want in exp.get("expect", {}).items():
        assert values_equal(field, r.fields.get(field), want), (field, r.fields.get(field), want)
    for field in exp.get("null", []):
        assert r.fields.get(field) is None, (field, r.fields.get(field))
    codes = [w["code"] for w in r.warnings]
    for code in exp.get("warnings", []):
        assert code in codes, (code, r.warnings)
    for field, note in exp.get("evidence_notes", {}).items():
        assert note in (r.evidence[field].note or ""), (field, r.evidence[field])
    for key, want in exp.get("extra", {}).items():
        assert r.extra.get(key) == want, (key, r.extra.get(key), want)
    if "failed_rules" in exp or "status" in exp:
        outs = validate_report(r, doc)
        failed = sorted({o.rule_id for o in outs if o.status == "failed"})
        if "failed_rules" in exp:
            assert failed == sorted(exp["failed_rules"]), failed
        if "status" in exp:
            assert validation_status(outs) == exp["status"], failed
    for rec in u.reports:
        for field, value in rec.fields.items():
            if value is not None:
                assert field in rec.evidence and check_evidence(rec.evidence[field], doc), field
    for i, want in enumerate(exp.get("indicators", [])):
        got = r.indicators[i].to_dict()
        for k, v in want.items():
            assert values_equal(k if k in ("weight", "score") else "title", got[k], v), (i, k, got[k], v)
