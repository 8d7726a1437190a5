"""Pages built to hurt a crawler (the chaos suite's trap column, tests/crawl/faultportal.py; issue 13).

- An HTML bomb: 2.6 million elements in 7.8 MB of HTML, 30 KB gzipped, under the 8 MB page cap. Parsed, it
  took one crawl to 1.5 GB RSS and 89 s; it is refused by the HTTP client before any parser sees it.
- A pager trap: `createPageHTML(2000000000, …)` (or a 尾页 link, 共N页, a VSB `1/N`) made the planner build N
  URLs and de-duplicate them quadratically; now at most PLAN_LIMIT are named and `max_pages` are queued.
- An endless calendar (`?date=` with a 下一页 link forever): the walk stops at `max_pages`, and says so in the
  crawl run's error instead of stopping silently and taking the column for walked to its end.
"""

from __future__ import annotations

import time

import pytest
from selfeval.crawl.families.base import PLAN_LIMIT
from selfeval.crawl.families.static_list import numbered_from_last, template_pages, trs_page_urls
from selfeval.crawl.families.vsb import older_pages, page_count
from selfeval.crawl.http import ClientPolicy, HttpClient
from selfeval.pipeline.crawl import load_state
from selfeval.sources.schema import ListSelectors, SourceConfig

from tests.crawl.faultportal import TRAPS, FaultPortal

HTML_BOMB = "HTML bomb list page (2.6 million elements, 30 KB gzipped)"
NESTED_BOMB = "HTML bomb on a detail page (700,000 nested elements)"
PAGER = "pager trap (createPageHTML with two billion pages)"
CALENDAR = "query-string trap (endless calendar)"


def test_html_bombs_are_refused_before_parsing():
    with FaultPortal([HTML_BOMB, NESTED_BOMB]) as portal:
        client = HttpClient(ClientPolicy(user_agent="t", allow_hosts=["127.0.0.1"], allow_private=True,
                                         requests_per_second=100))
        for name in (HTML_BOMB, NESTED_BOMB):
            t0 = time.monotonic()
            res = client.get(portal.url(portal.where[name]))
            assert not res.ok and res.body == b"" and "HTML bomb" in res.error, (name, res.error)
            assert time.monotonic() - t0 < 5
        ordinary = client.get(portal.url("/zwgk/jxzp/index.html"))  # a real list page is far below the cap
        assert ordinary.ok and ordinary.body


def test_planners_name_at_most_plan_limit_pages():
    page = "http://x.gov.cn/col/jxzp/index.html"
    huge, digits = "3000000", "9" * 5000  # int() of 5,000 digits raises ValueError in Python 3.11
    for count in (huge, digits):
        t0 = time.monotonic()
        assert len(trs_page_urls(f'<script>createPageHTML({count}, 0, "index", "html");</script>', page)) == PLAN_LIMIT
        assert len(trs_page_urls(f"<script>var countPage = {count};</script>", page)) == PLAN_LIMIT
        assert len(numbered_from_last(f'<a href="index_{count}.html">尾页</a>', page, page)) == PLAN_LIMIT
        sel = ListSelectors(page_template="index_{n}.html", page_template_start=1)
        assert len(template_pages(f"<div>共{count}页</div>", page, sel, 1, 10)) == PLAN_LIMIT - 1
        n = page_count(f'<div class="pb_sys_common">共{count}页</div>', "http://x.gov.cn/xxgk/tzgg.htm")
        assert n == PLAN_LIMIT and len(older_pages("http://x.gov.cn/xxgk/tzgg.htm", n)) == PLAN_LIMIT - 1
        assert time.monotonic() - t0 < 2
    assert len(trs_page_urls('<script>createPageHTML(3, 0, "index", "shtml");</script>', page)) == 3  # unchanged


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name, path", [(PAGER, "/traps/pager/"), (CALENDAR, "/traps/calendar/")])
def test_paging_traps_stop_at_max_pages_and_say_so(name, path, warehouse):
    with FaultPortal([name]) as portal:
        [src] = [s for s in portal.sources() if s["id"] == TRAPS]
        src["max_pages"] = 5
        t0 = time.monotonic()
        run = warehouse.run(src)
        assert time.monotonic() - t0 < 30
        lists = [p for _m, p, _s in portal.hits() if p.startswith(path) and "/index" in p]
        assert len(lists) == 5, lists
        assert any("paging stopped at max_pages=5" in e for e in run.crawl.errors), run.crawl.errors
        [crawl_run] = warehouse.sql("SELECT status, error, pages_fetched FROM crawl_run")
        assert crawl_run["status"] == "success" and crawl_run["pages_fetched"] == 5
        assert path in crawl_run["error"] and "paging stopped at max_pages=5" in crawl_run["error"]
        assert not warehouse.sql("SELECT * FROM fetch WHERE error LIKE 'paging stopped%'")  # no request: no fetch row
        hidden = portal.facts[name]
        docs = warehouse.documents(TRAPS)
        assert portal.url(hidden["doc"]) in docs  # what the trap's first page hid is found all the same
        state = load_state(SourceConfig.model_validate(src), warehouse.settings)
        assert not state.complete(src["start_urls"][0])  # never taken for walked to the end


def test_a_long_archive_cut_at_max_pages_is_recorded(warehouse):
    """Not a trap: eleven real list pages and max_pages=4. The cut is visible, and the next run walks again."""
    with FaultPortal([]) as portal:
        [src] = portal.sources()
        src["max_pages"] = 4
        run = warehouse.run(src)
        assert any("paging stopped at max_pages=4: 7 more" in e for e in run.crawl.errors), run.crawl.errors
        assert run.crawl.pages == 4
