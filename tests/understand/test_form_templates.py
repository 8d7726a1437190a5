"""The two 财政部 self-evaluation form templates (项目支出绩效自评表 and 部门整体支出绩效自评表, 财预〔2020〕10号 layout),
filled with varied figures and served in every text shape a portal or a converter leaves them in: pipe rows,
one cell per line (with or without its bar), cells joined by spaces per row, and the whole form as one stream
of words.  Each shape must give the same budget, spending, rate, parts and total score."""

from __future__ import annotations

import random

import pytest
from selfeval.understand import understand

from .conftest import text_doc


def _project_form(a: float, b: float, c: float, score: float) -> list[list[str]]:
    return [["项目支出绩效自评表"], ["(2023年度)"], ["项目名称", "某县农村公路养护项目"],
            ["主管部门", "某县交通运输局", "实施单位", "某县公路事务中心"],
            ["项目资金(万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额", str(a), str(b), str(c), "10", f"{100 * c / b:.2f}%", f"{10 * c / b:.2f}"],
            ["", "其中:当年财政拨款", str(a), str(b), str(c), "—", "", "—"], ["", "上年结转资金", "0", "0", "0", "—", "", "—"],
            ["年度总体目标", "预期目标", "实际完成情况"], ["", "完成农村公路养护120公里", "完成农村公路养护121公里"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["", "产出指标", "数量指标", "养护里程", "≥120公里", "121公里", "50", "50", ""],
            ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "10", "10", ""],
            ["总分", "", "", "", "", "", "100", str(score), ""]]


def _department_form(a: float, b: float, c: float, basic: float, project: float, score: float) -> list[list[str]]:
    return [["部门整体支出绩效自评表"], ["(2023年度)"], ["部门(单位)名称", "某县林业局"],
            ["年度预算执行情况(万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额", str(a), str(b), str(c), "20", f"{100 * c / b:.2f}%", f"{20 * c / b:.2f}"],
            ["", "按收入性质分", "", "", "", "按支出性质分", "", ""],
            ["", "其中:一般公共预算", str(a), str(b), str(c), "其中:基本支出", str(basic), ""],
            ["", "政府性基金预算", "0", "0", "0", "项目支出", str(project), ""],
            ["年度总体目标", "预期目标", "实际完成情况"], ["", "保护森林资源", "森林覆盖率稳定"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["", "产出指标", "数量指标", "造林面积", "≥1万亩", "1.1万亩", "50", "50", ""],
            ["总分", "", "", "", "", "", "100", str(score), ""]]


SHAPES = {
    "pipe rows": lambda rows: "\n".join(" | ".join(r) + " |" for r in rows),
    "cell per line with bars": lambda rows: "\n".join(c + " |" for r in rows for c in r if c),
    "cell per paragraph": lambda rows: "\n\n".join(c for r in rows for c in r if c),
    "row per line": lambda rows: "\n".join(" ".join(c for c in r if c) for r in rows),
    "one stream of words": lambda rows: " ".join(c for r in rows for c in r if c),
}


def _figures(seed: int) -> tuple[float, float, float]:
    rnd = random.Random(seed)
    a = round(rnd.uniform(50, 900), 2)
    b = round(a * rnd.uniform(1.0, 1.4), 2)
    return a, b, round(b * rnd.uniform(0.6, 0.99), 2)


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("seed", [1, 2])
def test_the_project_form_in_every_shape(shape: str, seed: int) -> None:
    a, b, c = _figures(seed)
    f = understand(text_doc(SHAPES[shape](_project_form(a, b, c, 95.5)))).reports[0].fields
    got = (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"],
           f["self_score"])
    assert got == (a, b, c, round(100 * c / b, 2), 95.5), got


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("seed", [3, 4])
def test_the_department_form_in_every_shape(shape: str, seed: int) -> None:
    a, b, c = _figures(seed)
    basic = round(c * 0.7, 2)
    project = round(c - basic, 2)
    f = understand(text_doc(SHAPES[shape](_department_form(a, b, c, basic, project, 96.3)))).reports[0].fields
    got = (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["basic_expenditure_wan"],
           f["project_expenditure_wan"], f["self_score"])
    assert got == (a, b, c, basic, project, 96.3), got


def _write_xlsx(rows: list[list[str]], path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    for i, row in enumerate(rows):
        for j, c in enumerate(row):
            ws.write(i, j, float(c) if c.replace(".", "", 1).isdigit() else c)
    wb.close()


def _write_html(rows: list[list[str]], path) -> None:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    path.write_bytes(f'<html><head><meta charset="gbk"></head><body><table border="1">{cells}</table></body></html>'
                     .encode("gbk"))


@pytest.mark.parametrize("fmt", ["xlsx", "html"])
def test_both_forms_as_real_tables(fmt: str, tmp_path) -> None:
    """As a workbook and as a GBK HTML table the forms keep their grid: the 按支出性质分 parts are the cells after
    their labels, never the income row's own figures."""
    from selfeval.extract import extract_file

    a, b, c = _figures(5)
    basic = round(c * 0.7, 2)
    project = round(c - basic, 2)
    write = _write_xlsx if fmt == "xlsx" else _write_html
    write(_department_form(a, b, c, basic, project, 96.3), tmp_path / f"dept.{fmt}")
    write(_project_form(a, b, c, 95.5), tmp_path / f"project.{fmt}")
    u = understand(extract_file(str(tmp_path / f"dept.{fmt}")))
    f = u.reports[u.principal].fields
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"], f["basic_expenditure_wan"], f["project_expenditure_wan"],
            f["self_score"]) == (b, c, basic, project, 96.3), f
    u = understand(extract_file(str(tmp_path / f"project.{fmt}")))
    f = u.reports[u.principal].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["self_score"]) == (
        a, b, c, 95.5), f


