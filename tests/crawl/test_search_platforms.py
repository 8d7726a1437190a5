"""Site search on the platforms portals run: TRS 海云 IRS (JSON POST), 开普云 search5 (form POST) and 开普云's
server-rendered result pages (`view?` redirect wrappers), each crawled with its example YAML from
`sources/examples/` against the fakes of `tests/crawl/portals.py` (shapes and sources in their docstrings).

`test_families` already checks every platform finds each report and nothing else; these tests pin what makes
each platform work: the request each one insists on, the wrappers never fetched, the pages not probed.
"""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError
from selfeval.crawl.families.search import ResultPage, _page_request, last_page
from selfeval.sources.schema import SearchOptions, SourceConfig

from tests.crawl.portals import KaipuyunHtmlPortal, KaipuyunSearch5Portal, TrsIrsSearchPortal


def _search_requests(portal, path: str) -> list[tuple[str, str, int]]:
    return portal.hits(lambda r: r[1].split("?")[0] == path)


def test_trs_irs_gets_one_json_object_with_numeric_paging(warehouse):
    """The TRS fake refuses anything but application/json with orderBy/searchBy (as the real one does), so a
    full recall here means the body went out as JSON; the page number is a JSON number, the filters a list."""
    with TrsIrsSearchPortal() as portal:
        cfg = SourceConfig.model_validate(portal.source())
        req = _page_request(portal.url("/irs/front/search?searchWord=%E7%BB%A9%E6%95%88%E8%87%AA%E8%AF%84"),
                            cfg.search, 1)
        body = json.loads(req.data)
        assert req.content_type.startswith("application/json")
        assert body["pageNo"] == 2 and body["pageSize"] == 10 and body["filters"] == [] and body["isSearchForced"] == 0
        assert body["searchWord"] == "绩效自评" and body["orderBy"] == "time"
        run = warehouse.run(portal.source())
        assert set(warehouse.documents(portal.source_id)) == set(portal.expected_documents())
        assert len(_search_requests(portal, "/irs/front/search")) == 4  # total 36 in data.pager: no 5th page
        assert not run.crawl.errors


def test_trs_irs_as_a_form_finds_nothing():
    """The same YAML with a form body is what the server refuses ("Content type not supported"): the fake
    is strict enough for the JSON body to matter."""
    with TrsIrsSearchPortal() as portal:
        cfg = portal.source()
        cfg["search"] = {**cfg["search"], "body": "form", "params": {
            k: v for k, v in cfg["search"]["params"].items() if not isinstance(v, list)}}
        source = SourceConfig.model_validate(cfg)
        from selfeval.crawl.families.search import iter_search_pages
        from selfeval.pipeline.crawl import make_client
        from selfeval.settings import get_settings

        client = make_client(source, get_settings(), sleep=lambda _s: None)
        pages = list(iter_search_pages(client, source, portal.url("/irs/front/search?searchWord=绩效自评")))
        assert len(pages) == 1 and pages[0].items == []


def test_kaipuyun_search5_form_and_titles_without_highlights(warehouse):
    with KaipuyunSearch5Portal() as portal:
        warehouse.run(portal.source())
        items = warehouse.items(portal.source_id)
        assert set(warehouse.documents(portal.source_id)) == set(portal.expected_documents())
        assert all("<" not in r["title"] and "color" not in r["title"] for r in items.values())
        assert len(_search_requests(portal, "/search5/search/s")) == 4


def test_kaipuyun_html_unwraps_view_links_and_stops_on_the_short_page(warehouse):
    """`view?…&url=<target>` is never fetched (its page only redirects by script); the full title comes from
    the link's title attribute (the text is cut at 20 characters); the page of 6 rows after pages of 10 is
    the last, so no empty page 5 is asked for although the HTML names no total the crawler reads."""
    with KaipuyunHtmlPortal() as portal:
        warehouse.run(portal.source())
        assert set(warehouse.documents(portal.source_id)) == set(portal.expected_documents())
        assert not _search_requests(portal, "/search/view")
        pages = sorted(int(p.rsplit("page=", 1)[1].split("&")[0]) for _m, p, _s in _search_requests(portal, "/search/s"))
        assert pages == [1, 2, 3, 4]
        items = warehouse.items(portal.source_id)
        assert not [u for u in items if "/search/view" in u]  # every item is its target, not the wrapper
        for e in portal.entries:
            assert items[portal.url(e.detail_path)]["title"] == e.title


@pytest.mark.parametrize(("rows", "longest", "last"), [(10, 0, False), (6, 0, False), (10, 10, False),
                                                       (6, 10, True), (20, 20, False), (7, 20, True)])
def test_short_page_rule_without_a_total(rows, longest, last):
    """Without a total, a page shorter than an earlier one is the last; page 1 is never judged short (a
    server may cap the page size below what was asked: 20 of 50 on every page until the last)."""
    page = ResultPage(items=[object()] * rows, rows=rows)  # type: ignore[list-item]
    assert last_page(page, SearchOptions(format="html"), seen=rows, longest=longest) is last


def test_total_wins_over_page_length():
    cfg = SearchOptions(total="data.total")
    short = ResultPage(items=[object()] * 3, rows=3, data={"data": {"total": 40}})  # type: ignore[list-item]
    assert last_page(short, cfg, seen=23, longest=10) is False
    assert last_page(short, cfg, seen=40, longest=10) is True


def test_search_body_options_are_validated():
    with pytest.raises(ValidationError, match="needs search.method: POST"):
        SearchOptions(body="json")
    with pytest.raises(ValidationError, match=r"search.params.filters: a list or object"):
        SearchOptions(method="POST", params={"filters": []})
    cfg = SearchOptions(params={"uc": 1, "flag": True, "column": None, "siteCode": "4690050001"})
    url = _page_request("https://a.gov.cn/s?searchWord=x", cfg, 0).url
    assert "uc=1" in url and "flag=true" in url and "column=&" in url and "page=1" in url
