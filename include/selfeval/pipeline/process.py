"""Process stage: pending document versions → extraction → understanding → validation → warehouse.

Work is batched (one write transaction per batch). Every document version ends
`processed`, `not_report` or `failed` with a reason; failures are retried on the
next run up to SELFEVAL_MAX_ATTEMPTS. Re-running a batch rewrites the same rows by their
natural keys, so nothing is duplicated.

A batch reads what it needs in a short transaction, then extracts, understands and validates
its documents with no transaction open, and writes everything in one transaction at the end:
the warehouse is never locked while a document is being read (SQLite has one writer at a time,
so two batches running side by side, as the process DAG runs them, would otherwise wait for
each other's extractions and fail with "database is locked" after the busy timeout).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from selfeval.model import (
    REPORT_FIELDS,
    ExtractedDocument,
    ReportRecord,
    RuleOutcome,
    Understanding,
    grade_band,
)
from selfeval.pipeline.context import RunContext
from selfeval.settings import Settings
from selfeval.store import RawStore
from selfeval.store.atomic import write_atomic
from selfeval.warehouse.db import session_scope
from selfeval.warehouse.load import ReportLoad, write_reports
from selfeval.warehouse.models import (
    Document,
    DocumentVersion,
    Extraction,
    FieldEvidence,
    Indicator,
    LoadBatch,
    Report,
    Source,
    ValidationResult,
)
from selfeval.warehouse.upsert import upsert

log = logging.getLogger(__name__)
REPORT_TYPES_LOADED = {"department_overall", "project", "self_eval_table"}


@dataclass
class ProcessSummary:
    batch_key: str
    documents: int = 0
    reports: int = 0
    not_reports: int = 0
    failed: int = 0
    quarantined: int = 0
    failures: list[str] = field(default_factory=list)


def extractor_version() -> str:
    """Text engine + field-reading versions: the key under which a document's reports are stored."""
    from selfeval.extract import ENGINE_VERSION
    from selfeval.understand.version import UNDERSTAND_VERSION

    return f"{ENGINE_VERSION} + understand {UNDERSTAND_VERSION}"


def pending_versions(settings: Settings, *, source_id: str | None = None, limit: int | None = None,
                     include_failed: bool = True) -> list[int]:
    statuses = ["pending"] + (["failed"] if include_failed else [])
    with session_scope(settings.warehouse_url) as s:
        q = (select(DocumentVersion.id).join(Document, Document.id == DocumentVersion.document_id)
             .where(DocumentVersion.status.in_(statuses), DocumentVersion.attempts < settings.max_attempts)
             .order_by(DocumentVersion.id))
        if source_id:
            q = q.where(Document.source_id == source_id)
        if limit:
            q = q.limit(limit)
        return [r[0] for r in s.execute(q)]


