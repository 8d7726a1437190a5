"""Read-only queries behind the UI pages. Plain dicts out, no HTML, no Airflow.

Every function takes the warehouse URL; they work on SQLite and PostgreSQL alike
(SQLAlchemy Core over the BI views, ORM for the detail pages).
"""

from __future__ import annotations

import math
import mimetypes
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import func, or_, select

from selfeval.model import REPORT_FIELDS
from selfeval.sources import schedule as schedules
from selfeval.ui.i18n import Msg
from selfeval.warehouse.db import session_scope
from selfeval.warehouse.models import (
    CrawlRun,
    Document,
    DocumentVersion,
    Extraction,
    Fetch,
    FieldEvidence,
    Indicator,
    Report,
    Source,
    ValidationResult,
)
from selfeval.warehouse.views import view_table

RUNS_IN_CHART = 30
PAGE_SIZES = (25, 50, 100, 200)
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")

V_REPORT = view_table("v_report")
V_QUARANTINE = view_table("v_quarantine")
V_SOURCE_HEALTH = view_table("v_source_health")

SORTS = {
    "loaded": V_REPORT.c.loaded_at, "year": V_REPORT.c.fiscal_year, "score": V_REPORT.c.self_score,
    "department": V_REPORT.c.department, "province": V_REPORT.c.province, "id": V_REPORT.c.report_id,
}

class NotFound(KeyError):
    """The requested row does not exist."""


def as_utc(value: Any) -> datetime | None:
    """Datetimes come back naive (SQLite) or as strings (SQLite views); all are UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return None


# --- sources -----------------------------------------------------------------------------------------

@dataclass
class DagInfo:
    """What the Airflow metadata DB says about the crawl DAG (filled by the plugin, optional)."""

    dag_id: str = "selfeval_crawl"
    is_paused: bool | None = None
    next_run_after: datetime | None = None
    schedule: str | None = None  # timetable summary, e.g. "@hourly"
    scheduler_heartbeat: datetime | None = None  # latest heartbeat of a running scheduler (None: none seen)
    heartbeat_known: bool = False  # the metadata DB was asked (False: no Airflow here, nothing to warn about)

    def crawl_warning(self, now: datetime | None = None) -> str | None:
        """Why a 'Crawl now' run would queue without starting: the DAG is paused, or no scheduler is alive."""
        if self.is_paused:
            return Msg("the {dag_id} DAG is paused: a triggered run waits until it is unpaused", dag_id=self.dag_id)
        if self.heartbeat_known:
            now = now or datetime.now(UTC)
            beat = as_utc(self.scheduler_heartbeat)
            if beat is None:
                return Msg("no scheduler is running: a triggered run is queued but will not start")
            if now - beat > timedelta(minutes=2):
                return Msg("no scheduler heartbeat since {since} UTC: a triggered run may not start",
                           since=f"{beat:%Y-%m-%d %H:%M}")
        return None


@dataclass
class NextRun:
    at: datetime | None
    label: str  # a status word (the badge)
    detail: str = ""  # a Msg: English text, translated by the templates


def next_scheduled_run(schedule: str, enabled: bool, last_success: datetime | None, dag: DagInfo | None,
                       now: datetime | None = None) -> NextRun:
    """When the crawl DAG will next pick this source: its own schedule gates the DAG's ticks."""
    now = now or datetime.now(UTC)
    if not enabled:
        return NextRun(None, "disabled", Msg("enabled: false in the source registry"))
    if schedule == "@once" and last_success is not None:
        return NextRun(None, "not scheduled", Msg("@once source, already crawled"))
    due = max(now, schedules.next_due(schedule, last_success, now) or now)
    if dag is None or dag.next_run_after is None:
        label = "due now" if due <= now + timedelta(minutes=1) else "estimated"
        detail = (Msg("source schedule {schedule}; DAG schedule unknown", schedule=schedule) if dag is None
                  else Msg("source schedule {schedule}; DAG has no next run", schedule=schedule))
        return NextRun(due, label, detail)
    tick = as_utc(dag.next_run_after)
    if tick is not None and due > tick:
        tick = schedules.first_fire_at_or_after(dag.schedule, tick, due)
    if dag.is_paused:
        return NextRun(tick, "paused", Msg("source schedule {schedule}; DAG {dag_id} is paused",
                                           schedule=schedule, dag_id=dag.dag_id))
    return NextRun(tick, "scheduled", Msg("source schedule {schedule}", schedule=schedule))


