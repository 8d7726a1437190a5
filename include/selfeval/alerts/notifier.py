"""Airflow glue for `selfeval.alerts`: a notifier configured by an Airflow connection.

Imported by the DAG files only (it needs Airflow); the rest of the package never imports it.
Connection id `selfeval_alerts` (e.g. `AIRFLOW_CONN_SELFEVAL_ALERTS=http://host:port/path` for a
webhook, or `smtp://user:pass@host:587?to=ops@example.org` for mail). Without the connection,
alerts are logged and not sent.
"""

from __future__ import annotations

import logging

from airflow.sdk import BaseHook, BaseNotifier

from selfeval.alerts import Alert, send, task_failure_alert

log = logging.getLogger(__name__)
CONN_ID = "selfeval_alerts"


def connection_dict(conn_id: str = CONN_ID) -> dict | None:
    try:
        c = BaseHook.get_connection(conn_id)
    except Exception:  # noqa: BLE001 - a missing connection must not fail the task
        return None
    return {"conn_type": c.conn_type, "host": c.host, "port": c.port, "login": c.login,
            "password": c.password, "schema": c.schema, "extra": c.extra_dejson}


def deliver(alerts: list[Alert], conn_id: str = CONN_ID) -> int:
    """Send every alert; returns how many went out. Delivery problems are logged, never raised."""
    conn = connection_dict(conn_id)
    sent = 0
    for alert in alerts:
        log.warning("%s: %s", alert.subject, alert.body)
        if conn is None:
            continue
        try:
            send(alert, conn)
            sent += 1
        except Exception as exc:  # noqa: BLE001
            log.error("could not deliver alert %r via %s: %s", alert.subject, conn_id, exc)
    return sent


class SelfevalNotifier(BaseNotifier):
    """on_failure_callback: one alert per failed task try, through the `selfeval_alerts` connection, with a link
    to the try's log on SELFEVAL_ALERT_BASE_URL (a run's verdict excepted: see `notify`)."""

    template_fields = ()

    def __init__(self, conn_id: str = CONN_ID):
        super().__init__()
        self.conn_id = conn_id

    def notify(self, context) -> None:
        from selfeval.pipeline.tasks import RunVerdict
        from selfeval.settings import get_settings

        ti = context["ti"]
        error = context.get("exception")
        if isinstance(error, RunVerdict):
            # the run's verdict (source_health, summarise): what it reports alerted already, a source when its
            # condition started (alert_state), a failed task on each try; so nothing repeats on every run
            log.info("%s failed on purpose, not alerted again: %s", ti.task_id, error)
            return
        map_index = getattr(ti, "map_index", None)
        alert = task_failure_alert(ti.dag_id, ti.run_id, ti.task_id, int(getattr(ti, "try_number", 1) or 1),
                                   f"{type(error).__name__}: {error}" if error else None,
                                   base_url=get_settings().alert_base_url,  # SELFEVAL_ALERT_BASE_URL
                                   map_index=map_index if isinstance(map_index, int) else None)
        deliver([alert], self.conn_id)
