"""The family registry: the schema accepts exactly the registered families, a family's own check and options
block are enforced, and a new family is one decorated function."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from selfeval.crawl.families import FAMILIES, get_adapter, start_points
from selfeval.crawl.families.base import ListedItem, ListPage
from selfeval.crawl.families.registry import family
from selfeval.sources.schema import SourceConfig


def _cfg(**kw) -> dict:
    return {"id": "reg-test", "name": "n", "start_urls": ["https://a.gov.cn/list/"], **kw}


def test_builtin_families_are_registered():
    assert {"static_list", "hanweb_jcms", "vsb", "gkmlpt", "search", "css"} <= set(FAMILIES)
    for name in FAMILIES:
        assert SourceConfig.model_validate(_cfg(family=name, list={"item": "li"})).family == name


def test_unknown_family_and_foreign_options_are_config_errors():
    with pytest.raises(ValidationError, match="unknown CMS family 'frontpage'"):
        SourceConfig.model_validate(_cfg(family="frontpage"))
    with pytest.raises(ValidationError, match="options block 'search' does not apply to family 'vsb'"):
        SourceConfig.model_validate(_cfg(family="vsb", search={"keywords": ["绩效自评"]}))
    with pytest.raises(ValidationError, match="css needs list.item"):
        SourceConfig.model_validate(_cfg(family="css"))


def test_a_new_family_is_one_decorated_function():
    def feed_starts(source: SourceConfig) -> list[str]:
        return [u + "feed.json" for u in source.start_urls]

    @family("toy_feed", start_points=feed_starts)
    def iter_toy(client, source, start_url, memo=None):
        yield ListPage(url=start_url, fetch=None, items=[ListedItem(url=start_url + "1.pdf", title="县2023年度绩效自评报告",
                                                               list_page_url=start_url)])

    try:
        src = SourceConfig.model_validate(_cfg(family="toy_feed"))
        assert start_points(src) == ["https://a.gov.cn/list/feed.json"]
        [page] = list(get_adapter("toy_feed")(None, src, start_points(src)[0]))
        assert page.items[0].url.endswith("feed.json1.pdf")
        with pytest.raises(ValueError, match="registered twice"):
            family("toy_feed")(lambda *a, **k: iter(()))
    finally:
        FAMILIES.pop("toy_feed", None)
