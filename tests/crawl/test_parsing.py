"""Unit checks of the parsing pieces on markup as real portals serve it."""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote

import pytest
from selfeval.crawl.antibot import challenge_reason
from selfeval.crawl.attachments import find_attachments
from selfeval.crawl.dates import date_from_epoch, date_from_page, date_from_url, parse_date
from selfeval.crawl.families.base import clean_title, parse_list_items
from selfeval.crawl.families.gkmlpt import api_base, article_item
from selfeval.crawl.families.hanweb_jcms import page_datastore, parse_datastore
from selfeval.crawl.families.search import get_path
from selfeval.crawl.families.static_list import numbered_from_last, trs_page_urls
from selfeval.crawl.families.vsb import older_pages, page_count
from selfeval.crawl.filenames import filename_from_headers, sanitise_name
from selfeval.crawl.state import CrawlState
from selfeval.textdecode import decode_bytes

from tests.crawl.portals import FIXTURES

NAME = "2023年度部门整体支出绩效自评报告.pdf"


@pytest.mark.parametrize("header", [
    f"attachment; filename*=UTF-8''{quote(NAME)}",
    "attachment; filename=\"" + NAME.encode("gbk").decode("latin-1") + "\"",  # raw GBK bytes
    "attachment; filename=\"" + NAME.encode("utf-8").decode("latin-1") + "\"",  # raw UTF-8 bytes
    "attachment; filename=" + quote(NAME.encode("gbk")),  # percent-encoded GBK
    "attachment; filename*=GBK''" + quote(NAME.encode("gbk")),
    "attachment; filename=\"=?UTF-8?B?" + base64.b64encode(NAME.encode()).decode() + "?=\"",
    'attachment; filename="download.pdf"; filename*=UTF-8\'\'' + quote(NAME),
])
def test_content_disposition_names_never_mojibake(header):
    assert filename_from_headers({"content-disposition": header}) == NAME


def test_sanitise_name():
    assert sanitise_name("../../etc/passwd") == "passwd"
    assert sanitise_name("a\x00b<c>.pdf") == "a_b_c_.pdf"
    assert sanitise_name("CON.pdf") == "_CON.pdf"
    long = sanitise_name("报" * 300 + ".pdf")
    assert long.endswith(".pdf") and len(long) == 200


def test_attachments_in_every_hiding_place():
    html = """<div class="article">
      <a href="http://x.gov.cn/jmyjj/attachment/0/363/363445/3420363.wps" download="附件1 ：全市禁止部分.wps">附件1</a>
      <a href="/pdfjs/web/viewer.html?file=/u/cms/www/202406/rep.pdf">在线预览</a>
      <a href="javascript:void(0)" onclick="window.open('/upload/2024/05/abc.pdf')">附件：报告.pdf</a>
      <embed src="/upload/x.pdf" type="application/pdf">
      <div class="pdfBox"><iframe id="pdf_iframe" src=""></iframe></div>
      <script>var sPdfUrl = "/cms_files/filemanager/1544130/attach/20262/56571FC6.pdf";
        if (sPdfUrl.indexOf(".pdf") != -1) {}</script>
      <a href="/system/_content/download.jsp?urltype=news.DownloadAttachUrl&owner=1216&wbfileid=77">自评表</a>
    </div><div class="footer"><a href="/wzdt.pdf">网站地图.pdf</a></div>"""
    found = {a.url: a.name for a in find_attachments(html, "http://x.gov.cn/a/b.html")}
    assert found["http://x.gov.cn/jmyjj/attachment/0/363/363445/3420363.wps"] == "附件1 ：全市禁止部分.wps"
    assert "http://x.gov.cn/u/cms/www/202406/rep.pdf" in found
    assert found["http://x.gov.cn/upload/2024/05/abc.pdf"] == "附件：报告.pdf"
    assert "http://x.gov.cn/upload/x.pdf" in found
    assert "http://x.gov.cn/cms_files/filemanager/1544130/attach/20262/56571FC6.pdf" in found
    assert found["http://x.gov.cn/system/_content/download.jsp?urltype=news.DownloadAttachUrl&owner=1216&wbfileid=77"] \
        == "自评表"
    scoped = find_attachments(html, "http://x.gov.cn/a/b.html", scope="div.article")
    assert "http://x.gov.cn/wzdt.pdf" not in {a.url for a in scoped}


