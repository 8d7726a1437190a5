"""The crawl stages against a portal that misbehaves: nothing is lost, retries happen, refusals hold.

Faults are injected per path on the TRS test portal: timeouts, connection
resets, 5xx bursts, 429 with Retry-After, truncated bodies, a wrong
Content-Type, an HTML error page where a PDF should be, redirect loops,
redirects to the metadata endpoint and to a private address outside the
source's networks, an oversized body, and challenge pages. Backoff sleeps are
recorded (HttpClient's injected `sleep`), not slept.
"""

from __future__ import annotations

import ipaddress

import pytest
from selfeval.sources.schema import SourceConfig

from tests.crawl.portals import FIXTURES, PDF, Response, TrsPortal

CHALLENGES = {
    "edgeone": Response(200, (FIXTURES / "edgeone-challenge.html").read_bytes()),
    "ruishu": Response(412, b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
                            b'<script>$_ts=window[\'$_ts\'];if(!$_ts)$_ts={};$_ts.nsd=53231;$_ts.cd="qEcqrAl";'
                            b'</script><script type="text/javascript" charset="utf-8" src="/4QbVtADbnLVI/c.FxJzG50.js">'
                            b'</script></head><body></body></html>'),
    "jsl": Response(521, b"<html><body><script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')"
                         b"+('e')+('a')+('r')+('a')+('n')+('c')+('e')+('_')+('s')+('=')+(-~[]+'')+"
                         b"';Max-age=3600;path=/';location.href=location.pathname+location.search</script>"
                         b"</body></html>"),
    "wzws": Response(200, b'<!DOCTYPE html><html><head><title></title><script type="text/javascript">'
                          b'var wzwschallenge="RANDOMSTR";var wzwschallengex="STRRANDOM";var template=3;'
                          b'var encoderchars="ABCDEFGHIJ";function KTKY2RBD9NHPBCIHV9ZMEQQDARSLVFDU(str){}'
                          b'</script><script src="/wzwsrel/challenge.js"></script></head><body></body></html>'),
}


def _docs(portal, kind: str | None = None):
    """Attachments of relevant items (of one kind), in list order."""
    return [d for e in portal.entries if e.relevant and e.kind != "container" and kind in (None, e.kind)
            for d in e.docs]


def _assert_nothing_lost(portal, warehouse):
    """Every relevant document is stored, or its item is recorded as failed with a reason."""
    docs = warehouse.documents(portal.source_id)
    items = warehouse.items(portal.source_id)
    for url, (entry, _name) in portal.expected_documents().items():
        if url in docs:
            continue
        row = items.get(url) or items.get(portal.url(entry.detail_path))
        assert row is not None, f"lost: {url}"
        assert row["status"] == "failed" and row["reason"], (url, row["status"], row["reason"])
    assert not set(docs) & portal.off_topic_urls()


def _loopback_only(run) -> None:
    assert run.connects and all(ipaddress.ip_address(ip).is_loopback for _h, ip, _p in run.connects), run.connects


def test_faults_are_retried_or_recorded_and_nothing_is_lost(warehouse):
    with TrsPortal() as portal:
        reports = _docs(portal)
        reset, slow, cut, wrongtype, errpage, loop, meta, private, big, stream = reports[:10]
        portal.faults.update({
            "/zwgk/jxzp/index_1.html": ["503", "502"],  # 5xx burst on a list page
            "/zwgk/jxzp/index_2.html": ["429:7"],  # rate limited, told when to come back
            reset.path: ["reset"],
            slow.path: ["timeout:1"] * 8,  # never answers within the 0.5 s timeout
            cut.path: ["truncate"],
            stream.path: ["bigstream:40"] * 4,  # ~2.6 MB without Content-Length, past the 1 MB cap
        })
        portal.special.update({
            wrongtype.path: Response(200, wrongtype.body, "text/html; charset=utf-8"),
            errpage.path: Response(200, "<!DOCTYPE html><html><body>文件不存在或已删除</body></html>".encode()),
            loop.path: Response(302, b"", headers={"Location": loop.path}),
            meta.path: Response(302, b"", headers={"Location": "http://169.254.169.254/latest/meta-data/"}),
            private.path: Response(302, b"", headers={"Location": "http://10.0.0.1/secret.pdf"}),
            big.path: Response(200, PDF + b"0" * (1024 * 1024 + 10), "application/pdf"),
        })
        src = portal.source(max_download_mb=1, private_networks=["127.0.0.0/8"],
                            allow_hosts=["127.0.0.1", "10.0.0.1"])
        src["politeness"]["timeout_s"] = 0.5
        run = warehouse.run(src)

    _assert_nothing_lost(portal, warehouse)
    _loopback_only(run)
    docs, items = warehouse.documents(portal.source_id), warehouse.items(portal.source_id)
    for d in (reset, cut, wrongtype):  # retried (or wrong type tolerated) and stored
        assert portal.url(d.path) in docs, d.path
    assert docs[portal.url(wrongtype.path)][0]["file_name"].endswith(".pdf")
    failed = {"slow": slow, "errpage": errpage, "loop": loop, "meta": meta, "private": private, "big": big,
              "stream": stream}
    reason = {name: items[portal.url(d.path)]["reason"] for name, d in failed.items()}
    assert all(items[portal.url(d.path)]["status"] == "failed" for d in failed.values())
    assert "timeout" in reason["slow"]
    assert "HTML page" in reason["errpage"]
    assert "too many redirects" in reason["loop"]
    assert "redirect refused" in reason["meta"] and "169.254.169.254" in reason["meta"]
    assert "redirect refused" in reason["private"] and "10.0.0.1" in reason["private"]
    assert "outside" in reason["private"]  # refused by the address guard, not just the host allow-list
    assert "too large" in reason["big"] and "too large" in reason["stream"]
    hits = [p for _m, p, _s in portal.hits()]
    assert hits.count("/zwgk/jxzp/index_1.html") == 3 and hits.count(reset.path) == 2 and hits.count(cut.path) == 2
    assert hits.count(slow.path) == 4  # 1 + max_retries, then recorded as failed
    assert 7.0 in run.sleeps and len(run.sleeps) >= 8
    assert not run.crawl.errors  # list-page trouble was retried away
    fetch_errors = {r["error"] for r in warehouse.sql("SELECT error FROM fetch WHERE error IS NOT NULL")}
    assert any("refused address 169.254.169.254" in e for e in fetch_errors), fetch_errors


