"""A PDF's width wraps a sentence inside a figure ('全年支出合计1,29' / '8.45万元'): the figure is read whole, and
a number cut where the break cannot be told from a table's is never read from its tail ('执行率为9' / '6.71%'
gave 6.71)."""

from __future__ import annotations

import pytest
from selfeval.textnorm import normalize_text
from selfeval.understand import understand

from .conftest import text_doc

HEAD = "某县农业农村局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n负责全县农业农村工作。\n二、部门整体支出情况\n"
TAIL = "\n三、自评结论\n经自评，我局部门整体支出绩效自评得分为94.5分，评价等级为优。\n"


def _fields(paragraph: str) -> dict:
    return understand(text_doc(HEAD + paragraph + TAIL)).reports[0].fields


@pytest.mark.parametrize(("paragraph", "field", "value"), [
    ("2023年度，我局年初预算数为1,256.80万元，全年支出合计1,29\n8.45万元，其中基本支出986.32万元。",
     "expenditure_total_wan", 1298.45),
    ("2023年度，我局年初预算数为1,256.80万元，全年预算数为1,34\n2.56万元。全年支出合计1,298.45万元。",
     "budget_adjusted_wan", 1342.56),
    ("全年支出合计1,298.45万元，其中：基本支出986.3\n2万元，项目支出312.13万元。", "basic_expenditure_wan", 986.32),
    ("2023年度，我局部门年初预算数为1,256\n.80万元，全年预算数为1,342.56万元。", "budget_initial_wan", 1256.8),
    ("全年支出合计1,298.45万元，其中：基本支出986.32万元，项目支出312.13万元。预算执行率为9\n6.71%。",
     "execution_rate_pct", 96.71),
    ("全年支出合计1,298.45万元，其中：基本支出986.32万元，项目支出312.13万元。预算执行率为96.7\n1%。",
     "execution_rate_pct", 96.71),
])
def test_a_figure_cut_by_a_soft_wrap_is_read_whole(paragraph: str, field: str, value: float) -> None:
    assert _fields(paragraph)[field] == value


def test_a_rate_cut_where_no_join_is_safe_is_not_read_from_its_tail() -> None:
    """A gap before the head (a justified line, or a table's cells) leaves the break in place: no rate then (6.71
    or 1.0 would be wrong values, worse than none)."""
    for cut in ("9\n6.71%", "96.7\n1%"):
        text = f"全年支出合计1,298.45万元，其中：基本支出986.32万元，项目支出312.13万元。预算执行率为 {cut}。"
        assert _fields(text)["execution_rate_pct"] is None


@pytest.mark.parametrize("raw", [
    "我局年初预算数为1,256.80万元，合计金额共计100\n2024年度预算安排如下",  # a year after a figure: no unit follows
    "项目名称  预算执行率情况说明  100\n95%",  # a row's cell gap before the figure
    "总分\n95\n100%",  # cells on their own lines
    "我局部门整体支出绩效自评得分为1,298\n45万元",  # head and rest make no well-formed number
])
def test_a_table_boundary_is_never_joined(raw: str) -> None:
    assert "\n" in normalize_text(raw)


def test_the_evidence_of_a_label_cut_by_a_wrap_quotes_the_whole_label() -> None:
    """'其中：基' / '本支出986.32万元': the evidence starts at 基, not at 本."""
    text = HEAD + "2023年度，我局全年预算数为1,342.56万元。全年支出合计1,298.45万元，其中：基\n本支出986.32万元，项目支出312.13万元。" + TAIL
    rep = understand(text_doc(text)).reports[0]
    assert rep.evidence["basic_expenditure_wan"].snippet == "基\n本支出986.32万元"
