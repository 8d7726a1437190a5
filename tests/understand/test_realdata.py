"""Understanding on real government files (../shared/realdata, beside the project in CI; skipped when absent).

OCR is off (SELFEVAL_OCR=0): scanned files have no text and must come out as `other`.  The expected values
of the 宁德 自评表 and the 国家信访局 决算 forms were read off the PDFs' text by eye (see the comments).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from selfeval.understand import understand
from selfeval.understand.evidence import check_evidence
from selfeval.validate import validate_report, validation_status

REALDATA = Path(os.environ.get("SELFEVAL_REALDATA", Path(__file__).resolve().parents[3] / "shared" / "realdata"))
NINGDE = "pdf-wps-sheet_c083-ningde-zfbgt_f17e3c9d.pdf"
XINFANG = "pdf-wps-writer_c009-wuhan-xfj_b50c5c76.pdf"
PUTUO = ("pdf-ms-word_putuo-ghhzrzyj2024ndbm_f2546b57.pdf", "pdf-onlyoffice_putuo-czj2024ndbmjs_d45e9231.pdf",
         "pdf-wps-writer_putuo-zgwshgzb2024ndbm_44874c06.pdf", "pdf-wps-writer_putuo-fj2bmjsmb_deb3a453.pdf")

pytestmark = pytest.mark.skipif(not (REALDATA / "manifest.csv").is_file(), reason=f"{REALDATA} not present")


@pytest.fixture(scope="module", autouse=True)
def _no_ocr():
    old = os.environ.get("SELFEVAL_OCR")
    os.environ["SELFEVAL_OCR"] = "0"
    yield
    if old is None:
        os.environ.pop("SELFEVAL_OCR", None)
    else:
        os.environ["SELFEVAL_OCR"] = old


def _extract(name: str):
    from selfeval.extract import extract_file
    return extract_file(REALDATA / name)


def test_classification_against_manifest() -> None:
    from selfeval.eval.realdata import format_result, run_realdata
    result = run_realdata(REALDATA)
    print(format_result(result))
    assert result["documents"] >= 70
    assert result["accuracy"] >= 0.97, format_result(result)
    by_name = {f["file"]: f for f in result["files"]}
    for name in (NINGDE, XINFANG, *PUTUO):
        assert by_name[name]["ok"], by_name[name]
    # hard negatives named in the README: the ex-ante 目标申报表 and the finance bureau's evaluation report
    for name in ("pdf-ms-print-to-pdf_c005-guangzhou-sthjj_4273ff50.pdf",
                 "pdf-wps-writer_c015-changsha-gyzcjdglwyh_3ce00468.pdf"):
        assert by_name[name]["document_type"] == "other", by_name[name]


def test_ningde_self_eval_table() -> None:
    """宁德市人民政府办公室 部门整体绩效自评表（2024年度）, one page, read by eye:
    合计 row 9209.55 (年初部门预算安排金额) | 790.22 (年中调整) | 9999.77 (小计③=①+②) | 8874.74 (年度拨付金额④) |
    88.75 (支出实现率 ⑤=④/③) | 1125.03 | 11.25 | 分值 10 | 得分 7; 17 indicator rows (指标分值 sum 90);
    总分值、评价总分(S) 92.33; 评价等级 优（S≧90）.  The form states no money unit (the targets say 万元)."""
    doc = _extract(NINGDE)
    u = understand(doc)
    assert u.is_self_eval and u.document_type == "self_eval_table" and len(u.reports) == 1
    r = u.reports[0]
    f = r.fields
    assert f["report_type"] == "self_eval_table"
    assert f["department"] == "宁德市人民政府办公室"
    assert f["fiscal_year"] == 2024
    assert (f["city"], f["province"], f["admin_division_code"]) == ("宁德市", "福建省", "350900")
    assert f["budget_initial_wan"] == pytest.approx(9209.55)
    assert f["budget_adjusted_wan"] == pytest.approx(9999.77)
    assert f["expenditure_total_wan"] == pytest.approx(8874.74)
    assert f["execution_rate_pct"] == pytest.approx(88.75)
    assert f["self_score"] == pytest.approx(92.33)
    assert f["grade"] == "优"
    assert f["indicator_count"] == 17 and len(r.indicators) == 17
    assert sum(i.weight for i in r.indicators) == pytest.approx(90)
    assert r.extra["exec_weight"] == 10 and r.extra["exec_score"] == 7
    assert r.indicators[3].level3 == "基本经费投入成本" and r.indicators[3].score == 0
    # labels squeezed into too narrow merged cells run over the column rule: each glyph stays in its cell
    first = r.indicators[:3]
    assert [(i.level1, i.level2) for i in first] == [("一般性支出情况", "一般性支出情况")] * 3
    assert first[1].level3 == "“三公”经费违规使用次数"
    sat = next(i for i in r.indicators if i.level1 == "满意度指标")
    assert (sat.level2, sat.level3) == ("服务对象满意度", "12345平台座席满意率")
    for name, value in f.items():
        if value is not None:
            assert check_evidence(r.evidence[name], doc), name
    outcomes = validate_report(r, doc)
    failed = {o.rule_id for o in outcomes if o.status == "failed"}
    assert validation_status(outcomes) == "warning"
    assert {"EXEC-01", "IND-02", "IND-04", "EXEC-03"}.isdisjoint(failed), failed  # the arithmetic holds
    assert "AMT-03" in failed  # no unit on the form: read as 万元 and flagged


def test_xinfang_juesuan_forms() -> None:
    """国家信访局2024年度部门决算: four 项目支出绩效自评表 (pp. 30-36) become four reports; the 预算绩效情况说明,
    the listing of four projects' results and the appended third-party 绩效评价报告 do not.  By eye:
    (title, 年初, 全年预算, 全年执行, 执行率, 总分, rows)."""
    doc = _extract(XINFANG)
    u = understand(doc)
    assert u.is_self_eval and u.document_type == "contains_section"
    want = [
        ("信访干部培训专项项目绩效自评表", 180.61, 180.03, 180.03, 100.0, 98.0, 10),
        ("信访研究宣传立法专项项目绩效自评表", 493.76, 536.2, 413.57, 77.13, 94.7, 10),
        ("资产运行维护项目绩效自评表", 120.0, 120.0, 120.0, 100.0, 98.0, 9),
        ("信息化运行维护项目绩效自评表", 1638.67, 1639.34, 1032.99, 63.01, 90.5, 8),
    ]
    got = [(r.fields["title"], r.fields["budget_initial_wan"], r.fields["budget_adjusted_wan"],
            r.fields["expenditure_total_wan"], r.fields["execution_rate_pct"], r.fields["self_score"],
            r.fields["indicator_count"]) for r in u.reports]
    assert [g[:6] for g in got] == [w[:6] for w in want]
    for r, w in zip(u.reports, want, strict=True):
        assert r.fields["report_type"] == "self_eval_table" and r.fields["fiscal_year"] == 2024
        assert r.fields["department"] in ("国家信访局", "国家信访局本级")
        outcomes = validate_report(r, doc)
        assert validation_status(outcomes) != "quarantined", [o for o in outcomes if o.status == "failed"]
        failed = {o.rule_id for o in outcomes if o.status == "failed"}
        assert "EXEC-01" not in failed
        # rows across the page break stay rows (p.30/31: 信访工作质量 | 信访系统干部整体素质)
        assert r.fields["indicator_count"] == w[6], (w[0], r.fields["indicator_count"])
        assert not {"IND-02", "IND-04"} & failed, (w[0], failed)  # weights + 执行率 10 = 100, scores add up
        # labels merged over several rows (and over the page break) are repeated on every row
        assert all(i.level1 and i.level2 for i in r.indicators), (w[0], [(i.level1, i.level2) for i in r.indicators])
    assert any("listing" in why or "score or grade" in why for why in u.reasons)
    first = u.reports[0].indicators
    assert [i.level3 for i in first[7:9]] == ["信访工作质量", "信访系统干部整体素质"]
    assert (first[8].level1, first[8].level2) == ("效益指标", "社会效益指标")
    second = u.reports[1].indicators
    assert [(i.level1, i.level2) for i in second[1:7]] == [("产出指标", "数量指标")] * 6


@pytest.mark.parametrize("name", PUTUO)
def test_putuo_summary_paragraph_is_not_a_report(name: str) -> None:
    """普陀 决算: '绩效自评的2024年度项目N个，涉及预算金额…，平均得分…' summarises the unit's project
    self-evaluations: the document contains a self-evaluation section, but no unit or project report, and
    a self-evaluation verdict always comes with a report row, so is_self_eval is false."""
    u = understand(_extract(name))
    assert not u.is_self_eval and u.document_type == "contains_section"
    assert u.reports == []
