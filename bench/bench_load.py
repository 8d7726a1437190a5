"""Warehouse load benchmark: report rows/s into PostgreSQL and SQLite for a generated 10,000-report batch,
and the time of an idempotent re-load of the same batch (which must change nothing).

    make bench            # or: .venv/bin/python bench/bench_load.py [--reports N]

Each report carries 12 evidence rows, 6 indicator rows and 30 rule outcomes, as real ones do.
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
        for table in ("report", "field_evidence", "indicator", "validation_result"):
            for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2")):
                h.update(repr(tuple(row)).encode())
    return h.hexdigest()


def bench(url: str, n: int) -> dict[str, float]:
    upgrade(url)
    ids, ex_id, batch_id = _scaffold(url, n)
    loads = _loads(ids, ex_id, batch_id)
    t0 = time.perf_counter()
    with session_scope(url) as s:
        write_reports(s, loads)
    first = time.perf_counter() - t0
    before = _checksum(url)
    t0 = time.perf_counter()
    with session_scope(url) as s:
        write_reports(s, loads)
    second = time.perf_counter() - t0
    assert _checksum(url) == before, "re-load changed the warehouse"
    return {"load_s": first, "rows_per_s": n / first, "reload_s": second}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {"sqlite": bench(f"sqlite:///{Path(tmp) / 'bench.sqlite'}", args.reports)}
        if pg_bin():
            with PgServer(Path("/tmp") / f"selfeval-bench-pg-{os.getpid()}") as pg:
                results["postgresql"] = bench(pg.create_db("bench"), args.reports)
    print(f"warehouse load of {args.reports} reports (each +12 evidence, 6 indicators, 30 rule results):")
    for name, r in results.items():
        print(f"  {name:<11} load {r['load_s']:7.2f} s = {r['rows_per_s']:8.0f} report rows/s; "
              f"idempotent re-load {r['reload_s']:7.2f} s (checksums unchanged)")


if __name__ == "__main__":
    main()
