"""The demo county portal: real HTTP on loopback, TRS-style pages, headers and conditional GET."""

from __future__ import annotations

import json
import shutil
import urllib.robotparser
from email.utils import formatdate
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
import requests
import yaml
from bs4 import BeautifulSoup
from selfeval.demo import portal as demo
from selfeval.demo.portal import CONTENT_TYPES, SITE_DIR, serve

from tests.conftest import CORPUS

MANIFEST = json.loads((SITE_DIR / "manifest.json").read_text("utf-8"))
ITEMS = MANIFEST["items"]
ATTACHMENTS = [a for it in ITEMS for a in it["attachments"]]
GB_ITEMS = [it for it in ITEMS if it["charset"] == "gb18030"]


@pytest.fixture(scope="module")
def portal():
    with serve() as p:
        yield p


@pytest.fixture(scope="module")
def http():
    with requests.Session() as s:
        yield s


def local(url_path: str) -> Path:
    return SITE_DIR / url_path.lstrip("/")


def soup_of(resp: requests.Response, encoding: str = "utf-8") -> BeautifulSoup:
    return BeautifulSoup(resp.content.decode(encoding), "html.parser")


def test_manifest_shape():
    kinds = [it["kind"] for it in ITEMS]
    assert kinds.count("report") >= 8 and kinds.count("off_topic") >= 4
    formats = {a["format"] for it in ITEMS if it["kind"] == "report" for a in it["attachments"]}
    assert {"pdf", "doc", "docx", "xls", "xlsx"} <= formats
    assert any(it["body_is_report"] and not it["attachments"] for it in ITEMS)
    assert len(GB_ITEMS) == 1
    assert {a["link_style"] for a in ATTACHMENTS} >= {"plain", "downloadFj", "filename_text"}
    assert sum(a["content_disposition"] for a in ATTACHMENTS) == 1
    for it in ITEMS:
        assert local(it["detail_url"]).is_file()
        assert it["list_page"] in MANIFEST["list_pages"]
        for a in it["attachments"]:
            assert local(a["url"]).is_file()


def test_home_links_to_column(portal, http):
    r = http.get(portal.url + "/")
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/html; charset=utf-8"
    hrefs = {a.get("href") for a in soup_of(r).find_all("a")}
    assert "/zwgk/czzj/jxzp/" in hrefs or "/zwgk/czzj/jxzp/index.html" in hrefs


def test_pagination_in_plain_html(portal, http):
    """Following 下一页 in the non-JS fallback reaches every list page; the TRS script call is there too."""
    seen, url = [], portal.column_url
    while url and len(seen) < 10:
        r = http.get(url)
        assert r.status_code == 200
        seen.append(url[len(portal.url):])
        page = soup_of(r)
        assert f'createPageHTML({len(MANIFEST["list_pages"])}, {len(seen) - 1}, "index", "html")' in r.text
        box = page.select_one("div.page")
        labels = {a.get_text() for a in box.find_all("a")} | {s.get_text() for s in box.find_all("span")}
        assert {"首页", "上一页", "下一页", "尾页"} <= labels
        nxt = box.find("a", string="下一页")
        url = urljoin(url, nxt["href"]) if nxt else None
    assert seen == MANIFEST["list_pages"]


def test_list_items_match_manifest(portal, http):
    for page_path in MANIFEST["list_pages"]:
        url = portal.url + page_path
        lis = soup_of(http.get(url)).select("ul.list li")
        got = {urljoin(url, li.a["href"])[len(portal.url):]: (li.a["title"], li.span.get_text()) for li in lis}
        want = {it["detail_url"]: (it["title"], it["publish_date"]) for it in ITEMS if it["list_page"] == page_path}
        assert got == want


@pytest.mark.parametrize("url_path", [it["detail_url"] for it in ITEMS] + [a["url"] for a in ATTACHMENTS])
def test_every_manifest_url_served(portal, http, url_path):
    r = http.get(portal.url + url_path)
    assert r.status_code == 200
    data = local(url_path).read_bytes()
    assert r.content == data
    assert r.headers["Content-Length"] == str(len(data))
    suffix = Path(url_path).suffix
    if url_path in {it["detail_url"] for it in GB_ITEMS}:
        assert r.headers["Content-Type"] == "text/html; charset=gb2312"
    else:
        assert r.headers["Content-Type"] == CONTENT_TYPES[suffix]
    assert r.headers["ETag"] and r.headers["Last-Modified"]


def test_attachments_are_corpus_files():
    for a in ATTACHMENTS:
        if a["corpus_file"]:
            assert local(a["url"]).read_bytes() == (CORPUS / a["corpus_file"]).read_bytes(), a["url"]


def test_detail_pages(portal, http):
    for it in ITEMS:
        url = portal.url + it["detail_url"]
        r = http.get(url)
        page = soup_of(r, it["charset"])
        meta = {m.get("name"): m.get("content") for m in page.find_all("meta") if m.get("name")}
        assert meta["ArticleTitle"] == it["title"]
        assert meta["PubDate"] == it["publish_time"] and meta["PubDate"].startswith(it["publish_date"])
        assert meta["ContentSource"] == it["content_source"]
        assert f"发布时间：{it['publish_time']}" in page.get_text()
        assert page.select_one("div.position") and page.select_one("div.nav") and page.select_one("div.footer")
        links = set()
        for a in page.find_all("a"):
            href = a.get("href", "")
            if href.startswith("javascript:"):
                onclick = a.get("onclick", "")
                if "downloadFj(" in onclick:
                    links.add(urljoin(url, onclick.split("'")[3]))
            else:
                links.add(urljoin(url, href))
        for att in it["attachments"]:
            assert portal.url + att["url"] in links, att["url"]
            assert att["link_text"] in page.get_text()


