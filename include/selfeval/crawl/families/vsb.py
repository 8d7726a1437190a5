"""VSB (博达 WebPlus / 站群) lists: backwards-numbered static pages.

Page 1 is `tzgg.htm`; the older pages are `tzgg/{N-1}.htm … tzgg/1.htm`, so
`tzgg/1.htm` always holds the *oldest* items and the newest page has no number.
The pager prints `共123条 1/9` (or `共9页`) and links such as `tzgg/8.htm` (下页)
and `tzgg/1.htm` (尾页). Rows are usually `<li id="line_u8_0">` with links to
`info/1134/18774.htm`; the link text is often cut (`…`) with the full title in
`title="主题：… 日期：…"`, which `clean_title` unwraps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from selfeval.crawl.families.base import (
    ListPage,
    PageMemo,
    parse_rows_first,
    planned_count,
    selectors,
    walk_html_pages,
)
from selfeval.crawl.families.registry import family
from selfeval.crawl.http import HttpClient
from selfeval.sources.schema import SourceConfig

# Tried in order, first one with rows wins: VSB's own row ids, then the common list markup.
ROW_CANDIDATES = ["li[id^=line_u]", "ul.list li, .list li, .winstyle li", "table[class^=winstyle] tr[id^=line_u]",
                  "table[class^=winstyle] tr", "table.list tr, .list tr", "ul li"]
_COUNT_PAGES = re.compile(r"共\s*(\d+)\s*页")
_COUNT_FRACTION = re.compile(r"(?<![\d/])\d+\s*/\s*(\d+)(?![\d/])")


def page_count(html: str, start_url: str) -> int | None:
    """N from `共N页` / `1/N`, else one more than the highest `stem/{k}.htm` link on page 1."""
    soup = BeautifulSoup(html, "lxml")
    pager = soup.select_one(".pb_sys_common, .p_pages, [id^=fanye], .pagination, .page")
    text = (pager or soup).get_text(" ", strip=True)
    m = _COUNT_PAGES.search(text) or (_COUNT_FRACTION.search(text) if pager is not None else None)
    if m:
        return planned_count(m.group(1))
    stem = _stem(start_url)
    numbers = []
    for a in soup.find_all("a", href=True):
        path = urlsplit(urljoin(start_url, a["href"])).path
        mm = re.fullmatch(re.escape(urlsplit(stem).path) + r"(\d+)\.html?", path)
        if mm:
            numbers.append(planned_count(mm.group(1)))
    return max(numbers) + 1 if numbers else None


def _stem(start_url: str) -> str:
    """`…/xxgk/tzgg.htm` → `…/xxgk/tzgg/` (the directory of the numbered pages)."""
    return re.sub(r"\.html?$", "/", start_url.split("?")[0].split("#")[0])


def older_pages(start_url: str, count: int) -> list[str]:
    """Newest to oldest after page 1: `stem/{N-1}.htm … stem/1.htm`."""
    ext = ".html" if start_url.split("?")[0].endswith(".html") else ".htm"
    stem = _stem(start_url)
    return [f"{stem}{k}{ext}" for k in range(count - 1, max(0, count - 1 - planned_count(count)), -1)]


@family("vsb")
def iter_vsb_pages(client: HttpClient, source: SourceConfig, start_url: str,
                   memo: PageMemo | None = None) -> Iterator[ListPage]:
    sel = selectors(source, {"date": "span"})

    def parse(html: str, page_url: str):
        return parse_rows_first(BeautifulSoup(html, "lxml"), page_url, sel, source, ROW_CANDIDATES)

    def plan(html: str, page_url: str, page_no: int, n_items: int) -> list[str]:
        if page_no != 1:
            return []  # page 1 names them all
        count = page_count(html, start_url)
        return older_pages(start_url, count) if count and count > 1 else []

    yield from walk_html_pages(client, source, start_url, memo, parse, plan)
