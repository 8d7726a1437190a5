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
            "经追加调整后预算为{b}万元", "全年预算调整为{b}万元", "预算调整为{b}万元", "全年预算资金{b}万元", "年终预算数{b}万元",
            "年末预算数{b}万元", "最终预算{b}万元", "全年可支配预算{b}万元", "预算总额调整为{b}万元", "年度中间调整为{b}万元",
            "追加预算120.5万元,总预算{b}万元"]
SPENT = ["全年执行数{c}万元", "实际支出{c}万元", "全年支出{c}万元", "本年支出合计{c}万元", "决算支出{c}万元", "全年实际支出{c}万元",
         "累计支出{c}万元", "完成支出{c}万元", "全年完成支出{c}万元", "支出决算{c}万元", "全年预算执行{c}万元", "实际执行{c}万元",
         "全年共支出{c}万元", "年度支出总额{c}万元", "实际使用资金{c}万元", "本单位共支出资金{c}万元", "全年共执行{c}万元",
         "执行金额{c}万元", "累计执行{c}万元", "公共预算财政拨款支出{c}万元", "一般公共预算财政拨款支出{c}万元",
         "全年实际支出资金{c}万元", "全年支出合计为人民币{c}万元", "全年支出为人民币{c}万元"]
RATE = ["预算执行率{r}%", "执行率为{r}%", "预算执行率达{r}%", "资金执行率{r}%", "预算执行率为{r}%", "全年预算执行率{r}%", "完成预算的{r}%", "完成全年预算的{r}%"]


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


LABEL_UNITS = ["年初预算数(万元):{a};全年预算数(万元):{b};全年执行数(万元):{c}", "年初预算数(万元):{a},全年预算数(万元):{b},"
               "全年执行数(万元):{c}", "年初预算(元):{a0};全年预算(元):{b0};全年执行数(元):{c0}"]


@pytest.mark.parametrize("phrase", LABEL_UNITS)
def test_a_label_that_carries_the_unit(phrase: str) -> None:
    """A form flattened into a sentence keeps its unit in the label, not after the figure."""
    f = _fields(phrase.format(a=A, b=B, c=C, a0=round(A * 1e4), b0=round(B * 1e4), c0=round(C * 1e4)) + "。")
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (A, B, C)


def test_a_glued_cell_after_a_unit_label_is_no_figure() -> None:
    """'实际支出(万元)89+82结余': cells run together without a separator are not read as label and value."""
    assert _fields("计划安排资金(万元)实际到位资金(万元)75实际支出(万元)89+82结余(万元)")["expenditure_total_wan"] is None


@pytest.mark.parametrize("phrase", RATE)
def test_rate_phrasings(phrase: str) -> None:
    assert _fields(f"2023年全年预算数为{B}万元,全年执行数{C}万元," + phrase.format(r=R) + "。")["execution_rate_pct"] == R


PROJECT_BUDGET = ["项目预算资金{b}万元", "该项目年度预算{b}万元", "下达项目资金{b}万元", "共安排资金{b}万元", "批复预算{b}万元",
                  "上级下达补助资金{b}万元", "项目资金总额{b}万元", "全年预算数{b}万元", "专项资金{b}万元", "该项目资金{b}万元",
                  "本项目共申请预算资金{b}万元", "项目预算金额{b}万元",
                  "该项目资金预算数为{b}万元", "项目总预算{b}万元", "预算资金总额为{b}万元", "该项目预算数{b}万元",
                  "财政资金预算{b}万元", "中央财政下达补助资金(系统化全域推进海绵城市)共计{b}万元",
                  "下达项目资金(某财农〔2022〕15号){b}万元", "共下达我市中央福彩公益金{b}万元", "下达我局{b}万元"]
NO_PROJECT_BUDGET = ["项目计划投资{b}万元", "到位资金{b}万元"]  # fields.md: planned investment and funds received are no budget
PROJECT_SCORE = ["综合得分为{s}分", "自评得分{s}分", "经评价,该项目得分{s}分", "评价得分为{s}分", "自评分为{s}分", "最终得分{s}分",
                 "绩效自评综合得分{s}分", "该项目自评总分{s}分", "自评结果为{s}分", "项目绩效评价得分{s}分", "总得分{s}分",
                 "本次自评共得{s}分", "自评综合分{s}分", "自评结论:{s}分", "得分情况:{s}分", "得分合计{s}", "合计得分:{s}",
                 "该项目绩效自评为{s}分", "自评总分为:{s}分", "综合得分为:{s}分"]
SCORE_IN_WORDS = {"自评得分九十三分": 93.0, "综合得分为九十一点五分": 91.5, "自评总分为一百分": 100.0, "评价得分八十七分": 87.0}
GRADE = ["评价等级为优", "评价等级为“优”", "等级为优秀", "评价结果为优", "绩效等级:优", "自评等级为优", "评定为优秀等次", "评价结论为优",
         "综合评价结果为:优", "评价等级为:优秀", "最终评定为优秀", "等次评定:优秀", "属“优”档", "达到“优”级标准",
         "评价得分及绩效等级为(优)", "绩效等级:(优)", "总体评价为优", "评定结果为“优”", "总体绩效评价为“优”", "自评定级为优",
         "评价级别:优", "绩效评级:优秀", "自评等级:A(优秀)", "评价等级为A级(优)", "项目整体绩效为优", "我局自评为优",
         "绩效评价结果为“优”", "总体绩效为优秀"]
NOT_A_GRADE = ["评价等级为A级", "本项目实施以来群众评价优良", "绩效为中心工作服务", "上年度自评为良"]


def _project(sentence: str) -> dict:
    text = ("某县水利局2023年度农村饮水安全巩固提升项目绩效自评报告\n一、项目基本情况\n(一)项目概况\n为保障农村饮水安全,实施饮水工程"
            f"20处。\n(二)资金使用情况\n{sentence}\n二、绩效自评结论\n项目完成了年度目标。\n")
    return understand(text_doc(text)).reports[0].fields


@pytest.mark.parametrize("phrase", PROJECT_BUDGET + NO_PROJECT_BUDGET)
def test_project_budget_phrasings(phrase: str) -> None:
    f = _project("2023年" + phrase.format(b=300.0) + ",实际支出288.5万元。")
    assert f["budget_adjusted_wan"] == (None if phrase in NO_PROJECT_BUDGET else 300.0)
    assert f["expenditure_total_wan"] == 288.5


@pytest.mark.parametrize("phrase", PROJECT_SCORE)
def test_project_score_phrasings(phrase: str) -> None:
    assert _project("2023年下达资金300万元,实际支出288.5万元。经自评," + phrase.format(s=93.5) + "。")["self_score"] == 93.5


@pytest.mark.parametrize("phrase", GRADE)
def test_grade_phrasings(phrase: str) -> None:
    assert _project("2023年下达资金300万元,实际支出288.5万元。经自评,综合得分93.5分," + phrase + "。")["grade"] == "优"


@pytest.mark.parametrize("phrase", NOT_A_GRADE)
def test_words_that_state_no_grade(phrase: str) -> None:
    """A letter alone is no 优/良/中/差; 优良 in an opinion, 为中心 and last year's grade are no grade of this report."""
    assert _project("2023年下达资金300万元,实际支出288.5万元。经自评,综合得分93.5分。" + phrase + "。")["grade"] is None


@pytest.mark.parametrize("phrase", sorted(SCORE_IN_WORDS))
def test_a_score_written_in_words(phrase: str) -> None:
    assert _project("2023年下达资金300万元,实际支出288.5万元。经自评," + phrase + "。")["self_score"] == SCORE_IN_WORDS[phrase]


def test_last_years_grade_under_an_inline_heading_is_not_this_years() -> None:
    """'(三)上年度评价情况。2022年度…评价等级为良' before this year's '评价等级为优': one grade, this year's."""
    f = _project("(三)上年度评价情况。2022年度该项目自评得分为88分,评价等级为良。\n经自评,2023年度综合得分93.5分,评价等级为优。")
    assert (f["self_score"], f["grade"]) == (93.5, "优")


PUBLISH_DATES = {"发布时间:2024-03-12 10:20": "2024-03-12", "发布日期:2024年03月12日": "2024-03-12", "日期:2024/3/12": "2024-03-12",
                 "时间:2024.03.12": "2024-03-12", "[ 2024-03-12 ]": "2024-03-12", "2024-03-12  来源:某县林业局": "2024-03-12",
                 "更新时间:2024-03-12": "2024-03-12", "公开日期:2024-03-12": "2024-03-12", "更新日期:2024-03-12": "2024-03-12",
                 "发布时间:2024年3月12日 来源:某县林业局 浏览次数:12": "2024-03-12",
                 "信息来源:某县林业局 发布时间:2024-03-12 08:00:00": "2024-03-12", "作者:admin 发表时间:2024-03-12": "2024-03-12",
                 "上传时间:2024-03-12": "2024-03-12", "来源:某县林业局 | 2024-03-12 | 阅读:23": "2024-03-12",
                 "时间:2024-03-12 来源:本站 【字体:大 中 小】": "2024-03-12", "成文日期:2024-03-10": None}


@pytest.mark.parametrize("line", sorted(PUBLISH_DATES))
def test_publish_date_lines_of_portal_pages(line: str) -> None:
    """The page's own date however its CMS prints it; a 成文日期 is the document's, not the page's."""
    body = "\n某县林业局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n2023年全年支出1150万元。\n二、自评结论\n自评得分95分。\n"
    f = understand(text_doc("首页 > 信息公开 > 财政资金\n" + line + body)).reports[0].fields
    assert f.get("publish_date") == PUBLISH_DATES[line]


UNIT_LABELS = ["部门(单位)名称(公章):攸县林业局", "单位名称:攸县林业局", "预算单位:攸县林业局", "填报单位:攸县林业局",
               "填报单位(盖章):攸县林业局", "编制单位:攸县林业局", "部门名称:攸县林业局", "单位:攸县林业局", "报送单位:攸县林业局",
               "部门(单位):攸县林业局", "被评价单位:攸县林业局", "项目单位:攸县林业局", "部门(单位)名称 | 攸县林业局 |",
               "单位名称 攸县林业局 联系人 张三", "部门:攸县林业局", "部门(单位)全称:攸县林业局 (公章)",
               "评价对象:攸县林业局2023年度部门整体支出", "项目实施主体:攸县林业局"]
