"""Test portals, one per CMS family, served over real HTTP on 127.0.0.1 (ThreadingHTTPServer, port 0).

Each portal renders the same kind of column as the real sites do (markup learnt
from /work/shared/realdata): TRS WCM (`createPageHTML`, `./P0….pdf`,
`downloadFj(…)`), Hanweb JCMS (`<datastore>` CDATA records + POST
`dataproxy.jsp`, `downfile.jsp` with raw-GBK Content-Disposition), VSB
(backwards `jxzp/{N-1}.htm … jxzp/1.htm`, `主题：… 日期：…` titles, `download.jsp`
with RFC 5987 names), gkmlpt (the real shell page with `SID:` + JSON API with
unix timestamps), site search (JSON with `<em>` highlights; Hanweb jsearch HTML)
and a generic CSS list (GBK pages, `a.next`). Columns hold ≥ 36 items over ≥ 3
pages, mixing reports, off-topic items, containers (决算公开 with or without a
自评表) and articles whose body is the report; attachments hide behind JS calls,
viewers and inline scripts; some pages are real GBK bytes.

The truth is kept with the portal: `expected_documents()` maps every document
URL a correct crawl downloads to its entry and expected file name, and
`entries` give titles and dates. `requests` logs (method, path, status) of
everything served; `faults` injects failures per path (see FaultPlan).
"""

from __future__ import annotations

import email.utils
import functools
import hashlib
import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

FIXTURES = Path(__file__).with_name("fixtures")
CHINA = timezone(timedelta(hours=8))
DEPTS = ["县财政局", "县教育局", "县农业农村局", "县卫生健康局", "县交通运输局", "县水利局", "县民政局",
         "县自然资源局", "喆山镇人民政府", "县文化旅游广电体育局", "县市场监督管理局", "县人力资源和社会保障局"]
OFF_TOPIC = ["关于开展{y}年度部门预算绩效自评工作的通知", "{d}{y}年度部门预算公开", "{d}召开{y}年度绩效自评工作培训会",
             "{d}{y}年度部门整体支出绩效目标表", "关于{y}年度重点项目第三方绩效评价结果的公告",
             "{d}{y}年政府信息公开工作年度报告"]
