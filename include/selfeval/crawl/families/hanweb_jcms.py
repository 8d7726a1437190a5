"""Hanweb JCMS (大汉) column lists: `/col/colNNN/index.html` plus the `jpage` data proxy.

The column page carries the first group of rows inside
`<div id="UNITID"><script type="text/xml"><datastore><nextgroup>…</nextgroup>
<recordset><record><![CDATA[<li>…</li>]]></record>…</recordset></datastore></script>`,
and a `jpage({… perPage:15, totalRecord:523, groupSize:3 …})` call. The browser
gets the rest by POSTing `col=1&appid=1&webid=…&path=/&columnid=…&sourceContentType=1
&unitid=…&webname=…&permissiontype=0` to `/module/web/jpage/dataproxy.jsp?startrecord=46
&endrecord=90&perpage=15`, which answers the same `<datastore>` XML. The parameters
are read from the `nextgroup` link, the page's `i_webid`/`i_columnid` meta tags
and the column URL; `hanweb:` in the YAML overrides any of them. Attachments are
`/module/download/downfile.jsp?classid=0&filename=…` links on the detail pages.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urljoin, urlsplit

from bs4 import BeautifulSoup

from selfeval.crawl.families.base import (
    ListedItem,
    ListPage,
    PageMemo,
    fetch,
    row_to_item,
    selectors,
    unusable,
)
from selfeval.crawl.families.registry import family
from selfeval.crawl.http import HttpClient
from selfeval.sources.schema import ListSelectors, SourceConfig
from selfeval.textdecode import decode_bytes

_STORE = re.compile(r"(?:<div[^>]*\bid=['\"]?(\w+)['\"]?[^>]*>\s*)?<script[^>]*type=['\"]text/xml['\"][^>]*>\s*"
                    r"<datastore>(.*?)</datastore>", re.S | re.I)
_BARE_STORE = re.compile(r"<datastore>(.*?)</datastore>", re.S | re.I)
_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)
_NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>\s*</nextgroup>", re.S | re.I)


@dataclass
class DataStore:
    records: list[str]
    unitid: str | None = None
    nextgroup: dict[str, str] = field(default_factory=dict)
    total: int | None = None


def _int(pattern: str, text: str) -> int | None:
    m = re.search(pattern, text, re.I)
    return int(m.group(1)) if m else None


def parse_datastore(block: str, unitid: str | None = None) -> DataStore:
    """Records, nextgroup parameters and total of one `<datastore>` body (page-embedded or proxy answer)."""
    params: dict[str, str] = {}
    m = _NEXTGROUP.search(block)
    if m:
        href = re.search(r"href=['\"]([^'\"]+)", m.group(1))
        if href:
            query = urlsplit(htmllib.unescape(href.group(1))).query
            params = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
    return DataStore(records=_RECORD.findall(block), unitid=unitid or params.get("unitid"), nextgroup=params,
                     total=_int(r"<totalrecord>\s*(\d+)", block))


def page_datastore(html: str, unitid: str | None) -> DataStore | None:
    """The column's datastore: the configured unit's, else the one with the most records (not a sidebar's)."""
    stores = [parse_datastore(m.group(2), m.group(1)) for m in _STORE.finditer(html)]
    if not stores:
        stores = [parse_datastore(m.group(1)) for m in _BARE_STORE.finditer(html)]
    if unitid:
        stores = [s for s in stores if s.unitid == unitid] or stores
    return max(stores, key=lambda s: len(s.records)) if stores else None


def _meta(html: str, *names: str) -> str | None:
    for name in names:
        m = re.search(rf"""<meta[^>]+name=['"]{name}['"][^>]*content=['"]([^'"]*)""", html, re.I)
        if m and m.group(1):
            return m.group(1)
    return None


def proxy_params(html: str, store: DataStore, source: SourceConfig, column_url: str) -> dict[str, str] | None:
    """The dataproxy POST form, or None when columnid/unitid cannot be found (then set them in YAML)."""
    opt, ng = source.hanweb, store.nextgroup
    col = re.search(r"/col/col(\d+)/", column_url)
    params = {
        "col": ng.get("col", "1"), "appid": ng.get("appid", "1"),
        "webid": opt.webid or ng.get("webid") or _meta(html, "i_webid", "WebId") or "1",
        "path": ng.get("path", "/"),
        "columnid": opt.columnid or ng.get("columnid") or _meta(html, "i_columnid") or (col.group(1) if col else ""),
        "sourceContentType": opt.source_content_type,
        "unitid": opt.unitid or store.unitid or ng.get("unitid") or "",
        "webname": opt.webname or ng.get("webname") or _meta(html, "SiteName") or "",
        "permissiontype": ng.get("permissiontype", opt.permissiontype),
    }
    return params if params["columnid"] and params["unitid"] else None


def record_items(records: list[str], page_url: str, sel: ListSelectors) -> list[ListedItem]:
    """Each CDATA record is one row (`<li>` or `<tr>`) holding the article link."""
    items: list[ListedItem] = []
    seen: set[str] = set()
    for record in records:
        soup = BeautifulSoup(record, "lxml")
        item = row_to_item(soup.body or soup, page_url, sel)
        if item is not None and item.url not in seen:
            seen.add(item.url)
            items.append(item)
    return items


def _sizes(html: str, source: SourceConfig, embedded: int) -> tuple[int, int]:
    """(rows per page, pages per proxy request) from YAML, else the jpage() call, else what page 1 shows."""
    perpage = source.hanweb.perpage or _int(r"perPage\s*[:=]\s*['\"]?(\d+)", html) or max(1, min(embedded, 15))
    group = source.hanweb.group_size or _int(r"groupSize\s*[:=]\s*['\"]?(\d+)", html) or 3
    return perpage, group


@family("hanweb_jcms", options="hanweb")
def iter_hanweb_pages(client: HttpClient, source: SourceConfig, start_url: str,
                      memo: PageMemo | None = None) -> Iterator[ListPage]:
    sel = selectors(source, {"date": "span, td:last-child, .date, .time"})
    res = fetch(client, start_url, memo)
    if (early := unusable(start_url, res)) is not None:
        yield early
        return
    html, _ = decode_bytes(res.body, res.content_type)
    page_url = res.final_url or start_url
    store = page_datastore(html, source.hanweb.unitid)
    if store is None:
        yield ListPage(url=start_url, fetch=res, error="hanweb: no <datastore> on the column page")
        return
    yield ListPage(url=start_url, fetch=res, items=record_items(store.records, page_url, sel))
    total = _int(r"totalRecord\s*[:=]\s*['\"]?(\d+)", html) or store.total
    if total is not None and total <= len(store.records):
        return
    params = proxy_params(html, store, source, page_url)
    if params is None:
        yield ListPage(url=start_url, fetch=res, items=[],
                       error="hanweb: dataproxy columnid/unitid not found; set hanweb.columnid and hanweb.unitid")
        return
    yield from _proxy_pages(client, source, page_url, params, len(store.records), total, html, sel)


def _proxy_pages(client: HttpClient, source: SourceConfig, page_url: str, params: dict[str, str],
                 start_after: int, total: int | None, html: str, sel: ListSelectors) -> Iterator[ListPage]:
    """POST the data proxy one group at a time until the total is reached or a group comes back short."""
    perpage, group = _sizes(html, source, start_after)
    chunk = perpage * group
    proxy = urljoin(page_url, source.hanweb.proxy_path)
    first = start_after + 1
    for _ in range(source.max_pages - 1):
        if total is not None and first > total:
            return
        url = f"{proxy}?startrecord={first}&endrecord={first + chunk - 1}&perpage={perpage}"
        res = client.get(url, method="POST", data=params)
        first += chunk
        if not res.ok:
            yield ListPage(url=url, fetch=res, error=res.error or f"HTTP {res.status}", cacheable=False)
            if res.blocked:
                return
            continue
        text, _ = decode_bytes(res.body, res.content_type)
        answer = parse_datastore(text)
        total = answer.total or total
        yield ListPage(url=url, fetch=res, items=record_items(answer.records, page_url, sel), cacheable=False)
        if len(answer.records) < chunk and total is None:
            return
        if not answer.records:
            return