def _transfer_form(b: float, c: float) -> list[list[str]]:
    """The central transfer payment's 区域绩效目标自评表: two amounts and the rate, no 年初 column."""
    rate = f"{100 * c / b:.2f}%"
    return [["中央对地方转移支付区域绩效目标自评表"], ["(2023年度)"], ["转移支付(项目)名称", "农村综合改革转移支付"],
            ["中央主管部门", "财政部"], ["地方主管部门", "某县财政局", "资金使用单位", "某县财政局"],
            ["资金情况(万元)", "", "全年预算数(A)", "全年执行数(B)", "预算执行率(B/A)"],
            ["", "年度资金总额:", str(b), str(c), rate],
            ["", "其中:中央财政资金", str(round(b * 0.8, 2)), str(round(c * 0.8, 2)), rate],
            ["总体目标完成情况", "总体目标", "全年实际完成情况"], ["", "完成村级公益事业建设", "已完成"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "全年实际完成值", "未完成原因分析"],
            ["", "产出指标", "数量指标", "建设项目数", "≥20个", "21个", ""]]


def _local_department_form(b: float, c: float, score: float) -> list[list[str]]:
    """A county's short 部门整体支出绩效自评表: 预算数(A) / 执行数(B) / 执行率(B/A) / 得分 on the 部门整体支出总额 row."""
    return [["2023年度部门整体支出绩效自评表"], ["单位名称:某镇人民政府", "填报日期:2024.5.18"],
            ["预算执行情况(万元)(20分)", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分(20分*执行率)"],
            ["部门整体支出总额", str(b), str(c), f"{100 * c / b:.2f}%", f"{20 * c / b:.2f}"],
            ["年度目标1:(80分)", "增强政府工作效率"],
            ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
            ["产出指标", "数量指标", "办结信访案件", "168起", "168起", "10"], ["总分", "100", str(score)]]


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_the_transfer_and_the_short_department_forms_in_every_shape(shape: str) -> None:
    _, b, c = _figures(11)
    rate = round(100 * c / b, 2)
    f = understand(text_doc(SHAPES[shape](_transfer_form(b, c)))).reports[0].fields
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) == (b, c, rate), f
    f = understand(text_doc(SHAPES[shape](_local_department_form(b, c, 96.5)))).reports[0].fields
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"], f["self_score"]) == (
        b, c, rate, 96.5), f


