"""Corrections and lineage: a republished document becomes a new current version while the old one
stays queryable; `selfeval lineage` prints the whole chain; `selfeval export` writes the views."""

from __future__ import annotations

import csv
import shutil

import pytest
from selfeval.cli import main as cli
from selfeval.demo.portal import SITE_DIR, serve
from selfeval.pipeline.context import RunContext
from selfeval.pipeline.crawl import crawl_source
from selfeval.pipeline.download import download_source
from selfeval.pipeline.process import batches, pending_versions, process_batch
from selfeval.settings import get_settings
from selfeval.sources.registry import get_source
from selfeval.warehouse.db import get_engine, upgrade
from sqlalchemy import text

from tests.conftest import ROOT

pytestmark = pytest.mark.e2e

REPORT_PDF = "zwgk/czzj/jxzp/202406/P020240612573829641953.pdf"  # seed_000 as served by the demo


def _run(settings, recheck=False) -> None:
    src = get_source("demo-county", ROOT / "demo-sources")
    ctx = RunContext(dag_id="selfeval_crawl", dag_run_id=f"t{recheck}", task_id="crawl")
    crawl_source(src, settings, ctx)
    download_source(src, settings, ctx, recheck=recheck)
    for batch in batches(pending_versions(settings), 5):
        process_batch(settings, batch, RunContext(dag_id="selfeval_process", dag_run_id=f"p{recheck}", task_id="p"))


@pytest.fixture
def site(tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(SITE_DIR, copy)
    return copy


def test_republished_document_becomes_new_current_version(site, data_env, monkeypatch, capsys):
    with serve(port=0, site_dir=site) as portal:
        monkeypatch.setenv("SELFEVAL_DEMO_BASE_URL", portal.url)
        settings = get_settings()
        upgrade(settings.warehouse_url)
        _run(settings)
        engine = get_engine(settings.warehouse_url)
        with engine.connect() as c:
            before = c.execute(text("SELECT report_id, self_score FROM v_report WHERE document_url LIKE :u"),
                               {"u": f"%{REPORT_PDF}"}).mappings().one()
        # the portal republishes a corrected file at the same URL (here: the seed rendered differently)
        (site / REPORT_PDF).write_bytes((SITE_DIR / "zwgk/czzj/jxzp/202405/P020240524389102746385.pdf").read_bytes())
        _run(settings, recheck=True)
        with engine.connect() as c:
            versions = c.execute(text(
                "SELECT dv.id, dv.sha256 FROM document_version dv JOIN document d ON d.id = dv.document_id "
                "WHERE d.url LIKE :u ORDER BY dv.id"), {"u": f"%{REPORT_PDF}"}).all()
            current = c.execute(text("SELECT * FROM v_report WHERE document_url LIKE :u"),
                                {"u": f"%{REPORT_PDF}"}).mappings().all()
            old = c.execute(text("SELECT is_current, valid_to FROM report WHERE id = :i"),
                            {"i": before["report_id"]}).mappings().one()
            total_versions = c.execute(text("SELECT COUNT(*) FROM document_version")).scalar()
        assert len(versions) == 2 and versions[0].sha256 != versions[1].sha256
        assert len(current) == 1 and current[0]["document_version_id"] == versions[1].id
        assert current[0]["report_id"] != before["report_id"]
        assert old["is_current"] in (False, 0) and old["valid_to"] is not None
        assert total_versions == 9  # only the changed document got a new version

        assert cli(["lineage", str(current[0]["report_id"])]) == 0
        tree = capsys.readouterr().out
        for expected in ("evidence", "document version", "download", "list page", "crawl run",
                         "selfeval_crawl", "selfeval_process", "/zwgk/czzj/jxzp/index", current[0]["document_sha256"][:16]):
            assert expected in tree, expected

        out = settings.data_dir / "export"
        assert cli(["export", "--format", "csv", "--out", str(out)]) == 0
        assert (out / "v_report.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
        with (out / "v_report.csv").open(encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
        assert len(rows) == 8 and list(rows[0])[0] == "report_id" and "admin_division_code" in rows[0]
        assert any("县" in (r["county"] or "") for r in rows)
        assert cli(["export", "--format", "parquet", "--out", str(out)]) == 0
        import pandas as pd
        import pyarrow.parquet as pq

        health = pd.read_parquet(out / "v_source_health.parquet")
        assert health.loc[0, "source_id"] == "demo-county" and health.loc[0, "status"] == "ok"
        report = pq.read_schema(out / "v_report.parquet")
        assert str(report.field("fetched_at").type) == "timestamp[us, tz=UTC]"
        assert str(report.field("fiscal_year").type) == "int64" and str(report.field("self_score").type) == "double"
        quarantine = pq.read_table(out / "v_quarantine.parquet")  # empty, still typed
        assert quarantine.num_rows == 0 and str(quarantine.schema.field("loaded_at").type).startswith("timestamp")
        assert cli(["export", "--format", "xlsx", "--out", str(out)]) == 0
        import re
        import zipfile

        with zipfile.ZipFile(out / "selfeval.xlsx") as xl:  # read as the OOXML it is (no reader dependency)
            names = re.findall(r'<sheet name="([^"]+)"', xl.read("xl/workbook.xml").decode())
            first = xl.read("xl/worksheets/sheet1.xml").decode()
        assert names[:2] == ["v_report", "v_indicator"] and "v_quarantine" in names
        assert first.count("<row ") == 9  # header + the 8 reports
        assert cli(["export", "--view", "nope", "--out", str(out)]) == 2
        assert "unknown view 'nope'" in capsys.readouterr().err


def test_new_extractor_version_supersedes_old_rows(site, data_env, monkeypatch):
    """Rotating the extractor: re-processing under a new version loads new current rows; old ones stay."""
    from selfeval.pipeline.reprocess import queue_document

    with serve(port=0, site_dir=site) as portal:
        monkeypatch.setenv("SELFEVAL_DEMO_BASE_URL", portal.url)
        settings = get_settings()
        upgrade(settings.warehouse_url)
        _run(settings)
        monkeypatch.setattr("selfeval.understand.version.UNDERSTAND_VERSION", "99.0.0")
        with get_engine(settings.warehouse_url).connect() as c:
            doc_ids = [r[0] for r in c.execute(text("SELECT id FROM document"))]
        for doc_id in doc_ids:
            queue_document(settings, doc_id)
        for batch in batches(pending_versions(settings), 5):
            process_batch(settings, batch, RunContext(dag_id="selfeval_process", dag_run_id="rotate", task_id="p"))
        with get_engine(settings.warehouse_url).connect() as c:
            by_version = dict(c.execute(text(
                "SELECT extractor_version, SUM(CASE WHEN is_current THEN 1 ELSE 0 END) FROM report GROUP BY 1")).all())
            current = {r[0] for r in c.execute(text("SELECT extractor_version FROM v_report"))}
        assert len(by_version) == 2
        assert current == {v for v in by_version if v.endswith("understand 99.0.0")}
        assert [n for v, n in by_version.items() if not v.endswith("99.0.0")] == [0]
