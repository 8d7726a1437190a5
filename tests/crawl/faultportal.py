"""The chaos suite's fault portal: one loopback server whose columns misbehave in every way real portals do
(used by bench/chaos.py, tests/e2e/test_chaos.py and tests/crawl/test_traps.py; issue 13).

Three sources crawl it (`FaultPortal.sources()` gives their YAML-ready configs):

- `chaos-trs`: the TRS test column of tests/crawl/portals.py (eleven list pages, detail pages, attachments that
  are real corpus documents), with faults on some of its list pages, detail pages and documents;
- `chaos-traps`: columns built to hurt a crawler — 10,000 links, an endless calendar, a pager claiming two
  billion pages, a gzip bomb, an HTML bomb, a GBK page labelled UTF-8 — the usable ones hiding one real report;
- `chaos-blocked`: a column behind an anti-bot challenge.

Faults are persistent (the same answer to every request) or per visit: those hit the first requests for a
path of each *visit*, and every run of a stage crawls with its own User-Agent (`SELFEVAL_USER_AGENT`), which
the portal keys visits on. So every run meets them again however the previous one ended: a SIGKILL never uses
up a fault, and a clean run and a killed-and-resumed run see the same portal.

`FAULTS` names every mode, the source that meets it and what the warehouse must say afterwards;
`check_faults(warehouse_url, portal)` reads that back, fault by fault, with the evidence.
"""

from __future__ import annotations

import functools
import gzip
import re
import socket
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from http.server import ThreadingHTTPServer
from pathlib import Path

from tests.crawl.portals import (
    FIXTURES,
    PDF,
    Doc,
    Entry,
    Response,
    TrsPortal,
    _Handler,
    _title,
    html_response,
)

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
TRS, TRAPS, BLOCKED = "chaos-trs", "chaos-traps", "chaos-blocked"
OK_FINAL = ("downloaded", "unchanged", "expanded")  # an item that reached its goal


@dataclass(frozen=True)
class Fault:
    name: str
    source: str
    expect: str  # retried | failed | page_error | stored | trap | blocked (see check_faults)
    pattern: str = ""  # the recorded reason must match this (regex, case-insensitive)


FAULTS = [
    # -- transport and HTTP, on the TRS column ----------------------------------------------------------
    Fault("5xx burst on a list page", TRS, "retried"),
    Fault("503 with a short Retry-After on a detail page", TRS, "retried"),
    Fault("connection reset", TRS, "retried"),
    Fault("truncated body", TRS, "retried"),
    Fault("timeout (never answers)", TRS, "failed", r"time(d )?out"),
    Fault("slow loris with Content-Length", TRS, "failed", r"exceeded"),
    Fault("slow loris without Content-Length (chunked)", TRS, "failed", r"exceeded"),
    Fault("endless chunked body", TRS, "failed", r"too large"),
    Fault("endless body until close (no length)", TRS, "failed", r"too large"),
    Fault("oversized body (Content-Length)", TRS, "failed", r"too large"),
    Fault("gzip bomb on a document", TRS, "failed", r"too large"),
    Fault("gzip bomb on a detail page", TRS, "failed", r"too large"),
    Fault("HTML bomb on a detail page (700,000 nested elements)", TRS, "failed", r"HTML bomb"),
    Fault("5xx forever on a detail page", TRS, "failed", r"HTTP 500"),
    Fault("429 with a huge Retry-After", TRS, "failed", r"Retry-After"),
    Fault("wrong Content-Type (a PDF served as text/html)", TRS, "stored"),
    Fault("HTML error page instead of a PDF", TRS, "failed", r"expected a document"),
    Fault("empty body", TRS, "failed", r"empty body"),
    Fault("redirect loop", TRS, "failed", r"too many redirects"),
    Fault("redirect to the cloud metadata address", TRS, "failed", r"metadata"),
    Fault("redirect to a private address", TRS, "failed", r"refused.*private"),
    Fault("redirect to NAT64 loopback (64:ff9b::7f00:1)", TRS, "failed", r"transition"),
    Fault("redirect to 6to4 loopback (2002:7f00:1::1)", TRS, "failed", r"transition"),
    Fault("redirect to file:///etc/passwd", TRS, "failed", r"scheme"),
    Fault("path traversal in Content-Disposition", TRS, "stored"),
    Fault("GBK detail page labelled UTF-8", TRS, "stored"),
    Fault("epoch-zero dates (list and PubDate 1970-01-01)", TRS, "stored"),
    # -- traps: whole columns ---------------------------------------------------------------------------
    Fault("10,000-link list page", TRAPS, "trap"),
    Fault("query-string trap (endless calendar)", TRAPS, "trap", r"paging stopped at max_pages"),
    Fault("pager trap (createPageHTML with two billion pages)", TRAPS, "trap", r"paging stopped at max_pages"),
    Fault("gzip bomb list page (180 MB inflated)", TRAPS, "page_error", r"too large"),
    Fault("HTML bomb list page (2.6 million elements, 30 KB gzipped)", TRAPS, "page_error", r"HTML bomb"),
    Fault("GBK list page labelled UTF-8", TRAPS, "trap"),
    Fault("anti-bot challenge page", BLOCKED, "blocked", r"anti-bot challenge"),
]
FAULT_NAMES = [f.name for f in FAULTS]
BY_NAME = {f.name: f for f in FAULTS}
# the short variant (tests/e2e/test_chaos.py): one of each kind, the memory and pager traps included
QUICK = ["5xx burst on a list page", "connection reset", "timeout (never answers)",
         "slow loris without Content-Length (chunked)", "redirect to NAT64 loopback (64:ff9b::7f00:1)",
         "path traversal in Content-Disposition", "GBK detail page labelled UTF-8",
         "pager trap (createPageHTML with two billion pages)",
         "HTML bomb list page (2.6 million elements, 30 KB gzipped)", "anti-bot challenge page"]

