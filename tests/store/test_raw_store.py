"""The raw store API on the local disk and on an S3-compatible server (moto's, on loopback)."""

from __future__ import annotations

import pytest
from selfeval.store import RawStore
from selfeval.store.raw import sha256_bytes


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_store(s3_endpoint, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "minio-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "minio-test-secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("SELFEVAL_S3_ENDPOINT_URL", s3_endpoint)
    store = RawStore("s3://selfeval-raw/documents")
    if not store.fs.exists("selfeval-raw"):
        store.fs.mkdir("selfeval-raw")
    return store


def _roundtrip(store: RawStore) -> str:
    data = "县乡村振兴局2023年度整体支出绩效自评报告".encode() * 100
    sha, uri = store.put(data)
    assert sha == sha256_bytes(data) and store.exists(sha)
    assert store.put(data) == (sha, uri)  # idempotent: stored once
    assert store.get(sha) == data
    with store.local_path(sha) as path:
        assert path.read_bytes() == data
    return uri


def test_local_store(tmp_path):
    store = RawStore(tmp_path / "raw")
    uri = _roundtrip(store)
    assert uri.startswith(str(tmp_path)) and not list((tmp_path / "raw").rglob(".part-*"))


def test_s3_store_same_api(s3_store):
    uri = _roundtrip(s3_store)
    assert uri.startswith("s3://selfeval-raw/documents/")
    assert s3_store.fs.ls("selfeval-raw/documents")


@pytest.mark.e2e
def test_pipeline_with_raw_store_on_s3(s3_store, data_env, demo_portal, monkeypatch):
    """Crawl, download and process the demo with the raw store on the S3-compatible server."""
    from selfeval.pipeline.context import RunContext
    from selfeval.pipeline.crawl import crawl_source
    from selfeval.pipeline.download import download_source
    from selfeval.pipeline.process import pending_versions, process_batch
    from selfeval.settings import get_settings
    from selfeval.sources.registry import get_source
    from selfeval.warehouse.db import get_engine, upgrade
    from sqlalchemy import text

    from tests.conftest import ROOT

    monkeypatch.setenv("SELFEVAL_RAW_STORE_URL", "s3://selfeval-raw/documents")
    settings = get_settings()
    upgrade(settings.warehouse_url)
    src = get_source("demo-county", ROOT / "demo-sources")
    ctx = RunContext.cli("s3")
    crawl_source(src, settings, ctx)
    download_source(src, settings, ctx)
    process_batch(settings, pending_versions(settings), ctx)
    with get_engine(settings.warehouse_url).connect() as conn:
        paths = [r[0] for r in conn.execute(text("SELECT storage_path FROM document_version"))]
        reports = conn.execute(text("SELECT COUNT(*) FROM v_report")).scalar()
    assert len(paths) == 8 and all(p.startswith("s3://selfeval-raw/documents/") for p in paths)
    assert reports == 8
    assert not (settings.data_dir / "raw").exists()
