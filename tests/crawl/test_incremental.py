"""Re-crawls fetch only what is new: counted on the portal's own request log."""

from __future__ import annotations

import pytest

from tests.crawl.portals import _body
from tests.crawl.test_families import FAMILIES


def _paths(portal, entries) -> set[str]:
    out = set()
    for e in entries:
        out.add(e.detail_path)
        out.update(d.path for d in e.docs)
    return out


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_recrawl_fetches_only_new_items(family, warehouse):
    with FAMILIES[family]() as portal:
        first = warehouse.run(portal.source())
        assert first.download.downloaded > 0 and first.download.failed == 0
        columns = len(portal.start_paths())

        portal.reset_log()
        unchanged = warehouse.run(portal.source())
        assert unchanged.crawl.items_new == 0 and unchanged.download.downloaded == 0
        assert len(portal.hits()) <= columns, portal.hits()  # one list request per column, robots.txt cached

        new = portal.add_items(2)
        portal.reset_log()
        again = warehouse.run(portal.source())
        fetched = {path for _m, path, _s in portal.hits()}
        item_paths = _paths(portal, portal.entries)
        fetched_items = {p for p in fetched if p in item_paths}
        assert fetched_items <= _paths(portal, new), sorted(fetched_items - _paths(portal, new))  # nothing old
        assert {d.path for e in new for d in e.docs} <= fetched_items  # (gkmlpt lists attachments: no detail)
        assert again.crawl.items_new == 2 and again.download.downloaded == 2
        list_requests = len(fetched - item_paths)
        assert list_requests <= 2 * columns, portal.hits()
        docs = warehouse.documents(portal.source_id)
        assert all(portal.url(d.path) in docs for e in new for d in e.docs)


def test_interrupted_crawl_is_walked_fully_next_time(warehouse):
    """A list page that failed leaves the column "incomplete": the next run pages to the end again."""
    with FAMILIES["static_list"]() as portal:
        portal.faults["/zwgk/jxzp/index_2.html"] = ["500"] * 4
        first = warehouse.run(portal.source())
        assert first.crawl.errors and "index_2.html" in first.crawl.errors[0]
        missing = [u for u in portal.expected_documents() if u not in warehouse.documents(portal.source_id)]
        assert missing  # the items of the failed page
        portal.reset_log()
        second = warehouse.run(portal.source())
        assert not second.crawl.stopped_early and not second.crawl.errors
        assert set(portal.expected_documents()) == set(warehouse.documents(portal.source_id))
        third = warehouse.run(portal.source())
        assert third.crawl.stopped_early and third.crawl.pages == 1


def test_changed_document_becomes_a_new_version_unchanged_ones_are_not_downloaded(warehouse):
    with FAMILIES["static_list"]() as portal:
        warehouse.run(portal.source())
        target = next(d for e in portal.entries if e.kind == "report" for d in e.docs)
        target.body = _body(999, target.ext, version=1)
        portal.reset_log()
        run = warehouse.run(portal.source(), recheck=True)
        assert run.download.downloaded == 1
        versions = warehouse.documents(portal.source_id)[portal.url(target.path)]
        assert len(versions) == 2 and versions[0]["sha256"] != versions[1]["sha256"]
        bodies = [(p, s) for m, p, s in portal.hits() if p in portal.docs or p.endswith(".html")]
        full = [p for p, s in bodies if s == 200 and p in portal.docs]
        assert full == [target.path], full  # every other document answered 304
        assert all(len(v) == 1 for u, v in warehouse.documents(portal.source_id).items() if u != portal.url(target.path))
