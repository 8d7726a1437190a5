"""Download stage: every relevant attachment not yet stored (or failed last time) is fetched once.

Unchanged documents answer 304 to a conditional GET or hash to a stored version,
so nothing is stored twice; new bytes at a known URL become a new document_version.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from selfeval.crawl.http import HttpClient
from selfeval.pipeline.context import RunContext
from selfeval.pipeline.crawl import make_client, register_source, start_run
from selfeval.pipeline.records import record_fetch, store_document
from selfeval.settings import Settings
from selfeval.sources.schema import SourceConfig
from selfeval.store import RawStore
from selfeval.warehouse.db import session_scope
from selfeval.warehouse.models import DiscoveredItem, Document

MAX_ATTEMPTS = 5


@dataclass
class DownloadSummary:
    source_id: str
    downloaded: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)


def pending_items(settings: Settings, source_id: str, recheck: bool = False) -> list[int]:
    statuses = ["new", "failed"] + (["downloaded", "unchanged"] if recheck else [])
    with session_scope(settings.warehouse_url) as s:
        rows = s.execute(select(DiscoveredItem.id).where(
            DiscoveredItem.source_id == source_id, DiscoveredItem.kind == "attachment",
            DiscoveredItem.status.in_(statuses), DiscoveredItem.attempts < MAX_ATTEMPTS,
        ).order_by(DiscoveredItem.id))
        return [r[0] for r in rows]


def download_source(source: SourceConfig, settings: Settings, ctx: RunContext, recheck: bool = False,
                    client: HttpClient | None = None) -> DownloadSummary:
    client = client or make_client(source, settings)
    store = RawStore(settings.raw_dir)
    summary = DownloadSummary(source_id=source.id)
    with session_scope(settings.warehouse_url) as s:
        register_source(s, source)
        run_id = start_run(s, source, ctx, restart=False)
    for item_id in pending_items(settings, source.id, recheck):
        with session_scope(settings.warehouse_url) as s:
            item = s.get(DiscoveredItem, item_id)
            doc = s.execute(select(Document).where(Document.url == item.url)).scalar_one_or_none()
            res = client.get(item.url, etag=doc.etag if doc else None,
                             last_modified=doc.last_modified if doc else None)
            fetch_id = record_fetch(s, run_id, "document", res)
            item.attempts += 1
            if res.not_modified:
                item.status, item.reason = "unchanged", "304 Not Modified"
                summary.unchanged += 1
                continue
            if not res.ok or not res.body:
                item.status, item.reason = "failed", res.error or "empty body"
                summary.failed += 1
                summary.failures.append(f"{item.url}: {item.reason}")
                continue
            parent = s.get(DiscoveredItem, item.parent_id) if item.parent_id else None
            page_url = item.found_on_url or (parent.url if parent else item.url)
            _vid, new = store_document(s, store, source.id, run_id, item, res, page_url=page_url, fetch_id=fetch_id)
            if new:
                summary.downloaded += 1
            else:
                summary.unchanged += 1
    return summary