def _source_registry() -> dict[str, Any]:
    """Registry configs by id (schedule, enabled); empty if the registry cannot be read here."""
    try:
        from selfeval.sources.registry import load_sources

        return {s.id: s for s in load_sources(strict=False)}
    except Exception:  # the UI must render even if SELFEVAL_SOURCES is not set in this process
        return {}


def list_sources(url: str, dag: DagInfo | None = None, now: datetime | None = None,
                 only: str | None = None) -> list[dict[str, Any]]:
    """Warehouse sources (health, recent runs, last problem) plus registry sources never crawled yet."""
    registry = _source_registry()
    if only is not None:
        registry = {k: v for k, v in registry.items() if k == only}
    with session_scope(url) as s:
        health = {r.source_id: r._asdict() for r in s.execute(select(V_SOURCE_HEALTH))}
        reports = dict(s.execute(
            select(Document.source_id, func.count(Report.id))
            .join(DocumentVersion, DocumentVersion.document_id == Document.id)
            .join(Report, Report.document_version_id == DocumentVersion.id)
            .where(Report.is_current.is_(True)).group_by(Document.source_id)).all())
        quarantined = dict(s.execute(
            select(Document.source_id, func.count(Report.id))
            .join(DocumentVersion, DocumentVersion.document_id == Document.id)
            .join(Report, Report.document_version_id == DocumentVersion.id)
            .where(Report.is_current.is_(True), Report.validation_status == "quarantined")
            .group_by(Document.source_id)).all())
        rows = []
        seen = set()
        sources_q = select(Source).order_by(Source.id)
        if only is not None:
            sources_q = sources_q.where(Source.id == only)
        for src in s.execute(sources_q).scalars():
            seen.add(src.id)
            cfg = registry.get(src.id)
            config = src.config or {}
            schedule = cfg.schedule if cfg else config.get("schedule", "@daily")
            enabled = cfg.enabled if cfg else bool(config.get("enabled", True))
            h = health.get(src.id, {})
            runs = _recent_runs(s, src.id, RUNS_IN_CHART)
            last_success = as_utc(h.get("last_success_at"))
            rows.append({
                "id": src.id, "name": src.name, "family": src.family,
                "region": " ".join(x for x in (src.province, src.city, src.county) if x),
                "status": src.status or "ok", "status_detail": src.status_detail,
                "watermark_date": src.watermark_date, "schedule": schedule, "enabled": enabled,
                "in_registry": cfg is not None or not registry,
                "last_success_at": last_success, "last_crawl_at": as_utc(h.get("last_crawl_at")),
                "crawl_runs": h.get("crawl_runs") or 0, "failed_runs": h.get("failed_runs") or 0,
                "items_found": h.get("items_found") or 0, "items_failed": h.get("items_failed") or 0,
                "documents": h.get("documents") or 0, "reports": reports.get(src.id, 0),
                "quarantined": quarantined.get(src.id, 0),
                "runs": list(reversed(runs)),  # oldest first, for the chart
                "last_problem": _last_problem(s, src.id),
                "next_run": next_scheduled_run(schedule, enabled, last_success, dag, now),
            })
    for sid, cfg in sorted(registry.items()):
        if sid in seen:
            continue
        region = cfg.region
        rows.append({
            "id": sid, "name": cfg.name, "family": cfg.family,
            "region": " ".join(x for x in (region.province, region.city, region.county) if x),
            "status": "new", "status_detail": Msg("never crawled"), "watermark_date": None,
            "schedule": cfg.schedule, "enabled": cfg.enabled, "in_registry": True,
            "last_success_at": None, "last_crawl_at": None, "crawl_runs": 0, "failed_runs": 0, "items_found": 0,
            "items_failed": 0, "documents": 0, "reports": 0, "quarantined": 0, "runs": [], "last_problem": None,
            "next_run": next_scheduled_run(cfg.schedule, cfg.enabled, None, dag, now),
        })
    rank = {"failing": 0, "blocked": 1, "warning": 2, "ok": 3, "new": 4}  # problems first
    return sorted(rows, key=lambda r: (rank.get(r["status"], 2), not r["enabled"], r["id"]))


