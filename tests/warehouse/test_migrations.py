"""The Alembic history builds the schema from zero on both dialects and matches the models."""

from __future__ import annotations

import re

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from selfeval.warehouse.db import current_revision, get_engine, upgrade
from selfeval.warehouse.models import Base
from selfeval.warehouse.views import V_REPORT_COLUMNS, VIEW_COLUMNS, VIEWS
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
    for name, expected in VIEW_COLUMNS.items():  # views.py states what the newest revision creates
        assert [c["name"] for c in insp.get_columns(name)] == list(expected), name
    cols = [c["name"] for c in insp.get_columns("v_report")]
    assert list(V_REPORT_COLUMNS) == cols[: len(V_REPORT_COLUMNS)]


def test_migrations_are_frozen():
    """A revision never imports the live package: editing models or views must not rewrite history."""
    from pathlib import Path

    import selfeval.warehouse

    versions = Path(selfeval.warehouse.__file__).parent / "migrations" / "versions"
    revisions = sorted(versions.glob("*.py"))
    assert len(revisions) >= 2
    for path in revisions:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) selfeval", text, re.M), f"{path.name} imports the live package"
