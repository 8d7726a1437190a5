"""Shapes real forms and containers arrive in (realset dev misses, each rebuilt with other units and values):
a 其中 row wrapped over two lines, a numbered section heading closed by 。, a publisher glued to the page's
font-size control, and a project's 安排…资金 allocation stated in prose."""

from __future__ import annotations

from selfeval.understand import understand

from .conftest import text_doc

WRAPPED_FORM = """部门整体支出绩效自评表 | |||||||||
单位(盖章):某县城关镇人民政府 | 填报日期:2023年3月1日 | ||||||||
部门(单位)名称 | 某县城关镇人民政府 | ||||||||
部门(单位)总体 资金(万元) | 资 金 来 源 | 年初预算数(A) | 全年执行数(B) | 分值(10分) | 得分 | 得分计算方法 | |||
年度资金总额: | 2048.60 | 2210.35 | 10 | 10 | 执行率*该指标分值。 | ||||
基本支出 | 1530.12 | 1602.40 |
10 | 10 | |||||
项目支出 | 518.48 | 607.95 | 10 | 10 | |||||
其他 | |||||||||
"""

SECTION_IN_FINAL_ACCOUNTS = """某市医疗保障事业中心2023年度部门决算
第三部分 其他重要事项的情况说明
十、预算绩效情况说明
（一）部门整体支出绩效自评情况。
我中心对2023年度部门整体支出开展了绩效自评。2023年部门年初预算 812.40 万元，年中调整预算为
1033.17 万元，全年执行数 1021.86 万元，预算执行率 98.91%。主要原因是年中追加了中央补助资金。
（二）项目支出绩效自评情况。
"""

GLUED_PUBLISHER = """某县2023年度财政衔接推进乡村振兴补助资金绩效自评报告

发布时间:2024-03-15 10:20信息来源:某县农业农村局文字大小:[ 大 中 小 ] 背景色:

县财政局:
根据工作安排，我局对2023年度财政衔接推进乡村振兴补助资金开展了绩效自评。2023年度安排财政衔接资金3120万元，
已拨付资金3080.5万元，支出进度98.73%。
"""


def test_wrapped_part_rows_of_a_form_are_read() -> None:
    f = understand(text_doc(WRAPPED_FORM)).reports[0].fields
    assert (f["budget_initial_wan"], f["expenditure_total_wan"]) == (2048.60, 2210.35)
    assert (f["basic_expenditure_wan"], f["project_expenditure_wan"]) == (1602.40, 607.95)


def test_numbered_section_closed_by_a_full_stop_is_the_units_report() -> None:
    u = understand(text_doc(SECTION_IN_FINAL_ACCOUNTS))
    assert u.is_self_eval and u.document_type == "contains_section"
    [rep] = u.reports
    f = rep.fields
    assert f["report_type"] == "department_overall" and f["title"] is None
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (812.40, 1033.17, 1021.86)


def test_publisher_stops_at_page_controls_and_project_allocation_is_its_budget() -> None:
    u = understand(text_doc(GLUED_PUBLISHER))
    assert u.page_meta.get("publisher") == "某县农业农村局"
    f = u.reports[0].fields
    assert f["report_type"] == "project" and f["budget_adjusted_wan"] == 3120


COVER_FORM = """部门整体支出绩效评价自评报告
(2023年度)
评价类型: 项目实施过程评价 项目完成结果评价
部门(单位)全称:某县人民法院 (公章)
主管部门审核意见:
财政部门审核意见:
填报日期 2024年 3月5日
某市财政局制
部门整体支出绩效评价报告
(参考提纲)
一、部门基本情况
(一)部门职能与机构设置
本院内设机构8个，2023年末实有人数46人。全年支出合计1530.22万元。
"""

TITLE_INSIDE_META = """信息分类: 农村危房改造
发布机构: 某县城关镇 成文日期:
文  号: 效  性: 有效
某县农村危房改造转移支付2023年度绩效自评报告
发布时间:2024-06-03 09:50信息来源: 某县城关镇阅读次数:编辑:城关镇 字号:【

一、绩效目标情况
根据省、市住建部门要求，我县2023年农村危房改造任务数为80户，实际完成96户，发放补助资金为180.5万元。
"""


def test_cover_form_lines_are_no_title_and_the_report_is_read() -> None:
    u = understand(text_doc(COVER_FORM))
    assert u.is_self_eval and u.reports[0].fields["title"] == "部门整体支出绩效评价自评报告"
    assert u.reports[0].fields["report_type"] == "department_overall"


def test_title_line_between_metadata_lines_is_the_title() -> None:
    u = understand(text_doc(TITLE_INSIDE_META))
    assert u.is_self_eval and u.reports[0].fields["title"] == "某县农村危房改造转移支付2023年度绩效自评报告"
    assert u.reports[0].fields["report_type"] == "project" and u.reports[0].fields["fiscal_year"] == 2023


def test_link_decoration_is_no_part_of_the_title() -> None:
    text = ("某县城关镇2023年度农村供水工程项目支出绩效自评表[点击下载]\n发布时间：2024-04-02\n"
            "项目名称：农村供水工程\n年初预算数 全年预算数 全年执行数\n年度资金总额 120 120 118.5\n"
            "三级指标 实际完成值 得分\n自评总分 96\n")
    rep = understand(text_doc(text)).reports[0]
    assert rep.fields["title"] in ("某县城关镇2023年度农村供水工程项目支出绩效自评表", "农村供水工程")
    assert "点击下载" not in (rep.fields["title"] or "")
    ev = rep.evidence["title"]
    assert "点击下载" not in ev.snippet