def _run_dict(c: CrawlRun) -> dict[str, Any]:
    started, finished = as_utc(c.started_at), as_utc(c.finished_at)
    return {
        "id": c.id, "status": c.status, "started_at": started, "finished_at": finished,
        "duration_s": (finished - started).total_seconds() if started and finished else None,
        "pages_fetched": c.pages_fetched or 0, "items_found": c.items_found or 0, "items_new": c.items_new or 0,
        "error": c.error, "dag_id": c.dag_id, "dag_run_id": c.dag_run_id, "task_id": c.task_id,
        "try_number": c.try_number,
    }


def _recent_runs(s, source_id: str, limit: int) -> list[dict[str, Any]]:
    q = (select(CrawlRun).where(CrawlRun.source_id == source_id)
         .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc()).limit(limit))
    return [_run_dict(c) for c in s.execute(q).scalars()]


def _last_problem(s, source_id: str) -> dict[str, Any] | None:
    """The newest failed or blocked run, with the failing requests as evidence."""
    c = s.execute(select(CrawlRun).where(CrawlRun.source_id == source_id,
                                         CrawlRun.status.in_(("failed", "blocked")))
                  .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc()).limit(1)).scalar()
    if c is None:
        return None
    fetches = s.execute(select(Fetch).where(Fetch.crawl_run_id == c.id, Fetch.error.is_not(None))
                        .order_by(Fetch.id).limit(5)).scalars().all()
    out = _run_dict(c)
    out["fetches"] = [{"url": f.url, "status_code": f.status_code, "error": f.error, "purpose": f.purpose,
                       "fetched_at": as_utc(f.fetched_at)} for f in fetches]
    return out


def source_detail(url: str, source_id: str, dag: DagInfo | None = None, limit: int = 200) -> dict[str, Any]:
    rows = list_sources(url, dag, only=source_id)
    if not rows:
        raise NotFound(source_id)
    row = rows[0]
    with session_scope(url) as s:
        row["all_runs"] = _recent_runs(s, source_id, limit)
        src = s.get(Source, source_id)
        row["config"] = src.config if src else None
    return row


# --- reports -----------------------------------------------------------------------------------------

@dataclass
class ReportFilter:
    q: str = ""
    province: str = ""
    year: int | None = None
    type: str = ""
    status: str = ""
    source: str = ""
    sort: str = "loaded"
    desc: bool = True
    page: int = 1
    size: int = 50

    def params(self, **override: Any) -> dict[str, Any]:
        """Query-string parameters (non-defaults only) with some overridden."""
        values = {"q": self.q, "province": self.province, "year": self.year, "type": self.type,
                  "status": self.status, "source": self.source, "sort": self.sort,
                  "order": "desc" if self.desc else "asc", "page": self.page, "size": self.size}
        values.update(override)
        defaults = {"sort": "loaded", "order": "desc", "page": 1, "size": 50}
        return {k: v for k, v in values.items() if v not in (None, "") and defaults.get(k) != v}


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass
class ReportPage:
    rows: list[dict[str, Any]]
    total: int
    filter: ReportFilter
    facets: dict[str, list[Any]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.filter.size))

    @property
    def first(self) -> int:
        return 0 if self.total == 0 else (self.filter.page - 1) * self.filter.size + 1

    @property
    def last(self) -> int:
        return min(self.total, self.filter.page * self.filter.size)


