"""Download stage: every relevant attachment not yet stored (or failed last time) is fetched once.

Unchanged documents answer 304 to a conditional GET or hash to a stored version,
so nothing is stored twice; new bytes at a known URL become a new document_version.
Fetches run `politeness.concurrency` at a time (the client's per-host limits
still apply); results are written one by one in the order the items were found.
A challenge page stops the stage for this source: the remaining items stay
pending for the next run instead of hammering a host that is pushing back.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import select

from selfeval.crawl.attachments import has_doc_ext
from selfeval.crawl.http import FetchResult, HttpClient
from selfeval.pipeline.context import RunContext
from selfeval.pipeline.crawl import load_state, make_client, mark_blocked, register_source, start_run
from selfeval.pipeline.records import record_fetch, store_document
from selfeval.settings import Settings
from selfeval.sources.schema import SourceConfig
from selfeval.store import RawStore
from selfeval.warehouse.db import session_scope
from selfeval.warehouse.models import DiscoveredItem, Document


@dataclass
class DownloadSummary:
    source_id: str
    downloaded: int = 0
    unchanged: int = 0
    failed: int = 0
    requests: int = 0
    blocked: str | None = None
    failures: list[str] = field(default_factory=list)


@dataclass
class _Job:
    item_id: int
    url: str
    etag: str | None
    last_modified: str | None


def pending_items(settings: Settings, source_id: str, recheck: bool = False,
                  published: tuple[str | None, str | None] = (None, None)) -> list[int]:
    """Attachments to fetch: new or failed (with attempts left); with `recheck`, every stored document too.

    `published` (since, until; ISO dates, inclusive) limits a backfill to a publish-date window; items
    outside it stay `new` and are fetched by a later run, so nothing is lost.
    """
    statuses = ["new", "failed"] + (["downloaded", "unchanged"] if recheck else [])
    kinds = ["attachment"] + (["article"] if recheck else [])
    since, until = published
    with session_scope(settings.warehouse_url) as s:
        q = select(DiscoveredItem.id).where(
            DiscoveredItem.source_id == source_id, DiscoveredItem.kind.in_(kinds),
            DiscoveredItem.status.in_(statuses), DiscoveredItem.attempts < settings.max_attempts,
        ).order_by(DiscoveredItem.id)
        if since:
            q = q.where(DiscoveredItem.listed_date >= since)
        if until:
            q = q.where(DiscoveredItem.listed_date <= until)
        return [r[0] for r in s.execute(q)]


def _jobs(settings: Settings, ids: list[int]) -> list[_Job]:
    """URL and stored validators of each item (conditional GET for documents already held)."""
    out = []
    with session_scope(settings.warehouse_url) as s:
        for item_id in ids:
            item = s.get(DiscoveredItem, item_id)
            doc = s.execute(select(Document).where(Document.url == item.url)).scalar_one_or_none()
            out.append(_Job(item_id, item.url, doc.etag if doc else None, doc.last_modified if doc else None))
    return out


def download_source(source: SourceConfig, settings: Settings, ctx: RunContext, recheck: bool = False,
                    client: HttpClient | None = None,
                    published: tuple[str | None, str | None] = (None, None)) -> DownloadSummary:
    own_client = client is None
    client = client or make_client(source, settings)
    state = load_state(source, settings, client if own_client else None)
    summary = DownloadSummary(source_id=source.id)
    backoff = state.backing_off()
    if backoff:
        summary.blocked = backoff
        return summary
    store = RawStore(settings.raw_store_url)
    with session_scope(settings.warehouse_url) as s:
        register_source(s, source)
        run_id = start_run(s, source, ctx, restart=False)
    made_before = client.requests_made
    jobs = _jobs(settings, pending_items(settings, source.id, recheck, published))
    window = max(1, source.politeness.concurrency)
    with ThreadPoolExecutor(max_workers=window, thread_name_prefix=f"dl-{source.id}") as pool:
        for i in range(0, len(jobs), window):
            batch = jobs[i:i + window]
            results = pool.map(lambda j: client.get(j.url, etag=j.etag, last_modified=j.last_modified), batch)
            for job, res in zip(batch, results, strict=True):
                _record(settings, store, source, run_id, job, res, summary)
            if summary.blocked:
                break
    if summary.blocked:
        mark_blocked(settings.warehouse_url, source.id, summary.blocked)
        state.record_block(summary.blocked)
        state.save()
    summary.requests = client.requests_made - made_before
    return summary


def content_mismatch(item: DiscoveredItem, res: FetchResult) -> str | None:
    """An attachment link (`….pdf`) that answers with an HTML page (an error or login page) is a failure."""
    if item.kind != "attachment" or not (has_doc_ext(item.url) or has_doc_ext(item.title or "")):
        return None
    head = res.body.lstrip()[:512].lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<meta")):
        return f"expected a document, got an HTML page ({res.content_type or 'no Content-Type'})"
    return None


def _record(settings: Settings, store: RawStore, source: SourceConfig, run_id: int, job: _Job,
            res: FetchResult, summary: DownloadSummary) -> None:
    """Write one fetch outcome: unchanged, failed with its reason, or a stored version."""
    with session_scope(settings.warehouse_url) as s:
        item = s.get(DiscoveredItem, job.item_id)
        fetch_id = record_fetch(s, run_id, "document", res)
        if res.blocked:
            summary.blocked = f"{job.url}: {res.blocked}"
            item.reason = f"not downloaded: {res.blocked}"  # stays pending for the next run
            return
        item.attempts += 1
        if res.not_modified:
            item.status, item.reason = "unchanged", "304 Not Modified"
            summary.unchanged += 1
            return
        problem = (res.error or "empty body") if not res.ok or not res.body else content_mismatch(item, res)
        if problem:
            item.status, item.reason = "failed", problem
            summary.failed += 1
            summary.failures.append(f"{item.url}: {item.reason}")
            return
        parent = s.get(DiscoveredItem, item.parent_id) if item.parent_id else None
        page_url = item.found_on_url or (parent.url if parent else item.url)
        _vid, new = store_document(s, store, source.id, run_id, item, res, page_url=page_url, fetch_id=fetch_id)
        if new:
            summary.downloaded += 1
        else:
            summary.unchanged += 1
