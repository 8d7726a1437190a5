"""Bulk, idempotent loading of reports and their children (evidence, indicators, rule results).

The natural keys of the batch are looked up first (one query), which splits it in two:

- reports the warehouse does not have yet (a new batch, the usual case) are written straight into their
  tables: on PostgreSQL one `COPY … FROM STDIN` per table, report ids taken from the report sequence
  beforehand so the children can be streamed with them; on SQLite one plain `INSERT` executemany per table.
  Nothing can be there to conflict with the children (their report ids are new), and the reports' natural
  key is still enforced by the unique constraint: if another load wrote one of these keys since the look-up,
  the whole part is rolled back to a savepoint and upserted below instead.
- reports already loaded (a re-run, a retried batch, a re-processed document) are upserted by natural key:
  `INSERT … ON CONFLICT (key) DO UPDATE … WHERE <something changed>` (on PostgreSQL from a temporary
  staging table filled by COPY), then child rows of these reports that the new result no longer has are
  deleted. Surrogate ids of unchanged rows never move and unchanged rows are not rewritten, so re-running a
  load leaves the tables as one clean run would.

Both paths write the same rows (tests/warehouse/test_load.py). Values reach the driver as SQLAlchemy would
hand them over (bind processors on SQLite; JSON as UTF-8 text on PostgreSQL), so rows written here and rows
written through the ORM or `upsert()` compare equal.

On PostgreSQL the load's transaction commits with `synchronous_commit = off`: a server crash can lose the
last transactions acknowledged (never corrupt them); the batch is then still pending and the next run loads
it again, idempotently (README, "Warehouse").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from selfeval.warehouse.models import FieldEvidence, Indicator, Report, ValidationResult

REPORT_KEY = ("document_version_id", "part", "extractor_version")
KEEP_ON_UPDATE = ("valid_from",)  # when a report's current version began: a re-load does not move it
CHILDREN = ((FieldEvidence, "evidence", "field"), (Indicator, "indicators", "row_no"),
            (ValidationResult, "outcomes", "rule_id"))  # (model, ReportLoad attribute, key after report_id)
CHUNK = 500  # bound parameters per IN (…) on SQLite


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



def _conflict_action(update: list[str], differs: Callable[[str], str]) -> str:
    """`ON CONFLICT … DO` clause: update the non-key columns, and only rows where one differs (`differs(col)`
    is the backend's null-safe 'not equal'), so an unchanged re-load rewrites nothing."""
    if not update:
        return "NOTHING"
    sets = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in update)
    return f"UPDATE SET {sets} WHERE {' OR '.join(differs(c) for c in update)}"

def _q(names: Iterable[str]) -> str:
    return ", ".join(f'"{c}"' for c in names)



class _Table:
    """The columns of one table a load writes, and how one input dict becomes a driver row."""

    def __init__(self, model, cols: list[str], dialect, lead: tuple[str, ...], key: tuple[str, ...]):
        table = model.__table__
        self.name = model.__tablename__
        self.lead = lead  # columns the loader puts in front of the input dict's (id, report_id, row_no)
        self.key = key  # natural key (the conflict target)
        self.empty = not cols  # the batch has no rows for this table
        self.json_cols = {c for c in cols if table.c[c].type.__class__.__name__ == "JSON"}
        if dialect.name == "postgresql":  # psycopg adapts the rest itself; JSON goes as text (json column)
            procs = {c: _json_text for c in self.json_cols}
        else:  # exactly what SQLAlchemy would store: JSON text, datetime strings, booleans as 0/1
            procs = {c: p for c in cols if (p := table.c[c].type.dialect_impl(dialect).bind_processor(dialect))}
        plain = [c for c in cols if c not in procs]
        self.cols = [*lead, *plain, *procs]  # values needing a conversion go last: one itemgetter for the rest
        get = itemgetter(*plain) if len(plain) > 1 else (lambda d: tuple(d[c] for c in plain))
        converted = tuple(procs.items())
        if len(converted) == 1:
            (c1, p1), = converted
            self.convert: Callable[[dict], tuple] = lambda d: (*get(d), p1(d[c1]))
        elif converted:
            self.convert = lambda d: (*get(d), *[p(d[c]) for c, p in converted])
        else:
            self.convert = get

    def rows(self, items: Iterable[tuple[tuple, dict]]) -> Iterator[tuple]:
        """(lead values, input dict) pairs -> driver rows."""
        convert = self.convert
        for lead, d in items:
            yield lead + convert(d)


if json.encoder.c_make_encoder:  # json.dumps(v, ensure_ascii=False), without making an encoder per value
    _ENCODE = json.encoder.c_make_encoder(None, json.JSONEncoder().default, json.encoder.encode_basestring,
                                           None, ": ", ", ", False, False, True)

    def _json_text(v: Any) -> str | None:
        return None if v is None else "".join(_ENCODE(v, 0))
else:  # pragma: no cover - CPython has the accelerator
    def _json_text(v: Any) -> str | None:
        return None if v is None else json.dumps(v, ensure_ascii=False)


