"""CMS family adapters: each turns a start URL into list pages of items. Selected by `family:` in YAML."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from selfeval.crawl.families.base import ListedItem, ListPage
from selfeval.crawl.families.static_list import iter_static_pages

Adapter = Callable[..., Iterator[ListPage]]

ADAPTERS: dict[str, Adapter] = {
    "static_list": iter_static_pages,
    "css": iter_static_pages,
}


def get_adapter(family: str) -> Adapter:
    try:
        return ADAPTERS[family]
    except KeyError:
        raise NotImplementedError(f"CMS family {family!r} has no adapter yet (known: {sorted(ADAPTERS)})") from None


__all__ = ["ListPage", "ListedItem", "get_adapter", "ADAPTERS"]