def batches(ids: list[int], size: int) -> list[list[int]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


# --- extraction (cached per sha256 + extractor version) --------------------------------------------

def _text_cache(settings: Settings, sha: str, version: str) -> Path:
    return settings.data_dir / "text" / sha[:2] / f"{sha}.{version}.json"


def extract_version(settings: Settings, dv: DocumentVersion | _Work, version: str) -> ExtractedDocument:
    """Extract in an isolated subprocess; the result is cached so re-runs do not redo the work."""
    cache = _text_cache(settings, dv.sha256, version)
    if cache.is_file():
        return ExtractedDocument.from_dict(json.loads(cache.read_text(encoding="utf-8")))
    from selfeval.extract import extract_isolated

    with RawStore(settings.raw_store_url).local_path(dv.sha256) as path:
        doc = extract_isolated(path, name_hint=dv.file_name, content_type=dv.content_type,
                               timeout_s=settings.extract_timeout_s)
    write_atomic(cache, json.dumps(doc.to_dict(), ensure_ascii=False))
    return doc


# --- one document version ---------------------------------------------------------------------------

@dataclass
class _Work:
    """One document version's work: read in a short transaction, done with no transaction open (extraction in
    its child process, understanding, validation), and written in the batch's one write transaction."""

    version_id: int
    sha256: str
    file_name: str | None
    content_type: str | None
    context: dict[str, Any]
    extraction: dict[str, Any] = field(default_factory=dict)  # the extraction row's values
    error: str | None = None  # the extraction failed (ExtractionError): the version fails with this reason
    crash: str | None = None  # anything else raised (a bug): failed as "processing: …", the batch goes on
    verdict: Understanding | None = None
    page_date: str | None = None  # the page's own publish date, for a document the list gave none
    checked: list[tuple[ReportRecord, list[RuleOutcome], str]] = field(default_factory=list)


def _context_for(s: Session, dv: DocumentVersion) -> dict[str, Any]:
    doc = s.get(Document, dv.document_id)
    src = s.get(Source, doc.source_id)
    return {
        "title": doc.title,
        "publish_date": doc.publish_date,
        "file_name": dv.file_name,
        "source_region": {"province": src.province, "city": src.city, "county": src.county},
        "crawl_time": dv.fetched_at.isoformat() if dv.fetched_at else None,
    }


def _extraction_values(w: _Work, version: str, doc: ExtractedDocument | None, error: str | None,
                       verdict: Understanding | None, text_path: str | None) -> dict[str, Any]:
    return {
        "sha256": w.sha256, "extractor_version": version, "status": "ok" if doc else "failed",
        "error": error, "format": doc.format if doc else None, "engine": doc.engine if doc else None,
        "pages": doc.page_count if doc else None, "ocr": bool(doc and doc.ocr),
        "duration_s": doc.duration_s if doc else None, "warnings": list(doc.warnings) if doc else [],
        "is_self_eval": verdict.is_self_eval if verdict else None,
        "document_type": verdict.document_type if verdict else None, "text_path": text_path,
        "created_at": datetime.now(UTC),
    }


def read_work(s: Session, version_ids: list[int]) -> list[_Work]:
    """The versions of the batch still to process, with what their work needs from the warehouse."""
    out = []
    for vid in version_ids:
        dv = s.get(DocumentVersion, vid)
        if dv is None or dv.status not in ("pending", "failed"):
            continue
        out.append(_Work(dv.id, dv.sha256, dv.file_name, dv.content_type, _context_for(s, dv)))
    return out


def do_work(settings: Settings, w: _Work, version: str) -> _Work:
    """Extract, understand and validate one version (no warehouse access); failures are kept on `w`."""
    from selfeval.extract import ExtractionError
    from selfeval.understand import understand
    from selfeval.validate import validate_report, validation_status

    try:
        try:
            doc = extract_version(settings, w, version)
        except ExtractionError as exc:
            w.error = exc.reason
            w.extraction = _extraction_values(w, version, None, exc.reason, None, None)
            return w
        verdict = understand(doc, w.context)
        page_date = verdict.page_meta.get("publish_date")
        if page_date and not w.context.get("publish_date"):
            # the list page gave no date: the page's own 发布日期 is the document's publish date
            w.page_date = w.context["publish_date"] = page_date
        w.verdict = verdict
        w.extraction = _extraction_values(w, version, doc, None, verdict,
                                          str(_text_cache(settings, w.sha256, version)))
        reports = [r for r in verdict.reports if r.fields.get("report_type") in REPORT_TYPES_LOADED]
        if verdict.is_self_eval:
            for rec in reports:
                outcomes = validate_report(rec, doc, w.context)
                w.checked.append((rec, outcomes, validation_status(outcomes)))
    except Exception as exc:  # a bug on one document must not lose it or the batch
        log.exception("processing document version %s failed", w.version_id)
        w.crash = f"{type(exc).__name__}: {exc}"
    return w


def _record_extraction(s: Session, values: dict[str, Any]) -> int:
    return upsert(s, Extraction, values, keys=["sha256", "extractor_version"])


def write_work(s: Session, dv: DocumentVersion, w: _Work, version: str, batch_id: int, ctx: RunContext,
               summary: ProcessSummary) -> list[ReportLoad]:
    """Record one version's outcome; return the rows to load (none if not a report)."""
    dv.attempts += 1
    if w.error is not None:
        _record_extraction(s, w.extraction)
        dv.status, dv.status_reason = "failed", f"extraction: {w.error}"
        summary.failed += 1
        summary.failures.append(f"version {dv.id} ({dv.file_name}): {w.error}")
        return []
    verdict = w.verdict
    document = s.get(Document, dv.document_id)
    if w.page_date and not document.publish_date:
        document.publish_date = w.page_date
    extraction_id = _record_extraction(s, w.extraction)
    if not w.checked:
        dv.status = "not_report"
        dv.status_reason = "; ".join(verdict.reasons) or f"classified {verdict.document_type}"
        summary.not_reports += 1
        return []
    loads = []
    for rec, outcomes, status in w.checked:
        loads.append(_report_load(dv, rec, outcomes, status, extraction_id, version, batch_id, ctx))
        summary.quarantined += status == "quarantined"
    summary.reports += len(loads)
    dv.status, dv.status_reason = "processed", f"{len(loads)} report(s), document type {verdict.document_type}"
    return loads


def _report_load(dv: DocumentVersion, rec: ReportRecord, outcomes: list[RuleOutcome], status: str,
                 extraction_id: int, version: str, batch_id: int, ctx: RunContext) -> ReportLoad:
    f = rec.fields
    now = datetime.now(UTC)
    values: dict[str, Any] = {k: f.get(k) for k in REPORT_FIELDS}
    values.update({
        "document_version_id": dv.id, "part": rec.part, "extractor_version": version,
        "extraction_id": extraction_id, "report_type": f.get("report_type") or "other",
        "grade_band": rec.extra.get("grade_band") or grade_band(f.get("self_score")),
        "validation_status": status, "extra": _jsonable({**rec.extra, "warnings": rec.warnings}),
        "is_current": True, "valid_from": now, "valid_to": None, "load_batch_id": batch_id,
        "dag_id": ctx.dag_id, "dag_run_id": ctx.dag_run_id, "task_id": ctx.task_id,
        "try_number": ctx.try_number, "loaded_at": now,
    })
    if values["fiscal_year"] is not None:
        values["fiscal_year"] = int(values["fiscal_year"])
    evidence = [{"field": name, "page": ev.page, "char_start": ev.start, "char_end": ev.end,
                 "snippet": ev.snippet, "cell": ev.cell, "note": ev.note} for name, ev in rec.evidence.items()]
    indicators = [{"level1": i.level1, "level2": i.level2, "level3": i.level3, "target": i.target,
                   "actual": i.actual, "weight": i.weight, "score": i.score} for i in rec.indicators]
    rules = [{"rule_id": o.rule_id, "severity": o.severity, "status": o.status, "message": o.message,
              "values": _jsonable(o.values)} for o in outcomes]
    return ReportLoad(values=values, evidence=evidence, indicators=indicators, outcomes=rules)


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def _drop_stale_reports(s: Session, dv_id: int, version: str, keep: list[int]) -> None:
    """A re-extraction that finds fewer reports in a document removes the extra rows of that run."""
    stale = select(Report.id).where(Report.document_version_id == dv_id, Report.extractor_version == version,
                                    Report.id.not_in(keep or [-1]))
    for child in (FieldEvidence, Indicator, ValidationResult):
        s.execute(child.__table__.delete().where(child.report_id.in_(stale)))
    s.execute(Report.__table__.delete().where(Report.id.in_(stale)))


def _settle_current(s: Session, dv: DocumentVersion, version: str) -> None:
    """Only the newest processed version of a document, read by this extractor, is current.

    Order-independent, so re-processing an old version never demotes a newer one;
    superseded rows stay queryable with `valid_to` set.
    """
    s.flush()
    versions = select(DocumentVersion.id).where(DocumentVersion.document_id == dv.document_id)
    newest = s.execute(select(DocumentVersion.id).where(DocumentVersion.document_id == dv.document_id,
                                                        DocumentVersion.status.in_(("processed", "not_report")))
                       .order_by(DocumentVersion.fetched_at.desc(), DocumentVersion.id.desc()).limit(1)).scalar()
    now = datetime.now(UTC)
    s.execute(update(Report).where(Report.document_version_id.in_(versions), Report.is_current.is_(True),
                                   (Report.document_version_id != newest) | (Report.extractor_version != version))
              .values(is_current=False, valid_to=now))
    s.execute(update(Report).where(Report.document_version_id == newest, Report.extractor_version == version,
                                   Report.is_current.is_(False))
              .values(is_current=True, valid_to=None))


def _canonical_of(s: Session, rows: list, outcomes: dict) -> dict[int, int]:
    """Index -> canonical report id for the rows that repeat another publication of the same report (DUP-01
    with the same values); canonical rows are absent. Preference: the original attachment over an HTML body
    (an article's page is its own URL), then the newest publication (the portal's publish date), then the
    document URL, then the part. Only content decides: never download times or row ids, which depend on the
    order work happened in (sources crawled in parallel, retries, a killed run resumed), so two warehouses
    holding the same documents pick the same canonical row."""
    def rank(i: int) -> tuple:
        report, doc_id = rows[i]
        doc = s.get(Document, doc_id)
        if doc is None:
            return (True, 0, "", report.part)
        try:
            published = date.fromisoformat(doc.publish_date).toordinal() if doc.publish_date else 0
        except ValueError:
            published = 0
        return (doc.url == doc.page_url, -published, doc.url, report.part)

    out: dict[int, int] = {}
    seen: set[int] = set()
    for i, o in outcomes.items():
        if i in seen or not o.values.get("same_values"):
            continue
        group = sorted({i, *o.values["others"]})
        seen.update(group)
        best = min(group, key=rank)
        for j in group:
            if j != best:
                out[j] = rows[best][0].id
    return out


def refresh_duplicates(s: Session, report_ids: list[int]) -> None:
    """DUP-01 needs other documents: re-judge every current report sharing a (department, year) with this batch.

    Outcomes are upserted by (report_id, rule_id); a report whose only failure was DUP-01 moves between
    `valid` and `warning` as duplicates appear or disappear. Quarantine is never lifted here.
    """
    from selfeval.validate import duplicates

    if not report_ids:
        return
    s.flush()
    keys = {(r.department, r.fiscal_year) for r in s.execute(
        select(Report.department, Report.fiscal_year).where(Report.id.in_(report_ids))) if r.department}
    if not keys:
        return
    rows = s.execute(
        select(Report, DocumentVersion.document_id).join(DocumentVersion, DocumentVersion.id == Report.document_version_id)
        .where(Report.is_current.is_(True), Report.department.in_([k[0] for k in keys]))).all()
    rows = [(r, doc) for r, doc in rows if (r.department, r.fiscal_year) in keys]
    items = [{**{k: getattr(r, k) for k in REPORT_FIELDS}, "document_id": doc} for r, doc in rows]
    outcomes = duplicates(items, doc_key="document_id")
    canonical = _canonical_of(s, rows, outcomes)
    for i, (report, _doc) in enumerate(rows):
        o = outcomes[i]
        report.duplicate_of = canonical.get(i)
        if o.values.get("same_values") and canonical.get(i) is None:
            o = RuleOutcome("DUP-01", o.severity, "passed", "canonical row of a report published in "
                            f"{len(o.values['others']) + 1} documents (the others point here via duplicate_of)",
                            o.values)
        upsert(s, ValidationResult, {"report_id": report.id, "rule_id": o.rule_id, "severity": o.severity,
                                     "status": o.status, "message": o.message, "values": _jsonable(o.values)},
               keys=["report_id", "rule_id"])
        if report.validation_status == "quarantined":
            continue
        others = s.execute(select(ValidationResult.rule_id).where(
            ValidationResult.report_id == report.id, ValidationResult.status == "failed",
            ValidationResult.rule_id != "DUP-01")).first()
        report.validation_status = "warning" if (o.status == "failed" or others) else "valid"


def process_batch(settings: Settings, version_ids: list[int], ctx: RunContext) -> ProcessSummary:
    """One write transaction for the whole batch, after the work: a crash leaves the warehouse as before it."""
    version = extractor_version()
    key = ctx.key(",".join(map(str, version_ids[:1])), len(version_ids))
    summary = ProcessSummary(batch_key=key)
    started = datetime.now(UTC)
    with session_scope(settings.warehouse_url) as s:
        work = read_work(s, version_ids)
    for w in work:  # no transaction open: extraction takes seconds per document
        do_work(settings, w, version)
    with session_scope(settings.warehouse_url) as s:
        batch_id = upsert(s, LoadBatch, {
            "batch_key": key, "dag_id": ctx.dag_id, "dag_run_id": ctx.dag_run_id, "task_id": ctx.task_id,
            "try_number": ctx.try_number, "started_at": started, "status": "running",
        }, keys=["batch_key"], update=["try_number", "started_at", "status"])
        loads: dict[int, list[ReportLoad]] = {}
        for w in work:
            dv = s.get(DocumentVersion, w.version_id)
            if dv is None or dv.status not in ("pending", "failed"):
                continue  # another run processed it while this one worked
            summary.documents += 1
            if w.crash is None:
                try:
                    with s.begin_nested():
                        loads[w.version_id] = write_work(s, dv, w, version, batch_id, ctx, summary)
                    continue
                except Exception as exc:  # a bug on one document must not lose it or the batch
                    log.exception("recording document version %s failed", w.version_id)
                    w.crash = f"{type(exc).__name__}: {exc}"
                    dv = s.get(DocumentVersion, w.version_id)
            dv.attempts += 1
            dv.status, dv.status_reason = "failed", f"processing: {w.crash}"[:4000]
            summary.failed += 1
            summary.failures.append(f"version {w.version_id}: {w.crash}")
        ids = write_reports(s, [ld for group in loads.values() for ld in group])
        for vid, group in loads.items():
            _drop_stale_reports(s, vid, version, [ids[ld.key] for ld in group])
            _settle_current(s, s.get(DocumentVersion, vid), version)
        refresh_duplicates(s, list(ids.values()))
        batch = s.get(LoadBatch, batch_id)
        batch.finished_at = datetime.now(UTC)
        batch.documents, batch.reports, batch.failures = summary.documents, summary.reports, summary.failed
        batch.status = "success"
    return summary
