"""Site-search endpoints: ask the portal's own search for 绩效自评 and page through the hits.

Covers the common government search platforms by configuration (`search:` in
the YAML): JSON APIs (`{"data": {"total": 87, "list": [{"title": "…<em>绩效自评</em>…",
"url": "…", "date": "2024-05-20"}]}}`; paths are dotted and may index lists) and
HTML result pages (Hanweb jsearchfront, TRS, 开普云), parsed with the `list:`
selectors. Each start URL is the endpoint; it is searched once per keyword.
Highlight markup in titles is stripped. Search engines match loosely, so every
hit still goes through the relevance filter like any listed item; and results
should be sorted by time (put the sort parameter in `search.params`) for the
stop-when-known rule to be sound.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
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
from selfeval.sources.schema import ListSelectors, SearchOptions, SourceConfig
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


def _page_request(start: str, cfg: SearchOptions, n: int) -> tuple[str, dict[str, str] | None]:
    """(url, form data) of result page `n` (0-based): GET puts everything in the query, POST in the form."""
    params = dict(cfg.params)
    params[cfg.page_param] = str(cfg.page_start + n)
    if cfg.page_size_param and cfg.page_size:
        params[cfg.page_size_param] = str(cfg.page_size)
    if cfg.method == "GET":
        return _with_params(start, params), None
    parts = urlsplit(start)
    form = dict(parse_qsl(parts.query, keep_blank_values=True)) | params
    return urlunsplit(parts._replace(query="")) + f"#{cfg.page_param}={params[cfg.page_param]}", form


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
    return items


def _looks_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


def _parse(text: str, cfg: SearchOptions, source: SourceConfig, page_url: str) -> tuple[list[ListedItem], Any]:
    if cfg.format == "html" and not _looks_json(text):
        return parse_rows(BeautifulSoup(text, "lxml"), page_url, selectors(source, {})), None
    data = json.loads(text)  # a JSON answer, even where the YAML said html (its results are HTML snippets)
    return json_items(data, cfg, page_url), data


@family("search", options="search", start_points=start_points)
def iter_search_pages(client: HttpClient, source: SourceConfig, start_url: str,
                      memo: PageMemo | None = None) -> Iterator[ListPage]:
    cfg = source.search
    seen = 0
    for n in range(source.max_pages):
        url, form = _page_request(start_url, cfg, n)
        res = fetch(client, url.split("#")[0], memo, method=cfg.method, data=form) if form is not None \
            else fetch(client, url, memo)
        if (early := unusable(url, res)) is not None:
            yield early
            return
        try:
            items, data = _parse(decode_bytes(res.body, res.content_type)[0], cfg, source, url.split("#")[0])
        except ValueError as exc:
            yield ListPage(url=url, fetch=res, error=f"search: answer is not JSON ({exc})", cacheable=False)
            return
        yield ListPage(url=url, fetch=res, items=items, cacheable=cfg.method == "GET")
        seen += len(items)
        total = get_path(data, cfg.total) if data is not None else None
        if not items or (isinstance(total, int | str) and str(total).isdigit() and seen >= int(total)):
            return
