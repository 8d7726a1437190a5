"""Provincial (non-MoF) 自评表 layouts in the text shapes converters give them (tab rows, `|` rows, one cell a
line), each rebuilt with its own units and values: the budget block's header over several fund rows, two-row
headers, spaced labels, columns the reader does not know, captions and grade cells."""

from __future__ import annotations

import pytest
from selfeval.understand import understand

from .conftest import text_doc

HEAD = "2023年度项目支出绩效自评表\n项目名称\t社区养老服务补贴\n项目单位\t某市某区民政局\n"
BUDGET = ("budget_initial_wan", "budget_adjusted_wan", "expenditure_total_wan", "execution_rate_pct")


def _fields(text: str) -> dict:
    return understand(text_doc(text)).reports[0].fields


def _budget(text: str) -> tuple:
    f = _fields(text)
    return tuple(f[k] for k in BUDGET)


def test_header_over_three_fund_rows_and_a_last_total_row_is_reached() -> None:
    """One cell a line, three fund rows of five cells put 15 figures between the header and the 合计 row."""
    text = HEAD + ("资金来源\t年初预算（万元）\t调整后预算（万元）\t实际支出（万元）\t执行率\n"
                   "区级财政资金\t310.00\t330.00\t320.10\t97.00%\n市级财政资金\t90.00\t90.00\t88.20\t98.00%\n"
                   "县级财政资金\t20.00\t20.00\t19.70\t98.50%\n合计\t420.00\t440.00\t428.00\t97.27%\n")
    assert _budget(text) == (420.0, 440.0, 428.0, 97.27)


DEPT = "2023年度部门整体绩效自评表\n部门名称\t某区司法局\n"


def test_bracketed_adjustment_in_the_years_budget_label_is_the_final_budget() -> None:
    """'全年(调整)预算数' (Chongqing) is the adjusted budget, not a lone 预算数 left unread."""
    text = DEPT + ("部门预算执行情况（万元）\t年初预算数\t全年（调整）预算数\t全年执行数\t执行率（%）\n"
                   "\t1830.00\t1960.50\t1901.25\t96.98\n")
    assert _budget(text) == (1830.0, 1960.5, 1901.25, 96.98)


TWO_ROW = [("资金来源", "预算数", None, "执行数", "执行率", "得分"), (None, "年初", "调整后", None, None, None),
           ("本年财政拨款", "640.00", "700.00", "690.20", "98.60%", None),
           ("上年结转", "0.00", "35.00", "30.00", "85.71%", None),
           ("合计", "640.00", "735.00", "720.20", "97.99%", "9.8")]


def _shape(rows: list[tuple], shape: str) -> str:
    """The rows as a converter flattens them: tab rows keeping merged cells empty, or `|` rows dropping them."""
    if shape == "tsv":
        return "".join("\t".join(c or "" for c in row).rstrip("\t") + "\n" for row in rows)
    return "".join(" | ".join(c for c in row if c is not None) + " |\n" for row in rows)


@pytest.mark.parametrize("shape", ["tsv", "pipe"])
def test_stages_under_a_parent_budget_are_its_two_columns(shape: str) -> None:
    """'预算数' over '年初 | 调整后' (and a fund row named like a column, 上年结转): the parent is no lone final budget
    and no figure slides into its neighbour's column."""
    assert _budget(HEAD + _shape(TWO_ROW, shape)) == (640.0, 735.0, 720.2, 97.99)


SPACED = [("项    目", "年 初 预 算 数", "全 年 预 算 数", "全 年 执 行 数", "执 行 率"),
          ("部门预算总额", "2315.00", "2402.80", "2350.10", "97.81%")]


@pytest.mark.parametrize("shape", ["tsv", "lines"])
def test_spaced_header_over_the_departments_budget_total_row(shape: str) -> None:
    """Hunan's county form: spaced labels over one '部门预算总额' row (the stream found no row label before)."""
    body = _shape(SPACED, "tsv") if shape == "tsv" else "".join(c + "\n" for row in SPACED for c in row)
    assert _budget(DEPT + body) == (2315.0, 2402.8, 2350.1, 97.81)


def test_a_column_the_reader_does_not_know_keeps_its_own_value() -> None:
    """'实际拨付数' between 年初预算安排数 and 实际支出数 (Anhui): read past, so 实际支出数 keeps its own figure."""
    text = HEAD + "资金使用情况（万元）\t年初预算安排数\t实际拨付数\t实际支出数\n合计\t260.00\t255.00\t241.30\n"
    f = _fields(text)
    assert (f["budget_initial_wan"], f["expenditure_total_wan"]) == (260.0, 241.3)


def test_unreadable_amount_cells_hold_their_columns() -> None:
    """A row whose amounts came out garbled ('3,110,200.00?') is not slid left: its 执行率 is no 年初预算数."""
    text = DEPT + ("年初预算数 | 全年(调整)预算数 | 全年执行数 | 执行率 | 执行率权重 | 执行率得分 |\n"
                   "其中:财政拨款 | 3,110,200.00? | 3,305,000.00? | 3,201,450.00? | 96.87 | 10.00 | 9.69? |\n")
    f = _fields(text)
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["execution_rate_pct"]) == (None, None, 96.87)


