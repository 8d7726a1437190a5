"""The Alembic history builds the schema from zero on both dialects and matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from selfeval.warehouse.db import current_revision, get_engine, upgrade
from selfeval.warehouse.models import Base
from selfeval.warehouse.views import V_REPORT_COLUMNS, VIEWS
from sqlalchemy import inspect


def test_upgrade_from_zero_matches_models(warehouse_url):
    upgrade(warehouse_url)
    upgrade(warehouse_url)  # idempotent: a second upgrade at DAG start is a no-op
    assert current_revision(warehouse_url) is not None
    engine = get_engine(warehouse_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"
    insp = inspect(engine)
    assert set(VIEWS) <= set(insp.get_view_names())
    cols = [c["name"] for c in insp.get_columns("v_report")]
    assert list(V_REPORT_COLUMNS) == cols[: len(V_REPORT_COLUMNS)]
