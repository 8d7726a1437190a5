"""crawl_state: the crawler's per-source state in the warehouse, not on one worker's disk

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "crawl_state",
        sa.Column("source_id", sa.String(length=64), nullable=False, comment="Source id."),
        sa.Column("state", sa.JSON(), nullable=False,
                  comment="List-page validators (ETag / Last-Modified), which start URLs were walked to the end, "
                          "family notes, robots.txt per origin (24 h) and the anti-bot back-off."),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False,
                  comment="When the crawl or download last saved it."),
        sa.PrimaryKeyConstraint("source_id", name="pk_crawl_state"),
        comment="What only the crawler needs between runs of a source (selfeval.crawl.state), kept here so that "
                "every Airflow worker reads what the last crawl left, whichever worker ran it.",
    )


def downgrade() -> None:
    op.drop_table("crawl_state")