def test_failures_are_retried_next_run(warehouse):
    with TrsPortal() as portal:
        detail = next(e for e in portal.entries if e.kind == "report")
        doc = _docs(portal, "report2")[0]
        portal.faults.update({detail.detail_path: ["500"] * 4, doc.path: ["503"] * 4})
        first = warehouse.run(portal.source())
        items = warehouse.items(portal.source_id)
        assert items[portal.url(detail.detail_path)]["status"] == "failed"
        assert items[portal.url(detail.detail_path)]["reason"] == "detail page: HTTP 500"
        assert items[portal.url(doc.path)]["status"] == "failed" and first.download.failed == 1
        second = warehouse.run(portal.source())
        assert second.crawl.details_retried == 1 and second.download.downloaded == 2
        assert set(portal.expected_documents()) == set(warehouse.documents(portal.source_id))


@pytest.mark.parametrize("name", sorted(CHALLENGES))
def test_challenge_page_blocks_the_source_and_backs_off(name, warehouse):
    with TrsPortal() as portal:
        portal.special["/zwgk/jxzp/index.html"] = CHALLENGES[name]
        run = warehouse.run(portal.source())
        assert run.crawl.blocked and name in run.crawl.blocked
        assert run.crawl.items_seen == 0 and run.download.downloaded == 0
        hits = [p for _m, p, _s in portal.hits()]
        assert hits.count("/zwgk/jxzp/index.html") == 1  # a challenge is never retried
        [src] = warehouse.sql("SELECT status, status_detail FROM source WHERE id = ?", portal.source_id)
        assert src["status"] == "blocked" and name in src["status_detail"]
        portal.reset_log()
        again = warehouse.run(portal.source())
        assert again.crawl.blocked.startswith("backing off") and portal.hits() == []
        [crawl_run] = warehouse.sql("SELECT status FROM crawl_run ORDER BY id DESC LIMIT 1")
        assert crawl_run["status"] == "blocked"


def test_the_back_off_holds_on_another_worker(warehouse, tmp_path, monkeypatch):
    """On CeleryExecutor the next crawl of a source may run on another worker, with a data dir of its own: the
    crawl state (anti-bot back-off, robots.txt, columns walked to the end) is in the warehouse, not on disk."""
    from tests.crawl.conftest import Warehouse

    with TrsPortal() as portal:
        portal.special["/zwgk/jxzp/index.html"] = CHALLENGES["edgeone"]
        assert warehouse.run(portal.source()).crawl.blocked
        assert not (warehouse.data_dir / "state").exists()
        [row] = warehouse.sql("SELECT source_id, state FROM crawl_state")
        assert row["source_id"] == portal.source_id and '"blocked": {' in row["state"]
        portal.reset_log()
        monkeypatch.setenv("SELFEVAL_WAREHOUSE_URL", warehouse.settings.warehouse_url)
        monkeypatch.setenv("SELFEVAL_DATA_DIR", str(tmp_path / "worker-b"))
        again = Warehouse(tmp_path / "worker-b").run(portal.source())
        assert again.crawl.blocked.startswith("backing off") and portal.hits() == []