def test_real_trs_downloadfj_page():
    html = (FIXTURES / "edgeone-challenge.html").read_text("utf-8")  # no attachments in a challenge page
    assert find_attachments(html, "http://x.gov.cn/") == []
    trs = """<a style="cursor: pointer;" onclick="downloadFj('重庆市财政局2026年部门预算情况说明.pdf',
             './W020260302356912771665.pdf')">重庆市财政局2026年部门预算情况说明.pdf</a>"""
    [att] = find_attachments(trs, "https://czj.cq.gov.cn/zwgk/ysjs/bmys/202603/t20260302_15478447.html")
    assert att.url == "https://czj.cq.gov.cn/zwgk/ysjs/bmys/202603/W020260302356912771665.pdf"
    assert att.name == "重庆市财政局2026年部门预算情况说明.pdf"


def test_dates_from_everywhere():
    assert date_from_url("https://www.taian.gov.cn/art/2026/3/6/art_46739_10363182.html") == "2026-03-06"
    assert date_from_epoch(0) == (None, "0")
    assert date_from_epoch(1716170400)[0] == "2024-05-20"  # 10:00 Beijing time
    assert date_from_epoch(1716170400000)[0] == "2024-05-20"  # milliseconds
    future = int((datetime.now(UTC) + timedelta(days=400)).timestamp())
    assert date_from_epoch(future)[0] is None
    assert date_from_page('<meta name="pubdate" content="2026-03-06 09:16"/>') == ("2026-03-06", "2026-03-06")
    assert date_from_page("<i>发布时间：2024年05月20日 来源：办公室</i>")[0] == "2024-05-20"
    assert date_from_page('<span>发布日期：</span><span>2024-05-20</span>')[0] == "2024-05-20"
    assert parse_date("关于2023年1月1日起执行的通知 2024-05-20", last=True)[0] == "2024-05-20"
    assert parse_date("2024-02-30") == (None, "2024-02-30")
    assert parse_date("1970-01-01") == (None, "1970-01-01")
    assert parse_date("2024年6月12日")[0] == "2024-06-12"
    assert date_from_url("https://x.gov.cn/a/202405/t20240520_123456.html") == "2024-05-20"
    assert parse_date("2099-01-01", today=date(2026, 1, 1))[0] is None


def test_decoding_gbk_in_every_disguise():
    text = "喆山镇人民政府2023年度绩效自评报告·附件"
    gbk = text.encode("gbk")
    assert decode_bytes(b'<?xml version="1.0" encoding="GBK"?><a>' + gbk + b"</a>")[0].count(text) == 1
    assert text in decode_bytes(b"<html>" + gbk, "text/html; charset=iso-8859-1")[0]  # Tomcat default header
    assert text in decode_bytes(b'<meta charset="gb2312">' + gbk)[0]  # 喆 is GBK, not GB2312
    assert text in decode_bytes(gbk + b'<meta charset="utf-8">')[0]  # declared UTF-8, really GBK


def test_titles_cleaned():
    assert clean_title("主题：临沂市交通运输局2025年度政府网站工作年度报表 日期：2026年01月21日") == \
        "临沂市交通运输局2025年度政府网站工作年度报表"
    assert clean_title("2023年度<em>绩效自评</em>报告&nbsp;") == "2023年度绩效自评报告"
    rows = parse_list_items('<ul><li><a href="a.htm" title="县财政局2023年度部门整体支出绩效自评报告">县财政局2023年度部门'
                            '整体...</a><span>2024-05-20</span></li></ul>', "http://x/l.htm", "li")
    assert rows[0].title == "县财政局2023年度部门整体支出绩效自评报告" and rows[0].date == "2024-05-20"


def test_trs_pager_variants():
    page = "https://x.gov.cn/col/jxzp/index.shtml"
    assert len(trs_page_urls('<script>createPageHTML(3, 0, "index", "shtml");</script>', page)) == 3
    assert trs_page_urls("<script>createPageHTML('page_div',5, 0,'index','shtml',98);</script>", page)[4] == \
        "https://x.gov.cn/col/jxzp/index_4.shtml"
    html = '<script>var countPage = 4;var currentPage = 0;createPageHTML(countPage, currentPage, "index", "html")'
    assert trs_page_urls(html + ";</script>", page)[-1] == "https://x.gov.cn/col/jxzp/index_3.html"
    last = numbered_from_last('<a href="index_9.html">尾页</a>', page.replace("shtml", "html"),
                              page.replace("shtml", "html"))
    assert len(last) == 9 and last[-1].endswith("/index_9.html")


def test_vsb_backwards_pages():
    html = ('<div class="pb_sys_common"><span class="p_t">共36条</span><span class="p_t">1/4</span>'
            '<a href="jxzp/3.htm">下页</a><a href="jxzp/1.htm">尾页</a></div>')
    assert page_count(html, "http://x/xxgk/jxzp.htm") == 4
    assert page_count('<a href="jxzp/5.htm">下页</a>', "http://x/xxgk/jxzp.htm") == 6
    assert older_pages("http://x/xxgk/jxzp.htm", 4) == ["http://x/xxgk/jxzp/3.htm", "http://x/xxgk/jxzp/2.htm",
                                                         "http://x/xxgk/jxzp/1.htm"]


