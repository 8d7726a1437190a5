"""BI views v_report, v_indicator, v_quarantine, v_source_health

Revision ID: 0002
Revises: 0001
"""
from alembic import op
from selfeval.warehouse.views import VIEWS

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for sql in VIEWS.values():
        op.execute(sql)


def downgrade() -> None:
    for name in reversed(list(VIEWS)):
        op.execute(f"DROP VIEW IF EXISTS {name}")