def report_rows(url: str, f: ReportFilter, limit: int = 100_000) -> list[dict[str, Any]]:
    """Every v_report row matching the filter, in the list's order (the Reports page's CSV download)."""
    v = V_REPORT.c
    sort_col = SORTS.get(f.sort, SORTS["loaded"])
    order = [sort_col.desc() if f.desc else sort_col.asc(), v.report_id.desc()]
    with session_scope(url) as s:
        return [r._asdict() for r in s.execute(select(V_REPORT).where(*_report_conditions(f)).order_by(*order)
                                                .limit(limit))]


def _report_conditions(f: ReportFilter) -> list[Any]:
    v = V_REPORT.c
    conds = []
    if f.q.strip():
        like = _like(f.q.strip())
        conds.append(or_(*[col.ilike(like, escape="\\") for col in
                           (v.title, v.department, v.city, v.county, v.township, v.document_url)]))
    if f.province:
        conds.append(v.province == f.province)
    if f.year is not None:
        conds.append(v.fiscal_year == f.year)
    if f.type:
        conds.append(v.report_type == f.type)
    if f.status:
        conds.append(v.validation_status == f.status)
    if f.source:
        conds.append(v.source_id == f.source)
    return conds


def search_reports(url: str, f: ReportFilter) -> ReportPage:
    v = V_REPORT.c
    conds = _report_conditions(f)
    f.size = f.size if f.size in PAGE_SIZES else 50
    sort_col = SORTS.get(f.sort, SORTS["loaded"])
    order = [sort_col.desc() if f.desc else sort_col.asc(), v.report_id.desc()]
    with session_scope(url) as s:
        total = int(s.execute(select(func.count()).select_from(V_REPORT).where(*conds)).scalar() or 0)
        pages = max(1, math.ceil(total / f.size))
        f.page = min(max(1, f.page), pages)
        rows = [r._asdict() for r in s.execute(
            select(V_REPORT).where(*conds).order_by(*order).limit(f.size).offset((f.page - 1) * f.size))]
        facets = {
            "province": [r[0] for r in s.execute(select(v.province).distinct().where(v.province.is_not(None))
                                                 .order_by(v.province))],
            "year": [r[0] for r in s.execute(select(v.fiscal_year).distinct().where(v.fiscal_year.is_not(None))
                                             .order_by(v.fiscal_year.desc()))],
            "type": [r[0] for r in s.execute(select(v.report_type).distinct().order_by(v.report_type))],
            "status": [r[0] for r in s.execute(select(v.validation_status).distinct()
                                               .order_by(v.validation_status))],
        }
    for r in rows:
        r["loaded_at"] = as_utc(r["loaded_at"])
        r["fetched_at"] = as_utc(r["fetched_at"])
    return ReportPage(rows=rows, total=total, filter=f, facets=facets)


def _version_row(r: Report, dv: DocumentVersion, doc: Document) -> dict[str, Any]:
    return {
        "id": r.id, "title": r.title, "department": r.department, "fiscal_year": r.fiscal_year,
        "report_type": r.report_type, "part": r.part, "extractor_version": r.extractor_version,
        "validation_status": r.validation_status, "is_current": r.is_current, "valid_from": as_utc(r.valid_from),
        "valid_to": as_utc(r.valid_to), "loaded_at": as_utc(r.loaded_at), "self_score": r.self_score,
        "document_version_id": dv.id, "sha256": dv.sha256, "fetched_at": as_utc(dv.fetched_at),
        "document_url": doc.url, "file_name": dv.file_name, "same_document": None,
    }


