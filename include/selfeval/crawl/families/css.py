"""Generic CSS-selector lists for portals no other family fits, configured entirely in YAML.

`list: {item, link, title, date, next}` names the rows and their parts; pages
follow `list.next` (the next-page link), or `list.page_template` (`?page={n}`,
`list_{n}.html`; all pages at once when the page prints 共N页, else one more
while pages have rows), or a 下一页-style link as a last resort.
"""

from __future__ import annotations

from collections.abc import Iterator

from bs4 import BeautifulSoup

from selfeval.crawl.families.base import ListPage, PageMemo, parse_rows, walk_html_pages
from selfeval.crawl.families.registry import family
from selfeval.crawl.families.static_list import next_link, template_pages
from selfeval.crawl.http import HttpClient
from selfeval.sources.schema import SourceConfig


def _needs_item_selector(source: SourceConfig) -> None:
    if "item" not in source.list_.model_fields_set:
        raise ValueError("family css needs list.item (and usually list.next or list.page_template)")


@family("css", check=_needs_item_selector)
def iter_css_pages(client: HttpClient, source: SourceConfig, start_url: str,
                   memo: PageMemo | None = None) -> Iterator[ListPage]:
    sel = source.list_

    def parse(html: str, page_url: str):
        return parse_rows(BeautifulSoup(html, "lxml"), page_url, sel)

    def plan(html: str, page_url: str, page_no: int, n_items: int) -> list[str]:
        if sel.next:
            nxt = next_link(html, page_url, sel.next)
            return [nxt] if nxt else []
        pages = template_pages(html, start_url, sel, page_no, n_items)
        if pages or sel.page_template:
            return pages
        nxt = next_link(html, page_url, None)
        return [nxt] if nxt else []

    yield from walk_html_pages(client, source, start_url, memo, parse, plan)