CYCLE = ["report", "off", "report2", "off", "article", "container", "off", "report_hidden", "off",
         "container_off", "report_cut", "off"]
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04\x14\x00\x06\x00"
MAGIC = {"pdf": PDF, "doc": OLE, "xls": OLE, "wps": OLE, "docx": ZIP, "xlsx": ZIP}
CTYPE = {"pdf": "application/pdf", "doc": "application/msword", "xls": "application/vnd.ms-excel",
         "wps": "application/octet-stream",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass
class Doc:
    path: str  # URL path (+ query) where the bytes are served
    link: str  # what the detail page puts in href / the JS call (may be relative)
    name: str  # expected stored file name
    ext: str
    body: bytes
    style: str = "href"  # href | downloadFj | iframe | script | onclick | embed | download_attr
    relevant: bool = True
    disposition: str | None = None  # None | "gbk-raw" | "rfc5987"
    label: str = ""  # link text shown on the page


@dataclass
class Entry:
    key: int
    kind: str
    title: str
    date: date
    detail_path: str = ""
    docs: list[Doc] = field(default_factory=list)
    list_date: str | None = None  # what the list shows when it is not the true date
    gbk_detail: bool = False

    @property
    def relevant(self) -> bool:
        return self.kind not in ("off", "container_off")

    @property
    def article(self) -> bool:
        return self.kind == "article"

    @property
    def maybe(self) -> bool:
        """A title that cannot tell (…部门决算公开): whether it holds a self-evaluation shows on its page only."""
        return self.kind in ("container", "container_off")


def _title(kind: str, i: int) -> str:
    d, y = DEPTS[i % len(DEPTS)], 2024 - (i // 12)
    if kind in ("report", "report_hidden", "article", "report_cut"):
        return f"{d}{y}年度部门整体支出绩效自评报告" if i % 2 == 0 else f"{d}{y}年度项目支出绩效自评报告"
    if kind == "report2":
        return f"{d}{y}年度预算绩效自评情况"
    if kind in ("container", "container_off"):
        return f"{d}{y}年度部门决算公开"
    return OFF_TOPIC[(i // 2) % len(OFF_TOPIC)].format(d=d, y=y)


def _body(key: int, ext: str, version: int = 0) -> bytes:
    return MAGIC[ext] + f"test document {key} {ext} v{version}\n".encode() + bytes(range(256)) * 4 + b"\n%%EOF\n"


class Portal:
    """Base: item model, HTTP plumbing, truth. Subclasses render their family's pages."""

    family = "static_list"
    page_size = 10
    styles = ["href", "downloadFj", "iframe"]

    def __init__(self, n: int = 36, source_id: str | None = None):
        self.source_id = source_id or f"t-{self.family.replace('_', '-')}"
        self.entries: list[Entry] = []
        self.docs: dict[str, Doc] = {}
        self.requests: list[tuple[str, str, int]] = []
        self.faults: dict[str, list[str]] = {}  # path → faults to apply to its next requests, in order
        self.special: dict[str, Response] = {}  # path → a fixed answer (redirects, wrong types, challenges)
        self.lock = threading.Lock()
        self._next_key = 1000
        self.base = ""
        for i in range(n):
            self.entries.append(self._make_entry(CYCLE[i % len(CYCLE)], i, date(2025, 6, 30) - timedelta(days=9 * i)))
        self._server: ThreadingHTTPServer | None = None

    # -- model ----------------------------------------------------------------------------------
    def _make_entry(self, kind: str, i: int, when: date) -> Entry:
        self._next_key += 1
        e = Entry(key=self._next_key, kind=kind, title=_title(kind, i), date=when, gbk_detail=i % 5 == 0)
        e.detail_path = self.detail_path(e)
        if kind == "report_cut":
            e.list_date = "1970-01-01"  # impossible list date: the detail page's PubDate must win
        for j, (ext, name, relevant) in enumerate(self._doc_plan(e)):
            # a container's attachments are only recognisable by a visible name: no bare viewers there
            style = self.styles[0] if kind.startswith("container") else self.styles[(i + j) % len(self.styles)]
            doc = self.make_doc(e, j, ext, name, style, relevant)
            e.docs.append(doc)
            self.docs[doc.path] = doc
        return e

    def _doc_plan(self, e: Entry) -> list[tuple[str, str, bool]]:
        if e.kind in ("report", "report_cut", "report_hidden"):
            return [("pdf", e.title, True)]
        if e.kind == "report2":
            return [("docx", e.title.replace("自评情况", "自评报告"), True), ("xlsx", f"附件2：{e.title[:-4]}自评表", True)]
        if e.kind == "container":
            return [("xlsx", f"{e.title[:-6]}项目支出绩效自评表", True), ("xls", f"{e.title[:-2]}报表", False)]
        if e.kind == "container_off":
            return [("xls", f"{e.title[:-2]}报表", False)]
        if e.kind == "off":
            return [("pdf", e.title, False)]
        return []

    def make_doc(self, e: Entry, j: int, ext: str, name: str, style: str, relevant: bool) -> Doc:
        stamp = e.date.strftime("%Y%m%d")
        path = f"{self.detail_dir(e)}P0{stamp}{e.key:05d}{j}.{ext}"
        shown = f"{name}.{ext}"
        expected = path.rsplit("/", 1)[-1] if style in ("iframe", "script", "embed") else shown
        return Doc(path=path, link="./" + path.rsplit("/", 1)[-1], name=expected, ext=ext,
                   body=_body(e.key * 10 + j, ext), style=style, relevant=relevant, label=shown)

    def detail_dir(self, e: Entry) -> str:
        return self.detail_path(e).rsplit("/", 1)[0] + "/"

    def detail_path(self, e: Entry) -> str:
        return f"/zwgk/jxzp/{e.date:%Y%m}/t{e.date:%Y%m%d}_{e.key}.html"

    def add_items(self, n: int) -> list[Entry]:
        """Publish `n` new reports at the top of the column (newest first)."""
        new = []
        for k in range(n):
            e = self._make_entry("report", 100 + k, date(2025, 7, 10) + timedelta(days=n - k))
            new.append(e)
        with self.lock:
            self.entries[:0] = new
        return new

    # -- truth ----------------------------------------------------------------------------------
    def url(self, path: str) -> str:
        return self.base + path

    def expected_documents(self) -> dict[str, tuple[Entry, str]]:
        """Document URL → (entry, expected file name) for everything a correct crawl downloads."""
        out: dict[str, tuple[Entry, str]] = {}
        for e in self.entries:
            if e.article:
                out[self.url(e.detail_path)] = (e, e.title)
            elif e.relevant:
                for d in e.docs:
                    if d.relevant or e.kind != "container":
                        out[self.url(d.path)] = (e, d.name)
        return out

    def list_requests(self) -> int:
        """List requests a full crawl of the column needs: one per list page (families whose list requests
        are not their pages say otherwise)."""
        return len(self.chunks())

    def listing_names_documents(self, e: Entry) -> bool:
        """The list itself names the entry's documents, so its detail page need not be read."""
        return False

    def ideal_requests(self) -> dict[str, int]:
        """What a perfect full crawl requests, from this portal's truth: every list request, the detail page of
        every relevant entry and of every title that cannot tell (`Entry.maybe`) unless the listing names its
        documents, and every document to store that is not itself a detail page (an article is its page)."""
        pages = {self.url(e.detail_path) for e in self.entries
                 if (e.relevant or e.maybe) and not self.listing_names_documents(e)}
        documents = set(self.expected_documents()) - {self.url(e.detail_path) for e in self.entries}
        return {"list": self.list_requests(), "detail": len(pages), "document": len(documents)}

    def request_kind(self, path: str) -> str:
        """What a logged request path was: robots.txt, a detail page, a document, or a list request."""
        if path == "/robots.txt":
            return "robots.txt"
        if path in self.docs:
            return "document"
        if any(path == e.detail_path for e in self.entries):
            return "detail"
        return "list"

    def off_topic_urls(self) -> set[str]:
        urls = set()
        for e in self.entries:
            if not e.relevant:
                urls.add(self.url(e.detail_path))
                urls.update(self.url(d.path) for d in e.docs)
            elif e.kind == "container":
                urls.update(self.url(d.path) for d in e.docs if not d.relevant)
        return urls

    def source(self, **overrides) -> dict:
        host = urlsplit(self.base).hostname
        cfg = {"id": self.source_id, "name": f"测试{self.family}", "family": self.family,
               "start_urls": [self.url(p) for p in self.start_paths()], "allow_private_network": True,
               "allow_hosts": [host], "politeness": {"requests_per_second": 50, "concurrency": 4,
                                                     "timeout_s": 2, "max_retries": 3}}
        cfg.update(self.source_extra())
        cfg.update(overrides)
        return cfg

    def source_extra(self) -> dict:
        return {}

    def start_paths(self) -> list[str]:
        return ["/zwgk/jxzp/index.html"]

    # -- serving --------------------------------------------------------------------------------
    def start(self, port: int = 0) -> Portal:
        """Serve on 127.0.0.1 (port 0: a free port; a fixed port lets a fresh portal take an old one's URLs)."""
        self._server = _Server(self, port)
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> Portal:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def log(self, method: str, path: str, status: int) -> None:
        with self.lock:
            self.requests.append((method, path, status))

    def hits(self, predicate=None) -> list[tuple[str, str, int]]:
        with self.lock:
            return [r for r in self.requests if predicate is None or predicate(r)]

    def reset_log(self) -> None:
        with self.lock:
            self.requests.clear()

    def next_fault(self, path: str) -> str | None:
        with self.lock:
            plan = self.faults.get(path)
            return plan.pop(0) if plan else None

    def route(self, method: str, path: str, query: dict[str, str], form: dict[str, str]) -> Response:
        if path in self.special:
            return self.special[path]
        if path == "/robots.txt":
            return Response(200, b"User-agent: *\nDisallow: /admin/\n", "text/plain")
        full = path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
        doc = self.docs.get(full) or self.docs.get(path)
        if doc is not None:
            return self.serve_doc(doc)
        for e in self.entries:
            if e.detail_path == path:
                html = self.render_detail(e)
                return html_response(html, gbk=e.gbk_detail)
        page = self.render_list(method, path, query, form)
        return page if page is not None else Response(404, b"<html><body><h1>404 Not Found</h1></body></html>")

    def serve_doc(self, doc: Doc) -> Response:
        headers = {}
        if doc.disposition == "gbk-raw":
            headers["Content-Disposition"] = (b'attachment; filename="' + doc.name.encode("gbk") + b'"').decode(
                "latin-1")
        elif doc.disposition == "rfc5987":
            headers["Content-Disposition"] = f"attachment; filename=\"download.{doc.ext}\"; filename*=UTF-8''{quote(doc.name)}"
        return Response(200, doc.body, CTYPE[doc.ext], headers, cacheable=True)

    # -- rendering helpers ------------------------------------------------------------------------
    def list_date(self, e: Entry) -> str:
        return e.list_date or e.date.isoformat()

    def attachment_html(self, e: Entry) -> str:
        parts = []
        for d in e.docs:
            if d.style == "href":
                parts.append(f'<p><a href="{d.link}" target="_blank">{d.label}</a></p>')
            elif d.style == "downloadFj":
                parts.append(f'<a style="cursor: pointer;" onclick="downloadFj(\'{d.label}\',\'{d.link}\')">'
                             f'{d.label}</a><br/>')
            elif d.style == "iframe":
                parts.append(f'<iframe src="/pdfjs/web/viewer.html?file={self.url(d.path)}" width="100%" '
                             'height="800"></iframe>')
            elif d.style == "script":
                parts.append('<div class="pdfBox"><iframe id="pdf_iframe" src=""></iframe></div>'
                             f'<script>var sPdfUrl = "{d.path}";\n'
                             'if (sPdfUrl.indexOf(".pdf") != -1) { document.getElementById("pdf_iframe").src = sPdfUrl; }'
                             '</script>')
            elif d.style == "onclick":
                parts.append(f'<a href="javascript:void(0)" onclick="window.open(\'{d.path}\')">附件：{d.label}</a>')
            elif d.style == "embed":
                parts.append(f'<embed src="{d.path}" type="application/pdf" width="100%" height="600">')
            elif d.style == "download_attr":
                parts.append(f'<p>{len(parts) + 1}．<a href="{self.url(d.path)}" download="{d.label}" '
                             f'target="_blank">{d.label}</a></p>')
        return "\n".join(parts)

    def report_body(self, e: Entry) -> str:
        return (f"<p>一、部门基本情况</p><p>{e.title[:-6]}共有预算单位1个。</p><p>二、绩效自评结论</p>"
                "<p>经自评，2023年度部门整体支出绩效自评得分95.5分，等级为优。</p>") if e.article \
            else f"<p>现将{e.title}予以公开。</p>"

    def render_detail(self, e: Entry) -> str:
        return (f'<!DOCTYPE html><html><head><meta charset="{"gb2312" if e.gbk_detail else "utf-8"}">'
                f'<meta name="ArticleTitle" content="{e.title}"><meta name="PubDate" content="{e.date} 10:26">'
                f'<title>{e.title}_测试县人民政府</title>'
                '<script src="/js/common.js"></script></head><body>'
                '<div class="nav"><a href="/">首页</a> &gt; <a href="./index.html">绩效自评</a></div>'
                f'<h1>{e.title}</h1><div class="info">发布时间：{e.date} 10:26 来源：县财政局</div>'
                f'<div class="trs_editor_view TRS_UEDITOR">{self.report_body(e)}</div>'
                f'<div class="fj">{self.attachment_html(e)}</div>'
                '<div class="footer">主办：测试县人民政府 <a href="/wzdt.html">网站地图</a></div></body></html>')

    def render_list(self, method: str, path: str, query: dict[str, str], form: dict[str, str]) -> Response | None:
        raise NotImplementedError

    def chunks(self) -> list[list[Entry]]:
        with self.lock:
            entries = list(self.entries)
        return [entries[i:i + self.page_size] for i in range(0, len(entries), self.page_size)]


@dataclass
class Response:
    status: int
    body: bytes
    ctype: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    cacheable: bool = False  # ETag/Last-Modified and 304 support


LAST_MODIFIED = email.utils.formatdate(time.mktime((2025, 7, 1, 8, 0, 0, 0, 0, 0)), usegmt=True)


def html_response(html: str, gbk: bool = False, ctype: str | None = None) -> Response:
    body = html.encode("gbk") if gbk else html.encode("utf-8")
    return Response(200, body, ctype or ("text/html" if gbk else "text/html; charset=utf-8"), cacheable=True)


@functools.lru_cache(maxsize=4)
def _gzip_bomb(mb: int) -> bytes:
    """`mb` MiB of HTML compressed to a few hundred KB (built once per size)."""
    import gzip

    return gzip.compress(b"<html><body>" + b"<p>" * ((mb << 20) // 3) + b"</body></html>", 6)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, portal: Portal, port: int = 0):
        self.portal = portal
        super().__init__(("127.0.0.1", port), _Handler)

    def handle_error(self, request, client_address) -> None:  # injected resets are expected
        pass


class Body(dict):
    """A POST's parameters (form fields, or the JSON object's members) and the Content-Type they came with."""

    content_type: str = ""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall
    server: _Server
    server_version = "nginx"
    sys_version = ""

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        self._handle("GET", {})

    def do_POST(self) -> None:  # noqa: N802
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n).decode("utf-8") if n else ""
        ctype = self.headers.get("Content-Type") or ""
        if ctype.startswith("application/json"):
            try:
                body = Body(json.loads(raw) if raw else {})
            except ValueError:
                body = Body()
        else:
            body = Body({k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()})
        body.content_type = ctype
        self._handle("POST", body)

    def _handle(self, method: str, form: dict[str, str]) -> None:
        portal = self.server.portal
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        fault = portal.next_fault(self.path) or portal.next_fault(parts.path)
        if fault and self._fault(fault, portal):
            return
        try:
            resp = portal.route(method, parts.path, query, form)
        except Exception as exc:  # a bug in a test portal should show, not hang the client
            resp = Response(500, f"portal error {exc!r}".encode())
        self._send(resp, portal)

    def _send(self, resp: Response, portal: Portal) -> None:
        headers = dict(resp.headers)
        if resp.cacheable and resp.status == 200:
            etag = '"' + hashlib.sha1(resp.body).hexdigest()[:16] + '"'
            headers.update({"ETag": etag, "Last-Modified": LAST_MODIFIED})
            if self.headers.get("If-None-Match") == etag:
                portal.log(self.command, self.path, 304)  # logged before answering: the client may be quick
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        portal.log(self.command, self.path, resp.status)
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.ctype)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(resp.body)))
        self.end_headers()
        self.wfile.write(resp.body)

    def _fault(self, fault: str, portal: Portal) -> bool:
        """Apply one injected fault; True if the request is fully answered by it."""
        kind, _, arg = fault.partition(":")
        portal.log(self.command, self.path, -1 if kind in ("reset", "timeout", "truncate", "bigstream", "drip",
                                                           "gzipbomb") else int(kind)
                   if kind.isdigit() else 0)
        if kind == "reset":  # RST instead of an answer
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return True
        if kind == "timeout":
            time.sleep(float(arg or 3))
            self.close_connection = True
            return True
        if kind == "bigstream":  # no Content-Length: the body runs until the server closes, past any cap
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = PDF + b"0" * 65536
            for _ in range(int(arg or 40)):
                try:
                    self.wfile.write(chunk)
                except OSError:
                    break
            self.close_connection = True
            return True
        if kind == "drip":  # slow loris with a Content-Length: one byte at a time, far slower than any cap
            n = int(arg or 200)
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(n))
            self.end_headers()
            for _ in range(n):
                try:
                    self.wfile.write(b"0")
                    self.wfile.flush()
                except OSError:
                    break
                time.sleep(0.2)
            self.close_connection = True
            return True
        if kind == "gzipbomb":  # a small gzip body that inflates to a huge HTML page
            body = _gzip_bomb(int(arg or 64))
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return True
        if kind == "truncate":
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(PDF + b"only the beginning")
            self.close_connection = True
            return True
        if kind.isdigit():
            headers = {"Retry-After": arg} if arg else {}
            body = f"<html><body>{kind} busy</body></html>".encode()
            self.send_response(int(kind))
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return True
        return False


# ------------------------------------------------------------------------------------------------
# TRS WCM static list
# ------------------------------------------------------------------------------------------------

class TrsPortal(Portal):
    family = "static_list"
    styles = ["href", "downloadFj", "iframe"]

    def render_list(self, method, path, query, form):
        m = path.rsplit("/", 1)
        if m[0] != "/zwgk/jxzp":
            return None
        name = m[1]
        chunks = self.chunks()
        idx = 0 if name == "index.html" else (int(name[6:-5]) if name.startswith("index_") else -1)
        if not 0 <= idx < len(chunks):
            return None
        rows = "\n".join(
            f'<li><a href=".{e.detail_path[len("/zwgk/jxzp"):]}" target="_blank" title="{e.title}">{e.title}</a>'
            f'<span>{self.list_date(e)}</span></li>' for e in chunks[idx])
        html = (f'<!DOCTYPE html><html><head><meta charset="gb2312"><title>绩效自评_测试县人民政府</title>'
                '<link rel="stylesheet" href="/images/2021/common.css"></head><body>'
                '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>'
                f'<div class="main"><ul class="list">{rows}</ul>'
                f'<div class="page"><script>createPageHTML({len(chunks)}, {idx}, "index", "html");</script></div>'
                '</div></body></html>')
        return html_response(html, gbk=idx == 1)  # page 2 is served as real GBK bytes


# ------------------------------------------------------------------------------------------------
# Hanweb JCMS: column page with <datastore> + POST dataproxy.jsp
# ------------------------------------------------------------------------------------------------

class HanwebPortal(Portal):
    family = "hanweb_jcms"
    perpage, group = 6, 2
    styles = ["downfile", "script", "href"]

    def detail_path(self, e: Entry) -> str:
        return f"/art/{e.date.year}/{e.date.month}/{e.date.day}/art_1234_{e.key}.html"

    def make_doc(self, e, j, ext, name, style, relevant):
        shown = f"{name}.{ext}"
        if style == "downfile":
            fname = f"{e.date:%y%m%d}1026{e.key}{j}.{ext}"
            path = f"/module/download/downfile.jsp?classid=0&filename={fname}"
            return Doc(path=path, link=path, name=shown, ext=ext, body=_body(e.key * 10 + j, ext), style="href",
                       relevant=relevant, disposition="gbk-raw", label=shown)
        if style == "script":
            path = f"/cms_files/filemanager/1544130/attach/{e.date:%Y%m}/{e.key:08X}{j}.{ext}"
            kind = "script" if ext == "pdf" else "href"
            return Doc(path=path, link=path, name=path.rsplit("/", 1)[-1] if kind == "script" else shown, ext=ext,
                       body=_body(e.key * 10 + j, ext), style=kind, relevant=relevant, label=shown)
        path = f"/picture/0/{e.date:%y%m%d}{e.key}{j}.{ext}"
        return Doc(path=path, link=path, name=shown, ext=ext, body=_body(e.key * 10 + j, ext), style="href",
                   relevant=relevant, label=shown)

    def start_paths(self):
        return ["/col/col1234/index.html"]

    def list_requests(self) -> int:
        return -(-len(self.entries) // (self.perpage * self.group))  # column page, then one POST per group

    def record(self, e: Entry) -> str:
        return (f'<li><a href="{e.detail_path}" title="{e.title}" target="_blank">{e.title}</a>'
                f'<span class="bt-data-time">[{self.list_date(e)}]</span></li>')

    def render_detail(self, e: Entry) -> str:
        return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="SiteName" content="测试市人民政府">'
                f'<meta name="ArticleTitle" content="{e.title}"><meta name="pubdate" content="{e.date} 09:16"/>'
                f'<meta name="i_webid" content="21"><meta name="i_columnid" content="1234"></head><body>'
                f'<table><tr><td class="title">{e.title}</td></tr><tr><td>发布日期：{e.date} 信息来源：市财政局</td></tr>'
                f'<tr><td class="bt_content"><div id="zoom">{self.report_body(e)}'
                f'{self.attachment_html(e)}</div></td></tr></table></body></html>')

    def render_list(self, method, path, query, form):
        with self.lock:
            entries = list(self.entries)
        if path == "/col/col1234/index.html":
            first = entries[: self.perpage * self.group]
            records = "".join(f"<record><![CDATA[\n{self.record(e)}\n]]></record>" for e in first)
            nextgroup = ('<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=21&path=/&columnid=1234'
                         f'&unitid=5678&webname={quote("测试市人民政府")}&permissiontype=0"></a>')
            html = ('<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="WebId" content="21">'
                    '<meta name="SiteName" content="测试市人民政府"><meta name="i_webid" content="21">'
                    '<meta name="i_columnid" content="1234"><title>绩效自评 测试市人民政府</title></head><body>'
                    '<div class="sidebar"><div id="9999"><script type="text/xml"><datastore><recordset>'
                    '<record><![CDATA[<li><a href="/art/2025/1/2/art_77_1.html">市长信箱</a></li>]]></record>'
                    '</recordset></datastore></script></div></div>'
                    f'<div class="main"><div id="5678"><script type="text/xml"><datastore><nextgroup><![CDATA[{nextgroup}]]>'
                    f'</nextgroup><recordset>{records}</recordset></datastore></script>'
                    '<script language="javascript" src="/module/web/jpage/jpage.js"></script></div>'
                    "<script>$(document).ready(function(){ $('#5678').jpage({ dataStore: dataStore, "
                    f"proxyUrl:'/module/web/jpage/dataproxy.jsp', perPage:{self.perpage}, totalRecord:{len(entries)}, "
                    f"groupSize:{self.group}, barPosition:'bottom', dataBefore:'<ul class=\"list\">', "
                    "dataAfter:'</ul>', ajaxParam:{} }); });</script></div></body></html>")
            return html_response(html)
        if path == "/module/web/jpage/dataproxy.jsp" and method == "POST":
            need = {"columnid": "1234", "unitid": "5678", "webid": "21", "col": "1", "appid": "1"}
            if any(form.get(k) != v for k, v in need.items()) or form.get("webname") != "测试市人民政府":
                return Response(200, b'<?xml version="1.0" encoding="UTF-8"?><datastore><recordset></recordset>'
                                     b'</datastore>', "text/xml;charset=UTF-8")
            start, end = int(query["startrecord"]), int(query["endrecord"])
            rows = entries[start - 1: end]
            xml = ('<?xml version="1.0" encoding="GBK"?>\n<datastore>\n'
                   f'<totalrecord>{len(entries)}</totalrecord><totalpage>{-(-len(entries) // self.perpage)}</totalpage>\n'
                   '<recordset>\n' + "".join(f"<record><![CDATA[\n{self.record(e)}\n]]></record>\n" for e in rows)
                   + "</recordset>\n</datastore>")
            return Response(200, xml.encode("gbk"), "text/xml;charset=GBK")
        return None


# ------------------------------------------------------------------------------------------------
# VSB (博达): backwards-numbered pages
# ------------------------------------------------------------------------------------------------

class VsbPortal(Portal):
    family = "vsb"
    styles = ["vsb", "href", "iframe"]

    def detail_path(self, e):
        return f"/info/1134/{e.key}.htm"

    def make_doc(self, e, j, ext, name, style, relevant):
        shown = f"{name}.{ext}"
        if style == "vsb":
            path = f"/system/_content/download.jsp?urltype=news.DownloadAttachUrl&owner=1216&wbfileid={e.key}{j}"
            return Doc(path=path, link=path, name=shown, ext=ext, body=_body(e.key * 10 + j, ext), style="vsb",
                       relevant=relevant, disposition="rfc5987", label=name)
        path = f"/__local/8/{e.key:06X}{j}.{ext}"
        return Doc(path=path, link=path, name=path.rsplit("/", 1)[-1] if style == "iframe" else shown, ext=ext,
                   body=_body(e.key * 10 + j, ext), style=style, relevant=relevant, label=shown)

    def start_paths(self):
        return ["/xxgk/jxzp.htm"]

    def attachment_html(self, e):
        vsb = [d for d in e.docs if d.style == "vsb"]
        rest = Portal.attachment_html(self, Entry(e.key, e.kind, e.title, e.date, docs=[d for d in e.docs
                                                                                          if d.style != "vsb"]))
        lis = "".join(f'<li>附件【<a href="{d.link}" target="_blank">{d.label}</a>】已下载'
                      f'<span id="nattach{e.key}"><script language="javascript">getClickTimes({e.key},1216,'
                      '"wbnewsfile","attach")</script></span>次</li>' for d in vsb)
        return (f'<ul style="list-style-type:none;">{lis}</ul>' if lis else "") + rest

    def render_detail(self, e):
        return ('<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
                f'<title>{e.title}-测试市交通运输局</title></head><body><form name="_newscontent_fromname">'
                f'<div class="content-title"><h3>{e.title}</h3><i>发布时间：{e.date:%Y年%m月%d日} 来源：办公室</i></div>'
                f'<div id="vsb_content"><div class="v_news_content">{self.report_body(e)}</div></div>'
                f'{self.attachment_html(e)}</form></body></html>')

    def row(self, e: Entry, rel: str) -> str:
        if e.kind == "report_cut":  # cut by the template, no title attribute: only the detail page says what it is
            return f'<li id="line_u8_{e.key}"><a href="{rel}info/1134/{e.key}.htm" target="_blank">{e.title[:14]}...' \
                   f'</a><span>{self.list_date(e)}</span></li>'
        return (f'<li id="line_u8_{e.key}"><a href="{rel}info/1134/{e.key}.htm" target="_blank" '
                f'title="主题：{e.title} 日期：{e.date}">{e.title[:16]}{"..." if len(e.title) > 16 else ""}</a>'
                f'<span>{self.list_date(e)}</span></li>')

    def render_list(self, method, path, query, form):
        chunks = self.chunks()
        n = len(chunks)
        if path == "/xxgk/jxzp.htm":
            idx, rel = 0, "../"
        elif path.startswith("/xxgk/jxzp/") and path.endswith(".htm") and path[11:-4].isdigit():
            idx, rel = n - int(path[11:-4]), "../../"
            if not 1 <= idx < n:
                return None
        else:
            return None
        rows = "\n".join(self.row(e, rel) for e in chunks[idx])
        pfx = "jxzp/" if idx == 0 else ""
        nxt = f'<a href="{pfx}{n - idx - 1}.htm">下页</a>' if idx < n - 1 else "下页"
        html = ('<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
                '<title>绩效自评-测试市交通运输局</title><link rel="stylesheet" href="../index.vsb.css"></head><body>'
                '<div class="menu"><ul><li><a href="../index.htm">首页</a></li><li><a href="../jtgk1.htm">交通概况</a>'
                f'</li></ul></div><div class="list"><ul>{rows}</ul></div>'
                f'<div class="pb_sys_common pb_sys_normal pb_sys_style1"><span class="p_t">共{sum(map(len, chunks))}条'
                f'</span><span class="p_t">{idx + 1}/{n}</span><span class="p_pages">{nxt}'
                f'<span class="p_last p_fun"><a href="{pfx}1.htm">尾页</a></span></span></div></body></html>')
        return html_response(html)


# ------------------------------------------------------------------------------------------------
# Guangdong gkmlpt JSON API
# ------------------------------------------------------------------------------------------------

class GkmlptPortal(Portal):
    family = "gkmlpt"
    styles = ["download_attr", "listed", "download_attr"]

    def detail_path(self, e):
        return f"/gkmlpt/content/5/{e.key // 100}/post_{e.key}.html"

    def make_doc(self, e, j, ext, name, style, relevant):
        ext = "wps" if ext == "docx" else ext
        path = f"/attachment/0/{e.key // 10}/{e.key}{j}/{e.key}.{ext}"
        shown = f"附件{j + 1}：{name}.{ext}"
        return Doc(path=path, link=path, name=shown, ext=ext, body=_body(e.key * 10 + j, ext), style=style,
                   relevant=relevant, label=shown)

    def start_paths(self):
        return ["/gkmlpt/index#368"]

    def list_requests(self) -> int:
        return 1 + len(self.chunks())  # the shell page that names the SID, then the API pages

    def listing_names_documents(self, e: Entry) -> bool:
        return any(d.style == "listed" for d in e.docs)

    def article(self, e: Entry) -> dict:
        ts = int(datetime(e.date.year, e.date.month, e.date.day, 10, 0, tzinfo=CHINA).timestamp())
        first = 0 if e.kind == "report_cut" else ts  # an unset first_publish_time: publish_time must be used
        out = {"id": e.key, "title": e.title, "url": self.url(e.detail_path), "publisher": "测试市交通运输局",
               "first_publish_time": first, "publish_time": ts, "display_publish_time": ts, "document_number": "",
               "attachment": []}
        if any(d.style == "listed" for d in e.docs):
            out["attachment"] = [{"name": d.label, "url": self.url(d.path)} for d in e.docs]
        return out

    def render_detail(self, e):
        atts = [d for d in e.docs if d.style != "listed"]
        detail = json.dumps({"id": e.key, "title": e.title}, ensure_ascii=True)
        links = "".join(f'<p style="margin-bottom: 0">{i + 1}．<a href="{self.url(d.path)}" download="{d.label}" '
                        f'target="_blank">{d.label}</a></p>' for i, d in enumerate(atts))
        return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="PubDate" content="{e.date} 10:00">'
                f'<meta name="ArticleTitle" content="{e.title}"><script>window._CONFIG = {{ SID: \'757039\', '
                f'DETAIL: {detail} }};</script></head><body><div class="article-content">{self.report_body(e)}'
                + (f'<p style="margin-bottom: 0">附件：</p>{links}' if links else "") + '</div></body></html>')

    def render_list(self, method, path, query, form):
        if path == "/gkmlpt/index":
            return html_response((FIXTURES / "gkmlpt-shell.html").read_text("utf-8"))
        if path == "/gkmlpt/api/all/368":
            if query.get("sid") != "757039":
                return Response(200, b'{"code":403,"msg":"sid error"}', "application/json")
            chunks = self.chunks()
            page = int(query.get("page", 1))
            arts = [self.article(e) for e in chunks[page - 1]] if 1 <= page <= len(chunks) else []
            body = {"articles": arts, "total": sum(map(len, chunks)), "page": page, "classify": {"id": 368}}
            return Response(200, json.dumps(body, ensure_ascii=False).encode(), "application/json; charset=utf-8")
        return None