# Real documents served as the column's attachments, by extension (several URLs may share one file).
CORPUS_FILES = {"pdf": ["seed_000.pdf", "seed_002.pdf", "seed_003.pdf"], "docx": ["seed_000.docx", "seed_002.docx"],
                "xlsx": ["seed_001.table.xlsx", "seed_004.table.xlsx"], "xls": ["seed_001.table.xls"],
                "doc": ["seed_003.doc"]}
# New reports each round brings (FaultPortal.publish): files the column did not serve before.
ROUND_FILES = ["seed_001.pdf", "seed_004.doc", "seed_004.pdf", "seed_001.docx", "seed_004.table.xls",
               "seed_000.doc", "seed_003.docx", "seed_001.table.pdf", "seed_002.doc", "seed_004.docx",
               "seed_004.table.pdf", "seed_001.doc", "seed_004.table.xlsx"]
CHALLENGE = (FIXTURES / "edgeone-challenge.html").read_bytes()


@functools.lru_cache(maxsize=8)
def _gz(kind: str, n: int) -> bytes:
    """Compressed bombs, built once: `flat` n × `<p>`, `nested` n × `<div>`, `mb` n MiB of HTML, `pdf` n MiB."""
    if kind == "flat":
        raw = b"<html><body>" + b"<p>" * n + b"</body></html>"
    elif kind == "nested":
        raw = b"<html><body>" + b"<div>" * n + b"</body></html>"
    elif kind == "pdf":
        raw = PDF + b"0" * (n << 20)
    else:
        raw = b"<html><body>" + b"<p>" * ((n << 20) // 3) + b"</body></html>"
    return gzip.compress(raw, 6)


def corpus_body(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def detail_html(title: str, when: str, links: str, charset: str = "utf-8") -> str:
    """A TRS-style detail page with the given attachment links."""
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><meta name="ArticleTitle" content="{title}">'
            f'<meta name="PubDate" content="{when} 10:00"><title>{title}</title></head><body><h1>{title}</h1>'
            f'<div class="info">发布时间：{when} 10:00</div><div class="TRS_UEDITOR"><p>现将{title}予以公开。</p>'
            f'</div><div class="fj">{links}</div></body></html>')


def list_html(rows: list[tuple[str, str, str]], extra: str = "", charset: str = "utf-8") -> str:
    lis = "".join(f'<li><a href="{href}" title="{title}">{title}</a><span>{when}</span></li>'
                  for href, title, when in rows)
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>列表</title></head><body>'
            f'<ul class="list">{lis}</ul><div class="page">{extra}</div></body></html>')


