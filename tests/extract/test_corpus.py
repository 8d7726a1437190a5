"""Every corpus rendering: text similarity against its seed, tables with the right cells."""

from __future__ import annotations

import re

import pytest
from selfeval.extract import Limits, extract_file
from selfeval.textnorm import is_radical

from .conftest import CORPUS, seed_text, similarity

SEEDS = [f"seed_{i:03d}" for i in range(5)]
TEXT_RENDERINGS = [(s, ext) for s in SEEDS for ext in ("docx", "pdf", "html")]
DOC_RENDERINGS = [(s, "doc") for s in SEEDS]


def _row(table: list[list[str]], label: str) -> list[str]:
    """First row of a table that has a cell equal to (or starting with) `label`."""
    for row in table:
        if any(c.strip() == label or c.strip().startswith(label) for c in row):
            return row
    raise AssertionError(f"no row {label!r}")


def _all_rows(doc) -> list[list[str]]:
    return [r for t in doc.tables for r in t]


def _clean_output(doc) -> None:
    assert "(cid:" not in doc.text
    assert not any(is_radical(c) for c in doc.text)
    assert "\r" not in doc.text


@pytest.mark.parametrize(("seed", "ext"), TEXT_RENDERINGS, ids=lambda v: str(v))
def test_text_renderings_match_seed(seed: str, ext: str) -> None:
    doc = extract_file(CORPUS / f"{seed}.{ext}")
    assert doc.format == ext
    ratio = similarity(seed_text(seed), doc.text)
    assert ratio >= 0.98, f"{seed}.{ext}: similarity {ratio:.4f}"
    _clean_output(doc)


@pytest.mark.soffice
@pytest.mark.parametrize(("seed", "ext"), DOC_RENDERINGS, ids=lambda v: str(v))
def test_legacy_doc_via_libreoffice(seed: str, ext: str) -> None:
    doc = extract_file(CORPUS / f"{seed}.{ext}")
    assert doc.format == "doc"
    assert similarity(seed_text(seed), doc.text) >= 0.98
    assert doc.meta["convert_s"] > 0
    assert "libreoffice" in doc.engine


def test_pdf_pages_and_footers() -> None:
    doc = extract_file(CORPUS / "seed_000.pdf")
    assert doc.page_count == 12
    assert [p.number for p in doc.pages] == list(range(1, 13))
    assert "— 3 —" in doc.pages[2].text
    assert doc.meta["scanned"] is False
    assert doc.engine.startswith("selfeval-extract")


def test_html_metadata() -> None:
    doc = extract_file(CORPUS / "seed_000.html")
    assert doc.title_hint == "县乡村振兴局2023年度整体支出绩效自评报告"
    assert doc.meta["publish_date"] == "2024-06-12 10:26"
    # the article with the page's metadata line before it (发布时间, 信息来源), never the navigation or footer
    assert doc.text.index("发布时间") < doc.text.index("绩效自评报告")
    assert "首页" not in doc.text.split("发布时间")[0]


def test_html_gb18030_bytes_with_gb2312_meta() -> None:
    doc = extract_file(CORPUS / "seed_002.html")
    assert doc.meta["encoding"] == "gb18030"
    assert "·" in doc.text and "・" not in doc.text


def test_html_word_tables() -> None:
    doc = extract_file(CORPUS / "seed_001.html")
    rows = _all_rows(doc)
    assert "罗翔" in _row(rows, "联系人")
    assert "联系人\t罗翔" in doc.text


def test_docx_tables_in_text_and_tables() -> None:
    doc = extract_file(CORPUS / "seed_001.docx")
    assert doc.page_count == 1
    rows = _all_rows(doc)
    assert "罗翔" in _row(rows, "联系人")
    assert "43" in _row(rows, "人员编制")
    assert re.search(r"联系人\t罗翔\t联系电话\t18874362937", doc.text)
    widths = {len(r) for t in doc.tables for r in t}
    assert all(len({len(r) for r in t}) == 1 for t in doc.tables), widths  # rectangular grids


