"""Small units: number formatting, decoding, table merging, process-group kill."""

from __future__ import annotations

import time

import pytest
from selfeval.extract.html import decode_bytes, extract_html
from selfeval.extract.office import _run_soffice
from selfeval.extract.sheets import format_cell, format_number
from selfeval.extract.tables import fill_grid, grid_from_cells, merge_continued_tables


@pytest.mark.parametrize(
    ("value", "pct", "expected"),
    [
        (1478.93, None, "1478.93"),
        (1478.9300000001, None, "1478.93"),
        (42.0, None, "42"),
        (0.1 + 0.2, None, "0.3"),
        (0.873, 2, "87.30%"),
        (0.8826999999999999, 2, "88.27%"),
        (1.0, 0, "100%"),
        (-3.5, None, "-3.5"),
        (1e-9, None, "1e-09"),
    ],
)
def test_format_number(value: float, pct: int | None, expected: str) -> None:
    assert format_number(value, pct) == expected


def test_format_cell_types() -> None:
    import datetime as dt

    assert format_cell(None) == ""
    assert format_cell(True) == "TRUE"
    assert format_cell(dt.datetime(2022, 6, 30)) == "2022-06-30"
    assert format_cell(dt.datetime(2022, 6, 30, 9, 41)) == "2022-06-30 09:41:00"
    assert format_cell("⼀般\r\n公共") == "一般\n公共"


def test_decode_declared_gb2312_but_utf8() -> None:
    raw = '<html><head><meta charset="gb2312"></head><body>绩效自评·报告</body></html>'.encode()
    assert decode_bytes(raw) == (raw.decode(), "utf-8")


def test_decode_gbk_bytes_as_gb18030() -> None:
    raw = '<meta http-equiv="Content-Type" content="text/html; charset=GBK"><p>部门整体支出·绩效</p>'.encode("gb18030")
    text, enc = decode_bytes(raw)
    assert enc == "gb18030" and "部门整体支出·绩效" in text


def test_decode_big5_declared() -> None:
    raw = '<meta charset="big5"><p>績效自評報告</p>'.encode("big5")
    text, enc = decode_bytes(raw)
    assert "績效自評報告" in text


def test_html_tables_colspan_rowspan_and_dropped_chrome() -> None:
    html = """<html><head><title>T</title><meta name="PubDate" content="2024-01-02 03:04"></head><body>
    <div class="nav"><a href="/a">首页</a><a href="/b">政务公开</a></div>
    <div class="TRS_Editor"><p>2023年度部门整体支出绩效自评报告正文内容，说明预算执行情况和绩效目标完成情况。</p>
    <table><tr><td rowspan="2">年度预算</td><td colspan="2">资金</td></tr><tr><td>873.72</td><td>1,478.93</td></tr></table>
    </div><script>var x = "不要";</script><div class="footer">版权所有</div></body></html>"""
    doc = extract_html(html.encode())
    assert doc.meta["publish_date"] == "2024-01-02 03:04"
    assert doc.tables == [[["年度预算", "资金", "资金"], ["年度预算", "873.72", "1,478.93"]]]
    assert "年度预算\t资金\n873.72\t1,478.93" in doc.text
    assert "不要" not in doc.text and "版权所有" not in doc.text and "政务公开" not in doc.text


def test_a_form_as_the_whole_page_body_is_kept_whole_and_a_layout_cell_still_wins() -> None:
    """A 自评表 pasted as a page's only content: its one long cell (年度总体目标) is not the article. An old
    table-layout portal (nav links | content cell, footer row) still gives the content cell alone."""
    goal = "(1)制定和组织实施经济、科技和社会发展计划,组织指导好各业生产,搞好商品流通,促进经济发展。" * 6
    form = ("<html><body><table border=1><tr><td>部门整体支出绩效自评表</td></tr>"
            "<tr><td>部门(单位)名称</td><td>某县某镇人民政府</td></tr>"
            "<tr><td>年度资金总额</td><td>1172.55</td><td>1268.72</td><td>10</td></tr>"
            f"<tr><td>年度总体目标</td><td>{goal}</td></tr></table></body></html>")
    doc = extract_html(form.encode("gbk"))
    assert doc.text.startswith("部门整体支出绩效自评表") and "年度资金总额\t1172.55\t1268.72" in doc.text
    assert len(doc.tables) == 1
    nav = "".join(f'<a href="/c{i}.html">栏目{i}</a><br>' for i in range(12))
    paras = "".join(f"<p>第{i}段:本单位全年预算数100万元,实际支出90万元,执行率90%。</p>" for i in range(8))
    layout = (f'<html><body><table><tr><td>{nav}</td><td><h1>某县财政局2022年度部门整体支出绩效自评报告</h1>{paras}</td>'
              "</tr><tr><td>版权所有:某县人民政府</td><td>地址:某县人民路1号</td></tr></table></body></html>")
    doc = extract_html(layout.encode("gbk"))
    assert doc.text.startswith("某县财政局2022年度部门整体支出绩效自评报告") and "栏目" not in doc.text and "版权" not in doc.text


