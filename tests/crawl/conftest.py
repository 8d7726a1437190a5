"""Fixtures for crawl tests: a private SQLite warehouse, and running the real crawl + download stages."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from selfeval.pipeline.context import RunContext
from selfeval.pipeline.crawl import CrawlSummary, crawl_source, make_client
from selfeval.pipeline.download import DownloadSummary, download_source
from selfeval.settings import Settings, get_settings
from selfeval.sources.schema import SourceConfig
from selfeval.warehouse.db import upgrade


@dataclass
class Run:
    crawl: CrawlSummary
    download: DownloadSummary
    sleeps: list[float]
    requests: int
    connects: list[tuple[str, str, int]]  # (host, ip, port) of every socket the client opened


class Warehouse:
    """The crawl stages against one SQLite warehouse in a temp data dir; `sql()` reads it back."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.settings: Settings = get_settings()
        upgrade(self.settings.warehouse_url)

    def run(self, cfg: dict | SourceConfig, recheck: bool = False, respect_backoff: bool = True,
            fast: bool = True) -> Run:
        """Crawl + download like the DAG task does (one client for both); backoff sleeps are recorded, not slept.

        `fast` lifts the schema's 50 req/s ceiling for loopback portals (tests only).
        """
        source = cfg if isinstance(cfg, SourceConfig) else SourceConfig.model_validate(cfg)
        if fast:
            source.politeness.requests_per_second = 2000
        sleeps: list[float] = []
        client = make_client(source, self.settings, sleep=sleeps.append)
        ctx = RunContext.cli("test")
        c = crawl_source(source, self.settings, ctx, client=client, respect_backoff=respect_backoff)
        d = download_source(source, self.settings, ctx, recheck=recheck, client=client)
        return Run(c, d, sleeps, client.requests_made, client.connect_log)

    def sql(self, query: str, *args) -> list[dict]:
        con = sqlite3.connect(self.data_dir / "warehouse.sqlite")
        con.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in con.execute(query, args)]
        finally:
            con.close()

    def documents(self, source_id: str) -> dict[str, list[dict]]:
        """Document URL → its versions (sha256, file_name)."""
        out: dict[str, list[dict]] = {}
        for r in self.sql("SELECT d.url, v.sha256, v.file_name FROM document d JOIN document_version v "
                          "ON v.document_id = d.id WHERE d.source_id = ? ORDER BY v.id", source_id):
            out.setdefault(r["url"], []).append(r)
        return out

    def items(self, source_id: str) -> dict[str, dict]:
        return {r["url"]: r for r in self.sql("SELECT * FROM discovered_item WHERE source_id = ?", source_id)}


@pytest.fixture
def warehouse(tmp_path, monkeypatch) -> Warehouse:
    data = tmp_path / "data"
    monkeypatch.setenv("SELFEVAL_DATA_DIR", str(data))
    monkeypatch.delenv("SELFEVAL_WAREHOUSE_URL", raising=False)
    return Warehouse(data)
