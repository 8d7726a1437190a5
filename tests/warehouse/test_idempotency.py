"""Re-running the processing stage — or killing it with SIGKILL half-way and re-running — leaves the
warehouse exactly as one clean run does, on SQLite and on PostgreSQL (content checksums by natural key)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from selfeval.pipeline.context import RunContext
from selfeval.pipeline.crawl import crawl_source
from selfeval.pipeline.download import download_source
from selfeval.pipeline.process import batches, pending_versions, process_batch
from selfeval.settings import get_settings
from selfeval.sources.registry import get_source
from selfeval.warehouse.checksum import checksums
from selfeval.warehouse.db import get_engine, upgrade
from sqlalchemy import text

from tests.conftest import ROOT


def _crawled_warehouse(url: str, data_dir, monkeypatch) -> None:
    monkeypatch.setenv("SELFEVAL_WAREHOUSE_URL", url)
    monkeypatch.setenv("SELFEVAL_DATA_DIR", str(data_dir))
    settings = get_settings()
    upgrade(url)
    src = get_source("demo-county", ROOT / "demo-sources")
    ctx = RunContext.cli("test")
    crawl_source(src, settings, ctx)
    download_source(src, settings, ctx)


def _process_all(ctx_name: str) -> None:
    settings = get_settings()
    for batch in batches(pending_versions(settings), 1):
        process_batch(settings, batch, RunContext(dag_id="selfeval_process", dag_run_id=ctx_name, task_id="p"))


@pytest.mark.e2e
@pytest.mark.postgres  # the SQLite case keeps its reference in PostgreSQL too
def test_rerun_and_kill9_equal_one_clean_run(warehouse_url, tmp_path, monkeypatch, demo_portal, request):
    # clean reference: one run
    if warehouse_url.startswith("sqlite"):
        ref_url = f"sqlite:///{tmp_path / 'ref.sqlite'}"
    else:
        ref_url = request.getfixturevalue("pg_server").create_db(f"ref_{os.getpid()}_{int(time.time())}")
    _crawled_warehouse(ref_url, tmp_path / "ref", monkeypatch)
    _process_all("clean")
    clean = checksums(ref_url)
    assert clean["report"][0] >= 8
    _process_all("rerun")  # nothing pending: a re-run changes nothing
    assert checksums(ref_url) == clean

    # same crawl into a second warehouse, processing killed with SIGKILL after the first committed batch
    _crawled_warehouse(warehouse_url, tmp_path / "killed", monkeypatch)
    env = dict(os.environ, SELFEVAL_WAREHOUSE_URL=warehouse_url, SELFEVAL_DATA_DIR=str(tmp_path / "killed"))
    proc = subprocess.Popen([sys.executable, "-m", "selfeval.cli", "process", "--batch-size", "1"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with get_engine(warehouse_url).connect() as conn:
            done = conn.execute(text("SELECT COUNT(*) FROM load_batch WHERE status = 'success'")).scalar()
        if done >= 2:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = checksums(warehouse_url)
    assert 0 < partial["report"][0] < clean["report"][0], "the kill should land half-way"
    _process_all("after-kill")
    assert checksums(warehouse_url) == clean