def test_a_state_file_of_an_older_version_is_taken_over(warehouse):
    """Before the crawl_state table the state was a file in SELFEVAL_DATA_DIR/state: read once, then kept in
    the warehouse (an upgrade keeps a back-off and costs no full crawl)."""
    from selfeval.crawl.state import CrawlState
    from selfeval.pipeline.crawl import load_state

    source = SourceConfig.model_validate({"id": "old-one", "name": "old", "family": "static_list",
                                          "start_urls": ["http://x.gov.cn/jxzp/index.html"],
                                          "list": {"item": "li", "link": "a"}})
    old = CrawlState.for_source(warehouse.data_dir, "old-one")
    old.finish_start("http://x.gov.cn/jxzp/index.html", True)
    old.record_block("anti-bot challenge (edgeone) HTTP 200")
    old.save()  # the file, as older versions wrote it
    state = load_state(source, warehouse.settings)
    assert state.complete("http://x.gov.cn/jxzp/index.html") and state.backing_off()
    state.save()
    old.path.unlink()
    again = load_state(source, warehouse.settings)
    assert again.complete("http://x.gov.cn/jxzp/index.html") and again.backing_off()
    assert [r["source_id"] for r in warehouse.sql("SELECT source_id FROM crawl_state")] == ["old-one"]


def test_challenge_on_a_detail_page_stops_the_crawl(warehouse):
    with TrsPortal() as portal:
        victim = next(e for e in portal.entries if e.kind == "report")
        portal.special[victim.detail_path] = CHALLENGES["ruishu"]
        run = warehouse.run(portal.source())
        assert run.crawl.blocked and victim.detail_path in run.crawl.blocked
        row = warehouse.items(portal.source_id)[portal.url(victim.detail_path)]
        assert row["status"] == "failed" and "anti-bot" in row["reason"]
        assert run.download.downloaded == 0  # the download stage backs off too
        later = [p for _m, p, _s in portal.hits()][-1]
        assert later == victim.detail_path  # nothing requested after the challenge


def test_a_list_that_yields_nothing_is_a_warning_not_ok(warehouse):
    """Selectors that match nothing (a redesigned column) must not pass as a quiet portal."""
    from tests.crawl.portals import TrsPortal

    with TrsPortal(n=12, source_id="t-empty") as p:
        run = warehouse.run(p.source(list={"item": "div.no-such-row", "link": "a"}))
        assert run.crawl.items_seen == 0
        [row] = warehouse.sql("SELECT status, status_detail FROM source WHERE id = ?", "t-empty")
        assert row["status"] == "warning" and "0 items" in row["status_detail"], row


def test_item_recorded_but_never_opened_is_resumed_and_dead_run_abandoned(warehouse):
    """A crawl killed right after committing a detail item as `new` (before its request) loses nothing:
    the next run opens it, and the dead run is marked abandoned instead of staying 'running' for ever."""
    import sqlite3

    from tests.crawl.portals import TrsPortal

    with TrsPortal(n=12, source_id="t-kill") as p:
        warehouse.run(p.source())
        expected = set(warehouse.documents("t-kill"))
        con = sqlite3.connect(warehouse.data_dir / "warehouse.sqlite")
        victim = con.execute("SELECT id, url FROM discovered_item WHERE source_id='t-kill' AND kind='detail' "
                             "AND status='expanded' LIMIT 1").fetchone()
        children = [r[0] for r in con.execute("SELECT url FROM discovered_item WHERE parent_id=?", (victim[0],))]
        # the state a SIGKILL leaves: the item committed as new, nothing under it, the run still running
        con.execute("DELETE FROM document_version WHERE document_id IN (SELECT id FROM document WHERE "
                    "discovered_item_id IN (SELECT id FROM discovered_item WHERE parent_id=?))", (victim[0],))
        con.execute("DELETE FROM document WHERE discovered_item_id IN (SELECT id FROM discovered_item "
                    "WHERE parent_id=?)", (victim[0],))
        con.execute("DELETE FROM discovered_item WHERE parent_id=?", (victim[0],))
        con.execute("UPDATE discovered_item SET status='new', attempts=0 WHERE id=?", (victim[0],))
        con.execute("UPDATE crawl_run SET status='running', finished_at=NULL WHERE source_id='t-kill'")
        con.commit()
        con.close()
        assert children and not set(children) <= set(warehouse.documents("t-kill"))
        warehouse.run(p.source())
        assert set(warehouse.documents("t-kill")) == expected  # nothing lost
        runs = warehouse.sql("SELECT status FROM crawl_run WHERE source_id='t-kill' ORDER BY id")
        assert [r["status"] for r in runs][0] == "abandoned" and "running" not in [r["status"] for r in runs]
