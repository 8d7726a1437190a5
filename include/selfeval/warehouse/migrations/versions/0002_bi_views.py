"""BI views v_report, v_indicator, v_quarantine, v_source_health

Revision ID: 0002
Revises: 0001

The SQL is frozen here as it was at this revision: a later change to a view is a new revision that
drops and re-creates it (never an edit of this file), so upgrading an old warehouse replays history.
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

VIEWS: dict[str, str] = {
    "v_report": """
CREATE VIEW v_report AS
SELECT r.id AS report_id, r.title, r.report_type, r.province, r.city, r.county, r.township, r.department,
       r.admin_division_code, r.fiscal_year, r.budget_initial_wan, r.budget_adjusted_wan,
       r.expenditure_total_wan, r.basic_expenditure_wan, r.project_expenditure_wan, r.execution_rate_pct,
       r.self_score, r.grade, r.validation_status, d.source_id, d.page_url, d.url AS document_url,
       dv.sha256 AS document_sha256, dv.fetched_at, dv.crawl_run_id, r.dag_id, r.dag_run_id,
       r.extractor_version, r.loaded_at,
       r.report_date, r.grade_band, r.indicator_count, r.part, r.document_version_id, d.publish_date,
       r.task_id, r.try_number
FROM report r
JOIN document_version dv ON dv.id = r.document_version_id
JOIN document d ON d.id = dv.document_id
WHERE r.is_current = TRUE
""",
    "v_indicator": """
CREATE VIEW v_indicator AS
SELECT i.report_id, i.row_no, i.level1, i.level2, i.level3, i.target, i.actual, i.weight, i.score,
       r.department, r.fiscal_year, r.report_type, r.validation_status
FROM indicator i JOIN report r ON r.id = i.report_id
WHERE r.is_current = TRUE
""",
    "v_quarantine": """
CREATE VIEW v_quarantine AS
SELECT r.id AS report_id, r.title, r.department, r.fiscal_year, d.url AS document_url, d.source_id,
       vr.rule_id, vr.severity, vr.message, vr."values" AS rule_values, r.loaded_at
FROM report r
JOIN validation_result vr ON vr.report_id = r.id AND vr.status = 'failed' AND vr.severity = 'error'
JOIN document_version dv ON dv.id = r.document_version_id
JOIN document d ON d.id = dv.document_id
WHERE r.is_current = TRUE AND r.validation_status = 'quarantined'
""",
    "v_source_health": """
CREATE VIEW v_source_health AS
SELECT s.id AS source_id, s.name, s.family, s.status, s.status_detail, s.watermark_date,
       (SELECT MAX(c.finished_at) FROM crawl_run c WHERE c.source_id = s.id AND c.status = 'success')
           AS last_success_at,
       (SELECT MAX(c.started_at) FROM crawl_run c WHERE c.source_id = s.id) AS last_crawl_at,
       (SELECT COUNT(*) FROM crawl_run c WHERE c.source_id = s.id) AS crawl_runs,
       (SELECT COUNT(*) FROM crawl_run c WHERE c.source_id = s.id AND c.status IN ('failed', 'blocked'))
           AS failed_runs,
       (SELECT COUNT(*) FROM discovered_item i WHERE i.source_id = s.id) AS items_found,
       (SELECT COUNT(*) FROM discovered_item i WHERE i.source_id = s.id AND i.status = 'failed')
           AS items_failed,
       (SELECT COUNT(*) FROM document d WHERE d.source_id = s.id) AS documents
FROM source s
""",
}


def upgrade() -> None:
    for sql in VIEWS.values():
        op.execute(sql)


def downgrade() -> None:
    for name in reversed(list(VIEWS)):
        op.execute(f"DROP VIEW IF EXISTS {name}")