SIGNATURES = ["\n攸县林业局\n2024年3月20日\n", "\n攸县林业局(盖章)\n2024年3月20日\n", "\n单位:攸县林业局 2024年3月20日\n",
              "\n攸县林业局\n二〇二四年三月二十日\n", "\n填报单位:攸县林业局\n填报日期:2024年3月20日\n", "\n攸县林业局 2024年3月20日\n",
              "\n                         攸县林业局\n                     2024年3月20日\n",
              "\n攸县林业局\n2024  3  20\n",  # a PDF whose font lost 年/月/日
              "\n攸县林业局\n二0二四年三月二十日\n",  # a typist's Arabic zero among the numerals
              "\n攸县林业局\n2024年3月20日\n(联系人:张三,联系电话:0733-1234567)\n",  # a contact note in brackets
              "\n攸县林业局\n2024年3月20日\n(此件公开发布)\n",
              # what a page prints after the closing: attachments and the form pasted below them, the issuing line
              "\n攸县林业局\n2024年3月20日\n\n附件1:\n部门整体支出绩效自评表\n|一级指标|二级指标|三级指标|分值|得分|\n"
              "|产出指标|数量指标|造林面积|50|50|\n|总分|||100|96.5|\n",
              "\n攸县林业局\n2024年3月20日\n相关附件:\n攸县林业局2023年度部门整体支出绩效自评表.xlsx\n",
              "\n攸县林业局\n2024年3月20日\n\n攸县林业局办公室          2024年3月20日印发\n",
              "\n2024年3月20日\n攸县林业局\n"]
UNIT_REPORT_BODY = "\n一、部门基本情况\n负责全县林业资源保护管理。2023年全年支出1150万元。\n二、自评结论\n自评得分95分。\n"


@pytest.mark.parametrize("label", UNIT_LABELS)
def test_unit_label_lines(label: str) -> None:
    f = understand(text_doc("2023年度部门整体支出绩效自评报告\n" + label + UNIT_REPORT_BODY)).reports[0].fields
    assert (f["department"], f["county"], f["city"]) == ("攸县林业局", "攸县", "株洲市")


# the unit as the subject of the report's first sentences, each alone under an untitled unit-less heading
UNIT_SUBJECTS = ["攸县林业局的主要职责是:负责全县林业资源保护管理。", "攸县林业局下属二级机构3个:县林业站、县木材检查站、县林科所。",
                 "攸县林业局始建于1958年,现有在编人员42人。", "攸县林业局2023年度部门预算收入1150万元。",
                 "2023年,攸县林业局(下称县林业局)根据全县林业工作部署,完成造林1.2万亩。",
                 "本项目立项与管理使用单位及实施建设单位均为攸县林业局。", "攸县林业局作为项目实施单位,负责造林补助资金的使用管理。"]


@pytest.mark.parametrize("sentence", UNIT_SUBJECTS)
def test_unit_as_the_subject_of_the_opening(sentence: str) -> None:
    f = understand(text_doc("2023年度部门整体支出绩效自评报告\n一、部门基本情况\n" + sentence
                            + "\n二、自评结论\n自评得分95分。\n")).reports[0].fields
    assert (f["department"], f["county"], f["city"]) == ("攸县林业局", "攸县", "株洲市")


@pytest.mark.parametrize("closing", SIGNATURES)
def test_signatures_give_the_unit_and_the_report_date(closing: str) -> None:
    f = understand(text_doc("2023年度部门整体支出绩效自评报告" + UNIT_REPORT_BODY + closing)).reports[0].fields
    assert (f["department"], f.get("report_date")) == ("攸县林业局", "2024-03-20")


# a small table of one row under its header, as a plain-text page renders it (pipes, or one cell a line)
ONE_ROW_TABLES = [  # (a result table naming its project on its one row: see test_a_one_row_result_table…)
    ("| 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |\n| 1200 | 1300 | 1180.23 | 90.79% |",
     {"budget_initial_wan": 1200.0, "budget_adjusted_wan": 1300.0, "expenditure_total_wan": 1180.23, "execution_rate_pct": 90.79}),
    ("年初预算数\n全年预算数\n全年执行数\n执行率\n1200\n1300\n1180.23\n90.79%",
     {"budget_initial_wan": 1200.0, "budget_adjusted_wan": 1300.0, "expenditure_total_wan": 1180.23, "execution_rate_pct": 90.79}),
    ("年初预算数 全年预算数 全年执行数 执行率\n1200 1300 1180.23 90.79%",
     {"budget_initial_wan": 1200.0, "budget_adjusted_wan": 1300.0, "expenditure_total_wan": 1180.23, "execution_rate_pct": 90.79}),
    ("| 项目 | 合计 | 基本支出 | 项目支出 |\n| 支出决算 | 1180.23 | 800.12 | 380.11 |",
     {"expenditure_total_wan": 1180.23, "basic_expenditure_wan": 800.12, "project_expenditure_wan": 380.11}),
    ("| 支出合计 | 基本支出 | 项目支出 |\n| 1180.23 | 800.12 | 380.11 |",
     {"expenditure_total_wan": 1180.23, "basic_expenditure_wan": 800.12, "project_expenditure_wan": 380.11}),
    ("| 项目 | 本年支出合计 | 基本支出 | 项目支出 | 上缴上级支出 |\n| 合计 | 1180.23 | 800.12 | 380.11 | 0 |\n"
     "| 一般公共服务支出 | 500 | 400 | 100 | 0 |",
     {"expenditure_total_wan": 1180.23, "basic_expenditure_wan": 800.12, "project_expenditure_wan": 380.11}),
    # a row of label/value pairs side by side (a form whose cells came out in one line)
    ("预算执行情况 预算安排情况(调整后) 资金到位情况 资金执行情况\n预算数 6.84 到位数 6.84 执行数 6.84 100.00",
     {"budget_adjusted_wan": 6.84, "expenditure_total_wan": 6.84}),
    ("年初预算数:1200 全年预算数:1300 全年执行数:1180.23", {"budget_initial_wan": 1200.0, "budget_adjusted_wan": 1300.0,
                                                    "expenditure_total_wan": 1180.23}),
    # parts that do not make the total: a misread column, nothing is read
    ("| 支出合计 | 基本支出 | 项目支出 |\n| 1180.23 | 800.12 | 300.11 |",
     {"expenditure_total_wan": None, "basic_expenditure_wan": None, "project_expenditure_wan": None}),
    ("| 收入合计 | 财政拨款收入 | 其他收入 |\n| 1180.23 | 800.12 | 380.11 |",
     {"expenditure_total_wan": None, "basic_expenditure_wan": None, "project_expenditure_wan": None}),
]


@pytest.mark.parametrize("table,want", ONE_ROW_TABLES, ids=range(len(ONE_ROW_TABLES)))
def test_one_row_tables(table: str, want: dict) -> None:
    f = _fields("单位:万元\n" + table)
    assert {k: f[k] for k in want} == want


def test_one_row_table_in_an_html_page(tmp_path) -> None:
    """The same one-row table as a real HTML table (GBK page): the grid reader's row has no label, the cells
    stream gives its figures."""
    from selfeval.extract import extract_file

    rows = [["年初预算数", "全年预算数", "全年执行数", "执行率"], ["1200", "1300", "1180.23", "90.79%"]]
    table = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    title = "某县林业局2023年度部门整体支出绩效自评报告"
    html = (f'<html><head><meta charset="gbk"><title>{title}</title></head><body><h1>{title}</h1><p>一、部门基本情况</p>'
            f'<p>负责全县林业资源保护管理。</p><p>二、部门整体支出情况</p><p>单位:万元</p><table border="1">{table}</table>'
            "<p>三、自评结论</p><p>自评得分95分。</p></body></html>")
    (tmp_path / "r.html").write_bytes(html.encode("gbk"))
    u = understand(extract_file(str(tmp_path / "r.html")))
    f = u.reports[u.principal].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) == (
        1200.0, 1300.0, 1180.23, 90.79)


def test_rate_after_the_year_end_date() -> None:
    """'截止12月31日…' is the whole year, not a part of it (a '2月' cut out of '12月' once hid the rate)."""
    f = _project("2023年下达资金300万元,截止12月31日支出288.5万元,预算执行率96.17%。")
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) == (300.0, 288.5, 96.17)


def test_the_implementing_units_spending_in_a_project_report() -> None:
    f = _project("2023年度,省财政厅下达我县该项资金300万元,县财政已全部拨付至项目单位,项目单位实际支出288.5万元。")
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (300.0, 288.5)


def test_a_form_in_one_line_whose_cells_keep_their_unit() -> None:
    """The whole form in one line, its amount cells written with 万元 and no space between them (the normaliser
    drops the spaces around CJK): '…年度资金总额:620.82万元620.82万元600.5万元10 96.73% 9.67'."""
    f = _project("项目支出绩效自评表(2023年度)项目名称司法业务经费项目资金(万元)年初预算数 全年预算数 全年执行数 分值 "
                 "执行率 得分 年度资金总额:620.82万元 620.82万元 600.5万元 10 96.73% 9.67 其中:当年财政拨款620.82万元")
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) == (
        620.82, 620.82, 600.5, 96.73)


GLUED_ROWS = [  # a form row whose cells a converter glued into one run of digits
    ("资金情况(万元)全年预算数(A)全年执行数(B)预算执行率(B/A)年度资金总额:21182118100%其中:中央财政资金21182118100%",
     {"budget_adjusted_wan": 2118.0, "expenditure_total_wan": 2118.0, "execution_rate_pct": 100.0}),
    ("单位:万元 项目 预算数 执行数 执行率 合计1250.51180.2394.38%",
     {"budget_adjusted_wan": 1250.5, "expenditure_total_wan": 1180.23, "execution_rate_pct": 94.38}),
    ("单位:万元 年度资金总额:1234567%",  # no cut gives spending / budget = rate: nothing is read
     {"budget_adjusted_wan": None, "expenditure_total_wan": None}),
    ("单位:万元 年初预算数 全年预算数 全年执行数 执行率 年度资金总额:120013001180.2390.79%",  # the header names 年初 too
     {"budget_initial_wan": 1200.0, "budget_adjusted_wan": 1300.0, "expenditure_total_wan": 1180.23}),
]