# ------------------------------------------------------------------------------------------------
# Site search: JSON API and Hanweb jsearch HTML, over TRS-style detail pages
# ------------------------------------------------------------------------------------------------

class SearchPortal(TrsPortal):
    family = "search"

    def __init__(self, n: int = 36, source_id: str | None = None, fmt: str = "json"):
        self.fmt = fmt
        super().__init__(n, source_id or f"t-search-{fmt}")

    def start_paths(self):
        if self.fmt.startswith("jsearch"):
            return ["/jsearchfront/interfaces/cateSearch.do"]
        return ["/search/api" if self.fmt == "json" else "/jsearchfront/search.do"]

    def source_extra(self):
        if self.fmt.startswith("jsearch"):
            # Hanweb jsearchfront: POST cateSearch.do answers JSON whose `result` holds HTML snippets linking
            # through visit/link.do?url=<target>; "jsearch-html" is the misconfigured YAML (format: html)
            fmt = {"format": "json", "items": "result", "total": "total"} if self.fmt == "jsearch-json" \
                else {"format": "html"}
            return {"search": {"keywords": ["绩效自评"], "query_param": "q", "page_param": "p", "method": "POST",
                               "params": {"websiteid": "430000000000000", "pg": "10", "tpl": "1321",
                                          "sortType": "2", "pos": "title,content"}, **fmt}}
        if self.fmt == "json":
            return {"search": {"keywords": ["绩效自评"], "query_param": "q", "page_param": "page",
                               "page_size_param": "pageSize", "page_size": 10,
                               "params": {"siteCode": "4300000001", "sort": "time"}, "items": "data.list",
                               "title": "title", "url": "url", "date": "pubDate", "total": "data.total"}}
        return {"search": {"keywords": ["绩效自评"], "query_param": "q", "page_param": "p", "format": "html",
                           "params": {"websiteid": "430000000000000", "pg": "10", "tpl": "1"}},
                "list": {"item": "div.jcse-result-box", "link": ".jcse-news-title a", "date": ".jcse-news-date"}}

    def hit(self, e: Entry) -> str:
        return e.title.replace("绩效自评", "<em>绩效自评</em>")

    def render_list(self, method, path, query, form):
        if path == "/jsearchfront/interfaces/cateSearch.do":
            return self.render_catesearch(method, form)
        if path not in ("/search/api", "/jsearchfront/search.do") or query.get("q") != "绩效自评":
            return super().render_list(method, path, query, form)
        chunks = self.chunks()
        page = int(query.get("page") or query.get("p") or 1)
        rows = chunks[page - 1] if 1 <= page <= len(chunks) else []
        if path == "/search/api":
            data = {"code": 200, "data": {"total": sum(map(len, chunks)), "page": page, "list": [
                {"title": self.hit(e), "url": e.detail_path, "pubDate": f"{self.list_date(e)} 10:26:00",
                 "source": "测试县财政局"} for e in rows]}}
            return Response(200, json.dumps(data, ensure_ascii=False).encode(), "application/json;charset=UTF-8")
        boxes = "".join(f'<div class="jcse-result-box news-result"><div class="jcse-news-title">'
                        f'<a href="{e.detail_path}" target="_blank">{self.hit(e)}</a></div>'
                        f'<div class="jcse-news-abs">…</div><div class="jcse-news-date">{self.list_date(e)}</div></div>'
                        for e in rows)
        return html_response(f'<html><head><meta charset="utf-8"></head><body><div id="jcse-result">{boxes}</div>'
                             f'<div class="jcse-paging">共{len(chunks)}页</div></body></html>')


    def render_catesearch(self, method, form):
        if method != "POST" or form.get("q") != "绩效自评" or form.get("websiteid") != "430000000000000":
            return Response(200, b'{"result":false,"msg":"param error"}', "application/json;charset=UTF-8")
        chunks = self.chunks()
        page = int(form.get("p") or 1)
        rows = chunks[page - 1] if 1 <= page <= len(chunks) else []
        snippets = []
        for e in rows:
            target = self.url(e.detail_path)
            shown = self.hit(e) if len(e.title) <= 28 else self.hit(e)[:40] + "..."  # long titles cut, like the site
            link = (f"visit/link.do?url={quote(target, safe='')}&q={quote('绩效自评')}&websiteid=430000000000000"
                    f"&title={quote(e.title)}&tpl=1321")
            snippets.append(f'<div class="jcse-news-title"><a href="{link}" target="_blank">{shown}</a></div>'
                            f'<div class="jcse-news-abs">…<em>绩效自评</em>…</div>'
                            f'<div class="jcse-news-url">{target}</div>'
                            f'<span class="jcse-news-date">{self.list_date(e)}</span>')
        body = {"result": snippets, "total": sum(map(len, chunks)), "totalPage": len(chunks), "p": page,
                "categoryTotal": {"0": sum(map(len, chunks))}}
        return Response(200, json.dumps(body, ensure_ascii=False).encode(), "application/json;charset=UTF-8")


