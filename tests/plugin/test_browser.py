"""The plugin in a real browser: Airflow's api-server with the plugin on loopback, headless Chromium.

The warehouse comes from the real pipeline stages run against the demo portal
(crawl, download, process), under DAG run ids that exist in Airflow, so the
lineage links land on real Airflow run pages. Screenshots go to
`$SELFEVAL_TEST_OUTPUT/screenshots/` (or the test's tmp dir).
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import sqlite3
import subprocess
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from tests.conftest import ROOT, airflow_env, free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CRAWL_RUNS = ("selfeval_ui_test__crawl_1", "selfeval_ui_test__crawl_2")
BLOCKED_RUN = "selfeval_ui_test__crawl_blocked"
PROCESS_RUN = "selfeval_ui_test__process_1"
SOURCE_ID = "demo-county"
BLOCKED_ID = "blocked-county"
DISABLED_ID = "dormant-county"
# What an EdgeOne bot challenge answers instead of the list page (selfeval.crawl.antibot detects it).
CHALLENGE = (b"<html><head><script>window.EO_Bot_Ssid=12345;document.cookie='__tst_status=1';"
             b"location.reload();</script></head><body></body></html>")


class _ChallengeHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        body = b"" if self.path == "/robots.txt" else CHALLENGE
        self.send_response(404 if self.path == "/robots.txt" else 200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@dataclass
class Stack:
    base: str
    db: Path
    shots: Path

    def rows(self, sql: str, *args) -> list[dict]:
        con = sqlite3.connect(self.db)
        con.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in con.execute(sql, args)]
        finally:
            con.close()

    def shot(self, page, name: str, full_page: bool = False) -> Path:
        path = self.shots / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path


def _requirements() -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: scripts/setup.sh installs Debian's 'chromium' package")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the 'playwright' Python package is not installed (requirements.txt pins it)")


def _run_demo_pipeline(data: Path) -> None:
    """Crawl (twice), download and process the demo portal, and crawl a portal that answers a bot challenge,
    under DAG run ids that are then created in Airflow."""
    from selfeval.demo.portal import serve
    from selfeval.pipeline.context import RunContext
    from selfeval.pipeline.crawl import crawl_source
    from selfeval.pipeline.download import download_source
    from selfeval.pipeline.process import pending_versions, process_batch
    from selfeval.settings import get_settings
    from selfeval.sources.registry import get_source
    from selfeval.sources.schema import SourceConfig
    from selfeval.warehouse.db import upgrade

    challenge = ThreadingHTTPServer(("127.0.0.1", 0), _ChallengeHandler)
    challenge.daemon_threads = True
    threading.Thread(target=challenge.serve_forever, daemon=True).start()

    with pytest.MonkeyPatch.context() as mp, serve(port=0) as portal:
        mp.setenv("SELFEVAL_DATA_DIR", str(data))
        mp.setenv("SELFEVAL_WAREHOUSE_URL", f"sqlite:///{data / 'warehouse.sqlite'}")
        mp.setenv("SELFEVAL_SOURCES", str(ROOT / "demo-sources"))
        mp.setenv("SELFEVAL_DEMO_BASE_URL", portal.url)
        settings = get_settings()
        upgrade(settings.warehouse_url)
        source = get_source(SOURCE_ID)
        for run_id in CRAWL_RUNS:
            ctx = RunContext(dag_id="selfeval_crawl", dag_run_id=run_id, task_id="crawl_source", map_index=0)
            crawl_source(source, settings, ctx)
            download_source(source, settings, ctx)
        ctx = RunContext(dag_id="selfeval_process", dag_run_id=PROCESS_RUN, task_id="process_batch", map_index=0)
        summary = process_batch(settings, pending_versions(settings), ctx)
        assert summary.reports >= 8, summary
        blocked = SourceConfig(id=BLOCKED_ID, name="被拦截县人民政府 · 绩效自评", family="static_list",
                               start_urls=[f"http://127.0.0.1:{challenge.server_address[1]}/zwgk/jxzp/index.html"],
                               allow_private_network=True)
        ctx = RunContext(dag_id="selfeval_crawl", dag_run_id=BLOCKED_RUN, task_id="crawl_source", map_index=1)
        assert crawl_source(blocked, settings, ctx).blocked
    challenge.shutdown()


def _wait_ready(base: str, server: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"airflow api-server exited ({server.returncode}):\n{log.read_text()[-5000:]}")
        try:
            if httpx.get(f"{base}/api/v2/version", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"airflow api-server not ready after {timeout} s:\n{log.read_text()[-5000:]}")


@pytest.fixture(scope="module")
def stack(airflow_home, tmp_path_factory) -> Stack:
    _requirements()
    data = tmp_path_factory.mktemp("ui_data")
    out = os.environ.get("SELFEVAL_TEST_OUTPUT")
    shots = Path(out) / "screenshots" if out else tmp_path_factory.mktemp("screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    registry = tmp_path_factory.mktemp("registry")  # the demo source, and a disabled one (never crawled)
    (registry / "demo-county.yaml").write_text((ROOT / "demo-sources" / "demo-county.yaml").read_text("utf-8"), "utf-8")
    (registry / "dormant.yaml").write_text(
        f"id: {DISABLED_ID}\nname: 休眠县人民政府 · 绩效自评\nfamily: static_list\nenabled: false\n"
        "start_urls: ['https://dormant.example.gov.cn/zwgk/jxzp/index.html']\n", "utf-8")
    env = airflow_env(airflow_home, SELFEVAL_DATA_DIR=str(data),
                      SELFEVAL_WAREHOUSE_URL=f"sqlite:///{data / 'warehouse.sqlite'}",
                      SELFEVAL_DEMO_BASE_URL="http://127.0.0.1:9", SELFEVAL_SOURCES=str(registry),
                      AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS="True")
    log = data / "api-server.log"
    with open(log, "w") as fh:
        server = subprocess.Popen(["airflow", "api-server", "--host", "127.0.0.1", "--port", str(port),
                                   "--workers", "1"], env=env, stdout=fh, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        # The api-server reads DAGs from the metadata DB: serialize them while it starts and the pipeline runs.
        reserialize = subprocess.Popen(["airflow", "dags", "reserialize"], env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.PIPE, text=True)
        _run_demo_pipeline(data)
        _, err = reserialize.communicate(timeout=180)
        assert reserialize.returncode == 0, err[-3000:]
        _wait_ready(base, server, log)
        for dag_id, run_id, conf in [*(("selfeval_crawl", r, {"source_id": SOURCE_ID, "force": True})
                                       for r in CRAWL_RUNS), ("selfeval_process", PROCESS_RUN, {}),
                                     ("selfeval_crawl", BLOCKED_RUN, {"source_id": BLOCKED_ID, "force": True})]:
            r = httpx.post(f"{base}/api/v2/dags/{dag_id}/dagRuns", timeout=30,
                           json={"dag_run_id": run_id, "logical_date": None, "conf": conf})
            assert r.status_code in (200, 409), r.text
        yield Stack(base=base, db=data / "warehouse.sqlite", shots=shots)
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(server.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def browser():
    _requirements()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    pg.js_errors = []
    pg.on("pageerror", lambda exc: pg.js_errors.append(str(exc)))
    yield pg
    ctx.close()


def _embedded(page, name: str = "Self-eval"):
    """The plugin page inside the Airflow UI's iframe for the external view `name`."""
    return page.frame_locator(f"iframe[title='{name}']")


