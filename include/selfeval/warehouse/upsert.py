"""`INSERT … ON CONFLICT` on both dialects: the one mechanism that makes loads idempotent."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session


def _insert(session: Session, table):
    name = session.get_bind().dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - only the two supported dialects
        raise RuntimeError(f"unsupported warehouse dialect {name}")
    return insert(table)


def upsert(
    session: Session,
    model,
    values: dict[str, Any],
    keys: Sequence[str],
    update: Sequence[str] | None = None,
) -> int:
    """Insert or update one row by its natural key; return its primary key.

    `update` lists the columns overwritten on conflict (default: every non-key
    column given). An empty list means insert-if-absent.
    """
    table = model.__table__
    stmt = _insert(session, table).values(**values)
    cols = [c for c in values if c not in keys] if update is None else list(update)
    if cols:
        stmt = stmt.on_conflict_do_update(index_elements=list(keys), set_={c: stmt.excluded[c] for c in cols})
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(keys))
    session.execute(stmt)
    pk = table.primary_key.columns.values()[0]
    where = [table.c[k] == values[k] for k in keys]
    return session.execute(select(pk).where(*where)).scalar_one()