def report_detail(url: str, report_id: int) -> dict[str, Any]:
    with session_scope(url) as s:
        r = s.get(Report, report_id)
        if r is None:
            raise NotFound(report_id)
        dv = s.get(DocumentVersion, r.document_version_id)
        doc = s.get(Document, dv.document_id)
        src = s.get(Source, doc.source_id)
        ext = s.get(Extraction, r.extraction_id)
        evidence = {e.field: {"page": e.page, "start": e.char_start, "end": e.char_end, "snippet": e.snippet,
                              "cell": e.cell, "note": e.note}
                    for e in s.execute(select(FieldEvidence).where(FieldEvidence.report_id == r.id)).scalars()}
        fields = []
        for name in REPORT_FIELDS:
            fields.append({"name": name, "value": getattr(r, name, None), "evidence": evidence.pop(name, None)})
        for name, ev in sorted(evidence.items()):  # evidence for fields outside REPORT_FIELDS
            fields.append({"name": name, "value": None, "evidence": ev})
        rank = {"failed": 0, "skipped": 2, "passed": 3}
        results = sorted(
            ({"rule_id": v.rule_id, "severity": v.severity, "status": v.status, "message": v.message,
              "values": v.values} for v in
             s.execute(select(ValidationResult).where(ValidationResult.report_id == r.id)).scalars()),
            key=lambda x: (rank.get(x["status"], 1), x["severity"] != "error", x["rule_id"]))
        indicators = [{"row_no": i.row_no, "level1": i.level1, "level2": i.level2, "level3": i.level3,
                       "target": i.target, "actual": i.actual, "weight": i.weight, "score": i.score}
                      for i in s.execute(select(Indicator).where(Indicator.report_id == r.id)
                                         .order_by(Indicator.row_no)).scalars()]
        same = [DocumentVersion.document_id == doc.id]
        if r.department and r.fiscal_year is not None:
            same.append(sa.and_(Report.department == r.department, Report.fiscal_year == r.fiscal_year))
        versions = []
        for other, odv, odoc in s.execute(
                select(Report, DocumentVersion, Document)
                .join(DocumentVersion, DocumentVersion.id == Report.document_version_id)
                .join(Document, Document.id == DocumentVersion.document_id)
                .where(or_(*same), Report.id != r.id)
                .order_by(Report.loaded_at.desc(), Report.id.desc())):
            row = _version_row(other, odv, odoc)
            row["same_document"] = odoc.id == doc.id
            versions.append(row)
        return {
            "report": {**_version_row(r, dv, doc), "grade_band": r.grade_band, "extra": r.extra or {},
                       "dag_id": r.dag_id, "dag_run_id": r.dag_run_id, "task_id": r.task_id,
                       "try_number": r.try_number, "province": r.province, "city": r.city, "county": r.county},
            "fields": fields,
            "results": results,
            "counts": {k: sum(1 for x in results if x["status"] == k) for k in ("failed", "passed", "skipped")},
            "indicators": indicators,
            "versions": versions,
            "document": {"id": doc.id, "url": doc.url, "page_url": doc.page_url, "title": doc.title,
                         "publish_date": doc.publish_date, "source_id": doc.source_id,
                         "source_name": src.name if src else doc.source_id},
            "version": {"id": dv.id, "sha256": dv.sha256, "size": dv.size, "content_type": dv.content_type,
                        "file_name": dv.file_name, "fetched_at": as_utc(dv.fetched_at), "status": dv.status},
            "extraction": None if ext is None else {
                "format": ext.format, "engine": ext.engine, "pages": ext.pages, "ocr": ext.ocr,
                "document_type": ext.document_type, "duration_s": ext.duration_s},
        }


# --- lineage -----------------------------------------------------------------------------------------

