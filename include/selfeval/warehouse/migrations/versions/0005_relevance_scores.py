"""discovered_item.relevance_score and page_score: the scorer's figures next to its reason

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("discovered_item") as batch:
        batch.add_column(sa.Column(
            "relevance_score", sa.Float(), nullable=True,
            comment="p(report) of the listed title by the document scorer on the title alone (0-1); "
                    "NULL when a configured include/exclude keyword decided."))
        batch.add_column(sa.Column(
            "page_score", sa.Float(), nullable=True,
            comment="p(self-evaluation) of the detail page's text by the document classifier (0-1), for titles "
                    "the scorer could not call; NULL when the page was not judged."))


def downgrade() -> None:
    with op.batch_alter_table("discovered_item") as batch:
        batch.drop_column("page_score")
        batch.drop_column("relevance_score")
