"""What `selfeval extract FILE --json` prints: one document's verdict, its reports, evidence and validation.

The payload is a contract for outside tools (and what the blind measurement reads): the top-level
`fields` / `evidence` / `report_type` are those of the document's **principal** report (see
`understand.principal_index`), never a fragment's; `reports` lists every report in document order.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from selfeval.model import ExtractedDocument, Understanding


def report_payload(doc: ExtractedDocument, verdict: Understanding, context: dict | None = None) -> dict[str, Any]:
    """The payload of an extracted and understood document (validation included)."""
    from selfeval.validate import validate_report, validation_status

    reports = []
    for rec in verdict.reports:
        outcomes = validate_report(rec, doc, context)
        reports.append({
            "part": rec.part,
            "report_type": rec.fields.get("report_type"),
            "fields": rec.fields,
            "evidence": {k: ev.to_dict() for k, ev in rec.evidence.items()},
            "indicators": [i.to_dict() for i in rec.indicators],
            "warnings": rec.warnings,
            "validation_status": validation_status(outcomes),
            "validation": [{"rule_id": o.rule_id, "severity": o.severity, "status": o.status,
                            "message": o.message} for o in outcomes if o.status == "failed"],
        })
    principal = verdict.principal if reports else None
    first = reports[principal] if principal is not None else {
        "report_type": verdict.document_type, "fields": {}, "evidence": {}}
    return {
        "format": doc.format, "pages": doc.page_count, "engine": doc.engine, "ocr": doc.ocr,
        "is_self_eval": verdict.is_self_eval, "document_type": verdict.document_type,
        "report_type": first["report_type"], "principal_part": principal, "fields": first["fields"],
        "evidence": first["evidence"], "reports": reports, "reasons": verdict.reasons, "warnings": doc.warnings,
        "page_meta": verdict.page_meta,
    }


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def extract_payload(path: Path, context: dict | None = None, isolated: bool = True) -> dict[str, Any]:
    """Extract, understand and validate one file; the dict `selfeval extract FILE --json` prints.

    The file is sized before anything reads it, and (unless `isolated` is False, for debugging) extracted
    in the same time- and memory-limited child process the pipeline uses, so a hostile file gives a one-line
    error here too, never a hang or an exhausted machine."""
    from selfeval.extract import ExtractionError, extract_file, extract_isolated
    from selfeval.settings import get_settings
    from selfeval.understand import understand

    settings = get_settings()
    out: dict[str, Any] = {"file": str(path)}
    try:
        if not path.is_file():
            raise ExtractionError(f"not a file: {path}")
        size = path.stat().st_size
        if size > settings.limits.max_file_mb * (1 << 20):
            raise ExtractionError(f"file too large: {size / (1 << 20):.1f} MB > limit "
                                  f"{settings.limits.max_file_mb:.0f} MB (SELFEVAL_MAX_FILE_MB)")
        out["sha256"] = _sha256(path)
        doc = (extract_isolated(path, timeout_s=settings.extract_timeout_s) if isolated else extract_file(path))
    except ExtractionError as exc:
        out.update({"error": exc.reason, "format": None, "pages": 0, "is_self_eval": False})
        return out
    context = context or {"file_name": path.name}
    out.update(report_payload(doc, understand(doc, context), context))
    return out
