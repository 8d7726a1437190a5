"""Guangdong 政府信息公开目录平台 (gkmlpt): a JSON API behind a Vue front end.

The HTML (`/gkmlpt/index#368`, `/gkmlpt/policy`) is an empty shell whose
`window._CONFIG` holds `SID: '757039'`; articles come from
`/gkmlpt/api/all/{catalog}?page=N&sid=SID`, answering
`{"articles": [{"id", "title", "url", "first_publish_time", "publish_time",
"display_publish_time", "attachment": […]}…], "total": 523, …}` with unix-second
timestamps. The platform may live under a sub-path
(`http://www.szlh.gov.cn/lhqkjhgyxxhj/gkmlpt/…`), so the API base is everything
up to `/gkmlpt/` in the start URL. A discovered sid is remembered in the memo,
so a re-crawl does not fetch the shell again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

from selfeval.crawl.attachments import Attachment, has_doc_ext
from selfeval.crawl.dates import date_from_epoch, date_from_url
from selfeval.crawl.families.base import (
    ListedItem,
    ListPage,
    PageMemo,
    clean_title,
    failed_page,
    fetch,
    unusable,
)
from selfeval.crawl.families.registry import family
from selfeval.crawl.http import FetchResult, HttpClient
from selfeval.sources.schema import SourceConfig
from selfeval.textdecode import decode_bytes

# `SID: '757039'` in window._CONFIG, and the other spellings portals use: window.__SID__ = "…", var sid = …
_SID = re.compile(r"""(?:\bSID\b|__SID__|\bvar\s+sid\b|\bsiteId\b|\bsite_id\b|["']sid["'])\s*[:=]\s*['"]?(\d+)""", re.I)
_API = re.compile(r"/gkmlpt/api/all/(\d+)")
DATE_FIELDS = ("first_publish_time", "publish_time", "display_publish_time", "created_at", "date")


def api_base(start_url: str) -> str:
    """`http://h/sub/gkmlpt/index#5` → `http://h/sub/gkmlpt/`."""
    clean = start_url.split("#")[0]
    idx = clean.find("/gkmlpt/")
    if idx < 0:
        parts = urlsplit(clean)
        return f"{parts.scheme}://{parts.netloc}/gkmlpt/"
    return clean[: idx + len("/gkmlpt/")]


def catalog_of(start_url: str, source: SourceConfig) -> str | None:
    if source.gkmlpt.catalog:
        return source.gkmlpt.catalog
    m = _API.search(start_url)
    if m:
        return m.group(1)
    frag = urlsplit(start_url).fragment
    return frag if frag.isdigit() else None


def _sid(client: HttpClient, source: SourceConfig, start_url: str, memo: PageMemo | None) -> tuple[str | None, ListPage | None]:
    """The site id: YAML, the start URL's query, the memo, else the shell page's `SID:` (one request)."""
    if source.gkmlpt.sid:
        return source.gkmlpt.sid, None
    query = parse_qs(urlsplit(start_url).query)
    if query.get("sid"):
        return query["sid"][0], None
    if memo is not None and memo.notes.get("sid"):
        return str(memo.notes["sid"]), None
    res = client.get(start_url.split("#")[0])
    if not res.ok:
        return None, failed_page(start_url, res)
    m = _SID.search(decode_bytes(res.body, res.content_type)[0])
    if not m:
        return None, ListPage(url=start_url, fetch=res, error="gkmlpt: no SID on the start page; set gkmlpt.sid")
    if memo is not None:
        memo.notes["sid"] = m.group(1)
    return m.group(1), None


def _attachments(article: dict[str, Any], base: str) -> list[Attachment]:
    """Attachments the API lists with the article (field names vary between platform versions)."""
    out = []
    raw = article.get("attachment") or article.get("attachments") or []
    for att in raw if isinstance(raw, list) else []:
        if not isinstance(att, dict):
            continue
        url = att.get("url") or att.get("link") or att.get("path") or att.get("file_url")
        name = att.get("name") or att.get("title") or att.get("file_name") or ""
        if url:
            full = urljoin(base, str(url))
            name = clean_title(str(name)) or full.rsplit("/", 1)[-1]
            ext = full.rsplit(".", 1)[-1].lower() if has_doc_ext(full) else ""
            if ext and not has_doc_ext(name):
                name = f"{name}.{ext}"
            out.append(Attachment(url=full, name=name))
    return out


def article_item(article: dict[str, Any], page_url: str, base: str) -> ListedItem | None:
    """One API article → item. The first plausible timestamp wins; an impossible one keeps only its raw value."""
    url = article.get("url") or article.get("post_url") or article.get("link")
    title = clean_title(str(article.get("title") or ""))
    if not url or not title:
        return None
    url = urljoin(base, str(url))
    iso = raw = None
    for name in DATE_FIELDS:
        if article.get(name) in (None, ""):
            continue
        iso, got = date_from_epoch(article[name])
        raw = raw or got
        if iso:
            raw = got
            break
    return ListedItem(url=url, title=title, list_page_url=page_url, date=iso or date_from_url(url), date_raw=raw,
                      attachments=_attachments(article, url))


@family("gkmlpt", options="gkmlpt")
def iter_gkmlpt_pages(client: HttpClient, source: SourceConfig, start_url: str,
                      memo: PageMemo | None = None) -> Iterator[ListPage]:
    base = api_base(start_url)
    catalog = catalog_of(start_url, source)
    if catalog is None:
        yield ListPage(url=start_url, fetch=FetchResult(url=start_url, error="no catalog"),
                       error="gkmlpt: no catalog id (start URL #fragment, API path or gkmlpt.catalog)")
        return
    sid, problem = _sid(client, source, start_url, memo)
    if problem is not None:
        yield problem
        return
    page, per_page = source.gkmlpt.first_page, None
    for _ in range(source.max_pages):
        url = f"{base}api/all/{catalog}?page={page}&sid={sid}"
        res = fetch(client, url, memo)
        if (early := unusable(url, res)) is not None:
            yield early
            return
        try:
            data = json.loads(decode_bytes(res.body, res.content_type)[0])
        except ValueError as exc:
            yield ListPage(url=url, fetch=res, error=f"gkmlpt: answer is not JSON ({exc})")
            return
        articles = [a for a in (data.get("articles") or []) if isinstance(a, dict)]
        items = [it for a in articles if (it := article_item(a, url, base)) is not None]
        yield ListPage(url=url, fetch=res, items=items)
        per_page = per_page or len(articles)
        total = data.get("total")
        done = (page - source.gkmlpt.first_page + 1) * (per_page or 1)
        if not articles or (isinstance(total, int) and done >= total):
            return
        page += 1
