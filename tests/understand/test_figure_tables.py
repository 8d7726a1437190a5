"""Budget tables and sentences in shapes a held-out battery of figures found unread or misread (each rebuilt here
with other units and values): a total row named for the department, 批复预算 | 调整预算 | 决算支出 columns in 元,
a table whose columns are years, last year's rate beside this year's, and a rate after both parts of the spending."""

from __future__ import annotations

import pytest
from selfeval.understand import understand

from .conftest import text_doc

FIGURES = ("budget_initial_wan", "budget_adjusted_wan", "expenditure_total_wan", "execution_rate_pct")
HEAD = "某县文化体育和旅游局2019年度部门整体支出绩效自评报告\n一、部门基本情况\n负责全县文化工作。\n二、部门整体支出情况\n"
TAIL = "\n三、自评结论\n经自评，得分93分，等级为优。\n"


def _figures(text: str) -> tuple:
    f = understand(text_doc(text)).reports[0].fields
    return tuple(f[k] for k in FIGURES)


def test_a_total_row_named_for_the_department() -> None:
    grid = ("单位：万元\n指标\n年初预算\n全年预算\n全年支出\n执行率\n部门支出合计\n1,705.33\n2,118.90\n2,006.52\n94.70%\n"
            "基本支出\n1,120.46\n1,125.80\n1,120.46\n99.53%\n项目支出\n584.87\n993.10\n886.06\n89.22%\n")
    assert _figures(HEAD + grid + TAIL) == (1705.33, 2118.9, 2006.52, 94.7)


def test_approved_adjusted_and_final_accounts_columns_in_yuan() -> None:
    """'批复预算' beside '调整预算' is the budget approved at the year's start; '决算支出' is what was spent."""
    grid = ("| 二、预算执行情况 | 金额单位：元 |\n| 项目 | 批复预算 | 调整预算 | 决算支出 | 执行率 |\n"
            "| 合计 | 5,862,340.00 | 6,418,905.60 | 6,205,117.28 | 96.67% |\n"
            "| 基本支出 | 3,120,500.00 | 3,186,220.40 | 3,186,220.40 | 100.00% |\n")
    assert _figures(HEAD + grid + TAIL) == (586.234, 641.89056, 620.511728, 96.67)


def test_a_table_whose_columns_are_years_gives_the_evaluated_years() -> None:
    """'指标 | 2023年 | 2022年': the rows name the figures, the 2023 column is the report's (a reader that knew no
    years had taken the row labels for column heads and read the 支出合计 row as the budgets)."""
    text = ("| 某县应急管理局2023年度部门整体支出绩效自评报告 |\n| 一、部门基本情况 |\n| 负责全县应急管理工作。 |\n"
            "| 二、部门预算及执行情况（单位：万元） |\n| 指标 | 2023年 | 2022年 |\n| 年初预算数 | 1,025.60 | 918.30 |\n"
            "| 调整后预算数 | 1,346.28 | 1,120.45 |\n| 支出合计 | 1,282.90 | 1,067.12 |\n| 其中：基本支出 | 498.36 | 472.10 |\n"
            "| 项目支出 | 784.54 | 595.02 |\n| 预算执行率 | 95.29% | 95.24% |\n| 三、自评结论 |\n| 经自评，得分86分。 |\n")
    rep = understand(text_doc(text)).reports[0]
    assert tuple(rep.fields[k] for k in FIGURES) == (1025.6, 1346.28, 1282.9, 95.29)
    assert (rep.fields["basic_expenditure_wan"], rep.fields["project_expenditure_wan"]) == (498.36, 784.54)


def test_last_years_rate_is_no_rival_of_this_years() -> None:
    text = ("某县林业和草原局2023年度部门整体支出绩效自评报告\n一、部门预算执行情况\n"
            "| 项目 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |\n| 合计 | 3,280.60 | 5,906.42 | 4,312.85 | 73.02% |\n"
            "（金额单位：万元）\n部分造林项目受季节限制未能按期实施，导致项目支出执行率偏低。2022年度本部门预算执行率为88.6%。\n" + TAIL)
    assert _figures(text) == (3280.6, 5906.42, 4312.85, 73.02)


@pytest.mark.parametrize("rate, want", [
    ("其中基本支出248.9万元、项目支出56.27万元，执行率97.56%。", 97.56),  # after both parts: the whole's
    ("其中基本支出248.9万元，执行率100%。", None),  # after one part: that part's
])
def test_a_rate_after_the_parts_of_the_spending(rate: str, want: float | None) -> None:
    text = HEAD + "2023年我会年初预算286.45万元，全年预算数312.8万元，支出合计305.17万元，" + rate + TAIL
    assert _figures(text)[3] == want


