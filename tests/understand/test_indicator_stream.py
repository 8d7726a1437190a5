"""Indicator rows of forms that arrived as text (understand/indicatorstream.py): the shapes seen on real pages
of the realset's dev split, each rebuilt here with other units, names and figures.

Each case gives the rows a reader counts; before the stream reader, none of these texts gave an
indicator_count at all (the grid readers need a table or TAB-flattened cells).
"""

from __future__ import annotations

import pytest
from selfeval.model import ExtractedDocument, Page
from selfeval.payload import report_payload
from selfeval.understand import understand
from selfeval.understand.evidence import DocView
from selfeval.understand.indicatorstream import read_indicator_stream

from .conftest import text_doc

HEAD = "某县2023年度项目支出绩效自评表\n项目名称：乡村道路养护\n主管部门：某县交通运输局\n实施单位：某县公路事务中心\n"

# one row a line, cells parted by spaces; a level label wrapped in its narrow column ('效益' / '指标')
SPACE_ROWS = HEAD + """二级指标 三级指标 年度指标值 全年实际完成值 分值 得分 未完成原因和改进措施
数量指标 养护农村公路里程 320公里 326公里 20 20
修复坑槽面积 1200平方米 1180平方米 10 9.8
质量指标 养护工程验收合格率 100% 100% 20 20
时效指标 养护任务完成时限 2023年12月底前 2023年11月 10 10
效益
指标
社会效益
指标
群众出行条件 改善 明显改善 20 20
满意度指标 服务对象
满意度指标
沿线群众满意度 90% 96% 10 10
总分 100 99.8
"""

# one cell a line (a Word table pasted into a CMS); the 分值 column's header cell was lost
CELL_LINES = HEAD + "\n".join([
    "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成指标值", "50",
    "产出指标", "质量指标", "指标1:监管人员培训", "已完成", "已完成", "5",
    "指标2:案件查办率", "100%", "100%", "4",
    "指标3:经营主体风险分级", "100%", "100%", "5",
    "时效指标", "指标1:专项工作完成时间", "2023年12月31日", "2023年12月31日", "5",
    "效益指标", "社会效益指标", "指标1:重大安全事故发生数", "0次", "0次", "3",
    "评价等级", "优"]) + "\n"

# the whole form glued into one line, no space between cells (a weight written as a share)
GLUED_LINE = ("资金使用情况良好。绩效目标完成情况一级指标二级指标三级指标指标值完成值权重得分产出指标数量指标"
              "贴息贷款发放额增长率≥10%112.4%20%20质量指标贷款回收率≥95%99.1%20%20资金拨付率100%100%10%10"
              "效益指标经济效益指标担保基金放大倍数≥3倍8倍20%20满意度指标服务对象满意度指标借款人满意度≥85%97%"
              "30%30得分合计100。\n")

# glued cells, but one row a line
GLUED_ROWS = HEAD + """绩效指标一级指标二级指标三级指标年度指标值全年完成值未完成原因和改进措施
产出指标数量指标系统升级改版完成率100%100%
质量指标验收合格率100%100%
时效指标完成时间12月已完成
成本指标项目建设成本≤60万元58.2万元
效益指标社会效益指标服务群众覆盖面扩大扩大
"""

# Hainan's columns (指标性质, 度量单位, 完成率) between the usual ones
EXTRA_COLUMNS = HEAD + """一级指标 二级指标 三级指标 指标性质 年度指标值 度量单位 实际完成值 完成率 分值 得分 未完成原因分析
产出指标 数量指标 资助困难学生 ≥ 60 人次 64 106.67% 30.00 30
产出指标 质量指标 资助对象认定准确率 = 100 % 100 100.00% 30.00 30
效益指标 社会效益指标 因贫辍学学生数 ≤ 0 人 0 100.00% 20.00 20
满意度指标 服务对象满意度 受助学生满意度 ≥ 90 % 95 105.56% 10.00 10
合计 100.00 100
"""

# a PDF's text layer parts figures from their measure words ('2 套') and '指标' from its number
PDF_WORDS = HEAD + """一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标 数量指标 采购教学软件 2 套 100% 100% 10 10
指标 2:采购台式电脑 4 台 100% 100% 10 10
质量指标 设备验收合格率 100% 100% 20 20
效益指标 社会效益指标 办学条件 改善 改善 30 30
满意度指标 服务对象满意度指标 师生满意度 90% 97% 20 20
总分 100 100
"""

