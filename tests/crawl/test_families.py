"""Each family adapter against its test portal, through the real crawl and download stages.

100 % of the relevant documents are stored, nothing off-topic is, titles and
dates are right (no mojibake from the GBK pages, impossible list dates replaced
by the detail page's), and every skipped item carries its reason.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.crawl.conftest import Warehouse
from tests.crawl.portals import FAMILY_PORTALS as FAMILIES


@pytest.fixture(scope="module", params=sorted(FAMILIES))
def crawled(request, tmp_path_factory):
    """One full crawl per family portal, each into a warehouse of its own: documents are keyed by URL, and two
    family portals that got the same loopback port one after the other serve the same paths (a shared warehouse
    then answered the second crawl's downloads with the first's validators: 304, nothing stored for it)."""
    data = tmp_path_factory.mktemp(f"crawl-{request.param}") / "data"
    with pytest.MonkeyPatch.context() as mp, FAMILIES[request.param]() as p:
        mp.setenv("SELFEVAL_DATA_DIR", str(data))
        mp.delenv("SELFEVAL_WAREHOUSE_URL", raising=False)
        warehouse = Warehouse(data)
        run = warehouse.run(p.source())
        run.by_kind = Counter(p.request_kind(path) for _m, path, _s in p.hits())  # before later tests ask more
        yield p, warehouse, run


def test_family_finds_every_report_and_nothing_else(crawled):
    portal, warehouse, run = crawled
    assert len(portal.entries) >= 30 and len(portal.chunks()) >= 3
    docs = warehouse.documents(portal.source_id)
    expected = portal.expected_documents()
    missing = sorted(set(expected) - set(docs))
    extra = sorted(set(docs) - set(expected))
    assert not missing, f"{len(missing)} of {len(expected)} relevant documents missing: {missing[:5]}"
    assert not extra, f"unexpected downloads: {extra[:5]}"
    assert not set(docs) & portal.off_topic_urls()
    for url, (entry, name) in expected.items():
        assert [v["file_name"] for v in docs[url]] == [name], (url, entry.title)
    assert run.download.failed == 0 and not run.crawl.errors and not run.crawl.blocked


def test_family_requests_are_the_ideal_plus_robots(crawled):
    """A full crawl makes the requests a perfect crawler needs (`Portal.ideal_requests`, from the portal's
    truth) and one more, robots.txt: no list page twice, no probe past the last page, no off-topic page
    opened, no document fetched twice."""
    portal, _warehouse, run = crawled
    ideal = portal.ideal_requests()
    assert dict(run.by_kind) == {"robots.txt": 1, **{k: n for k, n in ideal.items() if n}}, (dict(run.by_kind), ideal)


def test_family_titles_dates_and_reasons(crawled):
    portal, warehouse, _run = crawled
    items = warehouse.items(portal.source_id)
    for e in portal.entries:
        row = items.get(portal.url(e.detail_path))
        assert row is not None, f"never listed: {e.title}"
        assert row["title"] == e.title, (row["title"], e.title)
        assert row["reason"], row
        if e.relevant or e.kind == "container_off":
            assert row["listed_date"] == e.date.isoformat(), (e.title, row["listed_date"], row["listed_date_raw"])
        elif e.list_date is None:
            assert row["listed_date"] == e.date.isoformat(), (e.title, row["listed_date"])
        if not e.relevant:
            assert row["status"] == "skipped", row
        # the scorer's figures next to its reason (issue 12): p(report) whenever it judged the title, in [0, 1]
        if "scorer p=" in row["reason"] and row["relevance_score"] is None:
            pytest.fail(f"scored title without relevance_score: {row}")
        for col in ("relevance_score", "page_score"):
            assert row[col] is None or 0.0 <= row[col] <= 1.0, row
        if "page text reads as a self-evaluation" in (row["reason"] or ""):
            assert row["page_score"] >= 0.5, row
    cut = [e for e in portal.entries if e.kind == "report_cut"]
    if portal.family in ("static_list", "hanweb_jcms", "css"):
        assert all(items[portal.url(e.detail_path)]["listed_date_raw"] == "1970-01-01" for e in cut)
    for url in portal.expected_documents():
        assert items[url]["status"] == "downloaded", (url, items[url]["status"], items[url]["reason"])


def test_dry_run_plans_exactly_what_the_crawl_stored(crawled, tmp_path, capsys):
    """The dry run follows the same plans as the crawl stage (selfeval.crawl.plan), with a printing sink."""
    import yaml
    from selfeval.cli import main

    portal, warehouse, _ = crawled
    cfg = portal.source()
    cfg.setdefault("politeness", {})["requests_per_second"] = 50
    reg = tmp_path / "sources"
    reg.mkdir()
    (reg / "s.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    assert main(["crawl", portal.source_id, "--dry-run", "--sources", str(reg)]) == 0
    listed = {line.split("  ")[1] for line in capsys.readouterr().out.splitlines() if line.strip()}
    assert listed == set(warehouse.documents(portal.source_id))
