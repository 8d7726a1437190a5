"""Crawl stage: list pages → discovered_item rows (relevant or skipped, with reasons) → detail pages.

Everything seen is recorded; nothing is downloaded here except article pages
whose body is itself the report (their bytes are already in hand).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from selfeval.crawl.attachments import find_attachments
from selfeval.crawl.dates import parse_date
from selfeval.crawl.decode import decode_bytes
from selfeval.crawl.families import ListedItem, get_adapter
from selfeval.crawl.http import ClientPolicy, HttpClient
from selfeval.crawl.relevance import judge
from selfeval.pipeline.context import RunContext
from selfeval.pipeline.records import record_fetch, store_document
from selfeval.settings import Settings
from selfeval.sources.schema import SourceConfig
from selfeval.store import RawStore
from selfeval.warehouse.db import session_scope
from selfeval.warehouse.models import CrawlRun, DiscoveredItem, Source
from selfeval.warehouse.upsert import upsert

log = logging.getLogger(__name__)


@dataclass
class CrawlSummary:
    source_id: str
    crawl_run_id: int
    pages: int = 0
    items_seen: int = 0
    items_new: int = 0
    relevant_new: int = 0
    skipped_new: int = 0
    articles_stored: int = 0
    blocked: str | None = None
    errors: list[str] = field(default_factory=list)


def make_client(source: SourceConfig, settings: Settings) -> HttpClient:
    p = source.politeness
    return HttpClient(ClientPolicy(
        user_agent=source.user_agent or settings.user_agent,
        allow_hosts=source.allow_hosts,
        allow_private=source.allow_private_network,
        requests_per_second=p.requests_per_second,
        timeout_s=p.timeout_s,
        max_retries=p.max_retries,
        max_bytes=(source.max_download_mb or settings.max_download_mb) * 1024 * 1024,
        respect_robots=p.respect_robots,
    ))


def register_source(session: Session, source: SourceConfig) -> None:
    now = datetime.now(UTC)
    upsert(session, Source, {
        "id": source.id, "name": source.name, "family": source.family,
        "province": source.region.province, "city": source.region.city, "county": source.region.county,
        "config": source.model_dump(mode="json", by_alias=True), "status": "ok", "updated_at": now,
    }, keys=["id"], update=["name", "family", "province", "city", "county", "config", "updated_at"])


def start_run(session: Session, source: SourceConfig, ctx: RunContext, restart: bool = True) -> int:
    """The crawl_run row of this DAG run and source; the crawl and download tasks share it.

    `restart=False` (download task) joins an existing row without resetting it.
    """
    now = datetime.now(UTC)
    return upsert(session, CrawlRun, {
        "source_id": source.id, "run_key": f"{ctx.dag_id}/{ctx.dag_run_id}", "dag_id": ctx.dag_id,
        "dag_run_id": ctx.dag_run_id, "task_id": ctx.task_id, "try_number": ctx.try_number,
        "started_at": now, "status": "running",
    }, keys=["source_id", "run_key"], update=["try_number", "started_at", "status", "task_id"] if restart else [])


def _record_item(session: Session, source_id: str, run_id: int, *, url: str, kind: str, title: str | None,
                 date: str | None, date_raw: str | None, found_on: str, status: str, reason: str,
                 parent_id: int | None = None) -> tuple[int, bool]:
    """Insert a new item or refresh `last_seen`; never downgrade a downloaded item. Returns (id, is_new)."""
    now = datetime.now(UTC)
    existing = session.execute(
        select(DiscoveredItem).where(DiscoveredItem.source_id == source_id, DiscoveredItem.url == url)
    ).scalar_one_or_none()
    if existing is not None:
        existing.last_seen, existing.last_crawl_run_id = now, run_id
        if existing.first_crawl_run_id == run_id:  # re-run of the same crawl task: refresh the verdict
            existing.status, existing.reason = status, reason
        return existing.id, existing.first_crawl_run_id == run_id
    item = DiscoveredItem(source_id=source_id, url=url, kind=kind, title=title, listed_date=date,
                          listed_date_raw=date_raw, found_on_url=found_on, parent_id=parent_id, status=status,
                          reason=reason, attempts=0, first_crawl_run_id=run_id, last_crawl_run_id=run_id,
                          first_seen=now, last_seen=now)
    session.add(item)
    session.flush()
    return item.id, True


def _known_urls(session: Session, source_id: str, run_id: int) -> set[str]:
    rows = session.execute(select(DiscoveredItem.url).where(
        DiscoveredItem.source_id == source_id, DiscoveredItem.first_crawl_run_id != run_id))
    return {r[0] for r in rows}


def crawl_source(source: SourceConfig, settings: Settings, ctx: RunContext,
                 client: HttpClient | None = None) -> CrawlSummary:
    url = settings.warehouse_url
    with session_scope(url) as s:
        register_source(s, source)
        run_id = start_run(s, source, ctx)
        known = _known_urls(s, source.id, run_id)
    summary = CrawlSummary(source_id=source.id, crawl_run_id=run_id)
    client = client or make_client(source, settings)
    store = RawStore(settings.raw_dir)
    adapter = get_adapter(source.family)
    try:
        for start in source.start_urls:
            _crawl_start(source, settings, client, store, adapter, start, run_id, known, summary)
            if summary.blocked:
                break
        status = "blocked" if summary.blocked else ("failed" if summary.errors and not summary.items_seen else "success")
    except Exception as exc:  # record, then let Airflow retry
        summary.errors.append(f"{type(exc).__name__}: {exc}")
        _finish(url, source, run_id, summary, "failed")
        raise
    _finish(url, source, run_id, summary, status)
    return summary


def _crawl_start(source, settings, client, store, adapter, start, run_id, known, summary) -> None:
    pages = adapter(client, source, start)
    try:
        for page in pages:
            summary.pages += 1
            with session_scope(settings.warehouse_url) as s:
                record_fetch(s, run_id, "list", page.fetch)
                if page.error:
                    summary.errors.append(f"{page.url}: {page.error}")
                    if page.fetch.blocked:
                        summary.blocked = f"{page.url}: {page.fetch.blocked}"
                    continue
                fresh = [it for it in page.items if it.url not in known]
                for item in page.items:
                    _handle_listed(s, source, settings, client, store, run_id, item, summary)
            if page.items and not fresh and summary.pages > 0 and known:
                log.info("%s: page %s fully known, stop paging", source.id, page.url)
                break
            if page.fetch.not_modified:
                break
    finally:
        pages.close()


def _handle_listed(s: Session, source: SourceConfig, settings: Settings, client: HttpClient, store: RawStore,
                   run_id: int, item: ListedItem, summary: CrawlSummary) -> None:
    summary.items_seen += 1
    verdict = judge(item.title, source.relevance.include, source.relevance.exclude)
    kind = "attachment" if item.is_document else "detail"
    status = "new" if verdict.relevant else "skipped"
    item_id, is_new = _record_item(s, source.id, run_id, url=item.url, kind=kind, title=item.title,
                                   date=item.date, date_raw=item.date_raw, found_on=item.list_page_url,
                                   status=status, reason=verdict.reason)
    if not is_new:
        return
    summary.items_new += 1
    if verdict.relevant:
        summary.relevant_new += 1
    else:
        summary.skipped_new += 1
    if kind == "detail" and (verdict.relevant or verdict.maybe_container):
        _open_detail(s, source, client, store, run_id, item, item_id, verdict.relevant, summary)


def _open_detail(s: Session, source: SourceConfig, client: HttpClient, store: RawStore, run_id: int,
                 item: ListedItem, item_id: int, relevant: bool, summary: CrawlSummary) -> None:
    """Fetch a detail page: attachments become items; a report typed into the body is stored as HTML."""
    res = client.get(item.url)
    record_fetch(s, run_id, "detail", res)
    row = s.get(DiscoveredItem, item_id)
    if not res.ok:
        row.status, row.reason = "failed", f"detail page: {res.error}"
        if res.blocked:
            summary.blocked = f"{item.url}: {res.blocked}"
        return
    html, _ = decode_bytes(res.body, res.content_type)
    pub = _meta_date(html)
    if pub and not row.listed_date:
        row.listed_date = pub
    attachments = find_attachments(html, res.final_url or item.url)
    wanted = []
    for att in attachments:
        v = judge(att.name, source.relevance.include, source.relevance.exclude)
        keep = v.relevant or (relevant and not _is_excluded(att.name, source))
        reason = (v.reason if v.relevant else f"attachment of relevant item {item.title!r}") if keep \
            else f"attachment: {v.reason}"
        _record_item(s, source.id, run_id, url=att.url, kind="attachment", title=att.name,
                     date=row.listed_date, date_raw=row.listed_date_raw, found_on=res.final_url or item.url,
                     status="new" if keep else "skipped", reason=reason, parent_id=item_id)
        if keep:
            wanted.append(att)
    if wanted:
        row.status, row.reason = "expanded", f"{len(wanted)} attachment(s) queued; {row.reason}"
    elif relevant:
        row.kind = "article"
        store_document(s, store, source.id, run_id, row, res, page_url=res.final_url or item.url)
        summary.articles_stored += 1
    else:
        row.status, row.reason = "skipped", "container without self-evaluation attachments"


def _is_excluded(name: str, source: SourceConfig) -> bool:
    return not judge(name, [], source.relevance.exclude).reason.startswith("no self-evaluation")


def _meta_date(html: str) -> str | None:
    import re

    m = re.search(r"""<meta[^>]+name=["'](?:PubDate|pubdate|publishdate|firstpublishedtime)["'][^>]*content=["']([^"']+)""", html, re.I)
    if not m:
        m = re.search(r"(?:发布时间|发布日期|发文日期)[:：\s]*([0-9]{4}[-年/.][0-9]{1,2}[-月/.][0-9]{1,2})", html)
    return parse_date(m.group(1))[0] if m else None


def _finish(url: str, source: SourceConfig, run_id: int, summary: CrawlSummary, status: str) -> None:
    with session_scope(url) as s:
        run = s.get(CrawlRun, run_id)
        run.finished_at = datetime.now(UTC)
        run.status = status
        run.pages_fetched = summary.pages
        run.items_found = summary.items_seen
        run.items_new = summary.items_new
        run.error = "; ".join(summary.errors)[:4000] or None
        src_status = "blocked" if summary.blocked else ("failing" if status == "failed" else "ok")
        values = {"status": src_status, "status_detail": summary.blocked or (run.error if status == "failed" else None)}
        newest = s.execute(select(DiscoveredItem.listed_date).where(DiscoveredItem.source_id == source.id)
                           .order_by(DiscoveredItem.listed_date.desc()).limit(1)).scalar()
        values["watermark_date"] = newest
        s.execute(update(Source).where(Source.id == source.id).values(**values))