# a scoring-rule column printed in the rows' place, empty cells as '-'
RULE_NOTES = HEAD + """一级
指标
二级
指标
三级指标 预期指标值(A) 实际完成指标值(B) 分值 得分 未完成原因 得分计算方法
(50分)
数量指标 全年免费开放天数 300天 306天 25 25
定量指标计算:完成值达到指标值,记满分;未达到指标值,按B/A*该指标分值记分。
-
质量指标 开放管理制度健全性 健全 健全 25 25
-
总分 100 100
"""

# an evaluation framework: each level with its points, the indicator with its points and score
FRAMEWORK = "二、绩效评价指标评分\n" + "\n".join([
    "一级指标", "二级指标", "分值", "三级指标", "分值", "得分",
    "项目决策", "20", "项目目标", "5", "目标明确性", "5", "5",
    "决策过程", "15", "决策程序规范性", "8", "8", "资金分配合理性", "7", "6",
    "项目管理", "30", "资金管理", "18", "资金到位率", "6", "6", "资金使用合规性", "12", "12",
    "组织实施", "12", "制度执行有效性", "12", "11",
    "总分", "100", "96"]) + "\n"

# a scoring table: 序号, the levels, the indicator, its points, two text columns, a remark and the score
SCORING_TABLE = "附表1:\n" + "\n".join([
    "序号", "一级指标", "二级指标", "三级指标", "指标分值", "指标解释说明", "评分标准", "备注", "自评",
    "1", "投入", "项目立项(10分)", "立项依据充分性", "3", "考核项目立项是否符合国家和本省的政策文件要求。",
    "1、项目立项符合政策规定,得1分;", "3", "3",
    "2", "绩效目标合理性", "4", "考核是否制定年度绩效目标,目标是否明确合理。", "制定年度绩效目标得2分,目标明确得2分。", "4",
    "3", "过程", "资金管理(15分)", "资金到位率", "5", "考核资金是否按时足额到位。", "到位率100%得5分。", "5",
    ]) + "\n"

# glued rows whose names start with a figure and whose values end in words ('2023年11月底前', '2天以内'); the
# whole form on one line with the page's words around it (the 填报人 line's spaces)
GLUED_FIGURES = HEAD + """绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施
产出指标数量指标65岁以上老年人健康管理人数≥2.1万人2.16万人2020
时效指标健康档案更新完成时限2023年11月底前2023年11月1515
质量指标问题处理时间2天以内2天以内1514.2流动人口建档难
满意度指标服务对象满意度指标城乡居民满意度≥85%91%2020
总分10098.95
"""
ONE_LINE = ("资金按规定使用。绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施产出指标数量指标"
            "农村公路养护里程≥320公里286公里2017.9资金到位晚质量指标路面优良率≥80%82%1515时效指标养护完成时限"
            "2023年12月底前2023年12月1515效益指标社会效益指标通行条件改善明显改善明显改善2020满意度指标服务对象满意度指标"
            "沿线群众满意度≥85%92%1010总分10094.9填报人：刘明    联系电话：0738-3522101\n")

# header cells a narrow column wrapped, one piece a line ('分' / '值', '年度' / '指标值')
WRAPPED_HEADER = HEAD + "\n".join([
    "一级", "指标", "二级指标", "三级指标", "年度", "指标值", "实际", "完成值", "分", "值", "得", "分", "偏差原因分析", "及改进措施",
    "产出指标", "数量指标", "养护里程", "320公里", "326公里", "20", "20",
    "质量指标", "合格率", "100%", "100%", "20", "18", "个别路段返工",
    "效益指标", "社会效益指标", "出行条件", "改善", "改善", "30", "30",
    "总分", "100", "98"]) + "\n"

