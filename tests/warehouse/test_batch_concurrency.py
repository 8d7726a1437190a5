"""Two process batches side by side on one SQLite warehouse, as the process DAG runs them (pool selfeval_extract,
two slots): neither holds the warehouse's write lock while it extracts, so they overlap instead of queueing, and
neither fails with "database is locked" (found by bench/bench_e2e.py, issue 16: a batch took the write lock with
its load_batch row and kept it through every extraction, so the other batch waited, and failed after SQLite's
60 s busy timeout when the first batch took longer than that)."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from selfeval.pipeline import process
from selfeval.pipeline.context import RunContext
from selfeval.pipeline.crawl import crawl_source
from selfeval.pipeline.download import download_source
from selfeval.settings import get_settings
from selfeval.sources.registry import get_source
from selfeval.warehouse.checksum import checksums
from selfeval.warehouse.db import get_engine, upgrade
from sqlalchemy import text

from tests.conftest import ROOT

pytestmark = pytest.mark.e2e


def _crawled(settings) -> list[int]:
    upgrade(settings.warehouse_url)
    src = get_source("demo-county", ROOT / "demo-sources")
    ctx = RunContext(dag_id="selfeval_crawl", dag_run_id="c", task_id="crawl_source")
    crawl_source(src, settings, ctx)
    download_source(src, settings, ctx)
    ids = process.pending_versions(settings)
    assert len(ids) >= 4
    return ids


def _side_by_side(settings, parts: list[list[int]], run_id: str = "p", same_task: bool = False) -> list[str]:
    """process_batch on each part, each in a thread of its own, all at once; the errors they raised.
    `same_task`: every thread is the same mapped task instance (two attempts of one batch)."""
    errors: list[str] = []

    def batch(part: list[int], i: int) -> None:
        try:
            process.process_batch(settings, part, RunContext(dag_id="selfeval_process", dag_run_id=run_id,
                                                             task_id="process_batch", map_index=0 if same_task else i))
        except Exception as exc:  # noqa: BLE001 - reported by the caller
            errors.append(repr(exc))

    threads = [threading.Thread(target=batch, args=(part, i), name=f"batch{i}") for i, part in enumerate(parts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    return errors


def _rows(url: str) -> dict[str, int]:
    with get_engine(url).connect() as c:
        return {t: c.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar()  # noqa: S608 - fixed names
                for t in ("report", "field_evidence", "indicator", "validation_result", "extraction", "load_batch")}


def test_batches_side_by_side_do_not_lock_each_other(data_env, demo_portal, monkeypatch):
    settings = get_settings()
    ids = _crawled(settings)

    db = settings.warehouse_url.split("///", 1)[1]
    spans: dict[str, list[tuple[float, float]]] = {}
    locked: list[str] = []
    real = process.extract_version

    def extract(settings_, dv, version):
        # could anyone write to the warehouse now? The other batch's own short write may hold the lock for a
        # moment (so wait up to 5 s); a lock this batch held through its extraction would never be released
        # while we wait in its thread, so the old behaviour still fails here
        try:
            probe = sqlite3.connect(db, timeout=5)
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            probe.close()
        except sqlite3.OperationalError as exc:
            locked.append(str(exc))
        t = time.monotonic()
        time.sleep(0.3)  # an extraction takes a while: long enough for the other batch to start its own
        doc = real(settings_, dv, version)
        spans.setdefault(threading.current_thread().name, []).append((t, time.monotonic()))
        return doc

    monkeypatch.setattr(process, "extract_version", extract)
    half = len(ids) // 2
    errors = _side_by_side(settings, [ids[:half], ids[half:]])
    assert not errors, errors
    assert not locked, locked  # nobody held the write lock while a document was being extracted
    (a0, a1), (b0, b1) = [(min(s for s, _ in v), max(e for _, e in v)) for v in spans.values()]
    assert a0 < b1 and b0 < a1, spans  # the two batches extracted at the same time
    with get_engine(settings.warehouse_url).connect() as c:
        states = dict(c.execute(text("SELECT status, COUNT(*) FROM document_version GROUP BY 1")).all())
        batches = c.execute(text("SELECT status, documents FROM load_batch")).all()
        reports = c.execute(text("SELECT COUNT(*) FROM v_report")).scalar()
    assert states.get("pending", 0) == 0 and states.get("failed", 0) == 0, states
    assert sorted(b.status for b in batches) == ["success", "success"]
    assert sum(b.documents for b in batches) == len(ids) and reports == 8


def test_side_by_side_reruns_neither_duplicate_nor_lose_rows(data_env, demo_portal):
    """Idempotency with batches running at once: the same batch twice at the same time (a retry beside an
    attempt still running) loads every version once; re-queuing everything and processing it again, in two
    batches side by side, rewrites the same rows by natural key (same content, same row counts)."""
    settings = get_settings()
    ids = _crawled(settings)
    url = settings.warehouse_url

    # two attempts of one batch at once: whoever writes second finds the versions processed and skips them
    assert not _side_by_side(settings, [ids, ids], same_task=True)
    first, rows = checksums(url), _rows(url)
    with get_engine(url).connect() as c:
        processed = dict(c.execute(text("SELECT id, attempts FROM document_version")).all())
    assert set(processed) == set(ids) and set(processed.values()) == {1}, processed  # each recorded once
    assert first["report"][0] == 8 and rows["load_batch"] == 1  # both attempts share the batch's key

    with get_engine(url).begin() as c:  # re-queue every version (as `reprocess` does for one document)
        c.execute(text("UPDATE document_version SET status = 'pending', attempts = 0"))
    half = len(ids) // 2
    assert not _side_by_side(settings, [ids[:half], ids[half:]], run_id="p2")
    assert checksums(url) == first
    again = _rows(url)
    assert {k: v for k, v in again.items() if k != "load_batch"} == {k: v for k, v in rows.items()
                                                                       if k != "load_batch"}
    assert again["load_batch"] == 3  # one per (run, batch): the first run's and the two of the re-run