def test_hanweb_datastore_picks_the_column_not_the_sidebar():
    html = ('<div id="1"><script type="text/xml"><datastore><recordset><record><![CDATA[<li>x</li>]]></record>'
            '</recordset></datastore></script></div>'
            '<div id="5678"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/'
            'dataproxy.jsp?page=1&webid=21&path=/&columnid=1234&unitid=5678&webname=%E6%B5%8B&permissiontype=0">'
            '</a>]]></nextgroup><recordset><record><![CDATA[<li>a</li>]]></record><record><![CDATA[<li>b</li>]]>'
            '</record></recordset></datastore></script></div>')
    store = page_datastore(html, None)
    assert store.unitid == "5678" and len(store.records) == 2
    assert store.nextgroup["columnid"] == "1234" and store.nextgroup["webname"] == "测"
    assert parse_datastore("<totalrecord>87</totalrecord><recordset></recordset>").total == 87


def test_gkmlpt_article_and_paths():
    assert api_base("http://www.szlh.gov.cn/lhqkjhgyxxhj/gkmlpt/index#368") == \
        "http://www.szlh.gov.cn/lhqkjhgyxxhj/gkmlpt/"
    item = article_item({"title": "x绩效自评报告", "url": "/gkmlpt/content/1/2/post_3.html", "first_publish_time": 0,
                         "publish_time": 1716170400, "attachment": [{"name": "自评表", "url": "/a/1.xlsx"}]},
                        "http://h/gkmlpt/api/all/1?page=1", "http://h/gkmlpt/")
    assert item.date == "2024-05-20" and item.url == "http://h/gkmlpt/content/1/2/post_3.html"
    assert item.attachments[0].name == "自评表.xlsx" and item.attachments[0].url == "http://h/a/1.xlsx"
    assert get_path({"data": {"list": [{"t": 1}]}}, "data.list.0.t") == 1 and get_path({}, "a.b") is None


@pytest.mark.parametrize("body,status", [(b"%PDF-1.7 EdgeOne $_ts=1", 200), (b"PK\x03\x04 wzws_cid", 200)])
def test_documents_are_never_challenges(body, status):
    assert challenge_reason(status, body) is None


def test_state_file_roundtrip_and_backoff(tmp_path):
    st = CrawlState.for_source(tmp_path, "s1")
    st.remember_page("http://x/index.html", {"etag": '"a"', "last-modified": "Tue, 01 Jul 2025 08:00:00 GMT"})
    st.finish_start("http://x/index.html", True)
    st.record_block("anti-bot challenge (edgeone) HTTP 200")
    st.save()
    again = CrawlState.for_source(tmp_path, "s1")
    assert again.validators()["http://x/index.html"][0] == '"a"' and again.complete("http://x/index.html")
    assert again.backing_off().startswith("backing off until")
    again.record_block("again")
    assert again.blocked["count"] == 2
    (tmp_path / "state" / "s2.json").write_text("{not json")
    assert CrawlState.for_source(tmp_path, "s2").lists == {}


def test_jsearch_snippets_in_json_unwrap_redirects_and_strip_highlights():
    """Hanweb jsearchfront cateSearch.do: `result` is a list of HTML snippets linking through visit/link.do."""
    from selfeval.crawl.families.search import json_items
    from selfeval.sources.schema import SearchOptions

    target = "https://www.example.gov.cn/art/2024/5/20/art_1229_5973.html"
    snippet = ('<div class="jcse-news-title"><a href="visit/link.do?url=https%3A%2F%2Fwww.example.gov.cn%2Fart%2F2024'
               '%2F5%2F20%2Fart_1229_5973.html&amp;q=%E7%BB%A9%E6%95%88%E8%87%AA%E8%AF%84&amp;title=%E6%9F%90%E5%8E%BF'
               '%E6%95%99%E8%82%B2%E5%B1%802023%E5%B9%B4%E5%BA%A6%E9%83%A8%E9%97%A8%E6%95%B4%E4%BD%93%E6%94%AF%E5%87%BA'
               '%E7%BB%A9%E6%95%88%E8%87%AA%E8%AF%84%E6%8A%A5%E5%91%8A" target="_blank">某县教育局2023年度部门整体支出'
               '<em>绩效自评</em>...</a></div><span class="jcse-news-date">2024-05-20</span>')
    page = "https://search.example.gov.cn/jsearchfront/interfaces/cateSearch.do"
    [item] = json_items({"result": [snippet], "total": 1}, SearchOptions(items="data.list"), page)
    assert item.url == target
    assert item.via and item.via.startswith("https://search.example.gov.cn/jsearchfront/interfaces/visit/link.do?")
    assert item.title == "某县教育局2023年度部门整体支出绩效自评报告"  # cut title restored from the wrapper
    assert item.date == "2024-05-20"