def _tables(loads: list[ReportLoad], dialect) -> tuple[_Table, list[tuple[_Table, str]]]:
    """The report table and the child tables (columns: those of the batch's first row of each)."""
    report = _Table(Report, [c for c in loads[0].values if c != "id"], dialect, (), REPORT_KEY)
    children = []
    for model, attr, key in CHILDREN:
        first = next((getattr(ld, attr)[0] for ld in loads if getattr(ld, attr)), None)
        lead = ("report_id", "row_no") if attr == "indicators" else ("report_id",)
        cols = [c for c in (first or {}) if c not in lead]
        children.append((_Table(model, cols, dialect, lead, ("report_id", key)), attr))
    return report, children


def _child_items(loads: list[ReportLoad], ids: dict[tuple, int], attr: str) -> Iterator[tuple[tuple, dict]]:
    if attr == "indicators":
        for ld in loads:
            rid = ids[ld.key]
            for i, d in enumerate(ld.indicators):
                yield (rid, i), d
    else:
        for ld in loads:
            lead = (ids[ld.key],)
            for d in getattr(ld, attr):
                yield lead, d


def write_reports(s: Session, loads: list[ReportLoad]) -> dict[tuple, int]:
    """Insert the new reports, upsert the known ones and replace their children. Returns natural key → id."""
    if not loads:
        return {}
    backend = _backend(s)
    keys = [ld.key for ld in loads]
    ids = backend.report_ids(keys)
    new = [ld for ld in loads if ld.key not in ids]
    if new:
        try:
            with s.begin_nested():
                s.connection()  # emits the SAVEPOINT (the session would only on its own next statement)
                ids.update(backend.insert_new(new))
            new_keys = {ld.key for ld in new}
        except (sa_exc.IntegrityError, backend.dbapi.IntegrityError):
            # another load wrote some of these keys since the look-up: upsert the whole batch instead
            new_keys = set()
    else:
        new_keys = set()
    known = [ld for ld in loads if ld.key not in new_keys]
    if known:
        ids.update(upsert_reports(s, known, backend))
    return {k: ids[k] for k in keys}


def upsert_reports(s: Session, loads: list[ReportLoad], backend=None) -> dict[tuple, int]:
    """The upsert path for every report of `loads`, whether the warehouse has it or not (`write_reports`
    uses it for the reports it already has). Returns natural key → report id."""
    backend = backend or _backend(s)
    report, children = _tables(loads, backend.dialect)
    backend.upsert(report, report.rows(((), ld.values) for ld in loads), keep=KEEP_ON_UPDATE)
    ids = backend.report_ids([ld.key for ld in loads])
    scope = sorted(ids.values())
    for table, attr in children:
        backend.upsert(table, table.rows(_child_items(loads, ids, attr)), scope=scope)
    return ids


def _backend(s: Session) -> _Backend:
    s.flush()  # ORM changes pending in the session go first: the rows below are written on its connection
    backend = _Postgres(s) if s.get_bind().dialect.name == "postgresql" else _Sqlite(s)
    backend.prepare()
    return backend


class _Backend:
    def __init__(self, s: Session):
        self.s = s
        self.dialect = s.get_bind().dialect
        self.dbapi = self.dialect.dbapi
        self.raw = s.connection().connection.driver_connection

    def prepare(self) -> None:
        pass