@pytest.mark.parametrize("shape", ["tsv", "lines"])
def test_a_caption_heading_the_block_is_no_budget_column(shape: str) -> None:
    """Guizhou's '年度预算资金（万元）' merged down beside '资金来源': it names the block, the figures are the columns'."""
    rows = [("年度预算资金（万元）", "资金来源", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
            (None, "年度资金总额", "2410.50", "2350.30", "10", "97.50%", "9.75")]
    body = _shape(rows, "tsv") if shape == "tsv" else "".join(c + "\n" for row in rows for c in row if c)
    f = _fields(DEPT + body)
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) == (2410.5, 2350.3, 97.5)


@pytest.mark.parametrize("shape", ["tsv", "pipe"])
def test_a_bare_grade_label_beside_the_score_gives_the_grade(shape: str) -> None:
    """'自评得分 | 88 | 等级 | 良' (Anhui): the score, then the grade its own label cell names (fields.md: 等级)."""
    rows = [("资金使用情况（万元）", "年初预算安排数", "实际支出数"), ("合计", "80.00", "76.40"),
            ("一级指标", "二级指标", "三级指标", "完成值"), ("产出指标", "数量指标", "补助农户数", "1200户"),
            ("自评得分", "88", "等级", "良")]
    f = _fields(HEAD + _shape(rows, shape))
    assert (f["self_score"], f["grade"]) == (88.0, "良")


@pytest.mark.parametrize("shape", ["tsv", "pipe"])
def test_full_stage_labels_under_a_parent_budget(shape: str) -> None:
    """'预算数' over '年初预算 | 调整后预算' (Hunan, in 元): the figures keep their columns (shifted one before)."""
    rows = [("项目", "预算数", None, "执行数", "执行率", "备注"), (None, "年初预算", "调整后预算", None, None, None),
            ("支出合计", "5,432,100.00", "6,012,300.00", "5,870,250.00", "97.64%", None)]
    text = DEPT + "金额单位：元\n" + _shape(rows, shape)
    assert _budget(text) == (543.21, 601.23, 587.025, 97.64)


INDICATORS = [("一级指标", "二级指标", "三级指标", "分值", "得分"),
              ("产出指标", "数量指标", "巡查次数", "30", "30"), (None, "质量指标", "整改完成率", "20", "18"),
              ("小计", None, None, "50", "48"),
              ("效益指标", "社会效益指标", "群众知晓率", "30", "29"), ("小计", None, None, "30", "29"),
              ("满意度指标", "满意度", "群众满意度", "20", "19"), ("合计", None, None, "100", "96")]


@pytest.mark.parametrize("shape", ["tsv", "pipe"])
def test_subtotal_rows_are_no_indicators(shape: str) -> None:
    """A level's '小计 | 50 | 48' row sums the indicators above it: four indicators, not six."""
    assert _fields(DEPT + _shape(INDICATORS, shape))["indicator_count"] == 4


def test_the_signature_row_is_no_indicator() -> None:
    """'单位负责人:… | 填表人:… | 填报日期:…' under the grid (Yunnan) closes it."""
    rows = [r for r in INDICATORS if r[0] not in ("小计", "合计")] + [
        ("其他需说明事项", "无"), ("单位负责人：王某", "财务负责人：李某", "填表人：张某", "填报日期：2024年4月2日")]
    assert _fields(DEPT + _shape(rows, "pipe"))["indicator_count"] == 4


SPENT_FIRST = [("资金情况", "执行数", "预算数", None, "执行率"), (None, None, "年初数", "调整数", None),
               ("本年支出合计", "3120400.00", "2980000.00", "3250000.00", "96.01%")]


@pytest.mark.parametrize("shape", ["tsv", "pipe", "lines"])
def test_bare_stages_with_their_suffix_under_a_parent_budget(shape: str) -> None:
    """'执行数 | 预算数 | 执行率' over '年初数 | 调整数' (Jiangxi): 年初数 is the initial budget; 调整数 may be the change
    or the year's budget, so it is read past and its figure taken for nothing (the rows are in 元)."""
    head = "2023年度部门整体支出绩效自评表\n填报单位（盖章）：某县档案馆\t单位：元\n"
    if shape == "lines":
        body = "".join(c + "\n" for row in SPENT_FIRST for c in row if c)
    else:
        body = _shape(SPENT_FIRST, shape)
    assert _budget(head + body) == (298.0, None, 312.04, 96.01)


SIDE_BY_SIDE = [("收入", "预算数", "决算数", "支出", "预算数", "决算数"),
                ("一般公共预算拨款", "860.00", "902.40", "基本支出", "610.00", "655.31"),
                ("其他收入", "20.00", "20.00", "项目支出", "270.00", "262.75"),
                ("收入合计", "880.00", "922.40", "支出合计", "880.00", "918.06")]


@pytest.mark.parametrize("shape", ["tsv", "pipe"])
def test_side_by_side_income_and_spending_blocks_give_the_spent_parts(shape: str) -> None:
    """Hunan's 收入 | 预算数 | 决算数 | 支出 | 预算数 | 决算数: a part's figure is the spending block's 决算数, not the
    budget right after its label."""
    f = _fields("某县民政局2023年度部门整体支出绩效自评表\n单位：万元\n" + _shape(SIDE_BY_SIDE, shape))
    assert (f["basic_expenditure_wan"], f["project_expenditure_wan"], f["expenditure_total_wan"]) == (655.31, 262.75, 918.06)
