"""Bulk, idempotent loading of reports and their children (evidence, indicators, rule results).

One statement per table per chunk: `INSERT … ON CONFLICT (natural key) DO UPDATE … RETURNING id`
for reports, the same without RETURNING for children, then a delete of child rows that the new
result no longer has. Surrogate ids of unchanged rows never move, so re-running a load leaves the
tables byte-for-byte as one clean run would.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session

from selfeval.warehouse.models import FieldEvidence, Indicator, Report, ValidationResult
from selfeval.warehouse.upsert import _insert

REPORT_KEY = ("document_version_id", "part", "extractor_version")
CHUNK = 500


@dataclass
class ReportLoad:
    """Everything one report row needs; `values` are `report` columns (natural key included)."""

    values: dict[str, Any]
    evidence: list[dict[str, Any]] = field(default_factory=list)  # field, page, char_start, char_end, snippet, cell, note
    indicators: list[dict[str, Any]] = field(default_factory=list)  # level1..score (row_no = position)
    outcomes: list[dict[str, Any]] = field(default_factory=list)  # rule_id, severity, status, message, values

    @property
    def key(self) -> tuple:
        return tuple(self.values[k] for k in REPORT_KEY)


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _is_pg(s: Session) -> bool:
    return s.get_bind().dialect.name == "postgresql"


def _upsert_many(s: Session, model, rows: list[dict], keys: tuple[str, ...], keep: tuple[str, ...] = (),
                 scope: str | None = None) -> list[tuple] | None:
    """Bulk upsert by natural key; columns in `keep` are not overwritten on conflict (e.g. valid_from).

    With `scope` (a parent column such as report_id), rows of the same parents that are not in
    `rows` are deleted: the new result replaces the old one without moving surrogate ids.
    """
    if not rows:
        return None
    cols = [c for c in rows[0] if c not in keys and c not in keep]
    if _is_pg(s):
        _pg_copy_upsert(s, model.__table__, rows, keys, cols, scope)
        return None
    stmt = _insert(s, model.__table__)
    stmt = stmt.on_conflict_do_update(index_elements=list(keys), set_={c: stmt.excluded[c] for c in cols})
    for chunk in _chunks(rows, 5000):
        s.execute(stmt, chunk)  # executemany: one cached statement, batched by the driver
    if scope:
        _drop_missing(s, model, keys, scope, rows)
    return None


def _pg_copy_upsert(s: Session, table, rows: list[dict], keys: tuple[str, ...], update_cols: list[str],
                    scope: str | None) -> None:
    """PostgreSQL: COPY into a temp staging table, then one INSERT … SELECT … ON CONFLICT DO UPDATE.

    Row-by-row executemany costs a round trip per row; COPY streams them (several times faster).
    """
    cols = list(rows[0])
    stage = f"_stage_{table.name}"
    json_cols = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}
    raw = s.connection().connection.driver_connection
    col_list = ", ".join(f'"{c}"' for c in cols)
    with raw.cursor() as cur:
        cur.execute(f'CREATE TEMP TABLE IF NOT EXISTS "{stage}" ON COMMIT DROP AS '
                    f'SELECT {col_list} FROM "{table.name}" WITH NO DATA')
        cur.execute(f'TRUNCATE "{stage}"')
        with cur.copy(f'COPY "{stage}" ({col_list}) FROM STDIN') as copy:
            for row in rows:
                # JSON as text: COPY's text format parses it server-side (cheaper than the Jsonb adapter)
                copy.write_row([json.dumps(row[c], ensure_ascii=False) if c in json_cols and row[c] is not None
                                else row[c] for c in cols])
        cur.execute(f'ANALYZE "{stage}"')  # without statistics the planner nests loops over the stage
        sets = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in update_cols)
        conflict = ", ".join(f'"{k}"' for k in keys)
        cast = {c: "::text" if c in json_cols else "" for c in update_cols}  # json has no equality operator
        changed = " OR ".join(f't."{c}"{cast[c]} IS DISTINCT FROM EXCLUDED."{c}"{cast[c]}' for c in update_cols)
        action = f"UPDATE SET {sets} WHERE {changed}" if sets else "NOTHING"  # unchanged rows are not rewritten
        cur.execute(f'INSERT INTO "{table.name}" AS t ({col_list}) SELECT {col_list} FROM "{stage}" '
                    f'ON CONFLICT ({conflict}) DO {action}')
        if scope:
            match = " AND ".join(f'st."{k}" = t."{k}"' for k in keys)
            cur.execute(f'DELETE FROM "{table.name}" t WHERE t."{scope}" IN (SELECT "{scope}" FROM "{stage}") '
                        f'AND NOT EXISTS (SELECT 1 FROM "{stage}" st WHERE {match})')


def write_reports(s: Session, loads: list[ReportLoad]) -> dict[tuple, int]:
    """Upsert the reports and replace their children by natural key. Returns natural key → report id."""
    if not loads:
        return {}
    _upsert_many(s, Report, [ld.values for ld in loads], REPORT_KEY, keep=("valid_from",))
    ids = _report_ids(s, [ld.key for ld in loads])
    evidence, indicators, outcomes = [], [], []
    for ld in loads:
        rid = ids[ld.key]
        evidence += [{"report_id": rid, **e} for e in ld.evidence]
        indicators += [{"report_id": rid, "row_no": i, **ind} for i, ind in enumerate(ld.indicators)]
        outcomes += [{"report_id": rid, **o} for o in ld.outcomes]
    report_ids = list(ids.values())
    for model, key, rows in ((FieldEvidence, "field", evidence), (Indicator, "row_no", indicators),
                             (ValidationResult, "rule_id", outcomes)):
        if rows:
            _upsert_many(s, model, rows, ("report_id", key), scope="report_id")
        else:  # the new result has no such rows: the old ones go
            for chunk in _chunks(report_ids):
                s.execute(delete(model).where(model.report_id.in_(chunk)))
    return ids


def _report_ids(s: Session, keys: list[tuple]) -> dict[tuple, int]:
    cols = [Report.__table__.c[k] for k in REPORT_KEY]
    ids: dict[tuple, int] = {}
    by_version: dict[int, list[tuple]] = defaultdict(list)
    for k in keys:
        by_version[k[0]].append(k)
    wanted = set(keys)
    for chunk in _chunks(list(by_version)):
        for row in s.execute(select(Report.id, *cols).where(Report.document_version_id.in_(chunk))):
            key = tuple(row[1:])
            if key in wanted:
                ids[key] = row[0]
    return ids


def _drop_missing(s: Session, model, keys: tuple[str, ...], scope: str, rows: list[dict]) -> None:
    """Delete rows of the same parents (`scope`) whose natural key (the primary key) is not among `rows`."""
    wanted = {tuple(r[k] for k in keys) for r in rows}
    parents = sorted({r[scope] for r in rows})
    key_cols = [model.__table__.c[k] for k in keys]
    stale = []
    for chunk in _chunks(parents):
        for row in s.execute(select(*key_cols).where(model.__table__.c[scope].in_(chunk))):
            if tuple(row) not in wanted:
                stale.append(tuple(row))
    for chunk in _chunks(stale):
        s.execute(delete(model).where(tuple_(*key_cols).in_(chunk)))
