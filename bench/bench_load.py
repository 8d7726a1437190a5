"""Warehouse load benchmark: report rows/s into PostgreSQL and SQLite for a generated 10,000-report batch,
next to the practical limit measured in the same run, and the time of an idempotent re-load of the same
batch (which must change nothing).

    make bench            # or: .venv/bin/python bench/bench_load.py [--reports N] [--repeat K]

Each report carries 12 evidence rows, 6 indicator rows and 30 rule outcomes, as real ones do.

The limit: exactly the rows the load writes (ids included; JSON already as text), prepared as Python tuples
before the clock starts, written in one transaction into a fresh database with the same schema (same
indexes, keys and foreign keys, by the same migrations) by psycopg `COPY … FROM STDIN` on PostgreSQL, and by
`executemany` of a plain `INSERT` on SQLite. The bench checks that both databases then hold the same rows.
Each figure is the median of `--repeat` runs, the limit and the load alternating on fresh databases.
PostgreSQL is the throwaway server of the tests (tests/pgserver.py: fsync and synchronous_commit off), so the
load's own `SET LOCAL synchronous_commit = off` changes nothing here; both figures run on the same server.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from selfeval.warehouse.db import get_engine, session_scope, upgrade
from selfeval.warehouse.load import ReportLoad, write_reports
from selfeval.warehouse.models import (
    CrawlRun,
    DiscoveredItem,
    Document,
    DocumentVersion,
    Extraction,
    Fetch,
    LoadBatch,
    Source,
)
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root, for the test PostgreSQL helper
from tests.pgserver import PgServer, pg_bin  # noqa: E402

FIELDS = ("title", "department", "fiscal_year", "self_score", "grade", "expenditure_total_wan",
          "basic_expenditure_wan", "project_expenditure_wan", "province", "city", "county", "report_type")


def _scaffold(url: str, n_docs: int) -> tuple[list[int], int, int]:
    """Parent rows the reports reference: one source, crawl run, and n document versions."""
    now = datetime.now(UTC)
    with session_scope(url) as s:
        s.add(Source(id="bench", name="bench", family="static_list", config={}, status="ok", updated_at=now))
        s.flush()
        run = CrawlRun(source_id="bench", run_key="bench", dag_id="bench", dag_run_id="bench", task_id="bench",
                       try_number=1, started_at=now, status="success")
        s.add(run)
        s.flush()
        fetch = Fetch(crawl_run_id=run.id, purpose="document", url="http://x/", fetched_at=now)
        s.add(fetch)
        s.flush()
        s.execute(DiscoveredItem.__table__.insert(), [
            {"source_id": "bench", "url": f"http://x/{i}.pdf", "kind": "attachment", "status": "downloaded",
             "attempts": 1, "first_crawl_run_id": run.id, "last_crawl_run_id": run.id, "first_seen": now,
             "last_seen": now} for i in range(n_docs)])
        s.execute(Document.__table__.insert(), [
            {"url": f"http://x/{i}.pdf", "source_id": "bench", "discovered_item_id": i + 1,
             "page_url": "http://x/", "first_seen": now} for i in range(n_docs)])
        s.execute(DocumentVersion.__table__.insert(), [
            {"document_id": i + 1, "sha256": hashlib.sha256(str(i).encode()).hexdigest(), "size": 1,
             "storage_path": "/dev/null", "fetch_id": fetch.id, "crawl_run_id": run.id, "fetched_at": now,
             "status": "processed", "attempts": 1} for i in range(n_docs)])
        ex = Extraction(sha256="0" * 64, extractor_version="bench", status="ok", warnings=[], created_at=now)
        s.add(ex)
        batch = LoadBatch(batch_key="bench", dag_id="bench", dag_run_id="bench", task_id="bench", try_number=1,
                          started_at=now, status="running")
        s.add(batch)
        s.flush()
        ids = [r[0] for r in s.execute(text("SELECT id FROM document_version ORDER BY id"))]
        return ids, ex.id, batch.id


def _loads(version_ids: list[int], extraction_id: int, batch_id: int) -> list[ReportLoad]:
    now = datetime.now(UTC)
    out = []
    for i, vid in enumerate(version_ids):
        values = {
            "document_version_id": vid, "part": 0, "extractor_version": "bench", "extraction_id": extraction_id,
            "title": f"某县第{i}单位2023年度部门整体支出绩效自评报告", "report_type": "department_overall",
            "province": "湖南省", "city": "怀化市", "county": "溆浦县", "township": None,
            "department": f"溆浦县第{i}局", "admin_division_code": "431224", "fiscal_year": 2023,
            "report_date": None, "budget_initial_wan": 100.0 + i, "budget_adjusted_wan": 120.0 + i,
            "expenditure_total_wan": 110.0 + i, "basic_expenditure_wan": 60.0, "project_expenditure_wan": 50.0 + i,
            "execution_rate_pct": 91.7, "self_score": 95.5, "grade": "优", "grade_band": "优",
            "indicator_count": 6, "validation_status": "valid", "extra": {"scope": "all"}, "is_current": True,
            "valid_from": now, "valid_to": None, "load_batch_id": batch_id, "dag_id": "bench",
            "dag_run_id": "bench", "task_id": "bench", "try_number": 1, "loaded_at": now,
        }
        ev = [{"field": f, "page": 1, "char_start": 10 * k, "char_end": 10 * k + 8, "snippet": f"片段{k}{f}",
               "cell": None, "note": None} for k, f in enumerate(FIELDS)]
        ind = [{"level1": "产出指标", "level2": "数量指标", "level3": f"指标{k}", "target": "≥100", "actual": "120",
                "weight": 10.0, "score": 10.0} for k in range(6)]
        rules = [{"rule_id": f"R-{k:02d}", "severity": "warning", "status": "passed", "message": "",
                  "values": {"a": k}} for k in range(30)]
        out.append(ReportLoad(values=values, evidence=ev, indicators=ind, outcomes=rules))
    return out


def _checksum(url: str) -> str:
    h = hashlib.sha256()
    with get_engine(url).connect() as conn:
        for table in CHILD_TABLES:
            for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2")):
                h.update(repr(tuple(row)).encode())
    return h.hexdigest()


CHILD_TABLES = ("report", "field_evidence", "indicator", "validation_result")


def _limit_rows(loads: list[ReportLoad], url: str) -> dict[str, tuple[list[str], list[tuple]]]:
    """{table: (columns, rows)}: the rows a load of `loads` into a fresh warehouse writes (report ids 1..n in
    load order, as the sequence gives them), each value as the driver is handed it: on PostgreSQL JSON as
    UTF-8 text, on SQLite every value through SQLAlchemy's bind processor (JSON text, datetime strings)."""
    import json

    from selfeval.warehouse.models import FieldEvidence, Indicator, Report, ValidationResult

    dialect = get_engine(url).dialect
    out: dict[str, tuple[list[str], list[tuple]]] = {}
    for model, children in ((Report, None), (FieldEvidence, "evidence"), (Indicator, "indicators"),
                            (ValidationResult, "outcomes")):
        cols = [c.name for c in model.__table__.columns]
        if dialect.name == "sqlite":
            procs = [c.type._cached_bind_processor(dialect) or (lambda v: v) for c in model.__table__.columns]
        else:
            procs = [(lambda v: None if v is None else json.dumps(v, ensure_ascii=False))
                     if c.type.__class__.__name__ == "JSON" else (lambda v: v) for c in model.__table__.columns]
        rows = []
        for rid, ld in enumerate(loads, start=1):
            if children is None:
                items = [{"id": rid, "duplicate_of": None, **ld.values}]
            else:
                items = [{"report_id": rid, **({"row_no": k} if children == "indicators" else {}), **it}
                         for k, it in enumerate(getattr(ld, children))]
            rows += [tuple(p(it[c]) for p, c in zip(procs, cols, strict=True)) for it in items]
        out[model.__tablename__] = (cols, rows)
    return out