def test_plugin_is_listed_and_in_the_airflow_navigation(stack, page):
    from playwright.sync_api import expect

    plugins = httpx.get(f"{stack.base}/api/v2/plugins", timeout=30).json()["plugins"]
    ours = next(p for p in plugins if p["name"] == "selfeval_ui")
    assert ours["fastapi_apps"][0]["url_prefix"] == "/selfeval"
    views = {v["name"]: v for v in ours["external_views"]}
    assert views["Self-eval"]["href"] == "selfeval/sources" and views["Self-eval"]["destination"] == "nav"
    assert views["Self-eval reports"]["category"] == "browse"

    page.goto(f"{stack.base}/")
    nav = page.get_by_role("link", name="Self-eval", exact=True)
    expect(nav).to_be_visible()
    page.get_by_role("button", name="Browse").click()
    expect(page.get_by_role("menuitem", name="Self-eval reports")).to_be_visible()
    stack.shot(page, "01-airflow-nav-browse-menu")
    page.keyboard.press("Escape")
    nav.click()
    page.wait_for_url("**/plugin/selfeval**")
    expect(_embedded(page).locator(f"tr[data-source='{SOURCE_ID}']")).to_be_visible()


def test_sources_page_with_chart_and_crawl_trigger(stack, page):
    from playwright.sync_api import expect

    page.goto(f"{stack.base}/plugin/selfeval")
    frame = _embedded(page)
    row = frame.locator(f"tr[data-source='{SOURCE_ID}']")
    expect(row).to_be_visible()
    expect(row.locator("svg.chart")).to_have_attribute("data-runs", str(len(CRAWL_RUNS)))
    expect(row.locator("svg.chart g.run")).to_have_count(len(CRAWL_RUNS))
    found = [r["items_found"] for r in stack.rows("SELECT items_found FROM crawl_run ORDER BY id")]
    expect(row.locator("svg.chart g.run title").first).to_contain_text(f"{found[0]} found")
    expect(row.locator(".badge.ok")).to_be_visible()
    expect(row.locator("td").nth(2)).to_contain_text("UTC")  # last successful crawl
    expect(row.locator("td").nth(6)).to_contain_text("selfeval_crawl")  # next run explained by the DAG
    blocked = frame.locator(f"tr[data-source='{BLOCKED_ID}']")
    expect(blocked.locator(".badge.blocked")).to_be_visible()
    evidence = frame.locator(f"tr[data-evidence-for='{BLOCKED_ID}'] .evidence")
    expect(evidence).to_contain_text("edgeone")  # the evidence: challenge marker and URL
    expect(evidence).to_contain_text("/zwgk/jxzp/index.html")
    expect(evidence.locator("a[data-airflow]")).to_have_text(f"selfeval_crawl / {BLOCKED_RUN}")
    expect(blocked.locator("svg.chart g.run-blocked")).to_have_count(1)
    stack.shot(page, "02-sources-in-airflow")

    row.get_by_role("button", name="Crawl now").click()
    result = row.locator(".trigger-result a")
    expect(result).to_be_visible()
    run_id = result.inner_text()
    run = httpx.get(f"{stack.base}/api/v2/dags/selfeval_crawl/dagRuns/{quote(run_id, safe='')}", timeout=30).json()
    assert run["conf"] == {"source_id": SOURCE_ID, "force": True}, run
    assert run["run_type"] == "manual"
    stack.shot(page, "03-sources-crawl-triggered")

    page.goto(f"{stack.base}/selfeval/sources/{SOURCE_ID}")
    expect(page.locator("svg.chart-large g.run")).to_have_count(len(CRAWL_RUNS))
    stack.shot(page, "04-source-detail", full_page=True)
    assert page.js_errors == []