# ------------------------------------------------------------------------------------------------
# Site search platforms: TRS 海云 IRS (JSON POST) and 开普云 (search5 form POST; server-rendered HTML)
# ------------------------------------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[2] / "sources" / "examples"


def _json_response(data: object) -> Response:
    return Response(200, json.dumps(data, ensure_ascii=False).encode(), "application/json;charset=UTF-8")


def _page_slice(entries: list[Entry], page: int, size: int) -> list[Entry]:
    """Result page `page` (1-based) of `size` hits, as a search engine pages by offset."""
    return entries[(page - 1) * size: page * size] if page >= 1 else []


def _int(value: object, default: int) -> int:
    """A page number or size as a JSON number or form text; anything else is the server's default."""
    text = str(value) if value is not None else ""
    return int(text) if text.isdigit() else default


class PlatformSearchPortal(SearchPortal):
    """A search platform's fake, configured by the example YAML an ops user would copy (`EXAMPLE`)."""

    EXAMPLE = ""
    KEYWORD = "绩效自评"
    MAX_PAGE_SIZE = 50  # the platforms cap what a client may ask for

    def __init__(self, n: int = 36, source_id: str | None = None):
        super().__init__(n, source_id, fmt=self.EXAMPLE)

    def example(self) -> dict:
        import yaml

        return yaml.safe_load((EXAMPLES / f"{self.EXAMPLE}.yaml").read_text("utf-8"))

    def source_extra(self):
        return {k: v for k, v in self.example().items() if k in ("search", "list")}

    def list_requests(self) -> int:
        return -(-len(self.entries) // self.example()["search"]["page_size"])

    def hits_for(self, word: object) -> list[Entry]:
        """What the engine finds for `word`, newest first (the fake indexes the whole column)."""
        with self.lock:
            return list(self.entries) if word == self.KEYWORD else []

    def render_list(self, method, path, query, form):
        return self.render_search(method, query, form) if path == self.start_paths()[0] else None

    def render_search(self, method: str, query: dict[str, str], form: dict) -> Response:
        raise NotImplementedError


class TrsIrsSearchPortal(PlatformSearchPortal):
    """TRS 海云 search (拓尔思 IRS/IGS), `POST /irs/front/search` with a JSON body.

    Shape from public crawlers of it: hainan `collect_survey_indep.py` (海口 `/irs/front/search`, body
    code/dataTypeId/searchWord/pageNo/pageSize/searchBy/orderBy, "orderBy/searchBy 必填，否则'排序方式不能为空'",
    answer data.pager.total and data.middle.listAndBox[].data.{title, title_no_tag, url, time, content, source},
    highlights <span>/<em> stripped), a 吉林 haiyun.jl.gov.cn script (JSON-serialised body, `"pageNo": 1` as a
    number, time "2025-02-07 00:00:00"), and Go structs of mfa.gov.cn's answer (success, msg, data.pager
    {pageNo, pageSize, pageCount, total}).
    """

    EXAMPLE = "search-trs-irs"
    CODE, DATA_TYPE = "17d1d69fedf", "259"

    def start_paths(self):
        return ["/irs/front/search"]

    def render_search(self, method, query, form):
        if method != "POST" or not getattr(form, "content_type", "").startswith("application/json"):
            return _json_response({"success": False, "code": 415, "msg": "Content type not supported", "data": None})
        if form.get("code") != self.CODE or str(form.get("dataTypeId")) != self.DATA_TYPE:
            return _json_response({"success": False, "code": 500, "msg": "检索配置不存在", "data": None})
        if not form.get("orderBy") or not form.get("searchBy"):
            return _json_response({"success": False, "code": 500, "msg": "排序方式不能为空", "data": None})
        hits = self.hits_for(form.get("searchWord"))
        size = min(_int(form.get("pageSize"), 10), self.MAX_PAGE_SIZE)
        page = _int(form.get("pageNo"), 1)
        rows = [{"type": "1", "data": {
            "title": self.hit(e), "title_no_tag": e.title, "url": self.url(e.detail_path),
            "time": f"{self.list_date(e)} 10:26:00", "content": "…部门<em>绩效自评</em>情况…", "source": "测试市财政局",
            "table-4": e.date.year}} for e in _page_slice(hits, page, size)]
        return _json_response({"success": True, "code": 200, "msg": "操作成功", "data": {
            "middle": {"listAndBox": rows, "list": []},
            "pager": {"pageNo": page, "pageSize": size, "pageCount": -(-len(hits) // size), "total": len(hits)}}})


class KaipuyunSearch5Portal(PlatformSearchPortal):
    """开普云 search5, a form `POST /search5/search/s` answered in JSON.

    Shape from public crawlers of it: hainan `collect_survey_indep.py` (文昌/五指山/乐东/昌江 `/search5/search/s`,
    body siteCode/searchWord/column/uc/left_right_index/pageSize/pageNum, answer searchResultAll.total and
    searchResultAll.searchTotal[].{title, url, pubDate, content, shortContent, siteName}, pubDate cut to
    [:10]) and a 赣州 crawler of zs.kaipuyun.cn (searchTotal[].{title, pubDate, url}).
    """

    EXAMPLE = "search-kaipuyun-search5"
    SITE_CODE = "4690050001"

    def start_paths(self):
        return ["/search5/search/s"]

    def hit(self, e: Entry) -> str:
        return e.title.replace(self.KEYWORD, f'<span style="color:red">{self.KEYWORD}</span>')

    def render_search(self, method, query, form):
        need = ("siteCode", "searchWord", "column", "uc", "left_right_index", "pageNum")
        if method != "POST" or any(k not in form for k in need) or form["siteCode"] != self.SITE_CODE:
            return html_response('<html><body><div class="error">请求参数错误，页面无法访问</div></body></html>')
        hits = self.hits_for(form["searchWord"])
        size = min(_int(form.get("pageSize"), 10), self.MAX_PAGE_SIZE)
        rows = [{"title": self.hit(e), "url": self.url(e.detail_path), "pubDate": f"{self.list_date(e)} 10:26:00",
                 "content": "…<span style=\"color:red\">绩效自评</span>…", "shortContent": "…",
                 "siteName": "测试县人民政府", "columnName": "绩效自评"}
                for e in _page_slice(hits, _int(form["pageNum"], 1), size)]
        return _json_response({"searchResultAll": {"total": len(hits), "searchTotal": rows},
                               "searchWord": form["searchWord"], "siteCode": self.SITE_CODE})


class KaipuyunHtmlPortal(PlatformSearchPortal):
    """开普云 server-rendered search results, `GET /search/s?q=1&qt=…&pageSize=10&siteCode=…&page=N`.

    Row markup from the platform's own result script (a public copy of its search JS builds
    `<div class="msg discuss"><div class="titleP"><a class="fl txt_color" href="view?qt=…&location=N&reference=…
    &url=<encodeUrl>&title=<encodeTitle>&database=…&siteCode=…">` with the title cut by passerHtmlStr(…, 20),
    `<span class="colo-666">docDate</span>`, "为您找到相关结果N个"); crawlers of so.kaipuyun.cn and of 成都
    portals' /search/s read `.titleP a/@title`, `span.colo-666` and `<font>` highlights in the summary, and
    follow `view?` to a page whose script sets `location.href = "…"`.
    """

    EXAMPLE = "search-kaipuyun-html"
    SITE_CODE = "5101000002"

    def start_paths(self):
        return ["/search/s"]

    def route(self, method, path, query, form):
        if path == "/search/view":  # the wrapper: a script redirect, nothing to parse
            target = query.get("url", "")
            return html_response(f'<html><head><script>location.href = "{target}";</script></head><body></body></html>')
        return super().route(method, path, query, form)

    def row(self, e: Entry, location: int, qt: str) -> str:
        title = e.title
        shown = title if len(title) <= 20 else title[:20] + "..."
        shown = shown.replace(self.KEYWORD, f'<font color="red">{self.KEYWORD}</font>')
        link = (f"view?qt={quote(qt)}&location={location}&reference={e.key:032x}&url={quote(self.url(e.detail_path), safe='')}"
                f"&title={quote(title)}&database=all&siteCode={self.SITE_CODE}")
        return (f'<div class="msg discuss"><div class="titleP"><a class="fl txt_color" target="_blank" href="{link}" '
                f'title="{title}">{shown}</a></div><div class="content"><p class="txt">现将部门整体支出'
                f'<font color="red">{self.KEYWORD}</font>情况公开如下...</p><a class="link" target="_blank" '
                f'href="{link}">测试市人民政府</a><i class="kuaizhao_line"> - </i>'
                f'<span class="colo-666" style="font-size:12px;">{self.list_date(e)}</span></div></div>')

    def render_search(self, method, query, form):
        if query.get("siteCode") != self.SITE_CODE:
            return html_response('<html><body><div class="error">请求参数错误，页面无法访问</div></body></html>')
        hits = self.hits_for(query.get("qt"))
        size = min(_int(query.get("pageSize"), 10), self.MAX_PAGE_SIZE)
        page = _int(query.get("page"), 1)
        rows = "".join(self.row(e, (page - 1) * size + i + 1, query.get("qt", ""))
                       for i, e in enumerate(_page_slice(hits, page, size)))
        pages = "".join(f'<a href="s?q=1&qt={quote(query.get("qt", ""))}&siteCode={self.SITE_CODE}&page={k}">{k}</a>'
                        for k in range(1, -(-len(hits) // size) + 1))
        return html_response(
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>搜索结果</title></head><body>'
            '<div class="header"><a href="/">首页</a><a href="s?siteCode=5101000002&qt=%E6%94%BF%E5%8A%A1">政务</a></div>'
            '<div id="hotsearchword"><b class="hot-start fl">热搜词：</b><div class="clearfix hot-word fl">'
            '<a href="s?qt=%E4%BA%BA%E4%BA%8B">人事</a></div></div>'
            f'<div id="sn-tools"><div class="resulte_num">为您找到相关结果{len(hits)}个 </div></div>'
            f'<div class="content_list" id="contentlist">{rows}</div>'
            f'<div class="page"><div id="Pagination">{pages}</div></div></body></html>')


# ------------------------------------------------------------------------------------------------
# Generic CSS list (GBK, a.next)
# ------------------------------------------------------------------------------------------------

class CssPortal(Portal):
    family = "css"
    styles = ["onclick", "embed", "href"]

    def detail_path(self, e):
        return f"/content/{e.date.year}/{e.date:%m%d}/{e.key}.html"

    def make_doc(self, e, j, ext, name, style, relevant):
        path = f"/upload/{e.date.year}/{e.date:%m}/{e.key:X}{j}.{ext}"
        shown = f"{name}.{ext}"
        expected = {"embed": path.rsplit("/", 1)[-1], "onclick": f"附件：{shown}"}.get(style, shown)
        return Doc(path=path, link=path, name=expected, ext=ext, body=_body(e.key * 10 + j, ext), style=style,
                   relevant=relevant, label=shown)

    def start_paths(self):
        return ["/xxgk/list.jsp?cat=jxzp&page=1"]

    def source_extra(self):
        return {"list": {"item": "div.news-item", "link": "h3 a", "date": "em.time", "next": "a.next"}}

    def render_detail(self, e):
        return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=GBK"></head><body>'
                f'<div class="article"><h2>{e.title}</h2><div class="meta">日期：{e.date:%Y年%m月%d日}</div>'
                f'{self.report_body(e)}{self.attachment_html(e)}</div></body></html>')

    def route(self, method, path, query, form):
        resp = super().route(method, path, query, form)
        if resp.ctype.startswith("text/html") and resp.status == 200:  # the whole site is GBK
            resp.body = resp.body.decode("utf-8").encode("gbk") if not _is_gbk(resp.body) else resp.body
            resp.ctype = "text/html;charset=GBK"
        return resp

    def render_list(self, method, path, query, form):
        if path != "/xxgk/list.jsp" or query.get("cat") != "jxzp":
            return None
        chunks = self.chunks()
        page = int(query.get("page", 1))
        if not 1 <= page <= len(chunks):
            return None
        rows = "".join(f'<div class="news-item"><h3><a href="{e.detail_path}">{e.title}</a></h3>'
                       f'<em class="time">{self.list_date(e)}</em></div>' for e in chunks[page - 1])
        nxt = f'<a class="next" href="?cat=jxzp&page={page + 1}">下一页</a>' if page < len(chunks) else ""
        return html_response(f'<html><head><meta charset="GBK"><title>绩效自评</title></head><body>'
                             f'<div class="list">{rows}</div><div class="pager">{nxt}</div></body></html>')


def _is_gbk(body: bytes) -> bool:
    try:
        body.decode("utf-8")
        return False
    except UnicodeDecodeError:
        return True


PORTALS = {"static_list": TrsPortal, "hanweb_jcms": HanwebPortal, "vsb": VsbPortal, "gkmlpt": GkmlptPortal,
           "search": SearchPortal, "css": CssPortal}
SEARCH_PLATFORMS = {"search-trs-irs": TrsIrsSearchPortal, "search-kaipuyun-s5": KaipuyunSearch5Portal,
                    "search-kaipuyun-html": KaipuyunHtmlPortal}
# every family portal by name: what the family tests crawl and bench/bench_crawl.py measures
FAMILY_PORTALS = {
    "static_list": TrsPortal, "hanweb_jcms": HanwebPortal, "vsb": VsbPortal, "gkmlpt": GkmlptPortal,
    "search-json": lambda: SearchPortal(fmt="json"), "search-html": lambda: SearchPortal(fmt="html"),
    "search-jsearch-json": lambda: SearchPortal(fmt="jsearch-json"),
    "search-jsearch-html": lambda: SearchPortal(fmt="jsearch-html"),
    "css": CssPortal, **SEARCH_PLATFORMS,  # TRS 海云 IRS, 开普云 search5 and 开普云 HTML, each configured by its YAML
}
