"""What every family adapter yields, and the list-page machinery they share.

An adapter is a generator `adapter(client, source, start_url, memo=None)` that
yields one `ListPage` per list request, newest page first. The caller records
each page and may close the generator to stop paging (incremental crawl), so
adapters never decide what is "known": they only fetch, parse and plan the next
page. `PageMemo` carries what the caller remembers between runs for this start
URL: validators for conditional GET, and family discoveries (e.g. a gkmlpt sid)
so they need not be looked up again.
"""

from __future__ import annotations

import html as htmllib
import re
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from selfeval.crawl.attachments import Attachment, has_doc_ext
from selfeval.crawl.dates import date_from_url, parse_date
from selfeval.crawl.http import FetchResult, HttpClient
from selfeval.sources.schema import ListSelectors, SourceConfig
from selfeval.textdecode import decode_bytes

_TRUNCATED = re.compile(r"(?:\.{2,}|…+|﹍+)\s*$")


@dataclass
class ListedItem:
    url: str
    title: str
    list_page_url: str
    date: str | None = None
    date_raw: str | None = None
    attachments: list[Attachment] = field(default_factory=list)  # when the listing itself names them (JSON APIs)
    via: str | None = None  # the redirect wrapper the listing linked (visit/link.do?url=…), kept with the target

    @property
    def is_document(self) -> bool:
        return has_doc_ext(self.url)

    @property
    def truncated(self) -> bool:
        """List templates cut long titles (`…2023年度部门整体支出绩效自...`): judge those on the detail page."""
        return bool(_TRUNCATED.search(self.title))


@dataclass
class ListPage:
    url: str
    fetch: FetchResult
    items: list[ListedItem] = field(default_factory=list)
    error: str | None = None
    cacheable: bool = True  # a GET whose validators may be replayed next run
    limit: str | None = None  # paging stopped before this page (no request made): why, e.g. max_pages reached

    @property
    def not_modified(self) -> bool:
        return self.fetch.not_modified


@dataclass
class PageMemo:
    """What the caller remembers about one start URL between runs."""

    conditional: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    notes: dict[str, Any] = field(default_factory=dict)


Adapter = Callable[..., Iterator[ListPage]]


# 开普云 (kaipuyun) search results link `view?qt=…&url=<target>&title=…`, a page whose script sets location.href.
_WRAPPER_PATH = re.compile(r"(?:^|/)(?:visit/)?(?:link|redirect|jump|goto|go|out|url|view)(?:\.do|\.jsp|\.php|\.aspx?)?$",
                           re.I)
_TARGET_PARAMS = ("url", "target", "redirect", "redirect_url", "u", "link", "to")


def unwrap_redirect(url: str) -> str:
    """The target of a redirect wrapper (Hanweb jsearchfront `visit/link.do?url=<target>&q=…`, 开普云
    `view?…&url=<target>`, generic `redirect.do?url=`), else `url` itself.  Only a wrapper path with a target parameter is unwrapped."""
    parts = urlsplit(url)
    if not _WRAPPER_PATH.search(parts.path):
        return url
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    for key in _TARGET_PARAMS:
        target = params.get(key)
        if target and re.match(r"^(?:https?://|/)", target):
            return urljoin(url, target)
    return url


def clean_title(text: str | None) -> str:
    """Visible title text: no markup (search highlights), entities decoded, VSB `主题：… 日期：…` wrappers dropped."""
    t = htmllib.unescape(re.sub(r"<[^>]+>", "", text or ""))
    t = unicodedata.normalize("NFC", t).replace("\u3000", " ").replace("\xa0", " ")
    t = re.sub(r"^\s*(?:主题|标题)\s*[:：]\s*", "", t)
    t = re.sub(r"\s*(?:日期|发布日期|发布时间)\s*[:：]\s*[\d\-年月日/.\s:]+$", "", t)
    return re.sub(r"\s+", " ", t).strip()