class _FaultHandler(_Handler):
    """The test portal's handler, plus the visit key (User-Agent) and the faults portals.py does not have."""

    def _handle(self, method: str, form: dict[str, str]) -> None:
        self.server.portal.agent.value = self.headers.get("User-Agent", "")
        super()._handle(method, form)

    def _fault(self, fault: str, portal) -> bool:
        kind, _, arg = fault.partition(":")
        if kind not in ("dripchunked", "chunked", "gzipdoc", "htmlbomb", "nested", "challenge"):
            return super()._fault(fault, portal)
        portal.log(self.command, self.path, -1)
        if kind == "challenge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(CHALLENGE)))
            self.end_headers()
            self.wfile.write(CHALLENGE)
            return True
        if kind in ("gzipdoc", "htmlbomb", "nested"):
            body = _gz({"gzipdoc": "pdf", "htmlbomb": "flat", "nested": "nested"}[kind], int(arg))
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf" if kind == "gzipdoc" else "text/html; charset=utf-8")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return True
        self.send_response(200)  # chunked: no Content-Length at all
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = (PDF + b"0" * 65536) if kind == "chunked" else b"0"
        limit = 4096 if kind == "chunked" else int(arg or 400)  # 256 MB, or N bytes one every 0.2 s
        for _ in range(limit):
            try:
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.flush()
            except OSError:
                break
            if kind == "dripchunked":
                time.sleep(0.2)
        self.close_connection = True
        return True


class _FaultServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, portal: FaultPortal, port: int = 0):
        self.portal = portal
        super().__init__(("127.0.0.1", port), _FaultHandler)

    def handle_error(self, request, client_address) -> None:  # injected resets are expected
        pass