def test_crawl_now_warns_when_no_run_would_start_and_disabled_sources_have_no_button(stack, page):
    """Issue 14 item 3: a paused DAG, or no scheduler heartbeat, is said before and after Crawl now (Airflow
    would queue the run and never start it); a disabled source has no Crawl now button."""
    from playwright.sync_api import expect

    dag = f"{stack.base}/api/v2/dags/selfeval_crawl"
    assert httpx.get(dag, timeout=30).json()["is_paused"] is True  # a new DAG starts paused
    page.goto(f"{stack.base}/plugin/selfeval")
    frame = _embedded(page)
    expect(frame.locator("[data-crawl-warning]")).to_contain_text("the selfeval_crawl DAG is paused")
    dormant = frame.locator(f"tr[data-source='{DISABLED_ID}']")
    expect(dormant).to_contain_text("disabled: not crawled")
    expect(dormant.locator("button")).to_have_count(0)
    row = frame.locator(f"tr[data-source='{SOURCE_ID}']")
    row.get_by_role("button", name="Crawl now").click()
    expect(row.locator(".trigger-result.warn a")).to_be_visible()  # queued, and said why it will not start
    expect(row.locator("[data-trigger-warning]")).to_contain_text("DAG is paused")
    stack.shot(page, "13-crawl-now-dag-paused")

    assert httpx.patch(dag, json={"is_paused": False}, timeout=30).status_code == 200
    try:
        page.goto(f"{stack.base}/selfeval/sources/{SOURCE_ID}")  # no scheduler runs in this test stack
        expect(page.locator("[data-crawl-warning]")).to_contain_text(
            re.compile(r"no scheduler (is running|heartbeat since)"))
        expect(page.locator("[data-crawl-warning]")).not_to_contain_text("paused")
        stack.shot(page, "14-crawl-now-no-scheduler")
        page.goto(f"{stack.base}/selfeval/sources/{DISABLED_ID}")
        expect(page.locator("main")).to_contain_text("disabled in the source registry: not crawled")
        expect(page.locator("button[data-trigger]")).to_have_count(0)
        expect(page.locator("[data-crawl-warning]")).to_have_count(0)  # nothing to trigger, nothing to warn of
        stack.shot(page, "15-disabled-source-no-crawl-now")
    finally:
        httpx.patch(dag, json={"is_paused": True}, timeout=30)
    assert page.js_errors == []