@pytest.mark.parametrize("row,want", GLUED_ROWS, ids=range(len(GLUED_ROWS)))
def test_glued_form_rows(row: str, want: dict) -> None:
    f = _fields(row)
    assert {k: f[k] for k in want} == want


PARTS_THEN_TOTAL = [
    ("2023年度一般公共预算财政拨款本年收入1180万元,本年支出1180.23万元。(一)基本支出情况2023年度一般公共预算财政拨款基本支出"
     "年初结转和结余0万元,本年收入800万元,本年支出800.12万元。(二)项目支出情况2023年度一般公共预算财政拨款项目支出年初结转"
     "和结余0万元,本年收入380万元,本年支出380.11万元。", (1180.23, 800.12, 380.11)),
    ("2023年度基本支出800.12万元,项目支出380.11万元,合计1180.23万元。", (1180.23, 800.12, 380.11)),
    ("2023年度基本支出800.12万元,项目支出380.11万元,两项合计1180.23万元。", (1180.23, 800.12, 380.11)),
    ("2023年度基本支出800.12万元,项目支出380.11万元,合计1200万元。", (None, 800.12, 380.11)),  # no sum: no total
    ("2023年全年执行数1180.23万元。其中:人员经费和公用经费(基本支出)800.12万元,项目支出380.11万元。",
     (1180.23, 800.12, 380.11)),
    ("单位:万元\n项目 合计 基本支出 项目支出\n2023年 1180.23 800.12 380.11", (1180.23, 800.12, 380.11)),
]


@pytest.mark.parametrize("text,want", PARTS_THEN_TOTAL, ids=range(len(PARTS_THEN_TOTAL)))
def test_spending_and_its_parts(text: str, want: tuple) -> None:
    """A bare 合计 after the parts is the total when it is their sum; a part named in brackets; a 支出 table
    whose header cells the normaliser glued ('项目合计基本支出项目支出') over a row named by its year."""
    f = _fields(text)
    assert (f["expenditure_total_wan"], f["basic_expenditure_wan"], f["project_expenditure_wan"]) == want


@pytest.mark.parametrize("sentence", ["自评结果:优(93.5分)。", "评价等级为“优”(93.5分)。", "综合评价结论为优秀(得分93.5分)。",
                                      "自评结果为:优秀(93.5分)。", "综合评分:93.5分(优)。", "自评得分93.5分(优秀)。",
                                      "总分100分,自评93.5分,评价等级为优。", "总分100分,得分93.5分,等级为优。"])