def test_pdf_ruled_tables_seed_001() -> None:
    doc = extract_file(CORPUS / "seed_001.pdf")
    rows = _all_rows(doc)
    assert "罗翔" in _row(rows, "联系人")
    assert "1,478.93" in _row(rows, "局机关及二级机构汇总") or any("1,478.93" in c for r in rows for c in r)
    assert doc.pages[0].tables, "page 1 has ruled tables"
    assert not doc.pages[7].tables, "narrative page has none"


@pytest.mark.parametrize("ext", ["xlsx", "xls"])
def test_self_eval_table_seed_001(ext: str) -> None:
    doc = extract_file(CORPUS / f"seed_001.table.{ext}")
    assert doc.format == ext
    assert [p.name for p in doc.pages] == ["整体支出绩效自评表", "基础数据表"]
    sheet1 = doc.pages[0].tables[0]
    total = _row(sheet1, "年度资金总额")
    assert "873.72" in total and "1478.93" in total
    assert "99.5" in _row(sheet1, "绩效自评综合得分")
    assert "优" in _row(sheet1, "评价等次")
    summary_rows = [r for r in doc.pages[1].tables[0] if r[0] == "局机关及二级机构汇总"]
    assert any(r[1:4] == ["1478.93", "830.35", "721.65"] for r in summary_rows), summary_rows
    # merged header cell resolved: the label covers the rows below it
    assert _row(sheet1, "其中：当年财政拨款")[0] == "年度预算资金（万元）"
    assert "1478.93" in doc.pages[0].text and "1478.9300" not in doc.pages[0].text


@pytest.mark.parametrize("ext", ["xlsx", "xls"])
def test_self_eval_table_seed_004_percent_cells(ext: str) -> None:
    doc = extract_file(CORPUS / f"seed_004.table.{ext}")
    sheet = doc.pages[0].tables[0]
    total = _row(sheet, "年度资金总额")
    assert total[3:6] == ["1429.07", "4068.67", "3551.83"]
    assert "87.30%" in total
    assert "88.27%" in _row(sheet, "其中：项目支出")
    assert "89.73" in _row(sheet, "综合得分")


def test_self_eval_table_pdf() -> None:
    doc = extract_file(CORPUS / "seed_001.table.pdf")
    rows = _all_rows(doc)
    total = _row(rows, "年度资金总额")
    assert "873.72" in total and "1,478.93" in total
    assert "99.5" in _row(rows, "绩效自评综合得分")
    assert "优" in _row(rows, "评价等次")
    # the indicator table runs over the page break and is joined into one table
    assert doc.meta["tables_joined_across_pages"] >= 1
    ind = next(t for t in doc.tables if any("指标1：做好脱贫稳定工作" in c for r in t for c in r))
    assert any("社会公众或服务对象" in c for r in ind for c in r)


def test_self_eval_table_pdf_seed_004() -> None:
    doc = extract_file(CORPUS / "seed_004.table.pdf")
    rows = _all_rows(doc)
    assert "87.30%" in _row(rows, "年度资金总额")
    assert "89.73" in doc.text


@pytest.mark.ocr
def test_scanned_pdf_ocr_two_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELFEVAL_OCR", "1")
    monkeypatch.setenv("SELFEVAL_OCR_ENGINE", "tesseract")  # both engines on a scan: test_ocr.py
    doc = extract_file(CORPUS / "seed_000.scanned.pdf", limits=Limits(ocr_max_pages=2))
    assert doc.ocr and doc.pages[0].ocr and doc.pages[1].ocr and not doc.pages[2].ocr
    assert doc.meta["scanned"] is True and len(doc.meta["scanned_pages"]) == 12
    assert "tesseract" in doc.engine and "chi_sim" in doc.engine
    reference = extract_file(CORPUS / "seed_000.pdf")
    for n in (0, 1):
        ratio = similarity(reference.pages[n].text, doc.pages[n].text)
        assert ratio >= 0.85, f"page {n + 1}: OCR similarity {ratio:.4f}"


def test_scanned_pdf_detected_without_ocr(no_ocr: None) -> None:
    doc = extract_file(CORPUS / "seed_000.scanned.pdf")
    assert doc.meta["scanned"] is True
    assert doc.meta["scanned_pages"] == list(range(1, 13))
    assert not doc.ocr
    assert any("OCR disabled" in w for w in doc.warnings)