def test_reports_table_filters_and_report_page(stack, page):
    from playwright.sync_api import expect
    from selfeval.model import REPORT_FIELDS

    rows = stack.rows("SELECT * FROM v_report ORDER BY report_id")
    assert len(rows) >= 8
    page.goto(f"{stack.base}/selfeval/reports")
    table = page.locator("#reports tbody tr")
    expect(table).to_have_count(len(rows))
    for r in rows:
        expect(page.locator(f"tr[data-report-id='{r['report_id']}']")).to_contain_text(r["title"] or "(untitled)")
    stack.shot(page, "05-reports", full_page=True)

    province = rows[0]["province"]
    page.select_option("select[name=province]", province)  # submits on change
    page.wait_for_url("**province=**")
    expect(table).to_have_count(sum(1 for r in rows if r["province"] == province))
    page.goto(f"{stack.base}/selfeval/reports")
    dept = rows[-1]["department"]
    page.fill("input[name=q]", dept)
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**q=**")
    searched = ("title", "department", "city", "county", "township", "document_url")
    expect(table).to_have_count(sum(1 for r in rows if any(dept in (r[c] or "") for c in searched)))

    # the report with the most evidence, and one that has another version (same department + year)
    counts = stack.rows("SELECT report_id, COUNT(*) AS n FROM field_evidence GROUP BY report_id ORDER BY n DESC")
    rid = counts[0]["report_id"]
    report = next(r for r in rows if r["report_id"] == rid)
    page.goto(f"{stack.base}/selfeval/reports/{rid}")
    expect(page.locator("#fields tr[data-field]")).to_have_count(
        len(REPORT_FIELDS) + len({e["field"] for e in stack.rows(
            "SELECT field FROM field_evidence WHERE report_id = ?", rid)} - set(REPORT_FIELDS)))
    ev = stack.rows("SELECT * FROM field_evidence WHERE report_id = ? AND field = 'department'", rid)[0]
    dep_row = page.locator("tr[data-field='department']")
    expect(dep_row.locator(".snippet")).to_have_text(ev["snippet"])
    expect(dep_row.locator("td").nth(3)).to_have_text(str(ev["page"]))
    n_failed = len(stack.rows("SELECT 1 FROM validation_result WHERE report_id = ? AND status = 'failed'", rid))
    expect(page.locator("#validation tr[data-status='failed']")).to_have_count(n_failed)
    download = page.get_by_role("link", name="Download")
    href = download.get_attribute("href")
    raw = page.request.get(f"{stack.base}{href}")
    assert raw.ok and hashlib.sha256(raw.body()).hexdigest() == report["document_sha256"]
    assert "attachment" in raw.headers["content-disposition"]
    stack.shot(page, "06-report", full_page=True)

    twins = stack.rows("SELECT a.report_id AS a, b.report_id AS b FROM v_report a JOIN v_report b ON "
                       "a.department = b.department AND a.fiscal_year = b.fiscal_year AND a.report_id < b.report_id")
    if twins:
        page.goto(f"{stack.base}/selfeval/reports/{twins[0]['a']}")
        expect(page.locator("#versions")).to_contain_text(str(twins[0]["b"]))
    assert page.js_errors == []


