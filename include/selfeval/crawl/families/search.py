"""Site-search endpoints: ask the portal's own search for 绩效自评 and page through the hits.

Covers the common government search platforms by configuration (`search:` in
the YAML; one example per platform in `sources/examples/search-*.yaml`): JSON APIs
(`{"data": {"total": 87, "list": [{"title": "…<em>绩效自评</em>…", "url": "…",
"date": "2024-05-20"}]}}`; paths are dotted and may index lists) such as TRS 海云
`/irs/front/search` (a JSON body: `search.body: json`) and 开普云 search5
(`searchResultAll.searchTotal`), Hanweb jsearchfront's JSON of HTML snippets, and
HTML result pages (jsearchfront, 开普云 `div.msg`), parsed with the `list:`
selectors. Each start URL is the endpoint; it is searched once per keyword.
Highlight markup in titles is stripped and redirect wrappers (`visit/link.do`,
开普云 `view?`) are unwrapped. Paging stops at the answer's total, or without
one on the first page shorter than an earlier one. Search engines match loosely,
so every hit still goes through the relevance filter like any listed item; and
results should be sorted by time (put the sort parameter in `search.params`) for
the stop-when-known rule to be sound.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup

from selfeval.crawl.dates import date_from_epoch, date_from_url, parse_date
from selfeval.crawl.families.base import (
    ListedItem,
    ListPage,
    PageMemo,
    clean_title,
    fetch,
    parse_rows,
    row_to_item,
    selectors,
    unusable,
    unwrap_redirect,
)
from selfeval.crawl.families.registry import family
from selfeval.crawl.http import HttpClient
from selfeval.sources.schema import ListSelectors, ParamValue, SearchOptions, SourceConfig
from selfeval.textdecode import decode_bytes


def get_path(obj: Any, path: str | None) -> Any:
    """`data.list`, `result.records.0.title`, `$.data.list`: dotted lookup through dicts and lists."""
    if not path:
        return None
    for part in path.removeprefix("$.").removeprefix("$").split("."):
        if part == "":
            continue
        if isinstance(obj, list) and part.lstrip("-").isdigit():
            idx = int(part)
            obj = obj[idx] if -len(obj) <= idx < len(obj) else None
        elif isinstance(obj, dict):
            obj = obj.get(part)
        else:
            return None
        if obj is None:
            return None
    return obj


def start_points(source: SourceConfig) -> list[str]:
    """One start URL per (endpoint, keyword): each is its own "column" for incremental stops."""
    cfg = source.search
    out = []
    for endpoint in source.start_urls:
        if not cfg.keywords:
            out.append(endpoint)
        for kw in cfg.keywords:
            out.append(_with_params(endpoint, {cfg.query_param: kw}))
    return out


def _with_params(url: str, params: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(params)
    return urlunsplit(parts._replace(query=urlencode(query)))


def _as_text(value: ParamValue) -> str:
    """A scalar parameter as a query string or form writes it (`true`, `1`, `` for null), not Python's repr."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


@dataclass
class PageRequest:
    """One result page's request: where, and for a POST the body and its type."""

    url: str  # what the list page is recorded as (a POST's page number in the #fragment)
    data: dict[str, str] | bytes | None = None
    content_type: str | None = None

    @property
    def endpoint(self) -> str:
        return self.url.split("#")[0]


def _page_request(start: str, cfg: SearchOptions, n: int) -> PageRequest:
    """Result page `n` (0-based): GET puts everything in the query, a POST in its form or JSON body.

    A JSON body keeps the YAML's types (TRS 海云 wants `"pageNo": 2`, `"filters": []`); the keyword, which
    `start_points` put in the start URL's query, moves into the body with the endpoint's other query values."""
    paging: dict[str, int] = {cfg.page_param: cfg.page_start + n}
    if cfg.page_size_param and cfg.page_size:
        paging[cfg.page_size_param] = cfg.page_size
    if cfg.method == "GET":
        return PageRequest(_with_params(start, {k: _as_text(v) for k, v in (cfg.params | paging).items()}))
    parts = urlsplit(start)
    url = urlunsplit(parts._replace(query="")) + f"#{cfg.page_param}={paging[cfg.page_param]}"
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    if cfg.body == "json":
        body = json.dumps(query | cfg.params | paging, ensure_ascii=False).encode("utf-8")
        return PageRequest(url, body, "application/json;charset=UTF-8")
    return PageRequest(url, query | {k: _as_text(v) for k, v in (cfg.params | paging).items()})


SNIPPET_ROW = ListSelectors(item="body", link=".jcse-news-title a[href], h3 a[href], a[href]",
                            date=".jcse-news-date, [class*=date], [class*=time]")