def test_the_score_in_brackets_after_the_grade(sentence: str) -> None:
    text = ("某县林业局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n负责全县林业资源保护管理。\n二、自评结论\n"
            f"{sentence}\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["self_score"], f["grade"]) == (93.5, "优")


SUBJECT_SENTENCES = [
    ("2023年度部门整体支出绩效自评报告", "县财政局:\n按照要求,现将武冈市林业局2023年度部门整体支出绩效自评情况报告如下:", "武冈市林业局"),
    ("2023年度项目支出绩效自评报告", "一、项目概况\n森林防火专项由武冈市林业局负责实施。", "武冈市林业局"),
    ("2023年度部门整体支出绩效自评报告", "一、部门基本情况\n长沙市岳麓区财政局,是区人民政府组成部门。", "长沙市岳麓区财政局"),
    ("2023年度部门整体支出绩效自评报告", "一、部门基本情况\n武冈市林业局是市人民政府工作部门,负责林业资源保护。", "武冈市林业局"),
    ("自评报告综述", "一、部门概况\n2、机构设置\n邓家铺镇人民政府实有编制86名,其中行政编制40人。", "邓家铺镇人民政府"),
    ("2023年度部门整体支出绩效自评报告", "一、基本情况\n武冈市档案馆实有人员11名,其中在编10名。", "武冈市档案馆"),
    ("武冈市水利局2023年度部门整体支出绩效自评报告", "一、基本情况\n经武冈市机构编制委员会核定,本局内设6个股室。", "武冈市水利局"),
    ("2023年度部门整体支出绩效自评报告", "按照要求,武冈市档案馆组成评价工作组,对2023年度整体支出开展了绩效自评。", "武冈市档案馆"),
    ("2023年度部门整体支出绩效自评报告",
     "5月,省财政厅联合我省交通运输厅组成审核组开展检查。\n武冈市交通运输局负责全市公路养护。", "武冈市交通运输局"),
]


@pytest.mark.parametrize("title,opening,unit", SUBJECT_SENTENCES, ids=range(len(SUBJECT_SENTENCES)))
def test_the_unit_named_by_the_opening_sentence(title: str, opening: str, unit: str) -> None:
    """A title without the unit: the unit is the subject of the opening sentence, never the words before it."""
    text = f"{title}\n{opening}\n二、自评结论\n自评得分95分。\n"
    assert understand(text_doc(text)).reports[0].fields["department"] == unit


@pytest.mark.parametrize("sentence", ["该指标自评5分。", "总分为100分。"])
def test_an_indicators_bare_self_score_is_no_total(sentence: str) -> None:
    """'自评N分' names the total only outside an indicator's clause; '总分为100分' stays a stated total."""
    text = ("某县林业局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n负责全县林业资源保护管理。\n二、自评结论\n"
            f"{sentence}\n")
    assert understand(text_doc(text)).reports[0].fields["self_score"] == (None if "指标" in sentence else 100)


def test_a_grade_named_after_the_total_score() -> None:
    assert _project("2023年下达资金300万元,实际支出288.5万元。总分93.5分,为“优”等。")["grade"] == "优"


PROJECT_SUMS = [
    ("2023年下达中央资金200万元、省级资金100万元,共计300万元;实际支出288.5万元。", (None, 300, 288.5)),
    ("2023年下达中央资金200万元、省级资金100万元,共计320万元;实际支出288.5万元。", (None, 200, 288.5)),  # no sum
    ("本项目年初预算300万元,年中调整为320万元,全年执行288.5万元。", (300, 320, 288.5)),
    ("该资金共计300万元,截至目前已使用288.5万元。", (None, 300, 288.5)),
]


@pytest.mark.parametrize("sentence,want", PROJECT_SUMS, ids=range(len(PROJECT_SUMS)))
def test_a_projects_allocation_from_its_shares_and_its_change(sentence: str, want: tuple) -> None:
    """A bare 共计 after the levels' shares is the allocation when it is their sum; '年中调整为' after the
    initial budget is the final one; '该资金' in a fund's own report is its budget."""
    f = _project(sentence)
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"]) == want


FLAT_FORMS = [
    "单位:万元\n年初预算数 {a} 全年预算数 {b} 全年执行数 {c} 执行率 {r}%",
    "年初预算:{a}(万元);全年预算:{b}(万元);全年执行:{c}(万元);预算执行率{r}%。",
    "单位:万元\n年初预算数:{a}\n全年预算数:{b}\n全年执行数:{c}\n执行率:{r}%",
]


@pytest.mark.parametrize("form", FLAT_FORMS, ids=range(len(FLAT_FORMS)))
def test_a_budget_block_flattened_into_lines(form: str) -> None:
    """Label/value pairs side by side with the rate among them, and figures whose unit follows in brackets."""
    f = _fields(form.format(a=A, b=B, c=C, r=R))
    got = (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"])
    assert got == (A, B, C, R)


@pytest.mark.parametrize("label", ["编报单位", "报告单位", "编制单位", "自评单位", "填表单位", "申报单位"])
@pytest.mark.parametrize("shape", ["{l}:武冈市林业局", "| {l} | 武冈市林业局 |", "{l}\n武冈市林业局"])
def test_unit_labels_of_a_form_below_its_year_line(label: str, shape: str) -> None:
    text = ("项目支出绩效自评表\n(2023年度)\n项目名称:森林防火\n" + shape.format(l=label)
            + "\n| 年初预算数 | 全年预算数 | 全年执行数 |\n| 100 | 120 | 110 |\n总分 | 100 | 95\n")
    assert understand(text_doc(text)).reports[0].fields["department"] == "武冈市林业局"


@pytest.mark.parametrize("opening,year", [("2023年,我局年初预算100万元,全年预算120万元。", 2023),
                                          ("2022年度,我局全年预算数120万元,执行110万元。", 2022)])
def test_the_fiscal_year_of_a_title_without_one(opening: str, year: int) -> None:
    text = f"武冈市林业局部门整体支出绩效自评报告\n一、基本情况\n{opening}\n二、自评结论\n自评得分95分。\n"
    assert understand(text_doc(text)).reports[0].fields["fiscal_year"] == year


@pytest.mark.parametrize("sentence", ["总体目标:完成县城内部分供水管网改造。", "建档立卡个人缴费县级配套资金已拨付。",
                                      "统筹推进城乡和县域经济发展。"])
def test_a_two_character_county_inside_a_word_is_no_region(sentence: str) -> None:
    """'完成县城' holds 成县, '缴费县级' 费县, '和县域' 和县: none of them is named."""
    f = _project(sentence)
    assert (f["province"], f["county"]) == (None, None)


def test_a_two_character_county_after_its_city_stands() -> None:
    from selfeval.understand.region import find_mentions

    assert [m.text for m in find_mentions("项目位于陇南市成县城关镇。")] == ["陇南市", "成县"]
    assert [m.text for m in find_mentions("甘肃省成县县城")] == ["甘肃省", "成县"]


def test_a_projects_own_spending_total() -> None:
    f = _project("2023年下达项目资金153.550567万元。\n1、项目实际支出总额153.550567万元。\n2、资金使用率100%。")
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (153.550567, 153.550567)


@pytest.mark.parametrize("line,date", [("来源:门源县工业商务信息化局    时间:2023年11月13日", "2023-11-13"),
                                       ("來源:高新院 achie.org 日期:2023-03-06 點擊:次", "2023-03-06"),
                                       ("项目完成时间:2023年11月13日", None)])
def test_a_date_label_glued_to_the_source_before_it(line: str, date: str | None) -> None:
    u = understand(text_doc(f"门源县林业局2022年度项目绩效自评报告\n{line}\n一、项目概况\n2022年下达资金100万元,实际支出90万元。\n"))
    assert u.page_meta.get("publish_date") == date


def test_an_autonomous_county_by_its_short_name() -> None:
    text = "门源县工业商务和信息化局2022年度项目绩效自评报告\n一、项目概况\n2022年下达资金100万元,实际支出90万元。\n"
    f = understand(text_doc(text)).reports[0].fields
    assert (f["province"], f["county"]) == ("青海省", "门源回族自治县")


@pytest.mark.parametrize("closing", ["\n来源:规划财务组\n", "\n经省政府\n"])
def test_a_team_or_a_clause_is_no_unit(closing: str) -> None:
    text = "山东省2016年度财政专项扶贫资金绩效评价自评报告" + closing + "一、资金安排情况\n我省下达资金8555万元。\n"
    assert understand(text_doc(text)).reports[0].fields["department"] is None


@pytest.mark.parametrize("sentence", ["年初预算数1 200.00万元,全年预算数1 300.00万元,全年执行数1 180.23万元。",
                                      "年初预算数:¥1200万元,全年预算数:¥1300万元,全年执行数:¥1180.23万元。",
                                      "年初预算数１２００万元，全年预算数１３００万元，全年执行数１１８０．２３万元。"])
def test_figures_written_with_spaces_currency_signs_or_full_width(sentence: str) -> None:
    """'1 300.00万元' groups thousands with a space (never the amount 300), '¥' precedes a figure."""
    f = _fields(sentence)
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (1200, 1300, 1180.23)


def test_the_years_whole_allocation_over_one_batch() -> None:
    f = _project("2023年共下达补助资金300万元(其中:中央资金200万元,省级资金100万元)。\n(二)资金分解下达情况\n"
                 "2022年12月省财政厅下达补助资金57.5万元,2023年8月下达242.5万元。截至目前,共支出2023年补助资金288.5万元。")
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (300, 288.5)


def test_an_organisation_named_without_its_branch_takes_the_branch_the_text_names() -> None:
    text = ("中国共产主义青年团2021年度部门整体支出绩效评价报告.docx\n中国共产主义青年团邵阳市北塔区委员会2021年度部门整体支出绩效"
            "评价报告\n一、部门概况\n团区委负责全区共青团工作。\n二、自评结论\n自评得分95分。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert f["department"] == "中国共产主义青年团邵阳市北塔区委员会"


@pytest.mark.parametrize("notice,want", [("《湖南省财政厅关于开展2022年度部门整体支出绩效自评工作的通知》", ("湖南省", None)),
                                         ("《扬州市财政局关于开展2019年度市直发展项目绩效自评价工作的通知》", ("江苏省", "扬州市"))])
def test_the_region_of_the_finance_notice_a_placeless_unit_answers(notice: str, want: tuple) -> None:
    text = (f"2022年度韶山毛泽东同志纪念馆单位整体支出绩效自评报告\n根据{notice}要求,我馆开展了整体支出绩效自评。\n"
            "一、基本情况\n负责馆藏文物保护。\n二、自评结论\n自评得分95分。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["province"], f["city"]) == want


def test_sources_with_nothing_do_not_contest_the_budget() -> None:
    f = _project("资金总额-年初预算数1810000元,资金总额-全年预算数1810000元,\n专户-年初预算数0元,专户全年预算数0元,\n"
                 "单位年初预算数0元,单位全年预算数0元。")
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"]) == (181, 181)


def test_a_title_after_a_list_dash_and_its_label() -> None:
    text = ("湖南省应急管理厅 时间:2023-06-28 09:06\n- 索引号:430S00/2023-065119\n- 名称: 2022年度湖南省安全生产预防及应急专项资金"
            "绩效自评报告\n为规范专项资金管理,开展了绩效自评。\n一、基本情况\n下达资金300万元,实际支出288.5万元。\n")
    assert understand(text_doc(text)).reports[0].fields["title"] == "2022年度湖南省安全生产预防及应急专项资金绩效自评报告"


def test_a_metadata_line_above_the_title_is_neither_title_nor_unit_name() -> None:
    text = ("发布机构 保山市商务局\n2019年度项目绩效自评报告(电子商务进农村示范项目资金)\n一、项目基本情况\n"
            "下达资金300万元,实际支出288.5万元。\n二、自评结论\n自评得分95分。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["title"], f["department"]) == ("2019年度项目绩效自评报告(电子商务进农村示范项目资金)", "保山市商务局")


def test_a_parts_score_inside_the_indicator_account_is_not_the_total() -> None:
    f = _project("市级补助300万元,实际支出288.5万元。\n(二)项目绩效指标完成情况\n1.产出指标完成情况。\n"
                 "①数量指标全部按年初设定目标值完成,得分26分。②质量指标达标,得分24分。")
    assert f["self_score"] is None


@pytest.mark.parametrize("cited,province", [("(粤财社〔2019〕132号)", "广东省"), ("(湘财绩〔2020〕7号)", "湖南省"),
                                            ("(财预〔2020〕10号)", None)])
def test_the_province_of_a_placeless_report_from_its_document_numbers(cited: str, province: str | None) -> None:
    text = (f"孤儿助学工程项目绩效自评报告\n根据《关于下达孤儿助学专项资金预算的通知》{cited}要求,开展自评。\n"
            "一、项目概况\n下达资金300万元,实际支出288.5万元。\n")
    assert understand(text_doc(text)).reports[0].fields["province"] == province


def test_the_rate_of_one_listed_project_is_not_the_reports() -> None:
    f = _project("纳入本次绩效自评的项目共有2个,项目支出65万元。\n项目1:编辑出版工作经费,项目预算15万元,支出15万元,执行率100%。\n"
                 "项目2:史志编纂经费,项目预算50万元,支出50万元。")
    assert f["execution_rate_pct"] is None


@pytest.mark.parametrize("sentence", ["2023年支出总额1080.5万元,其中基本支出执行700.2万元,项目支出执行380.3万元。",
                                      "2023年累计支出1080.5万元,其中基本支出支付700.2万元,项目支出支付380.3万元。"])
def test_parts_of_the_spending_named_by_their_execution(sentence: str) -> None:
    f = _fields(sentence)
    assert (f["expenditure_total_wan"], f["basic_expenditure_wan"], f["project_expenditure_wan"]) == (1080.5, 700.2, 380.3)


def test_a_title_unit_followed_by_the_funds_name_in_brackets() -> None:
    """'X局(某资金)转移支付2022年度绩效自评报告': the title's unit, not the shorter 来源 of the page."""
    text = ("来源:武冈区民政局\n邵阳市武冈区民政局(中央财政困难群众救助补助资金)转移支付2022年度绩效自评报告\n"
            "一、基本情况\n2022年下达资金300万元,实际支出288.5万元。\n二、自评结论\n自评得分95分。\n")
    assert understand(text_doc(text)).reports[0].fields["department"] == "邵阳市武冈区民政局"


@pytest.mark.parametrize("unit,city,town", [("儋州市那大镇人民政府", "儋州市", "那大镇"), ("东莞市石龙镇人民政府", "东莞市", "石龙镇")])
def test_a_town_under_a_city_without_counties_is_no_county(unit: str, city: str, town: str) -> None:
    """GB/T 2260 lists the towns of 儋州/东莞/中山 under the city with 9-digit codes: a township, never a county."""
    text = f"{unit}2023年度部门整体支出绩效自评报告\n一、基本情况\n2023年全年支出300万元。\n二、自评结论\n自评得分95分。\n"
    f = understand(text_doc(text)).reports[0].fields
    assert (f["city"], f["county"], f["township"]) == (city, None, town)


def test_a_grade_scale_in_brackets_is_no_grade() -> None:
    assert _project("2023年下达资金300万元,实际支出288.5万元。评价等级(优、良、中、差)按得分确定。")["grade"] is None


@pytest.mark.parametrize("line", ["部门(单位)名称 中共武冈市委党史研究室 部门预算编码 901001033",
                                  "部门(单位)名称:武冈市文化馆 单位代码:901001033"])
def test_a_unit_label_followed_by_a_code_label_on_the_same_line(line: str) -> None:
    text = f"部门整体支出绩效自评表\n(2023年度)\n{line}\n年初预算数 100 全年预算数 100 全年执行数 90\n"
    want = "中共武冈市委党史研究室" if "党史" in line else "武冈市文化馆"
    assert understand(text_doc(text)).reports[0].fields["department"] == want


def test_a_bare_total_after_an_allocation_clause_is_the_whole_allocation() -> None:
    """'…分2批次下达我县…资金,合计1,380万元' then one line per batch: the 合计 is the year's allocation."""
    f = _project("2023年,中央分2批次下达我县农村饮水安全资金,合计1,380万元。第一批下达农村饮水安全资金1,100万元;"
                 "第二批下达农村饮水安全资金280万元。实际支出1,300万元。")
    assert f["budget_adjusted_wan"] == 1380.0


@pytest.mark.parametrize("short,full,want", [("武冈市科技局", "武冈市科学技术局", "武冈市科学技术局"),
                                             ("武冈市科技局", "", "武冈市科技局"),
                                             ("巫溪县教委", "巫溪县教育委员会", "巫溪县教育委员会"),
                                             ("巫溪县教委", "", "巫溪县教委")])
def test_a_short_unit_name_takes_the_full_name_the_text_writes(short: str, full: str, want: str) -> None:
    """科技局 (教委) is some units' official name: it becomes 科学技术局 (教育委员会) only where the text writes that too."""
    text = (f"2023年度部门整体支出绩效自评报告\n一、部门基本情况\n{short}是县人民政府工作部门。{full}\n"
            "二、预算执行情况\n2023年全年支出300万元。\n三、自评结论\n自评得分95分。\n")
    assert understand(text_doc(text)).reports[0].fields["department"] == want


@pytest.mark.parametrize("line", ["报告日期: 2024    3  20", "报告报出时间:\n\n2024年3月20日", "上报时间:2024年3月20日",
                                  "单位名称:攸县林业局2024年 3月20日", "填表日期:2024年3月20日", "(2024年3月20日)",
                                  "项目名称 林业有害生物防治\n项目单位 攸县林业局\n评价机构 部门(单位)评价组√\n2024年3月20日"])
def test_report_date_wordings(line: str) -> None:
    text = f"攸县林业局2023年度部门整体支出绩效自评报告\n{line}{UNIT_REPORT_BODY}"
    assert understand(text_doc(text)).reports[0].fields["report_date"] == "2024-03-20"


def test_the_year_a_proposal_looks_ahead_to_is_no_fiscal_year() -> None:
    text = ("人大代表之家建设项目绩效自评报告\n一、项目基本情况\n财政年初预算40万元。\n二、绩效目标完成情况\n"
            "2023年该项目预算40万元,实际支出40万元。建议2024年度安排预算资金40万元。\n三、自评结论\n自评得分96分。\n")
    assert understand(text_doc(text)).reports[0].fields["fiscal_year"] == 2023


def test_a_pension_funds_payouts_are_no_spending_and_a_project_reports_project_spending_is_its_total() -> None:
    text = ("某州人力资源和社会保障局2023年度项目支出绩效自评报告\n一、项目基本情况\n我局2023年项目支出共13个,年初预算数1697.44万元,"
            "支出数1583.63万元。\n2023年机关事业养老保险保费收入3388万元,机关事业养老金支出4175万元。\n二、自评结论\n自评得分92分。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert f["expenditure_total_wan"] == 1583.63


@pytest.mark.parametrize("sentence,want", [
    ("2023年主要用于保障机构正常运转的基本支出,本年支出1180万元。", (1180.0, None)),
    ("2023年环保费用支出12万元,全年支出1180万元。", (1180.0, None)),
])
def test_a_part_mentioned_in_passing_leaves_the_total_alone(sentence: str, want: tuple) -> None:
    f = _fields(sentence)
    assert (f["expenditure_total_wan"], f["basic_expenditure_wan"]) == want


def test_an_opinion_of_the_whole_is_no_grade_and_leftover_money_is_no_allocation() -> None:
    f = _project("2023年下达资金300万元,实际支出288.5万元,项目安排的资金尚有结余,合计11.5万元。群众对项目实施效果总体评价良好。")
    assert f["grade"] is None and f["budget_adjusted_wan"] == 300.0


@pytest.mark.parametrize("proposal", ["计划于2024年度继续安排资金40万元", "建议在2024年度安排预算资金40万元", "建议(2024年度)安排40万元"])
def test_a_proposal_year_anywhere_in_its_clause_is_no_fiscal_year(proposal: str) -> None:
    text = (f"人大代表之家建设项目绩效自评报告\n一、项目基本情况\n项目预算40万元,实际支出40万元。{proposal}。\n"
            "二、资金情况\n2023年该项目预算40万元,实际支出40万元。\n三、自评结论\n自评得分96分。\n")
    assert understand(text_doc(text)).reports[0].fields["fiscal_year"] == 2023


def test_a_portal_stamp_written_with_year_month_day_and_dashes_is_the_publish_date() -> None:
    text = ("当前位置:首页 > 工作专栏\n某省电子商务进农村综合示范项目中央专项转移支付2021年度绩效自评报告\n"
            "2022年-03月-07日 11:14:00   文章来源:\n现将某省2021年度电子商务进农村综合示范项目绩效自评情况报告如下\n"
            "一、绩效目标分解下达情况\n我省共安排电子商务进农村综合示范项目资金8500万元。其中,中央转移支付资金8500万元。\n")
    rep = understand(text_doc(text)).reports[0]
    assert rep.fields["publish_date"] == "2022-03-07"
    assert rep.fields["expenditure_total_wan"] is None  # '中央转移支付资金' names the fund; nothing was spent by it


def test_a_covers_project_undertaking_unit_is_the_department() -> None:
    text = ("财政支出项目绩效评价报告\n(2019年度)\n项目名称: 植被恢复绿化项目\n项目承担单位: 某县农业农村局\n"
            "评价单位:某县农业农村局\n一、项目概况\n项目预算150万元,实际支出148万元,自评得分90分。\n")
    rep = understand(text_doc(text)).reports[0]
    assert rep.fields["department"] == "某县农业农村局"


_DEPT_OPENING = ("某县农业农村局2022年度部门整体支出绩效自评报告\n一、部门基本情况\n某县农业农村局负责全县农业工作。\n"
                 "二、预算执行情况\n年初预算500万元,全年预算520万元,实际支出510万元,预算执行率98.08%。\n三、自评结论\n")


@pytest.mark.parametrize("row, score, grade", [
    ("| 总分 | 100分 | 98分 | 优 |", 98, "优"),  # cells written with their unit: the 分值 first, then the score
    ("| 绩效评价等级(优/良/中/差) | 优 |", None, "优"),  # the label lists the grades it may take
    ("| 总分 | 100 | 95.5 | 评价等级 | 优 |", 95.5, "优"),
])
def test_a_forms_total_row_and_grade_label(row: str, score: float | None, grade: str) -> None:
    rep = understand(text_doc(_DEPT_OPENING + row + "\n四、存在问题\n资金使用进度偏慢。\n")).reports[0]
    assert rep.fields["self_score"] == score
    assert rep.fields["grade"] == grade


def test_a_street_office_named_after_the_citys_government_is_its_street() -> None:
    text = ("安宁市人民政府禄脿街道办事处2023年度部门整体支出绩效自评报告\n一、部门概况\n"
            "安宁市人民政府禄脿街道办事处是安宁市人民政府的派出机关。\n二、预算执行\n全年预算800万元,实际支出790万元。\n")
    rep = understand(text_doc(text)).reports[0]
    assert rep.fields["township"] == "禄脿街道"


def test_a_reviewers_metadata_line_is_no_part_of_the_title() -> None:
    text = ("某市司法局专项事业费(项目)2017年度绩效自评报告\n  • 发布日期:2019-04-15\n  • 信息来源:市司法局\n"
            "  • 编辑:某市司法局\n  • 审核: 系统管理员\n\n某市司法局专项事业费(项目)2017年度绩效自评报告\n\n"
            "  一、基本情况\n\n  我单位2017年专项事业费预算下达54万元,预算执行率99.25%。\n")
    rep = understand(text_doc(text)).reports[0]
    assert rep.fields["title"] == "某市司法局专项事业费(项目)2017年度绩效自评报告"


def test_a_centre_that_evaluated_its_own_funds_and_reports_the_results_is_a_self_evaluation() -> None:
    text = ("为进一步规范财政资金管理,根据《关于对2019年度部门整体支出开展绩效自评有关事项的通知》的文件要求,"
            "我中心对2019年部门财政资金开展了绩效评价工作,现将绩效评价情况及评价结果报告如下:\n"
            "一、中心基本概括\n我中心是正科级公益类全额拨款事业单位。\n")
    assert understand(text_doc(text)).is_self_eval


@pytest.mark.parametrize("tail, score", [
    ("自评总分为95分\n1、预算执行方面较好。", 95),  # a numbered list after the score is no 分值/score pair
    ("自评总分95分\n85分以上为良", 95),
    ("总分96分\n2、存在问题", 96),
])
def test_a_total_score_in_prose_followed_by_a_list_keeps_its_value(tail: str, score: float) -> None:
    rep = understand(text_doc(_DEPT_OPENING + tail + "\n")).reports[0]
    assert rep.fields["self_score"] == score


def test_a_meeting_time_in_the_body_is_no_publish_date() -> None:
    rep = understand(text_doc(_DEPT_OPENING + "自评得分95分。我局于2023年4月10日14:30组织召开自评会。\n")).reports[0]
    assert rep.fields.get("publish_date") is None


@pytest.mark.parametrize("name, township", [
    ("安宁市人民政府太平桥街道办事处", "太平桥街道"),
    ("长沙县人民政府小城镇建设办公室", None),  # '小城镇' is no township
])
def test_the_township_after_a_citys_government_in_a_unit_name(name: str, township: str | None) -> None:
    from selfeval.understand.region import township_in

    got = township_in(name, 3)
    assert (got[0] if got else None) == township


def test_a_total_row_whose_vertical_label_a_pdf_read_upside_down_gives_the_score() -> None:
    text = _DEPT_OPENING + "满意度指标 服务对象满意度 90% 98% 5 5\n分总 100 96\n说明\n"
    assert understand(text_doc(text)).reports[0].fields["self_score"] == 96


@pytest.mark.parametrize("unit,want", [("攸县林业局", "2024-03-20"), ("关于本项目", None)])
def test_a_cover_run_onto_one_line_gives_the_bracketed_date_after_its_unit(unit: str, want: str | None) -> None:
    """A DOCX whose cover the text ran onto one line: title, unit, '(2024 年 3 月 20 日)', then the opening. The
    bracket after a unit's name is the cover's date; after other words it is not read as one."""
    text = (f"攸县 2023 年林业有害生物防治经费 支出绩效评价报告 {unit} (2024 年 3 月 20 日) 为进一步加强资金管理,"
            "我局对本项目开展了绩效自评。\n一、项目概况\n项目资金50万元,实际支出48万元,自评得分95分。\n")
    assert understand(text_doc(text)).reports[0].fields.get("report_date") == want


def test_a_sharing_sites_badge_after_the_file_name_is_no_part_of_the_title() -> None:
    v = understand(text_doc("专项转移支付绩效评价报告.PDFVIP\n一、项目概况\n我局对本项目开展了绩效自评,自评得分95分。\n"))
    assert v.reports[0].fields["title"] == "专项转移支付绩效评价报告"


def test_a_cover_date_under_a_wrapped_cover_value() -> None:
    """'项目名称: 怀北镇提前下达2022年基层文化建设' / '转移支付资金…补贴项目' / '二〇二三年八月': the cover's value ran onto a
    line of its own, and the date under it is still the cover's date."""
    text = ("北京市怀柔区怀北镇项目支出\n绩效评价报告\n项目单位:        北京市怀柔区怀北镇\n"
            "项目名称:   怀北镇提前下达2022年基层文化建设\n 转移支付资金农村公益电影放映补贴项目\n\n二〇二三年八月\n"
            "一、项目基本情况\n怀北镇人民政府对本项目开展绩效自评,自评得分95分。\n")
    assert understand(text_doc(text)).reports[0].fields["report_date"] == "2023-08"


@pytest.mark.parametrize("addition,want", [(33.0, 418.42), (30.0, None)])
def test_a_budget_that_is_the_initial_plus_the_addition_is_the_final_budget(addition: float, want: float | None) -> None:
    """'年度预算共计418.42万元: 1、年初部门预算385.42万元,年中追加33.00万元' — the sum names the final budget; when
    the figures do not add up the unqualified budget stays unplaced."""
    f = _fields(f"年度预算金额\n年度预算共计418.42万元:\n1、年初部门预算385.42万元,年中追加{addition:.2f}万元。")
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"]) == (385.42, want)


def test_a_title_opening_with_a_bare_year_names_the_fiscal_year() -> None:
    text = "2021 乡镇(公社)老放映员省级补助资金_自评报告\n一、项目基本情况\n补助资金9.31万元,自评得分95分。\n"
    assert understand(text_doc(text)).reports[0].fields["fiscal_year"] == 2021


def test_one_sources_share_after_the_whole_is_a_part() -> None:
    """'全年预算数5372.58万元,全年执行数4772.58万元,当前预算执行率88.83%。其中中央财政资金全年预算数1800万元,全年执行数
    1200万元,当前预算执行率66.67%;地方财政资金…': the shares' figures and rate never rival the whole's."""
    text = ("安徽省宣城市转移支付2023年度绩效自评报告\n一、绩效目标分解下达情况\n全年预算数5372.58万元,全年执行数4772.58万元,"
            "当前预算执行率88.83%。其中中央财政资金全年预算数1800万元,全年执行数1200万元,当前预算执行率66.67%;"
            "地方财政资金全年预算数2192.58万元,全年执行数2192.58万元。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) == (5372.58, 4772.58, 88.83)


def test_a_labelled_report_date_whose_year_and_month_lost_their_characters() -> None:
    """'报告时间: 2018   06' (the template's 年/月 lost) is June 2018; the same bare pair closing a page is no date."""
    text = ("湘西自治州人民检察院部门整体支出\n绩效评价报告\n评价单位: 湘西自治州人民检察院\n报告时间: 2018   06\n"
            "一、部门概况\n本部门对2017年度整体支出开展绩效自评,自评得分95分。\n")
    assert understand(text_doc(text)).reports[0].fields["report_date"] == "2018-06"
    closing = "某县林业局2023年度部门整体支出绩效自评报告\n一、基本情况\n自评得分95分。\n某县林业局\n2024 05\n"
    assert understand(text_doc(closing)).reports[0].fields["report_date"] is None


def test_a_courts_short_name_is_completed_where_the_text_writes_it() -> None:
    """'州检察院' in the title, '湘西土家族苗族自治州人民检察院' in the text: the procuratorate's full name (人民检察院)."""
    text = ("2017年度州检察院部门整体支出绩效评价报告\n一、引言\n湘西土家族苗族自治州人民检察院成立于1979年9月,隶属于州委政法委。"
            "本部门对2017年度整体支出开展绩效自评,自评得分95分。\n")
    assert understand(text_doc(text)).reports[0].fields["department"] == "湘西土家族苗族自治州人民检察院"


@pytest.mark.parametrize("text,want", [
    ("2024年共投入森林草原航空消防租机补助经费预算14856.17万元。其中,财政部下达11682万元、省级配套资金3174.17万元,"
     "上述资金均按要求全部下达。", 14856.17),
    # a change, not shares: '申报147.5万元,年中预算调减0.695万元,…实际批复146.805万元' (147.5 = 146.805 + 0.695)
    ("本项目申报区财政预算资金147.5万元,年中预算调减0.695万元,通过财政局实际批复2024年度项目经费146.805万元。", 146.805),
])
def test_a_funds_whole_beats_the_shares_it_lists(text: str, want: float) -> None:
    """A fund's whole and the shares its sources gave (财政部下达 / 省级配套) are one figure and its parts; a budget
    and the change that made the final one are not."""
    doc = text_doc("云南省2024年中央自然灾害救灾资金项目绩效自评报告\n(一)绩效目标分解下达情况\n" + text + "\n自评得分95分。\n")
    assert understand(doc).reports[0].fields["budget_adjusted_wan"] == want


def test_a_unit_label_naming_the_unit_and_its_subordinates_gives_the_unit() -> None:
    text = ("某市2023年度计划生育项目绩效自评报告\n实施单位:阿拉善盟卫生健康委员会及各旗(区)卫生健康委(社管局)\n"
            "一、项目概况\n自评得分95分。\n")
    assert understand(text_doc(text)).reports[0].fields["department"] == "阿拉善盟卫生健康委员会"


@pytest.mark.parametrize("sentence,want", [
    ("本项目自评总分100分,2021年度各项绩效目标均已全部完成,评价等级为优。", 100.0),  # a year after the comma, no score
    ("资金执行方面,年度资金全部拨付到位,自评10分。本项目绩效自评综合得分为95分,评价等级为优。", 95.0),  # a row's bare 自评
])
def test_a_stated_total_beside_other_figures(sentence: str, want: float) -> None:
    """Review findings: a 总分 of 100 followed by any figure is still the total unless a score word follows; a
    bare '自评N分' of one row never rivals the labelled total."""
    text = f"某县农业农村局2021年度农村公路养护项目绩效自评报告\n一、项目基本情况\n本项目全年执行数95万元。\n二、绩效自评结论\n{sentence}\n"
    assert understand(text_doc(text)).reports[0].fields["self_score"] == want


def test_a_fund_from_one_source_alone_is_the_whole() -> None:
    """'中央财政资金全年预算数1800万元,全年执行数1200万元' with no whole stated before it: the fund itself, not a share."""
    text = ("某县2021年度中央财政衔接推进乡村振兴补助资金绩效自评报告\n一、资金基本情况\n"
            "中央财政资金全年预算数1800万元,全年执行数1200万元,执行率66.67%。\n其中第一批下达资金600万元已全部支出。\n"
            "二、绩效自评结论\n自评得分85分。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (1800.0, 1200.0)


@pytest.mark.parametrize("town, opening, county", [
    ("龙川镇", "龙川镇位于南华县城区,是县委、县政府驻地,辖11个村(社区)。", "南华县"),  # 龙川县 is in Guangdong
    ("龙川镇", "南华县龙川镇人民政府是南华县人民政府派出的一级政府。", "南华县"),
    ("沅陵镇", "沅陵镇是沅陵县城所在地,辖12个社区。", "沅陵县"),  # the township named after its own county
])
def test_a_township_named_like_a_county_elsewhere_is_placed_where_the_text_says(town: str, opening: str,
                                                                                  county: str) -> None:
    text = (f"{town}2023年度部门整体支出绩效自评报告\n一、部门基本情况\n{opening}\n二、部门整体支出情况\n"
            "2023年度全年支出合计1,398.20万元。\n三、自评结论\n自评得分96.5分。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["township"], f["county"]) == (town, county), f


@pytest.mark.parametrize("label", ["自评得分", "综合得分", "总得分"])
def test_a_total_score_row_holding_its_maximum_gives_the_score(label: str) -> None:
    """'|自评得分||||||100|95.65|': the row's 分值 100, then the score (as for '总分')."""
    text = ("项目支出绩效自评表\n(2023年度)\n|项目名称|农村公路养护专项资金|\n|绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|\n"
            "||产出指标|数量指标|养护里程|≥320公里|325公里|50|50|\n||效益指标|社会效益指标|群众出行|明显改善|明显改善|50|45.65|\n"
            f"|{label}||||||100|95.65|\n")
    assert understand(text_doc(text)).reports[0].fields["self_score"] == 95.65


@pytest.mark.parametrize("stated, grade", [("评价等级为“中”(基本合格)。", "中"), ("评价等级为中(合格)。", "中"),
                                           ("评价等级为“差”(不合格)。", "差")])
def test_a_grade_with_its_bands_name_in_brackets(stated: str, grade: str) -> None:
    f = understand(text_doc(_DEPT_OPENING + "经自评,我局得分65分," + stated + "\n")).reports[0].fields
    assert f["grade"] == grade, stated


@pytest.mark.parametrize("sentence, rate", [
    ("其中:人员经费支出1450.20万元,公用经费支出170.15万元,项目支出1131.05万元,预算执行率为95.20%。", 95.20),
    ("基本支出1620.35万元,项目支出1131.05万元,合计支出2751.40万元,预算执行率为95.20%。", 95.20),
    ("支出合计2751.40万元,其中:基本支出1620.35万元,执行率100%;项目支出1131.05万元,执行率91.3%。", None),
])
def test_the_units_rate_after_its_parts_and_a_parts_own_rate(sentence: str, rate: float | None) -> None:
    text = ("某县自然资源局2023年度部门整体支出绩效自评报告\n一、预算执行情况\n2023年全年预算数为2890.12万元。" + sentence +
            "\n二、自评结论\n经自评,我局得分96.5分。\n")
    assert understand(text_doc(text)).reports[0].fields["execution_rate_pct"] == rate, sentence


@pytest.mark.parametrize("unit, township", [
    ("克山县西城镇人民政府", "西城镇"), ("克山县古城镇人民政府", "古城镇"),  # towns ending in 城镇 (never '小城镇')
    ("西湖区北山街道办事处", "北山街道"), ("中共北山街道工作委员会", "北山街道"),  # no county or Party name in it
    ("长沙县人民政府小城镇建设办公室", None),
])
def test_township_names_ending_in_chengzhen_and_townships_after_a_prefix(unit: str, township: str | None) -> None:
    from selfeval.understand.region import township_in

    got = township_in(unit, 0)
    assert (got[0] if got else None) == township, unit


@pytest.mark.parametrize("unit", ["凤凰县沱江镇中心完小", "凤凰县沱江镇学区"])
def test_village_schools_and_school_districts_are_units(unit: str) -> None:
    text = f"{unit}2023年度部门整体支出绩效自评报告\n一、基本情况\n2023年全年支出合计398.20万元。\n二、自评结论\n自评得分96.5分。\n"
    assert understand(text_doc(text)).reports[0].fields["department"] == unit


@pytest.mark.parametrize("table", ["单位:万元\n|项目|金额|\n|支出合计|2751.40|\n", "单位:万元\n项目\t金额\n本年支出合计\t2751.40\n",
                                   "|项目|金额(万元)|\n|基本支出|1620.35|\n|项目支出|1131.05|\n|支出合计|2751.40|\n"])
def test_the_total_row_of_a_two_column_table_is_the_spending(table: str) -> None:
    text = "某县自然资源局2023年度部门整体支出绩效自评报告\n一、预算执行情况\n" + table + "二、自评结论\n经自评,我局得分96.5分。\n"
    assert understand(text_doc(text)).reports[0].fields["expenditure_total_wan"] == 2751.40, table


@pytest.mark.parametrize("formula", ["预算执行率=全年执行数/全年预算数×100%=95.20%。", "预算执行率=(全年执行数/全年预算数)*100%=95.20%。",
                                     "预算执行率:2751.40÷2890.12×100%=95.20%。"])
def test_a_rate_stated_as_its_formula(formula: str) -> None:
    text = ("某县自然资源局2023年度部门整体支出绩效自评报告\n一、预算执行情况\n2023年全年预算数为2890.12万元,全年支出合计2751.40万元。\n"
            + formula + "\n二、自评结论\n经自评,我局得分96.5分。\n")
    assert understand(text_doc(text)).reports[0].fields["execution_rate_pct"] == 95.20, formula


@pytest.mark.parametrize("sentence", ["完成县委县政府下达的各项任务,县乡道养护里程325公里。", "完成县乡道养护里程325公里。"])
def test_a_county_name_inside_a_word_is_no_region(sentence: str) -> None:
    """'完成县委' holds 成县 (Gansu) and '完成县乡道' too: a word's last character before the county's own word."""
    text = ("县公路建设养护中心2023年度部门整体支出绩效自评报告\n一、部门基本情况\n" + sentence +
            "\n二、自评结论\n全年支出合计1,398.20万元,自评得分96.5分。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["county"], f["province"]) == (None, None), f


def test_a_county_after_the_partys_or_the_cppccs_name_stands() -> None:
    text = ("政协南县委员会办公室2023年度部门整体支出绩效自评报告\n一、部门基本情况\n政协南县委员会办公室为财政全额拨款单位。\n"
            "二、自评结论\n全年支出合计1,398.20万元,自评得分96.5分。\n")
    assert understand(text_doc(text)).reports[0].fields["county"] == "南县"


@pytest.mark.parametrize("closing", ["单位（盖章）：攸县林业局\n日期：2024年3月20日", "攸县林业局\n报告日期：2024年3月20日",
                                     "攸县林业局\n2024年3月\n20日", "攸县林业局\n二〇二四年三月\n二十日"])
def test_a_closing_date_under_a_label_or_wrapped_by_a_narrow_closing(closing: str) -> None:
    from selfeval.understand.evidence import check_evidence

    text = f"2023年度部门整体支出绩效自评报告\n{UNIT_REPORT_BODY.strip()}\n{closing}\n"
    doc = text_doc(text)
    r = understand(doc).reports[0]
    assert (r.fields["report_date"], r.fields["department"]) == ("2024-03-20", "攸县林业局")
    assert check_evidence(r.evidence["report_date"], doc), r.evidence["report_date"]


@pytest.mark.parametrize("aside", ["截至2023年末资产总额52360.88万元，资产管理自评得分95分。", "资产管理方面自评得分9.5分（分值10分）。",
                                   "我局通过省级文明单位复评，文明单位测评自评得分97分。", "所属学校自评平均得分91分。",
                                   "全县学校办学水平督导评估自评平均得分91分。"])
def test_a_part_another_scheme_or_the_units_below_scored_in_passing_leave_the_total(aside: str) -> None:
    """A report's total stays its total beside a score of one part, of another scheme or of the units below it;
    before, the two rival scores cancelled each other (AMB-01) and the total was lost."""
    text = ("某县教育局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n" + aside + "\n二、预算执行情况\n全年支出1150万元。\n"
            "三、自评结论\n经自评，我局2023年度部门整体支出绩效自评得分96分，评价等级为优。\n")
    assert understand(text_doc(text)).reports[0].fields["self_score"] == 96


# where a report states the year it evaluates, each alone: a title without a year over the line that states it
YEAR_SHAPES = [("某县林业局2023年度部门整体支出绩效自评报告", ""), ("某县林业局二〇二三年度部门整体支出绩效自评报告", ""),
               ("某县林业局部门整体支出绩效自评报告(2023)", ""),  # a bare year in brackets after the title
               ("某县林业局部门整体支出绩效自评报告", "评价年度:2023年"), ("某县林业局部门整体支出绩效自评报告", "所属年度:2023"),
               ("某县林业局部门整体支出绩效自评报告", "(2023年1月1日—2023年12月31日)"),  # the period it covers
               ("部门整体支出绩效自评表", "年度:2023 | 填报单位(盖章):某县林业局 | 单位:万元"),  # a form's bare 年度 cell
               ("附件1: 部门整体支出绩效自评表 年度: 2023 填报单位(盖章): 某县林业局", ""),  # …run on after its title
               ("某县林业局部门整体支出绩效自评报告", "根据县财政局要求,我局对2023年度部门整体支出开展了绩效自评。")]


@pytest.mark.parametrize("title,line", YEAR_SHAPES, ids=range(len(YEAR_SHAPES)))
def test_fiscal_year_shapes(title: str, line: str) -> None:
    text = f"{title}\n{line}\n一、部门基本情况\n负责全县林业资源保护管理。\n二、自评结论\n自评得分95分。\n"
    assert understand(text_doc(text)).reports[0].fields["fiscal_year"] == 2023


# how the conclusion states the unit's total score, each alone
SCORE_SHAPES = ["根据评分标准,我局自评得分为96.5分。", "经自评,综合得分96.5分(满分100分)。", "本次绩效自评满分100分,实际得分96.5分。",
                "总分100分,自评96.5分。", "自评得分:产出指标38分,效益指标28.5分,满意度指标10分,预算执行20分,合计96.5分。",
                "经综合评定,该部门整体支出绩效评价得96.5分,评价等级为优秀。", "自评综合评分:96.5"]


@pytest.mark.parametrize("sentence", SCORE_SHAPES)
def test_total_score_shapes(sentence: str) -> None:
    text = ("某县林业局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n负责全县林业资源保护管理。\n二、部门整体支出情况\n"
            f"全年预算数1300万元,全年支出1180.23万元。\n三、自评结论\n{sentence}\n")
    assert understand(text_doc(text)).reports[0].fields["self_score"] == 96.5


# a township-level unit under a title that names it short: the body writes its county, or its government
TOWNSHIP_UNITS = [
    ("乌力吉苏木2023年度项目支出绩效自评报告", "阿拉善左旗乌力吉苏木人民政府2023年度实施牧区饮水安全项目。",
     "阿拉善左旗乌力吉苏木人民政府", "乌力吉苏木"),
    ("黄马乡蚕茶卫生院2022年度部门整体支出绩效自评报告", "南昌县黄马乡蚕茶卫生院是一所公益一类事业单位。",
     "南昌县黄马乡蚕茶卫生院", "黄马乡"),
    ("漳江街道2023年度部门整体支出绩效自评报告", "桃源县漳江街道办事处下辖8个社区居委会。", "桃源县漳江街道办事处", "漳江街道"),
    ("城关镇社区卫生服务中心2023年度部门整体支出绩效自评报告", "舟曲县城关镇社区卫生服务中心承担辖区公共卫生服务。",
     "舟曲县城关镇社区卫生服务中心", "城关镇"),
]


@pytest.mark.parametrize("title,opening,unit,township", TOWNSHIP_UNITS, ids=range(len(TOWNSHIP_UNITS)))
def test_a_township_unit_named_in_full_by_the_body(title: str, opening: str, unit: str, township: str) -> None:
    f = understand(text_doc(title + "\n一、基本情况\n" + opening + "\n二、预算执行\n全年预算数980万元,全年执行数960万元。"
                            + "\n三、自评结论\n自评得分95分。\n")).reports[0].fields
    assert (f["department"], f["township"]) == (unit, township)


@pytest.mark.parametrize("duty", ["11、协助做好承接雨花区对口帮扶工作;", "12、做好对口支援雨花区的协调工作;",
                                  "13、负责与岳麓区等地对口协作;"])
def test_a_partner_place_among_the_duties_is_not_the_units_place(duty: str) -> None:
    f = understand(text_doc("县乡村振兴局2023年度整体支出绩效自评报告\n一、部门基本情况\n(一)主要职能\n10、负责全县乡村振兴工作;\n"
                            + duty + "\n二、预算执行\n全年预算数980万元,全年执行数960万元。\n三、自评结论\n自评得分95分。\n")
                   ).reports[0].fields
    assert (f["county"], f["city"]) == (None, None)


@pytest.mark.parametrize("wrapped", ["年初预算资金2\n,451,170.06元", "年初预算资金2,\n451,170.06元", "年初预算资金2,451\n,170.06元"])
def test_a_figure_a_narrow_layout_wrapped_at_its_thousands_separator(wrapped: str) -> None:
    f = _fields("一般公共预算收入:2023年度福利院公共财政拨款" + wrapped + ",截止2023年12月31日,实际支出2,011,525.72元。")
    assert (f["budget_initial_wan"], f["expenditure_total_wan"]) == (245.117006, 201.152572)


@pytest.mark.parametrize("sangong", [
    "“三公”经费:2023年初财政批复“三公”经费预算数为25.00万元,实际支出18.60万元,执行率74.40%,比上年减少3.20万元。",
    "2023年度“三公”经费年初预算12.50万元,全年预算12.50万元,全年支出9.86万元,其中公务用车运行维护费7.20万元。"])
@pytest.mark.parametrize("first", [True, False])
def test_the_sangong_moneys_own_budget_spending_and_rate_are_not_the_units(sangong: str, first: bool) -> None:
    unit = "2023年度本局年初预算586.40万元,全年预算612.85万元,全年支出598.34万元,其中基本支出480.12万元,项目支出118.22万元。"
    f = _fields(sangong + "\n" + unit if first else unit + "\n" + sangong)
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"],
            f["project_expenditure_wan"]) == (586.4, 612.85, 598.34, None, 118.22)


@pytest.mark.parametrize("parts", ["其中预算执行率指标分值10分,自评得分10分;产出指标分值50分,得分48分。",
                                   "其中预算执行率指标分值为10分,自评得分9.8分。"])
def test_a_parts_score_after_its_weight_is_no_total(parts: str) -> None:
    text = ("某县林业局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n负责全县林业资源保护管理。\n二、部门整体支出情况\n"
            "全年支出1150万元。\n三、自评结论\n本次自评绩效分值100分," + parts + "综合评分为97分,评价等级为“优”。\n")
    assert understand(text_doc(text)).reports[0].fields["self_score"] == 97.0


def test_last_years_total_takes_its_parts_along() -> None:
    f = _fields("2022年度决算支出318.60万元,其中基本支出270.10万元,项目支出48.50万元。2023年度本单位年初预算320.00万元,"
                "全年预算335.40万元,全年支出331.27万元,其中基本支出281.63万元,项目支出49.64万元,预算执行率98.77%。")
    assert (f["expenditure_total_wan"], f["basic_expenditure_wan"], f["project_expenditure_wan"]) == (331.27, 281.63, 49.64)


def test_the_parts_come_from_the_totals_scope() -> None:
    f = _fields("(一)一般公共预算支出情况。2023年一般公共预算财政拨款支出4,472.52万元,其中基本支出2,828.00万元,项目支出1,644.52万元。\n"
                "(二)部门整体支出情况。2023年本部门支出合计4,578.93万元(含政府性基金预算支出65.00万元、其他资金支出41.41万元),"
                "其中基本支出2,830.35万元,项目支出1,748.58万元。")
    assert (f["expenditure_total_wan"], f["basic_expenditure_wan"], f["project_expenditure_wan"]) == (4578.93, 2830.35, 1748.58)


def test_a_sub_scopes_parts_are_not_the_totals() -> None:
    f = _fields("2023年度本部门全年预算12,948.90万元,本年支出合计12,456.78万元,预算执行率96.20%。其中一般公共预算财政拨款支出"
                "11,980.35万元,包括基本支出8,120.44万元、项目支出3,859.91万元;其他资金支出476.43万元。")
    assert (f["expenditure_total_wan"], f["basic_expenditure_wan"], f["project_expenditure_wan"]) == (12456.78, None, None)


@pytest.mark.parametrize("sep", ["\n", "\n\n\t"])
def test_a_one_cell_a_line_table_whose_total_row_comes_last_keeps_its_parts(sep: str) -> None:
    cells = ["支出类别", "年初预算", "全年预算", "全年执行", "基本支出", "612.30", "640.18", "640.18",
             "项目支出", "350.00", "498.72", "462.55", "合计", "962.30", "1,138.90", "1,102.73"]
    f = _fields("2023年度支出决算情况(单位:万元)" + sep + sep.join(cells))
    assert (f["expenditure_total_wan"], f["basic_expenditure_wan"], f["project_expenditure_wan"]) == (1102.73, 640.18, 462.55)


@pytest.mark.parametrize("head", ["项目名称", "资金名称", "单位名称"])
def test_a_one_row_result_table_under_a_name_column_gives_figures_score_and_grade(head: str) -> None:
    table = (f"| {head} | 全年预算数(万元) | 全年执行数(万元) | 执行率 | 自评得分 | 自评等级 |\n"
             "| 2023年度高标准农田建设项目 | 3200 | 3056.7 | 95.52% | 92 | 优 |")
    text = ("2023年度高标准农田建设项目资金绩效自评结果公示\n根据预算绩效管理有关规定,我局对项目资金开展了绩效自评。现将自评结果公示如下:\n"
            + table + "\n公示时间:2024年5月6日至2024年5月12日。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"], f["self_score"], f["grade"]) \
        == (3200.0, 3056.7, 95.52, 92.0, "优")


def test_the_closing_before_a_long_appended_form_gives_the_report_date() -> None:
    form = "\n".join(["附件:部门整体支出绩效自评表", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
                     + [x for k in range(1, 16) for x in ("产出指标", "数量指标", f"完成事项{k}", "≥10项", "12项", "5", "5")])
    work = "\n三、绩效目标完成情况\n" + "完成造林任务1.2万亩,森林抚育3.5万亩,林业有害生物成灾率控制在规定范围内。" * 12
    f = understand(text_doc("2023年度部门整体支出绩效自评报告" + UNIT_REPORT_BODY + work + "\n攸县林业局\n2024年3月20日\n" + form)
                   ).reports[0].fields
    assert (f["department"], f["report_date"]) == ("攸县林业局", "2024-03-20")


@pytest.mark.parametrize(("sentence", "expected"), [
    (f"2023年全年预算数为{B}万元,全年支出{C}万元,其中基本支出和项目支出分别为800.12万元和221.74万元。",
     {"basic_expenditure_wan": 800.12, "project_expenditure_wan": 221.74}),
    (f"2023年全年预算数为{B}万元,全年支出{C}万元,其中基本支出、项目支出分别为800.12万元、221.74万元。",
     {"basic_expenditure_wan": 800.12, "project_expenditure_wan": 221.74}),
    (f"2023年年初预算和调整后预算分别为{A}万元、{B}万元,全年支出{C}万元。",
     {"budget_initial_wan": A, "budget_adjusted_wan": B}),
])
def test_labels_listed_before_figures_by_fenbie_name_them_in_order(sentence: str, expected: dict) -> None:
    """'A和B分别为x和y': the i-th label names the i-th figure (each figure alone had only '和' before it)."""
    f = _fields(sentence)
    assert {k: f[k] for k in expected} == expected


def test_the_items_under_a_sangong_heading_are_not_the_units() -> None:
    """Under '(三)“三公”经费使用情况' a sentence need not say 三公 again: '公务接待费…实际支出3.20万元' and its rate are the
    item's, no rival of the unit's total (which was lost to the conflict) nor the unit's rate."""
    f = _fields(f"2023年全年预算数为{B}万元,全年支出合计{C}万元。\n(三)“三公”经费使用情况\n"
                "公务接待费预算5.00万元,实际支出3.20万元,预算执行率64%;公务用车运行维护费预算12.00万元,实际支出11.50万元。")
    assert (f["expenditure_total_wan"], f["execution_rate_pct"]) == (C, None)


@pytest.mark.parametrize("budget", [f"2023年预算支出{B}万元", f"预算总额为{B}万元"])
def test_an_unqualified_budget_stays_ambiguous_whatever_the_rate(budget: str) -> None:
    """'2023年预算支出…' may be 年初 or 调整后: null (AMB-01 says so), not set as the final budget because the stated
    rate happens to fit it (the rate's arithmetic only names figures whose label says nothing)."""
    f = _fields(f"{budget},全年支出合计{C}万元,预算执行率为{round(C / B * 100, 2)}%。")
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (None, None, C)


def test_a_part_of_the_years_budget_done_is_no_rate() -> None:
    """'截至6月底完成预算的45%': the half-year's progress, not the year's execution rate."""
    assert _fields(f"2023年全年预算数为{B}万元,截至6月底完成预算的45%。")["execution_rate_pct"] is None


@pytest.mark.parametrize("cover, want", [
    ("某区卫生健康局\n2022年度省级财政专项资金绩效自评报告\n(基层医疗卫生机构能力建设)\n某区卫生健康局\n2023年4月18日\n", "2023-04-18"),
    ("关于隆回县卫生健康局2023年度基本公共卫生服务项目支出绩效自评的报告\n隆回县卫生健康局(2024年4月)\n", "2024-04"),
])
def test_a_covers_date_under_a_bracketed_subtitle_or_in_the_byline(cover: str, want: str) -> None:
    """A cover's date under the title's bracketed second line and the unit's line, or in the byline's brackets
    ('某局(2024年4月)'), is the report's date."""
    text = cover + ("一、基本情况\n省级下达资金410.00万元,实际支出386.95万元,预算执行率94.38%。\n二、自评结论\n自评得分94分,等级为优。\n")
    assert understand(text_doc(text)).reports[0].fields["report_date"] == want


PROJECT = ("某县2023年度农村公路建设项目支出绩效自评报告\n一、项目基本情况\n该项目由县交通运输局实施。\n二、资金情况\n{money}\n"
           "三、自评结论\n{score}\n")


@pytest.mark.parametrize("money, spent", [
    ("县财政下达衔接资金80万元,截至2023年12月31日已拨付工程款76.8万元,资金执行率96%。", 76.8),
    ("下达资金120万元已全部到位,截至2023年12月31日已支付工程及设备款117.6万元,资金执行率98%。", 117.6),
    ("下达补贴资金2,946.83万元,已通过“一卡通”系统拨付至农户账户2,946.37万元,执行率99.98%。", 2946.37),
])
def test_a_projects_payments_are_its_spending(money: str, spent: float) -> None:
    text = PROJECT.format(money=money, score="项目自评得分95分,等级为优。")
    assert understand(text_doc(text)).reports[0].fields["expenditure_total_wan"] == spent


@pytest.mark.parametrize("score, want", [
    # a part's score in the bracket that opens with the part's maximum, beside the total
    ("1.产出指标(50分,自评得48分)。\n2.预算执行(10分,自评得9.8分)。\n综上,该资金绩效自评总得分95.3分,自评等级为“优”。", 95.3),
    # several funds' scores, then the whole's, labelled as the whole's
    ("(一)林业改革发展资金。该项资金自评得分94.5分。\n(二)林业草原生态保护恢复资金。该项资金自评得分90分。\n"
     "资金合计执行率97.59%,综合自评得分94.2分,评价等级为优。", 94.2),
    # the whole's score first, then its projects' ('综合评标专家…项目' names a project, not the whole)
    ("经评价,中心2023年度项目支出整体自评得分93.6分,评价等级为“优”。其中电子交易平台运维经费项目得分96分,"
     "综合评标专家劳务补助经费项目得分92分。", 93.6),
])
def test_the_total_score_among_its_parts_and_funds(score: str, want: float) -> None:
    text = PROJECT.format(money="项目预算100万元,实际支出95万元,执行率95%。", score=score)
    assert understand(text_doc(text)).reports[0].fields["self_score"] == want
