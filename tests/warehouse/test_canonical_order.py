"""A report published on two portals has one canonical row, and which one does not depend on the order the
work happened in (found by the chaos suite, issue 13: a killed crawl resumed later, or sources crawled in
another order, used to flip `duplicate_of` and the DUP-01 outcome, because the tie-break was the newest
download and then the lowest report id)."""

from __future__ import annotations

import pytest
from selfeval.demo.portal import demo_source_text, serve
from selfeval.pipeline.context import RunContext
from selfeval.pipeline.crawl import crawl_source
from selfeval.pipeline.download import download_source
from selfeval.pipeline.process import batches, pending_versions, process_batch
from selfeval.settings import get_settings
from selfeval.sources.schema import SourceConfig
from selfeval.warehouse.checksum import compare
from selfeval.warehouse.db import get_engine, upgrade
from sqlalchemy import text

pytestmark = pytest.mark.e2e


def _warehouse(order: list[SourceConfig], data_dir, monkeypatch) -> str:
    monkeypatch.setenv("SELFEVAL_DATA_DIR", str(data_dir))
    settings = get_settings()
    upgrade(settings.warehouse_url)
    for src in order:  # one source after the other: the second one's documents are the newer downloads
        ctx = RunContext(dag_id="selfeval_crawl", dag_run_id=f"run-{src.id}", task_id="crawl")
        crawl_source(src, settings, ctx)
        download_source(src, settings, ctx)
        for batch in batches(pending_versions(settings), 4):
            process_batch(settings, batch, RunContext(dag_id="selfeval_process", dag_run_id=f"p-{src.id}",
                                                      task_id="p"))
    return settings.warehouse_url


def test_canonical_row_does_not_depend_on_crawl_order(tmp_path, monkeypatch):
    import yaml

    monkeypatch.delenv("SELFEVAL_WAREHOUSE_URL", raising=False)
    with serve(port=0) as county, serve(port=0) as mirror:  # the same site under two addresses
        sources = []
        for sid, portal in (("demo-county", county), ("demo-mirror", mirror)):
            cfg = yaml.safe_load(demo_source_text(portal.url))
            cfg["id"] = sid
            sources.append(SourceConfig.model_validate(cfg))
        first = _warehouse(sources, tmp_path / "a", monkeypatch)
        second = _warehouse(sources[::-1], tmp_path / "b", monkeypatch)
    diff = {t: d for t, d in compare(first, second).items() if d[0] or d[1]}
    assert not diff, diff
    with get_engine(first).connect() as c:
        rows = c.execute(text("SELECT document_url FROM v_report_canonical")).scalars().all()
        total = c.execute(text("SELECT COUNT(*) FROM v_report")).scalar()
    assert rows and total >= 2 * len(rows) - 1  # every report twice in v_report, once canonical
    picked = {u.split("/zwgk/")[0] for u in rows}
    assert len(picked) == 1, picked  # the same portal wins every tie (same dates: the URL decides)
