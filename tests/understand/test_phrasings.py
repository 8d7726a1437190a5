"""The ways a department report states its budget, spending and rate in prose, each alone in an otherwise fixed
report: every phrasing must give its figure (vocabulary breadth, not one sample's wording)."""

from __future__ import annotations

import pytest
from selfeval.understand import understand

from .conftest import text_doc

A, B, C, R = 812.4, 1033.17, 1021.86, 98.91
INITIAL = ["年初预算{a}万元", "年初预算数为{a}万元", "年初批复预算{a}万元", "年初部门预算安排{a}万元", "年初预算批复{a}万元",
           "年初下达预算{a}万元", "年初预算资金{a}万元", "年初财政预算{a}万元"]
ADJUSTED = ["全年预算数为{b}万元", "调整后预算{b}万元", "年中调整预算为{b}万元", "全年可用预算{b}万元", "预算调整后为{b}万元",
            "全年预算总额{b}万元", "全年部门预算{b}万元", "全年批复预算{b}万元", "全年预算安排{b}万元", "调整后全年预算{b}万元",
            "经追加调整后预算为{b}万元", "全年预算调整为{b}万元", "全年预算资金{b}万元", "年终预算数{b}万元"]
SPENT = ["全年执行数{c}万元", "实际支出{c}万元", "全年支出{c}万元", "本年支出合计{c}万元", "决算支出{c}万元", "全年实际支出{c}万元",
         "累计支出{c}万元", "完成支出{c}万元", "全年完成支出{c}万元", "支出决算{c}万元", "全年预算执行{c}万元", "实际执行{c}万元",
         "全年共支出{c}万元", "年度支出总额{c}万元", "实际使用资金{c}万元"]
RATE = ["预算执行率{r}%", "执行率为{r}%", "预算执行率达{r}%", "资金执行率{r}%", "预算执行率为{r}%", "全年预算执行率{r}%"]


def _fields(sentence: str) -> dict:
    text = ("某县林业局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n负责全县林业资源保护管理。\n二、部门整体支出情况\n"
            f"{sentence}\n三、自评结论\n自评得分95分。\n")
    return understand(text_doc(text)).reports[0].fields


@pytest.mark.parametrize("phrase", INITIAL)
def test_initial_budget_phrasings(phrase: str) -> None:
    assert _fields("2023年" + phrase.format(a=A) + f",全年执行数{C}万元。")["budget_initial_wan"] == A


@pytest.mark.parametrize("phrase", ADJUSTED)
def test_final_budget_phrasings(phrase: str) -> None:
    assert _fields(f"2023年年初预算{A}万元," + phrase.format(b=B) + f",全年执行数{C}万元。")["budget_adjusted_wan"] == B


@pytest.mark.parametrize("phrase", SPENT)
def test_spending_phrasings(phrase: str) -> None:
    f = _fields(f"2023年年初预算{A}万元,全年预算数为{B}万元," + phrase.format(c=C) + "。")
    assert (f["expenditure_total_wan"], f["budget_adjusted_wan"]) == (C, B)


@pytest.mark.parametrize("phrase", RATE)
def test_rate_phrasings(phrase: str) -> None:
    assert _fields(f"2023年全年预算数为{B}万元,全年执行数{C}万元," + phrase.format(r=R) + "。")["execution_rate_pct"] == R
