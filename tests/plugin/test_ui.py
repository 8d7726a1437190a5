"""selfeval.ui against a small warehouse written through the models: queries on both dialects, pages via TestClient."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.plugin.conftest import HTML_BYTES, PDF_BYTES, T0, XSS, build_warehouse


def _rows(html: str, attr: str = "data-report-id") -> list[str]:
    return re.findall(rf'<tr {attr}="([^"]+)"', html)


def _no_raw_xss(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "onerror=alert(1)>" not in html


# --- queries, on SQLite and PostgreSQL -----------------------------------------------------------------

def test_queries_on_both_dialects(warehouse_url, tmp_path):
    from selfeval.ui import queries as q

    wh = build_warehouse(warehouse_url, tmp_path / "raw", extra_reports=10)
    url = wh.url

    page = q.search_reports(url, q.ReportFilter())
    assert page.total == 12  # 2 current + 10 filler; the superseded version is not in v_report
    assert wh.ids["old"] not in {r["report_id"] for r in page.rows}
    assert page.facets["province"] == sorted({"湖南省", "广西壮族自治区", "浙江省"})
    assert page.facets["year"][0] == 2023
    assert q.search_reports(url, q.ReportFilter(year=2023)).total == 1
    assert q.search_reports(url, q.ReportFilter(status="quarantined")).rows[0]["report_id"] == wh.ids["quarantined"]
    assert q.search_reports(url, q.ReportFilter(type="project")).total == 1
    assert q.search_reports(url, q.ReportFilter(province="广西壮族自治区", year=2022)).total == 1
    assert q.search_reports(url, q.ReportFilter(q="填充单位03")).total == 1
    assert q.search_reports(url, q.ReportFilter(q="资源县")).total == 1  # county is searched too
    assert q.search_reports(url, q.ReportFilter(q="填充单位0_")).total == 0  # LIKE wildcards are literal
    assert q.search_reports(url, q.ReportFilter(q="%")).total == 0
    paged = q.search_reports(url, q.ReportFilter(size=25, page=9))
    assert paged.filter.page == 1 and paged.pages == 1  # clamped to the last page
    by_score = q.search_reports(url, q.ReportFilter(sort="score", desc=False)).rows
    scores = [r["self_score"] for r in by_score if r["self_score"] is not None]
    assert scores == sorted(scores)

    d = q.report_detail(url, wh.ids["main"])
    fields = {f["name"]: f for f in d["fields"]}
    assert fields["self_score"]["value"] == 92.5
    assert fields["self_score"]["evidence"]["page"] == 3 and fields["self_score"]["evidence"]["cell"] == "T1!B4"
    assert fields["grade"]["evidence"] is None
    assert d["results"][0]["status"] == "failed"
    assert [v["id"] for v in d["versions"]] == [wh.ids["old"]]
    assert d["versions"][0]["same_document"] is True and d["versions"][0]["is_current"] is False
    assert d["version"]["sha256"] == wh.sha["pdf"]
    assert [i["level3"] for i in d["indicators"]] == ["培训人次", XSS]
    with pytest.raises(q.NotFound):
        q.report_detail(url, 999999)

    rows = q.quarantine(url)
    assert [r["report_id"] for r in rows] == [wh.ids["quarantined"]]
    assert sorted(r["rule_id"] for r in rows[0]["rules"]) == ["FY-01", "REQ-01"]
    assert {"missing": ["expenditure_total_wan"]} in [r["values"] for r in rows[0]["rules"]]

    sources = {s["id"]: s for s in q.list_sources(url)}
    assert sources["alpha"]["status"] == "ok" and len(sources["alpha"]["runs"]) == 3
    assert [r["items_found"] for r in sources["alpha"]["runs"]] == [12, 14, 15]  # oldest first
    assert sources["alpha"]["last_success_at"] == T0 + timedelta(days=2, seconds=30)
    assert sources["alpha"]["reports"] == 12 and sources["alpha"]["quarantined"] == 1
    beta = sources["beta"]
    assert beta["status"] == "blocked" and "challenge page" in beta["status_detail"]
    assert beta["last_problem"]["id"] == wh.ids["beta_bad_run"]
    assert beta["last_problem"]["fetches"][0]["status_code"] == 403

    chain = q.report_lineage(url, wh.ids["main"])
    assert chain["crawl_run"]["dag_run_id"] == "scheduled__2024-09-01T08:00:00+00:00"
    assert chain["list_page"]["url"] == "http://alpha.example/list.html"
    assert chain["document_version"]["sha256"] == wh.sha["pdf"]

    doc = q.raw_document(url, wh.raw_dir, wh.sha["pdf"])
    assert doc.path.read_bytes() == PDF_BYTES + b"% v2\n" and doc.content_type == "application/pdf"
    html_doc = q.raw_document(url, wh.raw_dir, wh.sha["html"])
    assert html_doc.file_name == "演示局自评报告.html"  # extension added from the content type
    for bad in ("0" * 64, "../../etc/passwd", wh.sha["pdf"][:-1]):
        with pytest.raises(q.NotFound):
            q.raw_document(url, wh.raw_dir, bad)


def test_next_scheduled_run():
    from selfeval.ui.queries import DagInfo, next_scheduled_run

    now = datetime(2024, 9, 2, 10, 20, tzinfo=UTC)
    hourly = DagInfo(is_paused=False, next_run_after=datetime(2024, 9, 2, 11, 0, tzinfo=UTC), schedule="0 * * * *")
    # never crawled: the next DAG tick picks it
    assert next_scheduled_run("@daily", True, None, hourly, now).at == datetime(2024, 9, 2, 11, 0, tzinfo=UTC)
    # crawled 2 h ago, daily: due after 0.9 day (21.6 h), then the first hourly tick
    last = now - timedelta(hours=2)
    nxt = next_scheduled_run("@daily", True, last, hourly, now)
    assert nxt.at == datetime(2024, 9, 3, 6, 0, tzinfo=UTC) and nxt.label == "scheduled"
    paused = DagInfo(is_paused=True, next_run_after=hourly.next_run_after, schedule="@hourly")
    assert next_scheduled_run("@daily", True, last, paused, now).label == "paused"
    assert next_scheduled_run("@daily", False, last, hourly, now).label == "disabled"
    assert next_scheduled_run("@once", True, last, hourly, now).at is None
    unknown = next_scheduled_run("@weekly", True, last, None, now)
    assert unknown.at == last + timedelta(weeks=1) * 0.9 and "unknown" in unknown.detail


def test_run_chart_is_escaped_svg():
    from selfeval.ui.charts import run_chart

    runs = [{"started_at": T0, "items_found": 10, "items_new": 3, "status": "success"},
            {"started_at": T0 + timedelta(hours=1), "items_found": 0, "items_new": 0, "status": "blocked",
             "error": XSS}]
    svg = str(run_chart(runs))
    assert svg.startswith('<svg class="chart"') and svg.count('<g class="run') == 2
    assert 'data-runs="2"' in svg and "run-blocked" in svg
    _no_raw_xss(svg)
    assert "&lt;script&gt;" in svg
    assert "axis" in str(run_chart(runs, width=600, height=120, axis=True))
    assert "no runs" in str(run_chart([]))


# --- pages --------------------------------------------------------------------------------------------

def test_sources_page(client, warehouse):
    r = client.get("/selfeval/sources")
    assert r.status_code == 200
    html = r.text
    assert _rows(html, "data-source") == ["beta", "alpha", "gamma"]  # problems first
    assert html.count('<svg class="chart"') == 2  # gamma has no runs yet
    gamma = html[html.index('data-source="gamma"'):]
    assert "never crawled" in gamma and "no runs yet" in gamma and "source schedule 0 3 * * *" in gamma
    beta = html[html.index('data-source="beta"'):html.index('data-source="gamma"')]
    assert "not in the source registry" in beta and 'data-source="beta" data-result="trig-1" disabled' in beta
    assert "甲市财政局 · 绩效自评" in html and "2024-09-03 08:00 UTC" in html  # last success of alpha
    assert "challenge page (EdgeOne)" in html and "blocked" in html  # status with its evidence
    evidence = html[html.index('data-evidence-for="beta"'):html.index('data-source="gamma"')]
    assert "list http://beta.example/list.html → 403: challenge page: EdgeOne" in evidence
    assert "scheduled__2024-09-03T08%3A00%3A00%2B00%3A00" in evidence and "try 3" in evidence
    assert 'data-trigger data-source="alpha"' in html
    assert 'data-endpoint="/api/v2/dags/selfeval_crawl/dagRuns"' in html
    assert "source schedule @weekly" in html
    _no_raw_xss(html)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert r.headers["content-security-policy"].startswith("default-src 'self'; script-src 'self'")
    assert client.get("/selfeval/", follow_redirects=False).headers["location"] == "/selfeval/sources"


def test_source_detail_page(client, warehouse):
    html = client.get("/selfeval/sources/beta").text
    assert "chart-large" in html and "challenge page: EdgeOne" in html and "403" in html
    assert 'href="/dags/selfeval_crawl/runs/scheduled__2024-09-03T08%3A00%3A00%2B00%3A00"' in html
    _no_raw_xss(html)
    assert client.get("/selfeval/sources/nope").status_code == 404


def test_reports_search_and_paging(client, warehouse):
    html = client.get("/selfeval/reports").text
    assert len(_rows(html)) == 50 and "1–50 of 62" in html
    assert 'rel="next" href="?page=2"' in html
    html2 = client.get("/selfeval/reports", params={"page": 2}).text
    assert len(_rows(html2)) == 12 and "51–62 of 62" in html2
    assert not set(_rows(html)) & set(_rows(html2))
    one = client.get("/selfeval/reports", params={"q": "甲市财政局", "year": "2023"}).text
    assert _rows(one) == [str(warehouse.ids["main"])]
    gx = client.get("/selfeval/reports", params={"province": "广西壮族自治区", "status": "quarantined"}).text
    assert _rows(gx) == [str(warehouse.ids["quarantined"])]
    assert '<option value="广西壮族自治区" selected>' in gx
    tables = client.get("/selfeval/reports", params={"type": "self_eval_table", "size": 25}).text
    assert len(_rows(tables)) == 15
    sized = client.get("/selfeval/reports", params={"size": 25, "page": 3, "province": "浙江省"}).text
    assert "page 1 / 1" in sized  # 20 rows: page clamped
    for bad in ({"year": "abc"}, {"page": "-4"}, {"size": "100000"}, {"sort": "password"}, {"q": "' OR 1=1 --"}):
        assert client.get("/selfeval/reports", params=bad).status_code == 200
    _no_raw_xss(client.get("/selfeval/reports", params={"q": XSS}).text)
    _no_raw_xss(html)


def test_report_page_shows_fields_evidence_validation_versions(client, warehouse):
    from selfeval.model import REPORT_FIELDS

    html = client.get(f"/selfeval/reports/{warehouse.ids['main']}").text
    for name in REPORT_FIELDS:
        assert f'data-field="{name}"' in html
    assert "支出合计1855.32万元" in html and "元 -&gt; 万元" in html and "cell T1!B4" in html
    assert re.search(r'data-field="self_score".*?<td class="num">3</td>', html, re.S)  # evidence page
    assert 'data-rule="GRADE-02" data-status="failed"' in html and 'data-rule="SUM-01"' in html
    assert f'href="/selfeval/reports/{warehouse.ids["old"]}"' in html and "superseded" in html
    assert f'href="/selfeval/documents/{warehouse.sha["pdf"]}"' in html
    assert f'href="/selfeval/documents/{warehouse.sha["pdf"]}?download=1"' in html
    assert "培训人次" in html  # indicators
    assert 'href="/dags/selfeval_process/runs/asset_triggered__2024-09-01T08%3A05%3A00%2B00%3A00"' in html
    _no_raw_xss(html)
    q_html = client.get(f"/selfeval/reports/{warehouse.ids['quarantined']}").text
    _no_raw_xss(q_html)
    assert "REQ-01" in q_html
    assert client.get("/selfeval/reports/424242").status_code == 404
    assert client.get("/selfeval/reports/abc").status_code == 422


def test_original_document_is_served_safely(client, warehouse):
    r = client.get(f"/selfeval/documents/{warehouse.sha['pdf']}")
    assert r.status_code == 200 and r.content == PDF_BYTES + b"% v2\n"
    assert hashlib.sha256(r.content).hexdigest() == warehouse.sha["pdf"]
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"].startswith("inline; filename*=utf-8''")
    assert r.headers["x-content-type-options"] == "nosniff"
    d = client.get(f"/selfeval/documents/{warehouse.sha['pdf']}", params={"download": 1})
    assert d.headers["content-disposition"].startswith("attachment;")
    h = client.get(f"/selfeval/documents/{warehouse.sha['html']}")
    assert h.content == HTML_BYTES and h.headers["content-type"].startswith("text/html")
    assert h.headers["content-security-policy"].startswith("sandbox;")  # crawled HTML never runs script here
    for bad in ("0" * 64, "..%2F..%2Fetc%2Fpasswd", "not-a-hash"):
        assert client.get(f"/selfeval/documents/{bad}").status_code == 404


def test_original_document_from_an_object_store(tmp_path):
    """With SELFEVAL_RAW_STORE_URL on an object store the bytes are streamed from it (fsspec memory:// here)."""
    from fastapi.testclient import TestClient
    from selfeval.ui import create_app

    store = f"memory://selfeval-ui-test-{tmp_path.name}/raw"
    wh = build_warehouse(f"sqlite:///{tmp_path / 'wh.sqlite'}", store, extra_reports=0)
    with TestClient(create_app(wh.url, raw_store=store)) as c:
        r = c.get(f"/documents/{wh.sha['pdf']}", params={"download": 1})
        assert r.status_code == 200 and r.content == PDF_BYTES + b"% v2\n"
        assert r.headers["content-disposition"] == (
            "attachment; filename*=utf-8''%E7%94%B2%E5%B8%82%E8%B4%A2%E6%94%BF%E5%B1%802023%E5%B9%B4%E5%BA%A6"
            "%E8%87%AA%E8%AF%84%E6%8A%A5%E5%91%8A.pdf")
        h = c.get(f"/documents/{wh.sha['html']}")
        assert h.content == HTML_BYTES and h.headers["content-security-policy"].startswith("sandbox;")
        assert c.get(f"/documents/{'a' * 64}").status_code == 404


def test_lineage_page(client, warehouse):
    html = client.get(f"/selfeval/reports/{warehouse.ids['main']}/lineage").text
    steps = re.findall(r'<li data-step="([a-z_]+)"', html)
    assert steps == ["report", "evidence", "document_version", "download", "page", "list_page", "crawl_run",
                     "dag_run"]
    assert 'id="dag-run-link" href="/dags/selfeval_crawl/runs/scheduled__2024-09-01T08%3A00%3A00%2B00%3A00"' in html
    # the task instance (and its log), at the try that did the work (issue 14 item 9)
    tasks = re.findall(r'<a href="([^"]+)" data-airflow target="_top" data-task-link>', html)
    assert any(t.startswith("/dags/selfeval_crawl/runs/scheduled__2024-09-01T08%3A00%3A00%2B00%3A00/tasks/")
               and "try_number=" in t for t in tasks), tasks
    assert "http://alpha.example/list.html" in html and warehouse.sha["pdf"] in html
    _no_raw_xss(html)
    data = client.get(f"/selfeval/reports/{warehouse.ids['main']}/lineage.json").json()
    assert data["crawl_run"]["dag_id"] == "selfeval_crawl" and len(data["evidence"]) == 5
    assert client.get("/selfeval/reports/424242/lineage").status_code == 404


def test_quarantine_page(client, warehouse):
    html = client.get("/selfeval/quarantine").text
    assert _rows(html) == [str(warehouse.ids["quarantined"])]
    assert 'data-rule="REQ-01"' in html and 'data-rule="FY-01"' in html
    assert "expenditure_total_wan" in html
    _no_raw_xss(html)


def test_links_follow_the_mount_and_root_path(warehouse):
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from selfeval.ui import create_app

    root = FastAPI(root_path="/airflow")
    root.mount("/selfeval", create_app(warehouse.url, raw_store=warehouse.raw_dir))
    with TestClient(root, root_path="/airflow") as c:  # as behind a proxy at /airflow ([api] base_url)
        html = c.get("/airflow/selfeval/sources").text
    assert 'href="/airflow/selfeval/static/ui.css"' in html
    assert 'data-endpoint="/airflow/api/v2/dags/selfeval_crawl/dagRuns"' in html
    assert 'href="/airflow/dags/selfeval_crawl"' in html


def test_empty_warehouse_and_dag_info_failure(data_env, tmp_path, monkeypatch):
    from fastapi.testclient import TestClient
    from selfeval.settings import get_settings
    from selfeval.ui import create_app
    from selfeval.warehouse.db import upgrade

    (tmp_path / "no-sources").mkdir()
    monkeypatch.setenv("SELFEVAL_SOURCES", str(tmp_path / "no-sources"))

    def broken():
        raise RuntimeError("metadata DB down")

    c = TestClient(create_app(dag_info=broken))
    r = c.get("/sources")
    assert r.status_code == 503 and "no schema yet" in r.text
    upgrade(get_settings().warehouse_url)
    r = c.get("/sources")
    assert r.status_code == 200 and "No sources yet" in r.text  # dag_info failing does not break the page
    assert "0 match" in c.get("/reports").text and "Nothing is quarantined" in c.get("/quarantine").text


def test_non_http_urls_are_never_links():
    """A `javascript:` URL stored as a page URL (a hostile portal) is shown as text, not rendered as a link."""
    from selfeval.ui.app import make_env

    env = make_env()
    tpl = env.from_string('{% from "macros.html" import ext %}{{ ext(u) }}')
    assert "<a " not in tpl.render(u="javascript:alert(document.cookie)")
    assert 'href="https://x.gov.cn/a.html"' in tpl.render(u="https://x.gov.cn/a.html")


def test_crawl_now_warns_when_runs_cannot_start_and_skips_disabled_sources(warehouse, monkeypatch):
    """Issue 14 item 3: 'Crawl now' says when a run would queue without starting (paused DAG, no scheduler
    heartbeat) and a disabled source gets no button."""
    import os
    from pathlib import Path

    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from selfeval.ui import create_app
    from selfeval.ui.queries import DagInfo

    (Path(os.environ["SELFEVAL_SOURCES"]) / "delta.yaml").write_text(
        "id: delta\nname: 丁县 · 绩效自评\nfamily: static_list\nstart_urls: ['http://delta.example/l.html']\n"
        "enabled: false\n", "utf-8")
    now = datetime.now(UTC)
    states = {
        "paused": DagInfo(is_paused=True, heartbeat_known=True, scheduler_heartbeat=now),
        "no scheduler": DagInfo(is_paused=False, heartbeat_known=True, scheduler_heartbeat=None),
        "stale": DagInfo(is_paused=False, heartbeat_known=True, scheduler_heartbeat=now - timedelta(minutes=30)),
        "healthy": DagInfo(is_paused=False, heartbeat_known=True, scheduler_heartbeat=now),
    }
    pages = {}
    for name, info in states.items():
        root = FastAPI()
        root.mount("/selfeval", create_app(warehouse.url, raw_store=warehouse.raw_dir, dag_info=lambda i=info: i))
        with TestClient(root) as c:
            pages[name] = (c.get("/selfeval/sources").text, c.get("/selfeval/sources/alpha").text)
    assert "DAG is paused" in pages["paused"][0] and "DAG is paused" in pages["paused"][1]
    assert "no scheduler is running" in pages["no scheduler"][0]
    assert "no scheduler heartbeat since" in pages["stale"][0]
    assert "data-crawl-warning" not in pages["healthy"][0] + pages["healthy"][1]
    delta = pages["healthy"][0][pages["healthy"][0].index('data-source="delta"'):]
    delta = delta[:delta.index("</tr>")]
    assert "disabled: not crawled" in delta and "data-trigger" not in delta
    assert 'data-trigger data-source="alpha"' in pages["healthy"][0]


def test_reports_list_downloads_as_csv_with_its_filters(client, warehouse):
    """Issue 14 item 9: the filtered Reports list as a CSV (with BOM, for Excel)."""
    import csv
    import io

    html = client.get("/selfeval/reports?status=warning").text
    assert 'id="reports-csv" href="/selfeval/reports.csv?status=warning"' in html
    r = client.get("/selfeval/reports.csv?status=warning")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"] and r.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    everything = list(csv.DictReader(io.StringIO(client.get("/selfeval/reports.csv").content.decode("utf-8-sig"))))
    assert rows and all(x["validation_status"] == "warning" for x in rows) and len(everything) > len(rows)
    assert list(rows[0])[:3] == ["report_id", "title", "report_type"]
