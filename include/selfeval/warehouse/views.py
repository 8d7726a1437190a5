"""The BI views' columns, as the migrations create them.

The SQL lives in the migrations (frozen per revision: a view change is a new revision), so this module
only states what the newest revision gives, for the code that reads the views (UI queries, export, data
dictionary). A test upgrades an empty warehouse on both dialects and fails if a view's columns differ
from these lists, so the two cannot drift.

`v_report` columns are a contract used by BI tools: extend, never rename.
"""

from __future__ import annotations

import sqlalchemy as sa

V_REPORT_COLUMNS = (
    "report_id", "title", "report_type", "province", "city", "county", "township", "department",
    "admin_division_code", "fiscal_year", "budget_initial_wan", "budget_adjusted_wan",
    "expenditure_total_wan", "basic_expenditure_wan", "project_expenditure_wan", "execution_rate_pct",
    "self_score", "grade", "validation_status", "source_id", "page_url", "document_url", "document_sha256",
    "fetched_at", "crawl_run_id", "dag_id", "dag_run_id", "extractor_version", "loaded_at",
)
"""The contract columns of v_report, in order (later revisions may only append)."""

VIEW_COLUMNS: dict[str, tuple[str, ...]] = {
    "v_report": V_REPORT_COLUMNS + (
        "report_date", "grade_band", "indicator_count", "part", "document_version_id", "publish_date",
        "task_id", "try_number", "duplicate_of",
    ),
    "v_indicator": (
        "report_id", "row_no", "level1", "level2", "level3", "target", "actual", "weight", "score",
        "department", "fiscal_year", "report_type", "validation_status",
    ),
    "v_quarantine": (
        "report_id", "title", "department", "fiscal_year", "document_url", "source_id", "rule_id", "severity",
        "message", "rule_values", "loaded_at",
    ),
    "v_source_health": (
        "source_id", "name", "family", "status", "status_detail", "watermark_date", "last_success_at",
        "last_crawl_at", "crawl_runs", "failed_runs", "items_found", "items_failed", "documents",
    ),
}
VIEW_COLUMNS["v_report_canonical"] = VIEW_COLUMNS["v_report"]  # one row per report, duplicates left out
VIEWS: tuple[str, ...] = tuple(VIEW_COLUMNS)


def view_table(name: str) -> sa.TableClause:
    """A lightweight SQLAlchemy table for querying a view by its real column list."""
    return sa.table(name, *[sa.column(c) for c in VIEW_COLUMNS[name]])
