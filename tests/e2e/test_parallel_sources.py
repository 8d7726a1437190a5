"""Two sources crawled at the same time into one SQLite warehouse (as parallel Airflow tasks do):
no 'database is locked', and each source's rows are complete."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from selfeval.demo.portal import serve
from selfeval.pipeline import tasks
from selfeval.pipeline.context import RunContext
from selfeval.settings import get_settings
from selfeval.warehouse.db import get_engine, upgrade
from sqlalchemy import text

pytestmark = pytest.mark.e2e


def test_parallel_crawls_share_sqlite(tmp_path, data_env, monkeypatch):
    sources = tmp_path / "sources"
    sources.mkdir()
    with serve(port=0) as a, serve(port=0) as b:
        for name, portal in (("county-a", a), ("county-b", b)):
            (sources / f"{name}.yaml").write_text(
                f"id: {name}\nname: {name}\nfamily: static_list\nallow_private_network: true\n"
                f"start_urls: ['{portal.url}/zwgk/czzj/jxzp/index.html']\n"
                "list: {item: 'ul.list li', link: a, date: span}\n"
                "politeness: {requests_per_second: 20}\n", "utf-8")
        monkeypatch.setenv("SELFEVAL_SOURCES", str(sources))
        upgrade(get_settings().warehouse_url)
        ctx = RunContext(dag_id="selfeval_crawl", dag_run_id="parallel", task_id="crawl_source")
        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(lambda sid: tasks.crawl_and_download(sid, ctx), ["county-a", "county-b"]))
    assert all(not r["crawl"]["errors"] for r in results), [r["crawl"]["errors"] for r in results]
    with get_engine(get_settings().warehouse_url).connect() as c:
        per_source = dict(c.execute(text("SELECT source_id, COUNT(*) FROM document GROUP BY 1")).all())
    assert per_source == {"county-a": 8, "county-b": 8}
