"""List-page parsing, relevance, dates, attachments and decoding on realistic markup."""

from __future__ import annotations

from datetime import date

from selfeval.crawl.attachments import find_attachments
from selfeval.crawl.dates import date_from_url, parse_date
from selfeval.crawl.decode import decode_bytes
from selfeval.crawl.families.static_list import trs_page_urls
from selfeval.crawl.relevance import judge
from selfeval.sources.schema import DEFAULT_EXCLUDE, DEFAULT_INCLUDE

INC, EXC = list(DEFAULT_INCLUDE), list(DEFAULT_EXCLUDE)


def test_relevance_titles():
    assert judge("2023年度资源县瓜里乡人民政府部门预算绩效自评报告", INC, EXC).relevant
    assert judge("湘西自治州本级2021年度部门整体支出绩效评价自评报告", INC, EXC).relevant
    assert judge("2023年度项目支出绩效自评表", INC, EXC).relevant
    for title in ("县财政局召开2023年度预算绩效自评工作培训会", "关于开展2023年度绩效自评工作的通知",
                  "关于2023年度重点项目第三方绩效评价结果的公告", "2024年度部门整体支出绩效目标表",
                  "溆浦县农业农村局2024年部门预算公开"):
        v = judge(title, INC, EXC)
        assert not v.relevant and v.reason, title
    assert judge("2023年度部门决算公开", INC, EXC).maybe_container


def test_dates():
    assert parse_date("发布时间：2024-06-12 10:26")[0] == "2024-06-12"
    assert parse_date("2024年6月12日")[0] == "2024-06-12"
    iso, raw = parse_date("1970-01-01")
    assert iso is None and raw == "1970-01-01"
    assert parse_date("2099-01-01", today=date(2026, 1, 1))[0] is None
    assert date_from_url("https://x.gov.cn/a/202405/t20240520_123456.html") == "2024-05-20"


def test_trs_pager_script():
    html = '<script>createPageHTML(3, 0, "index", "shtml");</script>'
    assert trs_page_urls(html, "https://x.gov.cn/col/jxzp/index.shtml") == [
        "https://x.gov.cn/col/jxzp/index.shtml", "https://x.gov.cn/col/jxzp/index_1.shtml",
        "https://x.gov.cn/col/jxzp/index_2.shtml"]


def test_attachments_where_pages_hide_them():
    html = """
    <div class="article">
      <a href="./P020240612573829641953.pdf">县乡村振兴局2023年度整体支出绩效自评报告.pdf</a>
      <a href="javascript:void(0)" onclick="downloadFj('自评表.xlsx','./P020240612000000000001.xlsx')">自评表</a>
      <a href="/module/download/downfile.jsp?classid=0&filename=2306011.pdf">报告全文</a>
      <iframe src="/pdfjs/web/viewer.html?file=/u/cms/www/202406/rep.pdf"></iframe>
      <a href="../index.html">返回</a>
    </div>"""
    found = {a.url: a.name for a in find_attachments(html, "https://x.gov.cn/jxzp/202406/t20240612_1.html")}
    assert found["https://x.gov.cn/jxzp/202406/P020240612573829641953.pdf"].endswith("自评报告.pdf")
    assert found["https://x.gov.cn/jxzp/202406/P020240612000000000001.xlsx"] == "自评表.xlsx"
    assert "https://x.gov.cn/module/download/downfile.jsp?classid=0&filename=2306011.pdf" in found
    assert "https://x.gov.cn/u/cms/www/202406/rep.pdf" in found
    assert not any("index.html" in u for u in found)


def test_decode_gbk_declared_and_misdeclared():
    text = "沅陵镇太常便民服务中心·2023年"
    gb = f'<meta charset="gb2312"><p>{text}</p>'.encode("gb18030")
    decoded, enc = decode_bytes(gb)
    assert text in decoded and enc == "gb18030"
    utf = f'<meta charset="gb2312"><p>{text}</p>'.encode()
    decoded, enc = decode_bytes(utf)
    assert text in decoded and enc == "utf-8"