def _limit(url: str, rows: dict[str, tuple[list[str], list[tuple]]]) -> float:
    """Seconds to write `rows` in one transaction: COPY FROM STDIN (PostgreSQL) or executemany (SQLite)."""
    if url.startswith("sqlite"):
        import sqlite3

        conn = sqlite3.connect(url.split("///", 1)[1], isolation_level=None)
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA journal_mode=WAL")
        t0 = time.perf_counter()
        conn.execute("BEGIN")
        for table, (cols, data) in rows.items():
            names = ", ".join(f'"{c}"' for c in cols)
            conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(cols))})', data)
        conn.execute("COMMIT")
        took = time.perf_counter() - t0
        conn.close()
        return took
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        t0 = time.perf_counter()
        with conn.cursor() as cur:
            for table, (cols, data) in rows.items():
                names = ", ".join(f'"{c}"' for c in cols)
                with cur.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                    for row in data:
                        copy.write_row(row)
        conn.commit()
        return time.perf_counter() - t0


def _median(xs: list[float]) -> float:
    return sorted(xs)[len(xs) // 2]


def bench(new_url, n: int, repeat: int) -> dict[str, float]:
    """`new_url(tag)` gives the URL of a fresh, empty database each call."""
    loads: list[ReportLoad] | None = None
    limit_s, load_s = [], []
    for k in range(repeat):
        urls = {}
        for tag in ("limit", "load"):
            urls[tag] = new_url(f"{tag}{k}")
            upgrade(urls[tag])
            ids, ex_id, batch_id = _scaffold(urls[tag], n)
            if loads is None:
                loads = _loads(ids, ex_id, batch_id)
                rows = _limit_rows(loads, urls[tag])
            assert [ld.values["document_version_id"] for ld in loads] == ids  # fresh databases: same parent ids
        limit_s.append(_limit(urls["limit"], rows))
        t0 = time.perf_counter()
        with session_scope(urls["load"]) as s:
            write_reports(s, loads)
        load_s.append(time.perf_counter() - t0)
        assert _checksum(urls["load"]) == _checksum(urls["limit"]), "the load and the limit wrote different rows"
    before = _checksum(urls["load"])
    t0 = time.perf_counter()
    with session_scope(urls["load"]) as s:
        write_reports(s, loads)
    second = time.perf_counter() - t0
    assert _checksum(urls["load"]) == before, "re-load changed the warehouse"
    load, limit = _median(load_s), _median(limit_s)
    return {"load_s": load, "rows_per_s": n / load, "limit_s": limit, "limit_rows_per_s": n / limit,
            "ratio": limit / load, "reload_s": second}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of the limit and the load (median printed)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {"sqlite": bench(lambda tag: f"sqlite:///{Path(tmp) / f'{tag}.sqlite'}", args.reports,
                                   args.repeat)}
        if pg_bin():
            with PgServer(Path("/tmp") / f"selfeval-bench-pg-{os.getpid()}") as pg:
                results["postgresql"] = bench(lambda tag: pg.create_db(f"bench_{tag}"), args.reports, args.repeat)
    print(f"warehouse load of {args.reports} reports (each +12 evidence, 6 indicators, 30 rule results), "
          f"median of {args.repeat}:")
    for name, r in results.items():
        limit = "COPY" if name == "postgresql" else "INSERT"
        print(f"  {name:<11} load {r['load_s']:6.2f} s = {r['rows_per_s']:6.0f} report rows/s; plain {limit:<6} "
              f"{r['limit_s']:6.2f} s = {r['limit_rows_per_s']:6.0f}/s; load/{limit} {r['ratio']:.2f}; "
              f"idempotent re-load {r['reload_s']:6.2f} s (checksums unchanged)")


if __name__ == "__main__":
    main()
