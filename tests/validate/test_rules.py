"""validation.md rules: seed outcomes, look-alike extractions that must fail, boundaries, DUP-01."""

from __future__ import annotations

import pytest
from selfeval.model import REPORT_FIELDS, Evidence, ExtractedDocument, Indicator, Page, ReportRecord
from selfeval.understand import understand
from selfeval.validate import RULES, band, duplicates, validate_report, validation_status

from tests.conftest import CORPUS as FIXTURES

SEED_OUTCOMES = {  # validation.md "Seed outcomes at a glance"
    0: {"REG-04"},
    1: {"SCOPE-01"},
    2: {"DATE-02", "AMB-01", "TXT-01", "REG-04"},
    3: {"GRADE-02", "SCOPE-02", "TXT-01", "TXT-02", "REG-04"},
    4: {"GRADE-02", "BUD-01", "REG-04"},
}


def doc_of(text: str) -> ExtractedDocument:
    return ExtractedDocument(format="txt", pages=[Page(number=1, text=text)], engine="txt")


def seed(n: int) -> ExtractedDocument:
    return doc_of((FIXTURES / f"seed_00{n}.txt").read_text(encoding="utf-8"))


def record(doc: ExtractedDocument, **values: object) -> ReportRecord:
    """A report whose every value is evidenced by its first occurrence in the text (or by a given snippet)."""
    text = doc.pages[0].text
    fields = {f: None for f in REPORT_FIELDS}
    evidence = {}
    for k, v in values.items():
        if isinstance(v, tuple):
            v, snippet = v
        else:
            snippet = str(v)
        fields[k] = v
        i = text.find(snippet)
        if i < 0:  # a value the test sets without a text mention (e.g. report_type)
            evidence[k] = Evidence(1, 0, 0, "", note="context: set by the test")
            continue
        evidence[k] = Evidence(1, i, i + len(snippet), snippet)
    return ReportRecord(part=0, fields=fields, evidence=evidence)


def failed(outcomes) -> dict[str, str]:
    return {o.rule_id: o.severity for o in outcomes if o.status == "failed"}


@pytest.mark.parametrize("n", sorted(SEED_OUTCOMES))
def test_seed_outcomes(n: int) -> None:
    doc = seed(n)
    rep = understand(doc).reports[0]
    outs = validate_report(rep, doc)
    assert set(failed(outs)) == SEED_OUTCOMES[n], [(o.rule_id, o.message) for o in outs if o.status == "failed"]
    assert validation_status(outs) == "warning"


def test_every_rule_registered_and_reported() -> None:
    doc = seed(4)
    outs = validate_report(understand(doc).reports[0], doc)
    ids = {o.rule_id for o in outs}
    expected = {"EV-01", "REQ-00", "REQ-01", "TYPE-01", "FY-01", "FY-02", "FY-03", "DATE-01", "DATE-02", "DATE-03", "DATE-04",
                "SCORE-01", "SCORE-02", "GRADE-01", "GRADE-02", "GRADE-03", "EXEC-01", "EXEC-02", "EXEC-03",
                "EXEC-04", "BUD-01", "SUM-01", "SUM-02", "SCOPE-01", "SCOPE-02", "AMB-01", "AMT-01", "AMT-02",
                "AMT-03", "TXT-01", "TXT-02", "IND-01", "IND-02", "IND-03", "IND-04", "IND-05", "REG-01", "REG-02",
                "REG-03", "REG-04"}
    assert expected <= ids
    assert expected | {"DUP-01"} <= set(RULES)
    assert all(RULES[r]["severity"] in ("error", "warning") for r in RULES)
    byid = {o.rule_id: o for o in outs}
    assert byid["EXEC-01"].status == "passed"  # 3551.83 / 4068.67 = 87.297 vs 87.30
    assert byid["IND-02"].status == "skipped" and byid["DATE-04"].status == "skipped"


def test_score02_rejects_maximum() -> None:
    doc = seed(3)
    rep = record(doc, report_type="department_overall", department="安化县平口镇人民政府", fiscal_year=2023,
                 self_score=(100.0, "分值100分"))
    outs = validate_report(rep, doc)
    assert failed(outs).get("SCORE-02") == "error"
    assert validation_status(outs) == "quarantined"


def test_score02_rejects_row_subscore() -> None:
    doc = doc_of("预算执行率\t10\t10\n总分\t100\t95")
    rep = record(doc, self_score=(10.0, "10"))
    rep.evidence["self_score"].cell = "table 0 row 1 col 3 [得分]"
    assert failed(validate_report(rep, doc)).get("SCORE-02") == "error"


