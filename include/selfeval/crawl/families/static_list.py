"""Static list pages with numbered pagination (TRS WCM and most home-grown portals).

Page count comes from TRS's `createPageHTML(N, cur, "index", "shtml")` script when
present (it writes the pager in JS, so the HTML has no links), otherwise from
下一页/尾页 links or a configured `next` selector.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from selfeval.crawl.decode import decode_bytes
from selfeval.crawl.families.base import ListPage, parse_list_items
from selfeval.crawl.http import HttpClient
from selfeval.sources.schema import SourceConfig

_TRS = re.compile(r"createPageHTML\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([\w-]+)['\"]\s*,\s*['\"](\w+)['\"]")
_NEXT_TEXT = ("下一页", "下页", "next", ">")


def trs_page_urls(html: str, page_url: str) -> list[str] | None:
    """All page URLs from a TRS pager script, or None if the page has none."""
    m = _TRS.search(html)
    if not m:
        return None
    count, _cur, stem, ext = int(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
    return [urljoin(page_url, f"{stem}.{ext}" if i == 0 else f"{stem}_{i}.{ext}") for i in range(count)]


def next_link(html: str, page_url: str, selector: str | None) -> str | None:
    soup = BeautifulSoup(html, "lxml")
    if selector:
        el = soup.select_one(selector)
        return urljoin(page_url, el["href"]) if el is not None and el.get("href") else None
    for a in soup.find_all("a"):
        text = a.get_text(strip=True).lower()
        href = a.get("href") or ""
        if text in _NEXT_TEXT and href and not href.startswith(("javascript", "#")):
            url = urljoin(page_url, href)
            if url != page_url:
                return url
    return None


def iter_static_pages(client: HttpClient, source: SourceConfig, start_url: str,
                      conditional: dict[str, tuple[str | None, str | None]] | None = None) -> Iterator[ListPage]:
    """Yield list pages in order; the caller closes the generator to stop early (incremental crawl)."""
    queue = [start_url]
    visited: set[str] = set()
    sel = source.list_
    while queue and len(visited) < source.max_pages:
        url = queue.pop(0)
        if url in visited:
            continue
        visited.add(url)
        etag, lm = (conditional or {}).get(url, (None, None))
        res = client.get(url, etag=etag, last_modified=lm)
        if not res.ok:
            yield ListPage(url=url, fetch=res, error=res.error or f"HTTP {res.status}")
            if res.blocked:
                return
            continue
        if res.not_modified:
            yield ListPage(url=url, fetch=res)
            continue
        html, _enc = decode_bytes(res.body, res.content_type)
        items = parse_list_items(html, res.final_url or url, sel.item, sel.link, sel.title, sel.date)
        yield ListPage(url=url, fetch=res, items=items)
        pages = trs_page_urls(html, res.final_url or url)
        if pages:
            queue.extend(p for p in pages if p not in visited and p not in queue)
        else:
            nxt = next_link(html, res.final_url or url, sel.next)
            if nxt and nxt not in visited:
                queue.append(nxt)
