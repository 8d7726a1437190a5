"""CMS family adapters: each turns a start URL into list pages of items. Selected by `family:` in YAML.

Every adapter has the signature `adapter(client, source, start_url, memo=None)` and yields `ListPage`s
newest first (see `base`); it registers itself with `@family(...)` (see `registry`). `start_points(source)`
lists the "columns" of a source, each crawled (and stopped early) on its own.
"""

from __future__ import annotations

# Importing the family modules registers them (order is the order `selfeval sources list` shows).
from selfeval.crawl.families import css, gkmlpt, hanweb_jcms, search, static_list, vsb  # noqa: F401
from selfeval.crawl.families.base import Adapter, ListedItem, ListPage, PageMemo
from selfeval.crawl.families.registry import FAMILIES, get_family
from selfeval.sources.schema import SourceConfig


def get_adapter(family: str) -> Adapter:
    return get_family(family).adapter


def start_points(source: SourceConfig) -> list[str]:
    """The columns to crawl: the start URLs, or what the family derives from them (site search: one per
    endpoint and keyword)."""
    return get_family(source.family).starts(source)


__all__ = ["FAMILIES", "ListPage", "ListedItem", "PageMemo", "get_adapter", "start_points"]