def test_grid_helpers() -> None:
    grid, anchors = grid_from_cells([[("a", 2, 1), ("b", 1, 2)], [("c", 1, 1), ("d", 1, 1)]])
    assert grid == [["a", "b", "b"], ["a", "c", "d"]] and anchors == [["a", "b"], ["c", "d"]]
    assert fill_grid([["x", None], [None, "y"]], {(0, 0): (2, 2)}) == [["x", "x"], ["x", "y"]]


def test_merge_continued_tables_header_and_split_row() -> None:
    a = [["项目", "金额", "说明"], ["甲", "1", "说明的前半"], ["乙", "2", "说明的前"]]
    b = [["项目", "金额", "说明"], ["", "", "半部分"], ["丙", "3", "完整"]]
    out = merge_continued_tables(a, b)
    assert out == [["项目", "金额", "说明"], ["甲", "1", "说明的前半"], ["乙", "2", "说明的前\n半部分"], ["丙", "3", "完整"]]


def test_soffice_hang_kills_process_group(tmp_path) -> None:
    pidfile = tmp_path / "child.pid"
    t0 = time.monotonic()
    rc, _ = _run_soffice(["sh", "-c", f"sleep 30 & echo $! > {pidfile}; wait"], timeout_s=0.5)
    assert rc is None and time.monotonic() - t0 < 5
    pid = int(pidfile.read_text())
    time.sleep(0.2)
    try:
        state = open(f"/proc/{pid}/stat").read().split()[2]
    except FileNotFoundError:
        state = "gone"
    assert state in ("gone", "Z", "X"), state  # killed (a zombie until its new parent reaps it)


def test_continuation_row_with_figures_is_a_row_of_its_own() -> None:
    """A first row under empty label cells that carries its own 分值/得分 is appended, not joined."""
    a = [["一级", "二级", "三级", "分值", "得分"], ["产出", "数量", "培训人数", "6", "6"],
         ["效益", "社会", "信访工作质量", "10", "9"]]
    b = [["", "", "信访系统干部整体素质", "10", "9"], ["满意度", "服务对象", "满意率", "10", "10"]]
    out = merge_continued_tables(a, b)
    assert len(out) == 5 and out[2][2] == "信访工作质量" and out[3][2] == "信访系统干部整体素质"


def test_label_merged_over_the_break_fills_the_first_part() -> None:
    """A label printed on the second page only (merged cell over the break) fills the first part's rows."""
    a = [["一级", "三级", "完成值"], ["", "甲", "1"], ["", "乙", "2"]]
    b = [["履职", "丙", "3"], ["履职", "丁", "4"]]
    out = merge_continued_tables(a, b)
    assert [r[0] for r in out] == ["一级", "履职", "履职", "履职", "履职"]


def test_hole_cells_and_anchor_columns() -> None:
    from selfeval.extract.pdftables import hole_cells
    from selfeval.extract.tables import anchors_from_spans

    def v(x, t, b):
        return {"orientation": "v", "x0": x, "x1": x, "top": t, "bottom": b}

    def h(y, x0, x1):
        return {"orientation": "h", "x0": x0, "x1": x1, "top": y, "bottom": y}

    # column 0 rows 1-2 are one merged label without its closing rule (it runs over the page break)
    cells = [(0, 0, 50, 10), (50, 0, 100, 10), (50, 10, 100, 20), (50, 20, 100, 30)]
    edges = [v(0, 0, 30), v(50, 0, 30), v(100, 0, 30), h(0, 0, 100), h(10, 0, 100), h(20, 50, 100), h(30, 50, 100)]
    assert hole_cells(cells, edges) == [(0, 10, 50, 30)]
    assert anchors_from_spans({(0, 0): (1, 2), (1, 0): (2, 1), (1, 1): (1, 1), (2, 1): (1, 1)}, [2, 2, 2]) == [
        [0], [0, 1], [0, 1]]


