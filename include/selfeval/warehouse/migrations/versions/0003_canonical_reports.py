"""Canonical reports: report.duplicate_of, v_report gains it, v_report_canonical

Revision ID: 0003
Revises: 0002

One report published twice (an HTML article and its PDF, or two columns of a portal) gave two current
rows. The loader now marks all but one of them (`duplicate_of` = the canonical report's id: the original
attachment over an HTML body, then the newest version, then the lowest id) and BI reads
`v_report_canonical`. The SQL is frozen here as it is at this revision.
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

V_REPORT_0002 = """
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
"""

V_REPORT = """
CREATE VIEW v_report AS
SELECT r.id AS report_id, r.title, r.report_type, r.province, r.city, r.county, r.township, r.department,
       r.admin_division_code, r.fiscal_year, r.budget_initial_wan, r.budget_adjusted_wan,
       r.expenditure_total_wan, r.basic_expenditure_wan, r.project_expenditure_wan, r.execution_rate_pct,
       r.self_score, r.grade, r.validation_status, d.source_id, d.page_url, d.url AS document_url,
       dv.sha256 AS document_sha256, dv.fetched_at, dv.crawl_run_id, r.dag_id, r.dag_run_id,
       r.extractor_version, r.loaded_at,
       r.report_date, r.grade_band, r.indicator_count, r.part, r.document_version_id, d.publish_date,
       r.task_id, r.try_number, r.duplicate_of
FROM report r
JOIN document_version dv ON dv.id = r.document_version_id
JOIN document d ON d.id = dv.document_id
WHERE r.is_current = TRUE
"""

V_REPORT_CANONICAL = """
CREATE VIEW v_report_canonical AS
SELECT * FROM v_report WHERE duplicate_of IS NULL
"""


def upgrade() -> None:
    op.add_column("report", sa.Column(
        "duplicate_of", sa.Integer(), nullable=True,
        comment="Canonical report (report.id) this one repeats: same unit, year, type and values published in "
                "another document (an article page and its PDF). NULL for canonical rows."))
    op.execute("DROP VIEW IF EXISTS v_report")
    op.execute(V_REPORT)
    op.execute(V_REPORT_CANONICAL)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS v_report_canonical")
    op.execute("DROP VIEW IF EXISTS v_report")
    with op.batch_alter_table("report") as batch:
        batch.drop_column("duplicate_of")
    op.execute(V_REPORT_0002)