def test_exec03_rejects_addition_rate() -> None:
    doc = seed(1)
    rep = record(doc, execution_rate_pct=(45.0, "预算追加率45%"))
    assert failed(validate_report(rep, doc)).get("EXEC-03") == "error"
    ok = record(seed(4), execution_rate_pct=(87.3, "预算执行率87.30%"))
    assert "EXEC-03" not in failed(validate_report(ok, seed(4)))


def test_yuan_read_as_wan() -> None:
    doc = seed(2)
    rep = record(doc, report_type="department_overall", township="沅陵镇", expenditure_total_wan=(2228.08, "2228.08"),
                 basic_expenditure_wan=(255937.5, "255937.5"))
    f = failed(validate_report(rep, doc))
    assert f.get("SUM-02") == "error" and f.get("AMT-02") == "warning"
    small = record(doc, report_type="department_overall", township="沅陵镇",
                   expenditure_total_wan=(0.2228, "2228.08"))
    assert failed(validate_report(small, doc)).get("AMT-02") == "warning"


@pytest.mark.parametrize("score,grade,ok", [(89.73, "良", True), (89.73, "优", False), (90.0, "优", True),
                                            (80.0, "良", True), (79.99, "中", True), (60.0, "中", True),
                                            (59.99, "差", True), (59.99, "中", False)])
def test_grade01_band_boundaries(score: float, grade: str, ok: bool) -> None:
    assert band(score) == grade if ok else band(score) != grade
    doc = doc_of(f"综合得分{score}分，评价等级为{grade}")
    rep = record(doc, self_score=(score, f"{score}"), grade=grade)
    assert ("GRADE-01" in failed(validate_report(rep, doc))) is (not ok)


def test_exec02_severity_by_range() -> None:
    doc = doc_of("执行率150%，执行率250%")
    warn = failed(validate_report(record(doc, execution_rate_pct=(150.0, "执行率150%")), doc))
    err = failed(validate_report(record(doc, execution_rate_pct=(250.0, "执行率250%")), doc))
    assert warn["EXEC-02"] == "warning" and err["EXEC-02"] == "error"


def test_ev01_detects_wrong_span() -> None:
    doc = seed(0)
    rep = understand(doc).reports[0]
    assert "EV-01" not in failed(validate_report(rep, doc))
    rep.evidence["self_score"] = Evidence(1, 0, 5, "not the text")
    assert failed(validate_report(rep, doc))["EV-01"] == "error"


def test_dates_against_publish_date(seed_n: int = 1) -> None:
    doc = seed(seed_n)
    rep = understand(doc).reports[0]
    ok = validate_report(rep, doc, {"publish_date": "2022-07-08"})
    assert not {"DATE-01", "DATE-03", "DATE-04", "FY-02"} & set(failed(ok))
    early = failed(validate_report(rep, doc, {"publish_date": "2021-11-01"}))
    assert early["DATE-03"] == "error" and "DATE-04" in early
    late = failed(validate_report(rep, doc, {"publish_date": "2026-01-01"}))
    assert "FY-02" in late
    assert "DATE-01" in failed(validate_report(rep, doc, {"publish_date": "1970-01-01"}))


def test_ind01_count_mismatch() -> None:
    doc = doc_of("指标")
    rep = record(doc)
    rep.fields["indicator_count"] = 5
    rep.evidence["indicator_count"] = Evidence(1, 0, 2, "指标")
    rep.indicators = [Indicator("产出指标", "数量指标", "a", "1", "1", None, None)]
    assert failed(validate_report(rep, doc))["IND-01"] == "error"


def test_indicator_rules_values() -> None:
    doc = doc_of("指标")
    rep = record(doc)
    for k, v in (("indicator_count", 3), ("self_score", 95.0)):
        rep.fields[k] = v
        rep.evidence[k] = Evidence(1, 0, 2, "指标")
    rep.indicators = [Indicator("产出指标", "数量指标", "a", "1", "1", 50, 48),
                      Indicator("效益指标", "社会效益", "b", "1", "1", 30, 31),
                      Indicator("满意度指标", "满意度", "c", None, "1", 10, 9)]
    f = failed(validate_report(rep, doc))
    assert "IND-01" not in f
    assert f["IND-02"] == "warning"  # 90 != 100
    assert f["IND-03"] == "error"  # 31 > 30
    assert f["IND-04"] == "warning"  # 88 != 95
    assert f["IND-05"] == "warning"  # row 3 lacks target


def test_region_rules() -> None:
    doc = doc_of("溆浦县")
    rep = record(doc, county=("溆浦县", "溆浦县"), city=("怀化市", "溆浦县"), province=("湖南省", "溆浦县"),
                 admin_division_code=("431224", "溆浦县"))
    f = failed(validate_report(rep, doc))
    assert not {"REG-01", "REG-02", "REG-03"} & set(f)
    rep.fields["admin_division_code"] = "431200"
    f = failed(validate_report(rep, doc))
    assert "REG-02" in f and "REG-03" in f
    rep.fields["admin_division_code"] = "999999"
    assert failed(validate_report(rep, doc))["REG-01"] == "error"


