"""What every family adapter yields, and the generic list-row parsing they share."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from selfeval.crawl.attachments import _EXT_RE
from selfeval.crawl.dates import date_from_url, parse_date
from selfeval.crawl.http import FetchResult


@dataclass
class ListedItem:
    url: str
    title: str
    list_page_url: str
    date: str | None = None
    date_raw: str | None = None

    @property
    def is_document(self) -> bool:
        return bool(_EXT_RE.search(self.url))


@dataclass
class ListPage:
    url: str
    fetch: FetchResult
    items: list[ListedItem] = field(default_factory=list)
    error: str | None = None


def parse_list_items(html: str, page_url: str, item_sel: str, link_sel: str = "a",
                     title_sel: str | None = None, date_sel: str | None = None) -> list[ListedItem]:
    """Generic CSS-selector list parsing: one item per row that holds a link."""
    soup = BeautifulSoup(html, "lxml")
    items: list[ListedItem] = []
    seen: set[str] = set()
    for row in soup.select(item_sel):
        link = row.select_one(link_sel) if link_sel else row
        if link is None or not link.get("href") or link.get("href", "").startswith(("javascript", "#")):
            continue
        url = urljoin(page_url, link["href"].strip())
        if url in seen:
            continue
        title_el = row.select_one(title_sel) if title_sel else None
        title = (title_el.get_text(" ", strip=True) if title_el else None) or link.get("title") \
            or link.get_text(" ", strip=True)
        date_text = None
        if date_sel:
            date_el = row.select_one(date_sel)
            date_text = date_el.get_text(" ", strip=True) if date_el else None
        iso, raw = parse_date(date_text or row.get_text(" ", strip=True))
        items.append(ListedItem(url=url, title=title.strip(), list_page_url=page_url,
                                date=iso or date_from_url(url), date_raw=raw))
        seen.add(url)
    return items