CASES = [
    ("space_rows", SPACE_ROWS, 6, ("群众出行条件", "效益指标", "社会效益指标", "改善", "明显改善", 20.0, 20.0)),
    ("cell_lines", CELL_LINES, 5, ("指标2:案件查办率", "产出指标", "质量指标", "100%", "100%", 4.0, None)),
    ("glued_line", GLUED_LINE, 5, ("贷款回收率", "产出指标", "质量指标", "≥95%", "99.1%", None, 20.0)),
    ("glued_rows", GLUED_ROWS, 5, ("验收合格率", "产出指标", "质量指标", "100%", "100%", None, None)),
    ("extra_columns", EXTRA_COLUMNS, 4, ("资助困难学生", "产出指标", "数量指标", "60", "64", 30.0, 30.0)),
    # the figure and its measure word after the name are the name's ('采购教学软件2套'): four figures follow
    ("pdf_words", PDF_WORDS, 5, ("采购教学软件2套", "产出指标", "数量指标", "100%", "100%", 10.0, 10.0)),
    ("framework", FRAMEWORK, 6, ("资金分配合理性", None, "决策过程", None, None, 7.0, 6.0)),
    ("scoring_table", SCORING_TABLE, 3, ("资金到位率", "过程", "资金管理(15分)", None, None, 5.0, 5.0)),
    ("glued_figures", GLUED_FIGURES, 4, ("65岁以上老年人健康管理人数", "产出指标", "数量指标", "≥2.1万人", "2.16万人", None, None)),
    # (glued figures '82%1515' leave the cells ambiguous: only the rows are checked)
    ("one_line", ONE_LINE, 5, ("路面优良率", "产出指标", "质量指标", ..., ..., ..., ...)),
    ("wrapped_header", WRAPPED_HEADER, 3, ("合格率", "产出指标", "质量指标", "100%", "100%", 20.0, 18.0)),
    ("rule_notes", RULE_NOTES, 2, ("开放管理制度健全性", None, "质量指标", "健全", "健全", 25.0, 25.0)),
]


@pytest.mark.parametrize(("name", "text", "count", "row"), CASES, ids=[c[0] for c in CASES])
def test_rows_of_a_flattened_form(name: str, text: str, count: int, row: tuple) -> None:
    doc = text_doc(text)
    table = read_indicator_stream(DocView.build(doc), 0, 10 ** 9)
    assert table is not None, name
    assert len(table.rows) == count, [r.level3 for r in table.rows]
    level3, level1, level2, target, actual, weight, score = row
    hit = next((r for r in table.rows if r.level3 == level3), None)
    assert hit is not None, [r.level3 for r in table.rows]
    got = (hit.level1, hit.level2, hit.target, hit.actual)
    if target is not ...:
        assert got[2:] == (target, actual), got
    if level1 is not None:
        assert (hit.level1, hit.level2) == (level1, level2), got
    else:
        assert hit.level2 == level2, got
    if weight is not ...:
        assert (hit.weight, hit.score) == (weight, score)
    if name == "pdf_words":
        assert "指标2:采购台式电脑4台" in [r.level3 for r in table.rows]


def test_a_report_reads_the_count_with_evidence_of_its_rows() -> None:
    doc = text_doc(SPACE_ROWS)
    payload = report_payload(doc, understand(doc, {"file_name": "x.txt"}), {"file_name": "x.txt"})
    assert payload["fields"]["indicator_count"] == 6
    ev = payload["evidence"]["indicator_count"]
    assert "养护农村公路里程" in ev["snippet"] and "沿线群众满意度" in ev["snippet"]
    assert len(payload["reports"][0]["indicators"]) == 6


def test_a_form_whose_figures_were_lost_gives_no_count() -> None:
    """A page that dropped every digit leaves names and level labels jumbled: no count is better than a wrong one."""
    text = ("一级指标二级指标三级指标年度指标值()实际完成值()得分产出指标数量国家奖学金人数分(因总人数减少)"
            "成本指标奖学金人均资助助学金人均资助效益指标(分)社会效益指标资金发放率分完成学业率\n")
    assert read_indicator_stream(DocView.build(text_doc(text)), 0, 10 ** 9) is None


def test_a_header_named_only_in_prose_is_no_table() -> None:
    text = HEAD + "三级指标共12个，年度指标值均已完成，实际完成值见附表。\n本项目自评得分95分。\n"
    assert read_indicator_stream(DocView.build(text_doc(text)), 0, 10 ** 9) is None


