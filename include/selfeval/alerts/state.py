"""Alerts on state changes: a condition (a source blocked, failing, silent; a source file invalid) alerts
once when it starts and once when it ends, however many runs see it in between.

The raised conditions live in the warehouse table `alert_state`, so every crawl run, on any worker, agrees
on what was already said. Disabled sources never alert.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from selfeval.alerts import Alert
from selfeval.warehouse.db import session_scope
from selfeval.warehouse.models import AlertState

RECOVERY = {"source_blocked": "is no longer blocked", "source_failing": "recovered",
            "source_warning": "lists items again", "source_silent": "published something new",
            "source_config_invalid": "validates again"}


def condition_key(alert: Alert) -> str:
    subject = alert.details.get("source_id") or alert.details.get("file") or alert.subject
    return f"{alert.kind}:{subject}"


def changes(url: str, current: list[Alert], enabled_sources: set[str] | None = None,
            now: datetime | None = None) -> list[Alert]:
    """The alerts to send now: conditions that started (from `current`) and conditions that ended (raised
    before, absent now), as recovery alerts. Records the new state."""
    now = now or datetime.now(UTC)
    if enabled_sources is not None:
        current = [a for a in current if "source_id" not in a.details or a.details["source_id"] in enabled_sources]
    by_key = {condition_key(a): a for a in current}
    out: list[Alert] = []
    with session_scope(url) as s:
        stored = {row.key: row for row in s.execute(select(AlertState)).scalars()}
        for key, alert in by_key.items():
            row = stored.get(key)
            if row is not None and row.active:
                continue  # still the same condition: said already
            out.append(alert)
            if row is None:
                s.add(AlertState(key=key, active=True, subject=alert.subject, since=now))
            else:
                row.active, row.subject, row.since = True, alert.subject, now
        for key, row in stored.items():
            if not row.active or key in by_key:
                continue
            kind, _, subject = key.partition(":")
            raised = row.since
            row.active, row.since = False, now
            if enabled_sources is not None and kind.startswith("source_") and kind != "source_config_invalid" \
                    and subject not in enabled_sources:
                continue  # disabled since: closed quietly
            out.append(Alert(f"{kind}_resolved", f"[selfeval] {subject} {RECOVERY.get(kind, 'recovered')}",
                             f"The condition '{kind}' raised {raised:%Y-%m-%d %H:%M} no longer holds.",
                             {"condition": key, "source_id" if kind != "source_config_invalid" else "file": subject}))
    return out
