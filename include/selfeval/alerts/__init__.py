"""Alerts for ops: task failures, blocked sources, silent sources. Sent by webhook or SMTP.

Airflow-free: the connection arrives as a plain dict (conn_type, host, port, login, password,
schema, extra) so this module is tested without Airflow; `notifier.py` is the Airflow glue.
"""

from __future__ import annotations

import json
import logging
import smtplib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any
from urllib.parse import quote

import requests
from sqlalchemy import text

from selfeval.sources import schedule
from selfeval.warehouse.db import get_engine

log = logging.getLogger(__name__)

@dataclass
class Alert:
    kind: str  # task_failed | source_blocked | source_failing | source_warning | source_silent
    subject: str
    body: str
    details: dict[str, Any] = field(default_factory=dict)


def send(alert: Alert, conn: dict[str, Any], timeout_s: float = 10.0) -> None:
    """Deliver one alert through a webhook (http/https connection) or SMTP (smtp/email connection)."""
    ctype = (conn.get("conn_type") or "").lower()
    extra = conn.get("extra") or {}
    if isinstance(extra, str):
        extra = json.loads(extra or "{}")
    if ctype in ("http", "https", "webhook"):
        scheme = "https" if ctype == "https" or extra.get("https") else "http"
        port = f":{conn['port']}" if conn.get("port") else ""
        path = conn.get("schema") or extra.get("path") or ""
        url = f"{scheme}://{conn['host']}{port}/{path.lstrip('/')}"
        resp = requests.post(url, json=asdict(alert), timeout=timeout_s,
                             headers=extra.get("headers") or {}, auth=(conn["login"], conn.get("password") or "")
                             if conn.get("login") else None)
        resp.raise_for_status()
    elif ctype in ("smtp", "email"):
        msg = EmailMessage()
        msg["Subject"] = alert.subject
        msg["From"] = extra.get("from") or conn.get("login") or "selfeval@localhost"
        msg["To"] = extra.get("to") or "ops@localhost"
        msg.set_content(alert.body + "\n\n" + json.dumps(alert.details, ensure_ascii=False, indent=2, default=str))
        with smtplib.SMTP(conn["host"], int(conn.get("port") or 25), timeout=timeout_s) as smtp:
            if extra.get("starttls"):
                smtp.starttls()
            if conn.get("login") and conn.get("password"):
                smtp.login(conn["login"], conn["password"])
            smtp.send_message(msg)
    else:
        raise ValueError(f"alert connection type {ctype!r} is not supported (use http/https or smtp)")


def airflow_url(base_url: str, dag_id: str, run_id: str | None = None, task_id: str | None = None,
                map_index: int | None = None, try_number: int | None = None) -> str:
    """A page of the Airflow UI at `base_url` (SELFEVAL_ALERT_BASE_URL): a DAG, a run, or a task instance
    at one try (its log), with Airflow's own URL scheme (the same as `TaskInstance.log_url`)."""
    url = f"{base_url.rstrip('/')}/dags/{quote(dag_id, safe='')}"
    if run_id:
        url += f"/runs/{quote(run_id, safe='')}"
        if task_id:
            url += f"/tasks/{quote(task_id, safe='')}"
            url += f"/mapped/{int(map_index)}" if map_index is not None and map_index >= 0 else ""
            url += f"?try_number={int(try_number)}" if try_number else ""
    return url


def source_page_url(base_url: str, source_id: str) -> str:
    """The source's page of the selfeval UI plugin (health, runs, evidence, Crawl now)."""
    return f"{base_url.rstrip('/')}/selfeval/sources/{quote(source_id, safe='')}"


def task_failure_alert(dag_id: str, run_id: str, task_id: str, try_number: int, error: str | None,
                       log_url: str | None = None, base_url: str | None = None,
                       map_index: int | None = None) -> Alert:
    """One failed task try; its log link is `log_url`, or built on `base_url` (SELFEVAL_ALERT_BASE_URL)."""
    if log_url is None and base_url:
        log_url = airflow_url(base_url, dag_id, run_id, task_id, map_index, try_number)
    return Alert(
        kind="task_failed",
        subject=f"[selfeval] {dag_id}.{task_id} failed (try {try_number})",
        body=f"Task {task_id} of DAG {dag_id}, run {run_id}, failed: {error or 'unknown error'}"
        + (f"\nlog: {log_url}" if log_url else ""),
        details={"dag_id": dag_id, "run_id": run_id, "task_id": task_id, "try_number": try_number,
                 "error": error, "log_url": log_url},
    )


def with_links(alerts: list[Alert], base_url: str) -> list[Alert]:
    """Source alerts gain links on `base_url` (SELFEVAL_ALERT_BASE_URL): the source's page in the selfeval UI
    and the Airflow run of its last crawl, in `details["links"]` and as lines of the body."""
    for alert in alerts:
        links = {}
        if alert.details.get("source_id"):
            links["source page"] = source_page_url(base_url, alert.details["source_id"])
        if alert.details.get("dag_run_id"):
            links["last crawl run"] = airflow_url(base_url, alert.details.get("dag_id") or "selfeval_crawl",
                                                  alert.details["dag_run_id"])
        if links and "links" not in alert.details:
            alert.details["links"] = links
            alert.body += "".join(f"\n{name}: {url}" for name, url in links.items())
    return alerts


def source_health_alerts(warehouse_url: str, schedules: dict[str, str], silent_periods: int = 3,
                         now: datetime | None = None) -> list[Alert]:
    """Blocked or failing sources, and sources with no new item for `silent_periods` expected periods."""
    now = now or datetime.now(UTC)
    alerts: list[Alert] = []
    with get_engine(warehouse_url).connect() as conn:
        rows = conn.execute(text("SELECT * FROM v_source_health")).mappings().all()
        for r in rows:
            sid = r["source_id"]
            last_run = conn.execute(text(
                "SELECT dag_id, dag_run_id FROM crawl_run WHERE source_id = :s ORDER BY id DESC LIMIT 1"),
                {"s": sid}).first()
            run = {"dag_id": last_run[0], "dag_run_id": last_run[1]} if last_run and last_run[1] else {}
            if r["status"] == "blocked":
                alerts.append(Alert("source_blocked", f"[selfeval] source {sid} is blocked",
                                    f"{r['name']}: {r['status_detail']}", {"source_id": sid,
                                                                          "evidence": r["status_detail"], **run}))
            elif r["status"] == "failing":
                alerts.append(Alert("source_failing", f"[selfeval] source {sid} is failing",
                                    f"{r['name']}: {r['status_detail']}", {"source_id": sid, **run}))
            elif r["status"] == "warning":
                alerts.append(Alert("source_warning", f"[selfeval] source {sid} listed no items",
                                    f"{r['name']}: {r['status_detail']}", {"source_id": sid, **run}))
            period = schedule.period(schedules.get(sid, "@daily"), now)
            last_new = conn.execute(text(
                "SELECT MAX(finished_at) FROM crawl_run WHERE source_id = :s AND items_new > 0"), {"s": sid}).scalar()
            first = conn.execute(text("SELECT MIN(started_at) FROM crawl_run WHERE source_id = :s"), {"s": sid}).scalar()
            since = _aware(last_new or first)
            if since is not None and now - since > period * silent_periods:
                alerts.append(Alert("source_silent", f"[selfeval] source {sid} published nothing new",
                                    f"{r['name']}: no new item since {since:%Y-%m-%d %H:%M} "
                                    f"({silent_periods} expected periods of {schedules.get(sid, '@daily')})",
                                    {"source_id": sid, "since": since.isoformat()}))
    return alerts


def _aware(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