def test_the_forms_as_pdf_docx_and_xls_made_by_libreoffice(tmp_path) -> None:
    """The four forms as LibreOffice prints them: a PDF whose narrow cells wrap their words ('项目支出绩' / '效自评表'),
    a DOCX and a legacy XLS.  Each gives the figures its text shapes give."""
    from selfeval.eval.render import _soffice
    from selfeval.extract import extract_file
    from selfeval.extract.office import soffice_binary

    if soffice_binary() is None:
        pytest.skip("LibreOffice (soffice) not installed")
    a, b, c = _figures(21)
    basic = round(c * 0.7, 2)
    project = round(c - basic, 2)
    rate = round(100 * c / b, 2)
    forms = {
        "project": (_project_form(a, b, c, 95.5), {"budget_initial_wan": a, "budget_adjusted_wan": b,
                                                    "expenditure_total_wan": c, "execution_rate_pct": rate,
                                                    "self_score": 95.5}),
        "department": (_department_form(a, b, c, basic, project, 96.3), {
            "budget_adjusted_wan": b, "expenditure_total_wan": c, "basic_expenditure_wan": basic,
            "project_expenditure_wan": project, "self_score": 96.3}),
        "transfer": (_transfer_form(b, c), {"budget_adjusted_wan": b, "expenditure_total_wan": c,
                                            "execution_rate_pct": rate}),
        "local": (_local_department_form(b, c, 96.5), {"budget_adjusted_wan": b, "expenditure_total_wan": c,
                                                        "execution_rate_pct": rate, "self_score": 96.5}),
    }
    pages = []
    for name, (rows, _) in forms.items():
        _write_html(rows, tmp_path / f"{name}.html")
        pages.append(tmp_path / f"{name}.html")
    for fmt, args in (("pdf", ["--convert-to", "pdf:writer_web_pdf_Export"]),
                      ("docx", ["--convert-to", "docx:MS Word 2007 XML"]),
                      ("xls", ["--infilter=HTML (StarCalc)", "--convert-to", "xls"])):
        (tmp_path / fmt).mkdir()
        _soffice(args, tmp_path / fmt, pages, 300)
        for name, (_, want) in forms.items():
            u = understand(extract_file(str(tmp_path / fmt / f"{name}.{fmt}")))
            assert u.reports, (fmt, name, u.reasons)
            f = u.reports[u.principal].fields
            assert {k: f[k] for k in want} == want, (fmt, name)