def test_a_budget_stage_written_in_brackets_after_its_figure() -> None:
    text = HEAD + ("2019年度部门预算数为12,580.30万元（年初预算），全年调整预算数为15,226.84万元，决算数为14,130.57万元，"
                   "预算执行率为92.80%。") + TAIL
    assert _figures(text) == (12580.3, 15226.84, 14130.57, 92.8)


@pytest.mark.parametrize("sep", ["\t", " | "])
def test_a_one_row_table_under_its_budget_and_spending_columns(sep: str) -> None:
    """'年初预算 | 全年预算 | 支出合计 | 基本支出 | 项目支出' over one row of values and no row label (a docx or HTML
    table turned into text): read by position, because its parts make its total."""
    header = sep.join(["年初预算", "全年预算", "支出合计", "基本支出", "项目支出"])
    rep = understand(text_doc(HEAD + "年度收支情况（单位：万元）\n" + header + "\n" +
                              sep.join(["718.62", "806.35", "793.48", "645.21", "148.27"]) + "\n" + TAIL)).reports[0]
    assert tuple(rep.fields[k] for k in FIGURES[:3]) == (718.62, 806.35, 793.48)
    assert (rep.fields["basic_expenditure_wan"], rep.fields["project_expenditure_wan"]) == (645.21, 148.27)
    # parts that do not make the total: a misread column, nothing is read from the table
    off = understand(text_doc(HEAD + "年度收支情况（单位：万元）\n" + header + "\n" +
                              sep.join(["718.62", "806.35", "793.48", "645.21", "140.27"]) + "\n" + TAIL)).reports[0]
    assert off.fields["budget_initial_wan"] is None


def test_the_scales_total_before_its_parts_is_no_score() -> None:
    """'…指标体系进行,总分100分。其中:预算执行率指标满分10分,得9.8分' names the scale, not the unit's score."""
    text = (HEAD + "全年支出6,512.55万元，预算执行率95.71%。\n四、评分情况\n本次自评按照县财政局统一的部门整体支出绩效评价指标体系进行，"
            "总分100分。其中：预算执行率指标满分10分，得9.8分；履职效果指标满分40分，得39分。\n五、结论\n经自评，部门整体支出绩效"
            "综合得分97分，评价等级为优。\n")
    assert understand(text_doc(text)).reports[0].fields["self_score"] == 97


def test_a_pair_label_with_its_synonym_in_brackets() -> None:
    form = "二、部门整体支出情况（单位：万元）\n年初预算数\n3,412.55\n调整后预算数\n4,108.27\n全年支出（决算数）\n3,967.02\n预算执行率\n96.56%\n"
    assert _figures(HEAD + form + TAIL) == (3412.55, 4108.27, 3967.02, 96.56)


def test_one_named_items_spending_is_no_rival_of_the_units_total() -> None:
    text = (HEAD + "2018年我局预算数1,560.2万元，决算数1,498.75万元，预算执行率96.06%。\n主要项目支出情况：法律援助经费86万元，"
            "实际支出86万元；社区矫正经费45万元，实际支出41.6万元。其中“村屯道路硬化”项目安排资金320万元，实际支出318.6万元。" + TAIL)
    assert understand(text_doc(text)).reports[0].fields["expenditure_total_wan"] == 1498.75


def test_a_final_accounts_section_heading_after_a_sentences_full_stop() -> None:
    """A PDF's '.' for '。': '…车辆3辆.3.部门整体支出绩效自评开展情况.按照…' opens the section inside the line."""
    text = ("某县林业局2018年部门决算\n(四)国有资产占用情况.截至2018年12月31日,本部门共有车辆3辆,其中:森林防火应急车2辆.3.部门整体支出"
            "绩效自评开展情况.按照预算绩效管理要求,本部门对\n2018年整体支出开展绩效自评,全年预算数1,452.60万元,全年支出\n1,386.52万元,"
            "其中基本支出742.18万元,项目支出644.34万元,预算执行率95.45%,自评得分\n92分,存在的问题:一是部分造林补助资金拨付进度偏慢.\n")
    u = understand(text_doc(text))
    assert u.document_type == "contains_section" and u.reports, u.reasons
    assert (u.reports[0].fields["expenditure_total_wan"], u.reports[0].fields["self_score"]) == (1386.52, 92)


