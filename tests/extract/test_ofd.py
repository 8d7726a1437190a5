"""OFD (GB/T 33190-2016) packages: text placed by position becomes lines, a table row TAB-separated cells,
template (header) text is included, DocInfo gives the title hint; broken packages name the part that is
wrong; an OFD in a ZIP and `selfeval extract FILE.ofd --json` work end to end.

The packages are written by `ofdwriter.OfdWriter` in the shape converters produce (OFD.xml, Document.xml
with CommonData/PageArea/PublicRes/TemplatePage, Pages/Page_N/Content.xml, PublicRes.xml, Res/ images).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from selfeval.extract import ExtractionError, Limits, extract_file, sniff_format
from selfeval.extract.ofd import deltas, extract_ofd
from selfeval.extract.sniff import is_ofd_package

from tests.conftest import CORPUS, ROOT

from .ofdwriter import BODY, NS, OfdWriter, width

TITLE = "某县农业农村局2022年度部门整体支出绩效自评报告"
LEFT = 20.0  # left margin (mm)
LEAD = 7.0  # line pitch (mm)


def _reason(path: Path, **kw) -> str:
    with pytest.raises(ExtractionError) as ei:
        extract_file(path, **kw)
    return ei.value.reason


def _member(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name).decode("utf-8")


def _report(title: str | None = TITLE) -> OfdWriter:
    """A two-page department self-evaluation report, one TextObject per line, one glyph per DeltaX step."""
    w = OfdWriter(title=title)
    p1 = w.page()
    p1.text(105 - width(TITLE, 5.5) / 2, 40, TITLE, 5.5)
    body1 = ["一、部门基本情况", "某县农业农村局内设机构6个,下属事业单位3个。",
             "二、预算执行情况", "全年预算数520万元,全年执行数510万元,预算执行率98.08%。"]
    for k, line in enumerate(body1):
        p1.text(LEFT + 2 * BODY, 55 + k * LEAD, line)
    p2 = w.page()
    body2 = ["三、绩效自评结论", "经自评,我局2022年度部门整体支出绩效自评得分95分,等级为优。", "某县农业农村局", "2023年3月15日"]
    for k, line in enumerate(body2):
        p2.text(LEFT + 2 * BODY, 30 + k * LEAD, line)
    return w


REPORT_P1 = ("某县农业农村局2022年度部门整体支出绩效自评报告\n一、部门基本情况\n某县农业农村局内设机构6个,下属事业单位3个。\n"
             "二、预算执行情况\n全年预算数520万元,全年执行数510万元,预算执行率98.08%。")
REPORT_P2 = "三、绩效自评结论\n经自评,我局2022年度部门整体支出绩效自评得分95分,等级为优。\n某县农业农村局\n2023年3月15日"


# --------------------------------------------------------------------------- text


def test_two_page_report_glyph_by_glyph(tmp_path: Path) -> None:
    path = _report().write(tmp_path / "report.ofd")
    page1 = _member(path, "Doc_0/Pages/Page_0/Content.xml")
    assert 'DeltaX="g 7 5.5 g 4 2.75 g 13 5.5"' in page1  # the title: '局' then 2022 at half an em, then CJK
    # 全年预算数 520 万元 , 全年执行数 510 万元 , 预算执行率 98.08% (。 is last)
    assert ('DeltaX="g 5 3.7 g 3 1.85 g 2 3.7 1.85 g 5 3.7 g 3 1.85 g 2 3.7 1.85 g 5 3.7 g 6 1.85"') in page1
    doc = extract_file(path)
    assert doc.format == "ofd" and doc.page_count == 2 and not doc.ocr
    assert [p.number for p in doc.pages] == [1, 2] and not any(p.ocr or p.tables for p in doc.pages)
    assert doc.pages[0].text == REPORT_P1
    assert doc.pages[1].text == REPORT_P2
    assert doc.meta["ofd_pages"] == 2 and doc.meta["text_pages"] == 2 and doc.meta["scanned_pages"] == []
    assert doc.warnings == []


def test_deltax_repeat_syntax() -> None:
    assert deltas("g 3 5.2 1 g 2 0.5", 10) == [5.2, 5.2, 5.2, 1.0, 0.5, 0.5]
    assert deltas("  g 2 3.7\n 1.85 ", 10) == [3.7, 3.7, 1.85]
    assert deltas("g 5 1", 3) == [1.0, 1.0, 1.0]  # never more steps than characters to apply them to
    assert deltas("g 1000000000 1", 4) == [1.0] * 4
    assert deltas("x 2 g", 5) == [2.0] and deltas(None, 5) == []


def test_explicit_deltas_and_deltay(tmp_path: Path) -> None:
    """DeltaX written as a mix of 'g' runs and single steps; DeltaY moving the rest of a TextCode a line down
    (a converter's two-line cell), and a negative DeltaX stepping back to the left margin."""
    w = OfdWriter()
    p = w.page()
    p.text(LEFT, 40, "预算执行率98.08%", dx="g 4 3.7 3.7 1.85 1.85 g 3 1.85 1.85")
    p.raw(f'<ofd:TextObject ID="90" Boundary="{LEFT} 50 60 20" Font="1" Size="3.7">'
          '<ofd:TextCode X="0" Y="3.2" DeltaX="g 3 3.7 -11.1 g 2 3.7" DeltaY="g 3 0 6 g 2 0">项目名称执行数</ofd:TextCode>'
          '</ofd:TextObject>')
    doc = extract_file(w.write(tmp_path / "deltas.ofd"))
    assert doc.pages[0].text == "预算执行率98.08%\n项目名称\n执行数"


def test_line_split_into_several_text_objects(tmp_path: Path) -> None:
    """Pieces of one line in separate TextObjects, written right to left and nested in PageBlocks, baselines a
    little apart: joined by position, with nothing where they touch and a space across a small gap."""
    a, b, c = "全年预算数520万元,", "全年执行数510万元,", "预算执行率98.08%。"
    xb = LEFT + width(a, BODY)
    xc = xb + width(b, BODY) + BODY  # one em of space before the third piece
    w = OfdWriter()
    p = w.page()
    p.text(xc, 60, c)
    p.raw(f'<ofd:PageBlock ID="70"><ofd:PageBlock ID="71">'
          f'<ofd:TextObject ID="72" Boundary="{xb} {60 - 0.85 * BODY} 60 5" Font="1" Size="{BODY}">'
          f'<ofd:TextCode X="0" Y="{0.85 * BODY}" DeltaX="g 5 3.7 g 3 1.85 3.7 3.7">{b}</ofd:TextCode>'
          '</ofd:TextObject></ofd:PageBlock></ofd:PageBlock>')
    p.text(LEFT, 60.4, a, block=True)  # its baseline 0.4 mm lower (another font): the same line, still first
    p.text(LEFT, 60.2, "", block=True)  # an empty TextObject is nothing
    doc = extract_file(w.write(tmp_path / "split.ofd"))
    assert doc.pages[0].text == "全年预算数520万元,全年执行数510万元, 预算执行率98.08%。"


def test_table_rows_become_tab_separated_cells(tmp_path: Path) -> None:
    """A ruled table's cells written column by column (as converters do) and a row written as one TextCode whose
    DeltaX jumps across the cell borders: each row is one line with a TAB between cells."""
    cols = (LEFT, 70.0, 110.0, 150.0)
    rows = [("项目名称", "预算数", "执行数", "得分"), ("部门整体支出", "520.00", "510.00", "95")]
    w = OfdWriter()
    p = w.page()
    p.text(LEFT, 40, "部门整体支出绩效自评表", 4.5)
    for c, x in enumerate(cols):
        for r, row in enumerate(rows):
            p.text(x, 55 + r * 8, row[c])
    # the total row as a single TextCode: 合计 | 520.00 | 510.00 | 95
    steps = ["3.7", f"{cols[1] - LEFT - 3.7:g}", "g 5 1.85", f"{cols[2] - cols[1] - 5 * 1.85:g}", "g 5 1.85",
             f"{cols[3] - cols[2] - 5 * 1.85:g}", "1.85"]
    p.text(LEFT, 71, "合计520.00510.0095", dx=" ".join(steps))
    doc = extract_file(w.write(tmp_path / "table.ofd"))
    assert doc.pages[0].text == ("部门整体支出绩效自评表\n项目名称\t预算数\t执行数\t得分\n部门整体支出\t520.00\t510.00\t95\n"
                                 "合计\t520.00\t510.00\t95")


def test_letter_spaced_title_is_not_a_table(tmp_path: Path) -> None:
    """A title spread with two-em steps (evenly spaced characters) keeps its characters together."""
    w = OfdWriter()
    w.page().text(60, 30, "绩效自评报告", 6.0, dx="g 5 12").text(60, 45, "单位名称:").text(120, 45, "某县农业农村局")
    doc = extract_file(w.write(tmp_path / "spaced.ofd"))
    assert doc.pages[0].text == "绩效自评报告\n单位名称:\t某县农业农村局"


def test_template_page_text_is_included(tmp_path: Path) -> None:
    """A header and footer drawn by the TemplatePage every page names come out at their places on each page."""
    w = OfdWriter()
    tid, tpl = w.template()
    tpl.text(LEFT, 15, "某县人民政府信息公开", 3.2).text(95, 285, "某县财政局制", 3.2)
    w.page().template(tid).text(LEFT, 40, "一、部门基本情况")
    w.page().template(tid).text(LEFT, 40, "二、预算执行情况")
    path = w.write(tmp_path / "template.ofd")
    assert 'TemplatePage ID="' in _member(path, "Doc_0/Document.xml")
    assert f'<ofd:Template TemplateID="{tid}"' in _member(path, "Doc_0/Pages/Page_1/Content.xml")
    doc = extract_file(path)
    assert [p.text for p in doc.pages] == ["某县人民政府信息公开\n一、部门基本情况\n某县财政局制",
                                           "某县人民政府信息公开\n二、预算执行情况\n某县财政局制"]


def test_undeclared_template_is_a_warning(tmp_path: Path) -> None:
    w = OfdWriter()
    w.page().template("404").text(LEFT, 40, "一、部门基本情况")
    doc = extract_file(w.write(tmp_path / "notpl.ofd"))
    assert doc.pages[0].text == "一、部门基本情况"
    assert doc.warnings == ["page 1: template '404' is not declared in 'Doc_0/Document.xml'"]


def test_ctm_scales_the_object(tmp_path: Path) -> None:
    """Size and positions in points under a CTM that maps points to millimetres."""
    pt = 25.4 / 72
    w = OfdWriter()
    w.page().raw(f'<ofd:TextObject ID="80" Boundary="{LEFT} 50 100 10" CTM="{pt:.6f} 0 0 {pt:.6f} 0 0" Size="10.5">'
                 '<ofd:TextCode X="0" Y="9" DeltaX="g 5 10.5">预算执行情况</ofd:TextCode></ofd:TextObject>'
                 f'<ofd:TextObject ID="81" Boundary="{LEFT + 6 * 10.5 * pt:.4f} 50 20 10" CTM="{pt:.6f} 0 0 {pt:.6f} 0 0" '
                 'Size="10.5"><ofd:TextCode X="0" Y="9.1" DeltaX="10.5">良好</ofd:TextCode></ofd:TextObject>'
                 f'<ofd:TextObject ID="82" Boundary="{LEFT} 56 100 10" Size="3.7">'
                 '<ofd:TextCode X="0" Y="3.2">下一行</ofd:TextCode></ofd:TextObject>')
    doc = extract_file(w.write(tmp_path / "ctm.ofd"))
    assert doc.pages[0].text == "预算执行情况良好\n下一行"


def test_title_hint_and_producer(tmp_path: Path) -> None:
    doc = extract_file(_report().write(tmp_path / "a.ofd"))
    assert doc.title_hint == TITLE
    assert doc.meta["creator"] == "Suwell OFD Writer 3.0" and doc.meta["ofd_version"] == "1.0"
    assert doc.engine.endswith("selfeval-ofd 1 (defusedxml 0.7.1); producer Suwell OFD Writer 3.0")
    assert extract_file(_report(title=TITLE + ".docx").write(tmp_path / "b.ofd")).title_hint == TITLE
    assert extract_file(_report(title="untitled").write(tmp_path / "c.ofd")).title_hint is None
    assert extract_file(_report(title=None).write(tmp_path / "d.ofd")).title_hint is None


def test_member_names_are_tolerated(tmp_path: Path) -> None:
    """DocRoot with a leading '/', BaseLocs with backslashes and members stored in another case."""
    w = _report()
    parts = w.parts()
    ofd = parts["OFD.xml"].decode().replace(">Doc_0/Document.xml<", ">/Doc_0/Document.xml<")
    document = (parts["Doc_0/Document.xml"].decode()
                .replace('BaseLoc="Pages/Page_0/Content.xml"', 'BaseLoc="Pages\\Page_0\\Content.xml"')
                .replace('BaseLoc="Pages/Page_1/Content.xml"', 'BaseLoc="/Doc_0/Pages/Page_1/Content.xml"'))
    path = w.write(tmp_path / "names.ofd", replace={"OFD.xml": ofd, "Doc_0/Document.xml": document},
                   rename={"Doc_0/Pages/Page_0/Content.xml": "DOC_0/pages/PAGE_0/content.XML", "OFD.xml": "ofd.xml"})
    doc = extract_file(path)
    assert [p.text for p in doc.pages] == [REPORT_P1, REPORT_P2] and doc.warnings == []


@pytest.mark.parametrize("style", ["default namespace", "no namespace"])
def test_elements_without_prefix(tmp_path: Path, style: str) -> None:
    w = _report()
    new_decl = f' xmlns="{NS}"' if style == "default namespace" else ""
    parts = {name: data.decode().replace(f' xmlns:ofd="{NS}"', new_decl).replace("ofd:", "")
             for name, data in w.parts().items() if name.endswith(".xml")}
    assert "ofd:" not in parts["Doc_0/Pages/Page_0/Content.xml"]
    assert (f'xmlns="{NS}"' in parts["OFD.xml"]) == (style == "default namespace")
    doc = extract_file(w.write(tmp_path / "plain.ofd", replace=parts))
    assert [p.text for p in doc.pages] == [REPORT_P1, REPORT_P2] and doc.title_hint == TITLE


# --------------------------------------------------------------------------- sniffing and archives


def test_sniffed_as_ofd_whatever_the_name(tmp_path: Path) -> None:
    path = _report().write(tmp_path / "report.zip")
    assert sniff_format(path.read_bytes(), "report.zip") == "ofd"
    doc = extract_file(path)
    assert doc.format == "ofd" and doc.meta["claimed_extension"] == "zip"
    assert is_ofd_package(["Doc_0/Document.xml", "/OFD.xml"]) and is_ofd_package(["ofd.XML"])
    assert is_ofd_package(["\\OFD.xml"]) and not is_ofd_package(["reports/OFD.xml", "OFD.xml.bak"])


def test_ofd_inside_a_zip(tmp_path: Path) -> None:
    ofd = _report().write(tmp_path / "r.ofd").read_bytes()
    archive = tmp_path / "attachments.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("附件1 部门整体支出绩效自评报告.ofd", ofd)
        zf.writestr("说明.txt", "附件为OFD版式文件。".encode())
    doc = extract_file(archive)
    assert doc.format == "zip" and "ofd" in doc.engine
    assert [(p.name, p.text) for p in doc.pages] == [
        ("附件1 部门整体支出绩效自评报告.ofd", REPORT_P1), ("附件1 部门整体支出绩效自评报告.ofd", REPORT_P2),
        ("说明.txt", "附件为OFD版式文件。")]
    assert doc.meta["members"][0] == {"name": "附件1 部门整体支出绩效自评报告.ofd", "format": "ofd", "pages": 2,
                                      "ocr": False}


# --------------------------------------------------------------------------- broken and hostile packages


def test_missing_docroot_member_names_it(tmp_path: Path) -> None:
    path = _report().write(tmp_path / "nodoc.ofd", drop=("Doc_0/Document.xml",))
    assert _reason(path) == "broken OFD: DocRoot 'Doc_0/Document.xml' (in OFD.xml) is not in the package"


def test_missing_ofd_xml(tmp_path: Path) -> None:
    path = _report().write(tmp_path / "noroot.ofd", drop=("OFD.xml",))
    with pytest.raises(ExtractionError, match="^not an OFD package: no OFD.xml at the root$"):
        extract_ofd(path, Limits())


@pytest.mark.parametrize("member", ["OFD.xml", "Doc_0/Document.xml"])
def test_malformed_structure_xml_names_the_member(tmp_path: Path, member: str) -> None:
    w = _report()
    broken = w.parts()[member].rsplit(b"</", 1)[0]  # the root element is never closed
    reason = _reason(w.write(tmp_path / "broken.ofd", replace={member: broken}))
    assert reason.startswith(f"malformed XML in OFD part '{member}': no element found: line 2"), reason


def test_malformed_page_costs_that_page_only(tmp_path: Path) -> None:
    w = _report()
    page2 = "Doc_0/Pages/Page_1/Content.xml"
    doc = extract_file(w.write(tmp_path / "p2.ofd", replace={page2: w.parts()[page2].replace(b"</ofd:Layer>", b"")}))
    assert [p.text for p in doc.pages] == [REPORT_P1, ""]
    assert len(doc.warnings) == 1
    assert doc.warnings[0].startswith(f"page 2: malformed XML in OFD part '{page2}': mismatched tag: line 2"), doc.warnings


def test_no_readable_page_is_an_error_naming_the_member(tmp_path: Path) -> None:
    w = OfdWriter()
    w.page().text(LEFT, 40, TITLE)
    page = "Doc_0/Pages/Page_0/Content.xml"
    reason = _reason(w.write(tmp_path / "bad.ofd", replace={page: "<ofd:Page><ofd:Content>"}))
    assert reason.startswith(f"no readable OFD page: page 1: malformed XML in OFD part '{page}'"), reason
    reason = _reason(w.write(tmp_path / "gone.ofd", drop=(page,)))
    assert reason == ("no readable OFD page: page 1: page part 'Pages/Page_0/Content.xml' "
                      "(BaseLoc in 'Doc_0/Document.xml') is not in the package")


def test_dtd_is_refused(tmp_path: Path) -> None:
    w = _report()
    page = "Doc_0/Pages/Page_0/Content.xml"
    laughs = ('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              + w.parts()[page].decode().split("?>", 1)[1].replace("一、部门基本情况", "&b;"))
    assert _reason(w.write(tmp_path / "laughs.ofd", replace={page: laughs})).startswith(
        f"XXE: DTD/entity declaration in OFD part '{page}'")


def test_page_and_size_limits(tmp_path: Path) -> None:
    path = _report().write(tmp_path / "r.ofd")
    assert _reason(path, limits=Limits(max_pages=1)) == "too many pages: 2 > limit 1"
    assert _reason(path, limits=Limits(max_zip_members=3)) == "zip bomb: 5 members > limit 3 in ofd"
    # a page part listed 50 times reads its bytes 50 times: the running budget stops it
    w = OfdWriter()
    w.page().text(LEFT, 40, "全年预算数520万元" * 3000)
    parts = w.parts()
    listing = '<ofd:Page ID="9" BaseLoc="Pages/Page_0/Content.xml"/>' * 50
    doc_xml = parts["Doc_0/Document.xml"].decode().replace("<ofd:Pages>", "<ofd:Pages>" + listing)
    reason = _reason(w.write(tmp_path / "repeat.ofd", replace={"Doc_0/Document.xml": doc_xml}),
                     limits=Limits(max_unzipped_mb=5))
    assert reason.startswith("zip bomb: member 'Doc_0/Pages/Page_0/Content.xml' inflates beyond"), reason


def test_huge_repeat_count_is_harmless(tmp_path: Path) -> None:
    w = OfdWriter()
    w.page().text(LEFT, 40, "自评得分95分", dx="g 1000000000000 3.7")
    t0 = time.monotonic()
    doc = extract_file(w.write(tmp_path / "g.ofd"))
    assert doc.pages[0].text == "自评得分95分" and time.monotonic() - t0 < 5


# --------------------------------------------------------------------------- scanned pages


def _png(image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture(scope="module")
def scan_ofd(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """(an OFD whose one page is a 300-dpi scan of the upper half of seed_001.pdf page 2, that region's text)."""
    import pypdfium2 as pdfium

    crop_pt = 300
    doc = pdfium.PdfDocument(str(CORPUS / "seed_001.pdf"))
    page = doc[1]
    w_pt, h_pt = page.get_size()
    textpage = page.get_textpage()
    truth = textpage.get_text_bounded(left=0, bottom=h_pt - crop_pt, right=w_pt, top=h_pt)
    image = page.render(scale=300 / 72.0, grayscale=True).to_pil()
    image = image.crop((0, 0, image.width, round(crop_pt * 300 / 72.0)))
    textpage.close()
    page.close()
    doc.close()
    mm = 25.4 / 72
    w = OfdWriter(page_size=(w_pt * mm, crop_pt * mm))
    rid = w.add_image(_png(image))
    w.page().image(rid, 0, 0, w_pt * mm, crop_pt * mm)
    return w.write(tmp_path_factory.mktemp("ofdscan") / "scan.ofd"), truth


def test_scanned_page_without_ocr_is_reported(scan_ofd: tuple[Path, str], no_ocr: None) -> None:
    doc = extract_file(scan_ofd[0])
    assert [p.text for p in doc.pages] == [""] and not doc.ocr
    assert doc.meta["scanned"] is True and doc.meta["scanned_pages"] == [1]
    assert doc.warnings == ["scanned pages without text layer, OCR disabled: 1"]


def test_scanned_page_is_ocred(scan_ofd: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    from selfeval.extract.ocr_score import char_accuracy

    monkeypatch.setenv("SELFEVAL_OCR", "1")
    monkeypatch.setenv("SELFEVAL_OCR_ENGINE", "rapidocr")
    doc = extract_file(scan_ofd[0])
    assert doc.ocr and doc.pages[0].ocr and doc.meta["ocr_pages"] == [1]
    assert "rapidocr-onnxruntime" in doc.engine and "selfeval-ofd" in doc.engine
    acc = char_accuracy(scan_ofd[1], doc.text)
    assert acc >= 0.85, f"character accuracy {acc:.4f}: {doc.text!r}"


def test_scan_with_an_undecodable_image_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELFEVAL_OCR", "1")
    w = OfdWriter()
    rid = w.add_image(b"\x97JB2\r\n\x1a\n" + bytes(200))  # JBIG2, as scanners write it: Pillow cannot decode it
    w.page().image(rid, 0, 0, 210, 297)
    w.page().text(LEFT, 40, "二、预算执行情况")
    doc = extract_file(w.write(tmp_path / "jb2.ofd"))
    assert [p.text for p in doc.pages] == ["", "二、预算执行情况"] and not doc.ocr
    assert len(doc.warnings) == 1 and doc.warnings[0].startswith(
        "page 1: image 'Doc_0/Res/Image_0.png' not decodable (UnidentifiedImageError"), doc.warnings


# --------------------------------------------------------------------------- end to end


def test_cli_extract_reads_a_self_evaluation_report(tmp_path: Path) -> None:
    path = _report().write(tmp_path / "某县农业农村局2022年度部门整体支出绩效自评报告.ofd")
    env = dict(os.environ, SELFEVAL_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT / "include"))
    proc = subprocess.run([sys.executable, "-m", "selfeval.cli", "extract", str(path), "--json"], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["format"] == "ofd" and out["pages"] == 2 and out["is_self_eval"] is True
    assert out["report_type"] == "department_overall"
    f = out["fields"]
    assert (f["title"], f["department"], f["fiscal_year"]) == (TITLE, "某县农业农村局", 2022)
    assert (f["budget_adjusted_wan"], f["expenditure_total_wan"], f["execution_rate_pct"]) == (520.0, 510.0, 98.08)
    assert (f["self_score"], f["grade"]) == (95.0, "优")
    assert out["evidence"]["budget_adjusted_wan"]["snippet"] == "全年预算数520万元"
    assert out["evidence"]["self_score"] == {"page": 2, "start": 29, "end": 36, "snippet": "自评得分95分"}
