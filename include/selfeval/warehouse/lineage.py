"""Row-level lineage: from a report row back to the crawl that found its document."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from selfeval.warehouse.db import session_scope
from selfeval.warehouse.models import (
    CrawlRun,
    DiscoveredItem,
    Document,
    DocumentVersion,
    Fetch,
    FieldEvidence,
    LoadBatch,
    Report,
)


def lineage(url: str, report_id: int) -> dict[str, Any]:
    """The chain report → evidence → document version → download → page → list page → crawl → DAG run."""
    with session_scope(url) as s:
        r = s.get(Report, report_id)
        if r is None:
            raise KeyError(f"no report with id {report_id}")
        dv = s.get(DocumentVersion, r.document_version_id)
        doc = s.get(Document, dv.document_id)
        fetch = s.get(Fetch, dv.fetch_id)
        item = s.get(DiscoveredItem, doc.discovered_item_id)
        parent = s.get(DiscoveredItem, item.parent_id) if item.parent_id else None
        crawl = s.get(CrawlRun, dv.crawl_run_id)
        batch = s.get(LoadBatch, r.load_batch_id)
        evidence = s.execute(select(FieldEvidence).where(FieldEvidence.report_id == r.id)
                             .order_by(FieldEvidence.field)).scalars().all()
        return {
            "report": {"id": r.id, "title": r.title, "department": r.department, "fiscal_year": r.fiscal_year,
                       "validation_status": r.validation_status, "is_current": r.is_current,
                       "extractor_version": r.extractor_version},
            "evidence": [{"field": e.field, "page": e.page, "span": [e.char_start, e.char_end],
                          "snippet": e.snippet} for e in evidence],
            "document_version": {"id": dv.id, "sha256": dv.sha256, "size": dv.size, "file_name": dv.file_name,
                                 "storage_path": dv.storage_path, "fetched_at": str(dv.fetched_at)},
            "download": {"fetch_id": fetch.id, "url": fetch.url, "status": fetch.status_code,
                         "bytes": fetch.bytes, "duration_ms": fetch.duration_ms},
            "page": {"url": doc.page_url, "item_id": (parent or item).id, "title": (parent or item).title},
            "list_page": {"url": (parent or item).found_on_url},
            "crawl_run": {"id": crawl.id, "source_id": crawl.source_id, "dag_id": crawl.dag_id,
                          "dag_run_id": crawl.dag_run_id, "task_id": crawl.task_id, "try_number": crawl.try_number,
                          "status": crawl.status},
            "load": {"batch_id": batch.id, "dag_id": r.dag_id, "dag_run_id": r.dag_run_id, "task_id": r.task_id,
                     "try_number": r.try_number, "loaded_at": str(r.loaded_at)},
        }


def format_tree(chain: dict[str, Any]) -> str:
    r, dv, dl, cr, ld = chain["report"], chain["document_version"], chain["download"], chain["crawl_run"], chain["load"]
    lines = [
        f"report {r['id']}: {r['title']} [{r['department']}, FY{r['fiscal_year']}, {r['validation_status']}"
        f"{', current' if r['is_current'] else ', superseded'}]",
        f"├── loaded by {ld['dag_id']} / {ld['dag_run_id']} / {ld['task_id']} (try {ld['try_number']}) "
        f"at {ld['loaded_at']}, extractor {r['extractor_version']}",
        f"├── evidence ({len(chain['evidence'])} fields)",
    ]
    for i, e in enumerate(chain["evidence"]):
        branch = "└──" if i == len(chain["evidence"]) - 1 else "├──"
        snippet = e["snippet"].replace("\n", "⏎")[:60]
        lines.append(f"│   {branch} {e['field']}: p.{e['page']} [{e['span'][0]}:{e['span'][1]}] «{snippet}»")
    lines += [
        f"└── document version {dv['id']}: sha256 {dv['sha256'][:16]}… {dv['size']} bytes «{dv['file_name']}»",
        f"    └── download (fetch {dl['fetch_id']}): GET {dl['url']} → {dl['status']}, {dl['bytes']} bytes, "
        f"{dl['duration_ms']} ms",
        f"        └── found on page {chain['page']['url']} «{chain['page']['title']}»",
        f"            └── list page {chain['list_page']['url']}",
        f"                └── crawl run {cr['id']} of source {cr['source_id']} ({cr['status']})",
        f"                    └── DAG run {cr['dag_id']} / {cr['dag_run_id']} / {cr['task_id']} (try {cr['try_number']})",
    ]
    return "\n".join(lines)
