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
