"""Writing fetch outcomes and downloaded bytes: shared by the crawl and download stages."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from selfeval.crawl.attachments import has_doc_ext
from selfeval.crawl.filenames import decode_header_name, filename_from_headers, sanitise_name
from selfeval.crawl.http import FetchResult
from selfeval.store import RawStore
from selfeval.warehouse.models import DiscoveredItem, Document, DocumentVersion, Fetch
from selfeval.warehouse.upsert import upsert

__all__ = ["filename_from_headers", "record_fetch", "sanitise_name", "store_document", "file_name_for"]

_decode_header_name = decode_header_name  # the old private name, kept for callers
_MAGIC_EXT = ((b"%PDF", "pdf"), (b"\xd0\xcf\x11\xe0", "doc"), (b"PK\x03\x04", "zip"), (b"Rar!", "rar"))
_CTYPE_EXT = {"application/pdf": "pdf", "application/msword": "doc", "application/vnd.ms-excel": "xls",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
              "application/zip": "zip", "application/x-rar-compressed": "rar", "application/ofd": "ofd"}


def record_fetch(s: Session, crawl_run_id: int, purpose: str, res: FetchResult) -> int:
    row = Fetch(crawl_run_id=crawl_run_id, purpose=purpose, url=res.url, final_url=res.final_url,
                status_code=res.status, bytes=len(res.body), duration_ms=res.duration_ms,
                attempts=max(1, res.attempts), not_modified=res.not_modified, error=res.error,
                fetched_at=res.fetched_at)
    s.add(row)
    s.flush()
    return row.id


def _guess_ext(res: FetchResult) -> str | None:
    """An extension for a name that has none: from the Content-Type, else the file's magic bytes."""
    ctype = (res.content_type or "").split(";")[0].strip().lower()
    if ctype in _CTYPE_EXT:
        return _CTYPE_EXT[ctype]
    head = res.body[:8]
    return next((ext for magic, ext in _MAGIC_EXT if head.startswith(magic)), None)


def file_name_for(item: DiscoveredItem, res: FetchResult) -> str | None:
    """Content-Disposition name, else the link text / title, else the URL's last segment; sanitised.

    A name without a document extension gets one when the bytes are a document,
    so the extractor's name hint is right for `download.jsp?wbfileid=…` links.
    """
    name = filename_from_headers(res.headers) or item.title or unquote(urlsplit(item.url).path.rsplit("/", 1)[-1])
    name = sanitise_name(name)
    if name and not has_doc_ext(name) and not res.body.lstrip()[:1] == b"<":
        ext = _guess_ext(res)
        if ext:
            name = sanitise_name(f"{name}.{ext}")
    return name


def store_document(s: Session, store: RawStore, source_id: str, crawl_run_id: int, item: DiscoveredItem,
                   res: FetchResult, page_url: str,
                   fetch_id: int | None = None) -> tuple[int, bool]:
    """Keep the bytes and the (document, version) rows. Returns (version id, new version?)."""
    sha, path = store.put(res.body)
    now = datetime.now(UTC)
    doc_id = upsert(s, Document, {
        "url": item.url, "source_id": source_id, "discovered_item_id": item.id, "page_url": page_url,
        "title": item.title, "publish_date": item.listed_date, "etag": res.headers.get("etag"),
        "last_modified": res.headers.get("last-modified"), "first_seen": now,
    }, keys=["url"], update=["etag", "last_modified", "publish_date", "title"])
    existing = s.execute(select(DocumentVersion.id).where(
        DocumentVersion.document_id == doc_id, DocumentVersion.sha256 == sha)).scalar_one_or_none()
    if existing is not None:
        item.status, item.reason = "unchanged", "same bytes as a stored version"
        return existing, False
    if fetch_id is None:
        fetch_id = s.execute(select(Fetch.id).where(Fetch.crawl_run_id == crawl_run_id, Fetch.url == res.url)
                             .order_by(Fetch.id.desc()).limit(1)).scalar_one()
    version = DocumentVersion(document_id=doc_id, sha256=sha, size=len(res.body),
                              content_type=res.headers.get("content-type"), file_name=file_name_for(item, res),
                              storage_path=str(path), fetch_id=fetch_id, crawl_run_id=crawl_run_id,
                              fetched_at=res.fetched_at, status="pending", attempts=0)
    s.add(version)
    s.flush()
    item.status, item.reason = "downloaded", f"stored {sha[:12]} ({len(res.body)} bytes)"
    return version.id, True
