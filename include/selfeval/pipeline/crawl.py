"""Crawl stage: list pages → discovered_item rows (relevant or skipped, with reasons) → detail pages.

Everything seen is recorded; nothing is downloaded here except article pages
whose body is itself the report (their bytes are already in hand).

Incremental by construction: a URL already in discovered_item is never opened
again (failed detail pages excepted: they are retried, up to SELFEVAL_MAX_ATTEMPTS), and
once a start URL has been walked to its end, a re-crawl stops paging at the
first list page that answers 304 to its replayed validators or holds only known
URLs. List-page validators and that "walked to the end" flag live in the
per-source crawl state (`selfeval.crawl.state`, table `crawl_state`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import and_, func, inspect, make_url, or_, select, update
from sqlalchemy.orm import Session

from selfeval.crawl.detail import (
    DetailOutcome,
    KeptAttachment,
    expand_detail,
    judge_listed,
)
from selfeval.crawl.families import ListedItem, ListPage, PageMemo, get_adapter, start_points
from selfeval.crawl.http import ClientPolicy, FetchResult, HttpClient
from selfeval.crawl.plan import plan_detail, plan_listed
from selfeval.crawl.relevance import Verdict
from selfeval.crawl.state import CrawlState
from selfeval.pipeline.context import RunContext
from selfeval.pipeline.records import record_fetch, store_document
from selfeval.settings import Settings
from selfeval.sources.schema import SourceConfig
from selfeval.store import RawStore
from selfeval.warehouse.db import session_scope
from selfeval.warehouse.models import CrawlRun, CrawlStateRow, DiscoveredItem, Source
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
    details_retried: int = 0
    pages_not_modified: int = 0
    stopped_early: list[str] = field(default_factory=list)
    requests: int = 0
    blocked: str | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class _Crawl:
    """Everything one crawl of one source shares, so the steps below take one argument."""

    source: SourceConfig
    settings: Settings
    client: HttpClient
    store: RawStore
    state: CrawlState
    run_id: int
    known: set[str]
    summary: CrawlSummary
    handled: set[str] = field(default_factory=set)  # URLs already handled in this process (lists overlap)


def make_client(source: SourceConfig, settings: Settings, sleep: Callable[[float], None] = time.sleep) -> HttpClient:
    p = source.politeness
    return HttpClient(ClientPolicy(
        user_agent=source.user_agent or settings.user_agent,
        allow_hosts=source.allow_hosts,
        allow_private=source.allow_private_network,
        private_networks=tuple(source.private_networks),
        requests_per_second=p.requests_per_second,
        concurrency=p.concurrency,
        timeout_s=p.timeout_s,
        max_retries=p.max_retries,
        max_bytes=(source.max_download_mb or settings.max_download_mb) * 1024 * 1024,
        max_seconds=p.max_download_s,
        respect_robots=p.respect_robots,
    ), sleep=sleep)


def load_state(source: SourceConfig, settings: Settings, client: HttpClient | None = None) -> CrawlState:
    """The source's crawl state; cached robots.txt (< 24 h) is handed to the client.

    Kept in the warehouse (`crawl_state`), not in SELFEVAL_DATA_DIR: on CeleryExecutor the next crawl of a
    source may run on another worker, which must still see the anti-bot back-off, the robots.txt cache and
    which columns were walked to the end. A state file of an older version is taken over when the warehouse
    has none yet; save() writes the warehouse row."""
    url = settings.warehouse_url
    legacy = CrawlState.for_source(settings.data_dir, source.id)
    raw = None
    db = make_url(url)
    # only `selfeval crawl --dry-run` reads before the schema is upgraded (and it writes nothing, no SQLite file)
    if not (db.get_backend_name() == "sqlite" and db.database and not Path(db.database).exists()):
        with session_scope(url) as s:
            if inspect(s.connection()).has_table("crawl_state"):
                row = s.get(CrawlStateRow, source.id)
                raw = dict(row.state) if row is not None else None

    def save(payload: dict) -> None:
        with session_scope(url) as s:
            upsert(s, CrawlStateRow, {"source_id": source.id, "state": payload, "saved_at": datetime.now(UTC)},
                   keys=["source_id"])

    state = CrawlState.from_payload(legacy.path, raw if raw is not None else legacy.payload(), saver=save)
    if client is not None:
        for origin, snap in state.fresh_robots().items():
            client.seed_robots(origin, snap)
    return state


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
                 parent_id: int | None = None, score: float | None = None) -> tuple[int, bool]:
    """Insert a new item or refresh `last_seen`; never downgrade a downloaded item. Returns (id, is_new)."""
    now = datetime.now(UTC)
    existing = session.execute(
        select(DiscoveredItem).where(DiscoveredItem.source_id == source_id, DiscoveredItem.url == url)
    ).scalar_one_or_none()
    if existing is not None:
        existing.last_seen, existing.last_crawl_run_id = now, run_id
        if existing.first_crawl_run_id == run_id and existing.status in ("new", "skipped"):
            existing.status, existing.reason = status, reason  # re-run of the same crawl task
            existing.relevance_score = score
        return existing.id, existing.first_crawl_run_id == run_id and existing.status in ("new", "skipped")
    item = DiscoveredItem(source_id=source_id, url=url, kind=kind, title=title, listed_date=date,
                          listed_date_raw=(date_raw or "")[:64] or None, found_on_url=found_on,
                          parent_id=parent_id, status=status, reason=reason, relevance_score=score, attempts=0,
                          first_crawl_run_id=run_id, last_crawl_run_id=run_id, first_seen=now, last_seen=now)
    session.add(item)
    session.flush()
    return item.id, True


def abandon_dead_runs(session: Session, source_id: str, run_id: int) -> int:
    """Runs of this source still 'running' when a new one starts died (killed process, lost worker): mark
    them 'abandoned', so no run stays 'running' forever.  Their unfinished items are resumed by this run."""
    res = session.execute(update(CrawlRun).where(CrawlRun.source_id == source_id, CrawlRun.id != run_id,
                                                 CrawlRun.status == "running")
                          .values(status="abandoned", finished_at=datetime.now(UTC),
                                  error="abandoned: the process died before the run finished"))
    return res.rowcount or 0


def _known_urls(session: Session, source_id: str, run_id: int) -> set[str]:
    rows = session.execute(select(DiscoveredItem.url).where(
        DiscoveredItem.source_id == source_id, DiscoveredItem.first_crawl_run_id != run_id))
    return {r[0] for r in rows}


def crawl_source(source: SourceConfig, settings: Settings, ctx: RunContext, client: HttpClient | None = None,
                 respect_backoff: bool = True) -> CrawlSummary:
    """Crawl every start point of `source`; returns what was seen. Failures are recorded, not raised."""
    url = settings.warehouse_url
    with session_scope(url) as s:
        register_source(s, source)
        run_id = start_run(s, source, ctx)
        abandon_dead_runs(s, source.id, run_id)
        known = _known_urls(s, source.id, run_id)
    summary = CrawlSummary(source_id=source.id, crawl_run_id=run_id)
    client = client or make_client(source, settings)
    state = load_state(source, settings, client)
    backoff = state.backing_off() if respect_backoff else None
    if backoff:
        summary.blocked = backoff
        _finish(url, source, run_id, summary, "blocked")
        return summary
    c = _Crawl(source, settings, client, RawStore(settings.raw_store_url), state, run_id, known, summary)
    made_before, robots_before = client.requests_made, len(client.robots_log)
    try:
        for start in start_points(source):
            _crawl_start(c, start)
            if summary.blocked:
                break
        if not summary.blocked:
            _retry_failed_details(c)
        status = "blocked" if summary.blocked else ("failed" if summary.errors and not summary.items_seen else "success")
    except Exception as exc:  # record, then let Airflow retry
        summary.errors.append(f"{type(exc).__name__}: {exc}")
        _wrap_up(c, made_before, robots_before)
        _finish(url, source, run_id, summary, "failed")
        raise
    _wrap_up(c, made_before, robots_before)
    _finish(url, source, run_id, summary, status)
    return summary


def _wrap_up(c: _Crawl, made_before: int, robots_before: int) -> None:
    """Record robots.txt fetches, remember robots and the anti-bot verdict, save the state file."""
    c.summary.requests = c.client.requests_made - made_before
    with session_scope(c.settings.warehouse_url) as s:
        for res in c.client.robots_log[robots_before:]:
            record_fetch(s, c.run_id, "robots", res)
    c.state.robots.update(c.client.robots_snapshot())
    if c.summary.blocked:
        c.state.record_block(c.summary.blocked)
    elif c.summary.pages:
        c.state.clear_block()
    c.state.save()


def _memo(c: _Crawl, start: str, trusted: bool) -> PageMemo:
    use_validators = trusted and c.source.incremental.conditional_get
    return PageMemo(conditional=c.state.validators() if use_validators else {},
                    notes=c.state.notes.setdefault(start, {}))


def _crawl_start(c: _Crawl, start: str) -> None:
    """Walk one column; stop early only when the previous crawl of it was complete."""
    trusted = c.state.complete(start) and c.source.incremental.stop_when_known
    pages = get_adapter(c.source.family)(c.client, c.source, start, _memo(c, start, trusted))
    clean, stopped = True, False
    try:
        for page in pages:
            if not _take_page(c, page):
                clean = False
            if c.summary.blocked:
                break
            if trusted and _page_known(c, page):
                c.summary.stopped_early.append(page.url)
                stopped = True
                break
    finally:
        pages.close()
    c.state.finish_start(start, clean and not c.summary.blocked and (not stopped or c.state.complete(start)))


def _page_known(c: _Crawl, page: ListPage) -> bool:
    if page.error:
        return False
    if page.not_modified:
        c.summary.pages_not_modified += 1
        return True
    return bool(page.items) and all(it.url in c.known for it in page.items)


def _take_page(c: _Crawl, page: ListPage) -> bool:
    """Record one list page and its items in one transaction; False if the page failed."""
    if page.limit:  # paging stopped on a limit (max_pages): nothing was fetched; the run's error says so
        c.summary.errors.append(f"{page.url}: {page.limit}")
        return False
    c.summary.pages += 1
    with session_scope(c.settings.warehouse_url) as s:
        record_fetch(s, c.run_id, "list", page.fetch)
        if page.error:
            c.summary.errors.append(f"{page.url}: {page.error}")
            if page.fetch.blocked:
                c.summary.blocked = f"{page.url}: {page.fetch.blocked}"
            return False
        for item in page.items:
            _handle_listed(s, c, item)
            if c.summary.blocked:
                return False
    if page.cacheable and not page.not_modified and page.fetch.method == "GET":
        c.state.remember_page(page.url, page.fetch.headers)
    return True


def _handle_listed(s: Session, c: _Crawl, item: ListedItem) -> None:
    c.summary.items_seen += 1
    if item.url in c.handled:  # listed twice in this run (pages shift while we walk them)
        return
    plan = plan_listed(item, c.source)
    item_id, is_new = _record_item(s, c.source.id, c.run_id, url=item.url, kind=plan.kind, title=item.title,
                                   date=item.date, date_raw=item.date_raw, found_on=item.list_page_url,
                                   status=plan.status, reason=plan.reason, score=plan.verdict.score)
    if not is_new:
        return
    c.handled.add(item.url)
    c.summary.items_new += 1
    if plan.verdict.relevant:
        c.summary.relevant_new += 1
    else:
        c.summary.skipped_new += 1
    if plan.kept_listed:  # attachments named by the listing (JSON APIs) spare the detail request
        _record_attachments(s, c, plan.listed, item_id, item.list_page_url, item.date, item.date_raw)
        row = s.get(DiscoveredItem, item_id)
        row.status = "expanded"
        row.reason = f"{len(plan.kept_listed)} attachment(s) listed with the item; {plan.verdict.reason}"
    elif plan.open_detail:
        _open_detail(s, c, item, item_id, plan.verdict)


def _record_attachments(s: Session, c: _Crawl, judged: list[KeptAttachment], parent_id: int, found_on: str,
                        date: str | None, date_raw: str | None) -> None:
    """Every attachment becomes an item: kept ones `new` (for the download stage), the others `skipped`."""
    for k in judged:
        _record_item(s, c.source.id, c.run_id, url=k.attachment.url, kind="attachment", title=k.attachment.name,
                     date=date, date_raw=date_raw, found_on=found_on,
                     status="new" if k.keep else "skipped", reason=k.reason, parent_id=parent_id, score=k.score)


def _open_detail(s: Session, c: _Crawl, item: ListedItem, item_id: int, verdict: Verdict) -> None:
    """Fetch a detail page: attachments become items; a report typed into the body is stored as HTML."""
    s.commit()  # never hold a write transaction across a network request (SQLite: one writer at a time)
    res = c.client.get(item.url)
    record_fetch(s, c.run_id, "detail", res)
    row = s.get(DiscoveredItem, item_id)
    row.attempts = (row.attempts or 0) + 1
    if not res.ok:
        row.status, row.reason = "failed", f"detail page: {res.error}"
        if res.blocked:
            c.summary.blocked = f"{item.url}: {res.blocked}"
        return
    outcome = expand_detail(res, item, verdict, c.source)
    _apply_outcome(s, c, row, res, item, outcome, verdict)


def _apply_outcome(s: Session, c: _Crawl, row: DiscoveredItem, res: FetchResult, item: ListedItem,
                   outcome: DetailOutcome, verdict: Verdict) -> None:
    if outcome.date and not row.listed_date:
        row.listed_date, row.listed_date_raw = outcome.date, row.listed_date_raw or outcome.date_raw
    if outcome.title:
        row.title = outcome.title
    if outcome.page_score is not None:
        row.page_score = outcome.page_score
    plan = plan_detail(outcome, verdict, row.status)
    page_url = res.final_url or item.url
    row.kind, row.status = plan.kind, plan.status
    if plan.reason is not None:
        row.reason = plan.reason
    _record_attachments(s, c, plan.attachments, row.id, page_url, row.listed_date, row.listed_date_raw)
    if plan.store_response:
        # a document served in place of the page is attributed to the list page; an article to itself
        found_on = item.list_page_url if plan.kind == "attachment" else page_url
        store_document(s, c.store, c.source.id, c.run_id, row, res, page_url=found_on)
        if plan.kind == "article":
            c.summary.articles_stored += 1


def _retry_failed_details(c: _Crawl) -> None:
    """Detail pages that failed earlier (an earlier run, or an earlier try of this one), and those an earlier
    run recorded but never opened because it died, are opened again wherever their list page now is; those
    that failed just now in this process wait for the next run."""
    with session_scope(c.settings.warehouse_url) as s:
        unfinished = or_(
            DiscoveredItem.status == "failed",
            # committed before its detail page was opened, then the process died: not known, unfinished
            and_(DiscoveredItem.status == "new", DiscoveredItem.first_crawl_run_id != c.run_id),
            and_(DiscoveredItem.status == "skipped", DiscoveredItem.attempts == 0,
                 DiscoveredItem.first_crawl_run_id != c.run_id,
                 or_(DiscoveredItem.reason.like("maybe a report%"), DiscoveredItem.reason.like("container title%"),
                     DiscoveredItem.reason.like("title cut short%"))))
        rows = s.execute(select(DiscoveredItem.id, DiscoveredItem.url).where(
            DiscoveredItem.source_id == c.source.id, DiscoveredItem.kind == "detail", unfinished,
            DiscoveredItem.attempts < c.settings.max_attempts)).all()
    for item_id, url in rows:
        if url in c.handled:
            continue
        with session_scope(c.settings.warehouse_url) as s:
            row = s.get(DiscoveredItem, item_id)
            item = ListedItem(url=row.url, title=row.title or "", list_page_url=row.found_on_url or row.url,
                              date=row.listed_date, date_raw=row.listed_date_raw)
            c.summary.details_retried += 1
            _open_detail(s, c, item, item_id, judge_listed(item, c.source))
        if c.summary.blocked:
            return


def mark_blocked(url: str, source_id: str, evidence: str) -> None:
    """Set source.status = blocked with the evidence (used by the download stage too)."""
    with session_scope(url) as s:
        s.execute(update(Source).where(Source.id == source_id).values(status="blocked", status_detail=evidence))


def _finish(url: str, source: SourceConfig, run_id: int, summary: CrawlSummary, status: str) -> None:
    with session_scope(url) as s:
        run = s.get(CrawlRun, run_id)
        run.finished_at = datetime.now(UTC)
        run.status = status
        run.pages_fetched = summary.pages
        run.items_found = summary.items_seen
        run.items_new = summary.items_new
        run.error = "; ".join(([summary.blocked] if summary.blocked else []) + summary.errors)[:4000] or None
        src_status = "blocked" if summary.blocked else ("failing" if status == "failed" else "ok")
        detail = summary.blocked or (run.error if status == "failed" else None)
        if src_status == "ok" and summary.items_seen == 0 and not summary.pages_not_modified:
            # a list that answers but yields nothing is broken selectors or a moved column, not a quiet portal
            before = s.execute(select(func.count()).select_from(DiscoveredItem)
                               .where(DiscoveredItem.source_id == source.id)).scalar() or 0
            src_status = "warning"
            detail = (f"0 items on the list pages this run; {before} items were found before" if before else
                      f"0 items on {summary.pages} list page(s): check the list selectors or the start URL")
        values = {"status": src_status, "status_detail": detail}
        newest = s.execute(select(DiscoveredItem.listed_date).where(DiscoveredItem.source_id == source.id)
                           .order_by(DiscoveredItem.listed_date.desc()).limit(1)).scalar()
        values["watermark_date"] = newest
        s.execute(update(Source).where(Source.id == source.id).values(**values))
