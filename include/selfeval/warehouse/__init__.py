"""The warehouse: SQLAlchemy models, idempotent loads, BI views, migrations."""