def test_unwrap_only_wrappers_with_a_target():
    from selfeval.crawl.families.base import unwrap_redirect

    assert unwrap_redirect("http://a.gov.cn/jsearchfront/visit/link.do?url=%2Fart%2F1.html&q=x") == "http://a.gov.cn/art/1.html"
    assert unwrap_redirect("http://a.gov.cn/redirect.do?target=http%3A%2F%2Fb.gov.cn%2F2.pdf") == "http://b.gov.cn/2.pdf"
    plain = "http://a.gov.cn/art/link.html?url=x"
    assert unwrap_redirect(plain) == plain
    assert unwrap_redirect("http://a.gov.cn/download.jsp?url=abc") == "http://a.gov.cn/download.jsp?url=abc"


def test_extension_less_attachments_from_js_calls_and_viewers():
    from selfeval.crawl.attachments import find_attachments

    html = """<div class="article"><p>详见附件。</p>
    <a href="javascript:void(0)" onclick="downloadFj('2023年度部门整体支出绩效自评报告.doc','/system/_content/download.jsp?urltype=news.DownloadAttachUrl&owner=1234&wbfileid=5678')">附件1</a>
    <iframe src="/pdfjs/web/viewer.html?file=%2Fdownfile.jsp%3Fclassid%3D0%26filename%3Dabc123"></iframe>
    <a href="/module/download/downfile.jsp?classid=0&filename=2207081234.pdf">项目支出绩效自评表</a></div>"""
    found = {a.url: a.name for a in find_attachments(html, "http://x.gov.cn/art/1.html")}
    servlet = "http://x.gov.cn/system/_content/download.jsp?urltype=news.DownloadAttachUrl&owner=1234&wbfileid=5678"
    assert found[servlet] == "2023年度部门整体支出绩效自评报告.doc"
    assert "http://x.gov.cn/downfile.jsp?classid=0&filename=abc123" in found
    assert found["http://x.gov.cn/module/download/downfile.jsp?classid=0&filename=2207081234.pdf"] == "项目支出绩效自评表.pdf"


def test_family_parameters_read_off_real_markup():
    from bs4 import BeautifulSoup
    from selfeval.crawl.families.base import parse_rows_first, selectors
    from selfeval.crawl.families.gkmlpt import _SID
    from selfeval.crawl.families.vsb import ROW_CANDIDATES
    from selfeval.sources.schema import SourceConfig

    for page, sid in (("window._CONFIG = {SID: '757039', ...}", "757039"), ('window.__SID__ = "763512";', "763512"),
                      ("var sid = 2001;", "2001")):
        assert _SID.search(page).group(1) == sid
    hanweb = SourceConfig.model_validate({"id": "hw", "name": "x", "family": "hanweb_jcms",
                                          "start_urls": ["http://a.gov.cn/col/col4521/index.html"],
                                          "hanweb": {"columnid": 4521, "unitid": 16321}})
    assert (hanweb.hanweb.columnid, hanweb.hanweb.unitid) == ("4521", "16321")
    vsb_html = """<table class="winstyle60571" width="100%"><tr id="line_u5_0"><td width="100%" align="left">
      <a href="../../info/1011/2341.htm" class="c60571" title="2023年度部门整体支出绩效自评报告">2023年度部门整体支出绩效自评报告</a></td>
      <td nowrap><span class="timestyle60571">2024-05-12</span></td></tr>
      <tr id="line_u5_1"><td><a href="../../info/1011/2342.htm" class="c60571">关于召开绩效工作会议的通知</a></td>
      <td><span class="timestyle60571">2024-04-02</span></td></tr></table>"""
    src = SourceConfig.model_validate({"id": "vs", "name": "x", "family": "vsb", "start_urls": ["http://b.edu.cn/xxgk/jxzp.htm"]})
    items = parse_rows_first(BeautifulSoup(vsb_html, "lxml"), "http://b.edu.cn/xxgk/jxzp/1.htm",
                             selectors(src, {}), src, ROW_CANDIDATES)
    assert [(i.url, i.date) for i in items] == [("http://b.edu.cn/info/1011/2341.htm", "2024-05-12"),
                                                ("http://b.edu.cn/info/1011/2342.htm", "2024-04-02")]
