"""Static list pages with numbered pagination (TRS WCM and most home-grown portals).

Page 1 is `index.html`, later pages `index_1.html … index_{N-1}.html`. Where the
count comes from, in order of trust:
1. TRS's pager script `createPageHTML(N, cur, "index", "shtml")` (also the
   `createPageHTML('page_div', N, cur, 'index', 'html', total)` variant, and
   `var countPage = N` templates): the HTML has no pager links at all;
2. a 尾页 (last page) link `index_9.html`: every page up to it is generated;
3. `共N页` text with a configured `list.page_template`;
4. a 下一页 link (or the configured `list.next` selector), followed page by page.
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
from selfeval.sources.schema import ListSelectors, SourceConfig

_TRS = re.compile(r"createPageHTML\(\s*(?:['\"][\w-]*['\"]\s*,\s*)?['\"]?([\w.]+)['\"]?\s*,\s*['\"]?([\w.]+)['\"]?"
                  r"\s*,\s*['\"]([\w-]+)['\"]\s*,\s*['\"](\w+)['\"]")
_COUNT_VAR = re.compile(r"\bcountPage\s*=\s*['\"]?(\d+)")
_TOTAL_PAGES = re.compile(r"共\s*(\d+)\s*页|页次\s*[:：]?\s*\d+\s*/\s*(\d+)")
# Without a configured `list.item`, the first of these that finds rows is used (a union would
# sweep in navigation menus).
ROW_CANDIDATES = ["ul.list li, .list li, .list_con li, .news_list li, .xxgk_list li",
                  "table.list tr, .list tr", "ul li"]
_NEXT_TEXT = ("下一页", "下页", "next", ">", "›", "»", "后一页")
_LAST_TEXT = ("尾页", "末页", "最后一页", "last", ">>", "»|")


def _int_or_var(token: str, html: str) -> int | None:
    """A createPageHTML argument: a number, or a variable assigned a number earlier in the page."""
    if token.isdigit():
        return planned_count(token)
    m = re.search(rf"\b{re.escape(token)}\s*=\s*['\"]?(\d+)", html)
    return planned_count(m.group(1)) if m else None


def trs_page_urls(html: str, page_url: str) -> list[str] | None:
    """All page URLs from a TRS pager script, or None if the page has none."""
    m = _TRS.search(html)
    if m:
        count = _int_or_var(m.group(1), html)
        stem, ext = m.group(3), m.group(4)
    else:
        m = _COUNT_VAR.search(html)
        if not m:
            return None
        count = planned_count(m.group(1))
        name = urlsplit(page_url).path.rsplit("/", 1)[-1] or "index.html"
        stem, _, ext = re.sub(r"_\d+(?=\.)", "", name).partition(".")
        ext = ext or "html"
    if count is None or count < 1:
        return None
    return [urljoin(page_url, f"{stem}.{ext}" if i == 0 else f"{stem}_{i}.{ext}") for i in range(planned_count(count))]


def _links(html: str, page_url: str, texts: tuple[str, ...]) -> list[str]:
    soup = BeautifulSoup(html, "lxml")
    out = []
    for a in soup.find_all("a"):
        text = a.get_text(strip=True).lower()
        href = (a.get("href") or "").strip()
        if text in texts and href and not href.lower().startswith(("javascript", "#")):
            url = urljoin(page_url, href)
            if url != page_url:
                out.append(url)
    return out


def next_link(html: str, page_url: str, selector: str | None) -> str | None:
    """The next page: the configured selector, else a 下一页-style link."""
    if selector:
        el = BeautifulSoup(html, "lxml").select_one(selector)
        href = (el.get("href") or "").strip() if el is not None else ""
        return urljoin(page_url, href) if href and not href.lower().startswith("javascript") else None
    links = _links(html, page_url, _NEXT_TEXT)
    return links[0] if links else None


def numbered_from_last(html: str, page_url: str, start_url: str) -> list[str] | None:
    """A 尾页 link `…/index_9.html` on a column whose first page is `…/index.html`: all ten pages."""
    name = urlsplit(start_url).path.rsplit("/", 1)[-1] or "index.html"
    stem, dot, ext = name.partition(".")
    for last in _links(html, page_url, _LAST_TEXT):
        m = re.search(rf"/{re.escape(stem)}_(\d+)\.{re.escape(ext)}$" if dot else rf"/{re.escape(stem)}_(\d+)$",
                      urlsplit(last).path)
        if m:
            n = planned_count(m.group(1))
            return [urljoin(start_url, f"{stem}_{i}{dot}{ext}") for i in range(1, n + 1)]
    return None


def template_pages(html: str, start_url: str, sel: ListSelectors, page_no: int, n_items: int) -> list[str]:
    """`list.page_template` pages: all of them when 共N页 is printed, else one more while pages have items."""
    if not sel.page_template:
        return []
    m = _TOTAL_PAGES.search(html)
    if m and page_no == 1:
        total = planned_count(m.group(1) or m.group(2))
        return [urljoin(start_url, sel.page_template.format(n=sel.page_template_start + k)) for k in range(total - 1)]
    if m or n_items == 0:
        return []
    return [urljoin(start_url, sel.page_template.format(n=sel.page_template_start + page_no - 1))]


def plan_static(start_url: str, sel: ListSelectors):
    """The page planner of this family (see the module docstring for the order)."""

    def plan(html: str, page_url: str, page_no: int, n_items: int) -> list[str]:
        pages = trs_page_urls(html, page_url)
        if pages:
            return pages[1:]
        if sel.next is None:
            pages = numbered_from_last(html, page_url, start_url)
            if pages:
                return pages
        pages = template_pages(html, start_url, sel, page_no, n_items)
        if pages:
            return pages
        nxt = next_link(html, page_url, sel.next)
        return [nxt] if nxt else []

    return plan


@family("static_list")
def iter_static_pages(client: HttpClient, source: SourceConfig, start_url: str,
                      memo: PageMemo | None = None) -> Iterator[ListPage]:
    """Yield list pages in order; the caller closes the generator to stop early (incremental crawl)."""
    sel = selectors(source, {})

    def parse(html: str, page_url: str):
        return parse_rows_first(BeautifulSoup(html, "lxml"), page_url, sel, source, ROW_CANDIDATES)

    yield from walk_html_pages(client, source, start_url, memo, parse, plan_static(start_url, sel))