def test_lineage_chain_links_to_the_airflow_run(stack, page):
    from playwright.sync_api import expect

    rid = stack.rows("SELECT report_id FROM v_report ORDER BY report_id LIMIT 1")[0]["report_id"]
    crawl = stack.rows("SELECT c.dag_run_id FROM v_report v JOIN crawl_run c ON c.id = v.crawl_run_id "
                       "WHERE v.report_id = ?", rid)[0]["dag_run_id"]
    assert crawl in CRAWL_RUNS
    page.goto(f"{stack.base}/selfeval/reports/{rid}/lineage")
    steps = page.locator("#lineage > li")
    expect(steps).to_have_count(8)
    assert [s.get_attribute("data-step") for s in steps.all()] == [
        "report", "evidence", "document_version", "download", "page", "list_page", "crawl_run", "dag_run"]
    stack.shot(page, "07-lineage", full_page=True)

    page.goto(f"{stack.base}/plugin/selfeval/selfeval/reports/{rid}/lineage")  # deep link into the embedded view
    link = _embedded(page).locator("#dag-run-link")
    expect(link).to_have_attribute("href", f"/dags/selfeval_crawl/runs/{quote(crawl, safe='')}")
    stack.shot(page, "08-lineage-in-airflow")
    link.click()
    page.wait_for_url(f"**/dags/selfeval_crawl/runs/{crawl}")
    expect(page.get_by_text(crawl).first).to_be_visible()
    stack.shot(page, "09-airflow-dag-run-from-lineage")


def test_quarantine_page(stack, page):
    from playwright.sync_api import expect

    expected: dict[int, set[str]] = {}
    for r in stack.rows("SELECT report_id, rule_id FROM v_quarantine"):
        expected.setdefault(r["report_id"], set()).add(r["rule_id"])
    page.goto(f"{stack.base}/selfeval/quarantine")
    rows = page.locator("#quarantine tbody tr") if expected else page.locator(".empty")
    expect(rows).to_have_count(len(expected) or 1)
    for rid, rules in expected.items():
        for rule in rules:
            expect(page.locator(f"tr[data-report-id='{rid}'] li[data-rule='{rule}']")).to_be_visible()
    stack.shot(page, "10-quarantine", full_page=True)
    assert page.js_errors == []