def test_a_report_appended_to_final_accounts_under_its_own_title() -> None:
    """'第四部分 附件' / '某局2022年度部门整体支出绩效评价报告' then its sections and '我局…自评综合评分为92.5分': the
    appended report is the document's self-evaluation section."""
    text = ("2022年度某县林业和草原局部门决算\n第一部分 部门概况\n一、部门职责\n负责全县林业和草原工作。\n二、机构设置\n内设5个股室。\n"
            "第二部分 2022年度部门决算表\n一、收入支出决算总表\n二、收入决算表\n三、支出决算表\n四、财政拨款收入支出决算总表\n"
            "第三部分 2022年度部门决算情况说明\n一、收入支出决算总体情况说明\n2022年度收入总计2,558.36万元。\n2022年本年支出合计2,486.19万元,其中:基本支出1,037.55万元;"
            "项目支出1,448.64万元。\n第四部分 附件\n\n红原县林业和草原局2022年度部门整体支出绩效评价报告\n\n一、单位概况\n同第一部分。\n"
            "二、部门财政资金收支情况\n2022年全年预算2,558.36万元,实际支出2,486.19万元,预算执行率97.18%。\n四、评价结论及建议\n"
            "（一）评价结论。\n我局2022年度部门整体支出绩效自评综合评分为92.5分,评价等级为“优”。\n")
    u = understand(text_doc(text))
    assert u.document_type == "contains_section" and u.reports, u.reasons
    rep = u.reports[0]
    assert (rep.fields["self_score"], rep.fields["expenditure_total_wan"], rep.fields["grade"]) == (92.5, 2486.19, "优")


def test_a_base_data_sheet_row_named_by_the_unit_under_a_split_header() -> None:
    """Hunan's 年度支出情况: '机构名称 | 支出合计 | 其中: | 基本支出 | 项目支出' over '三市镇本级 | 2950.17 | 1423.88 |
    1526.29', one cell a line."""
    sheet = ("年度支出情况(万元)\n机构名称\n支出合计\n其中:\n基本支出\n项目支出\n三市镇本级\n2950.17\n1423.88\n1526.29\n"
             "三、部门(单位)整体支出绩效情况\n")
    rep = understand(text_doc(HEAD + sheet + TAIL)).reports[0]
    assert (rep.fields["expenditure_total_wan"], rep.fields["basic_expenditure_wan"],
            rep.fields["project_expenditure_wan"]) == (2950.17, 1423.88, 1526.29)


def test_a_pdf_forms_thin_space_thousands_in_a_run_on_line() -> None:
    """'年度资金总额 2 416.35 3 086.92 3 012.47 10 97.59% 9.76': a group no figure starts with ('086.92') shows the
    spaces part thousands; read as 2416.35 / 3086.92 / 3012.47, never '2' and '086.92'."""
    text = ("附件 3: 部门整体支出绩效自评表 (2022 年度) 部门(单位) 名称 某县卫生健康局 年度预算执行 情况(万元) 年初预算数 全年预算数 "
            "全年执行数 分值 执行率 得分 年度资金总额 2 416.35 3 086.92 3 012.47 10 97.59% 9.76 其中:基本支出 1 618.20 1 652.84 "
            "1 652.84 年度总体 目标 预期目标 实际完成情况 保障机关正常运转。 绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 "
            "得分 产出指标 数量指标 家庭医生签约服务人数 ≥18万人 18.6万人 8 8 总分 100 99.76\n")
    assert _figures(text) == (2416.35, 3086.92, 3012.47, 97.59)


# --- shapes a tenth battery (project pages imitated from real ones) found unread -----------------------------

BOND_HEAD = ("2023年度新增地方政府专项债券项目绩效评价情况\n发布时间:2024-06-19\n"
             "我局2023年新增地方政府专项债券项目1个,争取债券资金0.62亿元。我局对该项目进行绩效自评,评价结果如下:\n\n"
             "2023年新增地方政府专项债券项目绩效评价表\n单位:亿元\n")


def _score_grade(text: str) -> tuple:
    f = understand(text_doc(text)).reports[0].fields
    return f["self_score"], f["grade"]


def test_a_one_row_table_with_a_score_column_gives_the_score_and_grade() -> None:
    """Zhejiang's bond self-evaluations: '项目名称 | 债券性质 | 债券规模 | 自评分数 | 自评等级' over the project's one row,
    one cell a line (a 序号 column numbering it, and a 总计 row, as some print it)."""
    plain = "项目名称\n\n债券性质\n\n债券规模\n\n自评分数\n\n自评等级\n\n某县第二人民医院迁建工程\n\n其他项目收益专项债券\n\n0.62\n\n93.5\n\n优\n"
    numbered = ("序号\n项目名称\n债券性质\n债券规模\n自评分数\n自评等级\n1\n某街道安置房项目\n棚改专项债券\n0.62\n88\n良\n"
                "总计\n \n0.62\n")
    assert _score_grade(BOND_HEAD + plain) == (93.5, "优")
    assert _score_grade(BOND_HEAD + numbered) == (88.0, "良")