def best_title(link: Tag, title_el: Tag | None = None) -> str:
    """The configured title element, else the link's title attribute when the text is cut short, else its text."""
    if title_el is not None:
        text = clean_title(title_el.get("title") or title_el.get_text(""))
        if text:
            return text
    text = clean_title(link.get_text(""))  # no separator: `<em>` highlights sit inside words
    attr = clean_title(link.get("title") or "")
    if attr and (not text or _TRUNCATED.search(text) or len(attr) > len(text)):
        return attr
    return text or attr


def row_to_item(row: Tag, page_url: str, sel: ListSelectors) -> ListedItem | None:
    """One list row → item: its link, title and date (date column, else the row text, else the URL)."""
    link = row.select_one(sel.link) if sel.link else row
    if link is None and row.name == "a":
        link = row
    href = (link.get("href") or "").strip() if link is not None else ""
    if not href or href.lower().startswith(("javascript", "#", "mailto:")):
        return None
    wrapper = urljoin(page_url, href)
    url = unwrap_redirect(wrapper)
    title = best_title(link, row.select_one(sel.title) if sel.title else None)
    if _TRUNCATED.search(title or "") and url != wrapper:  # a search snippet cut the title: the wrapper names it
        full = dict(parse_qsl(urlsplit(wrapper).query)).get("title")
        title = clean_title(full) if full else title
    if not title:
        return None
    date_text = None
    if sel.date:
        date_el = row.select_one(sel.date)
        date_text = date_el.get_text(" ", strip=True) if date_el is not None else None
    iso, raw = parse_date(date_text) if date_text else (None, None)
    if raw is None:  # the row's own text, minus the title (which may itself hold a date)
        rest = row.get_text(" ", strip=True)
        for part in (link.get_text(" ", strip=True), title):
            rest = rest.replace(part, " ") if part else rest
        iso, raw = parse_date(rest, last=True)
    return ListedItem(url=url, title=title, list_page_url=page_url, date=iso or date_from_url(url), date_raw=raw,
                      via=wrapper if wrapper != url else None)


def parse_rows(soup: BeautifulSoup | Tag, page_url: str, sel: ListSelectors) -> list[ListedItem]:
    """Every row matching `sel.item` that holds a link, deduplicated by URL, in page order."""
    items: list[ListedItem] = []
    seen: set[str] = set()
    for row in soup.select(sel.item):
        item = row_to_item(row, page_url, sel)
        if item is None or item.url in seen or item.url.split("#")[0] == page_url.split("#")[0]:
            continue
        seen.add(item.url)
        items.append(item)
    return items


def parse_rows_first(soup: BeautifulSoup | Tag, page_url: str, sel: ListSelectors, source: SourceConfig,
                     candidates: list[str]) -> list[ListedItem]:
    """The YAML's `list.item` if set; else the first family row selector that finds rows (not their union,
    which would sweep in navigation menus)."""
    if "item" in source.list_.model_fields_set:
        return parse_rows(soup, page_url, sel)
    for item_sel in candidates:
        items = parse_rows(soup, page_url, sel.model_copy(update={"item": item_sel}))
        if items:
            return items
    return []


def parse_list_items(html: str, page_url: str, item_sel: str, link_sel: str = "a",
                     title_sel: str | None = None, date_sel: str | None = None) -> list[ListedItem]:
    """Generic CSS-selector list parsing (kept for callers that pass selectors one by one)."""
    sel = ListSelectors(item=item_sel, link=link_sel, title=title_sel, date=date_sel)
    return parse_rows(BeautifulSoup(html, "lxml"), page_url, sel)


def selectors(source: SourceConfig, family_defaults: dict[str, str | None]) -> ListSelectors:
    """The source's list selectors, with this family's defaults for every key the YAML leaves unset."""
    given = source.list_.model_dump(include=source.list_.model_fields_set)
    return source.list_.model_copy(update={k: v for k, v in family_defaults.items() if k not in given})