def snippet_item(html: str, page_url: str) -> ListedItem | None:
    """One result given as an HTML snippet inside the JSON (Hanweb jsearchfront `cateSearch.do` answers
    `{"result": ["<div class=\"jcse-news-title\"><a href=\"visit/link.do?url=…\">…<em>绩效自评</em>…</a>…"]}`)."""
    soup = BeautifulSoup(html, "lxml")
    return row_to_item(soup.body or soup, page_url, SNIPPET_ROW)


def _snippet_list(data: Any) -> list[str] | None:
    """The first list of HTML snippets anywhere in a JSON answer (when `search.items` does not name it)."""
    stack = [data]
    while stack:
        v = stack.pop(0)
        if isinstance(v, list) and v and all(isinstance(x, str) for x in v) and any("<a" in x for x in v):
            return v
        if isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(x for x in v if isinstance(x, dict | list))
    return None


def json_items(data: Any, cfg: SearchOptions, page_url: str) -> list[ListedItem]:
    return _json_rows(data, cfg, page_url)[0]


def _json_rows(data: Any, cfg: SearchOptions, page_url: str) -> tuple[list[ListedItem], int]:
    """The results of one JSON answer, and how many rows it held (usable or not: the page's length)."""
    rows = get_path(data, cfg.items)
    if not isinstance(rows, list):
        rows = _snippet_list(data) or []
    items = []
    for row in rows:
        snippet = row if isinstance(row, str) else (get_path(row, cfg.html) if cfg.html else None)
        if isinstance(snippet, str):
            item = snippet_item(snippet, page_url)
            if item is not None:
                items.append(item)
            continue
        url, title = get_path(row, cfg.url), clean_title(str(get_path(row, cfg.title) or ""))
        if not url or not title:
            continue
        wrapper = urljoin(page_url, str(url))
        url = unwrap_redirect(wrapper)
        value = get_path(row, cfg.date)
        iso, raw = date_from_epoch(value) if isinstance(value, int | float) else parse_date(str(value or ""))
        items.append(ListedItem(url=url, title=title, list_page_url=page_url, date=iso or date_from_url(url),
                                date_raw=raw, via=wrapper if wrapper != url else None))
    return items, len(rows)


def _looks_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


@dataclass
class ResultPage:
    """One parsed result page: its items, the rows it held, and the JSON answer (for `search.total`)."""

    items: list[ListedItem]
    rows: int
    data: Any = None


def _parse(text: str, cfg: SearchOptions, source: SourceConfig, page_url: str) -> ResultPage:
    if cfg.format == "html" and not _looks_json(text):
        soup = BeautifulSoup(text, "lxml")
        sel = selectors(source, {})
        return ResultPage(parse_rows(soup, page_url, sel), len(soup.select(sel.item)))
    data = json.loads(text)  # a JSON answer, even where the YAML said html (its results are HTML snippets)
    items, rows = _json_rows(data, cfg, page_url)
    return ResultPage(items, rows, data)


def last_page(page: ResultPage, cfg: SearchOptions, seen: int, longest: int) -> bool:
    """No result page follows this one: it is empty, the answer's total is reached, or (no total given, as on
    HTML result pages) it holds fewer rows than an earlier page of the same search. Search engines page by a
    fixed count, so a shorter page is the last; page 1 is never judged so (a server may cap the page size
    below `search.page_size`), which leaves one empty-page probe when all results fit on page 1."""
    if not page.items:
        return True
    total = get_path(page.data, cfg.total) if page.data is not None else None
    if isinstance(total, int | str) and str(total).isdigit():
        return seen >= int(total)
    return 0 < page.rows < longest


@family("search", options="search", start_points=start_points)
def iter_search_pages(client: HttpClient, source: SourceConfig, start_url: str,
                      memo: PageMemo | None = None) -> Iterator[ListPage]:
    cfg = source.search
    seen = longest = 0
    for n in range(source.max_pages):
        req = _page_request(start_url, cfg, n)
        res = fetch(client, req.endpoint, memo, method=cfg.method, data=req.data, content_type=req.content_type) \
            if cfg.method == "POST" else fetch(client, req.url, memo)
        if (early := unusable(req.url, res)) is not None:
            yield early
            return
        try:
            page = _parse(decode_bytes(res.body, res.content_type)[0], cfg, source, req.endpoint)
        except ValueError as exc:
            yield ListPage(url=req.url, fetch=res, error=f"search: answer is not JSON ({exc})", cacheable=False)
            return
        yield ListPage(url=req.url, fetch=res, items=page.items, cacheable=cfg.method == "GET")
        seen += len(page.items)
        if last_page(page, cfg, seen, longest):
            return
        longest = max(longest, page.rows)
