"""Hunan's 部门(单位)年度支出和结余情况 table: its two-row header flattened, read by its row's own sums."""

from __future__ import annotations

import pytest
from selfeval.understand import understand

from .conftest import text_doc

HEAD = ("邵东市2021年度部门整体支出绩效评价自评报告\n一、部门(单位)基本情况\n承担全市中医医疗服务。\n二、部门(单位)收支情况\n"
        "部门(单位)年度支出和结余情况(万元)\n机构名称\n支出合计\n其中:\n结余\n基本支出\n其中:\n项目支出\n当年结余\n累计结余\n"
        "人员支出\n公用支出\n市中医医院\n")
TAIL = "三、部门(单位)整体支出绩效情况\n经自评,2021年度部门整体支出绩效评价得分94分,评价等级为“优”。\n"


def test_the_row_under_a_flattened_two_row_header_gives_total_basic_and_project() -> None:
    row = "41263.58\n39417.26\n18936.40\n20480.86\n1846.32\n612.05\n1538.70\n"
    rep = understand(text_doc(HEAD + row + TAIL)).reports[0]
    assert (rep.fields["expenditure_total_wan"], rep.fields["basic_expenditure_wan"],
            rep.fields["project_expenditure_wan"]) == (41263.58, 39417.26, 1846.32)
    assert rep.evidence["basic_expenditure_wan"].snippet == "39417.26"


@pytest.mark.parametrize("row", [
    "41263.58\n18936.40\n20480.86\n1846.32\n612.05\n1538.70\n",  # 基本支出's cell dropped: the sums fail
    "41263.58\n1846.32\n39417.26\n18936.40\n20480.86\n612.05\n",  # another template's column order
])
def test_a_row_whose_sums_do_not_hold_is_not_read(row: str) -> None:
    rep = understand(text_doc(HEAD + row + TAIL)).reports[0]
    assert rep.fields["basic_expenditure_wan"] is None and rep.fields["project_expenditure_wan"] is None