def report_lineage(url: str, report_id: int) -> dict[str, Any]:
    """The warehouse lineage chain plus the crawl run's timing and the source's name."""
    from selfeval.warehouse.lineage import lineage

    try:
        chain = lineage(url, report_id)
    except KeyError as exc:
        raise NotFound(report_id) from exc
    with session_scope(url) as s:
        crawl = s.get(CrawlRun, chain["crawl_run"]["id"])
        src = s.get(Source, crawl.source_id)
        chain["crawl_run"].update({"started_at": as_utc(crawl.started_at), "finished_at": as_utc(crawl.finished_at),
                                   "items_found": crawl.items_found, "items_new": crawl.items_new,
                                   "source_name": src.name if src else crawl.source_id})
        dv = s.get(DocumentVersion, chain["document_version"]["id"])
        chain["document_version"].update({"content_type": dv.content_type, "crawl_run_id": dv.crawl_run_id})
    return chain


# --- quarantine --------------------------------------------------------------------------------------

def quarantine(url: str) -> list[dict[str, Any]]:
    """Quarantined current reports, each with its failed error rules."""
    q = V_QUARANTINE.c
    out: dict[int, dict[str, Any]] = {}
    with session_scope(url) as s:
        for r in s.execute(select(V_QUARANTINE).order_by(q.loaded_at.desc(), q.report_id.desc(), q.rule_id)):
            row = out.setdefault(r.report_id, {
                "report_id": r.report_id, "title": r.title, "department": r.department,
                "fiscal_year": r.fiscal_year, "document_url": r.document_url, "source_id": r.source_id,
                "loaded_at": as_utc(r.loaded_at), "rules": []})
            values = r.rule_values
            if isinstance(values, str):  # SQLite returns the JSON column of a view as text
                import json

                try:
                    values = json.loads(values)
                except ValueError:
                    pass
            row["rules"].append({"rule_id": r.rule_id, "severity": r.severity, "message": r.message,
                                 "values": values})
    return list(out.values())


# --- raw documents -----------------------------------------------------------------------------------

@dataclass
class RawDocument:
    sha256: str
    file_name: str
    content_type: str
    size: int
    path: Path | None  # a local file (FileResponse), else stream from `store`
    store: Any = None

    def chunks(self, size: int = 1 << 20) -> Iterator[bytes]:
        with self.store.fs.open(self.store.uri_for(self.sha256), "rb") as fh:
            while chunk := fh.read(size):
                yield chunk


def raw_document(url: str, raw_store: str | Path, sha256: str) -> RawDocument:
    """The stored bytes of a known document version (never an arbitrary path): local disk or S3/MinIO."""
    sha256 = sha256.lower()
    if not SHA256_RE.match(sha256):
        raise NotFound(sha256)
    with session_scope(url) as s:
        dv = s.execute(select(DocumentVersion).where(DocumentVersion.sha256 == sha256)
                       .order_by(DocumentVersion.id).limit(1)).scalar()
        if dv is None:
            raise NotFound(sha256)
        name, ctype, stored, size = dv.file_name, dv.content_type, dv.storage_path, dv.size
    from selfeval.store import RawStore

    store = RawStore(raw_store)
    path: Path | None = None
    if store.local:
        path = store.path_for(sha256)
        if not path.is_file() and stored and "://" not in stored and Path(stored).name == sha256 \
                and Path(stored).is_file():
            path = Path(stored)  # written under another data dir; the name is still the content hash
        if not path.is_file():
            raise NotFound(sha256)
    elif not store.exists(sha256):
        raise NotFound(sha256)
    ctype = (ctype or "").strip() or mimetypes.guess_type(name or "")[0] or "application/octet-stream"
    name = (name or sha256[:16]).replace("/", "_").replace("\\", "_")
    if not Path(name).suffix:
        name += mimetypes.guess_extension(ctype.split(";")[0].strip()) or ""
    return RawDocument(sha256=sha256, file_name=name, content_type=ctype, size=size, path=path,
                       store=None if store.local else store)


def warehouse_ready(url: str) -> bool:
    """True when the warehouse schema (with its views) exists."""
    try:
        with session_scope(url) as s:
            s.execute(select(func.count()).select_from(V_REPORT)).scalar()
        return True
    except sa.exc.SQLAlchemyError:
        return False