def test_plugin_follows_the_airflow_ui_language(stack, page):
    """Issue 14 item 9: switching Airflow's UI to 简体中文 (User → Select Language) switches the embedded
    plugin too (app.js reads Airflow's localStorage['i18nextLng']), and it stays Chinese on its own."""
    from playwright.sync_api import expect

    page.goto(f"{stack.base}/plugin/selfeval")
    frame = _embedded(page)
    expect(frame.locator("h1")).to_have_text("Sources")
    expect(frame.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="User").click()
    page.get_by_role("menuitem", name="Select Language").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("combobox").click()
    page.get_by_role("option", name="简体中文").click()
    assert page.evaluate("localStorage.getItem('i18nextLng')") == "zh-CN"
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="浏览")).to_be_visible()  # Airflow itself is in Chinese now
    expect(frame.locator("html")).to_have_attribute("lang", "zh-CN")  # and the plugin followed
    expect(frame.locator("h1")).to_have_text("数据源")
    row = frame.locator(f"tr[data-source='{SOURCE_ID}']")
    expect(row.locator(".badge.ok")).to_have_text("正常")
    expect(frame.locator("#sources thead")).to_contain_text("下次计划运行")
    expect(frame.locator("[data-crawl-warning]")).to_contain_text("selfeval_crawl DAG 已暂停")
    row.get_by_role("button", name="立即抓取").click()
    expect(row.locator("[data-trigger-warning]")).to_contain_text("但selfeval_crawl DAG 已暂停")
    expect(row.locator(".trigger-result")).to_contain_text("排队中：")
    stack.shot(page, "16-sources-in-airflow-zh-CN")

    page.goto(f"{stack.base}/selfeval/reports")  # outside Airflow's frame, in a new page: still Chinese
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("h1")).to_have_text("报告")
    page.goto(f"{stack.base}/selfeval/reports?lang=en")  # an explicit choice beats Airflow's language
    expect(page.locator("h1")).to_have_text("Reports")
    page.goto(f"{stack.base}/selfeval/sources")
    expect(page.locator("h1")).to_have_text("Sources")
    page.goto(f"{stack.base}/selfeval/sources?lang=auto")  # until it is forgotten
    expect(page.locator("h1")).to_have_text("数据源")
    page.locator("#lang-switch a[data-lang='en']").click()  # the header's switch is the same ?lang=
    expect(page.locator("h1")).to_have_text("Sources")
    page.locator("#lang-switch a[data-lang='auto']").click()
    expect(page.locator("h1")).to_have_text("数据源")
    expect(page.locator("#lang-switch b")).to_have_text("简体中文")
    stack.shot(page, "17-sources-zh-CN", full_page=True)
    assert page.js_errors == []


# --- hostile content, in the browser ------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The UI app alone (no Airflow) over the model-built warehouse whose crawled strings carry XSS payloads."""
    _requirements()
    import uvicorn
    from fastapi import FastAPI
    from selfeval.ui import create_app

    from tests.plugin.conftest import build_warehouse

    base_dir = tmp_path_factory.mktemp("hostile")
    wh = build_warehouse(f"sqlite:///{base_dir / 'warehouse.sqlite'}", base_dir / "raw", extra_reports=3)
    root = FastAPI()
    root.mount("/selfeval", create_app(wh.url, raw_store=wh.raw_dir))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(root, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    out = os.environ.get("SELFEVAL_TEST_OUTPUT")
    shots = Path(out) / "screenshots" if out else base_dir / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    yield f"http://127.0.0.1:{port}", wh, shots
    server.should_exit = True
    thread.join(timeout=10)


def test_hostile_content_renders_inert(hostile_site, browser):
    from playwright.sync_api import expect

    base, wh, shots = hostile_site
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    page = ctx.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        for path in ("/selfeval/sources", "/selfeval/sources/beta", "/selfeval/reports?q=%3Cscript%3E",
                     f"/selfeval/reports/{wh.ids['main']}", f"/selfeval/reports/{wh.ids['quarantined']}",
                     f"/selfeval/reports/{wh.ids['quarantined']}/lineage", "/selfeval/quarantine"):
            page.goto(base + path)
            expect(page.locator("header.top")).to_be_visible()
            assert page.locator("img[src=x]").count() == 0, path  # the payload stayed text
        quarantine = page.locator("#quarantine tbody tr")
        expect(quarantine).to_have_count(1)
        expect(quarantine.locator("li[data-rule]")).to_have_count(2)
        expect(quarantine).to_contain_text('<script>alert("x")</script>')
        page.screenshot(path=str(shots / "11-quarantine-with-failed-rules.png"), full_page=True)
        page.goto(base + "/selfeval/sources")
        page.screenshot(path=str(shots / "12-sources-blocked-and-hostile-names.png"), full_page=True)
        page.goto(f"{base}/selfeval/documents/{wh.sha['html']}")  # crawled HTML with a script, served sandboxed
        assert page.evaluate("document.title") != "pwned"
        assert dialogs == [] and errors == []
    finally:
        ctx.close()