def test_points_a_row_cannot_have_are_dropped_not_the_row() -> None:
    """Glued cells ('100%100%1515': 分值 15 and 得分 15 run together) give a score above 100: the row is counted,
    its points left empty, so validation's 0 <= 得分 <= 分值 rule (IND-03) does not quarantine the report."""
    text = HEAD + "\n".join([
        "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施",
        "产出指标数量指标项目计划完成率100%100%1515",
        "资金到位率100%100%1010",
        "质量指标项目一次验收合格率100%80%1111管理不够到位",
        "效益指标社会效益指标群众满意度≥90%95%2020"]) + "\n"
    table = read_indicator_stream(DocView.build(text_doc(text)), 0, 10 ** 9)
    assert table is not None and len(table.rows) == 4
    assert all(r.score is None or r.score <= 100 for r in table.rows)
    assert all(r.weight is None or r.score is None or r.score <= r.weight for r in table.rows)


def test_a_header_the_page_break_repeated_continues_the_table() -> None:
    """A PDF's form over two pages prints its header again at the top of the second (Word's repeated header
    row): the rows go on; a header inside a page starts another table."""
    head = "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施"
    p1 = HEAD + head + "\n产出指标 数量指标 养护里程 320公里 326公里 20 20\n质量指标 合格率 100% 100% 20 20\n"
    p2 = (head + "\n效益指标 社会效益指标 出行条件 改善 改善 30 30\n"
          "满意度指标 服务对象满意度指标 群众满意度 90% 96% 30 30\n总分 100 100\n")
    doc = ExtractedDocument(format="pdf", pages=[Page(number=1, text=p1), Page(number=2, text=p2)], engine="test")
    table = read_indicator_stream(DocView.build(doc), 0, 10 ** 9)
    assert table is not None and [r.level3 for r in table.rows] == ["养护里程", "合格率", "出行条件", "群众满意度"]
    one_page = text_doc(p1 + p2)
    table = read_indicator_stream(DocView.build(one_page), 0, 10 ** 9)
    assert table is not None and [r.level3 for r in table.rows] == ["养护里程", "合格率"]


def test_a_level_label_wrapped_below_its_row_completes_that_row() -> None:
    """'社会效益 | 财政工作运行效率 …' then a line '指标': the narrow level cell's last word printed under the row."""
    text = HEAD + """一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标 数量指标 服务对象人数 100人次 100人次 30 30
效益指标 社会效益 财政工作运行效率 ≥80% ≥80% 40 40
指标
满意度指标 服务对象满意度指标 受益群体满意度 90% 90% 30 30
总分 100 100
"""
    table = read_indicator_stream(DocView.build(text_doc(text)), 0, 10 ** 9)
    assert table is not None and len(table.rows) == 3
    assert (table.rows[1].level1, table.rows[1].level2) == ("效益指标", "社会效益指标")
    assert (table.rows[2].level1, table.rows[2].level2) == ("满意度指标", "服务对象满意度指标")


def test_an_html_table_whose_rows_lost_their_merged_cells(tmp_path) -> None:
    """A page's table whose merged cells were dropped rather than spread (each row starts at its first own
    cell, so '数量指标 | 培训…' sits under '一级指标'): the grid misreads the short rows; the rows' text does not."""
    from selfeval.extract import extract_file

    rows = [
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"],
        ["产出指标", "数量指标", "开展农技培训", "12期", "12期", "10"],
        ["数量指标", "发放技术手册", "800册", "820册", "20"],
        ["时效指标", "培训按期完成率", "100%", "100%", "10"],
        ["效益指标", "社会效益指标", "农户技术掌握率", "≥85%", "88%", "20"],
        ["社会效益指标", "带动增收户数", "300户", "310户", "20"],
        ["满意度指标", "服务对象满意度指标", "参训农户满意度", "≥90%", "93%", "10"],
        ["总分", "100分"],
    ]
    table = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    page = ("<html><head><meta charset='utf-8'></head><body><p>黎平县农业农村局2023年度农技推广项目支出绩效自评表</p>"
            "<p>单位名称:黎平县农业农村局</p><table border='1'>" + table + "</table></body></html>")
    path = tmp_path / "form.html"
    path.write_text(page, encoding="utf-8")
    u = understand(extract_file(path))
    rec = u.reports[u.principal]
    assert rec.fields.get("indicator_count") == 6
    assert [i.level3 for i in rec.indicators][:2] == ["开展农技培训", "发放技术手册"]