class FaultPortal(TrsPortal):
    """The TRS column plus the trap columns and the blocked column, with `modes` (default: all) installed."""

    def __init__(self, modes: list[str] | None = None, n: int = 108):
        self.always: dict[str, str] = {}  # path → a fault for every request
        self.per_visit: dict[str, list[str]] = {}  # path → faults for the first requests of each visit
        self._visits: dict[tuple[str, str], int] = {}
        self.agent = threading.local()
        self.trap_pages: dict[str, Response] = {}
        super().__init__(n=n, source_id=TRS)
        unknown = set(modes or []) - set(FAULT_NAMES)
        if unknown:
            raise ValueError(f"unknown fault modes: {sorted(unknown)}")
        self.modes = [f for f in FAULT_NAMES if modes is None or f in modes]
        self.where: dict[str, str] = {}  # fault → the path whose record is checked
        self.facts: dict[str, dict] = {}  # fault → what the check needs to know (titles, hidden report URLs)
        self.rounds = 0
        self._install()

    # -- model ---------------------------------------------------------------------------------------
    def make_doc(self, e: Entry, j: int, ext: str, name: str, style: str, relevant: bool) -> Doc:
        doc = super().make_doc(e, j, ext, name, style, relevant)
        if relevant:  # real documents, so the process stage has real work
            files = CORPUS_FILES[ext]
            doc.body = corpus_body(files[(e.key + j) % len(files)])
        return doc

    def publish(self, k: int = 2) -> list[Entry]:
        """A new round: `k` new reports at the top of the column, each a corpus file not served before."""
        new = []
        for i in range(k):
            n = self.rounds * k + i
            name = ROUND_FILES[n % len(ROUND_FILES)]
            ext = name.rsplit(".", 1)[1]
            when = date(2025, 7, 1) + timedelta(days=3 * n)
            e = self._make_entry("report", 100 + n, when)
            e.title = _title("report", n + 1) + ("" if n < len(ROUND_FILES) else f"（第{n}号）")
            doc = super().make_doc(e, 0, ext, e.title, "href", True)
            doc.body = corpus_body(name)
            self.docs.pop(e.docs[0].path, None)
            e.docs = [doc]
            self.docs[doc.path] = doc
            new.append(e)
        self.rounds += 1
        with self.lock:
            self.entries[:0] = reversed(new)
        return new

    # -- faults --------------------------------------------------------------------------------------
    def next_fault(self, path: str) -> str | None:
        with self.lock:
            if path in self.always:
                return self.always[path]
            plan = self.per_visit.get(path)
            if plan:
                key = (getattr(self.agent, "value", ""), path)
                n = self._visits.get(key, 0)
                if n < len(plan):
                    self._visits[key] = n + 1
                    return plan[n]
        return super().next_fault(path)

    def _install(self) -> None:
        reports = [e for e in self.entries if e.kind in ("report", "report_hidden", "report2")]
        docs = [d for e in reports for d in e.docs]
        articles = [e for e in self.entries if e.kind in ("article", "container")]
        by_doc = {d.path: e for e in reports for d in e.docs}
        used: set[int] = set()

        def doc() -> Doc:
            d = next(d for d in docs if by_doc[d.path].key not in used)
            used.add(by_doc[d.path].key)
            return d

        def detail() -> Entry:
            e = next(e for e in articles if e.key not in used)
            used.add(e.key)
            return e

        def report() -> Entry:
            e = next(e for e in reports if e.key not in used and e.kind == "report")
            used.add(e.key)
            return e

        for name in self.modes:
            f = BY_NAME[name]
            if f.source == TRS:
                self.where[name] = self._install_trs(name, doc, detail, report)
            elif f.source == TRAPS:
                self.where[name] = self._install_trap(name)
            else:
                self.where[name] = "/blocked/index.html"
                self.always["/blocked/index.html"] = "challenge"

    def _install_trs(self, name: str, doc, detail, report) -> str:
        special = {
            "wrong Content-Type (a PDF served as text/html)": lambda d: Response(200, d.body, "text/html; charset=utf-8"),
            "HTML error page instead of a PDF": lambda d: Response(
                200, "<!DOCTYPE html><html><body>文件不存在或已删除</body></html>".encode()),
            "empty body": lambda d: Response(200, b"", "application/pdf"),
            "redirect loop": lambda d: Response(302, b"", headers={"Location": d.path}),
            "redirect to the cloud metadata address": lambda d: Response(
                302, b"", headers={"Location": "http://169.254.169.254/latest/meta-data/"}),
            "redirect to a private address": lambda d: Response(302, b"", headers={"Location": "http://10.0.0.1/a.pdf"}),
            "redirect to NAT64 loopback (64:ff9b::7f00:1)": lambda d: Response(
                302, b"", headers={"Location": f"http://[64:ff9b::7f00:1]{d.path}"}),
            "redirect to 6to4 loopback (2002:7f00:1::1)": lambda d: Response(
                302, b"", headers={"Location": f"http://[2002:7f00:1::1]{d.path}"}),
            "redirect to file:///etc/passwd": lambda d: Response(302, b"", headers={"Location": "file:///etc/passwd"}),
            "oversized body (Content-Length)": lambda d: Response(200, PDF + b"0" * (11 << 20), "application/pdf"),
            "path traversal in Content-Disposition": lambda d: Response(200, d.body, "application/pdf", headers={
                "Content-Disposition": "attachment; filename=\"../../../../etc/cron.d/x.pdf\"; "
                                       "filename*=UTF-8''..%2F..%2F..%2Froot%2F.ssh%2Fauthorized_keys.pdf"}),
        }
        per_visit = {"connection reset": ["reset"], "truncated body": ["truncate"]}
        always = {"timeout (never answers)": "timeout:2", "slow loris with Content-Length": "drip:400",
                  "slow loris without Content-Length (chunked)": "dripchunked:400", "endless chunked body": "chunked",
                  "endless body until close (no length)": "bigstream:1000", "gzip bomb on a document": "gzipdoc:200"}
        on_detail = {"gzip bomb on a detail page": "gzipbomb:64",
                     "HTML bomb on a detail page (700,000 nested elements)": "nested:700000",
                     "5xx forever on a detail page": "500", "429 with a huge Retry-After": "429:100000"}
        if name == "5xx burst on a list page":
            self.per_visit["/zwgk/jxzp/index_1.html"] = ["503", "502"]
            return "/zwgk/jxzp/index_1.html"
        if name == "503 with a short Retry-After on a detail page":
            e = report()
            self.per_visit[e.detail_path] = ["503:1"]
            return e.detail_path
        if name in special:
            d = doc()
            self.special[d.path] = special[name](d)
            return d.path
        if name in per_visit:
            d = doc()
            self.per_visit[d.path] = per_visit[name]
            return d.path
        if name in always:
            d = doc()
            self.always[d.path] = always[name]
            return d.path
        if name in on_detail:
            e = detail()
            self.always[e.detail_path] = on_detail[name]
            return e.detail_path
        e = report()
        if name == "GBK detail page labelled UTF-8":
            html = self.render_detail(e).replace('charset="gb2312"', 'charset="utf-8"')
            self.special[e.detail_path] = Response(200, html.encode("gbk"), "text/html; charset=utf-8")
            self.facts[name] = {"title": e.title, "doc": e.docs[0].path}
            return e.detail_path
        # epoch-zero dates: the list and the page both say 1970-01-01
        e.list_date = "1970-01-01"
        html = self.render_detail(e).replace(f'content="{e.date} 10:26"', 'content="1970-01-01 08:00:00"') \
            .replace(f"发布时间：{e.date} 10:26", "发布时间：1970-01-01 08:00")
        self.special[e.detail_path] = html_response(html, gbk=e.gbk_detail)
        self.facts[name] = {"doc": e.docs[0].path}
        return e.detail_path

    def _install_trap(self, name: str) -> str:
        hidden = {"10,000-link list page": ("links", "县审计局2024年度部门整体支出绩效自评报告", "seed_002.docx"),
                  "query-string trap (endless calendar)": ("calendar", "县统计局2024年度项目支出绩效自评报告",
                                                           "seed_000.pdf"),
                  "pager trap (createPageHTML with two billion pages)": ("pager", "县林业局2024年度部门整体支出绩效自评报告",
                                                                      "seed_003.pdf"),
                  "GBK list page labelled UTF-8": ("gbk", "县档案局2024年度部门整体支出绩效自评报告", "seed_002.pdf")}
        if name == "gzip bomb list page (180 MB inflated)":
            self.always["/traps/gzipbomb/index.html"] = "gzipbomb:180"
            return "/traps/gzipbomb/index.html"
        if name == "HTML bomb list page (2.6 million elements, 30 KB gzipped)":
            self.always["/traps/htmlbomb/index.html"] = "htmlbomb:2600000"
            return "/traps/htmlbomb/index.html"
        key, title, file = hidden[name]
        ext = file.rsplit(".", 1)[1]
        detail, doc = f"/traps/{key}/report.html", f"/traps/{key}/report.{ext}"
        gbk = key == "gbk"
        page = detail_html(title, "2025-05-20", f'<p><a href="./report.{ext}">{title}.{ext}</a></p>')
        self.trap_pages[detail] = Response(200, page.encode("gbk" if gbk else "utf-8"), "text/html; charset=utf-8")
        self.trap_pages[doc] = Response(200, corpus_body(file), "application/octet-stream")
        self.facts[name] = {"title": title, "detail": detail, "doc": doc}
        return f"/traps/{key}/index.html"

    # -- serving -------------------------------------------------------------------------------------
    def start(self, port: int = 0) -> FaultPortal:
        self._server = _FaultServer(self, port)
        self.port = self._server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def route(self, method: str, path: str, query: dict[str, str], form: dict[str, str]) -> Response:
        if path in self.trap_pages:
            return self.trap_pages[path]
        if path.startswith("/traps/"):
            page = self._trap_list(path, query)
            if page is not None:
                return page
        return super().route(method, path, query, form)

    def _trap_list(self, path: str, query: dict[str, str]) -> Response | None:
        facts = {f["detail"].rsplit("/", 2)[1]: f for f in self.facts.values() if "detail" in f}
        key = path.split("/")[2]
        hidden = facts.get(key)
        if hidden is None:
            return None
        report = [(hidden["detail"], hidden["title"], "2025-05-20")]
        if key == "links" and path.endswith("/index.html"):
            rows = [(f"/traps/links/n{i}.html", f"第{i}期工作动态", "2025-01-01") for i in range(10_000)]
            return html_response(list_html(rows + report))
        if key == "calendar" and path.endswith("/index.html"):
            day = date.fromisoformat(query.get("date") or "2025-01-01")
            month = "".join(f'<a href="?date={day.replace(day=d)}">{d}</a>' for d in range(1, 29))
            rows = [(f"/traps/calendar/day.html?date={day}", f"{day}值班安排", day.isoformat())]
            extra = f'{month}<a href="?date={day - timedelta(days=1)}">上一页</a>' \
                    f'<a href="?date={day + timedelta(days=1)}">下一页</a>'
            return html_response(list_html(rows + (report if "date" not in query else []), extra))
        m = re.fullmatch(r"/traps/pager/index(?:_(\d+))?\.html", path)
        if key == "pager" and m:
            n = int(m.group(1) or 0)
            rows = [(f"/traps/pager/n{n}.html", f"第{n}页通知", "2025-01-01")] + (report if n == 0 else [])
            return html_response(list_html(rows, f'<script>createPageHTML(2000000000, {n}, "index", "html");</script>'))
        if key == "gbk" and path.endswith("/index.html"):
            return Response(200, list_html(report).encode("gbk"), "text/html; charset=utf-8")
        return None

    # -- sources -------------------------------------------------------------------------------------
    def sources(self) -> list[dict]:
        """The YAML-ready configs of the sources this portal serves (only those with a fault installed, and
        chaos-trs always)."""
        # documents up to 10 MB, so pages get their own 8 MB cap (max_page_bytes) and the HTML bombs meet the
        # element cap, not the size cap
        politeness = {"requests_per_second": 50, "concurrency": 4, "timeout_s": 0.5, "max_retries": 2,
                      "max_download_s": 3}
        trs = self.source(max_download_mb=10, private_networks=["127.0.0.0/8"], allow_hosts=["127.0.0.1"],
                          politeness=dict(politeness))
        trs["region"] = {"province": "湖南省", "city": "怀化市", "county": "测试县"}
        out = [trs]
        traps = [self.url(self.where[f]) for f in self.modes if BY_NAME[f].source == TRAPS]
        if traps:
            out.append({**trs, "id": TRAPS, "name": "陷阱栏目", "start_urls": traps, "max_pages": 20,
                        "politeness": dict(politeness)})
        if any(BY_NAME[f].source == BLOCKED for f in self.modes):
            out.append({**trs, "id": BLOCKED, "name": "挑战页栏目", "start_urls": [self.url("/blocked/index.html")],
                        "politeness": dict(politeness)})
        return out

    def served(self, name: str) -> bool:
        path = self.where[name]
        return bool(self.hits(lambda r: r[1].split("?")[0] == path))


