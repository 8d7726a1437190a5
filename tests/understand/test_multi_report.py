"""Documents holding several reports (a county's package of units' reports, a unit's forms before its report, a
workbook whose project sheet comes first, a 决算 whose section holds the unit's forms), built as real DOCX, XLSX
and text files by a probe of the genre's shapes (tests/understand/multi/expected.json names each one's reports).
The contract: one report per report the document holds, each with its own figures; the top-level fields are the
principal report's (the unit's own), never a fragment's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selfeval.extract import extract_file
from selfeval.payload import report_payload
from selfeval.understand import understand

HERE = Path(__file__).with_name("multi")
EXPECTED = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
KEYS = ("department", "fiscal_year", "expenditure_total_wan", "self_score")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_report_of_a_multi_report_document_and_its_principal(name: str) -> None:
    want = EXPECTED[name]
    doc = extract_file(HERE / name)
    u = understand(doc, {"file_name": name})
    payload = report_payload(doc, u, {"file_name": name})
    got = [{k: r["fields"].get(k) for k in KEYS} for r in payload["reports"]]
    expected = [{k: r[k] for k in KEYS} for r in want["reports"]]
    assert sorted(map(str, got)) == sorted(map(str, expected)), got
    principal = want["reports"][want["principal"]]
    assert {k: payload["fields"].get(k) for k in KEYS} == {k: principal[k] for k in KEYS}


def test_a_pages_headline_over_its_one_form_is_one_report() -> None:
    """A TRS page whose headline names the unit ('开阳县民政局2023年度部门整体支出绩效自评表') over the form's own
    title ('2023年度部门整体支出绩效自评表'): one report, not the same form twice."""
    path = HERE / "headline_over_form.html"
    u = understand(extract_file(path), {"file_name": path.name})
    assert len(u.reports) == 1, [r.fields.get("title") for r in u.reports]
    f = u.reports[0].fields
    assert (f["department"], f["expenditure_total_wan"], f["self_score"], f["grade"]) == ("开阳县民政局", 4800.43, 95.2, "优")


def test_a_word_pdf_with_a_running_head_a_cover_date_and_a_form_over_pages() -> None:
    """A report as Word exports it (LibreOffice): a cover dated '2024年4月', the unit's name as the running head of
    every page, the 落款 '2024年4月3日', then the 自评表 on landscape pages, its grid running over a page break under a
    repeated header row. The form's 22 indicators are one table (the running head above the continued grid is no
    table title), and the report's date is the closing's, written in full."""
    path = HERE / "running_head_split_form.pdf"
    u = understand(extract_file(path), {"file_name": path.name})
    f = u.reports[0].fields
    assert (f["indicator_count"], f["report_date"], f["self_score"], f["expenditure_total_wan"]) == (22, "2024-04-03", 96.07,
                                                                                                        3008.46), f


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                if v is not None:
                    ws.write(i, j, v)
    wb.close()
    return path


def _form(title: str, unit_label: str, unit: str, figures: list[object], score: float) -> list[list[object]]:
    return [
        [title], ["（2023年度）"], [unit_label, unit],
        ["年度预算申请", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", *figures, 10, "96.15%", 9.6],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["产出指标", "数量指标", "培训农民人数", ">=500人", "520人", 20, 20],
        ["效益指标", "社会效益指标", "农民增收", "提高", "提高", 20, 18],
        ["满意度指标", "服务对象满意度", "群众满意度", ">=90%", "95%", 10, 10],
        ["总分", None, None, None, None, 100, score],
    ]


def test_a_workbooks_cover_sheet_opens_the_form_after_it(tmp_path: Path) -> None:
    """A 自评表 workbook whose first sheet is a cover (the form's title, 单位名称（盖章）, 填报日期) and whose next
    sheets are the unit's 整体 form and a project's form: two reports, the cover's date and title with the 整体 form,
    not an empty report of the cover."""
    path = _workbook(tmp_path / "forms.xlsx", {
        "封面": [[None], ["2023年度部门整体支出绩效自评表"], [None], ["单位名称（盖章）：溆浦县农业农村局"],
                 ["填报日期：2024年3月15日"]],
        "整体": _form("部门整体支出绩效自评表", "部门名称", "溆浦县农业农村局", [1200.5, 1300.2, 1250.1], 94.6),
        "项目": _form("项目支出绩效自评表", "项目名称", "高标准农田建设项目", [300, 320, 310.5], 92.5),
    })
    u = understand(extract_file(path), {"file_name": path.name})
    got = [(r.fields["title"], r.fields.get("report_date"), r.fields["expenditure_total_wan"], r.fields["self_score"])
           for r in u.reports]
    assert got == [("2023年度部门整体支出绩效自评表", "2024-03-15", 1250.1, 94.6),
                   ("项目支出绩效自评表", None, 310.5, 92.5)], got
    assert u.reports[0].fields["department"] == "溆浦县农业农村局"


def test_a_form_continued_over_pages_has_each_value_on_the_page_it_is_printed() -> None:
    """The same PDF's form runs from page 4 to page 5; its 总分 row is printed on page 5. Each value's evidence is a
    span of the page that prints it (the extractor joins the grid onto its first page; the rows after the break are
    found on theirs), never an empty span or the same figure elsewhere."""
    path = HERE / "running_head_split_form.pdf"
    doc = extract_file(path)
    u = understand(doc, {"file_name": path.name})
    r = u.reports[0]
    for name, ev in r.evidence.items():
        assert ev.snippet and doc.pages[ev.page - 1].text[ev.start:ev.end] == ev.snippet, (name, ev)
    score = r.evidence["self_score"]
    assert "96.07" in score.snippet and "总分" in doc.pages[score.page - 1].text, score