def test_html_report_body(portal, http):
    it = next(i for i in ITEMS if i["body_is_report"])
    text = soup_of(http.get(portal.url + it["detail_url"])).select_one("div.article-content").get_text()
    assert "部门整体支出绩效情况" in text and "自评得分99.5分" in text and len(text) > 5000


def test_gb18030_page(portal, http):
    it = GB_ITEMS[0]
    raw = http.get(portal.url + it["detail_url"]).content
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("gb18030")
    assert '<meta charset="gb2312">' in text and it["title"] in text
    assert local(it["detail_url"]).read_bytes() == raw


def test_conditional_get(portal, http):
    url = portal.column_url
    r = http.get(url)
    etag, lm = r.headers["ETag"], r.headers["Last-Modified"]
    r304 = http.get(url, headers={"If-None-Match": etag})
    assert r304.status_code == 304 and r304.content == b"" and r304.headers["ETag"] == etag
    assert http.get(url, headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
    assert http.get(url, headers={"If-Modified-Since": lm}).status_code == 304
    assert http.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200
    assert http.get(url, headers={"If-None-Match": '"stale"', "If-Modified-Since": lm}).status_code == 200
    assert http.get(url, headers={"If-Modified-Since": formatdate(0, usegmt=True)}).status_code == 200
    att = portal.url + ATTACHMENTS[0]["url"]
    assert http.get(att, headers={"If-None-Match": http.head(att).headers["ETag"]}).status_code == 304


def test_head(portal, http):
    pdf = next(a["url"] for a in ATTACHMENTS if a["format"] == "pdf")
    r = http.head(portal.url + pdf)
    assert r.status_code == 200 and r.content == b""
    assert r.headers["Content-Length"] == str(local(pdf).stat().st_size)
    assert r.headers["Content-Type"] == "application/pdf"


def test_content_disposition(portal, http):
    att = next(a for a in ATTACHMENTS if a["content_disposition"])
    cd = http.head(portal.url + att["url"]).headers["Content-Disposition"]
    prefix = "attachment; filename*=UTF-8''"
    assert cd.startswith(prefix) and cd.isascii()
    assert unquote(cd[len(prefix):]) == att["link_text"]


def test_robots(portal, http):
    r = http.get(portal.url + "/robots.txt")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/plain")
    rp = urllib.robotparser.RobotFileParser()
    rp.parse(r.text.splitlines())
    assert rp.can_fetch("selfeval-crawler", portal.column_url)
    assert rp.can_fetch("selfeval-crawler", portal.url + ITEMS[0]["detail_url"])
    assert rp.can_fetch("selfeval-crawler", portal.url + ATTACHMENTS[0]["url"])


def test_not_found_and_hidden(portal, http):
    for path in ["/no/such/page.html", "/zwgk/czzj/jxzp/index_9.html", "/manifest.json", "/_headers.json",
                 "/../pyproject.toml", "/%2e%2e/portal.py"]:
        r = http.get(portal.url + path)
        assert r.status_code == 404, path
    r = http.get(portal.url + "/zwgk/czzj/jxzp", allow_redirects=False)
    assert r.status_code == 301 and r.headers["Location"] == "/zwgk/czzj/jxzp/"
    assert http.get(portal.url + "/zwgk/czzj/jxzp/").content == local("/zwgk/czzj/jxzp/index.html").read_bytes()


def test_site_dir_override_serves_edits(tmp_path, http):
    site = tmp_path / "site"
    shutil.copytree(SITE_DIR, site)
    with serve(site_dir=site) as p:
        etag = http.get(p.column_url).headers["ETag"]
        index = site / "zwgk/czzj/jxzp/index.html"
        html = index.read_text("utf-8")
        new = ('<li><a href="./202410/t20241008_1280001.html" title="新增测试报告">新增测试报告</a>'
               "<span>2024-10-08</span></li>\n")
        index.write_text(html.replace('<ul class="list">\n', '<ul class="list">\n' + new, 1), "utf-8")
        (site / "zwgk/czzj/jxzp/202410").mkdir()
        (site / "zwgk/czzj/jxzp/202410/t20241008_1280001.html").write_text("<html>新增</html>", "utf-8")
        r = http.get(p.column_url, headers={"If-None-Match": etag})
        assert r.status_code == 200 and "新增测试报告" in r.text and r.headers["ETag"] != etag
        assert http.get(p.url + "/zwgk/czzj/jxzp/202410/t20241008_1280001.html").status_code == 200
        assert ("GET", "/zwgk/czzj/jxzp/index.html", 200) in p.requests


def test_loopback_only():
    with pytest.raises(ValueError):
        serve(host="0.0.0.0")


def test_demo_source_yaml():
    text = demo.demo_source_text("http://127.0.0.1:1234/")
    data = yaml.safe_load(text)
    assert data["start_urls"] == ["http://127.0.0.1:1234/zwgk/czzj/jxzp/index.html"]
    assert data["allow_private_network"] is True
    from selfeval.sources.schema import SourceConfig

    cfg = SourceConfig.model_validate(data)
    assert cfg.family == "static_list" and cfg.list_.item == "ul.list li"
