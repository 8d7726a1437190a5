"""Counts that the demo and the DAGs print: what was found, downloaded, loaded, skipped, failed."""

from __future__ import annotations

from sqlalchemy import func, select

from selfeval.warehouse.db import session_scope
from selfeval.warehouse.models import DiscoveredItem, DocumentVersion, Report


def warehouse_counts(url: str) -> dict[str, int]:
    with session_scope(url) as s:
        def count(q) -> int:
            return int(s.execute(q).scalar() or 0)

        return {
            "items_discovered": count(select(func.count(DiscoveredItem.id))),
            "items_skipped_off_topic": count(select(func.count(DiscoveredItem.id)).where(DiscoveredItem.status == "skipped")),
            "items_failed": count(select(func.count(DiscoveredItem.id)).where(DiscoveredItem.status == "failed")),
            "documents_downloaded": count(select(func.count(DocumentVersion.id))),
            "documents_failed": count(select(func.count(DocumentVersion.id)).where(DocumentVersion.status == "failed")),
            "documents_not_report": count(select(func.count(DocumentVersion.id)).where(DocumentVersion.status == "not_report")),
            "reports_loaded": count(select(func.count(Report.id))),
            "reports_current": count(select(func.count(Report.id)).where(Report.is_current.is_(True))),
            "reports_quarantined": count(select(func.count(Report.id)).where(Report.validation_status == "quarantined", Report.is_current.is_(True))),
        }


def format_counts(counts: dict[str, int], before: dict[str, int] | None = None, url: str | None = None) -> str:
    lines = []
    for key, value in counts.items():
        delta = f"  (+{value - before.get(key, 0)} this run)" if before is not None else ""
        lines.append(f"  {key.replace('_', ' '):<26} {value}{delta}")
    if url:
        lines.append(f"  {'warehouse':<26} {url}")
    return "\n".join(lines)
