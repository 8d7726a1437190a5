"""Writing fetch outcomes and downloaded bytes: shared by the crawl and download stages."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.message import Message
from urllib.parse import unquote, urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from selfeval.crawl.http import FetchResult
from selfeval.store import RawStore
from selfeval.warehouse.models import DiscoveredItem, Document, DocumentVersion, Fetch
from selfeval.warehouse.upsert import upsert


def record_fetch(s: Session, crawl_run_id: int, purpose: str, res: FetchResult) -> int:
    row = Fetch(crawl_run_id=crawl_run_id, purpose=purpose, url=res.url, final_url=res.final_url,
                status_code=res.status, bytes=len(res.body), duration_ms=res.duration_ms,
                attempts=max(1, res.attempts), not_modified=res.not_modified, error=res.error,
                fetched_at=res.fetched_at)
    s.add(row)
    s.flush()
    return row.id


def _decode_header_name(raw: str) -> str:
    """Content-Disposition names arrive as RFC 5987, percent-encoded, or raw GBK/UTF-8 bytes in latin-1."""
    try:
        as_bytes = raw.encode("latin-1")
    except UnicodeEncodeError:
        return raw
    for enc in ("utf-8", "gb18030"):
        try:
            return as_bytes.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw


def filename_from_headers(headers: dict[str, str]) -> str | None:
    cd = headers.get("content-disposition")
    if not cd:
        return None
    msg = Message()
    msg["content-disposition"] = cd
    m = re.search(r"filename\*\s*=\s*([^']*)'[^']*'([^;]+)", cd, re.I)
    if m:
        return unquote(m.group(2).strip().strip('"'), encoding=m.group(1) or "utf-8", errors="replace")
    m = re.search(r'filename\s*=\s*"?([^";]+)"?', cd, re.I)
    if m:
        name = m.group(1).strip()
        return unquote(_decode_header_name(name)) if "%" in name else _decode_header_name(name)
    return None


def sanitise_name(name: str | None) -> str | None:
    """No path traversal, no control characters, bounded length."""
    if not name:
        return None
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f<>:\"|?*]", "_", name).strip(" .")
    return name[:200] or None


def store_document(s: Session, store: RawStore, source_id: str, crawl_run_id: int, item: DiscoveredItem,
                   res: FetchResult, page_url: str, purpose_recorded: bool = True,
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
    name = sanitise_name(filename_from_headers(res.headers) or item.title
                         or unquote(urlsplit(item.url).path.rsplit("/", 1)[-1]))
    version = DocumentVersion(document_id=doc_id, sha256=sha, size=len(res.body),
                              content_type=res.headers.get("content-type"), file_name=name,
                              storage_path=str(path), fetch_id=fetch_id, crawl_run_id=crawl_run_id,
                              fetched_at=res.fetched_at, status="pending", attempts=0)
    s.add(version)
    s.flush()
    item.status, item.reason = "downloaded", f"stored {sha[:12]} ({len(res.body)} bytes)"
    return version.id, True
