"""Alerts reach a real webhook and a real SMTP server on loopback, from the DAGs and from the health check."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from selfeval.alerts import Alert, send, source_health_alerts, task_failure_alert

from tests.alerts.sinks import SmtpSink, WebhookSink
from tests.conftest import airflow_env

CHALLENGE = (b"<html><head><script>window.EO_Bot_Ssid=12345;document.cookie='__tst_status=1';"
             b"location.reload();</script></head><body></body></html>")


def test_webhook_delivery():
    with WebhookSink() as sink:
        port = sink.server_address[1]
        send(task_failure_alert("selfeval_crawl", "manual__1", "crawl_source", 2, "KeyError: x"),
             {"conn_type": "http", "host": "127.0.0.1", "port": port, "schema": "hooks/selfeval"})
    [got] = sink.received
    assert got["path"] == "/hooks/selfeval"
    assert got["json"]["kind"] == "task_failed" and "crawl_source" in got["json"]["subject"]


def test_smtp_delivery():
    with SmtpSink() as smtp:
        send(task_failure_alert("selfeval_process", "r1", "process_batch", 1, "boom"),
             {"conn_type": "smtp", "host": "127.0.0.1", "port": smtp.port, "extra": {"to": "ops@example.org"}})
    [msg] = smtp.messages
    assert msg.rcpt_tos == ["ops@example.org"]
    assert b"process_batch failed" in msg.content


def test_silent_source_alert(data_env):
    from selfeval.settings import get_settings
    from selfeval.warehouse.db import session_scope, upgrade
    from selfeval.warehouse.models import CrawlRun, Source

    url = get_settings().warehouse_url
    upgrade(url)
    long_ago = datetime.now(UTC) - timedelta(days=30)
    with session_scope(url) as s:
        s.add(Source(id="quiet", name="安静县", family="static_list", config={}, status="ok", updated_at=long_ago))
        s.flush()
        s.add(CrawlRun(source_id="quiet", run_key="a", dag_id="d", dag_run_id="r", task_id="t", try_number=1,
                       started_at=long_ago, finished_at=long_ago, status="success", items_new=5))
        s.add(CrawlRun(source_id="quiet", run_key="b", dag_id="d", dag_run_id="r2", task_id="t", try_number=1,
                       started_at=datetime.now(UTC), finished_at=datetime.now(UTC), status="success", items_new=0))
    kinds = [a.kind for a in source_health_alerts(url, {"quiet": "@weekly"}, silent_periods=3)]
    assert kinds == ["source_silent"]
    assert source_health_alerts(url, {"quiet": "@monthly"}, silent_periods=3) == []


class _ChallengePortal(ThreadingHTTPServer):
    daemon_threads = True


class _Challenge(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        if self.path == "/robots.txt":
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(CHALLENGE)))
        self.end_headers()
        self.wfile.write(CHALLENGE)


@pytest.fixture
def challenge_portal():
    srv = _ChallengePortal(("127.0.0.1", 0), _Challenge)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


@pytest.mark.e2e
def test_dag_alerts_blocked_source_and_failed_task(airflow_home, tmp_path, challenge_portal):
    """Real crawl DAG runs: a blocked and a refused source are alerted once each (with links on
    SELFEVAL_ALERT_BASE_URL), the run fails on source_health after crawling them, a second run alerts nothing,
    and an unknown source fails select_sources → a task failure alert linking its log (issue 14 items 4, 5)."""
    import subprocess

    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "blocked.yaml").write_text(
        f"id: blocked-county\nname: 被拦截县\nfamily: static_list\n"
        f"start_urls: ['{challenge_portal}/zwgk/jxzp/index.html']\nallow_private_network: true\n", "utf-8")
    (sources / "refused.yaml").write_text(  # nothing listens on port 9: robots.txt and the list are refused
        "id: refused-county\nname: 拒绝县\nfamily: static_list\nhost_group: refused\n"
        "start_urls: ['http://127.0.0.1:9/zwgk/jxzp/index.html']\nallow_private_network: true\n", "utf-8")
    base = "https://airflow.example.org/ops"
    with WebhookSink() as sink:
        env = airflow_env(airflow_home, SELFEVAL_DATA_DIR=str(tmp_path / "data"), SELFEVAL_SOURCES=str(sources),
                          AIRFLOW_CONN_SELFEVAL_ALERTS=sink.url, SELFEVAL_TASK_RETRIES="0",
                          SELFEVAL_ALERT_BASE_URL=base + "/")

        def dags_test(conf: dict) -> subprocess.CompletedProcess:
            return subprocess.run(["airflow", "dags", "test", "selfeval_crawl", "--conf", json.dumps(conf)],
                                  env=env, capture_output=True, text=True, timeout=600)

        # both sources are crawled and alerted, then the run fails on source_health, so Airflow's own state
        # shows the failing sources; its one-line summary names them
        proc = dags_test({"force": True})
        out = proc.stdout + proc.stderr
        assert proc.returncode != 0 and "DagRun failed" in out, out[-3000:]
        assert "selfeval_crawl: 2 source(s) crawled, 2 failing or blocked (blocked-county, refused-county)" \
            in proc.stdout.splitlines(), out[-3000:]
        got = {r["json"]["kind"]: r["json"] for r in sink.received}
        assert sorted(got) == ["source_blocked", "source_failing"], [r["json"]["subject"] for r in sink.received]
        blocked, refused = got["source_blocked"], got["source_failing"]
        assert "edgeone" in blocked["body"].lower() and blocked["details"]["source_id"] == "blocked-county"
        assert "connection refused" in refused["body"] and "robots.txt" not in refused["body"], refused["body"]
        links = blocked["details"]["links"]
        assert links["source page"] == f"{base}/selfeval/sources/blocked-county"
        assert links["last crawl run"].startswith(f"{base}/dags/selfeval_crawl/runs/manual__")
        assert links["source page"] in blocked["body"]
        sink.received.clear()

        # the same conditions on the next run: the run fails again in Airflow, but nobody is told twice
        proc = dags_test({"force": True})
        assert proc.returncode != 0, proc.stdout[-3000:]
        assert sink.received == [], [r["json"]["subject"] for r in sink.received]

        proc = dags_test({"source_id": "no-such-source"})
        failed = [r["json"] for r in sink.received if r["json"]["kind"] == "task_failed"]
        assert [f["details"]["task_id"] for f in failed] == ["select_sources"], proc.stdout[-3000:]
        assert "no-such-source" in failed[0]["body"]
        log_url = failed[0]["details"]["log_url"]
        assert log_url.startswith(f"{base}/dags/selfeval_crawl/runs/") and \
            log_url.endswith("/tasks/select_sources?try_number=1"), log_url
        assert f"log: {log_url}" in failed[0]["body"]


def test_alert_links_use_the_configured_base_url(monkeypatch):
    """SELFEVAL_ALERT_BASE_URL, else Airflow's AIRFLOW__API__BASE_URL, else localhost:8080 (issue 14 item 5)."""
    from selfeval.alerts import with_links
    from selfeval.settings import get_settings

    monkeypatch.delenv("SELFEVAL_ALERT_BASE_URL", raising=False)
    monkeypatch.delenv("AIRFLOW__API__BASE_URL", raising=False)
    assert get_settings().alert_base_url == "http://localhost:8080"
    monkeypatch.setenv("AIRFLOW__API__BASE_URL", "http://10.0.0.5:8080/")
    assert get_settings().alert_base_url == "http://10.0.0.5:8080"
    monkeypatch.setenv("SELFEVAL_ALERT_BASE_URL", "https://airflow.example.org/")
    base = get_settings().alert_base_url
    assert base == "https://airflow.example.org"

    a = task_failure_alert("selfeval_crawl", "scheduled__2026-01-01T00:00:00+00:00", "crawl_source", 3, "boom",
                           base_url=base, map_index=1)
    assert a.details["log_url"] == ("https://airflow.example.org/dags/selfeval_crawl/runs/"
                                    "scheduled__2026-01-01T00%3A00%3A00%2B00%3A00/tasks/crawl_source/mapped/1"
                                    "?try_number=3")
    [s] = with_links([Alert("source_failing", "s", "body", {"source_id": "a b", "dag_id": "selfeval_crawl",
                                                            "dag_run_id": "manual__1"})], base)
    assert s.details["links"] == {"source page": "https://airflow.example.org/selfeval/sources/a%20b",
                                  "last crawl run": "https://airflow.example.org/dags/selfeval_crawl/runs/manual__1"}
    body = s.body
    assert body.endswith("last crawl run: https://airflow.example.org/dags/selfeval_crawl/runs/manual__1")
    assert with_links([s], base)[0].body == body  # linked once


def test_alerts_go_out_when_a_condition_starts_and_ends_only(data_env):
    """Seven runs of a blocked source gave seven alerts; now: one when it starts, one when it ends, none for a
    disabled source (issue 14 item 5)."""
    from selfeval.alerts.state import changes
    from selfeval.settings import get_settings
    from selfeval.warehouse.db import upgrade

    url = get_settings().warehouse_url
    upgrade(url)
    blocked = Alert("source_blocked", "[selfeval] source a is blocked", "challenge", {"source_id": "a"})
    off = Alert("source_failing", "[selfeval] source off is failing", "x", {"source_id": "off"})
    first = changes(url, [blocked, off], enabled_sources={"a"})
    assert [a.kind for a in first] == ["source_blocked"]
    for _ in range(5):  # the same condition on every later run: nothing new to say
        assert changes(url, [blocked, off], enabled_sources={"a"}) == []
    recovered = changes(url, [], enabled_sources={"a"})
    assert [a.kind for a in recovered] == ["source_blocked_resolved"] and "no longer blocked" in recovered[0].subject
    assert changes(url, [], enabled_sources={"a"}) == []
    assert [a.kind for a in changes(url, [blocked], enabled_sources={"a"})] == ["source_blocked"]  # again