def test_a_table_of_several_projects_gives_no_unit_score() -> None:
    rows = ("序号\n项目名称\n债券规模\n自评分数\n自评等级\n1\n甲项目\n0.3\n93\n优\n2\n乙项目\n0.32\n85\n良\n")
    assert _score_grade(BOND_HEAD + rows) == (None, None)


def test_a_budget_blocks_score_column_is_no_total_score() -> None:
    """'… 分值 | 执行率 | 自评得分' over the 年度资金总额 row: that 自评得分 is the execution row's points."""
    block = ("项目资金\n年初预算数\n全年预算数\n全年执行数\n分值\n执行率\n自评得分\n年度资金总额\n120\n120\n118\n10\n98.33%\n9.8\n")
    text = ("某县农业农村局2022年度项目支出绩效自评表\n项目名称\n耕地保护补助\n" + block)
    assert understand(text_doc(text)).reports[0].fields["self_score"] != 9.8


def test_a_glued_row_keeping_its_unit_is_cut_at_the_unit() -> None:
    """An OCR'd form: '年度资金总额120万元116.4297.02%' is 120 | 116.42 | 97.02% (the kept unit ends an amount)."""
    text = ("2024年体彩中心绩效项目支出自评表\n(注:以下内容为附件图片识别)\n专项(项目)名称体育彩票公益金项目\n"
            "项目资金 (万元)全年预算数全年执行数执行率\n年度资金总额120万元116.4297.02%\n其中:中央财政补助\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) == (120.0, 116.42, 97.02)


def test_a_total_row_without_readable_figures_leaves_the_fiscal_row_as_the_total() -> None:
    """Chongqing's form names its total row 年度总金额; when a converter garbled its cells ('3,724,055.00?') the
    其中:财政拨款 row below is the total the form gives (财政拨款 scope), its rate included."""
    text = ("| 2024年度部门整体绩效自评表 |\n| 项目名称: | 某县科学技术协会整体监控 | 自评总分: | 98.5 |\n| 资金情况 |\n"
            "| 年初预算数 | 全年(调整)预算数 | 全年执行数 | 执行率 | 执行率权重 | 执行率得分 |\n"
            "| 年度总金额 | 1,200.00? | 1,350.00? | 1,300.00? |\n"
            "| 其中:财政拨款 | 120.5 | 135.2 | 130.1 | 96.23 | 10.00 | 9.62 |\n")
    assert understand(text_doc(text)).reports[0].fields["execution_rate_pct"] == 96.23


def test_a_form_whose_total_row_is_named_year_total_amount() -> None:
    text = ("某区卫生健康委员会2022年度项目支出绩效自评表\n项目名称\n基层医疗卫生机构能力提升项目\n自评总分(分)\n89.25\n"
            "年初预算数\n全年(调整)预算数\n全年执行数\n执行率\n执行率权重\n执行率得分\n年度总金额\n600\n735.6\n689.4\n93.72%\n10\n9.37\n")
    assert _figures(text) == (600.0, 735.6, 689.4, 93.72)


def test_unitless_pairs_far_below_the_forms_unit_when_the_rate_vouches_for_them() -> None:
    """A Yunnan department form: '批复金额(万元)' heads the task table; the department's own pairs come far below it
    without a unit ('年初预算数 / 4,126.30 / 全年预算数 / 5,288.64 / 全年执行数 / 5,197.05 / 执行率 / 98.27%'). The rate is
    the spending over the final budget, so the pairs are money, in the form's 万元."""
    tasks = "".join(f"任务{k}\n项目{k}\n完成第{k}项年度重点工作任务的全部内容\n{100 + k}.00\n{98 + k}.50\n98.5%\n\n" for k in range(1, 6))
    text = ("某市林业和草原局2022年度部门整体支出绩效自评报告\n二、部门年度重点工作任务\n任务名称\n项目\n主要内容\n批复金额(万元)\n"
            "实际支出金额(万元)\n预算执行率\n" + tasks +
            "部门整体预算执行\n年初预算数\n4,126.30\n全年预算数\n5,288.64\n全年执行数\n5,197.05\n执行率\n98.27%\n")
    assert _figures(text) == (4126.3, 5288.64, 5197.05, 98.27)


def test_unitless_pairs_whose_rate_does_not_fit_stay_unread() -> None:
    text = ("某市林业和草原局2022年度部门整体支出绩效自评报告\n二、重点工作\n批复金额(万元)\n" + "完成年度重点工作任务的全部内容。\n" * 12 +
            "部门整体预算执行\n年初预算数\n4,126.30\n全年预算数\n5,288.64\n全年执行数\n5,197.05\n执行率\n90.10%\n")
    f = _figures(text)
    assert f[1] is None and f[2] is None
