"""Shapes real forms and containers arrive in (realset dev misses, each rebuilt with other units and values):
a 其中 row wrapped over two lines, a numbered section heading closed by 。, a publisher glued to the page's
font-size control, and a project's 安排…资金 allocation stated in prose."""

from __future__ import annotations

import re

import pytest
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


# --- self-evaluations the title does not name, and forms flattened into one stream of words -------------

OPENING_STATES_SELF = """某州住房和城乡建设厅
根据《财政部关于开展2023年度中央对地方转移支付预算执行情况绩效自评工作的通知》有关规定，某省住房和城乡建设厅、
财政厅认真组织开展了2023年度中央财政农村危房改造补助资金绩效自评工作，自评情况如下：
一、绩效目标分解下达情况
（一）中央下达预算情况。2023年中央下达补助资金共8460万元，已全部分解下达至各县。
"""

STAMPED_FORM_HEAD = """评价年度：2023 评价单位（公章）：某县水利局 填报日期：2024年9月2日
一、根据县财政局《关于做好2023年度县级财政资金绩效自评工作的通知》文件要求，我单位成立自评工作小组，
形成本评价报告。现将2023年度某县水利局整体支出绩效自评情况报告如下：
二、单位基本情况。2023年年初预算 512.30 万元，全年执行数 498.10 万元。
"""

UNIT_TITLED_EVALUATION = """某市某区农业农村局2020年部门整体支出绩效评价报告
信息来源：区农业农村局 发布时间：2021-06-30
根据《关于全面推进预算绩效管理的实施意见》，现对我局2020年部门整体支出情况作如下报告。
一、部门基本情况。2020年收入合计 1280.40 万元，支出合计 1266.75 万元。
"""

FINANCE_BUREAU_EVALUATION = """某区农业农村局2020年部门整体支出绩效评价报告
信息来源：区财政局 发布时间：2021-08-30
受区财政局委托，评价工作组对区农业农村局2020年部门整体支出开展了绩效评价。评价机构：某会计师事务所有限公司。
一、部门基本情况。2020年支出合计 1266.75 万元。
"""

ONE_LINE_FORM = ("某区体育中心2022年度项目自评价\n财政项目支出绩效自评表 (2022 年度) 场馆运维费 项目名称 主管部门 某区体育局 "
                 "年初预算数 全年预算数 全年执行数 分值 执行率 得分 180000.00 180000.00 163,800.0 10 9.10 180000.00 "
                 "180000.00 163800.0 — 上年结转资金 0 0 — 年度资金总额 项目资金 (元) 某区体育中心 实施单位 91.00% "
                 "实际完成情况 已完成场馆运维。\n")


def test_an_opening_that_states_a_self_evaluation_makes_a_report() -> None:
    for text in (OPENING_STATES_SELF, STAMPED_FORM_HEAD, UNIT_TITLED_EVALUATION):
        u = understand(text_doc(text))
        assert u.is_self_eval and u.reports, (text[:40], u.reasons)
    assert understand(text_doc(STAMPED_FORM_HEAD)).reports[0].fields["report_type"] == "department_overall"


def test_an_evaluation_by_the_finance_bureau_or_its_evaluators_is_not_the_units_own() -> None:
    u = understand(text_doc(FINANCE_BUREAU_EVALUATION))
    assert not u.is_self_eval, u.reasons


def test_a_form_flattened_into_one_line_is_read_header_then_values() -> None:
    f = understand(text_doc(ONE_LINE_FORM)).reports[0].fields
    # the values in 元 (项目资金 (元) printed after them); 分值 10 and 得分 9.10 are the 执行率 row's points
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (18.0, 18.0, 16.38)