def test_glyph_over_a_column_rule_stays_with_its_text() -> None:
    from selfeval.extract.pdftables import Glyphs, _overflow_x

    line = Glyphs.of(["情", "况", "三"], [100.0, 107.0, 120.0], [107.0, 114.0, 127.0], [0, 0, 0], [8, 8, 8])
    x = _overflow_x(line, [60.0, 112.0, 200.0])
    assert x[1] < 112.0 and x[2] > 112.0


def test_widen_rows_same_and_merged_columns() -> None:
    from selfeval.extract.pdf import widen_rows

    before = [["a", "b", "c"], ["甲", "乙", "丙"]]
    assert widen_rows([["1", "2", "3"], ["4", "5"]], [0, 1, 2, 3], before) == [["1", "2", "3"], ["4", "5", ""]]
    # a continuation without the left column takes it from the last row; a merged column fills both
    assert widen_rows([["x", "y"]], [1, 2, 3], before) == [["甲", "x", "y"]]
    assert widen_rows([["x", "y"]], [0, 2, 3], before) == [["x", "x", "y"]]


def test_a_trs_article_in_two_editor_blocks_is_read_whole() -> None:
    """A TRS page may split its article into several editor blocks (the prose, then the form and the conclusion):
    all of them, in page order, are the article; the chrome between them is not."""
    page = ('<html><head><meta charset="utf-8"><title>某县教育局2023年度部门整体支出绩效自评报告</title></head><body>'
            '<div class="nav">首页 | 政务公开</div><div class="TRS_Editor"><p>一、部门基本情况</p><p>'
            + "我局共有在职人员32人，其中基本支出1782.83万元，项目支出1214.50万元。" * 2 + '</p></div>'
            '<div class="share">分享到：微信 微博</div><div class="TRS_Editor"><p>二、自评结论</p><p>'
            + "经自评，我局2023年度部门整体支出绩效自评得分95分，等级为优。" * 2 + "</p></div></body></html>")
    text = extract_html(page.encode("utf-8")).text
    assert "基本支出1782.83万元" in text and "自评得分95分" in text and "分享到" not in text
    assert text.index("基本支出") < text.index("自评得分")


def test_an_article_in_two_content_blocks_of_one_parent_is_read_whole() -> None:
    """Any template may split its article into sibling blocks of one class (`<div class="content">` twice): both,
    in page order, are the article; a link list of the same class beside them is not."""
    page = ('<html><head><meta charset="utf-8"><title>某县教育局2023年度部门整体支出绩效自评报告</title></head><body>'
            '<div class="main"><h1>某县教育局2023年度部门整体支出绩效自评报告</h1><div class="content"><p>一、部门基本情况</p><p>'
            + "我局共有在职人员32人，其中基本支出1782.83万元，项目支出1214.50万元。" * 2 + '</p></div>'
            '<div class="content"><a href="/a.html">某县水利局2023年度部门整体支出绩效自评报告</a><br>'
            '<a href="/b.html">某县民政局2023年度部门整体支出绩效自评报告</a></div>'
            '<div class="content"><p>二、自评结论</p><p>经自评，我局自评得分95分，等级为优。</p></div></div></body></html>')
    text = extract_html(page.encode("utf-8")).text
    assert "基本支出1782.83万元" in text and "自评得分95分" in text and "某县水利局" not in text
    assert text.index("基本支出") < text.index("自评得分")


def test_a_traditional_info_line_keeps_the_posting_date() -> None:
    page = ('<html><head><meta charset="utf-8"><title>某縣林業局2023年度部門整體支出績效自評報告</title></head><body>'
            '<h1>某縣林業局2023年度部門整體支出績效自評報告</h1><div class="info">發佈時間：2024-04-02</div>'
            '<div class="content"><p>' + "我局2023年度全年支出合計480.20萬元，自評得分95分。" * 4 + "</p></div></body></html>")
    assert "發佈時間：2024-04-02" in extract_html(page.encode("utf-8")).text


def test_an_html5_articles_own_header_keeps_its_headline_and_date() -> None:
    page = ('<html><head><meta charset="utf-8"><title>某县林业局2023年度部门整体支出绩效自评报告_某县人民政府</title></head><body>'
            '<header class="site">某县人民政府门户网站</header><article><header><h1>某县林业局2023年度部门整体支出绩效自评报告</h1>'
            '<time datetime="2024-06-05">发布时间：2024-06-05</time></header><p>一、部门基本情况</p><p>'
            + "我局共有在职人员32人，2023年度全年支出合计480.20万元。" * 3 + "</p></article></body></html>")
    text = extract_html(page.encode("utf-8")).text
    assert "发布时间：2024-06-05" in text and "门户网站" not in text

