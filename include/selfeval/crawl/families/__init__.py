"""CMS family adapters: each turns a start URL into list pages of items. Selected by `family:` in YAML.

Every adapter has the signature `adapter(client, source, start_url, memo=None)`
and yields `ListPage`s newest first (see `base`). `start_points(source)` lists
the "columns" of a source, each crawled (and stopped early) on its own.
"""

from __future__ import annotations

from selfeval.crawl.families.base import Adapter, ListedItem, ListPage, PageMemo
from selfeval.crawl.families.css import iter_css_pages
from selfeval.crawl.families.gkmlpt import iter_gkmlpt_pages
from selfeval.crawl.families.hanweb_jcms import iter_hanweb_pages
from selfeval.crawl.families.search import iter_search_pages
from selfeval.crawl.families.search import start_points as search_start_points
from selfeval.crawl.families.static_list import iter_static_pages
from selfeval.crawl.families.vsb import iter_vsb_pages
from selfeval.sources.schema import SourceConfig

ADAPTERS: dict[str, Adapter] = {
    "static_list": iter_static_pages,
    "hanweb_jcms": iter_hanweb_pages,
    "vsb": iter_vsb_pages,
    "gkmlpt": iter_gkmlpt_pages,
    "search": iter_search_pages,
    "css": iter_css_pages,
}


def get_adapter(family: str) -> Adapter:
    try:
        return ADAPTERS[family]
    except KeyError:
        raise NotImplementedError(f"CMS family {family!r} has no adapter yet (known: {sorted(ADAPTERS)})") from None


def start_points(source: SourceConfig) -> list[str]:
    """The columns to crawl: the start URLs, or for site search one per (endpoint, keyword)."""
    if source.family == "search":
        return search_start_points(source)
    return list(source.start_urls)


__all__ = ["ADAPTERS", "ListPage", "ListedItem", "PageMemo", "get_adapter", "start_points"]