def test_a_township_unit_keeps_its_township_when_no_county_is_named() -> None:
    text = ("单位名称:青石镇政府 填报日期:2022.4.11\n单位名称 | 青石镇人民政府 | ||||\n部门整体支出绩效自评表\n"
            "预算执行情况(万元) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 |\n部门整体支出总额 | 702.5 | 702.5 | 100% | 20 |\n"
            "自评得分 | 96 |\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["township"], f["county"], f["department"]) == ("青石镇", None, "青石镇人民政府"), f


def test_heads_inside_flattened_lines_start_their_own_reports() -> None:
    package = ("某省农业农村厅关于2022年度中央转移支付资金绩效自评的报告\n某省农业农村厅 | 2023-12-20\n现将两项资金2022年度绩效自评报告公开如下:2022年度中央农业生产发展资金绩效自评报告一、"
               "绩效目标分解下达情况(一)中央下达预算情况1.预算数:2022年中央下达资金3200万元,已全部分解下达。二、绩效目标完成情况"
               "分析 资金执行率100%。2022年度中央农田建设补助资金绩效自评报告一、绩效目标分解下达情况(一)中央下达预算情况"
               "1.预算数:2022年中央下达资金5100万元,已全部分解下达。\n")
    u = understand(text_doc(package))
    assert u.is_self_eval, u.reasons
    assert [r.fields["title"] for r in u.reports] == ["2022年度中央农业生产发展资金绩效自评报告", "2022年度中央农田建设补助资金绩效自评报告"]
    fragment = ("编辑: 某某 | 2020-06-01 |\n5 5 满意度 10 10 总分 3.部门整体支出绩效自评开展情况. 按照预算绩效管理要求,本部门对"
                "2019 年整体支出开展绩效自评,自评得分 93 分,存在的问题:一是预算编制不够精准。\n")
    u = understand(text_doc(fragment))
    assert u.is_self_eval and u.reports[0].fields["self_score"] == 93 and u.reports[0].fields["title"] is None, u.reasons


def test_cover_form_naming_a_self_evaluation_and_ministry_style_openings() -> None:
    cover = ("1、财政支出项目绩效评价自评报告评价类型:项目完成结果评价项目名称农村公路养护经费项目单位某县交通运输局主管部门"
             "某县人民政府评价方式:部门(单位)绩效自评评价机构:部门(单位)评价组报告日期:2023年7月10日某县财政局(制)"
             "一、项目基本概况 项目起止时间2022年1月起至2022年12月止。实际支出(万元)120.5\n")
    ministry = ("根据《财政部关于开展2021年度中央对地方转移支付预算执行情况绩效自评工作的通知》要求，2022年3月，某部在对各地"
                "报送的绩效自评材料进行审核基础上，对2021年度某专项资金项目进行了绩效自评。现将有关情况报告如下：\n一、基本情况\n"
                "1. 政策背景 该资金用于支持地方改善办学条件。\n")
    for text in (cover, ministry):
        u = understand(text_doc(text))
        assert u.is_self_eval and u.reports, (text[:30], u.reasons)


def test_a_news_headline_about_self_evaluation_work_is_not_a_report() -> None:
    news = ("市生态环境科学研究院配合市生态环境局完成2018年度中央对地方专项转移支付绩效目标自评工作\n\n05.04.2019 10:12\n\n"
            "为贯彻落实全面实施绩效管理决策部署，根据财政部有关通知，市生态环境局高度重视，印发通知要求各区县报送评价报告，"
            "我院派员协助完成了材料审核和汇总。\n")
    u = understand(text_doc(news))
    assert not u.is_self_eval, u.reasons


def test_a_metadata_name_label_is_no_part_of_the_title() -> None:
    text = ("索引號: 11341802/2024-01234\n    名稱: 某縣教育督導(dǎo)評(píng)價(jià)獎勵補助資金轉移支付2023年度績效自評報告 文號:\n"
            "根据工作要求，我局对该资金开展了绩效自评，现将自评情况报告如下：2023年下达资金70万元，已全部支出。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert f["title"] == "某县教育督导评价奖励补助资金转移支付2023年度绩效自评报告", f["title"]


def test_a_source_label_after_a_time_and_a_bare_township_with_its_divisions() -> None:
    text = ("某县农业保险保费补贴2021年度绩效自评报告\n发布时间:2022-10-26 17:11 来源:县财政局 作者: 【字体:\n"
            "某县农业保险保费补贴 2021年度绩效自评报告\n2021年度，我县农业保险工作稳步推进，全年各险种总保费达到3120.5万元。\n")
    u = understand(text_doc(text))
    assert u.page_meta.get("publisher") == "县财政局", u.page_meta
    town = ("攀枝花市仁和区同德镇2022年度部门预算项目支出绩效自评报告\n来源:攀枝花市仁和区同德镇人民政府 发布时间:2023-05-19\n"
            "一、项目概况。2022年城乡临时救助备用金预算2万元，实际支出1.43万元，自评得分95分。\n")
    f = understand(text_doc(town)).reports[0].fields
    assert f["department"] == "攀枝花市仁和区同德镇人民政府" and f["township"] == "同德镇", f


def test_a_transfer_payments_region_wide_execution_is_its_spending() -> None:
    text = ("2023年度城乡居民基本医疗保险补助资金绩效自评报告\n某自治区医疗保障局\n一、绩效目标分解下达情况\n"
            "(一)资金投入情况分析。2023年,某区城乡居民医保补助全年预算数 825310.50万元,全区执行数 801220.17万元。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (825310.5, 801220.17), f


def test_a_page_accounting_for_its_budget_spending_and_targets_is_a_report() -> None:
    text = ("您所在的位置: 首页 >> 绩效评估\n2021年度绩效评价\n发布日期:2022-10-12 16:58 来源:市农业农村局\n"
            "项目全年预算数为860万元,执行数为842.5万元,完成预算的97.97%。项目绩效目标完成情况:一是完成高标准农田建设2.1万亩。\n")
    u = understand(text_doc(text))
    assert u.is_self_eval and u.reports[0].fields["expenditure_total_wan"] == 842.5, u.reasons
    monitoring = ("2022年1-6月项目绩效运行监控情况\n项目全年预算数为860万元,执行数为402.5万元。绩效目标完成情况:按序时推进。\n")
    assert not understand(text_doc(monitoring)).is_self_eval


def test_a_provincial_units_generic_name_and_a_fund_report_naming_only_its_province() -> None:
    pkg = ("广西壮族自治区卫生健康委员会 | 2023-12-30\n自治区卫生健康委员会关于2022年度中央转移支付资金绩效自评的报告\n"
           "现将2022年度医疗服务与保障能力提升补助资金绩效自评情况报告如下:全年预算数 5210万元,全年执行数 5120.3万元。\n")
    f = understand(text_doc(pkg)).reports[0].fields
    assert (f["province"], f["department"]) == ("广西壮族自治区", "广西壮族自治区卫生健康委员会"), f
    fund = ("在人力资源社会保障部、财政部的大力支持下,广西坚持覆盖全民、统筹城乡的总要求,对2023年城乡居民基本养老保险补助"
            "资金开展了绩效自评,现将自评情况报告如下:全年预算数 1210530.39万元,全区执行数 1042971.58万元。\n")
    f = understand(text_doc(fund)).reports[0].fields
    assert (f["province"], f["city"], f["department"]) == ("广西壮族自治区", None, None), f
    west = ("对2023年浙江西部山区生态补偿资金开展了绩效自评,现将自评情况报告如下:全年预算数 300万元,全年执行数 290万元。\n")
    assert understand(text_doc(west)).reports[0].fields["province"] is None


def test_a_score_column_header_takes_no_value_from_the_next_row() -> None:
    text = ("2023年度部门整体支出绩效评价自评表\n单位 | |||||||\n序号 | 一级 指标 |\n二级 指标 |\n三级 指标 |\n"
            "指标分值 | 指标解释 | 指标说明及评分标准 | 自评得分 |\n1 | 规划 (15分) |\n基础信息 (3分) | 基础信息 完整性 | 3 | "
            "预算基础信息是否真实完整 | 3 |\n")
    u = understand(text_doc(text))
    assert u.reports and u.reports[0].fields["self_score"] is None, u.reports[0].fields if u.reports else u.reasons


def test_at_100_percent_execution_the_one_amount_is_the_spending() -> None:
    text = ("2021年度部门整体支出绩效自评表\n单位名称:青石镇政府 填报日期:2022.5.18\n单位名称 | 青石镇人民政府 | ||||\n"
            "预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) | |||||\n"
            "部门整体支出总额 | 702.5 | 100% | 20 | ||||||\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["expenditure_total_wan"], f["execution_rate_pct"]) == (702.5, 100.0), f


def test_a_units_report_on_using_a_transfer_and_a_notice_asking_for_self_evaluations() -> None:
    use = ("某区民政局关于“2022年中央财政困难群众救助补助资金”管理使用情况\n信息提供日期:2023-03-27 来源:某区民政局\n"
           "根据相关文件规定,现将上级转移支付资金使用情况报告如下:\n一、资金基本情况\n2022年中央财政困难群众救助补助资金下达我区"
           "95万元,全年实际下达80万元,已全额划转至各街道并执行发放,发放率100%。\n")
    assert understand(text_doc(use)).is_self_eval
    notice = ("各有关单位:\n根据省教育厅关于开展2022年省级项目支出绩效评价工作的通知要求,现将我校省级项目支出绩效自评材料上报"
              "工作相关事宜通知如下:\n一、自评项目范围 省级各类项目。\n二、项目自评内容 各项目负责人认真填写《项目支出绩效自评表》。\n")
    assert not understand(text_doc(notice)).is_self_eval


def test_a_subsidy_funds_payouts_and_allocations_in_prose() -> None:
    text = ("2022年度农村危房改造补助资金绩效自评报告\n某县住房和城乡建设局\n一、基本情况\n"
            "2022年初农村危房改造资金预算安排210.5万元,共计下达中央、省级转移支付资金198万元,全年共完成发放补助资金"
            "186.4万元,资金发放率94.14%。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (210.5, 198.0, 186.4), f


def test_form_rows_with_unit_cells_one_line_headers_and_inline_totals() -> None:
    one_line_header = ("项目支出绩效自评表\n2020年度)\n项目名称 购买第三方服务\n主管部门 市财政局 实施单位 市财政局\n"
                       "项目资金   年初预算数 全年预算数 全年执行数 分值 执行率 得分\n(万元)\n  年度资金总额 312 312 187 10 60% 6\n"
                       "总分 100 88  \n")
    f = understand(text_doc(one_line_header)).reports[0].fields
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"], f["self_score"]) == \
        (312.0, 187.0, 60.0, 88.0), f
    unit_cell = ("市级文物保护专项经费绩效自评表(2023年度)\n项目名称 市级文物保护专项经费\n"
                 "项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n(万元) 年度资金总额 31 31 29.7 9 0.958 8\n")
    f = understand(text_doc(unit_cell)).reports[0].fields
    assert (f["budget_initial_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) == (31.0, 29.7, 95.8), f
    wan_cells = ("2023年度项目支出绩效自评表\n项目名称 | 医疗救助补助资金 |\n| 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |\n"
                 "年度资金总额: | 3359.62万 | 3359.62万 | 100% |\n")
    f = understand(text_doc(wan_cells)).reports[0].fields
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (3359.62, 3359.62), f


def test_a_final_accounts_page_naming_a_self_evaluation_attachment_is_no_report() -> None:
    text = ("2022年度  某市某区公务服务中心单位决算\n来源: 公务服务中心发布时间:2023-11-06 17:33浏览次数:\n"
            "2022年某区公务服务中心决算公开表.xls部门预算项目支出绩效自评表(2022年度).xlsx\n2022年度 某市某区公务服务中心单位决算\n"
            "目录\n第一部分 单位概况……………………1\n一、主要职责……………1\n第二部分 2022年度单位决算情况说明……………3\n")
    assert not understand(text_doc(text)).is_self_eval
    transfer = ("一、基本情况\n(一)转移支付概况。\n某区医疗保障局贯彻落实医疗救助制度。2023年共筹集城乡医疗救助补助资金1284.06万元,"
                "其中:中央财政医疗救助补助资金603万。\n")
    assert understand(text_doc(transfer)).is_self_eval  # MOF's transfer-payment self-evaluation outline


def test_a_form_served_as_an_html_table_with_wan_typed_in_its_cells() -> None:
    """A 项目绩效目标自评表 pasted into a portal article as a real <table>, its amounts typed as '3359.62万' under
    a header in 万元: the budget block is read from the table cells."""
    from selfeval.extract.html import extract_html

    rows = [["某补助资金转移支付项目绩效目标自评表"], ["(2024年度)"], ["转移支付(项目)名称", "某补助资金"],
            ["资金投入情况(万元)", "全年预算数(A)", "全年执行数(B)", "预算执行率(B/A×100%)"],
            ["年度资金总额:", "3359.62万", "3359.62万", "100%"], ["其中:中央财政资金", "829.3万", "829.3万", "100%"],
            ["总体目标完成情况", "总体目标", "全年实际完成情况"]]
    table = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    page = f'<html><head><meta charset="gbk"></head><body><table border="1">{table}</table></body></html>'
    u = understand(extract_html(page.encode("gbk")))
    f = u.reports[u.principal].fields
    assert f["budget_adjusted_wan"] == 3359.62 and f["expenditure_total_wan"] == 3359.62, f
    assert f["execution_rate_pct"] == 100


def test_news_of_a_districts_self_evaluation_data_entry_is_no_report() -> None:
    """A headline whose verb is the work itself ('某区开展预算项目单位绩效自评“一体化”系统填报') is news about
    self-evaluation work, however many 自评 its body counts."""
    from selfeval.understand.classify import features

    title = "某区开展预算项目单位绩效自评“一体化”系统填报"
    assert features(title).get("R:t_news"), features(title)
    news = (title + "\n为全面实施预算绩效管理,区财政局组织各预算单位在一体化系统中填报项目绩效自评,"
            "截至目前,共完成项目自评1355条。\n")
    assert not understand(text_doc(news)).is_self_eval


UNQUALIFIED_BUDGET_FORM = """2023年度乡村阅读推广项目自评表
项目单位(盖章):某市图书馆 主要领导签字:
项目名称 | 乡村阅读推广 | ||||||||
主管部门 | 某市文化和旅游局 | 项目实施单位 | 某市图书馆 | ||||||
预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) | |||||
年度财政资金总额 | 12.5 | 11.25 | 90% | 18 | |||||
年度绩效目标1 (80分) | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | |||
"""


def test_a_forms_only_budget_column_is_its_final_budget() -> None:
    """'预算数(A)' beside '执行数(B)' with no 年初/全年 column is the form's 调整后财政资金总额 (fields.md), in a
    pipe table and in the same form flattened into one cell per line."""
    for text in (UNQUALIFIED_BUDGET_FORM,
                 UNQUALIFIED_BUDGET_FORM.replace(" | ", "\n|\n").replace(" |", "\n|")):
        f = understand(text_doc(text)).reports[0].fields
        assert (f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) == (12.5, 11.25, 90.0)
        assert f["budget_initial_wan"] is None


def test_a_forms_only_budget_column_in_an_engine_table() -> None:
    """The same form as a DOCX/PDF table the engine hands over (rows of cells)."""
    from selfeval.model import ExtractedDocument, Page

    rows = [[c.strip() for c in line.split("|")] for line in UNQUALIFIED_BUDGET_FORM.splitlines() if "|" in line]
    width = max(len(r) for r in rows)
    table = [r + [""] * (width - len(r)) for r in rows]
    text = "\n".join("\t".join(r) for r in [["2023年度乡村阅读推广项目自评表"], *table])
    doc = ExtractedDocument(format="docx", pages=[Page(number=1, text=text, tables=[table])], engine="test")
    f = understand(doc).reports[0].fields
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) == (12.5, 11.25, 90.0)


BASE_DATA_TABLE = """当前位置: 首页 > 工作动态 > 机关动态 > 办公室
某市妇女联合会2023年绩效自评附表:附件1—附件2
发布时间 : 2024-03-12
附件1
2023年度部门整体支出绩效评价基础数据表
财政供养人员情况(人)
编制数
2023年实际在职人数
控制率
20
19
95%
经费控制情况(万元)
2022年决算数
2023年预算数
2023年决算数
支出总额
512.30
480.00
530.75
基本支出
300.10
310.00
315.25
其中:公用经费
40.2
41.0
40.8
项目支出
212.20
170.00
215.50
其中:1、运行维护经费
2专项资金
厉行节约保障措施
严格落实过“紧日子”要求,进一步优化支出结构,压减一般性支出。
填表人:王某  填报日期:2024.03.05   联系电话:1234567  单位负责人签字:李某
附件2
2023年度部门整体支出绩效自评表
预算部门
"""


def test_a_base_data_table_is_read_in_the_evaluated_years_spent_column() -> None:
    """Hunan's 基础数据表 names its columns by year: the evaluated year's 决算数 is the spending, never last
    year's 决算数 or the plan; one cell per line and one row per line alike.  Its unit comes from the page's
    headline ('某市妇女联合会2023年绩效自评附表') when the attachment's own title names none."""
    inline = re.sub(r"(支出总额|基本支出|项目支出)\n([\d.]+)\n([\d.]+)\n([\d.]+)", r"\1 \2 \3 \4", BASE_DATA_TABLE)
    assert inline != BASE_DATA_TABLE
    for text in (BASE_DATA_TABLE, inline):
        f = understand(text_doc(text)).reports[0].fields
        assert (f["expenditure_total_wan"], f["basic_expenditure_wan"], f["project_expenditure_wan"]) == (
            530.75, 315.25, 215.5)
        assert f["fiscal_year"] == 2023 and f["department"] == "某市妇女联合会"
    # a row whose empty cells were dropped is not guessed
    f = understand(text_doc(BASE_DATA_TABLE.replace("基本支出\n300.10\n", "基本支出\n"))).reports[0].fields
    assert f["basic_expenditure_wan"] is None and f["expenditure_total_wan"] == 530.75


FORM_HEAD = "项目支出绩效自评表\n(2023年度)\n项目名称\n农村饮水安全巩固提升\n主管部门\n某县水利局\n实施单位\n某县水利局\n"
FORM_TAIL = "\n年度总体目标\n预期目标\n实际完成情况\n完成饮水工程20处\n完成20处\n总分\n100\n95.7\n"
OTHER_FORMS = {  # budget blocks of other provinces' forms: (budget_adjusted, expenditure, rate)
    "received and spend-rate columns": ("资金投入情况(万元)\n预算安排数\n实际到位数\n实际支出数\n资金到位率\n支出率\n合计\n150\n150\n"
                                        "145.5\n100%\n97%\n", (150, 145.5, None)),
    "received column": ("资金来源\n预算数\n实际到位数\n实际支出数\n合计\n150\n150\n145.5\n其中:中央资金\n100\n100\n95.5\n",
                        (150, 145.5, None)),
    "label over value": ("年初预算数(万元)\n120\n全年预算数(万元)\n150\n全年执行数(万元)\n145.5\n执行率\n97%\n",
                         (150, 145.5, 97)),
    "label:value": ("年初预算数(万元):120\n全年预算数(万元):150\n全年执行数(万元):145.5\n执行率:97%\n", (150, 145.5, 97)),
    "预算资金 / 执行资金": ("预算资金(万元)\n150\n执行资金(万元)\n145.5\n资金执行率\n97%\n", (150, 145.5, 97)),
}


def test_budget_blocks_of_other_forms() -> None:
    """到位 (received) and 支出率 columns are read past, never taken for the budget, the spending or the 执行率;
    a form filled as label/value pairs is read pair by pair (with a unit: a bare number there is a weight)."""
    for name, (block, want) in OTHER_FORMS.items():
        f = understand(text_doc(FORM_HEAD + block + FORM_TAIL)).reports[0].fields
        assert (f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) == want, name
    # an indicator row '预算执行率 | 5 | …' states the row's weight
    f = understand(text_doc(FORM_HEAD + "预算执行\n预算执行率\n5\n预算执行数与预算数的比率。\n" + FORM_TAIL)).reports[0].fields
    assert f["execution_rate_pct"] is None


def test_a_spreadsheets_padded_rows_do_not_shift_the_figures() -> None:
    """A workbook pads every row to the sheet's width: a header with two label columns over a data row with one
    no longer right-aligns, and the values start at the first figure column (年初预算数 1172.55, not 1268.72)."""
    from selfeval.model import ExtractedDocument, Page

    table = [["部门整体支出绩效自评表", "", "", "", "", "", ""],
             ["部门(单位)名称", "某县水利局", "", "", "", "", ""],
             ["部门(单位)总体资金(万元)", "资金来源", "年初预算数(A)", "全年执行数(B)", "分值(10分)", "得分", "得分计算方法"],
             ["年度资金总额:", "1172.55", "1268.72", "10", "10", "执行率*该指标分值", ""],
             ["基本支出", "985.19", "914.97", "", "", "", ""],
             ["项目支出", "187.36", "353.75", "10", "10", "", ""]]
    text = "\n".join("\t".join(c for c in r if c) for r in table)
    doc = ExtractedDocument(format="xlsx", pages=[Page(number=1, text=text, tables=[table], name="Sheet1")],
                            engine="test")
    f = understand(doc).reports[0].fields
    assert (f["budget_initial_wan"], f["expenditure_total_wan"]) == (1172.55, 1268.72)
    assert (f["basic_expenditure_wan"], f["project_expenditure_wan"]) == (914.97, 353.75)


def test_a_form_whose_execution_row_carries_the_whole_forms_100_points() -> None:
    """'分值 100 | … | 得分 98' in the 年度资金总额 row (the form's whole score, not the 执行率 weight): the
    amounts and the rate are still read, cell per line as a portal renders the table."""
    cells = ["项目支出绩效自评表", "项目名称", "某服务大厅运行维护费", "主管部门", "某市行政审批局", "项目资金 (万元)",
             "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "||||||", "年度资金总额", "80万", "90万",
             "72万", "100", "80%", "96", "|||||||", "其中:当年财政拨款", "80万", "90万", "72万", "—", "", "—"]
    f = understand(text_doc("\n".join(c + " |" for c in cells))).reports[0].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (80, 90, 72), f
    assert f["execution_rate_pct"] == 80


def test_colon_labelled_pairs_without_a_unit_take_the_forms_unit_nearby() -> None:
    """'预算数:' / '12.6' / '执行数:' / '11.9' / '20' (the 分值 after the value), the unit only in the 其中 rows
    below ('11.9万元'): the pairs are the budget and the spending; with no unit anywhere near, nothing is read."""
    cells = ["某补助资金区域绩效目标自评表", "专项名称", "某补助资金", "自评得分", "省级主管部门", "某省某厅", "96",
             "预算执行情况", "预算数:", "12.6", "执行数:", "11.9", "20", "其中:中央补助", "11.9万元", "年度目标完成情况"]
    f = understand(text_doc("\n\n".join(cells))).reports[0].fields
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (12.6, 11.9), f
    f = understand(text_doc("\n\n".join(c for c in cells if c != "11.9万元"))).reports[0].fields
    assert f["expenditure_total_wan"] is None, f


def test_a_total_row_naming_its_maximum_takes_a_lone_full_score() -> None:
    """'总分(100分) | 100': the label names the maximum, so the one number is the score, even a full 100;
    a bare '总分 | 100' stays unread (it may be the 分值 of an empty 得分 cell)."""
    head = "2022年度项目支出绩效自评表\n项目名称 | 某图书馆共享工程 |\n年度资金总额 | 34.6 | 34.6 | 100% |\n"
    u = understand(text_doc(head + "总分(100分)\n|\n100\n|\n自评等级\n|\n优\n"))
    assert u.reports[0].fields["self_score"] == 100, u.reports[0].fields
    u = understand(text_doc(head + "总分\n|\n100\n|\n自评等级\n|\n"))
    assert u.reports[0].fields["self_score"] is None, u.reports[0].fields


def test_basic_and_project_spending_as_label_value_cells_of_a_form() -> None:
    """'基本支出总额 | 512.3万 | 项目支出总额 | 40' above the 预算执行情况 block: the parts are read as pairs
    (the bare 40 takes the block's 万元), beside the total the block gives."""
    text = ("2022年度部门整体支出绩效自评表\n单位名称 | 某镇人民政府 | ||||\n基本支出总额 | 512.3万 | 项目支出总额 | 40 | |||\n"
            "预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) | |||||\n"
            "部门整体支出总额 | 552.3 | 100% | 20 | ||||||\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["expenditure_total_wan"], f["basic_expenditure_wan"], f["project_expenditure_wan"]) == (552.3, 512.3, 40), f


def test_table_rows_and_numbered_section_heads_are_never_the_title() -> None:
    """A form whose first line carries an OCR note, then '项目名称 | | … | |' rows; a mirror page whose first
    report line is '一,、基本情况' (a converter's stray comma): neither a table row nor a section head is a title."""
    form = ("详情见附件(注:以下内容为附件图片识别,个别文字可能不准确,请以附件为准)部门预算项目支出绩效自评表(2023年度) | | | |\n"
            "项目名称 | | 某林业工程专项工作经费 | | | |\n主管部门 | | 某市林业局 | | 实施单位(盖章) | 某市林业局 | |\n"
            "项目基本情况 | 1.项目年度目标完成情况 | 项目年度目标 | | 年度目标完成情况 | |\n"
            "预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 |\n"
            "| | 5 | 5 | 5 | 100% | 10 | 10 |\n项目绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 权重 | 自评得分 |\n"
            "| 产出指标 | 数量指标 | 检查验收面积 | ≥1万亩 | 1.2万亩 | 20 | 20 |\n自评总分 | 100 | 98 | 自评等级 | 优 |\n")
    u = understand(text_doc(form))
    assert u.reports, u.reasons
    title = u.reports[0].fields["title"]
    assert title is None or "|" not in title and "项目名称" not in title, title
    page = ("某市妇女儿童医院\n咨询电话:0566-3218000\n财务信息公开\n一,、基本情况\n(一)项目概况\n某市妇女儿童医院项目为发展和改革"
            "委员会立项批复项目。2023年申请发行专项债3400万元,已支出3100万元。项目绩效自评得分92分。\n")
    u = understand(text_doc(page))
    assert all(r.fields["title"] != "一,、基本情况" for r in u.reports), [r.fields["title"] for r in u.reports]


def test_a_form_row_with_a_merged_cell_printed_twice() -> None:
    """'年度资金总额: 28.1 28.1 28.1 28.1 10 100% 10' under six columns: one copy is extra, and whichever is left out
    the budget, spending and rate are the same."""
    text = ("某县特殊教育补助资金转移支付整体绩效目标自评表\n(2024年度)\n转移支付(项目)名称 特殊教育补助资金\n"
            "项目资金(万元) 年初预算数 全年预算数(A) 全年执行数(B) 分值 预算执行率(B/A) 得分\n"
            "年度资金总额: 31.6 31.6 31.6 31.6 10 100% 10\n其中:中央资金 31.6 31.6 31.6 31.6 10 100% 10\n"
            "绩效指标 一级指标 二级指标 三级指标 年度指标值 全年实际完成值 分值 得分\n数量指标 培智教学软件2套 100% 100% 10 10\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) == (
        31.6, 31.6, 31.6, 100), f


PROJECT_FORM = """项目支出绩效自评表
(2023年度)
项目名称 | 农村饮水安全巩固提升 | | | | | |
主管部门 | 某县水利局 | | | 实施单位 | 某县水利局 | |
项目资金(万元) | | {a} | {b} | {c} | 分值 | 执行率 | 得分
 | 年度资金总额 | 300 | 320 | 288.5 | 10 | 90.16% | 9.02
 | 其中:当年财政拨款 | 300 | 320 | 288.5 | - | - | -
 | 上年结转资金 | | | | - | - | -
总分 | | | | | 100 | | 95.5
"""
FORM_COLUMNS = [(a, "全年预算数", "全年执行数") for a in ("年初预算数", "年初预算安排", "期初预算数", "年初计划数", "年初预算批复数")]
FORM_COLUMNS += [("年初预算数", b, "全年执行数") for b in ("调整后预算数", "预算调整后", "全年批复数", "全年可用预算", "全年预算金额")]
FORM_COLUMNS += [("年初预算数", "全年预算数", c) for c in ("实际支出数", "支出数", "实际支付数", "累计支出", "全年完成数",
                                                          "执行金额", "决算数")]


@pytest.mark.parametrize("columns", FORM_COLUMNS, ids=["|".join(c) for c in FORM_COLUMNS])
def test_budget_block_column_labels(columns: tuple[str, str, str]) -> None:
    """The budget block of a 自评表 under the column labels forms of other provinces use."""
    a, b, c = columns
    f = understand(text_doc(PROJECT_FORM.format(a=a, b=b, c=c))).reports[0].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (300, 320, 288.5)
    assert (f["execution_rate_pct"], f["self_score"]) == (90.16, 95.5)


def test_a_cover_forms_label_unit_and_value_one_cell_a_line() -> None:
    text = ("2016年度区人大代表之家项目支出绩效自评报告\n一、项目基本概况\n项目负责人\n\n黄术光\n\n计划安排资金\n\n(万元)\n\n48\n\n"
            "实际到位资金\n\n(万元)\n\n48\n\n实际支出\n\n(万元)\n\n46.5\n\n结余(万元)\n\n1.5\n\n三、项目绩效自评情况\n目标已完成。\n")
    assert understand(text_doc(text)).reports[0].fields["expenditure_total_wan"] == 46.5


PIPE_FORM_WITH_EMPTY_CELLS = """项目支出绩效自评表(2022年度) | | | | | | | | |
项目名称 | | 乡村道路养护专项经费 | | | | | | |
主管部门 | | 某县交通运输局 | | | | 实施单位 | 某县公路事务中心 | |
预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | | | 预算执行率 | 权重 | 得分 |
| 总额 | 86.40 | 92.15 | 90.02 | | | 97.69% | 10 | 9.77 |
| 其中:财政资金 | 86.40 | 92.15 | 90.02 | | | 97.69% | / | / |
| 其他资金 | | | | | | | / | / |
"""


def test_a_pipe_rendered_forms_empty_cells_keep_each_figure_under_its_header() -> None:
    """A page's table saved as '|' rows: the leading '|' is the merged label column and the blank cell between
    the budgets is kept, so 年初 / 调整后 / 执行数 / 执行率 land in their own columns."""
    f = understand(text_doc(PIPE_FORM_WITH_EMPTY_CELLS)).reports[0].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"]) == (86.40, 92.15)
    assert (f["expenditure_total_wan"], f["execution_rate_pct"]) == (90.02, 97.69)


def test_a_title_wrapped_before_its_last_character_and_a_forms_money_header() -> None:
    """A PDF's centred title wrapped with one character left ('…绩效自评报' / '告') is one title, so a budget word in
    the body is no budget document; a form's header line ('项目资金(万元)年初预算数全年预算') is never the title."""
    wrapped = ("当前位置:首页>公示公告\n德阳市民政局2024年度中央财政福彩公益金转移支付项目支出绩效自评报\n告\n"
               "一、绩效目标分解下达情况\n根据《关于下达2024年中央集中彩票公益金支持社会福利事业资金预算\n的通知》,"
               "共下达我市中央福彩公益金512.6万元,已支出498.2万元。\n")
    u = understand(text_doc(wrapped))
    assert u.is_self_eval and u.reports[0].fields["title"].endswith("绩效自评报告")
    form = ("项目名称\n城区污水管网改造项目\n主管部门 某县住房和城乡建设局 实施单位\n某县排水公司\n"
            "项目资金(万元)年初预算数全年预算\n数\n全年执行\n数\n分值 执行率 得分\n年度资金总额 300 300 300 10 100% 10\n"
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n产出指标 数量指标 管网长度 2公里 2公里 20 20\n")
    u = understand(text_doc(form))
    assert u.is_self_eval and u.reports[0].fields["title"] is None


def test_a_sharing_sites_page_suffix_is_no_part_of_the_title_field() -> None:
    text = ("武冈市档案馆2022年度项目绩效自评报告.docx_第1页\n一、项目概况\n档案数字化项目由武冈市档案馆实施。\n"
            "二、资金使用情况\n2022年下达资金30万元,实际支出28.5万元。\n三、自评结论\n自评得分92分。\n")
    rep = understand(text_doc(text)).reports[0]
    assert rep.fields["title"] == "武冈市档案馆2022年度项目绩效自评报告"
    assert rep.evidence["title"].snippet == "武冈市档案馆2022年度项目绩效自评报告"


FUJIAN_FORM = """项目支出绩效自评表
(2023年度)
项目名称
农村公路养护
主管部门
某县交通运输局
实施单位
某县公路事务中心
项目
年初预算数(1)
年中调整数(2)
小计(3=1+2)
年度拨付金额(4)
执行率(4/3)
合计
150
30
180
171
95%
"""


@pytest.mark.parametrize("row_label", ["合计\n", ""])
def test_a_form_with_the_in_year_change_column_between_the_budgets(row_label: str) -> None:
    """年初预算数(1) | 年中调整数(2) | 小计(3=1+2) | 年度拨付金额(4): the change is read past and checks 1 + 2 = 3."""
    f = understand(text_doc(FUJIAN_FORM.replace("合计\n", row_label))).reports[0].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (150.0, 180.0, 171.0)


def _pdf_doc(text: str):
    from selfeval.model import ExtractedDocument, Page

    return ExtractedDocument(format="pdf", pages=[Page(number=1, text=text)], engine="pdfplumber")


def test_a_place_and_a_unit_a_pdf_line_wrapped_are_read_whole() -> None:
    """A PDF's fixed-width lines cut names anywhere: '…保' / '亭黎族苗族自治县财政局关于…' is no unit heading a line,
    and the county the wrap cut is still the report's county."""
    text = ("海南热带果蔬基地建设项目自评报告\n"
            "为深入贯彻落实《中共中央、国务院关于全面实施预算绩效管理的意见》和《中共海南省委关于全面实施绩效管理的意见》、保\n"
            "亭黎族苗族自治县财政局关于开展预算项目绩效自评的有关要求,现对我单位海南热带果蔬基地建设项目开展绩效自评。\n"
            "一、项目概况\n本项目由保亭黎族苗族自治县农业农村局实施,2023年下达资金300万元,实际支出288.5万元,执行率96.17%。\n"
            "二、自评结论\n自评得分95分。\n")
    f = understand(_pdf_doc(text)).reports[0].fields
    assert f["department"] != "亭黎族苗族自治县财政局"
    assert (f["province"], f["county"]) == ("海南省", "保亭黎族苗族自治县")


def test_a_final_budget_column_named_after_the_in_year_change_is_the_final_budget() -> None:
    form = FUJIAN_FORM.replace("年中调整数(2)\n小计(3=1+2)\n年度拨付金额(4)", "年中调整预算数\n全年执行数\n分值").replace(
        "150\n30\n180\n171\n95%", "150\n180\n171\n10\n95%")
    f = understand(text_doc(form)).reports[0].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (150.0, 180.0, 171.0)


# a 自评表 whose PDF text came out as one stream of words, wrapped at the page's width
STREAM_FORM = ("财政项目支出绩效自评表 (2022 年度) 项目名称 司法业务经费 主管部门 某市司法局 实施单位 某市司法局 项目资金 (元) 年初预算数 "
               "全年预算数 全年执行数 分值 执行率 得分 250000.00 250000.00 215,457.6 10 86.19% 8.62 其中:当年财政拨款 250000.00 "
               "250000.00 215457.6 — 上年结转资金 0 0 — 其他资金 0 0 — 年度总体目标 完成司法业务。\n")


@pytest.mark.parametrize("wrap_at", ["全年执行数 分值 执行", "执行率 得分 250000.00", "得分 250000.00 250000.00", None])
def test_a_pdf_form_stream_wrapped_anywhere_is_read(wrap_at: str | None) -> None:
    """The page width cuts the stream inside the header ('执行' / '率') or between two figures ('250000.00' /
    '250000.00', where the next line's figure must not read as a numbered heading '25.'): the row still reads."""
    text = STREAM_FORM if wrap_at is None else STREAM_FORM.replace(wrap_at, wrap_at + " \n", 1)
    f = understand(_pdf_doc(text)).reports[0].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (25.0, 25.0, 21.54576)


def test_a_glued_form_row_whose_label_a_pdf_wrapped_is_read() -> None:
    """'年度资金总' / '额:21182118100%': one character before a colon is a label's tail the page width cut off, not a
    new 'label:' line, so the glued cells still read as budget 2118, spending 2118 and rate 100 %."""
    text = ("中央非物质文化遗产保护资金转移支付绩效自评表(2021年度)转移支付(项目)名称非物质文化遗产保护资金中央主管部门文化和旅游"
            "部资金情况(万元)全年预算数(A)全年执行数(B)预算执行率(B/A)年度资金总\n额:21182118100%其中:中央财政资金21182118100%"
            "地方资金其他资金总体目标完成情况总体目标全年实际完成情况对国家级项目开展保护。\n")
    f = understand(_pdf_doc(text)).reports[0].fields
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) == (2118.0, 2118.0, 100.0)


def test_a_title_a_narrow_cell_wrapped_every_few_characters() -> None:
    """A PDF table's narrow first column wraps the title line by line ('2021' / '年度部' / … / '告'); the run is one
    title, and the heading that follows ('一、部' / '门基本' / '情况') is neither title nor unit."""
    text = ("2021\n年度部\n门整体\n支出绩\n效自评\n情况报\n告\n一、部\n门基本\n情况\n(一)部门概况\n"
            "德钦县人民代表大会常务委员会2021年末实有人员编制20人。单位年初预算支出785.59万元,决算支出960.28万元。\n")
    f = understand(_pdf_doc(text)).reports[0].fields
    assert f["title"] == "2021年度部门整体支出绩效自评情况报告"
    assert f["department"] != "一、部"


_FORM_HEAD = ("项目支出绩效自评表\n(2023年度)\n项目名称 农村公路养护专项资金\n主管部门 某县交通运输局 实施单位 某县公路建设养护中心\n")
_FORM_TAIL = "总分 100 95.65\n"


@pytest.mark.parametrize("blank", ["", "—", "/", "-", "无", "——"])
def test_a_blank_initial_budget_cell_keeps_the_row_in_its_columns(blank: str) -> None:
    """'|年度资金总额||620|598.5|10|96.53%|9.65|': a project funded in-year has no 年初预算数; the row must not slide
    left onto its 分值 and 得分."""
    text = (_FORM_HEAD + "|项目资金(万元)|年初预算数|全年预算数|全年执行数|分值|执行率|得分|\n"
            f"|年度资金总额|{blank}|620|598.5|10|96.53%|9.65|\n" + _FORM_TAIL)
    f = understand(text_doc(text)).reports[0].fields
    got = (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"])
    assert got == (None, 620, 598.5, 96.53), (blank, got)


@pytest.mark.parametrize("dash", ["—", "/", "-"])
def test_a_pdf_rows_dashes_for_empty_cells_do_not_end_the_row(dash: str) -> None:
    """'年度资金总额 500 620 598.5 — 96.53% —' (the MOF form prints '—' for the row's 分值 and 得分)."""
    text = (_FORM_HEAD + "项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
            f"年度资金总额 500 620 598.5 {dash} 96.53% {dash}\n" + _FORM_TAIL)
    f = understand(text_doc(text)).reports[0].fields
    got = (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"])
    assert got == (500, 620, 598.5, 96.53), (dash, got)


_GRID = ("绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
         "\t产出指标\t数量指标\t养护里程\t≥320公里\t325公里\t50\t50\n\t效益指标\t社会效益指标\t出行改善\t明显改善\t明显改善\t50\t45.65\n")


@pytest.mark.parametrize("total", ["合计\t\t\t\t\t\t100\t95.65\n", "总计\t\t\t\t\t\t100\t95.65\n", "总分\n100 95.65\n"])
def test_a_grids_total_row_as_tab_cells_or_a_pdf_line_gives_the_score(total: str) -> None:
    """'合计 | 100 | 95.65' closing the indicator grid (TAB cells), '总分' / '100 95.65' (a PDF line of two cells)."""
    assert understand(text_doc(_FORM_HEAD + _GRID + total)).reports[0].fields["self_score"] == 95.65, total


def test_a_money_tables_total_row_is_no_score() -> None:
    money = "项目\t分值\t得分\n支出明细\t\t\n合计\t\t\t50\t45\n"
    assert understand(text_doc(_FORM_HEAD + money)).reports[0].fields["self_score"] is None


def test_label_value_pairs_listed_with_semicolons_under_a_heading_that_names_the_unit() -> None:
    text = ("某县2023年度农村公路养护专项资金项目支出绩效自评报告\n一、项目资金情况(单位:万元)\n"
            "年初预算数:500;全年预算数:620;全年执行数:598.5;执行率:96.53%。\n二、自评结论\n经自评,该项目得分95.65分。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (500, 620, 598.5), f


@pytest.mark.parametrize("label", ["年度金额", "年度金额：", "年度预算总额", "资金总计", "总计", "支出合计"])
def test_more_names_of_a_budget_blocks_total_row(label: str) -> None:
    """The central 部门整体 form's '年度金额', '年度预算总额', '资金总计', '总计' and '支出合计' head the total row as
    '年度资金总额' does; the block's figures come out instead of nothing."""
    text = ("部门整体支出绩效自评表\n（2023年度）\n|部门（单位）名称|中共南华县委宣传部|\n"
            "|预算执行情况（万元）||年初预算数|全年预算数|全年执行数|分值|执行率|得分|\n"
            f"||{label}|863.20|1012.45|986.37|10|97.42%|9.74|\n"
            "||其中：基本支出|650.00|720.30|702.15|—|—|—|\n|总分|||||100||96|\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) \
        == (863.2, 1012.45, 986.37, 97.42), f


def test_a_total_row_with_a_figure_left_out_is_not_read_by_position() -> None:
    """'部门整体支出总额 | 864.2 | 100% | 20' under 预算数 | 执行数 | 执行率 | 得分: a figure is missing, so the 执行数
    column holds the rate; reading by position would give spending 100 and rate 20."""
    text = ("单位名称 | 塘湖镇人民政府 |\n基本支出总额 | 864.2万 | 项目支出总额 | 0 |\n"
            "预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |\n"
            "部门整体支出总额 | 864.2 | 100% | 20 |\n自评得分95分。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert f.get("expenditure_total_wan") != 100.0 and f.get("execution_rate_pct") != 20.0, f


@pytest.mark.parametrize("line,grade", [
    ("评价等级：☑优 □良 □中 □差", "优"), ("评价等级：□优 ■良 □中 □差", "良"), ("|自评等级|√优  □良  □中  □差|", "优"),
    ("评价等级：□优 □良 □中 □差", None),  # a box nobody ticked
])
def test_a_grade_ticked_in_front_of_its_word(line: str, grade: str | None) -> None:
    text = ("项目支出绩效自评表\n（2023年度）\n|项目名称|高标准农田建设项目|\n|实施单位|南华县农业农村局|\n"
            "|项目资金（万元）||年初预算数|全年预算数|全年执行数|分值|执行率|得分|\n|年度资金总额||1200|1450.8|1416.23|10|97.62%|9.76|\n"
            f"|总分||||||100|97.26||\n{line}\n")
    assert understand(text_doc(text)).reports[0].fields.get("grade") == grade


@pytest.mark.parametrize("header,row", [
    ("年初预算数|预算调整数|全年预算数|全年执行数", "1200.00|250.80|1450.80|1416.23"),  # the change, then the year's budget
    ("上年执行数|年初预算数|全年预算数|全年执行数", "1320.50|1200.00|1450.80|1416.23"),  # last year's spending first
    ("计划投资|年初预算数|全年预算数|全年执行数", "1800.00|1200.00|1450.80|1416.23"),  # a plan's figure first
    ("年初预算数|上年结转|全年预算数|全年执行数", "1200.00|60.00|1450.80|1416.23"),
    ("年初预算数|全年预算数|下达资金|全年执行数", "1200.00|1450.80|1450.80|1416.23"),
])
def test_a_budget_blocks_other_figure_columns_keep_its_alignment_and_are_never_read(header: str, row: str) -> None:
    """Columns of the block that hold no field (预算调整数 beside 全年预算数, last year's figures, 计划投资, 上年结转,
    下达资金) are figure columns of their own: the row is read by the header's positions, and they give nothing."""
    text = ("项目支出绩效自评表\n（2023年度）\n|项目名称|高标准农田建设项目|\n|实施单位|南华县农业农村局|\n"
            f"|项目资金（万元）||{header}|分值|执行率|得分|\n|年度资金总额||{row}|10|97.62%|9.76|\n|总分||||||100|97.26||\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) \
        == (1200.0, 1450.8, 1416.23, 97.62), f


@pytest.mark.parametrize("figures,want", [("23567800.00|28901200.00|27514000.00", 2751.4),  # 元: no unit is that large
                                          ("2356.78|2890.12|2751.40", 2751.4)])
def test_a_form_printing_no_unit_with_figures_too_large_for_wan_is_read_in_yuan(figures: str, want: float) -> None:
    """Neither a 单位 line nor a header names the unit: figures are read as 万元, and flagged (AMT-03); figures of
    1000亿 万元 and more are no unit's budget, so the form wrote 元."""
    text = ("2023年度部门整体支出绩效自评表\n|部门（单位）名称|溆浦县自然资源局|\n|年度预算资金||年初预算数|全年预算数|全年执行数|分值|执行率|得分|\n"
            f"|年度资金总额||{figures}|10|95.20%|9.5|\n|总分||||||100|96.5|\n")
    r = understand(text_doc(text)).reports[0]
    assert r.fields["expenditure_total_wan"] == want
    assert any(w["code"] == "AMT-03" for w in r.warnings)


@pytest.mark.parametrize("row", ["自评总得分\t100\t96.5", "自评总得分 100 96.5", "|自评总得分|100|96.5|", "综合得分 100 96.5"])
def test_a_total_row_named_otherwise_than_zongfen_gives_its_score_not_its_weight(row: str) -> None:
    """'自评总得分 | 100 | 96.5' (a Word table as TABs, a PDF's row as spaces): the 分值 100 comes first, the score after."""
    text = ("2023年度部门整体支出绩效自评表\n|部门（单位）名称|溆浦县自然资源局|\n|绩效指标|一级指标|二级指标|三级指标|分值|得分|\n"
            f"|产出指标|数量指标|完成任务数|≥12项|50|48|\n|效益指标|社会效益|便利度|提升|50|48.5|\n{row}\n")
    assert understand(text_doc(text)).reports[0].fields["self_score"] == 96.5


@pytest.mark.parametrize("block_rate,row,want", [("—", "预算执行率|100%|95.20%", 95.2), ("—", "资金执行率|≥95%|97.5%", 97.5),
                                                 ("96.00%", "预算执行率|100%|95.20%", 96.0),  # the block's own cell first
                                                 ("—", "资金拨付及时率|100%|95.20%", None)])
def test_the_execution_rate_a_form_gives_only_as_an_indicator_row(block_rate: str, row: str, want: float | None) -> None:
    text = ("2023年度部门整体支出绩效自评表\n|部门（单位）名称|溆浦县自然资源局|\n|年度预算资金||年初预算数|全年预算数|全年执行数|分值|执行率|得分|\n"
            f"|年度资金总额||2356.78|2890.12|2751.40|10|{block_rate}|9.5|\n"
            "|绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|\n"
            f"||产出指标|质量指标|{row}|10|9.5|\n||产出指标|数量指标|完成任务数|≥12项|13项|40|40|\n|总分||||||100|96.5|\n")
    assert understand(text_doc(text)).reports[0].fields.get("execution_rate_pct") == want


def test_a_department_report_with_one_projects_form_appended_keeps_its_own_figures() -> None:
    """A township's report closes with the 项目支出绩效自评表 of its one project: the form's budget, spending and
    总分 are the project's, so they are no rivals of the report's own (before, each pair cancelled out, AMB-01)."""
    text = ("于都县银坑镇人民政府2023年度部门整体支出绩效自评报告\n一、部门基本情况\n银坑镇人民政府内设机构8个，2023年末在职人员65人。\n"
            + "全镇围绕乡村振兴、基层治理和民生保障开展工作，按照预算批复安排支出，保障机构正常运转。\n" * 3
            + "二、部门整体支出情况\n2023年度年初预算1850.00万元，全年预算2103.46万元，本年支出合计2056.12万元，预算执行率97.75%。\n"
            "三、自评结论\n经自评，我镇2023年度部门整体支出绩效自评得分96.5分，评价等级为优。\n于都县银坑镇人民政府\n2024年4月15日\n"
            "附件\n项目支出绩效自评表\n|项目名称|农村人居环境整治项目|\n|主管部门|于都县农业农村局|实施单位|于都县银坑镇人民政府|\n"
            "|项目资金（万元）||年初预算数|全年预算数|全年执行数|分值|执行率|得分|\n||年度资金总额|320.00|356.00|342.18|10|96.12%|9.61|\n"
            "|总分||||||100|95.63||\n")
    v = understand(text_doc(text))
    f = v.reports[0].fields
    assert v.document_type == "department_overall"
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["self_score"]) \
        == (1850.0, 2103.46, 2056.12, 96.5), f


@pytest.mark.parametrize("extra", ["计划投资", "上年结转", "下达资金", "上年执行数", "预算追加数"])
def test_a_tab_forms_other_figure_columns_are_read_past(extra: str) -> None:
    """The same columns as a Word table's TAB cells (read as a stream of cells, not a grid): read past in order."""
    text = ("项目支出绩效自评表\n（2023年度）\n项目名称\t高标准农田建设项目\n主管部门\t南华县农业农村局\t实施单位\t南华县农业技术推广中心\n"
            f"项目资金（万元）\t\t{extra}\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
            "\t年度资金总额\t1800.00\t1200.00\t1450.80\t1416.23\t10\t97.62%\t9.76\n总分\t100\t97.26\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) \
        == (1200.0, 1450.8, 1416.23, 97.62), f


@pytest.mark.parametrize("label", ["财政拨款", "其中：当年财政拨款", "本年财政拨款", "财政资金"])
def test_a_block_of_the_fiscal_allocation_alone_gives_its_figures(label: str) -> None:
    """No 年度资金总额/合计 row, only the 财政拨款 row: the only total the form gives (fields.md: the sub-scope's figure
    when it is the only one)."""
    text = ("项目支出绩效自评表\n（2023年度）\n|项目名称|高标准农田建设项目|\n|实施单位|南华县农业技术推广中心|\n"
            "|项目资金（万元）||年初预算数|全年预算数|全年执行数|分值|执行率|得分|\n"
            f"||{label}|1200.00|1450.80|1416.23|10|97.62%|9.76|\n|总分||||||100|97.26||\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) \
        == (1200.0, 1450.8, 1416.23, 97.62), f


def test_hainans_project_information_block_gives_the_spending() -> None:
    """Hainan's 财政支出绩效评价报告 opens with a 项目基本信息 block: 计划投资额 / 实际到位资金 / 实际使用情况 (万元),
    one label and one figure a line as a PDF gives it; 实际使用情况 is what was spent, 到位 is only received."""
    text = ("2017年退耕还林苗圃建设项目财政支出绩效评价报告\n项目单位:文昌市林业局\n组织方式:□财政部门□主管部门☑项目单位\n"
            "评价机构:□中介机构□专家组☑项目单位评价组\n项目基本信息\n一、项目基本情况\n项目实施单位\n文昌市林业局\n"
            "计划投资额\n(万元)\n110.00\n实际到位资金\n(万元)\n84.74\n实际使用情况(万元)\n80.12\n其中:\n中央财政\n"
            "二、绩效评价指标评分\n评价方式：项目单位自评\n自评得分92分。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert f["expenditure_total_wan"] == 80.12, f


FUJIAN_TAB_FORM = ("2023年度项目支出绩效自评表\n单位：万元\n专项名称\t城区环卫保洁市场化服务\n"
                   "部门（单位）名称\t大田县城市管理局\t部门预算编码\t318\n"
                   "财政资金安排和使用情况\t\t预算安排\t拨付情况\t结余情况\t分值\t得分\n"
                   "\t\t年初部门预算安排金额（含历年结余结转）①\t年中调整金额②\t小计③=①+②\t年度拨付金额④\t"
                   "支出实现率(%)⑤=④/③\t本年度结余金额⑥=③-④\t资金结余率(%)⑦=⑥/③\t分值\t得分\n"
                   "\t合计\t1260.00\t85.50\t1345.50\t1310.20\t97.38\t35.30\t2.62\t10\t9.74\n"
                   "自评总分\t100\t99.64\t自评等级\t优\n")


def test_a_column_mark_in_circles_is_no_figure() -> None:
    f = understand(text_doc(FUJIAN_TAB_FORM)).reports[0].fields
    assert f["self_score"] == 99.64
    # never '年中调整金额②' read as a budget of 2万元, nor the 结余 columns as spending and rate
    assert f["budget_adjusted_wan"] in (None, 1345.5) and f["expenditure_total_wan"] in (None, 1310.2)
    assert f["execution_rate_pct"] in (None, 97.38)


def test_a_header_wrapped_into_the_row_labels_keeps_its_columns() -> None:
    """A form printed one wrapped line after another: the line holding '年初预算数 (万元) 年度资金总额 其中:…' names a
    row too, so it is no header line of its own, and the columns are the ones the next line names (a longer header
    line joins the header only when it names columns alone, or a numbered column with its formula)."""
    text = ("某县项目支出绩效自评表 (2022年度) 项目名称 城乡居民医保\n个人缴费县级配套资金 主管部门 某县医疗保障局 项目资金\n"
            " 年初预算数 (万元) 年度资金总额 其中:当年财政拨款 实\n施单位 全年预算数 全年执行数 分值 执行率 得分 \n"
            "48.20 47.80 10 99% 9 48.20 \n47.80 — 99% — 上年结转资金 — — 其他资金 \n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) == (48.2, 47.8, 99.0), f


def test_a_section_heading_inside_a_flattened_line_keeps_what_precedes_the_next_heading() -> None:
    """A 决算 whose section 十 was flattened: '2.部门整体支出绩效自评情况.' starts inside one line and '3.项目绩效自评结果.'
    inside a later one; the unit's score, stated on that later line before '3.', belongs to section 2 (it was cut
    off, and section 3's project scores were taken for the unit's)."""
    text = ("某市审计局2021年度部门决算\n第三部分 2021年度部门决算情况说明\n"
            "九、其他说明 十、预算绩效情况说明 1.预算绩效管理工作开展情况. 本部门组织对项目支出全面开展绩效自评. "
            "2.部门整体支出绩效自评情况. 2021年本部门年初预算568.20万元,调整预算603.45万元,实际支出597.18万元,"
            "预算执行率98.96%.\n"
            "经对照部门整体支出绩效评价指标体系自评,自评综合得分为96.5分,评价等级为优. 3.项目绩效自评结果. "
            "审计业务经费项目自评得分95分;政府投资审计专项经费项目自评得分97分.\n")
    [rep] = understand(text_doc(text)).reports
    f = rep.fields
    assert (f["report_type"], f["self_score"], f["grade"]) == ("department_overall", 96.5, "优")
    assert f["budget_adjusted_wan"] == 603.45


def _anhui_form(unit: str, rows: int, total: str) -> str:
    """Anhui's 部门整体支出绩效评价自评表: a bare 单位 cell heading it, the grid's 指标分值 / 自评得分 columns, and the
    合计 row (分值 then the score) far below the header when the grid is long."""
    body = "".join(f"{k} | 指标{k} | {k}项工作完成情况 | 5 | 工作是否按期完成。 | 按完成比例计分。 | 4.5 | |\n"
                   for k in range(1, rows + 1))
    return ("2023年度部门整体支出绩效评价自评表\n"
            f"单位 | {unit} |||||||\n序号 | 一级 指标 |\n二级 指标 |\n三级 指标 |\n"
            "指标分值 | 指标解释 | 指标说明及评分标准 | 自评得分 |\n" + body + f"合计 | 100 | | | {total} |\n")


@pytest.mark.parametrize("rows", [3, 20])
def test_a_bare_unit_cell_and_a_grids_total_row_far_below_its_header(rows: int) -> None:
    f = understand(text_doc(_anhui_form("某县刘集乡人民政府", rows, "93.5"))).reports[0].fields
    assert (f["department"], f["self_score"]) == ("某县刘集乡人民政府", 93.5)


def test_a_bare_unit_cell_naming_a_money_unit_is_no_department() -> None:
    text = _anhui_form("万元", 3, "93.5")
    assert understand(text_doc(text)).reports[0].fields["department"] is None


@pytest.mark.parametrize("junk", ["王 磊 qsgb210377 1 2020-03-11T02:16:35Z 15.00 2052-11.1.0.11691 False False False",
                                  "Administrator 1 2021-01-26T03:02:11Z 10240 25630 0 0 False False"])
def test_a_forms_title_inside_a_stream_of_words_is_its_title(junk: str) -> None:
    """A document site's copy of a form: its file properties, then '附件: 项目支出绩效自评表 (2022年度) 项目名称 …' on
    one run of text; the form's title is known by the year line after it (no line of the page is a title)."""
    text = (f"{junk} 附件: 项目支出绩效自评表 (2022年度) 项目名称 农村人居环境整治提升项目 主管部门 307-某市某镇人民政府 "
            "实施单位 307001-某市某镇人民政府 项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
            "年度资金总额: 120 146.5 139.8 10 95.43% 9.54 其中:本年财政拨款 120 146.5 139.8 上年结转资金")
    assert understand(text_doc(text)).reports[0].fields["title"] == "项目支出绩效自评表"


def test_a_final_accounts_excerpt_starting_at_its_contents_is_a_container_of_its_unit() -> None:
    """A 决算 whose excerpt starts at its table of contents (its title line lost in pipe debris): the template's
    parts ('第二部分 2021年度部门决算情况说明') mark it a 决算, the Sichuan section '2.部门绩效评价结果' with its figures
    and score makes it a container, and the part heading naming the unit gives the unit the section is about."""
    text = ("| ||||||||||||\n目 录\n第一部分 某县退役军人事务局部门概况 第二部分 某县退役军人事务局2021年度部门决算情况说明 "
            "第三部分 名词解释\n第二部分 某县退役军人事务局2021年度部门决算情况说明\n三、支出决算情况说明 2021年度支出合计1,128.74万元。"
            "其中:基本支出318.62万元;项目支出810.12万元。\n十、其他重要事项的情况说明 (四)预算绩效管理情况 "
            "1.预算绩效管理工作开展情况。本部门组织对8个项目开展了绩效目标管理。\n"
            "2.部门绩效评价结果。本部门按要求对2021年部门整体支出绩效评价情况开展自评,年初预算652.30万元,全年预算1,176.45万元,"
            "全年执行1,128.74万元,执行率95.94%,自评得分94分。\n3.项目绩效评价结果。本部门对8个项目开展了自评。\n")
    u = understand(text_doc(text))
    assert u.is_self_eval and u.document_type == "contains_section"
    f = u.reports[0].fields
    assert (f["department"], f["self_score"], f["budget_adjusted_wan"]) == ("某县退役军人事务局", 94, 1176.45)


@pytest.mark.parametrize(("cover", "unit"), [
    ("监督索引号53042700755702000 某县平甸乡 2022年度部门决算 目录 第一部分 某县平甸乡概况 第二部分 2022年度部门决算表\n",
     "某县平甸乡人民政府"),
    ("2022年度某旗锦山第三中学\n公开文档\n部门(单位)名称:某旗锦山第三中学\n单位负责人:赵文博\n第一部分 部门(单位)概况\n",
     "某旗锦山第三中学"),
    ("编辑: 青柠檬 | 2019-07-16 |\n某县农业局 2018 年度部门决算公开 第一部分 部门概况 一、部门职责 负责全县农业工作。\n", "某县农业局"),
])
def test_a_containers_unit_from_its_cover_when_its_sections_name_none(cover: str, unit: str) -> None:
    """The self-evaluation section of a 决算 says only '本单位'/'我校': the unit is the one the 决算's title line (run
    on with its contents, after an index number) or its cover's 部门(单位)名称 names."""
    text = (cover + "第二部分 部门(单位)决算情况说明\n三、支出决算情况说明\n2022年度支出合计1,846.52万元。\n十四、预算绩效情况说明\n"
            "(一)预算绩效管理工作开展情况\n根据财政局要求,本单位对2022年度部门整体支出开展了绩效自评。\n"
            "(二)部门整体支出绩效自评结果\n2022年全年预算1,902.70万元,全年执行1,846.52万元,预算执行率97.05%,"
            "自评得分95分,评价等级为优。\n")
    u = understand(text_doc(text))
    assert u.document_type == "contains_section"
    assert u.reports[0].fields["department"] == unit


SCORE_TABLE = ("某县水务局2020年度部门整体支出绩效评价得分表\n\n| 单位名称 | 某县水务局 |\n| 一级指标 | 二级指标 | 三级指标 | 得分 |\n"
               "| 部门决策(25分) | 目标任务(15分) | 相关性(5分) | 5 |\n| 明确性(5分) | 5 |\n"
               "| 综合管理(30分) | 绩效监控(5分) | 预算执行进度监控(2分) | 2 |\n| 绩效目标动态监控(3分) | 3 |\n"
               "| 信息公开(6分) | 预算公开(2分) | 2 |\n| 绩效评价(5分) | 绩效评价开展(2分) | 2 |\n| 合计 | 93 |\n")


def test_a_units_score_table_alone_is_its_self_evaluation_form() -> None:
    """Sichuan's 部门整体支出绩效评价得分表: the unit's scored grid with no budget block, one of whose rows is named
    绩效监控(5分) -- an indicator, not a monitoring report."""
    u = understand(text_doc(SCORE_TABLE))
    assert u.is_self_eval and u.document_type == "self_eval_table"
    assert u.reports[0].fields["department"] == "某县水务局"



def test_a_section_stating_only_the_rate_takes_the_final_accounts_figures_that_give_it() -> None:
    """'我院…部门整体支出预算执行率98.06%…自评得分96.5分' in the 决算's 预算绩效 section, and the 决算's own '年初预算…,
    全年预算数…,全年支出…,预算执行率98.06%' earlier: the unit's budget and spending are that sentence's (the only one
    whose figures give the section's rate; a 收入总计 beside it gives none)."""
    text = ("某市人民检察院2022年度决算公开报告\n第二部分 2022年度部门决算情况说明\n一、关于2022年度预算执行情况分析\n"
            "2022年年初预算2,860.15万元,全年预算数3,188.27万元,全年支出3,126.48万元,预算执行率98.06%。\n"
            "二、关于2022年度决算情况说明\n2022年度收入总计3,205.31万元,支出总计3,205.31万元。\n"
            "三、预算绩效评价工作开展情况\n(一)预算绩效管理工作开展情况\n我院对2022年度部门整体支出开展了绩效自评。\n"
            "(二)部门整体支出绩效自评结果\n我院2022年度部门整体支出预算执行率98.06%,各项业务工作指标均完成年初目标。"
            "经自评,部门整体支出绩效自评得分96.5分,评价等级为“优”。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (2860.15, 3188.27, 3126.48)
    assert (f["execution_rate_pct"], f["self_score"]) == (98.06, 96.5)


def test_a_final_accounts_page_holding_a_units_report_is_a_container_read_as_that_report() -> None:
    """'2023年度某镇人民政府部门决算' opening the page, the unit's 部门整体支出绩效自评报告 appended: the document is a
    container, its one report the department's, read whole (its budget and score as the report states them); a
    report whose page only tables '2018年年初预算' columns stays the report it is."""
    text = ("政府信息公开\n2023年度某县龙台镇人民政府部门决算\n来源:龙台镇 发布时间:2024-09-06\n目录\n第一部分 部门概况\n"
            "第二部分 2023年度部门决算情况说明\n三、支出决算情况说明\n2023年度支出合计2,214.08万元。\n"
            "附件\n某县龙台镇人民政府2023年度部门整体支出绩效自评报告\n一、部门基本情况\n龙台镇辖12个村。\n"
            "二、部门整体支出情况\n2023年年初预算1,986.40万元,全年预算数2,260.15万元,全年执行数2,214.08万元,预算执行率97.96%。\n"
            "三、自评结论\n经自评,我镇部门整体支出绩效自评得分95分,评价等级为优。\n")
    u = understand(text_doc(text))
    assert (u.document_type, u.reports[0].fields["report_type"]) == ("contains_section", "department_overall")
    f = u.reports[0].fields
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"], f["self_score"]) == (2260.15, 2214.08, 95)
    report = ("某县卫生健康委员会2018年度部门整体支出绩效自评报告\n一、部门基本情况\n负责全县卫生工作。\n二、部门整体支出情况\n项目\n"
              "2018年年初预算\n2018年调整后预算\n2018年决算数\n支出合计\n6,215.38\n7,036.20\n6,868.91\n"
              "三、自评结论\n经自评,得分93分,评价等级为优。\n")
    assert understand(text_doc(report)).document_type == "department_overall"


@pytest.mark.parametrize("start", ["七、财政拨款“三公”经费支出决算情况说明\n本年度“三公”经费财政拨款支出决算为1.84万元。\n",
                                   "第四部分 其他重要事项及相关口径情况说明\n一、机关运行经费支出情况\n本部门机关运行经费支出41.37万元。\n",
                                   "某县档案馆2023年度部门决算 附件：2023年度部门整体支出绩效自评报告\n"])
def test_an_excerpt_starting_inside_a_final_accounts_is_a_container(start: str) -> None:
    """An excerpt that starts inside a 决算 (one of its template's headings, or its title run on with an attachment)
    and holds the unit's report: a container, the report read whole."""
    text = (start + "某县档案馆2023年度部门整体支出绩效自评报告\n一、部门基本情况\n负责全县档案工作。\n二、部门整体支出情况\n"
            "2023年年初预算286.40万元,全年预算数312.15万元,全年执行数305.02万元,预算执行率97.72%。\n"
            "三、自评结论\n经自评,部门整体支出绩效自评得分94分,评价等级为优。\n")
    u = understand(text_doc(text))
    assert (u.document_type, u.reports[0].fields["report_type"]) == ("contains_section", "department_overall")
    assert (u.reports[0].fields["budget_adjusted_wan"], u.reports[0].fields["self_score"]) == (312.15, 94)


def test_a_streamed_forms_unfilled_total_row_gives_way_to_its_fund_row() -> None:
    """A WPS form copied as one stream of words whose 年度资金总额 row was never summed ('0 0 0 10 0 0') over '其中:本年
    财政拨款 60 60 57.35': the amounts are the fund row's, not budgets of 0; the 总分 row ending the stream with a full
    stop ('总分 100 96.5 .') still gives the score."""
    text = ("何建平 wjxczf0312 1 2020-03-11T02:16:40Z 15.00 False False 附件: 项目支出绩效自评表 (2023年度) 项目名称 "
            "村级公益事业建设一事一议财政奖补项目 主管部门 泾县蔡村镇人民政府 实施单位 泾县蔡村镇人民政府 项目资金 (万元) "
            "年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 60 60 57.35 "
            "上年结转资金 其他资金 年度总体目标 预期目标 实际完成情况 硬化道路1.6公里。 完成道路硬化1.62公里。 绩效指标 一级指标 "
            "二级指标 三级指标 年度指标值 实际完成值 分值 得分 产出指标(50分) 数量指标 道路硬化长度 ≥1.6公里 1.62 10 10 "
            "满意度指标(10分) 满意度指标 受益群众满意度 ≥90% 95.5 10 9.5 总分 100 96.5 .\n")
    rep = understand(text_doc(text)).reports[0]
    got = {f: rep.fields[f] for f in ("budget_initial_wan", "budget_adjusted_wan", "expenditure_total_wan", "self_score")}
    assert got == {"budget_initial_wan": 60, "budget_adjusted_wan": 60, "expenditure_total_wan": 57.35, "self_score": 96.5}


def test_a_streamed_transfer_payment_regional_form_gives_its_title_and_filing_unit() -> None:
    """'附件2 中央对地方转移支付区域绩效自评表 (2022年度) 填报单位(盖章): 黟县卫生健康委员会 转移支付(项目)名称 …' in one
    stream of words: the form's title, and the filing unit up to the next label."""
    text = ("汪丽 hsyxwjw 1 2021-05-20T01:02:33Z 15.00 False False False 附件2 中央对地方转移支付区域绩效自评表 (2022年度) "
            "填报单位(盖章): 黟县卫生健康委员会 转移支付(项目)名称 基本公共卫生服务补助资金 中央主管部门 国家卫生健康委员会 "
            "地方主管部门 黟县卫生健康委员会 资金投入情况 (万元) 全年预算数(A) 全年执行数(B) 预算执行率(B/A) 年度资金总额 "
            "612.40 598.77 97.77% 其中:中央补助 402.10 402.10 100% 地方资金 210.30 196.67 93.52% 年度总体目标 预期目标 "
            "实际完成情况 建档率90%以上。 建档率92.6%。\n")
    rep = understand(text_doc(text)).reports[0]
    assert rep.fields["title"] == "中央对地方转移支付区域绩效自评表"
    assert rep.fields["department"] == "黟县卫生健康委员会" and rep.fields["expenditure_total_wan"] == 598.77
