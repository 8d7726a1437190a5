"""Failed work is kept and can be retried: attempts are bounded by SELFEVAL_MAX_ATTEMPTS, and
`selfeval retry` gives failed items and documents fresh attempts without deleting anything."""

from __future__ import annotations

import shutil

import pytest
from selfeval.cli import main as cli
from selfeval.demo.portal import SITE_DIR, serve
from selfeval.pipeline.context import RunContext
from selfeval.pipeline.crawl import crawl_source
from selfeval.pipeline.download import download_source, pending_items
from selfeval.pipeline.process import pending_versions, process_batch
from selfeval.settings import get_settings
from selfeval.sources.registry import get_source
from selfeval.warehouse.db import get_engine, upgrade
from sqlalchemy import text

from tests.conftest import ROOT

pytestmark = pytest.mark.e2e

BROKEN_PDF = "zwgk/czzj/jxzp/202406/P020240612573829641953.pdf"


def test_exhausted_attempts_stay_failed_until_retry(tmp_path, data_env, monkeypatch, capsys):
    site = tmp_path / "site"
    shutil.copytree(SITE_DIR, site)
    (site / BROKEN_PDF).write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 500)  # a PDF no engine can open
    monkeypatch.setenv("SELFEVAL_MAX_ATTEMPTS", "2")
    with serve(port=0, site_dir=site) as portal:
        monkeypatch.setenv("SELFEVAL_DEMO_BASE_URL", portal.url)
        src = get_source("demo-county", ROOT / "demo-sources")
        settings = get_settings()
        assert settings.max_attempts == 2
        upgrade(settings.warehouse_url)
        ctx = RunContext(dag_id="t", dag_run_id="r1", task_id="crawl")
        crawl_source(src, settings, ctx)
        download_source(src, settings, ctx)
        assert pending_items(settings, src.id) == []
        for run in range(4):  # more runs than attempts
            ids = pending_versions(settings)
            if ids:
                process_batch(settings, ids, RunContext(dag_id="t", dag_run_id=f"p{run}", task_id="p"))
        engine = get_engine(settings.warehouse_url)
        with engine.connect() as c:
            failed = c.execute(text(
                "SELECT dv.id, dv.attempts, dv.status_reason FROM document_version dv JOIN document d "
                "ON d.id = dv.document_id WHERE d.url LIKE :u"), {"u": f"%{BROKEN_PDF}"}).one()
        assert failed.attempts == 2 and failed.status_reason  # bounded, and the reason is kept
        assert failed.id not in pending_versions(settings)

        assert cli(["retry", "--source", "demo-county"]) == 0
        assert "1 failed document version" in capsys.readouterr().out
        assert pending_versions(settings) == [failed.id]
        process_batch(settings, [failed.id], RunContext(dag_id="t", dag_run_id="p-retry", task_id="p"))
        with engine.connect() as c:
            again = c.execute(text("SELECT status, attempts FROM document_version WHERE id = :i"),
                              {"i": failed.id}).one()
            reports = c.execute(text("SELECT COUNT(*) FROM v_report")).scalar()
        assert again.status == "failed" and again.attempts == 1  # tried once more, still recorded
        assert reports > 0  # the good documents were loaded all along