def test_pdf_table_continuation_without_left_columns() -> None:
    """seed_004.table.pdf: the indicator table's left labels have no closing rule on page 2."""
    doc = extract_file(CORPUS / "seed_004.table.pdf")
    assert doc.meta["tables_joined_across_pages"] == 1
    assert not doc.pages[1].tables
    table = doc.pages[0].tables[0]
    assert len({len(r) for r in table}) == 1
    assert "89.73" in _row(table, "综合得分")
    assert _row(table, "按时发放离任村干补贴")[3].startswith("按时发放")


def test_pdf_tables_match_pdfplumber_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDFium-geometry tables equal pure pdfplumber's on the corpus table PDFs."""
    for name in ("seed_001.table.pdf", "seed_004.table.pdf", "seed_001.pdf"):
        fast = extract_file(CORPUS / name)
        monkeypatch.setenv("SELFEVAL_PDF_TABLES", "pdfplumber")
        ref = extract_file(CORPUS / name)
        monkeypatch.delenv("SELFEVAL_PDF_TABLES")
        assert ref.meta["table_engine"] == "pdfplumber" and fast.meta["table_engine"] == "pdfium"
        squash = [[[re.sub(r"\s+", "", c) for c in r] for r in t] for t in fast.tables]
        squash_ref = [[[re.sub(r"\s+", "", c) for c in r] for r in t] for t in ref.tables]
        assert squash == squash_ref, name


@pytest.mark.soffice
def test_kingsoft_names(tmp_path) -> None:
    """A Word-binary .wps goes through LibreOffice as .doc; an .et workbook is read by calamine."""
    import shutil

    wps, et = tmp_path / "报告.wps", tmp_path / "自评表.et"
    shutil.copyfile(CORPUS / "seed_000.doc", wps)
    shutil.copyfile(CORPUS / "seed_001.table.xls", et)
    doc = extract_file(wps)
    assert doc.format == "wps" and similarity(seed_text("seed_000"), doc.text) >= 0.98
    sheet = extract_file(et)
    assert sheet.format == "et" and "1478.93" in _row(sheet.pages[0].tables[0], "年度资金总额")


def test_engine_info_and_version() -> None:
    from selfeval.extract import ENGINE_VERSION, engine_info

    info = engine_info()
    assert info["engine_version"] == ENGINE_VERSION
    for key in ("pypdfium2", "pdfplumber", "python-docx", "python-calamine", "tesseract", "libreoffice"):
        assert info[key], key


def test_html_metadata_table_outside_the_article_container(tmp_path) -> None:
    """A TRS page puts its 索引号 | 发布机构 | 发布日期 | 文号 table above '.TRS_Editor': the block is kept before the
    article, so the publisher and the posting date are read; an empty 文号 cell takes no title as its number."""
    from selfeval.understand import understand

    html = ("<html><head><meta charset='gbk'></head><body><div class='crumb'>当前位置：首页 &gt; 政务公开</div>"
            "<table class='xxgk'><tr><td>索引号</td><td>11532324015211734X/2024-00123</td></tr><tr><td>发布机构</td>"
            "<td>南华县财政局</td></tr><tr><td>发布日期</td><td>2024-06-18</td></tr><tr><td>文号</td><td></td></tr></table>"
            "<div class='TRS_Editor'><p>南华县农业农村局2023年度部门整体支出绩效自评报告</p><p>一、部门基本情况</p>"
            "<p>南华县农业农村局是县人民政府工作部门。2023年全年支出合计3502.36万元，自评得分95.65分。</p>"
            + "<p>二、绩效情况。各项工作均按计划完成，群众满意度较高。</p>" * 3 + "</div><div class='footer'>版权所有</div>"
            "</body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("gbk"))
    doc = extract_file(path)
    u = understand(doc)
    assert u.page_meta.get("publish_date") == "2024-06-18" and u.page_meta.get("publisher") == "南华县财政局"
    assert u.page_meta.get("doc_no") is None
    assert u.reports[0].fields["department"] == "南华县农业农村局" and "版权所有" not in doc.text