COLUMN_WORDINGS = [("年初预算", "调整后预算数", "实际支出数"), ("年初预算安排", "全年预算", "全年实际支出"),
                   ("年初预算数(A)", "全年预算数(B)", "全年执行数(C)"), ("年初批复数", "预算调整后", "累计支出"),
                   ("年初预算金额", "全年预算金额", "执行金额"), ("期初预算数", "全年可用预算", "实际支付数"),
                   ("年初预算数", "调整预算数", "执行数")]


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("wording", COLUMN_WORDINGS, ids="|".join)
def test_the_budget_columns_in_other_wordings(shape: str, wording: tuple[str, str, str]) -> None:
    """Provinces word the three budget columns their own way; every wording reads in every shape."""
    a, b, c = _figures(7)
    names = dict(zip(("年初预算数", "全年预算数", "全年执行数"), wording, strict=True))
    rows = [[names.get(cell, cell) for cell in row] for row in _project_form(a, b, c, 95.5)]
    f = understand(text_doc(SHAPES[shape](rows))).reports[0].fields
    got = (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"])
    assert got == (a, b, c, round(100 * c / b, 2)), got


def test_a_workbooks_yuan_header_below_its_name_rows_converts_to_wan(tmp_path) -> None:
    """A sheet whose title, name and 主管部门 rows come first puts '项目资金(元)' in its fifth row: the amounts are
    still 元 (500 万元, not 5,000,000)."""
    from selfeval.extract import extract_file

    rows = [["项目支出绩效自评表"], ["(2023年度)"], ["项目名称", "农村公路养护专项资金"],
            ["主管部门", "某县交通运输局", "实施单位", "某县公路建设养护中心"],
            ["项目资金(元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额", "5000000", "6200000", "5985000", "10", "96.53%", "9.65"],
            ["总分", "", "", "", "", "", "100", "95.65"]]
    path = tmp_path / "form.xlsx"
    _write_xlsx(rows, path)
    f = understand(extract_file(path)).reports[0].fields
    assert (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"]) == (500, 620, 598.5), f


def test_a_sheet_of_one_column_and_a_sheet_without_a_title(tmp_path) -> None:
    """A form pasted into a sheet cell under cell (one column) is read as the text it is, not as a table of
    one column; a sheet that starts with the form's rows has no title, not its header cells joined."""
    from selfeval.extract import extract_file

    cells = ["某县文化馆2023年度项目绩效自评表", "项目名称", "群众文化活动经费", "实施单位", "某县文化馆",
             "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "产出指标", "数量指标", "举办文艺演出场次", "20场", "22场", "30", "30",
             "质量指标", "演出活动安全事故数", "0起", "0起", "20", "20",
             "效益指标", "社会效益指标", "参与群众人次", "1万人次", "1.2万人次", "30", "28",
             "满意度指标", "服务对象满意度指标", "观众满意度", "≥90%", "95%", "20", "20",
             "总分", "100", "98"]
    _write_xlsx([[c] for c in cells], tmp_path / "column.xlsx")
    rec = (u := understand(extract_file(str(tmp_path / "column.xlsx")))).reports[u.principal]
    assert rec.fields.get("indicator_count") == 4
    assert [i.level3 for i in rec.indicators] == ["举办文艺演出场次", "演出活动安全事故数", "参与群众人次", "观众满意度"]
    rows = [["项目名称", "群众文化活动经费", "", "", "", "", ""],
            ["主管部门", "某县文化和旅游局", "实施单位", "某县文化馆", "", "", ""],
            ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "40", "40", "38", "10", "95%", "9.5"],
            ["上年结转资金", "—", "—", "", "", "", ""], ["其他资金", "—", "—", "", "", "", ""],
            ["年度总体目标", "预期目标", "实际完成情况", "", "", "", ""],
            ["举办文艺演出", "举办演出20场", "举办演出22场", "", "", "", ""],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["", "产出指标", "数量指标", "演出场次", "20场", "22场", "50", "50"],
            ["", "满意度指标", "服务对象满意度指标", "观众满意度", "≥90%", "95%", "40", "38"],
            ["总分", "100", "97.5", "", "", "", ""]]
    _write_xlsx(rows, tmp_path / "untitled.xlsx")
    u = understand(extract_file(str(tmp_path / "untitled.xlsx")))
    assert u.is_self_eval and u.reports
    assert "实际完成情况" not in (u.reports[u.principal].fields.get("title") or "")


@pytest.mark.parametrize("shape", sorted(set(SHAPES) - {"one stream of words"}))
def test_a_total_label_spread_across_its_cell_ends_the_indicators(shape: str) -> None:
    """'总  分' (a Word cell's label spaced out to its width) is the total row, never one more indicator."""
    rows = _project_form(120.0, 150.0, 142.5, 95.5)
    rows[-1][0] = "总  分"
    u = understand(text_doc(SHAPES[shape](rows)))
    f = u.reports[0].fields
    assert (f["indicator_count"], f["self_score"]) == (2, 95.5), [i.name for i in u.reports[0].indicators]


@pytest.mark.parametrize("shape", sorted(set(SHAPES) - {"one stream of words"}))
def test_a_form_without_its_total_row_reads_its_first_fund_row(shape: str) -> None:
    """No 年度资金总额 row: the 当年财政拨款 row under the header is the whole fund the form scores."""
    rows = [r for r in _project_form(300.0, 350.0, 340.12, 95.5) if "年度资金总额" not in r]
    rows = [["", "当年财政拨款", *r[2:5], "10", "97.18%", "9.72"] if "其中:当年财政拨款" in r else r for r in rows]
    f = understand(text_doc(SHAPES[shape](rows))).reports[0].fields
    got = (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"])
    assert got == (300.0, 350.0, 340.12, 97.18), got


def test_a_row_label_a_narrow_cell_wrapped_in_a_form_of_one_cell_a_line() -> None:
    rows = _project_form(60.0, 75.5, 72.48, 95.5)
    text = SHAPES["cell per paragraph"](rows).replace("\n\n年度资金总额\n\n", "\n\n年度资\n金总额\n\n")
    assert "年度资\n金总额" in text
    f = understand(text_doc(text)).reports[0].fields
    got = (f["budget_initial_wan"], f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"])
    assert got == (60.0, 75.5, 72.48, 96.0), got