def test_duplicates() -> None:
    base = {"department": "溆浦县乡村振兴局", "fiscal_year": 2023, "report_type": "department_overall",
            "title": "县乡村振兴局2023年度整体支出绩效自评报告", "self_score": 98.0}
    out = duplicates([{**base, "document_id": "a"}, {**base, "self_score": 95.0, "document_id": "b"},
                      {**base, "document_id": "c", "fiscal_year": 2022}])
    assert {i: o.status for i, o in out.items()} == {0: "failed", 1: "failed", 2: "passed"}
    assert all(o.rule_id == "DUP-01" and o.severity == "warning" for o in out.values())
    assert out[0].values["differing_fields"] == ["self_score"] and out[0].values["others"] == [1]
    assert out[1].values["other_documents"] == ["a"]


def test_duplicates_same_values_and_same_document() -> None:
    base = {"department": "溆浦县乡村振兴局", "fiscal_year": 2023, "report_type": "department_overall",
            "title": "县乡村振兴局 2023年度整体支出绩效自评报告", "self_score": 98.0}
    # a re-post (another rendering, whitespace in the title, 0.001 apart) is no conflict but is flagged as one
    # report published twice (the loader keeps one canonical row), never reported as "passed"
    same = duplicates([{**base, "document_id": 1},
                       {**base, "title": base["title"].replace(" ", ""), "self_score": 98.001, "document_id": 2}])
    assert [o.status for o in same.values()] == ["failed", "failed"]
    assert all(o.values["same_values"] and "published in 1 other document" in o.message for o in same.values())
    # two sections of one container never flag each other; fields may sit under "fields"
    one = duplicates([{"fields": {**base, "self_score": 90.0}, "document_id": 7},
                      {"fields": base, "document_id": 7}])
    assert [o.status for o in one.values()] == ["passed", "passed"]
    # null key fields and non-reports are skipped
    skipped = duplicates([{**base, "department": None, "document_id": 1}, {**base, "report_type": "other"}])
    assert [o.status for o in skipped.values()] == ["skipped", "skipped"]


def test_status_valid_when_nothing_fails() -> None:
    from selfeval.model import RuleOutcome
    assert validation_status([RuleOutcome("X", "error", "passed"), RuleOutcome("Y", "warning", "skipped")]) == "valid"


def test_missing_optional_values_warn_but_do_not_quarantine() -> None:
    """A genuine report whose year and figures the reader missed is incomplete, not wrong (REQ-01 warning)."""
    doc = doc_of("湘阴县卫生健康局2021年度部门整体支出绩效自评报告\n一、部门概况\n本局内设股室8个。")
    rep = record(doc, report_type="department_overall", title="湘阴县卫生健康局2021年度部门整体支出绩效自评报告")
    outs = validate_report(rep, doc)
    assert failed(outs).get("REQ-01") == "warning"
    assert "REQ-00" not in failed(outs)
    assert validation_status(outs) == "warning"


def test_unattributable_row_is_quarantined() -> None:
    """Neither a title nor a department: a fragment no analyst can attribute (REQ-00 error)."""
    doc = doc_of("支出合计5137.69万元。")
    rep = record(doc, report_type="department_overall", expenditure_total_wan=(5137.69, "5137.69"))
    outs = validate_report(rep, doc)
    assert failed(outs).get("REQ-00") == "error"
    assert validation_status(outs) == "quarantined"


@pytest.mark.parametrize("table", [
    "项目\n年初预算数\n全年预算数\n全年执行数\n执行率\n合计\n6,230.00\n7,105.64\n6,958.31\n97.93%\n",  # one cell a line
    "项目\t年初预算数\t全年预算数\t全年执行数\t执行率\n合计\t6,230.00\t7,105.64\t6,958.31\t97.93%\n"])  # TAB rows
def test_exec03_accepts_a_rate_whose_column_names_it_in_a_text_stream_table(table: str) -> None:
    doc = doc_of("某市卫生健康委员会2022年度部门整体支出绩效自评报告\n一、部门整体支出情况\n2022年度预算执行情况(单位:万元)\n"
                 + table + "二、自评结论\n经综合评价,自评得分为95分。\n")
    rep = understand(doc).reports[0]
    assert rep.fields["execution_rate_pct"] == 97.93 and "执行率" in (rep.evidence["execution_rate_pct"].cell or "")
    assert "EXEC-03" not in failed(validate_report(rep, doc))