# a PDF of a form typed as spaced rows: its prose and its longest rows run to the right margin, so a header cell
# ('未完' / '成原因分析') and a row's last cell ('…拨付到' / '各村委会账户。') continue on the next line
PDF_WRAPPED = """某县2023年度项目支出绩效自评表
资金构成(元) 年初预算数 全年预算数 执行数 分值 执行率(%) 得分
资金总额: 360,000.00 360,000.00 342,000.00 10.00 95 9.5
年度目标 年度目标完成情况
用于全县农村人居环境整治 完成 18 个行政村的垃圾清运设施配置,经费由县财政拨付到各
村委会账户,年度目标基本完成。
一级指标 二级指标 三级指标 指标性质 年度指标值 度量单位 实际完成值 完成率 分值 得分 未完
成原因分析
产出指标 数量指标 配置垃圾清运设施村数 18 18 100.00% 20.00 20 清运经费由县财政拨付到
各村委会账户。
产出指标 质量指标 设施验收合格率 100 % 100 100.00% 20.00 20
效益指标 生态效益指标 村庄垃圾集中处理率 90 % 93 100.00% 30.00 30
满意度指标 服务对象满意度 村民满意度 90 % 92 100.00% 20.00 20
合计 100.00 99.5
"""


def test_a_pdf_row_the_right_margin_cut_is_one_row() -> None:
    doc = ExtractedDocument(format="pdf", pages=[Page(number=1, text=PDF_WRAPPED)], engine="pdfplumber")
    st = read_indicator_stream(DocView.build(doc), 0, len(DocView.build(doc).norm))
    assert st is not None and len(st.rows) == 4
    u = understand(doc)
    rec = u.reports[u.principal]
    assert rec.fields.get("indicator_count") == 4
    assert rec.indicators[0].level3 == "配置垃圾清运设施村数"


def test_a_pdf_space_inside_a_level_labels_points_keeps_the_label_whole() -> None:
    """A PDF's text puts a space between a figure and its unit ('产出指标(50 分)'): the two pieces are one level
    label, not a row named '分)'."""
    text = HEAD + """一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标(50 分) 数量指标 开展结对交流活动 ≥3次 3 10 10
质量指标 特派员创业能力提升 能力提升 达成预期 20 20
效益指标(30 分) 社会效益指标 巩固脱贫成果 巩固成果 达成预期 30 30
满意度指标(20 分) 满意度指标 群众满意度 ≥90% 95% 20 20
总分 100 100
"""
    doc = ExtractedDocument(format="pdf", pages=[Page(number=1, text=text)], engine="pdfplumber")
    view = DocView.build(doc)
    st = read_indicator_stream(view, 0, len(view.norm))
    assert st is not None and [r.level3 for r in st.rows] == ["开展结对交流活动", "特派员创业能力提升", "巩固脱贫成果",
                                                              "群众满意度"]


def test_the_total_row_glued_to_the_last_rows_score_is_no_row() -> None:
    """A form run into one line ('… 群众满意度 ≥90百分比 93 10 10 总分 100 97.81'): the normaliser glues '10总分';
    the last row keeps its score and the 总分 row ends the table, it is no indicator."""
    text = ("附件3: 项目支出绩效自评表 (2022年度) 项目名称 农村人居环境整治提升项目 主管部门 某镇人民政府 项目资金 (万元) 年初预算数 "
            "全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 120 136.5 133.86 10 98.07% 9.81 绩效指标 一级指标 二级指标 三级指标 "
            "年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 产出指标(50分) 数量指标 村庄清洁行动覆盖行政村数 ≥11个 11 10 10 "
            "农村户厕问题整改数 ≥85户 88 10 10 满意度指标(10分) 满意度指标 群众满意度 ≥90百分比 93 10 10 总分 100 97.81\n")
    rows = [i.level3 for i in understand(text_doc(text)).reports[0].indicators]
    assert rows and not any("总分" in (r or "") for r in rows), rows
    assert rows[-1].startswith("群众满意度")