class _Postgres(_Backend):
    def prepare(self) -> None:
        with self.raw.cursor() as cur:
            # a crash may lose this commit (never corrupt it): the batch stays pending and is loaded again
            cur.execute("SET LOCAL synchronous_commit TO OFF")

    def report_ids(self, keys: list[tuple]) -> dict[tuple, int]:
        wanted = set(keys)
        with self.raw.cursor() as cur:
            cur.execute(f"SELECT id, {_q(REPORT_KEY)} FROM report WHERE document_version_id = ANY(%s)",
                        [sorted({k[0] for k in keys})])
            return {key: row[0] for row in cur if (key := tuple(row[1:])) in wanted}

    def _copy(self, cur, target: str, cols: list[str], rows: Iterable[tuple]) -> None:
        """COPY `rows` into `target` (a quoted name)."""
        with cur.copy(f"COPY {target} ({_q(cols)}) FROM STDIN") as copy:
            write = copy.write_row
            for row in rows:
                write(row)

    def insert_new(self, loads: list[ReportLoad]) -> dict[tuple, int]:
        report, children = _tables(loads, self.dialect)
        with self.raw.cursor() as cur:
            cur.execute("SELECT nextval(pg_get_serial_sequence('report', 'id')) FROM generate_series(1, %s)",
                        [len(loads)])
            ids = {ld.key: rid for ld, rid in zip(loads, sorted(r[0] for r in cur), strict=True)}
            self._copy(cur, '"report"', ["id", *report.cols], report.rows(((ids[ld.key],), ld.values) for ld in loads))
            for table, attr in children:
                if not table.empty:
                    self._copy(cur, f'"{table.name}"', table.cols, table.rows(_child_items(loads, ids, attr)))
        return ids

    def upsert(self, table: _Table, rows: Iterable[tuple], keep: tuple[str, ...] = (),
               scope: list[int] | None = None) -> None:
        """COPY into a temp staging table, then one INSERT … SELECT … ON CONFLICT DO UPDATE WHERE changed;
        with `scope` (report ids), child rows of those reports that are not staged are deleted."""
        cols, name = table.cols, table.name
        with self.raw.cursor() as cur:
            if table.empty:  # the new results have no such rows: the old ones go
                cur.execute(f'DELETE FROM "{name}" WHERE report_id = ANY(%s)', [scope or []])
                return
            stage = f'pg_temp."_stage_{name}"'
            cur.execute(f"DROP TABLE IF EXISTS {stage}")
            cur.execute(f'CREATE TEMP TABLE "_stage_{name}" ON COMMIT DROP AS SELECT {_q(cols)} FROM "{name}" '
                        "WITH NO DATA")
            self._copy(cur, stage, cols, rows)
            cur.execute(f"ANALYZE {stage}")  # without statistics the planner nests loops over the stage
            update = [c for c in cols if c not in table.key and c not in keep]
            cast = {c: "::text" if c in table.json_cols else "" for c in update}  # json has no equality operator
            action = _conflict_action(update, lambda c: f't."{c}"{cast[c]} IS DISTINCT FROM EXCLUDED."{c}"{cast[c]}')
            cur.execute(f'INSERT INTO "{name}" AS t ({_q(cols)}) SELECT {_q(cols)} FROM {stage} '
                        f'ON CONFLICT ({_q(table.key)}) DO {action}')
            if scope is not None:
                match = " AND ".join(f'st."{k}" = t."{k}"' for k in table.key)
                cur.execute(f'DELETE FROM "{name}" t WHERE t.report_id = ANY(%s) '
                            f"AND NOT EXISTS (SELECT 1 FROM {stage} st WHERE {match})", [scope])
            cur.execute(f"DROP TABLE {stage}")


class _Sqlite(_Backend):
    def prepare(self) -> None:
        if not self.raw.in_transaction:  # pysqlite begins lazily: a SAVEPOINT outside a transaction would be one
            self.raw.execute("BEGIN")
    def report_ids(self, keys: list[tuple]) -> dict[tuple, int]:
        wanted = set(keys)
        ids: dict[tuple, int] = {}
        cur = self.raw.cursor()
        for chunk in _chunks(sorted({k[0] for k in keys})):
            cur.execute(f"SELECT id, {_q(REPORT_KEY)} FROM report WHERE document_version_id IN "
                        f"({', '.join('?' * len(chunk))})", chunk)
            ids.update((key, row[0]) for row in cur if (key := tuple(row[1:])) in wanted)
        cur.close()
        return ids

    def insert_new(self, loads: list[ReportLoad]) -> dict[tuple, int]:
        report, children = _tables(loads, self.dialect)
        cur = self.raw.cursor()
        cur.executemany(f'INSERT INTO report ({_q(report.cols)}) VALUES ({", ".join("?" * len(report.cols))})',
                        report.rows(((), ld.values) for ld in loads))
        ids = self.report_ids([ld.key for ld in loads])
        for table, attr in children:
            if not table.empty:
                cur.executemany(f'INSERT INTO "{table.name}" ({_q(table.cols)}) '
                                f'VALUES ({", ".join("?" * len(table.cols))})',
                                table.rows(_child_items(loads, ids, attr)))
        cur.close()
        return ids

    def upsert(self, table: _Table, rows: Iterable[tuple], keep: tuple[str, ...] = (),
               scope: list[int] | None = None) -> None:
        """executemany of INSERT … ON CONFLICT DO UPDATE WHERE changed; with `scope` (report ids), child rows
        of those reports whose key is not among `rows` are deleted."""
        cols, name = table.cols, table.name
        rows = list(rows)
        cur = self.raw.cursor()
        if not table.empty:
            update = [c for c in cols if c not in table.key and c not in keep]
            action = _conflict_action(update, lambda c: f'"{name}"."{c}" IS NOT excluded."{c}"')
            cur.executemany(f'INSERT INTO "{name}" ({_q(cols)}) VALUES ({", ".join("?" * len(cols))}) '
                            f'ON CONFLICT ({_q(table.key)}) DO {action}', rows)
        if scope is not None and table.empty:  # the new results have no such rows: the old ones go
            for chunk in _chunks(scope):
                cur.execute(f'DELETE FROM "{name}" WHERE report_id IN ({", ".join("?" * len(chunk))})', chunk)
        elif scope is not None:
            at = [cols.index(k) for k in table.key]
            wanted = {tuple(r[i] for i in at) for r in rows}
            stale = []
            for chunk in _chunks(scope):
                cur.execute(f'SELECT {_q(table.key)} FROM "{name}" WHERE report_id IN ({", ".join("?" * len(chunk))})',
                            chunk)
                stale += [r for r in cur if tuple(r) not in wanted]
            where = " AND ".join(f'"{k}" = ?' for k in table.key)
            cur.executemany(f'DELETE FROM "{name}" WHERE {where}', stale)
        cur.close()
