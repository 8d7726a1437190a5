"""Re-process one document: its versions go back to `pending` and run through the same process stage."""

from __future__ import annotations

from sqlalchemy import select

from selfeval.pipeline.context import RunContext
from selfeval.pipeline.process import process_batch
from selfeval.settings import Settings
from selfeval.warehouse.db import session_scope, upgrade
from selfeval.warehouse.models import Document, DocumentVersion


def queue_document(settings: Settings, doc_id: int) -> list[int]:
    with session_scope(settings.warehouse_url) as s:
        if s.get(Document, doc_id) is None:
            raise KeyError(f"no document with id {doc_id}")
        versions = s.execute(select(DocumentVersion).where(DocumentVersion.document_id == doc_id)
                             .order_by(DocumentVersion.fetched_at)).scalars().all()
        for v in versions:
            v.status, v.status_reason, v.attempts = "pending", "queued for re-processing", 0
        return [v.id for v in versions]


def reprocess_document(settings: Settings, doc_id: int, ctx: RunContext | None = None) -> int:
    upgrade(settings.warehouse_url)
    ids = queue_document(settings, doc_id)
    if ids:
        process_batch(settings, ids, ctx or RunContext.cli("reprocess"))
    return len(ids)


def retry_failed(settings: Settings, source_id: str | None = None) -> dict[str, int]:
    """Give every failed discovered item and failed document version fresh attempts, so the next crawl
    and process runs take them again. Nothing is deleted; rows keep their last failure reason until the
    retry rewrites it. Returns how many rows of each kind were reset."""
    from sqlalchemy import update

    from selfeval.warehouse.models import DiscoveredItem

    upgrade(settings.warehouse_url)
    with session_scope(settings.warehouse_url) as s:
        items = update(DiscoveredItem).where(DiscoveredItem.status == "failed", DiscoveredItem.attempts > 0)
        if source_id:
            items = items.where(DiscoveredItem.source_id == source_id)
        n_items = s.execute(items.values(attempts=0)).rowcount or 0
        docs = select(Document.id)
        if source_id:
            docs = docs.where(Document.source_id == source_id)
        versions = (update(DocumentVersion)
                    .where(DocumentVersion.status == "failed", DocumentVersion.attempts > 0,
                           DocumentVersion.document_id.in_(docs)))
        n_versions = s.execute(versions.values(attempts=0)).rowcount or 0
    return {"discovered_items": n_items, "document_versions": n_versions}
