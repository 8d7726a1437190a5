"""Task bodies for the Airflow DAGs, as plain functions (Airflow is never imported here).

Each takes the identifiers it works on plus a RunContext, returns a small
JSON-serialisable dict for XCom, and is safe to re-run: the stages below it
write by natural keys.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from selfeval import lineage
from selfeval.pipeline.context import RunContext
from selfeval.settings import get_settings
from selfeval.sources import schedule
from selfeval.sources.registry import load_sources
from selfeval.warehouse.db import session_scope, upgrade
from selfeval.warehouse.models import CrawlRun

log = logging.getLogger(__name__)

def select_sources(source_id: str | None = None, force: bool = False, now: datetime | None = None) -> list[str]:
    """Source ids to crawl in this run: one named source, or every enabled source that is due at `now`
    (the DAG tick; default the wall clock) by its own schedule (`selfeval.sources.schedule`)."""
    settings = get_settings()
    upgrade(settings.warehouse_url)
    sources = load_sources()
    if source_id:
        if source_id not in {s.id for s in sources}:
            raise KeyError(f"unknown source id {source_id!r}")
        return [source_id]
    now = now or datetime.now(UTC)
    chosen = []
    with session_scope(settings.warehouse_url) as s:
        for src in sources:
            if not src.enabled:
                continue
            last = s.execute(select(CrawlRun.finished_at).where(CrawlRun.source_id == src.id,
                                                                CrawlRun.status == "success")
                             .order_by(CrawlRun.finished_at.desc()).limit(1)).scalar()
            if force or schedule.is_due(src.schedule, last, now):
                chosen.append(src.id)
    return chosen


def host_groups(source_ids: list[str]) -> list[list[str]]:
    """Sources that share a host group (`host_group`, default the first start URL's host) are crawled by one
    task, one after the other: per-host politeness then holds across the sources of one portal, however many
    crawl tasks run in parallel (dynamic task mapping cannot give each mapped task its own pool)."""
    from urllib.parse import urlsplit

    by_id = {s.id: s for s in load_sources()}
    groups: dict[str, list[str]] = {}
    for sid in source_ids:
        src = by_id[sid]
        key = src.host_group or (urlsplit(src.start_urls[0]).hostname or sid)
        groups.setdefault(key, []).append(sid)
    return list(groups.values())


def crawl_group(source_ids: list[str], ctx: RunContext, **kw) -> list[dict]:
    """Crawl each source of a host group; a failure of one does not stop the others, but fails the task
    afterwards so Airflow retries it (re-running the finished sources is idempotent)."""
    results, errors = [], []
    for sid in source_ids:
        try:
            results.append(crawl_and_download(sid, ctx, **kw))
        except Exception as exc:  # noqa: BLE001 - re-raised below, after the other sources ran
            log.exception("source %s failed", sid)
            errors.append(f"{sid}: {type(exc).__name__}: {exc}")
    if errors:
        raise RuntimeError("crawl failed for " + "; ".join(errors))
    return results


def source_line(result: dict) -> str:
    """One line per crawled source for task logs: what was read, what was new, what went wrong."""
    c, d = result["crawl"], result["download"]
    state = "blocked" if (c.get("blocked") or d.get("blocked")) else (
        "failed" if c.get("errors") and not c.get("items_seen") else "ok")
    line = (f"source {c['source_id']}: {state}; {c['pages']} list page(s), {c['items_seen']} item(s) "
            f"({c['items_new']} new, {c['relevant_new']} relevant), downloaded {d['downloaded']}, "
            f"unchanged {d['unchanged']}, failed {d['failed']}, {result.get('requests', 0)} request(s)")
    problems = [c.get("blocked") or d.get("blocked")] if state == "blocked" else c.get("errors", [])[:2]
    return line + (f" - {'; '.join(p for p in problems if p)}" if state != "ok" and problems else "")


class RunVerdict(RuntimeError):
    """A DAG run's last task failing on purpose, so Airflow's run state shows what went wrong earlier in the
    run (Airflow judges a run by its leaf tasks only). Not alerted as a task failure: what it reports was
    alerted already (a failed task's own tries, a source condition when it started)."""

    def __init__(self, summary: str, detail: str = ""):
        super().__init__(summary + (f": {detail}" if detail else ""))
        self.summary = summary  # the one line `airflow dags test` ends with


class SourcesUnhealthy(RunVerdict):
    """The crawl run's verdict: some sources failed or are blocked (their work and the others' is stored)."""


class BatchesFailed(RunVerdict):
    """The process run's verdict: some batches failed after their retries (the others are loaded)."""


def run_health(results: list[dict], groups: list[list[str]] | None = None) -> str:
    """The run's verdict on its sources, after all of them were crawled: a one-line summary, or
    SourcesUnhealthy naming every failing or blocked source, so Airflow's own run state shows it (the other
    sources' work is already stored). `groups` are the host groups the run selected: a source of a group whose
    crawl_source task failed (no result) counts as failed; None means select_sources itself failed."""
    if groups is None:
        raise SourcesUnhealthy("no source crawled: select_sources failed (see its log)")
    lines = [source_line(r) for r in results]
    seen = {r["crawl"]["source_id"] for r in results}
    lines += [f"source {sid}: failed; no result: the crawl_source task of host group {', '.join(group)} failed "
              f"(see its log)" for group in groups for sid in group if sid not in seen]
    for line in lines:
        log.info("%s", line)
    bad = [ln for ln in lines if ": blocked;" in ln or ": failed;" in ln]
    summary = f"{len(lines)} source(s) crawled, {len(bad)} failing or blocked"
    if bad:
        names = ", ".join(ln.split(":", 1)[0].removeprefix("source ") for ln in bad)
        raise SourcesUnhealthy(f"{summary} ({names})", " | ".join(bad))
    return summary


def crawl_and_download(source_id: str, ctx: RunContext, recheck: bool = False, full: bool = False,
                       since: str | None = None, until: str | None = None) -> dict:
    """One source: crawl, then download. `full` walks every list page (backfill) instead of stopping at
    the first known one; `since`/`until` limit this run's downloads to a publish-date window."""
    from selfeval.pipeline.crawl import crawl_source, make_client
    from selfeval.pipeline.download import download_source
    from selfeval.sources.schema import Incremental

    settings = get_settings()
    upgrade(settings.warehouse_url)  # no-op at head; lets the task run on its own (CLI, tests, re-runs)
    source = next(s for s in load_sources() if s.id == source_id)
    if full:
        source = source.model_copy(update={"incremental": Incremental(stop_when_known=False, conditional_get=False)})
    client = make_client(source, settings)
    c = crawl_source(source, settings, ctx, client=client)
    d = download_source(source, settings, ctx, recheck=recheck, client=client, published=(since, until))
    out = {"crawl": asdict(c), "download": asdict(d), "requests": client.requests_made,
           "lineage": {
               "inputs": [lineage.url_dataset(u) for u in source.start_urls],
               "outputs": [lineage.raw_store_dataset(settings.raw_store_url)] + lineage.warehouse_datasets(
                   settings.warehouse_url, ["discovered_item", "fetch", "document", "document_version"]),
           }}
    log.info("%s", source_line(out))
    return out


def plan_batches(batch_size: int = 20, source_id: str | None = None,
                 document_id: int | None = None) -> list[list[int]]:
    """Batches of pending document versions; `document_id` first re-queues that document (re-process)."""
    from selfeval.pipeline.process import batches, pending_versions
    from selfeval.pipeline.reprocess import queue_document

    settings = get_settings()
    upgrade(settings.warehouse_url)
    if document_id is not None:
        return batches(queue_document(settings, int(document_id)), batch_size)
    return batches(pending_versions(settings, source_id=source_id), batch_size)


def process(version_ids: list[int], ctx: RunContext) -> dict:
    from selfeval.pipeline.process import process_batch

    settings = get_settings()
    out = asdict(process_batch(settings, version_ids, ctx))
    out["lineage"] = {
        "inputs": [lineage.raw_store_dataset(settings.raw_store_url)]
        + lineage.warehouse_datasets(settings.warehouse_url, ["document_version"]),
        "outputs": lineage.warehouse_datasets(settings.warehouse_url, [
            "extraction", "report", "field_evidence", "indicator", "validation_result", "load_batch"]),
    }
    return out


def process_verdict(planned: list[list[int]] | None, results: list[dict], counts: dict) -> str:
    """The process run's one-line summary; BatchesFailed when a planned batch has no result (its
    process_batch task failed), so the run fails in Airflow although `summarise` itself ran."""
    done = sum(r["documents"] for r in results)
    line = (f"{done} document version(s) processed in {len(results)} batch(es): "
            f"{sum(r['reports'] for r in results)} report(s) loaded, {sum(r['failed'] for r in results)} failed; "
            f"warehouse: {counts.get('reports_current', 0)} current report(s), "
            f"{counts.get('reports_quarantined', 0)} quarantined")
    if planned is None:
        raise BatchesFailed("nothing processed: plan failed (see its log)")
    missing = len(planned) - len(results)
    if missing > 0:
        raise BatchesFailed(f"{line}; {missing} of {len(planned)} batch(es) FAILED (see the process_batch logs)")
    return line


def summarise() -> dict:
    from selfeval.pipeline.summary import warehouse_counts

    settings = get_settings()
    counts = warehouse_counts(settings.warehouse_url)
    counts["warehouse_url"] = settings.warehouse_url
    return counts


def source_alerts(silent_periods: int | None = None, changes_only: bool = True) -> list:
    """Alerts for sources that are blocked, failing, or silent for N expected periods (SELFEVAL_SILENT_PERIODS)
    and for invalid source files: by default only the conditions that started or ended since the last call
    (`selfeval.alerts.state`), never for disabled sources."""

    from selfeval.alerts import source_health_alerts, with_links
    from selfeval.alerts.state import changes

    settings = get_settings()
    periods = silent_periods or settings.silent_periods
    sources = load_sources(strict=False)
    schedules = {s.id: s.schedule for s in sources if s.enabled}
    current = [a for a in source_health_alerts(settings.warehouse_url, schedules, periods)
               if a.details.get("source_id") in schedules] + registry_alerts()
    if changes_only:
        current = changes(settings.warehouse_url, current, set(schedules))
    return with_links(current, settings.alert_base_url)  # links readers can open (SELFEVAL_ALERT_BASE_URL)


def registry_alerts() -> list:
    """One alert per source file that does not validate (its sources are skipped; the others still crawl)."""
    from selfeval.alerts import Alert
    from selfeval.sources.registry import check_sources

    settings = get_settings()
    _, problems = check_sources(settings.sources or Path("sources"))
    by_file: dict[str, list[str]] = {}
    for p in problems:
        by_file.setdefault(p.file, []).append(f"{p.key}: {p.message}")
    return [Alert("source_config_invalid", f"[selfeval] source file {Path(f).name} is invalid and skipped",
                  "\n".join(msgs), {"file": f}) for f, msgs in by_file.items()]