# -- what the warehouse must say --------------------------------------------------------------------------

@dataclass
class FaultRecord:
    name: str
    url: str
    served: bool
    recorded: bool
    evidence: str


def _q(conn, sql: str, **params) -> list[tuple]:
    from sqlalchemy import text

    return [tuple(r) for r in conn.execute(text(sql), params)]


def _item(conn, url: str) -> tuple | None:
    rows = _q(conn, "SELECT status, reason, title, listed_date, listed_date_raw FROM discovered_item WHERE url = :u",
              u=url)
    return rows[0] if rows else None


def _check(conn, f: Fault, url: str, portal: FaultPortal) -> tuple[bool, str]:
    """(recorded as the fault demands, evidence) for one fault."""
    pat = re.compile(f.pattern, re.I) if f.pattern else None
    fetches = _q(conn, "SELECT status_code, error, attempts FROM fetch WHERE url = :u ORDER BY id", u=url)
    item = _item(conn, url)
    facts = portal.facts.get(f.name, {})
    if f.expect == "retried":
        retried = [r for r in fetches if (r[2] or 0) > 1 or r[1]]
        ok = bool(retried) and (item is None or item[0] in OK_FINAL)
        return ok, f"fetches (status, error, attempts) {retried[-1:] or fetches[-1:]}; item {item and item[:2]}"
    if f.expect == "failed":
        ok = item is not None and item[0] == "failed" and bool(item[1]) and bool(pat and pat.search(item[1]))
        return ok, f"item {item and item[:2]}"
    if f.expect == "page_error":
        errors = [r[1] for r in fetches if r[1]]
        return bool(errors) and all(pat.search(e) for e in errors), f"list page errors {errors[-1:]}"
    if f.expect == "blocked":
        src = _q(conn, "SELECT status, status_detail FROM source WHERE id = :s", s=f.source)
        errors = [r[1] for r in fetches if r[1]]
        ok = bool(errors) and bool(pat.search(errors[-1])) and bool(src) and src[0][0] == "blocked"
        return ok, f"fetch error {errors[-1:]}; source {src[:1]}"
    if f.expect == "stored":
        if f.name.startswith("path traversal"):
            names = [r[0] for r in _q(conn, "SELECT dv.file_name FROM document_version dv JOIN document d "
                                            "ON d.id = dv.document_id WHERE d.url = :u", u=url)]
            ok = item is not None and item[0] in OK_FINAL and bool(names) and \
                all(n and "/" not in n and "\\" not in n and not n.startswith(".") for n in names)
            return ok, f"item {item and item[:2]}; stored as {names}"
        if f.name.startswith("GBK detail"):
            doc = _item(conn, portal.url(facts["doc"]))
            ok = item is not None and item[0] in OK_FINAL and item[2] == facts["title"] and bool(doc) and \
                doc[0] in OK_FINAL
            return ok, f"detail {item and (item[0], item[2])}; attachment {doc and doc[:2]}"
        if f.name.startswith("epoch-zero"):
            doc = _item(conn, portal.url(facts["doc"]))
            ok = item is not None and item[0] in OK_FINAL and not str(item[3] or "").startswith("1970") and \
                "1970" in str(item[4]) and bool(doc) and doc[0] in OK_FINAL
            return ok, f"detail (status, listed_date, raw) {item and (item[0], item[3], item[4])}; attachment {doc and doc[0]}"
        return item is not None and item[0] in OK_FINAL, f"item {item and item[:2]}"
    # traps: the page was read, what it hid was found, and where paging was cut the run says so
    ok_pages = [r for r in fetches if not r[1] and r[0] == 200]
    detail = _item(conn, portal.url(facts["detail"]))
    doc = _item(conn, portal.url(facts["doc"]))
    found = bool(detail and detail[0] in OK_FINAL and detail[2] == facts["title"] and doc and doc[0] in OK_FINAL)
    evidence = f"page read {len(ok_pages)}x; hidden report {detail and (detail[0], detail[2])} → {doc and doc[:2]}"
    ok = bool(ok_pages) and found
    if f.name.startswith("10,000"):
        n = _q(conn, "SELECT COUNT(*), SUM(CASE WHEN status = 'skipped' AND reason <> '' THEN 1 ELSE 0 END) "
                     "FROM discovered_item WHERE found_on_url = :u", u=url)[0]
        opened = portal.hits(lambda r: r[1].startswith("/traps/links/n"))
        ok = ok and n[0] == 10_001 and n[1] == 10_000 and not opened
        evidence += f"; {n[0]} items listed, {n[1]} skipped with a reason, {len(opened)} off-topic pages opened"
    if pat is not None:
        cut = re.compile(rf"/traps/{facts['detail'].split('/')[2]}/[^;]*{f.pattern}", re.I)
        errors = [r[0] for r in _q(conn, "SELECT error FROM crawl_run WHERE source_id = :s AND error IS NOT NULL",
                                   s=f.source) if cut.search(r[0])]
        ok = ok and bool(errors)
        evidence += f"; run error {[e[e.find('paging'):][:80] for e in errors[-1:]]}"
    return ok, evidence


def check_faults(warehouse_url: str, portal: FaultPortal) -> list[FaultRecord]:
    """Every installed fault: was it served, and does the warehouse record it as it must (with the evidence)."""
    from selfeval.warehouse.db import get_engine

    out = []
    with get_engine(warehouse_url).connect() as conn:
        for name in portal.modes:
            url = portal.url(portal.where[name])
            ok, evidence = _check(conn, BY_NAME[name], url, portal)
            out.append(FaultRecord(name, url, portal.served(name), ok, evidence))
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
