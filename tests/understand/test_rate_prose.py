"""The unit's execution rate as a report's prose states it: the evidence quotes the label as printed (a filler
such as 达到 or a formula between label and figure once cut 执行 off it, and EXEC-03 quarantined a correct rate)."""

from __future__ import annotations

import pytest
from selfeval.understand import understand
from selfeval.validate import validate_report

from .conftest import text_doc

HEAD = "某县农业农村局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n负责全县农业农村工作。\n二、部门整体支出情况\n"
TAIL = "\n三、自评结论\n经自评，我局部门整体支出绩效自评得分为94.5分，评价等级为优。\n"
FIGURES = "2023年度，我局全年预算数为1,342.56万元，全年支出合计1,298.45万元，其中：基本支出986.32万元，项目支出312.13万元。"


@pytest.mark.parametrize(("rate", "label"), [
    ("执行率达到96.71%", "执行率达到"),
    ("执行率为96.71%", "执行率为"),
    ("预算执行率=1,298.45÷1,342.56×100%=96.71%", "预算执行率="),
])
def test_the_rates_evidence_spans_its_label(rate: str, label: str) -> None:
    doc = text_doc(HEAD + FIGURES + rate + "。" + TAIL)
    rep = understand(doc).reports[0]
    assert rep.fields["execution_rate_pct"] == 96.71
    assert rep.evidence["execution_rate_pct"].snippet.startswith(label)
    assert not [o.rule_id for o in validate_report(rep, doc) if o.rule_id == "EXEC-03" and o.status == "failed"]


def test_the_parts_own_rates_are_not_the_units() -> None:
    """'基本支出执行率98.11%,项目支出执行率92.55%' states each part's rate; the unit's rate is not stated."""
    text = HEAD + FIGURES + "基本支出执行率98.11%，项目支出执行率92.55%。" + TAIL
    assert understand(text_doc(text)).reports[0].fields["execution_rate_pct"] is None


def test_a_shortfall_from_a_full_rate_is_not_the_rate() -> None:
    """'执行率95.42%' is the rate; '资金执行率未达到100%' and '执行率不足95%' explain a deduction, they state none."""
    text = ("某州动物疫病预防控制中心2023年度重大动物疫病强制免疫补助项目支出绩效自评报告\n一、项目基本情况\n"
            "项目年初预算276.5万元，全年预算数312.8万元，全年执行数298.47万元，执行率95.42%。\n二、自评结论\n"
            "经自评，本项目综合得分92分，等级为优。扣分主要原因：部分偏远牧区免疫进度滞后，项目资金执行率未达到100%。\n")
    rep = understand(text_doc(text)).reports[0]
    assert rep.fields["execution_rate_pct"] == 95.42


def test_two_funds_bases_side_by_side_give_the_all_funds_figures() -> None:
    """'财政拨款口径:…' then '全部资金口径(含事业收入):…', each with its budgets, spending and rate: the basis named at
    the sentence's start holds for all its figures, and the rate taken is the one the chosen figures give."""
    text = (HEAD + "2021年度本部门收支分两个口径反映如下:\n"
            "财政拨款口径:年初预算数430.20万元,全年预算数512.00万元,财政拨款支出505.31万元,其中基本支出380.10万元、"
            "项目支出125.21万元,财政拨款预算执行率98.69%。\n"
            "全部资金口径(含事业收入及其他收入):年初预算数468.40万元,全年预算数590.25万元,支出合计578.66万元,"
            "其中基本支出401.12万元、项目支出177.54万元,全部资金预算执行率98.04%。\n" + TAIL)
    f = understand(text_doc(text)).reports[0].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (468.40, 590.25, 578.66)
    assert (f["basic_expenditure_wan"], f["project_expenditure_wan"], f["execution_rate_pct"]) == (401.12, 177.54, 98.04)
