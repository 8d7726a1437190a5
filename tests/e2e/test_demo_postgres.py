"""One end-to-end DAG run with the warehouse on a real (throwaway) PostgreSQL server."""

from __future__ import annotations

import pytest
from selfeval.warehouse.db import get_engine
from sqlalchemy import text

from tests.conftest import run_dag_test

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]


def test_dags_load_demo_into_postgres(airflow_home, pg_url, tmp_path):
    from selfeval.demo.portal import serve

    with serve(port=0) as portal:
        env = {"SELFEVAL_DATA_DIR": str(tmp_path / "data"), "SELFEVAL_DEMO_BASE_URL": portal.url,
               "SELFEVAL_WAREHOUSE_URL": pg_url}
        run_dag_test(airflow_home, "selfeval_crawl", env, '{"source_id": "demo-county", "force": true}')
        run_dag_test(airflow_home, "selfeval_process", env)
        with get_engine(pg_url).connect() as conn:
            rows = conn.execute(text("SELECT * FROM v_report")).mappings().all()
            skipped = conn.execute(text("SELECT COUNT(*) FROM discovered_item WHERE status = 'skipped'")).scalar()
        assert len(rows) >= 8 and skipped >= 3
        for r in rows:
            for col in ("source_id", "page_url", "document_url", "document_sha256", "fetched_at", "crawl_run_id",
                        "dag_id", "dag_run_id", "extractor_version", "loaded_at"):
                assert r[col] is not None, col
        run_dag_test(airflow_home, "selfeval_crawl", env, '{"source_id": "demo-county", "force": true}')
        run_dag_test(airflow_home, "selfeval_process", env)
        with get_engine(pg_url).connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM report")).scalar() == len(rows)
