"""Process stage: pending document versions → extraction → understanding → validation → warehouse.

Work is batched (one transaction per batch). Every document version ends
`processed`, `not_report` or `failed` with a reason; failures are retried on the
next run up to MAX_ATTEMPTS. Re-running a batch rewrites the same rows by their
natural keys, so nothing is duplicated.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from selfeval.model import REPORT_FIELDS, ExtractedDocument, Page, ReportRecord, RuleOutcome, Understanding
from selfeval.pipeline.context import RunContext
from selfeval.settings import Settings
from selfeval.warehouse.db import session_scope
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
MAX_ATTEMPTS = 3
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
    from selfeval.extract import ENGINE_VERSION

    try:
        from selfeval.understand import UNDERSTAND_VERSION
    except ImportError:  # pragma: no cover
        UNDERSTAND_VERSION = "0"
    return f"x{ENGINE_VERSION}-u{UNDERSTAND_VERSION}"


def pending_versions(settings: Settings, *, source_id: str | None = None, limit: int | None = None,
                     include_failed: bool = True) -> list[int]:
    statuses = ["pending"] + (["failed"] if include_failed else [])
    with session_scope(settings.warehouse_url) as s:
        q = (select(DocumentVersion.id).join(Document, Document.id == DocumentVersion.document_id)
             .where(DocumentVersion.status.in_(statuses), DocumentVersion.attempts < MAX_ATTEMPTS)
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


def _doc_to_json(doc: ExtractedDocument) -> str:
    return json.dumps(asdict(doc), ensure_ascii=False)


def _doc_from_json(text: str) -> ExtractedDocument:
    data = json.loads(text)
    data["pages"] = [Page(**p) for p in data["pages"]]
    return ExtractedDocument(**data)


def extract_version(settings: Settings, dv: DocumentVersion, version: str) -> ExtractedDocument:
    """Extract in an isolated subprocess; the result is cached so re-runs do not redo the work."""
    cache = _text_cache(settings, dv.sha256, version)
    if cache.is_file():
        return _doc_from_json(cache.read_text(encoding="utf-8"))
    from selfeval.extract import extract_isolated

    doc = extract_isolated(dv.storage_path, name_hint=dv.file_name, content_type=dv.content_type,
                           timeout_s=settings.extract_timeout_s)
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp")
    tmp.write_text(_doc_to_json(doc), encoding="utf-8")
    tmp.replace(cache)
    return doc


# --- one document version ---------------------------------------------------------------------------

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


def _record_extraction(s: Session, dv: DocumentVersion, version: str, doc: ExtractedDocument | None,
                       error: str | None, verdict: Understanding | None, text_path: str | None) -> int:
    values = {
        "sha256": dv.sha256, "extractor_version": version, "status": "ok" if doc else "failed",
        "error": error, "format": doc.format if doc else None, "engine": doc.engine if doc else None,
        "pages": doc.page_count if doc else None, "ocr": bool(doc and doc.ocr),
        "duration_s": doc.duration_s if doc else None, "warnings": list(doc.warnings) if doc else [],
        "is_self_eval": verdict.is_self_eval if verdict else None,
        "document_type": verdict.document_type if verdict else None, "text_path": text_path,
        "created_at": datetime.now(UTC),
    }
    return upsert(s, Extraction, values, keys=["sha256", "extractor_version"])


def _load_report(s: Session, dv: DocumentVersion, rec: ReportRecord, outcomes: list[RuleOutcome],
                 status: str, extraction_id: int, version: str, batch_id: int, ctx: RunContext) -> int:
    from selfeval.validate import grade_band

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
    report_id = upsert(s, Report, values, keys=["document_version_id", "part", "extractor_version"],
                       update=[k for k in values if k not in ("valid_from",)])
    _replace_children(s, report_id, rec, outcomes)
    return report_id


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def _replace_children(s: Session, report_id: int, rec: ReportRecord, outcomes: list[RuleOutcome]) -> None:
    """Upsert evidence/indicators/rule results by natural key and drop rows the new result no longer has."""
    fields = []
    for name, ev in rec.evidence.items():
        fields.append(name)
        upsert(s, FieldEvidence, {"report_id": report_id, "field": name, "page": ev.page, "char_start": ev.start,
                                  "char_end": ev.end, "snippet": ev.snippet, "cell": ev.cell, "note": ev.note},
               keys=["report_id", "field"])
    s.execute(FieldEvidence.__table__.delete().where(FieldEvidence.report_id == report_id,
                                                     FieldEvidence.field.not_in(fields or [""])))
    for i, ind in enumerate(rec.indicators):
        upsert(s, Indicator, {"report_id": report_id, "row_no": i, "level1": ind.level1, "level2": ind.level2,
                              "level3": ind.level3, "target": ind.target, "actual": ind.actual,
                              "weight": ind.weight, "score": ind.score}, keys=["report_id", "row_no"])
    s.execute(Indicator.__table__.delete().where(Indicator.report_id == report_id,
                                                 Indicator.row_no >= len(rec.indicators)))
    rules = []
    for o in outcomes:
        rules.append(o.rule_id)
        upsert(s, ValidationResult, {"report_id": report_id, "rule_id": o.rule_id, "severity": o.severity,
                                     "status": o.status, "message": o.message, "values": _jsonable(o.values)},
               keys=["report_id", "rule_id"])
    s.execute(ValidationResult.__table__.delete().where(ValidationResult.report_id == report_id,
                                                        ValidationResult.rule_id.not_in(rules or [""])))


def _retire_older(s: Session, dv: DocumentVersion, version: str, keep_ids: list[int]) -> None:
    """The newest version of a document (and the newest extractor) is current; older rows stay, closed."""
    older = select(DocumentVersion.id).where(DocumentVersion.document_id == dv.document_id)
    s.execute(update(Report).where(Report.document_version_id.in_(older), Report.id.not_in(keep_ids or [-1]),
                                   Report.is_current.is_(True))
              .values(is_current=False, valid_to=datetime.now(UTC)))


def process_version(s: Session, settings: Settings, dv: DocumentVersion, version: str, batch_id: int,
                    ctx: RunContext, summary: ProcessSummary) -> None:
    from selfeval.extract import ExtractionError
    from selfeval.understand import understand
    from selfeval.validate import validate_report, validation_status

    dv.attempts += 1
    context = _context_for(s, dv)
    try:
        doc = extract_version(settings, dv, version)
    except ExtractionError as exc:
        _record_extraction(s, dv, version, None, exc.reason, None, None)
        dv.status, dv.status_reason = "failed", f"extraction: {exc.reason}"
        summary.failed += 1
        summary.failures.append(f"version {dv.id} ({dv.file_name}): {exc.reason}")
        return
    verdict = understand(doc, context)
    extraction_id = _record_extraction(s, dv, version, doc, None, verdict,
                                       str(_text_cache(settings, dv.sha256, version)))
    reports = [r for r in verdict.reports if (r.fields.get("report_type") in REPORT_TYPES_LOADED)]
    if not verdict.is_self_eval or not reports:
        dv.status = "not_report"
        dv.status_reason = "; ".join(verdict.reasons) or f"classified {verdict.document_type}"
        summary.not_reports += 1
        _retire_older(s, dv, version, [])
        return
    kept = []
    for rec in reports:
        outcomes = validate_report(rec, doc, context)
        status = validation_status(outcomes)
        kept.append(_load_report(s, dv, rec, outcomes, status, extraction_id, version, batch_id, ctx))
        summary.reports += 1
        summary.quarantined += status == "quarantined"
    _retire_older(s, dv, version, kept)
    dv.status, dv.status_reason = "processed", f"{len(kept)} report(s), document type {verdict.document_type}"


def process_batch(settings: Settings, version_ids: list[int], ctx: RunContext) -> ProcessSummary:
    """One transaction for the whole batch: a crash leaves the warehouse as before the batch."""
    version = extractor_version()
    key = ctx.key(",".join(map(str, version_ids[:1])), len(version_ids))
    summary = ProcessSummary(batch_key=key)
    with session_scope(settings.warehouse_url) as s:
        batch_id = upsert(s, LoadBatch, {
            "batch_key": key, "dag_id": ctx.dag_id, "dag_run_id": ctx.dag_run_id, "task_id": ctx.task_id,
            "try_number": ctx.try_number, "started_at": datetime.now(UTC), "status": "running",
        }, keys=["batch_key"], update=["try_number", "started_at", "status"])
        for vid in version_ids:
            dv = s.get(DocumentVersion, vid)
            if dv is None or dv.status not in ("pending", "failed"):
                continue
            summary.documents += 1
            try:
                with s.begin_nested():
                    process_version(s, settings, dv, version, batch_id, ctx, summary)
            except Exception as exc:  # a bug on one document must not lose it or the batch
                log.exception("processing document version %s failed", vid)
                reason = f"{type(exc).__name__}: {exc}"
                dv = s.get(DocumentVersion, vid)
                dv.attempts += 1
                dv.status, dv.status_reason = "failed", f"processing: {reason}"[:4000]
                summary.failed += 1
                summary.failures.append(f"version {vid}: {reason}")
        batch = s.get(LoadBatch, batch_id)
        batch.finished_at = datetime.now(UTC)
        batch.documents, batch.reports, batch.failures = summary.documents, summary.reports, summary.failed
        batch.status = "success"
    return summary
