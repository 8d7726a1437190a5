"""alert_state: alerts go out on state changes, not on every run

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alert_state",
        sa.Column("key", sa.String(length=255), nullable=False,
                  comment="Condition: alert kind and subject (source_blocked:demo-county)."),
        sa.Column("active", sa.Boolean(), nullable=False, comment="True while the condition holds."),
        sa.Column("subject", sa.Text(), nullable=False, comment="Subject of the last alert sent for it."),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False,
                  comment="When the condition last started or ended."),
        sa.PrimaryKeyConstraint("key"),
        comment="Alert conditions currently raised, so an alert goes out when a condition starts and when it "
                "ends, not on every run.",
    )


def downgrade() -> None:
    op.drop_table("alert_state")