def fetch(client: HttpClient, url: str, memo: PageMemo | None, method: str = "GET",
          data: dict | bytes | None = None, content_type: str | None = None) -> FetchResult:
    """A list request, conditional when the memo holds validators for it."""
    etag, lm = (memo.conditional.get(url, (None, None)) if memo and method == "GET" else (None, None))
    return client.get(url, etag=etag, last_modified=lm, method=method, data=data, content_type=content_type)


def failed_page(url: str, res: FetchResult) -> ListPage:
    return ListPage(url=url, fetch=res, error=res.error or f"HTTP {res.status}")


def unusable(url: str, res: FetchResult) -> ListPage | None:
    """The page to yield instead of parsing: a failure (with its reason) or a 304 (nothing changed)."""
    if not res.ok:
        return failed_page(url, res)
    if res.not_modified:
        return ListPage(url=url, fetch=res)
    return None


Planner = Callable[[str, str, int, int], list[str]]
Parser = Callable[[str, str], list[ListedItem]]
# Most pages a planner names from one page's pager (`createPageHTML(2000000000, …)`, `共99999999页`, a 尾页
# link to `index_99999999.html`): the largest `max_pages` a source may set, so a pager trap costs nothing.
PLAN_LIMIT = 10_000


def planned_count(count: int | str) -> int:
    """A page count read from a page (an int or its digits), bounded by PLAN_LIMIT (the rest is never
    generated); thousands of digits are PLAN_LIMIT too, not a ValueError from int()."""
    if isinstance(count, str):
        count = count.strip()
        if not count.isdigit():
            return 0
        if len(count) > len(str(PLAN_LIMIT)):
            return PLAN_LIMIT
        count = int(count)
    return max(0, min(count, PLAN_LIMIT))


def paging_stopped(url: str, why: str) -> ListPage:
    """The page where paging stopped on a limit: yielded (never fetched) so the stop is recorded, not silent."""
    return ListPage(url=url, fetch=FetchResult(url=url, error=why), error=why, cacheable=False, limit=why)


def walk_html_pages(client: HttpClient, source: SourceConfig, start_url: str, memo: PageMemo | None,
                    parse: Parser, plan: Planner) -> Iterator[ListPage]:
    """Fetch list pages breadth-first: `plan(html, url, page_no, n_items)` names the pages after each one.

    A 304 page is yielded without items; callers stop there (only a completed
    earlier crawl sends validators, so an unchanged page holds only known items).

    At most `source.max_pages` pages are fetched. Pages planned beyond that (a long archive, or a trap: an
    endless `?date=` calendar, a pager claiming a billion pages) are not queued; the walk then ends with a
    `paging_stopped` page naming the first page left out, so the cut is recorded and the column is never
    taken for walked to its end.
    """
    queue: deque[str] = deque([start_url])
    seen: set[str] = {start_url}  # visited or queued
    visited = 0
    left_out: list[str] = []  # planned beyond max_pages (the first few), and how many
    n_left_out = 0
    while queue:
        url = queue.popleft()
        visited += 1
        res = fetch(client, url, memo)
        if (early := unusable(url, res)) is not None:
            yield early
            if res.blocked:
                return
            continue
        html, _enc = decode_bytes(res.body, res.content_type)
        page_url = res.final_url or url
        items = parse(html, page_url)
        yield ListPage(url=url, fetch=res, items=items)
        for nxt in plan(html, page_url, visited, len(items)):
            if nxt in seen:
                continue
            seen.add(nxt)
            if visited + len(queue) < source.max_pages:
                queue.append(nxt)
            else:
                n_left_out += 1
                if len(left_out) < 1:
                    left_out.append(nxt)
    if n_left_out:
        more = f"{n_left_out}+" if n_left_out >= PLAN_LIMIT - source.max_pages else str(n_left_out)
        yield paging_stopped(left_out[0], f"paging stopped at max_pages={source.max_pages}: {more} more list "
                                          "page(s) planned (a long archive, or a pager/query-string trap)")
